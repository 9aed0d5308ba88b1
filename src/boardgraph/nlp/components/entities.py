"""``bg_entities``: the component that runs the finders, keeps the best
non-overlapping candidates and writes them to ``doc.spans["bg"]``."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span

from boardgraph.lexicons.names import fold, heading_case, name_key, squash
from boardgraph.lexicons.register import Register, default_register
from boardgraph.model import COUNCIL, ORGANISATION, PERSON, PROGRAMME
from boardgraph.nlp.components.bodies import cued_firms, joined_firms, named_bodies, ner_organisations
from boardgraph.nlp.components.councils import council_acronyms, find_councils
from boardgraph.nlp.components.lexicon import Lexicon
from boardgraph.nlp.components.people import (
    bodies_after_people,
    chair_pronoun,
    coordinated_people,
    drop_person_initials,
    drop_place_people,
    from_context,
    from_ner,
    people_with_a_post,
    shared_title,
    titled_people,
    trim_people_at_councils,
)
from boardgraph.nlp.components.programmes import recurring_programmes
from boardgraph.nlp.components.spans import SPAN_KEY, Candidate, select


@Language.factory(
    "bg_entities",
    # token.pos is read too; it comes from the attribute_ruler, which declares nothing
    requires=["doc.sents", "doc.ents", "token.tag", "token.lemma"],
    assigns=["doc.spans"],
    default_config={
        "use_ner": True,
        "given_names": {"@misc": "boardgraph.words.v1", "name": "entities_given_names"},
        "common_words": {"@misc": "boardgraph.words.v1", "name": "entities_common_words"},
    },
)
def make_entities(
    nlp: Language, name: str, use_ner: bool, given_names: frozenset[str], common_words: frozenset[str]
) -> EntityFinder:
    return EntityFinder(use_ner=use_ner, nlp=nlp, lexicon=Lexicon(nlp, given_names, common_words))


class EntityFinder:
    """Find the four entity types with rules that know how reports name things."""

    def __init__(
        self,
        use_ner: bool = True,
        register: Register | None = None,
        nlp: Language | None = None,
        lexicon: Lexicon | None = None,
    ):
        self.use_ner = use_ner
        self._register = register
        self.lexicon = lexicon or Lexicon(nlp)

    @property
    def register(self) -> Register:
        if self._register is None:
            self._register = default_register()
        return self._register

    def _is_place(self, text: str) -> bool:
        return self.register.lookup_place(text) is not None

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc._.bg_context or {}
        day = dt.date.fromisoformat(ctx["date"]) if ctx.get("date") else None
        cands: list[Candidate] = []
        cands += from_context(doc, ctx)
        cands += find_councils(doc, day, self.register)
        cands += shared_title(doc, titled_people(doc, self.lexicon), self.lexicon)
        cands += people_with_a_post(doc, self.lexicon)
        cands += named_bodies(doc, self.lexicon, self._is_place)
        cands += recurring_programmes(doc)
        cands += joined_firms(doc, self.lexicon, self._is_place)
        cands += cued_firms(doc, self.lexicon, self._is_place)
        if self.use_ner:
            cands += from_ner(doc, self.register, self.lexicon)
            cands += ner_organisations(doc, self.lexicon, self._is_place)
        cands += chair_pronoun(doc, ctx)
        cands = coordinated_people(doc, cands, self.lexicon)
        cands = trim_people_at_councils(doc, cands)
        cands = bodies_after_people(doc, cands)
        cands = drop_person_initials(doc, cands)
        cands = drop_place_people(doc, cands, self.lexicon)
        cands = drop_fallbacks_named_otherwise(cands)
        chosen = select(cands)
        chosen = council_acronyms(doc, chosen, day, self.register)
        chosen = propagate(doc, chosen)
        doc.spans[SPAN_KEY] = [to_span(doc, c) for c in chosen]
        return doc


# Rules that only guess at a name's type from the statistical NER.
FALLBACK_RULES = frozenset({"ner-organisation", "ner-person"})


def drop_fallbacks_named_otherwise(cands: list[Candidate]) -> list[Candidate]:
    """A name the rules type one way in one place ("the X Councils programme") is
    not typed another way from the NER's guess in another."""
    typed = {name_key(c.name): c.label for c in cands if c.rule not in FALLBACK_RULES and c.name}
    # "J. Smith" or "Ann Smith" as an organisation, where Cllr Smith is a person
    surnames = {
        c.name.split()[-1].lower()
        for c in cands
        if c.label == PERSON and c.name and c.rule not in FALLBACK_RULES
    }
    return [
        c
        for c in cands
        if c.rule not in FALLBACK_RULES
        or (
            typed.get(name_key(c.name), c.label) == c.label
            and not (c.label == ORGANISATION and c.name.split()[-1].lower() in surnames)
        )
    ]


def propagate(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """Once a name is known in a report, its other occurrences are mentions too."""
    known = _known_names(doc, chosen)
    taken = [False] * len(doc)
    for c in chosen:
        taken[c.start : c.end] = [True] * (c.end - c.start)
    extra = _other_mentions(doc, known, taken)
    return _drop_unnamed_events(chosen, sorted(chosen + extra, key=lambda c: (c.start, c.end)))


def _known_names(doc: Doc, chosen: list[Candidate]) -> dict[tuple[str, ...], Candidate]:
    """The lower-cased words of each name worth finding again, and its acronym."""
    known: dict[tuple[str, ...], Candidate] = {}
    for c in chosen:
        if c.rule == "event-of":  # kept below only if the report names the programme itself
            continue
        if (c.label in {ORGANISATION, PROGRAMME} and c.end - c.start >= 2) or c.rule in {
            "acronym",
            "council-acronym",
        }:
            known.setdefault(tuple(t.lower_ for t in doc[c.start : c.end]), c)
        if c.acronym and c.label != COUNCIL:
            known.setdefault((c.acronym.lower(),), Candidate(0, 0, c.label, "acronym-of", 60, c.acronym))
    return known


def _other_mentions(doc: Doc, known: dict[tuple[str, ...], Candidate], taken: list[bool]) -> list[Candidate]:
    """The known names where no candidate is yet, the longest first; marks them taken."""
    extra: list[Candidate] = []
    keys = sorted(known, key=len, reverse=True)
    for i in range(len(doc)):
        if taken[i] or not doc[i].text[:1].isupper():
            continue
        key = _name_at(doc, i, keys, taken)
        if key is None:
            continue
        n = len(key)
        src = known[key]
        extra.append(Candidate(i, i + n, src.label, "propagated", src.priority - 5, src.name, key=src.key))
        taken[i : i + n] = [True] * n
    return extra


def _name_at(doc: Doc, i: int, keys: list[tuple[str, ...]], taken: list[bool]) -> tuple[str, ...] | None:
    """The first of keys written at i over words not taken."""
    for key in keys:
        n = len(key)
        if i + n > len(doc) or any(taken[i : i + n]) or tuple(t.lower_ for t in doc[i : i + n]) != key:
            continue
        # an acronym is written in capitals: "Acc" or "Risk" is not "ACC" or "RISK"
        if n == 1 and not doc[i].text.isupper():
            continue
        return key
    return None


def _drop_unnamed_events(chosen: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    """ "the Bright Y Camp" names the programme "Bright Y …" only if the report names it."""
    programme_keys = [name_key(c.name) for c in chosen if c.label == PROGRAMME and c.rule != "event-of"]

    def named(event: str) -> bool:
        return any(p == event or p.startswith(event + " ") for p in programme_keys)

    return [c for c in cands if c.rule != "event-of" or named(name_key(c.name))]


def to_span(doc: Doc, c: Candidate) -> Span:
    span = Span(doc, c.start, c.end, label=c.label)
    name = c.name or squash(fold(span.text))
    # "FENWICK COMMUNITY COUNCIL" in a heading is the body "Fenwick Community Council"
    span._.bg_name = name if c.label == PERSON else heading_case(name)
    span._.bg_titles = tuple(c.titles)
    span._.bg_rule = c.rule
    span._.bg_key = c.key
    span._.bg_chair = c.chair
    span._.bg_acronym = c.acronym
    span._.bg_alias_of = doc[c.alias_of].idx if c.alias_of is not None else None
    return span

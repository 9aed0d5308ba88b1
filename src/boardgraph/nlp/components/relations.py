"""``bg_relations``: who acted with whom, and who took part in which programme.

Relations are interaction events: two parties are linked when they are
co-agents of one action, never for being named in the same sentence. The
component reads the parse around the mentions that ``bg_entities`` found
(``doc.spans["bg"]``) and writes plain dicts (they cross process boundaries)
to ``doc._.bg_relations`` and ``doc._.bg_roles``; ``boardgraph.graph.relate`` turns
them into records between resolved entities.

Each rule is a small function over one :class:`Sentence` context, named for
what it recognises, and returns candidates. The words the rules react to are
data (``lexicons/relations_*.txt``), passed in from ``pipeline.cfg``.

Before the rules run, words that stand for a party are resolved to a mention
of it (:func:`referents`): "I" is the report's chair (a mention
``bg_entities`` already makes), "we", "the Council", "this Authority" are the
report's board, "the Clerk" / "the Chairman" are the person the report names
in that office ("Mrs A Jones (Clerk)").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from boardgraph.lexicons import words
from boardgraph.lexicons.names import PEOPLE_NOUNS, PLURAL_TITLES, ROLE_WORDS, fold, squash
from boardgraph.model import COUNCIL, ORGANISATION, PARTICIPATES, PERSON, PROGRAMME, WORKED_WITH
from boardgraph.nlp.components.spans import SPAN_KEY

AGENT_TYPES = frozenset({PERSON, ORGANISATION, COUNCIL})
MEMBER_TYPES = frozenset({ORGANISATION, COUNCIL})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependencies through which an action's subject is inherited from the verb above.
INHERITS_SUBJECT = frozenset(
    {"xcomp", "conj", "advcl", "pcomp", "prep", "pobj", "ccomp", "acl", "advmod", "npadvmod", "acomp"}
)
# Dependencies that open a clause of their own.
CLAUSES = frozenset({"advcl", "ccomp", "relcl", "acl", "xcomp", "csubj", "parataxis"})
# Parts of a phrase that are not its parties: appositions, clauses, modifiers.
NOT_PARTIES = frozenset({"appos", "relcl", "acl", "advcl", "prep", "punct", "cc", "det", "amod", "prt"})


def _words(name: str) -> dict:
    return {"@misc": "boardgraph.words.v1", "name": name}


@dataclass(frozen=True)
class Lexicon:
    """The vocabulary of the relation rules (one ``relations_*.txt`` list each)."""

    comitative_heads: frozenset[str] = field(default_factory=lambda: words("relations_comitative"))
    joint_adverbs: frozenset[str] = field(default_factory=lambda: words("relations_joint_adverbs"))
    not_comitative: frozenset[str] = field(default_factory=lambda: words("relations_not_comitative"))
    not_joint: frozenset[str] = field(default_factory=lambda: words("relations_not_joint"))
    interaction_verbs: frozenset[str] = field(default_factory=lambda: words("relations_interaction_verbs"))
    hiring_verbs: frozenset[str] = field(default_factory=lambda: words("relations_hiring_verbs"))
    service_verbs: frozenset[str] = field(default_factory=lambda: words("relations_service_verbs"))
    object_control: frozenset[str] = field(default_factory=lambda: words("relations_object_control"))
    participation: frozenset[str] = field(default_factory=lambda: words("relations_participation"))
    programme_nouns: frozenset[str] = field(default_factory=lambda: words("relations_programme_nouns"))
    author_pronouns: frozenset[str] = field(default_factory=lambda: words("relations_author_pronouns"))
    body_nouns: frozenset[str] = field(default_factory=lambda: words("relations_body_nouns"))
    roles: dict[str, str] = field(default_factory=lambda: offices(words("relations_roles")))
    service_roles: frozenset[str] = field(default_factory=lambda: words("relations_service_roles"))
    meeting_headings: frozenset[str] = field(default_factory=lambda: words("relations_meeting_headings"))
    sub_body_heads: frozenset[str] = field(default_factory=lambda: words("relations_sub_body_heads"))
    document_nouns: frozenset[str] = field(default_factory=lambda: words("relations_document_nouns"))
    guest_verbs: frozenset[str] = field(default_factory=lambda: words("relations_guest_verbs"))


def offices(entries: Iterable[str]) -> dict[str, str]:
    """ "chairman chair" lines: the word as written → the office it names."""
    out: dict[str, str] = {}
    for entry in sorted(entries):
        word, _, office = entry.partition(" ")
        out[word.lower()] = (office or word).strip().lower()
    return out


@Language.factory(
    "bg_relations",
    requires=["doc.sents", "token.dep", "token.lemma", "token.tag"],
    assigns=["doc._.bg_relations", "doc._.bg_roles"],
    default_config={
        "comitative_heads": _words("relations_comitative"),
        "joint_adverbs": _words("relations_joint_adverbs"),
        "not_comitative": _words("relations_not_comitative"),
        "not_joint": _words("relations_not_joint"),
        "interaction_verbs": _words("relations_interaction_verbs"),
        "hiring_verbs": _words("relations_hiring_verbs"),
        "service_verbs": _words("relations_service_verbs"),
        "object_control": _words("relations_object_control"),
        "participation": _words("relations_participation"),
        "programme_nouns": _words("relations_programme_nouns"),
        "author_pronouns": _words("relations_author_pronouns"),
        "body_nouns": _words("relations_body_nouns"),
        "roles": _words("relations_roles"),
        "service_roles": _words("relations_service_roles"),
        "meeting_headings": _words("relations_meeting_headings"),
        "sub_body_heads": _words("relations_sub_body_heads"),
        "document_nouns": _words("relations_document_nouns"),
        "guest_verbs": _words("relations_guest_verbs"),
    },
)
def make_relations(
    nlp: Language,
    name: str,
    comitative_heads: frozenset[str],
    joint_adverbs: frozenset[str],
    not_comitative: frozenset[str],
    not_joint: frozenset[str],
    interaction_verbs: frozenset[str],
    hiring_verbs: frozenset[str],
    service_verbs: frozenset[str],
    object_control: frozenset[str],
    participation: frozenset[str],
    programme_nouns: frozenset[str],
    author_pronouns: frozenset[str],
    body_nouns: frozenset[str],
    roles: frozenset[str],
    service_roles: frozenset[str],
    meeting_headings: frozenset[str],
    sub_body_heads: frozenset[str],
    document_nouns: frozenset[str],
    guest_verbs: frozenset[str],
) -> RelationFinder:
    return RelationFinder(
        Lexicon(
            comitative_heads=frozenset(comitative_heads),
            joint_adverbs=frozenset(joint_adverbs),
            not_comitative=frozenset(not_comitative),
            not_joint=frozenset(not_joint),
            interaction_verbs=frozenset(interaction_verbs),
            hiring_verbs=frozenset(hiring_verbs),
            service_verbs=frozenset(service_verbs),
            object_control=frozenset(object_control),
            participation=frozenset(participation),
            programme_nouns=frozenset(programme_nouns),
            author_pronouns=frozenset(author_pronouns),
            body_nouns=frozenset(body_nouns),
            roles=offices(roles),
            service_roles=frozenset(service_roles),
            meeting_headings=frozenset(meeting_headings),
            sub_body_heads=frozenset(sub_body_heads),
            document_nouns=frozenset(document_nouns),
            guest_verbs=frozenset(guest_verbs),
        )
    )


# ------------------------------------------------------------------ context


@dataclass
class Sentence:
    """What every rule sees: one sentence, the report's mentions and who stands for whom."""

    doc: Doc
    sent: Span
    spans: list[Span]
    tm: dict[int, int]  # token index → mention index (incl. resolved "we", "the Clerk")
    idxs: list[int]  # mentions in this sentence
    lex: Lexicon
    board: int | None = None  # a mention of the report's board
    previous: list[int] = field(default_factory=list)  # programmes of the sentence before
    author: int | None = None  # a mention of the report's chair ("I"), else None
    before: Span | None = None  # the sentence before (a heading over a list item)

    @property
    def speaker(self) -> int | None:
        """Who the report speaks as: its chair where named, else its board."""
        return self.author if self.author is not None else self.board

    def label(self, m: int) -> str:
        return self.spans[m].label_

    def starts_at(self, i: int) -> int | None:
        """The mention (or resolved referent) that begins at token ``i``."""
        m = self.tm.get(i)
        if m is None:
            return None
        if self.spans[m].start == i or self.tm.get(i - 1) != m:
            return m
        return None

    def end_of(self, i: int) -> int:
        """The token after the mention or referent starting at ``i``."""
        m = self.tm[i]
        j = i + 1
        while j < self.sent.end and self.tm.get(j) == m:
            j += 1
        return j

    def named_here(self, m: int) -> bool:
        """Whether mention ``m`` is written in this sentence (not only referred to)."""
        return self.sent.start <= self.spans[m].start < self.sent.end

    def mentions_in(self, tokens: Iterable[Token]) -> list[int]:
        seen: list[int] = []
        for t in tokens:
            m = self.tm.get(t.i)
            if m is not None and m not in seen:
                seen.append(m)
        return seen

    @property
    def span(self) -> list[int]:
        text = self.sent.text
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        return [self.sent.start_char + lead, self.sent.end_char - trail]

    def relation(self, kind: str, args: list[int], trigger: str, rule: str) -> dict:
        return {"kind": kind, "args": args, "trigger": trigger, "sentence": self.span, "rule": rule}


Rule = Callable[[Sentence], list[dict]]


# ------------------------------------------------------------------ referents


def office_holders(doc: Doc, spans: list[Span], roles: dict[str, str]) -> dict[str, int]:
    """Offices the report gives a person: "Cllr X (Chairman)", "Y – Clerk", "Clerk: Z".

    The first holder named wins; the chair from the report's metadata is the chair.
    """
    holders: dict[str, int] = {}
    for m, s in enumerate(spans):
        if s.label_ != PERSON:
            continue
        if s._.bg_chair and s._.bg_rule != "chair-pronoun":
            holders.setdefault("chair", m)
        k = s.end
        while k < len(doc) and doc[k].is_space:
            k += 1
        if k + 1 < len(doc) and doc[k].text in {"(", "-", "\u2013", "\u2014", ","}:
            office, end = office_at(doc, k + 1, roles)
            closed = end >= len(doc) or doc[end].text in {",", ")", "."} or "\n" in doc[end - 1].whitespace_
            if office and (doc[k].text != "," or closed):
                holders.setdefault(office, m)
        before = [t for t in doc[max(s.start - 2, 0) : s.start] if not t.is_space]
        if len(before) == 2 and before[1].text == ":" and roles.get(before[0].lower_):
            holders.setdefault(roles[before[0].lower_], m)
    return holders


DEPUTY_WORDS = frozenset({"vice", "deputy", "assistant", "acting", "former", "interim"})


def office_at(doc: Doc, i: int, roles: dict[str, str]) -> tuple[str | None, int]:
    """The office named by the capitalised words from token ``i`` ("Chairman", "Chief
    Constable", "Police and Crime Commissioner") and the token after it; the longest
    run of words that names one ("the Clerk and Cllr X": the Clerk)."""
    caps = _capitalised_run(doc, i)
    for n in range(len(caps), 0, -1):  # the office written out ("Vice-Chairman")
        office = roles.get("-".join(t.lower_ for t in caps[:n]))
        if office:
            return office, caps[n - 1].i + 1
    for n in range(len(caps), 0, -1):  # an office by its head ("… Commissioner")
        words = {t.lower_ for t in caps[:n]}
        office = roles.get(caps[n - 1].lower_) if not words & DEPUTY_WORDS else None
        if office:
            return office, caps[n - 1].i + 1
    return None, i


def _capitalised_run(doc: Doc, i: int) -> list[Token]:
    """The capitalised words from token ``i`` on, over "-", "and", "of" (six tokens at most)."""
    caps: list[Token] = []
    j = i
    while j < len(doc) and j - i < 6:
        t = doc[j]
        if t.text[:1].isupper() and t.is_alpha:
            caps.append(t)
        elif not (t.text == "-" or (caps and t.lower_ in {"and", "of", "&"})):
            break
        j += 1
        if "\n" in t.whitespace_:
            break
    return caps


def board_mention(doc: Doc, spans: list[Span]) -> int | None:
    """A mention of the report's board: the header's, or any naming the same body."""
    ctx = doc._.bg_context or {}
    board = ctx.get("board")
    for m, s in enumerate(spans):
        if s._.bg_rule.startswith("report-board") and s.label_ in MEMBER_TYPES:
            return m
    if not board:
        return None
    want = squash(fold(board)).lower()
    for m, s in enumerate(spans):
        if s.label_ in MEMBER_TYPES and (s._.bg_name or "").lower() == want:
            return m
    return None


def we_of(spans: list[Span], lex: Lexicon, board: int | None) -> int | None:
    """Who "we" is: the report's board, unless the board is a committee or board of a
    larger body, whose "we" may be either: then nobody (no guess)."""
    if board is None:
        return None
    name = (spans[board]._.bg_name or spans[board].text).split()
    return board if name and name[-1].lower() not in lex.sub_body_heads else None


def author_mention(spans: list[Span]) -> int | None:
    """A mention of the report's chair: named in the header, else "I"."""
    chair = [m for m, s in enumerate(spans) if s._.bg_chair and s.label_ == PERSON]
    named = [m for m in chair if spans[m]._.bg_rule != "chair-pronoun"]
    first = named or chair
    return first[0] if first else None


def referents(doc: Doc, spans: list[Span], lex: Lexicon, board: int | None) -> dict[int, int]:
    """Words that stand for a party, mapped to a mention of it.

    "we"/"us" and "the/this/our Council" (a head noun of the board's own name)
    are the report's board; "the Clerk", "the Chairman" are the person the
    report names in that office. Words inside a mention are left alone.
    """
    taken = {t.i for s in spans for t in s}
    out: dict[int, int] = {}
    board_heads: set[str] = set()
    board_initials: set[str] = set()
    if board is not None:
        name = (spans[board]._.bg_name or spans[board].text).split()
        board_heads = {w.lower() for w in name if w.lower() in lex.body_nouns}
        board_initials = initials(name)
    holders = office_holders(doc, spans, lex.roles)
    voice = we_of(spans, lex, board)
    for tok in doc:
        if tok.i in taken:
            continue
        low = tok.lower_
        if voice is not None and low in lex.author_pronouns and tok.pos_ == "PRON":
            out[tok.i] = voice
            continue
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            board is not None
            and low in board_heads
            and tok.text[:1].isupper()
            and not (nxt is not None and nxt.lower_ in {"of", "'s", "\u2019s"})
            and _board_kind_before(doc, tok, spans[board])
        ):
            out[tok.i] = board  # "the Parish Council": the board's own kind of council
            continue
        # "the Chairman and Clerk": the article of the first office serves both
        shared = (
            prev in {"and", "&"} and tok.i > 1 and lex.roles.get(doc[tok.i - 2].lower_.strip(".")) is not None
        )
        if not (prev in {"the", "this", "our"} or shared) or (
            nxt is not None and nxt.lower_ in {"of", "'s", "\u2019s"}
        ):
            continue
        if board is not None and low in board_heads and tok.text[:1].isupper():
            out[tok.i] = board
        elif board is not None and tok.text in board_initials:
            out[tok.i] = board  # "the CC", "the PC": the board's kind by its initials
        elif tok.text[:1].isupper():
            out.update(_office_holder_words(doc, tok, lex.roles, holders, taken))
    return out


def _office_holder_words(
    doc: Doc, tok: Token, roles: dict[str, str], holders: dict[str, int], taken: set[int]
) -> dict[int, int]:
    """ "the Chief Constable", "the Commissioner": the words of an office, standing for
    the person the report names in it."""
    office, end = office_at(doc, tok.i, roles)
    if office not in holders or any(t.i in taken for t in doc[tok.i : end]):
        return {}
    return {t.i: holders[office] for t in doc[tok.i : end] if not t.is_space}


def _board_kind_before(doc: Doc, head: Token, board: Span) -> bool:
    """ "the Parish Council" in a parish council's minutes: "the", then only words of the
    board's own name (over line breaks), then its head noun."""
    own = {w.lower() for w in (board._.bg_name or board.text).split()}
    i = head.i - 1
    words = 0
    while i >= 0 and (doc[i].is_space or (doc[i].lower_ in own and doc[i].text[:1].isupper())):
        words += not doc[i].is_space
        i -= 1
    return words >= 1 and i >= 0 and doc[i].lower_ in {"the", "this", "our"}


def initials(name: list[str]) -> set[str]:
    """ "Elm Parish Council" → {"EPC", "PC"}: the initials of the name and of its tail."""
    caps = [w[0] for w in name if w[:1].isupper()]
    return {"".join(caps[k:]) for k in range(len(caps) - 1)} if len(caps) >= 2 else set()


def pronoun_referents(doc: Doc, spans: list[Span], tm: dict[int, int]) -> dict[int, int]:
    """ "he", "she", "herself", "him" as the one person who is the subject nearby.

    Inside a sentence the pronoun is the main verb's subject ("X reported that
    she and Y would attend", "X noted the work of herself and Y"); opening a
    sentence it is the subject of the sentence before ("X has reported the
    potholes. She has also spoken to Y"). Only a single named person qualifies.
    """
    out: dict[int, int] = {}
    previous: int | None = None
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        own = _subject_pronouns(sent, spans, tm, previous, out)
        # "Cllr B will assist him": an object pronoun is never its own clause's subject,
        # so it is the one person the sentence before had as subject
        if previous is not None and previous != own:
            for tok in sent:
                if tok.lower_ in OBJECT_PRONOUNS and tok.dep_ in OBJECT_DEPS and tok.i not in tm:
                    out[tok.i] = previous
        previous = own
    return out


def _subject_pronouns(
    sent: Span, spans: list[Span], tm: dict[int, int], previous: int | None, out: dict[int, int]
) -> int | None:
    """Map the sentence's "he"/"she" into ``out``; the person who is its subject."""
    own = _person_subject(sent.root, spans, tm)
    for tok in sent:
        if tok.lower_ not in PERSONAL_PRONOUNS or tok.i in tm or tok.pos_ != "PRON":
            continue
        if own is not None and spans[own].start < tok.i:
            out[tok.i] = own
        elif tok.i == _first_word(sent) and previous is not None:
            out[tok.i] = previous
            # "She explained that she had met …": the sentence's subject, said twice
            if tok.dep_ in SUBJECT_DEPS and tok.head.i == sent.root.i:
                own = previous
    return own


PERSONAL_PRONOUNS = frozenset({"he", "she", "herself", "himself"})
OBJECT_PRONOUNS = frozenset({"him", "her"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative"})  # not "poss": "her report" is no one's object


def _first_word(sent: Span) -> int:
    return next((t.i for t in sent if not (t.is_space or t.is_punct)), sent.start)


def _person_subject(verb: Token, spans: list[Span], tm: dict[int, int]) -> int | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    found = {tm[t.i] for s in subjects for t in s.subtree if t.i in tm and spans[tm[t.i]].label_ == PERSON}
    return found.pop() if len(found) == 1 else None


# ------------------------------------------------------------------ phrases


@dataclass
class _PhraseParts:
    """The tokens of a phrase, sorted by what they say about its parties."""

    keep: list[Token] = field(default_factory=list)
    # "officials from the X Unit", "representatives of Y": the people stand for their body
    represented: list[Token] = field(default_factory=list)
    # "the Minister for X, Jo Bloggs MP": a role named first, the person in apposition
    role_holders: list[Token] = field(default_factory=list)


def phrase_agents(ctx: Sentence, head: Token) -> list[int]:
    """Parties in the phrase headed by ``head``, without appositions and clauses.

    "Jo Bloggs MP, Parliamentary Under Secretary of State, Department for …"
    is one person: the department is his role, not a second party.
    """
    tm, spans = ctx.tm, ctx.spans
    parts = _PhraseParts()
    _walk_phrase(tm, head, parts)
    found = _named_parties(ctx, head, parts)
    if head.i not in tm:
        found = list(dict.fromkeys(those_bodies(ctx, head) + found))
    # A person's appended role ("Councillor X, the Y Board Chair") is not another party:
    # when the phrase names people, bodies in it are their roles.
    if any(spans[m].label_ == PERSON for m in found):
        found = [m for m in found if spans[m].label_ == PERSON]
    bodies = [
        m
        for m in ctx.mentions_in(sorted(parts.represented, key=lambda t: t.i))
        if ctx.label(m) in MEMBER_TYPES
    ]
    return list(dict.fromkeys(found + bodies))


def _walk_phrase(tm: dict[int, int], tok: Token, parts: _PhraseParts) -> None:
    parts.keep.append(tok)
    for child in tok.children:
        if _role_apposition(tm, tok, child):
            parts.role_holders.extend(child.subtree)
        parts.role_holders.extend(_holder_after_of(tm, tok, child))
        if _people_for_a_body(tm, tok, child):
            parts.represented.extend(t for o in child.children if o.dep_ == "pobj" for t in o.subtree)
            continue
        if _leaves_phrase(tm, tok, child) and not _within_mention(tm, child):
            continue
        _walk_phrase(tm, child, parts)


def _role_apposition(tm: dict[int, int], tok: Token, child: Token) -> bool:
    """ "the Minister for X, Jo Bloggs MP": a role word, not a mention, with a holder in apposition."""
    return child.dep_ == "appos" and tok.lower_ in ROLE_WORDS and tok.i not in tm


def _holder_after_of(tm: dict[int, int], tok: Token, child: Token) -> list[Token]:
    """ "the Chief Executive of X, Jo Bloggs", "the Minister for Y, Jo Bloggs MP": the parser
    hangs the holder's name on the words after "of"/"for"; it is the role's holder all the same."""
    if (
        child.dep_ != "prep"
        or child.lower_ not in {"of", "for"}
        or tok.lower_ not in ROLE_WORDS
        or tok.i in tm
    ):
        return []
    holders: list[Token] = []
    frontier = [o for o in child.children if o.dep_ == "pobj"]
    for _ in range(3):  # "Secretary of State for X, Jo Bloggs"
        deeper: list[Token] = []
        for o in frontier:
            for c in o.children:
                if c.dep_ == "appos":
                    holders.extend(c.subtree)
                elif c.dep_ == "prep" and c.lower_ in {"of", "for"}:
                    deeper += [p for p in c.children if p.dep_ == "pobj"]
        frontier = deeper
    return holders


def _people_for_a_body(tm: dict[int, int], tok: Token, child: Token) -> bool:
    """ "officials from …", "representatives of …": people named by the body they stand for."""
    return (
        child.dep_ == "prep"
        and child.lower_ in {"from", "of", "at"}
        and tok.lower_ in PEOPLE_NOUNS
        and tok.i not in tm
    )


def _leaves_phrase(tm: dict[int, int], tok: Token, child: Token) -> bool:
    """An apposition or clause, which names no party of the phrase; "of" inside a mention stays."""
    return child.dep_ in NOT_PARTIES and not (child.dep_ == "prep" and child.lower_ == "of" and tok.i in tm)


def _within_mention(tm: dict[int, int], child: Token) -> bool:
    """A preposition that is part of the same mention as its head ("Department for X")."""
    return child.dep_ == "prep" and child.head.i in tm and tm.get(child.i) == tm.get(child.head.i)


def _named_parties(ctx: Sentence, head: Token, parts: _PhraseParts) -> list[int]:
    """The agents the phrase names; else the person holding a role it names; else, for a
    common noun, the party in its apposition ("by local firm, X")."""
    found = [m for m in ctx.mentions_in(sorted(parts.keep, key=lambda t: t.i)) if ctx.label(m) in AGENT_TYPES]
    if not found:
        found = [
            m
            for m in ctx.mentions_in(sorted(parts.role_holders, key=lambda t: t.i))
            if ctx.label(m) == PERSON
        ]
    if not found and head.i not in ctx.tm and head.pos_ == "NOUN":
        named = [t for c in head.children if c.dep_ == "appos" for t in c.subtree]
        found = [m for m in ctx.mentions_in(named) if ctx.label(m) in AGENT_TYPES]
    return found


def those_bodies(ctx: Sentence, head: Token) -> list[int]:
    """ "those organisations", "both councils": the bodies the sentence before named
    together (two or more of them), when this phrase names none itself."""
    if head.tag_ != "NNS" or head.lemma_.lower() not in ctx.lex.body_nouns or ctx.before is None:
        return []
    if not any(c.dep_ in {"det", "predet"} and c.lower_ in {"those", "these", "both"} for c in head.children):
        return []
    bodies = [m for m in ctx.mentions_in(ctx.before) if ctx.label(m) in MEMBER_TYPES]
    return bodies if len(bodies) >= 2 else []


def subject_agents(ctx: Sentence, verb: Token) -> list[int]:
    """The parties doing ``verb``: its subject, or the subject of the verb it hangs off.

    "A asked B to raise it with C": through an object-control verb the doer of
    the verb after "to" is the object (B), not the subject.
    """
    below: Token | None = None
    for tok in [verb, *verb.ancestors]:
        if below is not None and below.dep_ == "xcomp" and tok.lemma_.lower() in ctx.lex.object_control:
            objects = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
            if objects:
                return [m for o in objects for m in phrase_agents(ctx, o)]
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return [m for s in subjects for m in phrase_agents(ctx, s) or _own_staff(ctx, s)]
        if tok.dep_ not in INHERITS_SUBJECT:
            break
        below = tok
    return []


OWN_STAFF = frozenset({"officers", "staff"})


def _own_staff(ctx: Sentence, subject: Token) -> list[int]:
    """ "Officers have been working with X": the report's body's own officers act for it
    (whoever "we" is: a board of a larger body has the larger body's officers)."""
    voice = we_of(ctx.spans, ctx.lex, ctx.board)
    if subject.lower_ not in OWN_STAFF or voice is None or any(c.dep_ == "prep" for c in subject.children):
        return []
    return [voice]


def passive_agents(ctx: Sentence, tok: Token) -> list[int]:
    """ "run by the LGA in partnership with X": the agent of the passive verb above."""
    for anc in [tok, *tok.ancestors]:
        agents = [c for c in anc.children if c.dep_ == "agent"]
        if agents:
            return [m for a in agents for o in a.children for m in phrase_agents(ctx, o)]
        if anc.pos_ in {"VERB", "AUX"}:
            break
    return []


def people_after(ctx: Sentence, tok: Token) -> list[int]:
    """People listed right after ``tok`` ("with Cllr A, Cllr B and Sir C MP")."""
    doc = ctx.doc
    out: list[int] = []
    i = tok.i + 1
    while i < ctx.sent.end:
        m = ctx.starts_at(i)
        if m is not None and ctx.label(m) == PERSON:
            out.append(m)
            i = ctx.end_of(i)
            continue
        if out and doc[i].lower_ in {",", "and", "&"}:
            i += 1
            continue
        if not out and doc[i].lower_ in {"the", "fellow", "my", "our"}:
            i += 1
            continue
        break
    return out


ROLE_PHRASE_WORDS = frozenset({"of", "for", "and", "the", "&", "-"})


def role_holder_at(ctx: Sentence, i: int) -> int | None:
    """ "the Chief Executive, Jo Bloggs", "the Chair of X, Lord Y": the person named after a
    role phrase that starts at token ``i``, read from the words where the parse loses it."""
    doc, end = ctx.doc, ctx.sent.end
    j = i + 1 if i < end and doc[i].lower_ in {"the", "our", "its", "their", "his", "her"} else i
    stop, saw_role = min(end, j + 12), False
    while j < stop and doc[j].text != ",":
        m = ctx.starts_at(j)
        if m is not None and ctx.label(m) == PERSON:
            return None  # a name before the comma: not a role and its holder
        saw_role = saw_role or doc[j].lower_ in ROLE_WORDS
        if m is None and not (doc[j].text[:1].isupper() or doc[j].lower_ in ROLE_PHRASE_WORDS):
            return None
        j = ctx.end_of(j) if m is not None else j + 1
    if not saw_role or j + 1 >= end or doc[j].text != ",":
        return None
    holder = ctx.starts_at(j + 1)
    return holder if holder is not None and ctx.label(holder) == PERSON else None


def object_parties(ctx: Sentence, o: Token) -> list[int]:
    """The parties an object or "with" phrase names; for a role ("the Chair of X, Lord Y"),
    its holder rather than the body in the role's name."""
    found = phrase_agents(ctx, o)
    if any(ctx.label(m) == PERSON for m in found) or o.lower_ not in ROLE_WORDS:
        return found
    holder = role_holder_at(ctx, o.left_edge.i)
    return [holder] if holder is not None else found


def coordinated(tok: Token) -> list[Token]:
    """A phrase and the phrases coordinated with it ("A, B and C")."""
    inside = {x.i for x in tok.subtree}
    return [tok, *[t for t in tok.subtree if t.dep_ == "conj" and t.head.i in inside]]


def action_of(verb: Token) -> str:
    """The verb that says what a group did: "were pleased to endorse" → "endorse"."""
    while verb.lemma_ in {"be", "have", "help"} or any(c.dep_ == "acomp" for c in verb.children):
        nxt = next((t for t in verb.subtree if t.dep_ == "xcomp" and t.pos_ == "VERB" and t != verb), None)
        if nxt is None:
            break
        verb = nxt
    return verb.lemma_


def _first_party_above(ctx: Sentence, tok: Token) -> int | None:
    """ "I, along with X, …": the phrase "along with" hangs off the first party."""
    for anc in tok.ancestors:
        m = ctx.tm.get(anc.i)
        if m is not None and ctx.label(m) in AGENT_TYPES:
            return m
        if anc.pos_ in {"VERB", "AUX"}:
            return None
    return None


def _doers(ctx: Sentence, governor: Token) -> list[int]:
    """Who does the action ``governor`` names; for an event noun, the verb's subject."""
    if governor.pos_ == "NOUN":
        # "the intervention of A and B with X": the noun names its own doers
        of = [o for c in governor.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
        doers = [m for o in of for t in coordinated(o) for m in phrase_agents(ctx, t)]
        if doers:
            return list(dict.fromkeys(doers))
    # "I hosted a roundtable with X": the event's host is the verb's subject
    # ("signed a memorandum of understanding with X": the event named inside the object)
    event = governor
    while event.dep_ in {"pobj", "prep"} and event.head.i != event.i:
        event = event.head
    event_object = event.pos_ in {"NOUN", "PROPN"} and event.dep_ in {"dobj", "attr", "nsubjpass"}
    anchor = event.head if event_object else governor
    # "A will deliver the schemes in partnership with X": the manner phrase is the verb's,
    # wherever the parser hangs it
    if governor.pos_ == "NOUN" and governor.dep_ == "pobj" and governor.head.lower_ == "in":
        anchor = next((a for a in governor.ancestors if a.pos_ in {"VERB", "AUX"}), anchor)
    return subject_agents(ctx, anchor) or passive_agents(ctx, anchor)


# ------------------------------------------------------------------ worked_with rules


def with_company(ctx: Sentence) -> list[dict]:
    """ "met with X", "in conjunction with X", "liaise with X", "a meeting with X",
    and "with" a named person after any action ("attended the summit with Cllr X")."""
    out: list[dict] = []
    lex = ctx.lex
    for tok in ctx.sent:
        if tok.lower_ not in {"with", "alongside"} or tok.dep_ not in {"prep", "advmod", "cc"}:
            continue
        head = tok.head
        if (
            head.lemma_.lower() in lex.not_comitative
            or head.lower_ in lex.not_comitative
            or head.pos_ == "ADJ"
            or asked_not_told(head)
        ):
            continue
        partners = [m for o in tok.children if o.dep_ in {"pobj", "dobj"} for m in object_parties(ctx, o)]
        # the parser loses odd surnames: the people written straight after "with" are the partners
        partners = partners or people_after(ctx, tok)
        holder = None if any(ctx.label(m) == PERSON for m in partners) else role_holder_at(ctx, tok.i + 1)
        partners = [holder] if holder is not None else partners
        joint = any(c.lower_ in lex.joint_adverbs for c in head.children)
        comitative = joint or bool({head.lemma_.lower(), head.lower_} & lex.comitative_heads)
        if not comitative and not any(ctx.label(m) == PERSON for m in partners):
            continue
        if not partners:
            continue
        subjects = (_doers(ctx, head) or _author_as_doer(ctx, head, comitative)) + _joint_company(
            ctx, head, tok
        )
        first = _first_party_above(ctx, tok)
        if first is not None:
            subjects.insert(0, first)
        parties = list(dict.fromkeys(subjects + partners))
        if len(parties) >= 2:
            out.append(ctx.relation(WORKED_WITH, parties, f"{head.text} {tok.text}", "comitative"))
    return out


def _joint_company(ctx: Sentence, head: Token, tok: Token) -> list[int]:
    """ "I met X on 6 January, together with Y": Y, in the doer's company, met X too."""
    out: list[int] = []
    for sib in head.children:
        if sib.i == tok.i:
            continue
        if sib.lower_ in {"together", "along"}:
            withs = [w for w in sib.children if w.lower_ == "with"]
        else:
            joint = sib.lower_ == "with" and any(c.lower_ in {"together", "along"} for c in sib.children)
            withs = [sib] if joint or sib.lower_ == "alongside" else []
        for w in withs:
            out += _with_parties(ctx, w) or people_after(ctx, w)
    return out


def _with_parties(ctx: Sentence, w: Token) -> list[int]:
    """Who a "with" names: a role's holder written after a comma ("with the Chief
    Executive, Jo Bloggs"), else the parties of its object."""
    holder = role_holder_at(ctx, w.i + 1)
    if holder is not None:
        return [holder]
    return [m for o in w.children if o.dep_ == "pobj" for m in object_parties(ctx, o)]


def asked_not_told(tok: Token) -> bool:
    """ "X asked whether the Commissioner had worked with Y", "Had you met Y?": a
    question says nothing happened."""
    if _ends_with(tok.sent, "?"):
        return True
    for anc in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in anc.children):
            return True
    return False


def _ends_with(sent: Span, mark: str) -> bool:
    """Whether the sentence's last token (past trailing space) is ``mark``."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == mark


def _author_as_doer(ctx: Sentence, head: Token, comitative: bool) -> list[int]:
    """Who acted when the sentence names nobody: "This paper was prepared in conjunction
    with X" (the report's author), "Met with X to discuss …" as a list item (the author
    met X). A verbless heading ("Training session with X") says nothing of the author:
    only a list under a meetings heading does (:func:`meetings_list`)."""
    author = ctx.speaker
    if author is None:
        return []
    verb = head.head if head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "dobj" else head
    if _list_item_author(ctx, verb) is not None:
        return [author]
    if not comitative:
        return []
    anchor = next((a for a in [head, *head.ancestors] if a.pos_ == "VERB"), None)
    if anchor is None or not any(c.dep_ == "auxpass" for c in anchor.children):
        return []
    subjects = [c for c in anchor.children if c.dep_ == "nsubjpass"]
    if any(c.lemma_.lower() in ctx.lex.document_nouns for c in subjects):
        return [ctx.board if ctx.board is not None else author]
    return []


def _list_item_author(ctx: Sentence, verb: Token) -> int | None:
    """ "Met with X to discuss …", "attended the summit with Cllr X": an item of the
    author's list ("Since the last meeting I have:") opens with its past-tense verb,
    subject left out; the author did it."""
    author = ctx.speaker
    past = verb.tag_ in {"VBD", "VBN"} or verb.lower_ == "met"  # the tagger reads an opening "Met" as a name
    if past and verb.i == _first_word(ctx.sent) and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return author
    return None


def between_parties(ctx: Sentence) -> list[dict]:
    """ "a meeting between A and B", "the partnership between X and Y": the parties
    coordinated after "between" on a word of interaction acted together."""
    out: list[dict] = []
    heads = ctx.lex.comitative_heads
    for tok in ctx.sent:
        if tok.lower_ != "between" or tok.dep_ != "prep":
            continue
        if tok.head.lemma_.lower() not in heads and tok.head.lower_ not in heads:
            continue
        members = [
            m for o in tok.children if o.dep_ == "pobj" for t in coordinated(o) for m in phrase_agents(ctx, t)
        ]
        members = [m for m in dict.fromkeys(members) if ctx.label(m) in AGENT_TYPES]
        if len(members) >= 2:
            out.append(ctx.relation(WORKED_WITH, members, f"{tok.head.text} between", "between"))
    return out


def with_help_from(ctx: Sentence) -> list[dict]:
    """ "A and B draft replies (with assistance from C)": helpers act with the doers."""
    out: list[dict] = []
    for tok in ctx.sent:
        if tok.lower_ != "from" or tok.head.lemma_.lower() not in {"assistance", "help", "support", "input"}:
            continue
        noun = tok.head
        if not (noun.head.lower_ == "with" or any(c.lower_ == "with" for c in noun.children)):
            continue
        helpers = [m for o in tok.children if o.dep_ == "pobj" for m in phrase_agents(ctx, o)]
        helpers = helpers or people_after(ctx, tok)
        verb = noun.head.head if noun.head.lower_ == "with" else noun.head
        parties = list(dict.fromkeys(_doers(ctx, verb) + helpers))
        if helpers and len(parties) >= 2:
            out.append(ctx.relation(WORKED_WITH, parties, f"with {noun.text} from", "helped-by"))
    return out


def met_object(ctx: Sentence) -> list[dict]:
    """Subject and object of an interaction verb: "I met the Minister", "the MP visited
    the store", "SBC and X had teamed up", "spoken to Y", "welcomed Sir X to our meeting"."""
    out: list[dict] = []
    lex = ctx.lex
    verbs = lex.interaction_verbs | lex.guest_verbs
    for tok in ctx.sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in verbs or asked_not_told(tok):
            continue
        if lemma in lex.hiring_verbs and lemma not in {"engage", "commission"}:
            continue  # taking someone on: hired_for_body
        partners = _met_partners(ctx, tok)
        if lemma in lex.guest_verbs:
            partners = [m for m in partners if ctx.label(m) == PERSON and _to_an_event(ctx, tok)]
        if not partners:
            continue
        subjects = subject_agents(ctx, tok) or ([] if tok.tag_ == "VBN" else passive_agents(ctx, tok))
        item_author = _list_item_author(ctx, tok)
        if not subjects and item_author is not None:
            subjects = [item_author]
        # "X visited the store with members of the council": the company met it too
        company = [
            m
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for o in c.children
            for m in phrase_agents(ctx, o)
        ]
        parties = list(dict.fromkeys(subjects + company + partners))
        if len(parties) >= 2:
            out.append(ctx.relation(WORKED_WITH, parties, tok.text, "interaction-object"))
    return out


def _to_an_event(ctx: Sentence, verb: Token) -> bool:
    """ "welcome X to our Board meeting" is a meeting; "welcome X to our group" a new member."""
    return any(
        o.lemma_.lower() in ctx.lex.comitative_heads
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in {"to", "at"}
        for o in c.children
        if o.dep_ == "pobj"
    )


def _met_objects(ctx: Sentence, verb: Token) -> list[Token]:
    """Who an interaction verb reaches: its object, "spoke to" Y, a passive's agent, and
    who came in an event it names ("hosted a visit by the Minister")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() in {"speak", "talk"}:
        objects += [
            o
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for o in c.children
            if o.dep_ == "pobj"
        ]
    # "I was joined by X", "we were visited by the Minister": the passive's agent
    objects += [o for c in verb.children if c.dep_ == "agent" for o in c.children]
    # "hosted a visit by the Minister", "a delegation from X": who came is the partner
    objects += [
        o
        for d in [c for c in verb.children if c.dep_ == "dobj"]
        if d.lemma_.lower() in ctx.lex.comitative_heads | {"delegation"}
        for c in d.children
        if c.dep_ == "prep" and c.lower_ in {"by", "from"}
        for o in c.children
    ]
    return objects


def _met_partners(ctx: Sentence, verb: Token) -> list[int]:
    """The parties an interaction verb reaches, and "Along with X, I met Y": X too."""
    partners = [m for o in _met_objects(ctx, verb) for m in object_parties(ctx, o)]
    for c in verb.children:
        if c.lower_ in {"along", "together"}:
            partners += [m for w in c.children if w.lower_ == "with" for m in _with_parties(ctx, w)]
    return partners


def teamed_up(ctx: Sentence) -> list[dict]:
    """ "SBC and X had teamed up", "A and B have partnered": a reciprocal verb
    whose coordinated subject are the partners, bodies as well as people."""
    out: list[dict] = []
    for tok in ctx.sent:
        if tok.pos_ != "VERB":
            continue
        reciprocal = (tok.lemma_.lower() == "team" and any(c.lower_ == "up" for c in tok.children)) or (
            tok.lemma_.lower() in {"partner", "collaborate", "cooperate", "co-operate", "meet", "join"}
            and not any(c.dep_ in {"dobj", "prep"} and c.lower_ != "with" for c in tok.children)
        )
        if not reciprocal:
            continue
        for subj in (c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}):
            members = [m for t in coordinated(subj) for m in phrase_agents(ctx, t)]
            members = [m for m in dict.fromkeys(members) if ctx.label(m) in AGENT_TYPES]
            if len(members) >= 2:
                out.append(ctx.relation(WORKED_WITH, members, tok.text, "reciprocal"))
    return out


def joint_subject(ctx: Sentence) -> list[dict]:
    """ "Councillors A, B and I were pleased to endorse …", "the Clerk and Cllr C are to
    draft …": people coordinated as the subject of one action act together."""
    out: list[dict] = []
    lex = ctx.lex
    for tok in ctx.sent:
        if tok.pos_ not in {"VERB", "AUX"} or not _joint_action(ctx, tok):
            continue
        joint = any(c.lower_ in lex.joint_adverbs for c in tok.children)
        # "A and B were appointed": things done to a group are not its acts
        deps = {"nsubj", "nsubjpass"} if joint else {"nsubj"}
        for subj in (c for c in tok.children if c.dep_ in deps):
            # "X nominated by Y and Z": a subject that is itself someone's object
            if any(t.pos_ == "VERB" and t.lemma_.lower() in lex.not_joint for t in subj.subtree):
                continue
            members = ctx.mentions_in(sorted(coordinated(subj), key=lambda t: t.i))
            # a plural title list ("Councillors A, B and C") parses as one phrase
            members = list(
                dict.fromkeys(members + [m for m in ctx.mentions_in(subj.subtree) if ctx.label(m) == PERSON])
            )
            people = [m for m in members if ctx.label(m) == PERSON]
            # "The X Agency and the LGA are working together": bodies act jointly too
            if joint:
                people = [m for m in members if ctx.label(m) in AGENT_TYPES]
            if len(people) >= 2:
                out.append(ctx.relation(WORKED_WITH, people, action_of(tok), "joint-subject"))
    return out


def joint_agents(ctx: Sentence) -> list[dict]:
    """ "has been managed by Cllr A and B", "was delivered by X and Y": the parties
    coordinated as the agent of one passive action did it together."""
    out: list[dict] = []
    for tok in ctx.sent:
        if tok.tag_ != "VBN" or not _joint_action(ctx, tok):
            continue
        for agent in (c for c in tok.children if c.dep_ == "agent"):
            for obj in (o for o in agent.children if o.dep_ == "pobj"):
                members = [m for t in coordinated(obj) for m in phrase_agents(ctx, t)]
                members = [m for m in dict.fromkeys(members) if ctx.label(m) in AGENT_TYPES]
                if len(members) >= 2:
                    out.append(ctx.relation(WORKED_WITH, members, f"{tok.text} by", "joint-agents"))
    return out


def _joint_action(ctx: Sentence, verb: Token) -> bool:
    """Whether doing ``verb`` together is acting together.

    Not a state ("A and B are members"), being thanked or nominated, speaking
    or reporting; attending counts only for "a meeting" elsewhere, not "the
    meeting" the minutes record.
    """
    not_joint = ctx.lex.not_joint
    # "A and B should either sign … or make …": alternatives each does alone
    if any(c.dep_ == "preconj" for c in verb.children):
        return False
    action = action_of(verb)
    if action in not_joint and action not in {"be", "have"}:
        return False
    if verb.lemma_ in not_joint and verb.dep_ != "ROOT" and verb.lemma_ not in {"be", "have"}:
        return False
    if verb.lemma_ in {"be", "have"} and not any(
        t.dep_ == "xcomp" and t.pos_ == "VERB" for t in verb.subtree
    ):
        return False
    if action == "attend":
        objects = [c for c in verb.children if c.dep_ == "dobj"] if verb.lemma_ == "attend" else []
        return any(d.lower_ in {"a", "an"} for o in objects for d in o.children if d.dep_ == "det")
    return True


def listed_subject(ctx: Sentence) -> list[dict]:
    """People listed at the head of a sentence and then a verb act together.

    The parser often misreads such lists ("Councillors A, B and I gave
    evidence" parsed with "A" as the root), so the list is read as text: person
    mentions separated by commas, "and", or an apposition naming a role.
    """
    if sum(ctx.label(m) == PERSON for m in ctx.idxs) < 2:
        return []
    members, end = _listed_people(ctx, _list_start(ctx))
    if len(members) < 2:
        return []
    verb = _verb_after_list(ctx, end)
    if verb is None:
        return []
    return [ctx.relation(WORKED_WITH, members, verb.lemma_, "listed-subject")]


def _list_start(ctx: Sentence) -> int:
    """The first word of the sentence past punctuation and a plural title ("Councillors")."""
    doc, sent = ctx.doc, ctx.sent
    i = sent.start
    while i < sent.end and (doc[i].is_space or doc[i].is_punct or doc[i].lower_ in PLURAL_TITLES):
        i += 1
    return i


def _listed_people(ctx: Sentence, i: int) -> tuple[list[int], int]:
    """The people listed from token ``i`` on, and the token after the list."""
    members: list[int] = []
    while i < ctx.sent.end:
        m = ctx.starts_at(i)
        if m is None or ctx.label(m) != PERSON:
            break
        members.append(m)
        i = ctx.end_of(i)
        j = _past_separator(ctx, i)
        if j == i:
            break
        i = j
    return list(dict.fromkeys(members)), i


def _past_separator(ctx: Sentence, j: int) -> int:
    """Past what follows a listed person: a comma (with a role in apposition after it) and "and"."""
    doc, sent = ctx.doc, ctx.sent
    if j < sent.end and doc[j].text == ",":
        j = _role_apposition_end(ctx, j) + 1
    if j < sent.end and doc[j].lower_ in {"and", "&"}:
        j += 1
    return j


def _role_apposition_end(ctx: Sentence, j: int) -> int:
    """The closing comma of a role in apposition after the comma at ``j``, else ``j``.

    The apposition may name the role's body: ", Chairman of the X Board,".
    """
    doc, sent = ctx.doc, ctx.sent
    k = j + 1
    while (
        k < sent.end
        and k - j <= 10
        and doc[k].text != ","
        and (ctx.tm.get(k) is None or ctx.label(ctx.tm[k]) != PERSON)
    ):
        k += 1
    role = any(t.lower_ in ROLE_WORDS for t in doc[j + 1 : k])
    return k if k < sent.end and doc[k].text == "," and role else j


def _verb_after_list(ctx: Sentence, k: int) -> Token | None:
    """The verb the listed people act by, right after the list (adverbs allowed before it)."""
    doc, sent = ctx.doc, ctx.sent
    while k < sent.end and doc[k].pos_ == "ADV":
        k += 1
    if k >= sent.end or doc[k].pos_ not in {"VERB", "AUX"} or doc[k].tag_ in {"VBG", "VBN"}:
        return None
    verb = doc[k]
    # "A and B would be asked": done to them, not by them
    if any(t.dep_ == "auxpass" for t in doc[k : min(k + 4, sent.end)]):
        return None
    if verb.lemma_ in ctx.lex.not_joint and not _acts_after_to(ctx, verb):
        return None
    return verb


def _acts_after_to(ctx: Sentence, verb: Token) -> bool:
    """ "were pleased to endorse": the action is the verb after "to"."""
    doc, end = ctx.doc, ctx.sent.end
    rest = doc[verb.i + 1 : min(verb.i + 5, end)]
    return verb.lemma_ in {"be", "have"} and any(
        t.lower_ == "to" and t.i + 1 < end and doc[t.i + 1].pos_ == "VERB" for t in rest
    )


def hired_for_body(ctx: Sentence) -> list[dict]:
    """ "the Parish Council will be using A of B", "we engaged X": a body takes someone on
    to act for it; the person and their firm each work with the body."""
    out: list[dict] = []
    for tok in ctx.sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in ctx.lex.hiring_verbs:
            continue
        clients = [m for m in subject_agents(ctx, tok) if ctx.label(m) in MEMBER_TYPES]
        if not clients:
            continue
        hired = [m for o in tok.children if o.dep_ == "dobj" for m in _with_employer(ctx, o)]
        for client in clients:
            for m in dict.fromkeys(hired):
                if m != client:
                    out.append(ctx.relation(WORKED_WITH, [client, m], tok.text, "engaged"))
    return out


def _with_employer(ctx: Sentence, head: Token) -> list[int]:
    """ "A of B": the person and the firm they are of."""
    found = phrase_agents(ctx, head)
    for t in head.subtree:
        if t.dep_ == "prep" and t.lower_ == "of":
            found += [
                m
                for o in t.children
                if o.dep_ == "pobj"
                for m in ctx.mentions_in([o])
                if ctx.label(m) in MEMBER_TYPES
            ]
    return list(dict.fromkeys(found))


def served_by(ctx: Sentence) -> list[dict]:
    """ "operated by X on behalf of the council", "managed by Y": the agent of a passive
    service verb works for the body named, or the report's body."""
    out: list[dict] = []
    for tok in ctx.sent:
        if tok.tag_ != "VBN" or tok.lemma_.lower() not in ctx.lex.service_verbs:
            continue
        agents = [
            m for a in tok.children if a.dep_ == "agent" for o in a.children for m in phrase_agents(ctx, o)
        ]
        agents = [m for m in agents if ctx.label(m) == ORGANISATION]
        if not agents:
            continue
        subjects = [s for s in tok.children if s.dep_ in {"nsubjpass", "nsubj"}]
        if tok.dep_ == "acl":
            subjects.append(tok.head)  # "the X Programme, run by Y": the noun it describes
        # "X was supported by Y", "the X Programme is run by Y": a party's or a programme's
        # own affairs (participation reads the latter), not the body's service
        own = {t.i for t in tok.subtree}
        if any(
            m != ctx.board for s in subjects for m in ctx.mentions_in(t for t in s.subtree if t.i not in own)
        ):
            continue
        behalf = [
            m
            for t in tok.subtree
            if t.lower_ == "behalf"
            for m in ctx.mentions_in(t.subtree)
            if ctx.label(m) in MEMBER_TYPES
        ]
        clients = behalf or ([ctx.board] if ctx.board is not None else [])
        for client in clients:
            for m in agents:
                if m != client:
                    out.append(ctx.relation(WORKED_WITH, [client, m], f"{tok.text} by", "served-by"))
    return out


def engaged_in_apposition(ctx: Sentence) -> list[dict]:
    """ "Our contractor, X, has …", "X, the Council's solicitor", "we now have an auditor
    in X": someone the report's body engaged to act for it works with the body."""
    if ctx.board is None:
        return []
    out: list[dict] = []
    for tok in ctx.sent:
        if tok.lower_ not in ctx.lex.service_roles or tok.i in ctx.tm:
            continue
        owners = [c for c in tok.children if c.dep_ in {"poss", "det"} and ctx.tm.get(c.i) == ctx.board]
        owners += [c for c in tok.children if c.dep_ == "poss" and c.lower_ == "our"]
        hired = [t for c in tok.children if c.dep_ == "appos" for t in c.subtree]
        if tok.dep_ == "appos" and tok.head.i in ctx.tm:
            hired += [t for t in tok.head.subtree if t.i < tok.i]
        if not owners and tok.dep_ in {"dobj", "attr"} and ctx.board in subject_agents(ctx, tok.head):
            owners = [tok.head]  # "we now have an auditor in X"
            hired += [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for t in c.subtree]
        if not owners:
            continue
        for m in ctx.mentions_in(hired):
            if m != ctx.board and ctx.label(m) in AGENT_TYPES:
                out.append(ctx.relation(WORKED_WITH, [ctx.board, m], tok.text, "engaged"))
    return out


def meetings_list(ctx: Sentence) -> list[dict]:
    """Items under a heading of meetings ("Meetings attended:", "External engagements", "I
    have attended a number of meetings, including:"): the author met whoever an item
    names. Fragments only: an item with a verb of its own says who did what, and the
    rules above read it."""
    author = ctx.speaker
    if author is None or ctx.before is None or not is_fragment(ctx.sent):
        return []
    heading = {t.lower_ for t in ctx.before if not (t.is_space or t.is_punct)}
    if not _over_items(ctx.before) or not heading & ctx.lex.meeting_headings:
        return []
    parties = [m for m in ctx.idxs if ctx.named_here(m) and ctx.label(m) in AGENT_TYPES and m != author]
    # "Cllr X, Leader of Y Council": a person's body in the same item is their role
    if any(ctx.label(m) == PERSON for m in parties):
        parties = [m for m in parties if ctx.label(m) == PERSON]
    # one item is one meeting: everyone it names was there together
    return [ctx.relation(WORKED_WITH, [author, *parties], "met", "meetings-list")] if parties else []


def leads_in(sent: Span) -> bool:
    """ "I have attended a number of meetings and events, including:": a sentence that ends
    in a colon stands over the items after it."""
    return _ends_with(sent, ":")


def _over_items(heading: Span) -> bool:
    """A heading short enough to stand over a list, or a lead-in ending in a colon."""
    return _words_in(heading) <= 8 or leads_in(heading)


# ------------------------------------------------------------------ participates rules


def participation(ctx: Sentence) -> list[dict]:
    """Councils and bodies selected into, running, applying to or funded by a programme."""
    lex = ctx.lex
    programmes = [m for m in ctx.idxs if ctx.label(m) == PROGRAMME]
    triggers = [
        t for t in ctx.sent if t.lemma_.lower() in lex.participation and t.pos_ in {"VERB", "NOUN", "ADJ"}
    ]
    if not programmes and ctx.previous and _refers_back(ctx, bool(triggers)):
        # "… has selected ten projects. They include X and Y": the programme of the sentence before
        programmes = list(ctx.previous)
        triggers = triggers or [t for t in ctx.sent if t.lemma_ == "include"]
    if not programmes or not triggers:
        return []
    members: list[int] = [m for m in ctx.idxs if ctx.label(m) == COUNCIL and ctx.named_here(m)]
    for trig in triggers:
        members += [m for m in subject_agents(ctx, _verb_of(trig)) if ctx.label(m) in MEMBER_TYPES]
        # "organised by X" (passive agent), "working with X to pilot …"
        for child in trig.children:
            if child.dep_ == "agent":
                members += [
                    m for o in child.children for m in phrase_agents(ctx, o) if ctx.label(m) in MEMBER_TYPES
                ]
        # "which the LGA runs jointly with X", "run … in partnership with X"
        near = [trig, *(o for c in trig.children if c.dep_ == "prep" for o in c.children)]
        for tok in near:
            joint = tok.lemma_.lower() in lex.comitative_heads or any(
                c.lower_ in lex.joint_adverbs for c in tok.children
            )
            withs = [c for c in tok.children if c.lower_ == "with"] if joint else []
            members += [
                m
                for w in withs
                for o in w.children
                for m in phrase_agents(ctx, o)
                if ctx.label(m) in MEMBER_TYPES
            ]
        for anc in trig.ancestors:
            if anc.lemma_.lower() not in lex.comitative_heads:
                continue
            members += [
                m
                for c in anc.children
                if c.lower_ == "with"
                for o in c.children
                for m in phrase_agents(ctx, o)
                if ctx.label(m) in MEMBER_TYPES
            ]
    members += _providers(ctx, programmes)
    # "X Forum - the council is organising Y": a body heading the item is its topic
    members = [m for m in members if not _heading_label(ctx, m)]
    # "we" or "the Council" take part only in a programme their own verb governs
    governed = any(
        ctx.tm.get(t.i) in programmes and _governs(trig, t) for trig in triggers for t in trig.subtree
    )
    members = [m for m in dict.fromkeys(members) if m not in programmes and (ctx.named_here(m) or governed)]
    return [
        ctx.relation(PARTICIPATES, [member, prog], triggers[0].text, "participation")
        for member, prog in _pairs_by_clause(ctx, members, programmes)
    ]


# Clauses of their own: "X took part in A and Y hosted B" pairs X with A only. A relative
# clause or an infinitive shares its governor's party ("X, which ran A, joined B").
OWN_CLAUSES = frozenset({"conj", "advcl", "ccomp", "parataxis", "csubj"})


def _clause_of(tok: Token) -> Token:
    """The verb heading the clause ``tok`` stands in."""
    while tok.head.i != tok.i:
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ in OWN_CLAUSES:
            return tok
        tok = tok.head
    return tok


def _pairs_by_clause(ctx: Sentence, members: list[int], programmes: list[int]) -> list[tuple[int, int]]:
    """Each member with the programmes of its own clause, where the sentence has several
    clauses that name them; with all of them where its clause names none."""
    if len(members) < 2 or len(programmes) < 2:
        return list(itertools.product(members, programmes))
    clause = {m: _clause_of(ctx.spans[m].root) for m in (*members, *programmes) if ctx.named_here(m)}
    pairs: list[tuple[int, int]] = []
    for m in members:
        own = [p for p in programmes if m in clause and clause.get(p) == clause[m]]
        pairs += [(m, p) for p in own or programmes]
    return pairs


def _heading_label(ctx: Sentence, m: int) -> bool:
    """A body named at the start of the sentence and set off by a dash: the item's heading."""
    span = ctx.spans[m]
    if not ctx.named_here(m) or span.start != _first_word(ctx.sent) or span.end >= ctx.sent.end:
        return False
    return ctx.doc[span.end].text in {"-", "\u2013", "\u2014"} and ctx.label(m) != PERSON


def _verb_of(trigger: Token) -> Token:
    """ "we show an expression of interest in X": a noun trigger's doer is its verb's subject."""
    tok = trigger
    while tok.pos_ in {"NOUN", "ADP"} and tok.dep_ in {"pobj", "prep", "dobj", "compound"}:
        tok = tok.head
    return tok if tok.pos_ in {"VERB", "AUX"} else trigger


def _providers(ctx: Sentence, programmes: list[int]) -> list[int]:
    """ "the X Fund from Y", "a grant application to Y, X Fund": the body offering the
    programme, named right beside it, runs it."""
    out: list[int] = []
    for p in programmes:
        if not ctx.named_here(p):
            continue
        root = ctx.spans[p].root
        out += [
            m
            for c in root.children
            if c.dep_ == "prep" and c.lower_ in {"from", "by"}
            for o in c.children
            for m in ctx.mentions_in([o])
            if ctx.label(m) in MEMBER_TYPES
        ]
        # "to Y, X Fund": body and programme in apposition
        out += [
            m
            for c in root.children
            if c.dep_ == "appos"
            for m in ctx.mentions_in([c])
            if ctx.label(m) == ORGANISATION
        ]
        if root.dep_ == "appos":
            out += [m for m in ctx.mentions_in([root.head]) if ctx.label(m) == ORGANISATION]
    return out


def _governs(verb: Token, tok: Token) -> bool:
    """Whether ``tok`` is in ``verb``'s own clause (its object, not a clause below it)."""
    while tok != verb:
        if tok.dep_ in CLAUSES:
            return False
        tok = tok.head
    return True


def _refers_back(ctx: Sentence, triggered: bool) -> bool:
    """ "They include …", "… have joined the campaign": the sentence speaks of a
    programme named just before."""
    toks = [t for t in ctx.sent if not t.is_space and not t.is_punct]
    if not toks:
        return False
    if toks[0].lower_ in {"they", "these", "those"} and any(t.lemma_ == "include" for t in toks[1:3]):
        return True
    return triggered and any(
        t.lower_ in ctx.lex.programme_nouns and t.text.islower() and t.nbor(-1).lower_ in {"the", "this"}
        for t in toks
        if t.i > 0
    )


def programme_owner(ctx: Sentence) -> list[dict]:
    """ "VisitEngland's X campaign": a body runs its own programme."""
    doc, sent = ctx.doc, ctx.sent
    out: list[dict] = []
    for m in ctx.idxs:
        if ctx.label(m) != PROGRAMME:
            continue
        k = ctx.spans[m].start - 1
        while k > sent.start and doc[k].text.strip("*_\"'\u2018\u201c") == "":
            k -= 1
        if doc[k].text not in {"'s", "\u2019s"} or k == sent.start:
            continue
        owner = ctx.tm.get(k - 1)
        if owner is not None and ctx.label(owner) in MEMBER_TYPES:
            out.append(ctx.relation(PARTICIPATES, [owner, m], doc[k].text, "programme-owner"))
    return out


# ------------------------------------------------------------------ roles


def appositive_roles(ctx: Sentence) -> list[dict]:
    """ "Cllr X, the Board's Vice Chair, …": a person's office, and its body."""
    out: list[dict] = []
    for m in ctx.idxs:
        if ctx.label(m) != PERSON or ctx.spans[m].start >= ctx.sent.end or ctx.spans[m].sent != ctx.sent:
            continue
        # the parser may split one apposition in two ("Vice" / "Chair" around a hyphen)
        appos = [c for c in ctx.spans[m].root.children if c.dep_ == "appos"]
        tokens = sorted({t for c in appos for t in c.subtree}, key=lambda t: t.i)
        toks = [t for t in tokens if not t.is_punct]
        if not any(t.lower_ in ROLE_WORDS for t in toks):
            continue
        orgs = [x for x in ctx.mentions_in(toks) if ctx.label(x) in MEMBER_TYPES]
        role = role_phrase(ctx.doc, tokens, ctx.tm)
        if role:
            out.append(
                {"person": m, "role": role, "organisation": orgs[0] if orgs else None, "sentence": ctx.span}
            )
    return out


def role_phrase(doc: Doc, tokens: list[Token], tm: dict[int, int]) -> str:
    """The office itself, around its first role word: "Parliamentary Under Secretary of
    State", "Policy Officer", "the Board's Vice Chair" → "Vice Chair".

    At most two title-case modifiers before it (not a person's name, not
    initials), role words after it, and an "of/for X" complement; a body
    named in the phrase is the organisation, not part of the role.
    """
    inside = {t.i for t in tokens}

    def free(i: int) -> bool:
        return i in inside and tm.get(i) is None

    first = next(t for t in tokens if t.lower_ in ROLE_WORDS)
    s = _role_start(doc, first.i, free)
    e = _role_end(doc, first.i + 1, free)
    while e > s + 1 and doc[e - 1].lower_ in {"and", "&", "of", "for"}:
        e -= 1
    return " ".join(doc[s:e].text.split())


def _role_start(doc: Doc, s: int, free: Callable[[int], bool]) -> int:
    """Back from the role word at ``s`` over role words and up to two title-case modifiers."""
    modifiers = 0
    while free(s - 1) and modifiers < 2:
        p = doc[s - 1]
        if p.lower_ in ROLE_WORDS:
            s -= 1
            continue
        if _role_modifier(p):
            s -= 1
            modifiers += 1
            continue
        break
    return s


def _role_modifier(tok: Token) -> bool:
    """ "Parliamentary", "Policy": title case, not initials, not part of a person's name."""
    return tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and tok.ent_type_ != "PERSON"


def _role_end(doc: Doc, e: int, free: Callable[[int], bool]) -> int:
    """On from ``e`` over role words ("Vice-Chair" too) and an "of/for X" complement."""
    while free(e):
        t = doc[e]
        if t.lower_ in ROLE_WORDS:
            e += 1
        elif t.text == "-" and e + 1 < len(doc) and doc[e + 1].lower_ in ROLE_WORDS:  # "Vice-Chair"
            e += 2
        elif t.lower_ in {"of", "for"} and free(e + 1) and doc[e + 1].text[:1].isupper():
            return _complement_end(doc, e + 2, free)
        else:
            break
    return e


def _complement_end(doc: Doc, e: int, free: Callable[[int], bool]) -> int:
    """The end of "of State", "for Housing and Planning": title-case words, joined by "and"."""
    while free(e) and (
        (doc[e].text[:1].isupper() and doc[e].is_alpha)
        or (doc[e].lower_ in {"and", "&"} and free(e + 1) and doc[e + 1].text[:1].isupper())
    ):
        e += 1
    return e


# ------------------------------------------------------------------ the component

RELATION_RULES: tuple[Rule, ...] = (
    with_company,
    between_parties,
    with_help_from,
    met_object,
    teamed_up,
    joint_subject,
    joint_agents,
    listed_subject,
    hired_for_body,
    served_by,
    engaged_in_apposition,
    meetings_list,
    participation,
    programme_owner,
)


class RelationFinder:
    def __init__(self, lexicon: Lexicon | None = None, rules: tuple[Rule, ...] = RELATION_RULES) -> None:
        self.lex = lexicon or Lexicon()
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
        tm: dict[int, int] = {t.i: idx for idx, s in enumerate(spans) for t in s}
        board = board_mention(doc, spans)
        author = author_mention(spans)
        tm.update(referents(doc, spans, self.lex, board))
        tm.update(pronoun_referents(doc, spans, tm))
        by_sent: dict[int, list[int]] = {}
        for idx, s in enumerate(spans):
            by_sent.setdefault(s.sent.start, []).append(idx)
        for i, m in tm.items():
            if spans[m].sent.start != doc[i].sent.start:
                by_sent.setdefault(doc[i].sent.start, [])
                if m not in by_sent[doc[i].sent.start]:
                    by_sent[doc[i].sent.start].append(m)
        relations: list[dict] = []
        roles: list[dict] = []
        previous: list[int] = []
        before: Span | None = None
        for sent in doc.sents:
            idxs = by_sent.get(sent.start, [])
            if idxs:
                ctx = Sentence(doc, sent, spans, tm, idxs, self.lex, board, previous, author, before)
                for rule in self.rules:
                    relations += rule(ctx)
                roles += appositive_roles(ctx)
            if sent.text.strip():
                previous = [m for m in idxs if spans[m].label_ == PROGRAMME and spans[m].sent == sent]
                if _heading_over_items(sent, bool(idxs)) or not _item_under(before, sent):
                    before = sent
        doc._.bg_relations = dedupe(relations)
        doc._.bg_roles = roles
        return doc


def _item_under(heading: Span | None, sent: Span) -> bool:
    """An item of a list or table under a short heading, the items after it under the
    heading too ("Meetings attended" / "X board, 14 June" / "14 June  Meeting with Y"):
    a short line with no finite verb of its own."""
    if heading is None or not is_fragment(sent) or _words_in(sent) > 40:
        return False
    return _over_items(heading)


def _heading_over_items(sent: Span, names_someone: bool) -> bool:
    """A short line that names no one and stands over what follows ("Key meetings and
    engagements", a blank line after it): a new heading, not an item of the one above."""
    text = sent.text.rstrip(" \t")
    return not names_someone and is_fragment(sent) and _words_in(sent) <= 8 and text.endswith("\n\n")


def _words_in(span: Span) -> int:
    return len([t for t in span if not (t.is_space or t.is_punct)])


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def is_fragment(sent: Span) -> bool:
    """A heading, a list item, a table row ("Meeting with X", "Visit by Y", "The X
    conference, where I spoke"): no finite verb, or none in its main clause."""
    if sent.root.pos_ in {"NOUN", "PROPN"}:
        return True
    return not any(t.tag_ in FINITE_TAGS and t.pos_ in {"VERB", "AUX"} for t in sent)


def dedupe(relations: list[dict]) -> list[dict]:
    seen = set()
    out = []
    for r in relations:
        args = tuple(sorted(set(r["args"]))) if r["kind"] == WORKED_WITH else tuple(r["args"])
        key = (r["kind"], args, tuple(r["sentence"]))
        if key in seen or (r["kind"] == WORKED_WITH and len(args) < 2):
            continue
        seen.add(key)
        out.append(r)
    return out

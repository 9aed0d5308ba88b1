"""Extraction stage: spaCy components that find people, councils, organisations
and programmes, and the function that turns processed Docs into records.

The components write to the Doc, the spaCy way:

* ``doc.spans["bg"]``: one span per mention, labelled Person / Council /
  Organisation / Programme, with ``span._.bg_name`` (normalised name),
  ``bg_titles``, ``bg_rule``, ``bg_key`` (register code), ``bg_acronym``,
  ``bg_chair`` and ``bg_alias_of`` (start char of a mention naming the same thing).
* ``doc._.bg_context``: what ingest knew before NLP (chair, board, contact,
  date), set on the Doc before it enters the pipeline.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from boardgraph.model import (
    COUNCIL,
    ORGANISATION,
    PERSON,
    PROGRAMME,
    ExtractedReport,
    Mention,
    RelationCandidate,
    ReportMeta,
    RoleCandidate,
    SourceDocument,
)
from boardgraph.model import Span as CharSpan
from boardgraph.names import (
    CALENDAR_WORDS,
    COUNCIL_TIERS,
    DOCUMENT_HEADS,
    EVENT_HEADS,
    GENERIC_WORDS,
    HONOURS_UPPER,
    NAME_CONNECTORS,
    NON_ORG_ACRONYMS,
    ORGANISATION_HEADS,
    PARTIES,
    PLACE_HEADS,
    PLACE_SURNAME_HEADS,
    PLURAL_TITLES,
    PROGRAMME_CUES,
    PROGRAMME_HEADS,
    ROLE_WORDS,
    STRONG_TITLES,
    fold,
    initials,
    is_acronym,
    name_key,
    person_name,
    squash,
)
from boardgraph.register import Register, default_register

SPAN_KEY = "bg"
# Parts of speech that never begin a name; they are capitalised only because a
# sentence starts with them ("Whilst the Committee …").
FUNCTION_POS = frozenset({"SCONJ", "ADV", "ADP", "PRON", "DET", "CCONJ", "INTJ", "AUX", "PART"})
# Lower-case words that describe a programme rather than name it.
GENERIC_MODIFIERS = frozenset(
    [
        "new",
        "additional",
        "revised",
        "main",
        "whole",
        "wider",
        "current",
        "existing",
        "same",
        "overall",
        "full",
        "national",
        "local-level",
        "first",
        "second",
        "third",
        "next",
        "last",
        "previous",
        "future",
        "further",
        "our",
        "their",
        "this",
        "that",
        "work",
        "rolling",
        "ambitious",
        "recent",
        "proposed",
        "forthcoming",
        "annual",
        "successful",
        "whole-council",
    ]
)
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)

for _name, _default in (
    ("bg_name", ""),
    ("bg_titles", ()),
    ("bg_rule", ""),
    ("bg_key", None),
    ("bg_acronym", None),
    ("bg_chair", False),
    ("bg_alias_of", None),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name in ("bg_context", "bg_relations", "bg_roles"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# ---------------------------------------------------------------- sentences


@Language.factory("bg_paragraphs", default_config={"heading_max_chars": 90})
def make_paragraphs(nlp: Language, name: str, heading_max_chars: int) -> ParagraphBoundaries:
    return ParagraphBoundaries(heading_max_chars)


class ParagraphBoundaries:
    """Start a sentence after a blank line, and after a heading line.

    Reports are laid out in headed, numbered paragraphs; the parser alone
    glues a heading onto the sentence below it, and then the heading's words
    look like the sentence's subject.
    """

    def __init__(self, heading_max_chars: int = 90):
        self.heading_max_chars = heading_max_chars

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for i, tok in enumerate(doc[:-1]):
            if "\n" not in tok.text and "\n" not in tok.whitespace_:
                continue
            nxt = doc[i + 1]
            if nxt.is_space:
                continue
            newlines = tok.text.count("\n") + tok.whitespace_.count("\n")
            line_start = text.rfind("\n", 0, tok.idx) + 1
            line = text[line_start : tok.idx + len(tok.text)].strip()
            ends_sentence = bool(line) and line[-1] in ".:;!?)"
            heading = bool(line) and len(line) <= self.heading_max_chars and line[-1] not in ",-–"
            # cleaning blanks paragraph numbers ("2.", "- 3.1"), leaving an indent
            gap = (tok.text + tok.whitespace_).rsplit("\n", 1)[-1]
            numbered = len(gap) >= 2 and nxt.text[:1].isupper()
            if newlines >= 2 or ends_sentence or heading or numbered or (tok.is_space and not line):
                nxt.is_sent_start = True
        return doc


# ------------------------------------------------------------ name chunks


def _is_namey(tok: Token) -> bool:
    t = tok.text
    if not t or (not t[0].isalpha() and not t[0].isdigit()):
        return t in {"&"}
    if tok.like_url or tok.like_email:
        return False
    if t[0].isdigit():
        return False
    return t[0].isupper() or (tok.pos_ == "PROPN" and t[0].isupper())


def _name_chunks(sent: Span) -> Iterator[Span]:
    """Maximal runs of title-case words, allowing connectors inside.

    "Department for Communities and Local Government", "District Council's
    Network", "Newcastle-upon-Tyne", "Leaders' Programme".
    """
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if not _is_namey(tok) or tok.text == "&":
            i += 1
            continue
        j = i + 1
        while j < sent.end:
            t = doc[j]
            prev = doc[j - 1]
            if "\n" in prev.whitespace_ or t.is_space:
                break
            if _is_namey(t) and "\n" not in t.text:
                j += 1
                continue
            # "Leaders on the Effective Opposition programme": a preposition
            # with an article starts a new phrase, not the same name
            if (
                t.lower_ in {"on", "at", "in", "to", "with", "for", "from", "by", "and"}
                and j + 1 < sent.end
                and doc[j + 1].lower_ == "the"
            ):
                break
            # connectors and possessives must be followed by another name word
            if (
                t.lower_ in NAME_CONNECTORS or t.text in {"'s", "'", "\u2019s", "\u2019", "-"}
            ) and j + 1 < sent.end:
                k = j + 1
                while k < sent.end and doc[k].lower_ in NAME_CONNECTORS and doc[k].text != "&":
                    k += 1
                if k < sent.end and _is_namey(doc[k]) and not doc[k].is_space:
                    if t.text == "-" and (prev.whitespace_ or t.whitespace_):
                        break
                    j = k + 1
                    continue
                if t.text in {"'s", "'", "\u2019s", "\u2019"} and t.tag_ == "POS":
                    break
            break
        yield doc[i:j]
        i = j


def _trim(span: Span) -> Span | None:
    doc = span.doc
    s, e = span.start, span.end
    # "Members of the X Council", "Secretary of X Trust", "Dear X": the role or the
    # greeting is not part of the body's name
    k = s
    while k < e and (doc[k].lower_ in ROLE_WORDS or doc[k].lower_ in {"dear", "associate", "and", "&", "-"}):
        k += 1
    if k > s and k < e and doc[k].lower_ in {"of", "to"} and k + 1 < e:
        s = k + 1
    elif k > s and k < e and doc[s].lower_ == "dear":
        s = k
    while s < e and (
        doc[s].lower_ in {"the", "a", "an", "our", "their", "its", "this"}
        or doc[s].lower_ in NAME_CONNECTORS
        or (doc[s].pos_ in FUNCTION_POS and doc[s].tag_ not in {"NNP", "NNPS"})
    ):
        s += 1
    while e > s and (
        doc[e - 1].lower_ in NAME_CONNECTORS or doc[e - 1].text in {"'s", "'", "\u2019s", "\u2019", "-", "&"}
    ):
        e -= 1
    return doc[s:e] if e > s else None


def _words(span: Span) -> list[str]:
    return [t.lower_ for t in span if not t.is_punct]


def _head_word(span: Span) -> str:
    """The word that says what a name is: the last, or the one before "of/for/on"."""
    words = _words(span)
    if not words:
        return ""
    for i, w in enumerate(words[1:], start=1):
        if w in {"of", "for", "on"}:
            before = words[i - 1]
            if before in ORGANISATION_HEADS | PROGRAMME_HEADS | DOCUMENT_HEADS | EVENT_HEADS:
                return before
            break
    return words[-1]


def _after_possessive(span: Span) -> Span | None:
    for t in reversed(span):
        if t.text in {"'s", "\u2019s", "'", "\u2019"} and t.i < span.end - 1:
            return span.doc[t.i + 1 : span.end]
    return span


def _is_generic(words: list[str]) -> bool:
    """ "the Board", "Programme Boards", "Leaders and Chief Executives": no one in particular.

    Several generic words together can still be a name ("Cabinet Office",
    "Housing Board"), unless the last is a plural or all are roles.
    """
    content = [w for w in words if w not in NAME_CONNECTORS and w not in {"'s", "\u2019s", "'", "\u2019"}]
    if not content:
        return True
    # "the City Council", "Parish Council", "Full Council": a council of no named place
    if content[-1] in {"council", "councils"} and all(w in COUNCIL_TIERS for w in content[:-1]):
        return True
    if len(content) == 1:
        return content[0] in GENERIC_WORDS or content[0] in ROLE_WORDS
    if all(w in ROLE_WORDS for w in content):
        return True
    known = GENERIC_WORDS | ROLE_WORDS

    def generic(w: str) -> bool:
        return w in known or (w.endswith("s") and w[:-1] in known)

    last = content[-1]
    return all(generic(w) for w in content) and last.endswith("s") and generic(last[:-1])


def _strip_role_suffix(span: Span) -> Span:
    """ "European and International Board Chair" → "European and International Board"."""
    e = span.end
    while (
        e - 1 > span.start
        and span.doc[e - 1].lower_ in ROLE_WORDS
        and span.doc[e - 2].lower_ not in NAME_CONNECTORS
    ):
        e -= 1
    return span.doc[span.start : e]


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    label: str
    rule: str
    priority: int
    name: str = ""
    titles: tuple[str, ...] = ()
    key: str | None = None
    chair: bool = False
    acronym: str | None = None
    alias_of: int | None = None  # token start of a candidate naming the same thing
    nested: bool = False  # may sit inside another mention ("X Employers" in "X Employers' Network")


# ------------------------------------------------------------ the component


@Language.factory("bg_entities", default_config={"use_ner": True})
def make_entities(nlp: Language, name: str, use_ner: bool) -> EntityFinder:
    return EntityFinder(use_ner=use_ner, nlp=nlp)


class EntityFinder:
    """Find the four entity types with rules that know how reports name things."""

    def __init__(self, use_ner: bool = True, register: Register | None = None, nlp: Language | None = None):
        self.use_ner = use_ner
        self._register = register
        self._nlp = nlp
        self._dictionary: frozenset[str] | None = None
        self._lower_doc: Doc | None = None
        self._lower_words: set[str] = set()

    @property
    def register(self) -> Register:
        if self._register is None:
            self._register = default_register()
        return self._register

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc._.bg_context or {}
        day = dt.date.fromisoformat(ctx["date"]) if ctx.get("date") else None
        cands: list[Candidate] = []
        cands += self._context_people(doc, ctx)
        cands += self._councils(doc, day)
        cands += self._people(doc)
        cands += self._chunks(doc)
        cands += self._recurring_programmes(doc)
        if self.use_ner:
            cands += self._ner(doc)
        cands += self._chair_pronoun(doc, ctx)
        cands = self._drop_person_initials(doc, cands)
        cands = self._drop_place_people(doc, cands)
        chosen = _select(cands)
        chosen = self._council_acronyms(doc, chosen, day)
        chosen = self._propagate(doc, chosen)
        doc.spans[SPAN_KEY] = [self._to_span(doc, c) for c in chosen]
        return doc

    # -- people named by ingest: the chair, the contact officer
    def _context_people(self, doc: Doc, ctx: dict) -> list[Candidate]:
        out = []
        for key, rule, is_chair in (
            ("chair_span", "report-chair", True),
            ("contact_span", "contact-officer", False),
        ):
            if ctx.get(key):
                s, e = ctx[key]
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    name, titles = person_name(span.text)
                    out.append(
                        Candidate(span.start, span.end, PERSON, rule, 95, name, titles, chair=is_chair)
                    )
        if ctx.get("board_span"):
            s, e = ctx["board_span"]
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                out.append(
                    Candidate(span.start, span.end, ORGANISATION, "report-board", 95, squash(fold(span.text)))
                )
        return out

    # -- councils, from the register
    def _councils(self, doc: Doc, day: dt.date | None) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in doc:
            if tok.lower_ not in {"council", "councils"} or not tok.text[0].isupper():
                continue
            # Walk back over the place words ("Gedling Borough", "Newcastle-under-Lyme Borough").
            s = tok.i
            while s > 0:
                p = doc[s - 1]
                if "\n" in p.whitespace_ or p.is_space:
                    break
                hyphen_part = not p.whitespace_ and (
                    p.text == "-" or p.lower_ in {"on", "upon", "le", "under"}
                )
                if _is_namey(p) or hyphen_part:
                    s -= 1
                    continue
                break
            while s < tok.i and doc[s].lower_ in {"the"}:
                s += 1
            if s == tok.i:
                continue
            full = doc[s : tok.i + 1]
            if tok.lower_ == "council":
                found = self.register.lookup(full.text, day)
                if found is None:
                    # drop qualifiers one word at a time from the left ("Congratulations Bolton Council")
                    for k in range(s + 1, tok.i):
                        found = self.register.lookup(doc[k : tok.i + 1].text, day)
                        if found:
                            s = k
                            break
                # a council named in full, tier and all, that did not exist on the report's
                # date is not its place's later council ("X Borough Council" after X's merger);
                # "X Council" alone is whichever council X had on the day
                specific = self.register.knows(doc[s : tok.i + 1].text) and any(
                    t.lower_ in {"borough", "county", "district", "city", "metropolitan"}
                    for t in doc[s : tok.i]
                )
                if found is None and not specific:
                    place = self._strip_council_type(doc[s : tok.i])
                    if place is not None:
                        found = self.register.lookup_place(place.text, day)
                if found:
                    out.append(
                        Candidate(
                            s, tok.i + 1, COUNCIL, "register-council", 90, found.official_name, key=found.code
                        )
                    )
            else:
                out += self._council_list(doc, s, tok.i, day)
        out += self._council_of(doc, day)
        return out

    def _council_of(self, doc: Doc, day: dt.date | None) -> list[Candidate]:
        """Official names with the place last: "Borough Council of <place>", "London
        Borough of <place>", "Royal Borough of <place> upon Thames"."""
        out: list[Candidate] = []
        for tok in doc:
            if (
                tok.lower_ not in {"council", "borough"}
                or not tok.text[0].isupper()
                or tok.i + 2 >= len(doc)
                or doc[tok.i + 1].lower_ != "of"
            ):
                continue
            left = tok.i
            while (
                left > 0
                and doc[left - 1].text[:1].isupper()
                and doc[left - 1].is_alpha
                and "\n" not in doc[left - 1].whitespace_
                and tok.i - left < 3
            ):
                left -= 1
            right = tok.i + 2
            while (
                right < len(doc)
                and right - tok.i < 12
                and "\n" not in doc[right - 1].whitespace_
                and (
                    _is_namey(doc[right])
                    or doc[right].lower_ in {"and", "of", "upon", "on", "-", "'s", "\u2019s", "the"}
                )
            ):
                right += 1
            found = None
            for e in range(right, tok.i + 2, -1):
                if not _is_namey(doc[e - 1]):
                    continue
                for st in range(left, tok.i + 1):
                    found = self.register.lookup(doc[st:e].text, day)
                    if found:
                        out.append(
                            Candidate(
                                st, e, COUNCIL, "register-council", 91, found.official_name, key=found.code
                            )
                        )
                        break
                if found:
                    break
        return out

    @staticmethod
    def _strip_council_type(span: Span) -> Span | None:
        e = span.end
        while e > span.start and span.doc[e - 1].lower_ in {
            "city",
            "borough",
            "county",
            "district",
            "metropolitan",
            "royal",
            "town",
            "parish",
            "community",
        }:
            e -= 1
        return span.doc[span.start : e] if e > span.start else None

    def _council_list(self, doc: Doc, s: int, head: int, day: dt.date | None) -> list[Candidate]:
        """ "Leeds, Bradford, Calderdale and Kirklees Councils": four councils, one head."""
        out: list[Candidate] = []
        # the last item is doc[s:head]; walk back over ", X" and " and X"
        items: list[tuple[int, int]] = [(s, head)]
        i = s - 1
        while i > 0:
            if doc[i].text in {",", "and", "&"} or doc[i].lower_ == "and":
                j = i - 1
                if doc[j].text == "," and doc[i].lower_ == "and":  # Oxford comma
                    j -= 1
                e = j + 1
                while j >= 0 and (_is_namey(doc[j]) or (doc[j].text == "-" and not doc[j].whitespace_)):
                    j -= 1
                if e - (j + 1) <= 0 or e - (j + 1) > 4:
                    break
                items.append((j + 1, e))
                i = j
            else:
                break
        for a, b in items:
            place = self._strip_council_type(doc[a:b])
            if place is None:
                continue
            found = self.register.lookup_place(place.text, day)
            if found:
                out.append(
                    Candidate(a, b, COUNCIL, "register-council-list", 90, found.official_name, key=found.code)
                )
        return out

    # -- people with titles and honours
    def _people(self, doc: Doc) -> list[Candidate]:
        out: list[Candidate] = []
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                tok = doc[i]
                low = tok.lower_.rstrip(".")
                # "Mayor Jo Bloggs": the office used as a title, right before a name
                mayor_title = (
                    low == "mayor"
                    and i + 1 < sent.end
                    and doc[i + 1].lower_ != "of"
                    and doc[i + 1].text[:1].isupper()
                )
                if (low in STRONG_TITLES or mayor_title) and tok.text[0].isupper():
                    if low in PLURAL_TITLES:
                        found, i = self._title_list(doc, i + 1, sent.end)
                        out += found
                        continue
                    name_end = self._name_after(doc, i + 1, sent.end)
                    # "Lord Mayor", "Lord Provost", "Dr Chair": a title before an office is no one's name
                    if name_end > i + 1 and doc[i + 1].lower_ in ROLE_WORDS:
                        i += 1
                        continue
                    if name_end > i + 1:
                        start = i
                        # "Rt Hon", "Cllr Dr": keep all stacked titles inside the mention
                        while start > sent.start and doc[start - 1].lower_.rstrip(".") in STRONG_TITLES | {
                            "rt",
                            "hon",
                        }:
                            start -= 1
                        # "County Cllr X": the tier belongs to the title
                        if (
                            start > sent.start
                            and doc[start - 1].lower_ in COUNCIL_TIERS
                            and doc[start - 1].text[:1].isupper()
                            and doc[start].lower_.rstrip(".") in {"cllr", "councillor"}
                        ):
                            start -= 1
                        end = self._honours_after(doc, name_end, sent.end)
                        span = doc[start:end]
                        name, titles = person_name(span.text)
                        if name and not self._looks_like_org(doc[i + 1 : name_end]):
                            out.append(Candidate(start, end, PERSON, "title-person", 85, name, titles))
                        i = end
                        continue
                # "Jo Bloggs MP": honours after a bare name
                if tok.text.rstrip(".").upper() in HONOURS_UPPER and tok.text.isupper() and i > sent.start:
                    j = i
                    while (
                        j > sent.start
                        and j > i - 3
                        and doc[j - 1].text[:1].isupper()
                        and doc[j - 1].is_alpha
                        and doc[j - 1].lower_ not in STRONG_TITLES
                        and not doc[j - 1].is_sent_start
                    ):
                        j -= 1
                    if (
                        j > sent.start
                        and doc[j - 1].is_sent_start
                        and doc[j - 1].is_alpha
                        and doc[j - 1].text[:1].isupper()
                    ):
                        j -= 1
                    if i - j >= 2 and not self._looks_like_org(doc[j:i]):
                        end = self._honours_after(doc, i, sent.end)
                        name, titles = person_name(doc[j:end].text)
                        out.append(Candidate(j, end, PERSON, "honours-person", 80, name, titles))
                i += 1
        return out

    @staticmethod
    def _name_after(doc: Doc, i: int, end: int) -> int:
        """End of a 1–3 word personal name starting at i (exclusive)."""
        j = i
        while j < end and j - i < 4:
            t = doc[j]
            if j > i and t.lower_.rstrip(".") in STRONG_TITLES:
                break
            if (
                t.is_alpha
                and t.text[0].isupper()
                and t.text.upper() not in HONOURS_UPPER | {"I"}
                and t.lower_ not in GENERIC_WORDS - {"chair"}
            ) or (j > i and t.text in {"-"} and not t.whitespace_):
                j += 1
                if "\n" in t.whitespace_:
                    break
                continue
            # "Lord Smith of Ashby"
            if (
                t.lower_ == "of"
                and j > i
                and j + 1 < end
                and doc[j + 1].text[:1].isupper()
                and doc[i - 1].lower_ in {"lord", "lady", "baroness", "baron"}
            ):
                j += 2
                continue
            break
        return j

    @staticmethod
    def _honours_after(doc: Doc, j: int, end: int) -> int:
        while j < end and doc[j].text.rstrip(".").upper() in HONOURS_UPPER and doc[j].text.isupper():
            j += 1
        return j

    def _title_list(self, doc: Doc, i: int, end: int) -> tuple[list[Candidate], int]:
        """ "Councillors Bloggs, Smith, Jones and I"; "Cllrs Jo Bloggs, Sam Smith and Al Jones"."""
        out: list[Candidate] = []
        j = i
        while j < end:
            # "Cllrs A, B and County Cllr C": a new title inside the list
            title_start = j
            while j < end and (
                doc[j].lower_.rstrip(".") in STRONG_TITLES
                or (
                    doc[j].lower_ in COUNCIL_TIERS
                    and j + 1 < end
                    and doc[j + 1].lower_.rstrip(".") in STRONG_TITLES
                )
            ):
                j += 1
            name_end = self._name_after(doc, j, end)
            if name_end == j:
                break
            stop = self._honours_after(doc, name_end, end)
            name, titles = person_name(doc[title_start:stop].text)
            if name and not self._looks_like_org(doc[j:name_end]):
                out.append(Candidate(title_start, stop, PERSON, "title-list-person", 85, name, titles))
            j = stop
            if j < end and doc[j].text == ",":
                j += 1
            if j < end and doc[j].lower_ in {"and", "&"}:
                j += 1
            if j < end and doc[j].text == "I":
                break
        return out, max(j, i)

    def _word_in_capitals(self, doc: Doc, tok: Token) -> bool:
        """ "MONDAY 3 JULY", "AGREED", "MINUTES": an ordinary word set in capitals, not an acronym.

        A word is ordinary when it is a day, a month or one of the known heads and
        role words, or when the same report also writes it in lower case.
        """
        low = tok.lower_
        if (
            low
            in CALENDAR_WORDS
            | GENERIC_WORDS
            | ROLE_WORDS
            | DOCUMENT_HEADS
            | EVENT_HEADS
            | ORGANISATION_HEADS
            | PROGRAMME_HEADS
            | NAME_CONNECTORS
            | COUNCIL_TIERS
        ):
            return True
        if self._lower_doc is not doc:
            self._lower_doc = doc
            self._lower_words = {t.text for t in doc if t.text.islower() and t.is_alpha}
        if low in self._lower_words:
            return True
        # An English word in capitals ("PRESENT", "TOTAL", "RISK") is a heading or a
        # table label where the line around it is in capitals too, or a colon
        # follows it. Elsewhere it may be a body that spells a word (NICE, UNISON).
        if low not in self.dictionary and tok.lemma_.lower() not in self.dictionary:
            return False
        line_start = doc.text.rfind("\n", 0, tok.idx) + 1
        line_end = doc.text.find("\n", tok.idx)
        line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
        words = re.findall(r"[A-Za-z]{2,}", line)
        caps = sum(w.isupper() for w in words)
        follows = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
        return follows == ":" or (caps >= 2 and caps * 2 >= len(words)) or len(words) == 1

    @property
    def dictionary(self) -> frozenset[str]:
        """English words the lemmatizer knows (its index of nouns, verbs, adjectives, adverbs)."""
        if self._dictionary is None:
            words: set[str] = set()
            if self._nlp is not None and "lemmatizer" in self._nlp.pipe_names:
                lookups = getattr(self._nlp.get_pipe("lemmatizer"), "lookups", None)
                if lookups is not None and lookups.has_table("lemma_index"):
                    for entries in lookups.get_table("lemma_index").values():
                        words.update(entries)
            self._dictionary = frozenset(words)
        return self._dictionary

    @staticmethod
    def _looks_like_org(span: Span) -> bool:
        words = _words(span)
        return bool(words) and (
            words[-1] in ORGANISATION_HEADS | PROGRAMME_HEADS | EVENT_HEADS | DOCUMENT_HEADS
            or all(w in GENERIC_WORDS for w in words)
        )

    # -- title-case chunks classified by their head noun
    def _chunks(self, doc: Doc) -> list[Candidate]:
        out: list[Candidate] = []
        for sent in doc.sents:
            chunks = [c for c in (_trim(ch) for ch in _name_chunks(sent)) if c is not None]
            for chunk in chunks:
                out += self._classify_chunk(doc, chunk)
            out += self._quoted(doc, sent)
            out += self._dash_pairs(doc, chunks)
        return out

    def _classify_chunk(self, doc: Doc, chunk: Span) -> list[Candidate]:
        out: list[Candidate] = []
        words = _words(chunk)
        if not words:
            return out
        # acronym definitions: "National Audit Office (NAO)"
        acronym = None
        e = chunk.end
        if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and is_acronym(doc[e + 1].text):
            acr = doc[e + 1].text
            if initials(chunk.text).startswith(acr[0]) and len(acr) >= 2:
                acronym = acr
        low = " ".join(words)
        if low in PARTIES:
            return [Candidate(chunk.start, chunk.end, ORGANISATION, "party", 70, PARTIES[low])]
        # single upper-case tokens: acronyms. An acronym that is never expanded and
        # appears once is still kept as an organisation: reports name bodies by bare
        # initials all the time (a charity, an audit office, a department), and
        # nothing in one mention tells a body's initials from an assessment's or a
        # scheme's. Dropping them would lose more true bodies than it saves false
        # ones, so the rare non-body acronym is a known, accepted false positive.
        if len(chunk) == 1 and is_acronym(chunk.text):
            if (
                len(chunk.text) >= 3
                and chunk.text.upper() not in NON_ORG_ACRONYMS
                and chunk.text.upper() not in HONOURS_UPPER
                and not self._word_in_capitals(doc, chunk[0])
            ):
                return [Candidate(chunk.start, chunk.end, ORGANISATION, "acronym", 60, chunk.text)]
            return out
        # "the Street Champions scheme": before a programme cue, a role word is the
        # programme's own name, not an office after a body's name
        after = doc[chunk.end] if chunk.end < len(doc) else None
        cued = after is not None and after.lower_ in PROGRAMME_CUES and after.text.islower()
        core = chunk if cued else _strip_role_suffix(chunk)
        head = _head_word(core)
        cwords = _words(core)
        if _is_generic(cwords):
            return out
        if cwords[0] in MONTHS or (len(cwords) == 2 and cwords[0] in {"next", "last", "previous", "annual"}):
            return out
        nxt = doc[core.end] if core.end < len(doc) else None
        if head in EVENT_HEADS or head in DOCUMENT_HEADS:
            inner = self._inner_name(core)
            if inner is not None:
                out.append(
                    Candidate(inner.start, inner.end, PROGRAMME, "event-of", 30, squash(fold(inner.text)))
                )
            return out
        lone_sentence_word = len(cwords) == 1 and doc[core.start].is_sent_start
        label = None
        rule = ""
        if head in PROGRAMME_HEADS:
            label, rule = PROGRAMME, "head-programme"
        elif head in ORGANISATION_HEADS or head.endswith("'") or head in {"employers"}:
            # "Improving Services": a gerund opens a title or a slogan, not a body's name
            first = doc[core.start].lower_
            # ("Housing Board", "Planning Committee", "Licensing Panel": nouns in -ing name
            # what a body deals with, and follow an article or "of")
            before = self._determiner_before(doc, core.start)
            if doc[core.start].tag_ == "VBG" or (
                first.endswith("ing")
                and len(first) > 5
                and before not in {"the", "of", "a", "an", "'s", "\u2019s"}
            ):
                return out
            label, rule = ORGANISATION, "head-organisation"
        elif nxt is not None and nxt.lower_ in PROGRAMME_CUES and not lone_sentence_word:
            # "the Effective X programme", "the LGG's Leadership programmes": the
            # programme is named after the possessive
            core = _after_possessive(core)
            # "the Community Council's initiative": the owner is named, the programme is not
            if core is None or _is_generic(_words(core)) or core[-1].text in {"'s", "\u2019s", "'", "\u2019"}:
                return out
            label, rule = PROGRAMME, "cue-programme"
        elif (
            nxt is not None
            and nxt.lower_ in EVENT_HEADS
            and nxt.text.islower()
            and not lone_sentence_word
            and self._determiner_before(doc, core.start) in {"the", "'s", "\u2019s", "this", "our", "their"}
        ):
            # "the X roadshow": X names the campaign the event belongs to,
            # unless X is a body ("the LGA annual conference") or an edition
            if any(w in ORGANISATION_HEADS or w in {"annual", "national", "regional"} for w in cwords) or any(
                is_acronym(t.text) for t in core
            ):
                return out
            label, rule = PROGRAMME, "event-cue-programme"
        elif (
            nxt is not None
            and nxt.text in {"'s", "\u2019s"}
            and len(cwords) >= 2
            and not self._person_like(core)
            and any(w in GENERIC_WORDS | ORGANISATION_HEADS for w in cwords)
        ):
            # "Housing North's approach": a body that owns an approach
            label, rule = ORGANISATION, "possessive-organisation"
        if label is None:
            return out
        if len(cwords) == 1 and cwords[0] in PROGRAMME_HEADS | ORGANISATION_HEADS:
            return out
        name = squash(fold(core.text))
        out.append(Candidate(core.start, core.end, label, rule, 70, name, acronym=acronym))
        out += self._possessor(doc, core)
        return out

    @staticmethod
    def _determiner_before(doc: Doc, i: int) -> str:
        """The word before position i, over emphasis marks ("the **X roadshow")."""
        k = i - 1
        while k >= 0 and (doc[k].is_space or doc[k].text.strip("*_\"'\u2018\u201c") == ""):
            k -= 1
        return doc[k].lower_ if k >= 0 else ""

    def _possessor(self, doc: Doc, core: Span) -> list[Candidate]:
        """ "South East Employers' Local … Network": the possessor is a body too (nested)."""
        for t in core:
            if t.text in {"'", "\u2019", "'s", "\u2019s"} and core.start + 1 < t.i < core.end - 1:
                owner = _trim(doc[core.start : t.i])
                if (
                    owner is not None
                    and len(owner) >= 2
                    and not _is_generic(_words(owner))
                    and _words(owner)[-1] not in GENERIC_WORDS
                    and not self._person_like(owner)
                ):
                    return [
                        Candidate(
                            owner.start,
                            owner.end,
                            ORGANISATION,
                            "possessor",
                            65,
                            squash(fold(owner.text)),
                            nested=True,
                        )
                    ]
                break
        return []

    @staticmethod
    def _person_like(span: Span) -> bool:
        return any(e.label_ == "PERSON" for e in span.ents) or any(
            t.lower_ in STRONG_TITLES for t in span.doc[max(0, span.start - 1) : span.start + 1]
        )

    @staticmethod
    def _inner_name(span: Span) -> Span | None:
        """ "The Bright Y Camp" → "Bright Y"; only multi-word inner names."""
        e = span.end - 1
        s = span.start
        while e > s and (
            span.doc[e - 1].lower_ in {"annual", "national", "regional", "launch", "first", "second"}
        ):
            e -= 1
        while e > s and span.doc[e - 1].text in {"'s", "\u2019s", "'", "\u2019"}:
            e -= 1
        inner = span.doc[s:e]
        words = _words(inner)
        return inner if len(inner) >= 2 and not all(w in GENERIC_WORDS | ROLE_WORDS for w in words) else None

    def _quoted(self, doc: Doc, sent: Span) -> list[Candidate]:
        """ "the 'Bright Y' programme", "a ‘Stand for Office’ session"."""
        out: list[Candidate] = []
        text = sent.text
        for m in re.finditer(
            r"[\"'\u2018\u201c]([A-Z][^\"'\u2019\u201d\n]{2,80})[\"'\u2019\u201d]\s+(\w+)", text
        ):
            cue = m.group(2).lower()
            if cue not in PROGRAMME_CUES and cue not in EVENT_HEADS:
                continue
            start = sent.start_char + m.start(1)
            span = doc.char_span(start, start + len(m.group(1)), alignment_mode="contract")
            if span is None or len(span) > 10:
                continue
            out.append(
                Candidate(span.start, span.end, PROGRAMME, "quoted-programme", 75, squash(fold(span.text)))
            )
        return out

    @staticmethod
    def _dash_pairs(doc: Doc, chunks: list[Span]) -> list[Candidate]:
        """ "X Waste Strategy – Recycle More Locally": two names for one programme."""
        out: list[Candidate] = []
        for a, b in itertools.pairwise(chunks):
            between = doc[a.end : b.start]
            if len(between) != 1 or between[0].text not in {"\u2013", "\u2014", "-", ":"}:
                continue
            ha, hb = _head_word(a), _head_word(b)
            # an alias is a name, not a one-word instruction ("X Project – Discuss report")
            if min(len(_words(a)), len(_words(b))) < 2:
                continue
            if (
                ha in PROGRAMME_HEADS
                and hb not in ORGANISATION_HEADS | PROGRAMME_HEADS | EVENT_HEADS | DOCUMENT_HEADS
            ):
                out.append(
                    Candidate(
                        b.start, b.end, PROGRAMME, "dash-alias", 72, squash(fold(b.text)), alias_of=a.start
                    )
                )
            elif (
                hb in PROGRAMME_HEADS
                and ha not in ORGANISATION_HEADS | PROGRAMME_HEADS | EVENT_HEADS | DOCUMENT_HEADS
            ):
                out.append(
                    Candidate(
                        a.start, a.end, PROGRAMME, "dash-alias", 72, squash(fold(a.text)), alias_of=b.start
                    )
                )
        return out

    # -- "the local productivity programme", twice: a programme named in lower case
    def _recurring_programmes(self, doc: Doc) -> list[Candidate]:
        found: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for tok in doc:
            if tok.lower_ not in {"programme", "programmes", "campaign", "scheme"} or not tok.text.islower():
                continue
            s = tok.i
            while (
                s > 0
                and doc[s - 1].text.islower()
                and doc[s - 1].pos_ in {"ADJ", "NOUN", "PROPN"}
                and doc[s - 1].lower_ not in GENERIC_MODIFIERS
                and tok.i - s < 3
            ):
                s -= 1
            before = s - 1
            while before > 0 and doc[before].is_space:
                before -= 1
            if s == tok.i or s == 0 or doc[before].lower_ not in {"the", "'s", "\u2019s"}:
                continue
            key = (*(t.lower_ for t in doc[s : tok.i]), "programme")
            found.setdefault(key, []).append((s, tok.i + 1))
        out = []
        for key, places in found.items():
            if len(places) < 2:
                continue
            for s, e in places:
                out.append(Candidate(s, e, PROGRAMME, "recurring-programme", 55, " ".join(key)))
        return out

    # -- the statistical NER as a fallback, filtered by the same head rules
    def _ner(self, doc: Doc) -> list[Candidate]:
        out: list[Candidate] = []
        for ent in doc.ents:
            span = _trim(ent)
            if span is None:
                continue
            words = _words(span)
            if not words or any(t.like_email or t.like_url or t.like_num for t in span):
                continue
            if ent.label_ == "PERSON":
                name_words = [t for t in span if not t.is_punct]
                if not 2 <= len(name_words) <= 3 or not all(
                    t.is_alpha and t.text[0].isupper() for t in name_words
                ):
                    continue
                if self._looks_like_org(span) or any(
                    w in GENERIC_WORDS | ROLE_WORDS | EVENT_HEADS for w in words
                ):
                    continue
                if (
                    any(
                        self.register.lookup_place(t.text) is not None and t.i == span.start for t in span[:1]
                    )
                    and len(name_words) == 2
                    and words[-1] in ORGANISATION_HEADS
                ):
                    continue
                if self._not_a_person(span, words):
                    continue
                name, titles = person_name(span.text)
                out.append(Candidate(span.start, span.end, PERSON, "ner-person", 50, name, titles))
            elif ent.label_ in {"ORG", "NORP"}:
                low = " ".join(words)
                if low in PARTIES:
                    out.append(Candidate(span.start, span.end, ORGANISATION, "party", 70, PARTIES[low]))
        return out

    def _not_a_person(self, span: Span, words: list[str]) -> bool:
        """What the statistical NER calls a person but a reader would not.

        Streets, buildings and land ("X Drive", "Y Town Hall", "Z Fields"), a place
        that is a parish ("Ashby Parish"), months ("Maintenance - August"), capitals that
        are initials or an acronym ("Brookside HA", "Oxon CC"), and saints' names of places
        ("St Albans").
        """
        if words[-1] in PLACE_HEADS or words[0] in {"st", "saint"}:
            return True
        # "Cemetery Update Cllr": a title inside or after the words belongs to the next name
        if any(w.rstrip(".") in STRONG_TITLES for w in words[1:]):
            return True
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if words[-1] in PLACE_SURNAME_HEADS and before in {
            "at",
            "in",
            "on",
            "near",
            "from",
            "to",
            "the",
            "of",
        }:
            return True
        # "Theresa May", "Kirsty Ward": months and tiers that are also names are left alone
        if any(
            w
            in (CALENDAR_WORDS - {"may", "june", "april", "august"})
            | (COUNCIL_TIERS - {"ward", "town", "hall"})
            | PROGRAMME_HEADS
            | DOCUMENT_HEADS
            for w in words
        ):
            return True
        if any(t.text in {"-", "\u2013", "\u2014"} and t.whitespace_ for t in span):
            return True
        return any(len(t.text) >= 2 and t.text.isupper() for t in span)

    # -- "I" in a chair's report is the chair
    @staticmethod
    def _chair_pronoun(doc: Doc, ctx: dict) -> list[Candidate]:
        if not ctx.get("chair"):
            return []
        return [
            Candidate(t.i, t.i + 1, PERSON, "chair-pronoun", 40, ctx["chair"], chair=True)
            for t in doc
            if t.text == "I" and t.pos_ == "PRON"
        ]

    @staticmethod
    def _drop_person_initials(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
        """ "Dave X (DX)", "Rob Y (RY)": minutes give people initials, which are not bodies.

        Capitals in brackets right after a person's name, starting with the
        name's initial, are that person's initials; the same capitals elsewhere
        in the report are the person too, so they are not an organisation.
        """
        person_ends = {c.end: c for c in cands if c.label == PERSON}
        initials_of_people: set[str] = set()
        for c in cands:
            if c.rule != "acronym" or c.start < 1 or doc[c.start - 1].text != "(":
                continue
            person = person_ends.get(c.start - 1)
            if person is not None and person.name[:1].upper() == c.name[:1]:
                initials_of_people.add(c.name)
        return [c for c in cands if not (c.rule == "acronym" and c.name in initials_of_people)]

    @staticmethod
    def _drop_place_people(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
        """ "Ashby Workspace", "Bolton Live": NER's untitled "person" that opens with the
        place word a body or council in the same report is named after ("Ashby
        Housing Association", "Bolton Council") is a place or a thing, not a person.
        Given names are rarely place names, so only the first word is compared.
        """
        place_words = {
            doc[c.start].lower_
            for c in cands
            if c.label in {ORGANISATION, COUNCIL}
            and c.end - c.start >= 2
            and c.rule in {"head-organisation", "register-council"}
            and doc[c.start].lower_ not in GENERIC_WORDS | COUNCIL_TIERS
        }
        return [c for c in cands if not (c.rule == "ner-person" and doc[c.start].lower_ in place_words)]

    def _council_acronyms(self, doc: Doc, chosen: list[Candidate], day: dt.date | None) -> list[Candidate]:
        """ "SBC" in a report that names Scottish Borders Council is that council.

        Only a council named in the same report counts: across the register,
        three letters fit too many councils.
        """
        by_initials: dict[str, set[str]] = {}
        for c in chosen:
            if c.label == COUNCIL and c.key:
                council = self.register.councils.get(c.key)
                for text in (doc[c.start : c.end].text, council.official_name if council else ""):
                    if text:
                        by_initials.setdefault(initials(text), set()).add(c.key)
        out = []
        for c in chosen:
            keys = by_initials.get(c.name) if c.rule == "acronym" else None
            if keys and len(keys) == 1:
                (key,) = keys
                out.append(
                    Candidate(
                        c.start,
                        c.end,
                        COUNCIL,
                        "council-acronym",
                        c.priority,
                        self.register.councils[key].official_name,
                        key=key,
                        acronym=c.name,
                    )
                )
            else:
                out.append(c)
        return out

    # -- once a name is known in a report, its other occurrences are mentions too
    def _propagate(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
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
        taken = [False] * len(doc)
        for c in chosen:
            for k in range(c.start, c.end):
                taken[k] = True
        extra: list[Candidate] = []
        keys = sorted(known, key=len, reverse=True)
        for i in range(len(doc)):
            if taken[i] or not doc[i].text[:1].isupper():
                continue
            for key in keys:
                n = len(key)
                if (
                    i + n <= len(doc)
                    and tuple(t.lower_ for t in doc[i : i + n]) == key
                    and not any(taken[i : i + n])
                ):
                    src = known[key]
                    # an acronym is written in capitals: "Acc" or "Risk" is not "ACC" or "RISK"
                    if n == 1 and not doc[i].text.isupper():
                        continue
                    extra.append(
                        Candidate(i, i + n, src.label, "propagated", src.priority - 5, src.name, key=src.key)
                    )
                    for k in range(i, i + n):
                        taken[k] = True
                    break
        # "the Bright Y Camp" names the programme "Bright Y …" only if the report names it
        programme_keys = [name_key(c.name) for c in chosen if c.label == PROGRAMME and c.rule != "event-of"]
        result = []
        for c in sorted(chosen + extra, key=lambda c: (c.start, c.end)):
            if c.rule == "event-of":
                k = name_key(c.name)
                if not any(p == k or p.startswith(k + " ") for p in programme_keys):
                    continue
            result.append(c)
        return result

    @staticmethod
    def _to_span(doc: Doc, c: Candidate) -> Span:
        span = Span(doc, c.start, c.end, label=c.label)
        span._.bg_name = c.name or squash(fold(span.text))
        span._.bg_titles = tuple(c.titles)
        span._.bg_rule = c.rule
        span._.bg_key = c.key
        span._.bg_chair = c.chair
        span._.bg_acronym = c.acronym
        span._.bg_alias_of = doc[c.alias_of].idx if c.alias_of is not None else None
        return span


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Keep the best non-overlapping candidates: priority, then length."""
    ordered = sorted(
        (c for c in cands if not c.nested), key=lambda c: (-c.priority, -(c.end - c.start), c.start)
    )
    taken: set[int] = set()
    chosen: list[Candidate] = []
    for c in ordered:
        if c.end <= c.start or any(k in taken for k in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    # nested names survive where the name they sit in was kept
    for c in cands:
        if c.nested and any(
            o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in chosen
        ):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


# ------------------------------------------------------------ Doc → records


def context_for(meta: ReportMeta) -> dict:
    """What the components need from ingest, as plain data (it crosses processes)."""
    return {
        "id": meta.identifier,
        "chair": meta.chair,
        "chair_span": [meta.chair_span.start, meta.chair_span.end] if meta.chair_span else None,
        "board": meta.board,
        "board_span": [meta.board_span.start, meta.board_span.end] if meta.board_span else None,
        "contact_span": [meta.contact.span.start, meta.contact.span.end]
        if meta.contact and meta.contact.span
        else None,
        "date": meta.date.isoformat() if meta.date else None,
    }


def make_doc(nlp: Language, document: SourceDocument, meta: ReportMeta) -> Doc:
    doc = nlp.make_doc(document.text)
    doc._.bg_context = context_for(meta)
    return doc


def _sentence_of(doc: Doc, span: Span) -> CharSpan:
    sent = span.sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return CharSpan(sent.start_char + lead, sent.end_char - trail)


def records_from_doc(doc: Doc, document: SourceDocument, meta: ReportMeta, pipeline: str) -> ExtractedReport:
    """Read the components' results off a processed Doc into plain records."""
    spans = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
    index_of_start = {s.start_char: i for i, s in enumerate(spans)}
    mentions: list[Mention] = []
    for s in spans:
        alias = s._.bg_alias_of
        mentions.append(
            Mention(
                report_id=document.identifier,
                span=CharSpan(s.start_char, s.end_char),
                text=s.text,
                type=s.label_,
                name=s._.bg_name,
                sentence=_sentence_of(doc, s),
                titles=tuple(s._.bg_titles),
                rule=s._.bg_rule + (f"|alias:{index_of_start[alias]}" if alias in index_of_start else ""),
                key=s._.bg_key,
                acronym=s._.bg_acronym,
                is_chair=bool(s._.bg_chair),
            )
        )
    relations = [
        RelationCandidate(
            kind=r["kind"],
            args=tuple(r["args"]),
            trigger=r["trigger"],
            sentence=CharSpan(*r["sentence"]),
            rule=r.get("rule", ""),
        )
        for r in (doc._.bg_relations or [])
    ]
    roles = [
        RoleCandidate(
            person=r["person"],
            role=r["role"],
            organisation=r.get("organisation"),
            sentence=CharSpan(*r["sentence"]),
        )
        for r in (doc._.bg_roles or [])
    ]
    sentences = []
    for sent in doc.sents:
        if sent.text.strip():
            sentences.append(_sentence_of(doc, sent))
    return ExtractedReport(
        document=document,
        meta=meta,
        mentions=mentions,
        relations=relations,
        roles=roles,
        sentences=sentences,
        pipeline=pipeline,
    )


def extract(
    nlp: Language,
    items: Iterable[tuple[SourceDocument, ReportMeta]],
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[ExtractedReport]:
    """Run the pipeline over reports in batches (``nlp.pipe``), yielding records in input order."""
    from boardgraph.pipeline import pipeline_label

    label = pipeline_label(nlp)
    pairs = ((make_doc(nlp, d, m), (d, m)) for d, m in items)
    for doc, (document, meta) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield records_from_doc(doc, document, meta, label)

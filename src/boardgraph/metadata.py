"""Report metadata: title, board, chair, contact officer and the report's date.

Everything works on :attr:`SourceDocument.text` (already cleaned, offsets
shared with the raw text) and nothing here may raise on odd input: a report
that yields nothing simply gets an empty :class:`ReportMeta`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median
from typing import TypeVar

from boardgraph.clean import page_furniture_spans
from boardgraph.model import ContactOfficer, ReportMeta, SourceDocument, Span

T = TypeVar("T")

# --------------------------------------------------------------------------
# Names and titles

_TITLES = {
    "cllr", "cllrs", "councillor", "councillors", "cty", "county", "borough", "district", "parish",
    "lord", "baroness", "baron", "lady", "sir", "dame", "dr", "mr", "mrs", "ms", "miss", "mx",
    "prof", "professor", "rev", "revd", "reverend", "rt", "hon", "right", "honourable", "the",
}  # fmt: skip
_HONOURS = {
    "mp", "mep", "msp", "ms", "am", "mla", "cbe", "obe", "mbe", "kbe", "dbe", "cb", "kcb", "cvo",
    "lvo", "jp", "dl", "qc", "kc", "frsa", "phd", "ba", "ma", "msc", "bsc", "fcca", "cipfa", "hon",
}  # fmt: skip
_NAME_PARTICLES = {"de", "van", "von", "da", "du", "le", "la", "der", "den", "st", "o'"}
_TOKEN = re.compile(r"[^\s,;()]+")


@dataclass
class _Person:
    name: str
    span: Span
    role: str | None = None


def _person(text: str, start: int, end: int) -> _Person | None:
    """A person's name in text[start:end], with titles, honours and "(Role)" peeled off."""
    segment = text[start:end]
    role = None
    paren = re.search(r"\(([^()]{2,60})\)", segment)
    if paren:
        role = " ".join(paren.group(1).split())
        segment = segment[: paren.start()]
    names: list[re.Match[str]] = []
    for tok in _TOKEN.finditer(segment):
        word = tok.group(0).rstrip(".:–—-")
        low = word.lower()
        if not names and low in _TITLES:
            continue
        if low in _HONOURS and names:
            break
        if not word:
            break
        if word[0].isupper() or (names and low in _NAME_PARTICLES):
            names.append(tok)
            if len(names) == 5 or text[start + tok.end() : start + tok.end() + 1] == ",":
                break
            continue
        break
    while names and names[-1].group(0).lower() in _NAME_PARTICLES:
        names.pop()
    if not names:
        return None
    s = start + names[0].start()
    e = start + names[-1].end()
    while e > s and text[e - 1] in ".:–—-":
        e -= 1
    name = " ".join(text[s:e].split())
    if not re.search(r"[A-Za-z]{2}", name):
        return None
    return _Person(name, Span(s, e), role)


# --------------------------------------------------------------------------
# Lines


@dataclass
class _Line:
    start: int
    end: int  # content span, stripped
    text: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            s = pos + raw.index(stripped)
            out.append(_Line(s, s + len(stripped), " ".join(stripped.split())))
        pos += len(raw) + 1
    return out


def _is_heading(line: _Line) -> bool:
    return 2 < len(line.text) <= 160 and line.text[-1] not in ".,;:-" and any(c.isalpha() for c in line.text)


# --------------------------------------------------------------------------
# Title, board and chair

_DASH = r"(?:\s*[–—]\s*|\s+-\s+|\s*:\s*)"
_BODY_WORD = (
    r"(?:Board|Committee|Panel|Forum|Commission|Group|Partnership|Assembly|Cabinet|Executive|Council)"
)
_BOARD_REPORT_FROM = re.compile(
    rf"(?P<board>[A-Z][^\n]{{2,120}}?){_DASH}(?:an?\s+|the\s+)?(?:report|update)\s+(?:from|of|by)\s+(?P<who>.+)$",
    re.I,
)
_REPORT_OF_BOARD = re.compile(
    rf"(?:[Tt]he\s+)?(?:[Rr]eport|REPORT|[Uu]pdate)\s+(?:of|from|OF|FROM)\s+(?:the|THE)\s+(?P<board>[A-Z][^\n]{{2,100}}?\b{_BODY_WORD})\b"
    rf"(?:{_DASH}|\s*,\s*|\s+by\s+)?(?P<who>.*)$"
)
_ROLE = r"(?:Vice[- ])?(?:Chair(?:man|woman|person)?|Convenor|Leader|President)"
_BOARD_CHAIRS_REPORT = re.compile(
    rf"(?P<board>[A-Z][^\n]{{2,120}}?){_DASH}(?:the\s+)?(?P<role>{_ROLE})['’]s\s+(?:report|update)"
    rf"(?:{_DASH}(?P<who>.*))?$",
    re.I,
)
_CHAIRS_REPORT = re.compile(
    rf"(?:the\s+)?(?P<role>{_ROLE})['’]s\s+(?:report|update){_DASH}(?P<who>.+)$", re.I
)
_FROM_THE_CHAIR = re.compile(rf"^(?:from\s+)?the\s+(?P<role>{_ROLE})\s*,\s*", re.I)


def _who(text: str, start: int, end: int, role: str | None) -> _Person | None:
    segment = text[start:end]
    lead = _FROM_THE_CHAIR.match(segment)
    if lead:
        role = lead.group("role")
        start += lead.end()
    person = _person(text, start, end)
    if person and role and not person.role:
        person.role = role
    if person and person.name.lower().startswith(("the ", "chair")):
        return None
    return person


def _title_board_chair(text: str, meta: ReportMeta) -> None:
    lines = [line for line in _lines(text)[:15] if _is_heading(line)]
    # The title may name the board and the chair, or a later heading may
    # ("Report of the X Board" then "Chair's report: Cllr Y"): keep looking
    # until both are known.
    for line in lines:
        for pattern in (_BOARD_CHAIRS_REPORT, _BOARD_REPORT_FROM, _REPORT_OF_BOARD, _CHAIRS_REPORT):
            m = pattern.match(text, line.start, line.end)
            if m:
                break
        else:
            continue
        groups = m.groupdict()
        if meta.title is None:
            meta.title = line.text
        if groups.get("board") and meta.board is None:
            board = " ".join(m.group("board").split())
            if len(board.split()) <= 12:
                meta.board, meta.board_span = board, Span(*m.span("board"))
        role = groups.get("role")
        person = _who(text, *m.span("who"), role) if groups.get("who") else None
        if person and meta.chair is None:
            meta.chair, meta.chair_span, meta.chair_role = person.name, person.span, person.role
        elif role and meta.chair_role is None:
            meta.chair_role = role
        if meta.board and meta.chair:
            break
    if meta.title is None and lines:
        meta.title = lines[0].text


# --------------------------------------------------------------------------
# Contact officer

_CONTACT = re.compile(
    r"(?:contact(?:\s+officer)?s?|contact\s+details|report\s+author|author|lead\s+officer)\s*:\s*(?P<rest>.*)$",
    re.I,
)
_LABELS: dict[str, re.Pattern[str]] = {
    "position": re.compile(r"^(?:position|job\s+title|title|role|post)\s*:\s*(?P<v>.*)$", re.I),
    "phone": re.compile(
        r"^(?:phone|telephone|tel|direct\s+line|mobile)(?:\s*(?:no|number)\.?)?\s*:\s*(?P<v>.*)$", re.I
    ),
    "email": re.compile(r"^(?:e-?mail|email\s+address)\s*:\s*(?P<v>.*)$", re.I),
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")


def _contact(text: str) -> ContactOfficer | None:
    lines = _lines(text)
    for i, line in enumerate(lines):
        m = _CONTACT.match(text, line.start, line.end)
        if not m:
            continue
        start, end = m.span("rest")
        follow = lines[i + 1 : i + 9]
        if start == end and follow and not any(p.match(follow[0].text) for p in _LABELS.values()):
            start, end = follow[0].start, follow[0].end  # name on the next line
            follow = follow[1:]
        # The name ends at a comma, a wide gap or a label run into the same line.
        cut = re.search(r",|\s{2,}|\b(?:Position|Tel|Phone|E-?mail)\b", text[start:end], re.I)
        person = _person(text, start, start + cut.start() if cut else end)
        if person is None:
            continue
        officer = ContactOfficer(name=person.name, span=person.span)
        _contact_details(text[person.span.end : end], officer)
        for nxt in follow:
            hit = False
            for key, pattern in _LABELS.items():
                lm = pattern.match(nxt.text)
                if lm and getattr(officer, key) is None:
                    _set_detail(officer, key, lm.group("v"))
                    hit = True
            if not hit:
                break
        return officer
    return None


def _set_detail(officer: ContactOfficer, key: str, value: str) -> None:
    value = value.strip(" ,;")
    if key == "email":
        m = _EMAIL.search(value)
        officer.email = m.group(0) if m else None
    elif key == "phone":
        m = _PHONE.search(value)
        officer.phone = " ".join(m.group(0).split()) if m else (value or None)
    else:
        officer.position = value or None


def _contact_details(rest: str, officer: ContactOfficer) -> None:
    """Details written on the name's own line: "Jane Doe, Policy Adviser, 020 …, jane@…"."""
    for part in (p.strip() for p in rest.split(",")):
        if not part:
            continue
        for key, pattern in _LABELS.items():
            lm = pattern.match(part)
            if lm:
                _set_detail(officer, key, lm.group("v"))
                break
        else:
            if _EMAIL.search(part):
                _set_detail(officer, "email", part)
            elif _PHONE.search(part):
                _set_detail(officer, "phone", part)
            elif officer.position is None and re.match(r"[A-Z]", part):
                officer.position = part


# --------------------------------------------------------------------------
# Dates found in text

_MONTH_NUM = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"  # fmt: skip
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WD = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b(?![/-]\d)"
_MOD = r"(?:(?P<mod>early|mid|late|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of)[\s-]+)"
_DATE_PATTERNS = [
    re.compile(
        rf"(?:{_WD}\s+)?(?:the\s+)?(?P<d1>\d{{1,2}}){_ORD}"
        rf"(?:\s*(?:-|–|—|and|to|&|or)\s*(?:{_WD}\s+)?(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD})?"
        rf"(?:\s+of)?\s+(?P<month>{_MONTH})\b\.?(?:,?\s+{_YEAR})?",
        re.I,
    ),
    re.compile(rf"(?:{_WD}\s+)?(?P<month>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:,\s*|\s+){_YEAR}", re.I),
    re.compile(rf"(?:{_WD}\s+)?(?P<month>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)\b", re.I),
    re.compile(rf"{_MOD}?(?P<month>{_MONTH})\.?,?\s+{_YEAR}", re.I),
    re.compile(r"(?<![\d./£$])(?P<d1>\d{1,2})[./](?P<mnum>\d{1,2})[./](?P<year>\d{4}|\d{2})(?![\d./]|\d)"),
    re.compile(rf"{_MOD}?\b(?P<month>{_FULL_MONTH})\b", re.I),
]
# A bare month name is only a date after words like these ("in September",
# "the November Board"); elsewhere it may be a name or a verb.
_BARE_MONTH_BEFORE = re.compile(
    r"(?:\b(?:in|on|of|during|since|until|till|by|from|to|the|its|their|our|this|last|next|and|or|early|"
    r"mid|late|end of|beginning of|start of)|,)\s*$",
    re.I,
)
_MOD_DAY = {
    "early": 5, "mid": 15, "late": 25, "end of": 28, "the end of": 28, "beginning of": 3, "start of": 3,
}  # fmt: skip


@dataclass
class _DateMention:
    span: Span
    text: str
    month: int
    year: int | None
    day1: int | None  # None: the month as a whole
    day2: int | None = None
    numeric: bool = False

    def resolve(self, year: int) -> tuple[dt.date, dt.date] | None:
        try:
            if self.day1 is None:
                first = dt.date(year, self.month, 1)
                last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                return first, last
            d1 = dt.date(year, self.month, self.day1)
            d2 = dt.date(year, self.month, self.day2) if self.day2 and self.day2 > self.day1 else d1
            return d1, d2
        except ValueError:
            return None


def _find_dates(text: str) -> list[_DateMention]:
    taken: list[Span] = []
    found: list[_DateMention] = []
    for index, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            span = Span(*m.span())
            if any(s.start < span.end and span.start < s.end for s in taken):
                continue
            mention = _mention(text, m, bare=index == len(_DATE_PATTERNS) - 1)
            if mention is None:
                continue
            taken.append(span)
            found.append(mention)
    return sorted(found, key=lambda d: d.span)


def _mention(text: str, m: re.Match[str], bare: bool) -> _DateMention | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if year is not None and year < 100:
        year += 2000 if year < 70 else 1900
    if groups.get("mnum"):
        month = int(groups["mnum"])
        if not 1 <= month <= 12 or not 1 <= int(groups["d1"]) <= 31:
            return None
        line_start = text.rfind("\n", 0, m.start()) + 1
        if len(groups["year"]) == 2 and not text[line_start : m.start()].strip():
            return None  # "15/09/13 Items for …" is a minute number
        return _DateMention(Span(*m.span()), m.group(0), month, year, int(groups["d1"]), numeric=True)
    word = groups["month"]
    # Month names are capitalised; lower-case "march" or "may" are verbs.
    if not word[0].isupper():
        return None
    month = _MONTH_NUM[word.lower()]
    d1 = int(groups["d1"]) if groups.get("d1") else None
    d2 = int(groups["d2"]) if groups.get("d2") else None
    mod = " ".join(groups["mod"].lower().split()) if groups.get("mod") else None
    if bare:
        before = text[max(0, m.start() - 20) : m.start()]
        after = text[m.end() : m.end() + 20]
        if not mod and not _BARE_MONTH_BEFORE.search(before):
            return None
        if re.match(r"\s+[A-Z][a-z]", after) and not re.match(r"\s+(?:Board|Committee|[A-Z]\w+ing\b)", after):
            return None  # "June Brown" is a person
        if word.lower() == "may" and not re.search(
            r"\b(?:in|of|during|since|until|by|from|early|late)\s*$", before, re.I
        ):
            return None
    if d1 is None and mod:
        d1 = _MOD_DAY.get(mod)
    if d1 is not None and not 1 <= d1 <= 31:
        return None
    end = m.end()
    if text[end - 1] == "." and re.fullmatch(_FULL_MONTH, word, re.I):
        end -= 1  # the full stop ends the sentence, not an abbreviation
    return _DateMention(Span(m.start(), end), text[m.start() : end], month, year, d1, d2)


# --------------------------------------------------------------------------
# Past or future: which way does the sentence around a date point?

_STRONG_FUTURE = (
    r"will|shall|won't|'ll|would|is\s+being|are\s+being|is\s+to\s+be|are\s+to\s+be|to\s+be\s+held|is\s+due|"
    r"are\s+due|takes?\s+place|closes?|opens?|commenc(?:es?|ing|e)|should|must|going\s+to|is\s+scheduled|are\s+scheduled|"
    r"is\s+planned|are\s+planned|is\s+expected|are\s+expected"
)
_STRONG_PAST = r"was|were|had|did|has\s+been|have\s+been|took\s+place|ago"
_WEAK_FUTURE = (
    r"upcoming|forthcoming|next|due|deadline|until|underway|planned|scheduled|expected|for\s+implementation|"
    r"invited?|book|register|on\s+course|aim(?:s|ing)?|intend(?:s|ing)?|hope(?:s)?"
)
_WEAK_PAST = (
    r"last|previous|recent(?:ly)?|met|spoke|gave|took|held|went|came|sent|made|led|wrote|began|ran|won|"
    r"brought|told|said|found|felt|became|saw|attended|[a-z]{3,}ed"
)
_CUE = re.compile(
    rf"\b(?:(?P<sf>{_STRONG_FUTURE})|(?P<sp>{_STRONG_PAST})|(?P<wf>{_WEAK_FUTURE})|(?P<wp>{_WEAK_PAST}))\b",
    re.I,
)
_NOT_PAST_ED = {
    "need", "speed", "indeed", "proceed", "exceed", "succeed", "seed", "feed", "bed", "red", "shed",
}  # fmt: skip
_DETERMINER = re.compile(r"\b(?:the|a|an|our|its|their|this|these|those|new|revised)\s+$", re.I)
# Tense of a phrase right before the date overrides the rest of the clause.
_NEAR_PAST = re.compile(r"\b(?:last|previous|recent|recently|prior)\b[^.;\n]{0,40}$", re.I)
_NEAR_FUTURE = re.compile(
    r"\b(?:(?:next|upcoming|forthcoming|will|closes?)\b[^.;\n]{0,25}|(?:by|until|before)\s+(?:the\s+)?"
    # "agreed to meet again in June", "plans to launch on 3 May": an intention
    r"|(?:agreed|agree|agrees|plans?|planning|intends?|intend|expects?|hopes?|aims?|decided|promised)\s+to\s+"
    r"[a-z]+\b[^.;\n]{0,25}"
    # "strike action for 3 May", "set for 1 April": what is fixed for a day is still to come
    r"|[a-z]{3,}\s+for\s+)$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|:(?=[ \t]*\n)|\n\s*\n|\n(?=\s*[A-Z0-9•*-])")


def _tense(text: str, span: Span) -> str:
    """ "past", "future" or "unknown" for the event a date belongs to."""
    start = max(0, span.start - 300)
    before_all = text[start : span.start]
    ends = list(_SENTENCE_END.finditer(before_all))
    before = before_all[ends[-1].end() :] if ends else before_all
    after_all = text[span.end : span.end + 300]
    end = _SENTENCE_END.search(after_all)
    after = after_all[: end.start()] if end else after_all

    near = before[-60:]
    past_near, future_near = _NEAR_PAST.search(near), _NEAR_FUTURE.search(near)
    if past_near or future_near:
        if past_near and future_near:
            return "past" if past_near.start() > future_near.start() else "future"
        return "past" if past_near else "future"

    def cues(segment: str, strong: bool) -> list[tuple[int, str]]:
        out = []
        for m in _CUE.finditer(segment):
            kind = m.lastgroup or ""
            if strong != kind.startswith("s"):
                continue
            if kind == "wp" and (
                m.group(0).lower() in _NOT_PAST_ED or _DETERMINER.search(segment, 0, m.start())
            ):
                continue  # "the proposed strategy": an adjective, not a past event
            out.append((m.start(), "future" if kind.endswith("f") else "past"))
        return out

    # Strong cues before the date, then weak ones before, then after it.
    for segment, reverse in ((before, True), (after, False)):
        for strong in (True, False):
            found = cues(segment, strong)
            if found:
                return (found[-1] if reverse else found[0])[1]
    return "unknown"


# --------------------------------------------------------------------------
# The report's date


@dataclass
class _Evidence:
    point: dt.date
    tense: str
    weight: float
    text: str


_FILLER = re.compile(
    rf"(?i)\b(?:meeting|date|held|on|at|the|of|in|{_WD}|\d{{1,2}}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|"
    r"minutes|agenda|draft)\b|[\s,.:;–—()*#|-]"
)
_STATED_CONTEXT = re.compile(r"(?i)\b(?:meeting|minutes|council|committee|board|forum|panel|agenda)\b")
_FUTURE_WORDS = re.compile(r"(?i)\b(?:will|shall|would|to\s+be|is\s+being|are\s+being)\b")
# The header ends where the numbered paragraphs begin (seen in the raw text,
# because cleaning blanks the numbers).
_FIRST_PARAGRAPH = re.compile(r"^[ \t>]*(?:[-*+][ \t]+)?\d{1,3}(?:\\?\.\d{1,3})*\\?\.[ \t]+\S", re.M)
_NOT_THIS_MEETING = re.compile(r"(?i)\b(?:previous|last|next|following|future|prior|earlier|signed)\b")
_LABELLED = re.compile(r"(?i)\b(?:meeting\s+date|date\s+of\s+meeting|date)\s*:\s*$")


def _stated_date(text: str, raw: str, dates: list[_DateMention]) -> tuple[_DateMention, float, str] | None:
    """The meeting date when the header states it."""
    first_paragraph = _FIRST_PARAGRAPH.search(raw)
    header_end = first_paragraph.start() if first_paragraph else len(text)
    header: list[_Line] = []
    for line in _lines(text)[:12]:
        if len(line.text) > 250 or line.start >= header_end:
            break
        header.append(line)
    for line in header:
        here = [d for d in dates if line.start <= d.span.start < line.end]
        for d in (d for d in here if d.year and d.day1 and not d.numeric):
            before = text[line.start : d.span.start]
            rest = text[line.start : d.span.start] + " " + text[d.span.end : line.end]
            if _NOT_THIS_MEETING.search(before):
                continue
            if _LABELLED.search(before):
                return d, 0.98, f"stated: labelled date '{d.text}'"
            if not _FILLER.sub("", rest):
                return d, 0.95, f"stated: date line '{line.text}' in the header"
            if _STATED_CONTEXT.search(rest) and not _FUTURE_WORDS.search(rest) and len(line.text) <= 200:
                return d, 0.95, f"stated: '{line.text}'"
    return None


def _year_anchor(
    dates: list[_DateMention], text: str, furniture: list[_DateMention]
) -> tuple[dt.date, str] | None:
    """A point in time that dates written without a year are placed nearest to."""

    def points(mentions: list[_DateMention]) -> list[dt.date]:
        # Numeric dates are too often item numbers ("15/09/13") to anchor years.
        return sorted(r[0] for d in mentions if d.year and not d.numeric and (r := d.resolve(d.year)))

    explicit = points(dates)
    if explicit:
        return sorted(explicit)[len(explicit) // 2], "explicit years in the text"
    # Year-only mentions ("in 2011"), but not statutes ("Act 1972", "LGA 1972").
    years = [
        int(m.group(1))
        for m in re.finditer(r"(?<![\w/-])((?:19|20)\d\d)\b(?![/-]\d)", text)
        if not re.search(r"(?:Act|[A-Z]{2,})\s*$", text[max(0, m.start() - 6) : m.start()])
    ]
    if years:
        return dt.date(int(median(years)), 7, 1), "years mentioned in the text"
    # Last resort: a stray footer date is not the report's date, but it does
    # tell which years the report's undated months belong to.
    if stray := points(furniture):
        return stray[len(stray) // 2], "the page furniture"
    return None


def _with_year(d: _DateMention, anchor: dt.date) -> tuple[dt.date, dt.date] | None:
    if d.year:
        return d.resolve(d.year)
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        r = d.resolve(year)
        if r and (best is None or abs((r[0] - anchor).days) < abs((best[0] - anchor).days)):
            best = r
    return best


def _evidence(text: str, dates: list[_DateMention], anchor: dt.date) -> list[_Evidence]:
    out: list[_Evidence] = []
    for d in dates:
        resolved = _with_year(d, anchor)
        if resolved is None:
            continue
        first, last = resolved
        tense = _tense(text, d.span)
        # Past events bound the report from below by their last day, future
        # ones from above by their first; a whole month counts from its middle.
        if d.day1 is None:
            point = first + dt.timedelta(days=14)
        elif tense == "past":
            point = last
        elif tense == "future":
            point = first
        else:
            point = first + (last - first) / 2
        weight = 0.6 if d.day1 is None else 1.0
        weight *= (0.8 if d.numeric else 1.0) * (0.9 if d.year is None else 1.0)
        out.append(_Evidence(point, tense, weight, " ".join(d.text.split())))
    if not out:
        return out
    # Historical references and far-off plans say little about the report.
    centre = sorted(e.point for e in out)[len(out) // 2]
    out = [e for e in out if abs((e.point - centre).days) <= 400]
    past = [e.point for e in out if e.tense == "past"]
    reference = max(past) if past else centre
    for e in out:
        if e.tense == "future" and (e.point - reference).days > 183:
            e.weight *= 0.3
    return out


def _hinge(evidence: list[_Evidence], t: dt.date) -> float:
    loss = 0.0
    for e in evidence:
        if e.tense == "past":
            loss += e.weight * max(0, (e.point - t).days)
        elif e.tense == "future":
            loss += e.weight * max(0, (t - e.point).days)
    return loss


def _estimate(evidence: list[_Evidence]) -> tuple[dt.date, float, str] | None:
    directed = [e for e in evidence if e.tense != "unknown"]
    unknown = sorted(e.point for e in evidence if e.tense == "unknown")
    if not directed:
        if not unknown:
            return None
        return unknown[len(unknown) // 2], 0.25, "no past/future cues; middle of the dates mentioned"
    # The report date is the point most consistent with "after the past
    # events, before the future ones": the minimum of a weighted hinge loss.
    candidates = sorted({e.point for e in directed})
    losses = {c: _hinge(directed, c) for c in candidates}
    best = min(losses.values())
    optimal = [c for c in candidates if losses[c] <= best + 1e-9]
    lo, hi = optimal[0], optimal[-1]
    month = dt.timedelta(days=30)
    open_below = _hinge(directed, lo - month) <= best + 1e-9
    open_above = _hinge(directed, hi + month) <= best + 1e-9
    n = len(directed)
    one_sided = min(0.6, 0.35 + 0.05 * n)
    if open_below and open_above:
        return lo, 0.3, "conflicting cues"
    if open_above:
        # Only past events bound it: reports follow their events closely.
        return lo + dt.timedelta(days=14), one_sided, f"shortly after the latest past date {lo}"
    if open_below:
        return hi - dt.timedelta(days=14), one_sided, f"shortly before the earliest future date {hi}"
    gap = (hi - lo).days
    point = lo + dt.timedelta(days=min(gap // 2, 45))
    confidence = min(0.85, 0.5 + 0.05 * n) * (1.0 if best == 0 else 0.85)
    return point, confidence, f"between latest past {lo} and earliest future {hi}"


def _read_date(doc: SourceDocument, meta: ReportMeta) -> None:
    text = doc.text
    dates = _find_dates(text)
    stated = _stated_date(text, doc.raw_text, dates)
    if stated:
        d, confidence, how = stated
        resolved = d.resolve(d.year or 0)
        if resolved:
            meta.date, meta.date_method, meta.date_confidence = resolved[0], "stated", confidence
            meta.date_evidence, meta.date_span = how, d.span
            return
    raw = doc.raw_text
    furniture = [d for span in page_furniture_spans(raw) for d in _find_dates(raw[span.start : span.end])]
    anchor = _year_anchor(dates, text, furniture)
    notes = []
    if furniture:
        notes.append("ignored page furniture: " + ", ".join(f"'{d.text}'" for d in furniture))
    if anchor is None:
        meta.date_evidence = "; ".join(["no dated events with a known year", *notes])
        return
    evidence = _evidence(text, dates, anchor[0])
    result = _estimate(evidence)
    if result is None:
        meta.date_evidence = "; ".join(["no dates found", *notes])
        return
    point, confidence, how = result
    if anchor[1] != "explicit years in the text" and any(d.year is None for d in dates):
        confidence *= 0.8
        notes.append(f"years inferred from {anchor[1]}")
    listing = []
    for tense in ("past", "future", "unknown"):
        items = [f"{e.text} ({e.point})" for e in evidence if e.tense == tense]
        if items:
            listing.append(f"{tense}: " + ", ".join(items[:8]) + (" …" if len(items) > 8 else ""))
    meta.date, meta.date_method = point, "estimated"
    meta.date_confidence = round(confidence, 2)
    meta.date_evidence = "; ".join([f"estimated {how}", *listing, *notes])


# --------------------------------------------------------------------------


def _guard(fn: Callable[[], T], default: T) -> T:
    # Metadata is best-effort: one odd document must not stop a corpus run.
    try:
        return fn()
    except Exception:
        return default


def read_metadata(doc: SourceDocument) -> ReportMeta:
    """Title, board, chair, contact officer and date of a report (never raises)."""
    meta = ReportMeta(identifier=doc.identifier)
    _guard(lambda: _title_board_chair(doc.text, meta), None)
    meta.contact = _guard(lambda: _contact(doc.text), None)
    _guard(lambda: _read_date(doc, meta), None)
    return meta

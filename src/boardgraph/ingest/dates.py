"""The report's date: stated in the header, or estimated from the dates in the text.

A stated meeting date wins. Otherwise every date mentioned is placed in the
past or the future of the report by the words around it, and the report's day
is the point most consistent with "after the past events, before the future
ones". Minutes add one more clue: councils meet on a regular cycle, so a
meeting whose minutes give the next meeting's date was most likely held a
whole number of weeks before it.

Everything here is linear in the length of the text (a long report has many
dates): overlaps are checked against a coverage map, and the hinge loss is
minimised with prefix sums rather than pairwise.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from statistics import median

from boardgraph.ingest.clean import page_furniture_spans
from boardgraph.lexicons import lines, words
from boardgraph.model import ReportMeta, SourceDocument, Span

# --------------------------------------------------------------------------
# Vocabulary


def _alternation(forms: list[str]) -> str:
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


_MONTH_NUM = {form: n for n, line in enumerate(lines("metadata_months"), start=1) for form in line.split()}
_FULL_MONTH_NAMES = [line.split()[0] for line in lines("metadata_months")]
_MONTH = _alternation([m.capitalize() for m in _MONTH_NUM])
_FULL_MONTH = _alternation([m.capitalize() for m in _FULL_MONTH_NAMES])
_WEEKDAY_FORMS = [form for line in lines("metadata_weekdays") for form in line.split()]
_WD = _alternation(_WEEKDAY_FORMS) + r"\.?,?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b(?![/-]\d)"
_MOD = r"(?:(?P<mod>early|mid|late|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of)[\s-]+)"
_DATE_PATTERNS = [
    re.compile(
        rf"(?:\b{_WD}\s+)?(?:the\s+)?(?P<d1>\d{{1,2}}){_ORD}"
        rf"(?:\s*(?:-|–|—|and|to|&|or)\s*(?:{_WD}\s+)?(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD})?"
        rf"(?:\s+of)?\s+(?P<month>{_MONTH})\b\.?(?:,?\s+{_YEAR})?",
        re.I,
    ),
    re.compile(rf"(?:\b{_WD}\s+)?(?P<month>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:,\s*|\s+){_YEAR}", re.I),
    re.compile(rf"(?:\b{_WD}\s+)?(?P<month>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)\b", re.I),
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


# --------------------------------------------------------------------------
# Lines


@dataclass
class Line:
    start: int
    end: int  # content span, stripped
    text: str


def text_lines(text: str) -> list[Line]:
    """Non-blank lines with their stripped spans and whitespace-folded text."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            s = pos + raw.index(stripped)
            out.append(Line(s, s + len(stripped), " ".join(stripped.split())))
        pos += len(raw) + 1
    return out


# --------------------------------------------------------------------------
# Dates found in text


@dataclass
class DateMention:
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
            return None  # "31 February", or a year the calendar does not have


def find_dates(text: str) -> list[DateMention]:
    """Every date in the text, earlier patterns winning overlaps (linear in the text)."""
    covered = bytearray(len(text))
    found: list[DateMention] = []
    for index, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            start, end = m.span()
            if covered.find(1, start, end) != -1:
                continue
            mention = _mention(text, m, bare=index == len(_DATE_PATTERNS) - 1)
            if mention is None:
                continue
            covered[start:end] = b"\x01" * (end - start)
            found.append(mention)
    return sorted(found, key=lambda d: d.span)


def _numeric_mention(text: str, m: re.Match[str], year: int | None) -> DateMention | None:
    groups = m.groupdict()
    month = int(groups["mnum"])
    if not 1 <= month <= 12 or not 1 <= int(groups["d1"]) <= 31:
        return None
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    alone = not text[m.end() : line_end if line_end != -1 else len(text)].strip()
    if len(groups["year"]) == 2 and not text[line_start : m.start()].strip() and not alone:
        return None  # "15/09/13 Items for …" is a minute number; "14.07.17" alone on a line is a date
    return DateMention(Span(*m.span()), m.group(0), month, year, int(groups["d1"]), numeric=True)


def _bare_month_is_date(text: str, m: re.Match[str], word: str, mod: str | None) -> bool:
    before = text[max(0, m.start() - 20) : m.start()]
    after = text[m.end() : m.end() + 20]
    if not mod and not _BARE_MONTH_BEFORE.search(before):
        return False
    if re.match(r"\s+[A-Z][a-z]", after) and not re.match(r"\s+(?:Board|Committee|[A-Z]\w+ing\b)", after):
        return False  # "June Brown" is a person
    return not (
        word.lower() == "may"
        and not re.search(r"\b(?:in|of|during|since|until|by|from|early|late)\s*$", before, re.I)
    )


def _mention(text: str, m: re.Match[str], bare: bool) -> DateMention | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if year is not None and year < 100:
        year += 2000 if year < 70 else 1900
    if groups.get("mnum"):
        return _numeric_mention(text, m, year)
    word = groups["month"]
    # Month names are capitalised; lower-case "march" or "may" are verbs.
    if not word[0].isupper():
        return None
    month = _MONTH_NUM[word.lower()]
    d1 = int(groups["d1"]) if groups.get("d1") else None
    d2 = int(groups["d2"]) if groups.get("d2") else None
    mod = " ".join(groups["mod"].lower().split()) if groups.get("mod") else None
    if bare and not _bare_month_is_date(text, m, word, mod):
        return None
    if d1 is None and mod:
        d1 = _MOD_DAY.get(mod)
    if d1 is not None and not 1 <= d1 <= 31:
        return None
    end = m.end()
    if text[end - 1] == "." and word.lower() in _FULL_MONTH_NAMES:
        end -= 1  # the full stop ends the sentence, not an abbreviation
    return DateMention(Span(m.start(), end), text[m.start() : end], month, year, d1, d2)


# --------------------------------------------------------------------------
# Past or future: which way does the sentence around a date point?


def _cue_words(name: str) -> str:
    return "|".join(lines(name))


_CUE = re.compile(
    rf"\b(?:(?P<sf>{_cue_words('metadata_tense_future_strong')})|(?P<sp>{_cue_words('metadata_tense_past_strong')})"
    rf"|(?P<wf>{_cue_words('metadata_tense_future_weak')})|(?P<wp>{_cue_words('metadata_tense_past_weak')}))\b",
    re.I,
)
_NOT_PAST_ED = words("metadata_not_past_ed")
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


def _cues(segment: str, strong: bool) -> list[tuple[int, str]]:
    out = []
    for m in _CUE.finditer(segment):
        kind = m.lastgroup or ""
        if strong != kind.startswith("s"):
            continue
        if kind == "wp" and (m.group(0).lower() in _NOT_PAST_ED or _DETERMINER.search(segment, 0, m.start())):
            continue  # "the proposed strategy": an adjective, not a past event
        out.append((m.start(), "future" if kind.endswith("f") else "past"))
    return out


def tense(text: str, span: Span) -> str:
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
    # Strong cues before the date, then weak ones before, then after it.
    for segment, reverse in ((before, True), (after, False)):
        for strong in (True, False):
            found = _cues(segment, strong)
            if found:
                return (found[-1] if reverse else found[0])[1]
    return "unknown"


# --------------------------------------------------------------------------
# The stated meeting date


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
_LABELLED = re.compile(r"(?i)\b(?:meeting\s+date|date\s+of\s+meeting|date(?:\s+held)?)\s*:\s*$")


def header_lines(text: str, raw: str, limit: int = 12) -> list[Line]:
    """The first lines, up to the first numbered paragraph."""
    first_paragraph = _FIRST_PARAGRAPH.search(raw[:20000])
    header_end = first_paragraph.start() if first_paragraph else len(text)
    header: list[Line] = []
    for line in text_lines(text[:20000])[:limit]:
        if len(line.text) > 250 or line.start >= header_end:
            break
        header.append(line)
    return header


def _stated_date(text: str, raw: str, dates: list[DateMention]) -> tuple[DateMention, float, str] | None:
    """The meeting date when the header states it."""
    for line in header_lines(text, raw):
        here = [d for d in dates[:200] if line.start <= d.span.start < line.end]
        for d in (d for d in here if d.year and d.day1):
            before = text[line.start : d.span.start]
            rest = text[line.start : d.span.start] + " " + text[d.span.end : line.end]
            if _NOT_THIS_MEETING.search(before):
                continue
            if _LABELLED.search(before):
                return d, 0.98, f"stated: labelled date '{d.text}'"
            if not _FILLER.sub("", rest):
                return d, 0.95, f"stated: date line '{line.text}' in the header"
            # A numeric date is only taken when labelled or alone on its line:
            # inside a sentence "3/10/2019" is as often a reference number.
            if d.numeric:
                continue
            if _STATED_CONTEXT.search(rest) and not _FUTURE_WORDS.search(rest) and len(line.text) <= 200:
                return d, 0.95, f"stated: '{line.text}'"
    return None


# --------------------------------------------------------------------------
# Which dates say something about the report's own day


# Minutes are signed at the next meeting: the signature's date is later than the meeting.
_SIGNATURE_LINE = re.compile(r"(?im)^[\W_]*(?:signed|signature)\b")
# "by 2030", "until 2025", "2020 to 2030": targets and deadlines, not the present.
_TARGET_BEFORE = re.compile(
    r"(?i)\b(?:by|until|till|before|through|to|target(?:s|ed)?(?:\s+(?:for|of))?|ambition\s+for)\s+"
    r"(?:the\s+)?(?:end\s+of\s+|start\s+of\s+)?$"
)
_YEAR_ONLY = re.compile(r"(?<![\w/£$-])((?:19|20)\d\d)\b(?![/-]\d)")
_STATUTE_BEFORE = re.compile(r"(?:Act|[A-Z]{2,})\s*$")


def _on_signature_line(text: str, span: Span) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    return _SIGNATURE_LINE.match(text, line_start, span.start) is not None


def _year_anchor(
    dates: list[DateMention], text: str, furniture: list[DateMention]
) -> tuple[dt.date, str] | None:
    """A point in time that dates written without a year are placed nearest to."""

    def points(mentions: list[DateMention]) -> list[dt.date]:
        # Numeric dates are too often item numbers ("15/09/13") to anchor years.
        return sorted(r[0] for d in mentions if d.year and not d.numeric and (r := d.resolve(d.year)))

    explicit = points(dates)
    if explicit:
        return explicit[len(explicit) // 2], "explicit years in the text"
    # Year-only mentions ("in 2011"), but not statutes ("Act 1972") or targets ("by 2030").
    present: list[int] = []
    future: list[int] = []
    for m in _YEAR_ONLY.finditer(text):
        if _STATUTE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue
        if _TARGET_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue
        year = int(m.group(1))
        (future if tense(text, Span(*m.span())) == "future" else present).append(year)
    years = present or future
    if years:
        return dt.date(int(median(years)), 7, 1), "years mentioned in the text"
    # Last resort: a stray footer date is not the report's date, but it does
    # tell which years the report's undated months belong to.
    if stray := points(furniture):
        return stray[len(stray) // 2], "the page furniture"
    return None


def _with_year(d: DateMention, anchor: dt.date) -> tuple[dt.date, dt.date] | None:
    if d.year:
        return d.resolve(d.year)
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        r = d.resolve(year)
        if r and (best is None or abs((r[0] - anchor).days) < abs((best[0] - anchor).days)):
            best = r
    return best


@dataclass
class Evidence:
    point: dt.date
    tense: str
    weight: float
    text: str
    span: Span


def _evidence(text: str, dates: list[DateMention], anchor: dt.date) -> list[Evidence]:
    out: list[Evidence] = []
    for d in dates:
        if _on_signature_line(text, d.span):
            continue
        resolved = _with_year(d, anchor)
        if resolved is None:
            continue
        first, last = resolved
        when = tense(text, d.span)
        # Past events bound the report from below by their last day, future
        # ones from above by their first; a whole month counts from its middle.
        if d.day1 is None:
            point = first + dt.timedelta(days=14)
        elif when == "past":
            point = last
        elif when == "future":
            point = first
        else:
            point = first + (last - first) / 2
        weight = 0.6 if d.day1 is None else 1.0
        weight *= (0.8 if d.numeric else 1.0) * (0.9 if d.year is None else 1.0)
        out.append(Evidence(point, when, weight, " ".join(d.text.split()), d.span))
    if not out:
        return out
    # Historical references and far-off plans say little about the report;
    # the present is where the past and undirected dates are, not the targets.
    present = sorted(e.point for e in out if e.tense != "future") or sorted(e.point for e in out)
    centre = present[len(present) // 2]
    out = [e for e in out if abs((e.point - centre).days) <= 400]
    past = [e.point for e in out if e.tense == "past"]
    reference = max(past) if past else centre
    for e in out:
        if e.tense == "future" and (e.point - reference).days > 183:
            e.weight *= 0.3
    return out


# --------------------------------------------------------------------------
# The estimate


class _Hinge:
    """loss(t) = Σ past w·max(0, p − t) + Σ future w·max(0, t − f), in O(log n) per t."""

    def __init__(self, evidence: list[Evidence]):
        past = sorted((e.point.toordinal(), e.weight) for e in evidence if e.tense == "past")
        future = sorted((e.point.toordinal(), e.weight) for e in evidence if e.tense == "future")
        self._past_x = [x for x, _ in past]
        self._future_x = [x for x, _ in future]
        self._past_w, self._past_wx = self._prefix(past)
        self._future_w, self._future_wx = self._prefix(future)

    @staticmethod
    def _prefix(points: list[tuple[int, float]]) -> tuple[list[float], list[float]]:
        w, wx = [0.0], [0.0]
        for x, weight in points:
            w.append(w[-1] + weight)
            wx.append(wx[-1] + weight * x)
        return w, wx

    def __call__(self, day: dt.date) -> float:
        t = day.toordinal()
        # past points after t
        i = bisect.bisect_right(self._past_x, t)
        past = (self._past_wx[-1] - self._past_wx[i]) - t * (self._past_w[-1] - self._past_w[i])
        # future points before t
        j = bisect.bisect_left(self._future_x, t)
        future = t * self._future_w[j] - self._future_wx[j]
        return past + future


def _estimate(evidence: list[Evidence]) -> tuple[dt.date, float, str] | None:
    directed = [e for e in evidence if e.tense != "unknown"]
    unknown = sorted(e.point for e in evidence if e.tense == "unknown")
    if not directed:
        if not unknown:
            return None
        return unknown[len(unknown) // 2], 0.25, "no past/future cues; middle of the dates mentioned"
    # The report date is the point most consistent with "after the past
    # events, before the future ones": the minimum of a weighted hinge loss.
    hinge = _Hinge(directed)
    candidates = sorted({e.point for e in directed})
    losses = [hinge(c) for c in candidates]
    best = min(losses)
    optimal = [c for c, loss in zip(candidates, losses, strict=True) if loss <= best + 1e-6]
    lo, hi = optimal[0], optimal[-1]
    month = dt.timedelta(days=30)
    open_below = hinge(lo - month) <= best + 1e-6
    open_above = hinge(hi + month) <= best + 1e-6
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


# --------------------------------------------------------------------------
# Minutes: the meeting cycle


_NEXT_MEETING = re.compile(r"(?i)\bnext\s+(?:\w+\s+)?meeting\b")
# Monthly first (four weeks, then five), then the other common cycles.
_CYCLE_WEEKS = (4, 5, 3, 2, 6, 8)


def _next_meeting(text: str, dates: list[DateMention], anchor: dt.date) -> tuple[dt.date, Span] | None:
    """The date the minutes give for the next meeting ("Date of next meeting: Tuesday 5th March")."""
    starts = [d.span.start for d in dates]
    for m in _NEXT_MEETING.finditer(text):
        line_end = text.find("\n", m.end())
        limit = min(m.end() + 80, line_end if line_end != -1 else len(text))
        i = bisect.bisect_left(starts, m.end())
        # numeric dates right after "next meeting" are often the next item's number
        if i < len(dates) and dates[i].span.start < limit and dates[i].day1 and not dates[i].numeric:
            resolved = _with_year(dates[i], anchor)
            if resolved:
                return resolved[0], dates[i].span
    return None


def _by_cycle(evidence: list[Evidence], next_day: dt.date, next_span: Span) -> tuple[dt.date, int] | None:
    """A whole number of weeks before the next meeting, inside the window the other dates allow."""
    others = [e for e in evidence if e.span != next_span]
    past = [e.point for e in others if e.tense == "past"]
    future = [e.point for e in others if e.tense == "future" and e.point < next_day]
    lo = max(past) if past else None
    hi = min(future) if future else None
    if lo and hi and lo > hi:
        return None  # the cues disagree: no window to place the meeting in
    for weeks in _CYCLE_WEEKS:
        day = next_day - dt.timedelta(weeks=weeks)
        if (lo is None or lo <= day) and (hi is None or day <= hi):
            return day, weeks
    return None


# --------------------------------------------------------------------------


_ATTENDANCE = re.compile(r"(?im)^[\W_]*(?:[\w ]{0,30}\b)?(?:present|apologies|attending|in attendance)\b")


def looks_like_minutes(text: str) -> bool:
    """An attendance or apologies list near the start: the record of a meeting."""
    return _ATTENDANCE.search(text[:6000]) is not None


# A report's own day shows in its first pages; reading further only costs time.
READ_CHARS = 300_000


def _set_stated(text: str, raw: str, dates: list[DateMention], meta: ReportMeta) -> bool:
    stated = _stated_date(text, raw, dates)
    if stated:
        d, confidence, how = stated
        resolved = d.resolve(d.year or 0)
        if resolved:
            meta.date, meta.date_method, meta.date_confidence = resolved[0], "stated", confidence
            meta.date_evidence, meta.date_span = how, d.span
            return True
    return False


def _title_month(text: str, raw: str, dates: list[DateMention]) -> tuple[dt.date, dt.date, str] | None:
    """A month the title gives without a day ("Leader's update – March 2020"): the report is of that month."""
    for line in header_lines(text, raw):
        if len(line.text) > 100:
            continue
        for d in dates[:200]:
            if line.start <= d.span.start < line.end and d.year and d.day1 is None and not d.numeric:
                if _NOT_THIS_MEETING.search(text, line.start, d.span.start):
                    continue
                resolved = d.resolve(d.year)
                if resolved:
                    return resolved[0], resolved[1], d.text
    return None


def _listing(evidence: list[Evidence]) -> list[str]:
    out = []
    for when in ("past", "future", "unknown"):
        items = [f"{e.text} ({e.point})" for e in evidence if e.tense == when]
        if items:
            out.append(f"{when}: " + ", ".join(items[:8]) + (" …" if len(items) > 8 else ""))
    return out


def read_date(doc: SourceDocument, meta: ReportMeta) -> None:
    """Set ``meta.date`` and its method, confidence, evidence and span."""
    text = doc.text[:READ_CHARS]
    dates = find_dates(text)
    if _set_stated(text, doc.raw_text, dates, meta):
        return
    month = _title_month(text, doc.raw_text, dates)
    raw = doc.raw_text[:READ_CHARS]
    furniture = [d for span in page_furniture_spans(raw) for d in find_dates(raw[span.start : span.end])]
    anchor = _year_anchor(dates, text, furniture)
    notes = [f"dates read from the first {READ_CHARS:,} characters"] if len(doc.text) > READ_CHARS else []
    if furniture:
        notes.append("ignored page furniture: " + ", ".join(f"'{d.text}'" for d in furniture[:8]))
    evidence = _evidence(text, dates, anchor[0]) if anchor else []
    result = _estimate(evidence)
    if result is None and month is None:
        why = "no dated events with a known year" if anchor is None else "no dates found"
        meta.date_evidence = "; ".join([why, *notes])
        return
    if result is None:
        assert month is not None
        first, last, written = month
        result = first + (last - first) / 2, 0.5, f"the middle of the month the title names ('{written}')"
    point, confidence, how = result
    if anchor and looks_like_minutes(text) and (nxt := _next_meeting(text, dates, anchor[0])):
        cycle = _by_cycle(evidence, *nxt)
        if cycle:
            point, weeks = cycle
            confidence = max(confidence, 0.6)
            how = f"{weeks} weeks before the next meeting ({nxt[0]}), within what the other dates allow"
    if month and not month[0] <= point <= month[1]:
        point = min(max(point, month[0]), month[1])
        how += f"; moved into the month the title names ('{month[2]}')"
    if anchor and anchor[1] != "explicit years in the text" and any(d.year is None for d in dates):
        confidence *= 0.8
        notes.append(f"years inferred from {anchor[1]}")
    meta.date, meta.date_method = point, "estimated"
    meta.date_confidence = round(confidence, 2)
    meta.date_evidence = "; ".join([f"estimated {how}", *_listing(evidence), *notes])

"""Who and whose: the body a report or meeting belongs to, and who chaired it.

Reports and minutes say it in a handful of ways, each read by one small rule:

* a title line: "X Board – report from Cllr Y (Chair)", "Report of the X
  Committee", "Chair's report: Cllr Y";
* a minutes heading: "Minutes of the meeting of X held on …", "X Parish
  Council – 26th January 2021", the body's name alone on the first line,
  "X Council held their meeting …";
* the chair: marked in the attendance list ("Present: Cllr X (Chair)",
  "X – Chairman", "Chairman Cllrs X, Y"), "chaired by X", "X took the Chair",
  "THE CHAIR was taken by …", "Chair: X", a chair's report headed with the
  name, "this report covers Councillor X's activities", the signature line;
* minutes whose heading leaves the body out ("the above Council") name it in
  the text: the local council they mention most (a council the register of
  principal authorities does not know), and a councillor's column belongs to
  the council it mentions most.

Rules that read a name share :func:`person_at`. Everything works on the
cleaned text, so spans point at the name as written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from boardgraph.ingest.dates import Line, header_lines, looks_like_minutes, text_lines
from boardgraph.lexicons import lines, words
from boardgraph.lexicons.register import default_register
from boardgraph.model import COUNCIL, ORGANISATION, ReportMeta, SourceDocument, Span


def any_of(entries: Iterable[str], space: str = r"[\s-]+") -> str:
    """A regex alternation of list entries, longest first, any space or hyphen inside matching ``space``."""
    forms = {re.sub(r"(?:\\ |\\-|-)+", lambda _: space, re.escape(e)) for e in entries}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


# Tier words that make a council a principal authority (see the lexicon file).
_PRINCIPAL_TIERS = words("metadata_principal_tiers")


# --------------------------------------------------------------------------
# Names


_PERSON_TITLES = words("titles") | words("metadata_office_titles")
_TITLES = _PERSON_TITLES | words("metadata_name_prefixes")
_HONOURS = words("honours")
_NAME_PARTICLES = words("metadata_name_particles")
_CHAIR_ROLES = words("metadata_chair_roles")
_REPORT_ROLES = lines("metadata_report_roles")
_ROLE_WORDS = {w for role in _CHAIR_ROLES | set(_REPORT_ROLES) for w in re.split(r"[\s-]+", role)} | words(
    "metadata_office_words"
)
_TOKEN = re.compile(r"[^\s,;()/]+")
_NOT_A_NAME = words("metadata_not_in_names") | words("metadata_sentence_starts")


@dataclass
class Person:
    name: str
    span: Span
    role: str | None = None


def _name_tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    names: list[re.Match[str]] = []
    for tok in _TOKEN.finditer(text, start, end):
        word = tok.group(0).rstrip(".:–—-")
        low = word.lower()
        if not names and (low in _TITLES or low.rstrip(".") in _TITLES):
            continue
        if low in _HONOURS and names:
            break
        if not word:
            break
        if word[0].isupper() or (names and low in _NAME_PARTICLES):
            names.append(tok)
            if len(names) == 5 or text[tok.end() : tok.end() + 1] == ",":
                break
            continue
        break
    while names and names[-1].group(0).lower() in _NAME_PARTICLES:
        names.pop()
    return names


# A member's council written after the name: "… Isle of Sand Council", "… Northtown DC"
_MEMBER_COUNCIL_WORDS = any_of(w.capitalize() for w in _PRINCIPAL_TIERS | {"council"})
_BODY_AFTER = re.compile(rf"\b(?:[A-Z]{{0,3}}(?:DC|BC|CC|LB|UA|MBC)|{_MEMBER_COUNCIL_WORDS})\b")


def _before_a_body(text: str, names: list[re.Match[str]], end: int) -> list[re.Match[str]]:
    """ "Cllr Ann Lee Isle of Wight Council" in an attendance row: the name is the first two words."""
    if len(names) <= 2 or not _BODY_AFTER.search(text, names[2].start(), end):
        return names
    keep = 3 if len(names[1].group(0).rstrip(".")) == 1 else 2  # "Ann B. Lee"
    return names[:keep]


def person_at(text: str, start: int, end: int) -> Person | None:
    """A person's name in text[start:end], with titles, honours and "(Role)" peeled off."""
    role = None
    paren = re.compile(r"\(([^()]{2,60})\)").search(text, start, end)
    if paren:
        role = " ".join(paren.group(1).split())
        end = paren.start()
    names = _before_a_body(text, _name_tokens(text, start, end), end)
    if not names:
        return None
    s, e = names[0].start(), names[-1].end()
    while e > s and text[e - 1] in ".:–—-":
        e -= 1
    name = " ".join(text[s:e].split())
    if not re.search(r"[A-Za-z]{2}", name):
        return None
    # A name is more than offices: "The Chairman", "Vice Chair", "Clerk" are nobody.
    if all(w.lower().strip(".'’") in _ROLE_WORDS | _TITLES for w in name.split()):
        return None
    first = name.split()[0]
    if len(first.rstrip(".")) > 1 and first.lower() in _NOT_A_NAME:
        return None  # "In conclusion …", "Our …": a capitalised sentence start
    return Person(name, Span(s, e), role)


# --------------------------------------------------------------------------
# Bodies


_BODY_HEADS = words("metadata_body_heads")
_COUNCIL_HEADS = lines("metadata_council_heads")
_MEETING_WORDS = words("metadata_meeting_words")
_CONNECTORS = words("metadata_name_connectors")
_NOT_IN_NAMES = words("metadata_not_in_names")
# Words that name no particular body: "the Parish Council" is not a name.
_GENERIC = _BODY_HEADS | _CONNECTORS | words("metadata_name_prefixes") | words("metadata_generic_body_words")
_WORD = re.compile(r"[\w&'’-]+(?:\.(?=\w))?")
_ACRONYM = re.compile(r"\b[A-Z]{1,4}(?:CC|PC|TC|DC|BC|MBC)\b")


@dataclass
class Body:
    name: str
    span: Span
    type: str


def body_type(name: str) -> str:
    low = " ".join(name.lower().split())
    if any(low.endswith(head) for head in _COUNCIL_HEADS) or _ACRONYM.fullmatch(name):
        return COUNCIL
    return ORGANISATION


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _body_from(text: str, toks: list[re.Match[str]], i: int) -> tuple[int, int] | None:
    """Token range (first, last) of the body whose head noun is toks[i], or None."""
    first, last = _body_start(text, toks, i), _body_end(text, toks, i)
    words_in = [t.group(0).lower().strip("'’") for t in toks[first : last + 1]]
    if all(w in _GENERIC for w in words_in):
        return None
    return first, last


def _body_end(text: str, toks: list[re.Match[str]], i: int) -> int:
    """The last token of the body whose head noun is toks[i]: the head, or the place after it."""
    last = i
    # "Borough Council of Kings Lynn & West Norfolk": a place after the head belongs to it
    of_place = last + 2 < len(toks) and toks[last + 1].group(0).lower() == "of"
    if of_place and _capitalised(toks[last + 2].group(0)):
        j = last + 2
        while (
            j < len(toks)
            and (
                (_capitalised(toks[j].group(0)) and toks[j].group(0).lower() not in _MEETING_WORDS)
                or toks[j].group(0).lower() in {"and", "&"}
            )
            and text[toks[j - 1].end() : toks[j].start()].strip() == ""
        ):
            j += 1
        while j - 1 > last + 1 and toks[j - 1].group(0).lower() in _CONNECTORS:
            j -= 1
        if j - 1 > last + 1:
            last = j - 1
    return last


def _body_start(text: str, toks: list[re.Match[str]], i: int) -> int:
    """The first token of the body whose head noun is toks[i]: the name words running up to it."""
    first = i
    k = i - 1
    while k >= 0:
        word = toks[k].group(0)
        low = word.lower()
        gap = text[toks[k].end() : toks[k + 1].start()]
        if gap.strip() not in ("", ",") or "\n" in gap:
            break
        # a name does not run through "the": "… Hall and the Community Council"
        if low in _MEETING_WORDS or low in _NOT_IN_NAMES or not (_capitalised(word) or low in _CONNECTORS):
            break
        if low.rstrip(".") in _PERSON_TITLES or low in _ROLE_WORDS:
            break  # "Councillor X, Leader of Y Council": the body starts after the office
        first = k
        k -= 1
    while first < i and toks[first].group(0).lower() in _CONNECTORS:
        first += 1
    return first


def _body_in_heading(text: str, line: Line) -> Body | None:
    """A body named at the start of a heading line, after nothing but minutes words."""
    toks = list(_WORD.finditer(text, line.start, line.end))
    for i, tok in enumerate(toks):
        word = tok.group(0)
        if word.lower() in _BODY_HEADS and _capitalised(word):
            found = _body_from(text, toks, i)
            if found is None:
                continue
            first, last = found
            prefix = [t.group(0).lower() for t in toks[:first]]
            if not _heading_prefix(prefix):
                return None  # "Apologies from X Council", "Report to the Cabinet"
            span = Span(toks[first].start(), toks[last].end())
            name = " ".join(text[span.start : span.end].split())
            return Body(name, span, body_type(name))
    return None


def _heading_prefix(prefix: list[str]) -> bool:
    """Only minutes words before the body ("Minutes of the meeting of"), or an office ("…, Leader of")."""
    if all(w in _MEETING_WORDS or w in {"of", "the", "a", "an"} for w in prefix):
        return True
    tail = prefix[-3:]
    while tail and tail[-1] in {"of", "the"}:
        tail.pop()
    # only a name before the office ("Cllr X, Leader of"), not "Call with Cllr X, Leader of"
    name_only = len(prefix) <= 7 and not set(prefix) & {"with", "by", "from", "to", "and", "met", "call"}
    return name_only and len(tail) < len(prefix[-3:]) and bool(tail) and tail[-1] in _ROLE_WORDS


def _is_attendance(line: Line) -> bool:
    return _ATTENDANCE_LABEL.match(line.text) is not None


def heading_body(doc: SourceDocument) -> tuple[Body, str] | None:
    """The body named by the minutes' or report's first lines."""
    heads = header_lines(doc.text, doc.raw_text, limit=15)
    for line in heads:
        if _is_attendance(line):
            break
        body = _body_in_heading(doc.text, line)
        if body:
            return _as_written(doc.text, body, heads), f"heading '{line.text[:80]}'"
    return None


# "Meeting: X", "Meeting – X", and a table's cells ("| Meeting | X |")
_BOARD_LABEL = re.compile(rf"(?i)[\W_]*{any_of(lines('metadata_board_labels'))}\s*(?::|\||[–—]|\s-\s)\s*")


def _addressed_body(text: str, start: int, end: int) -> Body | None:
    """The first body named between ``start`` and ``end``, whatever words come before it."""
    toks = list(_WORD.finditer(text, start, end))
    for i, tok in enumerate(toks):
        word = tok.group(0)
        if word.lower() in _BODY_HEADS and _capitalised(word):
            found = _body_from(text, toks, i)
            if found is None:
                continue
            span = Span(toks[found[0]].start(), toks[found[1]].end())
            name = " ".join(text[span.start : span.end].split())
            if _names_a_body(name):
                return Body(name, span, body_type(name))
    return None


def labelled_board(doc: SourceDocument) -> tuple[Body, str] | None:
    """The body a header label addresses: "Report to: X Board", "Meeting: X Panel"."""
    heads = header_lines(doc.text, doc.raw_text, limit=15)
    for line in heads:
        if _is_attendance(line):
            break
        label = _BOARD_LABEL.match(doc.text, line.start, line.end)
        if label is None:
            continue
        body = _addressed_body(doc.text, label.end(), line.end)
        if body:
            return _as_written(doc.text, body, heads), f"label '{line.text[:80]}'"
    return None


def _as_written(text: str, body: Body, heads: list[Line]) -> Body:
    """A capitalised heading's body, at a header line that writes it in mixed case, if one does."""
    if not body.name.isupper():
        return body
    pattern = re.compile(r"\s+".join(re.escape(w) for w in body.name.split()), re.I)
    for line in heads:
        m = pattern.search(text, line.start, line.end)
        if m and not m.group(0).isupper():
            return Body(" ".join(m.group(0).split()), Span(*m.span()), body.type)
    return body


def _initials(name: str) -> str:
    parts = re.split(r"[\s-]+", name)
    return "".join(w[0] for w in parts if w[:1].isupper() and w.lower() not in _CONNECTORS)


@dataclass
class _Council:
    key: str  # initials: ties "X Y Community Council" to "XYCC"
    count: int
    first: Body
    full: Body | None
    principal: bool


def _councils_named(text: str, authorities: bool = False) -> dict[str, _Council]:
    """Councils (outside minutes also authorities) the text names, grouped by initials with acronyms."""
    register = default_register()
    principal_initials = _principal_initials()
    heads = {"council"} | ({"authority"} if authorities else set())
    found: dict[str, _Council] = {}
    acronyms: list[re.Match[str]] = []
    toks = list(_WORD.finditer(text[:200000]))
    for i, tok in enumerate(toks):
        word = tok.group(0)
        if word.lower() in heads and (word.istitle() or word.isupper()):
            rng = _body_from(text, toks, i)
            if rng is None:
                continue
            span = Span(toks[rng[0]].start(), toks[rng[1]].end())
            name = " ".join(text[span.start : span.end].split())
            principal = word.lower() != "council" or register.knows(name)
            principal = principal or bool(_PRINCIPAL_TIERS & set(name.lower().split()))
            _count(found, _initials(name).upper(), Body(name, span, body_type(name)), principal)
        elif word.isupper() and 3 <= len(word) <= 6:
            acronyms.append(tok)
    for tok in acronyms:
        word = tok.group(0)
        body = Body(word, Span(tok.start(), tok.end()), COUNCIL)
        if word in found:  # "NHDC" beside "North Herts District Council"
            _count(found, word, Body(word, body.span, found[word].first.type), found[word].principal)
        elif _ACRONYM.fullmatch(word):
            _count(found, word, body, word in principal_initials)
    return found


def _count(found: dict[str, _Council], key: str, body: Body, principal: bool) -> None:
    entry = found.get(key)
    if entry is None:
        entry = found[key] = _Council(key, 0, body, None, principal)
    entry.count += 1
    entry.principal = entry.principal or principal
    if body.span < entry.first.span:
        entry.first = body
    if entry.full is None and body.name != key:
        entry.full = body


@functools.cache
def _principal_initials() -> frozenset[str]:
    register = default_register()
    out = set()
    for c in register.councils.values():
        for name in (c.official_name, c.nice_name):
            out.add(_initials(name).upper())
    return frozenset(out)


_AFFILIATION = re.compile(rf"(?i)\b{any_of(_ROLE_WORDS)}\s+(?:of|for|at)\s+(?:the\s+)?\Z")


def named_council(doc: SourceDocument, minutes: bool) -> tuple[Body, str] | None:
    """The council a report names most: in minutes, the most-named local council."""
    councils = [c for c in _councils_named(doc.text, authorities=not minutes).values() if len(c.key) >= 2]
    if minutes:
        councils = [c for c in councils if not c.principal]
    else:
        # a council named once, as someone's ("a call with Cllr X, Leader of Y Council"),
        # is not the report's own
        councils = [
            c for c in councils if c.count >= 2 or not _AFFILIATION.search(doc.text, 0, c.first.span.start)
        ]
    if not councils:
        return None
    best = max(councils, key=lambda c: (c.count, -c.first.span.start))
    body = best.full or best.first
    kind = "local council" if minutes else "council"
    return body, f"the {kind} the text names most ({best.count}×)"


# --------------------------------------------------------------------------
# Title lines of reports: "X Board – report from Cllr Y (Chair)"

_DASH = r"(?:\s*[–—]\s*|\s+-\s+|\s*:\s*)"
_BODY_WORD = any_of(w.capitalize() for w in _BODY_HEADS)
_ROLE = any_of(_REPORT_ROLES)
_BOARD_REPORT_FROM = re.compile(
    rf"(?P<board>[A-Z][^\n]{{2,120}}?){_DASH}(?:an?\s+|the\s+)?(?:report|update)\s+(?:from|of|by)\s+(?P<who>.+)$",
    re.I,
)
_REPORT_OF_BOARD = re.compile(
    rf"(?:[Tt]he\s+)?(?:[Rr]eport|REPORT|[Uu]pdate)\s+(?:of|from|OF|FROM)\s+(?:the|THE)\s+"
    rf"(?:(?i:{_ROLE})\s+of\s+the\s+)?(?P<board>[A-Z][^\n]{{2,100}}?\b{_BODY_WORD})\b"
    rf"(?:{_DASH}|\s*,\s*|\s+by\s+)?(?P<who>.*)$"
)
_BOARD_CHAIRS_REPORT = re.compile(
    rf"(?P<board>[A-Z][^\n]{{2,120}}?){_DASH}(?:the\s+)?(?P<role>{_ROLE})['’]s\s+(?:report|update)"
    rf"(?:{_DASH}(?P<who>.*))?$",
    re.I,
)
_CHAIRS_REPORT = re.compile(
    rf"(?:the\s+)?(?:retiring\s+|outgoing\s+)?(?P<role>{_ROLE})['’]s\s+(?:report|update){_DASH}(?P<who>.+)$",
    re.I,
)
_FROM_THE_ROLE = re.compile(rf"\s*(?:from\s+)?the\s+(?P<role>{_ROLE})\s*,\s*", re.I)


def _who(text: str, start: int, end: int, role: str | None) -> Person | None:
    lead = _FROM_THE_ROLE.match(text, start, end)
    if lead:
        role = lead.group("role")
        start = lead.end()
    person = person_at(text, start, end)
    if person and role and not person.role:
        person.role = role
    return person


def _names_a_body(name: str) -> bool:
    """Ends in a body's head noun and has a word of its own ("Chair of the Authority" has not)."""
    found = list(_WORD.finditer(name))
    if not found or found[-1].group(0).lower() not in _BODY_HEADS:
        return False
    return any(w.group(0).lower().strip("'’") not in _GENERIC | _ROLE_WORDS for w in found)


def _is_heading(line: Line) -> bool:
    return 2 < len(line.text) <= 160 and line.text[-1] not in ".,;:-" and any(c.isalpha() for c in line.text)


def title_board_chair(text: str, meta: ReportMeta) -> None:
    """Board and chair from the title lines of a report (the first 15 lines)."""
    heads = [line for line in text_lines(text[:20000])[:15] if _is_heading(line)]
    # The title may name the board and the chair, or a later heading may
    # ("Report of the X Board" then "Chair's report: Cllr Y"): keep looking
    # until both are known.
    for line in heads:
        m = _title_match(text, line)
        if m is None:
            continue
        if meta.title is None:
            meta.title = line.text
        _board_from_title(m, meta)
        _chair_from_title(text, m, meta)
        if meta.board and meta.chair:
            break
    if meta.title is None and heads:
        meta.title = heads[0].text


_TITLE_PATTERNS = (_BOARD_CHAIRS_REPORT, _BOARD_REPORT_FROM, _REPORT_OF_BOARD, _CHAIRS_REPORT)


def _title_match(text: str, line: Line) -> re.Match[str] | None:
    """The first title pattern that matches the whole heading ``line``."""
    for pattern in _TITLE_PATTERNS:
        m = pattern.match(text, line.start, line.end)
        if m:
            return m
    return None


def _board_from_title(m: re.Match[str], meta: ReportMeta) -> None:
    if not m.groupdict().get("board") or meta.board is not None:
        return
    board = " ".join(m.group("board").split())
    if len(board.split()) <= 12 and _names_a_body(board):
        meta.board, meta.board_span = board, Span(*m.span("board"))
        meta.board_type = body_type(board)


def _chair_from_title(text: str, m: re.Match[str], meta: ReportMeta) -> None:
    groups = m.groupdict()
    role = groups.get("role")
    person = _who(text, *m.span("who"), role) if groups.get("who") else None
    if person and meta.chair is None:
        meta.chair, meta.chair_span, meta.chair_role = person.name, person.span, person.role
    elif role and meta.chair_role is None:
        meta.chair_role = role


# --------------------------------------------------------------------------
# The chair of a meeting


_ATTENDANCE_LABEL = re.compile(
    rf"[\W\d_]*(?:[A-Za-z \-–]{{0,30}}?\b)?{any_of(lines('metadata_present_labels'))}\b"
    r"[^:\n]{0,40}?(?::-?|$|\s)",
    re.I,
)
_BLOCK_END = re.compile(
    r"(?im)^[\W_]*(?:apologies|absent|in\s+attendance|also\s+present|minute|members\s+of\s+the\s+public|"
    r"items?\b|\d{1,3}[.)]?\s)|\b(?:apologies|in\s+attendance|also\s+present)\b"
)
_CHAIR_WORD = any_of(_CHAIR_ROLES)
# "Vice-Chair", "Deputy Chairman" mark someone else
_CHAIR_MARK = re.compile(
    rf"(?<![\w-])(?<!vice[- ])(?<!vice)(?<!deputy[- ])(?P<role>{_CHAIR_WORD})\b(?!['’]s)", re.I
)
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|our|their|its|a|an|his|her)\s+$")
_SEGMENT_END = re.compile(r"[,;\n:/•*|\t]|\s{2,}|\band\b|[–—]|\s-\s")


def _segments_before(text: str, start: int, floor: int) -> Iterator[tuple[int, int]]:
    """Text pieces before ``start`` back to ``floor``, nearest first, split at list delimiters."""
    end = start
    cuts = [m for m in _SEGMENT_END.finditer(text, floor, start)]
    for cut in reversed(cuts):
        if text[cut.end() : end].strip():
            yield cut.end(), end
        end = cut.start()
    if text[floor:end].strip():
        yield floor, end


def _person_beside(text: str, mark: re.Match[str], floor: int, ceiling: int) -> Person | None:
    """The name a role word in a list belongs to: before it ("X (Chair)", "X – Chair"), else after."""
    start = mark.start()
    floor = max(floor, text.rfind("\n", 0, start) + 1)  # a role marks a name on its own line
    opening = text.rfind("(", floor, start)
    if opening != -1 and not text[opening + 1 : start].strip():
        start = opening  # "(Chair)"
    for n, (s, e) in enumerate(_segments_before(text, start, floor)):
        if n == 2:
            break
        person = person_at(text, s, e)
        if person:
            return person
    after = mark.end()
    while after < ceiling and text[after] in " \t\n:–—-|":
        after += 1  # "Chairman" in one table cell, the name in the next
    after_end = _SEGMENT_END.search(text, after, ceiling)
    return person_at(text, after, after_end.start() if after_end else ceiling)


def _role_name(role: str) -> str:
    return " ".join(role.split()).capitalize()


def chair_in_attendance(text: str) -> tuple[Person, str] | None:
    """ "Present: Cllr X (Chair), …", "X – Chairman", "Chairman Cllrs X, Y"."""
    # the list may be an appendix at the end ("Appendix A – Attendance"); there only a label line counts
    for n, line in enumerate(text_lines(text[:200000])):
        label = _ATTENDANCE_LABEL.match(text, line.start, line.end)
        if not label or (n >= 60 and not re.search(r"(?::-?|\w)\s*$", text[label.start() : label.end()])):
            continue
        if n >= 60 and label.end() < line.end and text[label.end() - 1] != ":":
            continue
        end_mark = _BLOCK_END.search(text, label.end(), min(len(text), label.end() + 1500))
        ceiling = end_mark.start() if end_mark else min(len(text), label.end() + 1500)
        for mark in _CHAIR_MARK.finditer(text, label.end(), ceiling):
            if _DETERMINER_BEFORE.search(text, max(0, mark.start() - 8), mark.start()):
                continue  # "our Chair thanked …": the office in a sentence, not a mark in a list
            person = _person_beside(text, mark, label.end(), ceiling)
            if person:
                person.role = _role_name(mark.group("role"))
                return person, "marked in the attendance list"
    return None


# "the outgoing Chair, X", "the Chairman, Cllr X": the office before the name
_APPOSED_ROLE = re.compile(rf"\s*(?:the\s+)?(?:[a-z]+\s+){{0,2}}?{_CHAIR_WORD}\s*[,:]\s*", re.I)


def _name_after(text: str, start: int, limit: int) -> Person | None:
    lead = _APPOSED_ROLE.match(text, start, limit)
    if lead:
        start = lead.end()
    stop = re.compile(r"[,;.\n](?!\w)|\s{2,}").search(text, start + 1, limit)
    return person_at(text, start, stop.start() if stop else limit)


_CLAUSE_END = re.compile(r"(?P<word>[\w’']*)[.!?:;]\s+")


def _name_before(text: str, end: int) -> Person | None:
    """The name ending a clause: from the last sentence end on the line ("Cllr. O. Smith took …")."""
    start = text.rfind("\n", 0, end) + 1
    for m in _CLAUSE_END.finditer(text, start, end):
        word = m.group("word").lower()
        # "Cllr." and initials end no sentence
        if len(word) > 1 and word not in _TITLES:
            start = m.end()
    return person_at(text, start, end)


_AFTER_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("chaired by", re.compile(r"\bchaired\s+(?:\w+\s+)?by\s+", re.I)),
    ("the chair was taken by", re.compile(rf"\b{_CHAIR_WORD}\s+(?:was\s+)?taken\s+(?:\w+\s+)?by\s+", re.I)),
    ("labelled chair", re.compile(rf"(?im)^[\W_]*(?:in\s+the\s+)?{_CHAIR_WORD}\s*:\s*")),
    ("the chair, X,", re.compile(rf"\bthe\s+{_CHAIR_WORD}\s*,\s*(?=\S+\s+\S+[^\n]{{0,40}},)", re.I)),
    ("this report covers", re.compile(
        r"\bthis\s+(?:report|update)\s+(?:covers|is\s+from|sets\s+out)\s+(?:the\s+(?:work|activities)\s+of\s+)?",
        re.I)),
    ("chair's report", re.compile(
        rf"(?im)^[\W\d_]*(?:retiring\s+|outgoing\s+)?{_CHAIR_WORD}['’]s\s+report\s*(?:[–—:]|\s-)\s*")),
]  # fmt: skip
# An office whose holder reports in their own name: a chair or leader, or a
# cabinet member or portfolio holder "for" a subject.
_OFFICE = rf"(?:{_ROLE}|(?:cabinet|executive|lead)\s+member|portfolio\s+holder)"
_OFFICE_LINE = re.compile(rf"(?P<who>[^,\n]{{3,60}}),\s*(?:the\s+)?{_OFFICE}\s+(?:of|for)\b", re.I)
_OFFICE_THEN_NAME = re.compile(
    rf"(?:the\s+)?{_OFFICE}(?:\s+for\s+[^\n–—:]{{2,60}}?)?\s*(?:[–—:]|\s-)\s*(?P<who>[^\n]{{3,80}})", re.I
)
_BEFORE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("took the chair", re.compile(rf"\s*\(?\s*(?:took|takes|was\s+in|in)\s+the\s+{_CHAIR_WORD}\b", re.I)),
]
_SIGNATURE = re.compile(rf"(?im)^[\W_]*signed\b[\s:.…_]*(?P<who>[^\n]{{2,60}}?)[\s,(]+{_CHAIR_WORD}\b")


def chair_in_sentences(text: str) -> tuple[Person, str] | None:
    """ "chaired by X", "X took the Chair", "Chair: X", "this report covers Cllr X's …"."""
    head = text[:30000]
    hits: list[tuple[int, Person, str]] = []
    for how, pattern in _AFTER_RULES:
        for m in pattern.finditer(head):
            person = _name_after(head, m.end(), min(len(head), m.end() + 120))
            if person:
                hits.append((m.start(), person, how))
                break
    for how, pattern in _BEFORE_RULES:
        for m in pattern.finditer(head):
            person = _name_before(head, m.start())
            if person:
                hits.append((m.start(), person, how))
                break
    if not hits:
        return None
    _, person, how = min(hits, key=lambda h: h[0])
    if person.name.endswith(("'s", "’s")):
        person.name = person.name[:-2]
        person.span = Span(person.span.start, person.span.end - 2)
    return person, how


def chair_by_office(doc: SourceDocument) -> tuple[Person, str] | None:
    """A header line naming the author by office: "Councillor X, Leader of Y Council"."""
    for line in header_lines(doc.text, doc.raw_text, limit=15):
        m = _OFFICE_LINE.match(doc.text, line.start, line.end) or _OFFICE_THEN_NAME.match(
            doc.text, line.start, line.end
        )
        if m and _TITLED.match(doc.text, m.start("who"), m.end("who")):
            person = person_at(doc.text, *m.span("who"))
            if person:
                return person, "a header line naming the office"
    return None


_TITLED = re.compile(rf"\s*(?:{any_of(_PERSON_TITLES)})\b\.?\s+[A-Z]", re.I)
# The colon may be left out before a personal title ("Report of Councillor X, Cabinet Member for Y").
_AUTHOR_LABEL = re.compile(
    rf"(?i)[\W_]*{any_of(lines('metadata_author_labels'))}(?:\s*[:|]\s*|\s+(?=(?:{any_of(_PERSON_TITLES)})\b))"
)
_AN_OFFICE = re.compile(rf"\b{_OFFICE}\b", re.I)
_SEPARATOR = re.compile(r"\s*(?:,|[–—]|\s-\s)\s*")


def chair_by_author_label(doc: SourceDocument) -> tuple[Person, str] | None:
    """A labelled author holding an office: "Report of: Mayor X", "From: The Leader, Cllr X"."""
    for line in header_lines(doc.text, doc.raw_text, limit=15):
        label = _AUTHOR_LABEL.match(doc.text, line.start, line.end)
        if label is None:
            continue
        rest = doc.text[label.end() : line.end]
        if not (_AN_OFFICE.search(rest) or _AN_OFFICE.match(label.group(0).strip(" :"))):
            continue
        # The name leads ("Cllr X, Leader") or follows the office ("The Leader, Cllr X").
        starts = [label.end()] + [label.end() + m.end() for m in _SEPARATOR.finditer(rest)]
        for start in starts:
            person = person_at(doc.text, start, line.end)
            if person:
                return person, "a labelled author holding an office"
    return None


_ROLE_REPORT = re.compile(
    rf"\b{_OFFICE}(?:\s+for\s+[^\n'’]{{2,60}})?['’]s\s+(?:report|update)"
    rf"|\b(?:report|update)\s+(?:of|from|by)\s+the\s+{_OFFICE}\b",
    re.I,
)


def chair_under_title(doc: SourceDocument) -> tuple[Person, str] | None:
    """A titled name alone on a line under a role's report title ("Report of the Chair" / "Cllr X")."""
    heads = header_lines(doc.text, doc.raw_text, limit=15)
    for i, line in enumerate(heads):
        if _ROLE_REPORT.search(line.text):
            for nxt in heads[i + 1 : i + 3]:
                first = nxt.text.split()[0].lower().rstrip(".")
                person = person_at(doc.text, nxt.start, nxt.end) if first in _PERSON_TITLES else None
                if person and person.span.end >= nxt.end - 1:
                    return person, "a name under the report's title"
            break
    return None


def _fuller_form(text: str, person: Person) -> Person:
    """ "O. Smith" where the same minutes write the name in full, one way only ("Owen Smith")."""
    parts = person.name.replace(".", ". ").split()
    surname, given = parts[-1], [p for p in parts[:-1] if p.strip(".")]
    # a surname alone may be a relative's: only an initial says whose full name it is
    if not given or any(len(p.strip(".")) > 1 for p in given) or len(surname) < 3:
        return person
    pattern = re.compile(rf"\b({re.escape(given[0][0])}[a-z]+)\s+{re.escape(surname)}\b")
    found = {
        m.group(0): m
        for m in pattern.finditer(text[:200000])
        if m.group(1).lower() not in _PERSON_TITLES | _NOT_A_NAME | _ROLE_WORDS
    }
    if len(found) != 1:
        return person  # two full names share the initial: it does not say which
    m = next(iter(found.values()))
    return Person(m.group(0), Span(*m.span()), person.role)


def chair_signature(text: str) -> tuple[Person, str] | None:
    """ "Signed R Smith Chair": who signs the minutes as chair."""
    for m in _SIGNATURE.finditer(text):
        person = person_at(text, *m.span("who"))
        if person:
            return person, "signature line"
    return None


# A chair's report closed by a name on one line and the bare office on the next; only the last lines
# count, so a name over "Chair" in a list mid-report is not taken for the author.
_SIGNATURE_BLOCK = re.compile(
    rf"(?im)^[ \t]*(?P<who>[^\n]{{3,60}}?)[ \t]*\n"
    rf"[ \t]*(?P<role>{_CHAIR_WORD})[ \t]*(?:of\b[^\n]{{0,60}})?\s*\Z"
)


def chair_signature_block(text: str) -> tuple[Person, str] | None:
    """A report ending "Cllr X Y" / "Chairman": its author signs as chair."""
    m = _SIGNATURE_BLOCK.search(text[-400:])
    if m is None:
        return None
    offset = max(0, len(text) - 400)
    person = person_at(text, offset + m.start("who"), offset + m.end("who"))
    return (person, "signature block") if person else None


# --------------------------------------------------------------------------


def board_and_chair(doc: SourceDocument, meta: ReportMeta) -> None:
    """Fill meta.title/board/chair from the first rule of each kind that answers."""
    text = doc.text
    title_board_chair(text, meta)
    notes: list[str] = []
    if meta.board or meta.chair:
        notes.append(f"title line '{(meta.title or '')[:80]}'")
    if meta.chair and meta.chair_span:
        fuller = _fuller_form(text, Person(meta.chair, meta.chair_span))
        meta.chair, meta.chair_span = fuller.name, fuller.span
    minutes = looks_like_minutes(text)
    if meta.board is None:
        finders: list[Callable[[], tuple[Body, str] | None]] = [
            lambda: labelled_board(doc),
            lambda: heading_body(doc),
            lambda: named_council(doc, minutes),
        ]
        for finder in finders:
            found = finder()
            if found:
                body, how = found
                meta.board, meta.board_span, meta.board_type = body.name, body.span, body.type
                notes.append(f"board from {how}")
                break
    if meta.chair is None:
        chair_finders: list[Callable[[], tuple[Person, str] | None]] = [
            lambda: chair_in_attendance(text),
            lambda: chair_in_sentences(text),
            lambda: chair_by_office(doc),
            lambda: chair_by_author_label(doc),
            lambda: chair_under_title(doc),
            lambda: chair_signature(text),
            lambda: chair_signature_block(text),
        ]
        for chair_finder in chair_finders:
            hit = chair_finder()
            if hit:
                person, how = hit
                person = _fuller_form(text, person)
                meta.chair, meta.chair_span = person.name, person.span
                role = person.role if person.role in _CHAIR_ROLES_CAP else "Chair"
                meta.chair_role = meta.chair_role or role
                notes.append(f"chair from {how}")
                break
    meta.header_evidence = "; ".join(notes)


_CHAIR_ROLES_CAP = {_role_name(r) for r in _CHAIR_ROLES}

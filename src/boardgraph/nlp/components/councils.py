"""Councils: names checked against the register of UK local authorities, in
full ("Gedling Borough Council"), place-last ("London Borough of Barnet"),
short ("Stoke Council"), in shared-head lists ("Leeds, Bradford and Kirklees
Councils") and by initials defined in the same report."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from boardgraph.lexicons import lines, words
from boardgraph.lexicons.names import (
    CALENDAR_WORDS,
    COUNCIL_TIERS,
    GENERIC_WORDS,
    NAME_CONNECTORS,
    ROLE_WORDS,
    heading_case,
    initials,
)
from boardgraph.lexicons.register import Council, Register
from boardgraph.model import COUNCIL
from boardgraph.nlp.components.chunks import is_namey
from boardgraph.nlp.components.spans import Candidate

COUNCIL_TYPE_WORDS = frozenset(
    {"city", "borough", "county", "district", "metropolitan", "royal", "town", "parish", "community"}
)
# Tiers below the principal councils: parish, town, community (Wales, Scotland)
# and village councils are not in the register; their name is a place and the tier.
LOCAL_TIERS = frozenset({"parish", "town", "community", "village"})
NOT_PLACE_WORDS = words("entities_not_place_words")


def find_councils(doc: Doc, day: dt.date | None, register: Register) -> list[Candidate]:
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ not in {"council", "councils"} or not tok.text[0].isupper():
            continue
        s = _place_words_start(doc, tok.i)
        if s == tok.i:
            continue
        if tok.lower_ == "council":
            found = _one_council(doc, s, tok.i, day, register)
            if found is not None:
                out.append(found)
        else:
            out += _council_list(doc, s, tok.i, day, register)
    out += _council_of(doc, day, register)
    out += combined_authorities(doc, day, register)
    out += abbreviated_councils(doc, day, register)
    return out


def _place_walk_back(doc: Doc, i: int) -> int:
    """Back from i over the place words ("Gedling Borough", "Newcastle-under-Lyme Borough")
    on the same line."""
    s = i
    while s > 0:
        p = doc[s - 1]
        if "\n" in p.whitespace_ or p.is_space:
            break
        hyphen_part = not p.whitespace_ and (p.text == "-" or p.lower_ in {"on", "upon", "le", "under"})
        if not (is_namey(p) or hyphen_part):
            break
        s -= 1
    return s


def _place_words_start(doc: Doc, head: int) -> int:
    """Where the name before the head "Council(s)" begins, past a leading "the"."""
    s = _place_walk_back(doc, head)
    while s < head and doc[s].lower_ in {"the"}:
        s += 1
    return s


def _one_council(doc: Doc, s: int, head: int, day: dt.date | None, register: Register) -> Candidate | None:
    """The council named doc[s:head] + "Council": local, or one the register holds."""
    s = _over_and(doc, s, head, day, register)
    if doc[head - 1].lower_ in LOCAL_TIERS and not register.knows(doc[s : head + 1].text):
        return local_council(doc, s, head)
    s, found = _lookup_dropping_qualifiers(doc, s, head, day, register)
    if found is None:
        found = _council_of_place(doc, s, head, day, register)
    if found:
        return Candidate(s, head + 1, COUNCIL, "register-council", 90, found.official_name, key=found.code)
    return None


def _lookup_dropping_qualifiers(
    doc: Doc, s: int, head: int, day: dt.date | None, register: Register
) -> tuple[int, Council | None]:
    """The register's council for doc[s:head+1], dropping qualifiers one word at a time
    from the left ("Congratulations Bolton Council"); where the name starts."""
    found = register.lookup(doc[s : head + 1].text, day)
    if found is not None:
        return s, found
    for k in range(s + 1, head):
        found = register.lookup(doc[k : head + 1].text, day)
        if found:
            return k, found
    return s, found


def _council_of_place(doc: Doc, s: int, head: int, day: dt.date | None, register: Register) -> Council | None:
    """ "X Council" where the register lacks the name: whichever council X had on the day.

    A council named in full, tier and all, that did not exist on the report's date is
    not its place's later council ("X Borough Council" after X's merger).
    """
    specific = register.knows(doc[s : head + 1].text) and any(
        t.lower_ in {"borough", "county", "district", "city", "metropolitan"} for t in doc[s:head]
    )
    if specific:
        return None
    place = _strip_council_type(doc[s:head])
    return register.lookup_place(place.text, day) if place is not None else None


def _abbreviation_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in lines("entities_council_abbreviations"):
        abbreviation, forms = line.split(None, 1)
        table[abbreviation] = tuple(f.strip().lower() for f in forms.split("|") if f.strip())
    return table


COUNCIL_ABBREVIATIONS = _abbreviation_table()
# Lower-case words inside a place's name ("Kingston upon Thames", "Stockton-on-Tees").
PLACE_CONNECTORS = frozenset({"upon", "on", "under", "le", "and", "&", "-"})


def abbreviated_councils(doc: Doc, day: dt.date | None, register: Register) -> list[Candidate]:
    """ "Kent CC", "Sevenoaks DC", "Kingston upon Thames RB": a place and its tier's
    abbreviation, as attendance lists write councils; a council only where the
    register holds the spelt-out name on the day."""
    out: list[Candidate] = []
    for tok in doc:
        forms = COUNCIL_ABBREVIATIONS.get(tok.text)
        if not forms:
            continue
        for s in _place_starts(doc, tok.i):
            found = _spelt_out(doc[s : tok.i].text, forms, day, register)
            if found is not None:
                out.append(
                    Candidate(
                        s,
                        tok.i + 1,
                        COUNCIL,
                        "register-council-abbreviation",
                        90,
                        found.official_name,
                        key=found.code,
                    )
                )
                break
    return out


def _place_starts(doc: Doc, head: int) -> list[int]:
    """Where a place's name before token ``head`` may start on its line, farthest first
    (at most five tokens back; a place starts with a capital)."""
    starts: list[int] = []
    k = head
    while k > 0 and head - k < 5:
        p = doc[k - 1]
        if "\n" in p.whitespace_ or p.is_space or not (is_namey(p) or p.lower_ in PLACE_CONNECTORS):
            break
        k -= 1
        if p.text[:1].isupper():
            starts.append(k)
    return starts[::-1]


def _spelt_out(place: str, forms: tuple[str, ...], day: dt.date | None, register: Register) -> Council | None:
    for form in forms:
        name = f"{form} {place}" if form.endswith(" of") else f"{place} {form}"
        found = register.lookup(name, day)
        if found is not None:
            return found
    return None


def combined_authorities(doc: Doc, day: dt.date | None, register: Register) -> list[Candidate]:
    """ "West Yorkshire Combined Authority", "the X Mayoral Combined Authority": councils
    of councils (the GUIDE counts them as Councils), from the register where it holds them."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ != "authority" or tok.i < 2 or doc[tok.i - 1].lower_ != "combined":
            continue
        if not tok.text[0].isupper():
            continue
        s = _namey_run_start(doc, tok.i - 1)
        while s < tok.i - 1 and doc[s].lower_ in NAME_CONNECTORS:
            s += 1
        if s >= tok.i - 1:
            continue
        span = doc[s : tok.i + 1]
        found = register.lookup(span.text, day)
        if found is not None:
            out.append(
                Candidate(s, tok.i + 1, COUNCIL, "register-council", 90, found.official_name, key=found.code)
            )
        else:
            out.append(
                Candidate(
                    s,
                    tok.i + 1,
                    COUNCIL,
                    "combined-authority",
                    88,
                    heading_case(span.text),
                    acronym=_acronym_after(doc, s, tok.i + 1),
                )
            )
    return out


def local_council(doc: Doc, s: int, head: int) -> Candidate | None:
    """ "Upper Fenwick Community Council", "Little Snoring Parish Council", "X and Y Community
    Council", "FENWICK COMMUNITY COUNCIL": a council of a tier the register does not
    hold. The place before the tier names it; capitals are a heading's, not the name's.
    Not "Minutes of …", "Dear …", "Virtual …", "the March … meeting": the words of a
    heading, a letter or a date before the name are no part of it."""
    k = s
    # "X and Y Community Council"; not "X Parish Council and Y Town Council"
    if (
        k >= 3
        and doc[k - 1].lower_ in {"and", "&"}
        and _namey_run_start(doc, k - 1) < k - 1
        and doc[k - 2].lower_ not in {"council", "councils"}
    ):
        k = _namey_run_start(doc, k - 1)
    # "Minutes of the X Parish Council": the name starts after the last "of"
    for j in range(head - 1, k - 1, -1):
        if doc[j].lower_ in {"of", "to", "from", "for"}:
            k = j + 1
            break
    while k < head and not _place_word(doc[k]):
        k += 1
    tier = head - 1
    while tier > k and doc[tier - 1].lower_ in COUNCIL_TIERS | {"and", "&"}:
        tier -= 1
    place = doc[k:tier]
    if not len(place) or not all(_place_word(t) or t.lower_ in {"and", "&", "-"} for t in place):
        return None
    name = heading_case(doc[k : head + 1].text)
    return Candidate(
        k, head + 1, COUNCIL, "local-council", 90, name, acronym=_acronym_after(doc, k, head + 1)
    )


def _place_word(tok: Token) -> bool:
    """A word that can be (part of) a place's name: not a role, tier, month, heading or
    meeting word, not initials."""
    low = tok.lower_
    return (
        tok.is_alpha
        and tok.text[0].isupper()
        and (len(tok.text) > 1 and not (tok.text.isupper() and len(tok.text) <= 3))
        and low not in ROLE_WORDS | COUNCIL_TIERS | GENERIC_WORDS | NAME_CONNECTORS | CALENDAR_WORDS
        and low not in NOT_PLACE_WORDS
    )


def _namey_run_start(doc: Doc, i: int) -> int:
    """Start of the run of name words that ends just before token i (at most three words)."""
    k = i
    while k > 0 and i - k < 3 and is_namey(doc[k - 1]) and "\n" not in doc[k - 1].whitespace_:
        k -= 1
    return k


def _acronym_after(doc: Doc, start: int, end: int) -> str | None:
    """ "Fenwick Community Council (FCC)": initials in brackets that spell the name."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        acr = doc[end + 1].text
        if acr.isupper() and acr.isalpha() and initials(doc[start:end].text) == acr:
            return acr
    return None


def _council_of(doc: Doc, day: dt.date | None, register: Register) -> list[Candidate]:
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
                is_namey(doc[right])
                or doc[right].lower_ in {"and", "of", "upon", "on", "-", "'s", "\u2019s", "the"}
            )
        ):
            right += 1
        found = None
        for e in range(right, tok.i + 2, -1):
            if not is_namey(doc[e - 1]):
                continue
            for st in range(left, tok.i + 1):
                found = register.lookup(doc[st:e].text, day)
                if found:
                    out.append(
                        Candidate(st, e, COUNCIL, "register-council", 91, found.official_name, key=found.code)
                    )
                    break
            if found:
                break
    return out


def _strip_council_type(span: Span) -> Span | None:
    e = span.end
    while e > span.start and span.doc[e - 1].lower_ in COUNCIL_TYPE_WORDS:
        e -= 1
    return span.doc[span.start : e] if e > span.start else None


def _is_council_name(span: Span, day: dt.date | None, register: Register) -> bool:
    """ "Brighton and Hove City Council", "Telford and Wrekin": the register knows the whole."""
    if register.lookup(span.text, day):
        return True
    place = _strip_council_type(span)
    return place is not None and register.lookup_place(place.text, day) is not None


def _over_and(doc: Doc, s: int, head: int, day: dt.date | None, register: Register) -> int:
    """Start of a council name that has "and" in it ("Brighton and Hove City Council",
    "Telford & Wrekin Council"): the walk back stops at the "and", the register
    knows the whole name."""
    if s < 2 or doc[s - 1].lower_ not in {"and", "&"}:
        return s
    k = s - 1
    while k > 0 and k > s - 4 and is_namey(doc[k - 1]) and "\n" not in doc[k - 1].whitespace_:
        k -= 1
    for start in range(k, s - 1):  # the longest name first
        if _is_council_name(doc[start : head + 1], day, register):
            return start
    return s


def _council_list(doc: Doc, s: int, head: int, day: dt.date | None, register: Register) -> list[Candidate]:
    """ "Leeds, Bradford, Calderdale and Kirklees Councils": four councils, one head."""
    out: list[Candidate] = []
    items = _joined_places(doc, _list_items(doc, s, head), day, register)
    # "London Councils" is a body's name: a plural head shared by one place lists nothing
    if len(items) < 2:
        return out
    for a, b in items:
        place = _strip_council_type(doc[a:b])
        if place is None:
            continue
        found = register.lookup_place(place.text, day)
        if found:
            out.append(
                Candidate(a, b, COUNCIL, "register-council-list", 90, found.official_name, key=found.code)
            )
    return out


def _list_items(doc: Doc, s: int, head: int) -> list[tuple[int, int]]:
    """The list's items in text order: the last is doc[s:head], the others come before
    it after ", X" and " and X"."""
    items: list[tuple[int, int]] = [(s, head)]
    i = s - 1
    while i > 0 and (doc[i].text in {",", "and", "&"} or doc[i].lower_ == "and"):
        j = i - 1
        if doc[j].text == "," and doc[i].lower_ == "and":  # Oxford comma
            j -= 1
        e = j + 1
        while j >= 0 and (is_namey(doc[j]) or (doc[j].text == "-" and not doc[j].whitespace_)):
            j -= 1
        if e - (j + 1) <= 0 or e - (j + 1) > 4:
            break
        items.append((j + 1, e))
        i = j
    items.reverse()
    return items


def _joined_places(
    doc: Doc, items: list[tuple[int, int]], day: dt.date | None, register: Register
) -> list[tuple[int, int]]:
    """ "Leeds, Knowsley and Telford and Wrekin Councils": two items joined by "and"
    may be one place."""
    merged: list[tuple[int, int]] = []
    for a, b in items:
        if merged and doc[merged[-1][1]].lower_ in {"and", "&"} and merged[-1][1] + 1 == a:
            pa, _ = merged[-1]
            place = _strip_council_type(doc[pa:b])
            if place is not None and register.lookup_place(place.text, day) is not None:
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    return merged


# Initials that end like a council's ("…CC", "…BC", "…DC") but name something else.
NOT_COUNCIL_INITIALS = words("entities_not_council_initials", lower=False)


def council_initials(text: str) -> bool:
    """ "SBC", "NHDC", "WVCC": the last letters are a council's tier and "Council"
    (County/City/Community, Borough, District, Metropolitan Borough, Town)."""
    return (
        re.fullmatch(r"[A-Z]{1,4}(?:CC|BC|DC|MBC|TC)", text) is not None and text not in NOT_COUNCIL_INITIALS
    )


def council_acronyms(
    doc: Doc, chosen: list[Candidate], day: dt.date | None, register: Register
) -> list[Candidate]:
    """ "SBC" in a report that names Scottish Borders Council is that council.

    Only a council named in the same report counts: across the register,
    three letters fit too many councils.
    """
    by_initials: dict[str, set[tuple[str | None, str]]] = {}
    for c in chosen:
        if c.label != COUNCIL:
            continue
        council = register.councils.get(c.key) if c.key else None
        name = council.official_name if council else c.name
        for text in (doc[c.start : c.end].text, name):
            if text:
                by_initials.setdefault(initials(text), set()).add((c.key, name))
        if c.acronym:
            by_initials.setdefault(c.acronym, set()).add((c.key, name))
    board = (doc._.bg_context or {}).get("board")
    if board and board.lower().endswith(" council"):
        by_initials.setdefault(initials(board), set()).add((None, heading_case(board)))
    out = []
    for c in chosen:
        found = by_initials.get(c.name) if c.rule == "acronym" else None
        if not found and c.rule == "acronym" and council_initials(c.name):
            # "SBC", "NHDC": a council's initials, though the report never spells it out
            out.append(
                Candidate(c.start, c.end, COUNCIL, "council-initials", c.priority, c.name, acronym=c.name)
            )
            continue
        if found and len(found) == 1:
            ((key, name),) = found
            acronym = c.name
            out.append(
                Candidate(
                    c.start, c.end, COUNCIL, "council-acronym", c.priority, name, key=key, acronym=acronym
                )
            )
        else:
            out.append(c)
    return out

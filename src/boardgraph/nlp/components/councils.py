"""Councils: names checked against the register of UK local authorities, in
full ("Gedling Borough Council"), place-last ("London Borough of Barnet"),
short ("Stoke Council"), in shared-head lists ("Leeds, Bradford and Kirklees
Councils") and by initials defined in the same report."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from boardgraph.lexicons import words
from boardgraph.lexicons.names import (
    CALENDAR_WORDS,
    COUNCIL_TIERS,
    GENERIC_WORDS,
    NAME_CONNECTORS,
    ROLE_WORDS,
    heading_case,
    initials,
)
from boardgraph.lexicons.register import Register
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
        # Walk back over the place words ("Gedling Borough", "Newcastle-under-Lyme Borough").
        s = tok.i
        while s > 0:
            p = doc[s - 1]
            if "\n" in p.whitespace_ or p.is_space:
                break
            hyphen_part = not p.whitespace_ and (p.text == "-" or p.lower_ in {"on", "upon", "le", "under"})
            if is_namey(p) or hyphen_part:
                s -= 1
                continue
            break
        while s < tok.i and doc[s].lower_ in {"the"}:
            s += 1
        if s == tok.i:
            continue
        if tok.lower_ == "council":
            s = _over_and(doc, s, tok.i, day, register)
        full = doc[s : tok.i + 1]
        if tok.lower_ == "council" and doc[tok.i - 1].lower_ in LOCAL_TIERS and not register.knows(full.text):
            local = local_council(doc, s, tok.i)
            if local is not None:
                out.append(local)
            continue
        if tok.lower_ == "council":
            found = register.lookup(full.text, day)
            if found is None:
                # drop qualifiers one word at a time from the left ("Congratulations Bolton Council")
                for k in range(s + 1, tok.i):
                    found = register.lookup(doc[k : tok.i + 1].text, day)
                    if found:
                        s = k
                        break
            # a council named in full, tier and all, that did not exist on the report's
            # date is not its place's later council ("X Borough Council" after X's merger);
            # "X Council" alone is whichever council X had on the day
            specific = register.knows(doc[s : tok.i + 1].text) and any(
                t.lower_ in {"borough", "county", "district", "city", "metropolitan"} for t in doc[s : tok.i]
            )
            if found is None and not specific:
                place = _strip_council_type(doc[s : tok.i])
                if place is not None:
                    found = register.lookup_place(place.text, day)
            if found:
                out.append(
                    Candidate(
                        s, tok.i + 1, COUNCIL, "register-council", 90, found.official_name, key=found.code
                    )
                )
        else:
            out += _council_list(doc, s, tok.i, day, register)
    out += _council_of(doc, day, register)
    out += combined_authorities(doc, day, register)
    return out


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
    # the last item is doc[s:head]; walk back over ", X" and " and X"
    items: list[tuple[int, int]] = [(s, head)]
    i = s - 1
    while i > 0:
        if doc[i].text in {",", "and", "&"} or doc[i].lower_ == "and":
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
        else:
            break
    # "Leeds, Knowsley and Telford and Wrekin Councils": two items joined by "and"
    # may be one place
    items.reverse()
    merged: list[tuple[int, int]] = []
    for a, b in items:
        if merged and doc[merged[-1][1]].lower_ in {"and", "&"} and merged[-1][1] + 1 == a:
            pa, _ = merged[-1]
            place = _strip_council_type(doc[pa:b])
            if place is not None and register.lookup_place(place.text, day) is not None:
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    # "London Councils" is a body's name: a plural head shared by one place lists nothing
    if len(merged) < 2:
        return out
    for a, b in merged:
        place = _strip_council_type(doc[a:b])
        if place is None:
            continue
        found = register.lookup_place(place.text, day)
        if found:
            out.append(
                Candidate(a, b, COUNCIL, "register-council-list", 90, found.official_name, key=found.code)
            )
    return out


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

"""Councils: names checked against the register of UK local authorities, in
full ("Gedling Borough Council"), place-last ("London Borough of Barnet"),
short ("Stoke Council"), in shared-head lists ("Leeds, Bradford and Kirklees
Councils") and by initials defined in the same report."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from boardgraph.components.chunks import is_namey
from boardgraph.components.spans import Candidate
from boardgraph.model import COUNCIL
from boardgraph.names import initials
from boardgraph.register import Register

COUNCIL_TYPE_WORDS = frozenset(
    {"city", "borough", "county", "district", "metropolitan", "royal", "town", "parish", "community"}
)


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
    return out


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


def council_acronyms(
    doc: Doc, chosen: list[Candidate], day: dt.date | None, register: Register
) -> list[Candidate]:
    """ "SBC" in a report that names Scottish Borders Council is that council.

    Only a council named in the same report counts: across the register,
    three letters fit too many councils.
    """
    by_initials: dict[str, set[str]] = {}
    for c in chosen:
        if c.label == COUNCIL and c.key:
            council = register.councils.get(c.key)
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
                    register.councils[key].official_name,
                    key=key,
                    acronym=c.name,
                )
            )
        else:
            out.append(c)
    return out

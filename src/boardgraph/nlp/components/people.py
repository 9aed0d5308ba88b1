"""People: titled names ("Cllr", "Lord", "Dame" … and honours after a name),
surname lists after a plural title, the chair and contact officer that ingest
found, "I" as the chair, and the statistical NER's persons where the rules
agree that they are people."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from boardgraph.lexicons.names import (
    CALENDAR_WORDS,
    COUNCIL_TIERS,
    DOCUMENT_HEADS,
    EVENT_HEADS,
    GENERIC_WORDS,
    HONOURS_UPPER,
    MONTHS,
    ORGANISATION_HEADS,
    PARTIES,
    PEER_TITLES,
    PLACE_HEADS,
    PLACE_SURNAME_HEADS,
    PLURAL_TITLES,
    PROGRAMME_HEADS,
    ROLE_WORDS,
    STRONG_TITLES,
    fold,
    person_name,
    squash,
)
from boardgraph.lexicons.register import Register
from boardgraph.model import COUNCIL, ORGANISATION, PERSON
from boardgraph.nlp.components.chunks import is_namey, looks_like_org, trim, words_of
from boardgraph.nlp.components.lexicon import Lexicon
from boardgraph.nlp.components.spans import Candidate


def from_context(doc: Doc, ctx: dict) -> list[Candidate]:
    """The chair, the contact officer and the board, where ingest found them in the text."""
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
                out.append(Candidate(span.start, span.end, PERSON, rule, 95, name, titles, chair=is_chair))
    if ctx.get("board_span"):
        s, e = ctx["board_span"]
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            # ingest says "Council" or "Organisation"; anything else is taken for a body
            kind = COUNCIL if ctx.get("board_type") == COUNCIL else ORGANISATION
            out.append(Candidate(span.start, span.end, kind, "report-board", 95, _heading_case(span.text)))
    return out


def _heading_case(text: str) -> str:
    """A body's name as a label: "FENWICK COMMUNITY COUNCIL" in a heading is "Fenwick Community Council"."""
    name = squash(fold(text))
    if not name.isupper() or len(name.split()) < 2:
        return name  # mixed case is as written; a lone acronym stays one
    small = {"and", "of", "the", "for", "upon", "on", "in", "y"}
    return " ".join(
        w.lower() if w.lower() in small and i else w.capitalize() for i, w in enumerate(name.split())
    )


def titled_people(doc: Doc, lexicon: Lexicon | None = None) -> list[Candidate]:
    """People with titles before the name or honours after it."""
    out: list[Candidate] = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            if _is_title(doc, i, sent.end):
                found, after = _titled_person(doc, i, sent, lexicon)
                if after is not None:
                    out += found
                    i = after
                    continue
            honoured = _honours_person(doc, i, sent)
            if honoured is not None:
                out.append(honoured)
            i += 1
    return out


def _is_title(doc: Doc, i: int, sent_end: int) -> bool:
    tok = doc[i]
    low = tok.lower_.rstrip(".")
    # "Mayor Jo Bloggs": the office used as a title, right before a name
    mayor_title = (
        low == "mayor" and i + 1 < sent_end and doc[i + 1].lower_ != "of" and doc[i + 1].text[:1].isupper()
    )
    return (low in STRONG_TITLES or mayor_title) and tok.text[0].isupper()


def _titled_person(
    doc: Doc, i: int, sent: Span, lexicon: Lexicon | None
) -> tuple[list[Candidate], int | None]:
    """The people named after the title at i and where to read on; None where no name
    follows (the word may still be honours after a name)."""
    if doc[i].lower_.rstrip(".") in PLURAL_TITLES:
        return _title_list(doc, _first_after_title(doc, i), sent.end, lexicon)
    first = _first_after_title(doc, i)
    name_end = _name_after(doc, first, _name_bound(doc, i, sent.end), lexicon)
    if name_end <= first:
        return [], None
    # "Lord Mayor", "Lord Provost", "Dr Chair": a title before an office is no one's name
    if doc[first].lower_ in ROLE_WORDS:
        return [], i + 1
    start = _titles_start(doc, i, sent.start)
    end = _honours_after(doc, name_end, sent.end)
    name, titles = person_name(doc[start:end].text)
    if name and not only_initials(name) and not _org_after_title(doc[first:name_end], lexicon):
        return [Candidate(start, end, PERSON, "title-person", 85, name, titles)], end
    return [], end


def _titles_start(doc: Doc, i: int, sent_start: int) -> int:
    """Where the titles before the name end at i begin."""
    start = i
    # "Rt Hon", "Cllr Dr": keep all stacked titles inside the mention
    while start > sent_start and doc[start - 1].lower_.rstrip(".") in STRONG_TITLES | {"rt", "hon"}:
        start -= 1
    # "County Cllr X": the tier belongs to the title
    if (
        start > sent_start
        and doc[start - 1].lower_ in COUNCIL_TIERS
        and doc[start - 1].text[:1].isupper()
        and doc[start].lower_.rstrip(".") in {"cllr", "councillor"}
    ):
        start -= 1
    return start


def _honours_person(doc: Doc, i: int, sent: Span) -> Candidate | None:
    """ "Jo Bloggs MP": honours at i after a bare name."""
    tok = doc[i]
    if not (tok.text.rstrip(".").upper() in HONOURS_UPPER and tok.text.isupper() and i > sent.start):
        return None
    j = _bare_name_start(doc, i, sent.start)
    if i - j < 2 or looks_like_org(doc[j:i]):
        return None
    end = _honours_after(doc, i, sent.end)
    name, titles = person_name(doc[j:end].text)
    return Candidate(j, end, PERSON, "honours-person", 80, name, titles)


def _bare_name_start(doc: Doc, i: int, sent_start: int) -> int:
    """The start of the up to three capitalised words before i, without a title."""
    j = i
    while (
        j > sent_start
        and j > i - 3
        and doc[j - 1].text[:1].isupper()
        and doc[j - 1].is_alpha
        and doc[j - 1].lower_ not in STRONG_TITLES
        and not doc[j - 1].is_sent_start
    ):
        j -= 1
    if j > sent_start and doc[j - 1].is_sent_start and doc[j - 1].is_alpha and doc[j - 1].text[:1].isupper():
        j -= 1
    return j


def _org_after_title(span: Span, lexicon: Lexicon | None) -> bool:
    """ "Lord Mayor's Fund", "Dr Barnardo's Homes": a body's name after a title. Not
    when a given name opens it ("Cllr Sue Grant": a surname may be a head noun)."""
    if lexicon is not None and len(span) >= 2 and lexicon.is_given_name(span[0].text):
        return False
    return looks_like_org(span)


def _first_after_title(doc: Doc, i: int) -> int:
    """The first word after the title at i, over its full stop ("Cllr. Jo Bloggs") and a
    doubled space ("Cllr  Jo Bloggs")."""
    k = i + 1
    if k < len(doc) and doc[k].text == "." and not doc[i].whitespace_:
        k += 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    return k


def _name_bound(doc: Doc, i: int, sent_end: int) -> int:
    """Where a name after the title at i may end: the sentence's end, or past it when
    the sentence splitter took the title's full stop for one ("Cllr. | Jo Bloggs")."""
    if doc[i].text.endswith(".") or (i + 1 < len(doc) and doc[i + 1].text == "."):
        return min(len(doc), max(sent_end, i + 6))
    return sent_end if i + 1 < sent_end else min(len(doc), i + 5)


def only_initials(name: str) -> bool:
    """ "JA", "J.A.", "J A": initials alone are no one's name (the GUIDE's rule)."""
    letters = name.replace(".", " ").split()
    return all(len(w) == 1 for w in letters) or (len(letters) == 1 and name.isupper() and len(name) <= 3)


def _ends_name(doc: Doc, j: int, i: int, lexicon: Lexicon | None) -> bool:
    """ "Mrs P Jones Salary 001972", "Robert Smith Maintenance", "Mr J Brown August":
    after a name of two words, a month, or an English word that the report also
    writes in lower case or that a number follows (a payment line), is not part
    of the name."""
    t = doc[j]
    if j - i < 2 or not t.is_alpha:
        return False
    if t.lower_ in MONTHS - {"may", "june", "april"}:
        return True
    if _body_name_from(doc, j):
        return True
    if lexicon is None or not lexicon.is_word_token(t) or lexicon.is_given_name(t.text):
        return False
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    return lexicon.written_lower(doc, t.lower_) or (nxt is not None and (nxt.like_num or nxt.is_currency))


def _body_name_from(doc: Doc, j: int) -> bool:
    """ "Cllr Jo Bloggs Northfield Housing Association": the capitalised words from j on
    the same line end in a body's head noun, so they name the member's body."""
    k = j
    while k < len(doc) and k - j < 5 and doc[k].is_alpha and doc[k].text[:1].isupper():
        if k > j and doc[k].lower_ in ORGANISATION_HEADS:
            return True
        if "\n" in doc[k].whitespace_:
            break
        k += 1
    return False


def _name_after(doc: Doc, i: int, end: int, lexicon: Lexicon | None = None) -> int:
    """End of a 1–3 word personal name starting at i (exclusive)."""
    j = i
    while j < end and j - i < 4:
        t = doc[j]
        if j > i and t.lower_.rstrip(".") in STRONG_TITLES:
            break
        if _ends_name(doc, j, i, lexicon):
            break
        if (
            (
                t.is_alpha
                and t.text[0].isupper()
                and t.text.upper() not in HONOURS_UPPER | {"I"}
                and t.lower_ not in GENERIC_WORDS - {"chair"}
            )
            or (j > i and t.text in {"-"} and not t.whitespace_)
            or _initial_before_name(doc, j, end)
        ):
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
            and doc[i - 1].lower_ in PEER_TITLES
        ):
            j += 2
            continue
        break
    return j


def _initial_before_name(doc: Doc, j: int, end: int) -> bool:
    """ "W." in "Cllr W. Jones": an initial with its full stop, a capitalised word after it."""
    t = doc[j]
    return (
        len(t.text) == 2
        and t.text[0].isupper()
        and t.text[1] == "."
        and j + 1 < end
        and "\n" not in t.whitespace_
        and doc[j + 1].text[:1].isupper()
        and (doc[j + 1].is_alpha or _initial_before_name(doc, j + 1, end))
    )


def _honours_after(doc: Doc, j: int, end: int) -> int:
    while j < end and doc[j].text.rstrip(".").upper() in HONOURS_UPPER and doc[j].text.isupper():
        j += 1
    return j


def _title_list(doc: Doc, i: int, end: int, lexicon: Lexicon | None = None) -> tuple[list[Candidate], int]:
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
        name_end = _name_after(doc, j, end, lexicon)
        if name_end == j:
            break
        stop = _honours_after(doc, name_end, end)
        name, titles = person_name(doc[title_start:stop].text)
        if name and not only_initials(name) and not _org_after_title(doc[j:name_end], lexicon):
            out.append(Candidate(title_start, stop, PERSON, "title-list-person", 85, name, titles))
        j = stop
        if j < end and doc[j].text == ",":
            j += 1
        if j < end and doc[j].lower_ in {"and", "&"}:
            j += 1
        if j < end and doc[j].text == "I":
            break
    return out, max(j, i)


def from_ner(doc: Doc, register: Register, lexicon: Lexicon | None = None) -> list[Candidate]:
    """The statistical NER as a fallback, filtered by the same head rules; a person
    from the NER alone needs evidence that it is one (:func:`person_evidence`)."""
    out: list[Candidate] = []
    for piece, label, split in ner_pieces(doc):
        span = trim(piece)
        if span is None:
            continue
        words = words_of(span)
        if not words or any(t.like_email or t.like_url or t.like_num for t in span):
            continue
        found = None
        if label == "PERSON" or split:
            # a piece of an entity run across a heading ("Productivity\n\nJo Bloggs")
            # carries no type of its own: a person only with the evidence one needs
            found = _ner_person(span, words, register, lexicon)
        if found is None and label in {"ORG", "NORP"}:
            found = _party(span, words)
        if found is not None:
            out.append(found)
    return out


def ner_pieces(doc: Doc) -> Iterator[tuple[Span, str, bool]]:
    """The NER's entities cut at line breaks (a name never runs across one), with
    their label and whether the entity was cut."""
    for ent in doc.ents:
        cuts = [t.i + 1 for t in ent[:-1] if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text)]
        bounds = [ent.start, *cuts, ent.end]
        pieces = [doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]
        pieces = [p for p in pieces if not all(t.is_space for t in p)]
        for piece in pieces:
            yield piece, ent.label_, len(pieces) > 1


def _ner_person(
    span: Span, words: list[str], register: Register, lexicon: Lexicon | None
) -> Candidate | None:
    """A person the NER found, if the name's shape and words agree."""
    doc = span.doc
    span = _before_of(span)
    name_words = [t for t in span if not t.is_punct]
    if not 2 <= len(name_words) <= 3 or not all(t.is_alpha and t.text[0].isupper() for t in name_words):
        return None
    if looks_like_org(span) or any(w in GENERIC_WORDS | ROLE_WORDS | EVENT_HEADS for w in words):
        return None
    if _place_and_head(span, words, register, len(name_words)) or _not_a_person(span, words):
        return None
    end = span.end
    while end - span.start > 2 and _ends_name(doc, end - 1, span.start, lexicon):
        end -= 1
    span = doc[span.start : end]
    if lexicon is not None and not person_evidence(span, lexicon):
        return None
    name, titles = person_name(span.text)
    return Candidate(span.start, span.end, PERSON, "ner-person", 50, name, titles)


def _place_and_head(span: Span, words: list[str], register: Register, n_words: int) -> bool:
    """ "X Academy", "Y Trust": a place the register knows and a body's head."""
    return (
        any(register.lookup_place(t.text) is not None and t.i == span.start for t in span[:1])
        and n_words == 2
        and words[-1] in ORGANISATION_HEADS
    )


def _party(span: Span, words: list[str]) -> Candidate | None:
    low = " ".join(words)
    if low in PARTIES:
        return Candidate(span.start, span.end, ORGANISATION, "party", 70, PARTIES[low])
    return None


def _before_of(span: Span) -> Span:
    """ "Jo Bloggs of Acme": the NER ran the person on into their firm or place."""
    for t in span[2:]:
        if t.lower_ == "of":
            return span.doc[span.start : t.i]
    return span


def person_evidence(span: Span, lexicon: Lexicon) -> bool:
    """Whether an untitled name the NER calls a person shows that it is one.

    Firms, shops, storms and places come out of the NER as people ("Storm X",
    "Y Municipal", "Z Waste", "W Bridge"). A person's name opens with a known
    given name or an initial ("D Jones"), or its surname is written with a
    title elsewhere in the report ("Cllr Jones"), or none of its words is an
    English word (names the given-name list lacks: "Ngozi Okafor").
    """
    words = [t for t in span if t.is_alpha]
    if not words:
        return False
    first, last = words[0], words[-1]
    # "June Salary", "May Meeting": a month that is also a given name, before a word
    if first.lower_ in MONTHS and lexicon.is_word_token(last):
        return False
    if lexicon.is_given_name(first.text) or (len(first.text) == 1 and first.text.isupper()):
        return True
    if titled_elsewhere(span.doc, last.lower_):
        return True
    return not any(lexicon.is_word_token(t) for t in words)


def titled_elsewhere(doc: Doc, surname: str) -> bool:
    """The word is written after a title somewhere in the report ("Cllr Jones")."""
    # one pass per document, not per candidate: long reports were quadratic here
    titled = doc.user_data.get("bg_titled_words")
    if titled is None:
        titled = {t.lower_ for t in doc[1:] if doc[t.i - 1].lower_.rstrip(".") in STRONG_TITLES}
        doc.user_data["bg_titled_words"] = titled
    return surname in titled


def _not_a_person(span: Span, words: list[str]) -> bool:
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
    # "Jo May", "Sam Ward": months and tiers that are also names are left alone
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


def chair_pronoun(doc: Doc, ctx: dict) -> list[Candidate]:
    """ "I" in a chair's report is the chair."""
    if not ctx.get("chair"):
        return []
    return [
        Candidate(t.i, t.i + 1, PERSON, "chair-pronoun", 40, ctx["chair"], chair=True)
        for t in doc
        if t.text == "I" and t.pos_ == "PRON"
    ]


def drop_person_initials(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
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


# Rules whose councils the register checked word for word, so that their first word
# is sure: where one starts inside a person's name, the name ran on into the council.
# (A head noun's body is not: its start is a guess that may take in a surname.)
FIRM_BODY_RULES = frozenset({"register-council", "register-council-abbreviation"})


def trim_people_at_councils(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Cllr Jo Bloggs Kent CC", "Cllr Jo Bloggs Sevenoaks District Council": an
    attendance line runs the member's name into their council. A titled name that a
    council from the register starts inside (and outlasts) ends where the council begins."""
    bodies = [c for c in cands if c.rule in FIRM_BODY_RULES]
    out: list[Candidate] = []
    for c in cands:
        if c.label == PERSON and c.rule == "title-person":
            cut = min((b.start for b in bodies if c.start < b.start < c.end <= b.end), default=None)
            if cut is not None:
                name, titles = person_name(doc[c.start : cut].text)
                if not name or only_initials(name):
                    continue
                c = replace(c, end=cut, name=name, titles=titles)
        out.append(c)
    return out


def bodies_after_people(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "In attendance Cllr Jo Bloggs Local Government Association": a body's name read
    from the start of an attendance line takes in the member before it; the body's name
    is what follows the titled name."""
    people = [c for c in cands if c.label == PERSON and c.rule == "title-person"]
    out: list[Candidate] = []
    for c in cands:
        if c.rule == "head-organisation":
            inside = [p for p in people if c.start <= p.start and p.end < c.end]
            if inside:
                last = max(p.end for p in inside)
                body = trim(doc[last : c.end])
                if body is None or len(words_of(body)) < 2:
                    continue
                c = replace(c, start=body.start, end=body.end, name=squash(fold(body.text)))
        out.append(c)
    return out


def drop_place_people(doc: Doc, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "Ashby Workspace", "Bolton Live", "Tesco Ashby": NER's untitled "person" that
    names the place a body or council in the same report is named after ("Ashby
    Housing Association", "Bolton Council", the report's own "Ashby Parish Council")
    is a place or a thing, not a person. The place opening the name is enough to
    drop it; closing it, it may be a surname, so only a name that does not open
    with a given name or an initial is read as the body's branch in that place.
    """
    place_words = {
        doc[c.start].lower_
        for c in cands
        if c.label in {ORGANISATION, COUNCIL}
        and c.end - c.start >= 2
        and c.rule in {"head-organisation", "register-council", "local-council", "report-board"}
        and doc[c.start].lower_ not in GENERIC_WORDS | COUNCIL_TIERS
    }

    out: list[Candidate] = []
    for c in cands:
        if c.rule != "ner-person":
            out.append(c)
            continue
        first, last = doc[c.start], doc[c.end - 1]
        if first.lower_ in place_words:
            continue
        personal = lexicon.is_given_name(first.text) or len(first.text.rstrip(".")) == 1
        if c.end - c.start >= 2 and last.lower_ in place_words and not personal:
            # "Tesco Ashby": a name followed by the place is a branch, a body of that place
            out.append(replace(c, label=ORGANISATION, rule="branch-of-place", titles=()))
            continue
        out.append(c)
    return out


def shared_title(doc: Doc, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "Councillor Agate and Pogmore will meet …": one title before two surnames
    covers both. Only a lone capitalised word after "and" that is not an English word,
    a given name (then it opens a name of its own) or the start of a longer name."""
    out: list[Candidate] = []
    for c in cands:
        if c.rule != "title-person" or len(c.name.split()) != 1 or c.end + 1 >= len(doc):
            continue
        conj, word = doc[c.end], doc[c.end + 1]
        after = doc[c.end + 2] if c.end + 2 < len(doc) else None
        if conj.lower_ not in {"and", "&"} or not (word.is_alpha and word.is_title):
            continue
        if lexicon.is_word_token(word) or lexicon.is_given_name(word.text) or word.lower_ in STRONG_TITLES:
            continue
        if after is not None and after.is_alpha and after.text[:1].isupper():
            continue
        out.append(Candidate(word.i, word.i + 1, PERSON, "shared-title-person", 80, word.text, c.titles))
    return cands + out


def people_with_a_post(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    """ "Jo Bloggs, Principal Adviser, introduced the report", "the Chief Constable, Jo
    Bloggs": a given name and surname beside a post in apposition is a person, titled or
    not (officers rarely are)."""
    out: list[Candidate] = []
    for tok in doc:
        i = tok.i
        if not _given_and_surname(doc, i, lexicon) or (i > 0 and is_namey(doc[i - 1])):
            continue
        end = i + 2
        if end < len(doc) and doc[end].is_title and doc[end].is_alpha and doc[end].lower_ not in ROLE_WORDS:
            end += 1  # "Jo Ann Bloggs"
        after_post = i > 1 and doc[i - 1].text == "," and _post_before(doc, i - 1)
        if (end < len(doc) and doc[end].text == "," and _post_follows(doc, end + 1)) or (
            after_post and (end >= len(doc) or not doc[end].is_alpha)
        ):
            name, titles = person_name(doc[i:end].text)
            out.append(Candidate(i, end, PERSON, "person-with-post", 60, name, titles))
    return out


def _post_before(doc: Doc, comma: int) -> bool:
    """A post just before the comma at ``comma``: "the Chief Constable, Jo Bloggs"."""
    return _post_among(doc, range(comma - 1, max(-1, comma - 6), -1))


def _post_follows(doc: Doc, j: int) -> bool:
    """A post in the next few words, before the next comma: "Principal Adviser", "Head of X"."""
    return _post_among(doc, range(j, min(len(doc), j + 6)))


def _post_among(doc: Doc, ks: Iterable[int]) -> bool:
    """A capitalised post word among tokens ``ks`` (in reading order), before any
    punctuation, line break or verb ends the phrase."""
    for k in ks:
        t = doc[k]
        if t.text in {",", ";", "."} or "\n" in t.whitespace_ or t.pos_ in {"VERB", "AUX"}:
            return False
        if t.lower_ in ROLE_WORDS and t.text[:1].isupper():
            return True
    return False


def _given_and_surname(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """A known given name at i and a capitalised surname after it (no head noun of a place or body)."""
    if i < 0 or i + 1 >= len(doc):
        return False
    given, surname = doc[i], doc[i + 1]
    return (
        given.is_title
        and lexicon.is_given_name(given.text)
        and surname.is_alpha
        and surname.is_title
        and not lexicon.is_given_name(surname.text)
        and "\n" not in given.whitespace_
        # "Tom Green" but not "Victoria Road", nor "at Victoria Park"
        and not (lexicon.is_word_token(surname) and surname.lower_ in _NOT_SURNAMES)
        and not (surname.lower_ in PLACE_SURNAME_HEADS and i > 0 and doc[i - 1].lower_ in _PLACE_BEFORE)
    )


# Head nouns of places, bodies and things: after a given name they name no person.
_NOT_SURNAMES = (
    PLACE_HEADS
    | ORGANISATION_HEADS
    | PROGRAMME_HEADS
    | EVENT_HEADS
    | DOCUMENT_HEADS
    | GENERIC_WORDS
    | ROLE_WORDS
    | CALENDAR_WORDS
) - PLACE_SURNAME_HEADS
# Words before "Victoria Park" that make it the place: prepositions of place, articles.
_PLACE_BEFORE = frozenset({"at", "in", "to", "from", "near", "around", "the", "a", "of", "into", "through"})


def coordinated_people(doc: Doc, cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """ "with Logan Quaile and Cllr Ann Bell": a given name and a surname coordinated with
    a person is a person too, whatever label the NER gave it (a facility, a place)."""
    out: list[Candidate] = []
    for c in cands:
        if c.label != PERSON:
            continue
        left = c.start - 3
        joined_left = c.start >= 3 and doc[c.start - 1].lower_ in {"and", "&", ","}
        if joined_left and _given_and_surname(doc, left, lexicon):
            out.append(_coordinated(doc, left))
        right = c.end + 1
        after = doc[right + 2] if right + 2 < len(doc) else None
        if (
            c.end < len(doc)
            and doc[c.end].lower_ in {"and", "&", ","}
            and _given_and_surname(doc, right, lexicon)
            and not (after is not None and after.is_alpha and after.is_title)
        ):
            out.append(_coordinated(doc, right))
    return cands + out


def _coordinated(doc: Doc, i: int) -> Candidate:
    return Candidate(i, i + 2, PERSON, "coordinated-person", 45, doc[i : i + 2].text)

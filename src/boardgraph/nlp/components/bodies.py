"""Organisations and programmes named in title case: a chunk's head noun says
what it is ("… Board", "… Network", "… Programme", "… Academy"); a cue after
it ("the X programme", "the X roadshow") names a programme; initials are
bodies unless they are ordinary words set in capitals."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from boardgraph.lexicons import words
from boardgraph.lexicons.names import (
    CALENDAR_WORDS,
    COUNCIL_TIERS,
    DOCUMENT_HEADS,
    EVENT_HEADS,
    GENERIC_WORDS,
    GIVEN_NAMES,
    NAME_CONNECTORS,
    NON_ORG_ACRONYMS,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    PLACE_SURNAME_HEADS,
    ROLE_WORDS,
    fold,
    initials,
    is_acronym,
    squash,
)
from boardgraph.model import ORGANISATION, PROGRAMME
from boardgraph.nlp.components.chunk_rules import NATIONS, classify_chunk, determiner_before, person_like
from boardgraph.nlp.components.chunks import (
    POSSESSIVES,
    is_generic,
    is_namey,
    name_chunks,
    trim,
    words_of,
)
from boardgraph.nlp.components.lexicon import Lexicon
from boardgraph.nlp.components.people import titled_elsewhere
from boardgraph.nlp.components.programmes import dash_pairs, quoted
from boardgraph.nlp.components.spans import Candidate


def named_bodies(doc: Doc, lexicon: Lexicon, is_place: Callable[[str], bool]) -> list[Candidate]:
    """Title-case chunks classified by their head noun, quoted names, dash aliases,
    owners of programmes, and the bodies listed beside a body."""
    out: list[Candidate] = []
    for sent in doc.sents:
        parts = [part for ch in name_chunks(sent) for part in _split_after_head(ch)]
        chunks = over_commas([c for c in (trim(p) for p in parts) if c is not None])
        found: list[Candidate] = []
        for chunk in chunks:
            found += classify_chunk(doc, chunk, lexicon)
        found += quoted(doc, sent)
        found += dash_pairs(doc, chunks)
        found += _programme_owners(doc, chunks, found)
        found += _listed_beside_bodies(doc, chunks, found, lexicon, is_place)
        out += found
    return out


def _is_initials(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _split_after_head(chunk: Span) -> list[Span]:
    """ "the Audit Commission and Cabinet Office": an "and" after a body's head word
    joins two names ("Family and Childcare Trust" has no head before its "and").
    So does an "and" before an acronym ("the Department of Health and NHS England"):
    a name's own list ("Communities and Local Government") is of words, not initials."""
    doc = chunk.doc
    # "MCC's Planning Team", "XYZ's Solicitors": a part of the body its initials name
    if len(chunk) > 2 and _is_initials(chunk[0].text) and chunk[1].text in POSSESSIVES:
        return [chunk[:1]]
    for t in chunk:
        # "KENT AND MEDWAY POLICE AND CRIME PANEL": in a name set in capitals (its "AND"
        # too) every word looks like initials
        shouted = t.text == "AND"
        if (
            t.lower_ in {"and", "&"}
            and t.i + 1 < chunk.end
            and (
                (
                    t.i - chunk.start >= 2
                    and doc[t.i - 1].lower_ in (ORGANISATION_HEADS - {"police"}) | NATIONS
                    and doc[t.i + 1].lower_ not in NATIONS
                )
                or (_is_initials(doc[t.i + 1].text) and not shouted)
            )
        ):
            return [doc[chunk.start : t.i], *_split_after_head(doc[t.i + 1 : chunk.end])]
        after_head = t.i > chunk.start and doc[t.i - 1].lower_ in ORGANISATION_HEADS
        # "the School with X School": "with" after a head joins two names
        if after_head and t.lower_ == "with" and t.i + 1 < chunk.end:
            return [doc[chunk.start : t.i], *_split_after_head(doc[t.i + 1 : chunk.end])]
        # "City Council Jo Bloggs of Environmental Services": a person after a body's
        # name is no part of it, and what follows "of" is the person's department
        if after_head and t.lower_ in GIVEN_NAMES and t.i + 1 < chunk.end and doc[t.i + 1].text[:1].isupper():
            rest = [k for k in range(t.i + 2, chunk.end) if doc[k].lower_ == "of"]
            tail = [doc[rest[0] + 1 : chunk.end]] if rest and rest[0] + 1 < chunk.end else []
            return [doc[chunk.start : t.i], *tail]
    return [chunk]


def over_commas(chunks: list[Span]) -> list[Span]:
    """ "Department for Culture, Media and Sport (DCMS)": a name with a list inside it
    is one name when the acronym after it spells all of it."""
    out: list[Span] = []
    i = 0
    while i < len(chunks):
        doc = chunks[i].doc
        merged = None
        for j in range(i + 1, min(i + 4, len(chunks))):
            between = [t.lower_ for t in doc[chunks[j - 1].end : chunks[j].start]]
            if between not in ([","], ["and"], [",", "and"], ["&"]):
                break
            e = chunks[j].end
            bracketed = e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")"
            acronym = doc[e + 1].text if bracketed else ""
            span = doc[chunks[i].start : e]
            spelled = initials(span.text.replace(",", " ")).upper()
            # "Department for Business, Innovation and Skills (BIS)": the head may be left out
            if is_acronym(acronym) and acronym.upper() in {spelled, spelled[1:]}:
                merged = (span, j)
                break
        if merged is not None:
            out.append(merged[0])
            i = merged[1] + 1
        else:
            out.append(chunks[i])
            i += 1
    return out


def _programme_owners(doc: Doc, chunks: list[Span], found: list[Candidate]) -> list[Candidate]:
    """ "UKActive's 'Moving Communities' campaign", "Historic England's X programme": a
    name that owns a programme is a body (a person owning one has a title or is
    a known person, and a place owning one is left to the council rules)."""
    out: list[Candidate] = []
    for c in found:
        if c.label != PROGRAMME or c.start < 2:
            continue
        k = c.start - 1
        while k > 0 and doc[k].text.strip("*_\"'\u2018\u201c") == "":
            k -= 1
        if doc[k].text not in POSSESSIVES:
            continue
        within = [ch for ch in chunks if ch.start < k <= ch.end]
        s = within[0].start if within else k
        if not within:
            while s > 0 and is_namey(doc[s - 1]) and k - s < 6 and "\n" not in doc[s - 1].whitespace_:
                s -= 1
        owner = trim(doc[s:k]) if s < k else None
        if owner is None or person_like(owner) or is_generic(words_of(owner)):
            continue
        single = len(owner) == 1 and (is_acronym(owner.text) or any(ch.isupper() for ch in owner.text[1:]))
        if len(owner) >= 2 or single:
            name = squash(fold(owner.text))
            out.append(Candidate(owner.start, owner.end, ORGANISATION, "programme-owner", 62, name))
    return out


def _listed_beside_bodies(
    doc: Doc, chunks: list[Span], found: list[Candidate], lexicon: Lexicon, is_place: Callable[[str], bool]
) -> list[Candidate]:
    """ "Groundwork UK, the Wildlife Trusts Partnership and Living Streets": names listed with a
    body, in a list of names and nothing else, are bodies too."""
    bodies = {(c.start, c.end) for c in found if c.label == ORGANISATION and c.rule == "head-organisation"}
    named = [(c.start, c.end) for c in found]
    out: list[Candidate] = []

    def separated(a: Span, b: Span) -> bool:
        between = [t.lower_ for t in doc[a.end : b.start] if not t.is_space]
        return between in ([","], ["and"], [",", "and"], ["and", "the"], [",", "the"], [",", "and", "the"])

    runs: list[list[Span]] = []
    for chunk in chunks:
        if runs and separated(runs[-1][-1], chunk):
            runs[-1].append(chunk)
        else:
            runs.append([chunk])
    for run in runs:
        if len(run) < 2 or not any((c.start, c.end) in bodies for c in run):
            continue
        for c in run:
            if any(s < c.end and c.start < e for s, e in named):
                continue
            words = words_of(c)
            if (
                not words
                or len(words) > 5
                or is_generic(words)
                or all(w in GENERIC_WORDS for w in words)
                or any(w in ROLE_WORDS for w in words)
                or person_like(c)
                or is_place(c.text)
                or (len(c) == 1 and lexicon.word_in_capitals(doc, c[0]))
                or (len(c) == 1 and c.text.lower() in lexicon.dictionary)
            ):
                continue
            out.append(Candidate(c.start, c.end, ORGANISATION, "listed-body", 45, squash(fold(c.text))))
    return out


FIRM_CUES = words("entities_firm_cues")
STRONG_FIRM_CUES = words("entities_strong_firm_cues")
PLATFORMS = words("entities_platforms")


# Prepositions of place: "in X", "at X", "to X" before a lone name make it a place.
PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "around", "near", "across", "between", "of", "from", "into",
                                "within", "towards", "through", "outside"})  # fmt: skip


def ner_organisations(doc: Doc, lexicon: Lexicon, is_place: Callable[[str], bool]) -> list[Candidate]:
    """The statistical NER's organisations that no head noun names: firms and shops
    ("Acme", "Globex Systems"). In minutes the NER calls villages, streets, people and
    agenda headings organisations too, so one is kept only after a word that says a
    body follows and when nothing says it is one of those (:func:`_not_an_organisation`)."""
    out: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        span = trim(ent)
        if (
            span is None
            or len(span) > 4
            or "\n" in span.text
            or _not_an_organisation(span, lexicon, is_place)
            # only where the words before it say a body follows ("liaise with X", "a
            # quote from X", "act for X"): elsewhere the NER's organisations in minutes
            # are mostly villages, people and headings
            or determiner_before(doc, span.start) not in FIRM_CUES | {"for"}
        ):
            continue
        name = squash(fold(span.text))
        out.append(Candidate(span.start, span.end, ORGANISATION, "ner-organisation", 40, name))
    return out


def _not_an_organisation(span: Span, lexicon: Lexicon, is_place: Callable[[str], bool]) -> bool:
    doc = span.doc
    if _not_a_body_name(span, is_place):
        return True
    names = [t for t in span if t.is_alpha and t.lower_ not in NAME_CONNECTORS]
    if not names or not all(t.text[0].isupper() for t in names):
        return True
    first, last = names[0], names[-1]
    # a person: an initial, a given name, a surname written with a title
    initial = len(first.text.rstrip(".")) == 1
    if initial or lexicon.is_given_name(first.text) or titled_elsewhere(doc, last.lower_):
        return True
    if _place_or_thing(doc, first, last, len(names), lexicon):
        return True
    if len(names) == 1:
        return _lone_word_not_a_body(span, names[0], lexicon)
    return False


def _not_a_body_name(span: Span, is_place: Callable[[str], bool]) -> bool:
    """Numbers, addresses, roles, dates, document words, generic words, people, places, platforms."""
    words = words_of(span)
    if not words or any(
        t.like_num or t.like_email or t.like_url or t.text in {"-", "\u2013", "/"} for t in span
    ):
        return True
    if any(w in ROLE_WORDS | CALENDAR_WORDS | DOCUMENT_HEADS | EVENT_HEADS | COUNCIL_TIERS for w in words):
        return True
    return is_generic(words) or person_like(span) or is_place(span.text) or any(w in PLATFORMS for w in words)


def _place_or_thing(doc: Doc, first: Token, last: Token, n_names: int, lexicon: Lexicon) -> bool:
    # a place or a thing: "X Road", "Y Area", "Z Farm"; "Solar Farms", "Standing Orders"
    if last.lower_ in PLACE_HEADS | PLACE_SURNAME_HEADS | {"area", "entrance", "farm", "farms"}:
        return True
    if lexicon.is_word_token(first) and lexicon.is_word_token(last):
        return True
    if last.lower_.endswith("ing") and lexicon.is_word_token(last):
        return True  # "Fly Tipping": an activity
    # "X Subscription", "Y Application": a heading about a body, not its name
    return n_names >= 2 and lexicon.is_word(last.lower_) and lexicon.written_lower(doc, last.lower_)


def _lone_word_not_a_body(span: Span, tok: Token, lexicon: Lexicon) -> bool:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start else ""
    # "in X", "to X": a village; "X Community Council" elsewhere: X is the place it is named for
    return (
        before in PLACE_PREPOSITIONS
        or tok.text.isupper()
        or lexicon.word_in_capitals(doc, tok)
        or _opens_a_name_elsewhere(doc, tok)
    )


def _opens_a_name_elsewhere(doc: Doc, tok: Token) -> bool:
    """The same word starts a longer capitalised name somewhere else in the report."""
    # counted once per document: scanning the Doc for every candidate made long reports quadratic
    openers: dict[str, int] | None = doc.user_data.get("bg_name_openers")
    if openers is None:
        openers = {}
        for t in doc[:-1]:
            nxt = doc[t.i + 1]
            if nxt.text[:1].isupper() and nxt.is_alpha:
                openers[t.text] = openers.get(t.text, 0) + 1
        doc.user_data["bg_name_openers"] = openers
    here = tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper() and doc[tok.i + 1].is_alpha
    return openers.get(tok.text, 0) > (1 if here else 0)


def cued_firms(doc: Doc, lexicon: Lexicon, is_place: Callable[[str], bool]) -> list[Candidate]:
    """ "a quote from Acmeworks", "the contractor Brightline", "liaise with Globex": a
    name no head noun or list types, right after words that say a firm follows. The
    name is a run of up to three capitalised words that are not ordinary words,
    given names or places ("3GS" and "2Agriculture" count: firms start with digits)."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.i == 0 or not _firm_word(tok, lexicon):
            continue
        one = doc[tok.i - 1].lower_
        two = f"{doc[tok.i - 2].lower_} {one}" if tok.i >= 2 else ""
        if one not in STRONG_FIRM_CUES and two not in STRONG_FIRM_CUES:
            continue
        end = tok.i + 1
        while (
            end < len(doc)
            and end - tok.i < 3
            and _firm_word(doc[end], lexicon)
            and doc[end - 1].whitespace_ != ""
        ):
            end += 1
        if end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
            continue  # a longer name: left to the head-noun rules
        span = doc[tok.i : end]
        if is_place(span.text) or lexicon.is_given_name(tok.text):
            continue
        out.append(Candidate(tok.i, end, ORGANISATION, "cued-firm", 50, squash(fold(span.text))))
    return out


def _firm_word(tok: Token, lexicon: Lexicon) -> bool:
    text = tok.text
    if not text[:1].isalnum() or not any(c.isupper() for c in text) or len(text) < 2:
        return False
    if text[0].isdigit():
        return any(c.isalpha() for c in text)
    return (
        text[0].isupper()
        and tok.is_alpha
        and not lexicon.is_word_token(tok)
        and text.upper() not in NON_ORG_ACRONYMS
        and tok.lower_ not in CALENDAR_WORDS
    )


def _name_before(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """ "Jo Bloggs of …": a given name and a surname right before ``i``, so "of" names
    the person's firm."""
    if i < 2:
        return False
    given, surname = doc[i - 2], doc[i - 1]
    return (
        lexicon.is_given_name(given.text)
        and given.is_title
        and surname.is_alpha
        and surname.is_title
        and not lexicon.is_word_token(surname)
    )


def joined_firms(doc: Doc, lexicon: Lexicon, is_place: Callable[[str], bool]) -> list[Candidate]:
    """ "a quote from X and Y", "appointed X & Y", "Jo Bloggs of X and Y": two names joined
    by "and" with no head noun, right after a word that says a firm follows or after a
    person's name and "of", are one firm (solicitors, builders). Not people ("Cllrs X and Y"),
    nor places ("X and Y" councils)."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ not in {"and", "&"} or tok.i < 2 or tok.i + 1 >= len(doc):
            continue
        a, b = doc[tok.i - 1], doc[tok.i + 1]
        before = doc[tok.i - 2]
        after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        cued = before.lower_ in FIRM_CUES or (before.lower_ == "of" and _name_before(doc, before.i, lexicon))
        if not cued or (after is not None and is_namey(after)):
            continue
        if not all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() for t in (a, b)):
            continue
        if any(lexicon.is_word_token(t) or lexicon.is_given_name(t.text) for t in (a, b)):
            continue
        span = doc[a.i : b.i + 1]
        if is_place(span.text) or is_place(a.text) or is_place(b.text):
            continue
        out.append(Candidate(a.i, b.i + 1, ORGANISATION, "joined-firm", 55, squash(fold(span.text))))
    return out

"""Organisations and programmes named in title case: a chunk's head noun says
what it is ("… Board", "… Network", "… Programme", "… Academy"); a cue after
it ("the X programme", "the X roadshow") names a programme; initials are
bodies unless they are ordinary words set in capitals."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from boardgraph.components.chunk_rules import NATIONS, classify_chunk, person_like
from boardgraph.components.chunks import (
    POSSESSIVES,
    is_generic,
    is_namey,
    name_chunks,
    trim,
    words_of,
)
from boardgraph.components.lexicon import Lexicon
from boardgraph.components.programmes import dash_pairs, quoted
from boardgraph.components.spans import Candidate
from boardgraph.model import ORGANISATION, PROGRAMME
from boardgraph.names import (
    ORGANISATION_HEADS,
    ROLE_WORDS,
    fold,
    initials,
    is_acronym,
    squash,
)


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
    for t in chunk:
        if (
            t.lower_ == "and"
            and t.i + 1 < chunk.end
            and (
                (
                    t.i - chunk.start >= 2
                    and doc[t.i - 1].lower_ in (ORGANISATION_HEADS - {"police"}) | NATIONS
                    and doc[t.i + 1].lower_ not in NATIONS
                )
                or _is_initials(doc[t.i + 1].text)
            )
        ):
            return [doc[chunk.start : t.i], *_split_after_head(doc[t.i + 1 : chunk.end])]
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
                or any(w in ROLE_WORDS for w in words)
                or person_like(c)
                or is_place(c.text)
                or (len(c) == 1 and lexicon.word_in_capitals(doc, c[0]))
                or (len(c) == 1 and c.text.lower() in lexicon.dictionary)
            ):
                continue
            out.append(Candidate(c.start, c.end, ORGANISATION, "listed-body", 45, squash(fold(c.text))))
    return out

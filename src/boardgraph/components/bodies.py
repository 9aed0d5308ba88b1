"""Organisations and programmes named in title case: a chunk's head noun says
what it is ("… Board", "… Network", "… Programme", "… Academy"); a cue after
it ("the X programme", "the X roadshow") names a programme; initials are
bodies unless they are ordinary words set in capitals."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from boardgraph.components.chunks import (
    POSSESSIVES,
    after_possessive,
    head_word,
    is_generic,
    is_namey,
    name_chunks,
    strip_role_suffix,
    trim,
    words_of,
)
from boardgraph.components.lexicon import Lexicon
from boardgraph.components.programmes import dash_pairs, inner_name, quoted
from boardgraph.components.spans import Candidate
from boardgraph.model import ORGANISATION, PROGRAMME
from boardgraph.names import (
    DOCUMENT_HEADS,
    EVENT_HEADS,
    GENERIC_WORDS,
    HONOURS_UPPER,
    MONTHS,
    NAME_CONNECTORS,
    NON_ORG_ACRONYMS,
    ORGANISATION_HEADS,
    PARTIES,
    PROGRAMME_CUES,
    PROGRAMME_HEADS,
    ROLE_WORDS,
    STRONG_TITLES,
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
            found += _classify_chunk(doc, chunk, lexicon)
        found += quoted(doc, sent)
        found += dash_pairs(doc, chunks)
        found += _programme_owners(doc, chunks, found)
        found += _listed_beside_bodies(doc, chunks, found, lexicon, is_place)
        out += found
    return out


NATIONS = frozenset({"england", "wales", "scotland", "uk", "cymru", "ireland", "britain"})
COMPASS = frozenset({"north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
                     "northern", "southern", "eastern", "western", "central", "great", "rural", "urban", "-",
                     "the", "of", "and", "midlands"})


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
                (t.i - chunk.start >= 2 and doc[t.i - 1].lower_ in (ORGANISATION_HEADS - {"police"}) | NATIONS
                 and doc[t.i + 1].lower_ not in NATIONS)
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
        if owner is None or _person_like(owner) or is_generic(words_of(owner)):
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
                or _person_like(c)
                or is_place(c.text)
                or (len(c) == 1 and lexicon.word_in_capitals(doc, c[0]))
                or (len(c) == 1 and c.text.lower() in lexicon.dictionary)
            ):
                continue
            out.append(Candidate(c.start, c.end, ORGANISATION, "listed-body", 45, squash(fold(c.text))))
    return out


def _classify_chunk(doc: Doc, chunk: Span, lexicon: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    words = words_of(chunk)
    if not words:
        return out
    # acronym definitions: "National Audit Office (NAO)"
    acronym = None
    e = chunk.end
    if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and is_acronym(doc[e + 1].text):
        acr = doc[e + 1].text
        spelled = initials(chunk.text.replace(",", " "))
        # "Department for Business, Innovation and Skills (BIS)": the head word may be left out
        if (spelled.startswith(acr[0]) or spelled[1:] == acr.upper()) and len(acr) >= 2:
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
            and not lexicon.word_in_capitals(doc, chunk[0])
        ):
            return [Candidate(chunk.start, chunk.end, ORGANISATION, "acronym", 60, chunk.text)]
        return out
    # "the Street Champions scheme": before a programme cue, a role word is the
    # programme's own name, not an office after a body's name
    after = doc[chunk.end] if chunk.end < len(doc) else None
    cued = after is not None and after.lower_ in PROGRAMME_CUES and after.text.islower()
    core = chunk if cued else strip_role_suffix(chunk)
    # "DCLG's Fire Kills campaign": what follows the possessive is what is named
    head = head_word((after_possessive(core) or core) if cued else core)
    cwords = words_of(core)
    if is_generic(cwords):
        return out
    if cwords[0] in MONTHS or (len(cwords) == 2 and cwords[0] in {"next", "last", "previous", "annual"}):
        return out
    nxt = doc[core.end] if core.end < len(doc) else None
    if head in EVENT_HEADS or head in DOCUMENT_HEADS:
        inner = inner_name(core)
        if inner is not None:
            out.append(Candidate(inner.start, inner.end, PROGRAMME, "event-of", 30, squash(fold(inner.text))))
        return out
    lone_sentence_word = len(cwords) == 1 and doc[core.start].is_sent_start
    label = None
    rule = ""
    if (len(cwords) >= 2 and head in NATIONS and not set(cwords[:-1]) <= COMPASS
            and not any(w in NAME_CONNECTORS for w in cwords)):
        # "Public Health England", "Sport Wales": national bodies are named for their
        # nation ("North East England" is a region, not a body)
        label, rule = ORGANISATION, "national-body"
    elif head == "fund" and "lottery" in cwords:
        # the lottery distributors ("Heritage Lottery Fund") are grant-making bodies
        label, rule = ORGANISATION, "head-organisation"
    elif head in PROGRAMME_HEADS:
        label, rule = PROGRAMME, "head-programme"
    elif head in ORGANISATION_HEADS or head.endswith("'") or head in {"employers"}:
        # "Improving Services": a gerund opens a title or a slogan, not a body's name
        first = doc[core.start].lower_
        # ("Housing Board", "Planning Committee", "Licensing Panel": nouns in -ing name
        # what a body deals with, and follow an article or "of")
        before = _determiner_before(doc, core.start)
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
        core = after_possessive(core)
        # "the Community Council's initiative": the owner is named, the programme is not
        if core is None or is_generic(words_of(core)) or core[-1].text in POSSESSIVES:
            return out
        label, rule = PROGRAMME, "cue-programme"
    elif (
        nxt is not None
        and nxt.lower_ in EVENT_HEADS
        and nxt.text.islower()
        and not lone_sentence_word
        and _determiner_before(doc, core.start) in {"the", "'s", "\u2019s", "this", "our", "their"}
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
        and not _person_like(core)
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
    out += _possessor(doc, core)
    return out


def _determiner_before(doc: Doc, i: int) -> str:
    """The word before position i, over emphasis marks ("the **X roadshow")."""
    k = i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text.strip("*_\"'\u2018\u201c") == ""):
        k -= 1
    return doc[k].lower_ if k >= 0 else ""


def _possessor(doc: Doc, core: Span) -> list[Candidate]:
    """ "South East Employers' Local … Network": the possessor is a body too (nested)."""
    for t in core:
        # "Association of Directors of Children's Services": one word after the
        # possessive is the name's own head, not a second body's name
        if t.text in POSSESSIVES and core.start + 1 < t.i < core.end - 2:
            owner = trim(doc[core.start : t.i])
            if (
                owner is not None
                and len(owner) >= 2
                and not is_generic(words_of(owner))
                and (words_of(owner)[-1] not in GENERIC_WORDS or head_word(owner) in ORGANISATION_HEADS)
                and not _person_like(owner)
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


def _person_like(span: Span) -> bool:
    return any(e.label_ == "PERSON" for e in span.ents) or any(
        t.lower_ in STRONG_TITLES for t in span.doc[max(0, span.start - 1) : span.start + 1]
    )

"""Programmes named in other ways than by a head noun: quoted ("the 'Bright Y'
programme"), dash aliases ("X Strategy – Recycle More Locally"), names inside
an event's name ("the Bright Y Camp"), and lower-case names that recur
("the local skills programme", twice)."""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span

from boardgraph.lexicons.names import (
    EVENT_HEADS,
    GENERIC_WORDS,
    PROGRAMME_CUES,
    PROGRAMME_HEADS,
    ROLE_WORDS,
    fold,
    squash,
)
from boardgraph.model import PROGRAMME
from boardgraph.nlp.components.chunks import NAMED_HEADS, POSSESSIVES, head_word, words_of
from boardgraph.nlp.components.spans import Candidate

# Lower-case words that describe a programme rather than name it.
GENERIC_MODIFIERS = frozenset(
    [
        "new",
        "additional",
        "revised",
        "main",
        "whole",
        "wider",
        "current",
        "existing",
        "same",
        "overall",
        "full",
        "national",
        "local-level",
        "first",
        "second",
        "third",
        "next",
        "last",
        "previous",
        "future",
        "further",
        "our",
        "their",
        "this",
        "that",
        "work",
        "rolling",
        "ambitious",
        "recent",
        "proposed",
        "forthcoming",
        "annual",
        "successful",
        "whole-council",
    ]
)


def inner_name(span: Span) -> Span | None:
    """ "The Bright Y Camp" → "Bright Y"; only multi-word inner names."""
    e = span.end - 1
    s = span.start
    while e > s and (
        span.doc[e - 1].lower_ in {"annual", "national", "regional", "launch", "first", "second"}
    ):
        e -= 1
    while e > s and span.doc[e - 1].text in POSSESSIVES:
        e -= 1
    inner = span.doc[s:e]
    words = words_of(inner)
    return inner if len(inner) >= 2 and not all(w in GENERIC_WORDS | ROLE_WORDS for w in words) else None


# Words that may stand between a quoted name and its cue ("the 'X' visits scheme",
# "the 'X' awareness campaign") are content words, not these.
_NOT_BETWEEN = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "is",
        "was",
        "are",
        "be",
    }
)


def quoted(doc: Doc, sent: Span) -> list[Candidate]:
    """ "the 'Bright Y' programme", "a ‘Stand for Office’ session", "the 'X' visits scheme"."""
    out: list[Candidate] = []
    text = sent.text
    for m in re.finditer(
        r"[\"'\u2018\u201c]([A-Z][^\"'\u2019\u201d\n]{2,80})[\"'\u2019\u201d]((?:\s+[\w-]+){1,3})", text
    ):
        after = m.group(2).split()
        cued = False
        for i, word in enumerate(after):
            if word.lower() in PROGRAMME_CUES or word.lower() in EVENT_HEADS:
                cued = True
                break
            if not word.islower() or word in _NOT_BETWEEN or i >= 2:
                break
        if not cued:
            continue
        start = sent.start_char + m.start(1)
        span = doc.char_span(start, start + len(m.group(1)), alignment_mode="contract")
        if span is None or len(span) > 10:
            continue
        out.append(
            Candidate(span.start, span.end, PROGRAMME, "quoted-programme", 75, squash(fold(span.text)))
        )
    return out


def dash_pairs(doc: Doc, chunks: list[Span]) -> list[Candidate]:
    """ "X Waste Strategy – Recycle More Locally": two names for one programme."""
    out: list[Candidate] = []
    for a, b in itertools.pairwise(chunks):
        between = doc[a.end : b.start]
        if len(between) != 1 or between[0].text not in {"\u2013", "\u2014", "-", ":"}:
            continue
        # an alias is a name, not a one-word instruction ("X Project – Discuss report")
        if min(len(words_of(a)), len(words_of(b))) < 2:
            continue
        # the side whose head says "programme" names the other, which has no head of its own
        for named, alias in ((a, b), (b, a)):
            if head_word(named) in PROGRAMME_HEADS and head_word(alias) not in NAMED_HEADS:
                out.append(
                    Candidate(
                        alias.start,
                        alias.end,
                        PROGRAMME,
                        "dash-alias",
                        72,
                        squash(fold(alias.text)),
                        alias_of=named.start,
                    )
                )
                break
    return out


def recurring_programmes(doc: Doc) -> list[Candidate]:
    """ "the local skills programme", twice: a programme named in lower case."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for tok in doc:
        if tok.lower_ not in {"programme", "programmes", "campaign", "scheme"} or not tok.text.islower():
            continue
        s = tok.i
        while (
            s > 0
            and doc[s - 1].text.islower()
            and doc[s - 1].pos_ in {"ADJ", "NOUN", "PROPN"}
            and doc[s - 1].lower_ not in GENERIC_MODIFIERS
            and tok.i - s < 3
        ):
            s -= 1
        before = s - 1
        while before > 0 and doc[before].is_space:
            before -= 1
        if s == tok.i or s == 0 or doc[before].lower_ not in {"the", "'s", "\u2019s"}:
            continue
        key = (*(t.lower_ for t in doc[s : tok.i]), "programme")
        found.setdefault(key, []).append((s, tok.i + 1))
    out = []
    for key, places in found.items():
        if len(places) < 2:
            continue
        for s, e in places:
            out.append(Candidate(s, e, PROGRAMME, "recurring-programme", 55, " ".join(key)))
    return out

"""Extraction stage: the spaCy components that find people, councils,
organisations and programmes (``boardgraph.nlp.components``, registered on
import), and the functions that run them and turn processed Docs into records.

The components write to the Doc, the spaCy way:

* ``doc.spans["bg"]``: one span per mention, labelled Person / Council /
  Organisation / Programme, with ``span._.bg_name`` (normalised name),
  ``bg_titles``, ``bg_rule``, ``bg_key`` (register code), ``bg_acronym``,
  ``bg_chair`` and ``bg_alias_of`` (start char of a mention naming the same thing).
* ``doc._.bg_context``: what ingest knew before NLP (chair, board, contact,
  date), set on the Doc before it enters the pipeline.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from boardgraph.limits import chunk_bounds
from boardgraph.model import (
    ExtractedReport,
    Mention,
    RelationCandidate,
    ReportMeta,
    RoleCandidate,
    SourceDocument,
)
from boardgraph.model import Span as CharSpan
from boardgraph.nlp.components import SPAN_KEY, EntityFinder, ParagraphBoundaries

__all__ = [
    "SPAN_KEY",
    "EntityFinder",
    "ParagraphBoundaries",
    "context_for",
    "extract",
    "make_doc",
    "records_from_doc",
]


def context_for(meta: ReportMeta) -> dict[str, Any]:
    """What the components need from ingest, as plain data (it crosses processes)."""
    return {
        "id": meta.identifier,
        "chair": meta.chair,
        "chair_span": [meta.chair_span.start, meta.chair_span.end] if meta.chair_span else None,
        "board": meta.board,
        "board_span": [meta.board_span.start, meta.board_span.end] if meta.board_span else None,
        "board_type": meta.board_type,
        "contact_span": [meta.contact.span.start, meta.contact.span.end]
        if meta.contact and meta.contact.span
        else None,
        "date": meta.date.isoformat() if meta.date else None,
    }


def make_doc(
    nlp: Language, document: SourceDocument, meta: ReportMeta, start: int = 0, end: int | None = None
) -> Doc:
    """The Doc for ``document.text[start:end]``; the context's offsets are moved to match."""
    doc = nlp.make_doc(document.text[start:end] if start or end is not None else document.text)
    doc._.bg_context = _shift_context(context_for(meta), start, len(doc.text))
    return doc


def _shift_context(ctx: dict[str, Any], start: int, length: int) -> dict[str, Any]:
    for key in ("chair_span", "board_span", "contact_span"):
        span = ctx.get(key)
        if span is not None:
            s, e = span[0] - start, span[1] - start
            ctx[key] = [s, e] if s >= 0 and e <= length else None
    return ctx


def _sentence_of(doc: Doc, span: Span) -> CharSpan:
    sent = span.sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return CharSpan(sent.start_char + lead, sent.end_char - trail)


def records_from_doc(doc: Doc, document: SourceDocument, meta: ReportMeta, pipeline: str) -> ExtractedReport:
    """Read the components' results off a processed Doc into plain records."""
    spans = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
    index_of_start = {s.start_char: i for i, s in enumerate(spans)}
    mentions: list[Mention] = []
    for s in spans:
        alias = s._.bg_alias_of
        mentions.append(
            Mention(
                report_id=document.identifier,
                span=CharSpan(s.start_char, s.end_char),
                text=s.text,
                type=s.label_,
                name=s._.bg_name,
                sentence=_sentence_of(doc, s),
                titles=tuple(s._.bg_titles),
                rule=s._.bg_rule + (f"|alias:{index_of_start[alias]}" if alias in index_of_start else ""),
                key=s._.bg_key,
                acronym=s._.bg_acronym,
                is_chair=bool(s._.bg_chair),
            )
        )
    relations = [
        RelationCandidate(
            kind=r["kind"],
            args=tuple(r["args"]),
            trigger=r["trigger"],
            sentence=CharSpan(*r["sentence"]),
            rule=r.get("rule", ""),
        )
        for r in (doc._.bg_relations or [])
    ]
    roles = [
        RoleCandidate(
            person=r["person"],
            role=r["role"],
            organisation=r.get("organisation"),
            sentence=CharSpan(*r["sentence"]),
        )
        for r in (doc._.bg_roles or [])
    ]
    sentences = []
    for sent in doc.sents:
        if sent.text.strip():
            sentences.append(_sentence_of(doc, sent))
    return ExtractedReport(
        document=document,
        meta=meta,
        mentions=mentions,
        relations=relations,
        roles=roles,
        sentences=sentences,
        pipeline=pipeline,
    )


def join_pieces(pieces: list[tuple[int, ExtractedReport]]) -> ExtractedReport:
    """One report from the records of its pieces (``(offset, records)``, in text order).

    Offsets move from each piece into the whole text, and mention indices
    (relation arguments, role holders, alias links) from each piece's list
    into the joined one, so the result reads as if the text had been one Doc.
    """
    if len(pieces) == 1 and pieces[0][0] == 0:
        return pieces[0][1]
    first = pieces[0][1]
    joined = ExtractedReport(document=first.document, meta=first.meta, pipeline=first.pipeline)
    for offset, part in pieces:
        _append_piece(joined, offset, part)
    return joined


_ALIAS = re.compile(r"\|alias:(\d+)")


def _append_piece(joined: ExtractedReport, offset: int, part: ExtractedReport) -> None:
    """``part``'s records moved ``offset`` characters on, their mention indices past ``joined``'s."""
    base = len(joined.mentions)

    def move(span: CharSpan) -> CharSpan:
        return CharSpan(span.start + offset, span.end + offset)

    for m in part.mentions:
        rule = _ALIAS.sub(lambda a: f"|alias:{int(a.group(1)) + base}", m.rule)
        joined.mentions.append(replace(m, span=move(m.span), sentence=move(m.sentence), rule=rule))
    joined.relations += [
        replace(r, args=tuple(a + base for a in r.args), sentence=move(r.sentence)) for r in part.relations
    ]
    joined.roles += [
        replace(
            r,
            person=r.person + base,
            sentence=move(r.sentence),
            organisation=None if r.organisation is None else r.organisation + base,
        )
        for r in part.roles
    ]
    joined.sentences += [move(s) for s in part.sentences]


def extract(
    nlp: Language,
    items: Iterable[tuple[SourceDocument, ReportMeta]],
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[ExtractedReport]:
    """Run the pipeline over reports in batches (``nlp.pipe``), yielding records in input order."""
    from boardgraph.nlp.pipeline import pipeline_label

    label = pipeline_label(nlp)
    # Runs of ordinary reports stream through one nlp.pipe; a long text goes
    # through in pieces below spaCy's max_length (limits.CHUNK_CHARS), one
    # piece at a time: a batch of pieces would hold the whole text at once.
    for long, run in itertools.groupby(items, key=lambda item: len(chunk_bounds(item[0].text)) > 1):
        if not long:
            yield from _pipe(nlp, run, label, batch_size, n_process)
            continue
        for document, meta in run:
            bounds = chunk_bounds(document.text)
            pieces = (make_doc(nlp, document, meta, start, end) for start, end in bounds)
            docs = nlp.pipe(pieces, batch_size=1)
            yield join_pieces(
                [
                    (start, records_from_doc(doc, document, meta, label))
                    for (start, _), doc in zip(bounds, docs, strict=True)
                ]
            )


def _pipe(
    nlp: Language,
    items: Iterable[tuple[SourceDocument, ReportMeta]],
    label: str,
    batch_size: int,
    n_process: int,
) -> Iterator[ExtractedReport]:
    pairs = ((make_doc(nlp, d, m), (d, m)) for d, m in items)
    for doc, (document, meta) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield records_from_doc(doc, document, meta, label)

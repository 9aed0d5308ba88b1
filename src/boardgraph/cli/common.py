"""Arguments several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from boardgraph.errors import BoardgraphError

DEFAULT_GRAPH = Path("out/graph.ttl")


def graph_help() -> str:
    """What a graph file may be: every syntax the loader reads (graph/formats.py)."""
    from boardgraph.graph.formats import describe_suffixes

    return f"graph file: {describe_suffixes()}"


def add_graph_argument(
    parser: argparse.ArgumentParser,
    help_text: str | None = None,
    *,
    group: argparse._MutuallyExclusiveGroup | None = None,
) -> None:
    """The graph file, given positionally or as --graph (the Makefile uses both styles).

    ``group`` holds ``--graph`` when it excludes another option (query's ``--endpoint``).
    """
    parser.add_argument("graph_pos", nargs="?", metavar="GRAPH", type=Path, help=argparse.SUPPRESS)
    (group or parser).add_argument(
        "--graph", type=Path, metavar="FILE", help=f"{help_text or graph_help()} (default {DEFAULT_GRAPH})"
    )


def graph_path(args: argparse.Namespace) -> Path:
    if args.graph_pos and args.graph and args.graph_pos != args.graph:
        raise BoardgraphError("give the graph file once (either GRAPH or --graph)")
    return args.graph_pos or args.graph or DEFAULT_GRAPH


def check_output(output: Path, inputs: list[Path] | tuple[Path, ...] = ()) -> None:
    """Refuse a bad output path before any work is done: one line, exit 2, nothing written.

    Besides what :func:`boardgraph.atomic.check_target` refuses (folders,
    devices, paths under a file), the output may not be one of the inputs.
    """
    from boardgraph.atomic import check_target

    target = check_target(output).resolve()
    for given in inputs:
        if Path(given).resolve() == target:
            raise BoardgraphError(f"{output}: is one of the inputs; refusing to overwrite it")

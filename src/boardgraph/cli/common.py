"""Arguments several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from boardgraph.errors import BoardgraphError

DEFAULT_GRAPH = Path("out/graph.ttl")


def add_graph_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The graph file, given positionally or as --graph (the Makefile uses both styles)."""
    parser.add_argument("graph_pos", nargs="?", metavar="GRAPH", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--graph", type=Path, metavar="FILE", help=f"{help_text} (default {DEFAULT_GRAPH})")


def graph_path(args: argparse.Namespace) -> Path:
    if args.graph_pos and args.graph and args.graph_pos != args.graph:
        raise BoardgraphError("give the graph file once (either GRAPH or --graph)")
    return args.graph_pos or args.graph or DEFAULT_GRAPH

"""``boardgraph review``: the doubtful identities of a graph, for a person to settle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from boardgraph import atomic
from boardgraph.cli.common import add_graph_argument, graph_path
from boardgraph.graph.judgements import Doubt, doubtful_pairs, judgements_template
from boardgraph.graph.load import load_graph


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="list pairs of entities that may be one, for a reviewer",
        description="List the graph's doubtful pairs (bg:possibleSameAs), most likely first, "
        "each with its score, the reason, the reports and evidence sentences. "
        "Settle them in a judgements file and build with --judgements FILE.",
    )
    add_graph_argument(p, "graph file")
    p.add_argument("--format", choices=("table", "yaml"), default="table", help="output (default: table)")
    p.add_argument("--min-score", type=float, default=0.0, metavar="S", help="only pairs scored at least S")
    p.add_argument(
        "--write-judgements",
        type=Path,
        metavar="FILE",
        help="also write the pairs as a judgements file to edit (each pair commented out)",
    )
    p.set_defaults(func=run)


def table(doubts: list[Doubt]) -> str:
    if not doubts:
        return "no doubtful pairs"
    lines = []
    for n, d in enumerate(doubts, 1):
        lines.append(f"{n:>3}. {d.score:.2f}  {d.a.label}  ?=  {d.b.label}   ({d.reason})")
        for p in (d.a, d.b):
            lines.append(f"       {p.label} [{p.type or '?'}] in {', '.join(p.reports) or '-'}")
            lines += [f"         “{s}”" for s in p.evidence]
    lines.append(f"{len(doubts)} doubtful pair(s)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    doubts = [d for d in doubtful_pairs(load_graph(graph_path(args))) if d.score >= args.min_score]
    if args.format == "yaml":
        sys.stdout.write(
            yaml.safe_dump([d.to_dict() for d in doubts], sort_keys=False, allow_unicode=True, width=110)
        )
    else:
        print(table(doubts))
    if args.write_judgements:
        atomic.write_text(args.write_judgements, judgements_template(doubts))
        print(f"wrote {args.write_judgements}: {len(doubts)} pair(s) to judge", file=sys.stderr)
    return 0

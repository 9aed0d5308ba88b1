"""``boardgraph evaluate`` and ``boardgraph explain``: looking at a built graph.

The logic lives in :mod:`boardgraph.graph.evaluate` and :mod:`boardgraph.graph.explain`;
this module parses arguments and formats, nothing else.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import TextIO

from boardgraph.atomic import write_text
from boardgraph.cli.common import add_graph_argument, graph_path
from boardgraph.graph.evaluate import evaluate_files, format_report
from boardgraph.graph.explain import AmbiguousEntity, Evidence, Explanation, RelationInfo, explain
from boardgraph.graph.load import load_graph


def register(subparsers: argparse._SubParsersAction) -> None:
    ev = subparsers.add_parser(
        "evaluate",
        help="score a graph against gold annotations",
        description="Score the graph (GRAPH or --graph) against a gold YAML file of the "
        "shared/gold/seeds.yaml form, with the official scorer's figures. "
        "Scores are not failures: the exit code is 0.",
    )
    add_graph_argument(ev)
    ev.add_argument("--gold", type=Path, required=True, metavar="GOLD.yaml", help="gold annotations")
    ev.add_argument("--json", type=Path, metavar="OUT", help="also write the full result as JSON")
    ev.add_argument("--verbose", "-v", action="store_true", help="per report: what was missed or spurious")
    ev.set_defaults(func=run_evaluate)

    ex = subparsers.add_parser(
        "explain",
        help="show every mention and relation of one entity, with its sentence",
        description="ENTITY is a label or alternative name (case and titles such as Cllr/MP "
        "do not matter) or an IRI (full, bgid:person/… or person/…).",
    )
    ex.add_argument("entity", metavar="ENTITY")
    add_graph_argument(ex)
    ex.add_argument("--json", action="store_true", help="print the explanation as JSON")
    ex.set_defaults(func=run_explain)


# --------------------------------------------------------------------------- evaluate


def run_evaluate(args: argparse.Namespace) -> int:
    result = evaluate_files(args.gold, graph_path(args))
    if args.json:
        write_text(args.json, json.dumps(result.to_dict(), indent=2) + "\n")
    print(format_report(result, verbose=args.verbose))
    return 0


# --------------------------------------------------------------------------- explain


def run_explain(args: argparse.Namespace) -> int:
    graph = load_graph(graph_path(args))
    try:
        expl = explain(graph, args.entity)
    except AmbiguousEntity as exc:
        # Several fits: list them one per line so the user can pick an IRI.
        print(f"boardgraph: error: {str(exc).split(' — ')[0]} —", file=sys.stderr)
        for c in exc.candidates:
            print(f"  {c.label} ({c.type})  {c.iri}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(dataclasses.asdict(expl), indent=2))
        return 0
    lines = explanation_lines(expl)
    _emit(lines, sys.stdout)
    return 0


# A line is (indent, text, style): style is a rich style used only on a terminal.
Line = tuple[int, str, str]


def _evidence_line(ev: Evidence | None, indent: int, previous: Evidence | None) -> list[Line]:
    if ev is None or not ev.text:
        return []
    if ev == previous:
        # Several facts often come from one sentence; say it once per run.
        return [(indent, "(same sentence)", "dim")]
    where = f"[{ev.start}-{ev.end}] " if ev.start is not None else ""
    return [(indent, f"sentence {where}{' '.join(ev.text.split())}", "dim")]


def _relation_line(rel: RelationInfo) -> str:
    others = ", ".join(f"{p.label} ({p.type})" if p.type else p.label for p in rel.others)
    how = ", ".join(x for x in (rel.relation_type, f'"{rel.trigger}"' if rel.trigger else None) if x)
    how = f" [{how}]" if how else ""
    if rel.kind == "collaboration":
        return f"worked with {others or '(nobody else)'}{how}"
    if rel.kind == "participation":
        return f"participation with {others}{how}"
    if rel.kind == "membership":
        at = f" of {others}" if others else ""
        return f"role: {rel.role or 'member'}{at}{how}"
    return f"{rel.kind} of this report"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def explanation_lines(expl: Explanation) -> list[Line]:
    lines: list[Line] = [(0, f"{expl.label}  ({expl.type})", "bold")]
    facts = [
        ("IRI", [expl.iri]),
        ("types", expl.types if len(expl.types) > 1 else []),
        ("also known as", expl.alt_labels),
        ("register code", expl.register_codes),
        ("GSS code", expl.gss_codes),
        ("same as", expl.same_as),
    ]
    lines += [(2, f"{name + ':':15s}{', '.join(values)}", "") for name, values in facts if values]
    lines += [(2, f"{'resolution:':15s}{note}", "italic") for note in expl.resolution_notes]
    groups = expl.by_report()
    n_reports = sum(1 for g in groups if g.report is not None)
    lines.append(
        (
            2,
            f"{_count(len(expl.mentions), 'mention')}, {_count(len(expl.relations), 'relation')}, "
            f"in {_count(n_reports, 'report')}",
            "",
        )
    )
    for group in groups:
        lines.append((0, "", ""))
        rep = group.report
        if rep is None:
            lines.append((0, "not derived from a report", "bold cyan"))
        else:
            title = f" — {rep.title}" if rep.title else ""
            lines.append((0, f"{rep.date or 'undated'}  report {rep.identifier}{title}", "bold cyan"))
        previous: Evidence | None = None
        for m in group.mentions:
            if m.exact is None:
                lines.append((2, "mentioned (no annotated text)", ""))
                continue
            at = f" [{m.start}-{m.end}]" if m.start is not None else ""
            rule = f"  (rule {m.rule})" if m.rule else ""
            lines.append((2, f'mention "{m.exact}"{at}{rule}', "green"))
            lines += _evidence_line(m.evidence, 6, previous)
            previous = m.evidence or previous
        for r in group.relations:
            date = f"  ({r.date})" if r.date and rep is not None and r.date != rep.date else ""
            lines.append((2, _relation_line(r) + date, "yellow"))
            lines += _evidence_line(r.evidence, 6, previous)
            previous = r.evidence or previous
    return lines


def _emit(lines: list[Line], out: TextIO) -> None:
    if out.isatty():
        # Colour and wrapping that keeps the indent, only for a person reading.
        from rich.console import Console
        from rich.padding import Padding
        from rich.text import Text

        console = Console(file=out, highlight=False)
        for indent, text, style in lines:
            console.print(Padding(Text(text, style=style or ""), (0, 0, 0, indent), expand=False))
        return
    for indent, text, _style in lines:
        out.write((" " * indent + text).rstrip() + "\n")

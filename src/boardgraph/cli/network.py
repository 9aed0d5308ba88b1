"""Sub-commands ``network`` (tables and exports) and ``visualise`` (HTML, PNG/SVG, timeline)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from boardgraph.cli.common import add_graph_argument, graph_path
from boardgraph.errors import BoardgraphError

if TYPE_CHECKING:
    import networkx as nx
    from rich.console import Console

    from boardgraph.network.analyse import Collaboration, Period

# Copies of analyse.MEASURES / EXPORT_FORMATS, so that building the parser does not
# import networkx and rdflib for every other command (a test keeps them equal).
MEASURES = ("degree", "weighted_degree", "collaborations", "betweenness", "pagerank", "eigenvector")
EXPORT_FORMATS = ("graphml", "gexf", "csv")
DEFAULT_HTML = Path("out/network.html")
PLURALS = {
    "Person": "people",
    "Council": "councils",
    "Organisation": "organisations",
    "Programme": "programmes",
}
EVIDENCE_WIDTH = 160  # characters of an evidence sentence shown in a table cell


# ------------------------------------------------------------------ parsers


def _common(parser: argparse.ArgumentParser) -> None:
    add_graph_argument(parser, "graph file from `boardgraph build`")
    parser.add_argument("--from", dest="date_from", metavar="YEAR|DATE", help="only collaborations from here")
    parser.add_argument("--to", dest="date_to", metavar="YEAR|DATE", help="only collaborations up to here")
    parser.add_argument("--seed", type=int, default=None, help="seed for Louvain communities and layouts")


def register(subparsers: argparse._SubParsersAction) -> None:
    n = subparsers.add_parser(
        "network",
        help="who worked with whom: central people, brokers, communities, change over time; exports",
        description=(
            "Analyse the collaboration network the graph describes: people, councils and organisations "
            "linked by their dated collaborations. Prints the most connected nodes, communities "
            "(Louvain, seeded), the strongest ties and how the network changed year by year. "
            "--export writes GraphML, GEXF (with spells for Gephi's timeline) or CSV (an edge table "
            "plus <name>.nodes.csv) for Gephi and Cytoscape."
        ),
    )
    _common(n)
    n.add_argument("--ego", metavar="NAME", help="only NAME and the people within --radius ties of them")
    n.add_argument("--radius", type=int, default=1, help="ties from the --ego person (default 1)")
    n.add_argument("--top", type=int, default=10, metavar="N", help="rows in each table (default 10)")
    n.add_argument(
        "--by", choices=MEASURES, default="weighted_degree", help="rank by (default weighted_degree)"
    )
    n.add_argument(
        "--path", nargs=2, metavar=("FROM", "TO"), help="shortest chain of collaborations, with evidence"
    )
    n.add_argument(
        "--compare",
        nargs=2,
        metavar=("PERIOD", "PERIOD"),
        help="who joined and left, which ties are new, between two periods (2012, 2011:2013 …)",
    )
    n.add_argument(
        "--programmes",
        action="store_true",
        help="analyse the councils/organisations ↔ programmes network instead",
    )
    n.add_argument("--export", choices=EXPORT_FORMATS, help="write the network for Gephi / Cytoscape")
    n.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="export file (default out/network.FORMAT)"
    )
    n.set_defaults(func=cmd_network)

    v = subparsers.add_parser(
        "visualise",
        aliases=["visualize"],
        help="an interactive offline HTML page of the network, plus PNG/SVG and a timeline",
        description=(
            "Write one self-contained HTML page (works from file://, no network access) with the "
            "network coloured by type and sized by a measure, a year selector, search, and the "
            "evidence behind every node and tie. Optionally a static PNG/SVG of the network and a "
            "timeline of collaborations per year and per person. The page's JavaScript (vis-network) "
            "comes from node_modules, installed by `npm ci` (or `make install`)."
        ),
    )
    _common(v)
    v.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_HTML, help=f"HTML file (default {DEFAULT_HTML})"
    )
    v.add_argument("--png", type=Path, metavar="FILE", help="also draw the network as PNG")
    v.add_argument("--svg", type=Path, metavar="FILE", help="also draw the network as SVG")
    v.add_argument(
        "--timeline", type=Path, metavar="FILE", help="also draw collaborations over time (PNG/SVG)"
    )
    v.add_argument(
        "--size-by", choices=MEASURES, default="weighted_degree", help="node size (default weighted_degree)"
    )
    v.add_argument("--title", help="page and picture title")
    v.add_argument(
        "--reports",
        type=Path,
        metavar="DIR",
        help="link each report to its source file here (default data/reports when it exists)",
    )
    v.add_argument("--no-programmes", action="store_true", help="leave programme nodes out of the pictures")
    v.set_defaults(func=cmd_visualise)


def _period(args: argparse.Namespace) -> Period | None:
    from boardgraph.network.analyse import Period

    if not (args.date_from or args.date_to):
        return None
    return Period.between(args.date_from, args.date_to)


def _console() -> Console:
    from rich.console import Console

    # Piped output (less, files, CI logs) gets a fixed width instead of rich's 80 columns.
    return Console(width=None if sys.stdout.isatty() else 140, highlight=False, soft_wrap=False)


# ------------------------------------------------------------------ network


def cmd_network(args: argparse.Namespace) -> int:
    from boardgraph.network import analyse

    if args.top < 1:
        raise BoardgraphError("--top must be at least 1")
    if args.output and not args.export:
        raise BoardgraphError("-o/--output is for --export; say which format (graphml, gexf or csv)")
    seed = analyse.DEFAULT_SEED if args.seed is None else args.seed
    data = analyse.as_data(graph_path(args))
    full = analyse.programme_network(data) if args.programmes else analyse.collaboration_network(data)
    period = _period(args)
    scoped = analyse.snapshot(full, period) if period else full
    g = analyse.ego_network(scoped, args.ego, radius=args.radius) if args.ego else scoped
    analyse.compute_measures(g, seed=seed)

    console = _console()
    # --path, --compare and --export are questions of their own: answer only them.
    if not (args.path or args.compare or args.export):
        _print_report(console, g, args, seed, period)
    if args.path:
        _print_path(console, analyse.shortest_path(scoped, *args.path), scoped)
    if args.compare:
        a, b = (analyse.Period.parse(p) for p in args.compare)
        _print_change(console, full, a, b, args.top)
    if args.export:
        target = args.output or Path(f"out/network.{args.export}")
        for written in analyse.export(g, args.export, target):
            console.print(f"wrote {written} ({g.number_of_nodes()} nodes, {g.number_of_edges()} ties)")
    return 0


def _print_report(console: Console, g: nx.Graph, args: argparse.Namespace, seed: int,
                  period: Period | None) -> None:
    """The whole network report: summary, top nodes, communities, strongest ties, years."""
    from boardgraph.network import analyse

    _print_summary(console, g, period, ego=args.ego)
    if g.number_of_nodes() == 0:
        console.print("Nothing to show: no collaborations in this period.")
    elif args.programmes:
        _print_programmes(console, g, args.top)
    else:
        _print_top(console, g, args.top, args.by)
        if args.ego:
            _print_ego(console, g, analyse.find_node(g, args.ego), args.top)
        _print_communities(console, g, args.top, seed)
        _print_strongest(console, g, args.top)
        _print_years(console, g)


def _label(g: nx.Graph, node: str) -> str:
    return g.nodes[node]["label"]


def _table(title: str, *columns: str, justify_right: Iterable[str] = ()):
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
    right = set(justify_right)
    for col in columns:
        table.add_column(col, justify="right" if col in right else "left", overflow="fold")
    return table


def _print_summary(console: Console, g: nx.Graph, period: Period | None, *, ego: str | None) -> None:
    from boardgraph.network.analyse import NODE_TYPES

    counts = []
    for kind in NODE_TYPES:
        k = sum(1 for _, t in g.nodes(data="type") if t == kind)
        if k:
            counts.append(f"{k} {PLURALS[kind] if k != 1 else kind.lower()}")
    collabs = {c.iri for _, _, d in g.edges(data=True) for c in d["collaborations"]}
    reports = {c.report_id for _, _, d in g.edges(data=True) for c in d["collaborations"]}
    what = "Programme network" if g.graph.get("kind") == "programmes" else "Collaboration network"
    scope = f" · {period.label}" if period else ""
    scope += f" · around {ego}" if ego else ""
    console.print(f"[bold]{what}{scope}[/bold]")
    console.print(
        f"{g.number_of_nodes()} nodes ({', '.join(counts) or 'none'}), {g.number_of_edges()} ties "
        f"from {len(collabs)} {'participations' if g.graph.get('kind') == 'programmes' else 'collaborations'}"
        f" in {len(reports)} reports"
    )
    undated = g.graph.get("undated", 0)
    if undated and period:
        console.print(f"[dim]{undated} undated collaborations are outside any period[/dim]")
    console.print()


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def _print_top(console: Console, g: nx.Graph, top: int, by: str) -> None:
    from boardgraph.network.analyse import ranking

    table = _table(
        f"Most connected (top {top} by {by.replace('_', ' ')})",
        "#",
        "Name",
        "Type",
        "Ties",
        "Tie strength",
        "Collaborations",
        "Betweenness",
        "PageRank",
        "Community",
        justify_right=("#", "Ties", "Tie strength", "Collaborations", "Betweenness", "PageRank", "Community"),
    )
    for i, node in enumerate(ranking(g, by)[:top], 1):
        d = g.nodes[node]
        table.add_row(
            str(i),
            d["label"],
            d["type"],
            str(d["degree"]),
            f"{d['weighted_degree']:g}",
            str(d["collaborations"]),
            _fmt(d["betweenness"]),
            _fmt(d["pagerank"]),
            str(d["community"]),
        )
    console.print(table)


def _print_communities(console: Console, g: nx.Graph, top: int, seed: int) -> None:
    from boardgraph.network.analyse import ranking

    members: dict[int, list[str]] = {}
    for node in ranking(g):
        members.setdefault(g.nodes[node]["community"], []).append(node)
    table = _table(
        f"Communities (Louvain, seed {seed})",
        "#",
        "Size",
        "Members (most connected first)",
        justify_right=("#", "Size"),
    )
    for cid in sorted(members)[:top]:
        names = [_label(g, n) for n in members[cid]]
        shown = ", ".join(names[:8]) + (f" … +{len(names) - 8} more" if len(names) > 8 else "")
        table.add_row(str(cid), str(len(names)), shown)
    console.print(table)


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(map(str, years)) or "undated"


def _print_strongest(console: Console, g: nx.Graph, top: int) -> None:
    edges = sorted(
        g.edges(data=True),
        key=lambda e: (-e[2]["weight"], _label(g, e[0]).casefold(), _label(g, e[1]).casefold()),
    )
    table = _table(
        "Strongest ties",
        "Between",
        "And",
        "Collaborations",
        "Years",
        "How",
        justify_right=("Collaborations",),
    )
    for a, b, d in edges[:top]:
        a, b = sorted((a, b), key=lambda n: _label(g, n).casefold())
        table.add_row(
            _label(g, a),
            _label(g, b),
            str(d["weight"]),
            _years_text(d["years"]),
            ", ".join(d["relation_types"]),
        )
    console.print(table)


def _print_years(console: Console, g: nx.Graph) -> None:
    from boardgraph.network.analyse import compare, yearly_snapshots

    snaps = yearly_snapshots(g)
    if not snaps:
        return
    table = _table(
        "Year by year (change from the previous year with collaborations)",
        "Year",
        "Nodes",
        "Ties",
        "Collaborations",
        "Joined",
        "Left",
        "New ties",
        "Most active",
        justify_right=("Nodes", "Ties", "Collaborations", "Joined", "Left", "New ties"),
    )
    previous = None
    for year, snap in snaps.items():
        collabs = {c.iri for _, _, d in snap.edges(data=True) for c in d["collaborations"]}
        change = compare(previous, snap) if previous is not None else None
        busiest = sorted(snap, key=lambda n: (-snap.degree(n, weight="weight"), _label(snap, n).casefold()))
        table.add_row(
            str(year),
            str(snap.number_of_nodes()),
            str(snap.number_of_edges()),
            str(len(collabs)),
            str(len(change.joined)) if change else "–",
            str(len(change.left)) if change else "–",
            str(len(change.new_ties)) if change else "–",
            ", ".join(_label(snap, n) for n in busiest[:3]),
        )
        previous = snap
    console.print(table)


def _evidence_line(c: Collaboration) -> str:
    text = " ".join(" ".join(e.text.split()) for e in c.evidence) or "(no evidence sentence)"
    if len(text) > EVIDENCE_WIDTH:
        text = text[: EVIDENCE_WIDTH - 1] + "…"
    return text


def _print_ego(console: Console, g: nx.Graph, centre: str, top: int) -> None:
    neighbours = sorted(g[centre], key=lambda n: (-g.edges[centre, n]["weight"], _label(g, n).casefold()))
    table = _table(
        f"Who {_label(g, centre)} worked with",
        "Name",
        "Type",
        "Collaborations",
        "Years",
        "Evidence (latest)",
        "Report",
        justify_right=("Collaborations",),
    )
    for n in neighbours[: max(top, 1)]:
        d = g.edges[centre, n]
        latest = d["collaborations"][-1]
        table.add_row(
            _label(g, n),
            g.nodes[n]["type"],
            str(d["weight"]),
            _years_text(d["years"]),
            _evidence_line(latest),
            latest.report_id,
        )
    if len(neighbours) > top:
        table.caption = f"… and {len(neighbours) - top} more"
    console.print(table)


def _print_path(console: Console, hops: list, g: nx.Graph) -> None:
    if not hops:
        return
    names = [_label(g, hops[0].source), *(_label(g, h.target) for h in hops)]
    table = _table(
        f"Shortest path: {' → '.join(names)} ({len(hops)} ties)",
        "Step",
        "From",
        "To",
        "Date",
        "Report",
        "Evidence",
        justify_right=("Step",),
    )
    for i, hop in enumerate(hops, 1):
        for j, c in enumerate(hop.collaborations):
            table.add_row(
                str(i) if j == 0 else "",
                _label(g, hop.source) if j == 0 else "",
                _label(g, hop.target) if j == 0 else "",
                c.date.isoformat() if c.date else "undated",
                c.report_id,
                _evidence_line(c),
            )
    console.print(table)


def _print_change(console: Console, full: nx.Graph, a: Period, b: Period, top: int) -> None:
    from boardgraph.network.analyse import compare, snapshot

    change = compare(snapshot(full, a), snapshot(full, b))
    table = _table(f"Change from {a.label} to {b.label}", "", "Count", "Who", justify_right=("Count",))

    def names(nodes: Iterable[str]) -> str:
        labels = sorted(_label(full, n) for n in nodes)
        return ", ".join(labels[:top]) + (f" … +{len(labels) - top} more" if len(labels) > top else "")

    def ties(pairs: Iterable[tuple[str, str]]) -> str:
        labels = sorted(" – ".join(sorted((_label(full, x), _label(full, y)))) for x, y in pairs)
        return "; ".join(labels[:top]) + (f" … +{len(labels) - top} more" if len(labels) > top else "")

    table.add_row("Joined", str(len(change.joined)), names(change.joined))
    table.add_row("Left", str(len(change.left)), names(change.left))
    table.add_row("Stayed", str(len(change.stayed)), names(change.stayed))
    table.add_row("New ties", str(len(change.new_ties)), ties(change.new_ties))
    table.add_row("Lost ties", str(len(change.lost_ties)), ties(change.lost_ties))
    table.add_row("Kept ties", str(len(change.kept_ties)), ties(change.kept_ties))
    console.print(table)


def _print_programmes(console: Console, g: nx.Graph, top: int) -> None:
    from boardgraph.network.analyse import PROGRAMME

    programmes = sorted(
        (n for n in g if g.nodes[n]["type"] == PROGRAMME),
        key=lambda n: (-g.degree(n), _label(g, n).casefold()),
    )
    table = _table(
        "Programmes and who takes part", "Programme", "Members", "Who", "Years", justify_right=("Members",)
    )
    for p in programmes[:top]:
        members = sorted(_label(g, m) for m in g[p])
        years = sorted({y for m in g[p] for y in g.edges[p, m]["years"]})
        table.add_row(_label(g, p), str(len(members)), ", ".join(members), _years_text(years))
    console.print(table)
    members = sorted(
        (n for n in g if g.nodes[n]["type"] != PROGRAMME),
        key=lambda n: (-g.degree(n), _label(g, n).casefold()),
    )
    table = _table(
        "Members in most programmes", "Member", "Type", "Programmes", "Which", justify_right=("Programmes",)
    )
    for m in members[:top]:
        table.add_row(
            _label(g, m), g.nodes[m]["type"], str(g.degree(m)), ", ".join(sorted(_label(g, p) for p in g[m]))
        )
    console.print(table)


# ---------------------------------------------------------------- visualise


def cmd_visualise(args: argparse.Namespace) -> int:
    from boardgraph.network import analyse, visualise

    seed = analyse.DEFAULT_SEED if args.seed is None else args.seed
    data = analyse.as_data(graph_path(args))
    options = visualise.Options(
        title=args.title or visualise.DEFAULT_TITLE,
        size_by=args.size_by,
        period=_period(args),
        programmes=not args.no_programmes,
        seed=seed,
        reports_dir=args.reports,
        source_name=graph_path(args).name,
    )
    written = [visualise.write_html(data, args.output, options)]
    for picture in (args.png, args.svg):
        if picture:
            written.append(visualise.draw_network(data, picture, options))
    if args.timeline:
        written.append(visualise.draw_timeline(data, args.timeline, options))
    for path in written:
        print(f"wrote {path}")
    return 0

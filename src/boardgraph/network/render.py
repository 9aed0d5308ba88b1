"""The network report as Rich tables on a terminal: what ``boardgraph network`` prints."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from rich import box
from rich.console import Console
from rich.table import Table

from boardgraph.graph.records import Collaboration
from boardgraph.model import PROGRAMME, TYPES
from boardgraph.network.measures import ranking
from boardgraph.network.search import Hop, find_node
from boardgraph.network.time import Period, compare, snapshot, yearly_snapshots

EVIDENCE_WIDTH = 160  # characters of an evidence sentence shown in a table cell


@dataclass(frozen=True)
class Asked:
    """What the report was asked for: the command line's choices, without argparse."""

    top: int
    by: str
    seed: int
    period: Period | None = None
    ego: str | None = None
    programmes: bool = False


def terminal() -> Console:
    """A console for the report; piped output (less, files, CI logs) gets a fixed width, not rich's 80."""
    return Console(width=None if sys.stdout.isatty() else 140, highlight=False, soft_wrap=False)


def print_report(console: Console, g: nx.Graph, asked: Asked) -> None:
    """The whole network report: summary, top nodes, communities, strongest ties, years."""
    _print_summary(console, g, asked.period, ego=asked.ego)
    if g.number_of_nodes() == 0:
        console.print("Nothing to show: no collaborations in this period.")
    elif asked.programmes:
        _print_programmes(console, g, asked.top)
    else:
        _print_top(console, g, asked.top, asked.by)
        if asked.ego:
            _print_ego(console, g, find_node(g, asked.ego), asked.top)
        _print_communities(console, g, asked.top, asked.seed)
        _print_strongest(console, g, asked.top)
        _print_years(console, g)


def _label(g: nx.Graph, node: str) -> str:
    return g.nodes[node]["label"]


def _table(title: str, *columns: str, justify_right: Iterable[str] = ()) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
    right = set(justify_right)
    for col in columns:
        table.add_column(col, justify="right" if col in right else "left", overflow="fold")
    return table


def _print_summary(console: Console, g: nx.Graph, period: Period | None, *, ego: str | None) -> None:
    counts = []
    for etype in TYPES:
        k = sum(1 for _, t in g.nodes(data="type") if t == etype.name)
        if k:
            counts.append(etype.count(k))
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
    text = " ".join(e.sentence for e in c.evidence) or "(no evidence sentence)"
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


def print_path(console: Console, hops: list[Hop], g: nx.Graph) -> None:
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


def print_change(console: Console, full: nx.Graph, a: Period, b: Period, top: int) -> None:
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

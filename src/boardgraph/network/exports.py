"""The network for Gephi and Cytoscape: GraphML, GEXF (with spells for the timeline) and CSV tables."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from boardgraph.atomic import atomic_open, atomic_path
from boardgraph.errors import BoardgraphError
from boardgraph.graph.records import Collaboration
from boardgraph.network.measures import MEASURES, compute_measures
from boardgraph.textsafe import csv_cell, warn_dropped, xml_safe_attrs

EXPORT_FORMATS = ("graphml", "gexf", "csv")


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def _year_spells(years_: Iterable[int]) -> list[tuple[str, str]]:
    """Consecutive years merged into one spell: Gephi's timeline then shows one bar, not many."""
    spells: list[tuple[int, int]] = []
    for y in sorted(set(years_)):
        if spells and spells[-1][1] == y - 1:
            spells[-1] = (spells[-1][0], y)
        else:
            spells.append((y, y))
    return [(f"{a}-01-01", f"{b}-12-31") for a, b in spells]


def _node_years(g: nx.Graph, node: str) -> list[int]:
    return sorted({y for _, _, d in g.edges(node, data=True) for y in d["years"]})


def _evidence_summary(collabs: Iterable[Collaboration]) -> str:
    parts = []
    for c in collabs:
        quote = " ".join(e.text or "" for e in c.evidence)
        parts.append(f"[{_iso(c.date) or 'undated'} {c.report_id}] {quote}".strip())
    return " | ".join(parts)


def flat_network(g: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes, which GraphML, GEXF and CSV can hold.

    Dates are ISO strings (``first``/``last`` and the ``start``/``end`` of the
    node or tie's active time); ``years`` lists the years with a collaboration.
    """
    if g.number_of_nodes() and "pagerank" not in next(iter(g.nodes.values())):
        compute_measures(g)
    out: nx.Graph = nx.Graph(name=f"boardgraph {g.graph.get('kind', 'network')}")
    for node, d in sorted(g.nodes(data=True)):
        ys = _node_years(g, node)
        out.add_node(
            node,
            label=d["label"],
            type=d["type"],
            iri=node,
            alt_labels="; ".join(d.get("alt_labels", ())),
            **{m: d.get(m, 0) for m in MEASURES},
            community=d.get("community", 0),
            first=_iso(d.get("first")),
            last=_iso(d.get("last")),
            start=f"{ys[0]}-01-01" if ys else "",
            end=f"{ys[-1]}-12-31" if ys else "",
            years=" ".join(map(str, ys)),
        )
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        ys = d["years"]
        out.add_edge(
            a,
            b,
            weight=d["weight"],
            label=", ".join(d["relation_types"]),
            first=_iso(d["first"]),
            last=_iso(d["last"]),
            start=f"{ys[0]}-01-01" if ys else "",
            end=f"{ys[-1]}-12-31" if ys else "",
            years=" ".join(map(str, ys)),
            reports=" ".join(d["reports"]),
            evidence=_evidence_summary(d["collaborations"]),
        )
    return out


def export(g: nx.Graph, fmt: str, path: Path | str) -> list[Path]:
    """Write the network for Gephi/Cytoscape; returns the files written."""
    fmt = fmt.lower()
    path = Path(path)
    flat = flat_network(g)
    if fmt in ("graphml", "gexf"):
        dropped = xml_safe_attrs(flat.graph)
        dropped += sum(xml_safe_attrs(d) for _, d in flat.nodes(data=True))
        dropped += sum(xml_safe_attrs(d) for _, _, d in flat.edges(data=True))
        if dropped:
            warn_dropped(path, dropped)
    if fmt == "graphml":
        with atomic_path(path) as tmp:
            nx.write_graphml(flat, tmp, named_key_ids=True)
        return [path]
    if fmt == "gexf":
        _write_gexf(g, flat, path)
        return [path]
    if fmt == "csv":
        return _write_csv(g, flat, path)
    raise BoardgraphError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")


def _write_gexf(g: nx.Graph, flat: nx.Graph, path: Path) -> None:
    # Gephi's timeline reads spells; start/end attributes would clash with them.
    dyn: nx.Graph = nx.Graph(mode="dynamic", name=flat.graph["name"])
    for node, d in flat.nodes(data=True):
        attrs = {k: v for k, v in d.items() if k not in ("start", "end")}
        spells = _year_spells(_node_years(g, node))
        if spells:
            attrs["spells"] = spells
        dyn.add_node(node, **attrs)
    for a, b, d in flat.edges(data=True):
        attrs = {k: v for k, v in d.items() if k not in ("start", "end")}
        spells = _year_spells(g.edges[a, b]["years"])
        if spells:
            attrs["spells"] = spells
        dyn.add_edge(a, b, **attrs)
    text = "\n".join(nx.generate_gexf(dyn, version="1.2draft")) + "\n"
    # networkx stamps today's date into <meta>; drop it so the same graph gives the same file.
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    with atomic_open(path) as fh:
        fh.write("<?xml version='1.0' encoding='utf-8'?>\n" + text)


def _gephi_interval(years_: Iterable[int]) -> str:
    spells = _year_spells(years_)
    return "<" + "; ".join(f"[{a}, {b}]" for a, b in spells) + ">" if spells else ""


def _write_csv(g: nx.Graph, flat: nx.Graph, path: Path) -> list[Path]:
    """An edge table at ``path`` and a node table beside it (``<name>.nodes.csv``).

    Column names are the ones Gephi's spreadsheet import recognises (Id,
    Label, Source, Target, Type, Weight, Interval); Cytoscape maps them in
    its import dialog.
    """
    nodes_path = path.with_name(f"{path.stem}.nodes{path.suffix or '.csv'}")
    node_cols = ["label", "type", "iri", *MEASURES, "community", "first", "last", "years"]
    with atomic_open(nodes_path) as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["Id", "Label", "Type", "Interval", *node_cols[2:]])
        for node, d in flat.nodes(data=True):
            interval = _gephi_interval(_node_years(g, node))
            w.writerow(
                [csv_cell(v) for v in (node, d["label"], d["type"], interval, *(d[c] for c in node_cols[2:]))]
            )
    edge_cols = ["weight", "label", "first", "last", "years", "reports", "evidence"]
    with atomic_open(path) as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["Source", "Target", "Type", "Weight", "Interval", *edge_cols[1:]])
        for a, b, d in flat.edges(data=True):
            interval = _gephi_interval(g.edges[a, b]["years"])
            w.writerow(
                [
                    csv_cell(v)
                    for v in (a, b, "Undirected", d["weight"], interval, *(d[c] for c in edge_cols[1:]))
                ]
            )
    return [path, nodes_path]

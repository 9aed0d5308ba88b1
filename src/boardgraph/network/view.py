"""What a picture of the network shows: the options every picture takes, and the graph it draws.

The page (:mod:`.page`) and the static pictures (:mod:`.pictures`) draw the
same graph: the collaboration network, plus programmes, each node sized by a
measure.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx

from boardgraph.graph.records import GraphData
from boardgraph.model import PROGRAMME
from boardgraph.network.build import collaboration_network, programme_network
from boardgraph.network.measures import DEFAULT_SEED, MEASURES, compute_measures
from boardgraph.network.time import Period, snapshot

DEFAULT_TITLE = "Who worked with whom"
MEASURE_NAMES = {
    "degree": "ties",
    "weighted_degree": "collaborations (weighted degree)",
    "collaborations": "collaborations",
    "betweenness": "betweenness (brokerage)",
    "pagerank": "PageRank",
    "eigenvector": "eigenvector centrality",
}


@dataclasses.dataclass(frozen=True)
class Options:
    title: str = DEFAULT_TITLE
    size_by: str = "weighted_degree"
    period: Period | None = None
    programmes: bool = True  # show programmes and who takes part in them
    seed: int = DEFAULT_SEED
    reports_dir: Path | None = None  # where the source files are, for links; None: data/reports if there
    source_name: str = ""  # the graph file's name, shown in the page's footer


# ------------------------------------------------------------ the picture's graph


def picture_graph(data: GraphData, options: Options) -> nx.Graph:
    """The collaboration network, plus programmes, with a ``size`` in 0..1 on every node.

    Measures are those of the collaboration network (the ones ``boardgraph
    network`` prints); a programme is sized by how many members it has,
    relative to the largest, since centrality means little for it.
    """
    collab = collaboration_network(data)
    if options.period:
        collab = snapshot(collab, options.period)
    compute_measures(collab, seed=options.seed)
    g: nx.Graph = nx.Graph(**collab.graph)
    for node, d in collab.nodes(data=True):
        g.add_node(node, **d)
    for a, b, d in collab.edges(data=True):
        g.add_edge(a, b, kind="collaboration", **d)
    if options.programmes:
        _add_programmes(g, data, options.period)
    _set_sizes(g, options.size_by)
    return g


def _add_programmes(g: nx.Graph, data: GraphData, period: Period | None) -> None:
    """Programmes and their members' ties to them; a programme has no measures (all 0)."""
    prog = programme_network(data)
    if period:
        prog = snapshot(prog, period)
    for node, d in sorted(prog.nodes(data=True)):
        if node not in g:
            g.add_node(node, **{k: v for k, v in d.items() if k != "bipartite"})
            g.nodes[node].update(dict.fromkeys(MEASURES, 0), community=0)
    for a, b, d in sorted(prog.edges(data=True), key=lambda e: (e[0], e[1])):
        g.add_edge(a, b, kind="participation", **d)


def _set_sizes(g: nx.Graph, size_by: str) -> None:
    top = max((g.nodes[n].get(size_by, 0) for n in g if g.nodes[n]["type"] != PROGRAMME), default=0)
    members = max((g.degree(n) for n in g if g.nodes[n]["type"] == PROGRAMME), default=0)
    for node, d in g.nodes(data=True):
        if d["type"] == PROGRAMME:
            d["size"] = 0.6 * g.degree(node) / members if members else 0.0
        else:
            d["size"] = d.get(size_by, 0) / top if top else 0.0

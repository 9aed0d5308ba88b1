"""Finding people in a network: by name, their neighbourhood, and the chain that links two of them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from boardgraph.errors import BoardgraphError
from boardgraph.graph import lookup
from boardgraph.graph.records import Collaboration


def find_node(g: nx.Graph, name: str) -> str:
    """The node a user means by ``name``: label, other name, IRI or slug, titles ignored (lookup.py)."""
    if name in g:
        return name
    items = [
        lookup.Named(n, d["label"], (*d.get("alt_labels", ()), n.rsplit("/", 1)[-1]), d.get("type"))
        for n, d in g.nodes(data=True)
    ]
    found = lookup.candidates(name, items)
    if len(found) == 1:
        return found[0].key
    if found:
        names = ", ".join(c.label for c in found[:8])
        raise BoardgraphError(
            f"{name!r} matches more than one node: {names} "
            f"({lookup.describe_candidates(name, found).split(' — ')[0]})"
        )
    close = lookup.nearest(name, items)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise BoardgraphError(f"no one called {name!r} in the network{hint}")


def ego_network(g: nx.Graph, name: str, *, radius: int = 1) -> nx.Graph:
    """A node, everyone within ``radius`` ties of it, and the ties among them."""
    return nx.ego_graph(g, find_node(g, name), radius=radius)


@dataclass(frozen=True)
class Hop:
    source: str
    target: str
    collaborations: tuple[Collaboration, ...]


def shortest_path(g: nx.Graph, a: str, b: str) -> list[Hop]:
    """The fewest ties between two people, each with the collaborations that support it."""
    src, dst = find_node(g, a), find_node(g, b)
    try:
        nodes = nx.shortest_path(g, src, dst)
    except nx.NetworkXNoPath:
        raise BoardgraphError(
            f"no chain of collaborations links {g.nodes[src]['label']} and {g.nodes[dst]['label']}"
        ) from None
    return [Hop(u, v, tuple(g.edges[u, v]["collaborations"])) for u, v in itertools.pairwise(nodes)]

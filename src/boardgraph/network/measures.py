"""Measures of a network: centralities, communities, rankings.

Each is set as a node attribute too, so exports and pictures carry them.
"""

from __future__ import annotations

import networkx as nx

from boardgraph.errors import BoardgraphError

DEFAULT_SEED = 42

MEASURES = ("degree", "weighted_degree", "collaborations", "betweenness", "pagerank", "eigenvector")


def pagerank(
    g: nx.Graph, *, alpha: float = 0.85, tol: float = 1e-12, max_iter: int = 1000
) -> dict[str, float]:
    """Weighted PageRank by power iteration.

    networkx's own pagerank needs SciPy, which boardgraph does not otherwise
    depend on; this is the same computation (uniform teleport, dangling
    nodes spread evenly) in plain Python, fast enough for board networks.
    """
    nodes = list(g)
    n = len(nodes)
    if n == 0:
        return {}
    strength = {u: sum(d.get("weight", 1) for _, _, d in g.edges(u, data=True)) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, d in g[u].items():
                    new[v] += share * d.get("weight", 1)
        if sum(abs(new[u] - rank[u]) for u in nodes) < n * tol:
            return new
        rank = new
    return rank


def _eigenvector(g: nx.Graph) -> dict[str, float]:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0)
    try:
        return nx.eigenvector_centrality(g, weight="weight", max_iter=2000, tol=1e-9)
    except nx.PowerIterationFailedConvergence:
        return dict.fromkeys(g, 0.0)


def communities(g: nx.Graph, *, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Louvain communities, numbered 1… from the largest (ties broken by their first label)."""
    if g.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(g, weight="weight", seed=seed)
    ordered = sorted(groups, key=lambda c: (-len(c), min(g.nodes[n]["label"].casefold() for n in c)))
    return {node: i for i, group in enumerate(ordered, 1) for node in group}


def compute_measures(g: nx.Graph, *, seed: int = DEFAULT_SEED) -> dict[str, dict[str, float]]:
    """Every node's measures, and set them as node attributes for exports and pictures."""
    betweenness = nx.betweenness_centrality(g, normalized=True) if len(g) else {}
    pr = pagerank(g)
    eig = _eigenvector(g)
    comm = communities(g, seed=seed)
    out: dict[str, dict[str, float]] = {}
    for node in g:
        collabs = {c.iri for _, _, d in g.edges(node, data=True) for c in d["collaborations"]}
        values = {
            "degree": g.degree(node),
            "weighted_degree": g.degree(node, weight="weight"),
            "collaborations": len(collabs),
            "betweenness": betweenness.get(node, 0.0),
            "pagerank": pr.get(node, 0.0),
            "eigenvector": eig.get(node, 0.0),
            "community": comm.get(node, 0),
        }
        g.nodes[node].update(values)
        out[node] = values
    return out


def ranking(g: nx.Graph, by: str = "weighted_degree") -> list[str]:
    """Nodes from most to least central by ``by`` (ties: betweenness, then label)."""
    if by not in MEASURES:
        raise BoardgraphError(f"unknown measure {by!r}; choose from {', '.join(MEASURES)}")
    if g.number_of_nodes() and by not in next(iter(g.nodes.values())):
        compute_measures(g)
    return sorted(
        g,
        key=lambda n: (
            -g.nodes[n][by],
            -g.nodes[n]["betweenness"],
            g.nodes[n]["label"].casefold(),
            n,
        ),
    )

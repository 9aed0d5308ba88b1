"""Records → networkx graphs: who worked with whom, and who takes part in which programme.

Every edge keeps the list of the collaborations behind it (date, report,
evidence), so any number a measure gives can be traced back to sentences.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from boardgraph.graph.records import Collaboration, Entity, GraphData
from boardgraph.model import ORGANISATION, ORGANISATION_TYPE, PERSON, PROGRAMME
from boardgraph.network.read import as_data, label_from_iri


def collaboration_network(source: GraphData | ox.Store | Path | str) -> nx.Graph:
    """People, councils and organisations; an edge for every pair that collaborated.

    A collaboration with n participants links each pair of them (a clique):
    four councillors on one podcast are four people who worked together. Each
    edge keeps the list of its collaborations (date, report, evidence), and
    ``weight`` is how many there are.
    """
    data = as_data(source)
    g: nx.Graph = nx.Graph(kind="collaboration")
    g.graph["reports"] = data.reports
    g.graph["undated"] = sum(1 for c in data.collaborations if c.date is None)
    # Sorted insertion keeps every algorithm below (Louvain, paths, layouts) deterministic.
    for iri in sorted({p for c in data.collaborations for p in c.participants}):
        _add_node(g, data.entities.get(iri), iri)
    pairs: dict[tuple[str, str], list[Collaboration]] = defaultdict(list)
    for collab in data.collaborations:
        for a, b in itertools.combinations(sorted(set(collab.participants)), 2):
            pairs[(a, b)].append(collab)
    for (a, b), collabs in sorted(pairs.items()):
        g.add_edge(a, b, collaborations=_sorted_collabs(collabs))
    refresh_edges(g)
    return g


def programme_network(source: GraphData | ox.Store | Path | str) -> nx.Graph:
    """The bipartite view: councils/organisations (``bipartite=0``) ↔ programmes (``bipartite=1``)."""
    data = as_data(source)
    g: nx.Graph = nx.Graph(kind="programmes")
    g.graph["reports"] = data.reports
    g.graph["undated"] = sum(1 for c in data.participations if c.date is None)
    pairs: dict[tuple[str, str], list[Collaboration]] = defaultdict(list)
    for part in data.participations:
        if len(part.participants) == 2:
            pairs[(part.participants[0], part.participants[1])].append(part)
    for member, programme in sorted(pairs):
        _add_node(g, data.entities.get(member), member)
        _add_node(
            g,
            data.entities.get(programme) or Entity(programme, PROGRAMME, label_from_iri(programme)),
            programme,
        )
    for node in g:
        g.nodes[node]["bipartite"] = 1 if g.nodes[node]["type"] == PROGRAMME else 0
    for (member, programme), parts in sorted(pairs.items()):
        g.add_edge(member, programme, collaborations=_sorted_collabs(parts))
    refresh_edges(g)
    return g


def _add_node(g: nx.Graph, entity: Entity | None, iri: str) -> None:
    if iri in g:
        return
    if entity is None:
        # A participant with no type or label still takes part; show its IRI's slug.
        kind = ORGANISATION if f"/{ORGANISATION_TYPE.path}/" in iri else PERSON
        entity = Entity(iri, kind, label_from_iri(iri))
    g.add_node(iri, label=entity.label, type=entity.type, iri=iri, alt_labels=entity.alt_labels)


def _sorted_collabs(collabs: Iterable[Collaboration]) -> list[Collaboration]:
    return sorted(set(collabs), key=lambda c: (c.date or dt.date.max, c.report_id, c.iri))


def refresh_edges(g: nx.Graph) -> None:
    """Recompute the summary attributes every edge (and node) derives from its collaborations."""
    for _, _, d in g.edges(data=True):
        collabs: list[Collaboration] = d["collaborations"]
        dates = [c.date for c in collabs if c.date]
        d["weight"] = len(collabs)
        d["first"] = min(dates) if dates else None
        d["last"] = max(dates) if dates else None
        d["years"] = tuple(sorted({c.date.year for c in collabs if c.date}))
        d["relation_types"] = tuple(sorted({c.relation_type for c in collabs if c.relation_type}))
        d["reports"] = tuple(sorted({c.report_id for c in collabs}))
    for node, d in g.nodes(data=True):
        dates = [c.date for _, _, e in g.edges(node, data=True) for c in e["collaborations"] if c.date]
        d["first"] = min(dates) if dates else None
        d["last"] = max(dates) if dates else None

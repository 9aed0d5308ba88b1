"""Who worked with whom, as networkx graphs read from the RDF graph.

Everything here starts from the Turtle that ``boardgraph build`` writes (see
``docs/graph.md``) and reads it with SPARQL, so the network is exactly what
the knowledge graph states, whoever produced it: the same analysis runs on a
graph edited by hand or loaded from a triple store dump.

* :func:`read_graph_data` — SPARQL over the RDF graph into plain records.
* :func:`collaboration_network` — people, councils and organisations; one
  edge per pair that collaborated, carrying every dated collaboration and
  its evidence sentences.
* :func:`programme_network` — the bipartite view, members ↔ programmes.
* :class:`Period`, :func:`snapshot`, :func:`cumulative`, :func:`compare` — time.
* :func:`compute_measures`, :func:`ego_network`, :func:`shortest_path` — measures.
* :func:`export` — GraphML / GEXF / CSV for Gephi and Cytoscape.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import rdflib
from rdflib.query import ResultRow

from boardgraph.atomic import atomic_open, atomic_path
from boardgraph.errors import BoardgraphError
from boardgraph.graph import lookup
from boardgraph.graph.vocab import BG_IRI, ORG
from boardgraph.textsafe import csv_cell, warn_dropped, xml_safe_attrs

# Node types of the collaboration network, in the order tables list them.
PERSON, COUNCIL, ORGANISATION, PROGRAMME = "Person", "Council", "Organisation", "Programme"
AGENT_TYPES = (PERSON, COUNCIL, ORGANISATION)
NODE_TYPES = (*AGENT_TYPES, PROGRAMME)

DEFAULT_SEED = 42
EXPORT_FORMATS = ("graphml", "gexf", "csv")

PREFIXES = f"""
PREFIX bg: <{BG_IRI}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <{ORG}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Evidence:
    """A sentence of a report that supports a statement."""

    iri: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Report:
    iri: str
    identifier: str
    title: str = ""
    date: dt.date | None = None
    board: str = ""  # label of the board entity
    chair: str = ""  # label of the chair entity
    source_format: str = ""  # txt, md, pdf …: the source file is <identifier>.<source_format>


@dataclass(frozen=True)
class Entity:
    iri: str
    type: str  # one of NODE_TYPES
    label: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Collaboration:
    """One joint activity as the graph states it (a bg:Collaboration or bg:Participation)."""

    iri: str
    participants: tuple[str, ...]  # entity IRIs; for a participation: (member, programme)
    report: str  # report IRI
    report_id: str
    date: dt.date | None  # the statement's own date, else its report's
    relation_type: str = ""
    trigger: str = ""
    evidence: tuple[Evidence, ...] = ()

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


@dataclass(frozen=True)
class MentionRecord:
    entity: str
    report: str
    text: str  # the words as written
    evidence: Evidence | None


@dataclass(frozen=True)
class RoleRecord:
    person: str
    role: str
    organisation: str  # label, may be empty
    report: str
    date: dt.date | None


@dataclass
class GraphData:
    """What the RDF graph says, as records: the single input of every network here."""

    entities: dict[str, Entity] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    collaborations: list[Collaboration] = field(default_factory=list)
    participations: list[Collaboration] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)
    roles: list[RoleRecord] = field(default_factory=list)


# ------------------------------------------------------------ reading RDF


def load_rdf(path: Path | str) -> rdflib.Graph:
    """Parse a graph file (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD)."""
    path = Path(path)
    if not path.is_file():
        raise BoardgraphError(f"graph file not found: {path} (run `boardgraph build` first)")
    fmt = rdflib.util.guess_format(str(path)) or "turtle"
    # Quad formats need a dataset; its default union lets the same SPARQL see every named graph.
    graph: rdflib.Graph = rdflib.Dataset(default_union=True) if fmt in ("trig", "nquads") else rdflib.Graph()
    try:
        graph.parse(str(path), format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        detail = " ".join(str(exc).split())[:240]
        raise BoardgraphError(f"cannot parse {path} as {fmt}: {detail}") from exc
    return graph


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    py = value.toPython() if isinstance(value, rdflib.Literal) else value
    if isinstance(py, dt.datetime):
        return py.date()
    if isinstance(py, dt.date):
        return py
    # A literal that is not a valid xsd:date: take a leading ISO date, else give up.
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    return None


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _rows(graph: rdflib.Graph, query: str) -> list[ResultRow]:
    return list(graph.query(PREFIXES + query))  # type: ignore[arg-type]


def _read_entities(graph: rdflib.Graph) -> dict[str, Entity]:
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, list[str]] = defaultdict(list)
    for row in _rows(
        graph,
        """SELECT ?e ?type ?label WHERE {
             VALUES ?type { bg:Person bg:Council bg:Organisation bg:Programme }
             ?e a ?type . OPTIONAL { ?e rdfs:label ?label } }""",
    ):
        iri = str(row.e)
        types[iri].add(str(row.type)[len(BG_IRI) :])
        if row.label is not None:
            labels[iri].append(str(row.label))
    alts: dict[str, set[str]] = defaultdict(set)
    for row in _rows(graph, "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"):
        alts[str(row.e)].add(str(row.alt))
    entities = {}
    for iri in sorted(types):
        # The contract: a council that is also typed bg:Organisation is read as a council.
        kind = next(t for t in (COUNCIL, PERSON, ORGANISATION, PROGRAMME) if t in types[iri])
        label = min(labels[iri]) if labels[iri] else _label_from_iri(iri)
        entities[iri] = Entity(iri, kind, label, tuple(sorted(alts[iri] - {label})))
    return entities


def _label_from_iri(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()


def _read_reports(graph: rdflib.Graph) -> dict[str, Report]:
    reports = {}
    for row in _rows(
        graph,
        """SELECT ?r (SAMPLE(?id) AS ?rid) (SAMPLE(?t) AS ?title) (MIN(?d) AS ?date)
                  (SAMPLE(?bl) AS ?board) (SAMPLE(?cl) AS ?chair) (SAMPLE(?f) AS ?fmt) WHERE {
             ?r a bg:Report .
             OPTIONAL { ?r dcterms:identifier ?id }
             OPTIONAL { ?r dcterms:title ?t }
             OPTIONAL { ?r dcterms:date ?d }
             OPTIONAL { ?r bg:board/rdfs:label ?bl }
             OPTIONAL { ?r bg:chair/rdfs:label ?cl }
             OPTIONAL { ?r bg:sourceFormat ?f }
           } GROUP BY ?r""",
    ):
        iri = str(row.r)
        ident = _str(row.rid) or iri.rstrip("/").rsplit("/", 1)[-1]
        reports[iri] = Report(
            iri, ident, _str(row.title), _date(row.date), _str(row.board), _str(row.chair), _str(row.fmt)
        )
    return reports


def _read_evidence(graph: rdflib.Graph) -> dict[str, Evidence]:
    texts: dict[str, str] = {}
    spans: dict[str, tuple[int | None, int | None]] = {}
    for row in _rows(
        graph,
        """SELECT ?ev ?value ?exact ?start ?end WHERE {
             ?x bg:evidence ?ev .
             OPTIONAL { ?ev rdf:value ?value }
             OPTIONAL { ?ev oa:hasSelector ?q . ?q oa:exact ?exact }
             OPTIONAL { ?ev oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }
           }""",
    ):
        iri = str(row.ev)
        text = _str(row.value) or _str(row.exact)
        if text and len(text) > len(texts.get(iri, "")):
            texts[iri] = text
        if row.start is not None:
            spans[iri] = (_int(row.start), _int(row.end))
    return {
        iri: Evidence(iri, texts.get(iri, ""), *spans.get(iri, (None, None)))
        for iri in sorted(set(texts) | set(spans))
    }


def _read_statements(
    graph: rdflib.Graph,
    cls: str,
    parts_query: str,
    reports: Mapping[str, Report],
    evidence: Mapping[str, Evidence],
) -> list[Collaboration]:
    """Collaborations or participations: their participants, report, date and evidence."""
    participants: dict[str, list[str]] = defaultdict(list)
    for row in _rows(graph, parts_query):
        participants[str(row.s)].append(str(row.p))
    details: dict[str, dict[str, object]] = defaultdict(dict)
    evs: dict[str, set[str]] = defaultdict(set)
    for row in _rows(
        graph,
        f"""SELECT ?s ?report ?date ?rtype ?trigger ?ev WHERE {{
             ?s a {cls} .
             OPTIONAL {{ ?s prov:wasDerivedFrom ?report }}
             OPTIONAL {{ ?s dcterms:date ?date }}
             OPTIONAL {{ ?s bg:relationType ?rtype }}
             OPTIONAL {{ ?s bg:trigger ?trigger }}
             OPTIONAL {{ ?s bg:evidence ?ev }}
           }}""",
    ):
        d = details[str(row.s)]
        for key in ("report", "date", "rtype", "trigger"):
            value = getattr(row, key)
            if value is not None and key not in d:
                d[key] = value
        if row.ev is not None:
            evs[str(row.s)].add(str(row.ev))
    records = []
    for iri in sorted(details):
        d = details[iri]
        report_iri = _str(d.get("report"))
        report = reports.get(report_iri)
        date = _date(d.get("date")) or (report.date if report else None)
        records.append(
            Collaboration(
                iri=iri,
                participants=tuple(participants.get(iri, ())),
                report=report_iri,
                report_id=report.identifier if report else report_iri.rsplit("/", 1)[-1],
                date=date,
                relation_type=_str(d.get("rtype")),
                trigger=_str(d.get("trigger")),
                evidence=tuple(evidence[e] for e in sorted(evs[iri]) if e in evidence),
            )
        )
    return records


def _read_mentions(
    graph: rdflib.Graph, reports: Mapping[str, Report], evidence: Mapping[str, Evidence]
) -> list[MentionRecord]:
    found: set[tuple[str, str, str, str]] = set()
    for row in _rows(
        graph,
        """SELECT ?e ?report ?exact ?ev WHERE {
             ?m a bg:Mention ; oa:hasBody ?e .
             OPTIONAL { ?m oa:hasTarget ?t . ?t oa:hasSource ?report .
                        OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact } }
             OPTIONAL { ?m bg:evidence ?ev }
           }""",
    ):
        report = _str(row.report) or _report_of(str(row.ev or ""), reports)
        found.add((str(row.e), report, _str(row.exact), _str(row.ev)))
    # The contract only promises bg:mentions; keep those that have no annotation too.
    annotated = {(e, r) for e, r, _, _ in found}
    for row in _rows(graph, "SELECT ?r ?e WHERE { ?r bg:mentions ?e }"):
        if (str(row.e), str(row.r)) not in annotated:
            found.add((str(row.e), str(row.r), "", ""))
    return [MentionRecord(e, r, text, evidence.get(ev)) for e, r, text, ev in sorted(found)]


def _report_of(iri: str, reports: Mapping[str, Report]) -> str:
    # Everything about a report lives under its IRI (docs/graph.md).
    return next((r for r in reports if iri.startswith(r + "/")), "")


def _read_roles(graph: rdflib.Graph, reports: Mapping[str, Report]) -> list[RoleRecord]:
    roles = set()
    for row in _rows(
        graph,
        """SELECT ?person ?r ?role ?orgl ?report ?date WHERE {
             ?m a org:Membership ; org:member ?person ; org:role ?r .
             OPTIONAL { ?r rdfs:label ?role }
             OPTIONAL { ?m org:organization/rdfs:label ?orgl }
             OPTIONAL { ?m prov:wasDerivedFrom ?report }
             OPTIONAL { ?m dcterms:date ?date }
           }""",
    ):
        report = _str(row.report)
        date = _date(row.date) or (reports[report].date if report in reports else None)
        role = _str(row.role) or _label_from_iri(str(row.r))
        roles.add(RoleRecord(str(row.person), role, _str(row.orgl), report, date))
    return sorted(roles, key=lambda r: (r.person, r.date or dt.date.min, r.role, r.organisation, r.report))


def read_graph_data(graph: rdflib.Graph) -> GraphData:
    """Read entities, reports, collaborations, participations, mentions and roles by SPARQL."""
    reports = _read_reports(graph)
    evidence = _read_evidence(graph)
    collaborations = _read_statements(
        graph,
        "bg:Collaboration",
        "SELECT ?s ?p WHERE { ?s a bg:Collaboration ; bg:participant ?p } ORDER BY ?s ?p",
        reports,
        evidence,
    )
    # A participation's participants are (member, programme), in that order.
    participations = _read_statements(
        graph,
        "bg:Participation",
        "SELECT ?s ?p WHERE { ?s a bg:Participation ; bg:member ?p } ORDER BY ?s ?p",
        reports,
        evidence,
    )
    programmes = _programmes_of(graph)
    participations = [
        dataclasses.replace(p, participants=(m, prog))
        for p in participations
        for m in sorted(set(p.participants))
        for prog in programmes.get(p.iri, [])
    ]
    return GraphData(
        entities=_read_entities(graph),
        reports=reports,
        collaborations=collaborations,
        participations=participations,
        mentions=_read_mentions(graph, reports, evidence),
        roles=_read_roles(graph, reports),
    )


def _programmes_of(graph: rdflib.Graph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in _rows(graph, "SELECT ?s ?p WHERE { ?s a bg:Participation ; bg:programme ?p } ORDER BY ?s ?p"):
        out[str(row.s)].append(str(row.p))
    return out


def as_data(source: GraphData | rdflib.Graph | Path | str) -> GraphData:
    """Accept what callers have: records already read, an rdflib graph, or a graph file."""
    if isinstance(source, GraphData):
        return source
    if isinstance(source, rdflib.Graph):
        return read_graph_data(source)
    return read_graph_data(load_rdf(source))


# ---------------------------------------------------------- building networks


def _add_node(g: nx.Graph, entity: Entity | None, iri: str) -> None:
    if iri in g:
        return
    if entity is None:
        # A participant with no type or label still takes part; show its IRI's slug.
        entity = Entity(iri, ORGANISATION if "/organisation/" in iri else PERSON, _label_from_iri(iri))
    g.add_node(iri, label=entity.label, type=entity.type, iri=iri, alt_labels=entity.alt_labels)


def collaboration_network(source: GraphData | rdflib.Graph | Path | str) -> nx.Graph:
    """People, councils and organisations; an edge for every pair that collaborated.

    A collaboration with n participants links each pair of them (a clique):
    four councillors on one podcast are four people who worked together. Each
    edge keeps the list of its collaborations (date, report, evidence), and
    ``weight`` is how many there are.
    """
    data = as_data(source)
    g = nx.Graph(kind="collaboration")
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
    _refresh_edges(g)
    return g


def programme_network(source: GraphData | rdflib.Graph | Path | str) -> nx.Graph:
    """The bipartite view: councils/organisations (``bipartite=0``) ↔ programmes (``bipartite=1``)."""
    data = as_data(source)
    g = nx.Graph(kind="programmes")
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
            data.entities.get(programme) or Entity(programme, PROGRAMME, _label_from_iri(programme)),
            programme,
        )
    for node in g:
        g.nodes[node]["bipartite"] = 1 if g.nodes[node]["type"] == PROGRAMME else 0
    for (member, programme), parts in sorted(pairs.items()):
        g.add_edge(member, programme, collaborations=_sorted_collabs(parts))
    _refresh_edges(g)
    return g


def _sorted_collabs(collabs: Iterable[Collaboration]) -> list[Collaboration]:
    return sorted(set(collabs), key=lambda c: (c.date or dt.date.max, c.report_id, c.iri))


def _refresh_edges(g: nx.Graph) -> None:
    """Recompute the summary attributes every edge derives from its collaborations."""
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


# --------------------------------------------------------------------- time


@dataclass(frozen=True, order=True)
class Period:
    """A closed interval of dates, e.g. ``Period.parse("2011")`` is the year 2011."""

    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year}–{self.end.year}"
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def __contains__(self, date: object) -> bool:
        return isinstance(date, dt.date) and self.start <= date <= self.end

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2011``, ``2011-06``, ``2011-06-30`` or a range ``2011:2013`` / ``2011..2013``."""
        for sep in (":", "..", "/"):
            if sep in text:
                a, b = text.split(sep, 1)
                return cls.between(a or None, b or None)
        return cls(_bound(text, start=True), _bound(text, start=False))

    @classmethod
    def between(cls, start: str | None, end: str | None) -> Period:
        period = cls(
            _bound(start, start=True) if start else dt.date.min,
            _bound(end, start=False) if end else dt.date.max,
        )
        if period.start > period.end:
            raise BoardgraphError(f"period starts after it ends: {start} > {end}")
        return period


def _bound(text: str, *, start: bool) -> dt.date:
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1) if start else dt.date(int(text), 12, 31)
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            y, m = map(int, text.split("-"))
            if start:
                return dt.date(y, m, 1)
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise BoardgraphError(f"not a year or date: {text!r} (use e.g. 2011, 2011-06 or 2011-06-30)")


def snapshot(g: nx.Graph, period: Period) -> nx.Graph:
    """The network of the collaborations dated inside ``period`` (undated ones are left out)."""
    out = nx.Graph(**g.graph)
    out.graph["period"] = period
    kept: list[tuple[str, str, list[Collaboration]]] = []
    for a, b, d in g.edges(data=True):
        collabs = [c for c in d["collaborations"] if c.date in period]
        if collabs:
            kept.append((a, b, collabs))
    for node in sorted({n for a, b, _ in kept for n in (a, b)}):
        out.add_node(node, **{k: v for k, v in g.nodes[node].items() if k not in ("first", "last")})
    for a, b, collabs in kept:
        out.add_edge(a, b, collaborations=collabs)
    _refresh_edges(out)
    return out


def cumulative(g: nx.Graph, until: dt.date | int) -> nx.Graph:
    """Everything dated up to ``until`` (a date, or the end of a year)."""
    end = dt.date(until, 12, 31) if isinstance(until, int) else until
    return snapshot(g, Period(dt.date.min, end))


def years(g: nx.Graph) -> list[int]:
    return sorted({y for _, _, d in g.edges(data=True) for y in d["years"]})


def yearly_snapshots(g: nx.Graph, *, cumulative_view: bool = False) -> dict[int, nx.Graph]:
    return {y: cumulative(g, y) if cumulative_view else snapshot(g, Period.year(y)) for y in years(g)}


@dataclass(frozen=True)
class Change:
    """How the network changed from one period to the next."""

    joined: tuple[str, ...]
    left: tuple[str, ...]
    stayed: tuple[str, ...]
    new_ties: tuple[tuple[str, str], ...]
    lost_ties: tuple[tuple[str, str], ...]
    kept_ties: tuple[tuple[str, str], ...]


def _ties(g: nx.Graph) -> set[tuple[str, str]]:
    return {(a, b) if a <= b else (b, a) for a, b in g.edges()}


def compare(before: nx.Graph, after: nx.Graph) -> Change:
    a_nodes, b_nodes = set(before), set(after)
    a_ties, b_ties = _ties(before), _ties(after)
    return Change(
        joined=tuple(sorted(b_nodes - a_nodes)),
        left=tuple(sorted(a_nodes - b_nodes)),
        stayed=tuple(sorted(a_nodes & b_nodes)),
        new_ties=tuple(sorted(b_ties - a_ties)),
        lost_ties=tuple(sorted(a_ties - b_ties)),
        kept_ties=tuple(sorted(a_ties & b_ties)),
    )


# ------------------------------------------------------------------ measures

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


# ---------------------------------------------------------- finding people


def find_node(g: nx.Graph, name: str) -> str:
    """The node a user means by ``name``: label, other name, IRI or slug, titles ignored (lookup.py)."""
    if name in g:
        return name
    items = [lookup.Named(n, d["label"], (*d.get("alt_labels", ()), n.rsplit("/", 1)[-1]), d.get("type"))
             for n, d in g.nodes(data=True)]
    found = lookup.candidates(name, items)
    if len(found) == 1:
        return found[0].key
    if found:
        names = ", ".join(c.label for c in found[:8])
        raise BoardgraphError(f"{name!r} matches more than one node: {names} "
                              f"({lookup.describe_candidates(name, found).split(' — ')[0]})")
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


# ------------------------------------------------------------------- exports


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
        quote = " ".join(e.text for e in c.evidence)
        parts.append(f"[{_iso(c.date) or 'undated'} {c.report_id}] {quote}".strip())
    return " | ".join(parts)


def flat_network(g: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes, which GraphML, GEXF and CSV can hold.

    Dates are ISO strings (``first``/``last`` and the ``start``/``end`` of the
    node or tie's active time); ``years`` lists the years with a collaboration.
    """
    if g.number_of_nodes() and "pagerank" not in next(iter(g.nodes.values())):
        compute_measures(g)
    out = nx.Graph(name=f"boardgraph {g.graph.get('kind', 'network')}")
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
    dyn = nx.Graph(mode="dynamic", name=flat.graph["name"])
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
            w.writerow([csv_cell(v) for v in (node, d["label"], d["type"], interval,
                                              *(d[c] for c in node_cols[2:]))])
    edge_cols = ["weight", "label", "first", "last", "years", "reports", "evidence"]
    with atomic_open(path) as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["Source", "Target", "Type", "Weight", "Interval", *edge_cols[1:]])
        for a, b, d in flat.edges(data=True):
            interval = _gephi_interval(g.edges[a, b]["years"])
            w.writerow([csv_cell(v) for v in (a, b, "Undirected", d["weight"], interval,
                                              *(d[c] for c in edge_cols[1:]))])
    return [path, nodes_path]

"""Why the graph says what it says about one entity.

Finds an entity by name or IRI and gathers, from the graph's provenance
(docs/graph.md), every mention with its quote, offsets and sentence, and every
collaboration, participation and role with the other parties and the evidence
sentence. The command layer (``boardgraph.cli.inspect``) only formats this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV
from rdflib.term import Node

from boardgraph.errors import BoardgraphError
from boardgraph.graph import lookup
from boardgraph.graph.records import Evidence
from boardgraph.graph.vocab import BG, BG_IRI, ID_IRI, OA, ORG, PREFIXES
from boardgraph.model import TYPE_PRECEDENCE

_ENTITY_CLASSES = tuple(BG[t] for t in TYPE_PRECEDENCE)


class AmbiguousEntity(BoardgraphError):
    """A name that fits several entities; the candidates let the user pick an IRI."""

    def __init__(self, query: str, candidates: list[Candidate]) -> None:
        self.query = query
        self.candidates = candidates
        named = [lookup.Named(c.iri, c.label, (), c.type) for c in candidates]
        super().__init__(lookup.describe_candidates(query, named))


@dataclass(frozen=True)
class Candidate:
    iri: str
    label: str
    type: str


@dataclass(frozen=True)
class Party:
    """Another participant of a relation, as the reader should see it."""

    iri: str
    label: str
    type: str | None = None
    role: str | None = None  # e.g. "programme", "member", "organisation"


@dataclass(frozen=True)
class ReportRef:
    iri: str
    identifier: str
    date: str | None
    title: str | None


@dataclass(frozen=True)
class MentionInfo:
    report: ReportRef
    exact: str | None  # the quoted text; None when the report only lists the entity
    start: int | None
    end: int | None
    prefix: str | None = None
    suffix: str | None = None
    rule: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class RelationInfo:
    kind: str  # collaboration, participation, membership, chair, board, contact officer
    report: ReportRef | None
    date: str | None
    others: tuple[Party, ...]
    relation_type: str | None = None
    trigger: str | None = None
    role: str | None = None  # for memberships: the role's label
    evidence: Evidence | None = None
    iri: str | None = None


@dataclass
class ReportGroup:
    report: ReportRef | None  # None: relations not derived from any report
    mentions: list[MentionInfo] = field(default_factory=list)
    relations: list[RelationInfo] = field(default_factory=list)


@dataclass
class Explanation:
    iri: str
    types: list[str]
    label: str
    alt_labels: list[str]
    register_codes: list[str]
    gss_codes: list[str]
    same_as: list[str]
    resolution_notes: list[str]
    mentions: list[MentionInfo]
    relations: list[RelationInfo]

    @property
    def type(self) -> str:
        return next((t for t in TYPE_PRECEDENCE if t in self.types), self.types[0] if self.types else "?")

    def by_report(self) -> list[ReportGroup]:
        """Mentions and relations grouped by report, reports in date order."""
        groups: dict[str, ReportGroup] = {}
        for m in self.mentions:
            groups.setdefault(m.report.iri, ReportGroup(m.report)).mentions.append(m)
        for r in self.relations:
            key = r.report.iri if r.report else ""
            groups.setdefault(key, ReportGroup(r.report)).relations.append(r)
        for g in groups.values():
            g.mentions.sort(key=lambda m: (m.start is None, m.start or 0))
            g.relations.sort(key=lambda r: (r.kind, [p.label for p in r.others], r.trigger or ""))

        def order(g: ReportGroup) -> tuple[bool, str, str]:
            # Undated reports last, then by identifier for a stable order.
            if g.report is None:
                return (True, "~", "")
            return (g.report.date is None, g.report.date or "", g.report.identifier)

        return sorted(groups.values(), key=order)


# --------------------------------------------------------------------------- lookup


def _text(graph: rdflib.Graph, node: Node, prop: URIRef) -> str | None:
    value = graph.value(node, prop)
    return None if value is None else str(value)


def _int(graph: rdflib.Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError):
            return None
    return None


def _bg_types(graph: rdflib.Graph, node: Node) -> list[str]:
    return sorted(str(t)[len(BG_IRI) :] for t in graph.objects(node, RDF.type) if str(t).startswith(BG_IRI))


def _label(graph: rdflib.Graph, node: Node) -> str:
    label = graph.value(node, RDFS.label)
    if label is not None:
        return str(label)
    # No label: the IRI's last segment is the most readable fallback.
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def _entity_type(graph: rdflib.Graph, node: Node) -> str | None:
    types = set(_bg_types(graph, node))
    return next((t for t in TYPE_PRECEDENCE if t in types), None)


def entities(graph: rdflib.Graph) -> set[Node]:
    found: set[Node] = set()
    for cls in _ENTITY_CLASSES:
        found.update(graph.subjects(RDF.type, cls))
    return found


def _as_iri(query: str) -> list[URIRef]:
    """The IRIs a query could stand for: full, prefixed (bgid:…) or relative to bgid:."""
    q = query.strip().strip("<>")
    out: list[URIRef] = []
    if q.startswith(("http://", "https://", "urn:")):
        out.append(URIRef(q))
    prefix, sep, rest = q.partition(":")
    if sep and prefix in PREFIXES:
        out.append(URIRef(PREFIXES[prefix] + rest))
    if "/" in q and " " not in q:
        out.append(URIRef(ID_IRI + q.lstrip("/")))
    return out


def find_entity(graph: rdflib.Graph, query: str) -> Node:
    """The one entity ``query`` names (IRI, label or alt label, titles ignored); errors otherwise."""
    known = entities(graph)
    for iri in _as_iri(query):
        if iri in known:
            return iri
    items = [
        lookup.Named(
            str(n),
            _label(graph, n),
            tuple(str(a) for a in graph.objects(n, SKOS.altLabel)),
            _entity_type(graph, n),
        )
        for n in known
    ]
    try:
        return URIRef(lookup.find(query, items).key)
    except lookup.Ambiguous as exc:
        cands = [Candidate(c.key, c.label, c.type or "?") for c in exc.candidates]
        raise AmbiguousEntity(query, cands) from None


# --------------------------------------------------------------------------- gathering


class _Reader:
    def __init__(self, graph: rdflib.Graph) -> None:
        self.g = graph
        self._reports: dict[Node, ReportRef] = {}

    def report(self, node: Node | None) -> ReportRef | None:
        return None if node is None else self.report_ref(node)

    def report_ref(self, node: Node) -> ReportRef:
        if node not in self._reports:
            g = self.g
            ident = _text(g, node, DCTERMS.identifier) or str(node).rstrip("/").rsplit("/", 1)[-1]
            date = _text(g, node, DCTERMS.date)
            self._reports[node] = ReportRef(
                str(node), ident, date[:10] if date else None, _text(g, node, DCTERMS.title)
            )
        return self._reports[node]

    def evidence(self, node: Node | None) -> Evidence | None:
        if node is None:
            return None
        g = self.g
        text = _text(g, node, RDF.value)
        start = end = None
        for sel in g.objects(node, OA.hasSelector):
            if start is None:
                start, end = _int(g, sel, OA.start), _int(g, sel, OA.end)
            if text is None:
                text = _text(g, sel, OA.exact)
        return Evidence(text, start, end)

    def role(self, membership: Node) -> str | None:
        role = self.g.value(membership, ORG.role)
        return None if role is None else _label(self.g, role)

    def party(self, node: Node, role: str | None = None) -> Party:
        return Party(str(node), _label(self.g, node), _entity_type(self.g, node), role)

    def mentions(self, entity: Node) -> list[MentionInfo]:
        g = self.g
        out: list[MentionInfo] = []
        annotated: set[Node] = set()
        for ann in g.subjects(OA.hasBody, entity):
            target = g.value(ann, OA.hasTarget)
            source = g.value(target, OA.hasSource) if target is not None else None
            ev_node = g.value(ann, BG.evidence)
            if source is None and ev_node is not None:
                source = g.value(ev_node, OA.hasSource)
            report = self.report(source)
            if report is None or source is None:
                continue  # an annotation with no report cannot be shown in context
            annotated.add(source)
            exact = prefix = suffix = None
            start = end = None
            for sel in g.objects(target, OA.hasSelector):
                if g.value(sel, OA.start) is not None:
                    start, end = _int(g, sel, OA.start), _int(g, sel, OA.end)
                if g.value(sel, OA.exact) is not None:
                    exact = _text(g, sel, OA.exact)
                    prefix, suffix = _text(g, sel, OA.prefix), _text(g, sel, OA.suffix)
            out.append(
                MentionInfo(
                    report, exact, start, end, prefix, suffix, _text(g, ann, BG.rule), self.evidence(ev_node)
                )
            )
        # Reports that list the entity without an annotation still count as mentions.
        for rep in g.subjects(BG.mentions, entity):
            if rep not in annotated:
                out.append(MentionInfo(self.report_ref(rep), None, None, None))
        return out

    def _relation(self, kind: str, node: Node, others: list[Party], role: str | None = None) -> RelationInfo:
        g = self.g
        report = self.report(g.value(node, PROV.wasDerivedFrom))
        date = _text(g, node, DCTERMS.date)
        return RelationInfo(
            kind=kind,
            report=report,
            date=date[:10] if date else (report.date if report else None),
            others=tuple(sorted(others, key=lambda p: (p.label, p.iri))),
            relation_type=_text(g, node, BG.relationType),
            trigger=_text(g, node, BG.trigger),
            role=role,
            evidence=self.evidence(g.value(node, BG.evidence)),
            iri=str(node),
        )

    def relations(self, entity: Node) -> list[RelationInfo]:
        g = self.g
        out: list[RelationInfo] = []
        for c in g.subjects(BG.participant, entity):
            others = [self.party(p) for p in g.objects(c, BG.participant) if p != entity]
            out.append(self._relation("collaboration", c, others))
        for p in g.subjects(BG.member, entity):
            progs = [self.party(x, "programme") for x in g.objects(p, BG.programme)]
            out.append(self._relation("participation", p, progs))
        for p in g.subjects(BG.programme, entity):
            members = [self.party(x, "member") for x in g.objects(p, BG.member)]
            out.append(self._relation("participation", p, members))
        for m in g.subjects(ORG.member, entity):
            orgs = [self.party(o, "organisation") for o in g.objects(m, ORG.organization)]
            out.append(self._relation("membership", m, orgs, self.role(m)))
        for m in g.subjects(ORG.organization, entity):
            members = [self.party(x, "member") for x in g.objects(m, ORG.member)]
            out.append(self._relation("membership", m, members, self.role(m)))
        # Roles a report gives the entity: who chaired it, which board it is from.
        for kind, prop in (("chair", BG.chair), ("board", BG.board), ("contact officer", BG.contactOfficer)):
            for rep in g.subjects(prop, entity):
                report = self.report_ref(rep)
                out.append(RelationInfo(kind, report, report.date, (), role=kind))
        return out


def explain(graph: rdflib.Graph, query: str) -> Explanation:
    entity = find_entity(graph, query)
    g = graph
    reader = _Reader(graph)
    return Explanation(
        iri=str(entity),
        types=_bg_types(g, entity),
        label=_label(g, entity),
        alt_labels=sorted({str(x) for x in g.objects(entity, SKOS.altLabel)}),
        register_codes=sorted({str(x) for x in g.objects(entity, BG.registerCode)}),
        gss_codes=sorted({str(x) for x in g.objects(entity, BG.gssCode)}),
        same_as=sorted({str(x) for x in g.objects(entity, OWL.sameAs)}),
        resolution_notes=sorted({str(x) for x in g.objects(entity, BG.resolutionNote)}),
        mentions=reader.mentions(entity),
        relations=reader.relations(entity),
    )

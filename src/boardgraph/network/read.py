"""The graph file → :class:`~boardgraph.graph.records.GraphData`, by SPARQL.

Everything the network stage knows starts here, from the RDF that ``boardgraph
build`` writes (docs/graph.md), so the network is exactly what the knowledge
graph states, whoever produced it: the same analysis runs on a graph edited by
hand or dumped from a triple store. The file is read with the one loader,
:func:`boardgraph.graph.load.load_store`, and queried over the union of its
graphs, so a TriG or N-Quads file reads the same as its Turtle.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from boardgraph.graph.load import load_store
from boardgraph.graph.records import (
    Collaboration,
    Entity,
    Evidence,
    GraphData,
    MentionRecord,
    Report,
    RoleRecord,
)
from boardgraph.graph.vocab import BG_IRI, sparql_prefixes
from boardgraph.model import TYPE_PRECEDENCE, TYPES

PREFIXES = sparql_prefixes("bg", "dcterms", "oa", "org", "prov", "rdf", "rdfs", "skos")
_TYPE_VALUES = " ".join(f"bg:{t.name}" for t in TYPES)

Row = dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | None]


def as_data(source: GraphData | ox.Store | Path | str) -> GraphData:
    """Accept what callers have: records already read, a loaded store, or a graph file."""
    if isinstance(source, GraphData):
        return source
    if isinstance(source, ox.Store):
        return read_graph_data(source)
    return read_graph_data(load_store(source))


def read_graph_data(store: ox.Store) -> GraphData:
    """Read entities, reports, collaborations, participations, mentions and roles by SPARQL."""
    reports = _read_reports(store)
    evidence = _read_evidence(store)
    collaborations = _read_statements(
        store,
        "bg:Collaboration",
        "SELECT ?s ?p WHERE { ?s a bg:Collaboration ; bg:participant ?p } ORDER BY ?s ?p",
        reports,
        evidence,
    )
    # A participation's participants are (member, programme), in that order.
    participations = _read_statements(
        store,
        "bg:Participation",
        "SELECT ?s ?p WHERE { ?s a bg:Participation ; bg:member ?p } ORDER BY ?s ?p",
        reports,
        evidence,
    )
    programmes = _programmes_of(store)
    participations = [
        dataclasses.replace(p, participants=(m, prog))
        for p in participations
        for m in sorted(set(p.participants))
        for prog in programmes.get(p.iri, [])
    ]
    return GraphData(
        entities=_read_entities(store),
        reports=reports,
        collaborations=collaborations,
        participations=participations,
        mentions=_read_mentions(store, reports, evidence),
        roles=_read_roles(store, reports),
    )


# ------------------------------------------------------------------ terms


def _rows(store: ox.Store, query: str) -> list[Row]:
    """Each solution as a dict of variable → term (None when unbound), over every graph of the file."""
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)  # every query here is a SELECT
    names = [v.value for v in solutions.variables]
    return [{name: solution[name] for name in names} for solution in solutions]


def _str(term: object) -> str:
    """An IRI or a literal's lexical form; "" when unbound."""
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def _date(term: object) -> dt.date | None:
    """A leading ISO date of a literal (xsd:date or xsd:dateTime); None if there is none or it is invalid."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", _str(term))
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _int(term: object) -> int | None:
    try:
        return int(_str(term)) if term is not None else None
    except ValueError:
        return None


def label_from_iri(iri: str) -> str:
    """A readable name for an entity with no label: its IRI's last segment."""
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()


# ------------------------------------------------------------------ records


def _read_entities(store: ox.Store) -> dict[str, Entity]:
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, list[str]] = defaultdict(list)
    for row in _rows(
        store,
        f"""SELECT ?e ?type ?label WHERE {{
             VALUES ?type {{ {_TYPE_VALUES} }}
             ?e a ?type . OPTIONAL {{ ?e rdfs:label ?label }} }}""",
    ):
        iri = _str(row["e"])
        types[iri].add(_str(row["type"])[len(BG_IRI) :])
        if row["label"] is not None:
            labels[iri].append(_str(row["label"]))
    alts: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"):
        alts[_str(row["e"])].add(_str(row["alt"]))
    entities = {}
    for iri in sorted(types):
        # The contract: a council that is also typed bg:Organisation is read as a council.
        kind = next(t for t in TYPE_PRECEDENCE if t in types[iri])
        label = min(labels[iri]) if labels[iri] else label_from_iri(iri)
        entities[iri] = Entity(iri, kind, label, tuple(sorted(alts[iri] - {label})))
    return entities


def _read_reports(store: ox.Store) -> dict[str, Report]:
    reports = {}
    for row in _rows(
        store,
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
        iri = _str(row["r"])
        ident = _str(row["rid"]) or iri.rstrip("/").rsplit("/", 1)[-1]
        reports[iri] = Report(
            iri,
            ident,
            _str(row["title"]),
            _date(row["date"]),
            _str(row["board"]),
            _str(row["chair"]),
            _str(row["fmt"]),
        )
    return reports


def _read_evidence(store: ox.Store) -> dict[str, Evidence]:
    texts: dict[str, str] = {}
    spans: dict[str, tuple[int | None, int | None]] = {}
    for row in _rows(
        store,
        """SELECT ?ev ?value ?exact ?start ?end WHERE {
             ?x bg:evidence ?ev .
             OPTIONAL { ?ev rdf:value ?value }
             OPTIONAL { ?ev oa:hasSelector ?q . ?q oa:exact ?exact }
             OPTIONAL { ?ev oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }
           }""",
    ):
        iri = _str(row["ev"])
        text = _str(row["value"]) or _str(row["exact"])
        if text and len(text) > len(texts.get(iri, "")):
            texts[iri] = text
        if row["start"] is not None:
            spans[iri] = (_int(row["start"]), _int(row["end"]))
    return {
        iri: Evidence(texts.get(iri, ""), *spans.get(iri, (None, None)))
        for iri in sorted(set(texts) | set(spans))
    }


def _read_statements(
    store: ox.Store,
    cls: str,
    parts_query: str,
    reports: Mapping[str, Report],
    evidence: Mapping[str, Evidence],
) -> list[Collaboration]:
    """Collaborations or participations: their participants, report, date and evidence."""
    participants: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, parts_query):
        participants[_str(row["s"])].append(_str(row["p"]))
    details: dict[str, dict[str, object]] = defaultdict(dict)
    evs: dict[str, set[str]] = defaultdict(set)
    for row in _rows(
        store,
        f"""SELECT ?s ?report ?date ?rtype ?trigger ?ev WHERE {{
             ?s a {cls} .
             OPTIONAL {{ ?s prov:wasDerivedFrom ?report }}
             OPTIONAL {{ ?s dcterms:date ?date }}
             OPTIONAL {{ ?s bg:relationType ?rtype }}
             OPTIONAL {{ ?s bg:trigger ?trigger }}
             OPTIONAL {{ ?s bg:evidence ?ev }}
           }}""",
    ):
        d = details[_str(row["s"])]
        for key in ("report", "date", "rtype", "trigger"):
            if row[key] is not None and key not in d:
                d[key] = row[key]
        if row["ev"] is not None:
            evs[_str(row["s"])].add(_str(row["ev"]))
    records = []
    for iri in sorted(details):
        d = details[iri]
        report_iri = _str(d.get("report"))
        report = reports.get(report_iri)
        records.append(
            Collaboration(
                iri=iri,
                participants=tuple(participants.get(iri, ())),
                report=report_iri,
                report_id=report.identifier if report else report_iri.rsplit("/", 1)[-1],
                date=_date(d.get("date")) or (report.date if report else None),
                relation_type=_str(d.get("rtype")),
                trigger=_str(d.get("trigger")),
                evidence=tuple(evidence[e] for e in sorted(evs[iri]) if e in evidence),
            )
        )
    return records


def _programmes_of(store: ox.Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    query = "SELECT ?s ?p WHERE { ?s a bg:Participation ; bg:programme ?p } ORDER BY ?s ?p"
    for row in _rows(store, query):
        out[_str(row["s"])].append(_str(row["p"]))
    return out


def _read_mentions(
    store: ox.Store, reports: Mapping[str, Report], evidence: Mapping[str, Evidence]
) -> list[MentionRecord]:
    found: set[tuple[str, str, str, str]] = set()
    for row in _rows(
        store,
        """SELECT ?e ?report ?exact ?ev WHERE {
             ?m a bg:Mention ; oa:hasBody ?e .
             OPTIONAL { ?m oa:hasTarget ?t . ?t oa:hasSource ?report .
                        OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact } }
             OPTIONAL { ?m bg:evidence ?ev }
           }""",
    ):
        report = _str(row["report"]) or _report_of(_str(row["ev"]), reports)
        found.add((_str(row["e"]), report, _str(row["exact"]), _str(row["ev"])))
    # The contract only promises bg:mentions; keep those that have no annotation too.
    annotated = {(e, r) for e, r, _, _ in found}
    for row in _rows(store, "SELECT ?r ?e WHERE { ?r bg:mentions ?e }"):
        if (_str(row["e"]), _str(row["r"])) not in annotated:
            found.add((_str(row["e"]), _str(row["r"]), "", ""))
    return [MentionRecord(e, r, text, evidence.get(ev)) for e, r, text, ev in sorted(found)]


def _report_of(iri: str, reports: Mapping[str, Report]) -> str:
    # Everything about a report lives under its IRI (docs/graph.md).
    return next((r for r in reports if iri.startswith(r + "/")), "") if iri else ""


def _read_roles(store: ox.Store, reports: Mapping[str, Report]) -> list[RoleRecord]:
    roles = set()
    for row in _rows(
        store,
        """SELECT ?person ?r ?role ?orgl ?report ?date WHERE {
             ?m a org:Membership ; org:member ?person ; org:role ?r .
             OPTIONAL { ?r rdfs:label ?role }
             OPTIONAL { ?m org:organization/rdfs:label ?orgl }
             OPTIONAL { ?m prov:wasDerivedFrom ?report }
             OPTIONAL { ?m dcterms:date ?date }
           }""",
    ):
        report = _str(row["report"])
        date = _date(row["date"]) or (reports[report].date if report in reports else None)
        role = _str(row["role"]) or label_from_iri(_str(row["r"]))
        roles.add(RoleRecord(_str(row["person"]), role, _str(row["orgl"]), report, date))
    return sorted(roles, key=lambda r: (r.person, r.date or dt.date.min, r.role, r.organisation, r.report))

"""The vocabulary boardgraph writes, as rdflib namespaces, and its one prefix table.

The ontology itself (labels, comments, alignments to FOAF, ORG, PROV-O,
schema.org and the Web Annotation vocabulary) is ``ontology/boardgraph.ttl``;
this module only names the terms so that code cannot misspell them: every
vocabulary namespace is strict (a misspelt term is an ``AttributeError``).
rdflib's own are used where their IRI is ours (ORG, PROV, FOAF, DCTERMS, SKOS,
SH, …); the Web Annotation vocabulary has none in rdflib, and rdflib's schema.org
(``SDO``) only warns on an unknown term, so both are declared here.

``NAMESPACES`` is the one prefix table: the Turtle/TriG prefixes, the JSON-LD
context and the SPARQL prologues are selections from it (:func:`prefixes`,
:func:`sparql_prefixes`). Only data IRIs (``ID``, ``ONS_GEOGRAPHY``) stay open
namespaces.
"""

from __future__ import annotations

from rdflib import BNode, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

__all__ = [
    "BG",
    "BG_IRI",
    "DCTERMS",
    "DISPLAY_PREFIXES",
    "FOAF",
    "ID",
    "ID_IRI",
    "NAMESPACES",
    "OA",
    "ONS_GEOGRAPHY",
    "ORG",
    "OUTPUT_PREFIXES",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
    "compact",
    "namespaces",
    "prefixes",
    "sparql_prefixes",
]

BG_IRI = "https://w3id.org/boardgraph/ontology#"
ID_IRI = "https://w3id.org/boardgraph/id/"


class BG(DefinedNamespace):
    _NS = Namespace(BG_IRI)
    _fail = True

    # classes
    Report: URIRef
    Person: URIRef
    Council: URIRef
    Organisation: URIRef
    Programme: URIRef
    Collaboration: URIRef
    Participation: URIRef
    Mention: URIRef
    Evidence: URIRef
    Build: URIRef
    Pipeline: URIRef

    # report metadata (contract)
    board: URIRef
    chair: URIRef
    mentions: URIRef
    # report metadata (richer)
    title: URIRef
    contactOfficer: URIRef
    sourceFormat: URIRef
    sha256: URIRef
    dateMethod: URIRef
    dateConfidence: URIRef
    dateEvidence: URIRef
    readByOcr: URIRef
    ocrEngine: URIRef
    ocrConfidence: URIRef
    ocrPage: URIRef
    ocrLowConfidencePage: URIRef

    # relations (contract)
    participant: URIRef
    member: URIRef
    programme: URIRef
    # relations (richer)
    relationType: URIRef
    trigger: URIRef
    evidence: URIRef
    rule: URIRef
    entityType: URIRef

    # entities
    gssCode: URIRef
    registerCode: URIRef
    resolutionNote: URIRef
    # doubtful identities (boardgraph review)
    SameAsCandidate: URIRef
    possibleSameAs: URIRef
    candidate: URIRef
    score: URIRef
    reason: URIRef


class OA(DefinedNamespace):
    """The Web Annotation vocabulary: the terms boardgraph writes (mentions, quotes, offsets)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    motivatedBy: URIRef
    identifying: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef


class SCHEMA(DefinedNamespace):
    """schema.org (https, as rdflib's SDO), strict: the terms the ontology aligns to."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    GovernmentOrganization: URIRef
    Organization: URIRef
    Person: URIRef
    Project: URIRef
    Report: URIRef
    mentions: URIRef


ID = Namespace(ID_IRI)
ONS_GEOGRAPHY = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")

# The one prefix table, in the order the build writes its @prefix lines.
NAMESPACES: dict[str, str] = {
    "bg": BG_IRI,
    "bgid": ID_IRI,
    "oa": str(OA),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
}


def prefixes(*names: str) -> dict[str, str]:
    """The prefixes ``names`` (in that order) from the table; a name not in it is a KeyError."""
    return {name: NAMESPACES[name] for name in names}


def namespaces(*names: str) -> dict[str, Namespace]:
    """The same as rdflib ``Namespace`` objects, e.g. for ``Graph.query(initNs=...)``."""
    return {name: Namespace(iri) for name, iri in prefixes(*names).items()}


def sparql_prefixes(*names: str) -> str:
    """A SPARQL prologue declaring ``names``: one ``PREFIX p: <iri>`` line each."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes(*names).items())


# boardgraph's own vocabularies: bound when a graph is read back or exported, and the JSON-LD context.
PREFIXES = prefixes("bg", "bgid", "oa", "org", "schema")
# What the build's writers declare. Data IRIs (bgid:) are written in full: their paths
# have slashes, which a prefixed name could only carry escaped ("bgid:council\/bir").
OUTPUT_PREFIXES = prefixes(
    "bg", "oa", "org", "schema", "dcterms", "foaf", "prov", "skos", "owl", "rdf", "rdfs", "xsd"
)
# How a table shows IRIs, longest namespace first so that bgid: wins over shorter overlapping ones.
DISPLAY_PREFIXES = dict(
    sorted(
        prefixes(
            "bg", "bgid", "oa", "org", "schema", "dcterms", "prov", "rdf", "rdfs", "skos", "owl", "xsd"
        ).items(),
        key=lambda kv: -len(kv[1]),
    )
)


def compact(term: object) -> str:
    """A term as a table shows it: ``prefix:local`` for a known namespace, ``<iri>``, ``_:b``, or the text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, iri in DISPLAY_PREFIXES.items():
            if term.startswith(iri):
                return f"{prefix}:{term[len(iri) :]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)

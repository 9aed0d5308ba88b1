"""The vocabulary boardgraph writes, as rdflib namespaces.

The ontology itself (labels, comments, alignments to FOAF, ORG, PROV-O,
schema.org and the Web Annotation vocabulary) is ``ontology/boardgraph.ttl``;
this module only names the terms so that code cannot misspell them.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

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


ID = Namespace(ID_IRI)
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
ONS_GEOGRAPHY = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")

PREFIXES = {
    "bg": BG_IRI,
    "bgid": ID_IRI,
    "oa": str(OA),
    "org": str(ORG),
    "schema": str(SCHEMA),
}

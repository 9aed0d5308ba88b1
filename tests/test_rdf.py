"""The RDF stage: named-graph partition and the ontology's contract terms."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from boardgraph.graph.rdf import (
    GRAPH_BUILD,
    GRAPH_ENTITIES,
    GRAPH_ONTOLOGY,
    graph_name_for,
    load_ontology,
    partition,
)
from boardgraph.graph.vocab import BG, ID


def test_every_subject_has_one_named_graph() -> None:
    assert graph_name_for(ID["report/abc"]) == ID["graph/report/abc"]
    assert graph_name_for(ID["report/abc/mention/1-5/target"]) == ID["graph/report/abc"]
    assert graph_name_for(ID["person/jo-bloggs"]) == GRAPH_ENTITIES
    assert graph_name_for(ID["build/123"]) == GRAPH_BUILD
    assert graph_name_for(ID["pipeline/x"]) == GRAPH_BUILD
    assert graph_name_for(BG.Person) == GRAPH_ONTOLOGY
    assert graph_name_for(URIRef("http://example.org/x")) == GRAPH_ENTITIES


def test_dataset_keeps_every_triple(demo_graph) -> None:
    g = Graph().parse(demo_graph)
    ds = partition(g)
    names = {c.identifier for c in ds.graphs() if len(c)}
    assert ID["graph/report/000_9b5f2d8786f8fe9f"] in names
    assert sum(len(c) for c in ds.graphs()) == len(g)


def test_ontology_declares_the_contract_terms_with_alignments() -> None:
    onto = load_ontology()
    for cls in (
        BG.Report,
        BG.Person,
        BG.Council,
        BG.Organisation,
        BG.Programme,
        BG.Collaboration,
        BG.Participation,
    ):
        assert (cls, RDF.type, OWL.Class) in onto
        assert onto.value(cls, RDFS.label) is not None and onto.value(cls, RDFS.comment) is not None
    for prop in (BG.board, BG.chair, BG.mentions, BG.participant, BG.member, BG.programme):
        assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (BG.Person, RDFS.subClassOf, URIRef("http://xmlns.com/foaf/0.1/Person")) in onto
    assert (BG.Council, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in onto
    assert (BG.Collaboration, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Activity")) in onto


def test_every_vocabulary_term_is_in_the_ontology() -> None:
    onto = load_ontology()
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(BG))}
    for name in BG.__annotations__:
        assert BG[name] in declared, name

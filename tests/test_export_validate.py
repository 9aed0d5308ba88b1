"""Exports (Turtle, N-Triples, JSON-LD, TriG with per-report graphs), SHACL validation and the ontology."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.graph.export import ONTOLOGY_GRAPH, export, named_graphs, partition
from boardgraph.graph.load import load_graph
from boardgraph.graph.validate import validate_file
from boardgraph.graph.vocab import BG, BG_IRI, ID
from boardgraph.resources import shipped
from boardgraph.sparql.query import LocalStore, run_query
from test_query import FIXTURE_TTL

ONTOLOGY = shipped("ontology", "boardgraph.ttl")
SHAPES = shipped("ontology", "shapes.ttl")


@pytest.fixture()
def fixture_graph(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(FIXTURE_TTL, encoding="utf-8")
    return path


# ------------------------------------------------------------------ export


@pytest.mark.parametrize(
    "fmt,suffix", [("turtle", "ttl"), ("nt", "nt"), ("jsonld", "jsonld"), ("trig", "trig")]
)
def test_export_round_trips(fmt: str, suffix: str, fixture_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out.{suffix}"
    assert main(["export", str(fixture_graph), "--format", fmt, "-o", str(out)]) == 0
    assert isomorphic(load_graph(out), load_graph(fixture_graph))


def test_trig_keeps_one_named_graph_per_report(fixture_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    count = export(fixture_graph, "trig", out, with_ontology=True)
    dataset = Dataset()
    dataset.parse(out, format="trig")
    graphs = named_graphs(dataset)
    assert set(graphs) == {
        ID["graph/report/r1"],
        ID["graph/report/r2"],
        ID["graph/entities"],
        ID["graph/build"],
        ONTOLOGY_GRAPH,
    }
    assert count == sum(len(g) for g in graphs.values())
    r1 = graphs[ID["graph/report/r1"]]
    assert all(str(s).startswith(f"{ID}report/r1") for s in r1.subjects())
    assert (ID["person/ann-able"], RDFS.label, None) in graphs[ID["graph/entities"]]
    assert (BG.Report, RDF.type, OWL.Class) in graphs[ONTOLOGY_GRAPH]
    # Every data triple is in exactly one graph.
    data = load_graph(fixture_graph)
    assert sum(len(g) for name, g in graphs.items() if name != ONTOLOGY_GRAPH) == len(data)
    # A TriG file queries like the Turtle it came from.
    trig = run_query("worked-with", [("person", None, "Ann Able")], graph=LocalStore([out]))
    ttl = run_query("worked-with", [("person", None, "Ann Able")], graph=fixture_graph)
    assert trig.rows == ttl.rows


def test_partition_follows_docs_graph_md() -> None:
    graph = Graph()
    subjects = {
        ID["report/000_x"]: ID["graph/report/000_x"],
        ID["report/000_x/mention/1-5/target"]: ID["graph/report/000_x"],
        ID["person/a"]: ID["graph/entities"],
        ID["council/wgn"]: ID["graph/entities"],
        ID["role/vice-chair"]: ID["graph/entities"],
        ID["build/abc"]: ID["graph/build"],
        ID["pipeline/x"]: ID["graph/build"],
    }
    for s in subjects:
        graph.add((s, RDFS.label, URIRef("urn:x")))
    graphs = named_graphs(partition(graph))
    for s, name in subjects.items():
        assert (s, None, None) in graphs[name], s


def test_export_is_atomic(fixture_graph: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "graph.nt"
    out.write_text("previous\n")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Graph, "serialize", broken)
    with pytest.raises(RuntimeError):
        export(fixture_graph, "nt", out)
    assert out.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_errors(fixture_graph: Path, tmp_path: Path, capsys) -> None:
    assert (
        main(["export", str(tmp_path / "missing.ttl"), "--format", "nt", "-o", str(tmp_path / "x.nt")]) == 2
    )
    assert "graph file not found" in capsys.readouterr().err
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(BoardgraphError, match="cannot parse as turtle"):
        load_graph(bad)


# --------------------------------------------------------------- validate


def test_fixture_conforms(fixture_graph: Path, capsys) -> None:
    assert main(["validate", str(fixture_graph)]) == 0
    assert "conforms" in capsys.readouterr().out


def _break(text: str, old: str, new: str) -> str:
    assert old in text, old  # the fixture still has what the test breaks
    return text.replace(old, new)


def test_violations_fail_with_a_readable_report(tmp_path: Path, capsys) -> None:
    broken = FIXTURE_TTL
    # a collaboration with one participant and no source report
    broken = _break(
        broken,
        "bg:participant bgid:person\\/cy-cole , bgid:person\\/ann-able ;\n"
        "    prov:wasDerivedFrom bgid:report\\/r2 ;",
        "bg:participant bgid:person\\/cy-cole ;",
    )
    # a mention target without its quote selector
    broken = _break(
        broken,
        "bgid:report\\/r1\\/mention\\/30-41\\/position ,\n"
        "        bgid:report\\/r1\\/mention\\/30-41\\/quote .",
        "bgid:report\\/r1\\/mention\\/30-41\\/position .",
    )
    # a date that is not an xsd:date
    broken = _break(
        broken,
        'dcterms:date "2014-03-01"^^xsd:date ;\n    bg:board',
        'dcterms:date "1 March 2014" ;\n    bg:board',
    )
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    assert main(["validate", "--graph", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("the graph does not conform:")
    assert (
        "bgid:report/r2/collaboration/c2 bg:participant: a collaboration has at least two participants" in out
    )
    assert "collaboration is derived from exactly one report" in out
    assert "exactly one oa:TextQuoteSelector" in out
    assert "bgid:report/r2 dcterms:date" in out and "xsd:date" in out
    report = validate_file(path)
    assert not report.conforms and report.counts()["Violation"] >= 4


# ---------------------------------------------------------------- ontology


def _ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY, format="turtle")
    return graph


def test_every_ontology_term_is_labelled_and_commented() -> None:
    graph = _ontology()
    terms = {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(BG_IRI)}
    assert len(terms) >= 30
    missing = sorted(
        f"{t} lacks {p.fragment}"
        for t in terms
        for p in (RDFS.label, RDFS.comment)
        if (t, p, None) not in graph
    )
    assert missing == []


def test_ontology_is_owl_and_covers_the_vocabulary() -> None:
    graph = _ontology()
    assert (URIRef(BG_IRI.rstrip("#")), RDF.type, OWL.Ontology) in graph
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for term in (s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(BG_IRI)):
        assert set(graph.objects(term, RDF.type)) & kinds, f"{term} has no OWL type"
    # Every term the code can write (vocab.BG) is declared in the ontology.
    for name in BG.__annotations__:
        assert (BG[name], RDF.type, None) in graph, name
    # Object and datatype properties are kept apart (OWL 2 DL).
    assert not set(graph.subjects(RDF.type, OWL.ObjectProperty)) & set(
        graph.subjects(RDF.type, OWL.DatatypeProperty)
    )


def test_shapes_only_use_declared_terms() -> None:
    ontology, shapes = _ontology(), Graph().parse(SHAPES, format="turtle")
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(BG_IRI)}
    undeclared = sorted(t for t in used if (t, RDF.type, None) not in ontology)
    assert undeclared == []


def test_demo_graph_conforms_to_the_shapes(demo_graph: Path) -> None:
    report = validate_file(demo_graph)
    assert report.conforms, report.text()


def test_demo_graph_uses_only_declared_terms(demo_graph: Path) -> None:
    ontology, graph = _ontology(), load_graph(demo_graph)
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(BG_IRI)}
    assert sorted(t for t in used if (t, RDF.type, None) not in ontology) == []


def test_demo_graph_trig_has_a_graph_per_report(demo_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    export(demo_graph, "trig", out)
    dataset = Dataset()
    dataset.parse(out, format="trig")
    names = {str(name) for name in named_graphs(dataset)}
    reports = {n for n in names if n.startswith(f"{ID}graph/report/")}
    assert len(reports) == 5 and f"{ID}graph/report/000_9b5f2d8786f8fe9f" in reports
    assert sum(len(g) for g in named_graphs(dataset).values()) == len(load_graph(demo_graph))


@pytest.mark.parametrize("fmt", ["trig", "jsonld", "nt"])
def test_export_is_deterministic_across_runs(fmt: str, fixture_graph: Path, tmp_path: Path) -> None:
    # Separate processes with different hash seeds: set and dict order must not leak into the file.
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.{fmt}"
        subprocess.run(
            [sys.executable, "-m", "boardgraph", "export", str(fixture_graph), "-f", fmt, "-o", str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]

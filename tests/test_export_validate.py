"""Exports (Turtle, N-Triples, JSON-LD, TriG with per-report graphs), SHACL validation and the ontology."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.graph import export as export_module
from boardgraph.graph.export import ONTOLOGY_GRAPH, export, named_graphs, partition
from boardgraph.graph.formats import (
    BUILD_FORMATS,
    EXPORT_FORMATS,
    SYNTAXES,
    format_for_media_type,
    format_for_path,
    format_named,
)
from boardgraph.graph.load import load_graph, load_store, to_rdflib
from boardgraph.graph.sink import FORMATS as SINK_FORMATS
from boardgraph.graph.validate import validate_file
from boardgraph.graph.vocab import BG, BG_IRI, ID
from boardgraph.resources import shipped
from boardgraph.sparql.query import LocalStore, run_query
from test_query import FIXTURE_TTL

ONTOLOGY = shipped("ontology", "boardgraph.ttl")
SHAPES = shipped("ontology", "shapes.ttl")


def _named_graphs(path: Path) -> dict[URIRef, Graph]:
    store = load_store(path)
    return {URIRef(g.value): to_rdflib(store, graph_name=g) for g in store.named_graphs()}


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
    graphs = _named_graphs(out)
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
    graphs = _named_graphs(out)
    reports = {str(n) for n in graphs if str(n).startswith(f"{ID}graph/report/")}
    assert len(reports) == 5 and f"{ID}graph/report/000_9b5f2d8786f8fe9f" in reports
    assert sum(len(g) for g in graphs.values()) == len(load_graph(demo_graph))


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


# ------------------------------------------------------------------ one format table, one loader


def _every_syntax(fixture_graph: Path, folder: Path) -> dict[str, Path]:
    """The fixture in every syntax of the table; the quads ones keep the per-report graphs."""
    trig = folder / "source.trig"
    export(fixture_graph, "trig", trig)
    store = load_store(trig)
    files = {}
    for syntax in SYNTAXES:
        path = folder / f"graph{syntax.suffixes[0]}"
        if syntax.quads:
            store.dump(str(path), syntax.oxigraph)
        else:
            ox.serialize((quad.triple for quad in store), str(path), syntax.oxigraph)
        files[syntax.name] = path
    return files


def test_every_syntax_loads_alike_without_warnings(fixture_graph: Path, tmp_path: Path) -> None:
    expected = set(load_graph(fixture_graph))
    for name, path in _every_syntax(fixture_graph, tmp_path).items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # rdflib's quad parsers warn (ConjunctiveGraph); ours must not
            store = load_store(path)
            graph = load_graph(path)
        assert set(graph) == expected, name
        if format_named(name).quads:
            # Named graphs are kept; the default graph holds only what is outside them (here nothing).
            assert ID["graph/entities"] in {URIRef(g.value) for g in store.named_graphs()}, name
            assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), name
        else:
            assert not list(store.named_graphs()), name


def test_exports_and_queries_emit_no_warnings(fixture_graph: Path, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fmt in EXPORT_FORMATS:
            out = tmp_path / f"out{format_named(fmt).suffixes[0]}"
            export(fixture_graph, fmt, out, with_ontology=True)
            assert len(load_graph(out)) > len(load_graph(fixture_graph)), fmt  # the ontology came along
        assert validate_file(fixture_graph).conforms


def test_format_table_names_suffixes_and_media_types() -> None:
    assert [s.name for s in SYNTAXES] == ["turtle", "nt", "nquads", "trig", "jsonld", "xml"]
    assert format_for_path("g.TTL").name == "turtle" and format_for_path("g.nq").quads
    assert format_for_path("g.json").name == format_named("json-ld").name == "jsonld"
    assert format_for_media_type("text/turtle; charset=utf-8") is format_named("turtle")
    assert format_for_media_type("text/html") is None
    with pytest.raises(BoardgraphError, match=r"unknown RDF file type '\.csv'"):
        format_for_path("g.csv")
    with pytest.raises(BoardgraphError, match="unknown RDF format"):
        format_named("n3")
    # Every sink format is written by Oxigraph, every export format by export().
    assert set(BUILD_FORMATS) == set(SINK_FORMATS) and set(EXPORT_FORMATS) == set(export_module.FORMATS)


def test_cli_format_choices_come_from_the_table(capsys) -> None:
    for command, names in (("build", BUILD_FORMATS), ("export", EXPORT_FORMATS)):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert "{" + ",".join(names) + "}" in text
        assert "json-ld" not in text  # the old spelling still parses, unlisted


def test_cli_export_takes_the_old_json_ld_spelling(fixture_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.jsonld"
    assert main(["export", str(fixture_graph), "-f", "json-ld", "-o", str(out)]) == 0
    assert set(load_graph(out)) == set(load_graph(fixture_graph))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("absent.ttl", None, "absent.ttl: graph file not found"),
        ("bad.ttl", "<a> <b> .", "bad.ttl: cannot parse as turtle: "),
        ("bad.trig", "<http://x/g> { <http://x/a> <http://x/b> ", "bad.trig: cannot parse as trig: "),
        ("bad.jsonld", "{not json", "bad.jsonld: cannot parse as jsonld: "),
        ("bad.nt", b"\xff\xfe<a>", "bad.nt: cannot parse as nt: "),
        ("graph.csv", "a,b", "graph.csv: unknown RDF file type '.csv'"),
    ],
)
def test_load_errors_are_one_line_naming_the_file(name: str, content, message: str, tmp_path: Path) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BoardgraphError) as caught:
        load_store(path)
    text = str(caught.value)
    assert message in text and "\n" not in text


def test_load_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(BoardgraphError, match="is not a graph file"):
        load_store(tmp_path)


def test_cli_commands_reading_a_graph_take_it_both_ways(fixture_graph: Path, capsys) -> None:
    # evaluate, explain and query take GRAPH or --graph, like export/validate/push (cli/common.py).
    assert main(["explain", "Ann Able", str(fixture_graph)]) == 0
    positional = capsys.readouterr().out
    assert main(["explain", "Ann Able", "--graph", str(fixture_graph)]) == 0
    assert capsys.readouterr().out == positional and "Ann Able" in positional
    assert main(["query", "worked-with", str(fixture_graph), "-p", "person=Ann Able", "-f", "csv"]) == 0
    rows = capsys.readouterr().out
    assert (
        main(["query", "worked-with", "--graph", str(fixture_graph), "-p", "person=Ann Able", "-f", "csv"])
        == 0
    )
    assert capsys.readouterr().out == rows
    assert main(["query", "worked-with", str(fixture_graph), "--endpoint", "http://127.0.0.1:9/"]) == 2
    assert "either a graph file or --endpoint" in capsys.readouterr().err

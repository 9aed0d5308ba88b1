"""Query library, parameter binding and result formats, on a small fixture and on the demo graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.graph.vocab import ID
from boardgraph.sparql.query import (
    LocalStore,
    bind,
    format_result,
    library,
    load_query,
    parse_json_results,
    parse_param_args,
    run_query,
    scan_query,
    to_term,
)

QUERIES = Path(__file__).resolve().parents[1] / "queries"
INJECTION = 'x" } ; DROP ALL ; #'

# A two-report graph in the shape of docs/graph.md, for tests that must not
# depend on the NLP pipeline. ('\\/' escapes '/' in Turtle local names.)
FIXTURE_TTL = """\
@prefix bg:      <https://w3id.org/boardgraph/ontology#> .
@prefix bgid:    <https://w3id.org/boardgraph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

bgid:report\\/r1 a bg:Report ;
    dcterms:identifier "r1" ; dcterms:title "Board – report from Cllr Ann Able (Chair)" ;
    dcterms:date "2012-07-12"^^xsd:date ;
    bg:dateMethod "stated" ; bg:dateConfidence 0.95 ;
    bg:board bgid:organisation\\/test-board ; bg:chair bgid:person\\/ann-able ;
    bg:mentions bgid:person\\/ann-able , bgid:person\\/ben-bold ,
        bgid:council\\/aaa , bgid:programme\\/pilot ;
    bg:sourceFormat "txt" ;
    prov:wasGeneratedBy bgid:build\\/b1 .
bgid:report\\/r2 a bg:Report ;
    dcterms:identifier "r2" ; dcterms:title "Board – report from Cllr Cy Cole" ;
    dcterms:date "2014-03-01"^^xsd:date ;
    bg:board bgid:organisation\\/test-board ; bg:chair bgid:person\\/cy-cole ;
    bg:mentions bgid:person\\/cy-cole , bgid:person\\/ann-able , bgid:programme\\/pilot .

bgid:person\\/ann-able a bg:Person ; rdfs:label "Ann Able" ;
    skos:altLabel "Cllr Ann Able" , "Councillor Able" .
bgid:person\\/ben-bold a bg:Person ; rdfs:label "Ben Bold" ; skos:altLabel "Ben Bold MP" .
bgid:person\\/cy-cole a bg:Person ; rdfs:label "Cy Cole" .
bgid:organisation\\/test-board a bg:Organisation ; rdfs:label "Test Board" .
bgid:council\\/aaa a bg:Council ; rdfs:label "Aaa Borough Council" ; skos:altLabel "Aaa" ;
    bg:registerCode "AAA" ; bg:gssCode "E07000001" .
bgid:programme\\/pilot a bg:Programme ; rdfs:label "Pilot Programme" ; skos:altLabel "Pilot" .
bgid:role\\/vice-chair a org:Role ; rdfs:label "Vice Chair" .

bgid:report\\/r1\\/sentence\\/10-60 a bg:Evidence , oa:SpecificResource ;
    oa:hasSource bgid:report\\/r1 ;
    oa:hasSelector bgid:report\\/r1\\/sentence\\/10-60\\/position ,
        bgid:report\\/r1\\/sentence\\/10-60\\/quote ;
    rdf:value "I recently met with Ben Bold MP about the Pilot." .
bgid:report\\/r1\\/sentence\\/10-60\\/position a oa:TextPositionSelector ; oa:start 10 ; oa:end 60 .
bgid:report\\/r1\\/sentence\\/10-60\\/quote a oa:TextQuoteSelector ;
    oa:exact "I recently met with Ben Bold MP about the Pilot." .

bgid:report\\/r1\\/mention\\/30-41 a bg:Mention , oa:Annotation ;
    oa:motivatedBy oa:identifying ; oa:hasBody bgid:person\\/ben-bold ;
    oa:hasTarget bgid:report\\/r1\\/mention\\/30-41\\/target ;
    bg:entityType "Person" ; bg:evidence bgid:report\\/r1\\/sentence\\/10-60 .
bgid:report\\/r1\\/mention\\/30-41\\/target a oa:SpecificResource ;
    oa:hasSource bgid:report\\/r1 ;
    oa:hasSelector bgid:report\\/r1\\/mention\\/30-41\\/position ,
        bgid:report\\/r1\\/mention\\/30-41\\/quote .
bgid:report\\/r1\\/mention\\/30-41\\/position a oa:TextPositionSelector ; oa:start 30 ; oa:end 41 .
bgid:report\\/r1\\/mention\\/30-41\\/quote a oa:TextQuoteSelector ; oa:exact "Ben Bold MP" .

bgid:report\\/r1\\/collaboration\\/c1 a bg:Collaboration ;
    bg:participant bgid:person\\/ann-able , bgid:person\\/ben-bold ;
    prov:wasDerivedFrom bgid:report\\/r1 ; dcterms:date "2012-07-12"^^xsd:date ;
    bg:relationType "met" ; bg:trigger "met with" ; bg:evidence bgid:report\\/r1\\/sentence\\/10-60 .
bgid:report\\/r2\\/collaboration\\/c2 a bg:Collaboration ;
    bg:participant bgid:person\\/cy-cole , bgid:person\\/ann-able ;
    prov:wasDerivedFrom bgid:report\\/r2 ; dcterms:date "2014-03-01"^^xsd:date ;
    bg:relationType "jointly" ; bg:trigger "along with" .
bgid:report\\/r1\\/participation\\/p1 a bg:Participation ;
    bg:member bgid:council\\/aaa ; bg:programme bgid:programme\\/pilot ;
    prov:wasDerivedFrom bgid:report\\/r1 ; dcterms:date "2012-07-12"^^xsd:date ;
    bg:relationType "selected" ; bg:trigger "selected" ;
    bg:evidence bgid:report\\/r1\\/sentence\\/10-60 .
bgid:report\\/r2\\/membership\\/m1 a org:Membership ;
    org:member bgid:person\\/ann-able ; org:organization bgid:organisation\\/test-board ;
    org:role bgid:role\\/vice-chair ; dcterms:date "2014-03-01"^^xsd:date ;
    prov:wasDerivedFrom bgid:report\\/r2 .

bgid:build\\/b1 a bg:Build , prov:Activity ; prov:used bgid:pipeline\\/p .
bgid:pipeline\\/p a bg:Pipeline ; rdfs:label "test pipeline 1.0" .
"""


@pytest.fixture(scope="session")
def fixture_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fixture") / "graph.ttl"
    path.write_text(FIXTURE_TTL, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def fixture_store(fixture_graph: Path) -> LocalStore:
    return LocalStore([fixture_graph])


def rows(result) -> list[dict[str, str]]:
    return [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in result.dicts()]


# ------------------------------------------------------------------ binding


def test_injection_string_is_one_literal_matching_nothing(fixture_graph: Path) -> None:
    store = LocalStore([fixture_graph])
    before = len(store)
    text = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s WHERE { ?s rdfs:label ?name }"
    result = run_query(load_query(text), [("name", None, INJECTION)], graph=store)
    assert result.rows == []
    assert len(store) == before
    bound = bind(text, {"name": [to_term(INJECTION)]})
    assert 'VALUES ?name { "x\\" } ; DROP ALL ; #" }' in bound


def test_injection_through_entity_parameter_and_cli(fixture_graph: Path, capsys) -> None:
    code = main(
        [
            "query",
            "worked-with",
            "--graph",
            str(fixture_graph),
            "--param",
            f"person={INJECTION}",
            "--format",
            "json",
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["results"]["bindings"] == []


def test_bad_iri_parameter_is_refused() -> None:
    with pytest.raises(BoardgraphError, match="not a valid"):
        to_term("<http://x> } DROP ALL ; <y>")


def test_typed_parameters_and_conventions() -> None:
    assert str(to_term("2012", "integer")) == '"2012"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert str(to_term("2012-07-12", "date")).endswith("#date>")
    assert str(to_term("<https://example.org/a>")) == "<https://example.org/a>"
    assert str(to_term("bgid:person/a", "entity")) == f"<{ID}person/a>"
    assert str(to_term("bgid:person/a")) == '"bgid:person/a"'  # only entity/iri params read CURIEs
    with pytest.raises(BoardgraphError):
        to_term("twenty", "integer")
    assert parse_param_args(["year:integer=2012", "name=a=b"]) == [
        ("year", "integer", "2012"),
        ("name", None, "a=b"),
    ]
    with pytest.raises(BoardgraphError):
        parse_param_args(["novalue"])


def test_scan_ignores_braces_and_keywords_in_strings_comments_and_iris() -> None:
    text = (
        "# where { not here\nPREFIX ex: <http://ex.org/select/where#x>\nSELECT ?x (COUNT(?y) AS ?n) "
        'WHERE { ?x ex:where "} WHERE {" . { SELECT ?y WHERE { ?y ?p ?o } } } GROUP BY ?x'
    )
    scan = scan_query(text)
    assert scan.form == "select"
    assert text[scan.where_brace :].startswith("{ ?x ex:where")
    assert {"x", "y", "n", "p", "o"} <= scan.variables
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert construct[scan_query(construct).where_brace :] == "{ ?s ?p ?o }"
    assert scan_query("ASK { ?s ?p ?o }").where_brace == 4


def test_unknown_parameter_is_an_error(fixture_graph: Path) -> None:
    with pytest.raises(BoardgraphError, match=r"no variable \?nobody"):
        run_query("SELECT ?s WHERE { ?s ?p ?o }", [("nobody", None, "x")], graph=fixture_graph)


def test_repeated_parameter_binds_several_values(fixture_store: LocalStore) -> None:
    result = run_query(
        "reports-mentioning", [("entity", None, "Ben Bold"), ("entity", None, "Cy Cole")], graph=fixture_store
    )
    assert result.values("entityName") == {"Ben Bold", "Cy Cole"}


# ------------------------------------------------------------ query library


def test_library_headers_document_every_parameter() -> None:
    queries = library()
    assert len(queries) >= 8
    for name, query in queries.items():
        assert query.title and query.description, name
        scan = scan_query(query.text)
        assert scan.form == "select", name
        for param in query.params.values():
            assert param.description, (name, param.name)
            assert param.name in scan.variables, (name, param.name)


def test_library_on_fixture(fixture_store: LocalStore) -> None:
    worked = run_query("worked-with", [("person", None, "Cllr Ann Able")], graph=fixture_store)
    assert rows(worked)[0]["partnerName"] == "Cy Cole"  # newest first
    ben = next(r for r in rows(worked) if r["partnerName"] == "Ben Bold")
    assert ben["date"] == "2012-07-12" and ben["report"] == "r1" and "met with Ben Bold" in ben["evidence"]

    by_year = run_query(
        "collaborators-by-year", [("person", None, "ann able"), ("year", None, "2014")], graph=fixture_store
    )
    assert [(r["collabYear"], r["collaboratorName"]) for r in rows(by_year)] == [("2014", "Cy Cole")]

    councils = run_query("programme-councils", [("programme", None, "Pilot")], graph=fixture_store)
    assert councils.values("councilName") == {"Aaa Borough Council"}

    active = run_query("programmes-in-year", [("year", None, "2014")], graph=fixture_store)
    assert [(r["programmeName"], r["reports"], r["participants"]) for r in rows(active)] == [
        ("Pilot Programme", "1", "0")
    ]

    top = run_query(
        "most-connected", [("from", None, "2012-01-01"), ("to", None, "2012-12-31")], graph=fixture_store
    )
    assert top.values("name") == {"Ann Able", "Ben Bold"}
    assert rows(run_query("most-connected", [], graph=fixture_store))[0]["name"] == "Ann Able"

    chairs = run_query("board-chairs", [], graph=fixture_store)
    assert [(r["chairName"], r["firstReport"]) for r in rows(chairs)] == [
        ("Ann Able", "2012-07-12"),
        ("Cy Cole", "2014-03-01"),
    ]

    profile = run_query(
        "entity-profile",
        [("entity", None, "<https://w3id.org/boardgraph/id/person/ben-bold>")],
        graph=fixture_store,
    )
    kinds = {r["kind"] for r in rows(profile)}
    assert {"entity", "report", "Collaboration", "mention"} <= kinds
    mention = next(r for r in rows(profile) if r["kind"] == "mention")
    assert mention["detail"] == "Ben Bold MP" and mention["report"] == "r1"


def test_unknown_entity_name_warns_and_matches_nothing(fixture_store: LocalStore) -> None:
    result = run_query("worked-with", [("person", None, "Nobody Known")], graph=fixture_store)
    assert result.rows == []
    assert result.warnings and "Nobody Known" in result.warnings[0]


# ------------------------------------------------------------------ formats


def test_formats(fixture_store: LocalStore) -> None:
    result = run_query("board-chairs", [], graph=fixture_store)
    table = format_result(result, "table")
    assert table.splitlines()[0].split(" | ")[0].strip() == "boardName"
    assert "bgid:person/ann-able" in table and table.endswith("(2 rows)")
    csv_text = format_result(result, "csv")
    assert csv_text.splitlines()[0].startswith("boardName,chairName,firstReport")
    assert "https://w3id.org/boardgraph/id/person/ann-able" in csv_text
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"][0] == "boardName"
    first = data["results"]["bindings"][0]
    assert first["chair"] == {"type": "uri", "value": "https://w3id.org/boardgraph/id/person/ann-able"}
    assert first["firstReport"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    # The JSON we write is the JSON we read.
    assert parse_json_results(format_result(result, "json")).rows == result.rows
    assert format_result(run_query("ASK { ?s ?p ?o }", graph=fixture_store), "table") == "true"


def test_construct_query(fixture_store: LocalStore) -> None:
    result = run_query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }",
        graph=fixture_store,
    )
    assert result.graph is not None
    assert (
        URIRef(f"{ID}person/ann-able"),
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
        Literal("Ann Able"),
    ) in result.graph


def test_garbage_json_is_a_clear_error() -> None:
    with pytest.raises(BoardgraphError, match="not SPARQL JSON results"):
        parse_json_results(b"<html>oops</html>", "http://x")
    with pytest.raises(BoardgraphError, match="not SPARQL JSON results"):
        parse_json_results(b'{"head": 1}', "http://x")


# ---------------------------------------------------------------------- CLI


def test_cli_query_file_params_and_output(fixture_graph: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "res.csv"
    code = main(
        [
            "query",
            str(QUERIES / "collaborators-by-year.rq"),
            "--graph",
            str(fixture_graph),
            "-p",
            "person=Ann Able",
            "-p",
            "year=2012",
            "--format",
            "csv",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 2 and ",2012,Ben Bold,1,r1," in lines[1]


def test_cli_errors_are_one_line(fixture_graph: Path, tmp_path: Path, capsys) -> None:
    assert main(["query", "SELECT * WHERE { ?s ?p }", "--graph", str(fixture_graph)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("boardgraph: error: SPARQL syntax error") and err.count("\n") == 1
    assert main(["query", "worked-with", "--graph", str(tmp_path / "missing.ttl")]) == 2
    assert "graph file not found" in capsys.readouterr().err
    assert main(["query", "worked-with", "--graph", str(fixture_graph), "-p", "year=x"]) == 2
    assert "no variable ?year" in capsys.readouterr().err
    assert main(["query", "no-such-query", "--graph", str(fixture_graph)]) == 2


def test_cli_list(capsys) -> None:
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "worked-with:" in out and "--param person=" in out

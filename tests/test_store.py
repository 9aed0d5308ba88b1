"""A real Oxigraph server on a loopback port: push, query through SPARQLWrapper, re-push, failure paths."""

from __future__ import annotations

import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.graph.load import load_graph
from boardgraph.sparql.query import PASSWORD_ENV, USER_ENV, run_query, run_remote
from boardgraph.sparql.store import OxigraphServer, detect_target, free_port, oxigraph_binary, push
from test_query import FIXTURE_TTL

pytestmark = pytest.mark.server

COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture()
def server() -> Iterator[OxigraphServer]:
    with OxigraphServer() as running:
        yield running


@pytest.fixture()
def fixture_graph(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(FIXTURE_TTL, encoding="utf-8")
    return path


def sparql_count(endpoint: str, query: str) -> int:
    """Counted straight through SPARQLWrapper, independently of boardgraph's client."""
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    return int(data["results"]["bindings"][0]["n"]["value"])


# ------------------------------------------------------------------- push


def test_push_query_and_repush_leaves_store_unchanged(server: OxigraphServer, fixture_graph: Path) -> None:
    report = push(fixture_graph, server.url)  # the root URL: GSP found by probing
    assert report.target.protocol == "gsp" and report.target.url == server.store_url
    triples = len(load_graph(fixture_graph))
    ontology = report.triples - triples
    assert ontology > 100  # the ontology graph went too
    # two reports + entities + build + ontology
    assert report.graphs == 5
    quads = sparql_count(server.query_url, COUNT_QUADS)
    assert quads == report.triples
    assert sparql_count(server.query_url, COUNT_GRAPHS) == 5

    remote = run_query("worked-with", [("person", None, "Ann Able")], endpoint=server.query_url)
    assert remote.values("partnerName") == {"Ben Bold", "Cy Cole"}
    local = run_query("worked-with", [("person", None, "Ann Able")], graph=fixture_graph)
    assert remote.rows == local.rows

    again = push(fixture_graph, server.store_url)
    assert again == report
    assert sparql_count(server.query_url, COUNT_QUADS) == quads
    assert sparql_count(server.query_url, COUNT_GRAPHS) == 5


def test_pushing_a_rebuilt_report_replaces_it(
    server: OxigraphServer, fixture_graph: Path, tmp_path: Path
) -> None:
    push(fixture_graph, server.url, with_ontology=False, corpus="minutes")
    before = sparql_count(server.query_url, COUNT_QUADS)
    rebuilt = tmp_path / "rebuilt.ttl"
    rebuilt.write_text(
        FIXTURE_TTL.replace("Board – report from Cllr Cy Cole", "Rebuilt title"), encoding="utf-8"
    )
    push(rebuilt, server.url, with_ontology=False, corpus="minutes")  # the same corpus, rebuilt
    assert sparql_count(server.query_url, COUNT_QUADS) == before
    titles = run_query("reports-mentioning", [("entity", None, "Cy Cole")], endpoint=server.query_url)
    assert titles.values("title") == {"Rebuilt title"}


def test_push_with_sparql_update(server: OxigraphServer, fixture_graph: Path) -> None:
    first = push(fixture_graph, server.update_url)
    assert first.target.protocol == "update"
    quads = sparql_count(server.query_url, COUNT_QUADS)
    assert quads == first.triples
    push(fixture_graph, server.update_url)
    assert sparql_count(server.query_url, COUNT_QUADS) == quads


def test_cli_push_and_remote_query(server: OxigraphServer, fixture_graph: Path, capsys) -> None:
    assert main(["push", str(fixture_graph), "--endpoint", server.url]) == 0
    out = capsys.readouterr().out
    assert re.match(r"pushed \d+ triples in 5 named graphs to http://127\.0\.0\.1:\d+/store", out)
    assert main(["query", "board-chairs", "--endpoint", server.query_url, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[1].startswith("Test Board,Ann Able,2012-07-12")


# ------------------------------------------------------------ failure paths


def test_server_down(fixture_graph: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(BoardgraphError, match="cannot reach endpoint"):
        run_remote(url + "/query", "SELECT * WHERE { ?s ?p ?o }", timeout=2)
    with pytest.raises(BoardgraphError, match="cannot reach store"):
        push(fixture_graph, url, timeout=2)


@pytest.mark.parametrize("url", ["not a url", "ftp://127.0.0.1/query", "127.0.0.1:7878/query", ""])
def test_bad_url(url: str, fixture_graph: Path) -> None:
    with pytest.raises(BoardgraphError, match="not an http"):
        run_remote(url, "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(BoardgraphError, match="not an http"):
        push(fixture_graph, url)


def test_cli_bad_url_is_one_line(capsys) -> None:
    assert main(["query", "ASK { ?s ?p ?o }", "--endpoint", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("boardgraph: error:") and err.count("\n") == 1


@pytest.fixture()
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


def test_timeout(silent_port: int, fixture_graph: Path) -> None:
    started = time.monotonic()
    with pytest.raises(BoardgraphError, match="did not answer within 1 s"):
        run_remote(f"http://127.0.0.1:{silent_port}/query", "SELECT * WHERE { ?s ?p ?o }", timeout=1)
    assert time.monotonic() - started < 10
    with pytest.raises(BoardgraphError, match="did not answer"):
        push(fixture_graph, f"http://127.0.0.1:{silent_port}/store", timeout=1)


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []  # noqa: RUF012 - shared on purpose, read by the tests
    body = b"<html><body>not SPARQL</body></html>"
    status = 200

    def _answer(self) -> None:
        type(self).seen.append(dict(self.headers))
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.body)

    do_GET = do_POST = do_HEAD = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def fake_endpoint() -> Iterator[str]:
    _Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_garbage_answer(fake_endpoint: str) -> None:
    with pytest.raises(BoardgraphError, match="web page, not SPARQL results"):
        run_remote(fake_endpoint + "/sparql", "SELECT * WHERE { ?s ?p ?o }")


def test_store_without_graph_store_protocol(fake_endpoint: str, fixture_graph: Path) -> None:
    _Handler.status = 404
    try:
        with pytest.raises(BoardgraphError, match="no Graph Store Protocol service"):
            detect_target(fake_endpoint + "/sparql")
    finally:
        _Handler.status = 200


def test_credentials_come_from_the_environment(fake_endpoint: str, monkeypatch) -> None:
    monkeypatch.setenv(USER_ENV, "alice")
    monkeypatch.setenv(PASSWORD_ENV, "s3cret")
    with pytest.raises(BoardgraphError):
        run_remote(fake_endpoint + "/query", "ASK { ?s ?p ?o }")
    # base64("alice:s3cret")
    assert _Handler.seen[-1].get("Authorization") == "Basic YWxpY2U6czNjcmV0"


# ------------------------------------------------------------------- serve


def test_missing_oxigraph_binary(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BoardgraphError, match="oxigraph server is not installed"):
        oxigraph_binary()


def test_serve_command(fixture_graph: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "boardgraph",
            "serve",
            "--graph",
            str(fixture_graph),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        assert lines[0].startswith("serving ") and "5 named graphs" in lines[0], lines
        endpoint = f"http://127.0.0.1:{port}/query"
        result = run_query("most-connected", endpoint=endpoint)
        assert result.values("name") == {"Ann Able", "Ben Bold", "Cy Cole"}
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    # Ctrl-C stopped the Oxigraph child as well.
    with pytest.raises(BoardgraphError, match="cannot reach"):
        run_remote(endpoint, "ASK { ?s ?p ?o }", timeout=2)


def test_serve_refuses_a_missing_graph(tmp_path: Path, capsys) -> None:
    assert main(["serve", "--graph", str(tmp_path / "none.ttl"), "--bind", f"127.0.0.1:{free_port()}"]) == 2
    assert "graph file not found" in capsys.readouterr().err


# ------------------------------------------- the query library on the demo graph

FLEMING_000 = "000_9b5f2d8786f8fe9f"


def _rows(result) -> list[dict[str, str]]:
    return [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in result.dicts()]


def check_worked_with(rows: list[dict[str, str]]) -> None:
    assert {"Bob Neill", "Wilcox", "Jill Shortland", "Lord Young"} <= {r["partnerName"] for r in rows}
    neill = next(r for r in rows if r["partnerName"] == "Bob Neill")
    assert neill["date"] == "2012-07-12" and neill["report"] == FLEMING_000
    assert "met with Bob Neill" in neill["evidence"]


def check_collaborators_by_year(rows: list[dict[str, str]]) -> None:
    names = {r["collaboratorName"] for r in rows}
    assert {"Bob Neill", "Wilcox"} <= names and "Lord Young" not in names
    assert {r["collabYear"] for r in rows} == {"2012"}


def check_programme_councils(rows: list[dict[str, str]]) -> None:
    names = " ".join(r["councilName"] for r in rows)
    for place in ("Cornwall", "Derbyshire", "Monmouthshire", "Rotherham", "Stoke", "Wigan"):
        assert place in names
    assert "E08000010" in {r["gss"] for r in rows}  # Wigan's GSS code


def check_programmes_in_year(rows: list[dict[str, str]]) -> None:
    names = " | ".join(r["programmeName"] for r in rows)
    assert "Creative Councils" in names and "Future Councils" in names
    assert {r["activeYear"] for r in rows} == {"2012"}


def check_most_connected(rows: list[dict[str, str]]) -> None:
    assert rows[0]["name"] == "Peter Fleming"
    assert "Bob Neill" in {r["name"] for r in rows} and "Lord Young" not in {r["name"] for r in rows}


def check_reports_mentioning(rows: list[dict[str, str]]) -> None:
    assert [(r["report"], r["date"]) for r in rows] == [(FLEMING_000, "2012-07-12")]
    assert int(rows[0]["mentions"]) >= 1


def check_board_chairs(rows: list[dict[str, str]]) -> None:
    chairs = [r["chairName"] for r in rows]
    assert chairs.index("David Parsons") < chairs.index("Peter Fleming")  # Parsons chaired first
    fleming = next(r for r in rows if r["chairName"] == "Peter Fleming")
    assert fleming["reports"] == "4" and fleming["lastReport"].startswith("2015")


def check_entity_profile(rows: list[dict[str, str]]) -> None:
    assert {"entity", "report", "mention", "Collaboration"} <= {r["kind"] for r in rows}
    assert {FLEMING_000, "002_4a5915f35ce2eced", "003_a42dea7c73077fef"} <= {r["report"] for r in rows}
    assert "Cllr Jill Shortland" in {r["value"] for r in rows} | {r["detail"] for r in rows}


LIBRARY_CASES = {
    "worked-with": ([("person", None, "Peter Fleming")], check_worked_with),
    "collaborators-by-year": (
        [("person", None, "Peter Fleming"), ("year", None, "2012")],
        check_collaborators_by_year,
    ),
    "programme-councils": ([("programme", None, "Creative Councils")], check_programme_councils),
    "programmes-in-year": ([("year", None, "2012")], check_programmes_in_year),
    "most-connected": ([("from", None, "2012-01-01"), ("to", None, "2012-12-31")], check_most_connected),
    "reports-mentioning": ([("entity", None, "Bob Neill")], check_reports_mentioning),
    "board-chairs": ([], check_board_chairs),
    "entity-profile": ([("entity", None, "Jill Shortland")], check_entity_profile),
}


@pytest.fixture(scope="module")
def demo_server(demo_graph: Path) -> Iterator[OxigraphServer]:
    with OxigraphServer() as running:
        push(demo_graph, running.url)
        yield running


def test_every_library_query_has_a_case() -> None:
    from boardgraph.sparql.query import library

    assert set(library()) == set(LIBRARY_CASES)


@pytest.mark.parametrize("name", sorted(LIBRARY_CASES))
def test_library_query_on_demo_graph_local_and_remote(name: str, demo_graph: Path, demo_server) -> None:
    params, check = LIBRARY_CASES[name]
    local = run_query(name, params, graph=demo_graph)
    remote = run_query(name, params, endpoint=demo_server.query_url)
    assert local.variables == remote.variables
    assert sorted(map(repr, local.rows)) == sorted(map(repr, remote.rows))
    assert local.rows, name
    check(_rows(local))


def test_demo_graph_repush_is_idempotent(demo_graph: Path, demo_server) -> None:
    quads = sparql_count(demo_server.query_url, COUNT_QUADS)
    graphs = sparql_count(demo_server.query_url, COUNT_GRAPHS)
    assert graphs == 5 + 3  # five reports, entities, build, ontology
    push(demo_graph, demo_server.url)
    assert sparql_count(demo_server.query_url, COUNT_QUADS) == quads
    assert sparql_count(demo_server.query_url, COUNT_GRAPHS) == graphs


# ------------------------------------------- issue 13: root URLs and signals


def test_query_endpoint_takes_the_server_root_url(server: OxigraphServer, fixture_graph: Path) -> None:
    push(fixture_graph, server.url)
    for root in (server.url, server.url + "/"):
        result = run_query("most-connected", endpoint=root)
        assert result.values("name") == {"Ann Able", "Ben Bold", "Cy Cole"}


def test_serve_ends_its_server_on_sigterm(fixture_graph: Path) -> None:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "boardgraph",
        "serve",
        "--graph",
        str(fixture_graph),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None and process.stdout.readline().startswith("serving ")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    with pytest.raises(BoardgraphError, match="cannot reach"):
        run_remote(f"http://127.0.0.1:{port}/query", "ASK { ?s ?p ?o }", timeout=2)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # the port is free again: the oxigraph child is gone


# ------------------------------------------- issue 12: corpora sharing a store


def test_two_corpora_keep_their_own_entities_and_prune_drops_deleted_reports(
    server: OxigraphServer, fixture_graph: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "graph.ttl"
    other.parent.mkdir()
    other.write_text(
        """@prefix bg: <https://w3id.org/boardgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/boardgraph/id/person/zed-zane> a bg:Person ; rdfs:label "Zed Zane" .
""",
        encoding="utf-8",
    )
    push(fixture_graph, server.url, with_ontology=False)
    labels = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/boardgraph/ontology#Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    first = sparql_count(server.query_url, labels)
    push(other, server.url, with_ontology=False)
    assert sparql_count(server.query_url, labels) == first + 1  # nothing of the first corpus lost

    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = sparql_count(server.query_url, graphs)
    g = load_graph(fixture_graph)
    for triple in list(g):
        if str(triple[0]).startswith("https://w3id.org/boardgraph/id/report/r2"):
            g.remove(triple)
    g.serialize(fixture_graph, format="turtle")  # the same corpus, report r2 deleted
    report = push(fixture_graph, server.url, with_ontology=False, prune=True)
    assert report.pruned >= 1
    assert sparql_count(server.query_url, graphs) == before - report.pruned

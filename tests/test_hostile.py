"""Hostile input and faults: one regression test per finding of issue 12.

Each test names the probe class it guards. Texts and names are invented.
"""

from __future__ import annotations

import errno
import http.server
import io
import itertools
import os
import pickle
import random
import socket
import stat
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from rdflib import Graph, Literal, URIRef

from boardgraph import atomic, limits
from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.graph import iri

REPORT = """Improvement Board – Chair's report

Cllr Jane Hollis, Chair of the Improvement Board, met Sir Alan Berrow of the Widget Trust
in March 2012 to discuss the Better Places programme.

Cllr Jane Hollis worked with Cllr Tom Parry of Borsetshire County Council on the programme.

Contact officer: Sam Lee, Adviser, sam.lee@example.org
"""


def _iris(graph: Graph) -> set[str]:
    return {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}


# ------------------------------------------------------------ 1. names and IRIs

HOSTILE_NAMES = [
    "board report 2012",
    'a"b',
    "x|y",
    "a>b<c",
    "{x}",
    "back`tick",
    "new\nline",
    "per%20cent",
    "ünïcödé",
    "tab\there",
    "",
    "a/b",
    "#frag",
    "?q=1",
    "\u2028",
    "\uffff",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_every_minted_iri_matches_the_iri_grammar(name: str) -> None:
    from boardgraph.graph.rdf import report_iri

    minted = str(report_iri(name))
    assert iri.is_iri(minted), minted
    assert iri.is_iri(str(iri.mint("https://example.org/", name, "x")))


def test_segment_is_injective_and_keeps_safe_names() -> None:
    assert iri.segment("chair-report_2012.v2") == "chair-report_2012.v2"
    encoded = {iri.segment(n) for n in HOSTILE_NAMES}
    assert len(encoded) == len(HOSTILE_NAMES)
    assert iri.segment("a b") != iri.segment("a%20b")


def test_iri_grammar_rejects_what_rdflib_refuses() -> None:
    for bad in ("https://x.org/a b", 'https://x.org/a"b', "https://x.org/{x}", "https://x.org/a|b", "nota"):
        assert not iri.is_iri(bad), bad


# A single build exercises every per-file limit: the bad files are skipped with
# their reasons, the good one (with a hostile name) is built, and the exit is 1.
@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, str]:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / 'board report "2012" |{x}.txt').write_text(REPORT, encoding="utf-8")
    (folder / "long.txt").write_text(REPORT * 300, encoding="utf-8")  # over --max-chars below
    rng = random.Random(12)
    (folder / "noise.html").write_bytes(bytes(rng.randrange(256) for _ in range(16384)))
    (folder / "deep.html").write_text("<div>" * 2000 + "text" + "</div>" * 2000, encoding="utf-8")
    (folder / "bomb.docx").write_bytes(_zip_bomb(200 * 1024 * 1024))
    out = folder / "out" / "graph.ttl"
    err = io.StringIO()
    import contextlib

    started = time.monotonic()
    with contextlib.redirect_stderr(err):
        code = main(["build", str(folder), "-o", str(out), "--no-cache", "-q", "--max-chars", "60000"])
    assert time.monotonic() - started < 120
    return code, out, err.getvalue()


def _zip_bomb(size: int) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to ``size`` bytes of spaces."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buf.getvalue()


@pytest.mark.slow
def test_hostile_folder_builds_and_skips_each_bad_file_with_its_reason(hostile_build) -> None:
    code, out, err = hostile_build
    assert code == 1, err  # written, some inputs skipped
    graph = Graph().parse(out)
    ids = {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/identifier"))}
    assert 'board report "2012" |{x}' in ids  # the real name, as a literal
    assert all(iri.is_iri(i) for i in _iris(graph))
    skipped = [line for line in err.splitlines() if line.startswith("boardgraph: skipped")]
    names = ("long.txt", "noise.html", "deep.html", "bomb.docx")
    reasons = {name: line for line in skipped for name in names if f"{name}: " in line}
    assert "text too long" in reasons["long.txt"]
    assert "not text" in reasons["noise.html"]
    assert "nested deeper" in reasons["deep.html"]
    assert "bomb.docx" in reasons and ("zip bomb" in reasons["bomb.docx"] or "unzips" in reasons["bomb.docx"])
    assert "Traceback" not in err


def test_zip_bomb_is_refused_from_its_declared_sizes_quickly() -> None:
    data = _zip_bomb(300 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(limits.LimitExceeded):
        limits.check_docx(data)
    assert time.monotonic() - started < 2


def test_deep_html_is_refused_in_linear_time() -> None:
    page = ("<div>" * 100_000 + "x" + "</div>" * 100_000).encode()
    started = time.monotonic()
    with pytest.raises(limits.LimitExceeded, match="nested deeper"):
        limits.check_html(page)
    assert time.monotonic() - started < 5
    limits.check_html(("<p>" * 5000 + "<ul><li>" * 300 + "x").encode())  # unclosed <p>/<li> are not depth


def test_text_files_over_the_limit_are_refused_before_reading(tmp_path: Path) -> None:
    from boardgraph.ingest.read import IngestError, read_document

    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB that cost nothing to make
    started = time.monotonic()
    with pytest.raises(IngestError, match="too long"):
        read_document(big, limits.Limits(max_chars=1_000_000))
    assert time.monotonic() - started < 1


def test_chunk_bounds_cover_the_text_exactly_and_cut_at_breaks() -> None:
    text = ("Para one is here. " * 30 + "\n\n") * 50 + "x" * 3000
    bounds = limits.chunk_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(e - s <= 1000 for s, e in bounds)
    assert text[bounds[0][1] - 2 : bounds[0][1]] == "\n\n"


@pytest.mark.slow
def test_long_text_in_pieces_keeps_offsets_into_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction over pieces gives mentions whose spans point at their text in the whole report."""
    from boardgraph.ingest.metadata import read_metadata
    from boardgraph.ingest.read import clean_text
    from boardgraph.model import SourceDocument
    from boardgraph.nlp import extract as extract_mod
    from boardgraph.nlp.pipeline import load_pipeline

    text = "\n\n".join([REPORT] * 6)
    doc = SourceDocument(
        path=Path("long.txt"),
        identifier="long",
        format="txt",
        raw_text=text,
        text=clean_text(text),
        sha256="0",
    )
    meta = read_metadata(doc)
    nlp = load_pipeline()
    whole = next(extract_mod.extract(nlp, [(doc, meta)]))
    monkeypatch.setattr(extract_mod, "chunk_bounds", lambda t: limits.chunk_bounds(t, 400))
    pieces = next(extract_mod.extract(nlp, [(doc, meta)]))
    assert len(limits.chunk_bounds(doc.text, 400)) > 3
    assert pieces.mentions, "the pieces found nothing"
    for m in pieces.mentions:
        assert doc.text[m.span.start : m.span.end] == m.text
        assert m.sentence.start <= m.span.start and m.span.end <= m.sentence.end
    for r in pieces.relations:
        assert all(0 <= a < len(pieces.mentions) for a in r.args)
    # the same names are found either way
    assert {m.name for m in pieces.mentions} == {m.name for m in whole.mentions}


# ------------------------------------------------------------------ 3. cache


class _Boom:
    def __reduce__(self):  # what a planted pickle would do when loaded
        return (os.system, ("touch /tmp/boardgraph-pwned",))


def test_cache_entries_are_json_and_forged_or_pickled_entries_are_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boardgraph.build import cache as cache_mod
    from boardgraph.model import ExtractedReport, ReportMeta, SourceDocument

    monkeypatch.setenv(cache_mod.KEY_ENV, str(tmp_path / "keys" / "cache.key"))
    root = tmp_path / "cache"
    bc = cache_mod.BuildCache(root, "fp")
    doc = SourceDocument(path=Path("r.txt"), identifier="r", format="txt", raw_text="x", text="x", sha256="0")
    report = ExtractedReport(document=doc, meta=ReportMeta(identifier="r"))
    key = bc.key(b"x", "r.txt")
    bc.put(key, report)
    entry = bc._path(key)
    assert entry.read_bytes().startswith(cache_mod.MAGIC)
    assert b"\x80" not in entry.read_bytes()[:20]  # no pickle opcode
    assert bc.get(key, Path("r.txt")) == report
    assert not (tmp_path / "keys" / "cache.key").is_relative_to(root)
    # a forged entry (right format, wrong key) is refused and deleted
    forged = cache_mod._encode(report, b"k" * 32, key)
    entry.write_bytes(forged)
    assert bc.get(key, Path("r.txt")) is None and not entry.exists()
    # a planted pickle (old layout or new name) is never loaded
    payload = pickle.dumps(_Boom())
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(cache_mod.MAGIC + b"0" * 64 + b"\n" + payload)
    assert bc.get(key, Path("r.txt")) is None
    assert not Path("/tmp/boardgraph-pwned").exists()
    assert bc.stats.corrupt == 2


def test_default_cache_is_not_the_current_folder() -> None:
    from boardgraph.build.cache import DEFAULT_CACHE_DIR

    assert DEFAULT_CACHE_DIR.is_absolute()


def test_cache_path_that_is_a_file_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    blocker = tmp_path / "cachefile"
    blocker.write_text("x")
    code = main(["build", str(report), "-o", str(tmp_path / "g.ttl"), "--cache", str(blocker), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and "cache path is a file" in err and err.count("\n") == 1
    assert not (tmp_path / "g.ttl").exists()


def test_cache_key_covers_vocabulary_and_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardgraph import lexicons
    from boardgraph.build import cache as cache_mod

    before = cache_mod.settings_fingerprint(None, None)
    monkeypatch.setattr(lexicons, "fingerprint", lambda: "changed")
    assert cache_mod.settings_fingerprint(None, None) != before
    monkeypatch.undo()
    data = tmp_path / "data"
    (data / "uk_local_authorities").mkdir(parents=True)
    (data / "uk_local_authorities" / "x.csv").write_text("a\n")
    monkeypatch.setenv("BOARDGRAPH_DATA", str(data))
    assert cache_mod.settings_fingerprint(None, None) != before


# ------------------------------------------------------------------ 4. queries


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str, dict]]] = []
    redirect_to: str | None = None

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("latin-1")
        type(self).requests.append((self.command, body, dict(self.headers)))
        if self.redirect_to:
            self.send_response(307)
            self.send_header("Location", self.redirect_to)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(b"<html>hello</html>")

    do_GET = do_POST = do_PUT = do_HEAD = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def recorder() -> Iterator[tuple[str, type[_Recorder]]]:
    handler = type("Handler", (_Recorder,), {"requests": [], "redirect_to": None})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()


UPDATE_BYPASS = "PREFIX ex: <http://x/>\nDELETE WHERE { ?s ex:%73elect ?o }"


def test_update_hidden_behind_escapes_is_refused_without_contacting_the_server(recorder) -> None:
    url, handler = recorder
    from boardgraph.sparql.query import run_query

    for text in (
        UPDATE_BYPASS,
        "# SELECT\nDROP ALL",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
        "INSERT DATA { <http://a> <http://b> 'select' }",
    ):
        with pytest.raises(BoardgraphError):
            run_query(text, endpoint=url + "/query")
    assert handler.requests == []


def test_queries_are_always_sent_as_query(recorder) -> None:
    url, handler = recorder
    from boardgraph.sparql.query import run_remote

    with pytest.raises(BoardgraphError):
        run_remote(url + "/query", "SELECT * WHERE { ?s ?p ?o }")
    assert handler.requests and all(body.startswith("query=") for _, body, _ in handler.requests)


def test_service_is_refused_locally(tmp_path: Path, recorder) -> None:
    url, handler = recorder
    from boardgraph.sparql.query import run_query

    graph = tmp_path / "g.ttl"
    graph.write_text("<http://a> <http://b> <http://c> .\n")
    with pytest.raises(BoardgraphError, match="SERVICE"):
        run_query(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", graph=graph)
    assert handler.requests == []


def test_local_query_has_a_wall_clock_timeout(tmp_path: Path) -> None:
    from boardgraph.sparql.query import run_query

    graph = tmp_path / "g.ttl"
    graph.write_text("".join(f"<http://a/{i}> <http://b> <http://c/{i}> .\n" for i in range(300)))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
    started = time.monotonic()
    with pytest.raises(BoardgraphError, match="longer than"):
        run_query(slow, graph=graph, timeout=1.0, local_timeout=True, with_ontology=False)
    assert time.monotonic() - started < 10


def test_unknown_query_name_suggests_list_and_nearest(capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "worked-wth"]) == 2
    err = capsys.readouterr().err
    assert "--list" in err and "worked-with" in err and err.count("\n") == 1


def test_library_query_path_works_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardgraph.sparql.query import load_query

    monkeypatch.chdir(tmp_path)
    assert "SELECT" in load_query("queries/worked-with.rq").text.upper()


# ------------------------------------------------------------------ 5. paths


@pytest.fixture()
def one_report(tmp_path: Path) -> Path:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    return report


def _refused(args: list[str], capsys: pytest.CaptureFixture, needle: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err, err


def test_output_equal_to_an_input_is_refused_and_the_input_untouched(one_report: Path, capsys) -> None:
    before = one_report.read_bytes()
    args = ["build", str(one_report), "-o", str(one_report), "-q", "--no-cache"]
    _refused(args, capsys, "is one of the inputs")
    assert one_report.read_bytes() == before


def test_output_that_is_a_folder_or_device_or_under_a_file_is_refused(
    one_report: Path, tmp_path: Path, capsys
) -> None:
    base = ["build", str(one_report), "-q", "--no-cache", "-o"]
    _refused([*base, str(tmp_path)], capsys, "is a folder")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _refused([*base, str(fifo)], capsys, "not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    _refused([*base, str(one_report / "g.ttl")], capsys, "is a file, not a folder")


def test_symlinked_output_writes_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    atomic.write_text(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


@pytest.mark.parametrize(
    ("code", "needle"), [(errno.ENOSPC, "no space left"), (errno.EROFS, "read-only file system")]
)
def test_write_failures_are_one_line_and_leave_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, needle: str
) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("previous")

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(BoardgraphError, match=needle):
        atomic.write_text(out, "new")
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_temp_files_of_dead_writers_are_swept(tmp_path: Path) -> None:
    dead = tmp_path / ".graph.ttl.999999.abcdefgh.part"  # no such pid
    dead.write_text("half")
    mine = tmp_path / f".graph.ttl.{os.getpid()}.abcdefgh.part"
    mine.write_text("in flight")
    atomic.write_text(tmp_path / "other.ttl", "x")
    assert not dead.exists() and mine.exists()


def test_failed_store_build_leaves_the_previous_store(tmp_path: Path) -> None:
    from boardgraph.graph.sink import StoreSink

    path = tmp_path / "store"
    triple = (URIRef("http://a/1"), URIRef("http://b"), Literal("first"))
    sink = StoreSink(path)
    sink.add(triple)
    sink.close()
    second = StoreSink(path)
    second.add((URIRef("http://a/2"), URIRef("http://b"), Literal("second")))
    second.abort()  # the build failed half-way
    reopened = StoreSink.__new__(StoreSink)
    import pyoxigraph as ox

    store = ox.Store(str(path))
    assert [q.object.value for q in store] == ["first"]
    del store, reopened
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_store_refuses_to_replace_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    from boardgraph.graph.sink import StoreSink

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.tex").write_text("precious")
    with pytest.raises(BoardgraphError, match="not an Oxigraph store"):
        StoreSink(tmp_path / "docs")
    assert (tmp_path / "docs" / "thesis.tex").read_text() == "precious"


# ------------------------------------------------------------------ 6. stores


def test_push_to_a_server_answering_html_fails(recorder, tmp_path: Path) -> None:
    url, _ = recorder
    from boardgraph.sparql.store import push

    graph = tmp_path / "g.ttl"
    graph.write_text("<https://w3id.org/boardgraph/id/report/r> <http://b> <http://c> .\n")
    with pytest.raises(BoardgraphError):
        push(graph, url)
    with pytest.raises(BoardgraphError, match="web page"):
        push(graph, url + "/store")


def test_credentials_never_follow_a_redirect_to_another_host(recorder, monkeypatch) -> None:
    url, handler = recorder
    from boardgraph.sparql import remote

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H2", (_Recorder,), {"requests": []}))
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        handler.redirect_to = f"http://127.0.0.1:{other.server_address[1]}/elsewhere"
        monkeypatch.setenv(remote.USER_ENV, "alice")
        monkeypatch.setenv(remote.PASSWORD_ENV, "s3cret")
        remote.request(url + "/query", "GET", timeout=5)
        assert "Authorization" in handler.requests[0][2]
        followed = other.RequestHandlerClass.requests  # type: ignore[attr-defined]
        assert followed and "Authorization" not in followed[0][2]
    finally:
        other.shutdown()
        other.server_close()


def test_password_in_the_endpoint_url_is_masked_in_messages(capsys) -> None:
    port = _free_port()
    code = main(
        [
            "query",
            "ASK { ?s ?p ?o }",
            "--endpoint",
            f"http://bob:hunter2@127.0.0.1:{port}/query",
            "--timeout",
            "2",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "hunter2" not in err and "***" in err


def test_slow_drip_server_is_cut_at_the_overall_deadline() -> None:
    from boardgraph.sparql import remote

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b" ")
            except OSError:
                break
            time.sleep(0.2)
        conn.close()

    threading.Thread(target=drip, daemon=True).start()
    started = time.monotonic()
    try:
        with pytest.raises(BoardgraphError, match="did not answer within"):
            remote.request(f"http://127.0.0.1:{listener.getsockname()[1]}/q", timeout=1.5)
        assert time.monotonic() - started < 4
    finally:
        stop.set()
        listener.close()


def test_serve_refuses_a_busy_port_and_names_it(tmp_path: Path, capsys) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("<http://a> <http://b> <http://c> .\n")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        _refused(["serve", "--graph", str(graph), "--bind", f"127.0.0.1:{port}"], capsys, f"port {port}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------ 7. exports


def test_line_separator_in_a_literal_keeps_nt_and_trig_readable(tmp_path: Path) -> None:
    from boardgraph.graph.export import export
    from boardgraph.graph.load import load_store

    graph = tmp_path / "g.ttl"
    g = Graph()
    g.add((URIRef("https://w3id.org/boardgraph/id/report/r"), URIRef("http://b"), Literal("a\u2028b\x85c")))
    g.serialize(graph, format="turtle")
    for fmt in ("nt", "trig"):
        out = tmp_path / f"out.{fmt}"
        assert export(graph, fmt, out) == 1
        back = load_store(out)  # pyoxigraph: a strict reader of both syntaxes
        assert "a\u2028b\x85c" in {q.object.value for q in back}


def test_xml_illegal_characters_are_dropped_with_a_warning(tmp_path: Path, capsys) -> None:
    from boardgraph.textsafe import csv_cell, xml_safe_file

    svg = tmp_path / "x.svg"
    svg.write_text("<svg><text>a\uffffb\x01</text></svg>", encoding="utf-8")
    assert xml_safe_file(svg) == 2
    import xml.dom.minidom

    xml.dom.minidom.parse(str(svg))
    assert "cannot carry" in capsys.readouterr().err
    assert csv_cell("=1+2") == "'=1+2" and csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell(-1) == -1
    assert csv_cell("Plain") == "Plain"


# ------------------------------------------------------------------ 8. exit codes


def test_internal_error_is_exit_3_one_line_traceback_only_with_debug(monkeypatch, capsys) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("boom")

    monkeypatch.setattr("boardgraph.sparql.query.load_query", broken)  # a bug anywhere below the CLI
    assert main(["query", "x"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "Traceback" not in err
    assert main(["--debug", "query", "x"]) == 3
    assert "Traceback" in capsys.readouterr().err


# ------------------------------------------------- 7b. exports of a hostile graph


def _network_ttl(path: Path) -> Path:
    """Thirty people in a few components, one label with U+FFFF, one that is a formula."""
    lines = [
        "@prefix bg: <https://w3id.org/boardgraph/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
    ]
    base = "https://w3id.org/boardgraph/id/"
    labels = {0: "Ann \\uFFFF Able", 1: "=1+2", 2: "@SUM(A1)"}
    for i in range(30):
        lines.append(f'<{base}person/p{i}> a bg:Person ; rdfs:label "{labels.get(i, f"Person {i}")}" .')
    lines.append(
        f'<{base}report/r> a bg:Report ; dcterms:identifier "r" ; dcterms:date "2012-01-01"^^xsd:date .'
    )
    rng = random.Random(3)
    for c in range(45):
        people = rng.sample(range(30) if c % 3 else range(10), 2 + c % 3)
        who = ", ".join(f"<{base}person/p{p}>" for p in people)
        lines.append(
            f"<{base}report/r/collaboration/c{c}> a bg:Collaboration ; bg:participant "
            f"{who} ; prov:wasDerivedFrom <{base}report/r> ; "
            f'dcterms:date "201{c % 4}-05-01"^^xsd:date ; bg:relationType "met" ; '
            'bg:trigger "met" .'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_pictures_are_identical_for_the_same_seed_across_hash_seeds(tmp_path: Path, demo_graph: Path) -> None:
    """The sample graph: its layout depended on set order (a subgraph view kept the parent's order)."""
    import subprocess
    import sys

    graph = demo_graph
    outputs = []
    for hash_seed in ("1", "2"):
        svg, png = tmp_path / f"n{hash_seed}.svg", tmp_path / f"n{hash_seed}.png"
        code = (
            "import sys; from boardgraph.network.pictures import draw_network; "
            "draw_network(sys.argv[1], sys.argv[2]); draw_network(sys.argv[1], sys.argv[3])"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(graph), str(svg), str(png)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
        )
        outputs.append((svg.read_bytes(), png.read_bytes()))
    assert outputs[0][0] == outputs[1][0], "SVG differs between runs"
    assert outputs[0][1] == outputs[1][1], "PNG differs between runs"


def test_svg_of_a_label_with_an_xml_illegal_character_is_readable(tmp_path: Path) -> None:
    import xml.dom.minidom

    from boardgraph.network.pictures import draw_network

    svg = draw_network(_network_ttl(tmp_path / "g.ttl"), tmp_path / "n.svg")
    xml.dom.minidom.parse(str(svg))  # U+FFFF in a label: dropped, the file still parses


def test_network_exports_carry_hostile_labels_safely(tmp_path: Path) -> None:
    import csv
    import xml.dom.minidom

    from boardgraph.network import build, exports, measures, read

    data = read.as_data(_network_ttl(tmp_path / "g.ttl"))
    g = build.collaboration_network(data)
    measures.compute_measures(g)
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"n.{fmt}"
        exports.export(g, fmt, out)
        xml.dom.minidom.parse(str(out))
    exports.export(g, "csv", tmp_path / "n.csv")
    with open(tmp_path / "n.nodes.csv", encoding="utf-8") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert "'=1+2" in cells and "'@SUM(A1)" in cells and "=1+2" not in cells


class _DyingStore(http.server.BaseHTTPRequestHandler):
    """A GSP store that takes two graphs and then goes away mid-push."""

    puts: ClassVar[list[str]] = []

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.end_headers()

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).puts.append(self.path)
        if len(type(self).puts) > 2:
            self.connection.close()  # the store was killed
            return
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_push_that_fails_half_way_says_which_graphs_are_in(tmp_path: Path, fixture_graph_text: str) -> None:
    from boardgraph.sparql.store import push

    graph = tmp_path / "g.ttl"
    graph.write_text(fixture_graph_text, encoding="utf-8")
    handler = type("Dying", (_DyingStore,), {"puts": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.raises(BoardgraphError, match=r"2 of \d+ graphs are in the store .*pushing again"):
            push(graph, f"http://127.0.0.1:{httpd.server_address[1]}/store", with_ontology=False, timeout=5)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def fixture_graph_text() -> str:
    from test_query import FIXTURE_TTL

    return FIXTURE_TTL


def test_export_over_its_own_source_is_refused(tmp_path: Path, capsys) -> None:
    graph = tmp_path / "g.nt"
    graph.write_text("<http://a> <http://b> <http://c> .\n")
    _refused(["export", str(graph), "-f", "nt", "-o", str(graph)], capsys, "is one of the inputs")
    assert graph.read_text() == "<http://a> <http://b> <http://c> .\n"

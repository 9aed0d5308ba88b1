"""Keep the graph in a SPARQL 1.1 triple store, and run a local Oxigraph server.

``push`` sends one named graph per report, plus the shared entities, build
and ontology graphs (the partition of docs/graph.md), each *replacing* the
graph of the same name: with the Graph Store Protocol by ``PUT``, with SPARQL
Update by ``DROP SILENT GRAPH`` + ``INSERT DATA`` in one request. Pushing the
same build twice therefore leaves the store as it was, and pushing a rebuilt
report replaces that report's statements instead of adding to them.

Queries without ``GRAPH`` (the whole library) need a store whose default
graph is the union of its named graphs: ``boardgraph serve`` starts Oxigraph
with ``--union-default-graph``; Fuseki needs ``tdb2:unionDefaultGraph true``;
GraphDB and Virtuoso do it by default.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from boardgraph.errors import BoardgraphError
from boardgraph.graph import iri
from boardgraph.graph.export import named_graphs, partition
from boardgraph.graph.load import load_graph, load_store
from boardgraph.graph.rdf import GRAPH_BUILD, GRAPH_ENTITIES, GRAPH_ONTOLOGY
from boardgraph.graph.vocab import ID_IRI
from boardgraph.sparql import remote
from boardgraph.sparql.query import check_endpoint_url
from boardgraph.textsafe import split_lines

DEFAULT_TIMEOUT = 60.0
# Service paths of common stores: Oxigraph (/store, /update, /query),
# Fuseki (/ds/data, /ds/update, /ds/query or /ds/sparql).
_GSP_SUFFIXES = ("/store", "/data", "/rdf-graphs/service")
_UPDATE_SUFFIXES = ("/update", "/statements")
_QUERY_SUFFIXES = ("/query", "/sparql")


@dataclass(frozen=True)
class Target:
    protocol: str  # "gsp" or "update"
    url: str


@dataclass(frozen=True)
class PushReport:
    target: Target
    graphs: int
    triples: int
    pruned: int = 0


# ------------------------------------------------------------------------ HTTP


def _request(
    url: str,
    method: str = "GET",
    data: bytes | None = None,
    content_type: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    accept: str | None = None,
) -> remote.Response:
    """Send one request within an overall deadline; network failures → BoardgraphError."""
    headers = {}
    if content_type:
        headers["Content-Type"] = content_type
    if accept:
        headers["Accept"] = accept
    return remote.request(url, method, data, headers, timeout=timeout, what="store at")


_NOT_A_STORE = ("text/html", "application/xhtml+xml")


def _with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


def detect_target(endpoint: str, protocol: str = "auto", timeout: float = 10.0) -> Target:
    """Find where to write: the store's GSP service, else its SPARQL Update service.

    ``endpoint`` may be the server's root or any of its service URLs.
    """
    check_endpoint_url(endpoint)
    url = endpoint.rstrip("/")
    path = urllib.parse.urlsplit(url).path
    if protocol == "gsp" or (protocol == "auto" and path.endswith(_GSP_SUFFIXES)):
        return Target("gsp", url)
    if protocol == "update" or (protocol == "auto" and path.endswith(_UPDATE_SUFFIXES)):
        return Target("update", url)
    if protocol != "auto":
        raise BoardgraphError(f"unknown protocol {protocol!r} (auto, gsp or update)")
    root = url
    for suffix in _QUERY_SUFFIXES:
        if path.endswith(suffix):
            root = url[: -len(suffix)]
    for suffix in _GSP_SUFFIXES:
        # HEAD on the default graph answers 200 where a GSP service lives; a
        # web page answering 200 to anything is not one.
        answer = _request(
            _with_query(root + suffix, "default"),
            "HEAD",
            timeout=timeout,
            accept="application/n-triples, text/turtle;q=0.9",
        )
        if 200 <= answer.status < 300 and answer.content_type not in _NOT_A_STORE:
            return Target("gsp", root + suffix)
    raise BoardgraphError(
        f"no Graph Store Protocol service found under {remote.mask(root)} "
        f"(tried {', '.join(_GSP_SUFFIXES)}); pass its GSP URL or SPARQL Update URL as --endpoint"
    )


def _ntriples(graph: Graph) -> bytes:
    # Sorted lines: the same build sends the same bytes.
    lines = sorted(line for line in split_lines(graph.serialize(format="nt")) if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def put_graph(target: Target, name: URIRef, graph: Graph, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Replace the named graph ``name`` in the store with ``graph``."""
    body = _ntriples(graph)
    if target.protocol == "gsp":
        url = _with_query(target.url, "graph=" + urllib.parse.quote(str(name), safe=""))
        answer = _request(url, "PUT", body, "application/n-triples", timeout)
    else:
        update = f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body.decode()}}} }}"
        answer = _request(target.url, "POST", update.encode(), "application/sparql-update", timeout)
    where = remote.mask(target.url)
    if not 200 <= answer.status < 300:
        raise BoardgraphError(f"store at {where} refused graph {name} (HTTP {answer.status})")
    if answer.content_type in _NOT_A_STORE:
        # a store answers a write with no body or a short status; a web page means no store is there
        raise BoardgraphError(f"{where} answered a web page, not a store's reply, for graph {name}")


def corpus_name(graph_path: Path | str) -> str:
    """A stable name for the corpus a graph file holds: its stem and where it lives.

    Re-pushing the same file is the same corpus (its graphs are replaced);
    another corpus's ``graph.ttl`` elsewhere is another corpus.
    """
    path = Path(graph_path).resolve()
    return f"{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"


def corpus_graphs(corpus: str) -> tuple[URIRef, URIRef, URIRef]:
    """The corpus itself, and the entities and build graphs that belong to it alone."""
    base = f"{ID_IRI}graph/corpus/{iri.segment(corpus)}"
    return URIRef(base), URIRef(f"{base}/entities"), URIRef(f"{base}/build")


def _per_corpus(graphs: dict[URIRef, Graph], corpus: str) -> dict[URIRef, Graph]:
    """Shared graph names made the corpus's own, plus a manifest of every graph it pushes.

    Two corpora in one store each keep their own entities graph (labels are
    never replaced by another corpus's); the manifest (``prov:hadMember`` in
    the corpus's build graph) lets ``--prune`` find what a corpus pushed before.
    """
    node, entities, build = corpus_graphs(corpus)
    renamed = {GRAPH_ENTITIES: entities, GRAPH_BUILD: build}
    out = {renamed.get(name, name): graph for name, graph in graphs.items()}
    manifest = out.setdefault(build, Graph())
    manifest.add((node, RDF.type, PROV.Collection))
    manifest.add((node, RDFS.label, Literal(corpus)))
    for name in out:
        if name != GRAPH_ONTOLOGY:
            manifest.add((node, PROV.hadMember, name))
    return dict(sorted(out.items()))


def _previous_members(target: Target, corpus: str, timeout: float) -> set[URIRef]:
    node, _, build = corpus_graphs(corpus)
    url = _with_query(target.url, "graph=" + urllib.parse.quote(str(build), safe=""))
    answer = _request(url, "GET", timeout=timeout, accept="application/n-triples")
    if answer.status == 404:
        return set()
    if not 200 <= answer.status < 300 or answer.content_type not in ("application/n-triples", "text/plain"):
        raise BoardgraphError(
            f"store at {remote.mask(target.url)} did not return graph {build} "
            f"(HTTP {answer.status}, {answer.content_type or 'no content type'})"
        )
    graph = Graph().parse(data=answer.body.decode("utf-8"), format="nt")
    return {o for o in graph.objects(node, PROV.hadMember) if isinstance(o, URIRef)}


def delete_graph(target: Target, name: URIRef, timeout: float = DEFAULT_TIMEOUT) -> None:
    if target.protocol == "gsp":
        url = _with_query(target.url, "graph=" + urllib.parse.quote(str(name), safe=""))
        answer = _request(url, "DELETE", timeout=timeout)
        ok = 200 <= answer.status < 300 or answer.status == 404
    else:
        answer = _request(
            target.url, "POST", f"DROP SILENT GRAPH <{name}>".encode(), "application/sparql-update", timeout
        )
        ok = 200 <= answer.status < 300
    if not ok or answer.content_type in _NOT_A_STORE:
        raise BoardgraphError(
            f"store at {remote.mask(target.url)} refused to drop graph {name} (HTTP {answer.status})"
        )


def push(
    graph_path: Path | str,
    endpoint: str,
    *,
    protocol: str = "auto",
    with_ontology: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    corpus: str | None = None,
    prune: bool = False,
) -> PushReport:
    """Push the graph's named graphs; with ``prune``, drop graphs this corpus pushed before
    that the build no longer has (reports deleted or renamed since)."""
    target = detect_target(endpoint, protocol, timeout=min(timeout, 10.0))
    corpus = corpus or corpus_name(graph_path)
    if prune and target.protocol != "gsp":
        raise BoardgraphError("--prune needs the store's Graph Store Protocol service (not SPARQL Update)")
    previous = _previous_members(target, corpus, timeout) if prune else set()
    dataset = partition(load_graph(graph_path), with_ontology=with_ontology)
    graphs = _per_corpus(named_graphs(dataset), corpus)
    done: list[URIRef] = []
    for name, graph in graphs.items():
        try:
            put_graph(target, name, graph, timeout)
        except BoardgraphError as exc:
            raise BoardgraphError(
                f"{exc}; {len(done)} of {len(graphs)} graphs are in the store "
                f"({_graph_list(done)}); pushing again completes it"
            ) from None
        done.append(name)
    stale = sorted(previous - set(graphs))
    for name in stale:
        delete_graph(target, name, timeout)
    return PushReport(target, len(graphs), sum(len(g) for g in graphs.values()), pruned=len(stale))


def _graph_list(names: list[URIRef], show: int = 3) -> str:
    if not names:
        return "none"
    shown = ", ".join(str(n).rsplit("/graph/", 1)[-1] for n in names[:show])
    return shown + (f" and {len(names) - show} more" if len(names) > show else "")


# ------------------------------------------------------------- local Oxigraph


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI: beside this Python (a venv's bin/) or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise BoardgraphError("the oxigraph server is not installed (pip install oxigraph)")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class OxigraphServer:
    """An ``oxigraph serve`` child process, stopped on exit.

    The default graph is served as the union of all named graphs, so plain
    queries (no ``GRAPH``) see every report, as they do locally.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int | None = None,
        location: Path | str | None = None,
        *,
        union_default_graph: bool = True,
        timeout_s: int | None = None,
    ) -> None:
        self.host, self.port = host, port or free_port(host)
        self.location = Path(location) if location else None
        self.union_default_graph = union_default_graph
        self.timeout_s = timeout_s
        self.process: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    def start(self, wait: float = 15.0) -> OxigraphServer:
        command = [oxigraph_binary(), "serve", "--bind", f"{self.host}:{self.port}"]
        if self.location:
            self.location.mkdir(parents=True, exist_ok=True)
            command += ["--location", str(self.location)]
        if self.union_default_graph:
            command.append("--union-default-graph")
        if self.timeout_s:
            command += ["--timeout-s", str(self.timeout_s)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self._log)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BoardgraphError(f"oxigraph server exited at start: {self._log_tail()}")
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), timeout=0.2):
                return self
            time.sleep(0.05)
        self.stop()
        raise BoardgraphError(f"oxigraph server did not start on {self.url} within {wait:g} s")

    def _log_tail(self) -> str:
        self._log.seek(0)
        lines = self._log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "no output"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self._log.close()


def serve(
    graph_path: Path | str,
    host: str = "127.0.0.1",
    port: int = 7878,
    location: Path | str | None = None,
    *,
    with_ontology: bool = True,
    announce: Callable[[str], object] = print,
) -> int:
    """Start Oxigraph, load the graph into it, and serve until interrupted."""
    graph_path = Path(graph_path)
    load_store(graph_path)  # fail on a missing or broken file before starting anything
    check_port_free(host, port)
    # SIGTERM ends the server as Ctrl-C does: the child is stopped and the port freed.
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _serve(graph_path, host, port, location, with_ontology, announce)
    finally:
        signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same unwinding as Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def check_port_free(host: str, port: int) -> None:
    """Refuse a port something else listens on, rather than push into another server."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        if probe.connect_ex((host, port)) == 0:
            raise BoardgraphError(
                f"port {port} on {host} is already in use; choose another with --bind HOST:PORT"
            )


def _serve(
    graph_path: Path,
    host: str,
    port: int,
    location: Path | str | None,
    with_ontology: bool,
    announce: Callable[[str], object],
) -> int:
    with OxigraphServer(host, port, location) as server:
        report = push(graph_path, server.store_url, with_ontology=with_ontology)
        announce(f"serving {report.triples} triples in {report.graphs} named graphs from {graph_path}")
        announce(f"SPARQL UI: {server.url}/   query: {server.query_url}   update: {server.update_url}")
        announce("press Ctrl-C to stop")
        assert server.process is not None
        code = server.process.wait()
        if code:
            raise BoardgraphError(f"oxigraph server stopped with exit code {code}: {server._log_tail()}")
    return 0

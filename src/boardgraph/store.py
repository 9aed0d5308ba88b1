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

import base64
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from boardgraph.errors import BoardgraphError
from boardgraph.export import load_graph, named_graphs, partition
from boardgraph.query import check_endpoint_url, credentials

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


# ------------------------------------------------------------------------ HTTP


def _request(
    url: str,
    method: str = "GET",
    data: bytes | None = None,
    content_type: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Send one request; return the HTTP status (errors → BoardgraphError, except 4xx/5xx codes)."""
    headers = {}
    if content_type:
        headers["Content-Type"] = content_type
    if auth := credentials():
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise BoardgraphError(f"store at {url} did not answer within {timeout:g} s") from exc
        raise BoardgraphError(f"cannot reach store at {_base(url)}: {exc.reason}") from exc
    except TimeoutError as exc:
        raise BoardgraphError(f"store at {url} did not answer within {timeout:g} s") from exc


def _base(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


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
        # HEAD on the default graph answers 200 where a GSP service lives.
        status = _request(_with_query(root + suffix, "default"), "HEAD", timeout=timeout)
        if 200 <= status < 300:
            return Target("gsp", root + suffix)
    raise BoardgraphError(
        f"no Graph Store Protocol service found under {root} (tried {', '.join(_GSP_SUFFIXES)}); "
        "pass its GSP URL or SPARQL Update URL as --endpoint"
    )


def _ntriples(graph: Graph) -> bytes:
    # Sorted lines: the same build sends the same bytes.
    lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def put_graph(target: Target, name: URIRef, graph: Graph, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Replace the named graph ``name`` in the store with ``graph``."""
    body = _ntriples(graph)
    if target.protocol == "gsp":
        url = _with_query(target.url, "graph=" + urllib.parse.quote(str(name), safe=""))
        status = _request(url, "PUT", body, "application/n-triples", timeout)
    else:
        update = f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body.decode()}}} }}"
        status = _request(target.url, "POST", update.encode(), "application/sparql-update", timeout)
    if not 200 <= status < 300:
        raise BoardgraphError(f"store at {target.url} refused graph {name} (HTTP {status})")


def push(
    graph_path: Path | str,
    endpoint: str,
    *,
    protocol: str = "auto",
    with_ontology: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> PushReport:
    target = detect_target(endpoint, protocol, timeout=min(timeout, 10.0))
    dataset = partition(load_graph(graph_path), with_ontology=with_ontology)
    graphs = named_graphs(dataset)
    for name, graph in graphs.items():
        put_graph(target, name, graph, timeout)
    return PushReport(target, len(graphs), sum(len(g) for g in graphs.values()))


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
    announce=print,
) -> int:
    """Start Oxigraph, load the graph into it, and serve until interrupted."""
    graph_path = Path(graph_path)
    load_graph(graph_path)  # fail on a missing or broken file before starting anything
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

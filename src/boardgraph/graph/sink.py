"""Where the RDF stage's triples go: a sorted in-memory set, or an on-disk
Oxigraph store for graphs too big for memory.

rdf.GraphWriter writes into ``self.g`` with ``add``/``bind`` and asks one
question back (has this evidence node been typed yet?). A sink offers just
that, and serialises with Oxigraph's Rust writers: rdflib's Turtle writer
cost several times the NLP itself at a thousand reports.

Both sinks are deterministic: the memory sink sorts before writing; the
store sink's output is in Oxigraph's index order, which depends only on the
triples (terms are keyed by content hashes, not insertion order).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef

from boardgraph.errors import BoardgraphError
from boardgraph.graph.formats import BUILD_FORMATS, format_named
from boardgraph.graph.load import load_graph
from boardgraph.graph.vocab import BG, OUTPUT_PREFIXES
from boardgraph.textsafe import xml_safe_file

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]

# The syntaxes a build writes (graph/formats.py), by their command-line name.
FORMATS = {name: format_named(name).oxigraph for name in BUILD_FORMATS}
# Only the namespaces the graph uses (vocab.OUTPUT_PREFIXES): rdflib binds ~30 by default.


def _xml_safe(output: Path, fmt: str) -> None:
    # RDF/XML cannot carry some characters a report may hold (textsafe.py)
    if fmt == "xml":
        xml_safe_file(output)


class _Converter:
    """rdflib terms → Oxigraph terms; predicates and datatypes are few, so memoised."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def term(self, t: URIRef | BNode | Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=self.iri(str(t.datatype)))
            return ox.Literal(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        return self.iri(str(t))

    def subject(self, t: URIRef | BNode) -> ox.NamedNode | ox.BlankNode:
        return ox.BlankNode(str(t)) if isinstance(t, BNode) else self.iri(str(t))

    def triple(self, t: Triple) -> ox.Triple:
        return ox.Triple(self.subject(t[0]), self.iri(str(t[1])), self.term(t[2]))


def _sort_key(t: Triple) -> tuple[str, ...]:
    # str.__str__ of a URIRef/Literal is its lexical form: no rdflib comparison
    # machinery, which is slow and orders mixed term types by type name anyway
    s, p, o = t
    if type(o) is Literal:
        extra = (str(o.datatype or ""), o.language or "")
        return (str.__str__(s), str.__str__(p), "Literal", str.__str__(o), *extra)
    return (str.__str__(s), str.__str__(p), type(o).__name__, str.__str__(o), "", "")


class MemorySink:
    """The graph as a set of triples (rdflib terms)."""

    def __init__(self) -> None:
        self.triples: set[Triple] = set()

    def bind(self, *args: object, **kwargs: object) -> None:  # prefixes are fixed: OUTPUT_PREFIXES
        pass

    def add(self, triple: Triple) -> None:
        self.triples.add(triple)

    def __contains__(self, triple: Triple) -> bool:
        return triple in self.triples

    def __len__(self) -> int:
        return len(self.triples)

    def sorted_triples(self) -> Iterator[ox.Triple]:
        conv = _Converter()
        for t in sorted(self.triples, key=_sort_key):
            yield conv.triple(t)

    def write(self, output: Path, fmt: str) -> None:
        ox.serialize(self.sorted_triples(), output, format=FORMATS[fmt], prefixes=OUTPUT_PREFIXES)
        _xml_safe(output, fmt)

    def to_rdflib(self) -> Graph:
        g = Graph()
        for p, ns in OUTPUT_PREFIXES.items():
            g.bind(p, ns)
        for t in self.triples:
            g.add(t)
        return g

    def close(self) -> None:
        self.triples = set()

    def abort(self) -> None:
        self.close()


class StoreSink:
    """The graph in an Oxigraph (RocksDB) store on disk, written in chunks.

    Memory stays flat: only the current chunk, plus the subjects typed with
    the classes GraphWriter asks about, are held in Python.
    """

    CHUNK = 200_000
    TRACKED_TYPES = frozenset({BG.Evidence})

    def __init__(self, path: Path, temporary: bool = False) -> None:
        self.path = Path(path)
        self.temporary = temporary
        # A named store is built beside the old one and swapped in by close():
        # a build that fails half-way (abort) leaves the previous store as it was.
        self._building = self.path if temporary else _fresh_store_folder(self.path)
        self.store = ox.Store(str(self._building))
        self._conv = _Converter()
        self._buffer: list[ox.Quad] = []
        self._typed: set[tuple[str, str]] = set()

    def bind(self, *args: object, **kwargs: object) -> None:
        pass

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        if p == RDF.type and o in self.TRACKED_TYPES:
            self._typed.add((str(s), str(o)))
        self._buffer.append(ox.Quad(*self._conv.triple(triple)))
        if len(self._buffer) >= self.CHUNK:
            self.flush()

    def __contains__(self, triple: Triple) -> bool:
        s, p, o = triple
        if p == RDF.type and o in self.TRACKED_TYPES:
            return (str(s), str(o)) in self._typed
        # Fail loudly if the RDF stage starts asking something this sink does not track.
        raise TypeError(f"StoreSink answers only rdf:type checks for {sorted(self.TRACKED_TYPES)}")

    def flush(self) -> None:
        if self._buffer:
            self.store.bulk_extend(self._buffer)
            self._buffer = []

    def __len__(self) -> int:
        self.flush()
        return len(self.store)

    def write(self, output: Path, fmt: str) -> None:
        self.flush()
        self.store.dump(str(output), FORMATS[fmt], from_graph=ox.DefaultGraph(), prefixes=OUTPUT_PREFIXES)
        _xml_safe(output, fmt)

    def to_rdflib(self) -> Graph:
        self.flush()
        g = Graph()
        data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        g.parse(data=data, format="nt")
        return g

    def close(self) -> None:
        if not hasattr(self, "store"):
            return
        self.flush()
        self._typed = set()
        if self.temporary:
            del self.store
            shutil.rmtree(self.path, ignore_errors=True)
            return
        self.store.flush()
        del self.store  # RocksDB must be closed before its folder moves
        _swap_in(self._building, self.path)

    def abort(self) -> None:
        if hasattr(self, "store"):
            del self.store
        self._buffer = []
        shutil.rmtree(self._building, ignore_errors=True)


_STORE_MARKERS = ("CURRENT", "IDENTITY")  # files every RocksDB (Oxigraph) folder has


def _is_store_or_empty(folder: Path) -> bool:
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return not names or any(m in names for m in _STORE_MARKERS)


def _fresh_store_folder(path: Path) -> Path:
    """A new folder beside ``path`` to build in, after sweeping ones left by killed builds."""
    if path.exists() and not path.is_dir():
        raise BoardgraphError(f"{path}: --store must be a folder, and this is a file")
    if path.is_dir() and not _is_store_or_empty(path):
        raise BoardgraphError(
            f"{path}: exists and is not an Oxigraph store; refusing to replace it "
            "(give a new or empty folder)"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BoardgraphError(f"{path}: cannot create the store folder ({exc.strerror})") from None
    prefix = f".{path.name}.building-"
    for old in path.parent.glob(f".{path.name}.*-*"):
        pid = old.name.rsplit("-", 2)[-2] if old.name.count("-") >= 2 else ""
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return path.parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _swap_in(built: Path, path: Path) -> None:
    """Move the finished store into place; the old one goes only once the new one is there."""
    old = path.parent / f".{path.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    if path.exists():
        os.rename(path, old)
    try:
        os.rename(built, path)
    except OSError:
        if old.exists():
            os.rename(old, path)  # put the previous store back
        raise
    shutil.rmtree(old, ignore_errors=True)


class FileSink:
    """A graph already serialised to a file (a build-cache hit)."""

    def __init__(self, path: Path, fmt: str, triples: int) -> None:
        self.path = path
        self.fmt = fmt
        self.triples = triples

    def __len__(self) -> int:
        return self.triples

    def write(self, output: Path, fmt: str) -> None:
        if fmt == self.fmt:
            shutil.copyfile(self.path, output)
            return
        with open(self.path, "rb") as fh:
            quads = ox.parse(fh, format=FORMATS[self.fmt])
            ox.serialize((q.triple for q in quads), output, format=FORMATS[fmt], prefixes=OUTPUT_PREFIXES)
        _xml_safe(output, fmt)

    def to_rdflib(self) -> Graph:
        return load_graph(self.path, syntax=format_named(self.fmt))  # cached as <key>.graph

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass

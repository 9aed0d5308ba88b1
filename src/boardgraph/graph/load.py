"""Read a graph file back: the one loader every command uses.

``load_store(path)`` reads any syntax of :mod:`boardgraph.graph.formats`
(chosen by the file's suffix) into an in-memory pyoxigraph ``Store``:

- a triples file (Turtle, N-Triples, RDF/XML) lands in the store's default graph;
- a quads file (TriG, N-Quads, JSON-LD) keeps its named graphs as named graphs,
  and only its statements outside any ``GRAPH`` block are in the default graph.

So the default graph is *not* the union of the named graphs. To see the whole
graph whatever the file's syntax, query with
``store.query(text, use_default_graph_as_union=True)`` or iterate
``store.quads_for_pattern(None, None, None, None)``, as :func:`to_rdflib`
does.

Every failure — missing file, a folder, unknown suffix, unreadable or
unparseable text — is one ``BoardgraphError`` line naming the file.

rdflib is used only where a library needs its graphs (pySHACL, the JSON-LD and
Turtle writers of ``export``, ``explain``/``evaluate``): :func:`to_rdflib`
copies a store into an ``rdflib.Graph`` (the union of all its graphs), and
:func:`load_graph` is ``to_rdflib(load_store(path))``. Parsing quads with
pyoxigraph rather than rdflib also avoids rdflib's ``ConjunctiveGraph``
deprecation warnings.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from boardgraph.errors import BoardgraphError
from boardgraph.graph.formats import RdfSyntax, format_for_path
from boardgraph.graph.vocab import PREFIXES

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

__all__ = ["load_graph", "load_into", "load_store", "parse_graph", "to_rdflib", "to_rdflib_term"]


def load_store(path: Path | str, *, syntax: RdfSyntax | None = None) -> ox.Store:
    """A new in-memory store holding the graph file ``path`` (named graphs kept; see the module doc).

    ``syntax`` is for a file whose suffix does not say (a cached graph); by default the suffix decides.
    """
    store = ox.Store()
    load_into(store, path, syntax=syntax)
    return store


def load_into(
    store: ox.Store,
    path: Path | str,
    *,
    to_graph: ox.NamedNode | None = None,
    syntax: RdfSyntax | None = None,
) -> RdfSyntax:
    """Add the graph file ``path`` to ``store`` (into ``to_graph`` if given, triples files only).

    Returns the syntax read. Errors are one ``BoardgraphError`` line naming the file.
    """
    path = Path(path)
    if not path.exists():
        raise BoardgraphError(f"{path}: graph file not found (build it with `boardgraph build`)")
    if not path.is_file():
        raise BoardgraphError(f"{path}: is not a graph file (a folder or device)")
    syntax = syntax or format_for_path(path)
    if to_graph is not None and syntax.quads:
        raise BoardgraphError(f"{path}: {syntax.label} holds named graphs; it cannot go into one graph")
    try:
        store.load(path=str(path), format=syntax.oxigraph, to_graph=to_graph)
    except SyntaxError as exc:
        raise BoardgraphError(f"{path}: cannot parse as {syntax.name}: {_first_line(exc)}") from None
    except UnicodeDecodeError:
        raise BoardgraphError(f"{path}: cannot parse as {syntax.name}: not UTF-8 text") from None
    except OSError as exc:
        reason = exc.strerror or _first_line(exc)
        raise BoardgraphError(f"{path}: cannot read the graph file ({reason})") from None
    except ValueError as exc:
        raise BoardgraphError(f"{path}: cannot parse as {syntax.name}: {_first_line(exc)}") from None
    return syntax


def parse_graph(data: bytes | str, syntax: RdfSyntax, source: str) -> Graph:
    """RDF text held in memory (a SPARQL endpoint's answer) as an rdflib ``Graph``, every graph merged.

    ``source`` names where the text came from in the one-line ``BoardgraphError``.
    """
    store = ox.Store()
    try:
        store.load(data, format=syntax.oxigraph)
    except (SyntaxError, ValueError) as exc:
        raise BoardgraphError(f"{source}: cannot parse as {syntax.name}: {_first_line(exc)}") from None
    return to_rdflib(store)


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:240] if lines else type(exc).__name__


def load_graph(path: Path | str, *, syntax: RdfSyntax | None = None) -> Graph:
    """The graph file as one rdflib ``Graph`` (every named graph merged), prefixes bound."""
    return to_rdflib(load_store(path, syntax=syntax))


def to_rdflib(store: ox.Store, *, graph_name: ox.NamedNode | ox.DefaultGraph | None = None) -> Graph:
    """The store as an rdflib ``Graph`` with boardgraph's prefixes bound: the union of all its
    graphs, or only ``graph_name``'s triples."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    convert = _TermConverter()
    add = graph.add
    for quad in store.quads_for_pattern(None, None, None, graph_name):
        add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph


def to_rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """One pyoxigraph term as the rdflib term a parser would have made."""
    return _TermConverter()(term)


class _TermConverter:
    """pyoxigraph → rdflib terms; IRIs repeat a lot (predicates, classes), so memoised."""

    def __init__(self) -> None:
        self._iris: dict[str, URIRef] = {}

    def __call__(self, term: object) -> Node:
        if isinstance(term, ox.NamedNode):
            node = self._iris.get(term.value)
            if node is None:
                node = self._iris[term.value] = URIRef(term.value)
            return node
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            return _literal(term)
        raise BoardgraphError(f"unsupported RDF term in a graph file: {term!r}")


def _literal(term: ox.Literal) -> Literal:
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype in (_XSD_STRING, _RDF_LANG_STRING):
        return Literal(term.value)  # a plain literal, as rdflib's parsers give it
    return Literal(term.value, datatype=URIRef(datatype))

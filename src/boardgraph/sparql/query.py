"""Run SPARQL over a built graph: locally on pyoxigraph, remotely through SPARQLWrapper.

Parameters are never pasted into the query as text. Each value becomes an
RDF term (an IRI or a typed literal, serialised by pyoxigraph, which escapes
it), and the terms are bound with a ``VALUES`` block placed at the start of
the query's top-level ``WHERE`` group. A value such as ``x" } ; DROP ALL ; #``
is therefore one string literal that matches nothing. Local and remote runs
send the same query text, so they give the same answers.

Parameter values (``--param name=value``):

* ``<https://…>`` is an IRI; anything else is a literal;
* a query file declares each parameter's type in its header,
  ``# @param name (type): description``, with type one of ``string`` (the
  default), ``entity``, ``iri``, ``integer``, ``decimal``, ``date``;
* an ``entity`` is an ``<IRI>``, a ``bgid:``/``bg:`` prefixed name, or a name:
  a name is first looked up (``rdfs:label`` / ``skos:altLabel``, exactly,
  then ignoring case) and the IRIs found are bound, so that queries join on
  IRIs; a name that finds nothing stays a literal and matches nothing;
* an ad-hoc query can give the type inline: ``--param year:integer=2012``;
* repeating a parameter binds several values (rows of ``VALUES``);
* a declared parameter that is not given stays unbound, i.e. matches anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from boardgraph.errors import BoardgraphError
from boardgraph.graph import lookup as entity_lookup
from boardgraph.graph.formats import format_for_media_type
from boardgraph.graph.load import load_into, parse_graph, to_rdflib_term
from boardgraph.graph.vocab import BG_IRI, DISPLAY_PREFIXES, ID_IRI, compact, prefixes, sparql_prefixes
from boardgraph.resources import shipped
from boardgraph.sparql import remote

USER_ENV = remote.USER_ENV
PASSWORD_ENV = remote.PASSWORD_ENV
DEFAULT_TIMEOUT = 30.0

PARAM_TYPES = ("string", "entity", "iri", "integer", "decimal", "date")
_CURIE_PREFIXES = prefixes("bgid", "bg")
_XSD_STRING = str(XSD.string)
# A term a query can bind or answer (pyoxigraph has no common base class to name).
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


# ------------------------------------------------------------------ query files


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: str = "string"
    description: str = ""


@dataclass
class QueryText:
    """A query and what its header says about it."""

    text: str
    title: str = ""
    description: str = ""
    params: dict[str, ParamSpec] = field(default_factory=dict)
    source: str = "<text>"


_PARAM_LINE = re.compile(r"#\s*@param\s+([A-Za-z_]\w*)\s*(?:\((\w+)\))?\s*:?\s*(.*)")


def parse_header(text: str, source: str = "<text>") -> QueryText:
    """Read the leading ``#`` comment block: first line title, then description, then @params."""
    title, description, params = "", [], {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _PARAM_LINE.match(stripped)
        if match:
            name, kind, desc = match.group(1), (match.group(2) or "string").lower(), match.group(3).strip()
            if kind not in PARAM_TYPES:
                raise BoardgraphError(f"{source}: parameter {name} has unknown type {kind!r}")
            params[name] = ParamSpec(name, kind, desc)
            continue
        body = stripped.lstrip("#").strip()
        if body.startswith("@"):
            continue  # other annotations (e.g. @example) are for readers
        if not title:
            title = body
        elif body:
            description.append(body)
    return QueryText(text, title, " ".join(description), params, source)


def library_dir() -> Path:
    return shipped("queries")


def library() -> dict[str, QueryText]:
    """The shipped query library, by file stem."""
    return {
        p.stem: parse_header(p.read_text(encoding="utf-8"), str(p))
        for p in sorted(library_dir().glob("*.rq"))
    }


def load_query(spec: str) -> QueryText:
    """A query from a ``.rq`` path, a library query's name, or SPARQL text."""
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 256 and "\n" not in spec and path.is_file()):
        if path.is_file():  # relative to where the command runs
            return _read_query_file(path)
        # "queries/worked-with.rq" from the README works from any folder
        named = library_dir() / path.name
        if named.is_file():
            return _read_query_file(named)
        raise BoardgraphError(f"{spec}: no such query file{_suggest(path.stem)}")
    if re.fullmatch(r"[\w.-]+", spec):
        named = library_dir() / f"{spec}.rq"
        if named.is_file():
            return _read_query_file(named)
        raise BoardgraphError(f"{spec!r} is neither a query file, a library query nor SPARQL{_suggest(spec)}")
    return parse_header(spec)


def _read_query_file(path: Path) -> QueryText:
    try:
        return parse_header(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise BoardgraphError(f"{path}: cannot read query file ({reason})") from None


def _suggest(name: str) -> str:
    import difflib

    names = sorted(p.stem for p in library_dir().glob("*.rq"))
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"{hint} (`boardgraph query --list` shows the library)"


# ------------------------------------------------------------------- parameters


def parse_param_args(args: Iterable[str]) -> list[tuple[str, str | None, str]]:
    """``name[:type]=value`` strings → (name, type or None, value)."""
    parsed: list[tuple[str, str | None, str]] = []
    for arg in args:
        key, sep, value = arg.partition("=")
        name, _, kind = key.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise BoardgraphError(f"--param {arg!r}: expected name=value (or name:type=value)")
        kind = kind.lower()
        if kind and kind not in PARAM_TYPES:
            raise BoardgraphError(f"--param {arg!r}: unknown type {kind!r} (one of {', '.join(PARAM_TYPES)})")
        parsed.append((name, kind or None, value))
    return parsed


def to_term(value: str, kind: str = "string", name: str = "value") -> ox.NamedNode | ox.Literal:
    """Turn a command-line value into an RDF term; invalid values raise BoardgraphError."""
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if kind in ("entity", "iri"):
            prefix, colon, local = value.partition(":")
            if colon and prefix in _CURIE_PREFIXES:
                return ox.NamedNode(_CURIE_PREFIXES[prefix] + local)
            if kind == "iri":
                return ox.NamedNode(value)
            return ox.Literal(value)  # an entity given by its name
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(str(XSD.integer)))
        if kind == "decimal":
            return ox.Literal(str(Decimal(value)), datatype=ox.NamedNode(str(XSD.decimal)))
        if kind == "date":
            return ox.Literal(dt.date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(str(XSD.date)))
        return ox.Literal(value)
    except (ValueError, InvalidOperation) as exc:
        raise BoardgraphError(f"parameter {name}: {value!r} is not a valid {kind}: {exc}") from None


def resolve_params(query: QueryText, args: Sequence[tuple[str, str | None, str]]) -> dict[str, list[OxTerm]]:
    bindings: dict[str, list[OxTerm]] = {}
    for name, kind, value in args:
        spec = query.params.get(name)
        kind = kind or (spec.type if spec else "string")
        bindings.setdefault(name, []).append(to_term(value, kind, name))
    return bindings


# ------------------------------------------------------- binding by VALUES


@dataclass
class _Scan:
    form: str | None = None  # select | ask | construct | describe
    where_brace: int | None = None  # index of the '{' opening the top-level WHERE group
    variables: set[str] = field(default_factory=set)


_IRI_REF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_VAR = re.compile(r"[?$]([A-Za-z_0-9]\w*)")


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = i + 3
        while end < len(text):
            if text[end] == "\\":
                end += 2
                continue
            if text.startswith(quote * 3, end):
                return end + 3
            end += 1
        return len(text)
    end = i + 1
    while end < len(text) and text[end] not in (quote, "\n"):
        end += 2 if text[end] == "\\" else 1
    return end + 1


def scan_query(text: str) -> _Scan:
    """Find the query form, its variables and the top-level WHERE group.

    A small lexer, aware of comments, strings and IRIs, so that a brace or
    keyword inside them is not taken for syntax.
    """
    return _QueryLexer(text).run()


_FORMS = ("select", "ask", "construct", "describe")


class _QueryLexer:
    """The state of one scan: nesting depth, and where the top-level groups are."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.scan = _Scan()
        self.braces = self.parens = 0
        self.where_at_top = False
        self.first_top_brace: int | None = None

    def run(self) -> _Scan:
        i = 0
        while i < len(self.text):
            i = self._step(i)
        if self.scan.where_brace is None and self.scan.form in ("select", "ask", "describe"):
            self.scan.where_brace = self.first_top_brace  # WHERE is optional before the group
        return self.scan

    def _step(self, i: int) -> int:
        """Read the token at ``i``; return where the next one starts."""
        text, c = self.text, self.text[i]
        if c == "#":
            newline = text.find("\n", i)
            return len(text) if newline < 0 else newline + 1
        if c in "\"'":
            return _skip_string(text, i)
        if c == "<" and (m := _IRI_REF.match(text, i)):
            return m.end()
        if c in "?$" and (m := _VAR.match(text, i)):
            self.scan.variables.add(m.group(1))
            return m.end()
        if c in "{}()":
            self._bracket(c, i)
            return i + 1
        if (m := _WORD.match(text, i)) and (i == 0 or text[i - 1] not in ":_-."):
            return self._word(m)
        return i + 1

    def _at_top(self) -> bool:
        return self.braces == 0 and self.parens == 0

    def _bracket(self, c: str, i: int) -> None:
        if c == "{":
            if self._at_top():
                if self.first_top_brace is None:
                    self.first_top_brace = i
                if self.where_at_top and self.scan.where_brace is None:
                    self.scan.where_brace = i
            self.braces += 1
        elif c == "}":
            self.braces -= 1
        else:
            self.parens += 1 if c == "(" else -1

    def _word(self, m: re.Match[str]) -> int:
        if self.text.startswith(":", m.end()):  # a prefixed name such as ex:where
            return m.end()
        word = m.group(0).lower()
        if self._at_top():
            if word in _FORMS and self.scan.form is None:
                self.scan.form = word
            elif word == "where":
                self.where_at_top = True
        return m.end()


def bind(text: str, bindings: dict[str, list[OxTerm]]) -> str:
    """Return ``text`` with a VALUES block per parameter at the head of its WHERE group."""
    if not bindings:
        return text
    scan = scan_query(text)
    if scan.form is None:
        raise BoardgraphError("only SELECT, ASK, CONSTRUCT and DESCRIBE queries can be run")
    for name in bindings:
        if name not in scan.variables:
            raise BoardgraphError(f"the query has no variable ?{name} to bind --param {name} to")
    if scan.where_brace is None:
        raise BoardgraphError("the query has no WHERE group to bind parameters in")
    # str() of a pyoxigraph term is its escaped N-Triples form: never raw user text.
    block = " ".join(
        f"VALUES ?{name} {{ {' '.join(str(term) for term in terms)} }}" for name, terms in bindings.items()
    )
    at = scan.where_brace + 1
    return f"{text[:at]} {block}\n{text[at:]}"


# --------------------------------------------------------------------- results


@dataclass
class QueryResult:
    """Rows of rdflib terms (SELECT), a boolean (ASK) or a graph (CONSTRUCT/DESCRIBE)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    warnings: list[str] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Node | None]:
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def values(self, name: str) -> set[str]:
        """The lexical values of one column, for quick checks."""
        return {str(v) for v in self.column(name) if v is not None}


def _from_ox(term: OxTerm | None) -> Node | None:
    return None if term is None else to_rdflib_term(term)  # None: a variable left unbound


# ------------------------------------------------------------------ local runs


class LocalStore:
    """An in-memory pyoxigraph store loaded from graph files.

    ``with_ontology`` adds ontology/boardgraph.ttl as the graph
    ``bgid:graph/ontology``, as ``push`` and ``serve`` do, so that a query
    answers the same locally and on a store (e.g. labels of classes).
    """

    def __init__(self, paths: Iterable[Path | str] = (), *, with_ontology: bool = False) -> None:
        self.store = ox.Store()
        for path in paths:
            self.load(path)
        if with_ontology:
            ontology = ox.NamedNode(f"{ID_IRI}graph/ontology")
            load_into(self.store, shipped("ontology", "boardgraph.ttl"), to_graph=ontology)

    def load(self, path: Path | str) -> None:
        load_into(self.store, path)

    def __len__(self) -> int:
        return len(self.store)

    def run(self, text: str, timeout: float | None = None) -> QueryResult:
        """Answer ``text``; with ``timeout``, in a forked child that is killed at the deadline.

        pyoxigraph evaluates inside Rust, where neither a clock nor Ctrl-C can
        reach it; a child process can be stopped from outside at any moment.
        """
        if timeout is None or not hasattr(os, "fork"):
            return self._run(text)
        return _in_child(self._run, text, timeout)

    def _run(self, text: str) -> QueryResult:
        try:
            # The union default graph lets the same query read a TriG export
            # (named graphs) or a Turtle file (default graph) alike.
            answer = self.store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise BoardgraphError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from exc
        except OSError as exc:
            raise BoardgraphError(f"query failed: {exc}") from exc
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [tuple(_from_ox(solution[v]) for v in variables) for solution in answer]
            return QueryResult("select", variables, rows)
        graph = Graph()
        for triple in answer:
            graph.add(
                (
                    to_rdflib_term(triple.subject),
                    to_rdflib_term(triple.predicate),
                    to_rdflib_term(triple.object),
                )
            )
        return QueryResult("graph", graph=graph)


# -------------------------------------------------------------------- endpoints


def check_endpoint_url(url: str) -> str:
    return remote.check_url(url)


def credentials() -> tuple[str, str] | None:
    """Basic-auth credentials from the environment (never from the command line)."""
    return remote.credentials()


# ------------------------------------------------------- read-only by parsing

READ_FORMS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}


def _walk(node: object) -> Iterable[object]:
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(list(item))  # type: ignore[call-overload]


def _is_update(text: str) -> bool:
    from pyparsing.exceptions import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except ParseBaseException:
        return False  # not an update either: the caller reports it as a syntax error
    return True


def check_read_only(text: str, *, allow_service: bool = False) -> str:
    """The query's form if ``text`` parses as one SPARQL query that only reads.

    A real parser (rdflib's SPARQL 1.1 grammar), not a word search: an update
    hidden behind escapes or comments does not parse as a query and is refused
    here, before any server is contacted. ``SERVICE`` (a request from the
    query engine to another server) is refused unless ``allow_service``.
    """
    from pyparsing.exceptions import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise BoardgraphError(
                "this is a SPARQL update; only SELECT, ASK, CONSTRUCT and DESCRIBE queries can be run"
            ) from None
        raise BoardgraphError(f"SPARQL syntax error: {str(exc).splitlines()[0][:160]}") from None
    except Exception as exc:  # rdflib raises others for bad IRIs, prefixes, …
        raise BoardgraphError(f"SPARQL syntax error: {_one_line(exc)}") from None
    body = parsed[1]
    form = READ_FORMS.get(getattr(body, "name", ""))
    if form is None:
        raise BoardgraphError("only SELECT, ASK, CONSTRUCT and DESCRIBE queries can be run")
    if not allow_service and any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(body)):
        raise BoardgraphError(
            "the query uses SERVICE (a request to another server); pass --allow-service to let it"
        )
    return form


def _child(run: Callable[[str], QueryResult], text: str, conn: object) -> None:
    try:
        result = run(text)
        if result.graph is not None:  # N-Triples crosses the pipe; a Graph object may not
            payload: object = ("graph", result.graph.serialize(format="nt"))
        else:
            payload = ("ok", result)
    except BoardgraphError as exc:
        payload = ("error", str(exc))
    except BaseException as exc:
        payload = ("error", f"query failed: {type(exc).__name__}: {_one_line(exc)}")
    conn.send(payload)  # type: ignore[attr-defined]
    conn.close()  # type: ignore[attr-defined]


def _in_child(run: Callable[[str], QueryResult], text: str, timeout: float) -> QueryResult:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(run, text, send), daemon=True)
    child.start()
    send.close()
    deadline = time.monotonic() + timeout
    try:
        while not receive.poll(0.1):
            if time.monotonic() > deadline:
                raise BoardgraphError(f"the query ran longer than {timeout:g} s (raise --timeout)")
            if not child.is_alive() and not receive.poll(0):
                raise BoardgraphError(f"the query process ended unexpectedly (exit code {child.exitcode})")
        try:
            kind, value = receive.recv()
        except EOFError:
            raise BoardgraphError("the query process ended without an answer") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise BoardgraphError(value)
    if kind == "graph":
        return QueryResult("graph", graph=Graph().parse(data=value, format="nt"))
    return value


# ----------------------------------------------------------------- remote runs

_JSON_TYPES = ("application/sparql-results+json", "application/json")


def query_urls(endpoint: str) -> list[str]:
    """Where a query may be sent: the URL itself, or, for a server's root, its query services.

    ``push`` takes a server's root URL; so does ``query`` (Oxigraph: /query,
    others: /sparql).
    """
    url = endpoint.rstrip("/")
    path = urllib.parse.urlsplit(url).path
    if path.endswith(("/query", "/sparql")):
        return [url]
    extra = [url + "/query", url + "/sparql"]
    return extra if not path else [url, *extra]


def run_remote(
    endpoint: str, text: str, *, timeout: float = DEFAULT_TIMEOUT, allow_service: bool = True
) -> QueryResult:
    """Run ``text`` on a SPARQL 1.1 endpoint; every failure is one BoardgraphError line.

    The text is checked read-only first, then always sent as ``query=`` (a
    store never sees it as an update), and the answer is checked for status
    and content type before it is read.
    """
    check_endpoint_url(endpoint)
    form = check_read_only(text, allow_service=allow_service)
    graph_form = form in ("construct", "describe")
    accept = (
        "text/turtle, application/n-triples;q=0.9"
        if graph_form
        else "application/sparql-results+json, application/json;q=0.9"
    )
    body = urllib.parse.urlencode({"query": text}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    problem = ""
    deadline = time.monotonic() + timeout
    for url in query_urls(endpoint):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        answer = remote.request(url, "POST", body, headers, timeout=left)
        shown = answer.url
        if answer.status in (404, 405) or answer.content_type in ("text/html", "application/xhtml+xml"):
            problem = (
                f"{shown} answered HTTP {answer.status}"
                if answer.status >= 400
                else f"{shown} answered a web page, not SPARQL results"
            )
            continue  # the root of a server: try its query service
        if not 200 <= answer.status < 300:
            detail = answer.body.decode("utf-8", "replace").strip().splitlines()
            reason = f": {detail[0][:200]}" if detail else ""
            raise BoardgraphError(f"endpoint {shown} refused the query (HTTP {answer.status}){reason}")
        if graph_form:
            syntax = format_for_media_type(answer.content_type or "")
            if syntax is None:
                raise BoardgraphError(
                    f"endpoint {shown} answered {answer.content_type or 'no content type'}, not RDF"
                )
            return QueryResult("graph", graph=parse_graph(answer.body, syntax, f"endpoint {shown}"))
        if answer.content_type not in _JSON_TYPES:
            raise BoardgraphError(
                f"endpoint {shown} answered {answer.content_type or 'no content type'}, "
                "not SPARQL JSON results"
            )
        return parse_json_results(answer.body, shown)
    raise BoardgraphError(
        f"no SPARQL query service at {remote.mask(endpoint)} ({problem or 'timed out'}); "
        "give its query URL as --endpoint"
    )


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return " ".join(lines[:2])[:300] or type(exc).__name__


def parse_json_results(body: bytes | str, endpoint: str = "endpoint") -> QueryResult:
    """SPARQL 1.1 JSON results → QueryResult; anything else is a clear error."""
    garbage = BoardgraphError(f"endpoint {endpoint} answered something that is not SPARQL JSON results")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise garbage from None
    if not isinstance(data, dict):
        raise garbage
    if isinstance(data.get("boolean"), bool):
        return QueryResult("ask", boolean=data["boolean"])
    try:
        variables = list(data["head"]["vars"])
        rows = [tuple(_from_json(b.get(v)) for v in variables) for b in data["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError):
        raise garbage from None
    return QueryResult("select", variables, rows)


def _from_json(cell: dict | None) -> Node | None:
    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    return Literal(value, datatype=None if datatype in (None, _XSD_STRING) else URIRef(datatype))


# ----------------------------------------------------------------- formatting


def format_result(result: QueryResult, fmt: str = "table", *, width: int = 72) -> str:
    if fmt not in ("table", "csv", "json"):
        raise BoardgraphError(f"unknown output format {fmt!r} (table, csv or json)")
    if result.form == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if result.form == "graph":
        assert result.graph is not None
        if fmt == "json":
            return result.graph.serialize(format="json-ld", indent=2)
        for prefix, iri in DISPLAY_PREFIXES.items():
            result.graph.bind(prefix, iri)
        return result.graph.serialize(format="turtle" if fmt == "table" else "nt")
    if fmt == "json":
        return json.dumps(_json_results(result), indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # SPARQL 1.1 CSV uses CRLF
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow(["" if v is None else str(v) for v in row])
        return out.getvalue().rstrip("\r\n")
    return _table(result, width)


def _json_results(result: QueryResult) -> dict:
    def cell(term: Node) -> dict:
        if isinstance(term, URIRef):
            return {"type": "uri", "value": str(term)}
        if isinstance(term, BNode):
            return {"type": "bnode", "value": str(term)}
        assert isinstance(term, Literal)
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out

    bindings = [
        {v: cell(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def _table(result: QueryResult, width: int) -> str:
    def clip(text: str) -> str:
        text = " ".join(text.split())  # evidence sentences may hold newlines
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[clip(compact(v)) for v in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.variables)]
    line = " | ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))
    lines = [line, "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


# ---------------------------------------------------------------------- facade


_LABELS = sparql_prefixes("rdfs", "skos")
_ENTITY_LOOKUP = (
    _LABELS
    + f"""SELECT DISTINCT ?entity WHERE {{
  ?entity rdfs:label|skos:altLabel ?name .
  ?entity a ?type . FILTER(STRSTARTS(STR(?type), "{BG_IRI}"))
}} ORDER BY ?entity"""
)

_ENTITY_LOOKUP_ANY_CASE = (
    _LABELS
    + f"""SELECT DISTINCT ?entity WHERE {{
  ?entity rdfs:label|skos:altLabel ?label .
  FILTER(LCASE(STR(?label)) = LCASE(STR(?name)))
  ?entity a ?type . FILTER(STRSTARTS(STR(?type), "{BG_IRI}"))
}} ORDER BY ?entity"""
)


_ALL_NAMES = (
    _LABELS
    + f"""SELECT ?entity ?label ?alt ?type WHERE {{
  ?entity a ?type . FILTER(STRSTARTS(STR(?type), "{BG_IRI}"))
  ?entity rdfs:label ?label .
  OPTIONAL {{ ?entity skos:altLabel ?alt }}
}}"""
)


def _forgiving_lookup(run: Callable[[str], QueryResult], text: str) -> tuple[list[str], str]:
    """A name not found as written, looked up the forgiving way (lookup.py): the IRI, or why not."""
    rows: dict[str, tuple[str, set[str], str]] = {}
    for row in run(_ALL_NAMES).rows:
        iri, label, alt, etype = (str(v) if v is not None else "" for v in row[:4])  # all bound but alt
        entry = rows.setdefault(iri, (label, set(), etype.rsplit("#", 1)[-1]))
        if alt:
            entry[1].add(alt)
    items = [
        entity_lookup.Named(iri, label, tuple(sorted(alts)), etype)
        for iri, (label, alts, etype) in rows.items()
    ]
    found = entity_lookup.candidates(text, items)
    if len(found) == 1:
        return [found[0].key], ""
    if found:
        return [], f"{entity_lookup.describe_candidates(text, found)}; give one of them"
    close = entity_lookup.nearest(text, items)
    hint = f"; nearest: {', '.join(repr(c) for c in close)}" if close else ""
    return [], f"no entity is named {text!r}{hint}"


def resolve_entities(
    run: Callable[[str], QueryResult], bindings: dict[str, list[OxTerm]], query: QueryText
) -> list[str]:
    """Replace entity names by the IRIs they name (in place); return warnings for unknown names."""
    warnings = []
    for name, terms in bindings.items():
        spec = query.params.get(name)
        if spec is None or spec.type != "entity":
            continue
        resolved: list[OxTerm] = []
        for term in terms:
            if not isinstance(term, ox.Literal):
                resolved.append(term)
                continue
            found: list[str] = []
            for lookup in (_ENTITY_LOOKUP, _ENTITY_LOOKUP_ANY_CASE):
                found = sorted(run(bind(lookup, {"name": [term]})).values("entity"))
                if found:
                    break
            if not found:
                found, why = _forgiving_lookup(run, term.value)
                if why:
                    warnings.append(f"{name}: {why}")
            if found:
                resolved += [ox.NamedNode(str(iri)) for iri in found]
            else:
                resolved.append(term)  # a literal: the query answers nothing, as it should
        bindings[name] = list(dict.fromkeys(resolved))
    return warnings


def run_query(
    query: QueryText | str,
    params: Sequence[tuple[str, str | None, str]] = (),
    *,
    graph: Path | str | LocalStore | None = None,
    endpoint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    with_ontology: bool = True,
    allow_service: bool = False,
    local_timeout: bool = False,
) -> QueryResult:
    """Bind ``params`` into ``query`` and run it on a graph file/store or an endpoint.

    A graph file is queried together with the ontology (unless ``with_ontology``
    is false), like the store that ``push`` fills.
    """
    if isinstance(query, str):
        query = load_query(query)
    # Refused before any graph is loaded or any server contacted. SERVICE is
    # the store's business on an endpoint; locally it would be a request from here.
    check_read_only(query.text, allow_service=allow_service or bool(endpoint))
    if endpoint:

        def run(text: str) -> QueryResult:
            return run_remote(endpoint, text, timeout=timeout)
    elif graph is None:
        raise BoardgraphError("give a graph file (--graph) or an endpoint (--endpoint)")
    else:
        store = graph if isinstance(graph, LocalStore) else LocalStore([graph], with_ontology=with_ontology)

        def run(text: str) -> QueryResult:
            return store.run(text, timeout if local_timeout else None)

    bindings = resolve_params(query, params)
    warnings = resolve_entities(run, bindings, query)
    result = run(bind(query.text, bindings))
    result.warnings = warnings
    return result

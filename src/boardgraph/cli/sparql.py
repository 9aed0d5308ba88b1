"""Sub-commands for SPARQL and RDF: query, push, serve, export, validate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from boardgraph.cli.common import add_graph_argument, graph_path
from boardgraph.errors import BoardgraphError
from boardgraph.graph.formats import EXPORT_FORMATS, canonical_name, format_named


def _graph_args(parser: argparse.ArgumentParser) -> None:
    add_graph_argument(parser)


def register(subparsers: argparse._SubParsersAction) -> None:
    q = subparsers.add_parser(
        "query",
        help="run SPARQL (a .rq file, a library query name or text) on a graph file or endpoint",
        description=(
            "Run a SPARQL query. Parameters are bound as RDF terms with VALUES, never pasted into the text: "
            "VALUE is a literal, <IRI> an IRI; a query file's header (# @param name (type): …) gives each "
            "parameter's type (string, entity, iri, integer, decimal, date), or write "
            "--param name:type=VALUE. "
            "Endpoint credentials come from BOARDGRAPH_ENDPOINT_USER / BOARDGRAPH_ENDPOINT_PASSWORD."
        ),
    )
    q.add_argument(
        "query",
        nargs="?",
        help="a .rq file, the name of a library query (see --list), "
        "or SPARQL text; only SELECT, ASK, CONSTRUCT and DESCRIBE run",
    )
    q.add_argument(
        "--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="bind a parameter"
    )
    where = q.add_mutually_exclusive_group()
    add_graph_argument(q, group=where)
    where.add_argument(
        "--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint (or a server's root URL, as for push)"
    )
    q.add_argument("--format", "-f", choices=("table", "csv", "json"), default="table")
    q.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds the query may take, on a graph file or an endpoint (default 30)",
    )
    q.add_argument(
        "--allow-service",
        action="store_true",
        help="let a query on a graph file use SERVICE (a request to another server)",
    )
    q.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write the results here instead of stdout"
    )
    q.add_argument("--no-ontology", action="store_true", help="query a graph file without the ontology")
    q.add_argument("--list", action="store_true", help="list the library queries and their parameters")
    q.set_defaults(func=cmd_query)

    p = subparsers.add_parser(
        "push",
        help="load the graph into a SPARQL 1.1 store, one named graph per report (replacing)",
        description=(
            "Push the graph to a triple store with the Graph Store Protocol (PUT, replacing each "
            "named graph) "
            "or SPARQL Update. --endpoint may be the server root (the GSP service is found by probing "
            "/store and /data) or an explicit GSP or update URL. Re-pushing the same build changes nothing. "
            "Credentials come from BOARDGRAPH_ENDPOINT_USER / BOARDGRAPH_ENDPOINT_PASSWORD."
        ),
    )
    _graph_args(p)
    p.add_argument("--endpoint", required=True, metavar="URL")
    p.add_argument("--protocol", choices=("auto", "gsp", "update"), default="auto")
    p.add_argument("--no-ontology", action="store_true", help="do not push the ontology graph")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per request, overall (default 60)")
    p.add_argument(
        "--corpus",
        metavar="NAME",
        help="the corpus's name in the store: its entities and build graphs are its own "
        "(default: the graph file's name and location)",
    )
    p.add_argument(
        "--prune",
        action="store_true",
        help="drop graphs this corpus pushed before that the build no longer has",
    )
    p.set_defaults(func=cmd_push)

    s = subparsers.add_parser(
        "serve",
        help="start a local Oxigraph SPARQL server (with a web UI) preloaded with the graph",
        description=(
            "Start `oxigraph serve` (PyPI package oxigraph) with the graph loaded as named graphs; "
            "the default "
            "graph is their union, so plain queries see everything. Stops on Ctrl-C."
        ),
    )
    _graph_args(s)
    s.add_argument("--bind", default="127.0.0.1:7878", metavar="HOST:PORT", help="default 127.0.0.1:7878")
    s.add_argument(
        "--location", type=Path, metavar="DIR", help="keep the store on disk here (default: memory)"
    )
    s.add_argument("--no-ontology", action="store_true", help="do not load the ontology graph")
    s.set_defaults(func=cmd_serve)

    labels = [format_named(name).label for name in EXPORT_FORMATS]
    e = subparsers.add_parser(
        "export",
        help=f"write the graph as {', '.join(labels[:-1])} or {labels[-1]} (TriG: per-report named graphs)",
    )
    _graph_args(e)
    e.add_argument("--format", "-f", type=canonical_name, choices=EXPORT_FORMATS, required=True)
    e.add_argument("--output", "-o", type=Path, required=True, metavar="FILE")
    e.add_argument("--ontology", action="store_true", help="include the ontology (TriG: as its own graph)")
    e.set_defaults(func=cmd_export)

    v = subparsers.add_parser("validate", help="check the graph against ontology/shapes.ttl (SHACL)")
    _graph_args(v)
    v.add_argument("--shapes", type=Path, metavar="FILE", help="SHACL shapes (default ontology/shapes.ttl)")
    v.add_argument("--limit", type=int, default=50, help="show at most this many problems (default 50)")
    v.set_defaults(func=cmd_validate)


def cmd_query(args: argparse.Namespace) -> int:
    from boardgraph.atomic import write_text
    from boardgraph.sparql.query import format_result, library, load_query, parse_param_args, run_query

    if args.list:
        for name, query in library().items():
            print(f"{name}: {query.title}")
            for spec in query.params.values():
                print(f"    --param {spec.name}=…  ({spec.type}) {spec.description}")
        return 0
    if not args.query:
        raise BoardgraphError("give a query: a .rq file, a library query name or SPARQL text (or --list)")
    if args.endpoint and args.graph_pos:
        raise BoardgraphError("give either a graph file or --endpoint, not both")
    graph = graph_path(args)
    if args.output:
        from boardgraph.cli.common import check_output

        check_output(args.output, [] if args.endpoint else [graph])
    query = load_query(args.query)
    result = run_query(
        query,
        parse_param_args(args.param),
        graph=graph,
        endpoint=args.endpoint,
        timeout=args.timeout,
        with_ontology=not args.no_ontology,
        allow_service=args.allow_service,
        local_timeout=True,
    )
    for warning in result.warnings:
        print(f"boardgraph: warning: {warning}", file=sys.stderr)
    text = format_result(result, args.format)
    if args.output:
        write_text(args.output, text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from boardgraph.sparql.remote import mask
    from boardgraph.sparql.store import push

    report = push(
        graph_path(args),
        args.endpoint,
        protocol=args.protocol,
        with_ontology=not args.no_ontology,
        timeout=args.timeout,
        corpus=args.corpus,
        prune=args.prune,
    )
    how = "Graph Store Protocol" if report.target.protocol == "gsp" else "SPARQL Update"
    where = mask(report.target.url)
    print(f"pushed {report.triples} triples in {report.graphs} named graphs to {where} ({how})")
    if report.pruned:
        print(f"pruned {report.pruned} graph(s) of reports no longer in the build")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from boardgraph.sparql.store import serve

    host, _, port = args.bind.rpartition(":")
    if not host or not port.isdigit():
        raise BoardgraphError(f"--bind {args.bind!r}: expected HOST:PORT")
    return serve(graph_path(args), host, int(port), args.location, with_ontology=not args.no_ontology)


def cmd_export(args: argparse.Namespace) -> int:
    from boardgraph.cli.common import check_output
    from boardgraph.graph.export import export

    check_output(args.output, [graph_path(args)])
    count = export(graph_path(args), args.format, args.output, with_ontology=args.ontology)
    print(f"wrote {count} triples to {args.output}", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from boardgraph.graph.validate import validate_file

    report = validate_file(graph_path(args), args.shapes)
    print(report.text(args.limit))
    return 0 if report.conforms else 1

"""Sub-commands ``network`` (tables and exports) and ``visualise`` (HTML, PNG/SVG, timeline).

Argument parsing and calls only: the tables are drawn by :mod:`boardgraph.network.render`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from boardgraph.cli.common import add_graph_argument, graph_path
from boardgraph.errors import BoardgraphError

if TYPE_CHECKING:
    from boardgraph.network.time import Period

# Copies of measures.MEASURES / exports.EXPORT_FORMATS, so that building the parser does not
# import networkx for every other command (a test keeps them equal).
MEASURES = ("degree", "weighted_degree", "collaborations", "betweenness", "pagerank", "eigenvector")
EXPORT_FORMATS = ("graphml", "gexf", "csv")
DEFAULT_HTML = Path("out/network.html")


# ------------------------------------------------------------------ parsers


def _common(parser: argparse.ArgumentParser) -> None:
    add_graph_argument(parser, "graph file from `boardgraph build`")
    parser.add_argument("--from", dest="date_from", metavar="YEAR|DATE", help="only collaborations from here")
    parser.add_argument("--to", dest="date_to", metavar="YEAR|DATE", help="only collaborations up to here")
    parser.add_argument("--seed", type=int, default=None, help="seed for Louvain communities and layouts")


def register(subparsers: argparse._SubParsersAction) -> None:
    n = subparsers.add_parser(
        "network",
        help="who worked with whom: central people, brokers, communities, change over time; exports",
        description=(
            "Analyse the collaboration network the graph describes: people, councils and organisations "
            "linked by their dated collaborations. Prints the most connected nodes, communities "
            "(Louvain, seeded), the strongest ties and how the network changed year by year. "
            "--export writes GraphML, GEXF (with spells for Gephi's timeline) or CSV (an edge table "
            "plus <name>.nodes.csv) for Gephi and Cytoscape."
        ),
    )
    _common(n)
    n.add_argument("--ego", metavar="NAME", help="only NAME and the people within --radius ties of them")
    n.add_argument("--radius", type=int, default=1, help="ties from the --ego person (default 1)")
    n.add_argument("--top", type=int, default=10, metavar="N", help="rows in each table (default 10)")
    n.add_argument(
        "--by", choices=MEASURES, default="weighted_degree", help="rank by (default weighted_degree)"
    )
    n.add_argument(
        "--path", nargs=2, metavar=("FROM", "TO"), help="shortest chain of collaborations, with evidence"
    )
    n.add_argument(
        "--compare",
        nargs=2,
        metavar=("PERIOD", "PERIOD"),
        help="who joined and left, which ties are new, between two periods (2012, 2011:2013 …)",
    )
    n.add_argument(
        "--programmes",
        action="store_true",
        help="analyse the councils/organisations ↔ programmes network instead",
    )
    n.add_argument("--export", choices=EXPORT_FORMATS, help="write the network for Gephi / Cytoscape")
    n.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="export file (default out/network.FORMAT)"
    )
    n.set_defaults(func=cmd_network)

    v = subparsers.add_parser(
        "visualise",
        aliases=["visualize"],
        help="an interactive offline HTML page of the network, plus PNG/SVG and a timeline",
        description=(
            "Write one self-contained HTML page (works from file://, no network access) with the "
            "network coloured by type and sized by a measure, a year selector, search, and the "
            "evidence behind every node and tie. Optionally a static PNG/SVG of the network and a "
            "timeline of collaborations per year and per person. The page's JavaScript (vis-network) "
            "is inlined from the copy the package ships (in a checkout: node_modules, from `make install`)."
        ),
    )
    _common(v)
    v.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_HTML, help=f"HTML file (default {DEFAULT_HTML})"
    )
    v.add_argument("--png", type=Path, metavar="FILE", help="also draw the network as PNG")
    v.add_argument("--svg", type=Path, metavar="FILE", help="also draw the network as SVG")
    v.add_argument(
        "--timeline", type=Path, metavar="FILE", help="also draw collaborations over time (PNG/SVG)"
    )
    v.add_argument(
        "--size-by", choices=MEASURES, default="weighted_degree", help="node size (default weighted_degree)"
    )
    v.add_argument("--title", help="page and picture title")
    v.add_argument(
        "--reports",
        type=Path,
        metavar="DIR",
        help="link each report to its source file here (default data/reports when it exists)",
    )
    v.add_argument("--no-programmes", action="store_true", help="leave programme nodes out of the pictures")
    v.set_defaults(func=cmd_visualise)


def _period(args: argparse.Namespace) -> Period | None:
    from boardgraph.network.time import Period

    if not (args.date_from or args.date_to):
        return None
    return Period.between(args.date_from, args.date_to)


# ------------------------------------------------------------------ network


def cmd_network(args: argparse.Namespace) -> int:
    from boardgraph.network import build, exports, measures, read, render, search, time

    if args.top < 1:
        raise BoardgraphError("--top must be at least 1")
    if args.output and not args.export:
        raise BoardgraphError("-o/--output is for --export; say which format (graphml, gexf or csv)")
    seed = measures.DEFAULT_SEED if args.seed is None else args.seed
    data = read.as_data(graph_path(args))
    full = build.programme_network(data) if args.programmes else build.collaboration_network(data)
    period = _period(args)
    scoped = time.snapshot(full, period) if period else full
    g = search.ego_network(scoped, args.ego, radius=args.radius) if args.ego else scoped
    measures.compute_measures(g, seed=seed)

    console = render.terminal()
    # --path, --compare and --export are questions of their own: answer only them.
    if not (args.path or args.compare or args.export):
        asked = render.Asked(args.top, args.by, seed, period, args.ego, args.programmes)
        render.print_report(console, g, asked)
    if args.path:
        render.print_path(console, search.shortest_path(scoped, *args.path), scoped)
    if args.compare:
        a, b = (time.Period.parse(p) for p in args.compare)
        render.print_change(console, full, a, b, args.top)
    if args.export:
        target = args.output or Path(f"out/network.{args.export}")
        for written in exports.export(g, args.export, target):
            console.print(f"wrote {written} ({g.number_of_nodes()} nodes, {g.number_of_edges()} ties)")
    return 0


# ---------------------------------------------------------------- visualise


def cmd_visualise(args: argparse.Namespace) -> int:
    from boardgraph.network import measures, page, pictures, read, view

    seed = measures.DEFAULT_SEED if args.seed is None else args.seed
    data = read.as_data(graph_path(args))
    options = view.Options(
        title=args.title or view.DEFAULT_TITLE,
        size_by=args.size_by,
        period=_period(args),
        programmes=not args.no_programmes,
        seed=seed,
        reports_dir=args.reports,
        source_name=graph_path(args).name,
    )
    written = [page.write_html(data, args.output, options)]
    for picture in (args.png, args.svg):
        if picture:
            written.append(pictures.draw_network(data, picture, options))
    if args.timeline:
        written.append(pictures.draw_timeline(data, args.timeline, options))
    for path in written:
        print(f"wrote {path}")
    return 0

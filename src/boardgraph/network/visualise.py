"""Pictures of the network: an offline interactive HTML page, a static PNG/SVG and a timeline.

The HTML page is one file that works from ``file://`` with no network: the
vis-network library is read from ``node_modules`` (installed by ``npm ci``)
at run time and inlined, and the graph travels as JSON inside the page. The
page's own HTML, CSS and JavaScript are package data in ``boardgraph/assets``.

The page is an explorer in the manner of an entity index: every entity of
the graph is in it — those with no ties too, findable by search and the index
— with its mentions grouped by year and report, its reports and its ties;
each quoted sentence opens its report's view at that sentence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import importlib.resources
import json
import math
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from boardgraph.atomic import atomic_path, write_text
from boardgraph.errors import BoardgraphError
from boardgraph.network import analyse
from boardgraph.network.analyse import PROGRAMME, GraphData, Period
from boardgraph.textsafe import xml_safe_file

DEFAULT_TITLE = "Who worked with whom"
VIS_ENV = "BOARDGRAPH_VIS_NETWORK_JS"
VIS_RELATIVE = Path("node_modules/vis-network/standalone/umd/vis-network.min.js")

# Okabe–Ito colours (distinguishable with colour-blindness) and a shape per type,
# so the type survives greyscale printing too.
TYPE_STYLE: dict[str, dict[str, str]] = {
    "Person": {"color": "#0072B2", "shape": "dot", "marker": "o"},
    "Council": {"color": "#009E73", "shape": "square", "marker": "s"},
    "Organisation": {"color": "#E69F00", "shape": "triangle", "marker": "^"},
    "Programme": {"color": "#CC79A7", "shape": "diamond", "marker": "D"},
}
MEASURE_NAMES = {
    "degree": "ties",
    "weighted_degree": "collaborations (weighted degree)",
    "collaborations": "collaborations",
    "betweenness": "betweenness (brokerage)",
    "pagerank": "PageRank",
    "eigenvector": "eigenvector centrality",
}


@dataclasses.dataclass(frozen=True)
class Options:
    title: str = DEFAULT_TITLE
    size_by: str = "weighted_degree"
    period: Period | None = None
    programmes: bool = True  # show programmes and who takes part in them
    seed: int = analyse.DEFAULT_SEED
    reports_dir: Path | None = None  # where the source files are, for links; None: data/reports if there
    source_name: str = ""  # the graph file's name, shown in the page's footer


# ------------------------------------------------------------ the picture's graph


def picture_graph(data: GraphData, options: Options) -> nx.Graph:
    """The collaboration network, plus programmes, with a ``size`` in 0..1 on every node.

    Measures are those of the collaboration network (the ones ``boardgraph
    network`` prints); a programme is sized by how many members it has,
    relative to the largest, since centrality means little for it.
    """
    collab = analyse.collaboration_network(data)
    if options.period:
        collab = analyse.snapshot(collab, options.period)
    analyse.compute_measures(collab, seed=options.seed)
    g = nx.Graph(**collab.graph)
    for node, d in collab.nodes(data=True):
        g.add_node(node, **d)
    for a, b, d in collab.edges(data=True):
        g.add_edge(a, b, kind="collaboration", **d)
    if options.programmes:
        prog = analyse.programme_network(data)
        if options.period:
            prog = analyse.snapshot(prog, options.period)
        for node, d in sorted(prog.nodes(data=True)):
            if node not in g:
                g.add_node(node, **{k: v for k, v in d.items() if k != "bipartite"})
                g.nodes[node].update(dict.fromkeys(analyse.MEASURES, 0), community=0)
        for a, b, d in sorted(prog.edges(data=True), key=lambda e: (e[0], e[1])):
            g.add_edge(a, b, kind="participation", **d)
    top = max((g.nodes[n].get(options.size_by, 0) for n in g if g.nodes[n]["type"] != PROGRAMME), default=0)
    members = max((g.degree(n) for n in g if g.nodes[n]["type"] == PROGRAMME), default=0)
    for node, d in g.nodes(data=True):
        if d["type"] == PROGRAMME:
            d["size"] = 0.6 * g.degree(node) / members if members else 0.0
        else:
            d["size"] = d.get(options.size_by, 0) / top if top else 0.0
    return g


# ------------------------------------------------------------------ HTML page


def find_vis_network_js() -> Path:
    """The vis-network standalone build.

    $BOARDGRAPH_VIS_NETWORK_JS if set, else node_modules/ in the current
    directory or a parent, else in the package's source tree or a parent.
    """
    env = os.environ.get(VIS_ENV)
    if env:
        path = Path(env)
        if path.is_file():
            return path
        raise BoardgraphError(f"{VIS_ENV} is set to {path}, which is not a file")
    for base in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (base, *base.parents):
            candidate = folder / VIS_RELATIVE
            if candidate.is_file():
                return candidate
    raise BoardgraphError(
        f"vis-network not found ({VIS_RELATIVE}): run `npm ci` (or `make install`) in the boardgraph "
        f"checkout, or set {VIS_ENV} to vis-network.min.js"
    )


def _vis_version(js: Path) -> str:
    try:
        return json.loads((js.parents[2] / "package.json").read_text(encoding="utf-8")).get("version", "")
    except (OSError, ValueError, IndexError):
        return ""


def _script_safe(text: str) -> str:
    # Inside <script>, only "</script" (any case) and "<!--" can end or confuse the element.
    return re.sub(r"<(/script|!--)", r"<\\\1", text, flags=re.IGNORECASE)


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def _report_links(data: GraphData, html_path: Path, reports_dir: Path | None) -> dict[str, str]:
    """Relative links from the page to each report's source file, where that file exists."""
    folder = reports_dir if reports_dir is not None else Path("data/reports")
    if not folder.is_dir():
        return {}
    links = {}
    base = html_path.resolve().parent
    for report in data.reports.values():
        names = [f"{report.identifier}.{report.source_format}"] if report.source_format else []
        names += sorted(p.name for p in folder.glob(f"{glob_escape(report.identifier)}.*"))
        for name in names:
            source = folder / name
            if source.is_file():
                links[report.identifier] = quote(os.path.relpath(source.resolve(), base).replace(os.sep, "/"))
                break
    return links


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _sentence(evidence: analyse.Evidence) -> str:
    return " ".join(evidence.text.split())


def _report_sentences(data: GraphData) -> dict[str, list[str]]:
    """Per report id, the sentences the graph quotes from it, in the order the report has them."""
    found: dict[str, dict[str, int]] = defaultdict(dict)

    def add(rid: str, evidence: analyse.Evidence | None) -> None:
        if evidence is None or not evidence.text.strip():
            return
        text = _sentence(evidence)
        start = evidence.start if evidence.start is not None else 1 << 62  # no offset: after the rest
        found[rid][text] = min(found[rid].get(text, start), start)

    for m in data.mentions:
        add(_report_id(data, m.report), m.evidence)
    for c in (*data.collaborations, *data.participations):
        for e in c.evidence:
            add(c.report_id, e)
    return {rid: sorted(texts, key=lambda t: (texts[t], t)) for rid, texts in sorted(found.items())}


def _report_id(data: GraphData, report_iri: str) -> str:
    report = data.reports.get(report_iri)
    return report.identifier if report else report_iri.rsplit("/", 1)[-1]


def page_data(data: GraphData, g: nx.Graph, options: Options, links: dict[str, str]) -> dict:
    """Everything the page shows, as JSON-ready dicts (sorted, so the page is byte-stable).

    Quoted sentences are stored once, per report (``reports[id].sents``);
    mentions and evidence refer to them by index, so a quote can open its
    report's view at the very sentence.
    """
    sents = _report_sentences(data)
    index = {rid: {text: i for i, text in enumerate(texts)} for rid, texts in sents.items()}
    # Every entity is on the page, tied or not; a period or --no-programmes narrows the ties only.
    entities = {iri: e for iri, e in data.entities.items()
                if options.programmes or e.type != PROGRAMME or iri in g}
    mentions: dict[str, dict[tuple[str, int], dict]] = defaultdict(dict)
    for m in data.mentions:
        if m.entity not in entities and m.entity not in g:
            continue
        rid = _report_id(data, m.report)
        i = index.get(rid, {}).get(_sentence(m.evidence), -1) if m.evidence else -1
        entry = mentions[m.entity].setdefault((rid, i), {"r": rid, "i": i, "q": []})
        if m.text and m.text not in entry["q"]:
            entry["q"].append(m.text)
    roles: dict[str, list[dict]] = defaultdict(list)
    for r in data.roles:
        report = data.reports.get(r.report)
        roles[r.person].append(
            {
                "role": r.role,
                "org": r.organisation,
                "d": _iso(r.date),
                "r": report.identifier if report else "",
            }
        )
    dates = {r.identifier: _iso(r.date) for r in data.reports.values() if r.date}
    nodes = []
    for node in sorted(set(g) | set(entities)):
        d = g.nodes[node] if node in g else _untied(entities[node])
        years = sorted({y for _, _, e in g.edges(node, data=True) for y in e["years"]}) if node in g else []
        nodes.append(
            {
                "id": node,
                "label": d["label"],
                "type": d["type"],
                "alt": list(d.get("alt_labels", ())),
                "size": round(d["size"], 6),
                "ties": g.degree(node) if node in g else 0,
                "m": {k: round(float(d.get(k, 0)), 6) for k in analyse.MEASURES},
                "community": d.get("community", 0),
                "years": years,
                "roles": roles.get(node, []),
                "mentions": sorted(
                    mentions[node].values(), key=lambda e: (dates.get(e["r"], "9999"), e["r"], e["i"])
                ),
            }
        )
    edges = []
    for i, (a, b, d) in enumerate(sorted(g.edges(data=True), key=lambda e: (e[2]["kind"], e[0], e[1]))):
        edges.append(
            {
                "id": f"e{i}",
                "from": a,
                "to": b,
                "kind": d["kind"],
                "weight": d["weight"],
                "years": list(d["years"]),
                "collabs": [
                    {
                        "d": _iso(c.date),
                        "r": c.report_id,
                        "t": c.relation_type,
                        "g": c.trigger,
                        "ev": [index.get(c.report_id, {}).get(_sentence(e), -1) for e in c.evidence],
                    }
                    for c in d["collaborations"]
                ],
            }
        )
    reports = {
        r.identifier: {
            "title": r.title,
            "d": _iso(r.date),
            "board": r.board,
            "chair": r.chair,
            "iri": r.iri,
            "href": links.get(r.identifier, ""),
            "sents": sents.get(r.identifier, []),
        }
        for r in sorted(data.reports.values(), key=lambda r: r.identifier)
    }
    years = sorted({y for e in edges for y in e["years"]})
    return {
        "title": options.title,
        "sizeBy": MEASURE_NAMES.get(options.size_by, options.size_by),
        "period": options.period.label if options.period else "",
        "seed": options.seed,
        "source": options.source_name,
        "years": years,
        "styles": {k: {"color": v["color"], "shape": v["shape"]} for k, v in TYPE_STYLE.items()},
        "types": list(TYPE_STYLE),  # legend order (the JSON's keys are sorted)
        "nodes": nodes,
        "edges": edges,
        "reports": reports,
    }


def _untied(entity: analyse.Entity) -> dict:
    """Node attributes for an entity the network has no tie for."""
    return {"label": entity.label, "type": entity.type, "alt_labels": entity.alt_labels, "size": 0.0}


def _asset(name: str) -> str:
    return importlib.resources.files("boardgraph.network.assets").joinpath(name).read_text(encoding="utf-8")


def render_html(data: GraphData, options: Options, *, links: dict[str, str] | None = None) -> str:
    js_path = find_vis_network_js()
    g = picture_graph(data, options)
    payload = page_data(data, g, options, links or {})
    # JSON in a non-executed script element; escaping "<" keeps any text in it from closing the tag.
    data_json = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data_json = data_json.replace("<", "\\u003c")
    parts = {
        "TITLE": html.escape(options.title),
        "VIS_VERSION": html.escape(_vis_version(js_path) or "?"),
        "VIS_JS": _script_safe(js_path.read_text(encoding="utf-8")),
        "DATA": data_json,
        "APP_JS": _script_safe(_asset("network.js")),
        "CSS": _asset("network.css"),
    }
    # One pass, so text inside the data can never be taken for a placeholder.
    return re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], _asset("network.html"))


def write_html(source: GraphData | Path | str, path: Path | str, options: Options | None = None) -> Path:
    data = analyse.as_data(source)
    path = Path(path)
    options = options or Options()
    links = _report_links(data, path, options.reports_dir)
    write_text(path, render_html(data, options, links=links))
    return path


# -------------------------------------------------------------- static pictures


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # never open a window; works headless
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> Path:
    plt = _pyplot()
    fmt = path.suffix.lstrip(".").lower() or "png"
    if fmt not in ("png", "svg", "pdf"):
        raise BoardgraphError(f"cannot draw {path.name}: use a .png, .svg or .pdf file name")
    # Fixed metadata and hash salt make the files byte-identical run to run.
    meta = {"Date": None} if fmt in ("svg", "pdf") else {"Software": None}
    # SVG text stays text (searchable, selectable, small) rather than glyph outlines.
    with plt.rc_context({"svg.hashsalt": "boardgraph", "svg.fonttype": "none"}), atomic_path(path) as tmp:
        fig.savefig(tmp, format=fmt, metadata=meta, bbox_inches="tight", facecolor="white")
        if fmt == "svg":
            xml_safe_file(tmp, path)  # a label with U+FFFF would make the whole SVG unreadable
    plt.close(fig)
    return path


def _layout(g: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Force-directed positions; components are laid out apart so none sits on another."""
    if g.number_of_nodes() == 0:
        return {}
    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    pos: dict[str, tuple[float, float]] = {}
    # Shelf-pack components: big ones first, each scaled by the square root of its size.
    x = y = row_h = 0.0
    gap = 0.8
    # Rows about as wide as the figure is wide (16:11) for the total area to pack.
    area = sum((math.sqrt(len(c)) + gap) ** 2 for c in comps)
    width = max(math.sqrt(len(comps[0])), math.sqrt(area * 16 / 11))
    for comp in comps:
        # A subgraph view keeps the parent's node order, which can follow set
        # (hash) order; spring_layout's start positions follow node order.
        sub = nx.Graph()
        sub.add_nodes_from(sorted(comp))
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in g.subgraph(comp).edges()))
        size = math.sqrt(len(comp))
        if len(comp) == 1:
            local = {next(iter(comp)): (0.0, 0.0)}
        else:
            local = nx.spring_layout(
                sub, seed=seed, k=1.6 / math.sqrt(len(comp)), iterations=300, weight=None
            )
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        scale = size / span
        if x + size > width and x > 0:
            x, y, row_h = 0.0, y - row_h - gap, 0.0
        for node, (px, py) in local.items():
            pos[node] = (x + (px - min(xs)) * scale, y - (py - min(ys)) * scale)
        x += size + gap
        row_h = max(row_h, size)
    return pos


def draw_network(source: GraphData | Path | str, path: Path | str, options: Options | None = None) -> Path:
    """The network as a static picture (PNG, SVG or PDF, by the file's suffix)."""
    from matplotlib.lines import Line2D

    plt = _pyplot()
    data = analyse.as_data(source)
    options = options or Options()
    g = picture_graph(data, options)
    pos = _layout(g, options.seed)
    n = g.number_of_nodes()
    fig, ax = plt.subplots(figsize=(16, 11), dpi=150)
    ax.set_axis_off()
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1])):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        participation = d["kind"] == "participation"
        ax.plot(
            [xa, xb],
            [ya, yb],
            color=TYPE_STYLE[PROGRAMME]["color"] if participation else "#7a7a7a",
            linestyle=(0, (4, 3)) if participation else "-",
            linewidth=0.7 + 1.3 * math.log2(d["weight"]) if d["weight"] > 1 else 0.8,
            alpha=0.55,
            zorder=1,
        )
    for kind, style in TYPE_STYLE.items():
        nodes = [v for v in sorted(g) if g.nodes[v]["type"] == kind]
        if not nodes:
            continue
        ax.scatter(
            [pos[v][0] for v in nodes],
            [pos[v][1] for v in nodes],
            s=[60 + 900 * g.nodes[v]["size"] for v in nodes],
            c=style["color"],
            marker=style["marker"],
            edgecolors="white",
            linewidths=1.0,
            zorder=2,
        )
    # Label everyone in a small network; in a big one, the most central 40.
    ranked = sorted(g, key=lambda v: (-g.nodes[v]["size"], g.nodes[v]["label"]))
    for v in ranked if n <= 70 else ranked[:40]:
        size = g.nodes[v]["size"]
        ax.annotate(
            g.nodes[v]["label"],
            pos[v],
            xytext=(0, 7 + 11 * size),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5 + 4 * size,
            color="#222222",
            zorder=3,
            # A translucent box rather than a stroke effect: path effects turn SVG text into outlines.
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75},
        )
    counts = Counter(d["type"] for _, d in g.nodes(data=True))
    handles = [
        Line2D(
            [],
            [],
            marker=s["marker"],
            color="white",
            markerfacecolor=s["color"],
            markersize=10,
            label=f"{k} ({counts[k]})",
        )
        for k, s in TYPE_STYLE.items()
        if counts[k]
    ]
    if any(d["kind"] == "participation" for _, _, d in g.edges(data=True)):
        handles.append(
            Line2D(
                [], [], color=TYPE_STYLE[PROGRAMME]["color"], linestyle="--", label="takes part in programme"
            )
        )
    handles.append(Line2D([], [], color="#7a7a7a", label="worked together (width: how often)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10)
    ax.text(0, 1.045, options.title, transform=ax.transAxes, fontsize=17, fontweight="bold", va="bottom")
    ax.text(
        0, 1.015, _subtitle(g, options), transform=ax.transAxes, fontsize=10.5, color="#555555", va="bottom"
    )
    ax.margins(0.05)
    return _save(fig, Path(path))


def _subtitle(g: nx.Graph, options: Options) -> str:
    years = sorted({y for _, _, d in g.edges(data=True) for y in d["years"]})
    collabs = {
        c.iri for _, _, d in g.edges(data=True) if d["kind"] == "collaboration" for c in d["collaborations"]
    }
    span = options.period.label if options.period else (f"{years[0]}–{years[-1]}" if years else "undated")
    return (
        f"{g.number_of_nodes()} people and bodies · {len(collabs)} collaborations · {span} · "
        f"size: {MEASURE_NAMES.get(options.size_by, options.size_by)}"
    )


def draw_timeline(
    source: GraphData | Path | str, path: Path | str, options: Options | None = None, *, people: int = 15
) -> Path:
    """Collaborations per year (bars, by kind) above a lane per person with a dot per collaboration."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    plt = _pyplot()
    data = analyse.as_data(source)
    options = options or Options()
    collabs = [c for c in data.collaborations if c.date and (not options.period or c.date in options.period)]
    if not collabs:
        raise BoardgraphError("no dated collaborations to draw a timeline of")
    labels = {iri: e.label for iri, e in data.entities.items()}
    types = {iri: e.type for iri, e in data.entities.items()}
    counts = Counter(p for c in collabs for p in set(c.participants))
    chosen = sorted(counts, key=lambda p: (-counts[p], labels.get(p, p)))[:people]
    lanes_h = 0.75 + 0.36 * len(chosen)
    fig, (top, lanes) = plt.subplots(
        2, 1, figsize=(13, 3.4 + lanes_h), dpi=150, sharex=True, gridspec_kw={"height_ratios": [2.6, lanes_h]}
    )
    # Bars: one per year, stacked by relation type (the commonest five, the rest as "other").
    kinds = [k for k, _ in Counter(c.relation_type or "other" for c in collabs).most_common()]
    shown = kinds[:5]
    per_year: dict[int, Counter] = defaultdict(Counter)
    for c in collabs:
        kind = c.relation_type or "other"
        per_year[c.date.year][kind if kind in shown else "other"] += 1
    years = sorted(per_year)
    palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#999999"]
    bottoms = dict.fromkeys(years, 0)
    for i, kind in enumerate([*shown, *(["other"] if len(kinds) > 5 else [])]):
        heights = [per_year[y][kind] for y in years]
        top.bar(
            [dt.date(y, 7, 1) for y in years],
            heights,
            width=300,
            bottom=[bottoms[y] for y in years],
            color=palette[i % len(palette)],
            label=kind,
        )
        for y, h in zip(years, heights, strict=True):
            bottoms[y] += h
    for y in years:
        top.annotate(
            str(bottoms[y]),
            (mdates.date2num(dt.date(y, 7, 1)), bottoms[y]),
            ha="center",
            va="bottom",
            fontsize=9,
            xytext=(0, 2),
            textcoords="offset points",
        )
    top.set_ylabel("collaborations")
    top.set_ylim(0, max(bottoms.values()) * 1.15)
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.legend(frameon=False, fontsize=8, ncols=6, loc="lower right", bbox_to_anchor=(1.0, 1.0))
    top.set_title("Collaborations per year", loc="left", fontsize=11)
    for side in ("top", "right"):
        top.spines[side].set_visible(False)

    # Lanes: the people (and bodies) in most collaborations, one dot per collaboration.
    for row, who in enumerate(chosen):
        dates = sorted(c.date for c in collabs if who in c.participants)
        per_date = Counter(dates)
        colour = TYPE_STYLE.get(types.get(who, "Person"), TYPE_STYLE["Person"])["color"]
        lanes.axhline(row, color="#eeeeee", linewidth=0.8, zorder=0)
        lanes.scatter(
            list(per_date),
            [row] * len(per_date),
            s=[40 + 40 * k for k in per_date.values()],
            color=colour,
            alpha=0.85,
            zorder=2,
            edgecolors="white",
        )
        lanes.plot([dates[0], dates[-1]], [row, row], color=colour, alpha=0.35, linewidth=2, zorder=1)
    lanes.set_yticks(range(len(chosen)), [f"{labels.get(p, p)} ({counts[p]})" for p in chosen], fontsize=9)
    lanes.invert_yaxis()
    lanes.set_title(
        f"Who collaborated when (the {len(chosen)} most active; dot size: collaborations that day)",
        loc="left",
        fontsize=11,
    )
    lanes.xaxis.set_major_locator(mdates.YearLocator())
    lanes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    first, last = min(c.date for c in collabs), max(c.date for c in collabs)
    lanes.set_xlim(
        dt.date(first.year, 1, 1) - dt.timedelta(days=60), dt.date(last.year, 12, 31) + dt.timedelta(days=60)
    )
    for side in ("top", "right", "left"):
        lanes.spines[side].set_visible(False)
    lanes.tick_params(axis="y", length=0)
    fig.suptitle(f"{options.title}: over time", x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.tight_layout()
    return _save(fig, Path(path))

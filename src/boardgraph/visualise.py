"""Pictures of the network: an offline interactive HTML page, a static PNG/SVG and a timeline.

The HTML page is one file that works from ``file://`` with no network: the
vis-network library is read from ``node_modules`` (installed by ``npm ci``)
at run time and inlined, and the graph travels as JSON inside the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import math
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from boardgraph import analyse
from boardgraph.analyse import PROGRAMME, GraphData, Period
from boardgraph.atomic import atomic_path, write_text
from boardgraph.errors import BoardgraphError
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


def page_data(data: GraphData, g: nx.Graph, options: Options, links: dict[str, str]) -> dict:
    """Everything the page shows, as JSON-ready dicts (sorted, so the page is byte-stable)."""
    mentions: dict[str, dict[tuple[str, str], dict]] = defaultdict(dict)
    for m in data.mentions:
        if m.entity not in g:
            continue
        report = data.reports.get(m.report)
        rid = report.identifier if report else m.report.rsplit("/", 1)[-1]
        sentence = " ".join(m.evidence.text.split()) if m.evidence else ""
        entry = mentions[m.entity].setdefault((rid, sentence), {"r": rid, "s": sentence, "q": []})
        if m.text and m.text not in entry["q"]:
            entry["q"].append(m.text)
    roles: dict[str, list[dict]] = defaultdict(list)
    for r in data.roles:
        if r.person in g:
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
    for node, d in sorted(g.nodes(data=True)):
        years = sorted({y for _, _, e in g.edges(node, data=True) for y in e["years"]})
        nodes.append(
            {
                "id": node,
                "label": d["label"],
                "type": d["type"],
                "alt": list(d.get("alt_labels", ())),
                "size": round(d["size"], 6),
                "m": {k: round(float(d.get(k, 0)), 6) for k in analyse.MEASURES},
                "community": d.get("community", 0),
                "years": years,
                "roles": roles.get(node, []),
                "mentions": sorted(
                    mentions[node].values(), key=lambda e: (dates.get(e["r"], "9999"), e["r"], e["s"])
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
                        "ev": [" ".join(e.text.split()) for e in c.evidence],
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
        "APP_JS": APP_JS,
        "CSS": CSS,
    }
    # One pass, so text inside the data can never be taken for a placeholder.
    return re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], PAGE)


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


# ----------------------------------------------------------------- page source

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="boardgraph">
<title>@@TITLE@@</title>
<style>@@CSS@@</style>
</head>
<body>
<header>
  <h1>@@TITLE@@</h1>
  <div class="controls">
    <label>Year <select id="year" aria-label="year"></select></label>
    <input id="year-slider" type="range" min="0" value="0" step="1" aria-label="year slider">
    <label title="show every tie up to and including the chosen year">
      <input id="cumulative" type="checkbox"> up to then</label>
    <label><input id="programmes" type="checkbox" checked> programmes</label>
    <input id="search" type="search" placeholder="Search people, councils, bodies…" list="names"
           autocomplete="off" aria-label="search">
    <datalist id="names"></datalist>
    <span id="status" role="status"></span>
  </div>
</header>
<main>
  <div id="network" aria-label="network"></div>
  <aside id="panel" aria-live="polite"></aside>
  <div id="legend"></div>
</main>
<footer id="footer"></footer>
<script type="application/json" id="bg-data">@@DATA@@</script>
<!-- vis-network @@VIS_VERSION@@ (Apache-2.0 OR MIT), https://github.com/visjs/vis-network -->
<script>@@VIS_JS@@</script>
<script>@@APP_JS@@</script>
</body>
</html>
"""

CSS = """
:root { --ink:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#f6f8fa; --accent:#0969da; }
* { box-sizing: border-box; }
html, body { margin:0; height:100%; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); }
body { display:flex; flex-direction:column; }
header { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem 1.5rem; padding:.6rem 1rem;
  border-bottom:1px solid var(--line); background:var(--bg); }
h1 { font-size:1.15rem; margin:0; }
.controls { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem 1rem; }
.controls label { display:flex; align-items:center; gap:.3rem; }
#search { width:18rem; padding:.25rem .5rem; border:1px solid var(--line); border-radius:6px; }
#status { color:var(--muted); }
main { flex:1; display:flex; min-height:0; position:relative; }
#network { flex:1; min-width:0; background:#fff; }
#panel { width:min(420px, 40vw); overflow:auto; border-left:1px solid var(--line); padding:.8rem 1rem;
  background:#fff; }
#panel h2 { font-size:1.1rem; margin:.1rem 0 .2rem; }
#panel h3 { font-size:.8rem; text-transform:uppercase; letter-spacing:.04em; color:var(--muted);
  margin:1rem 0 .3rem; }
#panel .hint { color:var(--muted); }
#panel blockquote { margin:.2rem 0 .6rem; padding:.3rem .6rem; border-left:3px solid var(--line);
  background:var(--bg); }
#panel mark { background:#fff3b0; padding:0 .1em; }
#panel ul { padding-left:1.1rem; margin:.2rem 0; }
#panel li { margin:.15rem 0; }
#panel table { border-collapse:collapse; }
#panel td { padding:.05rem .8rem .05rem 0; }
.badge { display:inline-block; color:#fff; border-radius:9px; padding:0 .5rem; font-size:.8rem; }
.meta { color:var(--muted); font-size:.85rem; }
a, button.link { color:var(--accent); cursor:pointer; }
button.link { background:none; border:none; padding:0; font:inherit; text-decoration:underline; }
#legend { position:absolute; left:.8rem; bottom:.6rem; background:rgba(255,255,255,.9); padding:.4rem .6rem;
  border:1px solid var(--line); border-radius:6px; font-size:.85rem; }
#legend span.ln { display:inline-block; width:.9rem; margin-right:.3rem; vertical-align:3px;
  border-top:2px solid #8c959f; }
#legend span.ln.dash { border-top:2px dashed #CC79A7; }
#legend span.sw { display:inline-block; width:.8rem; height:.8rem; margin-right:.3rem; vertical-align:-1px; }
footer { padding:.3rem 1rem; color:var(--muted); font-size:.8rem; border-top:1px solid var(--line); }
"""

APP_JS = r"""
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("bg-data").textContent);
  const NODE = new Map(DATA.nodes.map((n) => [n.id, n]));
  const EDGE = new Map(DATA.edges.map((e) => [e.id, e]));
  const state = { year: "all", cumulative: false, programmes: true };
  const $ = (id) => document.getElementById(id);
  const MAX_WEIGHT = Math.max(1, ...DATA.edges.map((e) => e.weight - 1));

  // Build DOM with text nodes only: report text never becomes markup.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "onclick") node.addEventListener("click", v);
      else if (k === "style") node.setAttribute("style", v);
      else node[k] = v;
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const style = (type) => DATA.styles[type] || DATA.styles.Person;
  const plural = (n, one, many) => `${n} ${n === 1 ? one : (many || one + "s")}`;
  const years = (ys) => (ys.length ? ys.join(", ") : "undated");

  // ----------------------------------------------------------- data sets
  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({
    id: n.id,
    label: n.label,
    value: n.size,
    shape: style(n.type).shape,
    color: { background: style(n.type).color, border: "#ffffff",
             highlight: { background: style(n.type).color, border: "#1f2328" },
             hover: { background: style(n.type).color, border: "#1f2328" } },
    title: `${n.label} (${n.type})`,
  })));
  const edges = new vis.DataSet(DATA.edges.map((e) => ({
    id: e.id,
    from: e.from,
    to: e.to,
    value: e.weight,
    dashes: e.kind === "participation",
    color: { color: e.kind === "participation" ? style("Programme").color : "#8c959f",
             highlight: "#1f2328", hover: "#1f2328", opacity: 0.75 },
    title: `${NODE.get(e.from).label} – ${NODE.get(e.to).label}: `
      + `${plural(e.weight, e.kind === "participation" ? "statement" : "collaboration")} (${years(e.years)})`,
  })));

  function edgeVisible(e) {
    if (!state.programmes && e.kind === "participation") return false;
    if (state.year === "all") return true;
    const y = Number(state.year);
    return e.years.some((v) => (state.cumulative ? v <= y : v === y));
  }
  let active = new Set();
  function nodeVisible(n) {
    if (!state.programmes && n.type === "Programme") return false;
    return state.year === "all" || active.has(n.id);
  }
  const edgesView = new vis.DataView(edges, { filter: (item) => edgeVisible(EDGE.get(item.id)) });
  const nodesView = new vis.DataView(nodes, { filter: (item) => nodeVisible(NODE.get(item.id)) });

  const network = new vis.Network($("network"), { nodes: nodesView, edges: edgesView }, {
    layout: { randomSeed: DATA.seed, improvedLayout: DATA.nodes.length <= 150 },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, springLength: 120, avoidOverlap: 0.4 },
      stabilization: { iterations: 600, fit: true },
    },
    nodes: {
      // Absolute sizes (area ∝ measure), so a node keeps its size whichever year is shown.
      scaling: { min: 7, max: 38, customScalingFunction: (min, max, total, value) => Math.sqrt(value),
                 label: { enabled: true, min: 12, max: 20, drawThreshold: 6 } },
      font: { face: "system-ui, sans-serif", color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1.5,
    },
    edges: {
      // Absolute widths too: a tie seen twice looks the same in every year's view.
      scaling: { min: 1, max: 8, customScalingFunction: (lo, hi, total, value) => (value - 1) / MAX_WEIGHT },
      smooth: false, selectionWidth: 2,
    },
    interaction: { hover: true, tooltipDelay: 120 },
  });

  let ready = false;
  network.once("stabilizationIterationsDone", () => {
    // Freeze the layout and remember it, so filtering by year never moves anyone.
    network.setOptions({ physics: false });
    const pos = network.getPositions();
    nodes.update(Object.entries(pos).map(([id, p]) => ({ id, x: p.x, y: p.y })));
    // fit() ignores labels; step back a little so long names at the edges stay readable.
    network.fit();
    network.moveTo({ scale: network.getScale() * 0.88 });
    ready = true;
    document.body.dataset.ready = "true";
  });

  // ----------------------------------------------------------- filtering
  function inWindow(c) {
    if (state.year === "all") return true;
    const y = Number(c.d.slice(0, 4));
    return c.d !== "" && (state.cumulative ? y <= Number(state.year) : y === Number(state.year));
  }
  function refresh() {
    active = new Set();
    const widths = [];
    for (const e of DATA.edges) {
      if (!edgeVisible(e)) continue;
      active.add(e.from);
      active.add(e.to);
      // A tie is as thick as its collaborations in the years shown, not in all years.
      widths.push({ id: e.id, value: e.collabs.filter(inWindow).length || 1 });
    }
    edges.update(widths);
    edgesView.refresh();
    nodesView.refresh();
    const when = state.year === "all" ? (DATA.period || "all years")
      : (state.cumulative ? `up to ${state.year}` : state.year);
    $("status").textContent =
      `${plural(nodesView.length, "node")} · ${plural(edgesView.length, "tie")} · ${when}`;
  }

  const yearSelect = $("year");
  const slider = $("year-slider");
  yearSelect.append(el("option", { value: "all" }, "All years"));
  for (const y of DATA.years) yearSelect.append(el("option", { value: String(y) }, String(y)));
  slider.max = String(DATA.years.length);
  function setYear(value) {
    state.year = value;
    yearSelect.value = value;
    slider.value = value === "all" ? "0" : String(DATA.years.indexOf(Number(value)) + 1);
    refresh();
  }
  yearSelect.addEventListener("change", () => setYear(yearSelect.value));
  slider.addEventListener("input", () => {
    const i = Number(slider.value);
    setYear(i === 0 ? "all" : String(DATA.years[i - 1]));
  });
  $("cumulative").addEventListener("change", (ev) => { state.cumulative = ev.target.checked; refresh(); });
  $("programmes").addEventListener("change", (ev) => { state.programmes = ev.target.checked; refresh(); });

  // -------------------------------------------------------------- search
  const names = $("names");
  for (const n of [...DATA.nodes].sort((a, b) => a.label.localeCompare(b.label))) {
    names.append(el("option", { value: n.label }));
  }
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    return DATA.nodes.filter((n) => n.label.toLowerCase().includes(q)
      || n.alt.some((a) => a.toLowerCase().includes(q))).map((n) => n.id);
  }
  function search(focus) {
    const q = $("search").value;
    const found = matches(q);
    const visible = found.filter((id) => nodesView.get(id));
    network.selectNodes(visible);
    if (!q.trim()) { refresh(); return; }
    const hidden = found.length - visible.length;
    $("status").textContent = found.length
      ? plural(found.length, "match", "matches") + (hidden ? ` (${hidden} not in this year)` : "")
      : "no match";
    const exact = DATA.nodes.find((n) => n.label.toLowerCase() === q.trim().toLowerCase());
    const target = exact ? exact.id : (focus && found.length ? found[0] : null);
    if (target) {
      if (!nodesView.get(target)) setYear("all");
      network.selectNodes([target]);
      network.focus(target, { scale: Math.max(network.getScale(), 1), animation: { duration: 400 } });
      showNode(target);
    }
  }
  $("search").addEventListener("input", () => search(false));
  $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(true); });

  // --------------------------------------------------------------- panel
  const panel = $("panel");
  // replaceChildren would print a skipped (null) section as the text "null"; el() drops it.
  function show(...children) { panel.replaceChildren(el("div", {}, ...children)); panel.scrollTop = 0; }
  function reportLink(id) {
    return el("button", { className: "link", onclick: () => showReport(id), title: "about this report" }, id);
  }
  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function quoted(sentence, marks) {
    // Highlight the mention or trigger words inside the evidence sentence.
    const q = el("blockquote");
    const words = (marks || []).filter(Boolean).sort((a, b) => b.length - a.length);
    if (!words.length) { q.append(sentence); return q; }
    const pattern = new RegExp("(" + words.map(escapeRegExp).join("|") + ")", "gi");
    for (const part of sentence.split(pattern)) {
      q.append(words.some((w) => w.toLowerCase() === part.toLowerCase()) ? el("mark", {}, part) : part);
    }
    return q;
  }
  function nodeLink(id) {
    return el("button", { className: "link", onclick: () => { network.selectNodes([id]); showNode(id); } },
      NODE.get(id).label);
  }
  function badge(type) {
    return el("span", { className: "badge", style: `background:${style(type).color}` }, type);
  }
  function intro() {
    show(
      el("h2", {}, DATA.title),
      el("p", { className: "hint" }, "Click a node or a tie to see who, when, and the sentences of "
        + "the reports that say so. Pick a year to see only that year's ties; search to find someone."),
      el("p", { className: "meta" }, `${plural(DATA.nodes.length, "node")}, `
        + `${plural(DATA.edges.length, "tie")}, ${plural(Object.keys(DATA.reports).length, "report")}. `
        + `Node size: ${DATA.sizeBy}.`),
    );
  }
  function showNode(id) {
    const n = NODE.get(id);
    const ties = DATA.edges.filter((e) => e.from === id || e.to === id)
      .sort((a, b) => b.weight - a.weight || NODE.get(a.from === id ? a.to : a.from).label
        .localeCompare(NODE.get(b.from === id ? b.to : b.from).label));
    const m = n.m;
    show(
      el("h2", {}, n.label), badge(n.type),
      n.alt.length ? el("p", { className: "meta" }, "Also written: " + n.alt.join(" · ")) : null,
      n.type === "Programme" ? null : el("table", {},
        el("tr", {}, el("td", {}, "Ties"), el("td", {}, m.degree)),
        el("tr", {}, el("td", {}, "Collaborations"), el("td", {}, m.collaborations)),
        el("tr", {}, el("td", {}, "Betweenness"), el("td", {}, m.betweenness.toFixed(3))),
        el("tr", {}, el("td", {}, "PageRank"), el("td", {}, m.pagerank.toFixed(3))),
        el("tr", {}, el("td", {}, "Community"), el("td", {}, n.community)),
        el("tr", {}, el("td", {}, "Active"), el("td", {}, years(n.years)))),
      n.roles.length ? el("h3", {}, "Roles") : null,
      n.roles.length ? el("ul", {}, n.roles.map((r) => el("li", {}, r.role, r.org ? `, ${r.org}` : "",
        r.d ? ` (${r.d}, ` : " (", reportLink(r.r), ")"))) : null,
      el("h3", {}, `Ties (${ties.length})`),
      el("ul", {}, ties.map((e) => {
        const other = e.from === id ? e.to : e.from;
        return el("li", {}, nodeLink(other), " — ",
          el("button", { className: "link", onclick: () => { network.selectEdges([e.id]); showEdge(e.id); } },
            plural(e.weight, e.kind === "participation" ? "statement" : "collaboration")),
          ` (${years(e.years)})`);
      })),
      el("h3", {}, `Mentions (${n.mentions.length})`),
      n.mentions.length ? n.mentions.map((x) => [
        el("div", { className: "meta" }, "Report ", reportLink(x.r),
          DATA.reports[x.r] && DATA.reports[x.r].d ? ` · ${DATA.reports[x.r].d}` : ""),
        x.s ? quoted(x.s, x.q.length ? x.q : [n.label])
          : el("p", { className: "hint" }, "named in this report"),
      ]) : el("p", { className: "hint" }, "No mention annotations."),
    );
  }
  function showEdge(id) {
    const e = EDGE.get(id);
    show(
      el("h2", {}, nodeLink(e.from), " – ", nodeLink(e.to)),
      el("p", { className: "meta" },
        e.kind === "participation" ? "takes part in the programme · " : "worked together · ",
        plural(e.weight, e.kind === "participation" ? "statement" : "collaboration"), " · ", years(e.years)),
      e.collabs.map((c) => [
        el("h3", {}, `${c.d || "undated"}${c.t ? " · " + c.t : ""}`),
        el("div", { className: "meta" }, "Report ", reportLink(c.r),
          DATA.reports[c.r] && DATA.reports[c.r].title ? ` — ${DATA.reports[c.r].title}` : "",
          c.g ? ` · “${c.g}”` : ""),
        c.ev.length ? c.ev.map((s) => quoted(s, [c.g, NODE.get(e.from).label, NODE.get(e.to).label]))
          : el("p", { className: "hint" }, "No evidence sentence."),
      ]),
    );
  }
  function showReport(id) {
    const r = DATA.reports[id] || {};
    const from = DATA.edges.filter((e) => e.collabs.some((c) => c.r === id));
    show(
      el("h2", {}, r.title || id),
      el("table", {},
        el("tr", {}, el("td", {}, "Report"), el("td", {}, id)),
        r.d ? el("tr", {}, el("td", {}, "Date"), el("td", {}, r.d)) : null,
        r.board ? el("tr", {}, el("td", {}, "Board"), el("td", {}, r.board)) : null,
        r.chair ? el("tr", {}, el("td", {}, "Chair"), el("td", {}, r.chair)) : null),
      r.href ? el("p", {},
        el("a", { href: r.href, target: "_blank", rel: "noopener" }, "Open the source report")) : null,
      el("p", { className: "meta" }, r.iri || ""),
      el("h3", {}, `Ties it supports (${from.length})`),
      el("ul", {}, from.map((e) => el("li", {},
        el("button", { className: "link", onclick: () => showEdge(e.id) },
          `${NODE.get(e.from).label} – ${NODE.get(e.to).label}`)))),
    );
  }
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else intro();
  });

  // -------------------------------------------------------------- legend
  const counts = {};
  for (const n of DATA.nodes) counts[n.type] = (counts[n.type] || 0) + 1;
  const SWATCH = { dot: "border-radius:50%", diamond: "transform:rotate(45deg) scale(.8)",
                   triangle: "clip-path:polygon(50% 0,100% 100%,0 100%)", square: "" };
  $("legend").append(el("div", {}, ...DATA.types.filter((t) => counts[t]).map((t) =>
    el("div", {}, el("span", { className: "sw",
      style: `background:${style(t).color};${SWATCH[style(t).shape] || ""}` }),
    `${t} (${counts[t]})`)),
    el("div", {}, el("span", { className: "ln" }), "worked together"),
    DATA.edges.some((e) => e.kind === "participation")
      ? el("div", {}, el("span", { className: "ln dash" }), "takes part in programme") : null,
    el("div", { className: "meta" }, `size: ${DATA.sizeBy}`)));
  $("footer").textContent = `boardgraph · ${DATA.source || "graph"}${DATA.period ? " · " + DATA.period : ""}`
    + " · every tie links to the report sentences it comes from";

  intro();
  refresh();
  window.boardgraph = {
    network, nodes, edges, nodesView, edgesView, setYear, showNode, showEdge,
    get ready() { return ready; },
    visibleNodeIds: () => nodesView.getIds(),
    visibleEdgeIds: () => edgesView.getIds(),
    renderedNodeCount: () => network.body.nodeIndices.length,
    renderedEdgeCount: () => network.body.edgeIndices.length,
  };
})();
"""

"""The network as static pictures: a PNG/SVG/PDF of the network, and a timeline of collaborations.

Files are byte-identical run to run for the same ``--seed`` (fixed metadata,
seeded layouts in sorted node order), though their bytes depend on the
installed fonts and matplotlib.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import networkx as nx

from boardgraph.atomic import atomic_path
from boardgraph.errors import BoardgraphError
from boardgraph.graph.records import Collaboration, GraphData
from boardgraph.model import PERSON, PERSON_TYPE, PROGRAMME_TYPE, TYPE_BY_NAME, TYPES
from boardgraph.network.read import as_data
from boardgraph.network.view import MEASURE_NAMES, Options, picture_graph
from boardgraph.textsafe import xml_clean, xml_safe_file

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

Positions = dict[str, tuple[float, float]]


def _pyplot() -> ModuleType:
    import matplotlib

    matplotlib.use("Agg")  # never open a window; works headless
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Figure, path: Path) -> Path:
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


def _spring(g: nx.Graph, comp: set[str], seed: int) -> Positions:
    """Force-directed positions of one connected component, in its own coordinates."""
    if len(comp) == 1:
        return {next(iter(comp)): (0.0, 0.0)}
    # A subgraph view keeps the parent's node order, which can follow set
    # (hash) order; spring_layout's start positions follow node order.
    sub: nx.Graph = nx.Graph()
    sub.add_nodes_from(sorted(comp))
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in g.subgraph(comp).edges()))
    layout = nx.spring_layout(sub, seed=seed, k=1.6 / math.sqrt(len(comp)), iterations=300, weight=None)
    return {node: (float(p[0]), float(p[1])) for node, p in layout.items()}


def _layout(g: nx.Graph, seed: int) -> Positions:
    """Force-directed positions; components are laid out apart so none sits on another."""
    if g.number_of_nodes() == 0:
        return {}
    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    pos: Positions = {}
    # Shelf-pack components: big ones first, each scaled by the square root of its size.
    x = y = row_h = 0.0
    gap = 0.8
    # Rows about as wide as the figure is wide (16:11) for the total area to pack.
    area = sum((math.sqrt(len(c)) + gap) ** 2 for c in comps)
    width = max(math.sqrt(len(comps[0])), math.sqrt(area * 16 / 11))
    for comp in comps:
        size = math.sqrt(len(comp))
        local = _spring(g, comp, seed)
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
    plt = _pyplot()
    options = options or Options()
    g = picture_graph(as_data(source), options)
    pos = _layout(g, options.seed)
    fig, ax = plt.subplots(figsize=(16, 11), dpi=150)
    ax.set_axis_off()
    _draw_ties(ax, g, pos)
    _draw_nodes(ax, g, pos)
    _draw_labels(ax, g, pos)
    ax.legend(handles=_legend(g), loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10)
    ax.text(0, 1.045, options.title, transform=ax.transAxes, fontsize=17, fontweight="bold", va="bottom")
    ax.text(
        0, 1.015, _subtitle(g, options), transform=ax.transAxes, fontsize=10.5, color="#555555", va="bottom"
    )
    ax.margins(0.05)
    return _save(fig, Path(path))


def _draw_ties(ax: Axes, g: nx.Graph, pos: Positions) -> None:
    """Lighter ties first; a programme's dashed, in its colour; width grows with how often."""
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1])):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        participation = d["kind"] == "participation"
        ax.plot(
            [xa, xb],
            [ya, yb],
            color=PROGRAMME_TYPE.colour if participation else "#7a7a7a",
            linestyle=(0, (4, 3)) if participation else "-",
            linewidth=0.7 + 1.3 * math.log2(d["weight"]) if d["weight"] > 1 else 0.8,
            alpha=0.55,
            zorder=1,
        )


def _draw_nodes(ax: Axes, g: nx.Graph, pos: Positions) -> None:
    for etype in TYPES:
        nodes = [v for v in sorted(g) if g.nodes[v]["type"] == etype.name]
        if not nodes:
            continue
        ax.scatter(
            [pos[v][0] for v in nodes],
            [pos[v][1] for v in nodes],
            s=[60 + 900 * g.nodes[v]["size"] for v in nodes],
            c=etype.colour,
            marker=etype.marker,
            edgecolors="white",
            linewidths=1.0,
            zorder=2,
        )


def _draw_labels(ax: Axes, g: nx.Graph, pos: Positions) -> None:
    # Label everyone in a small network; in a big one, the most central 40.
    ranked = sorted(g, key=lambda v: (-g.nodes[v]["size"], g.nodes[v]["label"]))
    for v in ranked if g.number_of_nodes() <= 70 else ranked[:40]:
        size = g.nodes[v]["size"]
        ax.annotate(
            # a character no font has (U+FFFF) is dropped here, not drawn as a missing glyph
            xml_clean(g.nodes[v]["label"])[0],
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


def _legend(g: nx.Graph) -> list[Line2D]:
    """One entry per type drawn (with its count), then the two kinds of tie."""
    from matplotlib.lines import Line2D

    counts = Counter(d["type"] for _, d in g.nodes(data=True))
    handles = [
        Line2D(
            [],
            [],
            marker=t.marker,
            color="white",
            markerfacecolor=t.colour,
            markersize=10,
            label=f"{t.name} ({counts[t.name]})",
        )
        for t in TYPES
        if counts[t.name]
    ]
    if any(d["kind"] == "participation" for _, _, d in g.edges(data=True)):
        handles.append(
            Line2D([], [], color=PROGRAMME_TYPE.colour, linestyle="--", label="takes part in programme")
        )
    handles.append(Line2D([], [], color="#7a7a7a", label="worked together (width: how often)"))
    return handles


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


@dataclass(frozen=True)
class _Dated:
    """A collaboration with the date it is drawn at (the timeline draws dated ones only)."""

    date: dt.date
    collab: Collaboration


def draw_timeline(
    source: GraphData | Path | str, path: Path | str, options: Options | None = None, *, people: int = 15
) -> Path:
    """Collaborations per year (bars, by kind) above a lane per person with a dot per collaboration."""
    plt = _pyplot()
    data = as_data(source)
    options = options or Options()
    period = options.period
    dated = [_Dated(c.date, c) for c in data.collaborations if c.date and (not period or c.date in period)]
    if not dated:
        raise BoardgraphError("no dated collaborations to draw a timeline of")
    labels = {iri: e.label for iri, e in data.entities.items()}
    counts = Counter(p for d in dated for p in set(d.collab.participants))
    chosen = sorted(counts, key=lambda p: (-counts[p], labels.get(p, p)))[:people]
    lanes_h = 0.75 + 0.36 * len(chosen)
    fig, (top, lanes) = plt.subplots(
        2, 1, figsize=(13, 3.4 + lanes_h), dpi=150, sharex=True, gridspec_kw={"height_ratios": [2.6, lanes_h]}
    )
    _draw_bars(top, dated)
    types = {iri: e.type for iri, e in data.entities.items()}
    _draw_lanes(lanes, dated, chosen, types)
    ticks = [f"{xml_clean(labels.get(p, p))[0]} ({counts[p]})" for p in chosen]
    lanes.set_yticks(range(len(chosen)), ticks, fontsize=9)
    lanes.invert_yaxis()
    lanes.set_title(
        f"Who collaborated when (the {len(chosen)} most active; dot size: collaborations that day)",
        loc="left",
        fontsize=11,
    )
    _year_axis(lanes, min(d.date for d in dated), max(d.date for d in dated))
    fig.suptitle(f"{options.title}: over time", x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.tight_layout()
    return _save(fig, Path(path))


def _draw_bars(top: Axes, dated: list[_Dated]) -> None:
    """One bar per year, stacked by relation type (the commonest five, the rest as "other")."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    kinds = [k for k, _ in Counter(d.collab.relation_type or "other" for d in dated).most_common()]
    shown = kinds[:5]
    per_year: dict[int, Counter[str]] = defaultdict(Counter)
    for d in dated:
        kind = d.collab.relation_type or "other"
        per_year[d.date.year][kind if kind in shown else "other"] += 1
    years = sorted(per_year)
    palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#999999"]
    bottoms = dict.fromkeys(years, 0)
    for i, kind in enumerate([*shown, *(["other"] if len(kinds) > 5 else [])]):
        heights = [per_year[y][kind] for y in years]
        top.bar(
            [dt.date(y, 7, 1) for y in years],  # type: ignore[arg-type]  # matplotlib converts dates
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


def _draw_lanes(lanes: Axes, dated: list[_Dated], chosen: list[str], types: dict[str, str]) -> None:
    """A lane per chosen participant, one dot per day they collaborated (bigger for several)."""
    for row, who in enumerate(chosen):
        dates = sorted(d.date for d in dated if who in d.collab.participants)
        per_date = Counter(dates)
        colour = TYPE_BY_NAME.get(types.get(who, PERSON), PERSON_TYPE).colour
        lanes.axhline(row, color="#eeeeee", linewidth=0.8, zorder=0)
        lanes.scatter(
            list(per_date),  # type: ignore[arg-type]  # matplotlib converts dates
            [row] * len(per_date),
            s=[40 + 40 * k for k in per_date.values()],
            color=colour,
            alpha=0.85,
            zorder=2,
            edgecolors="white",
        )
        ends = [dates[0], dates[-1]]
        lanes.plot(ends, [row, row], color=colour, alpha=0.35, linewidth=2, zorder=1)  # type: ignore[arg-type]


def _year_axis(lanes: Axes, first: dt.date, last: dt.date) -> None:
    """Whole years, from a little before the first collaboration's to a little after the last's."""
    import matplotlib.dates as mdates

    lanes.xaxis.set_major_locator(mdates.YearLocator())
    lanes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    lanes.set_xlim(
        dt.date(first.year, 1, 1) - dt.timedelta(days=60),  # type: ignore[arg-type]  # dates are converted
        dt.date(last.year, 12, 31) + dt.timedelta(days=60),  # type: ignore[arg-type]
    )
    for side in ("top", "right", "left"):
        lanes.spines[side].set_visible(False)
    lanes.tick_params(axis="y", length=0)

"""The network as one offline, interactive HTML page.

The page is one file that works from ``file://`` with no network: the
vis-network library (:mod:`boardgraph.network.assets`: packaged in a wheel,
``node_modules`` in a checkout) is inlined, and the graph travels as JSON
inside the page. The page's own HTML, CSS and JavaScript are package data in
``boardgraph/network/assets``.

The page is an explorer in the manner of an entity index: every entity of
the graph is in it — those with no ties too, findable by search and the index
— with its mentions grouped by year and report, its reports and its ties;
each quoted sentence opens its report's view at that sentence.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from boardgraph.atomic import write_text
from boardgraph.graph.records import Entity, Evidence, GraphData
from boardgraph.model import PROGRAMME, TYPES
from boardgraph.network.assets import read_asset, vis_network_path, vis_network_version
from boardgraph.network.measures import MEASURES
from boardgraph.network.read import as_data
from boardgraph.network.view import MEASURE_NAMES, Options, picture_graph


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


def _report_sentences(data: GraphData) -> dict[str, list[str]]:
    """Per report id, the sentences the graph quotes from it, in the order the report has them."""
    found: dict[str, dict[str, int]] = defaultdict(dict)

    def add(rid: str, evidence: Evidence | None) -> None:
        if evidence is None or not evidence.sentence:
            return
        text = evidence.sentence
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


def page_data(data: GraphData, g: nx.Graph, options: Options, links: dict[str, str]) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready dicts (sorted, so the page is byte-stable).

    Quoted sentences are stored once, per report (``reports[id].sents``);
    mentions and evidence refer to them by index, so a quote can open its
    report's view at the very sentence.
    """
    sents = _report_sentences(data)
    index = {rid: {text: i for i, text in enumerate(texts)} for rid, texts in sents.items()}
    # Every entity is on the page, tied or not; a period or --no-programmes narrows the ties only.
    entities = {
        iri: e for iri, e in data.entities.items() if options.programmes or e.type != PROGRAMME or iri in g
    }
    mentions: dict[str, dict[tuple[str, int], dict]] = defaultdict(dict)
    for m in data.mentions:
        if m.entity not in entities and m.entity not in g:
            continue
        rid = _report_id(data, m.report)
        i = index.get(rid, {}).get(m.evidence.sentence, -1) if m.evidence else -1
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
                "m": {k: round(float(d.get(k, 0)), 6) for k in MEASURES},
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
                        "ev": [index.get(c.report_id, {}).get(e.sentence, -1) for e in c.evidence],
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
        "styles": {t.name: {"color": t.colour, "shape": t.shape} for t in TYPES},
        "types": [t.name for t in TYPES],  # legend order (the JSON's keys are sorted)
        "nodes": nodes,
        "edges": edges,
        "reports": reports,
    }


def _untied(entity: Entity) -> dict[str, Any]:
    """Node attributes for an entity the network has no tie for."""
    return {"label": entity.label, "type": entity.type, "alt_labels": entity.alt_labels, "size": 0.0}


def render_html(data: GraphData, options: Options, *, links: dict[str, str] | None = None) -> str:
    js_path = vis_network_path()
    g = picture_graph(data, options)
    payload = page_data(data, g, options, links or {})
    # JSON in a non-executed script element; escaping "<" keeps any text in it from closing the tag.
    data_json = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data_json = data_json.replace("<", "\\u003c")
    parts = {
        "TITLE": html.escape(options.title),
        "VIS_VERSION": html.escape(vis_network_version(js_path) or "?"),
        "VIS_JS": _script_safe(js_path.read_text(encoding="utf-8")),
        "DATA": data_json,
        "APP_JS": _script_safe(read_asset("network.js")),
        "CSS": read_asset("network.css"),
    }
    # One pass, so text inside the data can never be taken for a placeholder.
    return re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], read_asset("network.html"))


def write_html(source: GraphData | Path | str, path: Path | str, options: Options | None = None) -> Path:
    data = as_data(source)
    path = Path(path)
    options = options or Options()
    links = _report_links(data, path, options.reports_dir)
    write_text(path, render_html(data, options, links=links))
    return path

"""Pictures: the offline HTML page (in headless Chromium), the static network and the timeline."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from boardgraph.cli import main
from boardgraph.cli import network as cli_network
from boardgraph.errors import BoardgraphError
from boardgraph.graph import records
from boardgraph.model import COUNCIL_TYPE, TYPES
from boardgraph.network import assets, exports, measures, page, pictures, read, view
from boardgraph.network import time as ntime
from test_analyse import ALICE, BOB, CAROL, PROGRAMME, write_small_graph

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def small_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_graph(tmp_path_factory.mktemp("small") / "graph.ttl")


@pytest.fixture(scope="module")
def small_data(small_ttl: Path) -> records.GraphData:
    return read.as_data(small_ttl)


def page_json(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="bg-data">(.*?)</script>', html, re.S)
    assert match, "the page carries its data as JSON"
    return json.loads(match.group(1))


# ------------------------------------------------------------ the HTML file


def test_cli_constants_match_the_network_modules() -> None:
    assert cli_network.MEASURES == measures.MEASURES
    assert cli_network.EXPORT_FORMATS == exports.EXPORT_FORMATS


def test_page_is_self_contained(small_data: records.GraphData) -> None:
    html = page.render_html(small_data, view.Options())
    # Nothing fetched from anywhere: no script/style/img sources, no CDN.
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html, re.I)
    assert "cdn" not in html.lower().split("<script>")[0]
    vis_js = assets.vis_network_path().read_text(encoding="utf-8")
    assert vis_js[:2000] in html  # the library itself is inlined
    assert html.count("</script>") == 3


def test_page_data_nodes_edges_and_evidence(small_data: records.GraphData) -> None:
    data = page_json(page.render_html(small_data, view.Options()))
    nodes = {n["id"]: n for n in data["nodes"]}
    # Six collaborators, the programme and the board (named, with no ties); six collaboration
    # ties and two participations.
    assert len(nodes) == 8 and len(data["edges"]) == 8
    untied = [n for n in data["nodes"] if n["ties"] == 0]
    assert [n["label"] for n in untied] == ["Test Board"]
    assert nodes[ALICE]["type"] == "Person" and nodes[ALICE]["size"] == 1.0  # the biggest weighted degree
    assert nodes[ALICE]["ties"] == 3
    assert data["years"] == [2011, 2012, 2013, 2015]
    ab = next(e for e in data["edges"] if {e["from"], e["to"]} == {ALICE, BOB})
    assert ab["years"] == [2011, 2012, 2015] and ab["weight"] == 3
    assert ab["collabs"][0] == {"d": "2011-03-01", "r": "r1", "t": "met", "g": "met with", "ev": [0]}
    # Sentences are stored once per report, in the report's order; quotes point into them.
    assert data["reports"]["r1"]["sents"] == ["I met with Bob Birch to discuss housing."]
    bob_mentions = nodes[BOB]["mentions"]
    assert bob_mentions == [{"r": "r1", "i": 0, "q": ["Bob Birch"]}]
    assert nodes[CAROL]["roles"][0]["role"] == "Vice Chair"
    assert data["reports"]["r1"]["title"] == "Report one"
    # Colours and shapes are the model's, in its order (the legend's).
    assert data["types"] == [t.name for t in TYPES]
    assert data["styles"]["Council"] == {"color": COUNCIL_TYPE.colour, "shape": COUNCIL_TYPE.shape}


def test_page_without_programmes_and_for_a_period(small_data: records.GraphData) -> None:
    options = view.Options(programmes=False, period=ntime.Period.parse("2012"))
    data = page_json(page.render_html(small_data, options))
    tied = sorted(n["id"] for n in data["nodes"] if n["ties"])
    assert tied == sorted([ALICE, BOB, CAROL])
    assert PROGRAMME not in {n["id"] for n in data["nodes"]}  # --no-programmes
    assert all(e["kind"] == "collaboration" for e in data["edges"])
    assert data["period"] == "2012"


def test_report_text_cannot_break_out_of_the_page(small_ttl: Path, tmp_path: Path) -> None:
    evil = small_ttl.read_text(encoding="utf-8").replace(
        "I met with Bob Birch to discuss housing.", "</script><script>alert(1)</script><!--"
    )
    path = tmp_path / "evil.ttl"
    path.write_text(evil, encoding="utf-8")
    html = page.render_html(read.as_data(path), view.Options(title="<b>T</b>"))
    assert "<script>alert(1)" not in html and "<b>T</b>" not in html
    assert html.count("</script>") == 3
    assert any("alert(1)" in s for r in page_json(html)["reports"].values() for s in r["sents"])


def test_page_is_deterministic(small_data: records.GraphData) -> None:
    assert page.render_html(small_data, view.Options()) == page.render_html(small_data, view.Options())


def test_report_links_point_at_source_files(small_ttl: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r1.txt").write_text("I met with Bob Birch to discuss housing.", encoding="utf-8")
    out = tmp_path / "site" / "network.html"
    options = view.Options(reports_dir=reports)
    page.write_html(small_ttl, out, options)
    data = page_json(out.read_text(encoding="utf-8"))
    assert data["reports"]["r1"]["href"] == "../reports/r1.txt"
    assert data["reports"]["r2"]["href"] == ""  # no file, no dead link


def test_vis_network_found_from_env_or_reported_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    js = tmp_path / "vis.js"
    js.write_text("/* vis */", encoding="utf-8")
    monkeypatch.setenv(assets.VIS_ENV, str(js))
    assert assets.vis_network_path() == js
    monkeypatch.setenv(assets.VIS_ENV, str(tmp_path / "missing.js"))
    with pytest.raises(BoardgraphError, match="not a file"):
        assets.vis_network_path()
    monkeypatch.delenv(assets.VIS_ENV)
    monkeypatch.setattr(assets, "_vis_candidates", lambda: iter(()))  # neither packaged nor in node_modules
    with pytest.raises(BoardgraphError, match=r"`npm ci` \(or `make install`\)"):
        assets.vis_network_path()


def test_cli_missing_vis_network_is_one_line(
    small_ttl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(assets.VIS_ENV, raising=False)
    monkeypatch.setattr(assets, "_vis_candidates", lambda: iter(()))
    out = tmp_path / "network.html"
    assert main(["visualise", "--graph", str(small_ttl), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "npm ci" in err
    assert not out.exists()


# ---------------------------------------------------------- static pictures


def test_png_and_svg_of_the_network(small_data: records.GraphData, tmp_path: Path) -> None:
    png = pictures.draw_network(small_data, tmp_path / "n.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = pictures.draw_network(small_data, tmp_path / "n.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = svg.read_text(encoding="utf-8")
    assert "Alice Ash" in text and "Better Places" in text and "Person (4)" in text
    again = pictures.draw_network(small_data, tmp_path / "again.svg")
    assert again.read_bytes() == svg.read_bytes()
    with pytest.raises(BoardgraphError, match=r"\.png, \.svg or \.pdf"):
        pictures.draw_network(small_data, tmp_path / "n.gif")


def test_timeline(small_data: records.GraphData, tmp_path: Path) -> None:
    svg = pictures.draw_timeline(small_data, tmp_path / "t.svg")
    text = svg.read_text(encoding="utf-8")
    assert "Collaborations per year" in text and "Bob Birch (4)" in text
    assert "Dave Oak" not in text  # only dated collaborations are on a timeline
    png = pictures.draw_timeline(small_data, tmp_path / "t.png")
    assert png.read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(BoardgraphError, match="no dated collaborations"):
        pictures.draw_timeline(
            small_data, tmp_path / "x.png", view.Options(period=ntime.Period.parse("1999"))
        )


def test_cli_visualise_writes_everything(
    small_ttl: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "out"
    args = ["visualise", "--graph", str(small_ttl), "-o", str(out / "network.html")]
    args += ["--png", str(out / "network.png"), "--svg", str(out / "network.svg")]
    args += ["--timeline", str(out / "timeline.png"), "--size-by", "betweenness", "--title", "Test boards"]
    assert main(args) == 0
    for name in ("network.html", "network.png", "network.svg", "timeline.png"):
        assert (out / name).stat().st_size > 1000, name
    data = page_json((out / "network.html").read_text(encoding="utf-8"))
    assert data["title"] == "Test boards" and data["sizeBy"].startswith("betweenness")
    assert next(n for n in data["nodes"] if n["id"] == CAROL)["size"] == 1.0  # the broker is biggest
    assert "wrote" in capsys.readouterr().out


# ------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"headless Chromium is not installed at {CHROMIUM} (`make browser` installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


class Page:
    """A loaded network page, with the few questions the tests ask it."""

    def __init__(self, context: object, html: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()  # type: ignore[attr-defined]
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(html.resolve().as_uri())
        self.page.wait_for_function("window.boardgraph && window.boardgraph.ready", timeout=60_000)

    def js(self, expr: str) -> object:
        return self.page.evaluate(expr)

    def nodes(self) -> int:
        return self.js("window.boardgraph.renderedNodeCount()")  # type: ignore[return-value]

    def edges(self) -> int:
        return self.js("window.boardgraph.renderedEdgeCount()")  # type: ignore[return-value]

    def visible_edges(self) -> set[str]:
        return set(self.js("window.boardgraph.visibleEdgeIds()"))  # type: ignore[arg-type]

    def screen_xy(self, node: str) -> tuple[float, float]:
        box = self.page.locator("#network").bounding_box()
        xy = self.js(
            f"(() => {{ const n = window.boardgraph.network; "
            f"return n.canvasToDOM(n.getPosition({json.dumps(node)})); }})()"
        )
        return box["x"] + xy["x"], box["y"] + xy["y"]  # type: ignore[index]

    def screenshot(self, name: str, tmp_path: Path) -> Path:
        path = tmp_path / name
        self.page.screenshot(path=str(path))
        review = os.environ.get("BOARDGRAPH_SCREENSHOT_DIR")
        if review:
            Path(review).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, Path(review) / name)
        return path


@pytest.fixture(scope="module")
def small_html(small_ttl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return page.write_html(small_ttl, tmp_path_factory.mktemp("page") / "network.html")


@pytest.mark.browser
def test_browser_renders_every_node_offline(
    browser_context: object, small_html: Path, tmp_path: Path
) -> None:
    page = Page(browser_context, small_html)
    assert page.nodes() == 7 and page.edges() == 8
    assert page.page.inner_text("#status") == "7 nodes · 8 ties · all years"
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests
    page.screenshot("small-network.png", tmp_path)
    assert page.errors == []


@pytest.mark.browser
def test_browser_year_selector_filters_edges(browser_context: object, small_html: Path) -> None:
    page = Page(browser_context, small_html)
    all_edges = page.visible_edges()
    pair = json.dumps(",".join(sorted([ALICE, BOB])))
    alice_bob_width = f"window.boardgraph.edges.get().find(e => [e.from, e.to].sort().join() == {pair}).value"
    assert page.js(alice_bob_width) == 3
    page.page.select_option("#year", "2011")
    assert page.edges() == 1 and page.nodes() == 2  # Alice–Bob only
    assert page.js(alice_bob_width) == 1  # as thick as that year's collaborations
    page.page.select_option("#year", "2013")
    assert page.edges() == 4  # two collaborations and two programme participations
    page.page.check("#programmes")
    page.page.uncheck("#programmes")
    assert page.edges() == 2 and page.nodes() == 3
    page.page.check("#programmes")
    page.page.select_option("#year", "2012")
    page.page.check("#cumulative")
    assert page.edges() == 2  # 2011's Alice–Bob and 2012's Bob–Carol (same Alice–Bob tie)
    assert "up to 2012" in page.page.inner_text("#status")
    # The slider and the selector are one control.
    page.page.uncheck("#cumulative")
    page.page.locator("#year-slider").fill("0")
    assert page.page.input_value("#year") == "all" and page.visible_edges() == all_edges
    assert page.errors == []


@pytest.mark.browser
def test_browser_click_node_and_edge_show_evidence(browser_context: object, small_html: Path) -> None:
    page = Page(browser_context, small_html)
    page.page.mouse.click(*page.screen_xy(BOB))
    panel = page.page.locator("#panel")
    assert panel.locator("h2").inner_text() == "Bob Birch"
    assert "I met with Bob Birch to discuss housing." in panel.inner_text()
    assert panel.locator("mark", has_text="Bob Birch").count() == 1
    # Click halfway along the Bob–Carol tie.
    (bx, by), (cx, cy) = page.screen_xy(BOB), page.screen_xy(CAROL)
    page.page.mouse.click((bx + cx) / 2, (by + cy) / 2)
    text = panel.inner_text()
    assert "Bob Birch – Carol Cedar" in text.replace("\n", "")
    assert "I met Carol Cedar in Leeds." in text and "r2" in text
    # The report id opens the report's card.
    panel.get_by_role("button", name="r2").first.click()
    assert panel.locator("h2").inner_text() == "Report two"
    assert page.errors == []


@pytest.mark.browser
def test_browser_search(browser_context: object, small_html: Path) -> None:
    page = Page(browser_context, small_html)
    page.page.fill("#search", "ced")
    assert page.page.inner_text("#status") == "1 match"
    assert page.js("window.boardgraph.network.getSelectedNodes()") == [CAROL]
    page.page.fill("#search", "Cllr Ash")  # another name of Alice's
    page.page.press("#search", "Enter")
    assert page.page.locator("#panel h2").inner_text() == "Alice Ash"
    page.page.fill("#search", "nobody at all")
    assert page.page.inner_text("#status") == "no match"
    assert page.errors == []


# ------------------------------------------------------------- sample corpus


@pytest.fixture(scope="module")
def demo_outputs(demo_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("demo-pictures")
    paths = {
        "html": out / "network.html",
        "png": out / "network.png",
        "timeline": out / "timeline.png",
    }
    args = ["visualise", "--graph", str(demo_graph), "-o", str(paths["html"])]
    args += ["--png", str(paths["png"]), "--timeline", str(paths["timeline"])]
    assert main(args) == 0
    review = os.environ.get("BOARDGRAPH_SCREENSHOT_DIR")
    if review:
        Path(review).mkdir(parents=True, exist_ok=True)
        for key in ("png", "timeline"):
            shutil.copyfile(paths[key], Path(review) / f"sample-{paths[key].name}")
    return paths


def test_sample_pictures(demo_outputs: dict[str, Path], demo_graph: Path) -> None:
    for key in ("png", "timeline"):
        assert demo_outputs[key].read_bytes()[:4] == b"\x89PNG"
    data = page_json(demo_outputs["html"].read_text(encoding="utf-8"))
    labels = {n["label"] for n in data["nodes"]}
    assert {"Peter Fleming", "Jill Shortland"} <= labels
    expected = view.picture_graph(read.as_data(demo_graph), view.Options())
    assert sum(1 for n in data["nodes"] if n["ties"]) == sum(1 for n in expected if expected.degree(n))
    # Every entity is on the page, ties or none: a person the samples name only once is findable.
    untied = {n["label"] for n in data["nodes"] if n["ties"] == 0}
    assert "Charlotte Eisenhart" in untied
    assert len(data["nodes"]) == len(read.as_data(demo_graph).entities)


@pytest.mark.browser
def test_sample_page_in_browser(
    browser_context: object, demo_outputs: dict[str, Path], demo_graph: Path, tmp_path: Path
) -> None:
    expected = view.picture_graph(read.as_data(demo_graph), view.Options())
    page = Page(browser_context, demo_outputs["html"])
    assert page.nodes() == sum(1 for n in expected if expected.degree(n))
    assert page.edges() == expected.number_of_edges()
    shot = page.screenshot("sample-network.png", tmp_path)
    assert shot.stat().st_size > 10_000
    years = page.js("Array.from(document.querySelectorAll('#year option')).map(o => o.value)")
    assert years[0] == "all" and "2012" in years  # type: ignore[index,operator]
    page.page.select_option("#year", "2012")
    in_2012 = page.visible_edges()
    assert 0 < len(in_2012) < expected.number_of_edges()
    page.page.select_option("#year", years[-1])  # type: ignore[index]
    assert page.visible_edges() != in_2012
    page.page.select_option("#year", "2012")
    page.page.fill("#search", "Jill Shortland")
    page.page.press("#search", "Enter")
    assert page.page.locator("#panel h2").inner_text() == "Jill Shortland"
    page.screenshot("sample-network-2012-shortland.png", tmp_path)
    assert page.errors == []


# ------------------------------------------------- a generated corpus of ~180 nodes


def generated_data(seed: int = 7) -> records.GraphData:
    """~180 tied entities and 20 untied ones across 30 dated reports, made up for the page tests."""
    import datetime as dt
    import random

    rng = random.Random(seed)
    first = ["Ann", "Ben", "Cara", "Dan", "Eve", "Finn", "Gail", "Hugh", "Iris", "Joe", "Kit", "Lena"]
    last = [
        "Ashdown",
        "Brook",
        "Campbell",
        "Dale",
        "Ember",
        "Fenwick",
        "Grove",
        "Hale",
        "Ivers",
        "Jessop",
        "Kerr",
        "Lowe",
        "Mead",
    ]
    ent: dict[str, records.Entity] = {}

    def add(kind: str, label: str) -> str:
        iri = f"https://example.org/{kind.lower()}/{len(ent)}"
        ent[iri] = records.Entity(iri, kind, label)
        return iri

    people = [add("Person", name) for name in [f"{f} {s}" for f in first for s in last][:140]]
    people.append(add("Person", "Ann Bell"))  # a whole-word match that a longer name contains
    bodies = [add("Council", f"Shire {i} Council") for i in range(15)]
    bodies += [add("Organisation", f"Trust number {i}") for i in range(15)]
    progs = [add("Programme", f"Scheme {i}") for i in range(8)]
    untied = [add("Person", f"Quiet Person {i}") for i in range(20)]
    reports = {}
    for i in range(30):
        iri = f"https://example.org/report/r{i:02d}"
        reports[iri] = records.Report(iri, f"r{i:02d}", f"Report {i}", dt.date(2015 + i % 6, 1 + i % 12, 1))
    collabs, parts, mentions = [], [], []
    agents = people + bodies
    for k in range(260):
        report = rng.choice(sorted(reports))
        a, b = rng.sample(agents, 2) if k % 3 else (rng.choice(agents[:12]), rng.choice(agents))
        if a == b:
            continue
        text = f"{ent[a].label} met {ent[b].label} about item {k}."
        ev = records.Evidence(text, k * 100, k * 100 + len(text))
        collabs.append(
            records.Collaboration(
                f"{report}/c{k}",
                (a, b),
                report,
                reports[report].identifier,
                reports[report].date,
                "met",
                "met",
                (ev,),
            )
        )
        mentions += [records.MentionRecord(x, report, ent[x].label, ev) for x in (a, b)]
    for k, member in enumerate(bodies):
        report = sorted(reports)[k % 30]
        prog = progs[k % len(progs)]
        text = f"{ent[member].label} joined {ent[prog].label}."
        ev = records.Evidence(text, 50_000 + k, 50_000 + k + len(text))
        parts.append(
            records.Collaboration(
                f"{report}/p{k}",
                (member, prog),
                report,
                reports[report].identifier,
                reports[report].date,
                "",
                "",
                (ev,),
            )
        )
    for k, who in enumerate(untied):
        report = sorted(reports)[k]
        text = f"Apologies were received from {ent[who].label}."
        ev = records.Evidence(text, 90_000, 90_000 + len(text))
        mentions.append(records.MentionRecord(who, report, ent[who].label, ev))
    return records.GraphData(
        entities=ent, reports=reports, collaborations=collabs, participations=parts, mentions=mentions
    )


@pytest.fixture(scope="module")
def big_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return page.write_html(generated_data(), tmp_path_factory.mktemp("big") / "network.html")


def test_generated_page_holds_every_entity(big_html: Path) -> None:
    data = page_json(big_html.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(generated_data().entities)
    tied = [n for n in data["nodes"] if n["ties"]]
    assert 170 <= len(tied) <= 200
    quiet = next(n for n in data["nodes"] if n["label"] == "Quiet Person 3")
    assert quiet["ties"] == 0 and quiet["mentions"][0]["r"] == "r03"


@pytest.mark.browser
def test_browser_generated_corpus_screenshot(browser_context: object, big_html: Path, tmp_path: Path) -> None:
    page = Page(browser_context, big_html)
    shot = page.screenshot("generated-180.png", tmp_path)
    assert shot.stat().st_size > 30_000
    # The largest nodes are labelled, legibly: a label is at least 12 px high on screen.
    labelled = page.js("window.boardgraph.labelledIds()")
    assert 20 <= len(labelled) <= 40  # type: ignore[arg-type]
    sizes = page.js("window.boardgraph.labelPixels()")
    assert min(sizes) >= 12  # type: ignore[type-var]
    # The legend is beside the network, never over it.
    legend = page.page.locator("#legend").bounding_box()
    canvas = page.page.locator("#network").bounding_box()
    assert legend["y"] + legend["height"] <= canvas["y"]  # type: ignore[index]
    # Zooming in labels everyone in view.
    page.page.mouse.move(canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2)  # type: ignore[index]
    for _ in range(14):
        page.page.mouse.wheel(0, -400)
        page.page.wait_for_timeout(60)
    assert page.js("window.boardgraph.network.getScale()") >= 1.1  # type: ignore[operator]
    assert len(page.js("window.boardgraph.labelledIds()")) > len(labelled)  # type: ignore[arg-type]
    # A year re-fits the view to that year's nodes and the legend counts them.
    page.page.select_option("#year", "2017")
    ids = page.js("window.boardgraph.visibleNodeIds()")
    xs, ys = zip(*(page.screen_xy(i) for i in ids), strict=True)  # type: ignore[union-attr]
    assert min(xs) >= canvas["x"] and max(xs) <= canvas["x"] + canvas["width"]  # type: ignore[index]
    assert min(ys) >= canvas["y"] and max(ys) <= canvas["y"] + canvas["height"]  # type: ignore[index]
    spread = max((max(xs) - min(xs)) / canvas["width"], (max(ys) - min(ys)) / canvas["height"])  # type: ignore[index]
    assert spread > 0.6
    people = page.js("window.boardgraph.nodesView.get().filter(n => n.shape === 'dot').length")
    assert page.page.locator("#legend label", has_text="Person").inner_text() == f"Person ({people})"
    page.screenshot("generated-180-2017.png", tmp_path)
    # Search: whole words before parts of words; untied entities are found too.
    first_match = "window.boardgraph.nodes.get(window.boardgraph.matches('bell')[0]).title"
    assert page.js(first_match).startswith("Ann Bell (")  # type: ignore[union-attr]
    page.page.fill("#search", "Quiet Person 3")
    page.page.press("#search", "Enter")
    panel = page.page.locator("#panel")
    assert panel.locator("h2").first.inner_text() == "Quiet Person 3"
    assert "No ties" in panel.inner_text()
    # A quote opens its report at that sentence, highlighted and in view.
    panel.get_by_role("button", name="in report").first.click()
    here = panel.locator("li.here")
    assert here.inner_text() == "Apologies were received from Quiet Person 3."
    box, frame = here.bounding_box(), panel.bounding_box()
    assert frame["y"] <= box["y"] <= frame["y"] + frame["height"]  # type: ignore[index]
    page.screenshot("generated-180-report.png", tmp_path)
    assert page.errors == []

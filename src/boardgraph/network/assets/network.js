"use strict";
// The network page of `boardgraph visualise`: an explorer of the graph's entities.
// Every entity is findable (search, the index), with its mentions grouped by year and
// report, its reports and its ties; a quote opens its report's view at that sentence.
(function () {
  const DATA = JSON.parse(document.getElementById("bg-data").textContent);
  const NODE = new Map(DATA.nodes.map((n) => [n.id, n]));
  const EDGE = new Map(DATA.edges.map((e) => [e.id, e]));
  const state = {
    year: "all", cumulative: false, programmes: true, minTies: 1, types: new Set(DATA.types),
  };
  const $ = (id) => document.getElementById(id);
  const MAX_WEIGHT = Math.max(1, ...DATA.edges.map((e) => e.weight - 1));
  // Labels: the largest nodes always; the rest on hover, and all once zoomed in this far.
  const LABEL_COUNT = 30;
  const ZOOM_ALL_LABELS = 1.1;
  const LABEL_PX = 13; // on-screen size of a label, whatever the zoom

  // Build DOM with text nodes only: report text never becomes markup.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "onclick") node.addEventListener("click", v);
      else if (k === "style") node.setAttribute("style", v);
      else if (k.startsWith("data-")) node.setAttribute(k, v);
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
  const sentence = (r, i) => ((DATA.reports[r] || {}).sents || [])[i] || "";
  const byLabel = (a, b) => NODE.get(a).label.localeCompare(NODE.get(b).label);

  // Which entities each report names: the report view lists them.
  const NAMED_IN = new Map();
  for (const n of DATA.nodes) {
    for (const m of n.mentions) {
      if (!NAMED_IN.has(m.r)) NAMED_IN.set(m.r, new Set());
      NAMED_IN.get(m.r).add(n.id);
    }
  }
  const LABELLED = new Set([...DATA.nodes].filter((n) => n.ties > 0)
    .sort((a, b) => b.size - a.size || b.ties - a.ties || a.label.localeCompare(b.label))
    .slice(0, LABEL_COUNT).map((n) => n.id));

  // ----------------------------------------------------------- data sets
  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({
    id: n.id,
    label: LABELLED.has(n.id) ? n.label : "",
    value: n.size,
    shape: style(n.type).shape,
    color: { background: style(n.type).color, border: "#ffffff",
             highlight: { background: style(n.type).color, border: "#1f2328" },
             hover: { background: style(n.type).color, border: "#1f2328" } },
    title: `${n.label} (${n.type}, ${plural(n.ties, "tie")})`,
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

  function edgeInWindow(e) {
    if (!state.programmes && e.kind === "participation") return false;
    if (state.year === "all") return true;
    const y = Number(state.year);
    return e.years.some((v) => (state.cumulative ? v <= y : v === y));
  }
  let tiesShown = new Map(); // node id → ties in the years shown
  function nodeVisible(n) {
    if (!state.types.has(n.type)) return false;
    if (!state.programmes && n.type === "Programme") return false;
    return (tiesShown.get(n.id) || 0) >= state.minTies;
  }
  function edgeVisible(e) {
    return edgeInWindow(e) && nodeVisible(NODE.get(e.from)) && nodeVisible(NODE.get(e.to));
  }
  const edgesView = new vis.DataView(edges, { filter: (item) => edgeVisible(EDGE.get(item.id)) });
  const nodesView = new vis.DataView(nodes, { filter: (item) => nodeVisible(NODE.get(item.id)) });

  function countTies() {
    tiesShown = new Map();
    for (const e of DATA.edges) {
      if (!edgeInWindow(e)) continue;
      tiesShown.set(e.from, (tiesShown.get(e.from) || 0) + 1);
      tiesShown.set(e.to, (tiesShown.get(e.to) || 0) + 1);
    }
  }
  countTies();

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
                 label: { enabled: false } },
      font: { face: "system-ui, sans-serif", color: "#1f2328", strokeWidth: 4, strokeColor: "#ffffff",
              size: LABEL_PX },
      borderWidth: 1.5,
    },
    edges: {
      // Absolute widths too: a tie seen twice looks the same in every year's view.
      scaling: { min: 1, max: 8, customScalingFunction: (lo, hi, total, value) => (value - 1) / MAX_WEIGHT },
      smooth: false, selectionWidth: 2,
    },
    interaction: { hover: true, tooltipDelay: 120 },
  });

  // ------------------------------------------------------------- labels
  let hovered = null;
  let allLabels = false;
  function labelFor(id, scale) {
    const shown = allLabels || LABELLED.has(id) || id === hovered
      || network.getSelectedNodes().includes(id);
    // The font grows as the view zooms out, so a label stays LABEL_PX high on screen.
    return { id, label: shown ? NODE.get(id).label : "",
             font: { size: Math.min(80, Math.max(LABEL_PX, LABEL_PX / scale)) } };
  }
  function relabel() {
    const scale = network.getScale();
    allLabels = scale >= ZOOM_ALL_LABELS;
    nodes.update(nodesView.getIds().map((id) => labelFor(id, scale)));
  }
  network.on("zoom", relabel);
  // A chosen node keeps its name on screen, whatever its size.
  network.on("selectNode", relabel);
  network.on("deselectNode", relabel);
  network.on("hoverNode", (p) => { hovered = p.node; nodes.update([labelFor(p.node, network.getScale())]); });
  network.on("blurNode", (p) => { hovered = null; nodes.update([labelFor(p.node, network.getScale())]); });

  // ------------------------------------------------------------- layout
  function fitVisible() {
    const ids = nodesView.getIds();
    if (!ids.length) return;
    network.fit({ nodes: ids, animation: false });
    // fit() ignores labels; step back a little so names at the edges stay readable.
    network.moveTo({ scale: Math.min(network.getScale() * 0.88, 2.5) });
    relabel();
    // Without it the first frame after the frozen layout can draw ties where the physics left them.
    network.redraw();
  }
  let ready = false;
  network.once("stabilizationIterationsDone", () => {
    // Freeze the layout and remember it, so filtering never moves anyone.
    network.setOptions({ physics: false });
    const pos = network.getPositions();
    const placed = Object.values(pos);
    // Entities without ties were not laid out: a grid below the network, for "ties ≥ 0".
    const loose = DATA.nodes.filter((n) => !(n.id in pos)).map((n) => n.id).sort(byLabel);
    const minX = Math.min(0, ...placed.map((p) => p.x));
    const maxX = Math.max(0, ...placed.map((p) => p.x));
    const maxY = Math.max(0, ...placed.map((p) => p.y));
    const columns = Math.max(8, Math.ceil((maxX - minX) / 60));
    const updates = Object.entries(pos).map(([id, p]) => ({ id, x: p.x, y: p.y }));
    loose.forEach((id, i) => updates.push({
      id, x: minX + (i % columns) * 60, y: maxY + 120 + Math.floor(i / columns) * 45,
    }));
    nodes.update(updates);
    fitVisible();
    ready = true;
    document.body.dataset.ready = "true";
  });

  // ----------------------------------------------------------- filtering
  function inWindow(c) {
    if (state.year === "all") return true;
    const y = Number(c.d.slice(0, 4));
    return c.d !== "" && (state.cumulative ? y <= Number(state.year) : y === Number(state.year));
  }
  const legendCounts = {};
  function refresh() {
    countTies();
    const widths = [];
    for (const e of DATA.edges) {
      // A tie is as thick as its collaborations in the years shown, not in all years.
      if (edgeInWindow(e)) widths.push({ id: e.id, value: e.collabs.filter(inWindow).length || 1 });
    }
    edges.update(widths);
    nodesView.refresh();
    edgesView.refresh();
    // The legend counts what the year and ties filters leave, type by type.
    for (const t of DATA.types) {
      const n = DATA.nodes.filter((x) => x.type === t && (tiesShown.get(x.id) || 0) >= state.minTies
        && (state.programmes || t !== "Programme")).length;
      if (legendCounts[t]) legendCounts[t].textContent = `${t} (${n})`;
    }
    const when = state.year === "all" ? (DATA.period || "all years")
      : (state.cumulative ? `up to ${state.year}` : state.year);
    $("status").textContent =
      `${plural(nodesView.length, "node")} · ${plural(edgesView.length, "tie")} · ${when}`;
    if (ready) fitVisible();
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
  $("min-ties").addEventListener("change", (ev) => { state.minTies = Number(ev.target.value); refresh(); });

  // -------------------------------------------------------------- search
  const names = $("names");
  for (const n of [...DATA.nodes].sort((a, b) => a.label.localeCompare(b.label))) {
    names.append(el("option", { value: n.label }));
  }
  const WORD = "[\\p{L}\\p{N}]";
  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  // 0 the whole name, 1 a whole word, 2 the start of a word, 3 inside a word; null no match.
  function rank(q, text) {
    const t = text.toLowerCase();
    if (t === q) return 0;
    const e = escapeRegExp(q);
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${e}(?!${WORD})`, "u").test(t)) return 1;
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${e}`, "u").test(t)) return 2;
    return t.includes(q) ? 3 : null;
  }
  function matches(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const scored = [];
    for (const n of DATA.nodes) {
      const ranks = [rank(q, n.label), ...n.alt.map((a) => { const r = rank(q, a); return r === null ? null : r + 0.5; })]
        .filter((r) => r !== null);
      if (ranks.length) scored.push([Math.min(...ranks), n]);
    }
    scored.sort((a, b) => a[0] - b[0] || b[1].ties - a[1].ties || a[1].label.localeCompare(b[1].label));
    return scored.map(([, n]) => n.id);
  }
  function search(focus) {
    const q = $("search").value;
    const found = matches(q);
    const visible = found.filter((id) => nodesView.get(id));
    network.selectNodes(visible);
    if (!q.trim()) { refresh(); intro(); return; }
    const hidden = found.length - visible.length;
    $("status").textContent = found.length
      ? plural(found.length, "match", "matches") + (hidden ? ` (${hidden} not drawn)` : "")
      : "no match";
    const exact = DATA.nodes.find((n) => n.label.toLowerCase() === q.trim().toLowerCase()
      || n.alt.some((a) => a.toLowerCase() === q.trim().toLowerCase()));
    const target = exact ? exact.id : (focus && found.length ? found[0] : null);
    if (target) { goTo(target); return; }
    showResults(q.trim(), found);
  }
  function goTo(id) {
    const n = NODE.get(id);
    if (n.ties > 0 && !nodesView.get(id)) {
      // Tied but filtered out: widen the view rather than hide what was asked for.
      state.types.add(n.type);
      syncTypeBoxes();
      if (!state.programmes && n.type === "Programme") { state.programmes = true; $("programmes").checked = true; }
      setYear("all");
    }
    if (nodesView.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
      relabel();
    }
    showNode(id);
  }
  $("search").addEventListener("input", () => search(false));
  $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(true); });

  // --------------------------------------------------------------- panel
  const panel = $("panel");
  // replaceChildren would print a skipped (null) section as the text "null"; el() drops it.
  function show(...children) { panel.replaceChildren(el("div", {}, ...children)); panel.scrollTop = 0; }
  function reportLink(id, at) {
    return el("button", { className: "link", onclick: () => showReport(id, at),
                          title: at === undefined ? "about this report" : "this sentence in its report" }, id);
  }
  function quoted(text, marks) {
    // Highlight the mention or trigger words inside the evidence sentence.
    const q = el("blockquote");
    const words = (marks || []).filter(Boolean).sort((a, b) => b.length - a.length);
    if (!words.length) { q.append(text); return q; }
    const pattern = new RegExp("(" + words.map(escapeRegExp).join("|") + ")", "gi");
    for (const part of text.split(pattern)) {
      q.append(words.some((w) => w.toLowerCase() === part.toLowerCase()) ? el("mark", {}, part) : part);
    }
    return q;
  }
  function quote(r, i, marks) {
    const text = sentence(r, i);
    if (!text) return el("p", { className: "hint" }, "named in this report");
    return el("div", { className: "quote" }, quoted(text, marks),
      el("button", { className: "link", title: "open the report at this sentence",
                     onclick: () => showReport(r, i) }, "in report"));
  }
  function nodeLink(id) {
    return el("button", { className: "link", onclick: () => goTo(id) }, NODE.get(id).label);
  }
  function badge(type) {
    return el("span", { className: "badge", style: `background:${style(type).color}` }, type);
  }
  function entityIndex() {
    // Every entity, by type: those without ties are found here (and by search) too.
    return DATA.types.map((t) => {
      const ofType = DATA.nodes.filter((n) => n.type === t).map((n) => n.id).sort(byLabel);
      if (!ofType.length) return null;
      const untied = ofType.filter((id) => NODE.get(id).ties === 0).length;
      return el("details", {}, el("summary", {}, `${t} (${ofType.length}`
        + (untied ? `, ${untied} without ties)` : ")")),
      el("ul", {}, ofType.map((id) => el("li", {}, nodeLink(id),
        NODE.get(id).ties ? "" : el("span", { className: "meta" }, " · no ties")))));
    });
  }
  function intro() {
    show(
      el("h2", {}, DATA.title),
      el("p", { className: "hint" }, "Click a node or a tie to see who, when, and the sentences of "
        + "the reports that say so. Pick a year to see only that year's ties; search to find anyone, "
        + "with ties or none."),
      el("p", { className: "meta" }, `${plural(DATA.nodes.length, "entity", "entities")}, `
        + `${plural(DATA.edges.length, "tie")}, ${plural(Object.keys(DATA.reports).length, "report")}. `
        + `Node size: ${DATA.sizeBy}.`),
      el("h3", {}, "Every entity"),
      entityIndex(),
    );
  }
  function showResults(q, found) {
    show(
      el("h2", {}, `“${q}”`),
      el("p", { className: "meta" }, found.length ? plural(found.length, "match", "matches")
        + " — whole names and words first" : "No match."),
      el("ul", { className: "results" }, found.slice(0, 50).map((id) => {
        const n = NODE.get(id);
        return el("li", {}, badge(n.type), " ", nodeLink(id),
          el("span", { className: "meta" }, ` · ${plural(n.ties, "tie")} · `
            + plural(new Set(n.mentions.map((m) => m.r)).size, "report")));
      })),
    );
  }
  function mentionsByYear(n) {
    // Year → report → quotes, so a programme quoted eighty times still reads as a list of reports.
    const groups = new Map();
    for (const m of n.mentions) {
      const d = (DATA.reports[m.r] || {}).d || "";
      const y = d ? d.slice(0, 4) : "undated";
      if (!groups.has(y)) groups.set(y, new Map());
      const byReport = groups.get(y);
      if (!byReport.has(m.r)) byReport.set(m.r, []);
      byReport.get(m.r).push(m);
    }
    const reportCount = [...groups.values()].reduce((k, g) => k + g.size, 0);
    return [...groups.entries()].map(([y, byReport]) => [
      el("h4", {}, `${y} · ${plural(byReport.size, "report")}`),
      [...byReport.entries()].map(([r, ms]) => {
        const info = DATA.reports[r] || {};
        return el("details", { open: reportCount <= 4 },
          el("summary", {}, reportLink(r), info.title ? ` — ${info.title}` : "",
            el("span", { className: "meta" }, ` (${plural(ms.length, "quote")})`)),
          ms.map((m) => quote(m.r, m.i, m.q.length ? m.q : [n.label])));
      }),
    ]);
  }
  function showNode(id) {
    const n = NODE.get(id);
    const ties = DATA.edges.filter((e) => e.from === id || e.to === id)
      .sort((a, b) => b.weight - a.weight || byLabel(a.from === id ? a.to : a.from, b.from === id ? b.to : b.from));
    const m = n.m;
    const reports = [...new Set(n.mentions.map((x) => x.r))].sort();
    show(
      el("h2", {}, n.label), badge(n.type),
      n.alt.length ? el("p", { className: "meta" }, "Also written: " + n.alt.join(" · ")) : null,
      n.ties === 0 ? el("p", { className: "hint" }, "No ties in this graph: named, but not said to have "
        + "worked with anyone (not drawn unless “ties ≥ 0”).") : null,
      n.type === "Programme" || n.ties === 0 ? null : el("table", {},
        el("tr", {}, el("td", {}, "Ties"), el("td", {}, m.degree)),
        el("tr", {}, el("td", {}, "Collaborations"), el("td", {}, m.collaborations)),
        el("tr", {}, el("td", {}, "Betweenness"), el("td", {}, m.betweenness.toFixed(3))),
        el("tr", {}, el("td", {}, "PageRank"), el("td", {}, m.pagerank.toFixed(3))),
        el("tr", {}, el("td", {}, "Community"), el("td", {}, n.community)),
        el("tr", {}, el("td", {}, "Active"), el("td", {}, years(n.years)))),
      n.roles.length ? el("h3", {}, "Roles") : null,
      n.roles.length ? el("ul", {}, n.roles.map((r) => el("li", {}, r.role, r.org ? `, ${r.org}` : "",
        r.d ? ` (${r.d}, ` : " (", reportLink(r.r), ")"))) : null,
      el("h3", {}, `Reports (${reports.length})`),
      reports.length ? el("ul", {}, reports.map((r) => el("li", {}, reportLink(r),
        DATA.reports[r] && DATA.reports[r].d ? ` · ${DATA.reports[r].d}` : "",
        DATA.reports[r] && DATA.reports[r].title ? ` — ${DATA.reports[r].title}` : "")))
        : el("p", { className: "hint" }, "No report names it."),
      el("h3", {}, `Ties (${ties.length})`),
      ties.length ? el("ul", {}, ties.map((e) => {
        const other = e.from === id ? e.to : e.from;
        return el("li", {}, nodeLink(other), " — ",
          el("button", { className: "link", onclick: () => { network.selectEdges([e.id]); showEdge(e.id); } },
            plural(e.weight, e.kind === "participation" ? "statement" : "collaboration")),
          ` (${years(e.years)})`);
      })) : el("p", { className: "hint" }, "None."),
      el("h3", {}, `Mentions (${n.mentions.length}), by year and report`),
      n.mentions.length ? mentionsByYear(n) : el("p", { className: "hint" }, "No mention annotations."),
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
        c.ev.length ? c.ev.map((i) => quote(c.r, i, [c.g, NODE.get(e.from).label, NODE.get(e.to).label]))
          : el("p", { className: "hint" }, "No evidence sentence."),
      ]),
    );
  }
  function showReport(id, at) {
    const r = DATA.reports[id] || {};
    const from = DATA.edges.filter((e) => e.collabs.some((c) => c.r === id));
    const named = [...(NAMED_IN.get(id) || [])].sort(byLabel);
    const sents = r.sents || [];
    const here = at !== undefined && at >= 0 && at < sents.length ? at : -1;
    // A text fragment asks the browser to scroll the source file to the sentence too.
    const words = here >= 0 ? sents[here].split(" ").slice(0, 8).join(" ") : "";
    const href = r.href && words ? `${r.href}#:~:text=${encodeURIComponent(words)}` : r.href;
    show(
      el("h2", {}, r.title || id),
      el("table", {},
        el("tr", {}, el("td", {}, "Report"), el("td", {}, id)),
        r.d ? el("tr", {}, el("td", {}, "Date"), el("td", {}, r.d)) : null,
        r.board ? el("tr", {}, el("td", {}, "Board"), el("td", {}, r.board)) : null,
        r.chair ? el("tr", {}, el("td", {}, "Chair"), el("td", {}, r.chair)) : null),
      href ? el("p", {}, el("a", { href, target: "_blank", rel: "noopener" }, "Open the source report")) : null,
      el("p", { className: "meta" }, r.iri || ""),
      el("h3", {}, `Names (${named.length})`),
      el("p", {}, named.map((n, k) => [k ? " · " : "", nodeLink(n)])),
      el("h3", {}, `Ties it supports (${from.length})`),
      el("ul", {}, from.map((e) => el("li", {},
        el("button", { className: "link", onclick: () => showEdge(e.id) },
          `${NODE.get(e.from).label} – ${NODE.get(e.to).label}`)))),
      el("h3", {}, `Sentences the graph quotes (${sents.length})`),
      el("ol", { className: "sents" }, sents.map((s, i) => el("li", i === here
        ? { className: "here", id: "here" } : {}, i === here ? el("mark", {}, s) : s))),
    );
    const target = panel.querySelector("#here");
    if (target) target.scrollIntoView({ block: "center" });
  }
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else intro();
  });

  // ------------------------------------------------- legend and type filter
  const SWATCH = { dot: "border-radius:50%", diamond: "transform:rotate(45deg) scale(.8)",
                   triangle: "clip-path:polygon(50% 0,100% 100%,0 100%)", square: "" };
  const typeBoxes = {};
  function syncTypeBoxes() { for (const t of DATA.types) if (typeBoxes[t]) typeBoxes[t].checked = state.types.has(t); }
  $("legend").append(...DATA.types.filter((t) => DATA.nodes.some((n) => n.type === t)).map((t) => {
    typeBoxes[t] = el("input", { type: "checkbox", checked: true, value: t });
    typeBoxes[t].addEventListener("change", (ev) => {
      if (ev.target.checked) state.types.add(t); else state.types.delete(t);
      refresh();
    });
    legendCounts[t] = el("span", {}, t);
    return el("label", { title: `show or hide ${t.toLowerCase()} nodes` }, typeBoxes[t],
      el("span", { className: "sw", style: `background:${style(t).color};${SWATCH[style(t).shape] || ""}` }),
      legendCounts[t]);
  }),
  el("span", {}, el("span", { className: "ln" }), "worked together"),
  DATA.edges.some((e) => e.kind === "participation")
    ? el("span", {}, el("span", { className: "ln dash" }), "takes part in programme") : "",
  el("span", { className: "meta" }, `size: ${DATA.sizeBy}`));
  $("footer").textContent = `boardgraph · ${DATA.source || "graph"}${DATA.period ? " · " + DATA.period : ""}`
    + " · every tie links to the report sentences it comes from";

  intro();
  refresh();
  window.boardgraph = {
    network, nodes, edges, nodesView, edgesView, setYear, showNode, showEdge, showReport, matches,
    get ready() { return ready; },
    visibleNodeIds: () => nodesView.getIds(),
    visibleEdgeIds: () => edgesView.getIds(),
    renderedNodeCount: () => network.body.nodeIndices.length,
    renderedEdgeCount: () => network.body.edgeIndices.length,
    labelledIds: () => nodesView.get().filter((n) => n.label).map((n) => n.id),
    labelPixels: () => nodesView.get().filter((n) => n.label).map((n) => n.font.size * network.getScale()),
  };
})();

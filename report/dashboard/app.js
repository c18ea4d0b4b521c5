// heapmap's dashboard: the views over data/summary.js and, on demand, data/pkg/N.js.
// Routes (the URL's hash): "" the overview (packages), #pkg/N a package (its functions),
// #fn/N/NAME a function, #site/N/ID a site (its explanation and source lines). When a view
// is drawn, body's data-ready attribute names it (the browser tests wait on it).
"use strict";

const HEAPMAP = (() => {
  let summary = null;
  const packages = new Map();  // index -> data, once loaded
  const waiting = new Map();   // index -> [resolve]
  const table = { rows: [], sortKey: "r", sortDir: 1, limit: 200 };
  const charts = [];

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // 12, 1.5k, 2.3M; from 1e9 on, 1.00e+30 (the call graph's weights reach its cap, 1e30).
  const fmtNum = (v) => (v >= 1e9 ? v.toExponential(2) : v >= 1e6 ? (v / 1e6).toFixed(1) + "M" : v >= 1e4 ? (v / 1e3).toFixed(1) + "k" : String(Math.round(v * 100) / 100));
  const pkgName = (i) => (summary.packages[i] ? summary.packages[i].name : "?");

  function loadPackage(i) {
    if (packages.has(i)) return Promise.resolve(packages.get(i));
    return new Promise((resolve) => {
      if (!waiting.has(i)) {
        waiting.set(i, []);
        const s = el("script", { src: `data/pkg/${i}.js` });
        document.body.appendChild(s);
      }
      waiting.get(i).push(resolve);
    });
  }

  function ready(name) { document.body.dataset.ready = name; }

  function crumbs(parts) {
    const nav = $("crumbs");
    nav.textContent = "";
    nav.appendChild(el("a", { href: "#" }, "all packages"));
    for (const [text, href] of parts) nav.appendChild(el("a", { href }, "/ " + text));
  }

  // The treemap of items ({name, sites, weight, measured, href}) by the chosen metric.
  function drawTreemap(title, items) {
    $("treemap-title").textContent = title;
    const svg = d3.select("#treemap");
    svg.selectAll("*").remove();
    const node = svg.node();
    const width = node.clientWidth || 900, height = 420;
    const metric = $("metric").value;
    const root = d3.hierarchy({ children: items.filter((d) => d[metric] > 0) })
      .sum((d) => d[metric] || 0)
      .sort((a, b) => b.value - a.value);
    d3.treemap().size([width, height]).paddingInner(1)(root);
    const color = d3.scaleOrdinal(d3.schemeTableau10);
    const g = svg.selectAll("g").data(root.leaves()).join("g")
      .attr("transform", (d) => `translate(${d.x0},${d.y0})`);
    g.append("rect")
      .attr("width", (d) => Math.max(0, d.x1 - d.x0))
      .attr("height", (d) => Math.max(0, d.y1 - d.y0))
      .attr("fill", (d, i) => color(i % 10))
      .attr("data-name", (d) => d.data.name)
      // d3 5 passes (datum, index), d3 6 and later (event, datum).
      .on("click", function (a, b) { const d = a && a.data ? a : b; location.hash = d.data.href; })
      .append("title").text((d) => `${d.data.name}: ${fmtNum(d.value)} ${metric}`);
    g.filter((d) => d.x1 - d.x0 > 60 && d.y1 - d.y0 > 14).append("text")
      .attr("x", 3).attr("y", 12)
      .text((d) => { const n = d.data.name; const max = Math.floor((d.x1 - d.x0) / 6.5); return n.length > max ? n.slice(0, max - 1) + "…" : n; });
  }

  function setRows(rows, title) {
    table.rows = rows;
    table.limit = 200;
    $("table-title").textContent = title;
    renderTable();
  }

  function sortValue(row, key) {
    if (key === "pkg") return pkgName(row.p);
    if (key === "pos") return `${row.file}:${String(row.line).padStart(6, "0")}`;
    return row[key];
  }

  function renderTable() {
    const text = $("filter").value.trim().toLowerCase();
    const cause = $("cause-filter").value;
    let rows = table.rows.filter((r) => {
      if (cause && r.c !== cause) return false;
      if (!text) return true;
      return [pkgName(r.p), r.f, r.t, r.file].some((s) => s && s.toLowerCase().includes(text));
    });
    const key = table.sortKey, dir = table.sortDir;
    rows = rows.slice().sort((a, b) => {
      const x = sortValue(a, key), y = sortValue(b, key);
      if (x === y) return a.r - b.r;
      return (x < y ? -1 : 1) * dir;
    });
    const body = document.querySelector("#sites tbody");
    body.textContent = "";
    for (const r of rows.slice(0, table.limit)) {
      const tr = el("tr", { "data-id": r.id, "data-pkg": String(r.p) });
      tr.appendChild(el("td", { class: "num" }, r.r ? String(r.r) : ""));
      tr.appendChild(el("td", { class: "num" }, fmtNum(r.w)));
      tr.appendChild(el("td", { class: "num" }, r.m ? fmtNum(r.m) : ""));
      tr.appendChild(el("td", {}, r.c));
      tr.appendChild(el("td", {}, pkgName(r.p)));
      tr.appendChild(el("td", {}, r.f));
      tr.appendChild(el("td", {}, `${r.file}:${r.line}:${r.col}`));
      tr.appendChild(el("td", {}, r.t));
      tr.addEventListener("click", () => { location.hash = `#site/${r.p}/${encodeURIComponent(r.id)}`; });
      body.appendChild(tr);
    }
    for (const th of document.querySelectorAll("#sites th")) {
      th.classList.toggle("sorted-asc", th.dataset.key === key && dir > 0);
      th.classList.toggle("sorted-desc", th.dataset.key === key && dir < 0);
    }
    $("table-status").textContent = rows.length > table.limit
      ? `${table.limit} of ${rows.length} sites shown (filter or sort to see others)`
      : `${rows.length} sites`;
  }

  function drawTrends() {
    for (const c of charts) c.destroy();
    charts.length = 0;
    const labels = summary.scans.map((s) => s.label || `scan ${s.id}`);
    const totals = {};
    for (const s of summary.scans) for (const [c, n] of Object.entries(s.causes)) totals[c] = (totals[c] || 0) + n;
    const causes = Object.keys(totals).sort((a, b) => totals[b] - totals[a]);
    const palette = d3.schemeTableau10;
    charts.push(new Chart($("trend-causes"), {
      type: "line",
      data: {
        labels,
        datasets: causes.slice(0, 10).map((c, i) => ({
          label: c, data: summary.scans.map((s) => s.causes[c] || 0),
          borderColor: palette[i % 10], backgroundColor: palette[i % 10], tension: 0.2,
        })),
      },
      options: { animation: false, responsive: true, plugins: { legend: { position: "right" } } },
    }));
    charts.push(new Chart($("trend-changes"), {
      type: "bar",
      data: {
        labels,
        datasets: [
          { label: "introduced", data: summary.scans.map((s) => s.introduced), backgroundColor: "#d9534f" },
          { label: "fixed", data: summary.scans.map((s) => s.fixed), backgroundColor: "#3c9a5f" },
        ],
      },
      options: { animation: false, responsive: true },
    }));
  }

  function drawDiff() {
    const box = $("diff");
    box.textContent = "";
    const d = summary.diff;
    if (!d) {
      $("diff-title").textContent = "Since the scan before";
      box.appendChild(el("p", {}, "One scan so far: nothing to compare."));
      return;
    }
    $("diff-title").textContent = `Scan ${d.older} → scan ${d.newer}: ${d.introduced.length} introduced, ${d.fixed.length} fixed, ${d.unchanged} unchanged`;
    for (const [name, rows, cls] of [["introduced", d.introduced, "intro"], ["fixed", d.fixed, "fix"]]) {
      if (!rows.length) continue;
      box.appendChild(el("h3", {}, name));
      const ul = el("ul", { class: "diff-list " + cls });
      for (const r of rows.slice(0, 100)) {
        const li = el("li", {}, `${r.file}:${r.line}:${r.col} (${pkgName(r.p)}.${r.f}): ${r.t} [${r.c}]`);
        if (cls === "intro" && r.p >= 0) li.addEventListener("click", () => { location.hash = `#site/${r.p}/${encodeURIComponent(r.id)}`; });
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
  }

  function show(sections) {
    for (const id of ["overview", "table-section", "site-section"]) $(id).hidden = !sections.includes(id);
    document.querySelectorAll("#overview .half, #diff-panel").forEach((e) => { e.hidden = !sections.includes("trends"); });
  }

  async function route() {
    if (!summary) return;
    const parts = location.hash.replace(/^#/, "").split("/");
    if (parts[0] === "pkg" || parts[0] === "fn") {
      const i = Number(parts[1]);
      const data = await loadPackage(i);
      const name = pkgName(i);
      const fn = parts[0] === "fn" ? decodeURIComponent(parts.slice(2).join("/")) : null;
      show(["overview", "table-section"]);
      crumbs(fn ? [[name, `#pkg/${i}`], [fn, location.hash]] : [[name, `#pkg/${i}`]]);
      drawTreemap(`Heap allocations of ${name}, by function`,
        data.functions.map((f) => ({ ...f, href: `#fn/${i}/${encodeURIComponent(f.name)}` })));
      setRows(fn ? data.sites.filter((s) => s.f === fn) : data.sites,
        fn ? `Sites of ${name}.${fn}` : `Sites of ${name}`);
      ready(fn ? "function" : "package");
      return;
    }
    if (parts[0] === "site") {
      const i = Number(parts[1]);
      const id = decodeURIComponent(parts.slice(2).join("/"));
      const data = await loadPackage(i);
      const s = data.sites.find((x) => x.id === id);
      show(["site-section"]);
      crumbs([[pkgName(i), `#pkg/${i}`], [s ? s.f : id, s ? `#fn/${i}/${encodeURIComponent(s.f)}` : "#"], [s ? `${s.file}:${s.line}` : "?", location.hash]]);
      drawSite(i, data, s);
      ready("site");
      return;
    }
    show(["overview", "table-section", "trends"]);
    crumbs([]);
    drawTreemap("Heap allocations by package",
      summary.packages.map((p) => ({ ...p, href: `#pkg/${p.i}` })));
    drawTrends();
    drawDiff();
    setRows(summary.top, summary.top.length < summary.scan.sites
      ? `Sites: the first ${summary.top.length} by rank (a package's view lists all of its own)`
      : "Sites");
    ready("overview");
  }

  function drawSite(i, data, s) {
    const facts = $("site-facts");
    facts.textContent = "";
    if (!s) {
      $("site-title").textContent = "No such site in this scan";
      $("site-explain").textContent = "";
      $("site-source").textContent = "";
      return;
    }
    $("site-title").textContent = `${s.t}`;
    for (const [k, v] of [["package", pkgName(i)], ["function", s.f], ["position", `${s.file}:${s.line}:${s.col}`],
                          ["cause", s.c], ["what holds it", s.d || "—"], ["rank", s.r || "—"],
                          ["static weight", fmtNum(s.w)], ["profiled", s.m ? fmtNum(s.m) : "—"], ["stable ID", s.id]]) {
      facts.appendChild(el("dt", {}, k));
      facts.appendChild(el("dd", {}, String(v)));
    }
    const text = data.explain[`${s.file}:${s.line}:${s.col}`] || "";
    $("site-explain").textContent = text;
    // The source lines at the site and at each step of its path.
    const box = $("site-source");
    box.textContent = "";
    const seen = new Set();
    const positions = [[s.file, s.line]];
    for (const m of text.matchAll(/([\w./@+-]+\.go):(\d+)/g)) positions.push([m[1], Number(m[2])]);
    for (const [file, line] of positions) {
      const key = `${file}:${line}`;
      if (seen.has(key) || !data.source[file]) continue;
      seen.add(key);
      const div = el("div", { class: "source" });
      div.appendChild(el("div", { class: "file" }, key));
      for (let l = line - 2; l <= line + 2; l++) {
        const t = data.source[file][l];
        if (t === undefined) continue;
        div.appendChild(el("div", l === line ? { class: "hit" } : {}, `${String(l).padStart(5)}  ${t}`));
      }
      box.appendChild(div);
    }
  }

  function init(data) {
    summary = data;
    const s = data.scan;
    $("scan-info").textContent = `scan ${s.id}${s.label ? " (" + s.label + ")" : ""} · ${s.time} · ${s.sites} heap allocations · ${s.tree}${s.commit ? " @ " + s.commit.slice(0, 12) : ""}${s.config ? " · " + s.config : ""}`;
    const causes = new Set();
    for (const sc of data.scans) for (const c of Object.keys(sc.causes)) causes.add(c);
    for (const c of [...causes].sort()) $("cause-filter").appendChild(el("option", { value: c }, c));
    $("filter").addEventListener("input", renderTable);
    $("cause-filter").addEventListener("change", renderTable);
    $("metric").addEventListener("change", route);
    for (const th of document.querySelectorAll("#sites th")) {
      th.addEventListener("click", () => {
        if (table.sortKey === th.dataset.key) table.sortDir = -table.sortDir;
        else { table.sortKey = th.dataset.key; table.sortDir = ["w", "m"].includes(th.dataset.key) ? -1 : 1; }
        renderTable();
      });
    }
    window.addEventListener("hashchange", route);
    route();
  }

  return {
    summary: init,
    loaded(i, data) {
      packages.set(i, data);
      for (const resolve of waiting.get(i) || []) resolve(data);
      waiting.delete(i);
    },
  };
})();

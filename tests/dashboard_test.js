// tests/dashboard_test.js — the dashboard in headless Chromium, driven through the DevTools
// protocol (puppeteer-core, installed by scripts/install-deps.sh under /opt/heapmap-tools).
//
//   node tests/dashboard_test.js SITE_DIR SHOTS_DIR
//
// Loads SITE_DIR/index.html from disk and checks, with the DOM: no console error or
// uncaught exception; the overview's treemap, trends and table; filtering and sorting the
// table give the right rows; clicking a package, then a function, then a site reaches the
// site's explanation and source lines. Saves a screenshot of each view into SHOTS_DIR.
// Prints "load: N ms" (navigation to the overview drawn) and exits 1 on any failure.
"use strict";
const path = require("path");
const puppeteer = require(process.env.PUPPETEER_CORE ||
  "/opt/heapmap-tools/node_modules/puppeteer-core");

const [siteDir, shots] = process.argv.slice(2);
const failures = [];
function check(ok, what) {
  console.log((ok ? "ok   " : "FAIL ") + what);
  if (!ok) failures.push(what);
}
const parseNum = (s) => {
  const m = /^([\d.]+(?:e[+-]?\d+)?)([kM]?)$/.exec(s.trim());
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === "k" ? 1e3 : m[2] === "M" ? 1e6 : 1);
};

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files"],
  });
  const errors = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1100 });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    const url = "file://" + path.resolve(siteDir, "index.html");
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="overview"]', { timeout: 30000 });
    const loadMs = Date.now() - t0;
    console.log(`load: ${loadMs} ms`);
    await page.screenshot({ path: path.join(shots, "dashboard-overview.png") });

    const rects = await page.$$eval("#treemap rect", (r) => r.length);
    check(rects > 50, `overview treemap: ${rects} packages`);
    const charts = await page.$$eval("canvas", (c) => c.filter((x) => x.width > 0).length);
    check(charts === 2, `trend charts drawn: ${charts}`);
    const rows = async () => page.$$eval("#sites tbody tr", (trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    let r = await rows();
    check(r.length === 200, `table: ${r.length} rows shown`);

    // Filter by text (the last row's package): every row names it somewhere.
    const pkg = r[r.length - 1][4];
    await page.type("#filter", pkg);
    r = await rows();
    check(r.length > 0 && r.length < 200 && r.every((row) => row.join(" ").toLowerCase().includes(pkg.toLowerCase())),
      `text filter: ${r.length} rows, all of ${pkg}`);
    // Filter by cause too.
    await page.select("#cause-filter", "append");
    r = await rows();
    check(r.length > 0 && r.every((row) => row[3] === "append"), `cause filter: ${r.length} append rows`);
    await page.select("#cause-filter", "");
    await page.$eval("#filter", (e) => { e.value = ""; e.dispatchEvent(new Event("input")); });
    // Sort by weight, descending, then by position ascending.
    await page.click('#sites th[data-key="w"]');
    r = await rows();
    const w = r.map((row) => parseNum(row[1]));
    check(w.every((x, i) => i === 0 || w[i - 1] >= x), "sorted by weight, descending");
    await page.click('#sites th[data-key="pos"]');
    r = await rows();
    const pos = r.map((row) => row[6]);
    check(pos.every((x, i) => i === 0 || pos[i - 1].split(":")[0] <= x.split(":")[0]), "sorted by position");

    // Package -> function -> site.
    await page.click('#treemap rect[data-name="net/http"]');
    await page.waitForSelector('body[data-ready="package"]');
    const title = await page.$eval("#treemap-title", (e) => e.textContent);
    check(title.includes("net/http"), `package view: ${title}`);
    r = await rows();
    check(r.length > 0 && r.every((row) => row[4] === "net/http"), `package table: ${r.length} rows of net/http`);
    await page.screenshot({ path: path.join(shots, "dashboard-package.png") });
    const fnName = await page.$eval("#treemap rect", (e) => e.getAttribute("data-name"));
    await page.click("#treemap rect");
    await page.waitForSelector('body[data-ready="function"]');
    r = await rows();
    check(r.length > 0 && r.every((row) => row[5] === fnName), `function view: ${r.length} rows of ${fnName}`);
    await page.click("#sites tbody tr");
    await page.waitForSelector('body[data-ready="site"]');
    const explain = await page.$eval("#site-explain", (e) => e.textContent);
    check(explain.includes("path, from the allocation to what holds it"), "site view: the explanation");
    const hits = await page.$$eval("#site-source .hit", (h) => h.length);
    check(hits > 0, `site view: ${hits} source lines marked`);
    await page.screenshot({ path: path.join(shots, "dashboard-site.png") });
    // Back to the overview by the crumbs.
    await page.click('#crumbs a[href="#"]');
    await page.waitForSelector('body[data-ready="overview"]');
  } catch (e) {
    failures.push(String(e));
    console.log("FAIL", e);
  } finally {
    await browser.close();
  }
  check(errors.length === 0, `console errors: ${errors.length} ${errors.slice(0, 3).join(" | ")}`);
  for (const f of failures) console.log("FAIL:", f);
  process.exit(failures.length ? 1 : 0);
})();

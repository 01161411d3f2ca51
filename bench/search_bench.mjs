// Search benchmark: casefile's index against Pagefind's, over the same
// built HTML, in headless Chromium. Prints a markdown report.
//
//   node bench/search_bench.mjs --site public --label explainer \
//        --queries "urgent,medicaid,social security"
//
// Options: --pagefind PATH (default /tmp/pf/node_modules/.bin/pagefind, from
// `npm install pagefind` in /tmp/pf), --work DIR (default /dev/shm/search-bench),
// --chromium PATH (default /usr/bin/chromium), --runs N (timing runs, median).
//
// What it does:
// 1. Copies the site to WORK/site and runs Pagefind over it (timed, with GNU
//    time for peak memory): Pagefind indexes the very HTML casefile wrote.
// 2. Serves WORK/site on 127.0.0.1, gzipping text like a typical host
//    (Pagefind's own files are already compressed and go out as they are).
// 3. For each query, in a fresh browser context with the cache disabled:
//    - casefile, first query: load /search/?q=QUERY until the results are on
//      screen. Counted: every byte on the wire (page, CSS, scripts, index).
//    - casefile, later query: after another query on the same page, type
//      QUERY and press Enter; counted from the Enter.
//    - Pagefind, first query: a blank page (no CSP: Pagefind needs
//      'wasm-unsafe-eval') imports /pagefind/pagefind.js, searches, and loads
//      the first five results' data, as its default UI does. Counted: its
//      script, WebAssembly, metadata, index chunks and fragments.
//    - Pagefind, later query: the same, after another query.
//    Bytes are what Chromium received for each request, page and
//    workers alike (response headers and the body as sent, compressed); time is from
//    the start of navigation (first) or the query (later) to results ready,
//    on loopback (no network delay) and with "Fast 3G" emulation (1.6 Mbit/s
//    down, 150 ms latency).

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");
const { serve } = await import(path.join(here, "../tests/browser/search.mjs"));

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const site = path.resolve(args.site || "public");
const label = args.label || path.basename(site);
const queries = (args.queries || "urgent,medicaid,social security").split(",").map((q) => q.trim());
const pagefindBin = args.pagefind || "/tmp/pf/node_modules/.bin/pagefind";
const work = path.resolve(args.work || "/dev/shm/search-bench");
const runs = parseInt(args.runs || "3", 10);

const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
// Bytes and files under `dir`; `gz`: the bytes as a server sends them
// (gzipped when it compresses text; Pagefind's files are compressed already).
function du(dir, filter = () => true) {
  let bytes = 0, files = 0, gz = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const d = du(p, filter); bytes += d.bytes; files += d.files; gz += d.gz; }
    else if (filter(p)) {
      const data = fs.readFileSync(p);
      bytes += data.length;
      gz += /\.(json|js|css|html)$/.test(p) ? zlib.gzipSync(data).length : data.length;
      files++;
    }
  }
  return { bytes, files, gz };
}

// 1. The site, and Pagefind over it.
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const copy = path.join(work, "site");
execFileSync("cp", ["-r", site, copy]);
const htmlFiles = du(copy, (p) => p.endsWith(".html")).files;
const pf = spawnSync("/usr/bin/time", ["-v", pagefindBin, "--site", copy], { encoding: "utf8" });
if (pf.status !== 0) { console.error(pf.stdout, pf.stderr); process.exit(1); }
const pfWall = pf.stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/)[1];
const pfRss = parseInt(pf.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/)[1], 10);
const pfSize = du(path.join(copy, "pagefind"));
const cfIndex = du(path.join(copy, "search"), (p) => !p.endsWith("index.html"));
const cfResults = du(path.join(copy, "search", "d"));
const pfFragments = fs.existsSync(path.join(copy, "pagefind", "fragment")) ? du(path.join(copy, "pagefind", "fragment")) : { bytes: 0, files: 0 };

// 2. Serve it, with a blank page for Pagefind.
const pfPage = path.join(copy, "__pf__.html");
fs.writeFileSync(pfPage, `<!doctype html><html><head><meta charset="utf-8"><title>pf</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
window.__pf = await import("/pagefind/pagefind.js");
const n = parseInt(new URLSearchParams(location.search).get("n") || "5", 10);
window.run = async (query, shown = n) => {
  const t0 = performance.now();
  const s = await window.__pf.search(query);
  const data = await Promise.all(s.results.slice(0, shown).map((r) => r.data()));
  return { ms: performance.now() - t0, total: s.results.length, titles: data.map((d) => d.meta.title) };
};
if (q) { const r = await window.run(q); r.sinceNavigation = performance.now(); window.__done = r; } else { window.__done = { ready: true }; }
</script></body></html>`);
const { server, origin } = await serve(copy);
const browser = await chromium.launch({ executablePath: args.chromium || "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });

const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

async function session(throttle) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    new MutationObserver(() => {
      const s = document.querySelector("[data-search-status]");
      const r = document.querySelector("[data-search]");
      // Shown: the count, and every result's snippet (those read from the
      // pages included, as Pagefind's wait for their fragments).
      if (s && s.textContent && r && !r.hasAttribute("aria-busy") && !document.querySelector(".search-snippet[data-pending]") && !window.__shown) window.__shown = performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttle) await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  // Every request, the page's and its workers' (Pagefind searches in a
  // worker), with the bytes on the wire: body as sent (compressed) and headers.
  const reqs = [];
  const pending = [];
  context.on("requestfinished", (req) => {
    const entry = { url: req.url().replace(origin, ""), bytes: 0 };
    reqs.push(entry);
    pending.push(req.sizes().then((z) => { entry.bytes = z.responseBodySize + z.responseHeadersSize; }).catch(() => {}));
  });
  const mark = () => reqs.length;
  const since = async (before) => { await Promise.all(pending); return reqs.slice(before); };
  return { context, page, reqs, mark, since };
}
const sum = (rs) => rs.reduce((a, r) => a + r.bytes, 0);
const settle = (page) => page.waitForFunction(() => window.__shown, null, { timeout: 60000 });

async function casefileFirst(q, throttle) {
  const s = await session(throttle);
  await s.page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
  await settle(s.page);
  await s.page.waitForTimeout(50);
  const ms = await s.page.evaluate(() => window.__shown);
  const n = await s.page.$$eval("[data-search-results] > ol > li", (x) => x.length);
  const all = await s.since(0);
  await s.context.close();
  return { ms, bytes: sum(all), search: sum(all.filter((r) => !/\.(css|svg)$/.test(r.url) && !/\/search\/(\?|$)/.test(r.url))), files: all.length, n, list: all };
}

async function casefileLater(first, q, throttle) {
  const s = await session(throttle);
  await s.page.goto(`${origin}/search/?q=${encodeURIComponent(first)}`);
  await settle(s.page);
  await s.page.waitForTimeout(50);
  const before = s.mark();
  await s.page.evaluate(() => { window.__shown = 0; });
  await s.page.fill("#search-q", q);
  const t0 = await s.page.evaluate(() => performance.now());
  await s.page.press("#search-q", "Enter");
  await s.page.waitForFunction((t) => window.__shown > t && document.querySelector("[data-search-status]").textContent.length > 0, t0, { timeout: 60000 });
  await s.page.waitForTimeout(50);
  const ms = (await s.page.evaluate(() => window.__shown)) - t0;
  // Only what the query fetched: not a favicon the browser asks for late.
  const got = (await s.since(before)).filter((r) => r.url.startsWith("/search/"));
  await s.context.close();
  return { ms, bytes: sum(got), files: got.length, list: got };
}

async function pagefindFirst(q, throttle, n = 5) {
  const s = await session(throttle);
  await s.page.goto(`${origin}/__pf__.html?n=${n}&q=${encodeURIComponent(q)}`);
  await s.page.waitForFunction(() => window.__done, null, { timeout: 60000 });
  const done = await s.page.evaluate(() => window.__done);
  const all = (await s.since(0)).filter((r) => !r.url.startsWith("/__pf__"));
  await s.context.close();
  return { ms: done.sinceNavigation, bytes: sum(all), files: all.length, n: done.total, list: all };
}

async function pagefindLater(first, q, throttle, n = 5) {
  const s = await session(throttle);
  await s.page.goto(`${origin}/__pf__.html?n=${n}&q=${encodeURIComponent(first)}`);
  await s.page.waitForFunction(() => window.__done, null, { timeout: 60000 });
  const before = s.mark();
  const r = await s.page.evaluate((query) => window.run(query), q);
  await s.page.waitForTimeout(50);
  const got = await s.since(before);
  await s.context.close();
  return { ms: r.ms, bytes: sum(got), files: got.length, list: got };
}

async function measure(fn, ...a) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await fn(...a));
  const m = all[0];
  return { ...m, ms: median(all.map((x) => x.ms)) };
}

const rows = [];
for (const [i, q] of queries.entries()) {
  const other = queries[(i + 1) % queries.length] === q ? "zzzz" : queries[(i + 1) % queries.length];
  const cf = await measure(casefileFirst, q, false);
  const cf3g = await measure(casefileFirst, q, true);
  const cfl = await measure(casefileLater, other, q, false);
  const cfl3g = await measure(casefileLater, other, q, true);
  const p = await measure(pagefindFirst, q, false);
  const p3g = await measure(pagefindFirst, q, true);
  const pl = await measure(pagefindLater, other, q, false);
  const pl3g = await measure(pagefindLater, other, q, true);
  // Pagefind again, loading as many results as casefile shows (its UI's
  // default is five; casefile shows ten at a time).
  const pn = await measure(pagefindFirst, q, false, cf.n);
  const pln = await measure(pagefindLater, other, q, false, cf.n);
  rows.push({ q, cf, cf3g, cfl, cfl3g, p, p3g, pl, pl3g, pn, pln });
  if (args.verbose) {
    console.error(`casefile "${q}":`, cf.list.map((r) => `${r.url} ${r.bytes}`).join("\n  "));
    console.error(`pagefind "${q}":`, p.list.map((r) => `${r.url} ${r.bytes}`).join("\n  "));
    console.error(`casefile later "${q}":`, cfl.list.map((r) => `${r.url} ${r.bytes}`).join("\n  "));
    console.error(`pagefind later "${q}":`, pl.list.map((r) => `${r.url} ${r.bytes}`).join("\n  "));
  }
}
await browser.close();
server.close();

const out = [];
out.push(`### ${label}: ${htmlFiles} HTML files`);
out.push("");
const mb = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${kb(n)} KB`);
out.push("| index | build | files | size on disk | as served (gzip) | of which result text (on disk / served) |");
out.push("|---|---|---|---|---|---|");
out.push(`| casefile | (see the build's \`--timings\`) | ${cfIndex.files} | ${mb(cfIndex.bytes)} | ${mb(cfIndex.gz)} | ${mb(cfResults.bytes)} / ${mb(cfResults.gz)} in ${cfResults.files} files |`);
out.push(`| Pagefind ${execFileSync(pagefindBin, ["--version"]).toString().trim().split(" ")[1]} | ${pfWall} wall, ${Math.round(pfRss / 1024)} MB peak | ${pfSize.files} | ${mb(pfSize.bytes)} | ${mb(pfSize.gz)} | ${mb(pfFragments.bytes)} / ${mb(pfFragments.gz)} in ${pfFragments.files} fragments |`);
out.push("");
out.push("Bytes on the wire (gzip where the server compresses) and time to results; median of " + runs + " runs.");
out.push("casefile's first query loads the whole search page (HTML, CSS, script, index, result text); Pagefind's loads only its own files, from a blank page.");
out.push("");
out.push("Pagefind is measured loading five results' data, as its UI does, and again loading as many as casefile shows (\"same results\").");
out.push("");
out.push("| query | casefile first query: all / search only | Pagefind first query | casefile later query | Pagefind later query | results (casefile shown / Pagefind found) |");
out.push("|---|---|---|---|---|---|");
for (const r of rows) {
  out.push(`| ${r.q} | ${kb(r.cf.bytes)} KB / ${kb(r.cf.search)} KB in ${r.cf.files} files; ${r.cf.ms.toFixed(0)} ms, Fast 3G ${r.cf3g.ms.toFixed(0)} ms | ${kb(r.p.bytes)} KB in ${r.p.files} files (same results: ${kb(r.pn.bytes)} KB); ${r.p.ms.toFixed(0)} ms, Fast 3G ${r.p3g.ms.toFixed(0)} ms | ${kb(r.cfl.bytes)} KB in ${r.cfl.files} files; ${r.cfl.ms.toFixed(0)} ms, Fast 3G ${r.cfl3g.ms.toFixed(0)} ms | ${kb(r.pl.bytes)} KB in ${r.pl.files} files (same results: ${kb(r.pln.bytes)} KB); ${r.pl.ms.toFixed(0)} ms, Fast 3G ${r.pl3g.ms.toFixed(0)} ms | ${r.cf.n} / ${r.p.n} |`);
}
console.log(out.join("\n"));

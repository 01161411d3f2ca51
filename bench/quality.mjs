// Search quality: casefile's search and Pagefind's on the same built site,
// scored on the reader queries of bench/queries.json. Prints a markdown
// report: success@1, success@3 and MRR (over the first 10 results) per
// engine, per class of query and per query.
//
//   node bench/quality.mjs --site /dev/shm/expl [--queries bench/queries.json]
//        [--pagefind /tmp/pf/node_modules/.bin/pagefind] [--work /dev/shm/quality]
//        [--only casefile]
//
// casefile: /search/?q=QUERY in headless Chromium, as a reader loads it; a
// result is its link (a record: a fact, an entry, a page part with its
// anchor), and counts if it is one of the query's expected URLs.
// Pagefind (npm `pagefind`, run over a copy of the same HTML with
// --root-selector main, so that it indexes each page's content and not the
// header and footer): its JavaScript API from a blank page (the site's pages
// forbid WebAssembly); a result is a page, and counts if the page or one of
// the three sub-results (headings) Pagefind shows under it is expected, or
// if an expected URL is an anchor on that page (generous: the reader still
// has to find the entry on the page).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");
const { serve } = await import(path.join(here, "../tests/browser/search.mjs"));

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const site = path.resolve(args.site || "public");
const set = JSON.parse(fs.readFileSync(args.queries || path.join(here, "queries.json"), "utf8")).queries;
const pagefindBin = args.pagefind || "/tmp/pf/node_modules/.bin/pagefind";
const work = path.resolve(args.work || "/dev/shm/quality");
const only = args.only || null;
const K = 10;

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const copy = path.join(work, "site");
execFileSync("cp", ["-r", site, copy]);
let pagefindVersion = null;
if (only !== "casefile") {
  const pf = spawnSync(pagefindBin, ["--site", copy, "--root-selector", "main"], { encoding: "utf8" });
  if (pf.status !== 0) { console.error(pf.stdout, pf.stderr); process.exit(1); }
  pagefindVersion = (pf.stdout.match(/Running Pagefind (v[\d.]+)/) || [])[1];
  fs.writeFileSync(path.join(copy, "__pf__.html"), `<!doctype html><html><head><meta charset="utf-8"><title>pf</title></head><body>
<script type="module">
window.__pf = await import("/pagefind/pagefind.js");
window.run = async (query) => {
  const s = await window.__pf.search(query);
  const data = await Promise.all(s.results.slice(0, ${K}).map((r) => r.data()));
  return data.map((d) => ({ url: d.url, subs: (d.sub_results || []).slice(0, 3).map((x) => x.url) }));
};
window.__ready = true;
</script></body></html>`);
}
const { server, origin } = await serve(copy);
const browser = await chromium.launch({ executablePath: args.chromium || "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });

const norm = (u) => { const x = new URL(u, origin); return decodeURIComponent(x.pathname.replace(/index\.html$/, "")) + x.hash; };
const page = (u) => u.split("#")[0];

async function casefile(q) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
  await p.waitForFunction(() => {
    const r = document.querySelector("[data-search]"), s = document.querySelector("[data-search-status]");
    return r && !r.hasAttribute("aria-busy") && s && s.textContent.length > 0;
  }, null, { timeout: 20000 });
  const hrefs = await p.$$eval("[data-search-results] > ol > li .search-result-title a", (as) => as.map((a) => a.getAttribute("href")));
  await context.close();
  return hrefs.slice(0, K).map((h) => [norm(h)]);
}
let pfPage = null;
async function pagefind(q) {
  if (!pfPage) {
    pfPage = await (await browser.newContext()).newPage();
    await pfPage.goto(`${origin}/__pf__.html`);
    await pfPage.waitForFunction(() => window.__ready, null, { timeout: 20000 });
  }
  const rs = await pfPage.evaluate((query) => window.run(query), q);
  return rs.map((r) => [norm(r.url), ...r.subs.map(norm)]);
}

function score(results, expect, lenient) {
  const want = new Set(expect);
  for (let i = 0; i < results.length; i++) {
    const urls = results[i];
    if (urls.some((u) => want.has(u))) return i + 1;
    if (lenient && expect.some((e) => e.includes("#") && page(e) === urls[0])) return i + 1;
  }
  return 0;
}

const engines = only ? [only] : ["casefile", "pagefind"];
const rows = [];
for (const item of set) {
  const row = { q: item.q, cls: item.class, rank: {}, first: {} };
  for (const e of engines) {
    const res = e === "casefile" ? await casefile(item.q) : await pagefind(item.q);
    row.rank[e] = score(res, item.expect, e === "pagefind");
    row.first[e] = res[0] ? res[0][0] : "(none)";
  }
  rows.push(row);
}
await browser.close();
server.close();

const stats = (rs, e) => {
  const n = rs.length;
  const at = (k) => rs.filter((r) => r.rank[e] >= 1 && r.rank[e] <= k).length;
  const mrr = rs.reduce((a, r) => a + (r.rank[e] ? 1 / r.rank[e] : 0), 0) / n;
  return { n, s1: at(1), s3: at(3), mrr };
};
const out = [];
out.push(`Reader queries: ${rows.length} (${path.relative(process.cwd(), args.queries || path.join(here, "queries.json"))}); site: ${site}; Pagefind ${pagefindVersion || "not run"}.`);
out.push("");
out.push("| engine | success@1 | success@3 | MRR@10 |");
out.push("| --- | ---: | ---: | ---: |");
for (const e of engines) {
  const s = stats(rows, e);
  out.push(`| ${e} | ${s.s1} / ${s.n} (${Math.round((100 * s.s1) / s.n)} %) | ${s.s3} / ${s.n} (${Math.round((100 * s.s3) / s.n)} %) | ${s.mrr.toFixed(3)} |`);
}
out.push("");
out.push(`| class | queries | ${engines.map((e) => `${e} @1 / @3`).join(" | ")} |`);
out.push(`| --- | ---: | ${engines.map(() => "---:").join(" | ")} |`);
for (const cls of [...new Set(rows.map((r) => r.cls))]) {
  const rs = rows.filter((r) => r.cls === cls);
  out.push(`| ${cls} | ${rs.length} | ${engines.map((e) => { const s = stats(rs, e); return `${s.s1} / ${s.s3}`; }).join(" | ")} |`);
}
out.push("");
out.push(`| query | class | ${engines.map((e) => `${e}: rank (first result)`).join(" | ")} |`);
out.push(`| --- | --- | ${engines.map(() => "---").join(" | ")} |`);
for (const r of rows) {
  out.push(`| ${r.q} | ${r.cls} | ${engines.map((e) => `${r.rank[e] || "–"} (${r.first[e]})`).join(" | ")} |`);
}
console.log(out.join("\n"));

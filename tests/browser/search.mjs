// Search, as a reader uses it, in headless Chromium. Run by
// tests/browser_search.rs (cargo test); by hand:
//
//   node tests/browser/search.mjs --site public
//
// or from another harness: `import { searchChecks } from "./search.mjs"` and
// `await searchChecks({ browser, origin, fail, log })` with a browser from
// playwright-core and the origin of a server of the built explainer.
//
// Checks: "social security" puts the fact about Social Security numbers (the data ICE may obtain)
// first; "lawsuit" finds the twenty states' lawsuits; "urgent" finds the
// "Hold DHS Access — URGENT" message; "medicad" still finds Medicaid (and so do
// typos in the first letters, "nedicaid", "edicaid", "emdicaid"); a query
// of markup renders as text; ?q= survives a reload; the header field leads
// to the results; keyboard use (arrows, Escape, filters with Space); filters
// and counts, kept in the URL across a reload; on a phone the filters fold
// so the first result is on the first screen; axe-core clean with results shown; no request to another
// origin and no CSP violation; without JavaScript the page points to the
// fact index; and loading /search/?q=WORD fetches under 40 KB gzipped.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const BUDGET_GZIP = 40 * 1024;

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".xml": "application/xml",
};

/** A static server of `siteDir` on 127.0.0.1 that gzips like a typical host. */
export async function serve(siteDir) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p === "/__test__/axe.min.js") p = null;
    let file = p === null ? path.join(here, "node_modules/axe-core/axe.min.js") : path.join(siteDir, p);
    if (p !== null && !file.startsWith(siteDir)) file = null;
    if (file && p && p.endsWith("/")) file = path.join(file, "index.html");
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    let body = fs.readFileSync(file);
    const headers = { "content-type": types[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" };
    if (/gzip/.test(req.headers["accept-encoding"] || "") && /text|json|javascript|svg|xml/.test(headers["content-type"])) {
      body = zlib.gzipSync(body, { level: 9 });
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

const initScript = () => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.__alerts = 0;
  window.alert = () => { window.__alerts++; };
};

/** Results as shown: the first link of each item, and its text. */
const results = (page) =>
  page.$$eval("[data-search-results] > ol > li", (lis) =>
    lis.map((li) => {
      const a = li.querySelector("a");
      const snippet = li.querySelector(".search-snippet");
      return { href: a && a.getAttribute("href"), title: a ? a.textContent : "", text: li.textContent, marks: [...li.querySelectorAll("mark")].map((m) => m.textContent), snippet: snippet ? snippet.textContent : "", snippetMarks: snippet ? [...snippet.querySelectorAll("mark")].map((m) => m.textContent) : [] };
    }));

async function settle(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector("[data-search]");
    const s = document.querySelector("[data-search-status]");
    // Done, snippets taken from the pages included.
    return r && !r.hasAttribute("aria-busy") && s && s.textContent.length > 0 && !document.querySelector(".search-snippet[data-pending]");
  }, null, { timeout: 10000 });
}

async function typeQuery(page, q) {
  const input = page.locator("#search-q");
  await input.fill("");
  await input.pressSequentially(q, { delay: 15 });
  await page.waitForTimeout(200);
  await settle(page);
}

/** Every search check, against a server of the built explainer at `origin`. */
export async function searchChecks({ browser, origin, fail, log = () => {}, budget = BUDGET_GZIP }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(initScript);
  const outside = [];
  context.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) outside.push(r.url()); });
  const errors = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

  // 1. "social security": the fact about Social Security numbers first.
  await page.goto(`${origin}/search/?q=social+security`);
  await settle(page);
  let r = await results(page);
  log(`"social security": ${r.length} results, first ${r[0] && r[0].href}`);
  if (!r.length || !/\/facts\/data-ice-may-obtain\/$/.test(r[0].href)) fail("social security", `first result is ${r[0] && r[0].href}`);
  if (r[0] && !r[0].marks.some((m) => /social/i.test(m))) fail("social security", "matched words are not highlighted");

  // 2. Typed: "lawsuit" finds the twenty states' lawsuits.
  await typeQuery(page, "lawsuit");
  r = await results(page);
  log(`"lawsuit": ${r.length} results shown: ${r.slice(0, 3).map((x) => x.href).join(", ")}`);
  if (!r.some((x) => /\/lawsuits\/twenty-states\/$/.test(x.href))) fail("lawsuit", "the twenty states' lawsuit is not among the results");
  if (!r.some((x) => /twenty states/i.test(x.text))) fail("lawsuit", "no result mentions the twenty states");
  if (new URL(page.url()).searchParams.get("q") !== "lawsuit") fail("lawsuit", `the URL does not carry the query: ${page.url()}`);

  // 3. "urgent": the internal "Hold DHS Access — URGENT" message.
  await typeQuery(page, "urgent");
  r = await results(page);
  log(`"urgent": ${r.length} results, first "${r[0] && r[0].title}"`);
  if (!r.length || !/Hold DHS Access/.test(r[0].title)) fail("urgent", `the first result is "${r[0] && r[0].title}", not the Hold DHS Access message`);
  if (!r.some((x) => /facts\/hold-dhs-access-message\/$/.test(x.href))) fail("urgent", "the fact about the Hold DHS Access message is not among the results");
  // A part of an article shows its words around the match, marked
  // (whether the index holds its text or the page gives it).
  const parts = r.filter((x) => /^\/(articles|[a-z-]+)\/[^#]*#/.test(x.href) && !/^\/(facts|glossary|people|timeline|lawsuits)\//.test(x.href));
  log(`"urgent": ${parts.length} page parts, snippets ${parts.map((x) => JSON.stringify(x.snippet.slice(0, 60))).join(", ")}`);
  if (!parts.some((x) => x.snippetMarks.some((m) => /urgent/i.test(m)) && x.snippet.length > 40)) fail("snippets", `no part of a page shows a snippet with "urgent" marked: ${parts.map((x) => x.href).join(", ")}`);

  // 4. A typo: "medicad" still finds Medicaid.
  await typeQuery(page, "medicad");
  r = await results(page);
  log(`"medicad": ${r.length} results; marks ${[...new Set(r.flatMap((x) => x.marks))].slice(0, 4).join(", ")}`);
  if (!r.length || !r.some((x) => x.marks.some((m) => /^medicaid$/i.test(m)))) fail("medicad", "no result with Medicaid highlighted");
  // ... and a typo in the first two letters too: a letter changed
  // ("nedicaid"), dropped ("edicaid"), two swapped ("emdicaid", "mdeicaid").
  for (const typo of ["nedicaid", "edicaid", "emdicaid", "mdeicaid"]) {
    await typeQuery(page, typo);
    r = await results(page);
    log(`"${typo}": ${r.length} results`);
    if (!r.length || !r.some((x) => x.marks.some((m) => /^medicaid$/i.test(m)))) fail(typo, "no result with Medicaid highlighted");
  }

  // 4b. Readers' questions, in their words (from bench/queries.json): the
  // record that answers each is first, or in the first three. Classes:
  // word forms the site does not contain (stemmed in the browser),
  // question words dropped, abbreviations and everyday words (synonyms and
  // aliases), typos, Spanish.
  const asked = [
    ["what is hipaa", /\/glossary\/#hipaa$/, 1],
    ["who is tricia mclaughlin", /\/people\/#tricia-mclaughlin$/, 1],
    ["can undocumented immigrants get emergency medicaid", /\/facts\/undocumented-eligible-emergency-medicaid\/$/, 1],
    ["arrested", /\/facts\/part-of-arrest-initiative\/$/, 1],
    ["signing", /\/facts\/agreement-signed-monday\/$|\/timeline\/#agreement-signed$|#who-signed-it$/, 3],
    ["ssn", /\/facts\/data-ice-may-obtain\/$/, 1],
    ["homeland security", /\/glossary\/#dhs$/, 1],
    ["date of birth", /\/facts\/data-ice-may-obtain\/$/, 1],
    ["mclaughin", /\/people\/#tricia-mclaughlin$|\/facts\/mclaughlin-statement\/$/, 3],
    ["emergancy medicaid", /\/glossary\/#emergency-medicaid$/, 1],
    ["¿Qué es Medicaid?", /\/glossary\/#medicaid$/, 1],
    ["servicio de inmigración y control de aduanas", /\/glossary\/#ice$/, 1],
    ["número de seguro social", /\/facts\/data-ice-may-obtain\/$/, 1],
  ];
  for (const [q, want, within] of asked) {
    await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
    await settle(page);
    r = await results(page);
    const at = r.findIndex((x) => want.test(x.href));
    log(`"${q}": ${r.length} results, answer at ${at + 1 || "–"}, first ${r[0] && r[0].href}`);
    if (at < 0 || at >= within) fail("questions", `"${q}": the answer is at ${at + 1 || "none"} (want ${within === 1 ? "first" : `in the first ${within}`}), first is ${r[0] && r[0].href}`);
  }
  // 4c. The Spanish edition's own search (/es/search/: the Spanish pages
  // and records, the Spanish stemmer and question words), when the site
  // has one: a Spanish reader's questions find the Spanish records.
  const esHome = await page.goto(`${origin}/es/search/`);
  if (esHome && esHome.ok()) {
    const preguntas = [
      ["¿Qué es Medicaid?", /\/es\/glossary\/#medicaid$/, 1],
      ["¿Cuántas personas inscritas en Medicaid?", /\/es\/facts\/ice-gains-access-79-million\/$/, 3],
      ["demandaron", /\/es\/facts\/twenty-states-sue\/$|\/es\/lawsuits\/|\/es\/timeline\/#twenty-states-sue$/, 3],
      ["firmaron el acuerdo", /\/es\/facts\/agreement-signed-monday\/$|\/es\/timeline\/#agreement-signed$/, 3],
      ["números de seguro social", /\/es\/facts\/data-ice-may-obtain\/$/, 1],
      ["Departamento de Seguridad Nacional", /\/es\/glossary\/#dhs$/, 1],
      ["medicaid de emergencia", /\/es\/glossary\/#emergency-medicaid$|\/es\/facts\/undocumented-eligible-emergency-medicaid\/$/, 1],
    ];
    for (const [q, want, within] of preguntas) {
      await page.goto(`${origin}/es/search/?q=${encodeURIComponent(q)}`);
      await settle(page);
      r = await results(page);
      const at = r.findIndex((x) => want.test(x.href));
      log(`es "${q}": ${r.length} results, answer at ${at + 1 || "–"}, first ${r[0] && r[0].href}`);
      if (at < 0 || at >= within) fail("spanish edition", `"${q}": the answer is at ${at + 1 || "none"} (want ${within === 1 ? "first" : `in the first ${within}`}), first is ${r[0] && r[0].href}`);
      if (r.some((x) => !/^\/es\//.test(new URL(x.href, origin).pathname))) fail("spanish edition", `"${q}": a result outside /es/: ${r.map((x) => x.href).find((h) => !/^\/es\//.test(new URL(h, origin).pathname))}`);
    }
  }
  // A word form the site does not have is highlighted as the site's form.
  await page.goto(`${origin}/search/?q=arrested`);
  await settle(page);
  r = await results(page);
  if (!r.length || !r[0].marks.some((m) => /^arrest$/i.test(m))) fail("stems", `"arrested": the first result does not mark "arrest": ${r[0] && r[0].marks}`);
  // A quoted question word is searched for, not dropped.
  await page.goto(`${origin}/search/?q=${encodeURIComponent('"who" signed')}`);
  await settle(page);
  const quoted = await results(page);
  if (!quoted.some((x) => x.marks.some((m) => /^who$/i.test(m)))) fail("quotes", `"who" in quotes is not searched for: ${quoted.slice(0, 3).map((x) => x.marks).join(" | ")}`);

  // 5. Markup in the query is text.
  const evil = "<img src=x onerror=alert(1)>";
  await typeQuery(page, evil);
  const injected = await page.evaluate(() => ({
    imgs: document.querySelectorAll("main img").length,
    alerts: window.__alerts,
    status: document.querySelector("[data-search-status]").textContent,
    value: document.getElementById("search-q").value,
  }));
  log(`markup query: status "${injected.status}"`);
  if (injected.imgs || injected.alerts) fail("markup", `the query made ${injected.imgs} img elements and ${injected.alerts} alerts`);
  if (!injected.status.includes(evil)) fail("markup", `the status does not show the query as text: ${injected.status}`);

  // 6. ?q= is shareable and survives a reload.
  await page.goto(`${origin}/search/?q=${encodeURIComponent("twenty states")}`);
  await settle(page);
  const before = await results(page);
  await page.reload();
  await settle(page);
  const after = await results(page);
  const value = await page.inputValue("#search-q");
  log(`reload: ${before.length} results before, ${after.length} after, field "${value}"`);
  if (value !== "twenty states" || !after.length || after[0].href !== before[0].href) fail("reload", "results or field differ after a reload");

  // 7. Keyboard: arrows through the results, Escape back, a filter with Space.
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  let focus = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("ArrowDown");
  const focus2 = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Escape");
  const back = await page.evaluate(() => document.activeElement.id);
  log(`keyboard: ArrowDown → ${focus}, ArrowDown → ${focus2}, Escape → #${back}`);
  if (focus !== after[0].href || focus2 !== after[1].href || back !== "search-q") fail("keyboard", `arrows: ${focus}, ${focus2}, back to ${back}`);
  let tabs = 0;
  while (tabs < 60 && !(await page.evaluate(() => document.activeElement && document.activeElement.type === "checkbox"))) {
    await page.keyboard.press("Tab");
    tabs++;
  }
  const box = await page.evaluate(() => ({ name: document.activeElement.name, value: document.activeElement.value, label: document.activeElement.labels[0].textContent }));
  await page.keyboard.press("Space");
  await settle(page);
  const filtered = await page.evaluate(() => ({
    checked: document.activeElement.type === "checkbox" && document.activeElement.checked,
    status: document.querySelector("[data-search-status]").textContent,
    n: document.querySelectorAll("[data-search-results] > ol > li").length,
  }));
  log(`keyboard: ${tabs} Tabs to the filter "${box.label}", Space → ${filtered.n} results, "${filtered.status}"`);
  if (box.name !== "kind" || !filtered.checked) fail("keyboard", `filter by keyboard: ${JSON.stringify(box)} ${JSON.stringify(filtered)}`);

  // 8. Filters narrow the results and counts add up.
  await page.goto(`${origin}/search/?q=lawsuit`);
  await settle(page);
  const counts = await page.$$eval("[data-search-filters] input", (xs) => xs.map((x) => ({ name: x.name, value: x.value, n: +x.labels[0].textContent.match(/\((\d+)\)/)[1] })));
  const facts = counts.find((c) => c.name === "kind" && c.value === "fact");
  if (!facts) fail("filters", `no fact filter: ${JSON.stringify(counts)}`);
  else {
    await page.check(`[data-search-filters] input[name=kind][value=fact]`);
    await settle(page);
    await page.waitForTimeout(50);
    const kinds = await page.$$eval("[data-search-results] .search-kind", (xs) => xs.map((x) => x.textContent));
    const total = await page.evaluate(() => document.querySelector("[data-search-status]").textContent);
    log(`filters: ${counts.length} values; Fact (${facts.n}) → ${kinds.length} shown, "${total}"`);
    if (!kinds.length || new Set(kinds).size !== 1) fail("filters", `the fact filter shows kinds ${[...new Set(kinds)].join(", ")}`);
    if (!total.startsWith(`${facts.n} of`)) fail("filters", `count ${facts.n} but status "${total}"`);
    // The filter is in the URL: a reload (or a shared link) keeps it.
    const url = new URL(page.url());
    if (url.searchParams.get("type") !== "fact") fail("filters", `the URL does not carry the filter: ${page.url()}`);
    await page.reload();
    await settle(page);
    await page.waitForTimeout(50);
    const again = await page.evaluate(() => ({
      checked: document.querySelector("[data-search-filters] input[name=kind][value=fact]")?.checked,
      status: document.querySelector("[data-search-status]").textContent,
    }));
    log(`filters after a reload of ${url.pathname}${url.search}: fact checked ${again.checked}, "${again.status}"`);
    if (!again.checked || again.status !== total) fail("filters", `after a reload: ${JSON.stringify(again)}, before "${total}"`);
  }
  for (const name of ["kind", "topic", "status"]) {
    if (!counts.some((c) => c.name === name)) fail("filters", `no ${name} filter for "lawsuit"`);
  }
  // Topic filters are named once each, with a capital; an article's topic
  // that is a fact topic ("eligibility", facts/eligibility.toml) is that
  // topic's filter, not a second one.
  await page.goto(`${origin}/search/?q=medicaid`);
  await settle(page);
  const topics = await page.$$eval("[data-search-filters] input[name=topic]", (xs) => xs.map((x) => x.labels[0].textContent.replace(/\s*\(\d+\)$/, "")));
  log(`topic filters for "medicaid": ${topics.join(", ")}`);
  const lower = topics.map((x) => x.toLowerCase());
  if (new Set(lower).size !== topics.length) fail("topics", `a topic is listed twice: ${topics.join(", ")}`);
  if (topics.some((x) => x[0] !== x[0].toUpperCase())) fail("topics", `a topic without a capital: ${topics.join(", ")}`);
  if (!topics.includes("Medicaid and who is eligible") || lower.includes("eligibility")) fail("topics", `"eligibility" is not merged into its fact topic: ${topics.join(", ")}`);

  // 8b. "Show more" adds results and moves focus to the first new one.
  await page.goto(`${origin}/search/?q=medicaid`);
  await settle(page);
  const shownBefore = (await results(page)).length;
  await page.focus("[data-search-more]");
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] > ol > li").length > n, shownBefore);
  const more = await page.evaluate(() => ({
    n: document.querySelectorAll("[data-search-results] > ol > li").length,
    focus: document.activeElement.closest("li") ? [...document.querySelectorAll("[data-search-results] > ol > li")].indexOf(document.activeElement.closest("li")) : -1,
  }));
  log(`show more: ${shownBefore} → ${more.n} results, focus on result ${more.focus + 1}`);
  if (more.n <= shownBefore || more.focus !== shownBefore) fail("show more", JSON.stringify(more));

  // 9. axe-core, with results and filters shown.
  await page.goto(`${origin}/search/?q=medicaid+data`);
  await settle(page);
  await page.addScriptTag({ url: "/__test__/axe.min.js" });
  const violations = await page.evaluate(async (tags) =>
    (await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations
      .map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`), AXE_TAGS);
  for (const v of violations) fail("axe", v);
  log(`axe: ${violations.length} violations with results shown`);
  const live = await page.evaluate(() => {
    const s = document.querySelector("[data-search-status]");
    return s.getAttribute("role") === "status" && s.getAttribute("aria-live") === "polite" && !!document.querySelector("label[for=search-q]");
  });
  if (!live) fail("a11y", "the result count is not in a live region or the field has no label");

  // 10. The field in the header of another page leads to the results.
  await page.goto(`${origin}/`);
  await page.fill("header input[name=q]", "hipaa");
  await Promise.all([page.waitForURL(/\/search\/\?q=hipaa/), page.press("header input[name=q]", "Enter")]);
  await settle(page);
  r = await results(page);
  log(`header field: "hipaa" → ${page.url().replace(origin, "")}, ${r.length} results`);
  if (!r.length) fail("header", "no results from the header field");

  const csp = await page.evaluate(() => window.__csp);
  for (const c of csp) fail("csp", c);
  for (const u of outside) fail("requests", `request outside the site: ${u}`);
  for (const e of errors) fail("console", e);
  await context.close();

  // 10b. On a phone the filters fold under one line so that the first
  // result is on the first screen; a filter in the address opens them.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const pp = await phone.newPage();
  await pp.goto(`${origin}/search/?q=medicaid`);
  await settle(pp);
  const folded = await pp.evaluate(() => ({
    open: document.querySelector("[data-search-filter-box]").open,
    firstTop: document.querySelector("[data-search-results] > ol > li").getBoundingClientRect().top,
  }));
  await pp.click("[data-search-filter-box] summary");
  const opened = await pp.evaluate(() => document.querySelector("[data-search-filters] input").offsetParent !== null);
  await pp.goto(`${origin}/search/?q=lawsuit&type=fact`);
  await settle(pp);
  const withFilter = await pp.evaluate(() => document.querySelector("[data-search-filter-box]").open);
  log(`phone: filters open ${folded.open}, first result at ${Math.round(folded.firstTop)} px; opened by a tap ${opened}; open with ?type= ${withFilter}`);
  if (folded.open || folded.firstTop > 740) fail("phone", `filters open ${folded.open}, first result at ${folded.firstTop} px`);
  if (!opened || !withFilter) fail("phone", `filters not shown when asked: tap ${opened}, ?type= ${withFilter}`);
  await phone.close();

  // 11. Without JavaScript: no field shown, a way to the fact index.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const np = await nojs.newPage();
  await np.goto(`${origin}/search/?q=lawsuit`);
  const shown = await np.evaluate(() => ({
    inputs: [...document.querySelectorAll("main input")].filter((i) => i.offsetParent !== null).length,
    facts: !!document.querySelector('main a[href$="/facts/"]'),
    topics: document.querySelectorAll('main a[href*="/facts/topics/"]').length,
  }));
  log(`without JavaScript: ${shown.inputs} fields, fact index link ${shown.facts}, ${shown.topics} topic links`);
  if (shown.inputs || !shown.facts || !shown.topics) fail("no-js", JSON.stringify(shown));
  await nojs.close();

  // 12. Bytes: loading /search/?q=WORD and showing results, gzipped.
  const bytes = await bytesFor(browser, origin, "lawsuit");
  log(`bytes: /search/?q=lawsuit fetched ${bytes.requests} files, ${(bytes.gz / 1024).toFixed(1)} KB gzipped (${(bytes.raw / 1024).toFixed(1)} KB raw)`);
  if (budget && bytes.gz >= budget) fail("bytes", `${bytes.gz} bytes gzipped (budget ${budget})`);
}

/** The results of /search/?q=Q as shown: each one's link and snippet. */
export async function snippetsFor(browser, origin, q) {
  const page = await browser.newPage();
  await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
  await settle(page);
  const r = await results(page);
  await page.close();
  return r.map((x) => ({ href: x.href, snippet: x.snippet, marks: x.snippetMarks }));
}

/** Snippets read from the pages (the site at `origin`) are the ones the
 * index's own copy gives (the same site built with snippets = "index", at
 * `indexOrigin`): same results, same words, same marks. */
export const COMPARED = ["medicaid", "lawsuit", "urgent", "cms", "hipaa", "deportation", "privacy", "twenty states", "signed", "medicaid de emergencia"];
export async function compareSnippets({ browser, origin, indexOrigin, fail, log = () => {}, queries = COMPARED }) {
  let same = 0, total = 0;
  for (const q of queries) {
    const [fromPages, fromIndex] = [await snippetsFor(browser, origin, q), await snippetsFor(browser, indexOrigin, q)];
    if (JSON.stringify(fromPages.map((x) => x.href)) !== JSON.stringify(fromIndex.map((x) => x.href))) fail("snippets", `"${q}": other results with snippets from the pages`);
    fromPages.forEach((x, i) => {
      total++;
      const y = fromIndex[i] || {};
      if (x.snippet === y.snippet && JSON.stringify(x.marks) === JSON.stringify(y.marks)) same++;
      else fail("snippets", `"${q}" ${x.href}: from the page ${JSON.stringify(x.snippet.slice(0, 120))}, from the index ${JSON.stringify((y.snippet || "").slice(0, 120))}`);
    });
  }
  log(`snippets from the pages: ${same} of ${total} the same as the index's`);
  if (!total) fail("snippets", "no results to compare");
}

/** What a cold load of /search/?q=WORD fetches until results show. */
export async function bytesFor(browser, origin, word) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const sizes = new Map();
  cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  const raw = [];
  page.on("response", (resp) => raw.push(resp.body().then((b) => b.length).catch(() => 0)));
  await page.goto(`${origin}/search/?q=${encodeURIComponent(word)}`);
  await settle(page);
  await page.waitForTimeout(100);
  const rawTotal = (await Promise.all(raw)).reduce((a, b) => a + b, 0);
  const gz = [...sizes.values()].reduce((a, b) => a + b, 0);
  await context.close();
  return { gz, raw: rawTotal, requests: sizes.size };
}

// Run by hand or by tests/browser_search.rs.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
  const { chromium } = await import("playwright-core");
  const siteDir = path.resolve(args.site || "public");
  const { server, origin } = await serve(siteDir);
  const other = args.compare ? await serve(path.resolve(args.compare)) : null;
  const browser = await chromium.launch({ executablePath: args.chromium || "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  const failures = [];
  const started = Date.now();
  try {
    const budget = args.budget === "none" ? null : BUDGET_GZIP;
    const fail = (what, why) => failures.push(`${what}: ${why}`), log = (s) => console.log(`  ${s}`);
    // --only-compare: another site than the explainer, whose snippets are
    // compared on --queries (comma-separated) and nothing else checked.
    if (!args["only-compare"]) await searchChecks({ browser, origin, budget, fail, log });
    const queries = args.queries ? args.queries.split(",") : COMPARED;
    if (other) await compareSnippets({ browser, origin, indexOrigin: other.origin, fail, log, queries });
  } catch (e) {
    failures.push(`crashed: ${e.stack || e}`);
  } finally {
    await browser.close();
    server.close();
    if (other) other.server.close();
  }
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`search browser checks: ${failures.length ? "FAILED" : "ok"} (${failures.length} failures) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failures.length ? 1 : 0);
}

// What a reader sees, checked in headless Chromium on every page of a built
// site. Run by tests/browser.rs (cargo test); by hand:
//
//   node tests/browser/run.mjs --site public --shots target/screenshots
//
// It serves the site on 127.0.0.1 (a tiny static server, nothing injected),
// visits every HTML page and fails on: a request to any other origin, a
// Content-Security-Policy violation, a cookie or storage write, an axe-core
// violation (WCAG 2.0/2.1/2.2 A and AA), a page without one h1, a skip link
// and landmarks, content that needs JavaScript, a link that does not
// resolve, a citation that the keyboard or a tap cannot open, and a page
// type heavier than 60 KB (20 KB gzipped) of HTML, CSS and JavaScript.
// On a 375 px phone it measures each page type's height and how much of
// its own text the first screen shows (the home page must stay under about
// 5,000 px; an article's first screen must show its opening text), the
// layout shift of the search page while results arrive (CLS < 0.05), and
// Lighthouse's mobile scores for the home page, an article, the fact index,
// a fact page and the search page (every category at least 95).
// It prints a report and writes screenshots of each page type at 375 and
// 1280 px, light and dark.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const siteDir = path.resolve(args.site || "public");
const shotsDir = args.shots ? path.resolve(args.shots) : null;
const chromiumPath = args.chromium || "/usr/bin/chromium";
const LIMIT_RAW = 60 * 1024;
const LIMIT_GZIP = 20 * 1024;
const HOME_MAX_HEIGHT = 5200; // px at 375 px wide: "at most about 5,000"
const ARTICLE_FIRST_SCREEN = 200; // characters of the article's own text on its first screen
const CLS_MAX = 0.05;
const LIGHTHOUSE_MIN = 95;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const TEST_PREFIX = "/__test__/";
const started = Date.now();
const failures = [];
const fail = (page, what) => failures.push(`${page}: ${what}`);

// ---- The static server -------------------------------------------------
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8", ".ico": "image/x-icon", ".woff2": "font/woff2",
};
const served = []; // every path the server answered, with its status
function resolveFile(urlPath) {
  let p = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  if (p.startsWith(TEST_PREFIX)) {
    const name = p.slice(TEST_PREFIX.length);
    return name === "axe.min.js" ? path.join(here, "node_modules/axe-core/axe.min.js") : null;
  }
  const file = path.join(siteDir, p);
  if (!file.startsWith(siteDir)) return null;
  if (p.endsWith("/")) return fs.existsSync(path.join(file, "index.html")) ? path.join(file, "index.html") : null;
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  return null;
}
const server = http.createServer((req, res) => {
  const file = resolveFile(req.url);
  const status = file ? 200 : 404;
  served.push({ path: req.url, status });
  const body = file ? fs.readFileSync(file) : fs.existsSync(path.join(siteDir, "404.html")) ? fs.readFileSync(path.join(siteDir, "404.html")) : "not found";
  res.writeHead(status, { "content-type": types[path.extname(file || ".html")] || "application/octet-stream", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- The pages ---------------------------------------------------------
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}
const htmlFiles = walk(siteDir).filter((f) => f.endsWith(".html")).sort();
const urlOf = (file) => {
  const rel = "/" + path.relative(siteDir, file).split(path.sep).join("/");
  return rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel;
};
const pages = htmlFiles.map((f) => ({ url: urlOf(f), html: fs.readFileSync(f, "utf8") }));
const isRedirect = (p) => /<meta http-equiv="refresh"/i.test(p.html);
const contentPages = pages.filter((p) => !isRedirect(p));

// One page of each type, for sizes and screenshots.
const first = (re) => contentPages.map((p) => p.url).find((u) => re.test(u));
// The article: the heaviest page with citation marks (the worst case for size).
// The site's own language, then each other language's edition (its
// prefix, e.g. /es/, found by its home page), with the same types and
// limits: a reader of the Spanish edition gets the same phone, the same
// weight budget.
const heaviestArticle = (prefix) => contentPages
  .filter((p) => /class="cite-ref"/.test(p.html) && p.url !== prefix && p.url.startsWith(prefix)
    && !editions.some((e) => e !== prefix && e.startsWith(prefix) && p.url.startsWith(e)))
  .sort((a, b) => b.html.length - a.html.length)[0]?.url;
const editions = ["/"].concat(contentPages
  .map((p) => p.url)
  .filter((u) => /^\/[a-z]{2}(-[a-z]+)?\/$/.test(u) && /<html lang="[^"]+">/.test(contentPages.find((p) => p.url === u).html)));
const typesOf = (prefix) => {
  const q = prefix === "/" ? "lawsuit" : "demanda";
  const at = (re) => first(new RegExp("^" + prefix.replace(/\//g, "\\/") + re));
  return [
    ["home", prefix],
    ["article", heaviestArticle(prefix)],
    ["fact-index", at("facts\\/$")],
    ["fact", at("facts\\/(?!topics\\/|status\\/)[^/]+\\/$")],
    ["timeline", at("timeline\\/$")],
    ["lawsuits", at("lawsuits\\/$")],
    ["source", at("sources\\/[^/]+\\/$")],
    ["search", contentPages.some((p) => p.url === prefix + "search/") ? prefix + "search/?q=" + q : undefined],
  ];
};
const pageTypes = editions.flatMap(typesOf).filter(([, u]) => u);
// `es-` for a page of the /es/ edition (screenshot names), "" for the site's own.
const editionOf = (url) => (editions.slice(1).find((e) => url.startsWith(e)) || "/").slice(1).replace(/\/$/, "-");
const articleUrl = heaviestArticle("/");

// ---- The browser -------------------------------------------------------
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"],
});

// Every page gets, before its own scripts run: a record of CSP violations
// and of every attempt to write a cookie or to storage.
const initScript = () => {
  window.__casefile = { csp: [], writes: [] };
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__casefile.csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      const s = window[name];
      for (const m of ["setItem", "removeItem", "clear"]) {
        const orig = s[m].bind(s);
        s[m] = (...a) => { window.__casefile.writes.push(`${name}.${m}`); return orig(...a); };
      }
    } catch (e) { /* storage may be unavailable */ }
  }
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(document, "cookie", {
    get: () => desc.get.call(document),
    set: (v) => { window.__casefile.writes.push("document.cookie"); desc.set.call(document, v); },
  });
  try { const o = indexedDB.open; indexedDB.open = (...a) => { window.__casefile.writes.push("indexedDB"); return o.apply(indexedDB, a); }; } catch (e) { /* none */ }
};

function watch(context, label) {
  const log = { requests: [], console: [] };
  context.on("request", (r) => log.requests.push({ url: r.url(), type: r.resourceType(), page: r.frame()?.url?.() || "" }));
  context.on("page", (p) => p.on("console", (m) => { if (m.type() === "error" || /Content Security Policy/i.test(m.text())) log.console.push({ page: p.url(), text: m.text() }); }));
  context.on("weberror", (e) => log.console.push({ page: label, text: String(e.error()) }));
  return log;
}

function checkRequests(log, label) {
  for (const r of log.requests) {
    let u;
    try { u = new URL(r.url); } catch { fail(label, `unparseable request ${r.url}`); continue; }
    if (u.protocol === "data:" || u.protocol === "about:") continue;
    if (u.origin !== origin) fail(r.page || label, `request outside the site's origin: ${r.type} ${r.url}`);
  }
  for (const c of log.console) fail(c.page || label, `console: ${c.text}`);
}

const rel = (u) => (u.startsWith(origin) ? u.slice(origin.length) : u);

// ---- Pass 1: every page with JavaScript, axe, structure ----------------
const axeResults = {}; // url -> violations count
const idsOf = {}; // url -> Set of ids
const mainTextJs = {};
async function pass1() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(initScript);
  const log = watch(context, "pass 1");
  const page = await context.newPage();
  for (const p of contentPages) {
    const resp = await page.goto(origin + p.url, { waitUntil: "load" });
    const expected = p.url === "/404.html" ? 404 : 200;
    if (!resp || (resp.status() !== expected && !(p.url === "/404.html" && resp.status() === 200))) fail(p.url, `status ${resp && resp.status()}`);
    const facts = await page.evaluate(() => {
      const q = (s) => document.querySelectorAll(s);
      const meta = (n) => document.querySelector(`meta[${n}]`);
      const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      const skip = document.querySelector("a.skip-link, body > a[href^='#']");
      const firstFocusable = document.querySelector("a[href], button, input, select, textarea, [tabindex]");
      return {
        h1: q("h1").length,
        main: q("main").length,
        banner: q("body > header, [role=banner]").length,
        contentinfo: q("body > footer, [role=contentinfo]").length,
        nav: q("nav").length,
        skip: skip ? { href: skip.getAttribute("href"), first: firstFocusable === skip, target: !!document.getElementById((skip.getAttribute("href") || "").slice(1)) } : null,
        csp: csp ? csp.getAttribute("content") : null,
        referrer: meta('name="referrer"')?.getAttribute("content") || null,
        inlineStyle: q("[style]").length + q("style").length,
        inlineScript: [...q("script")].filter((s) => !s.src && !/json/.test(s.type || "")).length,
        ids: [...q("[id]")].map((e) => e.id),
        mainText: (document.querySelector("main")?.innerText || "").trim().length,
        writes: window.__casefile.writes,
        csp_violations: window.__casefile.csp,
        storage: localStorage.length + sessionStorage.length,
        cookie: document.cookie,
      };
    });
    idsOf[p.url] = new Set(facts.ids);
    mainTextJs[p.url] = facts.mainText;
    if (facts.h1 !== 1) fail(p.url, `${facts.h1} h1 elements (want 1)`);
    if (facts.main !== 1) fail(p.url, `${facts.main} main landmarks (want 1)`);
    if (!facts.banner || !facts.contentinfo || !facts.nav) fail(p.url, `landmarks: banner ${facts.banner}, navigation ${facts.nav}, contentinfo ${facts.contentinfo}`);
    if (!facts.skip || !facts.skip.first || !facts.skip.target) fail(p.url, `skip link: ${JSON.stringify(facts.skip)}`);
    if (!facts.csp || !/default-src 'none'/.test(facts.csp) || /unsafe-/.test(facts.csp)) fail(p.url, `CSP meta: ${facts.csp}`);
    if (facts.referrer !== "no-referrer") fail(p.url, `referrer policy: ${facts.referrer}`);
    if (facts.inlineStyle) fail(p.url, `${facts.inlineStyle} inline styles`);
    if (facts.inlineScript) fail(p.url, `${facts.inlineScript} inline scripts`);
    if (facts.writes.length || facts.storage || facts.cookie) fail(p.url, `storage: writes ${facts.writes.join(", ")}; items ${facts.storage}; cookie ${facts.cookie}`);
    for (const v of facts.csp_violations) fail(p.url, `CSP violation: ${v}`);
    // axe-core, from this origin (the CSP allows only 'self' scripts).
    await page.addScriptTag({ url: TEST_PREFIX + "axe.min.js" });
    const violations = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    }, AXE_TAGS);
    axeResults[p.url] = violations.length;
    for (const v of violations) fail(p.url, `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(" | ")}`);
  }
  const cookies = await context.cookies();
  if (cookies.length) fail("pass 1", `cookies set: ${cookies.map((c) => c.name).join(", ")}`);
  checkRequests(log, "pass 1");
  await context.close();
}

// ---- Pass 2: every page without JavaScript; every link resolves --------
const links = []; // {from, href}
const mainTextNoJs = {};
async function pass2() {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  const log = watch(context, "pass 2");
  const page = await context.newPage();
  for (const p of pages) {
    // A redirect page (an old fact id) refreshes at once to its target:
    // its target must resolve, like any link; it is not read as a page.
    if (isRedirect(p)) {
      const to = p.html.match(/url=([^"]+)"/i)?.[1];
      if (to) links.push({ from: p.url, href: to });
      else fail(p.url, "a redirect page without a target");
      continue;
    }
    const resp = await page.goto(origin + p.url, { waitUntil: "load" });
    if (!resp) { fail(p.url, "no response without JavaScript"); continue; }
    const found = await page.evaluate(() => ({
      text: (document.querySelector("main")?.innerText || "").trim().length,
      hrefs: [...document.querySelectorAll("a[href], link[href]")].map((a) => ({ href: a.getAttribute("href"), rel: a.getAttribute("rel") || "" })),
      srcs: [...document.querySelectorAll("[src]")].map((e) => e.getAttribute("src")),
    }));
    mainTextNoJs[p.url] = found.text;
    if (!found.text) fail(p.url, "no content in <main> without JavaScript");
    for (const l of found.hrefs) {
      if (/^(https?:)?\/\//.test(l.href) && !l.href.startsWith(origin)) {
        const rels = l.rel.split(/\s+/);
        if (!/alternate|canonical/.test(l.rel) && !(rels.includes("noopener") && rels.includes("noreferrer"))) fail(p.url, `outbound link without rel="noopener noreferrer": ${l.href}`);
        continue;
      }
      if (/^(mailto|tel|data|javascript):/.test(l.href)) continue;
      links.push({ from: p.url, href: l.href });
    }
    for (const s of found.srcs) links.push({ from: p.url, href: s });
  }
  checkRequests(log, "pass 2");
  await context.close();
}

await Promise.all([pass1(), pass2()]);

// Every internal link: the file exists, and so does the anchor.
const checked = new Map();
for (const { from, href } of links) {
  const u = new URL(href, origin + from);
  if (u.origin !== origin) continue;
  const key = u.pathname + u.hash;
  if (checked.has(key)) { if (checked.get(key)) fail(from, checked.get(key)); continue; }
  let problem = null;
  const file = resolveFile(u.pathname);
  if (!file) problem = `broken link ${href} (no file for ${u.pathname})`;
  else if (u.hash && u.hash.length > 1 && file.endsWith(".html")) {
    const id = decodeURIComponent(u.hash.slice(1));
    const target = u.pathname === "/404.html" ? "/404.html" : u.pathname;
    const ids = idsOf[target];
    if (ids && !ids.has(id)) problem = `broken anchor ${href} (no id "${id}" on ${target})`;
  }
  checked.set(key, problem);
  if (problem) fail(from, problem);
}
for (const p of contentPages) {
  if (mainTextJs[p.url] !== undefined && mainTextNoJs[p.url] !== undefined && mainTextNoJs[p.url] < mainTextJs[p.url] * 0.98) {
    fail(p.url, `without JavaScript <main> shows ${mainTextNoJs[p.url]} characters, with it ${mainTextJs[p.url]}`);
  }
}

// ---- Keyboard and touch: a citation opens in place ---------------------
const interaction = [];
if (articleUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(initScript);
  const log = watch(context, "keyboard");
  const page = await context.newPage();
  await page.goto(origin + articleUrl);
  await page.keyboard.press("Tab");
  const firstFocus = await page.evaluate(() => document.activeElement?.className);
  if (firstFocus !== "skip-link") fail(articleUrl, `the first Tab focuses "${firstFocus}", not the skip link`);
  let tabs = 1;
  while (tabs < 400 && !(await page.evaluate(() => document.activeElement?.classList.contains("cite-ref")))) {
    await page.keyboard.press("Tab");
    tabs++;
  }
  const opened = await page.evaluate(() => {
    const mark = document.activeElement;
    if (!mark?.classList.contains("cite-ref")) return null;
    const tip = document.getElementById("cite-popover");
    const note = document.getElementById(mark.getAttribute("aria-describedby") || "");
    const quote = note?.querySelector("blockquote p")?.textContent || "";
    const outline = getComputedStyle(mark).outlineStyle;
    const r = mark.getBoundingClientRect();
    return {
      fact: (mark.getAttribute("aria-describedby") || "").replace("note-", ""), expanded: mark.getAttribute("aria-expanded"), described: !!note,
      visible: !!tip && !tip.hidden && tip.getBoundingClientRect().height > 0, role: tip?.getAttribute("role"),
      hasQuote: !!quote && (tip?.textContent || "").includes(quote), outline, w: r.width, h: r.height,
    };
  });
  if (!opened) fail(articleUrl, `no citation mark reached in ${tabs} Tabs`);
  else {
    interaction.push(`keyboard: ${tabs} Tabs to the first citation mark [${opened.fact}]; popover ${opened.visible ? "opens" : "DOES NOT open"} with its quote: ${opened.hasQuote}`);
    if (!opened.visible || opened.role !== "tooltip" || !opened.hasQuote || opened.expanded !== "true" || !opened.described) fail(articleUrl, `focused citation: ${JSON.stringify(opened)}`);
    if (opened.outline === "none") fail(articleUrl, "the focused citation mark has no visible focus outline");
    if (opened.w < 24 || opened.h < 24) fail(articleUrl, `citation mark is ${opened.w}×${opened.h} px (want at least 24×24)`);
    await page.keyboard.press("Escape");
    const closed = await page.evaluate(() => ({
      hidden: document.getElementById("cite-popover")?.hidden, expanded: document.activeElement?.getAttribute("aria-expanded"),
      stillFocused: document.activeElement?.classList.contains("cite-ref"),
    }));
    interaction.push(`keyboard: Escape closes it: ${closed.hidden}, focus stays on the mark: ${closed.stillFocused}`);
    if (!closed.hidden || closed.expanded !== "false" || !closed.stillFocused) fail(articleUrl, `after Escape: ${JSON.stringify(closed)}`);
  }
  checkRequests(log, "keyboard");
  await context.close();

  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await phone.addInitScript(initScript);
  const tlog = watch(phone, "touch");
  const tp = await phone.newPage();
  await tp.goto(origin + articleUrl);
  const mark = tp.locator(".cite-ref").first();
  await mark.scrollIntoViewIfNeeded();
  await mark.tap();
  await tp.waitForTimeout(50);
  const tapped = await tp.evaluate(() => ({ url: location.pathname, visible: !document.getElementById("cite-popover")?.hidden, text: document.getElementById("cite-popover")?.textContent || "" }));
  if (tapped.url !== articleUrl || !tapped.visible) fail(articleUrl, `first tap on a citation: ${JSON.stringify(tapped)}`);
  if (shotsDir) await tp.screenshot({ type: "png", path: path.join(shotsDir, "article-375-popover.png") });
  await Promise.all([tp.waitForURL((u) => !u.pathname.startsWith(articleUrl) || u.pathname !== articleUrl, { timeout: 5000 }).catch(() => null), mark.tap()]);
  const after = new URL(tp.url()).pathname;
  interaction.push(`touch: the first tap opens the popover (${tapped.visible}), the second follows the link (to ${after})`);
  if (!/^\/facts\//.test(after)) fail(articleUrl, `second tap on a citation did not open the fact (at ${after})`);
  checkRequests(tlog, "touch");
  await phone.close();
}

// ---- Sizes of each page type, from a cold load -------------------------
const sizes = [];
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  for (const [type, url] of pageTypes) {
    const bodies = [];
    const onResponse = async (r) => {
      const t = r.request().resourceType();
      if (!["document", "stylesheet", "script"].includes(t) || rel(r.url()).startsWith(TEST_PREFIX)) return;
      bodies.push(r.body().then((b) => ({ url: rel(r.url()), type: t, raw: b.length, gz: zlib.gzipSync(b).length })).catch(() => null));
    };
    page.on("response", onResponse);
    await page.goto(origin + url, { waitUntil: "load" });
    page.off("response", onResponse);
    const files = (await Promise.all(bodies)).filter(Boolean);
    const raw = files.reduce((a, f) => a + f.raw, 0);
    const gz = files.reduce((a, f) => a + f.gz, 0);
    sizes.push({ type, url, files, raw, gz });
    if (raw >= LIMIT_RAW) fail(url, `${type}: ${raw} bytes of HTML, CSS and JS (limit ${LIMIT_RAW})`);
    if (gz >= LIMIT_GZIP) fail(url, `${type}: ${gz} bytes gzipped (limit ${LIMIT_GZIP})`);
  }
  await context.close();
}

// ---- Screenshots, and axe in dark mode for each page type --------------
if (shotsDir) fs.mkdirSync(shotsDir, { recursive: true });
for (const scheme of ["light", "dark"]) {
  for (const width of [375, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 740 : 900 }, colorScheme: scheme, deviceScaleFactor: 1, isMobile: width < 600, hasTouch: width < 600 });
    const log = watch(context, `screenshots ${scheme} ${width}`);
    const page = await context.newPage();
    for (const [type, url] of pageTypes) {
      await page.goto(origin + url, { waitUntil: "load" });
      if (scheme === "dark" && width === 1280) {
        await page.addScriptTag({ url: TEST_PREFIX + "axe.min.js" });
        const v = await page.evaluate(async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations.map((x) => `${x.id}: ${x.help} at ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`), AXE_TAGS);
        for (const x of v) fail(url, `axe (dark mode) ${x}`);
      }
      if (shotsDir) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ type: "png", path: path.join(shotsDir, `${editionOf(url)}${type}-${width}-${scheme}.png`), fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 6000) } });
      }
    }
    checkRequests(log, `screenshots ${scheme} ${width}`);
    await context.close();
  }
}

// ---- The first screen on a phone ---------------------------------------
const phoneRows = [];
let searchCls = null;
{
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await context.addInitScript(() => {
    window.__cls = 0;
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
        .observe({ type: "layout-shift", buffered: true });
    } catch (e) { /* no layout-shift entries */ }
  });
  const log = watch(context, "phone");
  const page = await context.newPage();
  for (const [type, url] of pageTypes) {
    await page.goto(origin + url, { waitUntil: "load" });
    if (type === "search") {
      await page.waitForFunction(() => (document.querySelector("[data-search-status]")?.textContent || "").length > 0, null, { timeout: 10000 }).catch(() => null);
      await page.waitForTimeout(500);
    }
    const m = await page.evaluate(() => {
      const vh = window.innerHeight;
      // The page's own text: in <main>, outside navigation, the table of
      // contents, forms and the page's header block.
      const own = document.querySelector(".prose") || document.querySelector("main");
      let first = 0;
      const walker = document.createTreeWalker(own, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent.trim() || n.parentElement.closest("nav, form, header, .toc, .breadcrumbs, script, noscript")) continue;
        const r = document.createRange(); r.selectNodeContents(n);
        const b = r.getBoundingClientRect();
        if (b.height && b.top < vh && b.bottom > 0) first += n.textContent.trim().length;
      }
      return { height: document.documentElement.scrollHeight, first, cls: window.__cls };
    });
    phoneRows.push({ type, url, ...m });
    if (type === "search") searchCls = Math.max(searchCls ?? 0, m.cls);
    if (type === "home" && m.height > HOME_MAX_HEIGHT) fail(url, `the home page is ${m.height} px tall at 375 px (at most ${HOME_MAX_HEIGHT})`);
    if (type === "article" && m.first < ARTICLE_FIRST_SCREEN) fail(url, `an article's first screen at 375 px shows ${m.first} characters of its text (at least ${ARTICLE_FIRST_SCREEN})`);
    if (type === "search" && m.cls >= CLS_MAX) fail(url, `the search page shifts its layout by ${m.cls.toFixed(3)} while results arrive (CLS must stay under ${CLS_MAX})`);
  }
  checkRequests(log, "phone");
  await context.close();
}

await browser.close();

// ---- Lighthouse, mobile ---------------------------------------------------
const lighthouseRows = [];
{
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"],
  });
  try {
    // Lighthouse in the site's own language (the editions share templates;
    // axe, weight and the phone cover every edition).
    for (const [type, url] of pageTypes.filter(([t, u]) => ["home", "article", "fact-index", "fact", "search"].includes(t) && !editions.slice(1).some((e) => u.startsWith(e)))) {
      const result = await lighthouse(origin + url, { port: chrome.port, output: "json", logLevel: "error", formFactor: "mobile", screenEmulation: { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false } });
      const cats = result.lhr.categories;
      const scores = Object.fromEntries(Object.entries(cats).map(([k, v]) => [k, Math.round((v.score ?? 0) * 100)]));
      lighthouseRows.push({ type, url, scores });
      for (const [k, v] of Object.entries(scores)) {
        if (v < LIGHTHOUSE_MIN) {
          const low = cats[k].auditRefs.filter((a) => a.weight > 0 && (result.lhr.audits[a.id].score ?? 1) < 0.9).map((a) => `${a.id} ${result.lhr.audits[a.id].displayValue || ""}`.trim());
          fail(url, `Lighthouse ${k} ${v} (at least ${LIGHTHOUSE_MIN}): ${low.join("; ")}`);
        }
      }
    }
  } finally {
    await chrome.kill();
  }
}

server.close();

// ---- Report -------------------------------------------------------------
const kb = (n) => (n / 1024).toFixed(1).padStart(6);
const lines = [];
lines.push(`browser test: ${contentPages.length} pages (+${pages.length - contentPages.length} redirects) of ${siteDir} in Chromium at ${origin}`);
lines.push(`requests answered by the server: ${served.length}; links checked: ${checked.size}`);
lines.push(`axe-core (${AXE_TAGS.join(", ")}): ${Object.values(axeResults).reduce((a, b) => a + b, 0)} violations on ${Object.keys(axeResults).length} pages`);
for (const l of interaction) lines.push(l);
lines.push("");
lines.push("page type    URL                                       HTML+CSS+JS    gzip   files");
for (const s of sizes) {
  lines.push(`${s.type.padEnd(12)} ${s.url.padEnd(40)} ${kb(s.raw)} KB ${kb(s.gz)} KB   ${s.files.map((f) => `${f.url} ${(f.raw / 1024).toFixed(1)}/${(f.gz / 1024).toFixed(1)}`).join(", ")}`);
}
lines.push(`limits: ${LIMIT_RAW / 1024} KB raw, ${LIMIT_GZIP / 1024} KB gzip per page type`);
lines.push("");
lines.push("on a 375 x 812 phone: page type, URL, page height, characters of its own text on the first screen");
for (const r of phoneRows) lines.push(`${r.type.padEnd(12)} ${r.url.padEnd(40)} ${String(r.height).padStart(6)} px ${String(r.first).padStart(6)} chars`);
lines.push(`limits: home at most ${HOME_MAX_HEIGHT} px; an article's first screen at least ${ARTICLE_FIRST_SCREEN} characters of its text`);
if (searchCls !== null) lines.push(`search page layout shift while results arrive (CLS): ${searchCls.toFixed(3)} (limit ${CLS_MAX})`);
lines.push("");
lines.push("Lighthouse (mobile): performance, accessibility, best practices, SEO");
for (const r of lighthouseRows) lines.push(`${r.type.padEnd(12)} ${r.url.padEnd(40)} ${Object.entries(r.scores).map(([k, v]) => `${k} ${v}`).join(", ")}`);
lines.push(`limit: every category at least ${LIGHTHOUSE_MIN}`);
if (shotsDir) lines.push(`screenshots: ${shotsDir}`);
lines.push(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
const unique = [...new Set(failures)];
if (unique.length) {
  lines.push("");
  lines.push(`${unique.length} FAILURES:`);
  for (const f of unique.slice(0, 200)) lines.push(`  ${f}`);
}
console.log(lines.join("\n"));
process.exit(unique.length ? 1 : 0);

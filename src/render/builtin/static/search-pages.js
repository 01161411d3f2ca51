// casefile search, for a site whose index keeps no copy of its pages' text
// (`[search] snippets = "pages"`, or "auto" on a large site): search.js
// loads it with the query stemmer. It takes the text of a part of a page
// whose result file leaves it out (see src/search/records.rs) from its
// published page, the one the reader opens next (same origin; parsed with
// DOMParser, never run; read as text only).
(function () {
  "use strict";
  // The pages read, the latest few (a parsed page is not small).
  var pages = new Map(), KEEP_PAGES = 24;
  function pageOf(url) {
    var u = url.split("#")[0];
    if (!pages.has(u)) {
      if (pages.size >= KEEP_PAGES) { pages.delete(pages.keys().next().value); }
      pages.set(u, fetch(u)
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
        .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); })
        .catch(function () { pages.delete(u); return null; }));
    }
    return pages.get(u);
  }
  // Not the part's words: scripts and styles, pictures, controls, a
  // template's header, footer and asides (and, below, the maps put after a
  // paragraph and the numbers of citations and footnotes). A block element
  // ends a word.
  var SKIP = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|svg|BUTTON|NAV|HEADER|FOOTER|ASIDE)$/, HEADING = /^H\d$/,
    BLOCK = /^(P|LI|T[DHR]|D[DTL]|[OU]L|BLOCKQUOTE|PRE|DIV|BR|FIG.*|TABLE|HR)$/;
  function skipped(n) {
    return SKIP.test(n.nodeName) || n.hidden || n.classList.contains("map") ||
      (n.nodeName === "SUP" && (/footnote/.test(n.className) || n.querySelector("a")));
  }
  // The text of a page's part titled `title`: from its heading `anchor`
  // (none: the top of the body) to the next heading, as src/markdown's
  // section_texts reads it. The body is the page's `.prose` (the built-in
  // templates'), else its <main> after its first <h1> (the page's title)
  // and the header that holds it.
  function partText(doc, anchor, title) {
    var body = doc.querySelector(".prose"), n, out = [];
    if (body) { n = body.firstChild; } else {
      body = doc.querySelector("main") || doc.body;
      n = body.querySelector("h1");
      n = n ? after((n.parentNode.closest && n.parentNode.closest("header")) || n, body) : body.firstChild;
    }
    if (anchor) {
      // The part's heading: one of the body's with that id (a footnote or
      // the template may have it too), the one with its title if several.
      var hs = Array.prototype.filter.call(body.querySelectorAll("[id]"), function (h) { return h.id === anchor && HEADING.test(h.nodeName); });
      n = hs.filter(function (h) { return h.textContent.trim() === title; })[0] || hs[0];
      if (!n) { return ""; }
      n = after(n, body);
    }
    while (n) {
      if (n.nodeType === 3) { out.push(n.data); n = after(n, body); continue; }
      if (n.nodeType !== 1 || skipped(n)) { n = after(n, body); continue; }
      if (HEADING.test(n.nodeName)) { break; }
      if (BLOCK.test(n.nodeName)) { out.push(" "); }
      if (n.nodeName === "IMG") { out.push(n.getAttribute("alt") || ""); }
      n = n.firstChild || after(n, body);
    }
    return out.join("").replace(/\s+/g, " ").trim();
  }
  // The node after `n` and its children, in document order, within `body`.
  function after(n, body) {
    while (n && n !== body) {
      if (n.nextSibling) { return n.nextSibling; }
      n = n.parentNode;
    }
    return null;
  }
  window.casefilePages = {
    // The text of the part at `url` (its page and anchor) titled
    // `title`, or "".
    text: function (url, title) {
      var at = url.indexOf("#"), anchor = at < 0 ? "" : url.slice(at + 1);
      return pageOf(url).then(function (doc) { return doc ? partText(doc, anchor, title) : ""; });
    }
  };
})();

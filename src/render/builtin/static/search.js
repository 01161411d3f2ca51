// casefile search. Runs in the reader's browser over the static index that
// `casefile build` writes to search/ (see src/search/mod.rs for the format).
// No eval, no WebAssembly, no inline code, only same-origin fetches: it works
// under the site's Content-Security-Policy. Results are built from DOM nodes
// and textContent, never from HTML strings, so a query cannot inject markup.
// Without JavaScript the page says so (in a noscript) and links to the fact
// index. The form and the results' place are in the page from the start, so
// nothing moves when results arrive.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  var manifestEl = document.getElementById("search-manifest");
  if (!root || !manifestEl || !window.fetch || !window.Map || !"".normalize) { return; }
  var M;
  try { M = JSON.parse(manifestEl.textContent); } catch (e) { return; }

  var $ = function (sel) { return root.querySelector(sel); };
  var form = $("[data-search-form]"), input = form && form.querySelector("input");
  var status = $("[data-search-status]"), ui = $("[data-search-ui]");
  var list = $("[data-search-results] ol"), more = $("[data-search-more]");
  var filtersEl = $("[data-search-filters]");
  // On a wide screen the filters are open beside the results; on a phone
  // they are folded under one line so that results come first, unless the
  // address already sets one. The reader's own choice is kept after that.
  var filterBox = $("[data-search-filter-box]"), boxDecided = false;
  if (!input || !list) { return; }
  function t(key, vars) {
    var s = root.getAttribute("data-t-" + key) || "";
    for (var k in vars) { s = s.split("{" + k + "}").join(vars[k]); }
    return s;
  }

  // ---- Reading the index -------------------------------------------------
  var SHIFT = 4096; // a record's key: group * SHIFT + place in the group
  var PAGE = 10;
  var TOP = 200;
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DV = [];
  for (var i = 0; i < 64; i++) { DV[DIGITS.charCodeAt(i)] = i; }
  function Reader(s) { this.s = s || ""; this.i = 0; }
  Reader.prototype.done = function () { return this.i >= this.s.length; };
  Reader.prototype.digit = function () { return DV[this.s.charCodeAt(this.i++)]; };
  Reader.prototype.num = function () {
    var v = 0, m = 1, d;
    do { d = this.digit(); v += (d & 31) * m; m *= 32; } while (d >= 32);
    return v;
  };

  var base = root.getAttribute("data-index");
  var cache = new Map();
  function get(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path + "?v=" + M.version, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .catch(function (e) { cache.delete(path); throw e; }));
    }
    return cache.get(path);
  }

  // Words: the same rules as src/search/text.rs.
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:['’][\p{Alphabetic}\p{N}\p{M}]+)*/gu;
  function fold(w) {
    return w.toLowerCase().replace(/['’]s$/, "").normalize("NFKD").replace(/[^\p{Alphabetic}\p{N}]/gu, "");
  }
  function words(text) {
    var out = [], m, w, n;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      w = fold(m[0]);
      n = Array.from(w).length;
      if (n > 0 && n <= 40) { out.push({ start: m.index, end: m.index + m[0].length, w: w }); }
    }
    return out;
  }
  var stop = new Set(M.stop);

  // Vocabulary shards.
  // The shard of `word` among shards starting at `bounds` (the first
  // word of each but the first), and the shards holding words with `prefix`.
  function shardIn(bounds, word) {
    var lo = 0, hi = bounds.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (bounds[mid] <= word) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  function shardsIn(bounds, prefix) {
    var out = [], a = shardIn(bounds, prefix), b = shardIn(bounds, prefix + "\uffff");
    for (var s = a; s <= b; s++) { out.push(s); }
    return out;
  }
  function shardOf(word) { return shardIn(M.vocab, word); }
  function shardsFor(prefix) { return shardsIn(M.vocab, prefix); }
  var shards = new Map();
  function shard(n) {
    return get("v/" + n + ".json").then(function (j) {
      if (!shards.has(n)) {
        var w = j.w ? j.w.split(" ") : [], r = new Reader(j.s), stems = [], st = new Reader(j.t), idx = [];
        for (var k = 0; k < w.length; k++) { idx.push(r.num()); }
        while (!st.done()) {
          var e = { df: st.num(), hash: st.num(), pack: st.num(), idx: st.num(), whole: st.num() - 1 };
          e.key = e.pack + ":" + e.idx;
          stems.push(e);
        }
        shards.set(n, { words: w, stem: function (k) { return stems[idx[k]]; } });
      }
      return shards.get(n);
    });
  }
  // Reverse shards: words spelt backwards, for typos in the first letters.
  function rshardsFor(prefix) { return shardsIn(M.rvocab || [], prefix); }
  function rshard(n) {
    return get("r/" + n + ".json").then(function (j) { return j.w ? j.w.split(" ") : []; });
  }
  function backwards(w) { return Array.from(w).reverse().join(""); }
  function lowerBound(arr, x) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] < x) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  // Every loaded word starting with `prefix`: [{word, stem}].
  function scan(loaded, prefix, exact) {
    var out = [];
    loaded.forEach(function (sh) {
      for (var k = lowerBound(sh.words, prefix); k < sh.words.length; k++) {
        var w = sh.words[k];
        if (w.lastIndexOf(prefix, 0) !== 0 || (exact && w !== prefix)) { break; }
        out.push({ word: w, stem: sh.stem(k) });
      }
    });
    return out;
  }
  // One edit: a letter added, dropped or changed, or two swapped.
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) { return false; }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i++; }
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function bestStems(found, n) {
    var by = new Map();
    found.forEach(function (f) { if (!by.has(f.stem.key)) { by.set(f.stem.key, f); } });
    return Array.from(by.values()).sort(function (a, b) { return b.stem.df - a.stem.df; }).slice(0, n);
  }

  // The query's stemmer: the same Snowball algorithm as the build's for the
  // index's language (none: words are matched as they are, and by prefix).
  // Its script (data-stemmer) and words.json (synonyms, names, question
  // words) are fetched together at the reader's first keystroke (or query
  // in the address), so a visit that never searches pays for neither.
  var stemmer = null, queryLoad = null, me = document.currentScript;
  function load(src) {
    return !src ? Promise.resolve() : new Promise(function (done) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = s.onerror = function () { done(); };
      document.head.appendChild(s);
    });
  }
  function queryReady() {
    if (queryLoad) { return queryLoad; }
    var src = M.stem && root.getAttribute("data-stemmer");
    var pagesSrc = M.pages && me && me.src.replace(/search\.js(\?.*)?$/, "search-pages.js$1");
    queryLoad = Promise.all([load(src), get("words.json"), load(pagesSrc)]).then(function (got) {
      stemmer = (M.stem && typeof casefileStemmers !== "undefined" && casefileStemmers[M.stem]) || null;
      queryWordsReady(got[1]);
    });
    // A failed fetch is retried at the next query.
    queryLoad.catch(function () { queryLoad = null; });
    return queryLoad;
  }
  var stemCache = new Map();
  function stemOf(w) {
    if (!stemmer) { return w; }
    if (!stemCache.has(w)) { stemCache.set(w, stemmer(w)); }
    return stemCache.get(w);
  }

  // A typed word → the stems it stands for, each with a weight and how it
  // was found: the word itself ("exact"), another form of it ("stem": the
  // site has "arrest", the reader typed "arrested"), a completion while the
  // reader types ("prefix"), or a word one typo away ("typo").
  function resolve(term, canPrefix, noTypo) {
    var w = term.w;
    var need = shardsFor(w);
    return Promise.all(need.map(shard)).then(function (loaded) {
      var exact = scan(loaded, w, true);
      if (exact.length) { return { stems: [{ stem: exact[0].stem, weight: 1, words: [w], how: "exact" }] }; }
      if (!stemmer) { return null; }
      // Words of the site with the same stem start with the stem (less a
      // last letter that the stemmer may have changed: y to i, an e added).
      var st = stemOf(w), base = Array.from(st).length > 3 ? st.slice(0, -1) : st;
      return Promise.all(shardsFor(base).map(shard)).then(function (more) {
        var same = scan(more, base, false).filter(function (f) { return stemOf(f.word) === st; });
        if (same.length) {
          return { stems: [{ stem: same[0].stem, weight: 1, words: same.map(function (f) { return f.word; }), how: "stem" }] };
        }
        return null;
      });
    }).then(function (found) {
      if (found && !canPrefix) { return found; }
      return Promise.all(need.map(shard)).then(function (loaded) {
        // While typing, the completions of the word so far count too.
        var f = fuzzy(w, loaded, canPrefix, noTypo || !!found);
        if (!found) { return f; }
        var keys = new Set(found.stems.map(function (x) { return x.stem.key; }));
        found.stems = found.stems.concat(f.stems.filter(function (x) { return !keys.has(x.stem.key); }));
        return found;
      });
    });
  }
  function fuzzy(w, loaded, canPrefix, noTypo) {
    {
      if (canPrefix) {
        // The most frequent completions; a very common one alone (its short
        // list is enough), so typing never fetches several long lists.
        var pre = bestStems(scan(loaded, w, false), 3);
        if (pre.length && pre[0].stem.whole >= 0) { pre = [pre[0]]; }
        pre = pre.filter(function (f, k) { return k === 0 || f.stem.whole < 0; });
        if (pre.length) {
          return { stems: pre.map(function (f) { return { stem: f.stem, weight: 0.7, words: [f.word], how: "prefix" }; }) };
        }
      }
      if (noTypo) { return { stems: [] }; }
      var cs = Array.from(w);
      if (cs.length < 5) { return { stems: [] }; }
      // One edit after the first two letters keeps them: scan the words
      // that start with them. One in the first two letters keeps the end
      // from the third letter on: find it in the reverse shards, then the
      // words found in their forward shards. Swapping the 2nd and 3rd
      // letters keeps neither: scan the words starting with the 1st and 3rd.
      var starts = [cs.slice(0, 2).join(""), cs[0] + cs[2]];
      var tail = backwards(cs.slice(2).join(""));
      return Promise.all([
        Promise.all(shardsFor(starts[0]).concat(shardsFor(starts[1])).map(shard)),
        Promise.all(rshardsFor(tail).map(rshard))
      ]).then(function (got) {
        var ends = [];
        got[1].forEach(function (ws) {
          for (var k = lowerBound(ws, tail); k < ws.length && ws[k].lastIndexOf(tail, 0) === 0; k++) {
            var c = backwards(ws[k]);
            if (oneEdit(w, c) && ends.indexOf(c) < 0) { ends.push(c); }
          }
        });
        ends = ends.slice(0, 8);
        return Promise.all(ends.map(function (c) { return shard(shardOf(c)); })).then(function (more) {
          var found = [];
          ends.forEach(function (c) { found = found.concat(scan(more, c, true)); });
          return { near: got[0], ends: found };
        });
      }).then(function (found) {
        var typos = found.ends;
        found.near.forEach(function (sh) {
          starts.forEach(function (p) {
            for (var k = lowerBound(sh.words, p); k < sh.words.length && sh.words[k].lastIndexOf(p, 0) === 0; k++) {
              if (oneEdit(w, sh.words[k])) { typos.push({ word: sh.words[k], stem: sh.stem(k) }); }
            }
          });
        });
        // The likelier reading is the more frequent word: weigh by it.
        var best = bestStems(typos, 3), top = best.length ? best[0].stem.df : 1;
        return {
          similar: best.map(function (f) { return f.word; }),
          stems: best.map(function (f) { return { stem: f.stem, weight: 0.5 * f.stem.df / top, words: [f.word], how: "typo" }; })
        };
      });
    }
  }

  function pack(stem) {
    return get("p/" + stem.pack + ".json").then(function (p) { return p[stem.idx]; });
  }
  function whole(stem) {
    return stem.whole < 0 ? pack(stem) : get("w/" + stem.whole + ".json");
  }
  function readPostings(s, fn) {
    var r = new Reader(s), group = 0, idx = 0, v;
    while (!r.done()) {
      v = r.num();
      // As src/search/postings.rs writes it: the same group, the next, or another.
      if (v % 2 === 0) { idx += v / 2; } else if (v % 4 === 1) { group += 1; idx = (v - 1) / 4; } else { group += r.num(); idx = (v - 3) / 4; }
      fn(group * SHIFT + idx, r.digit(), r.digit());
    }
  }

  var facets = null;
  function loadFacets() {
    return get("facets.json").then(function (j) {
      if (facets) { return facets; }
      var r = new Reader(j.f), group = 0, byGroup = new Map(), byDoc = new Map();
      function topics() { var n = r.num(), ts = []; while (n--) { ts.push(r.num()); } return ts; }
      while (!r.done()) {
        group += r.num();
        var n = r.num();
        if (n === 0) { byGroup.set(group, topics()); }
        for (var k = 0; k < n; k++) { var s = r.num(); byDoc.set(group * SHIFT + k, { status: s, topics: topics() }); }
      }
      facets = { group: byGroup, doc: byDoc };
      return facets;
    });
  }
  function kindOf(key) {
    var g = Math.floor(key / SHIFT);
    for (var k = 0; k < M.kinds.length; k++) { if (M.kinds[k][1] <= g && g < M.kinds[k][2]) { return M.kinds[k][0]; } }
    return "page";
  }
  function facetsOf(key) {
    var d = facets && facets.doc.get(key);
    if (d) { return { kind: kindOf(key), topics: d.topics, status: M.statuses[d.status] }; }
    return { kind: kindOf(key), topics: (facets && facets.group.get(Math.floor(key / SHIFT))) || [], status: null };
  }

  // ---- Searching ---------------------------------------------------------
  var selected = { kind: new Set(), topic: new Set(), status: new Set() };
  function filtering() { return selected.kind.size + selected.topic.size + selected.status.size > 0; }
  // Filters live in the URL with the query (?q=...&type=fact&topic=Privacy),
  // so a filtered search can be shared and reloaded. Topics go by name:
  // their numbers change from one build to the next.
  var PARAM = { kind: "type", topic: "topic", status: "status" };
  function readFilters(params) {
    params.getAll(PARAM.kind).forEach(function (v) {
      if (M.kinds.some(function (k) { return k[0] === v; })) { selected.kind.add(v); }
    });
    params.getAll(PARAM.status).forEach(function (v) { if (M.statuses.indexOf(v) >= 0) { selected.status.add(v); } });
    params.getAll(PARAM.topic).forEach(function (v) {
      var i = M.topics.indexOf(v);
      if (i >= 0) { selected.topic.add(String(i)); }
    });
  }
  function writeFilters(params) {
    Object.keys(PARAM).forEach(function (g) {
      params.delete(PARAM[g]);
      Array.from(selected[g]).sort().forEach(function (v) {
        params.append(PARAM[g], g === "topic" ? M.topics[+v] : v);
      });
    });
  }
  function passes(f, except) {
    if (except !== "kind" && selected.kind.size && !selected.kind.has(f.kind)) { return false; }
    if (except !== "status" && selected.status.size && !selected.status.has(f.status)) { return false; }
    if (except !== "topic" && selected.topic.size && !f.topics.some(function (x) { return selected.topic.has(String(x)); })) { return false; }
    return true;
  }

  // ---- The query: words, synonyms, what to drop ---------------------------
  var SYN = {}, NAMES = {}, QSTOP = {}, LANG = (M.lang || "").split(/[-_]/)[0].toLowerCase();
  function phraseKey(phrase) { return phrase.split(" ").map(stemOf).join(" "); }
  // The site's synonyms; then each glossary term and person, found by every
  // name it goes by, which also find each other (words.json, once the
  // stemmer has come: the keys are stemmed).
  function queryWordsReady(W) {
    SYN = {}; NAMES = {}; QSTOP = {};
    Object.keys(W.syn || {}).forEach(function (k) { SYN[k] = W.syn[k].slice(); });
    (W.names || []).forEach(function (g) {
      var at = g[0], forms = g[1];
      forms.forEach(function (f) {
        var k = phraseKey(f);
        (NAMES[k] = NAMES[k] || []).push(at);
        forms.forEach(function (o) {
          if (o !== f && phraseKey(o) !== k) {
            SYN[k] = SYN[k] || [];
            if (SYN[k].indexOf(o) < 0) { SYN[k].push(o); }
          }
        });
      });
    });
    Object.keys(W.qstop || {}).forEach(function (l) { QSTOP[l] = new Set(W.qstop[l]); });
  }
  // The question and function words to drop: the site's language's, and
  // those of another language whose words the query holds more of (a
  // Spanish question on an English site).
  function qstopFor(ws) {
    var best = LANG, most = 0, count = function (l) { return ws.filter(function (x) { return !x.quoted && QSTOP[l].has(x.w); }).length; };
    if (QSTOP[LANG]) { most = count(LANG); }
    Object.keys(QSTOP).forEach(function (l) { var n = count(l); if (n > most) { best = l; most = n; } });
    var drop = new Set(QSTOP[LANG] ? Array.from(QSTOP[LANG]) : []);
    if (QSTOP[best]) { QSTOP[best].forEach(function (w) { drop.add(w); }); }
    return drop;
  }
  var QUOTE = /["“”„«»]/g;
  // The query's words (index stop words left out), each marked if it is
  // inside quotes.
  function queryWords(q) {
    var marks = [], m;
    QUOTE.lastIndex = 0;
    while ((m = QUOTE.exec(q))) { marks.push(m.index); }
    return words(q).filter(function (x) { return !stop.has(x.w); }).map(function (x) {
      var before = marks.filter(function (i) { return i < x.start; }).length;
      x.quoted = before % 2 === 1;
      return x;
    });
  }
  // Words → concepts: a phrase the synonyms know (the longest first) is one
  // concept that also finds what it stands for; any other word is one
  // concept. Question and function words are dropped unless quoted (or if
  // nothing else is left); a word twice counts once.
  function concepts(ws) {
    var out = [], i = 0, seen = new Set(), qstop = qstopFor(ws);
    while (i < ws.length) {
      var n = Math.min(4, ws.length - i), hit = null;
      for (; n >= 1; n--) {
        var key = ws.slice(i, i + n).map(function (x) { return stemOf(x.w); }).join(" ");
        if (Object.prototype.hasOwnProperty.call(SYN, key)) { hit = key; break; }
      }
      if (!hit) { n = 1; }
      var span = ws.slice(i, i + n), k = span.map(function (x) { return x.w; }).join(" ");
      if (!seen.has(k)) {
        seen.add(k);
        out.push({ words: span.map(function (x) { return x.w; }), quoted: span.some(function (x) { return x.quoted; }), syn: hit ? SYN[hit] : [], typed: i + n === ws.length });
      }
      i += n;
    }
    var kept = out.filter(function (c) { return c.quoted || c.syn.length || c.words.length > 1 || !qstop.has(c.words[0]); });
    return kept.length ? kept : out;
  }

  // Credit a match gives toward "how much of the query this record holds".
  var CREDIT = { exact: 1, stem: 1, syn: 1, prefix: 0.5, typo: 0.3 };
  // Each concept is a list of clauses, each clause a list of slots (one
  // per word), each slot the stems its word resolved to. The reader's own
  // words are a soft clause (each word adds what it matches); a synonym is
  // a hard one (all its words, or nothing).
  function query(q, wanted) {
    return queryReady().then(function () { return queryNow(q, wanted); });
  }
  function queryNow(q, wanted) {
    var cs = concepts(queryWords(q));
    if (!cs.length) { return Promise.resolve({ terms: [], results: [], total: 0 }); }
    var typing = !/[\s"“”]$/.test(q);
    var byWord = new Map();
    function word(w, canPrefix, noTypo) {
      var key = w + (canPrefix ? "+" : "") + (noTypo ? "!" : "");
      if (!byWord.has(key)) { byWord.set(key, resolve({ w: w }, canPrefix, noTypo)); }
      return byWord.get(key);
    }
    var jobs = [];
    cs.forEach(function (c, ci) {
      c.clauses = [{ soft: true, weight: 1, slots: c.words.map(function (w, k) {
        var last = c.typed && k === c.words.length - 1;
        var slot = { w: w, stems: null };
        // Completions only for the word being typed.
        jobs.push(word(w, last && typing && w.length >= 2 && !c.quoted, c.quoted).then(function (r) { slot.r = r; }));
        return slot;
      }) }];
      c.syn.forEach(function (phrase) {
        var clause = { soft: false, weight: 0.9, slots: phrase.split(" ").map(function (w) {
          var slot = { w: w };
          jobs.push(word(w, false, true).then(function (r) { slot.r = r; }));
          return slot;
        }) };
        c.clauses.push(clause);
      });
    });
    return Promise.all(jobs).then(function () {
      // Every stem to fetch, once; and what each slot matched.
      var all = [], at = new Map(), similar = [], resolved = [];
      cs.forEach(function (c) {
        c.clauses.forEach(function (cl) {
          cl.slots.forEach(function (slot) {
            var r = slot.r || { stems: [] };
            resolved.push(r);
            if (cl.soft && r.similar && r.similar.length) { similar.push([slot.w, r.similar]); }
            slot.stems = r.stems.map(function (s) {
              if (!at.has(s.stem.key)) { at.set(s.stem.key, all.length); all.push(s); }
              return { i: at.get(s.stem.key), weight: s.weight * cl.weight, credit: cl.soft ? CREDIT[s.how] || 1 : 1, hash: s.stem.hash };
            });
          });
        });
      });
      var terms = cs.map(function (c) { return { w: c.words.join(" ") }; });
      if (!all.length) {
        return { terms: terms, resolved: resolved, results: [], total: 0, similar: similar };
      }
      // One word and no filter: its pack entry may carry its counts by
      // kind, topic and status (a common word's always does, with a short
      // list of its best records), and then no facets are fetched.
      var one = all.length === 1 && !filtering();
      // Counts that no pack entry will carry come from the facets: fetch
      // them alongside the pack, not after it.
      if (!one || (!M.counts && all[0].stem.whole < 0)) { loadFacets().catch(function () {}); }
      return (one ? pack(all[0].stem) : Promise.resolve(null)).then(function (entry) {
        var counted = !!entry && typeof entry !== "string";
        var single = counted && (all[0].stem.whole < 0 || wanted <= TOP);
        var lists = all.map(function (s) { return single ? entry : whole(s.stem); });
        return Promise.all(lists.concat(counted ? [] : [loadFacets()])).then(function (got) {
          var results = rank(cs, got);
          var out = { terms: terms, resolved: resolved, results: results, total: results.length, similar: similar };
          if (counted) {
            out.total = entry[1];
            out.counts = precomputed(entry);
          } else {
            results.forEach(function (r) { r.f = facetsOf(r.key); });
            out.counts = counts(results);
            out.results = results.filter(function (r) { return passes(r.f); });
          }
          return out;
        });
      });
    });
  }

  // Kinds of record, as answers: a fact states one, a glossary entry or a
  // record about a person defines or names one; a page part discusses.
  var PRIOR = { fact: 1.05, term: 1.05, person: 1.02, event: 1.02, lawsuit: 1.02, page: 1 };
  // BM25 with every word optional: a record's score is the sum over the
  // query's concepts of the best clause each matched (a soft clause: the
  // sum of its words' impacts, a hard one: the mean of all its words'
  // times the concept's length, if it holds them all), times 1.5 for each
  // pair of the reader's words that follow each other in the record, times
  // the square of the share of the query it holds (the coordination: a
  // typo or a completion counts for less than the word itself), times the
  // kind's prior. The glossary entry or person named by exactly the query
  // (or by what it stands for) comes first. Ties keep record order.
  function rank(cs, got) {
    var slots = [];
    cs.forEach(function (c, ci) {
      c.clauses.forEach(function (cl, li) {
        cl.slots.forEach(function (slot, si) { slots.push({ c: ci, l: li, s: si, slot: slot }); });
      });
    });
    var S = slots.length, byStem = new Map();
    slots.forEach(function (x, k) {
      x.slot.stems.forEach(function (st) {
        if (!byStem.has(st.i)) { byStem.set(st.i, []); }
        byStem.get(st.i).push({ k: k, weight: st.weight, credit: st.credit, hash: st.hash });
      });
    });
    var recs = new Map();
    byStem.forEach(function (uses, i) {
      var entry = got[i], str = typeof entry === "string" ? entry : entry[0];
      readPostings(str, function (key, q, follower) {
        var imp = Math.pow(2, q / M.impact_base), rec = recs.get(key);
        if (!rec) { rec = { key: key, v: new Float64Array(S), cr: new Float64Array(S), fol: new Int8Array(S), h: new Int8Array(S) }; recs.set(key, rec); }
        uses.forEach(function (u) {
          var v = u.weight * imp;
          if (v > rec.v[u.k]) { rec.v[u.k] = v; rec.cr[u.k] = u.credit; rec.fol[u.k] = follower; rec.h[u.k] = u.hash; }
        });
      });
    });
    // The records the query names exactly (leaving out its words the site
    // does not have; a one-word query also by the words it was read as).
    var matched = cs.filter(function (c) { return c.clauses.some(function (cl) { return cl.slots.every(function (x) { return x.stems.length; }); }); });
    var named = new Map(), key = phraseKey;
    var phrases = [matched.map(function (c) { return c.words.join(" "); }).join(" ")];
    if (matched.length === 1) {
      phrases = phrases.concat(matched[0].syn);
      matched[0].clauses[0].slots.forEach(function (x) { (x.r ? x.r.stems : []).forEach(function (s) { phrases = phrases.concat(s.words); }); });
    }
    phrases.forEach(function (phrase) {
      (NAMES[key(phrase)] || []).forEach(function (gi) { named.set(gi[0] * SHIFT + gi[1], true); });
    });
    var results = [];
    recs.forEach(function (rec) {
      var score = 0, credit = 0, k = 0, first = [];
      cs.forEach(function (c, ci) {
        var best = 0, bestCredit = 0;
        c.clauses.forEach(function (cl) {
          var sum = 0, cr = 0, all = true;
          cl.slots.forEach(function () {
            if (rec.v[k] > 0) { sum += rec.v[k]; cr += rec.cr[k]; } else { all = false; }
            k++;
          });
          var n = cl.slots.length, v, got;
          if (cl.soft) { v = sum; got = cr / n; } else if (all) { v = (sum / n) * c.words.length; got = 1; } else { v = 0; got = 0; }
          if (v > best) { best = v; bestCredit = got; }
        });
        first.push(k - c.clauses.reduce(function (a, cl) { return a + cl.slots.length; }, 0));
        score += best; credit += bestCredit;
      });
      if (score <= 0) { return; }
      // Phrases: the reader's consecutive words in the record's order.
      for (var ci = 0; ci + 1 < cs.length; ci++) {
        var a = first[ci] + cs[ci].words.length - 1, b = first[ci + 1];
        if (rec.v[a] > 0 && rec.v[b] > 0 && rec.fol[a] === rec.h[b]) { score *= 1.5; }
      }
      var share = credit / Math.max(1, matched.length), kind = kindOf(rec.key);
      score *= share * share * (PRIOR[kind] || 1);
      if (named.has(rec.key)) { score *= kind === "term" ? 4 : 3; }
      results.push({ key: rec.key, s: score });
    });
    results.sort(function (a, b) { return b.s - a.s || a.key - b.key; });
    return results;
  }

  function precomputed(e) {
    var c = { kind: new Map(), topic: new Map(), status: new Map() }, r = new Reader(e[2]), k, id = 0;
    for (k = 0; k < M.kinds.length; k++) { var key = M.kinds[k][0]; c.kind.set(key, (c.kind.get(key) || 0) + r.num()); }
    r = new Reader(e[3]);
    for (k = 0; k < M.statuses.length; k++) { c.status.set(M.statuses[k], r.num()); }
    r = new Reader(e[4]);
    while (!r.done()) { id += r.num(); c.topic.set(String(id), r.num()); }
    return c;
  }
  // Counts per filter value, each over the results the other filters keep.
  function counts(results) {
    var c = { kind: new Map(), topic: new Map(), status: new Map() };
    function add(m, k) { m.set(k, (m.get(k) || 0) + 1); }
    results.forEach(function (r) {
      if (passes(r.f, "kind")) { add(c.kind, r.f.kind); }
      if (r.f.status && passes(r.f, "status")) { add(c.status, r.f.status); }
      if (passes(r.f, "topic")) { r.f.topics.forEach(function (x) { add(c.topic, String(x)); }); }
    });
    return c;
  }

  // ---- Showing -------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }
  // Appends `text` to `parent`, with the words that matched in <mark>.
  function highlight(parent, text, isMatch, from, to) {
    var pos = from;
    words(text.slice(from, to)).forEach(function (w) {
      if (!isMatch(w.w)) { return; }
      var a = from + w.start, b = from + w.end;
      if (a > pos) { parent.appendChild(document.createTextNode(text.slice(pos, a))); }
      parent.appendChild(el("mark", null, text.slice(a, b)));
      pos = b;
    });
    if (to > pos) { parent.appendChild(document.createTextNode(text.slice(pos, to))); }
  }
  function matcher(res) {
    var surface = new Set(), stems = new Set(), keys = new Set(), loaded = Array.from(shards.values());
    res.terms.forEach(function (x) { x.w.split(" ").forEach(function (w) { surface.add(w); stems.add(stemOf(w)); }); });
    (res.resolved || []).forEach(function (r) {
      r.stems.forEach(function (s) {
        keys.add(s.stem.key);
        s.words.forEach(function (w) { surface.add(w); stems.add(stemOf(w)); });
      });
    });
    var memo = new Map();
    return function (w) {
      if (surface.has(w)) { return true; }
      if (!memo.has(w)) {
        memo.set(w, stemmer ? stems.has(stemOf(w)) : scan(loaded, w, true).some(function (f) { return keys.has(f.stem.key); }));
      }
      return memo.get(w);
    };
  }
  function snippet(p, text, isMatch) {
    var ws = words(text), first = -1;
    for (var k = 0; k < ws.length; k++) { if (isMatch(ws[k].w)) { first = k; break; } }
    var a = Math.max(0, first - 8), b = Math.min(ws.length, a + 32);
    if (!ws.length) { p.textContent = text; return; }
    var from = a === 0 ? 0 : ws[a].start, to = b === ws.length ? text.length : ws[b - 1].end;
    if (from > 0) { p.appendChild(document.createTextNode("… ")); }
    highlight(p, text, isMatch, from, to);
    if (to < text.length) { p.appendChild(document.createTextNode(" …")); }
  }
  // ---- Snippets from the published pages ----------------------------------
  // A page's result file in its short form ({u, t, r}: see
  // src/search/records.rs) holds no copy of the page's text: its rows have
  // text null, which search-pages.js (loaded with the stemmer when the
  // manifest says `pages`) takes from the page.
  function rowsOf(d) {
    if (Array.isArray(d)) { return d; }
    return d.r.map(function (x) {
      var anchor = x.length > 1 ? x[1] : plainAnchor(x[0]);
      return [x[0] || d.t, anchor ? d.u + "#" + anchor : d.u, x.length > 2 ? x[2] : null, anchor ? d.t : ""];
    });
  }
  // A part's anchor left out of the file: as records.rs's plain_anchor.
  function plainAnchor(title) {
    return /^[\x00-\x7f]*$/.test(title) ? title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join("-") : "";
  }
  function fillSnippet(p, doc, isMatch, my) {
    return (window.casefilePages ? casefilePages.text(doc[1], doc[0]) : Promise.resolve("")).then(function (text) {
      p.removeAttribute("data-pending");
      if (my !== seq) { return; }
      if (text) { snippet(p, text, isMatch); p.hidden = false; } else { p.remove(); }
    });
  }

  function item(r, doc, isMatch, my) {
    var li = el("li", "search-result");
    var h = el("p", "search-result-title"), a = el("a");
    a.href = doc[1];
    highlight(a, doc[0], isMatch, 0, doc[0].length);
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "search-result-meta");
    meta.appendChild(el("span", "search-kind", t("kind-" + kindOf(r.key))));
    if (doc[3]) { meta.appendChild(document.createTextNode(" · " + doc[3])); }
    li.appendChild(meta);
    var p = el("p", "search-snippet");
    if (doc[2] === null) {
      p.hidden = true;
      p.setAttribute("data-pending", "");
      li.appendChild(p);
      fillSnippet(p, doc, isMatch, my);
    } else if (doc[2]) { snippet(p, doc[2], isMatch); li.appendChild(p); }
    return li;
  }

  function checkbox(group, value, label, n) {
    var id = "search-f-" + group + "-" + value.replace(/[^\w-]/g, "_");
    var wrap = el("div", "search-filter"), box = el("input"), lab = el("label", null, label + " ");
    box.type = "checkbox"; box.id = id; box.value = value; box.name = group;
    box.checked = selected[group].has(value);
    box.setAttribute("data-key", id);
    lab.htmlFor = id;
    lab.appendChild(el("span", "search-count", "(" + n + ")"));
    wrap.appendChild(box); wrap.appendChild(lab);
    return wrap;
  }
  function showFilters(c) {
    var focused = document.activeElement && document.activeElement.getAttribute("data-key");
    if (filterBox && !boxDecided) {
      boxDecided = true;
      filterBox.open = filtering() || !window.matchMedia || window.matchMedia("(min-width: 40em)").matches;
    }
    filtersEl.replaceChildren();
    var groups = [
      ["kind", M.kinds.map(function (k) { return k[0]; }), function (v) { return t("kind-" + v); }],
      ["topic", M.topics.map(function (x, k) { return String(k); }), function (v) { return M.topics[+v]; }],
      ["status", M.statuses, function (v) { return t("status-" + v); }]
    ];
    groups.forEach(function (g) {
      var seen = new Set(), fs = el("fieldset", "search-facet");
      fs.appendChild(el("legend", null, t(g[0])));
      g[1].forEach(function (v) {
        if (seen.has(v)) { return; }
        seen.add(v);
        var n = c[g[0]].get(v) || 0;
        if (n > 0 || selected[g[0]].has(v)) { fs.appendChild(checkbox(g[0], v, g[2](v), n)); }
      });
      if (fs.children.length > 1) { filtersEl.appendChild(fs); }
    });
    if (filterBox) { filterBox.hidden = !filtersEl.children.length; }
    if (focused) { var f = document.getElementById(focused); if (f) { f.focus(); } }
  }

  var seq = 0, shown = 0, last = null;
  function run(q, keep) {
    var my = ++seq;
    if (!keep) { shown = PAGE; }
    var url = new URL(window.location.href);
    if (q.trim()) { url.searchParams.set("q", q); } else { url.searchParams.delete("q"); }
    writeFilters(url.searchParams);
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    if (!q.trim()) {
      list.replaceChildren(); filtersEl.replaceChildren(); more.hidden = true; ui.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    root.setAttribute("aria-busy", "true");
    return query(q, shown).then(function (res) {
      if (my !== seq) { return null; }
      last = res;
      var page = res.results.slice(0, shown), isMatch = matcher(res);
      return Promise.all(page.map(function (r) {
        return get("d/" + Math.floor(r.key / SHIFT) + ".json").then(function (d) { return rowsOf(d)[r.key % SHIFT]; });
      })).then(function (docs) {
        if (my !== seq) { return; }
        list.replaceChildren();
        page.forEach(function (r, k) { if (docs[k]) { list.appendChild(item(r, docs[k], isMatch, my)); } });
        more.hidden = res.results.length <= shown && res.total <= shown;
        showFilters(res.counts || { kind: new Map(), topic: new Map(), status: new Map() });
        ui.hidden = false;
        var qq = q.trim(), msg;
        if (!res.total) { msg = t("none", { q: qq }); }
        else if (filtering()) { msg = t("filtered", { m: res.results.length, n: res.total, q: qq }); }
        else { msg = t(res.total === 1 ? "one" : "many", { n: res.total, q: qq }); }
        (res.similar || []).forEach(function (s) {
          if (res.total) { msg = t("similar", { results: msg, w: s[0], words: s[1].join(", ") }); }
        });
        status.textContent = msg;
        root.removeAttribute("aria-busy");
      });
    }).catch(function () {
      if (my !== seq) { return; }
      status.textContent = t("error");
      root.removeAttribute("aria-busy");
    });
  }

  // ---- Wiring --------------------------------------------------------------
  var timer = null;
  input.addEventListener("input", function () {
    queryReady();
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  filtersEl.addEventListener("change", function (e) {
    var box = e.target;
    if (!box || box.type !== "checkbox") { return; }
    if (box.checked) { selected[box.name].add(box.value); } else { selected[box.name].delete(box.value); }
    run(input.value, true);
  });
  more.addEventListener("click", function () {
    var from = shown;
    shown += PAGE;
    // Keep the reader's place: focus the first new result once shown.
    run(input.value, true).then(function () {
      var link = list.querySelectorAll(".search-result-title a")[from];
      if (link) { link.focus(); }
    });
  });
  // Arrow keys move through the results; Escape goes back to the field.
  root.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll(".search-result-title a"));
    var at = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && (e.target === input || at >= 0) && links.length) {
      e.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      if (at === 0) { input.focus(); } else { links[at - 1].focus(); }
    } else if (e.key === "Escape" && at >= 0) {
      e.preventDefault();
      input.focus();
    }
  });

  ui.hidden = true;
  more.hidden = true;
  var params0 = new URLSearchParams(window.location.search), q0 = params0.get("q") || "";
  readFilters(params0);
  input.value = q0;
  if (q0) { run(q0); } else { input.focus(); }
})();

// Snowball stemmers for the query, the same algorithms as the build's
// (rust-stemmers: English "Porter2" and Spanish, as published at
// snowballstem.org, in the versions rust-stemmers implements), written here
// from the algorithm descriptions. tests/stemmers.rs holds them to the build's
// on every word of the explainer, of the benchmark corpus and of a standard
// word list. A stemmer takes a folded word (lowercase) and returns its stem.
//
// The build writes one file per language, search-stem-LANG.js: the shared
// helpers, then only that language's section (from its "// ---- LANG:" line
// to the next), returning only that stemmer; the search page of a language
// loads its own. See `stemmer_script` in src/site.rs.
var casefileStemmers = (function () {
  "use strict";
  // Characters outside the Basic Multilingual Plane count as one character,
  // as in Snowball: each is swapped for a private-use character (never a
  // vowel, as they are not) while stemming, and back after.
  function bmp(fn) {
    return function (word) {
      if (!/[\ud800-\udfff]/.test(word)) { return fn(word); }
      var to = new Map(), back = new Map(), k = 0xe000;
      var w = Array.from(word).map(function (c) {
        if (c.length === 1) { return c; }
        if (!to.has(c)) { var p = String.fromCharCode(k++); to.set(c, p); back.set(p, c); }
        return to.get(c);
      }).join("");
      return Array.from(fn(w)).map(function (c) { return back.get(c) || c; }).join("");
    };
  }
  // The longest of `list` that `w` ends with, or null.
  function suffix(w, list) {
    var best = null;
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if ((best === null || s.length > best.length) && w.length >= s.length && w.slice(w.length - s.length) === s) { best = s; }
    }
    return best;
  }
  function set(chars) { var o = {}; for (var i = 0; i < chars.length; i++) { o[chars[i]] = true; } return o; }

  // ---- en: English (Porter2) --------------------------------------------------
  var V = set("aeiouy"), WXY = set("aeiouywxY"), LI = set("cdeghkmnrt");
  var EXCEPTION1 = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EXCEPTION2 = set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);
  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];
  function isV(c) { return V[c] === true; }
  // After the first vowel followed by a non-vowel, from `from`: the position
  // after that non-vowel, or the length.
  function region(w, from) {
    var i = from;
    while (i < w.length && !isV(w[i])) { i++; }
    while (i < w.length && isV(w[i])) { i++; }
    return i < w.length ? i + 1 : w.length;
  }
  // Whether w[0..end) ends in a short syllable.
  function shortv(w, end) {
    if (end >= 3 && !WXY[w[end - 1]] && isV(w[end - 2]) && !isV(w[end - 3])) { return true; }
    return end === 2 && !isV(w[1]) && isV(w[0]);
  }
  function english(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTION1, word)) { return EXCEPTION1[word]; }
    if (word.length < 3) { return word; }
    var w = word, found = false, i;
    // Prelude: a leading apostrophe goes; y as a consonant becomes Y.
    if (w[0] === "'") { w = w.slice(1); }
    if (w[0] === "y") { w = "Y" + w.slice(1); found = true; }
    for (i = 1; i < w.length; i++) {
      if (w[i] === "y" && isV(w[i - 1])) { w = w.slice(0, i) + "Y" + w.slice(i + 1); found = true; }
    }
    var p1, p2;
    var pre = ["gener", "commun", "arsen"].filter(function (p) { return w.lastIndexOf(p, 0) === 0; })[0];
    p1 = pre ? pre.length : region(w, 0);
    // region() gives the length when there is no such place; so does Snowball.
    p2 = p1 >= w.length ? w.length : region(w, p1);
    if (!pre && p1 > w.length) { p1 = w.length; }
    var s;
    // Step 1a.
    s = suffix(w, ["'", "'s", "'s'"]);
    if (s) { w = w.slice(0, w.length - s.length); }
    s = suffix(w, ["sses", "ied", "ies", "s", "us", "ss"]);
    if (s === "sses") { w = w.slice(0, -2); }
    else if (s === "ied" || s === "ies") { w = w.slice(0, -3) + (w.length - 3 >= 2 ? "i" : "ie"); }
    else if (s === "s") {
      var before = w.length - 2, hasV = false;
      for (i = 0; i < before; i++) { if (isV(w[i])) { hasV = true; break; } }
      if (hasV) { w = w.slice(0, -1); }
    }
    if (!EXCEPTION2[w]) {
      // Step 1b.
      s = suffix(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
      if (s === "eed" || s === "eedly") {
        if (w.length - s.length >= p1) { w = w.slice(0, w.length - s.length) + "ee"; }
      } else if (s) {
        var stem = w.slice(0, w.length - s.length), v = false;
        for (i = 0; i < stem.length; i++) { if (isV(stem[i])) { v = true; break; } }
        if (v) {
          w = stem;
          var t = suffix(w, ["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
          if (t === "at" || t === "bl" || t === "iz") { w += "e"; }
          else if (t) { w = w.slice(0, -1); }
          else if (w.length === p1 && shortv(w, w.length)) { w += "e"; }
        }
      }
      // Step 1c.
      var n = w.length;
      if (n >= 3 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isV(w[n - 2])) { w = w.slice(0, -1) + "i"; }
      // Step 2.
      s = suffix(w, Object.keys(STEP2));
      if (s && w.length - s.length >= p1) {
        var at = w.length - s.length;
        if (s === "ogi") { if (w[at - 1] === "l") { w = w.slice(0, at) + "og"; } }
        else if (s === "li") { if (LI[w[at - 1]]) { w = w.slice(0, at); } }
        else { w = w.slice(0, at) + STEP2[s]; }
      }
      // Step 3.
      s = suffix(w, Object.keys(STEP3));
      if (s && w.length - s.length >= p1) {
        if (s === "ative") { if (w.length - s.length >= p2) { w = w.slice(0, -s.length); } }
        else { w = w.slice(0, w.length - s.length) + STEP3[s]; }
      }
      // Step 4.
      s = suffix(w, STEP4);
      if (s && w.length - s.length >= p2) {
        if (s === "ion") {
          var c = w[w.length - 4];
          if (w.length - 4 >= 0 && (c === "s" || c === "t")) { w = w.slice(0, -3); }
        } else { w = w.slice(0, w.length - s.length); }
      }
      // Step 5.
      n = w.length;
      if (w[n - 1] === "e") {
        if (n - 1 >= p2 || (n - 1 >= p1 && !shortv(w, n - 1))) { w = w.slice(0, -1); }
      } else if (w[n - 1] === "l") {
        if (n - 1 >= p2 && w[n - 2] === "l") { w = w.slice(0, -1); }
      }
    }
    return found ? w.replace(/Y/g, "y") : w;
  }

  // ---- es: Spanish --------------------------------------------------------------
  var SV = set("aeiouáéíóúü");
  function isSV(c) { return SV[c] === true; }
  var PRONOUNS = ["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"];
  var PRONOUN_VERBS = { "iéndo": "iendo", "ándo": "ando", "ár": "ar", "ér": "er", "ír": "ir", ando: null, iendo: null, ar: null, er: null, ir: null, yendo: null };
  var STD = {};
  ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles", "ista", "istas",
    "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"].forEach(function (s) { STD[s] = 1; });
  ["adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"].forEach(function (s) { STD[s] = 2; });
  ["logía", "logías"].forEach(function (s) { STD[s] = 3; });
  ["ución", "uciones"].forEach(function (s) { STD[s] = 4; });
  ["encia", "encias"].forEach(function (s) { STD[s] = 5; });
  STD.amente = 6; STD.mente = 7;
  ["idad", "idades"].forEach(function (s) { STD[s] = 8; });
  ["iva", "ivo", "ivas", "ivos"].forEach(function (s) { STD[s] = 9; });
  var STD_KEYS = Object.keys(STD);
  var Y_VERB = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"];
  var VERB_GU = ["en", "es", "éis", "emos"];
  var VERB = ["arían", "arías", "arán", "arás", "aríais", "aría", "aréis", "aríamos", "aremos", "ará", "aré",
    "erían", "erías", "erán", "erás", "eríais", "ería", "eréis", "eríamos", "eremos", "erá", "eré",
    "irían", "irías", "irán", "irás", "iríais", "iría", "iréis", "iríamos", "iremos", "irá", "iré",
    "aba", "ada", "ida", "ía", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ían",
    "aran", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ió", "ar", "er", "ir", "as",
    "abas", "adas", "idas", "ías", "aras", "ieras", "ases", "ieses", "ís", "áis", "abais", "íais", "arais",
    "ierais", "aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "ábamos", "íamos", "imos",
    "áramos", "iéramos", "iésemos", "ásemos"].concat(VERB_GU);
  var ACUTE = { "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u" };
  function spanish(word) {
    var w = word, n = w.length, i, s;
    // Regions: RV (from pV), R1, R2.
    var pV = n;
    if (n >= 2) {
      if (isSV(w[0])) {
        if (!isSV(w[1])) {
          for (i = 2; i < n && !isSV(w[i]); i++) { /* to the next vowel */ }
          if (i < n) { pV = i + 1; }
        } else {
          for (i = 2; i < n && isSV(w[i]); i++) { /* to the next consonant */ }
          if (i < n) { pV = i + 1; }
        }
      } else if (!isSV(w[1])) {
        for (i = 2; i < n && !isSV(w[i]); i++) { /* to the next vowel */ }
        if (i < n) { pV = i + 1; }
      } else if (n >= 3) {
        pV = 3;
      }
    }
    function after(from) {
      var j = from;
      while (j < n && !isSV(w[j])) { j++; }
      while (j < n && isSV(w[j])) { j++; }
      return j < n ? j + 1 : n;
    }
    var p1 = after(0), p2 = p1 >= n ? n : after(p1);
    function cut(len) { w = w.slice(0, w.length - len); }
    // Attached pronouns.
    s = suffix(w, PRONOUNS);
    if (s) {
      var rest = w.slice(0, w.length - s.length), verb = suffix(rest, Object.keys(PRONOUN_VERBS));
      if (verb && rest.length - verb.length >= pV) {
        var to = PRONOUN_VERBS[verb];
        if (to) { w = rest.slice(0, rest.length - verb.length) + to; }
        else if (verb !== "yendo" || rest[rest.length - 6] === "u") { w = rest; }
      }
    }
    // Standard suffixes, else verb suffixes beginning with y, else other verb suffixes.
    var done = false;
    s = suffix(w, STD_KEYS);
    if (s) {
      var at = w.length - s.length, kind = STD[s];
      var inR2 = at >= p2;
      if (kind === 1 && inR2) { cut(s.length); done = true; }
      else if (kind === 2 && inR2) {
        cut(s.length); done = true;
        if (suffix(w, ["ic"]) && w.length - 2 >= p2) { cut(2); }
      } else if (kind === 3 && inR2) { w = w.slice(0, at) + "log"; done = true; }
      else if (kind === 4 && inR2) { w = w.slice(0, at) + "u"; done = true; }
      else if (kind === 5 && inR2) { w = w.slice(0, at) + "ente"; done = true; }
      else if (kind === 6 && at >= p1) {
        cut(s.length); done = true;
        var t = suffix(w, ["iv", "os", "ic", "ad"]);
        if (t && w.length - t.length >= p2) {
          cut(t.length);
          if (t === "iv" && suffix(w, ["at"]) && w.length - 2 >= p2) { cut(2); }
        }
      } else if (kind === 7 && inR2) {
        cut(s.length); done = true;
        var m = suffix(w, ["ante", "able", "ible"]);
        if (m && w.length - m.length >= p2) { cut(m.length); }
      } else if (kind === 8 && inR2) {
        cut(s.length); done = true;
        var d = suffix(w, ["abil", "ic", "iv"]);
        if (d && w.length - d.length >= p2) { cut(d.length); }
      } else if (kind === 9 && inR2) {
        cut(s.length); done = true;
        if (suffix(w, ["at"]) && w.length - 2 >= p2) { cut(2); }
      }
    }
    if (!done) {
      // Only suffixes inside RV count here.
      var rv = w.slice(pV);
      s = pV <= w.length ? suffix(rv, Y_VERB) : null;
      if (s && w[w.length - s.length - 1] === "u") { cut(s.length); done = true; }
      if (!done) {
        s = pV <= w.length ? suffix(rv, VERB) : null;
        if (s) {
          var len = s.length;
          if (VERB_GU.indexOf(s) >= 0 && w[w.length - len - 1] === "u" && w[w.length - len - 2] === "g") { len++; }
          cut(len);
        }
      }
    }
    // Residual suffix.
    s = suffix(w, ["os", "a", "o", "á", "í", "ó", "e", "é"]);
    if (s && w.length - s.length >= pV) {
      cut(s.length);
      if ((s === "e" || s === "é") && w[w.length - 1] === "u" && w[w.length - 2] === "g" && w.length - 1 >= pV) { cut(1); }
    }
    return w.replace(/[áéíóú]/g, function (c) { return ACUTE[c]; });
  }

  return { en: bmp(english), es: bmp(spanish) };
})();

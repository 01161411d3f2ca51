#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus as two equivalent sites.

    python3 bench/gen_corpus.py --pages N --out DIR [--seed 1]

writes

    DIR/casefile/   a casefile site (casefile.toml + content/)
    DIR/hugo/       the same content as a Hugo site (hugo.toml + content/ + layouts/)
    DIR/manifest.json   what was generated and how many HTML pages each side
                        is expected to produce

Both sites hold the same markdown bodies; only the front matter and the
internal links differ (`@/section-XX/page-NNNNN.md` for casefile,
`{{< ref "/section-XX/page-NNNNN.md" >}}` for Hugo, so both sides resolve and
check every internal link).

Standard library only; the output depends only on --pages and --seed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

SECTIONS = 24
TOPICS = 50
PAGINATE_BY = 10

SITE_TITLE = "Benchmark explainer"
BASE_URL = "https://example.org"
LANGUAGE = "en"
SITE_DESCRIPTION = "Generated corpus"
AUTHOR = "Bench"

# --------------------------------------------------------------------------
# Vocabulary

NOUNS = [  # (singular, plural)
    ("agency", "agencies"),
    ("court", "courts"),
    ("state", "states"),
    ("enrollee", "enrollees"),
    ("insurer", "insurers"),
    ("hospital", "hospitals"),
    ("clinic", "clinics"),
    ("regulator", "regulators"),
    ("data broker", "data brokers"),
    ("plan sponsor", "plan sponsors"),
    ("health record", "health records"),
    ("claims file", "claims files"),
    ("consent form", "consent forms"),
    ("privacy notice", "privacy notices"),
    ("audit", "audits"),
    ("subpoena", "subpoenas"),
    ("waiver", "waivers"),
    ("rule", "rules"),
    ("statute", "statutes"),
    ("database", "databases"),
    ("registry", "registries"),
    ("caseworker", "caseworkers"),
    ("patient", "patients"),
    ("legislature", "legislatures"),
    ("inspector general", "inspectors general"),
    ("contractor", "contractors"),
    ("dataset", "datasets"),
    ("portal", "portals"),
    ("appeal", "appeals"),
    ("hearing", "hearings"),
    ("judge", "judges"),
    ("county", "counties"),
    ("employer", "employers"),
    ("pharmacy", "pharmacies"),
    ("researcher", "researchers"),
    ("journalist", "journalists"),
    ("complaint", "complaints"),
    ("settlement", "settlements"),
    ("breach", "breaches"),
    ("eligibility check", "eligibility checks"),
]

ADJECTIVES = [
    "federal", "confidential", "de-identified", "sensitive", "public",
    "aggregate", "longitudinal", "administrative", "statutory", "regional",
    "eligible", "disputed", "redacted", "quarterly", "encrypted", "outdated",
    "mandatory", "voluntary", "independent", "local", "annual", "incomplete",
    "detailed", "unredacted", "pending", "final", "preliminary", "routine",
    "contested", "electronic",
]

VERBS = [  # (3rd person singular, plural, past)
    ("reviews", "review", "reviewed"),
    ("collects", "collect", "collected"),
    ("shares", "share", "shared"),
    ("discloses", "disclose", "disclosed"),
    ("requests", "request", "requested"),
    ("publishes", "publish", "published"),
    ("audits", "audit", "audited"),
    ("retains", "retain", "retained"),
    ("challenges", "challenge", "challenged"),
    ("limits", "limit", "limited"),
    ("tracks", "track", "tracked"),
    ("verifies", "verify", "verified"),
    ("reports", "report", "reported"),
    ("denies", "deny", "denied"),
    ("approves", "approve", "approved"),
    ("links", "link", "linked"),
    ("stores", "store", "stored"),
    ("protects", "protect", "protected"),
    ("reconciles", "reconcile", "reconciled"),
    ("matches", "match", "matched"),
]

ADVERBS = [
    "routinely", "rarely", "often", "quietly", "explicitly", "eventually",
    "increasingly", "narrowly", "broadly", "usually", "seldom", "promptly",
]

CONNECTORS = [
    "However,", "In practice,", "By contrast,", "As a result,", "For example,",
    "In most states,", "Until recently,", "At the same time,", "In theory,",
    "Meanwhile,", "Even so,", "In several cases,",
]

MODALS = ["may", "must", "can", "should", "cannot", "will"]

STATES = [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado",
    "Connecticut", "Delaware", "Florida", "Georgia", "Idaho", "Illinois",
    "Indiana", "Iowa", "Kansas", "Kentucky", "Maine", "Maryland", "Michigan",
    "Minnesota", "Montana", "Nebraska", "Nevada", "Ohio", "Oregon", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "Wisconsin", "Wyoming",
]

AREAS = [
    "Medicaid enrollment", "Court records", "Health privacy law",
    "Data brokers", "Insurance claims", "Public health registries",
    "Eligibility checks", "Hospital transparency", "Consent and notice",
    "Subpoenas and warrants", "State legislation", "Federal rules",
    "Audits and oversight", "Breach notifications", "Research access",
    "Pharmacy data", "Employer plans", "Appeals and hearings",
    "Caseworker tools", "Open data portals", "Settlements",
    "Complaints", "County programs", "Methodology",
]

DOMAINS = [
    "www.hhs.gov", "www.cms.gov", "www.uscourts.gov", "www.congress.gov",
    "www.ftc.gov", "www.gao.gov", "oig.hhs.gov", "www.federalregister.gov",
    "www.medicaid.gov", "www.kff.org", "www.census.gov", "data.cdc.gov",
]

URL_WORDS = [
    "enrollment", "privacy", "report", "guidance", "rule", "opinion", "data",
    "audit", "notice", "findings", "appeals", "eligibility", "records",
]

TITLE_PATTERNS = [
    "How {NP} {vp} {np}",
    "Why {NP} {vp} {np}",
    "What {NP} {vp} about {np}",
    "When {NP} {vp} {np}",
    "Who {vs} {np} in {state}",
    "{Adj} {np} in {state}",
    "The {adj} {ns} and {np}",
    "{Np} versus {np}",
]

CODE_LANGS = ["rust", "python", "json", "bash"]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Writer:
    """Builds the prose of one corpus from a seeded RNG."""

    def __init__(self, rng: random.Random):
        self.r = rng

    # --- words --------------------------------------------------------
    def ns(self) -> str:
        return self.r.choice(NOUNS)[0]

    def np(self) -> str:
        return self.r.choice(NOUNS)[1]

    def adj(self) -> str:
        return self.r.choice(ADJECTIVES)

    def verb(self) -> tuple[str, str, str]:
        return self.r.choice(VERBS)

    def adv(self) -> str:
        return self.r.choice(ADVERBS)

    def place(self) -> str:
        return self.r.choice(STATES)

    @staticmethod
    def a(noun: str) -> str:
        return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"

    def det_s(self, noun: str) -> str:
        d = self.r.choice(["the", "the", "a", "each", "every", "one"])
        if d == "a" and noun[0] in "aeiou":
            d = "an"
        return d

    def np_phrase(self, plural: bool) -> str:
        """A noun phrase, sometimes with an adjective."""
        noun = self.np() if plural else self.ns()
        if self.r.random() < 0.5:
            noun = f"{self.adj()} {noun}"
        if plural:
            det = self.r.choice(["", "the", "many", "some", "most", "few"])
            return f"{det} {noun}".strip()
        return f"{self.det_s(noun)} {noun}"

    def pp(self) -> str:
        r = self.r
        choice = r.randrange(9)
        if choice == 0:
            return f"under the {self.adj()} {self.ns()}"
        if choice == 1:
            return f"within {r.choice([10, 14, 30, 45, 60, 90])} days"
        if choice == 2:
            return f"for {self.np_phrase(True)}"
        if choice == 3:
            return f"across {r.randint(3, 50)} states"
        if choice == 4:
            return f"without {self.a(self.ns())}"
        if choice == 5:
            return f"in {self.place()}"
        if choice == 6:
            return f"since {r.randint(2009, 2024)}"
        if choice == 7:
            return f"before the {self.ns()} {self.verb()[2]} it"
        return f"after {self.np_phrase(False)}"

    def sentence(self) -> str:
        r = self.r
        kind = r.randrange(7)
        v1, v2 = self.verb(), self.verb()
        if kind == 0:
            s = f"{r.choice(CONNECTORS)} {self.np_phrase(False)} {v1[0]} {self.np_phrase(True)} {self.pp()}."
            return s[0] + s[1:]
        if kind == 1:
            adv = f"{self.adv()} " if r.random() < 0.5 else ""
            s = f"{self.np_phrase(True)} {adv}{v1[1]} {self.np_phrase(False)} {self.pp()}, and {self.np_phrase(False)} {v2[0]} {self.np_phrase(True)}."
            return cap(s)
        if kind == 2:
            s = (f"When {self.np_phrase(False)} {v1[0]} {self.np_phrase(True)}, "
                 f"{self.np_phrase(True)} {r.choice(MODALS)} {v2[1]} {self.np_phrase(False)} {self.pp()}.")
            return s
        if kind == 3:
            return (f"About {r.randint(3, 97)} percent of {self.np()} {v1[1]} "
                    f"{self.np_phrase(False)} {self.pp()}.")
        if kind == 4:
            return cap(f"{self.np_phrase(False)} {self.adv()} {v1[0]} {self.np_phrase(True)} {self.pp()} {self.pp()}.")
        if kind == 5:
            return (f"In {r.randint(2011, 2025)}, {self.place()} {v1[2]} "
                    f"{r.randint(2, 900)} {self.np()} {self.pp()}.")
        return cap(f"{self.np_phrase(True)} {r.choice(MODALS)} {v1[1]} {self.np_phrase(True)}, "
                   f"but {self.np_phrase(True)} {self.adv()} {v2[1]} {self.np_phrase(False)}.")

    def emphasise(self, sentence: str) -> str:
        """Wraps one word of a sentence in * or ** now and then."""
        r = self.r
        if r.random() > 0.25:
            return sentence
        words = sentence[:-1].split(" ")
        if len(words) < 4:
            return sentence
        i = r.randrange(1, len(words))
        w = words[i]
        if not w.isalpha():
            return sentence
        mark = r.choice(["*", "**"])
        words[i] = f"{mark}{w}{mark}"
        return " ".join(words) + sentence[-1]

    def title(self) -> str:
        r = self.r
        pat = r.choice(TITLE_PATTERNS)
        v = self.verb()
        t = pat.format(
            NP=self.np(), np=self.np(), Np=cap(self.np()), ns=self.ns(), vp=v[1], vs=v[0],
            adj=self.adj(), Adj=cap(self.adj()), state=self.place(),
        )
        return cap(t)

    def heading(self) -> str:
        r = self.r
        v = self.verb()
        pats = [
            f"How {self.np()} {v[1]} {self.np()}",
            f"What the {self.ns()} found",
            f"The {self.adj()} {self.ns()}",
            f"Why {self.np()} matter",
            f"Timeline in {self.place()}",
            f"Key {self.np()}",
            f"What changes for {self.np()}",
            f"Open questions about {self.np()}",
            f"{cap(self.adj())} {self.np()}",
        ]
        return r.choice(pats)

    def ext_url(self) -> str:
        r = self.r
        parts = [r.choice(URL_WORDS) for _ in range(r.randint(1, 3))]
        return f"https://{r.choice(DOMAINS)}/{'/'.join(parts)}/{r.randint(2010, 2025)}-{r.randint(1, 99)}"



# --------------------------------------------------------------------------
# The news vocabulary (--vocabulary news, the default)
#
# The lists above are a few hundred words: every word is common, which
# flatters a search index (few, long postings lists, a tiny vocabulary).
# Real news text has tens of thousands of distinct words with Zipf-distributed
# frequencies (a few very common, most rare), names of people, places and
# organisations, and numbers. NewsWriter keeps the sentence shapes above, draws
# each noun, verb, adjective and adverb from the short domain lists a third of
# the time and otherwise from a generated lexicon by Zipf rank, and adds the
# sentences news is made of: quotes with a name and a role, figures, money,
# dates, case names and docket numbers. The lexicon is made of English-like
# syllables with English morphology (plurals, -ed, -ing, -tion, -ly), so that
# stemming has word families to group, as in real text. It depends only on the
# seed.

ONSETS = ["", "", "", "b", "b", "c", "d", "d", "f", "g", "h", "j", "k", "l", "l",
          "m", "m", "n", "n", "p", "p", "r", "r", "s", "s", "t", "t", "v", "w",
          "y", "z", "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gr", "pl",
          "pr", "sh", "sl", "sp", "st", "th", "tr"]
NUCLEI = ["a", "a", "a", "e", "e", "e", "i", "i", "o", "o", "u", "ai", "ea",
          "ee", "oo", "ou"]
CODAS = ["", "", "", "", "", "", "b", "d", "g", "k", "l", "l", "m", "n", "n",
         "n", "p", "r", "r", "s", "s", "t", "t", "x", "ck", "nd", "nt", "rt",
         "st"]
NOUN_ENDINGS = ["", "", "", "", "", "", "", "", "tion", "ment", "ness", "ity", "er", "ance",
                "ism", "ship", "age", "ure", "ist", "ery"]
ADJ_ENDINGS = ["al", "ous", "ive", "ic", "able", "ful", "less", "ary", "ish",
               "ent", "ant", "ed"]
VERB_ENDINGS = ["", "", "", "", "", "", "ate", "ize", "en", "ify"]
ROLES = ["a spokesperson for", "the director of", "a lawyer for", "a researcher at",
         "the chair of", "an analyst at", "a former official at", "the head of",
         "a senior adviser at", "a board member of"]
ORG_KINDS = ["Institute", "Foundation", "Council", "Center", "Alliance",
             "Commission", "Network", "Group", "Project", "Association",
             "Department", "Agency", "Bureau", "Coalition", "Trust"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
SAY = ["said", "said", "says", "told reporters", "wrote", "argued", "added",
       "warned", "noted"]


def pseudo_word(r: random.Random, syllables: int) -> str:
    return "".join(r.choice(ONSETS) + r.choice(NUCLEI) + r.choice(CODAS)
                   for _ in range(syllables))


def plural(w: str) -> str:
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if len(w) > 1 and w.endswith("y") and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def past(w: str) -> str:
    if w.endswith("e"):
        return w + "d"
    if len(w) > 1 and w.endswith("y") and w[-2] not in "aeiou":
        return w[:-1] + "ied"
    return w + "ed"


def gerund(w: str) -> str:
    if w.endswith("e") and not w.endswith("ee") and len(w) > 2:
        return w[:-1] + "ing"
    return w + "ing"


class Zipf:
    """Draws items by Zipf rank: item k (0-based) with weight 1/(k + 2.7)^s."""

    def __init__(self, items: list, s: float = 1.0):
        self.items = items
        acc, total = [], 0.0
        for k in range(len(items)):
            total += 1.0 / (k + 2.7) ** s
            acc.append(total)
        self.acc = acc
        self.total = total

    def draw(self, r: random.Random):
        import bisect
        return self.items[bisect.bisect_left(self.acc, r.random() * self.total)]


class NewsLexicon:
    """A seeded lexicon: nouns, verbs, adjectives, adverbs, names, places,
    organisations, each list in Zipf rank order."""

    def __init__(self, seed: int):
        r = random.Random(seed * 7919 + 17)
        used: set[str] = set()

        def fresh(make) -> str:
            while True:
                w = make()
                if 3 <= len(w) <= 13 and w not in used and w.isalpha():
                    used.add(w)
                    return w

        def stem() -> str:
            return pseudo_word(r, r.choice([1, 2, 2, 2, 3]))

        self.nouns = []
        for _ in range(26000):
            n = fresh(lambda: stem() + r.choice(NOUN_ENDINGS))
            self.nouns.append((n, plural(n)))
        self.verbs = []
        for _ in range(7000):
            v = fresh(lambda: stem() + r.choice(VERB_ENDINGS))
            self.verbs.append((plural(v), v, past(v), gerund(v)))
        self.adjectives = [fresh(lambda: stem() + r.choice(ADJ_ENDINGS)) for _ in range(9000)]
        self.adverbs = [a + "ly" for a in self.adjectives[:3000] if not a.endswith(("ly", "ed"))]
        self.first = [cap(fresh(lambda: pseudo_word(r, r.choice([1, 2, 2])) + r.choice(["", "a", "o", "e", "ie", "el"])))
                      for _ in range(1500)]
        self.last = [cap(fresh(lambda: pseudo_word(r, r.choice([1, 2, 2, 3])) + r.choice(["", "son", "er", "man", "ez", "ski", "ton", "ford"])))
                     for _ in range(6000)]
        self.places = [cap(fresh(lambda: pseudo_word(r, r.choice([2, 2, 3])) + r.choice(["", "ville", "ton", "burg", " County", " City", "ia"])))
                       for _ in range(2500)]
        orgs = []
        for k in range(1500):
            if k % 4 == 0:
                orgs.append("".join(chr(65 + r.randrange(26)) for _ in range(r.choice([3, 3, 4]))))
            else:
                orgs.append(f"{cap(r.choice(self.adjectives))} {cap(r.choice(self.nouns)[0])} {r.choice(ORG_KINDS)}")
        self.orgs = orgs
        self.z_nouns = Zipf(self.nouns, 1.05)
        self.z_verbs = Zipf(self.verbs, 1.05)
        self.z_adjectives = Zipf(self.adjectives, 1.05)
        self.z_adverbs = Zipf(self.adverbs, 1.0)
        self.z_first = Zipf(self.first, 0.9)
        self.z_last = Zipf(self.last, 0.9)
        self.z_places = Zipf(self.places, 1.0)
        self.z_orgs = Zipf(self.orgs, 1.0)


class NewsWriter(Writer):
    """Writer with the news vocabulary (see above)."""

    DOMAIN = 0.33  # share of nouns, verbs... drawn from the domain lists

    def __init__(self, rng: random.Random, lex: NewsLexicon):
        super().__init__(rng)
        self.lex = lex

    def _domain(self) -> bool:
        return self.r.random() < self.DOMAIN

    def ns(self) -> str:
        return super().ns() if self._domain() else self.lex.z_nouns.draw(self.r)[0]

    def np(self) -> str:
        return super().np() if self._domain() else self.lex.z_nouns.draw(self.r)[1]

    def adj(self) -> str:
        return super().adj() if self._domain() else self.lex.z_adjectives.draw(self.r)

    def verb(self) -> tuple[str, str, str]:
        if self._domain():
            return super().verb()
        v = self.lex.z_verbs.draw(self.r)
        return (v[0], v[1], v[2]) if self.r.random() < 0.85 else (f"is {v[3]}", f"are {v[3]}", f"kept {v[3]}")

    def adv(self) -> str:
        return super().adv() if self._domain() else self.lex.z_adverbs.draw(self.r)

    def place(self) -> str:
        return super().place() if self.r.random() < 0.5 else self.lex.z_places.draw(self.r)

    def person(self) -> str:
        return f"{self.lex.z_first.draw(self.r)} {self.lex.z_last.draw(self.r)}"

    def org(self) -> str:
        return self.lex.z_orgs.draw(self.r)

    def figure(self) -> str:
        r = self.r
        k = r.randrange(6)
        if k == 0:
            return f"{r.randint(2, 99_999):,}"
        if k == 1:
            return f"${r.randint(1, 99)}.{r.randint(0, 9)} million"
        if k == 2:
            return f"{r.randint(1, 99)} percent"
        if k == 3:
            return f"{r.randint(2, 950):,} {self.np()}"
        if k == 4:
            return f"${r.randint(100, 9_999):,}"
        return f"{r.randint(2, 40)} times"

    def when(self) -> str:
        r = self.r
        k = r.randrange(3)
        if k == 0:
            return f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(1998, 2025)}"
        if k == 1:
            return f"in {r.choice(MONTHS)} {r.randint(1998, 2025)}"
        return f"on {r.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}"

    def sentence(self) -> str:
        r = self.r
        k = r.randrange(12)
        if k < 6:
            return super().sentence()
        if k == 6:
            inner = super().sentence().rstrip(".")
            return (f"“{inner},” {r.choice(SAY)} {self.person()}, {r.choice(ROLES)} "
                    f"the {self.org()}.")
        if k == 7:
            return (f"{self.person()}, {r.choice(ROLES)} the {self.org()} in {self.place()}, "
                    f"{r.choice(SAY)} that {self.np_phrase(True)} {self.verb()[1]} {self.np_phrase(False)} {self.pp()}.")
        if k == 8:
            return (f"The {self.org()} {self.verb()[2]} {self.figure()} {self.when()}, "
                    f"up from {self.figure()} a year earlier.")
        if k == 9:
            return (f"In {self.place()}, {self.np_phrase(True)} {self.verb()[2]} {self.figure()} "
                    f"for {self.np_phrase(True)}, according to {self.person()}.")
        if k == 10:
            return (f"The case, {self.lex.z_last.draw(r)} v. {self.place()}, No. "
                    f"{r.randint(10, 25)}-cv-{r.randint(100, 99999):05d}, {self.verb()[2]} "
                    f"{self.np_phrase(False)} {self.when()}.")
        return (f"{cap(self.np_phrase(True))} {self.verb()[1]} {self.figure()} {self.pp()}, "
                f"{self.person()} {r.choice(SAY)}.")


# --------------------------------------------------------------------------
# Code blocks (never contain `{{`, `{%` or `@/` so neither engine treats
# them as shortcodes or links)

def code_block(w: Writer) -> str:
    r = w.r
    lang = r.choice(CODE_LANGS)
    target = r.randint(8, 20)
    fields = ["state", "county", "member_id", "plan", "enrolled_on", "status",
              "request_id", "agency", "days_open", "outcome", "court", "docket"]
    if lang == "rust":
        head = ["use std::collections::HashMap;", "", "#[derive(Debug)]", "struct Record {"]
        tail = ["}", "", "fn tally(records: &[Record]) -> HashMap<String, u32> {",
                "    let mut counts = HashMap::new();",
                "    for record in records {",
                f"        if record.days_open > {r.randint(10, 90)} {{",
                "            *counts.entry(record.state.clone()).or_insert(0) += 1;",
                "        }", "    }", "    counts", "}"]
        n = max(1, target - len(head) - len(tail))
        body = []
        for f in r.sample(fields, min(n, len(fields))):
            ty = "u32" if f == "days_open" else "String"
            body.append(f"    {f}: {ty},")
        if not any(b.startswith("    days_open") for b in body):
            body[-1:] = ["    days_open: u32,"]
        if not any(b.startswith("    state:") for b in body):
            body.insert(0, "    state: String,")
        lines = head + body + tail
    elif lang == "python":
        head = ["import csv", "from collections import Counter", "",
                "def count_requests(path):", "    counts = Counter()",
                '    with open(path, newline="") as handle:',
                "        for row in csv.DictReader(handle):"]
        tail = ["    return counts"]
        n = max(1, target - len(head) - len(tail))
        body = []
        for _ in range(n):
            f = r.choice(fields)
            if r.random() < 0.5:
                body.append(f'            if row["{f}"] == "{w.adj()}":')
                body.append(f'                counts[row["state"]] += {r.randint(1, 3)}')
            else:
                body.append(f'            counts["{f}"] += 1')
        lines = head + body[:n] + tail
        if lines[-2].rstrip().endswith(":"):
            lines.insert(-1, "                pass")
    elif lang == "json":
        n = max(1, target - 4)
        keys = r.sample(fields, min(n, len(fields)))
        lines = ["[", "  {"]
        for i, k in enumerate(keys):
            comma = "," if i < len(keys) - 1 else ""
            val = r.randint(1, 5000) if k in ("days_open", "docket") else f'"{w.adj()}"'
            lines.append(f'    "{k}": {val}{comma}')
        lines += ["  }", "]"]
    else:  # bash
        lines = ["#!/usr/bin/env bash", "set -euo pipefail", ""]
        n = max(1, target - len(lines))
        for _ in range(n):
            kind = r.randrange(4)
            if kind == 0:
                lines.append(f"curl -sSf \"{w.ext_url()}\" -o data/{r.choice(fields)}.csv")
            elif kind == 1:
                lines.append(f"grep -c \"{r.choice(STATES)}\" data/{r.choice(fields)}.csv")
            elif kind == 2:
                lines.append(f"sort -u data/{r.choice(fields)}.csv | wc -l")
            else:
                lines.append(f"# {w.sentence()}")
    return f"```{lang}\n" + "\n".join(lines) + "\n```"


# --------------------------------------------------------------------------
# Pages

def page_path(i: int) -> str:
    """Content path (relative to content/) of page number i (1-based)."""
    sec = (i - 1) % SECTIONS + 1
    return f"section-{sec:02d}/page-{i:05d}.md"


def topic_name(t: int) -> str:
    return f"topic-{t:02d}"


def body_for(w: Writer, i: int, n_pages: int, titles: list[str], with_code: bool) -> str:
    r = w.r
    target_words = r.randint(800, 1000)
    footnotes = r.randint(1, 2)
    n_internal = r.randint(2, 4) if n_pages > 1 else 0
    n_external = r.randint(2, 4)

    def internal_link() -> str:
        j = i
        while j == i:
            j = r.randint(1, n_pages)
        text = titles[j - 1]
        return f"[{text}](@/{page_path(j)})"

    def ext_link() -> str:
        text = f"the {w.adj()} {w.ns()} {r.choice(['report', 'guidance', 'opinion', 'notice', 'data'])}"
        return f"[{text}]({w.ext_url()})"

    def paragraph(min_s=3, max_s=6) -> str:
        return " ".join(w.emphasise(w.sentence()) for _ in range(r.randint(min_s, max_s)))

    blocks: list[str] = []
    # Intro
    blocks.append(paragraph(3, 5))
    blocks.append(paragraph(2, 4))

    specials = ["ul", "ol", "table", "quote"] + (["code"] if with_code else [])
    r.shuffle(specials)

    link_slots = ["int"] * n_internal + ["ext"] * n_external + ["fn"] * footnotes
    r.shuffle(link_slots)
    fn_defs: list[str] = []
    fn_count = 0

    def decorate(par: str) -> str:
        nonlocal fn_count
        if not link_slots:
            return par
        slot = link_slots.pop()
        if slot == "int":
            return par + f" This builds on {internal_link()}."
        if slot == "ext":
            return par + f" See {ext_link()} for the details."
        fn_count += 1
        fn_defs.append(f"[^{fn_count}]: {w.sentence()} Source: <{w.ext_url()}>.")
        return par + f"[^{fn_count}]"

    blocks[0] = decorate(blocks[0])

    def words_so_far() -> int:
        return sum(len(b.split()) for b in blocks)

    section_no = 0
    while section_no < 4 or words_so_far() < target_words or specials or link_slots:
        section_no += 1
        blocks.append(f"## {w.heading()}")
        for _ in range(r.randint(1, 2)):
            blocks.append(decorate(paragraph()))
        if specials and (r.random() < 0.6 or words_so_far() > target_words * 0.7):
            kind = specials.pop()
            if kind == "ul":
                blocks.append(f"The main {w.np()} involved:")
                blocks.append("\n".join(f"- {cap(w.np_phrase(True))} {w.pp()}" for _ in range(r.randint(3, 6))))
            elif kind == "ol":
                blocks.append("The process usually runs in this order:")
                blocks.append("\n".join(
                    f"{k}. {cap(w.np_phrase(False))} {w.verb()[0]} {w.np_phrase(True)}." for k in range(1, r.randint(4, 7))))
            elif kind == "table":
                blocks.append(f"The table below compares {w.np()} by state.")
                rows = ["| State | Enrollees | Requests | Median days |",
                        "| --- | ---: | ---: | ---: |"]
                for st in r.sample(STATES, r.randint(3, 6)):
                    rows.append(f"| {st} | {r.randint(1000, 900000):,} | {r.randint(10, 9000):,} | {r.randint(3, 120)} |")
                blocks.append("\n".join(rows))
            elif kind == "quote":
                q = w.sentence() + " " + w.sentence()
                blocks.append(f"> {q}\n>\n> — *{cap(w.adj())} {w.ns()} opinion, {r.randint(2012, 2025)}*")
            else:
                blocks.append(f"A short example of how {w.np()} are counted:")
                blocks.append(code_block(w))
        if r.random() < 0.5:
            blocks.append(f"### {w.heading()}")
            blocks.append(decorate(paragraph(2, 5)))
        if section_no > 12:
            break

    blocks.extend(fn_defs)
    return "\n\n".join(blocks) + "\n"


# Words as search counts them, roughly: runs of letters and digits.
WORD_RE = re.compile(r"[^\W_]+")
INTERNAL_LINK_RE = re.compile(r"\]\(@/(section-\d\d/page-\d{5}\.md)\)")


def to_hugo_body(body: str) -> str:
    return INTERNAL_LINK_RE.sub(lambda m: f']({{{{< ref "/{m.group(1)}" >}}}})', body)


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # valid TOML basic string


def toml_list(xs: list[str]) -> str:
    return "[" + ", ".join(toml_str(x) for x in xs) + "]"


# --------------------------------------------------------------------------
# Hugo layouts (Hugo >= 0.146 template system: layouts/<kind>.html)

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ site.Params.author }}</footer>
</body>
</html>
""",
    "home.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Sections</h2>
<ul>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
<h2>Latest</h2>
{{ range first 10 site.RegularPages.ByDate.Reverse }}{{ partial "summary.html" . }}{{ end }}
{{ end }}
""",
    "page.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
{{ with .GetTerms "topics" }}<ul class="topics">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>{{ end }}
</article>
{{ end }}
""",
    "section.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ range .Paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
""",
    "404.html": """{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ "/" | relURL }}">Back to the home page</a></p>
{{ end }}
""",
    "_partials/summary.html": """<article class="summary">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>
<div>{{ .Summary }}</div>
</article>
""",
    "_partials/pager.html": """{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav class="pagination">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">Previous</a>{{ end }}
<span>Page {{ .PageNumber }} of {{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">Next</a>{{ end }}
</nav>{{ end }}{{ end }}
""",
}


def hugo_config() -> str:
    return f"""baseURL = "{BASE_URL}/"
title = {toml_str(SITE_TITLE)}
locale = "{LANGUAGE}"
# Only HTML, like casefile's default build, so the work is comparable.
disableKinds = ["RSS", "sitemap", "robotsTXT"]

[params]
description = {toml_str(SITE_DESCRIPTION)}
author = {toml_str(AUTHOR)}

[taxonomies]
topic = "topics"

[pagination]
pagerSize = {PAGINATE_BY}

[markup.highlight]
noClasses = false
"""


def casefile_config() -> str:
    return f"""title = {toml_str(SITE_TITLE)}
base_url = "{BASE_URL}"
language = "{LANGUAGE}"
description = {toml_str(SITE_DESCRIPTION)}
author = {toml_str(AUTHOR)}

[[taxonomies]]
name = "topics"
paginate_by = {PAGINATE_BY}
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


VOCABULARIES = ("news", "small")


def generate(n_pages: int, out: Path, seed: int, vocabulary: str = "news") -> dict:
    rng = random.Random(seed)
    w = NewsWriter(rng, NewsLexicon(seed)) if vocabulary == "news" else Writer(rng)
    cf = out / "casefile"
    hg = out / "hugo"
    for d in (cf, hg):
        if d.exists():
            shutil.rmtree(d)

    write(cf / "casefile.toml", casefile_config())
    write(hg / "hugo.toml", hugo_config())
    for rel, text in HUGO_LAYOUTS.items():
        write(hg / "layouts" / rel, text)

    # Home
    home_body = " ".join(w.sentence() for _ in range(4)) + "\n"
    write(cf / "content" / "_index.md", f'+++\ntitle = "Home"\n+++\n\n{home_body}')
    write(hg / "content" / "_index.md", f'+++\ntitle = "Home"\n+++\n\n{home_body}')

    # Sections
    for s in range(1, SECTIONS + 1):
        title = f"{AREAS[s - 1]}"
        body = " ".join(w.sentence() for _ in range(3)) + "\n"
        write(cf / "content" / f"section-{s:02d}" / "_index.md",
              f"+++\ntitle = {toml_str(title)}\nsort_by = \"date\"\npaginate_by = {PAGINATE_BY}\n+++\n\n{body}")
        write(hg / "content" / f"section-{s:02d}" / "_index.md",
              f"+++\ntitle = {toml_str(title)}\n+++\n\n{body}")

    # Page metadata first, so links can use the target's title.
    titles = [w.title() for _ in range(n_pages)]
    weights = [1.0 / (k + 1) ** 0.6 for k in range(TOPICS)]
    start = datetime(2019, 1, 1, tzinfo=timezone.utc)
    span_minutes = 7 * 365 * 24 * 60
    term_counts: dict[str, int] = {}
    section_counts = [0] * SECTIONS
    code_pages = 0
    words_total = 0
    distinct: set[str] = set()

    for i in range(1, n_pages + 1):
        title = titles[i - 1]
        description = w.sentence()
        date = start + timedelta(minutes=5 * rng.randrange(span_minutes // 5))
        date_s = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        k = rng.randint(1, 3)
        topics: list[int] = []
        while len(topics) < k:
            t = rng.choices(range(1, TOPICS + 1), weights=weights)[0]
            if t not in topics:
                topics.append(t)
        topics.sort()
        topic_names = [topic_name(t) for t in topics]
        for t in topic_names:
            term_counts[t] = term_counts.get(t, 0) + 1
        with_code = rng.random() < 0.2
        code_pages += with_code
        body = body_for(w, i, n_pages, titles, with_code)
        words_total += len(body.split())
        distinct.update(WORD_RE.findall(f"{title} {description} {body}".lower()))
        rel = page_path(i)
        section_counts[(i - 1) % SECTIONS] += 1

        write(cf / "content" / rel,
              "+++\n"
              f"title = {toml_str(title)}\n"
              f"description = {toml_str(description)}\n"
              f"date = {date_s}\n"
              "[taxonomies]\n"
              f"topics = {toml_list(topic_names)}\n"
              "+++\n\n" + body)
        write(hg / "content" / rel,
              "+++\n"
              f"title = {toml_str(title)}\n"
              f"description = {toml_str(description)}\n"
              f"date = {date_s}\n"
              f"topics = {toml_list(topic_names)}\n"
              "+++\n\n" + to_hugo_body(body))

    def pagers(n: int) -> int:
        return max(1, math.ceil(n / PAGINATE_BY))

    section_pagers = sum(pagers(c) for c in section_counts)
    term_pagers = sum(pagers(c) for c in term_counts.values())
    # Listing pages beyond the first of each paginated list.
    extra_list_pages = (section_pagers - SECTIONS) + (term_pagers - len(term_counts))
    expected = {
        # pages + home + sections (all their pagers) + taxonomy list + term pagers + 404
        "html_pages": n_pages + 1 + section_pagers + 1 + term_pagers + 1,
        # Hugo also writes a redirect at .../page/1/ for every paginated list
        # (one with more than one pager).
        "hugo_page1_redirects": sum(1 for c in section_counts if c > PAGINATE_BY)
        + sum(1 for c in term_counts.values() if c > PAGINATE_BY),
    }
    manifest = {
        "pages": n_pages,
        "seed": seed,
        "vocabulary": vocabulary,
        "distinct_words": len(distinct),
        "sections": SECTIONS,
        "pages_per_section": section_counts,
        "section_list_pages": section_pagers,
        "terms": len(term_counts),
        "term_list_pages": term_pagers,
        "extra_list_pages": extra_list_pages,
        "pages_with_code": code_pages,
        "body_words_total": words_total,
        "body_words_mean": round(words_total / n_pages) if n_pages else 0,
        "expected": expected,
    }
    write(out / "manifest.json", json.dumps(manifest, indent=2) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of pages (N)")
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--vocabulary", choices=VOCABULARIES, default="news",
                    help="news (default): Zipf-distributed, tens of thousands of words, names "
                    "and numbers; small: the few hundred words of the first corpus")
    args = ap.parse_args(argv)
    if args.pages < 1:
        ap.error("--pages must be at least 1")
    m = generate(args.pages, args.out, args.seed, args.vocabulary)
    print(f"wrote {args.pages} pages x 2 sites to {args.out} "
          f"({m['terms']} terms, {m['pages_with_code']} pages with code, "
          f"~{m['body_words_mean']} words/page, {m['distinct_words']:,} distinct words; expect {m['expected']['html_pages']} HTML pages)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

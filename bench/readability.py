#!/usr/bin/env python3
"""Readability of casefile content pages.

Usage: python3 bench/readability.py content/_index.md content/articles/*.md

For each markdown file, prints its word count, its Flesch-Kincaid grade
(English) and its reading ease: Flesch's for English, Fernandez-Huerta's (the
Spanish adaptation of Flesch's, on the same 0-100 scale, higher is easier)
for a Spanish translation (a file named `*.es.md`), so that a translation can
be held to its original's level,
measured with textstat on the page's plain text: the front matter, HTML
comments, headings, table separator rows, `[@fact]` citations and markdown
syntax are removed first. Links keep their text. List items and table
cells that do not end a sentence are treated as sentences of their own.
Headings are left out: they are short labels, not sentences, and counting
them as sentences would make a page look easier than it is.

Needs the standard library and textstat (`pip install textstat`).
textstat counts syllables with NLTK's CMU Pronouncing Dictionary and tries
to download it when it is missing. This script never downloads anything:
without the dictionary it counts syllables with Pyphen alone (as textstat
does for words the dictionary lacks) and says so.
"""

import re
import sys

import textstat

SYLLABLES = "cmudict"
try:
    import nltk

    nltk.data.find("corpora/cmudict")
except LookupError:
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = lambda lang: None
    SYLLABLES = "pyphen (the CMU dictionary is not installed)"

SENTENCE_END = (".", "?", "!", ":", "”", '"', ")")


def strip_front_matter(text: str) -> str:
    if text.startswith("+++"):
        end = text.find("\n+++", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def end_sentence(line: str) -> str:
    line = line.rstrip()
    if line and not line.endswith(SENTENCE_END):
        line += "."
    return line


def inline(text: str) -> str:
    text = re.sub(r"\[@[^\]]*\]", "", text)  # citations
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images: alt text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text
    text = re.sub(r"`([^`]*)`", r"\1", text)  # code spans
    text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)  # emphasis
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    text = re.sub(r"\s+\{#[^}]*\}", "", text)  # heading ids
    return re.sub(r"[ \t]+", " ", text).strip()


def plain_text(markdown: str) -> str:
    body = strip_front_matter(markdown)
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    out = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            out.append("")
            continue
        if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", line):
            continue  # table separator row
        while line.startswith(">"):
            line = line[1:].strip()
        if line.startswith("|"):
            cells = [inline(c) for c in line.strip("|").split("|")]
            out.append(" ".join(end_sentence(c) for c in cells if c))
            continue
        item = re.match(r"^([-*+]|\d+[.)])\s+(.*)$", line)
        if item:
            out.append(end_sentence(inline(item.group(2))))
            out.append("")
            continue
        out.append(inline(line))
    paragraphs = re.split(r"\n\s*\n", "\n".join(out))
    return "\n\n".join(
        end_sentence(" ".join(p.split())) for p in paragraphs if p.strip()
    )


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    width = max(len(p) for p in paths)
    version = textstat.__version__
    if isinstance(version, tuple):
        version = ".".join(map(str, version))
    print(f"textstat {version}; syllables counted with {SYLLABLES}")
    print(f"{'file':<{width}}  {'words':>5}  {'FK grade':>8}  {'ease':>5}  formula")
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = plain_text(f.read())
        spanish = path.endswith(".es.md")
        textstat.set_lang("es" if spanish else "en_US")
        words = textstat.lexicon_count(text, removepunct=True)
        if spanish:
            grade, ease, formula = "", textstat.fernandez_huerta(text), "Fernandez-Huerta"
        else:
            grade = f"{textstat.flesch_kincaid_grade(text):.1f}"
            ease, formula = textstat.flesch_reading_ease(text), "Flesch"
        print(f"{path:<{width}}  {words:>5}  {grade:>8}  {ease:>5.1f}  {formula}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

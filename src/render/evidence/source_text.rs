//! A source's archived text as HTML, with every quoted passage marked and
//! anchored, so that a reader sees each quote in its context.

use crate::evidence::{Evidence, Fact};
use crate::markdown::links::escape_attr;

/// The anchor of a fact's `n`th quote of one source, counted in the order
/// of the source's text: `q-FACT`, then `q2-FACT`, `q3-FACT`... (never
/// `q-FACT-2`, which would be fact `FACT-2`'s first quote).
pub fn quote_anchor(fact: &str, n: usize) -> String {
    if n <= 1 {
        format!("q-{fact}")
    } else {
        format!("q{n}-{fact}")
    }
}

/// The anchor of fact `f`'s `i`th citation on its source's page: its quotes
/// of that source are numbered in the order of the source's text (ties by
/// citation order), as [`highlight_quotes`] numbers the anchors it writes.
pub fn citation_anchor(f: &Fact, i: usize) -> String {
    let c = &f.citations[i];
    let key = |j: usize| (f.citations[j].range.start, f.citations[j].range.end, j);
    let n = 1
        + (0..f.citations.len())
            .filter(|&j| f.citations[j].source == c.source && key(j) < key(i))
            .count();
    quote_anchor(&f.id, n)
}

fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The archived text as paragraphs (one per line), with every quoted
/// passage in a `<mark>`; each quote's first mark carries its anchor.
pub fn highlight_quotes(
    text: &str,
    quoted: &[(std::ops::Range<usize>, usize)],
    ev: &Evidence,
) -> String {
    // Anchor names, numbered per fact in source order.
    let mut counts: std::collections::HashMap<usize, usize> = Default::default();
    let anchors: Vec<String> = quoted
        .iter()
        .map(|(_, f)| {
            let n = counts.entry(*f).or_insert(0);
            *n += 1;
            quote_anchor(&ev.facts[*f].id, *n)
        })
        .collect();
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for (r, _) in quoted {
        bounds.push(r.start);
        bounds.push(r.end);
    }
    for (i, _) in text.match_indices('\n') {
        bounds.push(i);
        bounds.push(i + 1);
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::from("<p>");
    let mut anchored = vec![false; quoted.len()];
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece = &text[a..b];
        if piece == "\n" {
            out.push_str("</p>\n<p>");
            continue;
        }
        let covering: Vec<usize> = (0..quoted.len())
            .filter(|&q| quoted[q].0.start <= a && b <= quoted[q].0.end)
            .collect();
        if covering.is_empty() {
            out.push_str(&escape_text(piece));
            continue;
        }
        let ids: Vec<&str> = covering
            .iter()
            .map(|&q| ev.facts[quoted[q].1].id.as_str())
            .collect();
        out.push_str("<mark data-facts=\"");
        out.push_str(&escape_attr(&ids.join(" ")));
        out.push('"');
        if let Some(&q) = covering.iter().find(|&&q| !anchored[q]) {
            anchored[q] = true;
            out.push_str(&format!(" id=\"{}\"", escape_attr(&anchors[q])));
        }
        out.push('>');
        // Any other quote starting here gets an empty anchor too.
        for &q in &covering {
            if !anchored[q] {
                anchored[q] = true;
                out.push_str(&format!(
                    "<span id=\"{}\"></span>",
                    escape_attr(&anchors[q])
                ));
            }
        }
        out.push_str(&escape_text(piece));
        out.push_str("</mark>");
    }
    out.push_str("</p>");
    out.replace("<p></p>", "").replace("<p></p>\n", "")
}

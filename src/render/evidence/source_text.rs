//! A source's archived text as HTML, with every quoted passage marked and
//! anchored, so that a reader sees each quote in its context.

use crate::evidence::{Evidence, Fact};
use crate::text::escape_attr;

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

/// The anchors of fact `f`'s citations on their sources' pages, one per
/// citation: its quotes of each source are numbered in the order of the
/// source's text (ties by citation order), as [`highlight_quotes`] numbers
/// the anchors it writes. Computed for all citations at once, in
/// O(c log c).
pub fn citation_anchors(f: &Fact) -> Vec<String> {
    let mut order: Vec<usize> = (0..f.citations.len()).collect();
    order.sort_by_key(|&j| {
        let c = &f.citations[j];
        (c.source, c.range.start, c.range.end, j)
    });
    let mut anchors = vec![String::new(); order.len()];
    let mut n = 0;
    for (k, &j) in order.iter().enumerate() {
        let same_source = k > 0 && f.citations[order[k - 1]].source == f.citations[j].source;
        n = if same_source { n + 1 } else { 1 };
        anchors[j] = quote_anchor(&f.id, n);
    }
    anchors
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
/// `quoted` is sorted by place, as `Evidence::build` leaves it.
pub fn highlight_quotes(
    text: &str,
    quoted: &[(std::ops::Range<usize>, usize)],
    ev: &Evidence,
) -> String {
    marked(text, quoted, |f| ev.facts[f].id.as_str())
}

/// [`highlight_quotes`] with the facts' ids from `id_of`.
///
/// One pass over the text, in pieces between consecutive boundaries (the
/// start and end of every quote, and both sides of every line break),
/// keeping the set of quotes open at each: linear in the text and the
/// marks written (it tested every quote against every piece, which made a
/// source quoted 20,000 times take seconds, and kept two offsets per line).
fn marked<'a>(
    text: &str,
    quoted: &[(std::ops::Range<usize>, usize)],
    id_of: impl Fn(usize) -> &'a str,
) -> String {
    // Anchor names, numbered per fact in source order.
    let mut counts: std::collections::HashMap<usize, usize> = Default::default();
    let anchors: Vec<String> = quoted
        .iter()
        .map(|(_, f)| {
            let n = counts.entry(*f).or_insert(0);
            *n += 1;
            quote_anchor(id_of(*f), *n)
        })
        .collect();
    let mut quote_bounds: Vec<usize> = quoted
        .iter()
        .flat_map(|(r, _)| [r.start, r.end])
        .filter(|&b| b < text.len())
        .collect();
    quote_bounds.sort_unstable();
    quote_bounds.dedup();
    let mut by_start: Vec<usize> = (0..quoted.len()).collect();
    by_start.sort_by_key(|&q| quoted[q].0.start);
    let mut by_end = by_start.clone();
    by_end.sort_by_key(|&q| quoted[q].0.end);
    let (mut starting, mut ending, mut next_bound) = (0, 0, 0);
    // Quotes covering the current piece, and those of them not anchored yet.
    let mut open: std::collections::BTreeSet<usize> = Default::default();
    let mut unanchored: Vec<usize> = Vec::new();
    // Where the next line break is, at or after the piece (the end of the
    // text when there is none).
    let next_break = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    let mut line_break = next_break(0);

    let mut out = String::with_capacity(text.len() + text.len() / 8);
    out.push_str("<p>");
    let mut paragraph = out.len();
    let mut a = 0;
    while a < text.len() {
        while ending < by_end.len() && quoted[by_end[ending]].0.end <= a {
            open.remove(&by_end[ending]);
            ending += 1;
        }
        while starting < by_start.len() && quoted[by_start[starting]].0.start <= a {
            let q = by_start[starting];
            if a < quoted[q].0.end {
                open.insert(q);
                unanchored.push(q);
            }
            starting += 1;
        }
        while next_bound < quote_bounds.len() && quote_bounds[next_bound] <= a {
            next_bound += 1;
        }
        if line_break < a {
            line_break = next_break(a);
        }
        if line_break == a {
            // An empty paragraph is left out.
            if out.len() == paragraph {
                out.truncate(paragraph - "<p>".len());
                out.push_str("\n<p>");
            } else {
                out.push_str("</p>\n<p>");
            }
            paragraph = out.len();
            a += 1;
            continue;
        }
        let b = quote_bounds
            .get(next_bound)
            .copied()
            .unwrap_or(text.len())
            .min(line_break);
        let piece = &text[a..b];
        a = b;
        if open.is_empty() {
            out.push_str(&escape_text(piece));
            continue;
        }
        out.push_str("<mark data-facts=\"");
        for (k, &q) in open.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(&escape_attr(id_of(quoted[q].1)));
        }
        out.push('"');
        // Every quote starting here is anchored: the first on the mark,
        // the others in empty spans.
        unanchored.retain(|q| open.contains(q));
        unanchored.sort_unstable();
        if let Some(&q) = unanchored.first() {
            out.push_str(&format!(" id=\"{}\"", escape_attr(&anchors[q])));
        }
        out.push('>');
        for &q in unanchored.iter().skip(1) {
            out.push_str(&format!(
                "<span id=\"{}\"></span>",
                escape_attr(&anchors[q])
            ));
        }
        unanchored.clear();
        out.push_str(&escape_text(piece));
        out.push_str("</mark>");
    }
    if out.len() == paragraph {
        out.truncate(paragraph - "<p>".len());
    } else {
        out.push_str("</p>");
    }
    out
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use proptest::prelude::*;

    use super::{escape_text, marked, quote_anchor};
    use crate::text::escape_attr;

    /// The source text as it was first marked, testing every quote against
    /// every piece: the reference the one-pass version must agree with.
    fn tested_per_piece(text: &str, quoted: &[(Range<usize>, usize)], ids: &[&str]) -> String {
        let mut counts: std::collections::HashMap<usize, usize> = Default::default();
        let anchors: Vec<String> = quoted
            .iter()
            .map(|(_, f)| {
                let n = counts.entry(*f).or_insert(0);
                *n += 1;
                quote_anchor(ids[*f], *n)
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
            let names: Vec<&str> = covering.iter().map(|&q| ids[quoted[q].1]).collect();
            out.push_str("<mark data-facts=\"");
            out.push_str(&escape_attr(&names.join(" ")));
            out.push('"');
            if let Some(&q) = covering.iter().find(|&&q| !anchored[q]) {
                anchored[q] = true;
                out.push_str(&format!(" id=\"{}\"", escape_attr(&anchors[q])));
            }
            out.push('>');
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Source pages must not change: on texts of words, line breaks
        /// and `<&>`, with overlapping, nested, repeated, empty and
        /// line-break quotes, one pass writes what testing every quote
        /// against every piece wrote.
        #[test]
        fn marks_what_testing_every_quote_wrote(
            text in "[ab\n<&]{0,24}",
            spans in proptest::collection::vec((0usize..25, 0usize..25, 0usize..3), 0..6),
        ) {
            let ids = ["f-one", "f-two", "f&three"];
            let mut quoted: Vec<(Range<usize>, usize)> = spans
                .iter()
                .map(|&(x, y, f)| {
                    let (x, y) = (x.min(text.len()), y.min(text.len()));
                    (x.min(y)..x.max(y), f)
                })
                .collect();
            quoted.sort_by_key(|(r, f)| (r.start, r.end, *f));
            prop_assert_eq!(
                marked(&text, &quoted, |f| ids[f]),
                tested_per_piece(&text, &quoted, &ids)
            );
        }
    }

    /// Linear in the quotes and the lines, by size: a source of 20,000
    /// lines quoted 20,000 times (a quote per line) is marked in a fraction
    /// of a second of a debug build; testing every quote against each of
    /// its 40,000 pieces (800 million tests) took seconds in a release
    /// build.
    #[test]
    fn a_source_quoted_many_times_is_marked_in_linear_time() {
        let n = 20_000;
        let text: String = (0..n).map(|i| format!("line {i}\n")).collect();
        let mut quoted = Vec::new();
        let mut at = 0;
        for i in 0..n {
            let len = format!("line {i}").len();
            quoted.push((at..at + len, 0));
            at += len + 1;
        }
        let html = marked(&text, &quoted, |_| "f");
        assert_eq!(html.matches("<mark").count(), n);
        assert!(html.contains(&format!("id=\"{}\"", quote_anchor("f", n))));
    }
}

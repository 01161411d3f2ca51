//! Acronyms spelt out where a reader meets them: at its first use on each
//! page, a glossary term with an expansion ("ICE") is followed by the
//! expansion in words ("ICE (Immigration and Customs Enforcement)"), unless
//! the page already says it just before or just after. Hover tooltips
//! (`<abbr title>`) are not enough: phones never show them.
//!
//! The pass runs over the finished HTML of every page, so it covers every
//! page type alike (articles, the timeline, people, the fact index, fact
//! pages...): only the text inside `<main>` is read, never a tag, an
//! attribute, a heading, navigation, code or a script, and never quoted
//! words (`<blockquote>`, `<q>`: quotes and archived source texts); the expansion goes after the
//! inline element that holds the term when the term is all of its text (a
//! glossary link), so links keep their words.

use aho_corasick::{AhoCorasick, MatchKind};

/// How far after a term the page may spell it out itself, in bytes of text.
const NEAR: usize = 200;

/// The terms to spell out, ready to find.
pub struct Acronyms {
    terms: Vec<(String, String)>,
    finder: Option<AhoCorasick>,
    /// Each term's expansion in lower case.
    lower: Vec<String>,
}

impl Acronyms {
    /// From `(term, expansion)` pairs; terms without an expansion are
    /// not given.
    pub fn new(terms: Vec<(String, String)>) -> Acronyms {
        let finder = (!terms.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(terms.iter().map(|(t, _)| t.as_str()))
                    .ok()
            })
            .flatten();
        let lower = terms.iter().map(|(_, e)| e.to_lowercase()).collect();
        Acronyms {
            terms,
            finder,
            lower,
        }
    }

    /// `html` with the first use of each term in `<main>` spelt out.
    pub fn expand(&self, html: String) -> String {
        let Some(finder) = &self.finder else {
            return html;
        };
        let (Some(start), Some(end)) = (html.find("<main"), html.rfind("</main>")) else {
            return html;
        };
        let pieces = text_pieces(&html, start, end);
        // All the text in lower case, to see whether the page spells a term
        // out itself, with where each piece starts in it: made at the first
        // term found (most pages of most sites have none); ASCII text, most
        // of it, the fast way.
        let mut lowered: Option<(String, Vec<usize>)> = None;
        let mut done = vec![false; self.terms.len()];
        let mut inserts: Vec<(usize, String)> = Vec::new();
        for (k, p) in pieces.iter().enumerate() {
            if p.skip {
                continue;
            }
            let piece = &html[p.range.clone()];
            for m in finder.find_iter(piece) {
                let t = m.pattern().as_usize();
                if done[t] || !whole_word(piece, m.start(), m.end()) {
                    continue;
                }
                done[t] = true;
                let expansion = &self.terms[t].1;
                let (lower, places) = lowered.get_or_insert_with(|| {
                    let mut text = String::new();
                    let mut places = Vec::with_capacity(pieces.len());
                    for p in &pieces {
                        places.push(text.len());
                        text.push_str(&html[p.range.clone()]);
                        text.push(' ');
                    }
                    (lowercase(&text), places)
                });
                let at_text = places[k] + m.start();
                let near = (at_text + m.len() + NEAR).min(lower.len());
                let near = (0..=near)
                    .rev()
                    .find(|&i| lower.is_char_boundary(i))
                    .unwrap_or(0);
                if lower[..near].contains(self.lower[t].as_str()) {
                    continue;
                }
                let mut at = p.range.start + m.end();
                if m.start() == 0 && m.end() == piece.len() {
                    at = after_closing_inline_tags(&html, at);
                }
                inserts.push((
                    at,
                    format!(
                        "<span class=\"expansion\"> ({})</span>",
                        crate::text::escape_attr(expansion)
                    ),
                ));
            }
        }
        if inserts.is_empty() {
            return html;
        }
        inserts.sort_by_key(|(at, _)| *at);
        let mut out = String::with_capacity(html.len() + inserts.len() * 48);
        let mut last = 0;
        for (at, s) in inserts {
            out.push_str(&html[last..at]);
            out.push_str(&s);
            last = at;
        }
        out.push_str(&html[last..]);
        out
    }
}

/// `text.to_lowercase()`, its ASCII runs a byte at a time (a page's text
/// is mostly ASCII; `to_lowercase` takes every character after the first
/// that is not one by one: a fifth of this pass on the explainer).
fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Σ is lowered by its neighbours (final sigma): the general way.
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut taken = rest.len();
        for (at, c) in rest.char_indices() {
            if c.is_ascii() {
                taken = at;
                break;
            }
            out.extend(c.to_lowercase());
        }
        rest = &rest[taken..];
    }
    out
}

fn whole_word(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Past the closing tags of inline elements (`</abbr></a>`) right at `at`.
fn after_closing_inline_tags(html: &str, mut at: usize) -> usize {
    loop {
        let rest = &html[at..];
        let Some(tag) = [
            "</abbr>",
            "</a>",
            "</span>",
            "</strong>",
            "</em>",
            "</b>",
            "</i>",
        ]
        .iter()
        .find(|t| rest.starts_with(**t)) else {
            return at;
        };
        at += tag.len();
    }
}

/// A run of text between tags, and whether it must not get an expansion
/// (inside a heading, code, a script, a form control...).
struct Piece {
    range: std::ops::Range<usize>,
    skip: bool,
}

/// The text between the tags of `html[start..end]`.
fn text_pieces(html: &str, start: usize, end: usize) -> Vec<Piece> {
    const SKIPPED: &[&str] = &[
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "script",
        "style",
        "textarea",
        "svg",
        "button",
        "label",
        "summary",
        "option",
        "template",
        "title",
        "time",
        "kbd",
        "nav",
        // Quoted words are never changed: quotes and archived texts.
        "blockquote",
        "q",
    ];
    let b = html.as_bytes();
    let mut pieces = Vec::new();
    let mut depth = [0usize; SKIPPED.len()];
    // How many skipped elements are open (the sum of `depth`).
    let mut open = 0usize;
    let mut i = start;
    while i < end {
        if b[i] == b'<' {
            let close = memchr::memchr(b'>', &b[i..end]).map_or(end, |e| i + e + 1);
            let tag = &html[i + 1..close.saturating_sub(1).max(i + 1)];
            let closing = tag.starts_with('/');
            let named = tag.trim_start_matches('/');
            let len = named.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let name = &named[..len];
            let self_closing = tag.ends_with('/');
            if let Some(k) = SKIPPED.iter().position(|s| s.eq_ignore_ascii_case(name)) {
                if closing {
                    if depth[k] > 0 {
                        depth[k] -= 1;
                        open -= 1;
                    }
                } else if !self_closing {
                    depth[k] += 1;
                    open += 1;
                }
                // A script's or style's text is not text.
                if !closing && matches!(SKIPPED[k], "script" | "style") {
                    let end_tag = format!("</{}", SKIPPED[k]);
                    i = html[close..end].find(&end_tag).map_or(end, |e| close + e);
                    continue;
                }
            }
            i = close;
        } else {
            let next = memchr::memchr(b'<', &b[i..end]).map_or(end, |e| i + e);
            pieces.push(Piece {
                range: i..next,
                skip: open > 0,
            });
            i = next;
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ice() -> Acronyms {
        Acronyms::new(vec![
            ("ICE".into(), "Immigration and Customs Enforcement".into()),
            (
                "CMS".into(),
                "Centers for Medicare and Medicaid Services".into(),
            ),
        ])
    }

    #[test]
    fn lowercase_is_to_lowercase() {
        for text in [
            "",
            "ICE and CMS",
            "Inmigración y Control de Aduanas — ÉTÉ, «Ñandú» İstanbul ǅ",
            "ΟΔΟΣ ΟΔΟΣ. Σ",
            "ẞ straße ＡＢＣ 𝐀",
            "a—b“c”d",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    #[test]
    fn the_first_use_in_main_is_spelt_out_once() {
        let html = "<header>ICE</header><main><h1>What ICE sees</h1><p>ICE gets data. ICE again, and CMS.</p></main><footer>ICE</footer>".to_string();
        let out = ice().expand(html);
        assert_eq!(
            out,
            "<header>ICE</header><main><h1>What ICE sees</h1><p>ICE<span class=\"expansion\"> (Immigration and Customs Enforcement)</span> gets data. ICE again, and CMS<span class=\"expansion\"> (Centers for Medicare and Medicaid Services)</span>.</p></main><footer>ICE</footer>"
        );
    }

    #[test]
    fn a_page_that_spells_it_out_is_left_alone() {
        for html in [
            "<main><p>Immigration and Customs Enforcement (ICE) says.</p></main>",
            "<main><p>ICE, or Immigration and Customs Enforcement, says.</p></main>",
        ] {
            assert_eq!(ice().expand(html.to_string()), html);
        }
    }

    #[test]
    fn links_keep_their_words_and_markup_is_never_touched() {
        let out = ice().expand(
            "<main><p title=\"ICE\"><a class=\"term\" href=\"/g/#ice\"><abbr title=\"x\">ICE</abbr></a> acts.</p><pre>ICE</pre><p>SLICE ICED</p></main>".into(),
        );
        assert!(
            out.contains("<abbr title=\"x\">ICE</abbr></a><span class=\"expansion\"> (Immigration and Customs Enforcement)</span> acts."),
            "{out}"
        );
        assert!(
            out.contains("<p title=\"ICE\">")
                && out.contains("<pre>ICE</pre>")
                && out.contains("SLICE ICED")
        );
        assert_eq!(out.matches("expansion").count(), 1);
    }

    #[test]
    fn quoted_words_are_never_changed() {
        let html = "<main><blockquote class=\"source-text\"><p>ICE will gain access.</p></blockquote><p>Then ICE acts.</p></main>";
        let out = ice().expand(html.to_string());
        assert!(out.contains("<p>ICE will gain access.</p>"), "{out}");
        assert!(out.contains("Then ICE<span"), "{out}");
    }

    #[test]
    fn scripts_and_code_are_not_text() {
        let html = "<main><script type=\"application/json\">{\"q\":\"ICE\"}</script><code>ICE</code><p>x</p></main>";
        assert_eq!(ice().expand(html.to_string()), html);
    }
}

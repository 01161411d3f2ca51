//! Pass: the first use of each glossary term on a page is marked up as a
//! link to its glossary entry, with `<abbr title>` when the term has an
//! expansion. Text in headings, links, images and code is left alone.
//!
//! Linear in the text and the glossary: one Aho-Corasick automaton of every
//! term (and one of every expansion) finds all of them in a single pass
//! over a text, built once per build at the first page that needs it. (A
//! search per term, repeated after each term marked, made a paragraph using
//! 3,000 terms take 23 s.)

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::events::Spanned;
use crate::text::escape_attr;

/// A glossary term to mark up at its first use on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The term as it appears in text ("CMS").
    pub term: String,
    /// URL of its glossary entry.
    pub url: String,
    /// What it stands for, for `<abbr title>`.
    pub expansion: Option<String>,
}

/// The glossary terms to mark, with the automata that find them.
#[derive(Debug, Default)]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
    finders: OnceLock<Finders>,
}

/// Every non-empty term and expansion, as automata reporting all matches
/// (overlapping ones too), and which entry each pattern belongs to.
#[derive(Debug)]
struct Finders {
    terms: Option<AhoCorasick>,
    term_entries: Vec<usize>,
    expansions: Option<AhoCorasick>,
}

impl Glossary {
    /// No terms.
    pub const fn empty() -> Glossary {
        Glossary {
            entries: Vec::new(),
            finders: OnceLock::new(),
        }
    }

    /// The glossary of these entries, in the order of the site.
    pub fn new(entries: Vec<GlossaryEntry>) -> Glossary {
        Glossary {
            entries,
            finders: OnceLock::new(),
        }
    }

    /// The entries.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    fn finders(&self) -> &Finders {
        self.finders.get_or_init(|| {
            let (term_entries, terms): (Vec<usize>, Vec<&str>) = self
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.term.is_empty())
                .map(|(i, e)| (i, e.term.as_str()))
                .unzip();
            let expansions: Vec<&str> = self
                .entries
                .iter()
                .filter_map(|e| e.expansion.as_deref())
                .filter(|x| !x.is_empty())
                .collect();
            // Building fails only past billions of automaton states, far
            // beyond any glossary file; such a glossary marks nothing.
            let build = |patterns: &[&str]| {
                (!patterns.is_empty())
                    .then(|| AhoCorasick::new(patterns).ok())
                    .flatten()
            };
            Finders {
                terms: build(&terms),
                term_entries,
                expansions: build(&expansions),
            }
        })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Where the text spells out a term's expansion ("Centers for Medicare and
/// Medicaid Services"), merged and sorted: terms inside it ("Medicaid") are
/// not marked there.
fn expansions_in(text: &str, finder: Option<&AhoCorasick>) -> Vec<Range<usize>> {
    let Some(finder) = finder else {
        return Vec::new();
    };
    let mut found: Vec<Range<usize>> = finder
        .find_overlapping_iter(text)
        .map(|m| m.range())
        .collect();
    found.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for r in found {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Whether `at` is inside one of the sorted, disjoint `ranges`.
fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.start <= at)
}

/// Whether `before` (the text before a use of `entry`) ends with the
/// term's expansion and an opening parenthesis: "Centers for Medicare and
/// Medicaid Services (" before "CMS".
fn spelled_out(entry: &GlossaryEntry, before: &str) -> bool {
    entry.expansion.as_deref().is_some_and(|x| {
        let before = before.trim_end_matches([' ', '\u{a0}']);
        let Some(before) = before.strip_suffix('(') else {
            return false;
        };
        let before = before.trim_end_matches([' ', '\u{a0}']);
        !x.is_empty()
            && before.len() >= x.len()
            && before.is_char_boundary(before.len() - x.len())
            && before[before.len() - x.len()..].eq_ignore_ascii_case(x)
    })
}

/// `spelled_out`: the text gives the expansion right before the term
/// ("Centers for Medicare and Medicaid Services (CMS)"), so no `title`
/// repeats it.
fn markup(entry: &GlossaryEntry, text: &str, spelled_out: bool) -> String {
    let inner = match &entry.expansion {
        Some(_) if spelled_out => escape_attr(text),
        Some(x) => format!(
            "<abbr title=\"{}\">{}</abbr>",
            escape_attr(x),
            escape_attr(text)
        ),
        None => escape_attr(text),
    };
    format!(
        "<a class=\"term\" href=\"{}\">{inner}</a>",
        escape_attr(&entry.url)
    )
}

/// Marks, in one text, the first whole-word use of each term not yet
/// `done`, from left to right: at each place the earliest term of the
/// glossary that starts there wins, and marking continues after it. A term
/// right after a marked one needs no word boundary before it. Returns the
/// pieces, or `None` when no term was marked.
fn mark_text<'a>(
    text: &str,
    glossary: &Glossary,
    done: &mut [bool],
    remaining: &mut usize,
) -> Option<Vec<Event<'a>>> {
    let finders = glossary.finders();
    let entries = glossary.entries();
    let terms = finders.terms.as_ref()?;
    // (start, entry, end) of every use not followed by a word character.
    let mut uses: Vec<(usize, usize, usize)> = terms
        .find_overlapping_iter(text)
        .map(|m| {
            (
                m.start(),
                finders.term_entries[m.pattern().as_usize()],
                m.end(),
            )
        })
        .filter(|&(_, entry, end)| {
            !done[entry] && !text[end..].chars().next().is_some_and(is_word_char)
        })
        .collect();
    if uses.is_empty() {
        return None;
    }
    uses.sort_unstable();
    let protected = expansions_in(text, finders.expansions.as_ref());
    let mut pieces: Vec<Event<'a>> = Vec::new();
    let mut cursor = 0;
    for (start, entry, end) in uses {
        if start < cursor || done[entry] || inside(&protected, start) {
            continue;
        }
        if start > cursor && text[..start].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        if start > cursor {
            pieces.push(Event::Text(CowStr::from(text[cursor..start].to_string())));
        }
        pieces.push(Event::InlineHtml(CowStr::from(markup(
            &entries[entry],
            &text[start..end],
            spelled_out(&entries[entry], &text[..start]),
        ))));
        done[entry] = true;
        *remaining -= 1;
        cursor = end;
        if *remaining == 0 {
            break;
        }
    }
    if pieces.is_empty() {
        return None;
    }
    if cursor < text.len() {
        pieces.push(Event::Text(CowStr::from(text[cursor..].to_string())));
    }
    Some(pieces)
}

/// Marks first uses of the terms of `glossary` in place.
pub fn mark_first_uses(events: &mut Vec<Spanned<'_>>, glossary: &Glossary) {
    let entries = glossary.entries();
    let mut done = vec![false; entries.len()];
    let mut remaining = entries.iter().filter(|e| !e.term.is_empty()).count();
    if remaining == 0 {
        return;
    }
    let mut skip_depth = 0usize;
    // Each marked term turns one text into a few pieces: the texts that
    // changed are replaced once all are known, in one pass.
    let mut changed: Vec<(usize, Vec<Event<'_>>)> = Vec::new();
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(
                Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_),
            ) => {
                skip_depth += 1;
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            Event::Text(text) if skip_depth == 0 => {
                if let Some(pieces) = mark_text(text, glossary, &mut done, &mut remaining) {
                    changed.push((i, pieces));
                    if remaining == 0 {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    if changed.is_empty() {
        return;
    }
    // In place, from the end: each changed text takes its pieces' room.
    let old_len = events.len();
    let added: usize = changed.iter().map(|(_, p)| p.len() - 1).sum();
    events.resize_with(old_len + added, || (Event::SoftBreak, 0..0));
    let mut write = events.len();
    let mut changed = changed.into_iter().rev().peekable();
    for read in (0..old_len).rev() {
        if changed.peek().is_none() {
            break;
        }
        write -= 1;
        match changed.next_if(|(at, _)| *at == read) {
            Some((_, pieces)) => {
                let range = events[read].1.clone();
                write -= pieces.len() - 1;
                for (k, piece) in pieces.into_iter().enumerate() {
                    events[write + k] = (piece, range.clone());
                }
            }
            None => events.swap(read, write),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use pulldown_cmark::{CowStr, Event};

    use super::GlossaryEntry;
    use super::{mark_text, markup, Glossary};
    use crate::markdown::testing::render_md;

    /// The pass as it first was, a search per term repeated after each
    /// term marked: the reference the automata must agree with.
    fn searched_per_term(text: &str, entries: &[GlossaryEntry]) -> Vec<Event<'static>> {
        fn is_word_char(c: char) -> bool {
            c.is_alphanumeric() || c == '_'
        }
        fn find_word(
            text: &str,
            term: &str,
            protected: &[std::ops::Range<usize>],
        ) -> Option<usize> {
            if term.is_empty() {
                return None;
            }
            let mut from = 0;
            while let Some(i) = text[from..].find(term).map(|i| i + from) {
                let before = text[..i].chars().next_back();
                let after = text[i + term.len()..].chars().next();
                let inside = protected.iter().any(|r| r.start <= i && i < r.end);
                if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) && !inside
                {
                    return Some(i);
                }
                from = i + term.len();
                while !text.is_char_boundary(from) {
                    from += 1;
                }
            }
            None
        }
        let mut done = vec![false; entries.len()];
        let mut rest = text;
        let mut pieces = Vec::new();
        loop {
            let protected: Vec<std::ops::Range<usize>> = entries
                .iter()
                .filter_map(|e| e.expansion.as_deref())
                .filter(|x| !x.is_empty())
                .flat_map(|x| rest.match_indices(x).map(move |(i, m)| i..i + m.len()))
                .collect();
            let next = entries
                .iter()
                .enumerate()
                .filter(|(i, _)| !done[*i])
                .filter_map(|(i, e)| find_word(rest, &e.term, &protected).map(|at| (at, i)))
                .min();
            let Some((at, i)) = next else { break };
            let len = entries[i].term.len();
            if at > 0 {
                pieces.push(Event::Text(CowStr::from(rest[..at].to_string())));
            }
            let offset = text.len() - rest.len() + at;
            pieces.push(Event::InlineHtml(CowStr::from(markup(
                &entries[i],
                &rest[at..at + len],
                super::spelled_out(&entries[i], &text[..offset]),
            ))));
            done[i] = true;
            rest = &rest[at + len..];
        }
        if !pieces.is_empty() && !rest.is_empty() {
            pieces.push(Event::Text(CowStr::from(rest.to_string())));
        }
        pieces
    }

    fn entry(term: &str, expansion: Option<&str>) -> GlossaryEntry {
        GlossaryEntry {
            term: term.into(),
            url: format!("/glossary/#{term}"),
            expansion: expansion.map(str::to_string),
        }
    }

    fn marked(text: &str, glossary: &Glossary) -> Vec<Event<'static>> {
        let mut done = vec![false; glossary.entries().len()];
        let mut remaining = glossary
            .entries()
            .iter()
            .filter(|e| !e.term.is_empty())
            .count();
        mark_text(text, glossary, &mut done, &mut remaining).unwrap_or_default()
    }

    const WORDS: [&str; 13] = [
        "ICE",
        "NICE",
        "ICED",
        "CMS",
        "Medicaid",
        "Medicare",
        "Services",
        "Centers for",
        "and",
        ", ",
        " ",
        "é",
        "Centers for Medicare and Medicaid Services",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Pages must not change: on texts made of terms, words that
        /// contain them, expansions and punctuation, the automata mark what
        /// a search per term marked.
        #[test]
        fn marks_what_a_search_per_term_marked(
            picks in proptest::collection::vec(0..WORDS.len(), 0..30),
        ) {
            let text: String = picks.iter().map(|&i| WORDS[i]).collect();
            let entries = vec![
                entry("CMS", Some("Centers for Medicare and Medicaid Services")),
                entry("Medicaid", None),
                entry("ICE", Some("Immigration and Customs Enforcement")),
                entry("ICED", None),
                entry("Medicaid Services", None),
                entry("", Some("and Medicaid")),
                entry("CMS", None),
            ];
            let glossary = Glossary::new(entries.clone());
            prop_assert_eq!(marked(&text, &glossary), searched_per_term(&text, &entries));
        }
    }

    #[test]
    fn whole_words_only() {
        let g = Glossary::new(vec![entry("ICE", None), entry("ICED", None)]);
        let html = |text: &str| -> String {
            marked(text, &g)
                .iter()
                .map(|e| match e {
                    Event::Text(t) => t.to_string(),
                    Event::InlineHtml(h) => format!("[{h}]"),
                    _ => unreachable!(),
                })
                .collect()
        };
        assert_eq!(
            html("ICE and ICED"),
            "[<a class=\"term\" href=\"/glossary/#ICE\">ICE</a>] and [<a class=\"term\" href=\"/glossary/#ICED\">ICED</a>]"
        );
        assert_eq!(html("NICE DICEY"), "");
        assert!(html("NICE ICE").starts_with("NICE [<a"));
    }

    /// Linear in the text and the terms, by size: a paragraph using each of
    /// 2,000 terms is marked in a fraction of a second of a debug build; a
    /// search per term repeated after each term marked (about 10¹⁰ steps)
    /// took 23 s at 3,000 terms in a release build.
    #[test]
    fn many_terms_in_one_paragraph_are_marked_in_linear_time() {
        let n = 2_000;
        let entries: Vec<GlossaryEntry> =
            (0..n).map(|i| entry(&format!("Term{i}"), None)).collect();
        let g = Glossary::new(entries);
        let text: String = (0..n).map(|i| format!("Term{i} and text. ")).collect();
        let pieces = marked(&text, &g);
        let links = pieces
            .iter()
            .filter(|e| matches!(e, Event::InlineHtml(_)))
            .count();
        assert_eq!(links, n);
    }

    /// Texts that change are replaced in place, each by its pieces, with
    /// the events between them kept in order.
    #[test]
    fn terms_in_several_texts_are_marked_in_place() {
        let (r, _) = render_md("The CMS said.\n\n*Medicaid* pays; CMS and Medicaid.\n\nEnd.\n");
        assert_eq!(
            r.html,
            "<p>The <a class=\"term\" href=\"/glossary/#cms\"><abbr title=\"Centers for Medicare and Medicaid Services\">CMS</abbr></a> said.</p>\n\
             <p><em><a class=\"term\" href=\"/glossary/#medicaid\">Medicaid</a></em> pays; CMS and Medicaid.</p>\n\
             <p>End.</p>\n"
        );
    }

    #[test]
    fn a_term_inside_another_terms_expansion_is_not_marked() {
        let (r, _) = render_md("The Centers for Medicare and Medicaid Services (CMS) said.\n");
        assert!(
            r.html
                .contains("Centers for Medicare and Medicaid Services ("),
            "{}",
            r.html
        );
        // Spelled out right before it, the term links to its entry with no
        // `title` repeating the words beside it.
        assert!(
            r.html
                .contains("Services (<a class=\"term\" href=\"/glossary/#cms\">CMS</a>) said."),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<abbr"), "{}", r.html);
    }

    #[test]
    fn first_use_only_and_not_in_headings_or_links() {
        let (r, _) = render_md("## CMS\n\nThe CMS said. CMS again. [CMS](https://x.org)\n");
        assert_eq!(r.html.matches("<abbr").count(), 1, "{}", r.html);
        assert!(r.html.contains("The <a class=\"term\" href=\"/glossary/#cms\"><abbr title=\"Centers for Medicare and Medicaid Services\">CMS</abbr></a> said."), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"cms\">CMS</h2>"));
    }
}

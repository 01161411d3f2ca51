//! Pass: the first use of each glossary term on a page is marked up as a
//! link to its glossary entry, with `<abbr title>` when the term has an
//! expansion. Text in headings, links, images and code is left alone.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::links::{escape_attr, GlossaryEntry};
use super::{Context, Spanned};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte index of the first whole-word occurrence of `term` in `text` that
/// is not inside one of the `protected` ranges.
fn find_word(text: &str, term: &str, protected: &[std::ops::Range<usize>]) -> Option<usize> {
    if term.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(term).map(|i| i + from) {
        let before = text[..i].chars().next_back();
        let after = text[i + term.len()..].chars().next();
        let inside = protected.iter().any(|r| r.start <= i && i < r.end);
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) && !inside {
            return Some(i);
        }
        from = i + term.len();
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Where the text spells out a term's expansion ("Centers for Medicare and
/// Medicaid Services"): terms inside it ("Medicaid") are not marked there.
fn expansions_in(text: &str, entries: &[GlossaryEntry]) -> Vec<std::ops::Range<usize>> {
    entries
        .iter()
        .filter_map(|e| e.expansion.as_deref())
        .filter(|x| !x.is_empty())
        .flat_map(|x| text.match_indices(x).map(move |(i, m)| i..i + m.len()))
        .collect()
}

fn markup(entry: &GlossaryEntry, text: &str) -> String {
    let inner = match &entry.expansion {
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

/// Marks first uses in place.
pub fn mark_first_uses(events: &mut Vec<Spanned<'_>>, cx: &Context<'_>) {
    let entries = cx.resolver.glossary();
    if entries.is_empty() {
        return;
    }
    let mut done = vec![false; entries.len()];
    let mut skip_depth = 0usize;
    let mut out: Vec<Spanned<'_>> = Vec::with_capacity(events.len());
    for (event, range) in std::mem::take(events) {
        match &event {
            Event::Start(
                Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_),
            ) => {
                skip_depth += 1;
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            Event::Text(text) if skip_depth == 0 && done.iter().any(|d| !d) => {
                let mut rest: &str = text;
                let mut pieces: Vec<Event<'_>> = Vec::new();
                loop {
                    let protected = expansions_in(rest, entries);
                    let next = entries
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !done[*i])
                        .filter_map(|(i, e)| find_word(rest, &e.term, &protected).map(|at| (at, i)))
                        .min();
                    let Some((at, i)) = next else { break };
                    let term_len = entries[i].term.len();
                    if at > 0 {
                        pieces.push(Event::Text(CowStr::from(rest[..at].to_string())));
                    }
                    pieces.push(Event::InlineHtml(CowStr::from(markup(
                        &entries[i],
                        &rest[at..at + term_len],
                    ))));
                    done[i] = true;
                    rest = &rest[at + term_len..];
                }
                if pieces.is_empty() {
                    out.push((event, range));
                } else {
                    if !rest.is_empty() {
                        pieces.push(Event::Text(CowStr::from(rest.to_string())));
                    }
                    out.extend(pieces.into_iter().map(|e| (e, range.clone())));
                }
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    *events = out;
}

#[cfg(test)]
mod tests {
    use super::find_word;
    use crate::markdown::testing::render_md;

    #[test]
    fn whole_words_only() {
        assert_eq!(find_word("ICE and ICED", "ICED", &[]), Some(8));
        assert_eq!(find_word("NICE ICE", "ICE", &[]), Some(5));
        assert_eq!(find_word("DICEY", "ICE", &[]), None);
        let protected = std::slice::from_ref(&(0..3));
        assert_eq!(find_word("ICE, then ICE", "ICE", protected), Some(10));
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
        assert!(r
            .html
            .contains("<abbr title=\"Centers for Medicare and Medicaid Services\">CMS</abbr>"));
    }

    #[test]
    fn first_use_only_and_not_in_headings_or_links() {
        let (r, _) = render_md("## CMS\n\nThe CMS said. CMS again. [CMS](https://x.org)\n");
        assert_eq!(r.html.matches("<abbr").count(), 1, "{}", r.html);
        assert!(r.html.contains("The <a class=\"term\" href=\"/glossary/#cms\"><abbr title=\"Centers for Medicare and Medicaid Services\">CMS</abbr></a> said."), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"cms\">CMS</h2>"));
    }
}

//! Pass: fact citations, `[@fact-id]` or `[@one; @two]`.
//!
//! The syntax is Pandoc's citation syntax, which writers may know already.
//! pulldown-cmark sees `[@id]` as a reference link without a definition;
//! [`callback`] accepts it as a link (of an "unknown" link type, which only
//! this callback makes), and [`mark`] replaces that link with numbered
//! citation marks, reading the ids from the link's label. Numbers follow the
//! order in which facts are first cited on the page; each mark links to the
//! fact's permalink and is described by the page's list of citations.
//!
//! The callback's link has an empty address on purpose: pulldown-cmark
//! stops expanding reference links once their addresses add up to the
//! length of the page (its guard against quadratic output), and an address
//! per citation made the last citations of a page dense with them plain,
//! unchecked text.
//!
//! Linear in the citations of a page: a fact's number is looked up in a map,
//! not found by searching the facts cited before it.

use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Tag, TagEnd};

use super::context::{Context, LinkProblem};
use super::events::Spanned;
use crate::text::escape_attr;

/// The broken-link callback: `[@...]` becomes a citation link.
pub fn callback<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    link.reference
        .trim()
        .starts_with('@')
        .then(|| (CowStr::from(""), CowStr::from("")))
}

/// The ids of a citation link (`@one; @two`), or `None` for other links.
fn citation(tag: &Tag<'_>) -> Option<String> {
    match tag {
        Tag::Link {
            link_type:
                LinkType::ReferenceUnknown | LinkType::CollapsedUnknown | LinkType::ShortcutUnknown,
            id,
            ..
        } => Some(id.trim().to_string()),
        _ => None,
    }
}

/// Replaces citation links with marks, in place (a mark takes the room of
/// its link's events); returns the canonical ids of the facts cited, in
/// order of first citation.
pub fn mark(events: &mut Vec<Spanned<'_>>, cx: &mut Context<'_>) -> Vec<String> {
    let mut cited: Vec<String> = Vec::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let (mut read, mut write) = (0, 0);
    while read < events.len() {
        let refs = match &events[read].0 {
            Event::Start(tag) => citation(tag),
            _ => None,
        };
        let Some(refs) = refs else {
            events.swap(write, read);
            write += 1;
            read += 1;
            continue;
        };
        let range = events[read].1.clone();
        // Skip the link text up to its end.
        let mut depth = 0usize;
        read += 1;
        while read < events.len() {
            read += 1;
            match &events[read - 1].0 {
                Event::Start(Tag::Link { .. }) => depth += 1,
                Event::End(TagEnd::Link) if depth == 0 => break,
                Event::End(TagEnd::Link) => depth -= 1,
                _ => {}
            }
        }
        let mut html = String::from("<sup>");
        let mut any = false;
        for raw in refs.split(';') {
            let id = raw.trim().trim_start_matches('@').trim();
            if id.is_empty() {
                cx.error(
                    range.start,
                    "empty citation",
                    "write the id of a fact after @, e.g. [@ice-access-hours]",
                );
                continue;
            }
            match cx.resolver.fact(id) {
                Ok((canonical, url)) => {
                    let n = *numbers.entry(canonical.clone()).or_insert_with(|| {
                        cited.push(canonical.clone());
                        cited.len()
                    });
                    any = true;
                    html.push_str(&format!(
                        "<a class=\"cite-ref\" href=\"{}\" aria-describedby=\"note-{}\">[{n}]</a>",
                        escape_attr(&url),
                        escape_attr(&canonical),
                    ));
                }
                Err(problem) => cx.error(
                    range.start,
                    format!("unknown fact `{id}` in a citation"),
                    match problem {
                        LinkProblem::NotFound {
                            suggestion: Some(s),
                        } => format!("did you mean `[@{s}]`?"),
                        _ => "cite the id of a fact in content/facts/".to_string(),
                    },
                ),
            }
        }
        html.push_str("</sup>");
        if any {
            events[write] = (Event::InlineHtml(CowStr::from(html)), range);
            write += 1;
        }
    }
    events.truncate(write);
    cited
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::SourceFile;
    use crate::markdown::testing::render_md;
    use crate::markdown::MarkdownConfig;
    use crate::markdown::{render, Context, LinkProblem, Resolver};

    /// Knows every fact whose id starts with `f`.
    struct AnyFact;
    impl Resolver for AnyFact {
        fn resolve(&self, _: &str) -> Result<String, LinkProblem> {
            Err(LinkProblem::NotFound { suggestion: None })
        }
        fn fact(&self, id: &str) -> Result<(String, String), LinkProblem> {
            match id.starts_with('f') {
                true => Ok((id.to_string(), format!("/facts/{id}/"))),
                false => Err(LinkProblem::NotFound { suggestion: None }),
            }
        }
    }

    /// Linear in the citations of a page, by size: 100,000 different facts
    /// cited twice each take a few seconds of a debug build; finding each
    /// fact's number among those cited before (10 billion comparisons) took
    /// minutes.
    #[test]
    fn many_facts_are_numbered_in_linear_time() {
        let n = 100_000;
        let md: String = (0..2 * n).map(|i| format!("[@f{}] ", i % n)).collect();
        let config = MarkdownConfig::default();
        let file = SourceFile::new("content/t.md", md.clone());
        let mut cx = Context {
            config: &config,
            file: &file,
            body_offset: 0,
            resolver: &AnyFact,
            search_text: false,
            diagnostics: Vec::new(),
        };
        let r = render(&md, &mut cx);
        assert!(cx.diagnostics.is_empty(), "{:?}", cx.diagnostics[0]);
        assert_eq!(r.cited.len(), n);
        assert_eq!(r.cited[n - 1], format!("f{}", n - 1));
        assert_eq!(r.html.matches(&format!(">[{n}]</a>")).count(), 2);
    }

    #[test]
    fn citations_are_numbered_by_first_use() {
        let (r, d) = render_md("One.[@f-one] Two.[@f-two; @f-one]\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(r.cited, ["f-one", "f-two"]);
        assert!(r.html.contains("href=\"/facts/f-one/\""), "{}", r.html);
        assert!(
            r.html
                .contains(">[2]</a><a class=\"cite-ref\" href=\"/facts/f-one/\""),
            "{}",
            r.html
        );
    }

    /// pulldown-cmark expands reference links until their addresses add up
    /// to the length of the page; with an address per citation the last
    /// fifth of this page stayed `[@f-one]` text, and the unknown fact at
    /// its end was never reported.
    #[test]
    fn a_page_dense_with_citations_has_every_one_checked() {
        let md = format!("{}[@unknown]\n", "[@f-one] ".repeat(50_000));
        let (r, d) = render_md(&md);
        assert_eq!(r.html.matches("class=\"cite-ref\"").count(), 50_000);
        assert!(!r.html.contains("[@"), "a citation left as text");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "unknown fact `unknown` in a citation");
    }

    #[test]
    fn alias_cites_the_canonical_fact() {
        let (r, _) = render_md("Old.[@old-one]\n");
        assert_eq!(r.cited, ["f-one"]);
    }

    #[test]
    fn unknown_fact_is_an_error_with_a_suggestion() {
        let (_, d) = render_md("Line.\n\nClaim.[@f-onee]\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (4, 7));
        assert_eq!(d[0].help.as_deref(), Some("did you mean `[@f-one]`?"));
    }

    #[test]
    fn ordinary_brackets_and_footnotes_are_left_alone() {
        let (r, d) = render_md("A [note] and a footnote[^1].\n\n[^1]: Text.\n");
        assert!(d.is_empty());
        assert!(r.cited.is_empty());
        assert!(r.html.contains("[note]"));
    }
}

//! Pass: fact citations, `[@fact-id]` or `[@one; @two]`.
//!
//! The syntax is Pandoc's citation syntax, which writers may know already.
//! pulldown-cmark sees `[@id]` as a reference link without a definition;
//! [`callback`] turns it into a link to `casefile-cite:@id`, and [`mark`]
//! replaces that link with numbered citation marks. Numbers follow the order
//! in which facts are first cited on the page; each mark links to the fact's
//! permalink and is described by the page's list of citations.

use pulldown_cmark::{BrokenLink, CowStr, Event, Tag, TagEnd};

use super::links::{escape_attr, LinkProblem};
use super::{Context, Spanned};

pub(super) const SCHEME: &str = "casefile-cite:";

/// The broken-link callback: `[@...]` becomes a citation link.
pub fn callback<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    let reference = link.reference.trim();
    reference.starts_with('@').then(|| {
        (
            CowStr::from(format!("{SCHEME}{reference}")),
            CowStr::from(""),
        )
    })
}

/// Replaces citation links with marks; returns the canonical ids of the
/// facts cited, in order of first citation.
pub fn mark(events: &mut Vec<Spanned<'_>>, cx: &mut Context<'_>) -> Vec<String> {
    let mut cited: Vec<String> = Vec::new();
    let mut out: Vec<Spanned<'_>> = Vec::with_capacity(events.len());
    let mut iter = std::mem::take(events).into_iter();
    while let Some((event, range)) = iter.next() {
        let refs = match &event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(SCHEME) => {
                dest_url[SCHEME.len()..].to_string()
            }
            _ => {
                out.push((event, range));
                continue;
            }
        };
        // Skip the link text up to its end.
        let mut depth = 0usize;
        for (e, _) in iter.by_ref() {
            match e {
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
                    let n = match cited.iter().position(|c| *c == canonical) {
                        Some(i) => i + 1,
                        None => {
                            cited.push(canonical.clone());
                            cited.len()
                        }
                    };
                    any = true;
                    html.push_str(&format!(
                        "<a class=\"cite-ref\" href=\"{}\" aria-describedby=\"cite-note-{}\">[{n}]</a>",
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
            out.push((Event::InlineHtml(CowStr::from(html)), range));
        }
    }
    *events = out;
    cited
}

#[cfg(test)]
mod tests {
    use crate::markdown::testing::render_md;

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

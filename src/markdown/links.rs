//! Pass: internal links by content path, anchors, and external links.
//!
//! `[text](@/articles/x.md#anchor)` links to the page built from
//! `content/articles/x.md`; the build fails if that file does not exist (or
//! is a draft left out), with the closest path suggested. Anchors on other
//! pages are returned as [`AnchorRef`]s and checked once every page is
//! rendered; `#anchor` on the same page is checked here. External links get
//! `rel="noopener noreferrer"`.
//!
//! Linear in the links and headings of a page: anchors are looked up in a
//! set, and only the first [`ANCHOR_SUGGESTIONS`] broken anchors of a page
//! are compared with every id for a "did you mean".

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::context::{Context, LinkProblem};
use super::events::Spanned;
use crate::text::escape_attr;

/// The kinds of record `[text](@KIND/ID)` can link to.
pub const RECORD_KINDS: &[&str] = &["fact", "source", "person", "term", "lawsuit", "event"];

/// A link to an anchor on another page, to check when all pages are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    /// Content path of the target.
    pub target: String,
    /// The anchor (without `#`).
    pub anchor: String,
    /// Byte offset of the link in the file.
    pub offset: usize,
}

/// How many broken anchors of one page get a "did you mean": finding the
/// closest id compares the anchor with every id of the page it links to, so
/// without a limit 20,000 broken anchors to a page of 20,000 headings would
/// compare 400 million pairs. The ones after get the plain help.
pub const ANCHOR_SUGGESTIONS: usize = 100;

/// Whether a URL leaves the site.
pub fn is_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Rewrites links in place; returns cross-page anchor references.
pub fn rewrite(
    events: &mut [Spanned<'_>],
    own_ids: &[String],
    cx: &mut Context<'_>,
) -> Vec<AnchorRef> {
    let mut refs = Vec::new();
    // Built at the first same-page anchor.
    let mut own: Option<HashSet<&str>> = None;
    let mut broken_anchors = 0;
    // For each open link, whether it was replaced by raw HTML (external).
    let mut open: Vec<bool> = Vec::new();
    for (event, range) in events.iter_mut() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                if matches!(link_type, LinkType::Email) {
                    open.push(false);
                    continue;
                }
                let dest = dest_url.to_string();
                if let Some(path) = dest.strip_prefix("@/") {
                    let (file, anchor) = match path.split_once('#') {
                        Some((f, a)) => (f, Some(a)),
                        None => (path, None),
                    };
                    match cx.resolver.resolve(file) {
                        Ok(url) => {
                            let full = match anchor {
                                Some(a) => {
                                    refs.push(AnchorRef {
                                        target: cx.resolver.resolved_rel(file),
                                        anchor: a.to_string(),
                                        offset: cx.body_offset + range.start,
                                    });
                                    format!("{url}#{a}")
                                }
                                None => url,
                            };
                            *dest_url = CowStr::from(full);
                        }
                        Err(LinkProblem::NotFound { suggestion }) => cx.error(
                            range.start,
                            format!("broken internal link: `content/{file}` does not exist"),
                            match suggestion {
                                Some(s) => format!("did you mean `@/{s}`?"),
                                None => "link to a file under content/, e.g. `@/articles/the-agreement.md`".into(),
                            },
                        ),
                        Err(LinkProblem::Draft) => cx.error(
                            range.start,
                            format!("internal link to `content/{file}`, which is a draft"),
                            "publish the page (draft = false), remove the link, or build with --drafts",
                        ),
                    }
                    open.push(false);
                } else if let Some((kind, id)) =
                    dest.strip_prefix('@').and_then(|rest| rest.split_once('/'))
                {
                    if !RECORD_KINDS.contains(&kind) {
                        cx.error(
                            range.start,
                            format!("unknown kind of link `@{kind}/`"),
                            format!(
                                "{} (links: @/path/to/file.md, or @KIND/ID with KIND one of {})",
                                crate::diagnostics::suggestion(kind, RECORD_KINDS),
                                RECORD_KINDS.join(", ")
                            ),
                        );
                    } else {
                        match cx.resolver.resolve_record(kind, id) {
                            Ok(url) => *dest_url = CowStr::from(url),
                            Err(problem) => cx.error(
                                range.start,
                                format!("unknown {kind} `{id}`"),
                                match problem {
                                    LinkProblem::NotFound {
                                        suggestion: Some(s),
                                    } => {
                                        format!("did you mean `@{kind}/{s}`?")
                                    }
                                    _ => format!("link to the id of an existing {kind}"),
                                },
                            ),
                        }
                    }
                    open.push(false);
                } else if let Some(anchor) = dest.strip_prefix('#') {
                    let own =
                        own.get_or_insert_with(|| own_ids.iter().map(String::as_str).collect());
                    if !anchor.is_empty() && !own.contains(anchor) {
                        broken_anchors += 1;
                        let suggestion = (broken_anchors <= ANCHOR_SUGGESTIONS)
                            .then(|| {
                                crate::diagnostics::closest(
                                    anchor,
                                    own_ids.iter().map(String::as_str),
                                )
                            })
                            .flatten();
                        cx.error(
                            range.start,
                            format!("link to `#{anchor}`, but no heading on this page has that id"),
                            match suggestion {
                                Some(s) => format!("did you mean `#{s}`?"),
                                None => "link to the id of a heading on this page".into(),
                            },
                        );
                    }
                    open.push(false);
                } else if is_external(&dest) {
                    let mut html = format!("<a href=\"{}\"", escape_attr(&dest));
                    if !title.is_empty() {
                        html.push_str(&format!(" title=\"{}\"", escape_attr(title)));
                    }
                    html.push_str(" rel=\"noopener noreferrer\"");
                    if cx.config.external_links_new_tab {
                        html.push_str(" target=\"_blank\"");
                    }
                    html.push('>');
                    *event = Event::InlineHtml(CowStr::from(html));
                    open.push(true);
                } else {
                    open.push(false);
                }
            }
            Event::End(TagEnd::Link) if open.pop().unwrap_or(false) => {
                *event = Event::InlineHtml(CowStr::from("</a>"));
            }
            _ => {}
        }
    }
    refs
}

#[cfg(test)]
mod tests {
    use crate::markdown::testing::render_md;

    #[test]
    fn internal_links_resolve_with_anchor() {
        let (r, d) = render_md("See [b](@/b.md#terms).\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("href=\"/b/#terms\""), "{}", r.html);
        assert_eq!(r.anchor_refs[0].target, "b.md");
        assert_eq!(r.anchor_refs[0].anchor, "terms");
    }

    #[test]
    fn broken_internal_link_suggests_closest() {
        let (_, d) = render_md("Line one.\n\nSee [x](@/aa.md).\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (4, 5));
        assert_eq!(d[0].help.as_deref(), Some("did you mean `@/a.md`?"));
    }

    #[test]
    fn link_to_draft_is_an_error() {
        let (_, d) = render_md("[x](@/draft.md)\n");
        assert!(d[0].message.contains("draft"));
    }

    #[test]
    fn same_page_anchor_is_checked() {
        let (_, d) = render_md("## Terms\n\n[ok](#terms) [bad](#term)\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].help.as_deref(), Some("did you mean `#terms`?"));
    }

    /// Linear in the links and headings of a page, by size: 100,000
    /// headings and a link to each take under two seconds in a debug build;
    /// looking each anchor up in the list of ids (5 billion comparisons)
    /// took fifty.
    #[test]
    fn many_same_page_anchors_are_checked_in_linear_time() {
        let n = 100_000;
        let mut md: String = (0..n).map(|i| format!("## H{i}\n\n")).collect();
        md.extend((0..n).map(|i| format!("[x](#h{i}) ")));
        let (r, d) = render_md(&md);
        assert!(d.is_empty(), "{:?}", &d[..1]);
        assert_eq!(r.ids.len(), n);
    }

    /// Only the first broken anchors of a page get a "did you mean" (each
    /// compares the anchor with every id); the rest get the plain help.
    #[test]
    fn only_the_first_broken_anchors_are_compared_with_every_id() {
        let extra = 5;
        let md = format!(
            "## Terms\n\n{}",
            "[bad](#term) ".repeat(super::ANCHOR_SUGGESTIONS + extra)
        );
        let (_, d) = render_md(&md);
        assert_eq!(d.len(), super::ANCHOR_SUGGESTIONS + extra);
        let suggested = d
            .iter()
            .filter(|d| d.help.as_deref() == Some("did you mean `#terms`?"))
            .count();
        assert_eq!(suggested, super::ANCHOR_SUGGESTIONS);
        assert_eq!(
            d.last().unwrap().help.as_deref(),
            Some("link to the id of a heading on this page")
        );
    }

    #[test]
    fn record_links_resolve_or_suggest() {
        let (r, d) = render_md("[the report](@source/src) and [a fact](@fact/old-one)\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("href=\"/sources/src/\""));
        assert!(r.html.contains("href=\"/facts/f-one/\""));
        let (_, d) = render_md("[x](@fact/f-onee) [y](@sorce/src)\n");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].help.as_deref(), Some("did you mean `@fact/f-one`?"));
        assert!(d[1]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `source`?"));
    }

    #[test]
    fn external_links_get_rel() {
        let (r, _) = render_md("[AP](https://apnews.com/x \"T\") and [in](/local/)\n");
        assert!(
            r.html.contains(
                "<a href=\"https://apnews.com/x\" title=\"T\" rel=\"noopener noreferrer\">AP</a>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<a href=\"/local/\">in</a>"));
    }
}

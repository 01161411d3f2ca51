//! Pass: nothing a contributor writes may run script in a reader's browser.
//!
//! Markdown may hold raw HTML. By default (`[markdown] unsafe_html =
//! false`) a page with raw HTML has its rendered body cleaned by
//! [ammonia](https://docs.rs/ammonia) against the allowlist below: the tags
//! an explainer uses (figures, details, tables, abbreviations, media...)
//! are kept with their harmless attributes, and scripts, styles, frames,
//! objects, forms, event handlers and addresses with unsafe schemes are
//! dropped. The same allowlist drives the diagnostics, so a contributor
//! learns at which line and column something was refused (an error: it
//! could run or load something) or dropped (a warning). Links and images
//! in markdown syntax are checked for unsafe schemes (`javascript:`,
//! `data:`...) on every page.
//!
//! ammonia is the guarantee; the scanner here only finds what to report.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Tag};

use super::context::Context;
use super::events::Spanned;

mod tags;
use tags::scan;

/// URL schemes a link or image may use (besides paths in the site):
/// ammonia's defaults, which exclude `javascript:`, `vbscript:`, `data:`
/// and `file:`.
pub const SAFE_SCHEMES: &[&str] = &[
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// Tags kept in raw HTML.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Attributes kept on any kept tag, and attribute prefixes.
const GENERIC: &[&str] = &["class", "id", "title", "lang", "dir", "role", "hidden"];
const GENERIC_PREFIXES: &[&str] = &["aria-", "data-"];

/// Attributes kept on particular tags.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "rel", "hreflang", "target", "type"]),
    (
        "img",
        &[
            "src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding",
        ],
    ),
    ("input", &["type", "checked", "disabled"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("details", &["open"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    (
        "video",
        &[
            "src",
            "poster",
            "controls",
            "width",
            "height",
            "muted",
            "loop",
            "preload",
            "playsinline",
        ],
    ),
    ("audio", &["src", "controls", "muted", "loop", "preload"]),
    (
        "source",
        &["src", "srcset", "sizes", "type", "media", "width", "height"],
    ),
    ("track", &["src", "kind", "srclang", "label", "default"]),
];

/// Tags that run or load something, or change how the page works: an
/// error, not a warning, when written in content.
const ACTIVE_TAGS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "form", "button", "textarea", "select", "option", "portal", "noscript", "template",
    "svg", "math",
];

/// Attributes whose value is an address.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "poster",
    "cite",
    "action",
    "formaction",
    "background",
    "data",
    "xlink:href",
    "ping",
];

/// The scheme of `url` as a browser reads it (ASCII tabs and newlines
/// removed, leading spaces and control characters skipped), lowercased;
/// `None` for a path or an anchor.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Why `url` may not be a link or image address, or `None`.
pub fn unsafe_url(url: &str) -> Option<String> {
    let scheme = url_scheme(url)?;
    (!SAFE_SCHEMES.contains(&scheme.as_str())).then(|| {
        format!(
            "the address `{}` uses `{scheme}:`, which can run script or hide content",
            shorten(url)
        )
    })
}

fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

const HELP_LINKS: &str = "link to an http(s) or mailto: address, or to a page or file in the site";
const HELP_HTML: &str = "casefile removes it from raw HTML (it could run script, load something or change the page); write the content in markdown or as a file in static/. Only if every contributor is trusted: [markdown] unsafe_html = true in casefile.toml";

/// Checks link and image addresses and raw HTML; returns whether the body
/// has raw HTML to clean: any at all but the summary marker
/// `<!-- more -->`. Whether a body is cleaned never depends on what the
/// scanner understood of it; the scanner only finds what to report.
pub fn check(events: &mut [Spanned<'_>], cx: &mut Context<'_>) -> bool {
    if cx.config.unsafe_html {
        return false;
    }
    let mut raw = false;
    let mut i = 0;
    while i < events.len() {
        if let (Event::Start(Tag::Heading { attrs, .. }), range) = &mut events[i] {
            heading_attributes(attrs, range.start, cx);
        }
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                // Citations (`[@id]`) arrive as links without an address.
                if let Some(why) = unsafe_url(dest_url) {
                    cx.error(range.start, why, HELP_LINKS);
                }
            }
            Event::InlineHtml(html) => {
                check_html(html, &[(0, range.clone())], cx);
                raw |= !is_more_marker(html);
            }
            Event::Html(_) => {
                // An HTML block comes a line at a time: scan it whole.
                let mut text = String::new();
                let mut places = Vec::new();
                while let Some((Event::Html(h), r)) = events.get(i) {
                    places.push((text.len(), r.clone()));
                    text.push_str(h);
                    i += 1;
                }
                check_html(&text, &places, cx);
                raw |= !is_more_marker(&text);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    raw
}

/// The summary marker, which is the only raw HTML a body may hold without
/// being cleaned (the cleaner would drop it, as it drops every comment).
fn is_more_marker(html: &str) -> bool {
    html.trim() == "<!-- more -->"
}

/// Keeps the harmless attributes of a heading (`## Title {lang=es}`) and
/// reports the others, which are dropped.
fn heading_attributes(
    attrs: &mut Vec<(
        pulldown_cmark::CowStr<'_>,
        Option<pulldown_cmark::CowStr<'_>>,
    )>,
    place: usize,
    cx: &mut Context<'_>,
) {
    attrs.retain(|(name, _)| {
        let lower = name.to_ascii_lowercase();
        if attribute_kept("h1", &lower) {
            return true;
        }
        if lower.starts_with("on") {
            cx.error(
                place,
                format!("the heading attribute `{name}` runs script: it is not allowed"),
                "headings take {#id} and {.class}; remove the attribute",
            );
        } else {
            cx.warning(
                place,
                format!("the heading attribute `{name}` is not kept"),
                "headings take {#id}, {.class} and lang, dir or title; remove the attribute",
            );
        }
        false
    });
}

/// Reports what the cleaner will refuse or drop in `html`, placed through
/// `places` (offset in `html`, source range it came from).
fn check_html(html: &str, places: &[(usize, Range<usize>)], cx: &mut Context<'_>) {
    let at = |offset: usize| {
        let (start, range) = places
            .iter()
            .rev()
            .find(|(s, _)| *s <= offset)
            .unwrap_or(&places[0]);
        (range.start + (offset - start)).min(range.end.max(range.start))
    };
    for tag in scan(html) {
        if tag.closing {
            continue;
        }
        let place = at(tag.at);
        if ACTIVE_TAGS.contains(&tag.name.as_str()) {
            cx.error(
                place,
                format!("raw HTML `<{}>` is not allowed in content", tag.name),
                HELP_HTML,
            );
            continue;
        }
        if !TAGS.contains(&tag.name.as_str()) {
            cx.warning(
                place,
                format!("raw HTML `<{}>` is not kept (its text is)", tag.name),
                format!(
                    "casefile keeps these tags from raw HTML: {}",
                    TAGS.join(", ")
                ),
            );
            continue;
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") {
                cx.error(
                    place,
                    format!(
                        "the attribute `{name}` on `<{}>` runs script: it is not allowed",
                        tag.name
                    ),
                    HELP_HTML,
                );
            } else if URL_ATTRIBUTES.contains(&name.as_str()) {
                let bad = value.as_deref().and_then(|v| {
                    // srcset lists several addresses.
                    v.split(',')
                        .filter_map(|part| part.split_whitespace().next())
                        .find_map(unsafe_url)
                });
                if let Some(why) = bad {
                    cx.error(place, why, HELP_LINKS);
                } else if !attribute_kept(&tag.name, name) {
                    cx.warning(
                        place,
                        format!("the attribute `{name}` on `<{}>` is not kept", tag.name),
                        "remove it",
                    );
                }
            } else if name == "style" {
                cx.warning(
                    place,
                    format!("the `style` attribute on `<{}>` is not kept: the site's Content-Security-Policy blocks inline styles", tag.name),
                    "give the element a class and style it in static/style.css",
                );
            } else if !attribute_kept(&tag.name, name) {
                cx.warning(
                    place,
                    format!("the attribute `{name}` on `<{}>` is not kept", tag.name),
                    "remove it",
                );
            }
        }
    }
}

fn attribute_kept(tag: &str, attribute: &str) -> bool {
    GENERIC.contains(&attribute)
        || GENERIC_PREFIXES.iter().any(|p| attribute.starts_with(p))
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attribute))
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(TAGS.iter().copied().collect())
            .clean_content_tags(["script", "style", "template"].into_iter().collect())
            .generic_attributes(GENERIC.iter().copied().collect())
            .generic_attribute_prefixes(GENERIC_PREFIXES.iter().copied().collect())
            .tag_attributes(
                TAG_ATTRIBUTES
                    .iter()
                    .map(|(t, attrs)| (*t, attrs.iter().copied().collect()))
                    .collect(),
            )
            .url_schemes(SAFE_SCHEMES.iter().copied().collect())
            .link_rel(None)
            .strip_comments(true);
        b
    })
}

/// `html` with everything outside the allowlist removed.
pub fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::testing::{render_md, render_md_with};

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(
            url_scheme("javascript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(url_scheme(" JaVa\tScRipt:x").as_deref(), Some("javascript"));
        assert_eq!(url_scheme("\u{1}data:text/html,x").as_deref(), Some("data"));
        assert_eq!(url_scheme("/a:b"), None);
        assert_eq!(url_scheme("#x"), None);
        assert_eq!(url_scheme("page.html?a=b:c"), None);
        assert!(unsafe_url("https://example.org").is_none());
        assert!(unsafe_url("mailto:a@b.org").is_none());
        assert!(unsafe_url("vbscript:x").is_some());
        assert!(unsafe_url("file:///etc/passwd").is_some());
    }

    #[test]
    fn scanner_reads_tags_attributes_and_entities() {
        let tags = scan("a <!-- <script> --> <IMG src=x OnError = 'alert(1)' /> <a href=\"&#106;avascript:x\">t</a> 1 < 2");
        let names: Vec<_> = tags.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(names, [("img", false), ("a", false), ("a", true)]);
        assert_eq!(
            tags[0].attributes[1],
            ("onerror".into(), Some("alert(1)".into()))
        );
        assert_eq!(tags[1].attributes[0].1.as_deref(), Some("javascript:x"));
    }

    #[test]
    fn comments_end_where_browsers_end_them() {
        // Found writing the markdown fuzz target's oracle, which fails on
        // the first: the scanner read each as one comment up to a later
        // `-->`, found no tag and left the body uncleaned, while a browser
        // ends the comment early and runs the script.
        for md in [
            "<!--><script>alert(1)</script>-->\n",
            "<!---><script>alert(1)</script>-->\n",
            "<!-- x --!><script>alert(1)</script>-->\n",
            "a <!--><img src=x onerror=alert(1)>-->\n",
        ] {
            let (r, d) = render_md(md);
            assert!(d.iter().any(|d| d.is_error()), "{md}: {d:?}");
            let html = r.html.to_ascii_lowercase();
            assert!(
                !html.contains("<script") && !html.contains("onerror"),
                "{md}: {}",
                r.html
            );
        }
        let names = |html: &str| scan(html).into_iter().map(|t| t.name).collect::<Vec<_>>();
        assert_eq!(names("<!-- <b> --> <i> <!--x--!> <u>"), ["i", "u"]);
        assert_eq!(names("<!-- <b> -- > --> <i>"), ["i"]);
        assert!(names("<!-- never closed <b>").is_empty());
    }

    #[test]
    fn active_content_is_an_error_at_its_place_and_is_removed() {
        let cases = [
            "<script>alert(1)</script>\n",
            "<script src=\"/evil.js\"></script>\n",
            "Hi <img src=\"x.png\" alt=\"x\" onerror=\"alert(1)\">\n",
            "<a href=\"javascript:alert(1)\">x</a>\n",
            "<a href=\"&#x6A;avascript:alert(1)\">x</a>\n",
            "<div>\n<iframe src=\"/x.html\"></iframe>\n</div>\n",
            "<svg onload=alert(1)>\n",
            "<details><summary>s</summary><object data=\"/x.swf\"></object></details>\n",
        ];
        for md in cases {
            let (r, d) = render_md(md);
            assert!(d.iter().any(|d| d.is_error()), "{md}: {d:?}");
            let html = r.html.to_ascii_lowercase();
            for bad in [
                "<script",
                "onerror",
                "javascript:",
                "<iframe",
                "<svg",
                "onload",
                "<object",
            ] {
                assert!(!html.contains(bad), "{md}: {}", r.html);
            }
            assert!(d.iter().all(|d| d.line >= 2), "placed in the body: {d:?}");
        }
        let (_, d) = render_md(
            "Text.\n\n<div>\n<b>ok</b> <img src=\"a.png\" alt=\"a\"\n  onclick=\"x()\">\n</div>\n",
        );
        let e: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
        assert_eq!(e.len(), 1, "{d:?}");
        assert_eq!(e[0].line, 5, "{e:?}");
    }

    #[test]
    fn markdown_links_and_images_with_unsafe_schemes_are_errors() {
        for md in [
            "[x](javascript:alert(1))\n",
            "<javascript:alert(1)>\n",
            "![a](data:image/png;base64,AAAA)\n",
            "[x](&#106;avascript:alert(1))\n",
            "[x][r]\n\n[r]: vbscript:msgbox\n",
        ] {
            let (_, d) = render_md(md);
            assert_eq!(d.len(), 1, "{md}: {d:?}");
            assert!(d[0].message.contains("uses `"), "{d:?}");
        }
        let (_, d) =
            render_md("[ok](https://x.org) [m](mailto:a@b.org) [p](/a/) [h](#x)\n\n## X {#x}\n");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn harmless_html_is_kept_and_unknown_bits_are_warned_about() {
        let (r, d) = render_md(
            "<figure class=\"chart\"><img src=\"c.png\" alt=\"A chart\"><figcaption>Fig.</figcaption></figure>\n\n<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n\nAn <abbr title=\"Immigration and Customs Enforcement\">ICE</abbr> agent.[@f-one]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        for kept in [
            "<figure class=\"chart\">",
            "<figcaption>",
            "<details>",
            "<summary>",
            "<em>text</em>",
            "<abbr title=\"Immigration and Customs Enforcement\">",
            "href=\"/facts/f-one/\"",
        ] {
            assert!(r.html.contains(kept), "{kept}: {}", r.html);
        }
        let (r, d) = render_md("<font color=red>x</font> <span style=\"color:red\">y</span>\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| !d.is_error()));
        assert!(
            !r.html.contains("<font") && !r.html.contains("style="),
            "{}",
            r.html
        );
        assert!(r.html.contains("x") && r.html.contains("<span>y</span>"));
    }

    #[test]
    fn pages_without_raw_html_are_not_reserialised() {
        let md = "A [link](https://x.org) & <b>\n\n- [x] done\n";
        let (r, _) = render_md("A [link](https://x.org) &amp; more\n\n- [x] done\n");
        assert!(
            r.html
                .contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"),
            "{}",
            r.html
        );
        let (r, _) = render_md(md);
        // With raw HTML the task list's checkbox survives the cleaner.
        assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
    }

    #[test]
    fn trusted_html_is_kept_as_written() {
        let (r, d) = render_md_with("<script>ok()</script>\n", |c| c.unsafe_html = true);
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("<script>ok()</script>"));
    }
}

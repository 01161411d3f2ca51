//! No third party: a reader's browser must never fetch anything from a site
//! other than the explainer's own.
//!
//! Scans what the site's authors write — markdown and data files in
//! `content/`, templates, and the HTML, SVG and CSS files in `static/` and
//! `content/` — for a resource (script, stylesheet, image, font, frame,
//! media, object, preloaded or prefetched file, icon) whose address is on
//! another origin: `https://other.example/...` or `//other.example/...`. Each
//! one is an error at its file, line and column, with the fix. Plain links
//! (`<a href>`) to other sites are fine; in templates and raw HTML they must
//! carry `rel="noopener noreferrer"` (markdown links get it automatically).
//!
//! The scanner is deliberately small: a tag-and-attribute reader that skips
//! Tera expressions, and a `url()` / `@import` reader for CSS. What it cannot
//! see (an address built by a template expression) the browser test catches.

use crate::diagnostics::{Diagnostic, SourceFile};

/// One problem found in a text: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset in the scanned text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// The origin the site is published at, to tell its own absolute URLs
/// (`https://example.org/img/x.png`) from another site's.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    host: String,
}

impl Origin {
    /// From the site's `base_url`.
    pub fn new(base_url: &str) -> Self {
        Origin {
            host: host_of(base_url).unwrap_or_default().to_ascii_lowercase(),
        }
    }
}

/// The host of an absolute (`https://h/...`) or protocol-relative (`//h/...`)
/// URL, or `None` for a site-relative one.
fn host_of(url: &str) -> Option<&str> {
    let u = url.trim();
    let rest = ["http://", "https://", "//"].iter().find_map(|p| {
        u.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .map(|_| &u[p.len()..])
    })?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let hostport = &rest[..end];
    let host = hostport.rsplit('@').next().unwrap_or(hostport);
    Some(host.split(':').next().unwrap_or(host))
}

/// Whether loading `url` would contact a site other than `origin`.
pub fn is_third_party(url: &str, origin: &Origin) -> bool {
    let u = url.trim();
    if u.contains("{{") || u.contains("{%") {
        return false; // Built by a template: the browser test checks it.
    }
    match host_of(u) {
        Some(h) => origin.host.is_empty() || !h.eq_ignore_ascii_case(&origin.host),
        None => false,
    }
}

fn third_party(kind: &str, url: &str, offset: usize) -> Finding {
    let url = url.trim();
    let host = host_of(url).unwrap_or(url);
    let name = url
        .rsplit('/')
        .next()
        .filter(|n| n.contains('.') && !n.contains(['?', '#', '=']))
        .unwrap_or("file.ext");
    let help = if kind.starts_with("connection") {
        "remove it: the site needs no connection to another server".to_string()
    } else {
        format!("save the file in static/ (or next to the page) and refer to it by a site path such as `/{name}`; a plain link (<a href>) to another site is fine")
    };
    Finding {
        offset,
        message: format!(
            "third-party {kind}: `{url}` would make every reader's browser contact {host}"
        ),
        help,
    }
}

/// A tag's attributes: `(name, value, offset of the value)`.
type Attrs<'t> = Vec<(String, &'t str, usize)>;

/// Reads the attributes of a tag starting after its name at `i`; returns
/// them and the offset just past `>`.
fn attributes(text: &str, mut i: usize) -> (Attrs<'_>, usize) {
    let b = text.as_bytes();
    let mut attrs = Vec::new();
    while i < b.len() {
        // Skip spaces and Tera blocks between attributes.
        if b[i].is_ascii_whitespace() || b[i] == b'/' {
            i += 1;
            continue;
        }
        if text[i..].starts_with("{%") || text[i..].starts_with("{{") || text[i..].starts_with("{#")
        {
            let close = match b[i + 1] {
                b'%' => "%}",
                b'{' => "}}",
                _ => "#}",
            };
            i = text[i..].find(close).map_or(b.len(), |j| i + j + 2);
            continue;
        }
        if b[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = text[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i] as char;
                let vstart = i + 1;
                let vend = text[vstart..].find(q).map_or(b.len(), |j| vstart + j);
                attrs.push((name, &text[vstart..vend], vstart));
                i = (vend + 1).min(b.len());
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                attrs.push((name, &text[vstart..i], vstart));
            }
        } else if !name.is_empty() {
            attrs.push((name, "", start));
        } else {
            i += 1;
        }
    }
    (attrs, b.len())
}

/// The resource attributes of a tag and what they load.
fn resource_attrs(tag: &str, attrs: &Attrs<'_>) -> Vec<(&'static str, &'static str)> {
    let rel = attrs
        .iter()
        .find(|a| a.0 == "rel")
        .map(|a| a.1.to_ascii_lowercase())
        .unwrap_or_default();
    match tag {
        "script" => vec![("src", "script")],
        "img" => vec![("src", "image"), ("srcset", "image")],
        "iframe" | "frame" => vec![("src", "frame")],
        "embed" => vec![("src", "embedded object")],
        "object" => vec![("data", "object")],
        "video" => vec![("src", "video"), ("poster", "image")],
        "audio" => vec![("src", "audio")],
        "source" => vec![("src", "media"), ("srcset", "image")],
        "track" => vec![("src", "media track")],
        "input" => vec![("src", "image")],
        "image" | "use" | "feimage" => vec![("href", "image"), ("xlink:href", "image")],
        "form" => vec![("action", "form target")],
        "link" => {
            let loads = rel.split_whitespace().any(|r| {
                matches!(
                    r,
                    "stylesheet"
                        | "preload"
                        | "prefetch"
                        | "modulepreload"
                        | "icon"
                        | "apple-touch-icon"
                        | "apple-touch-icon-precomposed"
                        | "mask-icon"
                        | "manifest"
                        | "preconnect"
                        | "dns-prefetch"
                        | "prerender"
                )
            });
            if loads {
                let kind = if rel.contains("stylesheet") {
                    "stylesheet"
                } else if rel.contains("preconnect") || rel.contains("dns-prefetch") {
                    "connection (preconnect)"
                } else if rel.contains("icon") || rel.contains("manifest") {
                    "icon or manifest"
                } else {
                    "preloaded resource"
                };
                vec![("href", kind)]
            } else {
                vec![]
            }
        }
        _ => vec![],
    }
}

/// Scans HTML (a template, a static page, an SVG, raw HTML in markdown).
/// `check_links`: also require `rel="noopener noreferrer"` on outbound links.
pub fn scan_html(text: &str, origin: &Origin, check_links: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(j) = text[i..].find('<') {
        let at = i + j;
        i = at + 1;
        if text[at..].starts_with("<!--") {
            i = text[at..].find("-->").map_or(b.len(), |k| at + k + 3);
            continue;
        }
        let name_end = text[i..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(b.len(), |k| i + k);
        let tag = text[i..name_end].to_ascii_lowercase();
        if tag.is_empty() || !tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let (attrs, end) = attributes(text, name_end);
        for (attr, kind) in resource_attrs(&tag, &attrs) {
            for (name, value, off) in &attrs {
                if name != attr {
                    continue;
                }
                let urls: Vec<(&str, usize)> = if attr == "srcset" {
                    let mut pos = *off;
                    value
                        .split(',')
                        .map(|part| {
                            let lead = part.len() - part.trim_start().len();
                            let u = part.split_whitespace().next().unwrap_or("");
                            let r = (u, pos + lead);
                            pos += part.len() + 1;
                            r
                        })
                        .collect()
                } else {
                    vec![(*value, *off)]
                };
                for (u, o) in urls {
                    if is_third_party(u, origin) {
                        out.push(third_party(kind, u, o));
                    }
                }
            }
        }
        for (name, value, off) in &attrs {
            if name == "style" {
                out.extend(scan_css(value, origin).into_iter().map(|f| Finding {
                    offset: off + f.offset,
                    ..f
                }));
            }
        }
        if check_links && tag == "a" {
            if let Some((_, href, off)) = attrs.iter().find(|a| a.0 == "href") {
                let rel = attrs
                    .iter()
                    .find(|a| a.0 == "rel")
                    .map(|a| a.1)
                    .unwrap_or("");
                let rels: Vec<&str> = rel.split_whitespace().collect();
                if is_third_party(href, origin)
                    && !(rels.contains(&"noopener") && rels.contains(&"noreferrer"))
                {
                    out.push(Finding {
                        offset: *off,
                        message: format!(
                            "the link to `{}` does not keep the reader's page private",
                            href.trim()
                        ),
                        help: "add rel=\"noopener noreferrer\" to the <a> tag, so the other site learns neither the page the reader came from nor gets a handle on it".into(),
                    });
                }
            }
        }
        if tag == "style" {
            let close = text[end..]
                .to_ascii_lowercase()
                .find("</style")
                .map_or(b.len(), |k| end + k);
            out.extend(
                scan_css(&text[end..close], origin)
                    .into_iter()
                    .map(|f| Finding {
                        offset: end + f.offset,
                        ..f
                    }),
            );
            i = close;
        } else {
            i = end.max(i);
        }
    }
    out
}

/// Scans CSS for `url(...)` and `@import` of another origin.
pub fn scan_css(text: &str, origin: &Origin) -> Vec<Finding> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        let rest = &lower[i..];
        if rest.starts_with("/*") {
            i = rest.find("*/").map_or(text.len(), |k| i + k + 2);
            continue;
        }
        if rest.starts_with("url(") {
            let start = i + 4;
            let end = lower[start..].find(')').map_or(text.len(), |k| start + k);
            let raw = &text[start..end];
            let value = raw.trim().trim_matches(['"', '\'']);
            let lead = raw.find(value).unwrap_or(0);
            if is_third_party(value, origin) {
                let import = lower[..i].trim_end().ends_with("@import");
                let kind = if import {
                    "stylesheet (@import)"
                } else {
                    "CSS resource (url())"
                };
                out.push(third_party(kind, value, start + lead));
            }
            i = end;
            continue;
        }
        if rest.starts_with("@import") {
            let start = i + 7;
            let after = &text[start..];
            let lead = after.len() - after.trim_start().len();
            let t = after.trim_start();
            if !t.to_ascii_lowercase().starts_with("url(") {
                let value: String = t
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | ';' | ' '))
                    .collect();
                if is_third_party(&value, origin) {
                    out.push(third_party(
                        "stylesheet (@import)",
                        &value,
                        start + lead + 1,
                    ));
                }
            }
            i = start;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Whether markdown `text` can hold an image or raw HTML at all, seen
/// from its bytes alone: without either, [`scan_markdown`] has nothing to
/// find and need not parse it (a full parse of every page: at 10,000 pages,
/// most of the load stage). An image starts with `![`. Raw HTML, inline or
/// a block, starts with `<` then `/`, `!` or `?` (closing tags, comments,
/// declarations, processing instructions), or with `<` and a tag name
/// followed by a space, `/`, `>` or the end: an autolink's `<https:` or
/// `<name@` is no tag. Errs towards yes (`Vec<u8>` in code is parsed).
pub fn may_hold_resources(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memmem::find(b, b"![").is_some() {
        return true;
    }
    memchr::memchr_iter(b'<', b).any(|i| match b.get(i + 1) {
        Some(b'/' | b'!' | b'?') => true,
        Some(c) if c.is_ascii_alphabetic() => {
            let name = b[i + 2..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
                .count();
            b.get(i + 2 + name)
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        }
        _ => false,
    })
}

/// Scans markdown: images, and raw HTML through [`scan_html`]. Offsets are
/// in `text`.
pub fn scan_markdown(text: &str, origin: &Origin) -> Vec<Finding> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut out = Vec::new();
    if !may_hold_resources(text) {
        return out;
    }
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if is_third_party(&dest_url, origin) => {
                let off = text[range.clone()]
                    .find(dest_url.as_ref())
                    .map_or(range.start, |k| range.start + k);
                out.push(third_party("image", &dest_url, off));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let base = text[range.clone()]
                    .find(html.as_ref())
                    .map_or(range.start, |k| range.start + k);
                out.extend(scan_html(&html, origin, true).into_iter().map(|f| Finding {
                    offset: base + f.offset,
                    ..f
                }));
            }
            _ => {}
        }
    }
    out
}

/// Every third-party resource in the site's own files, as diagnostics.
/// `files`: `(file, kind)` where kind is `markdown` (with the offset where
/// the body starts), `html`, `css` or `data` (TOML: raw HTML and markdown
/// images in its strings).
pub fn check(files: &[(&SourceFile, Kind)], origin: &Origin) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    files
        .par_iter()
        .flat_map_iter(|(file, kind)| {
            let findings = match kind {
                Kind::Markdown(body) => scan_markdown(&file.text[*body..], origin)
                    .into_iter()
                    .map(|f| Finding {
                        offset: f.offset + body,
                        ..f
                    })
                    .collect(),
                Kind::Html => scan_html(&file.text, origin, true),
                Kind::Css => scan_css(&file.text, origin),
                Kind::Data => {
                    let mut v = scan_html(&file.text, origin, true);
                    v.extend(data_images(&file.text, origin));
                    v
                }
            };
            findings
                .into_iter()
                .map(move |f| Diagnostic::error_at(file, f.offset, f.message).with_help(f.help))
        })
        .collect()
}

/// What a file is, for [`check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Markdown whose body starts at this offset.
    Markdown(usize),
    /// A template, an HTML page or an SVG.
    Html,
    /// A stylesheet.
    Css,
    /// A TOML data file (its strings are inline markdown).
    Data,
}

/// Markdown images (`![alt](url)`) in a data file's strings.
fn data_images(text: &str, origin: &Origin) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find("![") {
        let at = from + k;
        from = at + 2;
        let Some(close) = text[from..].find("](") else {
            continue;
        };
        let start = from + close + 2;
        let end = text[start..]
            .find([')', ' ', '"', '\n'])
            .map_or(text.len(), |e| start + e);
        let url = &text[start..end];
        if is_third_party(url, origin) {
            out.push(third_party("image", url, start));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of markdown that make, or nearly make, images, raw HTML and
    /// autolinks.
    const PIECES: &[&str] = &[
        "<",
        ">",
        "/",
        "!",
        "?",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "<img",
        "<IMG",
        "<a",
        "<b-1",
        "<https:",
        "<x@y",
        "<!--",
        "-->",
        "<?php",
        "</",
        "<pre",
        "<script",
        "<div",
        "src=",
        "https://cdn.example.com/x.png",
        "`",
        "```\n",
        "    ",
        "\\",
        "&lt;",
        "\n",
        "\r\n",
        " ",
        "\t",
        "text",
        "u8",
        "-",
        "*",
        "[r]: ",
        "> ",
        "1. ",
        "|",
        "é",
        "![a](u)",
        "![a][r]",
        "![r]",
        "\n\n[r]: u\n",
        "<p>",
        "<x-y/>",
        "<?",
        "<!X>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever the bytes say no to, pulldown-cmark finds no image and
        /// no raw HTML in: the shortcut never hides a resource.
        #[test]
        fn what_the_shortcut_skips_holds_no_image_or_html(
            picks in proptest::collection::vec(0..PIECES.len(), 0..24)
        ) {
            use pulldown_cmark::{Event, Options, Parser, Tag};
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
            let held = Parser::new_ext(&text, opts).any(|e| {
                matches!(e, Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Image { .. }))
            });
            prop_assert!(!held || may_hold_resources(&text), "{text:?}");
        }
    }

    #[test]
    fn the_shortcut_parses_what_may_hold_a_resource() {
        for yes in [
            "![a](x.png)",
            "a <img src=x>",
            "<div>\n",
            "</p>",
            "<!-- c -->",
            "<?x?>",
            "<br/>",
            "a <b",
            "Vec<u8> in code",
        ] {
            assert!(may_hold_resources(yes), "{yes:?}");
        }
        for no in [
            "Source: <https://www.hhs.gov/x>.",
            "mail <someone@example.org>",
            "a < b and c > d",
            "HashMap<String, u32>",
            "plain text, [a link](https://example.org)",
        ] {
            assert!(!may_hold_resources(no), "{no:?}");
        }
        // A page with only autolinks still has its images found.
        let findings = scan_markdown(
            "<https://a.example/>\n\n![x](https://cdn.example.com/x.png)",
            &site(),
        );
        assert_eq!(findings.len(), 1);
    }

    fn site() -> Origin {
        Origin::new("https://example.org/explainer")
    }

    fn found(text: &str) -> Vec<(usize, String)> {
        scan_html(text, &site(), true)
            .into_iter()
            .map(|f| (f.offset, f.message))
            .collect()
    }

    #[test]
    fn third_party_resources_in_html_are_found_at_their_url() {
        let html = r#"<script src="https://cdn.example.com/a.js"></script>
<link rel="stylesheet" href="//fonts.example.net/css">
<img alt="x" srcset="/a.png 1x, https://img.example.com/b.png 2x">
<iframe src='https://video.example.com/embed/1'></iframe>
<link rel="preconnect" href="https://track.example.com">
<video poster=https://i.example.com/p.jpg src="/v.mp4"></video>"#;
        let f = found(html);
        assert_eq!(f.len(), 6, "{f:#?}");
        assert_eq!(&html[f[0].0..f[0].0 + 8], "https://");
        assert!(f[0]
            .1
            .starts_with("third-party script: `https://cdn.example.com/a.js`"));
        assert!(f[1].1.starts_with("third-party stylesheet"));
        assert!(html[f[2].0..].starts_with("https://img.example.com/b.png"));
        assert!(f[3].1.contains("frame"));
        assert!(f[4].1.contains("video.example.com") || f[4].1.contains("track.example.com"));
    }

    #[test]
    fn own_files_links_and_template_expressions_are_fine() {
        let html = r#"<link rel="stylesheet" href="{{ site.root_url }}style.css">
<img src="/img/a.png" alt=""><img src="https://example.org/explainer/b.png" alt="">
<script src="{{ x }}"></script>{% if a %}<link rel="icon" href="/favicon.svg">{% endif %}
<a href="https://other.example/" rel="noopener noreferrer">a link</a>
<link rel="canonical" href="https://other.example/"><p>https://cdn.example.com/x.js</p>"#;
        assert_eq!(found(html), []);
    }

    #[test]
    fn outbound_links_need_noopener_noreferrer() {
        let f = found(r#"<a class="x" href="https://other.example/page">x</a>"#);
        assert_eq!(f.len(), 1);
        assert!(f[0].1.contains("does not keep"), "{f:?}");
        assert_eq!(f[0].0, 19);
    }

    #[test]
    fn css_url_and_import() {
        let css = "/* url(https://no.example/comment) */\n@import \"https://fonts.example.com/a.css\";\nbody { background: url( 'https://img.example.com/bg.png' ) }\n.a { background: url(/ok.png) }\n@font-face { src: url(//fonts.example.com/f.woff2) }";
        let f = scan_css(css, &site());
        assert_eq!(f.len(), 3, "{f:#?}");
        assert!(css[f[0].offset..].starts_with("https://fonts.example.com/a.css"));
        assert!(css[f[1].offset..].starts_with("https://img.example.com/bg.png"));
        assert!(css[f[2].offset..].starts_with("//fonts.example.com/f.woff2"));
        let inline = found(r#"<div style="background:url(https://t.example/p.gif)"></div>"#);
        assert_eq!(inline.len(), 1);
    }

    #[test]
    fn markdown_images_and_raw_html() {
        let md = "Text [a link](https://other.example/) is fine.\n\n![A chart](https://cdn.example.com/chart.png)\n\n<img src=\"https://t.example/pixel.gif\" alt=\"\">\n\n```html\n<script src=\"https://in.code/block.js\"></script>\n```\n";
        let f = scan_markdown(md, &site());
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(md[f[0].offset..].starts_with("https://cdn.example.com/chart.png"));
        assert!(md[f[1].offset..].starts_with("https://t.example/pixel.gif"));
    }

    #[test]
    fn built_in_templates_and_styles_are_clean() {
        for (name, text) in crate::render::templates::BUILTIN {
            assert_eq!(scan_html(text, &site(), true), [], "{name}");
        }
        for (name, text) in crate::site::BUILTIN_STATIC {
            if name.ends_with(".css") {
                assert_eq!(scan_css(text, &site()), [], "{name}");
            }
        }
    }
}

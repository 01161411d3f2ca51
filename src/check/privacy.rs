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
//! The scanner is small but reads what the browser reads: a tag-and-attribute
//! reader that skips Tera expressions and decodes character references with
//! the HTML tokenizer (`https&#58;//`), a `url()` / `@import` / `image-set()`
//! reader for CSS that decodes CSS escapes first, TOML strings as TOML
//! decodes them, and every address resolved by the WHATWG URL parser
//! (`/\other.example` is another host). What it cannot see (an address
//! built by a template expression) the browser test catches.

use std::borrow::Cow;

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
#[derive(Debug, Clone)]
pub struct Origin {
    /// A page of the site, served over `https` and over `http` (a preview
    /// server): what addresses are resolved against.
    pages: [url::Url; 2],
}

impl Origin {
    /// From the site's `base_url`.
    pub fn new(base_url: &str) -> Self {
        let host = url::Url::parse(base_url.trim())
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .or_else(|| host_of(base_url).map(str::to_ascii_lowercase))
            .filter(|h| !h.is_empty())
            // Without a base URL, no other site is the site's own.
            .unwrap_or_else(|| "casefile.invalid".into());
        let page = |scheme: &str| {
            url::Url::parse(&format!("{scheme}://{host}/page/")).unwrap_or_else(|_| {
                url::Url::parse(&format!("{scheme}://casefile.invalid/page/")).expect("a valid URL")
            })
        };
        Origin {
            pages: [page("https"), page("http")],
        }
    }
}

impl Default for Origin {
    fn default() -> Self {
        Origin::new("")
    }
}

/// The host of an absolute (`https://h/...`) or protocol-relative (`//h/...`)
/// URL, or `None` for a site-relative one: the plain reading, for a base URL
/// the `url` crate cannot parse.
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

/// The other site that loading `url` from a page of `origin` would contact,
/// read the way a browser reads an address (the WHATWG URL parser of the
/// `url` crate): `\\other.example`, `/\other.example`, `https:\\other`,
/// `http:/other`, tabs and line breaks inside the scheme all reach another
/// host, so they are no way around the check. The address is resolved against
/// a page of the site served both over `https` and over `http`, so
/// `https:other.example/x` (another host when the page is on `http`) counts
/// too.
pub fn external_host(url: &str, origin: &Origin) -> Option<String> {
    if url.contains("{{") || url.contains("{%") {
        return None; // Built by a template: the browser test checks it.
    }
    origin.pages.iter().find_map(|page| {
        let target = page.join(url).ok()?;
        let fetches = matches!(target.scheme(), "http" | "https" | "ws" | "wss" | "ftp");
        let host = target.host_str()?;
        (fetches && host != page.host_str()?).then(|| host.to_string())
    })
}

/// Whether loading `url` would contact a site other than `origin`.
pub fn is_third_party(url: &str, origin: &Origin) -> bool {
    external_host(url, origin).is_some()
}

fn third_party(kind: &str, url: &str, offset: usize) -> Finding {
    let url = url.trim();
    let host = external_host(url, &Origin::default());
    let host = host.as_deref().unwrap_or(url);
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

/// A tag's attributes: `(name, value, offset of the value)`, the value
/// with its character references decoded (`&#58;`, `&colon;`, `&Tab;`) as a
/// browser decodes them; borrowed when it has none, so its offsets are
/// exact.
type Attrs<'t> = Vec<(String, Cow<'t, str>, usize)>;

/// An attribute value as the browser sees it: its character references
/// decoded by the HTML tokenizer itself (html5ever), with the same rules for
/// references without a semicolon a browser applies.
fn attribute_value(raw: &str) -> Cow<'_, str> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let Some(quote) = ['"', '\''].into_iter().find(|q| !raw.contains(*q)) else {
        return Cow::Borrowed(raw);
    };
    #[derive(Default)]
    struct Value(std::cell::RefCell<Option<String>>);
    impl TokenSink for Value {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token {
                if let Some(a) = tag.attrs.first() {
                    self.0
                        .borrow_mut()
                        .get_or_insert_with(|| a.value.to_string());
                }
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Value::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(format!("<x a={quote}{raw}{quote}>")));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    match tokenizer.sink.0.take() {
        Some(v) if v != raw => Cow::Owned(v),
        _ => Cow::Borrowed(raw),
    }
}

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
                attrs.push((name, attribute_value(&text[vstart..vend]), vstart));
                i = (vend + 1).min(b.len());
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                attrs.push((name, attribute_value(&text[vstart..i]), vstart));
            }
        } else if !name.is_empty() {
            attrs.push((name, Cow::Borrowed(""), start));
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
                // A value with character references decoded has no exact
                // offsets inside it: its findings are at its start.
                let exact = matches!(value, Cow::Borrowed(_));
                let urls: Vec<(&str, usize)> = if attr == "srcset" {
                    let mut pos = *off;
                    value
                        .split(',')
                        .map(|part| {
                            let lead = part.len() - part.trim_start().len();
                            let u = part.split_whitespace().next().unwrap_or("");
                            let r = (u, if exact { pos + lead } else { *off });
                            pos += part.len() + 1;
                            r
                        })
                        .collect()
                } else {
                    vec![(value.as_ref(), *off)]
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
                let exact = matches!(value, Cow::Borrowed(_));
                out.extend(scan_css(value, origin).into_iter().map(|f| Finding {
                    offset: off + if exact { f.offset } else { 0 },
                    ..f
                }));
            }
        }
        if check_links && tag == "a" {
            if let Some((_, href, off)) = attrs.iter().find(|a| a.0 == "href") {
                let rel = attrs
                    .iter()
                    .find(|a| a.0 == "rel")
                    .map_or("", |a| a.1.as_ref());
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

/// Scans CSS for `url(...)`, `@import` and the strings of `image-set(...)`
/// and `src(...)` of another origin. CSS escapes (`\68 ttps:`, `u\72l(`)
/// are decoded first, as the browser decodes them, and findings mapped back
/// to their place in `text`.
pub fn scan_css(text: &str, origin: &Origin) -> Vec<Finding> {
    if !text.contains('\\') {
        return scan_plain_css(text, origin);
    }
    let (decoded, at) = css_unescape(text);
    scan_plain_css(&decoded, origin)
        .into_iter()
        .map(|f| Finding {
            offset: at[f.offset],
            ..f
        })
        .collect()
}

/// CSS with its escapes decoded (CSS Syntax 3, "consume an escaped code
/// point"; a backslash before a line break continues the line), and for
/// each byte of the result (and its end) the offset in `text` it came from.
fn css_unescape(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len() + 1);
    let mut push = |out: &mut String, c: char, from: usize| {
        out.push(c);
        at.extend(std::iter::repeat_n(from, c.len_utf8()));
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            push(&mut out, c, i);
            continue;
        }
        match chars.peek().copied() {
            None => push(&mut out, '\u{fffd}', i),
            Some((_, '\n' | '\x0c')) => {
                chars.next();
            }
            Some((_, '\r')) => {
                chars.next();
                chars.next_if(|&(_, c)| c == '\n');
            }
            Some((_, h)) if h.is_ascii_hexdigit() => {
                let mut n = 0u32;
                for _ in 0..6 {
                    match chars.next_if(|(_, c)| c.is_ascii_hexdigit()) {
                        Some((_, d)) => n = n * 16 + d.to_digit(16).unwrap_or(0),
                        None => break,
                    }
                }
                if chars.next_if(|&(_, c)| c == '\r').is_some() {
                    chars.next_if(|&(_, c)| c == '\n');
                } else {
                    chars.next_if(|&(_, c)| matches!(c, ' ' | '\t' | '\n' | '\x0c'));
                }
                let c = char::from_u32(n)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{fffd}');
                push(&mut out, c, i);
            }
            Some((_, other)) => {
                chars.next();
                push(&mut out, other, i);
            }
        }
    }
    at.push(text.len());
    (out, at)
}

fn scan_plain_css(text: &str, origin: &Origin) -> Vec<Finding> {
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
        if let Some(name) = ["-webkit-image-set(", "image-set(", "src("]
            .into_iter()
            .find(|f| rest.starts_with(f))
        {
            out.extend(function_strings(text, i + name.len(), origin));
            i += name.len();
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

/// The strings directly inside a CSS function whose arguments start at
/// `start` (`image-set("a.png" 1x, "b.png" 2x)`, `src("f.woff2")`) that are
/// another site's addresses; a `url()` among them is scanned on its own.
fn function_strings(text: &str, start: usize, origin: &Origin) -> Vec<Finding> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let (mut i, mut depth) = (start, 0usize);
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            q @ (b'"' | b'\'') => {
                let end = text[i + 1..].find(q as char).map_or(b.len(), |k| i + 1 + k);
                let value = &text[i + 1..end];
                if depth == 0 && is_third_party(value, origin) {
                    out.push(third_party(
                        "CSS resource (image-set() or src())",
                        value,
                        i + 1,
                    ));
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
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
                Kind::Data => scan_data(&file.text, origin),
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

/// Scans a TOML data file: every string value, decoded as TOML decodes it
/// (so `\u0068ttps:` and `\"` hide nothing), for markdown images and HTML
/// tags. A finding is at its exact place when the string has no escapes,
/// else at the string's start. A file that is not TOML (the load stage
/// reports it) is scanned as it stands.
fn scan_data(text: &str, origin: &Origin) -> Vec<Finding> {
    use toml_edit::{Item, Value};
    fn value(v: &Value, text: &str, origin: &Origin, out: &mut Vec<Finding>) {
        match v {
            Value::String(s) => {
                let Some(span) = s.span() else { return };
                let decoded = s.value();
                let base = body_offset(&text[span.clone()], decoded)
                    .map_or(span.start, |k| span.start + k);
                let exact = base != span.start;
                let mut found = scan_html(decoded, origin, true);
                found.extend(scan_markdown(decoded, origin));
                found.sort_by_key(|f| f.offset);
                found.dedup();
                out.extend(found.into_iter().map(|f| Finding {
                    offset: if exact { base + f.offset } else { base },
                    ..f
                }));
            }
            Value::Array(a) => a.iter().for_each(|v| value(v, text, origin, out)),
            Value::InlineTable(t) => t.iter().for_each(|(_, v)| value(v, text, origin, out)),
            _ => {}
        }
    }
    fn item(i: &Item, text: &str, origin: &Origin, out: &mut Vec<Finding>) {
        match i {
            Item::Value(v) => value(v, text, origin, out),
            Item::Table(t) => t.iter().for_each(|(_, i)| item(i, text, origin, out)),
            Item::ArrayOfTables(a) => a
                .iter()
                .for_each(|t| t.iter().for_each(|(_, i)| item(i, text, origin, out))),
            Item::None => {}
        }
    }
    let mut out = Vec::new();
    match toml_edit::Document::parse(text) {
        Ok(doc) => item(doc.as_item(), text, origin, &mut out),
        Err(_) => {
            out = scan_html(text, origin, true);
            out.extend(data_images(text, origin));
        }
    }
    out
}

/// Where the characters of a TOML string start in its written form `raw`
/// (quotes included), when it is written without escapes.
fn body_offset(raw: &str, decoded: &str) -> Option<usize> {
    let delim = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|d| raw.starts_with(d) && raw.ends_with(d) && raw.len() >= 2 * d.len())?;
    let mut start = delim.len();
    if delim.len() == 3 {
        // A line break right after the opening quotes is not in the string.
        start += ["\r\n", "\n"]
            .into_iter()
            .find(|n| raw[start..].starts_with(n))
            .map_or(0, str::len);
    }
    (raw.get(start..raw.len() - delim.len())? == decoded).then_some(start)
}

/// Markdown images (`![alt](url)`) in the text of a data file that is not
/// TOML.
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
    fn addresses_are_read_the_way_a_browser_reads_them() {
        let o = site();
        for external in [
            "https://cdn.example.com/a.js",
            "//cdn.example.com/a.js",
            "\\\\cdn.example.com/a.js",
            "/\\cdn.example.com/a.js",
            "\\/cdn.example.com/a.js",
            "https:\\\\cdn.example.com/a.js",
            "http:/cdn.example.com/a.js",
            "https:cdn.example.com/a.js",
            "ht\ttps://cdn.example.com/a.js",
            "h\nttps://cdn.example.com/a.js",
            " \u{1}//cdn.example.com/a.js",
            "HTTPS://CDN.EXAMPLE.COM/a.js",
            "https://example.org.evil.example/a.js",
            "https://example.org@evil.example/a.js",
            "wss://socket.example/",
            "https://xn--bcher-kva.example/",
            "https://bücher.example/",
        ] {
            assert!(is_third_party(external, &o), "{external:?}");
        }
        for own in [
            "/img/a.png",
            "img/a.png",
            "../a.png",
            "?q=1",
            "#top",
            "https://example.org/explainer/b.png",
            "HTTPS://Example.ORG/b.png",
            "//example.org/b.png",
            "data:image/png;base64,AAAA",
            "mailto:desk@example.net",
            "{{ site.root_url }}a.png",
            "",
        ] {
            assert!(!is_third_party(own, &o), "{own:?}");
        }
        // Without a base URL, every absolute address is another site's.
        assert!(is_third_party(
            "https://example.org/a.png",
            &Origin::new("")
        ));
        assert!(!is_third_party("/a.png", &Origin::new("")));
        let f = found(r#"<img src="\\track.example/p.gif" alt="">"#);
        assert_eq!(f.len(), 1);
        assert!(f[0].1.contains("contact track.example"), "{f:?}");
    }

    #[test]
    fn character_references_in_attributes_are_decoded() {
        for html in [
            r#"<img src="https&#58;//t.example/p.gif" alt="">"#,
            r#"<img src="https&colon;//t.example/p.gif" alt="">"#,
            r#"<img src="&#x68;ttps://t.example/p.gif" alt="">"#,
            r#"<img src="ht&Tab;tps://t.example/p.gif" alt="">"#,
            r#"<img src="&sol;&sol;t.example/p.gif" alt="">"#,
            r#"<img src=https&#x3a;//t.example/p.gif alt="">"#,
            r#"<img srcset="/a.png 1x, &#47;/t.example/p.gif 2x" alt="">"#,
            r#"<div style="background:url(&quot;https://t.example/p.gif&quot;)"></div>"#,
            r#"<div style="background:url(https&#58;//t.example/p.gif)"></div>"#,
        ] {
            let f = found(html);
            assert_eq!(f.len(), 1, "{html}: {f:?}");
            assert!(f[0].1.contains("t.example"), "{html}: {f:?}");
            // At the start of the attribute's value.
            assert!(
                matches!(html.as_bytes()[f[0].0 - 1], b'"' | b'='),
                "{html}: {f:?}"
            );
        }
        // A reference that decodes to nothing dangerous stays fine, and the
        // decoded `rel` of a link counts.
        assert_eq!(found(r#"<img src="/a.png?x=1&amp;y=2" alt="">"#), []);
        assert_eq!(
            found(r#"<a href="https://o.example/" rel="noopener&#32;noreferrer">o</a>"#),
            []
        );
    }

    #[test]
    fn css_escapes_and_image_sets_are_read() {
        let o = site();
        for css in [
            r"a { background: url(\68 ttps://t.example/p.gif) }",
            r"a { background: u\72l(https://t.example/p.gif) }",
            r"a { background: \75\52\4c(https://t.example/p.gif) }",
            r#"a { background: url("https\3a //t.example/p.gif") }"#,
            r"@\69mport 'https://t.example/a.css';",
            r#"a { background: image-set("https://t.example/p.gif" 1x) }"#,
            r#"a { background: -webkit-image-set('//t.example/p.gif' 2x) }"#,
            r"a { background: url(/\\t.example/p.gif) }",
            r#"@font-face { src: src("https://t.example/f.woff2") }"#,
        ] {
            let f = scan_css(css, &o);
            assert_eq!(f.len(), 1, "{css}: {f:#?}");
            assert!(f[0].message.contains("t.example"), "{css}: {f:?}");
        }
        // Mapped back to the written address.
        let css = "a { color: red }\nb { background: url(\\68 ttps://t.example/p.gif) }";
        let f = scan_css(css, &o);
        assert!(
            css[f[0].offset..].starts_with("\\68 ttps://t.example"),
            "{f:?}"
        );
        // Image sets of the site's own files are fine, and a url() inside
        // one is found once.
        assert_eq!(
            scan_css(r#"a { b: image-set("/a.png" 1x, "b.png" 2x) }"#, &o),
            []
        );
        assert_eq!(
            scan_css(
                r#"a { b: image-set(url("https://t.example/a.png") 1x) }"#,
                &o
            )
            .len(),
            1
        );
        assert_eq!(scan_css(r"a::before { content: '\201C' }", &o), []);
    }

    #[test]
    fn data_strings_are_read_as_toml_decodes_them() {
        let o = site();
        let data = r#"[[fact]]
id = "a"
statement = "A chart: ![c](\u0068ttps://t.example/c.png)"

[[fact]]
id = "b"
statement = "<img src=\"https://t.example/p.gif\" alt=\"\">"
note = '''
![plain](https://t.example/plain.png)'''
tags = ["x", { html = "<img src=//t.example/i.gif>" }]
# <img src="https://t.example/comment.gif"> is a comment, not content
"#;
        let f = scan_data(data, &o);
        assert_eq!(f.len(), 4, "{f:#?}");
        // Escaped strings are reported at their start, plain ones exactly.
        assert!(data[f[0].offset..].starts_with("\"A chart"), "{f:?}");
        assert!(data[f[1].offset..].starts_with("\"<img"), "{f:?}");
        assert!(
            data[f[2].offset..].starts_with("https://t.example/plain.png"),
            "{f:?}"
        );
        assert!(
            data[f[3].offset..].starts_with("//t.example/i.gif"),
            "{f:?}"
        );
        // A file that is not TOML is still scanned.
        assert_eq!(
            scan_data("x = \"![c](https://t.example/c.png)", &o).len(),
            1
        );
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

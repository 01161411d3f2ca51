//! Markdown: `casefile::markdown::render` through every pass (citations,
//! glossary, links, images, highlighting, raw HTML checks and cleaning),
//! with the options taken from the first byte.
//!
//! Oracle: unless `unsafe_html` is set, a body rendered without an error
//! has no active content in its HTML or its summary, as a browser parses
//! them (no script or other active element, no `on*` attribute, no
//! `javascript:`/`data:` address); every diagnostic is placed in the file.
//! The same text as a record's field (`render::evidence::inline_html`,
//! which reports nothing) never has active content.

#![no_main]

use casefile::config::MarkdownConfig;
use casefile::diagnostics::SourceFile;
use casefile::markdown::{render, Context};
use casefile::render::evidence::inline_html;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/harness/mod.rs"]
mod harness;

const FRONT_MATTER: &str = "+++\ntitle = \"t\"\n+++\n";

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let body = String::from_utf8_lossy(rest);
    let config = MarkdownConfig {
        smart_punctuation: flags & 1 != 0,
        highlight_code: flags & 2 != 0,
        external_links_new_tab: flags & 4 != 0,
        // One input in eight: trusted HTML (no oracle, but no panic either).
        unsafe_html: flags & 0b11_1000 == 0b11_1000,
        ..MarkdownConfig::default()
    };
    let file = SourceFile::new("content/t.md", format!("{FRONT_MATTER}{body}"));
    let mut cx = Context {
        config: &config,
        file: &file,
        body_offset: FRONT_MATTER.len(),
        resolver: &harness::EchoResolver,
        search_text: flags & 0x40 != 0,
        diagnostics: Vec::new(),
    };
    let field = inline_html(&body, harness::empty_site());
    if let Some(what) = harness::active_content(&field) {
        panic!("{what} in a record field:\n{field}");
    }
    let rendered = render(&body, &mut cx);
    for d in &cx.diagnostics {
        harness::check_diagnostic(d, Some(&file));
    }
    if config.unsafe_html || cx.diagnostics.iter().any(|d| d.is_error()) {
        return;
    }
    for html in std::iter::once(&rendered.html).chain(rendered.summary.as_ref()) {
        if let Some(what) = harness::active_content(html) {
            panic!("{what} in HTML rendered without an error:\n{html}");
        }
    }
});

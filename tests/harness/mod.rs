//! What the fuzz targets (`fuzz/fuzz_targets/`) and the property tests
//! (`tests/properties.rs`) share: the oracle for active content in rendered
//! HTML, a [`Resolver`] that resolves every link, and the way one input is
//! split into evidence files. Both include this file by path, so a fuzz
//! finding and a property test check exactly the same thing.
//!
//! It depends only on `casefile` and `html5ever` (ammonia's parser, the
//! same version).

// Each includer uses a different subset.
#![allow(dead_code)]

use std::cell::RefCell;

use casefile::diagnostics::{Diagnostic, SourceFile};
use casefile::load::ContentFile;
use casefile::markdown::glossary::Glossary;
use casefile::markdown::{GlossaryEntry, LinkProblem, Resolver};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements that run or load something, change how the page works, or
/// make a browser read what follows them as text (raw text, RCDATA,
/// foreign content): the tokenizer below stays in its data state, which is
/// exactly how a browser reads the HTML up to the first of these.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "form",
    "portal",
    "svg",
    "math",
    "noscript",
    "template",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "title",
    "textarea",
];

/// Attributes whose value is an address (or a list of them).
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
    "lowsrc",
    "dynsrc",
    "longdesc",
    "codebase",
    "manifest",
    "icon",
];

/// Schemes that run script or hide content.
const ACTIVE_SCHEMES: &[&str] = &["javascript", "vbscript", "livescript", "data"];

/// The first thing in `html` that could run script or load active content
/// in a reader's browser, as a browser's tokenizer reads it (html5ever's):
/// an active element, an `on*` attribute, or an address with a scripting
/// or `data:` scheme. `None` if there is none.
///
/// Text is not looked at: `&lt;script&gt;` in a paragraph is harmless.
pub fn active_content(html: &str) -> Option<String> {
    let tokenizer = Tokenizer::new(Finder::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

#[derive(Default)]
struct Finder {
    found: RefCell<Option<String>>,
}

impl TokenSink for Finder {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            if tag.kind == TagKind::StartTag && self.found.borrow().is_none() {
                *self.found.borrow_mut() = problem(&tag);
            }
        }
        TokenSinkResult::Continue
    }
}

/// What is active about a start tag.
fn problem(tag: &Tag) -> Option<String> {
    let element = str::to_ascii_lowercase(&tag.name);
    if ACTIVE_ELEMENTS.contains(&element.as_str()) {
        return Some(format!("a <{element}> element"));
    }
    for attr in &tag.attrs {
        let attribute = str::to_ascii_lowercase(&attr.name.local);
        if attribute.starts_with("on") {
            return Some(format!("the attribute {attribute} on <{element}>"));
        }
        if !URL_ATTRIBUTES.contains(&attribute.as_str()) {
            continue;
        }
        let value: &str = &attr.value;
        let addresses: Vec<&str> = if attribute == "srcset" {
            value.split(',').collect()
        } else {
            vec![value]
        };
        for address in addresses {
            if let Some(scheme) = scheme(address).filter(|s| ACTIVE_SCHEMES.contains(&s.as_str())) {
                return Some(format!(
                    "{attribute}=\"{value}\" on <{element}> ({scheme}:)"
                ));
            }
        }
    }
    None
}

/// The scheme of an address as the URL standard reads it: leading and
/// trailing C0 controls and spaces stripped, tabs and newlines removed
/// anywhere, then letters, digits, `+`, `-` and `.` before the first `:`,
/// starting with a letter; lowercased. Written apart from casefile's own
/// `url_scheme`, so that the oracle does not share its mistakes.
pub fn scheme(address: &str) -> Option<String> {
    let trimmed = address.trim_matches(|c: char| c <= '\u{20}');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| candidate.to_ascii_lowercase())
}

/// Resolves every internal link, citation and record link, echoing what
/// was written into the URL (so that unescaped text would show up in the
/// HTML), except paths and ids starting with `missing` (not found) and
/// `draft` (a draft). Its glossary terms have expansions full of markup.
pub struct EchoResolver;

impl EchoResolver {
    fn check(id: &str) -> Result<(), LinkProblem> {
        if id.starts_with("missing") {
            Err(LinkProblem::NotFound {
                suggestion: Some(format!("{id}-2")),
            })
        } else if id.starts_with("draft") {
            Err(LinkProblem::Draft)
        } else {
            Ok(())
        }
    }
}

impl Resolver for EchoResolver {
    fn resolve(&self, path: &str) -> Result<String, LinkProblem> {
        Self::check(path)?;
        Ok(format!("/{}/", path.trim_end_matches(".md")))
    }

    fn resolve_record(&self, kind: &str, id: &str) -> Result<String, LinkProblem> {
        Self::check(id)?;
        Ok(format!("/{kind}s/{id}/"))
    }

    fn fact(&self, id: &str) -> Result<(String, String), LinkProblem> {
        Self::check(id)?;
        Ok((id.to_string(), format!("/facts/{id}/")))
    }

    fn glossary(&self) -> &Glossary {
        static ENTRIES: std::sync::OnceLock<Glossary> = std::sync::OnceLock::new();
        ENTRIES.get_or_init(|| {
            Glossary::new(vec![
                GlossaryEntry {
                    term: "CMS".into(),
                    url: "/glossary/#cms\" onmouseover=\"x()".into(),
                    expansion: Some("Centers for \"Medicare\" <script>x()</script>".into()),
                },
                GlossaryEntry {
                    term: "ICE".into(),
                    url: "/glossary/#ice".into(),
                    expansion: Some("Immigration & Customs Enforcement".into()),
                },
                GlossaryEntry {
                    term: "Medicaid".into(),
                    url: "/glossary/#medicaid".into(),
                    expansion: None,
                },
            ])
        })
    }
}

/// An empty site with default options, for renderers that take one
/// (`render::evidence::inline_html`, which record fields go through).
pub fn empty_site() -> &'static casefile::model::Site {
    static SITE: std::sync::OnceLock<casefile::model::Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let file = SourceFile::new(
            "casefile.toml",
            "title = \"Fuzz\"\nbase_url = \"https://example.org\"\n".to_string(),
        );
        let config = casefile::config::Config::parse(&file).expect("a valid configuration");
        let (site, diagnostics) = casefile::model::Site::build(config, Vec::new(), false);
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        site
    })
}

/// The evidence files of one input: a line `==> NAME` (an optional
/// trailing ` <==` is dropped) starts a file called NAME (relative to
/// `content/`); text before the first such line is `facts/x.toml`. A name
/// given again continues its file, as a folder holds one file per name.
/// At most 16 headers, so that an input cannot ask for thousands of files.
pub fn evidence_files(input: &str) -> Vec<ContentFile> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut name = "facts/x.toml".to_string();
    let mut text = String::new();
    for line in input.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("==> ") {
            if files.len() < 15 {
                if !(text.is_empty() && files.is_empty() && name == "facts/x.toml") {
                    files.push((name, std::mem::take(&mut text)));
                }
                let rest = rest.trim_end_matches(['\n', '\r']);
                name = rest.strip_suffix(" <==").unwrap_or(rest).to_string();
                continue;
            }
        }
        text.push_str(line);
    }
    files.push((name, text));
    let mut merged: Vec<(String, String)> = Vec::new();
    for (name, text) in files {
        match merged.iter_mut().find(|(n, _)| *n == name) {
            Some((_, earlier)) => earlier.push_str(&text),
            None => merged.push((name, text)),
        }
    }
    merged
        .into_iter()
        .map(|(rel, text)| ContentFile {
            source: SourceFile::new(format!("content/{rel}"), text),
            rel,
        })
        .collect()
}

/// What every diagnostic must be, whatever the input: placed at a line and
/// column that exist in `file` (when it is the diagnostic's file; line 0
/// means the whole file, column 0 an unknown column), and printable.
pub fn check_diagnostic(d: &Diagnostic, file: Option<&SourceFile>) {
    if let Some(file) = file.filter(|f| f.rel_path == d.file && d.line > 0) {
        let lines: Vec<&str> = file.text.split('\n').collect();
        assert!(
            d.line <= lines.len(),
            "line {} of {}: {d:?}",
            d.line,
            lines.len()
        );
        let line = lines[d.line - 1];
        assert!(
            d.column <= line.chars().count() + 1,
            "column {} past the end of line {line:?}: {d:?}",
            d.column,
        );
    }
    let shown = d.to_string();
    assert!(shown.contains(&d.message), "{shown}");
}

//! What the passes share while rendering one body: the options from
//! casefile.toml, the file for diagnostics, and the [`Resolver`] through
//! which they know the site.

use serde::Deserialize;

use super::glossary::Glossary;
use crate::diagnostics::{Diagnostic, SourceFile};

/// Markdown options: `[markdown]` in casefile.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Curly quotes, dashes and ellipses.
    pub smart_punctuation: bool,
    /// Highlight fenced code blocks with syntect.
    pub highlight_code: bool,
    /// syntect theme for the light colour scheme.
    pub highlight_theme: String,
    /// syntect theme for the dark colour scheme.
    pub highlight_theme_dark: String,
    /// Open external links in a new tab (`target="_blank"`).
    pub external_links_new_tab: bool,
    /// Keep contributors' raw HTML exactly as written, scripts and event
    /// handlers included, and allow any link scheme. Default `false`: raw
    /// HTML is cleaned to an allowlist of harmless tags and attributes.
    /// Only for sites where every contributor is trusted.
    pub unsafe_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        Self {
            smart_punctuation: true,
            highlight_code: true,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
            external_links_new_tab: false,
            unsafe_html: false,
        }
    }
}

/// What the passes share while rendering one body.
pub struct Context<'a> {
    /// Options from casefile.toml.
    pub config: &'a MarkdownConfig,
    /// The file, for diagnostics.
    pub file: &'a SourceFile,
    /// Where the body starts in the file.
    pub body_offset: usize,
    /// Resolves `@/` links.
    pub resolver: &'a dyn Resolver,
    /// Whether to keep the plain text of each part
    /// ([`Rendered::sections`](super::Rendered::sections)) for the search
    /// index; `false` when search is off.
    pub search_text: bool,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Context<'_> {
    /// A warning at a byte offset within the body.
    pub fn warning(
        &mut self,
        body_offset: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics.push(
            Diagnostic::warning_at(self.file, self.body_offset + body_offset, message)
                .with_help(help),
        );
    }

    /// An error at a byte offset within the body.
    pub fn error(
        &mut self,
        body_offset: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics.push(
            Diagnostic::error_at(self.file, self.body_offset + body_offset, message)
                .with_help(help),
        );
    }
}

/// Why an internal link cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// No content file has that path.
    NotFound {
        /// The closest existing path.
        suggestion: Option<String>,
    },
    /// The file is a draft, and drafts are not being built.
    Draft,
}

/// Turns content paths and record ids into URLs.
pub trait Resolver: Sync {
    /// The URL of the page or section built from `content/<path>`.
    fn resolve(&self, path: &str) -> Result<String, LinkProblem>;

    /// The content path a link to `path` leads to (in a translation, the
    /// page in its language), whose headings its anchor must name.
    fn resolved_rel(&self, path: &str) -> String {
        path.to_string()
    }

    /// The URL of an evidence record: `kind` is `fact`, `source`, `person`,
    /// `term`, `lawsuit` or `event`.
    fn resolve_record(&self, kind: &str, id: &str) -> Result<String, LinkProblem> {
        let _ = (kind, id);
        Err(LinkProblem::NotFound { suggestion: None })
    }

    /// A fact's canonical id and URL, by id or alias.
    fn fact(&self, id: &str) -> Result<(String, String), LinkProblem> {
        let _ = id;
        Err(LinkProblem::NotFound { suggestion: None })
    }

    /// Glossary terms to mark at first use.
    fn glossary(&self) -> &Glossary {
        static NONE: Glossary = Glossary::empty();
        &NONE
    }
}

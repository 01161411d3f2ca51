//! The model's types: pages, sections, taxonomies, and the site holding them
//! with its evidence and its facts' history (which [`crate::history`] reads
//! from git).

use std::collections::HashMap;
use std::ops::Range;

use crate::config::Config;
use crate::diagnostics::SourceFile;
use crate::evidence::Evidence;
use crate::front_matter::{PageFrontMatter, SectionFrontMatter, SortBy};

use crate::date::Date;

/// A page: any markdown file but `_index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Content path, e.g. `articles/the-agreement.md`.
    pub rel: String,
    /// The file's text.
    pub source: SourceFile,
    /// Where the markdown body starts in `source.text`.
    pub body_offset: usize,
    /// Where the front matter is in `source.text`.
    pub front_matter: Range<usize>,
    /// The page's language.
    pub lang: String,
    /// Parsed front matter.
    pub meta: PageFrontMatter,
    /// Last URL segment.
    pub slug: String,
    /// Site-relative URL path, `/articles/the-agreement/` (no base path).
    pub path: String,
    /// Publication date.
    pub date: Option<Date>,
    /// Last substantive change.
    pub updated: Option<Date>,
    /// Index of the section that lists the page.
    pub section: usize,
    /// `(taxonomy index, term indices)`.
    pub terms: Vec<(usize, Vec<usize>)>,
    /// Neighbours in the section's order.
    pub previous: Option<usize>,
    /// Neighbours in the section's order.
    pub next: Option<usize>,
    /// The content path of the page in the site's language that this one
    /// translates or stands in for (its own for a page in that language):
    /// pages that share it are one page in several languages.
    pub base_rel: String,
    /// Whether this page is the original shown in another language because
    /// it has no translation yet.
    pub fallback: bool,
    /// The parts of the original (`title`, `description`, `body`) that
    /// changed since this translation was made.
    pub stale: Vec<String>,
}

impl Page {
    /// The markdown after the front matter.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// When the page last changed, as shown: its `updated` date, else its
    /// publication date.
    pub fn last_changed(&self) -> Option<&Date> {
        self.updated.as_ref().or(self.date.as_ref())
    }
}

/// A section: a folder with an `_index.md` (or the implicit home).
#[derive(Debug, Clone)]
pub struct Section {
    /// Content path, e.g. `articles/_index.md`.
    pub rel: String,
    /// The file's text (empty for an implicit section).
    pub source: SourceFile,
    /// Where the markdown body starts.
    pub body_offset: usize,
    /// Language.
    pub lang: String,
    /// Parsed front matter.
    pub meta: SectionFrontMatter,
    /// Site-relative URL path, `/articles/`.
    pub path: String,
    /// The parent section, `None` for a language's home.
    pub parent: Option<usize>,
    /// Pages listed, in the section's order.
    pub pages: Vec<usize>,
    /// Child sections, by weight then title.
    pub subsections: Vec<usize>,
    /// Last substantive change.
    pub updated: Option<Date>,
    /// Folder relative to `content/` ("" for the home).
    pub dir: String,
    /// The content path of the page in the site's language that this one
    /// translates or stands in for (its own for a page in that language):
    /// pages that share it are one page in several languages.
    pub base_rel: String,
    /// Whether this page is the original shown in another language because
    /// it has no translation yet.
    pub fallback: bool,
    /// The parts of the original (`title`, `description`, `body`) that
    /// changed since this translation was made.
    pub stale: Vec<String>,
}

impl Section {
    /// The markdown after the front matter.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// Whether this is a language's home page.
    pub fn is_home(&self) -> bool {
        self.parent.is_none()
    }
}

/// One term of a taxonomy, such as the topic `privacy`.
#[derive(Debug, Clone)]
pub struct Term {
    /// As written in front matter.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// `/topics/privacy/`.
    pub path: String,
    /// Pages carrying the term, newest first.
    pub pages: Vec<usize>,
}

/// A taxonomy in one language.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Name from the config (`topics`).
    pub name: String,
    /// Language.
    pub lang: String,
    /// `/topics/`.
    pub path: String,
    /// Pages per term page (0: all).
    pub paginate_by: usize,
    /// Terms sorted by slug.
    pub terms: Vec<Term>,
}

/// What a content path refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `pages[i]`.
    Page(usize),
    /// `sections[i]`.
    Section(usize),
}

/// The whole site model.
#[derive(Debug, Clone)]
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// All published pages, sorted by content path.
    pub pages: Vec<Page>,
    /// All published sections, sorted by content path.
    pub sections: Vec<Section>,
    /// Taxonomies, per language.
    pub taxonomies: Vec<Taxonomy>,
    /// Content path to page or section.
    pub lookup: HashMap<String, Target>,
    /// Content paths of drafts left out of this build (links to them are errors).
    pub drafts: Vec<String>,
    /// Sources, facts, timeline, lawsuits, people, glossary and updates.
    pub evidence: std::sync::Arc<Evidence>,
    /// Each fact's history from git: set once, by the git stage, before the
    /// evidence pages are rendered (while the pages are, git may still be
    /// read); never set without git and in `serve`.
    pub history: std::sync::OnceLock<std::sync::Arc<History>>,
}

/// One field of a fact that changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// `statement`, `attribution`, `quote`, `source`, `status`, `date`,
    /// `precision` or `when`.
    pub field: &'static str,
    /// What it said before (empty if it had none).
    pub was: String,
    /// What it says now (empty if it has none).
    pub now: String,
}

/// One change in a fact's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// When it was committed; `None` for a change not committed yet.
    pub at: Option<jiff::Timestamp>,
    /// What changed.
    pub changes: Vec<FieldChange>,
}

/// The history of one fact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FactHistory {
    /// When it was first committed (under this id or an earlier one);
    /// `None` if it is not committed yet.
    pub added: Option<jiff::Timestamp>,
    /// Each change of its words, oldest first.
    pub revisions: Vec<Revision>,
}

/// The history of every fact, by current id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// By current id (filled by [`crate::history::facts`]).
    pub(crate) facts: HashMap<String, FactHistory>,
}

impl History {
    /// The history of the fact `id`.
    pub fn of(&self, id: &str) -> Option<&FactHistory> {
        self.facts.get(id)
    }
}

/// The order pages are listed in. Total: ties are broken by content path.
pub fn compare_pages(a: &Page, b: &Page, sort_by: SortBy) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let primary = match sort_by {
        SortBy::Date => match (&a.date, &b.date) {
            (Some(x), Some(y)) => y.cmp(x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        SortBy::Weight => a
            .meta
            .weight
            .unwrap_or(i64::MAX)
            .cmp(&b.meta.weight.unwrap_or(i64::MAX)),
        SortBy::Title => a
            .meta
            .title
            .to_lowercase()
            .cmp(&b.meta.title.to_lowercase()),
    };
    primary.then_with(|| a.rel.cmp(&b.rel))
}

/// The URL prefix of a language's pages: none for the site's own
/// language, `/LANG` for another.
pub(super) fn lang_prefix(lang: &str, config: &Config) -> String {
    if lang == config.language {
        String::new()
    } else {
        format!("/{lang}")
    }
}

//! View structs: the only values templates see.
//!
//! Templates never receive the model. Each view is a small, borrowed,
//! serialisable struct built for one template variable (`site`, `page`,
//! `section`, `taxonomy`, `term`), so that the template API is explicit,
//! documented in one place, and cheap to build for thousands of pages.

use serde::Serialize;

use crate::markdown::TocEntry;
use crate::model::{Date, Page, Section, Site, Target};

use super::strings::Strings;

/// A date, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// Machine-readable, for `<time datetime>`: `2026-05-01` or RFC 3339.
    pub iso: String,
    /// Human-readable in the page's language: "May 1, 2026".
    pub display: String,
}

impl DateView {
    /// Formats `d` with `strings`.
    pub fn new(d: &Date, strings: &Strings) -> Self {
        let (y, m, day) = d.ymd();
        Self {
            iso: d.iso(),
            display: strings.format_date(y, m, day),
        }
    }
}

/// A link: a title and a URL.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView<'a> {
    /// Text to show.
    pub title: &'a str,
    /// Root-relative URL including the base path.
    pub url: String,
}

/// What every template gets as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    /// Site title (in the page's language).
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Publisher.
    pub author: &'a str,
    /// Absolute base URL without trailing slash.
    pub base_url: &'a str,
    /// Root-relative URL of the site root (where `style.css` is).
    pub root_url: String,
    /// Root-relative URL of the home page of the current language.
    pub home_url: String,
    /// Top-level sections, for navigation.
    pub nav: Vec<LinkView<'a>>,
    /// Taxonomies with at least one term.
    pub taxonomies: Vec<LinkView<'a>>,
    /// The evidence pages the site has: facts, timeline, lawsuits, people,
    /// glossary, sources, updates.
    pub evidence: Vec<LinkView<'a>>,
    /// The latest `updated` or `date` of any page, for "last updated".
    pub last_updated: Option<DateView>,
    /// `[extra]` from casefile.toml.
    pub extra: &'a toml::Table,
}

/// A page in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PageCard<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: String,
    /// Description from front matter.
    pub description: Option<&'a str>,
    /// Summary HTML (before `<!-- more -->`, or the first paragraph).
    pub summary: Option<&'a str>,
    /// Publication date.
    pub date: Option<DateView>,
    /// Last update.
    pub updated: Option<DateView>,
}

/// A taxonomy and the page's terms in it.
#[derive(Debug, Clone, Serialize)]
pub struct TermGroup<'a> {
    /// Taxonomy name (`topics`).
    pub name: &'a str,
    /// Its title in the page's language.
    pub title: &'a str,
    /// URL of the taxonomy's list page.
    pub url: String,
    /// The terms.
    pub terms: Vec<LinkView<'a>>,
}

/// A page, as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageView<'a> {
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: Option<&'a str>,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Language code.
    pub lang: &'a str,
    /// Publication date.
    pub date: Option<DateView>,
    /// Last update (`updated`, else `date`).
    pub updated: Option<DateView>,
    /// Rendered body HTML.
    pub content: &'a str,
    /// Summary HTML.
    pub summary: Option<&'a str>,
    /// Table of contents.
    pub toc: &'a [TocEntry],
    /// Word count.
    pub word_count: usize,
    /// Minutes to read at 200 words a minute (at least 1).
    pub reading_minutes: usize,
    /// Taxonomy terms.
    pub taxonomies: Vec<TermGroup<'a>>,
    /// Previous page in the section's order.
    pub previous: Option<LinkView<'a>>,
    /// Next page in the section's order.
    pub next: Option<LinkView<'a>>,
    /// From the home page down to the page's section.
    pub breadcrumbs: Vec<LinkView<'a>>,
    /// Whether the page has highlighted code (link syntax.css).
    pub has_code: bool,
    /// The facts the page cites, numbered as their marks.
    pub citations: Vec<super::evidence::FactView>,
    /// Updates and corrections to this page, newest first.
    pub updates: Vec<super::evidence::UpdateView>,
    /// Whether any of `updates` is a correction.
    pub corrected: bool,
    /// `[extra]` from front matter.
    pub extra: &'a toml::Table,
}

/// Pagination of a list.
#[derive(Debug, Clone, Serialize)]
pub struct PaginatorView {
    /// 1-based current page.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// URL of the previous list page.
    pub previous_url: Option<String>,
    /// URL of the next list page.
    pub next_url: Option<String>,
    /// Every list page.
    pub pages: Vec<PagerLink>,
}

/// One numbered link of a paginator.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// 1-based number.
    pub number: usize,
    /// URL.
    pub url: String,
    /// Whether this is the page being rendered.
    pub current: bool,
}

/// A section, as `section`.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView<'a> {
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: Option<&'a str>,
    /// URL of this list page.
    pub url: String,
    /// Absolute URL of this list page.
    pub permalink: String,
    /// Language.
    pub lang: &'a str,
    /// Rendered body HTML.
    pub content: &'a str,
    /// Table of contents of the body.
    pub toc: &'a [TocEntry],
    /// Pages on this list page.
    pub pages: Vec<PageCard<'a>>,
    /// Child sections.
    pub subsections: Vec<LinkView<'a>>,
    /// Pagination, when the section paginates.
    pub paginator: Option<PaginatorView>,
    /// From the home page down to the parent.
    pub breadcrumbs: Vec<LinkView<'a>>,
    /// The newest date of the section or its pages.
    pub updated: Option<DateView>,
    /// Whether this is the home page.
    pub is_home: bool,
    /// Whether the body has highlighted code.
    pub has_code: bool,
    /// The facts the body cites, numbered as their marks.
    pub citations: Vec<super::evidence::FactView>,
    /// Updates and corrections to this page, newest first.
    pub updates: Vec<super::evidence::UpdateView>,
    /// Whether any of `updates` is a correction.
    pub corrected: bool,
    /// `[extra]` from front matter.
    pub extra: &'a toml::Table,
}

/// A taxonomy's list of terms, as `taxonomy`.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView<'a> {
    /// Name (`topics`).
    pub name: &'a str,
    /// Title in the page's language.
    pub title: &'a str,
    /// URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Terms with their counts.
    pub terms: Vec<TermCount<'a>>,
}

/// A term and how many pages carry it.
#[derive(Debug, Clone, Serialize)]
pub struct TermCount<'a> {
    /// Name.
    pub name: &'a str,
    /// URL.
    pub url: String,
    /// Pages.
    pub count: usize,
}

/// One term's page, as `term`.
#[derive(Debug, Clone, Serialize)]
pub struct TermView<'a> {
    /// Name.
    pub name: &'a str,
    /// URL of this list page.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// The taxonomy.
    pub taxonomy: LinkView<'a>,
    /// Pages on this list page.
    pub pages: Vec<PageCard<'a>>,
    /// Pagination.
    pub paginator: Option<PaginatorView>,
}

/// Everything passed to one template render.
#[derive(Debug, Clone, Serialize)]
pub struct RenderContext<'a, T: Serialize> {
    /// The site.
    pub site: &'a SiteView<'a>,
    /// Interface strings.
    pub t: &'a Strings,
    /// Language of the page.
    pub lang: &'a str,
    /// URL of the page being rendered.
    pub current_url: &'a str,
    /// Whether this build is for `casefile serve`.
    pub serve: bool,
    /// `page`, `section`, `taxonomy`, `term`, or nothing for 404.
    #[serde(flatten)]
    pub item: T,
}

/// URL helpers shared by views: root-relative and absolute.
pub struct Urls<'a> {
    /// `/explainer` or "".
    pub base_path: &'a str,
    /// `https://example.org/explainer`.
    pub base_url: &'a str,
}

impl Urls<'_> {
    /// Root-relative URL of a site path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// Absolute URL of a site path.
    pub fn permalink(&self, path: &str) -> String {
        let origin = self
            .base_url
            .strip_suffix(self.base_path)
            .unwrap_or(self.base_url);
        format!("{origin}{}{path}", self.base_path)
    }
}

/// Builds the breadcrumb trail for a section index.
pub fn breadcrumbs<'a>(
    site: &'a Site,
    section: usize,
    urls: &Urls<'_>,
    include_self: bool,
) -> Vec<LinkView<'a>> {
    let mut chain = site.ancestors(section);
    if include_self {
        chain.push(section);
    }
    chain
        .into_iter()
        .map(|i| LinkView {
            title: &site.sections[i].meta.title,
            url: urls.url(&site.sections[i].path),
        })
        .collect()
}

/// A link to a page.
pub fn page_link<'a>(page: &'a Page, urls: &Urls<'_>) -> LinkView<'a> {
    LinkView {
        title: &page.meta.title,
        url: urls.url(&page.path),
    }
}

/// A link to a section.
pub fn section_link<'a>(section: &'a Section, urls: &Urls<'_>) -> LinkView<'a> {
    LinkView {
        title: &section.meta.title,
        url: urls.url(&section.path),
    }
}

/// The URL of whatever a content path names.
pub fn target_url(site: &Site, target: Target, urls: &Urls<'_>) -> String {
    urls.url(site.path_of(target))
}

//! View structs: the only values templates see.
//!
//! Templates never receive the model. Each view is a small, borrowed,
//! serialisable struct built for one template variable (`site`, `page`,
//! `section`, `taxonomy`, `term`), so that the template API is explicit,
//! documented in one place, and cheap to build for thousands of pages.

use serde::Serialize;

use crate::evidence::paths;
use crate::markdown::TocEntry;
use crate::model::{Page, Section, Site, Target};

use super::dates::DateView;
use super::evidence::views::{EventView, FactLink, FactView, UpdateView};
use super::strings::Strings;

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
    /// Top-level sections, for navigation, each with its own pages.
    pub nav: Vec<NavSection<'a>>,
    /// Taxonomies with at least one term.
    pub taxonomies: Vec<LinkView<'a>>,
    /// The evidence pages the site has: facts, timeline, lawsuits, people,
    /// glossary, sources, updates.
    pub evidence: Vec<NavLink<'a>>,
    /// The home page's name in navigation ("The short version").
    pub home_title: &'a str,
    /// The latest `updated` or `date` of any page, for "last updated".
    pub last_updated: Option<DateView>,
    /// The feeds of updates and corrections, when the site has updates.
    pub feeds: Option<FeedsView>,
    /// The image shown when a page is shared (Open Graph, Twitter card).
    pub share_image: ShareImageView,
    /// Whether the site has search (`[search] enabled`): the search page at
    /// `home_url` + `search/` and the search field in the header.
    pub search: bool,
    /// `[extra]` from casefile.toml.
    pub extra: &'a toml::Table,
}

/// The feeds of updates and corrections (`site.feeds`).
#[derive(Debug, Clone, Serialize)]
pub struct FeedsView {
    /// Their title ("Medicaid data and ICE: Updates and corrections").
    pub title: String,
    /// Root-relative URL of the Atom feed.
    pub atom: String,
    /// Root-relative URL of the JSON Feed.
    pub json: String,
}

/// The share image (`site.share_image`).
#[derive(Debug, Clone, Serialize)]
pub struct ShareImageView {
    /// Absolute URL (Open Graph wants one).
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// What it shows, for `og:image:alt`.
    pub alt: String,
}

/// Site path of the share image: the one `publish` draws, or the site's
/// own `static/share.png`.
pub const SHARE_IMAGE: &str = "/share.png";
/// Width of the share image, in pixels.
pub const SHARE_IMAGE_WIDTH: u32 = 1200;
/// Height of the share image, in pixels.
pub const SHARE_IMAGE_HEIGHT: u32 = 630;

/// `site.feeds`: the feed links of the language at `prefix`, when the
/// site has updates.
pub fn feeds(
    site: &Site,
    lang: &str,
    s: &Strings,
    urls: &Urls<'_>,
    prefix: &str,
) -> Option<FeedsView> {
    (!site.evidence.updates.is_empty()).then(|| FeedsView {
        title: format!("{}: {}", site.config.title_in(lang), s.get("updates")),
        atom: urls.url(&format!("{prefix}{}", paths::ATOM_FEED)),
        json: urls.url(&format!("{prefix}{}", paths::JSON_FEED)),
    })
}

/// `site.share_image`: the image that `publish` draws (or the site's own
/// `static/share.png`).
pub fn share_image(site: &Site, urls: &Urls<'_>) -> ShareImageView {
    ShareImageView {
        url: urls.permalink(SHARE_IMAGE),
        width: SHARE_IMAGE_WIDTH,
        height: SHARE_IMAGE_HEIGHT,
        alt: if site.config.description.is_empty() {
            site.config.title.clone()
        } else {
            format!("{}: {}", site.config.title, site.config.description)
        },
    }
}

/// Machine-readable metadata of the page being rendered (`meta`), for
/// `partials/meta.html`: Open Graph, Twitter card and JSON-LD.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MetaView {
    /// Absolute URL of the page (none for the 404 page).
    pub url: Option<String>,
    /// The page's own title, without the site's.
    pub title: String,
    /// One or two sentences: the description, the summary, or the site's.
    pub description: String,
    /// `article` for a dated page, `website` otherwise (`og:type`).
    pub kind: &'static str,
    /// Publication date (ISO 8601), for articles.
    pub published: Option<String>,
    /// Last change (ISO 8601), for articles.
    pub modified: Option<String>,
    /// schema.org JSON-LD, ready to go in a `<script type="application/ld+json">`.
    pub json_ld: Option<String>,
}

/// A top-level section in the navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavSection<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its URL.
    pub url: String,
    /// Its pages, in the section's order (for the footer's site map).
    pub pages: Vec<LinkView<'a>>,
}

/// An evidence page in the navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavLink<'a> {
    /// Its title ("Updates and corrections").
    pub title: &'a str,
    /// A short label for the header ("Updates").
    pub short: &'a str,
    /// Its URL.
    pub url: String,
    /// Which page: `fact_index`, `timeline`, `lawsuits`, `people`,
    /// `glossary`, `sources` or `updates`.
    pub key: &'static str,
    /// Whether the built-in header shows it (the others are in the footer).
    pub primary: bool,
}

/// What the home page (`index.html`) gets as `section.home`: the story at
/// a glance.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView<'a> {
    /// The first fact cited under each `##` heading of the home page, with
    /// that heading as its label (at most four).
    pub key_facts: Vec<KeyFact>,
    /// Maps of the facts that name states.
    pub maps: Vec<super::graphics::MapView>,
    /// The first events of the timeline.
    pub timeline: Vec<EventView>,
    /// The timeline page.
    pub timeline_url: String,
    /// Every event, for the overview graphic.
    pub timeline_graphic: Option<super::graphics::TimelineGraphic>,
    /// How many events there are.
    pub timeline_total: usize,
    /// The newest updates and corrections (at most three).
    pub updates: Vec<UpdateView>,
    /// How many there are.
    pub updates_total: usize,
    /// The updates page.
    pub updates_url: String,
    /// The top sections, in navigation order, each with its pages.
    pub reading: Vec<ReadingGroup<'a>>,
}

/// A top section and its pages, on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct ReadingGroup<'a> {
    /// The section's title.
    pub title: &'a str,
    /// Its URL.
    pub url: String,
    /// Its first pages, in its order (the newest, for a section sorted
    /// by date).
    pub pages: Vec<PageCard<'a>>,
    /// How many pages it has in all.
    pub total: usize,
}

/// A key fact on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct KeyFact {
    /// The heading it was cited under ("What happened").
    pub label: String,
    /// The fact.
    pub fact: FactView,
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
    /// Whether it is a draft (shown only by `serve` and `--drafts`).
    pub draft: bool,
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
    pub citations: Vec<FactView>,
    /// The sources its citations quote, once each, in order of first use.
    pub citation_sources: Vec<FactLink>,
    /// Updates and corrections to this page, newest first.
    pub updates: Vec<UpdateView>,
    /// Whether any of `updates` is a correction.
    pub corrected: bool,
    /// Maps of the cited facts that name states.
    pub maps: Vec<super::graphics::MapView>,
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
    pub citations: Vec<FactView>,
    /// The sources its citations quote, once each, in order of first use.
    pub citation_sources: Vec<FactLink>,
    /// Updates and corrections to this page, newest first.
    pub updates: Vec<UpdateView>,
    /// Whether any of `updates` is a correction.
    pub corrected: bool,
    /// On the home page only: key facts, maps, the start of the timeline,
    /// the latest updates and the pages to read.
    pub home: Option<HomeView<'a>>,
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

/// The page in one language.
#[derive(Debug, Clone, Serialize)]
pub struct AlternateView {
    /// Language code (`es`), for `hreflang` and `lang`.
    pub lang: String,
    /// The language's name in itself (`Español`).
    pub name: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Whether it is the page being rendered.
    pub current: bool,
    /// Whether it belongs in the `hreflang` alternates: a translation or
    /// the original, not an untranslated page shown from the original
    /// (and none on such a page).
    pub hreflang: bool,
}

/// A translated page's relation to its original.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationView {
    /// The original's language, named in the page's language (`inglés`).
    pub language: String,
    /// The original's code (`en`).
    pub lang: String,
    /// Root-relative URL of the original.
    pub url: String,
    /// Absolute URL of the original: a page not translated yet gives it as
    /// its canonical address.
    pub permalink: String,
    /// The page is the original itself, not translated yet.
    pub fallback: bool,
    /// The record the page is about (a fact, a lawsuit) is shown in the
    /// original's words, under translated headings.
    pub untranslated: bool,
    /// The parts of the original (`title`, `body`) changed since the
    /// translation was made; empty when it is current.
    pub stale: Vec<String>,
}

/// Everything passed to one template render.
#[derive(Debug, Clone, Serialize)]
pub struct RenderContext<'a, T: Serialize> {
    /// The site. Not serialised with the rest: the renderer hands
    /// templates a copy made once per language (every page has the same).
    #[serde(skip)]
    pub site: &'a SiteView<'a>,
    /// Interface strings: made once per language, as `site` is.
    #[serde(skip)]
    pub t: &'a Strings,
    /// Language of the page.
    pub lang: &'a str,
    /// URL of the page being rendered.
    pub current_url: &'a str,
    /// Whether this build is for `casefile serve`.
    pub serve: bool,
    /// Open Graph, Twitter card and JSON-LD metadata of the page.
    pub meta: MetaView,
    /// The same page in every language it exists in, this one included
    /// (empty on a site in one language): the language switcher and the
    /// `hreflang` links.
    pub alternates: Vec<AlternateView>,
    /// On a page in a language other than the site's own: where the
    /// authoritative original is, and whether this page is shown
    /// untranslated or translates an older version of it.
    pub translation: Option<TranslationView>,
    /// `page`, `section`, `taxonomy`, `term`, or nothing for 404.
    #[serde(flatten)]
    pub item: T,
}

impl<T: Serialize> RenderContext<'_, T> {
    /// The same context with the page's own metadata.
    pub fn with_meta(mut self, meta: MetaView) -> Self {
        self.meta = meta;
        self
    }
}

/// URL helpers shared by views: root-relative and absolute.
pub struct Urls<'a> {
    /// `/explainer` or "".
    pub base_path: &'a str,
    /// `https://example.org/explainer`.
    pub base_url: &'a str,
}

impl<'a> Urls<'a> {
    /// The origin of the site (`https://example.org`): what root-relative
    /// URLs (which include the base path) are appended to.
    pub fn origin(&self) -> &'a str {
        self.base_url
            .strip_suffix(self.base_path)
            .unwrap_or(self.base_url)
    }

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

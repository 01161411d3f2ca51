//! Stage 4, render: markdown and templates, page by page, in parallel.
//!
//! [`Renderer`] borrows the model and the templates. [`Renderer::pages`]
//! renders every page (markdown, then its template) on the rayon pool and
//! hands each finished file straight to the output [`Sink`], keeping only a
//! small [`PageInfo`] per page (summary, heading ids, anchor links): rendered
//! pages are streamed out, not held. List pages (sections, taxonomies) are
//! rendered afterwards from those infos.

pub mod acronyms;
pub mod alternates;
pub mod dates;
pub mod evidence;
pub mod graphics;
pub mod home;
pub mod jsonld;
mod lists;
pub mod metadata;
pub mod resolve;
pub mod search;
pub mod strings;
pub mod templates;
pub mod view;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{closest, Diagnostic};
use crate::front_matter;
use crate::markdown::{self, AnchorRef, TocEntry};
use crate::model::{Site, Target};
use crate::output::{path_to_file, Sink};
pub use resolve::SiteResolver;

use dates::DateView;
pub use strings::Strings;
pub use templates::Templates;
use view::*;

/// What is kept of a rendered page or section body.
#[derive(Debug, Clone, Default)]
pub struct PageInfo {
    /// Summary HTML.
    pub summary: Option<String>,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Heading ids.
    pub ids: Vec<String>,
    /// Links to anchors of other pages.
    pub anchor_refs: Vec<AnchorRef>,
    /// Words.
    pub word_count: usize,
    /// Whether it has highlighted code.
    pub has_code: bool,
    /// Canonical ids of the facts it cites, in order of first citation.
    pub cited: Vec<String>,
    /// Its parts' words, counted for the search index, and its result
    /// file until written (see [`crate::search`]).
    pub search: crate::search::Written,
}

/// Rendered section bodies, kept whole (sections are few).
#[derive(Debug, Clone, Default)]
pub struct SectionBody {
    /// Body HTML.
    pub html: String,
    /// Everything else.
    pub info: PageInfo,
}

/// Renders one body of markdown from the model.
pub fn markdown_of(
    resolver: &SiteResolver<'_>,
    source: &crate::diagnostics::SourceFile,
    body_offset: usize,
) -> (markdown::Rendered, Vec<Diagnostic>) {
    let mut cx = markdown::Context {
        config: &resolver.site.config.markdown,
        file: source,
        body_offset,
        resolver,
        search_text: resolver.site.config.search.enabled,
        diagnostics: Vec::new(),
    };
    let r = markdown::render(&source.text[body_offset..], &mut cx);
    (r, cx.diagnostics)
}

/// A top section lists its pages in the navigation only up to this many.
pub const NAV_PAGES: usize = 12;

/// Renders the site's pages and lists.
pub struct Renderer<'a> {
    /// The model.
    pub site: &'a Site,
    /// Templates.
    pub templates: &'a Templates,
    /// Strings per language.
    pub strings: &'a BTreeMap<String, Strings>,
    /// Whether building for `serve` (adds live reload).
    pub serve: bool,
    site_views: BTreeMap<String, SiteView<'a>>,
    /// Per language: `site` and `t` as Tera values, made once (they were
    /// serialised again for each of 13,000 pages at 10,000).
    shared: BTreeMap<String, [tera::Value; 2]>,
    urls: Urls<'a>,
    /// Per language: how its pages' links resolve, and its acronyms.
    resolvers: BTreeMap<String, SiteResolver<'a>>,
    /// Per language: its URL prefix (`""`, `/es`).
    prefixes: BTreeMap<String, String>,
    acronyms: BTreeMap<String, acronyms::Acronyms>,
    alternates: alternates::Alternates,
    /// Site path of each page in another language than the site's whose
    /// translation is missing or out of date.
    translated: HashMap<String, Translated>,
    /// Where the search digests intern their words: the build's own, or
    /// for `serve` the process's.
    lexicons: crate::search::Lexicons,
}

/// Splits per-page results into the infos and all their diagnostics, in
/// page order.
trait UnzipDiagnostics {
    fn unzip_diagnostics(self) -> (Vec<PageInfo>, Vec<Diagnostic>);
}

impl<I: ExactSizeIterator<Item = (PageInfo, Vec<Diagnostic>)>> UnzipDiagnostics for I {
    fn unzip_diagnostics(self) -> (Vec<PageInfo>, Vec<Diagnostic>) {
        let mut infos = Vec::with_capacity(self.len());
        let mut diags = Vec::new();
        for (i, d) in self {
            infos.push(i);
            diags.extend(d);
        }
        (infos, diags)
    }
}

fn info_of(r: &markdown::Rendered) -> PageInfo {
    PageInfo {
        summary: r.summary.clone(),
        toc: r.toc.clone(),
        ids: r.ids.clone(),
        anchor_refs: r.anchor_refs.clone(),
        word_count: r.word_count,
        has_code: r.has_code,
        cited: r.cited.clone(),
        search: Default::default(),
    }
}

impl<'a> Renderer<'a> {
    /// Prepares views shared by every page.
    pub fn new(
        site: &'a Site,
        templates: &'a Templates,
        strings: &'a BTreeMap<String, Strings>,
        serve: bool,
    ) -> Self {
        let urls = Urls {
            base_path: site.config.base_path(),
            base_url: site.config.base_url_trimmed(),
        };
        let mut site_views = BTreeMap::new();
        for lang in site.config.all_languages() {
            let s = &strings[lang];
            let home = site.home(lang);
            let prefix = site.lang_prefix(lang);
            let last = site
                .pages
                .iter()
                .filter(|p| p.lang == lang)
                .filter_map(|p| p.updated.as_ref().or(p.date.as_ref()))
                .chain(
                    site.sections
                        .iter()
                        .filter(|x| x.lang == lang)
                        .filter_map(|x| x.updated.as_ref()),
                )
                // An update may name only facts: it is a change all the same.
                .chain(site.evidence.updates.first().map(|u| &u.date))
                .max();
            site_views.insert(
                lang.to_string(),
                SiteView {
                    title: site.config.title_in(lang),
                    description: site.config.description_in(lang),
                    author: &site.config.author,
                    base_url: site.config.base_url_trimmed(),
                    root_url: urls.url("/"),
                    home_url: urls.url(&site.sections[home].path),
                    nav: site.sections[home]
                        .subsections
                        .iter()
                        .map(|&i| NavSection {
                            title: &site.sections[i].meta.title,
                            url: urls.url(&site.sections[i].path),
                            // Only short sections list their pages in the
                            // navigation: every page carries the nav, so a
                            // long list would make the site quadratic.
                            pages: if site.sections[i].pages.len() <= NAV_PAGES {
                                site.sections[i]
                                    .pages
                                    .iter()
                                    .map(|&p| page_link(&site.pages[p], &urls))
                                    .collect()
                            } else {
                                Vec::new()
                            },
                        })
                        .collect(),
                    taxonomies: site
                        .taxonomies
                        .iter()
                        .filter(|t| t.lang == lang && !t.terms.is_empty())
                        .map(|t| LinkView {
                            title: s.0.get(&t.name).map(String::as_str).unwrap_or(&t.name),
                            url: urls.url(&t.path),
                        })
                        .collect(),
                    last_updated: last.map(|d| DateView::new(d, s)),
                    feeds: view::feeds(site, lang, s, &urls, &prefix),
                    share_image: view::share_image(site, &urls),
                    evidence: evidence_nav(site, s, &urls, &prefix),
                    home_title: s.get("nav_home"),
                    search: site.config.search.enabled,
                    extra: &site.config.extra,
                },
            );
        }
        let translated = translated_pages(site);
        let shared = site_views
            .iter()
            .map(|(lang, view)| {
                let site = tera::Value::from_serializable(view);
                let t = tera::Value::from_serializable(&strings[lang]);
                (lang.clone(), [site, t])
            })
            .collect();
        Self {
            site,
            templates,
            strings,
            serve,
            site_views,
            shared,
            urls,
            alternates: alternates::Alternates::new(site),
            translated,
            lexicons: crate::search::Lexicons::new(site.config.all_languages(), serve),
            resolvers: site
                .config
                .all_languages()
                .into_iter()
                .map(|l| (l.to_string(), SiteResolver::for_lang(site, l)))
                .collect(),
            prefixes: site
                .config
                .all_languages()
                .into_iter()
                .map(|l| (l.to_string(), site.lang_prefix(l)))
                .collect(),
            acronyms: site
                .config
                .all_languages()
                .into_iter()
                .map(|l| {
                    let tr = site.evidence.translations.get(l);
                    let terms = site
                        .evidence
                        .terms
                        .iter()
                        .enumerate()
                        .filter_map(|(i, t)| {
                            let text = tr.and_then(|tr| tr.terms[i].as_ref());
                            let term = text
                                .and_then(|x| x.term.clone())
                                .unwrap_or_else(|| t.term.clone());
                            let expansion = text
                                .and_then(|x| x.expansion.clone())
                                .or_else(|| t.expansion.clone())?;
                            Some((term, expansion))
                        })
                        .collect();
                    (l.to_string(), acronyms::Acronyms::new(terms))
                })
                .collect(),
        }
    }

    /// How links resolve on the pages of `lang`.
    pub fn resolver(&self, lang: &str) -> &SiteResolver<'a> {
        self.resolvers
            .get(lang)
            .unwrap_or_else(|| &self.resolvers[&self.site.config.language])
    }

    /// URL helpers.
    pub fn urls(&self) -> &Urls<'a> {
        &self.urls
    }

    /// Renders `template` with `item` flattened into the context.
    pub fn render_item<T: Serialize>(
        &self,
        template: &str,
        lang: &str,
        url: &str,
        item: T,
    ) -> Result<String, Diagnostic> {
        self.render_context(template, &self.context(lang, url, item))
    }

    /// Renders `template` with `context`, and the `site` and `t` of its
    /// language.
    pub(crate) fn render_context<T: Serialize>(
        &self,
        template: &str,
        context: &RenderContext<'_, T>,
    ) -> Result<String, Diagnostic> {
        let [site, t] = &self.shared[context.lang];
        self.templates
            .render_with(template, context, &[("site", site), ("t", t)])
    }

    fn context<'b, T: Serialize>(
        &'b self,
        lang: &'b str,
        current_url: &'b str,
        item: T,
    ) -> RenderContext<'b, T> {
        let path = current_url
            .strip_prefix(self.urls.base_path)
            .unwrap_or(current_url);
        let alternates = self.alternates_of(lang, path);
        RenderContext {
            site: &self.site_views[lang],
            t: &self.strings[lang],
            lang,
            current_url,
            serve: self.serve,
            meta: self.default_meta(lang, current_url),
            translation: self.translation_of(lang, path, &alternates),
            alternates,
            item,
        }
    }

    /// The page at site path `path` in every language, for the switcher.
    pub fn alternates_of(&self, lang: &str, path: &str) -> Vec<AlternateView> {
        let here_fallback = self.alternates.is_fallback(path);
        let mut views: Vec<AlternateView> = self
            .alternates
            .of(lang, path)
            .into_iter()
            .map(|(l, p)| AlternateView {
                name: upper_first(&self.language_name(&l, &l)),
                url: self.urls.url(&p),
                permalink: self.urls.permalink(&p),
                current: l == lang,
                hreflang: !here_fallback && !self.alternates.is_fallback(&p),
                lang: l,
            })
            .collect();
        // One language alone is not an alternate.
        if views.iter().filter(|a| a.hreflang).count() < 2 {
            views.iter_mut().for_each(|a| a.hreflang = false);
        }
        views
    }

    /// Where the site's pages are in every language.
    pub fn alternates(&self) -> &alternates::Alternates {
        &self.alternates
    }

    /// The name of language `code` in language `in_lang`: the `lang_CODE`
    /// string of `in_lang`, else the language's own name for itself.
    pub fn language_name(&self, code: &str, in_lang: &str) -> String {
        self.strings
            .get(in_lang)
            .and_then(|s| s.0.get(&format!("lang_{code}")))
            .or_else(|| {
                self.strings
                    .get(code)
                    .and_then(|s| s.0.get("language_name"))
            })
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    fn translation_of(
        &self,
        lang: &str,
        path: &str,
        alternates: &[AlternateView],
    ) -> Option<TranslationView> {
        let original = &self.site.config.language;
        if lang == original || path.is_empty() {
            return None;
        }
        let first = alternates.iter().find(|a| &a.lang == original)?;
        let (url, permalink) = (first.url.clone(), first.permalink.clone());
        let t = self.translated.get(path).cloned().unwrap_or_default();
        Some(TranslationView {
            language: self.language_name(original, lang),
            lang: original.clone(),
            url,
            permalink,
            fallback: t.fallback,
            untranslated: t.untranslated,
            stale: t.stale,
        })
    }

    fn card(&self, pi: usize, infos: &'a [PageInfo]) -> PageCard<'a> {
        let p = &self.site.pages[pi];
        let s = &self.strings[&p.lang];
        PageCard {
            title: &p.meta.title,
            url: self.urls.url(&p.path),
            description: p.meta.description.as_deref(),
            summary: infos.get(pi).and_then(|i| i.summary.as_deref()),
            date: p.date.as_ref().map(|d| DateView::new(d, s)),
            updated: p
                .updated
                .as_ref()
                .or(p.date.as_ref())
                .map(|d| DateView::new(d, s)),
        }
    }

    fn check_template(
        &self,
        name: &str,
        source: &crate::diagnostics::SourceFile,
        fm: std::ops::Range<usize>,
        key: &str,
    ) -> Result<(), Diagnostic> {
        if self.templates.has(name) {
            return Ok(());
        }
        let offset = front_matter::key_offset(&source.text, fm, key);
        Err(Diagnostic::error_at(
            source,
            offset,
            format!("the template `{name}` does not exist"),
        )
        .with_help(format!(
            "{} (add it to templates/ or use one of: {})",
            crate::diagnostics::suggestion(name, &self.templates.names()),
            self.templates.names().join(", ")
        )))
    }

    /// The lexicons the search digests intern words into.
    pub fn lexicons(&self) -> &crate::search::Lexicons {
        &self.lexicons
    }

    /// Renders page `pi`: markdown, then template. Returns the output file
    /// path and HTML, and the info kept for lists.
    pub fn page(&self, pi: usize) -> Result<(String, String, PageInfo), Vec<Diagnostic>> {
        self.page_from(pi, &self.site.pages[pi].source)
    }

    /// [`Self::page`], reading the page's markdown from `source` (its file,
    /// taken out of the model by [`Site::take_page_bodies`]).
    fn page_from(
        &self,
        pi: usize,
        source: &crate::diagnostics::SourceFile,
    ) -> Result<(String, String, PageInfo), Vec<Diagnostic>> {
        let site = self.site;
        let p = &site.pages[pi];
        let (md, diags) = markdown_of(self.resolver(&p.lang), source, p.body_offset);
        let section = &site.sections[p.section];
        let template = p
            .meta
            .template
            .as_deref()
            .or(section.meta.page_template.as_deref())
            .unwrap_or("page.html");
        let mut errors = diags;
        let key = if p.meta.template.is_some() {
            "template"
        } else {
            "page_template"
        };
        let fm = if p.meta.template.is_some() {
            p.front_matter.clone()
        } else {
            0..section.body_offset
        };
        let src = if p.meta.template.is_some() {
            &p.source
        } else {
            &section.source
        };
        if let Err(e) = self.check_template(template, src, fm, key) {
            errors.push(e);
        }
        if errors.iter().any(Diagnostic::is_error) {
            return Err(errors);
        }
        let s = &self.strings[&p.lang];
        let url = self.urls.url(&p.path);
        let l = self.lang(&p.lang);
        let updates = self.updates_for(&l, &p.base_rel);
        let citations = self.citations(&l, &md.cited);
        let (content, maps) =
            self.place_maps(&p.lang, &url, &md.html, self.maps_of(&l, &md.cited))?;
        let view = PageView {
            title: &p.meta.title,
            draft: p.meta.draft || site.sections[p.section].meta.draft,
            description: p.meta.description.as_deref(),
            url: url.clone(),
            permalink: self.urls.permalink(&p.path),
            lang: &p.lang,
            date: p.date.as_ref().map(|d| DateView::new(d, s)),
            updated: p
                .updated
                .as_ref()
                .or(p.date.as_ref())
                .map(|d| DateView::new(d, s)),
            content: &content,
            summary: md.summary.as_deref(),
            toc: &md.toc,
            word_count: md.word_count,
            reading_minutes: md.word_count.div_ceil(200).max(1),
            taxonomies: p
                .terms
                .iter()
                .map(|(ti, terms)| {
                    let tax = &site.taxonomies[*ti];
                    TermGroup {
                        name: &tax.name,
                        title: s.0.get(&tax.name).map(String::as_str).unwrap_or(&tax.name),
                        url: self.urls.url(&tax.path),
                        terms: terms
                            .iter()
                            .map(|&t| LinkView {
                                title: &tax.terms[t].name,
                                url: self.urls.url(&tax.terms[t].path),
                            })
                            .collect(),
                    }
                })
                .collect(),
            previous: p.previous.map(|i| page_link(&site.pages[i], &self.urls)),
            next: p.next.map(|i| page_link(&site.pages[i], &self.urls)),
            breadcrumbs: breadcrumbs(site, p.section, &self.urls, true),
            has_code: md.has_code,
            citation_sources: evidence::views::citation_sources(&citations),
            citations,
            corrected: updates.iter().any(|u| u.kind == "correction"),
            updates,
            maps,
            extra: &p.meta.extra,
        };
        let meta = self.page_meta(pi, view.summary, &view.updates);
        #[derive(Serialize)]
        struct Item<'x> {
            page: PageView<'x>,
        }
        let html = self
            .render_context(
                template,
                &self
                    .context(&p.lang, &url, Item { page: view })
                    .with_meta(meta),
            )
            .map_err(|e| vec![e])?;
        let mut info = info_of(&md);
        if site.config.search.enabled {
            info.search =
                crate::search::page(site, self.lexicons.get(&p.lang), pi, &url, md.sections);
        }
        Ok((path_to_file(&p.path), html, info))
    }

    /// Puts each map in the body right after the paragraph that first cites
    /// its fact; returns the body and the maps that found no such place.
    fn place_maps(
        &self,
        lang: &str,
        url: &str,
        html: &str,
        maps: Vec<graphics::MapView>,
    ) -> Result<(String, Vec<graphics::MapView>), Vec<Diagnostic>> {
        let mut body = html.to_string();
        let mut left = Vec::new();
        for map in maps {
            let Some(at) = graphics::after_citing_paragraph(&body, &map.id) else {
                left.push(map);
                continue;
            };
            #[derive(Serialize)]
            struct Item<'x> {
                map: &'x graphics::MapView,
            }
            let figure = self
                .render_context(
                    "partials/map.html",
                    &self.context(lang, url, Item { map: &map }),
                )
                .map_err(|e| vec![e])?;
            body.insert_str(at, &format!("\n{}", figure.trim()));
        }
        Ok((body, left))
    }

    /// Renders every page in parallel, writing each to `sink` as it is done.
    /// Returns the infos (indexed like `site.pages`) and all diagnostics.
    pub fn pages(&self, sink: &dyn Sink) -> (Vec<PageInfo>, Vec<Diagnostic>) {
        let results: Vec<(PageInfo, Vec<Diagnostic>)> = (0..self.site.pages.len())
            .into_par_iter()
            .map(|pi| self.write_page(pi, &self.site.pages[pi].source, sink))
            .collect();
        results.into_iter().unzip_diagnostics()
    }

    /// [`Self::pages`] for a build, which owns the pages' files (`sources`,
    /// from [`Site::take_page_bodies`], indexed like `site.pages`): each is
    /// dropped as soon as its page is rendered, so that the site's text is
    /// not held beside what rendering makes (68 MB at 10,000 pages). A page
    /// that links to another page's heading keeps its file, which
    /// [`check_anchors`] points into: the third value.
    pub fn pages_from(
        &self,
        sources: Vec<crate::diagnostics::SourceFile>,
        sink: &dyn Sink,
    ) -> (
        Vec<PageInfo>,
        Vec<Diagnostic>,
        Vec<Option<crate::diagnostics::SourceFile>>,
    ) {
        debug_assert_eq!(sources.len(), self.site.pages.len());
        let (results, kept): (Vec<_>, Vec<_>) = sources
            .into_par_iter()
            .enumerate()
            .map(|(pi, source)| {
                let (info, diags) = self.write_page(pi, &source, sink);
                let kept = (!info.anchor_refs.is_empty()).then_some(source);
                ((info, diags), kept)
            })
            .unzip();
        let (infos, diags) = results.into_iter().unzip_diagnostics();
        (infos, diags, kept)
    }

    /// Renders page `pi` from `source` and writes it (and its search
    /// results) to `sink`.
    fn write_page(
        &self,
        pi: usize,
        source: &crate::diagnostics::SourceFile,
        sink: &dyn Sink,
    ) -> (PageInfo, Vec<Diagnostic>) {
        match self.page_from(pi, source) {
            Ok((file, html, mut info)) => {
                let mut errors: Vec<Diagnostic> = sink
                    .write(&file, &self.finish(html))
                    .err()
                    .into_iter()
                    .collect();
                // The page's search results, written now so that its
                // text is not held until the index is built.
                if let Some(results) = info.search.file.take() {
                    errors.extend(sink.write(&info.search.path, &results).err());
                }
                (info, errors)
            }
            // A failed page still cites what it cites: without that,
            // one typo would report its other facts as cited nowhere.
            Err(d) => {
                let p = &self.site.pages[pi];
                let (md, _) = markdown_of(self.resolver(&p.lang), source, p.body_offset);
                let info = PageInfo {
                    cited: md.cited,
                    ..PageInfo::default()
                };
                (info, d)
            }
        }
    }

    /// Renders every section's markdown body.
    pub fn section_bodies(&self) -> (Vec<SectionBody>, Vec<Diagnostic>) {
        let results: Vec<(SectionBody, Vec<Diagnostic>)> = self
            .site
            .sections
            .par_iter()
            .enumerate()
            .map(|(si, s)| {
                let (md, d) = markdown_of(self.resolver(&s.lang), &s.source, s.body_offset);
                let mut info = info_of(&md);
                if self.site.config.search.enabled {
                    info.search = crate::search::section(
                        self.site,
                        self.lexicons.get(&s.lang),
                        si,
                        &self.urls.url(&s.path),
                        md.sections,
                    );
                }
                (
                    SectionBody {
                        info,
                        html: md.html,
                    },
                    d,
                )
            })
            .collect();
        let mut bodies = Vec::new();
        let mut diags = Vec::new();
        for (b, d) in results {
            bodies.push(b);
            diags.extend(d);
        }
        (bodies, diags)
    }

    /// Final touches on every HTML file: acronyms spelt out at their first
    /// use (see [`acronyms`]), and the live-reload script in `serve`.
    pub fn finish(&self, html: String) -> Vec<u8> {
        // The page's language, from its <html lang>.
        let lang = html
            .get(..200.min(html.len()))
            .and_then(|head| head.split("<html lang=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or(&self.site.config.language)
            .to_string();
        let html = match self.acronyms.get(&lang) {
            Some(a) => a.expand(html),
            None => html,
        };
        if !self.serve {
            return html.into_bytes();
        }
        let tag = "<script src=\"/__casefile/livereload.js\"></script>";
        match html.rfind("</body>") {
            Some(i) => {
                let mut s = html;
                s.insert_str(i, tag);
                s.into_bytes()
            }
            None => (html + tag).into_bytes(),
        }
    }
}

/// Links to the evidence pages the site has, in navigation order.
fn evidence_nav<'a>(
    site: &Site,
    s: &'a Strings,
    urls: &Urls<'_>,
    prefix: &str,
) -> Vec<NavLink<'a>> {
    use crate::evidence::paths;
    let ev = &site.evidence;
    [
        (!ev.events.is_empty(), "timeline", paths::TIMELINE, true),
        (!ev.lawsuits.is_empty(), "lawsuits", paths::LAWSUITS, true),
        (!ev.facts.is_empty(), "fact_index", paths::FACTS, true),
        (!ev.sources.is_empty(), "sources", paths::SOURCES, true),
        (!ev.people.is_empty(), "people", paths::PEOPLE, false),
        (!ev.terms.is_empty(), "glossary", paths::GLOSSARY, false),
        (
            !ev.updates.is_empty() || !ev.facts.is_empty(),
            "updates",
            paths::UPDATES,
            true,
        ),
    ]
    .into_iter()
    .filter(|(has, ..)| *has)
    .map(|(_, key, path, primary)| NavLink {
        title: s.get(key),
        short: s
            .0
            .get(&format!("nav_{key}"))
            .map_or(s.get(key), String::as_str),
        url: urls.url(&format!("{prefix}{path}")),
        key,
        primary,
    })
    .collect()
}

/// How a page in another language than the site's stands to its original.
#[derive(Debug, Clone, Default)]
struct Translated {
    /// The whole page is the original's.
    fallback: bool,
    /// The record the page is about is in the original's words.
    untranslated: bool,
    /// Parts of the original changed since the translation.
    stale: Vec<String>,
}

/// Every page in a language other than the site's whose translation is
/// missing or stale: pages and sections, and the pages of facts,
/// lawsuits and sources, by the translation of their record.
fn translated_pages(site: &Site) -> HashMap<String, Translated> {
    use crate::evidence::paths;
    let mut out = HashMap::new();
    let docs = site
        .pages
        .iter()
        .map(|p| (&p.lang, &p.path, p.fallback, &p.stale))
        .chain(
            site.sections
                .iter()
                .map(|s| (&s.lang, &s.path, s.fallback, &s.stale)),
        );
    for (lang, path, fallback, stale) in docs {
        if *lang != site.config.language && (fallback || !stale.is_empty()) {
            out.insert(
                path.clone(),
                Translated {
                    fallback,
                    untranslated: false,
                    stale: stale.clone(),
                },
            );
        }
    }
    let ev = &site.evidence;
    for (lang, tr) in &ev.translations {
        let prefix = site.lang_prefix(lang);
        let mut add = |path: String, stale: Option<&Vec<String>>| {
            let t = Translated {
                fallback: false,
                untranslated: stale.is_none(),
                stale: stale.cloned().unwrap_or_default(),
            };
            if t.untranslated || !t.stale.is_empty() {
                out.insert(format!("{prefix}{path}"), t);
            }
        };
        for (f, t) in ev.facts.iter().zip(&tr.facts) {
            let t = t.as_ref().filter(|t| t.statement.is_some());
            add(paths::fact(&f.id), t.map(|t| &t.stale));
        }
        for (l, t) in ev.lawsuits.iter().zip(&tr.lawsuits) {
            let t = t.as_ref().filter(|t| t.fields.contains_key("title"));
            add(paths::lawsuit(l.input.id.get_ref()), t.map(|t| &t.stale));
        }
        for (s, t) in ev.sources.iter().zip(&tr.sources) {
            let t = t.as_ref().filter(|t| t.title.is_some());
            add(paths::source(&s.id), t.map(|t| &t.stale));
        }
    }
    out
}

/// Checks every link to an anchor on another page once all ids are known.
///
/// `kept` holds the files of pages taken out of the model for the build
/// ([`Renderer::pages_from`]), indexed like `site.pages` (empty if none were).
pub fn check_anchors(
    site: &Site,
    infos: &[PageInfo],
    bodies: &[SectionBody],
    kept: &[Option<crate::diagnostics::SourceFile>],
) -> Vec<Diagnostic> {
    let ids_of = |t: Target| -> &[String] {
        match t {
            Target::Page(i) => infos.get(i).map(|x| x.ids.as_slice()).unwrap_or(&[]),
            Target::Section(i) => bodies.get(i).map(|x| x.info.ids.as_slice()).unwrap_or(&[]),
        }
    };
    // Each linked page's ids as a set, made at the first link to it.
    let mut page_sets: Vec<Option<HashSet<&str>>> = vec![None; infos.len()];
    let mut section_sets: Vec<Option<HashSet<&str>>> = vec![None; bodies.len()];
    let mut diags = Vec::new();
    let sources = site
        .pages
        .iter()
        .zip(infos.iter())
        .enumerate()
        .map(|(pi, (p, i))| {
            (
                kept.get(pi).and_then(Option::as_ref).unwrap_or(&p.source),
                i,
            )
        })
        .chain(
            site.sections
                .iter()
                .zip(bodies.iter().map(|b| &b.info))
                .map(|(s, i)| (&s.source, i)),
        );
    for (source, info) in sources {
        let mut broken = 0;
        for r in &info.anchor_refs {
            let Some(&target) = site.lookup.get(&r.target) else {
                continue;
            };
            let ids = ids_of(target);
            let set = match target {
                Target::Page(i) => page_sets.get_mut(i),
                Target::Section(i) => section_sets.get_mut(i),
            };
            let found = match set {
                Some(set) => set
                    .get_or_insert_with(|| ids.iter().map(String::as_str).collect())
                    .contains(r.anchor.as_str()),
                None => false,
            };
            if found {
                continue;
            }
            broken += 1;
            let suggestion = (broken <= markdown::links::ANCHOR_SUGGESTIONS)
                .then(|| closest(&r.anchor, ids.iter().map(String::as_str)))
                .flatten();
            diags.push(
                Diagnostic::error_at(
                    source,
                    r.offset,
                    format!(
                        "broken anchor: `content/{}` has no heading with the id `{}`",
                        r.target, r.anchor
                    ),
                )
                .with_help(match suggestion {
                    Some(c) => format!("did you mean `@/{}#{c}`?", r.target),
                    None => format!("link to one of its headings: {}", some_ids(ids)),
                }),
            );
        }
    }
    diags
}

/// At most [`LISTED_IDS`] ids, joined with commas, and how many more
/// there are: the help of every broken anchor to a page of 20,000 headings
/// must not list them all.
fn some_ids(ids: &[String]) -> String {
    let listed = ids[..ids.len().min(LISTED_IDS)].join(", ");
    match ids.len().saturating_sub(LISTED_IDS) {
        0 => listed,
        more => format!("{listed} and {more} more"),
    }
}

/// How many of a page's ids the help for a broken anchor lists.
const LISTED_IDS: usize = 20;

/// `text` with its first letter a capital: a language's name for itself
/// standing alone as a link ("Español", though "en español" in a sentence).
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

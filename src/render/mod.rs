//! Stage 4, render: markdown and templates, page by page, in parallel.
//!
//! [`Renderer`] borrows the model and the templates. [`Renderer::pages`]
//! renders every page (markdown, then its template) on the rayon pool and
//! hands each finished file straight to the output [`Sink`], keeping only a
//! small [`PageInfo`] per page (summary, heading ids, anchor links): rendered
//! pages are streamed out, not held. List pages (sections, taxonomies) are
//! rendered afterwards from those infos.

pub mod acronyms;
pub mod evidence;
pub mod graphics;
pub mod home;
mod lists;
pub mod metadata;
pub mod resolve;
pub mod search;
pub mod strings;
pub mod templates;
pub mod view;

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{closest, Diagnostic};
use crate::front_matter;
use crate::markdown::{self, AnchorRef, TocEntry};
use crate::model::{Site, Target};
use crate::output::{path_to_file, Sink};
pub use resolve::SiteResolver;

pub use lists::{pager_path, paginate};
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
    urls: Urls<'a>,
    resolver: SiteResolver<'a>,
    acronyms: acronyms::Acronyms,
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
                .chain(
                    site.evidence
                        .updates
                        .first()
                        .filter(|_| lang == site.config.language)
                        .map(|u| &u.date),
                )
                .max();
            let lang_cfg = site.config.languages.get(lang);
            site_views.insert(
                lang.to_string(),
                SiteView {
                    title: lang_cfg
                        .and_then(|l| l.title.as_deref())
                        .unwrap_or(&site.config.title),
                    description: lang_cfg
                        .and_then(|l| l.description.as_deref())
                        .unwrap_or(&site.config.description),
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
                    feeds: metadata::feeds(site, s, &urls),
                    share_image: metadata::share_image(site, &urls),
                    evidence: evidence_nav(site, s, &urls),
                    home_title: s.get("nav_home"),
                    search: site.config.search.enabled,
                    extra: &site.config.extra,
                },
            );
        }
        Self {
            site,
            templates,
            strings,
            serve,
            site_views,
            urls,
            resolver: SiteResolver::new(site),
            acronyms: acronyms::Acronyms::new(
                site.evidence
                    .terms
                    .iter()
                    .filter_map(|t| Some((t.term.clone(), t.expansion.clone()?)))
                    .collect(),
            ),
        }
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
        self.templates
            .render(template, &self.context(lang, url, item))
    }

    fn context<'b, T: Serialize>(
        &'b self,
        lang: &'b str,
        current_url: &'b str,
        item: T,
    ) -> RenderContext<'b, T> {
        RenderContext {
            site: &self.site_views[lang],
            t: &self.strings[lang],
            lang,
            current_url,
            serve: self.serve,
            meta: self.default_meta(lang, current_url),
            item,
        }
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

    /// Renders page `pi`: markdown, then template. Returns the output file
    /// path and HTML, and the info kept for lists.
    pub fn page(&self, pi: usize) -> Result<(String, String, PageInfo), Vec<Diagnostic>> {
        let site = self.site;
        let p = &site.pages[pi];
        let (md, diags) = markdown_of(&self.resolver, &p.source, p.body_offset);
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
        let updates = self.updates_for(&p.rel);
        let citations = self.citations(&md.cited);
        let (content, maps) = self.place_maps(&p.lang, &url, &md.html, self.maps_of(&md.cited))?;
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
            citation_sources: evidence::citation_sources(&citations),
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
            .templates
            .render(
                template,
                &self
                    .context(&p.lang, &url, Item { page: view })
                    .with_meta(meta),
            )
            .map_err(|e| vec![e])?;
        let mut info = info_of(&md);
        if site.config.search.enabled {
            info.search = crate::search::page(site, pi, &url, md.sections);
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
                .templates
                .render(
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
            .map(|pi| match self.page(pi) {
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
                    let (md, _) = markdown_of(&self.resolver, &p.source, p.body_offset);
                    let info = PageInfo {
                        cited: md.cited,
                        ..PageInfo::default()
                    };
                    (info, d)
                }
            })
            .collect();
        let mut infos = Vec::with_capacity(results.len());
        let mut diags = Vec::new();
        for (i, d) in results {
            infos.push(i);
            diags.extend(d);
        }
        (infos, diags)
    }

    /// Renders every section's markdown body.
    pub fn section_bodies(&self) -> (Vec<SectionBody>, Vec<Diagnostic>) {
        let results: Vec<(SectionBody, Vec<Diagnostic>)> = self
            .site
            .sections
            .par_iter()
            .enumerate()
            .map(|(si, s)| {
                let (md, d) = markdown_of(&self.resolver, &s.source, s.body_offset);
                let mut info = info_of(&md);
                if self.site.config.search.enabled {
                    info.search =
                        crate::search::section(self.site, si, &self.urls.url(&s.path), md.sections);
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
        let html = self.acronyms.expand(html);
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
fn evidence_nav<'a>(site: &Site, s: &'a Strings, urls: &Urls<'_>) -> Vec<NavLink<'a>> {
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
        url: urls.url(path),
        key,
        primary,
    })
    .collect()
}

/// Checks every link to an anchor on another page once all ids are known.
pub fn check_anchors(site: &Site, infos: &[PageInfo], bodies: &[SectionBody]) -> Vec<Diagnostic> {
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
        .map(|(p, i)| (&p.source, i))
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

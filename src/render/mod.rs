//! Stage 4, render: markdown and templates, page by page, in parallel.
//!
//! [`Renderer`] borrows the model and the templates. [`Renderer::pages`]
//! renders every page (markdown, then its template) on the rayon pool and
//! hands each finished file straight to the output [`Sink`](crate::output::Sink), keeping only a
//! small [`PageInfo`] per page (summary, heading ids, anchor links): rendered
//! pages are streamed out, not held. List pages (sections, taxonomies) are
//! rendered afterwards from those infos.

pub mod acronyms;
pub mod alternates;
pub mod anchors;
pub mod dates;
pub mod evidence;
pub mod graphics;
pub mod home;
pub mod jsonld;
mod lists;
pub mod metadata;
mod pages;
pub mod resolve;
pub mod search;
pub mod strings;
pub mod templates;
pub mod view;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::front_matter;
use crate::markdown::{self, AnchorRef, TocEntry};
use crate::model::Site;
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
    /// Where the search digests intern their words (the build's own).
    lexicons: crate::search::Lexicons,
    /// Per language (each of `strings`): every fact's view, made once.
    fact_views: BTreeMap<String, std::sync::OnceLock<Vec<evidence::views::FactView>>>,
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
                .filter_map(|p| p.last_changed())
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
            lexicons: crate::search::Lexicons::new(site.config.all_languages()),
            fact_views: strings
                .keys()
                .map(|l| (l.clone(), Default::default()))
                .collect(),
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
            updated: p.last_changed().map(|d| DateView::new(d, s)),
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

/// `text` with its first letter a capital: a language's name for itself
/// standing alone as a link ("Español", though "en español" in a sentence).
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

//! Pages: each rendered from its markdown and its template, in parallel,
//! and written as soon as it is done.

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::output::{path_to_file, Sink};

use super::dates::DateView;
use super::view::*;
use super::{breadcrumbs, evidence, graphics, info_of, markdown_of, page_link, PageInfo, Renderer};

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
impl Renderer<'_> {
    /// Renders page `pi`: markdown, then template. Returns the output file
    /// path and HTML, and the info kept for lists.
    pub fn page(&self, pi: usize) -> Result<(String, String, PageInfo), Vec<Diagnostic>> {
        self.page_from(pi, &self.site.pages[pi].source)
    }

    /// [`Self::page`], reading the page's markdown from `source` (its file,
    /// taken out of the model by [`crate::model::Site::take_page_bodies`]).
    fn page_from(
        &self,
        pi: usize,
        source: &SourceFile,
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
            updated: p.last_changed().map(|d| DateView::new(d, s)),
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
    /// from [`crate::model::Site::take_page_bodies`], indexed like `site.pages`): each is
    /// dropped as soon as its page is rendered, so that the site's text is
    /// not held beside what rendering makes (68 MB at 10,000 pages). A page
    /// that links to another page's heading keeps its file, which
    /// [`super::anchors::check_anchors`] points into: the third value.
    pub fn pages_from(
        &self,
        sources: Vec<SourceFile>,
        sink: &dyn Sink,
    ) -> (Vec<PageInfo>, Vec<Diagnostic>, Vec<Option<SourceFile>>) {
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
        source: &SourceFile,
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
}

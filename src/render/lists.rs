//! List pages: every pager of every section, the taxonomy lists and their
//! term pages, the 404 page, and pagination.

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::output::{path_to_file, Sink};

use super::dates::DateView;
use super::view::*;
use super::{evidence, PageInfo, Renderer, SectionBody};

impl<'a> Renderer<'a> {
    /// Every list page of section `si`: `(output file, html)`.
    pub fn section(
        &self,
        si: usize,
        bodies: &[SectionBody],
        infos: &'a [PageInfo],
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        self.section_pagers(si, bodies, infos, |_| true)
    }

    /// The list pages of section `si` whose 1-based number `wanted` accepts.
    pub fn section_pagers(
        &self,
        si: usize,
        bodies: &[SectionBody],
        infos: &'a [PageInfo],
        wanted: impl Fn(usize) -> bool,
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        let site = self.site;
        let sec = &site.sections[si];
        let s = &self.strings[&sec.lang];
        let template = sec.meta.template.as_deref().unwrap_or(
            if sec.is_home() && self.templates.has("index.html") {
                "index.html"
            } else {
                "section.html"
            },
        );
        self.check_template(template, &sec.source, 0..sec.body_offset, "template")?;
        let body = &bodies[si];
        let updated = site.section_updated(si).map(|d| DateView::new(d, s));
        let chunks = paginate(&sec.pages, sec.meta.paginate_by);
        let total = chunks.len();
        let mut out = Vec::with_capacity(total);
        let l = self.lang(&sec.lang);
        let updates = self.updates_for(&l, &sec.base_rel);
        let home = sec.is_home().then(|| self.home_view(si, body, infos));
        let citations = self.citations(&l, &body.info.cited);
        for (n, chunk) in chunks.into_iter().enumerate() {
            if !wanted(n + 1) {
                continue;
            }
            let path = pager_path(&sec.path, n + 1);
            let url = self.urls.url(&path);
            let view = SectionView {
                title: &sec.meta.title,
                description: sec.meta.description.as_deref(),
                url: url.clone(),
                permalink: self.urls.permalink(&path),
                lang: &sec.lang,
                content: &body.html,
                toc: &body.info.toc,
                pages: chunk.iter().map(|&pi| self.card(pi, infos)).collect(),
                subsections: sec
                    .subsections
                    .iter()
                    .map(|&i| section_link(&site.sections[i], &self.urls))
                    .collect(),
                paginator: (sec.meta.paginate_by > 0)
                    .then(|| self.paginator(&sec.path, n + 1, total)),
                breadcrumbs: breadcrumbs(site, si, &self.urls, false),
                updated: updated.clone(),
                is_home: sec.is_home(),
                has_code: body.info.has_code,
                citations: citations.clone(),
                citation_sources: evidence::citation_sources(&citations),
                corrected: updates.iter().any(|u| u.kind == "correction"),
                updates: updates.clone(),
                home: if n == 0 { home.clone() } else { None },
                extra: &sec.meta.extra,
            };
            let meta = self.section_meta(si, &url, body.info.summary.as_deref());
            #[derive(Serialize)]
            struct Item<'x> {
                section: SectionView<'x>,
            }
            let html = self.render_context(
                template,
                &self
                    .context(&sec.lang, &url, Item { section: view })
                    .with_meta(meta),
            )?;
            out.push((path_to_file(&path), html));
        }
        Ok(out)
    }

    fn paginator(&self, base: &str, current: usize, total: usize) -> PaginatorView {
        let url = |n: usize| self.urls.url(&pager_path(base, n));
        PaginatorView {
            current,
            total,
            previous_url: (current > 1).then(|| url(current - 1)),
            next_url: (current < total).then(|| url(current + 1)),
            pages: (1..=total)
                .map(|n| PagerLink {
                    number: n,
                    url: url(n),
                    current: n == current,
                })
                .collect(),
        }
    }

    /// The taxonomy list page and every term page of taxonomy `ti`.
    pub fn taxonomy(
        &self,
        ti: usize,
        infos: &'a [PageInfo],
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        self.taxonomy_pages(ti, infos, true, |_, _| true)
    }

    /// The taxonomy's list page (if `with_list`) and the term pages whose
    /// (term index, 1-based pager number) `wanted` accepts.
    pub fn taxonomy_pages(
        &self,
        ti: usize,
        infos: &'a [PageInfo],
        with_list: bool,
        wanted: impl Fn(usize, usize) -> bool,
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        let tax = &self.site.taxonomies[ti];
        let s = &self.strings[&tax.lang];
        let title = s.0.get(&tax.name).map(String::as_str).unwrap_or(&tax.name);
        let mut out = Vec::new();
        let list_url = self.urls.url(&tax.path);
        #[derive(Serialize)]
        struct ListItem<'x> {
            taxonomy: TaxonomyView<'x>,
        }
        if with_list {
            let view = TaxonomyView {
                name: &tax.name,
                title,
                url: list_url.clone(),
                permalink: self.urls.permalink(&tax.path),
                terms: tax
                    .terms
                    .iter()
                    .map(|t| TermCount {
                        name: &t.name,
                        url: self.urls.url(&t.path),
                        count: t.pages.len(),
                    })
                    .collect(),
            };
            let html = self.render_context(
                "taxonomy_list.html",
                &self
                    .context(&tax.lang, &list_url, ListItem { taxonomy: view })
                    .with_meta(self.titled_meta(&tax.lang, &list_url, title, None, None)),
            )?;
            out.push((path_to_file(&tax.path), html));
        }
        #[derive(Serialize)]
        struct TermItem<'x> {
            term: TermView<'x>,
        }
        for (term_index, term) in tax.terms.iter().enumerate() {
            let chunks = paginate(&term.pages, tax.paginate_by);
            let total = chunks.len();
            for (n, chunk) in chunks.into_iter().enumerate() {
                if !wanted(term_index, n + 1) {
                    continue;
                }
                let path = pager_path(&term.path, n + 1);
                let url = self.urls.url(&path);
                let view = TermView {
                    name: &term.name,
                    url: url.clone(),
                    permalink: self.urls.permalink(&path),
                    taxonomy: LinkView {
                        title,
                        url: list_url.clone(),
                    },
                    pages: chunk.iter().map(|&pi| self.card(pi, infos)).collect(),
                    paginator: (tax.paginate_by > 0)
                        .then(|| self.paginator(&term.path, n + 1, total)),
                };
                let html = self.render_context(
                    "taxonomy_term.html",
                    &self
                        .context(&tax.lang, &url, TermItem { term: view })
                        .with_meta(self.titled_meta(&tax.lang, &url, &term.name, None, None)),
                )?;
                out.push((path_to_file(&path), html));
            }
        }
        Ok(out)
    }

    /// The 404 page of the default language.
    pub fn not_found(&self) -> Result<(String, String), Diagnostic> {
        #[derive(Serialize)]
        struct Empty {}
        let lang = self.site.config.language.as_str();
        let html = self.render_context(
            "404.html",
            &self.context(lang, "", Empty {}).with_meta(self.titled_meta(
                lang,
                "",
                self.strings[lang].get("not_found_title"),
                None,
                None,
            )),
        )?;
        Ok(("404.html".into(), html))
    }

    /// Renders all list pages in parallel and writes them.
    pub fn lists(
        &self,
        bodies: &[SectionBody],
        infos: &'a [PageInfo],
        sink: &dyn Sink,
    ) -> Vec<Diagnostic> {
        let site = self.site;
        // One job per section, per taxonomy list and per term, so that a big
        // taxonomy's term pages spread over every core.
        enum Job {
            Section(usize),
            TaxonomyList(usize),
            Term(usize, usize),
        }
        let jobs: Vec<Job> = (0..site.sections.len())
            .map(Job::Section)
            // A taxonomy no page uses gets no pages (nothing links to them).
            .chain(
                (0..site.taxonomies.len())
                    .filter(|&ti| !site.taxonomies[ti].terms.is_empty())
                    .flat_map(|ti| {
                        std::iter::once(Job::TaxonomyList(ti)).chain(
                            (0..site.taxonomies[ti].terms.len()).map(move |t| Job::Term(ti, t)),
                        )
                    }),
            )
            .collect();
        let mut diags: Vec<Diagnostic> = jobs
            .par_iter()
            .flat_map_iter(|job| {
                let files = match *job {
                    Job::Section(si) => self.section(si, bodies, infos),
                    Job::TaxonomyList(ti) => self.taxonomy_pages(ti, infos, true, |_, _| false),
                    Job::Term(ti, term) => self.taxonomy_pages(ti, infos, false, |t, _| t == term),
                };
                match files {
                    Ok(files) => files
                        .into_iter()
                        .filter_map(|(f, h)| sink.write(&f, &self.finish(h)).err())
                        .collect::<Vec<_>>(),
                    Err(e) => vec![e],
                }
            })
            .collect();
        match self.not_found() {
            Ok((f, h)) => diags.extend(sink.write(&f, &self.finish(h)).err()),
            Err(e) => diags.push(e),
        }
        diags
    }
}

/// Splits a list into pages of `per` (one page when `per` is 0 or the list is empty).
pub fn paginate(items: &[usize], per: usize) -> Vec<&[usize]> {
    if per == 0 || items.is_empty() {
        return vec![items];
    }
    items.chunks(per).collect()
}

/// `/articles/` for page 1, `/articles/page/2/` after.
pub fn pager_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

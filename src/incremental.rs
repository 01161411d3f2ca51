//! Incremental rebuilds for `serve`: re-render only what an edit touched.
//!
//! When only existing pages changed, [`rebuild_pages`] rebuilds the model
//! (cheap: front matter only), checks that no URL, page or site-wide value
//! (navigation, "last updated") moved, and then re-renders the edited pages,
//! their neighbours, every list page of their sections and every term page
//! that lists them. Anything else, and any edit of a site published in
//! several languages (an edit there touches the page's other versions and
//! their out-of-date notices), asks for a full build. Nothing is written
//! unless every re-rendered file succeeded.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::{self, ContentFile};
use crate::model::{Site, Target};
use crate::output::Sink;
use crate::render::{self, PageInfo, Renderer};
use crate::site::{BuildOptions, Failure, State};

/// What an incremental rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Re-rendered and wrote this many files.
    Rebuilt {
        /// Files written.
        files: usize,
    },
    /// The change needs a full build.
    NeedsFull,
}

/// Site-wide values shown on every page; if they change, every page must be
/// rendered again.
fn fingerprint(site: &Site) -> (Vec<(String, String)>, Option<jiff::Timestamp>) {
    // Every section, and the pages of each short one (the footer's site
    // map lists those, in order: see `render::NAV_PAGES`).
    let nav = site
        .sections
        .iter()
        .flat_map(|s| {
            let pages: &[usize] = if s.pages.len() <= crate::render::NAV_PAGES {
                &s.pages
            } else {
                &[]
            };
            std::iter::once((s.path.clone(), s.meta.title.clone())).chain(
                pages
                    .iter()
                    .map(|&p| (site.pages[p].path.clone(), site.pages[p].meta.title.clone())),
            )
        })
        // Every term's name: a term is shown as the first of its spellings,
        // so an edit of one page's spelling renames it on every page that
        // shows it.
        .chain(site.taxonomies.iter().flat_map(|t| {
            t.terms
                .iter()
                .map(|term| (term.path.clone(), term.name.clone()))
        }))
        .collect();
    let last = site
        .pages
        .iter()
        .filter_map(|p| p.last_changed())
        .chain(site.sections.iter().filter_map(|s| s.updated.as_ref()))
        .map(|d| d.zoned.timestamp())
        .max();
    (nav, last)
}

/// Rebuilds after the content files at `changed` were edited.
pub fn rebuild_pages(
    state: &mut State,
    opts: &BuildOptions,
    changed: &[PathBuf],
    sink: &dyn Sink,
) -> Result<Outcome, Failure> {
    let fail = |d: Vec<Diagnostic>| Failure { diagnostics: d };
    // In a site with translations every page has a version in each
    // language (a translation, or the original shown until there is one),
    // and a translation's notice depends on its original's text: an edit
    // renders pages this path does not know about.
    if state.site.config.all_languages().len() > 1 {
        return Ok(Outcome::NeedsFull);
    }
    let content_dir = opts.root.join("content");
    let mut edited: Vec<ContentFile> = Vec::new();
    for path in changed {
        let is_page = path.starts_with(&content_dir)
            && path.extension().is_some_and(|e| e == "md")
            && path
                .file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with("_index"))
            && path.is_file();
        if !is_page {
            return Ok(Outcome::NeedsFull);
        }
        let rel = crate::diagnostics::rel_path(&content_dir, path);
        if crate::evidence::is_evidence_path(&rel) {
            return Ok(Outcome::NeedsFull);
        }
        let file = load::content_file(&opts.root, path).map_err(|d| fail(vec![d]))?;
        if !state.site.lookup.contains_key(&file.rel) {
            return Ok(Outcome::NeedsFull);
        }
        edited.push(file);
    }
    if edited.is_empty() {
        return Ok(Outcome::Rebuilt { files: 0 });
    }
    if edited.iter().all(|e| same_front_matter(&state.site, e)) {
        return bodies_only(state, opts, edited, sink);
    }

    // The model again, from the texts we hold plus the edited files.
    let old = &state.site;
    let files: Vec<ContentFile> = old
        .pages
        .iter()
        .map(|p| (&p.rel, &p.source))
        .chain(
            old.sections
                .iter()
                .filter(|s| !s.source.text.is_empty())
                .map(|s| (&s.rel, &s.source)),
        )
        .map(
            |(rel, source)| match edited.iter().find(|e| e.rel == *rel) {
                Some(e) => e.clone(),
                None => ContentFile {
                    rel: rel.clone(),
                    source: source.clone(),
                },
            },
        )
        .collect();
    let (mut new, diags) = Site::build_reusing(old.config.clone(), files, opts.drafts, Some(old));
    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(diags));
    }
    new.drafts = old.drafts.clone();
    // Evidence files are not pages: any change to them takes a full build,
    // so the evidence of the last build still holds.
    new.evidence = old.evidence.clone();
    new.date_by_updates();

    let same_shape = new.pages.len() == old.pages.len()
        && new.sections.len() == old.sections.len()
        && new
            .pages
            .iter()
            .zip(&old.pages)
            .all(|(a, b)| a.rel == b.rel && a.path == b.path)
        && new.taxonomies.iter().zip(&old.taxonomies).all(|(a, b)| {
            a.terms.len() == b.terms.len()
                && a.terms.iter().zip(&b.terms).all(|(x, y)| x.slug == y.slug)
        })
        && fingerprint(&new) == fingerprint(old);
    if !same_shape {
        return Ok(Outcome::NeedsFull);
    }

    let changed_pages: Vec<usize> = edited
        .iter()
        .filter_map(|e| new.pages.iter().position(|p| p.rel == e.rel))
        .collect();
    // The updates page lists the pages each update names, by title.
    let named_by_update = |pi: usize| {
        let rel = &new.pages[pi].rel;
        new.evidence
            .updates
            .iter()
            .any(|u| u.pages.iter().any(|p| p.get_ref() == rel))
    };
    if changed_pages
        .iter()
        .any(|&pi| old.pages[pi].meta.title != new.pages[pi].meta.title && named_by_update(pi))
    {
        return Ok(Outcome::NeedsFull);
    }
    let mut pages: Vec<usize> = (0..new.pages.len())
        .filter(|&i| {
            changed_pages.contains(&i)
                || new.pages[i].previous != old.pages[i].previous
                || new.pages[i].next != old.pages[i].next
                || new.pages[i]
                    .previous
                    .is_some_and(|p| changed_pages.contains(&p))
                || new.pages[i]
                    .next
                    .is_some_and(|p| changed_pages.contains(&p))
        })
        .collect();
    pages.sort_unstable();
    let mut sections: Vec<usize> = changed_pages
        .iter()
        .map(|&i| new.pages[i].section)
        .collect();
    // The home page lists the pages of the top sections ("read in depth").
    sections.extend(changed_pages.iter().map(|&i| new.home(&new.pages[i].lang)));
    sections.sort_unstable();
    sections.dedup();

    // Render into memory first; write only if everything succeeded.
    // The page infos are changed in place (the old ones kept, and put back
    // unless the rebuild succeeds): a copy of every page's would cost tens
    // of MB on a large site.
    let mut infos = std::mem::take(&mut state.infos);
    let mut saved: Vec<(usize, PageInfo)> = Vec::new();
    let result: Result<usize, Option<Failure>> = 'render: {
        let renderer = Renderer::new(&new, &state.templates, &state.strings, opts.serve);
        let mut errors = Vec::new();
        let mut out: Vec<(String, String)> = Vec::new();
        for &pi in &pages {
            match renderer.page(pi) {
                Ok((file, html, info)) => {
                    // Fact pages list the pages citing them: a change there
                    // needs the evidence pages again.
                    let old_info = &infos[pi];
                    if old_info.cited != info.cited
                        || (!info.cited.is_empty()
                            && old.pages[pi].meta.title != new.pages[pi].meta.title)
                    {
                        break 'render Err(None);
                    }
                    saved.push((pi, std::mem::replace(&mut infos[pi], info)));
                    out.push((file, html));
                }
                Err(d) => errors.extend(d),
            }
        }
        errors.extend(render::anchors::check_anchors(
            &new,
            &infos,
            &state.bodies,
            &[],
        ));
        if errors.iter().any(Diagnostic::is_error) {
            break 'render Err(Some(fail(errors)));
        }
        // The 1-based pager of `list` (paginated by `per`) showing each changed
        // page it holds.
        let pagers_of = |list: &[usize], per: usize| -> Vec<usize> {
            changed_pages
                .iter()
                .filter_map(|p| list.iter().position(|x| x == p))
                .map(|pos| pos.checked_div(per).map_or(1, |q| q + 1))
                .collect()
        };
        for &si in &sections {
            // A list whose pages and order are the same shows the edit on the
            // pagers holding the edited pages only; else every pager changes.
            let (sec, old_sec) = (&new.sections[si], &old.sections[si]);
            // Every pager shows the section's last update, too.
            let same_list = !sec.is_home()
                && sec.pages == old_sec.pages
                && new.section_updated(si) == old.section_updated(si);
            let wanted = pagers_of(&sec.pages, sec.meta.paginate_by);
            match renderer.section_pagers(si, &state.bodies, &infos, |k| {
                !same_list || wanted.contains(&k)
            }) {
                Ok(files) => out.extend(files),
                Err(d) => errors.push(d),
            }
        }
        for (ti, tax) in new.taxonomies.iter().enumerate() {
            let old_tax = &old.taxonomies[ti];
            let touches = |term: usize| {
                changed_pages.iter().any(|p| {
                    tax.terms[term].pages.contains(p) || old_tax.terms[term].pages.contains(p)
                })
            };
            if !(0..tax.terms.len()).any(touches) {
                continue;
            }
            // Same terms holding the same pages in the same order: the list of
            // terms (their counts) is unchanged, and each term shows the edit
            // on the pagers holding the edited pages only.
            let same_lists = tax
                .terms
                .iter()
                .zip(&old_tax.terms)
                .all(|(a, b)| a.pages == b.pages);
            let wanted: Vec<Vec<usize>> = tax
                .terms
                .iter()
                .map(|t| pagers_of(&t.pages, tax.paginate_by))
                .collect();
            let rendered = renderer.taxonomy_pages(ti, &infos, !same_lists, |t, k| {
                touches(t) && (!same_lists || wanted[t].contains(&k))
            });
            match rendered {
                Ok(files) => out.extend(files),
                Err(d) => errors.push(d),
            }
        }
        if errors.iter().any(Diagnostic::is_error) {
            break 'render Err(Some(fail(errors)));
        }
        // A file that cannot be written (some may be, others not): the last
        // good state stays, and a full build writes everything afresh (and
        // tells the problem if it lasts).
        for (file, html) in &out {
            if sink.write(file, &renderer.finish(html.clone())).is_err() {
                break 'render Err(None);
            }
        }
        for &pi in &pages {
            if crate::search::write_results(&mut infos[pi].search, sink).is_err() {
                break 'render Err(None);
            }
        }
        Ok(out.len())
    };
    match result {
        Ok(files) => {
            state.infos = infos;
            // Freeing the old model (10,000 pages: about 10 ms) need not
            // hold up the edit: another thread does it.
            let old = std::mem::replace(&mut state.site, new);
            std::thread::spawn(move || drop(old));
            Ok(Outcome::Rebuilt { files })
        }
        Err(failure) => {
            for (pi, info) in saved.into_iter().rev() {
                infos[pi] = info;
            }
            state.infos = infos;
            failure.map_or(Ok(Outcome::NeedsFull), Err)
        }
    }
}

/// Whether an edited file's front matter is the page's current one, byte
/// for byte: then its URL, order, dates and terms cannot have changed.
fn same_front_matter(site: &Site, edited: &ContentFile) -> bool {
    let Some(&Target::Page(i)) = site.lookup.get(&edited.rel) else {
        return false;
    };
    let old = &site.pages[i];
    match crate::front_matter::split(&edited.source) {
        Ok(split) => split.front_matter == &old.source.text[old.front_matter.clone()],
        Err(_) => false,
    }
}

/// A page's text before an edit: source, body offset, front-matter range.
type Saved = (
    crate::diagnostics::SourceFile,
    usize,
    std::ops::Range<usize>,
);

/// Files to write: `(path, bytes)`.
type Files = Vec<(String, Vec<u8>)>;

/// The fast path: only page bodies changed. The model stays; the edited
/// pages are rendered again, and, if a summary changed, the one section
/// pager and the term pagers that show it. O(edited pages), not O(site).
fn bodies_only(
    state: &mut State,
    opts: &BuildOptions,
    edited: Vec<ContentFile>,
    sink: &dyn Sink,
) -> Result<Outcome, Failure> {
    let fail = |d: Vec<Diagnostic>| Failure { diagnostics: d };
    // Swap the new texts in; keep the old ones to restore on failure.
    let mut swapped = Vec::new();
    for e in edited {
        let Some(&Target::Page(i)) = state.site.lookup.get(&e.rel) else {
            continue;
        };
        let split = crate::front_matter::split(&e.source).map_err(|d| fail(vec![d]))?;
        let (body_offset, front_matter) = (split.body_offset, split.range());
        let page = &mut state.site.pages[i];
        let old = (
            std::mem::replace(&mut page.source, e.source),
            std::mem::replace(&mut page.body_offset, body_offset),
            std::mem::replace(&mut page.front_matter, front_matter),
        );
        swapped.push((i, old));
    }
    let restore = |state: &mut State, swapped: Vec<(usize, Saved)>| {
        for (i, (source, body_offset, front_matter)) in swapped {
            let page = &mut state.site.pages[i];
            page.source = source;
            page.body_offset = body_offset;
            page.front_matter = front_matter;
        }
    };

    // The page infos are changed in place, the old ones kept (and put back
    // unless the rebuild succeeds): a copy of every page's would cost tens
    // of MB on a large site.
    let mut infos = std::mem::take(&mut state.infos);
    let mut olds: Vec<(usize, PageInfo)> = Vec::new();
    let result = (|| -> Result<Option<Files>, Failure> {
        let site = &state.site;
        let renderer = Renderer::new(site, &state.templates, &state.strings, opts.serve);
        let mut out: Vec<(String, String)> = Vec::new();
        let mut errors = Vec::new();
        let mut new_infos: Vec<(usize, PageInfo)> = Vec::new();
        for (i, _) in &swapped {
            match renderer.page(*i) {
                Ok((file, html, info)) => {
                    if info.cited != infos[*i].cited {
                        // Fact pages list the pages citing them.
                        return Ok(None);
                    }
                    out.push((file, html));
                    new_infos.push((*i, info));
                }
                Err(d) => errors.extend(d),
            }
        }
        for (i, info) in new_infos {
            olds.push((i, std::mem::replace(&mut infos[i], info)));
        }
        errors.extend(render::anchors::check_anchors(
            site,
            &infos,
            &state.bodies,
            &[],
        ));
        if errors.iter().any(Diagnostic::is_error) {
            return Err(fail(errors));
        }
        // Lists show summaries: re-render only the pagers showing a page
        // whose summary changed.
        for (i, old) in &olds {
            if infos[*i].summary == old.summary {
                continue;
            }
            let page = &site.pages[*i];
            let sec = &site.sections[page.section];
            let pager = |list: &[usize], per: usize| {
                let pos = list.iter().position(|p| p == i).unwrap_or(0);
                pos.checked_div(per).map_or(1, |q| q + 1)
            };
            let n = pager(&sec.pages, sec.meta.paginate_by);
            out.extend(
                renderer
                    .section_pagers(page.section, &state.bodies, &infos, |k| k == n)
                    .map_err(|d| fail(vec![d]))?,
            );
            for (ti, terms) in &page.terms {
                let tax = &site.taxonomies[*ti];
                for &t in terms {
                    let n = pager(&tax.terms[t].pages, tax.paginate_by);
                    out.extend(
                        renderer
                            .taxonomy_pages(*ti, &infos, false, |tt, k| tt == t && k == n)
                            .map_err(|d| fail(vec![d]))?,
                    );
                }
            }
        }
        let files = out
            .into_iter()
            .map(|(f, h)| (f, renderer.finish(h)))
            .collect();
        Ok(Some(files))
    })();

    match result {
        Ok(Some(files)) => {
            let written = files
                .iter()
                .try_for_each(|(file, bytes)| sink.write(file, bytes))
                .and_then(|()| {
                    olds.iter().try_for_each(|(i, _)| {
                        crate::search::write_results(&mut infos[*i].search, sink)
                    })
                });
            match written {
                Ok(()) => {
                    state.infos = infos;
                    Ok(Outcome::Rebuilt { files: files.len() })
                }
                // Some files may be written and others not: the last good
                // state stays, and a full build writes everything afresh
                // (and tells the problem if it lasts).
                Err(_) => {
                    for (i, old) in olds.into_iter().rev() {
                        infos[i] = old;
                    }
                    state.infos = infos;
                    restore(state, swapped);
                    Ok(Outcome::NeedsFull)
                }
            }
        }
        other => {
            for (i, old) in olds.into_iter().rev() {
                infos[i] = old;
            }
            state.infos = infos;
            restore(state, swapped);
            other.map(|_| Outcome::NeedsFull)
        }
    }
}

/// Whether a changed path can matter to the site.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let rel = match path.strip_prefix(root) {
        Ok(r) => r,
        Err(_) => return false,
    };
    if rel
        .components()
        .any(|c| load::is_ignored(&c.as_os_str().to_string_lossy()))
    {
        return false;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    matches!(
        first.as_str(),
        "content" | "templates" | "static" | "i18n" | crate::config::CONFIG_FILE
    )
}

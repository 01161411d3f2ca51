//! Incremental rebuilds for `serve`: re-render only what an edit touched.
//!
//! When only existing pages changed, [`rebuild_pages`] rebuilds the model
//! (cheap: front matter only), checks that no URL, page or site-wide value
//! (navigation, "last updated") moved, and then re-renders the edited pages,
//! their neighbours, every list page of their sections and every term page
//! that lists them. Anything else asks for a full build. Nothing is written
//! unless every re-rendered file succeeded.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::{self, ContentFile};
use crate::model::Site;
use crate::output::Sink;
use crate::render::{self, Renderer};
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
    let nav = site
        .sections
        .iter()
        .map(|s| (s.path.clone(), s.meta.title.clone()))
        .collect();
    let last = site
        .pages
        .iter()
        .filter_map(|p| p.updated.as_ref().or(p.date.as_ref()))
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
    let (mut new, diags) = Site::build(old.config.clone(), files, opts.drafts);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(diags));
    }
    new.drafts = old.drafts.clone();
    // Evidence files are not pages: any change to them takes a full build,
    // so the evidence of the last build still holds.
    new.evidence = old.evidence.clone();

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
    sections.sort_unstable();
    sections.dedup();

    // Render into memory first; write only if everything succeeded.
    let renderer = Renderer::new(&new, &state.templates, &state.strings, opts.serve);
    let mut errors = Vec::new();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut infos = state.infos.clone();
    for &pi in &pages {
        match renderer.page(pi) {
            Ok((file, html, info)) => {
                // Fact pages list the pages citing them: a change there
                // needs the evidence pages again.
                let old_info = &state.infos[pi];
                if old_info.cited != info.cited
                    || (!info.cited.is_empty()
                        && old.pages[pi].meta.title != new.pages[pi].meta.title)
                {
                    return Ok(Outcome::NeedsFull);
                }
                infos[pi] = info;
                out.push((file, html));
            }
            Err(d) => errors.extend(d),
        }
    }
    errors.extend(render::check_anchors(&new, &infos, &state.bodies));
    if errors.iter().any(Diagnostic::is_error) {
        return Err(fail(errors));
    }
    for &si in &sections {
        match renderer.section(si, &state.bodies, &infos) {
            Ok(files) => out.extend(files),
            Err(d) => errors.push(d),
        }
    }
    for (ti, tax) in new.taxonomies.iter().enumerate() {
        let old_tax = &old.taxonomies[ti];
        let touches = |term: usize| {
            changed_pages
                .iter()
                .any(|p| tax.terms[term].pages.contains(p) || old_tax.terms[term].pages.contains(p))
        };
        if (0..tax.terms.len()).any(touches) {
            match renderer.taxonomy_terms(ti, &infos, touches) {
                Ok(files) => out.extend(files),
                Err(d) => errors.push(d),
            }
        }
    }
    if errors.iter().any(Diagnostic::is_error) {
        return Err(fail(errors));
    }
    for (file, html) in &out {
        sink.write(file, &renderer.finish(html.clone()))
            .map_err(|d| fail(vec![d]))?;
    }
    drop(renderer);
    state.infos = infos;
    state.site = new;
    Ok(Outcome::Rebuilt { files: out.len() })
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

//! Links to another page's heading, checked once every page's heading ids
//! are known (a page is rendered before the pages it links to may be).

use std::collections::HashSet;

use crate::diagnostics::{closest, Diagnostic, SourceFile};
use crate::markdown;
use crate::model::{Site, Target};

use super::{PageInfo, SectionBody};

/// Checks every link to an anchor on another page once all ids are known.
///
/// `kept` holds the files of pages taken out of the model for the build
/// ([`super::Renderer::pages_from`]), indexed like `site.pages` (empty if none were).
pub fn check_anchors(
    site: &Site,
    infos: &[PageInfo],
    bodies: &[SectionBody],
    kept: &[Option<SourceFile>],
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

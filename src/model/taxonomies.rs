//! Taxonomies: one per configured name and language, their terms from the
//! pages' front matter (checked: a declared taxonomy, a term that can be a
//! URL), each term's pages in date order. Part of
//! [`Site::build_reusing`](super::Site::build_reusing), once the pages are
//! known.

use std::collections::BTreeMap;

use super::types::{compare_pages, lang_prefix, Page, Taxonomy, Term};
use crate::config::Config;
use crate::diagnostics::{suggestion, Diagnostic};
use crate::front_matter::{self, SortBy};
use crate::text::slugify;

/// The site's taxonomies, with their terms; sets each page's `terms`.
pub(super) fn build(
    config: &Config,
    pages: &mut [Page],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    let mut taxonomies = Vec::new();
    for lang in config.all_languages() {
        for tc in &config.taxonomies {
            taxonomies.push(Taxonomy {
                name: tc.name.clone(),
                lang: lang.to_string(),
                path: format!("{}/{}/", lang_prefix(lang, config), tc.name),
                paginate_by: tc.paginate_by,
                terms: Vec::new(),
            });
        }
    }
    let names: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
    let mut term_maps: Vec<BTreeMap<String, (String, Vec<usize>)>> =
        vec![BTreeMap::new(); taxonomies.len()];
    for (pi, p) in pages.iter().enumerate() {
        // A problem with a page's terms is shown at its taxonomy's key.
        let error_at = |key: &str, message: String| {
            let at = front_matter::key_offset(&p.source.text, p.front_matter.clone(), key);
            Diagnostic::error_at(&p.source, at, message)
        };
        for (tax_name, terms) in &p.meta.taxonomies {
            let Some(ti) = taxonomies
                .iter()
                .position(|t| t.name == *tax_name && t.lang == p.lang)
            else {
                diags.push(
                    error_at(tax_name, format!("unknown taxonomy `{tax_name}`")).with_help(
                        format!(
                            "{} (taxonomies are declared in casefile.toml with [[taxonomies]])",
                            suggestion(tax_name, &names)
                        ),
                    ),
                );
                continue;
            };
            for term in terms {
                let slug = slugify(term);
                if slug.is_empty() {
                    diags.push(
                        error_at(
                            tax_name,
                            format!("the {tax_name} term `{term}` has no letters or digits"),
                        )
                        .with_help("use a word, e.g. \"privacy\""),
                    );
                    continue;
                }
                if let Some(why) = crate::output::segment_problem(&slug) {
                    diags.push(
                        error_at(
                            tax_name,
                            format!("the {tax_name} term `{term}` cannot be a URL: its name `{slug}` {why}"),
                        )
                        .with_help("use another word for the term"),
                    );
                    continue;
                }
                let entry = term_maps[ti]
                    .entry(slug)
                    .or_insert_with(|| (term.clone(), Vec::new()));
                if term < &entry.0 {
                    entry.0 = term.clone();
                }
                if !entry.1.contains(&pi) {
                    entry.1.push(pi);
                }
            }
        }
    }
    for (ti, map) in term_maps.into_iter().enumerate() {
        let prefix = taxonomies[ti].path.clone();
        for (slug, (name, mut list)) in map {
            list.sort_by(|&a, &b| compare_pages(&pages[a], &pages[b], SortBy::Date));
            for &pi in &list {
                let idx = taxonomies[ti].terms.len();
                match pages[pi].terms.iter_mut().find(|(t, _)| *t == ti) {
                    Some((_, v)) => v.push(idx),
                    None => pages[pi].terms.push((ti, vec![idx])),
                }
            }
            taxonomies[ti].terms.push(Term {
                path: format!("{prefix}{slug}/"),
                name,
                slug,
                pages: list,
            });
        }
    }
    taxonomies
}

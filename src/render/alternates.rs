//! The same page in the site's other languages: what the language switcher
//! links to, the `hreflang` alternates in every page's head and the
//! sitemap's `xhtml:link`s.
//!
//! A page or section and its translations share their content path in the
//! site's language (`articles/x.md`, `articles/x.es.md`), whatever their
//! slugs: they are one group. Every other page (evidence, lists, search)
//! is rendered in every language at the same path under the language's
//! prefix, so its alternates are that path under each prefix; a taxonomy's
//! pages only where that language has the same taxonomy or term.

use std::collections::{HashMap, HashSet};

use crate::model::Site;

/// One page in one language: `(language, site path)`.
pub type Alternate = (String, String);

/// Where each page is in every language.
pub struct Alternates {
    /// Languages and their URL prefixes, the site's own first.
    langs: Vec<(String, String)>,
    /// Site path of a page or section: its group in `groups`.
    by_path: HashMap<String, usize>,
    groups: Vec<Vec<Alternate>>,
    /// Paths of taxonomy pages, in every language.
    taxonomy_paths: HashSet<String>,
    /// Paths of pages and sections shown from the original because they
    /// have no translation yet: the switcher leads to them, but they are
    /// not translations (no `hreflang`, no sitemap entry; their canonical
    /// address is the original's).
    fallback: HashSet<String>,
}

impl Alternates {
    /// The alternates of every page of `site`.
    pub fn new(site: &Site) -> Self {
        let langs: Vec<(String, String)> = site
            .config
            .all_languages()
            .into_iter()
            .map(|l| (l.to_string(), site.lang_prefix(l)))
            .collect();
        let mut group_of: HashMap<(bool, &str), usize> = HashMap::new();
        let mut groups: Vec<Vec<Alternate>> = Vec::new();
        let mut by_path = HashMap::new();
        let mut fallback = HashSet::new();
        let items = site
            .pages
            .iter()
            .map(|p| (false, p.base_rel.as_str(), &p.lang, &p.path, p.fallback))
            .chain(
                site.sections
                    .iter()
                    .map(|s| (true, s.base_rel.as_str(), &s.lang, &s.path, s.fallback)),
            );
        for (is_section, base, lang, path, is_fallback) in items {
            if is_fallback {
                fallback.insert(path.clone());
            }
            let g = *group_of.entry((is_section, base)).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push((lang.clone(), path.clone()));
            by_path.insert(path.clone(), g);
        }
        // In the order of the languages, the site's own first.
        let order = |l: &str| langs.iter().position(|(x, _)| x == l).unwrap_or(usize::MAX);
        for g in &mut groups {
            g.sort_by_key(|(l, _)| order(l));
        }
        let taxonomy_paths = site
            .taxonomies
            .iter()
            .flat_map(|t| {
                std::iter::once(t.path.clone()).chain(t.terms.iter().map(|x| x.path.clone()))
            })
            .collect();
        Self {
            langs,
            by_path,
            groups,
            taxonomy_paths,
            fallback,
        }
    }

    /// Whether the page or section at `path` is an untranslated page shown
    /// from the original.
    pub fn is_fallback(&self, path: &str) -> bool {
        self.fallback.contains(path)
    }

    /// Whether the site has more than one language.
    pub fn multilingual(&self) -> bool {
        self.langs.len() > 1
    }

    /// The language of the page at site path `path`, by its prefix.
    pub fn lang_of(&self, path: &str) -> &str {
        self.langs
            .iter()
            .skip(1)
            .find(|(_, prefix)| {
                path.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .or(self.langs.first())
            .map_or("", |(l, _)| l)
    }

    /// The page at `path` (in `lang`) in every language it exists in,
    /// itself included, in the order of the site's languages; empty for a
    /// site in one language or a page only one language has.
    pub fn of(&self, lang: &str, path: &str) -> Vec<Alternate> {
        if !self.multilingual() || path.is_empty() {
            return Vec::new();
        }
        let found = match self.by_path.get(path) {
            Some(&g) => self.groups[g].clone(),
            None => {
                let Some((_, prefix)) = self.langs.iter().find(|(l, _)| l == lang) else {
                    return Vec::new();
                };
                let Some(base) = path.strip_prefix(prefix.as_str()) else {
                    return Vec::new();
                };
                let taxonomy = self.taxonomy_paths.contains(path);
                self.langs
                    .iter()
                    .map(|(l, p)| (l.clone(), format!("{p}{base}")))
                    .filter(|(l, candidate)| {
                        l == lang
                            || if taxonomy {
                                self.taxonomy_paths.contains(candidate)
                            } else {
                                // A page or section path is its own group's.
                                !self.by_path.contains_key(candidate)
                            }
                    })
                    .collect()
            }
        };
        if found.len() > 1 {
            found
        } else {
            Vec::new()
        }
    }
}

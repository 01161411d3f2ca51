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

/// Groups each term page of the site's language with the term page of each
/// other language that its pages' translations carry ("the agreement" and
/// "el acuerdo"), whatever the names: the pairs whose pages overlap most
/// (shared translated pages over all their pages) are taken first, each
/// term at most once, ties by slug, so the pairing is deterministic.
fn term_groups(
    site: &Site,
    group_of: &HashMap<(bool, &str), usize>,
    groups: &mut Vec<Vec<Alternate>>,
    by_path: &mut HashMap<String, usize>,
) {
    let page_group = |pi: usize| {
        let p = &site.pages[pi];
        (!p.fallback)
            .then(|| group_of.get(&(false, p.base_rel.as_str())).copied())
            .flatten()
    };
    let original = &site.config.language;
    for t in site.taxonomies.iter().filter(|t| &t.lang == original) {
        for other in site
            .taxonomies
            .iter()
            .filter(|o| o.name == t.name && o.lang != t.lang)
        {
            let sets = |terms: &[crate::model::Term]| -> Vec<HashSet<usize>> {
                terms
                    .iter()
                    .map(|x| x.pages.iter().filter_map(|&p| page_group(p)).collect())
                    .collect()
            };
            let (mine, theirs) = (sets(&t.terms), sets(&other.terms));
            // (overlap, term, other term), best first.
            let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
            for (i, a) in mine.iter().enumerate() {
                for (j, b) in theirs.iter().enumerate() {
                    let shared = a.intersection(b).count();
                    if shared > 0 {
                        let union = a.len() + b.len() - shared;
                        pairs.push((shared as f64 / union as f64, i, j));
                    }
                }
            }
            pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
            let (mut used_mine, mut used_theirs) = (HashSet::new(), HashSet::new());
            for (_, i, j) in pairs {
                if used_mine.contains(&i) || used_theirs.contains(&j) {
                    continue;
                }
                let (term, o) = (&t.terms[i], &other.terms[j]);
                if by_path.contains_key(&o.path) {
                    continue;
                }
                used_mine.insert(i);
                used_theirs.insert(j);
                let g = match by_path.get(&term.path) {
                    Some(&g) => g,
                    None => {
                        groups.push(vec![(t.lang.clone(), term.path.clone())]);
                        by_path.insert(term.path.clone(), groups.len() - 1);
                        groups.len() - 1
                    }
                };
                groups[g].push((other.lang.clone(), o.path.clone()));
                by_path.insert(o.path.clone(), g);
            }
        }
    }
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
        term_groups(site, &group_of, &mut groups, &mut by_path);
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

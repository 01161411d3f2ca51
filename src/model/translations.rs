//! Pages in several languages: the content path of a page in another
//! language (`x.es.md` beside `x.md`), and the checks of translations
//! against their originals (stale or unstamped translations, pages shown
//! untranslated).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::types::{Page, Section};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, SourceFile};

/// `rel` in `lang`: `articles/x.md` becomes `articles/x.es.md`.
pub fn lang_rel(rel: &str, lang: &str) -> String {
    match rel.strip_suffix(".md") {
        Some(stem) => format!("{stem}.{lang}.md"),
        None => rel.to_string(),
    }
}

/// The content path in the site's language of `rel`: `articles/x.es.md`
/// becomes `articles/x.md`.
pub(super) fn base_rel(rel: &str, config: &Config) -> String {
    let Some(stem) = rel.strip_suffix(".md") else {
        return rel.to_string();
    };
    match stem.rsplit_once('.') {
        Some((base, lang)) if config.languages.contains_key(lang) => format!("{base}.md"),
        _ => rel.to_string(),
    }
}

/// Translations against their originals: a translation that does not say
/// which version it translates, or whose original changed since (the
/// parts are kept in `stale`, for the page's notice), is a warning naming
/// both files; so is, per language, every page shown untranslated.
pub(super) fn check_translations(
    pages: &mut [Page],
    sections: &mut [Section],
    config: &Config,
) -> Vec<Diagnostic> {
    use crate::evidence::stamp::page_parts as parts;
    let mut diags = Vec::new();
    let mut untranslated: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // The originals that translations point to: only those (a copy of
    // every page's body would double a large monolingual site's memory).
    let translated: HashSet<&str> = pages
        .iter()
        .map(|p| (&p.lang, p.fallback, &p.base_rel))
        .chain(sections.iter().map(|s| (&s.lang, s.fallback, &s.base_rel)))
        .filter(|(lang, fallback, _)| *lang != &config.language && !fallback)
        .map(|(_, _, base)| base.as_str())
        .collect();
    let originals: HashMap<String, [String; 3]> = pages
        .iter()
        .filter(|p| p.lang == config.language && translated.contains(p.rel.as_str()))
        .map(|p| {
            let [a, b, c] = parts(&p.meta.title, p.meta.description.as_deref(), p.body());
            (
                p.rel.clone(),
                [a.1.to_string(), b.1.to_string(), c.1.to_string()],
            )
        })
        .chain(
            sections
                .iter()
                .filter(|s| {
                    s.lang == config.language
                        && !s.source.text.is_empty()
                        && translated.contains(s.rel.as_str())
                })
                .map(|s| {
                    let [a, b, c] = parts(&s.meta.title, s.meta.description.as_deref(), s.body());
                    (
                        s.rel.clone(),
                        [a.1.to_string(), b.1.to_string(), c.1.to_string()],
                    )
                }),
        )
        .collect();
    let mut check = |rel: &str,
                     lang: &str,
                     fallback: bool,
                     base: &str,
                     translates: Option<&str>,
                     file: &SourceFile,
                     stale: &mut Vec<String>| {
        if lang == config.language {
            return;
        }
        if fallback {
            if file.text.is_empty() {
                return;
            }
            untranslated
                .entry(lang.to_string())
                .or_default()
                .push(base.to_string());
            return;
        }
        let Some(original) = originals.get(base) else {
            return;
        };
        let named = [
            ("title", original[0].as_str()),
            ("description", original[1].as_str()),
            ("body", original[2].as_str()),
        ];
        match translates {
            None => diags.push(
                Diagnostic::warning_at(file, 0, format!("`content/{rel}` does not say which version of `content/{base}` it translates"))
                    .with_help(format!("once the translation is done, run `casefile translated content/{rel}`: a later change to the original will then be pointed out")),
            ),
            Some(recorded) => {
                let changed = crate::evidence::stamp::changed(recorded, &named);
                if !changed.is_empty() {
                    diags.push(
                        Diagnostic::warning_at(
                            file,
                            0,
                            format!(
                                "`content/{base}` changed since `content/{rel}` was translated: its {} changed",
                                changed.join(", ")
                            ),
                        )
                        .with_help(format!("update the translation, then run `casefile translated content/{rel}`; until then the page tells readers that the original has changed")),
                    );
                    *stale = changed;
                }
            }
        }
    };
    for p in pages.iter_mut() {
        let translates = p.meta.translates.clone();
        check(
            &p.rel,
            &p.lang,
            p.fallback,
            &p.base_rel,
            translates.as_deref(),
            &p.source,
            &mut p.stale,
        );
    }
    for s in sections.iter_mut() {
        let translates = s.meta.translates.clone();
        check(
            &s.rel,
            &s.lang,
            s.fallback,
            &s.base_rel,
            translates.as_deref(),
            &s.source,
            &mut s.stale,
        );
    }
    for (lang, mut rels) in untranslated {
        rels.sort();
        rels.dedup();
        let shown: Vec<String> = rels
            .iter()
            .take(10)
            .map(|r| format!("content/{r}"))
            .collect();
        let more = rels.len().saturating_sub(10);
        diags.push(
            Diagnostic::warning(
                "content",
                0,
                0,
                format!(
                    "{} no `{lang}` translation yet and {} shown in the original, with a notice: {}{}",
                    if rels.len() == 1 { "1 page has".to_string() } else { format!("{} pages have", rels.len()) },
                    if rels.len() == 1 { "is" } else { "are" },
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            )
            .with_help(format!("translate each beside its original, e.g. content/{}", lang_rel(&rels[0], &lang))),
        );
    }
    diags
}

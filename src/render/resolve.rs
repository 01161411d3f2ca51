//! Resolving `@/` links, `@KIND/ID` links, citations and glossary terms
//! against the model, for the markdown passes.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::closest;
use crate::evidence::paths;
use crate::markdown::glossary::Glossary;
use crate::markdown::{GlossaryEntry, LinkProblem, Resolver};
use crate::model::Site;

/// Resolves references in markdown against the site, for the pages of one
/// language. Built once per build and language and shared by its pages
/// (the glossary entries are computed once): a link to `@/articles/x.md`
/// leads to the page in the same language (`articles/x.es.md`, or its
/// stand-in), and facts, records and glossary terms to that language's
/// evidence pages.
pub struct SiteResolver<'a> {
    /// The model.
    pub site: &'a Site,
    /// The language.
    pub lang: String,
    base_path: String,
    glossary: Glossary,
    /// The ids of each kind of record but facts (which `Evidence` maps),
    /// for `@KIND/ID` links: a link looks its id up, it does not list them.
    records: HashMap<&'static str, HashSet<&'a str>>,
}

impl<'a> SiteResolver<'a> {
    /// A resolver for the pages of `site` in its own language.
    pub fn new(site: &'a Site) -> Self {
        Self::for_lang(site, &site.config.language)
    }

    /// A resolver for the pages of `site` in `lang`.
    pub fn for_lang(site: &'a Site, lang: &str) -> Self {
        let base_path = format!("{}{}", site.config.base_path(), site.lang_prefix(lang));
        let tr = site.evidence.translations.get(lang);
        let glossary = site
            .evidence
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let text = tr.and_then(|tr| tr.terms[i].as_ref());
                GlossaryEntry {
                    term: text
                        .and_then(|x| x.term.clone())
                        .unwrap_or_else(|| t.term.clone()),
                    url: format!("{base_path}{}", paths::term(&t.id)),
                    expansion: text
                        .and_then(|x| x.expansion.clone())
                        .or_else(|| t.expansion.clone()),
                }
            })
            .collect();
        let glossary = Glossary::new(glossary);
        let ev = &site.evidence;
        let records = HashMap::from([
            ("source", ev.sources.iter().map(|s| s.id.as_str()).collect()),
            ("person", ev.people.iter().map(|p| p.id.as_str()).collect()),
            ("term", ev.terms.iter().map(|t| t.id.as_str()).collect()),
            (
                "lawsuit",
                ev.lawsuits
                    .iter()
                    .map(|l| l.input.id.get_ref().as_str())
                    .collect(),
            ),
            ("event", ev.events.iter().map(|e| e.id.as_str()).collect()),
        ]);
        Self {
            site,
            lang: lang.to_string(),
            base_path,
            glossary,
            records,
        }
    }

    fn not_found<'b>(id: &str, known: impl Iterator<Item = &'b str>) -> LinkProblem {
        LinkProblem::NotFound {
            suggestion: closest(id, known).map(str::to_string),
        }
    }
}

impl Resolver for SiteResolver<'_> {
    fn resolve(&self, path: &str) -> Result<String, LinkProblem> {
        let root = self.site.config.base_path();
        // In another language, the same page in that language first.
        if self.lang != self.site.config.language {
            let translated = crate::model::lang_rel(path, &self.lang);
            if let Some(t) = self.site.lookup.get(&translated) {
                return Ok(format!("{root}{}", self.site.path_of(*t)));
            }
        }
        if let Some(t) = self.site.lookup.get(path) {
            return Ok(format!("{root}{}", self.site.path_of(*t)));
        }
        if self.site.drafts.iter().any(|d| d == path) {
            return Err(LinkProblem::Draft);
        }
        Err(Self::not_found(
            path,
            self.site.lookup.keys().map(String::as_str),
        ))
    }

    fn resolved_rel(&self, path: &str) -> String {
        if self.lang != self.site.config.language {
            let translated = crate::model::lang_rel(path, &self.lang);
            if self.site.lookup.contains_key(&translated) {
                return translated;
            }
        }
        path.to_string()
    }

    fn fact(&self, id: &str) -> Result<(String, String), LinkProblem> {
        let ev = &self.site.evidence;
        match ev.fact(id) {
            Some(i) => {
                let canonical = ev.facts[i].id.clone();
                let url = format!("{}{}", self.base_path, paths::fact(&canonical));
                Ok((canonical, url))
            }
            None => Err(Self::not_found(id, ev.facts.iter().map(|f| f.id.as_str()))),
        }
    }

    fn resolve_record(&self, kind: &str, id: &str) -> Result<String, LinkProblem> {
        let path: fn(&str) -> String = match kind {
            "fact" => return self.fact(id).map(|(_, url)| url),
            "source" => paths::source,
            "person" => paths::person,
            "term" => paths::term,
            "lawsuit" => paths::lawsuit,
            "event" => paths::event,
            _ => return Err(LinkProblem::NotFound { suggestion: None }),
        };
        let ids = &self.records[kind];
        if ids.contains(id) {
            Ok(format!("{}{}", self.base_path, path(id)))
        } else {
            // `closest` breaks ties by name, so the set's order is fine.
            Err(Self::not_found(id, ids.iter().copied()))
        }
    }

    fn glossary(&self) -> &Glossary {
        &self.glossary
    }
}

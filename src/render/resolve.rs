//! Resolving `@/` links, `@KIND/ID` links, citations and glossary terms
//! against the model, for the markdown passes.

use crate::diagnostics::closest;
use crate::evidence::paths;
use crate::markdown::glossary::Glossary;
use crate::markdown::{GlossaryEntry, LinkProblem, Resolver};
use crate::model::Site;

/// Resolves references in markdown against the site. Built once per build
/// and shared by every page (the glossary entries are computed once).
pub struct SiteResolver<'a> {
    /// The model.
    pub site: &'a Site,
    base_path: &'a str,
    glossary: Glossary,
}

impl<'a> SiteResolver<'a> {
    /// A resolver for `site`.
    pub fn new(site: &'a Site) -> Self {
        let base_path = site.config.base_path();
        let glossary = site
            .evidence
            .terms
            .iter()
            .map(|t| GlossaryEntry {
                term: t.term.clone(),
                url: format!("{base_path}{}", paths::term(&t.id)),
                expansion: t.expansion.clone(),
            })
            .collect();
        let glossary = Glossary::new(glossary);
        Self {
            site,
            base_path,
            glossary,
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
        if let Some(t) = self.site.lookup.get(path) {
            return Ok(format!("{}{}", self.base_path, self.site.path_of(*t)));
        }
        if self.site.drafts.iter().any(|d| d == path) {
            return Err(LinkProblem::Draft);
        }
        Err(Self::not_found(
            path,
            self.site.lookup.keys().map(String::as_str),
        ))
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
        let ev = &self.site.evidence;
        let found = |ids: Vec<&str>, path: fn(&str) -> String| -> Result<String, LinkProblem> {
            if ids.contains(&id) {
                Ok(format!("{}{}", self.base_path, path(id)))
            } else {
                Err(Self::not_found(id, ids.into_iter()))
            }
        };
        match kind {
            "fact" => self.fact(id).map(|(_, url)| url),
            "source" => found(
                ev.sources.iter().map(|s| s.id.as_str()).collect(),
                paths::source,
            ),
            "person" => found(
                ev.people.iter().map(|s| s.id.as_str()).collect(),
                paths::person,
            ),
            "term" => found(
                ev.terms.iter().map(|s| s.id.as_str()).collect(),
                paths::term,
            ),
            "lawsuit" => found(
                ev.lawsuits
                    .iter()
                    .map(|s| s.input.id.get_ref().as_str())
                    .collect(),
                paths::lawsuit,
            ),
            "event" => found(
                ev.events.iter().map(|s| s.id.as_str()).collect(),
                paths::event,
            ),
            _ => Err(LinkProblem::NotFound { suggestion: None }),
        }
    }

    fn glossary(&self) -> &Glossary {
        &self.glossary
    }
}

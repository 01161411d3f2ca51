//! The search page, and the plain text of evidence records for the index.

use serde::Serialize;

use super::dates::partial_date;
use super::evidence::smart;
use super::view::LinkView;
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::evidence::{paths, PartialDate};
use crate::output::path_to_file;
use crate::search::{Index, Plain};

/// `search` in search.html.
#[derive(Debug, Serialize)]
pub struct SearchView<'a> {
    /// The page's URL (the form's action).
    pub url: String,
    /// URL of the index folder (the page's own folder).
    pub index_url: String,
    /// The index manifest, JSON, safe inside a `<script>` data block.
    pub manifest: String,
    /// The fact index, if the site has facts.
    pub facts_url: Option<String>,
    /// Fact topics, for readers without JavaScript.
    pub topics: Vec<LinkView<'a>>,
    /// Records indexed.
    pub docs: u32,
    /// The query stemmer's language (`search-stem-LANG.js`), if any.
    pub stemmer: Option<&'static str>,
}

/// JSON made safe inside `<script type="application/json">`: no `<`, `>`
/// or `&` can close the element or start a comment.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The plain text of evidence records in one language, for its index:
/// its strings, its dates, its URL prefix.
pub struct LangPlain<'r, 'a> {
    renderer: &'r Renderer<'a>,
    lang: String,
    prefix: String,
}

impl Plain for LangPlain<'_, '_> {
    fn plain(&self, md: &str) -> String {
        smart(md, self.renderer.site)
    }
    fn string(&self, key: &str) -> String {
        self.renderer.strings[&self.lang].get(key).to_string()
    }
    fn url(&self, path: &str) -> String {
        self.renderer.urls().url(&format!("{}{path}", self.prefix))
    }
    fn date(&self, d: &PartialDate) -> String {
        partial_date(d, &self.renderer.strings[&self.lang])
    }
    fn in_language(&self, lang: &str) -> Box<dyn Plain + '_> {
        Box::new(self.renderer.plain_in(lang))
    }
}

impl<'a> Renderer<'a> {
    /// How evidence reads in `lang`'s index.
    pub fn plain_in(&self, lang: &str) -> LangPlain<'_, 'a> {
        let lang = if self.strings.contains_key(lang) {
            lang
        } else {
            &self.site.config.language
        };
        LangPlain {
            renderer: self,
            lang: lang.to_string(),
            prefix: self.site.lang_prefix(lang),
        }
    }
}

impl Renderer<'_> {
    /// The search page of each indexed language: `(output file, html)`.
    pub fn search_pages(&self, indexes: &[Index]) -> Result<Vec<(String, String)>, Diagnostic> {
        let ev = &self.site.evidence;
        let mut out = Vec::new();
        for index in indexes {
            let url = self.urls().url(&index.path);
            let l = self.lang(&index.lang);
            let view = SearchView {
                url: url.clone(),
                index_url: url.clone(),
                manifest: script_safe_json(&index.manifest),
                facts_url: (!ev.facts.is_empty()).then(|| self.urls().url(&l.path(paths::FACTS))),
                topics: ev
                    .topics
                    .iter()
                    .enumerate()
                    .map(|(ti, t)| LinkView {
                        title: l.topic_title(ti),
                        url: self.urls().url(&l.path(&paths::topic(&t.slug))),
                    })
                    .collect(),
                docs: index.docs,
                stemmer: index.stemmer,
            };
            #[derive(Serialize)]
            struct Item<'x> {
                search: SearchView<'x>,
            }
            let html = self.render_item("search.html", &index.lang, &url, Item { search: view })?;
            out.push((path_to_file(&index.path), html));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_cannot_close_its_script_element() {
        let s = script_safe_json(r#"{"topics":["</script><img src=x onerror=alert(1)>","a&b"]}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["topics"][0], "</script><img src=x onerror=alert(1)>");
        assert_eq!(back["topics"][1], "a&b");
    }
}

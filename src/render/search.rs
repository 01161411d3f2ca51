//! The search page, and the plain text of evidence records for the index.

use serde::Serialize;

use super::evidence::{partial_date, smart};
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
}

/// JSON made safe inside `<script type="application/json">`: no `<`, `>`
/// or `&` can close the element or start a comment.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

impl Plain for Renderer<'_> {
    fn plain(&self, md: &str) -> String {
        smart(md, self.site)
    }
    fn string(&self, key: &str) -> String {
        self.strings[&self.site.config.language]
            .get(key)
            .to_string()
    }
    fn url(&self, path: &str) -> String {
        self.urls().url(path)
    }
    fn date(&self, d: &PartialDate) -> String {
        partial_date(d, &self.strings[&self.site.config.language])
    }
}

impl Renderer<'_> {
    /// The search page of each indexed language: `(output file, html)`.
    pub fn search_pages(&self, indexes: &[Index]) -> Result<Vec<(String, String)>, Diagnostic> {
        let ev = &self.site.evidence;
        let mut out = Vec::new();
        for index in indexes {
            let url = self.urls().url(&index.path);
            let is_default = index.lang == self.site.config.language;
            let view = SearchView {
                url: url.clone(),
                index_url: url.clone(),
                manifest: script_safe_json(&index.manifest),
                facts_url: (is_default && !ev.facts.is_empty())
                    .then(|| self.urls().url(paths::FACTS)),
                topics: if is_default {
                    ev.topics
                        .iter()
                        .map(|t| LinkView {
                            title: &t.title,
                            url: self.urls().url(&paths::topic(&t.slug)),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                docs: index.docs,
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

//! The metadata view of every page (`meta`): what `partials/meta.html`
//! turns into Open Graph and Twitter card tags and schema.org JSON-LD,
//! beside the feed links and share image of `site` ([`super::view::feeds`],
//! [`super::view::share_image`]). The JSON-LD itself is built by
//! [`super::jsonld`].

use crate::evidence::paths;

use super::evidence::UpdateView;
use super::jsonld as ld;
use super::view::{MetaView, SHARE_IMAGE};
use super::Renderer;

/// Longest description given to Open Graph and JSON-LD.
const DESCRIPTION_CHARS: usize = 200;

impl Renderer<'_> {
    /// The metadata of any page at `current_url` (root-relative, "" for the
    /// 404 page): the site's title and description.
    pub fn default_meta(&self, lang: &str, current_url: &str) -> MetaView {
        let site = self.site_views.get(lang);
        MetaView {
            url: (!current_url.is_empty())
                .then(|| format!("{}{current_url}", self.urls().origin())),
            title: site.map(|v| v.title.to_string()).unwrap_or_default(),
            description: site.map(|v| v.description.to_string()).unwrap_or_default(),
            kind: "website",
            ..Default::default()
        }
    }

    /// The metadata of a page with this `title` and, if it has one, its
    /// own description or summary (HTML).
    pub fn titled_meta(
        &self,
        lang: &str,
        current_url: &str,
        title: &str,
        description: Option<&str>,
        summary_html: Option<&str>,
    ) -> MetaView {
        let mut meta = self.default_meta(lang, current_url);
        meta.title = ld::plain_text(title);
        let own = description
            .map(str::to_string)
            .or_else(|| summary_html.map(ld::plain_text))
            .filter(|d| !d.trim().is_empty());
        if let Some(d) = own {
            let one_line = d.split_whitespace().collect::<Vec<_>>().join(" ");
            meta.description = ld::truncate(&one_line, DESCRIPTION_CHARS);
        }
        meta
    }

    /// The metadata of an evidence list page: its title and its
    /// introduction from the strings (`KEY` and `KEY_intro`).
    pub fn intro_meta(&self, lang: &str, current_url: &str, key: &str) -> MetaView {
        let s = &self.strings[lang];
        let intro = s.0.get(&format!("{key}_intro")).map(String::as_str);
        self.titled_meta(lang, current_url, s.get(key), intro, None)
    }

    /// Renders `template` with `item` and the page's own metadata.
    pub fn render_item_meta<T: serde::Serialize>(
        &self,
        template: &str,
        lang: &str,
        url: &str,
        item: T,
        meta: MetaView,
    ) -> Result<String, crate::diagnostics::Diagnostic> {
        self.render_context(template, &self.context(lang, url, item).with_meta(meta))
    }

    /// A page's metadata: a `NewsArticle` when it has a date (a `WebPage`
    /// otherwise), its corrections as `CorrectionComment`s.
    pub fn page_meta(
        &self,
        pi: usize,
        summary_html: Option<&str>,
        updates: &[UpdateView],
    ) -> MetaView {
        let p = &self.site.pages[pi];
        let url = self.urls().url(&p.path);
        let mut meta = self.titled_meta(
            &p.lang,
            &url,
            &p.meta.title,
            p.meta.description.as_deref(),
            summary_html,
        );
        let published = p.date.as_ref().map(|d| d.iso());
        let modified = p.last_changed().map(|d| d.iso());
        let permalink = self.urls().permalink(&p.path);
        let site = &self.site.config;
        meta.json_ld = Some(ld::article(&ld::Article {
            headline: &meta.title,
            description: &meta.description,
            url: &permalink,
            image: &self.urls().permalink(SHARE_IMAGE),
            published: published.clone(),
            modified: modified.clone(),
            author: &site.author,
            site_title: &site.title,
            site_url: &self
                .urls()
                .permalink(&self.site.sections[self.site.home(&p.lang)].path),
            lang: &p.lang,
            corrections: updates
                .iter()
                .filter(|u| u.kind == "correction")
                .map(|u| ld::Correction {
                    text: ld::plain_text(&u.text),
                    date: u.date.iso.clone(),
                })
                .collect(),
        }));
        if published.is_some() {
            meta.kind = "article";
            meta.published = published;
            meta.modified = modified;
        }
        meta
    }

    /// A section list page's metadata; the home page is the `WebSite`.
    pub fn section_meta(
        &self,
        si: usize,
        current_url: &str,
        summary_html: Option<&str>,
    ) -> MetaView {
        let sec = &self.site.sections[si];
        let mut meta = self.titled_meta(
            &sec.lang,
            current_url,
            &sec.meta.title,
            sec.meta.description.as_deref(),
            summary_html,
        );
        if sec.is_home() {
            let name = meta.title.clone();
            meta.json_ld = Some(ld::website(
                &name,
                &meta.description,
                &self.urls().permalink(&sec.path),
                &sec.lang,
            ));
        }
        meta
    }

    /// The fact index of `lang` as a schema.org `Dataset`, with that
    /// edition's open data files as its downloads.
    pub fn facts_dataset(&self, lang: &str) -> String {
        let site = self.site;
        let ev = &site.evidence;
        let s = &self.strings[lang];
        let urls = self.urls();
        let prefix = site.lang_prefix(lang);
        let tr = site.evidence.translations.get(lang);
        ld::dataset(&ld::Dataset {
            name: format!("{}: {}", site.config.title_in(lang), s.get("fact_index")),
            description: s.get("facts_intro").to_string(),
            url: &urls.permalink(&format!("{prefix}{}", paths::FACTS)),
            creator: if site.config.author.is_empty() {
                site.config.title_in(lang)
            } else {
                &site.config.author
            },
            lang,
            keywords: ev
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    tr.and_then(|tr| tr.topics.get(i))
                        .and_then(Option::clone)
                        .unwrap_or_else(|| t.title.clone())
                })
                .collect(),
            modified: ev.updates.first().map(|u| u.date.iso()),
            downloads: vec![
                (
                    urls.permalink(&format!("{prefix}/data/facts.json")),
                    "application/json",
                ),
                (
                    urls.permalink(&format!("{prefix}/data/facts.csv")),
                    "text/csv",
                ),
            ],
        })
    }
}

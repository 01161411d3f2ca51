//! Feeds of updates and corrections: Atom (RFC 4287) at
//! `/updates/atom.xml` and JSON Feed 1.1 at `/updates/feed.json`.
//!
//! One entry per file in `content/updates/`, newest first, as on the
//! `/updates/` page: its kind and date as the title, its text (links made
//! absolute) followed by the pages and facts it changed as the content.
//! Entry ids are the permalinks of the entries on `/updates/`, so they never
//! change. A site without updates has no feeds (and no feed links).

use serde::Serialize;

use crate::evidence::paths;
use crate::render::evidence::Lang;
use crate::render::evidence::UpdateView;
use crate::render::Renderer;

use crate::text::{escape_attr, xml_escape};

/// One feed entry, shared by both formats.
struct Entry {
    id: String,
    title: String,
    date: String,
    kind: &'static str,
    kind_label: String,
    /// The entry's own language when it differs from the feed's (an
    /// update not yet translated).
    lang: Option<String>,
    html: String,
}

/// The feed files, `(output path, bytes)`, one pair per language (the
/// site's own at `/updates/`, a translation's at `/es/updates/`); none when
/// there are no updates.
pub fn files(renderer: &Renderer<'_>) -> Vec<(String, Vec<u8>)> {
    let site = renderer.site;
    if site.evidence.updates.is_empty() {
        return Vec::new();
    }
    site.config
        .all_languages()
        .into_iter()
        .flat_map(|code| language_files(renderer, &renderer.lang(code)))
        .collect()
}

fn language_files(renderer: &Renderer<'_>, l: &Lang<'_>) -> Vec<(String, Vec<u8>)> {
    let site = renderer.site;
    let ev = &site.evidence;
    let urls = renderer.urls();
    let origin = urls.origin();
    let s = l.strings;
    let entries: Vec<Entry> = (0..ev.updates.len())
        .map(|i| {
            let v = renderer.update_view(l, i);
            Entry {
                id: format!("{origin}{}", v.url),
                title: format!("{}: {}", v.kind_label, v.title),
                date: ev.updates[i].date.rfc3339(),
                kind: v.kind,
                kind_label: v.kind_label.clone(),
                lang: v.lang.clone(),
                html: absolute_links(&content_html(&v, s), origin),
            }
        })
        .collect();
    let site_title = site.config.title_in(l.code);
    let title = format!("{site_title}: {}", s.get("updates"));
    let atom_path = l.path(paths::ATOM_FEED);
    let json_path = l.path(paths::JSON_FEED);
    let feed = Feed {
        title: &title,
        description: s.get("updates_intro"),
        home: urls.permalink(&l.path(paths::UPDATES)),
        author: if site.config.author.is_empty() {
            site_title
        } else {
            &site.config.author
        },
        lang: l.code,
        atom_url: urls.permalink(&atom_path),
        json_url: urls.permalink(&json_path),
    };
    vec![
        (path(&atom_path), atom(&feed, &entries).into_bytes()),
        (path(&json_path), json_feed(&feed, &entries).into_bytes()),
    ]
}

fn path(site_path: &str) -> String {
    site_path.trim_start_matches('/').to_string()
}

/// The entry's text, then what it changed.
fn content_html(v: &UpdateView, s: &crate::render::Strings) -> String {
    let mut html = v.text.clone();
    if !v.pages.is_empty() {
        let links: Vec<String> = v
            .pages
            .iter()
            .map(|p| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    escape_attr(&p.url),
                    xml_escape(&p.title)
                )
            })
            .collect();
        html.push_str(&format!(
            "<p>{}: {}</p>\n",
            xml_escape(s.get("changed_pages")),
            links.join(", ")
        ));
    }
    if !v.facts.is_empty() {
        html.push_str(&format!(
            "<p>{}:</p>\n<ul>\n",
            xml_escape(s.get("changed_facts"))
        ));
        for f in &v.facts {
            // The title is the statement, already HTML.
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape_attr(&f.url),
                f.title
            ));
        }
        html.push_str("</ul>\n");
    }
    html
}

struct Feed<'a> {
    title: &'a str,
    description: &'a str,
    home: String,
    author: &'a str,
    lang: &'a str,
    atom_url: String,
    json_url: String,
}

fn atom(feed: &Feed<'_>, entries: &[Entry]) -> String {
    let e = xml_escape;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        e(feed.lang)
    ));
    x.push_str(&format!("  <id>{}</id>\n", e(&feed.home)));
    x.push_str(&format!("  <title>{}</title>\n", e(feed.title)));
    x.push_str(&format!("  <subtitle>{}</subtitle>\n", e(feed.description)));
    // Entries are newest first, so the first is the feed's last change.
    x.push_str(&format!("  <updated>{}</updated>\n", entries[0].date));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        e(&feed.atom_url)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        e(&feed.home)
    ));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        e(feed.author)
    ));
    x.push_str("  <generator>casefile</generator>\n");
    for entry in entries {
        match &entry.lang {
            Some(lang) => x.push_str(&format!("  <entry xml:lang=\"{}\">\n", e(lang))),
            None => x.push_str("  <entry>\n"),
        }
        x.push_str(&format!("    <id>{}</id>\n", e(&entry.id)));
        x.push_str(&format!("    <title>{}</title>\n", e(&entry.title)));
        x.push_str(&format!("    <published>{}</published>\n", entry.date));
        x.push_str(&format!("    <updated>{}</updated>\n", entry.date));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            e(&entry.id)
        ));
        x.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            entry.kind,
            e(&entry.kind_label)
        ));
        x.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            e(&entry.html)
        ));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    description: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    date_published: &'a str,
    tags: [&'a str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

fn json_feed(feed: &Feed<'_>, entries: &[Entry]) -> String {
    let doc = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: feed.title,
        description: feed.description,
        home_page_url: &feed.home,
        feed_url: &feed.json_url,
        language: feed.lang,
        authors: vec![JsonAuthor { name: feed.author }],
        items: entries
            .iter()
            .map(|e| JsonItem {
                id: &e.id,
                url: &e.id,
                title: &e.title,
                content_html: &e.html,
                date_published: &e.date,
                tags: [e.kind],
                language: e.lang.as_deref(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Makes root-relative links in `html` absolute, for feeds (whose readers
/// show entries away from the site).
pub fn absolute_links(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = ["href=\"/", "src=\"/"]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| i + p.len()))
        .min()
    {
        // `i` is just after the slash; `//host` is protocol-relative.
        out.push_str(&rest[..i - 1]);
        if !rest[i..].starts_with('/') {
            out.push_str(origin);
        }
        out.push('/');
        rest = &rest[i..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        assert_eq!(
            absolute_links(
                "<a href=\"/x/\">x</a> <a href=\"https://o.org/\">o</a> <img src=\"/i.png\"> <a href=\"//cdn.org/\">c</a>",
                "https://e.org"
            ),
            "<a href=\"https://e.org/x/\">x</a> <a href=\"https://o.org/\">o</a> <img src=\"https://e.org/i.png\"> <a href=\"//cdn.org/\">c</a>"
        );
    }
}

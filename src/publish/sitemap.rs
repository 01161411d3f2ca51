//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every page the build wrote (every `index.html`: pages,
//! sections and their list pages, taxonomies, evidence pages), except the
//! redirects left at old fact ids. `lastmod` is given where the model knows
//! it: a page's `updated` (or `date`), a section's newest page, the newest
//! update for `/updates/`. Over 50,000 pages, `sitemap.xml` becomes an
//! index of `sitemap-1.xml`, `sitemap-2.xml`...

use std::collections::HashMap;

use crate::evidence::paths;
use crate::model::{Date, Site};
use crate::output::path_to_file;
use crate::render::view::Urls;

use super::xml_escape;

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

/// The last change of every site path the model knows one for.
fn last_changes(site: &Site) -> HashMap<String, &Date> {
    let mut m: HashMap<String, &Date> = HashMap::new();
    for p in &site.pages {
        if let Some(d) = p.updated.as_ref().or(p.date.as_ref()) {
            m.insert(p.path.clone(), d);
        }
    }
    for s in &site.sections {
        let newest = s
            .pages
            .iter()
            .filter_map(|&i| {
                site.pages[i]
                    .updated
                    .as_ref()
                    .or(site.pages[i].date.as_ref())
            })
            .chain(s.updated.as_ref())
            .max();
        if let Some(d) = newest {
            m.insert(s.path.clone(), d);
        }
    }
    for f in &site.evidence.facts {
        if let Some(d) = &f.updated {
            m.insert(paths::fact(&f.id), d);
        }
    }
    if let Some(u) = site.evidence.updates.first() {
        m.insert(paths::UPDATES.to_string(), &u.date);
    }
    m
}

/// The sitemap file(s), `(output path, bytes)`, for the files in `written`.
pub fn sitemaps(site: &Site, urls: &Urls<'_>, written: &[String]) -> Vec<(String, Vec<u8>)> {
    let redirects: Vec<String> = site
        .evidence
        .facts
        .iter()
        .flat_map(|f| f.aliases.iter().map(|a| path_to_file(&paths::fact(a))))
        .collect();
    let changes = last_changes(site);
    let mut entries: Vec<(String, Option<String>)> = written
        .iter()
        .filter(|f| *f == "index.html" || f.ends_with("/index.html"))
        .filter(|f| !redirects.contains(f))
        .map(|f| {
            let path = format!("/{}", f.trim_end_matches("index.html"));
            let lastmod = changes.get(&path).map(|d| d.iso());
            (urls.permalink(&path), lastmod)
        })
        .collect();
    entries.sort();

    let urlset = |chunk: &[(String, Option<String>)]| {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (loc, lastmod) in chunk {
            x.push_str(&format!("  <url><loc>{}</loc>", xml_escape(loc)));
            if let Some(l) = lastmod {
                x.push_str(&format!("<lastmod>{l}</lastmod>"));
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x.into_bytes()
    };
    if entries.len() <= MAX_URLS {
        return vec![("sitemap.xml".into(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&urls.permalink(&format!("/{name}")))
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index.into_bytes()));
    files
}

/// `robots.txt`: everything may be crawled; where the sitemap is.
pub fn robots(urls: &Urls<'_>) -> String {
    format!(
        "# Written by casefile. Put your own robots.txt in static/ to replace it.\nUser-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.permalink("/sitemap.xml")
    )
}

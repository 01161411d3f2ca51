//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every page the build wrote (every `index.html`: pages,
//! sections and their list pages, taxonomies, evidence pages), except the
//! redirects left at old fact ids. `lastmod` is given where the model knows
//! it: a page's `updated` (or `date`), a section's newest page, the newest
//! update for `/updates/`. Over 50,000 pages, `sitemap.xml` becomes an
//! index of `sitemap-1.xml`, `sitemap-2.xml`...

use std::collections::HashMap;

use crate::date::Date;
use crate::evidence::paths;
use crate::model::Site;
use crate::output::path_to_file;
use crate::render::alternates::Alternates;
use crate::render::view::Urls;

use crate::text::xml_escape;

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

/// The last change of every site path the model knows one for.
fn last_changes(site: &Site) -> HashMap<String, &Date> {
    let mut m: HashMap<String, &Date> = HashMap::new();
    for p in &site.pages {
        if let Some(d) = p.last_changed() {
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
    // Evidence pages are rendered in every language, under its prefix.
    for lang in site.config.all_languages() {
        let prefix = site.lang_prefix(lang);
        for f in &site.evidence.facts {
            if let Some(d) = &f.updated {
                m.insert(format!("{prefix}{}", paths::fact(&f.id)), d);
            }
        }
        if let Some(u) = site.evidence.updates.first() {
            m.insert(format!("{prefix}{}", paths::UPDATES), &u.date);
        }
    }
    m
}

/// A sitemap entry: address, last change, the page in each language.
type Entry = (String, Option<String>, Vec<(String, String)>);

/// The sitemap file(s), `(output path, bytes)`, for the files in `written`.
pub fn sitemaps(
    site: &Site,
    urls: &Urls<'_>,
    alternates: &Alternates,
    written: &[String],
) -> Vec<(String, Vec<u8>)> {
    let redirects: Vec<String> = site
        .evidence
        .facts
        .iter()
        .flat_map(|f| f.aliases.iter().map(|a| path_to_file(&paths::fact(a))))
        .collect();
    let changes = last_changes(site);
    let pages: Vec<String> = written
        .iter()
        .filter(|f| *f == "index.html" || f.ends_with("/index.html"))
        .filter(|f| !redirects.contains(f))
        .map(|f| format!("/{}", f.trim_end_matches("index.html")))
        // A page not translated yet is the original's words under another
        // address: the original is listed, not it.
        .filter(|path| !alternates.is_fallback(path))
        .collect();
    let listed: std::collections::HashSet<&str> = pages.iter().map(String::as_str).collect();
    let mut entries: Vec<Entry> = pages
        .iter()
        .map(|path| {
            let lastmod = changes.get(path).map(|d| d.iso());
            // The same page in every language (itself too, as Google asks),
            // the site's own language also as `x-default`; only pages this
            // build wrote.
            let mut links: Vec<(String, String)> = alternates
                .of(alternates.lang_of(path), path)
                .into_iter()
                .filter(|(_, p)| listed.contains(p.as_str()))
                .map(|(lang, p)| (lang, urls.permalink(&p)))
                .collect();
            if links.len() < 2 {
                links.clear();
            } else if let Some((_, first)) = links.first() {
                let first = first.clone();
                links.push(("x-default".into(), first));
            }
            (urls.permalink(path), lastmod, links)
        })
        .collect();
    entries.sort();
    let multilingual = entries.iter().any(|(_, _, links)| !links.is_empty());

    let urlset = |chunk: &[Entry]| {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
        );
        if multilingual {
            x.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
        }
        x.push_str(">\n");
        for (loc, lastmod, links) in chunk {
            x.push_str(&format!("  <url><loc>{}</loc>", xml_escape(loc)));
            if let Some(l) = lastmod {
                x.push_str(&format!("<lastmod>{l}</lastmod>"));
            }
            for (lang, href) in links {
                x.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(lang),
                    xml_escape(href)
                ));
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

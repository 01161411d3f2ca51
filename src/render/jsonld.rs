//! schema.org JSON-LD for `<script type="application/ld+json">` in every
//! page's head (`partials/meta.html`): a `NewsArticle` for each dated page,
//! with `datePublished`, `dateModified` and its corrections as
//! `CorrectionComment`s; a `WebPage` for an undated one; a `WebSite` for the
//! home page; a `Dataset` for the fact index, pointing at the open data.
//!
//! The JSON is escaped for a script element (`<`, `>` and `&` as `\u003c`...),
//! so no text can close the element. It is data, not script, which a strict
//! Content-Security-Policy does not block.

use serde_json::{json, Value};

/// A correction shown on a page.
pub struct Correction {
    /// What was corrected, as plain text.
    pub text: String,
    /// When (ISO 8601).
    pub date: String,
}

/// What the JSON-LD of a page is made from.
pub struct Article<'a> {
    /// The page's title.
    pub headline: &'a str,
    /// One or two sentences.
    pub description: &'a str,
    /// Absolute URL.
    pub url: &'a str,
    /// Absolute URL of the share image.
    pub image: &'a str,
    /// ISO 8601 publication date.
    pub published: Option<String>,
    /// ISO 8601 last change.
    pub modified: Option<String>,
    /// The site's author (publisher), if set.
    pub author: &'a str,
    /// The site's title.
    pub site_title: &'a str,
    /// Absolute URL of the home page.
    pub site_url: &'a str,
    /// Language code.
    pub lang: &'a str,
    /// Corrections of this page, newest first.
    pub corrections: Vec<Correction>,
}

/// JSON for inside `<script>`: nothing in it can end the element.
pub fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn organization(name: &str) -> Value {
    json!({ "@type": "Organization", "name": name })
}

/// `NewsArticle` for a dated page, `WebPage` otherwise.
pub fn article(a: &Article<'_>) -> String {
    let publisher = if a.author.is_empty() {
        a.site_title
    } else {
        a.author
    };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": if a.published.is_some() { "NewsArticle" } else { "WebPage" },
        "headline": a.headline,
        "url": a.url,
        "mainEntityOfPage": a.url,
        "inLanguage": a.lang,
        "image": [a.image],
        "isPartOf": { "@type": "WebSite", "name": a.site_title, "url": a.site_url },
        "publisher": organization(publisher),
    });
    let m = v.as_object_mut().expect("an object");
    if !a.description.is_empty() {
        m.insert("description".into(), json!(a.description));
    }
    if !a.author.is_empty() {
        m.insert("author".into(), json!([organization(a.author)]));
    }
    if let Some(p) = &a.published {
        m.insert("datePublished".into(), json!(p));
        m.insert(
            "dateModified".into(),
            json!(a.modified.as_ref().unwrap_or(p)),
        );
    } else if let Some(d) = &a.modified {
        m.insert("dateModified".into(), json!(d));
    }
    if !a.corrections.is_empty() {
        let list: Vec<Value> = a
            .corrections
            .iter()
            .map(|c| {
                json!({
                    "@type": "CorrectionComment",
                    "text": c.text,
                    "datePublished": c.date,
                })
            })
            .collect();
        m.insert("correction".into(), Value::Array(list));
    }
    script_json(&v)
}

/// `WebSite` for the home page.
pub fn website(name: &str, description: &str, url: &str, lang: &str) -> String {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": url,
        "inLanguage": lang,
    });
    if !description.is_empty() {
        v["description"] = json!(description);
    }
    script_json(&v)
}

/// What the fact index's `Dataset` is made from.
pub struct Dataset<'a> {
    /// "Fact index" in the site's language.
    pub name: String,
    /// What the facts are.
    pub description: String,
    /// Absolute URL of the fact index.
    pub url: &'a str,
    /// The site's author or title.
    pub creator: &'a str,
    /// Language.
    pub lang: &'a str,
    /// Topic titles.
    pub keywords: Vec<String>,
    /// Date of the newest update, if any.
    pub modified: Option<String>,
    /// `(absolute URL, media type)` of each download.
    pub downloads: Vec<(String, &'static str)>,
}

/// `Dataset` for the fact index.
pub fn dataset(d: &Dataset<'_>) -> String {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": d.name,
        "description": d.description,
        "url": d.url,
        "inLanguage": d.lang,
        "creator": organization(d.creator),
        "keywords": d.keywords,
        "isAccessibleForFree": true,
        "distribution": d.downloads.iter().map(|(url, format)| json!({
            "@type": "DataDownload",
            "encodingFormat": format,
            "contentUrl": url,
        })).collect::<Vec<_>>(),
    });
    if let Some(m) = &d.modified {
        v["dateModified"] = json!(m);
    }
    script_json(&v)
}

/// Plain text of a little HTML: tags dropped, the common entities decoded,
/// whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let words: Vec<&str> = decoded.split_whitespace().collect();
    words.join(" ").replace(" .", ".").replace(" ,", ",")
}

/// `text` cut at a word boundary to at most `max` characters, with `…`.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|x| x.0).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let s = article(&Article {
            headline: "</script><b>",
            description: "",
            url: "https://e.org/a/",
            image: "https://e.org/share.png",
            published: Some("2026-01-10".into()),
            modified: None,
            author: "",
            site_title: "T & co",
            site_url: "https://e.org/",
            lang: "en",
            corrections: vec![Correction {
                text: "We said 3.".into(),
                date: "2026-01-12".into(),
            }],
        });
        assert!(!s.contains('<') && !s.contains('&'), "{s}");
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["@type"], "NewsArticle");
        assert_eq!(v["headline"], "</script><b>");
        assert_eq!(v["dateModified"], "2026-01-10");
        assert_eq!(v["correction"][0]["@type"], "CorrectionComment");
    }

    #[test]
    fn plain_text_and_truncation() {
        assert_eq!(
            plain_text("<p>We had <em>said</em> 3 &amp; 4.</p>\n<p>Now 2.</p>"),
            "We had said 3 & 4. Now 2."
        );
        assert_eq!(truncate("one two three", 9), "one two…");
        assert_eq!(truncate("short", 9), "short");
    }
}

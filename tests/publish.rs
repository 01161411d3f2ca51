//! Publishing: feeds checked against their specs, open data against its
//! schema, the sitemap against the pages, JSON-LD and Open Graph tags,
//! precompressed files, the share image, unsafe file names, and the same
//! bytes from two builds.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use common::{build, build_fixture, copy_fixture, list_files, Built, Mode};

/// Appends to a file of a fixture copy.
fn append(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let mut s = std::fs::read_to_string(&path).unwrap_or_default();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

/// Edits a file of a fixture copy.
fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let s = std::fs::read_to_string(&path).unwrap();
    assert!(s.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

/// The evidence fixture with a dated article.
fn evidence_published() -> Built {
    build_fixture("evidence", Mode::Build, |opts| {
        edit(
            &opts.root,
            "content/articles/money.md",
            "weight = 2\n",
            "weight = 2\ndate = 2026-01-10\n",
        );
    })
}

/// The evidence fixture with precompression on.
fn evidence_compressed() -> Built {
    build_fixture("evidence", Mode::Build, |opts| {
        append(
            &opts.root,
            "casefile.toml",
            "\n[output]\nprecompress = [\"gzip\", \"brotli\"]\n",
        );
    })
}

fn rfc3339(s: &str) -> jiff::Timestamp {
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} is not an RFC 3339 date-time: {e}"))
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn atom_child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
}

#[test]
fn atom_feed_has_every_required_element() {
    let site = evidence_published();
    let xml = site.read("updates/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "root is atom:feed");
    assert_eq!(
        atom_child(feed, "id").text(),
        Some("https://example.org/updates/")
    );
    assert_eq!(
        atom_child(feed, "title").text(),
        Some("Evidence Fixture: Updates and corrections")
    );
    let updated = rfc3339(atom_child(feed, "updated").text().unwrap());
    let links: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .collect();
    assert!(links.iter().any(|l| l.attribute("rel") == Some("self")
        && l.attribute("href") == Some("https://example.org/updates/atom.xml")));
    assert!(links
        .iter()
        .any(|l| l.attribute("rel") == Some("alternate")));
    // An author for the feed, since entries have none of their own.
    assert!(atom_child(atom_child(feed, "author"), "name")
        .text()
        .is_some());

    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    assert_eq!(entries.len(), 2, "one entry per file in content/updates/");
    let mut ids = BTreeSet::new();
    let mut dates = Vec::new();
    for e in &entries {
        let id = atom_child(*e, "id").text().unwrap();
        assert!(id.starts_with("https://example.org/updates/#"), "{id}");
        assert!(ids.insert(id.to_string()), "unique ids");
        assert!(!atom_child(*e, "title").text().unwrap().is_empty());
        dates.push(rfc3339(atom_child(*e, "updated").text().unwrap()));
        assert_eq!(atom_child(*e, "link").attribute("href"), Some(id));
        let content = atom_child(*e, "content");
        assert_eq!(content.attribute("type"), Some("html"));
        let html = content.text().unwrap();
        assert!(html.starts_with("<p>"), "{html}");
        assert!(!html.contains("href=\"/"), "links are absolute: {html}");
    }
    assert!(dates[0] > dates[1], "newest first");
    assert_eq!(updated, dates[0], "the feed's updated is its newest entry");
    let correction = atom_child(entries[0], "content").text().unwrap();
    assert!(
        correction.contains("It is worth $2 million"),
        "{correction}"
    );
    assert!(
        correction.contains("href=\"https://example.org/facts/contract-value/\""),
        "the corrected fact is linked: {correction}"
    );
    assert_eq!(
        atom_child(entries[0], "category").attribute("term"),
        Some("correction")
    );
}

#[test]
fn json_feed_has_the_json_feed_1_1_fields() {
    let site = evidence_published();
    let feed: serde_json::Value = serde_json::from_str(&site.read("updates/feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert!(feed["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(feed["home_page_url"], "https://example.org/updates/");
    assert_eq!(feed["feed_url"], "https://example.org/updates/feed.json");
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    for item in items {
        assert!(item["id"].as_str().is_some_and(|i| !i.is_empty()), "{item}");
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "{item}"
        );
        rfc3339(item["date_published"].as_str().unwrap());
    }
    assert_eq!(items[0]["tags"][0], "correction");
}

#[test]
fn pages_link_the_feeds_only_when_there_are_updates() {
    let site = build("evidence");
    let home = site.read("index.html");
    assert!(home.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Evidence Fixture: Updates and corrections\" href=\"/updates/atom.xml\">"
    ));
    assert!(home.contains("type=\"application/feed+json\""));
    let minimal = build("minimal");
    assert!(!minimal.exists("updates/atom.xml"));
    assert!(!minimal.read("index.html").contains("application/atom+xml"));
}

#[test]
fn facts_json_validates_against_its_published_schema() {
    let site = evidence_published();
    let schema: serde_json::Value =
        serde_json::from_str(&site.read("data/facts.schema.json")).unwrap();
    let facts: serde_json::Value = serde_json::from_str(&site.read("data/facts.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&facts)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        facts["$schema"],
        "https://example.org/data/facts.schema.json"
    );
    let list = facts["facts"].as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"contract-value"));
    let value = list.iter().find(|f| f["id"] == "contract-value").unwrap();
    assert_eq!(value["citations"].as_array().unwrap().len(), 2);
    assert!(value["citations"][0]["url"]
        .as_str()
        .unwrap()
        .starts_with("https://example.org/sources/"));

    // The schema catches a broken file.
    let mut broken = facts.clone();
    broken["facts"][0]["status"] = "rumoured".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn the_explainers_own_data_validates_too() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for dir in ["content", "static", "templates", "i18n"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        if from.is_dir() {
            common::copy_dir(&from, &root.join(dir));
        }
    }
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("casefile.toml"),
        root.join("casefile.toml"),
    )
    .unwrap();
    let opts = casefile::site::BuildOptions::new(&root);
    casefile::site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    let out = opts.output_dir();
    let schema: serde_json::Value =
        serde_json::from_str(&common::read(&out, "data/facts.schema.json")).unwrap();
    let facts: serde_json::Value =
        serde_json::from_str(&common::read(&out, "data/facts.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&facts)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(facts["facts"].as_array().unwrap().len() > 20);
}

#[test]
fn csv_files_parse_with_one_row_per_record() {
    let site = evidence_published();
    let facts_csv = site.read("data/facts.csv");
    let mut facts = csv::Reader::from_reader(facts_csv.as_bytes());
    let headers = facts.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "quotes"));
    let rows: Vec<csv::StringRecord> = facts.records().map(Result::unwrap).collect();
    let json: serde_json::Value = serde_json::from_str(&site.read("data/facts.json")).unwrap();
    assert_eq!(rows.len(), json["facts"].as_array().unwrap().len());
    let value = rows.iter().find(|r| &r[0] == "contract-value").unwrap();
    let sources = headers.iter().position(|h| h == "sources").unwrap();
    assert_eq!(
        value[sources].lines().count(),
        2,
        "two citations, one per line"
    );

    let lawsuits_csv = site.read("data/lawsuits.csv");
    let mut lawsuits = csv::Reader::from_reader(lawsuits_csv.as_bytes());
    let headers = lawsuits.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = lawsuits.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let court = headers.iter().position(|h| h == "court").unwrap();
    assert_eq!(&rows[0][court], "Example County Superior Court");
    assert_eq!(&rows[1][court], "", "not reported: an empty cell");
}

/// A text a spreadsheet would run as a formula is published in both CSV
/// files with a leading `'` (shown as text); the JSON keeps it as written.
#[test]
fn csv_cells_that_would_be_formulas_are_text() {
    let evil = "=HYPERLINK(\"http://evil\",\"click\")";
    let site = build_fixture("evidence", Mode::Build, |opts| {
        edit(
            &opts.root,
            "content/facts/money.toml",
            "statement = \"The contract is worth $2 million over five years.\"",
            &format!("statement = '{evil}'"),
        );
        edit(
            &opts.root,
            "content/lawsuits.toml",
            "docket = \"CV-2025-0142\"",
            "docket = \"-2025-0142\"",
        );
    });
    let read = |file: &str, id: &str, column: &str| -> String {
        let text = site.read(file);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let at = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == column)
            .unwrap();
        let row = reader
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == id)
            .unwrap();
        row[at].to_string()
    };
    assert_eq!(
        read("data/facts.csv", "contract-value", "statement"),
        format!("'{evil}")
    );
    assert_eq!(
        read("data/facts.csv", "payments-start", "statement"),
        "Payments start in September 2025."
    );
    assert_eq!(
        read("data/lawsuits.csv", "residents-v-water-board", "docket"),
        "'-2025-0142"
    );
    assert_eq!(
        read("data/lawsuits.csv", "residents-v-water-board", "court"),
        "Example County Superior Court"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("data/facts.json")).unwrap();
    let fact = json["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "contract-value")
        .unwrap();
    assert_eq!(fact["statement"], evil);
}

#[test]
fn timeline_json_lists_every_event_and_the_calendar_only_known_days() {
    let site = evidence_published();
    let timeline: serde_json::Value =
        serde_json::from_str(&site.read("data/timeline.json")).unwrap();
    let events = timeline["events"].as_array().unwrap();
    assert_eq!(events.len(), 5, "dated or not, every event");
    let in_calendar: Vec<&str> = events
        .iter()
        .filter(|e| e["in_calendar"] == true)
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        in_calendar,
        ["value-set"],
        "only the event known to the day"
    );
    let monday = events
        .iter()
        .find(|e| e["id"] == "contract-signed")
        .unwrap();
    assert_eq!(monday["date"], serde_json::Value::Null);
    assert_eq!(monday["when"], "Monday");

    let ics = site.read("data/timeline.ics");
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "CRLF line endings only"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 1);
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20250616\r\n"));
    assert!(unfolded.contains("DTEND;VALUE=DATE:20250617\r\n"));
    assert!(unfolded.contains("UID:value-set@example.org\r\n"));
    assert!(unfolded.contains("SUMMARY:The value is set\r\n"));
    assert!(unfolded.contains("DTSTAMP:"));
    for line in unfolded.lines().filter(|l| l.starts_with("DTSTART")) {
        assert!(line.starts_with("DTSTART;VALUE=DATE:"), "{line}");
    }
}

#[test]
fn sources_json_has_every_source() {
    let site = evidence_published();
    let sources: serde_json::Value = serde_json::from_str(&site.read("data/sources.json")).unwrap();
    let ids: Vec<&str> = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["city-report", "council-memo"]);
}

/// Every page a reader can visit: `index.html` files that are not redirects.
fn visitable_pages(site: &Built) -> BTreeSet<String> {
    site.html_files()
        .into_iter()
        .filter(|f| f == "index.html" || f.ends_with("/index.html"))
        .filter(|f| !site.read(f).contains("http-equiv=\"refresh\""))
        .map(|f| format!("https://example.org/{}", f.trim_end_matches("index.html")))
        .collect()
}

#[test]
fn sitemap_lists_every_page_and_robots_points_to_it() {
    for fixture in ["evidence", "full"] {
        let site = build(fixture);
        let xml = site.read("sitemap.xml");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        assert!(doc.root_element().has_tag_name((ns, "urlset")));
        let locs: BTreeSet<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns, "loc")))
            .map(|n| n.text().unwrap().to_string())
            .collect();
        assert_eq!(locs, visitable_pages(&site), "{fixture}");
        assert!(!xml.contains("facts/signed-monday/"), "no redirect");
    }
    let site = build("full");
    let xml = site.read("sitemap.xml");
    assert!(
        xml.contains(
            "<loc>https://example.org/articles/second/</loc><lastmod>2026-03-01</lastmod>"
        ),
        "lastmod is the page's updated date: {xml}"
    );
    assert_eq!(
        site.read("robots.txt"),
        std::fs::read_to_string(common::fixture_dir("full").join("static/robots.txt")).unwrap(),
        "the site's own robots.txt wins"
    );
    let site = build("evidence");
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://example.org/sitemap.xml\n"));
}

/// `html` without the search field of the page header.
fn without_search_form(html: &str) -> String {
    let Some(start) = html.find("\n<form class=\"site-search\"") else {
        return html.to_string();
    };
    let end = start + html[start..].find("</form>").expect("the form ends") + "</form>".len();
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn search_can_be_turned_off_and_nothing_else_changes() {
    let on = build("evidence");
    let off = build_fixture("evidence", Mode::Build, |opts| {
        append(&opts.root, "casefile.toml", "\n[search]\nenabled = false\n");
    });
    off.summary();

    // By default: the search page, its index and result files, the
    // script, the field in every header and the page in the sitemap.
    assert!(on.exists("search/index.html") && on.exists("search/facets.json"));
    assert!(on.files().iter().any(|f| f.starts_with("search/d/")));
    assert!(on.exists("search.js") && on.exists("search.css") && on.exists("search-pages.js"));
    assert!(on.exists("search-stem-en.js") && on.exists("search/words.json"));
    assert!(on
        .read("index.html")
        .contains("<form class=\"site-search\""));
    assert!(on
        .read("sitemap.xml")
        .contains("<loc>https://example.org/search/</loc>"));

    // Off: none of it.
    assert!(!off.path("search").exists(), "{:?}", off.files());
    assert!(
        !off.exists("search.js")
            && !off.exists("search-pages.js")
            && !off.exists("search.css")
            && !off.exists("search-nojs.css")
    );
    assert!(!off.files().iter().any(|f| f.starts_with("search-stem-")));
    for f in off.html_files() {
        let html = off.read(&f);
        assert!(
            !html.contains("site-search") && !html.contains("/search/"),
            "{f} links to search: {html}"
        );
    }
    assert!(!off.read("sitemap.xml").contains("search"));

    // Everything else is the same, byte for byte, but for that field and
    // that line of the sitemap.
    let others: Vec<String> = on
        .files()
        .into_iter()
        .filter(|f| {
            !f.starts_with("search/")
                && !f.starts_with("search-stem-")
                && ![
                    "search.js",
                    "search-pages.js",
                    "search.css",
                    "search-nojs.css",
                ]
                .contains(&f.as_str())
        })
        .collect();
    assert_eq!(off.files(), others);
    assert_eq!(off.summary().files, others.len());
    for f in &others {
        if f == "sitemap.xml" {
            let xml = on.read(f);
            let expected: String = xml
                .split_inclusive('\n')
                .filter(|l| !l.contains("/search/</loc>"))
                .collect();
            assert_eq!(off.read(f), expected);
        } else if f.ends_with(".html") {
            assert_eq!(off.read(f), without_search_form(&on.read(f)), "{f}");
        } else {
            assert!(off.bytes(f) == on.bytes(f), "{f} differs");
        }
    }
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("the page has JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn articles_are_news_articles_with_their_corrections() {
    let site = evidence_published();
    let ld = json_ld(&site.read("articles/money/index.html"));
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Money");
    assert_eq!(ld["datePublished"], "2026-01-10");
    // The correction dates the page it corrects.
    assert_eq!(ld["dateModified"], "2026-01-12");
    assert_eq!(ld["url"], "https://example.org/articles/money/");
    let corrections = ld["correction"].as_array().expect("its correction");
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0]["@type"], "CorrectionComment");
    assert_eq!(corrections[0]["datePublished"], "2026-01-12");
    assert!(corrections[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("We had said the contract was worth $3 million."));

    let full = build("full");
    let ld = json_ld(&full.read("articles/second/index.html"));
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["datePublished"], "2026-02-01T09:30:00+02:00");
    assert_eq!(ld["dateModified"], "2026-03-01");
    assert_eq!(ld["author"][0]["name"], "The Fixture Desk");
    assert!(ld.get("correction").is_none());

    let home = json_ld(&full.read("index.html"));
    assert_eq!(home["@type"], "WebSite");
}

#[test]
fn the_fact_index_is_a_dataset() {
    let site = build("evidence");
    let ld = json_ld(&site.read("facts/index.html"));
    assert_eq!(ld["@type"], "Dataset");
    assert_eq!(ld["url"], "https://example.org/facts/");
    assert!(ld["description"].as_str().is_some_and(|d| !d.is_empty()));
    let downloads: Vec<&str> = ld["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["contentUrl"].as_str().unwrap())
        .collect();
    assert_eq!(
        downloads,
        [
            "https://example.org/data/facts.json",
            "https://example.org/data/facts.csv"
        ]
    );
    for url in downloads {
        assert!(site.exists(url.trim_start_matches("https://example.org/")));
    }
}

#[test]
fn every_page_has_one_canonical_url_and_share_tags() {
    let site = build("evidence");
    for file in site.html_files() {
        let html = site.read(&file);
        if file == "404.html" || html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let path = file.trim_end_matches("index.html");
        let canonical = format!("<link rel=\"canonical\" href=\"https://example.org/{path}\">");
        assert_eq!(
            html.matches("rel=\"canonical\"").count(),
            1,
            "{file}: one canonical link"
        );
        assert!(html.contains(&canonical), "{file}: {canonical}");
        for tag in [
            "<meta property=\"og:title\" content=\"",
            "<meta property=\"og:image\" content=\"https://example.org/share.png\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            &format!("<meta property=\"og:url\" content=\"https://example.org/{path}\">"),
        ] {
            assert!(html.contains(tag), "{file}: {tag}");
        }
    }
    let timeline = site.read("timeline/index.html");
    assert!(timeline.contains("<meta property=\"og:title\" content=\"Timeline\">"));
    let not_found = site.read("404.html");
    assert!(!not_found.contains("rel=\"canonical\""));
    assert!(!not_found.contains("og:url"));
}

#[test]
fn the_share_image_is_a_1200_by_630_png() {
    let site = build("minimal");
    let png = site.bytes("share.png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1200, 630));
    assert!(site
        .read("index.html")
        .contains("<meta property=\"og:image:width\" content=\"1200\">"));
}

#[test]
fn precompressed_files_decompress_to_the_originals() {
    let site = evidence_compressed();
    let files = site.files();
    let text: Vec<&String> = files
        .iter()
        .filter(|f| casefile::publish::compress::is_text(f))
        .collect();
    assert!(text.len() > 20);
    for f in &text {
        let original = site.bytes(f);
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&site.bytes(&format!("{f}.gz"))[..])
            .read_to_end(&mut gz)
            .unwrap_or_else(|e| panic!("{f}.gz: {e}"));
        assert!(gz == original, "{f}.gz decompresses to {f}");
        let mut br = Vec::new();
        brotli::BrotliDecompress(&mut &site.bytes(&format!("{f}.br"))[..], &mut br)
            .unwrap_or_else(|e| panic!("{f}.br: {e}"));
        assert!(br == original, "{f}.br decompresses to {f}");
    }
    assert!(!site.exists("share.png.gz"), "images are not compressed");
    assert!(!site.exists("index.html.gz.gz"));
    assert_eq!(site.summary().files, files.len());

    let plain = build("evidence");
    assert!(
        !plain
            .files()
            .iter()
            .any(|f| f.ends_with(".gz") || f.ends_with(".br")),
        "nothing compressed unless the config asks"
    );
}

#[test]
fn two_builds_give_the_same_bytes_compressed_files_included() {
    let (tmp, root) = copy_fixture("evidence");
    append(
        &root,
        "casefile.toml",
        "\n[output]\nprecompress = [\"gzip\", \"brotli\"]\n",
    );
    let outs = [tmp.path().join("a"), tmp.path().join("b")];
    for (out, threads) in outs.iter().zip([1, 4]) {
        let opts = casefile::site::BuildOptions {
            output: Some(out.clone()),
            threads: Some(threads),
            ..casefile::site::BuildOptions::new(&root)
        };
        casefile::site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    }
    let (a, b) = (list_files(&outs[0]), list_files(&outs[1]));
    assert_eq!(a, b);
    assert!(a.iter().any(|f| f.ends_with(".br")) && a.iter().any(|f| f == "share.png"));
    for f in &a {
        let (x, y) = (
            std::fs::read(outs[0].join(f)).unwrap(),
            std::fs::read(outs[1].join(f)).unwrap(),
        );
        assert!(x == y, "{f} differs between two builds");
    }
}

#[test]
fn a_file_name_a_host_would_reject_is_an_error_at_the_file() {
    let site = build_fixture("minimal", Mode::Check, |opts| {
        std::fs::create_dir_all(opts.root.join("static/img")).unwrap();
        std::fs::write(opts.root.join("static/img/Chart 1.png"), b"png").unwrap();
        std::fs::write(opts.root.join("static/ok-file_2.v1.txt"), b"ok").unwrap();
    });
    let e = site.single_error();
    assert_eq!(e.file, "static/img/Chart 1.png");
    assert!(e.message.contains("has a space"), "{e}");
    assert!(e.help.as_deref().unwrap().contains("`chart-1.png`"), "{e}");
}

#[test]
fn the_publishing_config_is_strict() {
    let site = build_fixture("minimal", Mode::Check, |opts| {
        append(
            &opts.root,
            "casefile.toml",
            "\n[output]\nprecompress = [\"zstd\"]\n",
        );
    });
    let e = site.single_error();
    assert_eq!(e.file, "casefile.toml");
    assert!(e.line > 0, "{e}");
    assert!(e.message.contains("zstd"), "{e}");
}

//! The evidence model on the `evidence` fixture: sources, facts, the
//! timeline, lawsuits, people, the glossary and updates, asserted on the
//! pages a reader gets. Also the repository's own explainer, and quotes
//! that share or overlap passages of a source (`evidence_overlapping_quotes`).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use casefile::site::{self, BuildOptions};
use common::{assert_in_order, build, build_fixture, main_of, Mode};

/// A citation mark as an article shows it.
fn cite_ref(n: usize, id: &str) -> String {
    format!("<a class=\"cite-ref\" href=\"/facts/{id}/\" aria-describedby=\"note-{id}\">[{n}]</a>")
}

/// The part of `html` from `start` up to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?} in:\n{html}"))
        + from;
    &html[from..to]
}

/// The archived text of a source page.
fn source_text(html: &str) -> &str {
    let open = "<blockquote class=\"source-text\">";
    &between(html, open, "</blockquote>")[open.len()..]
}

/// Text with quote marks, dashes and whitespace folded the way a quote is
/// allowed to differ from its source: what a reader compares by eye.
fn fold(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A tag or a run of text of the archived text's HTML.
enum Piece<'a> {
    Open { name: &'a str, attrs: &'a str },
    Close(&'a str),
    Text(&'a str),
}

fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(tag) = rest.strip_prefix('<') {
            let end = tag.find('>').expect("unclosed tag");
            let inner = &tag[..end];
            if let Some(name) = inner.strip_prefix('/') {
                out.push(Piece::Close(name));
            } else {
                let (name, attrs) = inner.split_once(' ').unwrap_or((inner, ""));
                out.push(Piece::Open { name, attrs });
            }
            rest = &tag[end + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Piece::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let start = attrs.find(&key)? + key.len();
    let len = attrs[start..].find('"')?;
    Some(&attrs[start..start + len])
}

/// One highlighted passage of a fact on a source page: the anchors at its
/// start and its text, as the reader sees it (unescaped; paragraphs joined
/// with a space).
#[derive(Debug)]
struct Passage {
    anchors: Vec<String>,
    text: String,
}

/// The passages of the archived text highlighted for `fact`, in order.
/// Asserts on the way that the markup is valid: every tag is closed in the
/// order it was opened, and marks are never nested.
fn passages(source_html: &str, fact: &str) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    let mut covering = false; // inside a mark that highlights `fact`
    let mut current: Option<Passage> = None;
    for piece in pieces(source_text(source_html)) {
        match piece {
            Piece::Open { name, attrs } => {
                if name == "mark" {
                    assert!(
                        !open.contains(&"mark"),
                        "a mark inside a mark: {source_html}"
                    );
                    let facts = attr(attrs, "data-facts").expect("a mark names its facts");
                    covering = facts.split(' ').any(|f| f == fact);
                    if covering && current.is_none() {
                        current = Some(Passage {
                            anchors: Vec::new(),
                            text: String::new(),
                        });
                    }
                }
                if let (true, Some(p), Some(id)) = (covering, current.as_mut(), attr(attrs, "id")) {
                    if p.text.is_empty() {
                        p.anchors.push(id.to_string());
                    }
                }
                open.push(name);
            }
            Piece::Close(name) => {
                assert_eq!(
                    open.pop(),
                    Some(name),
                    "`</{name}>` closes another element: {source_html}"
                );
                if name == "mark" {
                    covering = false;
                }
            }
            Piece::Text(text) => match current.as_mut() {
                Some(p) if covering => p.text.push_str(&unescape(text)),
                // Between the paragraphs of one passage.
                Some(p) if text.trim().is_empty() => p.text.push(' '),
                Some(_) => out.extend(current.take()),
                None => {}
            },
        }
    }
    assert!(open.is_empty(), "unclosed {open:?}: {source_html}");
    out.extend(current);
    for p in &mut out {
        p.text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// The quote links of a fact page: `(quote as written, source page, anchor)`.
fn quote_links(fact_html: &str) -> Vec<(String, String, String)> {
    let main = main_of(fact_html);
    main.split("<blockquote class=\"quote\"><p>")
        .skip(1)
        .map(|q| {
            let text = unescape(&q[..q.find("</p>").unwrap()]);
            let href = between(q, "<a href=\"", "\">")["<a href=\"".len()..].to_string();
            let (page, anchor) = href.split_once('#').expect("a quote links to its passage");
            (text, page.to_string(), anchor.to_string())
        })
        .collect()
}

/// Every quote link of every fact page lands on a highlighted passage of
/// that fact whose words are the quote's.
fn assert_quote_links_land_on_their_quotes(site: &common::Built, facts: &[&str]) {
    for fact in facts {
        let links = quote_links(&site.read(&format!("facts/{fact}/index.html")));
        assert!(!links.is_empty(), "{fact} shows its quotes");
        for (quote, page, anchor) in links {
            let source = site.read(&format!("{}index.html", page.trim_start_matches('/')));
            assert_eq!(
                source.matches(&format!("id=\"{anchor}\"")).count(),
                1,
                "{fact}: the anchor {anchor} is on {page} exactly once"
            );
            let found = passages(&source, fact);
            let passage = found
                .iter()
                .find(|p| p.anchors.contains(&anchor))
                .unwrap_or_else(|| {
                    panic!("{fact}: no passage starts at #{anchor} on {page}: {found:?}")
                });
            assert_eq!(
                fold(&passage.text),
                fold(&quote),
                "{fact}: #{anchor} on {page} highlights other words than the quote"
            );
        }
    }
}

const FACTS: [&str; 7] = [
    "contract-signed-monday",
    "audit-found-leaks",
    "contract-value",
    "payments-start",
    "old-price",
    "mayor-praises-deal",
    "critics-say-rushed",
];

#[test]
fn every_record_gets_its_page_and_nothing_warns() {
    let site = build("evidence");
    let summary = site.summary();
    assert!(summary.warnings.is_empty(), "{:#?}", summary.warnings);
    let mut expected: Vec<String> = [
        "404.html",
        "articles/background/index.html",
        "articles/index.html",
        "articles/money/index.html",
        "articles/the-contract/index.html",
        "facts/index.html",
        "facts/signed-monday/index.html",
        "facts/status/confirmed/index.html",
        "facts/status/disputed/index.html",
        "facts/status/reported/index.html",
        "facts/status/superseded/index.html",
        "facts/topics/money/index.html",
        "facts/topics/reactions/index.html",
        "facts/topics/the-contract/index.html",
        "glossary/index.html",
        "index.html",
        "lawsuits/index.html",
        "lawsuits/residents-v-water-board/index.html",
        "lawsuits/state-review/index.html",
        "people/index.html",
        "search/index.html",
        "sources/city-report/index.html",
        "sources/council-memo/index.html",
        "sources/index.html",
        "timeline/index.html",
        "updates/index.html",
    ]
    .map(String::from)
    .into();
    expected.extend(FACTS.map(|f| format!("facts/{f}/index.html")));
    expected.sort();
    assert_eq!(site.html_files(), expected);
    // The header leads to the home page, the sections and the main evidence
    // pages, with short names; the footer's site map to every evidence page.
    let home = site.read("index.html");
    let nav = between(&home, "<nav aria-label=\"Main\">", "</nav>");
    assert_in_order(
        nav,
        &[
            "<li><a href=\"/\" aria-current=\"page\">Home</a></li>",
            "<li><a href=\"/articles/\">Articles</a></li>",
            "<li><a href=\"/timeline/\">Timeline</a></li>",
            "<li><a href=\"/lawsuits/\">Lawsuits</a></li>",
            "<li><a href=\"/facts/\">Facts</a></li>",
            "<li><a href=\"/sources/\">Sources</a></li>",
            "<li><a href=\"/updates/\">Updates</a></li>",
        ],
    );
    let map = between(&home, "<nav class=\"site-map\"", "</nav>");
    assert_in_order(
        map,
        &[
            "<li><a href=\"/articles/\">Articles</a>",
            "<li><a href=\"/timeline/\">Timeline</a></li>",
            "<li><a href=\"/lawsuits/\">Lawsuits</a></li>",
            "<li><a href=\"/facts/\">Fact index</a></li>",
            "<li><a href=\"/sources/\">Sources</a></li>",
            "<li><a href=\"/people/\">People and organizations</a></li>",
            "<li><a href=\"/glossary/\">Glossary</a></li>",
            "<li><a href=\"/updates/\">Updates and corrections</a></li>",
        ],
    );
}

#[test]
fn citations_are_numbered_by_first_use_and_link_to_the_fact() {
    let site = build("evidence");
    let html = site.read("articles/the-contract/index.html");
    let main = main_of(&html);
    // `[@signed-monday]` is an alias: the mark links to the fact's own id.
    // `[@contract-value; @contract-signed-monday]` is one mark per fact, and
    // a fact cited again keeps its first number.
    let one = cite_ref(1, "contract-signed-monday");
    let two = cite_ref(2, "contract-value");
    let three = cite_ref(3, "audit-found-leaks");
    assert_in_order(
        main,
        &[
            &format!("on Monday.<sup>{one}</sup>"),
            &format!("over five years.<sup>{two}{one}</sup>"),
            &format!("old pipes.<sup>{three}</sup>"),
        ],
    );
    assert!(
        !main.contains("/facts/signed-monday/"),
        "no link to the alias"
    );
    assert!(!main.contains("[@"), "no citation left as text: {main}");
    assert!(!main.contains("[4]"), "three facts, three numbers");
}

#[test]
fn a_page_lists_its_sources_in_citation_order() {
    let site = build("evidence");
    let html = site.read("articles/the-contract/index.html");
    let list = between(&html, "<section class=\"citations\"", "</section>");
    // Folded under its heading, which says how many.
    assert!(list.contains("<details>\n<summary><h2 id=\"citations-title\">Sources for this page (3)</h2></summary>"), "{list}");
    // Each fact once, numbered like its marks, with its statement, who says
    // so, its quotes, and links to the passages in the archived sources.
    assert_eq!(list.matches("<li id=\"note-").count(), 3, "{list}");
    // The sources are named once, in order of first use; as there are
    // several, each quote names its own after its link.
    assert_in_order(
        list,
        &[
            "<p class=\"quoted-from\">Quotes are from: <a href=\"/sources/city-report/\">News report on the city’s water contract</a>; <a href=\"/sources/council-memo/\">Council memo on the water contract</a></p>",
            "<li id=\"note-contract-signed-monday\"><p><a href=\"/facts/contract-signed-monday/\">The Water Board signed the contract on Monday.</a> <span class=\"attribution\">(according to the news report)</span></p>",
            "<a href=\"/sources/city-report/#q-contract-signed-monday\">See it in the source</a>: News report on the city’s water contract</footer>",
            "<li id=\"note-contract-value\">",
            "<a href=\"/sources/city-report/#q-contract-value\">",
            "<blockquote class=\"quote\"><p>The contract’s value is $2 million.</p><footer><a href=\"/sources/council-memo/#q-contract-value\">See it in the source</a>: Council memo on the water contract</footer>",
            "<li id=\"note-audit-found-leaks\">",
            "<a href=\"/sources/council-memo/#q-audit-found-leaks\">",
        ],
    );
    // A page without citations has no such list.
    let background = site.read("articles/background/index.html");
    assert!(!background.contains("class=\"citations\""));
}

#[test]
fn the_citation_script_is_only_on_pages_with_citations() {
    let site = build("evidence");
    let script = "<script src=\"/casefile.js\" defer></script>";
    for page in [
        "articles/the-contract/index.html",
        "articles/money/index.html",
    ] {
        assert_eq!(site.read(page).matches(script).count(), 1, "{page}");
    }
    for page in [
        "index.html",
        "articles/index.html",
        "articles/background/index.html",
        "facts/index.html",
        "facts/contract-value/index.html",
        "sources/city-report/index.html",
        "timeline/index.html",
    ] {
        assert!(!site.read(page).contains("casefile.js"), "{page}");
    }
    assert!(site.exists("casefile.js"));
}

#[test]
fn a_glossary_term_is_explained_at_its_first_use_on_each_page() {
    let site = build("evidence");
    let epa = "<a class=\"term\" href=\"/glossary/#epa\"><abbr title=\"Environmental Protection Agency\">EPA</abbr></a>";
    let html = site.read("articles/the-contract/index.html");
    let main = main_of(&html);
    // Not in the heading, nor in the table of contents.
    assert!(main.contains("<h2 id=\"what-the-epa-said\">What the EPA said</h2>"));
    assert!(main.contains("<li><a href=\"#what-the-epa-said\">What the EPA said</a></li>"));
    // The first use in text, once, spelt out in words where a phone shows
    // them; the next use and the link text are plain.
    assert_eq!(main.matches("<abbr").count(), 1, "{main}");
    assert!(
        main.contains(&format!(
            "<p>The {epa}<span class=\"expansion\"> (Environmental Protection Agency)</span> has not commented. The EPA may review the <a class=\"term\" href=\"/glossary/#tender\">tender</a> later. See <a href=\"https://epa.example.gov/water\" rel=\"noopener noreferrer\">EPA guidance</a>.</p>"
        )),
        "{main}"
    );
    // A term without an expansion links without <abbr>; the link text of
    // `[what a tender is](@term/tender)` is not marked again.
    assert_eq!(main.matches("class=\"term\"").count(), 2, "{main}");
    assert!(main.contains("<a href=\"/glossary/#tender\">what a tender is</a>"));
    // Every page starts over.
    let money = site.read("articles/money/index.html");
    assert_eq!(main_of(&money).matches(epa).count(), 1);
    assert!(main_of(&money).contains(&format!(
        "<p>The {epa}<span class=\"expansion\"> (Environmental Protection Agency)</span> reviewed none of this."
    )));
    assert_eq!(main_of(&money).matches("class=\"expansion\"").count(), 1);
}

#[test]
fn record_links_lead_to_their_records() {
    let site = build("evidence");
    let html = site.read("articles/the-contract/index.html");
    assert!(
        main_of(&html).contains(
            "<p>Read <a href=\"/people/#jane-doe\">what the mayor said</a>, <a href=\"/sources/city-report/\">the news report</a>, <a href=\"/facts/contract-value/\">the fact about the value</a>, <a href=\"/glossary/#tender\">what a tender is</a>, <a href=\"/lawsuits/residents-v-water-board/\">the lawsuit</a> and <a href=\"/timeline/#contract-signed\">when it was signed</a>.</p>"
        ),
        "{}",
        main_of(&html)
    );
    // The anchors exist where the links go.
    assert!(site
        .read("people/index.html")
        .contains("<section class=\"person\" id=\"jane-doe\""));
    assert!(site
        .read("glossary/index.html")
        .contains("<dt id=\"tender\">tender</dt>"));
    assert!(site
        .read("timeline/index.html")
        .contains("<li id=\"contract-signed\" class=\"event undated\">"));
}

#[test]
fn table_alignment_uses_classes_not_inline_styles() {
    let site = build("evidence");
    let html = site.read("articles/the-contract/index.html");
    let main = main_of(&html);
    assert!(
        main.contains(
            "<tr><th class=\"align-left\">Item</th><th class=\"align-right\">Amount</th></tr>"
        ),
        "{main}"
    );
    assert!(main.contains("<td class=\"align-right\">$2 million</td>"));
    assert!(!html.contains("style="), "{main}");
}

#[test]
fn the_fact_index_groups_facts_by_topic_with_filters() {
    let site = build("evidence");
    let html = site.read("facts/index.html");
    let main = main_of(&html);
    assert!(html.contains("<title>Fact index · Evidence Fixture</title>"));
    // Filters with counts: a fact with an extra topic counts there too
    // (Money: three facts of its own and the audit).
    assert!(main.contains(
        "<ul><li><a href=\"/facts/topics/the-contract/\">The contract</a> (2)</li><li><a href=\"/facts/topics/money/\">Money</a> (4)</li><li><a href=\"/facts/topics/reactions/\">Reactions</a> (2)</li></ul>"
    ), "{main}");
    assert!(main.contains(
        "<ul><li><a href=\"/facts/status/reported/\">Reported</a> (4)</li><li><a href=\"/facts/status/confirmed/\">Confirmed</a> (1)</li><li><a href=\"/facts/status/disputed/\">Disputed</a> (1)</li><li><a href=\"/facts/status/superseded/\">Superseded</a> (1)</li></ul>"
    ), "{main}");
    // Topics by weight (the one without a weight last, titled from its
    // file name), facts in file order, each with its anchor, once.
    assert_in_order(
        main,
        &[
            "<h2 id=\"group-the-contract\"><a href=\"/facts/topics/the-contract/\">The contract</a></h2>",
            "<li class=\"status-reported\" id=\"contract-signed-monday\">",
            "<li class=\"status-disputed\" id=\"audit-found-leaks\">",
            "<h2 id=\"group-money\"><a href=\"/facts/topics/money/\">Money</a></h2>",
            "<li class=\"status-confirmed\" id=\"contract-value\">",
            "<li class=\"status-reported\" id=\"payments-start\">",
            "<li class=\"status-superseded\" id=\"old-price\">",
            "<h2 id=\"group-reactions\"><a href=\"/facts/topics/reactions/\">Reactions</a></h2>",
            "<li class=\"status-reported\" id=\"mayor-praises-deal\">",
            "<li class=\"status-reported\" id=\"critics-say-rushed\">",
        ],
    );
    for fact in FACTS {
        assert_eq!(
            main.matches(&format!(" id=\"{fact}\"")).count(),
            1,
            "{fact}: {main}"
        );
        // The statement links to the fact's page.
        assert!(main.contains(&format!(" id=\"{fact}\"><a href=\"/facts/{fact}/\">")));
    }
    // Every fact page links back to its anchor on the index.
    assert!(site
        .read("facts/payments-start/index.html")
        .contains("<a href=\"/facts/#payments-start\">Fact index</a>"));
}

#[test]
fn topic_and_status_pages_list_their_facts() {
    let site = build("evidence");
    let money = site.read("facts/topics/money/index.html");
    let main = main_of(&money);
    assert!(main.contains("<h1>Facts: Money</h1>"));
    assert!(main.contains("<a href=\"/facts/topics/money/\" aria-current=\"page\">Money</a> (4)"));
    assert_eq!(main.matches("<article class=\"fact").count(), 4, "{main}");
    // The audit's own topic is "The contract"; it is listed here too.
    for fact in [
        "audit-found-leaks",
        "contract-value",
        "payments-start",
        "old-price",
    ] {
        assert!(main.contains(&format!(" id=\"{fact}\">")), "{fact}: {main}");
    }
    let reactions = site.read("facts/topics/reactions/index.html");
    assert!(main_of(&reactions).contains("<h1>Facts: Reactions</h1>"));
    assert_eq!(
        main_of(&reactions).matches("<article class=\"fact").count(),
        2
    );

    for (status, facts) in [
        (
            "reported",
            &[
                "contract-signed-monday",
                "payments-start",
                "mayor-praises-deal",
                "critics-say-rushed",
            ][..],
        ),
        ("confirmed", &["contract-value"][..]),
        ("disputed", &["audit-found-leaks"][..]),
        ("superseded", &["old-price"][..]),
    ] {
        let html = site.read(&format!("facts/status/{status}/index.html"));
        let main = main_of(&html);
        assert_eq!(
            main.matches("<li class=\"status-").count(),
            facts.len(),
            "{status}: {main}"
        );
        // Every fact is listed: statement, status and who says so; the
        // quotes are on its own page.
        assert_eq!(
            main.matches(&format!("<li class=\"status-{status}\""))
                .count(),
            facts.len(),
            "{status}: {main}"
        );
        for fact in facts {
            assert!(main.contains(&format!(" id=\"{fact}\">")), "{fact}: {main}");
        }
        assert!(main.contains(&format!(
            "<a href=\"/facts/status/{status}/\" aria-current=\"page\">"
        )));
    }
}

#[test]
fn a_fact_page_shows_its_quotes_status_date_and_everything_citing_it() {
    let site = build("evidence");
    let html = site.read("facts/contract-value/index.html");
    let main = main_of(&html);
    assert!(html
        .contains("<link rel=\"canonical\" href=\"https://example.org/facts/contract-value/\">"));
    assert!(main.contains(
        "<h1 class=\"statement\">The contract is worth $2 million over five years.</h1>"
    ));
    assert!(main.contains(
        "<dt>Who says so</dt><dd>according to the city’s budget office and a council memo</dd>"
    ));
    assert!(main.contains("<dt>Status</dt><dd><a href=\"/facts/status/confirmed/\">Confirmed</a>: several independent sources"));
    assert!(
        main.contains("<dt>When</dt><dd><time datetime=\"2025-06-16\">June 16, 2025</time></dd>")
    );
    assert!(main.contains("<dt>Topic</dt><dd><a href=\"/facts/topics/money/\">Money</a></dd>"));
    // Both quotes, as written in the fact, each linking to its passage.
    assert_eq!(
        quote_links(&html),
        [
            (
                "The contract is worth $2 million-over five years,\nfrom 2025-2030-according to the city's budget office".to_string(),
                "/sources/city-report/".to_string(),
                "q-contract-value".to_string()
            ),
            (
                "The contract’s value is $2 million.".to_string(),
                "/sources/council-memo/".to_string(),
                "q-contract-value".to_string()
            ),
        ]
    );
    // Cited by two articles, an event, a lawsuit and a correction.
    let cited = between(main, "<h2>Cited in</h2>", "</ul>");
    for link in [
        "<li>Page: <a href=\"/articles/the-contract/\">The contract</a></li>",
        "<li>Page: <a href=\"/articles/money/\">Money</a></li>",
        "<li>Timeline: <a href=\"/timeline/#value-set\">The value is set</a></li>",
        "<li>Lawsuit: <a href=\"/lawsuits/state-review/\">A state review of the contract</a></li>",
        "<li>Update: <a href=\"/updates/#2026-01-12-price-correction\">Correction January 12, 2026</a></li>",
    ] {
        assert!(cited.contains(link), "{link}: {cited}");
    }
    assert_eq!(cited.matches("<li>").count(), 5, "{cited}");
    // The correction that changed it, and the fact it replaces.
    assert!(main.contains("<h2>Updates and corrections</h2><ul><li><a href=\"/updates/#2026-01-12-price-correction\">Correction, January 12, 2026</a></li></ul>"));
    assert!(main.contains("<h2>Replaces</h2><ul><li><a href=\"/facts/old-price/\">An earlier draft put the price at $3 million.</a></li></ul>"));

    // People it concerns; the quote's markup is text, not HTML.
    let signed = site.read("facts/contract-signed-monday/index.html");
    assert!(signed.contains("<dt>People and organizations</dt><dd><a href=\"/people/#water-board\">The Water Board</a></dd>"));
    let critics = site.read("facts/critics-say-rushed/index.html");
    assert!(critics.contains("<p>the deal was rushed &amp; &lt;unfair&gt; to small bidders</p>"));
    assert!(!critics.contains("<unfair>"));
    assert!(critics.contains("<li>Lawsuit: <a href=\"/lawsuits/residents-v-water-board/\">Residents’ suit against the Water Board</a></li>"));
    assert!(critics
        .contains("<li>Timeline: <a href=\"/timeline/#critics-object\">Critics object</a></li>"));
}

#[test]
fn words_for_when_stay_words_and_dates_keep_their_precision() {
    let site = build("evidence");
    // "Monday" is the source's word: shown as such, never as a date.
    let monday = "“Monday” (exact date not reported)";
    let fact = site.read("facts/contract-signed-monday/index.html");
    let when = between(&fact, "<dt>When</dt>", "</dd>");
    assert_eq!(when, format!("<dt>When</dt><dd>{monday}"));
    let index = site.read("facts/index.html");
    assert!(index.contains(&format!("<span class=\"when\">{monday}</span>")));
    let timeline = site.read("timeline/index.html");
    assert!(timeline.contains(
        "<h2 id=\"when-2\" class=\"when-label\">“Monday” <span class=\"note\">(exact date not reported)</span></h2>"
    ));
    let event = between(&timeline, "<li id=\"contract-signed\"", "</li>");
    assert!(!event.contains("<time"), "{event}");
    let card = between(&index, "id=\"contract-signed-monday\"", "</li>");
    assert!(!card.contains("<time"), "{card}");
    assert!(!between(&fact, "<dl class=\"fact-details\">", "</dl>").contains("<time"));

    // A day, a month and a year, each as precise as the source gives.
    for (fact, iso, words) in [
        ("contract-value", "2025-06-16", "June 16, 2025"),
        ("payments-start", "2025-09", "September 2025"),
        ("audit-found-leaks", "2024", "2024"),
    ] {
        let html = site.read(&format!("facts/{fact}/index.html"));
        assert!(
            html.contains(&format!(
                "<dt>When</dt><dd><time datetime=\"{iso}\">{words}</time></dd>"
            )),
            "{fact}: {}",
            main_of(&html)
        );
    }
    // A fact with no date and no words for it has no "When" at all.
    assert!(!site
        .read("facts/old-price/index.html")
        .contains("<dt>When</dt>"));
}

#[test]
fn a_superseded_fact_points_to_its_successor() {
    let site = build("evidence");
    let html = site.read("facts/old-price/index.html");
    let main = main_of(&html);
    assert!(main.contains("<div class=\"fact-page status-superseded\">"));
    assert!(main.contains(
        "<a href=\"/facts/status/superseded/\">Superseded</a>: a later fact replaces it."
    ));
    assert!(main.contains("<p class=\"superseded\">Replaced by: <a href=\"/facts/contract-value/\">The contract is worth $2 million over five years.</a></p>"));
    // It stays on the index, with the same pointer.
    let index = site.read("facts/index.html");
    let card = between(&index, "id=\"old-price\"", "</li>");
    assert!(card.contains("Replaced by: <a href=\"/facts/contract-value/\">"));
}

#[test]
fn an_earlier_id_redirects_to_the_fact() {
    let site = build("evidence");
    let html = site.read("facts/signed-monday/index.html");
    assert!(html.contains(
        "<meta http-equiv=\"refresh\" content=\"0; url=/facts/contract-signed-monday/\">"
    ));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(html.contains(
        "<a href=\"/facts/contract-signed-monday/\">The Water Board signed the contract on Monday.</a>"
    ));
    // The fact lists its earlier id; no other page links to the alias.
    assert!(site
        .read("facts/contract-signed-monday/index.html")
        .contains("<p class=\"aliases\">Earlier links: <code>signed-monday</code></p>"));
    for page in site.html_files() {
        assert!(
            !site.read(&page).contains("href=\"/facts/signed-monday/\""),
            "{page}"
        );
    }
}

#[test]
fn a_source_page_shows_its_record_and_marks_every_quoted_passage() {
    let site = build("evidence");
    let html = site.read("sources/city-report/index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>News report on the city’s water contract</h1>"));
    assert_in_order(
        main,
        &[
            "<dt>Publisher or kind of document</dt><dd>News report</dd>",
            "<dt>Reporting</dt><dd>The Example Wire</dd>",
            "<dt>Date of the document</dt><dd>June 17, 2025</dd>",
            "<dt>Address</dt><dd><a href=\"https://news.example.com/water-contract\" rel=\"noopener noreferrer\">https://news.example.com/water-contract</a></dd>",
            "<dt>Archived</dt><dd>January 5, 2026</dd>",
        ],
    );
    assert!(
        !main.contains("only the passages we rely on"),
        "not an excerpt"
    );
    // Each passage in a mark that carries the fact's anchor, with the
    // source's own words: curly quotes and dashes where the facts have
    // straight ones, one line break where a quote has a space.
    for (fact, words) in [
        (
            "contract-signed-monday",
            "The Water Board signed a contract on Monday with Clearwater Ltd. to supply “clean water for every home”",
        ),
        (
            "contract-value",
            "The contract is worth $2 million—over five years, from 2025–2030—according to the city’s budget office",
        ),
        ("payments-start", "Payments start in September 2025"),
        ("old-price", "An earlier draft had put the price at $3 million."),
        (
            "mayor-praises-deal",
            "“This is the best contract the city has signed in a decade,” she said.",
        ),
        ("critics-say-rushed", "the deal was rushed & <unfair> to small bidders"),
    ] {
        let found = passages(&html, fact);
        assert_eq!(found.len(), 1, "{fact}: {found:?}");
        assert_eq!(found[0].text, words, "{fact}");
        assert_eq!(found[0].anchors, [format!("q-{fact}")], "{fact}");
        assert_eq!(html.matches(&format!("id=\"q-{fact}\"")).count(), 1, "{fact}");
    }
    assert!(main.contains("<mark data-facts=\"contract-value\" id=\"q-contract-value\">The contract is worth $2 million—over five years, from 2025–2030—according to the city’s budget office</mark>."));
    // The text is escaped; the words around the passages are there too.
    assert!(main.contains("<p>Critics say <mark data-facts=\"critics-say-rushed\" id=\"q-critics-say-rushed\">the deal was rushed &amp; &lt;unfair&gt; to small bidders</mark>.</p>"));
    assert!(main.contains("</mark> in the city.</p>"));
    // The facts quoting it link to their pages.
    let facts = between(main, "<ul class=\"source-facts\">", "</ul>");
    assert_eq!(facts.matches("<li>").count(), 6, "{facts}");
    assert!(facts.contains("<li><a href=\"/facts/mayor-praises-deal/\">Mayor Jane Doe called it the best contract the city has signed in a decade.</a></li>"));

    assert_quote_links_land_on_their_quotes(&site, &FACTS);
}

#[test]
fn an_undated_excerpt_without_an_address_says_so() {
    let site = build("evidence");
    let html = site.read("sources/council-memo/index.html");
    let main = main_of(&html);
    assert_in_order(
        main,
        &[
            "<dt>Publisher or kind of document</dt><dd>Internal memo</dd>",
            "<dt>Reporting</dt><dd>Not reported in our sources</dd>",
            "<dt>Date of the document</dt><dd>Undated</dd>",
            "<dt>Address</dt><dd>Not reported in our sources</dd>",
            "<dt>Archived</dt><dd>January 6, 2026</dd>",
        ],
    );
    assert!(main.contains("<p class=\"note\">This record holds only the passages we rely on, not the whole document.</p>"));
    // A straight apostrophe in the source, a curly one in the fact.
    let found = passages(&html, "contract-value");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "The contract's value is $2 million.");

    let list = site.read("sources/index.html");
    assert_in_order(
        main_of(&list),
        &[
            "<a href=\"/sources/city-report/\">News report on the city’s water contract</a></h2>",
            "<p class=\"meta\">News report · Reporting: The Example Wire · June 17, 2025 · 6 facts</p>",
            "<a href=\"/sources/council-memo/\">Council memo on the water contract</a></h2>",
            "<p class=\"meta\">Internal memo · Undated · 2 facts</p>",
        ],
    );
}

#[test]
fn the_timeline_keeps_the_file_order_and_says_when_a_date_is_not_reported() {
    let site = build("evidence");
    let html = site.read("timeline/index.html");
    let main = main_of(&html);
    // Events keep the file's order, under headings that say what the
    // source says about their time: a date, its words, or nothing.
    assert_in_order(
        main,
        &[
            "<h2 id=\"when-1\" class=\"when-label\"><time datetime=\"2024\">2024</time></h2>",
            "<li id=\"audit\" class=\"event\">",
            "<h3>An audit finds leaks</h3>",
            "<h2 id=\"when-2\" class=\"when-label\">“Monday” <span class=\"note\">(exact date not reported)</span></h2>",
            "<li id=\"contract-signed\" class=\"event undated\">",
            "<h3>The Water Board signs the contract</h3>\n<p>The report gives the day only as “Monday”.</p>",
            "<h2 id=\"when-3\" class=\"when-label\"><time datetime=\"2025-06-16\">June 16, 2025</time></h2>",
            "<li id=\"value-set\" class=\"event\">",
            "<h2 id=\"when-4\" class=\"when-label\">Date not reported</h2>",
            "<li id=\"critics-object\" class=\"event undated\">",
            "<h3>Critics object</h3>\n<p>Critics say the deal was <em>rushed</em>.</p>",
            "<h2 id=\"when-5\" class=\"when-label\"><time datetime=\"2025-09\">September 2025</time></h2>",
            "<li id=\"payments-begin\" class=\"event\">",
        ],
    );
    // Two events of five have no date: the page says so, in numbers.
    assert!(
        main.contains("Our sources give no calendar date for 2 of these 5 events."),
        "{main}"
    );
    assert_eq!(main.matches("<li id=").count(), 5);
    // Each event links the facts it rests on.
    let event = between(main, "<li id=\"critics-object\"", "</li>");
    assert!(event.contains("<a href=\"/facts/critics-say-rushed/\">Critics say the deal was rushed and unfair to small bidders.</a>"));
}

#[test]
fn the_lawsuit_tracker_marks_what_our_sources_do_not_report() {
    let site = build("evidence");
    let html = site.read("lawsuits/index.html");
    let main = main_of(&html);
    let rows: Vec<&str> = between(main, "<tbody>", "</tbody>")
        .split("<tr>")
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 2, "{main}");
    assert!(rows[0].starts_with("<th scope=\"row\"><a href=\"/lawsuits/residents-v-water-board/\">Residents’ suit against the Water Board</a></th>"));
    assert!(rows[0].contains("<td data-label=\"Court\">Example County Superior Court</td><td data-label=\"Filed\">July 1, 2025</td><td data-label=\"Laws invoked\">The state procurement law</td><td data-label=\"Status\">Pending</td>"), "{}", rows[0]);
    assert!(!rows[0].contains("Not reported"));
    assert!(rows[1].starts_with("<th scope=\"row\"><a href=\"/lawsuits/state-review/\">A state review of the contract</a></th>"));
    assert_eq!(
        rows[1]
            .matches("\"><span class=\"not-reported\">Not reported in our sources</span></td>")
            .count(),
        4,
        "{}",
        rows[1]
    );

    let full = site.read("lawsuits/residents-v-water-board/index.html");
    let main = main_of(&full);
    assert_in_order(
        main,
        &[
            "<dt>Case name</dt><dd>Residents for Fair Bidding v. Water Board</dd>",
            "<dt>Court</dt><dd>Example County Superior Court</dd>",
            "<dt>Docket number</dt><dd>CV-2025-0142</dd>",
            "<dt>Filed</dt><dd>July 1, 2025</dd>",
            "<dt>Who sued</dt><dd>Residents for Fair Bidding</dd>",
            "<dt>Who was sued</dt><dd>The Water Board</dd>",
            "<dt>Laws invoked</dt><dd>The state procurement law</dd>",
            "<dt>Status</dt><dd>Pending</dd>",
            "<dt>Latest development</dt><dd>A hearing is scheduled.</dd>",
            "<dt>Court documents</dt><dd><ul><li><a href=\"/sources/council-memo/\">Council memo on the water contract</a></li></ul></dd>",
            "<h2>Based on</h2>",
            "<article class=\"fact status-reported\" id=\"critics-say-rushed\">",
        ],
    );
    assert!(!main.contains("Not reported"));
    let unknown = site.read("lawsuits/state-review/index.html");
    assert_eq!(
        main_of(&unknown)
            .matches("<dd><span class=\"not-reported\">Not reported in our sources</span></dd>")
            .count(),
        9
    );
    assert!(main_of(&unknown)
        .contains("<dt>Court documents</dt><dd>We hold no court documents yet.</dd>"));
}

#[test]
fn people_and_glossary_pages_describe_every_entry() {
    let site = build("evidence");
    let people = site.read("people/index.html");
    assert_in_order(
        main_of(&people),
        &[
            "<h2 id=\"jane-doe-name\">Jane Doe</h2>\n<p class=\"meta\">Person · Role: Mayor</p>",
            "<li><a href=\"/facts/mayor-praises-deal/\">",
            "<h2 id=\"water-board-name\">The Water Board</h2>\n<p class=\"meta\">Organization · Role: The city agency that signed the contract</p>",
            "<li><a href=\"/facts/contract-signed-monday/\">",
        ],
    );
    let glossary = site.read("glossary/index.html");
    assert_in_order(
        main_of(&glossary),
        &[
            "<dt id=\"epa\">EPA <span class=\"expansion\">(Environmental Protection Agency)</span></dt>\n<dd>The federal agency that sets drinking water standards.</dd>",
            "<dt id=\"tender\">tender</dt>\n<dd>A formal invitation to bid for a contract.</dd>",
        ],
    );
}

#[test]
fn updates_are_logged_and_a_corrected_page_says_so() {
    let site = build("evidence");
    let html = site.read("updates/index.html");
    let main = main_of(&html);
    // Newest first.
    assert_in_order(
        main,
        &[
            "<li id=\"2026-01-12-price-correction\" class=\"update-correction\">\n<h2>Correction, <time datetime=\"2026-01-12\">January 12, 2026</time></h2>",
            "<p>Pages changed: <a href=\"/articles/money/\">Money</a></p>",
            "<li><a href=\"/facts/contract-value/\">The contract is worth $2 million over five years.</a></li>",
            "<li id=\"2026-01-10-published\" class=\"update-update\">\n<h2>Update, <time datetime=\"2026-01-10T09:00:00-05:00\">January 10, 2026</time></h2>",
            "<p>Pages changed: <a href=\"/\">Evidence Fixture</a>, <a href=\"/articles/the-contract/\">The contract</a>, <a href=\"/articles/money/\">Money</a></p>",
        ],
    );

    // The corrected page says so at the top and shows the correction.
    let money = site.read("articles/money/index.html");
    let main = main_of(&money);
    assert_in_order(
        main,
        &[
            "<h1>Money</h1>",
            " · <a class=\"corrected\" href=\"#page-updates\">This page has been corrected.</a></p>",
            "<section class=\"page-updates\" id=\"page-updates\"",
            "<li class=\"update-correction\"><p><strong>Correction</strong>, <time datetime=\"2026-01-12\">January 12, 2026</time></p><p>We had said the contract was worth $3 million. It is worth $2 million; $3 million was the price in an earlier draft.</p>",
            "<li class=\"update-update\"><p><strong>Update</strong>, <time datetime=\"2026-01-10T09:00:00-05:00\">",
        ],
    );
    // A page with an update but no correction shows the update only.
    let contract = site.read("articles/the-contract/index.html");
    assert!(!contract.contains("class=\"corrected\""));
    assert!(contract.contains("<li class=\"update-update\"><p><strong>Update</strong>"));
    assert!(!contract.contains("update-correction"));
    // A page no update names shows none.
    assert!(!site
        .read("articles/background/index.html")
        .contains("page-updates"));
}

#[test]
fn shared_and_overlapping_quotes_are_marked_with_valid_html() {
    let site = build("evidence_overlapping_quotes");
    assert!(site.summary().warnings.is_empty());
    let html = site.read("sources/minutes/index.html");
    let text = source_text(&html);
    assert_eq!(
        text.matches("<mark ").count(),
        text.matches("</mark>").count(),
        "{text}"
    );
    let sentence =
        "The board met on Tuesday and approved the budget for the new year, after a long debate.";
    for (fact, expected) in [
        ("met-tuesday", &["The board met on Tuesday"][..]),
        ("met-tuesday-again", &["The board met on Tuesday"][..]),
        (
            "approved-budget",
            &["on Tuesday and approved the budget"][..],
        ),
        ("budget-new-year", &["the budget for the new year"][..]),
        ("whole-sentence", &[sentence][..]),
        (
            "two-passages",
            &["after a long debate", "The mayor said the budget was fair."][..],
        ),
    ] {
        // `passages` also checks that every element is closed in order.
        let found = passages(&html, fact);
        let words: Vec<&str> = found.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(words, expected, "{fact}: {text}");
    }
    // Every anchor of every quote is on the page once.
    let anchors = [
        "q-met-tuesday",
        "q-met-tuesday-again",
        "q-approved-budget",
        "q-budget-new-year",
        "q-whole-sentence",
        "q-two-passages",
        "q2-two-passages",
    ];
    for anchor in anchors {
        assert_eq!(
            text.matches(&format!("id=\"{anchor}\"")).count(),
            1,
            "{anchor}: {text}"
        );
    }
    let ids: BTreeSet<&str> = text
        .split("id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(ids, anchors.into_iter().collect(), "{text}");
}

#[test]
fn each_quote_link_lands_on_its_own_passage() {
    // `two-passages` cites its passages in the opposite order to the
    // source's text; each link must still land on its own words.
    let site = build("evidence_overlapping_quotes");
    assert_quote_links_land_on_their_quotes(
        &site,
        &[
            "met-tuesday",
            "met-tuesday-again",
            "approved-budget",
            "budget-new-year",
            "whole-sentence",
            "two-passages",
        ],
    );
}

/// The ids of the facts in the explainer's `content/facts/*.toml`.
fn explainer_fact_ids(root: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("content/facts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        // Translations (`the-data.es.toml`) hold the same ids.
        .filter(|p| {
            p.file_stem()
                .is_some_and(|s| !s.to_string_lossy().contains('.'))
        })
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for fact in table["fact"].as_array().expect("[[fact]] tables") {
            ids.push(fact["id"].as_str().expect("an id").to_string());
        }
    }
    ids
}

#[test]
fn the_explainer_builds_cleanly_with_a_page_for_every_fact() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = site::check(&BuildOptions::new(root))
        .unwrap_or_else(|f| panic!("the explainer has errors:\n{f}"));
    assert!(
        checked.warnings.is_empty(),
        "the explainer has warnings:\n{}",
        checked
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n\n")
    );

    let ids = explainer_fact_ids(root);
    assert!(ids.len() >= 40, "only {} facts", ids.len());
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "fact ids are unique");

    // A full build, into a temp dir (never into the repository's public/).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let built = site::build(&BuildOptions {
        output: Some(out.clone()),
        ..BuildOptions::new(root)
    })
    .unwrap_or_else(|f| panic!("{f}"));
    assert!(built.warnings.is_empty());
    assert_eq!(built.files, checked.files);
    let index = common::read(&out, "facts/index.html");
    for id in &ids {
        let page = common::read(&out, &format!("facts/{id}/index.html"));
        assert!(
            page.contains(&format!(
                "<link rel=\"canonical\" href=\"https://example.org/facts/{id}/\">"
            )),
            "{id}"
        );
        assert!(page.contains("<blockquote class=\"quote\">"), "{id}");
        assert!(
            index.contains(&format!(" id=\"{id}\">")),
            "{id} is on the fact index"
        );
    }
}

/// The fact index lists facts that share their first words as one run
/// (the shared words once, then what differs, each linking to its fact),
/// shows only statuses some fact has, and explains them in words; a fact
/// page's title is its statement, shortened.
#[test]
fn the_fact_index_reads_as_lists_and_explains_its_statuses() {
    let site = build_fixture("evidence", Mode::Build, |opts| {
        let file = opts.root.join("content/facts/money.toml");
        let mut text = std::fs::read_to_string(&file).unwrap();
        for (id, what, quote) in [
            ("budget-says-value", "value", "worth $2 million"),
            ("budget-says-term", "term", "over five years"),
            ("budget-says-years", "years", "from 2025"),
        ] {
            text.push_str(&format!(
                "\n[[fact]]\nid = \"{id}\"\nstatement = \"The city's budget office gave the contract's {what}.\"\nattribution = \"the report says\"\nsource = \"city-report\"\nquote = \"{quote}\"\n"
            ));
        }
        std::fs::write(file, text).unwrap();
        // No fact disputed any more: the status is not offered.
        for f in [
            "content/facts/reactions.toml",
            "content/facts/the-contract.toml",
        ] {
            let path = opts.root.join(f);
            let t = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, t.replace("status = \"disputed\"\n", "")).unwrap();
        }
    });
    site.summary();
    let index = site.read("facts/index.html");
    let main = main_of(&index);
    assert_in_order(
        main,
        &[
            "<li class=\"fact-run\"><p class=\"run-lead\">The city’s budget office gave the contract’s …</p>",
            "<a href=\"/facts/budget-says-value/\">value.</a>",
            "<a href=\"/facts/budget-says-term/\">term.</a>",
            "<a href=\"/facts/budget-says-years/\">years.</a>",
        ],
    );
    // Said once for the run: the three share status and attribution.
    let run = between(main, "<li class=\"fact-run\">", "</ul>\n");
    assert_eq!(run.matches("the report says").count(), 0, "{run}");
    // Statuses no fact has are not offered; those there are, explained.
    let filters = between(main, "<nav class=\"filters\"", "</nav>");
    assert!(
        filters.contains(">Confirmed</a>") && filters.contains(">Reported</a>"),
        "{filters}"
    );
    assert!(!filters.contains(">Disputed</a>"), "{filters}");
    assert!(main.contains("<dt>Confirmed</dt><dd>Several independent sources, or a primary document, support it.</dd>"), "{main}");
    let fact = site.read("facts/contract-signed-monday/index.html");
    assert!(
        fact.contains(
            "<title>The Water Board signed the contract on Monday. · Evidence Fixture</title>"
        ),
        "{fact}"
    );
}

/// The search manifest the build embedded in `dir`'s search page.
fn search_manifest(dir: &Path) -> serde_json::Value {
    let html = std::fs::read_to_string(dir.join("search/index.html")).expect("search page");
    let start = html.find("id=\"search-manifest\"").expect("manifest");
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..];
    let body = &body[..body.find("</script>").unwrap()];
    serde_json::from_str(body).expect("manifest JSON")
}

/// What the search script fetches to read a query (synonyms, names,
/// question words), with the manifest's `stem` added.
fn search_words(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("search/words.json")).expect("words.json");
    let mut words: serde_json::Value = serde_json::from_str(&text).expect("words JSON");
    words["stem"] = search_manifest(dir)["stem"].clone();
    words
}

#[test]
fn aliases_of_terms_and_people_and_synonyms_reach_the_search_script() {
    let (_tmp, root) = common::copy_fixture("evidence");
    let glossary = root.join("content/glossary.toml");
    let text = std::fs::read_to_string(&glossary).unwrap().replace(
        "definition = \"The federal agency that sets drinking water standards.\"",
        "definition = \"The federal agency that sets drinking water standards.\"\naliases = [\"Agencia de Protección Ambiental\", \"environment agency\"]",
    );
    std::fs::write(&glossary, text).unwrap();
    let config = root.join("casefile.toml");
    let mut c = std::fs::read_to_string(&config).unwrap();
    c.push_str("\n[search.synonyms]\n\"water bills\" = [\"tender\"]\n");
    std::fs::write(&config, c).unwrap();
    let out = root.join("public");
    let opts = BuildOptions {
        output: Some(out.clone()),
        ..BuildOptions::new(&root)
    };
    site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    let m = search_words(&out);
    // The term's names, folded, in one group with its record.
    let groups = m["names"].as_array().expect("names");
    let epa = groups
        .iter()
        .find(|g| g[1].as_array().unwrap().iter().any(|n| n == "epa"))
        .expect("the EPA's names");
    let names: Vec<&str> = epa[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "epa",
            "environmental protection agency",
            "agencia de proteccion ambiental",
            "environment agency"
        ]
    );
    // Synonym keys are stemmed ("bills" → "bill"), what they find folded.
    assert_eq!(m["syn"]["water bill"], serde_json::json!(["tender"]));
    assert_eq!(m["stem"], "en");
    assert!(m["qstop"]["en"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w == "what"));
    assert!(m["qstop"]["es"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w == "que"));
}

#[test]
fn an_empty_or_repeated_alias_is_an_error_at_its_line() {
    let (_tmp, root) = common::copy_fixture("evidence");
    let glossary = root.join("content/glossary.toml");
    let text = std::fs::read_to_string(&glossary).unwrap().replace(
        "definition = \"A formal invitation to bid for a contract.\"",
        "definition = \"A formal invitation to bid for a contract.\"\naliases = [\"bid\", \"—\", \"BID\", \"Tender\"]",
    );
    std::fs::write(&glossary, text).unwrap();
    let failure = site::check(&BuildOptions::new(&root)).expect_err("bad aliases");
    let errors: Vec<String> = failure.errors().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors[0].contains("an alias with no word in it"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("lists `BID` twice"), "{}", errors[1]);
    assert!(errors[2].contains("lists `Tender` twice"), "{}", errors[2]);
    assert!(
        errors.iter().all(|e| e.contains("content/glossary.toml:")),
        "{errors:#?}"
    );
}

#[test]
fn a_synonym_with_no_word_is_an_error() {
    let (_tmp, root) = common::copy_fixture("evidence");
    let config = root.join("casefile.toml");
    let mut c = std::fs::read_to_string(&config).unwrap();
    c.push_str("\n[search.synonyms]\nssn = [\"...\"]\n");
    std::fs::write(&config, c).unwrap();
    let failure = site::check(&BuildOptions::new(&root)).expect_err("bad synonym");
    let errors: Vec<String> = failure.errors().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("a synonym of `ssn`, `...`, holds no word"),
        "{}",
        errors[0]
    );
}

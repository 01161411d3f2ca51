//! Property tests of the parsers the fuzz targets (`fuzz/`) cover, small
//! enough to run with every `cargo test`: front matter, markdown, evidence
//! and quote matching never panic, and keep their promises on generated
//! input. The oracles are the fuzz targets' own (`tests/harness`).
//!
//! Each property runs 256 cases; a failure is shrunk and its seed saved
//! under `tests/proptest-regressions/` (commit that file with the fix).

#[path = "harness/mod.rs"]
mod harness;

use std::collections::BTreeMap;

use casefile::config::MarkdownConfig;
use casefile::diagnostics::SourceFile;
use casefile::evidence::quote::{cut_words, find, nearest, Folded};
use casefile::evidence::Evidence;
use casefile::front_matter::{self, PageFrontMatter};
use casefile::markdown::{self, Context};
use casefile::render::evidence::inline_html;
use proptest::prelude::*;
use proptest::sample::{select, Index};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Text made of pieces that mean something to the parser at hand, mixed
/// with arbitrary characters: random strings alone rarely reach past the
/// first check.
fn pieces(vocabulary: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => select(vocabulary).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z]{1,8}",
    ];
    prop::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

const FRONT_MATTER: &[&str] = &[
    "+++",
    "+++\n",
    "\n",
    "\r\n",
    "---\n",
    "\u{feff}",
    "title = ",
    "\"",
    "'''",
    "\"\"\"",
    "date = ",
    "2026-01-20",
    "T10:00:00Z",
    "draft = true",
    "weight = -3",
    "slug = ",
    "[taxonomies]",
    "topics = [\"a\", \"b\"]",
    "[extra]",
    "x.y = 1",
    "sort_by = \"date\"",
    "paginate_by = 0",
    "= ",
    "[",
    "]",
    "#",
    " ",
    "é",
    "\\u00e9",
];

const MARKDOWN: &[&str] = &[
    "\n",
    "\n\n",
    "# ",
    "## ",
    " {#id .c lang=es onclick=x}",
    "*",
    "_",
    "`",
    "```",
    "```rust\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "- [x] ",
    "| a | b |\n",
    "|:--|--:|\n",
    "[^n]",
    "[^n]: ",
    "[",
    "]",
    "(",
    ")",
    "](",
    "[@",
    "[@f-one]",
    "[@missing]",
    "@/a.md",
    "@/draft.md#x",
    "@fact/",
    "@source/s",
    "#",
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<![CDATA[",
    "<?",
    "<!",
    "<script>",
    "</script>",
    "<img src=x ",
    "<a href=",
    "<div ",
    "<svg ",
    "<iframe>",
    "<style>",
    "<details>",
    "<abbr title=\"",
    " onerror=alert(1)",
    " onclick=\"x()\"",
    " href=\"",
    " src='",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "&#106;",
    "&colon;",
    "data:",
    "vbscript:",
    "https://x.org/",
    "mailto:a@b.org",
    "\"",
    "'",
    "=",
    "&",
    "&amp;",
    "\\",
    "CMS",
    "ICE",
    "Medicaid",
    "<!-- more -->",
    "~~",
    "![alt](",
    "![](",
    "<https://x.org>",
    "\n# Heading {onclick=x}\n",
];

const EVIDENCE: &[&str] = &[
    "==> facts/x.toml <==\n",
    "==> sources/s.md <==\n",
    "==> timeline.toml <==\n",
    "==> lawsuits.toml <==\n",
    "==> glossary.toml <==\n",
    "==> people.toml <==\n",
    "==> updates/u.md <==\n",
    "+++\n",
    "title = \"T\"\n",
    "archived = 2026-01-06\n",
    "[[fact]]\n",
    "[[fact.cite]]\n",
    "id = \"f\"\n",
    "id = \"s\"\n",
    "statement = \"S.\"\n",
    "attribution = \"a\"\n",
    "source = \"s\"\n",
    "quote = \"The text\"\n",
    "date = \"2025-06\"\n",
    "precision = \"day\"\n",
    "status = \"superseded\"\n",
    "superseded_by = \"f\"\n",
    "supersedes = [\"f\"]\n",
    "[[event]]\n",
    "facts = [\"f\"]\n",
    "[[lawsuit]]\n",
    "[[person]]\n",
    "name = \"N\"\n",
    "kind = \"person\"\n",
    "[[term]]\n",
    "term = \"CMS\"\n",
    "definition = \"D\"\n",
    "date = 2026-01-12\n",
    "kind = \"correction\"\n",
    "pages = [\"a.md\"]\n",
    "The text of the source.\n",
    "\n",
    "=",
    "\"",
    "[",
    "]",
];

fn check_page(text: &str) {
    let file = SourceFile::new("content/page.md", text.to_string());
    match front_matter::split(&file) {
        Err(d) => harness::check_diagnostic(&d, Some(&file)),
        Ok(split) => {
            assert_eq!(&file.text[split.range()], split.front_matter);
            assert_eq!(&file.text[split.body_offset..], split.body);
            for d in [
                front_matter::parse_page(&file, &split).err(),
                front_matter::parse_section(&file, &split).err(),
            ]
            .into_iter()
            .flatten()
            {
                harness::check_diagnostic(&d, Some(&file));
            }
        }
    }
}

/// Renders `body` as the body of `content/t.md`; the HTML, the summary
/// and whether an error was reported.
fn render(body: &str, tweak: impl FnOnce(&mut MarkdownConfig)) -> (String, Option<String>, bool) {
    let mut config = MarkdownConfig::default();
    tweak(&mut config);
    let prefix = "+++\ntitle = \"t\"\n+++\n";
    let file = SourceFile::new("content/t.md", format!("{prefix}{body}"));
    let mut cx = Context {
        config: &config,
        file: &file,
        body_offset: prefix.len(),
        resolver: &harness::EchoResolver,
        search_text: true,
        diagnostics: Vec::new(),
    };
    let r = markdown::render(body, &mut cx);
    for d in &cx.diagnostics {
        harness::check_diagnostic(d, Some(&file));
    }
    let error = cx.diagnostics.iter().any(|d| d.is_error());
    (r.html, r.summary, error)
}

fn assert_inactive(body: &str, html: &str, summary: Option<&str>) {
    for html in std::iter::once(html).chain(summary) {
        if let Some(what) = harness::active_content(html) {
            panic!("{what} without an error, from {body:?}:\n{html}");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn front_matter_never_panics(text in prop_oneof![any::<String>(), pieces(FRONT_MATTER)]) {
        check_page(&text);
    }

    #[test]
    fn markdown_never_yields_active_content(
        body in prop_oneof![1 => any::<String>(), 4 => pieces(MARKDOWN)],
        smart in any::<bool>(),
        highlight in any::<bool>(),
    ) {
        let (html, summary, error) = render(&body, |c| {
            c.smart_punctuation = smart;
            c.highlight_code = highlight;
        });
        if !error {
            assert_inactive(&body, &html, summary.as_deref());
        }
    }

    #[test]
    fn record_fields_never_yield_active_content(
        text in prop_oneof![1 => any::<String>(), 4 => pieces(MARKDOWN)],
    ) {
        let html = inline_html(&text, harness::empty_site());
        assert_inactive(&text, &html, None);
    }

    #[test]
    fn trusted_markdown_never_panics(body in pieces(MARKDOWN)) {
        render(&body, |c| c.unsafe_html = true);
    }

    #[test]
    fn evidence_never_panics(input in prop_oneof![any::<String>(), pieces(EVIDENCE)]) {
        let files = harness::evidence_files(&input);
        let sources: Vec<SourceFile> = files.iter().map(|f| f.source.clone()).collect();
        let (ev, diagnostics) = Evidence::build(files, &jiff::tz::TimeZone::UTC);
        for d in &diagnostics {
            harness::check_diagnostic(d, sources.iter().find(|s| s.rel_path == d.file));
        }
        for c in ev.facts.iter().flat_map(|f| &f.citations) {
            let text = ev.sources[c.source].text();
            let found = text.get(c.range.clone()).expect("a citation's range is in its source");
            prop_assert_eq!(Folded::new(found).text().to_string(), Folded::new(&c.quote).text().to_string());
        }
    }

    #[test]
    fn every_substring_of_a_source_is_found(
        source in prop_oneof![any::<String>(), "[a-zA-Z0-9 ,.'\u{2019}-]{0,60}"],
        a in any::<Index>(),
        b in any::<Index>(),
    ) {
        let bounds: Vec<usize> = source.char_indices().map(|(i, _)| i).chain([source.len()]).collect();
        let (a, b) = (a.get(&bounds), b.get(&bounds));
        let sub = &source[*a.min(b)..*a.max(b)];
        let folded = Folded::new(&source);
        let wanted = Folded::new(sub).text().to_string();
        match find(&folded, sub) {
            Some(range) => {
                let found = source.get(range.clone()).expect("the range is in the source");
                prop_assert_eq!(Folded::new(found).text().to_string(), wanted);
            }
            // A substring that starts or ends inside a word of the source
            // is refused, and the refusal names the word it cuts.
            None => {
                prop_assert!(
                    wanted.is_empty() || cut_words(&folded, sub).is_some(),
                    "{:?} is in {:?} but neither found nor said to cut a word", sub, source
                );
                // In plain ASCII text the word boundaries are plain to
                // see: a substring on them is always found.
                let (lo, hi) = (*a.min(b), *a.max(b));
                let bytes = source.as_bytes();
                let cuts = |i: usize| {
                    i > 0 && i < bytes.len() && bytes[i - 1].is_ascii_alphanumeric() && bytes[i].is_ascii_alphanumeric()
                };
                prop_assert!(
                    wanted.is_empty() || !source.is_ascii() || cuts(lo) || cuts(hi),
                    "{:?} is whole words of {:?} but not found", sub, source
                );
            }
        }
    }

    #[test]
    fn quotes_are_found_despite_the_forgiven_differences(
        words in prop::collection::vec(word(), 1..30),
        source_gaps in prop::collection::vec(gap(), 30),
        quote_gaps in prop::collection::vec(gap(), 30),
        from in any::<Index>(),
        len in any::<Index>(),
        source_variants in prop::collection::vec(any::<Index>(), 30),
        quote_variants in prop::collection::vec(any::<Index>(), 30),
    ) {
        let from = from.index(words.len());
        let to = from + 1 + len.index(words.len() - from);
        let source = spell(&words, &source_gaps, &source_variants);
        let quote = spell(&words[from..to], &quote_gaps, &quote_variants);
        let folded = Folded::new(&source);
        let range = find(&folded, &quote);
        prop_assert!(range.is_some(), "{:?} not found in {:?}", quote, source);
        let found = &source[range.expect("found")];
        prop_assert_eq!(Folded::new(found).text().to_string(), Folded::new(&quote).text().to_string());
    }

    #[test]
    fn a_changed_word_is_not_found(
        words in prop::collection::vec("[a-z]{1,6}", 1..30),
        from in any::<Index>(),
        len in any::<Index>(),
        changed in any::<Index>(),
        new_word in "[A-Z]{1,6}",
    ) {
        let from = from.index(words.len());
        let to = from + 1 + len.index(words.len() - from);
        let mut quoted: Vec<String> = words[from..to].to_vec();
        let at = changed.index(quoted.len());
        quoted[at] = new_word.clone();
        let source = words.join(" ");
        let quote = quoted.join(" ");
        let folded = Folded::new(&source);
        prop_assert_eq!(find(&folded, &quote), None);
        // With a word of the quote left as the source has it, the closest
        // passage is found around it; a one-word quote changed has none.
        match nearest(&folded, &quote) {
            Some(miss) => {
                prop_assert!(miss.matched_words < miss.quote_words, "{:?}", miss);
                prop_assert!(source.get(miss.range.clone()).is_some());
                prop_assert!(miss.quote_word.is_some(), "{:?}", miss);
            }
            None => prop_assert_eq!(quoted.len(), 1, "no passage for {:?} in {:?}", quote, source),
        }
    }

    #[test]
    fn page_front_matter_round_trips(
        page in page_front_matter(),
        body in "[^\u{0}]{0,40}",
    ) {
        let text = format!("+++\n{}+++\n{body}", to_toml(&page));
        let file = SourceFile::new("content/page.md", text);
        let split = front_matter::split(&file).expect("splits");
        prop_assert_eq!(split.body, body.as_str());
        let parsed = front_matter::parse_page(&file, &split);
        prop_assert_eq!(parsed.as_ref().ok(), Some(&page), "{:?}\n{}", parsed, file.text);
    }
}

/// A word of a quote: letters, digits, punctuation, quotes and dashes,
/// written with straight quotes and hyphens.
fn word() -> impl Strategy<Value = String> {
    "[A-Za-z0-9$,.;:!?()'\"-]{1,8}"
}

/// A run of whitespace.
fn gap() -> impl Strategy<Value = String> {
    prop::collection::vec(
        select(&[" ", "\n", "\t", "\r\n", "\u{a0}", "\u{2003}"][..]),
        1..4,
    )
    .prop_map(|v| v.concat())
}

/// Writes `words` with the gaps between them and, where a variant index
/// says so, curly quotes and other dashes for straight ones.
fn spell(words: &[String], gaps: &[String], variants: &[Index]) -> String {
    let mut out = String::new();
    let mut n = 0;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(&gaps[i % gaps.len()]);
        }
        for c in w.chars() {
            let v = &variants[n % variants.len()];
            n += 1;
            let options: &[char] = match c {
                '\'' => &['\'', '\u{2018}', '\u{2019}', '\u{201B}', '`'],
                '"' => &['"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{AB}', '\u{BB}'],
                '-' => &[
                    '-', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{2212}',
                ],
                _ => &[],
            };
            out.push(if options.is_empty() {
                c
            } else {
                *v.get(options)
            });
        }
    }
    out
}

fn page_front_matter() -> impl Strategy<Value = PageFrontMatter> {
    let text = "[^\u{0}-\u{8}\u{b}-\u{1f}\u{7f}]{0,20}";
    let date = (
        1900i32..2100,
        1u8..13,
        1u8..29,
        any::<Option<(u8, u8, u8)>>(),
    )
        .prop_map(|(y, m, d, time)| {
            let s = match time {
                None => format!("{y:04}-{m:02}-{d:02}"),
                Some((h, mi, s)) => {
                    format!(
                        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                        h % 24,
                        mi % 60,
                        s % 60
                    )
                }
            };
            s.parse::<toml::value::Datetime>().expect("a valid date")
        });
    (
        (
            "[^\u{0}-\u{1f}\u{7f}]*[A-Za-z][^\u{0}-\u{1f}\u{7f}]*",
            prop::option::of(text),
            prop::option::of(date.clone()),
            prop::option::of(date),
            any::<bool>(),
        ),
        (
            prop::option::of("[a-z0-9-]{1,12}"),
            any::<Option<i64>>(),
            prop::option::of("[a-z/]{1,10}\\.html"),
            prop::collection::btree_map("[a-z_]{1,8}", prop::collection::vec(text, 0..3), 0..3),
            prop::collection::btree_map("[a-z_]{1,8}", any::<i64>(), 0..3),
            prop::option::of("[a-z]{1,8}=[0-9a-f]{8}( [a-z]{1,8}=[0-9a-f]{8})?"),
        ),
    )
        .prop_map(
            |(
                (title, description, date, updated, draft),
                (slug, weight, template, taxonomies, extra, translates),
            )| {
                PageFrontMatter {
                    title,
                    description,
                    date,
                    updated,
                    draft,
                    slug,
                    weight,
                    template,
                    taxonomies,
                    extra: extra
                        .into_iter()
                        .map(|(k, v)| (k, toml::Value::Integer(v)))
                        .collect(),
                    translates,
                }
            },
        )
}

/// `page` as TOML, written field by field the way a contributor would.
fn to_toml(page: &PageFrontMatter) -> String {
    let mut top = toml::Table::new();
    let mut put = |key: &str, value: Option<toml::Value>| {
        if let Some(v) = value {
            top.insert(key.to_string(), v);
        }
    };
    put("title", Some(page.title.clone().into()));
    put("description", page.description.clone().map(Into::into));
    put("date", page.date.map(toml::Value::Datetime));
    put("updated", page.updated.map(toml::Value::Datetime));
    put("draft", page.draft.then_some(true.into()));
    put("slug", page.slug.clone().map(Into::into));
    put("weight", page.weight.map(Into::into));
    put("template", page.template.clone().map(Into::into));
    put("translates", page.translates.clone().map(Into::into));
    if !page.taxonomies.is_empty() {
        let taxonomies: BTreeMap<String, toml::Value> = page
            .taxonomies
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into()))
            .collect();
        put(
            "taxonomies",
            Some(toml::Value::Table(taxonomies.into_iter().collect())),
        );
    }
    if !page.extra.is_empty() {
        put("extra", Some(toml::Value::Table(page.extra.clone())));
    }
    toml::to_string(&top).expect("serialises")
}

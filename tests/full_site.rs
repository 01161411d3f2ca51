//! The `minimal` and `full` fixture sites: every feature, asserted on the
//! built output a reader of the site would see.

mod common;

use common::{assert_in_order, build, build_fixture, main_of, Mode};

#[test]
fn minimal_site_builds_with_the_builtin_templates() {
    let site = build("minimal");
    let summary = site.summary();
    assert_eq!((summary.pages, summary.sections), (0, 1));
    assert_eq!(
        site.html_files(),
        ["404.html", "index.html", "search/index.html"]
    );
    assert!(site.exists("style.css"));
    assert!(site.exists("search.js") && site.exists("search/facets.json"));
    assert!(
        !site.exists("topics/index.html"),
        "no page uses the default taxonomy, so it has no pages"
    );

    let home = site.read("index.html");
    assert!(home.starts_with("<!doctype html>"), "{home}");
    assert!(home.contains("<html lang=\"en\">"), "{home}");
    assert!(home.contains("<h1>Minimal Fixture</h1>"), "{home}");
    assert!(
        home.contains("<p>Nothing but a home page, rendered with the built-in templates.</p>"),
        "{home}"
    );
    assert!(home.contains("<link rel=\"stylesheet\" href=\"/style.css\">"));
    assert!(
        !home.contains("syntax.css"),
        "no code, so no syntax stylesheet"
    );
    assert_eq!(
        site.read("style.css"),
        casefile::site::DEFAULT_CSS,
        "the built-in stylesheet is written when static/ has none"
    );
    let not_found = site.read("404.html");
    assert!(not_found.contains("<h1>Page not found</h1>"), "{not_found}");
    assert!(not_found.contains("<a href=\"/\">Go to the home page</a>"));
}

#[test]
fn full_site_publishes_every_page_at_its_address() {
    let site = build("full");
    let summary = site.summary();
    assert_eq!(summary.pages, 12, "{summary}");
    assert_eq!(summary.sections, 4, "{summary}");
    assert_eq!(summary.terms, 2, "{summary}");
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    assert_eq!(summary.files, site.files().len());
    assert_eq!(
        site.html_files(),
        [
            "404.html",
            "articles/custom-address/index.html",
            "articles/first/index.html",
            "articles/index.html",
            "articles/page/2/index.html",
            "articles/page/3/index.html",
            "articles/second/index.html",
            "articles/summer/index.html",
            "articles/survey-results/index.html",
            "articles/third/index.html",
            "guides/advanced/index.html",
            "guides/advanced/one/index.html",
            "guides/advanced/two/index.html",
            "guides/appendix/index.html",
            "guides/index.html",
            "guides/next-steps/index.html",
            "guides/start/index.html",
            "index.html",
            "markdown/index.html",
            "search/index.html",
            "topics/data-sharing/index.html",
            "topics/index.html",
            "topics/privacy/index.html",
        ]
    );
    for asset in [
        "articles/survey-results/chart.svg",
        "img/pixel.png",
        "robots.txt",
        "style.css",
        "syntax.css",
    ] {
        assert!(site.exists(asset), "{asset}");
    }
    // Drafts are not published, and markdown sources are not copied.
    assert!(!site
        .files()
        .iter()
        .any(|f| f.contains("draft") || f.ends_with(".md")));
}

#[test]
fn check_reports_the_same_counts_and_writes_nothing() {
    let checked = build_fixture("full", Mode::Check, |_| {});
    let s = checked.summary();
    assert_eq!((s.pages, s.sections, s.terms), (12, 4, 2));
    // The same number of files a build writes.
    assert_eq!(s.files, common::build("full").files().len());
    assert!(!checked.out.exists(), "check must not create public/");
    let entries: Vec<_> = std::fs::read_dir(checked.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["site"], "check left files beside the site");
}

#[test]
fn dates_keep_their_precision_and_the_site_time_zone() {
    let site = build("full");
    // A calendar date stays a date.
    let first = site.read("articles/first/index.html");
    assert!(
        first.contains("First published <time datetime=\"2026-01-10\">January 10, 2026</time>"),
        "{}",
        main_of(&first)
    );
    // An offset datetime keeps its offset; `updated` is shown beside it.
    let second = site.read("articles/second/index.html");
    assert!(
        second.contains(
            "<time datetime=\"2026-02-01T09:30:00+02:00\">February 1, 2026</time> · Updated <time datetime=\"2026-03-01\">March 1, 2026</time>"
        ),
        "{}",
        main_of(&second)
    );
    // A local datetime is read in the configured zone (America/New_York):
    // standard time in March, daylight saving time in July.
    let third = site.read("articles/third/index.html");
    assert!(
        third.contains("<time datetime=\"2026-03-05T08:00:00-05:00\">March 5, 2026</time>"),
        "{}",
        main_of(&third)
    );
    let summer = site.read("articles/summer/index.html");
    assert!(
        summer.contains("<time datetime=\"2025-07-14T09:00:00-04:00\">July 14, 2025</time>"),
        "{}",
        main_of(&summer)
    );
    // The footer's "last updated" is the newest date on the site.
    assert!(site.read("index.html").contains(
        "Last updated: <time datetime=\"2026-03-05T08:00:00-05:00\">March 5, 2026</time>"
    ));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = build("full");
    let files = site.files();
    assert!(!files.iter().any(|f| f.starts_with("articles/draft")));
    assert!(
        !files.iter().any(|f| f.starts_with("hidden/")),
        "a draft section hides itself and its pages: {files:?}"
    );
    for page in ["index.html", "articles/index.html", "topics/index.html"] {
        let html = site.read(page);
        assert!(!html.contains("An Unfinished Draft"), "{page}");
        assert!(!html.contains("Hidden Section"), "{page}");
    }

    let with_drafts = build_fixture("full", Mode::Build, |o| o.drafts = true);
    let s = with_drafts.summary();
    assert_eq!((s.pages, s.sections), (14, 5));
    let draft = with_drafts.read("articles/draft/index.html");
    assert!(draft.contains("<h1>An Unfinished Draft</h1>"));
    assert!(with_drafts
        .read("hidden/secret/index.html")
        .contains("<h1>A Page In A Draft Section</h1>"));
    assert!(with_drafts
        .read("articles/index.html")
        .contains("<a href=\"/articles/draft/\">An Unfinished Draft</a>"));
}

#[test]
fn slugs_and_page_bundles_decide_addresses() {
    let site = build("full");
    assert!(site
        .read("articles/custom-address/index.html")
        .contains("<h1>An Article With A Custom Slug</h1>"));
    assert!(!site.exists("articles/slugged/index.html"));

    // `Survey Results/index.md` is the page `/articles/survey-results/`, and
    // the image next to it is copied next to the page (under the folder's
    // slug too), so the relative link works.
    let bundle = site.read("articles/survey-results/index.html");
    assert!(
        bundle.contains("<img src=\"chart.svg\" alt=\"A bar chart of the survey results\" />"),
        "{}",
        main_of(&bundle)
    );
    assert_eq!(
        site.bytes("articles/survey-results/chart.svg"),
        std::fs::read(site.root.join("content/articles/Survey Results/chart.svg")).unwrap()
    );
}

#[test]
fn sections_sort_by_date_weight_and_title() {
    let site = build("full");
    // Date: newest first, across the paginated list pages.
    let lists = [
        site.read("articles/index.html"),
        site.read("articles/page/2/index.html"),
        site.read("articles/page/3/index.html"),
    ]
    .map(|h| main_of(&h).to_string())
    .join("\n");
    assert_in_order(
        &lists,
        &[
            "The Third Article",
            "The Second Article",
            "The First Article",
            "A Page Bundle",
            "A Summer Update",
            "An Article With A Custom Slug",
        ],
    );
    // Weight: lowest first, pages without a weight last (titles would sort
    // the other way).
    assert_in_order(
        main_of(&site.read("guides/index.html")),
        &[
            "Zebra: Start Here",
            "Apple: Next Steps",
            "Appendix Without Weight",
        ],
    );
    // Title, in a nested section (file names would sort the other way).
    let advanced = site.read("guides/advanced/index.html");
    assert_in_order(main_of(&advanced), &["Alpha Techniques", "Zulu Techniques"]);
    assert_in_order(
        &advanced,
        &[
            // The first crumb is the home page, called "Home".
            "<a href=\"/\">Home</a>",
            "<a href=\"/guides/\">Guides</a>",
        ],
    );
    // The parent lists its subsection; the home lists top sections by weight.
    assert!(site
        .read("guides/index.html")
        .contains("<a href=\"/guides/advanced/\">Advanced Guides</a>"));
    assert_in_order(
        main_of(&site.read("index.html")),
        &[
            "<a href=\"/guides/\">Guides</a>",
            "<a href=\"/articles/\">Articles</a>",
        ],
    );
}

#[test]
fn previous_and_next_follow_the_section_order() {
    let site = build("full");
    let first = site.read("articles/first/index.html");
    assert!(first
        .contains("<a href=\"/articles/second/\" rel=\"prev\">Previous: The Second Article</a>"));
    assert!(first
        .contains("<a href=\"/articles/survey-results/\" rel=\"next\">Next: A Page Bundle</a>"));
    let start = site.read("guides/start/index.html");
    assert!(
        !start.contains("rel=\"prev\""),
        "first page has no previous"
    );
    assert!(start.contains("<a href=\"/guides/next-steps/\" rel=\"next\">"));
}

#[test]
fn long_sections_are_paginated() {
    let site = build("full");
    let page1 = site.read("articles/index.html");
    assert!(page1.contains("<p>Page 1 of 3</p>"), "{}", main_of(&page1));
    assert!(page1.contains("<a href=\"/articles/page/2/\" rel=\"next\">Next page</a>"));
    assert!(!page1.contains("rel=\"prev\""));

    let page2 = site.read("articles/page/2/index.html");
    assert!(page2.contains("<p>Page 2 of 3</p>"));
    assert!(page2.contains("<a href=\"/articles/\" rel=\"prev\">Previous page</a>"));
    assert!(page2.contains("<a href=\"/articles/page/3/\" rel=\"next\">Next page</a>"));
    assert!(page2.contains("<a href=\"/articles/page/2/\" aria-current=\"page\">2</a>"));
    assert!(
        page2.contains("<link rel=\"canonical\" href=\"https://example.org/articles/page/2/\">")
    );

    let page3 = site.read("articles/page/3/index.html");
    assert!(page3.contains("<p>Page 3 of 3</p>"));
    assert!(!page3.contains("rel=\"next\""));
    // Two pages per list page.
    assert_eq!(main_of(&page3).matches("<li>\n<h2>").count(), 2);
    assert!(!site.exists("articles/page/4/index.html"));
    assert!(!site.exists("articles/page/1/index.html"));
}

#[test]
fn summaries_come_from_the_more_marker_or_the_first_paragraph() {
    let site = build("full");
    let page2 = site.read("articles/page/2/index.html");
    let list = main_of(&page2);
    // Everything before `<!-- more -->`...
    assert!(list.contains("<p>This teaser is the summary of the first article.</p>"));
    assert!(list.contains("<p>It continues in a second teaser paragraph.</p>"));
    assert!(!list.contains("after the summary marker"), "{list}");
    // ...else the first paragraph only...
    let page1 = site.read("articles/index.html");
    let list = main_of(&page1);
    assert!(list.contains("<p>The second article’s first paragraph is its summary.</p>"));
    assert!(!list.contains("A second paragraph"), "{list}");
    // ...and a description wins over both.
    let page3 = site.read("articles/page/3/index.html");
    assert!(main_of(&page3).contains("<p>Published in daylight saving time.</p>"));
    assert!(!main_of(&page3).contains("Local times follow"));
    // The page itself has the whole text.
    assert!(site
        .read("articles/first/index.html")
        .contains("<p>This paragraph comes after the summary marker.</p>"));
}

#[test]
fn taxonomies_get_a_list_page_and_a_page_per_term() {
    let site = build("full");
    let topics = site.read("topics/index.html");
    assert!(
        topics.contains(
            "<li data-count=\"2\"><a href=\"/topics/data-sharing/\">Data Sharing</a></li>"
        ),
        "terms that slugify alike are one term: {}",
        main_of(&topics)
    );
    assert!(topics.contains("<li data-count=\"3\"><a href=\"/topics/privacy/\">Privacy</a></li>"));

    let privacy = site.read("topics/privacy/index.html");
    assert!(privacy.contains("<h1>Pages about “Privacy”</h1>"));
    assert_in_order(
        main_of(&privacy),
        &[
            "The Second Article",
            "Markdown Features",
            "The First Article",
        ],
    );
    let sharing = site.read("topics/data-sharing/index.html");
    assert_in_order(
        main_of(&sharing),
        &["The Third Article", "The First Article"],
    );
    assert!(!main_of(&sharing).contains("The Second Article"));

    // Pages link to their terms.
    assert!(site.read("articles/first/index.html").contains(
        "<a href=\"/topics/\">Topics</a>: <a href=\"/topics/data-sharing/\">Data Sharing</a>, <a href=\"/topics/privacy/\">Privacy</a>"
    ));
}

#[test]
fn links_are_resolved_checked_and_marked() {
    let site = build("full");
    let html = site.read("markdown/index.html");
    let main = main_of(&html);
    // `@/articles/first.md#background` becomes the page's URL and anchor,
    // and the anchor exists there.
    assert!(
        main.contains("<a href=\"/articles/first/#background\">background</a>"),
        "{main}"
    );
    assert!(site
        .read("articles/first/index.html")
        .contains("<h2 id=\"background\">Background</h2>"));
    // `@/guides/_index.md` is the section.
    assert!(main.contains("<a href=\"/guides/\">guides</a>"));
    // Same-page anchor.
    assert!(main.contains("<a href=\"#a-table\">the table</a>"));
    assert!(main.contains("<h2 id=\"a-table\">A table</h2>"));
    // External links do not leak the reader's page.
    assert!(main.contains(
        "<a href=\"https://apnews.com/article/example\" title=\"AP story\" rel=\"noopener noreferrer\">wire story</a>"
    ));
    // Home page links to a section by content path.
    assert!(site
        .read("index.html")
        .contains("<a href=\"/articles/\">articles</a>"));
}

#[test]
fn markdown_extensions_are_rendered() {
    let site = build("full");
    let html = site.read("markdown/index.html");
    let main = main_of(&html);
    // Table.
    assert!(main.contains("<table><thead><tr><th>State</th>"), "{main}");
    assert!(main.contains("<td>Utah</td>"));
    // Footnote: reference and definition.
    assert!(main.contains("<sup class=\"footnote-reference\"><a href=\"#source\">1</a></sup>"));
    assert!(main.contains("<div class=\"footnote-definition\" id=\"source\">"));
    assert!(main.contains("<p>The footnote text.</p>"));
    // Strikethrough and task lists.
    assert!(main.contains("<del>old figure</del>"));
    assert!(main.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"));
    assert!(main.contains("<input disabled=\"\" type=\"checkbox\"/>"));
    // Smart punctuation: curly quotes, en dash, ellipsis, apostrophe.
    assert!(
        main.contains("<p>“Quoted” – and then… it’s done.</p>"),
        "{main}"
    );
}

#[test]
fn code_is_highlighted_with_classes_and_a_stylesheet() {
    let site = build("full");
    let html = site.read("markdown/index.html");
    let main = main_of(&html);
    let code_start = main
        .find("<pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\">")
        .unwrap_or_else(|| panic!("no highlighted block in {main}"));
    let code = &main[code_start..main.find("</pre>").unwrap()];
    assert!(code.contains("<span class=\"hl-"), "{code}");
    assert!(!code.contains("style="), "no inline styles: {code}");
    assert!(code.contains(">fn</span>"));
    // Only pages with code link the stylesheet.
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/syntax.css\">"));
    assert!(!site
        .read("articles/first/index.html")
        .contains("syntax.css"));
    let css = site.read("syntax.css");
    assert!(css.contains(".hl-"), "{css}");
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
}

#[test]
fn site_templates_override_builtin_ones() {
    let site = build("full");
    // templates/taxonomy_list.html replaces the built-in one and extends the
    // built-in base.html.
    let topics = site.read("topics/index.html");
    let main = main_of(&topics);
    assert!(
        main.contains("<h1 class=\"fixture-override\">All topics</h1>"),
        "{main}"
    );
    assert!(main.contains("<li data-count=\"3\"><a href=\"/topics/privacy/\">Privacy</a></li>"));
    assert!(topics.contains("<title>Topics · Full Fixture</title>"));
    assert!(topics.contains("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"));
    // templates/partials/footer.html fills the built-in footer hook on
    // every page, whichever template renders it.
    for page in [
        "index.html",
        "articles/first/index.html",
        "topics/index.html",
        "404.html",
    ] {
        assert!(
            site.read(page).contains(
                "<p class=\"fixture-footer\">Every claim on this fixture site is made up.</p>"
            ),
            "{page}"
        );
    }
    // Other pages still use the built-in templates.
    let page = site.read("articles/first/index.html");
    assert!(!page.contains("fixture-override"));
    assert!(page.contains("<summary>On this page ("));
}

#[test]
fn static_files_are_copied_byte_for_byte() {
    let site = build("full");
    for rel in ["robots.txt", "img/pixel.png"] {
        assert_eq!(
            site.bytes(rel),
            std::fs::read(site.root.join("static").join(rel)).unwrap(),
            "{rel}"
        );
    }
}

#[test]
fn i18n_file_overrides_one_interface_string() {
    let site = build("full");
    let page = site.read("articles/first/index.html");
    assert!(page.contains("First published <time"), "{}", main_of(&page));
    assert!(!page.contains(">Published <time"));
    // Strings the file does not override keep their English text.
    assert!(page.contains("Previous: The Second Article"));
    assert!(site.read("articles/index.html").contains("Next page"));
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let site = build_fixture("full", Mode::Build, |o| {
        o.base_url = Some("https://news.example.com/explainer/".into())
    });
    let html = site.read("markdown/index.html");
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/explainer/style.css\">"));
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://news.example.com/explainer/markdown/\">"
    ));
    assert!(html.contains("<a href=\"/explainer/articles/first/#background\">background</a>"));
    assert!(html.contains("<a href=\"/explainer/topics/privacy/\">Privacy</a>"));
    let list = site.read("articles/index.html");
    assert!(list.contains("<a href=\"/explainer/articles/page/2/\" rel=\"next\">"));
    // Files are still written at the root of the output folder.
    assert!(site.exists("markdown/index.html"));
}

#[test]
fn pages_with_headings_get_a_table_of_contents() {
    let site = build("full");
    let html = site.read("markdown/index.html");
    assert_in_order(
        main_of(&html),
        &[
            "<nav class=\"toc\" aria-label=\"On this page\"><details>",
            "<summary>On this page (4)</summary>",
            "<li><a href=\"#links\">Links</a></li>",
            "<li><a href=\"#a-table\">A table</a></li>",
            "<li><a href=\"#other-extensions\">Other extensions</a></li>",
            "<li><a href=\"#code\">Code</a></li>",
            "</nav>",
            "<h2 id=\"links\">Links</h2>",
        ],
    );
    // No headings, no table of contents.
    assert!(!site
        .read("articles/second/index.html")
        .contains("class=\"toc\""));
}

/// The home page's "Read in depth" lists the newest pages of each section,
/// not all of them (every page of a large site would make the home page
/// megabytes), and links to the rest.
#[test]
fn the_home_page_lists_a_long_sections_newest_pages_and_links_to_the_rest() {
    let (_tmp, root) = common::copy_fixture("full");
    for n in 0..20 {
        std::fs::write(
            root.join(format!("content/articles/old-{n:02}.md")),
            format!(
                "+++\ntitle = \"Older article {n}\"\ndate = 2024-01-{:02}\n+++\n\nOld.\n",
                n + 1
            ),
        )
        .unwrap();
    }
    let out = root.join("public");
    casefile::site::build(&casefile::site::BuildOptions {
        output: Some(out.clone()),
        ..casefile::site::BuildOptions::new(&root)
    })
    .expect("builds");
    let home = common::read(&out, "index.html");
    // Newest first: the fixture's own articles (2025 and 2026) come first.
    assert!(home.contains("The First Article"), "{}", main_of(&home));
    let listed = (0..20)
        .filter(|n| home.contains(&format!(">Older article {n}<")))
        .count();
    let total = 20 + 6;
    assert!(listed < 20, "{listed} old articles listed: the list is cut");
    assert!(
        home.contains(&format!(
            "<a href=\"/articles/\">See all {total} pages of Articles</a>"
        )),
        "{}",
        main_of(&home)
    );
}

#[test]
fn a_large_site_takes_its_search_snippets_from_its_pages_and_a_small_one_keeps_them() {
    // The result files of the site's search: each a JSON value.
    let results = |site: &common::Built| -> Vec<serde_json::Value> {
        let mut files: Vec<_> = std::fs::read_dir(site.path("search/d"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
            .collect()
    };
    let sentence = "The background of the first article.";
    let holds =
        |files: &[serde_json::Value]| files.iter().any(|f| f.to_string().contains(sentence));
    let site = build("full");
    // Small: every result file is rows of what a result shows, text included.
    let small = results(&site);
    assert!(small.iter().all(|f| f.is_array()));
    assert!(holds(&small), "a part's text is in the index");

    // Over a mebibyte of markdown (a long article of its own).
    let paragraph = "Readers of a long report find every part of it. ".repeat(20);
    let long: String = (0..1200)
        .map(|i| format!("## Part {i}\n\n{paragraph}\n\n"))
        .collect();
    assert!(long.len() > 1 << 20);
    std::fs::write(
        site.root.join("content/articles/long.md"),
        format!("+++\ntitle = \"A long report\"\ndate = 2026-01-12\n+++\n\n{long}"),
    )
    .unwrap();
    let rebuild = || {
        casefile::site::build(&casefile::site::BuildOptions::new(&site.root))
            .unwrap_or_else(|f| panic!("{f}"));
    };
    rebuild();
    let large = results(&site);
    assert!(!holds(&large), "the index holds no copy of the page's text");
    let first = large
        .iter()
        .find(|f| f["u"] == "/articles/first/")
        .expect("the first article's result file, in its short form");
    assert_eq!(first["t"], "The First Article");
    // Its parts by title; an anchor the title gives ("Background":
    // `background`) is left out.
    let parts = first["r"].as_array().unwrap();
    assert!(
        parts
            .iter()
            .any(|r| r == &serde_json::json!(["Background"])),
        "{parts:?}"
    );
    // Its parts are found by their words all the same: the vocabulary has them.
    let mut vocabulary = String::new();
    for e in std::fs::read_dir(site.path("search/v")).unwrap() {
        vocabulary.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    assert!(vocabulary.contains("background"));

    // `snippets = "index"` keeps the copy, whatever the size.
    let config = site.root.join("casefile.toml");
    let toml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{toml}\n[search]\nsnippets = \"index\"\n")).unwrap();
    rebuild();
    let kept = results(&site);
    assert!(kept.iter().all(|f| f.is_array()));
    assert!(holds(&kept));
}

#[test]
fn a_word_taken_out_of_the_site_leaves_the_next_builds_search_index() {
    // `serve` builds again and again in one process: each build's index
    // must hold its own words, not every word an earlier build met.
    let site = build("full");
    let word = "zyxquorble";
    let vocabulary = || -> String {
        let dir = site.path("search/v");
        let mut all = String::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        all
    };
    let rebuild = || {
        casefile::site::build(&casefile::site::BuildOptions::new(&site.root))
            .unwrap_or_else(|f| panic!("{f}"));
    };
    assert!(!vocabulary().contains(word));
    let page = site.root.join("content/articles/first.md");
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{original}\nA {word} appears.\n")).unwrap();
    rebuild();
    assert!(vocabulary().contains(word), "the new word is indexed");
    std::fs::write(&page, &original).unwrap();
    rebuild();
    assert!(
        !vocabulary().contains(word),
        "a word no page has any more is not in the vocabulary"
    );
}

#[test]
fn words_in_raw_html_are_found_as_readers_see_them() {
    // A figure and a table written as HTML in markdown: their caption,
    // cells and image description are the page's words; an attribute is
    // not, nor a comment.
    let site = build("full");
    let page = site.root.join("content/articles/first.md");
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!(
            "{original}\n<figure>\n<img src=\"/chart.png\"\n  alt=\"A quillwort chart\">\n\
             <figcaption>Enrollment by marrowfat county</figcaption>\n</figure>\n\n\
             <table><tr><td title=\"tooltipword\">Tinderbox&nbsp;state</td></tr></table>\n\n\
             <!-- commentword -->\n"
        ),
    )
    .unwrap();
    casefile::site::build(&casefile::site::BuildOptions::new(&site.root))
        .unwrap_or_else(|f| panic!("{f}"));
    let mut vocabulary = String::new();
    for e in std::fs::read_dir(site.path("search/v")).unwrap() {
        vocabulary.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for word in ["quillwort", "marrowfat", "tinderbox"] {
        assert!(vocabulary.contains(word), "{word} is indexed");
    }
    for word in ["tooltipword", "commentword"] {
        assert!(
            !vocabulary.contains(word),
            "{word} is not a word of the page"
        );
    }
}

//! One `invalid_*` fixture per kind of mistake. Each test asserts what the
//! contributor reads: the message, the place (`file:line:column`) and the
//! fix (`help`).

mod common;

use casefile::diagnostics::{Diagnostic, Severity};
use common::{build_fixture, Mode};

/// Builds and checks fixture `name`; both must fail with the same
/// diagnostics and write nothing. Returns the diagnostics.
fn diagnostics(name: &str) -> Vec<Diagnostic> {
    let built = build_fixture(name, Mode::Build, |_| {});
    let failure = match &built.result {
        Ok(s) => panic!("{name}: expected errors, but the build succeeded: {s}"),
        Err(f) => f.clone(),
    };
    assert!(
        !built.out.exists(),
        "{name}: a failed build must not create the output folder"
    );
    let leftovers: Vec<String> = std::fs::read_dir(&built.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{name}: staging left: {leftovers:?}");

    let checked = build_fixture(name, Mode::Check, |_| {});
    let check_diags = match checked.result {
        Ok(s) => panic!("{name}: check succeeded where build failed: {s}"),
        Err(f) => f.diagnostics,
    };
    assert_eq!(
        failure.diagnostics, check_diags,
        "{name}: check and build disagree"
    );
    for d in &failure.diagnostics {
        assert!(
            d.help.as_deref().is_some_and(|h| !h.is_empty()),
            "{name}: every diagnostic says how to fix it: {d:?}"
        );
    }
    failure.diagnostics
}

/// The only diagnostic of fixture `name`.
fn only(name: &str) -> Diagnostic {
    let mut diags = diagnostics(name);
    assert_eq!(diags.len(), 1, "{name}: {diags:#?}");
    let d = diags.remove(0);
    assert_eq!(d.severity, Severity::Error);
    d
}

#[track_caller]
fn assert_place(d: &Diagnostic, file: &str, line: usize, column: usize) {
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        (file, line, column),
        "{d}"
    );
}

#[test]
fn front_matter_syntax_error() {
    let d = only("invalid_front_matter");
    assert_place(&d, "content/broken.md", 4, 44);
    assert_eq!(
        d.message,
        "invalid front matter: invalid basic string, expected `\"`"
    );
    assert!(d
        .help
        .unwrap()
        .contains("\"double quotes\" closed on the same line"));
    assert_eq!(
        d.snippet.as_deref(),
        Some("description = \"The closing quote is missing")
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_closest() {
    let d = only("invalid_unknown_key");
    assert_place(&d, "content/typo.md", 2, 1);
    assert_eq!(d.message, "unknown key `titel` in front matter");
    assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn unknown_config_key_suggests_the_closest() {
    let d = only("invalid_config_key");
    assert_place(&d, "casefile.toml", 3, 1);
    assert_eq!(d.message, "unknown key `descripton` in casefile.toml");
    assert_eq!(d.help.as_deref(), Some("did you mean `description`?"));
}

#[test]
fn unknown_search_key_suggests_enabled() {
    let d = only("invalid_search_key");
    assert_place(&d, "casefile.toml", 4, 1);
    assert_eq!(d.message, "unknown key `enabeld` in casefile.toml");
    assert_eq!(d.help.as_deref(), Some("did you mean `enabled`?"));
}

#[test]
fn yaml_front_matter_is_refused_with_the_toml_form() {
    let d = only("invalid_yaml_front_matter");
    assert_place(&d, "content/yaml.md", 1, 1);
    assert_eq!(d.message, "YAML front matter (`---`) is not supported");
    let help = d.help.unwrap();
    assert!(
        help.contains("+++") && help.contains("title = \"My page\""),
        "{help}"
    );
}

#[test]
fn missing_title() {
    let d = only("invalid_missing_title");
    assert_place(&d, "content/untitled.md", 2, 1);
    assert_eq!(d.message, "missing required key `title` in front matter");
    assert_eq!(
        d.help.as_deref(),
        Some("add `title = ...` to the front matter")
    );
}

#[test]
fn impossible_date() {
    let d = only("invalid_date");
    assert_place(&d, "content/leap.md", 3, 8);
    assert_eq!(
        d.message,
        "invalid front matter: invalid date, expected day between 01 and 28"
    );
    assert!(d.help.unwrap().contains("YYYY-MM-DD"));
    assert_eq!(d.snippet.as_deref(), Some("date = 2025-02-29"));
}

#[test]
fn broken_internal_link_suggests_an_existing_file() {
    let d = only("invalid_broken_link");
    assert_place(&d, "content/linker.md", 7, 10);
    assert_eq!(
        d.message,
        "broken internal link: `content/nope.md` does not exist"
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `@/note.md`?"));
}

#[test]
fn broken_anchor_suggests_an_existing_heading() {
    let d = only("invalid_broken_anchor");
    assert_place(&d, "content/b.md", 5, 5);
    assert_eq!(
        d.message,
        "broken anchor: `content/a.md` has no heading with the id `missing`"
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `@/a.md#mission`?"));
}

#[test]
fn link_to_a_draft() {
    let d = only("invalid_link_to_draft");
    assert_place(&d, "content/published.md", 5, 10);
    assert_eq!(
        d.message,
        "internal link to `content/unfinished.md`, which is a draft"
    );
    assert!(d.help.unwrap().contains("--drafts"));
    // With drafts, the same site builds.
    let with_drafts = build_fixture("invalid_link_to_draft", Mode::Check, |o| o.drafts = true);
    with_drafts.summary();
}

#[test]
fn image_without_alt_text() {
    let d = only("invalid_missing_alt");
    assert_place(&d, "content/picture.md", 7, 1);
    assert_eq!(d.message, "the image `map.png` has no alt text");
    assert!(d
        .help
        .unwrap()
        .contains("![a map of the seven states](map.png)"));
}

#[test]
fn template_syntax_error_points_into_the_template() {
    let d = only("invalid_template_syntax");
    assert_place(&d, "templates/x.html", 5, 25);
    assert_eq!(
        d.message,
        "template syntax error in `x.html`: Found `</` but expected }}."
    );
}

#[test]
fn template_render_error_points_into_the_template() {
    let d = only("invalid_template_render");
    assert_place(&d, "templates/page.html", 4, 12);
    assert!(
        d.message
            .starts_with("template error in `page.html`: Field `subtitle` is not defined."),
        "{}",
        d.message
    );
    assert!(d.message.contains("Available fields: "), "{}", d.message);
    assert!(d.message.contains(" title, "), "{}", d.message);
}

#[test]
fn unknown_template_lists_the_ones_that_exist() {
    let d = only("invalid_unknown_template");
    assert_place(&d, "content/custom.md", 3, 1);
    assert_eq!(d.message, "the template `nope.html` does not exist");
    let help = d.help.unwrap();
    assert!(help.starts_with("did you mean `page.html`?"), "{help}");
    for name in ["404.html", "base.html", "index.html", "section.html"] {
        assert!(help.contains(name), "{name}: {help}");
    }
}

#[test]
fn unknown_taxonomy() {
    let d = only("invalid_unknown_taxonomy");
    assert_place(&d, "content/tagged.md", 6, 1);
    assert_eq!(d.message, "unknown taxonomy `tags`");
    assert_eq!(
        d.help.as_deref(),
        Some("expected one of `topics` (taxonomies are declared in casefile.toml with [[taxonomies]])")
    );
}

#[test]
fn two_files_at_one_address_are_reported_once() {
    let d = only("invalid_path_collision");
    assert_place(&d, "content/summary.md", 3, 1);
    assert_eq!(
        d.message,
        "`summary.md` and `report.md` would both be published at /report/"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("rename one of the files or give one a different slug")
    );
}

#[test]
fn strings_file_missing_keys_for_an_extra_language() {
    let d = only("invalid_strings");
    // The problem is the file as a whole: no line.
    assert_place(&d, "i18n/fr.toml", 0, 0);
    let (count, listed) = d
        .message
        .strip_prefix("the interface strings for `fr` are missing ")
        .and_then(|rest| rest.split_once(" key(s): "))
        .unwrap_or_else(|| panic!("{}", d.message));
    let keys: Vec<&str> = listed.split(", ").collect();
    assert_eq!(
        count.parse::<usize>().ok(),
        Some(keys.len()),
        "{}",
        d.message
    );
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "sorted: {}",
        d.message
    );
    for key in ["breadcrumbs", "not_found_title", "month_12", "published"] {
        assert!(keys.contains(&key), "{key}: {}", d.message);
    }
    assert!(
        !keys.contains(&"home") && !keys.contains(&"next"),
        "translated keys are not listed: {}",
        d.message
    );
    let help = d.help.unwrap();
    assert!(help.contains("i18n/fr.toml"), "{help}");
    // A ready-to-translate line for the first missing key, with its English.
    let example = format!("e.g. {} = \"...\" (in English: \"", keys[0]);
    assert!(help.contains(&example), "{help}");
}

#[test]
fn many_errors_in_many_files_are_reported_together_and_sorted() {
    let diags = diagnostics("invalid_many_errors");
    let places: Vec<(&str, usize, usize)> = diags
        .iter()
        .map(|d| (d.file.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        places,
        [
            ("content/alpha.md", 3, 1),
            ("content/beta.md", 5, 3),
            ("content/beta.md", 7, 1),
            ("content/delta.md", 3, 8),
            ("templates/section.html", 5, 4),
        ],
        "{diags:#?}"
    );
    assert_eq!(diags[0].message, "unknown key `drafts` in front matter");
    assert_eq!(diags[0].help.as_deref(), Some("did you mean `draft`?"));
    assert_eq!(
        diags[1].message,
        "broken internal link: `content/gamma.md` does not exist"
    );
    assert_eq!(diags[2].message, "the image `photo.jpg` has no alt text");
    assert!(diags[3].message.contains("invalid date"));
    assert!(diags[4]
        .message
        .starts_with("template syntax error in `section.html`"));

    // What the command line prints: every error with its place, then a count.
    let built = build_fixture("invalid_many_errors", Mode::Check, |_| {});
    let text = built.result.unwrap_err().to_string();
    assert!(text.ends_with("build failed: 5 errors"), "{text}");
    assert!(
        text.contains(
            "error: unknown key `drafts` in front matter\n  --> content/alpha.md:3:1\n   |\n 3 | drafts = false\n   | ^\n  = help: did you mean `draft`?"
        ),
        "{text}"
    );
}

// The evidence model. Each fixture is the same tiny explainer (one source,
// two facts, a home page citing both) with one mistake in it.

#[test]
fn quote_not_in_its_source_names_the_differing_word_and_the_closest_passage() {
    let d = only("invalid_quote_not_in_source");
    // The place of the quote itself, in the facts file.
    assert_place(&d, "content/facts/bridge.toml", 6, 9);
    assert_eq!(
        d.message,
        "the quote of fact `bridge-closes` is not in source `report`; the quote has `renovations` where the source has `repairs`"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("the closest passage in the source is: \"The city will close the old bridge for repairs on Monday,\" — copy the words exactly")
    );
    assert_eq!(
        d.snippet.as_deref(),
        Some("quote = \"The city will close the old bridge for renovations on Monday\"")
    );
}

#[test]
fn unknown_source_of_a_fact_suggests_the_closest() {
    let d = only("invalid_unknown_source");
    assert_place(&d, "content/facts/bridge.toml", 5, 10);
    assert_eq!(d.message, "unknown source `reprot`");
    assert_eq!(d.help.as_deref(), Some("did you mean `report`?"));
}

#[test]
fn unknown_fact_in_an_article_citation_points_into_the_article() {
    let d = only("invalid_unknown_fact_citation");
    assert_place(&d, "content/_index.md", 7, 75);
    assert_eq!(d.message, "unknown fact `repair-costs` in a citation");
    assert_eq!(d.help.as_deref(), Some("did you mean `[@repair-cost]`?"));
}

#[test]
fn unknown_person_in_a_record_link() {
    let d = only("invalid_unknown_person_link");
    assert_place(&d, "content/_index.md", 7, 5);
    assert_eq!(d.message, "unknown person `ana-lopes`");
    assert_eq!(d.help.as_deref(), Some("did you mean `@person/ana-lopez`?"));
}

#[test]
fn unknown_fact_in_a_timeline_event() {
    let d = only("invalid_timeline_unknown_fact");
    assert_place(&d, "content/timeline.toml", 10, 10);
    assert_eq!(d.message, "unknown fact `repair-cots`");
    assert_eq!(d.help.as_deref(), Some("did you mean `repair-cost`?"));
}

#[test]
fn unknown_person_in_a_fact() {
    let d = only("invalid_fact_unknown_person");
    assert_place(&d, "content/facts/bridge.toml", 3, 11);
    assert_eq!(d.message, "unknown person `ana-lopes`");
    assert_eq!(d.help.as_deref(), Some("did you mean `ana-lopez`?"));
}

#[test]
fn duplicate_fact_id_is_one_error_at_the_second_id() {
    // One error, at the id: not also "two files at one address" for the
    // fact pages both facts would have had.
    let d = only("invalid_duplicate_fact_id");
    assert_place(&d, "content/facts/bridge.toml", 17, 6);
    assert!(d.message.contains("`bridge-closes`"), "{}", d.message);
    assert!(d.message.contains("already"), "{}", d.message);
    assert!(d.help.unwrap().contains("new id"));
}

#[test]
fn alias_reusing_another_facts_id_is_one_error_at_the_alias() {
    let d = only("invalid_alias_reuses_id");
    assert_place(&d, "content/facts/bridge.toml", 11, 12);
    assert!(d.message.contains("`bridge-closes`"), "{}", d.message);
    assert!(d.message.contains("already"), "{}", d.message);
}

#[test]
fn empty_fact_id_is_an_error_at_its_line() {
    let d = only("invalid_empty_fact_id");
    assert_place(&d, "content/facts/bridge.toml", 10, 6);
    assert_eq!(d.message, "`` cannot be a fact id");
    assert!(d
        .help
        .unwrap()
        .contains("lowercase letters, digits and hyphens"));
}

#[test]
fn superseded_fact_without_a_successor() {
    let d = only("invalid_superseded_without_successor");
    assert_place(&d, "content/facts/bridge.toml", 3, 10);
    assert_eq!(
        d.message,
        "fact `bridge-closes` is superseded but does not say by what"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("add superseded_by = \"NEW-FACT-ID\"")
    );
}

#[test]
fn superseded_by_an_unknown_fact() {
    let d = only("invalid_superseded_by_unknown");
    assert_place(&d, "content/facts/bridge.toml", 4, 17);
    assert_eq!(d.message, "unknown fact `repair-cots`");
    assert_eq!(d.help.as_deref(), Some("did you mean `repair-cost`?"));
}

#[test]
fn successor_named_but_status_is_not_superseded() {
    let d = only("invalid_successor_without_superseded_status");
    assert_place(&d, "content/facts/bridge.toml", 3, 17);
    assert_eq!(
        d.message,
        "fact `bridge-closes` names a successor but its status is reported"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("set status = \"superseded\", or remove superseded_by")
    );
}

#[test]
fn impossible_date_of_a_fact() {
    let d = only("invalid_fact_impossible_date");
    assert_place(&d, "content/facts/bridge.toml", 7, 8);
    assert_eq!(
        d.message,
        "impossible date: `2025-02-29` is not a real calendar date"
    );
    // The way out when the source gives no real date: its words.
    assert!(d.help.unwrap().contains("when = \"Monday\""));
}

#[test]
fn precision_that_disagrees_with_the_date() {
    let d = only("invalid_date_precision");
    assert_place(&d, "content/facts/bridge.toml", 8, 13);
    assert_eq!(
        d.message,
        "the date `2025-06-16` is a day, but precision says month"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("for a month, write date = \"2025-06\" (without a day)")
    );
}

#[test]
fn timeline_events_out_of_time_order() {
    // The undated event between the two dated ones is not the problem.
    let d = only("invalid_timeline_order");
    assert_place(&d, "content/timeline.toml", 14, 6);
    assert_eq!(
        d.message,
        "event `repairs-end` (2025-01) comes before `repairs-priced` (2025-06-16) in time but after it in the file"
    );
    assert!(d.help.unwrap().contains("time order"));
}

#[test]
fn timeline_event_resting_on_no_fact() {
    let d = only("invalid_event_without_facts");
    assert_place(&d, "content/timeline.toml", 8, 6);
    assert_eq!(d.message, "event `bridge-reopens` rests on no fact");
    assert!(d.help.unwrap().contains("facts = [\"FACT-ID\"]"));
}

#[test]
fn update_naming_a_page_that_does_not_exist() {
    let d = only("invalid_update_unknown_page");
    assert_place(&d, "content/updates/2026-03-02-closure.md", 5, 10);
    assert_eq!(
        d.message,
        "the update names the page `brige.md`, which does not exist"
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `bridge.md`?"));
}

#[test]
fn data_file_at_the_wrong_place() {
    let d = only("invalid_unknown_data_file");
    assert_place(&d, "content/facts.toml", 1, 1);
    assert_eq!(
        d.message,
        "casefile does not know what `content/facts.toml` is"
    );
    let help = d.help.unwrap();
    assert!(help.contains("facts/TOPIC.toml"), "{help}");
    assert!(help.contains("timeline.toml"), "{help}");
}

#[test]
fn fact_cited_by_nothing_is_a_warning_and_the_site_builds() {
    let built = build_fixture("uncited_fact", Mode::Build, |_| {});
    let summary = built.summary();
    assert_eq!(summary.warnings.len(), 1, "{:#?}", summary.warnings);
    let w = &summary.warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_place(w, "content/facts/bridge.toml", 10, 6);
    assert_eq!(w.message, "fact `repair-cost` is not cited anywhere");
    let help = w.help.as_deref().unwrap();
    assert!(help.contains("[@repair-cost]"), "{help}");
    // The fact is still published, and says that nothing cites it.
    let page = built.read("facts/repair-cost/index.html");
    assert!(page.contains("<h2>Cited in</h2>\n<p>Not cited on any page yet.</p>"));
    // `check` warns the same way.
    let checked = build_fixture("uncited_fact", Mode::Check, |_| {});
    assert_eq!(checked.summary().warnings, summary.warnings);
}

#[test]
fn many_evidence_errors_are_reported_together_and_sorted() {
    let diags = diagnostics("invalid_many_evidence_errors");
    let places: Vec<(&str, usize, usize)> = diags
        .iter()
        .map(|d| (d.file.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        places,
        [
            ("content/_index.md", 7, 28),
            ("content/facts.toml", 1, 1),
            ("content/facts/bridge.toml", 6, 9),
            ("content/facts/bridge.toml", 13, 10),
            ("content/facts/bridge.toml", 15, 8),
            ("content/timeline.toml", 5, 10),
            ("content/timeline.toml", 8, 6),
            ("content/updates/2026-03-02-closure.md", 5, 10),
        ],
        "{diags:#?}"
    );
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown fact `bridge-closed` in a citation",
            "casefile does not know what `content/facts.toml` is",
            "the quote of fact `bridge-closes` is not in source `report`; the quote has `renovations` where the source has `repairs`",
            "unknown source `reprot`",
            "impossible date: `2025-02-29` is not a real calendar date",
            "unknown fact `bridge-closed`",
            "event `bridge-reopens` rests on no fact",
            "the update names the page `_indx.md`, which does not exist",
        ]
    );
    assert!(diags.iter().all(|d| d.severity == Severity::Error));
    let built = build_fixture("invalid_many_evidence_errors", Mode::Check, |_| {});
    let text = built.result.unwrap_err().to_string();
    assert!(text.ends_with("build failed: 8 errors"), "{text}");
}

#[test]
fn third_party_resources_fail_at_their_address() {
    let diags = diagnostics("invalid_third_party_resource");
    let places: Vec<(&str, usize, usize, &str)> = diags
        .iter()
        .map(|d| (d.file.as_str(), d.line, d.column, d.message.as_str()))
        .collect();
    let expect = [
        (
            "content/articles/embeds.md",
            7,
            26,
            "third-party image: `https://cdn.example.com/chart.png`",
        ),
        // A frame is active content in itself, wherever it loads from.
        (
            "content/articles/embeds.md",
            9,
            1,
            "raw HTML `<iframe>` is not allowed in content",
        ),
        (
            "content/articles/embeds.md",
            9,
            14,
            "third-party frame: `https://video.example.net/embed/42`",
        ),
        (
            "static/css/extra.css",
            2,
            14,
            "third-party stylesheet (@import): `https://fonts.example.com/more.css`",
        ),
        (
            "static/css/extra.css",
            3,
            24,
            "third-party CSS resource (url()): `//img.example.com/bg.png`",
        ),
        (
            "templates/partials/footer.html",
            1,
            24,
            "the link to `https://social.example/explainer` does not keep",
        ),
        (
            "templates/partials/head.html",
            2,
            30,
            "third-party connection (preconnect): `https://fonts.example.com`",
        ),
        (
            "templates/partials/head.html",
            3,
            30,
            "third-party stylesheet: `https://fonts.example.com/css?family=Serif`",
        ),
    ];
    assert_eq!(places.len(), expect.len(), "{diags:#?}");
    for (got, want) in places.iter().zip(expect) {
        assert_eq!((got.0, got.1, got.2), (want.0, want.1, want.2), "{got:?}");
        assert!(
            got.3.starts_with(want.3),
            "{got:?} should start with {:?}",
            want.3
        );
    }
    for d in &diags {
        assert_eq!(d.severity, Severity::Error);
        let help = d.help.as_deref().unwrap();
        assert!(
            help.contains("static/")
                || help.contains("rel=\"noopener noreferrer\"")
                || help.starts_with("remove it"),
            "{d}"
        );
    }
    // What is fine: a plain link, the site's own absolute address, a code
    // block, a template expression, a commented-out url().
    let text: String = diags.iter().map(|d| d.message.clone()).collect();
    for fine in [
        "news.example.com",
        "example.org/chart.png",
        "in-a-code-block",
        "own.js",
        "commented",
    ] {
        assert!(!text.contains(fine), "{fine}: {text}");
    }
}

/// One citation typo is one error: the page's other citations still count,
/// so its facts are not reported as cited nowhere.
#[test]
fn a_citation_typo_does_not_make_the_pages_other_facts_uncited() {
    let (_tmp, root) = common::copy_fixture("evidence");
    let page = root.join("content/articles/money.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("[@payments-start]", "[@payments-startt]"),
    )
    .unwrap();
    let failure = casefile::site::check(&casefile::site::BuildOptions::new(&root)).unwrap_err();
    let all: Vec<String> = failure
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        all,
        ["unknown fact `payments-startt` in a citation"],
        "{all:#?}"
    );
}

/// A quote is the source's own words, whole: one that starts or ends in
/// the middle of a word ("legal aliens" from "illegal aliens", "9 million"
/// from "79 million") says the opposite or another number, and is refused
/// with the word it cuts; the same words where the source has them whole
/// are found.
#[test]
fn a_quote_that_cuts_a_word_of_its_source_is_refused() {
    let (_tmp, root) = common::copy_fixture("invalid_quote_not_in_source");
    std::fs::write(
        root.join("content/sources/report.md"),
        "+++\ntitle = \"Report on the bridge repairs\"\npublisher = \"News report\"\narchived = 2026-03-01\n+++\n\
         Officials said illegal crossings were unthinkable at the bridge.\n\
         Repairs will cost $14 million and take six months.\n\
         Crossings were unthinkable, said one; legal crossings were unthinkable, said another.\n",
    )
    .unwrap();
    let facts = |quotes: &[&str]| {
        let mut toml = String::new();
        // The home page cites the first two.
        let ids = ["bridge-closes", "repair-cost", "f2", "f3"];
        for (id, q) in ids.iter().zip(quotes) {
            toml.push_str(&format!(
                "[[fact]]\nid = \"{id}\"\nstatement = \"A statement.\"\nattribution = \"officials said\"\nsource = \"report\"\nquote = \"{q}\"\n\n"
            ));
        }
        std::fs::write(root.join("content/facts/bridge.toml"), toml).unwrap();
        let opts = casefile::site::BuildOptions::new(&root);
        match casefile::site::check(&opts) {
            Ok(_) => Vec::new(),
            Err(f) => f
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == casefile::diagnostics::Severity::Error)
                .map(|d| (d.message, d.help.unwrap_or_default(), d.line))
                .collect::<Vec<_>>(),
        }
    };

    let errors = facts(&[
        "legal crossings were",
        "thinkable at the bridge",
        "4 million and take six",
        "ficials said illegal crossings were unthink",
    ]);
    let messages: Vec<&str> = errors.iter().map(|(m, _, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            // Found whole on the third line, where the source says it.
            "the quote of fact `repair-cost` is not in source `report` as whole words: in the source, the quote starts inside the word `unthinkable`",
            "the quote of fact `f2` is not in source `report` as whole words: in the source, the quote starts inside the word `14`",
            "the quote of fact `f3` is not in source `report` as whole words: in the source, the quote starts inside the word `Officials` and ends inside the word `unthinkable`",
        ],
        "{errors:#?}"
    );
    assert!(errors
        .iter()
        .all(|(_, help, _)| help.contains("quote whole words")));
    // Each at its own quote, in the facts file.
    let lines: Vec<usize> = errors.iter().map(|(_, _, l)| *l).collect();
    assert_eq!(lines, [13, 20, 27]);

    // Punctuation is its own boundary: a quote may end before a comma or
    // start after one, and whole words are found wherever they are.
    assert_eq!(
        facts(&[
            "Crossings were unthinkable",
            "legal crossings were unthinkable",
            "$14 million",
            "unthinkable, said one;"
        ]),
        Vec::new()
    );
}

/// A third party's address is refused however it is written: as a browser
/// reads it (`/\host`, `https:\\host`), with character references in HTML,
/// escapes in CSS, or escapes in a TOML string. Each is an error at its
/// file and line, so no spelling is a way around the check.
#[test]
fn disguised_third_party_addresses_fail_too() {
    let (_tmp, root) = common::copy_fixture("evidence");
    let append = |rel: &str, text: &str| {
        let path = root.join(rel);
        let mut old = std::fs::read_to_string(&path).unwrap_or_default();
        old.push_str(text);
        std::fs::write(path, old).unwrap();
    };
    append(
        "content/articles/background.md",
        "\n\n<img src=\"https&#58;//pixel.example/a.gif\" alt=\"\">\n",
    );
    append(
        "content/glossary.toml",
        "\n[[term]]\nid = \"chart\"\nterm = \"chart\"\ndefinition = \"A picture: ![c](\\u0068ttps://cdn.example/c.png)\"\n",
    );
    std::fs::create_dir_all(root.join("static/css")).unwrap();
    append(
        "static/css/extra.css",
        "body { color: black }\nbody { background: u\\72l(https://img.example/bg.png) }\n",
    );
    std::fs::create_dir_all(root.join("templates/partials")).unwrap();
    append(
        "templates/partials/head.html",
        "<script src=\"/\\cdn.example/a.js\"></script>\n",
    );
    let opts = casefile::site::BuildOptions::new(&root);
    let diags = match casefile::site::check(&opts) {
        Ok(_) => panic!("the disguised addresses were accepted"),
        Err(f) => f.diagnostics,
    };
    let line_of = |rel: &str, needle: &str| {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    };
    let article_line = line_of("content/articles/background.md", "pixel.example");
    let glossary_line = line_of("content/glossary.toml", "cdn.example");
    let mut got: Vec<(String, usize, String)> = diags
        .iter()
        .filter(|d| d.message.starts_with("third-party"))
        .map(|d| (d.file.clone(), d.line, d.message.clone()))
        .collect();
    got.sort();
    let want = [
        (
            "content/articles/background.md",
            article_line,
            "pixel.example",
        ),
        ("content/glossary.toml", glossary_line, "cdn.example"),
        ("static/css/extra.css", 2, "img.example"),
        ("templates/partials/head.html", 1, "cdn.example"),
    ];
    assert_eq!(got.len(), want.len(), "{diags:#?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1), (w.0, w.1), "{g:?}");
        assert!(
            g.2.contains(&format!(
                "would make every reader's browser contact {}",
                w.2
            )),
            "{g:?}"
        );
    }
}

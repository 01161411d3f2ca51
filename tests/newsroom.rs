//! A journalist's workflow, as the `casefile` command runs it: a new update
//! or correction becomes a published, fed and sitemapped change with one
//! build; new records pass `check` once filled in; `check --format github`
//! annotates the changed lines of a pull request.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{copy_fixture, read};

fn casefile_in(dir: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casefile"));
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    cmd.args(args).output().expect("run casefile")
}

fn casefile(args: &[&str]) -> Output {
    casefile_in(None, args)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

#[track_caller]
fn assert_exit(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_correction_is_published_fed_and_sitemapped_with_one_build() {
    let (_tmp, root) = copy_fixture("evidence");
    let r = path(&root);

    // A correction must say what it corrects.
    let o = casefile(&["new", "correction", "Something was wrong.", "--root", r]);
    assert_exit(&o, 2);

    let o = casefile(&[
        "new",
        "correction",
        "We said payments start in August. They start in September 2025.",
        "--fact",
        "payments-start",
        "--page",
        "articles/money.md",
        "--root",
        r,
    ]);
    assert_exit(&o, 0);
    let written = stdout(&o).trim().to_string();
    let now =
        jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("America/New_York").unwrap());
    let expected = root.join(format!(
        "content/updates/{}-we-said-payments-start-in-august.md",
        now.strftime("%Y-%m-%d")
    ));
    assert_eq!(
        written,
        expected.display().to_string(),
        "prints the file it wrote"
    );
    let text = std::fs::read_to_string(&expected).unwrap();
    let offset = now.strftime("%:z").to_string();
    let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap();
    assert!(
        date_line.ends_with(&offset),
        "dated in the site's time zone ({offset}): {date_line}"
    );
    assert!(text.contains("kind = \"correction\"\n"), "{text}");
    assert!(text.contains("facts = [\"payments-start\"]\n"), "{text}");
    assert!(text.contains("pages = [\"articles/money.md\"]\n"), "{text}");
    assert!(
        text.ends_with("+++\nWe said payments start in August. They start in September 2025.\n")
    );

    // One build publishes it everywhere.
    let o = casefile(&["build", "--root", r]);
    assert_exit(&o, 0);
    let out = root.join("public");
    let atom = read(&out, "updates/atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 3);
    let newest = entries[0]
        .children()
        .find(|n| n.has_tag_name("content"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(newest.contains("They start in September 2025."), "{newest}");
    let feed: serde_json::Value = serde_json::from_str(&read(&out, "updates/feed.json")).unwrap();
    assert_eq!(feed["items"][0]["tags"][0], "correction");
    let sitemap = read(&out, "sitemap.xml");
    let day = now.strftime("%Y-%m-%d").to_string();
    assert!(
        sitemap.contains(&format!(
            "<loc>https://example.org/updates/</loc><lastmod>{day}T"
        )),
        "{sitemap}"
    );
    let money = read(&out, "articles/money/index.html");
    assert!(
        money.contains("They start in September 2025."),
        "shown on the page"
    );
    assert!(
        money.contains("\"@type\":\"CorrectionComment\""),
        "and in its JSON-LD"
    );
    let id = expected.file_stem().unwrap().to_str().unwrap();
    assert!(
        read(&out, "facts/payments-start/index.html").contains(&format!("href=\"/updates/#{id}\"")),
        "the fact links its correction"
    );

    // The correction dates what it corrects, in the same build, without git:
    // the page, its JSON-LD, the sitemap, the fact, the site's Last updated.
    let title = entries[0]
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(
        title, "Correction: We said payments start in August.",
        "titled by what changed"
    );
    let shown = now.strftime("%B %-d, %Y").to_string();
    assert!(
        money.contains(&format!("Updated <time datetime=\"{day}T")),
        "the page says Updated {day}"
    );
    assert!(
        money.contains(&format!("\"dateModified\":\"{day}T")),
        "and its JSON-LD"
    );
    for loc in ["articles/money/", "facts/payments-start/"] {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://example.org/{loc}</loc><lastmod>{day}T"
            )),
            "{loc} in the sitemap: {sitemap}"
        );
    }
    let fact = read(&out, "facts/payments-start/index.html");
    let top = &fact[..fact.find("<h2").unwrap()];
    assert!(
        top.contains("This fact has been corrected"),
        "said at the top: {top}"
    );
    assert!(
        top.contains("They start in September 2025."),
        "with its text"
    );
    assert!(
        top.contains(&format!("Updated <time datetime=\"{day}T")),
        "{top}"
    );
    let home = read(&out, "index.html");
    assert!(
        home.contains(&format!("Last updated: <time datetime=\"{day}T")) && home.contains(&shown),
        "the site's Last updated counts the correction"
    );

    // A plain update needs no links.
    let o = casefile(&["new", "update", "A hearing was scheduled.", "--root", r]);
    assert_exit(&o, 0);
    assert_exit(&casefile(&["check", "--root", r]), 0);
}

#[test]
fn new_records_pass_check_once_filled_in() {
    let (_tmp, root) = copy_fixture("evidence");
    let r = path(&root);

    let o = casefile(&["new", "source", "Board minutes of June 2025", "--root", r]);
    assert_exit(&o, 0);
    let source = std::path::PathBuf::from(stdout(&o).trim());
    assert_eq!(
        source,
        root.join("content/sources/board-minutes-of-june-2025.md")
    );
    let o = casefile(&[
        "new",
        "fact",
        "board-approved",
        "--topic",
        "money",
        "--root",
        r,
    ]);
    assert_exit(&o, 0);
    let facts = std::path::PathBuf::from(stdout(&o).trim());
    assert_eq!(facts, root.join("content/facts/money.toml"));

    // Not filled in yet: check says what is missing, where.
    let o = casefile(&["check", "--root", r]);
    assert_exit(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        err.contains("fact `board-approved` has an empty statement"),
        "{err}"
    );

    // Filled in: the source's text, and the fact quoting it.
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("publisher = \"\"", "publisher = \"The Water Board\"")
            .replace(
                "Replace this line with the document's full text, exactly as published.",
                "The board approved the contract by five votes to two.",
            ),
    )
    .unwrap();
    let text = std::fs::read_to_string(&facts).unwrap();
    // Fill in the new block only (the file's other facts stay as they are).
    let at = text.find("id = \"board-approved\"").unwrap();
    let (before, block) = text.split_at(at);
    let filled = block
        .replace(
            "statement = \"\"",
            "statement = \"The board approved the contract, five votes to two.\"",
        )
        .replace(
            "attribution = \"\"",
            "attribution = \"according to the minutes\"",
        )
        .replace("source = \"\"", "source = \"board-minutes-of-june-2025\"")
        .replace(
            "quote = \"\"",
            "quote = \"approved the contract by five votes to two\"",
        );
    std::fs::write(&facts, format!("{before}{filled}")).unwrap();
    let o = casefile(&["check", "--root", r]);
    assert_exit(&o, 0);
    // Nothing cites the new fact yet: a warning, not an error.
    assert!(String::from_utf8_lossy(&o.stderr).contains("`board-approved` is not cited"));
}

#[test]
fn check_format_github_prints_annotations_on_the_lines() {
    let (tmp, root) = copy_fixture("invalid_many_errors");
    let o = casefile(&["check", "--format", "github", "--root", path(&root)]);
    assert_exit(&o, 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "one annotation per error:\n{out}");
    assert!(
        lines.iter().any(|l| l.starts_with("::error file=")
            && l.contains("content/alpha.md,line=3,col=1,title=casefile::")),
        "{out}"
    );
    for l in &lines {
        assert!(l.starts_with("::error file="), "{l}");
        assert!(!l.contains('\n'));
    }
    // The human report is still on stderr.
    assert!(String::from_utf8_lossy(&o.stderr).contains("--> content/alpha.md:3:1"));

    // Run from the repository root with --root site: paths from the root.
    let o = casefile_in(
        Some(tmp.path()),
        &["check", "--format", "github", "--root", "site"],
    );
    assert_exit(&o, 1);
    assert!(
        stdout(&o).contains("::error file=site/content/alpha.md,line=3,col=1,"),
        "{}",
        stdout(&o)
    );
    let o = casefile_in(Some(&root), &["build", "--format", "github"]);
    assert_exit(&o, 1);
    assert!(stdout(&o).contains("::error file=content/alpha.md,line=3,col=1,"));

    // A clean site prints no annotation.
    let (_t, ok) = copy_fixture("minimal");
    let o = casefile(&["check", "--format", "github", "--root", path(&ok)]);
    assert_exit(&o, 0);
    assert!(!stdout(&o).contains("::error"));
}

#[test]
fn the_workflow_uses_github_actions_only() {
    let yml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/casefile.yml"),
    )
    .unwrap();
    let uses: Vec<&str> = yml
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        .collect();
    assert!(uses.len() >= 3, "{uses:?}");
    for u in uses {
        assert!(
            u.starts_with("actions/"),
            "{u} is not one of GitHub's own actions"
        );
    }
    assert!(yml.contains("casefile check --format github"));
    assert!(
        yml.contains("--since \"${{ github.event.pull_request.base.sha }}\""),
        "pull requests are checked for silent edits against their base"
    );
    assert!(yml.contains("pull_request"));
    assert!(yml.contains("fetch-depth: 0"));
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `casefile new` checks what it is given before it writes anything.
#[test]
fn new_checks_its_arguments_against_the_site_first() {
    let (tmp, root) = copy_fixture("evidence");
    let r = path(&root);
    let before = common::list_files(tmp.path());
    for (args, says) in [
        (
            vec!["correction", "x."],
            "a correction must say what it corrects",
        ),
        (
            vec!["correction", "x.", "--fact", "payments-strat"],
            "did you mean `payments-start`?",
        ),
        (
            vec!["update", "x.", "--page", "articles/mony.md"],
            "did you mean --page articles/money.md?",
        ),
        (
            vec![
                "correction",
                "x.",
                "--page",
                "https://example.org/articles/money/",
            ],
            "name the page by its content path: --page articles/money.md",
        ),
        (
            vec!["correction", "x.", "--page", "/articles/money/"],
            "--page articles/money.md",
        ),
        (
            vec!["correction", "x.", "--removed", "payments-start"],
            "fact `payments-start` is still on the site",
        ),
        (
            vec!["fact", "new-one", "--topic", ""],
            "has no letters or digits to name a facts file",
        ),
        (vec!["fact", "New One"], "cannot be the id of a new fact"),
        (
            vec!["fact", "payments-start", "--topic", "other"],
            "the id `payments-start` is already taken by another fact",
        ),
        (vec!["event", "audit"], "already taken by another event"),
        (
            vec!["person", "jane-doe"],
            "already taken by another person",
        ),
        (
            vec!["source", "City report"],
            "there is already a source `city-report`",
        ),
    ] {
        let mut full = vec!["new"];
        full.extend(&args);
        full.extend(["--root", r]);
        let o = casefile(&full);
        assert_exit(&o, 2);
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(
        common::list_files(tmp.path()),
        before,
        "nothing was written"
    );
}

/// Every new record fails `check` by naming its empty fields, and passes
/// once they are filled in; `init` keeps the output out of git.
#[test]
fn new_records_of_every_kind_name_what_is_still_empty() {
    let (_tmp, root) = copy_fixture("evidence");
    let r = path(&root);
    for kind in ["event", "lawsuit", "person", "term"] {
        assert_exit(&casefile(&["new", kind, "fresh", "--root", r]), 0);
    }
    let err = stderr(&casefile(&["check", "--root", r]));
    for says in [
        "event `fresh` has an empty `title`",
        "event `fresh` rests on no fact",
        "lawsuit `fresh` has an empty `title`",
        "person `fresh` has an empty `name`",
        "person `fresh` has an empty `role`",
        "glossary entry `fresh` has an empty term",
    ] {
        assert!(err.contains(says), "{says}: {err}");
    }
    let fill = |file: &str, pairs: &[(&str, &str)]| {
        let p = root.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        let at = text.find("id = \"fresh\"").unwrap();
        let (head, mut tail) = (text[..at].to_string(), text[at..].to_string());
        for (from, to) in pairs {
            tail = tail.replacen(from, to, 1);
        }
        std::fs::write(p, head + &tail).unwrap();
    };
    fill(
        "content/timeline.toml",
        &[
            ("title = \"\"", "title = \"A hearing\""),
            ("facts = []", "facts = [\"audit-found-leaks\"]"),
        ],
    );
    fill(
        "content/lawsuits.toml",
        &[
            ("title = \"\"", "title = \"A suit\""),
            ("facts = []", "facts = [\"audit-found-leaks\"]"),
        ],
    );
    fill(
        "content/people.toml",
        &[
            ("name = \"\"", "name = \"A. Person\""),
            ("role = \"\"", "role = \"spokesperson\""),
        ],
    );
    fill(
        "content/glossary.toml",
        &[
            ("term = \"\"", "term = \"fresh\""),
            ("definition = \"\"", "definition = \"New.\""),
        ],
    );
    let o = casefile(&["check", "--root", r]);
    assert_exit(&o, 0);

    // An article: its placeholder is a warning while it is a draft, an
    // error once published.
    let o = casefile(&["new", "article", "Draft news", "--root", r]);
    assert_exit(&o, 0);
    let article = std::path::PathBuf::from(stdout(&o).trim());
    let o = casefile(&["check", "--drafts", "--root", r]);
    assert_exit(&o, 0);
    assert!(stderr(&o).contains("still holds the placeholder text of `casefile new article`"));
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("draft = true", "draft = false")).unwrap();
    let o = casefile(&["check", "--root", r]);
    assert_exit(&o, 1);
    assert!(
        stderr(&o).contains("still holds the placeholder text"),
        "{}",
        stderr(&o)
    );

    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("new-site");
    assert_exit(&casefile(&["init", path(&site)]), 0);
    assert_eq!(
        std::fs::read_to_string(site.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("/public/")
    );
}

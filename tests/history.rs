//! No silent edits: `check --since REV` refuses a fact whose words changed,
//! or that disappeared, since a git revision unless an update or
//! correction dated after it says so; pages changed without one get a
//! warning; each fact page and `/data/facts.json` carry the fact's history.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{copy_fixture, read};

/// Runs git in `root` with a fixed identity and commit time.
fn git(root: &Path, date: &str, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=Desk",
            "-c",
            "user.email=desk@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The evidence fixture as a repository with one commit on 2026-01-20.
fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = copy_fixture("evidence");
    git(&root, "2026-01-20T12:00:00Z", &["init", "-q", "-b", "main"]);
    git(&root, "2026-01-20T12:00:00Z", &["add", "."]);
    git(
        &root,
        "2026-01-20T12:00:00Z",
        &["commit", "-q", "-m", "Published"],
    );
    git(&root, "2026-01-20T12:00:00Z", &["tag", "published"]);
    (tmp, root)
}

fn casefile(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casefile"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run casefile")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn correction(root: &Path, name: &str, date: &str, front: &str, text: &str) {
    std::fs::write(
        root.join(format!("content/updates/{name}.md")),
        format!("+++\ndate = {date}\nkind = \"correction\"\n{front}+++\n{text}\n"),
    )
    .unwrap();
}

const STATEMENT: &str = "statement = \"Payments start in September 2025.\"";
const CHANGED: &str = "statement = \"Payments start in October 2025.\"";

#[test]
fn a_silent_change_of_a_fact_is_refused_until_a_correction_names_it() {
    let (_tmp, root) = repo();
    assert!(casefile(&root, &["check", "--since", "published"])
        .status
        .success());

    edit(&root, "content/facts/money.toml", STATEMENT, CHANGED);
    for cmd in ["check", "build"] {
        let o = casefile(&root, &[cmd, "--since", "published"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {err}");
        assert!(
            err.contains("fact `payments-start` changed since `published` and no update or correction says so: its statement was “Payments start in September 2025.” and is now “Payments start in October 2025.”"),
            "{err}"
        );
        assert!(err.contains("--> content/facts/money.toml:25:6"), "{err}");
        assert!(err.contains("casefile new correction \"What was wrong and what is right.\" --fact payments-start"), "{err}");
    }
    // Spacing alone is not a change of words.
    edit(
        &root,
        "content/facts/money.toml",
        CHANGED,
        STATEMENT.replace("start in", "start   in").as_str(),
    );
    assert!(casefile(&root, &["check", "--since", "published"])
        .status
        .success());

    edit(&root, "content/facts/money.toml", "start   in", "start in");
    edit(&root, "content/facts/money.toml", STATEMENT, CHANGED);
    // An update dated before the revision does not count.
    correction(
        &root,
        "2026-01-15-old",
        "2026-01-15",
        "facts = [\"payments-start\"]\n",
        "Too early.",
    );
    assert_eq!(
        casefile(&root, &["check", "--since", "published"])
            .status
            .code(),
        Some(1)
    );
    correction(
        &root,
        "2026-02-01-payments",
        "2026-02-01T09:00:00-05:00",
        "facts = [\"payments-start\"]\n",
        "We said September; payments start in October 2025.",
    );
    let o = casefile(&root, &["check", "--since", "published"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // The configuration can name the revision; --since wins.
    std::fs::remove_file(root.join("content/updates/2026-02-01-payments.md")).unwrap();
    let config = std::fs::read_to_string(root.join("casefile.toml")).unwrap();
    std::fs::write(
        root.join("casefile.toml"),
        format!("{config}\n[publish]\nsince = \"published\"\n"),
    )
    .unwrap();
    assert_eq!(casefile(&root, &["check"]).status.code(), Some(1));
    assert_eq!(casefile(&root, &["build"]).status.code(), Some(1));
    assert!(
        casefile(&root, &["check", "--since", "HEAD~0"])
            .status
            .code()
            == Some(1)
    );
}

#[test]
fn a_fact_may_leave_only_on_the_record() {
    let (_tmp, root) = repo();
    let file = root.join("content/facts/money.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("[[fact]]\nid = \"old-price\"").unwrap();
    // old-price is the last fact of the file.
    std::fs::write(&file, &text[..start]).unwrap();
    edit(&root, "content/articles/money.md", "[@old-price]", "");
    let o = casefile(&root, &["check", "--since", "published"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("fact `old-price` (“An earlier draft put the price at $3 million.”) was on the site at `published` and is gone"), "{err}");
    assert!(err.contains("--removed old-price"), "{err}");
    // A correction that records the removal lets it go; one that names a
    // fact still on the site as removed is an error.
    correction(
        &root,
        "2026-02-01-removed",
        "2026-02-01",
        "removed = [\"old-price\", \"contract-value\"]\n",
        "We removed the draft price.",
    );
    let err = stderr(&casefile(&root, &["check", "--since", "published"]));
    assert!(
        err.contains("fact `contract-value` is still on the site"),
        "{err}"
    );
    assert!(!err.contains("is gone"), "{err}");
    correction(
        &root,
        "2026-02-01-removed",
        "2026-02-01",
        "removed = [\"old-price\"]\n",
        "We removed the draft price.",
    );
    let o = casefile(&root, &["check", "--since", "published"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn renames_through_aliases_are_not_changes_but_a_new_status_is() {
    let (_tmp, root) = repo();
    edit(
        &root,
        "content/facts/money.toml",
        "id = \"payments-start\"",
        "id = \"payments-begin\"\naliases = [\"payments-start\"]",
    );
    let o = casefile(&root, &["check", "--since", "published"]);
    assert!(o.status.success(), "{}", stderr(&o));
    edit(
        &root,
        "content/facts/money.toml",
        "aliases = [\"payments-start\"]",
        "aliases = [\"payments-start\"]\nstatus = \"disputed\"",
    );
    let err = stderr(&casefile(&root, &["check", "--since", "published"]));
    assert!(
        err.contains("fact `payments-begin` changed since `published`"),
        "{err}"
    );
    assert!(
        err.contains("its status was “reported” and is now “disputed”"),
        "{err}"
    );
}

#[test]
fn a_changed_page_is_a_warning_unless_an_update_names_it() {
    let (_tmp, root) = repo();
    let page = root.join("content/articles/background.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nA new paragraph of substance.\n")).unwrap();
    let o = casefile(&root, &["check", "--since", "published"]);
    let err = stderr(&o);
    assert!(o.status.success(), "a warning, not an error: {err}");
    assert!(err.contains("warning: the text of `articles/background.md` changed since `published` and no update or correction names the page"), "{err}");
    assert!(err.contains("a typo fix needs nothing"), "{err}");
    std::fs::write(
        root.join("content/updates/2026-02-01-background.md"),
        "+++\ndate = 2026-02-01\nkind = \"update\"\npages = [\"articles/background.md\"]\n+++\nWe added a paragraph.\n",
    )
    .unwrap();
    let err = stderr(&casefile(&root, &["check", "--since", "published"]));
    assert!(!err.contains("articles/background.md` changed"), "{err}");
}

#[test]
fn an_unknown_revision_or_no_repository_is_an_error_that_says_so() {
    let (_tmp, root) = repo();
    let err = stderr(&casefile(&root, &["check", "--since", "v9.9"]));
    assert!(
        err.contains("--since: there is no revision `v9.9` in this repository"),
        "{err}"
    );
    let (_tmp2, plain) = copy_fixture("evidence");
    let o = casefile(&plain, &["check", "--since", "main"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the site is not in a git repository"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn each_fact_page_and_the_open_data_carry_its_history() {
    let (_tmp, root) = repo();
    edit(&root, "content/facts/money.toml", STATEMENT, CHANGED);
    correction(
        &root,
        "2026-02-01-payments",
        "2026-02-01T09:00:00-05:00",
        "facts = [\"payments-start\"]\n",
        "We said September; payments start in October 2025.",
    );
    git(&root, "2026-02-02T15:00:00Z", &["add", "."]);
    git(
        &root,
        "2026-02-02T15:00:00Z",
        &["commit", "-q", "-m", "Correction"],
    );
    let o = casefile(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = root.join("public");
    let page = read(&out, "facts/payments-start/index.html");
    let history = &page[page.find("<h2>History</h2>").expect("a history")..];
    common::assert_in_order(
        history,
        &[
            "Added on <time datetime=\"2026-01-20\">January 20, 2026</time>.",
            "Changed on <time datetime=\"2026-02-02\">February 2, 2026</time>: the statement was “Payments start in September 2025.” and became “Payments start in October 2025.”",
            "href=\"/updates/#2026-02-01-payments\">Correction: We said September; payments start in October 2025.</a>",
        ],
    );
    // A fact never changed has only its addition.
    let other = read(&out, "facts/contract-value/index.html");
    assert!(
        other.contains("Added on <time datetime=\"2026-01-20\">"),
        "{other}"
    );
    assert!(!other.contains("Changed on"));

    let data: serde_json::Value = serde_json::from_str(&read(&out, "data/facts.json")).unwrap();
    let fact = data["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "payments-start")
        .unwrap();
    assert_eq!(
        fact["history"],
        serde_json::json!([
            {"change": "added", "date": "2026-01-20", "fields": [], "update": null},
            {"change": "changed", "date": "2026-02-02", "fields": [{"field": "statement", "was": "Payments start in September 2025.", "now": "Payments start in October 2025."}], "update": "2026-02-01-payments"}
        ])
    );
    let schema: serde_json::Value =
        serde_json::from_str(&read(&out, "data/facts.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&data), "facts.json follows its schema");

    // Without git, nothing is guessed.
    let (_tmp2, plain) = copy_fixture("evidence");
    assert!(casefile(&plain, &["build"]).status.success());
    let page = read(&plain.join("public"), "facts/payments-start/index.html");
    assert!(!page.contains("History"), "no history without git");
    let data: serde_json::Value =
        serde_json::from_str(&read(&plain.join("public"), "data/facts.json")).unwrap();
    assert!(data["facts"][0]["history"].is_null());
}

/// The `bilingual` fixture as a repository with one commit, its second
/// language `lang` (`es` as written; another has its files renamed and
/// the Spanish interface strings as its own).
fn bilingual_repo(lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = copy_fixture("bilingual");
    if lang != "es" {
        let from = ".es.";
        let to = format!(".{lang}.");
        let paths: Vec<_> = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .collect();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.contains(from) {
                std::fs::rename(&path, path.with_file_name(name.replace(from, &to))).unwrap();
            }
        }
        edit(
            &root,
            "casefile.toml",
            "[languages.es]",
            &format!("[languages.{lang}]"),
        );
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/builtin/i18n/es.toml"),
            root.join(format!("i18n/{lang}.toml")),
        )
        .unwrap();
    }
    git(&root, "2026-01-20T12:00:00Z", &["init", "-q", "-b", "main"]);
    git(&root, "2026-01-20T12:00:00Z", &["add", "."]);
    git(
        &root,
        "2026-01-20T12:00:00Z",
        &["commit", "-q", "-m", "Published"],
    );
    git(&root, "2026-01-20T12:00:00Z", &["tag", "published"]);
    (tmp, root)
}

/// A fact's translation says the same fact in other words: it is not a
/// version of the fact. Whether the translations' files come before the
/// originals in git's order (`money.es.toml`) or after (`money.vi.toml`),
/// an unchanged site has changed nothing since a revision, a changed fact
/// is the one error, and the fact's history holds only its own words.
#[test]
fn translations_of_facts_are_not_versions_of_them() {
    for lang in ["es", "vi"] {
        let (_tmp, root) = bilingual_repo(lang);
        let o = casefile(&root, &["check", "--since", "published"]);
        assert!(o.status.success(), "{lang}: {}", stderr(&o));
        assert!(
            !stderr(&o).contains("changed since"),
            "{lang}: {}",
            stderr(&o)
        );

        edit(&root, "content/facts/money.toml", STATEMENT, CHANGED);
        let o = casefile(&root, &["check", "--since", "published"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{lang}: {err}");
        assert_eq!(
            err.matches("changed since `published`").count(),
            1,
            "{lang}: {err}"
        );
        assert!(
            err.contains("fact `payments-start` changed since `published` and no update or correction says so: its statement was “Payments start in September 2025.” and is now “Payments start in October 2025.”"),
            "{lang}: {err}"
        );

        correction(
            &root,
            "2026-02-01-payments",
            "2026-02-01T09:00:00-05:00",
            "facts = [\"payments-start\"]\n",
            "We said September; payments start in October 2025.",
        );
        git(&root, "2026-02-02T15:00:00Z", &["add", "."]);
        git(
            &root,
            "2026-02-02T15:00:00Z",
            &["commit", "-q", "-m", "Correction"],
        );
        let o = casefile(&root, &["build"]);
        assert!(o.status.success(), "{lang}: {}", stderr(&o));
        let out = root.join("public");
        let page = read(&out, "facts/payments-start/index.html");
        let history = &page[page.find("<h2>History</h2>").expect("a history")..];
        assert_eq!(
            history.matches("Changed on").count(),
            1,
            "{lang}: {history}"
        );
        assert!(
            history.contains("the statement was “Payments start in September 2025.” and became “Payments start in October 2025.”"),
            "{lang}: {history}"
        );
        assert!(!history.contains("Los pagos"), "{lang}: {history}");
        // A fact whose translation never changed was never changed.
        let other = read(&out, "facts/contract-value/index.html");
        assert!(!other.contains("Changed on"), "{lang}: {other}");
    }
}

//! The `casefile` command, run as a user runs it: exit codes, what goes to
//! stdout and stderr, and what it leaves on disk.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{copy_fixture, list_files};

fn casefile(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casefile"))
        .args(args)
        .output()
        .expect("run casefile")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_exit(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
}

#[test]
fn good_build_exits_0_with_a_one_line_summary() {
    let (_tmp, root) = copy_fixture("full");
    let o = casefile(&["build", "--root", path(&root)]);
    assert_exit(&o, 0);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    let line = lines[0];
    assert!(
        line.starts_with("Built 12 pages, 4 sections, 2 taxonomy terms, "),
        "{line}"
    );
    let files = line
        .split(" taxonomy terms, ")
        .nth(1)
        .and_then(|rest| rest.split(" files in ").next())
        .unwrap_or_default();
    // Every file of the site, and the marker that makes it a casefile output.
    let written = list_files(&root.join("public"));
    assert!(written.iter().any(|f| f == ".casefile-output"));
    assert_eq!(
        files.parse::<usize>().ok(),
        Some(written.len() - 1),
        "file count: {line}"
    );
    let ms = line
        .split(" files in ")
        .nth(1)
        .and_then(|rest| rest.split(" ms into ").next())
        .unwrap_or_default();
    assert!(ms.parse::<u64>().is_ok(), "time in ms: {line}");
    assert!(line.ends_with(&format!("into {}", root.join("public").display())));
    assert_eq!(stderr(&o), "", "no warnings expected");
    assert!(root.join("public/index.html").is_file());
}

#[test]
fn output_and_jobs_flags_are_honoured() {
    let (tmp, root) = copy_fixture("minimal");
    let out = tmp.path().join("elsewhere");
    let o = casefile(&[
        "build",
        "--root",
        path(&root),
        "--output",
        path(&out),
        "-j",
        "1",
        "--base-url",
        "https://example.com/sub/",
    ]);
    assert_exit(&o, 0);
    assert!(!root.join("public").exists());
    let home = common::read(&out, "index.html");
    assert!(home.contains("href=\"/sub/style.css\""), "{home}");
}

#[test]
fn content_errors_exit_1_with_file_line_col() {
    let (_tmp, root) = copy_fixture("invalid_many_errors");
    let o = casefile(&["build", "--root", path(&root)]);
    assert_exit(&o, 1);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    for place in [
        "--> content/alpha.md:3:1",
        "--> content/beta.md:5:3",
        "--> content/beta.md:7:1",
        "--> content/delta.md:3:8",
        "--> templates/section.html:5:4",
    ] {
        assert!(err.contains(place), "{place} missing from:\n{err}");
    }
    assert!(err.contains("build failed: 5 errors"), "{err}");
    assert!(err.contains("was left untouched"), "{err}");
    assert!(!root.join("public").exists());

    let o = casefile(&["check", "--root", path(&root)]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("--> content/alpha.md:3:1"));
}

#[test]
fn usage_errors_exit_2() {
    // Unknown flag.
    let o = casefile(&["build", "--frobnicate"]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("--frobnicate"), "{}", stderr(&o));
    // No subcommand, unknown subcommand.
    assert_exit(&casefile(&[]), 2);
    assert_exit(&casefile(&["publish"]), 2);
    // Not a site folder: every command that needs one says how to fix it.
    let empty = tempfile::tempdir().unwrap();
    let root = path(empty.path());
    for args in [
        vec!["build", "--root", root],
        vec!["check", "--root", root],
        vec!["serve", "--root", root, "--port", "0"],
        vec!["new", "article", "A title", "--root", root],
    ] {
        let o = casefile(&args);
        assert_exit(&o, 2);
        let err = stderr(&o);
        assert!(
            err.contains("is not a casefile site (no casefile.toml)"),
            "{args:?}: {err}"
        );
        assert!(err.contains("casefile init DIR"), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn every_subcommand_has_help() {
    for (sub, flag) in [
        ("build", "--output"),
        ("check", "--drafts"),
        ("serve", "--port"),
        ("init", "<DIR>"),
        ("new", "correction"),
        ("new correction", "--removed"),
        ("new fact", "--topic"),
    ] {
        let mut args: Vec<&str> = sub.split(' ').collect();
        args.push("--help");
        let o = casefile(&args);
        assert_exit(&o, 0);
        let out = stdout(&o);
        assert!(out.contains(&format!("Usage: casefile {sub}")), "{out}");
        assert!(out.contains(flag), "{sub}: {out}");
        // The description comes first, and says it once.
        let first = out.lines().next().unwrap_or_default();
        let opening: Vec<&str> = first.split_whitespace().take(3).collect();
        assert_eq!(opening.len(), 3, "{sub}: {out}");
        assert_eq!(out.matches(&opening.join(" ")).count(), 1, "{sub}: {out}");
    }
    let o = casefile(&["--help"]);
    assert_exit(&o, 0);
    for sub in ["build", "check", "serve", "init", "new"] {
        assert!(stdout(&o).contains(sub));
    }
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-explainer");
    let o = casefile(&["init", path(&dir)]);
    assert_exit(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("created "), "{out}");
    assert!(out.contains("Next: casefile serve --root"), "{out}");
    assert!(dir.join("casefile.toml").is_file());

    let o = casefile(&["build", "--root", path(&dir)]);
    assert_exit(&o, 0);
    let home = common::read(&dir.join("public"), "index.html");
    assert!(home.contains("<h1>my explainer</h1>"), "{home}");

    // A second init into the same, now non-empty, folder is refused.
    let o = casefile(&["init", path(&dir)]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("already exists and is not empty"));
}

#[test]
fn new_article_passes_check_with_drafts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    assert_exit(&casefile(&["init", path(&dir)]), 0);

    let o = casefile(&["new", "article", "Some Title", "--root", path(&dir)]);
    assert_exit(&o, 0);
    let printed = stdout(&o).trim().to_string();
    let file = dir.join("content/articles/some-title.md");
    assert_eq!(Path::new(&printed), file);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("+++\ntitle = \"Some Title\"\n"), "{text}");

    let o = casefile(&["check", "--root", path(&dir), "--drafts"]);
    assert_exit(&o, 0);
    assert!(stdout(&o).contains("no errors"), "{}", stdout(&o));

    // It is a draft: built only with --drafts.
    assert_exit(&casefile(&["build", "--root", path(&dir)]), 0);
    assert!(!dir.join("public/articles/some-title/index.html").exists());
    assert_exit(&casefile(&["build", "--root", path(&dir), "--drafts"]), 0);
    let page = common::read(&dir.join("public"), "articles/some-title/index.html");
    assert!(page.contains("<h1>Some Title</h1>"), "{page}");

    // The same title again, and an unknown kind, are refused.
    let o = casefile(&["new", "article", "Some Title", "--root", path(&dir)]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("already exists"));
    let o = casefile(&["new", "artcle", "Other", "--root", path(&dir)]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("a similar subcommand exists: 'article'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_writes_nothing() {
    let (tmp, root) = copy_fixture("full");
    let before = list_files(tmp.path());
    let o = casefile(&["check", "--root", path(&root)]);
    assert_exit(&o, 0);
    let out = stdout(&o);
    assert!(
        out.starts_with("Checked 12 pages, 4 sections, 2 taxonomy terms, "),
        "{out}"
    );
    assert!(out.trim_end().ends_with(": no errors"), "{out}");
    assert_eq!(list_files(tmp.path()), before);
    assert!(!root.join("public").exists());
}

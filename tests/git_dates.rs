//! Last-modified dates from git history: a page's `updated` is its front
//! matter's when it says so, else its last commit when that is later than
//! its date; without git nothing changes.

mod common;

use std::path::Path;
use std::process::Command;

use casefile::site::{self, BuildOptions};
use common::{copy_fixture, read};

/// Runs git in `dir` with fixed identities and the given commit date.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn meta(html: &str, property: &str) -> Option<String> {
    let needle = format!("<meta property=\"{property}\" content=\"");
    let start = html.find(&needle)? + needle.len();
    Some(html[start..start + html[start..].find('"')?].to_string())
}

#[test]
fn updated_dates_come_from_the_last_commit_unless_front_matter_says_so() {
    let (_tmp, root) = copy_fixture("full");
    // Everything committed on the day of the first article...
    git(&root, "2026-01-15T12:00:00Z", &["init", "-q"]);
    git(&root, "2026-01-15T12:00:00Z", &["add", "-A"]);
    git(
        &root,
        "2026-01-15T12:00:00Z",
        &["commit", "-q", "-m", "first"],
    );
    // ...then two pages edited in April: `first.md` has no `updated`, so
    // its commit counts; `second.md` says `updated = 2026-03-01`, which wins.
    for page in ["content/articles/first.md", "content/articles/second.md"] {
        let p = root.join(page);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text + "\nA later paragraph.\n").unwrap();
    }
    git(
        &root,
        "2026-04-02T14:30:00Z",
        &["commit", "-q", "-a", "-m", "edit"],
    );

    let opts = BuildOptions::new(&root);
    let summary = site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let out = opts.output_dir();

    let first = read(&out, "articles/first/index.html");
    assert_eq!(
        meta(&first, "article:modified_time").as_deref(),
        Some("2026-04-02T10:30:00-04:00"),
        "the commit, in the site's time zone"
    );
    assert!(
        first.contains("<time datetime=\"2026-04-02T10:30:00-04:00\">"),
        "the page shows its update"
    );
    let second = read(&out, "articles/second/index.html");
    assert_eq!(
        meta(&second, "article:modified_time").as_deref(),
        Some("2026-03-01"),
        "front matter wins"
    );
    let sitemap = read(&out, "sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/articles/first/</loc><lastmod>2026-04-02T10:30:00-04:00</lastmod>"
        ),
        "{sitemap}"
    );

    // A page committed on or before its own date keeps its date alone.
    let third = read(&out, "articles/third/index.html");
    let published = meta(&third, "article:published_time");
    assert_eq!(meta(&third, "article:modified_time"), published);

    // Same repository, same bytes.
    let again = tempfile::tempdir().unwrap();
    let opts2 = BuildOptions {
        output: Some(again.path().join("out")),
        ..BuildOptions::new(&root)
    };
    site::build(&opts2).unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(
        first,
        read(&again.path().join("out"), "articles/first/index.html")
    );
}

#[test]
fn without_git_the_front_matter_alone_counts() {
    // A fixture copy in a temp folder is in no repository.
    let (_tmp, root) = copy_fixture("full");
    let opts = BuildOptions::new(&root);
    site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    let first = read(&opts.output_dir(), "articles/first/index.html");
    assert_eq!(
        meta(&first, "article:modified_time"),
        meta(&first, "article:published_time")
    );
}

//! Inputs hostile by their size or shape: many headings, links, citations,
//! terms or records on one page, huge sources. Work must stay linear in the
//! input. No test here is timed: each either counts what it asserts (how
//! many errors got a "did you mean", how long a help is) or uses a size that
//! takes a fraction of the test's time when linear and minutes when
//! quadratic, as its comment says.

mod common;

use casefile::site::{self, BuildOptions};
use common::copy_fixture;

/// A page with valid front matter and `body` as its markdown.
fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n\n{body}")
}

/// Writes `files` (path under `content/`, text) into a copy of fixture
/// `name` and checks it (writing nothing).
fn check_with(
    name: &str,
    files: &[(&str, String)],
) -> (tempfile::TempDir, Result<site::Summary, site::Failure>) {
    let (tmp, root) = copy_fixture(name);
    for (rel, text) in files {
        let path = root.join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let result = site::check(&BuildOptions::new(&root));
    (tmp, result)
}

/// Links to anchors of another page are looked up in a set of its ids, by
/// size: 100,000 headings and a link to each check in about 3 s of a debug
/// build; searching the list of ids for each link (5 billion comparisons)
/// took about a minute (13 s at half the size).
#[test]
fn many_anchors_to_another_page_are_checked_in_linear_time() {
    let n = 100_000;
    let headings: String = (0..n).map(|i| format!("## H{i}\n\n")).collect();
    let links: String = (0..n).map(|i| format!("[x](@/target.md#h{i}) ")).collect();
    let (_tmp, result) = check_with(
        "minimal",
        &[
            ("target.md", page("Target", &headings)),
            ("links.md", page("Links", &links)),
        ],
    );
    if let Err(f) = result {
        panic!("{}", f.errors().next().unwrap());
    }
}

/// Broken anchors to a page of many headings: only the first ones of a
/// page are compared with every id for a "did you mean", and the help of
/// the others lists only a few ids, so the report stays linear in the
/// number of broken links (listing all 30 ids in each of 105 helps, and
/// 20,000 in each of 20,000, made a 900 MB report).
#[test]
fn broken_anchors_to_a_page_of_many_headings_have_short_helps() {
    let headings: String = (0..30).map(|i| format!("## Mission {i}\n\n")).collect();
    let links = "[x](@/target.md#mision-1) ".repeat(105);
    let (_tmp, result) = check_with(
        "minimal",
        &[
            ("target.md", page("Target", &headings)),
            ("links.md", page("Links", &links)),
        ],
    );
    let failure = result.unwrap_err();
    let helps: Vec<&str> = failure
        .errors()
        .map(|d| d.help.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(helps.len(), 105);
    assert!(
        helps[..100]
            .iter()
            .all(|h| *h == "did you mean `@/target.md#mission-1`?"),
        "{helps:?}"
    );
    let listed: String = (0..20)
        .map(|i| format!("mission-{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        helps[100..]
            .iter()
            .all(|h| *h == format!("link to one of its headings: {listed} and 10 more")),
        "{:?}",
        &helps[100..]
    );
}

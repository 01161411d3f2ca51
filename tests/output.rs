//! What a build leaves on disk: the same bytes whatever the thread count,
//! and never a half-written site.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use casefile::site::{self, BuildOptions};
use common::{copy_fixture, list_files};

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.ends_with(".old"))
        .collect()
}

#[test]
fn output_is_the_same_on_one_thread_and_on_eight() {
    let (tmp, root) = copy_fixture("full");
    let one = tmp.path().join("out-1");
    let eight = tmp.path().join("out-8");
    for (out, threads) in [(&one, 1), (&eight, 8)] {
        let opts = BuildOptions {
            output: Some(out.clone()),
            threads: Some(threads),
            ..BuildOptions::new(&root)
        };
        site::build(&opts).unwrap_or_else(|f| panic!("{threads} threads: {f}"));
    }
    let (a, b) = (snapshot(&one), snapshot(&eight));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same files"
    );
    assert!(a.contains_key("articles/first/index.html") && a.contains_key("syntax.css"));
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs between 1 and 8 threads");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let (_tmp, root) = copy_fixture("full");
    let opts = BuildOptions::new(&root);
    let out = opts.output_dir();
    site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    let before = snapshot(&out);
    assert!(before.contains_key("articles/first/index.html"));

    // Break a page and build again.
    let page = root.join("content/articles/first.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, good.replacen("title = ", "title = \"unclosed", 1)).unwrap();
    let failure = site::build(&opts).expect_err("a broken page fails the build");
    assert!(failure
        .errors()
        .any(|d| d.file == "content/articles/first.md"));

    assert!(
        snapshot(&out) == before,
        "the previous site must be byte-identical"
    );
    assert_eq!(
        staging_leftovers(&root),
        Vec::<String>::new(),
        "no staging folder beside the output"
    );

    // Fixed, the next build replaces the site, again leaving nothing beside it.
    std::fs::write(
        &page,
        good.replace("The First Article", "The Revised First Article"),
    )
    .unwrap();
    site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    let html = common::read(&out, "articles/first/index.html");
    assert!(html.contains("<h1>The Revised First Article</h1>"));
    assert_eq!(staging_leftovers(&root), Vec::<String>::new());
}

#[test]
fn files_no_longer_produced_disappear_from_the_output() {
    let (_tmp, root) = copy_fixture("full");
    let opts = BuildOptions::new(&root);
    let out = opts.output_dir();
    site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    assert!(out.join("img/pixel.png").is_file());
    std::fs::remove_file(root.join("static/img/pixel.png")).unwrap();
    std::fs::remove_file(root.join("content/articles/third.md")).unwrap();
    site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    assert!(!out.join("img/pixel.png").exists());
    assert!(!out.join("articles/third/index.html").exists());
    // Without the site's own robots.txt, casefile writes one.
    let robots = std::fs::read_to_string(root.join("static/robots.txt")).unwrap();
    assert_eq!(common::read(&out, "robots.txt"), robots);
    std::fs::remove_file(root.join("static/robots.txt")).unwrap();
    site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    assert!(common::read(&out, "robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
}

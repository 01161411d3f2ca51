//! Search, as a reader uses it, in headless Chromium: the explainer is
//! built into a temp dir, served on 127.0.0.1 (gzipped, like a typical
//! host) and searched by `tests/browser/search.mjs`.
//!
//! Checked: "social security" puts the fact about Social Security numbers
//! first; "lawsuit" finds the twenty states' lawsuits; "urgent" finds the
//! "Hold DHS Access — URGENT" message first; "medicad" still finds Medicaid,
//! and so do typos in the first two letters; a query of markup renders as
//! text; `?q=` survives a reload; the header field leads to the results;
//! arrows, Escape and Space on a filter work from the keyboard; filters
//! narrow the results, their counts add up and they stay in the URL across a
//! reload; on a phone the filters fold so that results come first; axe-core finds nothing with results on screen; no request leaves the
//! origin and the Content-Security-Policy is never violated; without
//! JavaScript the page points to the fact index and its topics; thirteen
//! reader questions from `bench/queries.json` (word forms the site lacks,
//! question words, abbreviations, typos, Spanish) put their answer first or
//! in the first three, a quoted question word is searched for; and loading
//! `/search/?q=lawsuit` fetches under 40 KB gzipped in all.
//!
//! The tools are installed the way `tests/browser.rs` installs them, from
//! package registries only: Debian's `chromium` and the npm packages pinned
//! in `tests/browser/package-lock.json`. No browser is downloaded.

mod common;

use std::path::PathBuf;
use std::process::Command;

use casefile::site::{self, BuildOptions};
use common::browser_tools::{ensure_tools, CHROMIUM};

#[test]
fn search_the_explainer_in_headless_chromium() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    ensure_tools(&browser_dir);

    let tmp = tempfile::Builder::new()
        .prefix("casefile-search-")
        .tempdir()
        .expect("temp dir");
    let out = tmp.path().join("public");
    let opts = BuildOptions {
        output: Some(out.clone()),
        ..BuildOptions::new(&root)
    };
    if let Err(f) = site::build(&opts) {
        panic!("the explainer does not build:\n{f}");
    }

    let output = Command::new("node")
        .arg(browser_dir.join("search.mjs"))
        .arg("--site")
        .arg(&out)
        .arg("--chromium")
        .arg(CHROMIUM)
        .current_dir(&browser_dir)
        .output()
        .expect("run node tests/browser/search.mjs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    assert!(
        output.status.success(),
        "the search browser test failed ({}):\n{report}",
        output.status
    );
}

//! What a reader sees, in a real browser: the explainer this repository
//! publishes, built into a temp dir, served on 127.0.0.1 and visited page by
//! page in headless Chromium by `tests/browser/run.mjs`.
//!
//! On every page: no request outside the site's origin, no
//! Content-Security-Policy violation, no cookie or storage, zero axe-core
//! violations (WCAG 2.0, 2.1 and 2.2, A and AA), one h1, a skip link and
//! landmarks, all content and working links without JavaScript. On an
//! article: a citation reached with Tab opens its quote, Escape closes it,
//! a tap opens it on a phone. Per page type: under 60 KB of HTML, CSS and
//! JavaScript (20 KB gzipped). Screenshots of each page type at 375 and
//! 1280 px, light and dark, go to `target/screenshots/`; the report (sizes
//! table included) to `target/browser-report.txt`.
//!
//! The tools come from package registries only: Debian's `chromium`
//! (installed with apt-get when `/usr/bin/chromium` is missing) and the npm
//! packages pinned in `tests/browser/package-lock.json` (`npm ci` when
//! `tests/browser/node_modules` lacks them). No browser is ever downloaded
//! by playwright.

mod common;

use std::path::PathBuf;
use std::process::Command;

use casefile::site::{self, BuildOptions};
use common::browser_tools::{ensure_tools, CHROMIUM};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_page_of_the_explainer_in_headless_chromium() {
    let root = repo();
    let browser_dir = root.join("tests/browser");
    ensure_tools(&browser_dir);

    let tmp = tempfile::Builder::new()
        .prefix("casefile-browser-")
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

    let shots = root.join("target/screenshots");
    let output = Command::new("node")
        .arg(browser_dir.join("run.mjs"))
        .arg("--site")
        .arg(&out)
        .arg("--shots")
        .arg(&shots)
        .arg("--chromium")
        .arg(CHROMIUM)
        .current_dir(&browser_dir)
        .output()
        .expect("run node tests/browser/run.mjs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::write(root.join("target/browser-report.txt"), &report);
    println!("{report}");
    assert!(
        output.status.success(),
        "the browser test failed ({}):\n{report}",
        output.status
    );
}

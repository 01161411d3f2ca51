//! Search, as a reader uses it, in headless Chromium: the explainer is
//! built into a temp dir, served on 127.0.0.1 (gzipped, like a typical
//! host) and searched by `tests/browser/search.mjs`.
//!
//! Checked: "social security" puts the fact about Social Security numbers
//! first; "lawsuit" finds the twenty states' lawsuits; "urgent" finds the
//! "Hold DHS Access — URGENT" message; "medicad" still finds Medicaid; a
//! query of markup renders as text; `?q=` survives a reload; the header
//! field leads to the results; arrows, Escape and Space on a filter work
//! from the keyboard; filters narrow the results and their counts add up;
//! axe-core finds nothing with results on screen; no request leaves the
//! origin and the Content-Security-Policy is never violated; without
//! JavaScript the page points to the fact index and its topics; and loading
//! `/search/?q=lawsuit` fetches under 40 KB gzipped in all.
//!
//! The tools are installed the way `tests/browser.rs` installs them, from
//! package registries only: Debian's `chromium` and the npm packages pinned
//! in `tests/browser/package-lock.json`. No browser is downloaded.

use std::path::{Path, PathBuf};
use std::process::Command;

use casefile::site::{self, BuildOptions};

const CHROMIUM: &str = "/usr/bin/chromium";

fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    match cmd.output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "`{shown}` failed ({}):\n{}\n{}",
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => Err(format!("cannot run `{shown}`: {e}")),
    }
}

fn has_command(name: &str) -> bool {
    Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    run(Command::new("apt-get")
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn ensure_tools(dir: &Path) {
    if !Path::new(CHROMIUM).exists() {
        apt_install(&["chromium"]).unwrap_or_else(|e| {
            panic!("the search browser test needs Debian's Chromium at {CHROMIUM}: `apt-get install -y chromium` failed.\n{e}")
        });
    }
    if !has_command("node") || !has_command("npm") {
        apt_install(&["nodejs", "npm"]).unwrap_or_else(|e| {
            panic!("the search browser test needs node and npm: `apt-get install -y nodejs npm` failed.\n{e}")
        });
    }
    let installed = |pkg: &str| {
        dir.join("node_modules")
            .join(pkg)
            .join("package.json")
            .is_file()
    };
    if !installed("playwright-core") || !installed("axe-core") {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .current_dir(dir))
        .unwrap_or_else(|e| panic!("`npm ci` in {} failed.\n{e}", dir.display()));
    }
}

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

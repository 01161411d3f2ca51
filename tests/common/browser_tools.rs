//! Installing what the browser tests need, from package registries only:
//! Debian's Chromium (and node/npm if missing) with apt-get, and the npm
//! packages pinned in `tests/browser/package-lock.json` with `npm ci`.
//! Never a browser download. Shared by `tests/browser.rs` and
//! `tests/browser_search.rs`.

use std::path::Path;
use std::process::Command;

/// Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";

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

/// Node.js from Debian, if missing (the stemmer test runs `search.js` in it).
pub fn ensure_node() {
    if !has_command("node") {
        if let Err(e) = apt_install(&["nodejs"]) {
            panic!("the test needs node; `apt-get install -y nodejs` failed.\n{e}");
        }
    }
}

/// Chromium from Debian, node and npm, and the pinned npm packages.
pub fn ensure_tools(dir: &Path) {
    if !Path::new(CHROMIUM).exists() {
        if let Err(e) = apt_install(&["chromium"]) {
            panic!(
                "the browser tests need Debian's Chromium at {CHROMIUM}, and installing it failed.\n\
                 Install it with `apt-get update && apt-get install -y chromium` (as root).\n{e}"
            );
        }
    }
    if !has_command("node") || !has_command("npm") {
        if let Err(e) = apt_install(&["nodejs", "npm"]) {
            panic!(
                "the browser tests need node and npm; `apt-get install -y nodejs npm` failed.\n{e}"
            );
        }
    }
    let installed = |pkg: &str| {
        dir.join("node_modules")
            .join(pkg)
            .join("package.json")
            .is_file()
    };
    if !installed("playwright-core") || !installed("axe-core") {
        if let Err(e) = run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .current_dir(dir))
        {
            panic!(
                "the browser tests need the npm packages pinned in {}; `npm ci` failed.\n{e}",
                dir.join("package-lock.json").display()
            );
        }
    }
}

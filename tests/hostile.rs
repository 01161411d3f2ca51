//! The hostile-input suite: one case per class of input that could make a
//! build destroy, leak or run what it should not.
//!
//! Every case starts from a site with a good build in `public/`, plants
//! its hostile input and runs the real `casefile` binary. It then checks
//! what a newsroom would: the exit code; the file and line the error names;
//! that no file of the site (and nothing outside it) changed; that a
//! refused build left the previous output byte-identical; and that no
//! script, outside file or secret from the environment reached any output.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::copy_fixture;

/// Set in the environment of every build: if it shows up in an output, the
/// build published its own environment (as a CI's deploy token would be).
const SECRET: &str = "hostile-suite-secret-7f3a9c";

/// What no output file may contain at all: the secret and `/etc/passwd`'s
/// first line.
const LEAKS: &[&str] = &[SECRET, "root:x:0:0"];

/// The scripts casefile itself writes; any other script is planted.
const OWN_SCRIPTS: &[&str] = &["/casefile.js", "/search.js", "/__casefile/livereload.js"];

/// The first active thing in `html`, read as a browser would read its
/// tags: a script that is not one of casefile's own or a data block, an
/// event handler attribute, an address with a script scheme, a frame or
/// object. Text (escaped markup) is not active.
fn active_content(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if ["iframe", "object", "embed", "frame"].contains(&name.as_str()) {
            return Some(format!("<{tag}>"));
        }
        // Attributes: split on whitespace outside quotes is enough here.
        let mut quote = None;
        let mut word = String::new();
        let mut words = Vec::new();
        for c in tag.chars() {
            match (quote, c) {
                (None, '"' | '\'') => {
                    quote = Some(c);
                    word.push(c);
                }
                (Some(q), c) if c == q => {
                    quote = None;
                    word.push(c);
                }
                (None, c) if c.is_whitespace() || c == '/' => {
                    if !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                }
                (_, c) => word.push(c),
            }
        }
        words.push(word);
        for w in words.iter().skip(1) {
            let (attr, value) = w.split_once('=').unwrap_or((w, ""));
            let value = value.trim_matches(['"', '\'']).trim_start();
            if attr.starts_with("on") {
                return Some(format!("<{tag}>"));
            }
            if ["href", "src", "action", "formaction"].contains(&attr)
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| value.starts_with(s))
            {
                return Some(format!("<{tag}>"));
            }
        }
        if name == "script" {
            let src = words
                .iter()
                .find_map(|w| w.strip_prefix("src="))
                .map(|v| v.trim_matches(['"', '\'']));
            let data = words
                .iter()
                .any(|w| w.contains("application/ld+json") || w.contains("application/json"));
            match src {
                Some(src) if OWN_SCRIPTS.iter().any(|own| src.ends_with(own)) => {}
                None if data => {}
                _ => return Some(format!("<{tag}>")),
            }
        }
    }
    None
}

/// Undoes XML escaping (for the HTML inside an Atom entry).
fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Asserts that no file under `dir` leaks a secret or holds active content
/// (in HTML and SVG, in the HTML of feed entries).
#[track_caller]
fn assert_clean(dir: &Path, case: &str) {
    for (path, bytes) in tree(dir) {
        let text = String::from_utf8_lossy(&bytes);
        for bad in LEAKS {
            assert!(
                !text.contains(bad),
                "{case}: `{bad}` reached the output in {path}"
            );
        }
        let markup = if path.ends_with(".html") || path.ends_with(".svg") {
            Some(text.to_string())
        } else if path.ends_with(".xml") {
            Some(unescape_xml(&text))
        } else if path.ends_with("feed.json") {
            let feed: serde_json::Value = serde_json::from_str(&text).unwrap();
            Some(
                feed["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i["content_html"].as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        } else {
            None
        };
        if let Some(found) = markup.as_deref().and_then(active_content) {
            panic!("{case}: active content reached {path}: {found}");
        }
    }
}

/// A file tree: each path (relative, `/`-separated) with its bytes, or
/// with `-> TARGET` for a symbolic link (never followed).
type Tree = BTreeMap<String, Vec<u8>>;

fn tree(dir: &Path) -> Tree {
    fn walk(base: &Path, dir: &Path, out: &mut Tree) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(base, &path, out);
            } else if meta.is_file() {
                out.insert(rel, std::fs::read(&path).unwrap_or_default());
            } else {
                out.insert(rel, b"(special file)".to_vec());
            }
        }
    }
    let mut out = Tree::new();
    walk(dir, dir, &mut out);
    out
}

/// The site's own files: everything but the output.
fn sources(root: &Path) -> Tree {
    tree(root)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("public/"))
        .collect()
}

fn casefile(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casefile"))
        .args(args)
        .arg("--root")
        .arg(root)
        .current_dir(root)
        .env("CASEFILE_TEST_TOKEN", SECRET)
        .output()
        .expect("run casefile")
}

/// How a case must end.
enum Expect {
    /// Exit 1, with an error naming this place (`file` or `file:line`).
    Refused(&'static str),
    /// Exit 0, with nothing active in the output.
    Harmless,
}

struct Case {
    name: &'static str,
    fixture: &'static str,
    /// Plants the hostile input in the site folder.
    plant: fn(&Path),
    /// Extra arguments of `casefile build` (`{tmp}` is the folder around
    /// the site).
    args: &'static [&'static str],
    expect: Expect,
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn append(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let mut old = std::fs::read_to_string(&path).unwrap();
    old.push_str(text);
    std::fs::write(path, old).unwrap();
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let old = std::fs::read_to_string(&path).unwrap();
    assert!(old.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, old.replacen(from, to, 1)).unwrap();
}

#[cfg(unix)]
fn link(root: &Path, rel: &str, target: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, path).unwrap();
}

fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}")
}

fn cases() -> Vec<Case> {
    use Expect::*;
    let mut cases = vec![
        // Raw HTML and addresses in markdown.
        Case {
            name: "script tag in markdown",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    &page("X", "Hello.\n\n<script>alert(1)</script>\n"),
                )
            },
            args: &[],
            expect: Refused("content/x.md:6:1"),
        },
        Case {
            name: "script from the site's own static folder",
            fixture: "minimal",
            plant: |r| {
                write(r, "static/evil.js", "alert(document.cookie)\n");
                write(
                    r,
                    "content/x.md",
                    &page("X", "<script src=\"/evil.js\"></script>\n"),
                );
            },
            args: &[],
            expect: Refused("content/x.md:4:1"),
        },
        Case {
            name: "event handler on an image",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    &page(
                        "X",
                        "A <img src=\"x.png\" alt=\"x\" onerror=\"alert(1)\"> b\n",
                    ),
                )
            },
            args: &[],
            expect: Refused("content/x.md:4:3"),
        },
        Case {
            name: "javascript: link in markdown",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    &page("X", "Hi [there](javascript:alert(1)).\n"),
                )
            },
            args: &[],
            expect: Refused("content/x.md:4:4"),
        },
        Case {
            name: "javascript: autolink",
            fixture: "minimal",
            plant: |r| write(r, "content/x.md", &page("X", "Hi <javascript:alert(1)>.\n")),
            args: &[],
            expect: Refused("content/x.md:4:4"),
        },
        Case {
            name: "entity-encoded javascript: in raw HTML",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    &page("X", "<a href=\"&#106;avascript&colon;alert(1)\">x</a>\n"),
                )
            },
            args: &[],
            expect: Refused("content/x.md:4:1"),
        },
        Case {
            name: "data: image",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    &page("X", "![x](data:image/svg+xml;base64,PHN2Zz4=)\n"),
                )
            },
            args: &[],
            expect: Refused("content/x.md:4:1"),
        },
        Case {
            name: "event handler as a heading attribute",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    &page("X", "## Hello {onmouseover=alert(1)}\n"),
                )
            },
            args: &[],
            expect: Refused("content/x.md:4:1"),
        },
        Case {
            name: "script in an update's body",
            fixture: "evidence",
            plant: |r| {
                append(
                    r,
                    "content/updates/2026-01-12-price-correction.md",
                    "\n<script>alert(1)</script>\n",
                )
            },
            args: &[],
            expect: Refused("content/updates/2026-01-12-price-correction.md:9:1"),
        },
        // Record fields are text: their HTML is shown, never run.
        Case {
            name: "HTML in a fact's statement, a definition and an event's text",
            fixture: "evidence",
            plant: |r| {
                replace(
                    r,
                    "content/facts/money.toml",
                    "statement = \"Payments start in September 2025.\"",
                    "statement = \"Payments <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))\"",
                );
                replace(
                    r,
                    "content/glossary.toml",
                    "definition = \"A formal invitation to bid for a contract.\"",
                    "definition = \"<b onmouseover=alert(4)>bid</b>\"",
                );
                replace(
                    r,
                    "content/timeline.toml",
                    "text = \"The report gives the day only as “Monday”.\"",
                    "text = \"<iframe src=javascript:alert(5)></iframe>\"",
                );
            },
            args: &[],
            expect: Harmless,
        },
        // Addresses given to the build.
        Case {
            name: "javascript: as --base-url",
            fixture: "minimal",
            plant: |_| {},
            args: &["--base-url", "javascript:alert(1)//"],
            expect: Refused("--base-url"),
        },
        Case {
            name: "not an address as --base-url",
            fixture: "minimal",
            plant: |_| {},
            args: &["--base-url", "not a url"],
            expect: Refused("--base-url"),
        },
        Case {
            name: "markup in base_url",
            fixture: "minimal",
            plant: |r| {
                replace(
                    r,
                    "casefile.toml",
                    "https://example.org",
                    "https://e.org\\\"><script>alert(1)</script>",
                )
            },
            args: &[],
            expect: Refused("casefile.toml:2"),
        },
        // Names no host can take: refused by check as by build, at their line.
        Case {
            name: "a reserved name as a slug",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    "+++\ntitle = \"X\"\nslug = \"con\"\n+++\nHi\n",
                )
            },
            args: &[],
            expect: Refused("content/x.md:3:1"),
        },
        Case {
            name: "a reserved file name",
            fixture: "minimal",
            plant: |r| write(r, "content/aux.md", &page("Aux", "Hi\n")),
            args: &[],
            expect: Refused("content/aux.md:1:1"),
        },
        Case {
            name: "a reserved taxonomy term",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    "+++\ntitle = \"X\"\n[taxonomies]\ntopics = [\"nul\"]\n+++\nHi\n",
                )
            },
            args: &[],
            expect: Refused("content/x.md:4"),
        },
        Case {
            name: "a 300-character slug",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    "content/x.md",
                    &format!(
                        "+++\ntitle = \"X\"\nslug = \"{}\"\n+++\nHi\n",
                        "a".repeat(300)
                    ),
                )
            },
            args: &[],
            expect: Refused("content/x.md:3:1"),
        },
        Case {
            name: "a 300-character fact id",
            fixture: "evidence",
            plant: |r| {
                let long = "p".repeat(300);
                replace(
                    r,
                    "content/facts/money.toml",
                    "id = \"payments-start\"",
                    &format!("id = \"{long}\""),
                );
                // Keep the citations of the old id from failing first.
                for f in ["content/articles/money.md", "content/timeline.toml"] {
                    let text = std::fs::read_to_string(r.join(f)).unwrap();
                    std::fs::write(r.join(f), text.replace("payments-start", &long)).unwrap();
                }
            },
            args: &[],
            expect: Refused("content/facts/money.toml:25:6"),
        },
        // Content that a build would lose.
        Case {
            name: "facts that supersede each other in a circle",
            fixture: "evidence",
            plant: |r| {
                replace(
                    r,
                    "content/facts/money.toml",
                    "status = \"confirmed\"\n",
                    "status = \"superseded\"\nsuperseded_by = \"old-price\"\n",
                )
            },
            args: &[],
            expect: Refused("content/facts/money.toml:11"),
        },
        Case {
            name: "content/ is a file",
            fixture: "minimal",
            plant: |r| {
                std::fs::remove_dir_all(r.join("content")).unwrap();
                std::fs::write(r.join("content"), "oops").unwrap();
            },
            args: &[],
            expect: Refused("content"),
        },
        Case {
            name: "content/ is missing",
            fixture: "minimal",
            plant: |r| std::fs::remove_dir_all(r.join("content")).unwrap(),
            args: &[],
            expect: Refused("content"),
        },
        // Output folders a build must never replace.
        Case {
            name: "--output content",
            fixture: "minimal",
            plant: |_| {},
            args: &["--output", "content"],
            expect: Refused("content"),
        },
        Case {
            name: "--output the site folder",
            fixture: "minimal",
            plant: |_| {},
            args: &["--output", "."],
            expect: Refused("."),
        },
        Case {
            name: "--output a folder around the site",
            fixture: "minimal",
            plant: |_| {},
            args: &["--output", ".."],
            expect: Refused(".."),
        },
        Case {
            name: "--output static",
            fixture: "minimal",
            plant: |r| write(r, "static/logo.svg", "<svg/>"),
            args: &["--output", "static"],
            expect: Refused("static"),
        },
        Case {
            name: "--output inside content",
            fixture: "minimal",
            plant: |_| {},
            args: &["--output", "content/public"],
            expect: Refused("content/public"),
        },
        Case {
            name: "--output a folder of someone's files",
            fixture: "minimal",
            plant: |r| write(r, "../keep/precious.txt", "mine"),
            args: &["--output", "../keep"],
            expect: Refused("keep"),
        },
        Case {
            name: "--output a regular file",
            fixture: "minimal",
            plant: |r| write(r, "../notes.txt", "mine"),
            args: &["--output", "../notes.txt"],
            expect: Refused("notes.txt"),
        },
    ];
    #[cfg(unix)]
    cases.extend([
        Case {
            name: "static file linked to the build's environment",
            fixture: "minimal",
            plant: |r| link(r, "static/env.txt", "/proc/self/environ"),
            args: &[],
            expect: Refused("static/env.txt"),
        },
        Case {
            name: "static file linked to /etc/passwd",
            fixture: "minimal",
            plant: |r| link(r, "static/passwd.txt", "/etc/passwd"),
            args: &[],
            expect: Refused("static/passwd.txt"),
        },
        Case {
            name: "page linked to a file outside the site",
            fixture: "minimal",
            plant: |r| {
                write(r, "../outside.md", &page("Outside", "From outside.\n"));
                link(r, "content/outside.md", "../../outside.md");
            },
            args: &[],
            expect: Refused("content/outside.md"),
        },
        Case {
            name: "templates folder linked to /etc",
            fixture: "minimal",
            plant: |r| link(r, "templates", "/etc"),
            args: &[],
            expect: Refused("templates"),
        },
        Case {
            name: "static file linked to the repository's git config",
            fixture: "minimal",
            plant: |r| {
                write(
                    r,
                    ".git/config",
                    &format!("[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n"),
                );
                link(r, "static/config.txt", "../.git/config");
            },
            args: &[],
            expect: Refused("static/config.txt"),
        },
        Case {
            name: "dangling link",
            fixture: "minimal",
            plant: |r| link(r, "static/gone.png", "/nonexistent/gone.png"),
            args: &[],
            expect: Refused("static/gone.png"),
        },
        Case {
            name: "links in a loop",
            fixture: "minimal",
            plant: |r| {
                link(r, "static/a.txt", "b.txt");
                link(r, "static/b.txt", "a.txt");
            },
            args: &[],
            expect: Refused("static/a.txt"),
        },
        Case {
            name: "folder linked to its parent",
            fixture: "minimal",
            plant: |r| link(r, "content/more/up", ".."),
            args: &[],
            expect: Refused("content/more/up"),
        },
        Case {
            name: "casefile.toml linked to a file outside the site",
            fixture: "minimal",
            plant: |r| {
                let config = std::fs::read_to_string(r.join("casefile.toml")).unwrap();
                write(
                    r,
                    "../elsewhere.toml",
                    &format!("{config}description = \"{SECRET}\"\n"),
                );
                std::fs::remove_file(r.join("casefile.toml")).unwrap();
                link(r, "casefile.toml", "../elsewhere.toml");
            },
            args: &[],
            expect: Refused("casefile.toml"),
        },
        Case {
            name: "--output a link to the site",
            fixture: "minimal",
            plant: |r| link(r, "../alias", "site"),
            args: &["--output", "../alias"],
            expect: Refused("alias"),
        },
    ]);
    cases
}

#[test]
fn every_hostile_input_is_refused_or_made_harmless() {
    let mut failures = Vec::new();
    for case in cases() {
        if let Err(e) = std::panic::catch_unwind(|| run_case(&case)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {msg}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn run_case(case: &Case) {
    let (tmp, root) = copy_fixture(case.fixture);
    let good = casefile(&root, &["build"]);
    assert!(
        good.status.success(),
        "the fixture builds: {}",
        String::from_utf8_lossy(&good.stderr)
    );
    let out = root.join("public");
    let before_out = tree(&out);
    (case.plant)(&root);
    let before_sources = sources(&root);
    let before_around = around(tmp.path());

    let built = casefile(
        &root,
        &["build"]
            .iter()
            .chain(case.args)
            .copied()
            .collect::<Vec<_>>(),
    );
    let stderr = String::from_utf8_lossy(&built.stderr);
    let checked = casefile(&root, &["check"]);

    match case.expect {
        Expect::Refused(place) => {
            assert_eq!(built.status.code(), Some(1), "build must fail:\n{stderr}");
            assert!(names(&stderr, place), "the error names {place}:\n{stderr}");
            assert!(
                tree(&out) == before_out,
                "the previous output is byte-identical"
            );
            // What `check` refuses, `build` refuses, and the other way
            // round (output folders are the build's alone).
            if !case.args.contains(&"--output") && !case.args.contains(&"--base-url") {
                assert_eq!(checked.status.code(), Some(1), "check fails too");
                let check_err = String::from_utf8_lossy(&checked.stderr);
                assert!(
                    names(&check_err, place),
                    "check names {place}:\n{check_err}"
                );
            }
        }
        Expect::Harmless => {
            assert_eq!(built.status.code(), Some(0), "build succeeds:\n{stderr}");
            assert_eq!(checked.status.code(), Some(0), "check succeeds");
        }
    }
    assert!(
        sources(&root) == before_sources,
        "no file of the site changed"
    );
    assert!(
        around(tmp.path()) == before_around,
        "nothing beside the site changed"
    );
    // Every output: the site's, and anything written beside the site.
    assert_clean(&out, case.name);
    for entry in std::fs::read_dir(tmp.path()).unwrap().flatten() {
        if entry.file_name() != "site" && !entry.file_type().unwrap().is_symlink() {
            assert_clean(&entry.path(), case.name);
        }
    }
}

/// Whether a diagnostic in `stderr` points at `place` (`  --> PLACE...`;
/// output folders are shown as given or resolved).
fn names(stderr: &str, place: &str) -> bool {
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .any(|at| at.starts_with(place) || at.ends_with(&format!("/{place}")))
}

/// The files beside the site folder (not in it).
fn around(tmp: &Path) -> Tree {
    tree(tmp)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("site/"))
        .collect()
}

/// A successful build replaces a casefile output, and an empty folder, but
/// leaves everything else where it was; a killed build's leftovers go.
#[test]
fn successful_builds_replace_only_their_own_output() {
    let (tmp, root) = copy_fixture("minimal");
    let elsewhere = tmp.path().join("www");
    std::fs::create_dir(&elsewhere).unwrap();
    let pid = 4_000_000 + std::process::id();
    let dead = tmp.path().join(format!(".www.casefile-staging-{pid}"));
    std::fs::create_dir_all(dead.join("half")).unwrap();
    std::fs::write(dead.join("half/index.html"), "half a site").unwrap();
    std::fs::write(
        tmp.path().join(format!(".www.casefile-staging-{pid}.lock")),
        "",
    )
    .unwrap();
    for _ in 0..2 {
        let o = casefile(&root, &["build", "--output", elsewhere.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert!(elsewhere.join(".casefile-output").is_file());
    assert!(elsewhere.join("index.html").is_file());
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["site", "www"],
        "the killed build's staging folder is gone, nothing else is left"
    );
    // Output grows no copy of itself, build after build.
    let o = casefile(&root, &["build"]);
    assert!(o.status.success());
    assert!(!root.join("public/public").exists());
}

/// Where the output is a mount point (a Docker volume, a disk of its own),
/// the folder cannot be renamed: its contents are swapped instead. Needs
/// the right to mount a tmpfs (root on Linux); elsewhere it says it was
/// skipped.
#[test]
#[cfg(target_os = "linux")]
fn a_mount_point_output_gets_its_contents_swapped() {
    let (tmp, root) = copy_fixture("minimal");
    let mount = tmp.path().join("volume");
    std::fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs"])
        .arg(&mount)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("SKIPPED a_mount_point_output_gets_its_contents_swapped: cannot mount a tmpfs here (not root?)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mount.clone());
    for title in ["First", "Second"] {
        replace(&root, "content/_index.md", "Minimal Fixture", title);
        let o = casefile(&root, &["build", "--output", mount.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let home = std::fs::read_to_string(mount.join("index.html")).unwrap();
        assert!(home.contains(title), "{home}");
        replace(&root, "content/_index.md", title, "Minimal Fixture");
    }
    let inside: Vec<String> = std::fs::read_dir(&mount)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("casefile-old"))
        .collect();
    assert!(
        inside.is_empty(),
        "no staging left in the volume: {inside:?}"
    );
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(beside.iter().all(|n| !n.contains("staging")), "{beside:?}");
}

/// A folder the build cannot read is an error, not a smaller site. Run as
/// a user without the right to read it: as root, through `setpriv` as
/// `nobody`; otherwise directly.
#[test]
#[cfg(unix)]
fn an_unreadable_folder_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, root) = copy_fixture("minimal");
    write(&root, "content/private/secret.md", &page("Secret", "Hi\n"));
    let private = root.join("content/private");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o000)).unwrap();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let mut cmd = if is_root {
        // `nobody` must reach the site and write its output.
        for dir in [tmp.path(), root.as_path()] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_casefile"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_casefile"))
    };
    let o = cmd.args(["check", "--root"]).arg(&root).output();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o755)).unwrap();
    let Ok(o) = o else {
        eprintln!("SKIPPED an_unreadable_folder_is_an_error: setpriv is not installed");
        return;
    };
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--> content/private"), "{stderr}");
    assert!(stderr.contains("chmod"), "{stderr}");
}

/// The suite's own eye: active markup is found, escaped markup is not.
#[test]
fn the_checker_tells_active_content_from_text() {
    for active in [
        "<p>x</p><script>alert(1)</script>",
        "<script src=\"/evil.js\"></script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<A HREF=' JavaScript:x'>x</A>",
        "<iframe src=\"/x\"></iframe>",
        "<h2 id=\"h\" onmouseover=\"x()\">h</h2>",
    ] {
        assert!(active_content(active).is_some(), "{active}");
    }
    for text in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; and onerror=alert(2)</p>",
        "<script src=\"/casefile.js\" defer></script>",
        "<script type=\"application/ld+json\">{\"a\":1}</script>",
        "<a href=\"https://e.org/\" rel=\"noopener noreferrer\">x</a>",
    ] {
        assert_eq!(active_content(text), None, "{text}");
    }
}

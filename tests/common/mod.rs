//! Shared helpers for the integration tests.
//!
//! Every test works on a fresh copy of a fixture site from
//! `tests/fixtures/<name>/`, so tests can run in parallel, edit their copy,
//! and never write into the repository.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

pub mod browser_tools;

use std::path::{Path, PathBuf};

use casefile::diagnostics::Diagnostic;
use casefile::site::{self, BuildOptions, Failure, Summary};
use tempfile::TempDir;

/// How to run the pipeline over a fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `casefile::site::build`: writes into the output folder.
    Build,
    /// `casefile::site::check`: writes nothing.
    Check,
}

/// A fixture copied into a temp dir and built (or checked).
pub struct Built {
    /// Owns the temp dir; it is deleted when this is dropped.
    pub tmp: TempDir,
    /// The site folder (the copy of the fixture).
    pub root: PathBuf,
    /// The output folder (`root/public` unless the options said otherwise).
    pub out: PathBuf,
    /// What the build returned.
    pub result: Result<Summary, Failure>,
}

/// The folder of fixture `name` in the repository.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the fixture `name` into a fresh temp dir; returns the temp dir and
/// the site folder inside it.
pub fn copy_fixture(name: &str) -> (TempDir, PathBuf) {
    let src = fixture_dir(name);
    assert!(src.is_dir(), "no fixture at {}", src.display());
    let tmp = tempfile::Builder::new()
        .prefix(&format!("casefile-test-{name}-"))
        .tempdir()
        .expect("temp dir");
    let root = tmp.path().join("site");
    copy_dir(&src, &root);
    (tmp, root)
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// THE helper: copies fixture `name` into a temp dir and runs the library's
/// `build` or `check` on it, with options adjusted by `tweak`.
pub fn build_fixture(name: &str, mode: Mode, tweak: impl FnOnce(&mut BuildOptions)) -> Built {
    let (tmp, root) = copy_fixture(name);
    let mut opts = BuildOptions::new(&root);
    tweak(&mut opts);
    let out = opts.output_dir();
    let result = match mode {
        Mode::Build => site::build(&opts),
        Mode::Check => site::check(&opts),
    };
    Built {
        tmp,
        root,
        out,
        result,
    }
}

/// Builds fixture `name` with default options.
pub fn build(name: &str) -> Built {
    build_fixture(name, Mode::Build, |_| {})
}

impl Built {
    /// The summary of a build that must have succeeded.
    pub fn summary(&self) -> &Summary {
        match &self.result {
            Ok(s) => s,
            Err(f) => panic!("expected a successful build, got:\n{f}"),
        }
    }

    /// The diagnostics of a build that must have failed.
    pub fn errors(&self) -> Vec<&Diagnostic> {
        match &self.result {
            Ok(s) => panic!("expected the build to fail, but it succeeded: {s}"),
            Err(f) => f.errors().collect(),
        }
    }

    /// The only error of a build that must have failed with exactly one.
    pub fn single_error(&self) -> &Diagnostic {
        let errors = self.errors();
        assert_eq!(
            errors.len(),
            1,
            "expected exactly one error, got:\n{}",
            self.result.as_ref().unwrap_err()
        );
        errors[0]
    }

    /// Path of an output file.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    /// Whether the output has this file.
    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).is_file()
    }

    /// An output file as text.
    pub fn read(&self, rel: &str) -> String {
        read(&self.out, rel)
    }

    /// An output file as bytes.
    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel))
            .unwrap_or_else(|e| panic!("cannot read output file {rel}: {e}"))
    }

    /// Every file of the site in the output folder, relative to it, sorted
    /// (not the `.casefile-output` marker every output carries).
    pub fn files(&self) -> Vec<String> {
        let mut files = list_files(&self.out);
        files.retain(|f| f != casefile::output::OUTPUT_MARKER);
        files
    }

    /// Every HTML file of the output (the pages a reader can visit), sorted.
    pub fn html_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }
}

/// Reads `dir/rel` as text, with a clear message when it is missing.
pub fn read(dir: &Path, rel: &str) -> String {
    let path = dir.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nfiles there: {:?}",
            path.display(),
            list_files(dir)
        )
    })
}

/// Every file under `dir`, relative and `/`-separated, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The part of an HTML page between `<main` and `</main>`, where a page's
/// own content is (the header and footer repeat on every page).
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    &html[start..end]
}

/// Asserts that `needles` appear in `haystack` in this order.
#[track_caller]
pub fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match haystack[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => {
                panic!("expected {n:?} after position {from} (order: {needles:?}) in:\n{haystack}")
            }
        }
    }
}

//! Stage 1, load: the only stage that reads the site's files.
//!
//! Walks `content/`, `templates/`, `static/` and `i18n/` with walkdir, reads
//! text files in parallel and hands the rest of the pipeline plain values
//! ([`SourceFile`]s and asset paths). Nothing after this stage touches the
//! disk until `output`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{rel_path, Diagnostic, SourceFile};

/// A markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path relative to `content/`, `/`-separated (`articles/x.md`): the
    /// name used by internal links (`@/articles/x.md`).
    pub rel: String,
    /// The text, with its site-relative path for diagnostics.
    pub source: SourceFile,
}

/// A file copied to the output as is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    /// Output path relative to the output root, `/`-separated.
    pub rel: String,
    /// Where it is on disk.
    pub path: PathBuf,
}

/// Everything read from the site folder.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Markdown and TOML files, sorted by `rel`.
    pub content: Vec<ContentFile>,
    /// Non-markdown files in `content/` (page assets), copied beside pages.
    pub content_assets: Vec<Asset>,
    /// Files in `static/`.
    pub static_files: Vec<Asset>,
    /// User templates, `(name, file)`, name relative to `templates/`.
    pub templates: Vec<(String, SourceFile)>,
    /// Interface-string files from `i18n/`, `(language, file)`.
    pub strings: Vec<(String, SourceFile)>,
}

/// Whether a path component should be ignored: hidden files and editors'
/// temporary files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// The folders of a site that the build reads. A symbolic link in them may
/// only lead to a file or folder inside one of them.
pub const SOURCE_DIRS: &[&str] = &["content", "templates", "static", "i18n"];

/// The site's source folders, resolved, that symbolic links may lead into.
struct Walk {
    root: PathBuf,
    allowed: Vec<PathBuf>,
}

impl Walk {
    fn new(root: &Path) -> Walk {
        let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        // Only real folders: a source folder that is itself a link must
        // lead into another one.
        let allowed = SOURCE_DIRS
            .iter()
            .map(|d| real.join(d))
            .filter(|d| std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir()))
            .collect();
        Walk {
            root: root.to_path_buf(),
            allowed,
        }
    }

    fn rel(&self, path: &Path) -> String {
        rel_path(&self.root, path)
    }

    /// An error if the symbolic link at `path` leads outside the site's
    /// source folders, nowhere, or round in a loop.
    fn check_link(&self, path: &Path) -> Result<(), Diagnostic> {
        let rel = self.rel(path);
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        match path.canonicalize() {
            Ok(real) if self.allowed.iter().any(|a| real.starts_with(a)) => Ok(()),
            Ok(real) => Err(Diagnostic::error(
                rel.clone(),
                0,
                0,
                format!(
                    "`{rel}` is a symbolic link to `{}`, outside the site's content/, templates/, static/ and i18n/ folders: casefile never reads or publishes a file from outside them",
                    real.display()
                ),
            )
            .with_help("copy the file into the site instead of linking to it, or delete the link")),
            Err(e) if e.raw_os_error() == Some(40) || e.to_string().contains("symbolic links") => {
                Err(Diagnostic::error(
                    rel.clone(),
                    0,
                    0,
                    format!("`{rel}` is a symbolic link that leads round in a loop (to `{target}`)"),
                )
                .with_help("delete the link, or point it at a file in the site"))
            }
            Err(_) => Err(Diagnostic::error(
                rel.clone(),
                0,
                0,
                format!("`{rel}` is a symbolic link to `{target}`, which does not exist"),
            )
            .with_help("point the link at a file in the site, or delete it")),
        }
    }

    /// Every regular file under `dir` (which must be one of the site's
    /// source folders), sorted, following symbolic links that stay inside
    /// the source folders. Hidden and editors' temporary files are skipped;
    /// everything else that cannot be read (an outside, dangling or looping
    /// link, an unreadable folder, a pipe or device) is an error.
    fn files(&self, dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
        match std::fs::symlink_metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                errors.push(unreadable(&self.rel(dir), &e));
                return Vec::new();
            }
            Ok(m) if m.file_type().is_symlink() => {
                if let Err(d) = self.check_link(dir) {
                    errors.push(d);
                    return Vec::new();
                }
            }
            Ok(_) => {}
        }
        if !dir.is_dir() {
            let rel = self.rel(dir);
            errors.push(
                Diagnostic::error(
                    rel.clone(),
                    0,
                    0,
                    format!("`{rel}` is a file, not a folder"),
                )
                .with_help(format!(
                    "`{rel}/` must be a folder; move the file into it or rename it"
                )),
            );
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let links = std::cell::RefCell::new(Vec::new());
        let walker = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && is_ignored(&e.file_name().to_string_lossy()) {
                    return false;
                }
                if e.depth() > 0 && e.path_is_symlink() {
                    if let Err(d) = self.check_link(e.path()) {
                        links.borrow_mut().push(d);
                        return false;
                    }
                }
                true
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => found.push(e.into_path()),
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    let rel = self.rel(e.path());
                    problems.push(
                        Diagnostic::error(
                            rel.clone(),
                            0,
                            0,
                            format!("`{rel}` is not a regular file or folder (a pipe, socket or device)"),
                        )
                        .with_help("casefile publishes regular files only: delete it or move it out of the site"),
                    );
                }
                Err(e) => problems.push(self.walk_error(&e)),
            }
        }
        errors.extend(links.into_inner());
        errors.extend(problems);
        found.sort();
        found
    }

    fn walk_error(&self, e: &walkdir::Error) -> Diagnostic {
        let path = e.path().unwrap_or(Path::new(""));
        let rel = self.rel(path);
        if let Some(ancestor) = e.loop_ancestor() {
            return Diagnostic::error(
                rel.clone(),
                0,
                0,
                format!(
                    "`{rel}` links back to `{}`, a folder it is inside (a loop)",
                    self.rel(ancestor)
                ),
            )
            .with_help("delete the link, or point it at a folder that does not contain it");
        }
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            if let Err(d) = self.check_link(path) {
                return d;
            }
        }
        match e.io_error() {
            Some(io) => unreadable(&rel, io),
            None => Diagnostic::error(rel.clone(), 0, 0, format!("cannot read `{rel}`: {e}")),
        }
    }
}

fn unreadable(rel: &str, e: &std::io::Error) -> Diagnostic {
    let help = if e.kind() == std::io::ErrorKind::PermissionDenied {
        "make it readable by the user who runs casefile (e.g. `chmod -R u+rX`), or move it out of the site"
    } else {
        "check that the file exists and can be read"
    };
    Diagnostic::error(rel.to_string(), 0, 0, format!("cannot read `{rel}`: {e}")).with_help(help)
}

/// `bytes` of the file `rel` as text, or an error at the line and column of
/// the first byte that is not UTF-8. Shared by every text casefile reads
/// (content, templates, `casefile.toml`).
pub fn utf8_text(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let file = SourceFile::new(rel, String::from_utf8_lossy(e.as_bytes()).into_owned());
        Diagnostic::error_at(&file, valid, "the file is not valid UTF-8 text")
            .with_help("save the file as UTF-8")
    })
}

fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = rel_path(root, path);
    match std::fs::read(path) {
        Ok(bytes) => {
            utf8_text(&rel, bytes).map(|text| {
                // Most files have no CR: kept as read, not copied.
                let text = match memchr::memchr(b'\r', text.as_bytes()) {
                    Some(_) => text.replace("\r\n", "\n"),
                    None => text,
                };
                SourceFile::new(rel, text)
            })
        }
        Err(e) => Err(Diagnostic::error(
            rel,
            0,
            0,
            format!("cannot read the file: {e}"),
        )),
    }
}

fn rel_to(dir: &Path, path: &Path) -> String {
    rel_path(dir, path)
}

/// Reads the whole site under `root`. Errors (unreadable files) are returned
/// beside what could be read.
pub fn site(root: &Path) -> (Loaded, Vec<Diagnostic>) {
    let content_dir = root.join("content");
    let mut errors = Vec::new();
    let walk = Walk::new(root);
    if !content_dir.exists() && std::fs::symlink_metadata(&content_dir).is_err() {
        errors.push(
            Diagnostic::error("content", 0, 0, "the site has no `content/` folder, so it has no pages")
                .with_help("create `content/_index.md` (the home page), or run casefile in the site folder (--root DIR)"),
        );
    }

    let (md, other): (Vec<PathBuf>, Vec<PathBuf>) = walk
        .files(&content_dir, &mut errors)
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "md" || e == "toml"));

    let read: Vec<Result<ContentFile, Diagnostic>> = md
        .par_iter()
        .map(|p| {
            read_text(root, p).map(|source| ContentFile {
                rel: rel_to(&content_dir, p),
                source,
            })
        })
        .collect();
    let mut content = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(c) => content.push(c),
            Err(e) => errors.push(e),
        }
    }

    // Folders are published under their slugs, as pages are, so that a page
    // bundle's files stay beside its page (`Photo Essay/` → `photo-essay/`).
    let content_assets: Vec<Asset> = other
        .into_iter()
        .map(|p| {
            let rel = rel_to(&content_dir, &p);
            let rel = match rel.rsplit_once('/') {
                Some((dir, name)) => {
                    let dirs: Vec<String> = dir
                        .split('/')
                        .map(|seg| match crate::text::slugify(seg) {
                            s if s.is_empty() => seg.to_string(),
                            s => s,
                        })
                        .collect();
                    format!("{}/{name}", dirs.join("/"))
                }
                None => rel,
            };
            Asset { rel, path: p }
        })
        .collect();

    let static_dir = root.join("static");
    let static_files: Vec<Asset> = walk
        .files(&static_dir, &mut errors)
        .into_iter()
        .map(|p| Asset {
            rel: rel_to(&static_dir, &p),
            path: p,
        })
        .collect();

    errors.extend(unsafe_asset_names(root, &content_assets, &static_files));

    let templates_dir = root.join("templates");
    let mut templates = Vec::new();
    for p in walk.files(&templates_dir, &mut errors) {
        let is_template = p
            .extension()
            .is_some_and(|e| matches!(e.to_str(), Some("html" | "xml" | "txt" | "json" | "svg")));
        if !is_template {
            continue;
        }
        match read_text(root, &p) {
            Ok(f) => templates.push((rel_to(&templates_dir, &p), f)),
            Err(e) => errors.push(e),
        }
    }

    let mut strings = Vec::new();
    for p in walk.files(&root.join("i18n"), &mut errors) {
        if p.extension().is_some_and(|e| e == "toml") {
            let lang = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match read_text(root, &p) {
                Ok(f) => strings.push((lang, f)),
                Err(e) => errors.push(e),
            }
        }
    }

    (
        Loaded {
            content,
            content_assets,
            static_files,
            templates,
            strings,
        },
        errors,
    )
}

/// An error for every copied file whose output path some host would
/// refuse or rewrite (see [`crate::output::unsafe_name`]). Content folders
/// are published under their slugs, so only their file names can be unsafe.
fn unsafe_asset_names(root: &Path, content: &[Asset], statics: &[Asset]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for a in content.iter().chain(statics) {
        let Some((name, why)) = a
            .rel
            .split('/')
            .find_map(|seg| Some((seg, crate::output::unsafe_name(seg)?)))
        else {
            continue;
        };
        errors.push(
            Diagnostic::error(
                rel_path(root, &a.path),
                0,
                0,
                format!("the name `{name}` {why}, which some web hosts refuse or rewrite"),
            )
            .with_help(format!(
                "rename it to `{}` (ASCII letters, digits, `-`, `_` and `.` are safe everywhere) and update the links to it",
                crate::output::safe_name(name)
            )),
        );
    }
    errors
}

/// Reads one content file again (for `serve`'s incremental rebuilds).
pub fn content_file(root: &Path, path: &Path) -> Result<ContentFile, Diagnostic> {
    let content_dir = root.join("content");
    read_text(root, path).map(|source| ContentFile {
        rel: rel_to(&content_dir, path),
        source,
    })
}

/// The text of the copied files a browser reads as markup or style (HTML,
/// SVG and CSS in `static/` and `content/`), for the privacy check. A file
/// that is not UTF-8 text is skipped.
pub fn markup_texts(root: &Path, loaded: &Loaded) -> Vec<SourceFile> {
    loaded
        .static_files
        .par_iter()
        .chain(loaded.content_assets.par_iter())
        .filter(|a| {
            a.path.extension().is_some_and(|e| {
                matches!(
                    e.to_string_lossy().to_ascii_lowercase().as_str(),
                    "html" | "htm" | "svg" | "css"
                )
            })
        })
        .filter_map(|a| read_text(root, &a.path).ok())
        .collect()
}

//! Stage 6, output: where rendered files go.
//!
//! A build never writes into the live output folder. It writes into a fresh
//! staging folder beside it and, only if the whole build succeeded, swaps the
//! two with renames ([`Staging::commit`]); a failed build deletes the staging
//! folder and leaves the previous site exactly as it was. `check` writes into
//! a [`NullSink`], which still catches two files claiming one path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;

mod staging;

pub use staging::{check_output_dir, Staging, OUTPUT_MARKER};

/// Somewhere to put output files. Implementations are safe to share
/// between rendering threads.
pub trait Sink: Sync {
    /// Writes `bytes` at `rel` (relative to the output root, `/`-separated).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Copies the file at `from` to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic>;
    /// How many files were written.
    fn count(&self) -> usize;
    /// Every path written so far, sorted.
    fn files(&self) -> Vec<String>;
    /// The bytes written at `rel`, read back (`None` for a sink that keeps
    /// nothing, like `check`'s). Used by the publish stage to compress.
    fn read_back(&self, _rel: &str) -> Option<Vec<u8>> {
        None
    }
}

/// The longest file or folder name casefile writes, in bytes. File systems
/// allow 255; precompressed copies add `.gz` or `.br`, and some hosts and
/// archive tools allow less.
pub const MAX_NAME: usize = 200;

/// Why `seg`, one segment of a path casefile generates (a slug, an id, a
/// term), cannot be a file or folder name on every common host, or `None`:
/// too long, or a name Windows reserves (`con`, `aux`, `nul`, `com1`...).
pub fn segment_problem(seg: &str) -> Option<String> {
    if seg.len() > MAX_NAME {
        return Some(format!(
            "is {} characters long, more than the {MAX_NAME} a file name can safely have",
            seg.chars().count()
        ));
    }
    let stem = seg.split('.').next().unwrap_or("").to_ascii_lowercase();
    let reserved = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    reserved.then(|| match seg.len() == stem.len() {
        true => "is a name Windows reserves".to_string(),
        false => format!("starts with `{stem}`, a name Windows reserves"),
    })
}

/// Why `name` (one file or folder name) is not safe on every common host,
/// or `None` if it is. Safe names use ASCII letters, digits, `-`, `_`, `.`
/// and `~` only: spaces, `%`, `#`, `?`, `+`, quotes, backslashes and
/// non-ASCII letters are refused or rewritten by some static hosts, object
/// stores or CDNs; and see [`segment_problem`].
pub fn unsafe_name(name: &str) -> Option<String> {
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
    {
        let shown = match c {
            ' ' => "a space".to_string(),
            c if c.is_control() => format!("the control character U+{:04X}", c as u32),
            c => format!("`{c}`"),
        };
        return Some(format!("has {shown}"));
    }
    if let Some(why) = segment_problem(name) {
        return Some(why);
    }
    if name.ends_with('.') {
        return Some("ends with a dot".into());
    }
    None
}

/// A safe name to suggest instead of `name`: slugified stem and extension.
pub fn safe_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, Some(e)),
        _ => (name, None),
    };
    let mut stem = slug::slugify(stem);
    if stem.is_empty() || unsafe_name(&stem).is_some() {
        stem = format!("file-{stem}").trim_end_matches('-').to_string();
    }
    match ext.map(slug::slugify).filter(|e| !e.is_empty()) {
        Some(e) => format!("{stem}.{e}"),
        None => stem,
    }
}

/// The output file of a site path: `/a/b/` → `a/b/index.html`.
pub fn path_to_file(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// Remembers which paths were claimed (lowercased, with the path as
/// written), to refuse a second claim.
#[derive(Debug, Default)]
struct Claims(Mutex<HashMap<String, String>>);

impl Claims {
    fn claim(&self, rel: &str) -> Result<(), Diagnostic> {
        // The checks of the model name the file and line a path comes from;
        // this is the last line of defence, for every sink alike.
        if let Some((seg, why)) = rel
            .split('/')
            .find_map(|seg| Some((seg, segment_problem(seg)?)))
        {
            return Err(Diagnostic::error(
                rel.to_string(),
                0,
                0,
                format!("cannot write `{rel}`: the name `{seg}` {why}"),
            )
            .with_help("the name comes from a slug, an id, a term or a file name: shorten it or choose another"));
        }
        let key = rel.to_lowercase();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let std::collections::hash_map::Entry::Vacant(e) = map.entry(key) {
            e.insert(rel.to_string());
            Ok(())
        } else {
            Err(Diagnostic::error(
                rel.to_string(),
                0,
                0,
                format!("two files would be written at `{rel}` (paths that differ only in case count as the same)"),
            )
            .with_help("rename the file in static/ or content/ that produces this path, or change a page's slug"))
        }
    }
    fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
    fn all(&self) -> Vec<String> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut v: Vec<String> = map.values().cloned().collect();
        v.sort();
        v
    }
}

/// Writes nothing; used by `check`.
#[derive(Debug, Default)]
pub struct NullSink {
    claims: Claims,
}

impl Sink for NullSink {
    fn write(&self, rel: &str, _bytes: &[u8]) -> Result<(), Diagnostic> {
        self.claims.claim(rel)
    }
    fn copy(&self, rel: &str, _from: &Path) -> Result<(), Diagnostic> {
        self.claims.claim(rel)
    }
    fn count(&self) -> usize {
        self.claims.len()
    }
    fn files(&self) -> Vec<String> {
        self.claims.all()
    }
}

/// Writes into a folder.
#[derive(Debug)]
pub struct DirSink {
    dir: PathBuf,
    claims: Claims,
}

impl DirSink {
    /// Writes under `dir`, which must exist.
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            claims: Claims::default(),
        }
    }

    /// The folder written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn target(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let safe = !rel.is_empty()
            && rel
                .split('/')
                .all(|seg| !seg.is_empty() && seg != "." && seg != "..");
        if !safe {
            return Err(Diagnostic::error(
                rel.to_string(),
                0,
                0,
                format!("unsafe output path `{rel}`"),
            ));
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(&path, e))?;
        }
        Ok(path)
    }
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path.display().to_string(),
        0,
        0,
        format!("cannot write: {e}"),
    )
    .with_help("check that the output folder is writable and the disk is not full")
}

impl Sink for DirSink {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.claims.claim(rel)?;
        let path = self.target(rel)?;
        std::fs::write(&path, bytes).map_err(|e| io_error(&path, e))
    }
    fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        self.claims.claim(rel)?;
        let path = self.target(rel)?;
        std::fs::copy(from, &path)
            .map(|_| ())
            .map_err(|e| io_error(&path, e))
    }
    fn count(&self) -> usize {
        self.claims.len()
    }
    fn files(&self) -> Vec<String> {
        self.claims.all()
    }
    fn read_back(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.join(rel)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_index_files() {
        assert_eq!(path_to_file("/"), "index.html");
        assert_eq!(path_to_file("/a/b/"), "a/b/index.html");
        assert_eq!(path_to_file("/style.css"), "style.css");
    }

    #[test]
    fn second_claim_on_a_path_is_refused_case_insensitively() {
        let s = NullSink::default();
        s.write("a/index.html", b"").unwrap();
        assert!(s.write("A/index.html", b"").is_err());
    }

    #[test]
    fn unsafe_names_are_named_and_get_a_safe_suggestion() {
        assert_eq!(unsafe_name("chart-2.svg"), None);
        assert_eq!(unsafe_name("a b.png").as_deref(), Some("has a space"));
        assert_eq!(unsafe_name("50%.png").as_deref(), Some("has `%`"));
        assert_eq!(unsafe_name("résumé.pdf").as_deref(), Some("has `é`"));
        assert!(unsafe_name("aux.txt").unwrap().contains("Windows"));
        assert!(unsafe_name("com1").is_some());
        assert_eq!(unsafe_name("com.svg"), None);
        assert_eq!(safe_name("My Chart (1).PNG"), "my-chart-1.png");
        assert_eq!(safe_name("aux.txt"), "file-aux.txt");
    }

    #[test]
    fn files_lists_paths_as_written() {
        let s = NullSink::default();
        s.write("b/Index.html", b"").unwrap();
        s.write("a.css", b"").unwrap();
        assert_eq!(s.files(), ["a.css", "b/Index.html"]);
    }
}

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

/// Why `name` (one file or folder name) is not safe on every common host,
/// or `None` if it is. Safe names use ASCII letters, digits, `-`, `_`, `.`
/// and `~` only: spaces, `%`, `#`, `?`, `+`, quotes, backslashes and
/// non-ASCII letters are refused or rewritten by some static hosts, object
/// stores or CDNs, and Windows reserves names like `con` or `aux.txt`.
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
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    let reserved = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        return Some(format!("is `{stem}`, a name Windows reserves"));
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

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
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

/// A staging folder next to the final output folder.
#[derive(Debug)]
pub struct Staging {
    final_dir: PathBuf,
    sink: DirSink,
    committed: bool,
}

impl Staging {
    /// Creates `.<name>.casefile-staging-<pid>` beside `final_dir`.
    pub fn new(final_dir: &Path) -> Result<Staging, Diagnostic> {
        let parent = final_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        let name = final_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.casefile-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        Ok(Staging {
            final_dir: final_dir.to_path_buf(),
            sink: DirSink::new(dir),
            committed: false,
        })
    }

    /// Where to write.
    pub fn sink(&self) -> &DirSink {
        &self.sink
    }

    /// Replaces the final folder with the staged one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let staged = self.sink.dir().to_path_buf();
        let old = staged.with_file_name(format!(
            "{}.old",
            staged
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        if self.final_dir.exists() {
            std::fs::rename(&self.final_dir, &old).map_err(|e| io_error(&self.final_dir, e))?;
        }
        if let Err(e) = std::fs::rename(&staged, &self.final_dir) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, &self.final_dir);
            return Err(io_error(&self.final_dir, e));
        }
        let _ = std::fs::remove_dir_all(&old);
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Not committed: throw the partial build away.
            let _ = std::fs::remove_dir_all(self.sink.dir());
        }
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

    #[test]
    fn uncommitted_staging_leaves_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        {
            let st = Staging::new(&out).unwrap();
            st.sink().write("new.html", b"new").unwrap();
        }
        assert!(out.join("old.html").exists());
        assert!(!out.join("new.html").exists());
        let st = Staging::new(&out).unwrap();
        st.sink().write("new.html", b"new").unwrap();
        st.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert!(out.join("new.html").exists());
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging left behind"
        );
    }
}

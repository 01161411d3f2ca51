//! Where files go: the [`Sink`] trait, [`DirSink`] (a folder) and
//! [`NullSink`] (nothing, for `check`), both refusing two files at one path
//! and names no host takes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::names::segment_problem;
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
    /// Folders this sink made or found (a build writes 27,000 files at
    /// 10,000 pages into a few thousand folders: asking the system for the
    /// folder of each took a sixth of a second).
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl DirSink {
    /// Writes under `dir`, which must exist.
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            claims: Claims::default(),
            made: Default::default(),
        }
    }

    fn made(&self) -> std::sync::MutexGuard<'_, std::collections::HashSet<PathBuf>> {
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes `folder` and those above it, unless this sink already did.
    fn make_folder(&self, folder: &Path) -> std::io::Result<()> {
        if self.made().contains(folder) {
            return Ok(());
        }
        std::fs::create_dir_all(folder)?;
        self.made().insert(folder.to_path_buf());
        Ok(())
    }

    /// Runs `op` on `path`; if its folder has gone (removed behind this
    /// sink's back), makes it again and runs `op` once more.
    fn with_folder<T>(
        &self,
        path: &Path,
        op: impl Fn() -> std::io::Result<T>,
    ) -> Result<T, Diagnostic> {
        match op() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let parent = path.parent().unwrap_or(&self.dir);
                self.made().clear();
                self.make_folder(parent)
                    .and_then(|()| op())
                    .map_err(|e| io_error(path, e))
            }
            other => other.map_err(|e| io_error(path, e)),
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
            self.make_folder(parent).map_err(|e| io_error(&path, e))?;
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
        self.with_folder(&path, || std::fs::write(&path, bytes))
    }
    fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        self.claims.claim(rel)?;
        let path = self.target(rel)?;
        self.with_folder(&path, || std::fs::copy(from, &path).map(|_| ()))
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
    fn second_claim_on_a_path_is_refused_case_insensitively() {
        let s = NullSink::default();
        s.write("a/index.html", b"").unwrap();
        assert!(s.write("A/index.html", b"").is_err());
    }

    #[test]
    fn files_lists_paths_as_written() {
        let s = NullSink::default();
        s.write("b/Index.html", b"").unwrap();
        s.write("a.css", b"").unwrap();
        assert_eq!(s.files(), ["a.css", "b/Index.html"]);
    }

    #[test]
    fn a_folder_removed_behind_the_sinks_back_is_made_again() {
        let tmp = tempfile::tempdir().unwrap();
        let s = DirSink::new(tmp.path().to_path_buf());
        s.write("a/b/one.html", b"1").unwrap();
        std::fs::remove_dir_all(tmp.path().join("a")).unwrap();
        s.write("a/b/two.html", b"2").unwrap();
        let from = tmp.path().join("a/b/two.html");
        std::fs::remove_dir_all(tmp.path().join("a")).unwrap();
        let kept = tmp.path().join("kept.txt");
        std::fs::write(&kept, "k").unwrap();
        s.copy("a/c/three.txt", &kept).unwrap();
        assert_eq!(
            std::fs::read(tmp.path().join("a/c/three.txt")).unwrap(),
            b"k"
        );
        assert!(!from.exists());
        assert!(s.write("a/../x.html", b"").is_err());
    }
}

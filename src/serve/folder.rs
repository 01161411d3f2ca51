//! The private folder `casefile serve` builds into, and the removal of those
//! left behind.
//!
//! Each serve makes its own `casefile-serve-XXXXXX` folder in the system
//! temp dir with `tempfile` (unguessable name, owner-only permissions on
//! Unix). The site is built into `site/` inside it, so the staging folder of
//! each build sits beside the output, inside the private folder too. It is
//! removed when the serve stops: when [`ServeFolder`] drops, which
//! `casefile serve` makes happen on Ctrl+C and SIGTERM.
//!
//! A serve that is killed (`kill -9`, a crash, a power cut) cannot clean up,
//! so each folder holds a lock file, [`LOCK_FILE`], locked for the serve's
//! whole life; the operating system releases the lock when the process
//! ends, however it ends. At start, every other `casefile-serve-*` folder of
//! the same user whose lock can be taken belonged to a serve that is gone,
//! and is removed ([`ServeFolder::remove_stale`]). A folder whose lock is
//! held, or that has no lock file (a serve still creating it, or one from
//! an older casefile), is left alone.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// How every serve folder's name starts.
pub const PREFIX: &str = "casefile-serve-";
/// The lock file in a serve folder, locked while its serve runs.
pub const LOCK_FILE: &str = "serve.lock";

/// A serve's private folder: removed when dropped.
#[derive(Debug)]
pub struct ServeFolder {
    // Declared first, so dropped first: the lock file is closed before
    // `TempDir` removes the folder.
    _lock: File,
    dir: TempDir,
}

impl ServeFolder {
    /// Creates a new folder in `parent` (the temp dir) and locks it.
    pub fn create(parent: &Path) -> io::Result<ServeFolder> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(PREFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        let dir = builder.tempdir_in(parent)?;
        // Locked under another name, then renamed: another serve's sweep
        // must never find the lock file unlocked in a live folder.
        let unlocked = dir.path().join(format!("{LOCK_FILE}.new"));
        let lock = File::create_new(&unlocked)?;
        lock.try_lock().map_err(io::Error::from)?;
        std::fs::rename(&unlocked, dir.path().join(LOCK_FILE))?;
        Ok(ServeFolder { _lock: lock, dir })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where the site is built, inside the folder.
    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Removes the other serve folders beside this one whose serve is gone
    /// (their lock can be taken); returns those removed.
    pub fn remove_stale(&self) -> Vec<PathBuf> {
        let own = self.path();
        let (Some(parent), Ok(own_meta)) = (own.parent(), std::fs::symlink_metadata(own)) else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(parent) else {
            return Vec::new();
        };
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(PREFIX));
            if !ours || path == own {
                continue;
            }
            // A real folder (not a link to one elsewhere) of this user.
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if !meta.is_dir() || !same_owner(&meta, &own_meta) {
                continue;
            }
            let lock_path = path.join(LOCK_FILE);
            let is_file = std::fs::symlink_metadata(&lock_path).is_ok_and(|m| m.is_file());
            let Some(lock) = is_file.then(|| File::open(&lock_path).ok()).flatten() else {
                continue;
            };
            if lock.try_lock().is_ok() && std::fs::remove_dir_all(&path).is_ok() {
                removed.push(path);
            }
        }
        removed.sort();
        removed
    }
}

#[cfg(unix)]
fn same_owner(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

#[cfg(not(unix))]
fn same_owner(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder as a serve would leave it: a site and a lock file.
    fn plant(parent: &Path, name: &str, lock: bool) -> PathBuf {
        let dir = parent.join(name);
        std::fs::create_dir_all(dir.join("site")).unwrap();
        std::fs::write(dir.join("site/index.html"), "old").unwrap();
        if lock {
            std::fs::write(dir.join(LOCK_FILE), "").unwrap();
        }
        dir
    }

    #[test]
    fn a_folder_is_private_locked_and_removed_when_dropped() {
        let parent = tempfile::tempdir().unwrap();
        let folder = ServeFolder::create(parent.path()).unwrap();
        let path = folder.path().to_path_buf();
        assert_eq!(path.parent(), Some(parent.path()));
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with(PREFIX) && name.len() > PREFIX.len(),
            "{name}"
        );
        assert_eq!(folder.site(), path.join("site"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let other = File::open(path.join(LOCK_FILE)).unwrap();
        assert!(other.try_lock().is_err(), "the lock is held");
        drop(other);
        assert!(!path.join(format!("{LOCK_FILE}.new")).exists());
        std::fs::create_dir_all(folder.site().join("a")).unwrap();
        std::fs::write(folder.site().join("a/index.html"), "x").unwrap();
        drop(folder);
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 0);
    }

    #[test]
    fn only_folders_whose_lock_can_be_taken_are_removed() {
        let parent = tempfile::tempdir().unwrap();
        let p = parent.path();
        let stale = plant(p, "casefile-serve-stale1", true);
        let stale2 = plant(p, "casefile-serve-stale2", true);
        let live = plant(p, "casefile-serve-live", true);
        let held = File::open(live.join(LOCK_FILE)).unwrap();
        held.lock().unwrap();
        let no_lock = plant(p, "casefile-serve-nolock", false);
        let other_name = plant(p, "someone-else", true);
        let lock_is_a_folder = plant(p, "casefile-serve-odd", false);
        std::fs::create_dir(lock_is_a_folder.join(LOCK_FILE)).unwrap();
        std::fs::write(p.join("casefile-serve-file"), "").unwrap();
        #[cfg(unix)]
        let (elsewhere, link) = {
            let elsewhere = tempfile::tempdir().unwrap();
            let target = plant(elsewhere.path(), "target", true);
            let link = p.join("casefile-serve-link");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            (elsewhere, link)
        };

        let folder = ServeFolder::create(p).unwrap();
        assert_eq!(folder.remove_stale(), vec![stale.clone(), stale2.clone()]);
        assert!(!stale.exists() && !stale2.exists());
        assert!(
            live.join("site/index.html").exists(),
            "a live serve's folder is kept"
        );
        assert!(no_lock.join("site/index.html").exists());
        assert!(other_name.exists() && lock_is_a_folder.exists());
        assert!(p.join("casefile-serve-file").exists());
        assert!(folder.path().exists(), "its own folder is kept");
        #[cfg(unix)]
        {
            assert!(link.exists(), "a link is not followed");
            assert!(elsewhere.path().join("target/site/index.html").exists());
        }
        // Once its serve is gone, the live one is stale too.
        drop(held);
        assert_eq!(folder.remove_stale(), vec![live.clone()]);
        assert!(folder.remove_stale().is_empty());
    }
}

//! The output folder: which folders a build may replace, and how the new
//! site takes the old one's place.
//!
//! A build replaces its output folder wholesale, so casefile must never be
//! pointed at a folder it did not write. [`check_output_dir`] refuses the
//! site folder, a folder that contains it, and anything inside the site's
//! own source folders; [`Staging::new`] refuses a regular file and a folder
//! that is neither empty nor marked as a casefile output (every output
//! carries [`OUTPUT_MARKER`]).
//!
//! The new site is written into a staging folder and swapped in only when
//! the whole build succeeded. Normally the staging folder sits beside the
//! output and the swap is two renames. Where the output folder itself cannot
//! be renamed (a mount point such as a Docker volume, or a folder whose
//! parent is not writable), the staging folder goes inside it and the swap
//! moves its *contents*, entry by entry. Either way each staging folder has
//! a lock file, held for the build's life, so that the next build can tell
//! a folder left by a killed build (lock free: removed) from one in use
//! (lock held: left alone).

use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};

use super::sink::{io_error, DirSink};
use crate::diagnostics::Diagnostic;

/// The file written into every output folder. A folder that has it is a
/// casefile output, which the next build may replace.
pub const OUTPUT_MARKER: &str = ".casefile-output";

const MARKER_TEXT: &str =
    "This folder was written by casefile. The next build replaces everything in it.\n\
casefile replaces only folders that are empty or hold this file.\n";

/// The folders of a site that an output may never be or be inside.
const SOURCE_DIRS: &[&str] = &["content", "templates", "static", "i18n"];

const STAGING: &str = "casefile-staging-";
const OLD: &str = "casefile-old-";

/// Checks that `out` may be the output folder of the site at `root` and
/// returns it resolved: absolute, with every symbolic link followed (a link
/// named as the output is built through, at the folder it points to).
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let shown = out.display().to_string();
    let refuse = |what: String, help: &str| {
        Diagnostic::error(
            shown.clone(),
            0,
            0,
            format!("cannot build into `{shown}`: {what}"),
        )
        .with_help(help.to_string())
    };
    let root = resolve(root).map_err(|e| io_error(root, e))?;
    let resolved =
        resolve(out).map_err(|e| refuse(format!("{e}"), "choose another output folder"))?;
    let elsewhere = "build into a folder of its own: the default `public/` in the site folder, or e.g. --output ../public";
    if resolved == root {
        return Err(refuse(
            "it is the site folder itself, and a build replaces its output folder entirely".into(),
            elsewhere,
        ));
    }
    if root.starts_with(&resolved) {
        return Err(refuse(
            format!(
                "it contains the site folder `{}`, and a build replaces its output folder entirely",
                root.display()
            ),
            elsewhere,
        ));
    }
    for dir in SOURCE_DIRS {
        if resolved.starts_with(root.join(dir)) {
            return Err(refuse(
                format!(
                    "it is inside the site's `{dir}/` folder, which the build reads: it would replace your files or publish itself"
                ),
                elsewhere,
            ));
        }
    }
    Ok(resolved)
}

/// `path` made absolute, with the symbolic links of its existing part
/// followed and `.`/`..` applied (lexically where nothing exists).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let mut cur = PathBuf::new();
    let mut exists = true;
    for comp in abs.components() {
        match comp {
            Component::Prefix(_) | Component::RootDir => cur.push(comp),
            Component::CurDir => {}
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(name) => {
                cur.push(name);
                if exists {
                    match cur.canonicalize() {
                        Ok(c) => cur = c,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => exists = false,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
    Ok(cur)
}

/// Why the existing `dir` may not be replaced, or `None` if it may: it is
/// absent, an empty folder, or a folder holding [`OUTPUT_MARKER`].
fn refuse_foreign(dir: &Path) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    let refuse = |what: &str, help: String| {
        Diagnostic::error(
            shown.clone(),
            0,
            0,
            format!("cannot build into `{shown}`: {what}"),
        )
        .with_help(help)
    };
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(dir, e)),
    };
    if !meta.is_dir() {
        return Err(refuse(
            "it is a file, not a folder",
            "choose a folder for the output (a new one is created), or move the file away".into(),
        ));
    }
    if dir.join(OUTPUT_MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(refuse(
        &format!("the folder is not empty and is not a casefile output (it has no `{OUTPUT_MARKER}` file), so a build would delete what is in it"),
        "choose a new or empty folder; casefile replaces only folders it wrote. If this folder holds a build of an older casefile, delete it once yourself (its files are not kept)".into(),
    ))
}

/// A build's staging folder; [`Staging::commit`] puts it in the output's
/// place, dropping it uncommitted deletes it.
#[derive(Debug)]
pub struct Staging {
    final_dir: PathBuf,
    sink: DirSink,
    /// The lock file beside the staging folder, and its open handle (which
    /// holds the lock until it is closed).
    lock: Option<(PathBuf, File)>,
    /// Where the previous site goes while the new one moves in.
    old: PathBuf,
    /// Whether the staging folder is inside the output folder (which then
    /// swaps its contents rather than being renamed).
    inside: bool,
    committed: bool,
}

impl Staging {
    /// Creates a staging folder for the output folder `final_dir`, which
    /// must be absent, empty or a casefile output. Removes what builds that
    /// were killed left behind.
    pub fn new(final_dir: &Path) -> Result<Staging, Diagnostic> {
        let final_dir = resolve(final_dir).map_err(|e| io_error(final_dir, e))?;
        refuse_foreign(&final_dir)?;
        let inside = final_dir.is_dir() && is_mount_point(&final_dir);
        match Self::create(&final_dir, inside) {
            // A parent we may not write to: stage inside the output instead.
            Err(e)
                if !inside && e.kind() == io::ErrorKind::PermissionDenied && final_dir.is_dir() =>
            {
                Self::create(&final_dir, true)
            }
            other => other,
        }
        .map_err(|e| io_error(&final_dir, e))
    }

    fn create(final_dir: &Path, inside: bool) -> io::Result<Staging> {
        let (holder, prefix) = if inside {
            (final_dir.to_path_buf(), ".".to_string())
        } else {
            let parent = final_dir.parent().ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the output cannot be the root of the file system",
                )
            })?;
            let name = final_dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "public".into());
            fs::create_dir_all(parent)?;
            (parent.to_path_buf(), format!(".{name}."))
        };
        remove_leftovers(&holder, &prefix);
        let pid = std::process::id();
        let dir = holder.join(format!("{prefix}{STAGING}{pid}"));
        let lock_path = holder.join(format!("{prefix}{STAGING}{pid}.lock"));
        let lock = File::create(&lock_path)?;
        lock.lock()?;
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        let made =
            fs::create_dir(&dir).and_then(|()| fs::write(dir.join(OUTPUT_MARKER), MARKER_TEXT));
        if let Err(e) = made {
            let _ = fs::remove_dir_all(&dir);
            let _ = fs::remove_file(&lock_path);
            return Err(e);
        }
        Ok(Staging {
            final_dir: final_dir.to_path_buf(),
            sink: DirSink::new(dir),
            lock: Some((lock_path, lock)),
            old: holder.join(format!("{prefix}{OLD}{pid}")),
            inside,
            committed: false,
        })
    }

    /// Where to write.
    pub fn sink(&self) -> &DirSink {
        &self.sink
    }

    /// Replaces the output folder with the staged site.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let staged = self.sink.dir().to_path_buf();
        let result = if self.inside {
            swap_contents(&self.final_dir, &staged, &self.old)
        } else if !self.final_dir.exists() {
            fs::rename(&staged, &self.final_dir)
        } else {
            match fs::rename(&self.final_dir, &self.old) {
                Ok(()) => match fs::rename(&staged, &self.final_dir) {
                    Ok(()) => {
                        let _ = remove_tree(&self.old);
                        Ok(())
                    }
                    Err(e) => {
                        // Put the previous site back before reporting.
                        let _ = fs::rename(&self.old, &self.final_dir);
                        Err(e)
                    }
                },
                // The folder cannot be moved (a mount point we did not
                // recognise, say): move what is in it instead.
                Err(_) => {
                    let pid = std::process::id();
                    let old = self.final_dir.join(format!(".{OLD}{pid}"));
                    swap_contents(&self.final_dir, &staged, &old)
                }
            }
        };
        result.map_err(|e| {
            Diagnostic::error(
                self.final_dir.display().to_string(),
                0,
                0,
                format!("cannot put the new site in place: {e}"),
            )
            .with_help("the previous site was kept; check that the output folder and the folder around it are writable")
        })?;
        self.committed = true;
        self.release_lock();
        Ok(())
    }

    fn release_lock(&mut self) {
        if let Some((path, file)) = self.lock.take() {
            drop(file);
            let _ = fs::remove_file(path);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Not committed: throw the partial build away.
            let _ = fs::remove_dir_all(self.sink.dir());
        }
        self.release_lock();
    }
}

/// Puts what is in `staged` in place of what is in `dir`: the old entries
/// move into `trash` (inside `dir`, so these are renames on one file
/// system), the new ones move in (renamed, or copied from another file
/// system), then `trash` and `staged` are deleted. If moving in fails, the
/// old entries are put back.
fn swap_contents(dir: &Path, staged: &Path, trash: &Path) -> io::Result<()> {
    fs::create_dir(trash)?;
    let mut moved_out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let ours = name.to_string_lossy();
        if path == trash
            || path == staged
            || ours.starts_with(&format!(".{STAGING}"))
            || ours.starts_with(&format!(".{OLD}"))
        {
            continue;
        }
        fs::rename(&path, trash.join(&name))?;
        moved_out.push(name);
    }
    let mut moved_in = Vec::new();
    let moving_in = fs::read_dir(staged).and_then(|entries| {
        for entry in entries {
            let entry = entry?;
            let to = dir.join(entry.file_name());
            move_entry(&entry.path(), &to)?;
            moved_in.push(to);
        }
        Ok(())
    });
    if let Err(e) = moving_in {
        for path in moved_in {
            let _ = remove_any(&path);
        }
        for name in moved_out {
            let _ = fs::rename(trash.join(&name), dir.join(&name));
        }
        let _ = fs::remove_dir_all(trash);
        return Err(e);
    }
    let _ = remove_tree(trash);
    let _ = fs::remove_dir_all(staged);
    Ok(())
}

/// Removes the folder `path` and everything in it: the previous site, once
/// the new one is in place (27,000 files at 10,000 pages take one thread
/// about 0.4 s). The entries at its top are removed on several threads,
/// each with the standard library's `remove_dir_all`, which never follows a
/// symbolic link and is not fooled by a folder swapped for one meanwhile;
/// then whatever is left goes the same way.
fn remove_tree(path: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    if let Ok(entries) = fs::read_dir(path) {
        let entries: Vec<fs::DirEntry> = entries.flatten().collect();
        entries.par_iter().for_each(|entry| {
            let path = entry.path();
            // An entry that cannot be removed here is left to the last step.
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
                _ => fs::remove_file(&path),
            };
        });
    }
    fs::remove_dir_all(path)
}

/// Renames `from` to `to`, or copies it across file systems.
fn move_entry(from: &Path, to: &Path) -> io::Result<()> {
    match fs::rename(from, to) {
        Err(e) if e.kind() == io::ErrorKind::CrossesDevices => {
            copy_all(from, to)?;
            remove_any(from)
        }
        other => other,
    }
}

fn copy_all(from: &Path, to: &Path) -> io::Result<()> {
    if fs::symlink_metadata(from)?.is_dir() {
        fs::create_dir(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_all(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        fs::copy(from, to).map(|_| ())
    }
}

fn remove_any(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// Removes the staging and old folders (and lock files) in `holder` whose
/// names start with `prefix` and whose build is no longer running: its lock
/// file is gone or can be locked.
fn remove_leftovers(holder: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(holder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let Some(tail) = rest
            .strip_prefix(STAGING)
            .or_else(|| rest.strip_prefix(OLD))
        else {
            continue;
        };
        // The build's process id, before any `.lock` or `.old` (the name an
        // older casefile gave its previous site).
        let pid = tail.split('.').next().unwrap_or(tail);
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let lock = holder.join(format!("{prefix}{STAGING}{pid}.lock"));
        if !is_locked(&lock) {
            let _ = remove_any(&entry.path());
        }
    }
}

/// Whether a running build holds the lock file at `path`.
fn is_locked(path: &Path) -> bool {
    match File::options().write(true).open(path) {
        Err(_) => false,
        Ok(f) => match f.try_lock() {
            Ok(()) => false,
            Err(fs::TryLockError::WouldBlock) => true,
            // Unsure: leave it alone.
            Err(fs::TryLockError::Error(_)) => true,
        },
    }
}

/// Whether `dir` is a mount point, which cannot be renamed: its device
/// differs from its parent's, or (Linux) the kernel lists it as a mount
/// (bind mounts such as Docker volumes can share the parent's device).
fn is_mount_point(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let parent = dir.parent().and_then(|p| fs::metadata(p).ok());
        if let (Ok(meta), Some(parent)) = (fs::metadata(dir), parent) {
            if meta.dev() != parent.dev() {
                return true;
            }
        }
        fs::read_to_string("/proc/self/mountinfo").is_ok_and(|table| mountinfo_lists(&table, dir))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Whether `/proc/self/mountinfo` text lists `dir` as a mount point (the
/// fifth field, with spaces and other bytes written as `\ooo`).
fn mountinfo_lists(table: &str, dir: &Path) -> bool {
    table
        .lines()
        .filter_map(|line| line.split(' ').nth(4))
        .any(|field| Path::new(&unescape_octal(field)) == dir)
}

fn unescape_octal(field: &str) -> String {
    let b = field.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let code = b
            .get(i + 1..i + 4)
            .filter(|d| b[i] == b'\\' && d.iter().all(|c| (b'0'..=b'7').contains(c)))
            .and_then(|d| u8::from_str_radix(std::str::from_utf8(d).ok()?, 8).ok());
        match code {
            Some(c) => {
                out.push(c);
                i += 4;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Sink;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    #[test]
    fn removing_the_previous_site_never_follows_a_link_out_of_it() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        fs::create_dir_all(outside.join("inner")).unwrap();
        fs::write(outside.join("inner/keep.txt"), "keep").unwrap();
        let old = tmp.path().join("old");
        for i in 0..40 {
            fs::create_dir_all(old.join(format!("s{i}/p"))).unwrap();
            fs::write(old.join(format!("s{i}/p/index.html")), "x").unwrap();
        }
        std::os::unix::fs::symlink(&outside, old.join("s3/link")).unwrap();
        std::os::unix::fs::symlink(outside.join("inner/keep.txt"), old.join("file-link")).unwrap();
        remove_tree(&old).unwrap();
        assert!(!old.exists());
        assert_eq!(
            fs::read_to_string(outside.join("inner/keep.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn uncommitted_staging_leaves_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        fs::write(out.join(OUTPUT_MARKER), "").unwrap();
        {
            let st = Staging::new(&out).unwrap();
            st.sink().write("new.html", b"new").unwrap();
        }
        assert!(out.join("old.html").exists());
        assert!(!out.join("new.html").exists());
        let st = Staging::new(&out).unwrap();
        st.sink().write("new.html", b"new").unwrap();
        st.commit().unwrap();
        assert_eq!(names(&out), [OUTPUT_MARKER, "new.html"]);
        assert_eq!(names(tmp.path()), ["public"], "no staging left behind");
    }

    #[test]
    fn only_empty_absent_or_marked_folders_are_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let keep = tmp.path().join("keep");
        fs::create_dir(&keep).unwrap();
        fs::write(keep.join("precious.txt"), "mine").unwrap();
        let e = Staging::new(&keep).unwrap_err();
        assert!(e.message.contains("not a casefile output"), "{e}");
        assert_eq!(
            fs::read_to_string(keep.join("precious.txt")).unwrap(),
            "mine"
        );
        let file = tmp.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(Staging::new(&file)
            .unwrap_err()
            .message
            .contains("is a file"));
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        Staging::new(&empty).unwrap().commit().unwrap();
        assert_eq!(names(&empty), [OUTPUT_MARKER], "every output is marked");
        Staging::new(&empty).unwrap().commit().unwrap();
    }

    #[test]
    fn the_output_must_stay_out_of_the_site_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let bad = [
            root.clone(),
            root.join("."),
            tmp.path().to_path_buf(),
            root.join("content"),
            root.join("content/public"),
            root.join("static/x"),
            root.join("templates"),
            root.join("i18n/out"),
            root.join("public/../content"),
        ];
        for out in bad {
            assert!(check_output_dir(&root, &out).is_err(), "{}", out.display());
        }
        for out in [
            root.join("public"),
            tmp.path().join("elsewhere"),
            root.join("contents"),
        ] {
            assert!(check_output_dir(&root, &out).is_ok(), "{}", out.display());
        }
        // A link to the site is the site.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&root, tmp.path().join("link")).unwrap();
            assert!(check_output_dir(&root, &tmp.path().join("link")).is_err());
        }
    }

    #[test]
    fn leftovers_of_killed_builds_are_removed_and_live_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let dead = tmp.path().join(".public.casefile-staging-4000001");
        fs::create_dir(&dead).unwrap();
        let dead_lock = tmp.path().join(".public.casefile-staging-4000001.lock");
        fs::write(&dead_lock, "").unwrap();
        let legacy = tmp.path().join(".public.casefile-staging-4000002.old");
        fs::create_dir(&legacy).unwrap();
        let live = tmp.path().join(".public.casefile-staging-4000003");
        fs::create_dir(&live).unwrap();
        let held = File::create(tmp.path().join(".public.casefile-staging-4000003.lock")).unwrap();
        held.lock().unwrap();
        let other_site = tmp.path().join(".docs.casefile-staging-4000004");
        fs::create_dir(&other_site).unwrap();
        Staging::new(&out).unwrap().commit().unwrap();
        assert!(!dead.exists() && !dead_lock.exists());
        assert!(!legacy.exists());
        assert!(live.exists(), "a running build's staging folder is kept");
        assert!(other_site.exists(), "another output's folders are not ours");
        drop(held);
    }

    #[test]
    fn inside_staging_swaps_the_contents_of_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("mount");
        fs::create_dir_all(out.join("old-dir")).unwrap();
        fs::write(out.join("old-dir/a.html"), "a").unwrap();
        fs::write(out.join(OUTPUT_MARKER), "").unwrap();
        {
            let st = Staging::create(&out, true).unwrap();
            st.sink().write("x/new.html", b"new").unwrap();
            // Dropped: nothing changes.
        }
        assert_eq!(names(&out), [OUTPUT_MARKER, "old-dir"]);
        let st = Staging::create(&out, true).unwrap();
        assert!(st.sink().dir().starts_with(&out));
        st.sink().write("x/new.html", b"new").unwrap();
        st.commit().unwrap();
        assert_eq!(names(&out), [OUTPUT_MARKER, "x"]);
        assert_eq!(fs::read_to_string(out.join("x/new.html")).unwrap(), "new");
        assert_eq!(names(tmp.path()), ["mount"]);
    }

    #[test]
    fn swap_contents_copies_across_file_systems_and_restores_on_failure() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("old.txt"), "old").unwrap();
        // A staged folder that cannot be read: moving in fails, the old
        // entries come back.
        let missing = tmp.path().join("missing");
        assert!(swap_contents(&dir, &missing, &dir.join(".casefile-old-1")).is_err());
        assert_eq!(names(&dir), ["old.txt"]);
        let staged = tmp.path().join("staged");
        fs::create_dir_all(staged.join("d")).unwrap();
        fs::write(staged.join("d/new.txt"), "new").unwrap();
        swap_contents(&dir, &staged, &dir.join(".casefile-old-1")).unwrap();
        assert_eq!(names(&dir), ["d"]);
        assert!(!staged.exists());
        // copy_all is what a move across devices falls back to.
        let copy = tmp.path().join("copy");
        copy_all(&dir, &copy).unwrap();
        assert_eq!(fs::read_to_string(copy.join("d/new.txt")).unwrap(), "new");
    }

    #[test]
    fn mount_points_are_read_from_mountinfo() {
        let table = "36 35 98:0 /mnt1 /srv/my\\040site rw,noatime master:1 - ext3 /dev/root rw\n\
                     37 35 98:0 / / rw - ext4 /dev/sda1 rw\n";
        assert!(mountinfo_lists(table, Path::new("/srv/my site")));
        assert!(mountinfo_lists(table, Path::new("/")));
        assert!(!mountinfo_lists(table, Path::new("/srv")));
        assert_eq!(unescape_octal("a\\134b\\011"), "a\\b\t");
    }
}

//! Every call to git: the site's history, read with a few plumbing
//! commands (never one per file).
//!
//! git is optional. Every function answers `None` (or nothing) when git is
//! not installed, the site is not in a repository, or a command fails, and
//! the callers then say nothing rather than guess. Commands run in the site
//! folder with the variables a hook may set (`GIT_DIR`...) removed, paths
//! are relative to the site folder, and nothing depends on the machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A `git` command run in `dir`, isolated from the caller's git variables.
pub fn command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// The output of `git ARGS` in `dir`, if it succeeded.
fn run(dir: &Path, args: &[&str]) -> Option<String> {
    let out = command(dir).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A commit: its hash and committer time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full hash.
    pub hash: String,
    /// When it was committed (the committer date: when the change reached
    /// the branch the site is built from).
    pub time: jiff::Timestamp,
}

/// A commit with the files it changed (relative to the site folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The commit.
    pub commit: Commit,
    /// Files it added, changed or deleted.
    pub files: Vec<String>,
}

/// The site's repository, seen from the site folder.
#[derive(Debug, Clone)]
pub struct Repo {
    dir: PathBuf,
}

/// Why a revision cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevError {
    /// git is missing or the site is not in a repository.
    NoRepository,
    /// The repository has no such commit (or the clone is shallow).
    Unknown,
}

impl Repo {
    /// The repository holding `dir`, if git is installed and there is one.
    pub fn open(dir: &Path) -> Option<Repo> {
        let inside = run(dir, &["rev-parse", "--is-inside-work-tree"])?;
        (inside.trim() == "true").then(|| Repo {
            dir: dir.to_path_buf(),
        })
    }

    /// The commit `rev` names (a hash, branch, tag, `HEAD~2`...).
    pub fn commit(&self, rev: &str) -> Result<Commit, RevError> {
        if rev.starts_with('-') || rev.is_empty() {
            return Err(RevError::Unknown);
        }
        let out = run(
            &self.dir,
            &[
                "log",
                "-1",
                "--format=%H %ct",
                &format!("{rev}^{{commit}}"),
                "--",
            ],
        )
        .ok_or(RevError::Unknown)?;
        parse_commit(out.trim()).ok_or(RevError::Unknown)
    }

    /// The repository that may hold `dir`, not checked: every command
    /// then fails if there is none.
    pub fn unchecked(dir: &Path) -> Repo {
        Repo {
            dir: dir.to_path_buf(),
        }
    }

    /// Whether the clone has only part of the history (CI's default).
    pub fn is_shallow(&self) -> bool {
        run(&self.dir, &["rev-parse", "--is-shallow-repository"])
            .is_some_and(|s| s.trim() == "true")
    }

    /// Files under `folder` (relative to the site folder) at `commit`,
    /// sorted.
    pub fn files_at(&self, commit: &str, folder: &str) -> Vec<String> {
        let Some(out) = run(
            &self.dir,
            &["ls-tree", "-r", "--name-only", "-z", commit, "--", folder],
        ) else {
            return Vec::new();
        };
        let mut files: Vec<String> = out
            .split('\0')
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        files.sort();
        files
    }

    /// The text of each `(commit, file)` (file relative to the site folder)
    /// in one `git cat-file --batch`; `None` where the file does not exist
    /// at that commit or is not UTF-8.
    pub fn read_at(&self, wanted: &[(String, String)]) -> Vec<Option<String>> {
        if wanted.is_empty() {
            return Vec::new();
        }
        let spawned = command(&self.dir)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn();
        let Ok(mut child) = spawned else {
            return vec![None; wanted.len()];
        };
        // Write the requests from another thread so that a large answer
        // cannot block both sides.
        let mut stdin = child.stdin.take().expect("piped");
        let requests: String = wanted.iter().map(|(c, f)| format!("{c}:./{f}\n")).collect();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(requests.as_bytes());
        });
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        let mut texts = Vec::with_capacity(wanted.len());
        for _ in wanted {
            let mut header = String::new();
            if out.read_line(&mut header).unwrap_or(0) == 0 {
                break;
            }
            // `<hash> blob <size>` or `<request> missing`.
            let mut parts = header.split_whitespace();
            let (Some(_), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next())
            else {
                texts.push(None);
                continue;
            };
            let Ok(size) = size.parse::<usize>() else {
                texts.push(None);
                continue;
            };
            let mut body = vec![0; size + 1];
            if out.read_exact(&mut body).is_err() {
                break;
            }
            body.pop();
            texts.push(
                (kind == "blob")
                    .then(|| String::from_utf8(body).ok())
                    .flatten(),
            );
        }
        let _ = writer.join();
        let _ = child.wait();
        texts.resize(wanted.len(), None);
        texts
    }

    /// Every commit that changed something under `folder`, oldest first,
    /// with the files it changed (relative to the site folder).
    pub fn log(&self, folder: &str) -> Vec<Change> {
        self.try_log(folder).unwrap_or_default()
    }

    /// [`Repo::log`], or `None` if the command failed (no repository, no
    /// commit yet...).
    pub fn try_log(&self, folder: &str) -> Option<Vec<Change>> {
        let out = run(
            &self.dir,
            &[
                "log",
                "--reverse",
                "--format=%x01%H %ct",
                "--name-only",
                "--relative",
                "-z",
                "--",
                folder,
            ],
        )?;
        Some(parse_log(&out))
    }
}

fn parse_commit(s: &str) -> Option<Commit> {
    let (hash, time) = s.split_once(' ')?;
    let time = jiff::Timestamp::from_second(time.trim().parse().ok()?).ok()?;
    Some(Commit {
        hash: hash.to_string(),
        time,
    })
}

/// Parses `git log --format=%x01%H %ct --name-only -z`.
fn parse_log(out: &str) -> Vec<Change> {
    let mut changes: Vec<Change> = Vec::new();
    for token in out.split('\0') {
        let token = token.trim_start_matches('\n');
        if let Some(head) = token.strip_prefix('\u{1}') {
            if let Some(commit) = parse_commit(head.trim()) {
                changes.push(Change {
                    commit,
                    files: Vec::new(),
                });
            }
        } else if let (false, Some(last)) = (token.is_empty(), changes.last_mut()) {
            last.files.push(token.to_string());
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commits_with_their_files() {
        let out = "\u{1}aaa 100\0\nfacts/a.toml\0facts/b é.toml\0\0\u{1}bbb 200\0\nfacts/a.toml\0";
        let log = parse_log(out);
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].commit.hash, "aaa");
        assert_eq!(log[0].commit.time.as_second(), 100);
        assert_eq!(log[0].files, ["facts/a.toml", "facts/b é.toml"]);
        assert_eq!(log[1].files, ["facts/a.toml"]);
    }
}

//! Last-modified dates from git history.
//!
//! When the site is in a git repository, a page's `updated` date is taken
//! from its history: **the front matter wins when it says so** — a page or
//! section with `updated = ...` keeps it, whatever git says — and otherwise
//! `updated` is the page's last commit, when that commit is later than its
//! `date` (for a `date` without a time, on a later day: a commit on the day
//! of publication is the publication). Commits are in the site's time zone.
//! Without git, outside a repository, or for a file never committed, the
//! front matter alone counts: no git, no problem.
//!
//! One `git log` runs for the whole site (not one per file), listing every
//! commit's time and changed files under `content/`, oldest first; the last
//! time a file appears is its last commit. The build reads the same log for
//! the facts' history ([`crate::history::read_log`]). The committer date is used: when
//! a change reached the branch the site is built from. The result depends
//! only on the repository, so builds stay deterministic. A shallow clone
//! (CI's default) knows only its last commit: clone with full history
//! (`fetch-depth: 0`) to get real dates.
//!
//! `casefile serve` does not read git history: a preview shows the front
//! matter's dates, and its incremental rebuilds compare like with like.

use std::collections::HashMap;

use crate::date::Date;
use crate::model::Site;

/// Last commit time of each content file, by path relative to `content/`.
pub type Commits = HashMap<String, jiff::Timestamp>;

/// The last commit time of every file under `content/` in `log` (the
/// output of [`crate::git::Repo::try_log`] for `content`, oldest first).
pub fn commits_of(log: &[crate::git::Change]) -> Commits {
    let mut commits = Commits::new();
    for change in log {
        for file in &change.files {
            if let Some(rel) = file.strip_prefix("content/") {
                // Oldest first: the last commit seen is the last one.
                commits.insert(rel.to_string(), change.commit.time);
            }
        }
    }
    commits
}

/// The `updated` date a file gets: the front matter's if it has one,
/// else its last commit if that is after `date`.
fn updated_from(
    front_matter: Option<&Date>,
    date: Option<&Date>,
    commit: Option<&jiff::Timestamp>,
    tz: &jiff::tz::TimeZone,
) -> Option<Date> {
    if let Some(u) = front_matter {
        return Some(u.clone());
    }
    let commit = Date {
        zoned: commit?.to_zoned(tz.clone()),
        has_time: true,
    };
    let later = match date {
        None => true,
        Some(d) if d.has_time => commit > *d,
        Some(d) => commit.zoned.date() > d.zoned.date(),
    };
    later.then_some(commit)
}

/// Sets `updated` of every page and section from `commits` (see the module
/// docs for the rule). Pages whose front matter has `updated` keep it.
pub fn apply(site: &mut Site, commits: &Commits) {
    let tz = site.config.time_zone();
    // Git only ever makes a date later: an update naming the page may
    // already have set one (see `Site::date_by_updates`).
    for p in &mut site.pages {
        if p.meta.updated.is_none() {
            let from_git = updated_from(None, p.date.as_ref(), commits.get(&p.rel), &tz);
            p.updated = p.updated.take().max(from_git);
        }
    }
    for s in &mut site.sections {
        if s.meta.updated.is_none() && !s.source.text.is_empty() {
            let from_git = updated_from(None, None, commits.get(&s.rel), &tz);
            s.updated = s.updated.take().max(from_git);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        let dt: toml::value::Datetime = s.parse().unwrap();
        Date::from_toml(&dt, &jiff::tz::TimeZone::UTC).unwrap()
    }

    fn ts(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn the_last_commit_of_each_file_wins() {
        let change = |time: i64, files: &[&str]| crate::git::Change {
            commit: crate::git::Commit {
                hash: format!("{time}"),
                time: jiff::Timestamp::from_second(time).unwrap(),
            },
            files: files.iter().map(|f| f.to_string()).collect(),
        };
        let log = [
            change(100, &["content/a.md", "content/b.md", "static/x.css"]),
            change(200, &["content/a.md", "content/articles/y é.md"]),
        ];
        let c = commits_of(&log);
        assert_eq!(c["a.md"].as_second(), 200);
        assert_eq!(c["articles/y é.md"].as_second(), 200);
        assert_eq!(c["b.md"].as_second(), 100);
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn front_matter_wins_then_the_later_of_date_and_commit() {
        let tz = jiff::tz::TimeZone::UTC;
        let commit = ts("2026-03-01T12:00:00Z");
        let fm = date("2026-02-01");
        assert_eq!(
            updated_from(Some(&fm), None, Some(&commit), &tz),
            Some(fm.clone()),
            "front matter wins"
        );
        let u = updated_from(None, Some(&date("2026-02-01")), Some(&commit), &tz).unwrap();
        assert_eq!(u.iso(), "2026-03-01T12:00:00+00:00");
        assert_eq!(
            updated_from(None, Some(&date("2026-03-01")), Some(&commit), &tz),
            None,
            "a commit on the day of publication is the publication"
        );
        assert_eq!(
            updated_from(None, Some(&date("2026-04-01")), Some(&commit), &tz),
            None,
            "a commit before the date is not an update"
        );
        assert!(updated_from(None, None, None, &tz).is_none(), "no git");
    }
}

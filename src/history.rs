//! What the site said before, from git: no silent edits, and each fact's
//! history.
//!
//! A fact's **words** are what readers see of it: its statement,
//! attribution, citations (source and quote), status, date, precision and
//! the source's words for when. [`since`] compares every fact with its
//! version at a git revision: a fact whose words changed, or that is gone
//! (not renamed through `aliases`, not kept as superseded), is an error
//! unless an update or correction dated after the revision names it (in
//! `facts`, or in `removed` for a fact taken off the site). A page whose
//! text changed is a warning unless an update names it: a typo fix needs
//! none, so only the journalist can tell.
//!
//! [`facts`] reads the history of every fact: when it was added and each
//! change of its words, commit by commit. Both read facts files leniently
//! (any TOML with `[[fact]]` tables), so that versions written for an older
//! casefile still compare. Words are compared as quotes are matched:
//! spacing, curly versus straight quotes and dash variants do not count.
//!
//! Everything comes from a few git commands (`git log` once, one
//! `git cat-file --batch`); without git there is no history and nothing is
//! guessed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::evidence::quote::Folded;
use crate::git::{Repo, RevError};
use crate::model::{FactHistory, FieldChange, History, Revision, Site, Target};

/// Where the facts files are, relative to the site folder.
const FACTS_DIR: &str = "content/facts";

/// The words of one fact, as written in a facts file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FactWords {
    /// Its id.
    pub id: String,
    /// Its earlier ids.
    pub aliases: Vec<String>,
    /// The statement.
    pub statement: String,
    /// Who says it.
    pub attribution: String,
    /// `(source, quote)` of each citation, in order.
    pub citations: Vec<(String, String)>,
    /// `reported` unless it says otherwise.
    pub status: String,
    /// The date, as written.
    pub date: Option<String>,
    /// The date's precision, as written.
    pub precision: Option<String>,
    /// The source's words for when.
    pub when: Option<String>,
}

/// Whitespace runs as one space, trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form in which two texts are compared.
fn folded(s: &str) -> String {
    Folded::new(s).text().to_string()
}

fn text_of(v: Option<&toml::Value>) -> Option<String> {
    match v? {
        toml::Value::String(s) => Some(squash(s)),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Integer(i) => Some(i.to_string()),
        other => Some(other.to_string()),
    }
}

/// The facts in the text of a facts file, leniently: a file that is not
/// TOML has none, a fact without an id is skipped.
pub fn facts_in(text: &str) -> Vec<FactWords> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(toml::Value::Array(facts)) = table.get("fact") else {
        return Vec::new();
    };
    facts
        .iter()
        .filter_map(toml::Value::as_table)
        .filter_map(|f| {
            let id = f.get("id")?.as_str()?.to_string();
            let get = |k: &str| text_of(f.get(k));
            let mut citations = Vec::new();
            if get("source").is_some() || get("quote").is_some() {
                citations.push((
                    get("source").unwrap_or_default(),
                    get("quote").unwrap_or_default(),
                ));
            }
            if let Some(toml::Value::Array(cites)) = f.get("cite") {
                for c in cites.iter().filter_map(toml::Value::as_table) {
                    citations.push((
                        text_of(c.get("source")).unwrap_or_default(),
                        text_of(c.get("quote")).unwrap_or_default(),
                    ));
                }
            }
            let aliases = match f.get("aliases") {
                Some(toml::Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            Some(FactWords {
                id,
                aliases,
                statement: get("statement").unwrap_or_default(),
                attribution: get("attribution").unwrap_or_default(),
                citations,
                status: get("status").unwrap_or_else(|| "reported".into()),
                date: get("date"),
                precision: get("precision"),
                when: get("when"),
            })
        })
        .collect()
}

impl FactWords {
    /// What changed from `self` (older) to `newer`, field by field.
    pub fn changes(&self, newer: &FactWords) -> Vec<FieldChange> {
        let mut out = Vec::new();
        let mut field = |field: &'static str, was: &str, now: &str| {
            // Equal texts fold alike: only different ones are folded.
            if was != now && folded(was) != folded(now) {
                out.push(FieldChange {
                    field,
                    was: was.to_string(),
                    now: now.to_string(),
                });
            }
        };
        field("statement", &self.statement, &newer.statement);
        field("attribution", &self.attribution, &newer.attribution);
        if self.citations.len() == newer.citations.len() {
            for ((s1, q1), (s2, q2)) in self.citations.iter().zip(&newer.citations) {
                field("source", s1, s2);
                field("quote", q1, q2);
            }
        } else {
            let join = |c: &[(String, String)], pick: fn(&(String, String)) -> &String| {
                c.iter().map(pick).cloned().collect::<Vec<_>>().join(" / ")
            };
            field(
                "source",
                &join(&self.citations, |c| &c.0),
                &join(&newer.citations, |c| &c.0),
            );
            field(
                "quote",
                &join(&self.citations, |c| &c.1),
                &join(&newer.citations, |c| &c.1),
            );
        }
        field("status", &self.status, &newer.status);
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        field("date", &opt(&self.date), &opt(&newer.date));
        field("precision", &opt(&self.precision), &opt(&newer.precision));
        field("when", &opt(&self.when), &opt(&newer.when));
        out
    }

    /// Whether this version is the fact `id` (by its id or an earlier one).
    fn answers_to(&self, ids: &[&str]) -> bool {
        ids.contains(&self.id.as_str())
    }
}

/// The words of every fact of the site as it is now, by id, from the
/// facts files the build read.
fn current_words(site: &Site) -> HashMap<String, FactWords> {
    site.evidence
        .files
        .iter()
        .filter(|f| {
            f.rel_path.starts_with(&format!("{FACTS_DIR}/")) && f.rel_path.ends_with(".toml")
        })
        .flat_map(|f| facts_in(&f.text))
        .map(|w| (w.id.clone(), w))
        .collect()
}

/// The history of every fact of `site` from the git repository at `root`;
/// `None` without git or outside a repository.
pub fn facts(root: &Path, site: &Site) -> Option<History> {
    read_log(root, Repo::unchecked(root).try_log("content")).map(|raw| facts_from(raw, site))
}

/// What git knows of the facts' files: every commit that changed
/// `content/facts/`, oldest first, and the text of each TOML file it
/// changed, in order. Read by [`read_log`], turned into a [`History`] by
/// [`facts_from`]; needs nothing of the site, so it can be read while the
/// site is loaded.
#[derive(Debug, Clone)]
pub struct FactsLog {
    log: Vec<crate::git::Change>,
    texts: Vec<Option<String>>,
}

/// The git half of [`facts`], from a log already read: `log` is what
/// [`crate::git::Repo::try_log`] gave for `content` (every commit that
/// changed something under `content/`, oldest first), so that one `git log`
/// serves both the pages' dates and the facts' history. `None` without git
/// or outside a repository.
pub fn read_log(root: &Path, log: Option<Vec<crate::git::Change>>) -> Option<FactsLog> {
    // The log fails outside a repository: only then ask whether there is
    // one (a repository without commits has an empty history).
    let log = match log {
        Some(log) => log,
        None => {
            Repo::open(root)?;
            Vec::new()
        }
    };
    let in_facts = |f: &String| {
        f.strip_prefix(FACTS_DIR)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    let log: Vec<crate::git::Change> = log
        .into_iter()
        .filter_map(|mut c| {
            c.files.retain(in_facts);
            (!c.files.is_empty()).then_some(c)
        })
        .collect();
    let repo = Repo::unchecked(root);
    let wanted: Vec<(String, String)> = log
        .iter()
        .flat_map(|c| {
            c.files
                .iter()
                .filter(|f| f.ends_with(".toml"))
                .map(|f| (c.commit.hash.clone(), f.clone()))
        })
        .collect();
    let texts = repo.read_at(&wanted);
    Some(FactsLog { log, texts })
}

/// The history of every fact of `site` from what [`read_log`] found.
pub fn facts_from(raw: FactsLog, site: &Site) -> History {
    let FactsLog { log, texts } = raw;
    let mut texts = texts.into_iter();

    // Each commit's facts, by id: replay the files each commit changed.
    // Shared, not copied: each version holds every fact.
    let mut files: BTreeMap<String, Vec<Rc<FactWords>>> = BTreeMap::new();
    let mut versions: Vec<(jiff::Timestamp, HashMap<String, Rc<FactWords>>)> = Vec::new();
    for change in &log {
        for f in change.files.iter().filter(|f| f.ends_with(".toml")) {
            let text = texts.next().flatten();
            if !is_facts_original(f, site) {
                continue;
            }
            match text {
                Some(text) => files.insert(
                    f.clone(),
                    facts_in(&text).into_iter().map(Rc::new).collect(),
                ),
                None => files.remove(f),
            };
        }
        let by_id = files
            .values()
            .flatten()
            .map(|w| (w.id.clone(), Rc::clone(w)))
            .collect();
        versions.push((change.commit.time, by_id));
    }

    let now = current_words(site);
    let mut history = History::default();
    for fact in &site.evidence.facts {
        let ids: Vec<&str> = std::iter::once(fact.id.as_str())
            .chain(fact.aliases.iter().map(String::as_str))
            .collect();
        let mut h = FactHistory::default();
        let mut last: Option<&FactWords> = None;
        for (time, by_id) in &versions {
            let Some(version) = ids.iter().find_map(|id| by_id.get(*id).map(|w| &**w)) else {
                continue;
            };
            match last {
                None => h.added = Some(*time),
                Some(prev) => {
                    let changes = prev.changes(version);
                    if !changes.is_empty() {
                        h.revisions.push(Revision {
                            at: Some(*time),
                            changes,
                        });
                    }
                }
            }
            last = Some(version);
        }
        if let (Some(prev), Some(current)) = (last, now.get(&fact.id)) {
            let changes = prev.changes(current);
            if !changes.is_empty() {
                h.revisions.push(Revision { at: None, changes });
            }
        }
        debug_assert!(last.is_none_or(|l| l.answers_to(&ids)));
        history.facts.insert(fact.id.clone(), h);
    }
    history
}

/// One step of a fact's history, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'a> {
    /// `added` or `changed`.
    pub kind: &'static str,
    /// When it was committed; for a change not committed yet, the date of
    /// the update that explains it.
    pub at: jiff::Timestamp,
    /// What changed (none when added).
    pub changes: &'a [FieldChange],
    /// The update or correction that explains it (an index into
    /// `evidence.updates`): the earliest one naming the fact dated after
    /// the version before the change and not after the next change.
    pub update: Option<usize>,
}

/// The history of fact `i`, each change with the update that explains
/// it; `None` without git history. A change not committed yet and not
/// explained by an update has no date, and is left out.
pub fn steps(site: &Site, i: usize) -> Option<Vec<Step<'_>>> {
    let ev = &site.evidence;
    let history = site.history.get()?.of(&ev.facts[i].id)?;
    let mut naming: Vec<usize> = (0..ev.updates.len())
        .filter(|&u| ev.updates[u].facts.contains(&i))
        .collect();
    naming.sort_by_key(|&u| ev.updates[u].date.zoned.timestamp());
    let mut used = vec![false; naming.len()];
    let mut steps = Vec::new();
    if let Some(added) = history.added {
        steps.push(Step {
            kind: "added",
            at: added,
            changes: &[],
            update: None,
        });
    }
    let mut prev = history.added;
    for (k, r) in history.revisions.iter().enumerate() {
        let next = history.revisions.get(k + 1).and_then(|n| n.at);
        let explains = (0..naming.len()).find(|&n| {
            let at = ev.updates[naming[n]].date.zoned.timestamp();
            !used[n] && prev.is_none_or(|p| at > p) && next.is_none_or(|x| at <= x)
        });
        if let Some(n) = explains {
            used[n] = true;
        }
        let update = explains.map(|n| naming[n]);
        let at = match (r.at, update) {
            (Some(at), _) => at,
            (None, Some(u)) => ev.updates[u].date.zoned.timestamp(),
            (None, None) => continue,
        };
        steps.push(Step {
            kind: "changed",
            at,
            changes: &r.changes,
            update,
        });
        prev = r.at.or(prev);
    }
    Some(steps)
}

/// The command-line or configuration name of the option, for messages.
const SINCE: &str = "--since";

/// Every fact that changed or disappeared since `rev` without an update or
/// correction dated after it (an error each), and every page whose text
/// changed without one (a warning each).
pub fn since(root: &Path, rev: &str, site: &Site) -> Vec<Diagnostic> {
    let refuse = |message: String, help: &str| {
        vec![Diagnostic::error(SINCE, 0, 0, message).with_help(help.to_string())]
    };
    let Some(repo) = Repo::open(root) else {
        return refuse(
            format!("{SINCE} {rev} compares with a git revision, but the site is not in a git repository (or git is not installed)"),
            "run it in a clone of the site's repository, or leave out --since",
        );
    };
    let commit = match repo.commit(rev) {
        Ok(c) => c,
        Err(RevError::Unknown | RevError::NoRepository) => {
            let shallow = if repo.is_shallow() {
                " This clone is shallow: fetch the full history (in GitHub Actions, actions/checkout with fetch-depth: 0)."
            } else {
                ""
            };
            return refuse(
                format!("{SINCE}: there is no revision `{rev}` in this repository.{shallow}"),
                "name a commit, branch or tag, e.g. --since origin/main or --since v1.0 (see git log --oneline)",
            );
        }
    };
    let after: Vec<_> = site
        .evidence
        .updates
        .iter()
        .filter(|u| u.date.zoned.timestamp() > commit.time)
        .collect();
    let named_facts: HashSet<usize> = after.iter().flat_map(|u| u.facts.iter().copied()).collect();
    let removed: HashSet<&str> = after
        .iter()
        .flat_map(|u| u.removed.iter().map(String::as_str))
        .collect();
    let named_pages: HashSet<&str> = after
        .iter()
        .flat_map(|u| u.pages.iter().map(|p| p.get_ref().as_str()))
        .collect();

    let old_files = repo.files_at(&commit.hash, "content");
    let wanted: Vec<(String, String)> = old_files
        .iter()
        .filter(|f| is_facts_original(f, site) || is_page(f))
        .map(|f| (commit.hash.clone(), f.clone()))
        .collect();
    let texts = repo.read_at(&wanted);
    let short = &rev;
    let mut diags = Vec::new();
    let ev = &site.evidence;
    let now = current_words(site);

    for ((_, file), text) in wanted.iter().zip(&texts) {
        let Some(text) = text else { continue };
        if !file.starts_with(&format!("{FACTS_DIR}/")) {
            continue;
        }
        for old in facts_in(text) {
            match ev.fact(&old.id) {
                Some(i) => {
                    let fact = &ev.facts[i];
                    let Some(current) = now.get(&fact.id) else {
                        continue;
                    };
                    let changes = old.changes(current);
                    if changes.is_empty() || named_facts.contains(&i) {
                        continue;
                    }
                    let what: Vec<String> = changes
                        .iter()
                        .map(|c| format!("its {} was “{}” and is now “{}”", c.field, c.was, c.now))
                        .collect();
                    diags.push(
                        Diagnostic::error_at(
                            &ev.files[fact.place.0],
                            fact.place.1,
                            format!(
                                "fact `{}` changed since `{short}` and no update or correction says so: {}",
                                fact.id,
                                what.join("; ")
                            ),
                        )
                        .with_help(format!(
                            "readers saw the old words: say what changed with `casefile new correction \"What was wrong and what is right.\" --fact {}` (or `casefile new update \"...\" --fact {}` for new information)",
                            fact.id, fact.id
                        )),
                    );
                }
                None if removed.contains(old.id.as_str()) => {}
                None => {
                    let place = ev.files.iter().find(|f| f.rel_path == *file);
                    let message = format!(
                        "fact `{}` (“{}”) was on the site at `{short}` and is gone, and no update or correction says so",
                        old.id, old.statement
                    );
                    let d = match place {
                        Some(f) => Diagnostic::error_at(f, 0, message),
                        None => Diagnostic::error(file.clone(), 0, 0, message),
                    };
                    diags.push(d.with_help(format!(
                        "keep the fact: mark it superseded (status = \"superseded\", superseded_by = \"NEW-ID\"), or list `{}` in the aliases of the fact that replaces it; or record its removal with `casefile new correction \"Why it was removed.\" --removed {}`",
                        old.id, old.id
                    )));
                }
            }
        }
    }

    // Pages: a changed text is a warning (a typo fix needs no update).
    for ((_, file), text) in wanted.iter().zip(&texts) {
        let Some(text) = text else { continue };
        if !is_page(file) {
            continue;
        }
        let rel = file.trim_start_matches("content/");
        let source = match site.lookup.get(rel) {
            Some(&Target::Page(i)) => &site.pages[i].source,
            Some(&Target::Section(i)) => &site.sections[i].source,
            None if site.drafts.iter().any(|d| d == rel) => continue,
            None => {
                if !named_pages.contains(rel) {
                    diags.push(
                        Diagnostic::warning(file.clone(), 0, 0, format!("the page `{rel}` was on the site at `{short}` and is gone, and no update says so"))
                            .with_help("if readers relied on it, say so with `casefile new update \"Why it was removed.\"`; links to it now fail"),
                    );
                }
                continue;
            }
        };
        if named_pages.contains(rel) {
            continue;
        }
        let old = SourceFile::new(file.clone(), text.clone());
        let (Ok(old_split), Ok(new_split)) = (
            crate::front_matter::split(&old),
            crate::front_matter::split(source),
        ) else {
            continue;
        };
        if folded(old_split.body) != folded(new_split.body) {
            diags.push(
                Diagnostic::warning_at(
                    source,
                    new_split.body_offset.min(source.text.len()),
                    format!("the text of `{rel}` changed since `{short}` and no update or correction names the page"),
                )
                .with_help(format!(
                    "a typo fix needs nothing (this is a warning); if the change is one of substance, tell readers with `casefile new update \"What changed.\" --page {rel}` (or `new correction`)"
                )),
            );
        }
    }
    diags
}

/// Whether `file` (relative to the site folder) is a file of facts, and
/// not the translation of one (`general.es.toml`: the same facts in other
/// words, which are not their versions).
fn is_facts_original(file: &str, site: &Site) -> bool {
    let Some(stem) = file
        .strip_prefix(FACTS_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|rel| rel.strip_suffix(".toml"))
    else {
        return false;
    };
    // As the evidence tells a translation (`split_translation`).
    !stem
        .rsplit_once('.')
        .is_some_and(|(_, lang)| site.config.languages.contains_key(lang))
}

/// Whether `file` (relative to the site folder) is a page or section.
fn is_page(file: &str) -> bool {
    file.starts_with("content/")
        && file.ends_with(".md")
        && !file.starts_with("content/updates/")
        && !file.starts_with("content/sources/")
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = r#"
title = "T"
[[fact]]
id = "a"
statement = "ICE will gain access to the data."
attribution = "according to the agreement"
source = "ap"
quote = "will gain access"

[[fact]]
id = "b"
statement = "Twenty states sued."
attribution = "the report says"
status = "confirmed"
date = 2025-07-01
[[fact.cite]]
source = "ap"
quote = "20 states"
"#;

    #[test]
    fn facts_are_read_leniently_with_their_words() {
        let f = facts_in(V1);
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0].citations,
            [("ap".to_string(), "will gain access".to_string())]
        );
        assert_eq!(f[0].status, "reported");
        assert_eq!(f[1].status, "confirmed");
        assert_eq!(f[1].date.as_deref(), Some("2025-07-01"));
        assert_eq!(f[1].citations.len(), 1);
        assert!(facts_in("not toml [").is_empty());
        assert!(facts_in("[[fact]]\nstatement = \"no id\"\n").is_empty());
        // Fields an older casefile had, or unknown ones, do not matter.
        assert_eq!(facts_in("[[fact]]\nid = \"x\"\nold_field = 1\n").len(), 1);
    }

    #[test]
    fn changes_are_field_by_field_and_forgive_spacing_and_quote_marks() {
        let old = &facts_in(V1)[0];
        let mut new = old.clone();
        new.statement = "ICE  will gain\naccess to the data.".into();
        new.attribution = "according to the agreement".into();
        assert!(old.changes(&new).is_empty(), "spacing is not a change");
        new.statement = "ICE will gain access to the private data.".into();
        new.citations[0].1 = "gains access".into();
        new.status = "disputed".into();
        let c = old.changes(&new);
        let fields: Vec<_> = c.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["statement", "quote", "status"]);
        assert_eq!(c[0].was, "ICE will gain access to the data.");
        assert_eq!(c[2].now, "disputed");
        let curly = FactWords {
            statement: "It’s “new”".into(),
            ..Default::default()
        };
        let straight = FactWords {
            statement: "It's \"new\"".into(),
            ..Default::default()
        };
        assert!(curly.changes(&straight).is_empty());
    }
}

//! The evidence model: sources, facts, timeline, lawsuits, people,
//! glossary and updates, cross-checked.
//!
//! Contributors write these as plain files under `content/`:
//!
//! | kind | where | format |
//! |---|---|---|
//! | source | `sources/ID.md` | front matter + the full text as the body |
//! | fact | `facts/TOPIC.toml` | `[[fact]]` tables, one file per topic |
//! | timeline event | `timeline.toml` | `[[event]]` tables, in source order |
//! | lawsuit | `lawsuits.toml` | `[[lawsuit]]` tables |
//! | person or organisation | `people.toml` | `[[person]]` tables |
//! | glossary term | `glossary.toml` | `[[term]]` tables |
//! | update or correction | `updates/DATE-slug.md` | front matter + markdown text |
//!
//! [`Evidence::build`] parses them (pure, no I/O) and checks everything
//! that can be checked without the pages: every quote is in its source,
//! ids are unique, references resolve, dates are real and agree with their
//! precision, statuses are consistent.

mod checks;
pub mod date;
mod edition;
mod facts;
pub mod paths;
pub mod quote;
pub mod records;
pub mod stamp;
pub mod states;
pub mod translations;
mod types;

use std::collections::{BTreeMap, HashMap};

use toml::Spanned;

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::front_matter;
use crate::load::ContentFile;
use checks::{is_id, page_id_problem, parse_toml, resolve, Ctx};
pub use date::{PartialDate, Precision};
use records::*;
pub use records::{PersonKind, Status, UpdateKind};
pub use types::*;

/// Whether a content path belongs to the evidence model rather than pages.
pub fn is_evidence_path(rel: &str) -> bool {
    rel.starts_with("sources/") || rel.starts_with("updates/") || rel.ends_with(".toml")
}

impl Evidence {
    /// Parses and checks the evidence files of a site in one language.
    pub fn build(files: Vec<ContentFile>, tz: &jiff::tz::TimeZone) -> (Evidence, Vec<Diagnostic>) {
        Self::build_in(files, tz, &[])
    }

    /// Parses and checks the evidence files, and their translations into
    /// `langs` (the site's other languages; see [`translations`]).
    pub fn build_in(
        files: Vec<ContentFile>,
        tz: &jiff::tz::TimeZone,
        langs: &[String],
    ) -> (Evidence, Vec<Diagnostic>) {
        let mut cx = Ctx { diags: Vec::new() };
        let mut ev = Evidence::default();
        let (translated, files): (Vec<ContentFile>, Vec<ContentFile>) = files
            .into_iter()
            .partition(|f| translations::split_translation(&f.rel, langs).is_some());
        let translated: Vec<(String, String, ContentFile)> = translated
            .into_iter()
            .filter_map(|f| {
                let (lang, original) = translations::split_translation(&f.rel, langs)?;
                Some((lang, original, f))
            })
            .collect();

        let mut fact_files = Vec::new();
        let mut timeline = None;
        let mut lawsuits = None;
        let mut people = None;
        let mut glossary = None;
        let mut update_files = Vec::new();
        let mut source_files = Vec::new();
        for f in files {
            let rel = f.rel.as_str();
            if rel.starts_with("sources/") && rel.ends_with(".md") {
                source_files.push(f);
            } else if rel.starts_with("updates/") && rel.ends_with(".md") {
                update_files.push(f);
            } else if let Some(topic) = rel
                .strip_prefix("facts/")
                .and_then(|r| r.strip_suffix(".toml"))
            {
                fact_files.push((topic.to_string(), f));
            } else {
                match rel {
                    "timeline.toml" => timeline = Some(f),
                    "lawsuits.toml" => lawsuits = Some(f),
                    "people.toml" => people = Some(f),
                    "glossary.toml" => glossary = Some(f),
                    _ => cx.err(
                        &f.source,
                        0,
                        format!("casefile does not know what `content/{rel}` is"),
                        "data files are facts/TOPIC.toml, timeline.toml, lawsuits.toml, people.toml and glossary.toml; sources go in sources/ID.md, updates in updates/NAME.md",
                    ),
                }
            }
        }

        // Sources.
        for f in source_files {
            let Some((split, meta)) =
                cx.front_matter::<SourceMeta>(&f.source, "source front matter")
            else {
                continue;
            };
            let body_offset = split.body_offset;
            let stem = f
                .rel
                .trim_start_matches("sources/")
                .trim_end_matches(".md")
                .to_string();
            let id = meta.id.clone().unwrap_or(stem);
            if !is_id(&id) {
                cx.err(
                    &f.source,
                    split.front_matter_offset,
                    format!("`{id}` cannot be a source id"),
                    "use lowercase letters, digits and hyphens (rename the file, or set id = \"...\")",
                );
                continue;
            }
            if let Some(why) = page_id_problem(&id) {
                cx.err(
                    &f.source,
                    split.front_matter_offset,
                    format!("`{id}` cannot be a source id: {why}"),
                    "rename the file, or set id = \"...\" to another id",
                );
                continue;
            }
            let fm_base = split.front_matter_offset;
            let shift = |s: &Spanned<date::DateInput>| {
                Spanned::new(
                    s.span().start + fm_base..s.span().end + fm_base,
                    s.get_ref().clone(),
                )
            };
            let date = meta
                .date
                .as_ref()
                .and_then(|d| cx.date(&f.source, &shift(d), None));
            let archived =
                cx.date(&f.source, &shift(&meta.archived), None)
                    .unwrap_or(PartialDate {
                        year: 0,
                        month: None,
                        day: None,
                    });
            cx.filled(
                &f.source,
                split.front_matter_offset,
                &format!("the source `{id}`"),
                &[("title", &meta.title), ("publisher", &meta.publisher)],
                &[
                    ("reporting", meta.reporting.as_deref()),
                    ("url", meta.url.as_deref()),
                ],
            );
            if f.source.text[body_offset..].trim() == records::SOURCE_PLACEHOLDER {
                cx.err(
                    &f.source,
                    body_offset,
                    format!("the source `{id}` has no text yet: it still holds the placeholder of `casefile new source`"),
                    "paste the document's full text below the front matter, exactly as published",
                );
            }
            if let Some(url) = &meta.url {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    cx.err(
                        &f.source,
                        fm_base,
                        format!("the source url `{url}` is not a web address"),
                        "leave `url` out unless you know the document's real address",
                    );
                }
            }
            if f.source.text[body_offset..].trim().is_empty() {
                cx.err(
                    &f.source,
                    body_offset,
                    "the source has no text",
                    "paste the full text of the document below the front matter",
                );
            }
            ev.sources.push(Source {
                id,
                meta,
                file: f.source,
                body_offset,
                date,
                archived,
                quoted: Vec::new(),
            });
        }
        ev.sources.sort_by(|a, b| a.id.cmp(&b.id));
        let mut source_ids = HashMap::new();
        let mut kept = Vec::with_capacity(ev.sources.len());
        for s in std::mem::take(&mut ev.sources) {
            if source_ids.contains_key(&s.id) {
                cx.err(
                    &s.file,
                    0,
                    format!("two sources have the id `{}`", s.id),
                    "give each source its own id (rename the file, or change its `id`)",
                );
                continue;
            }
            source_ids.insert(s.id.clone(), kept.len());
            kept.push(s);
        }
        ev.sources = kept;

        // People and glossary first: facts refer to people.
        if let Some(f) = people {
            match parse_toml::<PeopleFile>(&f.source, "people file") {
                Ok(pf) => {
                    let mut seen = HashMap::new();
                    for p in pf.person {
                        if !cx.new_id(&f.source, &mut seen, &p.id, "person") {
                            continue;
                        }
                        cx.filled(
                            &f.source,
                            p.id.span().start,
                            &format!("person `{}`", p.id.get_ref()),
                            &[("name", &p.name), ("role", &p.role)],
                            &[],
                        );
                        let aliases = cx.aliases(
                            &f.source,
                            &format!("person `{}`", p.id.get_ref()),
                            &p.name,
                            p.aliases,
                        );
                        ev.people.push(Person {
                            id: p.id.into_inner(),
                            name: p.name,
                            role: p.role,
                            kind: p.kind,
                            aliases,
                            facts: Vec::new(),
                        });
                    }
                }
                Err(d) => cx.diags.push(d),
            }
            ev.files.push(f.source);
        }
        let people_file = ev.files.len().checked_sub(1);
        let person_ids: HashMap<String, usize> = ev
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();

        if let Some(f) = glossary {
            match parse_toml::<GlossaryFile>(&f.source, "glossary file") {
                Ok(gf) => {
                    let mut seen = HashMap::new();
                    for t in gf.term {
                        if !cx.new_id(&f.source, &mut seen, &t.id, "glossary") {
                            continue;
                        }
                        if t.term.trim().is_empty() {
                            cx.err(
                                &f.source,
                                t.id.span().start,
                                format!("glossary entry `{}` has an empty term", t.id.get_ref()),
                                "write the word as it appears in articles, e.g. term = \"CMS\"",
                            );
                            continue;
                        }
                        cx.filled(
                            &f.source,
                            t.id.span().start,
                            &format!("glossary entry `{}`", t.id.get_ref()),
                            &[("definition", &t.definition)],
                            &[("expansion", t.expansion.as_deref())],
                        );
                        let aliases = cx.aliases(
                            &f.source,
                            &format!("glossary entry `{}`", t.id.get_ref()),
                            &t.term,
                            t.aliases,
                        );
                        ev.terms.push(Term {
                            id: t.id.into_inner(),
                            term: t.term,
                            expansion: t.expansion,
                            definition: t.definition,
                            aliases,
                        });
                    }
                }
                Err(d) => cx.diags.push(d),
            }
            ev.files.push(f.source);
        }
        ev.terms.sort_by(|a, b| {
            a.term
                .to_lowercase()
                .cmp(&b.term.to_lowercase())
                .then(a.id.cmp(&b.id))
        });
        let _ = people_file;

        // Facts.
        facts::add(&mut cx, &mut ev, fact_files, &source_ids, &person_ids);

        let names: Vec<String> = ev.facts.iter().map(|f| f.id.clone()).collect();
        let fact_list = || names.iter().map(String::as_str).collect::<Vec<_>>();

        // Timeline.
        if let Some(f) = timeline {
            match parse_toml::<TimelineFile>(&f.source, "timeline file") {
                Ok(tf) => {
                    let mut seen = HashMap::new();
                    let mut last_date: Option<(PartialDate, String)> = None;
                    for e in tf.event {
                        if !cx.new_id(&f.source, &mut seen, &e.id, "event") {
                            continue;
                        }
                        cx.filled(
                            &f.source,
                            e.id.span().start,
                            &format!("event `{}`", e.id.get_ref()),
                            &[("title", &e.title)],
                            &[("when", e.when.as_deref())],
                        );
                        let date = e
                            .date
                            .as_ref()
                            .and_then(|d| cx.date(&f.source, d, e.precision.as_ref()));
                        if let (Some(d), Some((prev, prev_id))) = (date, &last_date) {
                            if d.cmp_coarse(prev).is_lt() {
                                cx.err(&f.source, e.id.span().start, format!("event `{}` ({}) comes before `{prev_id}` ({}) in time but after it in the file", e.id.get_ref(), d.iso(), prev.iso()), "keep timeline.toml in time order; undated events go where their source places them");
                            }
                        }
                        if let Some(d) = date {
                            last_date = Some((d, e.id.get_ref().clone()));
                        }
                        if e.facts.is_empty() {
                            cx.err(
                                &f.source,
                                e.id.span().start,
                                format!("event `{}` rests on no fact", e.id.get_ref()),
                                "add facts = [\"FACT-ID\"] with the facts that report it",
                            );
                        }
                        let facts = e
                            .facts
                            .iter()
                            .filter_map(|x| {
                                resolve(&mut cx, &f.source, &ev.fact_ids, x, "fact", fact_list)
                            })
                            .collect();
                        ev.events.push(Event {
                            id: e.id.into_inner(),
                            title: e.title,
                            text: e.text,
                            date,
                            when: e.when,
                            facts,
                        });
                    }
                }
                Err(d) => cx.diags.push(d),
            }
            ev.files.push(f.source);
        }

        // Lawsuits.
        if let Some(f) = lawsuits {
            match parse_toml::<LawsuitFile>(&f.source, "lawsuits file") {
                Ok(lf) => {
                    let mut seen = HashMap::new();
                    for l in lf.lawsuit {
                        if !cx.new_id(&f.source, &mut seen, &l.id, "lawsuit") {
                            continue;
                        }
                        cx.filled(
                            &f.source,
                            l.id.span().start,
                            &format!("lawsuit `{}`", l.id.get_ref()),
                            &[("title", &l.title)],
                            &[
                                ("case_name", l.case_name.as_deref()),
                                ("court", l.court.as_deref()),
                                ("docket", l.docket.as_deref()),
                                ("plaintiffs", l.plaintiffs.as_deref()),
                                ("defendants", l.defendants.as_deref()),
                                ("claims", l.claims.as_deref()),
                                ("status", l.status.as_deref()),
                                ("latest", l.latest.as_deref()),
                            ],
                        );
                        let filed = l.filed.as_ref().and_then(|d| cx.date(&f.source, d, None));
                        let documents = l
                            .documents
                            .iter()
                            .filter_map(|x| {
                                resolve(&mut cx, &f.source, &source_ids, x, "source", || {
                                    ev.sources.iter().map(|s| s.id.as_str()).collect()
                                })
                            })
                            .collect();
                        if l.facts.is_empty() {
                            cx.err(
                                &f.source,
                                l.id.span().start,
                                format!("lawsuit `{}` rests on no fact", l.id.get_ref()),
                                "add facts = [\"FACT-ID\"] with the facts that report it",
                            );
                        }
                        let facts = l
                            .facts
                            .iter()
                            .filter_map(|x| {
                                resolve(&mut cx, &f.source, &ev.fact_ids, x, "fact", fact_list)
                            })
                            .collect();
                        ev.lawsuits.push(Lawsuit {
                            input: l,
                            filed,
                            documents,
                            facts,
                        });
                    }
                }
                Err(d) => cx.diags.push(d),
            }
            ev.files.push(f.source);
        }

        // Updates.
        for f in update_files {
            let Some((split, meta)) =
                cx.front_matter::<UpdateMeta>(&f.source, "update front matter")
            else {
                continue;
            };
            let base = split.front_matter_offset;
            let shift = |s: &Spanned<String>| {
                Spanned::new(
                    s.span().start + base..s.span().end + base,
                    s.get_ref().clone(),
                )
            };
            let date = match Date::from_toml(&meta.date, tz) {
                Ok(d) => d,
                Err(e) => {
                    cx.err(
                        &f.source,
                        front_matter::key_offset(&f.source.text, split.range(), "date"),
                        format!("impossible date: {e}"),
                        "write date = 2026-05-01T09:00:00-04:00",
                    );
                    continue;
                }
            };
            let facts = meta
                .facts
                .iter()
                .filter_map(|x| {
                    resolve(
                        &mut cx,
                        &f.source,
                        &ev.fact_ids,
                        &shift(x),
                        "fact",
                        fact_list,
                    )
                })
                .collect();
            let mut removed = Vec::new();
            for r in &meta.removed {
                let id = r.get_ref();
                let at = shift(r).span().start;
                if !is_id(id) {
                    cx.err(
                        &f.source,
                        at,
                        format!("`{id}` cannot be a fact id"),
                        "list the ids of facts taken off the site, e.g. removed = [\"old-claim\"]",
                    );
                } else if ev.fact_ids.contains_key(id) {
                    cx.err(
                        &f.source,
                        at,
                        format!("fact `{id}` is still on the site, so the update did not remove it"),
                        "name facts it changed under facts = [...]; removed = [...] is for facts no longer in content/facts/",
                    );
                } else {
                    removed.push(id.clone());
                }
            }
            if split.body.trim().is_empty() {
                cx.err(
                    &f.source,
                    split.body_offset,
                    "the update says nothing",
                    "write below the front matter what changed and why",
                );
            }
            ev.updates.push(Update {
                id: f
                    .rel
                    .trim_start_matches("updates/")
                    .trim_end_matches(".md")
                    .to_string(),
                title: meta.title.clone().filter(|t| !t.trim().is_empty()),
                removed,
                date,
                kind: meta.kind,
                body_offset: split.body_offset,
                facts,
                pages: meta.pages.iter().map(shift).collect(),
                file: f.source,
            });
        }
        ev.updates
            .sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
        // A correction dates what it corrects (updates are newest first).
        for u in &ev.updates {
            for &f in &u.facts {
                ev.facts[f].updated.get_or_insert_with(|| u.date.clone());
            }
        }

        // Quoted passages in source order.
        for s in &mut ev.sources {
            s.quoted.sort_by_key(|(r, f)| (r.start, r.end, *f));
        }
        ev.translations = translations::build(&ev, translated, langs, &mut cx);
        (ev, cx.diags)
    }

    /// Finds a fact by id or alias.
    pub fn fact(&self, id: &str) -> Option<usize> {
        self.fact_ids.get(id).copied()
    }

    /// Facts by status, for the per-status pages.
    pub fn by_status(&self) -> BTreeMap<Status, Vec<usize>> {
        let mut m: BTreeMap<Status, Vec<usize>> = BTreeMap::new();
        for (i, f) in self.facts.iter().enumerate() {
            m.entry(f.status).or_default().push(i);
        }
        m
    }

    /// Facts in a topic (their file's, or named in `topics`).
    pub fn in_topic(&self, topic: usize) -> Vec<usize> {
        let slug = &self.topics[topic].slug;
        (0..self.facts.len())
            .filter(|&i| self.facts[i].topic == topic || self.facts[i].extra_topics.contains(slug))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::load::ContentFile;

    fn file(rel: &str, text: String) -> ContentFile {
        ContentFile {
            rel: rel.to_string(),
            source: SourceFile::new(format!("content/{rel}"), text),
        }
    }

    /// Linear in the facts of a topic, by size: 40,000 facts in one file
    /// are built in about a second of a debug build; a copy of the 4.4 MB
    /// file per fact (176 GB copied) took eight times as long, and grows
    /// with the square of the facts.
    #[test]
    fn many_facts_in_one_file_are_built_in_linear_time() {
        let n = 40_000;
        let facts: String = (0..n)
            .map(|i| {
                format!(
                    "[[fact]]\nid = \"f-{i}\"\nstatement = \"S.\"\nattribution = \"a\"\nsource = \"src\"\nquote = \"Payments start\"\n"
                )
            })
            .collect();
        let files = vec![
            file(
                "sources/src.md",
                "+++\ntitle = \"T\"\npublisher = \"P\"\narchived = 2026-01-01\n+++\nPayments start in May.\n".into(),
            ),
            file("facts/money.toml", facts),
        ];
        let (ev, diags) = Evidence::build(files, &jiff::tz::TimeZone::UTC);
        assert!(diags.is_empty(), "{:?}", diags.first());
        assert_eq!(ev.facts.len(), n);
        assert_eq!(ev.sources[0].quoted.len(), n);
    }
}

//! Translations of the evidence records.
//!
//! A record file's translation sits beside it with the language before the
//! extension: `facts/the-agreement.es.toml`, `timeline.es.toml`,
//! `lawsuits.es.toml`, `people.es.toml`, `glossary.es.toml`,
//! `updates/NAME.es.md`, `sources/ID.es.md`. It holds, for each record by
//! its id, only the words we wrote: a fact's statement, attribution, `when`
//! and our translations of its quotes (`quotes = [...]`, in the order of
//! its citations); an event's title, text and `when`; a person's name and
//! role (and `aliases`, other names readers of that language search for);
//! a glossary term, expansion, definition and `aliases`; a lawsuit's fields; an
//! update's title and text; a source's title, publisher and reporting.
//! Quotes and sources' texts are never translated in place: they stay the
//! source's own words, checked against it, and a quote's translation is
//! shown beside it, marked as ours.
//!
//! A field left out is shown from the original, marked as not translated;
//! each record carries `translates` (see [`super::stamp`]) so that a
//! later change to the original is pointed out.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use super::checks::{parse_toml, resolve, Ctx};
use super::stamp::{
    event_parts, fact_parts, lawsuit_parts, person_parts, source_parts, term_parts, update_parts,
};
use super::types::{
    EventText, Evidence, FactText, LawsuitText, PersonText, SourceText, TermText, Translation,
    UpdateText,
};
use crate::diagnostics::SourceFile;
use crate::load::ContentFile;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsTr {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    fact: Vec<FactTr>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactTr {
    id: Spanned<String>,
    #[serde(default)]
    statement: Option<String>,
    #[serde(default)]
    attribution: Option<String>,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    quotes: Vec<String>,
    #[serde(default)]
    translates: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineTr {
    #[serde(default)]
    event: Vec<EventTr>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventTr {
    id: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    translates: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleTr {
    #[serde(default)]
    person: Vec<PersonTr>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonTr {
    id: Spanned<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    translates: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryTr {
    #[serde(default)]
    term: Vec<TermTr>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermTr {
    id: Spanned<String>,
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    expansion: Option<String>,
    #[serde(default)]
    definition: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    translates: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LawsuitsTr {
    #[serde(default)]
    lawsuit: Vec<LawsuitTr>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LawsuitTr {
    id: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    case_name: Option<String>,
    #[serde(default)]
    court: Option<String>,
    #[serde(default)]
    docket: Option<String>,
    #[serde(default)]
    plaintiffs: Option<String>,
    #[serde(default)]
    defendants: Option<String>,
    #[serde(default)]
    claims: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    latest: Option<String>,
    #[serde(default)]
    translates: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateTrMeta {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    translates: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceTrMeta {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    reporting: Option<String>,
    #[serde(default)]
    translates: Option<String>,
}

fn borrowed(parts: &[(String, String)]) -> Vec<(&str, &str)> {
    parts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

/// A translation file: its language and the original's path (relative to
/// `content/`), if `rel` is one.
pub fn split_translation(rel: &str, langs: &[String]) -> Option<(String, String)> {
    let (stem, ext) = rel.rsplit_once('.')?;
    let (base, lang) = stem.rsplit_once('.')?;
    langs
        .iter()
        .any(|l| l == lang)
        .then(|| (lang.to_string(), format!("{base}.{ext}")))
}

struct Stamping<'c> {
    cx: &'c mut Ctx,
}

impl Stamping<'_> {
    /// The parts of the original changed since `translates`; a warning if
    /// it is missing or out of date.
    fn stale(
        &mut self,
        file: &SourceFile,
        offset: usize,
        what: &str,
        original_file: &str,
        translates: Option<&str>,
        parts: &[(String, String)],
    ) -> Vec<String> {
        let rel = file.rel_path.trim_start_matches("content/");
        match translates {
            None => {
                self.cx.diags.push(
                    crate::diagnostics::Diagnostic::warning_at(
                        file,
                        offset,
                        format!("the translation of {what} does not say which version of it it translates"),
                    )
                    .with_help(format!("once the translation is done, run `casefile translated content/{rel}`")),
                );
                Vec::new()
            }
            Some(recorded) => {
                let changed = super::stamp::changed(recorded, &borrowed(parts));
                if !changed.is_empty() {
                    self.cx.diags.push(
                        crate::diagnostics::Diagnostic::warning_at(
                            file,
                            offset,
                            format!(
                                "{what} changed in `{original_file}` since it was translated: its {} changed",
                                changed.join(", ")
                            ),
                        )
                        .with_help(format!(
                            "update the translation, then run `casefile translated content/{rel}`; until then its pages tell readers the original has changed"
                        )),
                    );
                }
                changed
            }
        }
    }
}

/// A translation's record in a list (`[[event]]`, `[[person]]`...): its
/// id and its stamp.
trait TranslatedRecord {
    fn id(&self) -> &Spanned<String>;
    fn translates(&self) -> Option<&str>;
}

macro_rules! translated_record {
    ($($t:ty),*) => {$(
        impl TranslatedRecord for $t {
            fn id(&self) -> &Spanned<String> {
                &self.id
            }
            fn translates(&self) -> Option<&str> {
                self.translates.as_deref()
            }
        }
    )*};
}
translated_record!(EventTr, PersonTr, TermTr, LawsuitTr);

/// The records of one kind a translation file may name: by id, with
/// the names offered when an id is unknown and the parts each translation
/// follows.
struct RecordList<'a> {
    ids: &'a HashMap<String, usize>,
    what: &'static str,
    known: &'a dyn Fn() -> Vec<&'a str>,
    parts: &'a dyn Fn(usize) -> Vec<(String, String)>,
}

impl RecordList<'_> {
    /// Each record of the file: its original found by id (an unknown id is
    /// an error with the nearest one), the parts changed since it was
    /// translated (a warning), then `store(cx, index, record, stale)`.
    fn read<R: TranslatedRecord>(
        &self,
        cx: &mut Ctx,
        file: &SourceFile,
        orig_file: &str,
        records: Vec<R>,
        mut store: impl FnMut(&mut Ctx, usize, R, Vec<String>),
    ) {
        for t in records {
            let Some(i) = resolve(cx, file, self.ids, t.id(), self.what, self.known) else {
                continue;
            };
            let stale = Stamping { cx }.stale(
                file,
                t.id().span().start,
                &format!("{} `{}`", self.what, t.id().get_ref()),
                orig_file,
                t.translates(),
                &(self.parts)(i),
            );
            store(cx, i, t, stale);
        }
    }
}

/// Reads every translation file (`(lang, original rel, file)`) against the
/// evidence, reporting unknown ids, quotes translated that the fact does
/// not have, a source text given a translation, stale translations, and
/// per language what has no translation.
pub(super) fn build(
    ev: &Evidence,
    files: Vec<(String, String, ContentFile)>,
    langs: &[String],
    cx: &mut Ctx,
) -> BTreeMap<String, Translation> {
    let mut out: BTreeMap<String, Translation> = langs
        .iter()
        .map(|l| {
            (
                l.clone(),
                Translation {
                    facts: vec![None; ev.facts.len()],
                    topics: vec![None; ev.topics.len()],
                    events: vec![None; ev.events.len()],
                    lawsuits: vec![None; ev.lawsuits.len()],
                    people: vec![None; ev.people.len()],
                    terms: vec![None; ev.terms.len()],
                    updates: vec![None; ev.updates.len()],
                    sources: vec![None; ev.sources.len()],
                },
            )
        })
        .collect();
    let fact_names = || ev.facts.iter().map(|f| f.id.as_str()).collect::<Vec<_>>();
    let index = |names: Vec<&str>| -> HashMap<String, usize> {
        names
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), i))
            .collect()
    };
    let events = index(ev.events.iter().map(|e| e.id.as_str()).collect());
    let people = index(ev.people.iter().map(|p| p.id.as_str()).collect());
    let terms = index(ev.terms.iter().map(|t| t.id.as_str()).collect());
    let lawsuits = index(
        ev.lawsuits
            .iter()
            .map(|l| l.input.id.get_ref().as_str())
            .collect(),
    );

    for (lang, original, f) in files {
        let Some(tr) = out.get_mut(&lang) else {
            continue;
        };
        let file = &f.source;
        let orig_file = format!("content/{original}");
        if let Some(topic) = original
            .strip_prefix("facts/")
            .and_then(|t| t.strip_suffix(".toml"))
        {
            let Some(ti) = ev.topics.iter().position(|t| t.slug == topic) else {
                cx.err(
                    file,
                    0,
                    format!(
                        "`content/{}` translates `{orig_file}`, which does not exist",
                        f.rel
                    ),
                    "name the translation after a facts file, e.g. facts/the-agreement.es.toml",
                );
                continue;
            };
            let parsed: FactsTr = match parse_toml(file, "facts translation") {
                Ok(p) => p,
                Err(d) => {
                    cx.diags.push(d);
                    continue;
                }
            };
            tr.topics[ti] = parsed.title;
            for t in parsed.fact {
                let Some(i) = resolve(cx, file, &ev.fact_ids, &t.id, "fact", fact_names) else {
                    continue;
                };
                let fact = &ev.facts[i];
                if t.quotes.len() > fact.citations.len() {
                    cx.err(
                        file,
                        t.id.span().start,
                        format!(
                            "fact `{}` has {} quote(s), and its translation translates {}",
                            fact.id,
                            fact.citations.len(),
                            t.quotes.len()
                        ),
                        "give quotes = [...] one translation per quote of the fact, in its order",
                    );
                }
                let stale = Stamping { cx }.stale(
                    file,
                    t.id.span().start,
                    &format!("fact `{}`", fact.id),
                    &orig_file,
                    t.translates.as_deref(),
                    &fact_parts(fact),
                );
                let mut quotes: Vec<Option<String>> = t.quotes.into_iter().map(Some).collect();
                quotes.resize(fact.citations.len(), None);
                tr.facts[i] = Some(FactText {
                    statement: t.statement,
                    attribution: t.attribution,
                    when: t.when,
                    quotes,
                    stale,
                });
            }
        } else if original == "timeline.toml" {
            let Ok(parsed) = parse_toml::<TimelineTr>(file, "timeline translation")
                .map_err(|d| cx.diags.push(d))
            else {
                continue;
            };
            let list = RecordList {
                ids: &events,
                what: "event",
                known: &|| ev.events.iter().map(|e| e.id.as_str()).collect(),
                parts: &|i| event_parts(&ev.events[i]),
            };
            list.read(cx, file, &orig_file, parsed.event, |_, i, t, stale| {
                tr.events[i] = Some(EventText {
                    title: t.title,
                    text: t.text,
                    when: t.when,
                    stale,
                });
            });
        } else if original == "people.toml" {
            let Ok(parsed) =
                parse_toml::<PeopleTr>(file, "people translation").map_err(|d| cx.diags.push(d))
            else {
                continue;
            };
            let list = RecordList {
                ids: &people,
                what: "person",
                known: &|| ev.people.iter().map(|p| p.id.as_str()).collect(),
                parts: &|i| person_parts(&ev.people[i]),
            };
            list.read(cx, file, &orig_file, parsed.person, |cx, i, t, stale| {
                let record = format!("person `{}`", ev.people[i].id);
                let name = t.name.clone().unwrap_or_else(|| ev.people[i].name.clone());
                let aliases = cx.aliases(file, &record, &name, t.aliases);
                tr.people[i] = Some(PersonText {
                    name: t.name,
                    role: t.role,
                    aliases,
                    stale,
                });
            });
        } else if original == "glossary.toml" {
            let Ok(parsed) = parse_toml::<GlossaryTr>(file, "glossary translation")
                .map_err(|d| cx.diags.push(d))
            else {
                continue;
            };
            let list = RecordList {
                ids: &terms,
                what: "glossary term",
                known: &|| ev.terms.iter().map(|x| x.id.as_str()).collect(),
                parts: &|i| term_parts(&ev.terms[i]),
            };
            list.read(cx, file, &orig_file, parsed.term, |cx, i, t, stale| {
                let record = format!("glossary term `{}`", ev.terms[i].id);
                let term = t.term.clone().unwrap_or_else(|| ev.terms[i].term.clone());
                let aliases = cx.aliases(file, &record, &term, t.aliases);
                tr.terms[i] = Some(TermText {
                    term: t.term,
                    expansion: t.expansion,
                    definition: t.definition,
                    aliases,
                    stale,
                });
            });
        } else if original == "lawsuits.toml" {
            let Ok(parsed) = parse_toml::<LawsuitsTr>(file, "lawsuits translation")
                .map_err(|d| cx.diags.push(d))
            else {
                continue;
            };
            let list = RecordList {
                ids: &lawsuits,
                what: "lawsuit",
                known: &|| {
                    ev.lawsuits
                        .iter()
                        .map(|l| l.input.id.get_ref().as_str())
                        .collect()
                },
                parts: &|i| lawsuit_parts(&ev.lawsuits[i]),
            };
            list.read(cx, file, &orig_file, parsed.lawsuit, |_, i, t, stale| {
                let fields = [
                    ("title", t.title),
                    ("case_name", t.case_name),
                    ("court", t.court),
                    ("docket", t.docket),
                    ("plaintiffs", t.plaintiffs),
                    ("defendants", t.defendants),
                    ("claims", t.claims),
                    ("status", t.status),
                    ("latest", t.latest),
                ]
                .into_iter()
                .filter_map(|(k, v)| Some((k.to_string(), v?)))
                .collect();
                tr.lawsuits[i] = Some(LawsuitText { fields, stale });
            });
        } else if let Some(id) = original
            .strip_prefix("updates/")
            .and_then(|u| u.strip_suffix(".md"))
        {
            let Some(i) = ev.updates.iter().position(|u| u.id == id) else {
                cx.err(
                    file,
                    0,
                    format!(
                        "`content/{}` translates `{orig_file}`, which does not exist",
                        f.rel
                    ),
                    "name it after an update in content/updates/, with the language before .md",
                );
                continue;
            };
            let Some((split, meta)) =
                cx.front_matter::<UpdateTrMeta>(file, "update translation front matter")
            else {
                continue;
            };
            let body_offset = split.body_offset;
            let stale = Stamping { cx }.stale(
                file,
                0,
                &format!("update `{id}`"),
                &orig_file,
                meta.translates.as_deref(),
                &update_parts(&ev.updates[i]),
            );
            tr.updates[i] = Some(UpdateText {
                title: meta.title,
                file: Some(f.source.clone()),
                body_offset,
                stale,
            });
        } else if let Some(id) = original
            .strip_prefix("sources/")
            .and_then(|s| s.strip_suffix(".md"))
        {
            let Some(i) = ev.sources.iter().position(|s| s.id == id) else {
                cx.err(
                    file,
                    0,
                    format!(
                        "`content/{}` translates `{orig_file}`, which does not exist",
                        f.rel
                    ),
                    "name it after a source in content/sources/, with the language before .md",
                );
                continue;
            };
            let Some((split, meta)) =
                cx.front_matter::<SourceTrMeta>(file, "source translation front matter")
            else {
                continue;
            };
            if !split.body.trim().is_empty() {
                cx.err(
                    file,
                    split.body_offset,
                    "a source's text is never translated: it stays as published, so that quotes can be checked against it",
                    "leave the body empty; translate the facts' quotes instead (quotes = [...] in the facts' translation)",
                );
            }
            let stale = Stamping { cx }.stale(
                file,
                0,
                &format!("source `{id}`"),
                &orig_file,
                meta.translates.as_deref(),
                &source_parts(&ev.sources[i]),
            );
            tr.sources[i] = Some(SourceText {
                title: meta.title,
                publisher: meta.publisher,
                reporting: meta.reporting,
                stale,
            });
        } else {
            cx.err(file, 0, format!("casefile does not know what `content/{}` translates", f.rel), "translations are facts/TOPIC.LANG.toml, timeline.LANG.toml, lawsuits.LANG.toml, people.LANG.toml, glossary.LANG.toml, updates/NAME.LANG.md and sources/ID.LANG.md");
        }
    }

    // What has no translation, per language and kind, in one warning each.
    for (lang, tr) in &out {
        let missing = |have: &[bool], names: Vec<&str>| -> Vec<String> {
            have.iter()
                .zip(names)
                .filter(|(h, _)| !**h)
                .map(|(_, n)| n.to_string())
                .collect()
        };
        let kinds: [((&str, &str), &str, Vec<String>); 7] = [
            (
                ("fact", "facts"),
                "facts/TOPIC",
                missing(
                    &tr.facts.iter().map(Option::is_some).collect::<Vec<_>>(),
                    ev.facts.iter().map(|f| f.id.as_str()).collect(),
                ),
            ),
            (
                ("timeline event", "timeline events"),
                "timeline",
                missing(
                    &tr.events.iter().map(Option::is_some).collect::<Vec<_>>(),
                    ev.events.iter().map(|e| e.id.as_str()).collect(),
                ),
            ),
            (
                ("lawsuit", "lawsuits"),
                "lawsuits",
                missing(
                    &tr.lawsuits.iter().map(Option::is_some).collect::<Vec<_>>(),
                    ev.lawsuits
                        .iter()
                        .map(|l| l.input.id.get_ref().as_str())
                        .collect(),
                ),
            ),
            (
                ("person", "people"),
                "people",
                missing(
                    &tr.people.iter().map(Option::is_some).collect::<Vec<_>>(),
                    ev.people.iter().map(|p| p.id.as_str()).collect(),
                ),
            ),
            (
                ("glossary term", "glossary terms"),
                "glossary",
                missing(
                    &tr.terms.iter().map(Option::is_some).collect::<Vec<_>>(),
                    ev.terms.iter().map(|t| t.id.as_str()).collect(),
                ),
            ),
            (
                ("update", "updates"),
                "updates/NAME",
                missing(
                    &tr.updates.iter().map(Option::is_some).collect::<Vec<_>>(),
                    ev.updates.iter().map(|u| u.id.as_str()).collect(),
                ),
            ),
            (
                ("source", "sources"),
                "sources/ID",
                missing(
                    &tr.sources.iter().map(Option::is_some).collect::<Vec<_>>(),
                    ev.sources.iter().map(|s| s.id.as_str()).collect(),
                ),
            ),
        ];
        for (what, file, ids) in kinds {
            if ids.is_empty() {
                continue;
            }
            let shown: Vec<String> = ids.iter().take(10).map(|i| format!("`{i}`")).collect();
            let more = ids.len().saturating_sub(10);
            let ext = if file.starts_with("updates") || file.starts_with("sources") {
                "md"
            } else {
                "toml"
            };
            cx.diags.push(
                crate::diagnostics::Diagnostic::warning(
                    "content",
                    0,
                    0,
                    format!(
                        "{} {} no `{lang}` translation and {} shown in the original, marked: {}{}",
                        ids.len(),
                        if ids.len() == 1 {
                            format!("{} has", what.0)
                        } else {
                            format!("{} have", what.1)
                        },
                        if ids.len() == 1 { "is" } else { "are" },
                        shown.join(", "),
                        if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        }
                    ),
                )
                .with_help(format!(
                    "translate them in content/{file}.{lang}.{ext}, beside the original"
                )),
            );
        }
    }
    out
}

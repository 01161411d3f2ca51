//! Open data under `/data/`, for journalists and researchers to reuse and
//! to diff between two versions of the site:
//!
//! | file | what |
//! |---|---|
//! | `facts.json` | every fact with its citations (quotes), described by `facts.schema.json` |
//! | `facts.schema.json` | the JSON Schema (draft 2020-12) of `facts.json` |
//! | `facts.csv` | one row per fact; several citations are joined with line breaks |
//! | `timeline.json` | every event, dated or not, with `in_calendar` for those with a known day |
//! | `timeline.ics` | iCalendar of the events with a known day (written only if there is one) |
//! | `lawsuits.csv` | one row per lawsuit; an empty cell is "not reported in our sources" |
//! | `sources.json` | every source's record (not its archived text, which is on its page) |
//!
//! Stable on purpose: records in the order of the site (facts by topic, then
//! as written; events and lawsuits as written; sources by id), fields in a
//! fixed order, absent values as `null` (JSON) or empty cells (CSV), JSON
//! indented by two spaces, every file ending with a newline, no build time.
//! Texts are as contributors wrote them in `content/` (markdown included),
//! except that a CSV cell a spreadsheet would run as a formula starts with
//! `'` (see [`spreadsheet_text`]).

use serde::Serialize;

use crate::evidence::{paths, EventText, Evidence, FactText, PartialDate, Precision, Translation};
use crate::model::Site;
use crate::render::view::Urls;

/// The JSON Schema of `facts.json`, published at `/data/facts.schema.json`.
pub const FACTS_SCHEMA: &str = include_str!("facts.schema.json");

/// Every data file, `(output path, bytes)`. A kind of record the site does
/// not have gets no file.
pub fn files(site: &Site, urls: &Urls<'_>) -> Vec<(String, Vec<u8>)> {
    let ev = &site.evidence;
    let mut out = Vec::new();
    let langs = site.config.all_languages();
    if !ev.facts.is_empty() {
        out.push((
            "data/facts.schema.json".into(),
            FACTS_SCHEMA.as_bytes().to_vec(),
        ));
    }
    // Each language's edition: its words where translated, the original's
    // elsewhere (each fact says which); quotes always the source's.
    for lang in &langs {
        let ed = Edition::new(site, lang);
        let at = |name: &str| format!("{}data/{name}", ed.dir);
        if !ev.facts.is_empty() {
            out.push((
                at("facts.json"),
                json(&facts_json(site, urls, &ed)).into_bytes(),
            ));
            out.push((at("facts.csv"), facts_csv(ev, urls, &ed).into_bytes()));
        }
        if !ev.events.is_empty() {
            out.push((
                at("timeline.json"),
                json(&timeline_json(site, urls, &ed)).into_bytes(),
            ));
        }
    }
    if ev.events.iter().any(|e| day_of(e.date.as_ref()).is_some()) {
        out.push((
            "data/timeline.ics".into(),
            timeline_ics(site, urls).into_bytes(),
        ));
    }
    if !ev.lawsuits.is_empty() {
        out.push((
            "data/lawsuits.csv".into(),
            lawsuits_csv(ev, urls).into_bytes(),
        ));
    }
    if !ev.sources.is_empty() {
        out.push((
            "data/sources.json".into(),
            json(&sources_json(site, urls)).into_bytes(),
        ));
    }
    out
}

/// One language's edition of the open data.
struct Edition<'a> {
    /// Language code.
    lang: &'a str,
    /// The site's own language (of the words not translated yet).
    original: &'a str,
    /// The site's title in it.
    title: &'a str,
    /// Site path prefix of its pages (`""`, `"/es"`).
    prefix: String,
    /// Output folder prefix of its files (`""`, `"es/"`).
    dir: String,
    /// Its translations, `None` for the site's own language.
    tr: Option<&'a Translation>,
}

impl<'a> Edition<'a> {
    fn new(site: &'a Site, lang: &'a str) -> Self {
        let prefix = site.lang_prefix(lang);
        let dir = match prefix.trim_matches('/') {
            "" => String::new(),
            p => format!("{p}/"),
        };
        Edition {
            lang,
            original: &site.config.language,
            title: site.config.title_in(lang),
            tr: (lang != site.config.language)
                .then(|| site.evidence.translations.get(lang))
                .flatten(),
            prefix,
            dir,
        }
    }

    fn path(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// Fact `i`'s translation.
    fn fact(&self, i: usize) -> Option<&'a FactText> {
        self.tr
            .and_then(|t| t.facts.get(i))
            .and_then(Option::as_ref)
    }

    /// Event `i`'s translation.
    fn event(&self, i: usize) -> Option<&'a EventText> {
        self.tr
            .and_then(|t| t.events.get(i))
            .and_then(Option::as_ref)
    }
}

fn json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

fn precision(d: Option<&PartialDate>) -> Option<&'static str> {
    d.map(|d| d.precision().name())
}

/// `(year, month, day)` of a date known to the day.
fn day_of(d: Option<&PartialDate>) -> Option<(i16, i8, i8)> {
    let d = d?;
    match (d.precision(), d.month, d.day) {
        (Precision::Day, Some(m), Some(day)) => Some((d.year, m, day)),
        _ => None,
    }
}

#[derive(Serialize)]
struct FactsFile<'a> {
    #[serde(rename = "$schema")]
    schema: String,
    site: &'a str,
    language: &'a str,
    url: String,
    topics: Vec<TopicRecord<'a>>,
    facts: Vec<FactRecord<'a>>,
}

#[derive(Serialize)]
struct TopicRecord<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct FactRecord<'a> {
    id: &'a str,
    url: String,
    statement: &'a str,
    attribution: &'a str,
    language: &'a str,
    status: &'static str,
    topic: &'a str,
    topics: &'a [String],
    date: Option<String>,
    date_precision: Option<&'static str>,
    when: Option<&'a str>,
    superseded_by: Option<&'a str>,
    aliases: &'a [String],
    people: Vec<&'a str>,
    citations: Vec<CitationRecord<'a>>,
    /// From git: `null` when the build had no history to read.
    history: Option<Vec<HistoryRecord<'a>>>,
}

#[derive(Serialize)]
struct HistoryRecord<'a> {
    change: &'static str,
    date: String,
    fields: Vec<FieldRecord<'a>>,
    update: Option<&'a str>,
}

#[derive(Serialize)]
struct FieldRecord<'a> {
    field: &'static str,
    was: &'a str,
    now: &'a str,
}

#[derive(Serialize)]
struct CitationRecord<'a> {
    source: &'a str,
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<&'a str>,
    url: String,
}

fn facts_json<'a>(site: &'a Site, urls: &Urls<'_>, ed: &Edition<'a>) -> FactsFile<'a> {
    let ev = &site.evidence;
    let original = ed.original;
    FactsFile {
        schema: urls.permalink("/data/facts.schema.json"),
        site: ed.title,
        language: ed.lang,
        url: urls.permalink(&ed.path(paths::FACTS)),
        topics: ev
            .topics
            .iter()
            .enumerate()
            .map(|(ti, t)| TopicRecord {
                id: &t.slug,
                title: ed
                    .tr
                    .and_then(|tr| tr.topics.get(ti))
                    .and_then(Option::as_deref)
                    .unwrap_or(&t.title),
                url: urls.permalink(&ed.path(&paths::topic(&t.slug))),
            })
            .collect(),
        facts: ev
            .facts
            .iter()
            .enumerate()
            .map(|(fi, f)| FactRecord {
                id: &f.id,
                url: urls.permalink(&ed.path(&paths::fact(&f.id))),
                statement: ed
                    .fact(fi)
                    .and_then(|t| t.statement.as_deref())
                    .unwrap_or(&f.statement),
                attribution: ed
                    .fact(fi)
                    .and_then(|t| t.attribution.as_deref())
                    .unwrap_or(&f.attribution),
                language: match ed.fact(fi) {
                    Some(t) if t.statement.is_some() => ed.lang,
                    _ => original,
                },
                status: f.status.name(),
                topic: &ev.topics[f.topic].slug,
                topics: &f.extra_topics,
                date: f.date.map(|d| d.iso()),
                date_precision: precision(f.date.as_ref()),
                when: ed
                    .fact(fi)
                    .and_then(|t| t.when.as_deref())
                    .or(f.when.as_deref()),
                superseded_by: f.superseded_by.map(|i| ev.facts[i].id.as_str()),
                aliases: &f.aliases,
                people: f.people.iter().map(|&p| ev.people[p].id.as_str()).collect(),
                citations: f
                    .citations
                    .iter()
                    .zip(crate::render::evidence::citation_anchors(f))
                    .enumerate()
                    .map(|(ci, (c, anchor))| {
                        let id = &ev.sources[c.source].id;
                        CitationRecord {
                            source: id,
                            quote: &c.quote,
                            translation: ed
                                .fact(fi)
                                .and_then(|t| t.quotes.get(ci))
                                .and_then(Option::as_deref),
                            url: format!(
                                "{}#{anchor}",
                                urls.permalink(&ed.path(&paths::source(id)))
                            ),
                        }
                    })
                    .collect(),
                history: crate::history::steps(site, fi).map(|steps| {
                    let tz = site.config.time_zone();
                    steps
                        .into_iter()
                        .map(|s| HistoryRecord {
                            change: s.kind,
                            date: s.at.to_zoned(tz.clone()).date().to_string(),
                            fields: s
                                .changes
                                .iter()
                                .map(|c| FieldRecord {
                                    field: c.field,
                                    was: &c.was,
                                    now: &c.now,
                                })
                                .collect(),
                            update: s.update.map(|u| ev.updates[u].id.as_str()),
                        })
                        .collect()
                }),
            })
            .collect(),
    }
}

/// A cell's text as a spreadsheet must read it. Excel, LibreOffice and
/// Google Sheets run a cell starting with `=`, `+`, `-` or `@` (or a tab or
/// carriage return before one) as a formula, so a statement of
/// `=HYPERLINK("http://evil","click")` would open as a live link: such a
/// cell gets a leading `'`, which they show as text (OWASP's advice on CSV
/// injection). Every CSV writer goes through [`csv_row`], which applies it.
fn spreadsheet_text(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One CSV record (RFC 4180 quoting), ending with `\n`; every cell as
/// [`spreadsheet_text`].
fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    let cells: Vec<String> = fields
        .iter()
        .map(|f| {
            let f = spreadsheet_text(f.as_ref());
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        })
        .collect();
    cells.join(",") + "\n"
}

fn facts_csv(ev: &Evidence, urls: &Urls<'_>, ed: &Edition<'_>) -> String {
    let mut out = csv_row(&[
        "id",
        "statement",
        "attribution",
        "status",
        "topic",
        "topics",
        "date",
        "date_precision",
        "when",
        "superseded_by",
        "sources",
        "quotes",
        "url",
        "language",
        "quote_translations",
    ]);
    for (fi, f) in ev.facts.iter().enumerate() {
        let sources: Vec<&str> = f
            .citations
            .iter()
            .map(|c| ev.sources[c.source].id.as_str())
            .collect();
        let quotes: Vec<&str> = f.citations.iter().map(|c| c.quote.as_str()).collect();
        let t = ed.fact(fi);
        out.push_str(&csv_row(&[
            f.id.as_str(),
            t.and_then(|t| t.statement.as_deref())
                .unwrap_or(&f.statement),
            t.and_then(|t| t.attribution.as_deref())
                .unwrap_or(&f.attribution),
            f.status.name(),
            &ev.topics[f.topic].slug,
            &f.extra_topics.join(" "),
            &f.date.map(|d| d.iso()).unwrap_or_default(),
            precision(f.date.as_ref()).unwrap_or_default(),
            t.and_then(|t| t.when.as_deref())
                .or(f.when.as_deref())
                .unwrap_or_default(),
            f.superseded_by
                .map(|i| ev.facts[i].id.as_str())
                .unwrap_or_default(),
            &sources.join("\n"),
            &quotes.join("\n"),
            &urls.permalink(&ed.path(&paths::fact(&f.id))),
            match t {
                Some(t) if t.statement.is_some() => ed.lang,
                _ => ed.original,
            },
            &t.map(|t| {
                t.quotes
                    .iter()
                    .map(|q| q.as_deref().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
        ]));
    }
    out
}

fn lawsuits_csv(ev: &Evidence, urls: &Urls<'_>) -> String {
    let mut out = csv_row(&[
        "id",
        "title",
        "case_name",
        "court",
        "docket",
        "filed",
        "plaintiffs",
        "defendants",
        "claims",
        "status",
        "latest",
        "documents",
        "facts",
        "url",
    ]);
    for l in &ev.lawsuits {
        let i = &l.input;
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let documents: Vec<&str> = l
            .documents
            .iter()
            .map(|&d| ev.sources[d].id.as_str())
            .collect();
        let facts: Vec<&str> = l.facts.iter().map(|&f| ev.facts[f].id.as_str()).collect();
        out.push_str(&csv_row(&[
            i.id.get_ref().clone(),
            i.title.clone(),
            opt(&i.case_name),
            opt(&i.court),
            opt(&i.docket),
            l.filed.map(|d| d.iso()).unwrap_or_default(),
            opt(&i.plaintiffs),
            opt(&i.defendants),
            opt(&i.claims),
            opt(&i.status),
            opt(&i.latest),
            documents.join(" "),
            facts.join(" "),
            urls.permalink(&paths::lawsuit(i.id.get_ref())),
        ]));
    }
    out
}

#[derive(Serialize)]
struct TimelineFile<'a> {
    site: &'a str,
    language: &'a str,
    url: String,
    calendar: Option<String>,
    events: Vec<EventRecord<'a>>,
}

#[derive(Serialize)]
struct EventRecord<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    date: Option<String>,
    date_precision: Option<&'static str>,
    when: Option<&'a str>,
    in_calendar: bool,
    facts: Vec<&'a str>,
    url: String,
}

fn timeline_json<'a>(site: &'a Site, urls: &Urls<'_>, ed: &Edition<'a>) -> TimelineFile<'a> {
    let ev = &site.evidence;
    let any_day = ev.events.iter().any(|e| day_of(e.date.as_ref()).is_some());
    TimelineFile {
        site: ed.title,
        language: ed.lang,
        url: urls.permalink(&ed.path(paths::TIMELINE)),
        calendar: any_day.then(|| urls.permalink("/data/timeline.ics")),
        events: ev
            .events
            .iter()
            .enumerate()
            .map(|(ei, e)| EventRecord {
                id: &e.id,
                title: ed
                    .event(ei)
                    .and_then(|t| t.title.as_deref())
                    .unwrap_or(&e.title),
                text: ed
                    .event(ei)
                    .and_then(|t| t.text.as_deref())
                    .unwrap_or(&e.text),
                date: e.date.map(|d| d.iso()),
                date_precision: precision(e.date.as_ref()),
                when: ed
                    .event(ei)
                    .and_then(|t| t.when.as_deref())
                    .or(e.when.as_deref()),
                in_calendar: day_of(e.date.as_ref()).is_some(),
                facts: e.facts.iter().map(|&f| ev.facts[f].id.as_str()).collect(),
                url: urls.permalink(&ed.path(&paths::event(&e.id))),
            })
            .collect(),
    }
}

/// Escapes a TEXT value (RFC 5545, 3.3.11).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (RFC 5545, 3.1), with CRLF.
fn ics_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn timeline_ics(site: &Site, urls: &Urls<'_>) -> String {
    let ev = &site.evidence;
    let host = urls
        .base_url
        .split_once("://")
        .map(|x| x.1)
        .unwrap_or(urls.base_url)
        .split('/')
        .next()
        .unwrap_or("casefile");
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:-//casefile//{}//EN", ics_text(&site.config.title)),
        "CALSCALE:GREGORIAN".to_string(),
        format!("X-WR-CALNAME:{}", ics_text(&site.config.title)),
    ];
    for e in &ev.events {
        let Some((y, m, d)) = day_of(e.date.as_ref()) else {
            continue;
        };
        let day = format!("{y:04}{m:02}{d:02}");
        let next = jiff::civil::Date::new(y, m, d)
            .ok()
            .and_then(|x| x.tomorrow().ok())
            .map(|x| x.strftime("%Y%m%d").to_string())
            .unwrap_or_else(|| day.clone());
        let mut description = e.text.clone();
        let facts: Vec<String> = e
            .facts
            .iter()
            .map(|&f| urls.permalink(&paths::fact(&ev.facts[f].id)))
            .collect();
        if !facts.is_empty() {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&facts.join("\n"));
        }
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}@{host}", e.id));
        // DTSTAMP is required; the event's own day keeps the file stable.
        lines.push(format!("DTSTAMP:{day}T000000Z"));
        lines.push(format!("DTSTART;VALUE=DATE:{day}"));
        lines.push(format!("DTEND;VALUE=DATE:{next}"));
        lines.push(format!("SUMMARY:{}", ics_text(&e.title)));
        if !description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", ics_text(&description)));
        }
        lines.push(format!("URL:{}", urls.permalink(&paths::event(&e.id))));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| ics_line(l)).collect()
}

#[derive(Serialize)]
struct SourcesFile<'a> {
    site: &'a str,
    url: String,
    sources: Vec<SourceRecord<'a>>,
}

#[derive(Serialize)]
struct SourceRecord<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    reporting: Option<&'a str>,
    date: Option<String>,
    url: Option<&'a str>,
    archived: String,
    excerpt: bool,
    page: String,
}

fn sources_json<'a>(site: &'a Site, urls: &Urls<'_>) -> SourcesFile<'a> {
    SourcesFile {
        site: &site.config.title,
        url: urls.permalink(paths::SOURCES),
        sources: site
            .evidence
            .sources
            .iter()
            .map(|s| SourceRecord {
                id: &s.id,
                title: &s.meta.title,
                publisher: &s.meta.publisher,
                reporting: s.meta.reporting.as_deref(),
                date: s.date.map(|d| d.iso()),
                url: s.meta.url.as_deref(),
                archived: s.archived.iso(),
                excerpt: s.meta.excerpt,
                page: urls.permalink(&paths::source(&s.id)),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\"", "x\ny"]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\n"
        );
    }

    /// Cells a spreadsheet would run as formulas read back (with the `csv`
    /// crate) with a leading `'`; every other cell reads back as written.
    #[test]
    fn csv_cells_that_would_be_formulas_start_with_an_apostrophe() {
        let formulas = [
            "=HYPERLINK(\"http://evil\",\"click\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ];
        let ordinary = [
            "The contract is worth $2 million.",
            "a=b",
            "2025-06-16",
            "",
            "'quoted",
            " =1",
            "x\n=1",
            "say \"hi\", then go",
        ];
        let cells: Vec<&str> = formulas.iter().chain(&ordinary).copied().collect();
        let text = csv_row(&cells);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        let read: Vec<&str> = record.iter().collect();
        let expected: Vec<String> = formulas
            .iter()
            .map(|f| format!("'{f}"))
            .chain(ordinary.iter().map(|o| o.to_string()))
            .collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn ics_lines_fold_at_75_octets_and_escape() {
        let long = format!("SUMMARY:{}", "é".repeat(50));
        let folded = ics_line(&long);
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
        assert_eq!(ics_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn the_schema_is_json() {
        let v: serde_json::Value = serde_json::from_str(FACTS_SCHEMA).unwrap();
        assert_eq!(v["type"], "object");
    }
}

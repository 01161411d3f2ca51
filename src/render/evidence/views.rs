//! The view structs of the evidence pages: what `facts.html`, `fact.html`,
//! `source.html`, `timeline.html`, `lawsuits.html` and the others see.

use serde::Serialize;

use crate::evidence::PartialDate;
use crate::render::dates::{partial_date, DateView};
use crate::render::strings::Strings;

/// When something happened, as honestly as we know it.
#[derive(Debug, Clone, Serialize)]
pub struct WhenView {
    /// Machine-readable date, if any (`2025`, `2025-06`, `2025-06-16`).
    pub iso: Option<String>,
    /// What to show: the date, the source's words, or "date not reported".
    pub display: String,
    /// Whether the source gave a date.
    pub known: bool,
}

/// One quote of a fact.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// The quote.
    pub text: String,
    /// Source title.
    pub source: String,
    /// Link to the passage in the archived source.
    pub url: String,
    /// Link to the source's page.
    pub source_url: String,
    /// The language of `source` (its title), when it is not the page's.
    pub source_lang: Option<String>,
    /// Our translation of the quote into the page's language, when the
    /// page is not in the source's (the quote itself stays as published).
    pub translation: Option<String>,
    /// The quote's language (the site's own), when it differs from the
    /// page's: for `lang="..."`.
    pub lang: Option<String>,
}

/// A fact's fields, as templates see them (see [`FactView`]).
#[derive(Debug, Clone, Serialize)]
pub struct FactFields {
    /// Stable id (also its anchor on the fact index).
    pub id: String,
    /// Its own page.
    pub url: String,
    /// Its anchor on the fact index.
    pub index_url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Statement as HTML.
    pub statement: String,
    /// The statement as plain text, shortened to about 70 characters at a
    /// word: the fact page's title (tab, bookmark, share).
    pub title: String,
    /// Who says it.
    pub attribution: String,
    /// `reported`, `confirmed`, `disputed`, `superseded`.
    pub status: &'static str,
    /// Status in the reader's language.
    pub status_label: String,
    /// Link to the facts with the same status.
    pub status_url: String,
    /// When.
    pub when: Option<WhenView>,
    /// Quotes with their sources.
    pub quotes: Vec<QuoteView>,
    /// Topic.
    pub topic: FactLink,
    /// Other topics.
    pub topics: Vec<FactLink>,
    /// The fact replacing it.
    pub superseded_by: Option<FactLink>,
    /// Facts it replaces.
    pub supersedes: Vec<FactLink>,
    /// People and organisations.
    pub people: Vec<FactLink>,
    /// Earlier ids.
    pub aliases: Vec<String>,
    /// The date of the newest update or correction naming it.
    pub updated: Option<DateView>,
    /// Whether the fact has no translation into the page's language and is
    /// shown in the original (`lang` is then the original's).
    pub untranslated: bool,
    /// The language its words are in, when not the page's: for `lang="..."`.
    pub lang: Option<String>,
    /// Whether the original changed since it was translated.
    pub stale: bool,
    /// Its page in the site's own language, on a page in another.
    pub original_url: Option<String>,
}

/// A fact, as templates see it: its fields (`fact.statement`, ...) and `n`,
/// the number of its citation on the current page (0 elsewhere).
///
/// A fact is shown on many pages (its own, its topic's, the fact index,
/// every page that cites it...): its view is made once per language and
/// turned into a Tera value once, which every page's context then shares
/// (Tera clones a `Value` it meets in a context instead of serialising it
/// again). That was a sixth of the explainer's instructions.
#[derive(Debug, Clone)]
pub struct FactView {
    fields: std::sync::Arc<FactFields>,
    n: usize,
    value: tera::Value,
}

impl FactView {
    /// The view of a fact not cited (`n` is 0).
    pub fn new(fields: FactFields) -> Self {
        let value = with_n(&tera::Value::from_serializable(&fields), 0);
        Self {
            fields: std::sync::Arc::new(fields),
            n: 0,
            value,
        }
    }

    /// The same fact as the `n`-th citation of a page.
    pub fn numbered(&self, n: usize) -> Self {
        Self {
            fields: std::sync::Arc::clone(&self.fields),
            n,
            value: with_n(&self.value, n),
        }
    }

    /// The number of its citation on the current page (0 elsewhere).
    pub fn n(&self) -> usize {
        self.n
    }
}

/// A fact's value with `n` set (the fields' map shares its values).
fn with_n(fields: &tera::Value, n: usize) -> tera::Value {
    let mut map = fields.as_map().cloned().unwrap_or_default();
    map.insert(tera::value::Key::Str("n"), n.into());
    tera::Value::from(map)
}

impl std::ops::Deref for FactView {
    type Target = FactFields;
    fn deref(&self) -> &FactFields {
        &self.fields
    }
}

impl Serialize for FactView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// A link to a record with its text.
#[derive(Debug, Clone, Serialize)]
pub struct FactLink {
    /// Text (statement HTML for facts, name for people).
    pub title: String,
    /// URL.
    pub url: String,
    /// The language of `title`, when it is not the page's (not translated
    /// yet): for `lang="..."`.
    pub lang: Option<String>,
}

/// The sources quoted by `citations`, once each, in order of first use.
pub fn citation_sources(citations: &[FactView]) -> Vec<FactLink> {
    let mut out: Vec<FactLink> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = Default::default();
    for q in citations.iter().flat_map(|f| &f.quotes) {
        if seen.insert(&q.source_url) {
            out.push(FactLink {
                title: q.source.clone(),
                url: q.source_url.clone(),
                lang: q.source_lang.clone(),
            });
        }
    }
    out
}

/// Where a fact is cited from: pages, sections, events, lawsuits, updates.
#[derive(Debug, Clone, Serialize)]
pub struct Backlink {
    /// What kind of thing cites it (in the reader's language).
    pub kind: String,
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// The language of `title`, when it is not the page's.
    pub lang: Option<String>,
}

/// Views of the evidence, shared by all evidence pages.
pub struct EvidenceViews {
    /// One view per fact, indexed like `evidence.facts`.
    pub facts: Vec<FactView>,
    /// Backlinks per fact.
    pub backlinks: Vec<Vec<Backlink>>,
}

/// A group of facts under a heading.
#[derive(Debug, Clone, Serialize)]
pub struct FactGroup {
    /// Topic slug or status name.
    pub slug: String,
    /// Heading.
    pub title: String,
    /// Link to the group's own page.
    pub url: String,
    /// The facts.
    pub facts: Vec<FactView>,
    /// The same facts as rows to list: one fact each, or a run of
    /// near-identical facts shown as one list (see [`super::runs`]).
    pub rows: Vec<FactRow>,
}

/// One row of a fact list: a fact, or a run of facts that share their
/// first words.
#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    /// The shared first words of a run, as HTML; `None` for a single fact.
    pub lead: Option<String>,
    /// The facts, each with its own text (the whole statement, or in a run
    /// what follows the shared words).
    pub items: Vec<FactItem>,
    /// Whether every fact of the row has the same status, time and
    /// attribution (shown once).
    pub same_meta: bool,
}

/// A fact in a [`FactRow`].
#[derive(Debug, Clone, Serialize)]
pub struct FactItem {
    /// The fact.
    pub fact: FactView,
    /// Its text in the row, HTML.
    pub text: String,
}

/// A filter link with a count.
#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    /// Label.
    pub title: String,
    /// URL.
    pub url: String,
    /// Facts it shows.
    pub count: usize,
    /// What it means, in a reader's words (statuses; empty for topics).
    pub help: String,
}

/// The filters of the fact index.
#[derive(Debug, Clone, Serialize)]
pub struct FiltersView {
    /// By topic.
    pub topics: Vec<Filter>,
    /// By status.
    pub statuses: Vec<Filter>,
}

/// `facts` in facts.html: the index, a topic or a status.
#[derive(Debug, Clone, Serialize)]
pub struct FactsView {
    /// Page title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Groups.
    pub groups: Vec<FactGroup>,
    /// Filter links.
    pub filters: FiltersView,
    /// Whether this is the whole index.
    pub is_index: bool,
    /// Whether the facts listed have more than one status between them
    /// (with one, each fact's status is said once for all).
    pub statuses_vary: bool,
    /// Whether to list the facts compactly (statement, status and who says
    /// so; the quotes are on each fact's page): the index and the status
    /// pages, which list every fact.
    pub compact: bool,
}

/// `fact` in fact.html.
#[derive(Debug, Clone, Serialize)]
pub struct FactPage {
    /// The fact.
    pub fact: FactView,
    /// Where it is cited.
    pub cited_by: Vec<Backlink>,
    /// Updates and corrections that changed it.
    pub updates: Vec<UpdateView>,
    /// A map of the states it names, if any.
    pub map: Option<crate::render::graphics::MapView>,
    /// Its history from git, oldest first: when it was added and each
    /// change of its words. `None` without git (nothing is guessed).
    pub history: Option<Vec<HistoryEntry>>,
}

/// One step in a fact's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// `added` or `changed`.
    pub kind: &'static str,
    /// When (the day the change was committed, or the date of the update
    /// that explains a change not yet committed).
    pub date: DateView,
    /// What changed (none for `added`).
    pub changes: Vec<ChangeView>,
    /// The update or correction that explains it, if one does.
    pub update: Option<UpdateLink>,
}

/// One field that changed.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// `statement`, `attribution`, `quote`, `source`, `status`, `date`,
    /// `precision` or `when`.
    pub field: &'static str,
    /// The field's name in the reader's language ("the statement").
    pub label: String,
    /// What it said.
    pub was: String,
    /// What it said after the change.
    pub now: String,
}

/// A link to an update or correction.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateLink {
    /// `update` or `correction`.
    pub kind: &'static str,
    /// "Correction" or "Update", in the reader's language.
    pub kind_label: String,
    /// What changed, in a few words.
    pub title: String,
    /// Its entry on the updates page.
    pub url: String,
    /// Its id.
    pub id: String,
}

/// A source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Id.
    pub id: String,
    /// Its page.
    pub url: String,
    /// Descriptive title.
    pub title: String,
    /// Publisher or kind of document.
    pub publisher: String,
    /// Whose reporting.
    pub reporting: Option<String>,
    /// Its date, if it gives one.
    pub date: Option<String>,
    /// Its address, if known.
    pub link: Option<String>,
    /// When archived.
    pub archived: String,
    /// Only excerpts held.
    pub excerpt: bool,
    /// The archived text as HTML with quotes marked (source pages only).
    pub text: String,
    /// The archived text's language (the site's own), when it is not the
    /// page's: the text is never translated.
    pub text_lang: Option<String>,
    /// Facts citing it.
    pub facts: Vec<FactView>,
    /// The language its words are in, when not the page's (not translated
    /// yet): for `lang="..."` and a "not translated yet" note.
    pub lang: Option<String>,
    /// Whether the original changed since it was translated.
    pub stale: bool,
}

/// A timeline event.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Id (its anchor).
    pub id: String,
    /// Title.
    pub title: String,
    /// Text HTML.
    pub text: String,
    /// When.
    pub when: WhenView,
    /// Facts it rests on.
    pub facts: Vec<FactView>,
    /// A map of the states its facts name, if any.
    pub map: Option<crate::render::graphics::MapView>,
    /// The language its words are in, when not the page's (not translated
    /// yet): for `lang="..."` and a "not translated yet" note.
    pub lang: Option<String>,
    /// Whether the original changed since it was translated.
    pub stale: bool,
}

/// Timeline events that share what the sources say about their time.
#[derive(Debug, Clone, Serialize)]
pub struct EventGroup {
    /// The date, the source's words ("“Monday”"), or "Date not reported".
    pub label: String,
    /// Whether the sources give a date.
    pub known: bool,
    /// The date, machine-readable, when known.
    pub iso: Option<String>,
    /// The events, in the order of `timeline.toml`.
    pub events: Vec<EventView>,
}

/// A labelled field that may be unknown.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// Label.
    pub label: String,
    /// Value, or `None`: "not reported in our sources".
    pub value: Option<String>,
}

/// A lawsuit.
#[derive(Debug, Clone, Serialize)]
pub struct LawsuitView {
    /// Id.
    pub id: String,
    /// Its page.
    pub url: String,
    /// Title.
    pub title: String,
    /// Case name, court, docket... in order.
    pub fields: Vec<FieldView>,
    /// Status (also in `fields`), for the tracker table.
    pub status: Option<String>,
    /// Court documents.
    pub documents: Vec<FactLink>,
    /// Facts it rests on.
    pub facts: Vec<FactView>,
    /// The language its words are in, when not the page's (not translated
    /// yet): for `lang="..."` and a "not translated yet" note.
    pub lang: Option<String>,
    /// Whether the original changed since it was translated.
    pub stale: bool,
}

/// A person or organisation.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    /// Id (anchor).
    pub id: String,
    /// Name.
    pub name: String,
    /// Role as the source gives it.
    pub role: String,
    /// `person` or `organization`.
    pub kind: &'static str,
    /// Facts that quote or concern them.
    pub facts: Vec<FactView>,
    /// The language its words are in, when not the page's (not translated
    /// yet): for `lang="..."` and a "not translated yet" note.
    pub lang: Option<String>,
    /// Whether the original changed since it was translated.
    pub stale: bool,
}

/// A glossary entry.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView {
    /// Id (anchor).
    pub id: String,
    /// Term.
    pub term: String,
    /// Expansion.
    pub expansion: Option<String>,
    /// Definition HTML.
    pub definition: String,
    /// The language its words are in, when not the page's (not translated
    /// yet): for `lang="..."` and a "not translated yet" note.
    pub lang: Option<String>,
    /// Whether the original changed since it was translated.
    pub stale: bool,
}

/// An update or correction.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    /// Id (anchor on /updates/).
    pub id: String,
    /// Link to it.
    pub url: String,
    /// When.
    pub date: DateView,
    /// `update` or `correction`.
    pub kind: &'static str,
    /// In the reader's language.
    pub kind_label: String,
    /// What changed in a few words: the `title` of its front matter, or
    /// the first sentence of its text.
    pub title: String,
    /// What changed, HTML.
    pub text: String,
    /// Facts it changed.
    pub facts: Vec<FactLink>,
    /// Pages it changed.
    pub pages: Vec<FactLink>,
    /// The language its words are in, when not the page's (not translated
    /// yet): for `lang="..."` and a "not translated yet" note.
    pub lang: Option<String>,
    /// Whether the original changed since it was translated.
    pub stale: bool,
}

/// A redirect from an old fact id.
#[derive(Debug, Clone, Serialize)]
pub struct RedirectView {
    /// Where to.
    pub to: String,
    /// The fact's statement.
    pub title: String,
}

/// When an event or fact happened, as the sources give it.
pub fn when_view(date: Option<&PartialDate>, words: Option<&str>, s: &Strings) -> WhenView {
    match (date, words) {
        (Some(d), Some(w)) => WhenView {
            iso: Some(d.iso()),
            display: format!("{} ({w})", partial_date(d, s)),
            known: true,
        },
        (Some(d), None) => WhenView {
            iso: Some(d.iso()),
            display: partial_date(d, s),
            known: true,
        },
        (None, Some(w)) => WhenView {
            iso: None,
            display: format!("“{w}” ({})", s.get("exact_date_not_reported")),
            known: false,
        },
        (None, None) => WhenView {
            iso: None,
            display: s.get("date_not_reported").to_string(),
            known: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> FactFields {
        let link = |t: &str| FactLink {
            title: t.to_string(),
            url: format!("/{t}/"),
            lang: None,
        };
        FactFields {
            id: "signed".into(),
            url: "/facts/signed/".into(),
            index_url: "/facts/#signed".into(),
            permalink: "https://example.org/facts/signed/".into(),
            statement: "The agreement was <em>signed</em> Monday.".into(),
            title: "The agreement was signed Monday.".into(),
            attribution: "according to the report".into(),
            status: "reported",
            status_label: "Reported".into(),
            status_url: "/facts/status/reported/".into(),
            when: Some(WhenView {
                iso: None,
                display: "Monday (no date given)".into(),
                known: false,
            }),
            quotes: Vec::new(),
            topic: link("the-agreement"),
            topics: vec![link("data")],
            superseded_by: None,
            supersedes: vec![link("older")],
            people: Vec::new(),
            aliases: vec!["was-signed".into()],
            updated: None,
            untranslated: false,
            lang: Some("en".into()),
            stale: false,
            original_url: None,
        }
    }

    /// The value made once is what serialising the fields would give, with
    /// `n`: templates and any other reader (JSON here) see the same fact.
    #[test]
    fn a_shared_fact_value_is_its_fields_with_n() {
        let view = FactView::new(fields());
        let mut want = serde_json::to_value(fields()).unwrap();
        want["n"] = 0.into();
        assert_eq!(serde_json::to_value(&view).unwrap(), want);
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(keys(&serde_json::to_value(&view).unwrap()), keys(&want));

        let third = view.numbered(3);
        want["n"] = 3.into();
        assert_eq!(serde_json::to_value(&third).unwrap(), want);
        assert_eq!(
            (third.n(), view.n()),
            (3, 0),
            "the original is not renumbered"
        );
        assert_eq!(third.statement, view.statement);

        // And as Tera sees it, in a template.
        let mut tera = tera::Tera::default();
        tera.add_raw_template(
            "t",
            "{{ f.n }} {{ f.statement | safe }} {{ f.when.display }} {{ f.topics[0].url }}",
        )
        .unwrap();
        let mut cx = tera::Context::new();
        cx.insert("f", &third);
        assert_eq!(
            tera.render("t", &cx).unwrap(),
            "3 The agreement was <em>signed</em> Monday. Monday (no date given) /data/"
        );
    }
}

//! The records an explainer is made of, as contributors write them.
//!
//! Every struct is `deny_unknown_fields`; fields that later checks may
//! complain about are `Spanned`, so errors point at their line.

use serde::Deserialize;
use toml::Spanned;

use super::date::{DateInput, Precision};

/// Front matter of a source record (`content/sources/ID.md`); the body is
/// the source's full text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    /// Stable id; defaults to the file name.
    #[serde(default)]
    pub id: Option<String>,
    /// A descriptive title (not a headline the source does not give).
    pub title: String,
    /// The publisher, or the kind of document ("news report", "court filing").
    pub publisher: String,
    /// Whose reporting or authorship it is ("The Associated Press").
    #[serde(default)]
    pub reporting: Option<String>,
    /// The document's date, only if it gives one.
    #[serde(default)]
    pub date: Option<Spanned<DateInput>>,
    /// The address, only if we actually know it.
    #[serde(default)]
    pub url: Option<String>,
    /// When we archived the text.
    pub archived: Spanned<DateInput>,
    /// True if the body holds only the passages we rely on.
    #[serde(default)]
    pub excerpt: bool,
}

/// One citation: a source and a verbatim quote from it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiteInput {
    /// Source id.
    pub source: Spanned<String>,
    /// Verbatim words from the source.
    pub quote: Spanned<String>,
}

/// How sure we are of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// One source reports it.
    Reported,
    /// Several independent sources, or a primary document.
    Confirmed,
    /// Sources disagree; both are shown.
    Disputed,
    /// A later fact replaces it; both stay visible.
    Superseded,
}

impl Status {
    /// All statuses, in display order.
    pub const ALL: [Status; 4] = [
        Status::Reported,
        Status::Confirmed,
        Status::Disputed,
        Status::Superseded,
    ];

    /// The lowercase name, used in URLs and strings keys.
    pub fn name(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Confirmed => "confirmed",
            Status::Disputed => "disputed",
            Status::Superseded => "superseded",
        }
    }
}

/// The body `casefile new source` writes, which `check` refuses until the
/// document's text replaces it.
pub const SOURCE_PLACEHOLDER: &str =
    "Replace this line with the document's full text, exactly as published.";

/// A fact as written in `content/facts/TOPIC.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactInput {
    /// Stable id, never reused.
    pub id: Spanned<String>,
    /// One plain sentence (inline markdown).
    pub statement: String,
    /// Who says it, as the source does: "according to the agreement".
    pub attribution: String,
    /// Short form for one citation: source id...
    #[serde(default)]
    pub source: Option<Spanned<String>>,
    /// ...and its quote.
    #[serde(default)]
    pub quote: Option<Spanned<String>>,
    /// Citations (use this for more than one).
    #[serde(default)]
    pub cite: Vec<CiteInput>,
    /// More topics besides the file's.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The date the fact is about, as precise as the source gives.
    #[serde(default)]
    pub date: Option<Spanned<DateInput>>,
    /// Must agree with `date` when both are given.
    #[serde(default)]
    pub precision: Option<Spanned<Precision>>,
    /// The source's own words for when, if it gives no date ("Monday").
    #[serde(default)]
    pub when: Option<String>,
    /// Reported (default), confirmed, disputed or superseded.
    #[serde(default = "default_status")]
    pub status: Spanned<Status>,
    /// The fact that replaces this one.
    #[serde(default)]
    pub superseded_by: Option<Spanned<String>>,
    /// Earlier ids of this fact; old links keep working.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// People or organisations the fact quotes or concerns.
    #[serde(default)]
    pub people: Vec<Spanned<String>>,
    /// US states the fact names, as postal codes (`["CA", "NY"]`), in the
    /// source's order; the fact then gets a map.
    #[serde(default)]
    pub states: Vec<Spanned<String>>,
}

fn default_status() -> Spanned<Status> {
    Spanned::new(0..0, Status::Reported)
}

/// `content/facts/TOPIC.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    /// A title for the topic ("The agreement"); default from the file name.
    #[serde(default)]
    pub title: Option<String>,
    /// Where the topic sorts in the fact index (lower first).
    #[serde(default)]
    pub weight: Option<i64>,
    /// The facts.
    #[serde(default)]
    pub fact: Vec<FactInput>,
}

/// A timeline event in `content/timeline.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    /// Stable id.
    pub id: Spanned<String>,
    /// Short title.
    pub title: String,
    /// A sentence or two (inline markdown).
    #[serde(default)]
    pub text: String,
    /// Date as precise as the source gives.
    #[serde(default)]
    pub date: Option<Spanned<DateInput>>,
    /// Must agree with `date` when both are given.
    #[serde(default)]
    pub precision: Option<Spanned<Precision>>,
    /// The source's words for when ("Monday", "in recent months").
    #[serde(default)]
    pub when: Option<String>,
    /// Facts the event rests on (at least one).
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
}

/// `content/timeline.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineFile {
    /// Events, in the order the sources give.
    #[serde(default)]
    pub event: Vec<EventInput>,
}

/// A lawsuit in `content/lawsuits.toml`. Every field but `id`, `title` and
/// `facts` may be left out: it is then shown as "not reported in our sources".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawsuitInput {
    /// Stable id.
    pub id: Spanned<String>,
    /// Our descriptive title ("Lawsuits by twenty states").
    pub title: String,
    /// The case name as filed.
    #[serde(default)]
    pub case_name: Option<String>,
    /// The court.
    #[serde(default)]
    pub court: Option<String>,
    /// Docket number.
    #[serde(default)]
    pub docket: Option<String>,
    /// When it was filed.
    #[serde(default)]
    pub filed: Option<Spanned<DateInput>>,
    /// Who sued.
    #[serde(default)]
    pub plaintiffs: Option<String>,
    /// Who was sued.
    #[serde(default)]
    pub defendants: Option<String>,
    /// The laws invoked.
    #[serde(default)]
    pub claims: Option<String>,
    /// Where it stands.
    #[serde(default)]
    pub status: Option<String>,
    /// The latest development.
    #[serde(default)]
    pub latest: Option<String>,
    /// Source records of court documents.
    #[serde(default)]
    pub documents: Vec<Spanned<String>>,
    /// Facts this record rests on.
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
}

/// `content/lawsuits.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawsuitFile {
    /// Lawsuits.
    #[serde(default)]
    pub lawsuit: Vec<LawsuitInput>,
}

/// Whether an entry is a person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    /// A person.
    Person,
    /// An agency, company or group.
    Organization,
}

/// A person or organisation in `content/people.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// Stable id.
    pub id: Spanned<String>,
    /// Name as the source gives it; for anonymous sources a description
    /// ("A CMS official, speaking anonymously").
    pub name: String,
    /// Role as the source gives it, at the time it gives.
    pub role: String,
    /// Person or organisation.
    #[serde(default = "default_kind")]
    pub kind: PersonKind,
    /// Other names readers search for ("Schiff", "Senator Schiff"): search
    /// finds the person by them, and records naming the person.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

fn default_kind() -> PersonKind {
    PersonKind::Person
}

/// `content/people.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleFile {
    /// People and organisations.
    #[serde(default)]
    pub person: Vec<PersonInput>,
}

/// A glossary term in `content/glossary.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermInput {
    /// Stable id.
    pub id: Spanned<String>,
    /// The term as readers meet it ("CMS").
    pub term: String,
    /// What it stands for ("Centers for Medicare and Medicaid Services").
    #[serde(default)]
    pub expansion: Option<String>,
    /// A plain, general definition.
    pub definition: String,
    /// Other words readers search for with the same meaning: abbreviations,
    /// everyday words, the name in another language ("immigration
    /// enforcement", "Servicio de Inmigración y Control de Aduanas"). Search
    /// finds the entry by them, and records using the term.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

/// `content/glossary.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    /// Terms.
    #[serde(default)]
    pub term: Vec<TermInput>,
}

/// Update or correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UpdateKind {
    /// New information.
    Update,
    /// Something we got wrong, put right.
    Correction,
}

/// Front matter of `content/updates/*.md`; the body says what changed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeta {
    /// What changed, in a few words (for feeds and lists); default: the
    /// first sentence of the text.
    #[serde(default)]
    pub title: Option<String>,
    /// When (with a time and offset, or a day).
    pub date: toml::value::Datetime,
    /// Update or correction.
    pub kind: UpdateKind,
    /// Facts it changed.
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
    /// Pages it changed, by content path (`articles/the-agreement.md`).
    #[serde(default)]
    pub pages: Vec<Spanned<String>>,
    /// Ids of facts it took off the site (no longer in `content/facts/`).
    #[serde(default)]
    pub removed: Vec<Spanned<String>>,
}

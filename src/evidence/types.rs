//! The checked evidence: what `Evidence::build` produces and the renderers read.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use crate::date::Date;
use crate::diagnostics::SourceFile;

use super::date::PartialDate;
use super::records::{LawsuitInput, PersonKind, SourceMeta, Status, UpdateKind};

/// A source record with its archived text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Stable id.
    pub id: String,
    /// Front matter.
    pub meta: SourceMeta,
    /// The record file.
    pub file: SourceFile,
    /// Where the text starts in the file.
    pub body_offset: usize,
    /// The document's date, if it gives one.
    pub date: Option<PartialDate>,
    /// When we archived it.
    pub archived: PartialDate,
    /// Quoted passages: byte range in the text, and the fact quoting it.
    pub quoted: Vec<(Range<usize>, usize)>,
}

impl Source {
    /// The archived text.
    pub fn text(&self) -> &str {
        &self.file.text[self.body_offset..]
    }
}

/// One verified citation.
#[derive(Debug, Clone)]
pub struct Citation {
    /// Index into `sources`.
    pub source: usize,
    /// The quote as written in the fact.
    pub quote: String,
    /// Where it is in the source's text.
    pub range: Range<usize>,
}

/// A group of facts: one `facts/TOPIC.toml` file.
#[derive(Debug, Clone)]
pub struct Topic {
    /// From the file name (`the-agreement`).
    pub slug: String,
    /// Display title.
    pub title: String,
    /// Order in the fact index.
    pub weight: i64,
}

/// A checked fact.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Stable id.
    pub id: String,
    /// Earlier ids.
    pub aliases: Vec<String>,
    /// One sentence, inline markdown.
    pub statement: String,
    /// Who says it.
    pub attribution: String,
    /// Index into `topics` (its file).
    pub topic: usize,
    /// Extra topic slugs.
    pub extra_topics: Vec<String>,
    /// Verified citations.
    pub citations: Vec<Citation>,
    /// Date, as precise as given.
    pub date: Option<PartialDate>,
    /// The source's words for when.
    pub when: Option<String>,
    /// Status.
    pub status: Status,
    /// Index of the fact that replaces it.
    pub superseded_by: Option<usize>,
    /// Facts it replaces.
    pub supersedes: Vec<usize>,
    /// Indices into `people`.
    pub people: Vec<usize>,
    /// States it names, as indices into [`super::states::STATES`], in its order.
    pub states: Vec<usize>,
    /// The file it is in, and the offset of its id, for diagnostics.
    pub place: (usize, usize),
    /// The date of the newest update or correction naming it.
    pub updated: Option<Date>,
}

/// A timeline event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text, inline markdown.
    pub text: String,
    /// Date, if the source gives one.
    pub date: Option<PartialDate>,
    /// The source's words for when.
    pub when: Option<String>,
    /// Facts it rests on.
    pub facts: Vec<usize>,
}

/// A lawsuit record. `None` fields are "not reported in our sources".
#[derive(Debug, Clone)]
pub struct Lawsuit {
    /// The record as written.
    pub input: LawsuitInput,
    /// Filing date.
    pub filed: Option<PartialDate>,
    /// Court documents (source indices).
    pub documents: Vec<usize>,
    /// Facts it rests on.
    pub facts: Vec<usize>,
}

/// A person or organisation.
#[derive(Debug, Clone)]
pub struct Person {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role as the source gives it.
    pub role: String,
    /// Person or organisation.
    pub kind: PersonKind,
    /// Other names readers search for.
    pub aliases: Vec<String>,
    /// Facts that quote or concern them.
    pub facts: Vec<usize>,
}

/// A glossary term.
#[derive(Debug, Clone)]
pub struct Term {
    /// Stable id.
    pub id: String,
    /// The term ("CMS").
    pub term: String,
    /// Expansion.
    pub expansion: Option<String>,
    /// Plain definition.
    pub definition: String,
    /// Other words readers search for with the same meaning.
    pub aliases: Vec<String>,
}

/// An update or correction.
#[derive(Debug, Clone)]
pub struct Update {
    /// From the file name.
    pub id: String,
    /// Its title, if the front matter gives one.
    pub title: Option<String>,
    /// Ids of facts it took off the site.
    pub removed: Vec<String>,
    /// When.
    pub date: Date,
    /// Update or correction.
    pub kind: UpdateKind,
    /// The file (its body is the markdown text).
    pub file: SourceFile,
    /// Where the body starts.
    pub body_offset: usize,
    /// Facts it changed.
    pub facts: Vec<usize>,
    /// Pages it changed (content paths), with their offsets for diagnostics.
    pub pages: Vec<Spanned<String>>,
}

/// Everything but the articles.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Sources, sorted by id.
    pub sources: Vec<Source>,
    /// Fact topics, by weight then slug.
    pub topics: Vec<Topic>,
    /// Facts, in topic order then file order.
    pub facts: Vec<Fact>,
    /// Timeline events, in the order given.
    pub events: Vec<Event>,
    /// Lawsuits, in the order given.
    pub lawsuits: Vec<Lawsuit>,
    /// People and organisations, in the order given.
    pub people: Vec<Person>,
    /// Glossary terms, sorted by term.
    pub terms: Vec<Term>,
    /// Updates, newest first.
    pub updates: Vec<Update>,
    /// Fact ids and aliases to fact indices.
    pub fact_ids: HashMap<String, usize>,
    /// The data files, for diagnostics (facts point into these).
    pub files: Vec<SourceFile>,
    /// The records in the site's other languages, by language.
    pub translations: std::collections::BTreeMap<String, Translation>,
}

/// A fact in another language.
#[derive(Debug, Clone, Default)]
pub struct FactText {
    /// The statement.
    pub statement: Option<String>,
    /// Who says it.
    pub attribution: Option<String>,
    /// The source's words for when, translated.
    pub when: Option<String>,
    /// Our translation of each citation's quote, in order.
    pub quotes: Vec<Option<String>>,
    /// The original's parts that changed since this was translated.
    pub stale: Vec<String>,
}

/// A timeline event in another language.
#[derive(Debug, Clone, Default)]
pub struct EventText {
    /// Title.
    pub title: Option<String>,
    /// Text.
    pub text: Option<String>,
    /// The source's words for when, translated.
    pub when: Option<String>,
    /// Parts of the original changed since.
    pub stale: Vec<String>,
}

/// A person or organisation in another language.
#[derive(Debug, Clone, Default)]
pub struct PersonText {
    /// Name (for an organisation, its name in that language).
    pub name: Option<String>,
    /// Role.
    pub role: Option<String>,
    /// Other names readers of that language search for (checked as the
    /// original's `aliases` are), added to the original's in its index.
    pub aliases: Vec<String>,
    /// Parts of the original changed since.
    pub stale: Vec<String>,
}

/// A glossary term in another language.
#[derive(Debug, Clone, Default)]
pub struct TermText {
    /// The word as articles in that language use it.
    pub term: Option<String>,
    /// What it stands for.
    pub expansion: Option<String>,
    /// Definition.
    pub definition: Option<String>,
    /// Other words readers of that language search for it by.
    pub aliases: Vec<String>,
    /// Parts of the original changed since.
    pub stale: Vec<String>,
}

/// A lawsuit in another language: its fields by name (`title`, `court`...).
#[derive(Debug, Clone, Default)]
pub struct LawsuitText {
    /// Field name to translated text.
    pub fields: BTreeMap<String, String>,
    /// Parts of the original changed since.
    pub stale: Vec<String>,
}

/// An update or correction in another language.
#[derive(Debug, Clone, Default)]
pub struct UpdateText {
    /// Title.
    pub title: Option<String>,
    /// The translation file (its body is the text, in markdown).
    pub file: Option<SourceFile>,
    /// Where the body starts.
    pub body_offset: usize,
    /// Parts of the original changed since.
    pub stale: Vec<String>,
}

/// A source's description in another language (never its text).
#[derive(Debug, Clone, Default)]
pub struct SourceText {
    /// Title (our description of the document).
    pub title: Option<String>,
    /// Publisher or kind of document.
    pub publisher: Option<String>,
    /// Whose reporting.
    pub reporting: Option<String>,
    /// Parts of the original changed since.
    pub stale: Vec<String>,
}

/// Every record in one language; each list is indexed like the
/// evidence's, `None` where the record has no translation.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    /// Facts.
    pub facts: Vec<Option<FactText>>,
    /// Topic titles.
    pub topics: Vec<Option<String>>,
    /// Events.
    pub events: Vec<Option<EventText>>,
    /// Lawsuits.
    pub lawsuits: Vec<Option<LawsuitText>>,
    /// People.
    pub people: Vec<Option<PersonText>>,
    /// Glossary terms.
    pub terms: Vec<Option<TermText>>,
    /// Updates.
    pub updates: Vec<Option<UpdateText>>,
    /// Sources.
    pub sources: Vec<Option<SourceText>>,
}

//! The checked evidence: what `Evidence::build` produces and the renderers read.

use std::collections::HashMap;
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
    pub translations: std::collections::BTreeMap<String, super::translations::Translation>,
}

//! Rendering the evidence: the fact index and fact pages, sources with their
//! quoted passages highlighted, the timeline, the lawsuit tracker, people,
//! the glossary and the updates log; and the citations and corrections
//! shown on articles.
//!
//! Evidence views own their strings (there are hundreds of records, not
//! thousands of pages, so borrowing buys nothing here).

use pulldown_cmark::{html, Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::evidence::{
    paths, EventText, Evidence, FactText, LawsuitText, PersonKind, PersonText, SourceText,
    TermText, Translation, UpdateKind, UpdateText,
};
use crate::model::Site;

use super::dates::{partial_date, DateView};
use super::strings::Strings;
use super::{PageInfo, Renderer, SectionBody};

mod pages;
pub mod runs;
mod source_text;
pub(crate) mod views;

pub use source_text::{citation_anchors, highlight_quotes, quote_anchor};
pub use views::*;

/// Markdown rendered inline (no `<p>`), for statements and short texts.
///
/// Fields of records are text with inline markdown, never raw HTML: HTML
/// in them is shown as the text it is, a link or image whose address has
/// an unsafe scheme (`javascript:`...) keeps only its text, and a heading
/// keeps its `{#id}` and `{.class}` but no other attribute (`{onclick=x}`
/// would be an event handler).
pub fn inline_html(md: &str, site: &Site) -> String {
    use crate::markdown::sanitize::unsafe_url;
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(md, crate::markdown::options(&site.config.markdown)).filter_map(
        |e| match e {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => Some(Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: Vec::new(),
            })),
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let unsafe_dest = unsafe_url(dest_url).is_some();
                dropped.push(unsafe_dest);
                (!unsafe_dest).then_some(e)
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                (!dropped.pop().unwrap_or(false)).then_some(e)
            }
            e => Some(e),
        },
    );
    let mut out = String::new();
    html::push_html(&mut out, events);
    out.trim_end().to_string()
}

/// Plain text with smart punctuation (curly quotes and apostrophes,
/// dashes) when the site asks for it; no markup. Templates escape it.
pub fn smart(text: &str, site: &Site) -> String {
    if !site.config.markdown.smart_punctuation {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for e in Parser::new_ext(text, pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    if out.is_empty() {
        text.to_string()
    } else {
        out
    }
}

/// The first sentence of `text` (plain text, markdown marks and all
/// whitespace runs as single spaces), at most about 120 characters, cut at
/// a word with "…".
pub fn first_sentence(text: &str) -> String {
    const MAX: usize = 120;
    let plain: String = {
        let mut out = String::new();
        for e in Parser::new(text) {
            match e {
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                    out.push(' ')
                }
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let end = plain
        .char_indices()
        .find(|&(i, c)| {
            let next = plain[i + c.len_utf8()..].strip_prefix(' ');
            matches!(c, '.' | '?' | '!')
                && plain[..i].chars().count() > 3
                // A sentence starts with a capital, a digit or an opening
                // quote ("U.S. citizen" goes on).
                && next
                    .and_then(|n| n.chars().next())
                    .is_some_and(|n| n.is_uppercase() || n.is_numeric() || "“\"'¿¡(".contains(n))
                && !(c == '.' && is_abbreviation(&plain[..i]))
        })
        .map_or(plain.len(), |(i, c)| i + c.len_utf8());
    shorten(&plain[..end], MAX)
}

/// Whether the word before a full stop at the end of `before` is an
/// abbreviation, not a sentence's end: letters with stops between them
/// ("U.S", "e.g"), a single capital ("H" of "Rujul H."), or a title that
/// comes before a name (Sen., Dr., Mr.; Sra., Dra.).
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    const TITLES: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Sgt", "St", "Jr", "Sr", "Sra",
        "Srta", "Dra", "Lic", "No", "vs",
    ];
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || TITLES.contains(&word)
}

/// `text` cut at a word to at most about `max` characters, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let at_word = text[..cut].rfind(' ').unwrap_or(cut);
    format!(
        "{}…",
        text[..at_word].trim_end_matches([',', ';', ':', ' '])
    )
}

/// One language's view of the evidence: its strings, its URL prefix and
/// the records' words in it (translated where a translation exists, the
/// original's, marked, where none does).
#[derive(Clone, Copy)]
pub struct Lang<'a> {
    /// Its code (`en`, `es`).
    pub code: &'a str,
    /// Its URL prefix (`""` for the site's own language, `/es`).
    pub prefix: &'a str,
    /// Its interface strings.
    pub strings: &'a Strings,
    /// The site's own language, the originals'.
    pub original: &'a str,
    tr: Option<&'a Translation>,
    ev: &'a Evidence,
}

/// Words of a record: the translation when there is one, else the
/// original's (then `lang` names the original's language).
pub(crate) struct Words<'a> {
    pub(crate) text: &'a str,
    pub(crate) translated: bool,
}

impl<'a> Lang<'a> {
    /// `path` in this language (`/facts/` becomes `/es/facts/`).
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// Whether this is the site's own language.
    pub fn is_original(&self) -> bool {
        self.code == self.original
    }

    /// The language of words shown untranslated, for `lang="..."`.
    pub(crate) fn lang_of(&self, translated: bool) -> Option<String> {
        (!translated).then(|| self.original.to_string())
    }

    pub(crate) fn pick<'b>(&self, translated: Option<&'b str>, original: &'b str) -> Words<'b> {
        match translated {
            Some(t) if !self.is_original() => Words {
                text: t,
                translated: true,
            },
            _ => Words {
                text: original,
                translated: self.is_original(),
            },
        }
    }

    pub(crate) fn fact(&self, i: usize) -> Option<&'a FactText> {
        self.tr?.facts.get(i)?.as_ref()
    }
    pub(crate) fn event(&self, i: usize) -> Option<&'a EventText> {
        self.tr?.events.get(i)?.as_ref()
    }
    pub(crate) fn person(&self, i: usize) -> Option<&'a PersonText> {
        self.tr?.people.get(i)?.as_ref()
    }
    pub(crate) fn term(&self, i: usize) -> Option<&'a TermText> {
        self.tr?.terms.get(i)?.as_ref()
    }
    pub(crate) fn lawsuit(&self, i: usize) -> Option<&'a LawsuitText> {
        self.tr?.lawsuits.get(i)?.as_ref()
    }
    pub(crate) fn update(&self, i: usize) -> Option<&'a UpdateText> {
        self.tr?.updates.get(i)?.as_ref()
    }
    pub(crate) fn source(&self, i: usize) -> Option<&'a SourceText> {
        self.tr?.sources.get(i)?.as_ref()
    }

    /// A fact's statement.
    pub(crate) fn statement(&self, i: usize) -> Words<'a> {
        self.pick(
            self.fact(i).and_then(|t| t.statement.as_deref()),
            &self.ev.facts[i].statement,
        )
    }

    /// A topic's title.
    pub(crate) fn topic_title(&self, ti: usize) -> &'a str {
        self.tr
            .and_then(|tr| tr.topics.get(ti)?.as_deref())
            .filter(|_| !self.is_original())
            .unwrap_or(&self.ev.topics[ti].title)
    }

    /// A person's name.
    pub(crate) fn person_name(&self, p: usize) -> &'a str {
        self.person(p)
            .and_then(|t| t.name.as_deref())
            .filter(|_| !self.is_original())
            .unwrap_or(&self.ev.people[p].name)
    }

    /// A source's title.
    pub(crate) fn source_title(&self, i: usize) -> &'a str {
        self.source(i)
            .and_then(|t| t.title.as_deref())
            .filter(|_| !self.is_original())
            .unwrap_or(&self.ev.sources[i].meta.title)
    }

    /// An event's title.
    pub(crate) fn event_title(&self, i: usize) -> &'a str {
        self.pick(
            self.event(i).and_then(|t| t.title.as_deref()),
            &self.ev.events[i].title,
        )
        .text
    }

    /// The language of a fact's statement, when it is not this one.
    pub(crate) fn fact_lang(&self, i: usize) -> Option<String> {
        self.lang_of(self.statement(i).translated)
    }

    /// The language of a topic's title, when it is not this one.
    pub(crate) fn topic_lang(&self, ti: usize) -> Option<String> {
        let has = self
            .tr
            .is_some_and(|tr| tr.topics.get(ti).is_some_and(Option::is_some));
        self.lang_of(self.is_original() || has)
    }

    /// The language of a person's name, when it is not this one (a
    /// translation that leaves the name out keeps it: a name is the same
    /// in both languages).
    pub(crate) fn person_lang(&self, p: usize) -> Option<String> {
        self.lang_of(self.is_original() || self.person(p).is_some())
    }

    /// The language of a source's title, when it is not this one.
    pub(crate) fn source_lang(&self, i: usize) -> Option<String> {
        self.lang_of(self.is_original() || self.source(i).is_some_and(|t| t.title.is_some()))
    }

    /// The language of an event's title, when it is not this one.
    pub(crate) fn event_lang(&self, i: usize) -> Option<String> {
        self.lang_of(self.is_original() || self.event(i).is_some_and(|t| t.title.is_some()))
    }

    /// The language of a lawsuit's title, when it is not this one.
    pub(crate) fn lawsuit_lang(&self, i: usize) -> Option<String> {
        self.lang_of(
            self.is_original()
                || self
                    .lawsuit(i)
                    .is_some_and(|t| t.fields.contains_key("title")),
        )
    }

    /// A lawsuit's title.
    pub(crate) fn lawsuit_title(&self, i: usize) -> &'a str {
        self.pick(
            self.lawsuit(i)
                .and_then(|t| t.fields.get("title").map(String::as_str)),
            &self.ev.lawsuits[i].input.title,
        )
        .text
    }
}

impl<'a> Renderer<'a> {
    fn ev(&self) -> &'a Evidence {
        &self.site.evidence
    }

    /// The evidence in language `code` (the site's own if unknown).
    pub fn lang(&self, code: &str) -> Lang<'_> {
        let code = self
            .strings
            .get_key_value(code)
            .map(|(k, _)| k.as_str())
            .unwrap_or(self.site.config.language.as_str());
        Lang {
            code,
            prefix: self.prefixes.get(code).map(String::as_str).unwrap_or(""),
            strings: &self.strings[code],
            original: &self.site.config.language,
            tr: self.site.evidence.translations.get(code),
            ev: &self.site.evidence,
        }
    }

    /// The view of fact `i` in language `l`, made once a build.
    pub fn fact_view(&self, l: &Lang<'_>, i: usize) -> FactView {
        self.fact_views(l)[i].clone()
    }

    /// The views of every fact in `l`, made the first time one is asked
    /// for (every page that cites a fact, and the evidence pages, share
    /// them: a view depends on the model and the language only).
    pub fn fact_views(&self, l: &Lang<'_>) -> &[FactView] {
        let make = || {
            (0..self.ev().facts.len())
                .map(|i| self.make_fact_view(l, i))
                .collect()
        };
        // `l.code` is a key of `strings` (see `lang`), as of `fact_views`.
        self.fact_views[l.code].get_or_init(make)
    }

    fn make_fact_view(&self, l: &Lang<'_>, i: usize) -> FactView {
        let ev = self.ev();
        let f = &ev.facts[i];
        let s = l.strings;
        let urls = self.urls();
        let topic = &ev.topics[f.topic];
        let link = |j: usize| FactLink {
            title: inline_html(l.statement(j).text, self.site),
            url: urls.url(&l.path(&paths::fact(&ev.facts[j].id))),
            lang: l.fact_lang(j),
        };
        let text = l.fact(i);
        let statement = l.statement(i);
        let attribution = l.pick(text.and_then(|t| t.attribution.as_deref()), &f.attribution);
        let when_words = l.pick(
            text.and_then(|t| t.when.as_deref()),
            f.when.as_deref().unwrap_or(""),
        );
        let when_words = (!when_words.text.is_empty()).then_some(when_words.text);
        FactView::new(FactFields {
            id: f.id.clone(),
            url: urls.url(&l.path(&paths::fact(&f.id))),
            index_url: format!("{}#{}", urls.url(&l.path(paths::FACTS)), f.id),
            permalink: urls.permalink(&l.path(&paths::fact(&f.id))),
            statement: inline_html(statement.text, self.site),
            title: shorten(&first_sentence(&smart(statement.text, self.site)), 70),
            attribution: smart(attribution.text, self.site),
            status: f.status.name(),
            status_label: s.get(&format!("status_{}", f.status.name())).to_string(),
            status_url: urls.url(&l.path(&paths::status(f.status.name()))),
            when: (f.date.is_some() || when_words.is_some())
                .then(|| when_view(f.date.as_ref(), when_words, s)),
            quotes: f
                .citations
                .iter()
                .zip(citation_anchors(f))
                .enumerate()
                .map(|(k, (c, anchor))| {
                    let src = &ev.sources[c.source];
                    QuoteView {
                        text: c.quote.clone(),
                        source: smart(l.source_title(c.source), self.site),
                        source_lang: l.source_lang(c.source),
                        url: format!("{}#{anchor}", urls.url(&l.path(&paths::source(&src.id)))),
                        source_url: urls.url(&l.path(&paths::source(&src.id))),
                        translation: text
                            .and_then(|t| t.quotes.get(k)?.clone())
                            .filter(|_| !l.is_original()),
                        lang: (!l.is_original()).then(|| l.original.to_string()),
                    }
                })
                .collect(),
            topic: FactLink {
                title: smart(l.topic_title(f.topic), self.site),
                url: urls.url(&l.path(&paths::topic(&topic.slug))),
                lang: l.topic_lang(f.topic),
            },
            topics: f
                .extra_topics
                .iter()
                .filter_map(|t| ev.topics.iter().position(|x| x.slug == *t))
                .map(|ti| FactLink {
                    title: smart(l.topic_title(ti), self.site),
                    url: urls.url(&l.path(&paths::topic(&ev.topics[ti].slug))),
                    lang: l.topic_lang(ti),
                })
                .collect(),
            superseded_by: f.superseded_by.map(link),
            supersedes: f.supersedes.iter().map(|&j| link(j)).collect(),
            people: f
                .people
                .iter()
                .map(|&p| FactLink {
                    title: smart(l.person_name(p), self.site),
                    url: urls.url(&l.path(&paths::person(&ev.people[p].id))),
                    lang: l.person_lang(p),
                })
                .collect(),
            aliases: f.aliases.clone(),
            updated: f.updated.as_ref().map(|d| DateView::new(d, s)),
            untranslated: !statement.translated,
            lang: l.lang_of(statement.translated),
            stale: text.is_some_and(|t| !t.stale.is_empty()),
            original_url: (!l.is_original()).then(|| urls.url(&paths::fact(&f.id))),
        })
    }

    /// Views of every fact in `l` and where each is cited on the pages of
    /// that language.
    pub fn evidence_views(
        &self,
        l: &Lang<'_>,
        infos: &[PageInfo],
        bodies: &[SectionBody],
    ) -> EvidenceViews {
        let ev = self.ev();
        let s = l.strings;
        let urls = self.urls();
        let mut backlinks: Vec<Vec<Backlink>> = vec![Vec::new(); ev.facts.len()];
        // (fact, url) already linked: a fact cited by every page is checked
        // in a set, not against its list of backlinks.
        let mut linked: std::collections::HashSet<(usize, String)> = Default::default();
        let mut add = |id: &str, kind: &str, title: &str, url: String, lang: Option<String>| {
            if let Some(i) = ev.fact(id) {
                if linked.insert((i, url.clone())) {
                    backlinks[i].push(Backlink {
                        kind: s.get(kind).to_string(),
                        title: title.to_string(),
                        url,
                        lang,
                    });
                }
            }
        };
        for (sec, body) in self.site.sections.iter().zip(bodies) {
            if sec.lang == l.code {
                for id in &body.info.cited {
                    let lang = l.lang_of(l.is_original() || !sec.fallback);
                    add(id, "kind_page", &sec.meta.title, urls.url(&sec.path), lang);
                }
            }
        }
        for (p, info) in self.site.pages.iter().zip(infos) {
            if p.lang == l.code {
                for id in &info.cited {
                    let lang = l.lang_of(l.is_original() || !p.fallback);
                    add(id, "kind_page", &p.meta.title, urls.url(&p.path), lang);
                }
            }
        }
        for (ei, e) in ev.events.iter().enumerate() {
            for &f in &e.facts {
                add(
                    &ev.facts[f].id,
                    "kind_event",
                    l.event_title(ei),
                    urls.url(&l.path(&paths::event(&e.id))),
                    l.event_lang(ei),
                );
            }
        }
        for (li, lw) in ev.lawsuits.iter().enumerate() {
            for &f in &lw.facts {
                add(
                    &ev.facts[f].id,
                    "kind_lawsuit",
                    l.lawsuit_title(li),
                    urls.url(&l.path(&paths::lawsuit(lw.input.id.get_ref()))),
                    l.lawsuit_lang(li),
                );
            }
        }
        for u in &ev.updates {
            for &f in &u.facts {
                let title = format!(
                    "{} {}",
                    s.get(kind_key(u.kind)),
                    DateView::new(&u.date, s).display
                );
                add(
                    &ev.facts[f].id,
                    "kind_update",
                    &title,
                    urls.url(&l.path(&paths::update(&u.id))),
                    None,
                );
            }
        }
        EvidenceViews {
            facts: self.fact_views(l).to_vec(),
            backlinks,
        }
    }

    /// The citations at the end of a page in `l`: its cited facts, numbered.
    pub fn citations(&self, l: &Lang<'_>, cited: &[String]) -> Vec<FactView> {
        cited
            .iter()
            .enumerate()
            .filter_map(|(n, id)| {
                let i = self.ev().fact(id)?;
                Some(self.fact_views(l)[i].numbered(n + 1))
            })
            .collect()
    }

    /// Updates and corrections that name the page at content path `rel`
    /// (the original's, for a translation), in `l`.
    pub fn updates_for(&self, l: &Lang<'_>, rel: &str) -> Vec<UpdateView> {
        self.ev()
            .updates
            .iter()
            .enumerate()
            .filter(|(_, u)| u.pages.iter().any(|p| p.get_ref() == rel))
            .map(|(i, _)| self.update_view(l, i))
            .collect()
    }

    /// The history of fact `i` from git (see [`crate::history::steps`]).
    pub fn fact_history(&self, l: &Lang<'_>, i: usize) -> Option<Vec<HistoryEntry>> {
        let s = l.strings;
        let tz = self.site.config.time_zone();
        let steps = crate::history::steps(self.site, i)?;
        Some(
            steps
                .into_iter()
                .map(|step| HistoryEntry {
                    kind: step.kind,
                    date: DateView::new(
                        &crate::date::Date {
                            zoned: step.at.to_zoned(tz.clone()),
                            has_time: false,
                        },
                        s,
                    ),
                    changes: step
                        .changes
                        .iter()
                        .map(|c| ChangeView {
                            field: c.field,
                            label: s.get(&format!("field_{}", c.field)).to_string(),
                            was: smart(&c.was, self.site),
                            now: smart(&c.now, self.site),
                        })
                        .collect(),
                    update: step.update.map(|u| {
                        let v = self.update_view(l, u);
                        UpdateLink {
                            kind: v.kind,
                            kind_label: v.kind_label,
                            title: v.title,
                            url: v.url,
                            id: v.id,
                        }
                    }),
                })
                .collect(),
        )
    }

    /// The events in runs that share what the sources say about their time:
    /// the same date, the same words ("Monday"), or no date at all. Runs
    /// keep the order of `timeline.toml`.
    pub fn event_groups(&self, l: &Lang<'_>, events: &[EventView]) -> Vec<EventGroup> {
        let s = l.strings;
        let mut groups: Vec<EventGroup> = Vec::new();
        for (i, (e, view)) in self.ev().events.iter().zip(events).enumerate() {
            let when = l.pick(
                l.event(i).and_then(|t| t.when.as_deref()),
                e.when.as_deref().unwrap_or(""),
            );
            let (label, known) = match (&e.date, when.text) {
                (Some(d), _) => (partial_date(d, s), true),
                (None, w) if !w.is_empty() => (format!("“{}”", smart(w, self.site)), false),
                (None, _) => (s.get("date_not_reported").to_string(), false),
            };
            match groups.last_mut() {
                Some(g) if g.label == label => g.events.push(view.clone()),
                _ => groups.push(EventGroup {
                    label,
                    known,
                    iso: e.date.as_ref().map(|d| d.iso()),
                    events: vec![view.clone()],
                }),
            }
        }
        groups
    }

    /// What is wrong in the updates' bodies and their translations
    /// (broken links, refused raw HTML...): their markdown is checked as a
    /// page's is.
    pub fn update_problems(&self) -> Vec<Diagnostic> {
        let ev = self.ev();
        let mut bodies: Vec<(&str, &crate::diagnostics::SourceFile, usize)> = ev
            .updates
            .iter()
            .map(|u| (self.site.config.language.as_str(), &u.file, u.body_offset))
            .collect();
        for (lang, tr) in &ev.translations {
            for u in tr.updates.iter().flatten() {
                if let Some(f) = &u.file {
                    bodies.push((lang.as_str(), f, u.body_offset));
                }
            }
        }
        bodies
            .par_iter()
            .flat_map_iter(|(lang, file, offset)| {
                super::markdown_of(self.resolver(lang), file, *offset).1
            })
            .collect()
    }

    /// The view of update `i` in `l`.
    pub fn update_view(&self, l: &Lang<'_>, i: usize) -> UpdateView {
        let ev = self.ev();
        let u = &ev.updates[i];
        let s = l.strings;
        let urls = self.urls();
        let text = l.update(i).filter(|_| !l.is_original());
        let translated_body = text.and_then(|t| Some((t.file.as_ref()?, t.body_offset)));
        let (file, offset) = translated_body.unwrap_or((&u.file, u.body_offset));
        let resolver = match translated_body {
            Some(_) => self.resolver(l.code),
            // The original's words, and links as the original has them.
            None => self.resolver(l.code),
        };
        let (md, _) = super::markdown_of(resolver, file, offset);
        let title = text.and_then(|t| t.title.as_deref()).or(u
            .title
            .as_deref()
            .filter(|_| l.is_original() || translated_body.is_none()));
        UpdateView {
            id: u.id.clone(),
            url: urls.url(&l.path(&paths::update(&u.id))),
            date: DateView::new(&u.date, s),
            kind: match u.kind {
                UpdateKind::Update => "update",
                UpdateKind::Correction => "correction",
            },
            kind_label: s.get(kind_key(u.kind)).to_string(),
            title: match title {
                Some(t) => smart(t, self.site),
                None => first_sentence(&smart(&file.text[offset..], self.site)),
            },
            text: md.html,
            facts: u
                .facts
                .iter()
                .map(|&f| FactLink {
                    title: inline_html(l.statement(f).text, self.site),
                    url: urls.url(&l.path(&paths::fact(&ev.facts[f].id))),
                    lang: l.fact_lang(f),
                })
                .collect(),
            pages: u
                .pages
                .iter()
                .filter_map(|p| {
                    let rel = match l.is_original() {
                        true => p.get_ref().clone(),
                        false => crate::model::lang_rel(p.get_ref(), l.code),
                    };
                    let t = *self
                        .site
                        .lookup
                        .get(&rel)
                        .or_else(|| self.site.lookup.get(p.get_ref()))?;
                    let (title, fallback) = match t {
                        crate::model::Target::Page(i) => {
                            let p = &self.site.pages[i];
                            (p.meta.title.clone(), p.fallback)
                        }
                        crate::model::Target::Section(i) => {
                            let s = &self.site.sections[i];
                            (s.meta.title.clone(), s.fallback)
                        }
                    };
                    Some(FactLink {
                        title,
                        url: urls.url(self.site.path_of(t)),
                        lang: l.lang_of(l.is_original() || !fallback),
                    })
                })
                .collect(),
            lang: l.lang_of(l.is_original() || translated_body.is_some()),
            stale: text.is_some_and(|t| !t.stale.is_empty()),
        }
    }
}

fn kind_key(kind: UpdateKind) -> &'static str {
    match kind {
        UpdateKind::Update => "update",
        UpdateKind::Correction => "correction",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::diagnostics::SourceFile;

    #[test]
    fn an_updates_title_is_its_first_whole_sentence() {
        // Abbreviations and initials do not end it.
        assert_eq!(
            first_sentence("It said a person who is not a U.S. citizen. In law it means more."),
            "It said a person who is not a U.S. citizen."
        );
        assert_eq!(
            first_sentence("CMS chief legal officer Rujul H. Desai objected. Later more."),
            "CMS chief legal officer Rujul H. Desai objected."
        );
        assert_eq!(
            first_sentence("Sen. Adam Schiff wrote a letter. It asks for answers."),
            "Sen. Adam Schiff wrote a letter."
        );
        // A question, a Spanish sentence after it, and a sentence with no end.
        assert_eq!(first_sentence("Is it legal? ¿Es legal?"), "Is it legal?");
        assert_eq!(first_sentence("No full stop at all"), "No full stop at all");
    }

    fn site() -> Site {
        let file = SourceFile::new(
            "casefile.toml",
            "title = \"T\"\nbase_url = \"https://example.org\"\n".to_string(),
        );
        let config = Config::parse(&file).expect("valid");
        Site::build(config, Vec::new(), false).0
    }

    #[test]
    fn fields_keep_no_heading_attribute_but_id_and_class() {
        // Found by the markdown fuzz target: heading attributes passed
        // through, so a statement could carry an event handler.
        let html = inline_html("# Title {#top .big lang=es onclick=alert(1)}", &site());
        assert_eq!(html, "<h1 id=\"top\" class=\"big\">Title</h1>");
        let html = inline_html("<b onclick=x>bold</b> [x](javascript:y) *em*", &site());
        assert_eq!(html, "&lt;b onclick=x&gt;bold&lt;/b&gt; x <em>em</em>");
    }
}

//! The records search finds, how they are grouped, and their result files.
//!
//! A **record** is one result: a fact, a part of an article (from one
//! heading to the next, or the part before the first heading), a timeline
//! event, a lawsuit, a person or organisation, a glossary term. Records
//! come in **groups**: all parts of one page form a group, evidence records
//! are grouped [`GROUP`] at a time by kind. A group's result file,
//! `d/ID.json`, holds what a result shows of each of its records:
//! `[title, url, text, context]`, where `context` is the page a part
//! belongs to, a fact's status, an event's date, and so on.
//!
//! With `[search] snippets = "pages"` (and `auto` on a large site) a page's
//! result file holds no copy of its text: `{"u": url, "t": title, "r":
//! [[part title, anchor], ...]}` (the first part's title, the page's own,
//! left empty; the anchor left out where it is [`plain_anchor`] of the
//! title), and the browser takes each part's text from the published page
//! when it shows the result. A part whose snippet is not the page's text
//! (the description, for a page with nothing before its first heading; or
//! nothing at all) keeps it as a third item.
//!
//! Group ids are fixed before rendering starts, so that each render worker
//! can write its page's result file at once: evidence groups first (facts,
//! then events, lawsuits, people, terms), then one per page in model order,
//! then one per section body. Equal scores are ranked by record order, so
//! evidence comes first on a tie.

use serde::Serialize;

use super::digest::{Digest, DigestBuilder, Lexicon, Piece};
use super::encoding::Fnv;
use super::text::Language;
use crate::evidence::{paths, Evidence, PersonKind};
use crate::markdown::SectionText;
use crate::model::Site;

/// Evidence records per group.
pub const GROUP: usize = 8;

/// A result's text is cut after about this many characters.
pub const MAX_TEXT: usize = 1500;

/// What a record is. The key names the kind in the index and in the
/// search page's strings (`search_kind_KEY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A fact.
    Fact,
    /// A timeline event.
    Event,
    /// A lawsuit.
    Lawsuit,
    /// A person or organisation.
    Person,
    /// A glossary term.
    Term,
    /// A part of an article or section page.
    Page,
}

impl Kind {
    /// Every kind, in group order.
    pub const ALL: [Kind; 6] = [
        Kind::Fact,
        Kind::Event,
        Kind::Lawsuit,
        Kind::Person,
        Kind::Term,
        Kind::Page,
    ];

    /// Its key.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Fact => "fact",
            Kind::Event => "event",
            Kind::Lawsuit => "lawsuit",
            Kind::Person => "person",
            Kind::Term => "term",
            Kind::Page => "page",
        }
    }
}

/// What a result shows of a record.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Shown {
    /// Title, statement, name or term.
    pub title: String,
    /// Root-relative URL, with the anchor.
    pub url: String,
    /// Text for the snippet; `None`: the page's own text, which the
    /// browser takes from the published page (`snippets = "pages"`).
    pub text: Option<String>,
    /// Where it belongs or what state it is in.
    pub context: String,
}

/// A record: what it shows and what is indexed.
#[derive(Debug, Clone)]
pub struct Record {
    /// What the result shows.
    pub shown: Shown,
    /// Indexed as title (ranked higher).
    pub title: Vec<String>,
    /// Indexed as body.
    pub body: Vec<String>,
    /// Topic names.
    pub topics: Vec<String>,
    /// Status key (facts).
    pub status: Option<&'static str>,
}

/// `text` with runs of whitespace collapsed to one space, cut after about
/// `max` characters at a space (then ending in `…`).
pub fn shown_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 2));
    let mut chars = 0usize;
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        let n = if w.is_ascii() {
            w.len()
        } else {
            w.chars().count()
        };
        if chars + n > max {
            if out.is_empty() {
                return cut(w, max);
            }
            out.pop();
            out.push('…');
            return out;
        }
        out.push_str(w);
        chars += n;
    }
    out
}

/// Cuts `text` after about `max` characters, at a space.
pub fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.len() <= max {
        return text.to_string();
    }
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            let head = head.rsplit_once(' ').map_or(head, |(h, _)| h);
            format!("{}…", head.trim_end())
        }
    }
}

/// A group's result file and its digest.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The words.
    pub digest: Digest,
    /// The result file, until it is written.
    pub file: Option<Vec<u8>>,
    /// Where the result file goes in the output.
    pub path: String,
    /// A hash of the result file (part of the index version).
    pub hash: u64,
    /// Time spent digesting, in nanoseconds (for `--timings`).
    pub nanos: u64,
}

/// Digests `records` and writes their result file: rows of what each
/// shows, or, for the parts of the page at `page` (its URL and title) when
/// their text is taken from it, the page's short form.
pub fn group(lex: &Lexicon, records: &[Record], page: Option<(&str, &str)>) -> Written {
    let mut b = DigestBuilder::new(lex);
    for r in records {
        let pieces: Vec<Piece<'_>> = r
            .title
            .iter()
            .map(|t| Piece::title(t))
            .chain(r.body.iter().map(|t| Piece::body(t)))
            .collect();
        b.doc(&pieces);
    }
    let shown: Vec<&Shown> = records.iter().map(|r| &r.shown).collect();
    let file = match page {
        Some((url, title)) => page_result_file(url, title, &shown),
        None => result_file(&shown),
    };
    let mut h = Fnv::default();
    h.write(&file);
    Written {
        digest: b.finish(),
        file: Some(file),
        path: String::new(),
        hash: h.0,
        nanos: 0,
    }
}

/// The result file: a JSON array of `[title, url, text, context]` (text
/// `null` where the browser takes it from the page).
pub fn result_file(shown: &[&Shown]) -> Vec<u8> {
    let rows: Vec<(&str, &str, Option<&str>, &str)> = shown
        .iter()
        .map(|s| (&s.title[..], &s.url[..], s.text.as_deref(), &s.context[..]))
        .collect();
    serde_json::to_vec(&rows).unwrap_or_else(|_| b"[]".to_vec())
}

/// The result file of the parts of the page at `url`, titled `title`, in
/// its short form (see the module's documentation): no URL or context
/// repeated, no copy of the text the page holds.
pub fn page_result_file(url: &str, title: &str, shown: &[&Shown]) -> Vec<u8> {
    #[derive(Serialize)]
    struct File<'a> {
        u: &'a str,
        t: &'a str,
        r: Vec<Vec<&'a str>>,
    }
    let r = shown
        .iter()
        .map(|s| {
            let anchor = s
                .url
                .strip_prefix(url)
                .and_then(|a| a.strip_prefix('#'))
                .unwrap_or_default();
            let name = if anchor.is_empty() && s.title == title {
                ""
            } else {
                &s.title
            };
            let mut row = vec![name];
            if s.text.is_some() || plain_anchor(name).as_deref() != Some(anchor) {
                row.push(anchor);
            }
            row.extend(s.text.as_deref());
            row
        })
        .collect();
    serde_json::to_vec(&File {
        u: url,
        t: title,
        r,
    })
    .unwrap_or_else(|_| b"[]".to_vec())
}

/// The anchor `search.js` reads into a page's short result file for a part
/// that has none written (`plainAnchor`): for an ASCII title, its runs of
/// letters and digits, lowercased, joined by hyphens. Most headings' ids
/// are this (written out where not: another language, a repeated heading,
/// an id set by hand).
pub fn plain_anchor(title: &str) -> Option<String> {
    title.is_ascii().then(|| {
        title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-")
    })
}

/// The records of a page or section body: one per part. With `from_page`,
/// a part's text is left for the browser to take from the page (see
/// [`Shown::text`]) wherever the page holds it.
pub fn page_records(
    title: &str,
    description: Option<&str>,
    url: &str,
    sections: Vec<SectionText>,
    from_page: bool,
) -> Vec<Record> {
    sections
        .into_iter()
        .filter(|s| s.id.is_empty() || !s.title.is_empty() || !s.text.is_empty())
        .map(|s| {
            let intro = s.id.is_empty();
            let (text_shown, on_page) = match description {
                Some(d) if intro && s.text.trim().is_empty() => (d, false),
                _ => (&s.text[..], !s.text.trim().is_empty()),
            };
            let shown = Shown {
                title: if intro { title } else { &s.title }.to_string(),
                url: if intro {
                    url.to_string()
                } else {
                    format!("{url}#{}", s.id)
                },
                // Already one space between words (markdown::section_texts).
                text: (!(from_page && on_page)).then(|| cut(text_shown, MAX_TEXT)),
                context: if intro {
                    String::new()
                } else {
                    title.to_string()
                },
            };
            let mut body = Vec::with_capacity(2);
            if intro {
                body.extend(description.map(str::to_string));
            }
            body.push(s.text);
            Record {
                shown,
                title: vec![if intro { title.to_string() } else { s.title }],
                body,
                topics: Vec::new(),
                status: None,
            }
        })
        .collect()
}

/// How many groups the evidence takes: they come before the pages'.
pub fn evidence_groups(ev: &Evidence) -> usize {
    [
        ev.facts.len(),
        ev.events.len(),
        ev.lawsuits.len(),
        ev.people.len(),
        ev.terms.len(),
    ]
    .iter()
    .map(|n| n.div_ceil(GROUP))
    .sum()
}

/// The group of page `pi`.
pub fn page_group(site: &Site, pi: usize) -> u32 {
    (evidence_groups(&site.evidence) + pi) as u32
}

/// The group of section `si`'s body.
pub fn section_group(site: &Site, si: usize) -> u32 {
    (evidence_groups(&site.evidence) + site.pages.len() + si) as u32
}

/// Turns evidence text into what search shows and indexes (plain text,
/// with the site's punctuation).
pub trait Plain {
    /// Plain text of inline markdown.
    fn plain(&self, md: &str) -> String;
    /// An interface string.
    fn string(&self, key: &str) -> String;
    /// A root-relative URL of a site path.
    fn url(&self, path: &str) -> String;
    /// A date in words.
    fn date(&self, d: &crate::evidence::PartialDate) -> String;
    /// The same in language `lang`: its strings, dates and URL prefix.
    fn in_language(&self, lang: &str) -> Box<dyn Plain + '_>;
}

/// Every evidence record, grouped by kind in group order.
pub fn evidence_records(ev: &Evidence, p: &dyn Plain) -> Vec<(Kind, Vec<Record>)> {
    let facts = ev
        .facts
        .iter()
        .map(|f| {
            let statement = p.plain(&f.statement);
            let attribution = p.plain(&f.attribution);
            let quotes: Vec<String> = f.citations.iter().map(|c| p.plain(&c.quote)).collect();
            let mut topics = vec![p.plain(&ev.topics[f.topic].title)];
            topics.extend(
                f.extra_topics
                    .iter()
                    .filter_map(|t| ev.topics.iter().find(|x| x.slug == *t))
                    .map(|t| p.plain(&t.title)),
            );
            let status_label = p.string(&format!("status_{}", f.status.name()));
            let mut text = attribution.clone();
            for q in &quotes {
                text.push_str(&format!(" “{q}”"));
            }
            let mut body = vec![attribution];
            body.extend(quotes);
            body.extend(topics.iter().cloned());
            body.extend(f.people.iter().map(|&i| p.plain(&ev.people[i].name)));
            body.push(status_label.clone());
            Record {
                shown: Shown {
                    title: statement.clone(),
                    url: p.url(&paths::fact(&f.id)),
                    text: Some(shown_text(&text, MAX_TEXT)),
                    context: status_label,
                },
                title: vec![statement],
                body,
                topics,
                status: Some(f.status.name()),
            }
        })
        .collect();
    let events = ev
        .events
        .iter()
        .map(|e| {
            let title = p.plain(&e.title);
            let text = p.plain(&e.text);
            let when = match (&e.date, &e.when) {
                (Some(d), _) => p.date(d),
                (None, Some(w)) => p.plain(w),
                (None, None) => String::new(),
            };
            Record {
                shown: Shown {
                    title: title.clone(),
                    url: p.url(&paths::event(&e.id)),
                    text: Some(shown_text(&text, MAX_TEXT)),
                    context: when,
                },
                title: vec![title],
                body: vec![text],
                topics: Vec::new(),
                status: None,
            }
        })
        .collect();
    let lawsuits = ev
        .lawsuits
        .iter()
        .map(|l| {
            let i = &l.input;
            let title = p.plain(&i.title);
            let fields: Vec<String> = [
                &i.case_name,
                &i.court,
                &i.docket,
                &i.plaintiffs,
                &i.defendants,
                &i.claims,
                &i.latest,
            ]
            .into_iter()
            .flatten()
            .map(|x| p.plain(x))
            .collect();
            let status = i.status.as_deref().map(|x| p.plain(x)).unwrap_or_default();
            let mut body = fields.clone();
            body.push(status.clone());
            Record {
                shown: Shown {
                    title: title.clone(),
                    url: p.url(&paths::lawsuit(i.id.get_ref())),
                    text: Some(shown_text(&fields.join(" · "), MAX_TEXT)),
                    context: status,
                },
                title: vec![title],
                body,
                topics: Vec::new(),
                status: None,
            }
        })
        .collect();
    let people = ev
        .people
        .iter()
        .map(|x| {
            let name = p.plain(&x.name);
            let role = p.plain(&x.role);
            let mut title = vec![name.clone()];
            title.extend(x.aliases.iter().map(|a| p.plain(a)));
            Record {
                shown: Shown {
                    title: name.clone(),
                    url: p.url(&paths::person(&x.id)),
                    text: Some(role.clone()),
                    context: p.string(match x.kind {
                        PersonKind::Person => "person",
                        PersonKind::Organization => "organization",
                    }),
                },
                title,
                body: vec![role],
                topics: Vec::new(),
                status: None,
            }
        })
        .collect();
    let terms = ev
        .terms
        .iter()
        .map(|t| {
            let expansion = t.expansion.as_deref().map(|x| p.plain(x));
            let definition = p.plain(&t.definition);
            let mut title = vec![t.term.clone()];
            title.extend(expansion.clone());
            title.extend(t.aliases.iter().map(|a| p.plain(a)));
            Record {
                shown: Shown {
                    title: t.term.clone(),
                    url: p.url(&paths::term(&t.id)),
                    text: Some(shown_text(&definition, MAX_TEXT)),
                    context: expansion.unwrap_or_default(),
                },
                title,
                body: vec![definition],
                topics: Vec::new(),
                status: None,
            }
        })
        .collect();
    vec![
        (Kind::Fact, facts),
        (Kind::Event, events),
        (Kind::Lawsuit, lawsuits),
        (Kind::Person, people),
        (Kind::Term, terms),
    ]
}

/// The site's `[search] synonyms` as `search.js` looks them up: keys as
/// [`Language::phrase_key`] makes them, what they also find as
/// [`Language::phrase`] folds it. (Glossary terms and people find each other
/// by their names through the index's name groups, see [`names_of`].)
pub fn synonyms(
    configured: &std::collections::BTreeMap<String, Vec<String>>,
    lang: &Language,
) -> std::collections::BTreeMap<String, Vec<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (key, values) in configured {
        let k = lang.phrase_key(key);
        for v in values {
            let to = lang.phrase(v);
            if !k.is_empty() && !to.is_empty() && k != lang.phrase_key(&to) {
                out.entry(k.clone()).or_default().insert(to);
            }
        }
    }
    out.into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect()
}

/// Every name each glossary term and person goes by, with its record:
/// `((kind, index in its kind), names)`.
pub fn names_of(ev: &Evidence, p: &dyn Plain) -> Vec<((Kind, usize), Vec<String>)> {
    let people = ev.people.iter().enumerate().map(|(i, x)| {
        let mut names = vec![p.plain(&x.name)];
        names.extend(x.aliases.iter().map(|a| p.plain(a)));
        ((Kind::Person, i), names)
    });
    let terms = ev.terms.iter().enumerate().map(|(i, t)| {
        let mut names = vec![t.term.clone()];
        names.extend(t.expansion.as_deref().map(|x| p.plain(x)));
        names.extend(t.aliases.iter().map(|a| p.plain(a)));
        ((Kind::Term, i), names)
    });
    people.chain(terms).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: &str, title: &str, text: &str) -> SectionText {
        SectionText {
            id: id.into(),
            title: title.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_page_is_one_record_per_part_with_its_anchor() {
        let recs = page_records(
            "Objections inside CMS",
            Some("How legal officers objected."),
            "/articles/inside-cms/",
            vec![
                section("", "", "The agreement gives ICE access."),
                section(
                    "hold-dhs-access",
                    "“Hold DHS Access — URGENT”",
                    "An internal message.",
                ),
            ],
            false,
        );
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].shown.url, "/articles/inside-cms/");
        assert_eq!(recs[0].shown.title, "Objections inside CMS");
        assert_eq!(recs[0].body[0], "How legal officers objected.");
        assert_eq!(recs[1].shown.url, "/articles/inside-cms/#hold-dhs-access");
        assert_eq!(recs[1].shown.context, "Objections inside CMS");
        assert_eq!(recs[1].title, ["“Hold DHS Access — URGENT”"]);
    }

    #[test]
    fn plain_anchors_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            plain_anchor("Who signed it?").as_deref(),
            Some("who-signed-it")
        );
        assert_eq!(
            plain_anchor("  HIPAA & the 2026 rules ").as_deref(),
            Some("hipaa-the-2026-rules")
        );
        assert_eq!(plain_anchor("").as_deref(), Some(""));
        assert_eq!(plain_anchor("¿Qué es?"), None);
    }

    #[test]
    fn shown_text_is_squashed_and_cut_at_a_space() {
        assert_eq!(shown_text("  a\n\n b  c ", 100), "a b c");
        let t = "word ".repeat(400);
        let c = shown_text(&t, 20);
        assert_eq!(c, "word word word word…");
        assert_eq!(shown_text(&"x".repeat(30), 10), "xxxxxxxxxx…");
    }

    #[test]
    fn long_text_is_cut_at_a_space() {
        let t = "word ".repeat(400);
        let c = cut(&t, 20);
        assert!(c.ends_with('…'));
        assert!(c.chars().count() <= 21);
        assert!(!c.contains("wo…"));
        assert_eq!(cut("short", 20), "short");
    }

    #[test]
    fn result_file_is_json_rows() {
        let s = Shown {
            title: "T <b>".into(),
            url: "/a/#x".into(),
            text: Some("Te\"xt".into()),
            context: String::new(),
        };
        let f = String::from_utf8(result_file(&[&s])).unwrap();
        assert_eq!(f, r#"[["T <b>","/a/#x","Te\"xt",""]]"#);
    }

    #[test]
    fn snippets_from_pages_leave_the_pages_text_out_of_the_result_file() {
        let parts = || {
            vec![
                section("", "", ""),
                section(
                    "why-it-matters",
                    "Why it matters",
                    "The agreement gives ICE access.",
                ),
                section("why-it-matters-1", "Why it matters", "Again."),
                section("qué-es", "¿Qué es?", "Un acuerdo."),
                section("empty", "An empty part", ""),
            ]
        };
        let url = "/articles/a/";
        let recs = page_records("A page", Some("What it is."), url, parts(), true);
        // The description stands in for an empty first part: it is not on
        // the page's body, so it stays; the second part's text is the page's.
        assert_eq!(recs[0].shown.text.as_deref(), Some("What it is."));
        assert_eq!(recs[1].shown.text, None);
        assert_eq!(recs[4].shown.text.as_deref(), Some(""));
        // Its words are indexed all the same.
        assert_eq!(recs[1].body, ["The agreement gives ICE access."]);
        let shown: Vec<&Shown> = recs.iter().map(|r| &r.shown).collect();
        let f = String::from_utf8(page_result_file(url, "A page", &shown)).unwrap();
        assert_eq!(
            f,
            r#"{"u":"/articles/a/","t":"A page","r":[["","","What it is."],["Why it matters"],["Why it matters","why-it-matters-1"],["¿Qué es?","qué-es"],["An empty part","empty",""]]}"#
        );
        assert!(!f.contains("ICE access"));
        // Without, every part keeps its text.
        let recs = page_records("A page", Some("What it is."), url, parts(), false);
        assert_eq!(
            recs[1].shown.text.as_deref(),
            Some("The agreement gives ICE access.")
        );
    }
}

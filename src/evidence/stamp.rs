//! Which version of the original a translation translates.
//!
//! A translation (a page `x.es.md`, or a record in `facts/x.es.toml`...)
//! carries `translates = "title=3f2a9c1b body=77a0c2d4"`: for each part of
//! the original it translates, a short hash of that part's words as they
//! were when it was translated. `casefile translated PATH` writes it. When
//! the original changes afterwards, the hashes no longer match: the build
//! warns, naming both files and the parts that changed, and the translated
//! page tells its readers that the original has changed since.
//!
//! A hash is of the words, not the bytes: spacing, curly versus straight
//! quote marks and dash variants are folded first, as quotes are matched,
//! so reflowing a paragraph does not make a translation out of date.

use super::quote::Folded;
use super::types::{Event, Fact, Lawsuit, Person, Source, Term, Update};

/// The stamp of `parts` (name, text), in their order: `name=hash ...`.
/// Parts that are empty are left out, so adding an optional field to the
/// original counts as a change and removing one too.
pub fn stamp(parts: &[(&str, &str)]) -> String {
    parts
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(name, text)| format!("{name}={}", hash(text)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names of the parts whose words changed since `recorded` (a stamp):
/// changed, added or removed.
pub fn changed(recorded: &str, parts: &[(&str, &str)]) -> Vec<String> {
    let old: Vec<(&str, &str)> = recorded
        .split_whitespace()
        .filter_map(|p| p.split_once('='))
        .collect();
    let now = stamp(parts);
    let new: Vec<(&str, &str)> = now
        .split_whitespace()
        .filter_map(|p| p.split_once('='))
        .collect();
    let mut names: Vec<String> = Vec::new();
    for (name, h) in &new {
        if old
            .iter()
            .find(|(n, _)| n == name)
            .is_none_or(|(_, o)| o != h)
        {
            names.push(name.to_string());
        }
    }
    for (name, _) in &old {
        if !new.iter().any(|(n, _)| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// 8 hex digits of FNV-1a (64 bits) over the folded words of `text`.
fn hash(text: &str) -> String {
    let folded = Folded::new(text);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in folded.text().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", (h >> 32) as u32 ^ h as u32)
}

/// The parts of a page or section a translation follows.
pub fn page_parts<'a>(
    title: &'a str,
    description: Option<&'a str>,
    body: &'a str,
) -> [(&'a str, &'a str); 3] {
    [
        ("title", title),
        ("description", description.unwrap_or("")),
        ("body", body),
    ]
}

/// The parts of a fact that a translation follows .
pub fn fact_parts(f: &Fact) -> Vec<(String, String)> {
    let mut parts = vec![
        ("statement".to_string(), f.statement.clone()),
        ("attribution".to_string(), f.attribution.clone()),
        ("when".to_string(), f.when.clone().unwrap_or_default()),
    ];
    for (i, c) in f.citations.iter().enumerate() {
        let name = if i == 0 {
            "quote".to_string()
        } else {
            format!("quote{}", i + 1)
        };
        parts.push((name, c.quote.clone()));
    }
    parts
}

/// The parts of an event a translation follows.
pub fn event_parts(e: &Event) -> Vec<(String, String)> {
    vec![
        ("title".into(), e.title.clone()),
        ("text".into(), e.text.clone()),
        ("when".into(), e.when.clone().unwrap_or_default()),
    ]
}

/// The parts of a person a translation follows.
pub fn person_parts(p: &Person) -> Vec<(String, String)> {
    vec![
        ("name".into(), p.name.clone()),
        ("role".into(), p.role.clone()),
    ]
}

/// The parts of a glossary term a translation follows.
pub fn term_parts(t: &Term) -> Vec<(String, String)> {
    vec![
        ("term".into(), t.term.clone()),
        ("expansion".into(), t.expansion.clone().unwrap_or_default()),
        ("definition".into(), t.definition.clone()),
    ]
}

/// The lawsuit fields a translation may give, with the original's text.
pub fn lawsuit_parts(l: &Lawsuit) -> Vec<(String, String)> {
    let i = &l.input;
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    vec![
        ("title".into(), i.title.clone()),
        ("case_name".into(), opt(&i.case_name)),
        ("court".into(), opt(&i.court)),
        ("docket".into(), opt(&i.docket)),
        ("plaintiffs".into(), opt(&i.plaintiffs)),
        ("defendants".into(), opt(&i.defendants)),
        ("claims".into(), opt(&i.claims)),
        ("status".into(), opt(&i.status)),
        ("latest".into(), opt(&i.latest)),
    ]
}

/// The parts of an update a translation follows.
pub fn update_parts(u: &Update) -> Vec<(String, String)> {
    vec![
        ("title".into(), u.title.clone().unwrap_or_default()),
        ("body".into(), u.file.text[u.body_offset..].to_string()),
    ]
}

/// The parts of a source's record a translation follows.
pub fn source_parts(s: &Source) -> Vec<(String, String)> {
    vec![
        ("title".into(), s.meta.title.clone()),
        ("publisher".into(), s.meta.publisher.clone()),
        (
            "reporting".into(),
            s.meta.reporting.clone().unwrap_or_default(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_names_each_part_and_ignores_spacing_and_quote_marks() {
        let s = stamp(&[("title", "The agreement"), ("body", "It says “x” — y.")]);
        assert!(s.starts_with("title=") && s.contains(" body="), "{s}");
        assert!(changed(
            &s,
            &[("title", "The  agreement"), ("body", "It says \"x\" - y.")]
        )
        .is_empty());
        assert_eq!(
            changed(&s, &[("title", "The agreement"), ("body", "It says z.")]),
            ["body"]
        );
        assert_eq!(
            changed(
                &s,
                &[
                    ("title", "The agreement"),
                    ("description", "New."),
                    ("body", "It says “x” — y.")
                ]
            ),
            ["description"]
        );
        assert_eq!(changed(&s, &[("title", "The agreement")]), ["body"]);
        assert_eq!(changed("", &[("title", "T")]), ["title"]);
        // Stable across versions: the hash is part of the files.
        assert_eq!(stamp(&[("t", "abc")]), "t=e25ef552");
    }
}

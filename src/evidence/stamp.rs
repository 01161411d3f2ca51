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

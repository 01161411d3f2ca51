//! Pass: stable, unique heading ids and the table of contents.
//!
//! An id is the slug of the heading's text (`## What data?` → `what-data`),
//! or the id written with `{#id}`. Repeats get `-1`, `-2`... in document
//! order, so ids only change when the heading text does.
//!
//! Linear in the number of headings: each slug remembers the next number
//! to try, so a page of 50,000 identical headings does not count from `-1`
//! again for every one of them.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use serde::Serialize;

use super::context::Context;
use super::events::{plain_text, Spanned};

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 1–6.
    pub level: u8,
    /// The heading's id (the anchor to link to).
    pub id: String,
    /// The heading's text, without markup.
    pub title: String,
    /// Headings nested under this one.
    pub children: Vec<TocEntry>,
}

/// Sets the id of every heading; returns the nested TOC and all ids.
///
/// Warns of a heading whose `{#id}` an earlier heading or a footnote of the
/// page already has: the page would hold the id twice, and links to it
/// (the table of contents', other pages', search results') would all reach
/// the first.
pub fn assign_ids(
    events: &mut [Spanned<'_>],
    cx: &mut Context<'_>,
) -> (Vec<TocEntry>, Vec<String>) {
    let mut used: HashSet<String> = HashSet::new();
    let mut numbers = Numbers::default();
    let mut ids = Vec::new();
    let mut flat: Vec<(u8, String, String)> = Vec::new();

    // Explicit ids are reserved first so generated ones avoid them, and so
    // are footnotes' (a footnote's definition has its name as its id: a
    // heading named like it would share it, and its links and search's
    // snippet of its part would find the footnote).
    let mut written: Vec<(usize, &str)> = Vec::new();
    let mut footnotes: HashSet<&str> = HashSet::new();
    for (e, range) in events.iter() {
        match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                written.push((range.start, id.as_ref()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                footnotes.insert(name.as_ref());
            }
            _ => {}
        }
    }
    for &(at, id) in &written {
        if !used.insert(id.to_string()) {
            cx.warning(
                at,
                format!("two headings of this page have the id `{id}`: links to `#{id}` reach only the first"),
                format!("give this heading another id (`{{#{id}-2}}`), or leave out `{{#{id}}}` to have one made from its text"),
            );
        } else if footnotes.contains(id) {
            cx.warning(
                at,
                format!("the heading's id `{id}` is also the name of a footnote (`[^{id}]`): links to `#{id}` may reach the footnote"),
                "give the heading another id, or rename the footnote",
            );
        }
    }
    used.extend(footnotes.into_iter().map(str::to_string));

    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[i].0 {
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .map(|p| i + p)
                .unwrap_or(events.len());
            let title = plain_text(&events[i + 1..end]).trim().to_string();
            if let Event::Start(Tag::Heading { level, id, .. }) = &mut events[i].0 {
                let chosen = match id {
                    Some(explicit) => explicit.to_string(),
                    None => {
                        let base = match slug::slugify(&title) {
                            s if s.is_empty() => "section".to_string(),
                            s => s,
                        };
                        let candidate = numbers.unused(base, &mut used);
                        *id = Some(CowStr::from(candidate.clone()));
                        candidate
                    }
                };
                ids.push(chosen.clone());
                flat.push((*level as u8, chosen, title));
            }
            i = end;
        }
        i += 1;
    }
    (nest(&flat), ids)
}

/// For each slug, the next number to try after it: the first free id of
/// `base`, `base-1`, `base-2`... is found without trying again the numbers
/// an earlier heading with the same slug found taken (ids are only ever
/// added to `used`, so a taken id stays taken).
#[derive(Default)]
struct Numbers {
    next: HashMap<String, usize>,
    /// Ids tried, for the tests: linear means a bounded number per heading.
    #[cfg(test)]
    tried: usize,
}

impl Numbers {
    /// The first of `base`, `base-1`, `base-2`... not in `used`, which it
    /// is added to.
    fn unused(&mut self, base: String, used: &mut HashSet<String>) -> String {
        let mut k = self.next.get(&base).copied().unwrap_or(0);
        let found = loop {
            let candidate = match k {
                0 => base.clone(),
                k => format!("{base}-{k}"),
            };
            k += 1;
            #[cfg(test)]
            {
                self.tried += 1;
            }
            if !used.contains(&candidate) {
                break candidate;
            }
        };
        self.next.insert(base, k);
        used.insert(found.clone());
        found
    }
}

/// Nests a flat list of (level, id, title) by level.
fn nest(flat: &[(u8, String, String)]) -> Vec<TocEntry> {
    let mut root: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry {
            level: *level,
            id: id.clone(),
            title: title.clone(),
            children: Vec::new(),
        };
        let mut siblings = &mut root;
        while siblings.last().is_some_and(|last| last.level < *level) {
            siblings = &mut siblings.last_mut().expect("checked").children;
        }
        siblings.push(entry);
    }
    root
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::Numbers;
    use crate::markdown::testing::render_md;

    #[test]
    fn a_written_id_used_twice_is_a_warning_at_the_second_heading() {
        let (r, d) = render_md("## One {#same}\n\ntext\n\n## Two {#same}\n\n## Three {#other}\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(!d[0].is_error());
        assert!(d[0].message.contains("`same`"), "{}", d[0].message);
        assert_eq!((d[0].line, d[0].column), (6, 1), "at the second heading");
        assert!(d[0].help.as_deref().unwrap_or("").contains("{#same-2}"));
        // The page still builds, with the ids as written.
        assert_eq!(r.ids, ["same", "same", "other"]);

        let (_, d) = render_md("## Note {#n}\n\nSee[^n].\n\n[^n]: A footnote.\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("footnote"), "{}", d[0].message);

        // Ids made from the text never collide, and are not warned about.
        let (r, d) = render_md("## Same\n\n## Same\n\n## Other {#same-1}\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(r.ids, ["same", "same-2", "same-1"]);
    }

    /// The ids as they were first computed, counting from `-1` for every
    /// heading: the reference the linear version must agree with. A
    /// heading is its text, or `Err(id)` for an explicit id.
    fn counted_from_one(headings: &[Result<&str, String>]) -> Vec<String> {
        let mut used: HashSet<String> = headings.iter().filter_map(|h| h.clone().err()).collect();
        let mut ids = Vec::new();
        for h in headings {
            let text = match h {
                Ok(text) => text,
                Err(id) => {
                    ids.push(id.clone());
                    continue;
                }
            };
            let base = match slug::slugify(text) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            };
            let mut candidate = base.clone();
            let mut n = 1;
            while used.contains(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            used.insert(candidate.clone());
            ids.push(candidate);
        }
        ids
    }

    const TEXTS: [&str; 9] = [
        "A",
        "A 1",
        "a-1",
        "A 1 1",
        "a-2",
        "???",
        "Section 1",
        "section",
        "A-1-1",
    ];

    proptest! {
        /// Ids of existing pages must not change: on any mix of repeated
        /// headings, headings whose slug looks numbered (`A 1` is `a-1`)
        /// and explicit ids, the ids are the ones counting from `-1` gave.
        #[test]
        fn ids_are_the_ones_counting_from_one_gave(
            picks in proptest::collection::vec((0..TEXTS.len(), any::<bool>()), 0..40)
        ) {
            let headings: Vec<Result<&str, String>> = picks
                .iter()
                .map(|&(i, explicit)| match slug::slugify(TEXTS[i]) {
                    id if explicit && !id.is_empty() => Err(id),
                    _ => Ok(TEXTS[i]),
                })
                .collect();
            let md: String = headings
                .iter()
                .map(|h| match h {
                    Ok(text) => format!("## {text}\n\n"),
                    Err(id) => format!("## X {{#{id}}}\n\n"),
                })
                .collect();
            let (r, _) = render_md(&md);
            prop_assert_eq!(r.ids, counted_from_one(&headings));
        }
    }

    /// Linear, by counting the ids tried: at most three per heading (the
    /// one chosen, and each taken id is tried at most twice: as a slug of
    /// its own and as `slug-N` of one other slug), however many headings
    /// repeat. Counting from `-1` for each would try 1.25 billion here.
    #[test]
    fn ids_tried_are_linear_in_the_headings() {
        let mut numbers = Numbers::default();
        let mut used: HashSet<String> = (1..=1000).map(|n| format!("a-{}", 2 * n)).collect();
        let reserved = used.len();
        let mut count = 0;
        for round in 0..50_000 {
            let base = if round % 3 == 0 { "a-1" } else { "a" };
            numbers.unused(base.to_string(), &mut used);
            count += 1;
        }
        assert_eq!(used.len(), reserved + count);
        assert!(
            numbers.tried <= 3 * count + reserved,
            "{} ids tried for {count} headings",
            numbers.tried
        );
    }

    #[test]
    fn ids_are_slugs_and_unique() {
        let (r, _) = render_md("## What data?\n\n## What data?\n\n## Qué pasa\n");
        assert_eq!(r.ids, ["what-data", "what-data-1", "que-pasa"]);
        assert!(r.html.contains("<h2 id=\"what-data-1\">"));
    }

    #[test]
    fn explicit_ids_win_and_are_reserved() {
        let (r, _) = render_md("## Intro\n\n## Other {#intro}\n");
        assert_eq!(r.ids, ["intro-1", "intro"]);
    }

    #[test]
    fn a_heading_is_not_given_a_footnotes_id() {
        let (r, _) =
            render_md("A claim.[^background]\n\n[^background]: A note.\n\n## Background\n");
        assert_eq!(r.ids, ["background-1"]);
        assert_eq!(r.html.matches("id=\"background\"").count(), 1, "{}", r.html);
        assert!(r.html.contains("<h2 id=\"background-1\">"));
    }

    #[test]
    fn toc_nests_by_level() {
        let (r, _) = render_md("## A\n\n### A1\n\n### A2\n\n## B\n");
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children.len(), 2);
        assert_eq!(r.toc[0].children[1].title, "A2");
    }

    #[test]
    fn empty_heading_gets_an_id() {
        let (r, _) = render_md("## ???\n");
        assert_eq!(r.ids, ["section"]);
    }
}

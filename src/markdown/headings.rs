//! Pass: stable, unique heading ids and the table of contents.
//!
//! An id is the slug of the heading's text (`## What data?` → `what-data`),
//! or the id written with `{#id}`. Repeats get `-1`, `-2`... in document
//! order, so ids only change when the heading text does.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{plain_text, Spanned, TocEntry};

/// Sets the id of every heading; returns the nested TOC and all ids.
pub fn assign_ids(events: &mut [Spanned<'_>]) -> (Vec<TocEntry>, Vec<String>) {
    let mut used: HashSet<String> = HashSet::new();
    let mut ids = Vec::new();
    let mut flat: Vec<(u8, String, String)> = Vec::new();

    // Explicit ids are reserved first so generated ones avoid them.
    for (e, _) in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
            used.insert(id.to_string());
        }
    }

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
                        let mut candidate = base.clone();
                        let mut n = 1;
                        while used.contains(&candidate) {
                            candidate = format!("{base}-{n}");
                            n += 1;
                        }
                        used.insert(candidate.clone());
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
    use crate::markdown::testing::render_md;

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

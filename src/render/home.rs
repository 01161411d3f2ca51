//! The home page's extra views (key facts, maps, the start of the timeline,
//! the latest updates, what to read) and the views shared with the timeline
//! and fact pages: events, maps and the timeline overview.

use std::collections::HashSet;

use crate::evidence::paths;

use super::dates::partial_date;
use super::evidence::{inline_html, smart, EventView, Lang};
use super::graphics::{self, MapView, TimelineGraphic};
use super::view::{HomeView, KeyFact, ReadingGroup};
use super::{PageInfo, Renderer, SectionBody};

/// Events of the timeline shown on the home page.
const HOME_EVENTS: usize = 3;
/// Updates shown on the home page.
const HOME_UPDATES: usize = 3;
/// Pages of each section listed under "Read in depth" on the home page
/// (the newest, in the section's order; a link leads to the rest): every
/// page of a 10,000-page site would make the home page megabytes.
const HOME_READING: usize = 12;
/// Key facts shown on the home page.
const KEY_FACTS: usize = 4;

impl<'a> Renderer<'a> {
    /// Every timeline event in `l`, in the order of `timeline.toml`.
    pub fn event_views(&self, l: &Lang<'_>, with_facts: bool) -> Vec<EventView> {
        let ev = &self.site.evidence;
        let s = l.strings;
        ev.events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let t = l.event(i);
                let title = l.pick(t.and_then(|t| t.title.as_deref()), &e.title);
                let text = l.pick(t.and_then(|t| t.text.as_deref()), &e.text);
                let when = l.pick(
                    t.and_then(|t| t.when.as_deref()),
                    e.when.as_deref().unwrap_or(""),
                );
                let when = (!when.text.is_empty()).then_some(when.text);
                EventView {
                    id: e.id.clone(),
                    title: smart(title.text, self.site),
                    text: inline_html(text.text, self.site),
                    when: super::evidence::when_view(e.date.as_ref(), when, s),
                    facts: if with_facts {
                        e.facts.iter().map(|&f| self.fact_view(l, f)).collect()
                    } else {
                        Vec::new()
                    },
                    map: e.facts.iter().find_map(|&f| self.map_of(l, f)),
                    lang: l.lang_of(title.translated),
                    stale: t.is_some_and(|t| !t.stale.is_empty()),
                }
            })
            .collect()
    }

    /// The timeline overview, when at least two events are dated: with
    /// fewer, a picture would carry no information the list does not.
    pub fn timeline_graphic(&self, l: &Lang<'_>) -> Option<TimelineGraphic> {
        let ev = &self.site.evidence;
        if ev.events.iter().filter(|e| e.date.is_some()).count() < 2 {
            return None;
        }
        let s = l.strings;
        let events: Vec<_> = ev
            .events
            .iter()
            .map(|e| {
                let shown = match &e.date {
                    Some(d) => partial_date(d, s),
                    None => s.get("date_not_reported").to_string(),
                };
                (e.id.clone(), e.date, shown)
            })
            .collect();
        Some(graphics::timeline(&events))
    }

    /// The map of fact `i` in `l`, if it names states.
    pub fn map_of(&self, l: &Lang<'_>, i: usize) -> Option<MapView> {
        let f = &self.site.evidence.facts[i];
        (!f.states.is_empty()).then(|| {
            graphics::map(
                &f.id,
                inline_html(l.statement(i).text, self.site),
                self.urls().url(&l.path(&paths::fact(&f.id))),
                &f.states,
            )
        })
    }

    /// Maps of the facts in `cited` (canonical ids) that name states.
    pub fn maps_of(&self, l: &Lang<'_>, cited: &[String]) -> Vec<MapView> {
        cited
            .iter()
            .filter_map(|id| self.site.evidence.fact(id))
            .filter_map(|i| self.map_of(l, i))
            .collect()
    }

    /// The home page's view: needs the home body (for its key facts) and
    /// the page infos (for the summaries of the pages to read).
    pub fn home_view(
        &self,
        home: usize,
        body: &SectionBody,
        infos: &'a [PageInfo],
    ) -> HomeView<'a> {
        let site = self.site;
        let ev = &site.evidence;
        let l = self.lang(&site.sections[home].lang);
        let mut updates: Vec<usize> = (0..ev.updates.len()).collect();
        updates.sort_by(|&a, &b| ev.updates[b].date.cmp(&ev.updates[a].date));
        let mut timeline = self.event_views(&l, false);
        timeline.truncate(HOME_EVENTS);
        let reading: Vec<ReadingGroup<'a>> = site.sections[home]
            .subsections
            .iter()
            .map(|&si| ReadingGroup {
                title: &site.sections[si].meta.title,
                url: self.urls().url(&site.sections[si].path),
                pages: site.sections[si]
                    .pages
                    .iter()
                    .take(HOME_READING)
                    .map(|&pi| self.card(pi, infos))
                    .collect(),
                total: site.sections[si].pages.len(),
            })
            .collect();
        HomeView {
            key_facts: key_facts(body)
                .into_iter()
                .filter_map(|(label, id)| {
                    let i = ev.fact(&id)?;
                    Some(KeyFact {
                        label,
                        fact: self.fact_view(&l, i),
                    })
                })
                .take(KEY_FACTS)
                .collect(),
            maps: self.maps_of(&l, &body.info.cited),
            timeline,
            timeline_url: self.urls().url(&l.path(paths::TIMELINE)),
            timeline_graphic: self.timeline_graphic(&l),
            timeline_total: ev.events.len(),
            updates: updates
                .into_iter()
                .take(HOME_UPDATES)
                .map(|i| self.update_view(&l, i))
                .collect(),
            updates_total: ev.updates.len(),
            updates_url: self.urls().url(&l.path(paths::UPDATES)),
            reading,
        }
    }
}

/// The first fact cited under each top-level heading of a body, with the
/// heading's text: `(label, fact id)`. Linear in the body: each heading is
/// looked for after the one before it, and the facts taken are a set.
fn key_facts(body: &SectionBody) -> Vec<(String, String)> {
    let html = &body.html;
    let mut from = 0;
    let heads: Vec<(usize, &str)> = body
        .info
        .toc
        .iter()
        .filter_map(|h| {
            let at = from + html[from..].find(&format!(" id=\"{}\"", h.id))?;
            from = at;
            Some((at, h.title.as_str()))
        })
        .collect();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    for (k, &(start, title)) in heads.iter().enumerate() {
        let end = heads.get(k + 1).map(|h| h.0).unwrap_or(html.len());
        let chunk = &html[start..end];
        let marker = "aria-describedby=\"note-";
        if let Some(i) = chunk.find(marker) {
            let rest = &chunk[i + marker.len()..];
            if let Some(j) = rest.find('"') {
                let id = rest[..j].to_string();
                if taken.insert(id.clone()) {
                    out.push((title.to_string(), id));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TocEntry;

    #[test]
    fn key_facts_are_the_first_citation_under_each_heading() {
        let toc = |id: &str, title: &str| TocEntry {
            level: 2,
            id: id.into(),
            title: title.into(),
            children: Vec::new(),
        };
        let body = SectionBody {
            html: concat!(
                "<p>intro <a aria-describedby=\"note-x\">1</a></p>",
                "<h2 id=\"a\">A</h2><p><a aria-describedby=\"note-f1\">1</a> <a aria-describedby=\"note-f2\">2</a></p>",
                "<h2 id=\"b\">B</h2><p>no citation</p>",
                "<h2 id=\"c\">C</h2><p><a aria-describedby=\"note-f3\">3</a></p>"
            )
            .into(),
            info: PageInfo {
                toc: vec![toc("a", "A"), toc("b", "B"), toc("c", "C")],
                ..Default::default()
            },
        };
        assert_eq!(
            key_facts(&body),
            [("A".into(), "f1".into()), ("C".into(), "f3".into())]
        );
    }

    /// Linear in the headings, by size: 100,000 headings, each citing its
    /// own fact, give their key facts in well under a second of a debug
    /// build; searching the whole body for each heading and the facts taken
    /// for each fact (3·10¹¹ bytes and 5·10⁹ comparisons) took six minutes.
    #[test]
    fn key_facts_of_many_headings_are_found_in_linear_time() {
        let n = 100_000;
        let html: String = (0..n)
            .map(|i| {
                format!("<h2 id=\"h{i}\">H</h2><p><a aria-describedby=\"note-f{i}\">1</a></p>")
            })
            .collect();
        let body = SectionBody {
            html,
            info: PageInfo {
                toc: (0..n)
                    .map(|i| TocEntry {
                        level: 2,
                        id: format!("h{i}"),
                        title: "H".into(),
                        children: Vec::new(),
                    })
                    .collect(),
                ..Default::default()
            },
        };
        let facts = key_facts(&body);
        assert_eq!(facts.len(), n);
        assert_eq!(facts[n - 1].1, format!("f{}", n - 1));
    }
}

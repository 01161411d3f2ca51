//! Pictures drawn at build time from the content: the tile-grid map of the
//! states a fact names, and the overview of the timeline.
//!
//! Both are plain geometry for the templates to draw as inline SVG (no
//! JavaScript, no `style` attributes: the colours come from classes in the
//! stylesheet, so they follow light and dark mode and pass a strict
//! Content-Security-Policy). Each comes with the text the template shows
//! beside it, so the picture is never the only way to get the facts.

use serde::Serialize;

use crate::evidence::states::{COLS, ROWS, STATES};
use crate::evidence::PartialDate;

/// Side of a map tile, in SVG units.
const TILE: u32 = 40;
/// Gap between tiles.
const GAP: u32 = 4;

/// One state's tile label.
#[derive(Debug, Clone, Serialize)]
pub struct TileView {
    /// Postal code, printed on the tile.
    pub code: &'static str,
    /// Centre of the tile, for the label.
    pub cx: u32,
    /// Baseline of the label.
    pub ty: u32,
    /// Whether the fact names this state.
    pub on: bool,
}

/// A map of the United States as a grid of tiles, the named states marked.
#[derive(Debug, Clone, Serialize)]
pub struct MapView {
    /// The fact's id (unique per page, for element ids).
    pub id: String,
    /// The fact's statement, HTML.
    pub statement: String,
    /// Link to the fact.
    pub url: String,
    /// SVG width.
    pub width: u32,
    /// SVG height.
    pub height: u32,
    /// The tiles of the states not named, as one SVG path (squares drawn
    /// with a round-joined stroke of 4, for rounded corners).
    pub off_path: String,
    /// The tiles of the named states, as one SVG path.
    pub on_path: String,
    /// Every tile's label, named or not.
    pub tiles: Vec<TileView>,
    /// The named states' names, in the fact's order (the text alternative).
    pub named: Vec<&'static str>,
}

/// The map for a fact naming `states` (indices into [`STATES`]).
pub fn map(id: &str, statement: String, url: String, states: &[usize]) -> MapView {
    let step = TILE + GAP;
    let (mut off_path, mut on_path) = (String::new(), String::new());
    let tiles = STATES
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = u32::from(s.col) * step;
            let y = u32::from(s.row) * step;
            let on = states.contains(&i);
            let path = if on { &mut on_path } else { &mut off_path };
            path.push_str(&format!(
                "M{} {}h{side}v{side}h-{side}z",
                x + 2,
                y + 2,
                side = TILE - 4
            ));
            TileView {
                code: s.code,
                cx: x + TILE / 2,
                ty: y + TILE / 2 + 5,
                on,
            }
        })
        .collect();
    MapView {
        id: id.to_string(),
        statement,
        url,
        width: u32::from(COLS) * step - GAP,
        height: u32::from(ROWS) * step - GAP,
        off_path,
        on_path,
        tiles,
        named: states.iter().map(|&i| STATES[i].name).collect(),
    }
}

/// Where a figure about fact `id` can go in a body of HTML: right after
/// the paragraph holding the first citation of the fact, if that citation
/// is in a plain paragraph (not a list, table or quote).
pub fn after_citing_paragraph(html: &str, id: &str) -> Option<usize> {
    let cite = html.find(&format!("aria-describedby=\"note-{id}\""))?;
    let start = html[..cite]
        .rfind('<')
        .map_or(0, |i| html[..i].rfind("<p>").unwrap_or(i));
    let end = cite + html[cite..].find("</p>")? + "</p>".len();
    let block = &html[start..end];
    let nested = [
        "<li",
        "</li>",
        "<td",
        "</td>",
        "<blockquote",
        "</blockquote>",
        "<th",
    ];
    (block.starts_with("<p>") && !nested.iter().any(|t| block.contains(t))).then_some(end)
}

/// One event on the timeline overview.
#[derive(Debug, Clone, Serialize)]
pub struct MarkerView {
    /// 1-based number, in source order (as in the list below it).
    pub n: usize,
    /// The event's id.
    pub id: String,
    /// Centre.
    pub x: u32,
    /// Centre.
    pub y: u32,
    /// Baseline of the number.
    pub ty: u32,
    /// Whether the source gives a date.
    pub dated: bool,
}

/// A row of the overview: a line and a label above it.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// `dated` or `undated`.
    pub kind: &'static str,
    /// Where the line starts.
    pub x1: u32,
    /// Where the line ends.
    pub x2: u32,
    /// Height of the line.
    pub y: u32,
    /// Baseline of the row's label.
    pub label_y: u32,
    /// Whether the row shows its label (the first line of each kind).
    pub label: bool,
    /// For dated rows: the first and last dates, shown at the ends.
    pub start: Option<String>,
    /// See `start`.
    pub end: Option<String>,
}

/// The timeline at a glance: dated events on a time axis, the others in a
/// row of their own, in the order the sources give.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineGraphic {
    /// SVG width.
    pub width: u32,
    /// SVG height.
    pub height: u32,
    /// Marker radius.
    pub r: u32,
    /// The rows (dated first, when there are any).
    pub rows: Vec<RowView>,
    /// Every event.
    pub markers: Vec<MarkerView>,
    /// Number of events.
    pub total: usize,
    /// How many have a reported date.
    pub dated: usize,
    /// How many do not.
    pub undated: usize,
}

const PAD: u32 = 2;
const R: u32 = 13;
/// Distance between undated markers.
const STEP: u32 = 34;
/// Height of one line of markers, with its label.
const LINE: u32 = 62;
/// Most markers on one line of the undated row (the graphic stays narrow
/// enough for a phone at full size).
const PER_LINE: usize = 9;

fn day_number(d: &PartialDate) -> f64 {
    f64::from(d.year) * 365.25
        + f64::from(d.month.unwrap_or(1) - 1) * 30.44
        + f64::from(d.day.unwrap_or(1) - 1)
}

/// The overview of `events`: each one's id, date (if the source gives one)
/// and the date as shown.
pub fn timeline(events: &[(String, Option<PartialDate>, String)]) -> TimelineGraphic {
    let dated: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].1.is_some())
        .collect();
    let undated: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].1.is_none())
        .collect();
    let per_line = undated.len().clamp(1, PER_LINE);
    let undated_lines = undated.len().div_ceil(PER_LINE);
    let inner = (per_line.max(2) as u32 - 1) * STEP;
    let width = (2 * PAD + 2 * R + inner).max(300);
    let (x1, x2) = (PAD + R, width - PAD - R);
    let mut rows = Vec::new();
    let mut markers = Vec::new();
    let mut top = 0;
    if !dated.is_empty() {
        let days: Vec<f64> = dated
            .iter()
            .map(|&i| day_number(events[i].1.as_ref().unwrap()))
            .collect();
        let (lo, hi) = days
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &d| (a.min(d), b.max(d)));
        let y = top + 38;
        let span = f64::from(x2 - x1);
        for (k, &i) in dated.iter().enumerate() {
            let x = if hi > lo {
                x1 + ((days[k] - lo) / (hi - lo) * span).round() as u32
            } else if dated.len() == 1 {
                (x1 + x2) / 2
            } else {
                x1 + (span * k as f64 / (dated.len() - 1) as f64).round() as u32
            };
            markers.push(MarkerView {
                n: i + 1,
                id: events[i].0.clone(),
                x,
                y,
                ty: y + 5,
                dated: true,
            });
        }
        rows.push(RowView {
            kind: "dated",
            x1,
            x2,
            y,
            label_y: top + 14,
            label: true,
            start: Some(events[dated[0]].2.clone()),
            end: (dated.len() > 1).then(|| events[*dated.last().unwrap()].2.clone()),
        });
        top += LINE + 14;
    }
    if !undated.is_empty() {
        for line in 0..undated_lines {
            let y = top + 38 + line as u32 * (LINE - 20);
            let chunk = &undated[line * PER_LINE..((line + 1) * PER_LINE).min(undated.len())];
            for (k, &i) in chunk.iter().enumerate() {
                markers.push(MarkerView {
                    n: i + 1,
                    id: events[i].0.clone(),
                    x: x1 + k as u32 * STEP,
                    y,
                    ty: y + 5,
                    dated: false,
                });
            }
            rows.push(RowView {
                kind: "undated",
                x1,
                x2: x1 + (chunk.len().max(1) as u32 - 1) * STEP,
                y,
                label_y: top + 14,
                label: line == 0,
                start: None,
                end: None,
            });
        }
        top += LINE + (undated_lines as u32 - 1) * (LINE - 20);
    }
    markers.sort_by_key(|m| m.n);
    TimelineGraphic {
        width,
        height: top.max(LINE),
        r: R,
        rows,
        markers,
        total: events.len(),
        dated: dated.len(),
        undated: undated.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_marks_only_the_named_states() {
        let ca = crate::evidence::states::index("CA").unwrap();
        let ny = crate::evidence::states::index("NY").unwrap();
        let m = map("f", "S".into(), "/f/".into(), &[ca, ny]);
        assert_eq!(m.tiles.len(), 51);
        let on: Vec<&str> = m.tiles.iter().filter(|t| t.on).map(|t| t.code).collect();
        assert_eq!(on, ["NY", "CA"], "grid order");
        assert_eq!(m.named, ["California", "New York"], "the fact's order");
        assert!(m.tiles.iter().all(|t| t.cx + TILE / 2 <= m.width));
        assert_eq!(m.on_path.matches('M').count(), 2);
        assert_eq!(m.off_path.matches('M').count(), 49);
    }

    #[test]
    fn figures_go_after_the_citing_paragraph_only() {
        let html = "<p>One.</p>\n<p>Named<sup><a aria-describedby=\"note-f\">1</a></sup>.</p>\n<p>Three.</p>";
        let at = after_citing_paragraph(html, "f").unwrap();
        assert_eq!(
            &html[..at],
            "<p>One.</p>\n<p>Named<sup><a aria-describedby=\"note-f\">1</a></sup>.</p>"
        );
        let list =
            "<ul>\n<li>Named<sup><a aria-describedby=\"note-f\">1</a></sup></li>\n</ul>\n<p>x</p>";
        assert_eq!(after_citing_paragraph(list, "f"), None);
        assert_eq!(after_citing_paragraph(html, "g"), None);
    }

    #[test]
    fn undated_events_keep_source_order_in_their_own_row() {
        let d = |y| {
            Some(PartialDate {
                year: y,
                month: None,
                day: None,
            })
        };
        let events = vec![
            ("a".to_string(), d(2020), "2020".to_string()),
            ("b".to_string(), None, "Date not reported".to_string()),
            ("c".to_string(), d(2024), "2024".to_string()),
            ("e".to_string(), None, "Date not reported".to_string()),
        ];
        let g = timeline(&events);
        assert_eq!((g.total, g.dated, g.undated), (4, 2, 2));
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].start.as_deref(), Some("2020"));
        assert_eq!(g.rows[0].end.as_deref(), Some("2024"));
        let ids: Vec<&str> = g.markers.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "e"]);
        let (b, e) = (&g.markers[1], &g.markers[3]);
        assert!(!b.dated && b.y == e.y && b.x < e.x, "{g:?}");
        assert!(g.markers[0].x < g.markers[2].x);
    }

    #[test]
    fn long_undated_rows_wrap() {
        let events: Vec<_> = (0..40)
            .map(|i| (format!("e{i}"), None, String::new()))
            .collect();
        let g = timeline(&events);
        assert_eq!(g.rows.len(), 5);
        assert!(g.markers.iter().all(|m| m.x + g.r <= g.width));
        assert!(g.markers.iter().all(|m| m.y + g.r <= g.height));
    }
}

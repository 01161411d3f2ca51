//! Dates as readers read them, in the words of a language's strings: a
//! model date for `<time>` ([`DateView`]) and a partial date of the
//! evidence ("June 2025").

use serde::Serialize;

use crate::date::Date;
use crate::evidence::PartialDate;

use super::strings::Strings;

/// A date, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// Machine-readable, for `<time datetime>`: `2026-05-01` or RFC 3339.
    pub iso: String,
    /// Human-readable in the page's language: "May 1, 2026".
    pub display: String,
}

impl DateView {
    /// Formats `d` with `strings`.
    pub fn new(d: &Date, strings: &Strings) -> Self {
        let (y, m, day) = d.ymd();
        Self {
            iso: d.iso(),
            display: strings.format_date(y, m, day),
        }
    }
}

/// A partial date in words: "June 16, 2025", "June 2025", "2025".
pub fn partial_date(d: &PartialDate, s: &Strings) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => s.format_date(d.year, m, day),
        (Some(m), None) => s
            .get("date_format_month")
            .replace("{month}", s.get(&format!("month_{m}")))
            .replace("{year}", &d.year.to_string()),
        _ => d.year.to_string(),
    }
}

//! Dates with a precision, and the source's own words when it gives none.
//!
//! A fact or event may know a day (`2025-06-16`), a month (`2025-06`), a
//! year (`2025`), or nothing but the words its source used ("Monday",
//! "in recent months"). casefile never turns words into a calendar date.

use serde::{Deserialize, Serialize};

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A month of a year.
    Month,
    /// A year.
    Year,
}

impl Precision {
    /// `day`, `month` or `year`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date as precise as the source allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: i16,
    /// Month 1–12, if known.
    pub month: Option<i8>,
    /// Day, if known.
    pub day: Option<i8>,
}

/// A date as written in a data file: a string (`"2025"`, `"2025-06"`,
/// `"2025-06-16"`) or a TOML date (`2025-06-16`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DateInput {
    /// `"2025-06"`.
    Text(String),
    /// `2025-06-16`.
    Toml(toml::value::Datetime),
}

impl PartialDate {
    /// Parses a date input; the error says what is wrong.
    pub fn parse(input: &DateInput) -> Result<PartialDate, String> {
        let text = match input {
            DateInput::Text(t) => t.trim().to_string(),
            DateInput::Toml(dt) => {
                if dt.time.is_some() {
                    return Err(format!("`{dt}` has a time of day; give only the date"));
                }
                dt.to_string()
            }
        };
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str, what: &str| -> Result<i64, String> {
            s.parse::<i64>()
                .map_err(|_| format!("`{text}` is not a date: `{s}` is not a {what}"))
        };
        let (year, month, day) = match parts.as_slice() {
            [y] if y.len() == 4 => (num(y, "year")?, None, None),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                (num(y, "year")?, Some(num(m, "month")?), None)
            }
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => (
                num(y, "year")?,
                Some(num(m, "month")?),
                Some(num(d, "day")?),
            ),
            _ => {
                return Err(format!(
                    "`{text}` is not a date; write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""
                ))
            }
        };
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("`{text}` has no month {m}"));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            if jiff::civil::Date::new(year as i16, m as i8, d as i8).is_err() {
                return Err(format!("`{text}` is not a real calendar date"));
            }
        }
        Ok(PartialDate {
            year: year as i16,
            month: month.map(|m| m as i8),
            day: day.map(|d| d as i8),
        })
    }

    /// Compares at the coarser of the two precisions: June 2025 is neither
    /// before nor after June 16, 2025.
    pub fn cmp_coarse(&self, other: &PartialDate) -> std::cmp::Ordering {
        let depth = |d: &PartialDate| match (d.month, d.day) {
            (Some(_), Some(_)) => 3,
            (Some(_), None) => 2,
            _ => 1,
        };
        let n = depth(self).min(depth(other));
        let key = |d: &PartialDate| {
            (
                d.year,
                if n >= 2 { d.month } else { None },
                if n >= 3 { d.day } else { None },
            )
        };
        key(self).cmp(&key(other))
    }

    /// The precision the value itself has.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// `2025`, `2025-06` or `2025-06-16`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<PartialDate, String> {
        PartialDate::parse(&DateInput::Text(s.into()))
    }

    #[test]
    fn precision_follows_the_form() {
        assert_eq!(p("2025").unwrap().precision(), Precision::Year);
        assert_eq!(p("2025-06").unwrap().precision(), Precision::Month);
        assert_eq!(p("2025-06-16").unwrap().precision(), Precision::Day);
    }

    #[test]
    fn coarse_comparison_respects_precision() {
        use std::cmp::Ordering::*;
        assert_eq!(
            p("2025-06").unwrap().cmp_coarse(&p("2025-06-16").unwrap()),
            Equal
        );
        assert_eq!(
            p("2025").unwrap().cmp_coarse(&p("2025-06-16").unwrap()),
            Equal
        );
        assert_eq!(
            p("2025-05").unwrap().cmp_coarse(&p("2025-06-16").unwrap()),
            Less
        );
        assert_eq!(
            p("2025-06-17")
                .unwrap()
                .cmp_coarse(&p("2025-06-16").unwrap()),
            Greater
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(p("2025-02-29").is_err());
        assert!(p("2025-13").is_err());
        assert!(p("Monday").is_err());
        assert!(p("25-06-16").is_err());
    }
}

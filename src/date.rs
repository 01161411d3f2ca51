//! Dates as written in front matter, with the precision they were given:
//! pages' and sections' dates in the model, records' in the evidence.

use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use jiff::Zoned;

/// A front-matter date: an instant plus whether a time of day was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    /// The instant, in the zone it was written in (or the site's zone).
    pub zoned: Zoned,
    /// False for a plain calendar date (`2026-05-01`).
    pub has_time: bool,
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.zoned.timestamp().cmp(&other.zoned.timestamp())
    }
}

impl Date {
    /// Converts a TOML datetime. Local dates and times are read in `tz`.
    pub fn from_toml(dt: &toml::value::Datetime, tz: &TimeZone) -> Result<Date, String> {
        let Some(d) = dt.date else {
            return Err("a time without a date".into());
        };
        let date = civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
            .map_err(|_| format!("{dt} is not a real calendar date"))?;
        let (time, has_time) = match dt.time {
            Some(t) => (
                civil::Time::new(
                    t.hour as i8,
                    t.minute as i8,
                    t.second.unwrap_or(0) as i8,
                    t.nanosecond.unwrap_or(0) as i32,
                )
                .map_err(|_| format!("{dt} has an impossible time of day"))?,
                true,
            ),
            None => (civil::Time::midnight(), false),
        };
        let civil = date.to_datetime(time);
        let zoned = match dt.offset {
            Some(toml::value::Offset::Z) => civil.to_zoned(TimeZone::UTC),
            Some(toml::value::Offset::Custom { minutes }) => {
                let offset = Offset::from_seconds(minutes as i32 * 60)
                    .map_err(|_| format!("{dt} has an impossible offset"))?;
                civil.to_zoned(TimeZone::fixed(offset))
            }
            None => civil.to_zoned(tz.clone()),
        }
        .map_err(|e| format!("{dt} cannot be placed in time: {e}"))?;
        Ok(Date { zoned, has_time })
    }

    /// `2026-05-01` for calendar dates, RFC 3339 with offset otherwise.
    pub fn iso(&self) -> String {
        if self.has_time {
            self.zoned
                .timestamp()
                .display_with_offset(self.zoned.offset())
                .to_string()
        } else {
            self.zoned.date().to_string()
        }
    }

    /// RFC 3339 with time, even for calendar dates (feeds need one).
    pub fn rfc3339(&self) -> String {
        self.zoned
            .timestamp()
            .display_with_offset(self.zoned.offset())
            .to_string()
    }

    /// Year, month (1-12) and day.
    pub fn ymd(&self) -> (i16, i8, i8) {
        let d = self.zoned.date();
        (d.year(), d.month(), d.day())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Date, String> {
        let dt: toml::value::Datetime = s.parse().unwrap();
        Date::from_toml(&dt, &TimeZone::get("America/New_York").unwrap())
    }

    #[test]
    fn calendar_date_keeps_day_precision() {
        let d = parse("2026-07-14").unwrap();
        assert!(!d.has_time);
        assert_eq!(d.iso(), "2026-07-14");
        assert_eq!(d.rfc3339(), "2026-07-14T00:00:00-04:00");
    }

    #[test]
    fn offset_is_kept() {
        let d = parse("2026-07-14T09:30:00+02:00").unwrap();
        assert_eq!(d.iso(), "2026-07-14T09:30:00+02:00");
    }

    #[test]
    fn impossible_date_is_refused() {
        // TOML itself rejects Feb 30, so check a leap-year edge jiff must catch.
        assert!(parse("2025-02-28").is_ok());
        let dt = toml::value::Datetime {
            date: Some(toml::value::Date {
                year: 2025,
                month: 2,
                day: 29,
            }),
            time: None,
            offset: None,
        };
        assert!(Date::from_toml(&dt, &TimeZone::UTC).is_err());
    }
}

//! Calendar dates of reduced precision (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`),
//! as the register format allows: a treaty's date is often known only to
//! the month or the year, and an unknown day must not be invented.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a text is not a date; the message completes "`x` is not a valid date: …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Shape,
    Year,
    Month(u8),
    Day { day: u8, month: u8, year: u16 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Shape => f.write_str("dates are written YYYY, YYYY-MM or YYYY-MM-DD"),
            DateError::Year => f.write_str("year 0000 does not exist"),
            DateError::Month(m) => write!(f, "there is no month {m}"),
            DateError::Day { day, month, year } => write!(
                f,
                "{} {year} has {} days, not {day}",
                MONTHS[usize::from(*month) - 1],
                days_in_month(*year, *month)
            ),
        }
    }
}

pub fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(s: &str, n: usize) -> Option<u16> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

impl PartialDate {
    /// ```
    /// use treaty_register::register::date::PartialDate;
    /// let date = PartialDate::parse("2024-08").unwrap();
    /// assert_eq!(date.long(), "August 2024");
    /// assert!(PartialDate::parse("2024-02-30").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let mut parts = text.split('-');
        let year = parts
            .next()
            .and_then(|y| digits(y, 4))
            .ok_or(DateError::Shape)?;
        let month = parts
            .next()
            .map(|m| digits(m, 2).ok_or(DateError::Shape))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| digits(d, 2).ok_or(DateError::Shape))
            .transpose()?;
        if parts.next().is_some() {
            return Err(DateError::Shape);
        }
        if year == 0 {
            return Err(DateError::Year);
        }
        let month = month.map(|m| m as u8);
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError::Month(m));
        }
        let day = day.map(|d| d as u8);
        if let (Some(d), Some(m)) = (day, month)
            && !(1..=days_in_month(year, m)).contains(&d)
        {
            return Err(DateError::Day {
                day: d,
                month: m,
                year,
            });
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// The date in words, as printed in the register: "8 August 2024",
    /// "August 2024" or "2024".
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl PartialDate {
    /// The first day the date can mean: `2023-06` → 2023-06-01.
    pub fn first_day(&self) -> PartialDate {
        PartialDate {
            year: self.year,
            month: Some(self.month.unwrap_or(1)),
            day: Some(self.day.unwrap_or(1)),
        }
    }

    /// The last day the date can mean: `2023-06` → 2023-06-30, `2023` →
    /// 2023-12-31. The register counts a reduced date as its last day when
    /// it asks whether something had happened by a date.
    pub fn last_day(&self) -> PartialDate {
        let month = self.month.unwrap_or(12);
        PartialDate {
            year: self.year,
            month: Some(month),
            day: Some(self.day.unwrap_or(days_in_month(self.year, month))),
        }
    }

    /// Whether the date, counted as its last day, is on or before `d`'s
    /// last day: what had happened by `d`.
    pub fn is_by(&self, d: PartialDate) -> bool {
        self.last_day() <= d.last_day()
    }

    /// Whether the date lies before `other` whatever days the two reduced
    /// dates mean: `2024-07` is surely before `2024-08-01`, `2024-08` is not
    /// surely before `2024-08-15`. Consistency rules use this, so that a
    /// date known only to the month is never wrongly called too early.
    pub fn surely_before(&self, other: PartialDate) -> bool {
        self.last_day() < other.first_day()
    }

    /// Seconds from 1970-01-01T00:00:00Z to the start of this date (a
    /// missing month or day counts as the first).
    pub fn unix_timestamp(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (
            i64::from(self.month.unwrap_or(1)),
            i64::from(self.day.unwrap_or(1)),
        );
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reduced_dates_as_days() {
        let d = |t: &str| super::PartialDate::parse(t).unwrap();
        assert_eq!(d("2024-02").last_day(), d("2024-02-29"));
        assert_eq!(d("2023").last_day(), d("2023-12-31"));
        assert_eq!(d("2023-06").first_day(), d("2023-06-01"));
        assert!(d("2023-06").is_by(d("2023-06-30")));
        assert!(!d("2023-06").is_by(d("2023-06-29")));
        assert!(d("2024-07").surely_before(d("2024-08-01")));
        assert!(!d("2024-08").surely_before(d("2024-08-15")));
        assert!(!d("2024-08-15").surely_before(d("2024-08")));
    }

    use super::*;

    #[test]
    fn reduced_precision_round_trips() {
        for text in ["2024", "2024-08", "2024-08-08", "0001-01-01", "2000-02-29"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(PartialDate::parse("2024-13"), Err(DateError::Month(13)));
        assert_eq!(PartialDate::parse("2024-00-10"), Err(DateError::Month(0)));
        assert_eq!(
            PartialDate::parse("2024-02-30").unwrap_err().to_string(),
            "February 2024 has 29 days, not 30"
        );
        assert!(PartialDate::parse("2023-02-29").is_err());
        assert!(PartialDate::parse("1900-02-29").is_err());
        assert!(PartialDate::parse("2024-04-31").is_err());
        assert_eq!(PartialDate::parse("0000"), Err(DateError::Year));
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for text in [
            "",
            "24",
            "2024-8-8",
            "2024/08/08",
            "2024-08-08-01",
            "08.08.2024",
            "2024-08-",
            "+2024",
            "２０２４",
        ] {
            assert_eq!(PartialDate::parse(text), Err(DateError::Shape), "{text}");
        }
    }

    #[test]
    fn long_form() {
        assert_eq!(
            PartialDate::parse("2024-08-08").unwrap().long(),
            "8 August 2024"
        );
        assert_eq!(PartialDate::parse("2006-03").unwrap().long(), "March 2006");
        assert_eq!(PartialDate::parse("2006").unwrap().long(), "2006");
    }

    #[test]
    fn unix_timestamps() {
        let ts = |s: &str| PartialDate::parse(s).unwrap().unix_timestamp();
        assert_eq!(ts("1970-01-01"), 0);
        assert_eq!(ts("2024-08-08"), 1_723_075_200);
        assert_eq!(ts("2000-03-01"), 951_868_800);
        assert_eq!(ts("1969-12-31"), -86_400);
    }

    #[test]
    fn orders_chronologically() {
        let a = PartialDate::parse("2006-03-20").unwrap();
        let b = PartialDate::parse("2006-09-04").unwrap();
        assert!(a < b);
    }
}

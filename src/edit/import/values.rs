//! Reading one cell's value as the format wants it: dates (date cells,
//! ISO, `DD.MM.YYYY`, `MM.YYYY`, month names in en, ru and kk), parties
//! (codes or state names in en, ru, kk and uz, with "did you mean"),
//! keywords (or the department's words from the mapping) and lists.
//!
//! Nothing is guessed: a value that can be read two ways (`03/04/2019`
//! without `dates: {order: …}`) is refused with the way to settle it.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::columns::{Mapping, Order, normalise};
use super::read::Cell;
use crate::register::codes;
use crate::register::date::{PartialDate, days_in_month};

/// Why a value cannot be read: the message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    pub message: String,
    pub hint: Option<String>,
}

fn bad(message: String, hint: Option<String>) -> Bad {
    Bad { message, hint }
}

/// Month names (full, genitive, abbreviated) in en, ru and kk.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("январь", 1),
    ("января", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("март", 3),
    ("марта", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июль", 7),
    ("июля", 7),
    ("август", 8),
    ("августа", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("қаңтар", 1),
    ("ақпан", 2),
    ("наурыз", 3),
    ("сәуір", 4),
    ("мамыр", 5),
    ("маусым", 6),
    ("шілде", 7),
    ("тамыз", 8),
    ("қыркүйек", 9),
    ("қазан", 10),
    ("қараша", 11),
    ("желтоқсан", 12),
];

/// Words around a date that say nothing: `г.`, `года`, `жылғы`, `ж.`.
const NOISE: &[&str] = &[
    "г.",
    "г",
    "года",
    "год",
    "жылғы",
    "жыл",
    "ж.",
    "ж",
    "y.",
    ",",
];

/// A date from a cell.
pub fn date(cell: &Cell, order: Option<Order>) -> Result<PartialDate, Bad> {
    match cell {
        Cell::Date(y, m, d) => checked(*y, Some(*m), Some(*d), &cell.text()),
        Cell::Number(n) if n.fract() == 0.0 && (1000.0..=2999.0).contains(n) => {
            checked(*n as u16, None, None, &cell.text())
        }
        Cell::Number(_) => Err(bad(
            format!("{} is a number, not a date", cell.text()),
            Some("format the cell as a date, or write the date as YYYY-MM-DD".into()),
        )),
        _ => text_date(&cell.text(), order),
    }
}

/// A date from text in one of the shapes the contract lists.
pub fn text_date(text: &str, order: Option<Order>) -> Result<PartialDate, Bad> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches(',').to_lowercase())
        .filter(|w| !NOISE.contains(&w.as_str()) && !w.is_empty())
        .collect();
    let number = |s: &str| {
        s.parse::<u16>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
    };
    let month_of = |s: &str| {
        MONTHS
            .iter()
            .find(|(n, _)| *n == s.trim_end_matches('.'))
            .map(|(_, m)| *m)
    };
    let year_of = |s: &str| number(s).filter(|_| s.len() == 4);
    let not_a_date = || {
        bad(
            format!("\"{text}\" is not a date"),
            Some(
                "write YYYY-MM-DD, DD.MM.YYYY, MM.YYYY, YYYY or \"8 August 2024\", or make the \
                 cell a date cell"
                    .into(),
            ),
        )
    };
    match words.as_slice() {
        [one] => numeric(one, text, order).unwrap_or_else(|| Err(not_a_date())),
        // 8 August 2024, 8 августа 2024
        [d, m, y] if number(d).is_some() && month_of(m).is_some() && year_of(y).is_some() => {
            checked(
                year_of(y).unwrap(),
                month_of(m),
                number(d).map(|d| d as u8),
                text,
            )
        }
        // August 8 2024
        [m, d, y] if number(d).is_some() && month_of(m).is_some() && year_of(y).is_some() => {
            checked(
                year_of(y).unwrap(),
                month_of(m),
                number(d).map(|d| d as u8),
                text,
            )
        }
        // 2024 жылғы 8 тамыз
        [y, d, m] if year_of(y).is_some() && number(d).is_some() && month_of(m).is_some() => {
            checked(
                year_of(y).unwrap(),
                month_of(m),
                number(d).map(|d| d as u8),
                text,
            )
        }
        // August 2024, 2024 тамыз
        [m, y] if month_of(m).is_some() && year_of(y).is_some() => {
            checked(year_of(y).unwrap(), month_of(m), None, text)
        }
        [y, m] if month_of(m).is_some() && year_of(y).is_some() => {
            checked(year_of(y).unwrap(), month_of(m), None, text)
        }
        _ => Err(not_a_date()),
    }
}

/// `YYYY[-MM[-DD]]`, `DD.MM.YYYY`, `MM.YYYY`, `A/B/YYYY`; `None` when the
/// text has none of these shapes.
fn numeric(word: &str, text: &str, order: Option<Order>) -> Option<Result<PartialDate, Bad>> {
    let parts: Vec<&str> = word.split(['.', '-', '/']).collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u16> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let year4 = |i: usize| parts[i].len() == 4;
    let sep = word.chars().find(|c| !c.is_ascii_digit());
    Some(match (n.as_slice(), sep) {
        ([y], None) if year4(0) => checked(*y, None, None, text),
        ([y, m], Some('-')) if year4(0) => checked(*y, Some(*m as u8), None, text),
        ([y, m, d], Some('-')) if year4(0) => checked(*y, Some(*m as u8), Some(*d as u8), text),
        ([m, y], Some('.' | '/')) if year4(1) => checked(*y, Some(*m as u8), None, text),
        ([d, m, y], Some('.')) if year4(2) => checked(*y, Some(*m as u8), Some(*d as u8), text),
        ([a, b, y], Some('/')) if year4(2) => slashed(*a, *b, *y, text, order),
        _ => return None,
    })
}

/// `A/B/YYYY`: read by the mapping's order, or where only one reading is
/// a date; refused where both are.
fn slashed(a: u16, b: u16, y: u16, text: &str, order: Option<Order>) -> Result<PartialDate, Bad> {
    let (d, m) = match order {
        Some(Order::Dmy) => (a, b),
        Some(Order::Mdy) => (b, a),
        None if a > 12 && b <= 12 => (a, b),
        None if b > 12 && a <= 12 => (b, a),
        None => {
            return Err(bad(
                format!("\"{text}\" can be read as day/month or as month/day"),
                Some(
                    "say which in the mapping file: `dates: {order: DMY}` (or MDY), and give it \
                     with --mapping"
                        .into(),
                ),
            ));
        }
    };
    checked(y, Some(m as u8), Some(d as u8), text)
}

/// The date, or why it does not exist.
fn checked(year: u16, month: Option<u8>, day: Option<u8>, text: &str) -> Result<PartialDate, Bad> {
    let impossible = |why: String| {
        bad(
            format!("\"{text}\" is not a date ({why})"),
            Some("correct the date in the list; a date not known is left empty".into()),
        )
    };
    if year == 0 {
        return Err(impossible("there is no year 0".into()));
    }
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(impossible(format!("there is no month {m}")));
    }
    if let (Some(d), Some(m)) = (day, month) {
        let days = days_in_month(year, m);
        if !(1..=days).contains(&d) {
            let name = PartialDate {
                year,
                month: Some(m),
                day: None,
            }
            .long();
            return Err(impossible(format!("{name} has {days} days")));
        }
    }
    Ok(PartialDate { year, month, day })
}

/// The state names by normalised name, and every (name, code) pair for
/// suggestions.
type StateNames = (
    HashMap<String, &'static str>,
    Vec<(&'static str, &'static str)>,
);

/// Every state name the tool knows (en, ru, kk, uz) and its code, by the
/// name compared as [`normalise`] compares.
fn names() -> &'static StateNames {
    static NAMES: OnceLock<StateNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut all = Vec::new();
        for (code, name) in codes::countries() {
            all.push((name, code));
            for lang in ["ru", "kk", "uz"] {
                if let Some(n) = codes::country_name_in(lang, code) {
                    all.push((n, code));
                }
            }
        }
        let map = all.iter().map(|(n, c)| (normalise(n), *c)).collect();
        (map, all)
    })
}

/// The code of a state given by code or name.
pub fn state(text: &str) -> Result<&'static str, Bad> {
    let trimmed = text.trim();
    let upper = trimmed.to_uppercase();
    if let Some((code, _)) = codes::countries().find(|(c, _)| *c == upper) {
        return Ok(code);
    }
    let (map, all) = names();
    if let Some(code) = map.get(&normalise(trimmed)) {
        return Ok(code);
    }
    let labels: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
    let hint = match crate::register::suggest::closest(trimmed, &labels) {
        Some(near) => {
            let code = all.iter().find(|(n, _)| *n == near).map_or("", |(_, c)| c);
            format!("did you mean \"{near}\" ({code})?")
        }
        None => "write the ISO 3166-1 alpha-3 code (KAZ, UZB) or the state's short name".into(),
    };
    Err(bad(
        format!("unknown state \"{trimmed}\" in parties"),
        Some(hint),
    ))
}

/// The parties of a cell: items separated by `;` or new lines, each
/// `STATE` or `STATE=BODY`. Every bad item is reported. A state alone is
/// the state itself as party, so its body is the state's official name
/// (the import contract); `STATE=` with nothing after it leaves the body
/// not recorded, which is how `list --format csv` writes such a party.
pub fn parties(text: &str) -> (Vec<(String, Option<String>)>, Vec<Bad>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for item in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
    {
        let (name, body) = match item.split_once('=') {
            Some((s, b)) => (s, Some(Some(b.trim().to_owned()).filter(|b| !b.is_empty()))),
            None => (item, None),
        };
        match state(name) {
            Ok(code) => {
                let official = || codes::official_name(code).map(str::to_owned);
                out.push((code.to_owned(), body.unwrap_or_else(official)));
            }
            Err(e) => problems.push(e),
        }
    }
    (out, problems)
}

/// A keyword of `field` (`type`, `level`, `status`, `action`): the keyword
/// itself in any case (spaces for hyphens), or the mapping's word for it.
pub fn keyword(
    field: &str,
    text: &str,
    names: &'static [&'static str],
    mapping: &Mapping,
) -> Result<&'static str, Bad> {
    let word = text.trim();
    let wanted = match mapping.value(field, word) {
        Some(k) => k.to_owned(),
        None => word
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-"),
    };
    if let Some(k) = names.iter().copied().find(|n| *n == wanted) {
        return Ok(k);
    }
    let hint = match crate::register::suggest::closest(word, names) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => format!(
            "use one of: {}; or map the department's word in the mapping file (`values: {{{field}: \
             {{\"{word}\": …}}}}`)",
            names.join(", ")
        ),
    };
    Err(bad(format!("unknown {field} \"{word}\""), Some(hint)))
}

/// Items of a list cell, separated by `;`, `,` or new lines.
pub fn list(text: &str) -> Vec<String> {
    text.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A language given by its ISO 639-1 code or its English name.
pub fn language(text: &str) -> Result<String, Bad> {
    let lower = text.trim().to_lowercase();
    if codes::language_name(&lower).is_some() {
        return Ok(lower);
    }
    codes::language_suggestion(text)
        .map(str::to_owned)
        .ok_or_else(|| {
            bad(
                format!("unknown language \"{}\"", text.trim()),
                Some("write ISO 639-1 codes: kk, ru, uz, en".into()),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> String {
        text_date(text, None)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e.message)
    }

    #[test]
    fn dates_in_every_listed_shape() {
        assert_eq!(d("08.08.2024"), "2024-08-08");
        assert_eq!(d("8.8.2024"), "2024-08-08");
        assert_eq!(d("08.2024"), "2024-08");
        assert_eq!(d("2024"), "2024");
        assert_eq!(d("2024-08"), "2024-08");
        assert_eq!(d("8 August 2024"), "2024-08-08");
        assert_eq!(d("8 августа 2024 г."), "2024-08-08");
        assert_eq!(d("2024 жылғы 8 тамыз"), "2024-08-08");
        assert_eq!(
            d("31.02.2019"),
            "\"31.02.2019\" is not a date (February 2019 has 28 days)"
        );
        assert!(d("03/04/2019").contains("day/month or as month/day"));
        assert_eq!(d("13/04/2019"), "2019-04-13");
        assert_eq!(
            text_date("03/04/2019", Some(Order::Mdy))
                .unwrap()
                .to_string(),
            "2019-03-04"
        );
        assert!(d("soon").contains("is not a date"));
        assert_eq!(
            date(&Cell::Date(2024, 8, 8), None).unwrap().to_string(),
            "2024-08-08"
        );
        assert_eq!(
            date(&Cell::Number(2019.0), None).unwrap().to_string(),
            "2019"
        );
    }

    #[test]
    fn states_by_code_or_name_in_four_languages() {
        assert_eq!(state("kaz"), Ok("KAZ"));
        assert_eq!(state("Казахстан"), Ok("KAZ"));
        assert_eq!(state("Өзбекстан"), Ok("UZB"));
        assert_eq!(state("Qozogʻiston"), Ok("KAZ"));
        assert_eq!(state("uzbekistan"), Ok("UZB"));
        let e = state("Kazakstan").unwrap_err();
        assert_eq!(e.message, "unknown state \"Kazakstan\" in parties");
        assert_eq!(
            e.hint.as_deref(),
            Some("did you mean \"Kazakhstan\" (KAZ)?")
        );
        let (p, bad) = parties("Казахстан=Правительство РК;\nUZB; Atlantis; GEO=");
        assert_eq!(
            p,
            [
                ("KAZ".to_owned(), Some("Правительство РК".to_owned())),
                ("UZB".to_owned(), Some("Republic of Uzbekistan".to_owned())),
                ("GEO".to_owned(), None),
            ]
        );
        assert_eq!(bad.len(), 1);
    }

    #[test]
    fn keywords_and_mapped_words() {
        let names = crate::register::model::InstrumentType::NAMES;
        let m: Mapping = serde_yaml::from_str("values: {type: {Соглашение: agreement}}").unwrap();
        assert_eq!(keyword("type", "Agreement", names, &m), Ok("agreement"));
        assert_eq!(keyword("type", "соглашение", names, &m), Ok("agreement"));
        assert_eq!(keyword("type", "Action plan", names, &m), Ok("action-plan"));
        assert!(
            keyword("type", "agrement", names, &m)
                .unwrap_err()
                .hint
                .unwrap()
                .contains("agreement")
        );
    }
}

//! Which column holds which field: headers matched case- and
//! space-insensitively against the format's field names and the labels of
//! the contract (`import.md`), and the department's own words from a
//! mapping file (`columns:`, `values:`, `dates:`, `ids:`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The fields an instrument row may give, by their format names.
pub const INSTRUMENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "titles.ru",
    "titles.kk",
    "titles.uz",
    "type",
    "level",
    "parties",
    "signed.date",
    "signed.place",
    "in_force.date",
    "status",
    "subjects",
    "languages",
    "notes",
    "depositary",
    "sources",
];

/// The fields an act row may give.
pub const ACT_FIELDS: &[&str] = &[
    "id",
    "title",
    "action",
    "party",
    "date",
    "effective",
    "reference",
    "label",
    "regarding",
    "text",
    "note",
];

/// Labels recognised besides the field names (contract, "Columns").
const LABELS: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "No.",
            "No",
            "Number",
            "№",
            "Номер",
            "Нөмірі",
            "Register number",
        ],
    ),
    (
        "title",
        &["Title", "Name", "Наименование", "Название", "Атауы"],
    ),
    (
        "titles.ru",
        &[
            "Title (ru)",
            "Наименование (рус.)",
            "Название (рус.)",
            "Атауы (орыс.)",
        ],
    ),
    (
        "titles.kk",
        &[
            "Title (kk)",
            "Наименование (каз.)",
            "Название (каз.)",
            "Атауы (қаз.)",
        ],
    ),
    (
        "titles.uz",
        &[
            "Title (uz)",
            "Наименование (узб.)",
            "Название (узб.)",
            "Атауы (өзб.)",
        ],
    ),
    ("type", &["Type", "Kind", "Вид", "Түрі"]),
    ("level", &["Level", "Уровень", "Деңгейі"]),
    ("parties", &["Parties", "Стороны", "Тараптар"]),
    (
        "signed.date",
        &[
            "Date of signature",
            "Signed",
            "Дата подписания",
            "Қол қойылған күні",
        ],
    ),
    (
        "signed.place",
        &[
            "Place of signature",
            "Место подписания",
            "Қол қойылған жері",
        ],
    ),
    (
        "in_force.date",
        &[
            "Entry into force",
            "Дата вступления в силу",
            "Күшіне енген күні",
        ],
    ),
    ("status", &["Status", "Статус", "Мәртебесі"]),
    ("subjects", &["Subjects"]),
    ("languages", &["Languages"]),
    ("notes", &["Notes"]),
    ("depositary", &["Depositary"]),
    ("sources", &["Sources", "Source"]),
    ("action", &["Action", "Act", "Действие"]),
    ("party", &["Party", "State", "Сторона", "Государство"]),
    ("date", &["Date", "Дата", "Күні"]),
    ("effective", &["Effective", "Вступает в силу"]),
    ("reference", &["Reference"]),
    ("label", &["Label"]),
    ("regarding", &["Regarding"]),
    ("text", &["Text"]),
    ("note", &["Note"]),
];

/// A mapping file: the department's own column labels and words.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Header label → field name.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Field (`type`, `level`, `status`, `action`) → word → keyword.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub dates: Dates,
    #[serde(default)]
    pub ids: Option<Ids>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// `DMY` or `MDY`: how to read `03/04/2019`.
    pub order: Option<Order>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Order {
    #[serde(rename = "DMY")]
    Dmy,
    #[serde(rename = "MDY")]
    Mdy,
}

/// Ids for rows without one: `PREFIX-YYYY-NNN` by signature year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ids {
    pub prefix: String,
    #[serde(default = "one")]
    pub from: u64,
}

fn one() -> u64 {
    1
}

impl Mapping {
    pub fn read(path: &Path) -> Result<Mapping> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mapping: Mapping = serde_yaml::from_str(&text).map_err(|e| Error::Usage {
            message: format!("{}: not a mapping file ({e})", path.display()),
            hint: Some(
                "a mapping has `columns:`, `values:`, `dates: {order: DMY}` and `ids:`; see \
                 docs/archivist-guide.md"
                    .into(),
            ),
        })?;
        for (label, field) in &mapping.columns {
            if !INSTRUMENT_FIELDS.contains(&field.as_str()) && !ACT_FIELDS.contains(&field.as_str())
            {
                return Err(Error::Usage {
                    message: format!(
                        "{}: column `{label}` is mapped to `{field}`, which is no field",
                        path.display()
                    ),
                    hint: Some(format!("the fields are: {}", INSTRUMENT_FIELDS.join(", "))),
                });
            }
        }
        Ok(mapping)
    }

    /// The keyword the department's `word` stands for in `field`.
    pub fn value(&self, field: &str, word: &str) -> Option<&str> {
        let key = normalise(word);
        self.values
            .get(field)?
            .iter()
            .find(|(w, _)| normalise(w) == key)
            .map(|(_, k)| k.as_str())
    }
}

/// A header or word compared without case, spaces or a trailing colon.
pub fn normalise(text: &str) -> String {
    text.trim()
        .trim_end_matches(':')
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names, among `allowed`.
pub fn field_of(header: &str, mapping: &Mapping, allowed: &[&'static str]) -> Option<&'static str> {
    let key = normalise(header);
    let known = |f: &str| allowed.iter().copied().find(|a| *a == f);
    if let Some((_, f)) = mapping.columns.iter().find(|(l, _)| normalise(l) == key) {
        return known(f);
    }
    if let Some(f) = allowed.iter().copied().find(|f| normalise(f) == key) {
        return Some(f);
    }
    LABELS
        .iter()
        .find(|(_, labels)| labels.iter().any(|l| normalise(l) == key))
        .and_then(|(f, _)| known(f))
}

/// Every label a header may have, for "did you mean".
pub fn all_labels(allowed: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = allowed.to_vec();
    for (f, labels) in LABELS {
        if allowed.contains(f) {
            out.extend(labels.iter().copied());
        }
    }
    out
}

/// The template's headers and what each column means, in order.
pub const TEMPLATE: &[(&str, &str)] = &[
    (
        "id",
        "Register number, e.g. KZ-UZ-2024-001; empty: the next free number is given",
    ),
    ("title", "Official English title as signed (required)"),
    ("titles.ru", "Title in Russian"),
    ("titles.kk", "Title in Kazakh"),
    ("titles.uz", "Title in Uzbek"),
    (
        "type",
        "agreement, treaty, protocol, memorandum, declaration, joint-statement, decision, programme, action-plan, roadmap, exchange-of-notes or other; or the department's words through a mapping (required)",
    ),
    (
        "level",
        "interstate, intergovernmental, interagency, subnational or institutional",
    ),
    (
        "parties",
        "Two or more: STATE or STATE=BODY, separated by ; or new lines; STATE is a code (KAZ) or a name in en, ru, kk or uz; STATE alone gives the state's official name as body, STATE= leaves the body not recorded (required)",
    ),
    (
        "signed.date",
        "Date of signature: a date cell, YYYY-MM-DD, DD.MM.YYYY, MM.YYYY, YYYY, 8 August 2024, 8 августа 2024 г. (required)",
    ),
    ("signed.place", "Place of signature"),
    ("in_force.date", "Date of entry into force"),
    (
        "status",
        "signed, adopted, in-force, provisionally-applied, expired, terminated or superseded; required unless acts are imported for the row",
    ),
    ("subjects", "Lower-case subject terms separated by ; or ,"),
    (
        "languages",
        "ISO 639-1 codes of the authentic languages (kk; ru; uz)",
    ),
    ("notes", "Discrepancies between sources, caveats"),
    (
        "depositary",
        "The depositary state's code, or an organisation",
    ),
    (
        "sources",
        "Where the facts come from: titles separated by ; (the list itself is recorded as a source)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_any_case_and_language() {
        let m = Mapping::default();
        assert_eq!(
            field_of(" Дата  подписания ", &m, INSTRUMENT_FIELDS),
            Some("signed.date")
        );
        assert_eq!(field_of("NO.", &m, INSTRUMENT_FIELDS), Some("id"));
        assert_eq!(
            field_of("signed.date", &m, INSTRUMENT_FIELDS),
            Some("signed.date")
        );
        assert_eq!(field_of("Дата", &m, INSTRUMENT_FIELDS), None);
        assert_eq!(field_of("Дата", &m, ACT_FIELDS), Some("date"));
        let m: Mapping =
            serde_yaml::from_str("columns: { \"Страны\": parties }\nvalues:\n  type: { Соглашение: agreement }\ndates: { order: DMY }\n").unwrap();
        assert_eq!(field_of("страны", &m, INSTRUMENT_FIELDS), Some("parties"));
        assert_eq!(m.value("type", "СОГЛАШЕНИЕ"), Some("agreement"));
        assert_eq!(m.dates.order, Some(Order::Dmy));
    }
}

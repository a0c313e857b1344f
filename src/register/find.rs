//! Finding instruments: the filters of `list` (party, status as of a date,
//! type, subject, dates of signature, UN registration, words), combined
//! with AND.
//!
//! Words are matched without regard to case or diacritics, as a person
//! searches a register written in English, Russian, Kazakh and Uzbek:
//! text is decomposed (Unicode NFD, ICU4X), its combining marks dropped and
//! the rest lower-cased, so `АГЕНТСТВО` finds `агентство`, `Turkiye` finds
//! `Türkiye`; apostrophes and the Uzbek ʻ are dropped too, so `ozbekiston`
//! finds `Oʻzbekiston`.

use icu_normalizer::DecomposingNormalizerBorrowed;
use icu_properties::CodePointMapData;
use icu_properties::props::GeneralCategory;

use crate::error::{Error, Result};
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::{Instrument, InstrumentType, Status};

/// What an instrument must be to be listed; `None` (or empty) lets all
/// through.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// An ISO 3166-1 alpha-3 code: one of the parties.
    pub party: Option<String>,
    /// The status as of the date the filter is applied for.
    pub status: Option<Status>,
    pub kind: Option<InstrumentType>,
    /// A subject term, matched as [`fold`]ed text.
    pub subject: Option<String>,
    /// Signed on or after, on or before (reduced dates: any day they may mean).
    pub signed_from: Option<PartialDate>,
    pub signed_to: Option<PartialDate>,
    /// Registered with the UN (`Some(true)`), or not (`Some(false)`).
    pub registered: Option<bool>,
    /// Every word must occur in the instrument's searchable text, [`fold`]ed.
    pub words: Vec<String>,
    /// Withdrawn entries instead of the register's own (`list --withdrawn`).
    pub withdrawn: bool,
}

impl Filter {
    /// The words of `--search`, folded.
    pub fn search(&mut self, text: &str) {
        self.words = text
            .split_whitespace()
            .map(fold)
            .filter(|w| !w.is_empty())
            .collect();
    }

    /// Whether `i` passes every filter, its status taken as of `as_of`.
    pub fn matches(&self, i: &Instrument, as_of: PartialDate) -> bool {
        i.is_withdrawn() == self.withdrawn
            && self
                .party
                .as_ref()
                .is_none_or(|p| i.parties.iter().any(|x| &x.state == p))
            && self.status.is_none_or(|s| lifecycle::status(i, as_of) == s)
            && self.kind.is_none_or(|k| i.kind == k)
            && self
                .subject
                .as_ref()
                .is_none_or(|s| i.subjects.iter().any(|x| fold(x) == fold(s)))
            && self
                .signed_from
                .is_none_or(|d| !i.signed.date.surely_before(d))
            && self
                .signed_to
                .is_none_or(|d| !d.surely_before(i.signed.date))
            && self
                .registered
                .is_none_or(|r| i.registration.is_some() == r)
            && self.words_match(i)
    }

    fn words_match(&self, i: &Instrument) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let text = fold(&searchable(i));
        self.words.iter().all(|w| text.contains(w.as_str()))
    }
}

/// What `--search` looks in: the id, the titles in every language, the
/// parties' bodies, the place of signature, subjects, references of acts
/// and the UN registration number, one per line.
fn searchable(i: &Instrument) -> String {
    let mut parts: Vec<&str> = vec![&i.id.value, &i.title];
    parts.extend(i.titles.values().map(String::as_str));
    parts.extend(i.parties.iter().filter_map(|p| p.body.as_deref()));
    parts.extend(i.signed.place.as_deref());
    parts.extend(i.subjects.iter().map(String::as_str));
    parts.extend(i.actions.iter().filter_map(|a| a.reference.as_deref()));
    parts.extend(i.registration.as_ref().map(|r| r.number.as_str()));
    parts.join("\n")
}

/// `text` for matching: decomposed, without combining marks or
/// apostrophes, lower-case.
pub fn fold(text: &str) -> String {
    let marks = CodePointMapData::<GeneralCategory>::new();
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(text);
    decomposed
        .chars()
        .filter(|c| {
            !matches!(
                marks.get(*c),
                GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
            ) && !matches!(c, '\'' | '’' | '‘' | 'ʻ' | 'ʼ' | '`')
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The whole id a short one stands for: `4` or `004` for `KZ-UZ-2024-004`,
/// `2024-004` likewise — when exactly one entry ends so. `None` when `id`
/// is a whole id or stands for none.
pub fn short_id(id: &str, files: &[std::path::PathBuf]) -> Result<Option<String>> {
    let stems: Vec<&str> = files
        .iter()
        .filter_map(|p| p.file_stem()?.to_str())
        .collect();
    if stems.contains(&id) {
        return Ok(None);
    }
    let number = |text: &str| text.trim_start_matches('0').to_owned();
    let digits = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    let candidates: Vec<&str> = stems
        .iter()
        .copied()
        .filter(|stem| {
            stem.ends_with(&format!("-{id}"))
                || (digits
                    && stem
                        .rsplit('-')
                        .next()
                        .is_some_and(|last| number(last) == number(id)))
        })
        .collect();
    match candidates.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some((*one).to_owned())),
        many => Err(Error::Usage {
            message: format!("`{id}` could be any of {}", many.join(", ")),
            hint: Some("give the whole id".into()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_diacritics_and_apostrophes() {
        assert_eq!(fold("АГЕНТСТВО"), fold("агентство"));
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("Oʻzbekiston"), "ozbekiston");
        assert_eq!(fold("O‘zbekiston Respublikasi"), "ozbekiston respublikasi");
        assert_eq!(fold("Қазақстан"), "қазақстан");
        assert_ne!(fold("agreement"), fold("agrement"));
    }
}

//! What a translation prints as recorded because the register gives no
//! translation of it: the edition prints the original (tagged with its
//! language) and says so once, in the front matter, by kind of text and
//! entry numbers ("Place of signature: Nos. 3, 5–7"), so that a reader
//! knows which words are not in the edition's language and a translator
//! knows what is left.

use std::collections::BTreeMap;

use crate::args;
use crate::publish::locale::Locale;
use crate::register::model::{Instrument, Meta, Register};

use super::numbering::Numbering;
use super::types::UntranslatedContext;

/// The kinds of an entry's texts, with the label naming each and whether
/// entry `i` has one without its translation into `lang`.
type Check = fn(&Instrument, &Meta, &str) -> bool;
const ENTRY_TEXTS: &[(&str, Check)] = &[
    ("untranslated-titles", |i, _, lang| {
        !i.titles.contains_key(lang)
    }),
    ("untranslated-places", |i, _, lang| {
        i.signed.place.is_some() && !i.places.contains_key(lang)
    }),
    ("untranslated-bodies", |i, _, lang| {
        i.parties
            .iter()
            .any(|p| p.body.is_some() && !p.bodies.contains_key(lang))
    }),
    ("untranslated-names", |i, _, lang| {
        i.signed
            .signatories
            .iter()
            .any(|s| !s.names.contains_key(lang))
    }),
    ("untranslated-notes", |i, _, lang| {
        i.notes.is_some() && !i.notes_translated.contains_key(lang)
    }),
    ("untranslated-subjects", |i, meta, lang| {
        i.subjects.iter().any(|s| {
            meta.subject_labels
                .get(s)
                .is_none_or(|labels| !labels.contains_key(lang))
        })
    }),
];

/// The untranslated texts of edition `loc` of `register`; none in the
/// register's own language.
pub(super) fn untranslated(
    register: &Register,
    numbering: &Numbering,
    loc: &Locale,
) -> Vec<UntranslatedContext> {
    let meta = &register.meta;
    let lang = loc.code();
    if lang == meta.language {
        return Vec::new();
    }
    let own = meta.texts.get(lang);
    let register_texts = [
        (
            "untranslated-title",
            Some(&meta.title),
            own.and_then(|t| t.title.as_ref()),
        ),
        (
            "untranslated-subtitle",
            meta.subtitle.as_ref(),
            own.and_then(|t| t.subtitle.as_ref()),
        ),
        (
            "untranslated-series",
            meta.series.as_ref(),
            own.and_then(|t| t.series.as_ref()),
        ),
        (
            "untranslated-authority",
            meta.authority.as_ref(),
            own.and_then(|t| t.authority.as_ref()),
        ),
        (
            "untranslated-foreword",
            meta.foreword.as_ref(),
            own.and_then(|t| t.foreword.as_ref()),
        ),
    ];
    let register_lines = register_texts
        .into_iter()
        .filter(|(_, original, translation)| original.is_some() && translation.is_none())
        .map(|(what, _, _)| UntranslatedContext {
            what: loc.text(what),
            entries: String::new(),
        });
    let mut numbers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in &register.instruments {
        for (k, (_, lacks)) in ENTRY_TEXTS.iter().enumerate() {
            if lacks(i, meta, lang) {
                numbers
                    .entry(k)
                    .or_default()
                    .push(numbering.number(&i.id.value));
            }
        }
    }
    let entry_lines = numbers.into_iter().map(|(k, mut numbers)| {
        numbers.sort_unstable();
        UntranslatedContext {
            what: loc.text(ENTRY_TEXTS[k].0),
            entries: loc.fill(
                "entry-numbers",
                &args!(count = numbers.len(), numbers = ranges(&numbers)),
            ),
        }
    });
    register_lines.chain(entry_lines).collect()
}

/// "3, 5–7, 10": runs of consecutive numbers as ranges.
fn ranges(numbers: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => runs.push((n, n)),
        }
    }
    runs.iter()
        .map(|&(a, b)| match b - a {
            0 => a.to_string(),
            1 => format!("{a}, {b}"),
            _ => format!("{a}–{b}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::ranges;

    #[test]
    fn consecutive_numbers_become_ranges() {
        assert_eq!(ranges(&[3, 5, 6, 7, 10, 11]), "3, 5–7, 10, 11");
        assert_eq!(ranges(&[1]), "1");
        assert_eq!(ranges(&[]), "");
    }
}

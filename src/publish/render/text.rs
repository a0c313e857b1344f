//! Small text helpers the builders share: a YAML value as one line, and
//! an inferred value marked as such.

use std::collections::BTreeMap;

use crate::publish::locale::Locale;

use crate::register::model::{Meta, Signatory};

use super::types::Text;

/// `text`, in edition `loc`'s own language (a translation, or the
/// edition's words around a recorded text).
pub(super) fn in_language_of(text: String, loc: &Locale) -> Text {
    Text::In {
        text,
        lang: loc.code().to_owned(),
    }
}

/// Text as one line: line breaks and runs of spaces in YAML block
/// scalars are layout, not content.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text as its paragraphs: each one line (as [`flat`]), kept apart by a
/// line break where the YAML has a blank line between them, as the
/// numbered paragraphs of a reservation are.
pub fn paragraphs(text: &str) -> String {
    text.split("\n")
        .collect::<Vec<_>>()
        .split(|line| line.trim().is_empty())
        .map(|lines| flat(&lines.join(" ")))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` as an inferred value prints it, "[8 August 2024]", when
/// `inferred`; else as it is. The brackets come from the catalogue
/// (`inferred-value`), so every edition marks the same way its language
/// does.
pub(super) fn marked(text: String, inferred: bool, loc: &Locale) -> String {
    if inferred {
        loc.fill("inferred-value", &crate::args!(value = text))
    } else {
        text
    }
}

/// `original` (in the register's language, `source`) as edition `loc`
/// prints it: its translation in `translations` where the edition is a
/// translation and has one.
pub fn in_edition(
    original: &str,
    translations: &BTreeMap<String, String>,
    source: &str,
    loc: &Locale,
) -> Text {
    match translations.get(loc.code()) {
        Some(t) if loc.code() != source => in_language_of(flat(t), loc),
        _ => Text::Original(flat(original)),
    }
}

/// "Name, office" as edition `loc` prints it: the name translated where
/// the entry has its translation (`names`), the office as recorded.
pub(super) fn signatory(s: &Signatory, source: &str, loc: &Locale) -> Text {
    let name = in_edition(&s.name, &s.names, source, loc);
    let Some(office) = &s.office else {
        return name;
    };
    match name {
        Text::Original(name) => Text::Original(format!("{name}, {}", flat(office))),
        name => Text::Parts {
            parts: vec![name, Text::Original(format!(", {}", flat(office)))],
        },
    }
}

/// A subject term as edition `loc` prints it: its label in the edition's
/// language from `register/subjects.yaml`, else its label in the
/// register's language (tagged with it), else the term as recorded.
pub(super) fn subject(term: &str, meta: &Meta, loc: &Locale) -> Text {
    let labels = meta.subject_labels.get(term);
    let label = |lang: &str| labels.and_then(|l| l.get(lang)).map(|l| flat(l));
    match label(loc.code()) {
        Some(text) if loc.code() != meta.language => in_language_of(text, loc),
        Some(text) => Text::Original(text),
        None => Text::Original(label(&meta.language).unwrap_or_else(|| term.to_owned())),
    }
}

/// Stands in a catalogue sentence for a text recorded in the register
/// (`recorded`), so that [`around`] can tell the two apart.
pub const RECORDED: &str = "\u{e000}";

/// `sentence` (in the edition's language, with [`RECORDED`] where the
/// register's own `recorded` text goes) as edition `loc` prints it: in a
/// translation, the sentence's words in its language and the recorded text
/// tagged with the register's (`source`); in the register's language, one
/// plain text.
pub fn around(sentence: &str, recorded: &str, source: &str, loc: &Locale) -> Text {
    let Some((before, after)) = sentence.split_once(RECORDED) else {
        return Text::Original(sentence.to_owned());
    };
    if loc.code() == source {
        return Text::Original(format!("{before}{recorded}{after}"));
    }
    let own = |text: &str| in_language_of(text.to_owned(), loc);
    let parts = [own(before), Text::Original(recorded.to_owned()), own(after)]
        .into_iter()
        .filter(|p| !p.plain().is_empty())
        .collect();
    Text::Parts { parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_kept_and_lines_within_them_joined() {
        let text = "1. Article 12\n   applies.\n\n  \n2. Article 14\ndoes not.\n";
        assert_eq!(
            paragraphs(text),
            "1. Article 12 applies.\n2. Article 14 does not."
        );
        assert_eq!(paragraphs("one line"), "one line");
    }

    #[test]
    fn a_recorded_text_in_a_catalogue_sentence_keeps_its_language() {
        let en = Locale::new("en").unwrap();
        let sentence = format!("1 June 2021 ({RECORDED})");
        let Text::Parts { parts } = around(&sentence, "через тридцать дней", "ru", &en)
        else {
            panic!("a translation tags the parts apart");
        };
        assert_eq!(
            parts,
            [
                Text::In {
                    text: "1 June 2021 (".into(),
                    lang: "en".into()
                },
                Text::Original("через тридцать дней".into()),
                Text::In {
                    text: ")".into(),
                    lang: "en".into()
                },
            ]
        );
        assert_eq!(
            around(&sentence, "thirty days", "en", &en),
            Text::Original("1 June 2021 (thirty days)".into())
        );
    }
}

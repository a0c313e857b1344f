//! Small text helpers the builders share: a YAML value as one line, and
//! an inferred value marked as such.

use crate::publish::locale::Locale;

/// Text as one line: line breaks and runs of spaces in YAML block
/// scalars are layout, not content.
pub(super) fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

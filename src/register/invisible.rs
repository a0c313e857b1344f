//! Characters that print as nothing, or that reorder the text around them:
//! which they are, what `check` thinks of them, and how messages show them.
//!
//! Bidirectional controls (U+202A–U+202E, U+2066–U+2069) make a title read
//! differently from its characters ("Trojan Source", CVE-2021-42574): the
//! PDF and the web edition show one thing, a search or a copy finds
//! another. They are errors. Invisible characters (zero-width space, soft
//! hyphen, byte order mark inside a text, line separator, …) are usually
//! pasted in by accident, and break searching and copying; they are
//! warnings. Zero-width joiner and non-joiner (U+200C, U+200D) are left
//! alone: Persian, Indic scripts and emoji need them.

/// What `check` makes of a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bidirectional embedding, override or isolate: an error.
    Bidi,
    /// Prints as nothing: a warning.
    Invisible,
}

/// The kind of `c`, or `None` for an ordinary character.
pub fn kind(c: char) -> Option<Kind> {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(Kind::Bidi),
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180E}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => Some(Kind::Invisible),
        _ => None,
    }
}

/// Whether a message or a quoted line spells `c` out as `<U+XXXX>`
/// instead of printing it: every character above, and the joiners too
/// (harmless in a title, but invisible in a message).
pub fn spelled_out(c: char) -> bool {
    kind(c).is_some() || matches!(c, '\u{200C}' | '\u{200D}')
}

/// `c` as messages show it: `<U+202E>`.
pub fn code(c: char) -> String {
    format!("<U+{:04X}>", u32::from(c))
}

/// The character's name, for messages.
pub fn name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{00AD}' => "soft hyphen",
        '\u{200B}' => "zero width space",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{061C}' => "Arabic letter mark",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "zero width no-break space (byte order mark)",
        _ => "invisible character",
    }
}

/// `text` with every [`spelled_out`] character as `<U+XXXX>`: what a
/// message may print of a value without the terminal reordering it.
pub fn spell_out(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(spelled_out) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if spelled_out(c) {
                code(c)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_are_errors_and_joiners_are_allowed() {
        assert_eq!(kind('\u{202E}'), Some(Kind::Bidi));
        assert_eq!(kind('\u{2067}'), Some(Kind::Bidi));
        assert_eq!(kind('\u{200B}'), Some(Kind::Invisible));
        assert_eq!(kind('\u{00AD}'), Some(Kind::Invisible));
        assert_eq!(kind('\u{200D}'), None);
        assert_eq!(kind('a'), None);
        assert_eq!(spell_out("a\u{202E}b"), "a<U+202E>b");
    }
}

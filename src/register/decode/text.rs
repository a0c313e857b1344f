//! The rules on what a text value holds, beyond being text: bidirectional
//! controls (errors), invisible characters and over-long words (warnings),
//! each pointed at where it stands in the file, not at the value's start.
//!
//! A value's characters are looked for in its source text (between the
//! node's start and end), so that the column is the character's own even
//! in a folded or quoted scalar; a character written as a YAML escape
//! (`"\u202E"`) is not there as such, and the value's start is named.

use crate::register::diagnostic::Span;
use crate::register::glyphs;
use crate::register::invisible::{self, Kind};
use crate::register::yaml::Node;

use super::Decoder;

/// Longest word of running text that the PDF's columns hold without
/// breaking it (a long German compound is about 40 characters).
pub const MAX_WORD_CHARS: usize = 64;

/// The fields of running text, where a word is a word (not a link, path,
/// code or id).
const PROSE: &[&str] = &[
    "title",
    "titles",
    "subtitle",
    "notes",
    "notes_translated",
    "places",
    "bodies",
    "names",
    "note",
    "foreword",
    "depositary",
    "authority",
    "series",
    "subject",
    "body",
    "place",
    "name",
    "office",
    "regarding",
    "label",
];

impl Decoder<'_> {
    /// Reports the first bidirectional control (an error) and the first
    /// invisible character (a warning) of `text`; `true` if there was a
    /// control, and the value is not to be used.
    pub(super) fn characters(&mut self, node: &Node, field: &str, text: &str) -> bool {
        let mut bidi = None;
        let mut hidden = None;
        for c in text.chars() {
            match invisible::kind(c) {
                Some(Kind::Bidi) if bidi.is_none() => bidi = Some(c),
                // One the fonts cannot print is refused as such.
                Some(Kind::Invisible) if hidden.is_none() && glyphs::printable(c) => {
                    hidden = Some(c)
                }
                _ => {}
            }
        }
        if let Some(c) = bidi {
            let at = self.locate(node, &c.to_string());
            self.error(
                at,
                format!(
                    "`{field}` holds {} ({}), a bidirectional control that reorders how the text around it is shown",
                    invisible::code(c),
                    invisible::name(c)
                ),
            )
            .hints
            .push(
                "delete it: the PDF and the web edition set right-to-left scripts by themselves, \
                 and a control makes what is shown differ from what is searched and copied"
                    .into(),
            );
        }
        if let Some(c) = hidden {
            let at = self.locate(node, &c.to_string());
            self.warning(
                at,
                format!(
                    "`{field}` holds {} ({}), which prints as nothing",
                    invisible::code(c),
                    invisible::name(c)
                ),
            )
            .hints
            .push(
                "delete it unless it is meant: it usually comes with pasted text, and breaks \
                 searching and copying"
                    .into(),
            );
        }
        bidi.is_some()
    }

    /// Warns of the first word of running text over [`MAX_WORD_CHARS`].
    pub(super) fn long_words(&mut self, node: &Node, field: &str, text: &str) {
        if !PROSE.contains(&field) {
            return;
        }
        let Some(word) = text
            .split_whitespace()
            .find(|w| w.chars().count() > MAX_WORD_CHARS)
        else {
            return;
        };
        let n = word.chars().count();
        let at = self.locate(node, word);
        self.warning(
            at,
            format!(
                "`{field}` has a word of {n} characters, over {MAX_WORD_CHARS}: the PDF breaks it wherever the column ends"
            ),
        )
        .hints
        .push("look for a missing space or a pasted link; a long link belongs in `sources`".into());
    }

    /// Where `needle` first stands in the source text of `node`, or the
    /// node's start if it is not written there as such.
    pub(super) fn locate(&self, node: &Node, needle: &str) -> Span {
        let needle: Vec<char> = needle.chars().collect();
        let first = node.span.line as usize;
        let (last, end) = (node.end.0 as usize, node.end.1 as usize);
        let lines = self
            .source
            .lines()
            .enumerate()
            .skip(first.saturating_sub(1));
        for (i, line) in lines.take((last + 1).saturating_sub(first)) {
            let chars: Vec<char> = line.chars().collect();
            let from = if i + 1 == first {
                node.span.column as usize - 1
            } else {
                0
            };
            let to = if i + 1 == last {
                end.saturating_sub(1)
            } else {
                chars.len()
            };
            let lo = from.min(chars.len());
            let part = &chars[lo..to.min(chars.len()).max(lo)];
            if let Some(at) = part.windows(needle.len()).position(|w| w == needle) {
                return Span::new(i + 1, lo + at + 1, needle.len());
            }
        }
        node.span
    }
}

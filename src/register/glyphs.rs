//! Which characters the register's fonts can print, so that `check`
//! refuses what `build` could not typeset. The PDF is set in Libertinus
//! Serif, then the Noto families for Arabic, CJK, Georgian and Armenian
//! (src/publish/fonts.rs), with typst's own fallback off (a missing glyph
//! would otherwise print as a blank box). A character is printable when
//! every Libertinus face maps it, or the Noto table does (generated from
//! the pinned files, regular and bold). Both are built into the tool: the
//! answer does not depend on what a machine has installed or provisioned.

use std::sync::OnceLock;

use crate::support::templates::TEMPLATES;

/// Ranges of code points every Libertinus Serif face maps, sorted.
fn covered() -> &'static [(u32, u32)] {
    static RANGES: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    RANGES.get_or_init(|| {
        let mut common: Option<std::collections::BTreeSet<u32>> = None;
        for (name, bytes) in TEMPLATES {
            if !(name.starts_with("fonts/LibertinusSerif-") && name.ends_with(".otf")) {
                continue;
            }
            let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
                continue;
            };
            let mut mapped = std::collections::BTreeSet::new();
            if let Some(cmap) = face.tables().cmap {
                for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                    subtable.codepoints(|cp| {
                        if subtable.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                            mapped.insert(cp);
                        }
                    });
                }
            }
            common = Some(match common {
                None => mapped,
                Some(c) => c.intersection(&mapped).copied().collect(),
            });
        }
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for cp in common.unwrap_or_default() {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == cp => *end = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        ranges
    })
}

/// Whether the fonts can print `c` (line breaks, tabs and spaces are
/// layout, never glyphs).
pub fn printable(c: char) -> bool {
    // Whitespace, but not the control characters that count as such:
    // U+000B, U+000C and U+0085 are not allowed in YAML, and print nothing.
    if c.is_ascii_graphic() || matches!(c, ' ' | '\t' | '\n' | '\r') {
        return true;
    }
    if c.is_control() {
        return false;
    }
    if c.is_whitespace() {
        return true;
    }
    let cp = u32::from(c);
    in_ranges(covered(), cp) || in_ranges(super::generated::noto::RANGES, cp)
}

fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|(start, end)| {
            if *end < cp {
                std::cmp::Ordering::Less
            } else if *start > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The first character of `text` the fonts cannot print.
pub fn unprintable(text: &str) -> Option<char> {
    if text.is_ascii()
        && !text
            .bytes()
            .any(|b| b.is_ascii_control() && !b.is_ascii_whitespace())
    {
        return None;
    }
    text.chars().find(|c| !printable(*c))
}

/// The scripts the fonts print, for messages: "Latin, Greek, Cyrillic".
pub fn scripts() -> String {
    let samples = [
        ("Latin", 'ş'),
        ("Greek", 'Ω'),
        ("Cyrillic", 'Ж'),
        ("Kazakh Cyrillic", 'ғ'),
        ("Hebrew", 'א'),
        ("Arabic", 'ق'),
        ("Georgian", 'ა'),
        ("Armenian", 'Ա'),
        ("Chinese", '中'),
    ];
    let names: Vec<&str> = samples
        .iter()
        .filter(|(_, c)| printable(*c))
        .map(|(name, _)| *name)
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_print_the_registers_scripts_and_not_others() {
        // Latin and Cyrillic of the region (Turkmen ň, Azerbaijani ə, Tajik
        // ҷ, Kyrgyz ң), Arabic and Persian, Chinese, Georgian, Armenian.
        for c in [
            'A', 'é', 'ş', 'Қ', 'ғ', 'Ө', 'ў', 'ʻ', '–', '“', '№', '\n', 'ň', 'ə', 'ҷ', 'ң', 'ق',
            'پ', '中', '협', 'ა', 'Ա',
        ] {
            assert!(printable(c), "{c:?}");
        }
        for c in ['ก', 'क', '🇰'] {
            assert!(!printable(c), "{c:?}");
        }
        assert_eq!(unprintable("Agreement क x"), Some('क'));
        assert_eq!(unprintable("Соглашение اتفاقية 协定"), None);
        assert!(scripts().starts_with("Latin, Greek, Cyrillic"));
    }
}

//! How wide a piece of text prints, from the fonts' own advance widths, so
//! that a participants table's columns are sized here, once, rather than by
//! typst measuring every word of every table (1,500 tables a volume: a
//! fifth of the volume's typesetting time, docs/performance.md).
//!
//! The faces are the templates' fallback chain: Libertinus Serif (built
//! in), then the pinned Noto families (from the cache folder where `build`
//! provisioned them). A character no face has counts as one em (as CJK
//! ideographs are). Kerning and ligatures only ever narrow a word, so the
//! sum of advances is a width the word never exceeds.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use ttf_parser::Face;

use crate::publish::locale::Locale;
use crate::publish::{cache, fonts};
use crate::support::templates::TEMPLATES;

/// A face of the chain: its glyphs' advances in em.
struct Metrics {
    face: Face<'static>,
    per_em: f32,
}

impl Metrics {
    fn parse(bytes: &'static [u8]) -> Option<Metrics> {
        let face = Face::parse(bytes, 0).ok()?;
        let per_em = f32::from(face.units_per_em());
        Some(Metrics { face, per_em })
    }

    fn advance(&self, c: char) -> Option<f32> {
        let glyph = self.face.glyph_index(c).filter(|g| g.0 != 0)?;
        Some(f32::from(self.face.glyph_hor_advance(glyph)?) / self.per_em)
    }
}

/// A weight the templates set text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    /// Field labels.
    Semibold,
    /// Table heads.
    Bold,
}

/// The faces of one weight, in the order typst tries them (the Noto
/// families have no semibold: typst takes their bold).
fn chain(weight: Weight) -> &'static [Metrics] {
    static REGULAR: OnceLock<Vec<Metrics>> = OnceLock::new();
    static SEMIBOLD: OnceLock<Vec<Metrics>> = OnceLock::new();
    static BOLD: OnceLock<Vec<Metrics>> = OnceLock::new();
    let (cell, libertinus, noto) = match weight {
        Weight::Regular => (
            &REGULAR,
            "fonts/LibertinusSerif-Regular.otf",
            "-Regular.ttf",
        ),
        Weight::Semibold => (&SEMIBOLD, "fonts/LibertinusSerif-Semibold.otf", "-Bold.ttf"),
        Weight::Bold => (&BOLD, "fonts/LibertinusSerif-Bold.otf", "-Bold.ttf"),
    };
    cell.get_or_init(|| {
        let builtin = TEMPLATES
            .iter()
            .filter(|(name, _)| *name == libertinus)
            .map(|(_, bytes)| *bytes);
        // The CJK collections (53 MB) are left out: their ideographs are
        // one em, the fallback's width.
        let cached = noto_folder().into_iter().flat_map(move |dir| {
            fonts::NOTO
                .iter()
                .filter(move |f| f.file.ends_with(noto))
                .filter_map(move |f| std::fs::read(dir.join(f.file)).ok())
                .map(|bytes| &*Box::leak(bytes.into_boxed_slice()))
        });
        builtin.chain(cached).filter_map(Metrics::parse).collect()
    })
}

/// The provisioned Noto folder, where `build` put it (never provisioned
/// from here).
fn noto_folder() -> Option<PathBuf> {
    let dir = cache::cache_dir()?.join(fonts::FOLDER);
    dir.is_dir().then_some(dir)
}

/// The width of `text` in em of its size.
pub fn width(text: &str, weight: Weight) -> f32 {
    let faces = chain(weight);
    text.chars()
        .map(|c| {
            faces
                .iter()
                .find_map(|f| f.advance(c))
                .unwrap_or(if c.is_whitespace() { 0.25 } else { 1.0 })
        })
        .sum()
}

/// The width of the widest piece of `text` between the spaces a line may
/// break at (a non-breaking space joins its neighbours).
pub fn widest_piece(text: &str, weight: Weight) -> f32 {
    text.split(' ')
        .map(|piece| width(piece, weight))
        .fold(0.0, f32::max)
}

/// Whether each short message of edition `loc` (a label, a keyword; up
/// to 60 characters) is wider than the label column less the gap before
/// the value: the templates set such a label on a line of its own rather
/// than run it into its value. Measured here, once, not by typst for
/// every field of every entry (a tenth of a volume's time); typst measures
/// only a label that is not a message.
pub fn long_labels(loc: &Locale) -> BTreeMap<String, bool> {
    let column: f32 = loc.text("field-label-width").trim().parse().unwrap_or(10.5);
    let english = crate::publish::locale::CATALOGUES[0].1;
    crate::publish::locale::message_ids(english)
        .map(|id| loc.text(id))
        .filter(|label| label.chars().count() <= 60)
        .map(|label| {
            let long = width(&label, Weight::Semibold) > column - 0.4;
            (label, long)
        })
        .collect()
}

/// `em` rounded up to a hundredth: short in the source, and never less
/// than the text needs.
pub fn rounded_up(em: f32) -> f64 {
    (f64::from(em) * 100.0).ceil() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wider_word_measures_wider_and_bold_wider_still() {
        let short = width("Peru", Weight::Regular);
        let long = width("Liechtenstein", Weight::Regular);
        assert!(short > 1.0 && long > short * 2.0, "{short} {long}");
        assert!(width("Liechtenstein", Weight::Bold) > long);
    }

    #[test]
    fn a_non_breaking_space_keeps_a_date_in_one_piece() {
        let date = "28\u{a0}September\u{a0}2019";
        assert_eq!(
            widest_piece(date, Weight::Regular),
            width(date, Weight::Regular)
        );
        let breakable = "28 September 2019";
        assert_eq!(
            widest_piece(breakable, Weight::Regular),
            width("September", Weight::Regular),
            "the widest word of three"
        );
    }

    #[test]
    fn rounding_never_narrows() {
        assert_eq!(rounded_up(4.3712), 4.38);
        assert_eq!(rounded_up(0.0), 0.0);
    }
}

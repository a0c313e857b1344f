//! Building the render context: everything the templates see, from the
//! validated register and the digest list. Entries are built by
//! [`super::entry`], acts by [`super::acts`], indexes by [`super::index`];
//! the shapes are [`super::types`]'s. This file assembles them and holds
//! the register's own fields and the split into volumes.

use std::collections::HashMap;

use crate::audit::inputs::{self, InputFile};
use crate::publish::locale::Locale;
use crate::register::model::{Instrument, Meta, Register, Texts};

use super::acts;
use super::entry::instrument_context;
use super::index::Indexes;
use super::numbering::Numbering;
use super::text::{flat, in_language_of};
use super::types::*;
use super::untranslated::untranslated;

/// The file names of a language edition start with this: `register` for
/// the register's own language, `register.ru` for its Russian edition.
pub fn file_stem(register: &Register, loc: &Locale) -> String {
    if loc.code() == register.meta.language {
        "register".to_owned()
    } else {
        format!("register.{}", loc.code())
    }
}

/// The file name of volume `n` of `count`, zero-padded to sort:
/// `register-vol-03.pdf`, `register.ru-vol-03.pdf`.
pub fn volume_file(stem: &str, n: usize, count: usize) -> String {
    let width = count.to_string().len().max(2);
    format!("{stem}-vol-{n:0width$}.pdf")
}

/// Builds the render context from the validated register and its files.
/// With `volume_size`, entries are split into volumes of that many.
pub fn context(
    register: &Register,
    files: &[InputFile],
    typst_version: &str,
    volume_size: Option<usize>,
    loc: &Locale,
) -> Context {
    let numbering = Numbering::new(register, volume_size);
    let digests: HashMap<&str, &str> = files
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let file_sha = |path: &str| {
        digests
            .get(path)
            .map_or_else(String::new, |d| (*d).to_owned())
    };
    let instruments: Vec<InstrumentContext> =
        crate::support::parallel::map(&register.instruments, |i| {
            instrument_context(i, register, &numbering, &file_sha, loc)
        });
    let stem = file_stem(register, loc);
    let volumes = volume_size.map_or_else(Vec::new, |size| volumes(&instruments, size, &stem, loc));
    let Indexes {
        states,
        by_party,
        by_type,
        by_subject,
        by_status,
        not_registered,
    } = Indexes::build(register, &numbering, loc);
    let mut chronology: Vec<ChronologyLine> = register
        .instruments
        .iter()
        .flat_map(|i| acts::events(i, &numbering.entry_ref(i), loc))
        .collect();
    // On one day, the stated dates before the inferred: the chronology
    // prints each date once, and "[8 August 2024]" is another date.
    chronology.sort_by(|a, b| {
        (&a.key, a.inferred, a.entry.number).cmp(&(&b.key, b.inferred, b.entry.number))
    });
    Context {
        file: format!("{stem}.pdf"),
        index_files: IndexFiles {
            indexes: format!("{stem}-indexes.pdf"),
            status: format!("{stem}-status.pdf"),
        },
        register: RegisterContext {
            count: register.instruments.len(),
            inferred: register.instruments.iter().any(|i| !i.inferred.is_empty()),
            untranslated: untranslated(register, &numbering, loc),
            ..register_context(&register.meta, loc)
        },
        instruments,
        volumes,
        states,
        index_by_party: by_party,
        index_by_type: by_type,
        index_by_subject: by_subject,
        index_by_status: by_status,
        not_registered,
        chronology,
        checksums: checksums(files),
        edition: None,
        withdrawn: Vec::new(),
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            typst_version: typst_version.to_owned(),
        },
    }
}

/// The register's and one entry's contexts, for a document issued from
/// the entry (an extract, a certifying statement, a notification):
/// `register` is an excerpt of the register (the entry and the entries its
/// relations name), as of the date the document shows; `file_sha` gives
/// the attachments' digests by project path.
pub fn entry_context(
    register: &Register,
    id: &str,
    file_sha: &impl Fn(&str) -> String,
    loc: &Locale,
) -> (RegisterContext, InstrumentContext) {
    let numbering = Numbering::new(register, None);
    let i = register.get(id).expect("the excerpt holds the entry");
    let mut entry = instrument_context(i, register, &numbering, file_sha, loc);
    // A document holds one entry: its relations name the others, and
    // link to none.
    for r in &mut entry.relations {
        r.anchor = None;
    }
    (register_context(&register.meta, loc), entry)
}

/// What produced a document, as its colophon and metadata name it.
pub fn tool(typst_version: &str) -> Tool {
    Tool {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        typst_version: typst_version.to_owned(),
    }
}

/// The "Withdrawn entries" list of edition `loc`: each of `withdrawn`
/// (entries of `register`, whose files `files` lists) with its title, the
/// day and the reason.
pub fn withdrawn<'r>(
    register: &Register,
    withdrawn: impl IntoIterator<Item = &'r Instrument>,
    files: &[InputFile],
    loc: &Locale,
) -> Vec<WithdrawnContext> {
    let source_language = register.meta.language.as_str();
    withdrawn
        .into_iter()
        .filter_map(|i| {
            let w = i.withdrawn.as_ref()?;
            let path = i.path.to_string_lossy().replace('\\', "/");
            let translated = (loc.code() != source_language)
                .then(|| i.titles.get(loc.code()))
                .flatten();
            Some(WithdrawnContext {
                id: i.id.value.clone(),
                title: flat(translated.unwrap_or(&i.title)),
                title_language: match translated {
                    Some(_) => loc.code().to_owned(),
                    None => source_language.to_owned(),
                },
                date: loc.date(w.date),
                date_iso: w.date.to_string(),
                reason: flat(&w.reason),
                sha256: files
                    .iter()
                    .find(|f| f.path == path)
                    .map_or_else(|| i.sha256.clone(), |f| f.sha256.clone()),
                path,
            })
        })
        .collect()
}

fn register_context(meta: &Meta, loc: &Locale) -> RegisterContext {
    // The register's texts in this edition's language where `texts.<lang>`
    // gives them (a translation), else as recorded.
    let own = (loc.code() != meta.language)
        .then(|| meta.texts.get(loc.code()))
        .flatten();
    let text = |original: &str, translation: Option<&String>| match translation {
        Some(t) => in_language_of(flat(t), loc),
        None => Text::Original(flat(original)),
    };
    let field = |get: fn(&Texts) -> Option<&String>| own.and_then(get);
    let foreword = match field(|t| t.foreword.as_ref()) {
        Some(f) => paragraphs(f).map(|p| in_language_of(p, loc)).collect(),
        None => meta
            .foreword
            .as_deref()
            .map(|f| paragraphs(f).map(Text::Original).collect())
            .unwrap_or_default(),
    };
    RegisterContext {
        title: text(&meta.title, field(|t| t.title.as_ref())),
        subtitle: meta
            .subtitle
            .as_deref()
            .map(|s| text(s, field(|t| t.subtitle.as_ref()))),
        series: meta
            .series
            .as_deref()
            .map(|s| text(s, field(|t| t.series.as_ref()))),
        authority: meta
            .authority
            .as_deref()
            .map(|a| text(a, field(|t| t.authority.as_ref()))),
        count: 0,
        inferred: false,
        as_of: loc.date(meta.as_of),
        as_of_iso: meta.as_of.to_string(),
        as_of_parts: [
            u32::from(meta.as_of.year),
            u32::from(meta.as_of.month.unwrap_or(1)),
            u32::from(meta.as_of.day.unwrap_or(1)),
        ],
        language: loc.code().to_owned(),
        source_language: meta.language.clone(),
        language_name: loc.language(loc.code()),
        source_language_name: loc.language(&meta.language),
        translations: std::iter::once(&meta.language)
            .chain(&meta.translations)
            .filter(|l| l.as_str() != loc.code())
            .map(|l| LanguageLink {
                code: l.clone(),
                name: loc.language(l),
            })
            .collect(),
        foreword,
        untranslated: Vec::new(),
        long_labels: super::widths::long_labels(loc),
    }
}

/// A text's paragraphs (at blank lines), each as one line.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n").map(flat).filter(|p| !p.is_empty())
}

/// `n` with its digits grouped in threes as the edition's language writes
/// numbers: "1,500", "1 500" (a non-breaking space).
fn grouped(n: usize, loc: &Locale) -> String {
    let separator = if loc.code() == "en" { ',' } else { '\u{a0}' };
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Consecutive runs of `size` entries, in id order.
fn volumes(
    instruments: &[InstrumentContext],
    size: usize,
    stem: &str,
    loc: &Locale,
) -> Vec<VolumeInfo> {
    let count = instruments.len().div_ceil(size);
    instruments
        .chunks(size)
        .enumerate()
        .map(|(k, chunk)| VolumeInfo {
            number: k + 1,
            file: volume_file(stem, k + 1, count),
            first: chunk[0].id.clone(),
            last: chunk[chunk.len() - 1].id.clone(),
            count: chunk.len(),
            line: loc.fill(
                if chunk.len() == 1 {
                    "volume-line-one"
                } else {
                    "volume-line"
                },
                &crate::args!(
                    volume = k + 1,
                    first = grouped(chunk[0].number, loc),
                    last = grouped(chunk[chunk.len() - 1].number, loc),
                    first_id = chunk[0].id.clone(),
                    last_id = chunk[chunk.len() - 1].id.clone()
                ),
            ),
        })
        .collect()
}

/// The Checksums annex: the register's files (templates are in the
/// manifest, not the annex) and the register digest.
fn checksums(files: &[InputFile]) -> Checksums {
    Checksums {
        files: files
            .iter()
            .filter(|f| {
                !matches!(
                    f.role,
                    inputs::Role::Template | inputs::Role::Signers | inputs::Role::Catalogue
                )
            })
            .map(|f| ChecksumLine {
                path: f.path.clone(),
                sha256: f.sha256.clone(),
            })
            .collect(),
        register_digest: inputs::register_digest(files),
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn numbers_are_grouped_as_the_language_writes_them() {
        let en = crate::publish::locale::get("en").unwrap();
        let ru = crate::publish::locale::get("ru").unwrap();
        assert_eq!(grouped(6, en), "6");
        assert_eq!(grouped(1500, en), "1,500");
        assert_eq!(grouped(100_000, en), "100,000");
        assert_eq!(grouped(1500, ru), "1\u{a0}500");
    }
}

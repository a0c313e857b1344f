//! The render context: everything the templates see, built from the
//! validated register and the digest list. Entries are built by
//! [`super::entry`], indexes by [`super::index`]; this file holds the
//! shapes, the register's own fields and the split into volumes.

use std::collections::HashMap;

use serde::Serialize;

use crate::audit::inputs::{self, InputFile};
use crate::register::model::{Instrument, Meta, Register};

use super::acts::{self, ChronologyLine, ParticipantContext};
use super::entry::instrument_context;
use super::index::Indexes;
use crate::publish::locale::Locale;

/// Everything the templates see. Absent values are `none`, which the
/// templates print as "not recorded".
#[derive(Debug, Serialize)]
pub struct Context {
    /// This document's file in `out/`: `register.pdf`, `register.ru.pdf`.
    pub file: String,
    /// In a register in volumes, the indexes' files.
    pub index_files: IndexFiles,
    pub register: RegisterContext,
    pub instruments: Vec<InstrumentContext>,
    /// Empty unless the register is published in volumes.
    pub volumes: Vec<VolumeInfo>,
    pub states: Vec<StateContext>,
    pub index_by_party: Vec<PartyIndex>,
    pub index_by_type: Vec<Group>,
    pub index_by_subject: Vec<Group>,
    /// By the status as of the register's date, in the keywords' order.
    pub index_by_status: Vec<Group>,
    /// Entries in force that record no UN registration.
    pub not_registered: Group,
    /// Every signature, entry into force, act and registration in date
    /// order (in a register in volumes, each volume prints its own).
    pub chronology: Vec<ChronologyLine>,
    pub checksums: Checksums,
    pub tool: Tool,
    /// Set when the build publishes an edition.
    pub edition: Option<EditionContext>,
    /// The entries withdrawn from the register, in id order: listed apart,
    /// never in the body, indexes or chronology. Empty for none.
    pub withdrawn: Vec<WithdrawnContext>,
}

/// A withdrawn entry, as "Withdrawn entries" lists it.
#[derive(Debug, Serialize)]
pub struct WithdrawnContext {
    pub id: String,
    /// In the edition's language where the entry has a title in it.
    pub title: String,
    pub title_language: String,
    /// The day it was withdrawn, worded: "5 December 2026".
    pub date: String,
    pub date_iso: String,
    pub reason: String,
    /// Its file and the file's SHA-256: it is still published and hashed.
    pub path: String,
    pub sha256: String,
}

/// A published edition, as the title page and "Changes since edition
/// N−1" show it.
#[derive(Debug, Serialize)]
pub struct EditionContext {
    pub number: u32,
    /// "8 August 2024".
    pub date: String,
    /// The edition before, and the SHA-256 of its `manifest.sha256`.
    pub previous: Option<PreviousContext>,
    /// Who signed it: "treaty@mfa.kz (SHA256:…)".
    pub signer: String,
    pub changes: Vec<ChangeContext>,
}

#[derive(Debug, Serialize)]
pub struct PreviousContext {
    pub number: u32,
    pub manifest_sha256: String,
}

#[derive(Debug, Serialize)]
pub struct ChangeContext {
    /// `added`, `removed`, `withdrawn`, `changed` or `general`.
    pub kind: String,
    pub id: String,
    pub title: String,
    pub details: Vec<String>,
    /// The entry's label, to link to, where it is in this PDF.
    pub anchor: Option<String>,
}

/// The indexes of a register in volumes, published apart from the
/// general volume: `register-indexes.pdf` (by party, type and subject) and
/// `register-status.pdf` (by status).
#[derive(Debug, Serialize)]
pub struct IndexFiles {
    pub indexes: String,
    pub status: String,
}

/// One volume of a register published in volumes.
#[derive(Debug, Clone, Serialize)]
pub struct VolumeInfo {
    pub number: usize,
    /// The output file, e.g. `register-vol-03.pdf`.
    pub file: String,
    pub first: String,
    pub last: String,
    pub count: usize,
    /// As the general volume lists it: "Vol. 1: Nos. 1–1,500
    /// (KZ-UZ-2024-0001 to KZ-UZ-2024-1500)".
    pub line: String,
}

/// What `volume.typ.j2` sees: the register, this volume and its entries.
#[derive(Debug, Serialize)]
pub struct VolumeContext<'a> {
    pub register: &'a RegisterContext,
    pub volume: &'a VolumeInfo,
    pub volume_count: usize,
    pub instruments: &'a [InstrumentContext],
    pub checksums: Vec<&'a ChecksumLine>,
    /// The chronology of this volume's entries.
    pub chronology: Vec<&'a ChronologyLine>,
    pub tool: &'a Tool,
    pub edition: Option<&'a EditionContext>,
}

impl Context {
    /// The context of volume `n` (1-based).
    pub fn volume(&self, n: usize) -> VolumeContext<'_> {
        let volume = &self.volumes[n - 1];
        let start = self
            .instruments
            .partition_point(|i| i.id.as_str() < volume.first.as_str());
        let instruments = &self.instruments[start..start + volume.count];
        let paths: std::collections::HashSet<&str> = instruments
            .iter()
            .flat_map(|i| {
                std::iter::once(i.path.as_str()).chain(i.files.iter().map(|f| f.path.as_str()))
            })
            .collect();
        VolumeContext {
            register: &self.register,
            volume,
            volume_count: self.volumes.len(),
            instruments,
            checksums: self
                .checksums
                .files
                .iter()
                .filter(|f| paths.contains(f.path.as_str()))
                .collect(),
            chronology: self
                .chronology
                .iter()
                .filter(|c| c.entry.volume == Some(n))
                .collect(),
            tool: &self.tool,
            edition: self.edition.as_ref(),
        }
    }
}

/// The file names of a language edition start with this: `register` for
/// the register's own language, `register.ru` for its Russian edition.
pub fn file_stem(register: &Register, loc: &Locale) -> String {
    if loc.code() == register.meta.language {
        "register".to_owned()
    } else {
        format!("register.{}", loc.code())
    }
}

/// What the general volume and the indexes of a register in volumes see:
/// the context without what the volumes print (the entries, the
/// chronology, the digest of every file), which at 100,000 entries is most
/// of it, and which the template engine would otherwise copy for each of
/// these documents.
#[derive(Debug, Serialize)]
pub struct PartContext<'a> {
    pub file: &'a str,
    pub index_files: &'a IndexFiles,
    pub register: &'a RegisterContext,
    /// Empty: the entries are in the volumes (`register.count` counts them).
    pub instruments: [(); 0],
    pub volumes: &'a [VolumeInfo],
    pub states: &'a [StateContext],
    pub index_by_party: &'a [PartyIndex],
    pub index_by_type: &'a [Group],
    pub index_by_subject: &'a [Group],
    pub index_by_status: &'a [Group],
    pub not_registered: &'a Group,
    /// Empty: each volume prints the chronology of its entries.
    pub chronology: [(); 0],
    pub checksums: PartChecksums<'a>,
    pub tool: &'a Tool,
    pub edition: Option<&'a EditionContext>,
    pub withdrawn: &'a [WithdrawnContext],
}

/// The register digest and the digest of `register.yaml`.
#[derive(Debug, Serialize)]
pub struct PartChecksums<'a> {
    pub files: Vec<&'a ChecksumLine>,
    pub register_digest: &'a str,
}

impl Context {
    /// The view of the general volume and the indexes (a register in
    /// volumes only).
    pub fn part(&self) -> PartContext<'_> {
        PartContext {
            file: &self.file,
            index_files: &self.index_files,
            register: &self.register,
            instruments: [],
            volumes: &self.volumes,
            states: &self.states,
            index_by_party: &self.index_by_party,
            index_by_type: &self.index_by_type,
            index_by_subject: &self.index_by_subject,
            index_by_status: &self.index_by_status,
            not_registered: &self.not_registered,
            chronology: [],
            checksums: PartChecksums {
                files: self
                    .checksums
                    .files
                    .iter()
                    .filter(|f| f.path == crate::register::load::REGISTER_FILE)
                    .collect(),
                register_digest: &self.checksums.register_digest,
            },
            tool: &self.tool,
            edition: self.edition.as_ref(),
            withdrawn: &self.withdrawn,
        }
    }
}

/// The file name of volume `n` of `count`, zero-padded to sort:
/// `register-vol-03.pdf`, `register.ru-vol-03.pdf`.
pub fn volume_file(stem: &str, n: usize, count: usize) -> String {
    let width = count.to_string().len().max(2);
    format!("{stem}-vol-{n:0width$}.pdf")
}

#[derive(Debug, Serialize)]
pub struct RegisterContext {
    pub title: String,
    pub subtitle: Option<String>,
    pub series: Option<String>,
    pub authority: Option<String>,
    /// "8 August 2024".
    pub as_of: String,
    pub as_of_iso: String,
    pub as_of_parts: [u32; 3],
    /// The language of this document's labels (`ru` in `register.ru.pdf`).
    pub language: String,
    /// The language of the register's own texts (`language` in
    /// register.yaml): titles, notes, the foreword.
    pub source_language: String,
    /// Both by name, in the document's language ("Russian", "русский").
    pub language_name: String,
    pub source_language_name: String,
    /// The edition's other languages, for links between them.
    pub translations: Vec<LanguageLink>,
    /// How many instruments the register shows.
    pub count: usize,
    /// Whether any of them has a value the editors inferred: the summary
    /// then explains the brackets that mark one.
    pub inferred: bool,
    /// The foreword split into paragraphs at blank lines.
    pub foreword: Vec<String>,
}

/// Another language edition: its code and name.
#[derive(Debug, Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct InstrumentContext {
    pub number: usize,
    /// The volume holding the entry, when the register is in volumes.
    pub volume: Option<usize>,
    pub id: String,
    /// The Typst label of the entry's block, for links and page references.
    pub anchor: String,
    /// The title in the edition's language where the entry has one, else
    /// the original.
    pub title: String,
    /// The language `title` is in, to tag it where it is not the edition's.
    pub title_language: String,
    /// In a translation: the entry has no title in its language, and the
    /// original is shown, marked as not translated.
    pub untranslated: bool,
    pub titles: Vec<OtherTitle>,
    #[serde(rename = "type")]
    pub kind: String,
    pub level: Option<String>,
    pub parties: Vec<PartyContext>,
    /// "KAZ, UZB", for the summary table.
    pub party_codes: String,
    /// "Signed on", or "Adopted on" for an adopted instrument.
    pub date_label: String,
    /// "Signed at" or "Adopted at".
    pub place_label: String,
    pub signed_on: String,
    pub signed_on_iso: String,
    pub signed_at: Option<String>,
    /// The depositary's name, where one is recorded.
    pub depositary: Option<String>,
    /// One row per party; empty for an entry that records no acts.
    pub participants: Vec<ParticipantContext>,
    /// Whether signatories are named in the participants table, each with
    /// the party it signed for; `signatories_apart` holds the others.
    pub signatories_in_table: bool,
    pub signatories_apart: Vec<String>,
    /// The wording of reservations, declarations and objections.
    pub statements: Vec<String>,
    /// The references and notes recorded with acts, one line each.
    pub act_notes: Vec<String>,
    /// "Registered with the Secretariat of the United Nations on …".
    pub registration: String,
    /// The UN registration number alone (`I-59999`), where there is one.
    pub registration_number: Option<String>,
    /// Every act, in date order.
    pub acts: Vec<ActContext>,
    /// The status keyword (`in-force`), for machines.
    pub status_keyword: &'static str,
    /// Language codes of `languages`, for machines.
    pub language_codes: Vec<String>,
    pub signatories: Vec<String>,
    pub status: String,
    pub in_force: Option<String>,
    pub term: Option<String>,
    pub relations: Vec<RelationContext>,
    pub subjects: Vec<String>,
    pub languages: Vec<String>,
    pub sources: Vec<String>,
    pub notes: Option<String>,
    /// The values the editors inferred, with the reasons: one line each.
    pub inferred: Vec<InferredContext>,
    pub files: Vec<FileContext>,
    pub path: String,
    pub sha256: String,
}

/// One inferred value as its entry explains it: "date of signature,
/// [8 August 2024]" (in the edition's language), and the reason (in the
/// register's).
#[derive(Debug, Serialize)]
pub struct InferredContext {
    pub what: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct OtherTitle {
    /// By name: "Russian".
    pub language: String,
    /// ISO 639-1, for `lang` attributes.
    pub code: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct PartyContext {
    pub state: String,
    pub state_name: String,
    pub body: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RelationContext {
    /// The whole relation as a sentence: "Amends the Agreement … of 20 March 2006."
    pub text: String,
    /// For a target inside the register: its anchor, to link to.
    pub anchor: Option<String>,
    /// For a target that is an entry of this register: its id.
    pub target: Option<String>,
}

/// One act, as the web edition lists it.
#[derive(Debug, Serialize)]
pub struct ActContext {
    /// "20 November 2024".
    pub date: String,
    pub date_iso: String,
    /// The state by name.
    pub party: String,
    /// As words: "entry into force".
    pub action: String,
    pub effective: Option<String>,
    pub reference: Option<String>,
    pub label: Option<String>,
    pub regarding: Option<String>,
    pub text: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FileContext {
    pub path: String,
    pub description: Option<String>,
    pub sha256: String,
}

#[derive(Debug, Serialize)]
pub struct StateContext {
    pub code: String,
    pub name: String,
}

/// An index heading and the entries under it.
#[derive(Debug, Serialize)]
pub struct Group {
    pub heading: String,
    pub entries: Vec<EntryRef>,
    /// In a register in volumes: the references, one text per volume, and
    /// `entries` is empty.
    pub volumes: Vec<VolumeRefs>,
}

/// The references of an index group to the entries of one volume, as one
/// text: "No. 4 (KZ-UZ-2024-004); No. 9 (KZ-UZ-2024-009)".
#[derive(Debug, Serialize)]
pub struct VolumeRefs {
    pub volume: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryRef {
    pub number: usize,
    pub id: String,
    pub anchor: String,
    /// Set when the register is in volumes: indexes then refer by volume,
    /// not by page.
    pub volume: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct PartyIndex {
    pub state: String,
    pub state_name: String,
    /// Signing bodies in alphabetical order; `heading` is `none` for
    /// entries whose body is not recorded.
    pub bodies: Vec<BodyGroup>,
}

#[derive(Debug, Serialize)]
pub struct BodyGroup {
    pub body: Option<String>,
    pub entries: Vec<EntryRef>,
    /// As in [`Group::volumes`].
    pub volumes: Vec<VolumeRefs>,
}

#[derive(Debug, Serialize)]
pub struct Checksums {
    pub files: Vec<ChecksumLine>,
    pub register_digest: String,
}

#[derive(Debug, Serialize)]
pub struct ChecksumLine {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
    pub typst_version: String,
}

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

/// The Typst label of an entry's block.
pub(super) fn anchor(id: &str) -> String {
    format!("entry-{id}")
}

/// Where each entry stands: its number and, in a register in volumes, its
/// volume. Entries are numbered in id order from 1; a view as of an earlier
/// date keeps each entry's number in the whole register. Volumes hold
/// consecutive runs of the entries shown.
pub(super) struct Numbering<'r> {
    /// Each id's number and its place among the entries shown (0-based).
    numbers: std::collections::HashMap<&'r str, (usize, usize)>,
    volume_size: Option<usize>,
}

impl<'r> Numbering<'r> {
    fn new(register: &'r Register, volume_size: Option<usize>) -> Self {
        let numbers = register
            .instruments
            .iter()
            .enumerate()
            .map(|(n, i)| {
                (
                    i.id.value.as_str(),
                    (i.number_in_register.unwrap_or(n + 1), n),
                )
            })
            .collect();
        Numbering {
            numbers,
            volume_size,
        }
    }

    pub(super) fn number(&self, id: &str) -> usize {
        self.numbers[id].0
    }

    fn volume_of(&self, place: usize) -> Option<usize> {
        self.volume_size.map(|size| place / size + 1)
    }

    /// The volume holding entry `id`, if the register is in volumes and
    /// `id` is one of its entries.
    pub(super) fn volume(&self, id: &str) -> Option<usize> {
        self.numbers.get(id).and_then(|(_, p)| self.volume_of(*p))
    }

    pub(super) fn entry_ref(&self, i: &Instrument) -> EntryRef {
        EntryRef {
            number: self.number(&i.id.value),
            id: i.id.value.clone(),
            anchor: anchor(&i.id.value),
            volume: self.volume(&i.id.value),
        }
    }
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
    RegisterContext {
        title: flat(&meta.title),
        subtitle: meta.subtitle.as_deref().map(flat),
        series: meta.series.clone(),
        authority: meta.authority.as_deref().map(flat),
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
        foreword: meta
            .foreword
            .as_deref()
            .map(|f| {
                f.split("\n\n")
                    .map(flat)
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
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

//! The shapes of the render context: what the templates see, as plain
//! serializable data. The builders (`context`, `entry`, `acts`, `index`)
//! fill them; nothing here calls a builder, so the shapes depend on no
//! module of `render/` and every builder may use them.

use serde::Serialize;

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

/// A text of the register as an edition prints it. In the register's own
/// language it is what was recorded (`Original`, a plain string that the
/// templates tag with the register's language); in a translation, the
/// translation where there is one (`In`, tagged with its own language), or
/// else the original, which the edition lists as not translated. A line
/// made of both ("name, office" with only the name translated) is `Parts`,
/// each part tagged with its language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Text {
    Original(String),
    In { text: String, lang: String },
    Parts { parts: Vec<Text> },
}

impl Text {
    /// The text as it reads, for sorting and searching.
    pub fn plain(&self) -> String {
        match self {
            Text::Original(text) | Text::In { text, .. } => text.clone(),
            Text::Parts { parts } => parts.iter().map(Text::plain).collect(),
        }
    }

    /// This text with `f` applied to its wording (brackets around an
    /// inferred value), its language kept.
    pub fn map(self, f: impl FnOnce(String) -> String) -> Text {
        match self {
            Text::Original(text) => Text::Original(f(text)),
            Text::In { text, lang } => Text::In {
                text: f(text),
                lang,
            },
            parts @ Text::Parts { .. } => Text::Original(f(parts.plain())),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct RegisterContext {
    pub title: Text,
    pub subtitle: Option<Text>,
    pub series: Option<Text>,
    pub authority: Option<Text>,
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
    pub foreword: Vec<Text>,
    /// What this translation prints as recorded, untranslated: one line
    /// per kind of text ("Place of signature: Nos. 3, 5–7").
    pub untranslated: Vec<UntranslatedContext>,
    /// Whether each short message of this edition's language is too wide
    /// for the label column (`field-label-width`): such a label stands on
    /// a line of its own.
    pub long_labels: std::collections::BTreeMap<String, bool>,
}

/// A kind of text a translation prints untranslated, and where.
#[derive(Debug, Serialize)]
pub struct UntranslatedContext {
    /// "Place of signature", "Foreword".
    pub what: String,
    /// "Nos. 3, 5–7"; empty for the register's own texts.
    pub entries: String,
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
    pub signed_at: Option<Text>,
    /// The depositary's name, where one is recorded.
    pub depositary: Option<String>,
    /// One row per party; empty for an entry that records no acts.
    pub participants: Vec<ParticipantContext>,
    /// The least width of each of its columns, in em (see
    /// `acts::participant_widths`).
    pub participant_widths: Vec<f64>,
    /// Whether signatories are named in the participants table, each with
    /// the party it signed for; `signatories_apart` holds the others.
    pub signatories_in_table: bool,
    pub signatories_apart: Vec<Text>,
    /// The wording of reservations, declarations and objections.
    pub statements: Vec<Text>,
    /// The references and notes recorded with acts, one line each.
    pub act_notes: Vec<Text>,
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
    pub signatories: Vec<Text>,
    pub status: String,
    pub in_force: Option<Text>,
    /// As of a date before the entry into force it records: not yet, so
    /// not listed as "not recorded".
    pub in_force_later: bool,
    pub term: Option<String>,
    pub relations: Vec<RelationContext>,
    pub subjects: Vec<Text>,
    pub languages: Vec<String>,
    pub sources: Vec<String>,
    pub notes: Option<Text>,
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
    pub body: Option<Text>,
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
    /// Its anchor on the instrument's page, `act-UZB-ratification-1`
    /// ([`crate::publish::events`]): the feeds link it.
    pub anchor: String,
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
    /// The heading's language where it is a text translated into the
    /// edition's (a subject's label); `none` for the register's own words
    /// and the edition's labels.
    pub lang: Option<String>,
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
    pub body: Option<Text>,
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

/// One row of an entry's participants table.
#[derive(Debug, Serialize)]
pub struct ParticipantContext {
    pub state: String,
    pub state_name: String,
    /// The signing body, where recorded.
    pub body: Option<Text>,
    /// Who signed for it: "Name, office", where the entry names them.
    pub signatories: Vec<Text>,
    /// "8 August 2024"; `none` where the party did not sign.
    pub signature: Option<String>,
    /// "Ratification, 1 March 2021".
    pub consent: Option<String>,
    /// For that party: "1 June 2021", or "provisionally, 1 Sept. 2022".
    pub in_force: Option<String>,
    /// "R1, D1": labels of its reservations and declarations; "objection to R1".
    pub statements: Option<String>,
    /// "in force", "denounced (effective 1 March 2024)", or `none`.
    pub status: Option<String>,
}

/// One line of the chronology.
#[derive(Debug, Serialize)]
pub struct ChronologyLine {
    /// "2021-03-01", for sorting.
    #[serde(skip)]
    pub key: String,
    pub date: String,
    pub entry: EntryRef,
    /// "Ratification: Kazakhstan, Uzbekistan (effective …)", or "Signed".
    pub event: String,
    /// Whether `date` is an inferred one, printed in brackets: sorted
    /// after the stated dates of the same day.
    #[serde(skip)]
    pub inferred: bool,
}

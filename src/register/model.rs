//! The validated register: what every command after `load` works with.
//!
//! Values here have already passed the per-field rules (dates exist, codes
//! are ISO codes, keywords are known), so later stages never re-check them.
//! Spans are kept only where a register-wide rule in [`crate::register::check`] may
//! still need to point at a value.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::register::date::PartialDate;
use crate::register::diagnostic::Span;

/// A closed set of keywords: the enum, its spellings, and the list of all,
/// kept in one place so that parsing, messages and the JSON Schema agree.
macro_rules! keywords {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            pub const NAMES: &'static [&'static str] = &[$($text,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The keyword as words, for printing: `joint-statement` → "joint statement".
            pub fn label(self) -> String {
                self.as_str().replace('-', " ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keywords! {
    /// The form of an instrument (`type` in the files).
    InstrumentType {
        JointStatement => "joint-statement",
        Declaration => "declaration",
        Decision => "decision",
        Treaty => "treaty",
        Agreement => "agreement",
        Protocol => "protocol",
        Memorandum => "memorandum",
        Programme => "programme",
        ActionPlan => "action-plan",
        Roadmap => "roadmap",
        ExchangeOfNotes => "exchange-of-notes",
        Other => "other",
    }
}

keywords! {
    /// Who binds whom.
    Level {
        Interstate => "interstate",
        Intergovernmental => "intergovernmental",
        Interagency => "interagency",
        Subnational => "subnational",
        Institutional => "institutional",
    }
}

keywords! {
    /// Status as of the register's `as_of` date.
    Status {
        Signed => "signed",
        Adopted => "adopted",
        InForce => "in-force",
        ProvisionallyApplied => "provisionally-applied",
        Expired => "expired",
        Terminated => "terminated",
        Superseded => "superseded",
    }
}

keywords! {
    /// What one party did (`action` in an entry's `actions`).
    ActionKind {
        Signature => "signature",
        DefinitiveSignature => "definitive-signature",
        Ratification => "ratification",
        Acceptance => "acceptance",
        Approval => "approval",
        Accession => "accession",
        Succession => "succession",
        Notification => "notification",
        ProvisionalApplication => "provisional-application",
        EntryIntoForce => "entry-into-force",
        Reservation => "reservation",
        Declaration => "declaration",
        Objection => "objection",
        WithdrawalOfReservation => "withdrawal-of-reservation",
        Denunciation => "denunciation",
        Withdrawal => "withdrawal",
        Suspension => "suspension",
        Termination => "termination",
    }
}

impl ActionKind {
    /// Acts that express consent to be bound.
    pub fn is_consent(self) -> bool {
        matches!(
            self,
            ActionKind::Ratification
                | ActionKind::Acceptance
                | ActionKind::Approval
                | ActionKind::Accession
                | ActionKind::Succession
                | ActionKind::DefinitiveSignature
                | ActionKind::Notification
        )
    }

    /// Acts that end a party's participation.
    pub fn is_exit(self) -> bool {
        matches!(self, ActionKind::Denunciation | ActionKind::Withdrawal)
    }

    /// Acts that a `label` names and a `regarding` may answer.
    pub fn is_labelled(self) -> bool {
        matches!(self, ActionKind::Reservation | ActionKind::Declaration)
    }
}

keywords! {
    /// Where one party stands on a date, derived from its acts.
    PartyStatus {
        Signed => "signed",
        Consented => "consented",
        ProvisionallyApplied => "provisionally-applied",
        InForce => "in-force",
        Denounced => "denounced",
    }
}

keywords! {
    /// The values an entry may mark as inferred by its editors (`field` in
    /// an entry's `inferred`): the ones the reports of a signing most often
    /// leave to be read from the occasion. Each prints in brackets.
    InferredField {
        SignedDate => "signed.date",
        SignedPlace => "signed.place",
        Level => "level",
    }
}

keywords! {
    /// What an attachment is (`kind` of a `files` item): the instrument's
    /// `text` (a certified copy, what a registration with the UN sends),
    /// a `translation` of it, or `other` (a scan of the signing, a map).
    FileKind {
        Text => "text",
        Translation => "translation",
        Other => "other",
    }
}

keywords! {
    /// How an instrument relates to another.
    RelationKind {
        Amends => "amends",
        Supplements => "supplements",
        Replaces => "replaces",
        Terminates => "terminates",
        Implements => "implements",
    }
}

/// The languages the register can be published in: those with a message
/// catalogue (`locales/<lang>.ftl`).
pub const EDITION_LANGUAGES: &[&str] = &["en", "ru", "kk", "uz"];

/// What the register prints where it holds no value.
pub const NOT_RECORDED: &str = "not recorded";

/// A value with the place it was written, for register-wide checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Spanned<T> {
    pub value: T,
    #[serde(skip)]
    pub span: Span,
}

/// `register/register.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    pub as_of: PartialDate,
    pub language: String,
    /// More editions of the PDF, one per language: `register.<lang>.pdf`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub foreword: Option<String>,
    pub id_prefix: String,
    /// Where the web edition is served from (`https://…/`, ending in `/`):
    /// feeds, the sitemap, JSON-LD and Akoma Ntoso give absolute URIs from
    /// it; without it, relative links and `tag:` URIs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// The state keeping the register (ISO 3166-1 alpha-3): the depositary
    /// of the instruments whose `depositary` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// How depositary notifications are numbered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notifications: Option<Numbering>,
    /// `register/subjects.yaml`: each subject term's label by language
    /// (`border: {ru: граница}`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub subject_labels: BTreeMap<String, BTreeMap<String, String>>,
    /// The register's texts in the languages of its other editions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, Texts>,
    /// What a build and a publish make besides the PDFs (`outputs:`); the
    /// command line overrides it per run.
    #[serde(skip)]
    pub outputs: Outputs,
}

/// `texts.<lang>` in `register.yaml`: the title page's texts and the
/// foreword as an edition in that language prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Texts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub foreword: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
}

/// `outputs:` in `register.yaml`: what every build and every edition
/// makes, so that a publish can include its web edition. Language
/// editions are `translations`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outputs {
    /// The web edition, `out/html/` (as `build --html` makes it).
    pub web: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Instrument {
    /// The file it was read from, relative to the project root.
    #[serde(skip)]
    pub path: PathBuf,
    /// SHA-256 of that file's bytes, as read.
    #[serde(skip)]
    pub sha256: String,
    /// In a view of the register as of an earlier date, the entry's number
    /// in the whole register (1-based), which the view keeps: an entry is
    /// not renumbered because later ones are left out. `None` otherwise.
    #[serde(skip)]
    pub number_in_register: Option<usize>,
    /// In a view as of an earlier date: the entry into force it records
    /// had not come yet (so it is not "not recorded").
    #[serde(skip)]
    pub in_force_later: bool,
    pub id: Spanned<String>,
    pub title: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    #[serde(rename = "type")]
    pub kind: InstrumentType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depositary: Option<String>,
    pub parties: Vec<Party>,
    pub signed: Signed,
    /// As stated in the file; see [`crate::register::lifecycle`] for the
    /// status derived from the actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Spanned<Status>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// `notes` in the languages of the editions: `{ru: …}`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes_translated: BTreeMap<String, String>,
    /// `signed.place` in the languages of the editions: `{ru: Астана}`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub places: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<Attachment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    /// Whether Article 102 of the UN Charter asks for its registration, where
    /// the entry says so; otherwise [`Instrument::registrable`] decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registrable: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Set when the entry was withdrawn from the register (entered by
    /// mistake, a duplicate): its file stays, and so does its id, for ever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawn>,
    /// The values the editors inferred rather than read in a source, each
    /// with the reason: printed in brackets wherever they stand.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<Inference>,
    /// Where the entry gives a translation (`places`, `notes_translated`, a
    /// party's `bodies`, a signatory's `names`): each language key, so that
    /// `check` can refuse one the register has no edition in.
    #[serde(skip)]
    pub translation_keys: Vec<Spanned<String>>,
}

impl Instrument {
    /// Whether the instrument is one Article 102 asks to register: as the
    /// entry says, or by default a treaty, agreement, protocol or exchange
    /// of notes not concluded between agencies. Statements, declarations,
    /// programmes and memoranda are political or administrative as a rule,
    /// and a register that listed them as "not registered" would accuse
    /// its own state of a breach it did not commit.
    pub fn registrable(&self) -> bool {
        self.registrable.unwrap_or_else(|| {
            matches!(
                self.kind,
                InstrumentType::Treaty
                    | InstrumentType::Agreement
                    | InstrumentType::Protocol
                    | InstrumentType::ExchangeOfNotes
            ) && self.level != Some(Level::Interagency)
        })
    }

    /// Whether the editors inferred `field` (and, so, print it in brackets).
    pub fn is_inferred(&self, field: InferredField) -> bool {
        self.inferred.iter().any(|x| x.field.value == field)
    }

    /// Whether the date of act `a` is the inferred date of signature: a
    /// signature on the day `signed.date` gives records the same fact, so
    /// it carries the same mark.
    pub fn act_date_inferred(&self, a: &Action) -> bool {
        matches!(
            a.action,
            ActionKind::Signature | ActionKind::DefinitiveSignature
        ) && a.date.value == self.signed.date
            && self.is_inferred(InferredField::SignedDate)
    }

    /// Whether the entry was withdrawn: it is still read, checked and
    /// hashed, but leaves the register's body, indexes and statuses.
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn.is_some()
    }
}

/// The `withdrawn` block: when and why an entry left the register.
#[derive(Debug, Clone, Serialize)]
pub struct Withdrawn {
    pub date: PartialDate,
    pub reason: String,
}

/// One item of `inferred`: a value the editors inferred, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Inference {
    pub field: Spanned<InferredField>,
    pub reason: String,
}

/// One act of one party.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// ISO 3166-1 alpha-3.
    pub party: Spanned<String>,
    pub action: ActionKind,
    pub date: Spanned<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<Spanned<PartialDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regarding: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The depositary notification of the act, once one was issued
    /// (`treaty-register notification`): its number is never reused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification: Option<NotificationRef>,
    /// The `action` keyword, where rules about the act as a whole point.
    #[serde(skip)]
    pub span: Span,
    /// Its place in the file's `actions`, from 1: the number `show` prints
    /// and `correct --act` / `record --remove` take. Kept in views as of
    /// earlier dates, which leave later acts out.
    #[serde(skip)]
    pub number: u32,
}

impl Action {
    /// When the act takes effect: `effective`, else `date`.
    pub fn takes_effect(&self) -> PartialDate {
        self.effective.as_ref().map_or(self.date.value, |e| e.value)
    }
}

/// `notification` of an act: the depositary notification that announced it.
#[derive(Debug, Clone, Serialize)]
pub struct NotificationRef {
    pub number: String,
    pub date: PartialDate,
    /// Where `number` is written, for the register-wide rule that no
    /// number is given twice.
    #[serde(skip)]
    pub span: Span,
}

/// `notifications` in `register.yaml`: how the depositary numbers its
/// notifications. `{seq}` runs from 1 each calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Numbering {
    pub prefix: String,
    pub pattern: String,
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering {
            prefix: "C.N.".into(),
            pattern: "{prefix}{seq}.{year}".into(),
        }
    }
}

impl Numbering {
    /// Notification `seq` of `year`: `C.N.3.2025`.
    pub fn number(&self, seq: u32, year: i32) -> String {
        self.pattern
            .replace("{prefix}", &self.prefix)
            .replace("{seq}", &seq.to_string())
            .replace("{year}", &year.to_string())
    }

    /// The `seq` of `number` if this numbering made it in `year`.
    pub fn seq_of(&self, number: &str, year: i32) -> Option<u32> {
        let (before, after) = self.pattern.split_once("{seq}")?;
        let fill = |s: &str| {
            s.replace("{prefix}", &self.prefix)
                .replace("{year}", &year.to_string())
        };
        let digits = number
            .strip_prefix(&fill(before))?
            .strip_suffix(&fill(after))?;
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    }
}

/// Registration with the Secretariat of the United Nations (Article 102
/// of the Charter).
#[derive(Debug, Clone, Serialize)]
pub struct Registration {
    /// UNTS number: `I-…` registered, `II-…` filed and recorded.
    pub number: String,
    pub date: Spanned<PartialDate>,
    /// The party that registered it, the depositary, or `ex-officio`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Party {
    /// ISO 3166-1 alpha-3.
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `body` in the languages of the editions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub bodies: BTreeMap<String, String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signed {
    pub date: PartialDate,
    #[serde(skip)]
    pub date_span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signatory {
    pub name: String,
    /// `name` in the languages of the editions (`{ru: Шавкат Мирзиёев}`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InForce {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(skip)]
    pub date_span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Term {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    pub kind: RelationKind,
    pub target: Target,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Target {
    /// Another instrument of this register, by id.
    Id(Spanned<String>),
    /// An instrument outside the register.
    External { title: String, date: PartialDate },
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// A short name that actions cite the source by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Spanned<String>>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    /// Relative to `register/`, e.g. `files/KZ-UZ-2024-004.pdf`.
    pub path: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<FileKind>,
    /// The languages whose text the file holds (ISO 639-1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

/// The whole register, instruments sorted by id.
#[derive(Debug, Clone)]
pub struct Register {
    pub meta: Meta,
    /// SHA-256 of `register/register.yaml` as read.
    pub meta_sha256: String,
    pub instruments: Vec<Instrument>,
}

impl Register {
    /// The register without its withdrawn entries: what its body, indexes,
    /// statuses and lists show. (Borrowed when none is withdrawn.)
    pub fn live(&self) -> std::borrow::Cow<'_, Register> {
        if !self.instruments.iter().any(Instrument::is_withdrawn) {
            return std::borrow::Cow::Borrowed(self);
        }
        std::borrow::Cow::Owned(Register {
            meta: self.meta.clone(),
            meta_sha256: self.meta_sha256.clone(),
            instruments: self
                .instruments
                .iter()
                .filter(|i| !i.is_withdrawn())
                .cloned()
                .collect(),
        })
    }

    /// The withdrawn entries, in id order.
    pub fn withdrawn(&self) -> impl Iterator<Item = &Instrument> {
        self.instruments.iter().filter(|i| i.is_withdrawn())
    }

    pub fn get(&self, id: &str) -> Option<&Instrument> {
        self.instruments
            .binary_search_by(|i| i.id.value.as_str().cmp(id))
            .ok()
            .map(|n| &self.instruments[n])
    }
}

/// Whether `id` has the form of a register id: `^[A-Z0-9]+(-[A-Z0-9]+)*$`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_pattern() {
        for ok in ["KZ-UZ-2024-001", "A", "1", "UN-1-2"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in [
            "", "kz-uz", "KZ--UZ", "-KZ", "KZ-", "KZ_UZ", "KZ UZ", "КZ", "KZ/1",
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn keywords_round_trip() {
        for t in InstrumentType::ALL {
            assert_eq!(InstrumentType::parse(t.as_str()), Some(*t));
        }
        assert_eq!(InstrumentType::ALL.len(), 12);
        assert_eq!(Status::ALL.len(), 7);
        assert_eq!(ActionKind::ALL.len(), 18);
        assert!(ActionKind::Notification.is_consent());
        assert!(!ActionKind::Signature.is_consent());
        assert_eq!(InstrumentType::JointStatement.label(), "joint statement");
        assert_eq!(InstrumentType::parse("Agreement"), None);
    }
}

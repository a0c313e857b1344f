//! The command line: clap derive structs (their doc comments are the help
//! text), turned into a validated [`Config`] before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::register::date::PartialDate;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the register or the published files have problems (they are listed)
  2  usage error, or the tool could not do its work (I/O, missing tools)";

/// Keep a register of signed international instruments as YAML files, check
/// it, and publish it as a checksummed PDF register.
#[derive(Debug, Parser)]
#[command(name = "treaty-register", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    /// The project folder given before the subcommand (`treaty-register
    /// --root DIR check`), as many tools take it; after it is the form the
    /// help shows.
    #[arg(long = "root", value_name = "DIR", hide = true)]
    pub root_before: Option<PathBuf>,

    /// Print only problems and requested output, no summaries
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// When to colour output (`NO_COLOR` set means never, unless `always`)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = Color::Auto)]
    pub color: Color,

    #[command(subcommand)]
    pub command: Command,
}

/// The project a command reads: flags of the commands that have one (not
/// of `schema` or `completions`, where they would mean nothing).
#[derive(Debug, Clone, Args)]
pub struct Project {
    /// Project folder: the one that holds `register/` [default: .]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Refuse registers with more instrument files than this
    #[arg(long, value_name = "N", default_value_t = crate::register::load::DEFAULT_MAX_INSTRUMENTS)]
    pub max_instruments: usize,
}

impl Default for Project {
    fn default() -> Project {
        Project {
            root: None,
            max_instruments: crate::register::load::DEFAULT_MAX_INSTRUMENTS,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Add(Box<AddArgs>),
    Record(Box<RecordArgs>),
    Correct(Box<CorrectArgs>),
    Edit(Box<EditArgs>),
    Withdraw(WithdrawArgs),
    Import(Box<ImportArgs>),
    Init(InitArgs),
    Build(BuildArgs),
    Publish(PublishArgs),
    Check(CheckArgs),
    Verify(VerifyArgs),
    Bag(BagArgs),
    List(ListArgs),
    Show(ShowArgs),
    Extract(ExtractArgs),
    Registration(RegistrationArgs),
    Notification(NotificationArgs),
    Export(ExportArgs),
    Locale(LocaleArgs),
    Schema(SchemaArgs),
    Completions(CompletionsArgs),
}

/// Add a new instrument as register/instruments/<ID>.yaml, from flags or, at a terminal, by asking
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The id [default: the next number under register.yaml's id_prefix]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// Official English title as signed
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Title in another language, LANG=TITLE (repeatable), e.g. 'ru=Соглашение …'
    #[arg(long = "title-in", value_name = "LANG=TITLE")]
    pub titles: Vec<String>,

    /// Form of the instrument: joint-statement, declaration, decision, treaty, agreement,
    /// protocol, memorandum, programme, action-plan, roadmap, exchange-of-notes, other
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,

    /// interstate, intergovernmental, interagency, subnational or institutional
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,

    /// A party, STATE or STATE=BODY (repeatable; at least two), e.g.
    /// KAZ="Government of the Republic of Kazakhstan"
    #[arg(long = "party", value_name = "STATE[=BODY]")]
    pub parties: Vec<String>,

    /// Date of signature: YYYY-MM-DD, YYYY-MM or YYYY
    #[arg(long, value_name = "DATE")]
    pub signed: Option<String>,

    /// Place of signature
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,

    /// A signatory, NAME[;OFFICE[;STATE]] (repeatable); `\;` is a semicolon inside a value
    #[arg(long = "signatory", value_name = "NAME;OFFICE;STATE")]
    pub signatories: Vec<String>,

    /// signed, adopted, in-force, provisionally-applied, expired, terminated or superseded
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Date of entry into force
    #[arg(long = "in-force", value_name = "DATE")]
    pub in_force: Option<String>,

    /// A note on the entry into force
    #[arg(long = "in-force-note", value_name = "TEXT")]
    pub in_force_note: Option<String>,

    /// Period covered, FROM/TO, e.g. 2024/2025 (either side may be empty)
    #[arg(long, value_name = "FROM/TO")]
    pub term: Option<String>,

    /// A relation, KIND=ID or KIND=TITLE@DATE (repeatable), e.g. amends=KZ-UZ-2024-004
    #[arg(long = "relation", value_name = "KIND=TARGET")]
    pub relations: Vec<String>,

    /// A subject term, lower-case (repeatable)
    #[arg(long = "subject", value_name = "TERM")]
    pub subjects: Vec<String>,

    /// An authentic language, ISO 639-1 (repeatable)
    #[arg(long = "language", value_name = "CODE")]
    pub languages: Vec<String>,

    /// A source, TITLE[;DATE[;PUBLISHER[;URL[;NOTE]]]] (repeatable; at least one); `\;` is a
    /// semicolon inside a value
    #[arg(long = "source", value_name = "TITLE;DATE;…")]
    pub sources: Vec<String>,

    /// The key of a source, lower-case, by which acts cite it (`record --source KEY`); keys pair
    /// with sources in order: the first --source-key is the first --source's (repeatable)
    #[arg(long = "source-key", value_name = "KEY")]
    pub source_keys: Vec<String>,

    /// The depositary: an ISO 3166-1 alpha-3 code of a state, or the name of an organisation
    #[arg(long, value_name = "TEXT")]
    pub depositary: Option<String>,

    /// Discrepancies between sources, caveats
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,

    /// An attachment under register/files/, PATH[;DESCRIPTION] relative to register/
    /// (repeatable); its SHA-256 is recorded
    #[arg(long = "file", value_name = "PATH;DESCRIPTION")]
    pub files: Vec<String>,

    /// Print the entry and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Rebuild the register after adding
    #[arg(long)]
    pub build: bool,

    /// Never ask, even at a terminal
    #[arg(long)]
    pub no_input: bool,

    #[command(flatten)]
    pub project: Project,
}

/// Record one act of one party in an instrument's file (or, with ACTION `registration`, its UN
/// registration), leaving the rest of the file as it was
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-004
    pub id: String,

    /// What the party did: signature, definitive-signature, ratification, acceptance, approval,
    /// accession, succession, notification, provisional-application, entry-into-force,
    /// reservation, declaration, objection, withdrawal-of-reservation, denunciation, withdrawal,
    /// suspension, termination; or `registration` to record the UN registration
    pub action: Option<String>,

    #[command(flatten)]
    pub fields: ActFields,

    /// registration: the UNTS number, I-… (registered) or II-… (filed and recorded)
    #[arg(long, value_name = "NUMBER")]
    pub number: Option<String>,

    /// registration: who registered it: a party, the depositary, or `ex-officio`
    #[arg(long, value_name = "WHO")]
    pub by: Option<String>,

    /// registration: the UNTS citation, e.g. 'UNTS vol. 3100, p. 1'
    #[arg(long, value_name = "TEXT")]
    pub citation: Option<String>,

    /// Remove act N (as `show ID` numbers them) instead of recording one
    #[arg(long, value_name = "N", conflicts_with = "action", value_parser = clap::value_parser!(u32).range(1..))]
    pub remove: Option<u32>,

    /// Print the changed entry and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Never ask, even at a terminal
    #[arg(long)]
    pub no_input: bool,

    #[command(flatten)]
    pub project: Project,
}

/// The fields of one act, as `record` takes them and `correct` changes them.
#[derive(Debug, Args)]
pub struct ActFields {
    /// The acting state, ISO 3166-1 alpha-3 (one of the instrument's parties)
    #[arg(long, value_name = "STATE")]
    pub party: Option<String>,

    /// Date of the act (of deposit, notification, signature), or of registration: YYYY-MM-DD,
    /// YYYY-MM or YYYY
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// When the act takes effect for that party
    #[arg(long, value_name = "DATE")]
    pub effective: Option<String>,

    /// A reference, e.g. the ratifying law
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,

    /// Names a reservation or declaration, e.g. R1
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,

    /// For an objection or a withdrawal of a reservation: the label it answers
    #[arg(long, value_name = "LABEL")]
    pub regarding: Option<String>,

    /// Wording of a reservation, declaration or objection
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,

    /// The `key` of the entry's source for this act
    #[arg(long, value_name = "KEY")]
    pub source: Option<String>,

    /// A note on the act
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

impl ActFields {
    /// Each field with its name in the format (and, after `--`, its flag).
    pub fn named(&self) -> [(&'static str, &Option<String>); 9] {
        [
            ("party", &self.party),
            ("date", &self.date),
            ("effective", &self.effective),
            ("reference", &self.reference),
            ("label", &self.label),
            ("regarding", &self.regarding),
            ("text", &self.text),
            ("source", &self.source),
            ("note", &self.note),
        ]
    }
}

/// Correct act N of an instrument (as `show ID` numbers them): change the fields given, keep
/// the rest of the file as it was; an empty value ('') leaves an optional field out
#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-004
    pub id: String,

    /// The act to correct: its number in `treaty-register show ID`
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub act: u32,

    #[command(flatten)]
    pub fields: ActFields,

    /// Print the changed entry and write nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub project: Project,
}

/// Bring an existing list of instruments in from a spreadsheet (CSV, XLSX, XLS, ODS): every row
/// checked, then all written at once or nothing
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The list: .csv, .xlsx, .xls or .ods; FILE#SHEET names a sheet
    #[arg(value_name = "FILE", required_unless_present = "template")]
    pub file: Option<PathBuf>,

    /// The sheet of the instruments [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// The parties' acts, one a row (id or title, action, party, date, …): a file, or FILE#SHEET
    #[arg(long, value_name = "FILE[#SHEET]")]
    pub acts: Option<PathBuf>,

    /// A YAML file with the department's own column labels and words (see the archivist's guide)
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,

    /// Check everything and say what would be imported; write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Rewrite the values in which a row differs from its existing entry (other bytes kept)
    #[arg(long)]
    pub update: bool,

    /// How to print problems and the result
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,

    /// Write an empty template (.xlsx, or .csv plus <stem>-columns.csv) with the recognised
    /// headers and what each column means, and import nothing
    #[arg(long, value_name = "FILE", conflicts_with_all = ["file", "acts", "dry_run", "update"])]
    pub template: Option<PathBuf>,

    #[command(flatten)]
    pub project: Project,
}

/// Withdraw an entry from the register (entered by mistake, a duplicate): its file stays, with a
/// `withdrawn:` block, it leaves the register's body and indexes, and its id is never reused
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-003
    pub id: String,

    /// Why, e.g. 'Entered by mistake; duplicate of KZ-UZ-2024-002'
    #[arg(long, value_name = "TEXT")]
    pub reason: String,

    /// The day it is withdrawn, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Print the changed entry and write nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub project: Project,
}

/// Change fields of an instrument's file by name (`--set signed.place=Astana`), leaving the rest
/// of the file as it was
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-004
    pub id: String,

    /// Set a field, FIELD=VALUE (repeatable): title, titles.LANG (an ISO 639-1 code), type,
    /// level, signed.date, signed.place, status, in_force.date, in_force.note, term.from,
    /// term.to, notes, depositary, registration.number, registration.date, registration.by,
    /// registration.citation
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,

    /// Remove an optional field (repeatable); required ones cannot be removed
    #[arg(long = "unset", value_name = "FIELD")]
    pub unset: Vec<String>,

    /// Add a party, STATE or STATE=BODY (repeatable), e.g. TUR="Government of the Republic of
    /// Türkiye"
    #[arg(long = "add-party", value_name = "STATE[=BODY]")]
    pub add_party: Vec<String>,

    /// Print the changed entry and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Never ask, even at a terminal (with no change given, `edit` asks for one)
    #[arg(long)]
    pub no_input: bool,

    #[command(flatten)]
    pub project: Project,
}

/// Create a new register project in DIR (register/, templates/, schema/, out/)
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it must not exist or be empty
    pub dir: PathBuf,

    /// Title of the register
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Status date, YYYY-MM-DD
    #[arg(long = "as-of", value_name = "DATE")]
    pub as_of: Option<String>,

    /// Prefix of new ids, e.g. KZ-UZ-2025
    #[arg(long = "id-prefix", value_name = "PREFIX")]
    pub id_prefix: Option<String>,

    /// Never ask, even at a terminal
    #[arg(long)]
    pub no_input: bool,

    /// The folder DIR is relative to [default: .]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// Check the register and publish it as a PDF in out/
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Template set to render [default: <root>/templates]
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Folder for the outputs [default: <root>/out]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Also write the generated Typst source to <out>/register.typ
    #[arg(long)]
    pub keep_source: bool,

    #[command(flatten)]
    pub typeset: TypesetArgs,

    /// PDF standards to enforce, comma-separated, as typst names them (e.g. a-2b, ua-1)
    #[arg(long, value_name = "LIST", default_value = crate::publish::typst::DEFAULT_PDF_STANDARD,
          value_parser = pdf_standards)]
    pub pdf_standard: String,

    /// Rebuild even when nothing changed since the last build
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub web: WebArgs,

    /// The register as it stood on DATE (YYYY-MM-DD, not after the register's `as_of`): acts
    /// and instruments dated later are left out, statuses derived as of DATE
    #[arg(long = "as-of", value_name = "DATE", value_parser = full_date)]
    pub as_of: Option<PartialDate>,

    #[command(flatten)]
    pub project: Project,
}

/// Publish the next edition: check and build the register, sign the manifest with an OpenSSH key,
/// and archive the edition in editions/NNNN/
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("signing-key").required(true).args(["key", "agent"])))]
pub struct PublishArgs {
    /// The OpenSSH Ed25519 private key file to sign with (its passphrase is asked at the terminal)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,

    /// Sign with a key held by ssh-agent (SSH_AUTH_SOCK)
    #[arg(long)]
    pub agent: bool,

    /// The principal to sign as: a name the key's line in register/allowed_signers matches, never a pattern [default: the first name that line lists]
    #[arg(long, value_name = "NAME")]
    pub principal: Option<String>,

    #[command(flatten)]
    pub seal: SealArgs,

    #[command(flatten)]
    pub web: WebArgs,

    #[command(flatten)]
    pub typeset: TypesetArgs,

    #[command(flatten)]
    pub project: Project,
}

/// Whether this run writes the web edition (`build`, `publish`):
/// register.yaml's `outputs: {web: …}` unless a flag says otherwise.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct WebArgs {
    /// Also write the web edition: static, searchable HTML pages in <out>/html/, listed in the
    /// manifest and published with the PDF [default: register.yaml's `outputs: {web: …}`]
    #[arg(long, conflicts_with = "no_html")]
    pub html: bool,

    /// Write no web edition this time, whatever register.yaml's `outputs: {web: true}` says
    #[arg(long)]
    pub no_html: bool,
}

impl WebArgs {
    /// Whether to write the web edition, given what register.yaml says.
    pub fn wanted(self, outputs: crate::register::model::Outputs) -> bool {
        (outputs.web || self.html) && !self.no_html
    }
}

/// How typst runs and how a large register is split (`build`, `publish`).
#[derive(Debug, Args)]
pub struct TypesetArgs {
    /// The typst executable [default: $TYPST, then typst on PATH, then the pinned version,
    /// installed on first use]
    #[arg(long, value_name = "PATH")]
    pub typst: Option<PathBuf>,

    /// Stop typst after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = crate::publish::typst::DEFAULT_TIMEOUT_SECS)]
    pub typst_timeout: u64,

    /// Publish registers with more entries than this in volumes
    #[arg(long, value_name = "N", default_value_t = crate::publish::build::DEFAULT_VOLUME_SIZE,
          value_parser = at_least_one)]
    pub volume_size: usize,

    /// How many typst processes may run at once [default: the number of cores]
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Audit the published files against the manifest; with --rebuild, prove the PDFs and the web edition come from them
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The manifest to check against: a manifest.sha256 or manifest.json
    /// [default: <root>/out/manifest.sha256]
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,

    /// Also rebuild the PDF in a temporary folder with the same typst and compare its SHA-256
    #[arg(long)]
    pub rebuild: bool,

    /// Audit a PDF on its own, in any folder: check the sources it carries against the digests
    /// it carries (with --rebuild, typeset them again and compare bytes)
    #[arg(long, value_name = "FILE", conflicts_with = "manifest")]
    pub pdf: Option<PathBuf>,

    /// The typst executable for --rebuild (found as `build` finds it)
    #[arg(long, value_name = "PATH")]
    pub typst: Option<PathBuf>,

    /// Trust the seals and time-stamping authorities certified by these PEM certificates,
    /// besides register/allowed_seals.pem and register/allowed_tsa.pem
    #[arg(long, value_name = "FILE")]
    pub trust: Option<PathBuf>,

    /// With --pdf: a PDF without a seal is a problem (SEAL-MISSING), as for a certified extract
    /// that must carry the department's seal
    #[arg(long, requires = "pdf")]
    pub require_seal: bool,

    /// Stop typst after this many seconds (--rebuild)
    #[arg(long, value_name = "SECONDS", default_value_t = crate::publish::typst::DEFAULT_TIMEOUT_SECS)]
    pub typst_timeout: u64,

    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,

    #[command(flatten)]
    pub project: Project,
}

/// Export the published register as a BagIt 1.0 bag (RFC 8493)
#[derive(Debug, Args)]
pub struct BagArgs {
    /// Folder to create the bag in; must not exist or be empty
    pub dest: PathBuf,

    /// The manifest of the published register [default: <root>/out/manifest.json]
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,

    #[command(flatten)]
    pub project: Project,
}

/// Translate the editions: the project's message catalogues, locales/<LANG>.ftl
#[derive(Debug, Args)]
pub struct LocaleArgs {
    #[command(subcommand)]
    pub action: LocaleAction,
}

#[derive(Debug, Subcommand)]
pub enum LocaleAction {
    New(LocaleNewArgs),
    Check(LocaleCheckArgs),
}

impl LocaleAction {
    fn project(&self) -> Project {
        match self {
            LocaleAction::New(a) => a.project.clone(),
            LocaleAction::Check(a) => a.project.clone(),
        }
    }
}

/// Write locales/<LANG>.ftl for a translator: every message, in English until translated
#[derive(Debug, Args)]
pub struct LocaleNewArgs {
    /// The language, a BCP 47 tag (ISO 639-1 code): `ka`, `hy`, `tg`
    #[arg(value_name = "LANG")]
    pub lang: String,

    #[command(flatten)]
    pub project: Project,
}

/// List per language the messages of the project's catalogues still missing or as in English
#[derive(Debug, Args)]
pub struct LocaleCheckArgs {
    #[command(flatten)]
    pub project: Project,
}

/// Check every register file and report all problems with file, line and column
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub project: Project,
}

/// List the instruments: id, type, date signed, status and title (cut to the terminal's width)
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// The register as it stood on DATE (YYYY-MM-DD, not after the register's `as_of`): acts
    /// and instruments dated later are left out, statuses derived as of DATE
    #[arg(long = "as-of", value_name = "DATE", value_parser = full_date)]
    pub as_of: Option<PartialDate>,

    #[command(flatten)]
    pub filters: ListFilters,

    #[command(flatten)]
    pub project: Project,
}

/// Which instruments `list` shows; every filter given must hold (AND).
#[derive(Debug, Clone, Default, Args)]
pub struct ListFilters {
    /// Only instruments this state is a party to (ISO 3166-1 alpha-3, e.g. KAZ)
    #[arg(long, value_name = "STATE")]
    pub party: Option<String>,

    /// Only instruments with this status as of the register's date (or --as-of): signed,
    /// adopted, in-force, provisionally-applied, expired, terminated or superseded
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Only instruments of this type, e.g. agreement, memorandum
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,

    /// Only instruments with this subject term
    #[arg(long, value_name = "TERM")]
    pub subject: Option<String>,

    /// Only instruments signed on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long = "signed-from", value_name = "DATE", value_parser = any_date)]
    pub signed_from: Option<PartialDate>,

    /// Only instruments signed on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long = "signed-to", value_name = "DATE", value_parser = any_date)]
    pub signed_to: Option<PartialDate>,

    /// Only instruments registered with the UN Secretariat
    #[arg(long, conflicts_with = "unregistered")]
    pub registered: bool,

    /// Only instruments with no UN registration recorded
    #[arg(long)]
    pub unregistered: bool,

    /// Only instruments whose id, titles (in every language), parties' bodies, place, subjects,
    /// act references or UN registration number contain every one of WORDS, regardless of case
    /// and diacritics
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,

    /// Only withdrawn entries (which are otherwise never listed), with the date and reason
    #[arg(long)]
    pub withdrawn: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people
    Table,
    /// A JSON array of objects
    Json,
    /// RFC 4180 CSV with a header row
    Csv,
}

/// Show one instrument with every field, "not recorded" where a value is absent
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-006
    pub id: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,

    /// The register as it stood on DATE (YYYY-MM-DD, not after the register's `as_of`): acts
    /// and instruments dated later are left out, statuses derived as of DATE
    #[arg(long = "as-of", value_name = "DATE", value_parser = full_date)]
    pub as_of: Option<PartialDate>,

    #[command(flatten)]
    pub project: Project,
}

/// Issue a certified extract of one entry, as it stood on a date, as a PDF that carries its
/// sources: out/extracts/<ID>-<DATE>.pdf
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-006 (or its number, 6)
    pub id: String,

    /// The entry as it stood on DATE (YYYY-MM-DD, not after the register's `as_of`)
    /// [default: the register's `as_of`]
    #[arg(long = "as-of", value_name = "DATE", value_parser = full_date)]
    pub as_of: Option<PartialDate>,

    /// Write the PDF here [default: out/extracts/<ID>-<DATE>.pdf]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub seal: SealArgs,

    #[command(flatten)]
    pub paper: PaperArgs,
}

/// A PAdES seal: an X.509 signature inside the PDF that PDF readers show
/// (docs/auditing.md, "Seals").
#[derive(Debug, Args)]
pub struct SealArgs {
    /// Seal with this PKCS#12 file: the RSA key, its certificate and its chain (the passphrase
    /// from TREATY_REGISTER_SEAL_PASSPHRASE, or asked at the terminal)
    #[arg(long, value_name = "FILE.p12", conflicts_with_all = ["seal_key", "seal_cert", "seal_chain"])]
    pub seal: Option<PathBuf>,

    /// Seal with this RSA private key (PEM, 2048 bits or more; with --seal-cert)
    #[arg(long, value_name = "KEY.pem", requires = "seal_cert")]
    pub seal_key: Option<PathBuf>,

    /// The seal's certificate (PEM), valid today
    #[arg(long, value_name = "CERT.pem", requires = "seal_key")]
    pub seal_cert: Option<PathBuf>,

    /// The certificates that issued it, nearest first (PEM), carried in the seal
    #[arg(long, value_name = "CHAIN.pem", requires = "seal_cert")]
    pub seal_chain: Option<PathBuf>,

    /// Time-stamp at this RFC 3161 time-stamping authority (http://…): the seal (PAdES B-T)
    /// and, for `publish`, the edition's manifest.sha256 (editions/NNNN/manifest.tsr)
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
}

impl SealArgs {
    /// The seal's files, when sealing.
    pub fn files(&self) -> Option<crate::publish::seal::SealFiles> {
        if let Some(p12) = &self.seal {
            return Some(crate::publish::seal::SealFiles::Pkcs12(p12.clone()));
        }
        Some(crate::publish::seal::SealFiles::Pem {
            key: self.seal_key.clone()?,
            cert: self.seal_cert.clone()?,
            chain: self.seal_chain.clone(),
        })
    }
}

/// Prepare the folder to submit to the UN Treaty Section to register an instrument in force
/// (Article 102 of the Charter): the certifying statement, registration.json and the text
/// files with their digests, in out/registration/<ID>/
#[derive(Debug, Args)]
pub struct RegistrationArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-006 (or its number, 6)
    pub id: String,

    /// Write the folder here [default: out/registration/<ID>]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub paper: PaperArgs,
}

/// Export the register in a format other legal information systems read: Akoma Ntoso 3.0,
/// one <ID>.xml per instrument with a SHA256SUMS, in out/akn/
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format: akn (OASIS Akoma Ntoso 3.0, `<doc name="treaty">`)
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// Write the folder here [default: out/akn]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub project: Project,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Akoma Ntoso 3.0
    Akn,
}

/// Issue the depositary notification of an act of an instrument whose depositary is the state
/// keeping the register: numbered once (stored on the act), out/notifications/<NUMBER>.pdf
#[derive(Debug, Args)]
pub struct NotificationArgs {
    /// The instrument's id, e.g. KZ-UZ-2024-006 (or its number, 6)
    pub id: String,

    /// The act to notify, by its number as `show` prints it
    #[arg(
        long,
        value_name = "N",
        required_unless_present = "all_pending",
        conflicts_with = "all_pending"
    )]
    pub act: Option<u32>,

    /// Notify every act of the instrument not notified yet, in the order they happened
    #[arg(long)]
    pub all_pending: bool,

    /// Typeset act N's notification again from its stored number and date (a lost PDF, or a
    /// copy in another --lang); the entry is not changed
    #[arg(long, requires = "act", conflicts_with = "date")]
    pub reissue: bool,

    /// The notification's date, whose year numbers it (YYYY-MM-DD, not after the register's
    /// `as_of`) [default: the register's `as_of`]
    #[arg(long, value_name = "DATE", value_parser = full_date)]
    pub date: Option<PartialDate>,

    /// Write the PDF here [default: out/notifications/<NUMBER>.pdf, <NUMBER>-<LANG>.pdf in
    /// another language]
    #[arg(long, value_name = "FILE", conflicts_with = "all_pending")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub paper: PaperArgs,
}

/// What every document issued from the register takes: its language, its templates, typst.
#[derive(Debug, Args)]
pub struct PaperArgs {
    /// The language of the document: the register's or one of its `translations`
    /// [default: the register's language]
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Template set to render [default: <root>/templates]; the documents' templates are in
    /// its documents/ folder
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// The typst executable [default: $TYPST, then typst on PATH, then the pinned version,
    /// installed on first use]
    #[arg(long, value_name = "PATH")]
    pub typst: Option<PathBuf>,

    /// Stop typst after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = crate::publish::typst::DEFAULT_TIMEOUT_SECS)]
    pub typst_timeout: u64,

    #[command(flatten)]
    pub project: Project,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// For people
    Text,
    /// JSON, for machines
    Json,
}

/// Print the JSON Schema of an instrument file (for editors and validators)
#[derive(Debug, Args)]
pub struct SchemaArgs {}

/// Print a shell completion script
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// The PDF standards typst 0.15 knows, checked before any work starts.
const PDF_STANDARDS: &[&str] = &[
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

fn pdf_standards(text: &str) -> Result<String, String> {
    for item in text.split(',').map(str::trim) {
        if !PDF_STANDARDS.contains(&item) {
            return Err(format!(
                "`{item}` is not a PDF standard typst knows; use a comma-separated list of: {}",
                PDF_STANDARDS.join(", ")
            ));
        }
    }
    Ok(text.to_owned())
}

/// A full calendar date, YYYY-MM-DD.
fn full_date(text: &str) -> Result<PartialDate, String> {
    match PartialDate::parse(text.trim()) {
        Ok(d) if d.is_full() => Ok(d),
        Ok(_) => Err("expected a full date, YYYY-MM-DD".into()),
        Err(e) => Err(format!("{e}; expected YYYY-MM-DD")),
    }
}

/// A date of any precision, YYYY-MM-DD, YYYY-MM or YYYY.
fn any_date(text: &str) -> Result<PartialDate, String> {
    PartialDate::parse(text.trim())
        .map_err(|e| format!("{e}; expected YYYY-MM-DD, YYYY-MM or YYYY"))
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number of at least 1".into()),
    }
}

/// What every command needs to know, validated once.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub quiet: bool,
    pub limits: crate::register::load::Limits,
}

impl Command {
    /// The project flags of the command; the defaults for those without.
    fn project(&self) -> Project {
        match self {
            Command::Add(a) => a.project.clone(),
            Command::Record(a) => a.project.clone(),
            Command::Correct(a) => a.project.clone(),
            Command::Edit(a) => a.project.clone(),
            Command::Withdraw(a) => a.project.clone(),
            Command::Import(a) => a.project.clone(),
            Command::Init(a) => Project {
                root: a.root.clone(),
                ..Project::default()
            },
            Command::Build(a) => a.project.clone(),
            Command::Publish(a) => a.project.clone(),
            Command::Check(a) => a.project.clone(),
            Command::Verify(a) => a.project.clone(),
            Command::Bag(a) => a.project.clone(),
            Command::Export(a) => a.project.clone(),
            Command::List(a) => a.project.clone(),
            Command::Show(a) => a.project.clone(),
            Command::Extract(a) => a.paper.project.clone(),
            Command::Registration(a) => a.paper.project.clone(),
            Command::Notification(a) => a.paper.project.clone(),
            Command::Locale(a) => a.action.project(),
            Command::Schema(_) | Command::Completions(_) => Project::default(),
        }
    }
}

impl Cli {
    /// The validated configuration and the command to run; `--root`
    /// before a command that reads no project is a usage error.
    pub fn into_parts(self) -> Result<(Config, Command), crate::error::Error> {
        let choice = match self.color {
            Color::Auto => anstream::ColorChoice::Auto,
            Color::Always => anstream::ColorChoice::Always,
            Color::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
        if self.root_before.is_some()
            && matches!(self.command, Command::Schema(_) | Command::Completions(_))
        {
            return Err(crate::error::Error::Usage {
                message: "--root means nothing to `schema` or `completions`: they read no project"
                    .into(),
                hint: Some("leave --root out".into()),
            });
        }
        let project = self.command.project();
        let root = project
            .root
            .or(self.root_before)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok((
            Config {
                root,
                quiet: self.quiet,
                limits: crate::register::load::Limits {
                    max_instruments: project.max_instruments,
                },
            },
            self.command,
        ))
    }
}

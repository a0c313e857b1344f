//! Pipeline stage 3: the validated register becomes Typst source through
//! minijinja templates.
//!
//! Register values never reach Typst as markup or code. The template
//! environment's formatter writes every `{{ value }}` as a Typst *literal*:
//! text as a string literal (`"…"` with `\\ \" \n \r \t \u{…}` escaped),
//! `none`, booleans and numbers as themselves, lists and maps as arrays and
//! dictionaries of literals. A string literal displays as plain text
//! whatever it contains, so `#`, `$`, `*`, `<label>` or `#read(…)` in an
//! entry print verbatim. Template authors get this without asking; raw
//! output needs the explicit, visible `|safe` filter.
//!
//! In markup, write a value as `#{{ value }}` (or pass it to a function
//! call, `#field({{ label }}, {{ value }})`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use minijinja::value::ValueKind;
use minijinja::{Environment, Error as TemplateError, Output, State, UndefinedBehavior, Value};
use serde::Serialize;

use crate::codes;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::inputs::{self, InputFile};
use crate::model::{Instrument, NOT_RECORDED, Register, Target};

/// The template every build starts from: the register, or in a register
/// published in volumes, the general volume.
pub const ENTRY_TEMPLATE: &str = "register.typ.j2";
/// The template of each volume of a register published in volumes.
pub const VOLUME_TEMPLATE: &str = "volume.typ.j2";

/// Writes `text` as a Typst string literal.
///
/// ```
/// let mut out = String::new();
/// treaty_register::render::typst_string("#read(\"/etc/passwd\")\n", &mut out);
/// assert_eq!(out, r##""#read(\"/etc/passwd\")\n""##);
/// ```
pub fn typst_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads a Typst string literal as typst does, for the escapes
/// [`typst_string`] writes: the inverse, used by tests and fuzzing to prove
/// that every string comes back unchanged. `None` for anything else.
pub fn read_typst_string(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    if chars.next()? != '{' {
                        return None;
                    }
                    let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// Writes a template value as a Typst literal (see the module docs).
pub fn typst_literal(value: &Value, out: &mut String) -> Result<(), TemplateError> {
    match value.kind() {
        ValueKind::None | ValueKind::Undefined => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if let Some(i) = value.as_i64() {
                let _ = write!(out, "{i}");
            } else {
                let f = f64::try_from(value.clone()).unwrap_or(f64::NAN);
                if f.is_finite() {
                    let _ = write!(out, "{f:?}");
                } else {
                    out.push_str("none");
                }
            }
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                typst_literal(&item, out)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut empty = true;
            for key in value.try_iter()? {
                typst_string(&key.to_string(), out);
                out.push_str(": ");
                typst_literal(&value.get_item(&key)?, out)?;
                out.push_str(", ");
                empty = false;
            }
            if empty {
                out.push(':');
            }
            out.push(')');
        }
        _ => typst_string(&value.to_string(), out),
    }
    Ok(())
}

fn typst_formatter(
    out: &mut Output,
    _state: &mut State,
    value: &Value,
) -> Result<(), TemplateError> {
    if value.is_safe() {
        return write!(out, "{value}").map_err(TemplateError::from);
    }
    let mut text = String::new();
    typst_literal(value, &mut text)?;
    out.write_str(&text).map_err(TemplateError::from)
}

/// A template environment with the Typst formatter and strict undefined
/// values, loaded with every `*.j2` file directly in `dir`.
pub fn environment(dir: &Path) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_formatter(typst_formatter);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut found = false;
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Read {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".j2") || !path.is_file() {
            continue;
        }
        let source = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        found |= name == ENTRY_TEMPLATE;
        env.add_template_owned(name.to_owned(), source)
            .map_err(|e| template_error(dir, &e))?;
    }
    if !found {
        return Err(Error::Template {
            location: dir.join(ENTRY_TEMPLATE).display().to_string(),
            message: "the template set has no entry template".into(),
        });
    }
    Ok(env)
}

fn template_error(dir: &Path, e: &TemplateError) -> Error {
    // An error inside an included template arrives wrapped by the include;
    // the innermost one names the file and line where the mistake is.
    let mut innermost = e;
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(inner) = inner.downcast_ref::<TemplateError>()
            && inner.name().is_some()
        {
            innermost = inner;
        }
        source = inner.source();
    }
    let name = innermost.name().unwrap_or(ENTRY_TEMPLATE);
    let mut location = dir.join(name).display().to_string();
    if let Some(line) = innermost.line() {
        let _ = write!(location, ":{line}");
    }
    let message = match innermost.detail() {
        Some(detail) => format!("{}: {detail}", innermost.kind()),
        None => innermost.kind().to_string(),
    };
    Error::Template { location, message }
}

/// A loaded template set, ready to render any number of documents (from
/// several threads at once).
pub struct Templates {
    env: Environment<'static>,
    dir: std::path::PathBuf,
}

impl Templates {
    pub fn load(dir: &Path) -> Result<Templates> {
        Ok(Templates {
            env: environment(dir)?,
            dir: dir.to_path_buf(),
        })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let template = self.env.get_template(name).map_err(|e| {
            if e.kind() == minijinja::ErrorKind::TemplateNotFound {
                Error::Template {
                    location: self.dir.join(name).display().to_string(),
                    message: "the template set has no such template".into(),
                }
            } else {
                template_error(&self.dir, &e)
            }
        })?;
        template
            .render(Value::from(minijinja::value::Serde(context)))
            .map_err(|e| template_error(&self.dir, &e))
    }
}

/// Renders the entry template of `dir` with `context`.
pub fn render(dir: &Path, context: &Context) -> Result<String> {
    Templates::load(dir)?.render(ENTRY_TEMPLATE, context)
}

/// Everything the templates see. Absent values are `none`, which the
/// templates print as "not recorded".
#[derive(Debug, Serialize)]
pub struct Context {
    pub register: RegisterContext,
    pub instruments: Vec<InstrumentContext>,
    /// Empty unless the register is published in volumes.
    pub volumes: Vec<VolumeInfo>,
    pub states: Vec<StateContext>,
    pub index_by_party: Vec<PartyIndex>,
    pub index_by_type: Vec<Group>,
    pub index_by_subject: Vec<Group>,
    pub checksums: Checksums,
    pub tool: Tool,
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
}

/// What `volume.typ.j2` sees: the register, this volume and its entries.
#[derive(Debug, Serialize)]
pub struct VolumeContext<'a> {
    pub register: &'a RegisterContext,
    pub volume: &'a VolumeInfo,
    pub volume_count: usize,
    pub instruments: &'a [InstrumentContext],
    pub checksums: Vec<&'a ChecksumLine>,
    pub tool: &'a Tool,
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
            tool: &self.tool,
        }
    }
}

/// The file name of volume `n` of `count`, zero-padded to sort.
pub fn volume_file(n: usize, count: usize) -> String {
    let width = count.to_string().len().max(2);
    format!("register-vol-{n:0width$}.pdf")
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
    pub language: String,
    /// The foreword split into paragraphs at blank lines.
    pub foreword: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct InstrumentContext {
    pub number: usize,
    /// The volume holding the entry, when the register is in volumes.
    pub volume: Option<usize>,
    pub id: String,
    /// The Typst label of the entry's block, for links and page references.
    pub anchor: String,
    pub title: String,
    pub titles: Vec<OtherTitle>,
    #[serde(rename = "type")]
    pub kind: String,
    pub level: Option<String>,
    pub parties: Vec<PartyContext>,
    /// "KAZ, UZB", for the summary table.
    pub party_codes: String,
    pub signed_on: String,
    pub signed_on_iso: String,
    pub signed_at: Option<String>,
    pub signatories: Vec<String>,
    pub status: String,
    pub in_force: Option<String>,
    pub term: Option<String>,
    pub relations: Vec<RelationContext>,
    pub subjects: Vec<String>,
    pub languages: Vec<String>,
    pub sources: Vec<String>,
    pub notes: Option<String>,
    pub files: Vec<FileContext>,
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Serialize)]
pub struct OtherTitle {
    pub language: String,
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
    /// In a register in volumes: the references as one text ("No. 4
    /// (KZ-UZ-2024-004), vol. 1; …"), and `entries` is empty. Typst sets
    /// one string far faster than a hundred thousand small pieces.
    pub text: Option<String>,
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
    /// As in [`Group::text`].
    pub text: Option<String>,
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

/// For a register in volumes, index references become one text.
fn by_volume(entries: Vec<EntryRef>) -> (Vec<EntryRef>, Option<String>) {
    if entries.first().is_none_or(|e| e.volume.is_none()) {
        return (entries, None);
    }
    let mut text = String::with_capacity(entries.len() * 32);
    for (n, e) in entries.iter().enumerate() {
        if n > 0 {
            text.push_str("; ");
        }
        let _ = write!(
            text,
            "No.\u{a0}{} ({}), vol.\u{a0}{}",
            e.number,
            e.id,
            e.volume.unwrap_or(0)
        );
    }
    (Vec::new(), Some(text))
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn long(date: Option<PartialDate>) -> Option<String> {
    date.map(|d| d.long())
}

fn anchor(id: &str) -> String {
    format!("entry-{id}")
}

/// Builds the render context from the validated register and its files.
/// With `volume_size`, entries are split into volumes of that many.
pub fn context(
    register: &Register,
    files: &[InputFile],
    typst_version: &str,
    volume_size: Option<usize>,
) -> Context {
    let meta = &register.meta;
    let numbers: std::collections::HashMap<&str, usize> = register
        .instruments
        .iter()
        .enumerate()
        .map(|(n, i)| (i.id.value.as_str(), n + 1))
        .collect();
    let volume_of = |number: usize| volume_size.map(|size| (number - 1) / size + 1);
    let entry_ref = |i: &Instrument| {
        let number = numbers[i.id.value.as_str()];
        EntryRef {
            number,
            id: i.id.value.clone(),
            anchor: anchor(&i.id.value),
            volume: volume_of(number),
        }
    };
    let digests: std::collections::HashMap<&str, &str> = files
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let file_sha = |path: &str| {
        digests
            .get(path)
            .map_or_else(String::new, |d| (*d).to_owned())
    };
    let target_volume = |id: &str| numbers.get(id).and_then(|n| volume_of(*n));

    let instruments: Vec<InstrumentContext> = crate::parallel::map(&register.instruments, |i| {
        let number = numbers[i.id.value.as_str()];
        let mut c = instrument_context(i, number, register, &file_sha, &target_volume);
        c.volume = volume_of(number);
        c
    });
    let volumes: Vec<VolumeInfo> = match volume_size {
        Some(size) => {
            let count = instruments.len().div_ceil(size);
            instruments
                .chunks(size)
                .enumerate()
                .map(|(k, chunk)| VolumeInfo {
                    number: k + 1,
                    file: volume_file(k + 1, count),
                    first: chunk[0].id.clone(),
                    last: chunk[chunk.len() - 1].id.clone(),
                    count: chunk.len(),
                })
                .collect()
        }
        None => Vec::new(),
    };

    let mut by_state: BTreeMap<&str, BTreeMap<Option<String>, Vec<EntryRef>>> = BTreeMap::new();
    let mut by_type: BTreeMap<String, Vec<EntryRef>> = BTreeMap::new();
    let mut by_subject: BTreeMap<&str, Vec<EntryRef>> = BTreeMap::new();
    for i in &register.instruments {
        for p in &i.parties {
            let entries = by_state
                .entry(p.state.as_str())
                .or_default()
                .entry(p.body.as_deref().map(flat))
                .or_default();
            // Two parties of one entry may share state and body; entries
            // come in order, so a repeat can only be the last one.
            if entries.last().is_none_or(|e| e.id != i.id.value) {
                entries.push(entry_ref(i));
            }
        }
        by_type
            .entry(i.kind.label())
            .or_default()
            .push(entry_ref(i));
        for s in &i.subjects {
            by_subject.entry(s.as_str()).or_default().push(entry_ref(i));
        }
    }
    let states = by_state
        .keys()
        .map(|code| StateContext {
            code: (*code).to_owned(),
            name: codes::country_name(code).unwrap_or(code).to_owned(),
        })
        .collect();
    let index_by_party = by_state
        .into_iter()
        .map(|(state, bodies)| PartyIndex {
            state: state.to_owned(),
            state_name: codes::country_name(state).unwrap_or(state).to_owned(),
            bodies: bodies
                .into_iter()
                .map(|(body, entries)| {
                    let (entries, text) = by_volume(entries);
                    BodyGroup {
                        body,
                        entries,
                        text,
                    }
                })
                .collect(),
        })
        .collect();
    let group = |(heading, entries): (String, Vec<EntryRef>)| {
        let (entries, text) = by_volume(entries);
        Group {
            heading,
            entries,
            text,
        }
    };

    Context {
        register: RegisterContext {
            title: flat(&meta.title),
            subtitle: meta.subtitle.as_deref().map(flat),
            series: meta.series.clone(),
            authority: meta.authority.as_deref().map(flat),
            as_of: meta.as_of.long(),
            as_of_iso: meta.as_of.to_string(),
            as_of_parts: [
                u32::from(meta.as_of.year),
                u32::from(meta.as_of.month.unwrap_or(1)),
                u32::from(meta.as_of.day.unwrap_or(1)),
            ],
            language: meta.language.clone(),
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
        },
        instruments,
        volumes,
        states,
        index_by_party,
        index_by_type: by_type.into_iter().map(group).collect(),
        index_by_subject: by_subject
            .into_iter()
            .map(|(s, e)| group((s.to_owned(), e)))
            .collect(),
        checksums: Checksums {
            files: files
                .iter()
                .filter(|f| f.role != inputs::Role::Template)
                .map(|f| ChecksumLine {
                    path: f.path.clone(),
                    sha256: f.sha256.clone(),
                })
                .collect(),
            register_digest: inputs::register_digest(files),
        },
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            typst_version: typst_version.to_owned(),
        },
    }
}

fn instrument_context(
    i: &Instrument,
    number: usize,
    register: &Register,
    file_sha: &impl Fn(&str) -> String,
    target_volume: &impl Fn(&str) -> Option<usize>,
) -> InstrumentContext {
    let own_volume = target_volume(&i.id.value);
    let relations = i
        .relations
        .iter()
        .map(|r| match &r.target {
            Target::Id(id) => {
                let target = register.get(&id.value);
                let volume = target_volume(&id.value);
                // Another volume is named.
                let elsewhere = volume.filter(|v| Some(*v) != own_volume);
                let where_ = match elsewhere {
                    Some(v) => format!("{}, vol. {v}", id.value),
                    None => id.value.clone(),
                };
                let text = match target {
                    Some(t) => format!(
                        "{} {} ({where_}) of {}.",
                        capitalize(r.kind.as_str()),
                        flat(&t.title),
                        t.signed.date.long()
                    ),
                    None => format!("{} {where_}.", capitalize(r.kind.as_str())),
                };
                RelationContext {
                    text,
                    // Only a register in one PDF links its relations: in a
                    // volume, links to entries make typst lay the whole
                    // volume out again, for about a fifth of its time
                    // (docs/performance.md).
                    anchor: own_volume.is_none().then(|| anchor(&id.value)),
                }
            }
            Target::External { title, date } => RelationContext {
                text: format!(
                    "{} the {} of {}.",
                    capitalize(r.kind.as_str()),
                    flat(title),
                    date.long()
                ),
                anchor: None,
            },
        })
        .collect();
    let in_force = i.in_force.as_ref().map(|f| {
        let date = f.date.map_or_else(|| NOT_RECORDED.to_owned(), |d| d.long());
        match &f.note {
            Some(note) => format!("{date} ({})", flat(note)),
            None => date,
        }
    });
    let term = i.term.as_ref().map(|t| {
        format!(
            "{} to {}",
            long(t.from).unwrap_or_else(|| NOT_RECORDED.to_owned()),
            long(t.to).unwrap_or_else(|| NOT_RECORDED.to_owned())
        )
    });
    InstrumentContext {
        number,
        volume: None,
        id: i.id.value.clone(),
        anchor: anchor(&i.id.value),
        title: flat(&i.title),
        titles: i
            .titles
            .iter()
            .map(|(lang, title)| OtherTitle {
                language: codes::language_name(lang).unwrap_or(lang).to_owned(),
                title: flat(title),
            })
            .collect(),
        kind: i.kind.label(),
        level: i.level.map(|l| l.label()),
        party_codes: i
            .parties
            .iter()
            .map(|p| p.state.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        parties: i
            .parties
            .iter()
            .map(|p| PartyContext {
                state: p.state.clone(),
                state_name: codes::country_name(&p.state).unwrap_or(&p.state).to_owned(),
                body: p.body.as_deref().map(flat),
            })
            .collect(),
        signed_on: i.signed.date.long(),
        signed_on_iso: i.signed.date.to_string(),
        signed_at: i.signed.place.as_deref().map(flat),
        signatories: i
            .signed
            .signatories
            .iter()
            .map(|s| {
                let mut text = flat(&s.name);
                if let Some(office) = &s.office {
                    let _ = write!(text, ", {}", flat(office));
                }
                text
            })
            .collect(),
        status: i.status.label(),
        in_force,
        term,
        relations,
        subjects: i.subjects.clone(),
        languages: i
            .languages
            .iter()
            .map(|l| codes::language_name(l).unwrap_or(l).to_owned())
            .collect(),
        sources: i
            .sources
            .iter()
            .map(|s| {
                let mut text = format!("“{}”", flat(&s.title));
                if let Some(p) = &s.publisher {
                    let _ = write!(text, ", {}", flat(p));
                }
                if let Some(d) = s.date {
                    let _ = write!(text, ", {}", d.long());
                }
                if let Some(u) = &s.url {
                    let _ = write!(text, ", {}", u.trim());
                }
                text.push('.');
                if let Some(n) = &s.note {
                    let _ = write!(text, " {}", flat(n));
                }
                text
            })
            .collect(),
        notes: i.notes.as_deref().map(flat),
        files: i
            .files
            .iter()
            .map(|f| {
                let path = format!("register/{}", f.path.value);
                FileContext {
                    sha256: file_sha(&path),
                    path,
                    description: f.description.as_deref().map(flat),
                }
            })
            .collect(),
        path: i.path.to_string_lossy().replace('\\', "/"),
        sha256: i.sha256.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(value: Value) -> String {
        let mut out = String::new();
        typst_literal(&value, &mut out).unwrap();
        out
    }

    #[test]
    fn strings_become_string_literals() {
        assert_eq!(literal(Value::from("plain")), "\"plain\"");
        assert_eq!(
            literal(Value::from("a\\b\"c\nd\re\tf\u{7}g")),
            r#""a\\b\"c\nd\re\tf\u{7}g""#
        );
        assert_eq!(
            literal(Value::from("#read(\"/etc/passwd\") $x$ *b* <l> @r // /* `")),
            r##""#read(\"/etc/passwd\") $x$ *b* <l> @r // /* `""##
        );
        assert_eq!(
            literal(Value::from("Қазақстан Oʻzbekiston")),
            "\"Қазақстан Oʻzbekiston\""
        );
    }

    #[test]
    fn other_values_become_typst_values() {
        assert_eq!(literal(Value::from(())), "none");
        assert_eq!(literal(Value::from(true)), "true");
        assert_eq!(literal(Value::from(16)), "16");
        assert_eq!(literal(Value::from(1.5)), "1.5");
        assert_eq!(literal(Value::from(vec!["a", "b"])), r#"("a", "b", )"#);
        assert_eq!(literal(Value::from(Vec::<i32>::new())), "()");
        let map: BTreeMap<&str, i32> = [("x y", 1)].into();
        assert_eq!(literal(Value::from(map)), r#"("x y": 1, )"#);
        let empty: BTreeMap<&str, i32> = BTreeMap::new();
        assert_eq!(literal(Value::from(empty)), "(:)");
    }

    #[test]
    fn templates_escape_by_default_and_safe_is_explicit() {
        let mut env = Environment::new();
        env.set_formatter(typst_formatter);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let out = env
            .render_str("#{{ v }} {{ v|safe }}", minijinja::context! { v => "*b*" })
            .unwrap();
        assert_eq!(out, "#\"*b*\" *b*");
        let err = env.render_str("{{ missing }}", ()).unwrap_err();
        assert_eq!(err.kind(), minijinja::ErrorKind::UndefinedError);
    }
}

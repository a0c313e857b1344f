//! Pipeline stage 1: read the register's files and decode them into the
//! model, collecting every problem with its file, line and column.
//!
//! Each file goes through the same gate: it must be a regular file inside
//! the project, at most [`MAX_FILE_SIZE`] bytes, UTF-8, one YAML document,
//! and a mapping whose fields follow the register format. Per-field rules
//! (dates exist, codes are ISO codes, keywords are known, the id matches the
//! file name) are applied while decoding; rules that need the whole register
//! live in [`crate::check`]. Instrument files are read in parallel.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::codes;
use crate::date::PartialDate;
use crate::diagnostic::{Diagnostic, Span};
use crate::error::{Error, Result};
use crate::model::*;
use crate::yaml::{self, Node, Value};

/// Largest register file accepted, in bytes. An entry is a few kilobytes;
/// anything near this is a mistake (a scan saved under the wrong name) or
/// an attack, and is refused before it is parsed.
pub const MAX_FILE_SIZE: u64 = 1024 * 1024;

/// Longest text value accepted, in characters. Titles and notes are a few
/// hundred; longer texts belong in an attachment.
pub const MAX_TEXT_CHARS: usize = 65_536;

/// Most instrument files a register may hold by default (`--max-instruments`).
pub const DEFAULT_MAX_INSTRUMENTS: usize = 1_000_000;

/// Limits a run enforces beyond the fixed ones above.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_instruments: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_instruments: DEFAULT_MAX_INSTRUMENTS,
        }
    }
}

pub const REGISTER_FILE: &str = "register/register.yaml";
pub const INSTRUMENTS_DIR: &str = "register/instruments";

/// The register as read, with every problem found on the way. Instruments
/// whose files have problems are left out of `register` (their problems are
/// in `diagnostics`), so later stages still see the rest.
pub struct Loaded {
    pub register: Option<Register>,
    /// Instrument files found (relative to the root), valid or not.
    pub instrument_files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load(root: &Path, limits: &Limits) -> Result<Loaded> {
    if !root.join(REGISTER_FILE).exists() {
        return Err(Error::NoRegister {
            root: root.to_path_buf(),
        });
    }
    let mut diagnostics = Vec::new();
    let meta =
        read_yaml(root, Path::new(REGISTER_FILE), &mut diagnostics).and_then(|(node, sha256)| {
            let meta = Decoder::new(REGISTER_FILE, &mut diagnostics).meta(&node)?;
            Some((meta, sha256))
        });

    let paths = instrument_paths(root, &mut diagnostics)?;
    if paths.len() > limits.max_instruments {
        // Refuse before reading: a runaway folder must not exhaust memory.
        diagnostics.push(
            Diagnostic::new(
                INSTRUMENTS_DIR,
                None,
                format!(
                    "{} instrument files, over the limit of {}",
                    paths.len(),
                    limits.max_instruments
                ),
            )
            .hint("raise the limit with --max-instruments if the register is really this large"),
        );
        return Ok(Loaded {
            register: None,
            instrument_files: paths,
            diagnostics,
        });
    }
    let results = crate::parallel::map(&paths, |path| {
        let mut diags = Vec::new();
        let instrument = read_yaml(root, path, &mut diags).and_then(|(node, sha256)| {
            let instrument = Decoder::new(path, &mut diags).instrument(&node)?;
            Some(Instrument {
                sha256,
                ..instrument
            })
        });
        (instrument, diags)
    });
    let mut instruments = Vec::with_capacity(paths.len());
    for (instrument, diags) in results {
        instruments.extend(instrument);
        diagnostics.extend(diags);
    }
    instruments.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    Ok(Loaded {
        register: meta.map(|(meta, meta_sha256)| Register {
            meta,
            meta_sha256,
            instruments,
        }),
        instrument_files: paths,
        diagnostics,
    })
}

/// The instrument files, sorted; anything else in the folder is a problem.
fn instrument_paths(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>> {
    let dir = root.join(INSTRUMENTS_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Read { path: dir, source }),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: dir.clone(),
            source,
        })?;
        let name = entry.file_name();
        let rel = Path::new(INSTRUMENTS_DIR).join(&name);
        let Some(name) = name.to_str() else {
            diagnostics.push(
                Diagnostic::new(&rel, None, "file name is not valid UTF-8")
                    .hint("rename the file to `<ID>.yaml`"),
            );
            continue;
        };
        if name.starts_with('.') {
            continue; // editor and system files (.gitkeep, .DS_Store, swap files)
        }
        if let Some(bad) = unsafe_path_char(name) {
            diagnostics.push(
                Diagnostic::new(
                    &rel,
                    None,
                    format!("file name contains {bad}, which the manifest cannot carry"),
                )
                .hint("rename the file to `<ID>.yaml`, where the id uses A-Z, 0-9 and `-`"),
            );
            continue;
        }
        match name.rsplit_once('.') {
            Some((_, "yaml")) => paths.push(rel),
            Some((stem, "yml" | "YAML" | "YML")) => diagnostics.push(
                Diagnostic::new(&rel, None, "instrument files must end in `.yaml`")
                    .hint(format!("rename the file to `{stem}.yaml`")),
            ),
            _ => diagnostics.push(Diagnostic::new(&rel, None, "not an instrument file").hint(
                "only `<ID>.yaml` files belong in register/instruments/; move this one elsewhere",
            )),
        }
    }
    // By name as bytes: the same order as comparing paths here (one
    // folder), without splitting each path into components.
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(paths)
}

/// Names a character that `sha256sum` manifests cannot carry in a path.
pub fn unsafe_path_char(name: &str) -> Option<&'static str> {
    name.chars().find_map(|c| match c {
        '\\' => Some("a backslash (`\\`)"),
        '\r' => Some("a carriage return"),
        '\n' => Some("a line feed"),
        '%' => Some("a percent sign (`%`)"),
        _ => None,
    })
}

/// Reads one file through the gate described in the module docs; returns
/// its document and the SHA-256 of the bytes read.
fn read_yaml(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<(Node, String)> {
    let full = root.join(rel);
    let mut problem = |message: String, hint: &str| {
        diags.push(Diagnostic::new(rel, None, message).hint(hint));
        None
    };
    let meta = match fs::symlink_metadata(&full) {
        Ok(meta) => meta,
        Err(e) => {
            return problem(
                format!("failed to read the file ({e})"),
                "check its permissions",
            );
        }
    };
    if meta.file_type().is_symlink() {
        let inside = match (fs::canonicalize(&full), fs::canonicalize(root)) {
            (Ok(target), Ok(root)) => target.starts_with(root),
            _ => false,
        };
        if !inside {
            return problem(
                "symbolic link pointing outside the project (or to nothing)".into(),
                "replace the link with the file itself",
            );
        }
    }
    // Only a link needs a second look at what it points to.
    let meta = if meta.file_type().is_symlink() {
        match fs::metadata(&full) {
            Ok(meta) => meta,
            Err(e) => {
                return problem(
                    format!("failed to read the file ({e})"),
                    "check its permissions",
                );
            }
        }
    } else {
        meta
    };
    if !meta.is_file() {
        return problem(
            "not a regular file".into(),
            "register files must be plain files, not folders, pipes or devices",
        );
    }
    if meta.len() > MAX_FILE_SIZE {
        return problem(
            format!(
                "file is {} bytes, over the limit of {MAX_FILE_SIZE} bytes (1 MiB)",
                meta.len()
            ),
            "an entry is a few kilobytes of YAML; keep scans and long texts under register/files/",
        );
    }
    let bytes = match fs::read(&full) {
        Ok(bytes) => bytes,
        Err(e) => {
            return problem(
                format!("failed to read the file ({e})"),
                "check its permissions",
            );
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            diags.push(
                Diagnostic::new(
                    rel,
                    Some(Span::new(line, column, 1)),
                    format!(
                        "file is not valid UTF-8 (byte 0x{:02X})",
                        bytes[e.valid_up_to()]
                    ),
                )
                .hint("save the file with UTF-8 encoding"),
            );
            return None;
        }
    };
    let node = parse_text(rel, text, diags)?;
    Some((node, crate::digest::sha256_bytes(&bytes)))
}

/// Parses the text of a register file into its document, or records why not.
fn parse_text(rel: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match yaml::parse(text) {
        Ok(Some(node)) if !node.is_null() => Some(node),
        Ok(_) => {
            let hint = if rel == Path::new(REGISTER_FILE) {
                "register.yaml needs at least `title`, `as_of` and `id_prefix`"
            } else {
                "an instrument needs at least `id`, `title`, `type`, `parties`, `signed`, \
                 `status` and `sources`; `treaty-register add` writes one for you"
            };
            diags.push(Diagnostic::new(rel, None, "file is empty").hint(hint));
            None
        }
        Err(e) => {
            let mut d = Diagnostic::new(rel, Some(e.span), e.message);
            if let Some(h) = e.hint {
                d = d.hint(h);
            }
            diags.push(d);
            None
        }
    }
}

/// Decodes an instrument file that is not on disk yet (`add` validates
/// its entry this way before writing it), with the rules `check` applies
/// to a file.
pub fn parse_instrument(rel: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Instrument> {
    let node = parse_text(rel, text, diags)?;
    let instrument = Decoder::new(rel, diags).instrument(&node)?;
    Some(Instrument {
        sha256: crate::digest::sha256_bytes(text.as_bytes()),
        ..instrument
    })
}

/// The fields of one mapping, checked against the names the format allows.
struct Fields<'n> {
    /// Where to point when a required field is missing: the mapping's key
    /// in its parent, or the mapping itself at the top.
    owner: Span,
    /// How messages name the mapping: "the instrument", "`signed`".
    what: String,
    entries: Vec<(&'static str, &'n Node)>,
}

impl<'n> Fields<'n> {
    /// The value of a field that is present and not `null`.
    fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_null())
    }
}

/// Decodes YAML nodes into the model, recording a diagnostic for every
/// problem and carrying on, so that one run reports them all.
struct Decoder<'d> {
    path: PathBuf,
    diags: &'d mut Vec<Diagnostic>,
}

pub(crate) const INSTRUMENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "titles",
    "type",
    "level",
    "parties",
    "signed",
    "status",
    "in_force",
    "term",
    "relations",
    "subjects",
    "languages",
    "sources",
    "notes",
    "files",
];
const META_FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "series",
    "authority",
    "as_of",
    "language",
    "foreword",
    "id_prefix",
];

impl<'d> Decoder<'d> {
    fn new(path: impl Into<PathBuf>, diags: &'d mut Vec<Diagnostic>) -> Self {
        Decoder {
            path: path.into(),
            diags,
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::new(&self.path, Some(span), message));
        self.diags.last_mut().unwrap()
    }

    fn fields<'n>(
        &mut self,
        node: &'n Node,
        owner: Span,
        what: &str,
        allowed: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.error(
                node.span,
                format!(
                    "expected a mapping of fields for {what}, found {}",
                    node.describe()
                ),
            )
            .hints
            .push(format!(
                "write it as `field: value` lines; allowed fields: {}",
                allowed.join(", ")
            ));
            return None;
        };
        let mut fields = Fields {
            owner,
            what: what.to_owned(),
            entries: Vec::new(),
        };
        for (key, value) in entries {
            let Value::Scalar { text, .. } = &key.value else {
                self.error(key.span, "field names must be plain words");
                continue;
            };
            let Some(name) = allowed.iter().find(|a| **a == text) else {
                let hint = match closest(text, allowed) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("allowed fields of {what}: {}", allowed.join(", ")),
                };
                self.error(key.span, format!("unknown field `{text}` in {what}"))
                    .hints
                    .push(hint);
                continue;
            };
            if let Some((_, first)) = entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Scalar { text: t, .. } if t == text))
                .filter(|(k, _)| !std::ptr::eq(k, key))
            {
                let line = first.span.line;
                self.error(key.span, format!("duplicate field `{text}`"))
                    .hints
                    .push(format!(
                        "`{text}` is already given on line {line}; keep one"
                    ));
                continue;
            }
            fields.entries.push((name, value));
        }
        Some(fields)
    }

    fn missing(&mut self, fields: &Fields, name: &str, hint: &str) {
        let what = fields.what.clone();
        self.error(
            fields.owner,
            format!("missing required field `{name}` in {what}"),
        )
        .hints
        .push(hint.to_owned());
    }

    /// A text value; `None` (after a diagnostic) for lists, mappings and
    /// empty text.
    fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } if text.trim().is_empty() => {
                self.error(node.span, format!("`{field}` is empty"))
                    .hints
                    .push(
                        "leave out a value that is not known; it prints as \"not recorded\"".into(),
                    );
                None
            }
            Value::Scalar { text, .. } if text.chars().count() > MAX_TEXT_CHARS => {
                let n = text.chars().count();
                self.error(
                    node.span,
                    format!("`{field}` is {n} characters long, over the limit of {MAX_TEXT_CHARS}"),
                )
                .hints
                .push("keep long texts in an attachment under register/files/".into());
                None
            }
            Value::Scalar { text, .. } => Some(text.clone()),
            _ => {
                self.error(
                    node.span,
                    format!("expected text for `{field}`, found {}", node.describe()),
                );
                None
            }
        }
    }

    fn opt_text(&mut self, fields: &Fields, name: &str) -> Option<String> {
        fields.get(name).and_then(|node| self.text(node, name))
    }

    /// A required text field; `Err` means the caller cannot build its value.
    fn req_text(&mut self, fields: &Fields, name: &str, hint: &str) -> Result<String, ()> {
        match fields.get(name) {
            Some(node) => self.text(node, name).ok_or(()),
            None => {
                self.missing(fields, name, hint);
                Err(())
            }
        }
    }

    fn list<'n>(&mut self, node: &'n Node, field: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            _ => {
                self.error(
                    node.span,
                    format!("expected a list for `{field}`, found {}", node.describe()),
                )
                .hints
                .push(format!(
                    "write each item of `{field}` on its own line starting with `- `"
                ));
                &[]
            }
        }
    }

    fn date(&mut self, node: &Node, field: &str) -> Option<PartialDate> {
        let text = self.text(node, field)?;
        match PartialDate::parse(text.trim()) {
            Ok(date) => Some(date),
            Err(e) => {
                self.error(node.span, format!("`{text}` is not a valid date: {e}"))
                    .hints
                    .push("write the date as YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known".into());
                None
            }
        }
    }

    fn opt_date(&mut self, fields: &Fields, name: &str) -> Option<PartialDate> {
        fields.get(name).and_then(|node| self.date(node, name))
    }

    fn keyword<K: Copy>(
        &mut self,
        node: &Node,
        field: &str,
        parse: fn(&str) -> Option<K>,
        all: &[&str],
    ) -> Option<K> {
        let text = self.text(node, field)?;
        if let Some(k) = parse(&text) {
            return Some(k);
        }
        let normalized = text.trim().to_lowercase().replace([' ', '_'], "-");
        let hint = match parse(&normalized) {
            Some(_) => format!("write `{normalized}`"),
            None => match closest(&text, all) {
                Some(near) => format!("did you mean `{near}`? allowed: {}", all.join(", ")),
                None => format!("allowed: {}", all.join(", ")),
            },
        };
        self.error(node.span, format!("unknown {field} `{text}`"))
            .hints
            .push(hint);
        None
    }

    fn country(&mut self, node: &Node, field: &str) -> Option<String> {
        let code = self.text(node, field)?;
        if codes::country_name(&code).is_some() {
            return Some(code);
        }
        let hint = match codes::country_suggestion(&code) {
            Some(c) => format!(
                "did you mean `{c}` ({})?",
                codes::country_name(c).unwrap_or("")
            ),
            None => "states are written as ISO 3166-1 alpha-3 codes, e.g. `KAZ`, `UZB`".into(),
        };
        self.error(node.span, format!("unknown state code `{code}`"))
            .hints
            .push(hint);
        None
    }

    fn language(&mut self, node: &Node, field: &str) -> Option<String> {
        let code = self.text(node, field)?;
        if codes::language_name(&code).is_some() {
            return Some(code);
        }
        let hint = match codes::language_suggestion(&code) {
            Some(c) => format!(
                "did you mean `{c}` ({})?",
                codes::language_name(c).unwrap_or("")
            ),
            None => "languages are written as ISO 639-1 codes, e.g. `kk`, `uz`, `ru`, `en`".into(),
        };
        self.error(node.span, format!("unknown language code `{code}`"))
            .hints
            .push(hint);
        None
    }

    fn id(&mut self, node: &Node, field: &str) -> Option<String> {
        let id = self.text(node, field)?;
        if is_valid_id(&id) {
            return Some(id);
        }
        let fixed = id.trim().to_uppercase().replace([' ', '_', '/', '.'], "-");
        let hint = if is_valid_id(&fixed) {
            format!("ids use upper-case letters, digits and single hyphens: write `{fixed}`")
        } else {
            "ids use upper-case letters A-Z, digits and single hyphens, e.g. `KZ-UZ-2024-001`"
                .into()
        };
        self.error(node.span, format!("`{id}` is not a valid {field}"))
            .hints
            .push(hint);
        None
    }

    fn meta(&mut self, node: &Node) -> Option<Meta> {
        let f = self.fields(node, node.span, "register.yaml", META_FIELDS)?;
        let title = self.req_text(
            &f,
            "title",
            "add `title:` with the register's title as printed on the title page",
        );
        let as_of = match f.get("as_of") {
            Some(node) => match self.date(node, "as_of") {
                Some(d) if d.is_full() => Ok(d),
                Some(d) => {
                    self.error(node.span, format!("`as_of` must be a full date, not `{d}`"))
                        .hints
                        .push(
                            "the status date is also the PDF's creation date: write YYYY-MM-DD"
                                .into(),
                        );
                    Err(())
                }
                None => Err(()),
            },
            None => {
                self.missing(
                    &f,
                    "as_of",
                    "add `as_of: YYYY-MM-DD`, the date the register's status is given as of",
                );
                Err(())
            }
        };
        let id_prefix = match f.get("id_prefix") {
            Some(node) => self.id(node, "id_prefix").ok_or(()),
            None => {
                self.missing(
                    &f,
                    "id_prefix",
                    "add `id_prefix:`, the start of new ids, e.g. `KZ-UZ-2024`",
                );
                Err(())
            }
        };
        let language = f.get("language").map(|n| self.language(n, "language"));
        let meta = Meta {
            title: title.ok()?,
            subtitle: self.opt_text(&f, "subtitle"),
            series: self.opt_text(&f, "series"),
            authority: self.opt_text(&f, "authority"),
            as_of: as_of.ok()?,
            language: language.unwrap_or(Some("en".into()))?,
            foreword: self.opt_text(&f, "foreword"),
            id_prefix: id_prefix.ok()?,
        };
        Some(meta)
    }

    fn instrument(&mut self, node: &Node) -> Option<Instrument> {
        let f = self.fields(node, node.span, "the instrument", INSTRUMENT_FIELDS)?;
        let errors_before = self.diags.len();

        let id = match f.get("id") {
            Some(node) => self.id(node, "id").map(|id| Spanned {
                value: id,
                span: node.span,
            }),
            None => {
                let stem = self.stem();
                self.missing(
                    &f,
                    "id",
                    &format!("add `id: {stem}` (the id equals the file name)"),
                );
                None
            }
        };
        let title = self
            .req_text(
                &f,
                "title",
                "add `title:` with the official English title as signed",
            )
            .ok();
        let titles = f.get("titles").map(|n| self.titles(n)).unwrap_or_default();
        let kind = self.req_keyword(&f, "type", InstrumentType::parse, InstrumentType::NAMES);
        let level = f
            .get("level")
            .and_then(|n| self.keyword(n, "level", Level::parse, Level::NAMES));
        let parties = self.parties(&f);
        let signed = self.signed(&f);
        let status = self.req_keyword(&f, "status", Status::parse, Status::NAMES);
        let in_force = f
            .get("in_force")
            .and_then(|n| self.in_force(n, f_key(&f, "in_force")));
        let term = f.get("term").and_then(|n| self.term(n, f_key(&f, "term")));
        let relations = f
            .get("relations")
            .map(|n| self.relations(n))
            .unwrap_or_default();
        let subjects = f
            .get("subjects")
            .map(|n| self.subjects(n))
            .unwrap_or_default();
        let languages = f
            .get("languages")
            .map(|n| {
                let items = self.list(n, "languages");
                items
                    .iter()
                    .filter_map(|i| self.language(i, "language"))
                    .collect()
            })
            .unwrap_or_default();
        let sources = self.sources(&f);
        let notes = self.opt_text(&f, "notes");
        let files = f
            .get("files")
            .map(|n| self.attachments(n))
            .unwrap_or_default();

        if self.diags.len() > errors_before {
            return None;
        }
        // A file named after another id is still a sound entry: keep it, so
        // that `check` can also say which id it collides with.
        if let Some(id) = &id {
            self.check_stem(&id.value, id.span);
        }
        Some(Instrument {
            path: self.path.clone(),
            sha256: String::new(),
            id: id?,
            title: title?,
            titles,
            kind: kind?,
            level,
            parties: parties?,
            signed: signed?,
            status: status?,
            in_force,
            term,
            relations,
            subjects,
            languages,
            sources: sources?,
            notes,
            files,
        })
    }

    /// The file name without `.yaml`: what the id must be.
    fn stem(&self) -> String {
        self.path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_owned()
    }

    fn check_stem(&mut self, id: &str, span: Span) {
        let stem = self.stem();
        if stem != id {
            self.error(
                span,
                format!("id `{id}` does not match the file name `{stem}.yaml`"),
            )
            .hints
            .push(format!(
                "rename the file to `{id}.yaml`, or write `id: {stem}`"
            ));
        }
    }

    fn req_keyword<K: Copy>(
        &mut self,
        f: &Fields,
        name: &str,
        parse: fn(&str) -> Option<K>,
        all: &[&str],
    ) -> Option<K> {
        match f.get(name) {
            Some(node) => self.keyword(node, name, parse, all),
            None => {
                self.missing(
                    f,
                    name,
                    &format!("add `{name}:` with one of: {}", all.join(", ")),
                );
                None
            }
        }
    }

    fn titles(&mut self, node: &Node) -> BTreeMap<String, String> {
        let mut titles = BTreeMap::new();
        let Value::Map(entries) = &node.value else {
            self.error(
                node.span,
                format!("expected a mapping for `titles`, found {}", node.describe()),
            )
            .hints
            .push(
                "write one `<language code>: <title>` line per language, e.g. `ru: Соглашение …`"
                    .into(),
            );
            return titles;
        };
        for (key, value) in entries {
            let (Some(lang), Some(title)) =
                (self.language(key, "titles"), self.text(value, "titles"))
            else {
                continue;
            };
            titles.insert(lang, title);
        }
        titles
    }

    fn parties(&mut self, f: &Fields) -> Option<Vec<Party>> {
        let Some(node) = f.get("parties") else {
            self.missing(
                f,
                "parties",
                "add `parties:` with at least two `- state: KAZ` entries",
            );
            return None;
        };
        let items = self.list(node, "parties");
        let mut parties = Vec::new();
        for item in items {
            let Some(pf) = self.fields(item, item.span, "a party", &["state", "body"]) else {
                continue;
            };
            let state = match pf.get("state") {
                Some(n) => self.country(n, "state"),
                None => {
                    self.missing(
                        &pf,
                        "state",
                        "add `state:` with the party's ISO 3166-1 alpha-3 code, e.g. `KAZ`",
                    );
                    None
                }
            };
            let body = self.opt_text(&pf, "body");
            if let Some(state) = state {
                parties.push(Party { state, body });
            }
        }
        if matches!(node.value, Value::Seq(_)) && items.len() < 2 {
            self.error(
                node.span,
                format!(
                    "an instrument needs at least two parties, found {}",
                    items.len()
                ),
            )
            .hints
            .push("list every signing party as `- state: <code>` with its `body:`".into());
        }
        Some(parties)
    }

    fn signed(&mut self, f: &Fields) -> Option<Signed> {
        let Some(node) = f.get("signed") else {
            self.missing(
                f,
                "signed",
                "add `signed:` with at least `date: YYYY-MM-DD`",
            );
            return None;
        };
        let sf = self.fields(
            node,
            f_key(f, "signed"),
            "`signed`",
            &["date", "place", "signatories"],
        )?;
        let date = match sf.get("date") {
            Some(n) => self.date(n, "date"),
            None => {
                self.missing(
                    &sf,
                    "date",
                    "add `date:` under `signed:` (YYYY-MM-DD, or YYYY-MM or YYYY)",
                );
                None
            }
        };
        let place = self.opt_text(&sf, "place");
        let mut signatories = Vec::new();
        if let Some(list) = sf.get("signatories") {
            for item in self.list(list, "signatories") {
                let Some(gf) =
                    self.fields(item, item.span, "a signatory", &["name", "office", "state"])
                else {
                    continue;
                };
                let name = self.req_text(
                    &gf,
                    "name",
                    "add `name:` with the signatory's name as reported",
                );
                let office = self.opt_text(&gf, "office");
                let state = gf.get("state").and_then(|n| self.country(n, "state"));
                if let Ok(name) = name {
                    signatories.push(Signatory {
                        name,
                        office,
                        state,
                    });
                }
            }
        }
        Some(Signed {
            date: date?,
            place,
            signatories,
        })
    }

    fn in_force(&mut self, node: &Node, owner: Span) -> Option<InForce> {
        let f = self.fields(node, owner, "`in_force`", &["date", "note"])?;
        Some(InForce {
            date: self.opt_date(&f, "date"),
            note: self.opt_text(&f, "note"),
        })
    }

    fn term(&mut self, node: &Node, owner: Span) -> Option<Term> {
        let f = self.fields(node, owner, "`term`", &["from", "to"])?;
        let from = self.opt_date(&f, "from");
        let to = self.opt_date(&f, "to");
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            let span = f.get("to").map_or(owner, |n| n.span);
            self.error(span, format!("term ends ({b}) before it begins ({a})"))
                .hints
                .push("check `from` and `to`; they may be swapped".into());
        }
        Some(Term { from, to })
    }

    fn relations(&mut self, node: &Node) -> Vec<Relation> {
        let mut relations = Vec::new();
        for item in self.list(node, "relations") {
            let Some(rf) = self.fields(item, item.span, "a relation", &["kind", "target"]) else {
                continue;
            };
            let kind = match rf.get("kind") {
                Some(n) => {
                    self.keyword(n, "relation kind", RelationKind::parse, RelationKind::NAMES)
                }
                None => {
                    self.missing(
                        &rf,
                        "kind",
                        &format!(
                            "add `kind:` with one of: {}",
                            RelationKind::NAMES.join(", ")
                        ),
                    );
                    None
                }
            };
            let target = match rf.get("target") {
                Some(n) => self.target(n, f_key(&rf, "target")),
                None => {
                    self.missing(&rf, "target", "add `target:` with an id of this register, or `{title, date}` for another instrument");
                    None
                }
            };
            if let (Some(kind), Some(target)) = (kind, target) {
                relations.push(Relation { kind, target });
            }
        }
        relations
    }

    fn target(&mut self, node: &Node, owner: Span) -> Option<Target> {
        match &node.value {
            Value::Scalar { .. } => {
                let id = self.text(node, "target")?;
                if !is_valid_id(&id) {
                    self.error(node.span, format!("relation target `{id}` is not an id"))
                        .hints
                        .push("name an instrument of this register by its id, or describe another one as `{title: …, date: YYYY-MM-DD}`".into());
                    return None;
                }
                Some(Target::Id(Spanned {
                    value: id,
                    span: node.span,
                }))
            }
            Value::Map(_) => {
                let tf = self.fields(node, owner, "a relation target", &["title", "date"])?;
                let title = self.req_text(
                    &tf,
                    "title",
                    "add `title:` with the other instrument's title",
                );
                let date = match tf.get("date") {
                    Some(n) => self.date(n, "date"),
                    None => {
                        self.missing(&tf, "date", "add `date:` with the other instrument's date (YYYY-MM-DD, YYYY-MM or YYYY)");
                        None
                    }
                };
                Some(Target::External {
                    title: title.ok()?,
                    date: date?,
                })
            }
            Value::Seq(_) => {
                self.error(
                    node.span,
                    "expected an id or `{title, date}` for `target`, found a list",
                )
                .hints
                .push("give each target a relation of its own".into());
                None
            }
        }
    }

    fn subjects(&mut self, node: &Node) -> Vec<String> {
        let mut subjects = Vec::new();
        for item in self.list(node, "subjects") {
            let Some(s) = self.text(item, "subject") else {
                continue;
            };
            if s.chars().any(char::is_uppercase) {
                let lower = s.to_lowercase();
                self.error(item.span, format!("subject `{s}` is not lower-case"))
                    .hints
                    .push(format!("write `{lower}`: subject terms are lower-case so that the index merges them"));
                continue;
            }
            subjects.push(s);
        }
        subjects
    }

    fn sources(&mut self, f: &Fields) -> Option<Vec<Source>> {
        let Some(node) = f.get("sources") else {
            self.missing(
                f,
                "sources",
                "add `sources:` with at least one `- title: <headline of the report>`",
            );
            return None;
        };
        let items = self.list(node, "sources");
        if matches!(node.value, Value::Seq(_)) && items.is_empty() {
            self.error(node.span, "an instrument needs at least one source")
                .hints
                .push("cite where the facts come from: `- title: <headline of the report>`".into());
        }
        let mut sources = Vec::new();
        for item in items {
            let Some(sf) = self.fields(
                item,
                item.span,
                "a source",
                &["title", "publisher", "date", "url", "note"],
            ) else {
                continue;
            };
            let title = self.req_text(
                &sf,
                "title",
                "add `title:` with the headline or title of the source",
            );
            let source = Source {
                title: title.unwrap_or_default(),
                publisher: self.opt_text(&sf, "publisher"),
                date: self.opt_date(&sf, "date"),
                url: self.opt_text(&sf, "url"),
                note: self.opt_text(&sf, "note"),
            };
            sources.push(source);
        }
        Some(sources)
    }

    fn attachments(&mut self, node: &Node) -> Vec<Attachment> {
        let mut files = Vec::new();
        for item in self.list(node, "files") {
            let Some(af) = self.fields(
                item,
                item.span,
                "an attachment",
                &["path", "sha256", "description"],
            ) else {
                continue;
            };
            let path = match af.get("path") {
                Some(n) => self.text(n, "path").map(|p| Spanned {
                    value: p,
                    span: n.span,
                }),
                None => {
                    self.missing(
                        &af,
                        "path",
                        "add `path:` relative to register/, e.g. `files/KZ-UZ-2024-001.pdf`",
                    );
                    None
                }
            };
            let sha256 = af.get("sha256").and_then(|n| {
                let text = self.text(n, "sha256")?;
                let digest = text.trim().to_ascii_lowercase();
                if digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Some(Spanned {
                        value: digest,
                        span: n.span,
                    })
                } else {
                    self.error(n.span, "`sha256` must be 64 hexadecimal digits")
                        .hints
                        .push(
                            "compute it with `sha256sum register/<path>`, or leave it out".into(),
                        );
                    None
                }
            });
            let description = self.opt_text(&af, "description");
            if let Some(path) = path {
                files.push(Attachment {
                    path,
                    sha256,
                    description,
                });
            }
        }
        files
    }
}

/// The span of a field's value, for "missing field" messages inside it.
fn f_key(f: &Fields, name: &str) -> Span {
    f.get(name).map_or(f.owner, |n| n.span)
}

/// The allowed name closest to a misspelt one, if it is close enough to be
/// what was meant.
pub fn closest<'a>(typed: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    allowed
        .iter()
        .map(|a| (edit_distance(&typed, &a.to_lowercase()), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4) && *d < a.len())
        .min()
        .map(|(_, a)| a)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(closest("sigend", INSTRUMENT_FIELDS), Some("signed"));
        assert_eq!(closest("partys", INSTRUMENT_FIELDS), Some("parties"));
        assert_eq!(closest("Title", INSTRUMENT_FIELDS), Some("title"));
        assert_eq!(closest("colour", INSTRUMENT_FIELDS), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn unsafe_names() {
        assert!(unsafe_path_char("a%b.yaml").is_some());
        assert!(unsafe_path_char("a\\b.yaml").is_some());
        assert!(unsafe_path_char("a\nb.yaml").is_some());
        assert!(unsafe_path_char("KZ-UZ-2024-001.yaml").is_none());
    }
}

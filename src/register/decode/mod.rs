//! Decoding a YAML tree into the model, one section of the format per
//! file, collecting a diagnostic for every problem and carrying on so that
//! one run reports them all.
//!
//! [`Decoder`] holds the file's path and the diagnostics; its value readers
//! ([`values`]) turn nodes into text, dates, keywords and codes, each with
//! the hint that fixes a bad one. The sections build on them:
//! [`meta`] (`register.yaml`), [`instrument`] (the top level of an
//! instrument file), [`parties`] (parties, signature and signatories),
//! [`relations`], [`sources`], [`files`] (attachments) and [`inferred`]
//! (the values the editors inferred); [`text`] holds the rules on the
//! characters and words of a text value. Reading files
//! is [`super::load`]'s job; rules that need the whole register are
//! [`super::check`]'s.

mod actions;
mod files;
mod inferred;
mod instrument;
mod meta;
mod parties;
mod relations;
mod sources;
mod text;
mod values;

use std::path::{Path, PathBuf};

use crate::register::diagnostic::{Diagnostic, Span};
use crate::register::model::{Instrument, Meta, Spanned};
use crate::register::suggest::closest;
use crate::register::yaml::{Node, Value};

pub use actions::{ACTION_FIELDS, NOTIFICATION_FIELDS, REGISTRATION_FIELDS};
pub use instrument::INSTRUMENT_FIELDS;

/// Longest text value accepted, in characters. Titles and notes are a few
/// hundred; longer texts belong in an attachment.
pub const MAX_TEXT_CHARS: usize = 65_536;

/// Decodes `register.yaml` from its tree and `source` (the text it was
/// parsed from, to point at a character inside a value); `None` when it has
/// problems (in `diags`, warnings among them).
/// `catalogues` are the languages the project has catalogues of its own
/// for, which it may be published in besides the built-in ones.
pub fn meta(
    path: &Path,
    source: &str,
    node: &Node,
    diags: &mut Vec<Diagnostic>,
    catalogues: &[String],
) -> Option<Meta> {
    let mut decoder = Decoder::new(path, source, diags);
    decoder.catalogues = catalogues.to_vec();
    decoder.meta(node)
}

/// Decodes `register/subjects.yaml`: `term: {language: label}`.
pub fn subject_labels(
    path: &Path,
    source: &str,
    node: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Option<std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>> {
    let mut decoder = Decoder::new(path, source, diags);
    let crate::register::yaml::Value::Map(entries) = &node.value else {
        decoder
            .error(
                node.span,
                format!(
                    "expected a mapping of subject terms, found {}",
                    node.describe()
                ),
            )
            .hints
            .push("write one `<term>: {ru: <label>, kk: <label>}` per subject term".into());
        return None;
    };
    let mut out = std::collections::BTreeMap::new();
    for (key, value) in entries {
        let Some(term) = decoder.text(key, "subjects") else {
            continue;
        };
        out.insert(term, decoder.by_language(value, "subjects", "граница"));
    }
    Some(out)
}

/// Decodes an instrument file, as [`meta`]; `None` when it has problems.
/// The result's `sha256` is left empty for the caller, which has the bytes.
pub fn instrument(
    path: &Path,
    source: &str,
    node: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Option<Instrument> {
    Decoder::new(path, source, diags).instrument(node)
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
    /// The file's text, as parsed (without a byte order mark).
    source: &'d str,
    diags: &'d mut Vec<Diagnostic>,
    /// The project's own catalogues' languages (`locales/<lang>.ftl`).
    catalogues: Vec<String>,
    /// The language keys of an entry's translations, as found.
    translation_keys: Vec<Spanned<String>>,
}

impl<'d> Decoder<'d> {
    fn new(path: impl Into<PathBuf>, source: &'d str, diags: &'d mut Vec<Diagnostic>) -> Self {
        Decoder {
            path: path.into(),
            source,
            diags,
            catalogues: Vec::new(),
            translation_keys: Vec::new(),
        }
    }

    /// How many errors have been found so far (warnings do not keep a
    /// value out of the model).
    fn errors(&self) -> usize {
        self.diags.iter().filter(|d| !d.is_warning()).count()
    }

    fn warning(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::warning(&self.path, Some(span), message));
        self.diags.last_mut().unwrap()
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
}

/// The span of a field's value, for "missing field" messages inside it.
fn f_key(f: &Fields, name: &str) -> Span {
    f.get(name).map_or(f.owner, |n| n.span)
}

//! The certified extract of one entry (`treaty-register extract ID`): the
//! entry as it stood on a date — every field, each party's status then,
//! the instrument's — with the edition of the register it comes from, the
//! entry file's digest, and how to verify it. What a court, an embassy or
//! another ministry asks for: "what was the status of this agreement on
//! 1 March 2023?"

use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::locale::Locale;
use crate::publish::render::{self, InstrumentContext, RegisterContext, Tool};
use crate::register::date::PartialDate;
use crate::register::excerpt::Excerpt;
use crate::register::lifecycle;

use super::paper::{Document, Paper};
use super::{EditionRef, Issue};

/// The template of an extract.
pub const TEMPLATE: &str = "documents/extract.typ.j2";
/// What `build.json` calls an extract.
pub const KIND: &str = "extract";

#[derive(Serialize)]
struct ExtractContext {
    register: RegisterContext,
    instrument: InstrumentContext,
    tool: Tool,
    extract: About,
}

/// The extract's own lines: the date it shows, where it comes from.
#[derive(Serialize)]
struct About {
    /// The date the entry is shown as of, "1 March 2023".
    as_of: String,
    as_of_iso: String,
    /// The register's status date, "8 August 2024": the extract's date.
    register_as_of: String,
    /// The latest edition of the register, when it is published.
    edition: Option<EditionLine>,
    /// The entry's file and its SHA-256.
    path: String,
    sha256: String,
}

#[derive(Serialize)]
struct EditionLine {
    number: u32,
    /// Its signed manifest, `editions/0003/manifest.sha256`.
    manifest: String,
    date: String,
    manifest_sha256: String,
    /// Whether the edition published the entry's file as it is now.
    entry_published: bool,
}

/// The default file of the extract of `id` as of `as_of`.
pub fn file_name(id: &str, as_of: PartialDate, suffix: &str) -> String {
    format!("{id}-{as_of}{suffix}.pdf")
}

/// The extract's PDF, and its Typst source: `excerpt`'s entry as of
/// `issue.as_of`, in `loc`'s language.
pub fn typeset(
    paper: &Paper,
    excerpt: &Excerpt,
    issue: Issue,
    loc: &Locale,
) -> Result<(Vec<u8>, String)> {
    let meta = &excerpt.register.meta;
    let as_of = PartialDate::parse(&issue.as_of).map_err(|e| Error::Usage {
        message: format!("the extract's date `{}`: {e}", issue.as_of),
        hint: None,
    })?;
    let view = lifecycle::as_of(&excerpt.register, as_of);
    let Some(entry) = view.get(&excerpt.id) else {
        return Err(Error::Usage {
            message: format!("`{}` was not yet signed on {as_of}", excerpt.id),
            hint: Some("give a later --as-of, or leave it out".into()),
        });
    };
    let digests = |path: &str| issue.attachments.get(path).cloned().unwrap_or_default();
    let (mut register, instrument) = render::entry_context(&view, &excerpt.id, &digests, loc);
    register.as_of = loc.date(meta.as_of);
    register.as_of_iso = meta.as_of.to_string();
    let context = ExtractContext {
        extract: About {
            as_of: loc.date(as_of),
            as_of_iso: as_of.to_string(),
            register_as_of: loc.date(meta.as_of),
            edition: issue.edition.as_ref().map(|e| edition_line(e, loc)),
            path: entry.path.to_string_lossy().replace('\\', "/"),
            sha256: entry.sha256.clone(),
        },
        register,
        instrument,
        tool: render::tool(&paper.typst.version),
    };
    paper.typeset(&Document {
        template: TEMPLATE,
        kind: KIND,
        context: &context,
        excerpt,
        loc,
        date: meta.as_of,
        issue,
        pending: None,
    })
}

fn edition_line(e: &EditionRef, loc: &Locale) -> EditionLine {
    EditionLine {
        number: e.number,
        manifest: crate::audit::editions::rel(e.number, crate::audit::manifest::SHA256_FILE),
        date: PartialDate::parse(&e.date).map_or_else(|_| e.date.clone(), |d| loc.date(d)),
        manifest_sha256: e.manifest_sha256.clone(),
        entry_published: e.entry_published,
    }
}

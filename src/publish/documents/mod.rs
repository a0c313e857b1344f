//! Documents the department issues from the register, one entry at a
//! time: a certified [`extract`], the folder of a UN [`registration`], a
//! depositary [`notification`]. Each is typeset from one template of
//! `templates/documents/` (the project's set, so a department can
//! override them as it overrides the register's), in the language of any
//! edition, as PDF/A-3a + UA-1, reproducibly, and carries its sources as
//! the register does — the entry, `register.yaml`, the templates and
//! catalogues, `sources.sha256` and `build.json` with what it was issued
//! from ([`Issue`]) — so that `verify --pdf FILE --rebuild` audits it
//! alone ([`rebuild`]).
//!
//! A document reads only what it shows ([`crate::register::excerpt`]):
//! an extract of one entry of a register of 100,000 does not wait for the
//! other 99,999.

pub mod extract;
pub mod notification;
pub mod paper;
pub mod rebuild;
pub mod registration;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::publish::locale::{self, Locale};
use crate::register::excerpt::Excerpt;

/// What a document was issued from, as its `build.json` records it: what
/// `verify --pdf --rebuild` needs, besides the sources it carries, to
/// issue it again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Issue {
    /// The entry it is issued from.
    pub id: String,
    /// The date the entry is shown as of.
    pub as_of: String,
    /// The latest edition of the register when it was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<EditionRef>,
    /// The attachments' digests by project path: the document names them,
    /// and does not carry them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attachments: BTreeMap<String, String>,
    /// For a notification: the act it notifies, by its number in the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<u32>,
}

impl Issue {
    /// What a document of `excerpt`'s entry as of `as_of` is issued from:
    /// the register's latest edition and the attachments' digests.
    pub fn of(
        root: &std::path::Path,
        excerpt: &Excerpt,
        as_of: crate::register::date::PartialDate,
    ) -> Result<Issue> {
        let entry = excerpt.entry();
        let path = entry.path.to_string_lossy().replace('\\', "/");
        Ok(Issue {
            id: excerpt.id.clone(),
            as_of: as_of.to_string(),
            edition: latest_edition(root, &path, &entry.sha256),
            attachments: attachment_digests(root, excerpt)?,
            act: None,
        })
    }
}

/// A published edition as a document names it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EditionRef {
    pub number: u32,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
    /// SHA-256 of its signed `manifest.sha256`.
    pub manifest_sha256: String,
    /// Whether the entry's file is the one that edition published.
    pub entry_published: bool,
}

/// The latest archived edition, read without auditing the archive (that is
/// `verify`'s work), and whether it published `entry` (a project path)
/// with the digest `sha256`. `None` when the register was never published
/// or its last edition cannot be read.
pub fn latest_edition(root: &std::path::Path, entry: &str, sha256: &str) -> Option<EditionRef> {
    use crate::audit::editions;
    let number = *editions::numbers(root).ok()?.last()?;
    let archived = editions::read(root, number).ok()?;
    let date = editions::date(&archived.manifest)?;
    let entry_published = archived
        .sha256_text
        .lines()
        .any(|l| l.strip_suffix(entry).and_then(|l| l.strip_suffix("  ")) == Some(sha256));
    Some(EditionRef {
        number,
        date: date.to_string(),
        manifest_sha256: archived.digest,
        entry_published,
    })
}

/// The language `lang` (default: the register's), if there is a catalogue
/// for it: a department issues an extract in the language it is asked
/// for, whether or not it publishes the register in it (the entry's texts
/// without a translation then print as recorded, tagged with their
/// language).
pub fn language(excerpt: &Excerpt, lang: Option<&str>) -> Result<&'static Locale> {
    let meta = &excerpt.register.meta;
    let code = lang.unwrap_or(&meta.language);
    locale::get(code).ok_or_else(|| Error::Usage {
        message: format!("there is no message catalogue for `{code}`"),
        hint: Some(format!(
            "--lang takes {} or a language the project has a catalogue for (`treaty-register locale new {code}` starts one)",
            crate::register::model::EDITION_LANGUAGES.join(", ")
        )),
    })
}

/// What assistive technology says of a document's invisible seal:
/// "Electronic seal of <authority>".
pub fn seal_description(excerpt: &Excerpt, loc: &Locale) -> String {
    let meta = &excerpt.register.meta;
    let authority = meta.authority.as_ref().unwrap_or(&meta.title);
    crate::publish::seal::description(authority, loc.code())
}

/// What a document's default file name gains in a language other than
/// the register's (`-ru`), so that each language's copy is kept.
pub fn language_suffix(excerpt: &Excerpt, loc: &Locale) -> String {
    if loc.code() == excerpt.register.meta.language {
        String::new()
    } else {
        format!("-{}", loc.code())
    }
}

/// The attachments' digests of the entry, by project path, read from
/// their files (checked against the entry's `sha256` by `check`).
pub fn attachment_digests(
    root: &std::path::Path,
    excerpt: &Excerpt,
) -> Result<BTreeMap<String, String>> {
    excerpt
        .entry()
        .files
        .iter()
        .map(|f| {
            let path = format!("register/{}", f.path.value);
            let sha = crate::support::digest::sha256_file(&root.join(&path)).map_err(|source| {
                Error::Read {
                    path: root.join(&path),
                    source,
                }
            })?;
            Ok((path, sha))
        })
        .collect()
}

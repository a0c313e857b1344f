//! The sources every PDF carries: PDF/A-3 associated files (relationship
//! `Source`) added by the build after the template's output, so that no
//! template set can leave them out.
//!
//! A PDF embeds `register/register.yaml`, the instrument files it shows
//! (the register in one PDF: all; a volume: its own; the general volume:
//! none, it shows indexes), the text files of the template set and
//! `register/allowed_signers`, each under its project path; plus
//! `sources.sha256`, the digests of every source of the build in
//! `sha256sum` form (fonts and attachment scans are named there by digest
//! instead of being embedded), whose description gives the register digest
//! the PDF prints; and `build.json`, the settings that typeset it, so that
//! `verify --pdf --rebuild` can typeset it again from the PDF alone.
//!
//! Names and contents reach Typst only as string literals.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::audit::inputs::{InputFile, Role};
use crate::audit::manifest;
use crate::audit::pdf::{BUILD, DIGESTS};
use crate::error::{Error, Result};
use crate::publish::changes::Change;
use crate::publish::render::typst_string;
use crate::support::digest;

/// What typeset a document: enough to typeset it again.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct BuildSettings {
    pub format: String,
    /// `register`, `general volume` or `volume N`.
    pub document: String,
    /// For a language edition (`translations`): its language; the PDF is
    /// `register.<language>.pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub tool_version: String,
    pub typst_version: String,
    pub pdf_standard: String,
    /// The template folder, relative to the project root.
    pub templates: String,
    pub volume_size: Option<usize>,
    /// The date the register is shown as of (`--as-of`, else `as_of`).
    pub as_of: String,
    /// For an edition: its number, date, link and changes, as printed.
    pub edition: Option<EditionSettings>,
    /// For a document issued from the register (an extract, a certifying
    /// statement, a notification): what it was issued from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<crate::publish::documents::Issue>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct EditionSettings {
    pub number: u32,
    pub date: String,
    pub previous: Option<manifest::PreviousEdition>,
    pub signer: manifest::SignerInfo,
    pub changes: Vec<Change>,
}

pub const FORMAT: &str = "treaty-register-build/1";

/// Whether the PDF standard allows embedded files (PDF/A-1 and -2 do not).
pub fn allowed(pdf_standard: &str) -> bool {
    !pdf_standard
        .split(',')
        .any(|s| s.trim().starts_with("a-1") || s.trim().starts_with("a-2"))
}

/// The Typst code that attaches one document's sources. `shown` holds the
/// paths of the instrument files the document shows.
pub fn attachments(
    root: &Path,
    files: &[InputFile],
    shown: &HashSet<&str>,
    register_digest: &str,
    settings: &BuildSettings,
) -> Result<String> {
    let mut out = String::from("\n// The sources of this PDF (added by the build).\n");
    for f in files.iter().filter(|f| f.role != Role::Output) {
        let embed = match f.role {
            Role::Metadata | Role::Signers | Role::Catalogue => true,
            Role::Instrument => shown.contains(f.path.as_str()),
            Role::Template => !is_binary_name(&f.path),
            Role::Attachment | Role::Output => false,
        };
        if !embed {
            continue;
        }
        let text = read_text(root, f)?;
        attach(&mut out, &f.path, &text, mime(&f.path), &description(f));
    }
    // A volume lists only its own entries and their scans: listing every
    // file of a large register in every volume would cost megabytes each.
    // A volume or index lists only its own files (the general volume, or
    // the register in one PDF, lists every file).
    let in_volume = !matches!(settings.document.as_str(), "register" | "general volume");
    let own_files: HashSet<&str> = files
        .iter()
        .filter(|f| f.role == Role::Instrument && shown.contains(f.path.as_str()))
        .filter_map(|f| f.id.as_deref())
        .collect();
    let digests = manifest::sha256sum_text(
        &files
            .iter()
            .filter(|f| f.role != Role::Output)
            .filter(|f| {
                !in_volume
                    || match f.role {
                        Role::Instrument => shown.contains(f.path.as_str()),
                        Role::Attachment => own_attachment(&f.path, &own_files),
                        _ => true,
                    }
            })
            .cloned()
            .collect::<Vec<_>>(),
    );
    // A volume does not state the register digest: it cannot be checked
    // from the volume's own list, and it would make every volume change
    // whenever any entry does (each volume is typeset again only when its
    // own entries change).
    let description = if in_volume {
        "SHA-256 of every source of this volume (sha256sum format); the general volume states the register digest".to_owned()
    } else {
        format!(
            "SHA-256 of every source of this PDF (sha256sum format); register digest {register_digest}"
        )
    };
    attach(&mut out, DIGESTS, &digests, "text/plain", &description);
    attach_settings(&mut out, settings);
    Ok(out)
}

/// The Typst code that attaches the sources of a document issued from the
/// register: every text file of `files` (register.yaml, the entries it
/// shows, the templates, the catalogues), the digest list of all of them
/// with `digests` as its description, and `settings`. `pending` holds the
/// text of a file about to be written (a notification is typeset from the
/// entry that will carry its number): it is embedded instead of the file.
pub fn document_sources(
    root: &Path,
    files: &[InputFile],
    digests: &str,
    settings: &BuildSettings,
    pending: Option<(&str, &str)>,
) -> Result<String> {
    let mut out = String::from("\n// The sources of this document (added by the tool).\n");
    for f in files {
        if matches!(f.role, Role::Attachment | Role::Output)
            || (f.role == Role::Template && is_binary_name(&f.path))
        {
            continue;
        }
        let text = match pending {
            Some((path, text)) if path == f.path => text.to_owned(),
            _ => read_text(root, f)?,
        };
        attach(&mut out, &f.path, &text, mime(&f.path), &description(f));
    }
    let listed: Vec<InputFile> = files
        .iter()
        .filter(|f| !matches!(f.role, Role::Attachment | Role::Output))
        .cloned()
        .collect();
    attach(
        &mut out,
        DIGESTS,
        &manifest::sha256sum_text(&listed),
        "text/plain",
        digests,
    );
    attach_settings(&mut out, settings);
    Ok(out)
}

/// `build.json`: how the PDF was typeset.
fn attach_settings(out: &mut String, settings: &BuildSettings) {
    let mut json = serde_json::to_string_pretty(settings).expect("settings serialize");
    json.push('\n');
    attach(
        out,
        BUILD,
        &json,
        "application/json",
        "How this PDF was typeset",
    );
}

fn attach(out: &mut String, name: &str, text: &str, mime: &str, description: &str) {
    out.push_str("#pdf.attach(");
    typst_string(name, out);
    out.push_str(", bytes(");
    typst_string(text, out);
    out.push_str("), relationship: \"source\", mime-type: ");
    typst_string(mime, out);
    out.push_str(", description: ");
    typst_string(description, out);
    let _ = writeln!(out, ")");
}

/// Whether an attachment scan belongs to one of `ids` (scans are named by
/// their entry's id, `files/<ID>…`, by the synthetic registers and by
/// convention; others are listed in every volume).
fn own_attachment(path: &str, ids: &HashSet<&str>) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    ids.contains(stem)
        || !stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// Font files and other binaries are named by digest, not embedded.
fn is_binary_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [
        ".otf", ".ttf", ".ttc", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".pdf", ".svg",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

fn mime(path: &str) -> &'static str {
    if path.ends_with(".yaml") || path.ends_with(".yml") {
        "application/yaml"
    } else if path.ends_with(".json") {
        "application/json"
    } else {
        "text/plain"
    }
}

fn description(f: &InputFile) -> String {
    match (f.role, &f.id) {
        (Role::Metadata, _) => "The register's metadata, as published".into(),
        (Role::Instrument, Some(id)) => format!("Instrument {id}, as published"),
        (Role::Signers, _) => "Who may sign editions of the register".into(),
        (Role::Catalogue, _) => "A message catalogue of the project, wording this PDF".into(),
        _ => "A file of the template set this PDF was typeset with".into(),
    }
}

/// The file's text, which must still have the digest the build recorded.
fn read_text(root: &Path, f: &InputFile) -> Result<String> {
    let path = root.join(&f.path);
    let bytes = std::fs::read(&path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    if digest::sha256_bytes(&bytes) != f.sha256 {
        return Err(Error::Usage {
            message: format!("{} changed during the build; nothing was published", f.path),
            hint: Some("build again".into()),
        });
    }
    String::from_utf8(bytes).map_err(|_| Error::Usage {
        message: format!(
            "{} is not UTF-8 text and cannot be embedded in the PDF",
            f.path
        ),
        hint: Some(
            "keep binary files of the template set under names ending in .otf, .ttf, .png, …"
                .into(),
        ),
    })
}

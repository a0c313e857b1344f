//! The archive of published editions, `editions/NNNN/`, and its audit.
//!
//! Edition N holds its `manifest.sha256`, the signature of those exact
//! bytes (`manifest.sha256.sig`), `manifest.json` (with the edition's
//! number and date and, from edition 2 on, the SHA-256 of edition N−1's
//! `manifest.sha256`), its PDFs under their file names, and under
//! `sources/` the register and template files that are new or changed
//! since edition N−1 (edition 1: all of them), at their project paths. So
//! every edition's sources can be recovered from the archive, which is what
//! lets a later edition say what changed, and lets anyone check the
//! archived files with `sha256sum -c` against the signed manifest.
//!
//! An archived edition is never rewritten. The audit checks, for every
//! edition from 1 to the latest: no gap in the numbering, the signature
//! against `register/allowed_signers` at the edition's date, the archived
//! PDFs and sources against the manifest, and the chain of digests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::manifest::{self, Manifest, SHA256_FILE};
use crate::audit::{signature, signers};
use crate::register::date::PartialDate;
use crate::support::digest;

/// The archive's folder, relative to the project root.
pub const DIR: &str = "editions";
/// The signature beside each `manifest.sha256`.
pub const SIG_FILE: &str = "manifest.sha256.sig";
/// Where an edition keeps the sources it added or changed.
pub const SOURCES: &str = "sources";

/// `editions/0007`.
pub fn folder(root: &Path, number: u32) -> PathBuf {
    root.join(DIR).join(format!("{number:04}"))
}

/// The numbers of the archived editions, ascending (folders named by four
/// or more digits; staging folders and anything else are not editions).
pub fn numbers(root: &Path) -> std::io::Result<Vec<u32>> {
    let dir = root.join(DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut numbers = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if name.len() >= 4
            && name.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = name.parse::<u32>()
        {
            numbers.push(n);
        }
    }
    numbers.sort_unstable();
    Ok(numbers)
}

/// One archived edition, as read.
pub struct Archived {
    pub number: u32,
    pub manifest: Manifest,
    /// The bytes of its `manifest.sha256`.
    pub sha256_text: String,
    /// SHA-256 of those bytes: what edition N+1 chains to.
    pub digest: String,
}

/// Reads edition `number`'s manifests.
pub fn read(root: &Path, number: u32) -> Result<Archived, String> {
    let dir = folder(root, number);
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| format!("cannot read {name} ({e})"))
    };
    let sha256_text = read(SHA256_FILE)?;
    let (manifest, _) = manifest::parse_json(&read(manifest::JSON_FILE)?)
        .map_err(|e| format!("manifest.json is malformed ({e})"))?;
    Ok(Archived {
        number,
        digest: digest::sha256_bytes(sha256_text.as_bytes()),
        manifest,
        sha256_text,
    })
}

/// Every instrument id an archived edition published, with the latest
/// edition that did: ids are never given out again, even when the file is
/// gone. Editions whose `manifest.json` cannot be read are passed over
/// here; `verify` reports them.
pub fn published_ids(root: &Path) -> std::collections::BTreeMap<String, u32> {
    let mut ids = std::collections::BTreeMap::new();
    for n in numbers(root).unwrap_or_default() {
        let Ok(text) = std::fs::read_to_string(folder(root, n).join(manifest::JSON_FILE)) else {
            continue;
        };
        let Ok((m, _)) = manifest::parse_json(&text) else {
            continue;
        };
        for f in m.files {
            if f.role == crate::audit::inputs::Role::Instrument
                && let Some(id) = f.id
            {
                ids.insert(id, n);
            }
        }
    }
    ids
}

/// The date of an edition, from its manifest.
pub fn date(m: &Manifest) -> Option<PartialDate> {
    m.edition
        .as_ref()
        .and_then(|e| PartialDate::parse(&e.date).ok())
}

/// The text of `path` (a project path) as edition `upto` published it: the
/// copy in the latest edition up to `upto` that archived it.
pub fn source_text(root: &Path, upto: u32, path: &str) -> Option<String> {
    (1..=upto)
        .rev()
        .find_map(|n| std::fs::read_to_string(folder(root, n).join(SOURCES).join(path)).ok())
}

/// What the audit found about one edition.
#[derive(Debug, Clone, Serialize)]
pub struct EditionReport {
    pub number: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who signed it, when the signature holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest_sha256: Option<String>,
    /// Every problem, empty when the edition is sound.
    pub problems: Vec<String>,
}

/// Audits every archived edition; empty when there is no archive.
pub fn audit(root: &Path) -> Vec<EditionReport> {
    let numbers = match numbers(root) {
        Ok(n) if n.is_empty() => return Vec::new(),
        Ok(n) => n,
        Err(e) => {
            return vec![EditionReport {
                number: 0,
                date: None,
                principal: None,
                manifest_sha256: None,
                problems: vec![format!("cannot read {DIR}/ ({e})")],
            }];
        }
    };
    let allowed =
        crate::support::safe_read::read_small(&root.join(signers::FILE), signers::MAX_SIZE)
            .map_err(|e| format!("cannot read {} ({e})", signers::FILE))
            .and_then(|text| signers::parse(&text));
    let latest = *numbers.last().expect("not empty");
    let mut reports = Vec::new();
    let mut previous: Option<Archived> = None;
    for number in 1..=latest {
        if !numbers.contains(&number) {
            reports.push(EditionReport {
                number,
                date: None,
                principal: None,
                manifest_sha256: None,
                problems: vec![format!(
                    "edition {number} is missing from {DIR}/: the chain from edition 1 to {latest} is broken"
                )],
            });
            previous = None;
            continue;
        }
        let (report, archived) = audit_one(root, number, &allowed, previous.as_ref());
        reports.push(report);
        previous = archived;
    }
    reports
}

fn audit_one(
    root: &Path,
    number: u32,
    allowed: &Result<Vec<signers::Signer>, String>,
    previous: Option<&Archived>,
) -> (EditionReport, Option<Archived>) {
    let mut report = EditionReport {
        number,
        date: None,
        principal: None,
        manifest_sha256: None,
        problems: Vec::new(),
    };
    let archived = match read(root, number) {
        Ok(a) => a,
        Err(e) => {
            report.problems.push(e);
            return (report, None);
        }
    };
    report.manifest_sha256 = Some(archived.digest.clone());
    let m = &archived.manifest;
    report.date = m.edition.as_ref().map(|e| e.date.clone());
    if m.edition.as_ref().map(|e| e.number) != Some(number) {
        report
            .problems
            .push(format!("manifest.json does not say it is edition {number}"));
    }
    signature_of(root, &archived, allowed, &mut report);
    chain(&archived, previous, &mut report);
    archived_files(root, &archived, &mut report);
    (report, Some(archived))
}

fn signature_of(
    root: &Path,
    a: &Archived,
    allowed: &Result<Vec<signers::Signer>, String>,
    report: &mut EditionReport,
) {
    let Some(date) = date(&a.manifest) else {
        report
            .problems
            .push("manifest.json gives no edition date".into());
        return;
    };
    let signers = match allowed {
        Ok(s) => s,
        Err(e) => {
            report
                .problems
                .push(format!("the signature cannot be checked: {e}"));
            return;
        }
    };
    let sig = match std::fs::read_to_string(folder(root, a.number).join(SIG_FILE)) {
        Ok(sig) => sig,
        Err(e) => {
            report
                .problems
                .push(format!("cannot read {SIG_FILE} ({e})"));
            return;
        }
    };
    match signature::verify(&sig, a.sha256_text.as_bytes(), signers, date) {
        Ok(principal) => report.principal = Some(principal),
        Err(why) => report.problems.push(format!("bad signature: {why}")),
    }
}

fn chain(a: &Archived, previous: Option<&Archived>, report: &mut EditionReport) {
    let link = a.manifest.previous.as_ref();
    match (a.number, previous, link) {
        (1, _, None) => {}
        (1, _, Some(_)) => report
            .problems
            .push("edition 1 names a previous edition".into()),
        (_, _, None) => report.problems.push(format!(
            "manifest.json names no previous edition (expected edition {})",
            a.number - 1
        )),
        (_, None, Some(_)) => {} // the gap or the unreadable edition is reported there
        (_, Some(p), Some(link)) => {
            if link.edition != p.number || link.manifest_sha256 != p.digest {
                report.problems.push(format!(
                    "the chain is broken: it records edition {}'s manifest.sha256 as {}, but that \
                     file's SHA-256 is {}",
                    link.edition, link.manifest_sha256, p.digest
                ));
            }
            if let (Some(d), Some(pd)) = (date(&a.manifest), date(&p.manifest))
                && d < pd
            {
                report
                    .problems
                    .push(format!("dated {d}, before edition {} ({pd})", p.number));
            }
        }
    }
}

/// The archived PDFs and sources against the signed manifest.
fn archived_files(root: &Path, a: &Archived, report: &mut EditionReport) {
    let listed: HashMap<String, String> = match manifest::parse_sha256sum(&a.sha256_text) {
        Ok(entries) => entries.into_iter().map(|e| (e.path, e.sha256)).collect(),
        Err(e) => {
            report
                .problems
                .push(format!("manifest.sha256 is malformed ({e})"));
            return;
        }
    };
    let dir = folder(root, a.number);
    let pdfs = a.manifest.pdfs();
    for pdf in pdfs {
        let name = pdf.path.rsplit('/').next().unwrap_or(&pdf.path);
        check_file(&dir.join(name), name, listed.get(&pdf.path), report);
    }
    let sources = dir.join(SOURCES);
    for path in walk(&sources) {
        let rel = path
            .strip_prefix(&sources)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        check_file(&path, &format!("{SOURCES}/{rel}"), listed.get(&rel), report);
    }
}

fn check_file(path: &Path, name: &str, expected: Option<&String>, report: &mut EditionReport) {
    let Some(expected) = expected else {
        report.problems.push(format!(
            "{name} is archived but not in the edition's manifest"
        ));
        return;
    };
    match digest::sha256_file(path) {
        Ok(found) if &found == expected => {}
        Ok(found) => report.problems.push(format!(
            "{name} was changed after publication (the manifest says {expected}, the file has {found})"
        )),
        Err(e) => report.problems.push(format!("cannot read {name} ({e})")),
    }
}

/// Every regular file under `dir`, sorted.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

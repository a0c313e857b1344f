//! The published unit audited against its manifest, as `verify` does it:
//! the manifest read (`manifest.sha256`, or `manifest.json`), its companion
//! compared with it, every listed file re-hashed ([`super::verify`]), the
//! files under `register/` and `templates/` it does not list named, and
//! every archived edition's signature and chain checked
//! ([`super::editions`]).

use std::path::{Path, PathBuf};

use crate::audit::editions::{self, EditionReport};
use crate::audit::manifest::{self, Entry, JSON_FILE, Manifest};
use crate::audit::verify::{self, Finding};
use crate::error::{Error, Result};

/// What the audit found.
pub struct Audit {
    /// `manifest.json`, read beside the `manifest.sha256` or given itself.
    pub manifest: Option<Manifest>,
    /// How many files the manifest lists.
    pub files: usize,
    pub findings: Vec<Finding>,
    /// Every archived edition, when there are any.
    pub editions: Vec<EditionReport>,
}

impl Audit {
    /// The findings in path order, for a report that reads the same each time.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| a.path().cmp(b.path()));
    }
}

/// Audits the project at `root` against the manifest at `path`.
pub fn audit(root: &Path, path: &Path) -> Result<Audit> {
    let text = read_manifest(path)?;
    let mut findings = Vec::new();
    let (json, mut entries): (Option<Manifest>, Vec<Entry>) =
        if path.extension().is_some_and(|e| e == "json") {
            let (m, entries) = manifest::parse_json(&text).map_err(|e| malformed(path, e))?;
            (Some(m), entries)
        } else {
            let entries = manifest::parse_sha256sum(&text).map_err(|e| malformed(path, e))?;
            (companion(root, path, &entries, &mut findings), entries)
        };
    // Roles and ids from manifest.json name the instrument behind a change.
    if let Some(m) = &json {
        for entry in &mut entries {
            if let Some(file) = m.files.iter().find(|f| f.path == entry.path) {
                entry.role = Some(file.role);
                entry.id.clone_from(&file.id);
            }
        }
    }
    let templates = json.as_ref().map_or("templates", |m| m.templates.as_str());
    // The web edition is served as a folder: a page slipped into it (a
    // `.htaccess` too) is published as the register's though no manifest
    // lists it.
    let web = entries.iter().find_map(|e| {
        e.path
            .strip_suffix("/index.html")
            .filter(|d| d.ends_with("html"))
    });
    let report =
        verify::verify(root, &entries, &["register", templates], web).map_err(|source| {
            Error::Read {
                path: root.to_path_buf(),
                source,
            }
        })?;
    findings.extend(report.findings);
    findings.extend(seal_findings(
        root,
        &entries,
        json.as_ref().and_then(|m| m.seal.as_ref()),
    ));
    let editions = editions::audit(root);
    for e in &editions {
        for reason in &e.problems {
            findings.push(Finding::Edition {
                path: e.path(),
                edition: e.number,
                reason: reason.clone(),
            });
        }
    }
    let mut audit = Audit {
        manifest: json,
        files: report.files,
        findings,
        editions,
    };
    audit.sort();
    Ok(audit)
}

/// How a path is shown: relative to the project root when inside it.
pub fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn read_manifest(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NoManifest {
            path: path.to_path_buf(),
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            source,
        },
    })
}

fn malformed(path: &Path, e: manifest::ManifestError) -> Error {
    Error::Manifest {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
    }
}

/// Reads `manifest.json` beside a `manifest.sha256`, and reports when the
/// two do not list the same files with the same digests.
fn companion(
    root: &Path,
    sha256_path: &Path,
    entries: &[Entry],
    findings: &mut Vec<Finding>,
) -> Option<Manifest> {
    let path: PathBuf = sha256_path.with_file_name(JSON_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    let inconsistent = |reason: String| Finding::Inconsistent {
        path: shown(root, &path),
        reason,
    };
    match manifest::parse_json(&text) {
        Ok((m, json_entries)) => {
            let pairs = |e: &[Entry]| {
                let mut v: Vec<(String, String)> = e
                    .iter()
                    .map(|e| (e.path.clone(), e.sha256.clone()))
                    .collect();
                v.sort();
                v
            };
            if pairs(&json_entries) != pairs(entries) {
                findings.push(inconsistent(format!(
                    "it lists other files or digests than {}",
                    shown(root, sha256_path)
                )));
            }
            // The digest the PDFs print must be the one of the files listed.
            if !m.register_digest_holds() {
                findings.push(inconsistent(format!(
                    "its register_digest {} is not that of the register files it lists ({})",
                    m.register_digest,
                    crate::audit::inputs::register_digest(&m.files)
                )));
            }
            Some(m)
        }
        Err(e) => {
            findings.push(inconsistent(format!("malformed: {e}")));
            None
        }
    }
}

/// The seals of the published PDFs, checked against the project's trust
/// lists: each failure a finding. A PDF without a seal is no finding (a
/// register may be published unsealed).
fn seal_findings(
    root: &Path,
    entries: &[manifest::Entry],
    named: Option<&manifest::SealInfo>,
) -> Vec<Finding> {
    let read = |rel: &str| crate::audit::seal::trust_file(&root.join(rel)).unwrap_or_default();
    let trust = crate::audit::seal::Trust {
        seals: read(crate::audit::seal::SEALS_FILE),
        tsas: read(crate::audit::seal::TSA_FILE),
    };
    entries
        .iter()
        .filter(|e| e.path.ends_with(".pdf"))
        .filter_map(|e| Some((e, sealed_file(root, &e.path)?)))
        .flat_map(|(e, bytes)| {
            let seals = crate::audit::seal::seals(&bytes, &trust);
            // manifest.json names the edition's seal: each PDF carries it.
            let other = named.filter(|n| !seals.iter().any(|s| s.cert_sha256 == n.sha256)).map(|n| {
                format!(
                    "SEAL-INVALID manifest.json names the seal {} (sha256 {}), and this PDF does not carry it",
                    n.subject, n.sha256
                )
            });
            seals
                .into_iter()
                .flat_map(|s| {
                    let stamp = s.timestamp.map(|t| t.problems).unwrap_or_default();
                    s.problems.into_iter().chain(stamp)
                })
                .chain(other)
                .map(|reason| Finding::Seal {
                    path: e.path.clone(),
                    reason,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The bytes of the published PDF `rel` when it holds a seal: opened as
/// every published file is (a regular file beneath the root, never a
/// link or a FIFO), and read whole only when its tail names a
/// `/ByteRange` (an unsealed register costs one small read per PDF).
fn sealed_file(root: &Path, rel: &str) -> Option<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = crate::support::safe_read::open_beneath(root, Path::new(rel)).ok()?;
    let len = file.metadata().ok()?.len();
    let tail = len.min(crate::audit::seal::SEARCHED as u64);
    file.seek(SeekFrom::Start(len - tail)).ok()?;
    let mut end = Vec::new();
    (&mut file).take(tail).read_to_end(&mut end).ok()?;
    if !end.windows(10).any(|w| w == b"/ByteRange") {
        return None;
    }
    file.seek(SeekFrom::Start(0)).ok()?;
    let mut bytes = Vec::new();
    file.take(len).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

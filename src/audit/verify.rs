//! Auditing the published files against a manifest: every listed file is
//! re-hashed (streamed, in parallel) and compared, and files under
//! `register/` and `templates/` that the manifest does not list are named,
//! since an entry added without a rebuild is not in the published PDF.
//!
//! A verifier must not be steered by the manifest it checks: listed paths
//! were already refused if absolute or containing `..`, and each is
//! resolved (symbolic links included) and opened only if it stays inside
//! the project root and is a regular file — so a FIFO cannot hang it.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::inputs::Role;
use crate::audit::manifest::Entry;
use crate::support::digest;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Finding {
    Modified {
        path: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        expected: String,
        found: String,
    },
    Missing {
        path: String,
    },
    Unlisted {
        path: String,
    },
    Unreadable {
        path: String,
        reason: String,
    },
    /// `manifest.json` and `manifest.sha256` disagree.
    Inconsistent {
        path: String,
        reason: String,
    },
    /// `--rebuild` produced a PDF other than the published one.
    RebuildDiffers {
        path: String,
        published: String,
        rebuilt: String,
    },
    /// `--rebuild` cannot compare: another typst version is installed.
    TypstVersion {
        path: String,
        published: String,
        found: String,
    },
    /// `--rebuild` could not build at all.
    RebuildFailed {
        path: String,
        reason: String,
    },
    /// A published PDF's seal or its time-stamp fails (`SEAL-INVALID`,
    /// `SEAL-UNTRUSTED`, `SEAL-PARTIAL`, `TIMESTAMP-INVALID`).
    Seal {
        path: String,
        reason: String,
    },
    /// An archived edition is broken: unsigned, badly signed, rewritten,
    /// missing, or off the chain.
    Edition {
        path: String,
        edition: u32,
        reason: String,
    },
}

impl Finding {
    pub fn path(&self) -> &str {
        match self {
            Finding::Modified { path, .. }
            | Finding::Missing { path }
            | Finding::Unlisted { path }
            | Finding::Unreadable { path, .. }
            | Finding::Inconsistent { path, .. }
            | Finding::RebuildDiffers { path, .. }
            | Finding::TypstVersion { path, .. }
            | Finding::RebuildFailed { path, .. }
            | Finding::Seal { path, .. }
            | Finding::Edition { path, .. } => path,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Modified {
                path,
                id: Some(id),
                expected,
                found,
            } => write!(
                f,
                "MODIFIED {path} (instrument {id}; expected {expected}, found {found})"
            ),
            Finding::Modified {
                path,
                id: None,
                expected,
                found,
            } => write!(f, "MODIFIED {path} (expected {expected}, found {found})"),
            Finding::Missing { path } => write!(f, "MISSING {path}"),
            Finding::Unlisted { path } => write!(f, "UNLISTED {path}"),
            Finding::Unreadable { path, reason } => write!(f, "UNREADABLE {path} ({reason})"),
            Finding::Inconsistent { path, reason } => write!(f, "INCONSISTENT {path} ({reason})"),
            Finding::RebuildDiffers {
                path,
                published,
                rebuilt,
            } => write!(
                f,
                "REBUILD DIFFERS {path} (published {published}, rebuilt {rebuilt}): \
                 the published {} was not produced from these entries and templates",
                if path.ends_with(".pdf") {
                    "PDF"
                } else {
                    "file"
                }
            ),
            Finding::TypstVersion {
                path,
                published,
                found,
            } => write!(
                f,
                "TYPST VERSION {path} (published with typst {published}, this machine has typst \
                 {found}; a rebuild can only be compared with the same typst)"
            ),
            Finding::RebuildFailed { path, reason } => {
                write!(f, "REBUILD FAILED {path} ({reason})")
            }
            Finding::Seal { path, reason } => write!(f, "SEAL {path}: {reason}"),
            Finding::Edition { path, reason, .. } => write!(f, "EDITION {path} ({reason})"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Files listed in the manifest.
    pub files: usize,
    pub findings: Vec<Finding>,
}

/// The id of an instrument file, from the manifest or its file name.
fn instrument_id(entry: &Entry) -> Option<String> {
    if let Some(id) = &entry.id {
        return Some(id.clone());
    }
    let is_instrument = entry.role == Some(Role::Instrument)
        || (entry.role.is_none() && entry.path.starts_with("register/instruments/"));
    if !is_instrument {
        return None;
    }
    entry
        .path
        .rsplit('/')
        .next()?
        .strip_suffix(".yaml")
        .map(str::to_owned)
}

fn check_one(root: &Path, real_root: &Path, entry: &Entry) -> Option<Finding> {
    let full = root.join(&entry.path);
    let unreadable = |reason: String| {
        Some(Finding::Unreadable {
            path: entry.path.clone(),
            reason,
        })
    };
    let real = match fs::canonicalize(&full) {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling link is as missing as a deleted file.
            return Some(Finding::Missing {
                path: entry.path.clone(),
            });
        }
        Err(e) => return unreadable(e.to_string()),
    };
    if !real.starts_with(real_root) {
        return unreadable("leads outside the project root; not opened".into());
    }
    match fs::metadata(&real) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return unreadable("not a regular file; not opened".into()),
        Err(e) => return unreadable(e.to_string()),
    }
    match digest::sha256_file(&real) {
        Ok(found) if found == entry.sha256 => None,
        Ok(found) => Some(Finding::Modified {
            path: entry.path.clone(),
            id: instrument_id(entry),
            expected: entry.sha256.clone(),
            found,
        }),
        Err(e) => unreadable(e.to_string()),
    }
}

/// Checks `entries` under `root`, and looks for unlisted files in
/// `watched` folders (relative to the root). Names starting with `.` are
/// not reported as unlisted there (builds never read them), except in the
/// `served` folder, the web edition, where a web server obeys a
/// `.htaccess` and serves `.well-known/`.
pub fn verify(
    root: &Path,
    entries: &[Entry],
    watched: &[&str],
    served: Option<&str>,
) -> std::io::Result<Report> {
    let real_root = fs::canonicalize(root)?;
    let mut findings: Vec<Finding> =
        crate::support::parallel::map(entries, |e| check_one(root, &real_root, e))
            .into_iter()
            .flatten()
            .collect();
    let listed: HashSet<&str> = entries.iter().map(|e| e.path.as_str()).collect();
    let folders = watched.iter().map(|d| (*d, false));
    for (dir, dotfiles) in folders.chain(served.map(|d| (d, true))) {
        let mut found = Vec::new();
        walk(&root.join(dir), Path::new(dir), dotfiles, &mut found);
        for path in found {
            let path = path.to_string_lossy().replace('\\', "/");
            if !listed.contains(path.as_str()) {
                findings.push(Finding::Unlisted { path });
            }
        }
    }
    findings.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(Report {
        files: entries.len(),
        findings,
    })
}

fn walk(dir: &Path, rel: &Path, dotfiles: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !dotfiles && name.to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = rel.join(&name);
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&entry.path(), &rel, dotfiles, out),
            Ok(_) => out.push(rel),
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instrument_ids_come_from_the_manifest_or_the_name() {
        let entry = |path: &str, role, id: Option<&str>| Entry {
            path: path.into(),
            sha256: String::new(),
            role,
            id: id.map(str::to_owned),
        };
        assert_eq!(
            instrument_id(&entry("register/instruments/A-1.yaml", None, None)),
            Some("A-1".into())
        );
        assert_eq!(
            instrument_id(&entry("x.yaml", Some(Role::Instrument), Some("B-2"))),
            Some("B-2".into())
        );
        assert_eq!(
            instrument_id(&entry("templates/a.j2", Some(Role::Template), None)),
            None
        );
        assert_eq!(
            instrument_id(&entry("register/register.yaml", None, None)),
            None
        );
    }
}

//! The files a build reads, with their sizes and SHA-256 digests: what the
//! PDF's Checksums annex prints and the manifest lists.
//!
//! The *register digest* condenses the register's own files into one value
//! that a reader of a printed copy can recompute with coreutils alone:
//!
//! ```text
//! sha256sum register/register.yaml register/instruments/*.yaml [attachments] \
//!   | LC_ALL=C sort -k2 | sha256sum
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::register::model::Register;
use crate::support::digest;
use crate::support::statcache::StatCache;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Metadata,
    Instrument,
    Attachment,
    Template,
    Output,
    /// `register/allowed_signers`, `allowed_seals.pem`, `allowed_tsa.pem`:
    /// who may sign and seal editions, and whose time-stamps count.
    Signers,
    /// `locales/<lang>.ftl`, the project's own message catalogues, and
    /// `register/subjects.yaml`, the subject terms' labels by language:
    /// they word its editions as templates lay them out.
    Catalogue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputFile {
    /// Relative to the project root, with `/` separators.
    pub path: String,
    pub role: Role,
    pub size: u64,
    pub sha256: String,
    /// For instruments, their id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn size(root: &Path, rel: &Path) -> Result<u64> {
    let path = root.join(rel);
    std::fs::metadata(&path)
        .map(|m| m.len())
        .map_err(|source| Error::Read { path, source })
}

/// `register.yaml`, every instrument file and every attachment, sorted by
/// path. Instrument digests come from the bytes `load` parsed, so the
/// digest describes exactly what was checked.
pub fn register_files(
    root: &Path,
    register: &Register,
    stat: &StatCache,
) -> Result<Vec<InputFile>> {
    let mut files = text_files(root, register, stat)?;
    // Attachments are most of the bytes: hashed on every core, and not at
    // all when the stat cache vouches for them.
    let attachments: Vec<PathBuf> = register
        .instruments
        .iter()
        .flat_map(|i| &i.files)
        .map(|a| Path::new("register").join(&a.path.value))
        .collect();
    let hashed = crate::support::parallel::map(&attachments, |rel| -> Result<InputFile> {
        let full = root.join(rel);
        let sha256 = stat.sha256(&full).map_err(|source| Error::Read {
            path: full.clone(),
            source,
        })?;
        Ok(InputFile {
            path: slash_path(rel),
            role: Role::Attachment,
            size: size(root, rel)?,
            sha256,
            id: None,
        })
    });
    for file in hashed {
        files.push(file?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path); // one scan attached to two entries
    Ok(files)
}

/// The register's text files: `register.yaml`, `allowed_signers`, the
/// catalogues and every instrument file, sorted by path (what a document
/// issued from the register carries; the attachments it names by digest).
pub fn text_files(root: &Path, register: &Register, stat: &StatCache) -> Result<Vec<InputFile>> {
    let meta = PathBuf::from(crate::register::load::REGISTER_FILE);
    let mut files = vec![InputFile {
        path: slash_path(&meta),
        role: Role::Metadata,
        size: size(root, &meta)?,
        sha256: register.meta_sha256.clone(),
        id: None,
    }];
    // Who may sign editions: SSH keys, and the certificates trusted for
    // seals and time-stamps.
    for list in [
        crate::audit::signers::FILE,
        crate::audit::seal::SEALS_FILE,
        crate::audit::seal::TSA_FILE,
    ] {
        let list = PathBuf::from(list);
        if root.join(&list).is_file() {
            files.push(project_file(root, &list, Role::Signers, stat)?);
        }
    }
    // The texts that word the editions: the catalogues, and the subject
    // terms' labels by language.
    let subjects = crate::register::load::SUBJECTS_FILE;
    let wording = crate::register::load::project_languages(root)
        .into_iter()
        .map(|code| Path::new(crate::register::load::CATALOGUES_DIR).join(format!("{code}.ftl")))
        .chain(
            root.join(subjects)
                .is_file()
                .then(|| PathBuf::from(subjects)),
        );
    for rel in wording {
        files.push(project_file(root, &rel, Role::Catalogue, stat)?);
    }
    for instrument in &register.instruments {
        files.push(InputFile {
            path: slash_path(&instrument.path),
            role: Role::Instrument,
            size: size(root, &instrument.path)?,
            sha256: instrument.sha256.clone(),
            id: Some(instrument.id.value.clone()),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// A file of the project at `rel` with its digest (from `stat` where it
/// vouches for the file), refused if it leads outside the project or is
/// not a regular file.
fn project_file(root: &Path, rel: &Path, role: Role, stat: &StatCache) -> Result<InputFile> {
    let full = root.join(rel);
    check_safe(root, &full)?;
    let sha256 = stat.sha256(&full).map_err(|source| Error::Read {
        path: full.clone(),
        source,
    })?;
    Ok(InputFile {
        path: slash_path(rel),
        role,
        size: size(root, rel)?,
        sha256,
        id: None,
    })
}

/// Refuses a file a build must not read: one that leads outside the
/// project (through a symbolic link) or is not a regular file (a FIFO
/// would hang the build, a device could be endless).
pub fn check_safe(root: &Path, path: &Path) -> Result<()> {
    let unsafe_file = |reason: &str| Error::UnsafeFile {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    let real_root = root.canonicalize().map_err(|source| Error::Read {
        path: root.to_path_buf(),
        source,
    })?;
    let real = path
        .canonicalize()
        .map_err(|_| unsafe_file("it is a symbolic link to nothing"))?;
    if !real.starts_with(&real_root) {
        return Err(unsafe_file("it leads outside the project folder"));
    }
    if !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
        return Err(unsafe_file("it is not a regular file"));
    }
    Ok(())
}

/// Every file of the template set (templates and fonts), sorted by path.
/// Paths are relative to the project root when the set lies inside it.
pub fn template_files(root: &Path, templates: &Path, stat: &StatCache) -> Result<Vec<InputFile>> {
    let mut files = Vec::new();
    walk(templates, &mut |path| {
        check_safe(root, path)?;
        let rel = path.strip_prefix(root).unwrap_or(path);
        let sha256 = stat.sha256(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        files.push(InputFile {
            path: slash_path(rel),
            role: Role::Template,
            size: size(Path::new(""), path)?,
            sha256,
            id: None,
        });
        Ok(())
    })?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn walk(dir: &Path, f: &mut impl FnMut(&Path) -> Result<()>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        // Folders are walked only when they are real folders, not links.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            walk(&path, f)?;
        } else {
            f(&path)?;
        }
    }
    Ok(())
}

/// SHA-256 over the `sha256  path` lines of `files`, sorted by path: the
/// value `sha256sum … | LC_ALL=C sort -k2 | sha256sum` prints.
pub fn register_digest(files: &[InputFile]) -> String {
    let mut lines: Vec<String> = files
        .iter()
        .filter(|f| matches!(f.role, Role::Metadata | Role::Instrument | Role::Attachment))
        .map(|f| format!("{}  {}\n", f.sha256, f.path))
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    digest::sha256_bytes(lines.concat().as_bytes())
}

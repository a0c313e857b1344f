//! Making edition N: what the build needs to print it ([`Plan`]: number,
//! date, the link to edition N−1, the signer, the changes), and writing it
//! into `editions/NNNN/` so that it exists whole or not at all.
//!
//! The edition is assembled in a hidden staging folder of `editions/` —
//! manifests, signature, PDFs, the web edition (`html/`, when the build
//! made one), and the sources new or changed since edition N−1 — every
//! file synced, then renamed to `editions/NNNN` in one step,
//! which fails if that edition exists: an archived edition is never
//! rewritten. Its PDFs are copies, never links to `out/`, so that nothing
//! written to the working copy can reach the signed archive. Then
//! `editions/latest` records it (written beside and renamed into place), so
//! that an edition removed later is named and its number never issued
//! again. A lock on `editions/.lock` keeps two publishes apart; under it,
//! staging folders of killed publishes are removed. `editions/`, the lock
//! and everything in the archive must be what they seem: a link there is
//! refused, never written through.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::audit::editions::{self, Archived, DIR, SIG_FILE, SOURCES};
use crate::audit::inputs::{InputFile, Role};
use crate::audit::manifest::{PreviousEdition, SignerInfo};
use crate::error::{Error, Result};
use crate::publish::changes::{self, Change};
use crate::register::date::PartialDate;
use crate::register::model::Register;

/// Everything about edition N that its PDF and manifest say.
#[derive(Debug, Clone)]
pub struct Plan {
    pub number: u32,
    pub date: PartialDate,
    pub previous: Option<PreviousEdition>,
    pub signer: SignerInfo,
    pub changes: Vec<Change>,
}

impl Plan {
    /// The plan for the edition after `previous` (none: edition 1).
    pub fn next(
        root: &Path,
        previous: Option<&Archived>,
        register: &Register,
        files: &[InputFile],
        signer: SignerInfo,
    ) -> Plan {
        Plan {
            number: previous.map_or(1, |p| p.number + 1),
            date: register.meta.as_of,
            previous: previous.map(|p| PreviousEdition {
                edition: p.number,
                manifest_sha256: p.digest.clone(),
            }),
            signer,
            changes: previous.map_or_else(Vec::new, |p| changes::since(root, p, register, files)),
        }
    }
}

/// The plan edition `m` was published with, recovered from its manifest
/// and the archive, so that `verify --rebuild` can typeset it again.
pub fn replan(
    root: &Path,
    m: &crate::audit::manifest::Manifest,
    register: &Register,
    files: &[InputFile],
) -> Option<Plan> {
    let edition = m.edition.as_ref()?;
    let previous = match &m.previous {
        Some(p) => Some(editions::read(root, p.edition).ok()?),
        None => None,
    };
    Some(Plan {
        number: edition.number,
        date: PartialDate::parse(&edition.date).ok()?,
        previous: m.previous.clone(),
        signer: m.signer.clone()?,
        changes: previous
            .as_ref()
            .map_or_else(Vec::new, |p| changes::since(root, p, register, files)),
    })
}

/// Held while this process publishes; a second publish is refused.
pub struct Lock {
    _file: fs::File,
}

/// Takes the archive's lock, or says who holds it. `editions/` must be a
/// real folder (or absent) and the lock a regular file: publish never
/// writes through a link.
pub fn lock(root: &Path) -> Result<Lock> {
    let dir = root.join(DIR);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    editions::numbers(root).map_err(|message| Error::Usage {
        message: format!("{message}; nothing was published"),
        hint: Some(format!(
            "{DIR}/ must be the project's own folder of editions: restore it from a copy"
        )),
    })?;
    fs::create_dir_all(&dir).map_err(io(&dir))?;
    let path = dir.join(".lock");
    let file = lock_file(&path).map_err(io(&path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            return Err(Error::Usage {
                message: "another `treaty-register publish` is running on this register".into(),
                hint: Some("wait for it to finish, then publish again if there is still something to publish".into()),
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(io(&path)(e)),
    }
    // Leftovers of killed publishes: none is live while we hold the lock.
    for entry in fs::read_dir(&dir).map_err(io(&dir))?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(".staging-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    Ok(Lock { _file: file })
}

/// `editions/.lock`, opened without following a link or blocking on a
/// FIFO, and only if it is a regular file.
fn lock_file(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK,
    );
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(file)
}

/// Records edition `number` as the latest in `editions/latest`: the
/// `sha256sum` line of its `manifest.sha256`, written beside and renamed
/// into place (a rename replaces a link, never writes through it).
pub fn write_latest(root: &Path, number: u32, sha256sum: &str) -> Result<()> {
    let dir = root.join(DIR);
    let dest = dir.join(editions::LATEST);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    let digest = crate::support::digest::sha256_bytes(sha256sum.as_bytes());
    let mut temp = tempfile::Builder::new()
        .prefix(".latest-")
        .tempfile_in(&dir)
        .map_err(io(&dir))?;
    temp.write_all(editions::latest_line(number, &digest).as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io(&dest))?;
    temp.persist(&dest).map_err(|e| io(&dest)(e.error))?;
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    crate::support::fault::point("publish:latest-recorded");
    Ok(())
}

/// The files of one edition, ready to archive.
pub struct Contents<'a> {
    pub sha256sum: &'a str,
    pub json: &'a str,
    pub signature: &'a str,
    /// `manifest.tsr`: an RFC 3161 token over `manifest.sha256` (`--tsa`).
    pub timestamp: Option<&'a [u8]>,
    /// Each output (its name in `out/`, size, digest): the PDFs and the
    /// web edition's pages; and the spool that holds them.
    pub outputs: &'a [crate::publish::spool::Entry],
    pub spool: &'a crate::publish::spool::Spool,
    /// Project paths of the sources to keep (new or changed since N−1).
    pub sources: Vec<String>,
}

/// The input files (register and templates) that edition `previous` did
/// not publish with the same digest: what edition N archives.
pub fn new_sources(previous: Option<&Archived>, files: &[InputFile]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.role != Role::Output)
        .filter(|f| {
            previous.is_none_or(|p| {
                !p.manifest
                    .files
                    .iter()
                    .any(|q| q.path == f.path && q.sha256 == f.sha256)
            })
        })
        .map(|f| f.path.clone())
        .collect()
}

/// Writes edition `number` into `editions/NNNN/`, whole or not at all.
pub fn archive(
    root: &Path,
    number: u32,
    contents: &Contents,
    files: &[InputFile],
) -> Result<PathBuf> {
    let dir = root.join(DIR);
    let dest = editions::folder(root, number);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    let staging = tempfile::Builder::new()
        .prefix(&format!(".staging-{number:04}-"))
        .tempdir_in(&dir)
        .map_err(io(&dir))?;
    let put = |rel: &str, bytes: &[u8]| -> Result<()> {
        let path = staging.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let mut file = fs::File::create(&path).map_err(io(&path))?;
        file.write_all(bytes).map_err(io(&path))?;
        file.sync_all().map_err(io(&path))
    };
    put(
        crate::audit::manifest::SHA256_FILE,
        contents.sha256sum.as_bytes(),
    )?;
    put(crate::audit::manifest::JSON_FILE, contents.json.as_bytes())?;
    put(SIG_FILE, contents.signature.as_bytes())?;
    if let Some(token) = contents.timestamp {
        put(editions::TSR_FILE, token)?;
    }
    for (name, _, sha256) in contents.outputs {
        // Copied, never hard-linked: a link would share its bytes with the
        // working copy in out/, and a write there would change the signed
        // archive.
        let (from, to) = (contents.spool.path(name), staging.path().join(name));
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        // A spooled page may be the live one, linked: written to in out/
        // since it was hashed, it must not be archived as signed.
        if copy_hashed(&from, &to).map_err(io(&to))? != *sha256 {
            return Err(changed_while_built(&format!("out/{name}")));
        }
    }
    for path in &contents.sources {
        let bytes = crate::support::safe_read::open_following(&root.join(path))
            .and_then(|f| crate::support::safe_read::read_limited(f, u64::MAX / 2))
            .map_err(|source| Error::Read {
                path: root.join(path),
                source,
            })?;
        // What is archived must be what was published: a file edited
        // during the build is refused, not archived with a wrong digest.
        let expected = files
            .iter()
            .find(|f| &f.path == path)
            .map(|f| f.sha256.as_str());
        if expected != Some(crate::support::digest::sha256_bytes(&bytes).as_str()) {
            return Err(changed_while_built(path));
        }
        put(&format!("{SOURCES}/{path}"), &bytes)?;
    }
    crate::publish::out::sync_folders(staging.path());
    crate::support::fault::point("publish:edition-staged");
    let staged = staging.keep();
    #[cfg(unix)]
    fs::set_permissions(&staged, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .map_err(io(&staged))?;
    if let Err(e) = fs::rename(&staged, &dest) {
        let _ = fs::remove_dir_all(&staged);
        return Err(io(&dest)(e));
    }
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    crate::support::fault::point("publish:edition-archived");
    Ok(dest)
}

/// The refusal of an edition whose file `path` changed under the build.
fn changed_while_built(path: &str) -> Error {
    Error::Usage {
        message: format!("{path} changed while the edition was being built; nothing was published"),
        hint: Some("publish again".into()),
    }
}

/// Copies `from` to `to`, synced; the SHA-256 of the bytes copied.
fn copy_hashed(from: &Path, to: &Path) -> std::io::Result<String> {
    let mut writer = crate::support::digest::Hashing::new(fs::File::create(to)?);
    std::io::copy(&mut fs::File::open(from)?, &mut writer)?;
    let (file, _, sha256) = writer.finish();
    file.sync_all()?;
    Ok(sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_written_to_since_it_was_hashed_is_not_archived() {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join(DIR)).unwrap();
        let spool = crate::publish::spool::Spool::temporary().unwrap();
        let entry = spool.write("html/style.css", b"body {}").unwrap();
        // What a write to the live page it was linked from does.
        fs::write(spool.path("html/style.css"), b"body {x}").unwrap();
        let outputs = [entry];
        let contents = Contents {
            sha256sum: "",
            json: "{}",
            signature: "",
            timestamp: None,
            outputs: &outputs,
            spool: &spool,
            sources: Vec::new(),
        };
        let Err(Error::Usage { message, .. }) = archive(root.path(), 1, &contents, &[]) else {
            panic!("archived");
        };
        assert_eq!(
            message,
            "out/html/style.css changed while the edition was being built; nothing was published"
        );
        // Nothing left behind: no edition, no staging folder.
        let left: Vec<_> = fs::read_dir(root.path().join(DIR)).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

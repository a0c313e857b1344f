//! Writing an entry file safely, and checking its text first.
//!
//! Every writer of `register/instruments/` (`add`, `record`) holds a lock
//! on the folder itself while it writes, so writers take turns and no lock
//! file is left behind; under the lock, temporaries of killed runs are
//! told from live ones (there are none) and removed. Text is written in
//! full to a synced temporary beside its destination, then linked (a new
//! entry, never overwriting) or renamed (a changed entry) into place: a
//! reader or a killed run sees the old file or the new one, never half.
//!
//! The lock, and the journal under which `import` writes many files at
//! once, live in [`crate::register::journal`]: readers take part too.

use std::fs;
use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::error::{Error, Result};
use crate::register::date::PartialDate;
use crate::register::diagnostic::Diagnostic;
use crate::register::load;

/// Why the change cannot be made.
#[derive(Debug)]
pub enum Refusal {
    /// The file's layout does not allow a textual insertion.
    Layout(String, String),
    /// The changed entry breaks rules; nothing was written.
    Problems(String, Vec<Diagnostic>),
}

/// Checks the entry with the rules of `check`, for a register dated
/// `as_of`; returns its problems, warnings among them (only errors refuse
/// an entry: [`crate::register::diagnostic::split_warnings`]).
pub fn validate(root: &Path, rel: &Path, text: &str, as_of: PartialDate) -> Vec<Diagnostic> {
    crate::register::check::entry(root, rel, text, as_of, true).1
}

/// An entry's text, read as `check` reads it: a plain file (never a pipe,
/// device or link, which could hang or lead out of the project), at most
/// [`load::MAX_FILE_SIZE`] bytes (refused unread), UTF-8.
pub fn read_entry(path: &Path) -> Result<String> {
    use std::io::Read;
    let refuse = |message: String| Error::Usage {
        message: format!("{}: {message}", path.display()),
        hint: Some("run `treaty-register check`, correct the file, then try again".into()),
    };
    let meta = fs::symlink_metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(refuse("not a regular file".into()));
    }
    if meta.len() > load::MAX_FILE_SIZE {
        return Err(refuse(format!(
            "file is {} bytes, over the limit of {} bytes (1 MiB)",
            meta.len(),
            load::MAX_FILE_SIZE
        )));
    }
    let io = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    fs::File::open(path)
        .map_err(io)?
        .take(load::MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    String::from_utf8(bytes).map_err(|_| refuse("not UTF-8".into()))
}

/// Entry `id`'s file changed by `edit` (the text in; the new text and
/// whatever the edit has to say out), checked with `check`'s rules and
/// written in one rename under the folder's lock. Returns the old text,
/// the new and the edit's word. With `dry_run`, or when nothing changed,
/// nothing is written. Every command that changes an entry goes through
/// here.
pub fn rewrite<X>(
    root: &Path,
    id: &str,
    as_of: PartialDate,
    dry_run: bool,
    edit: impl FnOnce(&str) -> std::result::Result<(String, X), Refusal>,
) -> Result<std::result::Result<(String, String, X), Refusal>> {
    let dir = root.join(load::INSTRUMENTS_DIR);
    let rel = Path::new(load::INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let dest = root.join(&rel);
    // The lock before reading: another writer may be changing the file
    // right now, and this one must see what it wrote.
    let _lock = if dry_run {
        None
    } else {
        Some(lock_folder(&dir)?)
    };
    let old = read_entry(&dest)?;
    let (new, word) = match edit(&old) {
        Ok(edited) => edited,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let mut problems = validate(root, &rel, &new, as_of);
    // Warnings are `check`'s to show; only errors keep an entry unwritten.
    crate::register::diagnostic::split_warnings(&mut problems);
    if !problems.is_empty() {
        return Ok(Err(Refusal::Problems(new, problems)));
    }
    if !dry_run && new != old {
        replace(&dir, &dest, &new)?;
    }
    Ok(Ok((old, new, word)))
}

pub use crate::register::journal::{
    IMPORT_DONE, IMPORT_JOURNAL, lock_folder, roll_back_import, sync_folder,
};

/// `text` in a synced temporary file in `dir`, readable by all.
pub fn write_temp(dir: &Path, text: &str) -> Result<NamedTempFile> {
    let temp = write_temp_open(dir, text)?;
    temp.as_file().sync_all().map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(temp)
}

/// As [`write_temp`], but not yet on the disk and closed: for a writer of
/// thousands of files (one open descriptor each would run out), which
/// makes them durable at once with [`sync_files`].
pub fn write_temp_unsynced(dir: &Path, text: &str) -> Result<tempfile::TempPath> {
    Ok(write_temp_open(dir, text)?.into_temp_path())
}

fn write_temp_open(dir: &Path, text: &str) -> Result<NamedTempFile> {
    let io = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".treaty-register-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(text.as_bytes()).map_err(io)?;
    #[cfg(unix)]
    fs::set_permissions(
        temp.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .map_err(io)?;
    Ok(temp)
}

/// Makes `files` (all in `dir`) durable. On Linux one `syncfs` of the
/// folder's file system does it: a `fsync` each costs milliseconds, which
/// for an import of 10,000 entries was 35 of its 40 seconds.
pub fn sync_files(dir: &Path, files: &[&tempfile::TempPath]) -> Result<()> {
    let io = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    // Where the whole file system cannot be flushed at once, or that
    // fails, each file is synced.
    if crate::support::durable::sync_file_system(dir).unwrap_or(false) {
        return Ok(());
    }
    for f in files {
        fs::File::open(f).and_then(|f| f.sync_all()).map_err(io)?;
    }
    Ok(())
}

/// Replaces `dest` (in `dir`) with `text` in one rename; the caller holds
/// the folder's lock.
pub fn replace(dir: &Path, dest: &Path, text: &str) -> Result<()> {
    let temp = write_temp(dir, text)?;
    crate::support::fault::point("record:written");
    temp.persist(dest).map_err(|e| Error::Write {
        path: dest.to_path_buf(),
        source: e.error,
    })?;
    crate::support::fault::point("record:renamed");
    sync_folder(dir);
    Ok(())
}

//! The writers' lock of `register/instruments/` and the journal of an
//! import, here rather than with the writers because readers take part:
//! an import writes many files under a journal ([`IMPORT_JOURNAL`]), and
//! until the journal is gone the register is *as before the import*. A
//! writer's lock rolls back an import a kill left unfinished
//! ([`roll_back_import`]); so does a reader that finds a journal
//! ([`settle`]), after waiting for a live import to end — so `check`,
//! `list` and `build` never see half an import.

use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

/// Takes the writers' lock on `dir`, waiting for another writer, and
/// removes what killed writers left behind.
pub fn lock_folder(dir: &Path) -> Result<fs::File> {
    let io = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    fs::create_dir_all(dir).map_err(io)?;
    let lock = fs::File::open(dir).map_err(io)?;
    lock.lock().map_err(io)?;
    for entry in fs::read_dir(dir).map_err(io)?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".treaty-register-") && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
        if name.starts_with(".treaty-register-journal-") {
            let _ = fs::remove_dir_all(entry.path()); // a journal never put in place
        }
    }
    roll_back_import(dir);
    Ok(lock)
}

/// The journal of an import being written, in the instruments folder:
/// `new` (the ids it creates, one a line) and `old/<ID>.yaml` (the text of
/// each entry it rewrites). Hidden: `check` and `build` pass it by.
pub const IMPORT_JOURNAL: &str = ".treaty-register-import";

/// The journal of an import that is done, until it is removed.
pub const IMPORT_DONE: &str = ".treaty-register-import-done";

/// Undoes an import that was killed before it was done: removes the files
/// it created and puts back those it rewrote, then its journal. Each step
/// may be repeated, so a kill during the roll-back is rolled back again by
/// the next writer. The caller holds the folder's lock.
pub fn roll_back_import(dir: &Path) {
    let _ = fs::remove_dir_all(dir.join(IMPORT_DONE));
    let journal = dir.join(IMPORT_JOURNAL);
    let Ok(new) = fs::read_to_string(journal.join("new")) else {
        return;
    };
    for id in new
        .lines()
        .filter(|l| !l.is_empty() && !l.contains(['/', '.']))
    {
        let _ = fs::remove_file(dir.join(format!("{id}.yaml")));
    }
    if let Ok(old) = fs::read_dir(journal.join("old")) {
        for entry in old.flatten() {
            let _ = fs::rename(entry.path(), dir.join(entry.file_name()));
        }
    }
    sync_folder(dir);
    if fs::rename(&journal, dir.join(IMPORT_DONE)).is_ok() {
        sync_folder(dir);
        let _ = fs::remove_dir_all(dir.join(IMPORT_DONE));
    }
}

/// Makes a rename or link in `dir` durable.
pub fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Waits for an import running on `dir` to end, and rolls back one that
/// was killed, when a journal is there; nothing otherwise (one `stat`).
/// Where the lock cannot be taken (a read-only copy), the register is read
/// as it is and `check` reports what it finds.
pub fn settle(dir: &Path) {
    if dir.join(IMPORT_JOURNAL).exists() {
        let _ = lock_folder(dir);
    }
}

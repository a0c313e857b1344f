//! Writing the whole import at once, or nothing.
//!
//! Under the writers' lock of `register/instruments/` ([`entry::lock_folder`]):
//! every new text goes to a temporary beside its destination, all made
//! durable at once ([`entry::sync_files`]: one `syncfs`, not a `fsync` a
//! file); then a journal ([`entry::IMPORT_JOURNAL`]) is put in place in one rename,
//! naming each new file and holding the old text of each file `--update`
//! rewrites; then the new files are linked into place (never overwriting)
//! and the changed ones renamed over the old; last, the journal is renamed
//! away (the moment the import is done) and removed.
//!
//! A kill before the journal is in place leaves only temporaries, which the
//! next writer's lock sweeps away. A kill after it leaves the journal, and
//! the next writer's lock rolls the import back from it
//! ([`entry::roll_back_import`]) before doing anything else: the register
//! is as before, or fully imported. Parallel `add`s and `record`s wait for
//! the lock, so none of their files is lost or overwritten.

use std::fs;
use std::path::Path;

use crate::edit::entry::{self, IMPORT_DONE, IMPORT_JOURNAL};
use crate::error::{Error, Result};
use crate::register::load::INSTRUMENTS_DIR;
use crate::support::fault;

/// Writes `creates` (id, text) and `updates` (id, text read, new text).
pub fn commit(
    root: &Path,
    creates: &[(String, String)],
    updates: &[(String, String, String)],
) -> Result<()> {
    if creates.is_empty() && updates.is_empty() {
        return Ok(());
    }
    let dir = root.join(INSTRUMENTS_DIR);
    let _lock = entry::lock_folder(&dir)?;
    unchanged_since_read(&dir, creates, updates)?;
    let new: Vec<_> = creates
        .iter()
        .map(|(id, text)| Ok((id, entry::write_temp_unsynced(&dir, text)?)))
        .collect::<Result<_>>()?;
    let changed: Vec<_> = updates
        .iter()
        .map(|(id, _, text)| Ok((id, entry::write_temp_unsynced(&dir, text)?)))
        .collect::<Result<_>>()?;
    let temps: Vec<_> = new.iter().chain(&changed).map(|(_, t)| t).collect();
    entry::sync_files(&dir, &temps)?;
    journal(&dir, creates, updates)?;
    fault::point("import:staged");
    let mut linked = 0;
    for (id, temp) in &new {
        let dest = dir.join(format!("{id}.yaml"));
        if let Err(source) = fs::hard_link(temp, &dest) {
            // Only what this import linked goes: the name that failed may
            // be a file someone put there by hand.
            for (id, _) in &new[..linked] {
                let _ = fs::remove_file(dir.join(format!("{id}.yaml")));
            }
            let _ = fs::remove_file(dir.join(IMPORT_JOURNAL).join("new"));
            entry::roll_back_import(&dir);
            return Err(Error::Write { path: dest, source });
        }
        linked += 1;
        if linked == 1 {
            fault::point("import:linked-one");
        }
    }
    for (id, temp) in changed {
        let dest = dir.join(format!("{id}.yaml"));
        if let Err(e) = temp.persist(&dest) {
            entry::roll_back_import(&dir);
            return Err(Error::Write {
                path: dest,
                source: e.error,
            });
        }
    }
    fault::point("import:linked");
    entry::sync_folder(&dir);
    finish(&dir)
}

/// Refuses when another writer created one of the new ids, or changed an
/// entry `--update` rewrites, since the import read the register.
fn unchanged_since_read(
    dir: &Path,
    creates: &[(String, String)],
    updates: &[(String, String, String)],
) -> Result<()> {
    let again = |what: String| Error::Usage {
        message: format!("{what} while the import was being checked; nothing was written"),
        hint: Some("run the import again".into()),
    };
    for (id, _) in creates {
        if dir.join(format!("{id}.yaml")).exists() {
            return Err(again(format!("{id} was added")));
        }
    }
    for (id, before, _) in updates {
        if entry::read_entry(&dir.join(format!("{id}.yaml")))? != *before {
            return Err(again(format!("{id} was changed")));
        }
    }
    Ok(())
}

/// The journal, put in place in one rename: `new` lists the new ids, one
/// a line; `old/<ID>.yaml` holds the text each update replaces.
fn journal(
    dir: &Path,
    creates: &[(String, String)],
    updates: &[(String, String, String)],
) -> Result<()> {
    let io = |source| Error::Write {
        path: dir.join(IMPORT_JOURNAL),
        source,
    };
    let staging = tempfile::Builder::new()
        .prefix(".treaty-register-journal-")
        .tempdir_in(dir)
        .map_err(io)?;
    let mut list = String::new();
    for (id, _) in creates {
        list.push_str(id);
        list.push('\n');
    }
    write_synced(&staging.path().join("new"), list.as_bytes()).map_err(io)?;
    fs::create_dir(staging.path().join("old")).map_err(io)?;
    for (id, before, _) in updates {
        write_synced(
            &staging.path().join("old").join(format!("{id}.yaml")),
            before.as_bytes(),
        )
        .map_err(io)?;
    }
    entry::sync_folder(&staging.path().join("old"));
    entry::sync_folder(staging.path());
    let staging = staging.keep();
    fs::rename(&staging, dir.join(IMPORT_JOURNAL)).map_err(io)?;
    entry::sync_folder(dir);
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The import is done once its journal is renamed away; removing it after
/// that is tidying.
fn finish(dir: &Path) -> Result<()> {
    let done = dir.join(IMPORT_DONE);
    fs::rename(dir.join(IMPORT_JOURNAL), &done).map_err(|source| Error::Write {
        path: done.clone(),
        source,
    })?;
    entry::sync_folder(dir);
    fault::point("import:done");
    let _ = fs::remove_dir_all(&done);
    Ok(())
}

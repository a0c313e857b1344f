//! Writing outputs so that nothing is lost.
//!
//! One file: written in full to a temporary file beside its destination,
//! synced, then renamed over the old one. A rename within a folder is
//! atomic, so a reader — or a build killed at any moment — sees the old
//! file or the new one, never half of either.
//!
//! The published unit (`register.pdf`, `manifest.sha256`, `manifest.json`)
//! needs more: renaming three files one after another leaves moments where
//! a manifest describes a PDF other than the one beside it. So the unit is
//! published as a *generation*:
//!
//! 1. all files are written and synced into a new hidden folder
//!    `out/.gen-<digest>/` (through a `.staging-*` folder, renamed into
//!    place only when complete);
//! 2. `out/register.pdf` and the manifests are symbolic links to
//!    `.current/<name>`, created once;
//! 3. `out/.current` is a symbolic link to the live generation, replaced in
//!    one atomic rename — the only step that changes what readers see;
//! 4. older generations and leftovers of killed runs are then removed.
//!
//! Killed before step 3, the old unit is intact; after it, the new one is
//! complete. A lock on the `out/` folder keeps two builds from publishing
//! at once.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};
use crate::publish::spool::{CURRENT, Spool};

/// A file written in full next to its destination, not yet in place.
pub struct Staged {
    temp: NamedTempFile,
    dest: PathBuf,
}

/// Writes `bytes` to a temporary file beside `dest` and syncs it.
pub fn stage(dest: &Path, bytes: &[u8]) -> Result<Staged> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let write_error = |source| Error::Write {
        path: dest.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".treaty-register-").suffix(".tmp");
    // Published files are for everyone to read (tempfile's default is 0600).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir).map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    Ok(Staged {
        temp,
        dest: dest.to_path_buf(),
    })
}

impl Staged {
    /// Renames the staged file over its destination.
    pub fn commit(self) -> Result<()> {
        let dest = self.dest;
        self.temp.persist(&dest).map_err(|e| Error::Write {
            path: dest.clone(),
            source: e.error,
        })?;
        Ok(())
    }
}

/// Stages every file, then puts them in place in the order given. Nothing
/// is renamed until all are staged.
pub fn publish(files: Vec<(PathBuf, Vec<u8>)>) -> Result<()> {
    let staged = files
        .iter()
        .map(|(dest, bytes)| stage(dest, bytes))
        .collect::<Result<Vec<_>>>()?;
    for file in staged {
        file.commit()?;
    }
    if let Some((first, _)) = files.first()
        && let Some(dir) = first.parent()
        && let Ok(dir) = fs::File::open(dir)
    {
        // Make the renames themselves durable.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Publishes `files` (name, bytes) and the spooled files into `out` as one
/// unit, as described in the module docs. Publishing the unit already
/// live changes nothing.
#[cfg(unix)]
pub fn publish_unit(out: &Path, files: &[(&str, &[u8])], spool: Option<&Spool>) -> Result<()> {
    use sha2::{Digest, Sha256};
    use std::os::unix::fs::symlink;

    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    fs::create_dir_all(out).map_err(io(out))?;
    // The folder itself is the lock: no lock file is left in `out/`.
    let lock = fs::File::open(out).map_err(io(out))?;
    lock.lock().map_err(io(out))?;

    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(crate::support::digest::sha256_bytes(bytes).as_bytes());
    }
    let spooled = spool.map_or(&[][..], |s| &s.files[..]);
    for (name, _, sha256) in spooled {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(sha256.as_bytes());
    }
    let generation = format!(
        ".gen-{}",
        &crate::support::digest::hex(&hasher.finalize())[..20]
    );
    let gen_dir = out.join(&generation);

    // A generation of these very files may be there already (`--force`
    // with nothing changed). Its files in memory are compared; spooled
    // ones never are, as a file there may have been edited in place since
    // and keep its size: the fresh spool takes the generation's place,
    // which costs what discarding it would (one unlink a file).
    let complete = spooled.is_empty()
        && files
            .iter()
            .all(|(name, bytes)| fs::read(gen_dir.join(name)).is_ok_and(|b| b == *bytes));
    if !complete {
        let staging = tempfile::Builder::new()
            .prefix(".staging-")
            .tempdir_in(out)
            .map_err(io(out))?;
        if let Some(spool) = spool {
            // The spool holds the files under their names in the unit: each
            // of its top-level entries (`html/`, a PDF) moves whole, one
            // rename where a file at a time was two hundred thousand.
            for top in top_level(spooled.iter().map(|(name, _, _)| name.as_str())) {
                let to = staging.path().join(top);
                fs::rename(spool.path(top), &to).map_err(io(&to))?;
            }
            sync_tree(staging.path()).map_err(io(staging.path()))?;
        }
        for (name, bytes) in files {
            let path = staging.path().join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(io(parent))?;
            }
            let mut file = fs::File::create(&path).map_err(io(&path))?;
            file.write_all(bytes).map_err(io(&path))?;
            file.sync_all().map_err(io(&path))?;
            #[cfg(unix)]
            fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644))
                .map_err(io(&path))?;
        }
        fs::File::open(staging.path())
            .and_then(|d| d.sync_all())
            .map_err(io(staging.path()))?;
        crate::support::fault::point("publish:staged");
        let staged = staging.keep();
        fs::set_permissions(&staged, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .map_err(io(&staged))?;
        // In one step: the generation may be the live one, which readers
        // must never find missing.
        replace_folder(&staged, &gen_dir)?;
        crate::support::fault::point("publish:generation");
    }

    // Stable names, pointing through `.current`; dangling until step 3 on
    // the very first build, which readers see as "not yet published".
    // A file in a folder of the unit (`html/…`) is reached through one
    // link for the folder.
    let names = files
        .iter()
        .map(|(name, _)| *name)
        .chain(spooled.iter().map(|(name, _, _)| name.as_str()));
    for name in top_level(names) {
        let link = out.join(name);
        let target = Path::new(CURRENT).join(name);
        if fs::read_link(&link).is_ok_and(|t| t == target) {
            continue;
        }
        if fs::symlink_metadata(&link).is_ok_and(|m| m.is_dir()) {
            return Err(Error::Usage {
                message: format!(
                    "{} is a folder, where the build keeps a link to the published {name}",
                    link.display()
                ),
                hint: Some(format!(
                    "it is not the tool's: move it out of {} and build again",
                    out.display()
                )),
            });
        }
        let temp = out.join(format!(".link-{name}.tmp"));
        let _ = fs::remove_file(&temp);
        symlink(&target, &temp).map_err(io(&temp))?;
        fs::rename(&temp, &link).map_err(io(&link))?;
    }

    crate::support::fault::point("publish:links");
    // The switch.
    let current = out.join(CURRENT);
    if fs::read_link(&current).ok().as_deref() != Some(Path::new(&generation)) {
        let temp = out.join(".current.tmp");
        let _ = fs::remove_file(&temp);
        symlink(&generation, &temp).map_err(io(&temp))?;
        fs::rename(&temp, &current).map_err(io(&current))?;
    }
    fs::File::open(out)
        .and_then(|d| d.sync_all())
        .map_err(io(out))?;
    crate::support::fault::point("publish:switched");

    tidy_locked(out);
    Ok(())
}

/// The distinct first components of `names` (`html` for `html/index.html`),
/// sorted.
fn top_level<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut tops: Vec<&str> = names
        .map(|name| name.split('/').next().unwrap_or(name))
        .collect();
    tops.sort_unstable();
    tops.dedup();
    tops
}

/// Makes every file and folder under `dir` durable, the spooled files
/// (written unsynced) among them. On Linux one `syncfs(2)` of the file
/// system `dir` is on ([`crate::support::durable`]); elsewhere every file
/// and folder is synced.
pub(crate) fn sync_tree(dir: &Path) -> std::io::Result<()> {
    if crate::support::durable::sync_file_system(dir)? {
        return Ok(());
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                fs::File::open(entry.path())?.sync_all()?;
            }
        }
        fs::File::open(&d)?.sync_all()?;
    }
    Ok(())
}

/// Syncs every folder under `dir`, so that what was renamed into them is
/// durable (an edition's folders).
pub(crate) fn sync_folders(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(entries) = fs::read_dir(&d) {
            stack.extend(
                entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                    .map(|e| e.path()),
            );
        }
        if let Ok(f) = fs::File::open(&d) {
            let _ = f.sync_all();
        }
    }
}

/// Removes what a killed run left in `out/` (older generations, staging
/// folders, temporary files) and links to files the live unit does not
/// have (the volumes of a register that shrank). Runs after every publish,
/// and on its own when a build finds nothing to do.
#[cfg(unix)]
pub fn tidy(out: &Path) -> Result<()> {
    let Ok(lock) = fs::File::open(out) else {
        return Ok(());
    };
    lock.lock().map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    tidy_locked(out);
    // A killed build's spool, which only the next spool would sweep.
    crate::support::stale::sweep(out, ".spool-");
    Ok(())
}

#[cfg(not(unix))]
pub fn tidy(_out: &Path) -> Result<()> {
    Ok(())
}

#[cfg(unix)]
fn tidy_locked(out: &Path) {
    // The folder `.current` leads to, however its link is written (the
    // tool writes `.gen-…`; a hand may write `./.gen-…` or a full path).
    let live = fs::canonicalize(out.join(CURRENT)).ok();
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if fs::read_link(&path).is_ok_and(|t| t.starts_with(CURRENT)) {
            if !path.exists() {
                let _ = fs::remove_file(&path);
            }
            continue;
        }
        let stale = (name.starts_with(".gen-")
            && live
                .as_ref()
                .is_none_or(|l| fs::canonicalize(&path).ok().as_ref() != Some(l)))
            || name.starts_with(".staging-")
            || name == ".current.tmp"
            || (name.starts_with(".link-") && name.ends_with(".tmp"))
            || (name.starts_with(".treaty-register-") && name.ends_with(".tmp"));
        if stale {
            let _ = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
}

/// Without symbolic links the unit is published file by file.
#[cfg(not(unix))]
pub fn publish_unit(out: &Path, files: &[(&str, &[u8])], spool: Option<&Spool>) -> Result<()> {
    let spooled: Vec<(String, Vec<u8>)> = spool.map_or_else(Vec::new, |s| {
        s.files
            .iter()
            .filter_map(|(n, _, _)| Some((n.clone(), fs::read(s.path(n)).ok()?)))
            .collect()
    });
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .copied()
        .chain(spooled.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
        .collect();
    let files = &files[..];
    fs::create_dir_all(out).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    publish(
        files
            .iter()
            .map(|(n, b)| (out.join(n), b.to_vec()))
            .collect(),
    )
}

/// Puts the complete folder `staging` in the place of `dest` (a folder or
/// nothing), in one step where the system allows: a reader sees the old
/// folder or the new one, never a mix. `staging` must be beside `dest`.
pub fn replace_folder(staging: &Path, dest: &Path) -> Result<()> {
    let io = |source| Error::Write {
        path: dest.to_path_buf(),
        source,
    };
    if !dest.exists() {
        fs::rename(staging, dest).map_err(io)?;
    } else {
        exchange(staging, dest).map_err(io)?;
        // `staging` now holds the old folder.
        fs::remove_dir_all(staging).map_err(io)?;
    }
    if let Some(parent) = dest.parent() {
        let _ = fs::File::open(parent).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// Swaps two folders in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`); elsewhere, the old one is moved aside first.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let a_c = std::ffi::CString::new(a.as_os_str().as_bytes())?;
        let b_c = std::ffi::CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: both are valid NUL-terminated paths for the call's length.
        let done = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a_c.as_ptr(),
                libc::AT_FDCWD,
                b_c.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if done == 0 {
            return Ok(());
        }
    }
    let aside = a.with_extension("old");
    fs::rename(b, &aside)?;
    fs::rename(a, b)?;
    fs::rename(&aside, a)
}

/// Writes one file atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    stage(dest, bytes)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("register.pdf");
        fs::write(&dest, b"old").unwrap();
        write_atomic(&dest, b"new contents").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new contents");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn spooled_folders_move_whole_into_the_unit() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut spool = Spool::new(&out).unwrap();
        let spooled: [(&str, &[u8]); 3] = [
            ("html/index.html", b"index"),
            ("html/feeds/parties/KAZ.atom", b"feed"),
            ("register.pdf", b"pdf"),
        ];
        for (name, bytes) in spooled {
            let entry = spool.write(name, bytes).unwrap();
            spool.files.push(entry);
        }
        publish_unit(&out, &[("manifest.sha256", b"sums")], Some(&spool)).unwrap();
        for (name, bytes) in spooled {
            assert_eq!(fs::read(out.join(name)).unwrap(), bytes, "{name}");
        }
        assert_eq!(fs::read(out.join("manifest.sha256")).unwrap(), b"sums");
        assert!(!spool.path("html").exists() && !spool.path("register.pdf").exists());
    }

    #[cfg(unix)]
    #[test]
    fn units_switch_whole_and_old_generations_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let unit = |pdf: &'static [u8], sums: &'static [u8]| {
            vec![("register.pdf", pdf), ("manifest.sha256", sums)]
        };
        publish_unit(&out, &unit(b"pdf 1", b"sums 1"), None).unwrap();
        assert_eq!(fs::read(out.join("register.pdf")).unwrap(), b"pdf 1");
        publish_unit(&out, &unit(b"pdf 2", b"sums 2"), None).unwrap();
        assert_eq!(fs::read(out.join("register.pdf")).unwrap(), b"pdf 2");
        assert_eq!(fs::read(out.join("manifest.sha256")).unwrap(), b"sums 2");
        let gens = fs::read_dir(&out)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".gen-")
            })
            .count();
        assert_eq!(gens, 1);
        // The same unit again is a no-op.
        let current = fs::read_link(out.join(".current")).unwrap();
        publish_unit(&out, &unit(b"pdf 2", b"sums 2"), None).unwrap();
        assert_eq!(fs::read_link(out.join(".current")).unwrap(), current);
    }

    #[test]
    fn a_dropped_stage_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("register.pdf");
        fs::write(&dest, b"old").unwrap();
        drop(stage(&dest, b"new").unwrap());
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

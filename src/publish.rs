//! Writing outputs so that nothing is lost: each file is first written in
//! full to a temporary file in its destination folder and synced, and only
//! then renamed over the old one. A rename within one folder is atomic, so a
//! reader — or a build killed at any moment — sees the old file or the new
//! one, never half of either. Files that fail to stage leave every old
//! output untouched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

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

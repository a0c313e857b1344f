//! The tool's cache folder, where what it provisions once per machine
//! lives (typst, the Noto fonts), and the lock that lets one run install
//! while others wait.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The folder where provisioned tools live: `$TREATY_REGISTER_CACHE`, else
/// `$XDG_CACHE_HOME/treaty-register`, else `~/.cache/treaty-register`.
pub fn cache_dir() -> Option<PathBuf> {
    let nonempty = |key: &str| std::env::var_os(key).filter(|v| !v.is_empty());
    if let Some(dir) = nonempty("TREATY_REGISTER_CACHE") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = nonempty("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("treaty-register"));
    }
    nonempty("HOME").map(|home| PathBuf::from(home).join(".cache/treaty-register"))
}

/// Takes the install lock `<name>.lock` in `cache` (creating the folder),
/// telling the user when another run holds it; held until dropped.
pub fn install_lock(
    cache: &Path,
    name: &str,
    what: &str,
    say: &mut dyn FnMut(&str),
) -> Result<fs::File> {
    fs::create_dir_all(cache).map_err(|source| Error::Write {
        path: cache.to_path_buf(),
        source,
    })?;
    let lock_path = cache.join(format!("{name}.lock"));
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|source| Error::Write {
            path: lock_path.clone(),
            source,
        })?;
    if lock.try_lock().is_err() {
        say(&format!(
            "waiting for another treaty-register that is installing {what} …"
        ));
        lock.lock().map_err(|source| Error::Write {
            path: lock_path,
            source,
        })?;
    }
    Ok(lock)
}

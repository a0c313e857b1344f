//! Leftovers of killed runs. Every staging folder holds a `.lock` file
//! that its owner keeps locked while it works; the lock dies with the
//! process, however it dies. A later run removes the staging folders whose
//! lock it can take: their owner is gone.

use std::fs::{self, File};
use std::io;
use std::path::Path;

/// Held while a staging folder is in use.
pub struct Claim {
    _lock: File,
}

/// Marks `dir` as in use by this process. The lock is taken before the
/// file gets its name, so a sweeper never sees an unlocked `.lock` of a
/// live run.
pub fn claim(dir: &Path) -> io::Result<Claim> {
    let young = dir.join(".lock.new");
    let lock = File::create(&young)?;
    lock.lock()?;
    fs::rename(&young, dir.join(".lock"))?;
    Ok(Claim { _lock: lock })
}

/// Removes folders in `parent` named `prefix…` that no live process holds.
/// Folders holding a `KEPT` file are left for the user.
pub fn sweep(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with(prefix)
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        let dir = entry.path();
        if dir.join("KEPT").exists() {
            continue;
        }
        let abandoned = match File::open(dir.join(".lock")) {
            Ok(lock) => lock.try_lock().is_ok(),
            // No lock: too young to have one yet — or a run killed before
            // it named its lock, or a sweeper killed while removing the
            // folder. A live run names its lock at once, so a minute is
            // ample.
            Err(_) => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > UNCLAIMED)),
        };
        if abandoned {
            let _ = fs::remove_dir_all(&dir);
        }
    }
}

/// How long a folder may be without its lock before it is taken for a
/// killed run's.
const UNCLAIMED: std::time::Duration = std::time::Duration::from_secs(60);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweeps_only_abandoned_folders() {
        let parent = tempfile::tempdir().unwrap();
        let live = parent.path().join(".bag-live");
        let dead = parent.path().join(".bag-dead");
        let kept = parent.path().join(".bag-kept");
        for d in [&live, &dead, &kept] {
            fs::create_dir(d).unwrap();
        }
        let _claim = claim(&live).unwrap();
        drop(claim(&dead).unwrap());
        drop(claim(&kept).unwrap());
        fs::write(kept.join("KEPT"), "").unwrap();
        // Without a lock: a young folder is being claimed; an old one was
        // left by a run killed before it claimed it.
        let (young, old) = (
            parent.path().join(".bag-young"),
            parent.path().join(".bag-old"),
        );
        for d in [&young, &old] {
            fs::create_dir(d).unwrap();
        }
        File::open(&old)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - 2 * UNCLAIMED)
            .unwrap();
        sweep(parent.path(), ".bag-");
        assert!(live.exists());
        assert!(!dead.exists());
        assert!(kept.exists());
        assert!(young.exists());
        assert!(!old.exists());
    }
}

//! A stat cache, like git's index: the SHA-256 of each input and output
//! file the last build hashed, with the size, modification and change
//! times and inode it had then. A file whose `stat` still matches is not
//! read again, so a build with nothing to do costs a `stat` per file, not a
//! hash of every attachment. `verify` never uses it: an audit reads every
//! byte.
//!
//! Racily clean files (git's term): a file changed within the timestamp
//! granularity of the moment the cache was saved could keep the same
//! `stat` with new bytes. Entries whose modification time is not at least
//! [`RACY`] older than that moment ([`RACY_FINE`] on a file system that
//! keeps fractions of a second) are hashed again, and keep being until
//! they are. The moment is the earlier of the tool's clock and the cache
//! file's own modification time, the file system's clock.
//!
//! Stored as `.treaty-register/stat-cache` in the project (one line per
//! file: `sha256 size mtime ctime inode path`), written atomically; a
//! missing, unreadable or foreign file is an empty cache.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::support::digest;

/// Where the cache lives, relative to the project root.
pub const FILE: &str = ".treaty-register/stat-cache";
/// Version 2: the live web pages are kept under one name (`out/html/…`);
/// version 1 had a second entry for each through `out/.current/`, which
/// the files' existence alone never dropped.
const HEADER: &str = "treaty-register stat-cache 2";
/// Nanoseconds: entries modified less than this before the cache was saved
/// are not trusted (coarse file systems keep whole seconds).
const RACY: i128 = 2_000_000_000;
/// The same for a file system that keeps fractions of a second (a
/// modification time off the whole second): the kernel's clock for file
/// times lags by a tick (at most 10 ms), so a tenth of a second is ample —
/// and the outputs a build just wrote are trusted by the next one.
const RACY_FINE: i128 = 100_000_000;

/// What `stat` says of a file, as far as the cache compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stat {
    size: u64,
    mtime: i128,
    ctime: i128,
    inode: u64,
}

#[derive(Debug, Default)]
pub struct StatCache {
    path: Option<PathBuf>,
    /// When the loaded cache was saved (ns since the epoch).
    saved: i128,
    entries: Mutex<HashMap<PathBuf, (Stat, String)>>,
    /// How many files were read and hashed (for tests and benchmarks).
    hashed: std::sync::atomic::AtomicUsize,
    /// Whether an entry was added or replaced since the cache was opened.
    learnt: std::sync::atomic::AtomicBool,
}

impl StatCache {
    /// The cache of the project at `root` (empty when there is none).
    pub fn open(root: &Path) -> StatCache {
        let path = root.join(FILE);
        let mut cache = StatCache {
            path: Some(path.clone()),
            ..StatCache::default()
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return cache;
        };
        let mut lines = text.lines();
        let Some(saved) = lines
            .next()
            .and_then(|h| h.strip_prefix(HEADER))
            .and_then(|s| s.trim().parse().ok())
        else {
            return cache;
        };
        // The earlier of the tool's clock and the file system's: on a
        // network file system whose clock runs behind, files' times are
        // the server's, and the tool's clock alone would trust a file
        // changed within the margin.
        cache.saved = stat(&path).map_or(saved, |s| saved.min(s.mtime));
        let entries = cache.entries.get_mut().expect("not shared yet");
        for line in lines {
            let mut f = line.splitn(6, ' ');
            let parsed = (|| {
                let sha256 = f.next()?.to_owned();
                let stat = Stat {
                    size: f.next()?.parse().ok()?,
                    mtime: f.next()?.parse().ok()?,
                    ctime: f.next()?.parse().ok()?,
                    inode: f.next()?.parse().ok()?,
                };
                Some((PathBuf::from(f.next()?), (stat, sha256)))
            })();
            if let Some((p, e)) = parsed {
                entries.insert(p, e);
            }
        }
        cache
    }

    /// A cache that remembers nothing and saves nowhere (for `verify`).
    pub fn none() -> StatCache {
        StatCache::default()
    }

    /// The SHA-256 of the file at `path`: from the cache when its `stat`
    /// is unchanged and not racy, else read and hashed (and remembered).
    pub fn sha256(&self, path: &Path) -> std::io::Result<String> {
        self.sha256_stat(path).map(|(sha256, _)| sha256)
    }

    /// [`StatCache::sha256`], with the `stat` the file had when it was
    /// vouched for: a caller that then links the file can tell whether it
    /// linked that very file ([`Stat::same_file`]).
    pub fn sha256_stat(&self, path: &Path) -> std::io::Result<(String, Stat)> {
        let before = stat(path)?;
        if self.path.is_some() {
            let entries = self.entries.lock().expect("not poisoned");
            if let Some((s, sha256)) = entries.get(path)
                && *s == before
                && s.settled_by(self.saved)
            {
                return Ok((sha256.clone(), before));
            }
        }
        let sha256 = digest::sha256_file(path)?;
        self.hashed
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Changed while being read: hash again next time.
        if self.path.is_some() && stat(path)? == before {
            self.keep(path, before.clone(), &sha256);
        }
        Ok((sha256, before))
    }

    /// Remembers that the file at `path`, which had the `stat` `seen` when
    /// it was written with the digest `sha256`, still has it, so that the
    /// next build need not read it: a build's outputs (two gigabytes of web
    /// edition at 100,000 entries) are known without hashing them again.
    /// A file written to since (its modification time moved) is not
    /// vouched for. Its change time may have moved: a linked page's does
    /// when the last generation's name for it is removed.
    /// (A write that also puts the modification time back, made while
    /// the build runs, is for `verify` to find, as for git's index.)
    pub fn remember(&self, path: &Path, sha256: &str, seen: &Stat) {
        if self.path.is_some()
            && let Ok(now) = stat(path)
            && now.same_file(seen)
        {
            self.keep(path, now, sha256);
        }
    }

    fn keep(&self, path: &Path, stat: Stat, sha256: &str) {
        self.entries
            .lock()
            .expect("not poisoned")
            .insert(path.to_path_buf(), (stat, sha256.to_owned()));
        self.learnt
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether this cache keeps anything: `false` for [`StatCache::none`],
    /// an audit's, which no other cache may stand in for either.
    pub fn remembers(&self) -> bool {
        self.path.is_some()
    }

    /// How many files this cache had to read and hash.
    pub fn hashed(&self) -> usize {
        self.hashed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Writes the cache (atomically); entries of files not asked for since
    /// it was opened are kept only while the files exist. Failing to save
    /// only costs hashing next time, so errors are ignored.
    pub fn save(&self) {
        let Some(path) = &self.path else { return };
        // Nothing learnt: every entry asked for was trusted as saved (a
        // racy one is always read again, and learnt). A no-op build of
        // 100,000 entries then spares writing 300,000 lines, and a `stat`
        // of each to drop the files gone.
        if !self.learnt.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        let entries = self.entries.lock().expect("not poisoned");
        let mut lines: Vec<String> = entries
            .iter()
            .filter(|(p, _)| p.exists())
            .filter_map(|(p, (s, sha256))| {
                Some(format!(
                    "{sha256} {} {} {} {} {}",
                    s.size,
                    s.mtime,
                    s.ctime,
                    s.inode,
                    p.to_str()?
                ))
            })
            .collect();
        lines.sort_unstable();
        let text = format!("{HEADER} {now}\n{}\n", lines.join("\n"));
        super::cache_file::save(path, &text);
    }
}

impl Stat {
    /// The `stat` of the file at `path` (following links).
    pub fn of(path: &Path) -> std::io::Result<Stat> {
        stat(path)
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether `other` is this file, not written to since: the same inode,
    /// size and modification time. The change time is not compared: it
    /// moves when a hard link to the file is made or removed.
    pub fn same_file(&self, other: &Stat) -> bool {
        (self.inode, self.size, self.mtime) == (other.inode, other.size, other.mtime)
    }

    /// Whether a file with this `stat` was, when the cache was saved at
    /// `saved`, old enough that a change since would show in its times.
    fn settled_by(&self, saved: i128) -> bool {
        let margin = if self.mtime % 1_000_000_000 == 0 {
            RACY
        } else {
            RACY_FINE
        };
        self.mtime + margin <= saved
    }
}

#[cfg(unix)]
fn stat(path: &Path) -> std::io::Result<Stat> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path)?;
    Ok(Stat {
        size: m.len(),
        mtime: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
        ctime: i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec()),
        inode: m.ino(),
    })
}

#[cfg(not(unix))]
fn stat(path: &Path) -> std::io::Result<Stat> {
    let m = std::fs::metadata(path)?;
    let ns = |t: std::io::Result<std::time::SystemTime>| {
        t.ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128)
    };
    Ok(Stat {
        size: m.len(),
        mtime: ns(m.modified()),
        ctime: ns(m.created()),
        inode: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn aged(path: &Path, text: &str, age: Duration) {
        std::fs::write(path, text).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
    }

    #[test]
    fn unchanged_files_are_not_read_again_changed_and_racy_ones_are() {
        let root = tempfile::tempdir().unwrap();
        let old = root.path().join("old.pdf");
        let fresh = root.path().join("fresh.pdf");
        aged(&old, "old bytes", Duration::from_secs(3600));
        // Written "just before the save", however slow this machine: a
        // time still ahead when the cache is saved.
        std::fs::write(&fresh, "fresh bytes").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&fresh)
            .unwrap()
            .set_modified(SystemTime::now() + Duration::from_secs(5))
            .unwrap();
        let cache = StatCache::open(root.path());
        let digest_of_old = cache.sha256(&old).unwrap();
        cache.sha256(&fresh).unwrap();
        assert_eq!(cache.hashed(), 2);
        cache.save();

        let cache = StatCache::open(root.path());
        assert_eq!(cache.sha256(&old).unwrap(), digest_of_old);
        assert_eq!(cache.hashed(), 0, "an unchanged old file is not read");
        cache.sha256(&fresh).unwrap();
        assert_eq!(
            cache.hashed(),
            1,
            "a file changed just before the save is racy"
        );

        aged(&old, "new bytes", Duration::from_secs(3600));
        assert_eq!(
            cache.sha256(&old).unwrap(),
            digest::sha256_bytes(b"new bytes"),
            "same age, same size, new bytes: its change time tells"
        );
        assert_eq!(cache.hashed(), 2);
        assert_eq!(
            StatCache::none().sha256(&old).unwrap(),
            digest::sha256_bytes(b"new bytes")
        );
    }

    #[test]
    fn the_racy_margin_follows_the_file_systems_granularity() {
        let saved = 1_000 * 1_000_000_000;
        let at = |mtime| Stat {
            size: 1,
            mtime,
            ctime: mtime,
            inode: 1,
        };
        // Whole seconds: the file system may keep no finer time.
        assert!(!at(saved - 1_000_000_000).settled_by(saved));
        assert!(at(saved - 2_000_000_000).settled_by(saved));
        // Fractions of a second: a tenth of one suffices.
        assert!(at(saved - 200_000_001).settled_by(saved));
        assert!(!at(saved - 50_000_001).settled_by(saved));
    }

    #[test]
    fn remembered_outputs_are_not_read_and_a_cache_that_learnt_nothing_is_not_written() {
        let root = tempfile::tempdir().unwrap();
        let (page, other) = (root.path().join("page.html"), root.path().join("b"));
        aged(&page, "<p>page</p>", Duration::from_secs(3600));
        aged(&other, "other", Duration::from_secs(3600));
        let cache = StatCache::open(root.path());
        let (seen, other_seen) = (Stat::of(&page).unwrap(), Stat::of(&other).unwrap());
        // Written to since it was seen: another file now, not kept.
        aged(&other, "other", Duration::from_secs(1800));
        cache.remember(&page, "d1", &seen);
        cache.remember(&other, "d2", &other_seen);
        cache.save();

        let cache = StatCache::open(root.path());
        assert_eq!(cache.sha256(&page).unwrap(), "d1");
        assert_eq!(cache.hashed(), 0);
        assert_eq!(
            cache.sha256(&other).unwrap(),
            digest::sha256_bytes(b"other")
        );
        assert_eq!(cache.hashed(), 1);
        cache.save();

        let cache = StatCache::open(root.path());
        cache.sha256(&page).unwrap();
        cache.sha256(&other).unwrap();
        assert_eq!(cache.hashed(), 0);
        std::fs::remove_file(root.path().join(FILE)).unwrap();
        cache.save();
        assert!(
            !root.path().join(FILE).exists(),
            "nothing learnt, nothing written"
        );
    }

    #[test]
    fn a_damaged_cache_is_an_empty_one() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join(".treaty-register")).unwrap();
        std::fs::write(root.path().join(FILE), "garbage\nmore").unwrap();
        let file = root.path().join("a");
        aged(&file, "a", Duration::from_secs(3600));
        let cache = StatCache::open(root.path());
        assert_eq!(cache.sha256(&file).unwrap(), digest::sha256_bytes(b"a"));
        assert_eq!(cache.hashed(), 1);
    }
}

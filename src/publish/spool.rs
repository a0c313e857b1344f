//! Files written ahead of publishing: the PDFs as typst makes them and the
//! web edition's pages, in a hidden, claimed folder of `out/`, moved into
//! the new generation when the unit is published (see [`crate::publish::out`]).
//! So a build never holds its outputs in memory — a hundred volumes of a
//! large register are 700 MB, the web edition a hundred thousand pages —
//! and an output unchanged since the last build is a hard link to the live
//! one, not a copy. A spool left by a killed run is swept by the next one.
//!
//! A build that publishes nothing (`verify --rebuild`) spools into the
//! system's temporary folder instead: an audit writes nothing into `out/`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::support::statcache::{Stat, StatCache};

/// The link in `out/` to the live generation (see [`crate::publish::out`]).
pub const CURRENT: &str = ".current";

/// Where the live unit's file `name` is: `out/.current/<name>`, the file
/// itself, not the link `out/<name>` to it.
pub fn live_path(out: &Path, name: &str) -> PathBuf {
    out.join(CURRENT).join(name)
}

/// One spooled file: its name in the unit, size and SHA-256.
pub type Entry = (String, u64, String);

pub struct Spool {
    dir: tempfile::TempDir,
    _claim: crate::support::stale::Claim,
    /// The files of the unit, in the order the caller gives them.
    pub files: Vec<Entry>,
    /// The live unit's web pages, by name, with their digests and the
    /// `stat` each was vouched for with: a page with the same bytes is
    /// linked from there, not written again.
    live: std::collections::HashMap<String, (String, Stat)>,
    /// The `out/` folder whose live unit may be linked from; none for a
    /// spool in the temporary folder.
    out: Option<PathBuf>,
    /// Folders made so far: a hundred thousand pages share a few.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// Each spooled file's `stat` as it was spooled: what the stat cache
    /// may vouch for once the unit is published, if nothing wrote to the
    /// file since (a linked page is the live file, writable in `out/`).
    seen: std::sync::Mutex<std::collections::HashMap<String, Stat>>,
}

impl Spool {
    /// A spool in `out/`, for a build that publishes there.
    pub fn new(out: &Path) -> Result<Spool> {
        let io = |source| Error::Write {
            path: out.to_path_buf(),
            source,
        };
        fs::create_dir_all(out).map_err(io)?;
        crate::support::stale::sweep(out, ".spool-");
        let dir = tempfile::Builder::new()
            .prefix(".spool-")
            .tempdir_in(out)
            .map_err(io)?;
        Spool::claimed(dir, Some(out.to_path_buf()))
    }

    /// A spool in the system's temporary folder, for a build that
    /// publishes nothing.
    pub fn temporary() -> Result<Spool> {
        let temp = std::env::temp_dir();
        crate::support::stale::sweep(&temp, "treaty-register-spool-");
        let dir = tempfile::Builder::new()
            .prefix("treaty-register-spool-")
            .tempdir()
            .map_err(|source| Error::Write { path: temp, source })?;
        Spool::claimed(dir, None)
    }

    fn claimed(dir: tempfile::TempDir, out: Option<PathBuf>) -> Result<Spool> {
        let claim = crate::support::stale::claim(dir.path()).map_err(|source| Error::Write {
            path: dir.path().to_path_buf(),
            source,
        })?;
        Ok(Spool {
            dir,
            _claim: claim,
            files: Vec::new(),
            live: std::collections::HashMap::new(),
            out,
            made: Default::default(),
            seen: Default::default(),
        })
    }

    /// Where file `name` is, or goes, in the spool.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Lets the spool link web pages of the live unit whose bytes are the
    /// same instead of writing them: the live files named in `out/`'s
    /// manifest with the digest it gives, where `stat` confirms the file
    /// still has it. An edit then writes the pages it changed, not a
    /// hundred thousand. `prefix` is `out/` as the manifest writes it.
    pub fn reusing(mut self, stat: &StatCache, prefix: &str) -> Spool {
        let Some(out) = self.out.clone() else {
            return self;
        };
        let Ok(text) = fs::read_to_string(out.join(crate::audit::manifest::JSON_FILE)) else {
            return self;
        };
        let Ok((manifest, _)) = crate::audit::manifest::parse_json(&text) else {
            return self;
        };
        let prefix = format!("{}/", prefix.trim_end_matches('/'));
        let mut live: Vec<(String, String)> = manifest
            .files
            .into_iter()
            .filter(|f| f.role == crate::audit::inputs::Role::Output)
            .filter_map(|f| Some((f.path.strip_prefix(&prefix)?.to_owned(), f.sha256)))
            .filter(|(name, _)| name.contains('/'))
            .collect();
        // A page in a folder that is a link leads out of the unit.
        let real = real_folders(&out, live.iter().map(|(name, _)| name.as_str()));
        live.retain(|(name, _)| name.rsplit_once('/').is_none_or(|(f, _)| real.contains(f)));
        // By the names `up_to_date` checks them under (`out/html/…`, the
        // same files through the link): one stat-cache entry a page, not
        // two. The `stat` each was vouched for with is kept, so that a
        // link is known to be to that file.
        let checked = crate::support::parallel::map(&live, |(name, sha256)| {
            stat.sha256_stat(&out.join(name))
                .ok()
                .filter(|(d, _)| d == sha256)
                .map(|(_, seen)| seen)
        });
        self.live = live
            .into_iter()
            .zip(checked)
            .filter_map(|((name, sha256), seen)| Some((name, (sha256, seen?))))
            .collect();
        self
    }

    /// Writes one file; returns its entry. Callable from several threads;
    /// the caller collects the entries. Not synced here: publishing the
    /// unit makes the whole spool durable at once
    /// ([`crate::publish::out::sync_tree`]), where a sync per file cost a
    /// hundred thousand pages several seconds.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<Entry> {
        let path = self.folder_for(name)?;
        let sha256 = crate::support::digest::sha256_bytes(bytes);
        // The live unit has these bytes already (and they are on disk).
        if let Some((live, seen)) = self.live.get(name)
            && *live == sha256
            && self.link_live(name, seen)
        {
            return Ok((name.to_owned(), bytes.len() as u64, sha256));
        }
        let io = |source| Error::Write {
            path: path.clone(),
            source,
        };
        fs::File::create(&path)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(io)?;
        self.note(name, &path);
        Ok((name.to_owned(), bytes.len() as u64, sha256))
    }

    /// Writes one file as `fill` produces it, hashed on the way: a file of
    /// hundreds of megabytes (`data/register.json` at 100,000 entries)
    /// never held whole. Unsynced, as [`Spool::write`].
    pub fn write_streamed(
        &self,
        name: &str,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<Entry> {
        let path = self.folder_for(name)?;
        let io = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let file = fs::File::create(&path).map_err(io)?;
        let mut out =
            crate::support::digest::Hashing::new(std::io::BufWriter::with_capacity(1 << 20, file));
        fill(&mut out).map_err(io)?;
        let (buffered, size, sha256) = out.finish();
        buffered.into_inner().map_err(|e| io(e.into_error()))?;
        self.note(name, &path);
        Ok((name.to_owned(), size, sha256))
    }

    /// Takes the file at `from` (typst's output) as `name`: moved where
    /// the file systems allow, else copied; synced and hashed.
    pub fn take(&self, name: &str, from: &Path) -> Result<Entry> {
        let path = self.folder_for(name)?;
        let io = |source| Error::Write {
            path: path.clone(),
            source,
        };
        if fs::rename(from, &path).is_err() {
            // Another file system: copy into a temporary name, so that a
            // failed copy never looks complete.
            let temp = self.path(&format!("{name}.part"));
            fs::copy(from, &temp).map_err(io)?;
            fs::rename(&temp, &path).map_err(io)?;
        }
        let file = fs::File::open(&path).map_err(io)?;
        file.sync_all().map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        let sha256 = crate::support::digest::sha256_file(&path).map_err(io)?;
        self.note(name, &path);
        Ok((name.to_owned(), size, sha256))
    }

    /// Hard-links the live unit's file `name` into the spool, when it is
    /// the very file the stat cache vouched for with `vouched` (not
    /// written to since, nor another generation's made live by a
    /// concurrent build); `false` when there is no live unit, it has no
    /// such file, or only a link by that name, to a file elsewhere, which
    /// the unit must not take in.
    pub fn link_live(&self, name: &str, vouched: &Stat) -> bool {
        let Some(out) = &self.out else {
            return false;
        };
        let live = live_path(out, name);
        if !fs::symlink_metadata(&live).is_ok_and(|m| m.is_file()) {
            return false;
        }
        let Ok(path) = self.folder_for(name) else {
            return false;
        };
        if fs::hard_link(&live, &path).is_err() {
            return false;
        }
        match Stat::of(&path) {
            Ok(linked) if vouched.same_file(&linked) => {
                self.record(name, linked);
                true
            }
            _ => {
                let _ = fs::remove_file(&path);
                false
            }
        }
    }

    /// Records the `stat` of the spooled file `name` at `path`.
    fn note(&self, name: &str, path: &Path) {
        if let Ok(stat) = Stat::of(path) {
            self.record(name, stat);
        }
    }

    fn record(&self, name: &str, stat: Stat) {
        self.seen
            .lock()
            .expect("not poisoned")
            .insert(name.to_owned(), stat);
    }

    /// The `stat` spooled file `name` had when it was spooled.
    pub fn seen(&self, name: &str) -> Option<Stat> {
        self.seen.lock().expect("not poisoned").get(name).cloned()
    }

    /// The spooled path of `name`, with its folders made.
    fn folder_for(&self, name: &str) -> Result<PathBuf> {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            let made = || self.made.lock().expect("not poisoned");
            if !made().contains(parent) {
                fs::create_dir_all(parent).map_err(|source| Error::Write {
                    path: parent.to_path_buf(),
                    source,
                })?;
                made().insert(parent.to_path_buf());
            }
        }
        Ok(path)
    }
}

/// The folders of `names` (`html/instruments`) that are real folders of
/// the live unit all the way down, none of them a link.
fn real_folders<'a>(
    out: &Path,
    names: impl Iterator<Item = &'a str>,
) -> std::collections::HashSet<String> {
    let mut folders: std::collections::HashSet<String> = names
        .filter_map(|name| Some(name.rsplit_once('/')?.0))
        .collect::<std::collections::HashSet<&str>>()
        .into_iter()
        .map(str::to_owned)
        .collect();
    folders.retain(|folder| {
        let mut path = live_path(out, "");
        folder.split('/').all(|part| {
            path.push(part);
            fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir())
        })
    });
    folders
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An `out/` whose live unit holds `html/a.html`.
    fn live_unit() -> tempfile::TempDir {
        let out = tempfile::tempdir().unwrap();
        fs::create_dir_all(out.path().join(".gen-a/html")).unwrap();
        fs::write(out.path().join(".gen-a/html/a.html"), "<p>a</p>").unwrap();
        std::os::unix::fs::symlink(".gen-a", out.path().join(CURRENT)).unwrap();
        out
    }

    #[test]
    fn a_live_page_is_linked_only_if_it_is_the_file_vouched_for() {
        let out = live_unit();
        let page = live_path(out.path(), "html/a.html");
        let vouched = Stat::of(&page).unwrap();
        let spool = Spool::new(out.path()).unwrap();
        assert!(spool.link_live("html/a.html", &vouched));
        assert!(
            spool
                .seen("html/a.html")
                .is_some_and(|s| s.same_file(&vouched))
        );

        // Another generation made live since the check: not linked.
        fs::create_dir_all(out.path().join(".gen-b/html")).unwrap();
        fs::write(out.path().join(".gen-b/html/a.html"), "<p>b</p>").unwrap();
        fs::remove_file(out.path().join(CURRENT)).unwrap();
        std::os::unix::fs::symlink(".gen-b", out.path().join(CURRENT)).unwrap();
        let spool = Spool::new(out.path()).unwrap();
        assert!(!spool.link_live("html/a.html", &vouched));
        assert!(!spool.path("html/a.html").exists());
    }

    #[test]
    fn a_link_in_the_live_unit_is_never_linked_into_the_spool() {
        let out = live_unit();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("b.html"), "<p>b</p>").unwrap();
        std::os::unix::fs::symlink(
            elsewhere.path().join("b.html"),
            out.path().join(".gen-a/html/b.html"),
        )
        .unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), out.path().join(".gen-a/html/feeds")).unwrap();
        let spool = Spool::new(out.path()).unwrap();
        let vouched = Stat::of(&live_path(out.path(), "html/b.html")).unwrap();
        assert!(!spool.link_live("html/b.html", &vouched));
        let real = real_folders(out.path(), ["html/a.html", "html/feeds/b.html"].into_iter());
        assert_eq!(real, ["html".to_owned()].into_iter().collect());
    }
}

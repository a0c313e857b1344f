//! Typesetting only what changed. Typst is deterministic: the same source,
//! typst, arguments and fonts give the same PDF, byte for byte. So each
//! document's *key* — the SHA-256 of its Typst source and of everything
//! else typst sees — is remembered with the PDF it gave; when a later build
//! renders the same key and `out/` still holds that PDF (checked by its
//! digest, through the stat cache), the PDF is linked into the new unit as
//! it is and typst is not run. Editing one instrument of a register in volumes then typesets
//! its volume and the general volume, not all of them.
//!
//! `build --force` and `verify --rebuild` never reuse: they typeset every
//! document (the tests compare an incremental build with a forced one).
//! Stored as `.treaty-register/typeset-cache` (`key sha256 file` lines).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::publish::spool::{Entry, Spool};
use crate::support::statcache::StatCache;

const FILE: &str = ".treaty-register/typeset-cache";
const HEADER: &str = "treaty-register typeset-cache 1";

/// The keys and PDFs of the last build, and those of this one.
pub struct Reuse {
    /// Whether PDFs may be taken (`false` for `--force`: keys are still
    /// kept for the next build).
    enabled: bool,
    path: PathBuf,
    out: PathBuf,
    then: HashMap<String, (String, String)>,
    now: Mutex<HashMap<String, (String, String)>>,
}

impl Reuse {
    /// The cache of the project at `root`, whose unit is published in `out`.
    pub fn open(root: &Path, out: &Path, enabled: bool) -> Reuse {
        let then = std::fs::read_to_string(root.join(FILE))
            .ok()
            .filter(|t| t.lines().next() == Some(HEADER))
            .map(|t| {
                t.lines()
                    .skip(1)
                    .filter_map(|l| {
                        let mut f = l.splitn(3, ' ');
                        let (key, sha256, file) = (f.next()?, f.next()?, f.next()?);
                        Some((file.to_owned(), (key.to_owned(), sha256.to_owned())))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Reuse {
            enabled,
            path: root.join(FILE),
            out: out.to_path_buf(),
            then,
            now: Mutex::new(HashMap::new()),
        }
    }

    /// Whether this build may take outputs of the last one (not `--force`).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The PDF `file` made from `key` last time, linked into `spool` from
    /// the live unit, if `out/` still holds it unchanged (by its digest,
    /// through the stat cache). Linked, not read: a hundred volumes need
    /// not pass through memory.
    pub fn take(&self, file: &str, key: &str, stat: &StatCache, spool: &Spool) -> Option<Entry> {
        if !self.enabled {
            return None;
        }
        let (then_key, sha256) = self.then.get(file)?;
        if then_key != key {
            return None;
        }
        let (digest, vouched) = stat.sha256_stat(&self.out.join(file)).ok()?;
        // Linked only if the link is to the bytes just vouched for.
        if digest != *sha256 || !spool.link_live(file, &vouched) {
            return None;
        }
        let size = spool.seen(file)?.size();
        Some((file.to_owned(), size, sha256.clone()))
    }

    /// Remembers that `key` gave the PDF whose digest is `sha256` as `file`.
    pub fn keep(&self, file: &str, key: &str, sha256: &str) {
        self.now
            .lock()
            .expect("not poisoned")
            .insert(file.to_owned(), (key.to_owned(), sha256.to_owned()));
    }

    /// Writes this build's keys (atomically; a failure only costs
    /// typesetting next time).
    pub fn save(&self) {
        let now = self.now.lock().expect("not poisoned");
        let mut lines: Vec<String> = now
            .iter()
            .map(|(file, (key, sha256))| format!("{key} {sha256} {file}"))
            .collect();
        lines.sort_unstable();
        let text = format!("{HEADER}\n{}\n", lines.join("\n"));
        crate::support::cache_file::save(&self.path, &text);
    }
}

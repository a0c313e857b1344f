//! When each act was last corrected, for the feeds' `updated`: an act's
//! `updated` is its own date, unless a later edition changed it — then the
//! date of the edition that carried the change (the contract's "edition
//! date for changes"), so that a reader of the feed is told of a corrected
//! reference or effective date, not only of new acts.
//!
//! Worked out from the archive alone (the cache below only spares reading
//! it again): the editions are compared in turn (only the files whose digests differ are
//! decoded, each the copy its manifest's digest names), and today's
//! register with the latest edition, a change since which is dated `as_of`
//! (the date the next edition will bear). An act is changed when an act of
//! the same key reads differently, or when it has a new key where the
//! earlier text had an act that is gone (its date, party or action was
//! corrected). An act recorded anew, beside the others, is not a change:
//! its `updated` is its date. A view of the register as of a past day
//! (`--as-of`) knows only the editions of that day or before. What the
//! editions show is cached under `.treaty-register/`, keyed by their
//! manifests' digests: a year of weekly editions at 100,000 entries is
//! fifty manifests of twenty megabytes, read once, not at every build.
//! The cache is a local convenience, like the stat cache: a date in it
//! later than the latest edition's is not believed, and `publish` and
//! `verify --rebuild` never read it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::audit::editions;
use crate::audit::inputs::Role;
use crate::publish::changes;
use crate::publish::events::{self, Event, What};
use crate::register::date::PartialDate;
use crate::register::model::{Instrument, Register};
use crate::support::statcache::StatCache;

/// The date each corrected act (by [`events`] key) was last changed on.
#[derive(Debug, Default)]
pub struct Revisions(HashMap<String, PartialDate>);

/// An edition's instrument files: id → (path, SHA-256).
type Files = BTreeMap<String, (String, String)>;

/// What the editions show, remembered between builds: a header, the key
/// ([`cache_key`]), the latest edition read, then `date key` lines.
const CACHE: &str = ".treaty-register/revisions-cache";
const HEADER: &str = "treaty-register revisions-cache 1";

impl Revisions {
    /// The corrections the archive under `root` and `register` (today's
    /// text) show; none without an archive. With `until` (a build as of a
    /// past day), only the editions dated then or before, and not today's
    /// text, which that day did not know. With `cache`, what the editions
    /// show is remembered ([`CACHE`]), keyed by their manifests' digests
    /// through it: a build reads one edition's manifest, not every one.
    /// Without, it is worked out afresh and nothing is written: an audit
    /// and a published edition never take a local file's word for it.
    pub fn of(
        root: &Path,
        register: &Register,
        until: Option<PartialDate>,
        cache: Option<&StatCache>,
    ) -> Revisions {
        let numbers = editions::numbers(root).unwrap_or_default();
        let key = cache.map(|stat| cache_key(root, &numbers, until, stat));
        let (mut found, latest) = match key.as_deref().and_then(|k| load(root, k)) {
            Some((found, Some(n))) => match editions::read(root, n) {
                // A cached date no edition up to the latest could bear
                // is not believed: the cache is worked out again.
                Ok(e) if editions::date(&e.manifest).is_some_and(|d| found.before(d)) => {
                    (found, Some((n, instrument_files(e.manifest))))
                }
                _ => Revisions::afresh(root, &numbers, until, key.as_deref()),
            },
            Some((found, None)) if found.0.is_empty() => (found, None),
            _ => Revisions::afresh(root, &numbers, until, key.as_deref()),
        };
        if let Some((n, old)) = latest.filter(|_| until.is_none()) {
            for i in &register.instruments {
                if let Some((path, sha256)) = old.get(&i.id.value)
                    && *sha256 != i.sha256
                    && let Some(a) = archived(root, n, path, sha256)
                {
                    found.compare(&a, i, register.meta.as_of);
                }
            }
        }
        found
    }

    /// [`Revisions::archived`], saved under `key` when there is one.
    fn afresh(
        root: &Path,
        numbers: &[u32],
        until: Option<PartialDate>,
        key: Option<&str>,
    ) -> (Revisions, Option<(u32, Files)>) {
        let (found, latest) = Revisions::archived(root, numbers, until);
        if let Some(key) = key {
            save(root, key, &found, latest.as_ref().map(|(n, _)| *n));
        }
        (found, latest)
    }

    /// Whether every date is on or before `last` (the latest edition's).
    fn before(&self, last: PartialDate) -> bool {
        self.0.values().all(|d| d.first_day() <= last.first_day())
    }

    /// What the editions (those up to `until`) show, and the last edition
    /// read with its instrument files.
    fn archived(
        root: &Path,
        numbers: &[u32],
        until: Option<PartialDate>,
    ) -> (Revisions, Option<(u32, Files)>) {
        let mut found = Revisions::default();
        let mut before: Option<(u32, Files)> = None;
        for &n in numbers {
            // An edition that cannot be read or dated is passed over
            // (`verify` reports it); the next is compared with the last
            // one read.
            let Ok(edition) = editions::read(root, n) else {
                continue;
            };
            let Some(date) = editions::date(&edition.manifest) else {
                continue;
            };
            if until.is_some_and(|u| date.first_day() > u.first_day()) {
                break;
            }
            let files = instrument_files(edition.manifest);
            if let Some((previous, old)) = &before {
                for (id, (path, sha256)) in &files {
                    let Some((old_path, old_sha256)) = old.get(id) else {
                        continue;
                    };
                    if old_sha256 != sha256
                        && let (Some(a), Some(b)) = (
                            archived(root, *previous, old_path, old_sha256),
                            archived(root, n, path, sha256),
                        )
                    {
                        found.compare(&a, &b, date);
                    }
                }
            }
            before = Some((n, files));
        }
        (found, before)
    }

    /// The instant a feed gives `e`: its date, or the later date of the
    /// edition that corrected it.
    pub fn updated(&self, e: &Event<'_>) -> PartialDate {
        match self.0.get(&e.key) {
            Some(&d) if d.first_day() > e.date.first_day() => d,
            _ => e.date,
        }
    }

    /// Records, as of `date`, every act of `new` that reads otherwise in
    /// `old`.
    fn compare(&mut self, old: &Instrument, new: &Instrument, date: PartialDate) {
        let new_events = events::of(new);
        let old_events = events::of(old);
        let old_readings: HashMap<&str, String> = old_events
            .iter()
            .map(|e| (e.key.as_str(), reading(e)))
            .collect();
        // An earlier act whose key is gone: a new key beside it is that
        // act corrected (in date, party or action), not an act recorded.
        let gone = old_events
            .iter()
            .any(|o| !new_events.iter().any(|e| e.key == o.key));
        for e in &new_events {
            let changed = match old_readings.get(e.key.as_str()) {
                Some(before) => *before != reading(e),
                None => gone,
            };
            if changed {
                self.0.insert(e.key.clone(), date);
            }
        }
    }
}

/// An edition's instrument files, from its manifest.
fn instrument_files(manifest: crate::audit::manifest::Manifest) -> Files {
    manifest
        .files
        .into_iter()
        .filter(|f| f.role == Role::Instrument)
        .filter_map(|f| Some((f.id?, (f.path, f.sha256))))
        .collect()
}

/// What the cache of the editions' revisions is good for: every edition's
/// number and manifest digest, the day the build is as of, if past, and
/// the tool's version.
fn cache_key(root: &Path, numbers: &[u32], until: Option<PartialDate>, stat: &StatCache) -> String {
    // The tool's version too: how acts are keyed and compared may change.
    let mut key = format!(
        "{} {}",
        env!("CARGO_PKG_VERSION"),
        until.map_or_else(|| "today".to_owned(), |d| d.to_string())
    );
    for &n in numbers {
        let manifest = root.join(editions::rel(n, crate::audit::manifest::JSON_FILE));
        let digest = stat.sha256(&manifest).unwrap_or_default();
        key.push_str(&format!(" {n}:{digest}"));
    }
    key
}

/// The revisions and the latest edition read, as saved for `key`.
fn load(root: &Path, key: &str) -> Option<(Revisions, Option<u32>)> {
    let text = std::fs::read_to_string(root.join(CACHE)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) || lines.next()?.strip_prefix("key ") != Some(key) {
        return None;
    }
    let latest = match lines.next()?.strip_prefix("latest ")? {
        "-" => None,
        n => Some(n.parse().ok()?),
    };
    let mut found = Revisions::default();
    for line in lines {
        let (date, event) = line.split_once(' ')?;
        found
            .0
            .insert(event.to_owned(), PartialDate::parse(date).ok()?);
    }
    Some((found, latest))
}

fn save(root: &Path, key: &str, found: &Revisions, latest: Option<u32>) {
    let mut lines: Vec<String> = found.0.iter().map(|(k, d)| format!("{d} {k}")).collect();
    lines.sort_unstable();
    let latest = latest.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let mut text = format!("{HEADER}\nkey {key}\nlatest {latest}\n");
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    crate::support::cache_file::save(&root.join(CACHE), &text);
}

/// An event as compared: every field of the act or registration.
fn reading(e: &Event<'_>) -> String {
    match e.what {
        What::Act(a) => serde_json::to_string(a),
        What::Registration(r) => serde_json::to_string(r),
    }
    .unwrap_or_default()
}

/// Instrument file `path` as edition `number` published it (the archived
/// copy with the digest its manifest gives, so a missing copy is never
/// stood in for by an older one), decoded.
fn archived(root: &Path, number: u32, path: &str, sha256: &str) -> Option<Instrument> {
    let text = editions::signed_source(root, number, path, sha256)?;
    changes::decode(path, &text)
}

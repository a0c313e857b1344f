//! When each act was last corrected, for the feeds' `updated`: an act's
//! `updated` is its own date, unless a later edition changed it — then the
//! date of the edition that carried the change (the contract's "edition
//! date for changes"), so that a reader of the feed is told of a corrected
//! reference or effective date, not only of new acts.
//!
//! Worked out from the archive alone, with no state of its own: the
//! editions are compared in turn (only the files whose digests differ are
//! decoded), and today's register with the latest edition, a change since
//! which is dated `as_of` (the date the next edition will bear). An act is
//! changed when an act of the same key reads differently, or when it has
//! a new key where the earlier text had an act of the same party and
//! action that is gone (its date was corrected). An act recorded anew is
//! not a change: its `updated` is its date.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::audit::editions;
use crate::audit::inputs::Role;
use crate::publish::changes;
use crate::publish::events::{self, Event, What};
use crate::register::date::PartialDate;
use crate::register::model::{Instrument, Register};

/// The date each corrected act (by [`events`] key) was last changed on.
#[derive(Debug, Default)]
pub struct Revisions(HashMap<String, PartialDate>);

/// An edition's instrument files: id → (path, SHA-256).
type Files = BTreeMap<String, (String, String)>;

impl Revisions {
    /// The corrections the archive under `root` and `register` (today's
    /// text) show; none without an archive.
    pub fn of(root: &Path, register: &Register) -> Revisions {
        let mut found = Revisions::default();
        let mut before: Option<(u32, Files)> = None;
        for n in editions::numbers(root).unwrap_or_default() {
            // An edition that cannot be read or dated is passed over
            // (`verify` reports it); the next is compared with the last
            // one read.
            let Ok(archived) = editions::read(root, n) else {
                continue;
            };
            let Some(date) = editions::date(&archived.manifest) else {
                continue;
            };
            let files: Files = archived
                .manifest
                .files
                .into_iter()
                .filter(|f| f.role == Role::Instrument)
                .filter_map(|f| Some((f.id?, (f.path, f.sha256))))
                .collect();
            if let Some((previous, old)) = &before {
                for (id, (path, sha256)) in &files {
                    let Some((old_path, old_sha256)) = old.get(id) else {
                        continue;
                    };
                    if old_sha256 != sha256
                        && let (Some(a), Some(b)) = (
                            archived_text(root, *previous, old_path),
                            archived_text(root, n, path),
                        )
                    {
                        found.compare(&a, &b, date);
                    }
                }
            }
            before = Some((n, files));
        }
        if let Some((latest, old)) = before {
            for i in &register.instruments {
                if let Some((path, sha256)) = old.get(&i.id.value)
                    && *sha256 != i.sha256
                    && let Some(a) = archived_text(root, latest, path)
                {
                    found.compare(&a, i, register.meta.as_of);
                }
            }
        }
        found
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
        // The party and action of each earlier act whose key is gone.
        let gone: Vec<(Option<&str>, &str)> = old_events
            .iter()
            .filter(|o| !new_events.iter().any(|e| e.key == o.key))
            .map(|o| (o.party(), o.keyword()))
            .collect();
        for e in &new_events {
            let changed = match old_readings.get(e.key.as_str()) {
                Some(before) => *before != reading(e),
                None => gone.contains(&(e.party(), e.keyword())),
            };
            if changed {
                self.0.insert(e.key.clone(), date);
            }
        }
    }
}

/// An event as compared: every field of the act or registration.
fn reading(e: &Event<'_>) -> String {
    match e.what {
        What::Act(a) => serde_json::to_string(a),
        What::Registration(r) => serde_json::to_string(r),
    }
    .unwrap_or_default()
}

/// Instrument file `path` as edition `number` archived it, decoded.
fn archived_text(root: &Path, number: u32, path: &str) -> Option<Instrument> {
    let text = editions::source_text(root, number, path)?;
    changes::decode(path, &text)
}

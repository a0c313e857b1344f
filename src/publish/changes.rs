//! What changed since the previous edition: instruments added, removed,
//! withdrawn (with the reason), and changed with the fields and acts that
//! changed, for the PDF's "Changes since edition N−1".
//!
//! The previous edition's instrument files are known by their digests in
//! its manifest; the text of a changed one is recovered from the archive
//! (`editions/NNNN/sources/`, [`crate::audit::editions::source_text`]) and
//! decoded with the same rules as today's, so fields are compared as
//! values, not as lines of YAML: re-wrapping a title is not a change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use crate::args;
use crate::audit::editions::{self, Archived};
use crate::audit::inputs::{InputFile, Role};
use crate::publish::locale::Locale;
use crate::register::date::PartialDate;
use crate::register::load;
use crate::register::model::{Action, Instrument, Register};

/// One instrument's change.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Change {
    /// `added`, `removed`, `withdrawn`, `changed`, or `general` for what
    /// is not an instrument (metadata, templates, attachments, signers).
    pub kind: String,
    pub id: String,
    pub title: String,
    /// For `changed` and `general`: what changed.
    pub details: Vec<Detail>,
}

/// What changed, as data (in build.json and the edition's plan); each
/// edition words it in its language ([`Detail::words`]).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum Detail {
    /// A field of the entry, by its name in the files (`in_force`).
    Field {
        field: String,
    },
    NewAct(ActRef),
    ActRemoved(ActRef),
    /// Why and when a newly withdrawn entry was withdrawn.
    Withdrawn {
        date: String,
        reason: String,
    },
    /// The file changed, no field did (layout, comments).
    TextOnly,
    /// The entry's earlier text is not in the archive.
    NotArchived,
    Metadata,
    Attachments,
    Templates,
    Signers,
    /// The project's message catalogues (`locales/`).
    Catalogues,
}

/// An act, by party code, action keyword and ISO date.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ActRef {
    pub party: String,
    pub action: String,
    pub date: String,
}

impl Detail {
    /// As the edition's language words it: "new act: Kazakhstan:
    /// ratification, 20 November 2024", "title".
    pub fn words(&self, loc: &Locale) -> String {
        let act = |id: &str, a: &ActRef| {
            let date = PartialDate::parse(&a.date).map_or_else(|_| a.date.clone(), |d| loc.date(d));
            loc.fill(
                id,
                &args!(
                    state = loc.state(&a.party),
                    action = loc.keyword("action", &a.action),
                    date = date
                ),
            )
        };
        match self {
            Detail::Field { field } => {
                loc.fill("change-field", &args!(field = field.replace('_', "-")))
            }
            Detail::NewAct(a) => act("change-new-act", a),
            Detail::ActRemoved(a) => act("change-act-removed", a),
            Detail::Withdrawn { date, reason } => {
                let date = PartialDate::parse(date).map_or_else(|_| date.clone(), |d| loc.date(d));
                loc.fill(
                    "change-withdrawn-reason",
                    &args!(date = date, reason = reason.clone()),
                )
            }
            Detail::TextOnly => loc.text("change-text-only"),
            Detail::NotArchived => loc.text("change-not-archived"),
            Detail::Metadata => loc.text("change-metadata"),
            Detail::Attachments => loc.text("change-attachments"),
            Detail::Templates => loc.text("change-templates"),
            Detail::Signers => loc.text("change-signers"),
            Detail::Catalogues => loc.text("change-catalogues"),
        }
    }
}

/// The changes from edition `previous` to `register`, whose input files
/// (register and templates) are `files`; by id.
pub fn since(
    root: &Path,
    previous: &Archived,
    register: &Register,
    files: &[InputFile],
) -> Vec<Change> {
    let before: BTreeMap<&str, (&str, &str)> = previous
        .manifest
        .files
        .iter()
        .filter(|f| f.role == Role::Instrument)
        .filter_map(|f| Some((f.id.as_deref()?, (f.path.as_str(), f.sha256.as_str()))))
        .collect();
    let mut changes = Vec::new();
    let now: BTreeSet<&str> = register
        .instruments
        .iter()
        .map(|i| i.id.value.as_str())
        .collect();
    for i in &register.instruments {
        let change = match before.get(i.id.value.as_str()) {
            _ if i.is_withdrawn() => {
                withdrawn(root, previous.number, before.get(i.id.value.as_str()), i)
            }
            None => Some(change("added", i, Vec::new())),
            Some((_, sha)) if *sha == i.sha256 => None,
            Some((path, _)) => Some(change(
                "changed",
                i,
                changed(root, previous.number, path, i),
            )),
        };
        changes.extend(change);
    }
    for (id, (path, _)) in &before {
        if !now.contains(id) {
            let title = editions::source_text(root, previous.number, path)
                .and_then(|text| decode(path, &text))
                .map_or_else(String::new, |old| flat(&old.title));
            changes.push(Change {
                kind: "removed".into(),
                id: (*id).to_owned(),
                title,
                details: Vec::new(),
            });
        }
    }
    changes.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(general) = general(previous, files) {
        changes.insert(0, general);
    }
    changes
}

fn change(kind: &'static str, i: &Instrument, details: Vec<Detail>) -> Change {
    Change {
        kind: kind.to_owned(),
        id: i.id.value.clone(),
        title: flat(&i.title),
        details,
    }
}

/// A withdrawn entry's change: `withdrawn` (with the day and the reason)
/// when the previous edition did not have it withdrawn, else none — it is
/// in no body to show a change in. `before` is its file in that edition.
fn withdrawn(
    root: &Path,
    previous: u32,
    before: Option<&(&str, &str)>,
    i: &Instrument,
) -> Option<Change> {
    let w = i.withdrawn.as_ref()?;
    let was_withdrawn = before.is_some_and(|(path, sha)| {
        *sha == i.sha256
            || editions::source_text(root, previous, path)
                .and_then(|t| decode(path, &t))
                .is_some_and(|old| old.is_withdrawn())
    });
    (!was_withdrawn).then(|| {
        change(
            "withdrawn",
            i,
            vec![Detail::Withdrawn {
                date: w.date.to_string(),
                reason: flat(&w.reason),
            }],
        )
    })
}

/// Whether anything but the instruments changed: `register.yaml`, the
/// attachments or the templates.
fn general(previous: &Archived, files: &[InputFile]) -> Option<Change> {
    let before: BTreeMap<&str, &str> = previous
        .manifest
        .files
        .iter()
        .filter(|f| f.role != Role::Output && f.role != Role::Instrument)
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let after: BTreeMap<&str, &str> = files
        .iter()
        .filter(|f| f.role != Role::Output && f.role != Role::Instrument)
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let mut details = Vec::new();
    for (role, what) in [
        (Role::Metadata, Detail::Metadata),
        (Role::Attachment, Detail::Attachments),
        (Role::Template, Detail::Templates),
        (Role::Catalogue, Detail::Catalogues),
        (Role::Signers, Detail::Signers),
    ] {
        let of = |m: &BTreeMap<&str, &str>, list: &[InputFile]| -> Vec<(String, String)> {
            list.iter()
                .filter(|f| f.role == role)
                .filter_map(|f| {
                    m.get(f.path.as_str())
                        .map(|s| (f.path.clone(), (*s).to_owned()))
                })
                .collect()
        };
        if of(&before, &previous.manifest.files) != of(&after, files) {
            details.push(what);
        }
    }
    (!details.is_empty()).then(|| Change {
        kind: "general".into(),
        id: String::new(),
        title: String::new(),
        details,
    })
}

/// An instrument file's text decoded with today's rules; `None` where it no
/// longer decodes.
pub(crate) fn decode(path: &str, text: &str) -> Option<Instrument> {
    let mut diags = Vec::new();
    load::parse_instrument(Path::new(path), text, &mut diags)
}

/// The fields and acts of `now` that differ from the previous edition's.
fn changed(root: &Path, previous: u32, path: &str, now: &Instrument) -> Vec<Detail> {
    let Some(old) = editions::source_text(root, previous, path).and_then(|t| decode(path, &t))
    else {
        return vec![Detail::NotArchived];
    };
    let as_map = |i: &Instrument| match serde_json::to_value(i) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    let (a, b) = (as_map(&old), as_map(now));
    let keys: BTreeSet<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| *k != "actions")
        .collect();
    let mut details: Vec<Detail> = keys
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| Detail::Field { field: k.clone() })
        .collect();
    let acts = |i: &Instrument| -> Vec<(String, ActRef)> {
        i.actions
            .iter()
            .map(|a| (serde_json::to_string(a).unwrap_or_default(), act(a)))
            .collect()
    };
    let (before, after) = (acts(&old), acts(now));
    for (key, act) in &after {
        if !before.iter().any(|(k, _)| k == key) {
            details.push(Detail::NewAct(act.clone()));
        }
    }
    for (key, act) in &before {
        if !after.iter().any(|(k, _)| k == key) {
            details.push(Detail::ActRemoved(act.clone()));
        }
    }
    if details.is_empty() {
        details.push(Detail::TextOnly);
    }
    details
}

fn act(a: &Action) -> ActRef {
    ActRef {
        party: a.party.value.clone(),
        action: a.action.as_str().to_owned(),
        date: a.date.value.to_string(),
    }
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "1 instrument added, 2 changed": each kind of change counted apart, in
/// the order the edition's PDF lists them, for `publish` to say; the
/// register's own texts ("general") are not an instrument.
pub fn counted(changes: &[Change]) -> String {
    let counts: Vec<(usize, &str)> = ["added", "changed", "withdrawn", "removed"]
        .into_iter()
        .map(|kind| (changes.iter().filter(|c| c.kind == kind).count(), kind))
        .filter(|(n, _)| *n > 0)
        .collect();
    let Some(((n, kind), rest)) = counts.split_first() else {
        return if changes.iter().any(|c| c.kind == "general") {
            "the register's own texts changed".to_owned()
        } else {
            "no instrument changed (the templates did)".to_owned()
        };
    };
    let noun = if *n == 1 { "instrument" } else { "instruments" };
    let mut text = format!("{n} {noun} {kind}");
    for (n, kind) in rest {
        text.push_str(&format!(", {n} {kind}"));
    }
    text
}

//! The indexes by party, type and subject: each heading with the entries
//! under it, as page references, or in a register in volumes as one text
//! of volume references.

use std::collections::BTreeMap;

use crate::args;
use crate::publish::locale::Locale;
use crate::register::lifecycle;
use crate::register::model::{Register, Status};

use super::numbering::Numbering;
use super::text::{in_edition, subject};
use super::types::{BodyGroup, EntryRef, Group, PartyIndex, StateContext, Text, VolumeRefs};

/// The indexes of one register, ready for the context.
pub(super) struct Indexes {
    /// Every state that is a party to some entry, by code.
    pub states: Vec<StateContext>,
    pub by_party: Vec<PartyIndex>,
    pub by_type: Vec<Group>,
    pub by_subject: Vec<Group>,
    pub by_status: Vec<Group>,
    pub not_registered: Group,
}

/// Entries under one party: by signing body (`None` where not recorded).
type Bodies = BTreeMap<Option<Text>, Vec<EntryRef>>;

impl Indexes {
    /// Headings in the edition's alphabetical order (states by their name
    /// in its language), statuses in the keywords' order.
    pub(super) fn build(register: &Register, numbering: &Numbering, loc: &Locale) -> Indexes {
        let mut by_state: BTreeMap<&str, Bodies> = BTreeMap::new();
        let mut by_type: BTreeMap<&str, Vec<EntryRef>> = BTreeMap::new();
        let mut by_subject: BTreeMap<&str, Vec<EntryRef>> = BTreeMap::new();
        let mut by_status: BTreeMap<Status, Vec<EntryRef>> = BTreeMap::new();
        let mut not_registered = Vec::new();
        let source = register.meta.language.as_str();
        for i in &register.instruments {
            let status = lifecycle::status(i, register.meta.as_of);
            by_status
                .entry(status)
                .or_default()
                .push(numbering.entry_ref(i));
            if status == Status::InForce && i.registration.is_none() && i.registrable() {
                not_registered.push(numbering.entry_ref(i));
            }
            for p in &i.parties {
                let entries = by_state
                    .entry(p.state.as_str())
                    .or_default()
                    .entry(
                        p.body
                            .as_deref()
                            .map(|b| in_edition(b, &p.bodies, source, loc)),
                    )
                    .or_default();
                // Two parties of one entry may share state and body; entries
                // come in order, so a repeat can only be the last one.
                if entries.last().is_none_or(|e| e.id != i.id.value) {
                    entries.push(numbering.entry_ref(i));
                }
            }
            by_type
                .entry(i.kind.as_str())
                .or_default()
                .push(numbering.entry_ref(i));
            for s in &i.subjects {
                by_subject
                    .entry(s.as_str())
                    .or_default()
                    .push(numbering.entry_ref(i));
            }
        }
        let mut states: Vec<StateContext> = by_state
            .keys()
            .map(|code| StateContext {
                code: (*code).to_owned(),
                name: loc.state(code),
            })
            .collect();
        states.sort_by(|a, b| loc.compare(&a.name, &b.name));
        let mut by_party: Vec<PartyIndex> = by_state
            .into_iter()
            .map(|entry| party_index(entry, loc))
            .collect();
        by_party.sort_by(|a, b| loc.compare(&a.state_name, &b.state_name));
        let mut by_type: Vec<Group> = by_type
            .into_iter()
            .map(|(t, e)| group((loc.keyword("type", t), e), loc))
            .collect();
        by_type.sort_by(|a, b| loc.compare(&a.heading, &b.heading));
        let mut by_subject: Vec<Group> = by_subject
            .into_iter()
            .map(|(s, e)| match subject(s, &register.meta, loc) {
                Text::In { text, lang } => Group {
                    lang: Some(lang),
                    ..group((text, e), loc)
                },
                label => group((label.plain(), e), loc),
            })
            .collect();
        by_subject.sort_by(|a, b| loc.compare(&a.heading, &b.heading));
        Indexes {
            states,
            by_party,
            by_type,
            by_subject,
            by_status: by_status
                .into_iter()
                .map(|(s, e)| group((capitalize(&loc.keyword("status", s.as_str())), e), loc))
                .collect(),
            not_registered: group((String::new(), not_registered), loc),
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn party_index((state, bodies): (&str, Bodies), loc: &Locale) -> PartyIndex {
    let mut bodies: Vec<BodyGroup> = bodies
        .into_iter()
        .map(|(body, entries)| {
            let (entries, volumes) = by_volume(entries, loc);
            BodyGroup {
                body,
                entries,
                volumes,
            }
        })
        .collect();
    // Bodies in alphabetical order; entries whose body is not recorded last.
    bodies.sort_by(|a, b| match (&a.body, &b.body) {
        (Some(x), Some(y)) => loc.compare(&x.plain(), &y.plain()),
        (x, y) => x.is_some().cmp(&y.is_some()),
    });
    PartyIndex {
        state: state.to_owned(),
        state_name: loc.state(state),
        bodies,
    }
}

fn group((heading, entries): (String, Vec<EntryRef>), loc: &Locale) -> Group {
    let (entries, volumes) = by_volume(entries, loc);
    Group {
        heading,
        lang: None,
        entries,
        volumes,
    }
}

/// For a register in volumes, index references become one text per
/// volume ("No. 4 (KZ-UZ-2024-004); No. 9 (…)"), each a paragraph of its
/// own: typst sets a string far faster than thousands of small pieces, and
/// a paragraph of a hundred thousand references would take it gigabytes.
fn by_volume(entries: Vec<EntryRef>, loc: &Locale) -> (Vec<EntryRef>, Vec<VolumeRefs>) {
    if entries.first().is_none_or(|e| e.volume.is_none()) {
        return (entries, Vec::new());
    }
    let mut volumes: Vec<VolumeRefs> = Vec::new();
    for e in &entries {
        let volume = e.volume.unwrap_or(0);
        let reference = loc.fill("entry-ref", &args!(number = e.number, id = e.id.clone()));
        match volumes.last_mut() {
            Some(last) if last.volume == volume => {
                last.text.push_str("; ");
                last.text.push_str(&reference);
            }
            _ => volumes.push(VolumeRefs {
                volume,
                text: reference,
            }),
        }
    }
    (Vec::new(), volumes)
}

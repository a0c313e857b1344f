//! The indexes by party, type and subject: each heading with the entries
//! under it, as page references, or in a register in volumes as one text
//! of volume references.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::register::codes;
use crate::register::lifecycle;
use crate::register::model::{Register, Status};

use super::context::{BodyGroup, EntryRef, Group, Numbering, PartyIndex, StateContext, flat};

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
type Bodies = BTreeMap<Option<String>, Vec<EntryRef>>;

impl Indexes {
    pub(super) fn build(register: &Register, numbering: &Numbering) -> Indexes {
        let mut by_state: BTreeMap<&str, Bodies> = BTreeMap::new();
        let mut by_type: BTreeMap<String, Vec<EntryRef>> = BTreeMap::new();
        let mut by_subject: BTreeMap<&str, Vec<EntryRef>> = BTreeMap::new();
        let mut by_status: BTreeMap<Status, Vec<EntryRef>> = BTreeMap::new();
        let mut not_registered = Vec::new();
        for i in &register.instruments {
            let status = lifecycle::status(i, register.meta.as_of);
            by_status
                .entry(status)
                .or_default()
                .push(numbering.entry_ref(i));
            if status == Status::InForce && i.registration.is_none() {
                not_registered.push(numbering.entry_ref(i));
            }
            for p in &i.parties {
                let entries = by_state
                    .entry(p.state.as_str())
                    .or_default()
                    .entry(p.body.as_deref().map(flat))
                    .or_default();
                // Two parties of one entry may share state and body; entries
                // come in order, so a repeat can only be the last one.
                if entries.last().is_none_or(|e| e.id != i.id.value) {
                    entries.push(numbering.entry_ref(i));
                }
            }
            by_type
                .entry(i.kind.label())
                .or_default()
                .push(numbering.entry_ref(i));
            for s in &i.subjects {
                by_subject
                    .entry(s.as_str())
                    .or_default()
                    .push(numbering.entry_ref(i));
            }
        }
        Indexes {
            states: by_state.keys().map(|code| state(code)).collect(),
            by_party: by_state.into_iter().map(party_index).collect(),
            by_type: by_type.into_iter().map(group).collect(),
            by_subject: by_subject
                .into_iter()
                .map(|(s, e)| group((s.to_owned(), e)))
                .collect(),
            by_status: by_status
                .into_iter()
                .map(|(s, e)| group((capitalize(&s.label()), e)))
                .collect(),
            not_registered: group((String::new(), not_registered)),
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn state(code: &str) -> StateContext {
    StateContext {
        code: code.to_owned(),
        name: codes::country_name(code).unwrap_or(code).to_owned(),
    }
}

fn party_index((state, bodies): (&str, Bodies)) -> PartyIndex {
    PartyIndex {
        state: state.to_owned(),
        state_name: codes::country_name(state).unwrap_or(state).to_owned(),
        bodies: bodies
            .into_iter()
            .map(|(body, entries)| {
                let (entries, text) = by_volume(entries);
                BodyGroup {
                    body,
                    entries,
                    text,
                }
            })
            .collect(),
    }
}

fn group((heading, entries): (String, Vec<EntryRef>)) -> Group {
    let (entries, text) = by_volume(entries);
    Group {
        heading,
        entries,
        text,
    }
}

/// For a register in volumes, index references become one text.
fn by_volume(entries: Vec<EntryRef>) -> (Vec<EntryRef>, Option<String>) {
    if entries.first().is_none_or(|e| e.volume.is_none()) {
        return (entries, None);
    }
    let mut text = String::with_capacity(entries.len() * 32);
    for (n, e) in entries.iter().enumerate() {
        if n > 0 {
            text.push_str("; ");
        }
        let _ = write!(
            text,
            "No.\u{a0}{} ({}), vol.\u{a0}{}",
            e.number,
            e.id,
            e.volume.unwrap_or(0)
        );
    }
    (Vec::new(), Some(text))
}

//! One entry of the register as the templates see it: every field as
//! printable text, dates written out, state and language codes named.

use std::fmt::Write as _;

use crate::register::codes;
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::{
    Instrument, NOT_RECORDED, Register, Relation, Signatory, Source, Status, Target,
};

use super::acts;
use super::context::{
    FileContext, InstrumentContext, Numbering, OtherTitle, PartyContext, RelationContext, anchor,
    flat,
};

/// The context of entry `i`; `file_sha` gives the digest of a published
/// file by its project path.
pub(super) fn instrument_context(
    i: &Instrument,
    register: &Register,
    numbering: &Numbering,
    file_sha: &impl Fn(&str) -> String,
) -> InstrumentContext {
    let id = i.id.value.as_str();
    let as_of = register.meta.as_of;
    let status = lifecycle::status(i, as_of);
    let adopted = status == Status::Adopted;
    let participants = acts::participants(i, as_of);
    InstrumentContext {
        number: numbering.number(id),
        volume: numbering.volume(id),
        id: id.to_owned(),
        anchor: anchor(id),
        title: flat(&i.title),
        titles: i
            .titles
            .iter()
            .map(|(lang, title)| OtherTitle {
                language: codes::language_name(lang).unwrap_or(lang).to_owned(),
                code: lang.clone(),
                title: flat(title),
            })
            .collect(),
        kind: i.kind.label(),
        level: i.level.map(|l| l.label()),
        party_codes: i
            .parties
            .iter()
            .map(|p| p.state.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        parties: i
            .parties
            .iter()
            .map(|p| PartyContext {
                state: p.state.clone(),
                state_name: codes::country_name(&p.state).unwrap_or(&p.state).to_owned(),
                body: p.body.as_deref().map(flat),
            })
            .collect(),
        date_label: if adopted { "Adopted on" } else { "Signed on" },
        place_label: if adopted { "Adopted at" } else { "Signed at" },
        depositary: i.depositary.as_deref().map(acts::depositary_name),
        participant_lines: if participants.len() <= 2 {
            participants.iter().map(acts::participant_line).collect()
        } else {
            Vec::new()
        },
        participants,
        statements: acts::statements(i),
        registration: acts::registration(i),
        acts: acts::acts(i),
        status_keyword: status.as_str(),
        language_codes: i.languages.clone(),
        signed_on: i.signed.date.long(),
        signed_on_iso: i.signed.date.to_string(),
        signed_at: i.signed.place.as_deref().map(flat),
        signatories: i.signed.signatories.iter().map(signatory).collect(),
        status: status.label(),
        in_force: in_force(i),
        term: term(i),
        relations: i
            .relations
            .iter()
            .map(|r| relation(r, id, register, numbering))
            .collect(),
        subjects: i.subjects.clone(),
        languages: i
            .languages
            .iter()
            .map(|l| codes::language_name(l).unwrap_or(l).to_owned())
            .collect(),
        sources: i.sources.iter().map(source).collect(),
        notes: i.notes.as_deref().map(flat),
        files: i
            .files
            .iter()
            .map(|f| {
                let path = format!("register/{}", f.path.value);
                FileContext {
                    sha256: file_sha(&path),
                    path,
                    description: f.description.as_deref().map(flat),
                }
            })
            .collect(),
        path: i.path.to_string_lossy().replace('\\', "/"),
        sha256: i.sha256.clone(),
    }
}

/// "Name, office".
fn signatory(s: &Signatory) -> String {
    let mut text = flat(&s.name);
    if let Some(office) = &s.office {
        let _ = write!(text, ", {}", flat(office));
    }
    text
}

/// "1 September 2024 (note)", the date "not recorded" when only a note is.
fn in_force(i: &Instrument) -> Option<String> {
    i.in_force.as_ref().map(|f| {
        let date = f.date.map_or_else(|| NOT_RECORDED.to_owned(), |d| d.long());
        match &f.note {
            Some(note) => format!("{date} ({})", flat(note)),
            None => date,
        }
    })
}

/// "1 January 2025 to 31 December 2027", either end "not recorded".
fn term(i: &Instrument) -> Option<String> {
    let long =
        |date: Option<PartialDate>| date.map_or_else(|| NOT_RECORDED.to_owned(), |d| d.long());
    i.term
        .as_ref()
        .map(|t| format!("{} to {}", long(t.from), long(t.to)))
}

/// The relation as a sentence: "Amends the Agreement … of 20 March 2006."
fn relation(
    r: &Relation,
    own_id: &str,
    register: &Register,
    numbering: &Numbering,
) -> RelationContext {
    let verb = capitalize(r.kind.as_str());
    match &r.target {
        Target::Id(id) => {
            let own_volume = numbering.volume(own_id);
            // Another volume is named.
            let elsewhere = numbering
                .volume(&id.value)
                .filter(|v| Some(*v) != own_volume);
            let where_ = match elsewhere {
                Some(v) => format!("{}, vol. {v}", id.value),
                None => id.value.clone(),
            };
            let text = match register.get(&id.value) {
                Some(t) => format!(
                    "{verb} the {} ({where_}) of {}.",
                    flat(&t.title),
                    t.signed.date.long()
                ),
                None => format!("{verb} {where_}."),
            };
            RelationContext {
                target: register.get(&id.value).map(|_| id.value.clone()),
                text,
                // Only a register in one PDF links its relations: in a
                // volume, links to entries make typst lay the whole
                // volume out again, for about a fifth of its time
                // (docs/performance.md).
                anchor: own_volume.is_none().then(|| anchor(&id.value)),
            }
        }
        Target::External { title, date } => RelationContext {
            text: format!("{verb} the {} of {}.", flat(title), date.long()),
            anchor: None,
            target: None,
        },
    }
}

/// "“Headline”, publisher, date, url. Note"
fn source(s: &Source) -> String {
    let mut text = format!("“{}”", flat(&s.title));
    if let Some(p) = &s.publisher {
        let _ = write!(text, ", {}", flat(p));
    }
    if let Some(d) = s.date {
        let _ = write!(text, ", {}", d.long());
    }
    if let Some(u) = &s.url {
        let _ = write!(text, ", {}", u.trim());
    }
    text.push('.');
    if let Some(n) = &s.note {
        let _ = write!(text, " {}", flat(n));
    }
    text
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

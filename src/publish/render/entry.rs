//! One entry of the register as the templates see it: every field as
//! printable text, dates written out, state and language codes named.

use std::fmt::Write as _;

use crate::args;
use crate::publish::locale::Locale;
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::{
    InferredField, Instrument, Register, Relation, Signatory, Source, Status, Target,
};

use super::acts;
use super::numbering::{Numbering, anchor};
use super::text::{RECORDED, around, flat, in_edition, marked, signatory, subject};
use super::types::{
    FileContext, InferredContext, InstrumentContext, OtherTitle, PartyContext, RelationContext,
    Text,
};

/// The context of entry `i`; `file_sha` gives the digest of a published
/// file by its project path.
pub(super) fn instrument_context(
    i: &Instrument,
    register: &Register,
    numbering: &Numbering,
    file_sha: &impl Fn(&str) -> String,
    loc: &Locale,
) -> InstrumentContext {
    let id = i.id.value.as_str();
    let as_of = register.meta.as_of;
    let status = lifecycle::status(i, as_of);
    let adopted = status == Status::Adopted;
    let source_language = register.meta.language.as_str();
    let participants = acts::participants(i, (as_of, source_language), loc);
    // In a translation, the title in its language where there is one; the
    // original is then listed with the other titles.
    let translated = (loc.code() != source_language)
        .then(|| i.titles.get(loc.code()))
        .flatten();
    InstrumentContext {
        number: numbering.number(id),
        volume: numbering.volume(id),
        id: id.to_owned(),
        anchor: anchor(id),
        title: flat(translated.unwrap_or(&i.title)),
        title_language: match translated {
            Some(_) => loc.code().to_owned(),
            None => source_language.to_owned(),
        },
        untranslated: loc.code() != source_language && translated.is_none(),
        titles: other_titles(i, source_language, translated.is_some(), loc),
        kind: loc.keyword("type", i.kind.as_str()),
        level: level(i, loc),
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
                state_name: loc.state(&p.state),
                body: p
                    .body
                    .as_deref()
                    .map(|b| in_edition(b, &p.bodies, source_language, loc)),
            })
            .collect(),
        date_label: loc.text(if adopted {
            "field-adopted-on"
        } else {
            "field-signed-on"
        }),
        place_label: loc.text(if adopted {
            "field-adopted-at"
        } else {
            "field-signed-at"
        }),
        depositary: i
            .depositary
            .as_deref()
            .map(|d| acts::depositary_name(d, loc)),
        // Signatories for a party stand in the participants table.
        signatories_in_table: !participants.is_empty()
            && i.signed.signatories.iter().any(|s| signs_for_a_party(i, s)),
        signatories: i
            .signed
            .signatories
            .iter()
            .map(|s| signatory(s, source_language, loc))
            .collect(),
        signatories_apart: i
            .signed
            .signatories
            .iter()
            .filter(|s| participants.is_empty() || !signs_for_a_party(i, s))
            .map(|s| signatory(s, source_language, loc))
            .collect(),
        participant_widths: acts::participant_widths(&participants, loc),
        participants,
        statements: acts::statements(i, source_language, loc),
        act_notes: acts::act_notes(i, source_language, loc),
        registration: acts::registration(i, loc),
        registration_number: i.registration.as_ref().map(|r| r.number.clone()),
        acts: acts::acts(i, loc),
        status_keyword: status.as_str(),
        language_codes: i.languages.clone(),
        signed_on: signed_on(i, loc),
        signed_on_iso: i.signed.date.to_string(),
        signed_at: signed_at(i, source_language, loc),
        status: loc.keyword("status", status.as_str()),
        in_force: in_force(i, source_language, loc),
        in_force_later: i.in_force_later,
        term: term(i, loc),
        relations: i
            .relations
            .iter()
            .map(|r| relation(r, id, register, numbering, loc))
            .collect(),
        subjects: i
            .subjects
            .iter()
            .map(|s| subject(s, &register.meta, loc))
            .collect(),
        languages: i.languages.iter().map(|l| loc.language(l)).collect(),
        sources: i.sources.iter().map(|s| source(s, loc)).collect(),
        notes: i
            .notes
            .as_deref()
            .map(|n| in_edition(n, &i.notes_translated, source_language, loc)),
        inferred: inferred(i, (adopted, source_language), loc),
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

/// The titles besides the one shown, each with its language: in a
/// translation that shows `titles.<lang>`, the original is among them.
fn other_titles(
    i: &Instrument,
    source_language: &str,
    translated: bool,
    loc: &Locale,
) -> Vec<OtherTitle> {
    let original = translated.then(|| OtherTitle {
        language: loc.language(source_language),
        code: source_language.to_owned(),
        title: flat(&i.title),
    });
    original
        .into_iter()
        .chain(
            i.titles
                .iter()
                .filter(|(lang, _)| !(translated && lang.as_str() == loc.code()))
                .map(|(lang, title)| OtherTitle {
                    language: loc.language(lang),
                    code: lang.clone(),
                    title: flat(title),
                }),
        )
        .collect()
}

/// The date of signature or adoption, "[8 August 2024]" where inferred.
pub(super) fn signed_on(i: &Instrument, loc: &Locale) -> String {
    let date = loc.date(i.signed.date);
    marked(date, i.is_inferred(InferredField::SignedDate), loc)
}

/// The place of signature or adoption, in the edition's language where
/// translated (`places`), "[Astana]" where inferred.
fn signed_at(i: &Instrument, source: &str, loc: &Locale) -> Option<Text> {
    let place = in_edition(i.signed.place.as_deref()?, &i.places, source, loc);
    let inferred = i.is_inferred(InferredField::SignedPlace);
    Some(place.map(|p| marked(p, inferred, loc)))
}

/// Each inferred value as the entry explains it: what it is, as printed
/// ("date of signature, [8 August 2024]"), and the editors' reason.
fn inferred(i: &Instrument, edition: (bool, &str), loc: &Locale) -> Vec<InferredContext> {
    i.inferred
        .iter()
        .map(|x| InferredContext {
            what: inferred_value(i, x.field.value, edition, loc),
            reason: flat(&x.reason),
        })
        .collect()
}

/// "date of signature, [8 August 2024]", "place of adoption, [Astana]",
/// "level, [interstate]": the value named as the entry's labels name it.
fn inferred_value(
    i: &Instrument,
    field: InferredField,
    (adopted, source): (bool, &str),
    loc: &Locale,
) -> String {
    let (id, value) = match field {
        InferredField::SignedDate if adopted => ("inferred-adopted-date", Some(signed_on(i, loc))),
        InferredField::SignedDate => ("inferred-signed-date", Some(signed_on(i, loc))),
        InferredField::SignedPlace if adopted => (
            "inferred-adopted-place",
            signed_at(i, source, loc).map(|p| p.plain()),
        ),
        InferredField::SignedPlace => (
            "inferred-signed-place",
            signed_at(i, source, loc).map(|p| p.plain()),
        ),
        InferredField::Level => ("inferred-level", level(i, loc)),
    };
    // `check` refuses a mark on an absent value, so there is one.
    loc.fill(id, &args!(value = value.unwrap_or_default()))
}

/// The level as words, "[interstate]" where inferred.
fn level(i: &Instrument, loc: &Locale) -> Option<String> {
    let level = loc.keyword("level", i.level?.as_str());
    Some(marked(level, i.is_inferred(InferredField::Level), loc))
}

/// Whether `s` signed for one of the parties of `i` (the participants
/// table then names them with it).
fn signs_for_a_party(i: &Instrument, s: &Signatory) -> bool {
    s.state
        .as_ref()
        .is_some_and(|st| i.parties.iter().any(|p| p.state == st.value))
}

/// "1 September 2024 (note)", the date "not recorded" when only a note is;
/// where the entry states no date but its parties' acts record the entry
/// into force, that date, marked as taken from the acts.
fn in_force(i: &Instrument, source: &str, loc: &Locale) -> Option<Text> {
    let from_acts = lifecycle::entry_into_force_from_acts(i)
        .map(|d| loc.fill("in-force-from-acts", &args!(date = loc.date(d))));
    let note = i.in_force.as_ref().and_then(|f| f.note.as_deref());
    let date = i
        .in_force
        .as_ref()
        .and_then(|f| f.date)
        .map(|d| loc.date(d))
        .or(from_acts);
    if date.is_none() && note.is_none() {
        return None;
    }
    let date = date.unwrap_or_else(|| loc.text("not-recorded"));
    Some(match note {
        Some(note) => around(&format!("{date} ({RECORDED})"), &flat(note), source, loc),
        None => Text::Original(date),
    })
}

/// "1 January 2025 to 31 December 2027", either end "not recorded".
fn term(i: &Instrument, loc: &Locale) -> Option<String> {
    let long =
        |date: Option<PartialDate>| date.map_or_else(|| loc.text("not-recorded"), |d| loc.date(d));
    i.term
        .as_ref()
        .map(|t| loc.fill("term-from-to", &args!(from = long(t.from), to = long(t.to))))
}

/// The relation as a sentence: "Amends the Agreement … of 20 March 2006."
fn relation(
    r: &Relation,
    own_id: &str,
    register: &Register,
    numbering: &Numbering,
    loc: &Locale,
) -> RelationContext {
    let verb = loc.keyword("relation", r.kind.as_str());
    match &r.target {
        Target::Id(id) => {
            let own_volume = numbering.volume(own_id);
            // Another volume is named.
            let elsewhere = numbering
                .volume(&id.value)
                .filter(|v| Some(*v) != own_volume);
            let where_ = match elsewhere {
                Some(v) => loc.fill("entry-in-volume", &args!(id = id.value.clone(), volume = v)),
                None => id.value.clone(),
            };
            let text = match register.get(&id.value) {
                Some(t) => loc.fill(
                    "relation-to-entry",
                    &args!(
                        relation = verb,
                        title = flat(&t.title),
                        entry = where_,
                        date = signed_on(t, loc)
                    ),
                ),
                None => loc.fill("relation-to-id", &args!(relation = verb, entry = where_)),
            };
            RelationContext {
                target: register.get(&id.value).map(|_| id.value.clone()),
                text,
                // Only a register in one PDF links its relations: in a
                // volume, links to entries make typst lay the whole
                // volume out again, for about a fifth of its time
                // (docs/performance.md).
                // Nor to an entry the view leaves out (withdrawn, or
                // signed after an --as-of date): it has no block to link to.
                anchor: (own_volume.is_none() && register.get(&id.value).is_some())
                    .then(|| anchor(&id.value)),
            }
        }
        Target::External { title, date } => RelationContext {
            text: loc.fill(
                "relation-external",
                &args!(relation = verb, title = flat(title), date = loc.date(*date)),
            ),
            anchor: None,
            target: None,
        },
    }
}

/// "“Headline”, publisher, date, url. Note"
fn source(s: &Source, loc: &Locale) -> String {
    let mut text = loc.fill("quoted", &args!(text = flat(&s.title)));
    if let Some(p) = &s.publisher {
        let _ = write!(text, ", {}", flat(p));
    }
    if let Some(d) = s.date {
        let _ = write!(text, ", {}", loc.date(d));
    }
    if let Some(u) = &s.url {
        let _ = write!(text, ", {}", u.trim());
    }
    // A Russian date ends in "г." already.
    if !text.ends_with('.') {
        text.push('.');
    }
    if let Some(n) = &s.note {
        let _ = write!(text, " {}", flat(n));
    }
    text
}

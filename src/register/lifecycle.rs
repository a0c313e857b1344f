//! The status of an instrument and of each party *as of a date*, derived
//! from the acts recorded under `actions`, and the register as it stood on
//! a date.
//!
//! The rules are the contract's (docs/format.md, "Status"): a party's
//! status comes from its own acts dated on or before the date, the first
//! rule that holds of denounced, in force, provisionally applied,
//! consented, signed; the instrument's from termination, entry into force
//! and provisional application. A date of reduced precision counts as its
//! last day (`2023-06` has happened by 2023-06-30, not before).
//! `adopted`, `expired` and `superseded` are never derived: stated, they
//! stand. An entry without actions keeps its stated status.

use crate::register::date::PartialDate;
use crate::register::model::{
    Action, ActionKind, Instrument, Party, PartyStatus, Register, Status,
};

/// The acts of `instrument` that had happened by `d`.
fn acts_by(instrument: &Instrument, d: PartialDate) -> impl Iterator<Item = &Action> {
    instrument
        .actions
        .iter()
        .filter(move |a| a.date.value.is_by(d))
}

/// Whether `party` had consented to be bound by `d`, and when first.
fn consent_date(instrument: &Instrument, party: &str, d: PartialDate) -> Option<PartialDate> {
    acts_by(instrument, d)
        .filter(|a| a.party.value == party && a.action.is_consent())
        .map(|a| a.date.value)
        .min_by_key(|date| date.last_day())
}

/// The date the instrument entered into force for `party`, if it had by
/// `d`: its own `entry-into-force` act, else the instrument's
/// `in_force.date` when the party had consented on or before it.
pub fn in_force_for(instrument: &Instrument, party: &str, d: PartialDate) -> Option<PartialDate> {
    let own: Vec<PartialDate> = acts_by(instrument, d)
        .filter(|a| a.party.value == party && a.action == ActionKind::EntryIntoForce)
        .map(|a| a.date.value)
        .collect();
    if let Some(first) = own.iter().min_by_key(|date| date.last_day()) {
        return Some(*first);
    }
    let general = general_entry_into_force(instrument).filter(|g| g.is_by(d))?;
    let consent = consent_date(instrument, party, d)?;
    consent.is_by(general).then_some(general)
}

/// The instrument's own `in_force.date`.
pub fn general_entry_into_force(instrument: &Instrument) -> Option<PartialDate> {
    instrument.in_force.as_ref().and_then(|f| f.date)
}

/// The instrument's entry into force as its parties' acts record it, for
/// an entry that states no `in_force.date`: the earliest `entry-into-force`
/// act (for two parties, the one date both record). The register prints it
/// marked as taken from the acts.
pub fn entry_into_force_from_acts(instrument: &Instrument) -> Option<PartialDate> {
    if general_entry_into_force(instrument).is_some() {
        return None;
    }
    instrument
        .actions
        .iter()
        .filter(|a| a.action == ActionKind::EntryIntoForce)
        .map(|a| a.date.value)
        .min_by_key(|date| date.first_day())
}

/// The earliest entry into force recorded in any way: `in_force.date` or
/// any party's `entry-into-force` act.
pub fn first_entry_into_force(instrument: &Instrument) -> Option<PartialDate> {
    let acts = instrument
        .actions
        .iter()
        .filter(|a| a.action == ActionKind::EntryIntoForce)
        .map(|a| a.date.value);
    general_entry_into_force(instrument)
        .into_iter()
        .chain(acts)
        .min_by_key(|date| date.first_day())
}

/// Where `party` stood on `d`; `None` where it had done nothing.
pub fn party_status(instrument: &Instrument, party: &str, d: PartialDate) -> Option<PartyStatus> {
    let own = || acts_by(instrument, d).filter(move |a| a.party.value == party);
    if own().any(|a| a.action.is_exit() && a.takes_effect().is_by(d)) {
        return Some(PartyStatus::Denounced);
    }
    if in_force_for(instrument, party, d).is_some() {
        return Some(PartyStatus::InForce);
    }
    let has = |kind: ActionKind| {
        own().any(|a| {
            a.action == kind
                && (kind != ActionKind::ProvisionalApplication || a.takes_effect().is_by(d))
        })
    };
    if has(ActionKind::ProvisionalApplication) {
        Some(PartyStatus::ProvisionallyApplied)
    } else if own().any(|a| a.action.is_consent()) {
        Some(PartyStatus::Consented)
    } else if has(ActionKind::Signature) {
        Some(PartyStatus::Signed)
    } else {
        None
    }
}

/// When the instrument as a whole ceased to be in force, by `d`: a
/// termination, or a bilateral instrument denounced by one side, taking
/// effect by then.
pub fn terminated_on(instrument: &Instrument, d: PartialDate) -> Option<PartialDate> {
    let bilateral = instrument.parties.len() == 2;
    acts_by(instrument, d)
        .filter(|a| {
            (a.action == ActionKind::Termination || (bilateral && a.action.is_exit()))
                && a.takes_effect().is_by(d)
        })
        .map(|a| a.takes_effect())
        .min_by_key(|date| date.first_day())
}

/// The instrument's status as derived from its acts on `d`, whatever it
/// states. Meaningful only for an entry with actions.
pub fn derived_status(instrument: &Instrument, d: PartialDate) -> Status {
    let acts = || acts_by(instrument, d);
    if terminated_on(instrument, d).is_some() {
        Status::Terminated
    } else if general_entry_into_force(instrument).is_some_and(|g| g.is_by(d))
        || acts().any(|a| a.action == ActionKind::EntryIntoForce)
    {
        Status::InForce
    } else if acts()
        .any(|a| a.action == ActionKind::ProvisionalApplication && a.takes_effect().is_by(d))
    {
        Status::ProvisionallyApplied
    } else {
        Status::Signed
    }
}

/// Whether a stated status stands as stated (never derived, never compared).
pub fn never_derived(status: Status) -> bool {
    matches!(
        status,
        Status::Adopted | Status::Expired | Status::Superseded
    )
}

/// The instrument's status on `d`: stated where it is never derived or
/// where no acts are recorded; otherwise derived.
pub fn status(instrument: &Instrument, d: PartialDate) -> Status {
    let stated = instrument.status.as_ref().map(|s| s.value);
    match stated {
        Some(s) if never_derived(s) => s,
        Some(s) if instrument.actions.is_empty() => {
            // As of a date before a stated entry into force, it was not yet
            // in force: the view as of that date has no `in_force` either.
            let later = general_entry_into_force(instrument).is_some_and(|g| !g.is_by(d));
            if s == Status::InForce && later {
                Status::Signed
            } else {
                s
            }
        }
        _ => derived_status(instrument, d),
    }
}

/// Each party of the instrument with its status on `d`, in file order.
pub fn parties(instrument: &Instrument, d: PartialDate) -> Vec<(&Party, Option<PartyStatus>)> {
    instrument
        .parties
        .iter()
        .map(|p| (p, party_status(instrument, &p.state, d)))
        .collect()
}

/// The register as it stood on `d` (a full date): instruments signed after
/// `d` left out, and acts, entry into force and registration dated after
/// it removed; `as_of` becomes `d`. Relations to entries left out stay as
/// ids (they name instruments that existed later).
pub fn as_of(register: &Register, d: PartialDate) -> Register {
    let instruments = register
        .instruments
        .iter()
        .enumerate()
        .filter(|(_, i)| i.signed.date.is_by(d))
        .map(|(n, i)| Instrument {
            number_in_register: Some(i.number_in_register.unwrap_or(n + 1)),
            ..instrument_as_of(i, d)
        })
        .collect();
    let mut meta = register.meta.clone();
    meta.as_of = d;
    Register {
        meta,
        meta_sha256: register.meta_sha256.clone(),
        instruments,
    }
}

fn instrument_as_of(original: &Instrument, d: PartialDate) -> Instrument {
    let status_then = status(original, d);
    let mut i = original.clone();
    i.actions.retain(|a| a.date.value.is_by(d));
    if let Some(f) = &mut i.in_force
        && f.date.is_some_and(|date| !date.is_by(d))
    {
        // The date had not come; a note alone may still say something.
        f.date = None;
        i.in_force_later = true;
        if f.note.is_none() {
            i.in_force = None;
        }
    }
    if i.registration
        .as_ref()
        .is_some_and(|r| !r.date.value.is_by(d))
    {
        i.registration = None;
    }
    // A stated status is the status as of the register's date; the view
    // states the status it had then.
    if let Some(s) = &mut i.status {
        s.value = status_then;
    }
    i
}

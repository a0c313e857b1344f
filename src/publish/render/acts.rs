//! The lifecycle as the PDF shows it: each entry's participants (like the
//! UN Treaty Collection's status tables), the texts of reservations,
//! declarations and objections, the UN registration, and the register's
//! chronology of acts. All dates are as of the register's (or the
//! `--as-of` view's) date; acts after it were left out before this.

use super::text::paragraphs;
use crate::args;
use crate::publish::locale::Locale;
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::{Action, ActionKind, InferredField, Instrument, PartyStatus};

use super::text::{RECORDED, around, flat, in_edition, marked, signatory};
use super::types::{ActContext, ChronologyLine, EntryRef, ParticipantContext, Text};
use super::widths::{self, Weight};

/// An entry's participants, in the order of `parties`; empty for an entry
/// with two parties that records no acts. Dates do not break across lines
/// (their spaces are non-breaking), nor does a consent's kind from its date
/// where there is room: "Ratification, 1 March 2021".
pub fn participants(
    i: &Instrument,
    (as_of, source): (PartialDate, &str),
    loc: &Locale,
) -> Vec<ParticipantContext> {
    if i.actions.is_empty() && i.parties.len() <= 2 {
        return Vec::new();
    }
    let nb = |text: String| text.replace(' ', "\u{a0}");
    i.parties
        .iter()
        .map(|p| {
            let own: Vec<&Action> = sorted(i)
                .into_iter()
                .filter(|a| a.party.value == p.state)
                .collect();
            let first =
                |pred: &dyn Fn(ActionKind) -> bool| own.iter().find(|a| pred(a.action)).copied();
            let signature = first(&|k| k == ActionKind::Signature).map(|a| nb(act_date(i, a, loc)));
            let consent = first(&|k| k.is_consent()).map(|a| {
                loc.fill(
                    "consent-on",
                    &args!(
                        action = sentence(a.action, loc),
                        date = nb(act_date(i, a, loc))
                    ),
                )
            });
            let provisional = first(&|k| k == ActionKind::ProvisionalApplication);
            let in_force = lifecycle::in_force_for(i, &p.state, as_of)
                .map(|d| nb(loc.date(d)))
                .or_else(|| {
                    provisional.map(|a| {
                        loc.fill(
                            "provisionally-on",
                            &args!(date = nb(loc.date(a.takes_effect()))),
                        )
                    })
                });
            let statements: Vec<String> = own
                .iter()
                .filter_map(|a| match (a.action, &a.label, &a.regarding) {
                    (k, Some(l), _) if k.is_labelled() => Some(l.value.clone()),
                    (ActionKind::Objection, _, Some(r)) => {
                        Some(loc.fill("objection-to", &args!(label = r.value.clone())))
                    }
                    (ActionKind::WithdrawalOfReservation, _, Some(r)) => {
                        Some(loc.fill("withdrawn", &args!(label = r.value.clone())))
                    }
                    _ => None,
                })
                .collect();
            let party_status = lifecycle::party_status(i, &p.state, as_of);
            let terminated = lifecycle::terminated_on(i, as_of);
            let status = party_status.map(|s| {
                let label = loc.keyword("party-status", s.as_str());
                let exit = own.iter().rev().find(|a| a.action.is_exit());
                let effective = |status: String, date| {
                    loc.fill(
                        "party-status-effective",
                        &args!(status = status, date = nb(loc.date(date))),
                    )
                };
                match (s, exit, terminated) {
                    (PartyStatus::Denounced, Some(a), _) => effective(label, a.takes_effect()),
                    // The contract's party status stays (JSON); the page
                    // must not say "in force" beside "terminated".
                    (
                        PartyStatus::InForce
                        | PartyStatus::ProvisionallyApplied
                        | PartyStatus::Consented,
                        _,
                        Some(date),
                    ) => effective(loc.text("party-status-terminated"), date),
                    _ => label,
                }
            });
            ParticipantContext {
                state: p.state.clone(),
                state_name: loc.state(&p.state),
                body: p
                    .body
                    .as_deref()
                    .map(|b| in_edition(b, &p.bodies, source, loc)),
                signatories: i
                    .signed
                    .signatories
                    .iter()
                    .filter(|s| s.state.as_ref().is_some_and(|st| st.value == p.state))
                    .map(|s| signatory(s, source, loc))
                    .collect(),
                signature,
                consent,
                in_force,
                statements: (!statements.is_empty()).then(|| statements.join(", ")),
                status,
            }
        })
        .collect()
}

/// The least width of each column of a participants table, in em of the
/// table's text: its widest piece that cannot break, in its cells or its
/// head (set in bold). The template shares out the rest of the line.
pub fn participant_widths(rows: &[ParticipantContext], loc: &Locale) -> Vec<f64> {
    if rows.is_empty() {
        return Vec::new();
    }
    let heads = [
        "col-participant",
        "col-signature",
        "col-consent",
        "col-in-force-for",
        "col-statements",
        "col-status",
    ];
    heads
        .iter()
        .enumerate()
        .map(|(k, head)| {
            let cells = rows.iter().filter_map(|r| match k {
                0 => Some(r.state_name.as_str()),
                1 => r.signature.as_deref(),
                2 => r.consent.as_deref(),
                3 => r.in_force.as_deref(),
                4 => r.statements.as_deref(),
                _ => r.status.as_deref(),
            });
            let widest = cells
                .map(|c| widths::widest_piece(c, Weight::Regular))
                .fold(
                    widths::widest_piece(&loc.text(head), Weight::Bold),
                    f32::max,
                );
            widths::rounded_up(widest)
        })
        .collect()
}

/// The wording of reservations, declarations and objections, and any act
/// with a text: "R1 — Reservation by Kazakhstan, 1 March 2021: “…”".
pub fn statements(i: &Instrument, source: &str, loc: &Locale) -> Vec<Text> {
    sorted(i)
        .into_iter()
        .filter(|a| a.text.is_some() || a.action.is_labelled() || a.regarding.is_some())
        .map(|a| {
            let mut line = String::new();
            if let Some(l) = &a.label {
                line.push_str(&format!("{} — ", l.value));
            }
            line.push_str(&loc.fill(
                "statement-by",
                &args!(
                    action = sentence(a.action, loc),
                    state = loc.state(&a.party.value),
                    date = act_date(i, a, loc)
                ),
            ));
            if let Some(r) = &a.regarding {
                line.push_str(&loc.fill("statement-regarding", &args!(label = r.value.clone())));
            }
            match &a.text {
                Some(t) => {
                    line.push_str(&loc.fill("statement-text", &args!(text = RECORDED)));
                    around(&line, &paragraphs(t), source, loc)
                }
                None => {
                    line.push_str(&loc.text("statement-no-text"));
                    Text::Original(line)
                }
            }
        })
        .collect()
}

/// The references (the ratification law) and notes recorded with acts:
/// "Ratification by Kazakhstan, 1 March 2021: Law No. 1-VII". `show` and
/// the web edition give them; the PDF, the register of record, must too.
pub fn act_notes(i: &Instrument, source: &str, loc: &Locale) -> Vec<Text> {
    sorted(i)
        .into_iter()
        .filter(|a| a.reference.is_some() || a.note.is_some())
        .map(|a| {
            let lead = loc.fill(
                "statement-by",
                &args!(
                    action = sentence(a.action, loc),
                    state = loc.state(&a.party.value),
                    date = act_date(i, a, loc)
                ),
            );
            let details: Vec<String> = [&a.reference, &a.note]
                .into_iter()
                .flatten()
                .map(|t| flat(t))
                .collect();
            around(
                &format!("{lead}: {RECORDED}"),
                &details.join("; "),
                source,
                loc,
            )
        })
        .collect()
}

/// "Registered with the Secretariat of the United Nations on 1 September
/// 2021 under No. I-99999 (by Kazakhstan; UNTS vol. 9999, p. 1)", or "not
/// registered".
pub fn registration(i: &Instrument, loc: &Locale) -> String {
    let Some(r) = &i.registration else {
        return loc.text("registration-none");
    };
    let id = if r.number.starts_with("II-") {
        "registration-filed"
    } else {
        "registration-registered"
    };
    let mut line = loc.fill(
        id,
        &args!(date = loc.date(r.date.value), number = r.number.clone()),
    );
    let mut extra = Vec::new();
    if let Some(by) = &r.by {
        extra.push(match by.value.as_str() {
            "ex-officio" => loc.text("registration-ex-officio"),
            code => loc.fill(
                "registration-by",
                &args!(party = depositary_name(code, loc)),
            ),
        });
    }
    if let Some(c) = &r.citation {
        extra.push(flat(c));
    }
    if !extra.is_empty() {
        line.push_str(&format!(" ({})", extra.join("; ")));
    }
    line
}

/// A state's name for a code, or the text as given (an organisation).
pub fn depositary_name(text: &str, loc: &Locale) -> String {
    if crate::register::codes::country_name(text).is_some() {
        loc.state(text)
    } else {
        flat(text)
    }
}

/// The events of entry `i`: its signature (or adoption), general entry
/// into force, each act and the UN registration.
pub fn events(i: &Instrument, entry: &EntryRef, loc: &Locale) -> Vec<ChronologyLine> {
    // Each event begins with a capital, as the acts' ("Signature: …") do.
    let line = |d: PartialDate, inferred: bool, event: String| ChronologyLine {
        key: d.to_string(),
        date: marked(loc.date(d), inferred, loc),
        entry: entry.clone(),
        event: upper_first(&event),
        inferred,
    };
    let adopted = i
        .status
        .as_ref()
        .is_some_and(|s| s.value == crate::register::model::Status::Adopted);
    // The acts of one day, kind and effect as one event, the parties
    // named together: "Signature: Kazakhstan, Uzbekistan".
    let mut groups: Vec<(&Action, Vec<String>)> = Vec::new();
    for a in &i.actions {
        let same = |b: &Action| {
            b.date.value == a.date.value
                && b.action == a.action
                && b.effective.as_ref().map(|e| e.value) == a.effective.as_ref().map(|e| e.value)
        };
        match groups.iter_mut().find(|(b, _)| same(b)) {
            Some((_, states)) => states.push(loc.state(&a.party.value)),
            None => groups.push((a, vec![loc.state(&a.party.value)])),
        }
    }
    // The signature of the instrument is said by its parties' signatures
    // of that day, where they are recorded.
    let signed_by_acts = groups.iter().any(|(a, _)| {
        matches!(
            a.action,
            ActionKind::Signature | ActionKind::DefinitiveSignature
        ) && a.date.value == i.signed.date
    });
    let mut out = Vec::new();
    if !signed_by_acts {
        out.push(line(
            i.signed.date,
            i.is_inferred(InferredField::SignedDate),
            loc.text(if adopted {
                "event-adopted"
            } else {
                "event-signed"
            }),
        ));
    }
    if let Some(d) = lifecycle::general_entry_into_force(i) {
        out.push(line(d, false, loc.text("event-in-force")));
    }
    for (a, states) in groups {
        let mut event = loc.fill(
            "event-acts",
            &args!(action = sentence(a.action, loc), states = states.join(", ")),
        );
        if let Some(e) = &a.effective {
            event = loc.fill(
                "event-effective",
                &args!(event = event, date = loc.date(e.value)),
            );
        }
        out.push(line(a.date.value, i.act_date_inferred(a), event));
    }
    if let Some(r) = &i.registration {
        out.push(line(
            r.date.value,
            false,
            loc.fill("event-registered", &args!(number = r.number.clone())),
        ));
    }
    out
}

/// Every act of `i`, in date order, for the web edition.
pub fn acts(i: &Instrument, loc: &Locale) -> Vec<ActContext> {
    let anchors: std::collections::HashMap<u32, String> = crate::publish::events::of(i)
        .iter()
        .filter_map(|e| match e.what {
            crate::publish::events::What::Act(a) => Some((a.number, e.anchor())),
            crate::publish::events::What::Registration(_) => None,
        })
        .collect();
    sorted(i)
        .into_iter()
        .map(|a| ActContext {
            anchor: anchors.get(&a.number).cloned().unwrap_or_default(),
            date: act_date(i, a, loc),
            date_iso: a.date.value.to_string(),
            party: loc.state(&a.party.value),
            action: loc.keyword("action", a.action.as_str()),
            effective: a.effective.as_ref().map(|e| loc.date(e.value)),
            reference: a.reference.as_deref().map(flat),
            label: a.label.as_ref().map(|l| l.value.clone()),
            regarding: a.regarding.as_ref().map(|r| r.value.clone()),
            text: a.text.as_deref().map(flat),
            source: a.source.as_ref().map(|s| s.value.clone()),
            note: a.note.as_deref().map(flat),
        })
        .collect()
}

/// The date of act `a` of `i` as printed: in brackets where it is the
/// inferred date of signature.
fn act_date(i: &Instrument, a: &Action, loc: &Locale) -> String {
    marked(loc.date(a.date.value), i.act_date_inferred(a), loc)
}

/// The acts of `i` in date order (stable: acts of one day keep file order).
fn sorted(i: &Instrument) -> Vec<&Action> {
    let mut acts: Vec<&Action> = i.actions.iter().collect();
    acts.sort_by_key(|a| a.date.value.first_day());
    acts
}

/// "Ratification", "Definitive signature".
fn sentence(kind: ActionKind, loc: &Locale) -> String {
    upper_first(&loc.keyword("action", kind.as_str()))
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

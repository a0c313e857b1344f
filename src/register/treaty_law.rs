//! Consistency rules of treaty law between the facts of one entry: who
//! may act, which act may come before which, what an objection answers,
//! and whether the stated status agrees with the recorded acts. Each
//! problem names the line and the fix. The numbering follows
//! docs/format.md, "Consistency rules".
//!
//! Reduced-precision dates are compared with
//! [`PartialDate::surely_before`], so that a date known only to the month
//! is never wrongly called too early.
//!
//! An entry may hold thousands of acts (hostile files hold 14,000), so the
//! acts are indexed once ([`Index`]) and no rule scans them per act:
//! `check` stays linear in the number of acts.

use std::collections::{HashMap, HashSet};

use crate::register::date::PartialDate;
use crate::register::diagnostic::{Diagnostic, Span};
use crate::register::lifecycle;
use crate::register::model::{Action, ActionKind, Instrument, Status};

/// Applies every rule to `i`, whose register is dated `as_of`.
pub fn rules(i: &Instrument, as_of: PartialDate, diags: &mut Vec<Diagnostic>) {
    let index = Index::new(i);
    let mut out = Rules {
        i,
        index: &index,
        diags,
    };
    out.parties();
    out.order_of_acts();
    out.no_future(as_of);
    out.answers();
    out.denunciations();
    out.registration();
    out.sources();
    out.stated_status(as_of);
    out.repeated_acts();
    out.signature_dates();
}

/// What the rules ask of the acts again and again, gathered in one pass.
struct Index<'a> {
    parties: HashSet<&'a str>,
    /// Each party's acts, as indexes into `actions`, in file order.
    by_party: HashMap<&'a str, Vec<usize>>,
    firsts: HashMap<&'a str, Firsts>,
    /// The first reservation or declaration with each label.
    labels: HashMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    fn new(i: &'a Instrument) -> Self {
        let mut by_party: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut labels = HashMap::new();
        for (n, a) in i.actions.iter().enumerate() {
            by_party.entry(a.party.value.as_str()).or_default().push(n);
            if a.action.is_labelled()
                && let Some(l) = &a.label
            {
                labels.entry(l.value.as_str()).or_insert(n);
            }
        }
        Index {
            parties: i.parties.iter().map(|p| p.state.as_str()).collect(),
            by_party,
            firsts: Firsts::of(i),
            labels,
        }
    }

    /// The acts of `party`, in file order.
    fn acts_of(&self, i: &'a Instrument, party: &str) -> Vec<(usize, &'a Action)> {
        let own = self.by_party.get(party).map_or(&[][..], Vec::as_slice);
        own.iter().map(|&n| (n, &i.actions[n])).collect()
    }
}

/// A party's earliest entry into force and consent, each counted as its
/// last day: all that "had it entered into force by a date?" needs.
#[derive(Default, Clone, Copy)]
struct Firsts {
    entry_into_force: Option<PartialDate>,
    consent: Option<PartialDate>,
}

impl Firsts {
    fn of(i: &Instrument) -> HashMap<&str, Firsts> {
        let earlier = |slot: &mut Option<PartialDate>, d: PartialDate| {
            if slot.is_none_or(|s| d.last_day() < s.last_day()) {
                *slot = Some(d);
            }
        };
        let mut firsts: HashMap<&str, Firsts> = HashMap::new();
        for a in &i.actions {
            let f = firsts.entry(a.party.value.as_str()).or_default();
            if a.action == ActionKind::EntryIntoForce {
                earlier(&mut f.entry_into_force, a.date.value);
            } else if a.action.is_consent() {
                earlier(&mut f.consent, a.date.value);
            }
        }
        firsts
    }
}

/// Whether a party's exit (`exits`: when each took effect, by last day)
/// took effect on or after `before` and on or before `after`. The first
/// exit not surely before `before` is the one that can fall in between
/// (binary search: a party may hold thousands of acts).
fn exit_between(exits: &[PartialDate], before: PartialDate, after: PartialDate) -> bool {
    let from = exits.partition_point(|e| e.surely_before(before));
    exits[from..]
        .first()
        .is_some_and(|e| !after.surely_before(*e))
}

struct Rules<'a> {
    i: &'a Instrument,
    index: &'a Index<'a>,
    diags: &'a mut Vec<Diagnostic>,
}

/// The classes of acts a party performs once (rule 13), with their names
/// in messages.
fn once_only(kind: ActionKind) -> Option<&'static str> {
    match kind {
        k if k.is_consent() => Some("consent to be bound"),
        ActionKind::Signature => Some("signature"),
        ActionKind::EntryIntoForce => Some("entry into force"),
        _ => None,
    }
}

impl Rules<'_> {
    fn error(&mut self, span: Span, message: String, hint: String) {
        self.diags
            .push(Diagnostic::new(&self.i.path, Some(span), message).hint(hint));
    }

    fn is_party(&self, state: &str) -> bool {
        self.index.parties.contains(state)
    }

    /// [`lifecycle::in_force_for`] from the index: whether the instrument
    /// had entered into force for `party` by `d`.
    fn in_force_for(&self, party: &str, d: PartialDate) -> bool {
        let f = self.index.firsts.get(party).copied().unwrap_or_default();
        if f.entry_into_force.is_some_and(|e| e.is_by(d)) {
            return true;
        }
        let general = lifecycle::general_entry_into_force(self.i).filter(|g| g.is_by(d));
        match (general, f.consent) {
            (Some(g), Some(c)) => c.is_by(d) && c.is_by(g),
            _ => false,
        }
    }

    /// Rule 13: a party consents, signs and sees the instrument enter into
    /// force once, unless its denunciation or withdrawal took effect in
    /// between. The later act in the file is the one reported, so that
    /// `record` names the act it was about to add.
    fn repeated_acts(&mut self) {
        let i = self.i;
        let mut parties: Vec<&str> = self.index.by_party.keys().copied().collect();
        parties.sort_unstable();
        for party in parties {
            let acts = self.index.acts_of(i, party);
            let mut exits: Vec<PartialDate> = acts
                .iter()
                .filter(|(_, a)| a.action.is_exit())
                .map(|(_, a)| a.takes_effect())
                .collect();
            exits.sort_unstable_by_key(PartialDate::last_day);
            let mut classes: HashMap<&str, Vec<(usize, &Action)>> = HashMap::new();
            for &(n, a) in &acts {
                if let Some(class) = once_only(a.action) {
                    classes.entry(class).or_default().push((n, a));
                }
            }
            let mut classes: Vec<_> = classes.into_iter().collect();
            classes.sort_unstable_by_key(|(class, _)| *class);
            for (class, mut acts) in classes {
                acts.sort_by_key(|(_, a)| a.date.value.first_day());
                // Each repeat names the act it repeats: the first since the
                // party's last exit.
                let mut kept = acts[0];
                for pair in acts.windows(2) {
                    let (before, after) = (pair[0], pair[1]);
                    if exit_between(&exits, before.1.date.value, after.1.date.value) {
                        kept = after;
                    } else {
                        self.repeated(class, kept, after);
                    }
                }
            }
        }
    }

    fn repeated(&mut self, class: &str, a: (usize, &Action), b: (usize, &Action)) {
        let ((_, kept), (_, extra)) = if a.0 < b.0 { (a, b) } else { (b, a) };
        let (first, second) = (kept.number, extra.number);
        let id = &self.i.id.value;
        self.error(
            extra.span,
            format!(
                "{}'s {class} is recorded twice: the {} of {} (act #{}) repeats the {} of {} \
                 (act #{}, line {})",
                extra.party.value,
                extra.action.label(),
                extra.date.value,
                second,
                kept.action.label(),
                kept.date.value,
                first,
                kept.span.line,
            ),
            format!(
                "a party does this once (unless it denounced or withdrew in between): correct \
                 the act already recorded with `treaty-register correct {id} --act {} --date …`, \
                 or remove this one with `treaty-register record {id} --remove {}`",
                first, second
            ),
        );
    }

    /// Rule 14: no state signs before the instrument was adopted or opened
    /// for signature (`signed.date`), nor consents to be bound before it —
    /// the consent of a party that signed is checked against its own
    /// signature (rule 4), so here only that of a party without one (an
    /// accession, or a ratification whose signature is not recorded).
    fn signature_dates(&mut self) {
        let i = self.i;
        for a in &i.actions {
            let signs = matches!(
                a.action,
                ActionKind::Signature | ActionKind::DefinitiveSignature
            );
            let unsigned_consent = a.action.is_consent()
                && !i
                    .actions
                    .iter()
                    .any(|s| s.action == ActionKind::Signature && s.party.value == a.party.value);
            if !(signs || unsigned_consent) || !a.date.value.surely_before(i.signed.date) {
                continue;
            }
            let why = if signs {
                "a state signs on or after the day the instrument was adopted or opened for signature"
            } else {
                "a state consents to be bound by an instrument only once it exists: on or after the day it was adopted or opened for signature"
            };
            self.error(
                a.date.span,
                format!(
                    "the {} by {} ({}) is dated before the instrument's `signed.date` ({})",
                    a.action.label(),
                    a.party.value,
                    a.date.value,
                    i.signed.date
                ),
                format!(
                    "{why}: `treaty-register correct {} --act {} --date …`, or correct `signed.date`",
                    i.id.value, a.number
                ),
            );
        }
    }

    /// Rules 1 and 2: every actor is a party, and every party is listed once.
    fn parties(&mut self) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (n, p) in self.i.parties.iter().enumerate() {
            let first = *seen.entry(p.state.as_str()).or_insert(n);
            if first != n {
                let first = &self.i.parties[first];
                self.error(
                    p.span,
                    format!("`{}` is listed twice in `parties`", p.state),
                    format!(
                        "line {} has it already; list each state once, with the body that signed",
                        first.span.line
                    ),
                );
            }
        }
        let not_party = |state: &str| {
            format!(
                "add `- state: {state}` to `parties` (it lists every state that is or becomes a \
                 party), or correct the code"
            )
        };
        for a in &self.i.actions {
            if !self.is_party(&a.party.value) {
                let (state, span) = (a.party.value.clone(), a.party.span);
                self.error(
                    span,
                    format!("`{state}` acts here but is not a party to the instrument"),
                    not_party(&state),
                );
            }
        }
        for s in &self.i.signed.signatories {
            if let Some(state) = &s.state
                && !self.is_party(&state.value)
            {
                let (code, span) = (state.value.clone(), state.span);
                self.error(
                    span,
                    format!(
                        "signatory `{}` signs for `{code}`, which is not a party",
                        s.name
                    ),
                    not_party(&code),
                );
            }
        }
    }

    /// Rules 3, 4 and 6: consent after signature, effect after the act,
    /// entry into force after signature.
    fn order_of_acts(&mut self) {
        let i = self.i;
        // Each party's first signature, by the first day it can mean.
        let mut signatures: HashMap<&str, PartialDate> = HashMap::new();
        for a in i
            .actions
            .iter()
            .filter(|a| a.action == ActionKind::Signature)
        {
            let first = signatures.entry(&a.party.value).or_insert(a.date.value);
            if a.date.value.first_day() < first.first_day() {
                *first = a.date.value;
            }
        }
        for a in &i.actions {
            if let Some(e) = &a.effective
                && e.value.surely_before(a.date.value)
            {
                self.error(
                    e.span,
                    format!(
                        "the {} takes effect ({}) before it is dated ({})",
                        a.action.label(),
                        e.value,
                        a.date.value
                    ),
                    "`effective` is when the act takes effect, on or after its `date`; they may be swapped".into(),
                );
            }
            let consent = matches!(
                a.action,
                ActionKind::Ratification | ActionKind::Acceptance | ActionKind::Approval
            );
            if consent
                && let Some(signed) = signatures.get(a.party.value.as_str()).copied()
                && a.date.value.surely_before(signed)
            {
                self.error(
                    a.date.span,
                    format!(
                        "{} by {} ({}) is dated before its signature ({signed})",
                        a.action.label(),
                        a.party.value,
                        a.date.value
                    ),
                    "a state ratifies, accepts or approves what it has signed: check both dates"
                        .into(),
                );
            }
            if a.action == ActionKind::EntryIntoForce && a.date.value.surely_before(i.signed.date) {
                self.error(
                    a.date.span,
                    format!(
                        "entry into force for {} ({}) is before the signature ({})",
                        a.party.value, a.date.value, i.signed.date
                    ),
                    "an instrument enters into force on or after its signature: check both dates"
                        .into(),
                );
            }
        }
        if let Some(f) = &i.in_force
            && let Some(date) = f.date
            && date.surely_before(i.signed.date)
        {
            self.error(
                f.date_span,
                format!(
                    "entry into force ({date}) is before the signature ({})",
                    i.signed.date
                ),
                "an instrument enters into force on or after its signature: check both dates"
                    .into(),
            );
        }
    }

    /// Rule 5: a register records no future.
    fn no_future(&mut self, as_of: PartialDate) {
        let i = self.i;
        let mut dated: Vec<(&str, PartialDate, Span)> =
            vec![("the signature", i.signed.date, i.signed.date_span)];
        if let Some(f) = &i.in_force
            && let Some(d) = f.date
        {
            dated.push(("the entry into force", d, f.date_span));
        }
        if let Some(r) = &i.registration {
            dated.push(("the registration", r.date.value, r.date.span));
        }
        let acts: Vec<String> = i
            .actions
            .iter()
            .map(|a| format!("the {}", a.action.label()))
            .collect();
        for (a, what) in i.actions.iter().zip(&acts) {
            dated.push((what, a.date.value, a.date.span));
        }
        for (what, date, span) in dated {
            if as_of.surely_before(date) {
                self.error(
                    span,
                    format!("{what} is dated {date}, after the register's status date {as_of}"),
                    "a register records no future: correct the date, or move `as_of` in \
                     register/register.yaml forward"
                        .into(),
                );
            }
        }
    }

    /// Rule 7: an objection answers another party's reservation or
    /// declaration; a withdrawal of a reservation answers one.
    fn answers(&mut self) {
        let i = self.i;
        for a in &i.actions {
            let Some(regarding) = &a.regarding else {
                continue;
            };
            let objection = a.action == ActionKind::Objection;
            let answered = self
                .index
                .labels
                .get(regarding.value.as_str())
                .map(|&n| &i.actions[n]);
            let hint = || {
                // A few labels are a hint; thousands would be noise (and,
                // for every bad objection, quadratic).
                const SHOWN: usize = 8;
                let mut labels: Vec<&str> = i
                    .actions
                    .iter()
                    .filter(|r| {
                        r.action.is_labelled() && (!objection || r.party.value != a.party.value)
                    })
                    .filter_map(|r| r.label.as_ref().map(|l| l.value.as_str()))
                    .take(SHOWN + 1)
                    .collect();
                let more = labels.len() > SHOWN;
                labels.truncate(SHOWN);
                match (labels.is_empty(), more) {
                    (true, _) => {
                        "record the reservation or declaration first, with a `label:`".to_owned()
                    }
                    (false, false) => format!("labels it may answer: {}", labels.join(", ")),
                    (false, true) => format!("labels it may answer: {}, …", labels.join(", ")),
                }
            };
            match answered {
                None => self.error(
                    regarding.span,
                    format!(
                        "the {} answers `{}`, which labels no reservation or declaration",
                        a.action.label(),
                        regarding.value
                    ),
                    hint(),
                ),
                Some(r) if objection && r.party.value == a.party.value => self.error(
                    regarding.span,
                    format!(
                        "{} objects to its own {} `{}`",
                        a.party.value,
                        r.action.label(),
                        regarding.value
                    ),
                    "a state objects to another party's reservation or declaration; to take back \
                     its own, record a `withdrawal-of-reservation`"
                        .into(),
                ),
                Some(_) => {}
            }
        }
    }

    /// Rule 8: only a party the instrument is in force for can denounce it.
    fn denunciations(&mut self) {
        let i = self.i;
        for a in i
            .actions
            .iter()
            .filter(|a| a.action == ActionKind::Denunciation)
        {
            if !self.in_force_for(&a.party.value, a.date.value) {
                self.error(
                    a.span,
                    format!(
                        "{} denounces the instrument ({}), which was not in force for it then",
                        a.party.value, a.date.value
                    ),
                    "a party denounces an instrument in force for it: record its consent and the \
                     entry into force first, or correct the date"
                        .into(),
                );
            }
        }
    }

    /// Rules 1 (for `by`) and 9: registration after entry into force, by a
    /// party, the depositary, or ex officio.
    fn registration(&mut self) {
        let i = self.i;
        let Some(r) = &i.registration else {
            return;
        };
        if let Some(by) = &r.by
            && by.value != "ex-officio"
            && !self.is_party(&by.value)
            && i.depositary.as_deref() != Some(by.value.as_str())
        {
            let (who, span) = (by.value.clone(), by.span);
            self.error(
                span,
                format!(
                    "`{who}` registered the instrument but is neither a party nor its depositary"
                ),
                "write a party's code, the depositary, or `ex-officio`".into(),
            );
        }
        let provisional = i.actions.iter().any(|a| {
            a.action == ActionKind::ProvisionalApplication
                && !r.date.value.surely_before(a.date.value)
        });
        if provisional {
            return;
        }
        let problem = match lifecycle::first_entry_into_force(i) {
            None => "the entry records no entry into force".to_owned(),
            Some(eif) if r.date.value.surely_before(eif) => {
                format!("it entered into force on {eif}")
            }
            Some(_) => return,
        };
        self.error(
            r.date.span,
            format!(
                "registered with the United Nations on {}, before entry into force: {problem}",
                r.date.value
            ),
            "Article 102 registration follows entry into force (or provisional application): \
             check the dates, or record the entry into force"
                .into(),
        );
    }

    /// Rule 10: an act cites one of the entry's sources by its key.
    fn sources(&mut self) {
        let i = self.i;
        let keys: Vec<&str> = i
            .sources
            .iter()
            .filter_map(|s| s.key.as_ref().map(|k| k.value.as_str()))
            .collect();
        for a in &i.actions {
            if let Some(source) = &a.source
                && !keys.contains(&source.value.as_str())
            {
                let hint = match crate::register::suggest::closest(&source.value, &keys) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if keys.is_empty() => {
                        "give the source a `key:` under `sources`, and cite that".into()
                    }
                    None => format!("the entry's source keys: {}", keys.join(", ")),
                };
                let (key, span) = (source.value.clone(), source.span);
                self.error(
                    span,
                    format!("`{key}` is not the key of a source of this entry"),
                    hint,
                );
            }
        }
    }

    /// Rule 11: the stated status agrees with the acts.
    fn stated_status(&mut self, as_of: PartialDate) {
        let i = self.i;
        let Some(stated) = &i.status else {
            return;
        };
        if i.actions.is_empty() || lifecycle::never_derived(stated.value) {
            return;
        }
        let derived = lifecycle::derived_status(i, as_of);
        if derived != stated.value {
            self.error(
                stated.span,
                format!(
                    "the entry states `status: {}`, but its actions make it `{derived}` as of {}",
                    stated.value,
                    as_of.long()
                ),
                match derived {
                    Status::Signed => "record the act that changed it (e.g. `entry-into-force`), or correct or leave out `status` (it is derived from the actions)".into(),
                    _ => format!("write `status: {derived}`, or leave `status` out: it is derived from the actions"),
                },
            );
        }
    }
}

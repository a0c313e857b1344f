//! Consistency rules of treaty law between the facts of one entry: who
//! may act, which act may come before which, what an objection answers,
//! and whether the stated status agrees with the recorded acts. Each
//! problem names the line and the fix. The numbering follows
//! docs/format.md, "Consistency rules".
//!
//! Reduced-precision dates are compared with
//! [`PartialDate::surely_before`], so that a date known only to the month
//! is never wrongly called too early.

use crate::register::date::PartialDate;
use crate::register::diagnostic::{Diagnostic, Span};
use crate::register::lifecycle;
use crate::register::model::{ActionKind, Instrument, Status};

/// Applies every rule to `i`, whose register is dated `as_of`.
pub fn rules(i: &Instrument, as_of: PartialDate, diags: &mut Vec<Diagnostic>) {
    let mut out = Rules { i, diags };
    out.parties();
    out.order_of_acts();
    out.no_future(as_of);
    out.answers();
    out.denunciations();
    out.registration();
    out.sources();
    out.stated_status(as_of);
}

struct Rules<'a> {
    i: &'a Instrument,
    diags: &'a mut Vec<Diagnostic>,
}

impl Rules<'_> {
    fn error(&mut self, span: Span, message: String, hint: String) {
        self.diags
            .push(Diagnostic::new(&self.i.path, Some(span), message).hint(hint));
    }

    fn is_party(&self, state: &str) -> bool {
        self.i.parties.iter().any(|p| p.state == state)
    }

    /// Rules 1 and 2: every actor is a party, and every party is listed once.
    fn parties(&mut self) {
        for (n, p) in self.i.parties.iter().enumerate() {
            if let Some(first) = self.i.parties[..n].iter().find(|q| q.state == p.state) {
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
            let signature = i
                .actions
                .iter()
                .filter(|s| s.party.value == a.party.value && s.action == ActionKind::Signature)
                .map(|s| s.date.value)
                .min_by_key(|d| d.first_day());
            if consent
                && let Some(signed) = signature
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
            let answered = i.actions.iter().find(|r| {
                r.action.is_labelled()
                    && r.label.as_ref().is_some_and(|l| l.value == regarding.value)
            });
            let labels: Vec<&str> = i
                .actions
                .iter()
                .filter(|r| {
                    r.action.is_labelled() && (!objection || r.party.value != a.party.value)
                })
                .filter_map(|r| r.label.as_ref().map(|l| l.value.as_str()))
                .collect();
            let hint = if labels.is_empty() {
                "record the reservation or declaration first, with a `label:`".to_owned()
            } else {
                format!("labels it may answer: {}", labels.join(", "))
            };
            match answered {
                None => self.error(
                    regarding.span,
                    format!(
                        "the {} answers `{}`, which labels no reservation or declaration",
                        a.action.label(),
                        regarding.value
                    ),
                    hint,
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
            if lifecycle::in_force_for(i, &a.party.value, a.date.value).is_none() {
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

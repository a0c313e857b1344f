//! The instrument's life after signature: `actions` (one act of one party
//! each), `registration` with the UN Secretariat, and the `depositary`.
//! Rules between acts (a consent before its signature, an objection to no
//! reservation, …) need the whole entry and are
//! [`crate::register::treaty_law`]'s.

use crate::register::codes;
use crate::register::date::PartialDate;
use crate::register::diagnostic::Span;
use crate::register::model::*;
use crate::register::yaml::Node;

use super::{Decoder, f_key};

/// The fields of one action, in the format's order.
pub const ACTION_FIELDS: &[&str] = &[
    "party",
    "action",
    "date",
    "effective",
    "reference",
    "label",
    "regarding",
    "text",
    "source",
    "note",
    "notification",
];

/// The fields of an act's `notification`.
pub const NOTIFICATION_FIELDS: &[&str] = &["number", "date"];

/// The fields of `registration`.
pub const REGISTRATION_FIELDS: &[&str] = &["number", "date", "by", "citation"];

impl Decoder<'_> {
    pub(super) fn actions(&mut self, node: &Node) -> Vec<Action> {
        let items = self.list(node, "actions");
        // Exactly as many as listed: a register holds hundreds of thousands.
        let mut actions: Vec<Action> = Vec::with_capacity(items.len());
        // The first line of each label, found without a scan per act.
        let mut labels: std::collections::HashMap<String, u32> = Default::default();
        for (n, item) in items.iter().enumerate() {
            let Some(mut action) = self.action(item) else {
                continue;
            };
            action.number = u32::try_from(n + 1).unwrap_or(u32::MAX);
            if let Some(label) = &action.label {
                if let Some(&line) = labels.get(&label.value) {
                    self.error(label.span, format!("label `{}` is used twice", label.value))
                        .hints
                        .push(format!(
                            "line {line} has it already; give each reservation or declaration its own label"
                        ));
                    continue;
                }
                labels.insert(label.value.clone(), label.span.line);
            }
            actions.push(action);
        }
        actions
    }

    fn action(&mut self, item: &Node) -> Option<Action> {
        let af = self.fields(item, item.span, "an action", ACTION_FIELDS)?;
        let party = match af.get("party") {
            Some(n) => self.country(n, "party").map(|code| Spanned {
                value: code,
                span: n.span,
            }),
            None => {
                self.missing(
                    &af,
                    "party",
                    "add `party:` with the acting state's ISO 3166-1 alpha-3 code, e.g. `KAZ`",
                );
                None
            }
        };
        let kind = self.req_keyword(&af, "action", ActionKind::parse, ActionKind::NAMES);
        let date = match af.get("date") {
            Some(n) => self.spanned_date(n, "date"),
            None => {
                self.missing(
                    &af,
                    "date",
                    "add `date:` with the date of the act (YYYY-MM-DD, or YYYY-MM or YYYY)",
                );
                None
            }
        };
        let effective = af
            .get("effective")
            .and_then(|n| self.spanned_date(n, "effective"));
        let spanned_text = |d: &mut Self, name: &str| {
            af.get(name).and_then(|n| {
                d.text(n, name).map(|value| Spanned {
                    value: value.trim().to_owned(),
                    span: n.span,
                })
            })
        };
        let label = spanned_text(self, "label");
        let regarding = spanned_text(self, "regarding");
        let source = spanned_text(self, "source");
        let reference = self.opt_text(&af, "reference");
        let text = self.opt_text(&af, "text");
        let note = self.opt_text(&af, "note");
        let notification = af
            .get("notification")
            .and_then(|n| self.notification_ref(n, f_key(&af, "notification")));
        let kind = kind?;
        self.label_rules(kind, &label, &regarding, f_key(&af, "action"));
        Some(Action {
            party: party?,
            action: kind,
            date: date?,
            effective,
            reference,
            label,
            regarding,
            text,
            source,
            note,
            notification,
            span: f_key(&af, "action"),
            number: 0,
        })
    }

    /// `label` names reservations and declarations; `regarding` belongs to
    /// the acts that answer one.
    fn label_rules(
        &mut self,
        kind: ActionKind,
        label: &Option<Spanned<String>>,
        regarding: &Option<Spanned<String>>,
        at: Span,
    ) {
        let answers = matches!(
            kind,
            ActionKind::Objection | ActionKind::WithdrawalOfReservation
        );
        if let Some(label) = label
            && !kind.is_labelled()
        {
            self.error(label.span, format!("a {} has no `label`", kind.label()))
                .hints
                .push("labels name reservations and declarations, so that objections and withdrawals can answer them; leave it out".into());
        }
        if answers && regarding.is_none() {
            self.error(at, format!("a {} needs `regarding:`", kind.label()))
                .hints
                .push("add `regarding:` with the `label` of the reservation or declaration it answers".into());
        }
        if let Some(r) = regarding
            && !answers
        {
            self.error(r.span, format!("a {} has no `regarding`", kind.label()))
                .hints
                .push("only objections and withdrawals of reservations answer another act; leave it out".into());
        }
    }

    fn spanned_date(&mut self, node: &Node, field: &str) -> Option<Spanned<PartialDate>> {
        self.date(node, field).map(|value| Spanned {
            value,
            span: node.span,
        })
    }

    pub(super) fn registration(&mut self, node: &Node, owner: Span) -> Option<Registration> {
        let rf = self.fields(node, owner, "`registration`", REGISTRATION_FIELDS)?;
        let number = self.req_text(
            &rf,
            "number",
            "add `number:` with the UNTS registration number, e.g. `I-58123`",
        );
        if let (Ok(n), Some(node)) = (&number, rf.get("number"))
            && !is_unts_number(n)
        {
            self.error(node.span, format!("`{n}` is not a UNTS registration number"))
                .hints
                .push("write `I-<digits>` for a registered treaty or `II-<digits>` for one filed and recorded".into());
        }
        let date = match rf.get("date") {
            Some(n) => self.spanned_date(n, "date"),
            None => {
                self.missing(&rf, "date", "add `date:` with the date of registration");
                None
            }
        };
        let by = rf.get("by").and_then(|n| {
            self.text(n, "by").map(|value| Spanned {
                value: value.trim().to_owned(),
                span: n.span,
            })
        });
        let citation = self.opt_text(&rf, "citation");
        Some(Registration {
            number: number.ok()?.trim().to_owned(),
            date: date?,
            by,
            citation,
        })
    }

    /// `notification: {number, date}`, written by `treaty-register notification`.
    fn notification_ref(&mut self, node: &Node, owner: Span) -> Option<NotificationRef> {
        let nf = self.fields(node, owner, "`notification`", NOTIFICATION_FIELDS)?;
        let number = self.req_text(
            &nf,
            "number",
            "`treaty-register notification` writes `number:`; restore it from the notification issued",
        );
        let date = match nf.get("date") {
            Some(n) => self.date(n, "date"),
            None => {
                self.missing(&nf, "date", "add `date:` with the date of the notification");
                None
            }
        };
        Some(NotificationRef {
            number: number.ok()?.trim().to_owned(),
            date: date?,
            span: nf.get("number").map_or(owner, |n| n.span),
        })
    }

    /// A state's ISO code, or the name of an organisation.
    pub(super) fn depositary(&mut self, node: &Node) -> Option<String> {
        let text = self.text(node, "depositary")?.trim().to_owned();
        let looks_like_code = text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase());
        if looks_like_code && codes::country_name(&text).is_none() {
            return self.country(node, "depositary");
        }
        Some(text)
    }
}

/// `I-58123` (registered) or `II-1234` (filed and recorded).
fn is_unts_number(n: &str) -> bool {
    let digits = n
        .strip_prefix("II-")
        .or_else(|| n.strip_prefix("I-"))
        .unwrap_or("");
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

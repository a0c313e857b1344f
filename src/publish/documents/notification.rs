//! Depositary notifications (`treaty-register notification ID --act N`):
//! where the state keeping the register is the depositary of an
//! instrument, each signature, ratification, reservation or denunciation
//! is made known to the other states by a numbered notification. Its
//! number (`C.N.3.2025`) runs from 1 each year, is assigned once, stored
//! on the act (`notification: {number, date}`) and never reused; its
//! subject ("UZBEKISTAN: RATIFICATION", in capitals, as depositaries
//! write it) and text come from the catalogue of its language.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::locale::Locale;
use crate::publish::render::{self, InstrumentContext, RegisterContext, Text, Tool};
use crate::register::date::PartialDate;
use crate::register::excerpt::Excerpt;
use crate::register::lifecycle;
use crate::register::model::{Action, ActionKind, Instrument, Meta, Numbering, Register};

use super::Issue;
use super::paper::{Document, Paper};

/// The template of a notification.
pub const TEMPLATE: &str = "documents/notification.typ.j2";
/// What `build.json` calls it.
pub const KIND: &str = "notification";

/// Why the register cannot notify act `number` of `i` on `date`; `None`
/// when it can.
pub fn refusal(meta: &Meta, i: &Instrument, number: u32, date: PartialDate) -> Option<Error> {
    let id = &i.id.value;
    let refuse = |message: String, hint: String| {
        Some(Error::Refused {
            message,
            hint: Some(hint),
        })
    };
    let Some(state) = &meta.state else {
        return refuse(
            "register.yaml does not say which state keeps the register, and only the depositary notifies acts"
                .into(),
            "add `state:` with its ISO 3166-1 alpha-3 code (e.g. `state: KAZ`) to register/register.yaml".into(),
        );
    };
    if i.depositary.as_deref() != Some(state.as_str()) {
        return refuse(
            format!(
                "the depositary of `{id}` is {}, not {state}, the state keeping the register; the depositary \
                 informs the parties of acts relating to the instrument (Vienna Convention on the Law of \
                 Treaties, art. 77(1)(e))",
                i.depositary.as_deref().unwrap_or("not recorded")
            ),
            format!("where {state} is the depositary, set `depositary: {state}` in the entry"),
        );
    }
    let Some(act) = i.actions.iter().find(|a| a.number == number) else {
        let numbers = i.actions.len();
        return refuse(
            format!("`{id}` has no act #{number}"),
            match numbers {
                0 => "the entry records no acts; `treaty-register record` records one".into(),
                n => format!("its acts are #1 to #{n}; `treaty-register show {id}` numbers them"),
            },
        );
    };
    if let Some(n) = &act.notification {
        return refuse(
            format!(
                "act #{number} of `{id}` was notified already, as {} of {}; a notification is issued once",
                n.number, n.date
            ),
            format!(
                "`treaty-register notification {id} --act {number} --reissue` typesets it again (a lost PDF, \
                 another --lang); a correction of the act is notified as an act of its own"
            ),
        );
    }
    if date.surely_before(act.date.value) {
        return refuse(
            format!(
                "act #{number} of `{id}` is dated {}, after the notification's date {date}",
                act.date.value
            ),
            "give --date on or after the act's date".into(),
        );
    }
    None
}

/// The acts of `i` not yet notified, dated by `date`, in the order they
/// happened.
pub fn pending(i: &Instrument, date: PartialDate) -> Vec<u32> {
    let mut acts: Vec<&Action> = i
        .actions
        .iter()
        .filter(|a| a.notification.is_none() && a.date.value.is_by(date))
        .collect();
    acts.sort_by_key(|a| (a.date.value.first_day(), a.number));
    acts.iter().map(|a| a.number).collect()
}

/// The next number of `date`'s year: one more than the highest that
/// `numbering` made that year in any entry of `register` (withdrawn ones
/// too: a number is never reused).
pub fn next_number(register: &Register, numbering: &Numbering, date: PartialDate) -> String {
    let year = i32::from(date.year);
    let highest = register
        .instruments
        .iter()
        .flat_map(|i| &i.actions)
        .filter_map(|a| a.notification.as_ref())
        .filter_map(|n| numbering.seq_of(&n.number, year))
        .max()
        .unwrap_or(0);
    numbering.number(highest + 1, year)
}

/// The file name of notification `number`: `C-N-3-2025.pdf`, with
/// `suffix` (`-ru`) before `.pdf`.
pub fn file_name(number: &str, suffix: &str) -> String {
    let safe: String = number
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{}{suffix}.pdf", safe.trim_matches('-'))
}

#[derive(Serialize)]
struct NotificationContext {
    register: RegisterContext,
    instrument: InstrumentContext,
    tool: Tool,
    notification: Notice,
}

/// The notification's own lines.
#[derive(Serialize)]
struct Notice {
    number: String,
    date: String,
    date_iso: String,
    /// "UZBEKISTAN: RATIFICATION".
    subject: String,
    /// "Kazakhstan, acting in its capacity as depositary, communicates…".
    intro: String,
    /// What was done, with the instrument's title.
    act: Text,
    /// The wording of a reservation, declaration or objection.
    wording: Option<Text>,
    /// When it takes effect, or when the instrument enters into force for
    /// the state.
    effect: Option<String>,
}

/// The notification's PDF and its Typst source: act `issue.act` of the
/// entry of `excerpt`, whose `notification` gives its number and date.
/// `pending` is the entry's text when it is not yet on disk.
pub fn typeset(
    paper: &Paper,
    excerpt: &Excerpt,
    issue: Issue,
    loc: &Locale,
    pending: Option<&str>,
) -> Result<(Vec<u8>, String)> {
    let meta = &excerpt.register.meta;
    let i = excerpt.entry();
    let act = issue
        .act
        .and_then(|n| i.actions.iter().find(|a| a.number == n))
        .ok_or_else(|| Error::Usage {
            message: format!("`{}` has no act #{}", i.id.value, issue.act.unwrap_or(0)),
            hint: None,
        })?;
    let stored = act.notification.as_ref().ok_or_else(|| Error::Usage {
        message: format!(
            "act #{} of `{}` has no notification number",
            act.number, i.id.value
        ),
        hint: None,
    })?;
    let (register, instrument) = render::entry_context(
        &excerpt.register,
        &excerpt.id,
        &|_: &str| String::new(),
        loc,
    );
    let context = NotificationContext {
        notification: notice(meta, i, act, &stored.number, stored.date, loc),
        register,
        instrument,
        tool: render::tool(&paper.typst.version),
    };
    paper.typeset(&Document {
        template: TEMPLATE,
        kind: KIND,
        context: &context,
        excerpt,
        loc,
        date: stored.date,
        issue,
        pending,
    })
}

fn notice(
    meta: &Meta,
    i: &Instrument,
    act: &Action,
    number: &str,
    date: PartialDate,
    loc: &Locale,
) -> Notice {
    use crate::args;
    let source = meta.language.as_str();
    let state = loc.state(&act.party.value);
    let depositary = meta
        .state
        .as_deref()
        .map_or_else(String::new, |s| loc.state(s));
    let subject =
        format!("{}: {}", state, loc.keyword("action", act.action.as_str())).to_uppercase();
    let marker = render::RECORDED;
    let sentence = loc.fill(
        &format!("notification-{}", act.action.as_str()),
        &args!(
            date = loc.date(act.date.value),
            state = state.clone(),
            title = marker,
            label = act
                .regarding
                .as_ref()
                .or(act.label.as_ref())
                .map_or_else(String::new, |l| l.value.clone()),
            author = author(i, act).map_or_else(String::new, |a| loc.state(a)),
            effective = loc.date(act.takes_effect())
        ),
    );
    // The title in the edition's language where the entry has one.
    let act_text = match i.titles.get(loc.code()).filter(|_| loc.code() != source) {
        Some(t) => Text::Original(sentence.replace(marker, &render::flat(t))),
        None => render::around(&sentence, &render::flat(&i.title), source, loc),
    };
    let effect = effect(i, act, date, loc);
    Notice {
        number: number.to_owned(),
        date: loc.date(date),
        date_iso: date.to_string(),
        subject,
        intro: loc.fill("notification-intro", &args!(depositary = depositary)),
        act: act_text,
        wording: act
            .text
            .as_deref()
            .map(|t| Text::Original(render::paragraphs(t))),
        effect,
    }
}

/// The state whose reservation an objection or a withdrawal answers.
fn author<'i>(i: &'i Instrument, act: &Action) -> Option<&'i str> {
    let label = &act.regarding.as_ref()?.value;
    i.actions
        .iter()
        .find(|a| a.label.as_ref().is_some_and(|l| &l.value == label))
        .map(|a| a.party.value.as_str())
}

/// "The denunciation takes effect on 1 March 2024." / "The instrument
/// enters into force for Turkmenistan on 3 March 2022.", where recorded.
///
/// The tense follows the notification's date `on`: what had happened by
/// then "took effect", what had not "will".
fn effect(i: &Instrument, act: &Action, on: PartialDate, loc: &Locale) -> Option<String> {
    use crate::args;
    let past = |date: PartialDate| date.is_by(on);
    if act.action.is_exit() || act.action == ActionKind::ProvisionalApplication {
        let effective = act.effective.as_ref()?.value;
        let id = if past(effective) {
            "notification-took-effect"
        } else {
            "notification-effective"
        };
        return Some(loc.fill(id, &args!(date = loc.date(effective))));
    }
    if act.action.is_consent() {
        let far = PartialDate::parse("9999-12-31").expect("a date");
        let date = lifecycle::in_force_for(i, &act.party.value, far)?;
        let id = if past(date) {
            "notification-entered-into-force-for"
        } else {
            "notification-in-force-for"
        };
        return Some(loc.fill(
            id,
            &args!(state = loc.state(&act.party.value), date = loc.date(date)),
        ));
    }
    None
}

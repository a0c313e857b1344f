//! An entry as `show` gives it: every field as text for a reader at a
//! terminal ("not recorded" where the register holds no value, inferred
//! values marked, statuses as of a date), or as JSON with the derived
//! statuses added. The command only finds the entry and prints this.

use std::fmt::Write as _;

use crate::register::codes;
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::{
    Action, Attachment, InferredField, Instrument, NOT_RECORDED, Relation, Signatory, Source,
    Target,
};

/// The entry as in its file, with the status derived as of `as_of`, each
/// party's status, and `actions` always present.
pub fn json(i: &Instrument, as_of: PartialDate) -> serde_json::Value {
    let mut value = serde_json::to_value(i).expect("entry serializes");
    let object = value.as_object_mut().expect("an entry is an object");
    let parties: Vec<serde_json::Value> = lifecycle::parties(i, as_of)
        .into_iter()
        .map(|(p, status)| {
            serde_json::json!({
                "state": p.state,
                "body": p.body,
                "status": status.map(|s| s.as_str()),
            })
        })
        .collect();
    object.insert("parties".into(), parties.into());
    object.insert("status".into(), lifecycle::status(i, as_of).as_str().into());
    object.insert(
        "stated_status".into(),
        i.status.as_ref().map(|s| s.value.as_str()).into(),
    );
    object.insert("as_of".into(), as_of.to_string().into());
    // Where no `in_force.date` is stated, the entry into force the acts record.
    if let Some(d) = lifecycle::entry_into_force_from_acts(i) {
        object.insert("in_force_from_acts".into(), d.to_string().into());
    }
    let actions: Vec<serde_json::Value> = i
        .actions
        .iter()
        .map(|a| {
            let mut act = serde_json::to_value(a).expect("an act serializes");
            if let Some(fields) = act.as_object_mut() {
                fields.insert("n".into(), a.number.into());
            }
            act
        })
        .collect();
    object.insert("actions".into(), actions.into());
    value
}

fn or_not_recorded(value: Option<String>) -> String {
    value.unwrap_or_else(|| NOT_RECORDED.to_owned())
}

fn lines<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        return NOT_RECORDED.to_owned();
    }
    items.iter().map(f).collect::<Vec<_>>().join("\n")
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn state(code: &str) -> String {
    format!("{code} ({})", codes::country_name(code).unwrap_or("?"))
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The entry as labelled, wrapped lines.
pub fn text(i: &Instrument, as_of: PartialDate) -> String {
    let mut fields = fields(i, as_of);
    if let Some(w) = &i.withdrawn {
        // First, so that no one reads the entry as part of the register.
        fields.insert(
            0,
            ("Withdrawn", format!("{} – {}", w.date, flat(&w.reason))),
        );
    }
    let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 2;
    let mut out = format!("{}\n", i.id.value);
    for (label, value) in fields {
        let mut label = label;
        for line in value.lines() {
            for (n, part) in wrap(line, WIDTH - width - 2).into_iter().enumerate() {
                let indent = if n == 0 { 0 } else { 2 };
                let _ = writeln!(out, "{label:width$}{:indent$}{part}", "");
                label = "";
            }
        }
    }
    out
}

/// Every field with its label, in the format's order.
fn fields(i: &Instrument, as_of: PartialDate) -> Vec<(&'static str, String)> {
    vec![
        ("Title", flat(&i.title)),
        (
            "Other titles",
            lines(&i.titles.iter().collect::<Vec<_>>(), |(lang, t)| {
                format!("[{lang}] {}", flat(t))
            }),
        ),
        ("Type", i.kind.label()),
        (
            "Level",
            or_not_recorded(
                i.level
                    .map(|l| inferred(i, InferredField::Level, l.label())),
            ),
        ),
        (
            "Parties",
            lines(&lifecycle::parties(i, as_of), |(p, status)| {
                let mut line = match &p.body {
                    Some(body) => format!("{} – {}", state(&p.state), flat(body)),
                    None => format!("{} – signing body {NOT_RECORDED}", state(&p.state)),
                };
                if let Some(s) = status {
                    let _ = write!(line, " [{}]", s.label());
                }
                line
            }),
        ),
        (
            "Depositary",
            or_not_recorded(i.depositary.as_deref().map(depositary)),
        ),
        (
            "Signed on",
            inferred(i, InferredField::SignedDate, i.signed.date.long()),
        ),
        (
            "Signed at",
            or_not_recorded(
                i.signed
                    .place
                    .as_deref()
                    .map(|p| inferred(i, InferredField::SignedPlace, flat(p))),
            ),
        ),
        ("Signatories", lines(&i.signed.signatories, signatory)),
        (
            "Status",
            format!(
                "{} (as of {})",
                lifecycle::status(i, as_of).label(),
                as_of.long()
            ),
        ),
        ("In force", in_force(i)),
        ("Term", term(i)),
        ("Relations", lines(&i.relations, relation)),
        (
            "Subjects",
            or_not_recorded((!i.subjects.is_empty()).then(|| i.subjects.join(", "))),
        ),
        (
            "Languages",
            lines(&i.languages, |l| {
                format!("{l} ({})", codes::language_name(l).unwrap_or("?"))
            }),
        ),
        ("Sources", lines(&i.sources, source)),
        ("Inferred", inferences(i)),
        ("Notes", or_not_recorded(i.notes.as_deref().map(flat))),
        ("Files", lines(&i.files, file)),
        ("Actions", lines(&by_date(&i.actions), |a| action(i, a))),
        ("Registration", registration(i)),
        ("Entry file", i.path.to_string_lossy().replace('\\', "/")),
    ]
}

fn signatory(s: &Signatory) -> String {
    let mut line = s.name.clone();
    if let Some(office) = &s.office {
        let _ = write!(line, ", {office}");
    }
    if let Some(st) = &s.state {
        let _ = write!(line, " ({})", st.value);
    }
    line
}

/// Acts in date order (stable: acts of one day keep their file order).
fn by_date(actions: &[Action]) -> Vec<&Action> {
    let mut sorted: Vec<&Action> = actions.iter().collect();
    sorted.sort_by_key(|a| a.date.value.first_day());
    sorted
}

fn depositary(d: &str) -> String {
    match codes::country_name(d) {
        Some(_) => state(d),
        None => flat(d),
    }
}

/// "#3  2024-11-20  KAZ ratification, effective 2025-01-15 — reference [R1] text (source)":
/// `#3` is the act's place in the file, which `correct --act` and
/// `record --remove` take.
fn action(i: &Instrument, a: &Action) -> String {
    let mut line = format!(
        "#{}  {}  {} {}",
        a.number,
        a.date.value,
        a.party.value,
        a.action.label()
    );
    if i.act_date_inferred(a) {
        line.push_str(" (date inferred)");
    }
    if let Some(e) = &a.effective {
        let _ = write!(line, ", effective {}", e.value);
    }
    if let Some(l) = &a.label {
        let _ = write!(line, " [{}]", l.value);
    }
    if let Some(r) = &a.regarding {
        let _ = write!(line, " regarding {}", r.value);
    }
    for part in [&a.reference, &a.text, &a.note].into_iter().flatten() {
        let _ = write!(line, " — {}", flat(part));
    }
    if let Some(s) = &a.source {
        let _ = write!(line, " (source: {})", s.value);
    }
    line
}

/// `value` followed by "(inferred)" where the editors inferred `field`:
/// an archivist reading the entry sees what the PDF prints in brackets.
fn inferred(i: &Instrument, field: InferredField, value: String) -> String {
    if i.is_inferred(field) {
        format!("{value} (inferred)")
    } else {
        value
    }
}

/// "signed.date — reason", one a line; "none" where nothing is inferred
/// (which is known, not unrecorded).
fn inferences(i: &Instrument) -> String {
    if i.inferred.is_empty() {
        return "none".into();
    }
    lines(&i.inferred, |x| {
        format!("{} — {}", x.field.value, flat(&x.reason))
    })
}

fn registration(i: &Instrument) -> String {
    let Some(r) = &i.registration else {
        return "no registration recorded".into();
    };
    let mut line = format!("No. {}, {}", r.number, r.date.value.long());
    if let Some(by) = &r.by {
        let _ = write!(line, ", by {}", by.value);
    }
    if let Some(c) = &r.citation {
        let _ = write!(line, ", {}", flat(c));
    }
    line
}

/// The stated date of entry into force; where none is stated but the
/// parties' acts record it, that date, marked as taken from the acts.
fn in_force(i: &Instrument) -> String {
    let from_acts =
        lifecycle::entry_into_force_from_acts(i).map(|d| format!("{} (from the acts)", d.long()));
    let date = i.in_force.as_ref().and_then(|f| f.date).map(|d| d.long());
    let date = date.or(from_acts).unwrap_or(NOT_RECORDED.to_owned());
    match i.in_force.as_ref().and_then(|f| f.note.as_deref()) {
        Some(note) => format!("{date} ({})", flat(note)),
        None => date,
    }
}

fn term(i: &Instrument) -> String {
    match &i.term {
        None => NOT_RECORDED.to_owned(),
        Some(t) => format!(
            "from {} to {}",
            t.from.map_or(NOT_RECORDED.to_owned(), |d| d.long()),
            t.to.map_or(NOT_RECORDED.to_owned(), |d| d.long())
        ),
    }
}

fn relation(r: &Relation) -> String {
    match &r.target {
        Target::Id(id) => format!("{} {}", capitalized(r.kind.as_str()), id.value),
        Target::External { title, date } => format!(
            "{} {} of {}",
            capitalized(r.kind.as_str()),
            flat(title),
            date.long()
        ),
    }
}

fn source(s: &Source) -> String {
    let mut line = flat(&s.title);
    if let Some(d) = s.date {
        let _ = write!(line, " ({})", d.long());
    }
    for part in [&s.publisher, &s.url, &s.note].into_iter().flatten() {
        let _ = write!(line, " — {}", flat(part));
    }
    line
}

fn file(f: &Attachment) -> String {
    let mut line = format!("register/{}", f.path.value);
    if let Some(d) = &f.description {
        let _ = write!(line, " – {}", flat(d));
    }
    if let Some(h) = &f.sha256 {
        let _ = write!(line, " (sha256 {})", h.value);
    }
    line
}

/// Lines are wrapped to this many characters, labels included.
const WIDTH: usize = 100;

/// Greedy word wrap; a word longer than the width stands on its own line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

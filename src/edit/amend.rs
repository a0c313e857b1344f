//! What `edit` may change in an entry, and making those changes.
//!
//! The settable fields are the scalars of the format, named by dotted path
//! (`signed.place`, `titles.ru`); each has the validation `add` gives the
//! same value (dates, ISO codes, keywords with "did you mean"), so a typo
//! is told before the file is even read. The changes are then made one
//! after another on the text with [`super::fields`], and the result goes
//! through [`super::entry`] like every other write.

use std::path::Path;

use crate::edit::add::{choice, date_answer, state_answer};
use crate::edit::entry::{self, Refusal};
use crate::edit::fields::{Doc, Layout, Step};
use crate::error::{Error, Result};
use crate::register::codes;
use crate::register::date::PartialDate;
use crate::register::model::{InstrumentType, Level, Status};
use crate::register::suggest;

/// What a settable field holds, for validating a new value.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Date,
    Type,
    Level,
    Status,
}

/// A settable field: its dotted name, kind, and whether it is required.
struct Field {
    name: &'static str,
    kind: Kind,
    required: bool,
}

const fn field(name: &'static str, kind: Kind, required: bool) -> Field {
    Field {
        name,
        kind,
        required,
    }
}

/// Every field `edit` sets, in the format's order. `titles.LANG` stands
/// for a title in any ISO 639-1 language.
const FIELDS: &[Field] = &[
    field("title", Kind::Text, true),
    field("titles.LANG", Kind::Text, false),
    field("type", Kind::Type, true),
    field("level", Kind::Level, false),
    field("signed.date", Kind::Date, true),
    field("signed.place", Kind::Text, false),
    field("status", Kind::Status, false),
    field("in_force.date", Kind::Date, false),
    field("in_force.note", Kind::Text, false),
    field("term.from", Kind::Date, false),
    field("term.to", Kind::Date, false),
    field("notes", Kind::Text, false),
    field("depositary", Kind::Text, false),
    field("registration.number", Kind::Text, true),
    field("registration.date", Kind::Date, true),
    field("registration.by", Kind::Text, false),
    field("registration.citation", Kind::Text, false),
];

/// Fields of the format that are not single values, and what changes them.
const NOT_SCALARS: &[(&str, &str)] = &[
    (
        "parties",
        "add one with `--add-party STATE[=BODY]`; change others in the file",
    ),
    ("actions", "acts are added with `treaty-register record`"),
    (
        "registration",
        "set its fields: `registration.number`, `registration.date`, …",
    ),
    ("signed", "set `signed.date` or `signed.place`"),
    ("in_force", "set `in_force.date` or `in_force.note`"),
    ("term", "set `term.from` or `term.to`"),
    (
        "titles",
        "set a title by language: `titles.ru`, `titles.kk`, …",
    ),
    ("signed.signatories", "it is a list: change it in the file"),
    ("sources", "it is a list: change it in the file"),
    ("relations", "it is a list: change it in the file"),
    ("subjects", "it is a list: change it in the file"),
    ("languages", "it is a list: change it in the file"),
    ("files", "it is a list: change it in the file"),
];

/// One change, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Set { field: String, value: String },
    Unset { field: String },
    AddParty { state: String, body: Option<String> },
}

impl Change {
    /// "set signed.place", "unset notes", "added party TUR".
    pub fn describe(&self) -> String {
        match self {
            Change::Set { field, .. } => format!("set {field}"),
            Change::Unset { field } => format!("unset {field}"),
            Change::AddParty { state, .. } => format!("added the party {state}"),
        }
    }
}

fn usage(message: String, hint: impl Into<String>) -> Error {
    Error::Usage {
        message,
        hint: Some(hint.into()),
    }
}

/// The settable field `name` names, or a usage error with "did you mean".
fn lookup(name: &str, flag: &str) -> Result<&'static Field> {
    if let Some(lang) = name.strip_prefix("titles.") {
        if codes::language_name(lang).is_some() {
            return Ok(&FIELDS[1]);
        }
        // `rus` and `RU` mean `ru`.
        let near = codes::language_suggestion(lang).or_else(|| {
            let two: String = lang.to_lowercase().chars().take(2).collect();
            codes::language_suggestion(&two)
        });
        let hint = match near {
            Some(near) => format!("did you mean `titles.{near}`?"),
            None => "the language is an ISO 639-1 code: `titles.ru`, `titles.kk`, …".into(),
        };
        return Err(usage(
            format!("{flag} `{name}`: `{lang}` is not an ISO 639-1 language code"),
            hint,
        ));
    }
    if let Some(f) = FIELDS.iter().find(|f| f.name == name) {
        return Ok(f);
    }
    if name == "id" {
        return Err(usage(
            format!("{flag} `id`: an entry's id cannot be changed"),
            "ids are never changed or reused: withdraw the entry \
             (`treaty-register withdraw`) and add it anew with `treaty-register add`",
        ));
    }
    if let Some((_, why)) = NOT_SCALARS.iter().find(|(n, _)| *n == name) {
        return Err(usage(
            format!("{flag} `{name}`: it is not a single value"),
            *why,
        ));
    }
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
    // `place` is `signed.place`: a last part that names one field is meant.
    let by_last: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.rsplit('.').next() == Some(name) && n.contains('.'))
        .collect();
    let near = match by_last.as_slice() {
        [one] => Some(*one),
        _ => suggest::closest(name, &names),
    };
    let list = names.join(", ");
    Err(usage(
        format!("{flag} `{name}`: no such field"),
        match near {
            Some(near) => format!("did you mean `{near}`? (the fields: {list})"),
            None => format!("the fields: {list}"),
        },
    ))
}

/// Whether `name` is a field `--set` takes (a usage error with "did you
/// mean" if not).
pub fn settable(name: &str) -> Result<()> {
    lookup(name.trim(), "--set").map(|_| ())
}

/// `FIELD=VALUE` of `--set`, validated as `add` validates the same value.
pub fn set(arg: &str) -> Result<Change> {
    let Some((name, value)) = arg.split_once('=') else {
        return Err(usage(
            format!("--set `{arg}`: expected FIELD=VALUE"),
            "e.g. `--set signed.place=Astana`",
        ));
    };
    let (name, value) = (name.trim(), value.trim());
    let field = lookup(name, "--set")?;
    if value.is_empty() {
        return Err(usage(
            format!("--set `{name}=`: no value"),
            format!("to remove the field, use `--unset {name}`"),
        ));
    }
    let checked = match field.kind {
        Kind::Text => Ok(value.to_owned()),
        Kind::Date => date_answer(value),
        Kind::Type => choice(InstrumentType::parse, InstrumentType::NAMES)(value),
        Kind::Level => choice(Level::parse, Level::NAMES)(value),
        Kind::Status => choice(Status::parse, Status::NAMES)(value),
    };
    let value = checked.map_err(|why| Error::Usage {
        message: format!("invalid --set {name}: {why}"),
        hint: None,
    })?;
    Ok(Change::Set {
        field: name.to_owned(),
        value,
    })
}

/// `FIELD` of `--unset`; required fields are refused.
pub fn unset(name: &str) -> Result<Change> {
    let name = name.trim();
    let field = lookup(name, "--unset")?;
    if field.required {
        let whole = name.split_once('.').map_or(name, |(p, _)| p);
        let hint = if whole == "registration" {
            "the registration block needs its number and date".to_owned()
        } else {
            format!("give it another value with `--set {name}=…`")
        };
        return Err(usage(
            format!("--unset `{name}`: the field is required"),
            hint,
        ));
    }
    Ok(Change::Unset {
        field: name.to_owned(),
    })
}

/// `STATE[=BODY]` of `--add-party`, the state an ISO 3166-1 alpha-3 code.
pub fn add_party(arg: &str) -> Result<Change> {
    let party = crate::edit::add::party(arg).map_err(|_| {
        usage(
            format!("--add-party `{arg}`: no state code"),
            "write `--add-party TUR=\"Government of the Republic of Türkiye\"`",
        )
    })?;
    let state = state_answer(&party.state).map_err(|why| Error::Usage {
        message: format!("invalid --add-party: {why}"),
        hint: None,
    })?;
    Ok(Change::AddParty {
        state,
        body: party.body,
    })
}

/// Where new keys go in the mapping at `path`: the format's order.
pub fn order(path: &[Step]) -> &'static [&'static str] {
    match path {
        [] => crate::register::decode::INSTRUMENT_FIELDS,
        [Step::Key("signed")] => &["date", "place", "signatories"],
        [Step::Key("in_force")] => &["date", "note"],
        [Step::Key("term")] => &["from", "to"],
        [Step::Key("registration")] => crate::register::decode::REGISTRATION_FIELDS,
        _ => &[],
    }
}

/// The entry's text with `changes` made one after another.
pub fn apply(text: &str, changes: &[Change]) -> std::result::Result<String, Layout> {
    let mut text = text.to_owned();
    for change in changes {
        let doc = Doc::parse(&text)?;
        let new = match change {
            Change::Set { field, value } => {
                let path: Vec<Step> = field.split('.').map(Step::Key).collect();
                doc.set(&path, value, &order)?
            }
            Change::Unset { field } => {
                let path: Vec<Step> = field.split('.').map(Step::Key).collect();
                doc.remove(&path)?.unwrap_or_else(|| text.clone())
            }
            Change::AddParty { state, body } => {
                let mut item = vec![("state", state.as_str())];
                if let Some(body) = body {
                    item.push(("body", body));
                }
                doc.append_item(&[Step::Key("parties")], &item)?
            }
        };
        text = new;
    }
    Ok(text)
}

/// The entry `id` with `changes` made, checked and (unless `dry_run`)
/// written under the folder's lock in one rename ([`entry::rewrite`]).
/// Returns the old and the new text.
pub fn edit(
    root: &Path,
    id: &str,
    changes: &[Change],
    as_of: PartialDate,
    dry_run: bool,
) -> Result<std::result::Result<(String, String), Refusal>> {
    let outcome = entry::rewrite(root, id, as_of, dry_run, |old| {
        apply(old, changes)
            .map(|new| (new, ()))
            .map_err(|l| Refusal::Layout(l.message, l.hint))
    })?;
    Ok(outcome.map(|(old, new, ())| (old, new)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: Error) -> (String, Option<String>) {
        match e {
            Error::Usage { message, hint } => (message, hint),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn values_are_validated_like_add() {
        assert_eq!(
            set("signed.place=Astana").unwrap(),
            Change::Set {
                field: "signed.place".into(),
                value: "Astana".into()
            }
        );
        let (m, _) = message(set("signed.date=2024-02-30").unwrap_err());
        assert!(m.contains("not a valid date"), "{m}");
        let (m, _) = message(set("type=agrement").unwrap_err());
        assert!(m.contains("did you mean `agreement`"), "{m}");
        let (_, h) = message(set("signed.plase=X").unwrap_err());
        assert!(h.unwrap().starts_with("did you mean `signed.place`?"));
        let (_, h) = message(set("place=X").unwrap_err());
        assert!(h.unwrap().starts_with("did you mean `signed.place`?"));
        let (_, h) = message(set("titles.rus=X").unwrap_err());
        assert_eq!(h.unwrap(), "did you mean `titles.ru`?");
        assert!(set("titles.kk=Келісім").is_ok());
        let (m, h) = message(set("id=A-9").unwrap_err());
        assert!(m.contains("cannot be changed") && h.unwrap().contains("withdraw"));
        assert!(unset("title").is_err() && unset("signed.date").is_err());
        assert!(unset("signed.place").is_ok());
        assert_eq!(
            add_party("tur=Government").unwrap(),
            Change::AddParty {
                state: "TUR".into(),
                body: Some("Government".into())
            }
        );
        assert!(add_party("XXY").is_err());
    }

    #[test]
    fn changes_are_made_in_turn() {
        let text = "id: A\ntitle: T\nparties:\n  - state: KAZ\nsigned:\n  date: 2024\n  place: X\nnotes: n\n";
        let new = apply(
            text,
            &[
                set("signed.place=Astana").unwrap(),
                unset("notes").unwrap(),
                set("in_force.date=2025").unwrap(),
                add_party("UZB").unwrap(),
            ],
        )
        .unwrap();
        assert_eq!(
            new,
            "id: A\ntitle: T\nparties:\n  - state: KAZ\n  - state: UZB\nsigned:\n  date: 2024\n  place: Astana\nin_force:\n  date: 2025\n"
        );
    }
}

//! The register as bulk data, `out/html/data/`: `register.json` (every
//! instrument as `show --format json` gives it, with its acts' ids, its
//! page and the digest of its file), its JSON Schema
//! `register.schema.json`, and `instruments.csv` and `acts.csv` (UTF-8,
//! a header row, one row per instrument or act). Like every page, they
//! are outputs of the build: in the manifest, verified, published.

use serde_json::{Value, json};

use crate::error::Result;
use crate::publish::events::{self, Uris, What};
use crate::publish::render::{Context, InstrumentContext};
use crate::publish::spool::{self, Spool};
use crate::register::model::Register;
use crate::register::show;
use crate::support::csv_cell;

/// The folder of the data files under `out/html/`.
pub const DIR: &str = "data";

/// The schema `register.json` is valid against (JSON Schema 2020-12).
pub const SCHEMA: &str = include_str!("../../../schema/register-data.schema.json");

/// Writes the data files into `spool`; returns their entries.
pub fn write(
    spool: &Spool,
    context: &Context,
    register: &Register,
    uris: &Uris,
) -> Result<Vec<spool::Entry>> {
    let at = |file: &str| format!("{}/{DIR}/{file}", super::DIR);
    let pages: Vec<(&InstrumentContext, &crate::register::model::Instrument)> = context
        .instruments
        .iter()
        .zip(&register.instruments)
        .collect();
    let json = document(context, register, &pages, uris);
    Ok(vec![
        spool.write(&at("register.json"), &json)?,
        spool.write(&at("register.schema.json"), SCHEMA.as_bytes())?,
        spool.write(
            &at("instruments.csv"),
            instruments_csv(&pages, uris).as_bytes(),
        )?,
        spool.write(&at("acts.csv"), acts_csv(register, uris).as_bytes())?,
    ])
}

/// `{"register": {…}, "instruments": […]}`, pretty-printed, each
/// instrument serialized on its own (on every core) and the text joined:
/// at 100,000 instruments no tree of the whole register is held.
fn document(
    context: &Context,
    register: &Register,
    pages: &[(&InstrumentContext, &crate::register::model::Instrument)],
    uris: &Uris,
) -> Vec<u8> {
    let meta = &register.meta;
    let head = json!({
        "title": meta.title,
        "series": meta.series,
        "authority": meta.authority,
        "language": meta.language,
        "as_of": meta.as_of.to_string(),
        "id_prefix": meta.id_prefix,
        "base_url": meta.base_url,
        "register_digest": context.checksums.register_digest,
        "edition": context.edition.as_ref().map(|e| e.number),
    });
    let indent = |text: String| text.replace('\n', "\n    ");
    let entries: Vec<String> = crate::support::parallel::map(pages, |(page, i)| {
        let value = instrument(page, i, register.meta.as_of, uris);
        indent(serde_json::to_string_pretty(&value).expect("an entry serializes"))
    });
    let mut out = String::from("{\n  \"register\": ");
    out.push_str(
        &serde_json::to_string_pretty(&head)
            .expect("the register serializes")
            .replace('\n', "\n  "),
    );
    out.push_str(",\n  \"instruments\": [");
    for (k, entry) in entries.iter().enumerate() {
        out.push_str(if k == 0 { "\n    " } else { ",\n    " });
        out.push_str(entry);
    }
    out.push_str(if entries.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out.into_bytes()
}

/// One instrument as `show --format json` gives it, with its acts' URIs
/// and keys, its number, identifier, page, file and digest.
fn instrument(
    page: &InstrumentContext,
    i: &crate::register::model::Instrument,
    as_of: crate::register::date::PartialDate,
    uris: &Uris,
) -> Value {
    let mut value = show::json(i, as_of);
    let object = value.as_object_mut().expect("an entry is an object");
    let ids: std::collections::HashMap<u32, (String, String)> = events::of(i)
        .iter()
        .filter_map(|e| match e.what {
            What::Act(a) => Some((a.number, (uris.event(e), e.key.clone()))),
            What::Registration(_) => None,
        })
        .collect();
    if let Some(Value::Array(acts)) = object.get_mut("actions") {
        for act in acts.iter_mut() {
            let n = act.get("n").and_then(Value::as_u64).unwrap_or(0);
            if let (Some(fields), Some((uri, key))) = (act.as_object_mut(), ids.get(&(n as u32))) {
                fields.insert("uri".into(), uri.clone().into());
                fields.insert("key".into(), key.clone().into());
            }
        }
    }
    object.insert("number".into(), page.number.into());
    object.insert("uri".into(), uris.instrument(i).into());
    object.insert(
        "page".into(),
        uris.link("", &format!("instruments/{}.html", page.id))
            .into(),
    );
    object.insert("file".into(), page.path.clone().into());
    object.insert("sha256".into(), page.sha256.clone().into());
    value
}

fn row(cells: &[&str]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_cell::field(c))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// One row per instrument.
fn instruments_csv(
    pages: &[(&InstrumentContext, &crate::register::model::Instrument)],
    uris: &Uris,
) -> String {
    let mut out = row(&[
        "id",
        "number",
        "type",
        "title",
        "signed",
        "status",
        "in_force",
        "parties",
        "un_registration",
        "uri",
        "page",
        "sha256",
        "inferred",
    ]);
    for (page, i) in pages {
        let in_force = crate::register::lifecycle::first_entry_into_force(i)
            .map(|d| d.to_string())
            .unwrap_or_default();
        out.push_str(&row(&[
            &page.id,
            &page.number.to_string(),
            i.kind.as_str(),
            &page.title,
            &page.signed_on_iso,
            page.status_keyword,
            &in_force,
            &page.party_codes,
            page.registration_number.as_deref().unwrap_or(""),
            &uris.instrument(i),
            &uris.link("", &format!("instruments/{}.html", page.id)),
            &page.sha256,
            &inferred(i),
        ]));
    }
    out
}

/// The fields the entry infers (`signed.date signed.place`): a value
/// read from the occasion, not stated by a source, is never passed off as
/// stated.
fn inferred(i: &crate::register::model::Instrument) -> String {
    i.inferred
        .iter()
        .map(|x| x.field.value.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row per act and registration, in the register's order; an act
/// dated by the inferred date of signature says so in `date_inferred`.
fn acts_csv(register: &Register, uris: &Uris) -> String {
    let mut out = row(&[
        "uri",
        "key",
        "instrument",
        "party",
        "action",
        "date",
        "effective",
        "reference",
        "label",
        "regarding",
        "notification",
        "page",
        "date_inferred",
    ]);
    for e in register.instruments.iter().flat_map(events::of) {
        let id = &e.instrument.id.value;
        let page = format!(
            "{}#{}",
            uris.link("", &format!("instruments/{id}.html")),
            e.anchor()
        );
        let date = e.date.to_string();
        let (effective, reference, label, regarding, notification) = match e.what {
            What::Act(a) => (
                a.effective.as_ref().map(|d| d.value.to_string()),
                a.reference.clone(),
                a.label.as_ref().map(|l| l.value.clone()),
                a.regarding.as_ref().map(|r| r.value.clone()),
                a.notification.as_ref().map(|n| n.number.clone()),
            ),
            What::Registration(r) => (None, Some(r.number.clone()), None, None, None),
        };
        out.push_str(&row(&[
            &uris.event(&e),
            &e.key,
            id,
            e.party().unwrap_or(""),
            e.keyword(),
            &date,
            effective.as_deref().unwrap_or(""),
            reference.as_deref().unwrap_or(""),
            label.as_deref().unwrap_or(""),
            regarding.as_deref().unwrap_or(""),
            notification.as_deref().unwrap_or(""),
            &page,
            match e.what {
                What::Act(a) if e.instrument.act_date_inferred(a) => "yes",
                _ => "",
            },
        ]));
    }
    out
}

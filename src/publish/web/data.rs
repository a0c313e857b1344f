//! The register as bulk data, `out/html/data/`: `register.json` (every
//! instrument as `show --format json` gives it, with its acts' ids, its
//! page and the digest of its file), its JSON Schema
//! `register.schema.json`, and `instruments.csv` and `acts.csv` (UTF-8,
//! a header row, one row per instrument or act). Like every page, they
//! are outputs of the build: in the manifest, verified, published. Each
//! is streamed into its file, never held whole.

use std::io::Write;

use serde_json::{Value, json};

use crate::error::Result;
use crate::publish::events::{self, Uris, What};
use crate::publish::render::{Context, InstrumentContext};
use crate::publish::revisions::Revisions;
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
    revisions: &Revisions,
) -> Result<Vec<spool::Entry>> {
    let at = |file: &str| format!("{}/{DIR}/{file}", super::DIR);
    let pages: Vec<(&InstrumentContext, &crate::register::model::Instrument)> = context
        .instruments
        .iter()
        .zip(&register.instruments)
        .collect();
    Ok(vec![
        spool.write_streamed(&at("register.json"), |out| {
            document(out, context, register, &pages, uris, revisions)
        })?,
        spool.write(&at("register.schema.json"), SCHEMA.as_bytes())?,
        spool.write_streamed(&at("instruments.csv"), |out| {
            instruments_csv(out, &pages, uris)
        })?,
        spool.write_streamed(&at("acts.csv"), |out| {
            acts_csv(out, register, uris, revisions)
        })?,
    ])
}

/// Instruments serialized at once, on every core, before they are
/// written: enough to keep the cores busy, few enough that the file is
/// never held whole (at 100,000 entries it is hundreds of megabytes).
const BATCH: usize = 2048;

/// `{"register": {…}, "instruments": [ … ]}`, one instrument a line
/// (compact: pretty-printing doubled the file), serialized a batch at a
/// time on every core and streamed into `out`.
fn document(
    out: &mut dyn Write,
    context: &Context,
    register: &Register,
    pages: &[(&InstrumentContext, &crate::register::model::Instrument)],
    uris: &Uris,
    revisions: &Revisions,
) -> std::io::Result<()> {
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
    write!(
        out,
        "{{\"register\":{},\"instruments\":[",
        serde_json::to_string(&head).expect("the register serializes")
    )?;
    let mut first = true;
    for batch in pages.chunks(BATCH) {
        let entries: Vec<String> = crate::support::parallel::map(batch, |(page, i)| {
            let value = instrument(page, i, register.meta.as_of, uris, revisions);
            serde_json::to_string(&value).expect("an entry serializes")
        });
        for entry in entries {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            out.write_all(entry.as_bytes())?;
            first = false;
        }
    }
    out.write_all(b"\n]}\n")
}

/// One instrument as `show --format json` gives it, with its acts' URIs
/// and keys, its number, identifier, page, file and digest.
fn instrument(
    page: &InstrumentContext,
    i: &crate::register::model::Instrument,
    as_of: crate::register::date::PartialDate,
    uris: &Uris,
    revisions: &Revisions,
) -> Value {
    let mut value = show::json(i, as_of);
    let object = value.as_object_mut().expect("an entry is an object");
    let ids: std::collections::HashMap<u32, (String, String, String)> = events::of(i)
        .iter()
        .filter_map(|e| match e.what {
            What::Act(a) => Some((
                a.number,
                (
                    uris.event(e),
                    e.key.clone(),
                    revisions.updated(e).to_string(),
                ),
            )),
            What::Registration(_) => None,
        })
        .collect();
    if let Some(Value::Array(acts)) = object.get_mut("actions") {
        for act in acts.iter_mut() {
            let n = act.get("n").and_then(Value::as_u64).unwrap_or(0);
            if let (Some(fields), Some((uri, key, updated))) =
                (act.as_object_mut(), ids.get(&(n as u32)))
            {
                fields.insert("uri".into(), uri.clone().into());
                fields.insert("key".into(), key.clone().into());
                fields.insert("updated".into(), updated.clone().into());
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
    out: &mut dyn Write,
    pages: &[(&InstrumentContext, &crate::register::model::Instrument)],
    uris: &Uris,
) -> std::io::Result<()> {
    out.write_all(
        row(&[
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
        ])
        .as_bytes(),
    )?;
    for (page, i) in pages {
        let in_force = crate::register::lifecycle::first_entry_into_force(i)
            .map(|d| d.to_string())
            .unwrap_or_default();
        out.write_all(
            row(&[
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
            ])
            .as_bytes(),
        )?;
    }
    Ok(())
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
/// dated by the inferred date of signature says so in `date_inferred`, and
/// `updated` is the feeds' (a corrected act's, the correcting edition's).
fn acts_csv(
    out: &mut dyn Write,
    register: &Register,
    uris: &Uris,
    revisions: &Revisions,
) -> std::io::Result<()> {
    out.write_all(
        row(&[
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
            "updated",
        ])
        .as_bytes(),
    )?;
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
        out.write_all(
            row(&[
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
                &revisions.updated(&e).to_string(),
            ])
            .as_bytes(),
        )?;
    }
    Ok(())
}

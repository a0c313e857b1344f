//! The web edition: `out/html/`, static pages rendered from the same
//! render context and the same minijinja environment as the PDF, with
//! escaping for HTML a property of the environment (templates named
//! `*.html.j2`). Files a server or a USB stick can carry as they are: no
//! external fonts, scripts or trackers, and a search that works from
//! `file://` because its index is a script, not a fetched file.
//!
//! Pages: `index.html` (every instrument, sortable, searchable, `?q=`),
//! `instruments/<ID>.html` (every field, participants, acts, relations as
//! links, JSON-LD), `by-party.html`, `by-type.html`, `by-subject.html`,
//! `by-status.html`, `about.html` (metadata, foreword, digest, downloads),
//! `register.csv` and `register.json`, `style.css`, `search.js` and
//! `search-index.js`. All of them are outputs of the build: listed in the
//! manifest and published with the PDF as one unit.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::render::{self, Context, InstrumentContext, Templates};
use crate::register::codes;
use crate::register::lifecycle;
use crate::register::model::Register;

/// Where the edition goes, under `out/`.
pub const DIR: &str = "html";

/// Every file of the web edition: its path under `out/` and its bytes.
pub fn pages(
    templates: &Templates,
    templates_dir: &Path,
    context: &Context,
    register: &Register,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let page = |name: &str, root: &str, extra: serde_json::Value| -> Result<Vec<u8>> {
        let context = Page {
            register: &context.register,
            checksums: &context.checksums,
            tool: &context.tool,
            edition: context.edition.as_ref(),
            instruments: &context.instruments,
            root,
            extra,
        };
        Ok(templates
            .render(&format!("{}/{name}", render::HTML_DIR), &context)?
            .into_bytes())
    };
    out.push((
        format!("{DIR}/index.html"),
        page("index.html.j2", "", serde_json::json!({}))?,
    ));
    for i in &context.instruments {
        let bytes = page("instrument.html.j2", "../", serde_json::json!({ "i": i }))?;
        out.push((format!("{DIR}/instruments/{}.html", i.id), bytes));
    }
    for (file, heading, groups) in indexes(register, &context.instruments) {
        let extra = serde_json::json!({ "heading": heading, "groups": groups });
        out.push((format!("{DIR}/{file}"), page("group.html.j2", "", extra)?));
    }
    out.push((
        format!("{DIR}/about.html"),
        page("about.html.j2", "", serde_json::json!({}))?,
    ));
    out.push((
        format!("{DIR}/search-index.js"),
        search_index(&context.instruments),
    ));
    out.push((
        format!("{DIR}/register.csv"),
        csv(&context.instruments).into_bytes(),
    ));
    let mut json =
        serde_json::to_string_pretty(&rows(&context.instruments)).expect("rows serialize");
    json.push('\n');
    out.push((format!("{DIR}/register.json"), json.into_bytes()));
    for file in ["style.css", "search.js"] {
        let path = templates_dir.join(render::HTML_DIR).join(file);
        let bytes = std::fs::read(&path).map_err(|source| Error::Read { path, source })?;
        out.push((format!("{DIR}/{file}"), bytes));
    }
    Ok(out)
}

/// What every page sees: the register's own context and its page's.
#[derive(Serialize)]
struct Page<'a> {
    register: &'a render::RegisterContext,
    checksums: &'a render::Checksums,
    tool: &'a render::Tool,
    edition: Option<&'a render::EditionContext>,
    instruments: &'a [InstrumentContext],
    /// The way back to `out/html/`: "" or "../".
    root: &'a str,
    #[serde(flatten)]
    extra: serde_json::Value,
}

#[derive(Serialize)]
struct Group {
    heading: String,
    anchor: String,
    entries: Vec<EntryLink>,
}

#[derive(Serialize, Clone)]
struct EntryLink {
    number: usize,
    id: String,
    title: String,
}

/// The index pages: by party (state), type, subject and status.
fn indexes(
    register: &Register,
    instruments: &[InstrumentContext],
) -> Vec<(&'static str, &'static str, Vec<Group>)> {
    let link = |i: &InstrumentContext| EntryLink {
        number: i.number,
        id: i.id.clone(),
        title: i.title.clone(),
    };
    let mut party: BTreeMap<String, Vec<EntryLink>> = BTreeMap::new();
    let mut kind: BTreeMap<String, Vec<EntryLink>> = BTreeMap::new();
    let mut subject: BTreeMap<String, Vec<EntryLink>> = BTreeMap::new();
    let mut status: BTreeMap<crate::register::model::Status, Vec<EntryLink>> = BTreeMap::new();
    for (i, model) in instruments.iter().zip(&register.instruments) {
        for p in &i.parties {
            let list = party
                .entry(format!("{} ({})", p.state_name, p.state))
                .or_default();
            if list.last().is_none_or(|e| e.id != i.id) {
                list.push(link(i));
            }
        }
        kind.entry(i.kind.clone()).or_default().push(link(i));
        for s in &i.subjects {
            subject.entry(s.clone()).or_default().push(link(i));
        }
        status
            .entry(lifecycle::status(model, register.meta.as_of))
            .or_default()
            .push(link(i));
    }
    let groups = |map: BTreeMap<String, Vec<EntryLink>>| -> Vec<Group> {
        map.into_iter()
            .map(|(heading, entries)| Group {
                anchor: anchor(&heading),
                heading,
                entries,
            })
            .collect()
    };
    let by_status = status
        .into_iter()
        .map(|(s, e)| (capitalize(&s.label()), e))
        .collect::<Vec<_>>();
    vec![
        ("by-party.html", "Instruments by party", groups(party)),
        ("by-type.html", "Instruments by type", groups(kind)),
        ("by-subject.html", "Instruments by subject", groups(subject)),
        (
            "by-status.html",
            "Instruments by status",
            by_status
                .into_iter()
                .map(|(heading, entries)| Group {
                    anchor: anchor(&heading),
                    heading,
                    entries,
                })
                .collect(),
        ),
    ]
}

fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// One row of the downloads, as `list --format json` gives it.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    signed: &'a str,
    status: &'a str,
    title: &'a str,
    parties: String,
    page: String,
}

fn rows(instruments: &[InstrumentContext]) -> Vec<Row<'_>> {
    instruments
        .iter()
        .map(|i| Row {
            id: &i.id,
            kind: &i.kind,
            signed: &i.signed_on_iso,
            status: &i.status,
            title: &i.title,
            parties: i.party_codes.clone(),
            page: format!("instruments/{}.html", i.id),
        })
        .collect()
}

/// RFC 4180: fields quoted when they hold a comma, quote or line break.
fn csv(instruments: &[InstrumentContext]) -> String {
    let field = |v: &str| {
        if v.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_owned()
        }
    };
    let mut out = String::from("id,type,signed,status,title,parties,page\r\n");
    for r in rows(instruments) {
        let cols = [
            r.id, r.kind, r.signed, r.status, r.title, &r.parties, &r.page,
        ];
        out.push_str(&cols.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// `window.REGISTER_INDEX = […]`: what the search looks in, as a script so
/// that it loads from `file://`. `<` is escaped so that no text can close
/// the script.
fn search_index(instruments: &[InstrumentContext]) -> Vec<u8> {
    let entries: Vec<serde_json::Value> = instruments
        .iter()
        .map(|i| {
            let mut parties: Vec<String> = Vec::new();
            for p in &i.parties {
                parties.push(p.state.clone());
                parties.push(p.state_name.clone());
                if let Some(body) = &p.body {
                    parties.push(body.clone());
                }
                if let Some(name) = codes::country_name(&p.state) {
                    parties.push(name.to_owned());
                }
            }
            serde_json::json!({
                "id": i.id,
                "title": i.title,
                "titles": i.titles.iter().map(|t| t.title.clone()).collect::<Vec<_>>(),
                "parties": parties,
                "subjects": i.subjects,
            })
        })
        .collect();
    let json = serde_json::to_string(&entries)
        .expect("the index serializes")
        .replace('<', "\\u003c");
    format!("window.REGISTER_INDEX = {json};\n").into_bytes()
}

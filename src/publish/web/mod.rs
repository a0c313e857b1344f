//! The web edition: `out/html/`, static pages rendered from the same
//! render context and the same minijinja environment as the PDF, with
//! escaping for HTML a property of the environment (templates named
//! `*.html.j2`). Files a server or a USB stick can carry as they are: no
//! external fonts, scripts or trackers, and a search that works from
//! `file://` because its index is a script, not a fetched file.
//!
//! Pages: `index.html` (every instrument, sortable, searchable, `?q=`; in
//! pages of [`PAGE`] rows, `index-2.html` …, for large registers),
//! `instruments/<ID>.html` (every field, participants, acts, relations as
//! links, JSON-LD), `by-party.html`, `by-type.html`, `by-subject.html`,
//! `by-status.html`, `about.html` (metadata, foreword, withdrawn entries,
//! digest, downloads),
//! `register.csv` and `register.json`, `style.css`, `search.js` and its
//! index in `search/` ([`search`]); the open data — Atom feeds ([`feeds`]), bulk data
//! ([`data`]), JSON-LD and `sitemap.xml` ([`linked`]). All of them are
//! outputs of the build: listed in the manifest and published with the
//! PDF as one unit.

pub mod data;
pub mod feeds;
pub mod linked;
pub mod search;

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::Value;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::events::Uris;
use crate::publish::render::{self, Context, InstrumentContext, Templates};
use crate::publish::revisions::Revisions;
use crate::publish::spool::{Entry, Spool};
use crate::register::lifecycle;
use crate::register::model::{InferredField, Instrument, Register};

/// Where the edition goes, under `out/`.
pub const DIR: &str = "html";

/// Rows of the list per page: a register of 100,000 instruments is listed
/// on 100 pages, each quick to load; the search covers all of them.
pub const PAGE: usize = 1000;

/// Writes every file of the web edition into `spool` (paths under
/// `out/`), the instrument pages in parallel, one page in memory per core;
/// returns their entries.
pub fn write(
    spool: &Spool,
    templates: &Templates,
    templates_dir: &Path,
    context: &Context,
    register: &Register,
    revisions: &Revisions,
) -> Result<Vec<Entry>> {
    // What every page shares, made a template value once: serialized for
    // each of a hundred thousand pages, the register's context (its
    // catalogue of label widths above all) was a tenth of the build.
    let shared = Value::from(minijinja::value::Serde(Shared {
        register: &context.register,
        checksums: Digest {
            register_digest: &context.checksums.register_digest,
        },
        tool: &context.tool,
        edition: context.edition.as_ref(),
        withdrawn: &context.withdrawn,
    }));
    let page = |name: &str, root: &str, extra: serde_json::Value| -> Result<Vec<u8>> {
        render_page(templates, &shared, name, root, extra)
    };
    let uris = Uris::new(register);
    let loc = crate::publish::locale::get(&context.register.language)
        .expect("check admits only languages with a catalogue");
    let graph = linked::Graph::new(register);
    let publisher = register
        .meta
        .authority
        .clone()
        .unwrap_or_else(|| register.meta.title.clone());
    let pairs: Vec<(&InstrumentContext, &Instrument)> = context
        .instruments
        .iter()
        .zip(&register.instruments)
        .collect();
    let results = crate::support::parallel::map(&pairs, |&(i, model)| {
        let extra = InstrumentPage {
            i,
            jsonld: linked::jsonld(i, model, register, &uris, &graph),
            citation: Citation {
                // An inferred date is not a citation's date.
                date: (!model.is_inferred(InferredField::SignedDate))
                    .then(|| i.signed_on_iso.replace('-', "/")),
                publisher: &publisher,
                url: uris
                    .absolute()
                    .then(|| uris.link("", &format!("instruments/{}.html", i.id))),
            },
        };
        let bytes = render_page(templates, &shared, "instrument.html.j2", "../", extra)?;
        spool.write(&format!("{DIR}/instruments/{}.html", i.id), &bytes)
    });
    let mut files = results.into_iter().collect::<Result<Vec<_>>>()?;
    let chunks: Vec<&[InstrumentContext]> = context.instruments.chunks(PAGE).collect();
    let pages: Vec<serde_json::Value> = (1..=chunks.len().max(1))
        .map(|n| serde_json::json!({ "number": n, "file": list_file(n) }))
        .collect();
    for (n, rows) in chunks.iter().enumerate().map(|(k, r)| (k + 1, *r)) {
        let extra = serde_json::json!({
            "rows": rows, "page": n, "pages": pages, "total": context.instruments.len(),
        });
        files.push(spool.write(
            &format!("{DIR}/{}", list_file(n)),
            &page("index.html.j2", "", extra)?,
        )?);
    }
    if chunks.is_empty() {
        let extra = serde_json::json!({ "rows": [], "page": 1, "pages": pages, "total": 0 });
        files.push(spool.write(
            &format!("{DIR}/index.html"),
            &page("index.html.j2", "", extra)?,
        )?);
    }
    for (file, heading, groups) in indexes(register, &context.instruments, loc) {
        let extra = serde_json::json!({ "heading": heading, "groups": groups });
        files.push(spool.write(&format!("{DIR}/{file}"), &page("group.html.j2", "", extra)?)?);
    }
    let extra = serde_json::json!({ "total": context.instruments.len() });
    files.push(spool.write(
        &format!("{DIR}/about.html"),
        &page("about.html.j2", "", extra)?,
    )?);
    files.extend(search::write(
        spool,
        &context.instruments,
        &context.register.language,
    )?);
    files.push(spool.write(
        &format!("{DIR}/register.csv"),
        csv(&context.instruments).as_bytes(),
    )?);
    let mut json =
        serde_json::to_string_pretty(&rows(&context.instruments)).expect("rows serialize");
    json.push('\n');
    files.push(spool.write(&format!("{DIR}/register.json"), json.as_bytes())?);
    let loc_tool = format!("{} {}", context.tool.name, context.tool.version);
    files.extend(feeds::write(
        spool,
        register,
        &context.instruments,
        loc,
        &uris,
        &loc_tool,
        revisions,
    )?);
    files.extend(data::write(spool, context, register, &uris, revisions)?);
    if let Some(base) = &register.meta.base_url {
        let mut pages: Vec<String> = files
            .iter()
            .filter_map(|(name, _, _)| name.strip_prefix(&format!("{DIR}/")))
            .filter(|name| name.ends_with(".html"))
            .map(str::to_owned)
            .collect();
        pages.sort();
        files.extend(linked::sitemap(spool, base, &pages)?);
    }
    for file in ["style.css", "search.js"] {
        let path = templates_dir.join(render::HTML_DIR).join(file);
        let bytes = std::fs::read(&path).map_err(|source| Error::Read { path, source })?;
        files.push(spool.write(&format!("{DIR}/{file}"), &bytes)?);
    }
    files.sort();
    Ok(files)
}

/// Renders `html/<name>` with what all pages share, `root` and `extra`.
fn render_page<E: Serialize>(
    templates: &Templates,
    shared: &Value,
    name: &str,
    root: &str,
    extra: E,
) -> Result<Vec<u8>> {
    // The first map that has a key wins; the shared value is not copied.
    let page = minijinja::value::merge_maps([
        minijinja::context! { root => root },
        Value::from(minijinja::value::Serde(extra)),
        shared.clone(),
    ]);
    Ok(templates
        .render(&format!("{}/{name}", render::HTML_DIR), &page)?
        .into_bytes())
}

/// `index.html`, `index-2.html`, …
fn list_file(n: usize) -> String {
    if n == 1 {
        "index.html".into()
    } else {
        format!("index-{n}.html")
    }
}

/// An instrument's page sees its entry as `i`.
#[derive(Serialize)]
struct InstrumentPage<'a> {
    i: &'a InstrumentContext,
    jsonld: serde_json::Value,
    citation: Citation<'a>,
}

/// The citation meta tags (Highwire Press, which reference managers read).
#[derive(Serialize)]
struct Citation<'a> {
    /// `YYYY/MM/DD` (or `YYYY/MM`, `YYYY`); none where the date is
    /// inferred.
    date: Option<String>,
    publisher: &'a str,
    /// The page's address, where `base_url` makes it absolute.
    url: Option<String>,
}

/// What all pages share: the register's own context.
#[derive(Serialize)]
struct Shared<'a> {
    register: &'a render::RegisterContext,
    /// Only the register digest: the full list of checksums is the PDF's
    /// annex, and carrying it into every page would cost each page the
    /// whole register.
    checksums: Digest<'a>,
    tool: &'a render::Tool,
    edition: Option<&'a render::EditionContext>,
    /// The withdrawn entries: listed on the about page, linked from the
    /// index (few, so every page may carry them).
    withdrawn: &'a [render::WithdrawnContext],
}

#[derive(Serialize)]
struct Digest<'a> {
    register_digest: &'a str,
}

#[derive(Serialize)]
struct Group {
    heading: String,
    anchor: String,
    entries: Vec<EntryLink>,
    /// A party's Atom feed, on the page by party.
    feed: Option<String>,
}

#[derive(Serialize, Clone)]
struct EntryLink {
    number: usize,
    id: String,
    title: String,
    title_language: String,
}

/// The index pages: by party (state), type, subject and status.
/// Headings in the edition's alphabetical order, statuses in the
/// keywords' order; each page's heading is a message id.
fn indexes(
    register: &Register,
    instruments: &[InstrumentContext],
    loc: &crate::publish::locale::Locale,
) -> Vec<(&'static str, String, Vec<Group>)> {
    let link = |i: &InstrumentContext| EntryLink {
        number: i.number,
        id: i.id.clone(),
        title: i.title.clone(),
        title_language: i.title_language.clone(),
    };
    let mut party: BTreeMap<String, Vec<EntryLink>> = BTreeMap::new();
    let mut party_code: BTreeMap<String, String> = BTreeMap::new();
    let mut kind: BTreeMap<String, Vec<EntryLink>> = BTreeMap::new();
    let mut subject: BTreeMap<String, Vec<EntryLink>> = BTreeMap::new();
    let mut status: BTreeMap<crate::register::model::Status, Vec<EntryLink>> = BTreeMap::new();
    for (i, model) in instruments.iter().zip(&register.instruments) {
        for p in &i.parties {
            let heading = format!("{} ({})", p.state_name, p.state);
            party_code.insert(heading.clone(), p.state.clone());
            let list = party.entry(heading).or_default();
            if list.last().is_none_or(|e| e.id != i.id) {
                list.push(link(i));
            }
        }
        kind.entry(i.kind.clone()).or_default().push(link(i));
        for s in &i.subjects {
            subject.entry(s.plain()).or_default().push(link(i));
        }
        status
            .entry(lifecycle::status(model, register.meta.as_of))
            .or_default()
            .push(link(i));
    }
    let groups = |map: BTreeMap<String, Vec<EntryLink>>| -> Vec<Group> {
        let mut groups: Vec<Group> = map
            .into_iter()
            .map(|(heading, entries)| Group {
                anchor: anchor(&heading),
                feed: party_code
                    .get(&heading)
                    .map(|code| format!("{}/parties/{code}.atom", feeds::DIR)),
                heading,
                entries,
            })
            .collect();
        groups.sort_by(|a, b| loc.compare(&a.heading, &b.heading));
        groups
    };
    let by_status = status
        .into_iter()
        .map(|(s, e)| (capitalize(&loc.keyword("status", s.as_str())), e))
        .collect::<Vec<_>>();
    vec![
        (
            "by-party.html",
            "web-instruments-by-party".into(),
            groups(party),
        ),
        (
            "by-type.html",
            "web-instruments-by-type".into(),
            groups(kind),
        ),
        (
            "by-subject.html",
            "web-instruments-by-subject".into(),
            groups(subject),
        ),
        (
            "by-status.html",
            "web-instruments-by-status".into(),
            by_status
                .into_iter()
                .map(|(heading, entries)| Group {
                    anchor: anchor(&heading),
                    heading,
                    entries,
                    feed: None,
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

/// RFC 4180, every cell through [`crate::support::csv_cell::field`]: fields quoted when
/// they hold a comma, quote or line break, and a `'` before one that a
/// spreadsheet would run as a formula.
fn csv(instruments: &[InstrumentContext]) -> String {
    use crate::support::csv_cell;
    let mut out = String::from("id,type,signed,status,title,parties,page\r\n");
    for r in rows(instruments) {
        let cols = [
            r.id, r.kind, r.signed, r.status, r.title, &r.parties, &r.page,
        ];
        let line: Vec<String> = cols.iter().map(|c| csv_cell::field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

//! The Atom feeds of the web edition (RFC 4287, paged by RFC 5005):
//! `feeds/acts.atom` (every act and registration, newest first, 100 a
//! page: `acts.atom`, `acts-2.atom`, …), `feeds/instruments/<ID>.atom`
//! (one instrument's, complete) and `feeds/parties/<STATE>.atom` (one
//! state's, paged like the first). Written by `atom_syndication`, so the
//! XML and its escaping are the writer's, never ours.
//!
//! Nothing in a feed depends on when it was built: an entry's `updated` is
//! its act's date, or for a corrected act the date of the edition that
//! corrected it ([`Revisions`]), a feed's the newest entry's, and ids come from
//! [`events`] — the same act keeps its id in every build and edition.

use std::collections::{BTreeMap, HashMap};

use atom_syndication::extension::{Extension, ExtensionMap};
use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text,
};

use crate::error::Result;
use crate::publish::events::{self, Event, Uris, What};
use crate::publish::locale::Locale;
use crate::publish::render::{ActContext, InstrumentContext};
use crate::publish::revisions::Revisions;
use crate::publish::spool::{self, Spool};
use crate::register::date::PartialDate;
use crate::register::model::Register;

/// The folder of the feeds under `out/html/`.
pub const DIR: &str = "feeds";
/// Entries of a paged feed's page.
pub const PAGE: usize = 100;
/// RFC 5005's namespace, for `<fh:complete/>`.
const HISTORY: &str = "http://purl.org/syndication/history/1.0";

/// What every feed of one build shares.
struct Shared<'a> {
    uris: &'a Uris,
    loc: &'a Locale,
    register: &'a Register,
    /// Each instrument's page context, by id.
    pages: HashMap<&'a str, &'a InstrumentContext>,
    tool: String,
    revisions: &'a Revisions,
}

/// One feed document to write: a page of a feed.
struct Page<'e, 'a> {
    /// Its file under `out/html/`: `feeds/acts-2.atom`.
    file: String,
    /// The feed's id (its first page's, on every page).
    id: String,
    title: String,
    /// The page a reader opens from the feed, under `out/html/`.
    alternate: String,
    /// `first`, `previous`, `next`, `last` (files under `out/html/`); or
    /// none, for a complete feed.
    paging: Option<[Option<String>; 4]>,
    events: &'e [&'e Event<'a>],
}

/// Writes every feed into `spool`; returns their entries.
pub fn write(
    spool: &Spool,
    register: &Register,
    instruments: &[InstrumentContext],
    loc: &Locale,
    uris: &Uris,
    tool: &str,
    revisions: &Revisions,
) -> Result<Vec<spool::Entry>> {
    let shared = Shared {
        uris,
        loc,
        register,
        pages: instruments.iter().map(|i| (i.id.as_str(), i)).collect(),
        tool: tool.to_owned(),
        revisions,
    };
    let mut all = events::all(register);
    // Latest change first: a corrected act comes back to the head of its
    // feeds, where a reader polling the first page sees it. Stable, so
    // the register's order of dates holds among equals.
    all.sort_by_key(|e| std::cmp::Reverse(revisions.updated(e).first_day()));
    let every: Vec<&Event<'_>> = all.iter().collect();
    // Every instrument and every party has a feed, if only an empty one:
    // pages link them all.
    let mut by_instrument: BTreeMap<&str, Vec<&Event<'_>>> = BTreeMap::new();
    let mut by_party: BTreeMap<&str, Vec<&Event<'_>>> = BTreeMap::new();
    for i in &register.instruments {
        by_instrument.entry(i.id.value.as_str()).or_default();
        for p in &i.parties {
            by_party.entry(p.state.as_str()).or_default();
        }
    }
    for e in &all {
        by_instrument
            .entry(e.instrument.id.value.as_str())
            .or_default()
            .push(e);
        if let Some(party) = e.party() {
            by_party.entry(party).or_default().push(e);
        }
    }
    let title = register_title(register, loc);
    let mut pages = paged(
        &format!("{DIR}/acts"),
        loc.fill("feed-all", &args(&[("register", &title)])),
        "index.html".to_owned(),
        &every,
        uris,
    );
    for (id, list) in &by_instrument {
        let file = format!("{DIR}/instruments/{id}.atom");
        pages.push(Page {
            id: uris.feed(&file),
            file,
            title: loc.fill(
                "feed-instrument",
                &args(&[("id", id), ("title", instrument_title(&shared, id))]),
            ),
            alternate: format!("instruments/{id}.html"),
            paging: None,
            events: list,
        });
    }
    for (state, list) in &by_party {
        let title = loc.fill("feed-party", &args(&[("state", &loc.state(state))]));
        pages.extend(paged(
            &format!("{DIR}/parties/{state}"),
            title,
            "by-party.html".to_owned(),
            list,
            uris,
        ));
    }
    let written = crate::support::parallel::map(&pages, |page| {
        let bytes = document(&shared, page);
        spool.write(&format!("{}/{}", super::DIR, page.file), &bytes)
    });
    written.into_iter().collect()
}

/// The pages of a feed of `events`, `stem.atom`, `stem-2.atom`, …: at least
/// one, so that a feed a page links exists even while it is empty.
fn paged<'e, 'a>(
    stem: &str,
    title: String,
    alternate: String,
    events: &'e [&'e Event<'a>],
    uris: &Uris,
) -> Vec<Page<'e, 'a>> {
    let chunks: Vec<&'e [&'e Event<'a>]> = if events.is_empty() {
        vec![&[]]
    } else {
        events.chunks(PAGE).collect()
    };
    let file = |n: usize| {
        if n == 1 {
            format!("{stem}.atom")
        } else {
            format!("{stem}-{n}.atom")
        }
    };
    let last = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(k, events)| {
            let n = k + 1;
            Page {
                file: file(n),
                id: uris.feed(&file(1)),
                title: title.clone(),
                alternate: alternate.clone(),
                paging: Some([
                    Some(file(1)),
                    (n > 1).then(|| file(n - 1)),
                    (n < last).then(|| file(n + 1)),
                    Some(file(last)),
                ]),
                events,
            }
        })
        .collect()
}

/// One feed document, as bytes.
fn document(shared: &Shared<'_>, page: &Page<'_, '_>) -> Vec<u8> {
    // Links from the page's own folder (`feeds/`, `feeds/parties/`, …).
    let root = "../".repeat(page.file.matches('/').count());
    let link = |rel: &str, path: &str, kind: &str| Link {
        href: shared.uris.link(&root, path),
        rel: rel.to_owned(),
        mime_type: Some(kind.to_owned()),
        ..Default::default()
    };
    let atom = "application/atom+xml";
    let mut links = vec![
        link("self", &page.file, atom),
        link("alternate", &page.alternate, "text/html"),
    ];
    let mut extensions = ExtensionMap::default();
    match &page.paging {
        Some(paging) => {
            for (rel, file) in ["first", "previous", "next", "last"].iter().zip(paging) {
                if let Some(file) = file {
                    links.push(link(rel, file, atom));
                }
            }
        }
        None => {
            let complete = Extension {
                name: "fh:complete".to_owned(),
                ..Default::default()
            };
            extensions
                .entry("fh".to_owned())
                .or_default()
                .insert("complete".to_owned(), vec![complete]);
        }
    }
    let entries: Vec<Entry> = page
        .events
        .iter()
        .map(|e| entry(shared, e, &root))
        .collect();
    let updated = page
        .events
        .first()
        .map_or(shared.register.meta.as_of, |e| shared.revisions.updated(e));
    let feed = Feed {
        title: Text::plain(xml_text(&page.title)),
        id: page.id.clone(),
        updated: instant(updated),
        authors: vec![author(shared.register, shared.loc)],
        generator: Some(Generator {
            value: shared.tool.clone(),
            ..Default::default()
        }),
        links,
        entries,
        extensions,
        namespaces: [("fh".to_owned(), HISTORY.to_owned())].into(),
        lang: Some(shared.loc.code().to_owned()),
        ..Default::default()
    };
    let mut bytes = feed.write_to(Vec::new()).expect("a feed writes to memory");
    bytes.push(b'\n');
    bytes
}

/// One act or registration as an entry: who did what to which instrument,
/// dated by the act, linked to the act on the instrument's page.
fn entry(shared: &Shared<'_>, e: &Event<'_>, root: &str) -> Entry {
    let (loc, id) = (shared.loc, e.instrument.id.value.as_str());
    let page = shared.pages.get(id);
    let title = instrument_title(shared, id);
    let anchor = e.anchor();
    let updated = shared.revisions.updated(e);
    let act = page.and_then(|p| p.acts.iter().find(|a| a.anchor == anchor));
    let state = e.party().map(|s| loc.state(s)).unwrap_or_default();
    let headline = loc.fill(
        &format!("feed-title-{}", e.keyword()),
        &args(&[("state", &state), ("title", title)]),
    );
    let content = match (&e.what, act) {
        (What::Act(_), Some(a)) => act_line(a, loc),
        (What::Registration(_), _) => page.map_or_else(String::new, |p| p.registration.clone()),
        (What::Act(a), None) => format!("{} — {state}: {}", a.date.value, e.keyword()),
    };
    Entry {
        title: Text::plain(xml_owned(headline)),
        id: shared.uris.event(e),
        updated: instant(updated),
        // A corrected act says when it first happened, too.
        published: (updated != e.date).then(|| instant(e.date)),
        links: vec![Link {
            href: format!(
                "{}#{}",
                shared.uris.link(root, &format!("instruments/{id}.html")),
                anchor
            ),
            rel: "alternate".to_owned(),
            mime_type: Some("text/html".to_owned()),
            ..Default::default()
        }],
        categories: vec![Category {
            term: e.keyword().to_owned(),
            label: Some(xml_owned(keyword_label(e, loc))),
            ..Default::default()
        }],
        content: Some(Content {
            value: Some(xml_owned(content)),
            content_type: Some("text".to_owned()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// An instrument's title as its page gives it.
fn instrument_title<'s>(shared: &'s Shared<'_>, id: &'s str) -> &'s str {
    shared.pages.get(id).map_or(id, |p| p.title.as_str())
}

/// The act as the instrument's page lists it, as plain text.
fn act_line(a: &ActContext, loc: &Locale) -> String {
    let mut line = format!("{} — {}: {}", a.date, a.party, a.action);
    if let Some(d) = &a.effective {
        line.push(' ');
        line.push_str(&loc.fill("web-effective", &args(&[("date", d)])));
    }
    if let Some(l) = &a.label {
        line.push_str(&format!(" [{l}]"));
    }
    if let Some(r) = &a.regarding {
        line.push_str(&loc.fill("web-regarding", &args(&[("label", r)])));
    }
    if let Some(r) = &a.reference {
        line.push_str(&format!("; {r}"));
    }
    for more in [&a.text, &a.note].into_iter().flatten() {
        line.push_str("\n\n");
        line.push_str(more);
    }
    line
}

fn keyword_label(e: &Event<'_>, loc: &Locale) -> String {
    match e.what {
        What::Act(a) => loc.keyword("action", a.action.as_str()),
        What::Registration(_) => loc.text("field-registration"),
    }
}

/// Who publishes the feed: the register's issuing authority, else the
/// register itself.
fn author(register: &Register, loc: &Locale) -> Person {
    let name = register
        .meta
        .authority
        .clone()
        .unwrap_or_else(|| register_title(register, loc));
    Person {
        name: xml_text(&name),
        ..Default::default()
    }
}

/// The register's title in the edition's language.
fn register_title(register: &Register, loc: &Locale) -> String {
    register
        .meta
        .texts
        .get(loc.code())
        .and_then(|t| t.title.clone())
        .unwrap_or_else(|| register.meta.title.clone())
}

/// The first instant of a date (a date known to the month or year stands
/// for its first day; the entry's text gives the date as recorded).
fn instant(d: PartialDate) -> FixedDateTime {
    let day = d.first_day();
    let text = format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        day.year,
        day.month.unwrap_or(1),
        day.day.unwrap_or(1)
    );
    FixedDateTime::parse_from_rfc3339(&text).expect("a register date is a calendar date")
}

/// Text as XML 1.0 admits it: C0 controls other than tab and line breaks
/// cannot stand in an XML document, escaped or not.
pub fn xml_text(text: &str) -> String {
    xml_owned(text.to_owned())
}

/// [`xml_text`] of an owned string, kept as it is when it is clean (a
/// feed's hundreds of thousands of entries almost always are).
fn xml_owned(text: String) -> String {
    let admitted = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(admitted) {
        return text;
    }
    text.chars().filter(|&c| admitted(c)).collect()
}

fn args<'a>(pairs: &[(&'a str, &'a str)]) -> fluent_bundle::FluentArgs<'a> {
    let mut args = fluent_bundle::FluentArgs::new();
    for (name, value) in pairs {
        args.set(*name, *value);
    }
    args
}

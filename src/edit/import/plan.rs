//! Checking the whole import before anything is written: each row's entry
//! (with its acts) through the decoder and the treaty-law rules `check`
//! applies, ids unique among the rows and never reused, rows already in
//! the register told apart (the same → unchanged; different → an error,
//! or with `--update` only the differing values rewritten), duplicates of
//! entries without an id left out. The result is the set of files to
//! write, or the problems that stop it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::columns::{self, Mapping};
use super::read::{self, Place};
use super::rows::{self, Context, Entry, Table, Target};
use super::{Options, Outcome, Problem};
use crate::edit::add::{self, DraftSource};
use crate::edit::fields::{Doc, Item, Layout, Step};
use crate::edit::record::{self, Change};
use crate::error::Result;
use crate::register::date::PartialDate;
use crate::register::diagnostic::{Diagnostic, Severity};
use crate::register::load::{self, INSTRUMENTS_DIR, Limits};
use crate::register::model::{Instrument, Register};

/// The files to write, and what to say.
pub struct Plan {
    pub outcome: Outcome,
    /// New entries: id and text.
    pub creates: Vec<(String, String)>,
    /// Changed entries: id, the text read, the new text.
    pub updates: Vec<(String, String, String)>,
}

pub fn plan(root: &Path, limits: &Limits, options: Options) -> Result<Plan> {
    let mut plan = Plan {
        outcome: Outcome::default(),
        creates: Vec::new(),
        updates: Vec::new(),
    };
    let out = &mut plan.outcome;
    let mapping = match options.mapping {
        Some(p) => Mapping::read(p)?,
        None => Mapping::default(),
    };
    let loaded = load::load(root, limits)?;
    if !loaded.diagnostics.is_empty() {
        out.problems = loaded.diagnostics.iter().map(register_problem).collect();
        return Ok(plan);
    }
    let register = loaded.register.expect("a register without problems");
    let grid = read::read(options.file, options.sheet)?;
    out.file = grid.file.clone();
    let cx = Context {
        mapping: &mapping,
        id_prefix: &register.meta.id_prefix,
    };
    let (mut entries, failed) = read_entries(&grid, &cx, &mut out.problems);
    if let Some(acts) = options.acts {
        let grid = read::read(acts, None)?;
        attach_acts(&grid, &cx, &mut entries, &failed, &mut out.problems);
    }
    unique_ids(&entries, &mut out.problems);
    let existing: HashMap<&str, &Instrument> = register
        .instruments
        .iter()
        .map(|i| (i.id.value.as_str(), i))
        .collect();
    let entries = drop_duplicates(entries, &register, out);
    let entries = allocate(root, &mapping, &register, entries);
    let as_of = register.meta.as_of;
    let known: Vec<String> = existing
        .keys()
        .map(|k| k.to_string())
        .chain(entries.iter().filter_map(|e| e.id.clone()))
        .collect();
    let mut known: Vec<&str> = known.iter().map(String::as_str).collect();
    known.sort_unstable();
    let against = Against {
        root,
        known: &known,
        as_of,
        options,
    };
    for mut e in entries {
        let id = e.id.clone().expect("allocated");
        e.draft.id = id.clone();
        e.draft.sources.push(provenance(&grid, e.row));
        let Some(text) = entry_text(&e, &known, as_of, &mut out.problems) else {
            continue;
        };
        out.acts += e.acts.len();
        match existing.get(id.as_str()) {
            None => {
                plan.creates.push((id.clone(), text));
                out.created.push(id);
            }
            Some(old) => compare(&against, &e, old, &text, &mut plan.updates, out)?,
        }
    }
    Ok(plan)
}

/// A problem of the register itself, which must be put right first.
fn register_problem(d: &Diagnostic) -> Problem {
    let place = Place {
        file: d.path.display().to_string(),
        sheet: None,
        cell: None,
        line: d.span.map(|s| s.line),
        column: d.span.map(|s| s.column),
    };
    let mut hints = d.hints.clone();
    hints.push("the register has problems already: `treaty-register check` lists them; put them right, then import".into());
    Problem::error(place, d.message.clone(), Some(hints.join("; ")))
}

/// The ids and titles of rows refused: their acts are not reported again
/// as belonging to no instrument, the row's own problem says it all.
#[derive(Default)]
struct Failed {
    ids: HashSet<String>,
    titles: HashSet<String>,
}

fn read_entries(
    grid: &read::Grid,
    cx: &Context,
    problems: &mut Vec<Problem>,
) -> (Vec<Entry>, Failed) {
    let mut failed = Failed::default();
    let Some(table) = Table::new(grid, columns::INSTRUMENT_FIELDS, cx.mapping, problems) else {
        return (Vec::new(), failed);
    };
    if !table.has("title") {
        problems.push(Problem::error(
            grid.place(1, 1),
            "no column holds the title".into(),
            Some("name a column `title` (or Title, Наименование, Атауы), or map it".into()),
        ));
    }
    let mut entries = Vec::new();
    for row in table.rows() {
        match rows::entry(&table, row, cx, problems) {
            Some(e) => entries.push(e),
            None => {
                if let Some(id) = table
                    .text(row, "id")
                    .and_then(|(_, t)| rows::id(&t, cx.id_prefix).ok())
                {
                    failed.ids.insert(id);
                }
                if let Some((_, title)) = table.text(row, "title") {
                    failed.titles.insert(rows::one_line(&title));
                }
            }
        }
    }
    (entries, failed)
}

/// Gives each act to its instrument in the import, by id or title.
fn attach_acts(
    grid: &read::Grid,
    cx: &Context,
    entries: &mut [Entry],
    failed: &Failed,
    problems: &mut Vec<Problem>,
) {
    let Some(table) = Table::new(grid, columns::ACT_FIELDS, cx.mapping, problems) else {
        return;
    };
    // Indexed once: a scan of every row for every act made 100,000 rows
    // with 300,000 acts take minutes.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(id) = &e.id {
            by_id.entry(id.clone()).or_default().push(i);
        }
        by_title.entry(e.draft.title.clone()).or_default().push(i);
    }
    for row in table.rows() {
        let Some(act) = rows::act(&table, row, cx, problems) else {
            continue;
        };
        let matches = match &act.target {
            Target::Id(id) => by_id.get(id),
            Target::Title(t) => by_title.get(t),
        }
        .map_or(&[][..], Vec::as_slice);
        let named = match &act.target {
            Target::Id(id) => format!("id {id}"),
            Target::Title(t) => format!("title \"{t}\""),
        };
        let of_a_failed_row = match &act.target {
            Target::Id(id) => failed.ids.contains(id),
            Target::Title(t) => failed.titles.contains(t),
        };
        match matches {
            [] if of_a_failed_row => {}
            [i] => entries[*i].acts.push((act.act, act.place)),
            [] => problems.push(Problem::error(
                act.place,
                format!("no instrument with {named} among the rows imported"),
                Some("an act belongs to an instrument of the same import; record acts of other entries with `treaty-register record`".into()),
            )),
            _ => problems.push(Problem::error(
                act.place,
                format!("{} instruments have the {named}", matches.len()),
                Some("name the instrument by its id".into()),
            )),
        }
    }
}

fn unique_ids(entries: &[Entry], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, &Entry> = HashMap::new();
    for e in entries {
        let Some(id) = e.id.as_deref() else { continue };
        if let Some(first) = seen.insert(id, e) {
            problems.push(Problem::error(
                e.places
                    .get("id")
                    .cloned()
                    .unwrap_or_else(|| e.row_place.clone()),
                format!("id {id} is given twice (also in row {})", first.row),
                Some("each row is one instrument with its own id".into()),
            ));
        }
    }
}

/// Rows without an id that repeat an entry (same title, date of
/// signature and parties), or an earlier row of the same list, are left
/// out, with a warning.
fn drop_duplicates(entries: Vec<Entry>, register: &Register, out: &mut Outcome) -> Vec<Entry> {
    type Key = (String, String, Vec<String>);
    let key = |title: &str, date: String, mut states: Vec<String>| -> Key {
        states.sort();
        (title.to_owned(), date, states)
    };
    let mut existing: HashMap<Key, &str> = HashMap::new();
    for i in &register.instruments {
        let states = i.parties.iter().map(|p| p.state.clone()).collect();
        existing
            .entry(key(&i.title, i.signed.date.to_string(), states))
            .or_insert(i.id.value.as_str());
    }
    let mut rows: HashMap<Key, u32> = HashMap::new();
    entries
        .into_iter()
        .filter(|e| {
            if e.id.is_some() {
                return true;
            }
            let states = e.draft.parties.iter().map(|p| p.state.clone()).collect();
            let k = key(&e.draft.title, e.draft.signed.date.clone(), states);
            if let Some(id) = existing.get(&k) {
                out.problems.push(Problem::warning(
                    e.row_place.clone(),
                    format!(
                        "the row repeats {id} (same title, date of signature and parties); not added"
                    ),
                    Some(format!(
                        "give the row the id {id} to compare it with the entry, or leave it out"
                    )),
                ));
                out.unchanged.push((*id).to_owned());
                return false;
            }
            if let Some(first) = rows.get(&k) {
                out.problems.push(Problem::warning(
                    e.row_place.clone(),
                    format!(
                        "the row repeats row {first} (same title, date of signature and parties); not added"
                    ),
                    Some("delete one of the two rows, or give each its own id if they are two instruments".into()),
                ));
                return false;
            }
            rows.insert(k, e.row);
            true
        })
        .collect()
}

/// Ids for rows without one, after the highest ever used: the mapping's
/// `PREFIX-YYYY-NNN` by year of signature, else the register's prefix.
fn allocate(
    root: &Path,
    mapping: &Mapping,
    register: &Register,
    mut entries: Vec<Entry>,
) -> Vec<Entry> {
    if entries.iter().all(|e| e.id.is_some()) {
        return entries;
    }
    let mut used: Vec<String> = crate::edit::ids::ever_used(root).into_keys().collect();
    used.extend(entries.iter().filter_map(|e| e.id.clone()));
    let mut next: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    for e in entries.iter_mut().filter(|e| e.id.is_none()) {
        let (prefix, after) = match &mapping.ids {
            Some(ids) => {
                let year = e.draft.signed.date.get(..4).unwrap_or("0000");
                (format!("{}-{year}", ids.prefix), ids.from.saturating_sub(1))
            }
            None => (register.meta.id_prefix.clone(), 0),
        };
        let slot = next.entry(prefix.clone()).or_insert_with(|| {
            crate::edit::ids::next_number(used.iter().map(String::as_str), &prefix, after)
        });
        e.id = Some(format!("{prefix}-{:0width$}", slot.0, width = slot.1));
        slot.0 += 1;
    }
    entries
}

/// Where the entry comes from: the list itself, row by row.
fn provenance(grid: &read::Grid, row: u32) -> DraftSource {
    let note = match &grid.sheet {
        Some(sheet) => format!("imported from {sheet} row {row}"),
        None => format!("imported from line {row}"),
    };
    DraftSource {
        title: grid.file.clone(),
        note: Some(note),
        ..DraftSource::default()
    }
}

/// The entry's text with its acts, checked with `check`'s rules; `None`
/// (and the problems, at the row's cells) where it breaks one.
fn entry_text(
    e: &Entry,
    known: &[&str],
    as_of: PartialDate,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    if e.draft.status.is_empty() && e.acts.is_empty() {
        problems.push(Problem::error(
            e.places.get("status").cloned().unwrap_or_else(|| e.row_place.clone()),
            "the row gives no status and no acts; the register needs one of them".into(),
            Some("fill in the status (signed, in-force, …), or give the parties' acts with --acts; import does not invent a status".into()),
        ));
        return None;
    }
    let mut text = add::to_yaml(&e.draft);
    for (act, place) in &e.acts {
        match record::apply(&text, &Change::Act(act.clone())) {
            Ok(t) => text = t,
            Err(_) => {
                problems.push(Problem::error(
                    place.clone(),
                    "the act cannot be added".into(),
                    None,
                ));
                return None;
            }
        }
    }
    let diags = validate(&e.draft.id, &text, known, as_of).1;
    let mut refused = false;
    for d in diags {
        let place = place_of(e, &text, d.span.map_or(0, |s| s.line as usize));
        let hint = (!d.hints.is_empty()).then(|| d.hints.join("; "));
        // A warning `check` would give (an invisible character, a word too
        // long for a line) is shown, and the row goes in as `check` lets it.
        if d.severity == Severity::Warning {
            problems.push(Problem::warning(place, d.message, hint));
        } else {
            refused = true;
            problems.push(Problem::error(place, d.message, hint));
        }
    }
    (!refused).then_some(text)
}

/// The entry read back as `check` reads it, and its problems (its
/// warnings last).
fn validate(
    id: &str,
    text: &str,
    known: &[&str],
    as_of: PartialDate,
) -> (Option<Instrument>, Vec<Diagnostic>) {
    let rel = PathBuf::from(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let mut diags = Vec::new();
    let mut warnings = Vec::new();
    let instrument = load::parse_instrument_warned(&rel, text, &mut diags, &mut warnings);
    if let Some(i) = &instrument {
        crate::register::check::relation_rules(i, known, &mut diags);
        crate::register::treaty_law::rules(i, as_of, &mut diags);
    }
    diags.extend(warnings);
    (instrument, diags)
}

/// The cell a problem on `line` of the entry's text came from: the act's
/// row for a line under `actions`, else the cell of the field.
fn place_of(e: &Entry, text: &str, line: usize) -> Place {
    let mut key = "";
    let mut sub = "";
    let mut act = 0usize;
    for l in text.lines().take(line) {
        let body = l.trim_start();
        if body.starts_with('#') || body.is_empty() {
            continue;
        }
        if !l.starts_with([' ', '-']) {
            key = l.split(':').next().unwrap_or("");
            sub = "";
            act = 0;
        } else if key == "actions" && body.starts_with("- ") {
            act += 1;
        } else if !body.starts_with('-') {
            sub = body.split(':').next().unwrap_or("");
        }
    }
    if key == "actions" && act > 0 {
        return e.acts[act.min(e.acts.len()) - 1].1.clone();
    }
    let field = format!("{key}.{sub}");
    e.places
        .iter()
        .find(|(f, _)| **f == field || **f == key)
        .map_or_else(|| e.row_place.clone(), |(_, p)| p.clone())
}

/// What an entry that exists is compared against: the register's ids,
/// its `as_of`, and whether `--update` was given.
struct Against<'a> {
    root: &'a Path,
    known: &'a [&'a str],
    as_of: PartialDate,
    options: Options<'a>,
}

/// The row's values of an entry that exists: all the same → unchanged;
/// some differ → an error, or with `--update` those values rewritten.
fn compare(
    on: &Against,
    e: &Entry,
    old: &Instrument,
    text: &str,
    updates: &mut Vec<(String, String, String)>,
    out: &mut Outcome,
) -> Result<()> {
    let id = e.draft.id.clone();
    let (Some(new), _) = validate(&id, text, on.known, on.as_of) else {
        return Ok(());
    };
    let differ = differences(old, &new);
    if differ.is_empty() {
        out.acts -= e.acts.len();
        out.unchanged.push(id);
        return Ok(());
    }
    let fixed: Vec<&str> = differ
        .iter()
        .filter(|(_, v)| matches!(v, Differs::Elsewhere))
        .map(|(p, _)| p.as_str())
        .collect();
    let names: Vec<&str> = differ.iter().map(|(p, _)| p.as_str()).collect();
    let at = |p: &str| {
        e.places
            .get(p)
            .or_else(|| e.places.get(p.split('.').next().unwrap_or(p)))
            .cloned()
            .unwrap_or_else(|| e.row_place.clone())
    };
    if !on.options.update || !fixed.is_empty() {
        let hint = if fixed.is_empty() {
            "give --update to rewrite those values in the file (its other bytes are kept), or make the row agree with the entry".to_owned()
        } else {
            format!(
                "--update does not rewrite {}: change those with `treaty-register record` or `correct`, then import again",
                fixed.join(", ")
            )
        };
        out.problems.push(Problem::error(
            at(names[0]),
            format!(
                "{id} exists (register/instruments/{id}.yaml) and the row differs in {}",
                names.join(", ")
            ),
            Some(hint),
        ));
        return Ok(());
    }
    let path = on.root.join(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let before = crate::edit::entry::read_entry(&path)?;
    let changed = match rewrite(&before, &differ) {
        Ok(t) => t,
        Err((field, l)) => {
            out.problems.push(Problem::error(
                at(field),
                format!("{id}: {}", l.message),
                Some(l.hint),
            ));
            return Ok(());
        }
    };
    // Its warnings were given for the row already.
    let diags: Vec<Diagnostic> = validate(&id, &changed, on.known, on.as_of)
        .1
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &diags {
        out.problems.push(Problem::error(
            at(names[0]),
            format!("{id} after --update: {}", d.message),
            None,
        ));
    }
    if diags.is_empty() {
        updates.push((id.clone(), before, changed));
        out.updated.push(id);
    }
    Ok(())
}

/// `text` with each differing value written in place, every other byte
/// kept; the field that could not be written, and why.
fn rewrite<'d>(
    text: &str,
    differ: &'d [(String, Differs)],
) -> std::result::Result<String, (&'d str, Layout)> {
    let mut changed = text.to_owned();
    for (field, value) in differ {
        let doc = Doc::parse(&changed).map_err(|l| (field.as_str(), l))?;
        let next = match value {
            Differs::Value(v) => {
                let steps: Vec<Step> = field.split('.').map(Step::Key).collect();
                doc.set(&steps, v, &crate::edit::amend::order)
            }
            Differs::List(items) => {
                let items: Vec<Item> = items.iter().map(list_item).collect();
                doc.set_list(field, &items, &crate::edit::amend::order)
            }
            Differs::Elsewhere => unreachable!("refused before"),
        };
        changed = next.map_err(|l| (field.as_str(), l))?;
    }
    Ok(changed)
}

/// A list's item as the file writes it: a party's `state` before its
/// `body`, other keys in the format's order (alphabetical, as JSON has them).
fn list_item(v: &serde_json::Value) -> Item<'_> {
    match v {
        serde_json::Value::Object(map) => {
            let mut fields: Vec<(&str, &str)> = map
                .iter()
                .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
                .collect();
            fields.sort_by_key(|(k, _)| *k != "state");
            Item::Map(fields)
        }
        v => Item::Scalar(v.as_str().unwrap_or_default()),
    }
}

/// How a value of the row differs from the entry's.
enum Differs {
    /// A single value, written as this text.
    Value(String),
    /// A top-level list of single values or of flat mappings (parties,
    /// subjects, languages), written whole.
    List(Vec<serde_json::Value>),
    /// A value `--update` leaves to the commands that own it (the acts,
    /// nested lists such as signatories).
    Elsewhere,
}

/// The values of `new` that `old` does not have as they are: a path and
/// how it differs. Values `new` leaves out are not compared (the row did
/// not give them), nor sources (the list's own provenance is not a fact
/// of the entry).
fn differences(old: &Instrument, new: &Instrument) -> Vec<(String, Differs)> {
    let old = serde_json::to_value(old).unwrap_or_default();
    let new = serde_json::to_value(new).unwrap_or_default();
    let mut out = Vec::new();
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else {
        return out;
    };
    let text = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    let flat = |v: &serde_json::Value| match v {
        serde_json::Value::Object(m) => m.values().all(|x| x.is_string()),
        x => x.is_string(),
    };
    for (key, value) in new {
        if key == "sources" || old.get(key) == Some(value) {
            continue;
        }
        match value {
            serde_json::Value::Object(inner) => {
                for (k, v) in inner {
                    if old.get(key).and_then(|o| o.get(k)) != Some(v) {
                        let scalar = !v.is_array() && !v.is_object();
                        let how = if scalar {
                            Differs::Value(text(v))
                        } else {
                            Differs::Elsewhere
                        };
                        out.push((format!("{key}.{k}"), how));
                    }
                }
            }
            serde_json::Value::Array(items) if key != "actions" && items.iter().all(flat) => {
                out.push((key.clone(), Differs::List(items.clone())));
            }
            serde_json::Value::Array(_) => out.push((key.clone(), Differs::Elsewhere)),
            v => out.push((key.clone(), Differs::Value(text(v)))),
        }
    }
    out
}

/// The file name a row's entry would have, for messages.
pub fn rel(id: &str) -> PathBuf {
    PathBuf::from(INSTRUMENTS_DIR).join(format!("{id}.yaml"))
}

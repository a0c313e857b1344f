//! From grid rows to drafts: the header row tells which column holds which
//! field, then each instrument row becomes an [`add::Draft`] and each act
//! row an [`ActDraft`], with every problem of every cell reported at the
//! cell's own coordinates. Nothing is invented: a value the row does not
//! give is left out.

use std::collections::BTreeMap;

use super::Problem;
use super::columns::{self, Mapping};
use super::read::{Cell, Grid, Place, Row};
use super::values::{self, Bad};
use crate::edit::add::{Draft, DraftInForce, DraftParty, DraftSource};
use crate::edit::record::ActDraft;
use crate::register::model::{ActionKind, InstrumentType, Level, Status, is_valid_id};

/// Fields that may be spread over several columns (a header merged over
/// them, or the same header twice): their cells are joined.
const LISTS: &[&str] = &["parties", "subjects", "languages", "sources"];

/// A table: the grid, the index of its header row and each column's field.
pub struct Table<'g> {
    pub grid: &'g Grid,
    header: usize,
    /// 1-based column → field.
    columns: BTreeMap<u32, &'static str>,
}

impl<'g> Table<'g> {
    /// Reads the header row (the first non-empty one) of `grid`; unknown
    /// headers and values under no header are problems.
    pub fn new(
        grid: &'g Grid,
        allowed: &[&'static str],
        mapping: &Mapping,
        problems: &mut Vec<Problem>,
    ) -> Option<Table<'g>> {
        let Some(header) = grid.rows.iter().position(|r| !r.is_blank()) else {
            problems.push(Problem::error(
                grid.place(1, 1),
                "the list is empty: no header row".into(),
                Some("the first non-empty row names the columns; see `import --template`".into()),
            ));
            return None;
        };
        let row = &grid.rows[header];
        let mut columns = BTreeMap::new();
        let mut last: Option<&'static str> = None;
        let width = grid.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for i in 0..width {
            let col = i as u32 + 1;
            let place = grid.place(row.number, col);
            let text = row.cells.get(i).map(Cell::text).unwrap_or_default();
            if text.is_empty() {
                // A header merged over several columns stands in the first.
                match last {
                    Some(f) if LISTS.contains(&f) => {
                        columns.insert(col, f);
                    }
                    _ if has_values(grid, header, i) => problems.push(Problem::error(
                        place,
                        format!(
                            "column {} has values but no header",
                            super::read::column_name(col)
                        ),
                        Some("name the column in the header row, or delete it".into()),
                    )),
                    _ => {}
                }
                continue;
            }
            // `path` is where `list --format csv` found the entry: a fact
            // of the register it came from, not of the instrument.
            if columns::normalise(&text) == "path"
                || mapping.columns.iter().any(|(l, f)| {
                    f == "ignore" && columns::normalise(l) == columns::normalise(&text)
                })
            {
                last = None;
                continue;
            }
            match columns::field_of(&text, mapping, allowed) {
                Some(f) if columns.values().any(|g| *g == f) && !LISTS.contains(&f) => {
                    problems.push(Problem::error(
                        place,
                        format!("a second column for `{f}` (\"{text}\")"),
                        Some("keep one column per field, or map one of them elsewhere".into()),
                    ));
                }
                Some(f) => {
                    columns.insert(col, f);
                    last = Some(f);
                }
                None => {
                    let labels = columns::all_labels(allowed);
                    let hint = match crate::register::suggest::closest(&text, &labels) {
                        Some(near) => format!("did you mean \"{near}\"?"),
                        None => format!(
                            "name it after a field ({}), or map it in the mapping file: \
                             `columns: {{\"{text}\": FIELD}}` (FIELD `ignore` leaves it out)",
                            allowed.join(", ")
                        ),
                    };
                    problems.push(Problem::error(
                        place,
                        format!("unknown column \"{text}\""),
                        Some(hint),
                    ));
                    last = None;
                }
            }
        }
        Some(Table {
            grid,
            header,
            columns,
        })
    }

    /// The data rows: those after the header that hold anything.
    pub fn rows(&self) -> impl Iterator<Item = &'g Row> {
        self.grid.rows[self.header + 1..]
            .iter()
            .filter(|r| !r.is_blank())
    }

    pub fn has(&self, field: &str) -> bool {
        self.columns.values().any(|f| *f == field)
    }

    /// The non-blank cells of `row` under `field`, with their places.
    pub fn cells<'r>(&self, row: &'r Row, field: &str) -> Vec<(Place, &'r Cell)> {
        self.columns
            .iter()
            .filter(|(_, f)| **f == field)
            .filter_map(|(col, _)| {
                let cell = row.cells.get(*col as usize - 1)?;
                (!cell.is_blank()).then(|| (self.grid.place(row.number, *col), cell))
            })
            .collect()
    }

    /// The text of `field` in `row` (cells of a list field joined by `;`).
    pub fn text(&self, row: &Row, field: &str) -> Option<(Place, String)> {
        let cells = self.cells(row, field);
        let place = cells.first()?.0.clone();
        let text: Vec<String> = cells.iter().map(|(_, c)| c.text()).collect();
        Some((place, text.join(";")))
    }

    /// The place of `field` in `row` (its first column), or of the row.
    pub fn place(&self, row: &Row, field: &str) -> Place {
        let col = self
            .columns
            .iter()
            .find(|(_, f)| **f == field)
            .map_or(1, |(c, _)| *c);
        self.grid.place(row.number, col)
    }

    /// The place of the row as a whole: its first cell.
    pub fn row_place(&self, row: &Row) -> Place {
        self.grid.place(row.number, 1)
    }
}

fn has_values(grid: &Grid, header: usize, i: usize) -> bool {
    grid.rows[header + 1..]
        .iter()
        .any(|r| r.cells.get(i).is_some_and(|c| !c.is_blank()))
}

/// One instrument row made into a draft.
pub struct Entry {
    /// The row's number in its sheet (or CSV line).
    pub row: u32,
    /// The id the row gives (`None`: to be allocated).
    pub id: Option<String>,
    pub draft: Draft,
    /// Where each field's value came from, for problems found later.
    pub places: BTreeMap<&'static str, Place>,
    pub row_place: Place,
    pub acts: Vec<(ActDraft, Place)>,
}

/// What is needed to read rows beyond the table itself.
pub struct Context<'a> {
    pub mapping: &'a Mapping,
    /// The register's `id_prefix`, for number-only ids.
    pub id_prefix: &'a str,
}

/// The row as a draft, or nothing where it has problems (all reported).
pub fn entry(table: &Table, row: &Row, cx: &Context, problems: &mut Vec<Problem>) -> Option<Entry> {
    if error_cells(table, row, columns::INSTRUMENT_FIELDS, problems) {
        return None;
    }
    let before = problems.len();
    let mut e = Entry {
        row: row.number,
        id: None,
        draft: Draft::default(),
        places: BTreeMap::new(),
        row_place: table.row_place(row),
        acts: Vec::new(),
    };
    for &field in columns::INSTRUMENT_FIELDS {
        if let Some((place, text)) = table.text(row, field) {
            e.places.insert(field, place.clone());
            if let Err(b) = set(&mut e, table, row, field, &text, cx) {
                problems.push(Problem::bad(place, b));
            }
        }
    }
    let required = [
        ("title", e.draft.title.is_empty(), "a title"),
        ("type", e.draft.kind.is_empty(), "a type"),
        (
            "signed.date",
            e.draft.signed.date.is_empty(),
            "a date of signature",
        ),
    ];
    for (field, missing, what) in required {
        if missing && !e.places.contains_key(field) {
            problems.push(Problem::error(
                table.place(row, field),
                format!("the row has no {what} (`{field}`), which every entry needs"),
                Some("fill it in; a value not known cannot be left out here".into()),
            ));
        }
    }
    if e.draft.parties.len() < 2 && problems.len() == before {
        problems.push(Problem::error(
            table.place(row, "parties"),
            format!(
                "{} part{} given; an instrument has two or more",
                e.draft.parties.len(),
                if e.draft.parties.len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            ),
            Some("list every party in the cell, separated by `;`".into()),
        ));
    }
    (problems.len() == before).then_some(e)
}

/// Sets `field` of the draft from the cell's text.
fn set(
    e: &mut Entry,
    table: &Table,
    row: &Row,
    field: &str,
    text: &str,
    cx: &Context,
) -> Result<(), Bad> {
    let d = &mut e.draft;
    let order = cx.mapping.dates.order;
    let date = |field: &str| {
        let cells = table.cells(row, field);
        let cell = cells
            .first()
            .map(|(_, c)| *c)
            .cloned()
            .unwrap_or(Cell::Empty);
        values::date(&cell, order).map(|d| d.to_string())
    };
    match field {
        "id" => e.id = Some(id(text, cx.id_prefix)?),
        "title" => d.title = one_line(text),
        "titles.ru" | "titles.kk" | "titles.uz" => {
            d.titles.insert(field[7..].to_owned(), one_line(text));
        }
        "type" => d.kind = values::keyword("type", text, InstrumentType::NAMES, cx.mapping)?.into(),
        "level" => d.level = Some(values::keyword("level", text, Level::NAMES, cx.mapping)?.into()),
        "status" => d.status = values::keyword("status", text, Status::NAMES, cx.mapping)?.into(),
        "parties" => {
            let (parties, mut bad) = values::parties(text);
            if !bad.is_empty() {
                return Err(bad.remove(0));
            }
            d.parties = parties
                .into_iter()
                .map(|(state, body)| DraftParty { state, body })
                .collect();
        }
        "signed.date" => d.signed.date = date(field)?,
        "signed.place" => d.signed.place = Some(one_line(text)),
        "in_force.date" => {
            d.in_force = Some(DraftInForce {
                date: Some(date(field)?),
                note: None,
            });
        }
        "subjects" => {
            d.subjects = values::list(text)
                .iter()
                .map(|s| s.to_lowercase())
                .collect()
        }
        "languages" => {
            d.languages = values::list(text)
                .iter()
                .map(|l| values::language(l))
                .collect::<Result<_, _>>()?;
        }
        "notes" => d.notes = Some(text.trim().to_owned()),
        "depositary" => {
            d.depositary = Some(
                values::state(text)
                    .map(str::to_owned)
                    .unwrap_or_else(|_| text.trim().to_owned()),
            );
        }
        "sources" => d.sources.extend(
            text.split([';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| DraftSource {
                    title: s.to_owned(),
                    ..DraftSource::default()
                }),
        ),
        _ => {}
    }
    Ok(())
}

/// A cell's text on one line (titles are one line in the register).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The id a number column gives: a register id as it stands, or a bare
/// number under the register's prefix (`17` → `PREFIX-017`).
pub fn id(text: &str, prefix: &str) -> Result<String, Bad> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let n: u64 = text.parse().unwrap_or(0);
        return Ok(format!("{prefix}-{n:03}"));
    }
    let upper = text.to_uppercase();
    if is_valid_id(&upper) {
        return Ok(upper);
    }
    Err(Bad {
        message: format!("\"{text}\" cannot be an id"),
        hint: Some(
            "ids use letters A-Z, digits and single hyphens (KZ-UZ-2024-001), or a plain number \
             (given the register's prefix); leave it empty for the next free number"
                .into(),
        ),
    })
}

/// An act row: the instrument it belongs to (id or title) and the act.
pub struct ActRow {
    pub target: Target,
    pub act: ActDraft,
    pub place: Place,
}

pub enum Target {
    Id(String),
    Title(String),
}

/// Reports the cells of `row` that show a spreadsheet error (`#REF!`,
/// `#VALUE!`): their text is not a value, and taken as one it would put
/// "#REF!" in a title.
fn error_cells(table: &Table, row: &Row, fields: &[&str], problems: &mut Vec<Problem>) -> bool {
    let before = problems.len();
    for &field in fields {
        for (place, cell) in table.cells(row, field) {
            if let Cell::Error(e) = cell {
                problems.push(Problem::error(
                    place,
                    format!("the cell shows the spreadsheet error {e}, not a value"),
                    Some("correct its formula in the spreadsheet, or type the value itself".into()),
                ));
            }
        }
    }
    problems.len() > before
}

/// The act row, or nothing where it has problems (all reported).
pub fn act(table: &Table, row: &Row, cx: &Context, problems: &mut Vec<Problem>) -> Option<ActRow> {
    if error_cells(table, row, columns::ACT_FIELDS, problems) {
        return None;
    }
    let before = problems.len();
    let order = cx.mapping.dates.order;
    let mut act = ActDraft::default();
    let mut target = None;
    let text = |f: &str| table.text(row, f);
    let need = |f: &str, v: Option<(Place, String)>, problems: &mut Vec<Problem>| {
        if v.is_none() {
            problems.push(Problem::error(
                table.place(row, f),
                format!("the act has no `{f}`"),
                Some("every act names its instrument, action, party and date".into()),
            ));
        }
        v
    };
    if let Some((place, t)) = text("id") {
        match id(&t, cx.id_prefix) {
            Ok(id) => target = Some(Target::Id(id)),
            Err(b) => problems.push(Problem::bad(place, b)),
        }
    } else if let Some((_, t)) = text("title") {
        target = Some(Target::Title(one_line(&t)));
    } else {
        need("id", None, problems);
    }
    if let Some((place, t)) = need("action", text("action"), problems) {
        match values::keyword("action", &t, ActionKind::NAMES, cx.mapping) {
            Ok(k) => act.action = k.into(),
            Err(b) => problems.push(Problem::bad(place, b)),
        }
    }
    if let Some((place, t)) = need("party", text("party"), problems) {
        match values::state(&t) {
            Ok(code) => act.party = code.into(),
            Err(b) => problems.push(Problem::bad(
                place,
                Bad {
                    message: b.message.replace(" in parties", ""),
                    hint: b.hint,
                },
            )),
        }
    }
    for f in ["date", "effective"] {
        let cell = table.cells(row, f).into_iter().next();
        match (f, cell) {
            (_, Some((place, cell))) => match values::date(cell, order) {
                Ok(d) if f == "date" => act.date = d.to_string(),
                Ok(d) => act.effective = Some(d.to_string()),
                Err(b) => problems.push(Problem::bad(place, b)),
            },
            ("date", None) => {
                need("date", None, problems);
            }
            _ => {}
        }
    }
    for (f, slot) in [
        ("reference", &mut act.reference),
        ("label", &mut act.label),
        ("regarding", &mut act.regarding),
        ("text", &mut act.text),
        ("note", &mut act.note),
    ] {
        *slot = text(f).map(|(_, t)| t.trim().to_owned());
    }
    let target = target?;
    (problems.len() == before).then(|| ActRow {
        target,
        act,
        place: table.row_place(row),
    })
}

//! `treaty-register list`: one line per instrument, for people or machines.

use serde::Serialize;

use crate::cli::{Config, ListArgs, ListFilters, ListFormat};
use crate::error::{Error, Result};
use crate::register::date::PartialDate;
use crate::register::find::Filter;
use crate::register::lifecycle;
use crate::register::model::{Instrument, InstrumentType, Status};

/// Titles at a terminal are cut to what is left of its width, but never to
/// fewer characters than this.
const SHORT_TITLE: usize = 20;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    signed: String,
    status: &'a str,
    title: &'a str,
    path: String,
    /// For a withdrawn entry: when and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn: Option<&'a crate::register::model::Withdrawn>,
    /// The rest of the entry, for the CSV's import columns.
    #[serde(skip)]
    entry: &'a Instrument,
}

impl<'a> Row<'a> {
    fn new(i: &'a Instrument, as_of: PartialDate) -> Self {
        Row {
            id: &i.id.value,
            kind: i.kind.as_str(),
            signed: i.signed.date.to_string(),
            status: match i.withdrawn {
                Some(_) => "withdrawn",
                None => lifecycle::status(i, as_of).as_str(),
            },
            title: &i.title,
            path: i.path.to_string_lossy().replace('\\', "/"),
            withdrawn: i.withdrawn.as_ref(),
            entry: i,
        }
    }
}

pub fn run(config: &Config, args: ListArgs) -> Result<()> {
    // The filters are checked before the register is read: a typo costs nothing.
    let filter = filter(&args.filters)?;
    let mut loaded = crate::register::load::load(&config.root, &config.limits)?;
    let register = match loaded.register.take() {
        // Withdrawn entries are left out of the register, so a listing of
        // them starts from the register with them.
        Some(register) if args.filters.withdrawn => {
            Some(super::with_withdrawn_as_of(register, args.as_of)?)
        }
        Some(register) => Some(super::as_of(register, args.as_of)?),
        None => None,
    };
    let rows: Vec<Row> = register.as_ref().map_or_else(Vec::new, |r| {
        r.instruments
            .iter()
            .filter(|i| filter.matches(i, r.meta.as_of))
            .map(|i| Row::new(i, r.meta.as_of))
            .collect()
    });
    let text = match args.format {
        ListFormat::Table => table(&rows, terminal_width()),
        ListFormat::Json => {
            let mut json = serde_json::to_string_pretty(&rows).expect("rows serialize");
            json.push('\n');
            json
        }
        ListFormat::Csv => csv(&rows),
    };
    super::print(&text)?;
    let bad = loaded.diagnostics.len();
    if bad > 0 {
        return Err(Error::Problems {
            summary: format!(
                "the register has {bad} problem{}; entries with problems are not listed \
                 (run `treaty-register check`)",
                if bad == 1 { "" } else { "s" }
            ),
        });
    }
    Ok(())
}

/// The filter the flags describe; unknown keywords and codes are usage
/// errors with "did you mean".
fn filter(flags: &ListFilters) -> Result<Filter> {
    let mut filter = Filter {
        party: flags.party.as_deref().map(party).transpose()?,
        status: flags
            .status
            .as_deref()
            .map(|s| keyword("--status", s, Status::parse, Status::NAMES))
            .transpose()?,
        kind: flags
            .kind
            .as_deref()
            .map(|t| keyword("--type", t, InstrumentType::parse, InstrumentType::NAMES))
            .transpose()?,
        subject: flags.subject.clone(),
        signed_from: flags.signed_from,
        signed_to: flags.signed_to,
        registered: match (flags.registered, flags.unregistered) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        withdrawn: flags.withdrawn,
        ..Filter::default()
    };
    if let Some(words) = &flags.search {
        filter.search(words);
    }
    Ok(filter)
}

fn party(code: &str) -> Result<String> {
    crate::edit::add::state_answer(code).map_err(|why| Error::Usage {
        message: format!("invalid --party: {why}"),
        hint: None,
    })
}

fn keyword<K>(
    flag: &str,
    value: &str,
    parse: fn(&str) -> Option<K>,
    names: &'static [&'static str],
) -> Result<K> {
    parse(value).ok_or_else(|| Error::Usage {
        message: format!("invalid {flag} `{value}`"),
        hint: Some(match crate::register::suggest::closest(value, names) {
            Some(near) => format!("did you mean `{near}`? (one of: {})", names.join(", ")),
            None => format!("one of: {}", names.join(", ")),
        }),
    })
}

/// The title on one line, cut with "…" to `limit` characters if given.
fn short(title: &str, limit: Option<usize>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(limit) = limit.map(|l| l.max(SHORT_TITLE)) else {
        return title;
    };
    if title.chars().count() <= limit {
        return title;
    }
    let cut: String = title.chars().take(limit - 1).collect();
    format!("{}…", cut.trim_end())
}

/// How wide the table may be: the terminal's width at a terminal; written
/// to a pipe or a file, no limit (nothing is cut for scripts).
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let size = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
    Some(size.or(columns).unwrap_or(100))
}

fn table(rows: &[Row], width: Option<usize>) -> String {
    let header = ["ID", "TYPE", "SIGNED", "STATUS", "TITLE"];
    let mut cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                r.id.to_owned(),
                r.kind.to_owned(),
                r.signed.clone(),
                r.status.to_owned(),
                String::new(),
            ]
        })
        .collect();
    // The other columns first: the title takes what is left of the width.
    let before: usize = (0..4)
        .map(|k| {
            cells
                .iter()
                .map(|c| c[k].chars().count())
                .chain([header[k].len()])
                .max()
                .unwrap_or(0)
                + 2
        })
        .sum();
    for (cell, r) in cells.iter_mut().zip(rows) {
        cell[4] = short(r.title, width.map(|w| w.saturating_sub(before)));
    }
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cols: [&str; 5]| {
        let mut text = String::new();
        for (i, (cell, w)) in cols.iter().zip(widths).enumerate() {
            text.push_str(cell);
            if i + 1 < cols.len() {
                text.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header);
    for row in &cells {
        line([&row[0], &row[1], &row[2], &row[3], &row[4]]);
    }
    out
}

/// The CSV's columns: the listing's six, then every field `import` reads
/// back (`import.md`), so a register's list imports as the same entries.
const CSV_HEADER: &str = "id,type,signed,status,title,path,level,parties,signed.place,\
                          in_force.date,subjects,languages,depositary,notes,\
                          titles.ru,titles.kk,titles.uz";

///
/// RFC 4180, every cell through [`crate::support::csv_cell::field`]: a title that begins
/// with `=` must not run as a formula in the archivist's spreadsheet.
fn csv(rows: &[Row]) -> String {
    use crate::support::csv_cell;
    let mut out = format!("{CSV_HEADER}\r\n");
    for r in rows {
        let mut cols = vec![
            r.id.to_owned(),
            r.kind.to_owned(),
            r.signed.clone(),
            r.status.to_owned(),
            r.title.to_owned(),
            r.path.clone(),
        ];
        cols.extend(import_columns(r.entry));
        let line: Vec<String> = cols.iter().map(|c| csv_cell::field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The fields after `path`, written as `import` reads them: parties as
/// `STATE=BODY` separated by `;` (`STATE=` where the body is not recorded:
/// `STATE` alone would import as the state's official name), lists by `;`.
fn import_columns(i: &Instrument) -> Vec<String> {
    let parties: Vec<String> = i
        .parties
        .iter()
        .map(|p| match &p.body {
            Some(body) => format!("{}={body}", p.state),
            None => format!("{}=", p.state),
        })
        .collect();
    let title_in = |lang: &str| i.titles.get(lang).cloned().unwrap_or_default();
    vec![
        i.level.map(|l| l.as_str().to_owned()).unwrap_or_default(),
        parties.join(";"),
        i.signed.place.clone().unwrap_or_default(),
        i.in_force
            .as_ref()
            .and_then(|f| f.date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        i.subjects.join(";"),
        i.languages.join(";"),
        i.depositary.clone().unwrap_or_default(),
        i.notes.clone().unwrap_or_default(),
        title_in("ru"),
        title_in("kk"),
        title_in("uz"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_cut_on_characters_only_where_there_is_a_limit() {
        let long = "Соглашение ".repeat(20);
        let s = short(&long, Some(50));
        assert_eq!(s.chars().count(), 50);
        assert!(s.ends_with('…'));
        assert_eq!(short(&long, Some(3)).chars().count(), SHORT_TITLE);
        assert_eq!(short(&long, None), long.trim_end());
        assert_eq!(short("a\n  b", None), "a b");
    }
}

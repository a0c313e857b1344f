//! `treaty-register list`: one line per instrument, for people or machines.

use serde::Serialize;

use crate::cli::{Config, ListArgs, ListFormat};
use crate::error::{Error, Result};
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::Instrument;

/// Titles in the table are cut to this many characters.
const SHORT_TITLE: usize = 70;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    signed: String,
    status: &'a str,
    title: &'a str,
    path: String,
}

impl<'a> Row<'a> {
    fn new(i: &'a Instrument, as_of: PartialDate) -> Self {
        Row {
            id: &i.id.value,
            kind: i.kind.as_str(),
            signed: i.signed.date.to_string(),
            status: lifecycle::status(i, as_of).as_str(),
            title: &i.title,
            path: i.path.to_string_lossy().replace('\\', "/"),
        }
    }
}

pub fn run(config: &Config, args: ListArgs) -> Result<()> {
    let mut loaded = crate::register::load::load(&config.root, &config.limits)?;
    let register = match loaded.register.take() {
        Some(register) => Some(super::as_of(register, args.as_of)?),
        None => None,
    };
    let rows: Vec<Row> = register.as_ref().map_or_else(Vec::new, |r| {
        r.instruments
            .iter()
            .map(|i| Row::new(i, r.meta.as_of))
            .collect()
    });
    let text = match args.format {
        ListFormat::Table => table(&rows),
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

fn short(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() <= SHORT_TITLE {
        return title;
    }
    let cut: String = title.chars().take(SHORT_TITLE - 1).collect();
    format!("{}…", cut.trim_end())
}

fn table(rows: &[Row]) -> String {
    let header = ["ID", "TYPE", "SIGNED", "STATUS", "TITLE"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                r.id.to_owned(),
                r.kind.to_owned(),
                r.signed.clone(),
                r.status.to_owned(),
                short(r.title),
            ]
        })
        .collect();
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

fn csv(rows: &[Row]) -> String {
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\r', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    }
    let mut out = String::from("id,type,signed,status,title,path\r\n");
    for r in rows {
        let cols = [r.id, r.kind, &r.signed, r.status, r.title, &r.path];
        let line: Vec<String> = cols.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_are_cut_on_characters() {
        let long = "Соглашение ".repeat(20);
        let s = short(&long);
        assert_eq!(s.chars().count(), SHORT_TITLE);
        assert!(s.ends_with('…'));
        assert_eq!(short("a\n  b"), "a b");
    }
}

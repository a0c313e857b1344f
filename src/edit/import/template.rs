//! `import --template FILE`: the empty list a department fills in — the
//! recognised headers, and beside them what each column means (a second
//! sheet of an XLSX; for CSV, a second file `<stem>-columns.csv`, since CSV
//! has no sheets and a comment line would be read as a row).

use std::path::{Path, PathBuf};

use super::columns::{ACT_FIELDS, TEMPLATE};
use crate::error::{Error, Result};

/// What each act column means.
const ACT_TEMPLATE: &[(&str, &str)] = &[
    (
        "id",
        "The instrument's id (or use a `title` column with its title)",
    ),
    (
        "action",
        "signature, ratification, notification, entry-into-force, … (the keywords of `record`)",
    ),
    ("party", "The acting state: a code (KAZ) or its name"),
    ("date", "Date of the act"),
    ("effective", "When it takes effect for that party"),
    ("reference", "E.g. the ratifying law"),
    ("label", "Names a reservation or declaration, e.g. R1"),
    ("regarding", "For an objection: the label it answers"),
    ("text", "Wording of a reservation, declaration or objection"),
    ("note", "A note on the act"),
];

/// Writes the template; returns the files written.
pub fn write(path: &Path) -> Result<Vec<PathBuf>> {
    if path.exists() {
        return Err(Error::Usage {
            message: format!("{} exists; the template was not written", path.display()),
            hint: Some("name a new file".into()),
        });
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some("xlsx") => xlsx(path).map(|()| vec![path.to_path_buf()]),
        Some("csv") => csv(path),
        _ => Err(Error::Usage {
            message: format!("{}: a template is written as .xlsx or .csv", path.display()),
            hint: Some("e.g. `treaty-register import --template treaties.xlsx`".into()),
        }),
    }
}

fn xlsx(path: &Path) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let sheets: [(&str, Vec<&str>); 2] = [
        ("Instruments", TEMPLATE.iter().map(|(h, _)| *h).collect()),
        (
            "Acts",
            ACT_FIELDS
                .iter()
                .copied()
                .filter(|f| *f != "title")
                .collect(),
        ),
    ];
    for (name, headers) in sheets {
        let sheet = book.add_worksheet().set_name(name).map_err(fail)?;
        for (col, header) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *header, &bold)
                .map_err(fail)?;
            sheet.set_column_width(col as u16, 18).map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    let sheet = book.add_worksheet().set_name("Columns").map_err(fail)?;
    for (col, header) in ["sheet", "column", "what to fill in"].iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *header, &bold)
            .map_err(fail)?;
    }
    let rows = TEMPLATE
        .iter()
        .map(|r| ("Instruments", r))
        .chain(ACT_TEMPLATE.iter().map(|r| ("Acts", r)));
    for (i, (sheet_name, (column, meaning))) in rows.enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, sheet_name).map_err(fail)?;
        sheet.write_string(row, 1, *column).map_err(fail)?;
        sheet.write_string(row, 2, *meaning).map_err(fail)?;
    }
    sheet.set_column_width(1, 16).map_err(fail)?;
    sheet.set_column_width(2, 100).map_err(fail)?;
    book.save(path).map_err(fail)
}

fn csv(path: &Path) -> Result<Vec<PathBuf>> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let columns = path.with_file_name(format!("{stem}-columns.csv"));
    let headers: Vec<&str> = TEMPLATE.iter().map(|(h, _)| *h).collect();
    let mut explain = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::Write {
        path: columns.clone(),
        source: std::io::Error::other(e.to_string()),
    };
    explain
        .write_record(["column", "what to fill in"])
        .map_err(io)?;
    for (column, meaning) in TEMPLATE {
        explain.write_record([column, meaning]).map_err(io)?;
    }
    let explain = explain.into_inner().map_err(|e| Error::Write {
        path: columns.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    for (file, bytes) in [
        (
            path.to_path_buf(),
            format!("{}\r\n", headers.join(",")).into_bytes(),
        ),
        (columns.clone(), explain),
    ] {
        std::fs::write(&file, bytes).map_err(|source| Error::Write {
            path: file.clone(),
            source,
        })?;
    }
    Ok(vec![path.to_path_buf(), columns])
}

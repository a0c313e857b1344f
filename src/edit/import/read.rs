//! Reading the department's list into a grid of cells that know where they
//! stand: CSV as Excel and LibreOffice write it (UTF-8 with or without a
//! byte order mark, UTF-16 and Windows-1251 as Excel saves it on a Russian
//! desktop; `,`, `;` or tab; CRLF or LF), and XLSX, XLS and ODS through
//! calamine, which gives date cells as dates and formulas as their values.
//!
//! Coordinates are the file's own, so that a problem can be found where the
//! archivist keeps it: the sheet's real row and column for a spreadsheet
//! (A1 notation), the line and field number for CSV.

use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Error, Result};
use crate::support::csv_cell;

/// The value of one cell, as the file gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A spreadsheet date cell: year, month, day.
    Date(u16, u8, u8),
    /// A cell that holds an error value (`#REF!`), as text.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the text a person sees in it (numbers without a
    /// trailing `.0`), without the `'` that this tool's CSV puts before a
    /// cell a spreadsheet would run as a formula ([`csv_cell::restore`]):
    /// a list written by `list --format csv` or the web edition comes back
    /// as it went out, also after a spreadsheet saved it again.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => csv_cell::restore(t.trim()).trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One row of the grid: its number in the file (1-based: the sheet's row,
/// or the CSV line the record starts on) and its cells from column 1.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// A table read from a file: its name for messages, the sheet (none for
/// CSV) and the rows.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The file's name as given on the command line.
    pub file: String,
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

/// Where a cell stands, for messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    pub file: String,
    pub sheet: Option<String>,
    /// A1 notation, for spreadsheets.
    pub cell: Option<String>,
    /// For CSV: the line and the field number.
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl Grid {
    /// The place of the cell in `row`, column `col` (1-based).
    pub fn place(&self, row: u32, col: u32) -> Place {
        match &self.sheet {
            Some(sheet) => Place {
                file: self.file.clone(),
                sheet: Some(sheet.clone()),
                cell: Some(format!("{}{row}", column_name(col))),
                line: None,
                column: None,
            },
            None => Place {
                file: self.file.clone(),
                sheet: None,
                cell: None,
                line: Some(row),
                column: Some(col),
            },
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.sheet, &self.cell, self.line, self.column) {
            (Some(sheet), Some(cell), _, _) => write!(f, "{}:{sheet}!{cell}", self.file),
            (Some(sheet), None, _, _) => write!(f, "{}:{sheet}", self.file),
            (None, _, Some(line), Some(col)) => write!(f, "{}:{line}:{col}", self.file),
            (None, _, Some(line), None) => write!(f, "{}:{line}", self.file),
            _ => write!(f, "{}", self.file),
        }
    }
}

/// `1` → `A`, `27` → `AA`.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        name.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

/// Reads `path` (`FILE` or `FILE#SHEET`); `sheet` names the sheet where
/// the path does not. The kind is told by the file's extension.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Grid> {
    let (path, sheet) = split_sheet(path, sheet);
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            Ok(Grid {
                file,
                sheet: None,
                rows: csv_rows(&csv_text(&path, &bytes)?)?,
            })
        }
        "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => spreadsheet(&path, file, sheet.as_deref()),
        _ => Err(Error::Usage {
            message: format!("{}: not a file import reads", path.display()),
            hint: Some("give a .csv, .xlsx, .xls or .ods file".into()),
        }),
    }
}

/// `FILE#SHEET` into the file and the sheet; `#` is kept where no such
/// file exists otherwise.
fn split_sheet(path: &Path, sheet: Option<&str>) -> (std::path::PathBuf, Option<String>) {
    let text = path.to_string_lossy();
    if !path.exists()
        && let Some((file, name)) = text.rsplit_once('#')
    {
        return (file.into(), Some(name.to_owned()));
    }
    (path.to_path_buf(), sheet.map(str::to_owned))
}

/// The text of a CSV file: UTF-8 (a byte order mark dropped), UTF-16 with
/// its mark, or else Windows-1251, the one other encoding Excel writes CSV
/// in for these languages.
pub fn decode(bytes: &[u8]) -> String {
    decode_noting_legacy(bytes).0
}

/// As [`decode`], and whether it fell back to Windows-1251.
fn decode_noting_legacy(bytes: &[u8]) -> (String, bool) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(), true),
    }
}

/// A word that mixes Latin and Cyrillic letters in a file read as
/// Windows-1251: the sign that it was written in another code page
/// (1252's "coopération" reads as "coopйration"), which would otherwise
/// be imported as garbage without a word.
fn mixed_script_word(text: &str) -> Option<&str> {
    text.split(|c: char| !c.is_alphabetic()).find(|w| {
        let cyrillic = w.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let latin = w.chars().any(|c| c.is_ascii_alphabetic());
        cyrillic && latin
    })
}

/// The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM,
/// or Windows-1251, the code page Excel writes on a Russian or Kazakh
/// system; any other code page is refused rather than misread.
fn csv_text(path: &Path, bytes: &[u8]) -> Result<String> {
    let (text, legacy) = decode_noting_legacy(bytes);
    if legacy && let Some(word) = mixed_script_word(&text) {
        return Err(Error::Usage {
            message: format!(
                "{}: not UTF-8, and read as Windows-1251 (Cyrillic) it gives \"{word}\": the file is in another encoding",
                path.display()
            ),
            hint: Some(
                "save it as \"CSV UTF-8\" (Excel: Save As, CSV UTF-8; LibreOffice: Character set Unicode (UTF-8)), or import the .xlsx/.ods itself".into(),
            ),
        });
    }
    Ok(text)
}

/// The delimiter of a CSV text: of `;`, tab and `,`, the one found most
/// often outside quotes in its first line.
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 2)).unwrap_or(2);
    [b';', b'\t', b','][best]
}

fn csv_rows(text: &str) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Lines::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| Error::Usage {
            message: format!("the CSV cannot be read: {e}"),
            hint: Some("save the list again from the spreadsheet as CSV".into()),
        })?;
        // The reader's position stands just after the previous record's
        // `\r` (its line count lags on CRLF and blank lines), so the line is
        // counted from the record's first byte past the line breaks.
        let number = record.position().map_or(0, |p| lines.at(p.byte()));
        let cells = record
            .iter()
            .map(|f| match f.trim() {
                "" => Cell::Empty,
                _ => Cell::Text(f.to_owned()),
            })
            .collect();
        rows.push(Row { number, cells });
    }
    Ok(rows)
}

/// Counts lines forward through a text: records come in order, so each
/// count starts where the last one stopped (a count from the start each
/// time made 100,000 rows quadratic).
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u32,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of the first byte at or after `offset` that is not
    /// a line break.
    fn at(&mut self, offset: u64) -> u32 {
        let mut end = (offset as usize).clamp(self.at, self.bytes.len());
        while end < self.bytes.len() && matches!(self.bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        self.line += self.bytes[self.at..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32;
        self.at = end;
        self.line
    }
}

fn spreadsheet(path: &Path, file: String, sheet: Option<&str>) -> Result<Grid> {
    let unreadable = |why: String| Error::Usage {
        message: format!("{}: the spreadsheet cannot be read ({why})", path.display()),
        hint: Some("open it in the spreadsheet program and save it again".into()),
    };
    let mut book = calamine::open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| *n == s)
            .cloned()
            .ok_or_else(|| Error::Usage {
                message: format!("{}: no sheet `{s}`", path.display()),
                hint: Some(format!("the sheets are: {}", names.join(", "))),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| unreadable("no sheets".into()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| unreadable(e.to_string()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (i, cells) in range.rows().enumerate() {
        let mut row: Vec<Cell> = vec![Cell::Empty; left as usize];
        row.extend(cells.iter().map(cell));
        rows.push(Row {
            number: top + i as u32 + 1,
            cells: row,
        });
    }
    Ok(Grid {
        file,
        sheet: Some(name),
        rows,
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            Cell::Date(y, m, d)
        }
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) => match s.get(..10) {
            Some(day) if s.len() >= 10 => Cell::Text(day.to_owned()),
            _ => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(1), "A");
        assert_eq!(column_name(26), "Z");
        assert_eq!(column_name(27), "AA");
        assert_eq!(column_name(703), "AAA");
    }

    #[test]
    fn csv_as_excel_writes_it() {
        let text =
            decode(b"\xEF\xBB\xBFNo.;Title\r\n1;\"A; b\"\r\n\r\n2;\"multi\r\nline\"\r\n3;c\r\n");
        let rows = csv_rows(&text).unwrap();
        let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4, 6]);
        assert_eq!(rows[0].cells[0], Cell::Text("No.".into()));
        assert_eq!(rows[1].cells[1], Cell::Text("A; b".into()));
        assert_eq!(delimiter("a,b;c,d\n"), b',');
        assert_eq!(delimiter("a\tb\n"), b'\t');
    }

    #[test]
    fn windows_1251_and_utf16() {
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Номер;Вид");
        assert_eq!(decode(&cp), "Номер;Вид");
        assert_eq!(
            mixed_script_word(&decode(b"Accord de coop\xe9ration")),
            Some("coopйration")
        );
        assert_eq!(mixed_script_word(&decode(&cp)), None);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Вид".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16), "Вид");
    }
}

//! One CSV cell as every CSV the tool writes has it (`list --format csv`,
//! the web edition's download), and the way back for the importer.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a
//! formula, so a title like `=HYPERLINK("http://…","click")` in the register
//! became a live link, or worse, in the archivist's Excel. As OWASP advises
//! ("CSV Injection"), such a cell is written with a leading `'`, which
//! spreadsheets show as text; tab and carriage return, which some
//! spreadsheets skip before looking for the `=`, count too. So that
//! [`restore`] can take the `'` off again without touching a value that
//! really begins with one, a value that begins with `'` followed by what
//! would be neutralised is given one more `'`: `restore(neutralise(v)) == v`
//! for every `v`.

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `value` needs a leading `'` (see the module docs).
fn needs_quote_mark(value: &str) -> bool {
    match value.chars().next() {
        Some(c) if FORMULA_START.contains(&c) => true,
        Some('\'') => needs_quote_mark(&value[1..]),
        _ => false,
    }
}

/// `value` as a spreadsheet shows it as text, not a formula.
pub fn neutralise(value: &str) -> std::borrow::Cow<'_, str> {
    if needs_quote_mark(value) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// A cell read back: the `'` that [`neutralise`] added, taken off.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_mark(rest) => rest,
        _ => cell,
    }
}

/// `value` as one field of a CSV line: neutralised, then quoted as RFC 4180
/// wants when it holds a comma, quote or line break.
pub fn field(value: &str) -> String {
    let value = neutralise(value);
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_text_and_come_back_unchanged() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("Agreement - 2"), "Agreement - 2");
        assert_eq!(field("2024-05-01"), "2024-05-01");
        for v in [
            "=1", "'=1", "''=1", "'", "''", "'plain", "plain", "-", "", "\r=", "a=b",
        ] {
            assert_eq!(restore(&neutralise(v)), v, "{v:?}");
        }
        assert_eq!(restore("'quoted'"), "'quoted'");
    }
}

//! Problems found in register files, and how they are shown.
//!
//! Every problem names the file, line and column, quotes the offending line
//! with a caret under the culprit, and says how to fix it where that helps:
//!
//! ```text
//! register/instruments/KZ-UZ-2024-003.yaml:7:3: error: unknown field `sigend`
//!   |
//! 7 |   sigend:
//!   |   ^^^^^^
//!   = hint: did you mean `signed`?
//! ```
//!
//! The format is hand-rolled rather than taken from a diagnostics crate
//! because archivists, editors and CI logs all parse the leading
//! `path:line:column:` (the GNU convention), which those crates do not print.
//!
//! Most problems are errors, which stop `check`, `build` and every command
//! that trusts the register. A few are warnings ([`Severity::Warning`]):
//! something a reader of the PDF may be misled or inconvenienced by (an
//! invisible character, a word too long for its column) that the register
//! may still hold. Warnings are shown but never fail a run; the loaders
//! keep them apart ([`split_warnings`]) so that no caller that counts
//! problems counts them.
//!
//! A quoted line never carries a character that would change how the
//! terminal shows it: control characters become `�`, and bidirectional
//! controls and invisible characters are spelled out as `<U+202E>`, with
//! the caret still under the character it points at.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};

use crate::register::invisible;

/// A place in a source file: 1-based line and column (in characters), and
/// how many characters to underline (at least one). `u32`: files are at
/// most a megabyte, and the model of a large register holds millions of
/// spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub len: u32,
}

impl Span {
    pub fn new(line: usize, column: usize, len: usize) -> Span {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            line: small(line),
            column: small(column),
            len: small(len.max(1)),
        }
    }
}

/// Whether a problem stops the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the project root, with `/` separators.
    pub path: PathBuf,
    /// Where in the file; `None` for problems with the file as a whole.
    pub span: Option<Span>,
    pub message: String,
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            span,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A problem that is shown but does not stop the run.
    pub fn warning(
        path: impl Into<PathBuf>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(path, span, message)
        }
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    fn sort_key(&self) -> (&Path, Span) {
        (&self.path, self.span.unwrap_or_default())
    }
}

/// Sorts diagnostics into reading order: by file, then by position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Takes the warnings out of `diagnostics`, leaving the errors.
pub fn split_warnings(diagnostics: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let (warnings, errors) = std::mem::take(diagnostics)
        .into_iter()
        .partition(Diagnostic::is_warning);
    *diagnostics = errors;
    warnings
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();
const BOLD: Style = Style::new().bold();

/// Renders diagnostics, quoting source lines read from under `root`.
///
/// Sources are read lazily and cached: problems are rare, and keeping every
/// file's text in memory for the few that have one would cost more.
pub struct Renderer<'a> {
    root: &'a Path,
    sources: HashMap<PathBuf, Option<Vec<String>>>,
}

impl<'a> Renderer<'a> {
    pub fn new(root: &'a Path) -> Self {
        Renderer {
            root,
            sources: HashMap::new(),
        }
    }

    /// Quotes `path` from `text` instead of the file (for a file not yet
    /// written, such as the entry `add` is about to create).
    pub fn with_source(mut self, path: &Path, text: &str) -> Self {
        let lines = text.lines().map(str::to_owned).collect();
        self.sources.insert(path.to_path_buf(), Some(lines));
        self
    }

    /// The diagnostic as text with ANSI styles; callers strip them when
    /// colour is off (anstream does that for terminals and `--color`).
    pub fn render(&mut self, d: &Diagnostic) -> String {
        let mut out = String::new();
        let path = d.path.display();
        let _ = match d.span {
            Some(s) => write!(out, "{BOLD}{path}:{}:{}:{BOLD:#} ", s.line, s.column),
            None => write!(out, "{BOLD}{path}:{BOLD:#} "),
        };
        let _ = match d.severity {
            Severity::Error => write!(out, "{ERROR}error:{ERROR:#}"),
            Severity::Warning => write!(out, "{WARNING}warning:{WARNING:#}"),
        };
        let _ = writeln!(out, " {BOLD}{}{BOLD:#}", invisible::spell_out(&d.message));
        let line_text = d.span.and_then(|s| self.line(&d.path, s.line as usize));
        let width = d.span.map_or(1, |s| s.line.to_string().len());
        let pad = " ".repeat(width);
        if let (Some(span), Some(text)) = (d.span, line_text) {
            let column = span.column.saturating_sub(1) as usize;
            let (shown, before, carets) = window(&printable(&text), column, span.len as usize);
            let _ = writeln!(out, "{pad} {GUTTER}|{GUTTER:#}");
            let _ = writeln!(
                out,
                "{GUTTER}{}{GUTTER:#} {GUTTER}|{GUTTER:#} {shown}",
                span.line
            );
            let _ = writeln!(
                out,
                "{pad} {GUTTER}|{GUTTER:#} {}{ERROR}{}{ERROR:#}",
                " ".repeat(before),
                "^".repeat(carets)
            );
        }
        for hint in &d.hints {
            let hint = invisible::spell_out(hint);
            let _ = writeln!(out, "{pad} {GUTTER}={GUTTER:#} {HINT}hint:{HINT:#} {hint}");
        }
        out
    }

    fn line(&mut self, path: &Path, line: usize) -> Option<String> {
        let root = self.root;
        let lines = self.sources.entry(path.to_path_buf()).or_insert_with(|| {
            let bytes = std::fs::read(root.join(path)).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            Some(text.lines().map(str::to_owned).collect())
        });
        lines.as_ref()?.get(line.checked_sub(1)?).cloned()
    }
}

/// Longest source line quoted in full; longer ones are cut around the
/// column in question.
const MAX_QUOTED: usize = 120;

/// The part of a line to quote, given as the text each source character
/// is shown as ([`printable`]); where the character at `column` (0-based)
/// falls in it, and how many carets underline `len` characters from
/// there (at least one, and none past the quoted part).
fn window(line: &[String], column: usize, len: usize) -> (String, usize, usize) {
    let width = |cells: &[String]| cells.iter().map(|c| c.chars().count()).sum::<usize>();
    let column = column.min(line.len());
    let (start, end) = if line.len() <= MAX_QUOTED {
        (0, line.len())
    } else {
        let start = column.saturating_sub(MAX_QUOTED / 3);
        (start, (start + MAX_QUOTED).min(line.len()))
    };
    let mut shown = String::new();
    let mut offset = 0;
    if start > 0 {
        shown.push('…');
        offset = 1;
    }
    shown.extend(line[start..end].iter().map(String::as_str));
    if end < line.len() {
        shown.push('…');
    }
    let column = column.max(start);
    let before = offset + width(&line[start..column]);
    let carets = width(&line[column..(column + len.max(1)).min(end)]).max(1);
    (shown, before, carets)
}

/// How each character of a source line is quoted: tabs as one space (so
/// columns, counted in characters, still line up), control characters as
/// `�`, and bidirectional controls and invisible characters spelled out as
/// `<U+202E>`, so that no quoted line reorders or hides what the terminal
/// shows.
fn printable(line: &str) -> Vec<String> {
    line.trim_end_matches('\r')
        .chars()
        .map(|c| match c {
            '\t' => " ".to_owned(),
            c if invisible::spelled_out(c) => invisible::code(c),
            c if c.is_control() => "\u{FFFD}".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        let mut out = Vec::new();
        let mut stream = anstream::StripStream::new(&mut out);
        std::io::Write::write_all(&mut stream, s.as_bytes()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn renders_source_line_caret_and_hint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "id: X\n\tsigend: 1\n").unwrap();
        let d = Diagnostic::new("a.yaml", Some(Span::new(2, 2, 6)), "unknown field `sigend`")
            .hint("did you mean `signed`?");
        let text = plain(&Renderer::new(dir.path()).render(&d));
        assert_eq!(
            text,
            "a.yaml:2:2: error: unknown field `sigend`\n  |\n2 |  sigend: 1\n  |  ^^^^^^\n  = hint: did you mean `signed`?\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = printable(&format!("title: {}", "x".repeat(500)));
        let (shown, at, carets) = window(&line, 300, 1000);
        assert_eq!(shown.chars().count(), MAX_QUOTED + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(at, 300 - (300 - MAX_QUOTED / 3) + 1);
        assert_eq!(carets, MAX_QUOTED - MAX_QUOTED / 3);
        assert_eq!(
            window(&printable("short"), 2, 1),
            ("short".to_owned(), 2, 1)
        );
    }

    #[test]
    fn bidi_controls_are_spelled_out_and_the_caret_stays_under_its_character() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "title: ab\u{202E}cd\n").unwrap();
        let d = Diagnostic::new("a.yaml", Some(Span::new(1, 10, 1)), "holds \u{202E}");
        let text = plain(&Renderer::new(dir.path()).render(&d));
        assert_eq!(
            text,
            "a.yaml:1:10: error: holds <U+202E>\n  |\n1 | title: ab<U+202E>cd\n  |          ^^^^^^^^\n"
        );
        assert!(!text.contains('\u{202E}'));
    }

    #[test]
    fn file_level_problem_has_no_snippet() {
        let d = Diagnostic::new("b.yaml", None, "file is empty");
        let text = plain(&Renderer::new(Path::new("/nonexistent")).render(&d));
        assert_eq!(text, "b.yaml: error: file is empty\n");
    }
}

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

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
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
            path: path.into(),
            span,
            message: message.into(),
            hints: Vec::new(),
        }
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

const ERROR: Style = AnsiColor::Red.on_default().bold();
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
        let _ = writeln!(out, "{ERROR}error:{ERROR:#} {BOLD}{}{BOLD:#}", d.message);
        let line_text = d.span.and_then(|s| self.line(&d.path, s.line as usize));
        let width = d.span.map_or(1, |s| s.line.to_string().len());
        let pad = " ".repeat(width);
        if let (Some(span), Some(text)) = (d.span, line_text) {
            let (shown, before, visible) =
                window(&printable(&text), span.column.saturating_sub(1) as usize);
            let carets = (span.len as usize).min(visible.saturating_sub(before).max(1));
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

/// The part of `line` to quote, where `column` (0-based) falls in it, and
/// how many characters of it are source (not the closing `…`).
fn window(line: &str, column: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_QUOTED {
        return (line.to_owned(), column.min(chars.len()), chars.len());
    }
    let column = column.min(chars.len());
    let start = column.saturating_sub(MAX_QUOTED / 3);
    let end = (start + MAX_QUOTED).min(chars.len());
    let mut shown = String::new();
    let mut offset = 0;
    if start > 0 {
        shown.push('…');
        offset = 1;
    }
    shown.extend(&chars[start..end]);
    let visible = end - start + offset;
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column - start + offset, visible)
}

/// Makes a source line safe to print: tabs become one space (so columns,
/// counted in characters, still line up) and control characters a `�`.
fn printable(line: &str) -> String {
    line.trim_end_matches('\r')
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
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
        let line = format!("title: {}", "x".repeat(500));
        let (shown, at, visible) = window(&line, 300);
        assert_eq!(visible, MAX_QUOTED + 1);
        assert_eq!(shown.chars().count(), MAX_QUOTED + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(at, 300 - (300 - MAX_QUOTED / 3) + 1);
        assert_eq!(window("short", 2), ("short".to_owned(), 2, 5));
    }

    #[test]
    fn file_level_problem_has_no_snippet() {
        let d = Diagnostic::new("b.yaml", None, "file is empty");
        let text = plain(&Renderer::new(Path::new("/nonexistent")).render(&d));
        assert_eq!(text, "b.yaml: error: file is empty\n");
    }
}

//! Tracing a typst failure back to the YAML. Typst's diagnostics point into
//! the generated source, a file the user never wrote; when the position
//! holds (or is the call right before) a register value — which the
//! templates only ever pass as a string literal — the value is found again
//! in the entry whose block the position lies in (or in `register.yaml`),
//! and named by its file, line and column.

use std::path::Path;

use crate::error::Error;

/// A typst failure with the YAML place of the value it stopped at.
pub fn traced(error: Error, source: &str, root: &Path) -> Error {
    match error {
        Error::TypstFailed {
            document,
            status,
            diagnostics,
            source_path,
            culprit: None,
        } => Error::TypstFailed {
            culprit: culprit(&diagnostics, source, root),
            document,
            status,
            diagnostics,
            source_path,
        },
        other => other,
    }
}

/// "register/instruments/KZ-UZ-2024-001.yaml:3:8" for the value at the
/// first position of `diagnostics` in `source`, if it is one.
pub fn culprit(diagnostics: &str, source: &str, root: &Path) -> Option<String> {
    let (line, column) = position(diagnostics)?;
    let text = source.lines().nth(line.checked_sub(1)?)?;
    let value = literal_at(text, column)?;
    let needle = value.lines().find(|l| !l.trim().is_empty())?.trim();
    let needle: String = needle.chars().take(40).collect();
    let entry = source
        .lines()
        .take(line)
        .filter_map(|l| l.split("#label(\"entry-").nth(1)?.split('"').next())
        .last();
    let candidates = entry
        .map(|id| format!("{}/{id}.yaml", crate::register::load::INSTRUMENTS_DIR))
        .into_iter()
        .chain([crate::register::load::REGISTER_FILE.to_owned()]);
    for rel in candidates {
        let Ok(yaml) = std::fs::read_to_string(root.join(&rel)) else {
            continue;
        };
        for (n, l) in yaml.lines().enumerate() {
            if let Some(at) = l.find(&needle) {
                return Some(format!("{rel}:{}:{}", n + 1, l[..at].chars().count() + 1));
            }
        }
    }
    None
}

/// The first `register.typ:LINE:COLUMN` of typst's diagnostics.
fn position(diagnostics: &str) -> Option<(usize, usize)> {
    let rest = diagnostics.split("register.typ:").nth(1)?;
    let mut numbers = rest.split(|c: char| !c.is_ascii_digit());
    let line = numbers.next()?.parse().ok()?;
    let column = numbers.next()?.parse().ok()?;
    Some((line, column))
}

/// The string literal of Typst code `line` that holds 1-based character
/// `column`, else the first one after it (typst points at the call that
/// got the value), unescaped.
fn literal_at(line: &str, column: usize) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '"' {
            i += 1;
            continue;
        }
        let mut value = String::new();
        i += 1;
        while i < chars.len() && chars[i] != '"' {
            if chars[i] == '\\' && i + 1 < chars.len() {
                i += 1;
                value.push(match chars[i] {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    c => c,
                });
            } else {
                value.push(chars[i]);
            }
            i += 1;
        }
        // The literal ends at `i` (0-based); `column` is 1-based.
        if column <= i + 1 && value.trim().chars().count() > 1 {
            return Some(value);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_literal_at_or_after_the_column() {
        let line = r#"#int("Joint \"statement\"") + text("x")"#;
        assert_eq!(literal_at(line, 1).as_deref(), Some("Joint \"statement\""));
        assert_eq!(literal_at(line, 8).as_deref(), Some("Joint \"statement\""));
        assert_eq!(literal_at(line, 40), None);
    }

    #[test]
    fn reads_the_first_position() {
        let d = "error: invalid\n   ┌─ register.typ:212:2\n    │\n";
        assert_eq!(position(d), Some((212, 2)));
    }
}

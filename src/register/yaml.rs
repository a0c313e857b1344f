//! A YAML document as a tree whose every node knows where it stands.
//!
//! serde's derive stops at the first problem and cannot say where a *value*
//! came from, yet `check` must report every problem in a file with its line
//! and column. So register files are read with `saphyr-parser` (an event
//! parser that reports spans) into this small tree, and [`crate::register::load`]
//! decodes the tree into the model, collecting problems as it goes.
//!
//! This module also enforces the structural limits that keep hostile files
//! harmless: one document per file, bounded nesting, and a budget on nodes
//! created by alias expansion so that "billion laughs" files fail at once
//! with bounded memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use crate::register::diagnostic::Span;

/// Deepest nesting of lists and mappings accepted in a register file.
pub const MAX_DEPTH: usize = 64;
/// Most nodes a file may hold once aliases are expanded.
pub const MAX_NODES: usize = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// Line and column (1-based, in characters) just past a scalar's
    /// source text, its quotes and folded lines included; the start for
    /// lists and mappings. What lies between is where a character of the
    /// value is looked for ([`crate::register::decode`]).
    pub end: (u32, u32),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar; `plain` is false for quoted and block scalars, which are
    /// always text (`"null"` is the word, `null` is nothing).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// `~`, `null` or nothing at all, unquoted.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What kind of value this is, for messages like "expected text, found a list".
    pub fn describe(&self) -> &'static str {
        match &self.value {
            _ if self.is_null() => "nothing",
            Value::Scalar { .. } => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Why a file is not a single well-formed YAML document.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

impl SyntaxError {
    fn new(span: Span, message: impl Into<String>, hint: Option<&str>) -> Self {
        SyntaxError {
            span,
            message: message.into(),
            hint: hint.map(str::to_owned),
        }
    }
}

/// Parses one YAML document. `Ok(None)` means the file holds no document
/// (empty, or only comments).
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    if let Some(err) = find_lone_cr(text).or_else(|| find_tab_indent(text)) {
        return Err(err);
    }
    let mut builder = Builder {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        nodes: 0,
        text,
    };
    builder.document()
}

/// A carriage return not followed by a line feed ends a line for YAML but
/// not for editors, terminals or this tool's line numbers, so positions
/// would disagree with what the user sees. Such files (classic Mac line
/// endings, or a stray CR pasted in) are refused up front. Found by
/// fuzzing.
fn find_lone_cr(text: &str) -> Option<SyntaxError> {
    let at = text
        .match_indices('\r')
        .map(|(i, _)| i)
        .find(|&i| text.as_bytes().get(i + 1) != Some(&b'\n'))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some(SyntaxError::new(
        Span::new(line, column, 1),
        "carriage return without a line feed",
        Some(
            "save the file with LF (or CRLF) line endings; a lone CR may also have been pasted in",
        ),
    ))
}

/// YAML forbids tabs in indentation; the parser's own message for them is
/// confusing ("found a tab" pointing elsewhere), so find them first.
fn find_tab_indent(text: &str) -> Option<SyntaxError> {
    for (n, line) in text.lines().enumerate() {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(pos) = indent.find('\t') {
            let rest = line.trim_start_matches([' ', '\t']);
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            return Some(SyntaxError::new(
                Span::new(n + 1, pos + 1, 1),
                "tab character in indentation",
                Some("YAML indents with spaces only: replace the tab with spaces"),
            ));
        }
    }
    None
}

struct Builder<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    /// Anchored nodes and how many nodes each holds, for the alias budget.
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    text: &'a str,
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, YamlSpan), SyntaxError> {
        match self.parser.next_event() {
            Some(Ok(ev)) => Ok(ev),
            Some(Err(e)) => Err(self.scan_error(e)),
            None => Err(SyntaxError::new(
                self.end_span(),
                "unexpected end of file",
                None,
            )),
        }
    }

    fn scan_error(&self, e: saphyr_parser::ScanError) -> SyntaxError {
        let m = e.marker();
        if e.info().contains("recursion limit") {
            // The parser's own guard; report it like ours.
            return too_deep(Span::new(m.line(), m.col() + 1, 1));
        }
        if e.info().contains("quoted scalar") {
            // Told first: the parser words an unclosed quote as a matter of
            // indentation ("invalid indentation in quoted scalar").
            return SyntaxError::new(
                Span::new(m.line(), m.col() + 1, 1),
                format!("invalid YAML: a quoted value is not closed ({})", e.info()),
                Some(
                    "add the closing quote (`\"` or `'`) at the end of the value that starts here",
                ),
            );
        }
        let hint = if e.info().contains("mapping values are not allowed") {
            Some("a value that contains `: ` must be quoted, or a key is indented wrongly")
        } else if [
            "did not find expected",
            "block",
            "simple key",
            "indentation",
        ]
        .iter()
        .any(|s| e.info().contains(s))
        {
            Some("check the indentation: entries of one mapping or list must line up")
        } else if ["flow", "illegal placement", "quoted scalar"]
            .iter()
            .any(|s| e.info().contains(s))
        {
            Some("look for an unclosed bracket or quote here or on the lines above")
        } else {
            None
        };
        SyntaxError::new(
            Span::new(m.line(), m.col() + 1, 1),
            format!("invalid YAML: {}", e.info()),
            hint,
        )
    }

    fn end_span(&self) -> Span {
        let lines = self.text.lines().count().max(1);
        Span::new(lines, 1, 1)
    }

    fn document(&mut self) -> Result<Option<Node>, SyntaxError> {
        let mut root = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::StreamEnd => return Ok(root),
                Event::DocumentStart(_) if root.is_some() => {
                    return Err(SyntaxError::new(
                        span_of(span),
                        "more than one YAML document in this file",
                        Some(
                            "each instrument has a file of its own: remove this `---` line \
                             and what follows, or move it into another file",
                        ),
                    ));
                }
                Event::DocumentStart(_) => {
                    let (event, span) = self.next()?;
                    let node = self.node(event, span, 0)?;
                    root = Some(node);
                }
                other => {
                    return Err(SyntaxError::new(
                        span_of(span),
                        format!("invalid YAML: unexpected {other:?}"),
                        None,
                    ));
                }
            }
        }
    }

    fn count(&mut self, n: usize, span: Span) -> Result<(), SyntaxError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(SyntaxError::new(
                span,
                format!("file expands to more than {MAX_NODES} values"),
                Some("register files need no anchors or aliases (`&`, `*`): write values out"),
            ));
        }
        Ok(())
    }

    fn node(
        &mut self,
        event: Event<'a>,
        span: YamlSpan,
        depth: usize,
    ) -> Result<Node, SyntaxError> {
        let at = span_of(span);
        if depth > MAX_DEPTH {
            return Err(too_deep(at));
        }
        self.count(1, at)?;
        let start = self.nodes;
        let (node, anchor) = match event {
            Event::Scalar(text, style, anchor, _) => {
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    span: at,
                    end: end_of(span),
                };
                (node, anchor)
            }
            Event::SequenceStart(anchor, _) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if let Event::SequenceEnd = event {
                        break;
                    }
                    items.push(self.node(event, span, depth + 1)?);
                }
                (
                    Node {
                        value: Value::Seq(items),
                        span: at,
                        end: (at.line, at.column),
                    },
                    anchor,
                )
            }
            Event::MappingStart(anchor, _) => {
                let mut entries = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if let Event::MappingEnd = event {
                        break;
                    }
                    let key = self.node(event, span, depth + 1)?;
                    let (event, span) = self.next()?;
                    let value = self.node(event, span, depth + 1)?;
                    entries.push((key, value));
                }
                (
                    Node {
                        value: Value::Map(entries),
                        span: at,
                        end: (at.line, at.column),
                    },
                    anchor,
                )
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id).cloned() else {
                    return Err(SyntaxError::new(at, "alias to an unknown anchor", None));
                };
                // The alias itself was counted above; the copy costs the rest.
                self.count(size.saturating_sub(1), at)?;
                return Ok(node);
            }
            other => {
                return Err(SyntaxError::new(
                    at,
                    format!("invalid YAML: unexpected {other:?}"),
                    None,
                ));
            }
        };
        if anchor != 0 {
            let size = self.nodes - start + 1;
            self.anchors.insert(anchor, (node.clone(), size));
        }
        Ok(node)
    }
}

fn too_deep(span: Span) -> SyntaxError {
    SyntaxError::new(
        span,
        "values nested too deeply",
        Some("register files need only a few levels of lists and mappings"),
    )
}

/// Where a parser span ends, 1-based as [`Span`]s are.
fn end_of(span: YamlSpan) -> (u32, u32) {
    let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (small(span.end.line()), small(span.end.col() + 1))
}

fn span_of(span: YamlSpan) -> Span {
    let (start, end) = (span.start, span.end);
    let len = if end.line() == start.line() {
        end.col().saturating_sub(start.col())
    } else {
        1
    };
    Span::new(start.line(), start.col() + 1, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str, plain: bool) -> Value {
        Value::Scalar {
            text: text.into(),
            plain,
        }
    }

    #[test]
    fn spans_are_one_based() {
        let node = parse("id: X\nsigned:\n  date: 2024-08-08\n")
            .unwrap()
            .unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, scalar("X", true));
        assert_eq!(entries[0].1.span, Span::new(1, 5, 1));
        let Value::Map(signed) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(signed[0].1.span, Span::new(3, 9, 10));
    }

    #[test]
    fn empty_and_comment_only_files_have_no_document() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("# nothing\n\n").unwrap(), None);
    }

    #[test]
    fn second_document_is_rejected() {
        let err = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.span.line, 2);
        assert!(err.message.contains("more than one YAML document"));
    }

    #[test]
    fn tab_indent_is_rejected_with_position() {
        let err = parse("a:\n\tb: 1\n").unwrap_err();
        assert_eq!((err.span.line, err.span.column), (2, 1));
    }

    #[test]
    fn lone_carriage_returns_are_refused_where_they_are() {
        let err = parse("id: A\ntitle: Agr\r\reement\n").unwrap_err();
        assert_eq!((err.span.line, err.span.column), (2, 11));
        assert!(parse("id: A\r\ntitle: B\r\n").is_ok(), "CRLF is fine");
    }

    #[test]
    fn quoted_null_is_text() {
        let node = parse("a: \"null\"\nb: null\n").unwrap().unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert!(!entries[0].1.is_null());
        assert!(entries[1].1.is_null());
    }

    #[test]
    fn aliases_expand_within_budget() {
        let node = parse("a: &x [1, 2]\nb: *x\n").unwrap().unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, entries[1].1.value);
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("expands to more than"), "{err:?}");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message, "values nested too deeply");
        let text = format!("{}x\n", "- ".repeat(MAX_DEPTH + 5));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message, "values nested too deeply");
    }
}

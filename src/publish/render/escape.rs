//! Register values as Typst literals: the formatter that makes escaping
//! a property of the template environment (see [`super`]'s docs), and the
//! string escaping it rests on, with its inverse for tests and fuzzing.

use std::fmt::Write as _;

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Error as TemplateError, Output, State, Value};

/// Writes `text` as a Typst string literal.
///
/// ```
/// let mut out = String::new();
/// treaty_register::publish::render::typst_string("#read(\"/etc/passwd\")\n", &mut out);
/// assert_eq!(out, r##""#read(\"/etc/passwd\")\n""##);
/// ```
pub fn typst_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads a Typst string literal as typst does, for the escapes
/// [`typst_string`] writes: the inverse, used by tests and fuzzing to prove
/// that every string comes back unchanged. `None` for anything else.
pub fn read_typst_string(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    if chars.next()? != '{' {
                        return None;
                    }
                    let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// Writes a template value as a Typst literal (see the module docs).
pub fn typst_literal(value: &Value, out: &mut String) -> Result<(), TemplateError> {
    match value.kind() {
        ValueKind::None | ValueKind::Undefined => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if let Some(i) = value.as_i64() {
                let _ = write!(out, "{i}");
            } else {
                let f = f64::try_from(value.clone()).unwrap_or(f64::NAN);
                if f.is_finite() {
                    let _ = write!(out, "{f:?}");
                } else {
                    out.push_str("none");
                }
            }
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                typst_literal(&item, out)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut empty = true;
            for key in value.try_iter()? {
                typst_string(&key.to_string(), out);
                out.push_str(": ");
                typst_literal(&value.get_item(&key)?, out)?;
                out.push_str(", ");
                empty = false;
            }
            if empty {
                out.push(':');
            }
            out.push(')');
        }
        _ => typst_string(&value.to_string(), out),
    }
    Ok(())
}

pub(super) fn typst_formatter(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), TemplateError> {
    // The web edition's templates (`*.html.j2`) escape for HTML instead:
    // the same environment, the escaping chosen by the template's kind.
    if !matches!(state.auto_escape(), AutoEscape::None) {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_safe() {
        return write!(out, "{value}").map_err(TemplateError::from);
    }
    let mut text = String::new();
    typst_literal(value, &mut text)?;
    out.write_str(&text).map_err(TemplateError::from)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use minijinja::{Environment, UndefinedBehavior};

    use super::*;

    fn literal(value: Value) -> String {
        let mut out = String::new();
        typst_literal(&value, &mut out).unwrap();
        out
    }

    #[test]
    fn strings_become_string_literals() {
        assert_eq!(literal(Value::from("plain")), "\"plain\"");
        assert_eq!(
            literal(Value::from("a\\b\"c\nd\re\tf\u{7}g")),
            r#""a\\b\"c\nd\re\tf\u{7}g""#
        );
        assert_eq!(
            literal(Value::from("#read(\"/etc/passwd\") $x$ *b* <l> @r // /* `")),
            r##""#read(\"/etc/passwd\") $x$ *b* <l> @r // /* `""##
        );
        assert_eq!(
            literal(Value::from("Қазақстан Oʻzbekiston")),
            "\"Қазақстан Oʻzbekiston\""
        );
    }

    #[test]
    fn other_values_become_typst_values() {
        assert_eq!(literal(Value::from(())), "none");
        assert_eq!(literal(Value::from(true)), "true");
        assert_eq!(literal(Value::from(16)), "16");
        assert_eq!(literal(Value::from(1.5)), "1.5");
        assert_eq!(literal(Value::from(vec!["a", "b"])), r#"("a", "b", )"#);
        assert_eq!(literal(Value::from(Vec::<i32>::new())), "()");
        let map: BTreeMap<&str, i32> = [("x y", 1)].into();
        assert_eq!(literal(Value::from(map)), r#"("x y": 1, )"#);
        let empty: BTreeMap<&str, i32> = BTreeMap::new();
        assert_eq!(literal(Value::from(empty)), "(:)");
    }

    #[test]
    fn templates_escape_by_default_and_safe_is_explicit() {
        let mut env = Environment::new();
        env.set_formatter(typst_formatter);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let out = env
            .render_str("#{{ v }} {{ v|safe }}", minijinja::context! { v => "*b*" })
            .unwrap();
        assert_eq!(out, "#\"*b*\" *b*");
        let err = env.render_str("{{ missing }}", ()).unwrap_err();
        assert_eq!(err.kind(), minijinja::ErrorKind::UndefinedError);
    }
}

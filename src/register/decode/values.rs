//! Reading single values: text, dates, keywords, ISO codes and ids. Each
//! reader records a diagnostic with a fixing hint and returns `None` for a
//! bad value, so the section that asked carries on.

use crate::register::codes;
use crate::register::date::PartialDate;
use crate::register::glyphs;
use crate::register::model::is_valid_id;
use crate::register::suggest::closest;
use crate::register::yaml::{Node, Value};

use super::{Decoder, Fields, MAX_TEXT_CHARS};

impl Decoder<'_> {
    pub(super) fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } if text.trim().is_empty() => {
                self.error(node.span, format!("`{field}` is empty"))
                    .hints
                    .push(
                        "leave out a value that is not known; it prints as \"not recorded\"".into(),
                    );
                None
            }
            Value::Scalar { text, .. } if text.chars().count() > MAX_TEXT_CHARS => {
                let n = text.chars().count();
                self.error(
                    node.span,
                    format!("`{field}` is {n} characters long, over the limit of {MAX_TEXT_CHARS}"),
                )
                .hints
                .push("keep long texts in an attachment under register/files/".into());
                None
            }
            Value::Scalar { text, .. } => {
                // Bidirectional controls are refused by name, before the
                // fonts' coverage would refuse them as unprintable.
                if self.characters(node, field, text) {
                    return None;
                }
                // What the PDF cannot print is refused here, with the line,
                // rather than by typst in a generated file.
                if let Some(c) = glyphs::unprintable(text) {
                    let at = self.locate(node, &c.to_string());
                    self.error(
                        at,
                        format!(
                            "`{field}` holds `{}` (U+{:04X}), which the register's fonts cannot print",
                            c.escape_debug(),
                            u32::from(c)
                        ),
                    )
                    .hints
                    .push(format!(
                        "the fonts (Libertinus Serif, Noto) print {} letters: write the value in those \
                         scripts, or transliterate it",
                        glyphs::scripts()
                    ));
                    return None;
                }
                self.long_words(node, field, text);
                Some(text.clone())
            }
            _ => {
                self.error(
                    node.span,
                    format!("expected text for `{field}`, found {}", node.describe()),
                );
                None
            }
        }
    }

    /// `true` or `false`, as YAML writes them.
    pub(super) fn flag(&mut self, node: &Node, name: &str) -> Option<bool> {
        if let Value::Scalar { text, plain: true } = &node.value {
            match text.as_str() {
                "true" | "True" | "TRUE" => return Some(true),
                "false" | "False" | "FALSE" => return Some(false),
                _ => {}
            }
        }
        self.error(node.span, format!("`{name}` is `true` or `false`"))
            .hints
            .push(format!("write `{name}: true` or `{name}: false`, unquoted"));
        None
    }

    pub(super) fn opt_text(&mut self, fields: &Fields, name: &str) -> Option<String> {
        fields.get(name).and_then(|node| self.text(node, name))
    }

    /// A required text field; `Err` means the caller cannot build its value.
    pub(super) fn req_text(
        &mut self,
        fields: &Fields,
        name: &str,
        hint: &str,
    ) -> Result<String, ()> {
        match fields.get(name) {
            Some(node) => self.text(node, name).ok_or(()),
            None => {
                self.missing(fields, name, hint);
                Err(())
            }
        }
    }

    pub(super) fn list<'n>(&mut self, node: &'n Node, field: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            _ => {
                self.error(
                    node.span,
                    format!("expected a list for `{field}`, found {}", node.describe()),
                )
                .hints
                .push(format!(
                    "write each item of `{field}` on its own line starting with `- `"
                ));
                &[]
            }
        }
    }

    pub(super) fn date(&mut self, node: &Node, field: &str) -> Option<PartialDate> {
        let text = self.text(node, field)?;
        match PartialDate::parse(text.trim()) {
            Ok(date) => Some(date),
            Err(e) => {
                self.error(node.span, format!("`{text}` is not a valid date: {e}"))
                    .hints
                    .push("write the date as YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known".into());
                None
            }
        }
    }

    pub(super) fn opt_date(&mut self, fields: &Fields, name: &str) -> Option<PartialDate> {
        fields.get(name).and_then(|node| self.date(node, name))
    }

    pub(super) fn keyword<K: Copy>(
        &mut self,
        node: &Node,
        field: &str,
        parse: fn(&str) -> Option<K>,
        all: &[&str],
    ) -> Option<K> {
        let text = self.text(node, field)?;
        if let Some(k) = parse(&text) {
            return Some(k);
        }
        let normalized = text.trim().to_lowercase().replace([' ', '_'], "-");
        let hint = match parse(&normalized) {
            Some(_) => format!("write `{normalized}`"),
            None => match closest(&text, all) {
                Some(near) => format!("did you mean `{near}`? allowed: {}", all.join(", ")),
                None => format!("allowed: {}", all.join(", ")),
            },
        };
        self.error(node.span, format!("unknown {field} `{text}`"))
            .hints
            .push(hint);
        None
    }

    pub(super) fn country(&mut self, node: &Node, field: &str) -> Option<String> {
        let code = self.text(node, field)?;
        if codes::country_name(&code).is_some() {
            return Some(code);
        }
        let hint = match codes::country_suggestion(&code) {
            Some(c) => format!(
                "did you mean `{c}` ({})?",
                codes::country_name(c).unwrap_or("")
            ),
            None => "states are written as ISO 3166-1 alpha-3 codes, e.g. `KAZ`, `UZB`".into(),
        };
        self.error(node.span, format!("unknown state code `{code}`"))
            .hints
            .push(hint);
        None
    }

    pub(super) fn language(&mut self, node: &Node, field: &str) -> Option<String> {
        let code = self.text(node, field)?;
        if codes::language_name(&code).is_some() {
            return Some(code);
        }
        let hint = match codes::language_suggestion(&code) {
            Some(c) => format!(
                "did you mean `{c}` ({})?",
                codes::language_name(c).unwrap_or("")
            ),
            None => "languages are written as ISO 639-1 codes, e.g. `kk`, `uz`, `ru`, `en`".into(),
        };
        self.error(node.span, format!("unknown language code `{code}`"))
            .hints
            .push(hint);
        None
    }

    pub(super) fn id(&mut self, node: &Node, field: &str) -> Option<String> {
        let id = self.text(node, field)?;
        if is_valid_id(&id) {
            return Some(id);
        }
        let fixed = id.trim().to_uppercase().replace([' ', '_', '/', '.'], "-");
        let hint = if is_valid_id(&fixed) {
            format!("ids use upper-case letters, digits and single hyphens: write `{fixed}`")
        } else {
            "ids use upper-case letters A-Z, digits and single hyphens, e.g. `KZ-UZ-2024-001`"
                .into()
        };
        self.error(node.span, format!("`{id}` is not a valid {field}"))
            .hints
            .push(hint);
        None
    }

    pub(super) fn req_keyword<K: Copy>(
        &mut self,
        f: &Fields,
        name: &str,
        parse: fn(&str) -> Option<K>,
        all: &[&str],
    ) -> Option<K> {
        match f.get(name) {
            Some(node) => self.keyword(node, name, parse, all),
            None => {
                self.missing(
                    f,
                    name,
                    &format!("add `{name}:` with one of: {}", all.join(", ")),
                );
                None
            }
        }
    }
}

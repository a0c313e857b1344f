//! Sources: where the entry's facts come from.

use crate::register::model::*;
use crate::register::yaml::{Node, Value};

use super::{Decoder, Fields};

impl Decoder<'_> {
    pub(super) fn sources(&mut self, f: &Fields) -> Option<Vec<Source>> {
        let Some(node) = f.get("sources") else {
            self.missing(
                f,
                "sources",
                "add `sources:` with at least one `- title: <headline of the report>`",
            );
            return None;
        };
        let items = self.list(node, "sources");
        if matches!(node.value, Value::Seq(_)) && items.is_empty() {
            self.error(node.span, "an instrument needs at least one source")
                .hints
                .push("cite where the facts come from: `- title: <headline of the report>`".into());
        }
        let mut sources = Vec::with_capacity(items.len());
        for item in items {
            let Some(sf) = self.fields(
                item,
                item.span,
                "a source",
                &["key", "title", "publisher", "date", "url", "note"],
            ) else {
                continue;
            };
            let title = self.req_text(
                &sf,
                "title",
                "add `title:` with the headline or title of the source",
            );
            let key = sf.get("key").and_then(|n| self.source_key(n, &sources));
            let source = Source {
                key,
                title: title.unwrap_or_default(),
                publisher: self.opt_text(&sf, "publisher"),
                date: self.opt_date(&sf, "date"),
                url: self.opt_text(&sf, "url"),
                note: self.opt_text(&sf, "note"),
            };
            sources.push(source);
        }
        Some(sources)
    }

    /// A source's `key`: a lower-case word, unique in the entry.
    fn source_key(&mut self, node: &Node, earlier: &[Source]) -> Option<Spanned<String>> {
        let key = self.text(node, "key")?;
        let word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        if !key.chars().all(word) {
            let fixed: String = key
                .to_lowercase()
                .chars()
                .map(|c| if word(c) { c } else { '-' })
                .collect();
            self.error(
                node.span,
                format!("source key `{key}` is not a lower-case word"),
            )
            .hints
            .push(format!(
                "keys use a-z, 0-9, `-` and `_`, e.g. `{fixed}`; actions cite the source by it"
            ));
            return None;
        }
        if let Some(first) = earlier
            .iter()
            .filter_map(|s| s.key.as_ref())
            .find(|k| k.value == key)
        {
            let line = first.span.line;
            self.error(node.span, format!("source key `{key}` is used twice"))
                .hints
                .push(format!(
                    "line {line} has it already; give each source its own key"
                ));
            return None;
        }
        Some(Spanned {
            value: key,
            span: node.span,
        })
    }
}

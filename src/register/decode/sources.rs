//! Sources: where the entry's facts come from.

use crate::register::model::*;
use crate::register::yaml::Value;

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
        let mut sources = Vec::new();
        for item in items {
            let Some(sf) = self.fields(
                item,
                item.span,
                "a source",
                &["title", "publisher", "date", "url", "note"],
            ) else {
                continue;
            };
            let title = self.req_text(
                &sf,
                "title",
                "add `title:` with the headline or title of the source",
            );
            let source = Source {
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
}

//! Relations to other instruments: an id of this register, or
//! `{title, date}` for one outside it.

use crate::register::diagnostic::Span;
use crate::register::model::*;
use crate::register::yaml::{Node, Value};

use super::{Decoder, f_key};

impl Decoder<'_> {
    pub(super) fn relations(&mut self, node: &Node) -> Vec<Relation> {
        let items = self.list(node, "relations");
        let mut relations = Vec::with_capacity(items.len());
        for item in items {
            let Some(rf) = self.fields(item, item.span, "a relation", &["kind", "target"]) else {
                continue;
            };
            let kind = match rf.get("kind") {
                Some(n) => {
                    self.keyword(n, "relation kind", RelationKind::parse, RelationKind::NAMES)
                }
                None => {
                    self.missing(
                        &rf,
                        "kind",
                        &format!(
                            "add `kind:` with one of: {}",
                            RelationKind::NAMES.join(", ")
                        ),
                    );
                    None
                }
            };
            let target = match rf.get("target") {
                Some(n) => self.target(n, f_key(&rf, "target")),
                None => {
                    self.missing(&rf, "target", "add `target:` with an id of this register, or `{title, date}` for another instrument");
                    None
                }
            };
            if let (Some(kind), Some(target)) = (kind, target) {
                relations.push(Relation { kind, target });
            }
        }
        relations
    }

    pub(super) fn target(&mut self, node: &Node, owner: Span) -> Option<Target> {
        match &node.value {
            Value::Scalar { .. } => {
                let id = self.text(node, "target")?;
                if !is_valid_id(&id) {
                    self.error(node.span, format!("relation target `{id}` is not an id"))
                        .hints
                        .push("name an instrument of this register by its id, or describe another one as `{title: …, date: YYYY-MM-DD}`".into());
                    return None;
                }
                Some(Target::Id(Spanned {
                    value: id,
                    span: node.span,
                }))
            }
            Value::Map(_) => {
                let tf = self.fields(node, owner, "a relation target", &["title", "date"])?;
                let title = self.req_text(
                    &tf,
                    "title",
                    "add `title:` with the other instrument's title",
                );
                let date = match tf.get("date") {
                    Some(n) => self.date(n, "date"),
                    None => {
                        self.missing(&tf, "date", "add `date:` with the other instrument's date (YYYY-MM-DD, YYYY-MM or YYYY)");
                        None
                    }
                };
                Some(Target::External {
                    title: title.ok()?,
                    date: date?,
                })
            }
            Value::Seq(_) => {
                self.error(
                    node.span,
                    "expected an id or `{title, date}` for `target`, found a list",
                )
                .hints
                .push("give each target a relation of its own".into());
                None
            }
        }
    }
}

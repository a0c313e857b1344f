//! `inferred`: the values an entry's editors inferred rather than read in
//! a source, each with its reason. A mark must name a value the entry
//! has: a bracket around nothing would tell the reader nothing.

use crate::register::model::*;
use crate::register::yaml::Node;

use super::{Decoder, Fields};

impl Decoder<'_> {
    /// The items of `inferred`, checked against the values the entry has
    /// (`place` and `has_level` as decoded; `signed.date` is required).
    pub(super) fn inferred(&mut self, f: &Fields, place: bool, has_level: bool) -> Vec<Inference> {
        let Some(node) = f.get("inferred") else {
            return Vec::new();
        };
        let mut out: Vec<Inference> = Vec::new();
        for item in self.list(node, "inferred") {
            let Some(x) = self.inference(item) else {
                continue;
            };
            if !self.present(&x, place, has_level) || self.repeated(&x, &out) {
                continue;
            }
            out.push(x);
        }
        out
    }

    /// One item, `{field, reason}`, both required.
    fn inference(&mut self, item: &Node) -> Option<Inference> {
        let xf = self.fields(item, item.span, "an inferred value", &["field", "reason"])?;
        let field = match xf.get("field") {
            Some(n) => self
                .keyword(
                    n,
                    "inferred field",
                    InferredField::parse,
                    InferredField::NAMES,
                )
                .map(|value| Spanned {
                    value,
                    span: n.span,
                }),
            None => {
                let allowed = InferredField::NAMES.join(", ");
                self.missing(
                    &xf,
                    "field",
                    &format!("add `field:` naming the value inferred, one of: {allowed}"),
                );
                None
            }
        };
        let reason = self.req_text(
            &xf,
            "reason",
            "add `reason:` saying what in the sources the value is inferred from",
        );
        Some(Inference {
            field: field?,
            reason: reason.ok()?,
        })
    }

    /// Whether the entry has the value the item marks; an error if not.
    fn present(&mut self, x: &Inference, place: bool, has_level: bool) -> bool {
        let (has, hint) = match x.field.value {
            InferredField::SignedDate => (true, ""),
            InferredField::SignedPlace => (
                place,
                "add `place:` under `signed:` with the inferred place, or remove this item: \
                 a place not known is left out, not marked",
            ),
            InferredField::Level => (
                has_level,
                "add `level:` with the inferred level, or remove this item: \
                 a level not known is left out, not marked",
            ),
        };
        if !has {
            let name = x.field.value.as_str();
            self.error(
                x.field.span,
                format!("`{name}` is marked as inferred, but the entry has no `{name}`"),
            )
            .hints
            .push(hint.into());
        }
        has
    }

    /// Whether an earlier item marks the same value; an error if so.
    fn repeated(&mut self, x: &Inference, earlier: &[Inference]) -> bool {
        let Some(first) = earlier.iter().find(|e| e.field.value == x.field.value) else {
            return false;
        };
        let (name, line) = (x.field.value.as_str(), first.field.span.line);
        self.error(
            x.field.span,
            format!("`{name}` is marked as inferred twice"),
        )
        .hints
        .push(format!(
            "line {line} marks it already; give one item per value, with one reason"
        ));
        true
    }
}

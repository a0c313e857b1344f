//! `register/register.yaml`: the register's title page and status date.

use crate::register::model::Meta;
use crate::register::yaml::Node;

use super::Decoder;

const META_FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "series",
    "authority",
    "as_of",
    "language",
    "foreword",
    "id_prefix",
];

impl Decoder<'_> {
    pub(super) fn meta(&mut self, node: &Node) -> Option<Meta> {
        let f = self.fields(node, node.span, "register.yaml", META_FIELDS)?;
        let title = self.req_text(
            &f,
            "title",
            "add `title:` with the register's title as printed on the title page",
        );
        let as_of = match f.get("as_of") {
            Some(node) => match self.date(node, "as_of") {
                Some(d) if d.is_full() => Ok(d),
                Some(d) => {
                    self.error(node.span, format!("`as_of` must be a full date, not `{d}`"))
                        .hints
                        .push(
                            "the status date is also the PDF's creation date: write YYYY-MM-DD"
                                .into(),
                        );
                    Err(())
                }
                None => Err(()),
            },
            None => {
                self.missing(
                    &f,
                    "as_of",
                    "add `as_of: YYYY-MM-DD`, the date the register's status is given as of",
                );
                Err(())
            }
        };
        let id_prefix = match f.get("id_prefix") {
            Some(node) => self.id(node, "id_prefix").ok_or(()),
            None => {
                self.missing(
                    &f,
                    "id_prefix",
                    "add `id_prefix:`, the start of new ids, e.g. `KZ-UZ-2024`",
                );
                Err(())
            }
        };
        let language = f.get("language").map(|n| self.language(n, "language"));
        let meta = Meta {
            title: title.ok()?,
            subtitle: self.opt_text(&f, "subtitle"),
            series: self.opt_text(&f, "series"),
            authority: self.opt_text(&f, "authority"),
            as_of: as_of.ok()?,
            language: language.unwrap_or(Some("en".into()))?,
            foreword: self.opt_text(&f, "foreword"),
            id_prefix: id_prefix.ok()?,
        };
        Some(meta)
    }
}

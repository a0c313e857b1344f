//! The top level of an instrument file: which fields exist, the id and
//! its file name, and the small sections (titles, subjects, entry into
//! force, term) that need no file of their own.

use std::collections::BTreeMap;

use crate::register::diagnostic::Span;
use crate::register::model::*;
use crate::register::yaml::{Node, Value};

use super::{Decoder, f_key};

/// The fields an instrument file may have, in the format's order.
pub const INSTRUMENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "titles",
    "type",
    "level",
    "parties",
    "signed",
    "places",
    "status",
    "in_force",
    "term",
    "relations",
    "subjects",
    "languages",
    "sources",
    "notes",
    "notes_translated",
    "files",
    "depositary",
    "registration",
    "registrable",
    "actions",
    "withdrawn",
    "inferred",
];

impl Decoder<'_> {
    pub(super) fn instrument(&mut self, node: &Node) -> Option<Instrument> {
        let f = self.fields(node, node.span, "the instrument", INSTRUMENT_FIELDS)?;
        let errors_before = self.errors();

        let id = match f.get("id") {
            Some(node) => self.id(node, "id").map(|id| Spanned {
                value: id,
                span: node.span,
            }),
            None => {
                let stem = self.stem();
                self.missing(
                    &f,
                    "id",
                    &format!("add `id: {stem}` (the id equals the file name)"),
                );
                None
            }
        };
        let title = self
            .req_text(
                &f,
                "title",
                "add `title:` with the official English title as signed",
            )
            .ok();
        let titles = f.get("titles").map(|n| self.titles(n)).unwrap_or_default();
        let places = self.translated(&f, "places");
        let notes_translated = self.translated(&f, "notes_translated");
        let kind = self.req_keyword(&f, "type", InstrumentType::parse, InstrumentType::NAMES);
        let level = f
            .get("level")
            .and_then(|n| self.keyword(n, "level", Level::parse, Level::NAMES));
        let parties = self.parties(&f);
        let signed = self.signed(&f);
        let status = self.status(&f);
        let in_force = f
            .get("in_force")
            .and_then(|n| self.in_force(n, f_key(&f, "in_force")));
        let term = f.get("term").and_then(|n| self.term(n, f_key(&f, "term")));
        let relations = f
            .get("relations")
            .map(|n| self.relations(n))
            .unwrap_or_default();
        let subjects = f
            .get("subjects")
            .map(|n| self.subjects(n))
            .unwrap_or_default();
        let languages = f
            .get("languages")
            .map(|n| self.languages(n))
            .unwrap_or_default();
        let sources = self.sources(&f);
        let notes = self.opt_text(&f, "notes");
        let files = f
            .get("files")
            .map(|n| self.attachments(n))
            .unwrap_or_default();
        let depositary = f.get("depositary").and_then(|n| self.depositary(n));
        let registration = f
            .get("registration")
            .and_then(|n| self.registration(n, f_key(&f, "registration")));
        let registrable = f
            .get("registrable")
            .and_then(|n| self.flag(n, "registrable"));
        let actions = f
            .get("actions")
            .map(|n| self.actions(n))
            .unwrap_or_default();
        let withdrawn = f
            .get("withdrawn")
            .and_then(|n| self.withdrawn(n, f_key(&f, "withdrawn")));
        // Judged on what was written: a bad `signed` or `level` has its
        // own message already, and is not also called absent.
        let inferred = self.inferred(
            &f,
            signed.as_ref().is_none_or(|s| s.place.is_some()),
            f.get("level").is_some(),
        );

        if self.errors() > errors_before {
            return None;
        }
        // A file named after another id is still a sound entry: keep it, so
        // that `check` can also say which id it collides with.
        if let Some(id) = &id {
            self.check_stem(&id.value, id.span);
        }
        Some(Instrument {
            path: self.path.clone(),
            sha256: String::new(),
            number_in_register: None,
            in_force_later: false,
            id: id?,
            title: title?,
            titles,
            places,
            notes_translated,
            kind: kind?,
            level,
            depositary,
            parties: parties?,
            signed: signed?,
            status: status?,
            in_force,
            term,
            relations,
            subjects,
            languages,
            sources: sources?,
            notes,
            files,
            registration,
            registrable,
            actions,
            withdrawn,
            inferred,
            translation_keys: std::mem::take(&mut self.translation_keys),
        })
    }

    pub(super) fn languages(&mut self, node: &Node) -> Vec<String> {
        let items = self.list(node, "languages");
        items
            .iter()
            .filter_map(|i| self.language(i, "language"))
            .collect()
    }

    /// The stated status: required unless the acts are recorded under
    /// `actions`, from which it is derived. `None` after a diagnostic.
    fn status(&mut self, f: &super::Fields) -> Option<Option<Spanned<Status>>> {
        match f.get("status") {
            Some(n) => {
                let status = self.keyword(n, "status", Status::parse, Status::NAMES)?;
                Some(Some(Spanned {
                    value: status,
                    span: n.span,
                }))
            }
            None if f.get("actions").is_some() => Some(None),
            None => {
                self.missing(
                    f,
                    "status",
                    &format!(
                        "add `status:` with one of: {}; or record the parties' acts under \
                         `actions:` and the status is derived from them",
                        Status::NAMES.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// The file name without `.yaml`: what the id must be.
    pub(super) fn stem(&self) -> String {
        self.path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_owned()
    }

    pub(super) fn check_stem(&mut self, id: &str, span: Span) {
        let stem = self.stem();
        if stem != id {
            self.error(
                span,
                format!("id `{id}` does not match the file name `{stem}.yaml`"),
            )
            .hints
            .push(format!(
                "rename the file to `{id}.yaml`, or write `id: {stem}`"
            ));
        }
    }

    pub(super) fn titles(&mut self, node: &Node) -> BTreeMap<String, String> {
        self.by_language(node, "titles", "Соглашение …")
    }

    /// A text's translations, `field: {ru: …, kk: …}` of `f`, if given.
    pub(super) fn translated(
        &mut self,
        f: &super::Fields,
        field: &str,
    ) -> BTreeMap<String, String> {
        let Some(node) = f.get(field) else {
            return BTreeMap::new();
        };
        if let Value::Map(entries) = &node.value {
            for (key, _) in entries {
                if let Value::Scalar { text, .. } = &key.value {
                    self.translation_keys.push(Spanned {
                        value: text.clone(),
                        span: key.span,
                    });
                }
            }
        }
        self.by_language(node, field, "…")
    }

    /// `{<language code>: <text>}`: one text per language.
    pub(super) fn by_language(
        &mut self,
        node: &Node,
        field: &str,
        example: &str,
    ) -> BTreeMap<String, String> {
        let mut texts = BTreeMap::new();
        let Value::Map(entries) = &node.value else {
            self.error(
                node.span,
                format!(
                    "expected a mapping for `{field}`, found {}",
                    node.describe()
                ),
            )
            .hints
            .push(format!(
                "write one `<language code>: <text>` line per language, e.g. `ru: {example}`"
            ));
            return texts;
        };
        for (key, value) in entries {
            let (Some(lang), Some(text)) = (self.language(key, field), self.text(value, field))
            else {
                continue;
            };
            texts.insert(lang, text);
        }
        texts
    }

    pub(super) fn in_force(&mut self, node: &Node, owner: Span) -> Option<InForce> {
        let f = self.fields(node, owner, "`in_force`", &["date", "note"])?;
        Some(InForce {
            date: self.opt_date(&f, "date"),
            date_span: f.get("date").map_or(owner, |n| n.span),
            note: self.opt_text(&f, "note"),
        })
    }

    /// `withdrawn: {date, reason}`: both required, nothing else.
    pub(super) fn withdrawn(&mut self, node: &Node, owner: Span) -> Option<Withdrawn> {
        let f = self.fields(node, owner, "`withdrawn`", &["date", "reason"])?;
        let date = match f.get("date") {
            Some(n) => self.date(n, "date"),
            None => {
                self.missing(
                    &f,
                    "date",
                    "add `date:` with the day the entry was withdrawn, YYYY-MM-DD",
                );
                None
            }
        };
        let reason = self
            .req_text(
                &f,
                "reason",
                "add `reason:` saying why, e.g. `Entered by mistake; duplicate of KZ-UZ-2024-002`",
            )
            .ok();
        Some(Withdrawn {
            date: date?,
            reason: reason?,
        })
    }

    pub(super) fn term(&mut self, node: &Node, owner: Span) -> Option<Term> {
        let f = self.fields(node, owner, "`term`", &["from", "to"])?;
        let from = self.opt_date(&f, "from");
        let to = self.opt_date(&f, "to");
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            let span = f.get("to").map_or(owner, |n| n.span);
            self.error(span, format!("term ends ({b}) before it begins ({a})"))
                .hints
                .push("check `from` and `to`; they may be swapped".into());
        }
        Some(Term { from, to })
    }

    pub(super) fn subjects(&mut self, node: &Node) -> Vec<String> {
        let items = self.list(node, "subjects");
        let mut subjects = Vec::with_capacity(items.len());
        for item in items {
            let Some(s) = self.text(item, "subject") else {
                continue;
            };
            if s.chars().any(char::is_uppercase) {
                let lower = s.to_lowercase();
                self.error(item.span, format!("subject `{s}` is not lower-case"))
                    .hints
                    .push(format!("write `{lower}`: subject terms are lower-case so that the index merges them"));
                continue;
            }
            subjects.push(s);
        }
        subjects
    }
}

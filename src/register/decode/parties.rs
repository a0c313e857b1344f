//! Parties, the signature and its signatories.

use crate::register::model::*;
use crate::register::yaml::Value;

use super::{Decoder, Fields, f_key};

impl Decoder<'_> {
    pub(super) fn parties(&mut self, f: &Fields) -> Option<Vec<Party>> {
        let Some(node) = f.get("parties") else {
            self.missing(
                f,
                "parties",
                "add `parties:` with at least two `- state: KAZ` entries",
            );
            return None;
        };
        let items = self.list(node, "parties");
        let mut parties = Vec::with_capacity(items.len());
        for item in items {
            let Some(pf) = self.fields(item, item.span, "a party", &["state", "body", "bodies"])
            else {
                continue;
            };
            let state = match pf.get("state") {
                Some(n) => self.country(n, "state"),
                None => {
                    self.missing(
                        &pf,
                        "state",
                        "add `state:` with the party's ISO 3166-1 alpha-3 code, e.g. `KAZ`",
                    );
                    None
                }
            };
            let body = self.opt_text(&pf, "body");
            let bodies = self.translated(&pf, "bodies");
            if let Some(state) = state {
                let span = pf.get("state").map_or(item.span, |n| n.span);
                parties.push(Party {
                    state,
                    body,
                    bodies,
                    span,
                });
            }
        }
        if matches!(node.value, Value::Seq(_)) && items.len() < 2 {
            self.error(
                node.span,
                format!(
                    "an instrument needs at least two parties, found {}",
                    items.len()
                ),
            )
            .hints
            .push("list every signing party as `- state: <code>` with its `body:`".into());
        }
        Some(parties)
    }

    pub(super) fn signed(&mut self, f: &Fields) -> Option<Signed> {
        let Some(node) = f.get("signed") else {
            self.missing(
                f,
                "signed",
                "add `signed:` with at least `date: YYYY-MM-DD`",
            );
            return None;
        };
        let sf = self.fields(
            node,
            f_key(f, "signed"),
            "`signed`",
            &["date", "place", "signatories"],
        )?;
        let date = match sf.get("date") {
            Some(n) => self.date(n, "date"),
            None => {
                self.missing(
                    &sf,
                    "date",
                    "add `date:` under `signed:` (YYYY-MM-DD, or YYYY-MM or YYYY)",
                );
                None
            }
        };
        let place = self.opt_text(&sf, "place");
        let mut signatories = Vec::new();
        if let Some(list) = sf.get("signatories") {
            for item in self.list(list, "signatories") {
                let Some(gf) = self.fields(
                    item,
                    item.span,
                    "a signatory",
                    &["name", "names", "office", "state"],
                ) else {
                    continue;
                };
                let name = self.req_text(
                    &gf,
                    "name",
                    "add `name:` with the signatory's name as reported",
                );
                let names = self.translated(&gf, "names");
                let office = self.opt_text(&gf, "office");
                let state = gf.get("state").and_then(|n| {
                    let code = self.country(n, "state")?;
                    Some(Spanned {
                        value: code,
                        span: n.span,
                    })
                });
                if let Ok(name) = name {
                    signatories.push(Signatory {
                        name,
                        names,
                        office,
                        state,
                    });
                }
            }
        }
        Some(Signed {
            date: date?,
            date_span: sf.get("date").map_or(sf.owner, |n| n.span),
            place,
            signatories,
        })
    }
}

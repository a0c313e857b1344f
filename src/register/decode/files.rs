//! Attachments: files under `register/files/` with their digests. Whether
//! they exist is checked by [`crate::register::check`], which sees the disk.

use crate::register::model::*;
use crate::register::yaml::Node;

use super::Decoder;

impl Decoder<'_> {
    pub(super) fn attachments(&mut self, node: &Node) -> Vec<Attachment> {
        let items = self.list(node, "files");
        let mut files = Vec::with_capacity(items.len());
        for item in items {
            let Some(af) = self.fields(
                item,
                item.span,
                "an attachment",
                &["path", "sha256", "description", "kind", "languages"],
            ) else {
                continue;
            };
            let path = match af.get("path") {
                Some(n) => self.text(n, "path").map(|p| Spanned {
                    value: p,
                    span: n.span,
                }),
                None => {
                    self.missing(
                        &af,
                        "path",
                        "add `path:` relative to register/, e.g. `files/KZ-UZ-2024-001.pdf`",
                    );
                    None
                }
            };
            let sha256 = af.get("sha256").and_then(|n| {
                let text = self.text(n, "sha256")?;
                let digest = text.trim().to_ascii_lowercase();
                if digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Some(Spanned {
                        value: digest,
                        span: n.span,
                    })
                } else {
                    self.error(n.span, "`sha256` must be 64 hexadecimal digits")
                        .hints
                        .push(
                            "compute it with `sha256sum register/<path>`, or leave it out".into(),
                        );
                    None
                }
            });
            let description = self.opt_text(&af, "description");
            let kind = af
                .get("kind")
                .and_then(|n| self.keyword(n, "kind", FileKind::parse, FileKind::NAMES));
            let languages = af
                .get("languages")
                .map(|n| self.languages(n))
                .unwrap_or_default();
            if let Some(path) = path {
                files.push(Attachment {
                    path,
                    sha256,
                    description,
                    kind,
                    languages,
                });
            }
        }
        files
    }
}

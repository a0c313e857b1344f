//! `register/register.yaml`: the register's title page and status date.

use crate::register::model::{EDITION_LANGUAGES, Meta, Numbering, Outputs};
use crate::register::yaml::{Node, Value};

use super::Decoder;

const META_FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "series",
    "authority",
    "as_of",
    "language",
    "translations",
    "foreword",
    "id_prefix",
    "outputs",
    "texts",
    "state",
    "notifications",
    "base_url",
];

/// The register's texts an edition in another language gives in its own
/// words: `texts: {ru: {title: …, foreword: …}}`.
pub const TEXTS_FIELDS: &[&str] = &["title", "subtitle", "foreword", "authority", "series"];

/// The fields of `outputs:`; `languages` is named only to point to
/// `translations`.
const OUTPUTS_FIELDS: &[&str] = &["web", "languages"];

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
        let language = match f.get("language") {
            Some(n) => self.edition_language(n, "language"),
            None => Some("en".to_owned()),
        };
        let translations = match (f.get("translations"), &language) {
            (Some(n), Some(language)) => self.translations(n, language),
            _ => Vec::new(),
        };
        let outputs = match f.get("outputs") {
            Some(n) => self.outputs(n),
            None => Some(Outputs::default()),
        };
        let texts = match (f.get("texts"), &language) {
            (Some(n), Some(language)) => self.texts(n, language, &translations),
            _ => Default::default(),
        };
        let state = f.get("state").and_then(|n| self.country(n, "state"));
        let notifications = f.get("notifications").and_then(|n| self.numbering(n));
        let base_url = f.get("base_url").and_then(|n| self.base_url(n));
        let meta = Meta {
            base_url,
            state,
            notifications,
            texts,
            subject_labels: Default::default(),
            title: title.ok()?,
            subtitle: self.opt_text(&f, "subtitle"),
            series: self.opt_text(&f, "series"),
            authority: self.opt_text(&f, "authority"),
            as_of: as_of.ok()?,
            language: language?,
            translations,
            foreword: self.opt_text(&f, "foreword"),
            id_prefix: id_prefix.ok()?,
            outputs: outputs?,
        };
        Some(meta)
    }
}

impl Decoder<'_> {
    /// `base_url:` — an absolute `https://` (or `http://`) address ending in
    /// `/`, since every URI of the open data is this text and a path.
    fn base_url(&mut self, node: &Node) -> Option<String> {
        let text = self.text(node, "base_url")?;
        match base_url(&text) {
            Ok(url) => Some(url),
            Err(fix) => {
                self.error(
                    node.span,
                    format!(
                        "`base_url` must be an absolute http(s) address ending in `/`, not `{text}`"
                    ),
                )
                .hints
                .push(fix);
                None
            }
        }
    }

    /// `texts:`, by edition language: each a language the register is
    /// published in (not its own, whose texts are the fields themselves).
    fn texts(
        &mut self,
        node: &Node,
        language: &str,
        translations: &[String],
    ) -> std::collections::BTreeMap<String, crate::register::model::Texts> {
        let mut out = std::collections::BTreeMap::new();
        let crate::register::yaml::Value::Map(entries) = &node.value else {
            self.error(
                node.span,
                format!("expected a mapping for `texts`, found {}", node.describe()),
            )
            .hints
            .push(
                "write `texts:` with one `<language>:` mapping per edition, e.g. `ru: {title: …}`"
                    .into(),
            );
            return out;
        };
        for (key, value) in entries {
            let Some(lang) = self.language(key, "texts") else {
                continue;
            };
            if !translations.contains(&lang) {
                let hint = if lang == language {
                    format!(
                        "`{lang}` is the register's own language: its texts are `title`, `foreword`… themselves"
                    )
                } else {
                    format!(
                        "add `{lang}` to `translations` to publish an edition in it, or remove these texts"
                    )
                };
                self.error(key.span, format!("the register has no `{lang}` edition"))
                    .hints
                    .push(hint);
                continue;
            }
            let Some(tf) = self.fields(value, key.span, &format!("`texts.{lang}`"), TEXTS_FIELDS)
            else {
                continue;
            };
            out.insert(
                lang,
                crate::register::model::Texts {
                    title: self.opt_text(&tf, "title"),
                    subtitle: self.opt_text(&tf, "subtitle"),
                    foreword: self.opt_text(&tf, "foreword"),
                    authority: self.opt_text(&tf, "authority"),
                    series: self.opt_text(&tf, "series"),
                },
            );
        }
        out
    }

    /// A language the register can be published in: one with a message
    /// catalogue.
    fn edition_language(&mut self, node: &Node, field: &str) -> Option<String> {
        // A project catalogue's name is a well-formed BCP 47 tag (`locale
        // new` refuses any other), with a region (`pt-BR`) or without.
        if let Value::Scalar { text, .. } = &node.value
            && self.catalogues.contains(text)
        {
            return Some(text.clone());
        }
        let code = self.language(node, field)?;
        if EDITION_LANGUAGES.contains(&code.as_str()) || self.catalogues.contains(&code) {
            return Some(code);
        }
        self.error(
            node.span,
            format!("the register cannot be published in `{code}`"),
        )
        .hints
        .push(format!(
            "`{field}` is one of {}, or a language the project has its own catalogue for: `treaty-register locale new {code}` writes locales/{code}.ftl for a translator",
            EDITION_LANGUAGES
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        None
    }

    /// `translations: [ru, kk]`: each an edition language, once, and not
    /// the register's own.
    fn translations(&mut self, node: &Node, language: &str) -> Vec<String> {
        let items = self.list(node, "translations");
        let mut out: Vec<String> = Vec::new();
        for item in items {
            let Some(code) = self.edition_language(item, "translations") else {
                continue;
            };
            if code == language {
                self.error(
                    item.span,
                    format!("`{code}` is the register's own language"),
                )
                .hints
                .push(format!(
                    "register.pdf is already in `{code}`: remove it from `translations`"
                ));
            } else if out.contains(&code) {
                self.error(item.span, format!("`{code}` is listed twice"))
                    .hints
                    .push("remove the second one".into());
            } else {
                out.push(code);
            }
        }
        out
    }

    /// `notifications: {prefix: "C.N.", pattern: "{prefix}{seq}.{year}"}`:
    /// the pattern must hold `{seq}` and `{year}`, or numbers would repeat.
    fn numbering(&mut self, node: &Node) -> Option<Numbering> {
        let f = self.fields(node, node.span, "`notifications`", &["prefix", "pattern"])?;
        let default = Numbering::default();
        let prefix = self.opt_text(&f, "prefix").unwrap_or(default.prefix);
        let pattern = match f.get("pattern") {
            Some(n) => {
                let pattern = self.text(n, "pattern")?;
                if !(pattern.contains("{seq}") && pattern.contains("{year}")) {
                    self.error(
                        n.span,
                        "a notification `pattern` must hold `{seq}` and `{year}`",
                    )
                    .hints
                    .push("numbers run from 1 each year: write e.g. `{prefix}{seq}.{year}`".into());
                    return None;
                }
                pattern
            }
            None => default.pattern,
        };
        Some(Numbering { prefix, pattern })
    }

    /// `outputs: {web: true}`: what every build makes besides the PDFs.
    fn outputs(&mut self, node: &Node) -> Option<Outputs> {
        let errors = self.errors();
        let f = self.fields(node, node.span, "`outputs`", OUTPUTS_FIELDS)?;
        if let Some(n) = f
            .entries
            .iter()
            .find(|(k, _)| *k == "languages")
            .map(|e| e.1)
        {
            self.error(
                n.span,
                "language editions are not an `outputs` field: they are `translations`",
            )
            .hints
            .push(
                "move the list to the top level of register.yaml as `translations: [ru, kk]`"
                    .into(),
            );
        }
        let web = match f.get("web") {
            Some(n) => self.flag(n, "web"),
            None => Some(false),
        };
        (self.errors() == errors).then_some(Outputs { web: web? })
    }
}

/// `base_url` as every URI of the open data is built on: parsed as a
/// browser parses an address (so an international host is punycode and a
/// path's other characters percent-encoded, as a sitemap requires); or
/// the fix for what makes it unusable.
fn base_url(text: &str) -> Result<String, String> {
    let example = "write the address the web edition is served from, e.g. `base_url: https://mfa.example/treaties/`";
    // The parser would drop these silently; the archivist meant something.
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("remove the spaces; {example}"));
    }
    let bytes = text.as_bytes();
    let bad_escape = bytes.iter().enumerate().any(|(k, &b)| {
        b == b'%' && !(bytes.get(k + 1..k + 3)).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if bad_escape {
        return Err(
            "a `%` begins an escape of two hex digits: write `%25` for a percent sign".into(),
        );
    }
    // As written, not as a lenient parser mends it (`https:///x/`).
    let written = text
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
    let url = match url::Url::parse(text) {
        Ok(url) if written => url,
        Err(url::ParseError::InvalidPort) => {
            return Err("a port is a number from 1 to 65535, after the host: `https://mfa.example:8443/treaties/`".into());
        }
        Err(url::ParseError::InvalidDomainCharacter | url::ParseError::IdnaError) => {
            return Err(format!(
                "the host has a character no host name may have; {example}"
            ));
        }
        _ => return Err(example.to_owned()),
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(example.to_owned());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "remove the user name and password: they would be published in every feed and page"
                .into(),
        );
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("remove the `?…` or `#…` part: paths are added after the address".into());
    }
    if !url.path().ends_with('/') {
        return Err(format!("end it with `/`: `base_url: {text}/`"));
    }
    Ok(url.into())
}

#[cfg(test)]
mod tests {
    use super::base_url;

    #[test]
    fn base_url_is_written_as_a_browser_reads_it_or_refused_with_its_fix() {
        let ok = |t: &str| base_url(t).unwrap();
        let fix = |t: &str| base_url(t).unwrap_err();
        assert_eq!(
            ok("https://mfa.example/treaties/"),
            "https://mfa.example/treaties/"
        );
        // An international host in punycode, a path percent-encoded.
        assert_eq!(
            ok("https://мид.example/договоры/"),
            "https://xn--d1ahl.example/%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B/"
        );
        assert!(fix("https://clerk:secret@mfa.example/").contains("user name and password"));
        assert!(fix("https://mfa.example/a%zzb/").contains("`%25`"));
        assert!(fix("https://mfa.example/a%2/").contains("`%25`"));
        assert!(fix("https://mfa.example/?lang=en/").contains("`?…`"));
        assert!(
            fix("https://mfa.example/t")
                .contains("end it with `/`: `base_url: https://mfa.example/t/`")
        );
        assert!(fix("ftp://mfa.example/").contains("e.g."));
        assert!(fix("https:///x/").contains("e.g."));
        assert!(fix("https://mfa example/").contains("spaces"));
        assert!(fix("https://mfa.example:99999/").contains("port"));
    }
}

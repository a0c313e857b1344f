//! The project's message catalogues as files (`locales/<lang>.ftl`): what
//! `check` finds wrong in them (Fluent syntax, message ids the tool does
//! not know, variables it does not give, messages left out), the file
//! `locale new` writes for a translator, and `locale check`'s account of
//! what is left to translate. How a catalogue words an edition is
//! [`super::locale`]'s.

use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;

use super::locale::{self, CATALOGUES, message, message_ids};
use crate::register::diagnostic::{Diagnostic, Span};
use crate::register::load::{CATALOGUES_DIR, project_languages};

/// The English catalogue: every message the tool uses.
fn english() -> &'static str {
    CATALOGUES[0].1
}

/// The built-in catalogue of `lang`, if the tool ships one.
fn built_in(lang: &str) -> Option<&'static str> {
    CATALOGUES.iter().find(|(c, _)| *c == lang).map(|(_, s)| *s)
}

/// A project catalogue's path, relative to the project root.
pub fn path_of(lang: &str) -> PathBuf {
    Path::new(CATALOGUES_DIR).join(format!("{lang}.ftl"))
}

/// Whether `id` is a message the tool may ask for: one of English's, or a
/// state's or language's name (`state-GEO`, `language-ka`).
fn known(id: &str) -> bool {
    id.starts_with("state-")
        || id.starts_with("language-")
        || message_ids(english()).any(|e| e == id)
}

/// The `$variables` a message's text uses.
fn variables(text: &str) -> std::collections::BTreeSet<&str> {
    text.match_indices('$')
        .map(|(at, _)| {
            let rest = &text[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// 1-based line and column (in characters) of byte `at` of `source`.
fn position(source: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The problems of the project's catalogues: errors (bad syntax, a
/// variable the tool does not give, which would print as a gap) and
/// warnings (an id the tool does not know; a message left out prints in
/// English; a variable left out is not shown).
pub fn diagnostics(root: &Path) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for lang in project_languages(root) {
        let rel = path_of(&lang);
        let Some(source) = locale::project_catalogue(root, &lang) else {
            errors.push(
                Diagnostic::new(&rel, None, "the catalogue cannot be read")
                    .hint("a catalogue is a plain UTF-8 file of at most 1 MiB"),
            );
            continue;
        };
        if let Err(e) = lang.parse::<icu_locale_core::Locale>() {
            errors.push(
                Diagnostic::new(&rel, None, format!("`{lang}` is not a language tag ({e})"))
                    .hint("name the file by its language, e.g. locales/ka.ftl"),
            );
        }
        syntax(&rel, &source, &mut errors);
        ids(&rel, &source, &lang, &mut errors, &mut warnings);
    }
    (errors, warnings)
}

fn syntax(rel: &Path, source: &str, errors: &mut Vec<Diagnostic>) {
    if let Err((_, found)) = FluentResource::try_new(source.to_owned()) {
        for e in found {
            // Where the broken message begins (the parser notices only
            // further on, often on the next line).
            let at = e.slice.as_ref().map_or(e.pos.start, |r| r.start);
            let (line, column) = position(source, at);
            let len = source[at.min(source.len())..]
                .lines()
                .next()
                .map_or(1, |l| l.chars().count());
            errors.push(
                Diagnostic::new(rel, Some(Span::new(line, column, len)), format!("Fluent syntax: {e}"))
                    .hint("a message is `id = text` on one line; a longer text goes on indented lines below it (https://projectfluent.org/fluent/guide/)"),
            );
        }
    }
}

fn ids(
    rel: &Path,
    source: &str,
    lang: &str,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let english_ids: Vec<&str> = message_ids(english()).collect();
    for id in message_ids(source) {
        let Some((line, text)) = message(source, id) else {
            continue;
        };
        let span = Some(Span::new(line, 1, id.chars().count()));
        if !known(id) {
            let hint = match crate::register::suggest::closest(id, &english_ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "the ids are those of the English catalogue; `treaty-register locale new` lists them".into(),
            };
            // A warning: a message the tool never asks for prints nowhere
            // (a typo, or one a newer version of the tool no longer uses).
            warnings
                .push(Diagnostic::warning(rel, span, format!("unknown message `{id}`")).hint(hint));
            continue;
        }
        let Some((_, english_text)) = message(english(), id) else {
            continue;
        };
        let given = variables(&english_text);
        let used = variables(&text);
        if let Some(v) = used.difference(&given).next() {
            errors.push(
                Diagnostic::new(
                    rel,
                    span,
                    format!("`{id}` uses `${v}`, which the tool does not give it"),
                )
                .hint(format!("it gives {}", names(&given))),
            );
        }
        if let Some(v) = given.difference(&used).next() {
            warnings.push(
                Diagnostic::warning(
                    rel,
                    span,
                    format!("`{id}` leaves out `${v}`: the edition will not show it"),
                )
                .hint(format!("the English message uses {}", names(&given))),
            );
        }
    }
    let own: Vec<&str> = message_ids(source).collect();
    let missing: Vec<&str> = english_ids
        .iter()
        .filter(|id| {
            !own.contains(id) && !built_in(lang).is_some_and(|b| message_ids(b).any(|i| i == **id))
        })
        .copied()
        .collect();
    if !missing.is_empty() {
        warnings.push(
            Diagnostic::warning(
                rel,
                None,
                format!(
                    "{} message{} missing ({}): the edition prints {} in English",
                    missing.len(),
                    if missing.len() == 1 { " is" } else { "s are" },
                    sample(&missing),
                    if missing.len() == 1 { "it" } else { "them" },
                ),
            )
            .hint("`treaty-register locale check` lists them; translate each as `id = text`"),
        );
    }
}

fn names(vars: &std::collections::BTreeSet<&str>) -> String {
    if vars.is_empty() {
        return "no variables".into();
    }
    vars.iter()
        .map(|v| format!("`${v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first few of `ids`, for a one-line message.
fn sample(ids: &[&str]) -> String {
    let mut out = ids
        .iter()
        .take(5)
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > 5 {
        out.push_str(", …");
    }
    out
}

/// The catalogue `locale new` writes for `lang`: every message of the
/// English catalogue, in its order and with its comments, each under a
/// `# translate:` line giving the English; the values stay English, so
/// the edition builds at once. `date-locale` is `lang` itself: dates are
/// CLDR's for the language from the start.
pub fn template(lang: &str) -> String {
    let mut out = format!(
        "# Message catalogue of the `{lang}` editions of this register.\n\
         # Translate the text after `=` of every message below its `# translate:`\n\
         # line; keep the ids and the `{{ $variables }}`. `treaty-register locale\n\
         # check` lists what is still English; `check` names any mistake. State\n\
         # names come from ISO 3166 (iso-codes) in this language where it has\n\
         # them; add `state-GEO = …` to word one yourself.\n\n"
    );
    let lines: Vec<&str> = english().lines().collect();
    // The English catalogue's own opening comment is about English.
    let mut n = lines.iter().position(|l| l.trim().is_empty()).unwrap_or(0);
    while n < lines.len() {
        let line = lines[n];
        let id = message_ids(line).next();
        match id {
            Some("date-locale") => {
                out.push_str(&format!("date-locale = {lang}\n"));
            }
            Some(id) => {
                let (_, text) = message(english(), id).unwrap_or_default();
                let value = text
                    .split_once('=')
                    .map_or("", |(_, v)| v)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!("# translate: {value}\n{text}\n"));
                n += text.lines().count();
                continue;
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
        n += 1;
    }
    out
}

/// What is left to translate in one project catalogue.
#[derive(Debug, serde::Serialize)]
pub struct Progress {
    pub language: String,
    pub path: String,
    /// Messages the tool uses.
    pub total: usize,
    /// Messages the catalogue (or the built-in one under it) lacks.
    pub missing: Vec<String>,
    /// Messages whose text is the English text word for word.
    pub english: Vec<String>,
}

/// The progress of every project catalogue, by language.
pub fn progress(root: &Path) -> Vec<Progress> {
    let english_ids: Vec<&str> = message_ids(english()).collect();
    project_languages(root)
        .into_iter()
        .map(|lang| {
            let source = locale::project_catalogue(root, &lang).unwrap_or_default();
            let mut missing = Vec::new();
            let mut same = Vec::new();
            for id in &english_ids {
                let own =
                    message(&source, id).or_else(|| built_in(&lang).and_then(|b| message(b, id)));
                match own {
                    None => missing.push((*id).to_owned()),
                    Some((_, text))
                        if Some(text.as_str())
                            == message(english(), id).map(|m| m.1).as_deref()
                            && *id != "date-locale" =>
                    {
                        same.push((*id).to_owned())
                    }
                    Some(_) => {}
                }
            }
            Progress {
                path: path_of(&lang).to_string_lossy().replace('\\', "/"),
                language: lang,
                total: english_ids.len(),
                missing,
                english: same,
            }
        })
        .collect()
}

/// Why `lang` cannot have a new catalogue: not a language tag, or a
/// language the tool ships (whose catalogue a project overrides message by
/// message, not wholesale in English).
pub fn refuse_new(lang: &str) -> Option<(String, String)> {
    let parsed: Result<icu_locale_core::Locale, _> = lang.parse();
    let well_formed = parsed.as_ref().is_ok_and(|l| l.to_string() == lang);
    if !well_formed {
        let hint = match parsed {
            Ok(l) => format!("write it as `{l}`"),
            Err(_) => "a BCP 47 tag: the ISO 639-1 code of the language (`ka`, `hy`), with a region if need be (`pt-BR`)".into(),
        };
        return Some((format!("`{lang}` is not a language tag"), hint));
    }
    if built_in(lang).is_some() {
        return Some((
            format!("the tool already has the `{lang}` catalogue"),
            format!(
                "to reword some of its messages, write only those, as `id = text`, in {}",
                path_of(lang).display()
            ),
        ));
    }
    None
}

/// Writes [`template`] as the project's catalogue of `lang`, in one step
/// and only if there is none: `false` when the file exists.
pub fn create(root: &Path, lang: &str) -> std::io::Result<bool> {
    use std::io::Write;
    let dir = root.join(CATALOGUES_DIR);
    std::fs::create_dir_all(&dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(&dir)?;
    temp.write_all(template(lang).as_bytes())?;
    temp.as_file().sync_all()?;
    match std::fs::hard_link(temp.path(), root.join(path_of(lang))) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

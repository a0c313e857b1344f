//! Pipeline stage 3: the validated register becomes Typst source through
//! minijinja templates.
//!
//! Register values never reach Typst as markup or code. The template
//! environment's formatter writes every `{{ value }}` as a Typst *literal*:
//! text as a string literal (`"…"` with `\\ \" \n \r \t \u{…}` escaped),
//! `none`, booleans and numbers as themselves, lists and maps as arrays and
//! dictionaries of literals. A string literal displays as plain text
//! whatever it contains, so `#`, `$`, `*`, `<label>` or `#read(…)` in an
//! entry print verbatim. Template authors get this without asking; raw
//! output needs the explicit, visible `|safe` filter.
//!
//! In markup, write a value as `#{{ value }}` (or pass it to a function
//! call, `#field({{ label }}, {{ value }})`).

mod acts;
mod context;
mod entry;
mod escape;
mod index;
mod numbering;
mod text;
mod types;
mod untranslated;
mod widths;

use std::fmt::Write as _;
use std::path::Path;

use minijinja::{Environment, Error as TemplateError, UndefinedBehavior, Value};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::locale;

pub use context::*;
pub use escape::{read_typst_string, typst_literal, typst_string};
pub use text::{RECORDED, around, flat, in_edition, paragraphs};
pub use types::*;

/// The template every build starts from: the register, or in a register
/// published in volumes, the general volume.
pub const ENTRY_TEMPLATE: &str = "register.typ.j2";
/// The folder of the web edition's templates and static files.
pub const HTML_DIR: &str = "html";
/// The folder of the templates of documents issued from the register
/// (`extract`, `registration`, `notification`).
pub const DOCUMENTS_DIR: &str = "documents";

/// The indexes by party, type and subject of a register in volumes.
pub const INDEXES_TEMPLATE: &str = "indexes.typ.j2";
/// The index by status of a register in volumes.
pub const STATUS_TEMPLATE: &str = "status.typ.j2";

/// The template of each volume of a register published in volumes.
pub const VOLUME_TEMPLATE: &str = "volume.typ.j2";

/// A template environment with the Typst formatter and strict undefined
/// values, loaded with every `*.j2` file directly in `dir`.
pub fn environment(dir: &Path) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_formatter(escape::typst_formatter);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_function("t", translate);
    // Typst templates write literals (the formatter); HTML templates, in
    // `html/`, are escaped for HTML by the environment itself.
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    let names = add_templates(&mut env, dir, dir, "")?;
    for folder in [HTML_DIR, DOCUMENTS_DIR] {
        if dir.join(folder).is_dir() {
            add_templates(&mut env, dir, &dir.join(folder), &format!("{folder}/"))?;
        }
    }
    if !names.iter().any(|n| n == ENTRY_TEMPLATE) {
        return Err(Error::Template {
            location: dir.join(ENTRY_TEMPLATE).display().to_string(),
            message: "the template set has no entry template".into(),
        });
    }
    Ok(env)
}

/// `t("id", name=value, …)`: message `id` of the catalogue of the
/// document's language (`register.language`), filled with the arguments.
/// Labels live in `locales/<lang>.ftl`, never in templates.
fn translate(
    state: &minijinja::State,
    id: &str,
    kwargs: minijinja::value::Kwargs,
) -> std::result::Result<String, TemplateError> {
    let language = state
        .lookup("register")
        .and_then(|r| r.get_attr("language").ok())
        .and_then(|l| l.as_str().map(str::to_owned))
        .unwrap_or_else(|| "en".to_owned());
    let Some(loc) = locale::get(&language) else {
        return Err(TemplateError::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("no message catalogue for `{language}`"),
        ));
    };
    if !loc.has(id) {
        return Err(TemplateError::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("locales/{language}.ftl has no message `{id}`"),
        ));
    }
    let mut args = fluent_bundle::FluentArgs::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        match value.as_i64() {
            Some(n) => args.set(name.to_owned(), n),
            None => args.set(name.to_owned(), value.to_string()),
        }
    }
    Ok(if args.iter().next().is_none() {
        loc.text(id)
    } else {
        loc.fill(id, &args)
    })
}

/// Adds every `*.j2` file directly in `folder` under `prefix` + its name
/// (`html/` for the web edition's); returns the names.
fn add_templates(
    env: &mut Environment<'static>,
    dir: &Path,
    folder: &Path,
    prefix: &str,
) -> Result<Vec<String>> {
    let read_error = |source| Error::Read {
        path: folder.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(read_error)? {
        paths.push(entry.map_err(read_error)?.path());
    }
    paths.sort();
    let mut names = Vec::new();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".j2") || !path.is_file() {
            continue;
        }
        let source = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let name = format!("{prefix}{name}");
        env.add_template_owned(name.clone(), source)
            .map_err(|e| template_error(dir, &e))?;
        names.push(name);
    }
    Ok(names)
}

fn template_error(dir: &Path, e: &TemplateError) -> Error {
    // An error inside an included template arrives wrapped by the include;
    // the innermost one names the file and line where the mistake is.
    let mut innermost = e;
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(inner) = inner.downcast_ref::<TemplateError>()
            && inner.name().is_some()
        {
            innermost = inner;
        }
        source = inner.source();
    }
    let name = innermost.name().unwrap_or(ENTRY_TEMPLATE);
    let mut location = dir.join(name).display().to_string();
    if let Some(line) = innermost.line() {
        let _ = write!(location, ":{line}");
    }
    // The expression at fault, from the template's own text: "undefined
    // value: `i.titel` is undefined" says what to fix.
    let expression = innermost.range().and_then(|range| {
        let source = std::fs::read_to_string(dir.join(name)).ok()?;
        let text = source.get(range)?.trim();
        (!text.is_empty() && !text.contains('\n')).then(|| text.to_owned())
    });
    let message = match (innermost.detail(), expression) {
        (Some(detail), _) => format!("{}: {detail}", innermost.kind()),
        (None, Some(expr)) if innermost.kind() == minijinja::ErrorKind::UndefinedError => {
            format!("{}: `{expr}` is undefined", innermost.kind())
        }
        (None, Some(expr)) => format!("{}: in `{expr}`", innermost.kind()),
        (None, None) => innermost.kind().to_string(),
    };
    Error::Template { location, message }
}

/// A loaded template set, ready to render any number of documents (from
/// several threads at once).
pub struct Templates {
    env: Environment<'static>,
    dir: std::path::PathBuf,
}

impl Templates {
    pub fn load(dir: &Path) -> Result<Templates> {
        Ok(Templates {
            env: environment(dir)?,
            dir: dir.to_path_buf(),
        })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let template = self.env.get_template(name).map_err(|e| {
            if e.kind() == minijinja::ErrorKind::TemplateNotFound {
                Error::Template {
                    location: self.dir.join(name).display().to_string(),
                    message: "the template set has no such template".into(),
                }
            } else {
                template_error(&self.dir, &e)
            }
        })?;
        template
            .render(Value::from(minijinja::value::Serde(context)))
            .map_err(|e| template_error(&self.dir, &e))
    }
}

/// Renders the entry template of `dir` with `context`.
pub fn render(dir: &Path, context: &Context) -> Result<String> {
    Templates::load(dir)?.render(ENTRY_TEMPLATE, context)
}

//! What the commands that issue documents (`extract`, `registration`,
//! `notification`) share: the entry read and checked, problems shown as
//! `check` shows them, the template set and typst found.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::{Config, PaperArgs};
use crate::error::{Error, Result};
use crate::publish::documents::paper::Paper;
use crate::publish::typst::{self, Typst};
use crate::register::diagnostic::Renderer;
use crate::register::excerpt::{self, Excerpt};

/// Entry `id` and what a document of it needs, or the error that says why
/// none can be issued (its problems shown with their snippets).
pub(crate) fn excerpt(config: &Config, id: &str, attachments: bool) -> Result<Excerpt> {
    let loaded = excerpt::load(&config.root, id, attachments).map_err(|e| match e {
        // No document of an entry that does not exist: a refusal (exit 1).
        Error::UnknownId { .. } => Error::Refused {
            message: e.to_string(),
            hint: e.hint(),
        },
        e => e,
    })?;
    match loaded {
        Ok(excerpt) => Ok(excerpt),
        Err(unsound) => {
            let mut renderer = Renderer::new(&config.root);
            let rendered: String = unsound
                .problems
                .iter()
                .map(|d| renderer.render(d))
                .collect();
            let _ = anstream::stderr().lock().write_all(rendered.as_bytes());
            let n = unsound.problems.len();
            Err(Error::Problems {
                summary: format!(
                    "{} has {n} problem{}; no document was issued (`treaty-register check` lists every problem of the register)",
                    unsound.path.display(),
                    if n == 1 { "" } else { "s" }
                ),
            })
        }
    }
}

/// The template set and typst a document is typeset with.
pub(crate) struct Press {
    root: PathBuf,
    templates: PathBuf,
    typst: Typst,
    timeout: std::time::Duration,
}

impl Press {
    pub(crate) fn paper(&self) -> Paper<'_> {
        Paper {
            root: &self.root,
            templates: self.templates.clone(),
            typst: &self.typst,
            timeout: self.timeout,
        }
    }
}

pub(crate) fn paper(config: &Config, args: &PaperArgs) -> Result<Press> {
    let layout = crate::publish::build::Layout::new(&config.root, args.templates.as_deref(), None)?;
    let typst = typst::locate(args.typst.as_deref(), &mut |m| super::say(config, m))?;
    Ok(Press {
        root: config.root.clone(),
        templates: layout.templates,
        typst,
        timeout: std::time::Duration::from_secs(args.typst_timeout),
    })
}

/// Creates the folder `dest` is to be written in.
pub(crate) fn create_parent(dest: &Path) -> Result<()> {
    match dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        }),
        None => Ok(()),
    }
}

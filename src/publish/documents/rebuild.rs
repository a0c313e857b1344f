//! Issuing a document again from the sources its PDF carries, for
//! `verify --pdf FILE --rebuild`: the sources are restored in a temporary
//! project by [`crate::publish::rebuild`], and the document is typeset
//! from them with what its `build.json` says it was issued from.

use std::path::{Path, PathBuf};

use crate::publish::embed::BuildSettings;
use crate::publish::typst::Typst;
use crate::register::excerpt;

use super::paper::Paper;

/// Whether `build.json`'s `document` names a document issued from the
/// register (not the register, one of its volumes or indexes).
pub fn is_document(kind: &str) -> bool {
    [
        super::extract::KIND,
        super::registration::KIND,
        super::notification::KIND,
    ]
    .contains(&kind)
}

/// The PDF the document's sources, restored under `dir`, make again.
pub fn typeset(
    dir: &Path,
    settings: &BuildSettings,
    typst: &Typst,
    timeout: std::time::Duration,
) -> std::result::Result<Vec<u8>, String> {
    let failed = |e: crate::error::Error| format!("REBUILD FAILED: {e}");
    let issue = settings
        .issue
        .clone()
        .ok_or("REBUILD FAILED: the PDF's build.json does not say what it was issued from")?;
    let excerpt = excerpt::load(dir, &issue.id, false)
        .map_err(failed)?
        .map_err(|u| {
            format!(
                "REBUILD FAILED: the embedded {} has {} problems; `treaty-register check` lists them",
                u.path.display(),
                u.problems.len()
            )
        })?;
    let paper = Paper {
        root: dir,
        templates: PathBuf::from(&settings.templates),
        typst,
        timeout,
    };
    let lang = settings.language.as_deref();
    let made = crate::publish::locale::with_project(dir, || {
        let loc = super::language(&excerpt, lang)?;
        match settings.document.as_str() {
            super::registration::KIND => super::registration::typeset(&paper, &excerpt, issue, loc),
            super::notification::KIND => {
                super::notification::typeset(&paper, &excerpt, issue, loc, None)
            }
            _ => super::extract::typeset(&paper, &excerpt, issue, loc),
        }
    });
    made.map(|(pdf, _)| pdf).map_err(failed)
}

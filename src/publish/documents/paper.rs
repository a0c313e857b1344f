//! Typesetting one document issued from the register: its template of
//! `templates/documents/` rendered with its context (register values only
//! ever as Typst literals, as for the register), its sources attached, and
//! typst run once, with the fonts and standard of the register's PDFs.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::inputs::{self, InputFile};
use crate::error::{Error, Result};
use crate::publish::embed::{self, BuildSettings};
use crate::publish::locale::Locale;
use crate::publish::settings::slash;
use crate::publish::typst::{self, Job, Typst};
use crate::publish::{fonts, render};
use crate::register::date::PartialDate;
use crate::register::excerpt::Excerpt;
use crate::support::statcache::StatCache;

/// Where a document's templates are and how typst runs.
pub struct Paper<'a> {
    pub root: &'a Path,
    /// The template set, relative to the project root (`templates`).
    pub templates: PathBuf,
    pub typst: &'a Typst,
    pub timeout: std::time::Duration,
}

/// One document to typeset.
pub struct Document<'a, C: Serialize> {
    /// Its template, `documents/extract.typ.j2`.
    pub template: &'a str,
    /// What it is, as `build.json` and messages name it: `extract`.
    pub kind: &'a str,
    pub context: &'a C,
    /// The excerpt it shows: its text files are the document's sources.
    pub excerpt: &'a Excerpt,
    /// The language of its labels.
    pub loc: &'a Locale,
    /// Its date, which is also the PDF's creation date.
    pub date: PartialDate,
    pub issue: super::Issue,
    /// The entry's text when it is about to be written, not yet on disk.
    pub pending: Option<&'a str>,
}

impl Paper<'_> {
    /// The template set's files, as a document lists them.
    pub fn template_files(&self) -> Result<Vec<InputFile>> {
        inputs::template_files(
            self.root,
            &self.root.join(&self.templates),
            &StatCache::none(),
        )
    }

    /// The PDF of `doc`, and the Typst source it was made from.
    pub fn typeset<C: Serialize>(&self, doc: &Document<C>) -> Result<(Vec<u8>, String)> {
        let templates = render::Templates::load(&self.root.join(&self.templates))?;
        let mut source = templates.render(doc.template, doc.context)?;
        let register = &doc.excerpt.register;
        let entry = doc.excerpt.entry();
        let mut files = inputs::text_files(self.root, register, &StatCache::none())?;
        files.extend(self.template_files()?);
        let settings = BuildSettings {
            format: embed::FORMAT.into(),
            document: doc.kind.to_owned(),
            language: (doc.loc.code() != register.meta.language).then(|| doc.loc.code().to_owned()),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            typst_version: self.typst.version.clone(),
            pdf_standard: typst::DEFAULT_PDF_STANDARD.into(),
            templates: slash(&self.templates),
            volume_size: None,
            as_of: register.meta.as_of.to_string(),
            edition: None,
            issue: Some(doc.issue.clone()),
        };
        let path = slash(&entry.path);
        let digests = format!(
            "SHA-256 of every source of this {} (sha256sum format); entry digest {}",
            doc.kind, entry.sha256
        );
        source.push_str(&embed::document_sources(
            self.root,
            &files,
            &digests,
            &settings,
            doc.pending.map(|text| (path.as_str(), text)),
        )?);
        let noto = fonts::locate(&mut |m: &str| eprintln!("{m}"))?;
        let job = Job {
            fonts: &self.root.join(&self.templates).join("fonts"),
            noto: &noto,
            timestamp: doc.date.unix_timestamp(),
            pdf_standard: typst::DEFAULT_PDF_STANDARD,
            timeout: self.timeout,
            threads: None,
        };
        let named = format!("the {}", doc.kind);
        let compiled = self
            .typst
            .compile(&source, &named, &job, |pdf| {
                std::fs::read(pdf).map_err(|source| Error::Read {
                    path: pdf.to_path_buf(),
                    source,
                })
            })
            .map_err(|e| crate::publish::trace::traced(e, &source, self.root))?;
        typst::show_warnings(&compiled.warnings);
        Ok((compiled.pdf, source))
    }
}

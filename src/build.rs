//! The build from a checked register to the bytes of the published unit:
//! inputs are hashed, templates rendered, typst run, and the manifests
//! drawn up. Nothing is written to `out/` here — `cmd::build` publishes the
//! result, and `verify --rebuild` only compares it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::inputs::{self, InputFile, Role};
use crate::manifest::{FORMAT, Manifest, PdfInfo, ToolInfo, TypstInfo};
use crate::model::Register;
use crate::typst::{Job, Typst};
use crate::{digest, render};

/// Where a build reads templates and writes outputs, both relative to the
/// project root (the manifest can only name files inside it).
pub struct Layout {
    pub root: PathBuf,
    pub templates: PathBuf,
    pub out: PathBuf,
}

impl Layout {
    /// Resolves `--templates` and `--out` (relative to the current folder)
    /// to paths inside the project root.
    pub fn new(root: &Path, templates: Option<&Path>, out: Option<&Path>) -> Result<Layout> {
        let templates = match templates {
            Some(dir) => inside_root(root, dir, "--templates")?,
            None => PathBuf::from("templates"),
        };
        let out = match out {
            Some(dir) => inside_root(root, dir, "--out")?,
            None => PathBuf::from("out"),
        };
        Ok(Layout {
            root: root.to_path_buf(),
            templates,
            out,
        })
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join(&self.templates)
    }

    pub fn out_dir(&self) -> PathBuf {
        self.root.join(&self.out)
    }
}

/// `path` relative to the root, if it lies inside it. A folder that does
/// not exist yet is judged by its nearest existing ancestor.
fn inside_root(root: &Path, path: &Path, flag: &'static str) -> Result<PathBuf> {
    let outside = || Error::OutsideRoot {
        flag,
        path: path.to_path_buf(),
    };
    let real_root = root.canonicalize().map_err(|source| Error::Read {
        path: root.to_path_buf(),
        source,
    })?;
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        let name = existing.file_name().ok_or_else(outside)?.to_owned();
        rest.push(name);
        if !existing.pop() || existing.as_os_str().is_empty() {
            existing = PathBuf::from(".");
        }
    }
    let mut real = existing.canonicalize().map_err(|_| outside())?;
    for name in rest.into_iter().rev() {
        if name == ".." {
            return Err(outside());
        }
        real.push(name);
    }
    let rel = real.strip_prefix(&real_root).map_err(|_| outside())?;
    if rel.as_os_str().is_empty() {
        return Err(outside());
    }
    Ok(rel.to_path_buf())
}

pub struct Built {
    pub pdf: Vec<u8>,
    pub source: String,
    pub manifest: Manifest,
    pub warnings: String,
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// How typst is to run.
pub struct Settings<'a> {
    pub pdf_standard: &'a str,
    pub timeout: std::time::Duration,
}

/// Builds the unit for a checked register.
pub fn build(
    register: &Register,
    layout: &Layout,
    typst: &Typst,
    settings: &Settings,
) -> Result<Built> {
    let root = &layout.root;
    let mut files = inputs::register_files(root, register)?;
    files.extend(inputs::template_files(root, &layout.templates_dir())?);
    let context = render::context(register, &files, &typst.version);
    let source = render::render(&layout.templates_dir(), &context)?;

    let fonts = layout.templates.join("fonts");
    let job = Job {
        fonts: &root.join(&fonts),
        timestamp: register.meta.as_of.unix_timestamp(),
        pdf_standard: settings.pdf_standard,
        timeout: settings.timeout,
    };
    let compiled = typst.compile(&source, &job)?;

    let pdf_path = slash(&layout.out.join("register.pdf"));
    let pdf_sha256 = digest::sha256_bytes(&compiled.pdf);
    files.push(InputFile {
        path: pdf_path.clone(),
        role: Role::Output,
        size: compiled.pdf.len() as u64,
        sha256: pdf_sha256.clone(),
        id: None,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let arguments = typst
        .arguments(&Job {
            fonts: &fonts,
            ..job
        })
        .into_iter()
        .map(|a| a.to_string_lossy().replace('\\', "/"))
        .collect();
    let manifest = Manifest {
        format: FORMAT.into(),
        tool: ToolInfo {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        typst: TypstInfo {
            version: typst.version.clone(),
            arguments,
        },
        as_of: register.meta.as_of.to_string(),
        templates: slash(&layout.templates),
        register_digest: context.checksums.register_digest.clone(),
        pdf: PdfInfo {
            path: pdf_path,
            size: compiled.pdf.len() as u64,
            sha256: pdf_sha256,
        },
        files,
    };
    Ok(Built {
        pdf: compiled.pdf,
        source,
        manifest,
        warnings: compiled.warnings,
    })
}

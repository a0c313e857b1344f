//! Pipeline stage 1: read the register's files and decode them into the
//! model, collecting every problem with its file, line and column.
//!
//! Each file goes through the same gate: it must be a regular file inside
//! the project, at most [`MAX_FILE_SIZE`] bytes, UTF-8, one YAML document,
//! and a mapping whose fields follow the register format. Per-field rules
//! (dates exist, codes are ISO codes, keywords are known, the id matches the
//! file name) are applied while decoding ([`crate::register::decode`]); rules that need the whole register
//! live in [`crate::register::check`]. Instrument files are read in parallel.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::register::decode;
use crate::register::diagnostic::{self, Diagnostic, Span};
use crate::register::model::{Instrument, Meta, Register};
use crate::register::yaml::{self, Node};

/// Largest register file accepted, in bytes. An entry is a few kilobytes;
/// anything near this is a mistake (a scan saved under the wrong name) or
/// an attack, and is refused before it is parsed.
pub const MAX_FILE_SIZE: u64 = 1024 * 1024;

/// Most instrument files a register may hold by default (`--max-instruments`).
pub const DEFAULT_MAX_INSTRUMENTS: usize = 1_000_000;

/// Limits a run enforces beyond the fixed ones above.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_instruments: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_instruments: DEFAULT_MAX_INSTRUMENTS,
        }
    }
}

pub const REGISTER_FILE: &str = "register/register.yaml";
pub const INSTRUMENTS_DIR: &str = "register/instruments";

/// The register as read, with every problem found on the way. Instruments
/// whose files have problems are left out of `register` (their problems are
/// in `diagnostics`), so later stages still see the rest.
pub struct Loaded {
    pub register: Option<Register>,
    /// Instrument files found (relative to the root), valid or not.
    pub instrument_files: Vec<PathBuf>,
    /// Errors: any one keeps the register from being published.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings ([`diagnostic::Severity::Warning`]): shown by `check` and
    /// `build`, never counted as problems.
    pub warnings: Vec<Diagnostic>,
}

pub fn load(root: &Path, limits: &Limits) -> Result<Loaded> {
    if !root.join(REGISTER_FILE).exists() {
        return Err(Error::NoRegister {
            root: root.to_path_buf(),
        });
    }
    let mut diagnostics = Vec::new();
    let meta = read_meta(root, &mut diagnostics);
    // An import under way or killed: the register is as before it.
    super::journal::settle(&root.join(INSTRUMENTS_DIR));
    let paths = instrument_paths(root, &mut diagnostics)?;
    if paths.len() > limits.max_instruments {
        // Refuse before reading: a runaway folder must not exhaust memory.
        diagnostics.push(
            Diagnostic::new(
                INSTRUMENTS_DIR,
                None,
                format!(
                    "{} instrument files, over the limit of {}",
                    paths.len(),
                    limits.max_instruments
                ),
            )
            .hint("raise the limit with --max-instruments if the register is really this large"),
        );
        let warnings = diagnostic::split_warnings(&mut diagnostics);
        return Ok(Loaded {
            register: None,
            instrument_files: paths,
            diagnostics,
            warnings,
        });
    }
    let results = crate::support::parallel::map(&paths, |path| {
        let mut diags = Vec::new();
        let instrument =
            read_yaml(root, path, &mut diags, &decode::instrument).map(|(instrument, sha256)| {
                Instrument {
                    sha256,
                    ..instrument
                }
            });
        (instrument, diags)
    });
    let mut instruments = Vec::with_capacity(paths.len());
    for (instrument, diags) in results {
        instruments.extend(instrument);
        diagnostics.extend(diags);
    }
    instruments.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    let warnings = diagnostic::split_warnings(&mut diagnostics);
    Ok(Loaded {
        register: meta.map(|(meta, meta_sha256)| Register {
            meta,
            meta_sha256,
            instruments,
        }),
        instrument_files: paths,
        diagnostics,
        warnings,
    })
}

/// Only `register/register.yaml`, for commands that change one entry and
/// need the register's date but not every entry; `None` (with its
/// problems) when it has problems.
pub fn meta(root: &Path) -> Result<std::result::Result<Meta, Vec<Diagnostic>>> {
    Ok(meta_and_digest(root)?.map(|(meta, _)| meta))
}

/// [`meta`], with the SHA-256 of `register.yaml` as read.
pub fn meta_and_digest(
    root: &Path,
) -> Result<std::result::Result<(Meta, String), Vec<Diagnostic>>> {
    // Warnings are `check`'s to show; an editing command needs the date.
    meta_with(root, false)
}

/// As [`meta_and_digest`], refused on any error in `register.yaml`: a
/// document issued from the register must not print what `check` refuses.
pub fn sound_meta_and_digest(
    root: &Path,
) -> Result<std::result::Result<(Meta, String), Vec<Diagnostic>>> {
    meta_with(root, true)
}

fn meta_with(
    root: &Path,
    sound: bool,
) -> Result<std::result::Result<(Meta, String), Vec<Diagnostic>>> {
    if !root.join(REGISTER_FILE).exists() {
        return Err(Error::NoRegister {
            root: root.to_path_buf(),
        });
    }
    let mut diagnostics = Vec::new();
    let meta = read_meta(root, &mut diagnostics);
    diagnostic::split_warnings(&mut diagnostics);
    Ok(meta
        .filter(|_| !sound || diagnostics.is_empty())
        .ok_or(diagnostics))
}

/// `register.yaml` with the subject terms' labels by language, where the
/// project gives them (`subjects.yaml`), and its digest.
fn read_meta(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<(Meta, String)> {
    let meta = read_yaml(
        root,
        Path::new(REGISTER_FILE),
        diagnostics,
        &|p: &Path, s: &str, n: &Node, d: &mut Vec<Diagnostic>| {
            decode::meta(p, s, n, d, &project_languages(root))
        },
    );
    meta.map(|(mut meta, sha)| {
        if root.join(SUBJECTS_FILE).exists() {
            let labels = read_yaml(
                root,
                Path::new(SUBJECTS_FILE),
                diagnostics,
                &decode::subject_labels,
            );
            meta.subject_labels = labels.map(|(l, _)| l).unwrap_or_default();
        }
        (meta, sha)
    })
}

/// The ids the instrument folder's file names give (`<ID>.yaml`), in no
/// particular order: what `add` and `record` check relations and ids
/// against without reading every entry.
pub fn instrument_stems(root: &Path) -> Vec<String> {
    fs::read_dir(root.join(INSTRUMENTS_DIR))
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    e.file_name()
                        .to_str()?
                        .strip_suffix(".yaml")
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The instrument files, sorted; anything else in the folder is a problem.
fn instrument_paths(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>> {
    let dir = root.join(INSTRUMENTS_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Read { path: dir, source }),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: dir.clone(),
            source,
        })?;
        let name = entry.file_name();
        let rel = Path::new(INSTRUMENTS_DIR).join(&name);
        let Some(name) = name.to_str() else {
            diagnostics.push(
                Diagnostic::new(&rel, None, "file name is not valid UTF-8")
                    .hint("rename the file to `<ID>.yaml`"),
            );
            continue;
        };
        if name.starts_with('.') {
            continue; // editor and system files (.gitkeep, .DS_Store, swap files)
        }
        if let Some(bad) = unsafe_path_char(name) {
            diagnostics.push(
                Diagnostic::new(
                    &rel,
                    None,
                    format!("file name contains {bad}, which the manifest cannot carry"),
                )
                .hint("rename the file to `<ID>.yaml`, where the id uses A-Z, 0-9 and `-`"),
            );
            continue;
        }
        match name.rsplit_once('.') {
            Some((_, "yaml")) => paths.push(rel),
            Some((stem, "yml" | "YAML" | "YML")) => diagnostics.push(
                Diagnostic::new(&rel, None, "instrument files must end in `.yaml`")
                    .hint(format!("rename the file to `{stem}.yaml`")),
            ),
            _ => diagnostics.push(Diagnostic::new(&rel, None, "not an instrument file").hint(
                "only `<ID>.yaml` files belong in register/instruments/; move this one elsewhere",
            )),
        }
    }
    // By name as bytes: the same order as comparing paths here (one
    // folder), without splitting each path into components.
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(paths)
}

/// Names a character that `sha256sum` manifests cannot carry in a path.
pub fn unsafe_path_char(name: &str) -> Option<&'static str> {
    name.chars().find_map(|c| match c {
        '\\' => Some("a backslash (`\\`)"),
        '\r' => Some("a carriage return"),
        '\n' => Some("a line feed"),
        '%' => Some("a percent sign (`%`)"),
        _ => None,
    })
}

/// The languages the project has message catalogues of its own for
/// (`locales/<lang>.ftl`): besides the built-in ones, those it may be
/// published in.
pub fn project_languages(root: &Path) -> Vec<String> {
    let Ok(dir) = fs::read_dir(root.join(CATALOGUES_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = dir
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".ftl")?.to_owned())
        })
        .collect();
    out.sort();
    out
}

/// Subject terms' labels by language.
pub const SUBJECTS_FILE: &str = "register/subjects.yaml";

/// Where a project keeps message catalogues of its own: `locales/<lang>.ftl`.
pub const CATALOGUES_DIR: &str = "locales";

/// How a file's document becomes a value: [`decode::meta`] or
/// [`decode::instrument`] (path, text, tree, problems).
type Decode<'d, T> = &'d dyn Fn(&Path, &str, &Node, &mut Vec<Diagnostic>) -> Option<T>;

/// Reads one file through the gate described in the module docs and
/// decodes it; returns the value and the SHA-256 of the bytes read.
fn read_yaml<T>(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
    decode: Decode<'_, T>,
) -> Option<(T, String)> {
    let full = root.join(rel);
    let mut problem = |message: String, hint: &str| {
        diags.push(Diagnostic::new(rel, None, message).hint(hint));
        None
    };
    let meta = match fs::symlink_metadata(&full) {
        Ok(meta) => meta,
        Err(e) => {
            return problem(
                format!("failed to read the file ({e})"),
                "check its permissions",
            );
        }
    };
    if meta.file_type().is_symlink() {
        let inside = match (fs::canonicalize(&full), fs::canonicalize(root)) {
            (Ok(target), Ok(root)) => target.starts_with(root),
            _ => false,
        };
        if !inside {
            return problem(
                "symbolic link pointing outside the project (or to nothing)".into(),
                "replace the link with the file itself",
            );
        }
    }
    // Only a link needs a second look at what it points to.
    let meta = if meta.file_type().is_symlink() {
        match fs::metadata(&full) {
            Ok(meta) => meta,
            Err(e) => {
                return problem(
                    format!("failed to read the file ({e})"),
                    "check its permissions",
                );
            }
        }
    } else {
        meta
    };
    if !meta.is_file() {
        return problem(
            "not a regular file".into(),
            "register files must be plain files, not folders, pipes or devices",
        );
    }
    if meta.len() > MAX_FILE_SIZE {
        return problem(
            format!(
                "file is {} bytes, over the limit of {MAX_FILE_SIZE} bytes (1 MiB)",
                meta.len()
            ),
            "an entry is a few kilobytes of YAML; keep scans and long texts under register/files/",
        );
    }
    let bytes = match fs::read(&full) {
        Ok(bytes) => bytes,
        Err(e) => {
            return problem(
                format!("failed to read the file ({e})"),
                "check its permissions",
            );
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            diags.push(
                Diagnostic::new(
                    rel,
                    Some(Span::new(line, column, 1)),
                    format!(
                        "file is not valid UTF-8 (byte 0x{:02X})",
                        bytes[e.valid_up_to()]
                    ),
                )
                .hint("save the file with UTF-8 encoding"),
            );
            return None;
        }
    };
    let text = without_bom(text);
    let node = parse_text(rel, text, diags)?;
    let value = decode(rel, text, &node, diags)?;
    Some((value, crate::support::digest::sha256_bytes(&bytes)))
}

/// The text after a leading byte order mark, which editors on Windows
/// write and which is no character of the file.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Parses the text of a register file (without its byte order mark) into
/// its document, or records why not.
fn parse_text(rel: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    match yaml::parse(text) {
        Ok(Some(node)) if !node.is_null() => Some(node),
        Ok(_) => {
            let hint = if rel == Path::new(REGISTER_FILE) {
                "register.yaml needs at least `title`, `as_of` and `id_prefix`"
            } else {
                "an instrument needs at least `id`, `title`, `type`, `parties`, `signed`, \
                 `status` and `sources`; `treaty-register add` writes one for you"
            };
            diags.push(Diagnostic::new(rel, None, "file is empty").hint(hint));
            None
        }
        Err(e) => {
            let mut d = Diagnostic::new(rel, Some(e.span), e.message);
            if let Some(h) = e.hint {
                d = d.hint(h);
            }
            diags.push(d);
            None
        }
    }
}

/// Decodes an instrument file that is not on disk yet (`add` validates
/// its entry this way before writing it), with the rules `check` applies
/// to a file. Only errors are recorded: warnings are `check`'s to show.
pub fn parse_instrument(rel: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Instrument> {
    parse_instrument_warned(rel, text, diags, &mut Vec::new())
}

/// [`parse_instrument`], with the warnings `check` would give put in
/// `warnings`: a writer shows them, and writes all the same.
pub fn parse_instrument_warned(
    rel: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Instrument> {
    let source = without_bom(text);
    let node = parse_text(rel, source, diags)?;
    let mut found = Vec::new();
    let instrument = decode::instrument(rel, source, &node, &mut found);
    warnings.extend(diagnostic::split_warnings(&mut found));
    diags.extend(found);
    let instrument = instrument?;
    Some(Instrument {
        sha256: crate::support::digest::sha256_bytes(text.as_bytes()),
        ..instrument
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names() {
        assert!(unsafe_path_char("a%b.yaml").is_some());
        assert!(unsafe_path_char("a\\b.yaml").is_some());
        assert!(unsafe_path_char("a\nb.yaml").is_some());
        assert!(unsafe_path_char("KZ-UZ-2024-001.yaml").is_none());
    }
}

//! Reading the files a published PDF carries: the PDF/A-3 associated files
//! (the register's sources, `sources.sha256` and `build.json`) that the
//! build embeds in every PDF, so that a PDF that travels alone can still be
//! audited, and typeset again, from itself.
//!
//! The PDF is parsed with `lopdf` (a maintained pure-Rust PDF reader), and
//! the embedded files are found where PDF puts them: the `EmbeddedFiles`
//! name tree of the document catalog.

use std::path::Path;

use lopdf::{Dictionary, Document, Object};

/// The name of the digest list every PDF carries.
pub const DIGESTS: &str = "sources.sha256";
/// The name of the build settings every PDF carries.
pub const BUILD: &str = "build.json";

/// One embedded file.
#[derive(Debug, Clone)]
pub struct Embedded {
    pub name: String,
    pub description: Option<String>,
    pub bytes: Vec<u8>,
}

/// Every file embedded in the PDF at `path`, in the name tree's order.
pub fn embedded_files(path: &Path) -> Result<Vec<Embedded>, String> {
    let doc = Document::load(path).map_err(|e| format!("not a readable PDF ({e})"))?;
    embedded_in(&doc)
}

/// Every file embedded in the PDF `bytes` (read with care by the caller,
/// as the archive of editions is).
pub fn embedded_files_in(bytes: &[u8]) -> Result<Vec<Embedded>, String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    embedded_in(&doc)
}

fn embedded_in(doc: &Document) -> Result<Vec<Embedded>, String> {
    let catalog = doc
        .catalog()
        .map_err(|e| format!("the PDF has no catalog ({e})"))?;
    let Some(names) = dict_at(doc, catalog, b"Names") else {
        return Ok(Vec::new());
    };
    let Some(tree) = dict_at(doc, names, b"EmbeddedFiles") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    walk_tree(doc, tree, &mut out, 0)?;
    Ok(out)
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}

fn dict_at<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    resolve(doc, dict.get(key).ok()?).as_dict().ok()
}

/// A name tree: leaves hold `Names` [key value …], inner nodes `Kids`.
fn walk_tree(
    doc: &Document,
    node: &Dictionary,
    out: &mut Vec<Embedded>,
    depth: usize,
) -> Result<(), String> {
    if depth > 32 {
        return Err("the PDF's list of embedded files nests too deeply".into());
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            if let Ok(kid) = resolve(doc, kid).as_dict() {
                walk_tree(doc, kid, out, depth + 1)?;
            }
        }
    }
    if let Ok(names) = node.get(b"Names").and_then(Object::as_array) {
        for pair in names.chunks(2) {
            let [_, spec] = pair else { continue };
            if let Ok(spec) = resolve(doc, spec).as_dict() {
                out.push(file_spec(doc, spec)?);
            }
        }
    }
    Ok(())
}

fn file_spec(doc: &Document, spec: &Dictionary) -> Result<Embedded, String> {
    let text = |key: &[u8]| {
        spec.get(key)
            .ok()
            .and_then(|o| resolve(doc, o).as_str().ok())
            .map(decode_text)
    };
    let name = text(b"UF").or_else(|| text(b"F")).unwrap_or_default();
    let stream = dict_at(doc, spec, b"EF")
        .and_then(|ef| ef.get(b"F").ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_stream().ok())
        .ok_or_else(|| format!("the embedded file `{name}` has no data"))?;
    let bytes = if stream.dict.get(b"Filter").is_ok() {
        stream
            .decompressed_content()
            .map_err(|e| format!("the embedded file `{name}` cannot be decompressed ({e})"))?
    } else {
        stream.content.clone()
    };
    Ok(Embedded {
        name,
        description: text(b"Desc"),
        bytes,
    })
}

/// A PDF text string: UTF-16BE with a byte-order mark, else (for the
/// ASCII names and descriptions written here) bytes as characters.
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    bytes.iter().map(|b| char::from(*b)).collect()
}

/// What `verify --pdf` found about one embedded file.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum FileCheck {
    /// Its bytes have the digest the PDF's digest list gives.
    Ok { name: String, sha256: String },
    /// Its bytes do not.
    Modified {
        name: String,
        expected: String,
        found: String,
    },
    /// Embedded, but the digest list does not name it.
    Unlisted { name: String, sha256: String },
}

impl std::fmt::Display for FileCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileCheck::Ok { name, .. } => write!(f, "OK {name}"),
            FileCheck::Modified {
                name,
                expected,
                found,
            } => write!(
                f,
                "MODIFIED {name} (the PDF's digest list says {expected}, the embedded file has {found})"
            ),
            FileCheck::Unlisted { name, .. } => {
                write!(f, "UNLISTED {name} (embedded, but not in {DIGESTS})")
            }
        }
    }
}

/// The audit of a PDF's embedded sources.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PdfReport {
    pub files: Vec<FileCheck>,
    /// Files the digest list names that the PDF does not carry (fonts,
    /// scans, other volumes' entries): checked by `verify` in the project.
    pub named_by_digest: usize,
    /// The register digest the PDF states, and the one its digest list gives.
    pub register_digest: Option<String>,
    pub computed_register_digest: Option<String>,
    /// Problems that concern no single file.
    pub problems: Vec<String>,
}

impl PdfReport {
    pub fn problem_count(&self) -> usize {
        self.problems.len()
            + self
                .files
                .iter()
                .filter(|f| !matches!(f, FileCheck::Ok { .. }))
                .count()
    }
}

/// Checks every embedded file against the embedded digest list, and the
/// list against the register digest the PDF states.
pub fn check(embedded: &[Embedded]) -> PdfReport {
    let mut report = PdfReport {
        files: Vec::new(),
        named_by_digest: 0,
        register_digest: None,
        computed_register_digest: None,
        problems: Vec::new(),
    };
    let Some(list) = embedded.iter().find(|e| e.name == DIGESTS) else {
        report.problems.push(format!(
            "the PDF carries no {DIGESTS}: it was not built with its sources (treaty-register 0.1 builds before embedding, or a PDF standard that forbids attachments)"
        ));
        return report;
    };
    let listed = match std::str::from_utf8(&list.bytes)
        .map_err(|_| "not UTF-8".to_owned())
        .and_then(|t| crate::audit::manifest::parse_sha256sum(t).map_err(|e| e.to_string()))
    {
        Ok(entries) => entries,
        Err(e) => {
            report
                .problems
                .push(format!("{DIGESTS} is malformed ({e})"));
            return report;
        }
    };
    for e in embedded
        .iter()
        .filter(|e| e.name != DIGESTS && e.name != BUILD)
    {
        let found = crate::support::digest::sha256_bytes(&e.bytes);
        report
            .files
            .push(match listed.iter().find(|l| l.path == e.name) {
                Some(l) if l.sha256 == found => FileCheck::Ok {
                    name: e.name.clone(),
                    sha256: found,
                },
                Some(l) => FileCheck::Modified {
                    name: e.name.clone(),
                    expected: l.sha256.clone(),
                    found,
                },
                None => FileCheck::Unlisted {
                    name: e.name.clone(),
                    sha256: found,
                },
            });
    }
    report.named_by_digest = listed
        .iter()
        .filter(|l| !embedded.iter().any(|e| e.name == l.path))
        .count();
    // The register digest: over register.yaml, the instruments and the
    // attachments, as the PDF's annex says to compute it.
    let mut lines: Vec<String> = listed
        .iter()
        .filter(|l| {
            l.path == crate::register::load::REGISTER_FILE
                || l.path.starts_with("register/instruments/")
                || l.path.starts_with("register/files/")
        })
        .map(|l| format!("{}  {}\n", l.sha256, l.path))
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    let computed = crate::support::digest::sha256_bytes(lines.concat().as_bytes());
    let stated = list
        .description
        .as_deref()
        .and_then(|d| d.rsplit("register digest ").next())
        .map(|d| d.trim().to_owned())
        .filter(|d| d.len() == 64);
    // A volume lists only its own entries; the register digest is checked
    // against the general volume's list, which names every file.
    let volume = embedded
        .iter()
        .find(|e| e.name == BUILD)
        .and_then(|e| serde_json::from_slice::<serde_json::Value>(&e.bytes).ok())
        .and_then(|b| {
            b["document"]
                .as_str()
                .map(|d| !matches!(d, "register" | "general volume"))
        })
        .unwrap_or(false);
    if volume {
        report.register_digest = stated;
        return report;
    }
    match &stated {
        Some(s) if *s != computed => report.problems.push(format!(
            "the digest list gives the register digest {computed}, but the PDF states {s}"
        )),
        None => report
            .problems
            .push("the PDF does not state its register digest".into()),
        _ => {}
    }
    report.register_digest = stated;
    report.computed_register_digest = Some(computed);
    report
}

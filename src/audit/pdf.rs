//! Reading the files a published PDF carries: the PDF/A-3 associated files
//! (the register's sources, `sources.sha256` and `build.json`) that the
//! build embeds in every PDF, so that a PDF that travels alone can still be
//! audited, and typeset again, from itself.
//!
//! The PDF is parsed with `lopdf` (a maintained pure-Rust PDF reader), and
//! the embedded files are found where PDF puts them: the `EmbeddedFiles`
//! name tree of the document catalog.
//!
//! A PDF comes from anyone, and a few megabytes of deflated zeros inflate
//! to gigabytes: every embedded file is inflated as a stream that stops at
//! a cap ([`MAX_SOURCE`], [`MAX_LIST`], and [`MAX_TOTAL`] for all of them
//! together), and a file that declares a larger size is not inflated at
//! all. Such a file is [`Refused`], and reported, rather than read.

use std::io::Read as _;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, Stream};

/// The name of the digest list every PDF carries.
pub const DIGESTS: &str = "sources.sha256";
/// The name of the build settings every PDF carries.
pub const BUILD: &str = "build.json";

/// Largest embedded source read, in bytes: the sources a PDF carries are
/// register files, templates and `allowed_signers`, and `check` refuses a
/// register file over this size ([`crate::register::load::MAX_FILE_SIZE`]).
pub const MAX_SOURCE: u64 = crate::register::load::MAX_FILE_SIZE;
/// Largest `sources.sha256` or `build.json` read: a line of about a
/// hundred bytes per source, so room for a register of a million entries.
pub const MAX_LIST: u64 = 256 * 1024 * 1024;
/// Most bytes all embedded files of one PDF may inflate to together.
pub const MAX_TOTAL: u64 = 512 * 1024 * 1024;

/// One embedded file.
#[derive(Debug, Clone)]
pub struct Embedded {
    pub name: String,
    pub description: Option<String>,
    pub bytes: Vec<u8>,
}

/// An embedded file that was not read, and why (over a cap, or in a form
/// treaty-register never writes).
#[derive(Debug, Clone)]
pub struct Refused {
    pub name: String,
    pub reason: String,
}

/// What a PDF carries: the files read, and those refused.
#[derive(Debug, Clone, Default)]
pub struct Carried {
    pub files: Vec<Embedded>,
    pub refused: Vec<Refused>,
}

/// The embedded templates (`templates/…`) that are not treaty-register's
/// own, byte for byte: changed, or added. A department may use its own
/// set, so this is not a problem; but the register digest covers the
/// entries, not the templates, and `--rebuild` typesets again with the
/// templates the PDF carries — a forged template that prints another
/// title would pass both. So `verify --pdf` names them, and the auditor
/// reads those pages rather than trusting the digest alone.
pub fn custom_templates(files: &[Embedded]) -> Vec<String> {
    let own: std::collections::HashMap<&str, &[u8]> = crate::support::templates::TEMPLATES
        .iter()
        .map(|(name, bytes)| (*name, *bytes))
        .collect();
    files
        .iter()
        .filter_map(|f| {
            let name = f.name.strip_prefix("templates/")?;
            match own.get(name) {
                Some(bytes) if *bytes == f.bytes.as_slice() => None,
                Some(_) => Some(format!("{} (changed)", f.name)),
                None => Some(format!("{} (not in the shipped set)", f.name)),
            }
        })
        .collect()
}

/// Every file embedded in the PDF at `path`, in the name tree's order.
pub fn embedded_files(path: &Path) -> Result<Carried, String> {
    let doc = Document::load(path).map_err(|e| format!("not a readable PDF ({e})"))?;
    embedded_in(&doc)
}

/// Every file embedded in the PDF `bytes` (read with care by the caller,
/// as the archive of editions is).
pub fn embedded_files_in(bytes: &[u8]) -> Result<Carried, String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    embedded_in(&doc)
}

fn embedded_in(doc: &Document) -> Result<Carried, String> {
    let catalog = doc
        .catalog()
        .map_err(|e| format!("the PDF has no catalog ({e})"))?;
    let mut out = Walk {
        doc,
        carried: Carried::default(),
        budget: MAX_TOTAL,
    };
    let Some(names) = dict_at(doc, catalog, b"Names") else {
        return Ok(out.carried);
    };
    let Some(tree) = dict_at(doc, names, b"EmbeddedFiles") else {
        return Ok(out.carried);
    };
    out.tree(tree, 0)?;
    Ok(out.carried)
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

/// The walk over the name tree, with what is left of [`MAX_TOTAL`].
struct Walk<'d> {
    doc: &'d Document,
    carried: Carried,
    budget: u64,
}

impl Walk<'_> {
    /// A name tree: leaves hold `Names` [key value …], inner nodes `Kids`.
    fn tree(&mut self, node: &Dictionary, depth: usize) -> Result<(), String> {
        if depth > 32 {
            return Err("the PDF's list of embedded files nests too deeply".into());
        }
        let doc = self.doc;
        if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
            for kid in kids {
                if let Ok(kid) = resolve(doc, kid).as_dict() {
                    self.tree(kid, depth + 1)?;
                }
            }
        }
        if let Ok(names) = node.get(b"Names").and_then(Object::as_array) {
            for pair in names.chunks(2) {
                let [_, spec] = pair else { continue };
                if let Ok(spec) = resolve(doc, spec).as_dict() {
                    self.file_spec(spec)?;
                }
            }
        }
        Ok(())
    }

    fn file_spec(&mut self, spec: &Dictionary) -> Result<(), String> {
        let doc = self.doc;
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
        match self.contents(&name, stream) {
            Ok(bytes) => self.carried.files.push(Embedded {
                name,
                description: text(b"Desc"),
                bytes,
            }),
            Err(reason) => self.carried.refused.push(Refused { name, reason }),
        }
        Ok(())
    }

    /// The file's bytes, inflated no further than its cap and the budget.
    fn contents(&mut self, name: &str, stream: &Stream) -> Result<Vec<u8>, String> {
        let (cap, what) = cap_for(name);
        let limit = cap.min(self.budget);
        // Which limit binds: the file's own, or what the others left.
        let over = |beyond_cap: bool| {
            if beyond_cap {
                format!("over the {cap}-byte limit for {what}")
            } else {
                format!(
                    "over what is left of the {MAX_TOTAL}-byte limit for all embedded files together"
                )
            }
        };
        if let Some(declared) = declared_size(self.doc, stream).filter(|n| *n > limit) {
            return Err(format!(
                "declares {declared} bytes, {}; not decompressed",
                over(declared > cap)
            ));
        }
        let bytes = inflate(stream, limit)?;
        let read = bytes.len() as u64;
        if read > limit {
            return Err(format!(
                "inflates to more than {limit} bytes, {}; decompression stopped there",
                over(limit == cap)
            ));
        }
        self.budget -= read;
        Ok(bytes)
    }
}

/// The cap for an embedded file, and how messages name the kind of file.
fn cap_for(name: &str) -> (u64, &'static str) {
    if name == DIGESTS || name == BUILD {
        (MAX_LIST, "the digest list or build settings")
    } else {
        (MAX_SOURCE, "an embedded source, as for a register file")
    }
}

/// The size the file's `/Params` dictionary states, if any.
fn declared_size(doc: &Document, stream: &Stream) -> Option<u64> {
    let params = dict_at(doc, &stream.dict, b"Params")?;
    let size = resolve(doc, params.get(b"Size").ok()?).as_i64().ok()?;
    Some(u64::try_from(size).unwrap_or(u64::MAX))
}

/// The stream's data, decoded and read up to one byte past `limit` (so
/// that the caller sees it went over). Only what treaty-register's PDFs
/// use is decoded: no filter, or `FlateDecode` without a predictor.
fn inflate(stream: &Stream, limit: u64) -> Result<Vec<u8>, String> {
    let filters = stream.filters().unwrap_or_default();
    let take = limit.saturating_add(1);
    let mut bytes = Vec::new();
    let read = match filters.as_slice() {
        [] => (&stream.content[..]).take(take).read_to_end(&mut bytes),
        [b"FlateDecode"] if !has_predictor(stream) => {
            flate2::read::ZlibDecoder::new(&stream.content[..])
                .take(take)
                .read_to_end(&mut bytes)
        }
        other => {
            let names: Vec<String> = other
                .iter()
                .map(|f| format!("/{}", String::from_utf8_lossy(f)))
                .collect();
            return Err(format!(
                "encoded with {}, which treaty-register's PDFs never use; not decompressed",
                names.join(" ")
            ));
        }
    };
    read.map_err(|e| format!("cannot be decompressed ({e})"))?;
    Ok(bytes)
}

/// Whether `/DecodeParms` asks for a PNG or TIFF predictor after inflating.
fn has_predictor(stream: &Stream) -> bool {
    stream
        .dict
        .get(b"DecodeParms")
        .ok()
        .and_then(|p| p.as_dict().ok())
        .and_then(|p| p.get(b"Predictor").ok())
        .and_then(|p| p.as_i64().ok())
        .is_some_and(|p| p > 1)
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
    /// Embedded, but not read: over a size limit, or in a form
    /// treaty-register never writes ([`Refused`]).
    Unreadable { name: String, reason: String },
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
            FileCheck::Unreadable { name, reason } => write!(f, "UNREADABLE {name} ({reason})"),
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
pub fn check(carried: &Carried) -> PdfReport {
    let embedded = &carried.files[..];
    let mut report = PdfReport {
        files: carried
            .refused
            .iter()
            .map(|r| FileCheck::Unreadable {
                name: r.name.clone(),
                reason: r.reason.clone(),
            })
            .collect(),
        named_by_digest: 0,
        register_digest: None,
        computed_register_digest: None,
        problems: Vec::new(),
    };
    let Some(list) = embedded.iter().find(|e| e.name == DIGESTS) else {
        if carried.refused.iter().any(|r| r.name == DIGESTS) {
            report.problems.push(format!(
                "{DIGESTS} was not read, so no embedded file could be checked against it"
            ));
            return report;
        }
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
    let build = embedded
        .iter()
        .find(|e| e.name == BUILD)
        .and_then(|e| serde_json::from_slice::<serde_json::Value>(&e.bytes).ok());
    // A document issued from one entry states that entry's digest instead.
    if let Some(id) = build.as_ref().and_then(|b| b["issue"]["id"].as_str()) {
        entry_digest(id, list, &listed, &mut report);
        return report;
    }
    // A volume lists only its own entries; the register digest is checked
    // against the general volume's list, which names every file.
    let volume = build
        .as_ref()
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

/// The digest of entry `id` that a document states (`entry digest …` in
/// its digest list's description) must be the one the list gives.
fn entry_digest(
    id: &str,
    list: &Embedded,
    listed: &[crate::audit::manifest::Entry],
    report: &mut PdfReport,
) {
    let path = format!("register/instruments/{id}.yaml");
    let stated = list
        .description
        .as_deref()
        .and_then(|d| d.rsplit("entry digest ").next())
        .map(str::trim)
        .filter(|d| d.len() == 64);
    match (stated, listed.iter().find(|l| l.path == path)) {
        (Some(s), Some(l)) if s == l.sha256 => {}
        (Some(s), Some(l)) => report.problems.push(format!(
            "the document states the entry digest {s}, but its digest list gives {} for {path}",
            l.sha256
        )),
        (None, _) => report
            .problems
            .push("the document does not state the digest of its entry".into()),
        (_, None) => report
            .problems
            .push(format!("the document's digest list does not name {path}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn deflated(bytes: &[u8]) -> Stream {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(bytes).unwrap();
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dict, z.finish().unwrap())
    }

    #[test]
    fn the_total_budget_stops_files_each_under_their_own_cap() {
        let doc = Document::new();
        let mut walk = Walk {
            doc: &doc,
            carried: Carried::default(),
            budget: 1500,
        };
        let file = deflated(&[b'a'; 1000]);
        assert_eq!(walk.contents("a.yaml", &file).unwrap().len(), 1000);
        let why = walk.contents("b.yaml", &file).unwrap_err();
        assert!(
            why.starts_with("inflates to more than 500 bytes, over what is left of the"),
            "{why}"
        );
        assert_eq!(walk.budget, 500);
    }

    #[test]
    fn filters_never_written_are_not_decoded() {
        let mut stream = deflated(b"x");
        stream
            .dict
            .set("Filter", Object::Name(b"LZWDecode".to_vec()));
        let why = inflate(&stream, 10).unwrap_err();
        assert!(why.starts_with("encoded with /LZWDecode"), "{why}");
    }
}

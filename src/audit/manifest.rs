//! The two manifests a build publishes beside the PDF, and reading them
//! back for `verify` and `bag`.
//!
//! `manifest.sha256` is GNU `sha256sum` text-mode output (`<hex>  <path>`),
//! sorted by path, so that `sha256sum -c out/manifest.sha256` run from the
//! project root checks every file with no tool of ours. `manifest.json`
//! carries the same digests with what is needed to rebuild and audit: tool
//! and typst versions, typst's exact arguments, roles, sizes, ids and the
//! register digest. Both use paths relative to the project root with `/`,
//! never absolute and never with `..`: a manifest cannot send a verifier
//! outside the project.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::audit::inputs::{InputFile, Role};

pub const SHA256_FILE: &str = "manifest.sha256";
pub const JSON_FILE: &str = "manifest.json";
pub const FORMAT: &str = "treaty-register-manifest/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub tool: ToolInfo,
    pub typst: TypstInfo,
    pub as_of: String,
    /// Set for a published edition: its number and date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<EditionInfo>,
    /// From edition 2 on: the edition before and the SHA-256 of its
    /// `manifest.sha256`, which chains the editions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousEdition>,
    /// Who signed the edition: the principal and the key's fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<SignerInfo>,
    /// The seal on every PDF of the edition (`publish --seal-key …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<SealInfo>,
    /// The RFC 3161 time-stamp of `manifest.sha256` (`publish --tsa`),
    /// archived as `manifest.tsr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<TimestampInfo>,
    /// The template set, relative to the project root.
    pub templates: String,
    pub register_digest: String,
    /// The register, or for a register in volumes the general volume.
    pub pdf: PdfInfo,
    /// Entries per volume, for a register published in volumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_size: Option<usize>,
    /// The volumes, in order; empty for a register in one PDF.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<PdfInfo>,
    /// For a register in volumes: the indexes by party, type and subject,
    /// and the index by status, apart from the general volume.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<PdfInfo>,
    /// The register in its other languages (`translations`), each like
    /// `pdf` and `volumes`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<TranslationInfo>,
    /// The fonts typst was given besides the templates' own (the Noto
    /// fonts for other scripts, from the tool's cache), by digest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<FontInfo>,
    /// Every file, the PDFs included, sorted by path.
    pub files: Vec<InputFile>,
}

/// The certificate that sealed an edition's PDFs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealInfo {
    pub subject: String,
    pub issuer: String,
    /// The serial number, hexadecimal.
    pub serial: String,
    /// SHA-256 of the certificate (DER).
    pub sha256: String,
}

/// Who time-stamped an edition's `manifest.sha256`, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimestampInfo {
    /// The URL asked.
    pub tsa: String,
    /// The token's time, RFC 3339 UTC.
    pub time: String,
}

/// A font from outside the project: its file name, the Debian package and
/// version it comes from, and its SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontInfo {
    pub file: String,
    pub package: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionInfo {
    pub number: u32,
    /// `YYYY-MM-DD`: the register's `as_of`.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousEdition {
    pub edition: u32,
    pub manifest_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerInfo {
    pub principal: String,
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypstInfo {
    pub version: String,
    /// The arguments after `typst`, with the font folder relative to the
    /// project root (the build passes its absolute form).
    pub arguments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfInfo {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// One language edition of the PDF: `out/register.ru.pdf` and its volumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationInfo {
    /// ISO 639-1: `ru`.
    pub language: String,
    pub pdf: PdfInfo,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<PdfInfo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<PdfInfo>,
}

impl Manifest {
    /// Every PDF of the build: the register (or general volume), its
    /// volumes, then each language edition's.
    pub fn pdfs(&self) -> impl Iterator<Item = &PdfInfo> {
        std::iter::once(&self.pdf)
            .chain(&self.indexes)
            .chain(&self.volumes)
            .chain(
                self.translations
                    .iter()
                    .flat_map(|t| std::iter::once(&t.pdf).chain(&t.indexes).chain(&t.volumes)),
            )
    }

    /// The JSON text: pretty, keys in declaration order, a final newline,
    /// so equal manifests are equal bytes.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a manifest serializes");
        text.push('\n');
        text
    }

    /// The `sha256sum` text of every file.
    pub fn to_sha256sum(&self) -> String {
        sha256sum_text(&self.files)
    }

    /// Whether `register_digest` is the digest of the register files the
    /// manifest lists, as the PDFs print it.
    pub fn register_digest_holds(&self) -> bool {
        self.register_digest == crate::audit::inputs::register_digest(&self.files)
    }

    /// The value of `--pdf-standard` the PDF was built with.
    pub fn pdf_standard(&self) -> Option<&str> {
        let args = &self.typst.arguments;
        let at = args.iter().position(|a| a == "--pdf-standard")?;
        args.get(at + 1).map(String::as_str)
    }
}

/// `<hex>  <path>` lines sorted by path, as `sha256sum` prints them.
pub fn sha256sum_text(files: &[InputFile]) -> String {
    let mut files: Vec<&InputFile> = files.iter().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
        .iter()
        .map(|f| format!("{}  {}\n", f.sha256, f.path))
        .collect()
}

/// One line of a manifest: a path and the digest it must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub sha256: String,
    pub role: Option<Role>,
    pub id: Option<String>,
}

/// Why a manifest cannot be used; `line` is 1-based, 0 for the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

/// Whether a manifest path is one a verifier may open: relative, `/`
/// separated, no `.`/`..` or empty segments, no characters sha256sum
/// escapes.
pub fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("empty path".into());
    }
    if path.starts_with('/')
        || path.starts_with('\\')
        || path.get(1..3) == Some(":\\")
        || path.get(1..3) == Some(":/")
    {
        return Err(format!("absolute path `{path}`"));
    }
    if path.contains('\\') {
        return Err(format!("path `{path}` contains a backslash"));
    }
    if path.contains(['\r', '\n', '\0']) {
        return Err("path contains a control character".into());
    }
    for segment in path.split('/') {
        match segment {
            ".." => return Err(format!("path `{path}` leads outside the project (`..`)")),
            "" | "." => return Err(format!("path `{path}` has an empty or `.` segment")),
            _ => {}
        }
    }
    Ok(())
}

fn check_hex(digest: &str) -> Result<(), String> {
    if digest.len() == 64
        && digest
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        Ok(())
    } else {
        Err(format!(
            "`{digest}` is not a SHA-256 digest (64 lower-case hexadecimal digits)"
        ))
    }
}

/// Parses `sha256sum` text-mode lines, as written by `build`.
pub fn parse_sha256sum(text: &str) -> Result<Vec<Entry>, ManifestError> {
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    for (n, line) in text.lines().enumerate() {
        let fail = |message: String| ManifestError {
            line: n + 1,
            message,
        };
        if line.starts_with('\\') {
            return Err(fail(
                "escaped paths (a leading `\\`) are not used by treaty-register manifests".into(),
            ));
        }
        let Some((digest, path)) = line.split_once("  ").or_else(|| line.split_once(" *")) else {
            return Err(fail("expected `<sha256>  <path>`".into()));
        };
        check_hex(digest).map_err(fail)?;
        check_path(path).map_err(fail)?;
        if !seen.insert(path.to_owned()) {
            return Err(fail(format!("`{path}` is listed twice")));
        }
        entries.push(Entry {
            path: path.to_owned(),
            sha256: digest.to_owned(),
            role: None,
            id: None,
        });
    }
    if entries.is_empty() {
        return Err(ManifestError {
            line: 0,
            message: "the manifest lists no files".into(),
        });
    }
    Ok(entries)
}

/// Parses `manifest.json` and checks every path and digest in it.
pub fn parse_json(text: &str) -> Result<(Manifest, Vec<Entry>), ManifestError> {
    let manifest: Manifest = serde_json::from_str(text).map_err(|e| ManifestError {
        line: e.line(),
        message: format!("invalid manifest.json ({e})"),
    })?;
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(0, |n| n + 1)
    };
    if manifest.format != FORMAT {
        return Err(ManifestError {
            line: line_of("\"format\""),
            message: format!(
                "unknown manifest format `{}` (expected `{FORMAT}`)",
                manifest.format
            ),
        });
    }
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for file in &manifest.files {
        let fail = |message: String| ManifestError {
            line: line_of(&format!(
                "\"path\": {}",
                serde_json::to_string(&file.path).unwrap_or_default()
            )),
            message,
        };
        check_path(&file.path).map_err(fail)?;
        check_hex(&file.sha256).map_err(fail)?;
        if !seen.insert(file.path.clone()) {
            return Err(fail(format!("`{}` is listed twice", file.path)));
        }
        entries.push(Entry {
            path: file.path.clone(),
            sha256: file.sha256.clone(),
            role: Some(file.role),
            id: file.id.clone(),
        });
    }
    let pdf_error = |message: String| ManifestError {
        line: line_of("\"pdf\""),
        message,
    };
    check_path(&manifest.pdf.path).map_err(pdf_error)?;
    let listed = manifest.files.iter().find(|f| f.path == manifest.pdf.path);
    if listed.is_none_or(|f| f.sha256 != manifest.pdf.sha256 || f.role != Role::Output) {
        return Err(pdf_error(format!(
            "`pdf` does not match the output `{}` in `files`",
            manifest.pdf.path
        )));
    }
    Ok((manifest, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn parses_what_sha256sum_writes() {
        let text = format!("{HEX}  register/register.yaml\n{HEX}  out/register.pdf\n");
        let entries = parse_sha256sum(&text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].path, "out/register.pdf");
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = |text: String| parse_sha256sum(&text).unwrap_err();
        assert_eq!(err(format!("{HEX}  a\nnonsense\n")).line, 2);
        assert!(
            err(format!("{}  a\n", &HEX[..63]))
                .message
                .contains("not a SHA-256 digest")
        );
        assert!(
            err(format!("{}  a\n", HEX.to_uppercase()))
                .message
                .contains("not a SHA-256")
        );
        assert!(
            err(format!("{HEX}  /etc/passwd\n"))
                .message
                .contains("absolute path")
        );
        assert!(
            err(format!("{HEX}  register/../../x\n"))
                .message
                .contains("`..`")
        );
        assert!(
            err(format!("{HEX}  a\n{HEX}  a\n"))
                .message
                .contains("listed twice")
        );
        assert!(err(String::new()).message.contains("lists no files"));
    }

    #[test]
    fn path_rules() {
        assert!(check_path("register/instruments/A-1.yaml").is_ok());
        for bad in [
            "", "/a", "a//b", "./a", "a/./b", "a/../b", "..", "a\\b", "C:/x", "a\nb",
        ] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
    }
}

//! The archive of published editions, `editions/NNNN/`, and its audit.
//!
//! Edition N holds its `manifest.sha256`, the signature of those exact
//! bytes (`manifest.sha256.sig`), `manifest.json` (with the edition's
//! number and date and, from edition 2 on, the SHA-256 of edition N−1's
//! `manifest.sha256`), its PDFs under their file names, and under
//! `sources/` the register and template files that are new or changed
//! since edition N−1 (edition 1: all of them), at their project paths. So
//! every edition's sources can be recovered from the archive, which is what
//! lets a later edition say what changed, and lets anyone check the
//! archived files with `sha256sum -c` against the signed manifest.
//! `editions/latest` records the latest edition's number and the digest of
//! its `manifest.sha256`, so that a latest edition that vanishes is named.
//!
//! Only `manifest.sha256` is signed. So the facts the audit judges by come
//! from it: the edition's date is the `as_of` of the archived
//! `register.yaml` whose digest it lists, the signer is checked against the
//! signature's key; `manifest.json` only repeats them, and a difference is
//! a problem. Every file is read through [`crate::audit::archive`]: no link
//! is followed, no FIFO waited on.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::archive;
use crate::audit::manifest::{self, Manifest, SHA256_FILE};
use crate::audit::{signature, signers};
use crate::register::date::PartialDate;
use crate::support::digest;

/// The archive's folder, relative to the project root.
pub const DIR: &str = "editions";
/// The signature beside each `manifest.sha256`.
pub const SIG_FILE: &str = "manifest.sha256.sig";
/// An edition's RFC 3161 token over its `manifest.sha256` (`publish --tsa`).
pub const TSR_FILE: &str = "manifest.tsr";
/// Where an edition keeps the sources it added or changed.
pub const SOURCES: &str = "sources";
/// The record of the latest edition, `editions/latest`: one
/// `sha256sum` line for its `manifest.sha256`.
pub const LATEST: &str = "latest";
/// Where `publish` puts the latest edition for readers.
pub const OUT: &str = "out";
/// The archived register file that dates an edition.
const REGISTER_YAML: &str = "register/register.yaml";

/// `editions/0007`.
pub fn folder(root: &Path, number: u32) -> PathBuf {
    root.join(DIR).join(format!("{number:04}"))
}

/// `editions/0007`, as a project path.
pub fn name(number: u32) -> String {
    format!("{DIR}/{number:04}")
}

/// Where an edition archives an output its signed manifest lists under
/// `out/`: at the same path inside `editions/NNNN/` (`out/register.pdf` as
/// `register.pdf`, `out/html/index.html` as `html/index.html`); `None` for
/// a path outside `out/`, which is a source.
pub fn archived_output(path: &str) -> Option<&str> {
    path.strip_prefix(OUT).and_then(|p| p.strip_prefix('/'))
}

/// The outputs edition `a`'s signed `manifest.sha256` lists, as (project
/// path, path inside the edition's folder), sorted; empty when it is
/// malformed (which its audit reports).
pub fn outputs(a: &Archived) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = manifest::parse_sha256sum(&a.sha256_text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| Some((archived_output(&e.path)?.to_owned(), e.path)))
        .map(|(inside, path)| (path, inside))
        .collect();
    out.sort();
    out
}

/// `editions/0007/NAME`, as a project path.
pub fn rel(number: u32, name: &str) -> String {
    format!("{DIR}/{number:04}/{name}")
}

/// The numbers of the archived editions, ascending (entries named by four
/// or more digits; staging folders and anything else are not editions).
/// An `editions` that is a link or a file is refused: the archive is
/// never read, nor written, through a link.
pub fn numbers(root: &Path) -> Result<Vec<u32>, String> {
    if !archive::is_folder(root, DIR)? {
        return Ok(Vec::new());
    }
    let entries =
        std::fs::read_dir(root.join(DIR)).map_err(|e| format!("cannot read {DIR}/ ({e})"))?;
    let mut numbers = Vec::new();
    for entry in entries {
        let name = entry
            .map_err(|e| format!("cannot read {DIR}/ ({e})"))?
            .file_name();
        let name = name.to_string_lossy();
        if name.len() >= 4
            && name.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = name.parse::<u32>()
        {
            numbers.push(n);
        }
    }
    numbers.sort_unstable();
    Ok(numbers)
}

/// One archived edition, as read.
pub struct Archived {
    pub number: u32,
    pub manifest: Manifest,
    /// The bytes of its `manifest.sha256`.
    pub sha256_text: String,
    /// SHA-256 of those bytes: what edition N+1 chains to.
    pub digest: String,
}

/// Reads edition `number`'s manifests (the folder must be a real folder).
pub fn read(root: &Path, number: u32) -> Result<Archived, String> {
    if !archive::is_folder(root, &name(number))? {
        return Err(format!("{} is missing", name(number)));
    }
    let sha256_text = archive::read_text(root, &rel(number, SHA256_FILE))?;
    let (manifest, _) = manifest::parse_json(&archive::read_text(
        root,
        &rel(number, manifest::JSON_FILE),
    )?)
    .map_err(|e| format!("manifest.json is malformed ({e})"))?;
    Ok(Archived {
        number,
        digest: digest::sha256_bytes(sha256_text.as_bytes()),
        manifest,
        sha256_text,
    })
}

/// Every instrument id an archived edition published, with the latest
/// edition that did: ids are never given out again, even when the file is
/// gone. Editions whose `manifest.json` cannot be read are passed over
/// here; `verify` reports them.
pub fn published_ids(root: &Path) -> std::collections::BTreeMap<String, u32> {
    let mut ids = std::collections::BTreeMap::new();
    for n in numbers(root).unwrap_or_default() {
        let Ok(text) = archive::read_text(root, &rel(n, manifest::JSON_FILE)) else {
            continue;
        };
        let Ok((m, _)) = manifest::parse_json(&text) else {
            continue;
        };
        for f in m.files {
            if f.role == crate::audit::inputs::Role::Instrument
                && let Some(id) = f.id
            {
                ids.insert(id, n);
            }
        }
    }
    ids
}

/// The date of an edition, from its manifest.json (which the audit has
/// checked against the signed date before a publish relies on it).
pub fn date(m: &Manifest) -> Option<PartialDate> {
    m.edition
        .as_ref()
        .and_then(|e| PartialDate::parse(&e.date).ok())
}

/// The text of `path` (a project path) as edition `upto` published it: the
/// copy in the latest edition up to `upto` that archived it.
pub fn source_text(root: &Path, upto: u32, path: &str) -> Option<String> {
    archived_upto(root, upto)
        .find_map(|n| archive::read_text(root, &rel(n, &format!("{SOURCES}/{path}"))).ok())
}

/// The archived editions up to `upto`, latest first: the folders there
/// are, not every number below `upto`, which may be forged.
fn archived_upto(root: &Path, upto: u32) -> impl Iterator<Item = u32> {
    let mut numbers = numbers(root).unwrap_or_default();
    numbers.retain(|&n| n <= upto);
    numbers.into_iter().rev()
}

/// The archived copy of `path` whose SHA-256 is `sha256`, from edition
/// `upto` or an earlier one: the file a signed manifest vouches for.
pub fn signed_source(root: &Path, upto: u32, path: &str, sha256: &str) -> Option<String> {
    archived_upto(root, upto).find_map(|n| {
        let text = archive::read_text(root, &rel(n, &format!("{SOURCES}/{path}"))).ok()?;
        (digest::sha256_bytes(text.as_bytes()) == sha256).then_some(text)
    })
}

/// The edition's date as signed: the `as_of` of the archived
/// `register.yaml` whose digest the signed `manifest.sha256` lists.
fn signed_date(
    root: &Path,
    number: u32,
    listed: &HashMap<String, String>,
) -> Result<PartialDate, String> {
    let sha256 = listed.get(REGISTER_YAML).ok_or_else(|| {
        format!("manifest.sha256 lists no {REGISTER_YAML}, so the edition has no signed date")
    })?;
    let text = signed_source(root, number, REGISTER_YAML, sha256).ok_or_else(|| {
        format!(
            "no archived {REGISTER_YAML} has the digest manifest.sha256 signs ({sha256}), so the \
             edition has no signed date"
        )
    })?;
    as_of(&text).ok_or_else(|| format!("the archived {REGISTER_YAML} gives no `as_of` date"))
}

/// `as_of` of a `register.yaml` text, read from its YAML alone (an old
/// edition's file need not pass today's schema to be dated).
fn as_of(text: &str) -> Option<PartialDate> {
    use crate::register::yaml::{self, Value};
    let node = yaml::parse(text.strip_prefix('\u{FEFF}').unwrap_or(text)).ok()??;
    let Value::Map(pairs) = node.value else {
        return None;
    };
    pairs.iter().find_map(|(k, v)| match (&k.value, &v.value) {
        (Value::Scalar { text: key, .. }, Value::Scalar { text, .. }) if key == "as_of" => {
            PartialDate::parse(text).ok()
        }
        _ => None,
    })
}

/// What `editions/latest` records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Latest {
    pub number: u32,
    /// SHA-256 of that edition's `manifest.sha256`.
    pub digest: String,
}

/// The line `editions/latest` holds for edition `number`: `sha256sum`'s
/// own format, so `sha256sum -c editions/latest` checks it from the root.
pub fn latest_line(number: u32, digest: &str) -> String {
    format!("{digest}  {}\n", rel(number, SHA256_FILE))
}

/// `editions/latest`, `None` when there is none.
pub fn read_latest(root: &Path) -> Result<Option<Latest>, String> {
    let name = format!("{DIR}/{LATEST}");
    if archive::is_missing(root, &name) {
        return Ok(None);
    }
    let text = archive::read_text(root, &name)?;
    let bad = || {
        format!(
            "{name} is malformed: expected one line `<sha256>  {DIR}/NNNN/{SHA256_FILE}`; \
             `publish` writes it"
        )
    };
    let entries = manifest::parse_sha256sum(&text).map_err(|_| bad())?;
    let [entry] = entries.as_slice() else {
        return Err(bad());
    };
    let number = entry
        .path
        .strip_prefix(&format!("{DIR}/"))
        .and_then(|p| p.strip_suffix(&format!("/{SHA256_FILE}")))
        .filter(|n| n.len() >= 4 && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse().ok())
        .ok_or_else(bad)?;
    Ok(Some(Latest {
        number,
        digest: entry.sha256.clone(),
    }))
}

/// What the audit found about one edition.
#[derive(Debug, Clone, Serialize)]
pub struct EditionReport {
    /// 0 for a problem of the archive as a whole (`editions/` a link,
    /// `editions/latest` unreadable).
    pub number: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who signed it, when the signature holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest_sha256: Option<String>,
    /// The time its signature was judged at: "its RFC 3161 time
    /// (2026-12-06T21:27:16Z)" where `manifest.tsr` holds, else "the
    /// edition's date (2024-08-08)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged_at: Option<String>,
    /// Every problem, empty when the edition is sound.
    pub problems: Vec<String>,
}

impl EditionReport {
    fn new(number: u32) -> EditionReport {
        EditionReport {
            number,
            date: None,
            principal: None,
            manifest_sha256: None,
            judged_at: None,
            problems: Vec::new(),
        }
    }

    fn problem(number: u32, problem: String) -> EditionReport {
        EditionReport {
            problems: vec![problem],
            ..EditionReport::new(number)
        }
    }

    /// `editions/0007`, or `editions` for the archive as a whole.
    pub fn path(&self) -> String {
        if self.number == 0 {
            DIR.to_owned()
        } else {
            name(self.number)
        }
    }
}

/// Audits every archived edition; empty when there is no archive.
pub fn audit(root: &Path) -> Vec<EditionReport> {
    let (numbers, latest) = match (numbers(root), read_latest(root)) {
        (Ok(n), Ok(l)) => (n, l),
        (Err(e), _) | (_, Err(e)) => return vec![EditionReport::problem(0, e)],
    };
    let out = out_edition(root);
    let latest: Option<Record> = latest.map(Record::from);
    let recorded = latest.as_ref().map_or(0, |l| l.number);
    let told = out.as_ref().map_or(0, |o| o.number);
    let last = numbers.last().copied().unwrap_or(0).max(recorded).max(told);
    if last == 0 {
        return Vec::new();
    }
    let allowed = archive::read_text(root, signers::FILE).and_then(|text| signers::parse(&text));
    let mut reports = Vec::new();
    let mut previous: Option<Archived> = None;
    // Gaps are reported as ranges, one line each: a number in the unsigned
    // editions/latest or out/manifest.json can be forged as 99,999,999, and
    // a line (or a loop) per missing edition would hang verify.
    let archived = numbers.last().copied().unwrap_or(0);
    let mut expected = 1;
    for &number in &numbers {
        if number > expected {
            reports.push(missing(expected, number - 1, archived, recorded, told));
            previous = None;
        }
        let (mut report, kept) = audit_one(root, number, &allowed, previous.as_ref());
        for record in [&latest, &out].into_iter().flatten() {
            record.check(number, kept.as_ref(), &mut report);
        }
        reports.push(report);
        previous = kept;
        expected = number + 1;
    }
    if last >= expected {
        reports.push(missing(expected, last, archived, recorded, told));
    }
    strays(root, &mut reports);
    reports
}

/// Links, FIFOs and devices anywhere in the archive outside an edition's
/// sources (which its own report names): the archive holds only files and
/// folders, as the manual check (`find editions ! -type d ! -type f`)
/// expects; a link left there is a path out of it.
fn strays(root: &Path, reports: &mut Vec<EditionReport>) {
    let (_, others) = archive::walk(root, DIR);
    let strays: Vec<String> = others
        .into_iter()
        .filter(|p| !p.contains(&format!("/{SOURCES}/")))
        .collect();
    if strays.is_empty() {
        return;
    }
    let mut report = EditionReport::new(0);
    for path in strays {
        report.problems.push(format!(
            "{path} is a link, FIFO or device: the archive holds only files and folders; remove it"
        ));
    }
    reports.push(report);
}

/// The report on editions `from` to `to` (one or more), missing.
fn missing(from: u32, to: u32, archived: u32, recorded: u32, told: u32) -> EditionReport {
    let why = missing_why(to, archived, recorded, told);
    let what = if from == to {
        format!("edition {from} is missing")
    } else {
        format!("editions {from} to {to} are missing")
    };
    EditionReport::problem(from, format!("{what} from {DIR}/: {why}"))
}

/// Why edition `number`, missing, should be there: an archived edition
/// after it, or a record of it as the latest.
fn missing_why(number: u32, archived: u32, recorded: u32, told: u32) -> String {
    let last = archived.max(recorded).max(told);
    if number < archived {
        format!("the chain from edition 1 to {last} is broken")
    } else if recorded >= number {
        format!(
            "{DIR}/{LATEST} records edition {recorded} as the latest, so edition {number} was \
             issued and is lost"
        )
    } else {
        format!("{OUT}/ publishes edition {told}, so edition {number} was issued and is lost")
    }
}

/// A record of the latest edition kept outside its folder: what
/// `editions/latest` says, or what `out/` publishes.
struct Record {
    number: u32,
    digest: String,
    /// "editions/latest", "out/manifest.sha256".
    source: String,
}

impl Record {
    /// A problem on edition `number` if the record names it with another
    /// digest than its `manifest.sha256` has.
    fn check(&self, number: u32, archived: Option<&Archived>, report: &mut EditionReport) {
        if let Some(a) = archived
            && self.number == number
            && self.digest != a.digest
        {
            report.problems.push(format!(
                "{} records edition {number}'s manifest.sha256 as {}, but the archived file's \
                 SHA-256 is {}: the edition was replaced after it was published",
                self.source, self.digest, a.digest
            ));
        }
    }
}

impl From<Latest> for Record {
    fn from(l: Latest) -> Record {
        Record {
            number: l.number,
            digest: l.digest,
            source: format!("{DIR}/{LATEST}"),
        }
    }
}

/// The edition `out/` publishes, if its `manifest.json` names one (a draft
/// build names none). Read as `verify` reads `out/`: links inside the
/// project followed (the unit is a generation behind `out/.current`),
/// nothing that is not a regular file opened.
fn out_edition(root: &Path) -> Option<Record> {
    let read = |name: &str| archive::read_out(root, &format!("{OUT}/{name}")).ok();
    let (m, _) = manifest::parse_json(&read(manifest::JSON_FILE)?).ok()?;
    let number = m.edition?.number;
    Some(Record {
        number,
        digest: digest::sha256_bytes(read(SHA256_FILE)?.as_bytes()),
        source: format!("{OUT}/{SHA256_FILE}"),
    })
}

fn audit_one(
    root: &Path,
    number: u32,
    allowed: &Result<Vec<signers::Signer>, String>,
    previous: Option<&Archived>,
) -> (EditionReport, Option<Archived>) {
    let mut report = EditionReport::new(number);
    let archived = match read(root, number) {
        Ok(a) => a,
        Err(e) => {
            report.problems.push(e);
            return (report, None);
        }
    };
    report.manifest_sha256 = Some(archived.digest.clone());
    let listed: HashMap<String, String> = match manifest::parse_sha256sum(&archived.sha256_text) {
        Ok(entries) => entries.into_iter().map(|e| (e.path, e.sha256)).collect(),
        Err(e) => {
            report
                .problems
                .push(format!("manifest.sha256 is malformed ({e})"));
            bytes_signed(root, &archived, &mut report);
            return (report, Some(archived));
        }
    };
    let signed = signed_date(root, number, &listed);
    match &signed {
        Ok(date) => report.date = Some(date.to_string()),
        Err(e) => report.problems.push(e.clone()),
    }
    json_facts(&archived, &listed, signed.as_ref().ok(), &mut report);
    if let Ok(date) = signed {
        // An RFC 3161 time proves when the edition existed; its date is
        // only what the signer claims.
        let moment = manifest_time(root, &archived, &mut report)
            .unwrap_or_else(|| signers::Moment::edition(date));
        report.judged_at = Some(moment.what.clone());
        signature_of(root, &archived, allowed, &moment, &mut report);
    }
    archived_files(root, &archived, &listed, previous, &mut report);
    pdf_facts(root, &archived, &listed, &mut report);
    chain(&archived, previous, &mut report);
    (report, Some(archived))
}

/// The time `manifest.tsr` gives edition `a`, when it holds: a token over
/// its `manifest.sha256` by a TSA `register/allowed_tsa.pem` trusts;
/// else its problems are reported and `None`.
fn manifest_time(root: &Path, a: &Archived, report: &mut EditionReport) -> Option<signers::Moment> {
    let named = a.manifest.timestamp.as_ref();
    if archive::is_missing(root, &rel(a.number, TSR_FILE)) {
        if let Some(t) = named {
            report.problems.push(format!(
                "TIMESTAMP-INVALID manifest.json names a time-stamp of {} by {}, and manifest.tsr is missing",
                t.time, t.tsa
            ));
        }
        return None;
    }
    let bytes = match archive::read(root, &rel(a.number, TSR_FILE)) {
        Ok(b) => b,
        Err(why) => {
            report.problems.push(format!("TIMESTAMP-INVALID {why}"));
            return None;
        }
    };
    let bad = |why: String| format!("TIMESTAMP-INVALID manifest.tsr {why}");
    let Some(token) = crate::audit::seal::token_of_response(&bytes) else {
        report
            .problems
            .push(bad("is not an RFC 3161 time-stamp reply".into()));
        return None;
    };
    let tsas = match crate::audit::seal::trust_file(&root.join(crate::audit::seal::TSA_FILE)) {
        Ok(t) => t,
        Err(why) => {
            report.problems.push(bad(why));
            return None;
        }
    };
    let digest = crate::support::digest::sha256_raw(a.sha256_text.as_bytes());
    let stamp = crate::audit::seal::timestamp(&token, &digest, &tsas);
    if !stamp.problems.is_empty() {
        report.problems.extend(
            stamp
                .problems
                .iter()
                .map(|p| p.replacen("TIMESTAMP-INVALID ", "TIMESTAMP-INVALID manifest.tsr: ", 1)),
        );
        return None;
    }
    if let Some(t) = named.filter(|t| t.time != stamp.time) {
        report.problems.push(format!(
            "manifest.json gives the time-stamp's time as {}, but manifest.tsr says {}; manifest.json is not \
             signed, the token is",
            t.time, stamp.time
        ));
    }
    Some(signers::Moment {
        at: stamp.unix,
        what: format!("its RFC 3161 time ({})", stamp.time),
    })
}

/// Whether the signature matches the bytes at all, for a manifest too
/// broken to date: a changed byte is then named as what it is.
fn bytes_signed(root: &Path, a: &Archived, report: &mut EditionReport) {
    if let Ok(sig) = archive::read_text(root, &rel(a.number, SIG_FILE))
        && !signature::matches(&sig, a.sha256_text.as_bytes())
    {
        report
            .problems
            .push("bad signature: the signature does not match the manifest's bytes".into());
    }
}

/// `manifest.json` repeats what is signed; it must say the same.
fn json_facts(
    a: &Archived,
    listed: &HashMap<String, String>,
    date: Option<&PartialDate>,
    report: &mut EditionReport,
) {
    let m = &a.manifest;
    let mut differs = |what: String| {
        report.problems.push(format!(
            "manifest.json {what}; it is not signed, and the signed manifest.sha256 decides"
        ));
    };
    if m.edition.as_ref().map(|e| e.number) != Some(a.number) {
        differs(format!("does not say it is edition {}", a.number));
    }
    if let Some(date) = date {
        let said = m.edition.as_ref().map_or("nothing", |e| e.date.as_str());
        if said != date.to_string() || m.as_of != date.to_string() {
            differs(format!(
                "gives the date {said}, but the signed register.yaml's as_of is {date}"
            ));
        }
    }
    let files: HashMap<&str, &str> = m
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let signed: HashMap<&str, &str> = listed
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_str()))
        .collect();
    if files != signed {
        differs("lists other files or digests than manifest.sha256".into());
    }
}

/// The edition's PDF is signed (its digest is in `manifest.sha256`) and
/// carries `build.json`, which says the edition's number, date, link to
/// the edition before and signer, as the PDF prints them: `manifest.json`
/// must say the same, so that its `previous` and `signer` are as good as
/// signed. An edition whose PDF cannot be read is reported elsewhere.
fn pdf_facts(
    root: &Path,
    a: &Archived,
    listed: &HashMap<String, String>,
    report: &mut EditionReport,
) {
    let path = &a.manifest.pdf.path;
    let file = rel(a.number, path.rsplit('/').next().unwrap_or(path));
    let Ok(bytes) = archive::read(root, &file) else {
        return;
    };
    if listed.get(path) != Some(&digest::sha256_bytes(&bytes)) {
        return; // not the signed PDF: reported by archived_files
    }
    let build = crate::audit::pdf::embedded_files_in(&bytes)
        .ok()
        .and_then(|carried| {
            carried
                .files
                .into_iter()
                .find(|e| e.name == crate::audit::pdf::BUILD)
        })
        .and_then(|e| serde_json::from_slice::<serde_json::Value>(&e.bytes).ok());
    let Some(build) = build else {
        return report.problems.push(format!(
            "{file} carries no readable build.json, so manifest.json's link and signer cannot \
             be checked against the signed PDF"
        ));
    };
    let edition = &build["edition"];
    let m = &a.manifest;
    for (what, printed, said) in [
        (
            "number",
            edition["number"].clone(),
            value(&m.edition.as_ref().map(|e| e.number)),
        ),
        ("previous", edition["previous"].clone(), value(&m.previous)),
        ("signer", edition["signer"].clone(), value(&m.signer)),
    ] {
        if printed != said {
            report.problems.push(format!(
                "manifest.json gives the {what} {said}, but the signed PDF says {printed}; \
                 manifest.json is not signed, the PDF is"
            ));
        }
    }
}

/// A field of `manifest.json` as JSON, to compare with `build.json`'s.
fn value<T: Serialize>(field: &T) -> serde_json::Value {
    serde_json::to_value(field).unwrap_or_default()
}

/// The signature, by a key `allowed_signers` lists for the principal
/// `manifest.json` names, at the signed date; and that key is the one
/// `manifest.json` names.
fn signature_of(
    root: &Path,
    a: &Archived,
    allowed: &Result<Vec<signers::Signer>, String>,
    moment: &signers::Moment,
    report: &mut EditionReport,
) {
    let signers = match allowed {
        Ok(s) => s,
        Err(e) => {
            report
                .problems
                .push(format!("the signature cannot be checked: {e}"));
            return;
        }
    };
    let sig = match archive::read_text(root, &rel(a.number, SIG_FILE)) {
        Ok(sig) => sig,
        Err(e) => return report.problems.push(e),
    };
    let Some(claim) = a.manifest.signer.as_ref() else {
        return report.problems.push("manifest.json names no signer".into());
    };
    if signature::signer_key(&sig).is_some_and(|key| key != claim.key) {
        report.problems.push(format!(
            "manifest.json names the signing key {}, but the signature was made by another",
            claim.key
        ));
    }
    match signature::verify(
        &sig,
        a.sha256_text.as_bytes(),
        signers,
        &claim.principal,
        moment,
    ) {
        Ok(v) => report.principal = Some(v.principal),
        Err(why) => report.problems.push(format!("bad signature: {why}")),
    }
}
fn chain(a: &Archived, previous: Option<&Archived>, report: &mut EditionReport) {
    let link = a.manifest.previous.as_ref();
    match (a.number, previous, link) {
        (1, _, None) => {}
        (1, _, Some(_)) => report
            .problems
            .push("edition 1 names a previous edition".into()),
        (_, _, None) => report.problems.push(format!(
            "manifest.json names no previous edition (expected edition {})",
            a.number - 1
        )),
        (_, None, Some(_)) => {} // the gap or the unreadable edition is reported there
        (_, Some(p), Some(link)) => {
            if link.edition != p.number || link.manifest_sha256 != p.digest {
                report.problems.push(format!(
                    "the chain is broken: it records edition {}'s manifest.sha256 as {}, but that \
                     file's SHA-256 is {}",
                    link.edition, link.manifest_sha256, p.digest
                ));
            }
            if let (Some(d), Some(pd)) = (date(&a.manifest), date(&p.manifest))
                && d < pd
            {
                report
                    .problems
                    .push(format!("dated {d}, before edition {} ({pd})", p.number));
            }
        }
    }
}

/// The archived PDFs and sources against the signed manifest: each one
/// the edition archived must be there, a regular file with the signed
/// digest; nothing else may be (a link, a FIFO, an unlisted file).
fn archived_files(
    root: &Path,
    a: &Archived,
    listed: &HashMap<String, String>,
    previous: Option<&Archived>,
    report: &mut EditionReport,
) {
    // Every output the signed manifest lists — PDFs, and the web edition's
    // pages when the edition has one — at its place in the folder.
    let mut outputs: Vec<(&str, &str)> = listed
        .keys()
        .filter_map(|p| Some((p.as_str(), archived_output(p)?)))
        .collect();
    outputs.sort_unstable();
    for (path, file) in &outputs {
        check_file(root, a.number, file, listed.get(*path), report);
    }
    unlisted_outputs(root, a.number, &outputs, report);
    let sources = rel(a.number, SOURCES);
    match archive::is_folder(root, &sources) {
        Ok(_) => {}
        Err(e) => return report.problems.push(e),
    }
    let (files, others) = archive::walk(root, &sources);
    for other in others {
        let kind = crate::support::safe_read::kind(&root.join(&other));
        report.problems.push(format!(
            "{} is {kind}, where the archive holds only regular files; not read",
            other
                .strip_prefix(&format!("{}/", name(a.number)))
                .unwrap_or(&other)
        ));
    }
    let found: HashSet<String> = files
        .iter()
        .map(|f| f[sources.len() + 1..].to_owned())
        .collect();
    for path in &found {
        check_file(
            root,
            a.number,
            &format!("{SOURCES}/{path}"),
            listed.get(path),
            report,
        );
    }
    for path in expected_sources(a, listed, previous) {
        let at = rel(a.number, &format!("{SOURCES}/{path}"));
        if found.contains(path) {
            continue;
        }
        if archive::is_missing(root, &at) {
            report.problems.push(format!(
                "{SOURCES}/{path} is missing: the edition archived it (new or changed since \
                 the edition before), and the signed manifest lists it"
            ));
        } else if archive::is_folder(root, &at) == Ok(true) {
            report.problems.push(format!(
                "{SOURCES}/{path} is a folder, where the archive holds only regular files"
            ));
        } // a link or a FIFO: reported above
    }
}

/// Files in the edition's folder, outside `sources/`, that are neither its
/// manifests and signature nor an output the signed manifest lists (a page
/// slipped into its `html/`).
fn unlisted_outputs(
    root: &Path,
    number: u32,
    outputs: &[(&str, &str)],
    report: &mut EditionReport,
) {
    let folder = name(number);
    // Links and FIFOs are reported for the whole archive (`strays`).
    let (files, _) = archive::walk(root, &folder);
    let inside = |p: &str| p[folder.len() + 1..].to_owned();
    let known: HashSet<&str> = outputs
        .iter()
        .map(|(_, f)| *f)
        .chain([SHA256_FILE, manifest::JSON_FILE, SIG_FILE, TSR_FILE])
        .collect();
    let sources = format!("{SOURCES}/");
    let mut problems: Vec<String> = files
        .iter()
        .map(|p| inside(p))
        .filter(|f| !f.starts_with(&sources) && !known.contains(f.as_str()))
        .map(|f| format!("{f} is archived but not in the edition's manifest"))
        .collect();
    problems.sort();
    report.problems.extend(problems);
}

/// The sources edition `a` archived, from what is signed: every file its
/// `manifest.sha256` lists outside `out/` whose path and digest edition
/// N−1's does not list. Unknown (empty) when N−1 is missing or unreadable;
/// that is reported there.
fn expected_sources<'l>(
    a: &Archived,
    listed: &'l HashMap<String, String>,
    previous: Option<&Archived>,
) -> Vec<&'l String> {
    let before: HashMap<String, String> = match (a.number, previous) {
        (1, _) => HashMap::new(),
        (_, None) => return Vec::new(),
        (_, Some(p)) => match manifest::parse_sha256sum(&p.sha256_text) {
            Ok(entries) => entries.into_iter().map(|e| (e.path, e.sha256)).collect(),
            Err(_) => return Vec::new(),
        },
    };
    let mut out: Vec<&String> = listed
        .iter()
        .filter(|(path, _)| !path.starts_with(&format!("{OUT}/")))
        .filter(|(path, sha)| before.get(*path) != Some(sha))
        .map(|(path, _)| path)
        .collect();
    out.sort();
    out
}

/// One archived file (`register.pdf`, `sources/…`) of edition `number`
/// against the digest the signed manifest gives it.
fn check_file(
    root: &Path,
    number: u32,
    file: &str,
    expected: Option<&String>,
    report: &mut EditionReport,
) {
    let Some(expected) = expected else {
        report.problems.push(format!(
            "{file} is archived but not in the edition's manifest"
        ));
        return;
    };
    match archive::sha256(root, &rel(number, file)) {
        Ok(found) if &found == expected => {}
        Ok(found) => report.problems.push(format!(
            "{file} was changed after publication (the manifest says {expected}, the file has {found})"
        )),
        Err(e) => report.problems.push(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_reads_back_what_publish_writes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(DIR)).unwrap();
        let digest = digest::sha256_bytes(b"x");
        let path = dir.path().join(DIR).join(LATEST);
        std::fs::write(&path, latest_line(12, &digest)).unwrap();
        assert_eq!(
            read_latest(dir.path()).unwrap(),
            Some(Latest { number: 12, digest })
        );
        std::fs::write(&path, "not a line\n").unwrap();
        assert!(read_latest(dir.path()).unwrap_err().contains("malformed"));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(read_latest(dir.path()).unwrap(), None);
    }

    #[test]
    fn an_edition_is_dated_by_the_yaml_alone() {
        assert_eq!(
            as_of("title: T\nas_of: 2024-08-08\nfuture_field: 1\n").map(|d| d.to_string()),
            Some("2024-08-08".into())
        );
        assert_eq!(as_of("title: T\n"), None);
        assert_eq!(as_of("- a\n"), None);
    }
}

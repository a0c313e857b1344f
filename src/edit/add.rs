//! Creating a new instrument file from flags or answers, safely.
//!
//! The entry is assembled as a [`Draft`] of plain text values, written as
//! YAML by serde_yaml (fields in the format's order, under the schema
//! modeline), then read back through the very decoder `check` uses, plus
//! the register-wide rules for relations and attachments. Only an entry
//! that passes is written, and it is written exclusively: the text goes to
//! a synced temporary file that is then *hard-linked* to `<ID>.yaml`,
//! which fails if the name exists. So an existing entry is never
//! overwritten, a reader never sees half a file, and two `add`s running at
//! once take different ids (the loser moves on to the next number).

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::edit::entry;
use crate::edit::prompt::Prompter;
use crate::error::{Error, Result};
use crate::register::codes;
use crate::register::date::PartialDate;
use crate::register::load::INSTRUMENTS_DIR;
use crate::register::model::{InstrumentType, Level, Status, is_valid_id};

/// The first line of every instrument file `add` writes.
pub const MODELINE: &str = "# yaml-language-server: $schema=../../schema/instrument.schema.json\n";

#[derive(Debug, Clone, Default, Serialize)]
pub struct Draft {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub parties: Vec<DraftParty>,
    pub signed: DraftSigned,
    /// Empty only in an import row whose acts decide the status (`add`
    /// always asks for one).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<DraftInForce>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<DraftTerm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<DraftRelation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    pub sources: Vec<DraftSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<DraftFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depositary: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftParty {
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftSigned {
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<DraftSignatory>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftSignatory {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftInForce {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftTerm {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftRelation {
    pub kind: String,
    pub target: DraftTarget,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum DraftTarget {
    Id(String),
    External { title: String, date: String },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftSource {
    /// What acts cite the source by (`record --source KEY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DraftFile {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

fn usage(flag: &str, value: &str, why: &str, hint: &str) -> Error {
    Error::Usage {
        message: format!("invalid {flag} `{value}`: {why}"),
        hint: Some(hint.to_owned()),
    }
}

fn nonempty(part: Option<&str>) -> Option<String> {
    part.map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
}

/// `STATE` or `STATE=BODY`.
pub fn party(value: &str) -> Result<DraftParty> {
    let (state, body) = match value.split_once('=') {
        Some((s, b)) => (s.trim(), nonempty(Some(b))),
        None => (value.trim(), None),
    };
    if state.is_empty() {
        return Err(usage(
            "--party",
            value,
            "no state code",
            "write `--party KAZ=\"Government of the Republic of Kazakhstan\"`",
        ));
    }
    Ok(DraftParty {
        state: state.to_owned(),
        body,
    })
}

/// `KIND=ID` or `KIND=TITLE@DATE`.
pub fn relation(value: &str) -> Result<DraftRelation> {
    let hint = "write `--relation amends=KZ-UZ-2024-004` or `--relation 'amends=Agreement on …@2006-03-20'`";
    let Some((kind, target)) = value.split_once('=') else {
        return Err(usage("--relation", value, "expected KIND=TARGET", hint));
    };
    let target = target.trim();
    let target = match target.rsplit_once('@') {
        Some((title, date)) if !title.trim().is_empty() => DraftTarget::External {
            title: title.trim().to_owned(),
            date: date.trim().to_owned(),
        },
        _ if target.is_empty() => return Err(usage("--relation", value, "no target", hint)),
        _ => DraftTarget::Id(target.to_owned()),
    };
    Ok(DraftRelation {
        kind: kind.trim().to_owned(),
        target,
    })
}

/// `FROM/TO`, either side may be empty.
pub fn term(value: &str) -> Result<DraftTerm> {
    let Some((from, to)) = value.split_once('/') else {
        return Err(usage(
            "--term",
            value,
            "expected FROM/TO",
            "write `--term 2024/2025`, `--term 2024-09/` or `--term /2026`",
        ));
    };
    Ok(DraftTerm {
        from: nonempty(Some(from)),
        to: nonempty(Some(to)),
    })
}

/// The `;`-separated fields of a flag's value, at most `max`: `\;` is a
/// semicolon inside a field (a source's headline may hold one), `\\` a
/// backslash. More fields than the flag has is an error, not a field lost.
fn fields(flag: &str, value: &str, max: usize, example: &str) -> Result<Vec<String>> {
    let mut out = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next @ (';' | '\\')) => out.last_mut().expect("one").push(next),
                Some(other) => out.last_mut().expect("one").extend(['\\', other]),
                None => out.last_mut().expect("one").push('\\'),
            },
            ';' => out.push(String::new()),
            c => out.last_mut().expect("one").push(c),
        }
    }
    if out.len() > max {
        return Err(usage(
            flag,
            value,
            &format!("{} fields separated by `;`, at most {max}", out.len()),
            &format!("write `\\;` for a semicolon inside a value, e.g. {example}"),
        ));
    }
    Ok(out)
}

/// `NAME[;OFFICE[;STATE]]`.
pub fn signatory(value: &str) -> Result<DraftSignatory> {
    let parts = fields("--signatory", value, 3, "`--signatory 'Name;Office;KAZ'`")?;
    let mut parts = parts.iter().map(String::as_str);
    let name = nonempty(parts.next()).ok_or_else(|| {
        usage(
            "--signatory",
            value,
            "no name",
            "write `--signatory 'Name;Office;KAZ'`",
        )
    })?;
    Ok(DraftSignatory {
        name,
        office: nonempty(parts.next()),
        state: nonempty(parts.next()),
    })
}

/// `TITLE[;DATE[;PUBLISHER[;URL[;NOTE]]]]`.
pub fn source(value: &str) -> Result<DraftSource> {
    let example = "`--source 'Talks in Astana\\; joint press release;2024-08-08'`";
    let parts = fields("--source", value, 5, example)?;
    let mut parts = parts.iter().map(String::as_str);
    let title = nonempty(parts.next()).ok_or_else(|| {
        usage(
            "--source",
            value,
            "no title",
            "write `--source 'Headline of the report;2024-08-08'`",
        )
    })?;
    Ok(DraftSource {
        key: None,
        title,
        date: nonempty(parts.next()),
        publisher: nonempty(parts.next()),
        url: nonempty(parts.next()),
        note: nonempty(parts.next()),
    })
}

/// Gives the sources their `--source-key`s, paired in order: the first key
/// to the first source, and so on; sources after the last key have none.
pub fn source_keys(sources: &mut [DraftSource], keys: &[String]) -> Result<()> {
    if keys.len() > sources.len() {
        return Err(usage(
            "--source-key",
            &keys[sources.len()],
            "there is no --source for it",
            "each --source-key names the --source at the same place: the first key the \
             first source, the second the second",
        ));
    }
    for (source, key) in sources.iter_mut().zip(keys) {
        source.key = nonempty(Some(key));
    }
    Ok(())
}

/// `LANG=TITLE`.
pub fn other_title(value: &str) -> Result<(String, String)> {
    match value.split_once('=') {
        Some((lang, title)) if !lang.trim().is_empty() && !title.trim().is_empty() => {
            Ok((lang.trim().to_owned(), title.trim().to_owned()))
        }
        _ => Err(usage(
            "--title-in",
            value,
            "expected LANG=TITLE",
            "write `--title-in 'ru=Соглашение …'`",
        )),
    }
}

/// `PATH[;DESCRIPTION]`, the path relative to `register/`; the digest is
/// computed from the file.
pub fn attachment(root: &Path, value: &str) -> Result<DraftFile> {
    let mut parts = value.splitn(2, ';');
    let path = nonempty(parts.next()).ok_or_else(|| {
        usage(
            "--file",
            value,
            "no path",
            "write `--file 'files/scan.pdf;Scan of the signed text'`",
        )
    })?;
    let full = root.join("register").join(&path);
    let sha256 = crate::support::digest::sha256_file(&full).ok();
    Ok(DraftFile {
        path,
        sha256,
        description: nonempty(parts.next()),
    })
}

/// The required values the draft still lacks, named as flags.
pub fn missing(draft: &Draft) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if draft.title.trim().is_empty() {
        missing.push("--title");
    }
    if draft.kind.is_empty() {
        missing.push("--type");
    }
    if draft.parties.len() < 2 {
        missing.push("--party (at least two)");
    }
    if draft.signed.date.is_empty() {
        missing.push("--signed");
    }
    if draft.status.is_empty() {
        missing.push("--status");
    }
    if draft.sources.is_empty() {
        missing.push("--source (at least one)");
    }
    missing
}

pub(crate) fn choice<K>(
    parse: fn(&str) -> Option<K>,
    names: &'static [&'static str],
) -> impl Fn(&str) -> std::result::Result<String, String> {
    move |answer| match parse(answer) {
        Some(_) => Ok(answer.to_owned()),
        None => {
            let lower = answer.to_lowercase();
            let by_prefix: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| n.starts_with(&lower))
                .collect();
            let near = match by_prefix.as_slice() {
                [one] => Some(*one),
                _ => crate::register::suggest::closest(answer, names),
            };
            Err(match near {
                Some(near) => format!("`{answer}` is not one of them; did you mean `{near}`?"),
                None => format!("`{answer}` is not one of: {}", names.join(", ")),
            })
        }
    }
}

pub(crate) fn date_answer(answer: &str) -> std::result::Result<String, String> {
    PartialDate::parse(answer)
        .map(|_| answer.to_owned())
        .map_err(|e| format!("`{answer}` is not a valid date: {e}"))
}

pub(crate) fn state_answer(answer: &str) -> std::result::Result<String, String> {
    // `kaz` is what a person types; the code is `KAZ`.
    let upper = answer.trim().to_uppercase();
    let code = upper.as_str();
    if codes::country_name(code).is_some() {
        return Ok(code.to_owned());
    }
    Err(match codes::country_suggestion(code) {
        Some(c) => format!(
            "`{code}` is not an ISO 3166-1 alpha-3 code; did you mean `{c}` ({})?",
            codes::country_name(c).unwrap_or("")
        ),
        None => format!("`{code}` is not an ISO 3166-1 alpha-3 code (e.g. KAZ, UZB)"),
    })
}

/// The states a register names most often, most frequent first (ties by
/// code): the examples its prompts give, so a Georgian ministry is shown
/// its own partners, not another register's.
pub fn frequent_states(register: &crate::register::model::Register, n: usize) -> Vec<String> {
    let mut count: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for i in &register.instruments {
        for party in &i.parties {
            *count.entry(party.state.as_str()).or_default() += 1;
        }
    }
    let mut states: Vec<(&str, usize)> = count.into_iter().collect();
    states.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    states
        .into_iter()
        .take(n)
        .map(|(s, _)| s.to_owned())
        .collect()
}

/// Asks for every required value the draft lacks; `states` are the
/// examples of state codes to give (none in an empty register).
pub fn ask_missing<R: BufRead, W: Write>(
    draft: &mut Draft,
    p: &mut Prompter<R, W>,
    states: &[String],
) -> Result<()> {
    let example = if states.is_empty() {
        String::new()
    } else {
        format!(", e.g. {}", states.join(", "))
    };
    p.say("The new entry lacks some required values; answer below (Ctrl-D to give up).")?;
    if draft.title.trim().is_empty() {
        draft.title = p
            .ask("Title (official English title as signed)", false, |a| {
                Ok::<_, String>(a.to_owned())
            })?
            .unwrap_or_default();
    }
    if draft.kind.is_empty() {
        let q = format!("Type [{}]", InstrumentType::NAMES.join(", "));
        draft.kind = p
            .ask(
                &q,
                false,
                choice(InstrumentType::parse, InstrumentType::NAMES),
            )?
            .unwrap_or_default();
    }
    if draft.level.is_none() {
        let q = format!("Level (optional) [{}]", Level::NAMES.join(", "));
        draft.level = p.ask(&q, true, choice(Level::parse, Level::NAMES))?;
    }
    if draft.depositary.is_none() {
        draft.depositary = p.ask(
            &format!("Depositary (optional: a state code{example}, or an organisation)"),
            true,
            |a| Ok::<_, String>(a.to_owned()),
        )?;
    }
    let asking_parties = draft.parties.len() < 2;
    while asking_parties && draft.parties.len() < 64 {
        let n = draft.parties.len() + 1;
        let optional = n > 2;
        let q = if optional {
            format!("Party {n}, state code (empty when all are given)")
        } else {
            format!("Party {n}, state code (ISO 3166-1 alpha-3{example})")
        };
        let Some(state) = p.ask(&q, optional, state_answer)? else {
            break;
        };
        let body = p.ask(
            &format!("Party {n}, signing body as named in the title (optional)"),
            true,
            |a| Ok::<_, String>(a.to_owned()),
        )?;
        draft.parties.push(DraftParty { state, body });
    }
    if draft.signed.date.is_empty() {
        draft.signed.date = p
            .ask(
                "Signed on (YYYY-MM-DD, or YYYY-MM or YYYY)",
                false,
                date_answer,
            )?
            .unwrap_or_default();
        if draft.signed.place.is_none() {
            draft.signed.place = p.ask("Signed at (place, optional)", true, |a| {
                Ok::<_, String>(a.to_owned())
            })?;
        }
    }
    if draft.status.is_empty() {
        let q = format!("Status [{}]", Status::NAMES.join(", "));
        draft.status = p
            .ask(&q, false, choice(Status::parse, Status::NAMES))?
            .unwrap_or_default();
    }
    let asking_sources = draft.sources.is_empty();
    while asking_sources && draft.sources.len() < 64 {
        let n = draft.sources.len() + 1;
        let optional = n > 1;
        let q = if optional {
            format!("Source {n}, title (empty when all are given)")
        } else {
            "Source 1, title or headline of the report the facts come from".to_owned()
        };
        let Some(title) = p.ask(&q, optional, |a| Ok::<_, String>(a.to_owned()))? else {
            break;
        };
        let date = p.ask(&format!("Source {n}, date (optional)"), true, date_answer)?;
        let key = p.ask(
            &format!("Source {n}, key for acts to cite it by (optional, lower-case)"),
            true,
            |a| Ok::<_, String>(a.to_owned()),
        )?;
        draft.sources.push(DraftSource {
            key,
            title,
            date,
            ..DraftSource::default()
        });
    }
    Ok(())
}

/// The file's text: the modeline, then the entry in the format's order.
pub fn to_yaml(draft: &Draft) -> String {
    let yaml = serde_yaml::to_string(draft).expect("a draft serializes");
    format!("{MODELINE}{yaml}")
}

/// The next free id under `prefix`, numbered and zero-padded like the
/// existing ones (three digits when there are none), starting the search
/// after `after`.
pub fn next_id(root: &Path, prefix: &str, after: u64) -> (u64, usize) {
    // After every id ever used, not only the files there now: a withdrawn
    // entry keeps its file, a deleted one its place in the editions.
    let used = crate::edit::ids::ever_used(root);
    crate::edit::ids::next_number(used.keys().map(String::as_str), prefix, after)
}

/// Writes `text` to `dir/<id>.yaml` only if no such file exists; `false`
/// when the name is taken.
pub fn create_exclusive(dir: &Path, id: &str, text: &str) -> Result<bool> {
    let dest = dir.join(format!("{id}.yaml"));
    let io = |source| Error::Write {
        path: dest.clone(),
        source,
    };
    let _lock = entry::lock_folder(dir)?;
    let temp = entry::write_temp(dir, text)?;
    crate::support::fault::point("add:written");
    match fs::hard_link(temp.path(), &dest) {
        Ok(()) => {
            crate::support::fault::point("add:linked");
            entry::sync_folder(dir);
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io(e)),
    }
    // `temp` is removed when dropped; the entry lives on under its name.
}

/// The id for the entry: `--id` as given, or the next free number.
pub fn path_for(id: &str) -> PathBuf {
    Path::new(INSTRUMENTS_DIR).join(format!("{id}.yaml"))
}

/// Whether `id` may be used as given by `--id`.
pub fn check_id(id: &str) -> Result<()> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(usage(
            "--id",
            id,
            "ids use upper-case letters A-Z, digits and single hyphens",
            "e.g. `--id KZ-UZ-2024-017`",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_flag_values() {
        let p = party("KAZ=Government of the Republic of Kazakhstan").unwrap();
        assert_eq!(
            (p.state.as_str(), p.body.as_deref()),
            ("KAZ", Some("Government of the Republic of Kazakhstan"))
        );
        assert_eq!(party("UZB").unwrap().body, None);
        assert!(party("=x").is_err());
        let r = relation("amends=Agreement on transport@2006-03-20").unwrap();
        assert!(
            matches!(r.target, DraftTarget::External { ref title, ref date } if title == "Agreement on transport" && date == "2006-03-20")
        );
        assert!(
            matches!(relation("amends=KZ-UZ-2024-004").unwrap().target, DraftTarget::Id(ref id) if id == "KZ-UZ-2024-004")
        );
        assert!(relation("amends").is_err());
        let t = term("2024/").unwrap();
        assert_eq!((t.from.as_deref(), t.to), (Some("2024"), None));
        let s =
            signatory("Shavkat Mirziyoyev;President of the Republic of Uzbekistan;UZB").unwrap();
        assert_eq!(s.state.as_deref(), Some("UZB"));
        let s = source("Headline;2024-08-08;;https://example.org").unwrap();
        assert_eq!(
            (s.date.as_deref(), s.publisher, s.url.as_deref()),
            (Some("2024-08-08"), None, Some("https://example.org"))
        );
        // A semicolon inside a value is escaped; one field too many is refused.
        let s = source(r"Talks in Astana\; joint press release;2024-08-08;;;a\\b").unwrap();
        assert_eq!(s.title, "Talks in Astana; joint press release");
        assert_eq!(s.note.as_deref(), Some(r"a\b"));
        let e = source("A; B;2024-08-08;P;https://x.org;note").unwrap_err();
        assert!(
            e.to_string()
                .contains("6 fields separated by `;`, at most 5"),
            "{e}"
        );
        assert!(signatory("A;B;KAZ;extra").is_err());
    }

    #[test]
    fn prompts_give_the_register_own_states() {
        let mut out = Vec::new();
        let mut p = Prompter::new(b"GEO\n\nARM\n\n\n" as &[u8], &mut out);
        let mut draft = Draft {
            title: "T".into(),
            kind: "agreement".into(),
            level: Some("interstate".into()),
            depositary: Some("x".into()),
            signed: DraftSigned {
                date: "2024-08-08".into(),
                ..Default::default()
            },
            status: "signed".into(),
            sources: vec![source("S").unwrap()],
            ..Default::default()
        };
        ask_missing(&mut draft, &mut p, &["GEO".into(), "ARM".into()]).unwrap();
        let asked = String::from_utf8(out).unwrap();
        assert!(
            asked.contains("Party 1, state code (ISO 3166-1 alpha-3, e.g. GEO, ARM)"),
            "{asked}"
        );
        assert!(!asked.contains("KAZ"), "{asked}");
        assert_eq!(draft.parties.len(), 2);
    }

    #[test]
    fn yaml_is_in_format_order_with_modeline() {
        let draft = Draft {
            id: "A-1".into(),
            title: "T".into(),
            kind: "agreement".into(),
            parties: vec![party("KAZ").unwrap(), party("UZB").unwrap()],
            signed: DraftSigned {
                date: "2024-08-08".into(),
                ..Default::default()
            },
            status: "signed".into(),
            sources: vec![source("S").unwrap()],
            ..Default::default()
        };
        assert_eq!(
            to_yaml(&draft),
            format!(
                "{MODELINE}id: A-1\ntitle: T\ntype: agreement\nparties:\n- state: KAZ\n- state: UZB\nsigned:\n  date: 2024-08-08\nstatus: signed\nsources:\n- title: S\n"
            )
        );
    }
}

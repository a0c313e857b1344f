//! The folder a department sends the Treaty Section of the United Nations
//! to register an instrument under Article 102 of the Charter
//! (`treaty-register registration ID`): the certifying statement the
//! Regulations to give effect to Article 102 ask for (art. 5: the text is
//! a true and complete copy with every reservation; for each party, the
//! date and method of entry into force), the same data as JSON, and the
//! instrument's text files with their digests. The register knows all of
//! it; typed by hand, it is typed with mistakes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::locale::Locale;
use crate::publish::render::{self, InstrumentContext, RegisterContext, Text, Tool};
use crate::register::date::PartialDate;
use crate::register::excerpt::Excerpt;
use crate::register::lifecycle;
use crate::register::model::{ActionKind, FileKind, Instrument, Status};

use super::Issue;
use super::paper::{Document, Paper};

/// The template of the certifying statement.
pub const TEMPLATE: &str = "documents/certifying-statement.typ.j2";
/// What `build.json` calls it.
pub const KIND: &str = "certifying statement";
/// The statement's file in the folder.
pub const PDF: &str = "certifying-statement.pdf";
/// The machine-readable data in the folder.
pub const JSON: &str = "registration.json";
/// The digests of the folder's files, for `sha256sum -c`.
pub const SUMS: &str = "SHA256SUMS";

/// Why the instrument cannot be registered, citing the rule; `None` when
/// it can. As of the register's date.
pub fn refusal(i: &Instrument, as_of: PartialDate) -> Option<Error> {
    let id = &i.id.value;
    let refuse = |message: String, hint: &str| {
        Some(Error::Refused {
            message,
            hint: Some(hint.to_owned()),
        })
    };
    if let Some(r) = &i.registration {
        return refuse(
            format!(
                "`{id}` is already registered with the Secretariat of the United Nations (No. {} of {}), and an \
                 instrument is registered once (Regulations to give effect to Article 102 of the Charter, art. 1)",
                r.number, r.date.value
            ),
            "a later act concerning it (an accession, a denunciation) is registered as subsequent action, by a \
             certified statement (art. 2)",
        );
    }
    let status = lifecycle::status(i, as_of);
    if !matches!(status, Status::InForce | Status::ProvisionallyApplied) {
        return refuse(
            format!(
                "`{id}` is not in force nor provisionally applied on {as_of} (its status: {status}), and an \
                 instrument is registered once it has come into force between two or more of its parties \
                 (Regulations to give effect to Article 102 of the Charter, art. 1(2))"
            ),
            if status == Status::Signed {
                "record its entry into force, or its provisional application, with `treaty-register record`, \
                 then prepare the registration"
            } else {
                "an instrument that is no longer in force, or was never a binding agreement, is not registered"
            },
        );
    }
    if !i.registrable() {
        return refuse(
            format!(
                "`{id}` is a {} that Article 102 of the Charter does not ask to register: the Article concerns \
                 treaties and international agreements",
                i.kind.label()
            ),
            "statements, declarations, programmes, memoranda and agreements between agencies are not treaties or \
             international agreements as a rule; if this one is, set `registrable: true` in its entry",
        );
    }
    if texts(i).next().is_none() {
        return refuse(
            format!(
                "`{id}` has no text attached, and the registering party sends a certified true and complete copy \
                 of the text in all the languages in which it was concluded (Regulations to give effect to \
                 Article 102 of the Charter, art. 5)"
            ),
            "put the text under register/files/ and list it in the entry as `files: [{path: files/…, kind: text}]`",
        );
    }
    languages_refusal(i)
}

/// The statement certifies the text "in all the languages in which it was
/// concluded": refused unless those languages are recorded and each has a
/// text file that says it holds it.
fn languages_refusal(i: &Instrument) -> Option<Error> {
    let id = &i.id.value;
    let art5 = "(Regulations to give effect to Article 102 of the Charter, art. 5)";
    if i.languages.is_empty() {
        return Some(Error::Refused {
            message: format!(
                "the authentic languages of `{id}` are not recorded, and the statement certifies its text in all \
                 the languages in which it was concluded {art5}"
            ),
            hint: Some(
                "record them in the entry, e.g. `languages: [en, ru]`, and say which each text file holds \
                 (`languages: [en]` in its `files` item)"
                    .into(),
            ),
        });
    }
    let held: Vec<&str> = texts(i)
        .flat_map(|f| f.languages.iter().map(String::as_str))
        .collect();
    let missing: Vec<&str> = i
        .languages
        .iter()
        .map(String::as_str)
        .filter(|l| !held.contains(l))
        .collect();
    (!missing.is_empty()).then(|| Error::Refused {
        message: format!(
            "`{id}` was concluded in {}, and no text file attached says it holds the {} text; the registering \
             party sends the text in all the languages in which it was concluded {art5}",
            i.languages.join(", "),
            missing.join(", ")
        ),
        hint: Some(format!(
            "attach the {} text with `kind: text`, and give each text file the languages it holds, e.g. \
             `languages: [{}]`",
            missing.join(", "),
            missing[0]
        )),
    })
}

/// The instrument's text files (`kind: text`).
fn texts(i: &Instrument) -> impl Iterator<Item = &crate::register::model::Attachment> {
    i.files.iter().filter(|f| f.kind == Some(FileKind::Text))
}

/// How and when the instrument came into force (or is applied) for one
/// party, as the statement and the JSON give it.
#[derive(Debug, Clone, Serialize)]
pub struct PartyEntry {
    /// ISO 3166-1 alpha-3.
    pub state: String,
    /// `YYYY-MM-DD` (or less precise, as recorded); none where not in force.
    pub date: Option<String>,
    /// The act by which: `ratification`, `accession`, …, `signature`,
    /// `provisional-application`; none where the register does not record it.
    pub method: Option<&'static str>,
    /// Whether it is provisionally applied rather than in force.
    pub provisional: bool,
    /// When its denunciation or withdrawal took effect, where it has left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<String>,
}

/// Each party's date and method of entry into force on `as_of`.
pub fn parties(i: &Instrument, as_of: PartialDate) -> Vec<PartyEntry> {
    i.parties
        .iter()
        .map(|p| party_entry(i, &p.state, as_of))
        .collect()
}

fn party_entry(i: &Instrument, state: &str, as_of: PartialDate) -> PartyEntry {
    let own = |pred: &dyn Fn(ActionKind) -> bool| {
        i.actions
            .iter()
            .filter(|a| a.party.value == state && pred(a.action) && a.date.value.is_by(as_of))
            .min_by_key(|a| a.date.value.last_day())
    };
    let left = own(&|k| k.is_exit())
        .map(|a| a.takes_effect())
        .filter(|d| d.is_by(as_of))
        .map(|d| d.to_string());
    if let Some(date) = lifecycle::in_force_for(i, state, as_of) {
        let method = own(&|k| k.is_consent())
            .or_else(|| own(&|k| k == ActionKind::Signature))
            .map(|a| a.action.as_str());
        return PartyEntry {
            state: state.to_owned(),
            date: Some(date.to_string()),
            method,
            provisional: false,
            left,
        };
    }
    // An entry that records no acts: the instrument's own date, by a
    // method the register does not know.
    if i.actions.is_empty()
        && let Some(date) = lifecycle::general_entry_into_force(i).filter(|d| d.is_by(as_of))
    {
        return PartyEntry {
            state: state.to_owned(),
            date: Some(date.to_string()),
            method: None,
            provisional: false,
            left,
        };
    }
    if let Some(a) =
        own(&|k| k == ActionKind::ProvisionalApplication).filter(|a| a.takes_effect().is_by(as_of))
    {
        return PartyEntry {
            state: state.to_owned(),
            date: Some(a.takes_effect().to_string()),
            method: Some(a.action.as_str()),
            provisional: true,
            left,
        };
    }
    PartyEntry {
        state: state.to_owned(),
        date: None,
        method: None,
        provisional: false,
        left,
    }
}

#[derive(Serialize)]
struct StatementContext {
    register: RegisterContext,
    instrument: InstrumentContext,
    tool: Tool,
    statement: Statement,
}

/// The statement's own lines.
#[derive(Serialize)]
struct Statement {
    /// The register's status date, "31 December 2024".
    as_of: String,
    provisional: bool,
    parties: Vec<PartyLine>,
    /// The text files: name, description and SHA-256.
    texts: Vec<TextFile>,
}

#[derive(Serialize)]
struct PartyLine {
    name: String,
    body: Option<Text>,
    date: Option<String>,
    method: Option<String>,
    /// "denounced with effect from 1 March 2024".
    left: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct TextFile {
    /// Its name in the folder.
    pub name: String,
    /// Its project path.
    pub path: String,
    pub sha256: String,
    pub description: Option<String>,
    /// The languages whose text it holds.
    pub languages: Vec<String>,
}

/// The text files of the entry, with their digests from `issue`.
pub fn text_files(i: &Instrument, issue: &Issue) -> Vec<TextFile> {
    texts(i)
        .map(|f| {
            let path = format!("register/{}", f.path.value);
            TextFile {
                name: f.path.value.rsplit('/').next().unwrap_or("").to_owned(),
                sha256: issue.attachments.get(&path).cloned().unwrap_or_default(),
                path,
                description: f.description.clone(),
                languages: f.languages.clone(),
            }
        })
        .collect()
}

/// The certifying statement's PDF and its Typst source.
pub fn typeset(
    paper: &Paper,
    excerpt: &Excerpt,
    issue: Issue,
    loc: &Locale,
) -> Result<(Vec<u8>, String)> {
    let meta = &excerpt.register.meta;
    let i = excerpt.entry();
    let digests = |path: &str| issue.attachments.get(path).cloned().unwrap_or_default();
    let (register, instrument) =
        render::entry_context(&excerpt.register, &excerpt.id, &digests, loc);
    let source = meta.language.as_str();
    let lines = parties(i, meta.as_of)
        .into_iter()
        .zip(&i.parties)
        .map(|(e, p)| PartyLine {
            name: loc.state(&e.state),
            body: p
                .body
                .as_deref()
                .map(|b| render::in_edition(b, &p.bodies, source, loc)),
            date: e
                .date
                .as_deref()
                .and_then(|d| PartialDate::parse(d).ok())
                .map(|d| loc.date(d)),
            method: e.method.map(|m| loc.keyword("action", m)),
            left: e
                .left
                .as_deref()
                .and_then(|d| PartialDate::parse(d).ok())
                .map(|d| loc.fill("certifying-left", &crate::args!(date = loc.date(d)))),
        })
        .collect();
    let context = StatementContext {
        statement: Statement {
            as_of: loc.date(meta.as_of),
            provisional: lifecycle::status(i, meta.as_of) == Status::ProvisionallyApplied,
            parties: lines,
            // The statement names each file's languages in its own language.
            texts: text_files(i, &issue)
                .into_iter()
                .map(|mut f| {
                    f.languages = f.languages.iter().map(|l| loc.language(l)).collect();
                    f
                })
                .collect(),
        },
        register,
        instrument,
        tool: render::tool(&paper.typst.version),
    };
    paper.typeset(&Document {
        template: TEMPLATE,
        kind: KIND,
        context: &context,
        excerpt,
        loc,
        date: meta.as_of,
        issue,
        pending: None,
    })
}

/// `registration.json`: what the statement says, for the Treaty
/// Section's systems and the department's own.
#[derive(Serialize)]
pub struct Data<'a> {
    pub format: &'static str,
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: &'a BTreeMap<String, String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub concluded: Concluded<'a>,
    pub status: &'static str,
    pub as_of: String,
    pub parties: Vec<PartyEntry>,
    pub authentic_languages: &'a [String],
    /// Reservations, declarations and objections, with their texts.
    pub statements: Vec<StatementData<'a>>,
    pub texts: Vec<TextFile>,
    pub certifying_authority: Option<&'a str>,
    pub entry: EntryData,
    pub certifying_statement: EntryData,
}

#[derive(Serialize)]
pub struct Concluded<'a> {
    pub date: String,
    pub place: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StatementData<'a> {
    pub party: &'a str,
    pub action: &'static str,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regarding: Option<&'a str>,
    pub text: Option<&'a str>,
}

#[derive(Serialize)]
pub struct EntryData {
    pub path: String,
    pub sha256: String,
}

/// `registration.json` for the entry of `excerpt`, whose statement is
/// `statement` (its bytes' SHA-256).
pub fn data<'a>(excerpt: &'a Excerpt, issue: &Issue, statement: &str) -> Data<'a> {
    let i = excerpt.entry();
    let meta = &excerpt.register.meta;
    Data {
        format: "treaty-register-registration/1",
        id: &i.id.value,
        title: i.title.trim(),
        titles: &i.titles,
        kind: i.kind.as_str(),
        concluded: Concluded {
            date: i.signed.date.to_string(),
            place: i.signed.place.as_deref(),
        },
        status: lifecycle::status(i, meta.as_of).as_str(),
        as_of: meta.as_of.to_string(),
        parties: parties(i, meta.as_of),
        authentic_languages: &i.languages,
        statements: i
            .actions
            .iter()
            .filter(|a| a.text.is_some() || a.action.is_labelled() || a.regarding.is_some())
            .map(|a| StatementData {
                party: &a.party.value,
                action: a.action.as_str(),
                date: a.date.value.to_string(),
                label: a.label.as_ref().map(|l| l.value.as_str()),
                regarding: a.regarding.as_ref().map(|r| r.value.as_str()),
                text: a.text.as_deref(),
            })
            .collect(),
        texts: text_files(i, issue),
        certifying_authority: meta.authority.as_deref(),
        entry: EntryData {
            path: i.path.to_string_lossy().replace('\\', "/"),
            sha256: i.sha256.clone(),
        },
        certifying_statement: EntryData {
            path: PDF.to_owned(),
            sha256: statement.to_owned(),
        },
    }
}

//! Recording one act of one party (`record ID ACTION …`), or the UN
//! registration (`record ID registration …`), in an instrument's file
//! without touching anything else in it.
//!
//! The file is edited as text, not re-serialised: the new item is inserted
//! after the last item of `actions` (or `actions:` is appended), so
//! comments, wrapping, quoting and order stay byte for byte. The result is
//! checked with every rule `check` applies before it is written, under the
//! writers' lock of the folder, in one rename ([`super::entry`]): two
//! `record`s on one file at once both land, one after the other.

use std::fmt::Write as _;
use std::path::Path;

use crate::edit::fields::scalar;
use crate::edit::{acts, entry};
use crate::error::Result;
use crate::register::diagnostic::Diagnostic;
use crate::register::load::INSTRUMENTS_DIR;
use crate::register::yaml::{self, Value};

/// One act, as given on the command line (validated after insertion).
#[derive(Debug, Default, Clone)]
pub struct ActDraft {
    pub action: String,
    pub party: String,
    pub date: String,
    pub effective: Option<String>,
    pub reference: Option<String>,
    pub label: Option<String>,
    pub regarding: Option<String>,
    pub text: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// The `registration` block.
#[derive(Debug, Default, Clone)]
pub struct RegistrationDraft {
    pub number: String,
    pub date: String,
    pub by: Option<String>,
    pub citation: Option<String>,
}

/// What to record.
#[derive(Debug, Clone)]
pub enum Change {
    Act(ActDraft),
    Registration(RegistrationDraft),
    /// `correct --act N`: fields of act N changed.
    Correct(usize, acts::Corrections),
    /// `record --remove N`: act N taken out.
    Remove(usize),
}

/// The entry as the change leaves it.
#[derive(Debug, Clone)]
pub struct Edited {
    /// The file as it was.
    pub before: String,
    pub text: String,
    /// The stated `status` the change made redundant and took out:
    /// `(status, line)`.
    pub dropped_status: Option<(String, u32)>,
}

pub use crate::edit::entry::Refusal;

/// The entry's text with `change` made, or why not. `rel` names the file
/// in messages.
pub fn apply(text: &str, change: &Change) -> std::result::Result<String, Refusal> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let top = top_level_keys(text)?;
    match change {
        Change::Act(act) => insert_act(text, &top, act, eol),
        Change::Registration(r) => {
            if let Some((line, _)) = top.iter().find(|(_, k)| k == "registration") {
                return Err(Refusal::Layout(
                    format!("the entry already has a `registration` (line {line})"),
                    "an instrument is registered once; correct the block in the file by hand"
                        .into(),
                ));
            }
            let mut block = format!("registration:{eol}");
            field(&mut block, "  ", "number", &r.number, eol);
            field(&mut block, "  ", "date", &r.date, eol);
            opt_field(&mut block, "  ", "by", &r.by, eol);
            opt_field(&mut block, "  ", "citation", &r.citation, eol);
            Ok(append(text, &block, eol))
        }
        Change::Correct(n, fields) => acts::correct(text, *n, fields),
        Change::Remove(n) => acts::remove(text, *n),
    }
}

/// The file with `change` made, checked and written; returns the new text.
/// With `dry_run`, nothing is written.
pub fn record(
    root: &Path,
    id: &str,
    change: &Change,
    as_of: crate::register::date::PartialDate,
    dry_run: bool,
) -> Result<std::result::Result<Edited, Refusal>> {
    let rel = Path::new(INSTRUMENTS_DIR).join(format!("{id}.yaml"));
    let mut kept = None;
    let outcome = entry::rewrite(root, id, as_of, dry_run, |text| {
        let (edited, with_status) = edit(&rel, text.to_owned(), change)?;
        kept = with_status;
        Ok((edited.text.clone(), edited))
    })?;
    Ok(match (outcome, kept) {
        (Err(Refusal::Problems(text, problems)), Some(with_status)) => Err(Refusal::Problems(
            with_status.clone(),
            on_status_lines(&text, &with_status, problems),
        )),
        (outcome, _) => outcome.map(|(_, _, edited)| edited),
    })
}

/// The problems of a text whose `status:` line was dropped, with their
/// lines moved to the text that keeps it — the layout of the file on
/// disk, where the archivist will look (the dropped lines come before
/// every line that follows them, so a shift by their count is exact).
fn on_status_lines(dropped: &str, with_status: &str, problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let count = |t: &str| t.split('\n').count();
    let removed = count(with_status).saturating_sub(count(dropped));
    let first = first_difference(dropped, with_status);
    problems
        .into_iter()
        .map(|mut d| {
            if let Some(span) = d.span.as_mut()
                && span.line as usize >= first
            {
                span.line += removed as u32;
            }
            d
        })
        .collect()
}

/// The first line (1-based) where the two texts differ.
fn first_difference(a: &str, b: &str) -> usize {
    1 + a.lines().zip(b.lines()).take_while(|(x, y)| x == y).count()
}

/// The change made to `text`, read back where acts were corrected or
/// removed, and with a stated `status` dropped once acts decide it (then
/// also the text that keeps it, for messages).
fn edit(
    rel: &Path,
    before: String,
    change: &Change,
) -> std::result::Result<(Edited, Option<String>), Refusal> {
    let text = before.as_str();
    let new = apply(text, change)?;
    let mut diags = Vec::new();
    let read =
        |t: &str, d: &mut Vec<Diagnostic>| crate::register::load::parse_instrument(rel, t, d);
    let (changed, removed) = match change {
        Change::Correct(n, _) => (Some(*n), None),
        Change::Remove(n) => (None, Some(*n)),
        _ => (None, None),
    };
    if (changed.is_some() || removed.is_some())
        && let Some(old) = read(text, &mut diags)
    {
        if let Some(refusal) = notified(&old, change) {
            return Err(refusal);
        }
        if let Some(refusal) = acts::confirm_acts(&old, &new, rel, changed, removed) {
            return Err(refusal);
        }
    }
    let dropped = read(&new, &mut diags).and_then(|i| {
        let (text, line) = acts::drop_redundant_status(&new, &i)?;
        let stated = i.status.as_ref()?.value.as_str().to_owned();
        Some((text, (stated, line)))
    });
    Ok(match dropped {
        Some((text, dropped)) => (
            Edited {
                text,
                dropped_status: Some(dropped),
                before,
            },
            Some(new),
        ),
        None => (
            Edited {
                text: new,
                dropped_status: None,
                before,
            },
            None,
        ),
    })
}

/// The fields of an act that its depositary notification does not print:
/// the only ones that may change once it is notified.
const UNNOTIFIED_FIELDS: [&str; 2] = ["reference", "note"];

/// Why `change` may not touch a notified act: the notification issued
/// states the act as it was, and its number must never come free.
fn notified(old: &crate::register::model::Instrument, change: &Change) -> Option<Refusal> {
    let (n, verb) = match change {
        Change::Remove(n) => (*n, "removed"),
        Change::Correct(n, fields)
            if fields
                .iter()
                .any(|(name, _)| !UNNOTIFIED_FIELDS.contains(name)) =>
        {
            (*n, "changed")
        }
        _ => return None,
    };
    let act = old.actions.iter().find(|a| a.number as usize == n)?;
    let stored = act.notification.as_ref()?;
    Some(Refusal::Layout(
        format!(
            "act #{n} was notified as {} on {}, and a notified act is not {verb}: the notification states it as it is",
            stored.number, stored.date
        ),
        "record the act that sets it right (a withdrawal, a corrected declaration) with `treaty-register record` \
         and notify that; only `reference` and `note` of a notified act can be corrected"
            .into(),
    ))
}

/// Top-level keys of the entry with their lines (1-based), in file order.
pub(super) fn top_level_keys(text: &str) -> std::result::Result<Vec<(usize, String)>, Refusal> {
    let unreadable = |why: String| {
        Refusal::Layout(
            format!("the entry cannot be read as YAML ({why})"),
            "run `treaty-register check` and correct the file first".into(),
        )
    };
    let node = yaml::parse(text.strip_prefix('\u{FEFF}').unwrap_or(text))
        .map_err(|e| unreadable(e.message))?
        .ok_or_else(|| unreadable("it is empty".into()))?;
    let Value::Map(entries) = &node.value else {
        return Err(unreadable("it is not a mapping of fields".into()));
    };
    Ok(entries
        .iter()
        .filter_map(|(k, _)| match &k.value {
            Value::Scalar { text, .. } => Some((k.span.line as usize, text.clone())),
            _ => None,
        })
        .collect())
}

fn insert_act(
    text: &str,
    top: &[(usize, String)],
    act: &ActDraft,
    eol: &str,
) -> std::result::Result<String, Refusal> {
    let Some((key_line, _)) = top.iter().find(|(_, k)| k == "actions") else {
        let mut block = format!("actions:{eol}");
        block.push_str(&act_item(act, "  ", eol));
        return Ok(append(text, &block, eol));
    };
    let lines = line_starts(text);
    let key_start = lines[key_line - 1];
    let key_end = lines.get(*key_line).copied().unwrap_or(text.len());
    let key_text = &text[key_start..key_end];
    let after_colon = key_text
        .split_once(':')
        .map_or("", |(_, rest)| rest)
        .split(" #")
        .next()
        .unwrap_or("")
        .trim();
    if after_colon == "[]" {
        // An empty flow list becomes a block list with the one item.
        let mut new = String::with_capacity(text.len() + 200);
        new.push_str(&text[..key_start]);
        new.push_str(&key_text.replacen("[]", "", 1).replacen(": ", ":", 1));
        if !new.ends_with('\n') {
            new.push_str(eol);
        }
        new.push_str(&act_item(act, "  ", eol));
        new.push_str(&text[key_end..]);
        return Ok(new);
    }
    if !after_colon.is_empty() {
        return Err(Refusal::Layout(
            "`actions` is written as a flow list (`[…]`) on one line".into(),
            "write it as a block list, one `- party: …` item per act, to record into it".into(),
        ));
    }
    let (at, indent) = end_of_block(text, &lines, *key_line);
    let mut new = String::with_capacity(text.len() + 200);
    new.push_str(&text[..at]);
    if !new.ends_with('\n') {
        new.push_str(eol);
    }
    new.push_str(&act_item(act, &indent, eol));
    new.push_str(&text[at..]);
    Ok(new)
}

/// Byte offsets where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len() || i == 0)
        .collect()
}

/// Where the block under the top-level key on `key_line` ends (just after
/// its last line of content, before trailing blank lines and comments) and
/// how its items are indented.
fn end_of_block(text: &str, lines: &[usize], key_line: usize) -> (usize, String) {
    let line = |n: usize| {
        let start = lines[n];
        let end = lines.get(n + 1).copied().unwrap_or(text.len());
        (start, end, &text[start..end])
    };
    let mut end = line(key_line - 1).1;
    let mut indent = None;
    for n in key_line..lines.len() {
        let (_, line_end, content) = line(n);
        let trimmed = content.trim_end_matches(['\r', '\n']);
        let body = trimmed.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let at_margin = !trimmed.starts_with(' ');
        if at_margin && !body.starts_with('-') {
            break; // the next top-level field
        }
        if at_margin && (body == "---" || body == "...") {
            break;
        }
        if indent.is_none() && body.starts_with('-') {
            indent = Some(trimmed[..trimmed.len() - body.len()].to_owned());
        }
        end = line_end;
    }
    (end, indent.unwrap_or_else(|| "  ".into()))
}

/// `text` with `block` appended on lines of its own.
pub(super) fn append(text: &str, block: &str, eol: &str) -> String {
    let mut new = String::with_capacity(text.len() + block.len() + 2);
    new.push_str(text);
    if !text.is_empty() && !text.ends_with('\n') {
        new.push_str(eol);
    }
    new.push_str(block);
    new
}

/// The act as a block mapping item: `- party: KAZ` then the other fields
/// in the format's order, two spaces further in.
fn act_item(act: &ActDraft, indent: &str, eol: &str) -> String {
    let mut item = format!("{indent}- party: {}{eol}", scalar(&act.party));
    let inner = format!("{indent}  ");
    field(&mut item, &inner, "action", &act.action, eol);
    field(&mut item, &inner, "date", &act.date, eol);
    for (name, value) in [
        ("effective", &act.effective),
        ("reference", &act.reference),
        ("label", &act.label),
        ("regarding", &act.regarding),
        ("text", &act.text),
        ("source", &act.source),
        ("note", &act.note),
    ] {
        opt_field(&mut item, &inner, name, value, eol);
    }
    item
}

pub(super) fn field(out: &mut String, indent: &str, name: &str, value: &str, eol: &str) {
    let _ = write!(out, "{indent}{name}: {}{eol}", scalar(value));
}

fn opt_field(out: &mut String, indent: &str, name: &str, value: &Option<String>, eol: &str) {
    if let Some(v) = value {
        field(out, indent, name, v, eol);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act() -> Change {
        Change::Act(ActDraft {
            action: "ratification".into(),
            party: "KAZ".into(),
            date: "2024-11-20".into(),
            reference: Some("Law No. 123-VIII: \"on ratification\"".into()),
            ..ActDraft::default()
        })
    }

    #[test]
    fn appends_actions_when_there_are_none() {
        let text = "id: A-1 # keep\nsources:\n  - title: S\n";
        assert_eq!(
            apply(text, &act()).unwrap(),
            "id: A-1 # keep\nsources:\n  - title: S\nactions:\n  - party: KAZ\n    action: \
             ratification\n    date: 2024-11-20\n    reference: \"Law No. 123-VIII: \\\"on \
             ratification\\\"\"\n"
        );
    }

    #[test]
    fn inserts_after_the_last_item_keeping_everything_else() {
        let text = "actions:\n- party: UZB   # first\n  action: signature\n  date: 2024-08-08\n\n# later acts go above\nnotes: >-\n  kept\n";
        let new = apply(text, &act()).unwrap();
        assert_eq!(
            new,
            "actions:\n- party: UZB   # first\n  action: signature\n  date: 2024-08-08\n- party: KAZ\n  action: ratification\n  date: 2024-11-20\n  reference: \"Law No. 123-VIII: \\\"on ratification\\\"\"\n\n# later acts go above\nnotes: >-\n  kept\n"
        );
    }

    #[test]
    fn empty_flow_list_becomes_a_block() {
        let text = "actions: []\nnotes: n\n";
        let new = apply(text, &act()).unwrap();
        assert!(new.starts_with("actions:\n  - party: KAZ\n"), "{new}");
        assert!(new.ends_with("notes: n\n"));
        assert!(matches!(
            apply("actions: [{party: KAZ}]\n", &act()),
            Err(Refusal::Layout(..))
        ));
    }

    #[test]
    fn registration_is_added_once() {
        let reg = Change::Registration(RegistrationDraft {
            number: "I-58123".into(),
            date: "2025-03-04".into(),
            by: Some("KAZ".into()),
            citation: None,
        });
        let new = apply("id: A-1", &reg).unwrap();
        assert_eq!(
            new,
            "id: A-1\nregistration:\n  number: I-58123\n  date: 2025-03-04\n  by: KAZ\n"
        );
        assert!(matches!(apply(&new, &reg), Err(Refusal::Layout(..))));
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let new = apply("id: A-1\r\nactions:\r\n  - party: UZB\r\n    action: signature\r\n    date: 2024-08-08\r\n", &act()).unwrap();
        assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
    }
}

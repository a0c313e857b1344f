//! Correcting and removing a recorded act (`correct ID --act N …`,
//! `record ID --remove N`), and dropping a stated `status` that acts have
//! made redundant — all as text edits that keep every other byte.
//!
//! Acts are found by lines, as [`super::record`] inserts them: the items
//! of the top-level `actions` block list, each from its `-` line to its
//! last line of content, and within an item each field from its key to
//! the last line indented deeper. A layout this cannot follow (flow
//! mappings, an item on one line with another) is refused, never guessed
//! at; and every edit is read back ([`confirm_acts`]) so that a text
//! surgery that went wrong is refused rather than written.

use crate::edit::entry::Refusal;
use crate::edit::fields::scalar;
use crate::register::diagnostic::Diagnostic;
use crate::register::load;
use crate::register::model::{Action, Instrument};
use crate::register::yaml::{Node, Value};

/// Fields an act cannot do without: `correct` changes but never removes them.
const REQUIRED: &[&str] = &["party", "action", "date"];

/// One act's lines: bytes `start..end` (whole lines, the last one's line
/// break included), the column its keys start at, and whether it is a
/// flow mapping (`- {party: KAZ, …}`).
#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    keys_at: usize,
    flow: bool,
}

/// A line of the text: its byte range (line break included) and content.
struct Line<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl Line<'_> {
    fn body(&self) -> &str {
        self.text.trim_end_matches(['\r', '\n']).trim_start()
    }
    fn indent(&self) -> usize {
        let t = self.text.trim_end_matches(['\r', '\n']);
        t.len() - t.trim_start_matches(' ').len()
    }
    /// Blank or a comment: neither starts nor ends anything.
    fn is_filler(&self) -> bool {
        let b = self.body();
        b.is_empty() || b.starts_with('#')
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        out.push(Line {
            start,
            end: start + piece.len(),
            text: piece,
        });
        start += piece.len();
    }
    out
}

fn layout(message: String) -> Refusal {
    Refusal::Layout(
        message,
        "write each act as a block mapping (`- party: KAZ` and one field a line), or make the \
         change in the file by hand"
            .into(),
    )
}

/// The bytes of the whole `actions` field, its key line to its last item.
type Block = Option<(usize, usize)>;

/// The items of the top-level `actions` list, in file order.
fn items(text: &str) -> Result<(Vec<Item>, Block), Refusal> {
    let all = lines(text);
    let Some(key) = all.iter().position(|l| {
        l.indent() == 0 && (l.body().starts_with("actions:") || l.body() == "actions")
    }) else {
        return Ok((Vec::new(), None));
    };
    let mut items: Vec<Item> = Vec::new();
    let mut item_indent = None;
    let mut block_end = all[key].end;
    for (n, line) in all.iter().enumerate().skip(key + 1) {
        if line.is_filler() {
            continue;
        }
        let indent = line.indent();
        if indent == 0 && !line.body().starts_with('-') {
            break; // the next top-level field
        }
        let dash = line.body().starts_with('-');
        let is_item = dash && item_indent.is_none_or(|i| i == indent);
        if is_item {
            item_indent = Some(indent);
            let after_dash = line.body()[1..].trim_start();
            if after_dash.starts_with('[') {
                return Err(layout(format!(
                    "act #{} (line {}) is written as a list",
                    items.len() + 1,
                    n + 1
                )));
            }
            let keys_at = if after_dash.is_empty() {
                next_content(&all, n).map_or(indent + 2, Line::indent)
            } else {
                indent + (line.body().len() - after_dash.len())
            };
            items.push(Item {
                start: line.start,
                end: line.end,
                keys_at,
                flow: after_dash.starts_with('{'),
            });
        } else if let Some(item) = items.last_mut() {
            item.end = line.end;
        }
        block_end = line.end;
    }
    Ok((items, Some((all[key].start, block_end))))
}

fn next_content<'a, 't>(all: &'a [Line<'t>], after: usize) -> Option<&'a Line<'t>> {
    all[after + 1..].iter().find(|l| !l.is_filler())
}

/// The byte range of field `name` in `item` (its key line to its last
/// line of content), if the item has it.
fn field(text: &str, item: Item, name: &str) -> Option<(usize, usize)> {
    let all = lines(&text[..item.end]);
    let inside: Vec<&Line> = all.iter().filter(|l| l.start >= item.start).collect();
    let key_of = |l: &Line| -> Option<usize> {
        // The column of a key on this line: after `- ` on the item's first
        // line, else the line's indentation.
        let raw = l.text.trim_end_matches(['\r', '\n']);
        let at = if l.start == item.start && raw.trim_start().starts_with('-') {
            item.keys_at
        } else {
            l.indent()
        };
        (at == item.keys_at && raw.get(at..)?.starts_with(&format!("{name}:"))).then_some(at)
    };
    let first = inside.iter().position(|l| key_of(l).is_some())?;
    let mut end = inside[first].end;
    for l in &inside[first + 1..] {
        if l.is_filler() {
            continue;
        }
        if l.indent() <= item.keys_at {
            break;
        }
        end = l.end;
    }
    Some((inside[first].start, end))
}

/// What `correct` changes in one act: field name → new value (empty:
/// leave the field out).
pub type Corrections = Vec<(&'static str, String)>;

/// The entry's text with act `number` (from 1) corrected.
pub fn correct(text: &str, number: usize, changes: &Corrections) -> Result<String, Refusal> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut new = unflow(text, number, eol)?;
    for (name, value) in changes {
        let item = nth(&new, number)?;
        match (field(&new, item, name), value.trim().is_empty()) {
            (Some(_), true) if REQUIRED.contains(name) => {
                return Err(Refusal::Layout(
                    format!("`{name}` cannot be left out of an act"),
                    format!("give --{name} a value"),
                ));
            }
            (Some((start, end)), true) => {
                if start == item.start {
                    return Err(layout(format!(
                        "`{name}` opens act #{number} and cannot be left out here"
                    )));
                }
                new.replace_range(start..end, "");
            }
            (Some((start, end)), false) => {
                // On the item's first line the key follows its `- `.
                let head = if start == item.start {
                    new[start..start + item.keys_at].to_owned()
                } else {
                    " ".repeat(item.keys_at)
                };
                new.replace_range(start..end, &format!("{head}{name}: {}{eol}", scalar(value)));
            }
            (None, true) => {}
            (None, false) => {
                let at = if new[..item.end].ends_with('\n') {
                    item.end
                } else {
                    new.insert_str(item.end, eol);
                    item.end + eol.len()
                };
                let line = format!("{}{name}: {}{eol}", " ".repeat(item.keys_at), scalar(value));
                new.insert_str(at, &line);
            }
        }
    }
    Ok(new)
}

/// The text with act `number`, if written as a flow mapping
/// (`- {party: KAZ, action: signature, date: 2024-08-08}`), rewritten as a
/// block mapping with the same fields in the same order, so that its
/// fields can be corrected one a line. Other acts keep their layout.
fn unflow(text: &str, number: usize, eol: &str) -> Result<String, Refusal> {
    let item = nth(text, number)?;
    if !item.flow {
        return Ok(text.to_owned());
    }
    let source = &text[item.start..item.end];
    let cannot = || {
        layout(format!(
            "act #{number} is a flow mapping this tool cannot rewrite"
        ))
    };
    let node = crate::register::yaml::parse(source)
        .ok()
        .flatten()
        .ok_or_else(cannot)?;
    let Value::Seq(seq) = &node.value else {
        return Err(cannot());
    };
    let Some(Node {
        value: Value::Map(fields),
        ..
    }) = seq.first()
    else {
        return Err(cannot());
    };
    if source.contains('#') && !source.trim_end().ends_with('}') {
        // A comment after the mapping would be lost in the rewrite.
        return Err(cannot());
    }
    let indent = " ".repeat(item.keys_at - 2);
    let mut block = String::new();
    for (n, (key, value)) in fields.iter().enumerate() {
        let (Value::Scalar { text: k, .. }, Value::Scalar { text: v, .. }) =
            (&key.value, &value.value)
        else {
            return Err(cannot());
        };
        let lead = if n == 0 {
            format!("{indent}- ")
        } else {
            format!("{indent}  ")
        };
        block.push_str(&format!("{lead}{k}: {}{eol}", scalar(v)));
    }
    let mut new = text.to_owned();
    new.replace_range(item.start..item.end, &block);
    Ok(new)
}

/// The `number`th act's lines, or a refusal naming how many there are.
fn nth(text: &str, number: usize) -> Result<Item, Refusal> {
    let (items, _) = items(text)?;
    if number == 0 || number > items.len() {
        return Err(Refusal::Layout(
            match items.len() {
                0 => "the entry records no acts".to_owned(),
                1 => format!("there is no act #{number}: the entry records one act"),
                n => format!("there is no act #{number}: the entry records acts #1 to #{n}"),
            },
            "`treaty-register show ID` numbers the acts".into(),
        ));
    }
    Ok(items[number - 1])
}

/// The entry's text without act `number` (from 1); without the `actions`
/// key when it was the only one.
pub fn remove(text: &str, number: usize) -> Result<String, Refusal> {
    let item = nth(text, number)?;
    let (items, block) = items(text)?;
    let mut new = text.to_owned();
    match (items.len(), block) {
        (1, Some((start, end))) => new.replace_range(start..end, ""),
        _ => new.replace_range(item.start..item.end, ""),
    }
    Ok(new)
}

/// The text without its top-level `status:` field, with the line it was
/// on, when the entry's acts decide its status and the stated one is of a
/// kind that is derived (never `adopted`, `expired` or `superseded`).
pub fn drop_redundant_status(text: &str, instrument: &Instrument) -> Option<(String, u32)> {
    let stated = instrument.status.as_ref()?;
    if instrument.actions.is_empty() || crate::register::lifecycle::never_derived(stated.value) {
        return None;
    }
    let all = lines(text);
    let at = all
        .iter()
        .position(|l| l.indent() == 0 && l.body().starts_with("status:"))?;
    let end = all[at + 1..]
        .iter()
        .take_while(|l| l.is_filler() || l.indent() > 0)
        .filter(|l| !l.is_filler())
        .last()
        .map_or(all[at].end, |l| l.end);
    let mut new = text.to_owned();
    new.replace_range(all[at].start..end, "");
    Some((new, stated.span.line))
}

/// Reads `new` back and checks that the edit did what was meant: every act
/// but `changed` (and `removed`, which is gone) reads as before. `None`
/// when it did; a refusal when the text surgery went astray, so that a
/// layout this module misread is never written.
pub fn confirm_acts(
    old: &Instrument,
    new_text: &str,
    rel: &std::path::Path,
    changed: Option<usize>,
    removed: Option<usize>,
) -> Option<Refusal> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let new = load::parse_instrument(rel, new_text, &mut diags)?;
    let key = |a: &Action| serde_json::to_string(a).unwrap_or_default();
    let before: Vec<String> = old
        .actions
        .iter()
        .filter(|a| Some(a.number as usize) != removed && Some(a.number as usize) != changed)
        .map(key)
        .collect();
    let after: Vec<String> = new
        .actions
        .iter()
        .filter(|a| {
            let n = a.number as usize;
            let shifted = removed.is_some_and(|r| n >= r);
            Some(n + usize::from(shifted)) != changed
        })
        .map(key)
        .collect();
    (before != after)
        .then(|| layout("the file's layout of `actions` could not be edited safely".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "id: A-1\nstatus: signed\nactions:\n  - party: KAZ   # first\n    action: signature\n    date: 2024-08-08\n\n  # the second\n  - party: UZB\n    action: signature\n    date: 2024-08-08\n    note: >-\n      two\n      lines\nnotes: n\n";

    #[test]
    fn finds_items_and_fields() {
        let (items, block) = items(TEXT).unwrap();
        assert_eq!(items.len(), 2);
        assert!(TEXT[items[0].start..items[0].end].starts_with("  - party: KAZ"));
        assert!(TEXT[items[0].start..items[0].end].ends_with("date: 2024-08-08\n"));
        assert!(TEXT[items[1].start..items[1].end].ends_with("      lines\n"));
        assert!(TEXT[block.unwrap().0..block.unwrap().1].ends_with("lines\n"));
        let (s, e) = field(TEXT, items[1], "note").unwrap();
        assert_eq!(&TEXT[s..e], "    note: >-\n      two\n      lines\n");
        let (s, e) = field(TEXT, items[0], "party").unwrap();
        assert_eq!(&TEXT[s..e], "  - party: KAZ   # first\n");
    }

    #[test]
    fn corrects_in_place_inserts_and_leaves_out() {
        let new = correct(
            TEXT,
            2,
            &vec![
                ("date", "2024-08-09".into()),
                ("note", "".into()),
                ("reference", "Note No. 5".into()),
            ],
        )
        .unwrap();
        assert_eq!(
            new,
            "id: A-1\nstatus: signed\nactions:\n  - party: KAZ   # first\n    action: signature\n    date: 2024-08-08\n\n  # the second\n  - party: UZB\n    action: signature\n    date: 2024-08-09\n    reference: Note No. 5\nnotes: n\n"
        );
        let new = correct(TEXT, 1, &vec![("party", "TKM".into())]).unwrap();
        assert!(
            new.contains("  - party: TKM\n    action: signature\n"),
            "{new}"
        );
    }

    #[test]
    fn removes_an_item_or_the_whole_block() {
        let new = remove(TEXT, 1).unwrap();
        assert_eq!(
            new,
            "id: A-1\nstatus: signed\nactions:\n\n  # the second\n  - party: UZB\n    action: signature\n    date: 2024-08-08\n    note: >-\n      two\n      lines\nnotes: n\n"
        );
        assert_eq!(
            remove(&new, 1).unwrap(),
            "id: A-1\nstatus: signed\nnotes: n\n"
        );
        assert!(matches!(remove(TEXT, 3), Err(Refusal::Layout(..))));
        assert!(matches!(remove(TEXT, 0), Err(Refusal::Layout(..))));
    }

    #[test]
    fn flow_items_are_removed_or_rewritten_as_blocks() {
        let text = "actions:\n  - {party: KAZ, action: signature, date: 2024-08-08}\n  - {party: UZB, action: signature, date: 2024-08-08}\nnotes: n\n";
        assert_eq!(
            remove(text, 1).unwrap(),
            "actions:\n  - {party: UZB, action: signature, date: 2024-08-08}\nnotes: n\n"
        );
        assert_eq!(
            correct(text, 2, &vec![("note", "Law: No. 5".into())]).unwrap(),
            "actions:\n  - {party: KAZ, action: signature, date: 2024-08-08}\n  - party: UZB\n    action: signature\n    date: 2024-08-08\n    note: \"Law: No. 5\"\nnotes: n\n"
        );
        let list = "actions:\n  - [KAZ, signature]\n";
        assert!(matches!(remove(list, 1), Err(Refusal::Layout(..))));
    }

    #[test]
    fn a_dash_on_its_own_line() {
        let text = "actions:\n-\n  party: KAZ\n  action: signature\n  date: 2024-08-08\n";
        let new = correct(text, 1, &vec![("date", "2024-08-09".into())]).unwrap();
        assert_eq!(
            new,
            "actions:\n-\n  party: KAZ\n  action: signature\n  date: 2024-08-09\n"
        );
    }
}

//! Changing values inside an entry's YAML *as text*: a node is found by
//! its path (`signed.place`, `titles.ru`, or `actions`, item 2, `note`),
//! then a scalar's value is replaced, a key is inserted into its block
//! mapping (creating missing parent mappings), a key is removed, or an
//! item is appended to a block list. Every other byte of the file —
//! comments, quoting, wrapping, line endings, order — stays as it was.
//!
//! Positions come from [`yaml::parse`]: a node knows where it *starts*.
//! Where a value *ends* is found from indentation, as YAML defines it for
//! block collections: an entry of a mapping whose keys stand at column
//! `c` runs until the next line with content at column `c` or less (a
//! `- ` item of a list written flush with its key belongs to that key).
//! Blank lines and comments after the last line of content are not part
//! of it, so a comment above the next key stays with that key.
//!
//! Each change re-parses the text it is given and checks that the value
//! reads back as written, so a layout this module misjudges is refused
//! rather than written. Flow collections (`{…}`, `[…]`) are refused for
//! insertion: the archivist rewrites them as blocks first.

use crate::register::yaml::{self, Node, Value};

/// One step of a path into the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of a key of a mapping.
    Key(&'a str),
    /// The item of a list at this index (from 0).
    Item(usize),
}

/// One item of a list [`Doc::set_list`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    Scalar(&'a str),
    /// A mapping of single values, its keys in this order.
    Map(Vec<(&'a str, &'a str)>),
}

impl Item<'_> {
    fn matches(&self, node: &Node) -> bool {
        let text_of = |n: &Node| match &n.value {
            Value::Scalar { text, .. } => Some(text.clone()),
            _ => None,
        };
        match (self, &node.value) {
            (Item::Scalar(v), _) => text_of(node).as_deref() == Some(v.trim()),
            (Item::Map(fields), Value::Map(entries)) => {
                entries.len() == fields.len()
                    && fields.iter().zip(entries).all(|((k, v), (key, value))| {
                        key_text(key) == *k && text_of(value).as_deref() == Some(v.trim())
                    })
            }
            _ => false,
        }
    }
}

/// Why the text cannot be changed as asked: a message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub message: String,
    pub hint: String,
}

fn layout(message: impl Into<String>, hint: impl Into<String>) -> Layout {
    Layout {
        message: message.into(),
        hint: hint.into(),
    }
}

/// The order of the keys of the mapping at a path, where new keys go; keys
/// not in it are appended after the mapping's last key.
pub type Order<'o> = &'o dyn Fn(&[Step]) -> &'static [&'static str];

/// A parsed entry text with the positions needed to edit it.
pub struct Doc<'t> {
    /// The text without a leading byte order mark, which `bom` keeps.
    text: &'t str,
    bom: &'static str,
    root: Node,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    eol: &'static str,
}

/// Where one `key: value` entry of a block mapping stands in the text.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// 0-based line of the key.
    line: usize,
    /// Column of the key (0-based, in characters: indentation is spaces).
    indent: usize,
    /// Byte offset of the key, and just after the `:` that ends it.
    key_start: usize,
    after_colon: usize,
    /// Byte offset just after the entry's last line of content (before
    /// its line break).
    end: usize,
}

impl<'t> Doc<'t> {
    /// Parses `text`; a file that is not a YAML mapping is refused.
    pub fn parse(text: &'t str) -> Result<Doc<'t>, Layout> {
        let (bom, text) = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => ("\u{FEFF}", rest),
            None => ("", text),
        };
        let unreadable = |why: String| {
            layout(
                format!("the entry cannot be read as YAML ({why})"),
                "run `treaty-register check` and correct the file first",
            )
        };
        let root = yaml::parse(text)
            .map_err(|e| unreadable(e.message))?
            .ok_or_else(|| unreadable("it is empty".into()))?;
        if !matches!(root.value, Value::Map(_)) {
            return Err(unreadable("it is not a mapping of fields".into()));
        }
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Ok(Doc {
            text,
            bom,
            root,
            starts,
            eol,
        })
    }

    /// The line ending the file uses (CRLF if any line has one).
    pub fn eol(&self) -> &'static str {
        self.eol
    }

    /// The node at `path`, if there is one.
    pub fn get(&self, path: &[Step]) -> Option<&Node> {
        path.iter()
            .try_fold(&self.root, |node, step| child(node, *step))
    }

    /// The text with the scalar at `path` (ending in a key) set to
    /// `value`: its value replaced whatever its style, or the key inserted
    /// where `order` puts it, with any missing parent mappings.
    pub fn set(&self, path: &[Step], value: &str, order: Order) -> Result<String, Layout> {
        let new = self.set_unchecked(path, value, order)?;
        // The safety net: the value must read back as given.
        let doc = Doc::parse(&new)?;
        match doc.get(path).map(|n| &n.value) {
            Some(Value::Scalar { text, .. }) if text == value.trim() => Ok(new),
            _ => Err(layout(
                format!(
                    "`{}` could not be written in this file's layout",
                    name(path)
                ),
                "set the value in the file by hand",
            )),
        }
    }

    fn set_unchecked(&self, path: &[Step], value: &str, order: Order) -> Result<String, Layout> {
        let scalar = scalar(value);
        // The deepest mapping on the path that exists, and what is missing below it.
        let mut at = 0;
        let mut node = &self.root;
        let mut null_parent = false;
        while at < path.len() {
            match child(node, path[at]) {
                Some(next) if at + 1 < path.len() && next.is_null() => {
                    null_parent = true;
                    at += 1;
                    break;
                }
                Some(next) => node = next,
                None => break,
            }
            at += 1;
        }
        if at == path.len() && !null_parent {
            if !matches!(node.value, Value::Scalar { .. }) {
                return Err(layout(
                    format!(
                        "`{}` holds {}, not a single value",
                        name(path),
                        node.describe()
                    ),
                    "edit it in the file by hand",
                ));
            }
            return self.replace(path, &scalar);
        }
        let keys: Vec<&str> = path[at..]
            .iter()
            .map(|s| match s {
                Step::Key(k) => Ok(*k),
                Step::Item(n) => Err(layout(
                    format!("`{}` has no item {}", name(&path[..at]), n + 1),
                    "items are added by the commands that record them",
                )),
            })
            .collect::<Result<_, _>>()?;
        let parent = &path[..at];
        if null_parent {
            // `in_force:` with nothing under it: the block goes in its place.
            let entry = self.entry_at(parent)?;
            let block = nested(&keys, &scalar, entry.indent, self.eol);
            return Ok(self.splice(entry.after_colon, entry.end, &block));
        }
        self.insert(parent, node, &keys, &scalar, order)
    }

    /// Replaces the value of the entry at `path` with `scalar`, keeping
    /// the spacing and any comment after a one-line value.
    fn replace(&self, path: &[Step], scalar: &str) -> Result<String, Layout> {
        let entry = self.entry_at(path)?;
        let line_end = self.line_end(entry.line);
        let rest = &self.text[entry.after_colon..line_end];
        let value_start = entry.after_colon + (rest.len() - rest.trim_start().len());
        let on_key_line = !rest.trim().is_empty() && !rest.trim_start().starts_with('#');
        let block_scalar = rest.trim_start().starts_with(['|', '>']);
        if on_key_line && !block_scalar && entry.end == line_end {
            // A one-line value: only it goes; a comment after it stays.
            let end = value_start + one_line_len(&self.text[value_start..line_end]);
            return Ok(self.splice(value_start, end, scalar));
        }
        if on_key_line {
            return Ok(self.splice(value_start, entry.end, scalar));
        }
        Ok(self.splice(entry.after_colon, entry.end, &format!(" {scalar}")))
    }

    /// Inserts `keys` (a key, and the keys of new mappings under it) with
    /// `scalar` at the end into the mapping `map` at `parent`.
    fn insert(
        &self,
        parent: &[Step],
        map: &Node,
        keys: &[&str],
        scalar: &str,
        order: Order,
    ) -> Result<String, Layout> {
        let Value::Map(entries) = &map.value else {
            return Err(layout(
                format!("`{}` holds {}, not fields", name(parent), map.describe()),
                "correct the file first (`treaty-register check`)",
            ));
        };
        if entries.is_empty() || self.is_flow(map) {
            return Err(layout(
                format!("`{}` is written on one line (`{{…}}`)", name(parent)),
                "write it as a block, one `key: value` per line, to change it",
            ));
        }
        let located: Vec<(Entry, &str)> = entries
            .iter()
            .map(|(k, v)| Ok((self.entry(k, v)?, key_text(k))))
            .collect::<Result<_, Layout>>()?;
        let rank = |k: &str| order(parent).iter().position(|o| *o == k);
        let new_rank = rank(keys[0]);
        let before = located
            .iter()
            .filter(|(_, k)| matches!((rank(k), new_rank), (Some(a), Some(b)) if a < b))
            .map(|(e, _)| e)
            .max_by_key(|e| e.end);
        let first = &located[0].0;
        let first_at_margin = self.text[self.starts[first.line]..first.key_start]
            .bytes()
            .all(|b| b == b' ');
        let indent = first.indent;
        let line = format!(
            "{}{}:{}{}",
            " ".repeat(indent),
            keys[0],
            nested(&keys[1..], scalar, indent, self.eol),
            self.eol
        );
        let at = match before {
            None if new_rank.is_some() && first_at_margin => self.starts[first.line],
            None => self.after_line(located.iter().map(|(e, _)| e.end).max().unwrap_or(0)),
            Some(e) => self.after_line(e.end),
        };
        let mut new = String::with_capacity(self.text.len() + line.len() + 2);
        new.push_str(self.bom);
        new.push_str(&self.text[..at]);
        if !new.ends_with('\n') {
            new.push_str(self.eol);
        }
        new.push_str(&line);
        new.push_str(&self.text[at..]);
        Ok(new)
    }

    /// The text without the key at `path` (and its value, and the lines of
    /// a parent mapping it would leave empty); `None` when it is absent.
    pub fn remove(&self, path: &[Step]) -> Result<Option<String>, Layout> {
        if self.get(path).is_none() {
            return Ok(None);
        }
        let parent = &path[..path.len() - 1];
        if let Some(Value::Map(entries)) = self.get(parent).map(|n| &n.value)
            && entries.len() == 1
            && matches!(parent.last(), Some(Step::Key(_)))
        {
            return self.remove(parent);
        }
        let entry = self.entry_at(path)?;
        let start = self.starts[entry.line];
        if !self.text[start..entry.key_start].bytes().all(|b| b == b' ') {
            return Err(layout(
                format!("`{}` is the first field of a list item", name(path)),
                "edit the item in the file by hand",
            ));
        }
        Ok(Some(self.splice(start, self.after_line(entry.end), "")))
    }

    /// The text with a block mapping item of `fields` appended to the
    /// block list at `path`.
    pub fn append_item(&self, path: &[Step], fields: &[(&str, &str)]) -> Result<String, Layout> {
        let list = self.get(path);
        let Some(Node {
            value: Value::Seq(items),
            ..
        }) = list
        else {
            return Err(layout(
                format!("`{}` is not a list", name(path)),
                "correct the file first (`treaty-register check`)",
            ));
        };
        let entry = self.entry_at(path)?;
        let Some(first) = items
            .first()
            .filter(|_| !self.is_flow(list.expect("a list")))
        else {
            return Err(layout(
                format!("`{}` is written on one line (`[…]`)", name(path)),
                "write it as a block list, one `- ` item per line, to add to it",
            ));
        };
        let first_line = &self.text[self.starts[first.span.line as usize - 1]..];
        let dash = first_line.len() - first_line.trim_start_matches(' ').len();
        let mut item = String::new();
        for (n, (key, value)) in fields.iter().enumerate() {
            let lead = if n == 0 { "- " } else { "  " };
            item.push_str(&format!(
                "{}{lead}{key}: {}{}",
                " ".repeat(dash),
                scalar(value),
                self.eol
            ));
        }
        let at = self.after_line(entry.end);
        let mut new = String::with_capacity(self.text.len() + item.len() + 2);
        new.push_str(self.bom);
        new.push_str(&self.text[..at]);
        if !new.ends_with('\n') {
            new.push_str(self.eol);
        }
        new.push_str(&item);
        new.push_str(&self.text[at..]);
        Ok(new)
    }

    /// The text with the top-level `key` holding `items` as a block list
    /// (one `- ` item per line, maps with their keys in the order given),
    /// replacing whatever value it had or inserted where `order` puts it.
    pub fn set_list(&self, key: &str, items: &[Item], order: Order) -> Result<String, Layout> {
        let path = [Step::Key(key)];
        if items.is_empty() {
            return Ok(self.remove(&path)?.unwrap_or_else(|| self.whole()));
        }
        let doc_text;
        let doc = match self.get(&path) {
            Some(_) => self,
            None => {
                // In with a placeholder where the order puts it, then replaced.
                doc_text = self.set(&path, "x", order)?;
                &Doc::parse(&doc_text)?
            }
        };
        let entry = doc.entry_at(&path)?;
        let dash = match doc.get(&path).map(|n| &n.value) {
            Some(Value::Seq(list))
                if !list.is_empty() && !doc.is_flow(doc.get(&path).expect("a list")) =>
            {
                let first = &doc.text[doc.starts[list[0].span.line as usize - 1]..];
                first.len() - first.trim_start_matches(' ').len()
            }
            _ => entry.indent,
        };
        let mut block = String::new();
        for item in items {
            match item {
                Item::Scalar(v) => {
                    block.push_str(&format!("{}{}- {}", doc.eol, " ".repeat(dash), scalar(v)))
                }
                Item::Map(fields) => {
                    for (n, (k, v)) in fields.iter().enumerate() {
                        let lead = if n == 0 { "- " } else { "  " };
                        block.push_str(&format!(
                            "{}{}{lead}{k}: {}",
                            doc.eol,
                            " ".repeat(dash),
                            scalar(v)
                        ));
                    }
                }
            }
        }
        let new = doc.splice(entry.after_colon, entry.end, &block);
        // The safety net: the list must read back as given.
        let back = Doc::parse(&new)?;
        let reads_back = match back.get(&path).map(|n| &n.value) {
            Some(Value::Seq(list)) => {
                list.len() == items.len() && list.iter().zip(items).all(|(n, item)| item.matches(n))
            }
            _ => false,
        };
        if reads_back {
            Ok(new)
        } else {
            Err(layout(
                format!("`{key}` could not be written in this file's layout"),
                "set the list in the file by hand",
            ))
        }
    }

    /// The text as it was, with its byte order mark.
    fn whole(&self) -> String {
        format!("{}{}", self.bom, self.text)
    }

    /// The entry of the key that ends `path`, in its block mapping.
    fn entry_at(&self, path: &[Step]) -> Result<Entry, Layout> {
        let (Some(Step::Key(key)), Some(map)) = (path.last(), self.get(&path[..path.len() - 1]))
        else {
            return Err(layout(format!("`{}` is not a field", name(path)), ""));
        };
        let Value::Map(entries) = &map.value else {
            return Err(layout(format!("`{}` is not a field", name(path)), ""));
        };
        if self.is_flow(map) {
            return Err(layout(
                format!(
                    "`{}` is written on one line (`{{…}}`)",
                    name(&path[..path.len() - 1])
                ),
                "write it as a block, one `key: value` per line, to change it",
            ));
        }
        let (k, v) = entries
            .iter()
            .rev()
            .find(|(k, _)| key_text(k) == *key)
            .expect("the caller found the key");
        self.entry(k, v)
    }

    fn entry(&self, key: &Node, value: &Node) -> Result<Entry, Layout> {
        let line = key.span.line as usize - 1;
        let key_start = self.offset(key.span.line, key.span.column);
        let key_end = self.offset(key.span.line, key.span.column + key.span.len);
        let line_end = self.line_end(line);
        let rest = &self.text[key_end.min(line_end)..line_end];
        let Some(colon) = rest.trim_start_matches(' ').strip_prefix(':') else {
            return Err(layout(
                format!(
                    "the key `{}` on line {} is not followed by `:`",
                    key_text(key),
                    line + 1
                ),
                "write each field as `key: value` on a line of its own",
            ));
        };
        let after_colon = line_end - colon.len();
        let block = matches!(value.value, Value::Scalar { .. })
            && colon.trim_start().starts_with(['|', '>']);
        let indent = key.span.column as usize - 1;
        Ok(Entry {
            line,
            indent,
            key_start,
            after_colon,
            end: self.entry_end(line, indent, block),
        })
    }

    /// Just after the last line of content of the entry whose key is on
    /// `line` at column `indent`.
    fn entry_end(&self, line: usize, indent: usize, block: bool) -> usize {
        let mut end = self.line_end(line);
        for n in line + 1..self.starts.len() {
            let text = &self.text[self.starts[n]..self.line_end(n)];
            let body = text.trim_start_matches(' ');
            if body.trim().is_empty() {
                continue;
            }
            let at = text.len() - body.len();
            let item = at == indent && (body == "-" || body.starts_with("- "));
            if at < indent || (at == indent && !item) {
                if body.starts_with('#') {
                    continue; // a comment at the margin: not content, not an end
                }
                break;
            }
            if body.starts_with('#') && !block {
                continue;
            }
            end = self.line_end(n);
        }
        end
    }

    fn is_flow(&self, node: &Node) -> bool {
        let at = self.offset(node.span.line, node.span.column);
        self.text[at..].starts_with(['{', '['])
    }

    /// Byte offset of 1-based `line` and character `column`.
    fn offset(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.starts.get(line as usize - 1) else {
            return self.text.len();
        };
        let text = &self.text[start..self.line_end(line as usize - 1)];
        start
            + text
                .char_indices()
                .nth(column as usize - 1)
                .map_or(text.len(), |(i, _)| i)
    }

    /// Byte offset of the line break ending 0-based `line` (or of the end).
    fn line_end(&self, line: usize) -> usize {
        match self.starts.get(line + 1) {
            // `next - 1` is the line feed; a carriage return before it is
            // part of the line break too.
            Some(&next)
                if next - 1 > self.starts[line] && self.text.as_bytes()[next - 2] == b'\r' =>
            {
                next - 2
            }
            Some(&next) => next - 1,
            None => self.text.len(),
        }
    }

    /// The start of the line after the one `at` stands on.
    fn after_line(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |n| at + n + 1)
    }

    fn splice(&self, from: usize, to: usize, with: &str) -> String {
        let mut new = String::with_capacity(self.text.len() + with.len());
        new.push_str(self.bom);
        new.push_str(&self.text[..from]);
        new.push_str(with);
        new.push_str(&self.text[to..]);
        new
    }
}

fn child<'n>(node: &'n Node, step: Step) -> Option<&'n Node> {
    match (&node.value, step) {
        (Value::Map(entries), Step::Key(key)) => entries
            .iter()
            .rev()
            .find(|(k, _)| key_text(k) == key)
            .map(|(_, v)| v),
        (Value::Seq(items), Step::Item(n)) => items.get(n),
        _ => None,
    }
}

/// The length of the scalar that starts `line`, without a comment after it.
fn one_line_len(line: &str) -> usize {
    let mut chars = line.char_indices().peekable();
    match chars.next() {
        Some((_, '"')) => {
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => return i + 1,
                    _ => {}
                }
            }
            line.len()
        }
        Some((_, '\'')) => {
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().is_some_and(|(_, c)| *c == '\'') {
                        chars.next();
                    } else {
                        return i + 1;
                    }
                }
            }
            line.len()
        }
        _ => {
            let comment = line.find(" #").or_else(|| line.find("\t#"));
            line[..comment.unwrap_or(line.len())].trim_end().len()
        }
    }
}

fn key_text(key: &Node) -> &str {
    match &key.value {
        Value::Scalar { text, .. } => text,
        _ => "",
    }
}

/// The path as the archivist writes it: `signed.place`, `actions.2.note`
/// (items counted from 1).
pub fn name(path: &[Step]) -> String {
    let parts: Vec<String> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => (*k).to_owned(),
            Step::Item(n) => (n + 1).to_string(),
        })
        .collect();
    parts.join(".")
}

/// What follows `key:` for a value `scalar` under `keys` (new mappings,
/// each two columns further in than the key at `indent`).
fn nested(keys: &[&str], scalar: &str, indent: usize, eol: &str) -> String {
    match keys.split_first() {
        None => format!(" {scalar}"),
        Some((key, rest)) => format!(
            "{eol}{}{key}:{}",
            " ".repeat(indent + 2),
            nested(rest, scalar, indent + 2, eol)
        ),
    }
}

/// A value as a YAML scalar: plain where that reads back as the same text,
/// else double-quoted (JSON's escaping is YAML's).
pub fn scalar(value: &str) -> String {
    let value = value.trim();
    let plain_char = |c: char| c.is_alphanumeric() || " .,;()/'’-–—_".contains(c);
    let special_word = matches!(
        value.to_ascii_lowercase().as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | ""
    );
    let plain = !special_word
        && value.chars().all(plain_char)
        && value.chars().next().is_some_and(|c| c.is_alphanumeric())
        && !value.contains("  ");
    if plain {
        value.to_owned()
    } else {
        serde_json::to_string(value).expect("a string serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(path: &[Step]) -> &'static [&'static str] {
        match path {
            [] => crate::register::decode::INSTRUMENT_FIELDS,
            [Step::Key("signed")] => &["date", "place", "signatories"],
            [Step::Key("in_force")] => &["date", "note"],
            _ => &[],
        }
    }

    fn set(text: &str, path: &[Step], value: &str) -> String {
        Doc::parse(text).unwrap().set(path, value, &order).unwrap()
    }

    #[allow(non_snake_case)]
    fn K(key: &str) -> Step<'_> {
        Step::Key(key)
    }

    #[test]
    fn replaces_values_of_every_style() {
        let text = "id: A-1  # keep\ntitle: >-\n  Old\n  title\n# about type\ntype: \"agreement\" # q\nlevel: 'interstate'\nnotes: plain\n  continued\n";
        assert_eq!(
            set(text, &[K("title")], "New title"),
            "id: A-1  # keep\ntitle: New title\n# about type\ntype: \"agreement\" # q\nlevel: 'interstate'\nnotes: plain\n  continued\n"
        );
        assert_eq!(
            set(text, &[K("type")], "protocol"),
            text.replace("\"agreement\"", "protocol")
        );
        assert_eq!(
            set(text, &[K("level")], "interagency"),
            text.replace("'interstate'", "interagency")
        );
        assert_eq!(
            set(text, &[K("notes")], "a: b"),
            text.replace("plain\n  continued", "\"a: b\"")
        );
        assert_eq!(set(text, &[K("id")], "A-2"), text.replace("A-1", "A-2"));
    }

    #[test]
    fn inserts_in_the_format_order_creating_parents() {
        let text = "id: A-1\ntitle: T\nsigned:\n  date: 2024-08-08\nstatus: signed\nsources:\n  - title: S\n";
        assert_eq!(
            set(text, &[K("signed"), K("place")], "Astana"),
            text.replace("2024-08-08\n", "2024-08-08\n  place: Astana\n")
        );
        assert_eq!(
            set(text, &[K("in_force"), K("date")], "2025-01-01"),
            text.replace(
                "status: signed\n",
                "status: signed\nin_force:\n  date: 2025-01-01\n"
            )
        );
        assert_eq!(
            set(text, &[K("titles"), K("ru")], "Соглашение"),
            text.replace("title: T\n", "title: T\ntitles:\n  ru: Соглашение\n")
        );
        assert_eq!(
            set(
                "id: A\nin_force:\nnotes: n\n",
                &[K("in_force"), K("note")],
                "x"
            ),
            "id: A\nin_force:\n  note: x\nnotes: n\n"
        );
    }

    #[test]
    fn a_list_flush_with_its_key_belongs_to_it() {
        let text = "id: A\nparties:\n- state: KAZ\n- state: UZB\n\n# end\n";
        assert_eq!(
            set(text, &[K("depositary")], "KAZ"),
            "id: A\nparties:\n- state: KAZ\n- state: UZB\ndepositary: KAZ\n\n# end\n"
        );
        let doc = Doc::parse(text).unwrap();
        assert_eq!(
            doc.append_item(
                &[K("parties")],
                &[("state", "TUR"), ("body", "Government of Türkiye")]
            )
            .unwrap(),
            "id: A\nparties:\n- state: KAZ\n- state: UZB\n- state: TUR\n  body: Government of Türkiye\n\n# end\n"
        );
    }

    #[test]
    fn items_of_lists_are_reached_by_index() {
        let text = "actions:\n  - party: KAZ\n    date: 2024\n  - party: UZB\n    date: 2024\n";
        assert_eq!(
            set(text, &[K("actions"), Step::Item(1), K("note")], "n"),
            "actions:\n  - party: KAZ\n    date: 2024\n  - party: UZB\n    date: 2024\n    note: n\n"
        );
        assert_eq!(
            set(text, &[K("actions"), Step::Item(0), K("date")], "2025"),
            text.replacen("2024", "2025", 1)
        );
        let doc = Doc::parse(text).unwrap();
        assert_eq!(
            doc.remove(&[K("actions"), Step::Item(0), K("date")])
                .unwrap()
                .unwrap(),
            "actions:\n  - party: KAZ\n  - party: UZB\n    date: 2024\n"
        );
        assert!(
            doc.remove(&[K("actions"), Step::Item(0), K("party")])
                .is_err()
        );
    }

    #[test]
    fn removes_keys_and_emptied_parents() {
        let text = "id: A\nin_force:\n  note: >-\n    long\n    note\n# kept\nterm:\n  from: 2024\n  to: 2025\n";
        let doc = Doc::parse(text).unwrap();
        assert_eq!(
            doc.remove(&[K("in_force"), K("note")]).unwrap().unwrap(),
            "id: A\n# kept\nterm:\n  from: 2024\n  to: 2025\n"
        );
        assert_eq!(
            doc.remove(&[K("term"), K("to")]).unwrap().unwrap(),
            "id: A\nin_force:\n  note: >-\n    long\n    note\n# kept\nterm:\n  from: 2024\n"
        );
        assert_eq!(doc.remove(&[K("notes")]).unwrap(), None);
    }

    #[test]
    fn crlf_bom_and_no_final_newline_are_kept() {
        let text = "\u{FEFF}id: A\r\ntitle: >-\r\n  Old\r\nsigned:\r\n  date: 2024";
        let new = set(text, &[K("title")], "New");
        assert_eq!(
            new,
            "\u{FEFF}id: A\r\ntitle: New\r\nsigned:\r\n  date: 2024"
        );
        let new = set(&new, &[K("signed"), K("place")], "Astana");
        assert_eq!(
            new,
            "\u{FEFF}id: A\r\ntitle: New\r\nsigned:\r\n  date: 2024\r\n  place: Astana\r\n"
        );
    }

    #[test]
    fn flow_mappings_are_refused_for_insertion() {
        let doc = Doc::parse("id: A\nsigned: {date: 2024}\n").unwrap();
        assert!(doc.set(&[K("signed"), K("place")], "X", &order).is_err());
        let doc = Doc::parse("id: A\nparties: [{state: KAZ}]\n").unwrap();
        assert!(
            doc.append_item(&[K("parties")], &[("state", "UZB")])
                .is_err()
        );
    }

    #[test]
    fn scalars_read_back_as_written() {
        for v in [
            "KAZ",
            "2024-11-20",
            "R1",
            "Law No. 5 (2024)",
            "null",
            "a: b",
            "#x",
            "yes",
            " lead",
            "Закон № 5",
        ] {
            let yaml = format!("v: {}\n", scalar(v));
            let node = yaml::parse(&yaml).unwrap().unwrap();
            let Value::Map(m) = node.value else { panic!() };
            let Value::Scalar { text, plain } = &m[0].1.value else {
                panic!()
            };
            assert_eq!(text, v.trim(), "{yaml}");
            if !plain {
                assert!(yaml.contains('"'));
            }
        }
    }
}

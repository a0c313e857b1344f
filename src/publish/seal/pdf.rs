//! A seal added to a PDF as an incremental update (ISO 32000-1 7.5.6):
//! the bytes before it stay exactly the PDF as typeset, so `verify
//! --rebuild` still compares them byte for byte, and the update adds only
//! what a signature needs and PDF/A-3a and PDF/UA-1 ask of it — the
//! signature dictionary, one invisible widget (`/F` Print, a zero
//! rectangle, `/TU`) that is also the signature field, the `AcroForm`,
//! the page's `/Annots` and `/Tabs /S`, and a `Form` structure element
//! for the widget in the structure tree. The trailer keeps the `/ID`.

use std::fmt::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::error::{Error, Result};

/// The signature's `/Contents` is written over this many hexadecimal
/// zeros per byte reserved.
const BYTE_RANGE_WIDTH: usize = 10;

fn unsealable(message: String) -> Error {
    Error::Signing {
        message: format!("the PDF cannot be sealed: {message}"),
        hint: "a PDF typeset by treaty-register can be; this one may have been changed".into(),
    }
}

/// What a seal says of itself in the PDF.
pub struct Sealing<'a> {
    /// `/M`: "D:20241231120000Z".
    pub time: &'a str,
    /// The widget's `/TU` and the `Form` element's `/Alt`.
    pub description: &'a str,
    /// Bytes reserved for the CMS.
    pub reserve: usize,
}

/// `pdf` with a seal: `sign` gets the SHA-256 of every byte but the
/// signature's and gives the DER CMS.
pub fn seal(
    pdf: &[u8],
    sealing: &Sealing,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let doc =
        Document::load_mem(pdf).map_err(|e| unsealable(format!("not a readable PDF ({e})")))?;
    let prev = startxref(pdf).ok_or_else(|| unsealable("no startxref".into()))?;
    if !pdf[prev..].starts_with(b"xref") {
        return Err(unsealable("its cross-reference table is a stream".into()));
    }
    let mut update = Update::new(&doc)?;
    update.add(&doc, sealing)?;
    // Always one newline before the update, so that the PDF it sealed is
    // exactly the bytes before its first object ([`unsealed`]).
    let mut out = pdf.to_vec();
    out.push(b'\n');
    let contents = update.write(&mut out, &doc, prev, sealing.reserve);
    fill(&mut out, contents, sealing.reserve, sign)?;
    Ok(out)
}

/// The objects the update writes, by number.
struct Update {
    objects: Vec<(ObjectId, Object)>,
    next: u32,
    /// The signature dictionary, written with placeholders.
    sig: ObjectId,
}

impl Update {
    fn new(doc: &Document) -> Result<Update> {
        let size = doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .map_err(|_| unsealable("the trailer has no /Size".into()))?;
        Ok(Update {
            objects: Vec::new(),
            next: u32::try_from(size).unwrap_or(u32::MAX),
            sig: (0, 0),
        })
    }

    fn fresh(&mut self) -> ObjectId {
        self.next += 1;
        (self.next - 1, 0)
    }

    fn add(&mut self, doc: &Document, sealing: &Sealing) -> Result<()> {
        let missing = |what: &str| unsealable(format!("it has no {what}"));
        // The dictionary `key` of `holder` refers to, and its number.
        let referred = |holder: &Dictionary, key: &[u8], what: &str| {
            let id = holder
                .get(key)
                .and_then(Object::as_reference)
                .map_err(|_| missing(what))?;
            let dict = doc.get_dictionary(id).map_err(|_| missing(what))?.clone();
            Ok::<_, Error>((id, dict))
        };
        let (root_id, mut catalog) = referred(&doc.trailer, b"Root", "catalog")?;
        let page_id = *doc.get_pages().get(&1).ok_or_else(|| missing("page"))?;
        let mut page = doc
            .get_dictionary(page_id)
            .map_err(|_| missing("page"))?
            .clone();
        let (tree_id, mut tree) = referred(
            &catalog,
            b"StructTreeRoot",
            "structure tree (it is not tagged)",
        )?;

        let sig = self.fresh();
        self.sig = sig;
        let widget = self.fresh();
        let form = self.fresh();
        let key = tree
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .unwrap_or(0);

        // The signature dictionary: its placeholders are filled in once
        // the file's length is known.
        let sig_dict = Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"Sig".to_vec())),
            ("Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
            ("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
            ("M", Object::string_literal(sealing.time)),
        ]));
        self.objects.push((sig, sig_dict));
        self.objects.push((
            widget,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Widget".to_vec())),
                ("FT", Object::Name(b"Sig".to_vec())),
                ("T", Object::string_literal("Seal")),
                ("TU", text_string(sealing.description)),
                ("V", Object::Reference(sig)),
                ("F", Object::Integer(4)),
                (
                    "Rect",
                    Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
                ),
                ("P", Object::Reference(page_id)),
                ("StructParent", Object::Integer(key)),
            ])),
        ));
        // The widget's place in the structure: a Form element under the
        // document's root element.
        let (parent_id, mut parent) =
            root_element(doc, &tree).ok_or_else(|| missing("root structure element"))?;
        self.objects.push((
            form,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(b"Form".to_vec())),
                ("P", Object::Reference(parent_id)),
                ("Pg", Object::Reference(page_id)),
                ("Alt", text_string(sealing.description)),
                (
                    "K",
                    Object::Dictionary(Dictionary::from_iter([
                        ("Type", Object::Name(b"OBJR".to_vec())),
                        ("Obj", Object::Reference(widget)),
                        ("Pg", Object::Reference(page_id)),
                    ])),
                ),
            ])),
        ));
        let mut kids = match parent.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        kids.push(Object::Reference(form));
        parent.set("K", Object::Array(kids));
        self.objects.push((parent_id, Object::Dictionary(parent)));

        self.parent_tree(doc, &mut tree, key, form);
        tree.set("ParentTreeNextKey", Object::Integer(key + 1));
        self.objects.push((tree_id, Object::Dictionary(tree)));

        let mut annots = match page.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(r)) => doc
                .get_object(*r)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        annots.push(Object::Reference(widget));
        page.set("Annots", Object::Array(annots));
        page.set("Tabs", Object::Name(b"S".to_vec()));
        self.objects.push((page_id, Object::Dictionary(page)));

        let mut fields = match catalog
            .get(b"AcroForm")
            .and_then(|f| resolve(doc, f).as_dict().cloned())
        {
            Ok(form) => form
                .get(b"Fields")
                .and_then(|f| resolve(doc, f).as_array().cloned())
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        };
        fields.push(Object::Reference(widget));
        catalog.set(
            "AcroForm",
            Object::Dictionary(Dictionary::from_iter([
                ("Fields", Object::Array(fields)),
                ("SigFlags", Object::Integer(3)),
            ])),
        );
        self.objects.push((root_id, Object::Dictionary(catalog)));
        Ok(())
    }

    /// Maps `key` to `form` in the structure tree's parent tree: in its
    /// `/Nums`, or in a new leaf after its `/Kids` (keys only grow).
    fn parent_tree(&mut self, doc: &Document, tree: &mut Dictionary, key: i64, form: ObjectId) {
        let (id, mut parent_tree) = match tree.get(b"ParentTree") {
            Ok(Object::Reference(r)) => (
                Some(*r),
                doc.get_dictionary(*r).cloned().unwrap_or_default(),
            ),
            Ok(Object::Dictionary(d)) => (None, d.clone()),
            _ => (None, Dictionary::new()),
        };
        let entry = [Object::Integer(key), Object::Reference(form)];
        if let Ok(kids) = parent_tree.get(b"Kids").and_then(Object::as_array) {
            let leaf = self.fresh();
            self.objects.push((
                leaf,
                Object::Dictionary(Dictionary::from_iter([
                    ("Nums", Object::Array(entry.to_vec())),
                    (
                        "Limits",
                        Object::Array(vec![Object::Integer(key), Object::Integer(key)]),
                    ),
                ])),
            ));
            let mut kids = kids.clone();
            kids.push(Object::Reference(leaf));
            parent_tree.set("Kids", Object::Array(kids));
        } else {
            let mut nums = parent_tree
                .get(b"Nums")
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default();
            nums.extend(entry);
            parent_tree.set("Nums", Object::Array(nums));
        }
        match id {
            Some(id) => self.objects.push((id, Object::Dictionary(parent_tree))),
            None => tree.set("ParentTree", Object::Dictionary(parent_tree)),
        }
    }

    /// Appends the objects, their cross-reference section and the
    /// trailer; the offset of the signature's `/Contents` (its `<`).
    fn write(&self, out: &mut Vec<u8>, doc: &Document, prev: usize, reserve: usize) -> usize {
        let mut contents = 0;
        let mut objects = self.objects.clone();
        objects.sort_by_key(|(id, _)| id.0);
        let mut offsets = Vec::new();
        for (id, object) in &objects {
            offsets.push((id.0, out.len()));
            out.extend_from_slice(format!("{} 0 obj\n", id.0).as_bytes());
            if *id == self.sig {
                contents = signature_dictionary(out, object, reserve);
            } else {
                write_object(out, object);
            }
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = String::from("xref\n");
        let mut i = 0;
        while i < offsets.len() {
            let mut j = i;
            while j + 1 < offsets.len() && offsets[j + 1].0 == offsets[j].0 + 1 {
                j += 1;
            }
            let _ = writeln!(table, "{} {}", offsets[i].0, j - i + 1);
            for (_, at) in &offsets[i..=j] {
                let _ = write!(table, "{at:010} 00000 n\r\n");
            }
            i = j + 1;
        }
        out.extend_from_slice(table.as_bytes());
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(i64::from(self.next)));
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Ok(value) = doc.trailer.get(key) {
                trailer.set(key.to_vec(), value.clone());
            }
        }
        trailer.set("Prev", Object::Integer(prev as i64));
        out.extend_from_slice(b"trailer\n");
        write_object(out, &Object::Dictionary(trailer));
        out.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        contents
    }
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(r) => doc.get_object(*r).unwrap_or(object),
        other => other,
    }
}

/// The structure tree's root element (typst's `Document`), to take the
/// `Form` element as a child.
fn root_element(doc: &Document, tree: &Dictionary) -> Option<(ObjectId, Dictionary)> {
    let first = match tree.get(b"K").ok()? {
        Object::Array(a) => a.first()?.as_reference().ok()?,
        Object::Reference(r) => *r,
        _ => return None,
    };
    Some((first, doc.get_dictionary(first).ok()?.clone()))
}

/// A text string (PDF 7.9.2.2): PDFDocEncoding where ASCII will do, else
/// UTF-16BE with its byte order mark.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::string_literal(text)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    }
}

/// The signature dictionary with room for `/ByteRange` and `/Contents`
/// (`reserve` bytes, as hexadecimal zeros), which [`fill`] writes once the
/// file is complete; the offset of the `<` that opens `/Contents`.
fn signature_dictionary(out: &mut Vec<u8>, object: &Object, reserve: usize) -> usize {
    let mut dict = object.as_dict().cloned().unwrap_or_default();
    dict.remove(b"Contents");
    dict.remove(b"ByteRange");
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        out.push(b'/');
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    let w = BYTE_RANGE_WIDTH;
    out.extend_from_slice(format!("/ByteRange [0 {0:w$} {0:w$} {0:w$}]", "").as_bytes());
    out.extend_from_slice(b"/Contents ");
    let at = out.len();
    out.push(b'<');
    out.resize(out.len() + 2 * reserve, b'0');
    out.extend_from_slice(b">>>");
    at
}

/// Writes the byte range (everything but `/Contents` at `start`) and the
/// signature over it.
fn fill(
    out: &mut [u8],
    start: usize,
    reserve: usize,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>>,
) -> Result<()> {
    let end = start + 2 * reserve + 2; // after the '>'
    let range = format!(
        "/ByteRange [0 {:<w$} {:<w$} {:<w$}]",
        start,
        end,
        out.len() - end,
        w = BYTE_RANGE_WIDTH
    );
    let at = find_last(&out[..start], b"/ByteRange [")
        .ok_or_else(|| unsealable("its byte range was lost".into()))?;
    out[at..at + range.len()].copy_from_slice(range.as_bytes());
    let digest = {
        use sha2_010::Digest;
        let mut h = sha2_010::Sha256::new();
        h.update(&out[..start]);
        h.update(&out[end..]);
        h.finalize().to_vec()
    };
    let cms = sign(&digest)?;
    if cms.len() > reserve {
        return Err(unsealable(format!(
            "its seal is {} bytes, more than the {reserve} reserved",
            cms.len()
        )));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02x}")).collect();
    out[start + 1..start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The PDF a seal of [`seal`] was added to: the bytes before the first
/// object of the last update, less the newline put before it; `None` for
/// a PDF without such an update.
pub fn unsealed(pdf: &[u8]) -> Option<&[u8]> {
    let xref = startxref(pdf)?;
    let table = std::str::from_utf8(pdf.get(xref..)?.split(|&b| b == b't').next()?).ok()?;
    let first = table
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let offset = words.next()?;
            (words.next()? == "00000" && words.next()? == "n")
                .then(|| offset.parse::<usize>().ok())?
        })
        .min()?;
    let prefix = pdf.get(..first.checked_sub(1)?)?;
    (pdf.get(first - 1) == Some(&b'\n') && is_seal_update(&pdf[prefix.len()..])).then_some(prefix)
}

/// Whether `tail` is one incremental update that adds a PAdES seal and no
/// stream.
pub fn is_seal_update(tail: &[u8]) -> bool {
    let has = |needle: &[u8]| tail.windows(needle.len()).any(|w| w == needle);
    let eofs = tail.windows(5).filter(|w| *w == b"%%EOF").count();
    eofs == 1 && has(b"/ETSI.CAdES.detached") && !has(b"stream")
}

/// The offset `startxref` names.
pub fn startxref(pdf: &[u8]) -> Option<usize> {
    let tail = &pdf[pdf.len().saturating_sub(1024)..];
    let at = find_last(tail, b"startxref")?;
    let rest = std::str::from_utf8(&tail[at + 9..]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    for &b in name {
        if b.is_ascii_graphic() && !b"#/()<>[]{}%".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

/// One object in PDF syntax; strings as hexadecimal, so no byte of a
/// value needs escaping.
fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => {
            let text = format!("{r:.6}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            out.extend_from_slice(if text.is_empty() || text == "-" {
                b"0"
            } else {
                text.as_bytes()
            });
        }
        Object::Name(n) => {
            out.push(b'/');
            write_name(out, n);
        }
        Object::String(s, _) => {
            out.push(b'<');
            for b in s {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict.iter() {
                out.push(b'/');
                write_name(out, key);
                out.push(b' ');
                write_object(out, value);
            }
            out.extend_from_slice(b">>");
        }
        Object::Reference((n, g)) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
        // The update writes no streams: the objects it changes are dictionaries.
        Object::Stream(_) => out.extend_from_slice(b"null"),
    }
}

//! Akoma Ntoso 3.0 (OASIS LegalDocML): each instrument as a
//! `<doc name="treaty">` — FRBR identification, a `<lifecycle>` of its
//! signature, acts and entry into force, `<references>` naming each party
//! as a `TLCOrganization`, and the entry's fields in `<mainBody>` (its
//! titles in other languages, term and relations among them). Written
//! by `export --format akn`.
//!
//! XML comes from quick-xml's writer, which escapes every attribute and
//! text: a register value is never markup here either. Akoma Ntoso dates
//! are full dates; a date the register knows only to the month or year
//! stands for its first day, and says so (`FRBRdate name`, `showAs`).

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event as Xml};

use crate::publish::events::{self, Event, What};
use crate::publish::locale::Locale;
use crate::publish::render::{InstrumentContext, Text};
use crate::publish::web::feeds::xml_text;
use crate::register::codes;
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::{Instrument, Register};

const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The country of the URIs: the state keeping the register (ISO 3166-1
/// alpha-2, lower case), or `zz` (ISO 3166's code for an unknown country)
/// where `register.yaml` names none.
pub fn country(register: &Register) -> String {
    register
        .meta
        .state
        .as_deref()
        .and_then(codes::country_alpha2)
        .map_or_else(|| "zz".to_owned(), str::to_lowercase)
}

/// The Work URI: `/akn/<country>/doc/treaty/<date>/<id>`, under
/// `base_url` where there is one.
fn work(i: &Instrument, register: &Register) -> String {
    let path = format!(
        "akn/{}/doc/treaty/{}/{}",
        country(register),
        i.signed.date,
        i.id.value
    );
    match &register.meta.base_url {
        Some(base) => format!("{base}{path}"),
        None => format!("/{path}"),
    }
}

type W = Writer<Vec<u8>>;
type R = std::io::Result<()>;

/// The instrument as an Akoma Ntoso document.
pub fn document(
    page: &InstrumentContext,
    i: &Instrument,
    register: &Register,
    loc: &Locale,
) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written: R = (|| {
        w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("akomaNtoso")
            .with_attribute(("xmlns", NAMESPACE))
            .write_inner_content(|w| {
                w.create_element("doc")
                    .with_attribute(("name", "treaty"))
                    .write_inner_content(|w| {
                        meta(w, i, register, loc)?;
                        main_body(w, page, loc)
                    })?;
                Ok(())
            })?;
        Ok(())
    })();
    written.expect("XML writes to memory");
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

fn meta(w: &mut W, i: &Instrument, register: &Register, loc: &Locale) -> R {
    let work = work(i, register);
    // The Expression is this document: the entry as the register words
    // it, in the register's language (not the treaty's authentic texts,
    // which the register describes but does not hold).
    let lang3 = codes::language_alpha3(&register.meta.language).unwrap_or("mul");
    let expression = format!("{work}/{lang3}@");
    let signed = i.signed.date;
    let inferred = i.is_inferred(crate::register::model::InferredField::SignedDate);
    let as_of = register.meta.as_of;
    w.create_element("meta").write_inner_content(|w| {
        w.create_element("identification")
            .with_attribute(("source", "#register"))
            .write_inner_content(|w| {
                frbr(w, "FRBRWork", &format!("{work}/!main"), &work, |w| {
                    empty(
                        w,
                        "FRBRalias",
                        &[("value", &i.id.value), ("name", "id_local")],
                    )?;
                    frbr_date(w, signed, inferred)?;
                    empty(w, "FRBRauthor", &[("href", "#register")])?;
                    empty(w, "FRBRcountry", &[("value", &country(register))])?;
                    empty(w, "FRBRnumber", &[("value", &i.id.value)])?;
                    empty(w, "FRBRname", &[("value", "treaty")])
                })?;
                frbr(
                    w,
                    "FRBRExpression",
                    &format!("{expression}/!main"),
                    &expression,
                    |w| {
                        frbr_date(w, signed, inferred)?;
                        empty(w, "FRBRauthor", &[("href", "#register")])?;
                        empty(w, "FRBRlanguage", &[("language", lang3)])
                    },
                )?;
                frbr(
                    w,
                    "FRBRManifestation",
                    &format!("{expression}/!main.xml"),
                    &format!("{expression}.akn"),
                    |w| {
                        empty(
                            w,
                            "FRBRdate",
                            &[("date", &as_of.to_string()), ("name", "generation")],
                        )?;
                        empty(w, "FRBRauthor", &[("href", "#register")])
                    },
                )?;
                Ok(())
            })?;
        lifecycle_events(w, i)?;
        references(w, i, register, loc)
    })?;
    Ok(())
}

/// One FRBR level: `this`, `uri`, then `rest`.
fn frbr(w: &mut W, level: &str, this: &str, uri: &str, rest: impl FnOnce(&mut W) -> R) -> R {
    w.create_element(level).write_inner_content(|w| {
        empty(w, "FRBRthis", &[("value", this)])?;
        empty(w, "FRBRuri", &[("value", uri)])?;
        rest(w)
    })?;
    Ok(())
}

/// The signature date: a full date, its first day where the register
/// knows only the month or year, and then its `name` says so.
fn frbr_date(w: &mut W, d: PartialDate, inferred: bool) -> R {
    let (date, full) = first(d);
    let mut name = if full {
        "signature".to_owned()
    } else {
        format!("signature (recorded as {d})")
    };
    if inferred {
        name.push_str(" (inferred)");
    }
    empty(w, "FRBRdate", &[("date", &date), ("name", &name)])
}

/// An empty element with `attrs`, their values as XML admits them.
fn empty(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> R {
    let clean: Vec<(&str, String)> = attrs.iter().map(|(k, v)| (*k, xml_text(v))).collect();
    w.create_element(name)
        .with_attributes(clean.iter().map(|(k, v)| (*k, v.as_str())))
        .write_empty()?;
    Ok(())
}

/// The signature, every act and the entry into force, in date order.
fn lifecycle_events(w: &mut W, i: &Instrument) -> R {
    let mut dated: Vec<(PartialDate, String, String)> = Vec::new();
    for e in events::of(i) {
        dated.push((e.date, e.anchor(), event_name(&e)));
    }
    if let Some(d) = lifecycle::general_entry_into_force(i) {
        dated.push((d, "act-entry-into-force".into(), "entry-into-force".into()));
    }
    dated.sort_by_key(|(d, _, _)| d.first_day());
    w.create_element("lifecycle")
        .with_attribute(("source", "#register"))
        .write_inner_content(|w| {
            // The Work's own first event: its signature or adoption.
            let (signed, _) = first(i.signed.date);
            empty(
                w,
                "eventRef",
                &[
                    ("eId", "evt_signed"),
                    ("date", &signed),
                    ("source", "#register"),
                    ("type", "generation"),
                    ("refersTo", "#event-signed"),
                ],
            )?;
            for (n, (d, anchor, name)) in dated.iter().enumerate() {
                let (date, _) = first(*d);
                let e_id = format!("evt_{}", n + 1);
                let refers = format!("#event-{anchor}");
                let mut attributes = vec![
                    ("eId", e_id.as_str()),
                    ("date", date.as_str()),
                    ("source", "#register"),
                    ("refersTo", refers.as_str()),
                ];
                // Akoma Ntoso's event types are of the text: a consent or
                // an entry into force amends nothing, so it has none; the
                // instrument's termination ends it.
                if name == "termination" {
                    attributes.push(("type", "repeal"));
                }
                empty(w, "eventRef", &attributes)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn first(d: PartialDate) -> (String, bool) {
    let day = d.first_day();
    (
        format!(
            "{:04}-{:02}-{:02}",
            day.year,
            day.month.unwrap_or(1),
            day.day.unwrap_or(1)
        ),
        d.is_full(),
    )
}

fn event_name(e: &Event<'_>) -> String {
    match e.what {
        What::Act(a) => a.action.as_str().to_owned(),
        What::Registration(_) => "registration".to_owned(),
    }
}

/// The register as the source of every statement, each party as a
/// `TLCOrganization`, and each event as a `TLCEvent`.
fn references(w: &mut W, i: &Instrument, register: &Register, loc: &Locale) -> R {
    w.create_element("references")
        .with_attribute(("source", "#register"))
        .write_inner_content(|w| {
            let title = xml_text(&register.meta.title);
            empty(
                w,
                "TLCOrganization",
                &[
                    ("eId", "register"),
                    ("href", "/ontology/organization/treaty-register"),
                    ("showAs", &title),
                ],
            )?;
            for p in &i.parties {
                let code = p.state.to_lowercase();
                empty(
                    w,
                    "TLCOrganization",
                    &[
                        ("eId", &format!("party_{code}")),
                        ("href", &format!("/ontology/organization/{code}.state")),
                        ("showAs", &loc.state(&p.state)),
                    ],
                )?;
            }
            // The recorded date, in brackets where it is inferred (as the
            // register prints it).
            let said = if i.is_inferred(crate::register::model::InferredField::SignedDate) {
                format!("[{}]", i.signed.date)
            } else {
                i.signed.date.to_string()
            };
            empty(
                w,
                "TLCEvent",
                &[
                    ("eId", "event-signed"),
                    ("href", "/ontology/event/signature"),
                    (
                        "showAs",
                        &format!("{} {said}", loc.keyword("action", "signature")),
                    ),
                ],
            )?;
            for e in events::of(i) {
                let label = match e.what {
                    What::Act(a) if i.act_date_inferred(a) => format!(
                        "{}: {} ([{}])",
                        loc.state(&a.party.value),
                        loc.keyword("action", a.action.as_str()),
                        e.date
                    ),
                    What::Act(a) => format!(
                        "{}: {} ({})",
                        loc.state(&a.party.value),
                        loc.keyword("action", a.action.as_str()),
                        e.date
                    ),
                    What::Registration(r) => format!(
                        "{} {} ({})",
                        loc.text("field-registration"),
                        r.number,
                        e.date
                    ),
                };
                empty(
                    w,
                    "TLCEvent",
                    &[
                        ("eId", &format!("event-{}", e.anchor())),
                        ("href", &format!("/ontology/event/{}", event_name(&e))),
                        ("showAs", &label),
                    ],
                )?;
            }
            if let Some(d) = lifecycle::general_entry_into_force(i) {
                let label = format!("{} ({d})", loc.keyword("action", "entry-into-force"));
                empty(
                    w,
                    "TLCEvent",
                    &[
                        ("eId", "event-act-entry-into-force"),
                        ("href", "/ontology/event/entry-into-force"),
                        ("showAs", &label),
                    ],
                )?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The entry's fields as the register prints them (inferred values in
/// brackets, "not recorded" where there is no value), each a labelled
/// paragraph in the register's language, then its acts.
fn main_body(w: &mut W, page: &InstrumentContext, loc: &Locale) -> R {
    let not_recorded = || loc.text("field-not-recorded");
    let parties: Vec<String> = page
        .parties
        .iter()
        .map(|p| match &p.body {
            Some(body) => format!("{} ({}): {}", p.state_name, p.state, body.plain()),
            None => format!("{} ({})", p.state_name, p.state),
        })
        .collect();
    let mut fields: Vec<(String, String)> = vec![
        (loc.text("field-type"), page.kind.clone()),
        (loc.text("field-parties"), parties.join("; ")),
        (page.date_label.clone(), page.signed_on.clone()),
        (
            page.place_label.clone(),
            page.signed_at
                .as_ref()
                .map_or_else(not_recorded, Text::plain),
        ),
        (loc.text("field-status"), page.status.clone()),
        (
            loc.text("field-in-force"),
            page.in_force
                .as_ref()
                .map_or_else(not_recorded, Text::plain),
        ),
        (loc.text("field-registration"), page.registration.clone()),
    ];
    if let Some(term) = &page.term {
        fields.push((loc.text("field-term"), term.clone()));
    }
    fields.extend(
        page.relations
            .iter()
            .map(|r| (loc.text("field-relations"), r.text.clone())),
    );
    let lists = [
        (
            "field-level",
            page.level.iter().cloned().collect::<Vec<_>>(),
        ),
        (
            "field-signatories",
            page.signatories.iter().map(Text::plain).collect(),
        ),
        (
            "field-depositary",
            page.depositary.iter().cloned().collect(),
        ),
        (
            "field-subjects",
            page.subjects.iter().map(Text::plain).collect(),
        ),
        ("field-languages", page.languages.clone()),
    ];
    for (label, values) in lists {
        if !values.is_empty() {
            fields.push((loc.text(label), values.join(", ")));
        }
    }
    // Sentences, each in a paragraph of its own.
    fields.extend(
        page.sources
            .iter()
            .map(|x| (loc.text("field-sources"), x.clone())),
    );
    fields.extend(
        page.notes
            .iter()
            .map(|n| (loc.text("field-notes"), n.plain())),
    );
    fields.extend(page.inferred.iter().map(|x| {
        (
            loc.text("field-inferred"),
            format!("{} — {}", x.what, x.reason),
        )
    }));
    w.create_element("mainBody").write_inner_content(|w| {
        w.create_element("p").write_inner_content(|w| {
            w.create_element("docTitle")
                .write_text_content(BytesText::new(&xml_text(&page.title)))?;
            Ok(())
        })?;
        // The title in the register's other languages, by language name.
        for other in &page.titles {
            labelled(w, None, &other.language, &other.title)?;
        }
        for (label, value) in &fields {
            labelled(w, None, label, value)?;
        }
        for a in &page.acts {
            let line = format!("{}: {}", a.party, a.action);
            labelled(w, Some(&a.anchor), &a.date, &line)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `<p><b>label</b>: value</p>`.
fn labelled(w: &mut W, id: Option<&str>, label: &str, value: &str) -> R {
    let mut p = w.create_element("p");
    if let Some(id) = id {
        p = p.with_attribute(("eId", id));
    }
    p.write_inner_content(|w| {
        w.create_element("b")
            .write_text_content(BytesText::new(&xml_text(label)))?;
        w.write_event(Xml::Text(BytesText::new(&xml_text(&format!(": {value}")))))
    })?;
    Ok(())
}

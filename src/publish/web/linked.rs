//! Linked data of the web edition: each instrument page's JSON-LD, in
//! schema.org's terms and the European Legislation Identifier's
//! (`http://data.europa.eu/eli/ontology#`), and `sitemap.xml` where the
//! register states its `base_url` (a sitemap holds absolute addresses
//! only). The context is inline, so a JSON-LD processor needs no network.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use crate::error::Result;
use crate::publish::events::Uris;
use crate::publish::render::InstrumentContext;
use crate::publish::spool::{self, Spool};
use crate::register::date::PartialDate;
use crate::register::lifecycle;
use crate::register::model::{InferredField, Instrument, Register, RelationKind, Target};

const ELI: &str = "http://data.europa.eu/eli/ontology#";

/// Which instruments change each instrument (`eli:changed_by`), worked
/// out once for the register.
pub struct Graph<'a> {
    changed_by: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Graph<'a> {
    pub fn new(register: &'a Register) -> Graph<'a> {
        let mut changed_by: HashMap<&str, Vec<&str>> = HashMap::new();
        for i in &register.instruments {
            for r in &i.relations {
                if let (Target::Id(target), true) = (&r.target, changes(r.kind)) {
                    changed_by
                        .entry(target.value.as_str())
                        .or_default()
                        .push(&i.id.value);
                }
            }
        }
        Graph { changed_by }
    }
}

/// Relations ELI counts as changes: all but `implements`.
fn changes(kind: RelationKind) -> bool {
    !matches!(kind, RelationKind::Implements)
}

/// The instrument as schema.org/Legislation and eli:LegalResource.
pub fn jsonld(
    page: &InstrumentContext,
    i: &Instrument,
    register: &Register,
    uris: &Uris,
    graph: &Graph<'_>,
) -> Value {
    // Provisional application is not force, partial or whole: the
    // instrument is applied before it enters into force (the page says
    // so), and schema.org has no term for that.
    let force = match page.status_keyword {
        "in-force" => "https://schema.org/InForce",
        _ => "https://schema.org/NotInForce",
    };
    let mut names = vec![json!({"@language": page.title_language, "@value": page.title})];
    names.extend(
        page.titles
            .iter()
            .map(|t| json!({"@language": t.code, "@value": t.title})),
    );
    let id_of = |id: &str| uris.instrument_id(id);
    let changed_by = graph.changed_by.get(i.id.value.as_str());
    let mut node = json!({
        "@context": {
            "@vocab": "https://schema.org/",
            "eli": ELI,
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            // As schema.org's own context has them: the force is a term,
            // the page an address, not text.
            "legislationLegalForce": {"@type": "@id"},
            "url": {"@type": "@id"},
        },
        "@id": uris.instrument(i),
        "@type": ["Legislation", "eli:LegalResource"],
        "legislationIdentifier": page.id,
        "name": names,
        "legislationDate": page.signed_on_iso,
        "legislationType": page.kind,
        "legislationLegalForce": force,
        "inLanguage": page.language_codes,
        "about": page.subjects,
        "legislationJurisdiction": page.parties.iter().map(|p| p.state_name.as_str()).collect::<Vec<_>>(),
        "url": uris.link("../", &format!("instruments/{}.html", page.id)),
        "eli:id_local": page.id,
        "eli:title": names,

        "eli:in_force": {"@id": if page.status_keyword == "in-force" {
            "eli:InForce-inForce"
        } else {
            "eli:InForce-notInForce"
        }},
        "eli:is_realized_by": expressions(page, i, uris),
    });
    let fields = node.as_object_mut().expect("an object");
    // An inferred date of signature is not asserted as the document's date:
    // linked data has no way to mark it, and the page gives it, marked.
    if i.is_inferred(InferredField::SignedDate) {
        fields.remove("legislationDate");
    } else {
        fields.insert("eli:date_document".into(), date(i.signed.date));
    }
    if let Some(d) = lifecycle::first_entry_into_force(i) {
        fields.insert("eli:first_date_entry_in_force".into(), date(d));
    }
    if let Some(d) = lifecycle::terminated_on(i, register.meta.as_of) {
        fields.insert("eli:date_no_longer_in_force".into(), date(d));
    }
    let mut related: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for r in &i.relations {
        if let Target::Id(target) = &r.target {
            let property = match r.kind {
                RelationKind::Implements => "eli:based_on",
                _ => "eli:changes",
            };
            related
                .entry(property)
                .or_default()
                .push(json!({"@id": id_of(&target.value)}));
        }
    }
    if let Some(by) = changed_by {
        related.insert(
            "eli:changed_by",
            by.iter().map(|id| json!({"@id": id_of(id)})).collect(),
        );
    }
    for (property, targets) in related {
        fields.insert(property.into(), targets.into());
    }
    node
}

/// One eli:LegalExpression per authentic language, where they are
/// recorded (none otherwise: nothing is inferred).
fn expressions(page: &InstrumentContext, i: &Instrument, uris: &Uris) -> Vec<Value> {
    i.languages
        .iter()
        .map(|code| {
            let title = page
                .titles
                .iter()
                .find(|t| &t.code == code)
                .map(|t| t.title.as_str())
                .or((&page.title_language == code).then_some(page.title.as_str()));
            let mut e = json!({
                "@id": format!("{}#{code}", uris.instrument(i)),
                "@type": "eli:LegalExpression",
                "eli:language": {"@id": format!("http://id.loc.gov/vocabulary/iso639-1/{code}")},
            });
            if let Some(title) = title {
                e["eli:title"] = json!({"@language": code, "@value": title});
            }
            e
        })
        .collect()
}

/// A date as typed literal: `xsd:date`, or `xsd:gYearMonth` / `xsd:gYear`
/// for a date known to the month or year.
fn date(d: PartialDate) -> Value {
    let kind = match (d.month, d.day) {
        (Some(_), Some(_)) => "xsd:date",
        (Some(_), None) => "xsd:gYearMonth",
        _ => "xsd:gYear",
    };
    json!({"@value": d.to_string(), "@type": kind})
}

/// Addresses in one sitemap file, at most (the protocol's limit).
const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml` of every page under `base`, or with more pages than a
/// sitemap may hold, a sitemap index and `sitemap-N.xml` files.
pub fn sitemap(spool: &Spool, base: &str, pages: &[String]) -> Result<Vec<spool::Entry>> {
    let at = |file: &str| format!("{}/{file}", super::DIR);
    let urlset = |pages: &[String]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for page in pages {
            xml.push_str(&format!("<url><loc>{}</loc></url>\n", escape(base, page)));
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if pages.len() <= SITEMAP_URLS {
        return Ok(vec![
            spool.write(&at("sitemap.xml"), urlset(pages).as_bytes())?,
        ]);
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (k, chunk) in pages.chunks(SITEMAP_URLS).enumerate() {
        let file = format!("sitemap-{}.xml", k + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(base, &file)
        ));
        files.push(spool.write(&at(&file), urlset(chunk).as_bytes())?);
    }
    index.push_str("</sitemapindex>\n");
    files.push(spool.write(&at("sitemap.xml"), index.as_bytes())?);
    Ok(files)
}

/// `base` + `path`, escaped for XML text.
fn escape(base: &str, path: &str) -> String {
    quick_xml::escape::escape(format!("{base}{path}").as_str()).into_owned()
}

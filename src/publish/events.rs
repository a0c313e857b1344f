//! The register's dated events — every act of every instrument, and each
//! United Nations registration — with the identifiers the open data gives
//! them (feeds, `acts.csv`, Akoma Ntoso). One list, built once, so that an
//! act is named alike in every format.
//!
//! An act's key is its instrument, party, action and date
//! (`KZ-UZ-2024-1/UZB/signature/2024-08-08`), and its label where it has
//! one (`…/declaration/2024-08-20/label-d2`), with `/2`, `/3` … for a
//! second and third unlabelled act of one party, action and day: nothing
//! that removing, adding or leaving out (`--as-of`) another act can shift
//! — but for unlabelled acts of one party, action and day, which only
//! their order tells apart — so that a key never passes from one act to
//! another. A corrected date, party, action or label is a new key: the
//! feeds then carry the act anew, dated by the correction. The URIs built from the
//! key are in [`Uris`].

use crate::register::date::PartialDate;
use crate::register::model::{Action, Instrument, Register, Registration};

/// One dated event of an instrument.
pub struct Event<'a> {
    pub instrument: &'a Instrument,
    /// `<ID>/<STATE>/<action>/<date>[/<k>]` or `<ID>/registration`.
    pub key: String,
    pub date: PartialDate,
    pub what: What<'a>,
}

pub enum What<'a> {
    Act(&'a Action),
    Registration(&'a Registration),
}

impl Event<'_> {
    /// The state the event is of, where it is one state's.
    pub fn party(&self) -> Option<&str> {
        match self.what {
            What::Act(a) => Some(&a.party.value),
            What::Registration(_) => None,
        }
    }

    /// The keyword of what happened: the act's `action`, or
    /// `registration`.
    pub fn keyword(&self) -> &'static str {
        match self.what {
            What::Act(a) => a.action.as_str(),
            What::Registration(_) => "registration",
        }
    }

    /// An anchor on the instrument's page: `act-UZB-signature-2024-08-08`.
    pub fn anchor(&self) -> String {
        let tail = self.key.split_once('/').map_or("", |(_, t)| t);
        format!("act-{}", tail.replace('/', "-"))
    }
}

/// Every event of `instrument`, in file order, the registration last.
pub fn of(instrument: &Instrument) -> Vec<Event<'_>> {
    let id = &instrument.id.value;
    let mut seen: std::collections::HashMap<String, u32> = Default::default();
    let mut events: Vec<Event<'_>> = instrument
        .actions
        .iter()
        .map(|a| {
            let mut key = format!(
                "{id}/{}/{}/{}",
                a.party.value,
                a.action.as_str(),
                a.date.value
            );
            // A labelled act is told from its neighbours of the same day by
            // its label, not by its place: removing one of them shifts no
            // other's key. Only unlabelled ones (or labels that read alike)
            // fall back on their order.
            if let Some(label) = a
                .label
                .as_ref()
                .map(|l| slug(&l.value))
                .filter(|s| !s.is_empty())
            {
                key.push_str("/label-");
                key.push_str(&label);
            }
            let k = seen.entry(key.clone()).or_default();
            *k += 1;
            if *k > 1 {
                key.push_str(&format!("/{k}"));
            }
            Event {
                instrument,
                key,
                date: a.date.value,
                what: What::Act(a),
            }
        })
        .collect();
    if let Some(r) = &instrument.registration {
        events.push(Event {
            instrument,
            key: format!("{id}/registration"),
            date: r.date.value,
            what: What::Registration(r),
        });
    }
    events
}

/// Every event of the register, newest first; on one day, in the
/// register's order of instruments and each file's order of acts.
pub fn all(register: &Register) -> Vec<Event<'_>> {
    let mut events: Vec<Event<'_>> = register.instruments.iter().flat_map(of).collect();
    // A stable sort keeps the register's order among equal dates.
    events.sort_by_key(|e| std::cmp::Reverse(e.date.first_day()));
    events
}

/// The date of every `tag:` URI (RFC 4151 asks for one): fixed, so that no
/// corrected value of the register ever changes an identifier.
const TAG_DATE: &str = "2000";

/// The URIs of the open data: absolute from `base_url` where the register
/// states one, else relative links and `tag:` URIs from `id_prefix`.
pub struct Uris {
    base: Option<String>,
    authority: String,
}

impl Uris {
    pub fn new(register: &Register) -> Uris {
        Uris {
            base: register.meta.base_url.clone(),
            authority: tag_authority(&register.meta.id_prefix),
        }
    }

    /// Whether URIs are absolute (`base_url` is set).
    pub fn absolute(&self) -> bool {
        self.base.is_some()
    }

    /// A link to `path` under `out/html/`: absolute with `base_url`, else
    /// relative to a file `root` below it ("" or "../").
    pub fn link(&self, root: &str, path: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}{path}"),
            None => format!("{root}{path}"),
        }
    }

    /// The identifier of an instrument (its work): its page under
    /// `base_url`, else `tag:<id_prefix>,2000:<ID>`.
    pub fn instrument(&self, i: &Instrument) -> String {
        self.instrument_id(&i.id.value)
    }

    /// The same, from the id alone: an entry withdrawn, or left out as of
    /// an earlier date, keeps its identifier.
    pub fn instrument_id(&self, id: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}instruments/{id}.html"),
            None => format!("tag:{},{TAG_DATE}:{id}", self.authority),
        }
    }

    /// The identifier of an event: its anchor on the instrument's page,
    /// else a `tag:` URI under the instrument's.
    pub fn event(&self, e: &Event<'_>) -> String {
        match &self.base {
            Some(_) => format!("{}#{}", self.instrument(e.instrument), e.anchor()),
            None => format!("tag:{},{TAG_DATE}:{}", self.authority, e.key),
        }
    }

    /// The identifier of a feed, from its file under `out/html/`.
    pub fn feed(&self, file: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}{file}"),
            None => format!("tag:{},{TAG_DATE}:{file}", self.authority),
        }
    }
}

/// `id_prefix` as the authority of a `tag:` URI (RFC 4151: a DNS name,
/// so letters, digits, `-` and `.`), lower-cased.
fn tag_authority(prefix: &str) -> String {
    let name: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches(|c| c == '-' || c == '.').to_owned();
    if name.is_empty() {
        "treaty-register".to_owned()
    } else {
        name
    }
}

/// A label as a key's part: letters and digits kept (lower case; other
/// scripts as their code points in hex, so that keys and anchors stay
/// ASCII), anything else one `-`.
fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!("{:x}", u32::from(c)));
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::{slug, tag_authority};

    #[test]
    fn a_prefix_becomes_a_tag_authority() {
        assert_eq!(tag_authority("KZ-UZ-2024"), "kz-uz-2024");
        assert_eq!(tag_authority("MFA/KZ_1"), "mfa-kz-1");
        assert_eq!(tag_authority("__"), "treaty-register");
    }

    #[test]
    fn a_label_becomes_a_key_part() {
        assert_eq!(slug("D2"), "d2");
        assert_eq!(slug("Reservation (a) / art. 5"), "reservation-a-art-5");
        assert_eq!(slug("Д1"), "4341");
        assert_eq!(slug("--"), "");
    }
}

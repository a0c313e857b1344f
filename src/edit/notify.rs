//! Storing a depositary notification's number on its act:
//! `notification: {number, date}` added to act N of the entry's text as
//! `correct` changes an act (a flow mapping is rewritten as a block, every
//! other byte kept); the write itself goes through [`super::entry`], under
//! the folder's lock, like every other write.

use crate::edit::entry::Refusal;
use crate::edit::fields::{Doc, Step};
use crate::register::date::PartialDate;

/// The entry's text with act `number` (from 1) carrying notification
/// `reference` of `date`.
pub fn stamp(
    text: &str,
    number: u32,
    reference: &str,
    date: PartialDate,
) -> Result<String, Refusal> {
    let n = number as usize;
    // Only to have the act as a block mapping, whose lines can take a field.
    let block = super::acts::correct(text, n, &Vec::new())?;
    let order = |path: &[Step]| -> &'static [&'static str] {
        match path {
            [Step::Key("actions"), Step::Item(_)] => crate::register::decode::ACTION_FIELDS,
            [.., Step::Key("notification")] => crate::register::decode::NOTIFICATION_FIELDS,
            _ => &[],
        }
    };
    let refused = |e: crate::edit::fields::Layout| Refusal::Layout(e.message, e.hint);
    let at = |field| {
        [
            Step::Key("actions"),
            Step::Item(n - 1),
            Step::Key("notification"),
            Step::Key(field),
        ]
    };
    let with_number = Doc::parse(&block)
        .map_err(refused)?
        .set(&at("number"), reference, &order)
        .map_err(refused)?;
    Doc::parse(&with_number)
        .map_err(refused)?
        .set(&at("date"), &date.to_string(), &order)
        .map_err(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_act_gets_its_notification_and_the_rest_stays() {
        let text = "id: X\n# a comment\nactions:\n  - {party: KAZ, action: signature, date: 2024-01-02}\n  - party: UZB\n    action: ratification\n    date: 2024-03-04\nnotes: kept\n";
        let d = PartialDate::parse("2024-03-10").unwrap();
        let new = stamp(text, 2, "C.N.1.2024", d).unwrap();
        assert_eq!(
            new,
            "id: X\n# a comment\nactions:\n  - {party: KAZ, action: signature, date: 2024-01-02}\n  - party: UZB\n    action: ratification\n    date: 2024-03-04\n    notification:\n      number: C.N.1.2024\n      date: 2024-03-10\nnotes: kept\n"
        );
        let new = stamp(text, 1, "C.N.2.2024", d).unwrap();
        assert!(new.contains("  - party: KAZ\n    action: signature\n    date: 2024-01-02\n    notification:\n      number: C.N.2.2024\n      date: 2024-03-10\n  - party: UZB\n"), "{new}");
    }
}

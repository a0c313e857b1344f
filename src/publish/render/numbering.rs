//! Where each entry stands in the publication: its number in the register
//! and its volume, and the reference other parts print to it.

use crate::register::model::{Instrument, Register};

use super::types::EntryRef;

/// The Typst label of an entry's block.
pub(super) fn anchor(id: &str) -> String {
    format!("entry-{id}")
}

/// Where each entry stands: its number and, in a register in volumes, its
/// volume. Entries are numbered in id order from 1; a view as of an earlier
/// date keeps each entry's number in the whole register. Volumes hold
/// consecutive runs of the entries shown.
pub(super) struct Numbering<'r> {
    /// Each id's number and its place among the entries shown (0-based).
    numbers: std::collections::HashMap<&'r str, (usize, usize)>,
    volume_size: Option<usize>,
}

impl<'r> Numbering<'r> {
    pub(super) fn new(register: &'r Register, volume_size: Option<usize>) -> Self {
        let numbers = register
            .instruments
            .iter()
            .enumerate()
            .map(|(n, i)| {
                (
                    i.id.value.as_str(),
                    (i.number_in_register.unwrap_or(n + 1), n),
                )
            })
            .collect();
        Numbering {
            numbers,
            volume_size,
        }
    }

    pub(super) fn number(&self, id: &str) -> usize {
        self.numbers[id].0
    }

    fn volume_of(&self, place: usize) -> Option<usize> {
        self.volume_size.map(|size| place / size + 1)
    }

    /// The volume holding entry `id`, if the register is in volumes and
    /// `id` is one of its entries.
    pub(super) fn volume(&self, id: &str) -> Option<usize> {
        self.numbers.get(id).and_then(|(_, p)| self.volume_of(*p))
    }

    pub(super) fn entry_ref(&self, i: &Instrument) -> EntryRef {
        EntryRef {
            number: self.number(&i.id.value),
            id: i.id.value.clone(),
            anchor: anchor(&i.id.value),
            volume: self.volume(&i.id.value),
        }
    }
}

//! Every id ever used in a project, so that none is given out twice: the
//! entry files in `register/instruments/` (withdrawn ones too) and every
//! instrument an archived edition published (`editions/NNNN/manifest.json`),
//! even when its file has since been deleted. A published id may be cited
//! anywhere; reusing it for another instrument would make those citations
//! lie.

use std::collections::BTreeMap;
use std::path::Path;

use crate::audit::editions;
use crate::register::load;

/// Each id ever used, with the latest edition that published it (`None`:
/// only a file has it so far).
pub fn ever_used(root: &Path) -> BTreeMap<String, Option<u32>> {
    let mut ids: BTreeMap<String, Option<u32>> = editions::published_ids(root)
        .into_iter()
        .map(|(id, n)| (id, Some(n)))
        .collect();
    for stem in load::instrument_stems(root) {
        ids.entry(stem).or_insert(None);
    }
    ids
}

/// The edition that published `id`, when its file is gone: the id is
/// retired and may not be given to a new entry.
pub fn retired(root: &Path, id: &str) -> Option<u32> {
    if root
        .join(load::INSTRUMENTS_DIR)
        .join(format!("{id}.yaml"))
        .exists()
    {
        return None;
    }
    editions::published_ids(root).get(id).copied()
}

/// The number after the highest `<prefix>-<digits>` id ever used (at least
/// `after + 1`), and the width its digits are written in (3 at least, more
/// where ids already are wider).
pub fn next_number<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    prefix: &str,
    after: u64,
) -> (u64, usize) {
    let mut highest = after;
    let mut width = 3;
    for id in ids {
        let Some(number) = id.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) else {
            continue;
        };
        if let Ok(n) = number.parse::<u64>()
            && number.bytes().all(|b| b.is_ascii_digit())
        {
            highest = highest.max(n);
            width = width.max(number.len());
        }
    }
    (highest + 1, width)
}

#[cfg(test)]
mod tests {
    use super::next_number;

    #[test]
    fn after_the_highest_of_the_prefix() {
        let ids = ["A-001", "A-007", "B-100", "A-X", "A-0012"];
        assert_eq!(next_number(ids, "A", 0), (13, 4));
        assert_eq!(next_number(ids, "A", 20), (21, 4));
        assert_eq!(next_number([], "A", 0), (1, 3));
        assert_eq!(next_number(["A-1-2"], "A", 0), (1, 3));
    }
}

//! Withdrawing an entry (`withdraw ID --reason T`): the file stays, with a
//! `withdrawn:` block appended, so the entry is still read, checked and
//! hashed into every manifest, and its id stays taken for ever; the
//! publications leave it out of the register's body and list it among the
//! withdrawn entries instead.
//!
//! Like [`super::record`], the file is edited as text (every other byte
//! kept), checked before it is written, under the folder's lock, in one
//! rename ([`super::record::rewrite`]).

use std::path::Path;

use crate::edit::entry::{self, Refusal};
use crate::edit::record::{append, field, top_level_keys};
use crate::error::Result;
use crate::register::date::PartialDate;

/// The entry's text with the `withdrawn` block appended, or why not.
pub fn apply(text: &str, date: &str, reason: &str) -> std::result::Result<String, Refusal> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    if let Some((line, _)) = top_level_keys(text)?.iter().find(|(_, k)| k == "withdrawn") {
        return Err(Refusal::Layout(
            format!("the entry is already withdrawn (`withdrawn:` on line {line})"),
            "an entry is withdrawn once; correct the block in the file by hand".into(),
        ));
    }
    let mut block = format!("withdrawn:{eol}");
    field(&mut block, "  ", "date", date, eol);
    field(&mut block, "  ", "reason", reason, eol);
    Ok(append(text, &block, eol))
}

/// Entry `id` withdrawn on `date` for `reason`, checked and written;
/// returns the new text. With `dry_run`, nothing is written.
pub fn withdraw(
    root: &Path,
    id: &str,
    date: &str,
    reason: &str,
    as_of: PartialDate,
    dry_run: bool,
) -> Result<std::result::Result<String, Refusal>> {
    let outcome = entry::rewrite(root, id, as_of, dry_run, |text| {
        apply(text, date, reason).map(|new| (new, ()))
    })?;
    Ok(outcome.map(|(_, new, ())| new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_is_appended_and_the_rest_kept() {
        let text = "id: A-1   # keep\nnotes: >-\n  kept\n";
        assert_eq!(
            apply(text, "2026-12-05", "Entered by mistake; duplicate of A-2").unwrap(),
            "id: A-1   # keep\nnotes: >-\n  kept\nwithdrawn:\n  date: 2026-12-05\n  \
             reason: Entered by mistake; duplicate of A-2\n"
        );
    }

    #[test]
    fn a_reason_that_is_not_plain_is_quoted_and_crlf_kept() {
        let new = apply("id: A-1\r\n", "2026-12-05", "Duplicate: see A-2 #3").unwrap();
        assert_eq!(
            new,
            "id: A-1\r\nwithdrawn:\r\n  date: 2026-12-05\r\n  reason: \"Duplicate: see A-2 #3\"\r\n"
        );
    }

    #[test]
    fn twice_is_refused() {
        let once = apply("id: A-1", "2026-12-05", "mistake").unwrap();
        assert!(matches!(
            apply(&once, "2026-12-06", "again"),
            Err(Refusal::Layout(..))
        ));
    }
}

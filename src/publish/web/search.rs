//! The search index of the web edition, split so that a search loads only
//! what it needs: at 100,000 instruments the whole index is tens of
//! megabytes, but one word's postings and the rows a page shows are a few
//! hundred kilobytes.
//!
//! `search/meta.js` names the shards and the count; each word of the
//! searchable text (folded as `search.js` folds a query: NFKD, accents
//! dropped, lower case, split at anything not a letter or digit) goes to
//! the shard of its first two characters, `search/w-<hex>.js` (or, where
//! that shard would be large, of three or four), with the
//! entries it is in (ascending, delta-encoded); the rows a result list
//! shows are in `search/r-<n>.js`, [`ROWS`] entries each. Every file is a
//! script calling `REGISTER_SEARCH`, so the search works from `file://`,
//! where nothing can be fetched. `<` is escaped in each, so no text can
//! close a script.

use std::collections::BTreeMap;

use icu_normalizer::DecomposingNormalizerBorrowed;

use crate::error::Result;
use crate::publish::render::{InstrumentContext, Text};
use crate::publish::spool::{self, Spool};

/// The folder of the index under `out/html/`.
pub const DIR: &str = "search";
/// Rows per row file: a result page of 100 matches spread over the whole
/// register loads at most 100 of them, each a few kilobytes.
pub const ROWS: usize = 100;

/// Writes the index into `spool`; returns its entries. `language` is the
/// page's: a row's title in another language says which.
pub fn write(
    spool: &Spool,
    instruments: &[InstrumentContext],
    language: &str,
) -> Result<Vec<spool::Entry>> {
    let at = |file: &str| format!("{}/{DIR}/{file}", super::DIR);
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (n, i) in instruments.iter().enumerate() {
        let n = u32::try_from(n).expect("fewer than 4 billion entries");
        let mut words: Vec<String> = words(&searchable(i));
        words.sort();
        words.dedup();
        for word in words {
            postings.entry(word).or_default().push(n);
        }
    }
    let shards = shards(postings);
    let mut files = Vec::new();
    for (key, words) in &shards {
        let postings: BTreeMap<&str, Vec<u32>> = words
            .iter()
            .map(|(w, list)| (w.as_str(), deltas(list)))
            .collect();
        let body = format!(
            "REGISTER_SEARCH.shard({}, {});\n",
            json(&key),
            json(&postings)
        );
        files.push(spool.write(&at(&format!("w-{key}.js")), body.as_bytes())?);
    }
    for (k, chunk) in instruments.chunks(ROWS).enumerate() {
        let rows: Vec<serde_json::Value> = chunk.iter().map(|i| row(i, language)).collect();
        let body = format!("REGISTER_SEARCH.rows({k}, {});\n", json(&rows));
        files.push(spool.write(&at(&format!("r-{k}.js")), body.as_bytes())?);
    }
    let meta = serde_json::json!({
        "total": instruments.len(),
        "rows": ROWS,
        "shards": shards.keys().collect::<Vec<_>>(),
    });
    let body = format!("REGISTER_SEARCH.meta({});\n", json(&meta));
    files.push(spool.write(&at("meta.js"), body.as_bytes())?);
    Ok(files)
}

/// What the search looks in: ids, titles, parties, subjects, statuses,
/// the form, the place, the UN registration and the depositary.
fn searchable(i: &InstrumentContext) -> String {
    let mut text: Vec<String> = vec![i.id.clone(), i.title.clone()];
    text.extend(i.titles.iter().map(|t| t.title.clone()));
    for p in &i.parties {
        text.push(p.state.clone());
        text.push(p.state_name.clone());
        text.extend(p.body.as_ref().map(Text::plain));
    }
    text.extend(i.subjects.iter().map(Text::plain));
    text.extend([
        i.status.clone(),
        i.status_keyword.to_owned(),
        i.kind.clone(),
    ]);
    if i.registration_number.is_some() {
        text.push(i.registration.clone());
    }
    text.extend(i.signed_at.as_ref().map(Text::plain));
    text.extend(i.depositary.clone());
    text.join(" ")
}

/// One row of the list: `[id, number, title, type, parties, signed (ISO),
/// signed, status]`, and the title's language where it is not the page's
/// (as the printed rows' `lang`).
fn row(i: &InstrumentContext, language: &str) -> serde_json::Value {
    let mut row = serde_json::json!([
        i.id,
        i.number,
        i.title,
        i.kind,
        i.party_codes,
        i.signed_on_iso,
        i.signed_on,
        i.status,
    ]);
    if i.title_language != language {
        row.as_array_mut()
            .expect("a row is an array")
            .push(i.title_language.clone().into());
    }
    row
}

/// Apostrophes a word may be written with (Uzbek Latin's ʻ and ʼ, and the
/// ' ‘ ’ a keyboard gives for them): dropped inside words on both sides,
/// so that "Qozog'iston" finds "Qozogʻiston".
const APOSTROPHES: [char; 5] = ['\u{2bb}', '\u{2bc}', '\u{2018}', '\u{2019}', '\''];

/// The words of `text` as `search.js` folds and splits a query: NFKD,
/// combining accents (U+0300–U+036F) and apostrophes dropped, lower case
/// (of the whole text, so a final sigma is `ς` as in JavaScript), split at
/// anything that is not a letter or a digit (`[^\p{L}\p{N}]`).
pub fn words(text: &str) -> Vec<String> {
    use icu_properties::CodePointMapData;
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    let categories = CodePointMapData::<GeneralCategory>::new();
    let word = GeneralCategoryGroup::Letter.union(GeneralCategoryGroup::Number);
    let decomposed = DecomposingNormalizerBorrowed::new_nfkd().normalize(text);
    let folded: String = decomposed
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c) && !APOSTROPHES.contains(c))
        .collect::<String>()
        .to_lowercase();
    folded
        .split(|c: char| !word.contains(categories.get(c)))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A shard's size, roughly, past which it is split by one more character:
/// the first search of a common prefix ("tr" at 100,000 entries, 250 kB)
/// then loads a tenth of it.
const SHARD_BYTES: usize = 32 * 1024;
/// The longest prefix a shard is named by: a shard of four characters is
/// never split, however large.
const SHARD_CHARS: usize = 4;

/// Every word's postings, grouped into shards: by the word's first two
/// characters, and a shard larger than [`SHARD_BYTES`] by one character
/// more (up to [`SHARD_CHARS`]), its words no longer than its prefix
/// staying in it. So the shards of a word `w` are those whose prefix
/// starts `w` or that `w` starts — what `search.js` loads.
fn shards(postings: BTreeMap<String, Vec<u32>>) -> BTreeMap<String, BTreeMap<String, Vec<u32>>> {
    let mut done = BTreeMap::new();
    let mut pending = vec![(2, postings)];
    // Group by `chars` characters; split again what is still too large.
    while let Some((chars, words)) = pending.pop() {
        let mut groups: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
        for (word, list) in words {
            groups
                .entry(shard_of(&word, chars))
                .or_default()
                .insert(word, list);
        }
        for (key, group) in groups {
            let bytes: usize = group.iter().map(|(w, l)| w.len() + 4 * l.len() + 4).sum();
            if bytes <= SHARD_BYTES || chars >= SHARD_CHARS {
                done.insert(key, group);
                continue;
            }
            let (stay, longer): (BTreeMap<_, _>, BTreeMap<_, _>) = group
                .into_iter()
                .partition(|(w, _)| w.chars().count() <= chars);
            if !stay.is_empty() {
                done.insert(key, stay);
            }
            pending.push((chars + 1, longer));
        }
    }
    done
}

/// The shard of a word by its first `chars` characters, as hex code
/// points (`uz` → `75-7a`), a name any file system takes.
pub fn shard_of(word: &str, chars: usize) -> String {
    word.chars()
        .take(chars)
        .map(|c| format!("{:x}", u32::from(c)))
        .collect::<Vec<_>>()
        .join("-")
}

/// Ascending entry numbers as their differences: small numbers, short
/// files.
fn deltas(list: &[u32]) -> Vec<u32> {
    let mut last = 0;
    list.iter()
        .map(|&n| {
            let d = n - last;
            last = n;
            d
        })
        .collect()
}

/// JSON that no text can end a script with.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("the index serializes")
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{deltas, shard_of, shards, words};

    #[test]
    fn words_fold_as_the_page_folds_a_query() {
        assert_eq!(
            words("Ministry of Health, I-59999; Ўзбекистон Élysée"),
            [
                "ministry",
                "of",
                "health",
                "i",
                "59999",
                "узбекистон",
                "elysee"
            ]
        );
        assert_eq!(shard_of("uzbekistan", 2), "75-7a");
        assert_eq!(shard_of("i", 2), "69");
        assert_eq!(deltas(&[0, 3, 4, 10]), [0, 3, 1, 6]);
    }

    #[test]
    fn a_large_shard_is_split_by_one_character_more() {
        // 3,000 words of "tr…", each in 2 entries: over one shard, but a
        // third of them under it.
        let mut postings: BTreeMap<String, Vec<u32>> = (0..3000)
            .map(|n| (format!("tr{}{n}", ["a", "e", "o"][n % 3]), (0..2).collect()))
            .collect();
        postings.insert("tr".into(), vec![1]);
        postings.insert("uz".into(), vec![2]);
        let shards = shards(postings);
        let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
        assert_eq!(keys, ["74-72", "74-72-61", "74-72-65", "74-72-6f", "75-7a"]);
        assert_eq!(shards["74-72"].keys().collect::<Vec<_>>(), ["tr"]);
        assert!(shards["74-72-61"].keys().all(|w| w.starts_with("tra")));
        assert_eq!(shards.values().map(BTreeMap::len).sum::<usize>(), 3002);
        assert_eq!(shards["75-7a"].len(), 1);
    }
}

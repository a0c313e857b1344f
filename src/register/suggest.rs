//! "Did you mean …?": the allowed word closest to a misspelt one, for
//! hints on unknown fields, keywords, codes and ids.

/// The allowed name closest to a misspelt one, if it is close enough to be
/// what was meant.
pub fn closest<'a>(typed: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    allowed
        .iter()
        .map(|a| (edit_distance(&typed, &a.to_lowercase()), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4) && *d < a.len())
        .min()
        .map(|(_, a)| a)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::decode::INSTRUMENT_FIELDS;

    #[test]
    fn suggestions() {
        assert_eq!(closest("sigend", INSTRUMENT_FIELDS), Some("signed"));
        assert_eq!(closest("partys", INSTRUMENT_FIELDS), Some("parties"));
        assert_eq!(closest("Title", INSTRUMENT_FIELDS), Some("title"));
        assert_eq!(closest("colour", INSTRUMENT_FIELDS), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}

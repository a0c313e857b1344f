//! Embedded ISO code lists: ISO 3166-1 alpha-3 for states, ISO 639-1 for
//! languages. Embedded (not read from the system) so that `check` gives the
//! same answer on every machine; regenerate with `scripts/gen-codes.py`.

use std::collections::HashMap;

use super::generated::codes as data;

/// Every ISO 3166-1 alpha-3 code with its short English name, by code.
pub fn countries() -> impl Iterator<Item = (&'static str, &'static str)> {
    data::COUNTRIES.iter().map(|(a3, _, name)| (*a3, *name))
}

/// The short English name of an ISO 3166-1 alpha-3 code, if it is one.
pub fn country_name(code: &str) -> Option<&'static str> {
    let table = data::COUNTRIES;
    let i = table.binary_search_by(|(c, _, _)| (*c).cmp(code)).ok()?;
    Some(table[i].2)
}

/// The state's official English name (`Republic of Kazakhstan`), or its
/// short name where iso-codes gives no other (`Georgia`).
pub fn official_name(code: &str) -> Option<&'static str> {
    let table = data::OFFICIAL_NAMES;
    match table.binary_search_by(|(c, _)| (*c).cmp(code)) {
        Ok(i) => Some(table[i].1),
        Err(_) => country_name(code),
    }
}

/// The English name of an ISO 639-1 code, if it is one.
pub fn language_name(code: &str) -> Option<&'static str> {
    let table = data::LANGUAGES;
    let i = table.binary_search_by(|(c, _, _)| (*c).cmp(code)).ok()?;
    Some(table[i].2)
}

/// The ISO 639-2/T code of an ISO 639-1 code (`en` → `eng`), as Akoma
/// Ntoso names languages.
pub fn language_alpha3(code: &str) -> Option<&'static str> {
    let table = data::LANGUAGES;
    let i = table.binary_search_by(|(c, _, _)| (*c).cmp(code)).ok()?;
    Some(table[i].1)
}

/// The ISO 3166-1 alpha-2 code of an alpha-3 code (`KAZ` → `KZ`).
pub fn country_alpha2(code: &str) -> Option<&'static str> {
    let table = data::COUNTRIES;
    let i = table.binary_search_by(|(c, _, _)| (*c).cmp(code)).ok()?;
    Some(table[i].1)
}

/// The name of a state in language `lang` (a BCP 47 tag: `ru`, `ka`,
/// `pt-BR`) as Debian's iso-codes translates it, if it does.
pub fn country_name_in(lang: &str, code: &str) -> Option<&'static str> {
    translated("state", lang, code)
}

/// The name of a language in language `lang`, where iso-codes translates it.
pub fn language_name_in(lang: &str, code: &str) -> Option<&'static str> {
    translated("language", lang, code)
}

/// `generated/names.tsv`: `kind<TAB>language<TAB>code<TAB>name` lines,
/// indexed the first time a name is asked for.
static NAMES: &str = include_str!("generated/names.tsv");

/// Language → kind → code → name.
type Names = HashMap<&'static str, HashMap<&'static str, HashMap<&'static str, &'static str>>>;

/// The translation of the `kind` (`state`, `language`) `code` into
/// `lang`, else into its primary language (`pt-BR` → `pt`).
fn translated(kind: &str, lang: &str, code: &str) -> Option<&'static str> {
    static INDEX: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = Names::new();
        for line in NAMES.lines() {
            let mut f = line.split('\t');
            if let (Some(k), Some(l), Some(c), Some(n)) = (f.next(), f.next(), f.next(), f.next()) {
                index
                    .entry(l)
                    .or_default()
                    .entry(k)
                    .or_default()
                    .insert(c, n);
            }
        }
        index
    });
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    let find = |l: &str| index.get(l)?.get(kind)?.get(code).copied();
    find(lang).or_else(|| find(primary))
}

/// The languages iso-codes translates state names into (BCP 47 tags).
pub fn translated_languages() -> impl Iterator<Item = &'static str> {
    let mut seen: Vec<&'static str> = NAMES.lines().filter_map(|l| l.split('\t').nth(1)).collect();
    seen.dedup();
    seen.into_iter()
}

/// The alpha-3 code someone probably meant when typing a country name, an
/// alpha-2 code or a lower-case code ("Kazakhstan", "KZ", "kaz"), for a hint.
pub fn country_suggestion(typed: &str) -> Option<&'static str> {
    let upper = typed.trim().to_uppercase();
    data::COUNTRIES
        .iter()
        .find(|(a3, a2, name)| {
            *a3 == upper || *a2 == upper || name.eq_ignore_ascii_case(typed.trim())
        })
        .map(|(a3, _, _)| *a3)
}

/// The ISO 639-1 code someone probably meant ("RU", "Russian", "rus").
pub fn language_suggestion(typed: &str) -> Option<&'static str> {
    let lower = typed.trim().to_lowercase();
    data::LANGUAGES
        .iter()
        .find(|(code, three, name)| {
            *code == lower || *three == lower || name.eq_ignore_ascii_case(typed.trim())
        })
        .map(|(code, _, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_complete() {
        assert!(data::COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(data::LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(data::COUNTRIES.len(), 249);
        assert_eq!(data::LANGUAGES.len(), 184);
        assert_eq!(country_name_in("ka", "GEO"), Some("საქართველო"));
        assert_eq!(country_name_in("pt-BR", "DEU"), Some("Alemanha"));
        assert_eq!(country_name_in("ru", "KAZ"), Some("Казахстан"));
        assert_eq!(language_name_in("ru", "kk"), Some("казахский"));
        assert!(translated_languages().count() > 100);
    }

    #[test]
    fn known_and_unknown_codes() {
        assert_eq!(country_name("KAZ"), Some("Kazakhstan"));
        assert_eq!(country_name("UZB"), Some("Uzbekistan"));
        assert_eq!(country_name("ZWE"), Some("Zimbabwe"));
        assert_eq!(country_name("kaz"), None);
        assert_eq!(country_name("XXX"), None);
        assert_eq!(language_name("kk"), Some("Kazakh"));
        assert_eq!(language_name("uz"), Some("Uzbek"));
        assert_eq!(language_name("ru"), Some("Russian"));
        assert_eq!(language_name("xx"), None);
        assert_eq!(country_name_in("ru", "KAZ"), Some("Казахстан"));
        assert_eq!(country_name_in("kk", "UZB"), Some("Өзбекстан"));
        assert_eq!(country_name_in("uz", "KAZ"), Some("Qozogʻiston"));
        assert_eq!(country_name_in("uz", "RUS"), None);
        assert_eq!(language_name_in("ru", "kk"), Some("казахский"));
    }

    #[test]
    fn suggestions_for_common_mistakes() {
        assert_eq!(country_suggestion("Kazakhstan"), Some("KAZ"));
        assert_eq!(country_suggestion("kaz"), Some("KAZ"));
        assert_eq!(country_suggestion("UZ"), Some("UZB"));
        assert_eq!(country_suggestion("Atlantis"), None);
        assert_eq!(language_suggestion("RU"), Some("ru"));
        assert_eq!(language_suggestion("Kazakh"), Some("kk"));
    }
}

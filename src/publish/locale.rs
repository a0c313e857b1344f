//! The language of an edition: its message catalogue (`locales/<lang>.ftl`,
//! Fluent), its dates, state and language names, and its alphabetical order.
//!
//! Every word the PDF and the web edition print that is not a register value
//! comes from here, so one catalogue per language is the whole translation.
//! Fluent (Mozilla's, used by Firefox) was chosen over gettext-style crates
//! because its messages carry their own grammar: plural categories from
//! CLDR (Russian "1 документ / 2 документа / 5 документов"), and selectors,
//! which the Russian genitive month of a full date needs. Dates are
//! CLDR's long forms through ICU4X's `icu_datetime` for the locale the
//! catalogue's `date-locale` names ("8 августа 2024 г.", "2024 ж. 8 тамыз"),
//! so no language needs month tables or date grammar of its own. Collation
//! is ICU4X's `icu_collator` with CLDR's tailorings (Kazakh ә after а, ғ
//! after г, …), punctuation and quotes ignored at the first levels.

use std::cmp::Ordering;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use icu_calendar::{Date, Gregorian};
use icu_collator::options::{AlternateHandling, CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{Y, YM, YMD};

use std::path::{Path, PathBuf};

use crate::register::codes;
use crate::register::date::PartialDate;

/// The languages an edition can be in, with their catalogues.
pub const CATALOGUES: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en.ftl")),
    ("ru", include_str!("../../locales/ru.ftl")),
    ("kk", include_str!("../../locales/kk.ftl")),
    ("uz", include_str!("../../locales/uz.ftl")),
];

/// Where a project keeps catalogues of its own, `locales/<lang>.ftl`: a
/// language the tool does not ship (`ka.ftl`), or its own wording of one
/// it does, message by message.
pub const PROJECT_DIR: &str = crate::register::load::CATALOGUES_DIR;

/// Largest project catalogue read: the English one is ~40 KB.
pub const MAX_CATALOGUE: u64 = 1 << 20;

/// One edition language, ready to word and sort (shared by threads).
pub struct Locale {
    code: &'static str,
    bundle: FluentBundle<FluentResource>,
    collator: CollatorBorrowed<'static>,
    dates: Dates,
    /// Every message without placeables, formatted once: templates ask for
    /// labels hundreds of thousands of times in a large register.
    plain: std::collections::HashMap<String, String>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Locale({})", self.code)
    }
}

/// Fluent arguments from `name = value` pairs: `args!(date = "…", count = 3)`.
#[macro_export]
macro_rules! args {
    ($($name:ident = $value:expr),* $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $(args.set(stringify!($name), $value);)*
        args
    }};
}

/// The project whose `locales/` catalogues [`get`] reads. Set once by the
/// command line before any work: templates ask for labels through a
/// minijinja function that knows the edition's language but not the
/// project, so the project is the process's, as its working folder is.
static PROJECT: std::sync::RwLock<Option<PathBuf>> = std::sync::RwLock::new(None);

/// Makes [`get`] read the catalogues of the project at `root`.
pub fn set_project(root: &Path) {
    *PROJECT.write().unwrap_or_else(|e| e.into_inner()) = Some(root.to_path_buf());
}

/// Runs `f` with [`get`] reading the catalogues of `root` (a rebuild's
/// folder of extracted sources), then those of the project as before.
pub fn with_project<T>(root: &Path, f: impl FnOnce() -> T) -> T {
    let before = PROJECT.read().unwrap_or_else(|e| e.into_inner()).clone();
    set_project(root);
    let out = f();
    *PROJECT.write().unwrap_or_else(|e| e.into_inner()) = before;
    out
}

/// The catalogue the project at `root` has for `code`, if it has one
/// (read as `check` reads files: a plain file, at most [`MAX_CATALOGUE`]).
pub fn project_catalogue(root: &Path, code: &str) -> Option<String> {
    let path = root.join(PROJECT_DIR).join(format!("{code}.ftl"));
    crate::support::safe_read::read_small(&path, MAX_CATALOGUE).ok()
}

/// The locale of `code` — the built-in catalogue with the project's own
/// messages over it — made once per process and shared.
pub fn get(code: &str) -> Option<&'static Locale> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    /// By project and language; `None` for a language without a catalogue.
    type Made = HashMap<(Option<PathBuf>, String), Option<&'static Locale>>;
    static LOCALES: OnceLock<Mutex<Made>> = OnceLock::new();
    let project = PROJECT.read().unwrap_or_else(|e| e.into_inner()).clone();
    let mut cache = LOCALES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *cache
        .entry((project.clone(), code.to_owned()))
        .or_insert_with(|| {
            let own = project.as_deref().and_then(|r| project_catalogue(r, code));
            // Leaked: one per language per process, used to its end.
            Locale::with(code, own.as_deref()).map(|l| &*Box::leak(Box::new(l)))
        })
}

impl Locale {
    /// The built-in locale of `code` (`en`, `ru`, `kk`, `uz`), or `None`
    /// for a language without a built-in catalogue.
    pub fn new(code: &str) -> Option<Locale> {
        Locale::with(code, None)
    }

    /// The locale of `code` from its built-in catalogue and `own`, the
    /// project's catalogue, whose messages replace the built-in ones of the
    /// same id. A language the tool does not ship needs `own`; the English
    /// catalogue stands under it, so a message it lacks (which `check`
    /// names) prints in English rather than as a gap.
    pub fn with(code: &str, own: Option<&str>) -> Option<Locale> {
        let built_in = CATALOGUES.iter().find(|(c, _)| *c == code).map(|(_, s)| *s);
        if built_in.is_none() && own.is_none() {
            return None;
        }
        let base = built_in.unwrap_or(CATALOGUES[0].1);
        let code: &'static str = match CATALOGUES.iter().find(|(c, _)| *c == code) {
            Some((c, _)) => c,
            None => Box::leak(code.to_owned().into_boxed_str()),
        };
        let id: unic_langid::LanguageIdentifier = code.parse().ok()?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Placeables are not wrapped in Unicode isolates: typst and the
        // browser get plain text, each run tagged with its language instead.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(base.to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{code}.ftl: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{code}.ftl: {errors:?}"));
        if let Some(own) = own {
            // What parses is used; `check` names what does not.
            let resource = FluentResource::try_new(own.to_owned()).unwrap_or_else(|(r, _)| r);
            bundle.add_resource_overriding(resource);
        }
        let locale: icu_locale_core::Locale = code.parse().ok()?;
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Tertiary);
        options.alternate_handling = Some(AlternateHandling::Shifted);
        let collator = Collator::try_new(locale.into(), options).ok()?;
        let mut locale = Locale {
            code,
            bundle,
            collator,
            dates: Dates::new(code)?,
            plain: std::collections::HashMap::new(),
        };
        // The English `date-locale` (en-GB) is not a Georgian edition's.
        let own_dates = own.is_some_and(|o| message_ids(o).any(|id| id == "date-locale"));
        if own_dates || (built_in.is_some() && locale.has("date-locale")) {
            locale.dates = Dates::new(&locale.format("date-locale", None))?;
        }
        // A message's text is where the bundle took it from: the project's
        // catalogue where it has the id, else the built-in one.
        let source_of = |id: &str| match own {
            Some(o) if message_ids(o).any(|i| i == id) => o,
            _ => base,
        };
        let ids: std::collections::BTreeSet<&str> = message_ids(base)
            .chain(own.into_iter().flat_map(message_ids))
            .collect();
        locale.plain = ids
            .into_iter()
            .filter(|id| !message_has_placeables(source_of(id), id))
            .map(|id| (id.to_owned(), locale.format(id, None)))
            .collect();
        Some(locale)
    }

    /// The ISO 639-1 code: `ru`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Message `id` without arguments.
    pub fn text(&self, id: &str) -> String {
        match self.plain.get(id) {
            Some(text) => text.clone(),
            None => self.format(id, None),
        }
    }

    /// Message `id` with `args` (see [`args!`]).
    pub fn fill(&self, id: &str, args: &FluentArgs) -> String {
        self.format(id, Some(args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            // Tests check every catalogue has every message the tool uses;
            // a gap shows as its id rather than failing a publication.
            return format!("[{id}]");
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// Whether the catalogue has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The label of keyword `word` of kind `kind`: `("status", "in-force")`
    /// → "in force".
    pub fn keyword(&self, kind: &str, word: &str) -> String {
        self.text(&format!("{kind}-{word}"))
    }

    /// A date written out in CLDR's long form: "8 August 2024", "8 августа
    /// 2024 г.", "2024 ж. 8 тамыз", "8-avgust, 2024"; a month or a year
    /// alone likewise. Its spaces are no-break spaces: a date never wraps
    /// ("2024 г." never starts a line, a date column never breaks a date).
    pub fn date(&self, date: PartialDate) -> String {
        // A register's dates repeat (a state visit, its acts): each is
        // worded once per thread, not once per use.
        thread_local! {
            static WORDED: std::cell::RefCell<std::collections::HashMap<(&'static str, PartialDate), String>> =
                std::cell::RefCell::new(std::collections::HashMap::new());
        }
        if let Some(text) = WORDED.with(|w| w.borrow().get(&(self.code, date)).cloned()) {
            return text;
        }
        let text = self.word_date(date);
        WORDED.with(|w| w.borrow_mut().insert((self.code, date), text.clone()));
        text
    }

    fn word_date(&self, date: PartialDate) -> String {
        let year = i32::from(date.year);
        let (month, day) = (date.month.unwrap_or(1), date.day.unwrap_or(1));
        let Ok(d) = Date::try_new_gregorian(year, month, day) else {
            return date.to_string(); // dates are valid once loaded
        };
        let text = match (date.month, date.day) {
            (Some(_), Some(_)) => self.dates.day.format(&d).to_string(),
            (Some(_), None) => self.dates.month.format(&d).to_string(),
            _ => self.dates.year.format(&d).to_string(),
        };
        // CLDR puts a narrow no-break space in some forms (kk "2024 ж.");
        // pdftotext and a reader's search see no space in it at all, so a
        // date gets the plain no-break space throughout.
        text.replace([' ', '\u{202f}'], "\u{a0}")
    }

    /// A state's name: the catalogue's `state-XXX` where it has one, else
    /// Debian iso-codes' translation, else the English short name, else the
    /// code itself.
    pub fn state(&self, code: &str) -> String {
        let id = format!("state-{code}");
        if self.has(&id) {
            return self.text(&id);
        }
        codes::country_name_in(self.code, code)
            .or_else(|| codes::country_name(code))
            .unwrap_or(code)
            .to_owned()
    }

    /// A language's name, found like a state's (`language-xx`).
    pub fn language(&self, code: &str) -> String {
        let id = format!("language-{code}");
        if self.has(&id) {
            return self.text(&id);
        }
        codes::language_name_in(self.code, code)
            .or_else(|| codes::language_name(code))
            .unwrap_or(code)
            .to_owned()
    }

    /// The edition's alphabetical order: case, quotes and punctuation count
    /// only to break ties.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b).then_with(|| a.cmp(b))
    }
}

/// CLDR's long date forms of one locale: a full date, a month, a year.
struct Dates {
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    year: FixedCalendarDateTimeFormatter<Gregorian, Y>,
}

impl Dates {
    /// The forms of `tag` (a BCP 47 language tag), CLDR's fallback
    /// included (`ka-GE` → `ka`, an unknown language → root).
    fn new(tag: &str) -> Option<Dates> {
        let locale: icu_locale_core::Locale = tag.trim().parse().ok()?;
        Some(Dates {
            day: FixedCalendarDateTimeFormatter::try_new(locale.clone().into(), YMD::long())
                .ok()?,
            month: FixedCalendarDateTimeFormatter::try_new(locale.clone().into(), YM::long())
                .ok()?,
            year: FixedCalendarDateTimeFormatter::try_new(locale.into(), Y::long()).ok()?,
        })
    }
}

/// The ids of the messages of a catalogue, in file order.
pub fn message_ids(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let (id, _) = line.split_once(" =")?;
        (!id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then_some(id)
    })
}

/// The 1-based line of message `id` in `source`, and its text: the line
/// `id = …` and the indented lines that continue it.
pub fn message(source: &str, id: &str) -> Option<(usize, String)> {
    let start = format!("{id} =");
    let (n, first) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with(&start))?;
    let rest = source
        .lines()
        .skip(n + 1)
        .take_while(|l| l.starts_with(' ') || l.is_empty());
    let text = std::iter::once(first)
        .chain(rest)
        .collect::<Vec<_>>()
        .join("\n");
    // Blank lines after it belong to no message.
    Some((n + 1, text.trim_end_matches('\n').to_owned()))
}

/// Whether message `id` of `source` has a `{ $variable }` in it.
fn message_has_placeables(source: &str, id: &str) -> bool {
    message(source, id).is_some_and(|(_, text)| text.contains("{ $"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::date::PartialDate;

    fn date(y: u16, m: Option<u8>, d: Option<u8>) -> PartialDate {
        PartialDate {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn every_catalogue_has_every_english_message_and_no_other() {
        let english: Vec<&str> = message_ids(CATALOGUES[0].1).collect();
        for (code, source) in CATALOGUES {
            let locale = Locale::new(code).unwrap();
            let ids: Vec<&str> = message_ids(source).collect();
            for id in &english {
                assert!(locale.has(id), "locales/{code}.ftl lacks `{id}`");
            }
            for id in ids {
                assert!(
                    english.contains(&id)
                        || id.starts_with("state-")
                        || id.starts_with("language-"),
                    "locales/{code}.ftl has `{id}`, which en.ftl lacks"
                );
            }
        }
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let full = date(2024, Some(8), Some(8));
        let cases = [
            ("en", "8 August 2024", "August 2024", "2024"),
            ("ru", "8 августа 2024 г.", "август 2024 г.", "2024"),
            ("kk", "2024 ж. 8 тамыз", "2024 ж. тамыз", "2024"),
            ("uz", "8-avgust, 2024", "avgust, 2024", "2024"),
        ];
        let spaced = |t: String| t.replace(['\u{a0}', '\u{202f}'], " ");
        for (code, day, month, year) in cases {
            let l = Locale::new(code).unwrap();
            assert_eq!(spaced(l.date(full)), day);
            assert_eq!(spaced(l.date(date(2024, Some(8), None))), month);
            assert_eq!(spaced(l.date(date(2024, None, None))), year);
            assert!(!l.date(full).contains(' '), "no space a line may break at");
            assert!(!l.date(full).contains('\u{202f}'), "no space search misses");
        }
    }

    #[test]
    fn russian_plurals() {
        let ru = Locale::new("ru").unwrap();
        let n = |count: u32| ru.fill("instruments-count", &args!(count = count));
        assert_eq!(n(1), "1 документ");
        assert_eq!(n(3), "3 документа");
        assert_eq!(n(16), "16 документов");
        assert_eq!(n(21), "21 документ");
    }

    #[test]
    fn state_names_in_each_language() {
        assert_eq!(Locale::new("en").unwrap().state("KAZ"), "Kazakhstan");
        assert_eq!(Locale::new("ru").unwrap().state("UZB"), "Узбекистан");
        assert_eq!(Locale::new("kk").unwrap().state("UZB"), "Өзбекстан");
        assert_eq!(Locale::new("uz").unwrap().state("KAZ"), "Qozogʻiston");
        // Not in iso-codes' Uzbek catalogue: from locales/uz.ftl.
        assert_eq!(
            Locale::new("uz").unwrap().state("RUS"),
            "Rossiya Federatsiyasi"
        );
    }

    #[test]
    fn kazakh_order_quotes_and_case_ignored() {
        let kk = Locale::new("kk").unwrap();
        let mut words = vec![
            "Өнер",
            "ақпарат",
            "Әділет",
            "«Отандастар» қоры",
            "Ғылым",
            "Барыс",
            "Ұлт",
            "Үкімет",
            "іс",
            "Ішкі",
            "Гүл",
            "Қала",
            "Кеңес",
        ];
        words.sort_by(|a, b| kk.compare(a, b));
        assert_eq!(
            words,
            [
                "ақпарат",
                "Әділет",
                "Барыс",
                "Гүл",
                "Ғылым",
                "Кеңес",
                "Қала",
                "«Отандастар» қоры",
                "Өнер",
                "Ұлт",
                "Үкімет",
                "іс",
                "Ішкі"
            ]
        );
        let en = Locale::new("en").unwrap();
        let mut names = vec![
            "akimat of Tashkent",
            "'Otandastar' Foundation",
            "Agency",
            "Ministry",
        ];
        names.sort_by(|a, b| en.compare(a, b));
        assert_eq!(
            names,
            [
                "Agency",
                "akimat of Tashkent",
                "Ministry",
                "'Otandastar' Foundation"
            ]
        );
    }
}

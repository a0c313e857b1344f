//! Properties over generated inputs (proptest): escaping, dates, manifests
//! and the loader. The escaping property is also checked by real typst,
//! which must read every literal back as the exact original string.

mod common;

use std::fmt::Write as _;
use std::process::Command;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use treaty_register::audit::inputs::{InputFile, Role};
use treaty_register::audit::manifest;
use treaty_register::publish::render::{read_typst_string, typst_string};
use treaty_register::register::date::PartialDate;

proptest! {
    #[test]
    fn any_string_survives_escaping(s in any::<String>()) {
        let mut literal = String::new();
        typst_string(&s, &mut literal);
        prop_assert!(!literal.chars().any(|c| c.is_control()), "raw control character in {literal:?}");
        prop_assert_eq!(read_typst_string(&literal), Some(s));
    }

    #[test]
    fn dates_round_trip(year in 1u16..=9999, month in proptest::option::of(1u8..=12), day in 1u8..=31) {
        let text = match month {
            None => format!("{year:04}"),
            Some(m) => format!("{year:04}-{m:02}-{day:02}"),
        };
        match PartialDate::parse(&text) {
            Ok(date) => {
                prop_assert_eq!(date.to_string(), text.clone());
                prop_assert_eq!(PartialDate::parse(&date.to_string()).unwrap(), date);
            }
            Err(_) => {
                let m = month.unwrap();
                prop_assert!(day > treaty_register::register::date::days_in_month(year, m));
            }
        }
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,12}") {
        if let Ok(date) = PartialDate::parse(&s) {
            prop_assert_eq!(date.to_string(), s);
        }
    }

    #[test]
    fn manifests_round_trip(
        paths in proptest::collection::btree_set("[A-Za-z0-9_][A-Za-z0-9_ .,'()ÄäҚқ-]{0,12}(/[A-Za-z0-9_][A-Za-z0-9_ .,-]{0,12}){0,3}", 1..20),
        seed in any::<u64>(),
    ) {
        let files: Vec<InputFile> = paths
            .iter()
            .enumerate()
            .map(|(i, path)| InputFile {
                path: path.clone(),
                role: Role::Template,
                size: i as u64,
                sha256: treaty_register::support::digest::sha256_bytes(&(seed ^ i as u64).to_le_bytes()),
                id: None,
            })
            .collect();
        let text = manifest::sha256sum_text(&files);
        let entries = manifest::parse_sha256sum(&text).unwrap();
        prop_assert_eq!(entries.len(), files.len());
        for (entry, file) in entries.iter().zip(files.iter()) {
            prop_assert_eq!(&entry.path, &file.path);
            prop_assert_eq!(&entry.sha256, &file.sha256);
        }
    }

    #[test]
    fn the_loader_never_panics(text in "\\PC{0,200}") {
        let mut diags = Vec::new();
        let _ = treaty_register::register::load::parse_instrument(std::path::Path::new("A-1.yaml"), &text, &mut diags);
    }
}

/// The escaping as typst reads it: each generated string becomes a
/// literal, and typst must find it equal to the same string built from
/// code points. `typst compile` succeeds only if every one matches.
#[test]
fn typst_reads_every_literal_back_exactly() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = "(\\PC|[\"\\\\#$*_<>@\\[\\]`=+{}%\\n\\r\\t\\u{1}-\\u{1f}]){0,40}";
    let tree_strings: Vec<String> = (0..300)
        .map(|_| {
            proptest::strategy::Strategy::new_tree(&strategy, &mut runner)
                .unwrap()
                .current()
        })
        .collect();
    let mut source = String::from("#let cases = (\n");
    for s in &tree_strings {
        let mut literal = String::new();
        typst_string(s, &mut literal);
        let codes: String = s.chars().map(|c| format!("{}, ", u32::from(c))).collect();
        let _ = writeln!(source, "  ({literal}, ({codes})),");
    }
    source.push_str(
        ")\n#for (literal, codes) in cases {\n  assert.eq(literal, codes.map(str.from-unicode).join(default: \"\"))\n}\nDone.\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.typ"), &source).unwrap();
    common::succeeds(
        Command::new(common::real_typst())
            .args(["compile", "--ignore-system-fonts", "p.typ", "p.pdf"])
            .current_dir(dir.path()),
    );
}

/// One generated act: party index, action keyword index, date as days
/// after 2020-01-01 with a precision, and an optional delay to `effective`.
type Act = (usize, usize, u32, u8, Option<u32>);

fn date_text(days: u32, precision: u8) -> String {
    let d = PartialDate::parse("2020-01-01").unwrap();
    let (y, m, dd) = civil_from_days(d.unix_timestamp() / 86_400 + i64::from(days));
    match precision {
        0 => format!("{y:04}"),
        1 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{dd:02}"),
    }
}

/// Howard Hinnant's civil_from_days.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

const STATES: [&str; 5] = ["KAZ", "UZB", "KGZ", "TJK", "TKM"];

fn entry(acts: &[Act], in_force: Option<(u32, u8)>) -> String {
    use treaty_register::register::model::ActionKind;
    let mut text = String::from(
        "id: P-1\ntitle: T\ntype: treaty\nparties:\n  - state: KAZ\n  - state: UZB\n  \
         - state: KGZ\n  - state: TJK\n  - state: TKM\nsigned:\n  date: 2020-01-01\n\
         sources:\n  - title: S\n",
    );
    if let Some((days, precision)) = in_force {
        let _ = write!(text, "in_force:\n  date: {}\n", date_text(days, precision));
    }
    text.push_str("actions:\n");
    for (n, (party, kind, days, precision, effective)) in acts.iter().enumerate() {
        let kind = ActionKind::ALL[*kind % ActionKind::ALL.len()];
        let _ = write!(
            text,
            "  - party: {}\n    action: {kind}\n    date: {}\n",
            STATES[party % STATES.len()],
            date_text(*days, *precision)
        );
        if kind.is_labelled() {
            let _ = writeln!(text, "    label: L{n}");
        }
        if matches!(
            kind,
            ActionKind::Objection | ActionKind::WithdrawalOfReservation
        ) {
            let _ = writeln!(text, "    regarding: L0");
        }
        if let Some(delay) = effective {
            let _ = writeln!(text, "    effective: {}", date_text(days + delay, 2));
        }
    }
    text
}

/// Everything the register says about the entry as of `d`: its status,
/// each party's, and the entry as the register then stood.
fn as_of_view(text: &str, d: PartialDate) -> String {
    use treaty_register::register::{lifecycle, load};
    let mut diags = Vec::new();
    let instrument = load::parse_instrument(
        std::path::Path::new("register/instruments/P-1.yaml"),
        text,
        &mut diags,
    )
    .unwrap_or_else(|| panic!("{diags:?}\n{text}"));
    let register = treaty_register::register::model::Register {
        meta: treaty_register::register::model::Meta {
            title: "T".into(),
            subtitle: None,
            series: None,
            authority: None,
            as_of: PartialDate::parse("2030-12-31").unwrap(),
            language: "en".into(),
            translations: Vec::new(),
            foreword: None,
            id_prefix: "P".into(),
            base_url: None,
            state: None,
            notifications: None,
            outputs: Default::default(),
            texts: Default::default(),
            subject_labels: Default::default(),
        },
        meta_sha256: String::new(),
        instruments: vec![instrument],
    };
    // Statuses from the whole entry (later acts and all), and the entry
    // as the register stood on D.
    let whole = &register.instruments[0];
    let parties: Vec<_> = lifecycle::parties(whole, d)
        .into_iter()
        .map(|(p, s)| (p.state.clone(), s))
        .collect();
    let view = lifecycle::as_of(&register, d);
    format!(
        "{} {parties:?} {}",
        lifecycle::status(whole, d),
        view.instruments
            .first()
            .map_or("left out".into(), |i| serde_json::to_string(i).unwrap())
    )
}

proptest! {
    /// An act dated after D never changes anything as of D: statuses,
    /// parties' statuses, or the entry as it stood.
    #[test]
    fn a_later_act_changes_nothing_before_it(
        acts in proptest::collection::vec((0usize..5, 0usize..18, 0u32..2000, 0u8..3, proptest::option::of(0u32..400)), 1..12),
        in_force in proptest::option::of((0u32..2000, 0u8..3)),
        d_days in 0u32..2000,
        later in (0usize..5, 0usize..18, 1u32..800, 0u8..3, proptest::option::of(0u32..400)),
    ) {
        let d = PartialDate::parse(&date_text(d_days, 2)).unwrap();
        let before = as_of_view(&entry(&acts, in_force), d);
        // Dated after D even as its first day, whatever its precision.
        let mut after_d = later;
        let start = d.unix_timestamp() / 86_400 - PartialDate::parse("2020-01-01").unwrap().unix_timestamp() / 86_400;
        after_d.2 = start as u32 + 366 + later.2;
        let mut more = acts.clone();
        more.push(after_d);
        prop_assert_eq!(before, as_of_view(&entry(&more, in_force), d));
    }
}

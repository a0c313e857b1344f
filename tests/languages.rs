//! Language editions (#16): `language: kk` with `translations: [ru, en]`
//! makes one PDF per language in one run, each with its catalogue's labels
//! and dates and no other language's, its indexes in its alphabetical
//! order, runs in other languages tagged in the PDF's structure, titles in
//! the scripts of the UN and the region printed, and every PDF in the
//! manifest, checked by `sha256sum -c` and `verify`.

mod common;

use std::process::Command;

use common::{Test, pdf_text};

fn built() -> tempfile::TempDir {
    let (out, dir) = Test::fixture("languages").args(["build"]).run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Labels of the English catalogue that must not appear in another
/// edition (whole words, as printed).
const ENGLISH: &[&str] = &[
    "Type",
    "Parties",
    "Signed on",
    "Status as of",
    "Summary of instruments",
    "Index by",
    "Page ",
    "not recorded",
    "Not recorded",
    "August",
    "Entry file",
    "Sources",
    "Chronology",
    "Annex",
    "Register digest",
    "Foreword",
];

#[test]
fn each_edition_speaks_its_language_only() {
    let dir = built();
    let out = dir.path().join("out");
    let cases = [
        (
            "register.pdf",
            &[
                "Түрі",
                "Тараптар",
                "Қол қойылған күні",
                "2024 ж. 8 тамыз",
                "жағдай бойынша мәртебесі",
                "беттің 3-беті",
            ][..],
        ),
        (
            "register.ru.pdf",
            &[
                "Вид",
                "Стороны",
                "Дата подписания",
                "8 августа 2024 г.",
                "Статус по состоянию на",
                "Страница 3 из",
                "перевод отсутствует",
            ][..],
        ),
        (
            "register.en.pdf",
            &[
                "Type",
                "Parties",
                "Signed on",
                "8 August 2024",
                "Status as of",
                "Page 3 of",
                "not translated",
            ][..],
        ),
    ];
    for (pdf, labels) in cases {
        let text = pdf_text(&out.join(pdf));
        for label in labels {
            assert!(text.contains(label), "{pdf} lacks {label:?}");
        }
        if pdf != "register.en.pdf" {
            // The register's own English titles are tagged runs, not labels:
            // the fixture has English titles only under `titles.en`.
            let without_titles =
                text.replace("Agreement on cooperation in the field of culture", "");
            for label in ENGLISH {
                assert!(
                    !without_titles.contains(label),
                    "{pdf} has the English label {label:?}"
                );
            }
        }
    }
}

#[test]
fn the_kazakh_index_follows_the_kazakh_alphabet() {
    let dir = built();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    let start = text.rfind("Тақырыптары бойынша көрсеткіш").unwrap();
    let end = text[start..].find("Мәртебесі бойынша көрсеткіш").unwrap() + start;
    let index = &text[start..end];
    // By hand, in the order of the Kazakh alphabet (а ә б в г ғ … қ … о ө
    // … у ұ ү … ы і …), the quotes of «отандастар» ignored.
    let expected = [
        "ақпарат",
        "әділет",
        "барыс",
        "гүл",
        "ғылым",
        "кеңес",
        "қала",
        "«отандастар» қоры",
        "өнер",
        "ұлт",
        "үкімет",
        "іс",
        "ішкі",
    ];
    let at: Vec<usize> = expected
        .iter()
        .map(|h| {
            index
                .find(&format!(" {h} №"))
                .unwrap_or_else(|| panic!("{h} not in {index}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{index}");
}

#[test]
fn other_languages_are_tagged_in_the_pdf_structure() {
    let dir = built();
    for (pdf, document, others) in [
        (
            "register.pdf",
            "kk",
            &["ru", "en", "ar", "fa", "zh", "ka", "hy"][..],
        ),
        ("register.ru.pdf", "ru", &["kk", "en", "ar", "zh"][..]),
    ] {
        let raw = common::qdf_text(&dir.path().join("out").join(pdf));
        assert!(
            raw.contains(&format!("/Lang ({document})")),
            "{pdf}: document /Lang"
        );
        for lang in others {
            assert!(
                raw.contains(&format!("/Lang({lang})")),
                "{pdf}: no run tagged {lang}"
            );
        }
    }
}

#[test]
fn titles_in_other_scripts_print_and_every_pdf_is_listed_and_verified() {
    let dir = built();
    let text = pdf_text(&dir.path().join("out/register.en.pdf"));
    for title in [
        "文化领域合作协定",
        "ოქმი ტრანსპორტის შესახებ",
        "Արձանագրություն",
    ] {
        assert!(text.contains(title), "{title}");
    }
    // Arabic is extracted in logical order when shaped right to left.
    assert!(text.contains("الثقافة"), "Arabic title");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/manifest.json")).unwrap(),
    )
    .unwrap();
    let languages: Vec<&str> = manifest["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["ru", "en"]);
    assert_eq!(
        manifest["translations"][0]["pdf"]["path"],
        "out/register.ru.pdf"
    );
    assert_eq!(manifest["fonts"].as_array().unwrap().len(), 8);
    let check = Command::new("sha256sum")
        .args(["-c", "out/manifest.sha256"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(check.status.success());
    let listed = String::from_utf8_lossy(&check.stdout);
    assert!(
        listed.contains("out/register.ru.pdf: OK") && listed.contains("out/register.en.pdf: OK")
    );
    let (code, _, stderr) = common::tool(dir.path(), &["verify", "--rebuild"]);
    assert_eq!(code, 0, "{stderr}");
    // Each edition carries its sources.
    let detach = Command::new("pdfdetach")
        .args(["-list"])
        .arg(dir.path().join("out/register.ru.pdf"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&detach.stdout).contains("register/instruments/LG-1.yaml"));
    // … and proves itself alone: its sources typeset again to this very PDF.
    let alone = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir.path().join("out/register.ru.pdf"),
        alone.path().join("register.ru.pdf"),
    )
    .unwrap();
    let (code, out, err) = common::tool(
        alone.path(),
        &["verify", "--pdf", "register.ru.pdf", "--rebuild"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("REBUILT from the embedded sources: identical to this PDF"),
        "{out}"
    );
}

#[test]
fn an_unsupported_or_repeated_translation_is_refused() {
    let (out, _dir) = Test::fixture("languages")
        .file(
            "register/register.yaml",
            "title: T\nas_of: 2024-08-08\nlanguage: kk\ntranslations: [ru, de, ru, kk]\nid_prefix: LG\n",
        )
        .args(["check"])
        .status(1)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("register.yaml:4:20: error: the register cannot be published in `de`"),
        "{stderr}"
    );
    assert!(stderr.contains("`ru` is listed twice"), "{stderr}");
    assert!(
        stderr.contains("`kk` is the register's own language"),
        "{stderr}"
    );
}

#[test]
fn each_edition_words_what_changed_in_its_language() {
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("clerk");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-C", "clerk", "-N", "", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let (_, dir) = Test::fixture("languages")
        .file(
            "register/allowed_signers",
            format!(
                "treaty@mfa.example namespaces=\"treaty-register\" {}",
                public.trim()
            ),
        )
        .args(["check"])
        .run();
    let key = key.to_str().unwrap();
    for args in [
        &["publish", "--key", key][..],
        &[
            "record",
            "LG-2",
            "ratification",
            "--party",
            "UZB",
            "--date",
            "2024-08-08",
        ],
        &["publish", "--key", key],
    ] {
        let (code, out, err) = common::tool(dir.path(), args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    }
    for (pdf, expected) in [
        (
            "register.pdf",
            "жаңа әрекет: Өзбекстан: ратификациялау, 2024 ж. 8 тамыз",
        ),
        (
            "register.ru.pdf",
            "новое действие: Узбекистан: ратификация, 8 августа 2024 г.",
        ),
        (
            "register.en.pdf",
            "new act: Uzbekistan: ratification, 8 August 2024",
        ),
    ] {
        let text = pdf_text(&dir.path().join("editions/0002").join(pdf));
        assert!(
            text.contains(expected),
            "{pdf}: {expected:?} not in the PDF"
        );
    }
}

/// A Georgian ministry's register (#27): `language: ka`, a language the
/// tool does not ship, through the project's own catalogue (written by
/// `locale new ka`, partly translated), with a Russian edition beside it —
/// Georgian labels from the catalogue, CLDR's Georgian dates, iso-codes'
/// Georgian state names in Georgian alphabetical order, the PDF and the
/// pages tagged `ka`; the catalogue travels in the PDF, so the PDF alone
/// rebuilds byte for byte.
#[test]
fn a_georgian_register_through_its_own_catalogue() {
    let (out, dir) = Test::fixture("georgian").args(["build", "--html"]).run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("out/register.pdf");
    let text = pdf_text(&pdf);
    for word in [
        "სტატუსი 8 აგვისტო, 2024 მდგომარეობით",
        "მხარეები",
        "ხელმოწერილია",
        "14 მარტი, 2024",
    ] {
        assert!(text.contains(word), "{word:?} not in {text}");
    }
    // Georgian collation: ა, ს (საქ… before სომ…), უ.
    let order: Vec<usize> = ["აზერბაიჯანი", "საქართველო", "სომხეთი", "უკრაინა"]
        .iter()
        .map(|name| text.find(&format!("{name} (ISO 3166-1")).expect(name))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Lang(ka)"));
    let page = std::fs::read_to_string(dir.path().join("out/html/index.html")).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ka\">"),
        "{page}"
    );
    let ru = pdf_text(&dir.path().join("out/register.ru.pdf"));
    for word in ["Грузия", "14 марта 2024 г.", "Стороны"] {
        assert!(ru.contains(word), "{word:?} not in {ru}");
    }
    // The catalogue is a source of the PDF: the PDF alone rebuilds.
    let alone = tempfile::tempdir().unwrap();
    std::fs::copy(&pdf, alone.path().join("register.pdf")).unwrap();
    let (code, out, err) = common::tool(
        alone.path(),
        &["verify", "--pdf", "register.pdf", "--rebuild"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("OK locales/ka.ftl\n"), "{out}");
    assert!(
        out.contains("REBUILT from the embedded sources: identical"),
        "{out}"
    );
}

/// `locale new` writes a catalogue an edition builds with at once, and
/// refuses a language the tool ships or a file that exists; `locale check`
/// says what is left; `check` names a catalogue's mistakes with file, line
/// and column.
#[test]
fn catalogues_for_translators_and_their_mistakes() {
    let (_, dir) = Test::with_shipped().args(["locale", "new", "hy"]).run();
    let root = dir.path();
    let catalogue = std::fs::read_to_string(root.join("locales/hy.ftl")).unwrap();
    assert!(
        catalogue.contains("# translate: Parties\nfield-parties = Parties\n"),
        "{catalogue}"
    );
    assert!(catalogue.contains("\ndate-locale = hy\n"));
    let (code, _, err) = common::tool(root, &["locale", "new", "ru"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the tool already has the `ru` catalogue"),
        "{err}"
    );
    let (code, _, err) = common::tool(root, &["locale", "new", "hy"]);
    assert_ne!(code, 0);
    assert!(err.contains("locales/hy.ftl exists already"), "{err}");
    let (code, out, _) = common::tool(root, &["locale", "check"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("locales/hy.ftl (hy): 1 of "), "{out}");
    // The edition builds at once: Armenian dates, English words.
    let yaml = root.join("register/register.yaml");
    let meta = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{meta}translations: [hy]\n")).unwrap();
    let (code, _, err) = common::tool(root, &["build"]);
    assert_eq!(code, 0, "{err}");
    let hy = pdf_text(&root.join("out/register.hy.pdf"));
    // CLDR's Armenian long date: "2024 թ․ օգոստոսի 08".
    assert!(hy.contains("օգոստոսի 08"), "{hy}");
    assert!(hy.contains("Ղազախստան"), "{hy}");
    // Mistakes, each with its line and column.
    let broken = catalogue
        .replace("field-parties = Parties\n", "field-partys = Parties\n")
        .replace(
            "status-as-of = Status as of { $date }\n",
            "status-as-of = Status as of { $day }\n",
        )
        .replace("field-type = Type\n", "field-type = { Type\n");
    std::fs::write(root.join("locales/hy.ftl"), &broken).unwrap();
    let (code, _, err) = common::tool(root, &["check"]);
    assert_eq!(code, 1, "{err}");
    let line = |id: &str| broken.lines().position(|l| l.starts_with(id)).unwrap() + 1;
    for want in [
        format!(
            "locales/hy.ftl:{}:1: warning: unknown message `field-partys`",
            line("field-partys")
        ),
        "= hint: did you mean `field-parties`?".to_owned(),
        format!(
            "locales/hy.ftl:{}:1: error: `status-as-of` uses `$day`, which the tool does not give it",
            line("status-as-of")
        ),
        format!("locales/hy.ftl:{}:", line("field-type =")),
        "error: Fluent syntax:".to_owned(),
        "1 message is missing (`field-parties`): the edition prints it in English".to_owned(),
    ] {
        assert!(err.contains(&want), "{want:?} not in\n{err}");
    }
}

/// The register's own texts in a translation (#27): `texts.ru` on the
/// title page, `places`, `bodies`, `names`, `notes_translated` and the
/// subject labels of `register/subjects.yaml` in the Russian edition, the
/// rest printed as recorded, tagged Georgian and listed once under "Texts
/// not translated"; the Georgian edition prints the originals and lists
/// nothing. The inputs are in the manifest, and a translation of a language
/// the register has no edition in is refused.
#[test]
fn translations_of_the_register_texts_are_printed_or_listed() {
    let test = Test::fixture("georgian");
    let root = test.path().to_path_buf();
    let yaml = root.join("register/register.yaml");
    let meta = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        format!("{meta}texts:\n  ru:\n    title: Реестр международных договоров\n"),
    )
    .unwrap();
    let entry = root.join("register/instruments/GE-1.yaml");
    let text = std::fs::read_to_string(&entry)
        .unwrap()
        .replace(
            "  - state: ARM\n",
            "  - state: ARM\n    body: Government of the Republic of Armenia\n    bodies:\n      ru: Правительство Республики Армения\n",
        )
        .replace(
            "  place: თბილისი\n",
            "  place: თბილისი\n  signatories:\n    - name: ილია დარჩიაშვილი\n      names:\n        ru: Илья Дарчиашвили\n      office: საგარეო საქმეთა მინისტრი\n",
        )
        + "places:\n  ru: Тбилиси\nsubjects: [transport]\nnotes: შენიშვნა.\nnotes_translated:\n  ru: Примечание.\n";
    std::fs::write(&entry, text).unwrap();
    common::edit(&root.join("register/instruments/GE-3.yaml"), |t| {
        format!("{t}subjects: [visas]\n")
    });
    common::edit(&root.join("register/instruments/GE-2.yaml"), |t| {
        format!("{t}subjects: [education]\n")
    });
    // `education` has a label in the register's language only: the Russian
    // edition prints that, not the term.
    std::fs::write(
        root.join("register/subjects.yaml"),
        "transport:\n  ru: транспорт\n  ka: ტრანსპორტი\neducation:\n  ka: განათლება\n",
    )
    .unwrap();
    let (_, dir) = test.args(["build"]).run();

    let ru = pdf_text(&dir.path().join("out/register.ru.pdf"));
    for printed in [
        "Реестр международных договоров",
        "Тбилиси",
        "Правительство Республики Армения",
        "Илья Дарчиашвили, საგარეო საქმეთა მინისტრი",
        "Примечание.",
        "транспорт",
        // Untranslated: as recorded.
        "კიევი",
        "visas",
        "Тексты без перевода",
        "Наименования документов: №№ 1–3",
        "Места подписания или принятия: № 3",
        "Предметы: №№ 2, 3",
        "განათლება",
    ] {
        assert!(ru.contains(printed), "ru edition: no {printed:?} in {ru}");
    }
    // (The label ტრანსპორტი is part of a Georgian title, which stays.)
    for translated_away in ["შენიშვნა", "ილია", "education"] {
        assert!(
            !ru.contains(translated_away),
            "ru edition: {translated_away:?} in {ru}"
        );
    }
    for listed_as_translated in ["Примечания:", "Подписавшие органы:", "Имена подписавших"]
    {
        assert!(
            !ru.contains(listed_as_translated),
            "ru edition lists {listed_as_translated:?}"
        );
    }
    let ka = pdf_text(&dir.path().join("out/register.pdf"));
    for original in ["თბილისი", "შენიშვნა.", "ტრანსპორტი", "ილია დარჩიაშვილი"]
    {
        assert!(ka.contains(original), "ka edition: no {original:?}");
    }
    for not_here in ["Тбилиси", "Примечание", "Тексты без перевода"]
    {
        assert!(!ka.contains(not_here), "ka edition: {not_here:?}");
    }
    // The original texts a translation prints are tagged with their
    // language in its structure.
    let raw = common::qdf_text(&dir.path().join("out/register.ru.pdf"));
    assert!(
        raw.contains("/Lang(ka)"),
        "no run tagged ka in the ru edition"
    );

    let manifest = std::fs::read_to_string(dir.path().join("out/manifest.sha256")).unwrap();
    assert!(
        manifest.contains("  register/subjects.yaml\n"),
        "{manifest}"
    );
    assert!(manifest.contains("  locales/ka.ftl\n"), "{manifest}");
    std::fs::write(&yaml, format!("{meta}texts:\n  de:\n    title: Register\n")).unwrap();
    let (code, _, err) = common::tool(dir.path(), &["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("register/register.yaml:11:3: error: the register has no `de` edition"),
        "{err}"
    );
    assert!(err.contains("add `de` to `translations`"), "{err}");
    // So is an entry's translation into a language of no edition, at its key.
    std::fs::write(&yaml, &meta).unwrap();
    let entry = dir.path().join("register/instruments/GE-3.yaml");
    let text = std::fs::read_to_string(&entry).unwrap();
    let line = text.lines().count() + 2;
    std::fs::write(&entry, format!("{text}places:\n  de: Kiew\n")).unwrap();
    let (code, _, err) = common::tool(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "register/instruments/GE-3.yaml:{line}:3: error: the register has no `de` edition"
        )),
        "{err}"
    );
}

/// An edition in a language with a region (`pt-BR`, a BCP 47 tag): its
/// catalogue made by `locale new`, its PDF tagged with the whole tag
/// (typst takes the language and the region apart), CLDR's Brazilian
/// Portuguese dates and iso-codes' Portuguese state names.
#[test]
fn an_edition_in_a_regional_language_is_tagged_with_the_whole_tag() {
    let test = Test::fixture("georgian");
    let root = test.path().to_path_buf();
    common::edit(&root.join("register/register.yaml"), |meta| {
        meta.replace("translations: [ru]", "translations: [ru, pt-BR]")
    });
    let (code, _, err) = common::tool(&root, &["locale", "new", "pt-BR"]);
    assert_eq!(code, 0, "{err}");
    let (_, dir) = test.args(["build"]).run();
    let pdf = dir.path().join("out/register.pt-BR.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("8 de agosto de 2024"), "{text}");
    assert!(text.contains("Geórgia"), "{text}");
    let raw = common::qdf_text(&pdf);
    assert!(
        raw.contains("/Lang (pt-BR)"),
        "the document is not tagged pt-BR"
    );
}

/// A label wider than the label column (ru "межинституциональный") stands
/// on a line of its own instead of running into its value (#26, from a
/// page-by-page read): no word of a label line overlaps a word of the
/// value beside it. A project catalogue narrows the column for the test.
#[test]
fn a_long_label_never_runs_into_its_value() {
    let test = Test::fixture("lifecycle");
    let yaml = test.path().join("register/register.yaml");
    let meta = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{meta}translations: [ru]\n")).unwrap();
    // A narrow label column (a project's own wording of the Russian
    // catalogue), so that many labels are wider than it.
    std::fs::create_dir_all(test.path().join("locales")).unwrap();
    std::fs::write(
        test.path().join("locales/ru.ftl"),
        "field-label-width = 6\n",
    )
    .unwrap();
    let (_, dir) = test.args(["build"]).run();
    let words: Vec<common::Word> = common::pdf_words(&dir.path().join("out/register.ru.pdf"))
        .into_iter()
        .filter(|w| w.page <= 4)
        .collect();
    let long = words
        .iter()
        .find(|w| w.text == "межинституциональный")
        .expect("the level's label is printed");
    for w in &words {
        let same_line = w.page == long.page && (w.bbox[1] - long.bbox[1]).abs() < 2.0;
        if same_line && w.text != long.text {
            assert!(
                w.bbox[0] > long.bbox[2] + 2.0 || w.bbox[2] < long.bbox[0],
                "{w:?} overlaps {long:?}"
            );
        }
    }
    assert!(
        !words.iter().any(|w| w.page == long.page
            && (w.bbox[1] - long.bbox[1]).abs() < 2.0
            && w.text == "между"),
        "the value stands on the line below its long label"
    );
}

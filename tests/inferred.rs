//! Values the editors inferred (`inferred:` in an entry), through the real
//! binary and typst: each prints in brackets wherever it stands in the PDF
//! and the web edition — entry, summary, participants, chronology — the
//! reason once in its entry, and a legend under the summary; a stated value
//! of the same day prints bare.

mod common;

use std::fs;

use common::{Test, pdf_text, valid_instrument};

const SIGNATURES: &str = "\
actions:
  - party: KAZ
    action: signature
    date: 2024-08-08
  - party: UZB
    action: signature
    date: 2024-08-08
";

/// signed on a day and at a place the editors inferred, with both
/// parties' signatures recorded.
fn inferred_entry() -> String {
    let text = valid_instrument("A-3").replace(
        "  date: 2024-08-08\n",
        "  date: 2024-08-08\n  place: Astana\n",
    );
    format!(
        "{text}inferred:
  - field: signed.date
    reason: The report lists it among the documents signed during the visit of 8 August 2024.
  - field: signed.place
    reason: The report says the talks were held in Astana.
{SIGNATURES}"
    )
}

/// The base register with the shipped templates.
fn base() -> Test {
    let test = Test::with_base();
    common::copy_dir(
        &common::repo().join("templates"),
        &test.path().join("templates"),
    );
    test
}

/// The base register (A-1, A-2 stated: A-2 with its signatures, amending
/// A-3) and A-3.
fn project() -> Test {
    base()
        .file(
            "register/instruments/A-2.yaml",
            format!(
                "{}relations:\n  - kind: amends\n    target: A-3\n{SIGNATURES}",
                valid_instrument("A-2")
            ),
        )
        .file("register/instruments/A-3.yaml", inferred_entry())
}

#[test]
fn the_pdf_brackets_an_inferred_date_and_place_wherever_they_print() {
    let (_, dir) = project().args(["build"]).stderr("").run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    // The legend, under the summary's heading.
    assert!(
        text.contains(
            "Summary of instruments A date, place or level in square brackets [ ] is not stated \
             by the sources: the editors inferred it, and the entry gives the reason on its line \
             “Inferred”."
        ),
        "{text}"
    );
    // The summary rows: the inferred date in brackets, the stated bare.
    assert!(text.contains("1 A-1 Agreement on testing agreement KAZ, UZB 8 August 2024 signed"));
    assert!(text.contains("3 A-3 Agreement on testing agreement KAZ, UZB [8 August 2024] signed"));
    // The entry: date, place, participants, and the reasons once each.
    assert!(
        text.contains("Signed on [8 August 2024] Signed at [Astana]"),
        "{text}"
    );
    assert!(text.contains(
        "Kazakhstan (KAZ) Government of the Republic of Kazakhstan [8 August 2024] — — — signed \
         Uzbekistan (UZB) Government of the Republic of Uzbekistan [8 August 2024] — — — signed"
    ), "{text}");
    assert!(
        text.contains(
            "Kazakhstan (KAZ) Government of the Republic of Kazakhstan 8 August 2024 — — — signed \
         Uzbekistan (UZB) Government of the Republic of Uzbekistan 8 August 2024 — — — signed"
        ),
        "{text}"
    );
    assert!(text.contains(
        "Inferred date of signature, [8 August 2024] — The report lists it among the documents \
         signed during the visit of 8 August 2024. place of signature, [Astana] — The report \
         says the talks were held in Astana."
    ));
    assert_eq!(text.matches("Inferred date of signature").count(), 1);
    // A relation names its target's date as the target's entry prints it.
    assert!(text.contains("Amends the Agreement on testing (A-3) of [8 August 2024]."));
    // The chronology: the stated day, then the inferred one, each once.
    let chronology = &text[text.rfind("Chronology").unwrap()..];
    let stated = chronology
        .find("8 August 2024 No. 1, p.")
        .expect(chronology);
    let inferred = chronology
        .find("[8 August 2024] No. 3, p.")
        .expect(chronology);
    assert!(stated < inferred, "{chronology}");
    assert_eq!(
        chronology.matches("[8 August 2024]").count(),
        1,
        "{chronology}"
    );
}

#[test]
fn a_register_that_infers_nothing_has_no_legend_and_no_brackets() {
    let (_, dir) = base().args(["build"]).stderr("").run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    assert!(!text.contains("A date, place or level in square brackets"));
    assert!(!text.contains("[8 August 2024]"));
    // The front matter says how an inference would print.
    assert!(text.contains("Nothing is inferred silently:"), "{text}");
}

#[test]
fn the_web_edition_brackets_them_too() {
    let (_, dir) = project().args(["build", "--html"]).stderr("").run();
    // Dates on the web are worded with no-break spaces.
    let html = dir.path().join("out/html");
    let index = fs::read_to_string(html.join("index.html")).unwrap();
    assert!(index.contains("<p class=\"note legend\">A date, place or level in square brackets"));
    let row = |id: &str| {
        let start = index.find(&format!("<tr id=\"{id}\"")).unwrap();
        index[start..start + index[start..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row("A-3").contains("<time datetime=\"2024-08-08\">[8\u{a0}August\u{a0}2024]</time>"));
    assert!(row("A-1").contains("<time datetime=\"2024-08-08\">8\u{a0}August\u{a0}2024</time>"));
    let page = fs::read_to_string(html.join("instruments/A-3.html")).unwrap();
    for marked in [
        "<dd><time datetime=\"2024-08-08\">[8\u{a0}August\u{a0}2024]</time></dd>",
        "<dt>Signed at</dt><dd>[Astana]</dd>",
        "<dt>Inferred</dt><dd><ul class=\"inferred\"><li>date of signature, [8\u{a0}August\u{a0}2024] — \
         <span>The report lists it among the documents signed during the visit of 8 August 2024.</span></li>",
        "<td>[8\u{a0}August\u{a0}2024]</td>",
    ] {
        assert!(page.contains(marked), "A-3.html lacks {marked:?}:\n{page}");
    }
    // A-2's own date and acts are stated; only A-3's date, in its
    // relation, is bracketed.
    let stated = fs::read_to_string(html.join("instruments/A-2.html")).unwrap();
    assert!(
        stated.contains("<dd><time datetime=\"2024-08-08\">8\u{a0}August\u{a0}2024</time></dd>")
    );
    assert!(stated.contains("<td>8\u{a0}August\u{a0}2024</td>"));
    assert!(
        stated.contains("(A-3) of [8\u{a0}August\u{a0}2024].</a>"),
        "{stated}"
    );
    assert_eq!(stated.matches("[8\u{a0}August\u{a0}2024]").count(), 1);
    assert!(!stated.contains("<dt>Inferred</dt>"));
}

#[test]
fn a_translation_brackets_in_its_own_words() {
    let (_, dir) = project()
        .file(
            "register/register.yaml",
            format!("{}translations: [ru]\n", common::BASE_REGISTER),
        )
        .args(["build"])
        .stderr("")
        .run();
    let text = pdf_text(&dir.path().join("out/register.ru.pdf"));
    assert!(text.contains("Место подписания [Astana]"), "{text}");
    assert!(text.contains("[8 августа 2024 г.]"));
    assert!(text.contains("Установлено косвенно дата подписания, [8 августа 2024 г.] —"));
    assert!(text.contains("в квадратных скобках [ ]"));
}

#[test]
fn the_shipped_register_marks_what_the_reports_do_not_state() {
    let (_, dir) = Test::with_shipped().args(["build"]).stderr("").run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    // Entries 1-3: the reports say the talks were in Astana and the
    // documents signed after them, not where or on which day.
    assert_eq!(text.matches("Signed at [Astana]").count(), 3, "{text}");
    assert!(!text.contains("Signed at Astana"));
    // Entry 16: adopted, the day, the place and the level inferred.
    assert!(text.contains("Adopted on [8 August 2024] Adopted at [Astana]"));
    assert!(text.contains("Level [interstate]"));
    assert!(!text.contains("is inferred: it is the date of the talks"));
    // No date of signature or adoption prints bare.
    assert!(!text.contains("Signed on 8 August"));
    assert!(!text.contains("Adopted on 8 August"));
    assert!(!text.contains("signed 8 August 2024"));
    assert!(text.contains("Nothing is inferred silently:"));
}

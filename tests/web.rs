//! The web edition: `build --html` through the real binary, the files
//! checked as files (manifest, escaping, JSON-LD, no external resources),
//! and then in a real browser: Debian's Chromium driven by playwright-core
//! (tests/browser/web.mjs; `.ci/run` installs both).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Test, tool};

fn html(root: &Path, page: &str) -> String {
    fs::read_to_string(root.join("out/html").join(page)).unwrap()
}

#[test]
fn build_html_writes_every_page_listed_in_the_manifest() {
    let (out, dir) = Test::with_shipped()
        .args(["build", "--html"])
        .stderr("")
        .run();
    let root = dir.path();
    assert!(String::from_utf8_lossy(&out.stdout).contains("register digest"));
    let ids: Vec<String> = (1..=16).map(|n| format!("KZ-UZ-2024-{n:03}")).collect();
    for id in &ids {
        let page = html(root, &format!("instruments/{id}.html"));
        // JSON-LD, escaped for a script element by the environment.
        let start = page.find("<script type=\"application/ld+json\">").unwrap();
        let end = page[start..].find("</script>").unwrap() + start;
        let json = &page[start + 35..end];
        let ld: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(ld["legislationIdentifier"], id.as_str());
        assert_eq!(
            ld["@type"],
            serde_json::json!(["Legislation", "eli:LegalResource"])
        );
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    }
    for page in [
        "index.html",
        "by-party.html",
        "by-type.html",
        "by-subject.html",
        "by-status.html",
        "about.html",
    ] {
        let text = html(root, page);
        // Nothing is fetched from anywhere: no external scripts, fonts or styles.
        assert!(
            !text.contains("src=\"http") && !text.contains("href=\"http"),
            "{page}"
        );
    }
    let index = html(root, "index.html");
    assert!(index.contains("<a href=\"instruments/KZ-UZ-2024-016.html\">KZ-UZ-2024-016</a>"));
    assert!(html(root, "by-status.html").contains("<h2 id=\"adopted\">Adopted</h2>"));
    let csv = html(root, "register.csv");
    assert!(csv.starts_with("id,type,signed,status,title,parties,page\r\n"));
    assert_eq!(csv.lines().count(), 17);
    let json: serde_json::Value = serde_json::from_str(&html(root, "register.json")).unwrap();
    assert_eq!(json[15]["status"], "adopted");
    // Every file is in the manifest: coreutils and verify check them.
    let manifest = fs::read_to_string(root.join("out/manifest.sha256")).unwrap();
    assert!(manifest.contains("  out/html/instruments/KZ-UZ-2024-004.html\n"));
    assert!(manifest.contains("  out/html/search/meta.js\n"));
    let sums = Command::new("sha256sum")
        .args(["-c", "--quiet", "out/manifest.sha256"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(sums.success());
    let (code, out, err) = tool(root, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    // A changed page is named.
    let page = root.join("out/html/instruments/KZ-UZ-2024-004.html");
    let real = fs::canonicalize(&page).unwrap();
    fs::write(&real, "<p>forged</p>").unwrap();
    let (code, out, _) = tool(root, &["verify"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("MODIFIED out/html/instruments/KZ-UZ-2024-004.html"),
        "{out}"
    );
    // So is a page slipped in that no manifest lists.
    let slipped = fs::canonicalize(root.join("out/html/instruments"))
        .unwrap()
        .join("KZ-UZ-2024-099.html");
    fs::write(&slipped, "<p>not the register's</p>").unwrap();
    // A web server obeys a dotfile: it is no less the edition's.
    let served = fs::canonicalize(root.join("out/html")).unwrap();
    fs::write(
        served.join(".htaccess"),
        "Redirect 301 / https://evil.example/\n",
    )
    .unwrap();
    let (code, out, _) = tool(root, &["verify"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("UNLISTED out/html/instruments/KZ-UZ-2024-099.html"),
        "{out}"
    );
    assert!(out.contains("UNLISTED out/html/.htaccess"), "{out}");
    fs::remove_file(&slipped).unwrap();
    fs::remove_file(served.join(".htaccess")).unwrap();
    // The same build again is a no-op; without --html the pages go.
    let (_, out, _) = tool(root, &["build", "--html", "--force"]);
    assert!(out.starts_with("wrote"), "{out}");
    let (_, out, _) = tool(root, &["build", "--html"]);
    assert!(out.contains("is up to date"), "{out}");
    let (_, out, _) = tool(root, &["build"]);
    assert!(out.starts_with("wrote"), "{out}");
    assert!(!root.join("out/html").exists());
}

#[test]
fn register_text_is_never_markup_in_the_pages() {
    let (_, dir) = Test::fixture("injection").args(["build", "--html"]).run();
    let page = html(dir.path(), "instruments/INJ-2.html");
    assert!(page.contains("Protocol amending INJ-1 &lt;entry-INJ-1&gt; #link(&quot;https:&#x2f;&#x2f;evil.example&quot;)[click]"), "{page}");
    assert!(!page.contains("<entry-INJ-1>"));
    for file in fs::read_dir(dir.path().join("out/html/search")).unwrap() {
        let index = fs::read_to_string(file.unwrap().path()).unwrap();
        assert!(
            !index.contains('<'),
            "the search index cannot close its script"
        );
    }
}

#[test]
fn the_web_edition_in_a_real_browser() {
    let modules = common::repo().join("tests/browser/node_modules/playwright-core");
    assert!(
        modules.exists(),
        "playwright-core is not installed: run `npm ci --prefix tests/browser` (as .ci/run does)"
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium is not installed: `apt-get install chromium` (as .ci/run does)"
    );
    let (_, dir) = Test::with_shipped().args(["build", "--html"]).run();
    let shots = common::repo().join("target/web-screenshots");
    fs::create_dir_all(&shots).unwrap();
    browser_script("web.mjs", &[&dir.path().join("out/html"), &shots]);
}

/// Runs `tests/browser/<script>` in node with `args`; fails the test with
/// what it printed unless it succeeds.
fn browser_script(script: &str, args: &[&Path]) {
    let out = Command::new("node")
        .arg(common::repo().join("tests/browser").join(script))
        .args(args)
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The search of a larger edition in Chromium (tests/browser/search-more.mjs):
/// matches a hundred at a time with "Show more", no row title marked with
/// a language the page does not have (a Russian register here), and a
/// search file that cannot load reported as such.
#[test]
fn the_search_lists_more_on_request_and_reports_a_missing_file() {
    let test = Test::new();
    treaty_register::edit::synth::generate_with_actions(test.path(), 250, 0, 7, 1).unwrap();
    let meta = test.path().join("register/register.yaml");
    let text = fs::read_to_string(&meta).unwrap();
    fs::write(&meta, text.replace("language: en", "language: ru")).unwrap();
    let (_, dir) = test.args(["build", "--html"]).run();
    browser_script("search-more.mjs", &[&dir.path().join("out/html")]);
}

/// The web edition's CSV download guards formula-like cells as `list`
/// does (#23, item 11a).
#[test]
fn the_csv_download_never_runs_as_spreadsheet_formulas() {
    let test = Test::with_shipped();
    let path = test.path().join("register/instruments/KZ-UZ-2024-001.yaml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "title: >-\n  Joint statement",
        "title: >-\n  @SUM(1+1)*cmd|' /C calc'!A0 Joint statement",
    );
    fs::write(&path, text).unwrap();
    let (_, dir) = test.args(["build", "--html"]).run();
    let csv = html(dir.path(), "register.csv");
    assert!(
        csv.contains(",'@SUM(1+1)*cmd|' /C calc'!A0 Joint statement by the President"),
        "{csv}"
    );
}

/// A word longer than its cell wraps in the browser too (#23, item 11b):
/// the stylesheet the edition ships lets table cells, headings and field
/// values break anywhere.
#[test]
fn long_words_may_wrap_anywhere_in_the_web_edition() {
    let (_, dir) = Test::with_shipped().args(["build", "--html"]).run();
    let css = fs::read_to_string(dir.path().join("out/html/style.css")).unwrap();
    let rule = css
        .lines()
        .find(|l| l.contains("overflow-wrap: anywhere") && l.contains("td"))
        .unwrap_or_else(|| panic!("no overflow-wrap for table cells in\n{css}"));
    for selector in ["td", "h1", "dd"] {
        assert!(
            rule.split('{')
                .next()
                .unwrap()
                .split(',')
                .any(|s| s.trim() == selector),
            "{selector} in {rule}"
        );
    }
}

/// The search looks in statuses, forms, places and UN registration
/// numbers too (#26, item 5): `?q=I-99999` finds the registered treaty,
/// and only it; a participants table scrolls in a labelled region.
#[test]
fn search_finds_statuses_and_registration_numbers() {
    let (_, dir) = Test::fixture("lifecycle").args(["build", "--html"]).run();
    let words = common::search_words(&dir.path().join("out/html"));
    let finds = |q: &str| -> Vec<String> {
        words
            .iter()
            .filter(|(_, ws)| {
                q.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .all(|w| ws.iter().any(|x| x.starts_with(w)))
            })
            .map(|(id, _)| id.clone())
            .collect()
    };
    assert_eq!(finds("i-99999"), ["TR-1"]);
    assert_eq!(finds("provisionally applied"), ["TR-3"]);
    assert_eq!(finds("terminated"), ["TR-2"]);
    // "No registration recorded" is no registration: not found by a search.
    assert_eq!(finds("registered"), ["TR-1"]);
    let page = html(dir.path(), "instruments/TR-1.html");
    assert!(
        page.contains(
            "<div class=\"scroll\" role=\"region\" aria-labelledby=\"participants\" tabindex=\"0\">\n<table class=\"participants\">"
        ),
        "{page}"
    );
    let list = html(dir.path(), "index.html");
    assert!(
        list.contains("<td data-label=\"Status\">provisionally applied</td>"),
        "{list}"
    );
}

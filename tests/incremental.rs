//! Incremental builds (#17): a build after an edit typesets only the PDFs
//! whose sources changed and takes the others from the last build, and
//! what it publishes is byte for byte what `build --force` publishes from
//! the same inputs — checked over generated sequences of edits of a small
//! register in small volumes (proptest, the real binary and typst).

mod common;

use std::fs;
use std::path::Path;

use common::{Test, tool, valid_instrument};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Every published file of `out/` (the web edition's pages too), by path,
/// with its bytes.
fn published(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(path: &Path, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
        for e in fs::read_dir(path).unwrap().map(|e| e.unwrap()) {
            let file = e.file_name().to_string_lossy().into_owned();
            if file.starts_with('.') {
                continue;
            }
            let full = format!("{name}/{file}");
            if e.path().is_dir() {
                walk(&e.path(), &full, files);
            } else {
                files.push((full, fs::read(e.path()).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(&dir.join("out"), "out", &mut files);
    files.sort();
    files
}

/// The inode of a published file, to tell a page left in place from one
/// written again.
fn inode(dir: &Path, path: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(dir.join(path)).unwrap().ino()
}

/// The shipped register, built once in volumes of 4 with its web edition.
fn built() -> tempfile::TempDir {
    let (_, dir) = Test::with_shipped().args(["check"]).run();
    build(dir.path(), &[]);
    dir
}

/// `verify` finds nothing wrong in `dir`'s published unit.
fn verified(dir: &Path) {
    let (code, out, err) = tool(dir, &["verify"]);
    assert_eq!(code, 0, "{out}{err}");
}

fn build(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["build", "--html", "--volume-size", "4"];
    all.extend(args);
    let (code, out, err) = tool(dir, &all);
    assert_eq!(code, 0, "{out}{err}");
    out
}

#[derive(Debug, Clone)]
enum Edit {
    Retitle(usize),
    Record(usize),
    Add(usize),
    Remove(usize),
    Foreword,
}

fn apply(dir: &Path, edit: &Edit, step: usize) {
    let instruments = dir.join("register/instruments");
    let mut files: Vec<_> = fs::read_dir(&instruments)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let pick = |i: usize| files[i % files.len()].clone();
    match edit {
        Edit::Retitle(i) => {
            let path = pick(*i);
            let text = fs::read_to_string(&path).unwrap();
            let text = text.replacen("\ntitle: ", &format!("\ntitle: (edit {step}) "), 1);
            fs::write(path, text).unwrap();
        }
        Edit::Record(i) => {
            let path = pick(*i);
            let id = path.file_stem().unwrap().to_string_lossy().into_owned();
            let (code, _, err) = tool(
                dir,
                &[
                    "record",
                    &id,
                    "notification",
                    "--party",
                    "KAZ",
                    "--date",
                    "2024-08-08",
                ],
            );
            // An entry may refuse a second notification of the day: fine.
            assert!(code == 0 || err.contains("error"), "{err}");
        }
        Edit::Add(n) => {
            let id = format!("KZ-UZ-2024-{:03}", 100 + n + step);
            fs::write(
                instruments.join(format!("{id}.yaml")),
                valid_instrument(&id),
            )
            .unwrap();
        }
        Edit::Remove(i) => {
            if files.len() > 2 {
                let path = pick(*i);
                let text = fs::read_to_string(&path).unwrap();
                // Others may relate to it: remove only an entry nobody names.
                let id = path.file_stem().unwrap().to_string_lossy().into_owned();
                let named = files
                    .iter()
                    .any(|f| *f != path && fs::read_to_string(f).unwrap().contains(&id));
                if !named && !text.contains("relations:") {
                    fs::remove_file(path).unwrap();
                }
            }
        }
        Edit::Foreword => {
            let path = dir.join("register/register.yaml");
            let text = fs::read_to_string(&path).unwrap();
            fs::write(
                path,
                text.replacen(
                    "foreword: |-\n",
                    &format!("foreword: |-\n  Edit {step}.\n\n"),
                    1,
                ),
            )
            .unwrap();
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..40usize).prop_map(Edit::Retitle),
        (0..40usize).prop_map(Edit::Record),
        (0..40usize).prop_map(Edit::Add),
        (0..40usize).prop_map(Edit::Remove),
        Just(Edit::Foreword),
    ]
}

#[test]
fn an_incremental_build_publishes_what_a_forced_one_does() {
    let mut runner = TestRunner::new(Config {
        cases: 4,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(edit(), 1..4), |edits| {
            let (_, dir) = Test::with_shipped().args(["check"]).run();
            build(dir.path(), &[]);
            for (step, e) in edits.iter().enumerate() {
                apply(dir.path(), e, step);
                build(dir.path(), &[]);
                let incremental = published(dir.path());
                build(dir.path(), &["--force"]);
                prop_assert!(
                    published(dir.path()) == incremental,
                    "after {edits:?}: the incremental build differs from the forced one"
                );
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn an_edit_typesets_its_volume_and_the_general_volume_only() {
    let (_, dir) = Test::with_shipped().args(["check"]).run();
    let first = build(dir.path(), &[]);
    assert!(!first.contains("unchanged"), "{first}");
    let page = "out/html/instruments/KZ-UZ-2024-001.html";
    let (before, edited) = (
        inode(dir.path(), page),
        inode(dir.path(), "out/html/instruments/KZ-UZ-2024-006.html"),
    );
    let (volume_1, volume_2) = (
        inode(dir.path(), "out/register-vol-01.pdf"),
        inode(dir.path(), "out/register-vol-02.pdf"),
    );
    apply(dir.path(), &Edit::Retitle(5), 0);
    // 16 entries in volumes of 4: No. 6 is in volume 2.
    let out = build(dir.path(), &[]);
    assert!(
        // Typeset again: volume 2 and the general volume (its register
        // digest); not the other volumes, nor the indexes (no titles there).
        out.contains("(5 of 7 PDFs unchanged, not typeset again)"),
        "{out}"
    );
    // An unchanged PDF is the live file, linked into the new unit, not a
    // copy; the edited volume is a new file.
    assert_eq!(inode(dir.path(), "out/register-vol-01.pdf"), volume_1);
    assert_ne!(inode(dir.path(), "out/register-vol-02.pdf"), volume_2);
    // The web edition rewrites the pages that changed, and only those.
    assert_eq!(
        inode(dir.path(), page),
        before,
        "an unchanged page was written again"
    );
    assert_ne!(
        inode(dir.path(), "out/html/instruments/KZ-UZ-2024-006.html"),
        edited
    );
    // A new last entry opens a volume; the earlier ones stay as they are.
    let id = "KZ-UZ-2024-017";
    fs::write(
        dir.path().join(format!("register/instruments/{id}.yaml")),
        valid_instrument(id),
    )
    .unwrap();
    let out = build(dir.path(), &[]);
    assert!(
        out.contains("and 5 volumes (4 of 8 PDFs unchanged"),
        "{out}"
    );
    // --force typesets everything.
    let out = build(dir.path(), &["--force"]);
    assert!(!out.contains("unchanged"), "{out}");
}

#[test]
fn a_published_file_edited_in_place_is_repaired_by_the_next_build() {
    let dir = built();
    let page = dir.path().join("out/html/about.html");
    let original = fs::read(&page).unwrap();
    // An edit that keeps the size, as a slipped keystroke would: only the
    // digest can tell.
    let mut edited = original.clone();
    let at = edited.iter().position(|b| *b == b'>').unwrap() + 1;
    edited[at] = if edited[at] == b'X' { b'Y' } else { b'X' };
    fs::write(&page, &edited).unwrap();
    let (code, out, _) = tool(dir.path(), &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("out/html/about.html"), "{out}");

    let out = build(dir.path(), &[]);
    assert!(!out.contains("is up to date"), "{out}");
    assert!(fs::read(&page).unwrap() == original, "the edit was kept");
    verified(dir.path());
    // And once more with --force, which makes the very generation that is
    // live: the edit is repaired there too.
    fs::write(&page, &edited).unwrap();
    build(dir.path(), &["--force"]);
    assert!(
        fs::read(&page).unwrap() == original,
        "--force kept the edit"
    );
    let out = build(dir.path(), &[]);
    assert!(out.contains("is up to date"), "{out}");
}

#[test]
fn an_edited_manifest_or_a_page_swapped_for_a_link_is_published_again() {
    let dir = built();
    let root = dir.path();
    // manifest.sha256 no longer what manifest.json lists: not up to date.
    let sums = fs::canonicalize(root.join("out/manifest.sha256")).unwrap();
    let mut text = fs::read_to_string(&sums).unwrap().into_bytes();
    text[0] = if text[0] == b'a' { b'b' } else { b'a' };
    fs::write(&sums, text).unwrap();
    let out = build(root, &[]);
    assert!(!out.contains("is up to date"), "{out}");
    verified(root);
    // A page swapped for a link to a copy outside out/: the next build
    // publishes a file of its own there, never the link.
    let page = fs::canonicalize(root.join("out/html/style.css")).unwrap();
    let copy = root.join("elsewhere.css");
    fs::copy(&page, &copy).unwrap();
    fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(&copy, &page).unwrap();
    apply(root, &Edit::Retitle(5), 0);
    build(root, &[]);
    let live = fs::canonicalize(root.join("out/.current"))
        .unwrap()
        .join("html/style.css");
    assert!(fs::symlink_metadata(&live).unwrap().is_file());
    verified(root);
}

#[test]
fn the_live_unit_is_kept_however_its_link_is_written() {
    let dir = built();
    let root = dir.path();
    let current = root.join("out/.current");
    let generation = fs::read_link(&current).unwrap();
    for target in [
        Path::new(".").join(&generation),
        fs::canonicalize(&current).unwrap(),
    ] {
        fs::remove_file(&current).unwrap();
        std::os::unix::fs::symlink(&target, &current).unwrap();
        let out = build(root, &[]);
        assert!(out.contains("is up to date"), "{out}");
        let (code, out, err) = tool(root, &["verify"]);
        assert_eq!(code, 0, "{target:?}: {out}{err}");
    }
}

#[test]
fn a_folder_where_the_unit_keeps_a_link_is_named_not_overwritten() {
    let dir = built();
    let root = dir.path();
    let html = root.join("out/html");
    fs::remove_file(&html).unwrap();
    fs::create_dir(&html).unwrap();
    fs::write(html.join("mine.html"), "<p>mine</p>").unwrap();
    let (code, out, err) = tool(root, &["build", "--html", "--volume-size", "4", "--force"]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(
        err,
        "error: ./out/html is a folder, where the build keeps a link to the published html\n  \
         hint: it is not the tool's: move it out of ./out and build again\n"
    );
    assert_eq!(
        fs::read_to_string(html.join("mine.html")).unwrap(),
        "<p>mine</p>"
    );
}

//! The examples of the docs are the tool's real output: each figure an
//! example prints is checked against a run on the shipped register, so
//! that the docs cannot drift from the tool (docs/auditing.md said 36
//! files when the tool said 37).

mod common;

use common::{Test, tool};

fn doc(name: &str) -> String {
    std::fs::read_to_string(common::repo().join("docs").join(name)).unwrap()
}

#[test]
fn auditing_md_prints_what_the_tool_prints() {
    let (_, dir) = Test::with_shipped().args(["build"]).run();
    let root = dir.path();
    let auditing = doc("auditing.md");
    let (_, verified, _) = tool(root, &["verify"]);
    let line = verified.lines().last().unwrap();
    assert_eq!(
        line, "52 files verified, 0 problems",
        "the example below was written for this"
    );
    assert!(
        auditing.contains(&format!("$ treaty-register verify\n{line}\n")),
        "docs/auditing.md: {line}"
    );
    let (_, pdf, _) = tool(root, &["verify", "--pdf", "out/register.pdf"]);
    let line = pdf.lines().last().unwrap();
    assert!(
        auditing.contains(&format!("\n{line}\n")),
        "docs/auditing.md lacks {line:?}"
    );
    let (_, bag, _) = tool(root, &["bag", "kz-uz-2024"]);
    let count = bag.rsplit('(').next().unwrap().trim_end();
    assert!(
        auditing.contains(&format!(
            "wrote the bag /media/transfer/kz-uz-2024 ({count}\n"
        )),
        "{bag}"
    );
}

//! Checks by independent tools: the shipped entries against the JSON Schema
//! with Python's `jsonschema` (installed by `.ci/run`), so the schema that
//! editors use agrees with the entries `check` accepts.

mod common;

use std::process::Command;

/// Validates every file given on the command line against the schema; YAML
/// is read as editors read it (dates stay text, YAML 1.2 style).
const VALIDATE: &str = r#"
import json, sys, yaml, jsonschema
class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
bad = 0
for path in sys.argv[2:]:
    for err in validator.iter_errors(yaml.load(open(path, encoding="utf-8"), Loader=Loader)):
        print(f"{path}: {err.message}")
        bad += 1
sys.exit(1 if bad else 0)
"#;

fn validate(files: &[std::path::PathBuf]) -> std::process::Output {
    validate_with("schema/instrument.schema.json", files)
}

fn validate_with(schema: &str, files: &[std::path::PathBuf]) -> std::process::Output {
    Command::new("python3")
        .arg("-c")
        .arg(VALIDATE)
        .arg(common::repo().join(schema))
        .args(files)
        .output()
        .expect("python3 runs (installed by .ci/run with jsonschema and pyyaml)")
}

#[test]
fn shipped_entries_satisfy_the_json_schema() {
    let mut files: Vec<_> = std::fs::read_dir(common::repo().join("register/instruments"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 16);
    let out = validate(&files);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_schema_rejects_what_check_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("A-1.yaml");
    let text = common::valid_instrument("A-1")
        .replace("signed:", "sigend:")
        .replace("type: agreement", "type: accord");
    std::fs::write(&file, text).unwrap();
    let out = validate(&[file]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("'signed' is a required property"),
        "{report}"
    );
    assert!(report.contains("'sigend' was unexpected"), "{report}");
    assert!(report.contains("'accord' is not one of"), "{report}");
}

/// `schema/register.schema.json` describes `register.yaml` as `check`
/// reads it: the shipped one and one with every optional field (and
/// `outputs`) pass; what `check` refuses in `outputs` the schema refuses.
#[test]
fn the_register_schema_agrees_with_check() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = common::repo().join("register/register.yaml");
    let full = dir.path().join("full.yaml");
    let text = std::fs::read_to_string(&shipped).unwrap();
    std::fs::write(
        &full,
        format!("{text}authority: Ministry\ntranslations: [ru, kk]\noutputs:\n  web: true\n"),
    )
    .unwrap();
    let out = validate_with("schema/register.schema.json", &[shipped, full.clone()]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // check accepts the same file.
    let test = common::Test::with_shipped().file(
        "register/register.yaml",
        std::fs::read_to_string(&full).unwrap(),
    );
    let (code, _, err) = common::tool(test.path(), &["check"]);
    assert_eq!(code, 0, "{err}");

    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        format!("{text}outputs:\n  web: sure\n  languages: [ru]\n"),
    )
    .unwrap();
    let out = validate_with("schema/register.schema.json", &[bad]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("'sure' is not of type 'boolean'"),
        "{report}"
    );
    assert!(report.contains("'languages' was unexpected"), "{report}");
}

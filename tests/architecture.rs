//! The source tree is the architecture (see `src/lib.rs`): four layers,
//! each a folder, each importing only from the layers below it, and no
//! import circles between modules. This test reads `src/` as text and
//! holds the code to that, so that a shortcut across layers fails CI
//! instead of quietly tangling the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What each top-level module may import from (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("support", &["error"]),
    ("register", &["error", "support"]),
    ("audit", &["error", "support", "register"]),
    ("publish", &["error", "support", "register", "audit"]),
    ("edit", &["error", "support", "register", "audit"]),
    (
        "cli",
        &["error", "support", "register", "audit", "publish", "edit"],
    ),
    (
        "cmd",
        &[
            "error", "support", "register", "audit", "publish", "edit", "cli",
        ],
    ),
];

/// Every module of the crate (`register::decode::values`) with its source,
/// test modules and comments left out.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(parts.join("::"), code);
        }
    }
    out
}

/// The paths named after `crate::` in `code`, groups expanded:
/// `crate::register::{load, model::Instrument}` names `register::load` and
/// `register::model::Instrument`. (Nested groups are not used here.)
fn crate_paths(code: &str) -> Vec<String> {
    let is_path = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let prefix: String = rest.chars().take_while(|c| is_path(*c)).collect();
        match rest[prefix.len()..].strip_prefix('{') {
            Some(group) => {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let item: String = item.trim().chars().take_while(|c| is_path(*c)).collect();
                    let item = item.trim_start_matches("self");
                    paths.push(format!("{prefix}{item}").trim_end_matches(':').to_owned());
                }
            }
            None => paths.push(prefix.trim_end_matches(':').to_owned()),
        }
    }
    paths
}

/// Module-to-module imports, leaving out those between a module and its
/// own ancestors or descendants (a folder and its files are one unit).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let resolve = |path: &str| {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|k| parts[..k].join("::"))
            .find(|m| modules.contains_key(m))
    };
    let related = |a: &str, b: &str| {
        a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &modules {
        let targets = graph.entry(module.clone()).or_default();
        for path in crate_paths(&absolute(module, code)) {
            if let Some(target) = resolve(&path)
                && !target.is_empty()
                && !related(module, &target)
            {
                targets.insert(target);
            }
        }
    }
    graph
}

/// `code` with its `super::` paths written from the crate's root, so that
/// imports between sibling files (`super::context` in `render::acts`) are
/// seen as well as `crate::` ones.
fn absolute(module: &str, code: &str) -> String {
    let parent = |m: &str| {
        m.rsplit_once("::")
            .map_or(String::new(), |(p, _)| p.to_owned())
    };
    let root = |m: String| {
        if m.is_empty() {
            "crate::".to_owned()
        } else {
            format!("crate::{m}::")
        }
    };
    code.replace("super::super::", &root(parent(&parent(module))))
        .replace("super::", &root(parent(module)))
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn layers_import_only_from_layers_below() {
    let mut wrong = Vec::new();
    for (module, targets) in imports() {
        if module.is_empty() {
            continue; // lib.rs, the crate root, ties everything together
        }
        let allowed = ALLOWED
            .iter()
            .find(|(m, _)| *m == top(&module))
            .map(|(_, a)| *a)
            .unwrap_or_else(|| panic!("src/{module}: a top-level module not in ALLOWED"));
        for target in targets {
            if top(&target) != top(&module) && !allowed.contains(&top(&target)) {
                wrong.push(format!("{module} imports {target}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports across layers: {wrong:#?}");
}

#[test]
fn no_import_circles() {
    let graph = imports();
    // Depth-first search; a module met again while still on the path
    // closes a circle.
    fn visit<'g>(
        m: &'g str,
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
        circles: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            circles.push(format!("{} -> {m}", path[at..].join(" -> ")));
            return;
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, path, done, circles);
        }
        path.pop();
    }
    let mut circles = Vec::new();
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(circles.is_empty(), "import circles: {circles:#?}");
}

/// The checker itself: a planted circle and a planted layer breach are found.
#[test]
fn the_checks_see_what_they_look_for() {
    assert_eq!(
        crate_paths(
            "use crate::register::{self, load, model::Instrument};\n\
             let x = crate::support::digest::hex(b);"
        ),
        [
            "register",
            "register::load",
            "register::model::Instrument",
            "support::digest::hex"
        ]
    );
    assert_eq!(
        absolute("publish::render::acts", "use super::{text::flat, types};"),
        "use crate::publish::render::{text::flat, types};"
    );
    let graph = imports();
    assert!(graph["publish::render::entry"].contains("publish::render::acts"));
    assert!(graph["publish::build"].contains("audit::inputs"));
    assert!(graph["register::check"].contains("register::load"));
    assert!(!graph["register::decode::values"].contains("register::decode"));
}

//! The layers point one way: engine (bank, blueprint, diag, exam, notes, score, stats, study) <- store <- app <- ui,
//! with commands, launch, tui, print, format and cli on top. A module may use its own layer and those
//! below it; this test reads every source file and fails on an import that points up.

use std::collections::BTreeSet;
use std::path::Path;

const ENGINE: &[&str] = &[
    "bank",
    "blueprint",
    "diag",
    "exam",
    "notes",
    "score",
    "stats",
    "study",
];
/// What each lower layer must not reach.
const RULES: &[(&[&str], &[&str])] = &[
    (
        ENGINE,
        &[
            "store", "app", "ui", "commands", "launch", "tui", "print", "format", "cli",
        ],
    ),
    (
        &["store"],
        &["app", "ui", "commands", "launch", "tui", "print", "format", "cli"],
    ),
    (&["app"], &["ui", "commands", "launch", "tui", "print", "cli"]),
    (&["ui"], &["commands", "launch", "tui", "cli"]),
    (&["commands"], &["launch", "tui"]),
];

/// The top-level modules a file names through `crate::`.
fn uses(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        } else {
            found.insert(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    found
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_point_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut wrong = Vec::new();
    for path in &all {
        let rel = path.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        for (layer, forbidden) in RULES {
            if layer.contains(&module.as_str()) {
                for used in uses(&text) {
                    if forbidden.contains(&used.as_str()) {
                        wrong.push(format!("{} uses crate::{used}", rel.display()));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up a layer:\n{}",
        wrong.join("\n")
    );
    assert!(all.len() > 30, "read only {} files", all.len());
}

#[test]
fn the_checker_sees_grouped_and_plain_imports() {
    let found =
        uses("use crate::{ui::View, store};\nfn f() { crate::app::go(); }\n// crate::cli in a comment\n");
    assert_eq!(
        found,
        ["app", "store", "ui"].into_iter().map(String::from).collect()
    );
}

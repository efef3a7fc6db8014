//! Moving history between machines: export on one, import on another; twice, or one's own export,
//! changes nothing; a file that is not an export writes nothing.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use proctor::app::HistoryAccess;
use proctor::cli::ExamArgs;
use proctor::launch::{Start, build_app_seeded};
use proctor::store::Store;

fn proctor(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("--data-dir")
        .arg(data)
        .args(["--bank", "tests/fixtures/ui/bank"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PROCTOR_CONFIG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A finished exam with wrong answers and one in progress.
fn history(dir: &Path) {
    for (seed, keys) in [(1, "anbnsy"), (2, "am")] {
        let start = Start::Exam(ExamArgs {
            questions: Some(4),
            seed: Some(seed),
            ..ExamArgs::default()
        });
        let store = HistoryAccess::Open(Store::open_dir(dir).unwrap());
        let mut app = build_app_seeded(
            bank("ui"),
            &start,
            proctor::app::FakeClock::new(),
            Some(store),
            seed,
        )
        .unwrap();
        press(&mut app, keys);
    }
}

#[test]
fn import_merges_once_and_rebuilds_reviews() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    history(a.path());
    let file = a.path().join("export.json");
    let (code, _, err) = proctor(
        a.path(),
        &["export", "--format", "json", "--out", file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let file = file.to_str().unwrap();

    let (code, out, err) = proctor(b.path(), &["import", file]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Imported 2 attempt(s); skipped 0"), "{out}");
    let (_, out, _) = proctor(b.path(), &["import", file]);
    assert!(
        out.starts_with("Imported 0 attempt(s); skipped 2"),
        "twice changes nothing: {out}"
    );
    let (_, out, _) = proctor(a.path(), &["import", file]);
    assert!(
        out.starts_with("Imported 0 attempt(s); skipped 2"),
        "its own export changes nothing: {out}"
    );

    let strip = |json: &str| {
        let mut doc: serde_json::Value = serde_json::from_str(json).unwrap();
        for a in doc.as_array_mut().unwrap() {
            a.as_object_mut().unwrap().remove("id");
        }
        doc
    };
    let (_, on_a, _) = proctor(a.path(), &["history", "--json"]);
    let (_, on_b, _) = proctor(b.path(), &["history", "--json"]);
    assert_eq!(strip(&on_a), strip(&on_b), "the same attempts, uids and scores");
    let (_, due_a, _) = proctor(a.path(), &["review", "--list"]);
    let (_, due_b, _) = proctor(b.path(), &["review", "--list"]);
    assert!(!due_a.is_empty());
    assert_eq!(due_a, due_b, "review cards rebuilt from the answers");
}

#[test]
fn a_file_that_is_not_an_export_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("history");
    for content in ["not json", "{\"attempts\": 1}", "[{\"mode\": \"exam\"}]"] {
        let file = dir.path().join("bad.json");
        std::fs::write(&file, content).unwrap();
        let (code, _, err) = proctor(&data, &["import", file.to_str().unwrap()]);
        assert_eq!(code, 2, "{content}");
        assert!(err.contains("not a Proctor export"), "{err}");
        assert!(!data.exists(), "nothing was created for {content}");
    }
}

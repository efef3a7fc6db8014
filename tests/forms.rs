//! Domains and fixed practice tests on a Go bank written from docs/bank-format.md.

use std::collections::HashSet;
use std::process::Command;

const GO: &str = "tests/fixtures/golang/bank";

fn proctor(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PROCTOR_BANK")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn form(k: usize, seed: &str) -> serde_json::Value {
    let (code, out, err) = proctor(&[
        "--bank",
        GO,
        "exam",
        "--print",
        "--format",
        "json",
        "--form",
        &k.to_string(),
        "--seed",
        seed,
    ]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn ids(doc: &serde_json::Value) -> Vec<String> {
    doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_prints_domain_shares_tasks_and_forms() {
    let (code, out, err) = proctor(&["--bank", GO, "check", "--strict"]);
    assert_eq!((code, err.as_str()), (0, "check: 0 error(s), 0 warning(s)\n"));
    assert!(out.contains("domains:        questions  share  weight share\n  language                    10   62.5%   60.0%\n  tooling                      6   37.5%   40.0%\n"), "{out}");
    assert!(out.contains("tasks:\n  L1                           6\n  L2                           4\n  T1                           6\n"), "{out}");
    assert!(out.contains("practice tests: 3\n"), "{out}");
}

#[test]
fn forms_are_disjoint_on_the_blueprint_and_always_the_same() {
    let mut all = HashSet::new();
    for k in 1..=3 {
        let doc = form(k, "1");
        assert_eq!(doc["exam"]["form"], k);
        assert_eq!(doc["exam"]["minutes"], 10);
        let questions = doc["questions"].as_array().unwrap();
        assert_eq!(questions.len(), 5);
        let language = questions.iter().filter(|q| q["domain"] == "language").count();
        assert_eq!(language, 3, "60% of 5 from the language domain");
        assert!(questions.iter().all(|q| q["task"].is_string()));
        let set: HashSet<String> = ids(&doc).into_iter().collect();
        assert_eq!(
            set,
            ids(&form(k, "99")).into_iter().collect(),
            "another seed reorders, same questions"
        );
        assert!(all.is_disjoint(&set), "form {k} overlaps an earlier one");
        all.extend(set);
    }
    assert_eq!(all.len(), 15, "one question of 16 is left for drills");
}

#[test]
fn form_out_of_range_or_missing_is_a_usage_error() {
    for k in ["0", "4"] {
        let (code, _, err) = proctor(&["--bank", GO, "exam", "--print", "--form", k]);
        assert_eq!(code, 2);
        assert_eq!(err, format!("proctor: --form must be from 1 to 3, found {k}\n"));
    }
    let (code, _, err) = proctor(&[
        "--bank",
        "tests/fixtures/k8s/bank",
        "exam",
        "--print",
        "--form",
        "1",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("this bank has no practice tests ([exam] forms in bank.toml)"),
        "{err}"
    );
}

/// The Go bank copied with one change, checked: the first error line, with the folder shown as BANK.
fn check_changed(file: &str, from: &str, to: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golang");
    std::fs::copy(src.join("notes.md"), dir.path().join("notes.md")).unwrap();
    for name in ["bank.toml", "questions.toml"] {
        let text = std::fs::read_to_string(src.join("bank").join(name)).unwrap();
        let text = if name == file {
            text.replacen(from, to, 1)
        } else {
            text
        };
        std::fs::write(bank.join(name), text).unwrap();
    }
    let (code, _, err) = proctor(&["--bank", bank.to_str().unwrap(), "check"]);
    assert_eq!(code, 1, "{err}");
    err.lines()
        .next()
        .unwrap()
        .replace(&bank.display().to_string(), "BANK")
}

#[test]
fn domain_and_task_faults_are_located() {
    assert_eq!(
        check_changed("questions.toml", "domain = \"language\"\n", ""),
        "BANK/questions.toml:2:6: error: question \"slice-append-01\" needs domain = \"...\" (the bank declares: language, tooling)"
    );
    assert_eq!(
        check_changed("questions.toml", "domain = \"language\"", "domain = \"lang\""),
        "BANK/questions.toml:4:10: error: unknown domain \"lang\" (expected one of: language, tooling)"
    );
    assert_eq!(
        check_changed("questions.toml", "task = \"L1\"", "task = \"T1\""),
        "BANK/questions.toml:5:8: error: task \"T1\" is not a task of domain \"language\" (its tasks: L1, L2)"
    );
    assert_eq!(
        check_changed("bank.toml", "forms = 3", "forms = 4"),
        "BANK/bank.toml:10:9: error: 4 practice tests of 5 questions: domain \"language\" has 10 question(s) but the forms need 12 (2 short); add questions or lower forms"
    );
}

#[test]
fn a_domain_on_a_bank_without_domains_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/k8s");
    let bank = dir.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    std::fs::copy(src.join("notes.md"), dir.path().join("notes.md")).unwrap();
    for e in std::fs::read_dir(src.join("bank")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), bank.join(e.file_name())).unwrap();
    }
    let path = bank.join("a-workloads.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("pillar = ", "domain = \"x\"\npillar = ", 1);
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = proctor(&["--bank", bank.to_str().unwrap(), "check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("a-workloads.toml:3:10: error: this bank declares no [[domain]] in bank.toml, so questions take no domain or task"),
        "{err}"
    );
}

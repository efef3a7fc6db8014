//! The built binary: `exam --print`, exit codes and messages.

use std::process::{Command, Output};

fn proctor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PROCTOR_BANK")
        .env(
            "PROCTOR_DATA_DIR",
            std::env::temp_dir().join("proctor-cli-tests-unused"),
        )
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

const K8S: &str = "tests/fixtures/k8s/bank";

#[test]
fn printed_json_is_identical_run_to_run_and_changes_with_the_seed() {
    let args = [
        "exam", "--print", "--format", "json", "--seed", "42", "--bank", K8S,
    ];
    let first = proctor(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(stdout(&first), stdout(&proctor(&args)));
    let other = proctor(&[
        "exam", "--print", "--format", "json", "--seed", "7", "--bank", K8S,
    ]);
    assert_ne!(stdout(&first), stdout(&other));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&first)).unwrap();
    assert_eq!(doc["exam"]["seed"], 42);
    assert_eq!(doc["exam"]["minutes"], 8);
    assert_eq!(doc["exam"]["code"], "K8S-101");
    let questions = doc["questions"].as_array().unwrap();
    // 4 questions at weights workloads 2 : networking 1 (extra has weight 0): 3 + 1.
    assert_eq!(questions.len(), 4);
    let workloads = questions.iter().filter(|q| q["pillar"] == "workloads").count();
    assert_eq!(workloads, 3);
    assert!(questions.iter().all(|q| q["pillar"] != "extra"));
    for q in questions {
        let options = q["options"].as_array().unwrap();
        let correct = options.iter().filter(|o| o["correct"] == true).count();
        assert_eq!(q["select"], correct);
        let letters: Vec<&str> = options.iter().map(|o| o["letter"].as_str().unwrap()).collect();
        assert_eq!(letters, ["A", "B", "C", "D", "E", "F"][..options.len()]);
    }
    // `shuffle = false` keeps the written order.
    let fixed = questions.iter().find(|q| q["id"] == "k8s-deploy-01");
    if let Some(q) = fixed {
        assert_eq!(q["options"][0]["text"], "maxUnavailable: 0");
    }
}

#[test]
fn the_bundled_full_exam_follows_the_pillar_weights() {
    let out = proctor(&["exam", "--print", "--format", "json", "--seed", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let questions = doc["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 65);
    assert_eq!(doc["exam"]["minutes"], 130);
    let count = |p: &str| questions.iter().filter(|q| q["pillar"] == p).count();
    // Largest remainder of 65 over 28/24/23/19/4/2.
    assert_eq!(
        [
            count("security"),
            count("reliability"),
            count("performance"),
            count("cost"),
            count("operational-excellence"),
            count("sustainability")
        ],
        [18, 16, 15, 12, 3, 1]
    );
    let mut ids: Vec<&str> = questions.iter().map(|q| q["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 65, "no question twice");
}

#[test]
fn markdown_has_questions_then_an_answer_key() {
    let out = proctor(&[
        "exam",
        "--print",
        "--seed",
        "3",
        "--questions",
        "2",
        "--bank",
        K8S,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with(
        "# Kubernetes Practice (K8S-101): practice exam\n\n2 questions, 4 minutes, pass mark 700/1000"
    ));
    let key = text.find("# Answer key").expect("answer key");
    assert!(text.find("## Question 2").unwrap() < key);
    assert!(text[key..].contains("## 1. "));
    assert!(text[key..].contains("Notes: "));
}

#[test]
fn filters_pick_a_pillar_or_a_notes_section() {
    let out = proctor(&[
        "exam", "--print", "--format", "json", "--seed", "1", "--bank", K8S, "--pillar", "extra",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["k8s-pv-01"]);
    assert_eq!(
        stderr(&out),
        "note: only 1 questions match; the exam has 1 instead of 4\n"
    );

    let out = proctor(&[
        "exam",
        "--print",
        "--format",
        "json",
        "--seed",
        "1",
        "--bank",
        K8S,
        "--section",
        "networking",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut ids: Vec<&str> = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["k8s-netpol-01", "k8s-services-01"]);
}

#[test]
fn bad_options_are_usage_errors() {
    let out = proctor(&["exam", "--print", "--bank", K8S, "--pillar", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "proctor: unknown pillar \"nope\" (expected one of: workloads, networking, extra)\n"
    );
    let out = proctor(&["exam", "--print", "--bank", K8S, "--section", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("proctor: \"nope\" matches no heading in"));
    let out = proctor(&["exam", "--print", "--bank", K8S, "--questions", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let out = proctor(&["exam", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "--format needs --print");
}

#[test]
fn an_invalid_bank_stops_print_with_its_errors() {
    let out = proctor(&["exam", "--print", "--bank", "tests/fixtures/faults/no-correct"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("proctor: tests/fixtures/faults/no-correct/questions.toml:2:6: error:"));
    assert!(stdout(&out).is_empty());
}

#[test]
fn interactive_commands_need_a_terminal() {
    for args in [&[][..], &["exam"][..], &["drill"][..], &["notes"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_proctor"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&out),
            "proctor: this command needs a terminal (standard input and output must be a tty); `proctor exam --print` makes a paper exam instead\n"
        );
    }
}


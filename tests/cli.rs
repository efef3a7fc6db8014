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
    // `shuffle = false` keeps the written order, whatever the seed: draw all six questions to be sure
    // the one that says so is there.
    for seed in ["1", "2", "3"] {
        let out = proctor(&[
            "exam",
            "--print",
            "--format",
            "json",
            "--seed",
            seed,
            "--bank",
            K8S,
            "--questions",
            "6",
        ]);
        let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let q = doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == "k8s-deploy-01")
            .expect("all six questions are drawn");
        assert_eq!(q["options"][0]["text"], "maxUnavailable: 0");
    }
}

#[test]
fn the_bundled_full_exam_follows_the_domain_weights() {
    let out = proctor(&["exam", "--print", "--format", "json", "--seed", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let questions = doc["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 65);
    assert_eq!(doc["exam"]["minutes"], 130);
    let count = |d: &str| questions.iter().filter(|q| q["domain"] == d).count();
    // Largest remainder of 65 over the exam guide's 30/26/24/20.
    assert_eq!(
        [
            count("secure"),
            count("resilient"),
            count("high-performing"),
            count("cost-optimized")
        ],
        [19, 17, 16, 13]
    );
    assert!(
        questions.iter().all(|q| q["task"].is_string()),
        "every question names its task"
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
    let out = proctor(&["review", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "proctor: --limit must be at least 1\n");
    let out = proctor(&["drill", "--list", "--questions", "0", "--bank", K8S]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "proctor: --questions must be at least 1\n");
    let out = proctor(&["drill", "--list", "--bank", K8S, "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).ends_with("(a drill topic is a pillar id or a notes ref)\n"),
        "{}",
        stderr(&out)
    );
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
    for args in [
        &[][..],
        &["exam"][..],
        &["drill"][..],
        &["notes"][..],
        &["review", "--limit", "5"][..],
    ] {
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

fn with_data(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn history_commands_on_a_new_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new");
    let out = with_data(&data, &["history"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        format!("No attempts yet in {}.\n", data.join("history.db").display())
    );
    assert_eq!(stdout(&with_data(&data, &["history", "--json"])), "[]\n");
    assert_eq!(stdout(&with_data(&data, &["review", "--list"])), "");
    let out = with_data(&data, &["export", "--format", "csv"]);
    assert_eq!(
        stdout(&out),
        "attempt_id,mode,bank_code,started_at,finished_at,status,attempt_scaled,attempt_passed,position,question_id,pillar,section,chosen,correct,marked,seconds,shown_order,correct_letters,unsure\n"
    );
}

#[test]
fn a_damaged_history_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("history.db");
    std::fs::write(&file, "not sqlite at all").unwrap();
    for args in [
        &["history"][..],
        &["review", "--list"][..],
        &["export", "--format", "json"][..],
    ] {
        let out = with_data(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let message = stderr(&out);
        assert!(
            message.starts_with(&format!(
                "proctor: {}: not a Proctor history database",
                file.display()
            )),
            "{message}"
        );
        assert!(
            message.contains(&format!("mv {} {}.bak", file.display(), file.display())),
            "{message}"
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not sqlite at all");
}

#[test]
fn an_unusable_data_folder_is_a_clear_error_for_history_commands() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let out = with_data(&not_a_folder, &["history"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot use the data folder"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--data-dir"), "{}", stderr(&out));
}

#[test]
fn export_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    std::fs::write(&target, "keep me").unwrap();
    let out = with_data(
        dir.path(),
        &["export", "--format", "csv", "--out", target.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "proctor: {} already exists; choose another name or move it aside\n",
            target.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let fresh = dir.path().join("fresh.json");
    let out = with_data(
        dir.path(),
        &["export", "--format", "json", "--out", fresh.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "[]\n");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// The clock follows the questions drawn, not the questions asked for.
#[test]
fn the_time_limit_follows_the_questions_drawn() {
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "exam", "--print", "--format", "json", "--seed", "1", "--bank", K8S,
        ];
        args.extend_from_slice(extra);
        serde_json::from_str(&stdout(&proctor(&args))).unwrap()
    };
    let doc = json(&["--questions", "40"]);
    // Five questions are in pillars an exam draws from (the sixth is drills only).
    assert_eq!(doc["questions"].as_array().unwrap().len(), 5);
    // 8 minutes for 4 questions is 2 a question: 5 drawn get 10, not the 80 that 40 would.
    assert_eq!(doc["exam"]["minutes"], 10);
    let out = proctor(&[
        "exam",
        "--print",
        "--seed",
        "1",
        "--bank",
        K8S,
        "--questions",
        "40",
    ]);
    assert!(
        stdout(&out).contains("5 questions, 10 minutes"),
        "{}",
        stdout(&out)
    );
    let doc = json(&["--questions", "40", "--minutes", "7"]);
    assert_eq!(doc["exam"]["minutes"], 7, "--minutes is taken as given");
}

/// `exam --print` keeps a code block exactly as written; JSON keeps the raw Markdown.
#[test]
fn print_keeps_code_blocks_as_written() {
    let bank = "tests/fixtures/devops/bank";
    let md = stdout(&proctor(&["exam", "--print", "--seed", "1", "--bank", bank]));
    assert!(
        md.contains("```yaml\napiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 4\n"),
        "{md}"
    );
    let json = stdout(&proctor(&[
        "exam", "--print", "--format", "json", "--seed", "1", "--bank", bank,
    ]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let prompts: Vec<&str> = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["prompt"].as_str().unwrap())
        .collect();
    assert!(
        prompts
            .iter()
            .any(|p| p.contains("```console\n$ kubectl get pod api-7c9\n")),
        "{prompts:?}"
    );
}

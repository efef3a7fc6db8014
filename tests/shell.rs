//! The shell and bank authors: completion scripts, the man page, JSON diagnostics, a new bank.

use std::process::{Command, Output};

fn proctor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PROCTOR_BANK")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn completion_scripts_name_every_subcommand_and_load_in_bash() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = proctor(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        for sub in [
            "exam", "drill", "review", "history", "export", "notes", "check", "new", "man",
        ] {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
    }
    // Values of enum flags are completed too.
    assert!(stdout(&proctor(&["completions", "bash"])).contains("markdown json"));
    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("proctor.bash");
        std::fs::write(&script, proctor(&["completions", "bash"]).stdout).unwrap();
        let loaded = Command::new("bash")
            .arg("-c")
            .arg(format!("source {} && complete -p proctor", script.display()))
            .output()
            .expect("bash runs");
        assert!(
            loaded.status.success(),
            "{}",
            String::from_utf8_lossy(&loaded.stderr)
        );
        assert!(String::from_utf8_lossy(&loaded.stdout).contains("proctor"));
    }
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let out = proctor(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.contains(".TH proctor 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in ["proctor\\-exam", "proctor\\-check", "proctor\\-completions"] {
        assert!(page.contains(sub), "{sub} in:\n{page}");
    }
}

#[test]
fn check_prints_json_diagnostics_with_the_same_exit_codes() {
    let out = proctor(&[
        "check",
        "--format",
        "json",
        "--bank",
        "tests/fixtures/faults/bad-difficulty",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        doc["diagnostics"][0],
        serde_json::json!({
            "file": "tests/fixtures/faults/bad-difficulty/questions.toml",
            "line": 6,
            "column": 14,
            "severity": "error",
            "message": "difficulty must be 1, 2 or 3, found 5",
        })
    );
    assert_eq!(
        (doc["errors"].as_u64(), doc["warnings"].as_u64()),
        (Some(1), Some(0))
    );
    let out = proctor(&[
        "check",
        "--format",
        "json",
        "--bank",
        "tests/fixtures/faults/warnings",
    ]);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["warnings"], 3);
    assert_eq!(doc["diagnostics"][2]["line"], 9);
    let out = proctor(&[
        "check",
        "--format",
        "json",
        "--strict",
        "--bank",
        "tests/fixtures/faults/warnings",
    ]);
    assert_eq!(out.status.code(), Some(1), "--strict makes them errors");
}

#[test]
fn a_new_bank_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("my-bank");
    let out = proctor(&["new", bank.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("proctor --bank"), "says what to do next");
    let check = proctor(&["--bank", bank.to_str().unwrap(), "check", "--strict"]);
    assert_eq!(
        String::from_utf8_lossy(&check.stderr),
        "check: 0 error(s), 0 warning(s)\n"
    );
    let again = proctor(&["new", bank.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

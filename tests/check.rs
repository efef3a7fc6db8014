//! `proctor check` on fixture banks: one fixture per fault, each with its exact diagnostic.

use std::process::{Command, Output};

fn proctor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PROCTOR_BANK")
        .output()
        .expect("the binary runs")
}

fn check(bank: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "--bank", bank];
    args.extend_from_slice(extra);
    let out = proctor(&args);
    (
        out.status.code().expect("exited"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const FAULTS: &[(&str, &str)] = &[
    (
        "syntax",
        "questions.toml:5:23: error: invalid basic string, expected `\"`",
    ),
    (
        "unknown-key",
        "questions.toml:9:1: error: unknown field `corect`, expected one of `text`, `correct`, `why`",
    ),
    ("missing-key", "questions.toml:7:1: error: missing field `why`"),
    (
        "wrong-type",
        "questions.toml:6:14: error: invalid type: string \"hard\", expected i64",
    ),
    (
        "not-utf8",
        "questions.toml:5:17: error: the file is not valid UTF-8; save it with UTF-8 encoding",
    ),
    (
        "duplicate-id",
        "questions.toml:18:6: error: duplicate question id \"q-one\" (first defined at tests/fixtures/faults/duplicate-id/questions.toml:2:6)",
    ),
    (
        "malformed-id",
        "questions.toml:2:6: error: question id \"S3_Enc\" may only use a-z, 0-9 and - (and not be empty)",
    ),
    (
        "unknown-pillar",
        "questions.toml:3:10: error: unknown pillar \"cor\" (expected one of: core)",
    ),
    (
        "unresolved-ref",
        "questions.toml:4:9: error: ref \"storage/backups\" matches no heading in tests/fixtures/faults/notes.md",
    ),
    (
        "ambiguous-ref",
        "questions.toml:4:9: error: ref \"encryption\" is ambiguous; it could mean: fault-notes/storage/encryption, fault-notes/network/encryption",
    ),
    (
        "too-few-options",
        "questions.toml:2:6: error: question \"q-one\" has 1 option; a question takes 2 to 6 (shown as A-F)",
    ),
    (
        "too-many-options",
        "questions.toml:2:6: error: question \"q-one\" has 7 options; a question takes 2 to 6 (shown as A-F)",
    ),
    (
        "no-correct",
        "questions.toml:2:6: error: question \"q-one\" has no correct option; mark one with correct = true",
    ),
    (
        "all-correct",
        "questions.toml:2:6: error: every option of question \"q-one\" is correct; at least one must be wrong",
    ),
    ("empty-prompt", "questions.toml:5:10: error: prompt is empty"),
    ("empty-option", "questions.toml:8:8: error: option text is empty"),
    (
        "empty-why",
        "questions.toml:10:7: error: why is empty; say why this option is right or wrong",
    ),
    (
        "duplicate-option",
        "questions.toml:18:8: error: duplicate option text (same as option A)",
    ),
    (
        "bad-difficulty",
        "questions.toml:6:14: error: difficulty must be 1, 2 or 3, found 5",
    ),
    (
        "missing-notes",
        "bank.toml:7:9: error: notes file tests/fixtures/faults/missing-notes/missing.md cannot be read (not found); fix the path or pass --notes FILE",
    ),
    (
        "duplicate-pillar",
        "bank.toml:15:6: error: duplicate pillar id \"core\" (first declared at tests/fixtures/faults/duplicate-pillar/bank.toml:10:6)",
    ),
    (
        "negative-weight",
        "bank.toml:12:10: error: pillar weight must be from 0 to 1000000, found -3",
    ),
    (
        "pass-mark-range",
        "bank.toml:6:13: error: pass_mark must be on the scaled 100-1000 score, found 1001",
    ),
];

#[test]
fn every_fault_has_its_own_located_error_and_exit_1() {
    for (name, expected) in FAULTS {
        let dir = format!("tests/fixtures/faults/{name}");
        let (code, stdout, stderr) = check(&dir, &[]);
        let want = format!("{dir}/{expected}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines[0], want, "fixture {name}: stderr was\n{stderr}");
        assert_eq!(code, 1, "fixture {name}");
        assert!(stdout.is_empty(), "fixture {name}: no summary on error");
        assert!(!stderr.contains("panicked"), "fixture {name}");
    }
}

#[test]
fn warnings_pass_unless_strict() {
    let dir = "tests/fixtures/faults/warnings";
    let expected = [
        format!(
            "{dir}/bank.toml:10:6: warning: pillar \"core\" has 1 question(s), but a full 3-question exam draws 3 from it at weight 1"
        ),
        format!(
            "{dir}/bank.toml:4:13: warning: a full exam has 3 questions but the bank has only 1 in pillars with a weight above 0"
        ),
        "tests/fixtures/faults/notes.md:9:1: warning: notes section \"Network\" is cited by no question"
            .to_string(),
        "check: 0 error(s), 3 warning(s)".to_string(),
    ];
    let (code, stdout, stderr) = check(dir, &[]);
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Faults (F-1)\nquestions: 1\n"));

    let (code, stdout, stderr) = check(dir, &["--strict"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().filter(|l| l.contains(": error: ")).count(), 3);
    assert!(stderr.ends_with("check: 3 error(s), 0 warning(s)\n"));
}

#[test]
fn a_bank_written_by_someone_else_checks_clean() {
    let (code, stdout, stderr) = check("tests/fixtures/k8s/bank", &["--strict"]);
    assert_eq!(stderr, "check: 0 error(s), 0 warning(s)\n");
    assert_eq!(code, 0);
    assert!(
        stdout.contains("questions: 6\nmultiple-response: 1 (16.7%)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("     3  Workloads  (workloads)\n"), "{stdout}");
}

#[test]
fn notes_override_replaces_the_manifest_path() {
    let (code, _, stderr) = check(
        "tests/fixtures/faults/missing-notes",
        &["--notes", "tests/fixtures/faults/notes.md"],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = check("tests/fixtures/k8s/bank", &["--notes", "nope.md"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("nope.md: error: notes file nope.md cannot be read (not found)"),
        "{stderr}"
    );
}

#[test]
fn a_missing_bank_folder_is_a_clear_error() {
    let (code, _, stderr) = check("tests/fixtures/no-such-bank", &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("tests/fixtures/no-such-bank: error: cannot read the bank folder:"),
        "{stderr}"
    );
}

#[test]
fn the_bundled_bank_checks_clean() {
    let out = proctor(&["check", "--strict"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.ends_with("check: 0 error(s), 0 warning(s)\n"), "{stderr}");
}

#[test]
fn no_truncation_or_corruption_of_a_file_panics() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/k8s");
    let questions = std::fs::read(src.join("bank/a-workloads.toml")).unwrap();
    let manifest = std::fs::read(src.join("bank/bank.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bank_dir = dir.path().join("bank");
    std::fs::create_dir(&bank_dir).unwrap();
    std::fs::copy(src.join("notes.md"), dir.path().join("notes.md")).unwrap();
    let options = proctor::bank::LoadOptions {
        source: proctor::bank::BankSource::Dir(bank_dir.clone()),
        notes: None,
    };
    for cut in (0..questions.len()).step_by(5) {
        // A truncated question file, and the same file with one byte flipped to invalid UTF-8.
        std::fs::write(bank_dir.join("bank.toml"), &manifest).unwrap();
        std::fs::write(bank_dir.join("q.toml"), &questions[..cut]).unwrap();
        let _ = proctor::bank::load(&options);
        let mut flipped = questions.clone();
        flipped[cut] = 0xff;
        std::fs::write(bank_dir.join("q.toml"), &flipped).unwrap();
        let loaded = proctor::bank::load(&options);
        assert!(loaded.errors() > 0, "a non-UTF-8 byte at {cut} is an error");
    }
    for cut in (0..manifest.len()).step_by(3) {
        std::fs::write(bank_dir.join("bank.toml"), &manifest[..cut]).unwrap();
        let _ = proctor::bank::load(&options);
    }
}

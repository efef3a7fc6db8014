//! Bank inputs a hostile tester would try: numbers past every range, control and invisible characters,
//! huge or deeply nested files, special files and links, and a bank with no questions. Each gets a
//! located error, and nothing hangs or panics.

use std::path::{Path, PathBuf};
use std::process::Command;

const MANIFEST: &str = r#"[exam]
name = "Faults"
code = "F-1"
questions = 2
minutes = 4
pass_mark = 700
notes = "../notes.md"

[[pillar]]
id = "core"
name = "Core"
weight = 1
"#;

const NOTES: &str = "# Notes\n\n## Storage\n\nDisks.\n\n## Network\n\nWires.\n";

const QUESTION: &str = r#"[[question]]
id = "q-one"
pillar = "core"
refs = ["storage"]
prompt = "Which one?"

[[question.option]]
text = "Right"
correct = true
why = "Because."

[[question.option]]
text = "Wrong"
correct = false
why = "Because not."
"#;

/// A bank folder `bank/` beside `notes.md` in a temporary folder, with these files in the bank.
fn bank(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    std::fs::write(dir.path().join("notes.md"), NOTES).unwrap();
    for (name, text) in files {
        std::fs::write(bank.join(name), text).unwrap();
    }
    (dir, bank)
}

/// `proctor check` on a bank: exit code and stderr with the bank's path shown as `BANK`.
fn check(bank: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("check")
        .arg("--bank")
        .arg(bank)
        .args(extra)
        .env_remove("PROCTOR_BANK")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&bank.display().to_string(), "BANK");
    (out.status.code().unwrap(), stderr)
}

fn first_line(bank: &Path) -> String {
    let (code, stderr) = check(bank, &[]);
    assert_eq!(code, 1, "{stderr}");
    stderr.lines().next().unwrap().to_string()
}

#[test]
fn numbers_past_their_range_are_located_errors_not_wrapped() {
    for (from, to, expected) in [
        (
            "questions = 2",
            "questions = 4294967296",
            "BANK/bank.toml:4:13: error: questions must be from 1 to 10000, found 4294967296",
        ),
        (
            "minutes = 4",
            "minutes = 4294967296",
            "BANK/bank.toml:5:11: error: minutes must be from 1 to 10000, found 4294967296",
        ),
        (
            "weight = 1",
            "weight = 4294967296",
            "BANK/bank.toml:12:10: error: pillar weight must be from 0 to 1000000, found 4294967296",
        ),
        (
            "pass_mark = 700",
            "pass_mark = -1",
            "BANK/bank.toml:6:13: error: pass_mark must be on the scaled 100-1000 score, found -1",
        ),
    ] {
        let (_dir, b) = bank(&[("bank.toml", &MANIFEST.replace(from, to)), ("q.toml", QUESTION)]);
        assert_eq!(first_line(&b), expected);
    }
    let (_dir, b) = bank(&[
        ("bank.toml", MANIFEST),
        (
            "q.toml",
            &QUESTION.replace("prompt", "difficulty = 4294967297\nprompt"),
        ),
    ]);
    assert_eq!(
        first_line(&b),
        "BANK/q.toml:5:14: error: difficulty must be 1, 2 or 3, found 4294967297"
    );
}

#[test]
fn control_and_invisible_characters_are_errors() {
    for (from, to, expected) in [
        (
            "\"Which one?\"",
            "\"Bell\\u0007 and \\u001b[2J\"",
            "BANK/q.toml:5:10: error: prompt contains a control character (U+0007 at character 5); only newline and tab may appear in text",
        ),
        (
            "\"Which one?\"",
            "\"\\u200b\\u200d \\ufeff\"",
            "BANK/q.toml:5:10: error: prompt is empty",
        ),
        (
            "\"Because.\"",
            "\"\\u0000\"",
            "BANK/q.toml:10:7: error: why contains a control character (U+0000 at character 1); only newline and tab may appear in text",
        ),
        (
            "\"q-one\"",
            "\"q\\u200bone\"",
            "BANK/q.toml:2:6: error: question id \"q\\u{200b}one\" may only use a-z, 0-9 and - (and not be empty)",
        ),
    ] {
        let (_dir, b) = bank(&[
            ("bank.toml", MANIFEST),
            ("q.toml", &QUESTION.replacen(from, to, 1)),
        ]);
        assert_eq!(first_line(&b), expected);
    }
}

#[test]
fn huge_and_odd_toml_gets_a_sentence_and_a_location() {
    let mut many = QUESTION.to_string();
    for i in 0..100_000 {
        many.push_str(&format!(
            "\n[[question.option]]\ntext = \"Option {i}\"\ncorrect = false\nwhy = \"No.\"\n"
        ));
    }
    let deep = format!("a{} = 1\n", ".b".repeat(100));
    for (text, expected) in [
        (
            many.as_str(),
            "BANK/q.toml:2:6: error: question \"q-one\" has 100002 options; a question takes 2 to 6 (shown as A-F)",
        ),
        (
            deep.as_str(),
            "BANK/q.toml:1:1: error: keys or tables are nested too deeply; a bank needs at most a few levels",
        ),
        (
            "[[question]]\nid = \"x\"\nid = \"y\"\n",
            "BANK/q.toml:3:1: error: duplicate key `id`: each key may appear once in a table",
        ),
    ] {
        let (_dir, b) = bank(&[("bank.toml", MANIFEST), ("q.toml", text)]);
        assert_eq!(first_line(&b), expected);
    }
    let (_dir, b) = bank(&[
        ("bank.toml", &MANIFEST.replace("[exam]", "exam = []\n[old]")),
        ("q.toml", QUESTION),
    ]);
    assert_eq!(
        first_line(&b),
        "BANK/bank.toml:1:8: error: `exam` must be a table of keys (for example [exam] with its keys on the lines below), not an array"
    );
}

#[test]
fn a_bank_with_no_questions_is_an_error() {
    let (_dir, b) = bank(&[("bank.toml", MANIFEST), ("empty.toml", "# nothing yet\n")]);
    let (code, stderr) = check(&b, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("BANK/bank.toml: error: the bank has no questions: add [[question]] tables"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn special_files_links_and_odd_names_are_reported_never_skipped_or_hung_on() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    // A FIFO as notes, and /dev/zero as notes: refused at once.
    let (dir, b) = bank(&[("bank.toml", MANIFEST), ("q.toml", QUESTION)]);
    std::fs::remove_file(dir.path().join("notes.md")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(dir.path().join("notes.md"))
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(
        first_line(&b),
        format!(
            "BANK/bank.toml:7:9: error: notes file {} cannot be read (not a regular file (a FIFO, socket or device); point at a regular file); fix the path or pass --notes FILE",
            normalize(&dir.path().join("notes.md"))
        )
        .replace(&b.display().to_string(), "BANK")
    );
    let (code, stderr) = check(&b, &["--notes", "/dev/zero"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("/dev/zero: error: notes file /dev/zero cannot be read (not a regular file"),
        "{stderr}"
    );

    // A symlinked question file is read (its error reported); a symlinked bank.toml works.
    let (dir, b) = bank(&[("q.toml", QUESTION)]);
    std::fs::write(dir.path().join("real-bank.toml"), MANIFEST).unwrap();
    std::fs::write(
        dir.path().join("broken.toml"),
        QUESTION.replace("\"core\"", "\"nope\"").replace("q-one", "q-two"),
    )
    .unwrap();
    symlink(dir.path().join("real-bank.toml"), b.join("bank.toml")).unwrap();
    symlink(dir.path().join("broken.toml"), b.join("linked.toml")).unwrap();
    assert_eq!(
        first_line(&b),
        "BANK/linked.toml:3:10: error: unknown pillar \"nope\" (expected one of: core)"
    );

    // A folder named *.toml, a dangling link and a non-UTF-8 name: each reported, the rest still checked.
    let (_dir, b) = bank(&[
        ("bank.toml", MANIFEST),
        ("q.toml", &QUESTION.replace("\"core\"", "\"nope\"")),
    ]);
    std::fs::create_dir(b.join("folder.toml")).unwrap();
    symlink(b.join("gone"), b.join("dangling.toml")).unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    std::fs::write(
        b.join(odd),
        QUESTION.replace("q-one", "q-odd").replace("\"core\"", "\"bad\""),
    )
    .unwrap();
    let (code, stderr) = check(&b, &[]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.contains(&"BANK/dangling.toml: error: cannot read: not found"),
        "{stderr}"
    );
    assert!(
        lines.contains(&"BANK/folder.toml: error: cannot read: it is a folder, not a file"),
        "{stderr}"
    );
    assert!(
        lines.contains(&"BANK/q.toml:3:10: error: unknown pillar \"nope\" (expected one of: core)"),
        "{stderr}"
    );
    assert!(
        lines.contains(&"BANK/caf\u{fffd}.toml:3:10: error: unknown pillar \"bad\" (expected one of: core)"),
        "{stderr}"
    );
}

/// A path as the loader shows a notes path (with `..` resolved).
fn normalize(p: &Path) -> String {
    p.display().to_string()
}

//! End-to-end: the real binary in a pseudo-terminal, driven by keys and read off the emulated screen.
//! Needs nothing but Rust: the pty comes from portable-pty, the screen from vt100.

mod term;

use std::path::Path;
use std::process::Command;

use term::Term;

/// The questions of `exam --print` with the same arguments: (id, correct letters in lower case).
fn printed(args: &[&str]) -> Vec<(String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .args(["exam", "--print", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let letters = q["options"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| o["correct"] == true)
                .map(|o| o["letter"].as_str().unwrap().to_lowercase())
                .collect();
            (q["id"].as_str().unwrap().to_string(), letters)
        })
        .collect()
}

/// The correct letters of each question of `exam --print` with the same arguments.
fn answer_key(args: &[&str]) -> Vec<String> {
    printed(args).into_iter().map(|(_, letters)| letters).collect()
}

/// The terminal is back to normal: main screen, cursor shown, no mouse capture.
fn assert_restored(t: &Term) {
    let (alternate, hidden, mouse) =
        t.with_screen(|s| (s.alternate_screen(), s.hide_cursor(), s.mouse_protocol_mode()));
    assert!(!alternate, "still on the alternate screen:\n{}", t.screen());
    assert!(!hidden, "cursor still hidden");
    assert_eq!(mouse, vt100::MouseProtocolMode::None, "mouse capture still on");
}

/// Type each letter of `letters` (lower case answer letters) as a key.
fn type_letters(t: &mut Term, letters: &str) {
    let keys: Vec<String> = letters.chars().map(String::from).collect();
    t.keys(&keys.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn take_a_three_question_exam_and_pass() {
    let args = ["exam", "--questions", "3", "--seed", "1"];
    let key = answer_key(&args[1..]);
    assert_eq!(key.len(), 3);
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::proctor(data.path(), &args, 100, 30);
    t.wait_for("Question 1 of 3");
    t.with_screen(|s| {
        assert!(s.alternate_screen(), "the app runs on the alternate screen");
        assert_ne!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture on"
        );
    });
    for (k, letters) in key.iter().enumerate() {
        t.wait_for(&format!("Question {} of 3", k + 1));
        type_letters(&mut t, letters);
        t.keys(&["n"]);
    }
    t.keys(&["s"]);
    t.wait_for("unanswered 0");
    t.keys(&["y"]);
    let screen = t.wait_for("PASS");
    assert!(
        screen.contains("Estimated score 1000 / 1000 (pass mark 720)"),
        "{screen}"
    );
    assert!(screen.contains("Correct 3/3"), "{screen}");
    t.keys(&["h"]);
    t.wait_for("Full mock exam");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
    assert!(!t.screen().contains("Full mock exam"), "{}", t.screen());
}

#[test]
fn wrong_answers_fail_and_the_review_shows_the_notes() {
    let args = ["exam", "--questions", "3", "--seed", "2"];
    let key = answer_key(&args[1..]);
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::proctor(data.path(), &args, 120, 40);
    t.wait_for("Question 1 of 3");
    // Leave everything unanswered and submit from the grid.
    t.keys(&["g"]);
    t.wait_for("Review grid");
    t.keys(&["s"]);
    t.wait_for("unanswered 3");
    t.keys(&["y"]);
    t.wait_for("FAIL");
    t.keys(&["w"]);
    let screen = t.wait_for("Notes: ");
    let first = key[0].to_uppercase().chars().next().unwrap();
    assert!(
        screen.contains(&format!("Unanswered: the answer is {first}")),
        "{screen}"
    );
}

/// Each terminating signal from outside restores the terminal and ends with 128 + its number.
#[cfg(unix)]
#[test]
fn signals_restore_the_terminal() {
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1), ("QUIT", 3)] {
        let data = tempfile::tempdir().unwrap();
        let mut t = Term::proctor(data.path(), &[], 100, 30);
        t.wait_for("Full mock exam");
        assert!(
            t.with_screen(|s| s.alternate_screen()),
            "SIG{name}: not on the alternate screen"
        );
        t.signal(name);
        assert_eq!(t.wait_exit(), 128 + number, "SIG{name}");
        assert_restored(&t);
    }
}

fn proctor(data: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
    )
}

#[cfg(unix)]
#[test]
fn killed_mid_exam_resumes_with_answers_intact_then_history_shows_it() {
    let args = ["--questions", "3", "--seed", "5"];
    let key = answer_key(&args);
    let wrong_at_2 = ["a", "b", "c", "d"]
        .into_iter()
        .find(|l| !key[1].contains(l))
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::proctor(data.path(), &[&["exam"][..], &args].concat(), 100, 30);
    t.wait_for("Question 1 of 3");
    type_letters(&mut t, &key[0]);
    t.keys(&["n", wrong_at_2, "m"]);
    t.wait_for("⚑ marked for review");
    t.signal("KILL");
    t.wait_exit();

    // The attempt is in the history, in progress.
    let (code, json) = proctor(data.path(), &["history", "--json"]);
    assert_eq!(code, 0, "{json}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc[0]["status"], "in_progress");
    assert_eq!(doc[0]["answered"], 2);

    let mut t = Term::proctor(data.path(), &["exam", "--resume"], 100, 30);
    let screen = t.wait_for("Question 2 of 3");
    assert!(screen.contains("⚑ 1"), "the mark survived: {screen}");
    assert!(screen.contains("⚑ marked for review"), "{screen}");
    assert!(
        screen.contains(&format!("(•) {}.", wrong_at_2.to_uppercase())),
        "the answer survived: {screen}"
    );
    t.keys(&["p"]);
    let screen = t.wait_for("Question 1 of 3");
    assert!(
        screen.contains(&format!("(•) {}.", key[0].to_uppercase())),
        "{screen}"
    );
    t.keys(&["n", "n"]);
    t.wait_for("Question 3 of 3");
    type_letters(&mut t, &key[2]);
    t.keys(&["s"]);
    t.wait_for("unanswered 0");
    t.keys(&["y"]);
    let screen = t.wait_for("FAIL");
    assert!(screen.contains("Correct 2/3"), "{screen}");
    t.keys(&["h"]);
    t.wait_for("Full mock exam");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);

    let (_, json) = proctor(data.path(), &["history", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 1);
    let a = &doc[0];
    assert_eq!(
        (a["status"].as_str(), a["mode"].as_str()),
        (Some("finished"), Some("exam"))
    );
    assert_eq!(
        (
            a["questions"].as_u64(),
            a["answered"].as_u64(),
            a["correct"].as_u64()
        ),
        (Some(3), Some(3), Some(2))
    );
    assert_eq!(
        (a["scaled"].as_u64(), a["passed"].as_bool()),
        (Some(700), Some(false))
    );
    assert!(a["finished_at"].as_str().unwrap().ends_with('Z'));

    let questions: Vec<String> = printed(&args).into_iter().map(|(id, _)| id).collect();
    let (code, due) = proctor(data.path(), &["review", "--list"]);
    assert_eq!(code, 0);
    let due_ids: Vec<&str> = due.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(due_ids, [questions[1].as_str()], "only the wrong answer is due");
    let fields: Vec<&str> = due.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        fields.len(),
        5,
        "id, due, tally, section, the prompt's first words: {due}"
    );
    assert!(fields[4].split_whitespace().count() >= 3, "{due}");

    let (code, csv) = proctor(data.path(), &["export", "--format", "csv"]);
    assert_eq!(code, 0);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4, "header and one row per response:\n{csv}");
    assert!(rows[0].starts_with("attempt_id,mode,bank_code,started_at"));
    assert!(
        rows[2].contains(&format!(",{},", questions[1])) && rows[2].contains(",true,"),
        "marked: {}",
        rows[2]
    );
    // The row stands alone: the chosen letter, whether it was right, and the correct letters as shown.
    let correct: Vec<String> = key[1].chars().map(|c| c.to_uppercase().to_string()).collect();
    assert!(
        rows[2].contains(&format!(",{},false,", wrong_at_2.to_uppercase())),
        "{}",
        rows[2]
    );
    assert!(
        rows[2].ends_with(&format!(",{},false", correct.join(";"))),
        "{}",
        rows[2]
    );
    assert!(
        rows[2].starts_with("1,exam,") && rows[2].contains(",2,"),
        "1-based position: {}",
        rows[2]
    );
    let (_, json) = proctor(data.path(), &["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let second = &doc[0]["responses"][1];
    assert_eq!(second["position"], 2, "1-based in JSON too");
    assert_eq!(second["correct_letters"], correct.join(";"));
}

/// Shrinking below 80x24 shows the size message and keys pressed then do nothing; growing back
/// shows the exam as it was, on question 1 with nothing chosen. q while small quits, exam kept.
#[test]
fn resize_below_the_minimum_and_back() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::proctor(data.path(), &["exam", "--questions", "3", "--seed", "1"], 100, 30);
    t.wait_for("Question 1 of 3");
    t.resize(70, 20);
    let screen = t.wait_for("This terminal is 70x20.");
    assert!(!screen.contains("Question 1 of 3"), "{screen}");
    t.keys(&["s", "Enter", "b", "m", "n"]);
    t.resize(100, 30);
    let screen = t.wait_for("Question 1 of 3");
    assert!(!screen.contains("(•)") && !screen.contains("Submit"), "{screen}");
    assert!(!screen.contains("marked for review"), "{screen}");
    t.resize(70, 20);
    t.wait_for("This terminal is 70x20.");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
    let (_, json) = proctor(data.path(), &["history", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc[0]["status"], "in_progress", "the exam can be resumed: {json}");
}

/// Whether any cell on the screen has a foreground or background colour.
fn any_colour(t: &Term) -> bool {
    t.with_screen(|s| {
        let (rows, cols) = s.size();
        (0..rows.get()).any(|r| {
            (0..cols.get()).any(|c| {
                s.cell(r, c).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    })
}

#[test]
fn no_color_draws_without_colour() {
    let data = tempfile::tempdir().unwrap();
    let args = ["exam", "--questions", "3", "--seed", "1"];
    let coloured = Term::proctor(data.path(), &args, 100, 30);
    coloured.wait_for("Question 1 of 3");
    assert!(any_colour(&coloured), "without NO_COLOR the exam has colour");
    drop(coloured);

    let data = tempfile::tempdir().unwrap();
    let mut plain = Term::proctor_env(data.path(), &args, 100, 30, &[("NO_COLOR", "1")]);
    plain.wait_for("Question 1 of 3");
    plain.keys(&["a", "g"]);
    plain.wait_for("Review grid");
    assert!(
        !any_colour(&plain),
        "NO_COLOR: a cell has colour:\n{}",
        plain.screen()
    );
}

#[test]
fn a_dumb_terminal_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::proctor_env(data.path(), &[], 100, 30, &[("TERM", "dumb")]);
    assert_eq!(t.wait_exit(), 2);
    assert!(
        t.screen().contains("TERM=dumb: this terminal cannot show"),
        "{}",
        t.screen()
    );
}

/// A result finished while another process holds the history's write lock: a warning, no freeze,
/// and the result is stored once the lock is gone.
#[test]
fn a_locked_history_warns_then_stores_the_result_when_free() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::proctor(data.path(), &["exam", "--questions", "3", "--seed", "1"], 100, 30);
    t.wait_for("Question 1 of 3");
    t.keys(&["a"]);
    let held = rusqlite::Connection::open(data.path().join("history.db")).unwrap();
    held.execute_batch("BEGIN IMMEDIATE").unwrap();
    t.keys(&["s", "y"]);
    t.wait_for("1 result(s) not saved yet, will retry");
    t.keys(&["h"]);
    t.wait_for("not saved yet");
    drop(held);
    t.wait_until("the warning to clear", |s| {
        !s.contents().contains("not saved yet")
    });
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let (_, json) = proctor(data.path(), &["history", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc[0]["status"], "finished", "{json}");
}

/// Two windows on one data folder: the second starts its own exam at once with a one-line notice,
/// and each stores its own finished result.
#[test]
fn two_windows_each_keep_their_own_exam() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Term::proctor(data.path(), &["exam", "--questions", "3", "--seed", "1"], 100, 30);
    first.wait_for("Question 1 of 3");
    first.keys(&["a"]);
    let mut second = Term::proctor(data.path(), &["exam", "--questions", "3", "--seed", "2"], 100, 30);
    second.wait_for("Another window has an exam running; this one is kept apart");
    for t in [&mut first, &mut second] {
        t.keys(&["s", "y"]);
        t.wait_for("Correct");
        t.keys(&["h"]);
        t.wait_for("Full mock exam");
        t.keys(&["q"]);
        assert_eq!(t.wait_exit(), 0);
    }
    let (_, json) = proctor(data.path(), &["history", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let statuses: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["finished", "finished"], "{json}");
}

/// The study keys in the real binary: a bookmark, an unsure mark and a report made in an exam are in
/// the history the commands read afterwards.
#[test]
fn bookmark_unsure_and_report_reach_the_commands() {
    let args = ["exam", "--questions", "3", "--seed", "4"];
    let questions = printed(&args[1..]);
    let data = tempfile::tempdir().unwrap();
    let mut t = Term::proctor(data.path(), &args, 120, 40);
    t.wait_for("Question 1 of 3");
    type_letters(&mut t, &questions[0].1);
    t.keys(&["*", "!"]);
    t.wait_for("★ bookmarked  ! unsure");
    t.keys(&["R"]);
    t.wait_for("Report a problem");
    t.keys(&["Option B is ambiguous", "Enter"]);
    t.wait_for("Report saved");
    t.keys(&["s", "y"]);
    t.wait_for("Estimated score");
    t.keys(&["h", "q"]);
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);

    let id = &questions[0].0;
    let (code, out) = proctor(data.path(), &["drill", "--only", "bookmarked", "--list"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with(&format!("{id}\t")), "{out}");
    let (_, out) = proctor(data.path(), &["drill", "--only", "unsure", "--list"]);
    assert!(out.starts_with(&format!("{id}\t")), "{out}");
    let (_, due) = proctor(data.path(), &["review", "--list"]);
    assert!(
        due.lines().any(|l| l.starts_with(&format!("{id}\t"))),
        "a lucky guess is due: {due}"
    );
    let (_, reports) = proctor(data.path(), &["reports"]);
    assert!(reports.contains(&format!("SAA-C03\t{id}\t")), "{reports}");
    assert!(reports.trim_end().ends_with("Option B is ambiguous"), "{reports}");
    let (_, stats) = proctor(data.path(), &["stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["coverage"]["seen"], 3);
    assert_eq!(stats["calibration"]["unsure_right"], 1);
}

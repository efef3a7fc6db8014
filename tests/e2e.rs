//! End-to-end: the real binary in a pseudo-terminal (tmux), driven by keys and read off the screen.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server of our own (its own socket), killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str, width: u16, height: u16) -> Tmux {
        let socket = format!("proctor-e2e-{}-{}", std::process::id(), rand_suffix());
        let tmux = Tmux { socket };
        let status = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "e2e",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                command,
            ])
            .status()
            .expect("tmux runs (install it: .ci/run does)");
        assert!(status.success());
        tmux
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            assert!(
                self.cmd(&["send-keys", "-t", "e2e", k])
                    .status()
                    .unwrap()
                    .success()
            );
            // One key at a time: Esc followed at once by a letter reads as Alt+letter.
            sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        let out = self.cmd(&["capture-pane", "-p", "-t", "e2e"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "\"{text}\" never appeared; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
}

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

#[test]
fn take_a_three_question_exam_and_pass() {
    let args = ["--questions", "3", "--seed", "1"];
    let key = answer_key(&args);
    assert_eq!(key.len(), 3);
    let bin = env!("CARGO_BIN_EXE_proctor");
    let data = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        &format!(
            "{bin} --data-dir {} exam {}; sleep 30",
            data.path().display(),
            args.join(" ")
        ),
        100,
        30,
    );
    tmux.wait_for("Question 1 of 3");
    for (k, letters) in key.iter().enumerate() {
        tmux.wait_for(&format!("Question {} of 3", k + 1));
        let letters: Vec<String> = letters.chars().map(String::from).collect();
        tmux.keys(&letters.iter().map(String::as_str).collect::<Vec<_>>());
        tmux.keys(&["n"]);
    }
    tmux.keys(&["s"]);
    tmux.wait_for("Unanswered: 0");
    tmux.keys(&["y"]);
    let screen = tmux.wait_for("PASS");
    assert!(
        screen.contains("Estimated score 1000 / 1000 (pass mark 720)"),
        "{screen}"
    );
    assert!(screen.contains("Correct 3/3"), "{screen}");
    // Home, then quit: the program ends and the shell's `sleep` is what is left.
    tmux.keys(&["h"]);
    tmux.wait_for("Full mock exam");
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.screen().contains("Full mock exam") {
        assert!(start.elapsed() < Duration::from_secs(5), "proctor did not quit");
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn wrong_answers_fail_and_the_review_shows_the_notes() {
    let args = ["--questions", "3", "--seed", "2"];
    let key = answer_key(&args);
    let bin = env!("CARGO_BIN_EXE_proctor");
    let data = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        &format!(
            "{bin} --data-dir {} exam {}; sleep 30",
            data.path().display(),
            args.join(" ")
        ),
        120,
        40,
    );
    tmux.wait_for("Question 1 of 3");
    // Leave everything unanswered and submit from the grid.
    tmux.keys(&["g"]);
    tmux.wait_for("Review grid");
    tmux.keys(&["s"]);
    tmux.wait_for("Unanswered: 3");
    tmux.keys(&["y"]);
    tmux.wait_for("FAIL");
    tmux.keys(&["w"]);
    let screen = tmux.wait_for("Notes: ");
    let first = key[0].to_uppercase().chars().collect::<Vec<_>>();
    assert!(
        screen.contains(&format!("Unanswered: the answer is {}", first[0])),
        "{screen}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    let bin = env!("CARGO_BIN_EXE_proctor");
    let tmux = Tmux::start(
        &format!("sh -c 'echo $$ > {}; exec {bin}'; sleep 30", pidfile.display()),
        100,
        30,
    );
    tmux.wait_for("Full mock exam");
    let alternate = || {
        let out = tmux
            .cmd(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(alternate(), "1", "the app runs on the alternate screen");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert!(
        Command::new("sh")
            .args(["-c", &format!("kill -TERM {}", pid.trim())])
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    while alternate() != "0" {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "alternate screen not left after SIGTERM"
        );
        sleep(Duration::from_millis(50));
    }
    assert!(!tmux.screen().contains("Full mock exam"));
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

#[test]
fn killed_mid_exam_resumes_with_answers_intact_then_history_shows_it() {
    let args = ["--questions", "3", "--seed", "5"];
    let key = answer_key(&args);
    let wrong_at_2 = ["a", "b", "c", "d"]
        .into_iter()
        .find(|l| !key[1].contains(l))
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let pidfile = data.path().join("pid");
    let bin = env!("CARGO_BIN_EXE_proctor");
    let tmux = Tmux::start(
        &format!(
            "sh -c 'echo $$ > {}; exec {bin} --data-dir {} exam {}'; sleep 30",
            pidfile.display(),
            data.path().display(),
            args.join(" ")
        ),
        100,
        30,
    );
    tmux.wait_for("Question 1 of 3");
    let first: Vec<String> = key[0].chars().map(String::from).collect();
    tmux.keys(&first.iter().map(String::as_str).collect::<Vec<_>>());
    tmux.keys(&["n", wrong_at_2, "m"]);
    tmux.wait_for("⚑ marked for review");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert!(
        Command::new("sh")
            .args(["-c", &format!("kill -KILL {}", pid.trim())])
            .status()
            .unwrap()
            .success()
    );
    sleep(Duration::from_millis(300));

    // The attempt is in the history, in progress.
    let (code, json) = proctor(data.path(), &["history", "--json"]);
    assert_eq!(code, 0, "{json}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc[0]["status"], "in_progress");
    assert_eq!(doc[0]["answered"], 2);

    let tmux2 = Tmux::start(
        &format!(
            "{bin} --data-dir {} exam --resume; sleep 30",
            data.path().display()
        ),
        100,
        30,
    );
    let screen = tmux2.wait_for("Question 2 of 3");
    assert!(screen.contains("⚑ 1"), "the mark survived: {screen}");
    assert!(screen.contains("⚑ marked for review"), "{screen}");
    assert!(
        screen.contains(&format!("(•) {}.", wrong_at_2.to_uppercase())),
        "the answer survived: {screen}"
    );
    tmux2.keys(&["p"]);
    let screen = tmux2.wait_for("Question 1 of 3");
    assert!(
        screen.contains(&format!("(•) {}.", key[0].to_uppercase())),
        "{screen}"
    );
    tmux2.keys(&["n", "n"]);
    tmux2.wait_for("Question 3 of 3");
    let third: Vec<String> = key[2].chars().map(String::from).collect();
    tmux2.keys(&third.iter().map(String::as_str).collect::<Vec<_>>());
    tmux2.keys(&["s"]);
    tmux2.wait_for("Unanswered: 0");
    tmux2.keys(&["y"]);
    let screen = tmux2.wait_for("FAIL");
    assert!(screen.contains("Correct 2/3"), "{screen}");
    tmux2.keys(&["h"]);
    tmux2.wait_for("Full mock exam");
    tmux2.keys(&["q"]);

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
    assert!(
        rows[2].contains(&format!(",{},false,", wrong_at_2.to_uppercase())),
        "{}",
        rows[2]
    );
}

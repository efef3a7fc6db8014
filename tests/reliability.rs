//! History faults: a locked or damaged database, odd values in a valid one, a file that is not ours.
//! Each test is a fault of docs/reliability.md.

mod common;

use std::path::Path;

use common::*;
use proctor::app::{Action, App, HistoryAccess, Screen, StoreRequest};
use proctor::cli::{ExamArgs, Global};
use proctor::commands;
use proctor::launch::{Start, build_app_seeded};
use proctor::store::{Store, StoreError};
use rusqlite::Connection;

fn app_on(dir: &Path, start: Start) -> App {
    let clock = proctor::app::FakeClock::new();
    let store = HistoryAccess::Open(Store::open_dir_checked(dir).unwrap());
    build_app_seeded(bank("ui"), &start, clock, Some(store), 3).expect("app starts")
}

fn exam_start() -> Start {
    Start::Exam(ExamArgs {
        questions: Some(4),
        seed: Some(1),
        ..ExamArgs::default()
    })
}

/// Another process's write transaction, held until dropped.
fn lock(dir: &Path) -> Connection {
    let conn = Connection::open(dir.join("history.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

fn statuses(dir: &Path) -> Vec<String> {
    Store::open_for_reading(dir)
        .unwrap()
        .summaries(None, proctor::store::Detail::Brief)
        .unwrap()
        .into_iter()
        .map(|a| a.status.to_string())
        .collect()
}

fn pending_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("pending-")
        })
        .count()
}

#[test]
fn a_result_finished_while_history_is_locked_warns_everywhere_and_is_stored_once_free() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), exam_start());
    press(&mut app, "a");
    let held = lock(dir.path());
    press(&mut app, "sy");
    assert!(matches!(app.screen(), Screen::Results(_)));
    let warning = app.save_warning.clone().expect("the failed save is shown");
    assert!(
        warning.starts_with("1 result(s) not saved yet, will retry:"),
        "{warning}"
    );
    assert!(screen_text(&app, 100, 30).contains("⚠ 1 result(s) not saved yet"));
    press(&mut app, "h");
    assert!(matches!(app.screen(), Screen::Home(_)));
    assert!(
        screen_text(&app, 100, 30).contains("not saved yet"),
        "home shows it too"
    );
    // Quitting asks first; staying keeps the result queued.
    press(&mut app, "q");
    assert!(app.confirm_quit && !app.quit);
    assert!(screen_text(&app, 100, 30).contains("A result is not saved yet"));
    press(&mut app, "n");
    assert!(!app.confirm_quit && !app.quit);
    drop(held);
    app.update(Action::Tick);
    assert_eq!(app.save_warning, None);
    assert_eq!(statuses(dir.path()), ["finished"]);
    press(&mut app, "q");
    assert!(app.quit, "nothing unsaved: quits at once");
}

#[test]
fn quitting_anyway_keeps_the_result_in_a_pending_file_stored_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), exam_start());
    let right = correct_letters(&app);
    press(&mut app, &right);
    let held = lock(dir.path());
    press(&mut app, "sy");
    press(&mut app, "h");
    press(&mut app, "q");
    press(&mut app, "y");
    assert!(app.quit);
    assert_eq!(pending_files(dir.path()), 1);
    drop(app);
    drop(held);
    let app = app_on(dir.path(), Start::Home);
    assert_eq!(
        app.status.as_deref(),
        Some("Stored 1 result(s) kept from a run whose save had failed")
    );
    assert_eq!(pending_files(dir.path()), 0);
    let history = Store::open_for_reading(dir.path()).unwrap();
    let all = history.summaries(None, proctor::store::Detail::Brief).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].status, all[0].correct),
        (proctor::store::Status::Finished, Some(1))
    );
}

/// A live process of our own to stand for another Proctor window.
#[cfg(unix)]
#[test]
fn an_exam_owned_by_a_live_process_is_never_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), exam_start());
    press(&mut app, "a");
    drop(app);
    let mut other = std::process::Command::new("sleep").arg("30").spawn().unwrap();
    let db = Connection::open(dir.path().join("history.db")).unwrap();
    let set_owner = |pid: u32| {
        db.execute(
            "UPDATE attempt SET owner_pid = ?1, heartbeat = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [pid],
        )
        .unwrap();
    };
    set_owner(other.id());
    let mut store = Store::open_dir(dir.path()).unwrap();
    assert!(
        store.in_progress("NET-1").unwrap().is_none(),
        "not offered for resume"
    );
    let set_aside = store.abandon_unfinished("NET-1").unwrap();
    assert_eq!((set_aside.abandoned, set_aside.running_elsewhere), (0, 1));
    assert_eq!(statuses(dir.path()), ["in_progress"]);
    // A second window starting an exam says so in one line and keeps both.
    let app = app_on(dir.path(), exam_start());
    assert_eq!(
        app.status.as_deref(),
        Some("Another window has an exam running; this one is kept apart")
    );
    assert_eq!(statuses(dir.path()), ["in_progress", "in_progress"]);
    drop(app);
    // Once that process is gone, its exam is free again.
    other.kill().unwrap();
    other.wait().unwrap();
    assert!(store.in_progress("NET-1").unwrap().is_some());
}

/// Every reader of the history, as the commands and the app run them; the error text if one failed.
fn run_every_reader(dir: &Path) -> Vec<String> {
    let global = Global {
        bank: Some("tests/fixtures/ui/bank".into()),
        notes: None,
        data_dir: Some(dir.to_path_buf()),
        config: None,
    };
    let mut errors = Vec::new();
    let mut sink = Vec::new();
    let mut record = |r: Result<u8, proctor::Error>| {
        if let Err(e) = r {
            errors.push(e.to_string());
        }
    };
    record(commands::history(&global, false, &mut sink));
    record(commands::history(&global, true, &mut sink));
    record(commands::review_list(&global, &mut sink));
    record(commands::study::stats(&global, true, &mut sink));
    record(commands::study::reports(&global, true, &mut sink));
    record(commands::export(
        &global,
        proctor::cli::ExportFormat::Json,
        false,
        None,
        &mut sink,
    ));
    record(commands::export(
        &global,
        proctor::cli::ExportFormat::Csv,
        false,
        None,
        &mut sink,
    ));
    match Store::open_dir_checked(dir) {
        Err(e) => errors.push(e.to_string()),
        Ok(store) => {
            let clock = proctor::app::FakeClock::new();
            let mut app = build_app_seeded(
                bank("ui"),
                &Start::Home,
                clock,
                Some(HistoryAccess::Open(store)),
                3,
            )
            .unwrap();
            for request in [
                StoreRequest::Resume,
                StoreRequest::History,
                StoreRequest::ReviewDue,
            ] {
                if let Err(why) = app.store_request(request) {
                    errors.push(why);
                }
                let _ = screen_text(&app, 100, 30);
                app.stack.truncate(1);
            }
        }
    }
    errors
}

/// A history with a finished exam, an exam in progress, drill answers and review cards.
fn real_history(dir: &Path) {
    let mut app = app_on(dir, exam_start());
    let wrong = wrong_letter(&app);
    press(&mut app, &format!("{wrong}nm"));
    press(&mut app, "sy");
    drop(app);
    let mut app = app_on(dir, exam_start());
    press(&mut app, "anm");
    app.update(Action::Tick);
}

#[test]
fn odd_values_in_every_column_are_reported_as_damage_never_a_panic() {
    let base = tempfile::tempdir().unwrap();
    real_history(base.path());
    assert!(
        run_every_reader(base.path()).is_empty(),
        "a sound history reads cleanly"
    );
    let db = Connection::open(base.path().join("history.db")).unwrap();
    let mut columns = Vec::new();
    for table in ["attempt", "response", "card", "question_stat"] {
        let mut stmt = db.prepare("SELECT name FROM pragma_table_info(?1)").unwrap();
        let names: Vec<String> = stmt
            .query_map([table], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        columns.extend(names.into_iter().map(|c| (table, c)));
    }
    drop(db);
    let odd = [
        "-1",
        "4611686018427387904",
        "'text'",
        "CAST(x'ff80' AS TEXT)",
        "'{\"bad json'",
    ];
    let mut checked = 0;
    for (table, column) in &columns {
        for value in odd {
            let dir = tempfile::tempdir().unwrap();
            std::fs::copy(base.path().join("history.db"), dir.path().join("history.db")).unwrap();
            let db = Connection::open(dir.path().join("history.db")).unwrap();
            // Constraints (mode's CHECK, keys) refuse some values: those cannot be in a valid file.
            if db
                .execute(&format!("UPDATE {table} SET {column} = {value}"), [])
                .is_err()
            {
                continue;
            }
            drop(db);
            checked += 1;
            for error in run_every_reader(dir.path()) {
                assert!(
                    !error.contains("Invalid column type") && !error.contains("at index"),
                    "{table}.{column} = {value}: raw SQLite message: {error}"
                );
            }
        }
    }
    assert!(checked > 100, "only {checked} cases ran");
}

#[test]
fn a_negative_clock_resumes_instead_of_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), exam_start());
    press(&mut app, "a");
    drop(app);
    let db = Connection::open(dir.path().join("history.db")).unwrap();
    db.execute("UPDATE attempt SET used_secs = -1", []).unwrap();
    db.execute("UPDATE response SET seconds = -5", []).unwrap();
    drop(db);
    let mut app = app_on(dir.path(), Start::Home);
    let status = app.store_request(StoreRequest::Resume).unwrap_err();
    assert!(status.contains("history database is damaged"), "{status}");
    assert!(
        status.contains("column used_secs: -1 is out of range"),
        "{status}"
    );
}

#[test]
fn a_damaged_schema_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    real_history(dir.path());
    let path = dir.path().join("history.db");
    let db = Connection::open(&path).unwrap();
    db.execute_batch("ALTER TABLE attempt RENAME COLUMN scaled TO scaled_old")
        .unwrap();
    drop(db);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open_dir_checked(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("table attempt has no column scaled"),
        "{message}"
    );
    assert!(message.contains("move it aside"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "left byte for byte");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_whatever_its_size_and_read_commands_create_nothing() {
    for content in [
        &b"x"[..],
        b"SQLite",
        &[0u8; 700][..],
        b"SQLite format 2\0 and more",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.db");
        std::fs::write(&path, content).unwrap();
        let errors = run_every_reader(dir.path());
        assert_eq!(errors.len(), 8, "every reader refuses {content:?}: {errors:?}");
        assert!(
            errors
                .iter()
                .all(|e| e.contains("not a Proctor history database")),
            "{errors:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), content, "left byte for byte");
    }
    let empty = tempfile::tempdir().unwrap();
    let global = Global {
        bank: None,
        notes: None,
        data_dir: Some(empty.path().join("new")),
        config: None,
    };
    let mut out = Vec::new();
    commands::history(&global, true, &mut out).unwrap();
    assert_eq!(out, b"[]\n");
    assert!(
        !empty.path().join("new").exists(),
        "a read-only command created nothing"
    );
}

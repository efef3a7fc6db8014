//! The history database: round trips, migrations, resume after a crash, faults that must leave the
//! file alone, two writers at once, and the review schedule.

use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use proctor::store::{
    Detail, Mode, NewAttempt, NewResponse, Outcome, PartScore, ResponseState, SCHEMA_VERSION, Status, Store,
    StoreError,
};

fn t0() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
}

/// The most-missed list as (id, wrong, answered).
fn missed(store: &Store) -> Vec<(String, usize, usize)> {
    store
        .most_wrong("T-1", 5)
        .unwrap()
        .into_iter()
        .map(|m| (m.question_id, m.wrong, m.answered))
        .collect()
}

fn attempt(mode: Mode, ids: &[&str]) -> NewAttempt {
    NewAttempt {
        mode,
        title: "Test exam".into(),
        bank_code: "T-1".into(),
        bank_hash: "abc".into(),
        seed: 42,
        time_limit_secs: Some(600),
        started_at: t0(),
        form: None,
        responses: ids
            .iter()
            .map(|id| NewResponse {
                question_id: id.to_string(),
                pillar: "p".into(),
                section: "s".into(),
                option_order: vec![2, 0, 1, 3],
            })
            .collect(),
    }
}

fn outcome(results: &[bool]) -> Outcome {
    let correct = results.iter().filter(|r| **r).count();
    Outcome {
        domains: Vec::new(),
        correct,
        total: results.len(),
        scaled: proctor::score::scaled(correct, results.len()),
        passed: false,
        pass_mark: 720,
        pillars: vec![PartScore {
            id: "p".into(),
            correct,
            total: results.len(),
        }],
        sections: vec![PartScore {
            id: "s".into(),
            correct,
            total: results.len(),
        }],
        responses: results.to_vec(),
    }
}

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn an_attempt_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let id = store
        .start_attempt(&attempt(Mode::Exam, &["q1", "q2", "q3"]))
        .unwrap();
    let changed = [
        ResponseState {
            unsure: false,
            position: 0,
            chosen: vec![2],
            marked: false,
            seconds: 30,
        },
        ResponseState {
            unsure: false,
            position: 1,
            chosen: vec![0, 3],
            marked: true,
            seconds: 45,
        },
    ];
    store.save_progress(id, &changed, 1, 75).unwrap();
    store
        .finish_attempt(
            id,
            &outcome(&[true, false, false]),
            80,
            t0() + Duration::minutes(2),
        )
        .unwrap();

    let record = store.attempt(id).unwrap();
    let s = &record.summary;
    assert_eq!(
        (s.mode.as_str(), s.status, s.questions, s.answered),
        ("exam", Status::Finished, 3, 2)
    );
    assert_eq!(
        (s.correct, s.scaled, s.passed, s.used_secs),
        (Some(1), Some(400), Some(false), 80)
    );
    assert_eq!(s.started_at, "2026-11-01T09:00:00Z");
    assert_eq!(s.finished_at.as_deref(), Some("2026-11-01T09:02:00Z"));
    assert_eq!(
        s.pillars,
        vec![PartScore {
            id: "p".into(),
            correct: 1,
            total: 3
        }]
    );
    let r = &record.responses;
    assert_eq!(r.len(), 3);
    assert_eq!(
        (r[1].chosen.clone(), r[1].marked, r[1].seconds, r[1].correct),
        (vec![0, 3], true, 45, Some(false))
    );
    assert_eq!(r[0].option_order, vec![2, 0, 1, 3]);
    assert_eq!(r[2].chosen, Vec::<usize>::new());

    let json: serde_json::Value = serde_json::from_str(&store.history_json().unwrap()).unwrap();
    assert_eq!(json[0]["id"], id);
    assert_eq!(json[0]["pillars"][0]["correct"], 1);
    assert_eq!(missed(&store), vec![("q2".into(), 1, 1), ("q3".into(), 1, 1)]);
}

#[test]
fn migrations_run_from_empty_and_from_every_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    drop(Store::open(&empty).unwrap());
    let conn = rusqlite::Connection::open(&empty).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);

    for version in 1..SCHEMA_VERSION as usize {
        let path = dir.path().join(format!("v{version}.db"));
        let conn = Store::create_at_version(&path, version).unwrap();
        // Data written by that version: one finished exam with one wrong answer.
        conn.execute_batch(
            "INSERT INTO attempt (id, mode, title, bank_code, bank_hash, seed, started_at, finished_at, questions)
                 VALUES (1, 'exam', 'old', 'T-1', 'h', 1, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 2);
             INSERT INTO response (attempt_id, position, question_id, pillar, section, option_order, chosen, correct)
                 VALUES (1, 0, 'q1', 'p', 's', '[0,1]', '[1]', 0), (1, 1, 'q2', 'p', 's', '[0,1]', '[0]', 1);",
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.attempt(1).unwrap().responses.len(),
            2,
            "data kept from v{version}"
        );
        // Tallies are backfilled by migration 2, so only from versions before it.
        if version < 2 {
            assert_eq!(
                missed(&store),
                vec![("q1".into(), 1, 1)],
                "tallies backfilled from v{version}"
            );
        }
    }
}

#[test]
fn an_exam_in_progress_survives_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut store = Store::open_dir(dir.path()).unwrap();
        let id = store.start_attempt(&attempt(Mode::Exam, &["q1", "q2"])).unwrap();
        store
            .save_progress(
                id,
                &[ResponseState {
                    unsure: false,
                    position: 1,
                    chosen: vec![3],
                    marked: true,
                    seconds: 12,
                }],
                1,
                140,
            )
            .unwrap();
        id
        // Dropped without finishing, as a crash would leave it.
    };
    let store = Store::open_dir(dir.path()).unwrap();
    let record = store.in_progress("T-1").unwrap().expect("resumable");
    assert_eq!(record.summary.id, id);
    assert_eq!((record.current, record.summary.used_secs), (1, 140));
    assert_eq!(record.responses[1].chosen, vec![3]);
    assert!(record.responses[1].marked);
    assert!(store.in_progress("OTHER").unwrap().is_none());
    let mut store = store;
    store.abandon(id).unwrap();
    assert!(store.in_progress("T-1").unwrap().is_none());
    assert_eq!(
        store.summaries(None, Detail::Full).unwrap()[0].status,
        Status::Abandoned
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    std::fs::write(&path, b"these are my notes, not a database\n".repeat(200)).unwrap();
    let before = sha(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: not a Proctor history database", path.display())),
        "{message}"
    );
    assert!(message.contains("move it aside"), "{message}");
    assert_eq!(sha(&path), before, "the file is unchanged");
}

#[test]
fn a_damaged_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let mut store = Store::open(&path).unwrap();
        for _ in 0..50 {
            let id = store
                .start_attempt(&attempt(Mode::Exam, &["q1", "q2", "q3", "q4"]))
                .unwrap();
            store
                .finish_attempt(id, &outcome(&[true, false, true, false]), 60, t0())
                .unwrap();
        }
        // Fold the WAL back into the file so the damage below hits real pages.
        drop(store);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    for b in &mut bytes[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let before = sha(&path);
    // The app checks every page before writing; commands that only read fail on the damaged page.
    let err = Store::open_dir_checked(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }),
        "{err}"
    );
    let mut sink = Vec::new();
    let read = Store::open(&path).map(|s| {
        s.export(proctor::store::ExportFormat::Json, None, &mut sink)
            .map_err(|e| e.to_string())
    });
    let message = match read {
        Err(e) => e.to_string(),
        Ok(Err(e)) => e,
        Ok(Ok(())) => panic!("a damaged page was exported"),
    };
    assert!(message.contains("history database is damaged"), "{message}");
    assert!(err.to_string().contains("move it aside"), "{err}");
    assert_eq!(sha(&path), before, "the file is unchanged");
}

#[test]
fn a_database_from_a_newer_proctor_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = sha(&path);
    let err = Store::open(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: written by a newer Proctor (schema 99, this one knows up to {SCHEMA_VERSION}); upgrade Proctor, or move the file aside to start a new history",
            path.display()
        )
    );
    assert_eq!(sha(&path), before);
}

#[test]
fn two_writers_at_once_lose_nothing() {
    // Both open a brand-new file: one creates the schema, the other waits and finds it done.
    let dir = tempfile::tempdir().unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut store = Store::open_dir(&dir).unwrap();
                for i in 0..40 {
                    let id = store.start_attempt(&attempt(Mode::Exam, &["q1", "q2"])).unwrap();
                    let state = ResponseState {
                        unsure: false,
                        position: 0,
                        chosen: vec![w],
                        marked: i % 2 == 0,
                        seconds: i,
                    };
                    store.save_progress(id, &[state], 0, i).unwrap();
                    store
                        .finish_attempt(id, &outcome(&[w == 0, false]), i, t0())
                        .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    let all = store.summaries(None, Detail::Full).unwrap();
    assert_eq!(all.len(), 80);
    assert!(
        all.iter()
            .all(|a| a.status == Status::Finished && a.answered == 1)
    );
    // q2 was wrong in all 80 attempts, q1 in the 40 of writer 1.
    assert_eq!(missed(&store), vec![("q2".into(), 80, 80), ("q1".into(), 40, 80)]);
}

#[test]
fn wrong_answers_are_due_at_once_and_right_ones_push_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let id = store
        .start_attempt(&attempt(Mode::Exam, &["q1", "q2", "q3"]))
        .unwrap();
    store
        .finish_attempt(id, &outcome(&[true, false, false]), 60, t0())
        .unwrap();
    let due: Vec<String> = store
        .due("T-1", t0())
        .unwrap()
        .into_iter()
        .map(|c| c.question_id)
        .collect();
    assert_eq!(
        due,
        ["q2", "q3"],
        "wrong answers are due at once; a right one never became a card"
    );

    // Review one hour later: q2 right, q3 wrong again.
    let later = t0() + Duration::hours(1);
    let review = store
        .start_attempt(&NewAttempt {
            mode: Mode::Review,
            responses: vec![],
            time_limit_secs: None,
            ..attempt(Mode::Review, &[])
        })
        .unwrap();
    let response = |id: &str| NewResponse {
        question_id: id.into(),
        pillar: "p".into(),
        section: "s".into(),
        option_order: vec![0, 1],
    };
    store
        .append_response(
            review,
            &response("q2"),
            &proctor::store::Given {
                chosen: &[0],
                correct: true,
                unsure: false,
                seconds: 20,
                fast_secs: None,
            },
            later,
        )
        .unwrap();
    store
        .append_response(
            review,
            &response("q3"),
            &proctor::store::Given {
                chosen: &[1],
                correct: false,
                unsure: false,
                seconds: 25,
                fast_secs: None,
            },
            later,
        )
        .unwrap();
    let due: Vec<String> = store
        .due("T-1", later)
        .unwrap()
        .into_iter()
        .map(|c| c.question_id)
        .collect();
    assert_eq!(
        due,
        ["q3"],
        "the right answer pushed q2 out; the wrong one kept q3 due"
    );
    let much_later: Vec<String> = store
        .due("T-1", later + Duration::days(60))
        .unwrap()
        .into_iter()
        .map(|c| c.question_id)
        .collect();
    assert_eq!(much_later, ["q3", "q2"], "q2 comes back eventually, after q3");
    let summary = &store.summaries(None, Detail::Full).unwrap()[0];
    assert_eq!(
        (summary.mode.as_str(), summary.questions, summary.correct),
        ("review", 2, Some(1))
    );
}

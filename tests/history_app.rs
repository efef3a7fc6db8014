//! The app with a real history on a fake clock: saving as the exam goes, the clock every 10 seconds,
//! resume after a crash, retries after a failed save, the history screen and spaced review.

mod common;

use std::time::Duration;

use common::*;
use proctor::app::{Action, App, HistoryAccess, Screen};
use proctor::cli::ExamArgs;
use proctor::launch::{Start, build_app_seeded};
use proctor::store::{Mode, Store};

fn app_on(dir: &std::path::Path, start: Start) -> (App, std::rc::Rc<proctor::app::FakeClock>) {
    let clock = proctor::app::FakeClock::new();
    let store = HistoryAccess::Open(Store::open_dir(dir).unwrap());
    let app = build_app_seeded(bank("ui"), &start, clock.clone(), Some(store), 3).expect("app starts");
    (app, clock)
}

fn exam_start() -> Start {
    Start::Exam(ExamArgs {
        questions: Some(4),
        seed: Some(1),
        ..ExamArgs::default()
    })
}

fn in_progress(dir: &std::path::Path) -> proctor::store::AttemptRecord {
    Store::open_dir(dir)
        .unwrap()
        .in_progress("NET-1")
        .unwrap()
        .expect("an exam in progress")
}

#[test]
fn answers_marks_and_the_clock_are_saved_and_resume_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut app, clock) = app_on(dir.path(), exam_start());
        let right = correct_letters(&app);
        press(&mut app, &right);
        press(&mut app, "nm");
        let record = in_progress(dir.path());
        assert_eq!(record.current, 1);
        assert!(
            !record.responses[0].chosen.is_empty(),
            "the answer was saved at once"
        );
        assert!(record.responses[1].marked, "the mark was saved at once");
        for _ in 0..25 {
            clock.advance(Duration::from_secs(1));
            app.update(Action::Tick);
        }
        assert_eq!(
            in_progress(dir.path()).summary.used_secs,
            20,
            "the clock is saved every 10 seconds"
        );
        // The app is dropped here without finishing: a crash.
    }
    let (app, _clock) = app_on(
        dir.path(),
        Start::Exam(ExamArgs {
            resume: true,
            ..ExamArgs::default()
        }),
    );
    let e = exam(&app);
    assert_eq!(e.current, 1);
    assert!(e.marked[1]);
    assert!(!e.answers[0].is_empty());
    assert_eq!(
        e.remaining(app.clock.now()),
        Duration::from_secs(8 * 60 - 20),
        "time left at the last save"
    );
}

#[test]
fn a_failed_save_warns_keeps_the_exam_running_and_retries() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), exam_start());
    app.store.as_ref().unwrap().fail_writes_for_tests(true);
    press(&mut app, "a");
    assert!(
        app.save_warning
            .as_deref()
            .unwrap()
            .starts_with("Last save failed, will retry:")
    );
    assert!(screen_text(&app, 100, 30).contains("⚠ Last save failed, will retry"));
    assert_eq!(exam(&app).answers[0].len(), 1, "the exam keeps running");
    app.store.as_ref().unwrap().fail_writes_for_tests(false);
    press(&mut app, "n");
    assert_eq!(app.save_warning, None);
    let record = in_progress(dir.path());
    assert_eq!(
        record.responses[0].chosen.len(),
        1,
        "the earlier answer was saved on the retry"
    );
}

#[test]
fn without_a_usable_data_folder_the_exam_runs_with_a_warning() {
    let clock = proctor::app::FakeClock::new();
    let app = build_app_seeded(
        bank("ui"),
        &exam_start(),
        clock,
        Some(HistoryAccess::Off("/nope: read-only".into())),
        3,
    )
    .unwrap();
    let text = screen_text(&app, 100, 30);
    assert!(
        text.contains("⚠ History is off (/nope: read-only); nothing will be saved"),
        "{text}"
    );
}

#[test]
fn finished_exams_reach_the_history_screen_and_open_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), exam_start());
    let right = correct_letters(&app);
    press(&mut app, &right);
    press(&mut app, "sy");
    press(&mut app, "h");
    let Screen::Home(home) = app.screen() else {
        panic!("home")
    };
    assert_eq!(
        home.info.due, 3,
        "the three unanswered questions are due for review"
    );
    assert_eq!(home.info.last.as_ref().and_then(|l| l.correct), Some(1));
    press(&mut app, "h");
    let Screen::History(h) = app.screen() else {
        panic!("history screen")
    };
    assert_eq!(h.attempts.len(), 1);
    assert_eq!(h.scores, vec![325]);
    assert!(!h.areas.is_empty());
    assert_eq!(h.wrong.len(), 3);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains(" 325 FAIL"), "{text}");
    press(&mut app, "<Enter>");
    let Screen::Review(r) = app.screen() else {
        panic!("the attempt opens for review")
    };
    assert_eq!(r.items.len(), 4);
    press(&mut app, "qq");
    let Screen::Home(_) = app.screen() else {
        panic!("back home")
    };
    press(&mut app, "r");
    let Screen::Drill(d) = app.screen() else {
        panic!("review of due questions")
    };
    assert_eq!((d.mode, d.queue.len()), (Mode::Review, 3));
}

#[test]
fn an_attempt_whose_questions_left_the_bank_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_dir(dir.path()).unwrap();
        let response = |id: &str| proctor::store::NewResponse {
            question_id: id.into(),
            pillar: "design".into(),
            section: "addressing".into(),
            option_order: vec![0, 1, 2, 3],
        };
        let id = store
            .start_attempt(&proctor::store::NewAttempt {
                mode: Mode::Exam,
                title: "Old".into(),
                bank_code: "NET-1".into(),
                bank_hash: "old".into(),
                seed: 1,
                time_limit_secs: Some(60),
                started_at: chrono::Utc::now(),
                form: None,
                responses: vec![response("net-subnets-01"), response("net-removed-07")],
            })
            .unwrap();
        store.abandon(id).unwrap();
    }
    let (mut app, _) = app_on(dir.path(), Start::Home);
    press(&mut app, "h<Enter>");
    let Screen::Review(r) = app.screen() else {
        panic!("review opens: {:?}", app.status)
    };
    assert_eq!(r.missing, ["net-removed-07"]);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("no longer in the bank: net-removed-07"), "{text}");
}

#[test]
fn history_screen_snapshot() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    {
        let bank = bank("ui");
        let mut store = Store::open_dir(dir.path()).unwrap();
        let ids = ["net-subnets-01", "net-ipv6-01", "net-wide-01", "net-routes-01"];
        for (k, right) in [
            [true, false, false, true],
            [true, true, false, true],
            [true, true, true, true],
        ]
        .iter()
        .enumerate()
        {
            let started = chrono::Utc
                .with_ymd_and_hms(2026, 11, 20 + k as u32, 9, 0, 0)
                .unwrap();
            let responses = ids
                .iter()
                .map(|id| {
                    let q = &bank.questions[bank.question_index(id).unwrap()];
                    proctor::store::NewResponse {
                        question_id: id.to_string(),
                        pillar: bank.pillars[q.pillar].id.clone(),
                        section: bank.notes.short_ref(q.section),
                        option_order: (0..q.options.len()).collect(),
                    }
                })
                .collect();
            let id = store
                .start_attempt(&proctor::store::NewAttempt {
                    mode: Mode::Exam,
                    title: "Networking Fundamentals (NET-1)".into(),
                    bank_code: "NET-1".into(),
                    bank_hash: "h".into(),
                    seed: k as u64,
                    time_limit_secs: Some(480),
                    started_at: started,
                    form: None,
                    responses,
                })
                .unwrap();
            let correct = right.iter().filter(|r| **r).count();
            let outcome = proctor::store::Outcome {
                domains: Vec::new(),
                correct,
                total: 4,
                scaled: proctor::score::scaled(correct, 4),
                passed: proctor::score::scaled(correct, 4) >= 700,
                pass_mark: 700,
                pillars: vec![proctor::store::PartScore {
                    id: "design".into(),
                    correct: correct.min(3),
                    total: 3,
                }],
                sections: vec![
                    proctor::store::PartScore {
                        id: "addressing".into(),
                        correct: usize::from(right[0]) + usize::from(right[1]),
                        total: 2,
                    },
                    proctor::store::PartScore {
                        id: "routing".into(),
                        correct: usize::from(right[3]),
                        total: 1,
                    },
                ],
                responses: right.to_vec(),
            };
            store
                .finish_attempt(
                    id,
                    &outcome,
                    200 + k as u64 * 10,
                    started + chrono::Duration::minutes(4),
                )
                .unwrap();
        }
    }
    let (mut app, _) = app_on(dir.path(), Start::Home);
    press(&mut app, "h");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("history_{w}x{h}"), render(&app, w, h).backend());
    }
}

#[test]
fn leaving_saves_the_clock_and_home_offers_resume_or_abandon() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, clock) = app_on(dir.path(), exam_start());
    clock.advance(Duration::from_secs(7));
    press(&mut app, "qy");
    assert_eq!(
        in_progress(dir.path()).summary.used_secs,
        7,
        "leaving saves the clock"
    );
    let Screen::Home(home) = app.screen() else {
        panic!("home")
    };
    let p = home.info.in_progress.expect("offered for resume");
    assert_eq!((p.answered, p.total, p.left_secs), (0, 4, 8 * 60 - 7));
    assert_eq!(home.cursor, 0, "the cursor is on Resume");
    let text = screen_text(&app, 80, 24);
    assert!(
        text.contains("Resume unfinished exam  0/4 answered, 7:53 left"),
        "{text}"
    );
    press(&mut app, "u");
    assert_eq!(
        exam(&app).remaining(app.clock.now()),
        Duration::from_secs(8 * 60 - 7)
    );
    press(&mut app, "qy");
    press(&mut app, "a");
    assert!(screen_text(&app, 80, 24).contains("Abandon the unfinished exam?"));
    press(&mut app, "n");
    assert!(in_progress(dir.path()).summary.id > 0, "n keeps it");
    press(&mut app, "ay");
    let Screen::Home(home) = app.screen() else {
        panic!("home")
    };
    assert!(home.info.in_progress.is_none(), "abandoned");
    assert!(
        Store::open_dir(dir.path())
            .unwrap()
            .in_progress("NET-1")
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_new_exam_sets_the_unfinished_one_aside_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), exam_start());
    press(&mut app, "aqy");
    let first = in_progress(dir.path()).summary.id;
    press(&mut app, "f");
    assert!(screen_text(&app, 80, 24).contains("Start a new exam?"));
    press(&mut app, "n");
    assert!(matches!(app.screen(), Screen::Home(_)));
    press(&mut app, "fy");
    let second = exam(&app).attempt.expect("saved");
    assert_ne!(first, second);
    assert_eq!(
        app.status.as_deref(),
        Some("The unfinished exam was set aside; it stays in the history as abandoned")
    );
    let all = Store::open_dir(dir.path())
        .unwrap()
        .summaries(None, proctor::store::Detail::Brief)
        .unwrap();
    let status: Vec<(i64, &str)> = all.iter().map(|a| (a.id, a.status.as_str())).collect();
    assert_eq!(status, [(second, "in_progress"), (first, "abandoned")]);
}

/// Due dates follow the app's clock: a question answered right in review leaves the queue, and comes
/// back once the fake clock has moved past its next due date.
#[test]
fn review_due_dates_follow_the_apps_clock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, clock) = app_on(dir.path(), exam_start());
    press(&mut app, "sy");
    press(&mut app, "h");
    let due = |app: &mut App| match app.store_request(proctor::app::StoreRequest::ReviewDue) {
        Ok(()) => {
            let Screen::Drill(d) = app.screen() else {
                panic!("a review")
            };
            let n = d.queue.len();
            app.stack.truncate(1);
            n
        }
        Err(_) => 0,
    };
    assert_eq!(due(&mut app), 4, "every unanswered question is due");
    // Review the first due question and answer it right.
    app.store_request(proctor::app::StoreRequest::ReviewDue).unwrap();
    let Screen::Drill(d) = app.screen() else {
        panic!("a review")
    };
    let item = &d.queue[0];
    let q = &app.bank.questions[item.question];
    let right: String = proctor::bank::letters(&item.order, |o| q.options[o].correct)
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    press(&mut app, &format!("{right}<Enter>q"));
    app.stack.truncate(1);
    assert_eq!(due(&mut app), 3, "answered right: not due today");
    clock.advance(Duration::from_secs(60 * 24 * 3600));
    assert_eq!(due(&mut app), 4, "due again two months on");
}

#[test]
fn resume_with_nothing_to_resume_reads_as_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let clock = proctor::app::FakeClock::new();
    let store = HistoryAccess::Open(Store::open_dir(dir.path()).unwrap());
    let start = Start::Exam(ExamArgs {
        resume: true,
        ..ExamArgs::default()
    });
    let err = build_app_seeded(bank("ui"), &start, clock, Some(store), 3)
        .err()
        .unwrap();
    assert_eq!(err.to_string(), "cannot resume: no exam in progress");
}

/// A daily limit caps one review session; the title says how many are due in all.
#[test]
fn a_review_session_takes_at_most_the_daily_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), exam_start());
    press(&mut app, "sy");
    press(&mut app, "h");
    app.review_limit = 2;
    app.store_request(proctor::app::StoreRequest::ReviewDue).unwrap();
    let Screen::Drill(d) = app.screen() else {
        panic!("a review")
    };
    assert_eq!(d.queue.len(), 2);
    assert_eq!(d.title, "Review (2 of 4 due, today's limit)");
}

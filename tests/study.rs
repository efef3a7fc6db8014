//! The study loop end to end on a bank that is not AWS: a seeded exam answered right and bookmarked,
//! right but unsure, wrong and blank; then every practice-set filter, `review --list`, `stats --json`
//! and `reports --json` agree with what happened. FSRS ratings per case, and the picker's fields.

mod common;

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use common::*;
use proctor::app::{HistoryAccess, Screen};
use proctor::cli::{DrillArgs, ExamArgs, Global, OnlyArg};
use proctor::commands::{review_list, study};
use proctor::launch::{Start, build_app_seeded};
use proctor::store::{Given, Grade, Mode, NewAttempt, NewResponse, Store};

const BANK: &str = "tests/fixtures/k8s/bank";

fn global(data: &Path) -> Global {
    Global {
        bank: Some(PathBuf::from(BANK)),
        data_dir: Some(data.to_path_buf()),
        ..Global::default()
    }
}

fn run(f: impl FnOnce(&mut Vec<u8>) -> Result<u8, proctor::Error>) -> String {
    let mut out = Vec::new();
    assert_eq!(f(&mut out).expect("command runs"), 0);
    String::from_utf8(out).unwrap()
}

fn ids(listing: &str) -> Vec<String> {
    let mut ids: Vec<String> = listing
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn drill_list(data: &Path, args: DrillArgs) -> Vec<String> {
    ids(&run(|out| study::drill_list(&global(data), &args, out)))
}

fn only(o: OnlyArg) -> DrillArgs {
    DrillArgs {
        only: Some(o),
        ..DrillArgs::default()
    }
}

/// The exam's question ids, in shown order.
fn exam_ids(app: &proctor::app::App) -> Vec<String> {
    exam(app)
        .exam
        .items
        .iter()
        .map(|i| app.bank.questions[i.question].id.clone())
        .collect()
}

#[test]
fn a_seeded_exam_drives_filters_review_stats_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let clock = proctor::app::FakeClock::new();
    let start = Start::Exam(ExamArgs {
        questions: Some(4),
        seed: Some(5),
        ..ExamArgs::default()
    });
    let store = HistoryAccess::Open(Store::open_dir(dir.path()).unwrap());
    let mut app = build_app_seeded(bank("k8s"), &start, clock.clone(), Some(store), 3).unwrap();
    let q = exam_ids(&app);
    // 1: right and bookmarked, with a report. 2: right but unsure. 3: wrong. 4: left blank.
    let right = correct_letters(&app);
    press(&mut app, &right);
    press(&mut app, "*R");
    press(&mut app, "typo in option B<Enter>");
    press(&mut app, "n");
    let right = correct_letters(&app);
    press(&mut app, &right);
    press(&mut app, "!n");
    let wrong = wrong_letter(&app);
    press(&mut app, &wrong.to_string());
    press(&mut app, "nsy");
    assert!(matches!(app.screen(), Screen::Results(_)));
    assert!(app.save_warning.is_none(), "{:?}", app.save_warning);

    let data = dir.path();
    assert_eq!(drill_list(data, only(OnlyArg::Bookmarked)), [q[0].clone()]);
    assert_eq!(drill_list(data, only(OnlyArg::Unsure)), [q[1].clone()]);
    let mut wrong_ids = vec![q[2].clone(), q[3].clone()];
    wrong_ids.sort();
    assert_eq!(
        drill_list(data, only(OnlyArg::Wrong)),
        wrong_ids,
        "wrong and blank"
    );
    let all = drill_list(data, DrillArgs::default());
    assert_eq!(all.len(), 6);
    let unseen: Vec<String> = all.into_iter().filter(|id| !q.contains(id)).collect();
    assert_eq!(drill_list(data, only(OnlyArg::Unseen)), unseen);
    let limited = DrillArgs {
        questions: Some(2),
        ..DrillArgs::default()
    };
    assert_eq!(drill_list(data, limited).len(), 2);

    // Misconceptions (sure and wrong, blank included) come first, then the lucky guess.
    let due = run(|out| review_list(&global(data), out));
    let due: Vec<&str> = due.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(due.len(), 3, "{due:?}");
    assert_eq!(due[2], q[1], "the unsure answer is due, after the misconceptions");
    assert!(due[..2].contains(&q[2].as_str()) && due[..2].contains(&q[3].as_str()));

    let stats: serde_json::Value =
        serde_json::from_str(&run(|out| study::stats(&global(data), true, out))).unwrap();
    assert_eq!(stats["coverage"]["seen"], 4);
    assert_eq!(stats["coverage"]["total"], 6);
    assert_eq!(
        stats["calibration"]["sure_wrong"], 1,
        "the blank answer is not counted"
    );
    assert_eq!(stats["calibration"]["unsure_right"], 1);
    assert_eq!(stats["readiness"], serde_json::Value::Null);
    assert_eq!(stats["readiness_needs"], 3, "a 6-question bank needs all 6");
    let answered: u64 = stats["pillars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["answered"].as_u64().unwrap())
        .sum();
    assert_eq!(answered, 3);
    for key in ["sections", "time", "pillars"] {
        assert!(!stats[key].is_null(), "{key}");
    }

    let reports: serde_json::Value =
        serde_json::from_str(&run(|out| study::reports(&global(data), true, out))).unwrap();
    assert_eq!(reports.as_array().unwrap().len(), 1);
    assert_eq!(reports[0]["question_id"], q[0].as_str());
    assert_eq!(reports[0]["note"], "typo in option B");
    assert_eq!(reports[0]["bank_code"], app.bank.code.as_str());
    assert_eq!(
        reports[0]["bank_hash"],
        format!("{:016x}", app.bank.content_hash()).as_str()
    );

    // A new run of the app reads the bookmark back: it persists across sessions.
    drop(app);
    let store = HistoryAccess::Open(Store::open_dir(dir.path()).unwrap());
    let app = build_app_seeded(bank("k8s"), &Start::Home, clock, Some(store), 3).unwrap();
    assert!(app.study.is_bookmarked(&q[0]));
    assert!(!app.study.is_bookmarked(&q[1]));
}

#[test]
fn search_reads_prompts_options_whys_and_explanations_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let b = bank("k8s");
    let q = &b.questions[0];
    let why_word = q.options[0]
        .why
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_uppercase();
    let found = drill_list(
        dir.path(),
        DrillArgs {
            search: Some(why_word.clone()),
            ..DrillArgs::default()
        },
    );
    assert!(found.contains(&q.id), "{why_word}: {found:?}");
    let none = drill_list(
        dir.path(),
        DrillArgs {
            search: Some("zzz-no-such-text".into()),
            ..DrillArgs::default()
        },
    );
    assert!(none.is_empty());
    assert!(
        !dir.path().join("history.db").exists(),
        "listing creates no history"
    );
}

fn one_answer(
    store: &mut Store,
    id: &str,
    correct: bool,
    unsure: bool,
    seconds: u64,
    at: chrono::DateTime<Utc>,
) {
    let attempt = store
        .start_attempt(&NewAttempt {
            mode: Mode::Drill,
            title: "t".into(),
            bank_code: "T".into(),
            bank_hash: "h".into(),
            seed: 0,
            time_limit_secs: None,
            started_at: at,
            form: None,
            responses: vec![],
        })
        .unwrap();
    let response = NewResponse {
        question_id: id.into(),
        pillar: "p".into(),
        section: "s".into(),
        option_order: vec![0, 1],
    };
    let given = Given {
        chosen: &[0],
        correct,
        unsure,
        seconds,
        fast_secs: Some(60),
    };
    store.append_response(attempt, &response, &given, at).unwrap();
}

#[test]
fn the_rating_comes_from_the_answer() {
    assert_eq!(Grade::of(false, false, 5, Some(60)), Grade::Again);
    assert_eq!(Grade::of(false, true, 5, Some(60)), Grade::Again);
    assert_eq!(Grade::of(true, true, 5, Some(60)), Grade::Hard);
    assert_eq!(Grade::of(true, false, 90, Some(60)), Grade::Good);
    assert_eq!(Grade::of(true, false, 59, Some(60)), Grade::Easy);
    assert_eq!(
        Grade::of(true, false, 60, Some(60)),
        Grade::Good,
        "faster than, not equal"
    );
    assert_eq!(Grade::of(true, false, 1, None), Grade::Good, "no pace, no Easy");

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let t0 = Utc::now() - Duration::days(30);
    let due = |store: &Store, at| -> Vec<String> {
        store
            .due("T", at)
            .unwrap()
            .into_iter()
            .map(|c| c.question_id)
            .collect()
    };
    // A sure right answer to a question never missed makes no card; an unsure one is due at once.
    one_answer(&mut store, "sure", true, false, 90, t0);
    one_answer(&mut store, "guess", true, true, 90, t0);
    assert_eq!(due(&store, t0), ["guess"]);
    // Missed, then right: Good and Easy push the card out, Easy further than Good.
    for id in ["good", "easy"] {
        one_answer(&mut store, id, false, false, 90, t0);
    }
    let t1 = t0 + Duration::minutes(10);
    one_answer(&mut store, "good", true, false, 90, t1);
    one_answer(&mut store, "easy", true, false, 10, t1);
    one_answer(&mut store, "guess", true, true, 90, t1);
    let cards = store.due("T", t1 + Duration::days(3650)).unwrap();
    let due_of = |id: &str| cards.iter().find(|c| c.question_id == id).unwrap().due.clone();
    assert!(
        due_of("easy") > due_of("good"),
        "{} vs {}",
        due_of("easy"),
        due_of("good")
    );
    assert_eq!(due(&store, t1), ["guess"], "unsure again: due again at once");
}

#[test]
fn the_picker_filters_counts_and_searches() {
    let (mut app, _) = app_with(bank("k8s"), Start::Drill(DrillArgs::default()));
    let Screen::Picker(p) = app.screen() else {
        panic!("the picker")
    };
    assert_eq!(p.topics[0].1, 6, "all topics, every question");
    // Tab to Only, cycle to "unseen" (without a history everything is unseen), Tab to the count.
    press(&mut app, "<Tab><Space><Tab>1");
    press(&mut app, "<Tab>");
    let needle = app.bank.questions[2]
        .prompt
        .split_whitespace()
        .nth(2)
        .unwrap()
        .to_string();
    press(&mut app, &needle.to_uppercase());
    let Screen::Picker(p) = app.screen() else {
        panic!("the picker")
    };
    assert_eq!(p.only, proctor::study::Only::Unseen);
    assert_eq!(p.count, "1");
    assert!(
        p.topics[0].1 >= 1 && p.topics[0].1 < 6,
        "the search narrows: {}",
        p.topics[0].1
    );
    press(&mut app, "<Enter>");
    let Screen::Drill(d) = app.screen() else {
        panic!("a drill")
    };
    assert_eq!(d.queue.len(), 1, "the count caps the set");
    assert!(d.title.starts_with("Drill: all topics (unseen"), "{}", d.title);
}

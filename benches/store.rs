//! History speed on a generated database of 10,000 attempts (650,000 responses). Goals: opening the
//! history screen, `proctor history --json`, `proctor stats` and opening the Stats screen under
//! 100 ms; saving an answer, an unsure mark or a bookmark under 5 ms.

use std::path::Path;
use std::rc::Rc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use proctor::app::history::History;
use proctor::app::stats::StatsView;
use proctor::app::{App, Screen, SystemClock};
use proctor::bank::{self, BankSource, LoadOptions};
use proctor::store::{NewAttempt, NewResponse, Outcome, PartScore, ResponseState, Store};
use proctor::ui::{self, Theme, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const ATTEMPTS: usize = 10_000;
const PER_ATTEMPT: usize = 65;
/// The Stats screen is drawn at the size the screen snapshots use.
const STATS_AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 120,
    height: 40,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap()
}

fn generate(dir: &Path, bank: &proctor::bank::Bank) {
    let mut store = Store::open_dir(dir).unwrap();
    let t0 = t0();
    for a in 0..ATTEMPTS {
        let qs: Vec<&proctor::bank::Question> = (0..PER_ATTEMPT)
            .map(|k| &bank.questions[(a * 7 + k * 13) % bank.questions.len()])
            .collect();
        let started = t0 + Duration::minutes(a as i64 * 90);
        let id = store
            .start_attempt(&NewAttempt {
                mode: proctor::store::Mode::Exam,
                title: "Generated".into(),
                bank_code: bank.code.clone(),
                bank_hash: "bench".into(),
                seed: a as u64,
                time_limit_secs: Some(7800),
                started_at: started,
                form: None,
                responses: qs
                    .iter()
                    .map(|q| NewResponse {
                        question_id: q.id.clone(),
                        pillar: bank.pillars[q.pillar].id.clone(),
                        section: bank.notes.short_ref(q.section),
                        option_order: (0..q.options.len()).collect(),
                    })
                    .collect(),
            })
            .unwrap();
        // One answer in five marked unsure, and times that vary, so the statistics have calibration and
        // time figures to compute.
        let states: Vec<ResponseState> = (0..PER_ATTEMPT)
            .map(|k| ResponseState {
                unsure: (k + 2 * a) % 5 == 0,
                position: k,
                chosen: vec![k % 4],
                marked: k % 9 == 0,
                seconds: 30 + ((k * 37 + a * 11) % 150) as u64,
            })
            .collect();
        store.save_progress(id, &states, 64, 5850).unwrap();
        let results: Vec<bool> = (0..PER_ATTEMPT).map(|k| (k + a) % 3 != 0).collect();
        let correct = results.iter().filter(|r| **r).count();
        let outcome = Outcome {
            domains: Vec::new(),
            correct,
            total: PER_ATTEMPT,
            scaled: proctor::score::scaled(correct, PER_ATTEMPT),
            passed: correct * 1000 >= PER_ATTEMPT * 700,
            pass_mark: 720,
            pillars: bank
                .pillars
                .iter()
                .map(|p| PartScore {
                    id: p.id.clone(),
                    correct: 7,
                    total: 10,
                })
                .collect(),
            sections: bank
                .notes
                .sections()
                .take(20)
                .map(|s| PartScore {
                    id: bank.notes.short_ref(s),
                    correct: 2,
                    total: 3,
                })
                .collect(),
            responses: results,
        };
        store
            .finish_attempt(id, &outcome, 5850, started + Duration::minutes(98))
            .unwrap();
    }
}

fn history(c: &mut Criterion) {
    let bank = bank::load_valid(&LoadOptions {
        source: BankSource::Bundled,
        notes: None,
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &bank);
    // A day after the last generated exam: what the review cards' recall chances are computed at.
    let now = t0() + Duration::minutes(ATTEMPTS as i64 * 90) + Duration::days(1);
    let mut group = c.benchmark_group("history_10k");
    group.sample_size(20);
    // The app opens the history once at start; opening the history screen is this load.
    let store = Store::open_dir(dir.path()).unwrap();
    group.bench_function("open_history_screen", |b| {
        b.iter(|| {
            let h = History::load(&store, &bank).unwrap();
            assert_eq!(h.attempts.len(), ATTEMPTS);
        })
    });
    // `proctor stats`: the latest answers, the questions seen and the cards' recall chances, then the
    // figures computed from them.
    group.bench_function("stats_10k", |b| {
        b.iter(|| {
            let evidence = store.evidence(&bank.code, now).unwrap();
            let stats = proctor::stats::compute(&bank, &evidence);
            assert_eq!(stats.window, proctor::stats::WINDOW);
            stats
        })
    });
    // Opening the Stats screen from home and drawing its first frame: the same computation, the
    // screen's rows, and one 120x40 frame of an app whose top screen it is.
    let shared = Rc::new(bank.clone());
    let view = View::new(Theme { color: true });
    let mut buf = Buffer::empty(STATS_AREA);
    group.bench_function("stats_screen_10k", |b| {
        b.iter(|| {
            let evidence = store.evidence(&bank.code, now).unwrap();
            let stats = proctor::stats::compute(&bank, &evidence);
            let screen = Screen::Stats(Box::new(StatsView::new(&bank, stats)));
            let app = App::new(Rc::clone(&shared), Rc::new(SystemClock), screen);
            buf.reset();
            ui::render(&app, &view, STATS_AREA, &mut buf);
            app
        })
    });
    // The screen alone, from statistics already computed: its rows and one 120x40 frame.
    let computed = proctor::stats::compute(&bank, &store.evidence(&bank.code, now).unwrap());
    group.bench_function("stats_screen_draw_120x40", |b| {
        b.iter(|| {
            let screen = Screen::Stats(Box::new(StatsView::new(&bank, computed.clone())));
            let app = App::new(Rc::clone(&shared), Rc::new(SystemClock), screen);
            buf.reset();
            ui::render(&app, &view, STATS_AREA, &mut buf);
            app
        })
    });
    drop(store);
    // `proctor history --json`, from opening the file to the last byte.
    group.bench_function("history_json", |b| {
        b.iter(|| {
            let store = Store::open_dir(dir.path()).unwrap();
            assert!(store.history_json().unwrap().len() > ATTEMPTS);
        })
    });
    // Once per app start: every page checked before anything is written.
    group.bench_function("app_start_open_checked", |b| {
        b.iter(|| Store::open_dir_checked(dir.path()).unwrap())
    });
    let mut store = Store::open_dir(dir.path()).unwrap();
    let q = &bank.questions[0];
    let id = store
        .start_attempt(&NewAttempt {
            mode: proctor::store::Mode::Exam,
            title: "In progress".into(),
            bank_code: bank.code.clone(),
            bank_hash: "bench".into(),
            seed: 1,
            time_limit_secs: Some(7800),
            started_at: Utc::now(),
            form: None,
            responses: vec![NewResponse {
                question_id: q.id.clone(),
                pillar: "security".into(),
                section: "iam".into(),
                option_order: vec![0, 1, 2, 3],
            }],
        })
        .unwrap();
    let mut k = 0u64;
    group.bench_function("save_answer", |b| {
        b.iter(|| {
            k += 1;
            let state = ResponseState {
                unsure: false,
                position: 0,
                chosen: vec![(k % 4) as usize],
                marked: false,
                seconds: k,
            };
            store.save_progress(id, &[state], 0, k).unwrap();
        })
    });
    // Marking the answer unsure and taking the mark off again, on the same exam in progress.
    let mut unsure = false;
    group.bench_function("unsure_save", |b| {
        b.iter(|| {
            k += 1;
            unsure = !unsure;
            let state = ResponseState {
                unsure,
                position: 0,
                chosen: vec![1],
                marked: false,
                seconds: k,
            };
            store.save_progress(id, &[state], 0, k).unwrap();
        })
    });
    // Bookmarking a question and taking the bookmark off again.
    let mut on = false;
    group.bench_function("bookmark_save", |b| {
        b.iter(|| {
            on = !on;
            store.set_bookmark(&bank.code, &q.id, on, now).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);

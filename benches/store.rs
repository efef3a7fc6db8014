//! History speed on a generated database of 10,000 attempts (650,000 responses). Goals: opening the
//! history screen and `proctor history --json` under 100 ms; saving an answer under 5 ms.

use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use proctor::app::history::History;
use proctor::bank::{self, BankSource, LoadOptions};
use proctor::store::{NewAttempt, NewResponse, Outcome, PartScore, ResponseState, Store};

const ATTEMPTS: usize = 10_000;
const PER_ATTEMPT: usize = 65;

fn generate(dir: &Path, bank: &proctor::bank::Bank) {
    let mut store = Store::open_dir(dir).unwrap();
    let t0 = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap();
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
        let states: Vec<ResponseState> = (0..PER_ATTEMPT)
            .map(|k| ResponseState {
                unsure: false,
                position: k,
                chosen: vec![k % 4],
                marked: k % 9 == 0,
                seconds: 90,
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
    group.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);

//! Readiness on simulated learners, through the real store: one who knows 90% of the bundled bank
//! comes out above the pass mark, one who knows 40% below it, and the interval holds the score each
//! would expect on a full exam. Too few answers give no number.

use chrono::{Duration, TimeZone, Utc};
use proctor::bank::{self, Bank, BankSource, LoadOptions};
use proctor::stats::{self, READY_AFTER, Stats};
use proctor::store::{Given, Mode, NewAttempt, NewResponse, Store};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn bundled() -> Bank {
    bank::load_valid(&LoadOptions {
        source: BankSource::Bundled,
        notes: None,
    })
    .unwrap()
}

/// A learner who knows each question with probability `share` drills `drills` sets of `per` random
/// questions, a day apart, answering right exactly the questions known; returns the statistics.
fn learner(bank: &Bank, share: f64, drills: usize, per: usize, seed: u64) -> Stats {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let known: Vec<bool> = (0..bank.questions.len())
        .map(|_| rng.random_bool(share))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let mut order: Vec<usize> = (0..bank.questions.len()).collect();
    for d in 0..drills {
        let at = t0 + Duration::days(d as i64);
        let attempt = store
            .start_attempt(&NewAttempt {
                mode: Mode::Drill,
                title: "simulated".into(),
                bank_code: bank.code.clone(),
                bank_hash: "sim".into(),
                seed: d as u64,
                time_limit_secs: None,
                started_at: at,
                form: None,
                responses: vec![],
            })
            .unwrap();
        order.shuffle(&mut rng);
        for &q in order.iter().take(per) {
            let question = &bank.questions[q];
            let response = NewResponse {
                question_id: question.id.clone(),
                pillar: bank.pillars[question.pillar].id.clone(),
                section: bank.notes.short_ref(question.section),
                option_order: (0..question.options.len()).collect(),
            };
            let given = Given {
                chosen: &[0],
                correct: known[q],
                unsure: false,
                seconds: 80,
                fast_secs: Some(bank.fast_secs()),
            };
            store.append_response(attempt, &response, &given, at).unwrap();
        }
    }
    let now = t0 + Duration::days(drills as i64);
    stats::compute(bank, &store.evidence(&bank.code, now).unwrap())
}

fn expected(share: f64) -> u32 {
    (100.0 + 900.0 * share).round() as u32
}

#[test]
fn a_learner_who_knows_ninety_percent_is_ready_and_one_who_knows_forty_is_not() {
    let bank = bundled();
    for seed in 0..3 {
        let strong = learner(&bank, 0.9, 3, 65, seed);
        let r = strong.readiness.expect("enough answers for a number");
        assert!(r.score > bank.pass_mark, "90%: {r:?}");
        assert!(r.low <= expected(0.9) && expected(0.9) <= r.high, "90%: {r:?}");
        assert!(
            r.low < r.score && r.score < r.high,
            "an interval around it: {r:?}"
        );

        let weak = learner(&bank, 0.4, 3, 65, seed);
        let r = weak.readiness.expect("enough answers for a number");
        assert!(r.score < bank.pass_mark, "40%: {r:?}");
        assert!(r.high < bank.pass_mark, "40% is clearly below: {r:?}");
        assert!(r.low <= expected(0.4) && expected(0.4) <= r.high, "40%: {r:?}");
    }
}

#[test]
fn too_few_answers_say_how_many_more_are_needed() {
    let bank = bundled();
    let s = learner(&bank, 0.9, 1, 30, 1);
    assert_eq!(s.readiness, None);
    assert_eq!(s.readiness_needs, READY_AFTER - 30);
    assert_eq!(
        s.headline(),
        format!(
            "Readiness: answer 20 more question(s) · 30/{} seen",
            bank.questions.len()
        )
    );
    let s = learner(&bank, 0.9, 1, READY_AFTER, 1);
    assert!(s.readiness.is_some());
    assert!(s.headline().starts_with("Readiness "), "{}", s.headline());
}

//! Statistics over a learner's recent answers: coverage, accuracy per pillar, domain and section, time
//! per question, calibration (sure but wrong, unsure but right) and a readiness estimate with an
//! interval. The method is written down in docs/readiness.md.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::bank::Bank;
use crate::blueprint::{Groups, group_of};

/// How many of the latest answers the statistics read.
pub const WINDOW: usize = 1000;
/// Distinct questions answered in the window before readiness gives a number (all of them, for a
/// bank with fewer).
pub const READY_AFTER: usize = 50;

/// The distinct questions readiness needs for this bank.
pub fn ready_after(bank: &Bank) -> usize {
    READY_AFTER.min(bank.questions.len()).max(1)
}
/// How much a right-but-unsure answer counts as knowledge: a lucky guess is half a point.
const UNSURE_CREDIT: f64 = 0.5;
/// The interval's z for 90%.
const Z90: f64 = 1.645;

/// One given answer, as the history holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub question_id: String,
    pub correct: bool,
    pub unsure: bool,
    pub seconds: u64,
}

/// What the statistics are computed from: the latest answers first, the questions ever answered and
/// the chance, per reviewed question, of recalling it now (FSRS retrievability).
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pub answers: Vec<Answer>,
    pub seen: HashSet<String>,
    pub retrievability: HashMap<String, f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub seen: usize,
    pub total: usize,
}

/// Coverage and recent accuracy of one pillar, domain or section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub id: String,
    pub name: String,
    pub seen: usize,
    pub total: usize,
    pub answered: usize,
    pub correct: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slow {
    pub id: String,
    pub gist: String,
    pub seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Time {
    pub median_secs: u64,
    pub p90_secs: u64,
    pub slowest: Vec<Slow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Calibration {
    /// Wrong without an unsure mark: a misconception.
    pub sure_wrong: usize,
    /// Right with an unsure mark: a lucky guess.
    pub unsure_right: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// Estimated scaled score on the bank's full exam.
    pub score: u32,
    /// A 90% interval around it.
    pub low: u32,
    pub high: u32,
    /// Distinct questions the estimate rests on.
    pub answers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub coverage: Coverage,
    /// Answers the accuracy, time and calibration figures read (the latest, at most [`WINDOW`]).
    pub window: usize,
    pub pillars: Vec<Part>,
    /// Empty unless the bank declares domains.
    pub domains: Vec<Part>,
    pub sections: Vec<Part>,
    pub time: Time,
    pub calibration: Calibration,
    pub pass_mark: u32,
    pub readiness: Option<Readiness>,
    /// Questions still to answer before readiness gives a number (0 once it does).
    pub readiness_needs: usize,
}

impl Stats {
    /// One line for the home screen: "Readiness 701 (582-821) · 212/689 seen".
    pub fn headline(&self) -> String {
        let seen = format!("{}/{} seen", self.coverage.seen, self.coverage.total);
        match self.readiness {
            Some(r) => format!("Readiness {} ({}-{}) · {seen}", r.score, r.low, r.high),
            None => format!(
                "Readiness: answer {} more question(s) · {seen}",
                self.readiness_needs
            ),
        }
    }
}

/// Tallies of one grouping (pillars, domains or sections), indexed by group.
struct Grouping {
    parts: Vec<Part>,
}

impl Grouping {
    fn new(ids_names: impl Iterator<Item = (String, String)>) -> Grouping {
        let parts = ids_names
            .map(|(id, name)| Part {
                id,
                name,
                seen: 0,
                total: 0,
                answered: 0,
                correct: 0,
            })
            .collect();
        Grouping { parts }
    }
}

/// The value at quantile `q` of sorted values (nearest rank).
fn quantile(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (q * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

fn to_scaled(p: f64) -> u32 {
    (100.0 + 900.0 * p.clamp(0.0, 1.0)).round() as u32
}

pub fn compute(bank: &Bank, ev: &Evidence) -> Stats {
    let index: HashMap<&str, usize> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let sections: Vec<usize> = bank.notes.sections().collect();
    let section_slot: HashMap<usize, usize> = sections.iter().enumerate().map(|(k, &h)| (h, k)).collect();
    let mut pillars = Grouping::new(bank.pillars.iter().map(|p| (p.id.clone(), p.name.clone())));
    let mut domains = Grouping::new(bank.domains.iter().map(|d| (d.id.clone(), d.name.clone())));
    let mut secs = Grouping::new(
        sections
            .iter()
            .map(|&h| (bank.notes.short_ref(h), bank.notes.headings[h].title.clone())),
    );
    let slots = |q: usize| {
        let question = &bank.questions[q];
        (
            question.pillar,
            question.domain.filter(|_| !bank.domains.is_empty()),
            section_slot.get(&question.section).copied(),
        )
    };
    let mut each = |q: usize, f: &mut dyn FnMut(&mut Part)| {
        let (p, d, s) = slots(q);
        f(&mut pillars.parts[p]);
        if let Some(d) = d {
            f(&mut domains.parts[d]);
        }
        if let Some(s) = s {
            f(&mut secs.parts[s]);
        }
    };
    let mut seen = 0;
    for (i, q) in bank.questions.iter().enumerate() {
        let was_seen = ev.seen.contains(&q.id);
        seen += usize::from(was_seen);
        each(i, &mut |part| {
            part.total += 1;
            part.seen += usize::from(was_seen);
        });
    }
    let answers: Vec<(&Answer, usize)> = ev
        .answers
        .iter()
        .take(WINDOW)
        .filter_map(|a| index.get(a.question_id.as_str()).map(|&q| (a, q)))
        .collect();
    let mut calibration = Calibration {
        sure_wrong: 0,
        unsure_right: 0,
    };
    for &(a, q) in &answers {
        each(q, &mut |part| {
            part.answered += 1;
            part.correct += usize::from(a.correct);
        });
        calibration.sure_wrong += usize::from(!a.correct && !a.unsure);
        calibration.unsure_right += usize::from(a.correct && a.unsure);
    }
    let mut times: Vec<u64> = answers.iter().map(|(a, _)| a.seconds).collect();
    times.sort_unstable();
    let mut slowest: Vec<&(&Answer, usize)> = answers.iter().filter(|a| a.0.seconds > 0).collect();
    slowest.sort_by(|a, b| b.0.seconds.cmp(&a.0.seconds).then(a.1.cmp(&b.1)));
    let mut listed = HashSet::new();
    let slowest = slowest
        .into_iter()
        .filter(|a| listed.insert(a.1))
        .take(5)
        .map(|&(a, q)| Slow {
            id: a.question_id.clone(),
            gist: bank.questions[q].gist(),
            seconds: a.seconds,
        })
        .collect();
    let (readiness, distinct) = readiness(bank, ev, &answers);
    Stats {
        coverage: Coverage {
            seen,
            total: bank.questions.len(),
        },
        window: answers.len(),
        pillars: pillars.parts,
        domains: domains.parts,
        sections: secs.parts,
        time: Time {
            median_secs: quantile(&times, 0.5),
            p90_secs: quantile(&times, 0.9),
            slowest,
        },
        calibration,
        pass_mark: bank.pass_mark,
        readiness,
        readiness_needs: ready_after(bank).saturating_sub(distinct),
    }
}

/// The estimate and how many distinct questions it rests on. Each question counts once, by its latest
/// answer: wrong 0, right but unsure half, right 1, times the chance of recalling it now when it has a
/// review card. Each blueprint group's share known has a Beta(1, 1) prior, so a group with little
/// evidence leans to a coin flip rather than to its two lucky answers; groups are weighted as the
/// exam's blueprint weights them. The interval adds the estimate's uncertainty to the spread of one
/// exam's draw of `exam_questions` questions.
fn readiness(bank: &Bank, ev: &Evidence, answers: &[(&Answer, usize)]) -> (Option<Readiness>, usize) {
    let groups = Groups::of(bank);
    let mut known = vec![0.0_f64; groups.ids.len()];
    let mut count = vec![0_usize; groups.ids.len()];
    let mut latest = HashSet::new();
    for &(a, q) in answers {
        if !latest.insert(q) {
            continue;
        }
        let credit = match (a.correct, a.unsure) {
            (false, _) => 0.0,
            (true, true) => UNSURE_CREDIT,
            (true, false) => 1.0,
        };
        let recall = ev.retrievability.get(&a.question_id).copied().unwrap_or(1.0);
        let g = group_of(bank, q);
        known[g] += credit * recall.clamp(0.0, 1.0);
        count[g] += 1;
    }
    let distinct = latest.len();
    if distinct < ready_after(bank) {
        return (None, distinct);
    }
    // A bank whose weights are all zero weighs its groups equally, as its exams do not.
    let weights: Vec<f64> = if groups.weights.iter().all(|&w| w == 0) {
        vec![1.0; groups.ids.len()]
    } else {
        groups.weights.iter().map(|&w| f64::from(w)).collect()
    };
    let total_weight: f64 = weights.iter().sum();
    let (mut p, mut var) = (0.0, 0.0);
    for g in 0..groups.ids.len() {
        let share = weights[g] / total_weight;
        let n = count[g] as f64;
        let a = (known[g] + 1.0) / (n + 2.0);
        p += share * a;
        var += share * share * a * (1.0 - a) / (n + 3.0);
    }
    let length = bank.exam_questions.max(1) as f64;
    let sd = (var + p * (1.0 - p) / length).sqrt();
    let r = Readiness {
        score: to_scaled(p),
        low: to_scaled(p - Z90 * sd),
        high: to_scaled(p + Z90 * sd),
        answers: distinct,
    };
    (Some(r), distinct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank() {
        let v: Vec<u64> = (1..=10).collect();
        assert_eq!(quantile(&v, 0.5), 5);
        assert_eq!(quantile(&v, 0.9), 9);
        assert_eq!(quantile(&[], 0.5), 0);
        assert_eq!(quantile(&[7], 0.9), 7);
    }
}

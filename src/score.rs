//! Scoring an answered exam: all-or-nothing per question, an estimated scaled score, and tallies per
//! pillar and per notes section.

use crate::bank::Bank;
use crate::exam::Item;

/// Correct out of total for one pillar or section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Pillar index or section heading index.
    pub key: usize,
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            0
        } else {
            (100 * self.correct as u32 + self.total as u32 / 2) / self.total as u32
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub correct: usize,
    pub total: usize,
    /// Estimated score on the 100-1000 scale; the real exam scales by form, so this is a guide.
    pub scaled: u32,
    pub pass_mark: u32,
    pub passed: bool,
    /// Per pillar, in the bank's order; pillars with no question in the exam are left out.
    pub pillars: Vec<Tally>,
    /// Per notes section, weakest first.
    pub sections: Vec<Tally>,
    /// Per domain, in the bank's order, when it declares domains; domains with no question left out.
    pub domains: Vec<Tally>,
}

/// The one weakest-first order, for (correct, total) pairs: the lower share correct first, then the one
/// with more questions (more evidence). Callers break remaining ties by name or notes order.
pub fn weaker(a: (usize, usize), b: (usize, usize)) -> std::cmp::Ordering {
    (a.0 * b.1).cmp(&(b.0 * a.1)).then(b.1.cmp(&a.1))
}

/// `100 + 900 * correct / total`, rounded.
pub fn scaled(correct: usize, total: usize) -> u32 {
    if total == 0 {
        return 100;
    }
    100 + ((900 * correct as u64 + total as u64 / 2) / total as u64) as u32
}

/// Whether a chosen set (bank option indices, any order) is exactly the correct set.
pub fn is_correct(bank: &Bank, question: usize, chosen: &[usize]) -> bool {
    let mut chosen = chosen.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    !chosen.is_empty() && chosen == bank.questions[question].correct_set()
}

/// Score an exam; `answers[k]` holds the bank option indices chosen for item k (empty = unanswered).
pub fn score(bank: &Bank, items: &[Item], answers: &[Vec<usize>]) -> Score {
    let mut pillars: Vec<Tally> = (0..bank.pillars.len())
        .map(|key| Tally {
            key,
            correct: 0,
            total: 0,
        })
        .collect();
    let mut domains: Vec<Tally> = (0..bank.domains.len())
        .map(|key| Tally {
            key,
            correct: 0,
            total: 0,
        })
        .collect();
    let mut sections: Vec<Tally> = Vec::new();
    let mut correct = 0;
    for (k, item) in items.iter().enumerate() {
        let ok = answers.get(k).is_some_and(|a| is_correct(bank, item.question, a));
        let q = &bank.questions[item.question];
        correct += usize::from(ok);
        pillars[q.pillar].total += 1;
        pillars[q.pillar].correct += usize::from(ok);
        if let Some(d) = q.domain.and_then(|d| domains.get_mut(d)) {
            d.total += 1;
            d.correct += usize::from(ok);
        }
        let s = match sections.iter_mut().find(|t| t.key == q.section) {
            Some(s) => s,
            None => {
                sections.push(Tally {
                    key: q.section,
                    correct: 0,
                    total: 0,
                });
                sections.last_mut().expect("just pushed")
            }
        };
        s.total += 1;
        s.correct += usize::from(ok);
    }
    pillars.retain(|t| t.total > 0);
    domains.retain(|t| t.total > 0);
    // Weakest first: lowest share correct, then more questions (more evidence), then notes order.
    sections.sort_by(|a, b| weaker((a.correct, a.total), (b.correct, b.total)).then(a.key.cmp(&b.key)));
    let total = items.len();
    let scaled = scaled(correct, total);
    Score {
        correct,
        total,
        scaled,
        pass_mark: bank.pass_mark,
        passed: scaled >= bank.pass_mark,
        pillars,
        sections,
        domains,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_rounds_on_the_100_to_1000_scale() {
        assert_eq!(scaled(0, 65), 100);
        assert_eq!(scaled(65, 65), 1000);
        assert_eq!(scaled(2, 3), 700);
        assert_eq!(scaled(1, 3), 400);
        assert_eq!(scaled(47, 65), 751);
        assert_eq!(scaled(0, 0), 100);
    }

    #[test]
    fn tally_percent_rounds() {
        assert_eq!(
            Tally {
                key: 0,
                correct: 2,
                total: 3
            }
            .percent(),
            67
        );
        assert_eq!(
            Tally {
                key: 0,
                correct: 0,
                total: 0
            }
            .percent(),
            0
        );
    }
}

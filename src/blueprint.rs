//! The exam blueprint: how a sampled exam is split over the bank's domains (or, without domains, its
//! pillars) by weight, and the bank's fixed practice tests (forms) drawn to that blueprint.

use crate::bank::Bank;

/// Split `n` over `weights` in proportion, by largest remainder; ties go to the earlier entry.
pub fn apportion(weights: &[u32], n: usize) -> Vec<usize> {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let n64 = n as u64;
    let mut shares: Vec<usize> = weights
        .iter()
        .map(|&w| (u64::from(w) * n64 / total) as usize)
        .collect();
    let given: usize = shares.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest remainder first; the sort is stable so ties keep declaration order.
    order.sort_by_key(|&i| std::cmp::Reverse(u64::from(weights[i]) * n64 % total));
    for &i in order.iter().take(n - given) {
        shares[i] += 1;
    }
    shares
}

/// The groups an exam is apportioned over: domains when declared, else pillars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    /// "domain" or "pillar", for messages.
    pub kind: &'static str,
    pub ids: Vec<String>,
    pub weights: Vec<u32>,
}

impl Groups {
    pub fn of(bank: &Bank) -> Groups {
        if bank.domains.is_empty() {
            Groups {
                kind: "pillar",
                ids: bank.pillars.iter().map(|p| p.id.clone()).collect(),
                weights: bank.pillars.iter().map(|p| p.weight).collect(),
            }
        } else {
            Groups {
                kind: "domain",
                ids: bank.domains.iter().map(|d| d.id.clone()).collect(),
                weights: bank.domains.iter().map(|d| d.weight).collect(),
            }
        }
    }
}

/// The group a question counts in.
pub fn group_of(bank: &Bank, question: usize) -> usize {
    let q = &bank.questions[question];
    match q.domain {
        Some(d) if !bank.domains.is_empty() => d,
        _ => q.pillar,
    }
}

/// A group with too few questions for the bank's forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub kind: &'static str,
    pub id: String,
    pub needed: usize,
    pub have: usize,
}

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} \"{}\" has {} question(s) but the forms need {} ({} short)",
            self.kind,
            self.id,
            self.have,
            self.needed,
            self.needed - self.have
        )
    }
}

/// A stable shuffle key for a question: its id hashed (FNV-1a), so forms do not depend on file order.
fn key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn difficulty(bank: &Bank, q: usize) -> u8 {
    bank.questions[q].difficulty.unwrap_or(2)
}

/// The bank split into `bank.forms` disjoint practice tests of `bank.exam_questions` questions each,
/// every one on the blueprint (the same count from each group) and balanced in difficulty. The same
/// bank always gives the same forms; questions left over stay for custom exams and drills.
pub fn forms(bank: &Bank) -> Result<Vec<Vec<usize>>, Vec<Shortfall>> {
    let n = bank.forms;
    if n == 0 {
        return Ok(Vec::new());
    }
    let groups = Groups::of(bank);
    let quota = apportion(&groups.weights, bank.exam_questions);
    let mut pools: Vec<Vec<usize>> = vec![Vec::new(); groups.ids.len()];
    for q in 0..bank.questions.len() {
        pools[group_of(bank, q)].push(q);
    }
    let shortfalls: Vec<Shortfall> = (0..groups.ids.len())
        .filter(|&g| pools[g].len() < quota[g] * n)
        .map(|g| Shortfall {
            kind: groups.kind,
            id: groups.ids[g].clone(),
            needed: quota[g] * n,
            have: pools[g].len(),
        })
        .collect();
    if !shortfalls.is_empty() {
        return Err(shortfalls);
    }
    let mut forms: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut sums = vec![0u32; n];
    for (g, pool) in pools.iter_mut().enumerate() {
        let take = quota[g] * n;
        if take == 0 {
            continue;
        }
        // Which questions go into forms: spread evenly over the difficulty levels of the group, so
        // the forms' mean stays at the bank's; within a level, by the stable key.
        pool.sort_by_key(|&q| (difficulty(bank, q), key(&bank.questions[q].id)));
        let chosen: Vec<usize> = (0..take).map(|i| pool[i * pool.len() / take]).collect();
        // Deal hardest first, each to the form with the lowest difficulty sum that still has room.
        let mut dealt = vec![0usize; n];
        for &q in chosen.iter().rev() {
            let f = (0..n)
                .filter(|&f| dealt[f] < quota[g])
                .min_by_key(|&f| (sums[f], f))
                .expect("a form has room while questions remain");
            forms[f].push(q);
            dealt[f] += 1;
            sums[f] += u32::from(difficulty(bank, q));
        }
    }
    for form in &mut forms {
        form.sort_by_key(|&q| key(&bank.questions[q].id));
    }
    Ok(forms)
}

/// Mean difficulty of some questions (unset counts as 2).
pub fn mean_difficulty(bank: &Bank, questions: &[usize]) -> f64 {
    if questions.is_empty() {
        return 0.0;
    }
    questions
        .iter()
        .map(|&q| f64::from(difficulty(bank, q)))
        .sum::<f64>()
        / questions.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_sums_and_follows_weights() {
        assert_eq!(apportion(&[28, 24, 23, 19, 4, 2], 65), vec![18, 16, 15, 12, 3, 1]);
        assert_eq!(apportion(&[30, 26, 24, 20], 65), vec![19, 17, 16, 13]);
        assert_eq!(apportion(&[1, 1, 1], 10), vec![4, 3, 3]);
        assert_eq!(apportion(&[3, 0, 1], 4), vec![3, 0, 1]);
        assert_eq!(apportion(&[0, 0], 5), vec![0, 0]);
        assert_eq!(apportion(&[5], 0), vec![0]);
        for n in 0..100 {
            assert_eq!(apportion(&[7, 3, 11, 1], n).iter().sum::<usize>(), n);
        }
    }
}

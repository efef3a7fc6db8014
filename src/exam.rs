//! Sampling an exam from a bank: apportion the length over domains (or pillars) by weight, draw
//! questions and shuffle them and their options, all from one seed so the same seed gives the same
//! exam everywhere. A fixed practice test (form) is shuffled the same way.

use std::collections::HashSet;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::bank::Bank;
use crate::blueprint::{Groups, apportion, group_of};

/// Which questions an exam may draw from. Empty lists mean "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Pillar indices.
    pub pillars: Vec<usize>,
    /// Notes headings: a question matches when one of its refs lies under one of them.
    pub headings: Vec<usize>,
}

impl Filters {
    /// Questions with a ref at or under this notes heading.
    pub fn heading(heading: usize) -> Filters {
        Filters {
            headings: vec![heading],
            ..Filters::default()
        }
    }

    /// Questions of this pillar.
    pub fn pillar(pillar: usize) -> Filters {
        Filters {
            pillars: vec![pillar],
            ..Filters::default()
        }
    }

    pub fn matches(&self, bank: &Bank, question: usize) -> bool {
        let q = &bank.questions[question];
        (self.pillars.is_empty() || self.pillars.contains(&q.pillar))
            && (self.headings.is_empty()
                || q.anchors
                    .iter()
                    .any(|&a| self.headings.iter().any(|&h| bank.notes.is_within(a, h))))
    }
}

/// Choose or unchoose `option` in an answer. On a multiple-response question options toggle one by
/// one; on a single-response question a new option replaces the old, and the chosen one again clears
/// the answer (so a learner can take an answer back), in exams and drills alike.
pub fn toggle(answer: &mut Vec<usize>, option: usize, multi: bool) {
    match answer.iter().position(|&o| o == option) {
        Some(i) => {
            answer.remove(i);
        }
        None if multi => {
            answer.push(option);
            answer.sort_unstable();
        }
        None => *answer = vec![option],
    }
}

/// One question of a sampled exam and the order its options are shown in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index into `Bank::questions`.
    pub question: usize,
    /// `order[k]` is the bank index of the option shown at position k (A, B, ...).
    pub order: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exam {
    pub seed: u64,
    /// The fixed practice test this exam is (0-based), if it is one.
    pub form: Option<usize>,
    pub items: Vec<Item>,
    /// What the sampler had to adjust (a pillar short of questions, fewer matches than asked).
    pub notices: Vec<String>,
}

/// Quotas per pillar for `n` questions, topping up pillars short of questions from the others.
fn quotas(weights: &[u32], available: &[usize], n: usize) -> Vec<usize> {
    let mut quota = apportion(weights, n);
    loop {
        let mut deficit = 0;
        for (q, &a) in quota.iter_mut().zip(available) {
            if *q > a {
                deficit += *q - a;
                *q = a;
            }
        }
        let spare: Vec<u32> = (0..weights.len())
            .map(|i| if available[i] > quota[i] { weights[i] } else { 0 })
            .collect();
        if deficit == 0 || spare.iter().all(|&w| w == 0) {
            return quota;
        }
        for (q, extra) in quota.iter_mut().zip(apportion(&spare, deficit)) {
            *q += extra;
        }
    }
}

/// The questions an exam may draw from each group, and the groups' weights for this draw.
fn pools(bank: &Bank, groups: &Groups, filters: &Filters) -> (Vec<Vec<usize>>, Vec<u32>) {
    let mut pools: Vec<Vec<usize>> = vec![Vec::new(); groups.ids.len()];
    for i in 0..bank.questions.len() {
        if filters.matches(bank, i) {
            pools[group_of(bank, i)].push(i);
        }
    }
    let mut weights: Vec<u32> = groups
        .weights
        .iter()
        .enumerate()
        .map(|(i, &w)| if pools[i].is_empty() { 0 } else { w })
        .collect();
    if weights.iter().all(|&w| w == 0) {
        weights = pools.iter().map(|p| u32::from(!p.is_empty())).collect();
    } else {
        for (i, pool) in pools.iter_mut().enumerate() {
            let named = groups.kind == "pillar" && filters.pillars.contains(&i);
            if weights[i] == 0 && !named {
                pool.clear();
            }
        }
    }
    (pools, weights)
}

/// How many questions an exam with these filters can draw at most.
pub fn available(bank: &Bank, filters: &Filters) -> usize {
    pools(bank, &Groups::of(bank), filters)
        .0
        .iter()
        .map(Vec::len)
        .sum()
}

/// Draw an exam of up to `n` questions matching `filters`.
///
/// The exam is apportioned over the bank's domains when it declares them, else over its pillars.
/// Groups with weight 0 are for drills: a pillar of weight 0 takes part only when a filter names it,
/// and when every matching group has weight 0 they share the exam equally.
pub fn sample(bank: &Bank, n: usize, seed: u64, filters: &Filters) -> Exam {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut notices = Vec::new();
    let groups = Groups::of(bank);
    let (mut pools, weights) = pools(bank, &groups, filters);
    let available: Vec<usize> = pools.iter().map(Vec::len).collect();
    let total: usize = available.iter().sum();
    let n = if n > total {
        notices.push(format!(
            "only {total} questions match; the exam has {total} instead of {n}"
        ));
        total
    } else {
        n
    };
    let wanted = apportion(&weights, n);
    let quota = quotas(&weights, &available, n);
    for (i, id) in groups.ids.iter().enumerate() {
        if quota[i] < wanted[i] {
            notices.push(format!(
                "{kind} \"{id}\" has only {} of the {} questions its weight asks for; the rest come from other {kind}s",
                available[i],
                wanted[i],
                kind = groups.kind
            ));
        }
    }
    let mut chosen = Vec::with_capacity(n);
    for (pool, &take) in pools.iter_mut().zip(&quota) {
        pool.shuffle(&mut rng);
        chosen.extend_from_slice(&pool[..take]);
    }
    chosen.shuffle(&mut rng);
    let items = chosen
        .into_iter()
        .map(|question| item(bank, question, &mut rng))
        .collect();
    Exam {
        seed,
        form: None,
        items,
        notices,
    }
}

/// Practice test `form` (0-based) of the bank's fixed forms, its questions and options shuffled by
/// `seed`; `None` when the bank has no such form.
pub fn form(bank: &Bank, form: usize, seed: u64) -> Option<Exam> {
    let mut chosen = crate::blueprint::forms(bank).ok()?.into_iter().nth(form)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    chosen.shuffle(&mut rng);
    let items = chosen.into_iter().map(|q| item(bank, q, &mut rng)).collect();
    Some(Exam {
        seed,
        form: Some(form),
        items,
        notices: Vec::new(),
    })
}

/// Every question matching `filters` for an untimed drill: never-seen ones (ids not in `seen`) first,
/// each group shuffled by `seed`, options shuffled unless the question says not to.
pub fn drill_order(bank: &Bank, filters: &Filters, seed: u64, seen: &HashSet<String>) -> Vec<Item> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut fresh, mut again): (Vec<usize>, Vec<usize>) = (0..bank.questions.len())
        .filter(|&i| filters.matches(bank, i))
        .partition(|&i| !seen.contains(&bank.questions[i].id));
    fresh.shuffle(&mut rng);
    again.shuffle(&mut rng);
    fresh
        .into_iter()
        .chain(again)
        .map(|q| item(bank, q, &mut rng))
        .collect()
}

fn item(bank: &Bank, question: usize, rng: &mut ChaCha8Rng) -> Item {
    let q = &bank.questions[question];
    let mut order: Vec<usize> = (0..q.options.len()).collect();
    if q.shuffle {
        order.shuffle(rng);
    }
    Item { question, order }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggle_follows_one_rule_for_single_and_multiple_response() {
        let mut a = Vec::new();
        toggle(&mut a, 2, false);
        toggle(&mut a, 1, false);
        assert_eq!(a, [1], "a new choice replaces the old");
        toggle(&mut a, 1, false);
        assert!(a.is_empty(), "choosing it again takes the answer back");
        for o in [3, 0, 3, 1] {
            toggle(&mut a, o, true);
        }
        assert_eq!(a, [0, 1], "multiple response toggles each, kept sorted");
    }

    #[test]
    fn quotas_fill_a_short_pillar_from_the_others() {
        assert_eq!(quotas(&[50, 50], &[2, 100], 10), vec![2, 8]);
        assert_eq!(quotas(&[1, 1, 1], &[0, 1, 100], 9), vec![0, 1, 8]);
        assert_eq!(quotas(&[1, 1], &[1, 1], 5), vec![1, 1]);
    }
}

//! The counts `proctor check` prints for a valid bank.

use std::collections::HashMap;
use std::fmt;

use super::Bank;

/// Counts `proctor check` prints for a valid bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub name: String,
    pub code: String,
    pub questions: usize,
    pub multi: usize,
    /// Questions with difficulty 1, 2, 3 and unset.
    pub difficulty: [usize; 4],
    /// (id, weight, questions)
    pub pillars: Vec<(String, u32, usize)>,
    /// (id, weight, questions), empty without domains.
    pub domains: Vec<(String, u32, usize)>,
    /// (task id, questions), in declared order.
    pub tasks: Vec<(String, usize)>,
    /// Fixed practice tests.
    pub forms: usize,
    /// (title, short ref, questions whose home section it is)
    pub sections: Vec<(String, String, usize)>,
}

impl Summary {
    pub fn of(bank: &Bank) -> Summary {
        let mut difficulty = [0; 4];
        let mut pillars: Vec<(String, u32, usize)> =
            bank.pillars.iter().map(|p| (p.id.clone(), p.weight, 0)).collect();
        let mut domains: Vec<(String, u32, usize)> =
            bank.domains.iter().map(|d| (d.id.clone(), d.weight, 0)).collect();
        let mut tasks: Vec<(usize, usize, usize)> = bank
            .domains
            .iter()
            .enumerate()
            .flat_map(|(d, dom)| (0..dom.tasks.len()).map(move |t| (d, t, 0)))
            .collect();
        let mut per_section: HashMap<usize, usize> = HashMap::new();
        for q in &bank.questions {
            if let Some(d) = q.domain {
                domains[d].2 += 1;
                if let Some(t) = q.task
                    && let Some(entry) = tasks.iter_mut().find(|e| (e.0, e.1) == (d, t))
                {
                    entry.2 += 1;
                }
            }
            difficulty[q.difficulty.map_or(3, |d| usize::from(d) - 1)] += 1;
            pillars[q.pillar].2 += 1;
            *per_section.entry(q.section).or_default() += 1;
        }
        let mut sections: Vec<usize> = bank.notes.sections().collect();
        for s in per_section.keys() {
            if !sections.contains(s) {
                sections.push(*s);
            }
        }
        sections.sort_unstable();
        Summary {
            name: bank.name.clone(),
            code: bank.code.clone(),
            questions: bank.questions.len(),
            multi: bank.questions.iter().filter(|q| q.is_multi()).count(),
            difficulty,
            pillars,
            domains,
            tasks: tasks
                .into_iter()
                .map(|(d, t, n)| (bank.domains[d].tasks[t].id.clone(), n))
                .collect(),
            forms: bank.forms,
            sections: sections
                .into_iter()
                .map(|s| {
                    let count = per_section.get(&s).copied().unwrap_or(0);
                    (
                        bank.notes.headings[s].title.clone(),
                        bank.notes.short_ref(s),
                        count,
                    )
                })
                .collect(),
        }
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.questions;
        writeln!(f, "{} ({})", self.name, self.code)?;
        writeln!(f, "questions: {n}")?;
        writeln!(
            f,
            "multiple-response: {} ({:.1}%)",
            self.multi,
            percent(self.multi, n)
        )?;
        let [d1, d2, d3, unset] = self.difficulty;
        writeln!(f, "difficulty: 1: {d1}, 2: {d2}, 3: {d3}, unset: {unset}")?;
        let total_weight: u32 = self.pillars.iter().map(|p| p.1).sum();
        writeln!(f, "pillars:        questions  share  weight share")?;
        for (id, weight, count) in &self.pillars {
            writeln!(
                f,
                "  {id:<24} {count:>5}  {:>5.1}%  {:>5.1}%",
                percent(*count, n),
                percent(*weight as usize, total_weight as usize)
            )?;
        }
        if !self.domains.is_empty() {
            let total_weight: u32 = self.domains.iter().map(|d| d.1).sum();
            writeln!(f, "domains:        questions  share  weight share")?;
            for (id, weight, count) in &self.domains {
                writeln!(
                    f,
                    "  {id:<24} {count:>5}  {:>5.1}%  {:>5.1}%",
                    percent(*count, n),
                    percent(*weight as usize, total_weight as usize)
                )?;
            }
        }
        if !self.tasks.is_empty() {
            writeln!(f, "tasks:")?;
            for (id, count) in &self.tasks {
                writeln!(f, "  {id:<24} {count:>5}")?;
            }
        }
        if self.forms > 0 {
            writeln!(f, "practice tests: {}", self.forms)?;
        }
        writeln!(f, "sections:")?;
        for (title, short, count) in &self.sections {
            writeln!(f, "  {count:>4}  {title}  ({short})")?;
        }
        Ok(())
    }
}

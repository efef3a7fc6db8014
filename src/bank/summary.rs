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
    pub pillars: Vec<GroupCount>,
    /// Empty without domains.
    pub domains: Vec<GroupCount>,
    /// Questions per task statement, in declared order (weight unused).
    pub tasks: Vec<GroupCount>,
    /// Fixed practice tests.
    pub forms: usize,
    pub sections: Vec<SectionCount>,
}

/// A pillar, domain or task with its weight and how many questions it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCount {
    pub id: String,
    pub weight: u32,
    pub questions: usize,
}

/// A notes section and how many questions have it as their home section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionCount {
    pub title: String,
    pub short_ref: String,
    pub questions: usize,
}

impl Summary {
    pub fn of(bank: &Bank) -> Summary {
        let mut difficulty = [0; 4];
        let count = |id: &str, weight| GroupCount {
            id: id.to_string(),
            weight,
            questions: 0,
        };
        let mut pillars: Vec<GroupCount> = bank.pillars.iter().map(|p| count(&p.id, p.weight)).collect();
        let mut domains: Vec<GroupCount> = bank.domains.iter().map(|d| count(&d.id, d.weight)).collect();
        let mut tasks: Vec<(usize, usize, usize)> = bank
            .domains
            .iter()
            .enumerate()
            .flat_map(|(d, dom)| (0..dom.tasks.len()).map(move |t| (d, t, 0)))
            .collect();
        let mut per_section: HashMap<usize, usize> = HashMap::new();
        for q in &bank.questions {
            if let Some(d) = q.domain {
                domains[d].questions += 1;
                if let Some(t) = q.task
                    && let Some(entry) = tasks.iter_mut().find(|e| (e.0, e.1) == (d, t))
                {
                    entry.2 += 1;
                }
            }
            difficulty[q.difficulty.map_or(3, |d| usize::from(d) - 1)] += 1;
            pillars[q.pillar].questions += 1;
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
                .map(|(d, t, n)| GroupCount {
                    questions: n,
                    ..count(&bank.domains[d].tasks[t].id, 0)
                })
                .collect(),
            forms: bank.forms,
            sections: sections
                .into_iter()
                .map(|s| SectionCount {
                    title: bank.notes.headings[s].title.clone(),
                    short_ref: bank.notes.short_ref(s),
                    questions: per_section.get(&s).copied().unwrap_or(0),
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

/// Each group's questions and share of the bank beside its share of the weight.
fn shares(f: &mut fmt::Formatter<'_>, what: &str, groups: &[GroupCount], n: usize) -> fmt::Result {
    let total_weight: u32 = groups.iter().map(|g| g.weight).sum();
    writeln!(f, "{:<15} questions  share  weight share", format!("{what}:"))?;
    for g in groups {
        writeln!(
            f,
            "  {:<24} {:>5}  {:>5.1}%  {:>5.1}%",
            g.id,
            g.questions,
            percent(g.questions, n),
            percent(g.weight as usize, total_weight as usize)
        )?;
    }
    Ok(())
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
        shares(f, "pillars", &self.pillars, n)?;
        if !self.domains.is_empty() {
            shares(f, "domains", &self.domains, n)?;
        }
        if !self.tasks.is_empty() {
            writeln!(f, "tasks:")?;
            for t in &self.tasks {
                writeln!(f, "  {:<24} {:>5}", t.id, t.questions)?;
            }
        }
        if self.forms > 0 {
            writeln!(f, "practice tests: {}", self.forms)?;
        }
        writeln!(f, "sections:")?;
        for s in &self.sections {
            writeln!(f, "  {:>4}  {}  ({})", s.questions, s.title, s.short_ref)?;
        }
        Ok(())
    }
}

//! Checks of the exam blueprint: `[[domain]]` tables with their task statements, each question's
//! `domain` and `task`, and whether the bank can be split into its `forms`.

use std::collections::HashMap;

use toml::Spanned;

use super::validate::{FileDiags, in_range, is_valid_id, text_problem};
use super::{Domain, Task, raw};
use crate::diag::Diagnostic;

/// Largest weight a domain may have, as for pillars.
const MAX_WEIGHT: u32 = 1_000_000;

/// The declared domains, checked.
pub(super) fn check_domains(
    raw: Vec<Spanned<raw::Domain>>,
    f: &FileDiags<'_>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Domain> {
    let mut domains = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut tasks_seen: HashMap<String, usize> = HashMap::new();
    for d in raw {
        let d = d.into_inner();
        let id = d.id.get_ref().clone();
        if !is_valid_id(&id) {
            out.push(f.error(&d.id, format!("domain id {id:?} may only use a-z, 0-9 and -")));
        }
        if let Some(&first) = seen.get(&id) {
            let (l, c) = f.index.pos(first);
            out.push(f.error(
                &d.id,
                format!(
                    "duplicate domain id \"{id}\" (first declared at {}:{l}:{c})",
                    f.path
                ),
            ));
        } else {
            seen.insert(id.clone(), d.id.span().start);
        }
        if let Some(problem) = text_problem(d.name.get_ref(), "domain name") {
            out.push(f.error(&d.name, problem));
        }
        let weight = in_range(&d.weight, "domain weight", 0, MAX_WEIGHT, f, out);
        let mut tasks = Vec::new();
        for t in d.task {
            let task_id = t.id.get_ref().trim().to_string();
            if let Some(problem) = text_problem(&task_id, "task id") {
                out.push(f.error(&t.id, problem));
            } else if let Some(&first) = tasks_seen.get(&task_id) {
                let (l, c) = f.index.pos(first);
                out.push(f.error(
                    &t.id,
                    format!(
                        "duplicate task id \"{task_id}\" (first declared at {}:{l}:{c})",
                        f.path
                    ),
                ));
            } else {
                tasks_seen.insert(task_id.clone(), t.id.span().start);
            }
            if let Some(problem) = text_problem(t.name.get_ref(), "task name") {
                out.push(f.error(&t.name, problem));
            }
            tasks.push(Task {
                id: task_id,
                name: t.name.into_inner(),
            });
        }
        domains.push(Domain {
            id,
            name: d.name.into_inner(),
            weight,
            tasks,
        });
    }
    domains
}

/// A question's domain and task: required when the bank declares domains, refused when it does not.
pub(super) fn check_question_domain(
    q: &raw::Question,
    domains: Option<&[Domain]>,
    f: &FileDiags<'_>,
    out: &mut Vec<Diagnostic>,
) -> (Option<usize>, Option<usize>) {
    let Some(domains) = domains else {
        return (None, None);
    };
    if domains.is_empty() {
        for value in [&q.domain, &q.task].into_iter().flatten() {
            out.push(f.error(
                value,
                "this bank declares no [[domain]] in bank.toml, so questions take no domain or task".into(),
            ));
        }
        return (None, None);
    }
    let known = || {
        domains
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(given) = &q.domain else {
        out.push(f.error(
            &q.id,
            format!(
                "question \"{}\" needs domain = \"...\" (the bank declares: {})",
                q.id.get_ref(),
                known()
            ),
        ));
        return (None, None);
    };
    let Some(d) = domains.iter().position(|d| d.id == *given.get_ref()) else {
        out.push(f.error(
            given,
            format!(
                "unknown domain \"{}\" (expected one of: {})",
                given.get_ref(),
                known()
            ),
        ));
        return (None, None);
    };
    let task = q.task.as_ref().and_then(|t| {
        let tasks = &domains[d].tasks;
        let found = tasks.iter().position(|x| x.id == t.get_ref().trim());
        if found.is_none() {
            let listed: Vec<&str> = tasks.iter().map(|x| x.id.as_str()).collect();
            let message = if listed.is_empty() {
                format!("domain \"{}\" lists no tasks, so task \"{}\" cannot be checked; add [[domain.task]] tables", domains[d].id, t.get_ref())
            } else {
                format!("task \"{}\" is not a task of domain \"{}\" (its tasks: {})", t.get_ref(), domains[d].id, listed.join(", "))
            };
            out.push(f.error(t, message));
        }
        found
    });
    (Some(d), task)
}

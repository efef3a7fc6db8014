//! Checks of one question: id, pillar, domain, refs, difficulty, texts and options.

use std::collections::HashMap;

use toml::Spanned;

use super::validate::{FileDiags, is_valid_id, text_problem};
use super::{Domain, Pillar, Question, QuestionOption, domains, raw, text};
use crate::diag::Diagnostic;
use crate::notes::{Notes, RefError};

/// Shared state while checking question files.
pub(super) struct Context<'a> {
    pub pillars: Option<&'a [Pillar]>,
    /// `None` when the manifest could not be read; empty when it declares no domains.
    pub domains: Option<&'a [Domain]>,
    pub notes: Option<(&'a Notes, &'a str)>,
    pub seen_ids: HashMap<String, String>,
}

/// Options checked one by one; a question may have 6, so more is already an error.
const MAX_OPTIONS_CHECKED: usize = 16;

pub(super) fn check_question(
    q: raw::Question,
    f: &FileDiags<'_>,
    cx: &mut Context<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Question> {
    let before = out.len();
    let id = q.id.get_ref().clone();
    if !is_valid_id(&id) {
        out.push(f.error(
            &q.id,
            format!("question id {id:?} may only use a-z, 0-9 and - (and not be empty)"),
        ));
    }
    let (l, c) = f.index.pos(q.id.span().start);
    let here = format!("{}:{l}:{c}", f.path);
    if let Some(first) = cx.seen_ids.get(&id) {
        out.push(f.error(
            &q.id,
            format!("duplicate question id \"{id}\" (first defined at {first})"),
        ));
    } else {
        cx.seen_ids.insert(id.clone(), here);
    }
    let mut pillar = 0;
    if let Some(pillars) = cx.pillars {
        match pillars.iter().position(|p| p.id == *q.pillar.get_ref()) {
            Some(i) => pillar = i,
            None => {
                let known: Vec<&str> = pillars.iter().map(|p| p.id.as_str()).collect();
                out.push(f.error(
                    &q.pillar,
                    format!(
                        "unknown pillar \"{}\" (expected one of: {})",
                        q.pillar.get_ref(),
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    let (domain, task) = domains::check_question_domain(&q, cx.domains, f, out);
    if q.refs.get_ref().is_empty() {
        out.push(f.error(&q.refs, "refs is empty; cite at least one notes heading".into()));
    }
    let mut anchors = Vec::new();
    if let Some((notes, notes_file)) = cx.notes {
        for r in q.refs.get_ref() {
            match notes.resolve(r.get_ref()) {
                Ok(h) => anchors.push(h),
                Err(RefError::NotFound) => {
                    out.push(f.error(
                        r,
                        format!("ref \"{}\" matches no heading in {notes_file}", r.get_ref()),
                    ));
                }
                Err(RefError::Ambiguous(paths)) => out.push(f.error(
                    r,
                    format!(
                        "ref \"{}\" is ambiguous; it could mean: {}",
                        r.get_ref(),
                        paths.join(", ")
                    ),
                )),
            }
        }
    }
    let difficulty = q.difficulty.as_ref().map(|d| *d.get_ref());
    if let (Some(d), Some(value)) = (&q.difficulty, difficulty)
        && !(1..=3).contains(&value)
    {
        out.push(f.error(d, format!("difficulty must be 1, 2 or 3, found {value}")));
    }
    if let Some(problem) = text_problem(q.prompt.get_ref(), "prompt") {
        out.push(f.error(&q.prompt, problem));
    }
    if let Some(e) = &q.explanation
        && let Some(problem) = text_problem(e.get_ref(), "explanation")
    {
        let hint = if text::is_blank(e.get_ref()) {
            "; write one or remove the key"
        } else {
            ""
        };
        out.push(f.error(e, format!("{problem}{hint}")));
    }
    let n = q.option.len();
    if !(2..=6).contains(&n) {
        out.push(f.error(
            &q.id,
            format!(
                "question \"{id}\" has {n} option{}; a question takes 2 to 6 (shown as A-F)",
                if n == 1 { "" } else { "s" }
            ),
        ));
    }
    let correct = q.option.iter().filter(|o| o.correct).count();
    if n > 0 && correct == 0 {
        out.push(f.error(
            &q.id,
            format!("question \"{id}\" has no correct option; mark one with correct = true"),
        ));
    } else if n > 1 && correct == n {
        out.push(f.error(
            &q.id,
            format!("every option of question \"{id}\" is correct; at least one must be wrong"),
        ));
    }
    // Past the most a question can show, its options are not checked one by one: the count error says
    // it all, and checking 100,000 options would only be slow.
    let mut texts: HashMap<&str, usize> = HashMap::new();
    for (i, o) in q.option.iter().enumerate().take(MAX_OPTIONS_CHECKED) {
        let text = o.text.get_ref().trim();
        if let Some(problem) = text_problem(text, "option text") {
            out.push(f.error(&o.text, problem));
        } else if let Some(&first) = texts.get(text) {
            out.push(f.error(
                &o.text,
                format!("duplicate option text (same as option {})", super::letter(first)),
            ));
        } else {
            texts.insert(text, i);
        }
        if let Some(problem) = text_problem(o.why.get_ref(), "why") {
            let hint = if text::is_blank(o.why.get_ref()) {
                "; say why this option is right or wrong"
            } else {
                ""
            };
            out.push(f.error(&o.why, format!("{problem}{hint}")));
        }
    }
    if out.len() > before {
        return None;
    }
    let section = anchors
        .first()
        .map_or(0, |&h| cx.notes.map_or(h, |(n, _)| n.section_of(h)));
    Some(Question {
        id,
        pillar,
        domain,
        task,
        refs: q.refs.into_inner().into_iter().map(Spanned::into_inner).collect(),
        anchors,
        section,
        difficulty: difficulty.map(|d| d as u8),
        prompt: q.prompt.into_inner(),
        explanation: q.explanation.map(Spanned::into_inner),
        shuffle: q.shuffle.unwrap_or(true),
        options: q
            .option
            .into_iter()
            .map(|o| QuestionOption {
                text: o.text.into_inner(),
                correct: o.correct,
                why: o.why.into_inner(),
            })
            .collect(),
        file: f.path.to_string(),
    })
}

//! Checks of the bank as a whole once every question is read: pillars short of their share, notes
//! sections no question cites, and whether the bank splits into its practice tests.

use super::validate::{Exam, FileDiags};
use super::{Bank, Pillar, Question};
use crate::blueprint::{self, apportion};
use crate::diag::{Diagnostic, Severity};

/// Whether the bank splits into its forms; each group short of questions is an error at `forms`, and a
/// form whose mean difficulty strays more than 0.15 from the bank's is a warning.
pub(super) fn check_forms(bank: &Bank, offset: usize, f: &FileDiags<'_>, out: &mut Vec<Diagnostic>) -> bool {
    match blueprint::forms(bank) {
        Ok(forms) => {
            let all: Vec<usize> = (0..bank.questions.len()).collect();
            let mean = blueprint::mean_difficulty(bank, &all);
            for (k, form) in forms.iter().enumerate() {
                let m = blueprint::mean_difficulty(bank, form);
                if (m - mean).abs() > 0.15 {
                    out.push(f.at(
                        offset,
                        Severity::Warning,
                        format!(
                            "practice test {} has mean difficulty {m:.2}, the bank {mean:.2}",
                            k + 1
                        ),
                    ));
                }
            }
            true
        }
        Err(shortfalls) => {
            for s in shortfalls {
                out.push(f.at(
                    offset,
                    Severity::Error,
                    format!(
                        "{} practice tests of {} questions: {s}; add questions or lower forms",
                        bank.forms, bank.exam_questions
                    ),
                ));
            }
            false
        }
    }
}

pub(super) fn warn_shortfalls(
    exam: &Exam,
    pillars: &[Pillar],
    questions: &[Question],
    f: &FileDiags<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let weights: Vec<u32> = pillars.iter().map(|p| p.weight).collect();
    let quotas = apportion(&weights, exam.questions);
    let mut counts = vec![0usize; pillars.len()];
    for q in questions {
        counts[q.pillar] += 1;
    }
    for (i, p) in pillars.iter().enumerate() {
        if counts[i] < quotas[i] {
            out.push(f.at(
                exam.pillar_offsets[i],
                Severity::Warning,
                format!(
                    "pillar \"{}\" has {} question(s), but a full {}-question exam draws {} from it at weight {}",
                    p.id, counts[i], exam.questions, quotas[i], p.weight
                ),
            ));
        }
    }
    let examable: usize = (0..pillars.len())
        .filter(|&i| pillars[i].weight > 0)
        .map(|i| counts[i])
        .sum();
    if examable < exam.questions {
        out.push(f.at(
            exam.questions_offset,
            Severity::Warning,
            format!(
                "a full exam has {} questions but the bank has only {examable} in pillars with a weight above 0",
                exam.questions
            ),
        ));
    }
}

pub(super) fn warn_uncited_sections(bank: &Bank, out: &mut Vec<Diagnostic>) {
    let notes = &bank.notes;
    for s in notes.sections() {
        let cited = bank
            .questions
            .iter()
            .any(|q| q.anchors.iter().any(|&a| notes.is_within(a, s)));
        if !cited {
            let h = &notes.headings[s];
            out.push(Diagnostic {
                file: bank.notes_file.clone(),
                pos: Some((h.line, 1)),
                severity: Severity::Warning,
                message: format!("notes section \"{}\" is cited by no question", h.title),
            });
        }
    }
}

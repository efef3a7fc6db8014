//! `proctor exam --print`: a sampled exam as Markdown (for paper) or JSON (for scripts).

use std::fmt::Write as _;

use serde::Serialize;

use crate::bank::{Bank, letter, letters};
use crate::exam::Exam;

#[derive(Serialize)]
struct JsonExam<'a> {
    exam: JsonHeader<'a>,
    questions: Vec<JsonQuestion<'a>>,
}

#[derive(Serialize)]
struct JsonHeader<'a> {
    name: &'a str,
    code: &'a str,
    seed: u64,
    minutes: u32,
    /// The practice test (1-based), when the exam is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<usize>,
}

#[derive(Serialize)]
struct JsonQuestion<'a> {
    id: &'a str,
    pillar: &'a str,
    /// The question's domain, when the bank declares domains.
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    task: Option<&'a str>,
    section: String,
    refs: &'a [String],
    select: usize,
    prompt: &'a str,
    options: Vec<JsonOption<'a>>,
}

#[derive(Serialize)]
struct JsonOption<'a> {
    letter: String,
    text: &'a str,
    correct: bool,
    why: &'a str,
}

pub fn json(bank: &Bank, exam: &Exam, minutes: u32) -> String {
    let doc = JsonExam {
        exam: JsonHeader {
            name: &bank.name,
            code: &bank.code,
            seed: exam.seed,
            minutes,
            form: exam.form.map(|k| k + 1),
        },
        questions: exam
            .items
            .iter()
            .map(|item| {
                let q = &bank.questions[item.question];
                JsonQuestion {
                    id: &q.id,
                    pillar: &bank.pillars[q.pillar].id,
                    domain: q.domain.map(|d| bank.domains[d].id.as_str()),
                    task: q
                        .domain
                        .zip(q.task)
                        .map(|(d, t)| bank.domains[d].tasks[t].id.as_str()),
                    section: bank.notes.short_ref(q.section),
                    refs: &q.refs,
                    select: q.select(),
                    prompt: q.prompt.trim(),
                    options: item
                        .order
                        .iter()
                        .enumerate()
                        .map(|(k, &o)| JsonOption {
                            letter: letter(k).to_string(),
                            text: q.options[o].text.trim(),
                            correct: q.options[o].correct,
                            why: q.options[o].why.trim(),
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).expect("plain data always serializes") + "\n"
}

pub fn markdown(bank: &Bank, exam: &Exam, minutes: u32) -> String {
    let mut s = String::new();
    let n = exam.items.len();
    // Writing to a String cannot fail.
    let what = match exam.form {
        Some(k) => format!("practice test {}", k + 1),
        None => "practice exam".into(),
    };
    let _ = writeln!(s, "# {} ({}): {what}\n", bank.name, bank.code);
    let _ = writeln!(
        s,
        "{n} questions, {minutes} minutes, pass mark {}/1000 (estimated scale). Seed {}.\n",
        bank.pass_mark, exam.seed
    );
    for (k, item) in exam.items.iter().enumerate() {
        let q = &bank.questions[item.question];
        let _ = writeln!(s, "## Question {}\n\n{}\n", k + 1, q.prompt.trim());
        if let Some(hint) = q.select_hint() {
            let _ = writeln!(s, "*{hint}*\n");
        }
        for (pos, &o) in item.order.iter().enumerate() {
            let _ = writeln!(s, "- **{}.** {}", letter(pos), q.options[o].text.trim());
        }
        s.push('\n');
    }
    let _ = writeln!(s, "---\n\n# Answer key\n");
    for (k, item) in exam.items.iter().enumerate() {
        let q = &bank.questions[item.question];
        let answer: String = letters(&item.order, |o| q.options[o].correct)
            .into_iter()
            .collect();
        let _ = writeln!(
            s,
            "## {}. {answer}\n\n`{}` · {} · {}\n",
            k + 1,
            q.id,
            bank.pillars[q.pillar].name,
            bank.section_title(q)
        );
        for (pos, &o) in item.order.iter().enumerate() {
            let opt = &q.options[o];
            let mark = if opt.correct { "correct" } else { "wrong" };
            let _ = writeln!(s, "- **{}** ({mark}): {}", letter(pos), opt.why.trim());
        }
        if let Some(e) = &q.explanation {
            let _ = writeln!(s, "\n{}", e.trim());
        }
        let _ = writeln!(s, "\nNotes: {}\n", q.refs.join(", "));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_hints_name_the_count() {
        use crate::bank::select_hint;
        assert_eq!(select_hint(1), None);
        assert_eq!(select_hint(2).as_deref(), Some("Select TWO."));
        assert_eq!(select_hint(3).as_deref(), Some("Select THREE."));
        assert_eq!(letter(5), 'F');
    }
}

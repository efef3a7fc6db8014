//! Every check of a bank, each reported as a diagnostic at the offending value.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use toml::Spanned;

use super::{Bank, Domain, Loaded, Pillar, Question, QuestionOption, RawFile, Summary, domains, raw, text};
use crate::blueprint::{self, apportion};
use crate::diag::{Diagnostic, LineIndex, Severity, byte_pos};
use crate::notes::{Notes, RefError};

/// Collects diagnostics for one file, turning byte spans into line:column.
pub(super) struct FileDiags<'a> {
    pub path: &'a str,
    pub index: LineIndex<'a>,
}

impl FileDiags<'_> {
    fn at(&self, offset: usize, severity: Severity, message: String) -> Diagnostic {
        Diagnostic {
            file: self.path.to_string(),
            pos: Some(self.index.pos(offset)),
            severity,
            message,
        }
    }

    pub fn error<T>(&self, value: &Spanned<T>, message: String) -> Diagnostic {
        self.at(value.span().start, Severity::Error, message)
    }
}

fn file_error(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        pos: None,
        severity: Severity::Error,
        message,
    }
}

fn decode<'a>(file: &'a RawFile<'_>, out: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match std::str::from_utf8(&file.bytes) {
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let pos = byte_pos(&file.bytes, e.valid_up_to());
            out.push(Diagnostic {
                file: file.path.clone(),
                pos: Some(pos),
                severity: Severity::Error,
                message: "the file is not valid UTF-8; save it with UTF-8 encoding".into(),
            });
            None
        }
    }
}

fn parse<T: DeserializeOwned>(path: &str, text: &str, out: &mut Vec<Diagnostic>) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let raw = e.message().trim().replace('\n', " ");
            let index = LineIndex::new(text);
            let (pos, message) = match e.span() {
                Some(s) => (
                    index.pos(s.start),
                    text::toml_message(&raw, text.get(s.start..).unwrap_or("")),
                ),
                // Only a nesting limit has no position: point at the most nested line.
                None => ((text::deepest_line(text) + 1, 1), text::toml_message(&raw, "")),
            };
            out.push(Diagnostic {
                file: path.to_string(),
                pos: Some(pos),
                severity: Severity::Error,
                message,
            });
            None
        }
    }
}

/// Text that must show something and hold no control character but newline and tab; `Some(what)` is
/// the error, worded with `what` ("prompt", "option text", ...).
pub(super) fn text_problem(value: &str, what: &str) -> Option<String> {
    if text::is_blank(value) {
        return Some(format!("{what} is empty"));
    }
    text::control_char(value).map(|c| {
        format!("{what} contains a control character ({c}); only newline and tab may appear in text")
    })
}

pub(super) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Limits on the manifest's numbers: far past any real exam, small enough that arithmetic on them never
/// overflows or wraps.
const MAX_EXAM_QUESTIONS: u32 = 10_000;
const MAX_EXAM_MINUTES: u32 = 10_000;
const MAX_WEIGHT: u32 = 1_000_000;
const MAX_FORMS: u32 = 100;

/// A number checked against its range, reported with its location when outside (then 0).
pub(super) fn in_range(
    v: &Spanned<i64>,
    what: &str,
    min: u32,
    max: u32,
    f: &FileDiags<'_>,
    out: &mut Vec<Diagnostic>,
) -> u32 {
    let value = *v.get_ref();
    match u32::try_from(value) {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            out.push(f.error(v, format!("{what} must be from {min} to {max}, found {value}")));
            0
        }
    }
}

/// The checked manifest.
struct Exam {
    name: String,
    code: String,
    questions: usize,
    minutes: u32,
    pass_mark: u32,
    notes: Spanned<String>,
    questions_offset: usize,
    pillar_offsets: Vec<usize>,
    forms: usize,
    /// Where `forms` is written, for errors about the forms.
    forms_offset: Option<usize>,
}

fn check_manifest(
    m: raw::Manifest,
    f: &FileDiags<'_>,
    out: &mut Vec<Diagnostic>,
) -> (Exam, Vec<Pillar>, Vec<Domain>) {
    let e = m.exam.into_inner();
    for (value, what) in [(&e.name, "exam name"), (&e.code, "exam code")] {
        if let Some(problem) = text_problem(value.get_ref(), what) {
            out.push(f.error(value, problem));
        }
    }
    let questions = in_range(&e.questions, "questions", 1, MAX_EXAM_QUESTIONS, f, out);
    let minutes = in_range(&e.minutes, "minutes", 1, MAX_EXAM_MINUTES, f, out);
    let forms = e
        .forms
        .as_ref()
        .map_or(0, |v| in_range(v, "forms", 1, MAX_FORMS, f, out) as usize);
    let forms_offset = e.forms.as_ref().map(|v| v.span().start);
    let domains = domains::check_domains(m.domain, f, out);
    let pass = *e.pass_mark.get_ref();
    if !(100..=1000).contains(&pass) {
        out.push(f.error(
            &e.pass_mark,
            format!("pass_mark must be on the scaled 100-1000 score, found {pass}"),
        ));
    }
    let mut pillars: Vec<Pillar> = Vec::new();
    let mut pillar_offsets = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in m.pillar {
        let p = p.into_inner();
        let id = p.id.get_ref().clone();
        if !is_valid_id(&id) {
            out.push(f.error(&p.id, format!("pillar id {id:?} may only use a-z, 0-9 and -")));
        }
        if let Some(first) = seen.get(&id) {
            let (l, c) = f.index.pos(*first);
            out.push(f.error(
                &p.id,
                format!(
                    "duplicate pillar id \"{id}\" (first declared at {}:{l}:{c})",
                    f.path
                ),
            ));
        } else {
            seen.insert(id.clone(), p.id.span().start);
        }
        if p.name.get_ref().trim().is_empty() {
            out.push(f.error(&p.name, format!("pillar \"{id}\" has an empty name")));
        }
        let weight = in_range(&p.weight, "pillar weight", 0, MAX_WEIGHT, f, out);
        pillar_offsets.push(p.id.span().start);
        pillars.push(Pillar {
            id,
            name: p.name.into_inner(),
            weight,
        });
    }
    if pillars.is_empty() {
        out.push(file_error(
            f.path,
            "no [[pillar]] declared; a bank needs at least one".into(),
        ));
    }
    let exam = Exam {
        name: e.name.into_inner(),
        code: e.code.into_inner(),
        questions: questions as usize,
        minutes,
        pass_mark: u32::try_from(pass).unwrap_or(0),
        notes: e.notes,
        questions_offset: e.questions.span().start,
        pillar_offsets,
        forms,
        forms_offset,
    };
    (exam, pillars, domains)
}

/// Shared state while checking question files.
struct Context<'a> {
    pillars: Option<&'a [Pillar]>,
    /// `None` when the manifest could not be read; empty when it declares no domains.
    domains: Option<&'a [Domain]>,
    notes: Option<(&'a Notes, &'a str)>,
    seen_ids: HashMap<String, String>,
}

/// Options checked one by one; a question may have 6, so more is already an error.
const MAX_OPTIONS_CHECKED: usize = 16;

fn check_question(
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
                format!(
                    "duplicate option text (same as option {})",
                    crate::print::letter(first)
                ),
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

type NotesRead = (String, Result<Vec<u8>, String>);

pub(super) fn run(
    manifest: RawFile<'_>,
    files: Vec<RawFile<'_>>,
    read_notes: impl Fn(&str, &str) -> NotesRead,
    notes_override: Option<NotesRead>,
) -> Loaded {
    let mut out = Vec::new();
    let manifest_text = decode(&manifest, &mut out);
    let checked = manifest_text.and_then(|text| {
        let raw: raw::Manifest = parse(&manifest.path, text, &mut out)?;
        let f = FileDiags {
            path: &manifest.path,
            index: LineIndex::new(text),
        };
        Some(check_manifest(raw, &f, &mut out))
    });

    // Notes: the --notes override, else the path the manifest names (relative to it).
    let mut notes: Option<(Notes, String)> = None;
    let notes_read = match (&notes_override, &checked) {
        (Some(given), _) => Some((given.clone(), None)),
        (None, Some((exam, _, _))) => Some((
            read_notes(&manifest.path, exam.notes.get_ref()),
            Some(&exam.notes),
        )),
        (None, None) => None,
    };
    if let Some(((path, read), named_at)) = notes_read {
        match read {
            Ok(bytes) => {
                let file = RawFile {
                    path: path.clone(),
                    bytes: bytes.into(),
                };
                if let Some(text) = decode(&file, &mut out) {
                    notes = Some((Notes::parse(text.to_string()), path));
                }
            }
            Err(why) => {
                let message =
                    format!("notes file {path} cannot be read ({why}); fix the path or pass --notes FILE");
                match (named_at, manifest_text) {
                    (Some(span), Some(text)) => {
                        let f = FileDiags {
                            path: &manifest.path,
                            index: LineIndex::new(text),
                        };
                        out.push(f.error(span, message));
                    }
                    _ => out.push(file_error(&path, message)),
                }
            }
        }
    }

    let mut cx = Context {
        pillars: checked.as_ref().map(|(_, p, _)| p.as_slice()),
        domains: checked.as_ref().map(|(_, _, d)| d.as_slice()),
        notes: notes.as_ref().map(|(n, p)| (n, p.as_str())),
        seen_ids: HashMap::new(),
    };
    let mut questions = Vec::new();
    let mut written = 0;
    for file in &files {
        let Some(text) = decode(file, &mut out) else {
            continue;
        };
        let Some(raw) = parse::<raw::QuestionFile>(&file.path, text, &mut out) else {
            continue;
        };
        let f = FileDiags {
            path: &file.path,
            index: LineIndex::new(text),
        };
        if raw.question.is_empty() {
            out.push(Diagnostic {
                file: file.path.clone(),
                pos: None,
                severity: Severity::Warning,
                message: "no [[question]] in this file".into(),
            });
        }
        written += raw.question.len();
        for q in raw.question {
            if let Some(q) = check_question(q, &f, &mut cx, &mut out) {
                questions.push(q);
            }
        }
    }

    if written == 0 && !out.iter().any(|d| d.severity == Severity::Error) {
        out.push(file_error(
            &manifest.path,
            "the bank has no questions: add [[question]] tables to .toml files beside bank.toml (see docs/bank-format.md)"
                .into(),
        ));
    }
    let has_errors = out.iter().any(|d| d.severity == Severity::Error);
    let (Some((exam, pillars, domains)), Some((notes, notes_file)), false) = (checked, notes, has_errors)
    else {
        return Loaded {
            bank: None,
            diagnostics: out,
            summary: None,
        };
    };
    let manifest_text = manifest_text.unwrap_or_default();
    let f = FileDiags {
        path: &manifest.path,
        index: LineIndex::new(manifest_text),
    };
    if domains.is_empty() {
        warn_shortfalls(&exam, &pillars, &questions, &f, &mut out);
    }
    let bank = Bank {
        name: exam.name,
        code: exam.code,
        exam_questions: exam.questions,
        exam_minutes: exam.minutes,
        pass_mark: exam.pass_mark,
        forms: exam.forms,
        pillars,
        domains,
        questions,
        notes,
        notes_file,
    };
    warn_uncited_sections(&bank, &mut out);
    if let Some(offset) = exam.forms_offset
        && !check_forms(&bank, offset, &f, &mut out)
    {
        return Loaded {
            bank: None,
            diagnostics: out,
            summary: None,
        };
    }
    let summary = Summary::of(&bank);
    Loaded {
        bank: Some(bank),
        diagnostics: out,
        summary: Some(summary),
    }
}

/// Whether the bank splits into its forms; each group short of questions is an error at `forms`, and a
/// form whose mean difficulty strays more than 0.15 from the bank's is a warning.
fn check_forms(bank: &Bank, offset: usize, f: &FileDiags<'_>, out: &mut Vec<Diagnostic>) -> bool {
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

fn warn_shortfalls(
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

fn warn_uncited_sections(bank: &Bank, out: &mut Vec<Diagnostic>) {
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

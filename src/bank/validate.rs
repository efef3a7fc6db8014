//! Every check of a bank, each reported as a diagnostic at the offending value.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use toml::Spanned;

use super::question::{Context, check_question};
use super::warnings::{check_forms, warn_shortfalls, warn_uncited_sections};
use super::{Bank, Domain, Loaded, Pillar, RawFile, Summary, domains, raw, text};
use crate::diag::{Diagnostic, LineIndex, Severity, byte_pos};
use crate::notes::Notes;

/// Collects diagnostics for one file, turning byte spans into line:column.
pub(super) struct FileDiags<'a> {
    pub path: &'a str,
    pub index: LineIndex<'a>,
}

impl FileDiags<'_> {
    pub fn at(&self, offset: usize, severity: Severity, message: String) -> Diagnostic {
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
pub(super) struct Exam {
    pub name: String,
    pub code: String,
    pub questions: usize,
    pub minutes: u32,
    pub pass_mark: u32,
    pub notes: Spanned<String>,
    pub questions_offset: usize,
    pub pillar_offsets: Vec<usize>,
    pub forms: usize,
    /// Where `forms` is written, for errors about the forms.
    pub forms_offset: Option<usize>,
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

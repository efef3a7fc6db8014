//! What each command does: `check`, `exam --print`, and building the app for the interactive ones.

use std::io::Write;
use std::path::Path;

use crate::bank::{self, Bank, BankSource, LoadOptions};
use crate::cli::{CheckFormat, Cli, ExamArgs, ExportFormat, Global, PrintFormat};
use crate::diag::Severity;
use crate::exam::{self, Filters};
use crate::format::{attempt_row, local_offset};
use crate::notes::RefError;
use crate::store::{self, Detail, ExportError};
use crate::{Error, print};

pub mod study;

/// The history for commands that only read it: every failure is an error, and no file is created.
pub fn require_store(global: &Global) -> Result<store::Store, Error> {
    let dir = store::data_dir(global.data_dir.as_deref())
        .ok_or_else(|| Error::Usage("no home folder to keep history in; pass --data-dir DIR".into()))?;
    Ok(store::Store::open_for_reading(&dir)?)
}

pub fn load_options(global: &Global) -> LoadOptions {
    LoadOptions {
        source: global.bank.clone().map_or(BankSource::Bundled, BankSource::Dir),
        notes: global.notes.clone(),
    }
}

/// `proctor check`: every diagnostic on stderr, the summary on stdout; exit 1 on any error.
pub fn check(
    global: &Global,
    strict: bool,
    format: CheckFormat,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<u8, Error> {
    let mut loaded = bank::load(&load_options(global));
    if strict {
        for d in &mut loaded.diagnostics {
            d.severity = Severity::Error;
        }
    }
    if format == CheckFormat::Json {
        // For editors and CI: every diagnostic with its place, on stdout; the exit code as for text.
        let diagnostics: Vec<serde_json::Value> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                serde_json::json!({
                    "file": d.file,
                    "line": d.pos.map(|p| p.0),
                    "column": d.pos.map(|p| p.1),
                    "severity": match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    "message": d.message,
                })
            })
            .collect();
        let doc = serde_json::json!({
            "diagnostics": diagnostics,
            "errors": loaded.errors(),
            "warnings": loaded.warnings(),
        });
        writeln!(out, "{doc}")?;
        return Ok(u8::from(loaded.errors() > 0));
    }
    for d in &loaded.diagnostics {
        writeln!(err, "{d}")?;
    }
    let (errors, warnings) = (loaded.errors(), loaded.warnings());
    if let Some(summary) = &loaded.summary
        && errors == 0
    {
        write!(out, "{summary}")?;
    }
    out.flush()?;
    writeln!(err, "check: {errors} error(s), {warnings} warning(s)")?;
    Ok(u8::from(errors > 0))
}

/// An exam's settings resolved against a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamPlan {
    /// The fixed practice test to take (0-based), instead of sampling.
    pub form: Option<usize>,
    pub questions: usize,
    /// `--minutes` when given; else the bank's pace for the questions actually drawn.
    pub minutes: Option<u32>,
    pub seed: u64,
    pub filters: Filters,
}

impl ExamPlan {
    /// The time limit for an exam of `drawn` questions.
    pub fn minutes(&self, bank: &Bank, drawn: usize) -> u32 {
        self.minutes.unwrap_or_else(|| bank.scaled_minutes(drawn))
    }
}

/// Check `--pillar`/`--section` against the bank and fill in defaults.
pub fn plan(bank: &Bank, args: &ExamArgs) -> Result<ExamPlan, Error> {
    let mut filters = Filters::default();
    for id in &args.pillars {
        let i = bank.pillar_index(id).ok_or_else(|| {
            let known: Vec<&str> = bank.pillars.iter().map(|p| p.id.as_str()).collect();
            Error::Usage(format!(
                "unknown pillar \"{id}\" (expected one of: {})",
                known.join(", ")
            ))
        })?;
        filters.pillars.push(i);
    }
    for r in &args.sections {
        filters.headings.push(resolve_ref(bank, r)?);
    }
    let form = match args.form {
        None => None,
        Some(_) if bank.forms == 0 => {
            return Err(Error::Usage(
                "this bank has no practice tests ([exam] forms in bank.toml); leave out --form".into(),
            ));
        }
        Some(k) if (1..=bank.forms).contains(&k) => Some(k - 1),
        Some(k) => {
            return Err(Error::Usage(format!(
                "--form must be from 1 to {}, found {k}",
                bank.forms
            )));
        }
    };
    let questions = args.questions.unwrap_or(bank.exam_questions);
    if questions == 0 {
        return Err(Error::Usage("--questions must be at least 1".into()));
    }
    let minutes = match args.minutes {
        Some(0) => return Err(Error::Usage("--minutes must be at least 1".into())),
        m => m,
    };
    Ok(ExamPlan {
        form,
        questions,
        minutes,
        seed: args.seed.unwrap_or_else(rand::random),
        filters,
    })
}

/// The exam a plan asks for: its practice test, or a sample.
pub fn draw(bank: &Bank, plan: &ExamPlan) -> exam::Exam {
    match plan.form {
        Some(k) => {
            exam::form(bank, k, plan.seed).unwrap_or_else(|| exam::sample(bank, 0, plan.seed, &plan.filters))
        }
        None => exam::sample(bank, plan.questions, plan.seed, &plan.filters),
    }
}

/// The title of an exam: "Practice test 3 · Name (CODE)" for a form, else the bank's title.
pub fn exam_title(bank: &Bank, exam: &exam::Exam) -> String {
    match exam.form {
        Some(k) => format!("Practice test {} · {}", k + 1, bank.title()),
        None => bank.title(),
    }
}

/// A notes ref from the command line, as a usage error when it does not name one heading.
pub fn resolve_ref(bank: &Bank, reference: &str) -> Result<usize, Error> {
    bank.notes.resolve(reference).map_err(|e| match e {
        RefError::NotFound => Error::Usage(format!(
            "\"{reference}\" matches no heading in {} (see `proctor notes`)",
            bank.notes_file
        )),
        RefError::Ambiguous(paths) => Error::Usage(format!(
            "\"{reference}\" is ambiguous; it could mean: {}",
            paths.join(", ")
        )),
    })
}

/// `proctor exam --print`.
pub fn print_exam(
    global: &Global,
    args: &ExamArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<u8, Error> {
    let bank = bank::load_valid(&load_options(global))?;
    let plan = plan(&bank, args)?;
    let exam = draw(&bank, &plan);
    for notice in &exam.notices {
        writeln!(err, "note: {notice}")?;
    }
    if exam.items.is_empty() {
        return Err(Error::Usage("no question matches these filters".into()));
    }
    let text = match args.format {
        PrintFormat::Markdown => print::markdown(&bank, &exam, plan.minutes(&bank, exam.items.len())),
        PrintFormat::Json => print::json(&bank, &exam, plan.minutes(&bank, exam.items.len())),
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}

/// `proctor history [--json]`: every attempt, newest first.
pub fn history(global: &Global, json: bool, out: &mut impl Write) -> Result<u8, Error> {
    let store = require_store(global)?;
    if json {
        out.write_all(store.history_json()?.as_bytes())?;
        return Ok(0);
    }
    let all = store.summaries(None, Detail::Brief)?;
    if all.is_empty() {
        writeln!(out, "No attempts yet in {}.", store.path().display())?;
        return Ok(0);
    }
    let offset = local_offset();
    writeln!(
        out,
        "{:>5}  {:<8}  {:<16} {:<6}{:>4} {:<10}{:>8}",
        "ID", "BANK", "STARTED", "MODE", "QS", "RESULT", "TIME"
    )?;
    for a in &all {
        writeln!(
            out,
            "{:>5}  {:<8}  {}",
            a.id,
            a.bank_code,
            attempt_row(a, &offset)
        )?;
    }
    Ok(0)
}

/// `proctor review --list`: the questions due for review, one per line, id first.
pub fn review_list(global: &Global, out: &mut impl Write) -> Result<u8, Error> {
    let store = require_store(global)?;
    let bank = bank::load_valid(&load_options(global))?;
    for card in store.due(&bank.code, chrono::Utc::now())? {
        let section = bank
            .question_index(&card.question_id)
            .map_or("no longer in the bank", |q| {
                bank.section_title(&bank.questions[q])
            });
        let gist = bank
            .question_index(&card.question_id)
            .map_or(String::new(), |q| bank.questions[q].gist());
        writeln!(
            out,
            "{}\tdue {}\twrong {} of {}\t{section}\t{gist}",
            card.question_id, card.due, card.wrong, card.answered
        )?;
    }
    Ok(0)
}

/// `proctor export`: to standard output, or to a new file written whole (never over an existing one).
pub fn export(
    global: &Global,
    format: ExportFormat,
    reports: bool,
    target: Option<&Path>,
    out: &mut impl Write,
) -> Result<u8, Error> {
    let store = require_store(global)?;
    // The bank gives each response its correct letters; without a loadable bank they are left empty.
    let bank = bank::load_valid(&load_options(global)).ok();
    let write = |out: &mut dyn Write| {
        if reports {
            study::write_reports(&store, format, out)
        } else {
            store.export(format, bank.as_ref(), out)
        }
    };
    let io = |path: &Path, source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let Some(path) = target else {
        return match write(out) {
            Ok(()) => Ok(0),
            Err(ExportError::Store(e)) => Err(e.into()),
            Err(ExportError::Io(e)) => Err(Error::Output(e)),
        };
    };
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; choose another name or move it aside",
            path.display()
        )));
    }
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".{}.tmp", std::process::id()));
    let temp = std::path::PathBuf::from(temp);
    let mut file = std::fs::File::create(&temp).map_err(|e| io(&temp, e))?;
    let written = write(&mut file).and_then(|()| file.sync_all().map_err(ExportError::Io));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(match e {
            ExportError::Store(e) => e.into(),
            ExportError::Io(e) => io(&temp, e),
        });
    }
    std::fs::rename(&temp, path).map_err(|e| io(path, e))?;
    Ok(0)
}

/// `proctor completions SHELL`: a completion script generated from the command-line definition.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> Result<u8, Error> {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "proctor", out);
    Ok(0)
}

/// `proctor man`: the manual page, generated from the command-line definition.
pub fn man(out: &mut impl Write) -> Result<u8, Error> {
    use clap::CommandFactory;
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(0)
}

/// `proctor new DIR`: a small bank that checks clean, to edit into one's own.
pub fn new_bank(dir: &Path, out: &mut impl Write) -> Result<u8, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.exists() && std::fs::read_dir(dir).map_err(io)?.next().is_some() {
        return Err(Error::Usage(format!(
            "{} is not empty; choose a new folder so nothing is overwritten",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    for (name, text) in crate::bank::SCAFFOLD {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|source| Error::Io { path, source })?;
    }
    writeln!(
        out,
        "Wrote a new bank to {shown}:\n  bank.toml        the exam: name, code, length, time, pass mark, pillars\n  questions.toml   two questions to copy from\n  notes.md         the study notes the questions cite\nEdit them, then run `proctor --bank {shown} check` as you go, and `proctor --bank {shown}` to practise.",
        shown = dir.display()
    )?;
    Ok(0)
}

/// `proctor import FILE`: merge an export into this history (creating it if needed).
pub fn import(global: &Global, file: &Path, out: &mut impl Write) -> Result<u8, Error> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        path: file.to_path_buf(),
        source,
    })?;
    // Read the whole file first: one that is not an export writes nothing, not even a new history.
    let export = store::Export::parse(&text).map_err(|e| Error::Usage(format!("{}: {e}", file.display())))?;
    let dir = store::data_dir(global.data_dir.as_deref())
        .ok_or_else(|| Error::Usage("no home folder to keep history in; pass --data-dir DIR".into()))?;
    let mut history = store::Store::open_dir_checked(&dir)?;
    let done = history.import(&export).map_err(|e| match e {
        store::ImportError::Store(e) => Error::Store(e),
        e => Error::Usage(format!("{}: {e}", file.display())),
    })?;
    writeln!(
        out,
        "Imported {} attempt(s); skipped {} already in {}.",
        done.added,
        done.skipped,
        history.path().display()
    )?;
    Ok(0)
}

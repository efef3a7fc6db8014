//! What each command does: `check`, `exam --print`, and building the app for the interactive ones.

use std::io::Write;
use std::rc::Rc;

use crate::app::exam::ExamSession;
use crate::app::home::{DrillPicker, Home, Topic, topic_filters};
use crate::app::notes::NotesBrowser;
use crate::app::{App, Clock, Screen, SystemClock, drill_screen};
use crate::bank::{self, Bank, BankSource, LoadOptions};
use crate::cli::{ExamArgs, Global, PrintFormat};
use crate::diag::Severity;
use crate::exam::{self, Filters};
use crate::notes::RefError;
use crate::{Error, print, tui};

pub fn load_options(global: &Global) -> LoadOptions {
    LoadOptions {
        source: global.bank.clone().map_or(BankSource::Bundled, BankSource::Dir),
        notes: global.notes.clone(),
    }
}

/// `proctor check`: every diagnostic on stderr, the summary on stdout; exit 1 on any error.
pub fn check(global: &Global, strict: bool, out: &mut impl Write, err: &mut impl Write) -> Result<u8, Error> {
    let mut loaded = bank::load(&load_options(global));
    if strict {
        for d in &mut loaded.diagnostics {
            d.severity = Severity::Error;
        }
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
    pub questions: usize,
    pub minutes: u32,
    pub seed: u64,
    pub filters: Filters,
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
    let questions = args.questions.unwrap_or(bank.exam_questions);
    if questions == 0 {
        return Err(Error::Usage("--questions must be at least 1".into()));
    }
    let minutes = match args.minutes {
        Some(0) => return Err(Error::Usage("--minutes must be at least 1".into())),
        Some(m) => m,
        None => scaled_minutes(bank, questions),
    };
    Ok(ExamPlan {
        questions,
        minutes,
        seed: args.seed.unwrap_or_else(rand::random),
        filters,
    })
}

/// The manifest's pace applied to `questions` (65 q / 130 min gives 2 min a question), at least 1.
pub fn scaled_minutes(bank: &Bank, questions: usize) -> u32 {
    let per = f64::from(bank.exam_minutes) / bank.exam_questions.max(1) as f64;
    ((per * questions as f64).round() as u32).max(1)
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
    let exam = exam::sample(&bank, plan.questions, plan.seed, &plan.filters);
    for notice in &exam.notices {
        writeln!(err, "note: {notice}")?;
    }
    if exam.items.is_empty() {
        return Err(Error::Usage("no question matches these filters".into()));
    }
    let text = match args.format {
        PrintFormat::Markdown => print::markdown(&bank, &exam, plan.minutes),
        PrintFormat::Json => print::json(&bank, &exam, plan.minutes),
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}

/// Which screen an interactive command opens on.
#[derive(Debug, Clone)]
pub enum Start {
    Home,
    Exam(ExamArgs),
    Drill(Option<String>),
    Notes(Option<String>),
}

/// Build the app for an interactive command (without touching the terminal).
pub fn build_app(bank: Bank, start: &Start, clock: Rc<dyn Clock>) -> Result<App, Error> {
    let bank = Rc::new(bank);
    let now = clock.now();
    let first = match start {
        Start::Home => Screen::Home(Home::default()),
        Start::Exam(args) => {
            if args.resume {
                return Err(Error::NotYet("exam --resume"));
            }
            let plan = plan(&bank, args)?;
            let exam = exam::sample(&bank, plan.questions, plan.seed, &plan.filters);
            if exam.items.is_empty() {
                return Err(Error::Usage("no question matches these filters".into()));
            }
            let title = format!("{} ({})", bank.name, bank.code);
            let mut session = ExamSession::new(title, exam, plan.minutes, now);
            session.exam.notices.clear();
            Screen::Exam(Box::new(session))
        }
        Start::Drill(None) => Screen::Picker(DrillPicker::new(&bank)),
        Start::Drill(Some(topic)) => {
            let topic = match bank.pillar_index(topic) {
                Some(p) => Topic::Pillar(p),
                None => Topic::Section(resolve_ref(&bank, topic).map_err(|e| {
                    Error::Usage(format!("{e} (a drill topic is a pillar id or a notes ref)"))
                })?),
            };
            let (filters, title) = topic_filters(&bank, topic);
            drill_screen(&bank, filters, title, rand::random()).map_err(Error::Usage)?
        }
        Start::Notes(reference) => {
            let at = reference.as_deref().map(|r| resolve_ref(&bank, r)).transpose()?;
            Screen::Notes(NotesBrowser::new(&bank, at))
        }
    };
    Ok(App::new(bank, clock, first))
}

/// Run an interactive command in the terminal.
pub fn interactive(global: &Global, start: &Start) -> Result<u8, Error> {
    tui::require_terminal()?;
    let bank = bank::load_valid(&load_options(global))?;
    let app = build_app(bank, start, Rc::new(SystemClock))?;
    tui::run(app)?;
    Ok(0)
}

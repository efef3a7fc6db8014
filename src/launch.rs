//! Starting the terminal app: opening the history, building the first screen, running the loop.

use std::rc::Rc;

use crate::app::exam::ExamSession;
use crate::app::notes::NotesBrowser;
use crate::app::picker::DrillPicker;
use crate::app::{App, Clock, HistoryAccess, Screen, StoreRequest, SystemClock, drill_screen};
use crate::bank::{self, Bank};
use crate::cli::{DrillArgs, ExamArgs, Global};
use crate::commands::study::practice_set;
use crate::commands::{draw, exam_title, load_options, plan, resolve_ref};
use crate::config::{Settings, ThemeChoice};
use crate::store::{self, Store, StoreError};
use crate::ui::Theme;
use crate::{Error, tui};

/// Which screen an interactive command opens on.
#[derive(Debug, Clone)]
pub enum Start {
    Home,
    Exam(ExamArgs),
    Drill(DrillArgs),
    Notes(Option<String>),
    Review,
}

/// The history for the app. A damaged, foreign or newer file stops Proctor (it is never touched); a
/// data folder that cannot be used only turns saving off, with the reason.
pub fn open_store(global: &Global) -> Result<HistoryAccess, Error> {
    let Some(dir) = store::data_dir(global.data_dir.as_deref()) else {
        return Ok(HistoryAccess::Off(
            "no home folder to keep it in; pass --data-dir DIR".into(),
        ));
    };
    match Store::open_dir_checked(&dir) {
        Ok(s) => Ok(HistoryAccess::Open(s)),
        Err(
            e @ (StoreError::NotADatabase { .. } | StoreError::Corrupt { .. } | StoreError::TooNew { .. }),
        ) => Err(Error::Store(e)),
        Err(e) => Ok(HistoryAccess::Off(e.to_string())),
    }
}

/// Build the app for an interactive command (without touching the terminal). `store` is `None` when
/// there is no history at all (tests), `Some(Err(why))` when it could not be opened.
pub fn build_app(
    bank: Bank,
    start: &Start,
    clock: Rc<dyn Clock>,
    store: Option<HistoryAccess>,
) -> Result<App, Error> {
    build_app_seeded(bank, start, clock, store, rand::random())
}

/// [`build_app`] with a fixed start for the app's sampling seeds, so tests see the same drills.
pub fn build_app_seeded(
    bank: Bank,
    start: &Start,
    clock: Rc<dyn Clock>,
    store: Option<HistoryAccess>,
    seed: u64,
) -> Result<App, Error> {
    let bank = Rc::new(bank);
    let mut app = App::new(Rc::clone(&bank), Rc::clone(&clock), Screen::Home(Box::default()));
    app.seeds.set(seed);
    if let Some(store) = store {
        app.attach_store(store);
    }
    let first = match start {
        Start::Home => return Ok(app),
        Start::Review => {
            app.store_request(StoreRequest::ReviewDue).map_err(Error::Usage)?;
            return Ok(app);
        }
        Start::Exam(args) if args.resume => {
            app.store_request(StoreRequest::Resume)
                .map_err(|why| Error::Usage(format!("cannot resume: {}", lower_first(&why))))?;
            return Ok(app);
        }
        Start::Exam(args) => {
            let plan = plan(&bank, args)?;
            let exam = draw(&bank, &plan);
            if exam.items.is_empty() {
                return Err(Error::Usage("no question matches these filters".into()));
            }
            let title = exam_title(&bank, &exam);
            let minutes = plan.minutes(&bank, exam.items.len());
            Screen::Exam(Box::new(ExamSession::new(title, exam, minutes, clock.now())))
        }
        Start::Drill(args) => {
            let (spec, title) = practice_set(&bank, args)?;
            let seed = args.seed.unwrap_or_else(|| app.next_seed());
            if args.topic.is_none() {
                // No topic: the picker, with the options given filled in.
                Screen::Picker(DrillPicker::with_options(&bank, &app.study, &spec))
            } else {
                drill_screen(&bank, &spec, title, &app.study, seed).map_err(Error::Usage)?
            }
        }
        Start::Notes(reference) => {
            let at = reference.as_deref().map(|r| resolve_ref(&bank, r)).transpose()?;
            Screen::Notes(NotesBrowser::new(&bank, at))
        }
    };
    app.open(first);
    Ok(app)
}

/// Run an interactive command in the terminal.
pub fn interactive(global: &Global, settings: &Settings, start: &Start) -> Result<u8, Error> {
    tui::require_terminal()?;
    let bank = bank::load_valid(&load_options(global))?;
    let store = open_store(global)?;
    let mut app = build_app(bank, start, Rc::new(SystemClock), Some(store))?;
    app.review_limit = settings.daily_limit.0;
    let theme = match settings.theme.0 {
        ThemeChoice::Auto => Theme::from_env(),
        ThemeChoice::Monochrome => Theme::no_color(),
    };
    tui::run(app, theme)
}

/// "No exam in progress" as the second half of a sentence.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

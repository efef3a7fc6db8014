//! Application state and `update`. Input becomes an [`Action`]; `update` changes state; the views in
//! `crate::ui` only read it. Nothing here draws.

mod bindings;
pub mod drill;
pub mod exam;
pub mod history;
pub mod home;
mod input;
pub mod keys;
pub mod notes;
mod persist;
pub mod picker;
pub mod practice;
pub mod results;
pub mod review;
pub mod stats;
pub mod study;

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::bank::Bank;
use crate::store::Store;
use crate::study::{SetSpec, Study};

pub use keys::{KeyContext, map_key};

/// Where "now" comes from, so tests can move time by hand: a monotonic instant for clocks and paces,
/// and the wall-clock time for what the history records and when reviews fall due.
pub trait Clock {
    fn now(&self) -> Instant;
    fn wall(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to; both its instant and its wall time move together.
#[cfg(any(test, feature = "test-support"))]
pub struct FakeClock(Cell<(Instant, DateTime<Utc>)>);

#[cfg(any(test, feature = "test-support"))]
impl FakeClock {
    pub fn new() -> Rc<FakeClock> {
        Rc::new(FakeClock(Cell::new((Instant::now(), Utc::now()))))
    }

    pub fn advance(&self, by: Duration) {
        let (at, wall) = self.0.get();
        let step = chrono::Duration::from_std(by).unwrap_or(chrono::Duration::MAX);
        self.0.set((at + by, wall + step));
    }
}

#[cfg(any(test, feature = "test-support"))]
impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.0.get().0
    }

    fn wall(&self) -> DateTime<Utc> {
        self.0.get().1
    }
}

/// Reviews in one session unless the config says otherwise.
pub const DAILY_LIMIT: usize = 50;

/// The smallest terminal the screens are drawn for; below it only a message shows and only quitting
/// acts, so no key reaches a screen the learner cannot see.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What the user asked for, independent of the key or mouse event that said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    /// Enter: activate, confirm, check or go on.
    Enter,
    /// Space: toggle the option under the cursor.
    Toggle,
    /// Toggle option k (from `a`-`f` or `1`-`6`).
    Choose(usize),
    Next,
    Prev,
    Mark,
    Grid,
    Submit,
    Yes,
    No,
    /// `q` or Esc: back one level (asks first in a running exam).
    Back,
    /// Ctrl-C.
    Interrupt,
    Help,
    /// Tab: next ref of a question, or next field.
    Tab,
    BackTab,
    /// `o`: the notes pane full screen.
    FullNotes,
    /// `d`: drill the section under the cursor.
    Drill,
    /// `/`: search.
    Search,
    /// `*`: bookmark the question on screen, or take the bookmark off.
    Bookmark,
    /// `!`: mark the answer as unsure (a guess), or take the mark off.
    Unsure,
    /// `R`: report a problem with the question on screen.
    Report,
    /// A typed character (menus' highlighted letters, text fields).
    Char(char),
    Backspace,
    /// Time passed (the loop sends one at least every second).
    Tick,
    Click(u16, u16),
    ScrollUp(u16, u16),
    ScrollDown(u16, u16),
    Resize(u16, u16),
}

/// Something a view drew that the mouse can hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A menu entry or option at this index.
    Item(usize),
    /// A scrollable notes pane.
    NotesPane,
    /// A row of a table at this index (the results' section table).
    Row(usize),
}

/// What a screen's update asks of the app.
#[derive(Debug)]
pub enum Transition {
    Stay,
    Push(Screen),
    Replace(Screen),
    Pop,
    Home,
    Quit,
    /// Something only the app can do, because it needs the history.
    Store(StoreRequest),
}

/// The history an app saves to: open, or off with the reason (no data folder, one that cannot be
/// written); without it the app runs and says nothing will be saved.
#[derive(Debug)]
pub enum HistoryAccess {
    Open(Store),
    Off(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreRequest {
    Resume,
    Abandon,
    ReviewDue,
    Stats,
    History,
    OpenAttempt(i64),
}

#[derive(Debug)]
pub enum Screen {
    Home(Box<home::Home>),
    Custom(home::CustomForm),
    Picker(picker::DrillPicker),
    Practice(practice::PracticeList),
    Exam(Box<exam::ExamSession>),
    Results(Box<results::Results>),
    Review(Box<review::Review>),
    Drill(Box<drill::Drill>),
    Notes(notes::NotesBrowser),
    History(Box<history::History>),
    Stats(Box<stats::StatsView>),
}

/// What every screen's update may read or set besides its own state.
pub struct Ctx<'a> {
    pub bank: &'a Bank,
    pub now: Instant,
    pub status: &'a mut Option<String>,
    /// What the learner did with each question (seen, last answer, bookmarks).
    pub study: &'a Study,
    /// A seed for anything this update samples.
    pub seed: u64,
}

pub struct App {
    pub bank: Rc<Bank>,
    pub stack: Vec<Screen>,
    pub clock: Rc<dyn Clock>,
    /// One line of feedback at the bottom ("History is not available yet", ...).
    pub status: Option<String>,
    pub help: bool,
    pub quit: bool,
    pub store: Option<Store>,
    /// Why nothing is saved, or why the last save failed; shown until a save succeeds.
    pub save_warning: Option<String>,
    /// What the learner did with each question: drills put unseen ones first and filter by it.
    pub study: Study,
    /// Bookmarks and reports not written yet.
    pub study_writes: Vec<study::StudyWrite>,
    /// A problem report being typed.
    pub report: Option<study::ReportDraft>,
    /// Where sampling seeds come from: random, or fixed in tests.
    pub seeds: Cell<u64>,
    /// Finished exams not stored yet (the history was busy or the disk full), retried on every update.
    pub outbox: Vec<crate::store::FinishedExam>,
    /// Quitting was asked for while a result is unsaved: ask before leaving.
    pub confirm_quit: bool,
    /// The terminal is below the minimum size: the screens are hidden and keys do not reach them.
    pub too_small: bool,
    /// The most questions one spaced-review session takes.
    pub review_limit: usize,
}

impl App {
    /// An app with the home screen below `first` (or only home).
    pub fn new(bank: Rc<Bank>, clock: Rc<dyn Clock>, first: Screen) -> App {
        let mut stack = vec![Screen::Home(Box::default())];
        if !matches!(first, Screen::Home(_)) {
            stack.push(first);
        }
        App {
            bank,
            stack,
            clock,
            status: None,
            help: false,
            quit: false,
            store: None,
            save_warning: None,
            study: Study::default(),
            study_writes: Vec::new(),
            report: None,
            seeds: Cell::new(rand::random()),
            outbox: Vec::new(),
            confirm_quit: false,
            too_small: false,
            review_limit: DAILY_LIMIT,
        }
    }

    /// Put a screen on top and save whatever it starts (an exam's attempt row).
    pub fn open(&mut self, screen: Screen) {
        self.stack.push(screen);
        self.persist();
    }

    /// A fresh sampling seed (a SplitMix64 step, so a fixed start gives a fixed sequence).
    pub fn next_seed(&self) -> u64 {
        let s = self.seeds.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.seeds.set(s);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the home screen is never popped")
    }

    /// The key context of the current screen, for [`map_key`].
    pub fn key_context(&self) -> KeyContext {
        if self.too_small {
            return KeyContext::Hidden;
        }
        if self.confirm_quit {
            return KeyContext::Dialog;
        }
        if self.help {
            return KeyContext::Help;
        }
        if let Some(context) = self.report_context() {
            return context;
        }
        match self.screen() {
            Screen::Home(h) => h.key_context(),
            Screen::Picker(_) | Screen::Practice(_) => KeyContext::Menu,
            Screen::Custom(f) => f.key_context(),
            Screen::Results(_) => KeyContext::Menu,
            Screen::Exam(e) => e.key_context(),
            Screen::Review(_) => KeyContext::Review,
            Screen::Drill(d) => d.key_context(),
            Screen::Notes(n) => n.key_context(),
            Screen::History(_) | Screen::Stats(_) => KeyContext::Menu,
        }
    }

    /// Apply a key action (nothing under a pointer).
    pub fn update(&mut self, action: Action) {
        self.update_at(action, None);
    }

    /// Apply an action; `hit` is what the last frame drew under the mouse, for clicks and the wheel.
    pub fn update_at(&mut self, action: Action, hit: Option<Hit>) {
        // A resize only needs the redraw that follows every action: views lay out from the frame.
        if let Action::Resize(w, h) = action {
            self.too_small = w < MIN_WIDTH || h < MIN_HEIGHT;
            return;
        }
        if self.too_small {
            match action {
                // Leave the way an outside signal does: the exam on screen is saved with its clock and
                // stays resumable, a result not yet stored is kept for the next start.
                Action::Back | Action::Interrupt => {
                    self.shutdown();
                    self.quit = true;
                    return;
                }
                // Time still passes (an exam still ends at zero); nothing else reaches the hidden screen.
                Action::Tick => {}
                _ => return,
            }
        }
        if self.confirm_quit {
            self.answer_quit(action);
            return;
        }
        if self.help {
            if matches!(
                action,
                Action::Help | Action::Back | Action::Enter | Action::Interrupt
            ) {
                self.help = false;
            }
            return;
        }
        if action == Action::Help && self.report.is_none() {
            self.help = true;
            return;
        }
        if !matches!(action, Action::Tick) {
            self.status = None;
        }
        if self.study_key(action) {
            if !self.study_writes.is_empty() {
                self.persist();
            }
            return;
        }
        let bank = Rc::clone(&self.bank);
        let seed = self.next_seed();
        let mut cx = Ctx {
            bank: &bank,
            now: self.clock.now(),
            status: &mut self.status,
            study: &self.study,
            seed,
        };
        let screen = self.stack.last_mut().expect("the home screen is never popped");
        let transition = match screen {
            Screen::Home(s) => s.update(action, hit, &mut cx),
            Screen::Custom(s) => s.update(action, &mut cx),
            Screen::Picker(s) => s.update(action, hit, &mut cx),
            Screen::Practice(s) => s.update(action, hit, &mut cx),
            Screen::Exam(s) => s.update(action, hit, &mut cx),
            Screen::Results(s) => s.update(action, hit, &mut cx),
            Screen::Review(s) => s.update(action, hit, &mut cx),
            Screen::Drill(s) => s.update(action, hit, &mut cx),
            Screen::Notes(s) => s.update(action, hit, &mut cx),
            Screen::History(s) => s.update(action, hit, &mut cx),
            Screen::Stats(s) => s.update(action, hit, &mut cx),
        };
        let moved = !matches!(transition, Transition::Stay);
        let exam_attempt = match self.screen() {
            Screen::Exam(e) => e.attempt,
            _ => None,
        };
        // Save the screen as it is before it may be left, then whatever the new one starts.
        self.persist();
        self.apply(transition);
        if let Some(id) = exam_attempt
            && !matches!(self.screen(), Screen::Exam(e) if e.attempt == Some(id))
        {
            self.release(id);
        }
        if moved {
            self.persist();
            self.refresh_home();
        }
    }

    fn apply(&mut self, transition: Transition) {
        match transition {
            Transition::Stay => {}
            Transition::Push(s) => self.stack.push(s),
            Transition::Replace(s) => {
                self.stack.pop();
                self.stack.push(s);
            }
            Transition::Pop => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                } else {
                    self.ask_quit();
                }
            }
            Transition::Home => self.stack.truncate(1),
            Transition::Quit => self.ask_quit(),
            Transition::Store(request) => {
                if let Err(why) = self.store_request(request) {
                    self.status = Some(why);
                }
            }
        }
    }

    /// Quit, unless a result is unsaved: then ask first.
    fn ask_quit(&mut self) {
        if self.has_unsaved() {
            self.confirm_quit = true;
        } else {
            self.quit = true;
        }
    }

    /// The answer to "quit with a result unsaved?": yes keeps it in a pending file and quits.
    fn answer_quit(&mut self, action: Action) {
        match action {
            Action::Yes => {
                self.confirm_quit = false;
                self.persist();
                match self.keep_unsaved() {
                    Ok(()) => self.quit = true,
                    Err(why) => {
                        self.status = Some(format!("Could not keep the result ({why}); not quitting"))
                    }
                }
            }
            Action::No | Action::Back | Action::Interrupt => self.confirm_quit = false,
            _ => {}
        }
    }

    /// How long the loop may sleep before the screen needs redrawing without input.
    pub fn next_wake(&self) -> Duration {
        match self.screen() {
            Screen::Exam(e) => e.until_next_second(self.clock.now()),
            _ => Duration::from_secs(1),
        }
    }
}

impl Ctx<'_> {
    /// Start a drill on a practice set, or say in the status line why not.
    pub fn drill(&mut self, spec: SetSpec, title: String) -> Transition {
        match drill_screen(self.bank, &spec, title, self.study, self.seed) {
            Ok(screen) => Transition::Push(screen),
            Err(why) => {
                *self.status = Some(why);
                Transition::Stay
            }
        }
    }

    /// Start a drill on a pillar or notes section, or say why not.
    pub fn drill_topic(&mut self, topic: picker::Topic) -> Transition {
        let (filters, title) = picker::topic_filters(self.bank, topic);
        self.drill(
            SetSpec {
                filters,
                ..SetSpec::default()
            },
            title,
        )
    }
}

/// Start a drill on a practice set (never-answered questions first), or say why not.
pub fn drill_screen(
    bank: &Bank,
    spec: &SetSpec,
    title: String,
    study: &Study,
    seed: u64,
) -> Result<Screen, String> {
    drill::Drill::new(bank, spec, title, seed, study).map(|d| Screen::Drill(Box::new(d)))
}

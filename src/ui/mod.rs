//! Drawing. Views only read the app's state; `draw` picks the view of the screen on top.

pub(crate) mod markdown;
pub(crate) mod strings;
mod theme;
pub(crate) mod widgets;
pub(crate) mod wrap;

mod drill;
mod exam;
mod history;
mod home;
mod marks;
mod notes;
mod picker;
mod results;
mod review;
mod stats;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use std::cell::RefCell;

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::keys::{self, Page};
use crate::app::{App, Hit, Screen};
pub use theme::Theme;
pub use widgets::NotesCache;

/// What drawing keeps between frames and the app never reads: the colour theme, rendered notes by
/// width, and where the last frame put things the mouse can hit.
pub struct View {
    pub theme: Theme,
    /// The time zone times of day are shown in: the local one, or UTC for tests.
    pub utc_offset: chrono::FixedOffset,
    pub cache: NotesCache,
    hits: RefCell<Vec<(Rect, Hit)>>,
}

impl View {
    pub fn new(theme: Theme) -> View {
        View {
            theme,
            utc_offset: crate::format::local_offset(),
            cache: NotesCache::default(),
            hits: RefCell::default(),
        }
    }

    /// The same view showing times of day at another offset (tests use UTC, to be the same anywhere).
    pub fn with_offset(mut self, offset: chrono::FixedOffset) -> View {
        self.utc_offset = offset;
        self
    }

    /// What the last frame drew at this cell, topmost first.
    pub fn hit(&self, col: u16, row: u16) -> Option<Hit> {
        let pos = Position { x: col, y: row };
        self.hits
            .borrow()
            .iter()
            .rev()
            .find(|(r, _)| r.contains(pos))
            .map(|(_, h)| *h)
    }
}

/// The app as a frame draws it: its state (through `Deref`) with the view's theme, cache and hit boxes.
pub struct Ui<'a> {
    app: &'a App,
    pub theme: Theme,
    pub utc_offset: chrono::FixedOffset,
    pub cache: &'a NotesCache,
    pub hits: &'a RefCell<Vec<(Rect, Hit)>>,
}

impl std::ops::Deref for Ui<'_> {
    type Target = App;

    fn deref(&self) -> &App {
        self.app
    }
}

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(frame: &mut Frame<'_>, app: &App, view: &View) {
    let area = frame.area();
    render(app, view, area, frame.buffer_mut());
}

/// Render the whole app into a buffer (also used by benches and tests).
pub fn render(app: &App, view: &View, area: Rect, buf: &mut Buffer) {
    view.hits.borrow_mut().clear();
    let ui = &Ui {
        app,
        theme: view.theme,
        utc_offset: view.utc_offset,
        cache: &view.cache,
        hits: &view.hits,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    // A failed save is shown on every screen until a save succeeds; home and the exam show it in place.
    let full = area;
    let area = match (&ui.save_warning, ui.screen()) {
        (Some(w), screen) if !matches!(screen, Screen::Home(_) | Screen::Exam(_)) => {
            let [rest, line] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
            Paragraph::new(Line::styled(format!(" ⚠ {w}"), ui.theme.warn())).render(line, buf);
            rest
        }
        _ => area,
    };
    let help = match ui.screen() {
        Screen::Home(_) => {
            home::render(ui, area, buf);
            Page::Home
        }
        Screen::Custom(f) => {
            home::render_form(ui, f, area, buf);
            Page::Form
        }
        Screen::Picker(p) => {
            picker::render(ui, p, area, buf);
            Page::Picker
        }
        Screen::Practice(p) => {
            home::render_practice(ui, p, area, buf);
            Page::Practice
        }
        Screen::Exam(e) => {
            exam::render(ui, e, area, buf);
            if matches!(e.overlay, Some(crate::app::exam::Overlay::Grid(_))) {
                Page::Grid
            } else {
                Page::Exam
            }
        }
        Screen::Results(r) => {
            results::render(ui, r, area, buf);
            Page::Results
        }
        Screen::Review(r) => {
            review::render(ui, r, area, buf);
            Page::Review
        }
        Screen::Drill(d) => {
            drill::render(ui, d, area, buf);
            Page::Drill
        }
        Screen::Notes(n) => {
            notes::render(ui, n, area, buf);
            Page::Notes
        }
        Screen::History(h) => {
            history::render(ui, h, area, buf);
            Page::History
        }
        Screen::Stats(v) => {
            stats::render(ui, v, area, buf);
            Page::Stats
        }
    };
    if ui.help {
        widgets::help_overlay(area, buf, &keys::help(help), ui.theme);
    }
    if let Some(draft) = &ui.report {
        report_dialog(ui, draft, full, buf);
    }
    if ui.confirm_quit {
        let t = ui.theme;
        let lines = vec![
            Line::from(strings::UNSAVED_QUIT),
            Line::from(""),
            widgets::choices(t, &[("y", "quit, keep it for the next start"), ("n", "stay")]),
        ];
        widgets::dialog(full, buf, "A result is not saved yet", lines, t);
    }
}

/// The one-line problem report being typed.
fn report_dialog(ui: &Ui<'_>, draft: &crate::app::study::ReportDraft, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let q = &ui.bank.questions[draft.question];
    let room = usize::from(area.width.saturating_sub(12)).min(58);
    // The end of a long note stays in view while typing.
    let shown: String = {
        let chars: Vec<char> = draft.text.chars().collect();
        chars[chars.len().saturating_sub(room - 1)..].iter().collect()
    };
    let lines = vec![
        Line::from(format!(
            "{} · {}",
            q.id,
            widgets::truncate(&q.gist(), room.saturating_sub(q.id.len() + 3))
        )),
        Line::styled(
            "What is wrong with it? (one line, for the bank's authors)",
            t.dim(),
        ),
        Line::default(),
        Line::styled(format!("{shown:<room$}"), t.selected()),
        Line::default(),
        widgets::choices(t, &[("Enter", "save the report"), ("Esc", "cancel")]),
    ];
    widgets::dialog(area, buf, "Report a problem", lines, t);
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::from(format!("This terminal is {}x{}.", area.width, area.height)),
        Line::from(strings::TOO_SMALL),
        Line::from(strings::TOO_SMALL_KEYS[0]),
        Line::from(strings::TOO_SMALL_KEYS[1]),
    ];
    let height = lines.len() as u16;
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let rect = widgets::centered(area, width, height);
    Paragraph::new(lines).centered().render(rect, buf);
}

//! Drawing. Views only read the app's state; `draw` picks the view of the screen on top.

pub mod markdown;
pub mod strings;
pub mod theme;
pub mod widgets;
pub mod wrap;

mod drill;
mod exam;
pub mod history;
mod home;
mod notes;
mod results;
mod review;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, Screen};
pub use theme::Theme;
pub use widgets::NotesCache;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Render the whole app into a buffer (also used by benches and tests).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    app.hits.borrow_mut().clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    // A failed save is shown on every screen until a save succeeds; home and the exam show it in place.
    let full = area;
    let area = match (&app.save_warning, app.screen()) {
        (Some(w), screen) if !matches!(screen, Screen::Home(_) | Screen::Exam(_)) => {
            let [rest, line] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
            Paragraph::new(Line::styled(format!(" ⚠ {w}"), app.theme.warn())).render(line, buf);
            rest
        }
        _ => area,
    };
    let help = match app.screen() {
        Screen::Home(_) => {
            home::render(app, area, buf);
            strings::HOME_HELP
        }
        Screen::Custom(f) => {
            home::render_form(app, f, area, buf);
            strings::FORM_HELP
        }
        Screen::Picker(p) => {
            home::render_picker(app, p, area, buf);
            strings::PICKER_HELP
        }
        Screen::Practice(p) => {
            home::render_practice(app, p, area, buf);
            strings::PICKER_HELP
        }
        Screen::Exam(e) => {
            exam::render(app, e, area, buf);
            if matches!(e.overlay, Some(crate::app::exam::Overlay::Grid(_))) {
                strings::GRID_HELP
            } else {
                strings::EXAM_HELP
            }
        }
        Screen::Results(r) => {
            results::render(app, r, area, buf);
            strings::RESULTS_HELP
        }
        Screen::Review(r) => {
            review::render(app, r, area, buf);
            strings::REVIEW_HELP
        }
        Screen::Drill(d) => {
            drill::render(app, d, area, buf);
            strings::DRILL_HELP
        }
        Screen::Notes(n) => {
            notes::render(app, n, area, buf);
            strings::NOTES_HELP
        }
        Screen::History(h) => {
            history::render(app, h, area, buf);
            strings::HISTORY_HELP
        }
    };
    if app.help {
        widgets::help_overlay(area, buf, help, app.theme);
    }
    if app.confirm_quit {
        let t = app.theme;
        let lines = vec![
            Line::from(strings::UNSAVED_QUIT),
            Line::from(""),
            widgets::choices(t, &[("y", "quit, keep it for the next start"), ("n", "stay")]),
        ];
        widgets::dialog(full, buf, "A result is not saved yet", lines, t);
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::from(format!("This terminal is {}x{}.", area.width, area.height)),
        Line::from(strings::TOO_SMALL),
        Line::from("Enlarge the window; q goes back or quits."),
    ];
    let height = lines.len() as u16;
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let rect = widgets::centered(area, width, height);
    Paragraph::new(lines).centered().render(rect, buf);
}

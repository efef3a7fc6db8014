//! The notes browser: contents on the left, the selected heading's section on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::Ui;
use super::widgets::{footer, header, notes_pane, select_list, truncate};
use crate::app::keys::{self, Page};
use crate::app::notes::NotesBrowser;
use crate::app::review::NotesPane;

pub fn render(ui: &Ui<'_>, n: &NotesBrowser, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let notes = &ui.bank.notes;
    if notes.headings.is_empty() {
        Paragraph::new(format!("{} has no headings to browse.", ui.bank.notes_file)).render(area, buf);
        return;
    }
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    header(
        &format!("Notes · {}", ui.bank.title()),
        vec![Span::raw(notes.headings[n.cursor].title.clone())],
        top,
        buf,
        t,
    );
    match &n.typing {
        Some(q) => Paragraph::new(Line::from(vec![
            Span::styled(" /", t.key()),
            Span::raw(q.clone()),
            Span::raw("▏"),
        ]))
        .render(bottom, buf),
        None => footer(ui, &keys::footer(Page::Notes), bottom, buf),
    }
    let [left, right] = Layout::horizontal([Constraint::Length(34), Constraint::Min(0)]).areas(body);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Contents ", t.title()));
    let inner = block.inner(left);
    block.render(left, buf);
    let base = notes.section_level().unwrap_or(1);
    let height = inner.height as usize;
    let offset = (n.cursor + height / 2)
        .saturating_sub(height - 1)
        .min(notes.headings.len().saturating_sub(height));
    let lines = notes
        .headings
        .iter()
        .map(|h| {
            let depth = usize::from(h.level.saturating_sub(base));
            let text = truncate(
                &format!("{}{}", "  ".repeat(depth), h.title),
                inner.width as usize,
            );
            if h.level <= base {
                Line::styled(text, t.bold())
            } else {
                Line::from(text)
            }
        })
        .collect();
    select_list(ui, lines, Some(n.cursor), true, offset, inner, buf);
    let pane = NotesPane {
        anchors: vec![n.cursor],
        current: 0,
        scroll: n.scroll,
        full: false,
        highlight: n.query.clone(),
    };
    notes_pane(ui, &pane, right, buf);
}

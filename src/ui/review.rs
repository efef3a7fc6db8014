//! Review of an answered question: choices and the correct set marked with symbols, every `why`, the
//! explanation, and the notes pane beside it. Drill feedback uses the same view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::Ui;
use super::marks::header_marks;
use super::widgets::{Reveal, draw_lines, footer, header, notes_pane, question_lines};
use crate::app::keys::{self, Page};
use crate::app::review::{NotesPane, Review};
use crate::bank::letters;
use crate::exam::Item;
use crate::score::is_correct;

/// "✓ Correct" / "✗ Wrong: the answer is B, D" / "○ Unanswered: ...", and what an unsure mark means.
pub(super) fn verdict(ui: &Ui<'_>, item: &Item, chosen: &[usize], unsure: bool) -> Line<'static> {
    let t = ui.theme;
    let q = &ui.bank.questions[item.question];
    let answer: Vec<String> = letters(&item.order, |o| q.options[o].correct)
        .iter()
        .map(char::to_string)
        .collect();
    let answer = answer.join(", ");
    if chosen.is_empty() {
        Line::styled(format!("○ Unanswered: the answer is {answer}"), t.warn())
    } else if is_correct(&ui.bank, item.question, chosen) && unsure {
        Line::styled("✓ Correct, but marked unsure: it comes back for review", t.good())
    } else if is_correct(&ui.bank, item.question, chosen) {
        Line::styled("✓ Correct", t.good())
    } else if unsure {
        Line::styled(
            format!("✗ Wrong (marked unsure): the answer is {answer}"),
            t.bad(),
        )
    } else {
        Line::styled(format!("✗ Wrong: the answer is {answer}"), t.bad())
    }
}

/// An answer as the feedback view shows it.
pub(super) struct Answer<'a> {
    pub item: &'a Item,
    pub chosen: &'a [usize],
    pub unsure: bool,
}

/// The answered question on the left and the notes on the right (or the notes alone, full screen).
pub(super) fn answered(
    ui: &Ui<'_>,
    Answer { item, chosen, unsure }: Answer<'_>,
    pane: &NotesPane,
    scroll: u16,
    area: Rect,
    buf: &mut Buffer,
) {
    if pane.full {
        notes_pane(ui, pane, area, buf);
        return;
    }
    let t = ui.theme;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let block = Block::default().borders(Borders::RIGHT).border_style(t.dim());
    let inner = block.inner(left).inner(Margin {
        horizontal: 1,
        vertical: 0,
    });
    block.render(left, buf);
    let width = usize::from(inner.width.saturating_sub(1)); // a column for the scrollbar
    let mut lines = vec![verdict(ui, item, chosen, unsure), Line::default()];
    let (q, _) = question_lines(&ui.bank, item, chosen, None, Reveal::Shown, width, t);
    lines.extend(q);
    if let Some(e) = &ui.bank.questions[item.question].explanation {
        lines.push(Line::default());
        lines.push(Line::styled("Explanation", t.bold()));
        lines.extend(super::markdown::render(e.trim(), 0, width as u16, t).lines);
    }
    draw_lines(ui, &lines, &[], usize::from(scroll), inner, buf);
    notes_pane(ui, pane, right, buf);
}

pub fn render(ui: &Ui<'_>, r: &Review, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let k = r.item();
    let item = &r.items[k];
    let which = r.which;
    let q = &ui.bank.questions[item.question];
    header(
        &format!(
            "Review {}/{} ({which}) · question {} · {}",
            r.position + 1,
            r.picks.len(),
            k + 1,
            q.gist()
        ),
        vec![Span::raw(format!(
            "{}{}{}",
            header_marks(ui, item.question, r.unsure[k]),
            if r.marked[k] { "⚑ marked · " } else { "" },
            ui.bank.pillars[q.pillar].name
        ))],
        top,
        buf,
        t,
    );
    footer(ui, &keys::footer(Page::Review), bottom, buf);
    let body = if r.missing.is_empty() {
        body
    } else {
        let [note, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        let text = format!(
            " ⚠ {} question(s) of this attempt are no longer in the bank: {}",
            r.missing.len(),
            r.missing.join(", ")
        );
        ratatui::widgets::Paragraph::new(Line::styled(text, t.warn())).render(note, buf);
        rest
    };
    let answer = Answer {
        item,
        chosen: &r.answers[k],
        unsure: r.unsure[k],
    };
    answered(ui, answer, &r.pane, r.scroll, body, buf);
}

//! A drill: the question while answering, then feedback with the notes, and a summary on leaving.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};

use super::Ui;
use super::marks::header_marks;
use super::review::{Answer, answered};
use super::widgets::{Reveal, choices, dialog, draw_lines, footer, header, offset_for, question_lines};
use crate::app::drill::Drill;
use crate::app::keys::{self, Page};
use crate::store::Mode;

pub fn render(ui: &Ui<'_>, d: &Drill, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let tally = format!(
        "{}{}/{} · {} of {} correct",
        header_marks(ui, d.item().question, d.unsure),
        d.position + 1,
        d.queue.len(),
        d.correct(),
        d.log.len()
    );
    header(&d.title, vec![Span::raw(tally)], top, buf, t);
    let hints = if d.checked {
        keys::footer(Page::DrillChecked)
    } else {
        keys::footer(Page::Drill)
    };
    footer(ui, &hints, bottom, buf);
    if d.checked {
        let answer = Answer {
            item: d.item(),
            chosen: &d.chosen,
            unsure: d.unsure,
        };
        answered(ui, answer, &d.pane, 0, body, buf);
    } else {
        let inner = body.inner(Margin {
            horizontal: 2,
            vertical: 1,
        });
        let (lines, ranges) = question_lines(
            &ui.bank,
            d.item(),
            &d.chosen,
            Some(d.cursor),
            Reveal::Hidden,
            usize::from(inner.width.saturating_sub(1)), // a column for the scrollbar
            t,
        );
        let offset = offset_for(&ranges, d.cursor, inner.height as usize);
        draw_lines(ui, &lines, &ranges, offset, inner, buf);
    }
    if d.show_summary {
        let answered = d.log.len();
        // Rounded to the nearest whole percent: 1 of 6 is 17%.
        let percent = (200 * d.correct() + answered)
            .checked_div(2 * answered)
            .unwrap_or(0);
        let (what, again) = match d.mode {
            Mode::Review => ("review", "keep reviewing"),
            _ => ("drill", "keep drilling"),
        };
        let left = d.queue.len() - answered;
        let mut lines = vec![
            Line::from(format!(
                "{} of {answered} answered correctly ({percent}%).",
                d.correct()
            )),
            Line::from(format!(
                "{} questions in this {what}; {left} not reached.",
                d.queue.len()
            )),
            Line::default(),
        ];
        // Past the last question there is nothing to keep going with.
        lines.push(if left > 0 {
            choices(t, &[("y/Enter", "leave"), ("n", again)])
        } else {
            choices(t, &[("y/Enter", "leave")])
        });
        let title = if d.mode == Mode::Review {
            "Review summary"
        } else {
            "Drill summary"
        };
        dialog(body, buf, title, lines, t);
    }
}

//! The timed exam: header with countdown and pace, the question, and the grid and dialogs on top.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::Ui;
use super::marks::{BOOKMARK, marks};
use super::strings;
use super::widgets::{
    Reveal, centered, choices, clock, dialog, draw_lines, footer, header, offset_for, question_lines,
};
use crate::app::Hit;
use crate::app::exam::{ExamSession, Overlay, Progress};
use crate::app::keys::{self, Page};

const WARN_AT: Duration = Duration::from_secs(10 * 60);
const URGENT_AT: Duration = Duration::from_secs(5 * 60);

/// The countdown and its warning, in words and symbols so it reads without colour.
/// An exam shorter than a threshold does not warn at it: a 6-minute quiz is not "10 minutes left".
fn countdown(ui: &Ui<'_>, left: Duration, limit: Duration) -> Span<'static> {
    let t = ui.theme;
    let text = clock(left.as_secs());
    if left <= URGENT_AT && limit > URGENT_AT {
        Span::styled(format!("⚠ {text} LEFT (5 min warning)"), t.bad())
    } else if left <= WARN_AT && limit > WARN_AT {
        Span::styled(format!("⚠ {text} left (10 min warning)"), t.warn())
    } else {
        Span::raw(format!("⏱ {text} left"))
    }
}

pub fn pace_text(pace: i64) -> String {
    match pace {
        p if p > 0 => format!("{p} ahead of pace"),
        p if p < 0 => format!("{} behind pace", -p),
        _ => "on pace".to_string(),
    }
}

pub fn render(ui: &Ui<'_>, e: &ExamSession, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let now = ui.clock.now();
    let n = e.exam.items.len();
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let incomplete = match e.counts(&ui.bank).1 {
        0 => String::new(),
        i => format!("◐ {i} · "),
    };
    let right = vec![
        Span::raw(format!(
            "Q {}/{n} · ⚑ {} · {incomplete}{} · ",
            e.current + 1,
            e.marked_count(),
            pace_text(e.pace(&ui.bank, now))
        )),
        countdown(ui, e.remaining(now), e.limit),
    ];
    header(&e.title, right, top, buf, t);
    footer(ui, &keys::footer(Page::Exam), bottom, buf);
    // Not saving is shown for the whole exam, not only once.
    let body = match &ui.save_warning {
        Some(w) => {
            let [warning, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
            Paragraph::new(Line::styled(format!(" ⚠ {w}"), t.warn())).render(warning, buf);
            rest
        }
        None => body,
    };

    let inner = body.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    let mut lines = Vec::new();
    let mut tag = vec![Span::styled(
        format!("Question {} of {n}", e.current + 1),
        t.bold(),
    )];
    if e.marked[e.current] {
        tag.push(Span::styled("  ⚑ marked for review", t.warn()));
    }
    let question = e.exam.items[e.current].question;
    tag.extend(marks(ui, question, e.unsure[e.current]));
    let wanted = ui.bank.questions[e.exam.items[e.current].question].select();
    let chosen = e.answers[e.current].len();
    if e.progress(&ui.bank, e.current) == Progress::Incomplete {
        tag.push(Span::styled(
            format!("  ◐ incomplete: {chosen} of {wanted} chosen"),
            t.warn(),
        ));
    } else if chosen > wanted {
        tag.push(Span::styled(
            format!("  ⚠ {chosen} chosen; this question asks for {wanted}"),
            t.warn(),
        ));
    }
    lines.push(Line::from(tag));
    lines.push(Line::default());
    let item = &e.exam.items[e.current];
    let (q, ranges) = question_lines(
        &ui.bank,
        item,
        &e.answers[e.current],
        Some(e.cursor),
        Reveal::Hidden,
        usize::from(inner.width.saturating_sub(1)), // a column for the scrollbar
        t,
    );
    let shift = lines.len();
    lines.extend(q);
    let ranges: Vec<(usize, usize)> = ranges.iter().map(|(a, b)| (a + shift, b + shift)).collect();
    let offset = offset_for(&ranges, e.cursor, inner.height as usize);
    draw_lines(ui, &lines, &ranges, offset, inner, buf);

    match e.overlay {
        Some(Overlay::Grid(at)) => grid(ui, e, at, body, buf),
        Some(Overlay::ConfirmSubmit) => {
            let (answered, incomplete, unanswered) = e.counts(&ui.bank);
            let lines = vec![
                Line::from(format!(
                    "Answered {answered} · incomplete {incomplete} · unanswered {unanswered}"
                )),
                Line::from(format!("Marked for review: {}", e.marked_count())),
                Line::default(),
                choices(t, &[("y/Enter", "submit"), ("n/Esc", "keep going")]),
            ];
            dialog(body, buf, "Submit the exam?", lines, t);
        }
        Some(Overlay::ConfirmLeave) => {
            let text = if ui.store.is_some() {
                strings::LEAVE_EXAM
            } else {
                strings::LEAVE_EXAM_UNSAVED
            };
            let lines = vec![
                Line::from(text),
                Line::default(),
                choices(t, &[("y", "leave"), ("n/Esc", "stay")]),
            ];
            dialog(body, buf, "Leave the exam?", lines, t);
        }
        None => {}
    }
}

const PER_ROW: usize = 10;
const CELL: u16 = 7;

fn grid(ui: &Ui<'_>, e: &ExamSession, at: usize, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let n = e.exam.items.len();
    let rows = n.div_ceil(PER_ROW) as u16;
    let rect = centered(area, PER_ROW as u16 * CELL + 4, rows + 7);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Review grid ", t.title()));
    let inner = block.inner(rect).inner(Margin {
        horizontal: 1,
        vertical: 0,
    });
    block.render(rect, buf);
    let mut hits = ui.hits.borrow_mut();
    // Long exams scroll the grid so the cursor's row is always shown.
    let visible = usize::from(inner.height.saturating_sub(4)).max(1);
    let first_row = (at / PER_ROW + 1).saturating_sub(visible);
    for k in first_row * PER_ROW..n {
        let (row, col) = ((k / PER_ROW - first_row) as u16, (k % PER_ROW) as u16);
        if usize::from(row) >= visible {
            break;
        }
        let answered = match e.progress(&ui.bank, k) {
            Progress::Answered => "●",
            Progress::Incomplete => "◐",
            Progress::Unanswered => "○",
        };
        let marked = if e.marked[k] { "⚑" } else { " " };
        let star = if ui.bookmarked(e.exam.items[k].question) {
            BOOKMARK
        } else {
            " "
        };
        let text = format!("{:>3}{answered}{marked}{star}", k + 1);
        let mut style = if e.answers[k].is_empty() {
            t.dim()
        } else {
            ratatui::style::Style::default()
        };
        if k == at {
            style = t.selected();
        } else if k == e.current {
            style = style.patch(t.bold());
        }
        let cell = Rect {
            x: inner.x + col * CELL,
            y: inner.y + row,
            width: CELL - 1,
            height: 1,
        };
        buf.set_string(cell.x, cell.y, text, style);
        hits.push((cell, Hit::Item(k)));
    }
    let legend_y = inner.y + inner.height.saturating_sub(3);
    let legend = vec![
        Line::from({
            let (answered, incomplete, _) = e.counts(&ui.bank);
            format!(
                "Answered {answered}/{n} · incomplete {incomplete} · marked {}",
                e.marked_count()
            )
        }),
        Line::styled(
            "● answered  ◐ incomplete  ○ unanswered  ⚑ marked  ★ bookmarked",
            t.dim(),
        ),
        Line::styled("Enter go to question · s submit · Esc close", t.dim()),
    ];
    Paragraph::new(legend).render(
        Rect {
            y: legend_y,
            height: 3,
            ..inner
        },
        buf,
    );
}

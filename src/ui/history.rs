//! The history view: score chart against the pass mark, weak areas, attempts and most-missed questions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget};

use super::Ui;
use super::widgets::{follow, footer, header, select_list, truncate};
use crate::app::history::{Focus, History};
use crate::app::keys::{self, Page};

fn block(ui: &Ui<'_>, title: String, focused: bool) -> Block<'static> {
    let t = ui.theme;
    let style = if focused { t.title() } else { t.dim() };
    let marker = if focused { "▶ " } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {marker}{title} "), style))
}

/// Rows of text as a list, cut to the width.
fn list(ui: &Ui<'_>, rows: Vec<String>, cursor: usize, focused: bool, area: Rect, buf: &mut Buffer) {
    let lines = rows
        .into_iter()
        .map(|r| Line::from(truncate(&r, area.width as usize)))
        .collect();
    let highlight = focused.then_some(cursor);
    select_list(
        ui,
        lines,
        highlight,
        focused,
        follow(cursor, area.height),
        area,
        buf,
    );
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn render(ui: &Ui<'_>, h: &History, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let bank = &ui.bank;
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    header(
        &format!("History · {} ({})", bank.name, bank.code),
        vec![Span::raw(plural(h.attempts.len(), "attempt"))],
        top,
        buf,
        t,
    );
    footer(ui, &keys::footer(Page::History), bottom, buf);
    let [upper, lower] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let [chart_area, weak_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(upper);
    let [attempts_area, wrong_area] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(lower);

    let chart_block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Exam scores (pass mark ──) ", t.title()));
    if h.scores.is_empty() {
        let inner = chart_block.inner(chart_area);
        chart_block.render(chart_area, buf);
        Paragraph::new("No finished exams yet.")
            .style(t.dim())
            .render(inner, buf);
    } else {
        let points: Vec<(f64, f64)> = h
            .scores
            .iter()
            .enumerate()
            .map(|(i, s)| (i as f64, f64::from(*s)))
            .collect();
        let last = (points.len().max(2) - 1) as f64;
        let pass = f64::from(bank.pass_mark);
        let pass_line = [(0.0, pass), (last, pass)];
        let datasets = vec![
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.dim())
                .data(&pass_line),
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.good())
                .data(&points),
        ];
        Chart::new(datasets)
            .block(chart_block)
            .x_axis(
                Axis::default()
                    .bounds([0.0, last])
                    .labels(["first".to_string(), "latest".to_string()]),
            )
            .y_axis(
                Axis::default()
                    .bounds([100.0, 1000.0])
                    .labels(["100", "550", "1000"]),
            )
            .render(chart_area, buf);
    }

    let focused = |f: Focus| h.focus == f;
    let weak = block(
        ui,
        format!(
            "Weakest over the last {} · Enter drills",
            plural(h.recent, "attempt")
        ),
        focused(Focus::Weak),
    );
    let inner = weak.inner(weak_area);
    weak.render(weak_area, buf);
    let rows = h
        .areas
        .iter()
        .map(|a| {
            format!(
                "{:>3}% {:>3}/{:<3} {}",
                a.tally.correct * 100 / a.tally.total.max(1),
                a.tally.correct,
                a.tally.total,
                a.name
            )
        })
        .collect();
    list(ui, rows, h.cursors[1], focused(Focus::Weak), inner, buf);

    let attempts = block(
        ui,
        "Attempts, newest first · Enter reviews".into(),
        focused(Focus::Attempts),
    );
    let inner = attempts.inner(attempts_area);
    attempts.render(attempts_area, buf);
    if h.attempts.is_empty() {
        Paragraph::new("No attempts yet: take an exam or a drill.")
            .style(t.dim())
            .render(inner, buf);
    }
    list(
        ui,
        h.attempts
            .iter()
            .map(|a| crate::format::attempt_row(a, &ui.utc_offset))
            .collect(),
        h.cursors[0],
        focused(Focus::Attempts),
        inner,
        buf,
    );

    let wrong = block(ui, "Most often wrong".into(), focused(Focus::Wrong));
    let inner = wrong.inner(wrong_area);
    wrong.render(wrong_area, buf);
    let rows = h
        .wrong
        .iter()
        .map(|m| {
            let gist = ui
                .bank
                .question_index(&m.question_id)
                .map_or(String::new(), |q| ui.bank.questions[q].gist());
            let star = if ui.study.is_bookmarked(&m.question_id) {
                format!("{} ", super::marks::BOOKMARK)
            } else {
                String::new()
            };
            format!(
                "{star}{}/{} wrong  {gist}  ({})",
                m.wrong, m.answered, m.question_id
            )
        })
        .collect();
    list(ui, rows, h.cursors[2], focused(Focus::Wrong), inner, buf);
}

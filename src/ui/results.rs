//! Results: PASS/FAIL in words, the estimated scaled score, per-pillar gauges and sections weakest
//! first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, LineGauge, Paragraph, Row, Table, Widget};

use super::Ui;
use super::widgets::{follow, footer, header, scroll_marks, truncate};
use crate::app::Hit;
use crate::app::keys::{self, Page};
use crate::app::results::{ACTIONS, Results};
use crate::score::Tally;

pub fn render(ui: &Ui<'_>, r: &Results, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let bank = &ui.bank;
    let s = &r.score;
    let [top, summary, body, actions, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Min(0),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    header(&format!("Results · {}", r.title), vec![], top, buf, t);
    footer(ui, &keys::footer(Page::Results), bottom, buf);

    let (verdict, style) = if s.passed {
        ("PASS", t.good())
    } else {
        ("FAIL", t.bad())
    };
    let (used, limit) = crate::format::clock_pair(r.used.as_secs(), r.limit.as_secs());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!(" {verdict} "), style.patch(Style::new().reversed())),
            Span::raw(format!(
                "  Estimated score {} / 1000 (pass mark {})",
                s.scaled, s.pass_mark
            )),
        ]),
        Line::from(format!(
            "Correct {}/{} · time used {} of {}",
            s.correct, s.total, used, limit
        )),
        Line::styled(
            "The scaled score is an estimate: the real exam scales each form differently.",
            t.dim(),
        ),
    ];
    if r.timed_out {
        lines.push(Line::styled(
            "Time ran out: the exam was submitted automatically.",
            t.warn(),
        ));
    }
    Paragraph::new(lines).render(
        summary.inner(Margin {
            horizontal: 2,
            vertical: 0,
        }),
        buf,
    );

    let [pillars, sections] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    // With domains, the blueprint's domains get the gauges and pillars one line each below them.
    let (title, gauges): (&str, Vec<(&str, &Tally)>) = if s.domains.is_empty() {
        (
            " By pillar ",
            s.pillars
                .iter()
                .map(|p| (bank.pillars[p.key].name.as_str(), p))
                .collect(),
        )
    } else {
        (
            " By domain ",
            s.domains
                .iter()
                .map(|d| (bank.domains[d.key].name.as_str(), d))
                .collect(),
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title()));
    let inner = block.inner(pillars);
    block.render(pillars, buf);
    let row = |y: u16| Rect {
        y,
        height: 1,
        ..inner
    };
    let label = |name: &str, tally: &Tally| {
        let figures = format!("{:>3}% {}/{}", tally.percent(), tally.correct, tally.total);
        let room = (inner.width as usize).saturating_sub(figures.len() + 1);
        let name = truncate(name, room);
        let gap = " ".repeat(room.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str())) + 1);
        Line::from(vec![
            Span::styled(name, t.bold()),
            Span::raw(format!("{gap}{figures}")),
        ])
    };
    let mut y = inner.y;
    // Each gauge takes two lines: its name and figures, then a bar the width of the box.
    for (name, tally) in gauges {
        if y + 1 >= inner.bottom() {
            break;
        }
        Paragraph::new(label(name, tally)).render(row(y), buf);
        let ratio = if tally.total == 0 {
            0.0
        } else {
            tally.correct as f64 / tally.total as f64
        };
        LineGauge::default()
            .ratio(ratio)
            .label("")
            .filled_style(if t.color { t.good() } else { t.bold() })
            .unfilled_style(t.dim())
            .filled_symbol("█")
            .unfilled_symbol("░")
            .render(row(y + 1), buf);
        y += 2;
    }
    if !s.domains.is_empty() {
        for p in &s.pillars {
            if y >= inner.bottom() {
                break;
            }
            Paragraph::new(label(&bank.pillars[p.key].name, p).style(t.dim())).render(row(y), buf);
            y += 1;
        }
    }

    // Rows that fit below the table's border and header; the rest scroll (PageUp/PageDown, wheel).
    let fit = usize::from(sections.height.saturating_sub(3));
    let first = follow(r.section, fit as u16).min(s.sections.len().saturating_sub(fit));
    let mut hits = ui.hits.borrow_mut();
    let rows: Vec<Row<'static>> = s
        .sections
        .iter()
        .enumerate()
        .skip(first)
        .map(|(i, tally)| {
            if i - first < fit {
                let y = sections.y + 2 + (i - first) as u16;
                hits.push((
                    Rect {
                        y,
                        height: 1,
                        ..sections
                    },
                    Hit::Row(i),
                ));
            }
            let row = Row::new(vec![
                Cell::from(bank.notes.headings[tally.key].title.clone()),
                Cell::from(format!("{}/{}", tally.correct, tally.total)),
                Cell::from(format!("{:>3}%", tally.percent())),
            ]);
            if i == r.section {
                row.style(t.selected())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [Constraint::Min(10), Constraint::Length(6), Constraint::Length(5)],
    )
    .header(Row::new(vec!["Section (weakest first)", "Right", "%"]).style(t.bold()))
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" By section ", t.title())),
    );
    Widget::render(table, sections, buf);
    let body_rows = Rect {
        y: sections.y + 2,
        height: sections.height.saturating_sub(3),
        ..sections
    };
    scroll_marks(body_rows, buf, first, s.sections.len());

    let inner = actions.inner(Margin {
        horizontal: 2,
        vertical: 0,
    });
    // The actions flow onto a second line when one line cannot hold them all.
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let (mut x, mut y) = (inner.x, inner.y);
    for (i, (key, label)) in ACTIONS.iter().enumerate() {
        let text = format!("[{key}] {label}");
        let w = text.chars().count() as u16;
        if x > inner.x && x + w > inner.right() && y + 1 < inner.bottom() {
            (x, y) = (inner.x, y + 1);
            lines.push(Vec::new());
        }
        hits.push((
            Rect {
                x,
                y,
                width: w,
                height: 1,
            },
            Hit::Item(i),
        ));
        x += w + 2;
        let style = if r.cursor == i {
            t.selected()
        } else {
            Style::default()
        };
        let line = lines.last_mut().expect("a line to add to");
        line.push(Span::styled(text, style));
        line.push(Span::raw("  "));
    }
    Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>()).render(inner, buf);
}

//! The statistics screen: the readiness line, time and calibration, then one row per domain, pillar
//! and section with its coverage and recent accuracy; the slowest questions when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Ui;
use super::widgets::{clock, fit, follow, footer, header, select_list, truncate};
use crate::app::keys::{self, Page};
use crate::app::stats::{Group, StatsView};

/// Show the slowest questions from this height on.
const SLOWEST_FROM_HEIGHT: u16 = 32;

pub fn render(ui: &Ui<'_>, v: &StatsView, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let s = &v.stats;
    let slow_lines = if area.height >= SLOWEST_FROM_HEIGHT && !s.time.slowest.is_empty() {
        s.time.slowest.len() as u16 + 2
    } else {
        0
    };
    let [top, summary, table, slowest, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(6),
        Constraint::Min(0),
        Constraint::Length(slow_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    header(&format!("Statistics · {}", ui.bank.title()), vec![], top, buf, t);
    footer(ui, &keys::footer(Page::Stats), bottom, buf);
    let readiness = match s.readiness {
        Some(r) => format!(
            "Pass mark {} · 90% interval · from {} questions, weighted by the blueprint",
            s.pass_mark, r.answers
        ),
        None => format!(
            "Readiness needs answers to {} different questions; {} to go",
            crate::stats::ready_after(&ui.bank),
            s.readiness_needs
        ),
    };
    let lines = vec![
        Line::styled(s.headline(), t.bold()),
        Line::styled(readiness, t.dim()),
        Line::from(format!(
            "Time per question: median {} · 90th percentile {} (last {} answers)",
            clock(s.time.median_secs),
            clock(s.time.p90_secs),
            s.window
        )),
        Line::from(vec![
            Span::styled(format!("{} sure but wrong", s.calibration.sure_wrong), t.bad()),
            Span::raw(" (misconceptions) · "),
            Span::styled(
                format!("{} unsure but right", s.calibration.unsure_right),
                t.warn(),
            ),
            Span::raw(" (lucky guesses)"),
        ]),
    ];
    let inner = summary.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    Paragraph::new(lines).render(inner, buf);

    let inner = table.inner(Margin {
        horizontal: 2,
        vertical: 0,
    });
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let name_width = usize::from(inner.width).saturating_sub(40).clamp(10, 70);
    Paragraph::new(Line::styled(
        format!(
            "  {:<8} {:<name_width$} {:>9}  {:>16}",
            "", "", "seen", "recent accuracy"
        ),
        t.bold(),
    ))
    .render(head, buf);
    let rows = v
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let part = v.part(row);
            let kind = match row.group {
                Group::Domain => "domain",
                Group::Pillar => "pillar",
                Group::Section => "section",
            };
            let accuracy = match part.answered {
                0 => "-".to_string(),
                n => format!("{:>3}% of {n}", (100 * part.correct + n / 2) / n),
            };
            let seen = format!("{}/{}", part.seen, part.total);
            Line::from(vec![
                Span::raw(if i == v.cursor { "› " } else { "  " }),
                Span::styled(format!("{kind:<8} "), t.dim()),
                Span::raw(fit(&part.name, name_width + 1)),
                Span::raw(format!("{seen:>9}  {accuracy:>16}")),
            ])
        })
        .collect();
    select_list(
        ui,
        rows,
        Some(v.cursor),
        true,
        follow(v.cursor, list.height),
        list,
        buf,
    );

    if slow_lines > 0 {
        let inner = slowest.inner(Margin {
            horizontal: 2,
            vertical: 0,
        });
        let mut lines = vec![Line::default(), Line::styled("Slowest questions", t.bold())];
        for q in &s.time.slowest {
            let text = format!("{:>6}  {}  {}", clock(q.seconds), q.id, q.gist);
            lines.push(Line::from(truncate(&text, usize::from(inner.width))));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

//! The drill picker: the practice set's filter, count and search above the list of topics, each with
//! how many of its questions they keep.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Ui;
use super::widgets::{fit, follow, footer, header, select_list};
use crate::app::keys::{self, Page};
use crate::app::picker::{DrillPicker, PickField, Topic};
use crate::study::Only;

pub fn render(ui: &Ui<'_>, picker: &DrillPicker, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let bank = &ui.bank;
    let [top, fields, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    header("Drill: choose a topic and a practice set", vec![], top, buf, t);
    footer(ui, &keys::footer(Page::Picker), bottom, buf);
    let style = |f: PickField| {
        if picker.focus == f {
            t.selected()
        } else {
            Style::default()
        }
    };
    let label = |f: PickField, text: &'static str| {
        Span::styled(
            format!("  {text:<8}"),
            if picker.focus == f { t.title() } else { t.dim() },
        )
    };
    let only: Vec<Span<'static>> = Only::ALL
        .iter()
        .flat_map(|o| {
            let name = format!(" {} ", o.name());
            let s = if *o == picker.only {
                style(PickField::Only).patch(t.bold())
            } else {
                t.dim()
            };
            [Span::styled(name, s), Span::raw(" ")]
        })
        .collect();
    let count = if picker.count.is_empty() && picker.focus != PickField::Count {
        "all".to_string()
    } else {
        picker.count.clone()
    };
    let lines = vec![
        Line::default(),
        Line::from([vec![label(PickField::Only, "Only")], only].concat()),
        Line::from(vec![
            label(PickField::Count, "Count"),
            Span::styled(format!("{count:<5}"), style(PickField::Count)),
            Span::styled("  empty: every question that matches", t.dim()),
        ]),
        Line::from(vec![
            label(PickField::Search, "Search"),
            Span::styled(fit(&picker.search, 24), style(PickField::Search)),
            Span::styled("  in prompts, options and whys", t.dim()),
        ]),
    ];
    Paragraph::new(lines).render(fields, buf);
    let inner = body.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    let name_width = usize::from(inner.width).saturating_sub(26).clamp(10, 60);
    let rows = picker
        .topics
        .iter()
        .enumerate()
        .map(|(i, (topic, n))| {
            let (kind, name) = match topic {
                Topic::All => ("all    ", "Every question".to_string()),
                Topic::Pillar(p) => ("pillar ", bank.pillars[*p].name.clone()),
                Topic::Section(s) => ("section", bank.notes.headings[*s].title.clone()),
            };
            let count = Span::styled(
                format!("{n:>4} questions"),
                if *n == 0 { t.dim() } else { Style::default() },
            );
            Line::from(vec![
                Span::raw(if i == picker.cursor { "› " } else { "  " }),
                Span::styled(format!("{kind}  "), t.dim()),
                Span::raw(fit(&name, name_width)),
                count,
            ])
        })
        .collect();
    let focused = picker.focus == PickField::Topics;
    let cursor = focused.then_some(picker.cursor);
    select_list(
        ui,
        rows,
        cursor,
        true,
        follow(picker.cursor, inner.height),
        inner,
        buf,
    );
}

//! Home menu, custom-exam form and practice-test list views.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::Ui;
use super::strings;
use super::widgets::{centered, choices, dialog, follow, footer, header, select_list};
use crate::app::Hit;
use crate::app::home::{CustomForm, Field, HomeAction, entries};
use crate::app::keys::{self, Page};
use crate::app::practice::PracticeList;

/// A menu entry with its shortcut letter highlighted where it first appears in the label.
fn menu_line(ui: &Ui<'_>, key: char, label: &str, selected: bool, extra: &str) -> Line<'static> {
    let t = ui.theme;
    let pointer = if selected { "› " } else { "  " };
    let mut spans = vec![Span::raw(pointer)];
    let at = label.to_lowercase().find(key);
    match at {
        Some(i) => {
            let next = i + label[i..].chars().next().map_or(1, char::len_utf8);
            spans.push(Span::raw(label[..i].to_string()));
            spans.push(Span::styled(
                label[i..next].to_string(),
                t.key().patch(Style::new().underlined()),
            ));
            spans.push(Span::raw(label[next..].to_string()));
        }
        None => spans.push(Span::raw(format!("{label} ({key})"))),
    }
    spans.push(Span::styled(extra.to_string(), t.dim()));
    let line = Line::from(spans);
    if selected { line.style(t.selected()) } else { line }
}

pub fn render(ui: &Ui<'_>, area: Rect, buf: &mut Buffer) {
    let Some(crate::app::Screen::Home(home)) = ui.stack.last() else {
        return;
    };
    let t = ui.theme;
    let bank = &ui.bank;
    let list = entries(&home.info, bank);
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    header(
        &format!("Proctor · {} ({})", bank.name, bank.code),
        vec![],
        top,
        buf,
        t,
    );
    footer(ui, &keys::footer(Page::Home), bottom, buf);
    let readiness = home.info.readiness.iter().count() as u16;
    let rect = centered(body, 64, list.len() as u16 + 10 + readiness);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", bank.code), t.title()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let sections = bank.notes.sections().count();
    let mut lines = vec![
        Line::styled(bank.name.clone(), t.bold()),
        Line::styled(
            format!(
                "{} questions · {} pillars · {sections} sections",
                bank.questions.len(),
                bank.pillars.len()
            ),
            t.dim(),
        ),
    ];
    if let Some(line) = &home.info.readiness {
        lines.push(Line::styled(line.clone(), t.key()));
    }
    lines.push(Line::default());
    let first_item = lines.len();
    for (i, e) in list.iter().enumerate() {
        lines.push(menu_line(ui, e.key, e.label, home.cursor == i, &e.note));
    }
    lines.push(Line::default());
    if let Some(last) = &home.info.last {
        let verdict = if last.passed == Some(true) { "PASS" } else { "FAIL" };
        lines.push(Line::from(vec![
            Span::raw("Last exam: "),
            Span::styled(
                verdict,
                if last.passed == Some(true) {
                    t.good()
                } else {
                    t.bad()
                },
            ),
            Span::raw(format!(
                " {} · {}/{} · {}",
                last.scaled.unwrap_or(0),
                last.correct.unwrap_or(0),
                last.questions,
                last.started_at.get(..10).unwrap_or(&last.started_at)
            )),
        ]));
    }
    if let Some(w) = &home.info.warning {
        lines.push(Line::styled(format!("⚠ {w}"), t.warn()));
    }
    let inner = inner.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    let mut hits = ui.hits.borrow_mut();
    for i in 0..list.len() {
        let y = inner.y + (first_item + i) as u16;
        if y < inner.bottom() {
            hits.push((
                Rect {
                    x: inner.x,
                    y,
                    width: inner.width,
                    height: 1,
                },
                Hit::Item(i),
            ));
        }
    }
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .render(inner, buf);
    if let Some(action) = home.confirm {
        let title = match action {
            HomeAction::Abandon => "Abandon the unfinished exam?",
            _ => "Start a new exam?",
        };
        let lines = vec![
            Line::from(strings::ABANDON_EXAM),
            Line::default(),
            choices(t, &[("y", "go ahead"), ("n/Esc", "keep the unfinished exam")]),
        ];
        drop(hits);
        dialog(body, buf, title, lines, t);
    }
}

pub fn render_form(ui: &Ui<'_>, form: &CustomForm, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let bank = &ui.bank;
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    header("Custom exam", vec![], top, buf, t);
    footer(ui, &keys::footer(Page::Form), bottom, buf);
    let [fields, lists] = Layout::vertical([Constraint::Length(5), Constraint::Min(0)]).areas(body);
    let focus = |f: Field| {
        if form.focus == f {
            t.selected()
        } else {
            Style::default()
        }
    };
    let minutes_shown = if form.minutes.is_empty() {
        format!("{} (the bank's pace)", form.minutes_for(bank))
    } else {
        form.minutes.clone()
    };
    let lines = vec![
        Line::default(),
        Line::from(vec![
            Span::raw("  Questions: "),
            Span::styled(format!("{:<5}", form.questions), focus(Field::Questions)),
            Span::styled(
                match form.questions.parse::<usize>() {
                    Ok(n) if n > form.available(bank) => {
                        format!(
                            " only {} match the choices below; the exam takes {}",
                            form.available(bank),
                            form.drawn(bank)
                        )
                    }
                    _ => String::new(),
                },
                t.warn(),
            ),
        ]),
        Line::from(vec![
            Span::raw("  Minutes:   "),
            Span::styled(format!("{minutes_shown:<5}"), focus(Field::Minutes)),
        ]),
        Line::styled("  No pillar or section ticked means all of them.", t.dim()),
    ];
    Paragraph::new(lines).render(fields, buf);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(lists);
    let pillars: Vec<(String, bool)> = bank
        .pillars
        .iter()
        .zip(&form.pillars)
        .map(|(p, on)| (p.name.clone(), *on))
        .collect();
    checklist(
        ui,
        "Pillars",
        &pillars,
        form.pillar_cursor,
        form.focus == Field::Pillars,
        left,
        buf,
    );
    let sections: Vec<(String, bool)> = form
        .sections
        .iter()
        .map(|(s, on)| (bank.notes.headings[*s].title.clone(), *on))
        .collect();
    checklist(
        ui,
        "Sections",
        &sections,
        form.section_cursor,
        form.focus == Field::Sections,
        right,
        buf,
    );
}

fn checklist(
    ui: &Ui<'_>,
    title: &str,
    items: &[(String, bool)],
    cursor: usize,
    focused: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = ui.theme;
    let title_style = if focused { t.title() } else { t.dim() };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), title_style));
    let inner = block.inner(area);
    block.render(area, buf);
    if items.is_empty() {
        Paragraph::new(Line::styled(" None in this bank", t.dim())).render(inner, buf);
        return;
    }
    let lines = items
        .iter()
        .map(|(name, on)| Line::from(format!("{} {name}", if *on { "[x]" } else { "[ ]" })))
        .collect();
    // Two checklists share the form and it takes no clicks, so no mouse targets.
    select_list(
        ui,
        lines,
        focused.then_some(cursor),
        false,
        follow(cursor, inner.height),
        inner,
        buf,
    );
}

/// A menu screen: a title, one row per entry with the cursor's row highlighted, the menu footer.
fn menu_screen(
    ui: &Ui<'_>,
    page: Page,
    title: &str,
    lines: Vec<Line<'static>>,
    cursor: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    header(title, vec![], top, buf, ui.theme);
    footer(ui, &keys::footer(page), bottom, buf);
    let inner = body.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    let offset = follow(cursor, inner.height);
    select_list(ui, lines, Some(cursor), true, offset, inner, buf);
}

pub fn render_practice(ui: &Ui<'_>, list: &PracticeList, area: Rect, buf: &mut Buffer) {
    let t = ui.theme;
    let bank = &ui.bank;
    let lines = list
        .best
        .iter()
        .enumerate()
        .map(|(i, best)| {
            let result = match best {
                Some(s) if *s >= bank.pass_mark => Span::styled(format!("best {s:>4} PASS"), t.good()),
                Some(s) => Span::styled(format!("best {s:>4} FAIL"), t.bad()),
                None => Span::styled("not taken yet".to_string(), t.dim()),
            };
            Line::from(vec![
                Span::raw(if i == list.cursor { "› " } else { "  " }),
                Span::raw(format!("Practice test {:<4}", i + 1)),
                Span::styled(
                    format!("{} q / {} min   ", bank.exam_questions, bank.exam_minutes),
                    t.dim(),
                ),
                result,
            ])
        })
        .collect();
    menu_screen(
        ui,
        Page::Practice,
        "Practice tests: fixed, on the exam's blueprint",
        lines,
        list.cursor,
        area,
        buf,
    );
}

//! Pieces shared by several screens: the question with its options, the notes pane, dialogs, the
//! help overlay and the footer.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::Ui;
use super::markdown::{Rendered, render};
use super::theme::Theme;
use super::wrap::wrap_hanging;
use crate::app::Hit;
use crate::app::review::NotesPane;
use crate::bank::Bank;
use crate::bank::letter;
use crate::exam::Item;

/// Rendered notes sections by (section heading, width), so scrolling and redraws do not re-parse.
#[derive(Default)]
pub struct NotesCache(RefCell<HashMap<(usize, u16), Rc<Rendered>>>);

impl NotesCache {
    pub fn get(&self, bank: &Bank, section: usize, width: u16, theme: Theme) -> Rc<Rendered> {
        let mut map = self.0.borrow_mut();
        Rc::clone(map.entry((section, width)).or_insert_with(|| {
            let h = &bank.notes.headings[section];
            Rc::new(render(bank.notes.text(section), h.start, width, theme))
        }))
    }
}

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The widest a question and its options are set, in columns.
const MEASURE: usize = 100;

/// How an option is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// While answering: only the choice.
    Hidden,
    /// After answering: correct set and the user's mistakes marked with symbols, plus every `why`.
    Shown,
}

/// The prompt, "Select TWO." and the options of a question, wrapped to `width`. Returns the lines and,
/// per shown option, its first and last line.
pub fn question_lines(
    bank: &Bank,
    item: &Item,
    chosen: &[usize],
    cursor: Option<usize>,
    reveal: Reveal,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let q = &bank.questions[item.question];
    // A readable measure on wide terminals: lines much longer than this are hard to follow.
    let width = width.min(MEASURE);
    // Prompts are Markdown: code blocks keep their lines, inline code and emphasis are styled.
    let mut lines = super::markdown::render(q.prompt.trim(), 0, width as u16, theme).lines;
    lines.push(Line::default());
    if let Some(hint) = q.select_hint() {
        lines.push(Line::styled(hint, theme.warn()));
        lines.push(Line::default());
    }
    let multi = q.is_multi();
    let mut ranges = Vec::new();
    for (pos, &o) in item.order.iter().enumerate() {
        let option = &q.options[o];
        let picked = chosen.contains(&o);
        let boxed = match (multi, picked) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let pointer = if cursor == Some(pos) { "›" } else { " " };
        let (mark, mark_style) = match reveal {
            Reveal::Hidden => ("", Style::default()),
            Reveal::Shown if option.correct => ("✓ ", theme.good()),
            Reveal::Shown if picked => ("✗ ", theme.bad()),
            Reveal::Shown => ("  ", Style::default()),
        };
        let text_style = if cursor == Some(pos) {
            theme.selected()
        } else {
            Style::default()
        };
        let prefix = vec![
            Span::raw(format!("{pointer}{boxed} ")),
            Span::styled(mark, mark_style),
            Span::styled(format!("{}. ", letter(pos)), theme.key()),
        ];
        let start = lines.len();
        lines.extend(wrap_hanging(
            prefix,
            &super::markdown::inline(option.text.trim(), text_style, theme),
            width,
        ));
        if reveal == Reveal::Shown {
            let why = super::markdown::inline(option.why.trim(), theme.dim(), theme);
            lines.extend(wrap_hanging(vec![Span::raw(" ".repeat(10))], &why, width));
        }
        ranges.push((start, lines.len() - 1));
    }
    (lines, ranges)
}

/// Draw lines into `area` starting at line `offset`, recording option hit boxes for the mouse.
pub fn draw_lines(
    ui: &Ui<'_>,
    lines: &[Line<'static>],
    ranges: &[(usize, usize)],
    offset: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let visible: Vec<Line<'static>> = lines
        .iter()
        .skip(offset)
        .take(area.height as usize)
        .cloned()
        .collect();
    Paragraph::new(visible).render(area, buf);
    scroll_marks(area, buf, offset, lines.len());
    let mut hits = ui.hits.borrow_mut();
    for (k, &(start, end)) in ranges.iter().enumerate() {
        let (top, bottom) = (start.max(offset), end.min(offset + area.height as usize - 1));
        if top <= bottom && end >= offset {
            let rect = Rect {
                x: area.x,
                y: area.y + (top - offset) as u16,
                width: area.width,
                height: (bottom - top + 1) as u16,
            };
            hits.push((rect, Hit::Item(k)));
        }
    }
}

/// A scrollbar on the right edge of `area` when `total` lines do not fit, so a pane that cuts its
/// content always shows that it does (and where the view is).
pub fn scroll_marks(area: Rect, buf: &mut Buffer, offset: usize, total: usize) {
    let visible = usize::from(area.height);
    if total <= visible || area.height < 2 {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(visible))
        .position(offset.min(total - visible))
        .viewport_content_length(visible);
    Scrollbar::new(ScrollbarOrientation::VerticalRight).render(area, buf, &mut state);
}

/// The first line to show so the option under the cursor is visible.
pub fn offset_for(ranges: &[(usize, usize)], cursor: usize, height: usize) -> usize {
    ranges
        .get(cursor)
        .map_or(0, |&(_, end)| (end + 1).saturating_sub(height))
}

/// The notes section holding the pane's current ref, scrolled to that heading.
pub fn notes_pane(ui: &Ui<'_>, pane: &NotesPane, area: Rect, buf: &mut Buffer) {
    let theme = ui.theme;
    let bank = &ui.bank;
    let title = match pane.anchor() {
        Some(a) => {
            // Cut the heading, never the count or the border.
            let count = format!(" ({}/{}) ", pane.current + 1, pane.anchors.len());
            let room = usize::from(area.width.saturating_sub(4)).saturating_sub(count.len() + 8);
            format!(" Notes: {}{count}", truncate(&bank.notes.headings[a].title, room))
        }
        None => " Notes ".into(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    ui.hits.borrow_mut().push((inner, Hit::NotesPane));
    let Some(anchor) = pane.anchor() else {
        return;
    };
    let section = bank.notes.section_of(anchor);
    let rendered = ui.cache.get(bank, section, inner.width, theme);
    let target = rendered.line_of(bank.notes.headings[anchor].start) as i64;
    let max = rendered.lines.len().saturating_sub(1) as i64;
    let first = (target + i64::from(pane.scroll)).clamp(0, max.max(0)) as usize;
    let visible: Vec<Line<'static>> = rendered
        .lines
        .iter()
        .skip(first)
        .take(inner.height as usize)
        .map(|l| highlight(l, &pane.highlight, theme))
        .collect();
    Paragraph::new(visible).render(inner, buf);
    scroll_marks(inner, buf, first, rendered.lines.len());
}

/// A line with every occurrence of `needle` (ignoring ASCII case) set in the selection style.
fn highlight(line: &Line<'static>, needle: &str, theme: Theme) -> Line<'static> {
    if needle.is_empty() {
        return line.clone();
    }
    let needle = needle.to_ascii_lowercase();
    let mut spans = Vec::new();
    for span in &line.spans {
        let text = span.content.as_ref();
        // ASCII lowercasing keeps byte offsets, so matches index the original text.
        let lower = text.to_ascii_lowercase();
        let mut at = 0;
        while let Some(found) = lower[at..].find(&needle) {
            let (start, end) = (at + found, at + found + needle.len());
            if start > at {
                spans.push(Span::styled(text[at..start].to_string(), span.style));
            }
            spans.push(Span::styled(
                text[start..end].to_string(),
                span.style.patch(theme.selected()),
            ));
            at = end;
        }
        if at < text.len() {
            spans.push(Span::styled(text[at..].to_string(), span.style));
        }
    }
    Line::from(spans)
}

/// A bordered box in the middle of `area` with `lines` in it.
pub fn dialog(area: Rect, buf: &mut Buffer, title: &str, lines: Vec<Line<'static>>, theme: Theme) {
    dialog_sized(area, buf, title, lines, 64, theme);
}

/// A dialog at most `max_width` wide (and never wider than `area`); lines wider than it wrap, and
/// lines beyond the area's height are cut with a scrollbar.
fn dialog_sized(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'static>>,
    max_width: u16,
    theme: Theme,
) {
    let width = (area.width.saturating_sub(4)).min(max_width);
    let mut wrapped = Vec::new();
    for line in lines {
        if line.width() <= usize::from(width.saturating_sub(4)) {
            wrapped.push(line);
        } else {
            wrapped.extend(super::wrap::wrap(
                &line.spans,
                usize::from(width.saturating_sub(4)),
            ));
        }
    }
    let total = wrapped.len();
    let rect = centered(area, width, u16::try_from(total + 2).unwrap_or(u16::MAX));
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title()))
        .style(Style::default());
    let inner = block.inner(rect).inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    });
    block.render(rect, buf);
    Paragraph::new(wrapped).render(inner, buf);
    scroll_marks(inner, buf, 0, total);
}

/// The answers of a dialog: "y/Enter submit   n/Esc keep going".
pub fn choices(theme: Theme, keys: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, what)) in keys.iter().enumerate() {
        let gap = if i + 1 < keys.len() { "   " } else { "" };
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {what}{gap}")));
    }
    Line::from(spans)
}

/// The keys of a screen in two aligned columns, sized to its content and the terminal: the key
/// column as wide as its widest key (a longer key gets a line of its own), and each description
/// wrapped inside its column.
pub fn help_overlay(area: Rect, buf: &mut Buffer, keys: &[(&str, &str)], theme: Theme) {
    use unicode_width::UnicodeWidthStr;
    let room = usize::from(area.width.saturating_sub(8)).max(20);
    let key_col = keys
        .iter()
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        .min(room / 3)
        + 2;
    let text = keys.iter().map(|(_, w)| w.width()).max().unwrap_or(0);
    let inner = (key_col + text).clamp(24, room);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (k, what) in keys {
        let body = [Span::raw(what.to_string())];
        if k.width() + 2 > key_col {
            lines.push(Line::styled(k.to_string(), theme.key()));
            lines.extend(wrap_hanging(vec![Span::raw(" ".repeat(key_col))], &body, inner));
        } else {
            let key = format!("{k}{}", " ".repeat(key_col - k.width()));
            lines.extend(wrap_hanging(vec![Span::styled(key, theme.key())], &body, inner));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Press ? or Esc to close", theme.dim()));
    dialog_sized(
        area,
        buf,
        "Keys",
        lines,
        u16::try_from(inner + 4).unwrap_or(u16::MAX),
        theme,
    );
}

/// The bottom line: the status message when there is one, else the key hints.
pub fn footer(ui: &Ui<'_>, hints: &str, area: Rect, buf: &mut Buffer) {
    let room = usize::from(area.width.saturating_sub(1));
    let line = match &ui.status {
        Some(s) => Line::styled(format!(" {}", truncate(s, room)), ui.theme.warn()),
        None => Line::styled(format!(" {}", fit_hints(hints, room)), ui.theme.dim()),
    };
    Paragraph::new(line).render(area, buf);
}

/// Key hints that fit `width`: hints are listed most useful first, so the ones just before the last
/// two (`? help` and `q ...`, which always stay) are dropped first; an ellipsis rather than a collision
/// if even that is too long.
pub fn fit_hints(hints: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut parts: Vec<&str> = hints.split(" · ").collect();
    while parts.join(" · ").width() > width && parts.len() > 2 {
        parts.remove(parts.len() - 3);
    }
    truncate(&parts.join(" · "), width)
}

/// A one-line header: left text, right text, reversed.
pub fn header(left: &str, right: Vec<Span<'static>>, area: Rect, buf: &mut Buffer, theme: Theme) {
    buf.set_style(area, theme.header());
    let right_width: usize = right.iter().map(|s| s.width()).sum();
    let room = usize::from(area.width).saturating_sub(right_width + 2);
    let left: String = truncate(left, room);
    Paragraph::new(Line::from(Span::raw(format!(" {left}"))))
        .style(theme.header())
        .render(area, buf);
    let x = area.x + area.width.saturating_sub(right_width as u16 + 1);
    let rect = Rect {
        x,
        y: area.y,
        width: (right_width as u16).min(area.width),
        height: 1,
    };
    Paragraph::new(Line::from(right))
        .style(theme.header())
        .render(rect, buf);
}

/// Cut text to `width` columns with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` cut to `width` columns and padded with spaces to exactly that many (wide characters count
/// two, so columns line up after them).
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let cut = truncate(text, width);
    let pad = width.saturating_sub(cut.width());
    cut + &" ".repeat(pad)
}

/// `h:mm:ss` or `m:ss`.
pub use crate::format::clock;

/// One-line rows from `offset` on, the `highlight` row reversed; clickable lists record each row as
/// a mouse target.
pub fn select_list(
    ui: &Ui<'_>,
    rows: Vec<Line<'static>>,
    highlight: Option<usize>,
    clickable: bool,
    offset: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let total = rows.len();
    let mut hits = ui.hits.borrow_mut();
    let lines: Vec<Line<'static>> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(area.height as usize)
        .map(|(i, line)| {
            if clickable {
                hits.push((
                    Rect {
                        y: area.y + (i - offset) as u16,
                        height: 1,
                        ..area
                    },
                    Hit::Item(i),
                ));
            }
            if highlight == Some(i) {
                line.style(ui.theme.selected())
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
    scroll_marks(area, buf, offset, total);
}

/// The first row to show so the cursor stays on screen.
pub fn follow(cursor: usize, height: u16) -> usize {
    (cursor + 1).saturating_sub(usize::from(height))
}

#[cfg(test)]
mod tests {
    use super::fit_hints;

    #[test]
    fn hints_drop_the_least_useful_first_and_never_collide() {
        let hints = "a-f choose · n/p next/prev · m mark · g grid · s submit · ? help · q leave";
        assert_eq!(fit_hints(hints, 80), hints);
        assert_eq!(
            fit_hints(hints, 54),
            "a-f choose · n/p next/prev · m mark · ? help · q leave"
        );
        assert_eq!(fit_hints(hints, 20), "? help · q leave");
        assert_eq!(fit_hints(hints, 10), "? help · …");
    }
}

//! Study notes rendered from Markdown to terminal lines: headings, paragraphs, lists, emphasis, code
//! and tables, wrapped to a width. Each heading's line is recorded so a pane can scroll to it.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::wrap::{wrap, wrap_hanging};

#[derive(Debug, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// (byte offset of a heading in the notes source, its first line here).
    pub anchors: Vec<(usize, usize)>,
}

impl Rendered {
    /// Line where the heading starting at byte `offset` begins (0 when it is not in this text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.anchors
            .iter()
            .find(|(o, _)| *o == offset)
            .map_or(0, |(_, l)| *l)
    }
}

struct Renderer {
    theme: Theme,
    width: usize,
    out: Rendered,
    spans: Vec<Span<'static>>,
    styles: Vec<Style>,
    /// Open lists: the next number for ordered ones.
    lists: Vec<Option<u64>>,
    /// Prefix for the next flushed block (a list bullet), then the indent for its continuation.
    item_prefix: Option<String>,
    heading: Option<(u8, usize)>,
    quote: usize,
    code: Option<Vec<String>>,
    table: Option<Vec<Vec<String>>>,
}

impl Renderer {
    fn style(&self) -> Style {
        self.styles.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, style: Style) {
        let merged = self.style().patch(style);
        self.styles.push(merged);
    }

    fn blank(&mut self) {
        if self.out.lines.last().is_some_and(|l| l.width() > 0) {
            self.out.lines.push(Line::default());
        }
    }

    fn indent(&self) -> String {
        "  ".repeat(self.lists.len().saturating_sub(1)) + &"│ ".repeat(self.quote)
    }

    /// Emit the collected inline text as a wrapped block.
    fn flush(&mut self) {
        let spans = std::mem::take(&mut self.spans);
        let indent = self.indent();
        let prefix = match self.item_prefix.take() {
            Some(bullet) => format!("{indent}{bullet}"),
            None if !self.lists.is_empty() => format!("{indent}  "),
            None => indent,
        };
        if spans.iter().all(|s| s.content.trim().is_empty()) {
            return;
        }
        let lines = if prefix.is_empty() {
            wrap(&spans, self.width)
        } else {
            wrap_hanging(vec![Span::raw(prefix)], &spans, self.width)
        };
        self.out.lines.extend(lines);
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        let t = self.theme;
        if let Some(rows) = &mut self.table {
            match event {
                Event::Start(Tag::TableRow | Tag::TableHead) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    rows.last_mut().into_iter().for_each(|r| r.push(String::new()))
                }
                Event::Text(s) | Event::Code(s) => {
                    if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                        cell.push_str(&s);
                    }
                }
                Event::End(TagEnd::Table) => {
                    let rows = self.table.take().unwrap_or_default();
                    self.table_lines(rows);
                }
                _ => {}
            }
            return;
        }
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(s) => code.extend(s.lines().map(str::to_string)),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code.take().unwrap_or_default();
                    let indent = self.indent() + "  ";
                    // Code keeps its lines and indentation and is never reflowed: a line wider than
                    // the pane is cut, with a marker saying so.
                    let room = self.width.saturating_sub(indent.width());
                    for l in code {
                        let l = l.replace('\t', "    ");
                        let shown = if l.width() > room {
                            let mut cut = String::new();
                            for c in l.chars() {
                                if cut.width() + c.to_string().width() >= room {
                                    break;
                                }
                                cut.push(c);
                            }
                            vec![Span::styled(cut, t.code()), Span::styled("›", t.warn())]
                        } else {
                            vec![Span::styled(l, t.code())]
                        };
                        let mut spans = vec![Span::raw(indent.clone())];
                        spans.extend(shown);
                        self.out.lines.push(Line::from(spans));
                    }
                    self.out.lines.push(Line::default());
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                self.blank();
                self.heading = Some((level, offset));
                self.push_style(t.heading());
            }
            Event::End(TagEnd::Heading(_)) => {
                self.styles.pop();
                let Some((level, start)) = self.heading.take() else {
                    return;
                };
                let marker = match level {
                    1 => "",
                    2 => "■ ",
                    3 => "▸ ",
                    _ => "· ",
                };
                let spans = std::mem::take(&mut self.spans);
                self.out.anchors.push((start, self.out.lines.len()));
                let lines = wrap_hanging(vec![Span::styled(marker, t.heading())], &spans, self.width);
                self.out.lines.extend(lines);
                if level <= 2 {
                    let w = self.out.lines.last().map_or(0, Line::width).min(self.width);
                    self.out.lines.push(Line::styled("─".repeat(w), t.dim()));
                }
                self.out.lines.push(Line::default());
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                self.flush();
                if self.lists.is_empty() {
                    self.out.lines.push(Line::default());
                }
            }
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.out.lines.push(Line::default());
                }
            }
            Event::Start(Tag::Item) => {
                self.flush();
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.item_prefix = Some(bullet);
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::BlockQuote(_)) => self.quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            Event::Start(Tag::Strong) => self.push_style(t.bold()),
            Event::Start(Tag::Emphasis) => self.push_style(t.italic()),
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                self.styles.pop();
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush();
                self.code = Some(Vec::new());
            }
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.table = Some(Vec::new());
            }
            Event::Text(s) => self.spans.push(Span::styled(s.into_string(), self.style())),
            Event::Code(s) => self
                .spans
                .push(Span::styled(s.into_string(), self.style().patch(t.code()))),
            Event::SoftBreak => self.spans.push(Span::styled(" ", self.style())),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                self.out.lines.push(Line::styled("─".repeat(self.width), t.dim()));
            }
            _ => {}
        }
    }

    /// A table as an aligned grid when it fits, else one record per row ("Header: value").
    fn table_lines(&mut self, rows: Vec<Vec<String>>) {
        let t = self.theme;
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.trim().width());
            }
        }
        let total = widths.iter().sum::<usize>() + 3 * columns.saturating_sub(1);
        if total <= self.width {
            for (r, row) in rows.iter().enumerate() {
                let mut spans = Vec::new();
                for (i, w) in widths.iter().enumerate() {
                    let cell = row.get(i).map_or("", |c| c.trim());
                    if i > 0 {
                        spans.push(Span::styled(" │ ", t.dim()));
                    }
                    // The last column needs no padding.
                    let pad = if i + 1 == columns { 0 } else { w - cell.width() };
                    let style = if r == 0 { t.bold() } else { Style::default() };
                    spans.push(Span::styled(format!("{cell}{}", " ".repeat(pad)), style));
                }
                self.out.lines.push(Line::from(spans));
                if r == 0 {
                    self.out.lines.push(Line::styled("─".repeat(total), t.dim()));
                }
            }
        } else {
            // Too wide: one record per row, labelled by its own first cell, then "Header: value".
            let header = rows.first().cloned().unwrap_or_default();
            for row in rows.iter().skip(1) {
                for (i, cell) in row.iter().enumerate() {
                    let name = header.get(i).map_or("", |h| h.trim());
                    let body = if i == 0 {
                        vec![Span::styled(cell.trim().to_string(), t.bold())]
                    } else if name.is_empty() {
                        vec![Span::raw(cell.trim().to_string())]
                    } else {
                        vec![
                            Span::styled(format!("{name}: "), t.bold()),
                            Span::raw(cell.trim().to_string()),
                        ]
                    };
                    let prefix = if i == 0 { "• " } else { "  " };
                    let lines = wrap_hanging(vec![Span::raw(prefix)], &body, self.width);
                    self.out.lines.extend(lines);
                }
            }
        }
        self.out.lines.push(Line::default());
    }
}

/// Inline Markdown (code, emphasis, strong) of one short text, such as an option or a `why`, as spans
/// in `base` style; paragraphs run together.
pub fn inline(text: &str, base: Style, theme: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut styles = vec![base];
    for event in Parser::new(text) {
        let style = *styles.last().unwrap_or(&base);
        match event {
            Event::Text(s) => spans.push(Span::styled(s.into_string(), style)),
            Event::Code(s) => spans.push(Span::styled(s.into_string(), style.patch(theme.code()))),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                spans.push(Span::styled(" ", style))
            }
            Event::Start(Tag::Strong) => styles.push(style.patch(theme.bold())),
            Event::Start(Tag::Emphasis) => styles.push(style.patch(theme.italic())),
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                styles.pop();
            }
            _ => {}
        }
    }
    while spans.last().is_some_and(|s| s.content == " ") {
        spans.pop();
    }
    spans
}

/// Render `text` (which starts at byte `base` of the notes) at `width` columns.
pub fn render(text: &str, base: usize, width: u16, theme: Theme) -> Rendered {
    let mut r = Renderer {
        theme,
        width: usize::from(width).max(10),
        out: Rendered::default(),
        spans: Vec::new(),
        styles: Vec::new(),
        lists: Vec::new(),
        item_prefix: None,
        heading: None,
        quote: 0,
        code: None,
        table: None,
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        r.event(event, base + range.start);
    }
    r.flush();
    while r.out.lines.last().is_some_and(|l| l.width() == 0) {
        r.out.lines.pop();
    }
    r.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(r: &Rendered) -> Vec<String> {
        r.lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn renders_headings_lists_code_and_tables() {
        let md = "## S3\n\nSome **bold** and `code`.\n\n### Classes\n\n- one\n- two\n  1. nested\n\n| Class | AZs |\n|---|---|\n| Standard | 3 |\n\n```\nlet x = 1;\n```\n";
        let r = render(md, 100, 40, Theme::no_color());
        assert_eq!(
            plain(&r),
            [
                "■ S3",
                "────",
                "",
                "Some bold and code.",
                "",
                "▸ Classes",
                "",
                "• one",
                "• two",
                "  1. nested",
                "",
                "Class    │ AZs",
                "──────────────",
                "Standard │ 3",
                "",
                "  let x = 1;",
            ]
        );
        assert_eq!(r.line_of(100), 0);
        assert_eq!(r.line_of(100 + md.find("### Classes").unwrap()), 5);
    }

    #[test]
    fn wide_tables_become_records() {
        let md = "| Name | Description |\n|---|---|\n| gp3 | general purpose SSD with a baseline |\n";
        let r = render(md, 0, 20, Theme::no_color());
        assert_eq!(plain(&r)[0], "• gp3");
        assert!(plain(&r)[1].starts_with("  Description:"));
        // A first header cell left empty no longer gives "• : Management".
        let md = "| | Pillar |\n|---|---|\n| Ops | Management |\n| Sec | Identity and access control |\n";
        let r = render(md, 0, 22, Theme::no_color());
        assert_eq!(plain(&r)[..2], ["• Ops", "  Pillar: Management"]);
    }

    #[test]
    fn code_keeps_its_lines_and_a_wide_line_is_cut_with_a_marker() {
        let md = "Apply this:\n\n```yaml\nspec:\n  replicas: 3\n  image: registry.example.com/team/app:1.2.3\n```\n";
        let r = render(md, 0, 24, Theme::no_color());
        let lines = plain(&r);
        assert_eq!(lines[2], "  spec:");
        assert_eq!(lines[3], "    replicas: 3");
        assert_eq!(lines[4].chars().count(), 24, "{:?}", lines[4]);
        assert!(lines[4].ends_with('›'), "{:?}", lines[4]);
    }
}

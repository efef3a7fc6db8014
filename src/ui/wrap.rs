//! Word wrapping of styled text by display width (unicode-width), so wide CJK characters take two
//! columns and combining marks none.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wrap styled spans into lines at most `width` columns wide. Spaces at a break are dropped; words
/// longer than a line are split between characters.
pub fn wrap(spans: &[Span<'_>], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // Words with their style; a word carries the whitespace that preceded it.
    let mut words: Vec<(String, Style, bool)> = Vec::new();
    for span in spans {
        let mut space_before = false;
        for piece in span.content.split_inclusive(char::is_whitespace) {
            let word = piece.trim_end_matches(char::is_whitespace);
            if !word.is_empty() {
                words.push((word.to_string(), span.style, space_before));
            }
            space_before = piece.len() != word.len();
            if space_before {
                // A space ends the word; the next word (even in the next span) starts after a gap.
                words.push((String::new(), span.style, true));
            }
        }
    }
    let mut pending_space = false;
    for (word, style, space) in words {
        if word.is_empty() {
            pending_space |= space;
            continue;
        }
        let w = word.width();
        let gap = usize::from(pending_space && used > 0);
        if used > 0 && used + gap + w > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        } else if gap == 1 {
            line.push(Span::styled(" ", style));
            used += 1;
        }
        pending_space = false;
        if w <= width - used {
            line.push(Span::styled(word, style));
            used += w;
            continue;
        }
        // Longer than a line: break between characters.
        let mut chunk = String::new();
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > 0 {
                line.push(Span::styled(std::mem::take(&mut chunk), style));
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            chunk.push(c);
            used += cw;
        }
        line.push(Span::styled(chunk, style));
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Wrap with a first-line prefix and a hanging indent of the prefix's width for the rest.
pub fn wrap_hanging(prefix: Vec<Span<'static>>, body: &[Span<'_>], width: usize) -> Vec<Line<'static>> {
    let indent: usize = prefix.iter().map(|s| s.content.width()).sum();
    let mut out = Vec::new();
    for (i, line) in wrap(body, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
    {
        let mut spans = if i == 0 {
            prefix.clone()
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_on_words_by_display_width() {
        let lines = wrap(&[Span::raw("the quick brown fox")], 10);
        assert_eq!(texts(&lines), ["the quick", "brown fox"]);
        // Each CJK character is two columns wide.
        let lines = wrap(&[Span::raw("日本語の 問題文です")], 8);
        assert_eq!(texts(&lines), ["日本語の", "問題文で", "す"]);
        // Combining marks take no width: "é" written as e + U+0301 fits in 4 columns four times.
        let lines = wrap(&[Span::raw("e\u{301}e\u{301}e\u{301}e\u{301} x")], 4);
        assert_eq!(texts(&lines), ["e\u{301}e\u{301}e\u{301}e\u{301}", "x"]);
    }

    #[test]
    fn keeps_styles_and_gaps_across_spans() {
        let lines = wrap(&[Span::raw("use "), Span::raw("gp3"), Span::raw(" now")], 40);
        assert_eq!(texts(&lines), ["use gp3 now"]);
        let lines = wrap(&[Span::raw("no"), Span::raw("gap")], 40);
        assert_eq!(texts(&lines), ["nogap"]);
    }

    #[test]
    fn hanging_indent_aligns_continuations() {
        let lines = wrap_hanging(vec![Span::raw("A. ")], &[Span::raw("one two three")], 10);
        assert_eq!(texts(&lines), ["A. one two", "   three"]);
    }
}

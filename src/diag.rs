//! Diagnostics in rustc's short style: `path:line:col: error: message`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub pos: Option<(usize, usize)>,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.pos {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {kind}: {}", self.file, self.message),
            None => write!(f, "{}: {kind}: {}", self.file, self.message),
        }
    }
}

/// Maps byte offsets of one file to 1-based line:column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub fn pos(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, col)
    }
}

/// Line and column of a byte offset in raw bytes that may not be UTF-8 (columns count bytes).
pub fn byte_pos(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_chars() {
        let idx = LineIndex::new("ab\nçd = 1\n");
        assert_eq!(idx.pos(0), (1, 1));
        assert_eq!(idx.pos(3), (2, 1));
        assert_eq!(idx.pos(6), (2, 3));
        assert_eq!(byte_pos(b"a\nbc\xff", 4), (2, 3));
    }

    #[test]
    fn displays_in_short_style() {
        let d = Diagnostic {
            file: "q/s3.toml".into(),
            pos: Some((42, 9)),
            severity: Severity::Error,
            message: "unknown pillar".into(),
        };
        assert_eq!(d.to_string(), "q/s3.toml:42:9: error: unknown pillar");
    }
}

//! The study marks a question carries wherever it is shown: ★ bookmarked, ! answer marked unsure.

use ratatui::text::Span;

use super::Ui;

pub const BOOKMARK: &str = "★";

/// "★ bookmarked" and "! unsure" spans, each led by two spaces, for a question's tag line or header.
pub fn marks(ui: &Ui<'_>, question: usize, unsure: bool) -> Vec<Span<'static>> {
    let t = ui.theme;
    let mut spans = Vec::new();
    if ui.bookmarked(question) {
        spans.push(Span::styled(format!("  {BOOKMARK} bookmarked"), t.key()));
    }
    if unsure {
        spans.push(Span::styled("  ! unsure", t.warn()));
    }
    spans
}

/// The same marks for a header's right side: "★ · ! unsure · ".
pub fn header_marks(ui: &Ui<'_>, question: usize, unsure: bool) -> String {
    let mut text = String::new();
    if ui.bookmarked(question) {
        text += &format!("{BOOKMARK} · ");
    }
    if unsure {
        text += "! unsure · ";
    }
    text
}

//! The notes browser: a table of contents, the selected heading's section, search, and `d` to drill.

use super::input::edit_text;
use super::{Action, Ctx, Hit, KeyContext, Transition, drill_screen};
use crate::bank::Bank;
use crate::exam::Filters;
use crate::study::SetSpec;

#[derive(Debug, Default)]
pub struct NotesBrowser {
    /// Selected heading (index into the notes' headings).
    pub cursor: usize,
    /// Content lines scrolled past the selected heading.
    pub scroll: i32,
    /// The search being typed, when the search prompt is open.
    pub typing: Option<String>,
    /// The last search.
    pub query: String,
}

impl NotesBrowser {
    pub fn new(bank: &Bank, at: Option<usize>) -> NotesBrowser {
        // Start on the first section rather than the lone title.
        let first = bank.notes.sections().next().unwrap_or(0);
        NotesBrowser {
            cursor: at.unwrap_or(first),
            ..NotesBrowser::default()
        }
    }

    pub fn key_context(&self) -> KeyContext {
        if self.typing.is_some() {
            KeyContext::Text
        } else {
            KeyContext::Notes
        }
    }

    /// Headings whose own text contains the query, in notes order.
    fn matches(&self, bank: &Bank) -> Vec<usize> {
        let needle = self.query.to_lowercase();
        let notes = &bank.notes;
        (0..notes.headings.len())
            .filter(|&i| {
                let start = notes.headings[i].start;
                let end = notes.headings.get(i + 1).map_or(notes.source.len(), |h| h.start);
                notes.source[start..end].to_lowercase().contains(&needle)
            })
            .collect()
    }

    /// The next heading (forward or back, wrapping) whose own text contains the query.
    fn find(&self, bank: &Bank, forward: bool) -> Option<usize> {
        if self.query.is_empty() {
            return None;
        }
        let matches = self.matches(bank);
        let next = if forward {
            matches.iter().find(|&&m| m > self.cursor).or(matches.first())
        } else {
            matches
                .iter()
                .rev()
                .find(|&&m| m < self.cursor)
                .or(matches.last())
        };
        next.copied()
    }

    fn search(&mut self, bank: &Bank, forward: bool, status: &mut Option<String>) {
        match self.find(bank, forward) {
            Some(i) => {
                self.cursor = i;
                self.scroll = 0;
                let matches = self.matches(bank);
                let at = matches.iter().position(|&m| m == i).map_or(0, |p| p + 1);
                *status = Some(format!(
                    "\"{}\": {at} of {} headings · n next, N previous",
                    self.query,
                    matches.len()
                ));
            }
            None => *status = Some(format!("No match for \"{}\"", self.query)),
        }
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        if let Some(typing) = &mut self.typing {
            if edit_text(typing, action, usize::MAX, |_| true) {
                return Transition::Stay;
            }
            match action {
                Action::Enter => {
                    self.query = self.typing.take().unwrap_or_default();
                    self.search(cx.bank, true, cx.status);
                }
                Action::Back | Action::Interrupt => self.typing = None,
                _ => {}
            }
            return Transition::Stay;
        }
        let n = cx.bank.notes.headings.len();
        if n == 0 {
            return match action {
                Action::Back | Action::Interrupt => Transition::Pop,
                _ => Transition::Stay,
            };
        }
        match action {
            Action::Up => self.select(self.cursor.saturating_sub(1)),
            Action::Down => self.select((self.cursor + 1).min(n.saturating_sub(1))),
            Action::PageDown => self.scroll += 10,
            Action::PageUp => self.scroll -= 10,
            Action::ScrollDown(..) if hit == Some(Hit::NotesPane) => self.scroll += 3,
            Action::ScrollUp(..) if hit == Some(Hit::NotesPane) => self.scroll -= 3,
            Action::ScrollDown(..) => self.select((self.cursor + 1).min(n.saturating_sub(1))),
            Action::ScrollUp(..) => self.select(self.cursor.saturating_sub(1)),
            Action::Click(..) => {
                if let Some(Hit::Item(i)) = hit {
                    self.select(i);
                }
            }
            Action::Search => self.typing = Some(String::new()),
            Action::Next => self.search(cx.bank, true, cx.status),
            Action::Prev => self.search(cx.bank, false, cx.status),
            Action::Drill => return self.drill(cx),
            Action::Back | Action::Interrupt => return Transition::Pop,
            _ => {}
        }
        Transition::Stay
    }

    fn select(&mut self, heading: usize) {
        self.cursor = heading;
        self.scroll = 0;
    }

    /// Drill the selected heading, or its whole section when no question cites the heading itself.
    fn drill(&self, cx: &mut Ctx<'_>) -> Transition {
        let notes = &cx.bank.notes;
        for heading in [self.cursor, notes.section_of(self.cursor)] {
            let spec = SetSpec {
                filters: Filters::heading(heading),
                ..SetSpec::default()
            };
            let title = format!("Drill: {}", notes.headings[heading].title);
            if let Ok(screen) = drill_screen(cx.bank, &spec, title, cx.study, cx.seed) {
                return Transition::Push(screen);
            }
        }
        *cx.status = Some(format!(
            "No question cites \"{}\" yet",
            notes.headings[self.cursor].title
        ));
        Transition::Stay
    }
}

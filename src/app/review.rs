//! Reviewing answered questions one at a time, with a notes pane that follows the question's refs.

use super::picker::Topic;
use super::{Action, Ctx, Hit, Transition};
use crate::bank::Bank;
use crate::exam::Item;

/// The notes beside a question: which of its refs is shown, how far it is scrolled, full screen or not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotesPane {
    /// Headings of the question's refs.
    pub anchors: Vec<usize>,
    pub current: usize,
    /// Lines scrolled past the referenced heading (negative shows what comes before it).
    pub scroll: i32,
    pub full: bool,
    /// Text to highlight in the pane (the notes browser's search), empty for none.
    pub highlight: String,
}

impl NotesPane {
    pub fn for_question(bank: &Bank, question: usize) -> NotesPane {
        NotesPane {
            anchors: bank.questions[question].anchors.clone(),
            ..NotesPane::default()
        }
    }

    pub fn anchor(&self) -> Option<usize> {
        self.anchors.get(self.current).copied()
    }

    /// Handle the pane's keys; returns whether the action was the pane's.
    pub fn update(&mut self, action: Action, hit: Option<Hit>) -> bool {
        match action {
            Action::Tab if !self.anchors.is_empty() => {
                self.current = (self.current + 1) % self.anchors.len();
                self.scroll = 0;
            }
            Action::BackTab if !self.anchors.is_empty() => {
                self.current = (self.current + self.anchors.len() - 1) % self.anchors.len();
                self.scroll = 0;
            }
            Action::PageDown => self.scroll += 10,
            Action::PageUp => self.scroll -= 10,
            Action::ScrollDown(..) if hit == Some(Hit::NotesPane) || self.full => self.scroll += 3,
            Action::ScrollUp(..) if hit == Some(Hit::NotesPane) || self.full => self.scroll -= 3,
            Action::FullNotes => self.full = !self.full,
            Action::Back if self.full => self.full = false,
            _ => return false,
        }
        true
    }
}

#[derive(Debug)]
pub struct Review {
    pub items: Vec<Item>,
    pub answers: Vec<Vec<usize>>,
    /// Item indices to step through.
    pub picks: Vec<usize>,
    pub wrong_only: bool,
    /// Marked for review during the exam, per item.
    pub marked: Vec<bool>,
    /// Answers marked unsure, per item.
    pub unsure: Vec<bool>,
    /// What is being stepped through: "all questions", "wrong answers" or "marked questions".
    pub which: &'static str,
    pub position: usize,
    pub pane: NotesPane,
    /// Lines the question side is scrolled (long questions on short terminals).
    pub scroll: u16,
    /// Questions of a past attempt that are no longer in the bank.
    pub missing: Vec<String>,
}

impl Review {
    pub fn new(
        bank: &Bank,
        items: Vec<Item>,
        answers: Vec<Vec<usize>>,
        picks: Vec<usize>,
        wrong_only: bool,
    ) -> Review {
        let pane = NotesPane::for_question(bank, items[picks[0]].question);
        let marked = vec![false; items.len()];
        let unsure = marked.clone();
        Review {
            items,
            answers,
            picks,
            wrong_only,
            marked,
            unsure,
            which: if wrong_only {
                "wrong answers"
            } else {
                "all questions"
            },
            position: 0,
            pane,
            scroll: 0,
            missing: Vec::new(),
        }
    }

    pub fn item(&self) -> usize {
        self.picks[self.position]
    }

    fn go(&mut self, bank: &Bank, position: usize) {
        self.position = position;
        self.pane = NotesPane {
            full: self.pane.full,
            ..NotesPane::for_question(bank, self.items[self.item()].question)
        };
        self.scroll = 0;
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        if self.pane.update(action, hit) {
            return Transition::Stay;
        }
        match action {
            Action::Next | Action::Enter if self.position + 1 < self.picks.len() => {
                self.go(cx.bank, self.position + 1)
            }
            Action::Next | Action::Enter => *cx.status = Some("That was the last one; q goes back".into()),
            Action::Prev if self.position > 0 => self.go(cx.bank, self.position - 1),
            Action::Down | Action::ScrollDown(..) => self.scroll = self.scroll.saturating_add(1),
            Action::Up | Action::ScrollUp(..) => self.scroll = self.scroll.saturating_sub(1),
            Action::Drill => {
                let section = cx.bank.questions[self.items[self.item()].question].section;
                return cx.drill_topic(Topic::Section(section));
            }
            Action::Back | Action::Interrupt => return Transition::Pop,
            _ => {}
        }
        Transition::Stay
    }
}

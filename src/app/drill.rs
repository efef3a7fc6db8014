//! Untimed practice on a practice set: answer (marking it unsure if it is a guess), check with Enter,
//! read the feedback and notes, go on. Leaving shows a short summary.

use std::time::Instant;

use super::review::NotesPane;
use super::{Action, Ctx, Hit, KeyContext, Transition};
use crate::bank::Bank;
use crate::exam::Item;
use crate::score::is_correct;
use crate::store::Mode;
use crate::study::{SetSpec, Study};

/// One checked answer of a drill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// Index into the drill's queue.
    pub position: usize,
    pub chosen: Vec<usize>,
    pub correct: bool,
    pub seconds: u64,
    pub unsure: bool,
}

#[derive(Debug)]
pub struct Drill {
    pub title: String,
    pub queue: Vec<Item>,
    pub position: usize,
    /// Bank option indices chosen for the current question.
    pub chosen: Vec<usize>,
    pub cursor: usize,
    /// Whether the current answer has been checked (feedback showing).
    pub checked: bool,
    /// The current answer is marked unsure.
    pub unsure: bool,
    /// Every checked answer, in order.
    pub log: Vec<Answered>,
    pub pane: NotesPane,
    pub show_summary: bool,
    /// A drill, or spaced review of wrong answers.
    pub mode: Mode,
    pub seed: u64,
    /// The attempt's row in the history.
    pub attempt: Option<i64>,
    /// How many log entries are stored there.
    pub stored: usize,
    /// When the current question was shown.
    pub shown_at: Option<Instant>,
}

impl Drill {
    /// A drill on a practice set, never-answered questions first.
    pub fn new(
        bank: &Bank,
        spec: &SetSpec,
        title: String,
        seed: u64,
        study: &Study,
    ) -> Result<Drill, String> {
        let queue = spec.draw(bank, study, seed);
        let described = spec.describe();
        let title = if described.is_empty() {
            title
        } else {
            format!("{title} ({described})")
        };
        Self::from_queue(bank, queue, title, Mode::Drill, seed)
    }

    pub fn from_queue(
        bank: &Bank,
        queue: Vec<Item>,
        title: String,
        mode: Mode,
        seed: u64,
    ) -> Result<Drill, String> {
        let Some(first) = queue.first() else {
            return Err(format!("No questions for {title}"));
        };
        let pane = NotesPane::for_question(bank, first.question);
        Ok(Drill {
            title,
            queue,
            position: 0,
            chosen: Vec::new(),
            cursor: 0,
            checked: false,
            unsure: false,
            log: Vec::new(),
            pane,
            show_summary: false,
            mode,
            seed,
            attempt: None,
            stored: 0,
            shown_at: None,
        })
    }

    pub fn item(&self) -> &Item {
        &self.queue[self.position]
    }

    pub fn correct(&self) -> usize {
        self.log.iter().filter(|a| a.correct).count()
    }

    pub fn key_context(&self) -> KeyContext {
        if self.show_summary {
            KeyContext::Dialog
        } else if self.checked {
            KeyContext::Review
        } else {
            KeyContext::Drill
        }
    }

    fn toggle(&mut self, bank: &Bank, shown: usize) {
        let item = &self.queue[self.position];
        let Some(&option) = item.order.get(shown) else {
            return;
        };
        self.cursor = shown;
        crate::exam::toggle(&mut self.chosen, option, bank.questions[item.question].is_multi());
    }

    fn next(&mut self, bank: &Bank, cx_status: &mut Option<String>) {
        if self.position + 1 >= self.queue.len() {
            self.show_summary = true;
            *cx_status = Some("You have answered every question of this drill".into());
            return;
        }
        self.position += 1;
        self.chosen.clear();
        self.cursor = 0;
        self.checked = false;
        self.unsure = false;
        self.shown_at = None;
        self.pane = NotesPane {
            full: false,
            ..NotesPane::for_question(bank, self.item().question)
        };
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        self.shown_at.get_or_insert(cx.now);
        if self.show_summary {
            return match action {
                Action::Yes | Action::Enter | Action::Back | Action::Interrupt => Transition::Pop,
                Action::No => {
                    if self.position + 1 < self.queue.len() || !self.checked {
                        self.show_summary = false;
                    }
                    Transition::Stay
                }
                _ => Transition::Stay,
            };
        }
        if self.checked && self.pane.update(action, hit) {
            return Transition::Stay;
        }
        match action {
            Action::Choose(k) if !self.checked => self.toggle(cx.bank, k),
            Action::Toggle if !self.checked => self.toggle(cx.bank, self.cursor),
            Action::Click(..) if !self.checked => {
                if let Some(Hit::Item(k)) = hit {
                    self.toggle(cx.bank, k);
                }
            }
            Action::Up | Action::ScrollUp(..) if !self.checked => self.cursor = self.cursor.saturating_sub(1),
            Action::Down | Action::ScrollDown(..) if !self.checked => {
                self.cursor = (self.cursor + 1).min(self.item().order.len() - 1);
            }
            Action::Enter if !self.checked => {
                // Enter with nothing chosen chooses the highlighted option; with a choice it checks.
                if self.chosen.is_empty() {
                    self.toggle(cx.bank, self.cursor);
                } else {
                    self.checked = true;
                    let ok = is_correct(cx.bank, self.item().question, &self.chosen);
                    let shown = *self.shown_at.get_or_insert(cx.now);
                    self.log.push(Answered {
                        position: self.position,
                        chosen: self.chosen.clone(),
                        correct: ok,
                        seconds: cx.now.saturating_duration_since(shown).as_secs(),
                        unsure: self.unsure,
                    });
                }
            }
            Action::Unsure if !self.checked => self.unsure = !self.unsure,
            Action::Enter | Action::Next => self.next(cx.bank, cx.status),
            Action::Back | Action::Interrupt => self.show_summary = true,
            _ => {}
        }
        Transition::Stay
    }
}

//! The results of a finished exam and where to go from them.

use std::time::Duration;

use super::exam::ExamSession;
use super::home::Topic;
use super::review::Review;
use super::{Action, Ctx, Hit, Screen, Transition};
use crate::exam::Item;
use crate::score::{self, Score};

/// The results screen's actions, in menu order, with their shortcut letters.
pub const ACTIONS: [(char, &str); 5] = [
    ('r', "Review all"),
    ('w', "Review wrong only"),
    ('m', "Review marked"),
    ('d', "Drill weakest section"),
    ('h', "Home"),
];

#[derive(Debug)]
pub struct Results {
    pub title: String,
    pub items: Vec<Item>,
    pub answers: Vec<Vec<usize>>,
    pub spent: Vec<Duration>,
    pub score: Score,
    pub used: Duration,
    pub limit: Duration,
    pub timed_out: bool,
    pub cursor: usize,
    pub marked: Vec<bool>,
    /// The attempt's row in the history.
    pub attempt: Option<i64>,
    /// Whether the result has gone to the app's queue of results to store.
    pub queued: bool,
    pub seed: u64,
    /// The practice test this was (0-based), if it was one.
    pub form: Option<usize>,
    /// First row of the section table shown (it scrolls when it has more rows than fit).
    pub table_scroll: usize,
}

impl Results {
    pub fn from_exam(e: &ExamSession, score: Score, used: Duration, timed_out: bool) -> Results {
        Results {
            title: e.title.clone(),
            items: e.exam.items.clone(),
            answers: e.answers.clone(),
            spent: e.spent.clone(),
            score,
            used,
            limit: e.limit,
            timed_out,
            cursor: 0,
            marked: e.marked.clone(),
            attempt: e.attempt,
            queued: false,
            seed: e.exam.seed,
            form: e.exam.form,
            table_scroll: 0,
        }
    }

    fn scroll_table(&mut self, by: usize) {
        self.table_scroll = (self.table_scroll + by).min(self.score.sections.len().saturating_sub(1));
    }

    fn activate(&mut self, index: usize, cx: &mut Ctx<'_>) -> Transition {
        match index {
            0..=2 => {
                let (wrong_only, marked_only) = (index == 1, index == 2);
                let picks: Vec<usize> = (0..self.items.len())
                    .filter(|&k| {
                        !wrong_only || !score::is_correct(cx.bank, self.items[k].question, &self.answers[k])
                    })
                    .filter(|&k| !marked_only || self.marked[k])
                    .collect();
                if picks.is_empty() {
                    *cx.status = Some(
                        if marked_only {
                            "No question was marked for review"
                        } else {
                            "No wrong answers to review"
                        }
                        .into(),
                    );
                    return Transition::Stay;
                }
                let mut review = Review::new(
                    cx.bank,
                    self.items.clone(),
                    self.answers.clone(),
                    picks,
                    wrong_only,
                );
                review.marked = self.marked.clone();
                if marked_only {
                    review.which = "marked questions";
                }
                Transition::Push(Screen::Review(Box::new(review)))
            }
            3 => {
                let Some(weakest) = self.score.sections.first() else {
                    return Transition::Stay;
                };
                cx.drill_topic(Topic::Section(weakest.key))
            }
            _ => Transition::Home,
        }
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(ACTIONS.len() - 1),
            Action::Enter => return self.activate(self.cursor, cx),
            Action::Char(c) => {
                if let Some(i) = ACTIONS.iter().position(|(k, _)| *k == c) {
                    return self.activate(i, cx);
                }
            }
            Action::Click(..) => {
                if let Some(Hit::Item(i)) = hit {
                    return self.activate(i, cx);
                }
            }
            // The section table is the one thing here that can be longer than the screen.
            Action::PageDown => self.scroll_table(5),
            Action::PageUp => self.table_scroll = self.table_scroll.saturating_sub(5),
            Action::ScrollDown(..) => self.scroll_table(1),
            Action::ScrollUp(..) => self.table_scroll = self.table_scroll.saturating_sub(1),
            Action::Back | Action::Interrupt => return Transition::Home,
            _ => {}
        }
        Transition::Stay
    }
}

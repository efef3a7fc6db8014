//! The results of a finished exam and where to go from them.

use std::time::Duration;

use super::drill::Drill;
use super::exam::ExamSession;
use super::picker::Topic;
use super::review::Review;
use super::{Action, Ctx, Hit, Screen, Transition};
use crate::exam::Item;
use crate::score::{self, Score};
use crate::store::Mode;

/// The results screen's actions, in menu order, with their shortcut letters.
pub const ACTIONS: [(char, &str); 7] = [
    ('r', "Review all"),
    ('w', "Review wrong only"),
    ('m', "Review marked"),
    ('b', "Review bookmarked"),
    ('x', "Retry missed"),
    ('d', "Drill section"),
    ('h', "Home"),
];

/// Which questions a review of the results steps through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    All,
    Wrong,
    Marked,
    Bookmarked,
}

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
    pub unsure: Vec<bool>,
    /// The attempt's row in the history.
    pub attempt: Option<i64>,
    /// Whether the result has gone to the app's queue of results to store.
    pub queued: bool,
    pub seed: u64,
    /// The practice test this was (0-based), if it was one.
    pub form: Option<usize>,
    /// The highlighted row of the section table (weakest first): `d` or a click drills it.
    pub section: usize,
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
            unsure: e.unsure.clone(),
            attempt: e.attempt,
            queued: false,
            seed: e.exam.seed,
            form: e.exam.form,
            section: 0,
        }
    }

    fn move_section(&mut self, by: isize) {
        let last = self.score.sections.len().saturating_sub(1);
        self.section = self.section.saturating_add_signed(by).min(last);
    }

    fn missed(&self, bank: &crate::bank::Bank) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&k| !score::is_correct(bank, self.items[k].question, &self.answers[k]))
            .collect()
    }

    fn review(&self, pick: Pick, cx: &mut Ctx<'_>) -> Transition {
        let picks: Vec<usize> = match pick {
            Pick::All => (0..self.items.len()).collect(),
            Pick::Wrong => self.missed(cx.bank),
            Pick::Marked => (0..self.items.len()).filter(|&k| self.marked[k]).collect(),
            Pick::Bookmarked => (0..self.items.len())
                .filter(|&k| {
                    cx.study
                        .is_bookmarked(&cx.bank.questions[self.items[k].question].id)
                })
                .collect(),
        };
        if picks.is_empty() {
            *cx.status = Some(
                match pick {
                    Pick::Marked => "No question was marked for review",
                    Pick::Bookmarked => "No question of this exam is bookmarked (* bookmarks one)",
                    _ => "No wrong answers to review",
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
            pick == Pick::Wrong,
        );
        review.marked = self.marked.clone();
        review.unsure = self.unsure.clone();
        review.which = match pick {
            Pick::Marked => "marked questions",
            Pick::Bookmarked => "bookmarked questions",
            _ => review.which,
        };
        Transition::Push(Screen::Review(Box::new(review)))
    }

    /// A drill of this exam's wrong, incomplete and unanswered questions, in exam order.
    fn retry_missed(&self, cx: &mut Ctx<'_>) -> Transition {
        let queue: Vec<Item> = self
            .missed(cx.bank)
            .into_iter()
            .map(|k| self.items[k].clone())
            .collect();
        let title = format!("Retry missed ({})", queue.len());
        match Drill::from_queue(cx.bank, queue, title, Mode::Drill, self.seed) {
            Ok(d) => Transition::Push(Screen::Drill(Box::new(d))),
            Err(_) => {
                *cx.status = Some("Nothing missed: every answer was right".into());
                Transition::Stay
            }
        }
    }

    fn activate(&mut self, index: usize, cx: &mut Ctx<'_>) -> Transition {
        match index {
            0 => self.review(Pick::All, cx),
            1 => self.review(Pick::Wrong, cx),
            2 => self.review(Pick::Marked, cx),
            3 => self.review(Pick::Bookmarked, cx),
            4 => self.retry_missed(cx),
            5 => self.drill_section(self.section, cx),
            _ => Transition::Home,
        }
    }

    fn drill_section(&mut self, row: usize, cx: &mut Ctx<'_>) -> Transition {
        let Some(tally) = self.score.sections.get(row) else {
            return Transition::Stay;
        };
        self.section = row;
        cx.drill_topic(Topic::Section(tally.key))
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
            Action::Click(..) => match hit {
                Some(Hit::Item(i)) => return self.activate(i, cx),
                Some(Hit::Row(row)) => return self.drill_section(row, cx),
                _ => {}
            },
            // The section table has its own cursor, and scrolls to follow it.
            Action::PageDown | Action::ScrollDown(..) => self.move_section(1),
            Action::PageUp | Action::ScrollUp(..) => self.move_section(-1),
            Action::Back | Action::Interrupt => return Transition::Home,
            _ => {}
        }
        Transition::Stay
    }
}

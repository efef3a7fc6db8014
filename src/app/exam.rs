//! A timed exam in progress: answers, marks, time per question, the review grid and dialogs.
//! Time left is computed from the clock, never by counting ticks.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::results::Results;
use super::{Action, Ctx, Hit, KeyContext, Screen, Transition};
use crate::bank::Bank;
use crate::exam::Exam;
use crate::score;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The review grid, with the cell under the cursor.
    Grid(usize),
    ConfirmSubmit,
    ConfirmLeave,
}

#[derive(Debug)]
pub struct ExamSession {
    pub title: String,
    pub exam: Exam,
    pub limit: Duration,
    /// Bank option indices chosen per item, ascending.
    pub answers: Vec<Vec<usize>>,
    pub marked: Vec<bool>,
    /// Answers the learner marked as unsure (a guess), per item.
    pub unsure: Vec<bool>,
    pub spent: Vec<Duration>,
    pub current: usize,
    /// Option cursor (shown position) for j/k + Space.
    pub cursor: usize,
    pub overlay: Option<Overlay>,
    /// Time used before this run of the clock (non-zero after a resume).
    pub used_before: Duration,
    pub resumed_at: Instant,
    pub entered_at: Instant,
    /// The attempt's row in the history, once saved.
    pub attempt: Option<i64>,
    /// Positions whose answer, mark or time changed since the last save.
    pub dirty: BTreeSet<usize>,
    /// The current question or the clock changed since the last save.
    pub clock_dirty: bool,
    /// Time used when the clock was last saved.
    pub saved_used: Duration,
}

/// A stored response as the bank has it now: `None` when the question left the bank. A question whose
/// options changed is shown in the bank's order, with the old choice kept where it still fits.
pub fn restore_item(
    bank: &Bank,
    r: &crate::store::ResponseRecord,
) -> Option<(crate::exam::Item, Vec<usize>)> {
    let question = bank.question_index(&r.question_id)?;
    let n = bank.questions[question].options.len();
    let mut sorted = r.option_order.clone();
    sorted.sort_unstable();
    let fits = sorted.iter().copied().eq(0..n);
    let order = if fits {
        r.option_order.clone()
    } else {
        (0..n).collect()
    };
    let chosen = r.chosen.iter().copied().filter(|&o| o < n).collect();
    Some((crate::exam::Item { question, order }, chosen))
}

/// How far one question of an exam is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Unanswered,
    /// Fewer options chosen than the question asks for.
    Incomplete,
    Answered,
}

impl ExamSession {
    pub fn new(title: String, exam: Exam, minutes: u32, now: Instant) -> ExamSession {
        let n = exam.items.len();
        ExamSession {
            title,
            exam,
            limit: Duration::from_secs(u64::from(minutes) * 60),
            answers: vec![Vec::new(); n],
            marked: vec![false; n],
            unsure: vec![false; n],
            spent: vec![Duration::ZERO; n],
            current: 0,
            cursor: 0,
            overlay: None,
            used_before: Duration::ZERO,
            resumed_at: now,
            entered_at: now,
            attempt: None,
            dirty: BTreeSet::new(),
            clock_dirty: false,
            saved_used: Duration::ZERO,
        }
    }

    pub fn used(&self, now: Instant) -> Duration {
        self.used_before
            .saturating_add(now.saturating_duration_since(self.resumed_at))
            .min(self.limit)
    }

    pub fn remaining(&self, now: Instant) -> Duration {
        self.limit.saturating_sub(self.used(now))
    }

    /// Time until the countdown shows the next second, so the loop can sleep exactly that long.
    pub fn until_next_second(&self, now: Instant) -> Duration {
        let sub = self.remaining(now).subsec_nanos();
        Duration::from_nanos(if sub == 0 { 1_000_000_000 } else { u64::from(sub) })
    }

    /// How far question `k` is answered: a "Select TWO" question with one tick is incomplete.
    pub fn progress(&self, bank: &Bank, k: usize) -> Progress {
        let chosen = self.answers[k].len();
        let wanted = bank.questions[self.exam.items[k].question].select();
        match chosen {
            0 => Progress::Unanswered,
            c if c < wanted => Progress::Incomplete,
            _ => Progress::Answered,
        }
    }

    /// Questions answered, incomplete and unanswered.
    pub fn counts(&self, bank: &Bank) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for k in 0..self.exam.items.len() {
            match self.progress(bank, k) {
                Progress::Answered => counts.0 += 1,
                Progress::Incomplete => counts.1 += 1,
                Progress::Unanswered => counts.2 += 1,
            }
        }
        counts
    }

    pub fn marked_count(&self) -> usize {
        self.marked.iter().filter(|m| **m).count()
    }

    /// Questions fully answered minus the questions the time used so far pays for (>0 = ahead).
    pub fn pace(&self, bank: &Bank, now: Instant) -> i64 {
        let n = self.exam.items.len().max(1) as f64;
        let budget = self.limit.as_secs_f64() / n;
        if budget <= 0.0 {
            return 0;
        }
        let expected = (self.used(now).as_secs_f64() / budget).floor() as i64;
        self.counts(bank).0 as i64 - expected
    }

    pub fn key_context(&self) -> KeyContext {
        match self.overlay {
            Some(Overlay::Grid(_)) => KeyContext::Grid,
            Some(_) => KeyContext::Dialog,
            None => KeyContext::Exam,
        }
    }

    fn leave_question(&mut self, now: Instant) {
        self.spent[self.current] += now.saturating_duration_since(self.entered_at);
        self.entered_at = now;
        self.dirty.insert(self.current);
        self.clock_dirty = true;
    }

    fn go_to(&mut self, k: usize, now: Instant) {
        if k < self.exam.items.len() && k != self.current {
            self.leave_question(now);
            self.current = k;
            self.cursor = 0;
        }
    }

    fn toggle(&mut self, bank: &Bank, shown: usize) {
        let item = &self.exam.items[self.current];
        let Some(&option) = item.order.get(shown) else {
            return;
        };
        self.cursor = shown;
        self.dirty.insert(self.current);
        crate::exam::toggle(
            &mut self.answers[self.current],
            option,
            bank.questions[item.question].is_multi(),
        );
    }

    /// Score the attempt and move to the results screen.
    pub fn finish(&mut self, bank: &Bank, now: Instant, timed_out: bool) -> Transition {
        self.leave_question(now);
        // The final save writes every response.
        self.dirty.extend(0..self.exam.items.len());
        let score = score::score(bank, &self.exam.items, &self.answers);
        Transition::Replace(Screen::Results(Box::new(Results::from_exam(
            self,
            score,
            self.used(now),
            timed_out,
        ))))
    }

    /// Rebuild an exam in progress from the history (see [`restore_item`]). Returns the session and
    /// the ids of questions no longer in the bank, which are left out.
    pub fn resume(
        bank: &Bank,
        record: &crate::store::AttemptRecord,
        now: Instant,
    ) -> (ExamSession, Vec<String>) {
        let mut items = Vec::new();
        let (mut answers, mut marked, mut unsure, mut spent, mut dropped) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut current = 0;
        for r in &record.responses {
            let Some((item, chosen)) = restore_item(bank, r) else {
                dropped.push(r.question_id.clone());
                continue;
            };
            if r.position == record.current {
                current = items.len();
            }
            items.push(item);
            answers.push(chosen);
            marked.push(r.marked);
            unsure.push(r.unsure);
            spent.push(Duration::from_secs(r.seconds));
        }
        let s = &record.summary;
        let exam = Exam {
            seed: s.seed,
            form: s.form.map(|f| f.saturating_sub(1)),
            items,
            notices: Vec::new(),
        };
        let minutes = u32::try_from(s.time_limit_secs.unwrap_or(0).div_ceil(60)).unwrap_or(u32::MAX);
        let mut session = ExamSession::new(s.title.clone(), exam, minutes, now);
        session.limit = Duration::from_secs(s.time_limit_secs.unwrap_or(0));
        session.answers = answers;
        session.marked = marked;
        session.unsure = unsure;
        session.spent = spent;
        session.current = current;
        session.used_before = Duration::from_secs(s.used_secs);
        session.saved_used = session.used_before;
        session.attempt = Some(s.id);
        (session, dropped)
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        let now = cx.now;
        if self.remaining(now).is_zero() {
            return self.finish(cx.bank, now, true);
        }
        let n = self.exam.items.len();
        match (self.overlay, action) {
            (_, Action::Tick) => {}
            (Some(Overlay::Grid(at)), a) => match a {
                Action::Next => self.overlay = Some(Overlay::Grid((at + 1).min(n - 1))),
                Action::Prev => self.overlay = Some(Overlay::Grid(at.saturating_sub(1))),
                Action::Down => self.overlay = Some(Overlay::Grid((at + 10).min(n - 1))),
                Action::Up => self.overlay = Some(Overlay::Grid(at.saturating_sub(10))),
                Action::Enter => {
                    self.go_to(at, now);
                    self.overlay = None;
                }
                Action::Click(..) => {
                    if let Some(Hit::Item(k)) = hit {
                        self.go_to(k, now);
                        self.overlay = None;
                    }
                }
                Action::Back | Action::Grid => self.overlay = None,
                Action::Submit => self.overlay = Some(Overlay::ConfirmSubmit),
                _ => {}
            },
            (Some(Overlay::ConfirmSubmit), a) => match a {
                Action::Yes | Action::Enter => return self.finish(cx.bank, now, false),
                Action::No | Action::Back => self.overlay = None,
                _ => {}
            },
            (Some(Overlay::ConfirmLeave), a) => match a {
                Action::Yes | Action::Enter | Action::Interrupt => {
                    // Save the time spent up to now with the attempt, so a resume starts from here.
                    self.leave_question(now);
                    return Transition::Home;
                }
                Action::No | Action::Back => self.overlay = None,
                _ => {}
            },
            (None, a) => match a {
                Action::Choose(k) => self.toggle(cx.bank, k),
                Action::Toggle => self.toggle(cx.bank, self.cursor),
                // The wheel moves the cursor, and the view follows it.
                Action::Up | Action::ScrollUp(..) => self.cursor = self.cursor.saturating_sub(1),
                Action::Down | Action::ScrollDown(..) => {
                    let options = self.exam.items[self.current].order.len();
                    self.cursor = (self.cursor + 1).min(options - 1);
                }
                // On the option list Enter chooses the highlighted option, as Space does; n and →
                // move on, so Enter never skips a question.
                Action::Enter => self.toggle(cx.bank, self.cursor),
                Action::Next => {
                    if self.current + 1 < n {
                        self.go_to(self.current + 1, now);
                    } else {
                        *cx.status = Some("Last question: press g for the review grid or s to submit".into());
                    }
                }
                Action::Prev => self.go_to(self.current.saturating_sub(1), now),
                Action::Mark => {
                    self.marked[self.current] = !self.marked[self.current];
                    self.dirty.insert(self.current);
                }
                Action::Unsure => {
                    self.unsure[self.current] = !self.unsure[self.current];
                    self.dirty.insert(self.current);
                }
                Action::Grid => self.overlay = Some(Overlay::Grid(self.current)),
                Action::Submit => self.overlay = Some(Overlay::ConfirmSubmit),
                Action::Back | Action::Interrupt => self.overlay = Some(Overlay::ConfirmLeave),
                Action::Click(..) => {
                    if let Some(Hit::Item(k)) = hit {
                        self.toggle(cx.bank, k);
                    }
                }
                _ => {}
            },
        }
        Transition::Stay
    }
}

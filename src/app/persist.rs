//! Keeping the history in step with the screens: an exam is saved on every answer, mark and move and
//! its clock every 10 seconds; finished exams and drill answers are recorded with their scores.
//! A failed save leaves the changes pending, shows a warning and is retried on the next change.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::drill::Drill;
use super::exam::{ExamSession, restore_item};
use super::history::History;
use super::home::HomeInfo;
use super::results::Results;
use super::review::Review;
use super::stats::StatsView;
use super::{App, HistoryAccess, Screen, StoreRequest};
use crate::bank::Bank;
use crate::exam::Item;
use crate::score::is_correct;
use crate::store::{
    FinishedExam, Given, Mode, NewAttempt, NewResponse, Outcome, PartScore, ResponseState, Store, StoreError,
};

/// How often the clock of an exam in progress is saved when nothing else changes.
const CLOCK_SAVE: Duration = Duration::from_secs(10);

fn response(bank: &Bank, item: &Item) -> NewResponse {
    let q = &bank.questions[item.question];
    NewResponse {
        question_id: q.id.clone(),
        pillar: bank.pillars[q.pillar].id.clone(),
        section: bank.notes.short_ref(q.section),
        option_order: item.order.clone(),
    }
}

fn new_attempt(
    bank: &Bank,
    mode: Mode,
    title: &str,
    seed: u64,
    items: &[Item],
    wall: DateTime<Utc>,
) -> NewAttempt {
    NewAttempt {
        mode,
        title: title.to_string(),
        bank_code: bank.code.clone(),
        bank_hash: format!("{:016x}", bank.content_hash()),
        seed,
        time_limit_secs: None,
        started_at: wall,
        form: None,
        responses: items.iter().map(|i| response(bank, i)).collect(),
    }
}

/// A timed exam (or practice test, 0-based `form`) as a new attempt.
fn new_exam(
    bank: &Bank,
    title: &str,
    seed: u64,
    limit: Duration,
    form: Option<usize>,
    items: &[Item],
    wall: DateTime<Utc>,
) -> NewAttempt {
    NewAttempt {
        time_limit_secs: Some(limit.as_secs()),
        form: form.map(|k| k + 1),
        ..new_attempt(bank, Mode::Exam, title, seed, items, wall)
    }
}

fn save_exam(
    store: &mut Store,
    bank: &Bank,
    e: &mut ExamSession,
    (now, wall): (Instant, DateTime<Utc>),
    status: &mut Option<String>,
) -> Result<(), StoreError> {
    let id = match e.attempt {
        Some(id) => id,
        None => {
            // One resumable exam at a time: a new one sets the unfinished one aside, unless another
            // window is running it.
            let set_aside = store.abandon_unfinished(&bank.code)?;
            if set_aside.running_elsewhere > 0 {
                *status = Some("Another window has an exam running; this one is kept apart".into());
            } else if set_aside.abandoned > 0 {
                *status =
                    Some("The unfinished exam was set aside; it stays in the history as abandoned".into());
            }
            let id = store.start_attempt(&new_exam(
                bank,
                &e.title,
                e.exam.seed,
                e.limit,
                e.exam.form,
                &e.exam.items,
                wall,
            ))?;
            e.attempt = Some(id);
            id
        }
    };
    let used = e.used(now);
    let clock_due = used.saturating_sub(e.saved_used) >= CLOCK_SAVE;
    if e.dirty.is_empty() && !e.clock_dirty && !clock_due {
        return Ok(());
    }
    let mut positions = e.dirty.clone();
    positions.insert(e.current);
    let running = now.saturating_duration_since(e.entered_at);
    let changed: Vec<ResponseState> = positions
        .into_iter()
        .map(|k| ResponseState {
            position: k,
            chosen: e.answers[k].clone(),
            marked: e.marked[k],
            seconds: (e.spent[k] + if k == e.current { running } else { Duration::ZERO }).as_secs(),
            unsure: e.unsure[k],
        })
        .collect();
    store.save_progress(id, &changed, e.current, used.as_secs())?;
    e.dirty.clear();
    e.clock_dirty = false;
    e.saved_used = used;
    Ok(())
}

/// Tallies as stored: each named by its id instead of its index.
fn parts(tallies: &[crate::score::Tally], id: impl Fn(usize) -> String) -> Vec<PartScore> {
    tallies
        .iter()
        .map(|t| PartScore {
            id: id(t.key),
            correct: t.correct,
            total: t.total,
        })
        .collect()
}

/// A finished exam as the history will hold it, ready to be stored now or retried later.
fn finished_exam(bank: &Bank, r: &Results, wall: DateTime<Utc>) -> FinishedExam {
    let states = (0..r.items.len())
        .map(|k| ResponseState {
            position: k,
            chosen: r.answers[k].clone(),
            marked: r.marked[k],
            seconds: r.spent[k].as_secs(),
            unsure: r.unsure[k],
        })
        .collect();
    let s = &r.score;
    let outcome = Outcome {
        correct: s.correct,
        total: s.total,
        scaled: s.scaled,
        passed: s.passed,
        pass_mark: s.pass_mark,
        pillars: parts(&s.pillars, |k| bank.pillars[k].id.clone()),
        sections: parts(&s.sections, |k| bank.notes.short_ref(k)),
        domains: parts(&s.domains, |k| bank.domains[k].id.clone()),
        responses: r
            .items
            .iter()
            .zip(&r.answers)
            .map(|(i, a)| is_correct(bank, i.question, a))
            .collect(),
    };
    FinishedExam {
        attempt: r.attempt,
        new: new_exam(bank, &r.title, r.seed, r.limit, r.form, &r.items, wall),
        states,
        outcome,
        used_secs: r.used.as_secs(),
        finished_at: wall,
    }
}

fn save_drill(store: &mut Store, bank: &Bank, d: &mut Drill, wall: DateTime<Utc>) -> Result<(), StoreError> {
    let id = match d.attempt {
        Some(id) => id,
        None => {
            let id = store.start_attempt(&new_attempt(bank, d.mode, &d.title, d.seed, &[], wall))?;
            d.attempt = Some(id);
            id
        }
    };
    while d.stored < d.log.len() {
        let a = &d.log[d.stored];
        let item = &d.queue[a.position];
        let given = Given {
            chosen: &a.chosen,
            correct: a.correct,
            unsure: a.unsure,
            seconds: a.seconds,
            fast_secs: Some(bank.fast_secs()),
        };
        store.append_response(id, &response(bank, item), &given, wall)?;
        d.stored += 1;
    }
    Ok(())
}

impl App {
    /// Use this history (or none, with the reason shown wherever an attempt would be saved).
    pub fn attach_store(&mut self, history: HistoryAccess) {
        match history {
            HistoryAccess::Open(store) => {
                self.study = store.study(&self.bank.code).unwrap_or_default();
                self.store = Some(store);
            }
            HistoryAccess::Off(why) => {
                self.save_warning = Some(format!("History is off ({why}); nothing will be saved"))
            }
        }
        if let Some(store) = self.store.as_mut() {
            let (stored, problems) = store.store_pending();
            if stored > 0 {
                self.status = Some(format!(
                    "Stored {stored} result(s) kept from a run whose save had failed"
                ));
            }
            if let Some(first) = problems.into_iter().next() {
                self.status = Some(first);
            }
        }
        self.persist();
        self.refresh_home();
    }

    /// Save everything the screen on top holds, the exam clock included: the process is about to end.
    /// Results that still cannot be stored are kept in a pending file.
    pub fn shutdown(&mut self) {
        if let Some(Screen::Exam(e)) = self.stack.last_mut() {
            e.clock_dirty = true;
        }
        self.persist();
        if let (Some(store), Some(Screen::Exam(e))) = (self.store.as_mut(), self.stack.last())
            && let Some(id) = e.attempt
        {
            let _ = store.release(id);
        }
        let _ = self.keep_unsaved();
    }

    /// Every question answered on the screen on top counts as seen at once, in any mode, so "unseen
    /// first" in the next drill leaves it out whether or not the history is on; checked answers (a
    /// drill's, a finished exam's) set what the wrong and unsure filters see.
    fn note_answers(&mut self) {
        let bank = &self.bank;
        let study = &mut self.study;
        match self.stack.last() {
            Some(Screen::Exam(e)) => {
                for k in (0..e.exam.items.len()).filter(|&k| !e.answers[k].is_empty()) {
                    study
                        .seen
                        .insert(bank.questions[e.exam.items[k].question].id.clone());
                }
            }
            Some(Screen::Drill(d)) => {
                for a in &d.log[d.stored.min(d.log.len())..] {
                    let id = &bank.questions[d.queue[a.position].question].id;
                    study.answered(id, a.correct, a.unsure);
                }
            }
            Some(Screen::Results(r)) if !r.queued => {
                for (k, item) in r.items.iter().enumerate() {
                    let correct = is_correct(bank, item.question, &r.answers[k]);
                    study.answered(&bank.questions[item.question].id, correct, r.unsure[k]);
                }
            }
            _ => {}
        }
    }

    /// Whether a finished result is still waiting to be stored.
    pub fn has_unsaved(&self) -> bool {
        !self.outbox.is_empty()
    }

    /// Put unsaved results in a pending file beside history.db, for the next start to store.
    pub fn keep_unsaved(&mut self) -> Result<(), String> {
        if self.outbox.is_empty() {
            return Ok(());
        }
        let Some(store) = self.store.as_ref() else {
            return Err("no history to keep it beside".into());
        };
        store
            .keep_pending(&self.outbox)
            .map(|_| self.outbox.clear())
            .map_err(|e| e.to_string())
    }

    /// This window no longer runs the exam with this row: another window may resume it.
    pub(super) fn release(&mut self, attempt: i64) {
        if let Some(store) = self.store.as_mut() {
            let _ = store.release(attempt);
        }
    }

    /// Write what changed on the screen on top.
    pub(super) fn persist(&mut self) {
        self.note_answers();
        let Some(store) = self.store.as_mut() else {
            // Without a history nothing is written; bookmarks and reports live until quit.
            self.study_writes.clear();
            return;
        };
        let (now, wall) = (self.clock.now(), self.clock.wall());
        let bank = &self.bank;
        if let Some(Screen::Results(r)) = self.stack.last_mut()
            && !r.queued
        {
            // Queued, then stored below; the queue outlives the screen until it is stored.
            self.outbox.push(finished_exam(bank, r, wall));
            r.queued = true;
        }
        let result = match self.stack.last_mut() {
            Some(Screen::Exam(e)) => save_exam(store, bank, e, (now, wall), &mut self.status),
            Some(Screen::Drill(d))
                if d.stored < d.log.len() || (d.attempt.is_none() && !d.log.is_empty()) =>
            {
                save_drill(store, bank, d, wall)
            }
            _ => Ok(()),
        };
        let study = super::study::flush(store, &bank.code, &mut self.study_writes, wall);
        let mut failed = result.err().or(study.err());
        while let Some(f) = self.outbox.first_mut() {
            match store.record_finished(f) {
                Ok(()) => {
                    self.outbox.remove(0);
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        self.save_warning = failed.map(|e| match self.outbox.len() {
            0 => format!("Last save failed, will retry: {e}"),
            n => format!("{n} result(s) not saved yet, will retry: {e}"),
        });
    }

    /// Refresh the home screen's summary of the history when it is on top.
    pub(super) fn refresh_home(&mut self) {
        // Reading the history (statistics included) is only worth it for a home screen on show.
        if !matches!(self.stack.last(), Some(Screen::Home(_))) {
            return;
        }
        let info = match &self.store {
            Some(store) => HomeInfo::load(
                store,
                &self.bank,
                self.save_warning.clone(),
                self.clock.wall(),
                self.review_limit,
            ),
            None => HomeInfo {
                warning: self.save_warning.clone(),
                limit: self.review_limit,
                ..HomeInfo::default()
            },
        };
        if let Some(Screen::Home(home)) = self.stack.last_mut() {
            home.set_info(info);
        }
    }

    /// Do something that needs the history; `Err` says why it could not be done.
    pub fn store_request(&mut self, request: StoreRequest) -> Result<(), String> {
        let Some(store) = self.store.as_mut() else {
            return Err(self
                .save_warning
                .clone()
                .unwrap_or_else(|| "History is off".into()));
        };
        let bank = &self.bank;
        let result: Result<Option<Screen>, String> = match request {
            StoreRequest::Resume => match store.in_progress(&bank.code) {
                Ok(Some(record)) => {
                    let (session, dropped) = ExamSession::resume(bank, &record, self.clock.now());
                    if !dropped.is_empty() {
                        self.status =
                            Some(format!("No longer in the bank, left out: {}", dropped.join(", ")));
                    }
                    if session.exam.items.is_empty() {
                        Err("None of this exam's questions are in the bank any more; abandon it".into())
                    } else {
                        Ok(Some(Screen::Exam(Box::new(session))))
                    }
                }
                Ok(None) => Err("No exam in progress".into()),
                Err(e) => Err(e.to_string()),
            },
            StoreRequest::Abandon => match store.in_progress(&bank.code) {
                Ok(Some(record)) => store
                    .abandon(record.summary.id)
                    .map(|()| {
                        self.status = Some("Exam abandoned; it stays in the history".into());
                        None
                    })
                    .map_err(|e| e.to_string()),
                Ok(None) => Ok(None),
                Err(e) => Err(e.to_string()),
            },
            StoreRequest::ReviewDue => match store.due(&bank.code, self.clock.wall()) {
                Ok(due) => {
                    let queue: Vec<Item> = due
                        .iter()
                        .filter_map(|c| bank.question_index(&c.question_id))
                        .map(|q| Item {
                            question: q,
                            order: (0..bank.questions[q].options.len()).collect(),
                        })
                        .collect();
                    // A daily limit keeps a long absence from putting a hundred cards in one session.
                    let due_total = queue.len();
                    let queue: Vec<Item> = queue.into_iter().take(self.review_limit).collect();
                    let title = if due_total > queue.len() {
                        format!("Review ({} of {due_total} due, today's limit)", queue.len())
                    } else {
                        format!("Review ({due_total} due)")
                    };
                    Drill::from_queue(bank, queue, title, Mode::Review, 0)
                        .map(|d| Some(Screen::Drill(Box::new(d))))
                        .map_err(|_| "Nothing is due for review".to_string())
                }
                Err(e) => Err(e.to_string()),
            },
            StoreRequest::Stats => store
                .evidence(&bank.code, self.clock.wall())
                .map(|ev| {
                    Some(Screen::Stats(Box::new(StatsView::new(
                        bank,
                        crate::stats::compute(bank, &ev),
                    ))))
                })
                .map_err(|e| e.to_string()),
            StoreRequest::History => History::load(store, bank)
                .map(|h| Some(Screen::History(Box::new(h))))
                .map_err(|e| e.to_string()),
            StoreRequest::OpenAttempt(id) => match store.attempt(id) {
                Ok(record) => review_of(bank, &record).map(|r| Some(Screen::Review(Box::new(r)))),
                Err(e) => Err(e.to_string()),
            },
        };
        match result? {
            Some(screen) => self.stack.push(screen),
            None => self.refresh_home(),
        }
        Ok(())
    }
}

/// A past attempt on the review screen; questions no longer in the bank are listed, not shown.
pub fn review_of(bank: &Bank, record: &crate::store::AttemptRecord) -> Result<Review, String> {
    let mut items = Vec::new();
    let mut answers = Vec::new();
    let mut marked = Vec::new();
    let mut unsure = Vec::new();
    let mut missing = Vec::new();
    for r in &record.responses {
        match restore_item(bank, r) {
            Some((item, chosen)) => {
                items.push(item);
                answers.push(chosen);
                marked.push(r.marked);
                unsure.push(r.unsure);
            }
            None => missing.push(r.question_id.clone()),
        }
    }
    if items.is_empty() {
        return Err(match missing.len() {
            0 => "This attempt has no answers yet".to_string(),
            n => format!("All {n} questions of this attempt are no longer in the bank"),
        });
    }
    let picks = (0..items.len()).collect();
    let mut review = Review::new(bank, items, answers, picks, false);
    review.missing = missing;
    review.marked = marked;
    review.unsure = unsure;
    Ok(review)
}

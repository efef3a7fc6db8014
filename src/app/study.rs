//! The study loop's keys that work on whatever question is on screen, in an exam, a drill or a
//! review: `*` bookmarks it, `R` reports a problem with it in a one-line note. Both change the app's
//! [`Study`] at once and queue a write, so they work with the history off and survive a failed save.

use super::input::edit_text;
use super::{Action, App, KeyContext, Screen};
use crate::store::{NewReport, Store, StoreError};

/// The longest report note, in characters: one line.
pub const REPORT_MAX: usize = 200;

/// A change to the history the study keys made, waiting to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StudyWrite {
    Bookmark { question_id: String, on: bool },
    Report(NewReport),
}

/// A report being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDraft {
    /// Index into the bank's questions.
    pub question: usize,
    pub text: String,
}

impl App {
    /// The bank index of the question on screen, if a question is on screen.
    pub fn current_question(&self) -> Option<usize> {
        match self.screen() {
            Screen::Exam(e) if e.overlay.is_none() => Some(e.exam.items[e.current].question),
            Screen::Drill(d) if !d.show_summary => Some(d.item().question),
            Screen::Review(r) => Some(r.items[r.item()].question),
            _ => None,
        }
    }

    /// Whether a question (a bank index) is bookmarked.
    pub fn bookmarked(&self, question: usize) -> bool {
        self.study.is_bookmarked(&self.bank.questions[question].id)
    }

    pub(super) fn report_context(&self) -> Option<KeyContext> {
        self.report.as_ref().map(|_| KeyContext::Text)
    }

    /// Handle a study key or a key typed into a report; returns whether it was one.
    pub(super) fn study_key(&mut self, action: Action) -> bool {
        if let Some(draft) = self.report.as_mut() {
            if edit_text(&mut draft.text, action, REPORT_MAX, |_| true) {
                return true;
            }
            match action {
                // Time goes on behind the dialog: an exam still ends at zero.
                Action::Tick => return false,
                Action::Enter => {
                    let draft = self.report.take().expect("a draft is open");
                    self.send_report(draft);
                }
                Action::Back | Action::Interrupt => {
                    self.report = None;
                    self.status = Some("Report not sent".into());
                }
                _ => {}
            }
            return true;
        }
        let Some(question) = self.current_question() else {
            return false;
        };
        match action {
            Action::Bookmark => {
                let id = self.bank.questions[question].id.clone();
                let on = self.study.toggle_bookmark(&id);
                self.status = Some(if on { "Bookmarked" } else { "Bookmark removed" }.into());
                self.study_writes
                    .push(StudyWrite::Bookmark { question_id: id, on });
            }
            Action::Report => {
                self.report = Some(ReportDraft {
                    question,
                    text: String::new(),
                })
            }
            _ => return false,
        }
        true
    }

    fn send_report(&mut self, draft: ReportDraft) {
        let note = draft.text.trim().to_string();
        if note.is_empty() {
            self.status = Some("Empty report not sent".into());
            return;
        }
        let bank = &self.bank;
        self.study_writes.push(StudyWrite::Report(NewReport {
            bank_code: bank.code.clone(),
            bank_hash: format!("{:016x}", bank.content_hash()),
            question_id: bank.questions[draft.question].id.clone(),
            note,
        }));
        self.status = Some(match self.store {
            Some(_) => "Report saved; `proctor reports` lists it".into(),
            None => "Report kept until quit; the history is off, so it is not saved".into(),
        });
    }
}

/// Write the queued study changes in order; what fails stays queued for the next save.
pub(super) fn flush(
    store: &mut Store,
    bank_code: &str,
    writes: &mut Vec<StudyWrite>,
    wall: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    while let Some(w) = writes.first() {
        match w {
            StudyWrite::Bookmark { question_id, on } => {
                store.set_bookmark(bank_code, question_id, *on, wall)?
            }
            StudyWrite::Report(r) => {
                store.add_report(r, wall)?;
            }
        }
        writes.remove(0);
    }
    Ok(())
}

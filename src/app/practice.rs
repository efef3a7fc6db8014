//! The bank's fixed practice tests, each with the best score taken so far; Enter starts one.

use super::exam::ExamSession;
use super::home::menu_pick;
use super::{Action, Ctx, Hit, Screen, Transition};
use crate::bank::Bank;

#[derive(Debug)]
pub struct PracticeList {
    /// Best scaled score of each test (index = form - 1), `None` if not taken.
    pub best: Vec<Option<u32>>,
    pub cursor: usize,
}

impl PracticeList {
    pub fn new(bank: &Bank, best: &[Option<u32>]) -> PracticeList {
        let mut all = best.to_vec();
        all.resize(bank.forms, None);
        // Start on the first test not taken yet.
        let cursor = all.iter().position(Option::is_none).unwrap_or(0);
        PracticeList { best: all, cursor }
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        let pick = match menu_pick(&mut self.cursor, self.best.len(), action, hit) {
            Ok(pick) => pick,
            Err(stay_or_back) => return stay_or_back,
        };
        let bank = cx.bank;
        match crate::exam::form(bank, pick, cx.seed) {
            Some(exam) => {
                let title = format!("Practice test {} · {}", pick + 1, bank.title());
                Transition::Push(Screen::Exam(Box::new(ExamSession::new(
                    title,
                    exam,
                    bank.exam_minutes,
                    cx.now,
                ))))
            }
            None => {
                *cx.status =
                    Some("This bank cannot be split into its practice tests; run `proctor check`".into());
                Transition::Stay
            }
        }
    }
}

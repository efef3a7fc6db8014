//! Spaced review with FSRS (rs-fsrs), graded from the answer: wrong is Again, right but unsure Hard,
//! right Good, right, sure and fast Easy. A wrong or unsure answer makes its question due at once; a
//! sure right answer to a question that has a card pushes it out.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating};
use rusqlite::{OptionalExtension, Transaction, params};

use super::attempts::timestamp;
use super::read::natural;
use super::{Store, StoreError};

/// How well a question was recalled, read from the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    /// Wrong: Again. Right but unsure (a lucky guess): Hard. Right: Good. Right, sure and in under
    /// `fast_secs` (half the exam's pace): Easy.
    pub fn of(correct: bool, unsure: bool, seconds: u64, fast_secs: Option<u64>) -> Grade {
        match (correct, unsure) {
            (false, _) => Grade::Again,
            (true, true) => Grade::Hard,
            (true, false) if fast_secs.is_some_and(|f| seconds < f) => Grade::Easy,
            (true, false) => Grade::Good,
        }
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }

    /// Wrong and unsure answers bring the question back at once.
    fn due_now(self) -> bool {
        matches!(self, Grade::Again | Grade::Hard)
    }
}

/// One answer as the review schedule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub correct: bool,
    pub unsure: bool,
    pub grade: Grade,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCard {
    pub question_id: String,
    pub due: String,
    pub wrong: usize,
    pub answered: usize,
    /// The last answer was wrong without an unsure mark: a misconception, reviewed first.
    pub sure_wrong: bool,
    /// The last answer was right but unsure.
    pub unsure: bool,
}

/// Count an answer and reschedule the question's card.
pub(super) fn record_answer(
    tx: &Transaction<'_>,
    bank_code: &str,
    question_id: &str,
    answer: Answer,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO question_stat (bank_code, question_id, answered, wrong, last_correct, last_unsure)
         VALUES (?1, ?2, 1, ?3, ?4, ?5)
         ON CONFLICT (bank_code, question_id) DO UPDATE SET answered = answered + 1, wrong = wrong + excluded.wrong,
            last_correct = excluded.last_correct, last_unsure = excluded.last_unsure",
        params![
            bank_code,
            question_id,
            i64::from(!answer.correct),
            answer.correct,
            answer.unsure
        ],
    )?;
    let stored: Option<String> = tx
        .query_row(
            "SELECT state FROM card WHERE bank_code = ?1 AND question_id = ?2",
            params![bank_code, question_id],
            |r| r.get(0),
        )
        .optional()?;
    let grade = answer.grade;
    let card = match (
        stored.and_then(|s| serde_json::from_str::<Card>(&s).ok()),
        grade.due_now(),
    ) {
        (None, false) => return Ok(()),
        (None, true) => Card {
            due: now,
            last_review: now,
            ..Card::default()
        },
        (Some(card), _) => card,
    };
    let fsrs = FSRS::new(Parameters::default());
    let next = fsrs.next(card, now, grade.rating()).card;
    // A wrong or unsure answer is due again at once, whatever the learning step says.
    let due = if grade.due_now() { now } else { next.due };
    tx.execute(
        "INSERT INTO card (bank_code, question_id, due, state) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (bank_code, question_id) DO UPDATE SET due = excluded.due, state = excluded.state",
        params![
            bank_code,
            question_id,
            timestamp(due),
            serde_json::to_string(&next).expect("card serializes")
        ],
    )?;
    Ok(())
}

impl Store {
    /// Cards of this bank due at `now`: misconceptions (last answered wrong and sure) first, then the
    /// longest overdue.
    pub fn due(&self, bank_code: &str, now: DateTime<Utc>) -> Result<Vec<DueCard>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.question_id, c.due, coalesce(s.wrong, 0) AS wrong, coalesce(s.answered, 0) AS answered,
                    coalesce(s.last_correct = 0 AND s.last_unsure = 0, 0) AS sure_wrong,
                    coalesce(s.last_correct = 1 AND s.last_unsure = 1, 0) AS unsure
                 FROM card c LEFT JOIN question_stat s USING (bank_code, question_id)
                 WHERE c.bank_code = ?1 AND c.due <= ?2 ORDER BY sure_wrong DESC, c.due, c.question_id",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map(params![bank_code, timestamp(now)], |r| {
                Ok(DueCard {
                    question_id: r.get("question_id")?,
                    due: r.get("due")?,
                    wrong: natural(r, "wrong")? as usize,
                    answered: natural(r, "answered")? as usize,
                    sure_wrong: r.get("sure_wrong")?,
                    unsure: r.get("unsure")?,
                })
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }
}

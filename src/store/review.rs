//! Spaced review of wrong answers with FSRS (rs-fsrs): a wrong answer makes its question due at once;
//! a right answer to a question that has a card pushes it out; a wrong one brings it back.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating};
use rusqlite::{OptionalExtension, Transaction, params};

use super::attempts::timestamp;
use super::read::natural;
use super::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCard {
    pub question_id: String,
    pub due: String,
    pub wrong: usize,
    pub answered: usize,
}

/// Count an answer and reschedule the question's card.
pub(super) fn record_answer(
    tx: &Transaction<'_>,
    bank_code: &str,
    question_id: &str,
    correct: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO question_stat (bank_code, question_id, answered, wrong) VALUES (?1, ?2, 1, ?3)
         ON CONFLICT (bank_code, question_id) DO UPDATE SET answered = answered + 1, wrong = wrong + excluded.wrong",
        params![bank_code, question_id, i64::from(!correct)],
    )?;
    let stored: Option<String> = tx
        .query_row(
            "SELECT state FROM card WHERE bank_code = ?1 AND question_id = ?2",
            params![bank_code, question_id],
            |r| r.get(0),
        )
        .optional()?;
    let card = match (
        stored.and_then(|s| serde_json::from_str::<Card>(&s).ok()),
        correct,
    ) {
        (None, true) => return Ok(()),
        (None, false) => Card {
            due: now,
            last_review: now,
            ..Card::default()
        },
        (Some(card), _) => card,
    };
    let fsrs = FSRS::new(Parameters::default());
    let next = fsrs
        .next(card, now, if correct { Rating::Good } else { Rating::Again })
        .card;
    // A wrong answer is due again at once, whatever the learning step says.
    let due = if correct { next.due } else { now };
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
    /// Cards of this bank due at `now`, the longest overdue first.
    pub fn due(&self, bank_code: &str, now: DateTime<Utc>) -> Result<Vec<DueCard>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.question_id, c.due, coalesce(s.wrong, 0) AS wrong, coalesce(s.answered, 0) AS answered
                 FROM card c LEFT JOIN question_stat s USING (bank_code, question_id)
                 WHERE c.bank_code = ?1 AND c.due <= ?2 ORDER BY c.due, c.question_id",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map(params![bank_code, timestamp(now)], |r| {
                Ok(DueCard {
                    question_id: r.get("question_id")?,
                    due: r.get("due")?,
                    wrong: natural(r, "wrong")? as usize,
                    answered: natural(r, "answered")? as usize,
                })
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }
}

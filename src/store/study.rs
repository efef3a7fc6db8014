//! What the study loop keeps besides attempts: bookmarks, problem reports for a bank's authors, each
//! question's last answer (for practice-set filters) and the evidence statistics are computed from.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rs_fsrs::Card;
use rusqlite::params;
use serde::Serialize;

use super::attempts::timestamp;
use super::{Store, StoreError};
use crate::stats::{Answer, Evidence, WINDOW};
use crate::study::Study;

/// A problem with a question, as a learner reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub id: i64,
    pub bank_code: String,
    pub bank_hash: String,
    pub question_id: String,
    pub note: String,
    pub created_at: String,
}

/// A report to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub bank_code: String,
    pub bank_hash: String,
    pub question_id: String,
    pub note: String,
}

impl Store {
    /// Bookmark a question (`on`) or take the bookmark off.
    pub fn set_bookmark(
        &mut self,
        bank_code: &str,
        question_id: &str,
        on: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            if on {
                tx.execute(
                    "INSERT OR IGNORE INTO bookmark (bank_code, question_id, created_at) VALUES (?1, ?2, ?3)",
                    params![bank_code, question_id, timestamp(now)],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM bookmark WHERE bank_code = ?1 AND question_id = ?2",
                    params![bank_code, question_id],
                )?;
            }
            Ok(())
        })
    }

    pub fn add_report(&mut self, report: &NewReport, now: DateTime<Utc>) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO report (bank_code, bank_hash, question_id, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    report.bank_code,
                    report.bank_hash,
                    report.question_id,
                    report.note,
                    timestamp(now)
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Every report, of one bank or of all, oldest first.
    pub fn reports(&self, bank_code: Option<&str>) -> Result<Vec<Report>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, bank_code, bank_hash, question_id, note, created_at FROM report
                 WHERE ?1 IS NULL OR bank_code = ?1 ORDER BY created_at, id",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([bank_code], |r| {
                Ok(Report {
                    id: r.get("id")?,
                    bank_code: r.get("bank_code")?,
                    bank_hash: r.get("bank_hash")?,
                    question_id: r.get("question_id")?,
                    note: r.get("note")?,
                    created_at: r.get("created_at")?,
                })
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    /// What the learner did with each question of a bank: seen, last answer, bookmarks.
    pub fn study(&self, bank_code: &str) -> Result<Study, StoreError> {
        let e = |e| self.err(e);
        let mut study = Study::default();
        let mut stmt = self
            .conn
            .prepare("SELECT question_id, last_correct, last_unsure FROM question_stat WHERE bank_code = ?1")
            .map_err(e)?;
        let mut rows = stmt.query([bank_code]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let id: String = r.get("question_id").map_err(e)?;
            let last: Option<bool> = r.get("last_correct").map_err(e)?;
            let unsure: bool = r.get("last_unsure").map_err(e)?;
            if last == Some(false) {
                study.wrong.insert(id.clone());
            }
            if unsure {
                study.unsure.insert(id.clone());
            }
            study.seen.insert(id);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT question_id FROM bookmark WHERE bank_code = ?1")
            .map_err(e)?;
        let ids = stmt
            .query_map([bank_code], |r| r.get::<_, String>(0))
            .map_err(e)?;
        study.bookmarked = ids.collect::<Result<_, _>>().map_err(e)?;
        Ok(study)
    }

    /// The latest given answers of a bank (at most [`WINDOW`], newest first), the questions ever
    /// answered and the chance of recalling each reviewed question at `now`.
    pub fn evidence(&self, bank_code: &str, now: DateTime<Utc>) -> Result<Evidence, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT r.question_id, r.correct, r.unsure, r.seconds
                 FROM attempt a JOIN response r ON r.attempt_id = a.id
                 WHERE a.bank_code = ?1 AND a.abandoned = 0 AND a.finished_at IS NOT NULL
                    AND r.correct IS NOT NULL AND r.chosen <> '[]'
                 ORDER BY a.finished_at DESC, a.id DESC, r.position DESC LIMIT ?2",
            )
            .map_err(e)?;
        let answers = stmt
            .query_map(params![bank_code, WINDOW as i64], |r| {
                Ok(Answer {
                    question_id: r.get("question_id")?,
                    correct: r.get("correct")?,
                    unsure: r.get("unsure")?,
                    seconds: super::read::natural(r, "seconds")?,
                })
            })
            .map_err(e)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(e)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT question_id, state FROM card WHERE bank_code = ?1")
            .map_err(e)?;
        let mut retrievability = HashMap::new();
        let mut rows = stmt.query([bank_code]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let state: String = r.get("state").map_err(e)?;
            // A card that does not parse says nothing about recall; the answer still counts.
            if let Ok(card) = serde_json::from_str::<Card>(&state) {
                retrievability.insert(r.get("question_id").map_err(e)?, card.get_retrievability(now));
            }
        }
        Ok(Evidence {
            answers,
            seen: self.seen(bank_code)?,
            retrievability,
        })
    }
}

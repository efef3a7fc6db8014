//! Attempts and responses: started, saved as they change, finished with their score, read back.

use std::collections::HashSet;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError};

pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// What kind of attempt: a timed exam, a drill, or a spaced review session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Exam,
    Drill,
    Review,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Exam => "exam",
            Mode::Drill => "drill",
            Mode::Review => "review",
        }
    }
}

/// A question of a new attempt, in shown order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewResponse {
    pub question_id: String,
    pub pillar: String,
    /// Short ref of the question's notes section.
    pub section: String,
    pub option_order: Vec<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewAttempt {
    pub mode: Mode,
    pub title: String,
    pub bank_code: String,
    pub bank_hash: String,
    pub seed: u64,
    pub time_limit_secs: Option<u64>,
    pub started_at: DateTime<Utc>,
    /// The practice test this exam is (1-based), if it is one.
    #[serde(default)]
    pub form: Option<usize>,
    pub responses: Vec<NewResponse>,
}

/// One response's changing state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseState {
    pub position: usize,
    pub chosen: Vec<usize>,
    pub marked: bool,
    pub seconds: u64,
}

/// (id, correct, total) for a pillar or section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub id: String,
    pub correct: usize,
    pub total: usize,
}

/// The score of a finished attempt, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub correct: usize,
    pub total: usize,
    pub scaled: u32,
    pub passed: bool,
    pub pass_mark: u32,
    pub pillars: Vec<Tally>,
    pub sections: Vec<Tally>,
    /// Per domain, when the bank declares domains.
    #[serde(default)]
    pub domains: Vec<Tally>,
    /// Correctness per position.
    pub responses: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptSummary {
    pub id: i64,
    pub mode: String,
    pub title: String,
    pub bank_code: String,
    pub seed: u64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: &'static str,
    pub questions: usize,
    pub answered: usize,
    pub correct: Option<usize>,
    pub scaled: Option<u32>,
    pub passed: Option<bool>,
    pub used_secs: u64,
    pub time_limit_secs: Option<u64>,
    /// The practice test this exam was (1-based), if it was one.
    pub form: Option<usize>,
    pub pillars: Vec<Tally>,
    pub sections: Vec<Tally>,
    /// Per domain, when the bank declares domains (empty otherwise).
    pub domains: Vec<Tally>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseRecord {
    pub position: usize,
    pub question_id: String,
    pub pillar: String,
    pub section: String,
    pub option_order: Vec<usize>,
    pub chosen: Vec<usize>,
    pub correct: Option<bool>,
    pub marked: bool,
    pub seconds: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttemptRecord {
    pub summary: AttemptSummary,
    pub bank_hash: String,
    pub current: usize,
    pub responses: Vec<ResponseRecord>,
}

/// Accuracy per pillar and per section over recent attempts, weakest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trend {
    pub attempts: usize,
    pub pillars: Vec<Tally>,
    pub sections: Vec<Tally>,
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serializes")
}

/// A value that is stored but makes no sense; reported as a damaged history, never a panic.
fn damaged(column: &str, why: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("column {column}: {why}").into(),
    )
}

/// JSON we wrote; anything else means the file was damaged or edited.
fn parse<T: for<'de> Deserialize<'de> + Default>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    match row.get::<_, Option<String>>(column)? {
        None => Ok(T::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| damaged(column, e)),
    }
}

/// A count, position or number of seconds: never negative, and small enough for time arithmetic.
pub(super) fn natural(row: &Row<'_>, column: &str) -> rusqlite::Result<u64> {
    natural_opt(row, column)?.ok_or_else(|| damaged(column, "missing"))
}

fn natural_opt(row: &Row<'_>, column: &str) -> rusqlite::Result<Option<u64>> {
    // Ten years of seconds is far more than any attempt; past that a value is damage, not time.
    const MAX: i64 = 10 * 366 * 24 * 3600;
    match row.get::<_, Option<i64>>(column)? {
        None => Ok(None),
        Some(v) if (0..=MAX).contains(&v) => Ok(Some(v as u64)),
        Some(v) => Err(damaged(column, format!("{v} is out of range"))),
    }
}

fn mode(row: &Row<'_>) -> rusqlite::Result<String> {
    let mode: String = row.get("mode")?;
    match mode.as_str() {
        "exam" | "drill" | "review" => Ok(mode),
        other => Err(damaged("mode", format!("unknown mode {other:?}"))),
    }
}

const SUMMARY_COLUMNS: &str = "id, mode, title, bank_code, seed, started_at, finished_at, abandoned, questions, answered, \
     correct, scaled, passed, used_secs, time_limit_secs, form, pillars, sections, domains";

/// Summary columns with the JSON tallies only when asked for (parsing them is most of the cost).
const BRIEF_COLUMNS: &str = "id, mode, title, bank_code, seed, started_at, finished_at, abandoned, questions, answered, \
     correct, scaled, passed, used_secs, time_limit_secs, form, CASE WHEN ?2 >= 1 THEN pillars END AS pillars, \
     CASE WHEN ?2 >= 2 THEN sections END AS sections, CASE WHEN ?2 >= 1 THEN domains END AS domains";

/// How much of each attempt [`Store::summaries`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// No per-pillar or per-section tallies.
    Brief = 0,
    Pillars = 1,
    Full = 2,
}

fn summary(row: &Row<'_>) -> rusqlite::Result<AttemptSummary> {
    let finished_at: Option<String> = row.get("finished_at")?;
    let abandoned: bool = row.get("abandoned")?;
    let status = match (&finished_at, abandoned) {
        (_, true) => "abandoned",
        (Some(_), _) => "finished",
        (None, _) => "in_progress",
    };
    Ok(AttemptSummary {
        id: row.get("id")?,
        mode: mode(row)?,
        title: row.get("title")?,
        bank_code: row.get("bank_code")?,
        // Any 64 bits are a seed; stored as SQLite's signed integer.
        seed: row.get::<_, i64>("seed")? as u64,
        started_at: row.get("started_at")?,
        finished_at,
        status,
        questions: natural(row, "questions")? as usize,
        answered: natural(row, "answered")? as usize,
        correct: natural_opt(row, "correct")?.map(|v| v as usize),
        scaled: natural_opt(row, "scaled")?.map(|v| v as u32),
        passed: row.get("passed")?,
        used_secs: natural(row, "used_secs")?,
        time_limit_secs: natural_opt(row, "time_limit_secs")?,
        form: natural_opt(row, "form")?.map(|f| f as usize),
        pillars: parse(row, "pillars")?,
        sections: parse(row, "sections")?,
        domains: parse(row, "domains")?,
    })
}

fn response_record(r: &Row<'_>) -> rusqlite::Result<ResponseRecord> {
    Ok(ResponseRecord {
        position: natural(r, "position")? as usize,
        question_id: r.get("question_id")?,
        pillar: r.get("pillar")?,
        section: r.get("section")?,
        option_order: parse(r, "option_order")?,
        chosen: parse(r, "chosen")?,
        correct: r.get("correct")?,
        marked: r.get("marked")?,
        seconds: natural(r, "seconds")?,
    })
}

impl Store {
    /// Record a new attempt and its questions; returns its id.
    pub fn start_attempt(&mut self, a: &NewAttempt) -> Result<i64, StoreError> {
        let path = self.path.display().to_string();
        let e = |e| super::classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        tx.execute(
            "INSERT INTO attempt (mode, title, bank_code, bank_hash, seed, started_at, time_limit_secs, questions,
                owner_pid, heartbeat, form)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                a.mode.as_str(),
                a.title,
                a.bank_code,
                a.bank_hash,
                a.seed as i64,
                timestamp(a.started_at),
                a.time_limit_secs.map(|s| s as i64),
                a.responses.len() as i64,
                std::process::id(),
                timestamp(Utc::now()),
                a.form.map(|f| f as i64)
            ],
        )
        .map_err(e)?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO response (attempt_id, position, question_id, pillar, section, option_order)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(e)?;
            for (k, r) in a.responses.iter().enumerate() {
                insert
                    .execute(params![
                        id,
                        k as i64,
                        r.question_id,
                        r.pillar,
                        r.section,
                        json(&r.option_order)
                    ])
                    .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(id)
    }

    /// Save what changed in an attempt in progress, and its clock, in one transaction.
    pub fn save_progress(
        &mut self,
        attempt: i64,
        changed: &[ResponseState],
        current: usize,
        used_secs: u64,
    ) -> Result<(), StoreError> {
        let path = self.path.display().to_string();
        let e = |e| super::classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        {
            let mut update = tx
                .prepare_cached(
                    "UPDATE response SET chosen = ?3, marked = ?4, seconds = ?5 WHERE attempt_id = ?1 AND position = ?2",
                )
                .map_err(e)?;
            for r in changed {
                update
                    .execute(params![
                        attempt,
                        r.position as i64,
                        json(&r.chosen),
                        r.marked,
                        r.seconds as i64
                    ])
                    .map_err(e)?;
            }
        }
        tx.execute(
            "UPDATE attempt SET current = ?2, used_secs = ?3, owner_pid = ?4, heartbeat = ?5,
                answered = (SELECT count(*) FROM response WHERE attempt_id = ?1 AND chosen <> '[]')
             WHERE id = ?1",
            params![
                attempt,
                current as i64,
                used_secs as i64,
                std::process::id(),
                timestamp(Utc::now())
            ],
        )
        .map_err(e)?;
        tx.commit().map_err(e)
    }

    /// Finish an attempt: its score, each response's correctness, the per-question tallies and the
    /// review cards, all at once.
    pub fn finish_attempt(
        &mut self,
        attempt: i64,
        outcome: &Outcome,
        used_secs: u64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.display().to_string();
        let e = |e| super::classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let bank_code: String = tx
            .query_row("SELECT bank_code FROM attempt WHERE id = ?1", [attempt], |r| {
                r.get(0)
            })
            .map_err(e)?;
        tx.execute(
            "UPDATE attempt SET finished_at = ?2, abandoned = 0, used_secs = ?3, correct = ?4, total = ?5, scaled = ?6, passed = ?7,
                pass_mark = ?8, pillars = ?9, sections = ?10, domains = ?11,
                answered = (SELECT count(*) FROM response WHERE attempt_id = ?1 AND chosen <> '[]')
             WHERE id = ?1",
            params![
                attempt,
                timestamp(now),
                used_secs as i64,
                outcome.correct as i64,
                outcome.total as i64,
                outcome.scaled as i64,
                outcome.passed,
                outcome.pass_mark as i64,
                json(&outcome.pillars),
                json(&outcome.sections),
                json(&outcome.domains)
            ],
        )
        .map_err(e)?;
        let ids: Vec<String> = {
            let mut stmt = tx
                .prepare("SELECT question_id FROM response WHERE attempt_id = ?1 ORDER BY position")
                .map_err(e)?;
            stmt.query_map([attempt], |r| r.get(0))
                .map_err(e)?
                .collect::<Result<_, _>>()
                .map_err(e)?
        };
        for (k, (id, ok)) in ids.iter().zip(&outcome.responses).enumerate() {
            tx.execute(
                "UPDATE response SET correct = ?3 WHERE attempt_id = ?1 AND position = ?2",
                params![attempt, k as i64, ok],
            )
            .map_err(e)?;
            super::review::record_answer(&tx, &bank_code, id, *ok, now).map_err(e)?;
        }
        tx.commit().map_err(e)
    }

    /// Add one answered question to an untimed attempt (drill or review) and schedule it.
    pub fn append_response(
        &mut self,
        attempt: i64,
        response: &NewResponse,
        chosen: &[usize],
        correct: bool,
        seconds: u64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.display().to_string();
        let e = |e| super::classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let (bank_code, position): (String, i64) = tx
            .query_row(
                "SELECT bank_code, (SELECT count(*) FROM response WHERE attempt_id = ?1) FROM attempt WHERE id = ?1",
                [attempt],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(e)?;
        tx.execute(
            "INSERT INTO response (attempt_id, position, question_id, pillar, section, option_order, chosen, correct, seconds)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                attempt,
                position,
                response.question_id,
                response.pillar,
                response.section,
                json(&response.option_order),
                json(&chosen),
                correct,
                seconds as i64
            ],
        )
        .map_err(e)?;
        let (total, right): (i64, i64) = tx
            .query_row(
                "SELECT count(*), coalesce(sum(correct), 0) FROM response WHERE attempt_id = ?1",
                [attempt],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(e)?;
        // Untimed attempts are finished as they go: their score is the running tally.
        tx.execute(
            "UPDATE attempt SET finished_at = ?2, questions = ?3, answered = ?3, total = ?3, correct = ?4,
                used_secs = used_secs + ?5
             WHERE id = ?1",
            params![attempt, timestamp(now), total, right, seconds as i64],
        )
        .map_err(e)?;
        super::review::record_answer(&tx, &bank_code, &response.question_id, correct, now).map_err(e)?;
        tx.commit().map_err(e)
    }

    /// Unfinished exams of a bank, newest first, each with whether another live Proctor runs it.
    fn unfinished(&self, bank_code: &str) -> Result<Vec<(i64, bool)>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, owner_pid, heartbeat FROM attempt
                 WHERE bank_code = ?1 AND mode = 'exam' AND finished_at IS NULL AND abandoned = 0
                 ORDER BY id DESC",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([bank_code], |r| {
                let pid: Option<i64> = r.get("owner_pid")?;
                let heartbeat: Option<String> = r.get("heartbeat")?;
                Ok((
                    r.get("id")?,
                    owned_elsewhere(pid, heartbeat.as_deref(), Utc::now()),
                ))
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    /// Set aside every unfinished exam of a bank that no other live window is running (one exam is
    /// resumable at a time). Says how many were set aside and how many run in other windows.
    pub fn abandon_unfinished(&mut self, bank_code: &str) -> Result<SetAside, StoreError> {
        let mut result = SetAside::default();
        for (id, elsewhere) in self.unfinished(bank_code)? {
            if elsewhere {
                result.running_elsewhere += 1;
            } else {
                self.abandon(id)?;
                result.abandoned += 1;
            }
        }
        Ok(result)
    }

    /// Give up an attempt in progress; it stays in history, marked abandoned.
    pub fn abandon(&mut self, attempt: i64) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE attempt SET abandoned = 1 WHERE id = ?1", [attempt])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// This window no longer runs the exam (it was left, or Proctor is closing): others may resume it.
    pub fn release(&mut self, attempt: i64) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE attempt SET owner_pid = NULL, heartbeat = NULL WHERE id = ?1 AND owner_pid = ?2",
                params![attempt, std::process::id()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The newest exam of this bank that was neither finished nor abandoned and that no other live
    /// window is running.
    pub fn in_progress(&self, bank_code: &str) -> Result<Option<AttemptRecord>, StoreError> {
        let free = self
            .unfinished(bank_code)?
            .into_iter()
            .find(|(_, elsewhere)| !elsewhere);
        free.map(|(id, _)| self.attempt(id)).transpose()
    }

    /// How many unfinished exams of this bank other live windows are running.
    pub fn running_elsewhere(&self, bank_code: &str) -> Result<usize, StoreError> {
        Ok(self.unfinished(bank_code)?.iter().filter(|(_, e)| *e).count())
    }

    pub fn attempt(&self, id: i64) -> Result<AttemptRecord, StoreError> {
        let e = |e| self.err(e);
        let (summary, bank_hash, current) = self
            .conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS}, bank_hash, current FROM attempt WHERE id = ?1"),
                [id],
                |r| {
                    Ok((
                        summary(r)?,
                        r.get::<_, String>("bank_hash")?,
                        natural(r, "current")? as usize,
                    ))
                },
            )
            .map_err(e)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT position, question_id, pillar, section, option_order, chosen, correct, marked, seconds
                 FROM response WHERE attempt_id = ?1 ORDER BY position",
            )
            .map_err(e)?;
        let responses = stmt
            .query_map([id], response_record)
            .map_err(e)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(e)?;
        Ok(AttemptRecord {
            summary,
            bank_hash,
            current,
            responses,
        })
    }

    /// Every attempt, newest first (optionally only one bank's).
    pub fn summaries(
        &self,
        bank_code: Option<&str>,
        detail: Detail,
    ) -> Result<Vec<AttemptSummary>, StoreError> {
        let e = |e| self.err(e);
        let sql = format!(
            "SELECT {BRIEF_COLUMNS} FROM attempt WHERE (?1 IS NULL OR bank_code = ?1) ORDER BY started_at DESC, id DESC"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(e)?;
        let rows = stmt
            .query_map(params![bank_code, detail as i64], summary)
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    /// The newest finished exam of a bank.
    pub fn last_exam(&self, bank_code: &str) -> Result<Option<AttemptSummary>, StoreError> {
        let sql = format!(
            "SELECT {BRIEF_COLUMNS} FROM attempt WHERE bank_code = ?1 AND mode = 'exam' AND finished_at IS NOT NULL
             AND abandoned = 0 ORDER BY started_at DESC, id DESC LIMIT 1"
        );
        self.conn
            .query_row(&sql, params![bank_code, Detail::Pillars as i64], summary)
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The best scaled score of each practice test (1-based form number) finished with this bank.
    pub fn best_per_form(&self, bank_code: &str) -> Result<Vec<(usize, u32)>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT form, max(scaled) AS best FROM attempt
                 WHERE bank_code = ?1 AND mode = 'exam' AND finished_at IS NOT NULL AND abandoned = 0
                   AND form IS NOT NULL AND scaled IS NOT NULL
                 GROUP BY form ORDER BY form",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([bank_code], |r| {
                Ok((natural(r, "form")? as usize, natural(r, "best")? as u32))
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    /// Read a little of every table, so a damaged file is found before anything is written to it.
    pub fn probe(&self) -> Result<(), StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM attempt) + (SELECT count(*) FROM card) + (SELECT count(*) FROM question_stat)",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Accuracy per pillar and section over the last `n` finished attempts of a bank, weakest first.
    pub fn trend(&self, bank_code: &str, n: usize) -> Result<Trend, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT pillars, sections FROM attempt WHERE bank_code = ?1 AND finished_at IS NOT NULL AND abandoned = 0
                 ORDER BY started_at DESC, id DESC LIMIT ?2",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map(params![bank_code, n as i64], |r| {
                Ok((
                    parse::<Vec<Tally>>(r, "pillars")?,
                    parse::<Vec<Tally>>(r, "sections")?,
                ))
            })
            .map_err(e)?;
        let mut trend = Trend::default();
        for row in rows {
            let (pillars, sections) = row.map_err(e)?;
            trend.attempts += 1;
            merge(&mut trend.pillars, pillars);
            merge(&mut trend.sections, sections);
        }
        weakest_first(&mut trend.pillars);
        weakest_first(&mut trend.sections);
        Ok(trend)
    }

    /// Questions answered wrong most often: (id, wrong, answered), most wrong first.
    pub fn most_wrong(
        &self,
        bank_code: &str,
        limit: usize,
    ) -> Result<Vec<(String, usize, usize)>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT question_id, wrong, answered FROM question_stat WHERE bank_code = ?1 AND wrong > 0
                 ORDER BY wrong DESC, answered ASC, question_id LIMIT ?2",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map(params![bank_code, limit as i64], |r| {
                Ok((
                    r.get("question_id")?,
                    natural(r, "wrong")? as usize,
                    natural(r, "answered")? as usize,
                ))
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    /// Ids of every question of this bank answered at least once.
    pub fn seen(&self, bank_code: &str) -> Result<HashSet<String>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare("SELECT question_id FROM question_stat WHERE bank_code = ?1")
            .map_err(e)?;
        let rows = stmt.query_map([bank_code], |r| r.get(0)).map_err(e)?;
        rows.collect::<Result<HashSet<_>, _>>().map_err(e)
    }
}

/// What [`Store::abandon_unfinished`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SetAside {
    pub abandoned: usize,
    pub running_elsewhere: usize,
}

/// How long an exam's owner may go without a heartbeat (the app saves its clock every 10 seconds)
/// before others may take the exam over.
const LEASE_SECS: i64 = 30;

/// Whether another Proctor process that is still alive has written this exam lately.
fn owned_elsewhere(pid: Option<i64>, heartbeat: Option<&str>, now: DateTime<Utc>) -> bool {
    let (Some(pid), Some(heartbeat)) = (pid, heartbeat) else {
        return false;
    };
    let Ok(pid) = u32::try_from(pid) else {
        return false;
    };
    let fresh = DateTime::parse_from_rfc3339(heartbeat)
        .is_ok_and(|t| (now - t.with_timezone(&Utc)).num_seconds() < LEASE_SECS);
    pid != std::process::id() && fresh && process_alive(pid)
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 checks that the process exists without touching it; EPERM means it exists as another user.
    // SAFETY: kill with signal 0 sends nothing and has no memory effects.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a cheap portable check the heartbeat alone decides.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

fn merge(into: &mut Vec<Tally>, from: Vec<Tally>) {
    for t in from {
        match into.iter_mut().find(|x| x.id == t.id) {
            Some(x) => {
                x.correct += t.correct;
                x.total += t.total;
            }
            None => into.push(t),
        }
    }
}

fn weakest_first(tallies: &mut [Tally]) {
    tallies.sort_by(|a, b| {
        (a.correct * b.total)
            .cmp(&(b.correct * a.total))
            .then(b.total.cmp(&a.total))
            .then(a.id.cmp(&b.id))
    });
}

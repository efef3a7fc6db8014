//! Attempts and responses: what is stored, and how an attempt is started, saved as it changes and
//! finished with its score.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::review::{Answer, Grade};
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

/// Where an attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InProgress,
    Finished,
    Abandoned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Finished => "finished",
            Status::Abandoned => "abandoned",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl rusqlite::ToSql for Mode {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for Mode {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match value.as_str()? {
            "exam" => Ok(Mode::Exam),
            "drill" => Ok(Mode::Drill),
            "review" => Ok(Mode::Review),
            other => Err(rusqlite::types::FromSqlError::Other(
                format!("column mode: unknown mode {other:?}").into(),
            )),
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
    /// The learner marked the answer as unsure.
    #[serde(default)]
    pub unsure: bool,
}

/// One checked answer of an untimed attempt (drill or review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given<'a> {
    pub chosen: &'a [usize],
    pub correct: bool,
    pub unsure: bool,
    pub seconds: u64,
    /// Faster than this, a sure right answer is rated Easy (half the exam's pace).
    pub fast_secs: Option<u64>,
}

/// The score of one pillar, domain or section of a stored attempt, named by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartScore {
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
    pub pillars: Vec<PartScore>,
    pub sections: Vec<PartScore>,
    /// Per domain, when the bank declares domains.
    #[serde(default)]
    pub domains: Vec<PartScore>,
    /// Correctness per position.
    pub responses: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptSummary {
    pub id: i64,
    /// Stable across machines: what `import` uses to tell attempts apart.
    pub uid: String,
    pub mode: Mode,
    pub title: String,
    pub bank_code: String,
    pub seed: u64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: Status,
    pub questions: usize,
    pub answered: usize,
    pub correct: Option<usize>,
    pub scaled: Option<u32>,
    pub passed: Option<bool>,
    pub used_secs: u64,
    pub time_limit_secs: Option<u64>,
    /// The practice test this exam was (1-based), if it was one.
    pub form: Option<usize>,
    pub pillars: Vec<PartScore>,
    pub sections: Vec<PartScore>,
    /// Per domain, when the bank declares domains (empty otherwise).
    pub domains: Vec<PartScore>,
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
    pub unsure: bool,
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
    pub pillars: Vec<PartScore>,
    pub sections: Vec<PartScore>,
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serializes")
}

impl Store {
    /// Record a new attempt and its questions; returns its id.
    pub fn start_attempt(&mut self, a: &NewAttempt) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO attempt (mode, title, bank_code, bank_hash, seed, started_at, time_limit_secs, questions,
                    owner_pid, heartbeat, form, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    a.mode,
                    a.title,
                    a.bank_code,
                    a.bank_hash,
                    a.seed as i64,
                    timestamp(a.started_at),
                    a.time_limit_secs.map(|s| s as i64),
                    a.responses.len() as i64,
                    std::process::id(),
                    timestamp(Utc::now()),
                    a.form.map(|f| f as i64),
                    format!("{:032x}", rand::random::<u128>())
                ],
            )
            ?;
            let id = tx.last_insert_rowid();
            {
                let mut insert = tx
                    .prepare(
                        "INSERT INTO response (attempt_id, position, question_id, pillar, section, option_order)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )
                    ?;
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
                        ?;
                }
            }
            Ok(id)
        })
    }

    /// Save what changed in an attempt in progress, and its clock, in one transaction.
    pub fn save_progress(
        &mut self,
        attempt: i64,
        changed: &[ResponseState],
        current: usize,
        used_secs: u64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            {
                let mut update = tx.prepare_cached(
                    "UPDATE response SET chosen = ?3, marked = ?4, seconds = ?5, unsure = ?6
                         WHERE attempt_id = ?1 AND position = ?2",
                )?;
                for r in changed {
                    update.execute(params![
                        attempt,
                        r.position as i64,
                        json(&r.chosen),
                        r.marked,
                        r.seconds as i64,
                        r.unsure
                    ])?;
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
            )?;
            Ok(())
        })
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
        self.write(|tx| {
            let (bank_code, limit, questions): (String, Option<i64>, i64) = tx.query_row(
                "SELECT bank_code, time_limit_secs, questions FROM attempt WHERE id = ?1",
                [attempt],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            // Half this exam's pace: a sure right answer faster than that is rated Easy.
            let fast = limit
                .filter(|_| questions > 0)
                .map(|l| (l.max(0) / questions / 2) as u64);
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
            ?;
            let rows: Vec<(String, bool, i64)> = {
                let mut stmt = tx.prepare(
                    "SELECT question_id, unsure, seconds FROM response WHERE attempt_id = ?1 ORDER BY position",
                )?;
                stmt.query_map([attempt], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<Result<_, _>>()?
            };
            for (k, ((id, unsure, seconds), &correct)) in rows.iter().zip(&outcome.responses).enumerate() {
                tx.execute(
                    "UPDATE response SET correct = ?3 WHERE attempt_id = ?1 AND position = ?2",
                    params![attempt, k as i64, correct],
                )
                ?;
                let answer = Answer {
                    correct,
                    unsure: *unsure,
                    grade: Grade::of(correct, *unsure, (*seconds).max(0) as u64, fast),
                };
                super::review::record_answer(tx, &bank_code, id, answer, now)?;
            }
            Ok(())
        })
    }

    /// Add one answered question to an untimed attempt (drill or review) and schedule it.
    pub fn append_response(
        &mut self,
        attempt: i64,
        response: &NewResponse,
        given: &Given<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Given {
            chosen,
            correct,
            unsure,
            seconds,
            fast_secs,
        } = *given;
        self.write(|tx| {
            let (bank_code, position): (String, i64) = tx
                .query_row(
                    "SELECT bank_code, (SELECT count(*) FROM response WHERE attempt_id = ?1) FROM attempt WHERE id = ?1",
                    [attempt],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                ?;
            tx.execute(
                "INSERT INTO response (attempt_id, position, question_id, pillar, section, option_order, chosen, correct,
                    seconds, unsure)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    attempt,
                    position,
                    response.question_id,
                    response.pillar,
                    response.section,
                    json(&response.option_order),
                    json(&chosen),
                    correct,
                    seconds as i64,
                    unsure
                ],
            )
            ?;
            let (total, right): (i64, i64) = tx
                .query_row(
                    "SELECT count(*), coalesce(sum(correct), 0) FROM response WHERE attempt_id = ?1",
                    [attempt],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                ?;
            // Untimed attempts are finished as they go: their score is the running tally.
            tx.execute(
                "UPDATE attempt SET finished_at = ?2, questions = ?3, answered = ?3, total = ?3, correct = ?4,
                    used_secs = used_secs + ?5
                 WHERE id = ?1",
                params![attempt, timestamp(now), total, right, seconds as i64],
            )
            ?;
            let answer = Answer {
                correct,
                unsure,
                grade: Grade::of(correct, unsure, seconds, fast_secs),
            };
            super::review::record_answer(tx, &bank_code, &response.question_id, answer, now)?;
            Ok(())
        })
    }
}

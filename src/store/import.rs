//! `proctor import`: merge another machine's `export --format json` into this history. An attempt
//! already here (by its uid) is skipped, so importing a file twice, or this machine's own export,
//! changes nothing. Review cards and tallies are rebuilt from every scored answer afterwards.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Deserialize;

use super::attempts::{Mode, PartScore, Status};
use super::review::{Answer, Grade};
use super::{Store, StoreError};

#[derive(Debug, Deserialize)]
struct In {
    #[serde(default)]
    uid: String,
    mode: Mode,
    title: String,
    bank_code: String,
    seed: u64,
    started_at: String,
    finished_at: Option<String>,
    status: Status,
    questions: usize,
    answered: usize,
    correct: Option<usize>,
    scaled: Option<u32>,
    passed: Option<bool>,
    used_secs: u64,
    time_limit_secs: Option<u64>,
    #[serde(default)]
    form: Option<usize>,
    #[serde(default)]
    pillars: Vec<PartScore>,
    #[serde(default)]
    sections: Vec<PartScore>,
    #[serde(default)]
    domains: Vec<PartScore>,
    responses: Vec<InResponse>,
}

#[derive(Debug, Deserialize)]
struct InResponse {
    /// 1-based, as exported.
    position: usize,
    question_id: String,
    pillar: String,
    section: String,
    option_order: Vec<usize>,
    chosen: Vec<usize>,
    correct: Option<bool>,
    marked: bool,
    seconds: u64,
    #[serde(default)]
    unsure: bool,
}

/// How an import went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub added: usize,
    pub skipped: usize,
}

/// Why a file cannot be imported; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not a Proctor export ({0}); make one with `proctor export --format json`")]
    NotAnExport(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serializes")
}

/// A Proctor export, read and checked before anything is written anywhere.
#[derive(Debug)]
pub struct Export(Vec<In>);

impl Export {
    pub fn parse(text: &str) -> Result<Export, ImportError> {
        serde_json::from_str(text)
            .map(Export)
            .map_err(|e| ImportError::NotAnExport(e.to_string()))
    }
}

impl Store {
    /// Merge an export's attempts, all in one transaction.
    pub fn import(&mut self, export: &Export) -> Result<Imported, ImportError> {
        let attempts = &export.0;
        let mut done = Imported::default();
        self.write(|tx| {
            // Exports list newest first; oldest first keeps their order here too.
            for a in attempts.iter().rev() {
                // Exports from before uids had none: the same key the migration gave those attempts.
                let uid = if a.uid.is_empty() {
                    format!("legacy:{}:{}:{}", a.bank_code, a.started_at, a.seed as i64)
                } else {
                    a.uid.clone()
                };
                let present: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM attempt WHERE uid = ?1)", [&uid], |r| {
                    r.get(0)
                })?;
                if present {
                    done.skipped += 1;
                    continue;
                }
                tx.execute(
                    "INSERT INTO attempt (mode, title, bank_code, bank_hash, seed, started_at, finished_at, abandoned,
                        time_limit_secs, used_secs, questions, answered, correct, total, scaled, passed, pillars,
                        sections, domains, form, uid)
                     VALUES (?1, ?2, ?3, 'imported', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?10, ?13, ?14, ?15, ?16,
                        ?17, ?18, ?19)",
                    params![
                        a.mode,
                        a.title,
                        a.bank_code,
                        a.seed as i64,
                        a.started_at,
                        a.finished_at,
                        a.status == Status::Abandoned,
                        a.time_limit_secs.map(|s| s as i64),
                        a.used_secs as i64,
                        a.questions as i64,
                        a.answered as i64,
                        a.correct.map(|c| c as i64),
                        a.scaled.map(i64::from),
                        a.passed,
                        json(&a.pillars),
                        json(&a.sections),
                        json(&a.domains),
                        a.form.map(|f| f as i64),
                        uid
                    ],
                )?;
                let id = tx.last_insert_rowid();
                for r in &a.responses {
                    tx.execute(
                        "INSERT INTO response (attempt_id, position, question_id, pillar, section, option_order,
                            chosen, correct, marked, seconds, unsure)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        params![
                            id,
                            r.position.saturating_sub(1) as i64,
                            r.question_id,
                            r.pillar,
                            r.section,
                            json(&r.option_order),
                            json(&r.chosen),
                            r.correct,
                            r.marked,
                            r.seconds as i64,
                            r.unsure
                        ],
                    )?;
                }
                done.added += 1;
            }
            if done.added > 0 {
                rebuild_reviews(tx)?;
            }
            Ok(())
        })?;
        Ok(done)
    }
}

/// Review cards and per-question tallies, replayed from every scored answer in the order given.
fn rebuild_reviews(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch("DELETE FROM card; DELETE FROM question_stat;")?;
    let mut stmt = tx.prepare(
        "SELECT a.bank_code, r.question_id, r.correct, r.unsure, r.seconds,
            coalesce(a.finished_at, a.started_at) AS at,
            a.time_limit_secs / nullif(a.questions, 0) / 2 AS fast
         FROM response r JOIN attempt a ON a.id = r.attempt_id
         WHERE r.correct IS NOT NULL AND a.finished_at IS NOT NULL
         ORDER BY coalesce(a.finished_at, a.started_at), a.id, r.position",
    )?;
    let mut rows = stmt.query([])?;
    let mut answers = Vec::new();
    while let Some(r) = rows.next()? {
        let (correct, unsure, seconds): (bool, bool, i64) =
            (r.get("correct")?, r.get("unsure")?, r.get("seconds")?);
        let fast: Option<i64> = r.get("fast")?;
        let answer = Answer {
            correct,
            unsure,
            grade: Grade::of(
                correct,
                unsure,
                seconds.max(0) as u64,
                fast.map(|f| f.max(0) as u64),
            ),
        };
        let (bank, question, at): (String, String, String) = (r.get(0)?, r.get(1)?, r.get("at")?);
        answers.push((bank, question, answer, at));
    }
    drop(rows);
    drop(stmt);
    for (bank, question, answer, at) in answers {
        let at = DateTime::parse_from_rfc3339(&at).map_or_else(|_| Utc::now(), |t| t.with_timezone(&Utc));
        super::review::record_answer(tx, &bank, &question, answer, at)?;
    }
    Ok(())
}

//! Reading attempts back: every value checked by column name, so a damaged row is reported, never a
//! panic; summaries, trends and per-question tallies.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Row, params};
use serde::Deserialize;

use super::attempts::{AttemptRecord, AttemptSummary, PartScore, ResponseRecord, Status, Trend};
use super::{Store, StoreError};

/// A column of the summary queries: its name, and its position in them (checked by a test), so the
/// rows read on every history listing do not look names up one by one.
#[derive(Debug, Clone, Copy)]
struct Col(&'static str, usize);

/// A column a value is read from: by name, or by a [`Col`] whose position is known.
pub(super) trait Column: Copy + std::fmt::Display {
    fn read<T: rusqlite::types::FromSql>(self, row: &Row<'_>) -> rusqlite::Result<T>;
}

impl Column for &str {
    fn read<T: rusqlite::types::FromSql>(self, row: &Row<'_>) -> rusqlite::Result<T> {
        row.get(self)
    }
}

impl Column for Col {
    fn read<T: rusqlite::types::FromSql>(self, row: &Row<'_>) -> rusqlite::Result<T> {
        row.get(self.1)
    }
}

impl std::fmt::Display for Col {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The columns of [`SUMMARY_COLUMNS`] and [`BRIEF_COLUMNS`], in order.
const SUMMARY: [Col; 20] = [
    Col("id", 0),
    Col("mode", 1),
    Col("title", 2),
    Col("bank_code", 3),
    Col("seed", 4),
    Col("started_at", 5),
    Col("finished_at", 6),
    Col("abandoned", 7),
    Col("questions", 8),
    Col("answered", 9),
    Col("correct", 10),
    Col("scaled", 11),
    Col("passed", 12),
    Col("used_secs", 13),
    Col("time_limit_secs", 14),
    Col("form", 15),
    Col("pillars", 16),
    Col("sections", 17),
    Col("domains", 18),
    Col("uid", 19),
];

/// A value that is stored but makes no sense; reported as a damaged history, never a panic.
fn damaged(column: impl std::fmt::Display, why: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("column {column}: {why}").into(),
    )
}

/// JSON we wrote; anything else means the file was damaged or edited.
fn parse<T: for<'de> Deserialize<'de> + Default>(row: &Row<'_>, column: impl Column) -> rusqlite::Result<T> {
    match column.read::<Option<String>>(row)? {
        None => Ok(T::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| damaged(column, e)),
    }
}

/// A count, position or number of seconds: never negative, and small enough for time arithmetic.
pub(super) fn natural(row: &Row<'_>, column: impl Column) -> rusqlite::Result<u64> {
    natural_opt(row, column)?.ok_or_else(|| damaged(column, "missing"))
}

fn natural_opt(row: &Row<'_>, column: impl Column) -> rusqlite::Result<Option<u64>> {
    // Ten years of seconds is far more than any attempt; past that a value is damage, not time.
    const MAX: i64 = 10 * 366 * 24 * 3600;
    match column.read::<Option<i64>>(row)? {
        None => Ok(None),
        Some(v) if (0..=MAX).contains(&v) => Ok(Some(v as u64)),
        Some(v) => Err(damaged(column, format!("{v} is out of range"))),
    }
}

const SUMMARY_COLUMNS: &str = "id, mode, title, bank_code, seed, started_at, finished_at, abandoned, questions, answered, \
     correct, scaled, passed, used_secs, time_limit_secs, form, pillars, sections, domains, uid";

/// Summary columns with the JSON tallies only when asked for (parsing them is most of the cost).
const BRIEF_COLUMNS: &str = "id, mode, title, bank_code, seed, started_at, finished_at, abandoned, questions, answered, \
     correct, scaled, passed, used_secs, time_limit_secs, form, CASE WHEN ?2 >= 1 THEN pillars END AS pillars, \
     CASE WHEN ?2 >= 2 THEN sections END AS sections, CASE WHEN ?2 >= 1 THEN domains END AS domains, uid";

/// A question and how often it was answered wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    pub question_id: String,
    pub wrong: usize,
    pub answered: usize,
}

/// How much of each attempt [`Store::summaries`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// No per-pillar or per-section tallies.
    Brief = 0,
    Pillars = 1,
    Full = 2,
}

fn summary(row: &Row<'_>) -> rusqlite::Result<AttemptSummary> {
    let [
        id,
        mode,
        title,
        bank_code,
        seed,
        started_at,
        finished_at,
        abandoned,
        questions,
        answered,
        correct,
        scaled,
        passed,
        used_secs,
        time_limit_secs,
        form,
        pillars,
        sections,
        domains,
        uid,
    ] = SUMMARY;
    let finished_at: Option<String> = finished_at.read(row)?;
    let abandoned: bool = abandoned.read(row)?;
    let status = match (&finished_at, abandoned) {
        (_, true) => Status::Abandoned,
        (Some(_), _) => Status::Finished,
        (None, _) => Status::InProgress,
    };
    Ok(AttemptSummary {
        id: id.read(row)?,
        uid: uid.read::<Option<String>>(row)?.unwrap_or_default(),
        mode: mode.read(row)?,
        title: title.read(row)?,
        bank_code: bank_code.read(row)?,
        // Any 64 bits are a seed; stored as SQLite's signed integer.
        seed: seed.read::<i64>(row)? as u64,
        started_at: started_at.read(row)?,
        finished_at,
        status,
        questions: natural(row, questions)? as usize,
        answered: natural(row, answered)? as usize,
        correct: natural_opt(row, correct)?.map(|v| v as usize),
        scaled: natural_opt(row, scaled)?.map(|v| v as u32),
        passed: passed.read(row)?,
        used_secs: natural(row, used_secs)?,
        time_limit_secs: natural_opt(row, time_limit_secs)?,
        form: natural_opt(row, form)?.map(|f| f as usize),
        pillars: parse(row, pillars)?,
        sections: parse(row, sections)?,
        domains: parse(row, domains)?,
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
        unsure: r.get("unsure")?,
    })
}

impl Store {
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
                "SELECT position, question_id, pillar, section, option_order, chosen, correct, marked, seconds, unsure
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
                    parse::<Vec<PartScore>>(r, "pillars")?,
                    parse::<Vec<PartScore>>(r, "sections")?,
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

    /// Questions answered wrong most often, most wrong first.
    pub fn most_wrong(&self, bank_code: &str, limit: usize) -> Result<Vec<Missed>, StoreError> {
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
                Ok(Missed {
                    question_id: r.get("question_id")?,
                    wrong: natural(r, "wrong")? as usize,
                    answered: natural(r, "answered")? as usize,
                })
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

fn merge(into: &mut Vec<PartScore>, from: Vec<PartScore>) {
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

fn weakest_first(tallies: &mut [PartScore]) {
    tallies.sort_by(|a, b| {
        crate::score::weaker((a.correct, a.total), (b.correct, b.total)).then(a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixed positions of [`SUMMARY`] are the positions of its names in both summary queries.
    #[test]
    fn summary_columns_are_where_their_names_say() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_dir(dir.path()).unwrap();
        for columns in [SUMMARY_COLUMNS, BRIEF_COLUMNS] {
            let sql = format!("SELECT {columns} FROM attempt WHERE ?1 IS NULL OR ?2 IS NULL");
            let stmt = store.conn.prepare(&sql).unwrap();
            for Col(name, at) in SUMMARY {
                assert_eq!(stmt.column_index(name).unwrap(), at, "{name}");
            }
        }
    }
}

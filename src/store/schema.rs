//! The history's schema: forward-only migrations versioned with `PRAGMA user_version`, and the tables
//! and columns the code relies on, checked before anything is written.

use rusqlite::TransactionBehavior;

use super::{Store, StoreError, classify};

/// Each entry moves the schema from version `i` to `i + 1`. Never edit a released entry: add one.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: attempts and their responses.
    "CREATE TABLE attempt (
        id INTEGER PRIMARY KEY,
        mode TEXT NOT NULL CHECK (mode IN ('exam', 'drill', 'review')),
        title TEXT NOT NULL,
        bank_code TEXT NOT NULL,
        bank_hash TEXT NOT NULL,
        seed INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        abandoned INTEGER NOT NULL DEFAULT 0,
        time_limit_secs INTEGER,
        used_secs INTEGER NOT NULL DEFAULT 0,
        questions INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        current INTEGER NOT NULL DEFAULT 0,
        correct INTEGER,
        total INTEGER,
        scaled INTEGER,
        passed INTEGER,
        pass_mark INTEGER,
        pillars TEXT,
        sections TEXT
    );
    CREATE INDEX attempt_started ON attempt (started_at);
    CREATE TABLE response (
        attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        pillar TEXT NOT NULL,
        section TEXT NOT NULL,
        option_order TEXT NOT NULL,
        chosen TEXT NOT NULL DEFAULT '[]',
        correct INTEGER,
        marked INTEGER NOT NULL DEFAULT 0,
        seconds INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (attempt_id, position)
    );",
    // 2: spaced review of wrong answers (FSRS cards) and per-question tallies, backfilled.
    "CREATE TABLE card (
        bank_code TEXT NOT NULL,
        question_id TEXT NOT NULL,
        due TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (bank_code, question_id)
    );
    CREATE INDEX card_due ON card (bank_code, due);
    CREATE TABLE question_stat (
        bank_code TEXT NOT NULL,
        question_id TEXT NOT NULL,
        answered INTEGER NOT NULL DEFAULT 0,
        wrong INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (bank_code, question_id)
    );
    INSERT INTO question_stat (bank_code, question_id, answered, wrong)
        SELECT a.bank_code, r.question_id, count(*), sum(r.correct = 0)
        FROM response r JOIN attempt a ON a.id = r.attempt_id
        WHERE r.correct IS NOT NULL AND a.finished_at IS NOT NULL
        GROUP BY a.bank_code, r.question_id;",
    // 3: the live owner of an exam in progress (process id and heartbeat), so another window never
    // sets it aside.
    "ALTER TABLE attempt ADD COLUMN owner_pid INTEGER;
    ALTER TABLE attempt ADD COLUMN heartbeat TEXT;",
    // 4: the practice test an exam was (1-based) and its score per domain.
    "ALTER TABLE attempt ADD COLUMN form INTEGER;
    ALTER TABLE attempt ADD COLUMN domains TEXT;",
    // 5: a stable id per attempt, so histories merge across machines. Attempts from before it get one
    // made of what identifies them, which an export from before it gives again on import.
    "ALTER TABLE attempt ADD COLUMN uid TEXT;
    UPDATE attempt SET uid = 'legacy:' || bank_code || ':' || started_at || ':' || seed WHERE uid IS NULL;
    CREATE UNIQUE INDEX attempt_uid ON attempt (uid);",
    // 6: the study loop. An unsure mark per response; each question's last answer (right or wrong,
    // sure or not), backfilled from the latest scored response; bookmarks; problem reports; and an
    // index that lets statistics read the latest answers without sorting every response.
    "ALTER TABLE response ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE question_stat ADD COLUMN last_correct INTEGER;
    ALTER TABLE question_stat ADD COLUMN last_unsure INTEGER NOT NULL DEFAULT 0;
    UPDATE question_stat SET last_correct = (
        SELECT r.correct FROM response r JOIN attempt a ON a.id = r.attempt_id
        WHERE a.bank_code = question_stat.bank_code AND r.question_id = question_stat.question_id
            AND r.correct IS NOT NULL AND a.finished_at IS NOT NULL
        ORDER BY a.finished_at DESC, a.id DESC, r.position DESC LIMIT 1);
    CREATE TABLE bookmark (
        bank_code TEXT NOT NULL,
        question_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (bank_code, question_id)
    );
    CREATE TABLE report (
        id INTEGER PRIMARY KEY,
        bank_code TEXT NOT NULL,
        bank_hash TEXT NOT NULL,
        question_id TEXT NOT NULL,
        note TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX attempt_finished ON attempt (bank_code, finished_at);",
];

/// Every table and column the code reads or writes.
const SCHEMA: &[(&str, &[&str])] = &[
    (
        "attempt",
        &[
            "id",
            "mode",
            "title",
            "bank_code",
            "bank_hash",
            "seed",
            "started_at",
            "finished_at",
            "abandoned",
            "time_limit_secs",
            "used_secs",
            "questions",
            "answered",
            "current",
            "correct",
            "total",
            "scaled",
            "passed",
            "pass_mark",
            "pillars",
            "sections",
            "owner_pid",
            "heartbeat",
            "form",
            "domains",
            "uid",
        ],
    ),
    (
        "response",
        &[
            "attempt_id",
            "position",
            "question_id",
            "pillar",
            "section",
            "option_order",
            "chosen",
            "correct",
            "marked",
            "seconds",
            "unsure",
        ],
    ),
    ("card", &["bank_code", "question_id", "due", "state"]),
    (
        "question_stat",
        &[
            "bank_code",
            "question_id",
            "answered",
            "wrong",
            "last_correct",
            "last_unsure",
        ],
    ),
    ("bookmark", &["bank_code", "question_id", "created_at"]),
    (
        "report",
        &[
            "id",
            "bank_code",
            "bank_hash",
            "question_id",
            "note",
            "created_at",
        ],
    ),
];

impl Store {
    /// The tables and columns this Proctor reads and writes, checked before anything is written, so a
    /// file whose schema was damaged is refused instead of failing later on a missing column.
    pub(super) fn check_schema(&self) -> Result<(), StoreError> {
        for (table, columns) in SCHEMA {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .map_err(|e| self.err(e))?;
            let have: Vec<String> = stmt
                .query_map([table], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .map_err(|e| self.err(e))?;
            if have.is_empty() {
                return Err(self.corrupt(format!("table {table} is missing")));
            }
            if let Some(missing) = columns.iter().find(|c| !have.iter().any(|h| h == *c)) {
                return Err(self.corrupt(format!("table {table} has no column {missing}")));
            }
        }
        Ok(())
    }

    /// Apply the missing migrations, each in its own write transaction. The version is read again
    /// inside it, so two Proctors opening a new file at once do not both migrate.
    pub(super) fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.display().to_string();
        let e = |e| classify(&path, e);
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(e)?;
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(e)?;
            let Some(sql) = MIGRATIONS.get(version as usize) else {
                return Ok(());
            };
            tx.execute_batch(sql).map_err(e)?;
            tx.pragma_update(None, "user_version", version + 1).map_err(e)?;
            tx.commit().map_err(e)?;
        }
    }

    /// Open a store at an exact schema version, for migration tests.
    #[cfg(any(test, feature = "test-support"))]
    pub fn create_at_version(
        path: &std::path::Path,
        version: usize,
    ) -> Result<rusqlite::Connection, rusqlite::Error> {
        let conn = rusqlite::Connection::open(path)?;
        for (i, sql) in MIGRATIONS.iter().enumerate().take(version) {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        Ok(conn)
    }
}

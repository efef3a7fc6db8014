//! Persistent history in SQLite: one `history.db` in the data folder. WAL journal, a busy timeout so
//! two Proctors can share it, foreign keys on, and forward-only migrations versioned with
//! `PRAGMA user_version`. A file that is not ours, is corrupt or is from a newer Proctor is reported
//! and never modified.

mod attempts;
mod export;
mod review;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use attempts::{
    AttemptRecord, AttemptSummary, Detail, NewAttempt, NewResponse, Outcome, ResponseRecord, ResponseState,
    Tally, Trend, timestamp,
};
pub use export::{ExportError, ExportFormat};
pub use review::DueCard;

pub const FILE_NAME: &str = "history.db";

/// Each entry moves the schema from version `i` to `i + 1`. Never edit a released entry: add one.
const MIGRATIONS: &[&str] = &[
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
];

/// The schema version this Proctor writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path}: not a Proctor history database ({detail}); move it aside (for example `mv {path} {path}.bak`) and Proctor will start a new one"
    )]
    NotADatabase { path: String, detail: String },
    #[error(
        "{path}: the history database is damaged ({detail}); move it aside (for example `mv {path} {path}.bak`) and Proctor will start a new one"
    )]
    Corrupt { path: String, detail: String },
    #[error(
        "{path}: written by a newer Proctor (schema {found}, this one knows up to {known}); upgrade Proctor, or move the file aside to start a new history"
    )]
    TooNew { path: String, found: i64, known: i64 },
    #[error(
        "{path}: cannot use the data folder: {source}; pass --data-dir DIR (or PROCTOR_DATA_DIR) to use another"
    )]
    Folder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
}

/// The data folder: the override if given, else the platform's (`~/.local/share/proctor` on Linux).
pub fn data_dir(overridden: Option<&Path>) -> Option<PathBuf> {
    match overridden {
        Some(p) => Some(p.to_path_buf()),
        None => directories::ProjectDirs::from("", "", "proctor").map(|d| d.data_dir().to_path_buf()),
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (creating the folder and file on first use) the history in `dir`.
    /// Open for the app, which writes as it goes: every page is checked first (`PRAGMA quick_check`),
    /// so a damaged file is reported before anything is written to it.
    pub fn open_dir_checked(dir: &Path) -> Result<Store, StoreError> {
        let store = Store::open_dir(dir)?;
        store.verify()?;
        Ok(store)
    }

    /// Check every page of the file.
    pub fn verify(&self) -> Result<(), StoreError> {
        let ok: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if ok == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self.path.display().to_string(),
                detail: ok,
            })
        }
    }

    pub fn open_dir(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            path: dir.display().to_string(),
            source,
        })?;
        Store::open(&dir.join(FILE_NAME))
    }

    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(&shown, e))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| classify(&shown, e))?;
        // Read before writing anything: a foreign, damaged or newer file must stay untouched. A damaged
        // page is found by `probe` below or by the first query that reads it, and reported the same way.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(&shown, e))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: shown,
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        // The journal mode is kept in the file: set it only on a new one, so that opening an existing
        // file writes nothing to it.
        if version == 0 {
            store
                .conn
                .pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| classify(&shown, e))?;
        }
        store
            .conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| classify(&shown, e))?;
        if version < SCHEMA_VERSION {
            store.migrate()?;
        }
        store.probe()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Apply the missing migrations, each in its own write transaction. The version is read again
    /// inside it, so two Proctors opening a new file at once do not both migrate.
    fn migrate(&mut self) -> Result<(), StoreError> {
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

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path.display().to_string(), e)
    }

    /// Make every write fail (as a full disk would), for tests of the retry path.
    #[doc(hidden)]
    pub fn fail_writes_for_tests(&self, on: bool) {
        let _ = self.conn.pragma_update(None, "query_only", on);
    }

    /// Open a store at an exact schema version, for migration tests.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: usize) -> Result<Connection, rusqlite::Error> {
        let conn = Connection::open(path)?;
        for (i, sql) in MIGRATIONS.iter().enumerate().take(version) {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        Ok(conn)
    }
}

fn classify(path: &str, e: rusqlite::Error) -> StoreError {
    let path = path.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path,
            detail: e.to_string(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            detail: e.to_string(),
        },
        _ => StoreError::Sqlite { path, source: e },
    }
}

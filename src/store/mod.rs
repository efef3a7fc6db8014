//! Persistent history in SQLite: one `history.db` in the data folder. WAL journal, a busy timeout so
//! two Proctors can share it, foreign keys on, and forward-only migrations versioned with
//! `PRAGMA user_version`. A file that is not ours, is corrupt or is from a newer Proctor is reported
//! and never modified.

mod attempts;
mod export;
mod import;
mod lease;
mod pending;
mod read;
mod review;
mod schema;
mod study;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use attempts::{
    AttemptRecord, AttemptSummary, Given, Mode, NewAttempt, NewResponse, Outcome, PartScore, ResponseRecord,
    ResponseState, Status, Trend, timestamp,
};
pub use export::{ExportError, ExportFormat};
pub use import::{Export, ImportError, Imported};
pub use lease::SetAside;
pub use pending::FinishedExam;
pub use read::{Detail, Missed};
pub use review::{DueCard, Grade};
pub use study::{NewReport, Report};

pub const FILE_NAME: &str = "history.db";

/// A full integrity check (indexes against tables too) up to this size; past it only pages are checked.
const FULL_CHECK_MAX_BYTES: u64 = 64 << 20;

/// How long the app's writes wait for another writer before failing (and being retried next tick).
const APP_BUSY_TIMEOUT: Duration = Duration::from_millis(50);

/// The schema version this Proctor writes.
pub const SCHEMA_VERSION: i64 = schema::MIGRATIONS.len() as i64;

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
    #[error("{path}: another Proctor is writing the history; will retry")]
    Busy { path: String },
    #[error("{path}: the disk is full; free some space and Proctor will retry")]
    Full { path: String },
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
    /// Open for the app, which writes as it goes (creating the folder and file on first use): the
    /// file is checked first (every page and index, and the schema), so a damaged file is reported
    /// before anything is written to it. Writes wait for another writer only briefly: the app retries
    /// on its next tick instead of freezing a frame.
    pub fn open_dir_checked(dir: &Path) -> Result<Store, StoreError> {
        let store = Store::open_dir(dir)?;
        store.verify()?;
        store
            .conn
            .busy_timeout(APP_BUSY_TIMEOUT)
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// For commands that only read: the history in `dir`, or an empty one in memory when there is no
    /// file yet. Nothing is created, and a file that is not a Proctor history is refused and left as it is.
    pub fn open_for_reading(dir: &Path) -> Result<Store, StoreError> {
        let folder_error = |source| StoreError::Folder {
            path: dir.display().to_string(),
            source,
        };
        if dir.exists() && !dir.is_dir() {
            return Err(folder_error(std::io::Error::other("it is not a folder")));
        }
        let path = dir.join(FILE_NAME);
        match std::fs::symlink_metadata(&path) {
            Ok(_) => return Store::open(&path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(folder_error(e)),
        }
        let conn = Connection::open_in_memory().map_err(|e| classify(&path.display().to_string(), e))?;
        let mut store = Store { conn, path };
        store.migrate()?;
        Ok(store)
    }

    /// Check the file: every page, and every index against its table while that is cheap (a full
    /// `integrity_check`), besides the schema `open` already checked.
    pub fn verify(&self) -> Result<(), StoreError> {
        let size = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        let check = if size <= FULL_CHECK_MAX_BYTES {
            "PRAGMA integrity_check(1)"
        } else {
            "PRAGMA quick_check(1)"
        };
        let ok: String = self
            .conn
            .query_row(check, [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if ok == "ok" { Ok(()) } else { Err(self.corrupt(ok)) }
    }

    fn corrupt(&self, detail: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: self.path.display().to_string(),
            detail: detail.into(),
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
        // Two Proctors opening a new file at once can meet while one sets the journal mode, where
        // SQLite answers "busy" without waiting; the open is retried for as long as a write would wait.
        let start = std::time::Instant::now();
        loop {
            match Store::open_once(path) {
                Err(StoreError::Busy { .. }) if start.elapsed() < Duration::from_secs(5) => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                result => return result,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        check_header(path)?;
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
        store.check_schema()?;
        store.probe()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Run `f` in one write transaction (taken at once, so two writers queue rather than deadlock) and
    /// commit it; any failure rolls it back.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let path = self.path.display().to_string();
        let run = || {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run().map_err(|e| classify(&path, e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path.display().to_string(), e)
    }

    /// Make every write fail (as a full disk would), for tests of the retry path.
    #[cfg(any(test, feature = "test-support"))]
    pub fn fail_writes_for_tests(&self, on: bool) {
        let _ = self.conn.pragma_update(None, "query_only", on);
    }
}

/// A file that exists must be empty (SQLite starts it) or begin with SQLite's header; anything else
/// is refused and left byte for byte, whatever its size. Special files are refused too: reading a FIFO
/// or a device would hang or never end.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let not_ours = |detail: &str| StoreError::NotADatabase {
        path: path.display().to_string(),
        detail: detail.to_string(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::Folder {
                path: path.display().to_string(),
                source,
            });
        }
    };
    if !meta.is_file() {
        return Err(not_ours("not a regular file"));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut head = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|source| StoreError::Folder {
            path: path.display().to_string(),
            source,
        })?;
    if read < head.len() || &head != b"SQLite format 3\0" {
        return Err(not_ours("it does not start with the SQLite header"));
    }
    Ok(())
}

/// Turn a SQLite error into what the user can do about it. A value that cannot be read as what the
/// schema says, a missing table or column, or any other failure of a statement we wrote means the file
/// was damaged (or edited by hand): the message says to move it aside, never a raw SQLite message.
fn classify(path: &str, e: rusqlite::Error) -> StoreError {
    let path = path.to_string();
    let code = e.sqlite_error_code();
    match code {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path,
            detail: e.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        Some(ErrorCode::DiskFull) => StoreError::Full { path },
        Some(
            ErrorCode::CannotOpen
            | ErrorCode::ReadOnly
            | ErrorCode::PermissionDenied
            | ErrorCode::SystemIoFailure
            | ErrorCode::OutOfMemory,
        ) => StoreError::Sqlite { path, source: e },
        _ => StoreError::Corrupt {
            path,
            detail: damage(&e),
        },
    }
}

/// What is wrong with a value, in words rather than SQLite's column indexes.
fn damage(e: &rusqlite::Error) -> String {
    use rusqlite::Error as E;
    match e {
        E::FromSqlConversionFailure(_, _, why) => {
            let why = why.to_string();
            if why.starts_with("column ") {
                why
            } else {
                format!("a stored value cannot be read: {why}")
            }
        }
        E::InvalidColumnType(_, name, found) => format!("column {name} holds {found} where it should not"),
        E::IntegralValueOutOfRange(_, v) => format!("a stored number ({v}) is out of range"),
        E::Utf8Error(..) => "a stored text is not valid UTF-8".into(),
        other => other.to_string(),
    }
}

//! Who runs an exam in progress: a process id and a heartbeat, so a second window never sets aside
//! an exam another live Proctor is running.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::attempts::AttemptRecord;
use super::{Store, StoreError};

impl Store {
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

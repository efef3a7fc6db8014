//! Finished exams whose save failed. The app retries them until they are stored; if Proctor quits
//! first they are kept in a file beside history.db and stored at the next start.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attempts::{NewAttempt, Outcome, ResponseState};
use super::{Store, StoreError};

/// Everything needed to store a finished exam, whatever was or was not written before.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinishedExam {
    /// Its row in the history, once there is one.
    pub attempt: Option<i64>,
    pub new: NewAttempt,
    pub states: Vec<ResponseState>,
    pub outcome: Outcome,
    pub used_secs: u64,
    pub finished_at: DateTime<Utc>,
}

const PREFIX: &str = "pending-";

impl Store {
    /// Store a finished exam. Each step is its own transaction and the row id is kept as soon as there
    /// is one, so a retry after a failure part-way neither duplicates nor loses anything.
    pub fn record_finished(&mut self, f: &mut FinishedExam) -> Result<(), StoreError> {
        let id = match f.attempt {
            Some(id) => {
                let finished: Option<bool> = self
                    .conn
                    .query_row(
                        "SELECT finished_at IS NOT NULL FROM attempt WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .map(Some)
                    .or_else(|e| match e {
                        rusqlite::Error::QueryReturnedNoRows => Ok(None),
                        e => Err(self.err(e)),
                    })?;
                match finished {
                    Some(true) => return Ok(()),
                    Some(false) => id,
                    None => self.start_attempt(&f.new)?,
                }
            }
            None => self.start_attempt(&f.new)?,
        };
        f.attempt = Some(id);
        self.save_progress(id, &f.states, 0, f.used_secs)?;
        self.finish_attempt(id, &f.outcome, f.used_secs, f.finished_at)
    }

    fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Keep results that could not be stored in a new file beside history.db (written to a temporary
    /// name first, so a half-written file is never read as one).
    pub fn keep_pending(&self, results: &[FinishedExam]) -> std::io::Result<PathBuf> {
        let stamp = Utc::now().format("%Y%m%dT%H%M%S%.f");
        let name = format!("{PREFIX}{stamp}-{}.json", std::process::id());
        let path = self.folder().join(name);
        let tmp = path.with_extension("tmp");
        let text = serde_json::to_string_pretty(results).map_err(std::io::Error::from)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)?;
        Ok(path)
    }

    /// Store the results kept by an earlier run, removing each file once all it holds is stored.
    /// Returns how many results were stored and a sentence for each file that could not be.
    pub fn store_pending(&mut self) -> (usize, Vec<String>) {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(self.folder()) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".json"))
                })
                .collect(),
            Err(_) => return (0, Vec::new()),
        };
        files.sort();
        let (mut stored, mut problems) = (0, Vec::new());
        for file in files {
            let read = std::fs::read_to_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str::<Vec<FinishedExam>>(&t).map_err(|e| e.to_string()));
            let mut results = match read {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!(
                        "{}: not stored ({e}); it is left as it is",
                        file.display()
                    ));
                    continue;
                }
            };
            let mut all = true;
            for r in &mut results {
                match self.record_finished(r) {
                    Ok(()) => stored += 1,
                    Err(e) => {
                        problems.push(format!("{}: not stored yet ({e})", file.display()));
                        all = false;
                        break;
                    }
                }
            }
            if all {
                let _ = std::fs::remove_file(&file);
            } else {
                // Keep what is left, with the row ids found so far, for the next start.
                if let Ok(text) = serde_json::to_string_pretty(&results) {
                    let _ = std::fs::write(&file, text);
                }
            }
        }
        (stored, problems)
    }
}

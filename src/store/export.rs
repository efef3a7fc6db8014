//! `proctor history --json` and `proctor export`: every attempt and response for jq or a spreadsheet.

use std::io::Write;

use serde::Serialize;

use super::attempts::{AttemptSummary, ResponseRecord};
use super::read::Detail;
use super::{Store, StoreError};
use crate::bank::letters;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Serialize)]
struct ExportedAttempt {
    #[serde(flatten)]
    summary: AttemptSummary,
    responses: Vec<ResponseRecord>,
}

/// Letters of the chosen options in the order they were shown ("B;D").
fn chosen_letters(r: &ResponseRecord) -> String {
    letters(&r.option_order, |o| r.chosen.contains(&o))
        .iter()
        .map(char::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

impl Store {
    /// Every attempt as a JSON array, newest first.
    pub fn history_json(&self) -> Result<String, StoreError> {
        let all = self.summaries(None, Detail::Pillars)?;
        Ok(serde_json::to_string(&all).expect("plain data serializes") + "\n")
    }

    /// Every attempt with every response.
    pub fn export(&self, format: ExportFormat, out: &mut dyn Write) -> Result<(), ExportError> {
        let summaries = self.summaries(None, Detail::Full)?;
        match format {
            ExportFormat::Json => {
                let mut all = Vec::with_capacity(summaries.len());
                for summary in summaries {
                    let responses = self.attempt(summary.id)?.responses;
                    all.push(ExportedAttempt { summary, responses });
                }
                serde_json::to_writer_pretty(&mut *out, &all).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
            }
            ExportFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record([
                    "attempt_id",
                    "mode",
                    "bank_code",
                    "started_at",
                    "finished_at",
                    "status",
                    "attempt_scaled",
                    "attempt_passed",
                    "position",
                    "question_id",
                    "pillar",
                    "section",
                    "chosen",
                    "correct",
                    "marked",
                    "seconds",
                ])
                .map_err(std::io::Error::from)?;
                for s in summaries {
                    for r in self.attempt(s.id)?.responses {
                        let opt = |v: Option<String>| v.unwrap_or_default();
                        w.write_record([
                            s.id.to_string(),
                            s.mode.to_string(),
                            s.bank_code.clone(),
                            s.started_at.clone(),
                            opt(s.finished_at.clone()),
                            s.status.to_string(),
                            opt(s.scaled.map(|v| v.to_string())),
                            opt(s.passed.map(|v| v.to_string())),
                            (r.position + 1).to_string(),
                            r.question_id.clone(),
                            r.pillar.clone(),
                            r.section.clone(),
                            chosen_letters(&r),
                            opt(r.correct.map(|v| v.to_string())),
                            r.marked.to_string(),
                            r.seconds.to_string(),
                        ])
                        .map_err(std::io::Error::from)?;
                    }
                }
                w.flush()?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

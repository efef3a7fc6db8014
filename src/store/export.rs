//! `proctor history --json` and `proctor export`: every attempt and response for jq or a spreadsheet.

use std::io::Write;

use serde::Serialize;

use super::attempts::{AttemptSummary, ResponseRecord};
use super::read::Detail;
use super::{Store, StoreError};
use crate::bank::{Bank, letters};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Serialize)]
struct ExportedAttempt {
    #[serde(flatten)]
    summary: AttemptSummary,
    responses: Vec<ExportedResponse>,
}

/// A response as exported: positions 1-based, with the letters as shown so a row stands alone.
#[derive(Serialize)]
struct ExportedResponse {
    #[serde(flatten)]
    record: ResponseRecord,
    /// Letters chosen, as shown ("B;D").
    chosen_letters: String,
    /// Letters of the correct options as shown; empty if the question is no longer in the bank.
    correct_letters: String,
    /// The bank's option numbers (1-based, as written) in the order they were shown ("3;1;2;4").
    shown_order: String,
}

/// Letters as shown of the options `pick` selects.
fn shown_letters(r: &ResponseRecord, pick: impl Fn(usize) -> bool) -> String {
    letters(&r.option_order, pick)
        .iter()
        .map(char::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

fn exported(bank: Option<&Bank>, mut record: ResponseRecord) -> ExportedResponse {
    let correct = bank
        .and_then(|b| {
            b.question_index(&record.question_id)
                .map(|q| b.questions[q].correct_set())
        })
        .unwrap_or_default();
    let chosen_letters = shown_letters(&record, |o| record.chosen.contains(&o));
    let correct_letters = shown_letters(&record, |o| correct.contains(&o));
    let shown_order = record
        .option_order
        .iter()
        .map(|o| (o + 1).to_string())
        .collect::<Vec<_>>()
        .join(";");
    record.position += 1;
    ExportedResponse {
        record,
        chosen_letters,
        correct_letters,
        shown_order,
    }
}

impl Store {
    /// Every attempt as a JSON array, newest first.
    pub fn history_json(&self) -> Result<String, StoreError> {
        let all = self.summaries(None, Detail::Pillars)?;
        Ok(serde_json::to_string(&all).expect("plain data serializes") + "\n")
    }

    /// Every attempt with every response; `bank` gives each response its correct letters.
    pub fn export(
        &self,
        format: ExportFormat,
        bank: Option<&Bank>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        let summaries = self.summaries(None, Detail::Full)?;
        match format {
            ExportFormat::Json => {
                let mut all = Vec::with_capacity(summaries.len());
                for summary in summaries {
                    let responses = self.attempt(summary.id)?.responses;
                    let responses = responses.into_iter().map(|r| exported(bank, r)).collect();
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
                    // Added after the first release: at the end, so scripts that index columns keep working.
                    "shown_order",
                    "correct_letters",
                    "unsure",
                ])
                .map_err(std::io::Error::from)?;
                for s in summaries {
                    for r in self.attempt(s.id)?.responses {
                        let e = exported(bank, r);
                        let r = &e.record;
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
                            r.position.to_string(),
                            r.question_id.clone(),
                            r.pillar.clone(),
                            r.section.clone(),
                            e.chosen_letters.clone(),
                            opt(r.correct.map(|v| v.to_string())),
                            r.marked.to_string(),
                            r.seconds.to_string(),
                            e.shown_order.clone(),
                            e.correct_letters.clone(),
                            r.unsure.to_string(),
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

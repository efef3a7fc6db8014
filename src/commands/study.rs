//! The study loop's commands: `drill --list`, `stats` and `reports`.

use std::io::Write;

use crate::Error;
use crate::bank::{self, Bank};
use crate::cli::{DrillArgs, ExportFormat, Global};
use crate::format::clock;
use crate::stats::{self, Part, Stats};
use crate::store::{ExportError, Store};
use crate::study::{Only, SetSpec};

use super::{load_options, require_store, resolve_ref};

/// The practice set `proctor drill` asks for, and its title.
pub fn practice_set(bank: &Bank, args: &DrillArgs) -> Result<(SetSpec, String), Error> {
    use crate::app::picker::{Topic, topic_filters};
    let topic =
        match args.topic.as_deref() {
            None => Topic::All,
            Some(t) => match bank.pillar_index(t) {
                Some(p) => Topic::Pillar(p),
                None => Topic::Section(resolve_ref(bank, t).map_err(|e| {
                    Error::Usage(format!("{e} (a drill topic is a pillar id or a notes ref)"))
                })?),
            },
        };
    if args.questions == Some(0) {
        return Err(Error::Usage("--questions must be at least 1".into()));
    }
    let (filters, title) = topic_filters(bank, topic);
    let spec = SetSpec {
        filters,
        only: args.only.map_or(Only::All, Into::into),
        search: args.search.clone().unwrap_or_default(),
        count: args.questions,
    };
    Ok((spec, title))
}

/// `proctor drill --list`: the practice set, one question per line (id, tab, the prompt's first words).
pub fn drill_list(global: &Global, args: &DrillArgs, out: &mut impl Write) -> Result<u8, Error> {
    let bank = bank::load_valid(&load_options(global))?;
    let (spec, _) = practice_set(&bank, args)?;
    let study = require_store(global)?.study(&bank.code)?;
    let items = spec.draw(&bank, &study, args.seed.unwrap_or_else(rand::random));
    for item in &items {
        let q = &bank.questions[item.question];
        writeln!(out, "{}\t{}", q.id, q.gist())?;
    }
    Ok(0)
}

/// `proctor stats [--json]`.
pub fn stats(global: &Global, json: bool, out: &mut impl Write) -> Result<u8, Error> {
    let bank = bank::load_valid(&load_options(global))?;
    let evidence = require_store(global)?.evidence(&bank.code, chrono::Utc::now())?;
    let s = stats::compute(&bank, &evidence);
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string(&s).expect("plain data serializes")
        )?;
    } else {
        out.write_all(report(&bank, &s).as_bytes())?;
    }
    Ok(0)
}

fn table(title: &str, parts: &[Part]) -> String {
    let mut text = format!("\n{title:<40} {:>9}  {:>15}\n", "seen", "recent accuracy");
    for p in parts {
        let accuracy = match p.answered {
            0 => "-".to_string(),
            n => format!("{}% of {n}", (100 * p.correct + n / 2) / n),
        };
        let name: String = p.name.chars().take(38).collect();
        text += &format!(
            "  {name:<38} {:>9}  {accuracy:>15}\n",
            format!("{}/{}", p.seen, p.total)
        );
    }
    text
}

/// The statistics for people.
pub fn report(bank: &Bank, s: &Stats) -> String {
    let mut text = format!("{} · {}\n", bank.title(), s.headline());
    match s.readiness {
        Some(_) => {
            text += &format!(
                "Pass mark {}. The interval is 90%; docs/readiness.md says how it is estimated.\n",
                s.pass_mark
            )
        }
        None => {
            text += &format!(
                "Readiness needs answers to {} different questions.\n",
                stats::ready_after(bank)
            )
        }
    }
    text += &format!(
        "Accuracy, time and calibration read the last {} answer(s).\n",
        s.window
    );
    text += &table("Pillars", &s.pillars);
    if !s.domains.is_empty() {
        text += &table("Domains", &s.domains);
    }
    text += &table("Sections", &s.sections);
    text += &format!(
        "\nTime per question: median {}, 90th percentile {}\n",
        clock(s.time.median_secs),
        clock(s.time.p90_secs)
    );
    for slow in &s.time.slowest {
        text += &format!("  {:>6}  {}  {}\n", clock(slow.seconds), slow.id, slow.gist);
    }
    text += &format!(
        "\nSure but wrong (misconceptions, reviewed first): {}\nUnsure but right (lucky guesses, due for review): {}\n",
        s.calibration.sure_wrong, s.calibration.unsure_right
    );
    text
}

/// Every problem report, oldest first, as `export --reports` writes them.
pub fn write_reports(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<(), ExportError> {
    let reports = store.reports(None)?;
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &reports).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "bank_code",
                "bank_hash",
                "question_id",
                "note",
                "created_at",
            ])
            .map_err(std::io::Error::from)?;
            for r in reports {
                w.write_record([
                    r.id.to_string(),
                    r.bank_code,
                    r.bank_hash,
                    r.question_id,
                    r.note,
                    r.created_at,
                ])
                .map_err(std::io::Error::from)?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// `proctor reports [--json]`: what learners reported, for the bank's authors.
pub fn reports(global: &Global, json: bool, out: &mut impl Write) -> Result<u8, Error> {
    let store = require_store(global)?;
    let reports = store.reports(None)?;
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string(&reports).expect("plain data serializes")
        )?;
        return Ok(0);
    }
    if reports.is_empty() {
        writeln!(out, "No problem reports in {}.", store.path().display())?;
    }
    for r in &reports {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            r.created_at, r.bank_code, r.question_id, r.bank_hash, r.note
        )?;
    }
    Ok(0)
}

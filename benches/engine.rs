//! Engine speed on a generated 10,000-question bank: bare typed TOML parse vs full load + validate,
//! sampling a full exam and scoring it. Goal: load + validate within 1.5x of the bare parse.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use proctor::bank::{self, BankSource, LoadOptions};
use proctor::exam::{Filters, sample};
use proctor::score::score;
use serde::Deserialize;

const QUESTIONS: usize = 10_000;
const FILES: usize = 40;
const SECTIONS: usize = 40;
const TOPICS: usize = 8;

/// A plain mirror of the format without spans or checks: the cost of parsing alone.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainFile {
    question: Vec<PlainQuestion>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainQuestion {
    id: String,
    pillar: String,
    refs: Vec<String>,
    difficulty: Option<i64>,
    prompt: String,
    explanation: Option<String>,
    shuffle: Option<bool>,
    option: Vec<PlainOption>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainOption {
    text: String,
    correct: bool,
    why: String,
}

fn generate(dir: &Path) {
    let mut notes = String::from("# Generated notes\n\n");
    for s in 0..SECTIONS {
        let _ = writeln!(notes, "## Section {s}\n\nSome text about section {s}.\n");
        for t in 0..TOPICS {
            let _ = writeln!(
                notes,
                "### Topic {t}\n\n- a fact about topic {t}\n- another fact\n"
            );
        }
    }
    std::fs::write(dir.join("notes.md"), notes).unwrap();
    let pillars = [
        "security",
        "reliability",
        "performance",
        "cost",
        "operations",
        "sustainability",
    ];
    let weights = [28, 24, 23, 19, 4, 2];
    let mut manifest = String::from(
        "[exam]\nname = \"Generated\"\ncode = \"GEN-1\"\nquestions = 65\nminutes = 130\npass_mark = 720\nnotes = \"notes.md\"\n",
    );
    for (p, w) in pillars.iter().zip(weights) {
        let _ = write!(
            manifest,
            "\n[[pillar]]\nid = \"{p}\"\nname = \"{p}\"\nweight = {w}\n"
        );
    }
    std::fs::write(dir.join("bank.toml"), manifest).unwrap();
    let per_file = QUESTIONS / FILES;
    for f in 0..FILES {
        let mut text = String::new();
        for k in 0..per_file {
            let n = f * per_file + k;
            let section = n % SECTIONS;
            let multi = n % 4 == 0;
            let _ = write!(
                text,
                "[[question]]\nid = \"gen-{n:05}\"\npillar = \"{}\"\nrefs = [\"section-{section}/topic-{}\", \"section-{}\"]\ndifficulty = {}\n\
                 prompt = \"\"\"\nA company runs workload {n} and needs it to keep working when one zone fails. \
                 It also wants the lowest cost. Which design meets these requirements?{}\"\"\"\n\
                 explanation = \"\"\"Spread across zones and size to demand; this explanation teaches the principle.\"\"\"\n",
                pillars[n % pillars.len()],
                n % TOPICS,
                (n + 1) % SECTIONS,
                1 + n % 3,
                if multi { " (Select TWO.)" } else { "" },
            );
            let options = if multi { 5 } else { 4 };
            for o in 0..options {
                let correct = o == 0 || (multi && o == 1);
                let _ = write!(
                    text,
                    "\n[[question.option]]\ntext = \"Option {o} for question {n}: run it this particular way\"\ncorrect = {correct}\n\
                     why = \"Because option {o} does or does not meet the requirement for a concrete reason.\"\n"
                );
            }
            text.push('\n');
        }
        std::fs::write(dir.join(format!("q{f:03}.toml")), text).unwrap();
    }
}

fn question_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("bank.toml"))
        .collect();
    files.sort();
    files
}

fn engine(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path());
    let files = question_files(tmp.path());
    let options = LoadOptions {
        source: BankSource::Dir(tmp.path().to_path_buf()),
        notes: None,
    };
    let loaded = bank::load(&options);
    assert_eq!(
        loaded.errors(),
        0,
        "{:?}",
        &loaded.diagnostics[..loaded.diagnostics.len().min(3)]
    );
    let bank = loaded.bank.unwrap();
    assert_eq!(bank.questions.len(), QUESTIONS);

    let mut group = c.benchmark_group("bank_10k");
    group.sample_size(20);
    group.bench_function("a_bare_typed_parse", |b| {
        b.iter(|| {
            let mut n = 0;
            for f in &files {
                let text = std::fs::read_to_string(f).unwrap();
                n += toml::from_str::<PlainFile>(&text).unwrap().question.len();
            }
            assert_eq!(n, QUESTIONS);
        })
    });
    group.bench_function("b_load_and_validate", |b| {
        b.iter(|| assert_eq!(bank::load(&options).errors(), 0))
    });
    group.finish();

    let exam = sample(&bank, 65, 7, &Filters::default());
    c.bench_function("sample_65_of_10k", |b| {
        b.iter(|| sample(&bank, 65, 7, &Filters::default()))
    });
    let answers: Vec<Vec<usize>> = exam.items.iter().map(|i| vec![i.order[0]]).collect();
    c.bench_function("score_65", |b| b.iter(|| score(&bank, &exam.items, &answers)));
}

criterion_group!(benches, engine);
criterion_main!(benches);

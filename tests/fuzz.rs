//! Property tests: mutated banks and mutated history databases never panic; a mutated bank that
//! fails to load says where. Bounded so `cargo test` stays quick.

mod common;

use std::path::Path;

use proctor::bank::{self, BankSource, LoadOptions};
use proctor::diag::Severity;
use proctor::exam::{self, Filters};
use proptest::prelude::*;

const K8S: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/k8s");

/// One way of damaging a file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    /// Replace the n-th number in the file with an odd value.
    OddNumber(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "-1",
                "0",
                "4294967296",
                "9223372036854775807",
                "-9223372036854775808",
                "1e999",
                "0x10",
                "\"7\"",
            ])
        )
            .prop_map(|(i, v)| Mutation::OddNumber(i, v)),
    ]
}

fn apply(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    match *m {
        Mutation::Flip(i, b) => {
            let i = i % out.len();
            out[i] = b;
        }
        Mutation::Truncate(i) => out.truncate(i % out.len()),
        Mutation::DeleteLine(i) | Mutation::DuplicateLine(i) => {
            let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
            let i = i % lines.len();
            if matches!(m, Mutation::DeleteLine(_)) {
                lines.remove(i);
            } else {
                lines.insert(i, lines[i]);
            }
            out = lines.concat();
        }
        Mutation::OddNumber(i, v) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let numbers: Vec<(usize, usize)> = text
                .match_indices(|c: char| c.is_ascii_digit())
                .map(|(at, _)| (at, at + 1))
                .collect();
            if let Some(&(start, end)) = numbers.get(i % numbers.len().max(1)) {
                out = format!("{}{v}{}", &text[..start], &text[end..]).into_bytes();
            }
        }
    }
    out
}

/// Messages that name a whole file rather than a place in it.
fn file_level(message: &str) -> bool {
    message.starts_with("the bank has no questions")
        || message.starts_with("cannot read")
        || message.starts_with("no [[pillar]] declared")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 800, ..ProptestConfig::default() })]

    #[test]
    fn mutated_banks_never_panic_and_errors_have_locations(
        target in prop::sample::select(vec!["bank/bank.toml", "bank/a-workloads.toml", "bank/b-networking.toml", "notes.md"]),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new(K8S), dir.path());
        let file = dir.path().join(target);
        let mut bytes = std::fs::read(&file).unwrap();
        for m in &mutations {
            bytes = apply(&bytes, m);
        }
        std::fs::write(&file, &bytes).unwrap();
        let loaded = bank::load(&LoadOptions { source: BankSource::Dir(dir.path().join("bank")), notes: None });
        for d in loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            prop_assert!(d.pos.is_some() || file_level(&d.message), "no location: {d}");
        }
        if let Some(bank) = loaded.bank {
            let exam = exam::sample(&bank, bank.exam_questions, 1, &Filters::default());
            let _ = proctor::print::markdown(&bank, &exam, bank.exam_minutes);
            let _ = proctor::print::json(&bank, &exam, bank.exam_minutes);
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A real history (a finished exam, one in progress, review cards) as bytes, made once.
fn history_bytes() -> Vec<u8> {
    use common::*;
    use proctor::launch::{Start, build_app_seeded};
    use proctor::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let start = || {
        Start::Exam(proctor::cli::ExamArgs {
            questions: Some(4),
            seed: Some(1),
            ..Default::default()
        })
    };
    let open = || proctor::app::HistoryAccess::Open(Store::open_dir(dir.path()).unwrap());
    // A finished exam with a wrong answer, then one left in progress with a mark.
    for (seed, keys) in [(1, "anbnsy"), (2, "am")] {
        let mut app = build_app_seeded(
            bank("ui"),
            &start(),
            proctor::app::FakeClock::new(),
            Some(open()),
            seed,
        )
        .unwrap();
        press(&mut app, keys);
    }
    // Fold the write-ahead log into the file so the bytes hold everything.
    let db = rusqlite::Connection::open(dir.path().join("history.db")).unwrap();
    db.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
    drop(db);
    std::fs::read(dir.path().join("history.db")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn mutated_histories_never_panic(
        flips in prop::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        cut in prop::option::of(any::<usize>()),
    ) {
        thread_local!(static BASE: Vec<u8> = history_bytes());
        let mut bytes = BASE.with(Clone::clone);
        for (i, b) in flips {
            // Past SQLite's 100-byte header most of the time, so pages, not only the header, are hit.
            let i = if i % 4 == 0 { i % 100 } else { 100 + i % (bytes.len() - 100) };
            bytes[i] = b;
        }
        if let Some(c) = cut {
            bytes.truncate(c % bytes.len());
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("history.db"), &bytes).unwrap();
        let global = proctor::cli::Global {
            bank: Some("tests/fixtures/ui/bank".into()),
            notes: None,
            data_dir: Some(dir.path().to_path_buf()),
            config: None,
        };
        let mut sink = Vec::new();
        let _ = proctor::commands::history(&global, true, &mut sink);
        let _ = proctor::commands::review_list(&global, &mut sink);
        let _ = proctor::commands::export(&global, proctor::cli::ExportFormat::Csv, false, None, &mut sink);
        if let Ok(store) = proctor::store::Store::open_dir_checked(dir.path()) {
            let mut app = proctor::launch::build_app_seeded(
                common::bank("ui"), &proctor::launch::Start::Home, proctor::app::FakeClock::new(), Some(proctor::app::HistoryAccess::Open(store)), 1,
            ).unwrap();
            for request in [proctor::app::StoreRequest::Resume, proctor::app::StoreRequest::History] {
                let _ = app.store_request(request);
                let _ = common::screen_text(&app, 100, 30);
                app.stack.truncate(1);
            }
        }
    }
}

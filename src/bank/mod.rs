//! A question bank: where it is read from, its validated form, and loading (raw TOML -> checked
//! [`Bank`]). The checks themselves live in `validate`.

mod domains;
mod question;
mod raw;
mod summary;
mod text;
mod validate;
mod warnings;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::notes::Notes;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

pub use summary::Summary;

/// Where a bank comes from: compiled into the binary, or a folder on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankSource {
    Bundled,
    Dir(PathBuf),
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub source: BankSource,
    /// Overrides the notes file the manifest names.
    pub notes: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Pillar {
    pub id: String,
    pub name: String,
    pub weight: u32,
}

/// A part of the exam's blueprint (an exam guide's domain): exams are apportioned over domains by
/// weight when a bank declares them.
#[derive(Debug, Clone)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub weight: u32,
    /// The domain's task statements, if the bank lists them.
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct QuestionOption {
    pub text: String,
    pub correct: bool,
    pub why: String,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    /// Index into [`Bank::pillars`].
    pub pillar: usize,
    /// Index into [`Bank::domains`], when the bank declares domains.
    pub domain: Option<usize>,
    /// Index into that domain's tasks, when given.
    pub task: Option<usize>,
    /// Refs as written in the bank.
    pub refs: Vec<String>,
    /// The headings the refs resolve to, in the same order.
    pub anchors: Vec<usize>,
    /// Section-level heading of the first ref.
    pub section: usize,
    pub difficulty: Option<u8>,
    pub prompt: String,
    pub explanation: Option<String>,
    pub shuffle: bool,
    pub options: Vec<QuestionOption>,
    /// File the question was read from, as displayed in diagnostics.
    pub file: String,
}

impl Question {
    /// How many options must be chosen: 1 for single-response.
    pub fn select(&self) -> usize {
        self.options.iter().filter(|o| o.correct).count()
    }

    pub fn is_multi(&self) -> bool {
        self.select() > 1
    }

    /// The prompt's first words, for people: ids are for machines.
    pub fn gist(&self) -> String {
        const WORDS: usize = 8;
        let words: Vec<&str> = self.prompt.split_whitespace().collect();
        let mut gist = words[..words.len().min(WORDS)].join(" ");
        if words.len() > WORDS {
            gist.push('…');
        }
        gist
    }

    /// "Select TWO." for a multiple-response question whose prompt does not say so already.
    pub fn select_hint(&self) -> Option<String> {
        select_hint(self.select()).filter(|hint| {
            let words = hint.trim_end_matches('.').to_lowercase();
            !self.prompt.to_lowercase().contains(&words)
        })
    }

    /// Indices of the correct options, ascending.
    pub fn correct_set(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].correct)
            .collect()
    }
}

/// The files `proctor new` writes: a bank that checks clean, to edit into one's own.
pub const SCAFFOLD: [(&str, &str); 3] = [
    ("bank.toml", include_str!("scaffold/bank.toml")),
    ("questions.toml", include_str!("scaffold/questions.toml")),
    ("notes.md", include_str!("scaffold/notes.md")),
];

/// Letter shown for the option at position `k`.
pub fn letter(k: usize) -> char {
    char::from(b'A' + (k as u8).min(25))
}

/// The shown letters of the options of `order` (bank indices in shown order) that `pick` selects.
pub fn letters(order: &[usize], pick: impl Fn(usize) -> bool) -> Vec<char> {
    order
        .iter()
        .enumerate()
        .filter(|&(_, &o)| pick(o))
        .map(|(pos, _)| letter(pos))
        .collect()
}

/// "Select TWO." for multiple-response questions, none for single-response ones.
pub fn select_hint(count: usize) -> Option<String> {
    const WORDS: [&str; 7] = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX"];
    (count > 1).then(|| format!("Select {}.", WORDS.get(count).copied().unwrap_or("ALL CORRECT")))
}

#[derive(Debug, Clone)]
pub struct Bank {
    pub name: String,
    pub code: String,
    /// Length of a full mock exam.
    pub exam_questions: usize,
    pub exam_minutes: u32,
    pub pass_mark: u32,
    /// Fixed practice tests the bank is split into (0: none).
    pub forms: usize,
    pub pillars: Vec<Pillar>,
    /// Empty unless the bank declares domains.
    pub domains: Vec<Domain>,
    pub questions: Vec<Question>,
    pub notes: Notes,
    pub notes_file: String,
}

impl Bank {
    /// "Name (CODE)", the title of its exams.
    pub fn title(&self) -> String {
        format!("{} ({})", self.name, self.code)
    }

    /// The manifest's pace applied to `questions` drawn (65 q / 130 min gives 2 min a question),
    /// rounded up to a whole minute, at least 1.
    pub fn scaled_minutes(&self, questions: usize) -> u32 {
        let m = (u64::from(self.exam_minutes) * questions as u64).div_ceil(self.exam_questions.max(1) as u64);
        u32::try_from(m.max(1)).unwrap_or(u32::MAX)
    }

    /// Half the manifest's pace, in seconds: a sure right answer faster than this was easy.
    pub fn fast_secs(&self) -> u64 {
        u64::from(self.exam_minutes) * 60 / self.exam_questions.max(1) as u64 / 2
    }

    pub fn pillar_index(&self, id: &str) -> Option<usize> {
        self.pillars.iter().position(|p| p.id == id)
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    pub fn section_title(&self, question: &Question) -> &str {
        &self.notes.headings[question.section].title
    }

    /// A fingerprint of the bank's content, so history can tell when a bank changed.
    pub fn content_hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
        struct Fnv(u64);
        impl Hasher for Fnv {
            fn finish(&self) -> u64 {
                self.0
            }
            fn write(&mut self, bytes: &[u8]) {
                for b in bytes {
                    self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100000001b3);
                }
            }
        }
        let mut h = Fnv(0xcbf29ce484222325);
        for q in &self.questions {
            q.id.hash(&mut h);
            q.prompt.hash(&mut h);
            for o in &q.options {
                o.text.hash(&mut h);
                o.correct.hash(&mut h);
            }
        }
        h.finish()
    }
}

/// Everything `load` found: the bank when there were no errors, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub bank: Option<Bank>,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Option<Summary>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// One file of a bank as read: its display path and bytes.
pub(crate) struct RawFile<'a> {
    pub path: String,
    pub bytes: Cow<'a, [u8]>,
}

/// The manifest and question files of a bank, with a diagnostic for each question file that could not
/// be read (the others are still checked), or one diagnostic saying why the bank cannot be read at all.
#[allow(clippy::type_complexity)]
fn read_bank_files(
    source: &BankSource,
) -> Result<(RawFile<'static>, Vec<RawFile<'static>>, Vec<Diagnostic>), Diagnostic> {
    match source {
        BankSource::Bundled => {
            let mut manifest = None;
            let mut questions = Vec::new();
            for (path, text) in bundled::BUNDLED {
                let Some(name) = path.strip_prefix("questions/") else {
                    continue;
                };
                let file = RawFile {
                    path: (*path).to_string(),
                    bytes: Cow::Borrowed(text.as_bytes()),
                };
                if name == "bank.toml" {
                    manifest = Some(file);
                } else {
                    questions.push(file);
                }
            }
            let manifest = manifest.ok_or_else(|| {
                error_at(
                    "questions/bank.toml",
                    "the bundled bank has no manifest; rebuild Proctor",
                )
            })?;
            Ok((manifest, questions, Vec::new()))
        }
        BankSource::Dir(dir) => {
            let shown = dir.display().to_string();
            let entries = std::fs::read_dir(dir).map_err(|e| {
                error_at(
                    &shown,
                    &format!("cannot read the bank folder: {e} (pass a folder that holds bank.toml)"),
                )
            })?;
            // Every entry named *.toml, whatever it is: a folder, FIFO or dangling link is reported,
            // never skipped. Names are kept as the OS gives them, so any name can be read.
            let mut names: Vec<std::ffi::OsString> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .filter(|n| Path::new(n).extension().is_some_and(|x| x == "toml"))
                .collect();
            names.sort();
            let read = |name: &std::ffi::OsStr| -> Result<RawFile<'static>, Diagnostic> {
                let path = dir.join(name);
                let shown = path.display().to_string();
                read_regular(&path)
                    .map(|bytes| RawFile {
                        path: shown.clone(),
                        bytes: Cow::Owned(bytes),
                    })
                    .map_err(|why| error_at(&shown, &format!("cannot read: {why}")))
            };
            if !names.iter().any(|n| n == "bank.toml") {
                return Err(error_at(
                    &dir.join("bank.toml").display().to_string(),
                    "no manifest: a bank folder needs a bank.toml (see docs/bank-format.md)",
                ));
            }
            let manifest = read("bank.toml".as_ref())?;
            let (mut questions, mut problems) = (Vec::new(), Vec::new());
            for name in names.iter().filter(|n| *n != "bank.toml") {
                match read(name) {
                    Ok(file) => questions.push(file),
                    Err(d) => problems.push(d),
                }
            }
            Ok((manifest, questions, problems))
        }
    }
}

/// Bank files larger than this are refused: no real bank comes near it, and a device such as
/// /dev/zero would otherwise be read forever.
const MAX_FILE_BYTES: u64 = 16 << 20;

/// Read a regular file (following symbolic links), refusing anything else and anything too large.
fn read_regular(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("it is a folder, not a file".into());
    }
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, socket or device); point at a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{} bytes is more than the {} MiB a bank file may hold",
            meta.len(),
            MAX_FILE_BYTES >> 20
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes))
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "more than the {} MiB a bank file may hold",
            MAX_FILE_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Read a notes file named relative to the manifest (or given on the command line).
fn read_notes(source: &BankSource, manifest_path: &str, relative: &str) -> (String, Result<Vec<u8>, String>) {
    match source {
        BankSource::Bundled => {
            let joined = normalize(
                &Path::new(manifest_path)
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(relative),
            );
            let found = bundled::BUNDLED
                .iter()
                .find(|(p, _)| *p == joined)
                .map(|(_, text)| text.as_bytes().to_vec())
                .ok_or_else(|| "not found in the bundled files".to_string());
            (joined, found)
        }
        BankSource::Dir(_) => {
            let path = Path::new(manifest_path)
                .parent()
                .unwrap_or(Path::new(""))
                .join(relative);
            // Show `questions/../assets/notes.md` as `assets/notes.md`; the path still reads the same file
            // unless a symlink sits in between, which is why the read uses the joined path.
            let shown = normalize(&path);
            (shown, read_regular(&path))
        }
    }
}

/// Resolve `.` and `..` without touching the file system (for bundled paths).
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                if parts.last().is_some_and(|p| p != "..") {
                    parts.pop();
                } else {
                    parts.push("..".into());
                }
            }
            std::path::Component::RootDir => parts.push(String::new()),
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".into(),
        _ => e.to_string(),
    }
}

fn error_at(file: &str, message: &str) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        pos: None,
        severity: Severity::Error,
        message: message.to_string(),
    }
}

/// Load and validate a bank, collecting every problem rather than stopping at the first.
pub fn load(options: &LoadOptions) -> Loaded {
    let (manifest, files, unreadable) = match read_bank_files(&options.source) {
        Ok(found) => found,
        Err(d) => {
            return Loaded {
                bank: None,
                diagnostics: vec![d],
                summary: None,
            };
        }
    };
    let notes_override = options.notes.as_ref().map(|p| {
        let shown = p.display().to_string();
        (shown, read_regular(p))
    });
    let mut loaded = validate::run(
        manifest,
        files,
        |manifest_path, relative| read_notes(&options.source, manifest_path, relative),
        notes_override,
    );
    if !unreadable.is_empty() {
        loaded.bank = None;
        loaded.summary = None;
        loaded.diagnostics.splice(0..0, unreadable);
    }
    loaded
}

/// Load a bank and turn errors into [`crate::Error::InvalidBank`]; warnings are dropped.
pub fn load_valid(options: &LoadOptions) -> Result<Bank, crate::Error> {
    let loaded = load(options);
    match loaded.bank {
        Some(bank) => Ok(bank),
        None => Err(crate::Error::InvalidBank(loaded.diagnostics)),
    }
}

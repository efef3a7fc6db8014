//! The command line, as clap types. `main` parses these and dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "proctor",
    version,
    about = "Timed practice exams, topic drills and review in the terminal"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Load the bank from this folder (holding bank.toml) instead of the bundled one
    #[arg(long, global = true, env = "PROCTOR_BANK", value_name = "DIR")]
    pub bank: Option<PathBuf>,
    /// Use this notes file instead of the one the bank's manifest names
    #[arg(long, global = true, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// Keep history here instead of the platform data folder
    #[arg(long, global = true, env = "PROCTOR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Read settings from this file instead of config.toml in the platform config folder
    #[arg(long, global = true, env = "PROCTOR_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take a timed exam (or print one with --print)
    Exam(ExamArgs),
    /// Practise without a clock: a pillar, a notes section or the whole bank, narrowed by a filter
    /// and a search
    Drill(DrillArgs),
    /// Review questions you answered wrong or were unsure of, when they are due
    Review {
        /// Print the due questions, one per line, and exit
        #[arg(long)]
        list: bool,
        /// Take at most N questions this session (default: the config's daily_limit, 50)
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Coverage, accuracy, time, calibration and a readiness estimate for the bank
    Stats {
        /// Print JSON instead of a report
        #[arg(long)]
        json: bool,
    },
    /// List the problems learners reported with questions, for the bank's authors
    Reports {
        /// Print a JSON array instead of lines
        #[arg(long)]
        json: bool,
    },
    /// Show past attempts
    History {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Export every attempt and response (or, with --reports, every problem report)
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Export the problem reports instead of the attempts
        #[arg(long)]
        reports: bool,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Merge another machine's `export --format json` into this history
    Import {
        /// The exported file
        file: PathBuf,
    },
    /// Browse the study notes
    Notes {
        /// Open at this heading, e.g. `vpc/endpoints`
        reference: Option<String>,
    },
    /// Validate the bank and its notes, then print a summary
    Check {
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
        /// How diagnostics are printed: lines for people, or JSON for editors and CI
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Write a new bank to DIR to start from: a manifest, two questions and notes that check clean
    New {
        /// A folder that does not exist yet, or is empty
        dir: PathBuf,
    },
    /// Print a completion script for a shell
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
    /// Show the settings in force and where each came from
    Config,
}

#[derive(Debug, Args, Clone, Default)]
pub struct DrillArgs {
    /// A pillar id or a notes ref such as `s3/encryption` (default: choose in the drill picker, or
    /// the whole bank with --list)
    pub topic: Option<String>,
    /// At most N questions
    #[arg(long, value_name = "N")]
    pub questions: Option<usize>,
    /// Only questions never answered, last answered wrong, bookmarked, or last answered unsure
    #[arg(long, value_enum)]
    pub only: Option<OnlyArg>,
    /// Only questions whose prompt, options, whys or explanation contain TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Print the practice set, one question per line (id, then the prompt's first words), and exit
    #[arg(long)]
    pub list: bool,
    /// Seed for the order; the same seed gives the same set
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnlyArg {
    Unseen,
    Wrong,
    Bookmarked,
    Unsure,
}

impl From<OnlyArg> for crate::study::Only {
    fn from(o: OnlyArg) -> Self {
        use crate::study::Only;
        match o {
            OnlyArg::Unseen => Only::Unseen,
            OnlyArg::Wrong => Only::Wrong,
            OnlyArg::Bookmarked => Only::Bookmarked,
            OnlyArg::Unsure => Only::Unsure,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CheckFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ExamArgs {
    /// Number of questions (default: the manifest's full exam)
    #[arg(long, value_name = "N")]
    pub questions: Option<usize>,
    /// Time limit (default: the manifest's, scaled to the number of questions)
    #[arg(long, value_name = "M")]
    pub minutes: Option<u32>,
    /// Seed for sampling; the same seed gives the same exam
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Only questions of this pillar (repeatable)
    #[arg(long = "pillar", value_name = "ID")]
    pub pillars: Vec<String>,
    /// Only questions citing this notes section or heading (repeatable)
    #[arg(long = "section", value_name = "REF")]
    pub sections: Vec<String>,
    /// Take fixed practice test K (1 to the bank's number of forms)
    #[arg(long, value_name = "K", conflicts_with_all = ["questions", "pillars", "sections", "resume"])]
    pub form: Option<usize>,
    /// Print the exam instead of running it
    #[arg(long)]
    pub print: bool,
    /// Output format for --print
    #[arg(long, value_enum, default_value_t = PrintFormat::Markdown, requires = "print")]
    pub format: PrintFormat,
    /// Resume the exam in progress
    #[arg(long, conflicts_with = "print")]
    pub resume: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PrintFormat {
    #[default]
    Markdown,
    Json,
}

/// `--format` of `export` is the store's own format enum.
pub use crate::store::ExportFormat;

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[ExportFormat::Json, ExportFormat::Csv]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
        }))
    }
}

//! The errors that reach the top of the program; `main` turns them into a message and exit code.

use std::path::PathBuf;

use crate::diag::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}\nthe bank has errors; fix them (run `proctor check`) and try again", render(.0))]
    InvalidBank(Vec<Diagnostic>),
    #[error("{0}")]
    Usage(String),
    /// A config file that cannot be used, already located (`config.toml:3:9: error: ...`).
    #[error("{0}")]
    Config(String),
    #[error(
        "this command needs a terminal (standard input and output must be a tty); `proctor exam --print` makes a paper exam instead"
    )]
    NeedsTerminal,
    #[error(
        "TERM=dumb: this terminal cannot show the full-screen app; set TERM to your terminal's type (for example xterm-256color), or use `proctor exam --print` for a paper exam"
    )]
    DumbTerminal,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// Exit code: 2 for usage problems and missing features, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::Config(_) | Error::NeedsTerminal | Error::DumbTerminal => 2,
            _ => 1,
        }
    }

    /// A closed pipe (`proctor ... | head`) is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

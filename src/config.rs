//! `config.toml`: defaults for the bank, the history folder, the colour theme and the daily review
//! limit. A flag wins over its environment variable, which wins over the file, which wins over the
//! built-in default; `proctor config` shows what won.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::Error;
use crate::cli::Global;
use crate::diag::LineIndex;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    bank: Option<Spanned<PathBuf>>,
    data_dir: Option<Spanned<PathBuf>>,
    theme: Option<Spanned<String>>,
    review: Option<RawReview>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    daily_limit: Option<Spanned<i64>>,
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    File(PathBuf),
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "environment {var}"),
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Default => f.write_str("default"),
        }
    }
}

/// The colour theme: colours unless `NO_COLOR` is set (an environment variable wins over the file),
/// or none at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    Auto,
    Monochrome,
}

/// Every setting, resolved, with where it came from.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file read, if any.
    pub file: Option<PathBuf>,
    pub bank: (Option<PathBuf>, Source),
    pub data_dir: (Option<PathBuf>, Source),
    pub theme: (ThemeChoice, Source),
    pub daily_limit: (usize, Source),
}

pub use crate::app::DAILY_LIMIT;

/// The config file: `--config`/`PROCTOR_CONFIG`, else `config.toml` in the platform config folder.
fn config_path(global: &Global) -> (Option<PathBuf>, bool) {
    match &global.config {
        Some(p) => (Some(p.clone()), true),
        None => (
            directories::ProjectDirs::from("", "", "proctor").map(|d| d.config_dir().join("config.toml")),
            false,
        ),
    }
}

/// A flag's or its environment variable's value, told apart (clap merges them into one field).
fn flag_or_env(value: &Option<PathBuf>, flag: &'static str, var: &'static str) -> Option<(PathBuf, Source)> {
    value.as_ref().map(|v| {
        let from_env = std::env::var_os(var).is_some_and(|e| Path::new(&e) == v);
        (
            v.clone(),
            if from_env {
                Source::Env(var)
            } else {
                Source::Flag(flag)
            },
        )
    })
}

fn located(path: &Path, text: &str, offset: Option<usize>, message: &str) -> Error {
    let at = offset.map_or(String::new(), |o| {
        let (l, c) = LineIndex::new(text).pos(o);
        format!(":{l}:{c}")
    });
    Error::Config(format!("{}{at}: error: {message}", path.display()))
}

/// Read the config (if any) and resolve every setting against the flags and environment.
pub fn resolve(global: &Global) -> Result<Settings, Error> {
    let (path, named) = config_path(global);
    let mut raw = RawConfig::default();
    let mut file = None;
    let mut text = String::new();
    if let Some(path) = &path {
        match std::fs::read_to_string(path) {
            Ok(t) => {
                text = t;
                raw = toml::from_str(&text)
                    .map_err(|e| located(path, &text, e.span().map(|s| s.start), e.message().trim()))?;
                file = Some(path.clone());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {}
            Err(e) => {
                return Err(Error::Config(format!(
                    "{}: error: cannot read the config: {e}",
                    path.display()
                )));
            }
        }
    }
    let from_file = |v: Option<Spanned<PathBuf>>| {
        v.map(|v| (v.into_inner(), Source::File(file.clone().unwrap_or_default())))
    };
    let bank = flag_or_env(&global.bank, "--bank", "PROCTOR_BANK")
        .or_else(|| from_file(raw.bank))
        .map_or((None, Source::Default), |(p, s)| (Some(p), s));
    let data_dir = flag_or_env(&global.data_dir, "--data-dir", "PROCTOR_DATA_DIR")
        .or_else(|| from_file(raw.data_dir))
        .map_or((None, Source::Default), |(p, s)| (Some(p), s));
    let config_file = || Source::File(file.clone().unwrap_or_default());
    let theme = match &raw.theme {
        None => (ThemeChoice::Auto, Source::Default),
        Some(t) => {
            let choice = match t.get_ref().as_str() {
                "auto" => ThemeChoice::Auto,
                "monochrome" => ThemeChoice::Monochrome,
                other => {
                    return Err(located(
                        path.as_deref().unwrap_or(Path::new("config.toml")),
                        &text,
                        Some(t.span().start),
                        &format!("theme must be \"auto\" or \"monochrome\", found {other:?}"),
                    ));
                }
            };
            (choice, config_file())
        }
    };
    let daily_limit = match raw.review.and_then(|r| r.daily_limit) {
        None => (DAILY_LIMIT, Source::Default),
        Some(n) => match usize::try_from(*n.get_ref()) {
            Ok(v) if (1..=10_000).contains(&v) => (v, config_file()),
            _ => {
                return Err(located(
                    path.as_deref().unwrap_or(Path::new("config.toml")),
                    &text,
                    Some(n.span().start),
                    &format!(
                        "review.daily_limit must be from 1 to 10000, found {}",
                        n.get_ref()
                    ),
                ));
            }
        },
    };
    Ok(Settings {
        file,
        bank,
        data_dir,
        theme,
        daily_limit,
    })
}

impl Settings {
    /// These settings with `review --limit N` in force.
    pub fn with_daily_limit(&self, n: usize) -> Settings {
        Settings {
            daily_limit: (n, Source::Flag("--limit")),
            ..self.clone()
        }
    }

    /// The global options with the config's values filled in where no flag or variable gave one.
    pub fn apply(&self, global: &Global) -> Global {
        Global {
            bank: self.bank.0.clone(),
            data_dir: self.data_dir.0.clone(),
            ..global.clone()
        }
    }

    /// `proctor config`: each setting, its value and where it came from.
    pub fn describe(&self) -> String {
        let path = |p: &Option<PathBuf>, none: &str| {
            p.as_ref().map_or(none.to_string(), |p| p.display().to_string())
        };
        let theme = match self.theme.0 {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Monochrome => "monochrome",
        };
        let file = self
            .file
            .as_ref()
            .map_or("none".to_string(), |p| p.display().to_string());
        format!(
            "config file        {file}\nbank               {}  ({})\ndata_dir           {}  ({})\ntheme              {theme}  ({})\nreview.daily_limit {}  ({})\n",
            path(&self.bank.0, "the bundled bank"),
            self.bank.1,
            path(&self.data_dir.0, "the platform data folder"),
            self.data_dir.1,
            self.theme.1,
            self.daily_limit.0,
            self.daily_limit.1,
        )
    }
}

//! Proctor: a terminal practice-exam simulator. A bank of TOML questions is sampled into timed exams,
//! scored per pillar and section, with explanations that link back to the study notes.

pub mod app;
pub mod bank;
pub mod blueprint;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod error;
pub mod exam;
pub(crate) mod format;
pub mod launch;
pub mod notes;
pub mod print;
pub mod score;
pub mod stats;
pub mod store;
pub mod study;
pub(crate) mod tui;
pub mod ui;

pub use error::Error;

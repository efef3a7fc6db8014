//! The bank files exactly as written, with spans for error positions. Unknown keys are errors.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub exam: Spanned<Exam>,
    #[serde(default)]
    pub pillar: Vec<Spanned<Pillar>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exam {
    pub name: Spanned<String>,
    pub code: Spanned<String>,
    pub questions: Spanned<i64>,
    pub minutes: Spanned<i64>,
    pub pass_mark: Spanned<i64>,
    pub notes: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub weight: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    #[serde(default)]
    pub question: Vec<Question>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Spanned<String>,
    pub pillar: Spanned<String>,
    pub refs: Spanned<Vec<Spanned<String>>>,
    pub difficulty: Option<Spanned<i64>>,
    pub prompt: Spanned<String>,
    pub explanation: Option<Spanned<String>>,
    pub shuffle: Option<bool>,
    pub option: Vec<QuestionOption>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    pub text: Spanned<String>,
    pub correct: bool,
    pub why: Spanned<String>,
}

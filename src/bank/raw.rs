//! The bank files exactly as written, with spans for error positions. Unknown keys are errors.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub exam: Spanned<Exam>,
    #[serde(default)]
    pub pillar: Vec<Spanned<Pillar>>,
    #[serde(default)]
    pub domain: Vec<Spanned<Domain>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub weight: Spanned<i64>,
    #[serde(default)]
    pub task: Vec<Task>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
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
    pub forms: Option<Spanned<i64>>,
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
    pub domain: Option<Spanned<String>>,
    pub task: Option<Spanned<String>>,
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

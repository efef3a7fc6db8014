//! What a learner has done with each question (seen, last answer wrong or unsure, bookmarked) and the
//! practice sets drawn from it: a topic narrowed by a filter and a search, cut to a count.

use std::collections::HashSet;

use crate::bank::{Bank, Question};
use crate::exam::{Filters, Item, drill_order};

/// Question ids by what the learner did with them, for one bank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Study {
    /// Answered at least once, in any mode.
    pub seen: HashSet<String>,
    /// Last answered wrong.
    pub wrong: HashSet<String>,
    /// Last answered with an unsure mark.
    pub unsure: HashSet<String>,
    pub bookmarked: HashSet<String>,
}

impl Study {
    /// Record an answer given now, so filters see it before the history is read again.
    pub fn answered(&mut self, id: &str, correct: bool, unsure: bool) {
        self.seen.insert(id.to_string());
        set(&mut self.wrong, id, !correct);
        set(&mut self.unsure, id, unsure);
    }

    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarked.contains(id)
    }

    /// Flip a bookmark; returns whether it is now on.
    pub fn toggle_bookmark(&mut self, id: &str) -> bool {
        let on = !self.bookmarked.contains(id);
        set(&mut self.bookmarked, id, on);
        on
    }
}

fn set(ids: &mut HashSet<String>, id: &str, on: bool) {
    if on {
        ids.insert(id.to_string());
    } else {
        ids.remove(id);
    }
}

/// Which questions of a topic a practice set keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Only {
    #[default]
    All,
    /// Never answered in any mode.
    Unseen,
    /// Last answered wrong.
    Wrong,
    Bookmarked,
    /// Last answered unsure.
    Unsure,
}

impl Only {
    pub const ALL: [Only; 5] = [
        Only::All,
        Only::Unseen,
        Only::Wrong,
        Only::Bookmarked,
        Only::Unsure,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Only::All => "all",
            Only::Unseen => "unseen",
            Only::Wrong => "wrong",
            Only::Bookmarked => "bookmarked",
            Only::Unsure => "unsure",
        }
    }

    pub fn keeps(self, study: &Study, id: &str) -> bool {
        match self {
            Only::All => true,
            Only::Unseen => !study.seen.contains(id),
            Only::Wrong => study.wrong.contains(id),
            Only::Bookmarked => study.bookmarked.contains(id),
            Only::Unsure => study.unsure.contains(id),
        }
    }
}

/// A practice set: a topic, a filter, a search and a count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetSpec {
    pub filters: Filters,
    pub only: Only,
    /// Case-insensitive, in the prompt, options, whys and explanation; empty matches everything.
    pub search: String,
    /// At most this many questions; `None` takes every match.
    pub count: Option<usize>,
}

/// Whether a question's text holds `needle` (already lowercase).
pub fn mentions(q: &Question, needle: &str) -> bool {
    let has = |text: &str| text.to_lowercase().contains(needle);
    needle.is_empty()
        || has(&q.prompt)
        || q.explanation.as_deref().is_some_and(has)
        || q.options.iter().any(|o| has(&o.text) || has(&o.why))
}

impl SetSpec {
    pub fn matches(&self, bank: &Bank, study: &Study, question: usize, needle: &str) -> bool {
        let q = &bank.questions[question];
        self.filters.matches(bank, question) && self.only.keeps(study, &q.id) && mentions(q, needle)
    }

    /// The set's questions in drill order (never-answered first, shuffled by `seed`), cut to the count.
    pub fn draw(&self, bank: &Bank, study: &Study, seed: u64) -> Vec<Item> {
        let needle = self.search.trim().to_lowercase();
        let mut items: Vec<Item> = drill_order(bank, &self.filters, seed, &study.seen)
            .into_iter()
            .filter(|i| self.matches(bank, study, i.question, &needle))
            .collect();
        if let Some(n) = self.count {
            items.truncate(n);
        }
        items
    }

    /// What the set holds, for titles: "unsure · \"vpc\" · 10".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.only != Only::All {
            parts.push(self.only.name().to_string());
        }
        if !self.search.trim().is_empty() {
            parts.push(format!("\"{}\"", self.search.trim()));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_move_questions_between_filters() {
        let mut s = Study::default();
        s.answered("q1", false, false);
        assert!(Only::Wrong.keeps(&s, "q1") && !Only::Unseen.keeps(&s, "q1"));
        s.answered("q1", true, true);
        assert!(!Only::Wrong.keeps(&s, "q1") && Only::Unsure.keeps(&s, "q1"));
        s.answered("q1", true, false);
        assert!(!Only::Unsure.keeps(&s, "q1"));
        assert!(s.toggle_bookmark("q1") && Only::Bookmarked.keeps(&s, "q1"));
        assert!(!s.toggle_bookmark("q1") && !Only::Bookmarked.keeps(&s, "q1"));
        assert!(Only::Unseen.keeps(&s, "q2"));
    }
}

//! The drill picker: a topic (every question, a pillar or a notes section) and the practice set's
//! filter, count and search. Each topic shows how many of its questions the filter and search keep.

use super::home::menu_pick;
use super::input::{cycle, edit_text};
use super::{Action, Ctx, Hit, KeyContext, Transition};
use crate::bank::Bank;
use crate::exam::Filters;
use crate::study::{Only, SetSpec, Study, mentions};

/// A drill topic: the whole bank, a pillar or a notes section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    All,
    Pillar(usize),
    Section(usize),
}

pub fn topic_filters(bank: &Bank, topic: Topic) -> (Filters, String) {
    match topic {
        Topic::All => (Filters::default(), "Drill: all topics".into()),
        Topic::Pillar(p) => (Filters::pillar(p), format!("Drill: {}", bank.pillars[p].name)),
        Topic::Section(s) => (
            Filters::heading(s),
            format!("Drill: {}", bank.notes.headings[s].title),
        ),
    }
}

/// The picker's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickField {
    Topics,
    Only,
    Count,
    Search,
}

const FIELDS: [PickField; 4] = [
    PickField::Topics,
    PickField::Only,
    PickField::Count,
    PickField::Search,
];

/// The longest search, in characters.
const SEARCH_MAX: usize = 60;

#[derive(Debug)]
pub struct DrillPicker {
    /// Topics with how many of their questions the filter and search keep.
    pub topics: Vec<(Topic, usize)>,
    pub cursor: usize,
    pub focus: PickField,
    pub only: Only,
    /// At most this many questions; empty takes them all.
    pub count: String,
    pub search: String,
}

impl DrillPicker {
    pub fn new(bank: &Bank, study: &Study) -> DrillPicker {
        let mut topics = vec![(Topic::All, 0)];
        topics.extend((0..bank.pillars.len()).map(|p| (Topic::Pillar(p), 0)));
        topics.extend(bank.notes.sections().map(|s| (Topic::Section(s), 0)));
        let mut picker = DrillPicker {
            topics,
            cursor: 0,
            focus: PickField::Topics,
            only: Only::All,
            count: String::new(),
            search: String::new(),
        };
        picker.recount(bank, study);
        picker
    }

    /// The picker with a practice set's filter, search and count filled in.
    pub fn with_options(bank: &Bank, study: &Study, spec: &SetSpec) -> DrillPicker {
        let mut picker = DrillPicker::new(bank, study);
        picker.only = spec.only;
        picker.search = spec.search.clone();
        picker.count = spec.count.map_or(String::new(), |n| n.to_string());
        picker.recount(bank, study);
        picker
    }

    /// Count each topic's questions that the filter and search keep (once per change, not per frame).
    fn recount(&mut self, bank: &Bank, study: &Study) {
        let needle = self.search.trim().to_lowercase();
        let kept: Vec<usize> = (0..bank.questions.len())
            .filter(|&q| {
                let question = &bank.questions[q];
                self.only.keeps(study, &question.id) && mentions(question, &needle)
            })
            .collect();
        for (topic, n) in &mut self.topics {
            let (filters, _) = topic_filters(bank, *topic);
            *n = kept.iter().filter(|&&q| filters.matches(bank, q)).count();
        }
    }

    pub fn key_context(&self) -> KeyContext {
        match self.focus {
            PickField::Topics | PickField::Only => KeyContext::Menu,
            PickField::Count | PickField::Search => KeyContext::Text,
        }
    }

    /// The practice set for a topic with the picker's choices, and its title.
    pub fn spec(&self, bank: &Bank, topic: Topic) -> (SetSpec, String) {
        let (filters, title) = topic_filters(bank, topic);
        let spec = SetSpec {
            filters,
            only: self.only,
            search: self.search.clone(),
            count: self.count.parse().ok().filter(|&n| n > 0),
        };
        (spec, title)
    }

    fn start(&self, cx: &mut Ctx<'_>) -> Transition {
        let (spec, title) = self.spec(cx.bank, self.topics[self.cursor].0);
        cx.drill(spec, title)
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        match action {
            Action::Tab | Action::BackTab => {
                self.focus = cycle(&FIELDS, self.focus, action == Action::Tab);
                return Transition::Stay;
            }
            Action::Click(..) if matches!(hit, Some(Hit::Item(_))) => self.focus = PickField::Topics,
            _ => {}
        }
        let typed = match self.focus {
            PickField::Topics => {
                return match menu_pick(&mut self.cursor, self.topics.len(), action, hit) {
                    Ok(_) => self.start(cx),
                    Err(stay_or_back) => stay_or_back,
                };
            }
            PickField::Only => match action {
                Action::Down | Action::Char(' ') | Action::Up => {
                    self.only = cycle(&Only::ALL, self.only, action != Action::Up);
                    true
                }
                _ => false,
            },
            PickField::Count => edit_text(&mut self.count, action, 4, |c| c.is_ascii_digit()),
            PickField::Search => edit_text(&mut self.search, action, SEARCH_MAX, |_| true),
        };
        if typed {
            // The count cuts the set when it starts; it does not change what each topic holds.
            if self.focus != PickField::Count {
                self.recount(cx.bank, cx.study);
            }
            return Transition::Stay;
        }
        match action {
            Action::Enter => self.start(cx),
            Action::Back | Action::Interrupt => Transition::Pop,
            _ => Transition::Stay,
        }
    }
}

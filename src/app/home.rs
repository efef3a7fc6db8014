//! The home menu, the custom-exam form and the drill picker.

use super::exam::ExamSession;
use super::notes::NotesBrowser;
use super::{Action, Ctx, Hit, KeyContext, Screen, Transition, drill_screen};
use crate::bank::Bank;
use crate::commands::scaled_minutes;
use crate::exam::{Filters, sample};

/// Home actions in menu order with their highlighted letters.
pub const HOME_ACTIONS: [(char, &str); 7] = [
    ('f', "Full mock exam"),
    ('c', "Custom exam"),
    ('d', "Drill"),
    ('r', "Review wrong answers"),
    ('h', "History"),
    ('n', "Notes"),
    ('q', "Quit"),
];

/// Start a timed exam screen.
pub fn exam_screen(
    bank: &Bank,
    questions: usize,
    minutes: u32,
    seed: u64,
    filters: &Filters,
    cx: &mut Ctx<'_>,
) -> Transition {
    let exam = sample(bank, questions, seed, filters);
    if exam.items.is_empty() {
        *cx.status = Some("No question matches that choice".into());
        return Transition::Stay;
    }
    if let Some(notice) = exam.notices.first() {
        *cx.status = Some(notice.clone());
    }
    let title = format!("{} ({})", bank.name, bank.code);
    Transition::Push(Screen::Exam(Box::new(ExamSession::new(
        title, exam, minutes, cx.now,
    ))))
}

/// Move a list cursor by an action; returns whether it was a movement.
pub fn move_cursor(cursor: &mut usize, len: usize, action: Action) -> bool {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(last),
        Action::PageUp => *cursor = cursor.saturating_sub(10),
        Action::PageDown => *cursor = (*cursor + 10).min(last),
        _ => return false,
    }
    true
}

#[derive(Debug, Default)]
pub struct Home {
    pub cursor: usize,
}

impl Home {
    fn activate(&mut self, index: usize, cx: &mut Ctx<'_>) -> Transition {
        let bank = cx.bank;
        match HOME_ACTIONS[index].0 {
            'f' => exam_screen(
                bank,
                bank.exam_questions,
                bank.exam_minutes,
                rand::random(),
                &Filters::default(),
                cx,
            ),
            'c' => Transition::Push(Screen::Custom(CustomForm::new(bank))),
            'd' => Transition::Push(Screen::Picker(DrillPicker::new(bank))),
            'r' | 'h' => {
                *cx.status = Some("History is not available yet in this version of Proctor".into());
                Transition::Stay
            }
            'n' => Transition::Push(Screen::Notes(NotesBrowser::new(bank, None))),
            _ => Transition::Quit,
        }
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        if move_cursor(&mut self.cursor, HOME_ACTIONS.len(), action) {
            return Transition::Stay;
        }
        match action {
            Action::Enter => self.activate(self.cursor, cx),
            Action::Char(c) => match HOME_ACTIONS.iter().position(|(k, _)| *k == c) {
                Some(i) => {
                    self.cursor = i;
                    self.activate(i, cx)
                }
                None => Transition::Stay,
            },
            Action::Click(..) => match hit {
                Some(Hit::Item(i)) => {
                    self.cursor = i;
                    self.activate(i, cx)
                }
                _ => Transition::Stay,
            },
            Action::Back | Action::Interrupt => Transition::Quit,
            _ => Transition::Stay,
        }
    }
}

/// Fields of the custom-exam form, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Questions,
    Minutes,
    Pillars,
    Sections,
}

const FIELDS: [Field; 4] = [Field::Questions, Field::Minutes, Field::Pillars, Field::Sections];

#[derive(Debug)]
pub struct CustomForm {
    pub questions: String,
    /// Empty means "the manifest's pace".
    pub minutes: String,
    pub pillars: Vec<bool>,
    /// Section heading indices and whether each is chosen.
    pub sections: Vec<(usize, bool)>,
    pub focus: Field,
    pub pillar_cursor: usize,
    pub section_cursor: usize,
}

impl CustomForm {
    pub fn new(bank: &Bank) -> CustomForm {
        CustomForm {
            questions: "10".into(),
            minutes: String::new(),
            pillars: vec![false; bank.pillars.len()],
            sections: bank.notes.sections().map(|s| (s, false)).collect(),
            focus: Field::Questions,
            pillar_cursor: 0,
            section_cursor: 0,
        }
    }

    pub fn key_context(&self) -> KeyContext {
        match self.focus {
            Field::Questions | Field::Minutes => KeyContext::Text,
            Field::Pillars | Field::Sections => KeyContext::Drill,
        }
    }

    /// Minutes the exam will get: typed, or the manifest's pace for this many questions.
    pub fn minutes_for(&self, bank: &Bank) -> u32 {
        match self.minutes.parse::<u32>() {
            Ok(m) if m > 0 => m,
            _ => scaled_minutes(bank, self.questions.parse().unwrap_or(0)),
        }
    }

    fn start(&self, cx: &mut Ctx<'_>) -> Transition {
        let questions = match self.questions.parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => {
                *cx.status = Some("Questions must be a number above 0".into());
                return Transition::Stay;
            }
        };
        let filters = Filters {
            pillars: (0..self.pillars.len()).filter(|&i| self.pillars[i]).collect(),
            headings: self
                .sections
                .iter()
                .filter(|(_, on)| *on)
                .map(|(s, _)| *s)
                .collect(),
        };
        match exam_screen(
            cx.bank,
            questions,
            self.minutes_for(cx.bank),
            rand::random(),
            &filters,
            cx,
        ) {
            Transition::Push(s) => Transition::Replace(s),
            other => other,
        }
    }

    pub fn update(&mut self, action: Action, cx: &mut Ctx<'_>) -> Transition {
        let at = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        match action {
            Action::Tab => self.focus = FIELDS[(at + 1) % FIELDS.len()],
            Action::BackTab => self.focus = FIELDS[(at + FIELDS.len() - 1) % FIELDS.len()],
            Action::Enter => return self.start(cx),
            Action::Back | Action::Interrupt => return Transition::Pop,
            _ => {}
        }
        match self.focus {
            Field::Questions | Field::Minutes => {
                let text = if self.focus == Field::Questions {
                    &mut self.questions
                } else {
                    &mut self.minutes
                };
                match action {
                    Action::Char(c) if c.is_ascii_digit() && text.len() < 4 => text.push(c),
                    Action::Backspace => {
                        text.pop();
                    }
                    Action::Down => self.focus = FIELDS[at + 1],
                    Action::Up => self.focus = FIELDS[at.saturating_sub(1)],
                    _ => {}
                }
            }
            Field::Pillars => {
                if !move_cursor(&mut self.pillar_cursor, self.pillars.len(), action)
                    && action == Action::Toggle
                {
                    self.pillars[self.pillar_cursor] ^= true;
                }
            }
            Field::Sections => {
                if !move_cursor(&mut self.section_cursor, self.sections.len(), action)
                    && action == Action::Toggle
                {
                    self.sections[self.section_cursor].1 ^= true;
                }
            }
        }
        Transition::Stay
    }
}

/// A drill topic: a pillar or a notes section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Pillar(usize),
    Section(usize),
}

#[derive(Debug)]
pub struct DrillPicker {
    /// Topics with the number of questions each has.
    pub topics: Vec<(Topic, usize)>,
    pub cursor: usize,
}

impl DrillPicker {
    pub fn new(bank: &Bank) -> DrillPicker {
        let mut topics = Vec::new();
        for (i, _) in bank.pillars.iter().enumerate() {
            let n = bank.questions.iter().filter(|q| q.pillar == i).count();
            topics.push((Topic::Pillar(i), n));
        }
        for s in bank.notes.sections() {
            let f = Filters {
                pillars: Vec::new(),
                headings: vec![s],
            };
            let n = (0..bank.questions.len()).filter(|&q| f.matches(bank, q)).count();
            topics.push((Topic::Section(s), n));
        }
        DrillPicker { topics, cursor: 0 }
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        if move_cursor(&mut self.cursor, self.topics.len(), action) {
            return Transition::Stay;
        }
        let pick = match (action, hit) {
            (Action::Enter, _) => self.cursor,
            (Action::Click(..), Some(Hit::Item(i))) => i,
            (Action::Back | Action::Interrupt, _) => return Transition::Pop,
            _ => return Transition::Stay,
        };
        self.cursor = pick;
        let (filters, title) = topic_filters(cx.bank, self.topics[pick].0);
        match drill_screen(cx.bank, filters, title, rand::random()) {
            Ok(s) => Transition::Push(s),
            Err(e) => {
                *cx.status = Some(e);
                Transition::Stay
            }
        }
    }
}

pub fn topic_filters(bank: &Bank, topic: Topic) -> (Filters, String) {
    match topic {
        Topic::Pillar(p) => (
            Filters {
                pillars: vec![p],
                headings: Vec::new(),
            },
            format!("Drill: {}", bank.pillars[p].name),
        ),
        Topic::Section(s) => (
            Filters {
                pillars: Vec::new(),
                headings: vec![s],
            },
            format!("Drill: {}", bank.notes.headings[s].title),
        ),
    }
}

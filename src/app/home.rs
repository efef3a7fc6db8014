//! The home menu, the custom-exam form and the drill picker.

use super::exam::ExamSession;
use super::input::{cycle, edit_text};
use super::notes::NotesBrowser;
use super::picker::DrillPicker;
use super::{Action, Ctx, Hit, KeyContext, Screen, StoreRequest, Transition};
use crate::bank::Bank;
use crate::exam::{Filters, sample};
use crate::store::{AttemptSummary, Store};

/// Start a timed exam screen; without `minutes`, the bank's pace for the questions drawn.
pub fn exam_screen(
    bank: &Bank,
    questions: usize,
    minutes: Option<u32>,
    seed: u64,
    filters: &Filters,
    cx: &mut Ctx<'_>,
) -> Transition {
    let exam = sample(bank, questions, seed, filters);
    let minutes = minutes.unwrap_or_else(|| bank.scaled_minutes(exam.items.len()));
    if exam.items.is_empty() {
        *cx.status = Some("No question matches that choice".into());
        return Transition::Stay;
    }
    if let Some(notice) = exam.notices.first() {
        *cx.status = Some(notice.clone());
    }
    let title = bank.title();
    Transition::Push(Screen::Exam(Box::new(ExamSession::new(
        title, exam, minutes, cx.now,
    ))))
}

/// A menu's answer to an action: the entry chosen (by Enter or a click, the cursor moved onto it), or
/// the transition when nothing was chosen (stay after a move or another key, pop on Back).
pub fn menu_pick(
    cursor: &mut usize,
    len: usize,
    action: Action,
    hit: Option<Hit>,
) -> Result<usize, Transition> {
    if move_cursor(cursor, len, action) {
        return Err(Transition::Stay);
    }
    let pick = match (action, hit) {
        (Action::Enter, _) if len > 0 => *cursor,
        (Action::Click(..), Some(Hit::Item(i))) if i < len => i,
        (Action::Back | Action::Interrupt, _) => return Err(Transition::Pop),
        _ => return Err(Transition::Stay),
    };
    *cursor = pick;
    Ok(pick)
}

/// Move a list cursor by an action; returns whether it was a movement.
pub fn move_cursor(cursor: &mut usize, len: usize, action: Action) -> bool {
    let last = len.saturating_sub(1);
    match action {
        Action::Up | Action::ScrollUp(..) => *cursor = cursor.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => *cursor = (*cursor + 1).min(last),
        Action::PageUp => *cursor = cursor.saturating_sub(10),
        Action::PageDown => *cursor = (*cursor + 10).min(last),
        _ => return false,
    }
    true
}

/// What the home screen shows of the history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HomeInfo {
    pub history: bool,
    pub in_progress: Option<InProgress>,
    pub due: usize,
    pub last: Option<AttemptSummary>,
    pub warning: Option<String>,
    /// Best scaled score of each practice test taken (index = form - 1).
    pub forms_best: Vec<Option<u32>>,
    /// The most questions one review session takes (the daily limit).
    pub limit: usize,
    /// "Readiness 701 (582-821) · 212/689 seen", or what readiness still needs.
    pub readiness: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InProgress {
    pub answered: usize,
    pub total: usize,
    pub left_secs: u64,
}

impl HomeInfo {
    pub fn load(
        store: &Store,
        bank: &Bank,
        warning: Option<String>,
        wall: chrono::DateTime<chrono::Utc>,
        limit: usize,
    ) -> HomeInfo {
        let in_progress = store.in_progress(&bank.code).ok().flatten().map(|r| InProgress {
            answered: r.responses.iter().filter(|x| !x.chosen.is_empty()).count(),
            total: r.responses.len(),
            left_secs: r
                .summary
                .time_limit_secs
                .unwrap_or(0)
                .saturating_sub(r.summary.used_secs),
        });
        let due = store.due(&bank.code, wall).map_or(0, |d| d.len());
        let last = store.last_exam(&bank.code).ok().flatten();
        let mut forms_best = vec![None; bank.forms];
        for (form, best) in store.best_per_form(&bank.code).unwrap_or_default() {
            if let Some(slot) = forms_best.get_mut(form.wrapping_sub(1)) {
                *slot = Some(best);
            }
        }
        let readiness = store
            .evidence(&bank.code, wall)
            .ok()
            .map(|ev| crate::stats::compute(bank, &ev).headline());
        HomeInfo {
            history: true,
            in_progress,
            due,
            last,
            warning,
            forms_best,
            limit,
            readiness,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeAction {
    Resume,
    Abandon,
    Full,
    Practice,
    Custom,
    Drill,
    Review,
    Stats,
    History,
    Notes,
    Quit,
}

/// A home menu entry: its key (highlighted in the label), label, a dim note, and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: char,
    pub label: &'static str,
    pub note: String,
    pub action: HomeAction,
}

/// The home menu for what the history holds now.
pub fn entries(info: &HomeInfo, bank: &Bank) -> Vec<Entry> {
    let entry = |key, label, note: String, action| Entry {
        key,
        label,
        note,
        action,
    };
    let mut list = Vec::new();
    if let Some(p) = info.in_progress {
        let note = format!(
            "  {}/{} answered, {} left",
            p.answered,
            p.total,
            crate::format::clock(p.left_secs)
        );
        list.push(entry('u', "Resume unfinished exam", note, HomeAction::Resume));
        list.push(entry(
            'a',
            "Abandon unfinished exam",
            String::new(),
            HomeAction::Abandon,
        ));
    }
    let off = || "  (history is off)".to_string();
    list.extend([entry(
        'f',
        "Full mock exam",
        format!("  {} q / {} min", bank.exam_questions, bank.exam_minutes),
        HomeAction::Full,
    )]);
    if bank.forms > 0 {
        let taken = info.forms_best.iter().flatten().count();
        list.push(entry(
            'p',
            "Practice tests",
            format!("  {} fixed tests, {taken} taken", bank.forms),
            HomeAction::Practice,
        ));
    }
    list.extend([
        entry('c', "Custom exam", String::new(), HomeAction::Custom),
        entry('d', "Drill", String::new(), HomeAction::Drill),
        entry(
            'r',
            "Review due questions",
            match info.history {
                false => off(),
                true if info.due > info.limit => {
                    format!("  {} due today ({} due in all)", info.limit, info.due)
                }
                true => format!("  {} due today", info.due),
            },
            HomeAction::Review,
        ),
        entry(
            's',
            "Statistics",
            if info.history { String::new() } else { off() },
            HomeAction::Stats,
        ),
        entry(
            'h',
            "History",
            if info.history { String::new() } else { off() },
            HomeAction::History,
        ),
        entry('n', "Notes", String::new(), HomeAction::Notes),
        entry('q', "Quit", String::new(), HomeAction::Quit),
    ]);
    list
}

#[derive(Debug, Default)]
pub struct Home {
    pub cursor: usize,
    pub info: HomeInfo,
    /// An action waiting for a yes because it ends the unfinished exam (abandon it, or start another).
    pub confirm: Option<HomeAction>,
}

impl Home {
    pub fn set_info(&mut self, info: HomeInfo) {
        let before = self.info.in_progress.is_some();
        self.info = info;
        // An unfinished exam puts the cursor on Resume; otherwise it stays on the same entry when the
        // resume entries go.
        match (before, self.info.in_progress.is_some()) {
            (false, true) => self.cursor = 0,
            (true, false) => self.cursor = self.cursor.saturating_sub(2),
            _ => {}
        }
    }

    fn activate(&mut self, action: HomeAction, cx: &mut Ctx<'_>) -> Transition {
        let bank = cx.bank;
        match action {
            HomeAction::Resume => Transition::Store(StoreRequest::Resume),
            HomeAction::Abandon | HomeAction::Full | HomeAction::Custom
                if self.info.in_progress.is_some() && self.confirm.is_none() =>
            {
                self.confirm = Some(action);
                Transition::Stay
            }
            HomeAction::Abandon => Transition::Store(StoreRequest::Abandon),
            HomeAction::Full => {
                exam_screen(bank, bank.exam_questions, None, cx.seed, &Filters::default(), cx)
            }
            HomeAction::Practice => Transition::Push(Screen::Practice(super::practice::PracticeList::new(
                bank,
                &self.info.forms_best,
            ))),
            HomeAction::Custom => Transition::Push(Screen::Custom(CustomForm::new(bank))),
            HomeAction::Drill => Transition::Push(Screen::Picker(DrillPicker::new(bank, cx.study))),
            HomeAction::Review => Transition::Store(StoreRequest::ReviewDue),
            HomeAction::Stats => Transition::Store(StoreRequest::Stats),
            HomeAction::History => Transition::Store(StoreRequest::History),
            HomeAction::Notes => Transition::Push(Screen::Notes(NotesBrowser::new(bank, None))),
            HomeAction::Quit => Transition::Quit,
        }
    }

    pub fn key_context(&self) -> KeyContext {
        if self.confirm.is_some() {
            KeyContext::Dialog
        } else {
            KeyContext::Menu
        }
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        if let Some(confirmed) = self.confirm {
            return match action {
                Action::Yes | Action::Enter => {
                    let next = self.activate(confirmed, cx);
                    self.confirm = None;
                    next
                }
                Action::No | Action::Back | Action::Interrupt => {
                    self.confirm = None;
                    Transition::Stay
                }
                _ => Transition::Stay,
            };
        }
        let list = entries(&self.info, cx.bank);
        if move_cursor(&mut self.cursor, list.len(), action) {
            return Transition::Stay;
        }
        let pick = match (action, hit) {
            (Action::Enter, _) => Some(self.cursor.min(list.len() - 1)),
            (Action::Char(c), _) => list.iter().position(|e| e.key == c),
            (Action::Click(..), Some(Hit::Item(i))) if i < list.len() => Some(i),
            (Action::Back | Action::Interrupt, _) => return Transition::Quit,
            _ => None,
        };
        match pick {
            Some(i) => {
                self.cursor = i;
                self.activate(list[i].action, cx)
            }
            None => Transition::Stay,
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

    /// The filters the ticked pillars and sections make.
    fn filters(&self) -> Filters {
        Filters {
            pillars: (0..self.pillars.len()).filter(|&i| self.pillars[i]).collect(),
            headings: self
                .sections
                .iter()
                .filter(|(_, on)| *on)
                .map(|(s, _)| *s)
                .collect(),
        }
    }

    /// The questions the exam will draw: as many as typed, but no more than the filters can supply.
    pub fn drawn(&self, bank: &Bank) -> usize {
        self.questions
            .parse::<usize>()
            .unwrap_or(0)
            .min(crate::exam::available(bank, &self.filters()))
    }

    /// How many questions the filters can supply at most.
    pub fn available(&self, bank: &Bank) -> usize {
        crate::exam::available(bank, &self.filters())
    }

    /// Minutes the exam will get: typed, or the manifest's pace for the questions it will draw.
    pub fn minutes_for(&self, bank: &Bank) -> u32 {
        match self.minutes.parse::<u32>() {
            Ok(m) if m > 0 => m,
            _ => bank.scaled_minutes(self.drawn(bank)),
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
        let filters = self.filters();
        match exam_screen(
            cx.bank,
            questions.min(self.available(cx.bank)),
            Some(self.minutes_for(cx.bank)),
            cx.seed,
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
            Action::Tab => self.focus = cycle(&FIELDS, self.focus, true),
            Action::BackTab => self.focus = cycle(&FIELDS, self.focus, false),
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
                if edit_text(text, action, 4, |c| c.is_ascii_digit()) {
                    return Transition::Stay;
                }
                match action {
                    Action::Down => self.focus = FIELDS[at + 1],
                    Action::Up => self.focus = FIELDS[at.saturating_sub(1)],
                    _ => {}
                }
            }
            Field::Pillars => {
                if !move_cursor(&mut self.pillar_cursor, self.pillars.len(), action)
                    && action == Action::Toggle
                    && let Some(on) = self.pillars.get_mut(self.pillar_cursor)
                {
                    *on ^= true;
                }
            }
            Field::Sections => {
                if !move_cursor(&mut self.section_cursor, self.sections.len(), action)
                    && action == Action::Toggle
                    && let Some((_, on)) = self.sections.get_mut(self.section_cursor)
                {
                    // Notes whose heading levels never repeat have no sections to pick.
                    *on ^= true;
                }
            }
        }
        Transition::Stay
    }
}

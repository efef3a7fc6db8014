//! The history screen: attempts newest first, the score trend, weak areas over recent attempts and
//! the questions answered wrong most often.

use super::home::move_cursor;
use super::picker::Topic;
use super::{Action, Ctx, Hit, StoreRequest, Transition};
use crate::bank::Bank;
use crate::store::{AttemptSummary, Detail, Missed, Mode, PartScore, Status, Store, StoreError};

/// How many recent attempts the weak-area table covers.
pub const RECENT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Attempts,
    Weak,
    Wrong,
}

/// A weak area: a pillar or a notes section with its accuracy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub topic: Option<Topic>,
    pub name: String,
    pub tally: PartScore,
}

#[derive(Debug)]
pub struct History {
    pub attempts: Vec<AttemptSummary>,
    /// (scaled score) of finished exams, oldest first, for the chart.
    pub scores: Vec<u32>,
    pub recent: usize,
    pub areas: Vec<Area>,
    pub wrong: Vec<Missed>,
    pub focus: Focus,
    pub cursors: [usize; 3],
}

impl History {
    pub fn load(store: &Store, bank: &Bank) -> Result<History, StoreError> {
        let attempts = store.summaries(Some(&bank.code), Detail::Brief)?;
        let scores = attempts
            .iter()
            .rev()
            .filter(|a| a.mode == Mode::Exam && a.status == Status::Finished)
            .filter_map(|a| a.scaled)
            .collect();
        let trend = store.trend(&bank.code, RECENT)?;
        let mut areas: Vec<Area> = Vec::new();
        for t in trend.pillars {
            let topic = bank.pillar_index(&t.id).map(Topic::Pillar);
            let name = topic.map_or(t.id.clone(), |_| {
                format!(
                    "pillar: {}",
                    bank.pillars[bank.pillar_index(&t.id).unwrap_or(0)].name
                )
            });
            areas.push(Area {
                topic,
                name,
                tally: t,
            });
        }
        for t in trend.sections {
            let heading = bank.notes.resolve(&t.id).ok();
            let name = heading.map_or(t.id.clone(), |h| bank.notes.headings[h].title.clone());
            areas.push(Area {
                topic: heading.map(Topic::Section),
                name,
                tally: t,
            });
        }
        areas.sort_by(|a, b| {
            crate::score::weaker((a.tally.correct, a.tally.total), (b.tally.correct, b.tally.total))
                .then(a.name.cmp(&b.name))
        });
        let wrong = store.most_wrong(&bank.code, 10)?;
        Ok(History {
            attempts,
            scores,
            recent: trend.attempts,
            areas,
            wrong,
            focus: Focus::Attempts,
            cursors: [0; 3],
        })
    }

    fn index(&self) -> usize {
        self.focus as usize
    }

    fn len(&self) -> usize {
        match self.focus {
            Focus::Attempts => self.attempts.len(),
            Focus::Weak => self.areas.len(),
            Focus::Wrong => self.wrong.len(),
        }
    }

    fn drill(&self, topic: Option<Topic>, cx: &mut Ctx<'_>) -> Transition {
        let Some(topic) = topic else {
            *cx.status = Some("That topic is no longer in the bank".into());
            return Transition::Stay;
        };
        cx.drill_topic(topic)
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        let (i, len) = (self.index(), self.len());
        if move_cursor(&mut self.cursors[i], len, action) {
            return Transition::Stay;
        }
        match action {
            Action::Tab => {
                self.focus = match self.focus {
                    Focus::Attempts => Focus::Weak,
                    Focus::Weak => Focus::Wrong,
                    Focus::Wrong => Focus::Attempts,
                }
            }
            Action::BackTab => {
                self.focus = match self.focus {
                    Focus::Attempts => Focus::Wrong,
                    Focus::Weak => Focus::Attempts,
                    Focus::Wrong => Focus::Weak,
                }
            }
            Action::Click(..) => {
                if let Some(Hit::Item(k)) = hit {
                    self.cursors[i] = k.min(len.saturating_sub(1));
                }
            }
            Action::Enter if len > 0 => {
                let k = self.cursors[i];
                return match self.focus {
                    Focus::Attempts => Transition::Store(StoreRequest::OpenAttempt(self.attempts[k].id)),
                    Focus::Weak => self.drill(self.areas[k].topic, cx),
                    Focus::Wrong => {
                        // Open the question itself in review, with its answer and notes.
                        let Some(q) = cx.bank.question_index(&self.wrong[k].question_id) else {
                            *cx.status = Some("That question is no longer in the bank".into());
                            return Transition::Stay;
                        };
                        let order = (0..cx.bank.questions[q].options.len()).collect();
                        let item = crate::exam::Item { question: q, order };
                        let review =
                            super::review::Review::new(cx.bank, vec![item], vec![Vec::new()], vec![0], false);
                        Transition::Push(super::Screen::Review(Box::new(review)))
                    }
                };
            }
            Action::Back | Action::Interrupt => return Transition::Pop,
            _ => {}
        }
        Transition::Stay
    }
}

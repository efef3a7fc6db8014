//! The statistics screen: readiness, coverage and recent accuracy per pillar, domain and section,
//! time and calibration. Enter on a pillar or section row drills it.

use super::home::move_cursor;
use super::picker::Topic;
use super::{Action, Ctx, Hit, Transition};
use crate::bank::Bank;
use crate::stats::{Part, Stats};

/// Which table a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Pillar,
    Domain,
    Section,
}

/// One selectable row: a part of the statistics and the drill it leads to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatRow {
    pub group: Group,
    /// Index into that group's parts.
    pub part: usize,
    pub topic: Option<Topic>,
}

#[derive(Debug)]
pub struct StatsView {
    pub stats: Stats,
    pub rows: Vec<StatRow>,
    pub cursor: usize,
}

impl StatsView {
    pub fn new(bank: &Bank, stats: Stats) -> StatsView {
        let mut rows = Vec::new();
        let row = |group, part, topic| StatRow { group, part, topic };
        rows.extend((0..stats.domains.len()).map(|d| row(Group::Domain, d, None)));
        rows.extend((0..stats.pillars.len()).map(|p| row(Group::Pillar, p, Some(Topic::Pillar(p)))));
        rows.extend(
            bank.notes
                .sections()
                .enumerate()
                .map(|(k, h)| row(Group::Section, k, Some(Topic::Section(h)))),
        );
        StatsView {
            stats,
            rows,
            cursor: 0,
        }
    }

    pub fn part(&self, row: &StatRow) -> &Part {
        match row.group {
            Group::Pillar => &self.stats.pillars[row.part],
            Group::Domain => &self.stats.domains[row.part],
            Group::Section => &self.stats.sections[row.part],
        }
    }

    pub fn update(&mut self, action: Action, hit: Option<Hit>, cx: &mut Ctx<'_>) -> Transition {
        if move_cursor(&mut self.cursor, self.rows.len(), action) {
            return Transition::Stay;
        }
        let pick = match (action, hit) {
            (Action::Enter, _) => self.cursor,
            (Action::Click(..), Some(Hit::Item(i))) if i < self.rows.len() => i,
            (Action::Back | Action::Interrupt, _) => return Transition::Pop,
            _ => return Transition::Stay,
        };
        self.cursor = pick;
        match self.rows[pick].topic {
            Some(topic) => cx.drill_topic(topic),
            None => {
                *cx.status = Some("Drill a pillar or a section; domains are drilled through them".into());
                Transition::Stay
            }
        }
    }
}

//! The key table: every key of every screen with its action and how help pop-ups and footers show it.
//! `keys::map_key` reads the same table, so what a screen does and what it says cannot drift.

use crossterm::event::KeyCode;

use super::Action;
use super::keys::KeyContext;

/// A screen whose help pop-up and footer list keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Picker,
    Practice,
    Form,
    Exam,
    Grid,
    Results,
    Review,
    Drill,
    /// A drill question after its answer was checked (footer only).
    DrillChecked,
    Notes,
    History,
    Stats,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    /// `a`-`f` and `1`-`6`: choose option A-F.
    Options,
}

/// One line of the key table: the keys it binds (each to an action, in these contexts), and how the
/// help pop-up and the footer of these pages show it. A line with no binds documents keys that mean
/// the same everywhere (arrows, Enter, Esc, `?`, `q`, menu letters), which `map_key` handles first.
pub struct Binding {
    pub pages: &'static [Page],
    pub contexts: &'static [KeyContext],
    pub binds: &'static [(Key, Action)],
    pub label: &'static str,
    /// The help pop-up's text; `None` shows the line only in the footer.
    pub help: Option<&'static str>,
    /// The footer's hint; `None` leaves the line out of the footer.
    pub footer: Option<&'static str>,
}

const fn line(
    pages: &'static [Page],
    label: &'static str,
    help: Option<&'static str>,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        pages,
        contexts: &[],
        binds: &[],
        label,
        help,
        footer,
    }
}

const fn bind(
    pages: &'static [Page],
    contexts: &'static [KeyContext],
    binds: &'static [(Key, Action)],
    label: &'static str,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        pages,
        contexts,
        binds,
        label,
        help: Some(help),
        footer,
    }
}

use Key::{Char as C, Code};
use KeyContext as X;
use Page as P;

/// Every key of every screen, in the order help and footers list them.
pub const BINDINGS: &[Binding] = &[
    // Home
    line(&[P::Home], "↑/↓ or j/k", Some("move"), Some("↑/↓ move")),
    line(&[P::Home], "Enter", Some("choose"), Some("Enter choose")),
    line(
        &[P::Home],
        "f p c d r s h n",
        Some("the highlighted letter of an action"),
        Some("letter shortcut"),
    ),
    line(&[P::Home], "?", Some("this help"), Some("? help")),
    line(&[P::Home], "q", Some("quit"), Some("q back")),
    // Drill picker and practice tests
    line(
        &[P::Picker, P::Practice],
        "↑/↓ or j/k, PageUp/PageDown",
        Some("move"),
        Some("↑/↓ move"),
    ),
    line(
        &[P::Picker],
        "Enter",
        Some("drill the highlighted topic with the set's filter, count and search"),
        Some("Enter start"),
    ),
    line(
        &[P::Picker],
        "Tab / Shift-Tab",
        Some("next / previous field: topics, only, count, search"),
        Some("Tab fields"),
    ),
    line(
        &[P::Picker],
        "Space, ↑/↓ on Only",
        Some("all, unseen, last wrong, bookmarked, last unsure"),
        None,
    ),
    line(
        &[P::Picker],
        "typing on Count, Search",
        Some("at most this many questions; text to find"),
        None,
    ),
    line(
        &[P::Practice],
        "Enter",
        Some("start this practice test"),
        Some("Enter choose"),
    ),
    line(&[P::Picker, P::Practice], "?", Some("this help"), Some("? help")),
    line(&[P::Picker], "Esc (q on a list)", Some("back"), Some("Esc back")),
    line(&[P::Practice], "q, Esc", Some("back"), Some("q back")),
    // Custom exam form
    line(
        &[P::Form],
        "Tab / Shift-Tab",
        Some("next / previous field"),
        Some("Tab next field"),
    ),
    line(&[P::Form], "digits, Backspace", Some("edit a number"), None),
    line(
        &[P::Form],
        "j/k, Space",
        Some("move, toggle a pillar or section"),
        Some("Space toggle"),
    ),
    line(&[P::Form], "Enter", Some("start the exam"), Some("Enter start")),
    line(&[P::Form], "Esc", Some("back"), Some("Esc back")),
    // Exam
    bind(
        &[P::Exam],
        &[X::Exam, X::Drill],
        &[(Key::Options, Action::Choose(0))],
        "a-f or 1-6",
        "choose an option (toggle on multiple-response)",
        Some("a-f choose"),
    ),
    bind(
        &[P::Exam],
        &[X::Exam, X::Drill],
        &[(C(' '), Action::Toggle)],
        "j/k or ↑/↓, Space, Enter",
        "move the cursor, choose the option under it",
        None,
    ),
    bind(
        &[P::Exam],
        &[X::Exam],
        &[(C('n'), Action::Next), (Code(KeyCode::Right), Action::Next)],
        "n, →",
        "next question",
        Some("n/p next/prev"),
    ),
    bind(
        &[P::Exam],
        &[X::Exam],
        &[(C('p'), Action::Prev), (Code(KeyCode::Left), Action::Prev)],
        "p, ←",
        "previous question",
        None,
    ),
    bind(
        &[P::Exam],
        &[X::Exam],
        &[(C('m'), Action::Mark)],
        "m",
        "mark for review",
        Some("m mark"),
    ),
    bind(
        &[P::Exam],
        &[X::Exam],
        &[(C('g'), Action::Grid)],
        "g",
        "review grid: every question's state; Enter jumps",
        Some("g grid"),
    ),
    bind(
        &[P::Exam],
        &[X::Exam],
        &[(C('s'), Action::Submit)],
        "s",
        "submit (asks first)",
        Some("s submit"),
    ),
    bind(
        &[P::Exam],
        &[X::Exam, X::Drill],
        &[(C('!'), Action::Unsure)],
        "!",
        "mark the answer unsure: a right guess comes back for review",
        Some("! unsure"),
    ),
    bind(
        &[P::Exam],
        &[X::Exam, X::Drill, X::Review],
        &[(C('*'), Action::Bookmark)],
        "*",
        "bookmark the question (again to remove)",
        Some("* bookmark"),
    ),
    bind(
        &[P::Exam],
        &[X::Exam, X::Drill, X::Review],
        &[(C('R'), Action::Report)],
        "R",
        "report a problem with the question: a one-line note for the bank's authors",
        Some("R report"),
    ),
    line(
        &[P::Exam],
        "pace",
        Some("\"2 ahead of pace\": questions answered beyond what the time used allows at an even pace"),
        None,
    ),
    line(&[P::Exam], "?", Some("this help"), Some("? help")),
    line(
        &[P::Exam],
        "q, Ctrl-C",
        Some("leave the exam (asks first)"),
        Some("q leave"),
    ),
    // Review grid
    bind(
        &[P::Grid],
        &[X::Grid],
        &[
            (C('l'), Action::Next),
            (C('n'), Action::Next),
            (Code(KeyCode::Right), Action::Next),
            (C('h'), Action::Prev),
            (C('p'), Action::Prev),
            (Code(KeyCode::Left), Action::Prev),
        ],
        "arrows or h/j/k/l",
        "move",
        None,
    ),
    line(&[P::Grid], "Enter", Some("go to that question"), None),
    bind(
        &[P::Grid],
        &[X::Grid],
        &[(C('s'), Action::Submit)],
        "s",
        "submit",
        None,
    ),
    bind(
        &[P::Grid],
        &[X::Grid],
        &[(C('g'), Action::Back)],
        "Esc, g",
        "close the grid",
        None,
    ),
    // Results
    line(&[P::Results], "↑/↓ or j/k", Some("move"), Some("↑/↓ move")),
    line(&[P::Results], "Enter", Some("choose"), Some("Enter choose")),
    line(
        &[P::Results],
        "r",
        Some("review all questions"),
        Some("letter shortcut"),
    ),
    line(&[P::Results], "w", Some("review wrong answers only"), None),
    line(
        &[P::Results],
        "m",
        Some("review the questions marked for review"),
        None,
    ),
    line(
        &[P::Results],
        "b",
        Some("review this exam's bookmarked questions"),
        None,
    ),
    line(
        &[P::Results],
        "x",
        Some("retry missed: a drill of the wrong, incomplete and unanswered questions"),
        None,
    ),
    line(
        &[P::Results],
        "PageUp/PageDown, wheel",
        Some("choose a row of the section table"),
        Some("PgDn sections"),
    ),
    line(
        &[P::Results],
        "d, click",
        Some("drill the chosen section (the weakest until you move)"),
        Some("d drill section"),
    ),
    line(&[P::Results], "?", Some("this help"), Some("? help")),
    line(&[P::Results], "h, q", Some("home"), Some("q back")),
    // Review, and a drill question after checking
    bind(
        &[P::Review],
        &[X::Review, X::Drill],
        &[
            (C('n'), Action::Next),
            (Code(KeyCode::Right), Action::Next),
            (Code(KeyCode::Left), Action::Prev),
        ],
        "n, →, Enter / p, ←",
        "next / previous question",
        Some("n/p next/prev"),
    ),
    bind(
        &[],
        &[X::Review],
        &[(C('p'), Action::Prev)],
        "p",
        "previous question",
        None,
    ),
    line(&[P::Review], "j/k", Some("scroll the question"), None),
    line(
        &[P::Review],
        "Tab / Shift-Tab",
        Some("next / previous notes ref"),
        Some("Tab next ref"),
    ),
    line(
        &[P::Review],
        "PageUp/PageDown",
        Some("scroll the notes"),
        Some("PgUp/PgDn notes"),
    ),
    bind(
        &[P::Review],
        &[X::Review, X::Drill],
        &[(C('o'), Action::FullNotes)],
        "o",
        "notes full screen (again to return)",
        Some("o full"),
    ),
    bind(
        &[P::Review],
        &[X::Review, X::Notes],
        &[(C('d'), Action::Drill)],
        "d",
        "drill this question's section",
        Some("d drill section"),
    ),
    line(
        &[P::Review],
        "*",
        Some("bookmark the question (again to remove)"),
        Some("* bookmark"),
    ),
    line(
        &[P::Review],
        "R",
        Some("report a problem with the question"),
        Some("R report"),
    ),
    line(&[P::Review], "q, Esc", Some("back"), Some("q back")),
    // Drill
    line(
        &[P::Drill],
        "a-f or 1-6, Space",
        Some("choose"),
        Some("a-f choose"),
    ),
    line(
        &[P::Drill],
        "Enter",
        Some("choose the option under the cursor; with an answer, check it; then next"),
        Some("Enter check"),
    ),
    line(
        &[P::Drill],
        "Tab, PageUp/PageDown, o",
        Some("after checking: notes refs, scroll, full screen"),
        None,
    ),
    line(&[P::Drill], "n", Some("next question"), None),
    line(
        &[P::Drill],
        "!",
        Some("before checking: mark the answer unsure (a right guess comes back for review)"),
        Some("! unsure"),
    ),
    line(
        &[P::Drill],
        "*",
        Some("bookmark the question (again to remove)"),
        Some("* bookmark"),
    ),
    line(
        &[P::Drill],
        "R",
        Some("report a problem with the question"),
        Some("R report"),
    ),
    line(&[P::Drill], "?", Some("this help"), Some("? help")),
    line(
        &[P::Drill],
        "q, Esc",
        Some("finish: shows a summary"),
        Some("q finish"),
    ),
    line(&[P::DrillChecked], "Enter", None, Some("Enter next")),
    line(&[P::DrillChecked], "Tab", None, Some("Tab next ref")),
    line(
        &[P::DrillChecked],
        "PgUp/PgDn",
        None,
        Some("PgUp/PgDn scroll notes"),
    ),
    line(&[P::DrillChecked], "o", None, Some("o full notes")),
    line(&[P::DrillChecked], "*", None, Some("* bookmark")),
    line(&[P::DrillChecked], "R", None, Some("R report")),
    line(&[P::DrillChecked], "?", None, Some("? help")),
    line(&[P::DrillChecked], "q", None, Some("q finish")),
    // Notes
    line(
        &[P::Notes],
        "j/k or ↑/↓",
        Some("move through the contents"),
        Some("j/k move"),
    ),
    line(
        &[P::Notes],
        "PageUp/PageDown",
        Some("scroll the section"),
        Some("PgUp/PgDn scroll"),
    ),
    bind(
        &[P::Notes],
        &[X::Notes],
        &[
            (C('/'), Action::Search),
            (C('n'), Action::Next),
            (C('N'), Action::Prev),
        ],
        "/",
        "search; n / N next / previous match",
        Some("/ search · n/N next/prev match"),
    ),
    line(
        &[P::Notes],
        "d",
        Some("drill the questions on this heading"),
        Some("d drill"),
    ),
    line(&[P::Notes], "q, Esc", Some("back"), Some("q back")),
    // History
    line(
        &[P::History],
        "Tab / Shift-Tab",
        Some("next / previous list"),
        Some("Tab next list"),
    ),
    line(&[P::History], "↑/↓ or j/k", Some("move"), Some("↑/↓ move")),
    line(
        &[P::History],
        "Enter",
        Some("review an attempt or a missed question, or drill a weak area"),
        Some("Enter review or drill"),
    ),
    line(&[P::History], "?", Some("this help"), Some("? help")),
    line(&[P::History], "q, Esc", Some("back"), Some("q back")),
    // Statistics
    line(
        &[P::Stats],
        "↑/↓ or j/k, PageUp/PageDown",
        Some("move"),
        Some("↑/↓ move"),
    ),
    line(
        &[P::Stats],
        "Enter",
        Some("drill the pillar or section under the cursor"),
        Some("Enter drill"),
    ),
    line(&[P::Stats], "?", Some("this help"), Some("? help")),
    line(&[P::Stats], "q, Esc", Some("back"), Some("q back")),
];

/// The help pop-up of a page: (keys, what they do).
pub fn help(page: Page) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.pages.contains(&page))
        .filter_map(|b| b.help.map(|h| (b.label, h)))
        .collect()
}

/// The footer of a page: its hints joined with " · ".
pub fn footer(page: Page) -> String {
    BINDINGS
        .iter()
        .filter(|b| b.pages.contains(&page))
        .filter_map(|b| b.footer)
        .collect::<Vec<_>>()
        .join(" · ")
}

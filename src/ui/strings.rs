//! Every key hint and help text in one place.

/// (keys, what they do) for one screen's help overlay.
pub type KeyHelp = &'static [(&'static str, &'static str)];

pub const HOME_HELP: KeyHelp = &[
    ("↑/↓ or j/k", "move"),
    ("Enter", "choose"),
    ("f c d r h n", "the highlighted letter of an action"),
    ("q", "quit"),
    ("?", "this help"),
];

pub const PICKER_HELP: KeyHelp = &[
    ("↑/↓ or j/k, PageUp/PageDown", "move"),
    ("Enter", "drill this pillar or section"),
    ("q, Esc", "back"),
];

pub const EXAM_HELP: KeyHelp = &[
    ("a-f or 1-6", "choose an option (toggle on multiple-response)"),
    ("j/k or ↑/↓, Space", "move the cursor, toggle the option under it"),
    ("n, →, Enter", "next question"),
    ("p, ←", "previous question"),
    ("m", "mark for review"),
    ("g", "review grid: every question's state; Enter jumps"),
    ("s", "submit (asks first)"),
    ("q, Ctrl-C", "leave the exam (asks first)"),
    ("?", "this help"),
];

pub const GRID_HELP: KeyHelp = &[
    ("arrows or h/j/k/l", "move"),
    ("Enter", "go to that question"),
    ("s", "submit"),
    ("Esc, g", "close the grid"),
];

pub const RESULTS_HELP: KeyHelp = &[
    ("r", "review all questions"),
    ("w", "review wrong answers only"),
    ("d", "drill the weakest section"),
    ("h, q", "home"),
];

pub const REVIEW_HELP: KeyHelp = &[
    ("n, →, Enter / p, ←", "next / previous question"),
    ("j/k", "scroll the question"),
    ("Tab / Shift-Tab", "next / previous notes ref"),
    ("PageUp/PageDown", "scroll the notes"),
    ("o", "notes full screen (again to return)"),
    ("d", "drill this question's section"),
    ("q, Esc", "back"),
];

pub const DRILL_HELP: KeyHelp = &[
    ("a-f or 1-6, Space", "choose"),
    ("Enter", "check the answer, then next question"),
    (
        "Tab, PageUp/PageDown, o",
        "after checking: notes refs, scroll, full screen",
    ),
    ("n", "next question"),
    ("q, Esc", "finish: shows a summary"),
];

pub const NOTES_HELP: KeyHelp = &[
    ("j/k or ↑/↓", "move through the contents"),
    ("PageUp/PageDown", "scroll the section"),
    ("/", "search; n / N next / previous match"),
    ("d", "drill the questions on this heading"),
    ("q, Esc", "back"),
];

pub const HISTORY_HELP: KeyHelp = &[
    ("Tab / Shift-Tab", "next / previous list"),
    ("↑/↓ or j/k", "move"),
    (
        "Enter",
        "review an attempt, or drill a weak area or a missed question's section",
    ),
    ("q, Esc", "back"),
];

pub const FORM_HELP: KeyHelp = &[
    ("Tab / Shift-Tab", "next / previous field"),
    ("digits, Backspace", "edit a number"),
    ("j/k, Space", "move, toggle a pillar or section"),
    ("Enter", "start the exam"),
    ("Esc", "back"),
];

pub const EXAM_FOOTER: &str = "a-f choose · n/p next/prev · m mark · g grid · s submit · ? help · q leave";
pub const REVIEW_FOOTER: &str =
    "n/p next/prev · Tab next ref · PgUp/PgDn notes · o full · d drill section · q back";
pub const DRILL_FOOTER: &str = "a-f choose · Enter check · ? help · q finish";
pub const DRILL_CHECKED_FOOTER: &str =
    "Enter next · Tab next ref · PgUp/PgDn scroll notes · o full notes · q finish";
pub const NOTES_FOOTER: &str =
    "j/k move · PgUp/PgDn scroll · / search · n/N next/prev match · d drill · q back";
pub const MENU_FOOTER: &str = "↑/↓ move · Enter choose · letter shortcut · ? help · q back";
pub const HISTORY_FOOTER: &str = "Tab next list · ↑/↓ move · Enter review or drill · ? help · q back";
pub const FORM_FOOTER: &str = "Tab next field · Space toggle · Enter start · Esc back";

pub const LEAVE_EXAM: &str =
    "Leave this exam? It is saved: resume it from the home screen or with `proctor exam --resume`.";
pub const ABANDON_EXAM: &str =
    "The unfinished exam stays in the history as abandoned, but it can no longer be resumed.";
pub const LEAVE_EXAM_UNSAVED: &str = "Leave this exam? History is off, so your answers will be lost.";
pub const TOO_SMALL: &str = "Proctor needs a terminal of at least 80x24.";

pub const UNSAVED_QUIT: &str = "The history is busy or the disk is full. Quit anyway? The result is kept beside history.db and stored the next time Proctor starts.";

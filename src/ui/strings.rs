//! Every message a screen shows, in one place; the keys and their help are in `app::keys`.

pub const LEAVE_EXAM: &str = "Leave this exam? It is saved and its clock stops: resume it from the home screen or with `proctor exam --resume`.";
pub const ABANDON_EXAM: &str =
    "The unfinished exam stays in the history as abandoned, but it can no longer be resumed.";
pub const LEAVE_EXAM_UNSAVED: &str = "Leave this exam? History is off, so your answers will be lost.";
pub const TOO_SMALL: &str = "Proctor needs a terminal of at least 80x24.";
pub const TOO_SMALL_KEYS: [&str; 2] = [
    "Enlarge the window, or press q or Ctrl-C to quit:",
    "an exam in progress is saved and can be resumed.",
];

pub const UNSAVED_QUIT: &str = "The history is busy or the disk is full. Quit anyway? The result is kept beside history.db and stored the next time Proctor starts.";

//! Keys to actions, from one table that also gives every help pop-up and footer its lines, so the keys
//! a screen reads and the keys it shows cannot drift. Contexts let `a` mean "option A" in an exam and
//! "Abandon" on the home screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;
pub use super::bindings::BINDINGS;

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

pub(super) const fn line(
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

pub(super) const fn bind(
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// Lists of actions: home, results, drill picker.
    Menu,
    /// Answering a timed question.
    Exam,
    /// The exam's review grid.
    Grid,
    /// A yes/no question.
    Dialog,
    /// Answering or reading feedback in a drill.
    Drill,
    Review,
    Notes,
    /// Typing into a field.
    Text,
    Help,
    /// The terminal is too small to show the screen: only `q` and Ctrl-C act.
    Hidden,
}

fn option_index(c: char) -> Option<usize> {
    match c {
        'a'..='f' => Some(c as usize - 'a' as usize),
        '1'..='6' => Some(c as usize - '1' as usize),
        _ => None,
    }
}

/// The table's action for a key in a context.
fn bound(context: KeyContext, code: KeyCode) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .flat_map(|b| b.binds.iter())
        .find_map(|&(key, action)| match (key, code) {
            (Key::Options, KeyCode::Char(c)) => option_index(c).map(Action::Choose),
            (Key::Char(k), KeyCode::Char(c)) if k == c => Some(action),
            (Key::Code(k), c) if k == c => Some(action),
            _ => None,
        })
}

pub fn map_key(context: KeyContext, key: KeyEvent) -> Option<Action> {
    use Action as A;
    use KeyCode as K;
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            K::Char('c') => Some(A::Interrupt),
            _ => None,
        };
    }
    if context == KeyContext::Hidden {
        return (key.code == K::Char('q')).then_some(A::Back);
    }
    // Keys that mean the same everywhere.
    let common = match key.code {
        K::Up => Some(A::Up),
        K::Down => Some(A::Down),
        K::PageUp => Some(A::PageUp),
        K::PageDown => Some(A::PageDown),
        K::Esc => Some(A::Back),
        K::Enter => Some(A::Enter),
        K::Tab => Some(A::Tab),
        K::BackTab => Some(A::BackTab),
        K::Backspace => Some(A::Backspace),
        _ => None,
    };
    if context == KeyContext::Text {
        return match key.code {
            K::Char(c) => Some(A::Char(c)),
            _ => common,
        };
    }
    if common.is_some() {
        return common;
    }
    let K::Char(c) = key.code else {
        return bound(context, key.code);
    };
    match (context, c) {
        (_, '?') => Some(A::Help),
        (KeyContext::Dialog, 'y') => Some(A::Yes),
        (KeyContext::Dialog, 'n' | 'q') => Some(A::No),
        (KeyContext::Dialog, _) => None,
        (KeyContext::Help, _) => Some(A::Back),
        (_, 'j') => Some(A::Down),
        (_, 'k') => Some(A::Up),
        _ => bound(context, key.code).or(match (context, c) {
            (_, 'q') => Some(A::Back),
            (KeyContext::Menu, c) => Some(A::Char(c)),
            _ => None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Every key the table binds reaches its action through `map_key`: nothing earlier shadows it.
    #[test]
    fn the_table_is_what_map_key_does() {
        for b in BINDINGS {
            for &context in b.contexts {
                for &(k, action) in b.binds {
                    let (code, want) = match k {
                        Key::Options => (KeyCode::Char('f'), Action::Choose(5)),
                        Key::Char(c) => (KeyCode::Char(c), action),
                        Key::Code(c) => (c, action),
                    };
                    let event = KeyEvent::new(code, KeyModifiers::NONE);
                    assert_eq!(map_key(context, event), Some(want), "{k:?} in {context:?}");
                }
            }
        }
    }

    #[test]
    fn every_page_has_help_and_a_footer() {
        use Page::*;
        for page in [
            Home, Picker, Practice, Form, Exam, Grid, Results, Review, Drill, Notes, History, Stats,
        ] {
            assert!(!help(page).is_empty(), "{page:?} help");
        }
        for page in [
            Home,
            Picker,
            Practice,
            Form,
            Exam,
            Results,
            Review,
            Drill,
            DrillChecked,
            Notes,
            History,
            Stats,
        ] {
            assert!(footer(page).contains(" · "), "{page:?} footer");
        }
        assert_eq!(
            footer(Exam),
            "a-f choose · n/p next/prev · m mark · g grid · s submit · ! unsure · * bookmark · R report · ? help · q leave"
        );
    }

    #[test]
    fn letters_mean_options_in_an_exam_and_shortcuts_in_menus() {
        assert_eq!(map_key(KeyContext::Exam, key('d')), Some(Action::Choose(3)));
        assert_eq!(map_key(KeyContext::Exam, key('4')), Some(Action::Choose(3)));
        assert_eq!(map_key(KeyContext::Menu, key('d')), Some(Action::Char('d')));
        assert_eq!(map_key(KeyContext::Notes, key('d')), Some(Action::Drill));
        assert_eq!(map_key(KeyContext::Dialog, key('n')), Some(Action::No));
        assert_eq!(map_key(KeyContext::Exam, key('n')), Some(Action::Next));
        assert_eq!(map_key(KeyContext::Text, key('q')), Some(Action::Char('q')));
        assert_eq!(
            map_key(
                KeyContext::Exam,
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Interrupt)
        );
    }
}

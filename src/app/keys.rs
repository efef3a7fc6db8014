//! Keys to actions. One table per context, so `a` can mean "option A" in an exam and "Custom exam" on
//! the home screen. The help overlay lists the same keys (see `ui::strings`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;

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
}

fn option_index(c: char) -> Option<usize> {
    match c {
        'a'..='f' => Some(c as usize - 'a' as usize),
        '1'..='6' => Some(c as usize - '1' as usize),
        _ => None,
    }
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
        return match (context, key.code) {
            (KeyContext::Exam | KeyContext::Review | KeyContext::Drill, K::Right) => Some(A::Next),
            (KeyContext::Exam | KeyContext::Review | KeyContext::Drill, K::Left) => Some(A::Prev),
            (KeyContext::Grid, K::Right) => Some(A::Next),
            (KeyContext::Grid, K::Left) => Some(A::Prev),
            _ => None,
        };
    };
    match (context, c) {
        (_, '?') => Some(A::Help),
        (KeyContext::Dialog, 'y') => Some(A::Yes),
        (KeyContext::Dialog, 'n') => Some(A::No),
        (KeyContext::Dialog, 'q') => Some(A::No),
        (KeyContext::Dialog, _) => None,
        (KeyContext::Help, _) => Some(A::Back),
        (_, 'j') => Some(A::Down),
        (_, 'k') => Some(A::Up),
        (KeyContext::Grid, 'l' | 'n') => Some(A::Next),
        (KeyContext::Grid, 'h' | 'p') => Some(A::Prev),
        (KeyContext::Grid, 'g' | 'q') => Some(A::Back),
        (KeyContext::Grid, 's') => Some(A::Submit),
        (KeyContext::Exam, 'n') => Some(A::Next),
        (KeyContext::Exam, 'p') => Some(A::Prev),
        (KeyContext::Exam, 'm') => Some(A::Mark),
        (KeyContext::Exam, 'g') => Some(A::Grid),
        (KeyContext::Exam, 's') => Some(A::Submit),
        (KeyContext::Exam, 'q') => Some(A::Back),
        (KeyContext::Exam | KeyContext::Drill, ' ') => Some(A::Toggle),
        (KeyContext::Exam | KeyContext::Drill, c) if option_index(c).is_some() => {
            option_index(c).map(A::Choose)
        }
        (KeyContext::Drill | KeyContext::Review, 'n') => Some(A::Next),
        (KeyContext::Review, 'p') => Some(A::Prev),
        (KeyContext::Drill | KeyContext::Review, 'o') => Some(A::FullNotes),
        (KeyContext::Notes, '/') => Some(A::Search),
        (KeyContext::Notes, 'n') => Some(A::Next),
        (KeyContext::Notes, 'N') => Some(A::Prev),
        (KeyContext::Notes | KeyContext::Review, 'd') => Some(A::Drill),
        (_, 'q') => Some(A::Back),
        (KeyContext::Menu, c) => Some(A::Char(c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
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

//! Editing shared by every form and text field: typing into a field, and stepping through a fixed
//! list of choices (fields, filters) with wrap-around.

use super::Action;

/// Apply a typing action to a field: a character `accept` allows, while the field is under `max`
/// characters, or Backspace. Returns whether the action was typing, even if nothing changed.
pub fn edit_text(text: &mut String, action: Action, max: usize, accept: impl Fn(char) -> bool) -> bool {
    match action {
        Action::Char(c) => {
            if accept(c) && !c.is_control() && text.chars().count() < max {
                text.push(c);
            }
            true
        }
        Action::Backspace => {
            text.pop();
            true
        }
        _ => false,
    }
}

/// The choice after (or before) `current`, wrapping around.
pub fn cycle<T: Copy + PartialEq>(choices: &[T], current: T, forward: bool) -> T {
    let n = choices.len();
    let at = choices.iter().position(|c| *c == current).unwrap_or(0);
    choices[if forward { (at + 1) % n } else { (at + n - 1) % n }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_respects_the_limit_and_what_the_field_takes() {
        let mut t = String::new();
        for c in ['1', 'x', '2', '3'] {
            assert!(edit_text(&mut t, Action::Char(c), 2, |c| c.is_ascii_digit()));
        }
        assert_eq!(t, "12");
        assert!(edit_text(&mut t, Action::Backspace, 2, |_| true));
        assert_eq!(t, "1");
        assert!(!edit_text(&mut t, Action::Enter, 2, |_| true));
        assert_eq!(cycle(&[1, 2, 3], 3, true), 1);
        assert_eq!(cycle(&[1, 2, 3], 1, false), 3);
    }
}

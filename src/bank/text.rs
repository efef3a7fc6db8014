//! Rules for the text a bank holds, and TOML messages a bank author can act on.

/// Characters that show nothing: a text made only of these (and spaces) is empty.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether a text shows nothing at all.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(invisible)
}

/// The first control character other than newline and tab (a carriage return only before a newline),
/// as "U+001B at character 12": such characters would reach the terminal raw.
pub fn control_char(text: &str) -> Option<String> {
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let allowed = c == '\n' || c == '\t' || (c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n'));
        if c.is_control() && !allowed {
            return Some(format!("U+{:04X} at character {}", c as u32, i + 1));
        }
    }
    None
}

/// A TOML parser message reworded for a bank author, given the source text at its position.
pub fn toml_message(message: &str, at: &str) -> String {
    let key: String = at
        .chars()
        .take_while(|c| !matches!(c, '=' | '\n' | '[' | ']'))
        .collect::<String>()
        .trim()
        .to_string();
    if message.starts_with("duplicate key") && !key.is_empty() {
        return format!("duplicate key `{key}`: each key may appear once in a table");
    }
    if let Some(rest) = message.split("expected struct ").nth(1) {
        let name = rest.split_whitespace().next().unwrap_or("").to_lowercase();
        let table = if key.is_empty() { name } else { key };
        return format!(
            "`{table}` must be a table of keys (for example [{table}] with its keys on the lines below), not {}",
            found(message)
        );
    }
    if message.contains("recursion limit") {
        return "keys or tables are nested too deeply; a bank needs at most a few levels".into();
    }
    message.to_string()
}

fn found(message: &str) -> &'static str {
    if message.starts_with("invalid length") || message.contains("sequence") {
        "an array"
    } else {
        "a single value"
    }
}

/// Where a message without a position most likely points: the line with the deepest nesting.
pub fn deepest_line(text: &str) -> usize {
    text.lines()
        .enumerate()
        .max_by_key(|(_, l)| {
            let key = l.split('=').next().unwrap_or("");
            key.matches('.').count() + l.matches(['[', '{']).count()
        })
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_control() {
        assert!(is_blank("\u{200B}\u{200D} \u{FEFF}"));
        assert!(!is_blank("a\u{200B}"));
        assert_eq!(control_char("ok\n\tfine\r\n"), None);
        assert_eq!(
            control_char("bell\u{7}").as_deref(),
            Some("U+0007 at character 5")
        );
        assert_eq!(control_char("a\rb").as_deref(), Some("U+000D at character 2"));
    }

    #[test]
    fn messages() {
        assert_eq!(
            toml_message("duplicate key", "id = \"y\"\n"),
            "duplicate key `id`: each key may appear once in a table"
        );
        assert_eq!(
            toml_message(
                "invalid length 0, expected struct Exam with 6 elements",
                "exam = []"
            ),
            "`exam` must be a table of keys (for example [exam] with its keys on the lines below), not an array"
        );
    }
}

//! Shared helpers for the app tests: a fixture bank, an app on a fake clock, key presses and
//! rendering on ratatui's TestBackend.
#![allow(dead_code)]

use std::path::PathBuf;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::app::{Action, App, FakeClock, Screen, map_key};
use proctor::bank::{self, Bank, BankSource, LoadOptions};
use proctor::cli::ExamArgs;
use proctor::launch::{Start, build_app_seeded};
use proctor::ui::{self, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn bank(name: &str) -> Bank {
    // Relative, so paths shown on screen are the same on every machine (tests run in the package root).
    let dir = PathBuf::from("tests/fixtures").join(name).join("bank");
    bank::load_valid(&LoadOptions {
        source: BankSource::Dir(dir),
        notes: None,
    })
    .expect("fixture bank is valid")
}

pub fn app_with(bank: Bank, start: Start) -> (App, Rc<FakeClock>) {
    let clock = FakeClock::new();
    let app = build_app_seeded(bank, &start, clock.clone(), None, 7).expect("app starts");
    (app, clock)
}

/// `proctor drill TOPIC`'s arguments.
pub fn drill_on(topic: &str) -> proctor::cli::DrillArgs {
    proctor::cli::DrillArgs {
        topic: Some(topic.into()),
        ..Default::default()
    }
}

/// An exam on the UI fixture bank: 4 questions, 8 minutes, seed 1.
pub fn exam_app(questions: usize) -> (App, Rc<FakeClock>) {
    let args = ExamArgs {
        questions: Some(questions),
        seed: Some(1),
        ..ExamArgs::default()
    };
    app_with(bank("ui"), Start::Exam(args))
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Press keys: plain characters, or names in angle brackets (`<Enter>`, `<Esc>`, `<Tab>`, `<Right>`,
/// `<Left>`, `<Down>`, `<Up>`, `<PageDown>`, `<C-c>`).
pub fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let event = if c == '<' {
            let end = rest.find('>').expect("closed key name");
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            match name {
                "Enter" => key(KeyCode::Enter),
                "Esc" => key(KeyCode::Esc),
                "Tab" => key(KeyCode::Tab),
                "Right" => key(KeyCode::Right),
                "Left" => key(KeyCode::Left),
                "Down" => key(KeyCode::Down),
                "Up" => key(KeyCode::Up),
                "PageDown" => key(KeyCode::PageDown),
                "Space" => key(KeyCode::Char(' ')),
                "C-c" => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                other => panic!("unknown key {other}"),
            }
        } else {
            rest = &rest[c.len_utf8()..];
            key(KeyCode::Char(c))
        };
        if let Some(action) = map_key(app.key_context(), event) {
            app.update(action);
        }
    }
}

/// A view that shows times of day in UTC, so screens are the same in every time zone.
pub fn utc(view: View) -> View {
    view.with_offset(chrono::FixedOffset::east_opt(0).unwrap())
}

/// Draw the app in colour at this size.
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    render_with(app, &utc(View::new(Theme { color: true })), width, height)
}

pub fn render_with(app: &App, view: &View, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(f, app, view)).unwrap();
    terminal
}

pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = render(app, width, height);
    let buf = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn exam(app: &App) -> &proctor::app::exam::ExamSession {
    match app.screen() {
        Screen::Exam(e) => e,
        other => panic!("expected the exam screen, got {other:?}"),
    }
}

/// Click where an 80x24 frame drew something.
pub fn click(app: &mut App, col: u16, row: u16) {
    let view = utc(View::new(Theme { color: true }));
    render_with(app, &view, 80, 24);
    app.update_at(Action::Click(col, row), view.hit(col, row));
}

/// Letter of the first correct option of the current exam question, as shown.
pub fn correct_letters(app: &App) -> String {
    let e = exam(app);
    let item = &e.exam.items[e.current];
    let q = &app.bank.questions[item.question];
    item.order
        .iter()
        .enumerate()
        .filter(|(_, o)| q.options[**o].correct)
        .map(|(pos, _)| (b'a' + pos as u8) as char)
        .collect()
}

pub fn wrong_letter(app: &App) -> char {
    let e = exam(app);
    let item = &e.exam.items[e.current];
    let q = &app.bank.questions[item.question];
    let pos = item.order.iter().position(|o| !q.options[*o].correct).unwrap();
    (b'a' + pos as u8) as char
}

//! Frame times on ratatui buffers at 200x50 (goal: under 1 ms) and start to first frame with the
//! bundled bank (goal: under 50 ms).

use std::rc::Rc;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proctor::app::{App, Screen, SystemClock, map_key};
use proctor::bank::{self, BankSource, LoadOptions};
use proctor::cli::ExamArgs;
use proctor::launch::{Start, build_app};
use proctor::ui::{self, NotesCache, Theme, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 200,
    height: 50,
};

fn bundled() -> proctor::bank::Bank {
    bank::load_valid(&LoadOptions {
        source: BankSource::Bundled,
        notes: None,
    })
    .unwrap()
}

fn exam_app() -> App {
    let args = ExamArgs {
        seed: Some(1),
        ..ExamArgs::default()
    };
    build_app(bundled(), &Start::Exam(args), Rc::new(SystemClock), None).unwrap()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        if let Some(a) = map_key(app.key_context(), KeyEvent::new(code, KeyModifiers::NONE)) {
            app.update(a);
        }
    }
}

fn frames(c: &mut Criterion) {
    let mut buf = Buffer::empty(AREA);
    let mut view = View::new(Theme { color: true });

    let mut app = exam_app();
    press(&mut app, "bnam");
    c.bench_function("frame_exam_200x50", |b| {
        b.iter(|| {
            buf.reset();
            ui::render(&app, &view, AREA, &mut buf);
        })
    });

    let mut app = exam_app();
    press(&mut app, "sy");
    press(&mut app, "r");
    assert!(matches!(app.screen(), Screen::Review(_)));
    ui::render(&app, &view, AREA, &mut buf);
    c.bench_function("frame_review_notes_200x50", |b| {
        b.iter(|| {
            buf.reset();
            ui::render(&app, &view, AREA, &mut buf);
        })
    });
    // A ref never shown before: the notes section is rendered from Markdown in this frame.
    c.bench_function("frame_review_notes_200x50_cold", |b| {
        b.iter(|| {
            view.cache = NotesCache::default();
            buf.reset();
            ui::render(&app, &view, AREA, &mut buf);
        })
    });

    c.bench_function("start_to_first_frame_bundled", |b| {
        b.iter(|| {
            let app = build_app(bundled(), &Start::Home, Rc::new(SystemClock), None).unwrap();
            let view = View::new(Theme::from_env());
            let mut buf = Buffer::empty(AREA);
            ui::render(&app, &view, AREA, &mut buf);
        })
    });
}

criterion_group!(benches, frames);
criterion_main!(benches);

//! Whole-screen snapshots on ratatui's TestBackend, at 80x24 and 120x40.

mod common;

use common::*;
use insta::assert_snapshot;
use proctor::app::{App, Screen};
use proctor::launch::Start;
use proctor::ui::{Theme, View};
use ratatui::style::Color;

fn snap_both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = render(app, w, h);
        assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// Move the exam to the first question matching `pick`.
fn go_to(app: &mut App, pick: impl Fn(&proctor::bank::Question) -> bool) {
    let k = exam(app)
        .exam
        .items
        .iter()
        .position(|i| pick(&app.bank.questions[i.question]))
        .expect("question in sample");
    press(app, &"n".repeat(k));
}

fn answer_all(app: &mut App, right: bool) {
    let n = exam(app).exam.items.len();
    for _ in 0..n {
        let keys = if right {
            correct_letters(app)
        } else {
            wrong_letter(app).to_string()
        };
        press(app, &keys);
        press(app, "n");
    }
}

#[test]
fn home() {
    let (app, _) = app_with(bank("ui"), Start::Home);
    snap_both("home", &app);
}

#[test]
fn custom_exam_form() {
    let (mut app, _) = app_with(bank("ui"), Start::Home);
    press(&mut app, "c<Tab><Tab><Space>");
    snap_both("custom_form", &app);
}

#[test]
fn drill_picker() {
    let (app, _) = app_with(bank("ui"), Start::Drill(Default::default()));
    snap_both("drill_picker", &app);
}

#[test]
fn exam_single_response() {
    let (mut app, _) = exam_app(5);
    go_to(&mut app, |q| q.id == "net-subnets-01");
    press(&mut app, "b");
    snap_both("exam_single", &app);
}

#[test]
fn exam_multiple_response() {
    let (mut app, _) = exam_app(5);
    go_to(&mut app, |q| q.is_multi());
    press(&mut app, "ac<Down>");
    snap_both("exam_multi", &app);
}

#[test]
fn exam_wide_characters() {
    let (mut app, _) = exam_app(5);
    go_to(&mut app, |q| q.id == "net-wide-01");
    snap_both("exam_wide", &app);
}

#[test]
fn exam_grid_with_a_marked_question() {
    let (mut app, _) = exam_app(5);
    press(&mut app, "am");
    press(&mut app, "nnbm");
    press(&mut app, "g<Right>");
    snap_both("exam_grid", &app);
}

#[test]
fn exam_submit_dialog() {
    let (mut app, _) = exam_app(5);
    press(&mut app, "amnbs");
    snap_both("exam_submit", &app);
}

#[test]
fn results_pass() {
    let (mut app, clock) = exam_app(5);
    clock.advance(std::time::Duration::from_secs(125));
    answer_all(&mut app, true);
    press(&mut app, "sy");
    assert!(matches!(app.screen(), Screen::Results(r) if r.score.passed));
    snap_both("results_pass", &app);
}

#[test]
fn results_fail() {
    let (mut app, _) = exam_app(5);
    answer_all(&mut app, false);
    press(&mut app, "sy");
    assert!(matches!(app.screen(), Screen::Results(r) if !r.score.passed));
    snap_both("results_fail", &app);
}

#[test]
fn review_with_notes_pane() {
    let (mut app, _) = exam_app(5);
    go_to(&mut app, |q| q.id == "net-subnets-01");
    press(&mut app, "bsy");
    press(&mut app, "r");
    let Screen::Review(r) = app.screen() else { panic!() };
    let k = r
        .picks
        .iter()
        .position(|&p| p == exam_index_of(&app, "net-subnets-01"))
        .unwrap();
    press(&mut app, &"n".repeat(k));
    snap_both("review", &app);
    press(&mut app, "<Tab>");
    snap_both("review_second_ref", &app);
    press(&mut app, "o");
    snap_both("review_full_notes", &app);
}

fn exam_index_of(app: &App, id: &str) -> usize {
    let Screen::Review(r) = app.screen() else { panic!() };
    r.items
        .iter()
        .position(|i| app.bank.questions[i.question].id == id)
        .unwrap()
}

#[test]
fn drill_feedback_and_summary() {
    let (mut app, _) = app_with(bank("ui"), Start::Drill(drill_on("addressing")));
    snap_both("drill_question", &app);
    press(&mut app, "a<Enter>");
    snap_both("drill_feedback", &app);
    press(&mut app, "q");
    snap_both("drill_summary", &app);
}

#[test]
fn notes_browser() {
    let (mut app, _) = app_with(bank("ui"), Start::Notes(Some("subnets".into())));
    snap_both("notes", &app);
    press(&mut app, "/rou");
    snap_both("notes_search", &app);
    press(&mut app, "<Enter>");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("\"rou\": 1 of "), "{status}");
    let first = app.status.clone();
    press(&mut app, "n");
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .starts_with("\"rou\": 2 of "),
        "{:?} after {first:?}",
        app.status
    );
    // The match is set apart in the notes pane.
    let terminal = render(&app, 120, 40);
    let buf = terminal.backend().buffer();
    let selected = proctor::ui::Theme { color: true }.selected();
    let highlighted: String = buf
        .content()
        .iter()
        .filter(|c| {
            c.style().add_modifier == selected.add_modifier && c.bg == selected.bg.unwrap_or_default()
        })
        .map(|c| c.symbol().to_lowercase())
        .collect();
    assert!(highlighted.contains("rou"), "{highlighted:?}");
}

#[test]
fn too_small() {
    let (mut app, _) = exam_app(5);
    app.update(proctor::app::Action::Resize(70, 20));
    press(&mut app, "sb<Enter>m");
    let terminal = render(&app, 70, 20);
    assert_snapshot!("too_small_70x20", terminal.backend());
    let terminal = render(&app, 80, 23);
    assert!(format!("{}", terminal.backend()).contains("This terminal is 80x23."));
}

#[test]
fn help_overlay() {
    let (mut app, _) = exam_app(5);
    press(&mut app, "?");
    snap_both("help_exam", &app);
}

#[test]
fn no_color_uses_no_colours_but_keeps_symbols() {
    let (mut app, _) = exam_app(5);
    let plain = View::new(Theme::no_color());
    go_to(&mut app, |q| q.is_multi());
    press(&mut app, "a");
    for (w, h) in [(80, 24), (120, 40)] {
        assert_snapshot!(
            format!("exam_no_color_{w}x{h}"),
            render_with(&app, &plain, w, h).backend()
        );
    }
    press(&mut app, "sy");
    let terminal = render_with(&app, &plain, 120, 40);
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "no foreground colour with NO_COLOR");
        assert_eq!(cell.bg, Color::Reset, "no background colour with NO_COLOR");
    }
    let text = format!("{}", terminal.backend());
    assert!(text.contains("FAIL"), "the verdict is in words");
}

/// Notes whose heading levels never repeat: Space on every field of the custom form, the drill picker
/// and the notes browser work on a bank with no notes sections.
#[test]
fn a_bank_without_notes_sections() {
    let (mut app, _) = app_with(bank("flat"), Start::Home);
    press(&mut app, "c");
    for _ in 0..6 {
        press(&mut app, "<Space><Down><Space><Up><Tab>");
    }
    snap_both("flat_custom_form", &app);
    let (mut app, _) = app_with(bank("flat"), Start::Drill(Default::default()));
    press(&mut app, "<Down><Down><Down><Space><Enter>");
    snap_both("flat_drill", &app);
    let (mut app, _) = app_with(bank("flat"), Start::Notes(None));
    press(&mut app, "<Down><Down><Enter><Down>");
    let _ = render(&app, 80, 24);
}

/// A bank with domains and practice tests: home lists them, the list shows each, and results score
/// by domain with pillars below.
#[test]
fn practice_tests_and_domain_results() {
    let (mut app, _) = app_with(bank("golang"), Start::Home);
    snap_both("go_home", &app);
    press(&mut app, "p");
    snap_both("go_practice_list", &app);
    press(&mut app, "<Down><Enter>");
    let e = exam(&app);
    assert!(
        e.title.starts_with("Practice test 2 · Go Developer (GO-1)"),
        "{}",
        e.title
    );
    assert_eq!(e.exam.items.len(), 5);
    let right = correct_letters(&app);
    press(&mut app, &right);
    press(&mut app, "sy");
    snap_both("go_results", &app);
}

/// A "Select TWO" question with one tick is incomplete: its own symbol in the grid and the header,
/// counted apart in the submit dialog, and a warning when more are ticked than asked for.
#[test]
fn incomplete_multiple_response() {
    let (mut app, _) = exam_app(5);
    go_to(&mut app, |q| q.is_multi());
    press(&mut app, "a");
    press(&mut app, "g");
    snap_both("exam_incomplete_grid", &app);
    press(&mut app, "<Esc>s");
    snap_both("exam_incomplete_submit", &app);
    press(&mut app, "n");
    press(&mut app, "bc");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("⚠ 3 chosen; this question asks for 2"), "{text}");
}

#[test]
fn review_header_of_a_marked_question() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "m");
    press(&mut app, "sy");
    press(&mut app, "r");
    snap_both("review_marked", &app);
}

/// Prompts are Markdown: a YAML block keeps its lines and indentation in its own style, a line too
/// wide is cut with a marker, and inline code is styled in options.
#[test]
fn a_question_with_a_yaml_block() {
    let args = proctor::cli::ExamArgs {
        questions: Some(2),
        seed: Some(1),
        ..proctor::cli::ExamArgs::default()
    };
    let (mut app, _) = app_with(bank("devops"), Start::Exam(args));
    go_to(&mut app, |q| q.id == "rollout-surge-01");
    snap_both("exam_yaml", &app);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("      rollingUpdate:"), "indentation kept:\n{text}");
    assert!(!text.contains("```"), "no fences shown:\n{text}");
    go_to(&mut app, |q| q.id == "logs-previous-01");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("api-7c9   0/1     CrashLoopBackOff"), "{text}");
    assert!(
        text.contains("A. kubectl logs api-7c9 --previous"),
        "no backticks:\n{text}"
    );
}

/// A section table longer than the screen shows a scrollbar; its cursor (PageDown and the wheel)
/// scrolls it, and `d` drills the row under the cursor.
#[test]
fn the_results_section_table_scrolls() {
    let bundled = proctor::bank::load_valid(&proctor::bank::LoadOptions {
        source: proctor::bank::BankSource::Bundled,
        notes: None,
    })
    .unwrap();
    let args = proctor::cli::ExamArgs {
        seed: Some(3),
        ..proctor::cli::ExamArgs::default()
    };
    let (mut app, _) = app_with(bundled, Start::Exam(args));
    press(&mut app, "sy");
    let before = screen_text(&app, 80, 24);
    assert!(
        before.contains('▼'),
        "a scrollbar shows the table is cut:\n{before}"
    );
    let first_row = |text: &str| text.lines().nth(8).unwrap_or_default().to_string();
    for _ in 0..12 {
        press(&mut app, "<PageDown>");
    }
    let after = screen_text(&app, 80, 24);
    assert_ne!(
        first_row(&before),
        first_row(&after),
        "PageDown scrolled the table"
    );
    for _ in 0..12 {
        app.update(proctor::app::Action::ScrollUp(60, 10));
    }
    assert_eq!(
        first_row(&screen_text(&app, 80, 24)),
        first_row(&before),
        "the wheel scrolls back"
    );
    press(&mut app, "<PageDown><PageDown>");
    let Screen::Results(r) = app.screen() else {
        panic!("results")
    };
    let third = app.bank.notes.headings[r.score.sections[2].key].title.clone();
    press(&mut app, "d");
    let Screen::Drill(d) = app.screen() else {
        panic!("a drill of the chosen row")
    };
    assert_eq!(d.title, format!("Drill: {third}"));
}

/// A notes table too wide for the pane lists each row under its own first cell.
#[test]
fn a_narrow_notes_table() {
    let (app, _) = app_with(bank("devops"), Start::Notes(Some("logs".into())));
    snap_both("notes_narrow_table", &app);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("• Crashed"), "{text}");
    assert!(!text.contains("• :"), "{text}");
    let wide = screen_text(&app, 120, 40);
    assert!(
        wide.contains("Crashed │ kubectl logs"),
        "a wide pane keeps the table:\n{wide}"
    );
}

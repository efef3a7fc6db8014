//! Snapshots of the study loop's screens at 80x24 and 120x40: the drill picker with its fields filled
//! in, the statistics screen, home with its readiness line, an exam question bookmarked and marked
//! unsure (and the grid's star), the report dialog, and drill feedback on a lucky guess.

mod common;

use common::*;
use insta::assert_snapshot;
use proctor::app::{App, HistoryAccess, Screen};
use proctor::cli::{DrillArgs, ExamArgs};
use proctor::launch::{Start, build_app_seeded};
use proctor::store::Store;

fn snap_both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = render(app, w, h);
        assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// An app on the k8s fixture with a history in `dir`, after an exam answered right and bookmarked,
/// right but unsure, wrong and blank; back on the home screen.
fn app_after_exam(dir: &std::path::Path) -> App {
    let clock = proctor::app::FakeClock::new();
    let start = Start::Exam(ExamArgs {
        questions: Some(4),
        seed: Some(5),
        ..ExamArgs::default()
    });
    let store = HistoryAccess::Open(Store::open_dir(dir).unwrap());
    let mut app = build_app_seeded(bank("k8s"), &start, clock.clone(), Some(store), 3).unwrap();
    let right = correct_letters(&app);
    press(&mut app, &format!("{right}*n"));
    let right = correct_letters(&app);
    press(&mut app, &format!("{right}!n"));
    clock.advance(std::time::Duration::from_secs(95));
    let wrong = wrong_letter(&app);
    press(&mut app, &format!("{wrong}nsy"));
    press(&mut app, "h");
    assert!(matches!(app.screen(), Screen::Home(_)));
    app
}

#[test]
fn drill_picker_with_its_fields() {
    let args = DrillArgs {
        only: Some(proctor::cli::OnlyArg::Unseen),
        search: Some("pod".into()),
        questions: Some(3),
        ..DrillArgs::default()
    };
    let (mut app, _) = app_with(bank("k8s"), Start::Drill(args));
    press(&mut app, "<Tab><Tab><Tab>");
    snap_both("picker_fields", &app);
}

#[test]
fn statistics_and_home_readiness() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_after_exam(dir.path());
    snap_both("home_with_history", &app);
    press(&mut app, "s");
    assert!(matches!(app.screen(), Screen::Stats(_)));
    snap_both("stats", &app);
    // Enter on a pillar row drills it.
    press(&mut app, "<Enter>");
    assert!(matches!(app.screen(), Screen::Drill(_)));
}

#[test]
fn exam_bookmarked_and_unsure_with_the_grid_star_and_a_report() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "a*!");
    snap_both("exam_marks", &app);
    press(&mut app, "g");
    snap_both("exam_grid_star", &app);
    press(&mut app, "<Esc>R");
    press(&mut app, "The answer cites a deprecated API");
    snap_both("report_dialog", &app);
    press(&mut app, "<Esc>");
    assert!(app.report.is_none());
    assert_eq!(app.status.as_deref(), Some("Report not sent"));
}

#[test]
fn drill_feedback_on_a_lucky_guess() {
    let (mut app, _) = app_with(bank("ui"), Start::Drill(drill_on("addressing")));
    let Screen::Drill(d) = app.screen() else {
        panic!("a drill")
    };
    let q = &app.bank.questions[d.item().question];
    let letters: String = d
        .item()
        .order
        .iter()
        .enumerate()
        .filter(|(_, o)| q.options[**o].correct)
        .map(|(k, _)| (b'a' + k as u8) as char)
        .collect();
    press(&mut app, &format!("{letters}!<Enter>"));
    snap_both("drill_lucky_guess", &app);
}

/// The drill's and the picker's help list the study keys and fit 80x24.
#[test]
fn drill_and_picker_help() {
    let (mut app, _) = app_with(bank("ui"), Start::Drill(drill_on("addressing")));
    press(&mut app, "?");
    snap_both("help_drill", &app);
    let (mut app, _) = app_with(bank("ui"), Start::Drill(DrillArgs::default()));
    press(&mut app, "?");
    snap_both("help_picker", &app);
}

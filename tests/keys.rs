//! Key sequences driving the app's `update`, with a fake clock: exact outcomes, no terminal.

mod common;

use std::time::Duration;

use common::*;
use proctor::app::exam::Overlay;
use proctor::app::{Action, Screen};
use proctor::launch::Start;

#[test]
fn single_response_choice_replaces_and_toggles_off() {
    let (mut app, _) = exam_app(4);
    let k = (0..4)
        .find(|&k| {
            app.bank.questions[exam(&app).exam.items[k].question]
                .options
                .len()
                == 4
        })
        .filter(|&k| !app.bank.questions[exam(&app).exam.items[k].question].is_multi())
        .expect("a four-option single-response question");
    press(&mut app, &"n".repeat(k));
    let order = exam(&app).exam.items[k].order.clone();
    press(&mut app, "b");
    assert_eq!(exam(&app).answers[k], vec![order[1]]);
    press(&mut app, "3");
    assert_eq!(exam(&app).answers[k], vec![order[2]]);
    press(&mut app, "c");
    assert!(exam(&app).answers[k].is_empty());
    press(&mut app, "<Up><Space>");
    assert_eq!(exam(&app).answers[k], vec![order[1]]);
}

#[test]
fn multiple_response_toggles_each_option() {
    let (mut app, _) = exam_app(4);
    let k = (0..4)
        .find(|&k| app.bank.questions[exam(&app).exam.items[k].question].is_multi())
        .expect("the sample holds the multi-response question");
    for _ in 0..k {
        press(&mut app, "n");
    }
    let order = exam(&app).exam.items[k].order.clone();
    press(&mut app, "ace");
    let mut want = vec![order[0], order[2], order[4]];
    want.sort_unstable();
    assert_eq!(exam(&app).answers[k], want);
    press(&mut app, "c");
    want.retain(|&o| o != order[2]);
    assert_eq!(exam(&app).answers[k], want);
}

#[test]
fn mark_and_jump_through_the_grid() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "m");
    assert_eq!(exam(&app).marked, [true, false, false, false]);
    press(&mut app, "g");
    assert_eq!(exam(&app).overlay, Some(Overlay::Grid(0)));
    press(&mut app, "<Right><Right><Enter>");
    assert_eq!(exam(&app).current, 2);
    assert_eq!(exam(&app).overlay, None);
    press(&mut app, "gl<Esc>");
    assert_eq!(exam(&app).current, 2, "Esc closes the grid without moving");
    press(&mut app, "p<Left>");
    assert_eq!(exam(&app).current, 0);
}

#[test]
fn time_per_question_is_recorded_on_navigation() {
    let (mut app, clock) = exam_app(4);
    clock.advance(Duration::from_secs(30));
    press(&mut app, "n");
    clock.advance(Duration::from_secs(12));
    press(&mut app, "p");
    clock.advance(Duration::from_secs(5));
    press(&mut app, "<Right>");
    let spent: Vec<u64> = exam(&app).spent.iter().map(Duration::as_secs).collect();
    assert_eq!(spent, [35, 12, 0, 0]);
}

#[test]
fn submit_asks_then_scores_exactly() {
    let (mut app, clock) = exam_app(4);
    // Answer questions 1 and 2 right, 3 wrong, leave 4 unanswered.
    let right = correct_letters(&app);
    press(&mut app, &right);
    press(&mut app, "n");
    let right = correct_letters(&app);
    press(&mut app, &right);
    press(&mut app, "n");
    let wrong = wrong_letter(&app);
    press(&mut app, &wrong.to_string());
    press(&mut app, "s");
    assert_eq!(exam(&app).overlay, Some(Overlay::ConfirmSubmit));
    press(&mut app, "n");
    assert_eq!(exam(&app).overlay, None, "n cancels");
    clock.advance(Duration::from_secs(90));
    press(&mut app, "sy");
    let Screen::Results(r) = app.screen() else {
        panic!("results expected")
    };
    assert_eq!((r.score.correct, r.score.total), (2, 4));
    assert_eq!(r.score.scaled, 550);
    assert!(!r.score.passed);
    assert!(!r.timed_out);
    assert_eq!(r.used, Duration::from_secs(90));
}

#[test]
fn the_exam_submits_itself_at_zero() {
    let (mut app, clock) = exam_app(4);
    let right = correct_letters(&app);
    press(&mut app, &right);
    clock.advance(Duration::from_secs(8 * 60 - 1));
    app.update(Action::Tick);
    assert!(matches!(app.screen(), Screen::Exam(_)), "one second left");
    assert_eq!(exam(&app).remaining(clock_now(&app)), Duration::from_secs(1));
    clock.advance(Duration::from_secs(1));
    app.update(Action::Tick);
    let Screen::Results(r) = app.screen() else {
        panic!("auto-submitted")
    };
    assert!(r.timed_out);
    assert_eq!((r.score.correct, r.score.total), (1, 4));
    assert_eq!(r.used, Duration::from_secs(8 * 60));
}

fn clock_now(app: &proctor::app::App) -> std::time::Instant {
    app.clock.now()
}

#[test]
fn leaving_asks_and_confirming_goes_home() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "q");
    assert_eq!(exam(&app).overlay, Some(Overlay::ConfirmLeave));
    press(&mut app, "n");
    assert_eq!(exam(&app).overlay, None);
    press(&mut app, "<C-c>");
    assert_eq!(exam(&app).overlay, Some(Overlay::ConfirmLeave));
    press(&mut app, "y");
    assert!(matches!(app.screen(), Screen::Home(_)));
    assert_eq!(app.stack.len(), 1);
    press(&mut app, "q");
    assert!(app.quit, "q on home quits");
}

#[test]
fn results_lead_to_review_of_wrong_answers_with_notes_refs() {
    let (mut app, _) = exam_app(4);
    let right = correct_letters(&app);
    press(&mut app, &right);
    press(&mut app, "sy");
    press(&mut app, "w");
    let Screen::Review(r) = app.screen() else {
        panic!("review expected")
    };
    assert_eq!(r.picks, [1, 2, 3], "question 1 was right");
    assert!(r.wrong_only);
    // Tab steps through the refs of a question that has two, and wraps.
    let mut moves = 0;
    while let Screen::Review(r) = app.screen()
        && r.pane.anchors.len() < 2
    {
        press(&mut app, "n");
        moves += 1;
        assert!(moves < 3, "a reviewed question with two refs");
    }
    press(&mut app, "<Tab>");
    let Screen::Review(r) = app.screen() else {
        unreachable!()
    };
    assert_eq!((r.pane.anchors.len(), r.pane.current), (2, 1));
    press(&mut app, "<Tab>");
    let Screen::Review(r) = app.screen() else {
        unreachable!()
    };
    assert_eq!(r.pane.current, 0, "Tab wraps to the first ref");
    press(&mut app, "pp");
    press(&mut app, "o");
    let Screen::Review(r) = app.screen() else {
        unreachable!()
    };
    assert!(r.pane.full);
    press(&mut app, "<Esc>");
    let Screen::Review(r) = app.screen() else {
        panic!("Esc leaves full screen first")
    };
    assert!(!r.pane.full);
    press(&mut app, "nnn");
    let Screen::Review(r) = app.screen() else {
        unreachable!()
    };
    assert_eq!(r.position, 2, "three wrong questions: stops on the last");
    press(&mut app, "q");
    assert!(matches!(app.screen(), Screen::Results(_)));
    press(&mut app, "h");
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn drill_checks_answers_and_summarises_on_leaving() {
    let (mut app, _) = app_with(bank("ui"), Start::Drill(drill_on("routing")));
    let Screen::Drill(d) = app.screen() else {
        panic!("drill expected")
    };
    assert_eq!(d.queue.len(), 3, "questions citing the Routing section");
    press(&mut app, "<Enter>");
    let Screen::Drill(d) = app.screen() else {
        unreachable!()
    };
    assert!(!d.checked, "Enter without a choice chooses, it does not check");
    assert_eq!(d.chosen.len(), 1, "Enter chose the highlighted option");
    press(&mut app, "<Enter>");
    let Screen::Drill(d) = app.screen() else {
        unreachable!()
    };
    assert!(d.checked, "Enter with a choice checks it");
    press(&mut app, "<Enter>");
    press(&mut app, "a<Enter>");
    let Screen::Drill(d) = app.screen() else {
        unreachable!()
    };
    assert!(d.checked);
    assert_eq!(d.log.len(), 2);
    press(&mut app, "<Enter>");
    let Screen::Drill(d) = app.screen() else {
        unreachable!()
    };
    assert_eq!((d.position, d.checked), (2, false));
    press(&mut app, "q");
    let Screen::Drill(d) = app.screen() else {
        unreachable!()
    };
    assert!(d.show_summary);
    press(&mut app, "y");
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn notes_search_and_drill_from_a_heading() {
    let (mut app, _) = app_with(bank("ui"), Start::Notes(None));
    press(&mut app, "/bgp<Enter>");
    let Screen::Notes(n) = app.screen() else {
        panic!("notes expected")
    };
    assert_eq!(app.bank.notes.headings[n.cursor].title, "Dynamic routes");
    press(&mut app, "d");
    let Screen::Drill(d) = app.screen() else {
        panic!("drill from notes")
    };
    assert_eq!(d.title, "Drill: Dynamic routes");
    assert_eq!(d.queue.len(), 1);
}

#[test]
fn home_custom_exam_starts_with_the_typed_length() {
    let (mut app, _) = app_with(bank("ui"), Start::Home);
    press(&mut app, "c");
    assert!(matches!(app.screen(), Screen::Custom(_)));
    // Clear the default "10" and type 3; minutes follow the bank's pace (4 q / 8 min).
    app.update(Action::Backspace);
    app.update(Action::Backspace);
    press(&mut app, "3<Enter>");
    assert_eq!(exam(&app).exam.items.len(), 3);
    assert_eq!(exam(&app).limit, Duration::from_secs(6 * 60));
}

#[test]
fn help_overlay_opens_and_closes() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "?");
    assert!(app.help);
    press(&mut app, "b");
    assert!(!app.help, "any key closes help");
    assert!(
        exam(&app).answers[0].is_empty(),
        "the closing key is not also an answer"
    );
}

#[test]
fn clicking_an_option_chooses_it() {
    let (mut app, _) = exam_app(4);
    let text = screen_text(&app, 80, 24);
    let row = text.lines().position(|l| l.contains("B. ")).unwrap() as u16;
    click(&mut app, 10, row);
    let order = exam(&app).exam.items[0].order.clone();
    assert_eq!(exam(&app).answers[0], vec![order[1]]);
}

#[test]
fn from_a_reviewed_question_d_drills_its_section() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "sy");
    press(&mut app, "r");
    let Screen::Review(r) = app.screen() else {
        panic!("review expected")
    };
    let section = app.bank.questions[r.items[r.item()].question].section;
    let title = format!("Drill: {}", app.bank.notes.headings[section].title);
    press(&mut app, "d");
    let Screen::Drill(d) = app.screen() else {
        panic!("drill expected")
    };
    assert_eq!(d.title, title);
    press(&mut app, "qy");
    assert!(
        matches!(app.screen(), Screen::Review(_)),
        "leaving the drill returns to the review"
    );
}

#[test]
fn the_grid_scrolls_for_long_exams() {
    let bundled = proctor::bank::load_valid(&proctor::bank::LoadOptions {
        source: proctor::bank::BankSource::Bundled,
        notes: None,
    })
    .unwrap();
    let args = proctor::cli::ExamArgs {
        questions: Some(300),
        seed: Some(1),
        ..Default::default()
    };
    let (mut app, _) = app_with(bundled, Start::Exam(args));
    press(&mut app, "g");
    let text = screen_text(&app, 80, 24);
    assert!(
        text.contains("  1○") && !text.contains("300○"),
        "the top rows first:\n{text}"
    );
    press(&mut app, &"j".repeat(30));
    assert_eq!(exam(&app).overlay, Some(Overlay::Grid(299)));
    let text = screen_text(&app, 80, 24);
    assert!(
        text.contains("300○") && !text.contains("  1○"),
        "scrolled to the cursor:\n{text}"
    );
    press(&mut app, "<Enter>");
    assert_eq!(exam(&app).current, 299);
}

/// Below 80x24 no key reaches the hidden exam; q leaves as Ctrl-C does, the exam kept.
#[test]
fn keys_never_act_on_a_screen_too_small_to_see() {
    let (mut app, _) = exam_app(4);
    app.update(Action::Resize(70, 20));
    press(&mut app, "sb<Enter>y<Esc>mg<Right>1<Tab>");
    app.update(Action::Resize(100, 30));
    let e = exam(&app);
    assert_eq!(e.current, 0, "still on question 1");
    assert!(e.answers.iter().all(Vec::is_empty), "nothing chosen");
    assert!(!e.marked[0] && e.overlay.is_none(), "no mark, no dialog");
    assert!(!app.quit);
    app.update(Action::Resize(79, 24));
    press(&mut app, "q");
    assert!(app.quit, "q quits while too small");
    let (mut app, _) = exam_app(4);
    app.update(Action::Resize(80, 23));
    press(&mut app, "<C-c>");
    assert!(app.quit, "Ctrl-C quits while too small");
}

/// Incomplete answers do not count as done for the pace hint, and score as wrong.
#[test]
fn an_incomplete_answer_is_not_done_and_scores_wrong() {
    let (mut app, _) = exam_app(4);
    let k = exam(&app)
        .exam
        .items
        .iter()
        .position(|i| app.bank.questions[i.question].is_multi())
        .expect("the fixture has a multiple-response question");
    for _ in 0..k {
        press(&mut app, "n");
    }
    let right = correct_letters(&app);
    press(&mut app, &right[..1]);
    let e = exam(&app);
    assert_eq!(e.progress(&app.bank, k), proctor::app::exam::Progress::Incomplete);
    assert_eq!(e.counts(&app.bank), (0, 1, 3));
    assert_eq!(
        e.pace(&app.bank, app.clock.now()),
        0,
        "an incomplete answer is not done"
    );
    press(&mut app, &right[1..]);
    assert_eq!(exam(&app).counts(&app.bank), (1, 0, 3));
}

/// A question answered in an exam counts as seen at once: the next drill puts it last.
#[test]
fn answered_in_an_exam_is_seen_at_once() {
    let (mut app, _) = exam_app(4);
    let first = exam(&app).exam.items[0].question;
    let id = app.bank.questions[first].id.clone();
    assert!(!app.study.seen.contains(&id));
    press(&mut app, "a");
    assert!(app.study.seen.contains(&id), "seen as soon as it is answered");
    press(&mut app, "qy");
    assert!(matches!(app.screen(), Screen::Home(_)));
    let section = app.bank.questions[first].section;
    app.stack.push(
        proctor::app::drill_screen(
            &app.bank,
            &proctor::study::SetSpec {
                filters: proctor::exam::Filters::heading(section),
                ..Default::default()
            },
            "t".into(),
            &app.study,
            1,
        )
        .unwrap(),
    );
    let Screen::Drill(d) = app.screen() else {
        panic!("a drill")
    };
    assert_eq!(
        d.queue.last().map(|i| i.question),
        Some(first),
        "unseen ones come first"
    );
}

/// Marks survive the submit: results offer "review marked", and the review header shows the mark.
#[test]
fn marks_show_after_submit() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "nm");
    press(&mut app, "sy");
    press(&mut app, "m");
    let Screen::Review(r) = app.screen() else {
        panic!("review of marked questions")
    };
    assert_eq!((r.picks.clone(), r.which), (vec![1], "marked questions"));
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("(marked questions)") && text.contains("⚑ marked · "),
        "{text}"
    );
}

/// Enter on the option list chooses the highlighted option; it never skips a question.
#[test]
fn enter_chooses_the_highlighted_option() {
    let (mut app, _) = exam_app(4);
    press(&mut app, "<Down><Enter>");
    let e = exam(&app);
    assert_eq!(e.current, 0, "still on question 1");
    assert_eq!(e.answers[0], [e.exam.items[0].order[1]], "option B chosen");
    press(&mut app, "<Enter>");
    assert!(exam(&app).answers[0].is_empty(), "Enter again takes it back");
    press(&mut app, "<Right>");
    assert_eq!(exam(&app).current, 1, "→ moves on");
}

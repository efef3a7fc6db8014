//! The terminal: raw mode, alternate screen and mouse, always restored (normal exit, panic, SIGTERM,
//! SIGHUP), and the event loop that turns input into actions.

use std::io::{self, IsTerminal, Stdout};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::Error;
use crate::app::{Action, App, map_key};

/// Put the terminal back; every step is tried even if an earlier one fails.
fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal when dropped, so early returns and errors restore it too.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Fail with exit code 2 unless both standard input and output are terminals.
pub fn require_terminal() -> Result<(), Error> {
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(Error::NeedsTerminal)
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first so the panic message is printed on the normal screen.
        restore();
        previous(info);
    }));
}

fn setup() -> Result<(Guard, Terminal<CrosstermBackend<Stdout>>), Error> {
    install_panic_hook();
    terminal::enable_raw_mode()?;
    let guard = Guard;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((guard, terminal))
}

/// Map one terminal event to an action for the app's current screen.
pub fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => map_key(app.key_context(), key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// Run the app until it quits or a terminating signal arrives.
pub fn run(mut app: App) -> Result<(), Error> {
    require_terminal()?;
    // A closed terminal leaves crossterm's poll spinning on end-of-file, so the main loop may never see
    // a flag: the signal thread restores the terminal and ends the process itself. Everything worth
    // keeping is saved as it happens, so nothing is lost by not unwinding.
    let mut signals =
        signal_hook::iterator::Signals::new([signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            std::process::exit(128 + signal);
        }
    });
    let (_guard, mut terminal) = setup()?;
    while !app.quit {
        terminal.draw(|frame| crate::ui::draw(frame, &app))?;
        // Sleep until input or the next countdown second; no busy loop.
        if event::poll(app.next_wake())? {
            if let Some(action) = action_for(&app, event::read()?) {
                app.update(action);
            }
        } else {
            app.update(Action::Tick);
        }
    }
    Ok(())
}

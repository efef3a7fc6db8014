//! The terminal: raw mode, alternate screen and mouse, always restored (normal exit, panic, and on Unix
//! SIGTERM, SIGHUP, SIGINT and SIGQUIT), and the event loop that turns input into actions.

use std::io::{self, IsTerminal, Stdout};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::Error;
use crate::app::{Action, App, map_key};
use crate::ui::{Theme, View};

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

/// Fail with exit code 2 unless both standard input and output are terminals that can draw the app.
pub fn require_terminal() -> Result<(), Error> {
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return Err(Error::NeedsTerminal);
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(Error::DumbTerminal);
    }
    Ok(())
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

/// Outside signals that end the app. The signal thread records one here; the main loop sees it, saves
/// the screen on top and leaves. If the loop cannot (a closed terminal leaves crossterm's poll spinning
/// on end-of-file), the thread restores the terminal and ends the process itself after a grace period:
/// answers are saved as they happen, so at most the last seconds of an exam's clock are lost.
#[cfg(unix)]
mod signals {
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::time::Duration;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

    static RECEIVED: AtomicI32 = AtomicI32::new(0);
    const GRACE: Duration = Duration::from_secs(2);

    pub fn watch() -> std::io::Result<()> {
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                RECEIVED.store(signal, Ordering::SeqCst);
                std::thread::sleep(GRACE);
                super::restore();
                std::process::exit(128 + signal);
            }
        });
        Ok(())
    }

    /// The signal received, if any.
    pub fn received() -> Option<i32> {
        match RECEIVED.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n),
        }
    }
}

/// Windows has no terminating signals to watch: closing the console ends the process, and Ctrl-C
/// arrives as a key in raw mode.
#[cfg(not(unix))]
mod signals {
    pub fn watch() -> std::io::Result<()> {
        Ok(())
    }

    pub fn received() -> Option<i32> {
        None
    }
}

/// The longest the loop sleeps, so an outside signal is acted on promptly.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// Run the app until it quits or a terminating signal arrives; the process exit code.
pub fn run(mut app: App, theme: Theme) -> Result<u8, Error> {
    require_terminal()?;
    signals::watch()?;
    let (_guard, mut terminal) = setup()?;
    let view = View::new(theme);
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut tick_at = Instant::now();
    let mut redraw = true;
    while !app.quit {
        if let Some(signal) = signals::received() {
            app.shutdown();
            return Ok(u8::try_from(128 + signal).unwrap_or(1));
        }
        let now = Instant::now();
        if now >= tick_at {
            app.update(Action::Tick);
            tick_at = now + app.next_wake();
            redraw = true;
        }
        if redraw {
            terminal.draw(|frame| crate::ui::draw(frame, &app, &view))?;
            redraw = false;
        }
        // Sleep until input, the next countdown second or the next signal check; no busy loop.
        let wait = tick_at
            .saturating_duration_since(Instant::now())
            .min(SIGNAL_CHECK);
        if event::poll(wait)? {
            if let Some(action) = action_for(&app, event::read()?) {
                let hit = match action {
                    Action::Click(c, r) | Action::ScrollUp(c, r) | Action::ScrollDown(c, r) => view.hit(c, r),
                    _ => None,
                };
                app.update_at(action, hit);
                tick_at = tick_at.min(Instant::now() + app.next_wake());
                redraw = true;
            }
        }
    }
    Ok(0)
}

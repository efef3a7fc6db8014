//! A pseudo-terminal of our own: the real binary runs in a pty (portable-pty) and its output feeds a
//! terminal emulator (vt100), so tests read the screen as a person sees it. No tmux, no shell.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any wait may take before the test fails with the last screen.
const DEADLINE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(20);

pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Set once the pty reports end of output (the program and everything holding the tty ended).
    closed: Arc<Mutex<bool>>,
}

impl Term {
    /// Start `proctor --data-dir DATA ARGS` in a `cols`x`rows` terminal, with an environment of
    /// TERM, PATH and whatever `env` adds.
    pub fn proctor(data: &Path, args: &[&str], cols: u16, rows: u16) -> Term {
        Term::proctor_env(data, args, cols, rows, &[])
    }

    pub fn proctor_env(data: &Path, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal opens");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_proctor"));
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("proctor starts in the pty");
        // The parent's copy of the slave must go, or the reader never sees the end of output.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(rows), nonzero(cols), 0)));
        let closed = Arc::new(Mutex::new(false));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, c) = (Arc::clone(&parser), Arc::clone(&closed));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => p.lock().unwrap().process(&buf[..n]),
                }
            }
            *c.lock().unwrap() = true;
        });
        let writer = pair.master.take_writer().unwrap();
        Term {
            parser,
            master: pair.master,
            writer,
            child,
            closed,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    /// Type text as a person would: one write per key, so Esc then a letter is not read as Alt+letter.
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            let bytes: &[u8] = match *k {
                "Enter" => b"\r",
                "Escape" => b"\x1b",
                "Space" => b" ",
                "Up" => b"\x1b[A",
                "Down" => b"\x1b[B",
                "Right" => b"\x1b[C",
                "Left" => b"\x1b[D",
                "C-c" => b"\x03",
                other => other.as_bytes(),
            };
            self.writer.write_all(bytes).unwrap();
            self.writer.flush().unwrap();
            // Let the app read this key on its own before the next (an Esc alone is a key).
            self.settle();
        }
    }

    /// Wait until the screen has not changed for a short while, so the next key meets a drawn frame.
    fn settle(&self) {
        let quiet = Duration::from_millis(40);
        let start = Instant::now();
        let mut last = self.screen();
        let mut since = Instant::now();
        while since.elapsed() < quiet && start.elapsed() < Duration::from_secs(1) {
            sleep(Duration::from_millis(5));
            let now = self.screen();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// The screen's text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Read something off the emulated terminal's state.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Wait until `done` holds for the screen; fail with the last screen after the deadline.
    pub fn wait_until(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) -> String {
        let start = Instant::now();
        loop {
            if self.with_screen(&done) {
                // A frame can arrive in several reads: let it finish before the caller looks closer.
                self.settle();
                return self.screen();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "waited {DEADLINE:?} for {what}; last screen:\n{}",
                self.screen()
            );
            sleep(POLL);
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("\"{text}\""), |s| s.contents().contains(text))
    }

    /// Resize the terminal (the program gets SIGWINCH) and the emulator with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser.lock().unwrap().set_size(nonzero(rows), nonzero(cols));
    }

    /// Wait for the program to end; its exit code (signals count as failure: 1).
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader take the last bytes written before the exit.
                while !*self.closed.lock().unwrap() && start.elapsed() < DEADLINE {
                    sleep(POLL);
                }
                return status.exit_code();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "proctor did not exit within {DEADLINE:?}; last screen:\n{}",
                self.screen()
            );
            sleep(POLL);
        }
    }

    /// Send a signal by name with the system's `kill`.
    #[cfg(unix)]
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name} failed");
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

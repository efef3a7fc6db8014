use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use proctor::Error;
use proctor::cli::{Cli, Command};
use proctor::commands::{self, Start};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Not locked: the signal thread of the terminal app must be able to write to stdout.
    let (mut out, mut err) = (io::stdout(), io::stderr());
    let result = match &cli.command {
        Some(Command::Check { strict }) => commands::check(&cli.global, *strict, &mut out, &mut err),
        Some(Command::Exam(args)) if args.print => {
            commands::print_exam(&cli.global, args, &mut out, &mut err)
        }
        Some(Command::Exam(args)) => commands::interactive(&cli.global, &Start::Exam(args.clone())),
        Some(Command::Drill { topic }) => commands::interactive(&cli.global, &Start::Drill(topic.clone())),
        Some(Command::Review { .. }) => Err(Error::NotYet("review")),
        Some(Command::History { .. }) => Err(Error::NotYet("history")),
        Some(Command::Export { .. }) => Err(Error::NotYet("export")),
        Some(Command::Notes { reference }) => {
            commands::interactive(&cli.global, &Start::Notes(reference.clone()))
        }
        None => commands::interactive(&cli.global, &Start::Home),
    };
    let _ = out.flush();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "proctor: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

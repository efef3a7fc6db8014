use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use proctor::cli::{Cli, Command};
use proctor::launch::{Start, interactive};
use proctor::{commands, config};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Not locked: the signal thread of the terminal app must be able to write to stdout.
    let (mut out, mut err) = (io::stdout(), io::stderr());
    let settings = match config::resolve(&cli.global) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return ExitCode::from(e.exit_code());
        }
    };
    let g = &settings.apply(&cli.global);
    let interactive = |start: &Start| interactive(g, &settings, start);
    let result = match &cli.command {
        Some(Command::Config) => write!(out, "{}", settings.describe())
            .map(|()| 0)
            .map_err(Into::into),
        Some(Command::Check { strict, format }) => commands::check(g, *strict, *format, &mut out, &mut err),
        Some(Command::New { dir }) => commands::new_bank(dir, &mut out),
        Some(Command::Completions { shell }) => commands::completions(*shell, &mut out),
        Some(Command::Man) => commands::man(&mut out),
        Some(Command::Import { file }) => commands::import(g, file, &mut out),
        Some(Command::Exam(args)) if args.print => commands::print_exam(g, args, &mut out, &mut err),
        Some(Command::Exam(args)) => interactive(&Start::Exam(args.clone())),
        Some(Command::Drill(args)) if args.list => commands::study::drill_list(g, args, &mut out),
        Some(Command::Drill(args)) => interactive(&Start::Drill(args.clone())),
        Some(Command::Review { list: true, .. }) => commands::review_list(g, &mut out),
        Some(Command::Review { list: false, limit }) => match limit {
            Some(0) => Err(proctor::Error::Usage("--limit must be at least 1".into())),
            Some(n) => proctor::launch::interactive(g, &settings.with_daily_limit(*n), &Start::Review),
            None => interactive(&Start::Review),
        },
        Some(Command::Stats { json }) => commands::study::stats(g, *json, &mut out),
        Some(Command::Reports { json }) => commands::study::reports(g, *json, &mut out),
        Some(Command::History { json }) => commands::history(g, *json, &mut out),
        Some(Command::Export {
            format,
            reports,
            out: target,
        }) => commands::export(g, *format, *reports, target.as_deref(), &mut out),
        Some(Command::Notes { reference }) => interactive(&Start::Notes(reference.clone())),
        None => interactive(&Start::Home),
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

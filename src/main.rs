//! The `teambook` binary: parses arguments, calls the library, and maps the
//! outcome to an exit status (0 clean, 1 content errors, 2 usage).

mod cli;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use cli::{CheckArgs, Cli, Command};
use teambook::{config, diagnostics, load};

const CONTENT_ERRORS: u8 = 1;
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(USAGE)
        }
    }
}

/// `Err` is a usage problem (no handbook found, bad environment).
fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => check(&args),
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, String> {
    let root = root(args.dir.as_deref())?;
    let options = load::Options { drafts: args.drafts, now: teambook::now()? };
    let (_, diags) = teambook::open(&root, &options);
    let shown = diags.sorted();
    let mut err = std::io::stderr().lock();
    for d in &shown {
        let _ = writeln!(err, "{d}");
    }
    let failed = diags.has_errors() || (args.strict && !shown.is_empty());
    let verdict = if failed { "check failed" } else { "check passed" };
    let _ = writeln!(err, "{verdict}: {}", diagnostics::summary(&shown));
    Ok(if failed { ExitCode::from(CONTENT_ERRORS) } else { ExitCode::SUCCESS })
}

/// The handbook root: DIR if given (it must hold teambook.toml), else the
/// nearest directory from the current one upward that does.
fn root(dir: Option<&Path>) -> Result<PathBuf, String> {
    match dir {
        Some(dir) if dir.join(config::FILE_NAME).is_file() => Ok(dir.to_path_buf()),
        Some(dir) if !dir.is_dir() => Err(format!("{} is not a directory", dir.display())),
        Some(dir) => Err(format!(
            "{} has no {} (run `teambook init {}` to start a handbook there)",
            dir.display(),
            config::FILE_NAME,
            dir.display()
        )),
        None => {
            let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
            load::find_root(&cwd).ok_or_else(|| {
                format!(
                    "no {} in {} or any parent directory (pass the handbook's directory)",
                    config::FILE_NAME,
                    cwd.display()
                )
            })
        }
    }
}

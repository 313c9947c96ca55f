//! `atlas-emulator`: serves the emulator to other processes until killed (or until stdin
//! closes, with `--exit-on-stdin-eof`). All logic lives in the library.

use atlas_emulator::Emulator;
use atlas_emulator::cli::{self, Parsed};
use std::io::Write;
use std::process::ExitCode;

// This function is the binary's whole terminal interface: the one `listening on` line on stdout
// that a parent process waits for, and usage, errors and `--verbose` logs on stderr.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    let args = match cli::parse(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => *args,
        Ok(Parsed::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let started = match &args.tls_ca_file {
        Some(_) => Emulator::start_tls_on(args.config, args.port),
        None => Emulator::start_on(args.config, args.port),
    };
    let emulator = match started {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {e}", args.port);
            return ExitCode::FAILURE;
        }
    };
    if let (Some(path), Some(pem)) = (&args.tls_ca_file, emulator.ca_pem())
        && let Err(e) = std::fs::write(path, pem)
    {
        eprintln!("error: cannot write the test CA to {path}: {e}");
        return ExitCode::FAILURE;
    }
    if args.verbose {
        emulator.set_logger(|line| eprintln!("atlas-emulator: {line}"));
    }
    println!("listening on {}", emulator.base_url());
    let _ = std::io::stdout().flush();
    if args.exit_on_stdin_eof {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        return ExitCode::SUCCESS;
    }
    loop {
        std::thread::park();
    }
}

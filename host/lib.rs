//! The `atlas` host: finds WebAssembly command plugins, builds the command line from what they
//! declare, resolves settings, and runs a command as argv → plugin `plan` → HTTP → plugin
//! `render` → stdout. It is the only place with I/O; plugins only see JSON.

pub(crate) mod auth;
pub(crate) mod claims;
pub(crate) mod cli;
pub(crate) mod completion;
pub(crate) mod config;
pub(crate) mod confirm;
pub(crate) mod digest;
pub(crate) mod discovery;
pub mod env;
pub(crate) mod files;
pub(crate) mod fsutil;
pub(crate) mod http;
pub mod index;
pub(crate) mod manage;
pub(crate) mod printer;
pub(crate) mod run;
pub mod runtime;
pub(crate) mod secret;
pub(crate) mod trace;

#[cfg(test)]
mod fuzz;

use std::ffi::OsString;
use std::process::ExitCode;

/// Runs the CLI with `argv` (program name first) and the process environment.
pub fn run(argv: Vec<OsString>) -> ExitCode {
    let printer = printer::Printer;
    let env = env::Env::from_process();
    match run::main(&argv, &env, &printer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            printer.error(&e.to_string());
            if let Some(note) = e.note() {
                printer.note(&note);
            }
            if let Some(advice) = e.help() {
                printer.help(&advice);
            }
            ExitCode::FAILURE
        }
    }
}

//! The questions `atlas auth login` asks on a terminal, survey-like (`? <question> ` on stderr,
//! one line read from stdin): a numbered choice, a line of text, a yes/no whose default is yes;
//! and the secret a script pipes on stdin. The API key and service account questions are
//! `atlas config init`'s ([`crate::config::cmd::ask`]).

use std::io::{BufRead, IsTerminal};

use super::cmd::CommandError;
use crate::printer::Printer;
use crate::secret::Secret;

/// Whether a person can be asked: stdin and stderr are terminals (as for `confirm`).
pub fn terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// One line of stdin without its line end; `None` at end of input.
fn read_line(what: &'static str) -> Result<Option<String>, CommandError> {
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|source| CommandError::Stdin { what, source })?;
    if n == 0 {
        return Ok(None);
    }
    let trimmed = line.strip_suffix('\n').unwrap_or(&line);
    Ok(Some(
        trimmed.strip_suffix('\r').unwrap_or(trimmed).to_string(),
    ))
}

/// Asks for one of `options` (name, description) by number or name; an empty line is the
/// first. Returns the chosen name.
pub fn select(
    printer: &Printer,
    question: &str,
    options: &[(&str, &str)],
) -> Result<String, CommandError> {
    printer.note(&format!("? {question}"));
    for (i, (name, description)) in options.iter().enumerate() {
        printer.note(&format!("  {}) {name} {description}", i + 1));
    }
    printer.prompt(&format!("? Choose 1-{} [1]: ", options.len()));
    let answer = read_line("the authentication type")?.unwrap_or_default();
    let answer = answer.trim();
    if answer.is_empty() {
        return Ok(options[0].0.to_string());
    }
    let chosen = answer
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| options.get(i))
        .map_or(answer, |(name, _)| *name);
    Ok(chosen.to_string())
}

/// Asks for a line of text.
pub fn input(
    printer: &Printer,
    question: &str,
    what: &'static str,
) -> Result<String, CommandError> {
    printer.prompt(&format!("? {question} "));
    Ok(read_line(what)?.unwrap_or_default().trim().to_string())
}

/// A yes/no question whose default (an empty line) is yes.
pub fn confirm_default_yes(printer: &Printer, question: &str) -> Result<bool, CommandError> {
    printer.prompt(&format!("? {question} (Y/n) "));
    let answer = read_line("an answer")?.unwrap_or_else(|| "n".into());
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "" | "y" | "yes"
    ))
}

/// The secret a script gives on stdin: its first line.
pub fn piped_secret(what: &'static str) -> Result<Option<Secret>, CommandError> {
    Ok(read_line(what)?.filter(|s| !s.is_empty()).map(Secret::new))
}

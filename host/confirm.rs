//! The confirm step of plugin ABI 2: a plugin's `plan` may answer `confirm` (it cannot prompt: it
//! does no I/O), and the host asks the user here, on the terminal, Go's `survey` way:
//! `? <question> (y/N) ` on stderr, one line read from stdin, "no" unless the answer is `y` or
//! `yes`. Without a terminal there is no one to ask, so nothing is done (the caller says to pass
//! the plugin's `--force`): never a silent yes.

use std::io::{BufRead, IsTerminal};

use crate::printer::Printer;

/// What the user said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `y` or `yes`, in any case.
    Yes,
    /// Anything else: an empty line (the default), `n`, end of input.
    No,
    /// stdin or stderr is not a terminal: the question could not be asked.
    NoTerminal,
}

/// Asks `question` when stdin and stderr are terminals (the question must be seen, and the
/// answer typed, by a person).
pub fn ask(question: &str, printer: &Printer) -> Answer {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Answer::NoTerminal;
    }
    printer.prompt(&format!("? {question} (y/N) "));
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(n) if n > 0 => answer(&line),
        // End of input (Ctrl-D) or a read error: no answer is a no, on a line of its own.
        _ => {
            printer.note("");
            Answer::No
        }
    }
}

/// A typed line as an answer.
pub fn answer(line: &str) -> Answer {
    match line.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Answer::Yes,
        _ => Answer::No,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_y_or_yes_is_a_yes() {
        for yes in ["y\n", "Y\n", "yes\n", " YES \r\n", "Yes"] {
            assert_eq!(answer(yes), Answer::Yes, "{yes:?}");
        }
        for no in [
            "\n", "n\n", "no\n", "N", "yy\n", "ye\n", "sure\n", "y es\n", "",
        ] {
            assert_eq!(answer(no), Answer::No, "{no:?}");
        }
    }
}

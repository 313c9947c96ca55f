//! `init`'s questions, asked the way Go's `survey` shows them — `? <message> [? for help]
//! (<default>) ` — on stderr when stdin and stderr are a terminal: a secret is typed with the
//! terminal's echo off, `?` shows the help, an answer that fails its check is asked again
//! (`X Sorry, your reply was invalid: …`). Without a terminal (a script) nothing is shown: each
//! question takes the next line of stdin, and an answer that fails its check is an error before
//! anything is written. An empty answer, or the end of the input, keeps the default.

use std::io::{BufRead, IsTerminal};

use super::CmdError;
use crate::printer::Printer;

/// One question.
#[derive(Debug, Clone, Copy)]
pub struct Question<'a> {
    /// What is asked (`Public API Key:`).
    pub message: &'a str,
    /// What `?` shows.
    pub help: &'a str,
    /// The answer an empty line gives (not shown for a secret).
    pub default: Option<&'a str>,
    /// Typed without echo.
    pub secret: bool,
    /// Whether an answer is acceptable (the Go CLI's message if not).
    pub check: fn(&str) -> Result<(), String>,
}

/// Where the answers come from.
pub struct Asker<'p> {
    printer: &'p Printer,
    terminal: bool,
    input: Box<dyn BufRead + 'p>,
}

impl<'p> Asker<'p> {
    /// Asks on the terminal when stdin and stderr are one, else reads stdin's lines.
    pub fn new(printer: &'p Printer) -> Self {
        let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Self {
            printer,
            terminal,
            input: Box::new(std::io::stdin().lock()),
        }
    }

    /// Whether the questions are shown to a person.
    pub fn on_terminal(&self) -> bool {
        self.terminal
    }

    /// The answer to `q` (the default for an empty one, or `""` when there is none).
    pub fn ask(&mut self, q: &Question<'_>) -> Result<String, CmdError> {
        loop {
            if self.terminal {
                self.printer.prompt(&prompt(q));
            }
            let line = self.line(q)?;
            if self.terminal && line.as_deref() == Some("?") && !q.help.is_empty() {
                self.printer.note(&format!("? {}", q.help));
                continue;
            }
            let typed = line.clone().unwrap_or_default();
            let answer = match typed.as_str() {
                "" => q.default.unwrap_or_default().to_string(),
                _ => typed,
            };
            match (q.check)(&answer) {
                Ok(()) => return Ok(answer),
                // Asked again only of a person who can type again.
                Err(why) if self.terminal && line.is_some() => self
                    .printer
                    .note(&format!("X Sorry, your reply was invalid: {why}")),
                Err(why) => return Err(CmdError::InvalidValue(why)),
            }
        }
    }

    /// The next line, trimmed; `None` at the end of the input.
    fn line(&mut self, q: &Question<'_>) -> Result<Option<String>, CmdError> {
        let _quiet = (self.terminal && q.secret).then(EchoOff::new).flatten();
        let mut line = String::new();
        let read = self.input.read_line(&mut line);
        if self.terminal && q.secret {
            self.printer.note(""); // the Enter the user typed was not echoed either
        }
        match read {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(line.trim().to_string())),
            Err(e) => Err(CmdError::Read {
                question: q.message.trim_end_matches(':').to_string(),
                message: e.to_string(),
            }),
        }
    }
}

/// `? Message: [? for help] (default) `, as survey draws it (without its colours).
pub fn prompt(q: &Question<'_>) -> String {
    let mut text = format!("? {} ", q.message);
    if !q.help.is_empty() {
        text.push_str("[? for help] ");
    }
    if let Some(default) = q.default.filter(|d| !d.is_empty() && !q.secret) {
        text.push_str(&format!("({default}) "));
    }
    text
}

/// The terminal's echo, off until dropped (then put back as it was).
struct EchoOff {
    #[cfg(unix)]
    saved: rustix::termios::Termios,
}

impl EchoOff {
    /// `None` if the terminal's mode cannot be read or changed (then the line is read as it is).
    #[cfg(unix)]
    fn new() -> Option<Self> {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok()?;
        let mut quiet = saved.clone();
        quiet.local_modes.remove(LocalModes::ECHO);
        tcsetattr(&stdin, OptionalActions::Now, &quiet).ok()?;
        Some(Self { saved })
    }

    /// Off Unix there is no portable way to turn the echo off: the answer is read as typed.
    #[cfg(not(unix))]
    fn new() -> Option<Self> {
        None
    }
}

#[cfg(unix)]
impl Drop for EchoOff {
    fn drop(&mut self) {
        let stdin = std::io::stdin();
        let _ =
            rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &self.saved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: &str) -> Result<(), String> {
        Ok(())
    }

    fn hex(s: &str) -> Result<(), String> {
        if s.is_empty() || s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(())
        } else {
            Err(format!("the provided value '{s}' is not a valid ID"))
        }
    }

    fn scripted<'p>(printer: &'p Printer, input: &'p str) -> Asker<'p> {
        Asker {
            printer,
            terminal: false,
            input: Box::new(input.as_bytes()),
        }
    }

    #[test]
    fn prompts_look_like_surveys() {
        let q = Question {
            message: "Public API Key:",
            help: "h",
            default: Some("abc"),
            secret: false,
            check: any,
        };
        assert_eq!(prompt(&q), "? Public API Key: [? for help] (abc) ");
        let secret = Question { secret: true, ..q };
        assert_eq!(prompt(&secret), "? Public API Key: [? for help] ");
        let bare = Question {
            help: "",
            default: None,
            ..q
        };
        assert_eq!(prompt(&bare), "? Public API Key: ");
    }

    #[test]
    fn without_a_terminal_each_question_takes_a_line_and_a_bad_one_is_an_error() {
        let printer = Printer;
        let q = |default| Question {
            message: "Default Org ID:",
            help: "",
            default,
            secret: false,
            check: hex,
        };
        let mut asker = scripted(&printer, "ab\n\r\n  cd  \r\n");
        assert_eq!(asker.ask(&q(None)).unwrap(), "ab");
        assert_eq!(asker.ask(&q(Some("ff"))).unwrap(), "ff");
        assert_eq!(asker.ask(&q(None)).unwrap(), "cd");
        assert_eq!(
            asker.ask(&q(Some("01"))).unwrap(),
            "01",
            "the end keeps the default"
        );
        assert_eq!(asker.ask(&q(None)).unwrap(), "");
        let err = scripted(&printer, "xyz\n").ask(&q(None)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the provided value 'xyz' is not a valid ID"
        );
        let err = scripted(&printer, "?\n").ask(&q(None)).unwrap_err();
        assert_eq!(err.to_string(), "the provided value '?' is not a valid ID");
    }
}

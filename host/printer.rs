//! The only module that writes to the terminal. stdout carries data (what the plugin rendered);
//! stderr carries diagnostics. Text that came from a plugin is untrusted, so control characters
//! (terminal escape sequences among them) are removed from everything printed.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

/// Writes to stdout and stderr.
#[derive(Debug, Default)]
pub struct Printer;

impl Printer {
    /// Data for stdout, cleaned of control characters: plugin output may end up on a terminal
    /// whether or not stdout is one now (`atlas … | less -R`, a log viewed later). Every format
    /// we render escapes control characters anyway, so nothing legitimate is lost.
    pub fn data(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let text = clean(text);
        // A closed pipe (`atlas … | head`) is not an error worth a panic.
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }

    /// Bytes for stdout exactly as they are: an answer from the server that could not be
    /// rendered (a created key must survive byte for byte, whatever its encoding).
    pub fn bytes(&self, bytes: &[u8]) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(bytes).and_then(|()| out.flush());
    }

    /// Copies `reader` to stdout as it comes (the rest of an answer larger than the host
    /// keeps in memory); returns how many bytes were copied, and the error that ended it, if any.
    pub fn stream(&self, reader: &mut dyn std::io::Read) -> (u64, Option<std::io::Error>) {
        let mut out = std::io::stdout().lock();
        let mut copied = 0u64;
        let mut buf = vec![0; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if out.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    copied += n as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return (copied, Some(e)),
            }
        }
        let _ = out.flush();
        (copied, None)
    }

    /// `help: <advice>` on stderr.
    pub fn help(&self, advice: &str) {
        self.stderr(&format!("help: {}\n", clean(advice)));
    }

    /// `Error: <message>` on stderr.
    pub fn error(&self, message: &str) {
        self.stderr(&format!("Error: {}\n", clean(message)));
    }

    /// `warning: <message>` on stderr.
    pub fn warning(&self, message: &str) {
        self.stderr(&format!("warning: {}\n", clean(message)));
    }

    /// A question on stderr, with no newline (the answer is typed after it).
    pub fn prompt(&self, question: &str) {
        let mut err = std::io::stderr().lock();
        let _ = err
            .write_all(clean(question).as_bytes())
            .and_then(|()| err.flush());
    }

    /// A note on stderr, as is.
    pub fn note(&self, message: &str) {
        self.stderr(&format!("{}\n", clean(message)));
    }

    fn stderr(&self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// Drops control characters except newline and tab.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_escape_sequences_but_keeps_layout() {
        assert_eq!(
            clean("a\x1b[31mred\x1b[0m\tb\nc\r\x07"),
            "a[31mred[0m\tb\nc"
        );
        assert_eq!(clean("\u{9b}31m"), "31m");
    }
}

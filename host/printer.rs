//! The only module that writes to the terminal. stdout carries data (what the plugin rendered);
//! stderr carries diagnostics. Text that came from a plugin is untrusted, so everything printed is
//! cleaned here, in one place: control characters (terminal escape sequences among them), bidi
//! overrides and isolates, and invisible characters are removed, and a diagnostic echoes at most
//! a bounded excerpt of what it quotes.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

/// The longest diagnostic line printed whole, in characters; a longer one is cut to
/// [`EXCERPT`] characters and its size.
pub const MAX_LINE: usize = 500;
/// How much of an over-long line a diagnostic shows.
pub const EXCERPT: usize = 200;
/// The most lines one diagnostic prints.
pub const MAX_LINES: usize = 50;

/// Writes to stdout and stderr.
#[derive(Debug, Default)]
pub struct Printer;

impl Printer {
    /// Data for stdout, cleaned: plugin output may end up on a terminal whether or not stdout is
    /// one now (`atlas … | less -R`, a log viewed later). Every format we render escapes control
    /// characters anyway, so nothing legitimate is lost. Its size is capped by the runtime.
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
        self.stderr(&format!("Error: {}\n", diagnostic(message)));
    }

    /// `warning: <message>` on stderr.
    pub fn warning(&self, message: &str) {
        self.stderr(&format!("warning: {}\n", diagnostic(message)));
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
        self.stderr(&format!("{}\n", diagnostic(message)));
    }

    fn stderr(&self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// A diagnostic as printed: cleaned, each line at most [`MAX_LINE`] characters, at most
/// [`MAX_LINES`] lines, so that no refusal echoes a plugin's megabytes.
pub fn diagnostic(message: &str) -> String {
    let text = clean(message);
    let mut out = String::new();
    let mut used = 0;
    for line in text.split_inclusive('\n').take(MAX_LINES) {
        used += line.len();
        let body = line.strip_suffix('\n');
        let body_text = body.unwrap_or(line);
        if body_text.len() > MAX_LINE && body_text.chars().count() > MAX_LINE {
            out.push_str(&excerpt(body_text, EXCERPT));
        } else {
            out.push_str(body_text);
        }
        if body.is_some() {
            out.push('\n');
        }
    }
    let rest = &text[used..];
    if !rest.is_empty() {
        let lines = rest.lines().count();
        out.push_str(&format!("… ({lines} more lines, {} bytes)", rest.len()));
    }
    out
}

/// `text` whole when it has at most `max` characters, else its first `max` and its size:
/// `abc… (1048576 bytes)`.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}… ({} bytes)", &text[..end], text.len()),
    }
}

/// Removes what could rewrite the terminal or hide or reorder text: control characters except
/// newline and tab, bidi embeddings, overrides, isolates and marks, and invisible characters.
/// Ordinary text (accents, CJK, emoji) is kept, and so is a zero-width joiner between two
/// pictographs (it only joins them into one emoji, such as 👩‍💻, and cannot hide or reorder a
/// letter).
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{200d}' {
            let joins = out
                .chars()
                .next_back()
                .is_some_and(|p| pictograph(p) || p == '\u{fe0f}')
                && chars.peek().copied().is_some_and(pictograph);
            if joins {
                out.push(c);
            }
        } else if (!c.is_control() || c == '\n' || c == '\t') && !hidden(c) {
            out.push(c);
        }
    }
    out
}

/// Bidi formatting characters and invisible ones that have no business in a terminal.
fn hidden(c: char) -> bool {
    matches!(c,
        '\u{061c}'                  // Arabic letter mark (bidi)
        | '\u{180e}'                // Mongolian vowel separator
        | '\u{200b}'..='\u{200f}'   // zero-width space, non-joiner, joiner; LRM, RLM
        | '\u{2028}' | '\u{2029}'   // line and paragraph separators
        | '\u{202a}'..='\u{202e}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{206f}'   // bidi isolates, deprecated format characters
        | '\u{feff}'                // zero-width no-break space (BOM)
    )
}

/// Pictographs that combine with a zero-width joiner into one emoji.
fn pictograph(c: char) -> bool {
    matches!(c, '\u{2300}'..='\u{23ff}' | '\u{2600}'..='\u{27bf}' | '\u{2b00}'..='\u{2bff}' | '\u{1f000}'..='\u{1faff}')
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

    #[test]
    fn clean_removes_bidi_controls_and_invisible_characters() {
        let cases = [
            ("admin\u{202e}txt.exe", "admintxt.exe"),
            ("\u{2066}a\u{2069}\u{2067}b\u{2068}", "ab"),
            ("\u{202a}\u{202b}\u{202c}\u{202d}x", "x"),
            (
                "Auth\u{200b}ori\u{200c}za\u{200d}tion\u{200e}\u{200f}",
                "Authorization",
            ),
            ("a\u{2028}b\u{2029}c\u{feff}d\u{2060}e\u{061c}", "abcde"),
            ("emoji\u{200d}", "emoji"),
            ("\u{200d}\u{1f469}", "\u{1f469}"),
        ];
        for (text, want) in cases {
            assert_eq!(clean(text), want, "{text:?}");
        }
    }

    #[test]
    fn clean_keeps_ordinary_unicode_and_emoji_sequences() {
        for text in [
            "café naïve Ærøskøbing",
            "日本語のテキスト, 한국어, 中文",
            "עברית and العربية as written",
            "👩\u{200d}💻 👨\u{200d}👩\u{200d}👧 ❤\u{fe0f}\u{200d}🔥 👍🏽",
        ] {
            assert_eq!(clean(text), text);
        }
    }

    #[test]
    fn diagnostics_echo_an_excerpt_of_long_lines_and_few_lines() {
        let path = format!("refused the request path \"/api/{}\"", "a".repeat(1 << 20));
        let shown = diagnostic(&path);
        assert!(shown.starts_with("refused the request path \"/api/aaa"));
        assert!(
            shown.ends_with(&format!("… ({} bytes)", path.len())),
            "{shown}"
        );
        assert_eq!(
            shown.chars().count(),
            EXCERPT + format!("… ({} bytes)", path.len()).chars().count()
        );
        let many = "line\n".repeat(1000);
        let shown = diagnostic(&many);
        assert_eq!(shown.lines().count(), MAX_LINES + 1);
        assert!(
            shown.ends_with("line\n… (950 more lines, 4750 bytes)"),
            "{shown}"
        );
        let ordinary = "x".repeat(MAX_LINE);
        assert_eq!(diagnostic(&ordinary), ordinary);
        assert_eq!(excerpt("日本語", 2), "日本… (9 bytes)");
    }
}

//! Go's structural parse errors that `gotmpl` does not report: an `{{if}}`, `{{range}}`,
//! `{{with}}`, `{{define}}` or `{{block}}` left open (`unexpected EOF`), an `{{end}}` or
//! `{{else}}` with nothing to close, and `{{break}}`/`{{continue}}` outside a `{{range}}`.
//!
//! We only need each action's first word, so this walks the source action by action, skipping
//! comments and the quoted strings that could hide a `}}`.

use super::Issue;

/// The first structural error in source order, if any.
pub fn structure(src: &str) -> Option<Issue> {
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(start) = src[at..].find("{{").map(|i| at + i) {
        let (word, word_at, end) = action(src, start + 2)?;
        at = end;
        let issue = |message: String| Some(Issue::parse(src, word_at, message));
        match word {
            "if" | "range" | "with" | "define" | "block" => open.push(word),
            "else" if matches!(open.last(), Some(&("if" | "range" | "with"))) => {}
            "else" | "end" if open.is_empty() || word == "else" => {
                return issue(format!("unexpected {{{{{word}}}}}"));
            }
            "end" => {
                open.pop();
            }
            "break" | "continue" => {
                let in_range = open
                    .iter()
                    .rev()
                    .take_while(|w| **w != "define")
                    .any(|w| *w == "range");
                if !in_range {
                    return issue(format!("{{{{{word}}}}} outside {{{{range}}}}"));
                }
            }
            _ => {}
        }
    }
    (!open.is_empty()).then(|| Issue::parse(src, src.len(), "unexpected EOF".to_string()))
}

/// The action starting after `{{` at `from`: its first word, where that word starts, and
/// where the action ends. `None` when the action never closes (gotmpl reports that).
fn action(src: &str, from: usize) -> Option<(&str, usize, usize)> {
    let bytes = src.as_bytes();
    let mut i = from;
    if src[i..].starts_with("- ") || src[i..].starts_with("-\t") || src[i..].starts_with("-\n") {
        i += 1;
    }
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if src[i..].starts_with("/*") {
        let close = src[i..].find("*/")? + i + 2;
        return Some(("", i, src[close..].find("}}")? + close + 2));
    }
    let word_at = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
        i += 1;
    }
    let word = &src[word_at..i];
    while i < bytes.len() {
        match bytes[i] {
            b'}' if src[i..].starts_with("}}") => return Some((word, word_at, i + 2)),
            q @ (b'"' | b'\'' | b'`') => i = skip_quoted(bytes, i, q)?,
            _ => i += 1,
        }
    }
    None
}

/// The index after the string that opens at `i` with quote `q` (raw strings have no escapes).
fn skip_quoted(bytes: &[u8], mut i: usize, q: u8) -> Option<usize> {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if q != b'`' => i += 2,
            c if c == q => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

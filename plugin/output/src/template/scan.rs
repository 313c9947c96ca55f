//! Go's structural parse errors that `gotmpl` does not report: an `{{if}}`, `{{range}}`,
//! `{{with}}`, `{{define}}` or `{{block}}` left open (`unexpected EOF`), an `{{end}}` or
//! `{{else}}` with nothing to close, `{{break}}`/`{{continue}}` outside a `{{range}}`, and an
//! action with no pipeline where one is needed (`missing value for if`; `gotmpl` says
//! `empty command`).
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
        if let Some(context) = missing_value(src, word, word_at, end) {
            // Go stops at the action's closing delimiter: its line, this action's place.
            let (line, _) = super::line_col(src, end - 2);
            let message = format!(
                "template: {}:{line}: missing value for {context}",
                super::NAME
            );
            return Some(Issue {
                offset: start,
                message,
            });
        }
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

/// What Go's parser names when the action that ends at `end` lacks the pipeline it needs:
/// `if`, `range`, `with`, `block clause`, or `command` for an action with nothing in it.
fn missing_value(src: &str, word: &str, word_at: usize, end: usize) -> Option<&'static str> {
    let mut inner = src[word_at..end - 2].trim_end();
    // The right trim marker is ` -` before `}}`.
    if let Some(before) = inner.strip_suffix('-')
        && (before.ends_with(|c: char| c.is_ascii_whitespace()) || before.is_empty())
    {
        inner = before.trim_end();
    }
    if inner.starts_with("/*") {
        return None;
    }
    let rest = inner[word.len()..].trim_start();
    let (context, rest) = match word {
        "if" => ("if", rest),
        "range" => ("range", rest),
        "with" => ("with", rest),
        "else" => match rest.split_once(|c: char| c.is_ascii_whitespace()) {
            Some(("if", tail)) => ("if", tail.trim_start()),
            Some(("with", tail)) => ("with", tail.trim_start()),
            _ if rest == "if" || rest == "with" => (if rest == "if" { "if" } else { "with" }, ""),
            _ => return None,
        },
        "block" => {
            let name_end = match rest.as_bytes().first() {
                Some(&q @ (b'"' | b'`')) => skip_quoted(rest.as_bytes(), 0, q)?,
                _ => return None,
            };
            ("block clause", rest[name_end..].trim_start())
        }
        "" => ("command", rest),
        _ => return None,
    };
    declared_away(rest).is_empty().then_some(context)
}

/// The pipeline after its variable declaration (`$i, $e :=`, `$x =`), if it has one.
fn declared_away(rest: &str) -> &str {
    let var = |s: &str| -> Option<usize> {
        let s = s.strip_prefix('$')?;
        Some(
            1 + s
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(s.len()),
        )
    };
    let Some(first) = var(rest) else { return rest };
    let mut tail = rest[first..].trim_start();
    if let Some(after_comma) = tail.strip_prefix(',') {
        let after_comma = after_comma.trim_start();
        let Some(second) = var(after_comma) else {
            return rest;
        };
        tail = after_comma[second..].trim_start();
    }
    match tail.strip_prefix(":=").or_else(|| tail.strip_prefix('=')) {
        Some(pipeline) => pipeline.trim_start(),
        None => rest,
    }
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

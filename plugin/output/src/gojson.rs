//! A JSON value in document order, and Go's `encoding/json` way of writing one: `json.Marshal`
//! (compact) and `json.MarshalIndent(v, "", indent)`, byte for byte.
//!
//! We write our own rather than use `serde_json`'s writer because the Go CLI's output is the
//! contract, and Go differs: it escapes `<`, `>`, `&`, U+2028 and U+2029, writes other control
//! characters as `\u00XX` with lower-case hex, and keeps struct fields in declaration order.
//! The Go-compatible reader is in [`crate::gojson_parse`].

use std::fmt::Write as _;

/// A JSON value as Go's decoder sees it before it is stored anywhere: objects keep their members
/// in document order (duplicates included) and numbers keep their source text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written in the source (Go decides later whether it is an int or a float64).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object: members in document order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// An object from static keys, for building output structs field by field.
    pub fn object(members: Vec<(&str, Value)>) -> Value {
        Value::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }
}

/// Go `json.Marshal(v)`: compact, HTML-escaped.
pub fn marshal(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None, 0);
    out
}

/// Go `json.MarshalIndent(v, "", indent)`: `json.Marshal` then `json.Indent`, which puts each
/// member and element on its own line, writes `": "` after keys, and keeps empty arrays and
/// objects as `[]` and `{}`.
pub fn marshal_indent(value: &Value, indent: &str) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(indent), 0);
    out
}

fn write_value(out: &mut String, value: &Value, indent: Option<&str>, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // Only decoded numbers reach here, so the source text is already valid JSON.
        Value::Number(raw) => out.push_str(raw),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            write_container(out, ('[', ']'), items, indent, depth, |out, item| {
                write_value(out, item, indent, depth + 1);
            });
        }
        Value::Object(members) => {
            write_container(
                out,
                ('{', '}'),
                members,
                indent,
                depth,
                |out, (key, item)| {
                    write_string(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    write_value(out, item, indent, depth + 1);
                },
            );
        }
    }
}

fn write_container<T>(
    out: &mut String,
    (open, close): (char, char),
    items: &[T],
    indent: Option<&str>,
    depth: usize,
    mut write_item: impl FnMut(&mut String, &T),
) {
    out.push(open);
    if items.is_empty() {
        out.push(close);
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, indent, depth + 1);
        write_item(out, item);
    }
    newline(out, indent, depth);
    out.push(close);
}

fn newline(out: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(indent) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(indent);
        }
    }
}

/// A string as Go's `encoding/json` writes it with HTML escaping on (the default of
/// `json.Marshal`): `\"` `\\`, the short forms `\b \f \n \r \t` (Go 1.22+), other bytes below
/// 0x20 and `<` `>` `&` as `\u00xx`, U+2028/U+2029 as `\u2028`/`\u2029`; all else verbatim.
pub fn write_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Copy runs of bytes that need no escape in one go; only ASCII bytes and the first byte of
    // U+2028/U+2029 (0xE2) can start an escape.
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            b'<' | b'>' | b'&' | 0x00..=0x1f => "",
            0xe2 if matches!(s.as_bytes().get(i + 1..i + 3), Some([0x80, 0xa8 | 0xa9])) => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            let c = s[i..].chars().next().unwrap_or_default();
            let _ = write!(out, "\\u{:04x}", u32::from(c));
            run = i + c.len_utf8();
        } else {
            out.push_str(escape);
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.to_string())
    }

    fn quoted(text: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, text);
        out
    }

    #[test]
    fn go_marshal_escapes_quote_and_backslash() {
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
    }

    #[test]
    fn go_marshal_uses_short_forms_for_common_control_characters() {
        let table = [("\n", r#""\n""#), ("\r", r#""\r""#), ("\t", r#""\t""#)];
        for (input, want) in table {
            assert_eq!(quoted(input), want, "input {input:?}");
        }
    }

    #[test]
    fn go_marshal_uses_short_forms_for_backspace_and_form_feed() {
        // Go 1.22 added these two; older Go wrote \u0008 and \u000c.
        assert_eq!(quoted("\u{8}\u{c}"), r#""\b\f""#);
    }

    #[test]
    fn go_marshal_writes_other_control_characters_as_lower_case_unicode_escapes() {
        let table = [
            ("\u{0}", r#""\u0000""#),
            ("\u{1b}", r#""\u001b""#),
            ("\u{1f}", r#""\u001f""#),
        ];
        for (input, want) in table {
            assert_eq!(quoted(input), want, "input {input:?}");
        }
    }

    #[test]
    fn go_marshal_indent_escapes_html_characters() {
        assert_eq!(
            quoted("<a href='x'>&</a>"),
            r#""\u003ca href='x'\u003e\u0026\u003c/a\u003e""#
        );
    }

    #[test]
    fn go_marshal_escapes_line_and_paragraph_separators() {
        assert_eq!(quoted("a\u{2028}b\u{2029}c"), r#""a\u2028b\u2029c""#);
    }

    #[test]
    fn go_marshal_escapes_between_multi_byte_characters() {
        // U+2027 and U+202A share U+2028's first two bytes and stay verbatim.
        assert_eq!(
            quoted("€\u{2028}€\"é\u{2029}\u{2027}\u{202a}<"),
            "\"€\\u2028€\\\"é\\u2029\u{2027}\u{202a}\\u003c\""
        );
    }

    #[test]
    fn go_marshal_keeps_delete_and_other_non_ascii_verbatim() {
        assert_eq!(quoted("\u{7f}é€😀\u{85}"), "\"\u{7f}é€😀\u{85}\"");
    }

    #[test]
    fn go_marshal_is_compact() {
        let v = Value::object(vec![
            ("a", s("x")),
            ("b", Value::Array(vec![s("y"), Value::Null])),
        ]);
        assert_eq!(marshal(&v), r#"{"a":"x","b":["y",null]}"#);
    }

    #[test]
    fn go_marshal_indent_puts_members_on_their_own_lines() {
        let v = Value::object(vec![
            ("a", s("x")),
            (
                "b",
                Value::Array(vec![Value::object(vec![("c", Value::Bool(true))])]),
            ),
        ]);
        let want = "{\n  \"a\": \"x\",\n  \"b\": [\n    {\n      \"c\": true\n    }\n  ]\n}";
        assert_eq!(marshal_indent(&v, "  "), want);
    }

    #[test]
    fn go_marshal_indent_keeps_empty_containers_compact() {
        let v = Value::object(vec![
            ("a", Value::Array(vec![])),
            ("b", Value::Object(vec![])),
        ]);
        assert_eq!(marshal_indent(&v, "  "), "{\n  \"a\": [],\n  \"b\": {}\n}");
    }

    #[test]
    fn go_marshal_writes_numbers_as_their_source_text() {
        assert_eq!(
            marshal(&Value::Array(vec![Value::Number("1.50".into())])),
            "[1.50]"
        );
    }
}

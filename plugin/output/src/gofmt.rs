//! The bits of Go's `fmt`, `strconv` and `net/http` that the Go CLI's messages are made of:
//! `%q` ([`quote`]), `%v` of a value decoded into `any` ([`sprint_value`]), and the status line
//! Go's HTTP/2 client builds ([`status_line`]).

use std::fmt::Write as _;

use crate::gojson::Value;

/// Go `strconv.Quote` (what `%q` prints for a string): `"` and `\` escaped; printable runes
/// verbatim; `\a \b \f \n \r \t \v`; other runes below U+0020 and U+007F as `\xNN`; other
/// non-printable runes as `\uNNNN` or `\UNNNNNNNN`, lower-case hex.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_quoted_rune(&mut out, c);
    }
    out.push('"');
    out
}

/// Go's `quoteChar` in `encoding/json/scanner.go`: one input byte, shown in single quotes.
/// A byte above 0x7F is shown as the rune U+00XX, as Go's `string(c)` does.
pub fn quote_byte(c: u8) -> String {
    match c {
        b'\'' => r"'\''".to_string(),
        b'"' => "'\"'".to_string(),
        _ => {
            let quoted = quote(&char::from(c).to_string());
            format!("'{}'", &quoted[1..quoted.len() - 1])
        }
    }
}

fn push_quoted_rune(out: &mut String, c: char) {
    let code = u32::from(c);
    match c {
        '"' | '\\' => {
            out.push('\\');
            out.push(c);
        }
        c if is_print(c) => out.push(c),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        _ if code < 0x20 || code == 0x7f => {
            let _ = write!(out, "\\x{code:02x}");
        }
        _ if code < 0x10000 => {
            let _ = write!(out, "\\u{code:04x}");
        }
        _ => {
            let _ = write!(out, "\\U{code:08x}");
        }
    }
}

/// Go `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
/// Exact for ASCII. Beyond ASCII, std has no Unicode category tables, so we treat as
/// non-printable the control, space-separator and format characters, private use and
/// non-characters, and take every other rune (unassigned ones too) as printable.
fn is_print(c: char) -> bool {
    let code = u32::from(c);
    if code < 0x80 {
        return (0x20..0x7f).contains(&code);
    }
    let format_char = matches!(code,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x8E2 | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0001 | 0xE0020..=0xE007F);
    let private_use = matches!(code, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    let non_character = matches!(code, 0xFDD0..=0xFDEF) || (code & 0xFFFE) == 0xFFFE;
    !(c.is_control() || c.is_whitespace() || format_char || private_use || non_character)
}

/// Go `fmt.Sprint` (`%v`) of a value that `encoding/json` decoded into `any`: strings bare,
/// numbers as float64, `<nil>`, `[a b]` for arrays, `map[k:v]` (sorted keys) for objects.
pub fn sprint_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(raw) => out.push_str(&format_float(raw.parse().unwrap_or(f64::NAN))),
        Value::String(s) => out.push_str(s),
        Value::Array(items) => sprint_list(out, "[", items.iter()),
        Value::Object(members) => {
            // A Go map keeps the last of duplicate keys, and fmt prints keys sorted.
            let mut map = std::collections::BTreeMap::new();
            for (key, item) in members {
                map.insert(key.as_str(), item);
            }
            out.push_str("map[");
            for (i, (key, item)) in map.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(key);
                out.push(':');
                sprint_value(out, item);
            }
            out.push(']');
        }
    }
}

/// `%v` of a list of values: `[a b c]`.
pub fn sprint_list<'a>(out: &mut String, open: &str, items: impl Iterator<Item = &'a Value>) {
    out.push_str(open);
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        sprint_value(out, item);
    }
    out.push(']');
}

/// Go `%v` of a float64: `strconv.FormatFloat(f, 'g', -1, 64)`, i.e. the shortest digits that
/// round-trip, in `%e` form when the exponent is below -4 or at least 6 (Go's rule for the
/// shortest precision): `1e+06`, `123456`, `1.5e-05`, `0.0001`.
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0");
    }
    // Rust's `{:e}` gives the same shortest round-trip digits, e.g. `1.234567e6`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if !(-4..6).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{dot}{rest}e{exp_sign}{:02}", exp.abs());
    }
    let point = usize::try_from(exp + 1).unwrap_or(0); // digits before the decimal point
    let text = if exp < 0 {
        format!("0.{}{digits}", "0".repeat(exp.unsigned_abs() as usize - 1))
    } else if digits.len() <= point {
        format!("{digits}{}", "0".repeat(point - digits.len()))
    } else {
        format!("{}.{}", &digits[..point], &digits[point..])
    };
    format!("{sign}{text}")
}

/// `res.Status` as Go's HTTP/2 client builds it: the code, a space, `http.StatusText(code)`
/// (empty for unknown codes, which leaves the trailing space).
pub fn status_line(code: u16) -> String {
    format!("{code} {}", status_text(code))
}

/// Go `net/http.StatusText` (Go keeps the RFC 2616 wording for 413, 414, 416 and 422).
pub fn status_text(code: u16) -> &'static str {
    match code {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400..=499 => client_error_text(code),
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "",
    }
}

fn client_error_text(code: u16) -> &'static str {
    match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        _ => "",
    }
}

pub mod printf;

#[cfg(test)]
mod tests;

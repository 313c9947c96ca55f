//! Tests of the Go `fmt`/`strconv`/`net/http` text helpers.

use super::*;
use crate::gojson_parse::parse;

fn sprint(json: &str) -> String {
    let mut out = String::new();
    sprint_value(&mut out, &parse(json).unwrap());
    out
}

#[test]
fn go_quote_escapes_like_strconv_quote() {
    let table = [
        (
            "IP_ADDRESS_NOT_ON_ACCESS_LIST",
            r#""IP_ADDRESS_NOT_ON_ACCESS_LIST""#,
        ),
        ("", r#""""#),
        (r#"a"b\c"#, r#""a\"b\\c""#),
        ("\u{7}\u{8}\u{c}\n\r\t\u{b}", r#""\a\b\f\n\r\t\v""#),
        ("\u{0}\u{1b}\u{7f}", r#""\x00\x1b\x7f""#),
        ("é€😀", "\"é€😀\""),
        (
            "\u{85}\u{a0}\u{ad}\u{2028}\u{feff}",
            r#""\u0085\u00a0\u00ad\u2028\ufeff""#,
        ),
        ("\u{e0001}\u{10fffd}", r#""\U000e0001\U0010fffd""#),
    ];
    for (input, want) in table {
        assert_eq!(quote(input), want, "input {input:?}");
    }
}

#[test]
fn go_quote_char_uses_single_quotes() {
    let table = [
        (b'<', "'<'"),
        (b'\'', r"'\''"),
        (b'"', "'\"'"),
        (b'\t', r"'\t'"),
        (0xEF, "'ï'"),
    ];
    for (input, want) in table {
        assert_eq!(quote_byte(input), want, "input {input}");
    }
    assert_eq!(quote_byte(0x85), r"'\u0085'");
}

#[test]
fn go_sprint_prints_decoded_json_like_fmt_v() {
    let table = [
        (r#"["203.0.113.7"]"#, "[203.0.113.7]"),
        ("[]", "[]"),
        (r#"["a", "b c"]"#, "[a b c]"),
        ("[1, 2.5, -0, true, null]", "[1 2.5 -0 true <nil>]"),
        (r#"[{"b": 1, "a": [2, "x"], "b": 3}]"#, "[map[a:[2 x] b:3]]"),
    ];
    for (input, want) in table {
        assert_eq!(sprint(input), want, "input {input}");
    }
}

#[test]
fn go_float_v_switches_to_exponent_form_like_strconv_g() {
    let table = [
        (0.0, "0"),
        (1.0, "1"),
        (123456.0, "123456"),
        (1e6, "1e+06"),
        (1234567.0, "1.234567e+06"),
        (1e21, "1e+21"),
        (18446744073709551616.0, "1.8446744073709552e+19"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (0.000123, "0.000123"),
        (-1.5e-7, "-1.5e-07"),
        (1e100, "1e+100"),
        (123.456, "123.456"),
        (100.0, "100"),
        (0.5, "0.5"),
    ];
    for (input, want) in table {
        assert_eq!(format_float(input), want, "input {input}");
    }
}

#[test]
fn go_status_line_uses_status_text() {
    let table = [
        (403, "403 Forbidden"),
        (401, "401 Unauthorized"),
        (429, "429 Too Many Requests"),
        (500, "500 Internal Server Error"),
        (413, "413 Request Entity Too Large"),
        (599, "599 "),
    ];
    for (input, want) in table {
        assert_eq!(status_line(input), want, "input {input}");
    }
}

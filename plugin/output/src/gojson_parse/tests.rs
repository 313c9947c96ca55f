//! Tests of the Go-compatible JSON reader: values, and Go's syntax error texts.

use super::*;

fn err(text: &str) -> String {
    parse(text).expect_err(text)
}

#[test]
fn reads_values_in_document_order() {
    let v = parse(r#" {"b": [1, -2.5e+3, true, null], "a": "x\u00e9\n"} "#).unwrap();
    let want = Value::Object(vec![
        (
            "b".into(),
            Value::Array(vec![
                Value::Number("1".into()),
                Value::Number("-2.5e+3".into()),
                Value::Bool(true),
                Value::Null,
            ]),
        ),
        ("a".into(), Value::String("xé\n".into())),
    ]);
    assert_eq!(v, want);
}

#[test]
fn joins_surrogate_pairs_and_replaces_lone_surrogates() {
    assert_eq!(
        parse(r#""\ud83d\ude00""#).unwrap(),
        Value::String("😀".into())
    );
    assert_eq!(
        parse(r#""\ud83dx""#).unwrap(),
        Value::String("\u{FFFD}x".into())
    );
    assert_eq!(
        parse(r#""\ude00""#).unwrap(),
        Value::String("\u{FFFD}".into())
    );
}

#[test]
fn reports_syntax_errors_with_go_messages() {
    let table = [
        (
            "<html>",
            "invalid character '<' looking for beginning of value",
        ),
        ("", "unexpected end of JSON input"),
        ("   ", "unexpected end of JSON input"),
        (r#"{"a":1"#, "unexpected end of JSON input"),
        (r#"{"a" 1}"#, "invalid character '1' after object key"),
        (
            r#"{"a":1 "b":2}"#,
            "invalid character '\"' after object key:value pair",
        ),
        (
            "{a:1}",
            "invalid character 'a' looking for beginning of object key string",
        ),
        (
            "[1,]",
            "invalid character ']' looking for beginning of value",
        ),
        ("[1 2]", "invalid character '2' after array element"),
        ("{} x", "invalid character 'x' after top-level value"),
        ("01", "invalid character '1' after top-level value"),
        ("-", "invalid character ' ' in numeric literal"),
        ("-x", "invalid character 'x' in numeric literal"),
        (
            "1.",
            "invalid character ' ' after decimal point in numeric literal",
        ),
        (
            "1.e5",
            "invalid character 'e' after decimal point in numeric literal",
        ),
        (
            "1e+",
            "invalid character ' ' in exponent of numeric literal",
        ),
        (
            "tru",
            "invalid character ' ' in literal true (expecting 'e')",
        ),
        (
            "nul!",
            "invalid character '!' in literal null (expecting 'l')",
        ),
        (
            "fals",
            "invalid character ' ' in literal false (expecting 'e')",
        ),
        ("\"abc", "unexpected end of JSON input"),
        ("\"a\tb\"", "invalid character '\\t' in string literal"),
        (r#""\x""#, "invalid character 'x' in string escape code"),
        ("\"\\", "invalid character ' ' in string escape code"),
        (
            r#""\u12g4""#,
            "invalid character 'g' in \\u hexadecimal character escape",
        ),
        (
            "'a'",
            "invalid character '\\'' looking for beginning of value",
        ),
        (
            "\u{feff}{}",
            "invalid character 'ï' looking for beginning of value",
        ),
    ];
    for (input, want) in table {
        assert_eq!(err(input), want, "input {input:?}");
    }
}

#[test]
fn stops_at_a_nesting_limit_instead_of_overflowing_the_stack() {
    let deep = "[".repeat(MAX_DEPTH + 1);
    assert_eq!(err(&deep), "invalid character '[' exceeded max depth");
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
}

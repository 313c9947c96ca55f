//! Go's `fmt` verbs, flags and operands as `fmt` prints them, on template values.

use super::*;
use crate::template::Ty;

fn printf(format: &str, args: &[Value]) -> String {
    String::from_utf8(sprintf(format.as_bytes(), args)).unwrap()
}

#[test]
fn formats_verbs_flags_and_widths_as_go() {
    assert_eq!(
        printf(
            "%-5v|%5s|%05d",
            &[Value::str("é"), Value::str("ab"), Value::Int(-42)]
        ),
        "é    |   ab|-0042"
    );
    assert_eq!(
        printf(
            "%q %q %x %X",
            &[
                Value::Int(0),
                Value::str("a\"b"),
                Value::str("hi"),
                Value::Int(255)
            ]
        ),
        "'\\x00' \"a\\\"b\" 6869 FF"
    );
    assert_eq!(
        printf(
            "%.2f %e %g %v",
            &[
                Value::Float(1.5),
                Value::Float(1500.0),
                Value::Float(0.5),
                Value::Float(1e6)
            ]
        ),
        "1.50 1.500000e+03 0.5 1e+06"
    );
    assert_eq!(
        printf("%d %s", &[Value::str("x")]),
        "%!d(string=x) %!s(MISSING)"
    );
    assert_eq!(
        printf("%d", &[Value::Int(1), Value::str("x")]),
        "1%!(EXTRA string=x)"
    );
    assert_eq!(printf("100%%%", &[]), "100%%!(NOVERB)");
}

#[test]
fn nil_pointers_and_no_value_print_as_go() {
    let nil = Value::ptr(Ty::Str(true), None);
    assert_eq!(
        printf("%v %s %d %T", &[nil.clone(), nil.clone(), nil.clone(), nil]),
        "<nil> %!s(*string=<nil>) 0 *string"
    );
    assert_eq!(
        printf(
            "%v %d %T",
            &[Value::Invalid, Value::Invalid, Value::Invalid]
        ),
        "<nil> %!d(<nil>) <nil>"
    );
    assert_eq!(
        String::from_utf8(sprint(&[
            Value::Int(1),
            Value::Int(2),
            Value::str("a"),
            Value::Int(3)
        ]))
        .unwrap(),
        "1 2a3"
    );
}

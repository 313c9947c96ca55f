//! Reading the host's flag map. The host types each value by the kind we declared in
//! `describe`; we still read defensively, since a mismatch is a host bug that should surface as
//! a missing flag rather than a panic.

use atlas_plugin_api::{FlagValue, Flags};

/// A string flag's value; for a repeated flag, the last occurrence (the Go flag library's rule).
pub fn string_flag<'a>(flags: &'a Flags, name: &str) -> Option<&'a str> {
    match flags.get(name)? {
        FlagValue::String(value) => Some(value),
        FlagValue::Strings(values) => values.last().map(String::as_str),
        FlagValue::Bool(_) | FlagValue::Int(_) => None,
    }
}

/// A strings flag's raw occurrences, in order.
pub fn strings_flag<'a>(flags: &'a Flags, name: &str) -> &'a [String] {
    match flags.get(name) {
        Some(FlagValue::Strings(values)) => values,
        Some(FlagValue::String(value)) => std::slice::from_ref(value),
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_string_and_strings_values() {
        let mut flags = Flags::new();
        flags.insert("a".into(), FlagValue::String("x".into()));
        flags.insert("b".into(), FlagValue::Strings(vec!["y".into(), "z".into()]));
        flags.insert("c".into(), FlagValue::Bool(true));
        assert_eq!(string_flag(&flags, "a"), Some("x"));
        assert_eq!(string_flag(&flags, "b"), Some("z"));
        assert_eq!(string_flag(&flags, "c"), None);
        assert_eq!(string_flag(&flags, "missing"), None);
        assert_eq!(strings_flag(&flags, "a"), ["x"]);
        assert_eq!(strings_flag(&flags, "b"), ["y", "z"]);
        assert!(strings_flag(&flags, "missing").is_empty());
    }
}

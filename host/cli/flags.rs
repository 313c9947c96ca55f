//! Flag parsing as pflag does it (`FlagSet.Parse`, v1.0.10), with its error wording: `--flag
//! value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value`, bool shorthands run together
//! (`-cojson`), a value taken even when it starts with `-`, `--` ending the flags, positional
//! arguments anywhere, and a repeated flag keeping its last value (a list keeping every one).
//! Also the bits of Go's `strconv` those messages are made of (`%q`, `ParseInt(s, 0, 64)`,
//! `ParseBool`).

use atlas_plugin_api::{FlagKind, FlagSpec};

/// One flag as the parser sees it: a plugin's or a built-in's, or one of the host's own.
pub(super) type Flag = FlagSpec;

/// What parsing one command's arguments gave.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// Each flag set, by name, with every value given in order (a bool's as `true`/`false`).
    pub set: Vec<(String, Vec<String>)>,
    /// The positional arguments.
    pub args: Vec<String>,
}

impl Parsed {
    /// Every value given to `name`, in order.
    pub fn values(&self, name: &str) -> Option<&[String]> {
        self.set
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The last value given to `name` (pflag's value of a repeated flag).
    pub fn last(&self, name: &str) -> Option<&str> {
        self.values(name)?.last().map(String::as_str)
    }

    /// Whether bool flag `name` was given and its last value is true.
    pub fn on(&self, name: &str) -> bool {
        self.last(name) == Some("true")
    }

    fn push(&mut self, name: &str, value: String) {
        match self.set.iter_mut().find(|(n, _)| n == name) {
            Some((_, values)) => values.push(value),
            None => self.set.push((name.to_string(), vec![value])),
        }
    }
}

fn long<'a>(flags: &[&'a Flag], name: &str) -> Option<&'a Flag> {
    flags.iter().copied().find(|f| f.name == name)
}

fn short<'a>(flags: &[&'a Flag], c: char) -> Option<&'a Flag> {
    flags
        .iter()
        .copied()
        .find(|f| f.shorthand.as_deref().and_then(|s| s.chars().next()) == Some(c))
}

/// Whether `flag` takes no value unless given one with `=` (pflag's `NoOptDefVal`).
pub(super) fn no_value(flag: &Flag) -> bool {
    flag.kind == FlagKind::Bool
}

/// Whether `--name` is a known flag that takes no value (cobra's `hasNoOptDefVal`).
pub(super) fn long_takes_no_value(flags: &[&Flag], name: &str) -> bool {
    long(flags, name).is_some_and(no_value)
}

/// Whether `-c…` starts with a known flag that takes no value (cobra's `shortHasNoOptDefVal`).
pub(super) fn short_takes_no_value(flags: &[&Flag], shorthands: &str) -> bool {
    shorthands
        .chars()
        .next()
        .and_then(|c| short(flags, c))
        .is_some_and(no_value)
}

/// Parses `args` against `flags`, pflag's way; the first error ends parsing, as in pflag.
pub(super) fn parse(args: &[String], flags: &[&Flag]) -> Result<Parsed, String> {
    let mut out = Parsed::default();
    let mut rest = args.iter();
    while let Some(s) = rest.next() {
        if s.len() < 2 || !s.starts_with('-') {
            out.args.push(s.clone());
            continue;
        }
        if s == "--" {
            out.args.extend(rest.cloned());
            break;
        }
        if let Some(name) = s.strip_prefix("--") {
            if name.starts_with(['-', '=']) {
                return Err(format!("bad flag syntax: {s}"));
            }
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            let flag = long(flags, name).ok_or_else(|| format!("unknown flag: --{name}"))?;
            let value = match inline {
                Some(v) => v,
                None if no_value(flag) => "true".to_string(),
                None => rest
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("flag needs an argument: --{name}"))?,
            };
            set(&mut out, flag, value)?;
            continue;
        }
        let mut shorthands = &s[1..];
        while let Some(c) = shorthands.chars().next() {
            let after = &shorthands[c.len_utf8()..];
            let Some(flag) = short(flags, c) else {
                return Err(format!(
                    "unknown shorthand flag: {} in -{shorthands}",
                    quote_char(c)
                ));
            };
            let value = if let Some(v) = after.strip_prefix('=') {
                shorthands = "";
                v.to_string()
            } else if no_value(flag) {
                shorthands = after;
                "true".to_string()
            } else if !after.is_empty() {
                shorthands = "";
                after.to_string()
            } else {
                shorthands = "";
                rest.next()
                    .cloned()
                    .ok_or_else(|| format!("flag needs an argument: {} in -{c}", quote_char(c)))?
            };
            set(&mut out, flag, value)?;
        }
    }
    Ok(out)
}

/// Checks a value as the flag's pflag type does, and records it.
fn set(out: &mut Parsed, flag: &Flag, value: String) -> Result<(), String> {
    let checked = match flag.kind {
        FlagKind::Int => parse_int(&value).map(|n| n.to_string()),
        FlagKind::Bool => parse_bool(&value).map(|b| b.to_string()),
        FlagKind::String | FlagKind::Strings => Ok(value.clone()),
    };
    let checked = checked.map_err(|cause| {
        let name = match flag.shorthand.as_deref() {
            Some(s) => format!("-{s}, --{}", flag.name),
            None => format!("--{}", flag.name),
        };
        format!(
            "invalid argument {} for {} flag: {cause}",
            quote(&value),
            quote(&name)
        )
    })?;
    out.push(&flag.name, checked);
    Ok(())
}

/// Go's `strconv.ParseInt(s, 0, 64)`: an optional sign, then a `0x`, `0o`, `0b` or `0` prefix
/// choosing the base, `_` allowed between digits after a prefix.
pub(super) fn parse_int(s: &str) -> Result<i64, String> {
    let syntax = || format!("strconv.ParseInt: parsing {}: invalid syntax", quote(s));
    let range = || format!("strconv.ParseInt: parsing {}: value out of range", quote(s));
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (base, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !underscores_ok(body) {
        return Err(syntax());
    }
    let mut value: u64 = 0;
    let mut overflow = false;
    for c in digits.chars().filter(|c| *c != '_') {
        let d = c.to_digit(base).ok_or_else(syntax)?;
        match value
            .checked_mul(u64::from(base))
            .and_then(|v| v.checked_add(u64::from(d)))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
    }
    let limit = if negative {
        1u64 << 63
    } else {
        (1u64 << 63) - 1
    };
    if overflow || value > limit {
        return Err(range());
    }
    Ok(if negative {
        (value as i64).wrapping_neg()
    } else {
        value as i64
    })
}

/// Go's `underscoreOK` (base 0 only): each `_` between two digits, a base prefix counting as
/// a digit.
fn underscores_ok(body: &str) -> bool {
    let b = body.as_bytes();
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1].eq_ignore_ascii_case(&b'x');
    }
    for &c in &b[i..] {
        if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else if saw == b'_' {
            return false;
        } else {
            saw = b'!';
        }
    }
    saw != b'_'
}

/// Go's `strconv.ParseBool`.
pub(super) fn parse_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(format!(
            "strconv.ParseBool: parsing {}: invalid syntax",
            quote(s)
        )),
    }
}

/// Go's `strconv.Quote` (what `%q` prints for a string).
pub(super) fn quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        push_rune(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// Go's `%q` of a rune: `'x'`.
fn quote_char(c: char) -> String {
    let mut out = String::from('\'');
    push_rune(&mut out, c, '\'');
    out.push('\'');
    out
}

fn push_rune(out: &mut String, c: char, delimiter: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        c if c == delimiter => {
            out.push('\\');
            out.push(c);
        }
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        c if u32::from(c) < 0x20 || c == '\u{7f}' => {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        }
        c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags() -> Vec<Flag> {
        vec![
            FlagSpec::new("desc", None, FlagKind::String, ""),
            FlagSpec::new("role", None, FlagKind::Strings, ""),
            FlagSpec::new("output", Some("o"), FlagKind::String, ""),
            FlagSpec::new("compact", Some("c"), FlagKind::Bool, ""),
            FlagSpec::new("page", Some("p"), FlagKind::Int, ""),
        ]
    }

    fn run(args: &[&str]) -> Result<Parsed, String> {
        let flags = flags();
        let refs: Vec<&Flag> = flags.iter().collect();
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse(&args, &refs)
    }

    #[test]
    fn repeated_flags_keep_every_value_and_the_last_counts() {
        let p = run(&["--desc", "a", "--desc", "b", "--role", "A", "--role=B"]).unwrap();
        assert_eq!(p.last("desc"), Some("b"));
        assert_eq!(p.values("role").unwrap(), ["A", "B"]);
    }

    #[test]
    fn values_are_taken_in_every_pflag_spelling() {
        for args in [
            &["-o", "json"][..],
            &["-ojson"],
            &["-o=json"],
            &["--output=json"],
            &["--output", "json"],
            &["-cojson"],
            &["-co", "json"],
        ] {
            let p = run(args).unwrap();
            assert_eq!(p.last("output"), Some("json"), "{args:?}");
        }
        let p = run(&["--desc", "-o", "x", "--", "--role", "-c"]).unwrap();
        assert_eq!(p.last("desc"), Some("-o"));
        assert_eq!(p.args, ["x", "--role", "-c"]);
        let p = run(&["--compact=false", "-", "-c=t"]).unwrap();
        assert_eq!(p.values("compact").unwrap(), ["false", "true"]);
        assert_eq!(p.args, ["-"]);
    }

    #[test]
    fn errors_use_pflag_wording() {
        let table: &[(&[&str], &str)] = &[
            (&["--nope"], "unknown flag: --nope"),
            (&["--nope=1"], "unknown flag: --nope"),
            (&["-x"], "unknown shorthand flag: 'x' in -x"),
            (&["-cx=1"], "unknown shorthand flag: 'x' in -x=1"),
            (&["--desc"], "flag needs an argument: --desc"),
            (&["-o"], "flag needs an argument: 'o' in -o"),
            (&["---x"], "bad flag syntax: ---x"),
            (
                &["-p", "abc"],
                "invalid argument \"abc\" for \"-p, --page\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax",
            ),
            (
                &["--compact=yes"],
                "invalid argument \"yes\" for \"-c, --compact\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax",
            ),
        ];
        for (args, want) in table {
            assert_eq!(run(args).err().as_deref(), Some(*want), "{args:?}");
        }
    }

    #[test]
    fn ints_parse_as_go_parse_int_with_base_zero() {
        let table: &[(&str, Result<i64, &str>)] = &[
            ("100", Ok(100)),
            ("-5", Ok(-5)),
            ("+7", Ok(7)),
            ("0x1f", Ok(31)),
            ("010", Ok(8)),
            ("0b101", Ok(5)),
            ("0o17", Ok(15)),
            ("0x_1_0", Ok(16)),
            ("1_000", Ok(1000)),
            ("1__0", Err("invalid syntax")),
            ("_1", Err("invalid syntax")),
            ("0x", Err("invalid syntax")),
            ("", Err("invalid syntax")),
            ("9223372036854775807", Ok(i64::MAX)),
            ("-9223372036854775808", Ok(i64::MIN)),
            ("9223372036854775808", Err("value out of range")),
        ];
        for (text, want) in table {
            let got = parse_int(text);
            match want {
                Ok(n) => assert_eq!(got, Ok(*n), "{text}"),
                Err(why) => assert!(
                    got.as_ref().is_err_and(|e| e.ends_with(why)),
                    "{text}: {got:?}"
                ),
            }
        }
    }

    #[test]
    fn quotes_as_go_strconv_quote() {
        assert_eq!(quote("a\"b\\\n\u{1}é"), "\"a\\\"b\\\\\\n\\x01é\"");
    }
}

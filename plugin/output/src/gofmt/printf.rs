//! Go's `fmt.Sprint`, `fmt.Sprintln` and `fmt.Sprintf` over template values (what the
//! templates' `print`, `println`, `printf` and the escapers' joining do): verbs, flags, width and
//! precision, `%T`, `%!verb(type=value)` for a verb that does not fit, `%!v(MISSING)` and
//! `%!(EXTRA …)`.
//!
//! [ours] Go prints a non-nil pointer inside a value as its address; we print what it points to
//! (addresses change every run; docs/go-differences.md, `pointer-address`).

use std::fmt::Write as _;

use crate::template::Value;

/// The flags, width and precision of one verb.
#[derive(Default, Clone, Copy)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// Go `fmt.Sprint`: a space between operands when neither is a string.
pub fn sprint(args: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut prev_string = false;
    for (i, arg) in args.iter().enumerate() {
        let is_string = matches!(arg, Value::Str(_));
        if i > 0 && !is_string && !prev_string {
            out.push(b' ');
        }
        print_arg(&mut out, arg, 'v', Spec::default(), 0);
        prev_string = is_string;
    }
    out
}

/// Go `fmt.Sprintln`: spaces between all operands, and a newline.
pub fn sprintln(args: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        print_arg(&mut out, arg, 'v', Spec::default(), 0);
    }
    out.push(b'\n');
    out
}

/// Go `fmt.Sprintf`.
pub fn sprintf(format: &[u8], args: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut next = 0;
    let mut i = 0;
    while i < format.len() {
        if format[i] != b'%' {
            let end = format[i..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(format.len(), |p| i + p);
            out.extend_from_slice(&format[i..end]);
            i = end;
            continue;
        }
        i += 1;
        let mut spec = Spec::default();
        while i < format.len() {
            match format[i] {
                b'-' => {
                    spec.minus = true;
                    spec.zero = false;
                }
                b'+' => spec.plus = true,
                b'#' => spec.sharp = true,
                b' ' => spec.space = true,
                b'0' => spec.zero = !spec.minus,
                _ => break,
            }
            i += 1;
        }
        let star = |i: &mut usize, next: &mut usize, out: &mut Vec<u8>, what: &str| {
            *i += 1;
            let n = match args.get(*next) {
                Some(Value::Int(n)) if (0..1_000_000).contains(n) => Some(*n as usize),
                _ => None,
            };
            *next += 1;
            if n.is_none() {
                out.extend_from_slice(format!("%!({what})").as_bytes());
            }
            n
        };
        if format.get(i) == Some(&b'*') {
            spec.width = star(&mut i, &mut next, &mut out, "BADWIDTH");
        } else {
            spec.width = digits(format, &mut i);
        }
        if format.get(i) == Some(&b'.') {
            i += 1;
            if format.get(i) == Some(&b'*') {
                spec.prec = star(&mut i, &mut next, &mut out, "BADPREC");
            } else {
                spec.prec = Some(digits(format, &mut i).unwrap_or(0));
            }
        }
        if spec.minus {
            spec.zero = false;
        }
        let Some(verb) = next_char(format, &mut i) else {
            out.extend_from_slice(b"%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push(b'%');
            continue;
        }
        match args.get(next) {
            None => out.extend_from_slice(format!("%!{verb}(MISSING)").as_bytes()),
            Some(arg) => print_arg(&mut out, arg, verb, spec, 0),
        }
        next += 1;
    }
    if next < args.len() {
        out.extend_from_slice(b"%!(EXTRA ");
        for (k, arg) in args[next..].iter().enumerate() {
            if k > 0 {
                out.extend_from_slice(b", ");
            }
            out.extend_from_slice(arg.type_name().as_bytes());
            out.push(b'=');
            print_arg(&mut out, arg, 'v', Spec::default(), 0);
        }
        out.push(b')');
    }
    out
}

fn digits(format: &[u8], i: &mut usize) -> Option<usize> {
    let start = *i;
    while *i < format.len() && format[*i].is_ascii_digit() {
        *i += 1;
    }
    std::str::from_utf8(&format[start..*i]).ok()?.parse().ok()
}

fn next_char(format: &[u8], i: &mut usize) -> Option<char> {
    let rest = &format[*i..];
    let len = match rest.first()? {
        b if *b < 0x80 => 1,
        b if *b >= 0xf0 => 4,
        b if *b >= 0xe0 => 3,
        _ => 2,
    };
    let len = len.min(rest.len());
    *i += len;
    Some(
        std::str::from_utf8(&rest[..len])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{FFFD}'),
    )
}

/// Go's `printArg`/`printValue` of one operand at `depth` (0 for an operand itself).
fn print_arg(out: &mut Vec<u8>, arg: &Value, verb: char, spec: Spec, depth: usize) {
    if verb == 'T' {
        return pad(out, arg.type_name().as_bytes(), spec);
    }
    match arg {
        Value::Invalid => match verb {
            'v' => pad(out, b"<nil>", spec),
            _ => bad_verb(out, arg, verb, spec),
        },
        Value::Bool(b) => match verb {
            't' | 'v' => pad(out, if *b { b"true" } else { b"false" }, spec),
            _ => bad_verb(out, arg, verb, spec),
        },
        Value::Int(n) => match verb {
            'b' | 'c' | 'd' | 'o' | 'O' | 'q' | 'x' | 'X' | 'U' | 'v' => {
                fmt_integer(out, *n, verb, spec)
            }
            _ => bad_verb(out, arg, verb, spec),
        },
        Value::Float(f) => match verb {
            'b' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'x' | 'X' | 'v' => {
                fmt_float(out, *f, verb, spec)
            }
            _ => bad_verb(out, arg, verb, spec),
        },
        Value::Str(s) => fmt_string(out, s, verb, spec, arg),
        Value::Time(t) => {
            let text = crate::model::GoTime(t.to_string()).go_string();
            fmt_string(out, text.as_bytes(), verb, spec, arg)
        }
        Value::Bytes(bytes) => match verb {
            's' | 'q' | 'x' | 'X' => fmt_string(out, bytes, verb, spec, arg),
            _ => {
                let items: Vec<Value> = bytes.iter().map(|b| Value::Int(i64::from(*b))).collect();
                list(out, &items, verb, spec, depth);
            }
        },
        Value::Ptr(ty, target) => match (target, verb) {
            (None, 'v') => pad(out, b"<nil>", spec),
            (None, 'b' | 'o' | 'd' | 'x' | 'X') => fmt_integer(out, 0, verb, spec),
            (None, 's' | 'q') if matches!(ty, crate::template::Ty::Time(_)) => {
                pad(out, b"<nil>", spec)
            }
            (None, _) => bad_verb(out, arg, verb, spec),
            (Some(value), _) => {
                if depth == 0 && matches!(**value, Value::Slice(..) | Value::Struct(..)) {
                    out.push(b'&');
                }
                print_arg(out, value, verb, spec, depth + 1);
            }
        },
        Value::Slice(_, items) => list(out, items.as_deref().unwrap_or(&[]), verb, spec, depth),
        Value::Struct(s, fields, _) => {
            out.push(b'{');
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                if spec.plus && verb == 'v' {
                    let name = s.fields.get(i).map_or("NullFields", |f| f.name);
                    out.extend_from_slice(name.as_bytes());
                    out.push(b':');
                }
                print_arg(out, field, verb, spec, depth + 1);
            }
            out.push(b'}');
        }
    }
}

fn list(out: &mut Vec<u8>, items: &[Value], verb: char, spec: Spec, depth: usize) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        print_arg(out, item, verb, spec, depth + 1);
    }
    out.push(b']');
}

/// `%!verb(type=value)`.
fn bad_verb(out: &mut Vec<u8>, arg: &Value, verb: char, spec: Spec) {
    out.extend_from_slice(format!("%!{verb}(").as_bytes());
    match arg {
        Value::Invalid => out.extend_from_slice(b"<nil>"),
        _ => {
            out.extend_from_slice(arg.type_name().as_bytes());
            out.push(b'=');
            print_arg(out, arg, 'v', spec, 0);
        }
    }
    out.push(b')');
}

/// Pads to the width (counted in runes) with spaces, or zeros under `0`.
fn pad(out: &mut Vec<u8>, text: &[u8], spec: Spec) {
    let runes = String::from_utf8_lossy(text).chars().count();
    let fill = spec.width.unwrap_or(0).saturating_sub(runes);
    let byte = if spec.zero { b'0' } else { b' ' };
    if !spec.minus {
        out.extend(std::iter::repeat_n(byte, fill));
    }
    out.extend_from_slice(text);
    if spec.minus {
        out.extend(std::iter::repeat_n(b' ', fill));
    }
}

fn fmt_string(out: &mut Vec<u8>, s: &[u8], verb: char, spec: Spec, arg: &Value) {
    let truncated = |s: &[u8]| -> Vec<u8> {
        match spec.prec {
            Some(p) => {
                let text = String::from_utf8_lossy(s);
                let end = text.char_indices().nth(p).map_or(s.len(), |(i, _)| i);
                s[..end.min(s.len())].to_vec()
            }
            None => s.to_vec(),
        }
    };
    match verb {
        'v' | 's' => pad(out, &truncated(s), spec),
        'q' => {
            let text = String::from_utf8_lossy(&truncated(s)).into_owned();
            let quoted = if spec.sharp
                && !text.contains('`')
                && !text.contains(['\r', '\n'])
                && !text.chars().any(char::is_control)
            {
                format!("`{text}`")
            } else if spec.plus {
                super::quote(&text)
                    .chars()
                    .map(|c| {
                        if c.is_ascii() {
                            c.to_string()
                        } else if (c as u32) < 0x10000 {
                            format!("\\u{:04x}", c as u32)
                        } else {
                            format!("\\U{:08x}", c as u32)
                        }
                    })
                    .collect()
            } else {
                super::quote(&text)
            };
            pad(out, quoted.as_bytes(), spec)
        }
        'x' | 'X' => {
            let mut hex = String::new();
            for (i, b) in truncated(s).iter().enumerate() {
                if spec.space && i > 0 {
                    hex.push(' ');
                }
                if spec.sharp && (spec.space || i == 0) {
                    hex.push_str(if verb == 'x' { "0x" } else { "0X" });
                }
                if verb == 'x' {
                    let _ = write!(hex, "{b:02x}");
                } else {
                    let _ = write!(hex, "{b:02X}");
                }
            }
            pad(out, hex.as_bytes(), spec)
        }
        _ => bad_verb(out, arg, verb, spec),
    }
}

/// Go's `fmtInteger` (and `%c`, `%q`, `%U` of an int).
fn fmt_integer(out: &mut Vec<u8>, n: i64, verb: char, spec: Spec) {
    let rune = || {
        u32::try_from(n)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}')
    };
    match verb {
        'c' => return pad(out, rune().to_string().as_bytes(), spec),
        'q' => return pad(out, quote_rune(rune()).as_bytes(), spec),
        'U' => {
            let mut text = format!("U+{:04X}", n);
            if spec.sharp && rune() != '\u{FFFD}' {
                let _ = write!(text, " '{}'", rune());
            }
            return pad(out, text.as_bytes(), spec);
        }
        _ => {}
    }
    let abs = n.unsigned_abs();
    let mut digits = match verb {
        'b' => format!("{abs:b}"),
        'o' | 'O' => format!("{abs:o}"),
        'x' => format!("{abs:x}"),
        'X' => format!("{abs:X}"),
        _ => abs.to_string(),
    };
    if let Some(prec) = spec.prec {
        if prec == 0 && n == 0 {
            digits.clear();
        }
        while digits.len() < prec {
            digits.insert(0, '0');
        }
    }
    let prefix = match verb {
        'x' if spec.sharp => "0x",
        'X' if spec.sharp => "0X",
        'b' if spec.sharp => "0b",
        'O' => "0o",
        'o' if spec.sharp && !digits.starts_with('0') => "0",
        _ => "",
    };
    let sign = if n < 0 {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    let head = format!("{sign}{prefix}");
    let width = spec.width.unwrap_or(0);
    if spec.zero && spec.prec.is_none() && head.len() + digits.len() < width {
        let zeros = "0".repeat(width - head.len() - digits.len());
        out.extend_from_slice(format!("{head}{zeros}{digits}").as_bytes());
    } else {
        let plain = Spec {
            zero: false,
            ..spec
        };
        pad(out, format!("{head}{digits}").as_bytes(), plain);
    }
}

/// Go `strconv.QuoteRune`.
fn quote_rune(c: char) -> String {
    match c {
        '\'' => r"'\''".to_string(),
        '"' => "'\"'".to_string(),
        _ => {
            let quoted = super::quote(&c.to_string());
            format!("'{}'", &quoted[1..quoted.len() - 1])
        }
    }
}

/// Go's `fmtFloat` for the verbs a template meets (`%v`/`%g` shortest, `%e`, `%f`, `%g`
/// with a precision).
fn fmt_float(out: &mut Vec<u8>, f: f64, verb: char, spec: Spec) {
    let mut text = match (verb, spec.prec) {
        ('v' | 'g' | 'G', None) => super::format_float(f),
        ('e' | 'E', prec) => exp_form(&format!("{:.*e}", prec.unwrap_or(6), f)),
        ('f' | 'F', prec) => format!("{:.*}", prec.unwrap_or(6), f),
        (_, Some(prec)) => {
            let prec = prec.max(1);
            let sci = format!("{:.*e}", prec - 1, f);
            let exp: i32 = sci
                .split_once('e')
                .map_or(0, |(_, e)| e.parse().unwrap_or(0));
            if exp < -4 || exp >= prec as i32 {
                let (mantissa, e) = sci.split_once('e').unwrap_or((&sci, "0"));
                let mantissa = trim_fraction(mantissa);
                exp_form(&format!("{mantissa}e{e}"))
            } else {
                let decimals = usize::try_from(prec as i32 - 1 - exp).unwrap_or(0);
                trim_fraction(&format!("{f:.decimals$}")).to_string()
            }
        }
        _ => super::format_float(f),
    };
    if matches!(verb, 'E' | 'G' | 'X') {
        text = text.to_uppercase();
    }
    if spec.plus && !text.starts_with('-') {
        text.insert(0, '+');
    } else if spec.space && !text.starts_with('-') {
        text.insert(0, ' ');
    }
    pad(out, text.as_bytes(), spec)
}

fn trim_fraction(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// Rust's `1.5e0` as Go's `1.5e+00`.
fn exp_form(sci: &str) -> String {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exp.abs())
}

#[cfg(test)]
mod tests;

//! Reading JSON the way Go's `encoding/json` checks it, so that a malformed error body yields
//! the very message the Go CLI prints (`invalid character '<' looking for beginning of value`,
//! `unexpected end of JSON input`, ...).
//!
//! The messages and the order of checks follow the state machine in Go's
//! `src/encoding/json/scanner.go`; at the end of input Go feeds one more space to that machine,
//! which is why a truncated `tru` reports `invalid character ' ' in literal true (expecting 'e')`
//! while a truncated string reports `unexpected end of JSON input`.

use std::cell::Cell;

use crate::gofmt::quote_byte;
use crate::gojson::Value;

/// Go stops at 10,000 levels; we stop earlier so that the recursive reader stays well inside
/// the WebAssembly stack. No real error body comes near either limit.
const MAX_DEPTH: usize = 500;

/// Parse one JSON document, or return Go's `SyntaxError` text.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        hit_end: Cell::new(false),
    };
    let value = reader.value()?;
    reader.skip_space();
    match reader.peek() {
        None => Ok(value),
        Some(c) => Err(reader.invalid(Some(c), "after top-level value", false)),
    }
}

/// Read the first JSON value of `text` as Go's `json.Decoder.Decode` does, leaving whatever
/// follows it unread: the SDK client decodes response bodies so. Text that ends inside the value
/// is Go's `io.ErrUnexpectedEOF` and text with no value at all its `io.EOF`.
pub fn parse_first(text: &str) -> Result<Value, String> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        hit_end: Cell::new(false),
    };
    reader.skip_space();
    if reader.peek().is_none() {
        return Err("EOF".to_string());
    }
    reader.value().map_err(|err| {
        if reader.hit_end.get() {
            "unexpected EOF".to_string()
        } else {
            err
        }
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Whether an error came from reaching the end of the input.
    hit_end: Cell<bool>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        self.pos += usize::from(c.is_some());
        c
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Go's `s.error(c, context)`. At the end of input Go's `eof()` steps the machine with a
    /// space: states that reject a space (`space_is_error`) report it, the others report the
    /// end of input.
    fn invalid(&self, c: Option<u8>, context: &str, space_is_error: bool) -> String {
        self.hit_end.set(c.is_none());
        match c {
            Some(c) => format!("invalid character {} {context}", quote_byte(c)),
            None if space_is_error => format!("invalid character ' ' {context}"),
            None => "unexpected end of JSON input".to_string(),
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        self.skip_space();
        match self.peek() {
            Some(c @ (b'{' | b'[')) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.invalid(Some(c), "exceeded max depth", false));
                }
                self.pos += 1;
                let value = if c == b'{' {
                    self.object()
                } else {
                    self.array()
                };
                self.depth -= 1;
                value
            }
            Some(b'"') => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            c => Err(self.invalid(c, "looking for beginning of value", false)),
        }
    }

    fn object(&mut self) -> Result<Value, String> {
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            match self.next() {
                Some(b'"') => {}
                c => {
                    return Err(self.invalid(
                        c,
                        "looking for beginning of object key string",
                        false,
                    ));
                }
            }
            let key = self.string()?;
            self.skip_space();
            match self.next() {
                Some(b':') => {}
                c => return Err(self.invalid(c, "after object key", false)),
            }
            members.push((key, self.value()?));
            self.skip_space();
            match self.next() {
                Some(b',') => {}
                Some(b'}') => return Ok(Value::Object(members)),
                c => return Err(self.invalid(c, "after object key:value pair", false)),
            }
        }
    }

    fn array(&mut self) -> Result<Value, String> {
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.next() {
                Some(b',') => {}
                Some(b']') => return Ok(Value::Array(items)),
                c => return Err(self.invalid(c, "after array element", false)),
            }
        }
    }

    /// The rest of a string after its opening quote, unescaped as Go's `unquote` does (a lone
    /// UTF-16 surrogate becomes U+FFFD).
    fn string(&mut self) -> Result<String, String> {
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.next() {
                Some(b'"') => {
                    out.push_str(self.text(start, self.pos - 1));
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.text(start, self.pos - 1));
                    self.escape(&mut out)?;
                    start = self.pos;
                }
                Some(c) if c < 0x20 => {
                    return Err(self.invalid(Some(c), "in string literal", false));
                }
                Some(_) => {}
                None => return Err(self.invalid(None, "in string literal", false)),
            }
        }
    }

    /// The input is a `&str` and the cut points are ASCII, so every slice is valid UTF-8.
    fn text(&self, start: usize, end: usize) -> &str {
        std::str::from_utf8(&self.bytes[start..end]).unwrap_or_default()
    }

    fn escape(&mut self, out: &mut String) -> Result<(), String> {
        let c = match self.next() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            c => return Err(self.invalid(c, "in string escape code", true)),
        };
        out.push(c);
        Ok(())
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        let unit = self.hex4()?;
        if !(0xD800..0xDC00).contains(&unit) {
            return Ok(char::from_u32(unit).unwrap_or('\u{FFFD}'));
        }
        // A high surrogate pairs only with an immediately following `\uDC00`..`\uDFFF`.
        let rest = &self.bytes[self.pos..];
        let low = rest
            .strip_prefix(b"\\u")
            .and_then(|r| r.get(..4))
            .and_then(hex_value);
        match low.filter(|low| (0xDC00..0xE000).contains(low)) {
            Some(low) => {
                self.pos += 6;
                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                Ok(char::from_u32(code).unwrap_or('\u{FFFD}'))
            }
            None => Ok('\u{FFFD}'),
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut unit = 0;
        for _ in 0..4 {
            match self.next() {
                Some(c) if c.is_ascii_hexdigit() => unit = unit * 16 + hex_digit(c),
                c => return Err(self.invalid(c, "in \\u hexadecimal character escape", true)),
            }
        }
        Ok(unit)
    }

    /// Go's number states: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?
    fn number(&mut self) -> Result<String, String> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.next() {
            Some(b'0') => {}
            Some(b'1'..=b'9') => self.digits(),
            c => return Err(self.invalid(c, "in numeric literal", true)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digit("after decimal point in numeric literal")?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.required_digit("in exponent of numeric literal")?;
        }
        Ok(self.text(start, self.pos).to_string())
    }

    fn required_digit(&mut self, context: &str) -> Result<(), String> {
        match self.next() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            c => Err(self.invalid(c, context, true)),
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, String> {
        self.pos += 1;
        for expected in word.bytes().skip(1) {
            let c = self.next();
            if c != Some(expected) {
                let context = format!("in literal {word} (expecting '{}')", char::from(expected));
                return Err(self.invalid(c, &context, true));
            }
        }
        Ok(value)
    }
}

fn hex_digit(c: u8) -> u32 {
    char::from(c).to_digit(16).unwrap_or(0)
}

fn hex_value(four: &[u8]) -> Option<u32> {
    four.iter().try_fold(0, |acc, &c| {
        c.is_ascii_hexdigit().then(|| acc * 16 + hex_digit(c))
    })
}

#[cfg(test)]
mod tests;

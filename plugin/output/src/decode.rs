//! A response body read the way the Atlas SDK's client reads it into its struct
//! (`admin/client.go`'s `decode`: an empty body leaves the nil pointer, else one
//! `json.Decoder.Decode` with `UseNumber`), with `encoding/json`'s rules for filling a struct:
//!
//! - one value is read and whatever follows it is left unread (`{"id":"a"} trailing` is fine);
//! - `null` at the top is the nil pointer, `null` in a pointer field sets it nil, `null` as a
//!   list element leaves the element as it was (zero when new);
//! - a key names the field whose JSON name it is, else the first whose name it equals ignoring
//!   case (Go's `foldFunc`: ASCII case, plus `ſ` for `s` and the Kelvin sign for `k`); unknown
//!   keys are skipped; a repeated key decodes again into the same field, so the last wins, and
//!   a list decoded twice reuses its elements (fields the second object lacks are kept);
//! - a value of the wrong kind, or a number an `int` cannot hold, fails the whole decode.
//!
//! [ours] A list decoded three times or more may differ: Go's reused backing array keeps
//! elements past the second list's end, which only its capacity (Go's growth rule) decides.

use crate::gojson::Value;
use crate::gojson_parse;
use crate::model::{GoTime, Slice};

/// A struct the decoder fills; written by [`go_model!`](crate::go_model).
pub trait GoDecode: Default {
    /// The struct's Go name without its package, as Go's errors give it: `ApiKeyUserDetails`.
    const GO_NAME: &'static str;
    /// Its fields' JSON names, in declaration order.
    const KEYS: &'static [&'static str];
    /// Decodes `value` into the field whose JSON name is `key` (one of [`GoDecode::KEYS`]).
    fn set(&mut self, key: &str, value: &Value) -> Result<(), String>;
}

/// A Go type's name without its package (`admin.Link` → `Link`), for [`GoDecode::GO_NAME`].
pub const fn short_name(go_name: &'static str) -> &'static str {
    let bytes = go_name.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        if bytes[i - 1] == b'.' {
            return go_name.split_at(i).1;
        }
        i -= 1;
    }
    go_name
}

/// A field's type as the decoder fills it.
pub trait FieldDecode {
    /// Decodes `value` into the field (merging into what a repeated key left there).
    fn decode(&mut self, value: &Value, at: &At<'_>) -> Result<(), String>;
}

/// Where a value is decoded: the struct's Go name and the field's JSON name.
pub struct At<'a> {
    /// See [`GoDecode::GO_NAME`].
    pub go_name: &'a str,
    /// The field's JSON name.
    pub key: &'a str,
}

impl At<'_> {
    /// Go's `UnmarshalTypeError` text for a value of the wrong kind in this field.
    fn mismatch(&self, value: &Value, go_type: &str) -> String {
        self.mismatch_text(kind(value), go_type)
    }

    fn mismatch_text(&self, what: &str, go_type: &str) -> String {
        format!(
            "json: cannot unmarshal {what} into Go struct field {}.{} of type {go_type}",
            self.go_name, self.key
        )
    }
}

/// How Go's errors name a JSON value: its kind.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The response body as the SDK decodes it into `*M`: `None` is the nil pointer (an empty body
/// or `null`), else the struct; the error is Go's decoder's.
pub fn decode<M: GoDecode>(body: &str) -> Result<Option<M>, String> {
    if body.is_empty() {
        return Ok(None);
    }
    match gojson_parse::parse_first(body)? {
        Value::Null => Ok(None),
        Value::Object(members) => {
            let mut doc = M::default();
            fill(&mut doc, &members)?;
            Ok(Some(doc))
        }
        other => Err(format!(
            "json: cannot unmarshal {} into Go value of type admin.{}",
            kind(&other),
            M::GO_NAME
        )),
    }
}

/// Go's `decodeState.object` into a struct: each member in document order.
fn fill<M: GoDecode>(doc: &mut M, members: &[(String, Value)]) -> Result<(), String> {
    for (key, value) in members {
        if let Some(field) = field_for(M::KEYS, key) {
            doc.set(field, value)?;
        }
    }
    Ok(())
}

/// The field a key fills: an exact name first, else the first name equal to it under Go's
/// case folding.
pub fn field_for(names: &'static [&'static str], key: &str) -> Option<&'static str> {
    names
        .iter()
        .find(|name| **name == key)
        .or_else(|| names.iter().find(|name| fold_equal(name, key)))
        .copied()
}

/// Go's `equalFoldRight` for an ASCII field name: ASCII letters in either case, `ſ` (U+017F)
/// for `s` and the Kelvin sign (U+212A) for `k`; everything else exactly.
fn fold_equal(name: &str, key: &str) -> bool {
    let mut key = key.chars();
    for b in name.bytes() {
        let Some(c) = key.next() else { return false };
        let same = match c {
            c if c.is_ascii() => (c as u8).eq_ignore_ascii_case(&b),
            '\u{17f}' => b.eq_ignore_ascii_case(&b's'),
            '\u{212a}' => b.eq_ignore_ascii_case(&b'k'),
            _ => false,
        };
        if !same {
            return false;
        }
    }
    key.next().is_none()
}

impl FieldDecode for Option<String> {
    fn decode(&mut self, value: &Value, at: &At<'_>) -> Result<(), String> {
        *self = match value {
            Value::Null => None,
            Value::String(text) => Some(text.clone()),
            other => return Err(at.mismatch(other, "string")),
        };
        Ok(())
    }
}

impl FieldDecode for Option<i64> {
    fn decode(&mut self, value: &Value, at: &At<'_>) -> Result<(), String> {
        *self = match value {
            Value::Null => None,
            // Go's `strconv.ParseInt(text, 10, 64)`: no fraction, no exponent, no overflow.
            Value::Number(text) => match text.parse::<i64>() {
                Ok(n) => Some(n),
                // Go names the number itself when it does not fit.
                Err(_) => return Err(at.mismatch_text(&format!("number {text}"), "int")),
            },
            other => return Err(at.mismatch(other, "int")),
        };
        Ok(())
    }
}

/// A JSON array into a Go slice that may hold elements from an earlier decode of the same key:
/// Go decodes element `i` into the existing one, appends new zero ones, and cuts the rest.
pub fn decode_list<M: GoDecode>(
    items: &mut Vec<M>,
    values: &[Value],
    at: &At<'_>,
    go_type: &str,
) -> Result<(), String> {
    for (i, value) in values.iter().enumerate() {
        if i == items.len() {
            items.push(M::default());
        }
        match value {
            // `null` into a struct leaves it as it is.
            Value::Null => {}
            Value::Object(members) => fill(&mut items[i], members)?,
            other => {
                let element = go_type.trim_start_matches("[]");
                return Err(at.mismatch(other, element));
            }
        }
    }
    items.truncate(values.len());
    Ok(())
}

/// A `*[]M` or `[]M` field: `null` sets it nil, an array fills it.
pub fn decode_optional_list<M: GoDecode>(
    list: &mut Option<Vec<M>>,
    value: &Value,
    at: &At<'_>,
    go_type: &str,
) -> Result<(), String> {
    match value {
        Value::Null => *list = None,
        Value::Array(values) => {
            decode_list(list.get_or_insert_with(Vec::new), values, at, go_type)?
        }
        other => return Err(at.mismatch(other, go_type)),
    }
    Ok(())
}

impl<M: GoDecode> FieldDecode for Option<Vec<M>> {
    fn decode(&mut self, value: &Value, at: &At<'_>) -> Result<(), String> {
        decode_optional_list(self, value, at, &format!("[]admin.{}", M::GO_NAME))
    }
}

impl<M: GoDecode> FieldDecode for Slice<M> {
    fn decode(&mut self, value: &Value, at: &At<'_>) -> Result<(), String> {
        decode_optional_list(&mut self.0, value, at, &format!("[]admin.{}", M::GO_NAME))
    }
}

/// [ours] A `*time.Time` takes any string, kept as written: Go's `time.Time` would refuse text
/// that is not RFC 3339 (Atlas sends only RFC 3339 times).
impl FieldDecode for Option<GoTime> {
    fn decode(&mut self, value: &Value, at: &At<'_>) -> Result<(), String> {
        *self = match value {
            Value::Null => None,
            Value::String(text) => Some(GoTime(text.clone())),
            other => return Err(at.mismatch(other, "time.Time")),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests;

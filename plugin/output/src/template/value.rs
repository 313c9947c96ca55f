//! A Go value as `text/template` sees it through `reflect`: the SDK's typed fields (pointers to
//! strings, ints and times, nil pointers, nil and empty slices, struct values and pointers to
//! them), what the SDK's methods return, and the constants a template writes.
//!
//! Strings are bytes, as in Go: `slice` may cut one through a multibyte character (`len` of it
//! works; printing it is refused at the end, see [`super::exec`]).

use std::rc::Rc;

use super::types::{Method, STRING, Struct, Ty};
use crate::gojson;

/// A Go value.
#[derive(Debug, Clone)]
pub enum Value {
    /// `reflect.Value{}`: no value (a nil interface, what `valueOrEmptySlice` gives for nil).
    Invalid,
    /// `bool`.
    Bool(bool),
    /// `int`.
    Int(i64),
    /// `float64`.
    Float(f64),
    /// `string`, as bytes.
    Str(Rc<[u8]>),
    /// `time.Time`, as the RFC 3339 text of the response.
    Time(Rc<str>),
    /// `[]byte` (what `MarshalJSON` returns).
    Bytes(Rc<[u8]>),
    /// A pointer of the given pointer type: nil, or to a value (shared, so `eq` can tell two
    /// pointers apart).
    Ptr(Ty, Option<Rc<Value>>),
    /// A slice of the element type: nil, or its items.
    Slice(&'static Ty, Option<Rc<[Value]>>),
    /// A struct value: its fields in order, `NullFields` last; whether it is addressable (so
    /// that the methods of `*T` apply; a copy passed through `any` is not).
    Struct(&'static Struct, Rc<[Value]>, bool),
}

/// Go's zero time: `time.Time{}`.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

impl Value {
    /// A Go string.
    pub fn str(text: &str) -> Value {
        Value::Str(text.as_bytes().into())
    }

    /// A pointer to `value`, of pointer type `ty`.
    pub fn ptr(ty: Ty, value: Option<Value>) -> Value {
        Value::Ptr(ty, value.map(Rc::new))
    }

    /// An addressable struct of these field values (`NullFields` is added, nil).
    pub fn record(s: &'static Struct, mut fields: Vec<Value>) -> Value {
        fields.push(Value::Slice(&STRING, None));
        Value::Struct(s, fields.into(), true)
    }

    /// The zero value of `ty`.
    pub fn zero(ty: Ty) -> Value {
        if ty.is_pointer() {
            return Value::Ptr(ty, None);
        }
        match ty {
            Ty::Str(_) => Value::str(""),
            Ty::Int(_) => Value::Int(0),
            Ty::Time(_) => Value::Time(ZERO_TIME.into()),
            Ty::Bool => Value::Bool(false),
            Ty::Float => Value::Float(0.0),
            Ty::Bytes => Value::Bytes(Rc::from(&[][..])),
            Ty::List(element, _) => Value::Slice(element, None),
            Ty::Struct(s, _) => {
                let fields = (0..=s.fields.len())
                    .map(|i| Value::zero(s.field_ty(i)))
                    .collect();
                Value::Struct(s, fields, true)
            }
            Ty::Unknown => Value::Invalid,
        }
    }

    /// Its Go type; `None` for no value.
    pub fn ty(&self) -> Option<Ty> {
        Some(match self {
            Value::Invalid => return None,
            Value::Bool(_) => Ty::Bool,
            Value::Int(_) => Ty::Int(false),
            Value::Float(_) => Ty::Float,
            Value::Str(_) => Ty::Str(false),
            Value::Time(_) => Ty::Time(false),
            Value::Bytes(_) => Ty::Bytes,
            Value::Ptr(ty, _) => *ty,
            Value::Slice(element, _) => Ty::List(element, false),
            Value::Struct(s, _, _) => Ty::Struct(s, false),
        })
    }

    /// `reflect.Type.String()` of it, `<nil>` for no value (as `%T` prints).
    pub fn type_name(&self) -> String {
        self.ty().map_or_else(|| "<nil>".to_string(), Ty::go_name)
    }

    /// Go's `indirect`: through pointers, stopping at a nil one (`true`).
    pub fn indirect(&self) -> (Value, bool) {
        match self {
            Value::Ptr(_, Some(v)) => ((**v).clone(), false),
            Value::Ptr(_, None) => (self.clone(), true),
            other => (other.clone(), false),
        }
    }

    /// Go's `isTrue`. [ours] A pointer to an empty list is false (the README's choice; Go's
    /// pointer is true), every other non-nil pointer is true, as in Go.
    pub fn truth(&self) -> bool {
        match self {
            Value::Invalid => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) | Value::Bytes(s) => !s.is_empty(),
            Value::Time(_) | Value::Struct(..) => true,
            Value::Ptr(_, Some(v)) => match &**v {
                Value::Slice(_, items) => items.as_ref().is_some_and(|i| !i.is_empty()),
                _ => true,
            },
            Value::Ptr(_, None) => false,
            Value::Slice(_, items) => items.as_ref().is_some_and(|i| !i.is_empty()),
        }
    }

    /// Its length, for `len`, `index` and `slice`: strings, byte slices and slices.
    pub fn go_len(&self) -> Option<usize> {
        match self {
            Value::Str(s) | Value::Bytes(s) => Some(s.len()),
            Value::Slice(_, items) => Some(items.as_ref().map_or(0, |i| i.len())),
            _ => None,
        }
    }

    /// A copy as it is once passed through `any`: a struct is no longer addressable.
    pub fn unaddressed(self) -> Value {
        match self {
            Value::Struct(s, fields, _) => Value::Struct(s, fields, false),
            other => other,
        }
    }

    /// Calls SDK method `method` on this struct (Go calls it on `&struct`).
    pub fn call(&self, method: Method) -> Value {
        let Value::Struct(_, fields, _) = self else {
            return Value::Invalid;
        };
        match method {
            Method::Get(i) => match &fields[i] {
                Value::Ptr(ty, None) => Value::zero(ty.deref()),
                Value::Ptr(_, Some(v)) => (**v).clone(),
                other => other.clone(),
            },
            Method::Has(i) => Value::Bool(!matches!(fields[i], Value::Ptr(_, None))),
            Method::MarshalJson => Value::Bytes(gojson::marshal(&self.json()).into_bytes().into()),
            // Not callable from a template: the executor refuses them first.
            Method::GetOk(_) | Method::Set(_) | Method::SetNil(_) => Value::Invalid,
        }
    }

    /// What Go's `encoding/json` writes for it (the SDK's `omitempty` pointers left out when
    /// nil; `NullFields` is never written).
    pub fn json(&self) -> gojson::Value {
        match self {
            Value::Invalid => gojson::Value::Null,
            Value::Bool(b) => gojson::Value::Bool(*b),
            Value::Int(n) => gojson::Value::Number(n.to_string()),
            Value::Float(f) => gojson::Value::Number(crate::gofmt::format_float(*f)),
            Value::Str(s) => gojson::Value::String(String::from_utf8_lossy(s).into_owned()),
            Value::Time(t) => gojson::Value::String(t.to_string()),
            Value::Bytes(_) => gojson::Value::Null,
            Value::Ptr(_, None) | Value::Slice(_, None) => gojson::Value::Null,
            Value::Ptr(_, Some(v)) => v.json(),
            Value::Slice(_, Some(items)) => {
                gojson::Value::Array(items.iter().map(Value::json).collect())
            }
            Value::Struct(s, fields, _) => gojson::Value::object(
                s.fields
                    .iter()
                    .zip(fields.iter())
                    .filter(|(desc, v)| desc.required || !matches!(v, Value::Ptr(_, None)))
                    .map(|(desc, v)| (desc.json, v.json()))
                    .collect(),
            ),
        }
    }
}

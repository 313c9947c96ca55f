//! Response models declared once: [`go_model!`](crate::go_model) turns one field list into the
//! struct (read from the response with serde), its Go type (what the template checker follows
//! dot through), a fully populated sample (what `plan` checks an output request against), and
//! the two views the formats print from: the JSON value Go's encoder sees and the value Go's
//! `text/template` sees, with the Atlas SDK's `GetX` and `HasX` methods.
//!
//! The Atlas SDK's fields are pointers tagged `omitempty`, so each field is an `Option`: `None`
//! (absent or `null` in the response) is left out of the JSON and is nil in templates; an empty
//! string stays `""` and an empty list stays `[]`. A field's type says how it is shown
//! ([`Field`]): `Option<String>`, `Option<i64>`, `Option<GoTime>` and `Option<Vec<M>>` of
//! another model.

use std::collections::BTreeMap;
use std::sync::Arc;

use gotmpl::Value as TValue;

use crate::gojson::Value;
use crate::output::Model;
use crate::template::{Struct, Ty};

/// A template value's fields, by Go name.
pub type TMap = BTreeMap<Arc<str>, TValue>;

/// A model's Go struct, for the template checker; written by [`go_model!`](crate::go_model).
pub trait GoStruct: Model {
    /// The struct: its Go name and fields.
    const STRUCT: &'static Struct;
    /// The struct as an element of a list (a value, not a pointer).
    const ELEM: &'static Ty;
}

/// How one field of a model is typed and shown.
pub trait Field {
    /// Its Go type (a pointer: the SDK's optional fields are).
    const TY: Ty;
    /// Its JSON view; `None` when nil, so the field is left out.
    fn json(&self) -> Option<Value>;
    /// Adds the field and its `GetX`/`HasX` methods to a template value.
    fn go(&self, map: &mut TMap, name: &str);
}

impl Field for Option<String> {
    const TY: Ty = Ty::Str(true);
    fn json(&self) -> Option<Value> {
        self.clone().map(Value::String)
    }
    fn go(&self, map: &mut TMap, name: &str) {
        let value = self.as_deref().map(|s| TValue::String(s.into()));
        go_field(map, name, value, TValue::String("".into()));
    }
}

impl Field for Option<i64> {
    const TY: Ty = Ty::Int(true);
    fn json(&self) -> Option<Value> {
        self.map(|n| Value::Number(n.to_string()))
    }
    fn go(&self, map: &mut TMap, name: &str) {
        go_field(map, name, self.map(TValue::Int), TValue::Int(0));
    }
}

impl<M: GoStruct> Field for Option<Vec<M>> {
    const TY: Ty = Ty::List(M::ELEM, true);
    fn json(&self) -> Option<Value> {
        let items = self.as_ref()?;
        Some(Value::Array(items.iter().map(M::json).collect()))
    }
    fn go(&self, map: &mut TMap, name: &str) {
        let value = self
            .as_ref()
            .map(|items| TValue::List(items.iter().map(M::template).collect()));
        go_field(map, name, value, TValue::List(Vec::new().into()));
    }
}

/// A list the SDK declares as a plain slice without `omitempty` (a page's `results`), not as a
/// pointer: nil when absent or `null`, which Go's encoder writes as `null` and templates see as
/// a nil slice (no items, printed `[]`), where a nil pointer field would be left out and be
/// `<nil>`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(transparent)]
pub struct Slice<M>(pub Option<Vec<M>>);

impl<M> Default for Slice<M> {
    fn default() -> Self {
        Slice(None)
    }
}

impl<M: GoStruct> Field for Slice<M> {
    const TY: Ty = Ty::List(M::ELEM, false);
    fn json(&self) -> Option<Value> {
        Some(self.0.as_ref().map_or(Value::Null, |items| {
            Value::Array(items.iter().map(M::json).collect())
        }))
    }
    fn go(&self, map: &mut TMap, name: &str) {
        let items = self.0.iter().flatten().map(M::template).collect();
        let value = TValue::List(items);
        go_field(map, name, Some(value.clone()), value);
    }
}

/// A `*time.Time` field: the response's RFC 3339 text, printed back as Go's encoder writes it
/// (the same text for the UTC times Atlas sends) and in templates as Go's `Time.String`
/// (`2026-12-01 09:00:01 +0000 UTC`). [ours] Templates see it as text: `.Created.Year` and the
/// like are refused by the checker rather than run.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct GoTime(pub String);

impl GoTime {
    /// Go's `Time.String` for a UTC time `YYYY-MM-DDTHH:MM:SS[.frac]Z`; any other text as it is.
    pub fn go_string(&self) -> String {
        let text = &self.0;
        let utc = text
            .strip_suffix('Z')
            .filter(|t| t.len() >= 19 && t.is_char_boundary(10));
        match utc {
            Some(t) if t.as_bytes()[10] == b'T' => {
                let frac = t[19..].trim_end_matches('0');
                let frac = if frac == "." { "" } else { frac };
                format!("{} {}{frac} +0000 UTC", &t[..10], &t[11..19])
            }
            _ => text.clone(),
        }
    }
}

impl From<&str> for GoTime {
    fn from(text: &str) -> Self {
        GoTime(text.to_string())
    }
}

impl Field for Option<GoTime> {
    const TY: Ty = Ty::Str(true);
    fn json(&self) -> Option<Value> {
        self.as_ref().map(|t| Value::String(t.0.clone()))
    }
    fn go(&self, map: &mut TMap, name: &str) {
        let value = self.as_ref().map(|t| TValue::String(t.go_string().into()));
        let zero = TValue::String("0001-01-01 00:00:00 +0000 UTC".into());
        go_field(map, name, value, zero);
    }
}

/// A field, and the SDK's `HasX` and `GetX` (the value, or its zero value when nil).
fn go_field(map: &mut TMap, name: &str, value: Option<TValue>, zero: TValue) {
    map.insert(format!("Has{name}").into(), TValue::Bool(value.is_some()));
    map.insert(format!("Get{name}").into(), value.clone().unwrap_or(zero));
    map.insert(name.into(), value.unwrap_or(TValue::Nil));
}

/// An object of the fields that are present, in the given order.
pub fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    Value::object(
        fields
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect(),
    )
}

/// A template value of these fields.
pub fn template(map: TMap) -> TValue {
    TValue::Map(Arc::new(map))
}

/// `Some(text)`, for samples.
pub fn some<T: From<&'static str>>(text: &'static str) -> Option<T> {
    Some(T::from(text))
}

/// Declares response models, each field once: its Rust name and type, its JSON key, its Go
/// name, and its value in the model's sample.
///
/// ```ignore
/// go_model! {
///     /// `admin.Link`.
///     pub struct Link as "admin.Link" {
///         href: Option<String> = "href" / "Href", sample some("https://cloud.mongodb.com/x");
///         rel: Option<String> = "rel" / "Rel", sample some("self");
///     }
/// }
/// ```
///
/// The calling crate depends on `serde` (the struct derives `Deserialize`; unknown fields are
/// ignored).
#[macro_export]
macro_rules! go_model {
    ($(
        $(#[$meta:meta])*
        pub struct $name:ident as $go:literal {
            $($field:ident : $ty:ty = $json:literal / $go_field:literal, sample $sample:expr;)*
        }
    )*) => {$(
        $(#[$meta])*
        #[derive(Debug, Default, Clone, ::serde::Deserialize)]
        pub struct $name {
            $(#[serde(rename = $json)] pub $field: $ty,)*
        }

        impl $crate::model::GoStruct for $name {
            const STRUCT: &'static $crate::template::Struct = &$crate::template::Struct {
                go_name: $go,
                fields: &[$(($go_field, <$ty as $crate::model::Field>::TY),)*],
            };
            const ELEM: &'static $crate::template::Ty =
                &$crate::template::Ty::Struct(<Self as $crate::model::GoStruct>::STRUCT, false);
        }

        impl $crate::decode::GoDecode for $name {
            const GO_NAME: &'static str = $crate::decode::short_name($go);
            const KEYS: &'static [&'static str] = &[$($json,)*];
            fn set(
                &mut self,
                key: &str,
                value: &$crate::gojson::Value,
            ) -> ::core::result::Result<(), ::std::string::String> {
                let at = $crate::decode::At {
                    go_name: <Self as $crate::decode::GoDecode>::GO_NAME,
                    key,
                };
                $(if key == $json {
                    return $crate::decode::FieldDecode::decode(&mut self.$field, value, &at);
                })*
                Ok(())
            }
        }

        impl $crate::output::Model for $name {
            fn sample() -> Self {
                Self { $($field: $sample,)* }
            }
            fn json(&self) -> $crate::gojson::Value {
                $crate::model::object(vec![
                    $(($json, $crate::model::Field::json(&self.$field)),)*
                ])
            }
            fn template(&self) -> $crate::output::TValue {
                let mut map = $crate::model::TMap::new();
                $($crate::model::Field::go(&self.$field, &mut map, $go_field);)*
                $crate::model::template(map)
            }
            fn template_type() -> $crate::template::Ty {
                $crate::template::Ty::Struct(<Self as $crate::model::GoStruct>::STRUCT, true)
            }
        }
    )*};
}

#[cfg(test)]
pub(crate) mod fixtures;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utc_time_prints_as_go_time_string() {
        let go = |text: &str| GoTime::from(text).go_string();
        assert_eq!(go("2026-12-01T09:00:01Z"), "2026-12-01 09:00:01 +0000 UTC");
        assert_eq!(
            go("2026-12-01T09:00:01.250Z"),
            "2026-12-01 09:00:01.25 +0000 UTC"
        );
        assert_eq!(
            go("2026-12-01T09:00:01.000Z"),
            "2026-12-01 09:00:01 +0000 UTC"
        );
        assert_eq!(go("yesterday"), "yesterday");
    }

    #[test]
    fn a_model_shows_each_field_once_in_every_view() {
        use fixtures::{ApiKeyUserDetails, Link};
        let key = ApiKeyUserDetails {
            id: Some("i".into()),
            links: Some(vec![Link::default()]),
            ..Default::default()
        };
        let json = crate::gojson::marshal(&key.json());
        assert_eq!(json, r#"{"id":"i","links":[{}]}"#);
        let TValue::Map(map) = key.template() else {
            panic!("not a map")
        };
        assert_eq!(map.get("Desc"), Some(&TValue::Nil));
        assert_eq!(map.get("HasId"), Some(&TValue::Bool(true)));
        assert_eq!(map.len(), 18, "six fields with GetX and HasX");
        assert_eq!(
            ApiKeyUserDetails::template_type().go_name(),
            "*admin.ApiKeyUserDetails"
        );
    }
}

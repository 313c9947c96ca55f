//! Response models declared once: [`go_model!`](crate::go_model) turns one field list into the
//! struct (read from the response with serde), its Go type (what the template checker follows
//! dot through), a fully populated sample (what `plan` checks an output request against), and
//! the two views the formats print from: the JSON value Go's encoder sees and the typed Go value
//! `text/template` sees (pointers, nil pointers, nil and empty slices, struct values; the SDK's
//! methods come from the struct's [`Struct`] description).
//!
//! The Atlas SDK's fields are pointers tagged `omitempty`, so each field is an `Option`: `None`
//! (absent or `null` in the response) is left out of the JSON and is nil in templates; an empty
//! string stays `""` and an empty list stays `[]`. A field's type says how it is shown
//! ([`Field`]): `Option<String>`, `Option<i64>`, `Option<GoTime>` and `Option<Vec<M>>` of
//! another model.

use crate::gojson::Value;
use crate::output::{Model, TValue};
use crate::template::{Struct, Ty};

/// A model's Go struct, for the template checker and executor; written by
/// [`go_model!`](crate::go_model).
pub trait GoStruct: Model {
    /// The struct: its Go name and fields.
    const STRUCT: &'static Struct;
    /// The struct as an element of a list (a value, not a pointer).
    const ELEM: &'static Ty;
    /// The struct value templates see (addressable, as an element of a slice is).
    fn record(&self) -> TValue;
}

/// How one field of a model is typed and shown.
pub trait Field {
    /// Its Go type (a pointer: the SDK's optional fields are).
    const TY: Ty;
    /// Its JSON view; `None` when nil, so the field is left out.
    fn json(&self) -> Option<Value>;
    /// A field the SDK declares without a pointer and `omitempty` ([`Slice`]): no `HasX` or
    /// `SetXNil`, and Go's encoder writes it even when nil.
    const REQUIRED: bool = false;
    /// Its template view: a value of type [`Field::TY`] (a nil pointer when absent).
    fn value(&self) -> TValue;
}

impl Field for Option<String> {
    const TY: Ty = Ty::Str(true);
    fn json(&self) -> Option<Value> {
        self.clone().map(Value::String)
    }
    fn value(&self) -> TValue {
        TValue::ptr(Self::TY, self.as_deref().map(TValue::str))
    }
}

impl Field for Option<i64> {
    const TY: Ty = Ty::Int(true);
    fn json(&self) -> Option<Value> {
        self.map(|n| Value::Number(n.to_string()))
    }
    fn value(&self) -> TValue {
        TValue::ptr(Self::TY, self.map(TValue::Int))
    }
}

impl<M: GoStruct> Field for Option<Vec<M>> {
    const TY: Ty = Ty::List(M::ELEM, true);
    fn json(&self) -> Option<Value> {
        let items = self.as_ref()?;
        Some(Value::Array(items.iter().map(M::json).collect()))
    }
    fn value(&self) -> TValue {
        let list = self
            .as_ref()
            .map(|items| TValue::Slice(M::ELEM, Some(items.iter().map(M::record).collect())));
        TValue::ptr(Self::TY, list)
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
    const REQUIRED: bool = true;
    fn value(&self) -> TValue {
        let items = self
            .0
            .as_ref()
            .map(|items| items.iter().map(M::record).collect());
        TValue::Slice(M::ELEM, items)
    }
}

/// A `*time.Time` field: the response's RFC 3339 text, printed back as Go's encoder writes it
/// (the same text for the UTC times Atlas sends) and in templates as Go's `Time.String`
/// (`2026-12-01 09:00:01 +0000 UTC`). Templates see a `*time.Time`; [ours] its own methods
/// (`.Created.Year` and the like) are refused by the checker rather than run.
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
    const TY: Ty = Ty::Time(true);
    fn json(&self) -> Option<Value> {
        self.as_ref().map(|t| Value::String(t.0.clone()))
    }
    fn value(&self) -> TValue {
        TValue::ptr(
            Self::TY,
            self.as_ref().map(|t| TValue::Time(t.0.as_str().into())),
        )
    }
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

/// `Some(text)`, for samples.
pub fn some<T: From<&'static str>>(text: &'static str) -> Option<T> {
    Some(T::from(text))
}

/// Declares response models, each field once: its Rust name and type, its JSON key, its Go
/// name, and its value in the model's sample. A [`Slice`] field is one of the SDK's few
/// required fields (a value, not a pointer: `Results []T`, with `GetX` and `SetX` but no
/// `HasX`).
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
/// Every SDK model also has `NullFields []string` (nil after decoding), which templates see.
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
                fields: &[$($crate::template::FieldDesc {
                    name: $go_field,
                    json: $json,
                    ty: <$ty as $crate::model::Field>::TY,
                    required: <$ty as $crate::model::Field>::REQUIRED,
                },)*],
            };
            const ELEM: &'static $crate::template::Ty =
                &$crate::template::Ty::Struct(<Self as $crate::model::GoStruct>::STRUCT, false);
            fn record(&self) -> $crate::output::TValue {
                $crate::template::Value::record(
                    <Self as $crate::model::GoStruct>::STRUCT,
                    vec![$($crate::model::Field::value(&self.$field),)*],
                )
            }
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
                $crate::template::Value::ptr(
                    <Self as $crate::output::Model>::template_type(),
                    Some($crate::model::GoStruct::record(self)),
                )
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
        let TValue::Ptr(_, Some(record)) = key.template() else {
            panic!("not a pointer to the struct")
        };
        let TValue::Struct(_, fields, _) = &*record else {
            panic!("not a struct")
        };
        assert!(
            matches!(fields[0], TValue::Ptr(Ty::Str(true), None)),
            "Desc is nil"
        );
        assert_eq!(fields.len(), 7, "six fields and NullFields");
        assert_eq!(
            ApiKeyUserDetails::template_type().go_name(),
            "*admin.ApiKeyUserDetails"
        );
    }
}

//! The Atlas error body, `admin.ApiError` of `mongodb/atlas-sdk-go`
//! (`admin/model_api_error.go`, `model_bad_request_detail.go`, `model_field_violation.go`),
//! filled from a parsed body the way Go's `json.Unmarshal` fills it: keys matched exactly, else
//! case-insensitively; later duplicates win; `null` clears pointer fields and leaves the others;
//! numbers in `parameters` become float64; and the first type mismatch, in document order, is
//! the error, worded as Go's `UnmarshalTypeError` (struct name plus the JSON field path).

use crate::gojson::Value;

/// `admin.ApiError`.
#[derive(Debug, Default, PartialEq)]
pub struct ApiError {
    pub bad_request_detail: Option<BadRequestDetail>,
    pub detail: Option<String>,
    pub error: i64,
    pub error_code: String,
    pub parameters: Option<Vec<Value>>,
    pub reason: Option<String>,
}

/// `admin.BadRequestDetail`.
#[derive(Debug, Default, PartialEq)]
pub struct BadRequestDetail {
    pub fields: Option<Vec<FieldViolation>>,
}

/// `admin.FieldViolation`.
#[derive(Debug, Default, PartialEq)]
pub struct FieldViolation {
    pub description: String,
    pub field: String,
}

/// Where a value goes, for Go's error text: the innermost struct's name and the JSON path.
#[derive(Clone, Copy)]
struct At<'a> {
    struct_name: &'a str,
    path: &'a str,
}

impl ApiError {
    /// Fill an `ApiError` from a parsed body, or return Go's type error text.
    pub fn decode(value: &Value) -> Result<Self, String> {
        let mut out = Self::default();
        let members = match value {
            Value::Null => return Ok(out),
            Value::Object(members) => members,
            other => return Err(type_error(other, "admin.ApiError", None)),
        };
        const FIELDS: [&str; 6] = [
            "badRequestDetail",
            "detail",
            "error",
            "errorCode",
            "parameters",
            "reason",
        ];
        for (key, item) in members {
            let Some(name) = match_field(key, &FIELDS) else {
                continue;
            };
            let at = At {
                struct_name: "ApiError",
                path: name,
            };
            match name {
                "badRequestDetail" => {
                    decode_bad_request_detail(&mut out.bad_request_detail, item, at)?
                }
                "detail" => optional_string(&mut out.detail, item, at)?,
                "error" => int(&mut out.error, item, at)?,
                "errorCode" => string(&mut out.error_code, item, at)?,
                "parameters" => decode_parameters(&mut out.parameters, item, at)?,
                _ => optional_string(&mut out.reason, item, at)?,
            }
        }
        Ok(out)
    }
}

impl BadRequestDetail {
    /// `json.Marshal` of it: `{"fields":[{"description":…,"field":…}]}`, `{}` without fields.
    pub fn to_value(&self) -> Value {
        let fields = self.fields.as_ref().map(|fields| {
            let items = fields.iter().map(|f| {
                Value::object(vec![
                    ("description", Value::String(f.description.clone())),
                    ("field", Value::String(f.field.clone())),
                ])
            });
            ("fields", Value::Array(items.collect()))
        });
        Value::object(fields.into_iter().collect())
    }
}

/// Go's field lookup: the exact name, else a case-insensitive match (`bytes.EqualFold`; our
/// names are ASCII, so only ASCII letters and the two non-ASCII runes that fold to them count).
fn match_field(key: &str, names: &[&'static str]) -> Option<&'static str> {
    let fold = |c: char| match c {
        '\u{17F}' => 's',  // LATIN SMALL LETTER LONG S
        '\u{212A}' => 'k', // KELVIN SIGN
        c => c.to_ascii_lowercase(),
    };
    let folded_eq = |name: &str| key.chars().map(fold).eq(name.chars().map(fold));
    names
        .iter()
        .find(|name| **name == key)
        .or_else(|| names.iter().find(|name| folded_eq(name)))
        .copied()
}

fn decode_bad_request_detail(
    target: &mut Option<BadRequestDetail>,
    value: &Value,
    at: At,
) -> Result<(), String> {
    let members = match value {
        Value::Null => {
            *target = None;
            return Ok(());
        }
        Value::Object(members) => members,
        other => return Err(type_error(other, "admin.BadRequestDetail", Some(at))),
    };
    // Go decodes into the struct already there, so a repeated key merges.
    let detail = target.get_or_insert_with(BadRequestDetail::default);
    for (key, item) in members {
        if match_field(key, &["fields"]).is_some() {
            let at = At {
                struct_name: "BadRequestDetail",
                path: "badRequestDetail.fields",
            };
            decode_fields(&mut detail.fields, item, at)?;
        }
    }
    Ok(())
}

fn decode_fields(
    target: &mut Option<Vec<FieldViolation>>,
    value: &Value,
    at: At,
) -> Result<(), String> {
    let items = match value {
        Value::Null => {
            *target = None;
            return Ok(());
        }
        Value::Array(items) => items,
        other => return Err(type_error(other, "[]admin.FieldViolation", Some(at))),
    };
    // Go reuses the elements already there (merging) and cuts the slice to the new length.
    let list = target.get_or_insert_with(Vec::new);
    list.resize_with(list.len().max(items.len()), FieldViolation::default);
    list.truncate(items.len());
    for (violation, item) in list.iter_mut().zip(items) {
        match item {
            Value::Null => {}
            Value::Object(members) => decode_violation(violation, members)?,
            other => return Err(type_error(other, "admin.FieldViolation", Some(at))),
        }
    }
    Ok(())
}

fn decode_violation(
    target: &mut FieldViolation,
    members: &[(String, Value)],
) -> Result<(), String> {
    for (key, item) in members {
        let Some(name) = match_field(key, &["description", "field"]) else {
            continue;
        };
        if name == "description" {
            let at = At {
                struct_name: "FieldViolation",
                path: "badRequestDetail.fields.description",
            };
            string(&mut target.description, item, at)?;
        } else {
            let at = At {
                struct_name: "FieldViolation",
                path: "badRequestDetail.fields.field",
            };
            string(&mut target.field, item, at)?;
        }
    }
    Ok(())
}

/// `*[]any`: any element goes, but a number must fit a float64.
fn decode_parameters(target: &mut Option<Vec<Value>>, value: &Value, at: At) -> Result<(), String> {
    match value {
        Value::Null => *target = None,
        Value::Array(items) => {
            items.iter().try_for_each(|item| check_float64s(item, at))?;
            *target = Some(items.clone());
        }
        other => return Err(type_error(other, "[]interface {}", Some(at))),
    }
    Ok(())
}

fn check_float64s(value: &Value, at: At) -> Result<(), String> {
    match value {
        Value::Number(raw) if raw.parse::<f64>().map_or(true, f64::is_infinite) => Err(
            type_error_text(&format!("number {raw}"), "float64", Some(at)),
        ),
        Value::Array(items) => items.iter().try_for_each(|item| check_float64s(item, at)),
        Value::Object(members) => members
            .iter()
            .try_for_each(|(_, item)| check_float64s(item, at)),
        _ => Ok(()),
    }
}

fn optional_string(target: &mut Option<String>, value: &Value, at: At) -> Result<(), String> {
    match value {
        Value::Null => *target = None,
        Value::String(s) => *target = Some(s.clone()),
        other => return Err(type_error(other, "string", Some(at))),
    }
    Ok(())
}

fn string(target: &mut String, value: &Value, at: At) -> Result<(), String> {
    match value {
        Value::Null => {}
        Value::String(s) => *target = s.clone(),
        other => return Err(type_error(other, "string", Some(at))),
    }
    Ok(())
}

/// Go's `int` field: `strconv.ParseInt(text, 10, 64)`, so `401.0` or `4e2` do not fit.
fn int(target: &mut i64, value: &Value, at: At) -> Result<(), String> {
    match value {
        Value::Null => {}
        Value::Number(raw) => {
            *target = raw
                .parse()
                .map_err(|_| type_error_text(&format!("number {raw}"), "int", Some(at)))?;
        }
        other => return Err(type_error(other, "int", Some(at))),
    }
    Ok(())
}

fn type_error(found: &Value, go_type: &str, at: Option<At>) -> String {
    let kind = crate::decode::kind(found);
    type_error_text(kind, go_type, at)
}

/// Go's `UnmarshalTypeError.Error()`.
fn type_error_text(found: &str, go_type: &str, at: Option<At>) -> String {
    match at {
        Some(At { struct_name, path }) => {
            format!(
                "json: cannot unmarshal {found} into Go struct field {struct_name}.{path} of type {go_type}"
            )
        }
        None => format!("json: cannot unmarshal {found} into Go value of type {go_type}"),
    }
}

#[cfg(test)]
mod tests;

//! Decoding and validating a `CreateAtlasOrganizationApiKey` body the way Atlas does.
//!
//! Two phases, because Atlas (a Java service) first deserializes and then validates:
//! deserialization fails on non-JSON, unknown attributes, wrong JSON types and enum values
//! whatever else is wrong; only a body that deserializes is checked for missing attributes and
//! sizes. So `{"desc":"","roles":["NOPE"]}` is an enum error, not a size error.

use crate::api::ORG_ROLES;
use crate::errors::ApiError;
use serde_json::{Map, Value};

/// The spec's limits on `desc`.
pub const DESC_MIN: usize = 1;
pub const DESC_MAX: usize = 250;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateKey {
    pub desc: String,
    pub roles: Vec<String>,
}

/// The whole check, in Atlas's order.
pub fn create_key(body: &[u8]) -> Result<CreateKey, ApiError> {
    let (desc, roles) = deserialize(body)?;
    let desc = desc.ok_or_else(|| ApiError::missing_attribute("desc"))?;
    let roles = roles.ok_or_else(|| ApiError::missing_attribute("roles"))?;
    // Java's String length counts UTF-16 units; that is what "250 characters" means there.
    let len = desc.encode_utf16().count();
    if !(DESC_MIN..=DESC_MAX).contains(&len) {
        return Err(ApiError::invalid_attribute(
            "desc",
            "size must be between 1 and 250",
        ));
    }
    if roles.is_empty() {
        return Err(ApiError::invalid_attribute(
            "roles",
            "must contain at least one role",
        ));
    }
    Ok(CreateKey { desc, roles })
}

/// An `UpdateAtlasOrganizationApiKey` body: what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateKey {
    pub desc: Option<String>,
    pub roles: Option<Vec<String>>,
}

/// The update body, in Atlas's order. Both attributes are optional, and the Go CLI always sends
/// both (`""` and `[]` for a flag not given), so an empty one leaves the key's value as it is.
pub fn update_key(body: &[u8]) -> Result<UpdateKey, ApiError> {
    let (desc, roles) = deserialize(body)?;
    let desc = desc.filter(|d| !d.is_empty());
    if let Some(desc) = &desc
        && desc.encode_utf16().count() > DESC_MAX
    {
        return Err(ApiError::invalid_attribute(
            "desc",
            "size must be between 1 and 250",
        ));
    }
    Ok(UpdateKey {
        desc,
        roles: roles.filter(|r| !r.is_empty()),
    })
}

type Fields = (Option<String>, Option<Vec<String>>);

/// Phase one: JSON syntax, the object's attributes, their types and the role enum.
/// `null` counts as absent, as it does for Jackson.
fn deserialize(body: &[u8]) -> Result<Fields, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::invalid_json())?;
    let Value::Object(object) = value else {
        return Err(ApiError::invalid_json());
    };
    check_known_attributes(&object)?;
    let desc = match object.get("desc") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(ApiError::invalid_json_attribute("desc")),
    };
    let roles = match object.get("roles") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(roles(items)?),
        Some(_) => return Err(ApiError::invalid_json_attribute("roles")),
    };
    Ok((desc, roles))
}

/// Atlas rejects attributes it does not know with `INVALID_ATTRIBUTE` (a typo like `role`
/// must not silently create a key without it).
fn check_known_attributes(object: &Map<String, Value>) -> Result<(), ApiError> {
    match object
        .keys()
        .find(|k| !matches!(k.as_str(), "desc" | "roles"))
    {
        Some(unknown) => Err(ApiError::new(
            400,
            "INVALID_ATTRIBUTE",
            format!("Invalid attribute {unknown} specified."),
            vec![unknown.as_str().into()],
        )),
        None => Ok(()),
    }
}

fn roles(items: &[Value]) -> Result<Vec<String>, ApiError> {
    items
        .iter()
        .map(|item| match item {
            Value::String(role) if ORG_ROLES.contains(&role.as_str()) => Ok(role.clone()),
            Value::String(role) => Err(ApiError::invalid_enum_value("roles", role)),
            _ => Err(ApiError::invalid_json_attribute("roles")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (body, expected errorCode or "" for success, expected parameters)
    const TABLE: &[(&str, &str, &str)] = &[
        (r#"{"desc":"d","roles":["ORG_OWNER"]}"#, "", ""),
        (
            r#"{"desc":"d","roles":["ORG_MEMBER","ORG_MEMBER","ORG_READ_ONLY"]}"#,
            "",
            "",
        ),
        ("", "INVALID_JSON", ""),
        ("{", "INVALID_JSON", ""),
        (r#"["desc"]"#, "INVALID_JSON", ""),
        (
            r#"{"desc":"d","roles":["ORG_OWNER"],"role":"x"}"#,
            "INVALID_ATTRIBUTE",
            "role",
        ),
        (
            r#"{"desc":5,"roles":["ORG_OWNER"]}"#,
            "INVALID_JSON_ATTRIBUTE",
            "desc",
        ),
        (
            r#"{"desc":"d","roles":"ORG_OWNER"}"#,
            "INVALID_JSON_ATTRIBUTE",
            "roles",
        ),
        (
            r#"{"desc":"d","roles":[1]}"#,
            "INVALID_JSON_ATTRIBUTE",
            "roles",
        ),
        (
            r#"{"desc":"d","roles":["ORG_OWNER","NOPE"]}"#,
            "INVALID_ENUM_VALUE",
            "NOPE",
        ),
        (
            r#"{"desc":"d","roles":[" ORG_MEMBER"]}"#,
            "INVALID_ENUM_VALUE",
            " ORG_MEMBER",
        ),
        (
            r#"{"desc":"d","roles":["org_owner"]}"#,
            "INVALID_ENUM_VALUE",
            "org_owner",
        ),
        (
            r#"{"desc":"d","roles":["GROUP_OWNER"]}"#,
            "INVALID_ENUM_VALUE",
            "GROUP_OWNER",
        ),
        (
            r#"{"desc":"","roles":["NOPE"]}"#,
            "INVALID_ENUM_VALUE",
            "NOPE",
        ),
        (r#"{"roles":["ORG_OWNER"]}"#, "MISSING_ATTRIBUTE", "desc"),
        (
            r#"{"desc":null,"roles":["ORG_OWNER"]}"#,
            "MISSING_ATTRIBUTE",
            "desc",
        ),
        (r#"{"desc":"d"}"#, "MISSING_ATTRIBUTE", "roles"),
        (r#"{}"#, "MISSING_ATTRIBUTE", "desc"),
        (
            r#"{"desc":"","roles":["ORG_OWNER"]}"#,
            "INVALID_ATTRIBUTE",
            "desc",
        ),
        (r#"{"desc":"d","roles":[]}"#, "INVALID_ATTRIBUTE", "roles"),
    ];

    #[test]
    fn validation_table() {
        for (body, code, param) in TABLE {
            match create_key(body.as_bytes()) {
                Ok(_) => assert_eq!(*code, "", "{body} was accepted"),
                Err(e) => {
                    assert_eq!(e.error_code, *code, "{body}");
                    assert_eq!(e.error, 400);
                    let params: Vec<&str> = e.parameters.iter().filter_map(Value::as_str).collect();
                    assert_eq!(params.first().copied().unwrap_or(""), *param, "{body}");
                }
            }
        }
    }

    #[test]
    fn desc_length_limits_count_like_java() {
        let body = |desc: &str| format!(r#"{{"desc":"{desc}","roles":["ORG_OWNER"]}}"#);
        assert!(create_key(body(&"a".repeat(250)).as_bytes()).is_ok());
        assert!(create_key(body(&"a".repeat(251)).as_bytes()).is_err());
        // 250 two-byte characters are 250 UTF-16 units; 126 emoji are 252.
        assert!(create_key(body(&"é".repeat(250)).as_bytes()).is_ok());
        assert!(create_key(body(&"😀".repeat(126)).as_bytes()).is_err());
        let ok = create_key(body("My API Key").as_bytes()).unwrap();
        assert_eq!(
            ok,
            CreateKey {
                desc: "My API Key".into(),
                roles: vec!["ORG_OWNER".into()]
            }
        );
    }

    #[test]
    fn size_errors_name_the_field() {
        let e = create_key(br#"{"desc":"","roles":["ORG_OWNER"]}"#).unwrap_err();
        let detail = e.bad_request_detail.unwrap();
        assert_eq!(detail.fields[0].field, "desc");
    }

    #[test]
    fn an_update_changes_only_what_is_not_empty() {
        let none = UpdateKey {
            desc: None,
            roles: None,
        };
        assert_eq!(update_key(br#"{"desc":"","roles":[]}"#).unwrap(), none);
        assert_eq!(update_key(b"{}").unwrap(), none);
        let both = update_key(br#"{"desc":"new","roles":["ORG_MEMBER"]}"#).unwrap();
        assert_eq!(both.desc.as_deref(), Some("new"));
        assert_eq!(both.roles, Some(vec!["ORG_MEMBER".to_string()]));
        for (body, code) in [
            (r#"{"roles":["NOPE"]}"#, "INVALID_ENUM_VALUE"),
            (r#"{"desc":7}"#, "INVALID_JSON_ATTRIBUTE"),
            (r#"{"role":[]}"#, "INVALID_ATTRIBUTE"),
            ("[]", "INVALID_JSON"),
        ] {
            assert_eq!(
                update_key(body.as_bytes()).unwrap_err().error_code,
                code,
                "{body}"
            );
        }
        let long = format!(r#"{{"desc":"{}"}}"#, "a".repeat(251));
        assert_eq!(
            update_key(long.as_bytes()).unwrap_err().error_code,
            "INVALID_ATTRIBUTE"
        );
    }
}

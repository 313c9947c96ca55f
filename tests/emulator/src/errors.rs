//! Atlas's error body (`ApiError`) and the error codes the emulator answers with.
//!
//! Where recorded Atlas traffic shows a code and its wording we copy both; every constructor
//! says where its wording comes from. Field order on the wire is alphabetical, like Atlas's.

use crate::response::{self, Response};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bad_request_detail: Option<Box<BadRequestDetail>>,
    pub detail: String,
    pub error: u16,
    pub error_code: &'static str,
    pub parameters: Vec<Value>,
    pub reason: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadRequestDetail {
    pub fields: Vec<FieldViolation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldViolation {
    pub description: String,
    pub field: String,
}

impl ApiError {
    pub fn new(
        status: u16,
        code: &'static str,
        detail: impl Into<String>,
        parameters: Vec<Value>,
    ) -> Self {
        ApiError {
            bad_request_detail: None,
            detail: detail.into(),
            error: status,
            error_code: code,
            parameters,
            reason: response::reason(status),
        }
    }

    pub fn with_field(mut self, field: &str, description: &str) -> Self {
        let violation = FieldViolation {
            description: description.into(),
            field: field.into(),
        };
        self.bad_request_detail
            .get_or_insert_with(|| Box::new(BadRequestDetail { fields: Vec::new() }))
            .fields
            .push(violation);
        self
    }

    /// Atlas sends errors as plain `application/json`, whatever version was asked for.
    pub fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).expect("ApiError serializes");
        Response::new(self.error).body("application/json", body)
    }

    /// Failed or missing Digest credentials. Atlas answers `UNAUTHORIZED` with this detail; the
    /// spec's `NOT_ORG_GROUP_CREATOR` example is marked "may not be related to this endpoint"
    /// (it is a permission error of project creation), and the Go CLI special-cases
    /// `UNAUTHORIZED`, so that is the code a bad key really gets.
    pub fn unauthorized() -> Self {
        ApiError::new(
            401,
            "UNAUTHORIZED",
            "You are not authorized for this resource.",
            vec![],
        )
    }

    /// Recorded Atlas: `Cannot find resource /api/atlas/v2/groups.` with the path as parameter.
    pub fn not_found(path: &str) -> Self {
        ApiError::new(
            404,
            "RESOURCE_NOT_FOUND",
            format!("Cannot find resource {path}."),
            vec![path.into()],
        )
    }

    /// Our wording; the code follows Atlas's naming (no recording of a 405 is available).
    pub fn method_not_allowed(method: &str) -> Self {
        ApiError::new(
            405,
            "METHOD_NOT_ALLOWED",
            format!("Method {method} is not allowed on this resource."),
            vec![method.into()],
        )
    }

    /// Recorded Atlas, for a missing or unsupported `Accept` version.
    pub fn invalid_version_date() -> Self {
        ApiError::new(
            406,
            "INVALID_VERSION_DATE",
            "Invalid accept header or version date.",
            vec![],
        )
    }

    /// Our choice: a body that is not JSON. Atlas's wording for `INVALID_JSON`.
    pub fn invalid_json() -> Self {
        ApiError::new(400, "INVALID_JSON", "Received JSON is malformed.", vec![])
    }

    /// Recorded Atlas: a field of the wrong JSON type.
    pub fn invalid_json_attribute(field: &str) -> Self {
        ApiError::new(
            400,
            "INVALID_JSON_ATTRIBUTE",
            format!("Received JSON for the {field} attribute does not match expected format."),
            vec![field.into()],
        )
    }

    /// Recorded Atlas: `The required attribute name was not specified.`
    pub fn missing_attribute(field: &str) -> Self {
        ApiError::new(
            400,
            "MISSING_ATTRIBUTE",
            format!("The required attribute {field} was not specified."),
            vec![field.into()],
        )
    }

    /// A value of the right type that breaks a constraint (length, emptiness).
    pub fn invalid_attribute(field: &str, why: &str) -> Self {
        ApiError::new(
            400,
            "INVALID_ATTRIBUTE",
            format!("Invalid attribute {field} specified."),
            vec![field.into()],
        )
        .with_field(field, why)
    }

    /// A role name outside the enum; Atlas's generic enum wording with the bad value.
    pub fn invalid_enum_value(field: &str, value: &str) -> Self {
        ApiError::new(
            400,
            "INVALID_ENUM_VALUE",
            format!("An invalid enumeration value {value} was specified."),
            vec![value.into()],
        )
        .with_field(
            field,
            &format!("must be one of {}", crate::api::ORG_ROLES.join(", ")),
        )
    }

    /// `orgId` in the path that is not 24 lower-case hex digits (the spec's pattern).
    pub fn invalid_org_id(org: &str) -> Self {
        ApiError::new(
            400,
            "INVALID_ORG_ID",
            format!("An invalid organization ID {org} was specified."),
            vec![org.into()],
        )
    }

    /// `apiUserId` in the path that is not 24 lower-case hex digits (the spec's pattern); the
    /// spec's 400 code (`VALIDATION_ERROR`), our wording.
    pub fn invalid_api_key_id(id: &str) -> Self {
        ApiError::new(
            400,
            "VALIDATION_ERROR",
            format!("An invalid API key ID {id} was specified."),
            vec![id.into()],
        )
    }

    /// An attribute the body's type does not have (Atlas: `INVALID_ATTRIBUTE`).
    pub fn unknown_attribute(name: &str) -> Self {
        ApiError::new(
            400,
            "INVALID_ATTRIBUTE",
            format!("Invalid attribute {name} specified."),
            vec![name.into()],
        )
    }

    /// A well-formed `orgId` that this emulator does not host.
    pub fn org_not_found(org: &str) -> Self {
        ApiError::new(
            404,
            "ORG_NOT_FOUND",
            format!("No organization with ID {org} exists."),
            vec![org.into()],
        )
    }

    /// A query parameter out of its range (`pageNum`, `itemsPerPage`, `includeCount`).
    pub fn invalid_query_parameter(name: &str, value: &str) -> Self {
        ApiError::new(
            400,
            "INVALID_QUERY_PARAMETER",
            format!("Invalid query parameter {name} with value {value}."),
            vec![name.into(), value.into()],
        )
    }

    /// The request body was sent with a media type that is not JSON.
    pub fn unsupported_media_type(content_type: &str) -> Self {
        ApiError::new(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            format!("Unsupported media type {content_type}."),
            vec![content_type.into()],
        )
    }

    /// The default body of an injected fault: the spec's example code for the status.
    pub fn for_status(status: u16) -> Self {
        let code = match status {
            400 => "VALIDATION_ERROR",
            401 => "UNAUTHORIZED",
            403 => "CANNOT_CHANGE_GROUP_NAME",
            404 => "RESOURCE_NOT_FOUND",
            409 => "CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK",
            429 => "RATE_LIMITED",
            _ => "UNEXPECTED_ERROR",
        };
        ApiError::new(
            status,
            code,
            "(This is just an example, the exception may not be related to this endpoint)",
            vec![],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_in_atlas_field_order() {
        let body = serde_json::to_string(&ApiError::missing_attribute("desc")).unwrap();
        assert_eq!(
            body,
            r#"{"detail":"The required attribute desc was not specified.","error":400,"errorCode":"MISSING_ATTRIBUTE","parameters":["desc"],"reason":"Bad Request"}"#
        );
        let body = serde_json::to_string(&ApiError::invalid_attribute(
            "desc",
            "size must be between 1 and 250",
        ))
        .unwrap();
        assert!(body.starts_with(r#"{"badRequestDetail":{"fields":[{"description":"size must be between 1 and 250","field":"desc"}]},"detail":"#), "{body}");
    }

    #[test]
    fn responses_are_plain_json_with_the_status() {
        let r = ApiError::unauthorized().into_response();
        assert_eq!(r.status, 401);
        assert_eq!(
            r.headers,
            vec![("Content-Type".to_owned(), "application/json".to_owned())]
        );
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["reason"], "Unauthorized");
        assert_eq!(v["errorCode"], "UNAUTHORIZED");
        assert_eq!(ApiError::for_status(429).error_code, "RATE_LIMITED");
        assert_eq!(ApiError::for_status(503).reason, "Service Unavailable");
    }
}

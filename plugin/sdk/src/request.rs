//! The requests of the `organizations apiKeys` family: the Admin API's paths, its media type,
//! and request specs with and without a JSON body.

use atlas_plugin_api::{NameValue, RequestSpec};
use serde::Serialize;

/// The Admin API version every command speaks (`Accept`, and `Content-Type` with a body).
pub const MEDIA_TYPE: &str = "application/vnd.atlas.2023-01-01+json";

/// `/api/atlas/v2/orgs/{orgId}/apiKeys`.
pub fn api_keys(org_id: &str) -> String {
    format!("/api/atlas/v2/orgs/{}/apiKeys", path_escape(org_id))
}

/// `/api/atlas/v2/orgs/{orgId}/apiKeys/{id}`, the ID escaped as one path segment.
pub fn api_key(org_id: &str, id: &str) -> String {
    format!("{}/{}", api_keys(org_id), path_escape(id))
}

/// `/api/atlas/v2/orgs/{orgId}/apiKeys/{id}/accessList`.
pub fn access_list(org_id: &str, id: &str) -> String {
    format!("{}/accessList", api_key(org_id, id))
}

/// A request with no body.
pub fn without_body(method: &str, path: String, query: Vec<NameValue>) -> RequestSpec {
    RequestSpec {
        method: method.to_string(),
        path,
        query,
        headers: vec![NameValue::new("Accept", MEDIA_TYPE)],
        body: None,
    }
}

/// A request whose body is `body` as JSON (fields in declaration order, as Go's encoder writes
/// the SDK's structs).
pub fn with_body(method: &str, path: String, body: &impl Serialize) -> Result<RequestSpec, String> {
    let body = serde_json::to_string(body)
        .map_err(|err| format!("could not encode the request body: {err}"))?;
    Ok(RequestSpec {
        headers: vec![
            NameValue::new("Accept", MEDIA_TYPE),
            NameValue::new("Content-Type", MEDIA_TYPE),
        ],
        body: Some(body),
        ..without_body(method, path, Vec::new())
    })
}

/// Go's `url.PathEscape`: one path segment, every byte outside RFC 3986's unreserved set and
/// the sub-delimiters Go keeps (`$&+,:;=@`) percent-encoded, so `/` becomes `%2F`.
pub fn path_escape(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b'$' | b'&' | b'+' | b',' | b':' | b';' | b'=' | b'@' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_escape_is_go_path_escape() {
        assert_eq!(path_escape("10.0.0.0/24"), "10.0.0.0%2F24");
        assert_eq!(path_escape("a b?#%é"), "a%20b%3F%23%25%C3%A9");
        assert_eq!(path_escape("2001:db8::1"), "2001:db8::1");
        assert_eq!(
            access_list("o", "a/b"),
            "/api/atlas/v2/orgs/o/apiKeys/a%2Fb/accessList"
        );
    }

    #[test]
    fn a_body_brings_its_content_type() {
        let request = with_body("PATCH", api_key("o", "k"), &[1, 2]).unwrap();
        assert_eq!(request.body.as_deref(), Some("[1,2]"));
        assert_eq!(
            request.headers,
            [
                NameValue::new("Accept", MEDIA_TYPE),
                NameValue::new("Content-Type", MEDIA_TYPE)
            ]
        );
        let request = without_body("GET", api_keys("o"), Vec::new());
        assert_eq!(request.headers, [NameValue::new("Accept", MEDIA_TYPE)]);
    }
}

//! One organization API key: `GET` (its details, private key masked), `PATCH` (description and
//! roles) and `DELETE` on `/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}`.

use std::sync::Mutex;

use crate::api;
use crate::errors::ApiError;
use crate::http::Request;
use crate::response::Response;
use crate::store::Store;
use crate::validate;

/// The spec's pattern for `apiUserId` is `^([a-f0-9]{24})$`; checked before the key is looked up.
pub fn check_id(id: &str) -> Result<(), ApiError> {
    let hex = id
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if id.len() == 24 && hex {
        Ok(())
    } else {
        Err(ApiError::invalid_api_key_id(id))
    }
}

/// Answers the three methods of one key.
pub fn handle(
    req: &Request,
    org: &str,
    id: &str,
    store: &Mutex<Store>,
    base_url: &str,
) -> Result<Response, Response> {
    let not_found = || ApiError::not_found(req.path()).into_response();
    match req.method.as_str() {
        "GET" => {
            let store = api::lock(store);
            let key = store.get(org, id).ok_or_else(not_found)?;
            Ok(api::versioned(
                &key.details(base_url, org, true),
                Some("getApiUser"),
            ))
        }
        "PATCH" => {
            if api::lock(store).get(org, id).is_none() {
                return Err(not_found());
            }
            api::check_content_type(req.header("content-type")).map_err(ApiError::into_response)?;
            let change = validate::update_key(&req.body).map_err(ApiError::into_response)?;
            let key = api::lock(store)
                .update(org, id, change.desc.as_deref(), change.roles.as_deref())
                .ok_or_else(not_found)?;
            Ok(api::versioned(
                &key.details(base_url, org, true),
                Some("updateApiUserDescAndRoles"),
            ))
        }
        _ => {
            if !api::lock(store).delete(org, id) {
                return Err(not_found());
            }
            Ok(api::no_content(Some("deleteApiUser")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_spec_pattern() {
        assert!(check_id("6a793f752c88faeba59bba49").is_ok());
        for bad in [
            "",
            "6a793f752c88faeba59bba4",
            "6A793F752C88FAEBA59BBA49",
            "6a793f752c88faeba59bba4g",
        ] {
            assert_eq!(
                check_id(bad).unwrap_err().error_code,
                "VALIDATION_ERROR",
                "{bad}"
            );
        }
    }
}

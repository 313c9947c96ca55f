//! The routes of the Admin API the emulator knows, for requests that already passed
//! authentication: every organization API key endpoint of the spec
//! (`reference/atlas-admin-api-apikeys.openapi.yaml`) under `/api/atlas/v2/orgs/{orgId}/apiKeys`
//! — create and list here, one key in `keys`, access lists in `access_list` — and
//! `GET /api/private/ipinfo` (the caller's public address, which `--currentIp` asks for).
//!
//! Checks run in the order a request meets them in Atlas: route, method, version (`Accept`),
//! path parameters, then the body.

use crate::errors::ApiError;
use crate::http::Request;
use crate::response::Response;
use crate::store::{Link, Store};
use crate::validate;
use crate::{access_list, keys};
use serde::Serialize;
use std::sync::Mutex;

/// The organization roles the spec's `CreateAtlasOrganizationApiKey.roles` enum allows.
pub const ORG_ROLES: [&str; 7] = [
    "ORG_OWNER",
    "ORG_MEMBER",
    "ORG_GROUP_CREATOR",
    "ORG_BILLING_ADMIN",
    "ORG_BILLING_READ_ONLY",
    "ORG_STREAM_PROCESSING_ADMIN",
    "ORG_READ_ONLY",
];

/// The media type of the only version (2023-01-01) these endpoints have.
pub const MEDIA_TYPE: &str = "application/vnd.atlas.2023-01-01+json";

/// The path of the endpoint `--currentIp` asks (`internal/store` of the Go CLI).
pub const IPINFO_PATH: &str = "/api/private/ipinfo";

#[derive(Debug, PartialEq, Eq)]
enum Route<'a> {
    OrgApiKeys {
        org: &'a str,
    },
    OrgApiKey {
        org: &'a str,
        key: &'a str,
    },
    AccessList {
        org: &'a str,
        key: &'a str,
    },
    AccessEntry {
        org: &'a str,
        key: &'a str,
        entry: &'a str,
    },
    IpInfo,
}

impl Route<'_> {
    /// The methods the spec defines on the route, for `Allow`.
    fn methods(&self) -> &'static [&'static str] {
        match self {
            Route::OrgApiKeys { .. } | Route::AccessList { .. } => &["GET", "POST"],
            Route::OrgApiKey { .. } => &["GET", "PATCH", "DELETE"],
            Route::AccessEntry { .. } => &["GET", "DELETE"],
            Route::IpInfo => &["GET"],
        }
    }
}

/// Splits the raw path (still escaped, so a CIDR's `%2F` stays inside its segment).
fn route(path: &str) -> Option<Route<'_>> {
    if path == IPINFO_PATH {
        return Some(Route::IpInfo);
    }
    let rest = path.strip_prefix("/api/atlas/v2/orgs/")?;
    match rest.split('/').collect::<Vec<_>>().as_slice() {
        [org, "apiKeys"] => Some(Route::OrgApiKeys { org }),
        [org, "apiKeys", key] if !key.is_empty() => Some(Route::OrgApiKey { org, key }),
        [org, "apiKeys", key, "accessList"] if !key.is_empty() => {
            Some(Route::AccessList { org, key })
        }
        [org, "apiKeys", key, "accessList", entry] if !key.is_empty() && !entry.is_empty() => {
            Some(Route::AccessEntry { org, key, entry })
        }
        _ => None,
    }
}

/// Answers one authenticated request. `base_url` is used in `links`.
pub fn handle(req: &Request, store: &Mutex<Store>, base_url: &str) -> Response {
    match try_handle(req, store, base_url) {
        Ok(resp) | Err(resp) => resp,
    }
}

fn try_handle(req: &Request, store: &Mutex<Store>, base_url: &str) -> Result<Response, Response> {
    let Some(route) = route(req.path()) else {
        return Err(ApiError::not_found(req.path()).into_response());
    };
    if !route.methods().contains(&req.method.as_str()) {
        return Err(ApiError::method_not_allowed(&req.method)
            .into_response()
            .header("Allow", route.methods().join(", ")));
    }
    if route == Route::IpInfo {
        // Not a versioned resource: the Go CLI asks with `Accept: application/json`.
        let body = serde_json::json!({ "currentIpv4Address": lock(store).current_ipv4 });
        return Ok(Response::new(200).body("application/json", body.to_string()));
    }
    check_accept(req.header("accept")).map_err(ApiError::into_response)?;
    let (Route::OrgApiKeys { org }
    | Route::OrgApiKey { org, .. }
    | Route::AccessList { org, .. }
    | Route::AccessEntry { org, .. }) = route
    else {
        unreachable!("ipinfo answered above")
    };
    check_org(org, &lock(store)).map_err(ApiError::into_response)?;
    match route {
        Route::OrgApiKeys { .. } if req.method == "POST" => create(req, org, store, base_url),
        Route::OrgApiKeys { .. } => list(req, org, store, base_url),
        Route::OrgApiKey { key, .. } => {
            keys::check_id(key).map_err(ApiError::into_response)?;
            keys::handle(req, org, key, store, base_url)
        }
        Route::AccessList { key, .. } => {
            keys::check_id(key).map_err(ApiError::into_response)?;
            access_list::list_or_create(req, org, key, store, base_url)
        }
        Route::AccessEntry { key, entry, .. } => {
            keys::check_id(key).map_err(ApiError::into_response)?;
            access_list::entry(req, org, key, entry, store, base_url)
        }
        Route::IpInfo => unreachable!("answered above"),
    }
}

/// The store, locked.
pub fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    // A panic in another connection thread must not take the whole emulator down with it.
    store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Atlas picks the resource version from `Accept`. Missing, `*/*`, `application/json` or a
/// version date this endpoint does not have all get `406 INVALID_VERSION_DATE` (recorded
/// Atlas behaviour for v2 paths). We require the exact date: it is the only one these
/// endpoints have, and accepting others would hide a host that sends the wrong one.
pub fn check_accept(accept: Option<&str>) -> Result<(), ApiError> {
    let ok = accept.unwrap_or("").split(',').any(|range| {
        let media = range.split(';').next().unwrap_or("").trim();
        media.eq_ignore_ascii_case(MEDIA_TYPE)
    });
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid_version_date())
    }
}

/// The spec's pattern for `orgId` is `^([a-f0-9]{24})$`.
pub fn check_org(org: &str, store: &Store) -> Result<(), ApiError> {
    if org.len() != 24
        || !org
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(ApiError::invalid_org_id(org));
    }
    if !store.has_org(org) {
        return Err(ApiError::org_not_found(org));
    }
    Ok(())
}

/// The body must be JSON: the versioned type the CLI sends, or plain `application/json`.
pub fn check_content_type(content_type: Option<&str>) -> Result<(), ApiError> {
    let ct = content_type.unwrap_or("");
    let media = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let json = media == "application/json"
        || (media.starts_with("application/vnd.atlas.") && media.ends_with("+json"));
    if json {
        Ok(())
    } else {
        Err(ApiError::unsupported_media_type(ct))
    }
}

fn create(
    req: &Request,
    org: &str,
    store: &Mutex<Store>,
    base_url: &str,
) -> Result<Response, Response> {
    check_content_type(req.header("content-type")).map_err(ApiError::into_response)?;
    let input = validate::create_key(&req.body).map_err(ApiError::into_response)?;
    let key = lock(store)
        .create(org, &input.desc, &input.roles)
        .ok_or_else(|| ApiError::org_not_found(org).into_response())?;
    // Success is 200, not 201, and the only time the private key is shown unmasked.
    Ok(versioned(
        &key.details(base_url, org, false),
        Some("createApiUser"),
    ))
}

/// A paginated list (`PaginatedApiApiUserView`, `PaginatedApiUserAccessListResponseView`),
/// fields in Atlas's order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub links: Vec<Link>,
    pub results: Vec<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_count: Option<usize>,
}

fn list(
    req: &Request,
    org: &str,
    store: &Mutex<Store>,
    base_url: &str,
) -> Result<Response, Response> {
    let q = crate::query::Pagination::parse(req.query()).map_err(ApiError::into_response)?;
    let keys = lock(store).list(org).unwrap_or_default();
    let total = keys.len();
    let results = keys
        .iter()
        .skip((q.page_num - 1).saturating_mul(q.items_per_page))
        .take(q.items_per_page)
        .map(|k| k.details(base_url, org, true))
        .collect();
    let page = Page {
        links: q.links(
            &format!("{base_url}/api/atlas/v2/orgs/{org}/apiKeys"),
            total,
        ),
        results,
        total_count: q.include_count.then_some(total),
    };
    Ok(versioned(&page, Some("getApiUsers")))
}

/// A 200 in the resource version, with the Java method Atlas names in `X-Java-Method` where a
/// recording shows it (none is recorded for the access-list routes).
pub fn versioned(body: &impl Serialize, java_method: Option<&str>) -> Response {
    let body = serde_json::to_vec(body).expect("response bodies serialize");
    java(
        Response::new(200).body(&format!("{MEDIA_TYPE};charset=utf-8"), body),
        java_method,
    )
}

/// A 204 as `fixtures/atlas/delete.http` has it: the versioned type and no body.
pub fn no_content(java_method: Option<&str>) -> Response {
    java(
        Response::new(204).header("Content-Type", format!("{MEDIA_TYPE};charset=utf-8")),
        java_method,
    )
}

fn java(response: Response, java_method: Option<&str>) -> Response {
    match java_method {
        Some(method) => response.header(
            "X-Java-Method",
            format!("ApiOrganizationApiUsersResource::{method}"),
        ),
        None => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_table() {
        let table = [
            (Some("application/vnd.atlas.2023-01-01+json"), true),
            (
                Some("application/vnd.atlas.2023-01-01+json;charset=utf-8"),
                true,
            ),
            (
                Some("application/json, application/vnd.atlas.2023-01-01+json"),
                true,
            ),
            (None, false),
            (Some("*/*"), false),
            (Some("application/json"), false),
            (Some("application/vnd.atlas.2023-02-01+json"), false),
            (Some("application/vnd.atlas.2023-01-01+yaml"), false),
        ];
        for (accept, ok) in table {
            assert_eq!(check_accept(accept).is_ok(), ok, "{accept:?}");
        }
    }

    #[test]
    fn org_table() {
        let store = Store::new(&["5a1b39eec902201990f12345".into()]);
        let table = [
            ("5a1b39eec902201990f12345", ""),
            ("5a1b39eec902201990f12346", "ORG_NOT_FOUND"),
            ("5A1B39EEC902201990F12345", "INVALID_ORG_ID"),
            ("5a1b39eec902201990f1234", "INVALID_ORG_ID"),
            ("5a1b39eec902201990f1234g", "INVALID_ORG_ID"),
            ("", "INVALID_ORG_ID"),
        ];
        for (org, code) in table {
            let got = check_org(org, &store)
                .err()
                .map(|e| e.error_code)
                .unwrap_or_default();
            assert_eq!(got, code, "{org}");
        }
    }

    #[test]
    fn content_type_table() {
        for (ct, ok) in [
            (Some("application/vnd.atlas.2023-01-01+json"), true),
            (Some("application/json; charset=utf-8"), true),
            (Some("application/x-www-form-urlencoded"), false),
            (None, false),
        ] {
            assert_eq!(check_content_type(ct).is_ok(), ok, "{ct:?}");
        }
    }

    #[test]
    fn routes() {
        assert!(route("/api/atlas/v2/orgs/x/apiKeys").is_some());
        let base = "/api/atlas/v2/orgs/o/apiKeys/k";
        assert_eq!(route(base), Some(Route::OrgApiKey { org: "o", key: "k" }));
        assert_eq!(
            route(&format!("{base}/accessList")),
            Some(Route::AccessList { org: "o", key: "k" })
        );
        assert_eq!(
            route(&format!("{base}/accessList/10.0.0.0%2F24")),
            Some(Route::AccessEntry {
                org: "o",
                key: "k",
                entry: "10.0.0.0%2F24"
            })
        );
        assert_eq!(route(IPINFO_PATH), Some(Route::IpInfo));
        for path in [
            "/api/atlas/v2/orgs/x/apiKeys/",
            "/api/atlas/v2/orgs/x/apiKeys/k/accessList/",
            // An unescaped CIDR is two segments: no such resource.
            "/api/atlas/v2/orgs/x/apiKeys/k/accessList/10.0.0.0/24",
            "/api/private/ipinfo/",
            "/api/atlas/v2/orgs/x",
            "/api/atlas/v1.0/orgs/x/apiKeys",
            "/",
        ] {
            assert!(route(path).is_none(), "{path}");
        }
    }
}

//! API key access lists: the entries a key may be used from, their wire form
//! (`UserAccessListResponse`), the body `POST …/accessList` takes (an array of
//! `UserAccessListRequest`), and how a path names one entry (`…/accessList/{ipAddress}`, a CIDR
//! block's `/` escaped as `%2F`).

use std::net::IpAddr;
use std::sync::Mutex;
use std::time::SystemTime;

use serde::Serialize;
use serde_json::Value;

use crate::api::{self, Page};
use crate::errors::ApiError;
use crate::http::Request;
use crate::response::Response;
use crate::store::{Link, Store};

/// One entry: an address (stored with its one-address block, as Atlas shows it) or a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// Set for an entry made from `ipAddress`.
    pub ip_address: Option<String>,
    /// The block: `ip/32` (or `/128`) for an address entry.
    pub cidr_block: String,
    /// When it was added, ISO 8601 in UTC.
    pub created: String,
}

/// `UserAccessListResponse`, fields in Atlas's (alphabetical) order. `count`, `lastUsed` and
/// `lastUsedAddress` are absent: no request ever comes from these addresses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessEntryView {
    pub cidr_block: String,
    pub created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    pub links: Vec<Link>,
}

impl AccessEntry {
    /// What a path names this entry by: the address, else the block.
    pub fn name(&self) -> &str {
        self.ip_address.as_deref().unwrap_or(&self.cidr_block)
    }

    /// The wire form; `key_url` is the key's own URL.
    pub fn view(&self, key_url: &str) -> AccessEntryView {
        AccessEntryView {
            cidr_block: self.cidr_block.clone(),
            created: self.created.clone(),
            ip_address: self.ip_address.clone(),
            links: vec![Link {
                href: format!("{key_url}/accessList/{}", escape(self.name())),
                rel: "self".into(),
            }],
        }
    }
}

/// A path segment's form of an entry name: `/` as `%2F` (the spec's example `192.0.2.0%2F24`).
pub fn escape(name: &str) -> String {
    name.replace('/', "%2F")
}

/// An entry name from its path segment: `%2F` (either case) and any other `%XX` decoded.
pub fn unescape(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The entries a `POST` body asks for, checked whole before any is added.
pub fn parse_request(body: &[u8], created: &str) -> Result<Vec<AccessEntry>, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::invalid_json())?;
    let Value::Array(items) = value else {
        return Err(ApiError::invalid_json());
    };
    items
        .iter()
        .map(|item| {
            let Value::Object(object) = item else {
                return Err(ApiError::invalid_json());
            };
            if let Some(unknown) = object
                .keys()
                .find(|k| !matches!(k.as_str(), "ipAddress" | "cidrBlock"))
            {
                return Err(ApiError::unknown_attribute(unknown));
            }
            let text = |field: &str| match object.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(ApiError::invalid_json_attribute(field)),
            };
            match (text("ipAddress")?, text("cidrBlock")?) {
                (Some(ip), None) => address_entry(&ip, created),
                (None, Some(cidr)) => block_entry(&cidr, created),
                (Some(_), Some(_)) => Err(ApiError::invalid_attribute(
                    "ipAddress",
                    "set ipAddress or cidrBlock, not both",
                )),
                (None, None) => Err(ApiError::missing_attribute("ipAddress")),
            }
        })
        .collect()
}

fn address_entry(ip: &str, created: &str) -> Result<AccessEntry, ApiError> {
    let addr: IpAddr = ip
        .parse()
        .map_err(|_| ApiError::invalid_attribute("ipAddress", "must be an IPv4 or IPv6 address"))?;
    let bits = if addr.is_ipv4() { 32 } else { 128 };
    Ok(AccessEntry {
        ip_address: Some(ip.to_owned()),
        cidr_block: format!("{ip}/{bits}"),
        created: created.to_owned(),
    })
}

fn block_entry(cidr: &str, created: &str) -> Result<AccessEntry, ApiError> {
    let bad =
        || ApiError::invalid_attribute("cidrBlock", "must be a CIDR block such as 203.0.113.0/24");
    let (ip, bits) = cidr.split_once('/').ok_or_else(bad)?;
    let addr: IpAddr = ip.parse().map_err(|_| bad())?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    match bits.parse::<u8>() {
        Ok(n) if n <= max && !bits.starts_with('+') => Ok(AccessEntry {
            ip_address: None,
            cidr_block: cidr.to_owned(),
            created: created.to_owned(),
        }),
        _ => Err(bad()),
    }
}

/// `GET` (the whole list, paginated) and `POST` (add entries, answer with the whole list) on
/// `…/apiKeys/{id}/accessList`.
pub fn list_or_create(
    req: &Request,
    org: &str,
    id: &str,
    store: &Mutex<Store>,
    base_url: &str,
) -> Result<Response, Response> {
    let q = crate::query::Pagination::parse(req.query()).map_err(ApiError::into_response)?;
    let mut store = api::lock(store);
    let key = store
        .get_mut(org, id)
        .ok_or_else(|| ApiError::not_found(req.path()).into_response())?;
    if req.method == "POST" {
        api::check_content_type(req.header("content-type")).map_err(ApiError::into_response)?;
        let created = crate::date::iso_date(SystemTime::now());
        let added = parse_request(&req.body, &created).map_err(ApiError::into_response)?;
        for entry in added {
            // Adding an entry the list already has changes nothing, as at Atlas.
            if !key
                .access_list
                .iter()
                .any(|e| e.cidr_block == entry.cidr_block)
            {
                key.access_list.push(entry);
            }
        }
    }
    let key_url = format!("{base_url}/api/atlas/v2/orgs/{org}/apiKeys/{id}");
    let total = key.access_list.len();
    let page = Page {
        links: q.links(&format!("{key_url}/accessList"), total),
        results: key
            .access_list
            .iter()
            .skip((q.page_num - 1).saturating_mul(q.items_per_page))
            .take(q.items_per_page)
            .map(|e| e.view(&key_url))
            .collect(),
        total_count: q.include_count.then_some(total),
    };
    Ok(api::versioned(&page, None))
}

/// `GET` and `DELETE` on `…/apiKeys/{id}/accessList/{entry}`: the entry named by its address or
/// its block (escaped).
pub fn entry(
    req: &Request,
    org: &str,
    id: &str,
    segment: &str,
    store: &Mutex<Store>,
    base_url: &str,
) -> Result<Response, Response> {
    let not_found = || ApiError::not_found(req.path()).into_response();
    let name = unescape(segment).ok_or_else(not_found)?;
    let mut store = api::lock(store);
    let key = store.get_mut(org, id).ok_or_else(not_found)?;
    let index = key
        .access_list
        .iter()
        .position(|e| e.name() == name || e.cidr_block == name)
        .ok_or_else(not_found)?;
    if req.method == "DELETE" {
        key.access_list.remove(index);
        return Ok(api::no_content(None));
    }
    let key_url = format!("{base_url}/api/atlas/v2/orgs/{org}/apiKeys/{id}");
    Ok(api::versioned(&key.access_list[index].view(&key_url), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-12-01T09:00:01Z";

    #[test]
    fn a_body_is_checked_whole_in_atlas_terms() {
        let ok = parse_request(
            br#"[{"ipAddress":"192.0.2.1"},{"cidrBlock":"203.0.113.0/24"},{"ipAddress":"2001:db8::1"}]"#,
            AT,
        )
        .unwrap();
        assert_eq!(ok[0].cidr_block, "192.0.2.1/32");
        assert_eq!(ok[0].name(), "192.0.2.1");
        assert_eq!(
            (ok[1].ip_address.as_deref(), ok[1].name()),
            (None, "203.0.113.0/24")
        );
        assert_eq!(ok[2].cidr_block, "2001:db8::1/128");
        let table: &[(&str, &str)] = &[
            ("{}", "INVALID_JSON"),
            ("[1]", "INVALID_JSON"),
            ("nope", "INVALID_JSON"),
            (r#"[{"ipAddress":"192.0.2.300"}]"#, "INVALID_ATTRIBUTE"),
            (r#"[{"ipAddress":"192.0.2.1/32"}]"#, "INVALID_ATTRIBUTE"),
            (r#"[{"cidrBlock":"192.0.2.0"}]"#, "INVALID_ATTRIBUTE"),
            (r#"[{"cidrBlock":"192.0.2.0/33"}]"#, "INVALID_ATTRIBUTE"),
            (r#"[{"cidrBlock":"192.0.2.0/+8"}]"#, "INVALID_ATTRIBUTE"),
            (
                r#"[{"ipAddress":"192.0.2.1","cidrBlock":"192.0.2.0/24"}]"#,
                "INVALID_ATTRIBUTE",
            ),
            (r#"[{}]"#, "MISSING_ATTRIBUTE"),
            (r#"[{"ipAddress":5}]"#, "INVALID_JSON_ATTRIBUTE"),
            (r#"[{"ip":"192.0.2.1"}]"#, "INVALID_ATTRIBUTE"),
            (
                r#"[{"ipAddress":"192.0.2.1"},{"cidrBlock":"x"}]"#,
                "INVALID_ATTRIBUTE",
            ),
        ];
        for (body, code) in table {
            let err = parse_request(body.as_bytes(), AT).unwrap_err();
            assert_eq!(err.error_code, *code, "{body}");
        }
    }

    #[test]
    fn entry_names_travel_escaped() {
        assert_eq!(escape("203.0.113.0/24"), "203.0.113.0%2F24");
        assert_eq!(
            unescape("203.0.113.0%2F24").as_deref(),
            Some("203.0.113.0/24")
        );
        assert_eq!(
            unescape("203.0.113.0%2f24").as_deref(),
            Some("203.0.113.0/24")
        );
        assert_eq!(
            unescape("2001%3Adb8%3A%3A1").as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(unescape("192.0.2.1").as_deref(), Some("192.0.2.1"));
        assert_eq!(unescape("bad%2"), None);
        assert_eq!(unescape("bad%zz"), None);
    }
}

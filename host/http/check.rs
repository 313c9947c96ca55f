//! The request check: the one place that decides what may be sent. A plugin's untrusted
//! [`RequestSpec`] becomes a [`Prepared`] request below the configured base URL (and nowhere
//! else), and a base URL that carries credentials of its own (`http://user:pw@host`) is refused
//! before anything is sent.

use atlas_plugin_api::{RequestSpec, SentRequest};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
const HEADERS: &[&str] = &["accept", "content-type"];

/// RFC 3986's unreserved characters stay as they are; every other byte is `%XX`.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A request that passed every check, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The method.
    pub method: String,
    /// The full URL.
    pub url: String,
    /// The request target (path and query) as sent: what Digest signs.
    pub target: String,
    /// Headers from the plugin (allow-listed).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Option<String>,
}

impl Prepared {
    /// What render is told about the request.
    pub fn sent(&self) -> SentRequest {
        SentRequest {
            method: self.method.clone(),
            url: self.url.clone(),
        }
    }
}

/// Checks a plugin's request spec and places it below `base_url`. The error says what was
/// refused; it never echoes header values (a plugin could try to smuggle secrets in them).
pub fn prepare(spec: &RequestSpec, base_url: &str) -> Result<Prepared, String> {
    if !METHODS.contains(&spec.method.as_str()) {
        return Err(format!("a request with method {:?}", spec.method));
    }
    check_path(&spec.path).map_err(|why| format!("the request path {:?}: {why}", spec.path))?;
    let mut headers = Vec::new();
    for h in &spec.headers {
        let ok_value = h.value.chars().all(|c| (' '..='~').contains(&c));
        if !HEADERS.contains(&h.name.to_ascii_lowercase().as_str()) || !ok_value {
            return Err(format!(
                "the request header {:?} (only Accept and Content-Type are allowed)",
                h.name
            ));
        }
        headers.push((h.name.clone(), h.value.clone()));
    }
    let mut target = spec.path.clone();
    for (i, q) in spec.query.iter().enumerate() {
        target.push(if i == 0 { '?' } else { '&' });
        target.push_str(&format!(
            "{}={}",
            utf8_percent_encode(&q.name, UNRESERVED),
            utf8_percent_encode(&q.value, UNRESERVED)
        ));
    }
    Ok(Prepared {
        method: spec.method.clone(),
        url: format!("{base_url}{target}"),
        target,
        headers,
        body: spec.body.clone(),
    })
}

/// A path below the base URL: `/api/…`, plain segments, no way to climb out or change host.
fn check_path(path: &str) -> Result<(), &'static str> {
    if !path.starts_with("/api/") {
        return Err("it must start with /api/");
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c);
    if !path.chars().all(allowed) {
        return Err("it has characters that are not allowed in a path");
    }
    for segment in path.split('/').skip(1) {
        if !escapes_are_whole(segment) {
            return Err("it has a broken %-escape");
        }
        // An escaped slash stays inside its segment (an access-list entry `10.0.0.0%2F24`), but
        // a server or proxy that decodes it must still find no empty, `.` or `..` piece.
        let decoded = percent_decode_str(segment).decode_utf8_lossy();
        let climbs = decoded
            .split('/')
            .any(|piece| piece.is_empty() || piece == "." || piece == "..");
        if climbs || decoded.contains('\\') {
            return Err(
                "it has an empty, `.` or `..` segment (escaped slashes included) or a backslash",
            );
        }
    }
    Ok(())
}

/// Every `%` starts two hex digits (the crate passes a broken escape through as text).
fn escapes_are_whole(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.iter().enumerate().all(|(i, b)| {
        *b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

/// A URL setting that carries a user name or password: refused, because the host would send
/// them (as Basic credentials, to whoever answers) and print them in errors and the `-D` trace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {setting} URL {shown:?} has a user name or password in it; it was not used")]
pub struct UserInfoError {
    /// Which setting (`base` or `account`).
    pub setting: &'static str,
    /// The URL with its user information replaced by `***`.
    pub shown: String,
}

impl UserInfoError {
    /// What to do instead.
    pub fn help(&self) -> String {
        "remove `user:password@` from the URL (ops_manager_url, account_url or their MONGODB_ATLAS_ variables); give credentials as public_api_key and private_api_key, or log in with `atlas auth login`".into()
    }
}

/// Refuses a URL with user information (`scheme://user:pw@host/…`), from any source.
pub fn no_userinfo(setting: &'static str, url: &str) -> Result<(), UserInfoError> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Ok(());
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((_, host)) => Err(UserInfoError {
            setting,
            shown: format!("{scheme}://***@{host}{path}"),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;

//! HTTP Digest authentication (RFC 7616, RFC 2617) as Atlas does it: realm `MMS Public API`,
//! qop `auth`, MD5 challenges. SHA-256 responses are verified too (a client may choose it
//! even though Atlas only offers MD5); nonces can be given a lifetime to exercise `stale=true`.

use crate::nonce::NonceState;
pub use crate::nonce::Nonces;
use crate::random;
use md5::{Digest, Md5};
use sha2::Sha256;

pub const REALM: &str = "MMS Public API";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha256,
}

impl Algorithm {
    /// RFC 7616 §3.3: absent means MD5. The `-sess` variants are not supported (nor by Atlas).
    pub fn parse(name: Option<&str>) -> Option<Algorithm> {
        match name.map(str::to_ascii_uppercase).as_deref() {
            None | Some("MD5") => Some(Algorithm::Md5),
            Some("SHA-256") => Some(Algorithm::Sha256),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha256 => "SHA-256",
        }
    }

    /// The hash of `data` in lower-case hex, the H() of the RFCs.
    pub fn hash(self, data: &str) -> String {
        match self {
            Algorithm::Md5 => random::hex(&Md5::digest(data.as_bytes())),
            Algorithm::Sha256 => random::hex(&Sha256::digest(data.as_bytes())),
        }
    }
}

/// The `WWW-Authenticate` value, byte for byte in Atlas's order and quoting.
pub fn challenge(nonce: &str, algorithm: Algorithm, stale: bool) -> String {
    format!(
        "Digest realm=\"{REALM}\", domain=\"\", nonce=\"{nonce}\", algorithm={}, qop=\"auth\", stale={stale}",
        algorithm.name()
    )
}

/// The fields of an `Authorization: Digest …` header that verification needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub realm: String,
    pub nonce: String,
    pub uri: String,
    pub response: String,
    pub algorithm: Option<String>,
    pub qop: Option<String>,
    pub nc: Option<String>,
    pub cnonce: Option<String>,
    pub opaque: Option<String>,
}

/// Parses `Digest k=v, k="quoted, \"escaped\"", …`. Errors name what is wrong, for the log.
pub fn parse_authorization(header: &str) -> Result<Credentials, String> {
    let rest = header.trim_start();
    let (scheme, params) = rest.split_once(' ').unwrap_or((rest, ""));
    if !scheme.eq_ignore_ascii_case("digest") {
        return Err(format!("scheme {scheme:?} is not Digest"));
    }
    let mut creds = Credentials::default();
    for (key, value) in parse_params(params)? {
        match key.to_ascii_lowercase().as_str() {
            "username" => creds.username = value,
            "realm" => creds.realm = value,
            "nonce" => creds.nonce = value,
            "uri" => creds.uri = value,
            "response" => creds.response = value,
            "algorithm" => creds.algorithm = Some(value),
            "qop" => creds.qop = Some(value),
            "nc" => creds.nc = Some(value),
            "cnonce" => creds.cnonce = Some(value),
            "opaque" => creds.opaque = Some(value),
            _ => {} // RFC 7616 §3.4: unknown parameters are ignored.
        }
    }
    for (name, value) in [
        ("username", &creds.username),
        ("nonce", &creds.nonce),
        ("uri", &creds.uri),
        ("response", &creds.response),
    ] {
        if value.is_empty() {
            return Err(format!("missing {name}"));
        }
    }
    Ok(creds)
}

fn parse_params(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        if chars.peek().is_none() {
            return Ok(out);
        }
        let key: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && *c != ',')).collect();
        if chars.next() != Some('=') {
            return Err(format!("parameter {:?} has no value", key.trim()));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => value.extend(chars.next()),
                    Some(c) => value.push(c),
                    None => return Err(format!("unterminated quote in {:?}", key.trim())),
                }
            }
        } else {
            value = std::iter::from_fn(|| chars.next_if(|c| *c != ',')).collect();
            value.truncate(value.trim_end().len());
        }
        out.push((key.trim().to_owned(), value));
    }
}

/// The `response` a correct client computes (RFC 7616 §3.4.1, qop `auth`; RFC 2069 without qop).
pub fn expected_response(alg: Algorithm, c: &Credentials, password: &str, method: &str) -> String {
    let ha1 = alg.hash(&format!("{}:{}:{password}", c.username, c.realm));
    let ha2 = alg.hash(&format!("{method}:{}", c.uri));
    match &c.qop {
        Some(qop) => alg.hash(&format!(
            "{ha1}:{}:{}:{}:{qop}:{ha2}",
            c.nonce,
            c.nc.as_deref().unwrap_or(""),
            c.cnonce.as_deref().unwrap_or("")
        )),
        None => alg.hash(&format!("{ha1}:{}:{ha2}", c.nonce)),
    }
}

/// The outcome of checking one request's `Authorization` header.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    /// Right credentials on an expired nonce: challenge again with `stale=true`.
    Stale,
    /// Missing or wrong; the string says why (only for logs and tests, never sent).
    Rejected(String),
}

/// Checks `Authorization` (if any) for a request `method` on `target`.
pub fn verify(
    header: Option<&str>,
    method: &str,
    target: &str,
    user: &str,
    password: &str,
    nonces: &Nonces,
) -> Verdict {
    let Some(header) = header else {
        return Verdict::Rejected("no Authorization header".into());
    };
    let creds = match parse_authorization(header) {
        Ok(c) => c,
        Err(e) => return Verdict::Rejected(e),
    };
    let Some(alg) = Algorithm::parse(creds.algorithm.as_deref()) else {
        return Verdict::Rejected(format!("unsupported algorithm {:?}", creds.algorithm));
    };
    let problem = if creds.username != user {
        Some(format!("unknown username {:?}", creds.username))
    } else if creds.realm != REALM {
        Some(format!("wrong realm {:?}", creds.realm))
    } else if creds.uri != target {
        Some(format!(
            "uri {:?} is not the request target {target:?}",
            creds.uri
        ))
    } else if creds.qop.as_deref() != Some("auth") || creds.nc.is_none() || creds.cnonce.is_none() {
        // We offer qop="auth" only, so a conforming client must echo it with nc and cnonce.
        Some("qop=auth with nc and cnonce is required".into())
    } else if expected_response(alg, &creds, password, method)
        != creds.response.to_ascii_lowercase()
    {
        Some("wrong response (bad private key?)".into())
    } else {
        None
    };
    match (problem, nonces.check(&creds.nonce)) {
        (Some(p), _) => Verdict::Rejected(p),
        (None, NonceState::Unknown) => {
            Verdict::Rejected(format!("nonce {:?} was not issued here", creds.nonce))
        }
        (None, NonceState::Stale) => Verdict::Stale,
        (None, NonceState::Fresh) => Verdict::Accepted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const RFC2617: &str = r#"Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;

    #[test]
    fn rfc2617_worked_example() {
        let c = parse_authorization(RFC2617).unwrap();
        assert_eq!(c.cnonce.as_deref(), Some("0a4f113b"));
        assert_eq!(
            c.opaque.as_deref(),
            Some("5ccc069c403ebaf9f0171e9517f40e41")
        );
        assert_eq!(
            expected_response(Algorithm::Md5, &c, "Circle Of Life", "GET"),
            "6629fae49393a05397450978507c4ef1"
        );
        assert_ne!(
            expected_response(Algorithm::Md5, &c, "Circle of Life", "GET"),
            c.response
        );
    }

    #[test]
    fn rfc7616_sha256_example() {
        // RFC 7616 §3.9.1 (its password is "Circle of Life", lower-case "of").
        let c = Credentials {
            username: "Mufasa".into(),
            realm: "http-auth@example.org".into(),
            nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v".into(),
            uri: "/dir/index.html".into(),
            qop: Some("auth".into()),
            nc: Some("00000001".into()),
            cnonce: Some("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ".into()),
            ..Credentials::default()
        };
        assert_eq!(
            expected_response(Algorithm::Sha256, &c, "Circle of Life", "GET"),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
    }

    #[test]
    fn parses_params_loosely_but_correctly() {
        let c = parse_authorization(r#"digest  username="a\"b,c" ,realm=r, nonce=n,uri="/x?y=1,2",response=R , algorithm=SHA-256"#).unwrap();
        assert_eq!(c.username, "a\"b,c");
        assert_eq!(c.realm, "r");
        assert_eq!(c.uri, "/x?y=1,2");
        assert_eq!(c.response, "R");
        assert_eq!(c.algorithm.as_deref(), Some("SHA-256"));
        for bad in [
            "Basic dXNlcjpwYXNz",
            r#"Digest username="x"#,
            "Digest username",
            r#"Digest username="u", nonce="n""#,
        ] {
            assert!(parse_authorization(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn challenge_matches_atlas() {
        assert_eq!(
            challenge("abc", Algorithm::Md5, false),
            r#"Digest realm="MMS Public API", domain="", nonce="abc", algorithm=MD5, qop="auth", stale=false"#
        );
    }

    fn header(
        nonces: &mut Nonces,
        alg: Algorithm,
        user: &str,
        password: &str,
        uri: &str,
    ) -> String {
        let c = Credentials {
            username: user.into(),
            realm: REALM.into(),
            nonce: nonces.issue(),
            uri: uri.into(),
            qop: Some("auth".into()),
            nc: Some("00000001".into()),
            cnonce: Some("0a4f113b".into()),
            ..Credentials::default()
        };
        let response = expected_response(alg, &c, password, "POST");
        format!(
            r#"Digest username="{}", realm="{REALM}", nonce="{}", uri="{uri}", response="{response}", qop=auth, nc=00000001, cnonce="0a4f113b", algorithm={}"#,
            c.username,
            c.nonce,
            alg.name()
        )
    }

    #[test]
    fn verify_table() {
        let mut n = Nonces::default();
        let ok = |v: &Verdict| *v == Verdict::Accepted;
        let h = header(&mut n, Algorithm::Md5, "pub", "secret", "/a?b=c");
        assert!(ok(&verify(Some(&h), "POST", "/a?b=c", "pub", "secret", &n)));
        assert!(
            !ok(&verify(Some(&h), "POST", "/a?b=c", "pub", "other", &n)),
            "wrong password"
        );
        assert!(
            !ok(&verify(Some(&h), "GET", "/a?b=c", "pub", "secret", &n)),
            "wrong method"
        );
        assert!(
            !ok(&verify(Some(&h), "POST", "/a", "pub", "secret", &n)),
            "uri mismatch"
        );
        assert!(
            !ok(&verify(Some(&h), "POST", "/a?b=c", "someone", "secret", &n)),
            "wrong user"
        );
        assert!(
            !ok(&verify(None, "POST", "/a?b=c", "pub", "secret", &n)),
            "no header"
        );
        let h256 = header(&mut n, Algorithm::Sha256, "pub", "secret", "/a");
        assert!(ok(&verify(Some(&h256), "POST", "/a", "pub", "secret", &n)));
        let foreign = header(
            &mut Nonces::default(),
            Algorithm::Md5,
            "pub",
            "secret",
            "/a",
        );
        assert!(matches!(
            verify(Some(&foreign), "POST", "/a", "pub", "secret", &n),
            Verdict::Rejected(_)
        ));
    }

    #[test]
    fn expired_nonce_is_stale_only_when_otherwise_correct() {
        let mut n = Nonces::default();
        let h = header(&mut n, Algorithm::Md5, "pub", "secret", "/a");
        n.lifetime = Some(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(
            verify(Some(&h), "POST", "/a", "pub", "secret", &n),
            Verdict::Stale
        );
        assert!(matches!(
            verify(Some(&h), "POST", "/a", "pub", "wrong", &n),
            Verdict::Rejected(_)
        ));
    }
}

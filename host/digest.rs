//! HTTP Digest authentication (RFC 7616, RFC 2617), as Atlas programmatic API keys use it:
//! parse the server's `WWW-Authenticate` challenge, compute the `Authorization` answer.
//! MD5 and SHA-256 (and their `-sess` forms), qop `auth` or none, `opaque` echoed.

use md5::Md5;
use sha2::{Digest, Sha256};

use crate::secret::Secret;

/// The hash a challenge names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// `MD5` (also the default when none is named).
    Md5,
    /// `MD5-sess`.
    Md5Sess,
    /// `SHA-256`.
    Sha256,
    /// `SHA-256-sess`.
    Sha256Sess,
}

impl Algorithm {
    fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().as_str() {
            "MD5" => Some(Self::Md5),
            "MD5-SESS" => Some(Self::Md5Sess),
            "SHA-256" => Some(Self::Sha256),
            "SHA-256-SESS" => Some(Self::Sha256Sess),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    fn hash(self, data: &str) -> String {
        let bytes = match self {
            Self::Md5 | Self::Md5Sess => Md5::digest(data.as_bytes()).to_vec(),
            Self::Sha256 | Self::Sha256Sess => Sha256::digest(data.as_bytes()).to_vec(),
        };
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A parsed `WWW-Authenticate: Digest …` challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// `realm`.
    pub realm: String,
    /// `nonce`.
    pub nonce: String,
    /// `opaque`, echoed back when present.
    pub opaque: Option<String>,
    /// `algorithm`.
    pub algorithm: Algorithm,
    /// Whether the server offered qop `auth` (otherwise the RFC 2069 form is used).
    pub qop_auth: bool,
    /// `stale=true`: the credentials were right but the nonce expired.
    pub stale: bool,
}

/// Parses a `WWW-Authenticate` value; `None` if it is not a Digest challenge we can answer.
pub fn parse_challenge(header: &str) -> Option<Challenge> {
    let (scheme, rest) = header.trim().split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("digest") {
        return None;
    }
    let params = parse_params(rest);
    let get = |k: &str| {
        params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone())
    };
    let qop = get("qop");
    let qop_auth = qop
        .as_deref()
        .is_some_and(|q| q.split(',').any(|o| o.trim() == "auth"));
    if qop.is_some() && !qop_auth {
        return None; // auth-int only: we don't hash bodies into the answer
    }
    Some(Challenge {
        realm: get("realm").unwrap_or_default(),
        nonce: get("nonce")?,
        opaque: get("opaque"),
        algorithm: match get("algorithm") {
            Some(name) => Algorithm::parse(&name)?,
            None => Algorithm::Md5,
        },
        qop_auth,
        stale: get("stale").is_some_and(|s| s.eq_ignore_ascii_case("true")),
    })
}

/// `k=v, k="quoted, value"` pairs.
fn parse_params(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && *c != ',')).collect();
        if name.trim().is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            if chars.next_if_eq(&'"').is_some() {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => value.extend(chars.next()),
                        '"' => break,
                        c => value.push(c),
                    }
                }
            } else {
                value = std::iter::from_fn(|| chars.next_if(|c| *c != ',')).collect();
            }
        }
        out.push((name.trim().to_string(), value.trim().to_string()));
    }
}

/// One answer to a challenge.
#[derive(Debug)]
pub struct Answer<'a> {
    /// The public key.
    pub username: &'a str,
    /// The private key.
    pub password: &'a Secret,
    /// The request method.
    pub method: &'a str,
    /// The request target (path and query) exactly as sent.
    pub uri: &'a str,
    /// A fresh client nonce.
    pub cnonce: &'a str,
    /// How many times this nonce has been used, starting at 1.
    pub nc: u32,
}

/// The `Authorization` header value answering `challenge`.
pub fn authorization(challenge: &Challenge, a: &Answer<'_>) -> String {
    let alg = challenge.algorithm;
    let nc = format!("{:08x}", a.nc);
    let mut ha1 = alg.hash(&format!(
        "{}:{}:{}",
        a.username,
        challenge.realm,
        a.password.expose()
    ));
    if matches!(alg, Algorithm::Md5Sess | Algorithm::Sha256Sess) {
        ha1 = alg.hash(&format!("{ha1}:{}:{}", challenge.nonce, a.cnonce));
    }
    let ha2 = alg.hash(&format!("{}:{}", a.method, a.uri));
    let response = if challenge.qop_auth {
        alg.hash(&format!(
            "{ha1}:{}:{nc}:{}:auth:{ha2}",
            challenge.nonce, a.cnonce
        ))
    } else {
        alg.hash(&format!("{ha1}:{}:{ha2}", challenge.nonce))
    };
    let mut header = format!(
        "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={}, response=\"{response}\"",
        quote(a.username),
        quote(&challenge.realm),
        quote(&challenge.nonce),
        quote(a.uri),
        alg.name(),
    );
    if challenge.qop_auth {
        header.push_str(&format!(
            ", qop=auth, nc={nc}, cnonce=\"{}\"",
            quote(a.cnonce)
        ));
    }
    if let Some(opaque) = &challenge.opaque {
        header.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
    }
    header
}

fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer<'a>(password: &'a Secret, uri: &'a str) -> Answer<'a> {
        Answer {
            username: "Mufasa",
            password,
            method: "GET",
            uri,
            cnonce: "0a4f113b",
            nc: 1,
        }
    }

    #[test]
    fn answers_rfc_2617_worked_example() {
        let challenge = parse_challenge(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", \
             nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        )
        .unwrap();
        let password = Secret::new("Circle Of Life");
        let header = authorization(&challenge, &answer(&password, "/dir/index.html"));
        assert!(
            header.contains("response=\"6629fae49393a05397450978507c4ef1\""),
            "{header}"
        );
        assert!(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
        assert!(header.contains("nc=00000001, cnonce=\"0a4f113b\""));
        assert!(!header.contains("Circle"));
    }

    #[test]
    fn answers_rfc_7616_sha256_example() {
        let challenge = parse_challenge(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, \
             nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
        )
        .unwrap();
        let password = Secret::new("Circle of Life");
        let a = Answer {
            cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            ..answer(&password, "/dir/index.html")
        };
        let header = authorization(&challenge, &a);
        assert!(
            header.contains(
                "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""
            ),
            "{header}"
        );
    }

    #[test]
    fn parses_the_atlas_challenge() {
        let c = parse_challenge(
            "Digest realm=\"MMS Public API\", domain=\"\", nonce=\"abc\", algorithm=MD5, qop=\"auth\", stale=false",
        )
        .unwrap();
        assert_eq!(c.realm, "MMS Public API");
        assert_eq!(c.nonce, "abc");
        assert_eq!(
            (c.algorithm, c.qop_auth, c.stale),
            (Algorithm::Md5, true, false)
        );
        let stale = parse_challenge("Digest realm=\"r\", nonce=\"n\", stale=TRUE").unwrap();
        assert!(stale.stale && !stale.qop_auth);
    }

    #[test]
    fn refuses_what_it_cannot_answer() {
        for header in [
            "Basic realm=\"x\"",
            "Digest realm=\"r\"",
            "Digest nonce=\"n\", algorithm=SHA-512",
            "Digest nonce=\"n\", qop=\"auth-int\"",
        ] {
            assert_eq!(parse_challenge(header), None, "{header}");
        }
    }

    #[test]
    fn answers_without_qop_in_rfc_2069_form() {
        let c = parse_challenge(
            "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"",
        )
        .unwrap();
        let password = Secret::new("Circle Of Life");
        let header = authorization(&c, &answer(&password, "/dir/index.html"));
        // RFC 2069 response for the same inputs: MD5(HA1:nonce:HA2).
        assert!(
            header.contains("response=\"670fd8c2df070c60b045671b8b24ff02\""),
            "{header}"
        );
        assert!(!header.contains("qop="));
    }
}

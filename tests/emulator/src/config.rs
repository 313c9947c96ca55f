//! What an emulator accepts: the API key pair and the shape of its Digest challenges, the service
//! account of the OAuth token endpoint, how long the tokens it issues live, and its organizations.

use std::fmt;
use std::time::Duration;

pub use crate::digest::Algorithm as DigestAlgorithm;

/// The credentials the emulator accepts and the organizations it hosts.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    pub public_key: String,
    pub private_key: String,
    pub orgs: Vec<String>,
    /// The hash the Digest challenge names; answers must use it (Atlas: MD5).
    pub digest_algorithm: DigestAlgorithm,
    /// Whether challenges offer `qop="auth"` (Atlas does). Without it a client answers in the
    /// RFC 2069 form, with no `nc` or `cnonce`.
    pub digest_qop: bool,
    /// An `opaque` value every challenge carries and every answer must echo (Atlas: none).
    pub digest_opaque: Option<String>,
    /// The service account `POST /api/oauth/token` accepts (HTTP Basic).
    pub client_id: String,
    pub client_secret: String,
    /// The `expires_in` of the access tokens the token and refresh endpoints issue.
    pub token_lifetime: Duration,
    /// The public IPv4 address `GET /api/private/ipinfo` reports (what `--currentIp` adds).
    pub current_ipv4: String,
}

/// The address ipinfo reports unless told otherwise: the loopback clients really come from.
pub const DEFAULT_CURRENT_IPV4: &str = "127.0.0.1";

impl Default for Config {
    /// The example profile of `reference/atlas-apikeys-create.md`, an MD5 `qop="auth"` challenge
    /// as Atlas sends it, and a service account in the shape Atlas gives them.
    fn default() -> Self {
        Config {
            public_key: "abcdefgh".into(),
            private_key: "a1b2c3d4-0000-4000-8000-123456789abc".into(),
            orgs: vec!["5a1b39eec902201990f12345".into()],
            digest_algorithm: DigestAlgorithm::Md5,
            digest_qop: true,
            digest_opaque: None,
            client_id: "mdb_sa_id_5a1b39eec902201990f54321".into(),
            client_secret: "mdb_sa_sk_0123456789abcdefghijklmnopqrstuvwxyz".into(),
            token_lifetime: Duration::from_secs(3600),
            current_ipv4: DEFAULT_CURRENT_IPV4.into(),
        }
    }
}

impl fmt::Debug for Config {
    /// Secrets stay out of debug output, as they do everywhere in this workspace.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("public_key", &self.public_key)
            .field("private_key", &"****")
            .field("orgs", &self.orgs)
            .field("digest_algorithm", &self.digest_algorithm)
            .field("digest_qop", &self.digest_qop)
            .field("digest_opaque", &self.digest_opaque)
            .field("client_id", &self.client_id)
            .field("client_secret", &"****")
            .field("token_lifetime", &self.token_lifetime)
            .field("current_ipv4", &self.current_ipv4)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_both_secrets() {
        let text = format!("{:?}", Config::default());
        let config = Config::default();
        assert!(!text.contains(&config.private_key), "{text}");
        assert!(!text.contains(&config.client_secret), "{text}");
        assert!(text.contains(&config.client_id), "{text}");
    }
}

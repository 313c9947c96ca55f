//! The OAuth tokens this emulator issued: access tokens are JWTs (with the `exp` claim clients
//! read) that are accepted as `Authorization: Bearer` until they expire; refresh tokens are
//! opaque and used once (each refresh hands out a new one, as Atlas rotates them). The device
//! codes of `atlas auth login` waiting for a person's decision live here too ([`Devices`]).

use crate::device::Devices;
use crate::form::base64url;
use crate::random;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

/// Remembered tokens are capped so a client that never stops asking cannot grow memory.
const MAX_TOKENS: usize = 4096;

/// A user's token pair, as `atlas auth login` would have saved it.
#[derive(Clone, PartialEq, Eq)]
pub struct UserTokens {
    pub access_token: String,
    pub refresh_token: String,
}

impl std::fmt::Debug for UserTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UserTokens(****)")
    }
}

/// What a presented bearer token is.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenState {
    Valid,
    Expired,
    Unknown,
}

#[derive(Debug, Default)]
pub struct Tokens {
    /// Access token → its `exp` (seconds since the epoch).
    access: HashMap<String, i64>,
    /// Refresh token → the subject it refreshes.
    refresh: HashMap<String, String>,
    /// Signs the JWTs, so a token minted elsewhere never matches by accident.
    key: String,
    /// The device codes handed out by `authorize`.
    pub devices: Devices,
}

impl Tokens {
    pub fn new() -> Tokens {
        Tokens {
            key: random::nonce(),
            ..Tokens::default()
        }
    }

    /// A JWT for `subject` that expires `expires_in` seconds from now (negative: already
    /// expired, for tests of the refresh path).
    pub fn issue_access(&mut self, subject: &str, expires_in: i64) -> String {
        if self.access.len() >= MAX_TOKENS {
            self.access.clear();
        }
        let now = now();
        let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
        let claims = serde_json::json!({
            "exp": now + expires_in,
            "iat": now,
            "iss": "atlas-emulator",
            "jti": random::nonce(),
            "sub": subject,
        });
        let payload = base64url(claims.to_string().as_bytes());
        let input = format!("{header}.{payload}");
        let signature = Sha256::digest(format!("{}.{input}", self.key).as_bytes());
        let token = format!("{input}.{}", base64url(&signature));
        self.access.insert(token.clone(), now + expires_in);
        token
    }

    /// A fresh refresh token for `subject`.
    pub fn issue_refresh(&mut self, subject: &str) -> String {
        if self.refresh.len() >= MAX_TOKENS {
            self.refresh.clear();
        }
        let token = format!("rt_{}", random::nonce());
        self.refresh.insert(token.clone(), subject.to_owned());
        token
    }

    /// Whether `token` was issued here and has not expired.
    pub fn check(&self, token: &str) -> TokenState {
        match self.access.get(token) {
            None => TokenState::Unknown,
            Some(exp) if *exp <= now() => TokenState::Expired,
            Some(_) => TokenState::Valid,
        }
    }

    /// Uses up a refresh token, giving back its subject; `None` if it is unknown or used.
    pub fn redeem(&mut self, refresh_token: &str) -> Option<String> {
        self.refresh.remove(refresh_token)
    }

    /// Forgets one token, access or refresh (RFC 7009: whether it was known or not); whether it
    /// was known.
    pub fn revoke(&mut self, token: &str) -> bool {
        let access = self.access.remove(token).is_some();
        self.refresh.remove(token).is_some() || access
    }

    /// Forgets every access token, as when Atlas revokes them.
    pub fn revoke_access_tokens(&mut self) {
        self.access.clear();
    }

    /// Forgets every refresh token, as when a session is revoked.
    pub fn revoke_refresh_tokens(&mut self) {
        self.refresh.clear();
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_are_jwts_valid_until_exp() {
        let mut t = Tokens::new();
        let live = t.issue_access("u", 60);
        let dead = t.issue_access("u", -1);
        assert_eq!(live.split('.').count(), 3);
        assert_eq!(t.check(&live), TokenState::Valid);
        assert_eq!(t.check(&dead), TokenState::Expired);
        assert_eq!(t.check("eyJ.forged.token"), TokenState::Unknown);
        let payload = live.split('.').nth(1).unwrap();
        let claims = crate::form::decode(&payload.replace('-', "+").replace('_', "/")).unwrap();
        let claims: serde_json::Value = serde_json::from_slice(&claims).unwrap();
        assert_eq!(claims["sub"], "u");
        assert!(claims["exp"].as_i64().unwrap() > now());
    }

    #[test]
    fn refresh_tokens_work_once() {
        let mut t = Tokens::new();
        let r = t.issue_refresh("u");
        assert_eq!(t.redeem(&r).as_deref(), Some("u"));
        assert_eq!(t.redeem(&r), None);
        let r = t.issue_refresh("u");
        t.revoke_refresh_tokens();
        assert_eq!(t.redeem(&r), None);
    }

    #[test]
    fn a_revoked_token_no_longer_works() {
        let mut t = Tokens::new();
        let (a, r) = (t.issue_access("u", 60), t.issue_refresh("u"));
        assert!(t.revoke(&r) && t.revoke(&a));
        assert!(!t.revoke(&r), "unknown now");
        assert_eq!(t.redeem(&r), None);
        assert_eq!(t.check(&a), TokenState::Unknown);
    }
}

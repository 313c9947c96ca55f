//! Just enough JWT for OAuth: the `exp` claim of an access token (read without verifying the
//! signature, as the Go CLI's `jwt.ParseUnverified` does: the server checks tokens, the client
//! only wants to know when to refresh), and its `sub` (who is logged in).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;

/// A token counts as expired this long before its `exp` (golang.org/x/oauth2's `expiryDelta`),
/// so it does not run out on the way to the server.
pub const EXPIRY_MARGIN: Duration = Duration::from_secs(10);

/// The `exp` claim (seconds since the epoch) of a JWT; `None` if `token` is not a JWT or has
/// no numeric `exp`.
pub fn expiry(token: &str) -> Option<i64> {
    let mut parts = token.split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let claims: serde_json::Value = serde_json::from_slice(&decode_url(payload)?).ok()?;
    let exp = &claims["exp"];
    exp.as_i64().or_else(|| exp.as_f64().map(|f| f as i64))
}

/// The `sub` claim of a JWT (the Go CLI's `AccessTokenSubject`, unverified as there).
pub fn subject(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let claims: serde_json::Value = serde_json::from_slice(&decode_url(payload)?).ok()?;
    claims["sub"].as_str().map(str::to_string)
}

/// Whether a token with this `exp` needs replacing now.
pub fn expired(exp: i64, now: SystemTime) -> bool {
    let now = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    exp - (EXPIRY_MARGIN.as_secs() as i64) <= now
}

/// URL-safe base64 without padding (a JWT segment); `None` for anything else.
pub fn decode_url(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_segments_decode_as_url_safe_base64() {
        let table = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in table {
            assert_eq!(
                decode_url(coded.trim_end_matches('=')).unwrap(),
                plain.as_bytes()
            );
        }
        assert_eq!(decode_url("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode_url("a"), None);
        assert_eq!(decode_url("a+b="), None);
    }

    #[test]
    fn reads_exp_from_a_jwt_and_nothing_else() {
        // {"alg":"HS256"} . {"sub":"u","exp":1786330997} . sig
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1IiwiZXhwIjoxNzg2MzMwOTk3fQ.c2ln";
        assert_eq!(expiry(jwt), Some(1_786_330_997));
        for not_jwt in [
            "opaque-token",
            "a.b",
            "a.b.c.d",
            "eyJhbGciOiJIUzI1NiJ9.e30.c2ln",
        ] {
            assert_eq!(expiry(not_jwt), None, "{not_jwt}");
        }
    }

    #[test]
    fn a_token_expires_ten_seconds_early() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        assert!(expired(900, now));
        assert!(expired(1_010, now));
        assert!(!expired(1_011, now));
    }
}

//! Just enough JWT and base64 for OAuth: the `exp` claim of an access token (read without
//! verifying the signature, as the Go CLI's `jwt.ParseUnverified` does: the server checks
//! tokens, the client only wants to know when to refresh) and HTTP Basic credentials.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A token counts as expired this long before its `exp` (golang.org/x/oauth2's `expiryDelta`),
/// so it does not run out on the way to the server.
pub const EXPIRY_MARGIN: Duration = Duration::from_secs(10);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

/// Whether a token with this `exp` needs replacing now.
pub fn expired(exp: i64, now: SystemTime) -> bool {
    let now = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    exp - (EXPIRY_MARGIN.as_secs() as i64) <= now
}

/// Standard base64 with padding (for HTTP Basic).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(match i <= chunk.len() {
                true => char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]),
                false => '=',
            });
        }
    }
    out
}

/// URL-safe base64 without padding (a JWT segment); `None` for anything else.
pub fn decode_url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    for (i, c) in text.bytes().enumerate() {
        let c = match c {
            b'-' => b'+',
            b'_' => b'/',
            c => c,
        };
        acc = acc << 6 | ALPHABET.iter().position(|a| *a == c)? as u32;
        if i % 4 == 3 {
            out.extend_from_slice(&acc.to_be_bytes()[1..]);
            acc = 0;
        }
    }
    match text.len() % 4 {
        0 => {}
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&((acc >> 2) as u16).to_be_bytes()),
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        let table = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in table {
            assert_eq!(encode(plain.as_bytes()), coded);
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

//! The only places a request is sent again, each after the server refused it without acting:
//! a Digest challenge (answered once), a `stale=true` challenge (answered once more, with the new
//! nonce), and a `429` carrying `Retry-After` (at most [`MAX_RATE_RETRIES`] times, waiting at
//! most [`MAX_RETRY_AFTER`] each, said on stderr). A network failure, a timeout or a 5xx is never
//! retried: the request may have been acted on.

use std::time::Duration;

use super::client::{Client, Received};
use super::{NetworkError, Prepared};
use crate::digest::{self, Answer, Challenge};
use crate::secret::Secret;

/// How many times a 429 is retried.
pub const MAX_RATE_RETRIES: u32 = 2;
/// The longest `Retry-After` honoured; a longer one is shown to the user instead.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// How a request is authenticated.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    /// Nothing is added.
    None,
    /// HTTP Digest, after the server's challenge.
    Digest { user: &'a str, password: &'a Secret },
    /// `Authorization: Bearer <token>`.
    Bearer(&'a Secret),
    /// `Authorization: Basic <value>` (already encoded), for the OAuth token endpoint.
    Basic(&'a Secret),
}

/// The Digest state of one exchange: the challenge being answered and its nonce count.
struct DigestState {
    challenge: Challenge,
    nc: u32,
}

/// Sends `req` with `auth`, following the retry rules above.
pub fn send(client: &Client<'_>, req: &Prepared, auth: Auth<'_>) -> Result<Received, NetworkError> {
    let mut digest: Option<DigestState> = None;
    let mut stale_answered = false;
    let mut rate_retries = 0;
    loop {
        let authorization = header(req, auth, digest.as_ref());
        let response = client.send_once(req, authorization.as_ref().map(Secret::expose))?;
        if let Some(challenge) = new_challenge(&response, auth, digest.is_some(), stale_answered) {
            stale_answered |= digest.is_some();
            digest = Some(DigestState { challenge, nc: 1 });
            continue;
        }
        match retry_after(&response) {
            Some(wait) if rate_retries < MAX_RATE_RETRIES => {
                rate_retries += 1;
                client.report().notice(&format!(
                    "{} {}: the server answered 429 Too Many Requests; sending it again in {} s, as its Retry-After asks (retry {rate_retries} of {MAX_RATE_RETRIES})",
                    req.method,
                    req.url,
                    wait.as_secs()
                ));
                std::thread::sleep(wait);
                if let Some(state) = digest.as_mut() {
                    state.nc += 1; // the same nonce, counted: no extra round trip
                }
            }
            _ => return Ok(response),
        }
    }
}

/// The `Authorization` value for this attempt (a [`Secret`], so it never gets printed).
fn header(req: &Prepared, auth: Auth<'_>, digest: Option<&DigestState>) -> Option<Secret> {
    match (auth, digest) {
        (Auth::Bearer(token), _) => Some(Secret::new(format!("Bearer {}", token.expose()))),
        (Auth::Basic(value), _) => Some(Secret::new(format!("Basic {}", value.expose()))),
        (Auth::Digest { user, password }, Some(state)) => {
            let cnonce = super::random_hex(16);
            let answer = Answer {
                username: user,
                password,
                method: &req.method,
                uri: &req.target,
                cnonce: &cnonce,
                nc: state.nc,
            };
            Some(Secret::new(digest::authorization(
                &state.challenge,
                &answer,
            )))
        }
        _ => None,
    }
}

/// A challenge to answer: the first one, or one `stale=true` answer after that.
fn new_challenge(
    response: &Received,
    auth: Auth<'_>,
    answered: bool,
    stale_answered: bool,
) -> Option<Challenge> {
    if response.status != 401 || !matches!(auth, Auth::Digest { .. }) {
        return None;
    }
    let challenge = response
        .all("www-authenticate")
        .flat_map(digest_offers)
        .find_map(digest::parse_challenge)?;
    let answer = !answered || (challenge.stale && !stale_answered);
    answer.then_some(challenge)
}

/// Where a Digest challenge may start in one `WWW-Authenticate` value: a value can hold several
/// challenges (`Basic realm="x", Digest realm="y", …`), and a response several values.
fn digest_offers(value: &str) -> impl Iterator<Item = &str> {
    let lower = value.to_ascii_lowercase();
    let starts: Vec<usize> = lower
        .match_indices("digest")
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = lower[..i].trim_end();
            before.is_empty() || before.ends_with(',')
        })
        .collect();
    starts.into_iter().map(move |i| &value[i..])
}

/// The wait a 429 asks for, when it is one we honour (delay-seconds up to the cap).
fn retry_after(response: &Received) -> Option<Duration> {
    if response.status != 429 {
        return None;
    }
    let seconds: u64 = response.header("retry-after")?.trim().parse().ok()?;
    let wait = Duration::from_secs(seconds);
    (wait <= MAX_RETRY_AFTER).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(status: u16, headers: &[(&str, &str)]) -> Received {
        Received {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            ..Received::default()
        }
    }

    #[test]
    fn only_a_short_numeric_retry_after_on_429_is_honoured() {
        let table = [
            (429, Some("2"), Some(Duration::from_secs(2))),
            (429, Some(" 0 "), Some(Duration::ZERO)),
            (429, Some("30"), Some(MAX_RETRY_AFTER)),
            (429, Some("31"), None),
            (429, Some("Wed, 21 Oct 2015 07:28:00 GMT"), None),
            (429, None, None),
            (503, Some("1"), None),
        ];
        for (status, value, want) in table {
            let headers: Vec<(&str, &str)> =
                value.map(|v| ("Retry-After", v)).into_iter().collect();
            assert_eq!(
                retry_after(&received(status, &headers)),
                want,
                "{status} {value:?}"
            );
        }
    }

    #[test]
    fn a_challenge_is_answered_once_and_a_stale_one_once_more() {
        let password = Secret::new("p");
        let digest = Auth::Digest {
            user: "u",
            password: &password,
        };
        let fresh = received(
            401,
            &[(
                "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"",
            )],
        );
        let stale = received(
            401,
            &[(
                "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"m\", qop=\"auth\", stale=true",
            )],
        );
        let table = [
            (&fresh, digest, false, false, true),
            (&fresh, digest, true, false, false),
            (&stale, digest, true, false, true),
            (&stale, digest, true, true, false),
            (&fresh, Auth::None, false, false, false),
            (&fresh, Auth::Bearer(&password), false, false, false),
            (&received(403, &[]), digest, false, false, false),
        ];
        for (i, (response, auth, answered, stale_answered, want)) in table.into_iter().enumerate() {
            let got = new_challenge(response, auth, answered, stale_answered).is_some();
            assert_eq!(got, want, "case {i}");
        }
    }

    #[test]
    fn a_digest_challenge_is_found_after_a_basic_one() {
        let password = Secret::new("p");
        let digest = Auth::Digest {
            user: "u",
            password: &password,
        };
        let two_headers = received(
            401,
            &[
                ("WWW-Authenticate", "Basic realm=\"r\""),
                (
                    "WWW-Authenticate",
                    "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"",
                ),
            ],
        );
        let one_header = received(
            401,
            &[(
                "WWW-Authenticate",
                "Basic realm=\"digest, r\", Digest realm=\"r\", nonce=\"n2\", qop=\"auth\"",
            )],
        );
        for (response, nonce) in [(&two_headers, "n1"), (&one_header, "n2")] {
            let challenge = new_challenge(response, digest, false, false).expect("a challenge");
            assert_eq!(challenge.nonce, nonce);
        }
        let basic_only = received(401, &[("WWW-Authenticate", "Basic realm=\"r\"")]);
        assert!(new_challenge(&basic_only, digest, false, false).is_none());
    }
}

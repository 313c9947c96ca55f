//! The OAuth device authorization grant (RFC 8628) as the Go CLI's `go.mongodb.org/atlas/auth`
//! drives it under `/api/private/unauth/account/device/`:
//! - `authorize` (form `client_id`, `scope`) hands out a device code, an 8-letter user code, the
//!   verification URI, `expires_in` and the poll `interval`;
//! - `token` with `grant_type=urn:ietf:params:oauth:grant-type:device_code` (form `client_id`,
//!   `device_code`) answers, until the code is decided, Atlas's `DEVICE_AUTHORIZATION_PENDING`
//!   (the code the Go library polls on); after its lifetime `DEVICE_AUTHORIZATION_EXPIRED` (the
//!   code it calls a timeout); a poll sooner than the interval after the last one RFC 8628's
//!   `slow_down` (and the interval grows by 5 s, as the RFC says); a denied code RFC 8628's
//!   `access_denied` (the Go sources name no Atlas code for these two);
//! - `revoke` (form `client_id`, `token`, `token_type_hint`) forgets a token, 200 whatever it was
//!   (RFC 7009).
//!
//! A person approving the code in a browser is played by the tests: [`Devices::decide`].

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::random;

pub const AUTHORIZE_PATH: &str = "/api/private/unauth/account/device/authorize";
pub const REVOKE_PATH: &str = "/api/private/unauth/account/device/revoke";
/// The `grant_type` of a device-code poll.
pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// Pending codes are capped so a client that never stops asking cannot grow memory.
const MAX_CODES: usize = 1024;
/// Scheduling slack allowed between two polls an interval apart.
const SLACK: Duration = Duration::from_millis(50);

/// What became of a code.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Decision {
    Waiting,
    Approved(String),
    Denied,
}

#[derive(Debug)]
struct Pending {
    user_code: String,
    client_id: String,
    scope: String,
    expires: Instant,
    interval: Duration,
    last_poll: Option<Instant>,
    decision: Decision,
}

/// A new code, as `authorize` answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub device_code: String,
    pub user_code: String,
    pub expires_in: u64,
    pub interval: u64,
}

/// The answer to one poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Poll {
    /// Nobody decided yet.
    Pending,
    /// Polled too soon.
    SlowDown,
    /// The code outlived its lifetime (it is forgotten).
    Expired,
    /// The person said no (the code is forgotten).
    Denied,
    /// Approved for this subject, with the scope asked for (the code is used up).
    Granted { subject: String, scope: String },
    /// No such code, or asked for by another client.
    Unknown,
}

/// The device codes handed out and not yet settled.
#[derive(Debug)]
pub struct Devices {
    codes: HashMap<String, Pending>,
    /// The `interval` new codes get, in seconds.
    pub interval: u64,
    /// How long new codes live.
    pub lifetime: Duration,
}

impl Default for Devices {
    /// A one-second interval (tests poll quickly) and Atlas's 15 minutes.
    fn default() -> Self {
        Devices {
            codes: HashMap::new(),
            interval: 1,
            lifetime: Duration::from_secs(900),
        }
    }
}

impl Devices {
    /// Hands out a code for `client_id`.
    pub fn authorize(&mut self, client_id: &str, scope: &str) -> Issued {
        let now = Instant::now();
        self.codes.retain(|_, p| p.expires > now);
        if self.codes.len() >= MAX_CODES {
            self.codes.clear();
        }
        let device_code = random::nonce();
        let user_code = random::lower_letters(8).to_ascii_uppercase();
        self.codes.insert(
            device_code.clone(),
            Pending {
                user_code: user_code.clone(),
                client_id: client_id.to_owned(),
                scope: scope.to_owned(),
                expires: now + self.lifetime,
                interval: Duration::from_secs(self.interval),
                last_poll: None,
                decision: Decision::Waiting,
            },
        );
        Issued {
            device_code,
            user_code,
            expires_in: self.lifetime.as_secs(),
            interval: self.interval,
        }
    }

    /// One poll of `device_code` by `client_id`.
    pub fn poll(&mut self, client_id: &str, device_code: &str) -> Poll {
        let now = Instant::now();
        let Some(pending) = self
            .codes
            .get_mut(device_code)
            .filter(|p| p.client_id == client_id)
        else {
            return Poll::Unknown;
        };
        if now >= pending.expires {
            self.codes.remove(device_code);
            return Poll::Expired;
        }
        let too_soon = pending
            .last_poll
            .is_some_and(|last| now + SLACK < last + pending.interval);
        pending.last_poll = Some(now);
        if too_soon {
            pending.interval += Duration::from_secs(5);
            return Poll::SlowDown;
        }
        match pending.decision.clone() {
            Decision::Waiting => Poll::Pending,
            Decision::Denied => {
                self.codes.remove(device_code);
                Poll::Denied
            }
            Decision::Approved(subject) => {
                let scope = pending.scope.clone();
                self.codes.remove(device_code);
                Poll::Granted { subject, scope }
            }
        }
    }

    /// Approves (`Some(subject)`) or denies (`None`) the waiting code whose user code is
    /// `user_code` (with or without the `-` the CLI prints in its middle, in any case). Whether
    /// there was one.
    pub fn decide(&mut self, user_code: &str, subject: Option<&str>) -> bool {
        let typed: String = user_code
            .chars()
            .filter(|c| *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let waiting = self
            .codes
            .values_mut()
            .find(|p| p.user_code == typed && p.decision == Decision::Waiting);
        let Some(pending) = waiting else {
            return false;
        };
        pending.decision = match subject {
            Some(s) => Decision::Approved(s.to_owned()),
            None => Decision::Denied,
        };
        true
    }

    /// The user codes waiting for a decision, oldest expiry first.
    pub fn waiting(&self) -> Vec<String> {
        let mut waiting: Vec<_> = self
            .codes
            .values()
            .filter(|p| p.decision == Decision::Waiting && p.expires > Instant::now())
            .collect();
        waiting.sort_by_key(|p| p.expires);
        waiting.iter().map(|p| p.user_code.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_pending_until_approved_then_granted_once() {
        let mut d = Devices {
            interval: 0,
            ..Devices::default()
        };
        let issued = d.authorize("cli", "openid");
        assert_eq!(issued.user_code.len(), 8);
        assert_eq!(d.waiting(), std::slice::from_ref(&issued.user_code));
        assert_eq!(d.poll("cli", &issued.device_code), Poll::Pending);
        assert_eq!(d.poll("other", &issued.device_code), Poll::Unknown);
        let dashed = format!("{}-{}", &issued.user_code[..4], &issued.user_code[4..]);
        assert!(d.decide(&dashed.to_lowercase(), Some("u@example.com")));
        assert!(!d.decide(&issued.user_code, None), "already decided");
        assert_eq!(
            d.poll("cli", &issued.device_code),
            Poll::Granted {
                subject: "u@example.com".into(),
                scope: "openid".into()
            }
        );
        assert_eq!(d.poll("cli", &issued.device_code), Poll::Unknown);
    }

    #[test]
    fn denied_expired_and_too_fast_polls() {
        let mut d = Devices {
            interval: 0,
            ..Devices::default()
        };
        let denied = d.authorize("cli", "");
        assert!(d.decide(&denied.user_code, None));
        assert_eq!(d.poll("cli", &denied.device_code), Poll::Denied);
        d.lifetime = Duration::ZERO;
        let expired = d.authorize("cli", "");
        assert_eq!(d.poll("cli", &expired.device_code), Poll::Expired);
        assert!(d.waiting().is_empty());
        d.lifetime = Duration::from_secs(60);
        d.interval = 30;
        let fast = d.authorize("cli", "");
        assert_eq!(d.poll("cli", &fast.device_code), Poll::Pending);
        assert_eq!(d.poll("cli", &fast.device_code), Poll::SlowDown);
    }
}

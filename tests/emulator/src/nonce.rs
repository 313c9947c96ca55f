//! The nonces this server issued, so a `response` computed on a nonce we never sent (or on
//! one past its lifetime: `stale=true`) is not accepted, and the highest nonce count each one
//! was used with, so an answer cannot be replayed.

use crate::random;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Remembered nonces are capped so a client that never authenticates cannot grow memory.
const MAX_NONCES: usize = 4096;

/// Nonces this server handed out, with their age so they can go stale.
#[derive(Debug, Default)]
pub struct Nonces {
    /// Nonce → (issue sequence number, issue time, highest `nc` accepted). The sequence orders
    /// eviction exactly, even when two nonces share a clock reading.
    issued: HashMap<String, (u64, Instant, u32)>,
    next_seq: u64,
    /// `None`: nonces never expire (Atlas's lifetime is short but unspecified).
    pub lifetime: Option<Duration>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum NonceState {
    Fresh,
    Stale,
    Unknown,
}

impl Nonces {
    pub fn issue(&mut self) -> String {
        if self.issued.len() >= MAX_NONCES {
            let oldest = self.issued.iter().min_by_key(|(_, (seq, _, _))| *seq);
            if let Some(oldest) = oldest.map(|(n, _)| n.clone()) {
                self.issued.remove(&oldest);
            }
        }
        let nonce = random::nonce();
        self.next_seq += 1;
        self.issued
            .insert(nonce.clone(), (self.next_seq, Instant::now(), 0));
        nonce
    }

    /// Records that `nonce` was used with count `nc`; `false` when the count is not above
    /// every count it was used with before (RFC 7616 §3.4: a replay).
    pub fn count(&mut self, nonce: &str, nc: u32) -> bool {
        match self.issued.get_mut(nonce) {
            Some((_, _, last)) if nc > *last => {
                *last = nc;
                true
            }
            _ => false,
        }
    }

    pub fn check(&self, nonce: &str) -> NonceState {
        match (self.issued.get(nonce), self.lifetime) {
            (None, _) => NonceState::Unknown,
            (Some((_, t, _)), Some(life)) if t.elapsed() > life => NonceState::Stale,
            (Some(_), _) => NonceState::Fresh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_nonces_are_known_until_evicted() {
        let mut n = Nonces::default();
        let first = n.issue();
        assert_eq!(n.check(&first), NonceState::Fresh);
        assert_eq!(n.check("never-issued"), NonceState::Unknown);
        for _ in 0..MAX_NONCES {
            n.issue();
        }
        assert_eq!(n.issued.len(), MAX_NONCES);
        assert_eq!(
            n.check(&first),
            NonceState::Unknown,
            "the oldest goes first"
        );
    }

    #[test]
    fn a_nonce_count_must_grow() {
        let mut n = Nonces::default();
        let nonce = n.issue();
        let table = [(1, true), (1, false), (3, true), (2, false), (4, true)];
        for (nc, ok) in table {
            assert_eq!(n.count(&nonce, nc), ok, "nc {nc}");
        }
        assert!(!n.count("never-issued", 1));
    }

    #[test]
    fn nonces_go_stale_after_their_lifetime() {
        let mut n = Nonces {
            lifetime: Some(Duration::from_secs(3600)),
            ..Nonces::default()
        };
        let nonce = n.issue();
        assert_eq!(n.check(&nonce), NonceState::Fresh);
        n.lifetime = Some(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(n.check(&nonce), NonceState::Stale);
    }
}

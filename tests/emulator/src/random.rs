//! Random identifiers in the shapes Atlas uses: ObjectIds, public keys, UUIDv4 private keys, nonces.

use std::time::{SystemTime, UNIX_EPOCH};

/// OS randomness. A failing OS RNG leaves the emulator unable to do its job, so it panics.
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0; N];
    getrandom::fill(&mut buf).expect("the OS random number generator failed");
    buf
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A 24-hex ObjectId like Atlas's ids: 4 bytes of seconds since the epoch, then 8 random bytes,
/// so ids created later sort later (as real ones do).
pub fn object_id() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut id = [0u8; 12];
    id[..4].copy_from_slice(&(secs as u32).to_be_bytes());
    id[4..].copy_from_slice(&bytes::<8>());
    hex(&id)
}

/// `n` random lower-case ASCII letters (Atlas public keys are 8 of them).
pub fn lower_letters(n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        for b in bytes::<32>() {
            // 234 = 9 * 26: rejecting above it keeps every letter equally likely.
            if b < 234 && out.len() < n {
                out.push(char::from(b'a' + b % 26));
            }
        }
    }
    out
}

/// A random (version 4, RFC 9562) UUID in lower-case hex, the shape of Atlas private keys.
pub fn uuid_v4() -> String {
    let mut b = bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// A fresh digest nonce: 24 random bytes, hex (48 characters, no quoting problems).
pub fn nonce() -> String {
    hex(&bytes::<24>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let id = object_id();
        assert_eq!(id.len(), 24);
        assert!(
            id.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        let pk = lower_letters(8);
        assert_eq!(pk.len(), 8);
        assert!(pk.bytes().all(|c| c.is_ascii_lowercase()));
        let u = uuid_v4();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"), "{u}");
        assert_eq!(u.matches('-').count(), 4);
        assert_ne!(nonce(), nonce());
    }
}

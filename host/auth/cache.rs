//! Service-account access tokens kept between runs, so that a script running `atlas` a hundred
//! times asks the token endpoint once an hour, not a hundred times: one 0600 file per token
//! endpoint, client id and secret, in `<cache dir>/atlascli/tokens/` (0700). The file name is a
//! hash, so neither the id nor the secret is written anywhere; a changed secret simply misses.
//! A run that finds no valid token holds the entry's lock ([`TokenCache::lock`]) from reading
//! it to storing the one it fetched, so that parallel runs fetch one token, not one each.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::jwt;
use crate::fsutil;
use crate::secret::Secret;

/// A cache entry's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenCache {
    path: PathBuf,
}

impl TokenCache {
    /// The entry for this token endpoint and client, under `cache_dir` (`<cache>/atlascli`).
    pub fn new(cache_dir: &Path, token_url: &str, client_id: &str, secret: &Secret) -> Self {
        let key = Sha256::digest(format!("{token_url}\n{client_id}\n{}", secret.expose()));
        let name: String = key[..16].iter().map(|b| format!("{b:02x}")).collect();
        Self {
            path: cache_dir.join("tokens").join(format!("sa-{name}.json")),
        }
    }

    /// Where the entry lives (its tests check the file's mode).
    #[cfg(test)]
    fn path(&self) -> &Path {
        &self.path
    }

    /// The entry's lock (its directory created 0700), waiting at most `wait` for another run's
    /// fetch; `None` if it cannot be had, when each run fetches its own token.
    pub fn lock(&self, wait: std::time::Duration) -> Option<fsutil::Lock> {
        fsutil::create_private_dir(self.path.parent()?).ok()?;
        fsutil::lock(&self.path, wait).ok()
    }

    /// The cached token, if there is one that has not expired at `now`.
    pub fn load(&self, now: SystemTime) -> Option<Secret> {
        let bytes = fsutil::read_bounded(&self.path, 64 << 10).ok()??;
        let entry: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        let token = entry["access_token"].as_str().filter(|t| !t.is_empty())?;
        let expires_at = entry["expires_at"].as_i64()?;
        (!jwt::expired(expires_at, now)).then(|| Secret::new(token))
    }

    /// Keeps `token` until `expires_at`. Failing to cache is not worth failing the command for,
    /// so the error is only returned for the caller to mention.
    pub fn store(&self, token: &Secret, expires_at: i64) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fsutil::create_private_dir(dir)?;
        let entry = serde_json::json!({ "access_token": token.expose(), "expires_at": expires_at });
        fsutil::write_atomic(&self.path, entry.to_string().as_bytes())
    }

    /// Drops the entry (the server refused the token).
    pub fn forget(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_stored_token_is_reused_until_it_expires() {
        let dir = tempfile::tempdir().unwrap();
        let secret = Secret::new("client-secret");
        let cache = TokenCache::new(dir.path(), "http://h/api/oauth/token", "id", &secret);
        let at = |s: u64| UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(cache.load(at(0)), None);
        cache.store(&Secret::new("tok"), 1_000).unwrap();
        assert_eq!(cache.load(at(900)), Some(Secret::new("tok")));
        assert_eq!(cache.load(at(995)), None, "expires 10 s early");
        cache.forget();
        assert_eq!(cache.load(at(900)), None);
    }

    #[test]
    fn entries_differ_per_endpoint_client_and_secret_and_name_none_of_them() {
        let dir = Path::new("/c");
        let s = Secret::new("client-secret");
        let a = TokenCache::new(dir, "http://h/t", "id", &s);
        let others = [
            TokenCache::new(dir, "http://other/t", "id", &s),
            TokenCache::new(dir, "http://h/t", "id2", &s),
            TokenCache::new(dir, "http://h/t", "id", &Secret::new("rotated")),
        ];
        for other in others {
            assert_ne!(a, other);
        }
        let name = a.path().display().to_string();
        assert!(
            !name.contains("client-secret") && !name.contains("id.json"),
            "{name}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path(), "u", "id", &Secret::new("s"));
        cache.store(&Secret::new("tok"), 1).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(cache.path()), 0o600);
        assert_eq!(mode(cache.path().parent().unwrap()), 0o700);
    }
}

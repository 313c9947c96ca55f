//! Where `atlas plugin install` takes a plugin from, and getting its bytes: a local file, or an
//! `https://` URL pinned by `--sha256` and downloaded with the host's HTTP client (the same
//! proxy, CA roots and timeouts as the API, no credentials, no redirects), at most
//! [`MAX_PLUGIN_BYTES`]. Every mistake in what was typed is found before a request is sent.

use std::path::Path;

use super::ManageError;
use crate::http::client::Client;
use crate::http::{NetworkError, Prepared};
use crate::index::{self, Source};
use crate::runtime::MAX_PLUGIN_BYTES;

/// A plugin's content, read or downloaded, its size and pin checked, not yet described.
#[derive(Debug)]
pub struct Fetched {
    /// How messages call it: the file name.
    pub label: String,
    /// Where it came from, as the index records it.
    pub source: Source,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Their sha256, lower-case hex.
    pub sha256: String,
}

/// What `atlas plugin install <text>` names, checked: a URL must be `https://`, carry no
/// credentials and come with a pin; `owner/repo` is refused with what to do instead; anything
/// else is a file (made absolute, so that `update` finds it from any directory).
pub fn source(text: &str, pin: Option<&str>) -> Result<(Source, Option<String>), ManageError> {
    let pin = pin.map(parse_pin).transpose()?;
    let lower = text.to_ascii_lowercase();
    if let Some((scheme, rest)) = lower.split_once("://") {
        let refused = |why: &'static str| ManageError::Url {
            url: without_userinfo(text),
            why,
        };
        match scheme {
            "https" => {}
            "http" => {
                return Err(refused(
                    "plain http:// can be altered on the way; only https:// URLs are downloaded",
                ));
            }
            _ => return Err(refused("only https:// URLs are downloaded")),
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(refused("a URL with user:password@ in it is never sent"));
        }
        if authority.is_empty() {
            return Err(refused("it names no host"));
        }
        let Some(pin) = pin else {
            return Err(ManageError::PinRequired { url: text.into() });
        };
        return Ok((Source::Url(text.into()), Some(pin)));
    }
    let path = Path::new(text);
    if is_shorthand(text) && !path.exists() {
        return Err(ManageError::Shorthand { text: text.into() });
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Ok((Source::File(absolute), pin))
}

/// `url` with any `user:password@` blanked, for messages.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://****{}", &rest[at..]),
        None => url.to_string(),
    }
}

/// `--sha256`: 64 hex digits (either case), as lower-case hex.
pub fn parse_pin(text: &str) -> Result<String, ManageError> {
    if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(ManageError::BadPin {
            value: crate::printer::excerpt(text, 80),
        })
    }
}

/// `owner/repo`: the Go CLI's GitHub shorthand (two plain names, one slash).
fn is_shorthand(text: &str) -> bool {
    let name = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    matches!(text.split_once('/'), Some((owner, repo)) if name(owner) && name(repo) && !repo.ends_with(".wasm"))
}

/// Reads or downloads `source`'s content and checks it against `pin` (when given), its size and
/// its magic. `download` fetches a URL's bytes.
pub fn fetch(
    source: &Source,
    pin: Option<&str>,
    download: &dyn Fn(&str) -> Result<Vec<u8>, ManageError>,
) -> Result<Fetched, ManageError> {
    let (label, bytes) = match source {
        Source::File(path) => {
            let label = crate::discovery::plugin_label(path);
            // Size and magic checked before the file is read whole.
            let bytes = crate::runtime::read_plugin(&label, path)?;
            (label, bytes)
        }
        Source::Url(url) => {
            let bytes = download(url)?;
            if !bytes.starts_with(b"\0asm") {
                return Err(ManageError::NotWasm { url: url.clone() });
            }
            (url_label(url), bytes)
        }
    };
    let sha256 = index::sha256_hex(&bytes);
    if let Some(pin) = pin.filter(|p| **p != sha256) {
        return Err(ManageError::PinMismatch {
            from: source.to_string(),
            expected: pin.to_string(),
            actual: sha256,
        });
    }
    Ok(Fetched {
        label,
        source: source.clone(),
        bytes,
        sha256,
    })
}

/// A URL's last path segment (the file name), else the URL.
fn url_label(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    match path.rsplit('/').next() {
        Some(name) if !name.is_empty() && !name.contains(':') => name.to_string(),
        _ => url.to_string(),
    }
}

/// Redirects followed (a release page's download link usually is one), each to `https://`.
const MAX_REDIRECTS: usize = 5;

/// Downloads `url` with `client`: `GET`s without credentials, following up to
/// [`MAX_REDIRECTS`] redirects to `https://` URLs; anything but a 200 with at most
/// [`MAX_PLUGIN_BYTES`] is an error. The content is judged by its pin, not by where it came from.
pub fn download(client: &Client<'_>, url: &str) -> Result<Vec<u8>, ManageError> {
    let mut at = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let received = get(client, &at).map_err(|e| match e {
            ManageError::DownloadTooBig { .. } => ManageError::DownloadTooBig { url: url.into() },
            other => other,
        })?;
        let location = received.header("location").map(str::to_string);
        match (received.status, location) {
            (200, _) => {
                if let Some(encoding) = received.encoding {
                    return Err(ManageError::Encoded {
                        url: url.into(),
                        encoding,
                    });
                }
                return Ok(received.body);
            }
            (301 | 302 | 303 | 307 | 308, Some(next)) => {
                at = redirect(&at, &next).ok_or_else(|| ManageError::Url {
                    url: without_userinfo(&at),
                    why: "it redirects to a URL that is not https://",
                })?;
            }
            (status, _) => {
                return Err(ManageError::Download { url: at, status });
            }
        }
    }
    Err(ManageError::Url {
        url: url.into(),
        why: "it redirects more than 5 times",
    })
}

/// Where a redirect from `from` to `location` goes, if that is an `https://` URL.
fn redirect(from: &str, location: &str) -> Option<String> {
    if location.to_ascii_lowercase().starts_with("https://") {
        return Some(location.to_string());
    }
    // A path on the same origin.
    let origin_end = from
        .match_indices('/')
        .nth(2)
        .map_or(from.len(), |(i, _)| i);
    location
        .starts_with('/')
        .then(|| format!("{}{location}", &from[..origin_end]))
        .filter(|_| !location.starts_with("//"))
}

fn get(client: &Client<'_>, url: &str) -> Result<crate::http::client::Received, ManageError> {
    let target = url
        .splitn(4, '/')
        .nth(3)
        .map_or_else(|| "/".to_string(), |t| format!("/{t}"));
    let request = Prepared {
        method: "GET".into(),
        url: url.into(),
        target,
        headers: vec![("Accept".into(), "application/wasm, */*".into())],
        body: None,
    };
    match client.send_once(&request, None) {
        Ok(received) if received.body.len() as u64 > MAX_PLUGIN_BYTES => {
            Err(ManageError::DownloadTooBig { url: url.into() })
        }
        Ok(received) => Ok(received),
        // The client reads up to its cap (the plugin limit): an answer past it is too big.
        Err(NetworkError { partial, .. }) if partial.rest.is_some() => {
            Err(ManageError::DownloadTooBig { url: url.into() })
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIN: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn what_install_names_is_checked_before_any_request() {
        let url = "https://example.com/p/x.wasm?v=1";
        let (source, pin) = source(url, Some(&PIN.to_uppercase())).unwrap();
        assert_eq!(source, Source::Url(url.into()));
        assert_eq!(pin.as_deref(), Some(PIN));
        let table: [(&str, Option<&str>, &str); 7] = [
            (url, None, "needs the sha256"),
            ("http://example.com/x.wasm", Some(PIN), "plain http://"),
            ("ftp://example.com/x.wasm", Some(PIN), "only https://"),
            (
                "https://u:p@example.com/x.wasm",
                Some(PIN),
                "user:password@",
            ),
            ("https:///x.wasm", Some(PIN), "no host"),
            (url, Some("abc"), "is not a sha256"),
            ("mongodb/atlas-cli-plugin-x", None, "owner/repo"),
        ];
        for (text, pin, want) in table {
            let e = super::source(text, pin).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
            assert!(!e.contains("u:p"), "{e}");
        }
        let (file, _) = super::source("plugins/x.wasm", None).unwrap();
        assert!(
            matches!(file, Source::File(p) if p.is_absolute() && p.ends_with("plugins/x.wasm"))
        );
    }

    #[test]
    fn a_download_is_refused_unless_it_is_wasm_and_matches_its_pin() {
        let wasm = b"\0asm\x01\0\0\0".to_vec();
        let pin = index::sha256_hex(&wasm);
        let url = Source::Url("https://h/d/x.wasm?a=b".into());
        let serve = |bytes: Vec<u8>| move |_: &str| Ok(bytes.clone());
        let got = fetch(&url, Some(&pin), &serve(wasm.clone())).unwrap();
        assert_eq!((got.label.as_str(), got.sha256), ("x.wasm", pin.clone()));
        let e = fetch(&url, Some(PIN), &serve(wasm)).unwrap_err();
        assert!(matches!(e, ManageError::PinMismatch { .. }), "{e}");
        let e = fetch(&url, Some(&pin), &serve(b"<html>".to_vec())).unwrap_err();
        assert!(matches!(e, ManageError::NotWasm { .. }), "{e}");
    }

    #[test]
    fn redirects_are_followed_only_to_https() {
        let from = "https://h.example/a/b.wasm";
        let table = [
            ("https://cdn.example/x", Some("https://cdn.example/x")),
            ("/other/x.wasm", Some("https://h.example/other/x.wasm")),
            ("http://cdn.example/x", None),
            ("//cdn.example/x", None),
            ("x.wasm", None),
        ];
        for (location, want) in table {
            assert_eq!(redirect(from, location).as_deref(), want, "{location}");
        }
    }
}

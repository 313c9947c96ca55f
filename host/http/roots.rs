//! The certificates TLS trusts. Without `SSL_CERT_FILE` or `SSL_CERT_DIR`: the platform's
//! (rustls-platform-verifier; on Linux it reads the system's CA bundle). With either of them, on
//! Linux and the BSDs, Go's rules (`crypto/x509/root_unix.go`), so that a setup that works for
//! the Go Atlas CLI works here: `SSL_CERT_FILE` replaces the default bundle file (the first of
//! Go's list that can be read), `SSL_CERT_DIR` (`:`-separated) replaces the default
//! directories, and the certificates of both are trusted.

use std::path::{Path, PathBuf};

use ureq::tls::{Certificate, PemItem, RootCerts};

use crate::config::NetworkSettings;

/// Go's bundle files for Linux, in its order.
#[cfg(all(unix, not(target_vendor = "apple")))]
const CERT_FILES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/tls/cacert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
];
/// Go's certificate directories for Linux.
#[cfg(all(unix, not(target_vendor = "apple")))]
const CERT_DIRS: &[&str] = &["/etc/ssl/certs", "/etc/pki/tls/certs"];
/// Bigger files are not certificate bundles (and are not read).
const MAX_FILE: u64 = 8 * 1024 * 1024;

/// No certificate could be loaded from where the variables point.
#[derive(Debug, thiserror::Error)]
#[error("no CA certificates could be read from {where_}")]
pub struct RootsError {
    /// The file and directories tried.
    pub where_: String,
}

impl RootsError {
    /// What to do.
    pub fn help(&self) -> &'static str {
        "point SSL_CERT_FILE at a PEM file of CA certificates (or SSL_CERT_DIR at directories of them), or unset both to use the system's"
    }
}

/// The roots for this run's TLS connections.
pub(crate) fn root_certs(network: &NetworkSettings) -> Result<RootCerts, RootsError> {
    if network.cert_file.is_none() && network.cert_dirs.is_none() {
        return Ok(RootCerts::PlatformVerifier);
    }
    go_roots(network)
}

#[cfg(target_vendor = "apple")]
fn go_roots(_: &NetworkSettings) -> Result<RootCerts, RootsError> {
    // Go ignores both variables on macOS, where the platform verifies.
    Ok(RootCerts::PlatformVerifier)
}

#[cfg(all(unix, not(target_vendor = "apple")))]
fn go_roots(network: &NetworkSettings) -> Result<RootCerts, RootsError> {
    let files: Vec<PathBuf> = match &network.cert_file {
        Some(file) => vec![file.clone()],
        None => CERT_FILES.iter().map(PathBuf::from).collect(),
    };
    let dirs: Vec<PathBuf> = match &network.cert_dirs {
        Some(list) => std::env::split_paths(list).collect(),
        None => CERT_DIRS.iter().map(PathBuf::from).collect(),
    };
    let mut certs = Vec::new();
    // The first file that can be read counts, as in Go.
    if let Some(found) = files.iter().find_map(|f| read_pem(f)) {
        certs.extend(found);
    }
    for dir in &dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            certs.extend(read_pem(&entry.path()).unwrap_or_default());
        }
    }
    if certs.is_empty() {
        let tried: Vec<String> = files
            .iter()
            .chain(&dirs)
            .map(|p| p.display().to_string())
            .collect();
        return Err(RootsError {
            where_: tried.join(", "),
        });
    }
    Ok(RootCerts::from(certs))
}

#[cfg(not(unix))]
fn go_roots(_: &NetworkSettings) -> Result<RootCerts, RootsError> {
    Ok(RootCerts::PlatformVerifier)
}

/// The certificates of a regular PEM file; `None` when it cannot be read.
#[cfg_attr(not(all(unix, not(target_vendor = "apple"))), allow(dead_code))]
fn read_pem(path: &Path) -> Option<Vec<Certificate<'static>>> {
    // Only regular files of sane size: a FIFO would hang, /dev/zero would never end.
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let certs = ureq::tls::parse_pem(&bytes)
        .filter_map(|item| match item {
            Ok(PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    Some(certs)
}

#[cfg(all(test, unix, not(target_vendor = "apple")))]
mod tests {
    use super::*;

    fn settings(file: Option<&Path>, dirs: Option<&str>) -> NetworkSettings {
        NetworkSettings {
            cert_file: file.map(Path::to_path_buf),
            cert_dirs: dirs.map(str::to_string),
            ..NetworkSettings::default()
        }
    }

    #[test]
    fn without_the_variables_the_platform_verifies() {
        let roots = root_certs(&settings(None, None)).unwrap();
        assert!(matches!(roots, RootCerts::PlatformVerifier));
    }

    #[test]
    fn the_cert_file_and_the_cert_dirs_are_both_trusted_as_in_go() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bundle.pem");
        std::fs::write(&file, atlas_emulator::unrelated_ca_pem().unwrap()).unwrap();
        let certs = dir.path().join("certs");
        std::fs::create_dir(&certs).unwrap();
        std::fs::write(
            certs.join("a.pem"),
            atlas_emulator::unrelated_ca_pem().unwrap(),
        )
        .unwrap();
        std::fs::write(
            certs.join("b.pem"),
            atlas_emulator::unrelated_ca_pem().unwrap(),
        )
        .unwrap();
        let certs = certs.display().to_string();
        let count = |file: Option<&Path>| match root_certs(&settings(file, Some(&certs))) {
            Ok(RootCerts::Specific(list)) => list.len(),
            _ => 0,
        };
        assert_eq!(
            count(Some(&file)),
            3,
            "the file and every file of the directory"
        );
        let missing = dir.path().join("missing.pem");
        assert_eq!(
            count(Some(&missing)),
            2,
            "an unreadable file is passed over, as in Go"
        );
    }

    #[test]
    fn a_cert_file_and_dirs_with_nothing_in_them_are_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate").unwrap();
        let dirs = dir.path().join("nothing-here").display().to_string();
        let err = root_certs(&settings(Some(&empty), Some(&dirs))).unwrap_err();
        assert!(err.to_string().contains("empty.pem"), "{err}");
    }
}

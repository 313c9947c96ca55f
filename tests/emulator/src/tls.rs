//! HTTPS for the emulator: a test CA made at start (rcgen), a server certificate for
//! `127.0.0.1` and `localhost` signed by it, served with rustls (ring). Clients trust the CA
//! through its PEM ([`crate::Emulator::ca_pem`]), as users trust a corporate CA.

use std::io;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// What serving HTTPS needs.
pub struct Tls {
    pub config: Arc<rustls::ServerConfig>,
    pub ca_pem: String,
}

fn fail(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("making the test certificates: {e}"))
}

/// A CA named `name`: its parameters and key.
fn ca(name: &str) -> io::Result<(CertificateParams, KeyPair)> {
    let key = KeyPair::generate().map_err(fail)?;
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(fail)?;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    Ok((params, key))
}

/// A fresh test CA and a server certificate signed by it.
pub fn generate() -> io::Result<Tls> {
    let (ca_params, ca_key) = ca("atlas-emulator test CA")?;
    let ca_cert = ca_params.self_signed(&ca_key).map_err(fail)?;
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().map_err(fail)?;
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
        .map_err(fail)?;
    params
        .distinguished_name
        .push(DnType::CommonName, "atlas-emulator");
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let cert = params.signed_by(&key, &issuer).map_err(fail)?;
    let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(fail)?
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], private)
        .map_err(fail)?;
    Ok(Tls {
        config: Arc::new(config),
        ca_pem: ca_cert.pem(),
    })
}

/// The PEM of a CA that signed nothing the emulator serves: trusting only it must fail.
pub fn unrelated_ca_pem() -> io::Result<String> {
    let (params, key) = ca("an unrelated CA")?;
    Ok(params.self_signed(&key).map_err(fail)?.pem())
}

/// The server side of one connection.
pub fn accept(
    config: &Arc<rustls::ServerConfig>,
) -> Result<rustls::ServerConnection, rustls::Error> {
    rustls::ServerConnection::new(Arc::clone(config))
}

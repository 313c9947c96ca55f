//! HTTPS end to end: the emulator serves TLS with a test CA made at start, the real binary
//! trusts it through `SSL_CERT_FILE` (as Go does), and a wrong CA or a failed handshake is a
//! clear error that says, truthfully, that nothing was sent.

use crate::support::*;

const NOTHING_SENT: &str = "Nothing was sent: the request never left this machine.";

/// A sandbox against an HTTPS emulator whose `SSL_CERT_FILE` holds `pem`.
fn trusting(emulator: &Emulator, pem: &str) -> Sandbox {
    let mut sandbox = Sandbox::new();
    let file = sandbox.dir.path().join("ca.pem");
    std::fs::write(&file, pem).unwrap();
    sandbox
        .against(emulator)
        .env("SSL_CERT_FILE", &file.display().to_string());
    sandbox
}

#[test]
fn the_seed_example_runs_over_https_trusting_the_ca_in_ssl_cert_file() {
    let emulator = Emulator::start_tls(EmulatorConfig::default()).unwrap();
    assert!(emulator.base_url().starts_with("https://127.0.0.1:"));
    let run = trusting(&emulator, emulator.ca_pem().unwrap()).run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stored = &emulator.api_keys(ORG)[0];
    assert_eq!(json["privateKey"], stored["privateKey"]);
    assert_eq!(json["desc"], "My API Key");
    assert_eq!(
        exchanges(&emulator).len(),
        2,
        "challenge, then the answered POST"
    );
}

#[test]
fn a_server_signed_by_another_ca_is_refused_and_nothing_is_sent() {
    let emulator = Emulator::start_tls(EmulatorConfig::default()).unwrap();
    let other = atlas_emulator::unrelated_ca_pem().unwrap();
    let mut without = Sandbox::new();
    without.against(&emulator);
    for sandbox in [trusting(&emulator, &other), without] {
        let run = sandbox.run(SEED);
        assert_eq!(run.code, 1, "{run:?}");
        let prefix = format!(
            "Error: POST {}{}: TLS failed: ",
            emulator.base_url(),
            create_path()
        );
        assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
        assert!(run.stderr.contains("certificate"), "{}", run.stderr);
        assert!(run.stderr.contains(NOTHING_SENT), "{}", run.stderr);
        assert!(
            !run.stderr.contains("check whether it took effect"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stdout, "");
    }
    assert!(
        emulator.requests().is_empty(),
        "the server received no request"
    );
    assert!(emulator.api_keys(ORG).is_empty());
}

#[test]
fn a_failed_handshake_is_said_to_have_sent_nothing() {
    // A TLS server that hangs up on the handshake, and an `https://` URL to a plain HTTP server.
    let tls = Emulator::start_tls(EmulatorConfig::default()).unwrap();
    tls.reset_next_connections(1);
    let plain = Emulator::start(EmulatorConfig::default()).unwrap();
    let plain_as_https = plain.base_url().replace("http://", "https://");
    let mut hangs_up = trusting(&tls, tls.ca_pem().unwrap());
    hangs_up.against(&tls);
    let mut wrong_protocol = Sandbox::new();
    wrong_protocol
        .against(&plain)
        .env("MONGODB_ATLAS_OPS_MANAGER_URL", &plain_as_https);
    for (sandbox, url) in [
        (hangs_up, tls.base_url()),
        (wrong_protocol, plain_as_https.clone()),
    ] {
        let run = sandbox.run(SEED);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(
            run.stderr
                .starts_with(&format!("Error: POST {url}{}: ", create_path())),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(NOTHING_SENT), "{}", run.stderr);
        assert!(!run.stderr.contains("may have reached"), "{}", run.stderr);
    }
    assert!(tls.requests().is_empty() && plain.requests().is_empty());
    assert!(tls.api_keys(ORG).is_empty() && plain.api_keys(ORG).is_empty());
}

#[test]
fn certificate_variables_that_yield_no_certificate_are_a_clear_error_before_sending() {
    let emulator = Emulator::start_tls(EmulatorConfig::default()).unwrap();
    let mut sandbox = trusting(&emulator, "not a certificate\n");
    let empty = sandbox.dir.path().join("no-certs");
    std::fs::create_dir_all(&empty).unwrap();
    sandbox.env("SSL_CERT_DIR", &empty.display().to_string());
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("no CA certificates could be read from "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ca.pem"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("\nhelp: point SSL_CERT_FILE at a PEM file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(NOTHING_SENT), "{}", run.stderr);
    assert!(emulator.requests().is_empty());
}

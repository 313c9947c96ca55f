//! Digest parsing, challenges and verification, table by table (RFC examples included).

use super::*;
use std::time::Duration;

const RFC2617: &str = r#"Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;

#[test]
fn rfc2617_worked_example() {
    let c = parse_authorization(RFC2617).unwrap();
    assert_eq!(c.cnonce.as_deref(), Some("0a4f113b"));
    assert_eq!(
        c.opaque.as_deref(),
        Some("5ccc069c403ebaf9f0171e9517f40e41")
    );
    assert_eq!(
        expected_response(Algorithm::Md5, &c, "Circle Of Life", "GET"),
        "6629fae49393a05397450978507c4ef1"
    );
    assert_ne!(
        expected_response(Algorithm::Md5, &c, "Circle of Life", "GET"),
        c.response
    );
}

#[test]
fn rfc7616_sha256_example() {
    // RFC 7616 §3.9.1 (its password is "Circle of Life", lower-case "of").
    let c = Credentials {
        username: "Mufasa".into(),
        realm: "http-auth@example.org".into(),
        nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v".into(),
        uri: "/dir/index.html".into(),
        qop: Some("auth".into()),
        nc: Some("00000001".into()),
        cnonce: Some("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ".into()),
        ..Credentials::default()
    };
    assert_eq!(
        expected_response(Algorithm::Sha256, &c, "Circle of Life", "GET"),
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
    );
}

#[test]
fn parses_params_loosely_but_correctly() {
    let c = parse_authorization(r#"digest  username="a\"b,c" ,realm=r, nonce=n,uri="/x?y=1,2",response=R , algorithm=SHA-256"#).unwrap();
    assert_eq!(c.username, "a\"b,c");
    assert_eq!(c.realm, "r");
    assert_eq!(c.uri, "/x?y=1,2");
    assert_eq!(c.response, "R");
    assert_eq!(c.algorithm.as_deref(), Some("SHA-256"));
    for bad in [
        "Basic dXNlcjpwYXNz",
        r#"Digest username="x"#,
        "Digest username",
        r#"Digest username="u", nonce="n""#,
    ] {
        assert!(parse_authorization(bad).is_err(), "{bad}");
    }
}

#[test]
fn challenge_matches_atlas_by_default_and_follows_the_config() {
    let config = Config::default();
    assert_eq!(
        challenge("abc", &config, false),
        r#"Digest realm="MMS Public API", domain="", nonce="abc", algorithm=MD5, qop="auth", stale=false"#
    );
    let other = Config {
        digest_algorithm: Algorithm::Sha256,
        digest_qop: false,
        digest_opaque: Some("op".into()),
        ..Config::default()
    };
    assert_eq!(
        challenge("abc", &other, true),
        r#"Digest realm="MMS Public API", domain="", nonce="abc", opaque="op", algorithm=SHA-256, stale=true"#
    );
}

/// An answer as a conforming client computes it for `config`'s challenge.
fn answer(nonces: &mut Nonces, config: &Config, nc: u32, uri: &str) -> Credentials {
    let mut c = Credentials {
        username: config.public_key.clone(),
        realm: REALM.into(),
        nonce: nonces.issue(),
        uri: uri.into(),
        algorithm: Some(config.digest_algorithm.name().into()),
        opaque: config.digest_opaque.clone(),
        ..Credentials::default()
    };
    if config.digest_qop {
        c.qop = Some("auth".into());
        c.nc = Some(format!("{nc:08x}"));
        c.cnonce = Some("0a4f113b".into());
    }
    c.response = expected_response(config.digest_algorithm, &c, &config.private_key, "POST");
    c
}

fn header(c: &Credentials) -> String {
    let mut h = format!(
        r#"Digest username="{}", realm="{}", nonce="{}", uri="{}", response="{}""#,
        c.username, c.realm, c.nonce, c.uri, c.response
    );
    let optional = [
        ("algorithm", &c.algorithm),
        ("qop", &c.qop),
        ("nc", &c.nc),
        ("cnonce", &c.cnonce),
        ("opaque", &c.opaque),
    ];
    for (name, value) in optional {
        if let Some(v) = value {
            h.push_str(&format!(r#", {name}="{v}""#));
        }
    }
    h
}

#[test]
fn verify_table() {
    let config = Config::default();
    let mut n = Nonces::default();
    let good = answer(&mut n, &config, 1, "/a?b=c");
    let cases: Vec<(&str, Credentials, &str, &str)> = vec![
        ("good", good.clone(), "POST", "/a?b=c"),
        ("wrong method", good.clone(), "GET", "/a?b=c"),
        ("uri mismatch", good.clone(), "POST", "/a"),
        (
            "wrong user",
            Credentials {
                username: "someone".into(),
                ..good.clone()
            },
            "POST",
            "/a?b=c",
        ),
        (
            "MD5 challenged, SHA-256 answered",
            Credentials {
                algorithm: Some("SHA-256".into()),
                ..good.clone()
            },
            "POST",
            "/a?b=c",
        ),
        (
            "no qop",
            Credentials {
                qop: None,
                ..good.clone()
            },
            "POST",
            "/a?b=c",
        ),
    ];
    for (why, creds, method, target) in cases {
        let verdict = verify(Some(&header(&creds)), method, target, &config, &mut n);
        assert_eq!(
            verdict == Verdict::Accepted,
            why == "good",
            "{why}: {verdict:?}"
        );
    }
    assert!(matches!(
        verify(None, "POST", "/a", &config, &mut n),
        Verdict::Rejected(_)
    ));
    let foreign = answer(&mut Nonces::default(), &config, 1, "/a");
    assert!(matches!(
        verify(Some(&header(&foreign)), "POST", "/a", &config, &mut n),
        Verdict::Rejected(_)
    ));
}

#[test]
fn a_replayed_nonce_count_is_refused_and_a_higher_one_accepted() {
    let config = Config::default();
    let mut n = Nonces::default();
    let first = answer(&mut n, &config, 1, "/a");
    let h = header(&first);
    assert_eq!(
        verify(Some(&h), "POST", "/a", &config, &mut n),
        Verdict::Accepted
    );
    assert!(matches!(
        verify(Some(&h), "POST", "/a", &config, &mut n),
        Verdict::Rejected(why) if why.contains("already used")
    ));
    let mut second = Credentials {
        nc: Some("00000002".into()),
        ..first
    };
    second.response = expected_response(Algorithm::Md5, &second, &config.private_key, "POST");
    assert_eq!(
        verify(Some(&header(&second)), "POST", "/a", &config, &mut n),
        Verdict::Accepted
    );
}

#[test]
fn sha256_rfc2069_and_opaque_challenges_get_matching_answers() {
    let config = Config {
        digest_algorithm: Algorithm::Sha256,
        digest_qop: false,
        digest_opaque: Some("5ccc069c".into()),
        ..Config::default()
    };
    let mut n = Nonces::default();
    let good = answer(&mut n, &config, 1, "/a");
    assert_eq!(
        verify(Some(&header(&good)), "POST", "/a", &config, &mut n),
        Verdict::Accepted,
        "an RFC 2069 answer has no nonce count to replay"
    );
    let no_opaque = Credentials {
        opaque: None,
        ..good.clone()
    };
    let with_qop = answer(
        &mut n,
        &Config {
            digest_qop: true,
            ..config.clone()
        },
        1,
        "/a",
    );
    for bad in [no_opaque, with_qop] {
        assert!(matches!(
            verify(Some(&header(&bad)), "POST", "/a", &config, &mut n),
            Verdict::Rejected(_)
        ));
    }
}

#[test]
fn expired_nonce_is_stale_only_when_otherwise_correct() {
    let config = Config::default();
    let mut n = Nonces::default();
    let c = answer(&mut n, &config, 1, "/a");
    n.lifetime = Some(Duration::ZERO);
    std::thread::sleep(Duration::from_millis(2));
    assert_eq!(
        verify(Some(&header(&c)), "POST", "/a", &config, &mut n),
        Verdict::Stale
    );
    let wrong = Config {
        private_key: "wrong".into(),
        ..config
    };
    assert!(matches!(
        verify(Some(&header(&c)), "POST", "/a", &wrong, &mut n),
        Verdict::Rejected(_)
    ));
}

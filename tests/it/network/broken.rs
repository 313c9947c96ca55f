//! A created key is never lost: the emulator creates the key, then breaks its answer on the way
//! back in every way the fault campaign found (a body cut short, chunked or reset after the key,
//! a body dripping past `http_timeout`, one over the read cap, an encoding nobody asked for,
//! malformed heads), and the real binary must put the key's bytes on stdout and say on stderr
//! what happened and what to check.

use std::time::Duration;

use atlas_emulator::{Broken, Fault};

use crate::support::*;

/// What the run must show besides the key on stdout.
struct Want {
    code: i32,
    /// Every one of these is in stderr.
    stderr: &'static [&'static str],
}

const ACTED: &str = "The request may have reached the server and been acted on; it was not sent again.\nhelp: check whether it took effect before running the command again.\n";

fn failed(extra: &'static [&'static str]) -> Want {
    Want {
        code: 1,
        stderr: extra,
    }
}

/// Runs the seed example against `fault` and checks that the one key the emulator created is on
/// stdout; returns the run.
fn survives(fault: Broken, timeout: Option<&str>, want: &Want) -> Run {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::Broken(fault.clone()));
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    if let Some(seconds) = timeout {
        sandbox.env("MONGODB_ATLAS_HTTP_TIMEOUT", seconds);
    }
    let run = sandbox.run(SEED);
    let keys = emulator.api_keys(ORG);
    assert_eq!(keys.len(), 1, "{fault:?}: one key created, no resend");
    let key = keys[0]["privateKey"].as_str().unwrap().to_string();
    let excerpt = |t: &str| t.chars().take(600).collect::<String>();
    assert!(
        run.stdout.contains(&key),
        "{fault:?}: the key is not on stdout: code {} stdout {:?} stderr {:?}",
        run.code,
        excerpt(&run.stdout),
        excerpt(&run.stderr)
    );
    assert_eq!(run.code, want.code, "{fault:?}: {}", excerpt(&run.stderr));
    for text in want.stderr {
        assert!(
            run.stderr.contains(text),
            "{fault:?}: stderr lacks {text:?}: {}",
            excerpt(&run.stderr)
        );
    }
    let posts = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(
        posts, 2,
        "{fault:?}: the challenge leg and one answered POST"
    );
    run
}

#[test]
fn a_body_cut_short_after_the_key_reaches_stdout() {
    let stderr = &["reading the answer failed", ACTED];
    survives(Broken::CutAfterKey, None, &failed(stderr));
}

#[test]
fn a_chunked_body_stopping_after_the_key_reaches_stdout() {
    let stderr = &["reading the answer failed", ACTED];
    survives(Broken::ChunkedCutAfterKey, None, &failed(stderr));
}

#[test]
fn a_connection_reset_after_the_key_reaches_stdout() {
    survives(Broken::ResetAfterKey, None, &failed(&[ACTED]));
}

#[test]
fn a_body_dripping_until_the_timeout_keeps_what_arrived() {
    let stderr = &["(http_timeout)", ACTED];
    let run = survives(
        Broken::DripAfterKey(Duration::from_millis(50)),
        Some("1"),
        &failed(stderr),
    );
    assert!(
        run.stderr
            .contains("bytes of the answer that arrived were printed to stdout")
    );
}

#[test]
fn a_body_over_the_read_cap_is_streamed_to_stdout_whole() {
    let total = 17 * 1024 * 1024;
    let stderr = &[
        "larger than the 16 MiB the host reads",
        "streamed to stdout",
        ACTED,
    ];
    let run = survives(Broken::Padded(total), None, &failed(stderr));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("the whole body");
    assert!(json["privateKey"].is_string());
    assert_eq!(run.stdout.len(), total, "every byte, none dropped");
}

#[test]
fn gzip_and_deflate_answers_nobody_asked_for_are_decoded() {
    for how in [Broken::Gzip, Broken::Deflate] {
        let run = survives(
            how,
            None,
            &Want {
                code: 0,
                stderr: &[],
            },
        );
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(json["privateKey"].is_string(), "{}", run.stdout);
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn an_encoding_the_host_cannot_decode_is_named_and_its_bytes_printed() {
    let stderr = &[
        "the answer is br-encoded, which the host cannot decode",
        "still br-encoded",
    ];
    survives(Broken::Labelled("br".into()), None, &failed(stderr));
}

#[test]
fn malformed_heads_that_carry_the_key_keep_their_body() {
    let stderr = &["what followed the answer's head was kept", ACTED];
    for how in [
        Broken::DuplicateLength,
        Broken::GarbageStatus,
        Broken::HugeHeader(200 * 1024),
    ] {
        survives(how, None, &failed(stderr));
    }
}

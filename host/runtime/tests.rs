//! Choosing the runtime, and the wording of failures both runtimes share.

use super::*;

#[test]
fn the_runtime_variable_picks_fast_by_default_and_refuses_unknown_names() {
    let pick = |v: &str| {
        RuntimeKind::from_env(&Env::from_pairs([(RuntimeKind::VARIABLE, v)]))
            .map_err(|e| format!("{e}\nhelp: {}", e.help()))
    };
    assert_eq!(pick(""), Ok(RuntimeKind::Fast));
    assert_eq!(pick("fast"), Ok(RuntimeKind::Fast));
    #[cfg(feature = "reference-runtime")]
    assert_eq!(pick("extism"), Ok(RuntimeKind::Extism));
    #[cfg(not(feature = "reference-runtime"))]
    assert!(
        pick("extism").unwrap_err().starts_with(
            "ATLAS_CLI_RUNTIME=\"extism\": the extism runtime is a test-only reference"
        ),
        "a normal build does not offer the reference runtime"
    );
    let err = pick("wasmer").unwrap_err();
    assert!(
        err.starts_with("ATLAS_CLI_RUNTIME=\"wasmer\" is not a plugin runtime\nhelp:"),
        "{err}"
    );
    assert_eq!(Runtime::default().kind(), RuntimeKind::Fast);
}

#[test]
fn failures_are_worded_by_cause() {
    let f = |root: &str, trapped: bool, text: &str| {
        Failure {
            root: root.into(),
            trapped,
            text: text.into(),
        }
        .message(Duration::from_millis(500))
    };
    assert_eq!(
        f("timeout", false, ""),
        "the plugin ran past its time limit of 500ms"
    );
    assert_eq!(f("oom", true, ""), "the plugin ran out of its memory limit");
    assert_eq!(
        f(
            "wasm trap: wasm `unreachable` instruction executed\nmore",
            true,
            ""
        ),
        "the plugin crashed (wasm trap: wasm `unreachable` instruction executed)"
    );
    assert_eq!(f("x", false, "\"bad \\\"input\\\"\""), "bad \"input\"");
    assert_eq!(
        f("x", false, "Returned non-zero exit code: 3"),
        "Returned non-zero exit code: 3"
    );
}

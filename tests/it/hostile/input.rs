//! A careless (or hostile) command line never crashes the host: odd characters in flags are
//! parse errors in the Go CLI's words, exit 1, nothing sent. The seeded campaign over many more
//! inputs is `host/fuzz.rs`; this is the real binary on the cases once found.

use crate::support::*;

#[test]
fn a_non_ascii_shorthand_flag_is_an_error_not_a_crash() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    for (arg, said) in [
        ("-é", "'é' in -é"),
        ("-🦀x", "'🦀' in -🦀"),
        ("-éo", "'é' in -é"),
    ] {
        let run = sandbox.run(&["organizations", "apiKeys", "create", arg]);
        assert_eq!(run.code, 1, "{arg}: {run:?}");
        let want = format!("Error: unknown shorthand flag: {said}\n");
        assert!(run.stderr.starts_with(&want), "{arg}: {run:?}");
    }
    assert!(emulator.requests().is_empty());
}

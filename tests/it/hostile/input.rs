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
        // pflag names the rest of the word after the dash.
        ("-🦀x", "'🦀' in -🦀x"),
        ("-éo", "'é' in -éo"),
    ] {
        let run = sandbox.run(&["organizations", "apiKeys", "create", arg]);
        assert_eq!(run.code, 1, "{arg}: {run:?}");
        let want = format!("Error: unknown shorthand flag: {said}\n");
        assert!(run.stderr.starts_with(&want), "{arg}: {run:?}");
    }
    assert!(emulator.requests().is_empty());
}

/// Characters that break byte-slicing, case-folding and escaping assumptions.
const ODD: &[char] = &[
    'é', 'ß', 'İ', '世', '🦀', '\u{301}', '\u{202e}', '\u{feff}', '\u{1b}', '\n', ' ', '=', '-',
    ',', '"', '\\', 'a', 'Z', '0',
];

const TOKENS: &[&str] = &[
    "organizations",
    "orgs",
    "apiKeys",
    "create",
    "list",
    "plugin",
    "install",
    "verify",
    "help",
    "--desc",
    "--role",
    "--orgId",
    "-o",
    "-P",
    "-D",
    "-h",
    "--version",
    "--limit",
    "-c",
    "--",
    "-",
    "--role=",
    "-ojson",
    "--limit=x",
    "-Pé",
    "-é",
    "--é",
    "-🦀",
];

/// The real binary, from argv to exit: a seeded sample of odd command lines (the in-process
/// campaign in `host/fuzz.rs` tries many more against the parser alone). Exit 0 or 1, never a
/// panic (101) or a signal. `ATLAS_FUZZ_SEED` replays, `ATLAS_FUZZ_BINARY_CASES` resizes.
#[test]
fn odd_command_lines_never_crash_the_binary() {
    use rand::{RngExt, SeedableRng};
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = var("ATLAS_FUZZ_SEED").unwrap_or_else(rand::random);
    let cases = var("ATLAS_FUZZ_BINARY_CASES").unwrap_or(150);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let mut crashes = Vec::new();
    for _ in 0..cases {
        let mut argv: Vec<String> = Vec::new();
        if rng.random_bool(0.6) {
            argv.extend(["organizations", "apiKeys", "create"].map(String::from));
        }
        for _ in 0..rng.random_range(0..6) {
            let token = if rng.random_bool(0.6) {
                TOKENS[rng.random_range(0..TOKENS.len())].to_string()
            } else {
                let len = rng.random_range(0..6);
                let text: String = (0..len)
                    .map(|_| ODD[rng.random_range(0..ODD.len())])
                    .collect();
                format!("{}{text}", ["", "-", "--"][rng.random_range(0..3)])
            };
            argv.push(token);
        }
        let args: Vec<&str> = argv.iter().map(String::as_str).collect();
        let run = sandbox.run(&args);
        if !matches!(run.code, 0 | 1) || run.stderr.contains("panicked") {
            crashes.push((argv, run));
        }
    }
    assert!(
        crashes.is_empty(),
        "{} of {cases} command lines crashed atlas (ATLAS_FUZZ_SEED={seed}): {:?}",
        crashes.len(),
        &crashes[..crashes.len().min(3)]
    );
}

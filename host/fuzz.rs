//! Seeded random inputs against the host's two parsers of user input: the command line (the
//! cobra-like tree built from the shipped plugins' `describe`) and the settings (config.toml text and
//! `MONGODB_ATLAS_*` variables, through [`config::resolve_with`]). No input may panic either:
//! an error is fine, a crash is a failed test. Each test prints its seed and the count of inputs
//! tried (`cargo test --lib fuzz -- --nocapture` shows them); `ATLAS_FUZZ_SEED=<n>` replays a
//! run and `ATLAS_FUZZ_CASES=<n>` changes its size.

// The seed and the count are the campaign's report, on stderr where the test harness keeps it.
#![allow(clippy::print_stderr)]

use std::ffi::OsString;
use std::panic::{AssertUnwindSafe, catch_unwind};

use atlas_plugin_api::CommandSpec;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::cli;
use crate::config::{self, ConfigFile, keyring::Unavailable};
use crate::env::Env;

const DEFAULT_CASES: usize = 10_000;

/// A seeded generator, the seed and the case count of one campaign (printed for replay).
fn campaign(name: &str) -> (StdRng, usize) {
    let var = |name: &str| std::env::var(name).ok();
    let seed: u64 = var("ATLAS_FUZZ_SEED")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(rand::random);
    let cases: usize = var("ATLAS_FUZZ_CASES")
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    eprintln!("fuzz {name}: {cases} inputs, ATLAS_FUZZ_SEED={seed}");
    (StdRng::seed_from_u64(seed), cases)
}

/// Runs `case` on `cases` inputs from `make`, collecting those that panic.
fn run<T: std::fmt::Debug>(name: &str, mut make: impl FnMut(&mut StdRng) -> T, case: impl Fn(&T)) {
    let (mut rng, cases) = campaign(name);
    let mut crashes = Vec::new();
    for _ in 0..cases {
        let input = make(&mut rng);
        if catch_unwind(AssertUnwindSafe(|| case(&input))).is_err() {
            crashes.push(input);
        }
    }
    eprintln!(
        "fuzz {name}: {cases} inputs tried, {} crashes",
        crashes.len()
    );
    assert!(
        crashes.is_empty(),
        "{} of {cases} inputs crashed the {name} parser, e.g. {:?}",
        crashes.len(),
        &crashes[..crashes.len().min(5)]
    );
}

/// Characters that break byte-slicing, width, case-folding and escaping assumptions.
const ODD: &[char] = &[
    'é', 'ß', 'İ', 'ﬁ', '世', '🦀', '\u{301}', '\u{202e}', '\u{200b}', '\u{feff}', '\u{0}',
    '\u{7f}', '\u{1b}', '\n', '\t', ' ', '=', '-', ',', '.', '"', '\'', '\\', '[', ']', '{', '}',
    '#', 'a', 'Z', '0', '9', '_', '/', ':', '@', '%',
];

fn odd_text(rng: &mut StdRng, max: usize) -> String {
    let len = rng.random_range(0..=max);
    (0..len)
        .map(|_| {
            if rng.random_bool(0.7) {
                ODD[rng.random_range(0..ODD.len())]
            } else {
                char::from_u32(rng.random_range(0..0x11_0000)).unwrap_or('\u{fffd}')
            }
        })
        .collect()
}

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

const WORDS: &[&str] = &[
    "organizations",
    "orgs",
    "org",
    "apiKeys",
    "apikeys",
    "api-keys",
    "create",
    "list",
    "ls",
    "plugin",
    "install",
    "uninstall",
    "verify",
    "config",
    "init",
    "set",
    "describe",
    "get",
    "rename",
    "mv",
    "delete",
    "rm",
    "auth",
    "login",
    "logout",
    "whoami",
    "logut",
    "org_id",
    "help",
    "Organizations",
    "ORGS",
    "apiKey",
];

const FLAGS: &[&str] = &[
    "--force",
    "--gov",
    "--authType",
    "--clientId",
    "--publicApiKey",
    "--noBrowser",
    "--keep",
    "--desc",
    "--role",
    "--orgId",
    "--output",
    "-o",
    "-P",
    "--profile",
    "-D",
    "--debug",
    "-h",
    "--help",
    "--version",
    "-c",
    "--compact",
    "--limit",
    "--page",
    "--omitCount",
    "--",
    "-",
    "--role=",
    "-ojson",
    "--limit=x",
    "-Pé",
    "-oé",
    "--=",
    "---",
    "-é",
    "--é",
    "-🦀",
    "-cé",
];

fn argv_token(rng: &mut StdRng) -> OsString {
    match rng.random_range(0..10) {
        0..=2 => pick(rng, WORDS).into(),
        3..=5 => pick(rng, FLAGS).into(),
        6 => format!("-{}", odd_text(rng, 3)).into(),
        7 => format!("--{}={}", odd_text(rng, 6), odd_text(rng, 6)).into(),
        8 => odd_text(rng, 12).into(),
        _ => not_utf8(rng),
    }
}

#[cfg(unix)]
fn not_utf8(rng: &mut StdRng) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = b"-".repeat(rng.random_range(0..3));
    bytes.extend((0..rng.random_range(1..6)).map(|_| rng.random::<u8>() | 0x80));
    OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn not_utf8(rng: &mut StdRng) -> OsString {
    odd_text(rng, 6).into()
}

fn random_argv(rng: &mut StdRng) -> Vec<OsString> {
    let mut argv = vec![OsString::from("atlas")];
    // Mostly a real command path first, so that the leaf's flags are reached.
    if rng.random_bool(0.7) {
        let path = pick(
            rng,
            &["orgs apiKeys create", "org apikeys list", "plugin install"],
        );
        argv.extend(path.split(' ').map(OsString::from));
    }
    let n = rng.random_range(0..7);
    argv.extend((0..n).map(|_| argv_token(rng)));
    argv
}

fn shipped_specs() -> Vec<CommandSpec> {
    [
        atlas_apikeys_create::describe(),
        atlas_apikeys_list::describe(),
    ]
    .into_iter()
    .flat_map(|d| d.commands)
    .collect()
}

#[test]
fn no_command_line_panics_the_parser() {
    let specs = shipped_specs();
    let refs: Vec<&CommandSpec> = specs.iter().collect();
    run("argv", random_argv, |argv| {
        let _ = cli::parse(argv, &refs);
    });
}

#[test]
fn a_unicode_shorthand_is_an_unknown_flag_error_not_a_panic() {
    let specs = shipped_specs();
    let refs: Vec<&CommandSpec> = specs.iter().collect();
    for (arg, want) in [
        ("-é", "unknown shorthand flag: 'é' in -é"),
        // pflag names the first byte of the character (as a Latin-1 one); we name the character.
        ("-🦀x", "unknown shorthand flag: '🦀' in -🦀x"),
        ("-é=1", "unknown shorthand flag: 'é' in -é=1"),
    ] {
        let argv: Vec<OsString> = ["atlas", "organizations", "apiKeys", "create", arg]
            .map(Into::into)
            .to_vec();
        assert_eq!(cli::parse(&argv, &refs), Err(want.to_string()), "{arg}");
    }
}

const KEYS: &[&str] = &[
    "version",
    "service",
    "org_id",
    "project_id",
    "output",
    "public_api_key",
    "private_api_key",
    "access_token",
    "refresh_token",
    "client_id",
    "client_secret",
    "auth_type",
    "ops_manager_url",
    "base_url",
    "account_url",
    "http_timeout",
    "http_connect_timeout",
    "telemetry_enabled",
];

const VALUES: &[&str] = &[
    "\"\"",
    "\"cloud\"",
    "\"cloudgov\"",
    "\"api_keys\"",
    "\"user_account\"",
    "\"service_account\"",
    "\"no_auth\"",
    "\"http://127.0.0.1:1\"",
    "\"https://h/\"",
    "\"http://u:p@h\"",
    "\"ftp://x\"",
    "\"2.5\"",
    "\"-1\"",
    "\"1e400\"",
    "\"nan\"",
    "\"inf\"",
    "\"1e-320\"",
    "\"86400.0000001\"",
    "2",
    "0",
    "-9223372036854775808",
    "1e308",
    "nan",
    "-inf",
    "true",
    "[1, \"a\"]",
    "{ a = 1 }",
    "1979-05-27T07:32:00Z",
    "\"a.b.c\"",
    "\"eyJhbGciOiJub25lIn0.eyJleHAiOjF9.\"",
    "'''x\ny'''",
];

fn toml_value(rng: &mut StdRng) -> String {
    if rng.random_bool(0.8) {
        pick(rng, VALUES).to_string()
    } else {
        format!("{:?}", odd_text(rng, 10))
    }
}

fn toml_text(rng: &mut StdRng) -> String {
    let mut text = String::new();
    for _ in 0..rng.random_range(0..4) {
        text += &format!("{} = {}\n", pick(rng, KEYS), toml_value(rng));
    }
    for _ in 0..rng.random_range(0..3) {
        let name = match rng.random_range(0..4) {
            0 => "default".to_string(),
            1 => pick(rng, &["work", "a.b", "\"q.uoted\"", "Default", "é"]).to_string(),
            _ => format!("{:?}", odd_text(rng, 5)),
        };
        text += &format!("[{name}]\n");
        for _ in 0..rng.random_range(0..6) {
            text += &format!("{} = {}\n", pick(rng, KEYS), toml_value(rng));
        }
    }
    // Sometimes damage it, to reach the TOML parser's error paths.
    if rng.random_bool(0.2) && !text.is_empty() {
        let mut chars: Vec<char> = text.chars().collect();
        let at = rng.random_range(0..chars.len());
        match rng.random_range(0..3) {
            0 => chars.truncate(at),
            1 => chars.insert(at, ODD[rng.random_range(0..ODD.len())]),
            _ => {
                chars.remove(at);
            }
        }
        text = chars.into_iter().collect();
    }
    text
}

fn random_env(rng: &mut StdRng) -> Vec<(String, String)> {
    let mut vars = Vec::new();
    for _ in 0..rng.random_range(0..4) {
        let key = pick(rng, KEYS).to_ascii_uppercase();
        let value = match rng.random_range(0..3) {
            0 => odd_text(rng, 8),
            _ => pick(rng, VALUES).trim_matches('"').to_string(),
        };
        vars.push((format!("MONGODB_ATLAS_{key}"), value));
    }
    if rng.random_bool(0.3) {
        vars.push(("MONGODB_ATLAS_PROFILE".into(), odd_text(rng, 4)));
    }
    if rng.random_bool(0.2) {
        let proxy = pick(rng, &["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"]);
        vars.push((proxy.into(), odd_text(rng, 8)));
    }
    vars
}

#[derive(Debug)]
struct Settings {
    text: String,
    env: Vec<(String, String)>,
    profile_flag: Option<String>,
}

#[test]
fn no_config_file_or_environment_panics_the_settings() {
    let make = |rng: &mut StdRng| Settings {
        text: toml_text(rng),
        env: random_env(rng),
        profile_flag: rng.random_bool(0.3).then(|| odd_text(rng, 4)),
    };
    run("config", make, |input| {
        let env = Env::from_pairs(input.env.iter().cloned());
        let Ok(file) = ConfigFile::parse(&input.text) else {
            return;
        };
        let Ok(profile) = config::choose_profile(&env, &file, input.profile_flag.as_deref()) else {
            return;
        };
        let keyring = Err(Unavailable::Absent("no keyring in fuzz tests".into()));
        let _ = config::resolve_with(&env, &file, None, &profile, keyring);
    });
}

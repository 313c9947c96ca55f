//! Attacks on command identity and on the terminal (the hostile plugin's `identity` build, one
//! attack per patched copy), each on both runtimes: no plugin takes another's command or a
//! built-in, no `describe` makes the host panic, overflow its stack or spend its time, a failed
//! `describe` costs its timeout once, and an install never silently replaces a plugin. The
//! terminal attacks, on the same worlds, are in `terminal.rs`.

use std::time::{Duration, Instant};

use crate::support::*;

pub(super) const RUNTIMES: [&str; 2] = ["fast", "extism"];
const PLACEHOLDER: &[u8] = b"@@IDENTITY-ATTACK-NAME@@";
const TIMEOUT_MS: u64 = 2000;

/// The identity build with `attack` written over its placeholder.
pub(super) fn attack_wasm(attack: &str) -> Vec<u8> {
    assert!(attack.len() <= PLACEHOLDER.len());
    let mut bytes = std::fs::read(hostile_wasm(Some("identity"))).unwrap();
    let at = bytes
        .windows(PLACEHOLDER.len())
        .position(|w| w == PLACEHOLDER)
        .expect("the identity build keeps its placeholder");
    let name = format!("{attack:<width$}", width = PLACEHOLDER.len());
    bytes[at..at + PLACEHOLDER.len()].copy_from_slice(name.as_bytes());
    bytes
}

/// A cache directory per runtime for this test run: every attack copy is described by each
/// runtime itself (the copies differ, so the describe cache never answers for another attack),
/// while compiled code is shared between the worlds of a runtime.
fn runtime_cache(runtime: &str) -> std::path::PathBuf {
    static DIRS: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let root = DIRS.get_or_init(|| {
        let tmp = shared_cache().parent().unwrap().join("it-tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        tempfile::tempdir_in(tmp).unwrap()
    });
    root.path().join(runtime)
}

/// Where the real create plugin sits, and where the attacker is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Layout {
    /// Real bundled beside the binary (as shipped), attacker in the development directory.
    BundledThenDev,
    /// Real bundled, attacker installed with `atlas plugin install`.
    BundledThenInstalled,
    /// Both in the development directory, the attacker's file sorting after the real one.
    DevBoth,
}

pub(super) struct World {
    sandbox: Sandbox,
    pub(super) emulator: Emulator,
    /// How messages name the attacker.
    pub(super) label: String,
    /// The attacker's file, outside the plugin directories.
    file: std::path::PathBuf,
}

impl World {
    pub(super) fn new(attack: &str, runtime: &str, layout: Layout) -> Self {
        let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
        let mut sandbox = match layout {
            Layout::DevBoth => Sandbox::new(),
            _ => Sandbox::empty(),
        };
        let cache = runtime_cache(runtime).display().to_string();
        sandbox
            .against(&emulator)
            .env("ATLAS_CLI_RUNTIME", runtime)
            .env("XDG_CACHE_HOME", &cache)
            .env("ATLAS_CLI_PLUGIN_TIMEOUT_MS", &TIMEOUT_MS.to_string());
        let label = format!("hostile-{attack}.wasm");
        // An installed plugin's file is named after the plugin.
        let shown = match layout {
            Layout::BundledThenInstalled => "hostile-identity.wasm".to_string(),
            _ => label.clone(),
        };
        let file = sandbox.dir.path().join(&label);
        std::fs::write(&file, attack_wasm(attack)).unwrap();
        match layout {
            Layout::DevBoth | Layout::BundledThenDev => {
                std::fs::copy(&file, sandbox.plugins_dir().join(&label)).unwrap();
            }
            Layout::BundledThenInstalled => {
                let run = sandbox.run(&["plugin", "install", file.to_str().unwrap()]);
                assert_eq!(run.code, 0, "{run:?}");
            }
        }
        if !matches!(layout, Layout::DevBoth) {
            std::fs::copy(create_wasm(), sandbox.bundled_dir().join("create.wasm")).unwrap();
        }
        Self {
            sandbox,
            emulator,
            label: shown,
            file,
        }
    }

    pub(super) fn run(&self, args: &[&str]) -> Run {
        let run = self.sandbox.run(args);
        assert_ne!(run.code, 101, "the host panicked: {run:?}");
        assert!(!run.stderr.contains("panicked"), "{run:?}");
        run
    }
}

/// The real create command answers (its own validation, before any request), by name and alias.
fn real_create_answers(world: &World) {
    for first in ["organizations", "org"] {
        let run = world.run(&[first, "apiKeys", "create", "--orgId", "x"]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(
            run.stderr
                .ends_with("Error: the provided value 'x' is not a valid ID\n"),
            "{first}: {}",
            run.stderr
        );
        assert!(!run.stdout.contains("impostor"), "{run:?}");
    }
    assert!(
        world.emulator.requests().is_empty(),
        "the impostor sent its request"
    );
}

#[test]
fn no_plugin_takes_another_command_by_name_or_alias_from_either_side() {
    let attacks = [
        (
            "alias-is-a-name",
            "orgz apiKeys create",
            "\"organizations\" is already the name of a command",
        ),
        (
            "name-is-an-alias",
            "org apiKeys create",
            "\"org\" is already an alias of \"organizations\"",
        ),
        (
            "group-over-command",
            "organizations apiKeys create now",
            "\"create\" is a command of",
        ),
    ];
    for runtime in RUNTIMES {
        for layout in [
            Layout::BundledThenDev,
            Layout::BundledThenInstalled,
            Layout::DevBoth,
        ] {
            for (attack, words, why) in attacks {
                let world = World::new(attack, runtime, layout);
                real_create_answers(&world);
                let run = world.run(&["organizations", "apiKeys", "create", "now", "--orgId", "x"]);
                assert!(
                    !run.stdout.contains("impostor ran"),
                    "{runtime} {layout:?} {run:?}"
                );
                let warning = format!(
                    "warning: plugin {}: ignoring command \"{words}\": {why}",
                    world.label
                );
                assert!(
                    run.stderr.contains(&warning),
                    "{runtime} {layout:?}: {}",
                    run.stderr
                );
                assert!(
                    world.emulator.requests().is_empty(),
                    "{runtime} {layout:?} {attack}"
                );
                let ok = world.run(&["hostile-id", "ok"]);
                assert_eq!(
                    ok.stderr.lines().last(),
                    Some(format!("Error: {attack} ran").as_str())
                );
                if matches!(layout, Layout::BundledThenInstalled) {
                    // Installed before atlas bundled the real command; installing now is refused.
                    let file = &world.file;
                    let again =
                        world.run(&["plugin", "install", "--force", file.to_str().unwrap()]);
                    assert_eq!(again.code, 1, "{again:?}");
                    let want = format!("command \"{words}\": {why}");
                    assert!(again.stderr.contains(&want), "{want} in {}", again.stderr);
                }
            }
        }
    }
}

#[test]
fn declarations_that_would_make_clap_panic_are_refused_and_every_command_still_works() {
    let attacks = [
        (
            "duplicate-alias",
            "hostile-id dup",
            "\"dup\" declares the alias \"d\" twice",
        ),
        (
            "own-name-alias",
            "hostile-id me",
            "\"me\" declares the alias \"me\" twice or as its own name",
        ),
        (
            "built-in-alias",
            "hostile-x list",
            "\"plugin\" is a built-in command",
        ),
        (
            "help-alias",
            "hostile-id h",
            "\"help\" is a built-in command",
        ),
        (
            "flag-help",
            "hostile-id flags",
            "flag \"help\" is invalid, reserved or declared twice",
        ),
        (
            "flag-version",
            "hostile-id flags",
            "flag \"version\" is invalid",
        ),
        (
            "flag-args",
            "hostile-id flags",
            "flag \"__args\" is invalid",
        ),
        (
            "short-clash",
            "hostile-id flags",
            "shorthand \"x\" of flag \"b\" is invalid or taken",
        ),
        (
            "short-help",
            "hostile-id flags",
            "shorthand \"h\" of flag \"a\" is invalid or taken",
        ),
        ("bad-words", "", "\"\" is not a valid command word"),
        (
            "bad-words",
            "hostile id",
            "\"hostile id\" is not a valid command word",
        ),
        (
            "bad-words",
            "hostile-id x",
            "\"a\\u{1b}[2J\" is not a valid command word",
        ),
        (
            "bad-words",
            "hostile-id",
            "\"hostile-\\u{202e}id\" is not a valid command word",
        ),
    ];
    for runtime in RUNTIMES {
        for (attack, words, why) in attacks {
            let world = World::new(attack, runtime, Layout::DevBoth);
            let warning = format!(
                "warning: plugin {}: ignoring command \"{words}\": {why}",
                world.label
            );
            for args in [
                &["--help"][..],
                &["plugin", "list"],
                &["hostile-id", "--help"],
            ] {
                let run = world.run(args);
                assert_eq!(run.code, 0, "{runtime} {attack} {args:?}: {run:?}");
                assert!(
                    run.stderr.contains(&warning),
                    "{runtime} {args:?}: {}",
                    run.stderr
                );
            }
            let ok = world.run(&["hostile-id", "ok"]);
            assert!(
                ok.stderr.ends_with(&format!("Error: {attack} ran\n")),
                "{ok:?}"
            );
            real_create_answers(&world);
        }
    }
}

#[test]
fn describes_beyond_the_bounds_are_refused_quickly_without_overflowing_the_stack() {
    let attacks = [
        (
            "many-commands",
            "skipping a plugin: plugin hostile-many-commands.wasm: it declares 20000 commands, more than the 1000 a plugin may declare",
        ),
        (
            "deep-path",
            "skipping a plugin: plugin hostile-deep-path.wasm: command \"hostile-deep d d d",
        ),
        ("deep-path", "its path has 150001 words, more than 8"),
        (
            "long-help",
            "skipping a plugin: plugin hostile-long-help.wasm: command \"hostile-id long\": its long help is 1048576 characters long, more than 20000",
        ),
    ];
    for runtime in RUNTIMES {
        for (attack, want) in attacks {
            let world = World::new(attack, runtime, Layout::DevBoth);
            // The first run describes and caches; the second reads the cache.
            for round in 0..2 {
                let started = Instant::now();
                let run = world.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
                let took = started.elapsed();
                assert!(
                    run.stderr.contains(want),
                    "{runtime} {attack}: {}",
                    run.stderr
                );
                assert!(
                    run.stderr
                        .ends_with("Error: the provided value 'x' is not a valid ID\n")
                );
                assert!(run.stderr.len() < 4096, "{} bytes", run.stderr.len());
                assert!(
                    took < Duration::from_secs(10),
                    "{runtime} {attack} round {round}: {took:?}"
                );
            }
            // Help builds the whole tree: with 20,000 commands in it, this took over a minute.
            let started = Instant::now();
            let help = world.run(&["--help"]);
            let took = started.elapsed();
            assert_eq!(help.code, 0, "{help:?}");
            assert!(help.stderr.contains(want), "{}", help.stderr);
            assert!(
                took < Duration::from_secs(10),
                "{runtime} {attack} help: {took:?}"
            );
            let file = &world.file;
            let install = world.run(&["plugin", "install", file.to_str().unwrap()]);
            if attack == "many-commands" {
                assert_eq!(install.code, 1, "{install:?}");
                assert!(
                    install.stderr.contains("it declares 20000 commands"),
                    "{install:?}"
                );
            } else {
                assert_eq!(install.code, 1, "{install:?}");
                assert!(install.stderr.contains("more than"), "{install:?}");
            }
        }
    }
}

#[test]
fn a_failed_describe_is_remembered_per_content_and_costs_its_timeout_once() {
    let limit = Duration::from_millis(TIMEOUT_MS);
    for runtime in RUNTIMES {
        for (attack, why) in [
            (
                "describe-loop",
                "`describe` failed: the plugin ran past its time limit of 2s",
            ),
            ("describe-trap", "`describe` failed: the plugin crashed"),
        ] {
            let world = World::new(attack, runtime, Layout::DevBoth);
            let first = format!("warning: skipping a plugin: plugin {}: {why}", world.label);
            let mut took = Vec::new();
            for _ in 0..2 {
                let started = Instant::now();
                let run = world.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
                took.push(started.elapsed());
                assert!(run.stderr.starts_with(&first), "{runtime}: {}", run.stderr);
                assert!(
                    run.stderr
                        .ends_with("Error: the provided value 'x' is not a valid ID\n")
                );
            }
            let again = world.run(&["--help"]);
            assert!(
                again
                    .stderr
                    .contains("help: it failed the same way on an earlier run"),
                "{again:?}"
            );
            if attack == "describe-loop" {
                assert!(
                    took[0] >= limit,
                    "the first run waits for the limit: {took:?}"
                );
                assert!(
                    took[1] < limit,
                    "{runtime}: the second run must not: {took:?}"
                );
            }
        }
    }
}

#[test]
fn installing_a_plugin_under_an_installed_plugins_name_needs_force() {
    for runtime in RUNTIMES {
        let world = World::new("same-name", runtime, Layout::DevBoth);
        let sandbox = &world.sandbox;
        let create = create_wasm();
        let install = |args: &[&str]| world.run(&[&["plugin", "install"][..], args].concat());
        assert_eq!(install(&[create.to_str().unwrap()]).code, 0);
        std::fs::remove_file(sandbox.plugins_dir().join("atlas_apikeys_create.wasm")).unwrap();
        let impostor = sandbox.plugins_dir().join(&world.label);
        let impostor = impostor.to_str().unwrap();
        let run = install(&[impostor]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(
            run.stderr.starts_with(&format!(
                "Error: cannot install {impostor}: plugin \"apikeys-create\" is already installed (sha256 "
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.ends_with(&format!(
            "help: to replace it, run `atlas plugin install --force {impostor}`, or uninstall it first: atlas plugin uninstall apikeys-create\n"
        )), "{}", run.stderr);
        std::fs::remove_file(impostor).unwrap();
        real_create_answers(&world);
        assert_eq!(
            install(&[create.to_str().unwrap()]).code,
            0,
            "the same content reinstalls"
        );
        std::fs::write(impostor, attack_wasm("same-name")).unwrap();
        let forced = install(&["--force", impostor]);
        assert_eq!(forced.code, 0, "{forced:?}");
        std::fs::remove_file(impostor).unwrap();
        let run = world.run(&["hostile-same", "run"]);
        assert_eq!(run.stderr, "Error: same-name ran\n", "{runtime}");
    }
}

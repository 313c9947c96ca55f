//! Start-up with the bundled plugins (issue 13 §4): the describe index that `scripts/build`
//! writes beside them answers `--help` and dispatch without compiling, but only for files whose
//! content still has the recorded sha256, and a plugin runs only once its own `describe` agrees
//! with the index; a first-use compile says so on a terminal, and only then.

use std::path::{Path, PathBuf};

use crate::support::*;

/// The index `scripts/build` wrote beside the shipped plugins.
fn built_index() -> String {
    std::fs::read_to_string(create_wasm().with_file_name("describe-index.json"))
        .expect("target/plugins/describe-index.json: build it with scripts/build")
}

/// Every shipped plugin (`target/plugins/*.wasm`).
fn shipped() -> Vec<PathBuf> {
    let dir = create_wasm().with_file_name("");
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    all.sort();
    all
}

/// A sandbox with no development plugins and its own empty cache; returns the cache directory.
fn cold() -> (Sandbox, PathBuf) {
    let mut sandbox = Sandbox::empty();
    let cache = sandbox.dir.path().join("cache");
    sandbox.env("XDG_CACHE_HOME", cache.to_str().unwrap());
    (sandbox, cache)
}

/// The compiled plugins in `cache`.
fn compiled(cache: &Path) -> usize {
    std::fs::read_dir(cache.join("atlascli/aot")).map_or(0, |dir| {
        dir.filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".cwasm") && !name.starts_with("kernel-")
        })
        .count()
    })
}

/// Bundles `wasm` as `name` beside the sandbox's `atlas`, with a describe index recording
/// `indexed`'s sha256 and its describe output with the short help of `create` marked.
fn bundle(sandbox: &Sandbox, wasm: &Path, name: &str, indexed: &Path) {
    let dir = sandbox.bundled_dir();
    std::fs::copy(wasm, dir.join(name)).unwrap();
    let built = built_index();
    let sha = atlas_cli::index::sha256_hex(&std::fs::read(indexed).unwrap());
    assert!(built.contains(&sha), "the built index records {sha}");
    let marked = built.replace(
        "Create an API Key for your organization.",
        "MARKED short help",
    );
    std::fs::write(dir.join("describe-index.json"), marked).unwrap();
}

#[test]
fn all_eight_bundled_plugins_with_an_empty_cache_list_what_their_files_declare_compiling_none() {
    let plugins = shipped();
    assert_eq!(plugins.len(), 8, "{plugins:?}");
    let (indexed, indexed_cache) = cold();
    let (unindexed, unindexed_cache) = cold();
    for plugin in &plugins {
        let name = plugin.file_name().unwrap();
        std::fs::copy(plugin, indexed.bundled_dir().join(name)).unwrap();
        std::fs::copy(plugin, unindexed.bundled_dir().join(name)).unwrap();
    }
    std::fs::write(
        indexed.bundled_dir().join("describe-index.json"),
        built_index(),
    )
    .unwrap();
    for help in [
        &["--help"][..],
        &["organizations", "apiKeys", "--help"],
        &["organizations", "apiKeys", "accessLists", "--help"],
        &["organizations", "apiKeys", "create", "--help"],
    ] {
        let fast = indexed.run(help);
        let slow = unindexed.run(help);
        assert_eq!(fast.code, 0, "{fast:?}");
        assert_eq!((&fast.stdout, &fast.stderr), (&slow.stdout, &slow.stderr));
    }
    assert_eq!(compiled(&indexed_cache), 0, "the index answered for all 8");
    assert_eq!(
        compiled(&unindexed_cache),
        8,
        "without it, each was compiled"
    );
    // A command (the narrow pass decodes only the entries that may declare its words): the
    // same refusal from the plugin's own `plan`, and only that plugin compiled.
    let args = ["organizations", "apiKeys", "create"];
    let (fast, slow) = (indexed.run(&args), unindexed.run(&args));
    assert_eq!(fast.code, 1, "{fast:?}");
    assert_eq!((&fast.stdout, &fast.stderr), (&slow.stdout, &slow.stderr));
    assert_eq!(compiled(&indexed_cache), 1, "only the plugin that ran");
}

#[test]
fn a_bundled_plugin_is_described_from_the_index_while_its_file_matches_it() {
    let (sandbox, cache) = cold();
    bundle(
        &sandbox,
        &create_wasm(),
        "atlas_apikeys_create.wasm",
        &create_wasm(),
    );
    let run = sandbox.run(&["organizations", "apiKeys", "--help"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("MARKED short help"), "{}", run.stdout);
    assert_eq!(compiled(&cache), 0, "help compiled nothing");
}

#[test]
fn a_bundled_plugin_whose_file_no_longer_matches_the_index_is_described_from_the_file() {
    let (sandbox, _) = cold();
    // The file named as the create plugin is now the list plugin: the index's entry is not its.
    let list = wasm("atlas_apikeys_list");
    bundle(&sandbox, &list, "atlas_apikeys_create.wasm", &create_wasm());
    let run = sandbox.run(&["organizations", "apiKeys", "--help"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("MARKED"), "{}", run.stdout);
    assert!(!run.stdout.contains("create"), "{}", run.stdout);
    assert!(run.stdout.contains("list"), "{}", run.stdout);
}

#[test]
fn a_plugin_whose_own_describe_differs_from_the_index_does_not_run() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (mut sandbox, _) = cold();
    bundle(
        &sandbox,
        &create_wasm(),
        "atlas_apikeys_create.wasm",
        &create_wasm(),
    );
    let run = sandbox.against(&emulator).run(SEED);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("its describe does not match what")
            && run.stderr.contains("describe-index.json records for it"),
        "{}",
        run.stderr
    );
    assert!(emulator.requests().is_empty(), "nothing was sent");
}

#[test]
fn a_plugin_confirmed_against_the_index_runs_and_is_described_from_the_cache_after() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (mut sandbox, cache) = cold();
    let dir = sandbox.bundled_dir();
    std::fs::copy(create_wasm(), dir.join("atlas_apikeys_create.wasm")).unwrap();
    std::fs::write(dir.join("describe-index.json"), built_index()).unwrap();
    let run = sandbox.against(&emulator).run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        exchanges(&emulator).len(),
        2,
        "the seed example's two requests"
    );
    // The plugin's own answer is cached now: an index that lies from here on is not read.
    let sha = atlas_cli::index::sha256_hex(&std::fs::read(create_wasm()).unwrap());
    let describe_dir = format!("atlascli/describe-{}", env!("CARGO_PKG_VERSION"));
    assert!(
        cache
            .join(describe_dir)
            .join(format!("{sha}.json"))
            .is_file()
    );
    bundle(
        &sandbox,
        &create_wasm(),
        "atlas_apikeys_create.wasm",
        &create_wasm(),
    );
    let help = sandbox.run(&["organizations", "apiKeys", "--help"]);
    assert!(!help.stdout.contains("MARKED"), "{}", help.stdout);
    assert_eq!(sandbox.run(SEED).code, 0);
    assert_eq!(compiled(&cache), 1, "compiled once, then reused");
}

#[test]
fn a_compile_says_so_on_a_terminal_and_only_then() {
    let line = "compiling plugin atlas_apikeys_create.wasm (first use)…";
    // Bundled and indexed: help and the parse of a command compile nothing, and say nothing.
    let (bundled, _) = cold();
    let dir = bundled.bundled_dir();
    std::fs::copy(create_wasm(), dir.join("atlas_apikeys_create.wasm")).unwrap();
    std::fs::write(dir.join("describe-index.json"), built_index()).unwrap();
    let help = bundled.run_on_terminal(&["organizations", "apiKeys", "--help"], "");
    assert!(help.stdout.contains("Create an API Key"), "{}", help.stdout);
    assert!(!help.stdout.contains("compiling"), "{}", help.stdout);

    // `create` without flags: the plugin runs (`plan` refuses) and nothing is sent.
    let args = ["organizations", "apiKeys", "create"];
    let (sandbox, cache) = cold();
    sandbox.add_plugin(&create_wasm());
    let first = sandbox.run_on_terminal(&args, "");
    assert!(first.stdout.starts_with(line), "{}", first.stdout);
    assert_eq!(
        first.stdout.matches("compiling").count(),
        1,
        "{}",
        first.stdout
    );
    let again = sandbox.run_on_terminal(&args, "");
    assert!(!again.stdout.contains("compiling"), "{}", again.stdout);
    assert!(
        again.stdout.contains("required flag"),
        "the same refusal: {}",
        again.stdout
    );
    // A changed file is new content: compiled (and said) again, never its old artifact.
    let mut changed = std::fs::read(create_wasm()).unwrap();
    // A custom section appended: the same code, another sha256.
    changed.extend_from_slice(&[0, 4, 3, b'a', b'b', b'c']);
    std::fs::write(
        sandbox.plugins_dir().join("atlas_apikeys_create.wasm"),
        changed,
    )
    .unwrap();
    let changed_run = sandbox.run_on_terminal(&args, "");
    assert!(
        changed_run.stdout.starts_with(line),
        "{}",
        changed_run.stdout
    );
    assert_eq!(compiled(&cache), 2, "one artifact per content");

    // Not on a terminal (a pipe, a log): the same run says nothing of it.
    let (piped, _) = cold();
    piped.add_plugin(&create_wasm());
    let run = piped.run(&args);
    assert!(!run.stderr.contains("compiling"), "{}", run.stderr);
    assert!(run.stderr.contains("required flag"), "{}", run.stderr);
}

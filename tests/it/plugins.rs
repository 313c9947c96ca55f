//! `atlas plugin install|list|uninstall|verify`, sha256 pins, and the describe cache.

use crate::support::*;

fn install(sandbox: &Sandbox, file: &std::path::Path) -> Run {
    sandbox.run(&["plugin", "install", file.to_str().unwrap()])
}

#[test]
fn install_pins_lists_and_runs_the_plugin() {
    let sandbox = Sandbox::empty();
    let run = install(&sandbox, &create_wasm());
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr
            .starts_with("Installed plugin \"apikeys-create\" 0.1.0 (sha256 "),
        "{}",
        run.stderr
    );
    let index: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            sandbox
                .dir
                .path()
                .join("config/atlascli/plugins/index.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let entry = &index["plugins"][0];
    assert_eq!(entry["name"], "apikeys-create");
    assert_eq!(entry["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        entry["describe"]["commands"][0]["flags"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let list = sandbox.run(&["plugin", "list"]);
    assert!(
        list.stdout
            .starts_with("NAME             VERSION   ABI   ORIGIN      SHA256         SOURCE"),
        "{}",
        list.stdout
    );
    let row = list.stdout.lines().nth(1).unwrap();
    assert!(
        row.starts_with("apikeys-create   0.1.0     1     installed   "),
        "{row}"
    );
    assert!(
        row.contains(create_wasm().to_str().unwrap()),
        "the source file: {row}"
    );
    assert!(list.stdout.ends_with("organizations apiKeys create\n"));
    let run = sandbox.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
    assert_eq!(
        run.stderr,
        "Error: the provided value 'x' is not a valid ID\n"
    );
    assert_eq!(sandbox.run(&["plugin", "verify"]).code, 0);
}

#[test]
fn a_tampered_installed_plugin_is_refused_with_how_to_reinstall() {
    let sandbox = Sandbox::empty();
    assert_eq!(install(&sandbox, &create_wasm()).code, 0);
    let file = sandbox
        .dir
        .path()
        .join("config/atlascli/plugins/apikeys-create.wasm");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.extend([0u8, 4, 1, b'x', 1, 2]); // a custom section: still valid wasm, other content
    std::fs::write(&file, bytes).unwrap();
    let run = sandbox.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "Error: plugin apikeys-create.wasm: {} does not match the sha256 recorded for it\nhelp: reinstall it from a file you trust: atlas plugin install <file.wasm>\n",
            file.display()
        )
    );
    let verify = sandbox.run(&["plugin", "verify"]);
    assert_eq!(verify.code, 1);
    assert!(verify.stdout.contains("MODIFIED"), "{verify:?}");
    assert!(
        verify
            .stderr
            .starts_with("Error: 1 installed plugin(s) do not match"),
        "{}",
        verify.stderr
    );
    assert_eq!(
        install(&sandbox, &create_wasm()).code,
        0,
        "reinstalling repairs it"
    );
    assert_eq!(sandbox.run(&["plugin", "verify"]).code, 0);
}

#[test]
fn uninstall_removes_the_command() {
    let sandbox = Sandbox::empty();
    assert_eq!(install(&sandbox, &create_wasm()).code, 0);
    let run = sandbox.run(&["plugin", "uninstall", "apikeys-create"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, "Uninstalled plugin \"apikeys-create\"\n")
    );
    let run = sandbox.run(&["organizations", "apiKeys", "create"]);
    assert!(
        run.stderr
            .starts_with("Error: unknown command \"organizations\" for \"atlas\""),
        "{}",
        run.stderr
    );
    let run = sandbox.run(&["plugin", "uninstall", "apikeys-create"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("Error: plugin \"apikeys-create\" is not installed")
    );
}

#[test]
fn install_refuses_a_command_another_installed_plugin_provides() {
    let sandbox = Sandbox::empty();
    assert_eq!(install(&sandbox, &create_wasm()).code, 0);
    let run = install(&sandbox, &hostile_wasm(Some("claims-taken")));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("command \"organizations apiKeys create\" is already provided by plugin \"apikeys-create\""),
        "{}",
        run.stderr
    );
    let run = install(&sandbox, &hostile_wasm(Some("claims-builtin")));
    assert!(
        run.stderr.contains("\"plugin\" is a built-in command"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_stray_file_in_the_install_directory_is_ignored_with_advice() {
    let sandbox = Sandbox::empty();
    let dir = sandbox.dir.path().join("config/atlascli/plugins");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(create_wasm(), dir.join("dropped.wasm")).unwrap();
    let run = sandbox.run(&["organizations"]);
    assert!(
        run.stderr
            .contains("dropped.wasm is not installed, so it is ignored"),
        "{}",
        run.stderr
    );
}

#[test]
fn development_plugins_are_described_once_per_content_not_per_run() {
    let mut sandbox = Sandbox::new();
    let cache = sandbox.dir.path().join("cache");
    sandbox.env("XDG_CACHE_HOME", cache.to_str().unwrap());
    let sha = atlas_cli::index::sha256_hex(&std::fs::read(create_wasm()).unwrap());
    let entry = cache.join(format!(
        "atlascli/describe-{}/{sha}.json",
        env!("CARGO_PKG_VERSION")
    ));
    assert_eq!(sandbox.run(&["--help"]).code, 0);
    let cached = std::fs::read_to_string(&entry).expect("describe output cached by sha256");
    // Later runs read the cache instead of running the plugin: a marked entry shows through.
    let marked = cached.replace(
        "Create an API Key for your organization.",
        "MARKED short help",
    );
    std::fs::write(&entry, marked).unwrap();
    let run = sandbox.run(&["organizations", "apiKeys", "--help"]);
    assert!(run.stdout.contains("MARKED short help"), "{}", run.stdout);
}

#[test]
fn the_readme_example_plugin_adds_a_command_without_touching_the_host() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    let host = std::fs::read(env!("CARGO_BIN_EXE_atlas")).unwrap();
    assert_eq!(install(&sandbox, &test_wasm("hello-plugin", None)).code, 0);
    assert_eq!(
        sandbox
            .run(&[
                "organizations",
                "apiKeys",
                "create",
                "--role",
                "ORG_MEMBER",
                "--desc",
                "one"
            ])
            .code,
        0
    );
    let run = sandbox.run(&["hello", "keys"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "1 API keys\n", "")
    );
    assert_eq!(
        std::fs::read(env!("CARGO_BIN_EXE_atlas")).unwrap(),
        host,
        "the host binary is unchanged"
    );
}

#[test]
fn a_command_run_decodes_only_installed_plugins_that_name_a_typed_word() {
    let sandbox = Sandbox::empty();
    assert_eq!(install(&sandbox, &create_wasm()).code, 0);
    assert_eq!(install(&sandbox, &test_wasm("hello-plugin", None)).code, 0);
    // Break the hello plugin's entry the way a host upgrade would: another ABI.
    let path = sandbox
        .dir
        .path()
        .join("config/atlascli/plugins/index.json");
    let mut index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(index["plugins"][1]["name"], "hello");
    index["plugins"][1]["describe"]["abi_version"] = 99.into();
    std::fs::write(&path, serde_json::to_vec(&index).unwrap()).unwrap();
    let warning = "warning: skipping a plugin: plugin hello.wasm speaks plugin ABI 99";

    // Running another plugin's command never decodes it, so nothing about it is said.
    let run = sandbox.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
    assert_eq!(
        run.stderr,
        "Error: the provided value 'x' is not a valid ID\n"
    );
    // Its own words, help and errors decode every entry.
    for args in [&["hello", "keys"][..], &["--help"], &["nope"]] {
        let run = sandbox.run(args);
        assert!(run.stderr.starts_with(warning), "{args:?}: {}", run.stderr);
    }
}

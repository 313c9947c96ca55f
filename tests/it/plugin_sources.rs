//! Plugins from where plugins live: `atlas plugin install <https-URL> --sha256 <hex>` over the
//! emulator's HTTPS (its test CA trusted through `SSL_CERT_FILE`), `atlas plugin update` from
//! the recorded source, and `atlas plugin list` with the bundled plugins and every source. Every
//! refusal leaves the plugins directory as it was.

use std::path::{Path, PathBuf};

use crate::support::*;

/// A sandbox trusting `emulator`'s test CA (and with its API keys, which a download never sends).
fn trusting(emulator: &Emulator) -> Sandbox {
    let mut sandbox = Sandbox::empty();
    let ca = sandbox.dir.path().join("ca.pem");
    std::fs::write(&ca, emulator.ca_pem().unwrap()).unwrap();
    sandbox
        .against(emulator)
        .env("SSL_CERT_FILE", ca.to_str().unwrap());
    sandbox
}

fn sha256(bytes: &[u8]) -> String {
    atlas_cli::index::sha256_hex(bytes)
}

fn installed_dir(sandbox: &Sandbox) -> PathBuf {
    sandbox.dir.path().join("config/atlascli/plugins")
}

fn index(sandbox: &Sandbox) -> serde_json::Value {
    let path = installed_dir(sandbox).join("index.json");
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap(),
        Err(_) => serde_json::json!({ "plugins": [] }),
    }
}

/// The plugins directory's files, but for the lock file (made by the first install).
fn files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".index.json.lock")
        .collect();
    names.sort();
    names
}

/// The same plugin with other content: a custom section appended (still valid wasm).
fn another_build(bytes: &[u8]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    bytes.extend([0u8, 4, 1, b'x', 1, 2]);
    bytes
}

#[test]
fn installs_a_plugin_from_an_https_url_pinned_by_sha256_without_credentials() {
    let emulator = Emulator::start_tls(EmulatorConfig::default()).unwrap();
    let bytes = std::fs::read(create_wasm()).unwrap();
    let url = emulator.serve_download("apikeys-create.wasm", bytes.clone());
    let sandbox = trusting(&emulator);
    let pin = sha256(&bytes).to_uppercase(); // either case
    let run = sandbox.run(&["plugin", "install", &url, "--sha256", &pin]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr
            .starts_with("Installed plugin \"apikeys-create\" 0.1.0 (sha256 "),
        "{}",
        run.stderr
    );
    let entry = &index(&sandbox)["plugins"][0];
    assert_eq!(entry["source"], serde_json::json!({ "url": url }));
    assert_eq!(entry["sha256"], sha256(&bytes));
    assert_eq!(
        std::fs::read(installed_dir(&sandbox).join("apikeys-create.wasm")).unwrap(),
        bytes
    );
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].path, "/downloads/apikeys-create.wasm");
    assert_eq!(requests[0].header("authorization"), None, "no credentials");
    let run = sandbox.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
    assert_eq!(
        run.stderr,
        "Error: the provided value 'x' is not a valid ID\n"
    );
    let list = sandbox.run(&["plugin", "list"]);
    let row = list.stdout.lines().nth(1).unwrap_or_default().to_string();
    assert!(
        row.starts_with("apikeys-create   0.1.0     1     installed   "),
        "{list:?}"
    );
    assert!(row.contains(&format!("   {url}   ")), "{row}");
}

#[test]
fn a_bad_url_install_is_refused_with_nothing_written() {
    let emulator = Emulator::start_tls(EmulatorConfig::default()).unwrap();
    let wasm = std::fs::read(create_wasm()).unwrap();
    let url = emulator.serve_download("p.wasm", wasm.clone());
    let page = emulator.serve_download("page.wasm", b"<html>a release page</html>".to_vec());
    let big = [b"\0asm\x01\0\0\0".to_vec(), vec![0; 16 << 20]].concat();
    let huge = emulator.serve_download("huge.wasm", big.clone());
    let builtin = std::fs::read(hostile_wasm(Some("claims-builtin"))).unwrap();
    let rejected = emulator.serve_download("builtin.wasm", builtin.clone());
    let missing = format!("{}/downloads/missing.wasm", emulator.base_url());
    let plain = url.replacen("https://", "http://", 1);
    let pin = sha256(&wasm);
    let other = sha256(b"other");
    let (big_pin, builtin_pin) = (sha256(&big), sha256(&builtin));
    // (arguments, what the error says, requests sent)
    let table: Vec<(Vec<&str>, String, usize)> = vec![
        (vec![&url], "a URL needs the sha256".into(), 0),
        (vec![&url, "--sha256", "abc"], "is not a sha256".into(), 0),
        (vec![&plain, "--sha256", &pin], "plain http://".into(), 0),
        (
            vec![&url, "--sha256", &other],
            format!("its sha256 is {pin}, not {other}"),
            1,
        ),
        (vec![&missing, "--sha256", &pin], "HTTP 404".into(), 1),
        (
            vec![&page, "--sha256", &pin],
            "not a binary WebAssembly module".into(),
            1,
        ),
        (
            vec![&huge, "--sha256", &big_pin],
            "larger than the 16 MiB a plugin may have".into(),
            1,
        ),
        (
            vec![&rejected, "--sha256", &builtin_pin],
            "\"plugin\" is a built-in command".into(),
            1,
        ),
    ];
    let sandbox = trusting(&emulator);
    for (args, says, sent) in table {
        let before = emulator.requests().len();
        let mut argv = vec!["plugin", "install"];
        argv.extend(&args);
        let run = sandbox.run(&argv);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (1, ""),
            "{args:?}: {run:?}"
        );
        assert!(
            run.stderr.starts_with("Error: ") && run.stderr.contains(&says),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(emulator.requests().len() - before, sent, "{args:?}");
        let left = files(&installed_dir(&sandbox));
        assert!(
            left.is_empty() || left == ["index.json"],
            "{args:?}: {left:?}"
        );
        assert_eq!(
            index(&sandbox)["plugins"],
            serde_json::json!([]),
            "{args:?}"
        );
    }
}

#[test]
fn owner_repo_says_it_is_not_supported_and_how_to_install_by_url() {
    let sandbox = Sandbox::empty();
    let run = sandbox.run(&["plugin", "install", "mongodb/atlas-cli-plugin-kubernetes"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "Error: cannot install mongodb/atlas-cli-plugin-kubernetes: the owner/repo form (a GitHub repository's latest release) is not supported, and there is no such file\n\
         help: install the release's .wasm by its URL and sha256: atlas plugin install https://github.com/<owner>/<repo>/releases/download/<tag>/<plugin>.wasm --sha256 <hex>\n"
    );
    assert_eq!(files(&installed_dir(&sandbox)), [""; 0], "nothing written");
}

#[test]
fn a_file_install_with_a_pin_is_refused_when_the_file_does_not_match_it() {
    let sandbox = Sandbox::empty();
    let wasm = create_wasm();
    let actual = sha256(&std::fs::read(&wasm).unwrap());
    let other = sha256(b"other");
    let run = sandbox.run(&[
        "plugin",
        "install",
        wasm.to_str().unwrap(),
        "--sha256",
        &other,
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{run:?}");
    assert!(
        run.stderr.starts_with(&format!(
            "Error: cannot install {}: its sha256 is {actual}, not {other}\n",
            wasm.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(index(&sandbox)["plugins"], serde_json::json!([]));
    let run = sandbox.run(&[
        "plugin",
        "install",
        wasm.to_str().unwrap(),
        "--sha256",
        &actual,
    ]);
    assert_eq!(run.code, 0, "the right pin installs it: {run:?}");
}

#[test]
fn update_downloads_again_and_takes_new_content_only_with_its_new_pin() {
    let emulator = Emulator::start_tls(EmulatorConfig::default()).unwrap();
    let first = std::fs::read(test_wasm("hello-plugin", None)).unwrap();
    let url = emulator.serve_download("hello.wasm", first.clone());
    let sandbox = trusting(&emulator);
    let install = sandbox.run(&["plugin", "install", &url, "--sha256", &sha256(&first)]);
    assert_eq!(install.code, 0, "{install:?}");
    let run = sandbox.run(&["plugin", "update", "hello"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("is up to date"), "{}", run.stderr);

    // The publisher replaces the file behind the same URL.
    let second = another_build(&first);
    emulator.serve_download("hello.wasm", second.clone());
    let run = sandbox.run(&["plugin", "update", "hello"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "its sha256 is {}, not {}",
            sha256(&second),
            sha256(&first)
        )),
        "{}",
        run.stderr
    );
    let file = installed_dir(&sandbox).join("hello.wasm");
    assert_eq!(std::fs::read(&file).unwrap(), first, "nothing replaced");
    assert_eq!(index(&sandbox)["plugins"][0]["sha256"], sha256(&first));

    let run = sandbox.run(&["plugin", "update", "--sha256", &sha256(&second)]);
    assert_eq!(run.code, 1, "a new pin is one plugin's: {run:?}");
    let run = sandbox.run(&["plugin", "update", "hello", "--sha256", &sha256(&second)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr
            .starts_with("Updated plugin \"hello\" 0.1.0 -> 0.1.0 (sha256 "),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&file).unwrap(), second);
    assert_eq!(index(&sandbox)["plugins"][0]["sha256"], sha256(&second));
    assert_eq!(sandbox.run(&["plugin", "verify"]).code, 0);
    let run = sandbox.run(&["plugin", "update", "nope"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("Error: plugin \"nope\" is not installed")
    );
}

#[test]
fn update_reads_a_file_plugin_again_from_its_recorded_path() {
    let sandbox = Sandbox::empty();
    let source = sandbox.dir.path().join("build/hello.wasm");
    std::fs::create_dir_all(source.parent().unwrap()).unwrap();
    let first = std::fs::read(test_wasm("hello-plugin", None)).unwrap();
    std::fs::write(&source, &first).unwrap();
    // Installed by a relative path: the index records it absolute.
    let run = sandbox.run_program(
        sandbox.binary().to_str().unwrap(),
        &["plugin", "install", "build/hello.wasm"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let entry = &index(&sandbox)["plugins"][0];
    assert_eq!(entry["source"]["file"], source.to_str().unwrap());
    let second = another_build(&first);
    std::fs::write(&source, &second).unwrap();
    let run = sandbox.run(&["plugin", "update"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.starts_with("Updated plugin \"hello\""),
        "{}",
        run.stderr
    );
    assert_eq!(index(&sandbox)["plugins"][0]["sha256"], sha256(&second));
    assert_eq!(
        std::fs::read(installed_dir(&sandbox).join("hello.wasm")).unwrap(),
        second
    );
    // A source file gone: the update fails, the installed plugin stays.
    std::fs::remove_file(&source).unwrap();
    let run = sandbox.run(&["plugin", "update"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .starts_with("warning: plugin \"hello\" was not updated: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Error: 1 plugin(s) could not be updated")
    );
    let run = sandbox.run(&["hello", "keys", "--orgId", "x"]);
    assert_eq!(
        run.stderr, "Error: the provided value 'x' is not a valid ID\n",
        "still installed and running"
    );
    assert_eq!(index(&sandbox)["plugins"][0]["sha256"], sha256(&second));
}

#[test]
fn list_shows_bundled_and_development_plugins_with_their_files() {
    let sandbox = Sandbox::empty();
    std::fs::copy(create_wasm(), sandbox.bundled_dir().join("create.wasm")).unwrap();
    let hello = test_wasm("hello-plugin", None);
    sandbox.add_plugin(&hello);
    let run = sandbox.run(&["plugin", "list"]);
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[0].starts_with("NAME             VERSION   ABI   ORIGIN    SHA256         SOURCE"),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("COMMANDS"), "{}", lines[0]);
    let dev = sandbox.plugins_dir().join(hello.file_name().unwrap());
    assert!(
        lines[1].starts_with("hello            0.1.0     "),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("   dev       "), "{}", lines[1]);
    assert!(lines[1].contains(dev.to_str().unwrap()), "{}", lines[1]);
    assert!(lines[1].ends_with("hello keys"), "{}", lines[1]);
    let bundled = sandbox.bundled_dir().join("create.wasm");
    assert!(
        lines[2].starts_with("apikeys-create   0.1.0     1     bundled   "),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains(bundled.to_str().unwrap()), "{}", lines[2]);
    assert!(
        lines[2].ends_with("organizations apiKeys create"),
        "{}",
        lines[2]
    );
}

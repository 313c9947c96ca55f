//! Shared files under real concurrency: many `atlas` processes at once installing and
//! uninstalling plugins (the plugin index) and refreshing expired user sessions (config.toml),
//! and a refreshed session that cannot be saved. Each test asserts that no entry or session is
//! lost.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use atlas_emulator::REFRESH_PATH;

use crate::support::*;

/// Starts every command at once, then waits for all of them.
fn run_all(sandbox: &Sandbox, commands: &[Vec<String>]) -> Vec<Run> {
    let children: Vec<_> = commands
        .iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let mut cmd = sandbox.command(&args);
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
            cmd.spawn().expect("the atlas binary starts")
        })
        .collect();
    children
        .into_iter()
        .map(|c| Run::from(c.wait_with_output().unwrap()))
        .collect()
}

fn run_one(sandbox: &Sandbox, args: Vec<String>) -> Run {
    run_all(sandbox, &[args]).pop().unwrap()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// Plugin `i` of a set of distinct ones: the hello plugin (docs/writing-a-plugin.md) with
/// `hello` (its name and its command's first word) replaced everywhere in the module by `h0000`…,
/// the same length, so the module stays valid and each copy declares its own plugin and command.
fn hello_variant(sandbox: &Sandbox, i: usize) -> PathBuf {
    let name = variant_name(i);
    let bytes = std::fs::read(test_wasm("hello-plugin", None)).unwrap();
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = &bytes[..];
    let mut replaced = 0;
    while !rest.is_empty() {
        if rest.starts_with(b"hello") {
            out.extend_from_slice(name.as_bytes());
            rest = &rest[5..];
            replaced += 1;
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    assert!(replaced > 0, "the hello plugin names itself");
    let dir = sandbox.dir.path().join("src");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.wasm"));
    std::fs::write(&path, out).unwrap();
    path
}

fn variant_name(i: usize) -> String {
    format!("h{i:04}")
}

fn installed_dir(sandbox: &Sandbox) -> PathBuf {
    sandbox.dir.path().join("config/atlascli/plugins")
}

/// The names in the plugin index, sorted.
fn index_names(sandbox: &Sandbox) -> Vec<String> {
    let bytes = std::fs::read(installed_dir(sandbox).join("index.json")).unwrap();
    let index: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let mut names: Vec<String> = index["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// The index names exactly `want`, every file it names is in place and matches its pin, and
/// nothing warns about a plugin file the index lost.
fn assert_installed_exactly(sandbox: &Sandbox, want: &[String]) {
    assert_eq!(index_names(sandbox), want, "the index lost or kept entries");
    let verify = sandbox.run(&["plugin", "verify"]);
    assert_eq!(verify.code, 0, "{verify:?}");
    let list = sandbox.run(&["plugin", "list"]);
    assert_eq!(list.stdout.lines().count(), want.len() + 1, "{list:?}");
    let help = sandbox.run(&["--help"]);
    assert!(!help.stderr.contains("is not installed"), "{}", help.stderr);
    assert_eq!(temp_files(&installed_dir(sandbox)), Vec::<String>::new());
}

#[test]
fn twenty_parallel_installs_of_distinct_plugins_all_stay_installed() {
    let sandbox = Sandbox::empty();
    let installs: Vec<_> = (0..20)
        .map(|i| {
            let file = hello_variant(&sandbox, i);
            strings(&["plugin", "install", file.to_str().unwrap()])
        })
        .collect();
    for run in run_all(&sandbox, &installs) {
        assert_eq!(run.code, 0, "{run:?}");
        assert!(run.stderr.starts_with("Installed plugin \"h00"), "{run:?}");
    }
    let want: Vec<String> = (0..20).map(variant_name).collect();
    assert_installed_exactly(&sandbox, &want);
    let run = sandbox.run(&["h0013", "keys"]);
    assert_eq!(
        run.stderr, "Error: required flag(s) \"orgId\" not set\n",
        "an installed copy runs its own command"
    );
}

#[test]
fn installs_racing_uninstalls_never_bring_an_uninstalled_plugin_back() {
    let sandbox = Sandbox::empty();
    let install = |i| {
        let file = hello_variant(&sandbox, i);
        strings(&["plugin", "install", file.to_str().unwrap()])
    };
    let first: Vec<_> = (0..10).map(install).collect();
    assert!(run_all(&sandbox, &first).iter().all(|r| r.code == 0));
    // Each uninstall of an old plugin races the install of a new one.
    let mut mixed = Vec::new();
    for i in 0..10 {
        mixed.push(strings(&["plugin", "uninstall", &variant_name(i)]));
        mixed.push(install(i + 10));
    }
    for run in run_all(&sandbox, &mixed) {
        assert_eq!(run.code, 0, "{run:?}");
    }
    let want: Vec<String> = (10..20).map(variant_name).collect();
    assert_installed_exactly(&sandbox, &want);
    for i in 0..10 {
        let file = installed_dir(&sandbox).join(format!("{}.wasm", variant_name(i)));
        assert!(!file.exists(), "{} is left behind", file.display());
    }
}

/// A sandbox whose config has `profiles` user-account profiles, each with an expired access
/// token and its own valid refresh token; its compiled-code cache (and so the place for tokens
/// that could not be saved) is its own.
fn sessions_sandbox(emulator: &Emulator, profiles: usize) -> Sandbox {
    let mut sandbox = Sandbox::new();
    sandbox.against_url(emulator);
    let cache = sandbox.dir.path().join("cache");
    sandbox.env("XDG_CACHE_HOME", cache.to_str().unwrap());
    let mut text = "version = 2\n".to_string();
    for p in 0..profiles {
        let tokens = emulator.issue_user_tokens(-60);
        text.push_str(&format!(
            "\n[p{p}]\n  auth_type = \"user_account\"\n  org_id = \"{ORG}\"\n  access_token = \"{}\"\n  refresh_token = \"{}\"\n",
            tokens.access_token, tokens.refresh_token
        ));
    }
    sandbox.config(&text);
    sandbox
}

fn create_as(profile: &str) -> Vec<String> {
    let mut args = strings(&SEED[..7]);
    args.extend(strings(&["-P", profile]));
    args
}

/// The refresh requests the emulator received, by status.
fn refreshes(emulator: &Emulator) -> Vec<u16> {
    emulator
        .requests()
        .iter()
        .filter(|r| r.path == REFRESH_PATH)
        .map(|r| r.status)
        .collect()
}

/// Replaces every profile's access token with an expired one, keeping the saved refresh
/// tokens: the next runs must refresh with what was saved.
fn expire_access_tokens(sandbox: &Sandbox, emulator: &Emulator) {
    let text = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
    for (_, table) in doc.iter_mut() {
        if let Some(table) = table.as_table_mut() {
            table["access_token"] = toml_edit::value(emulator.issue_user_tokens(-60).access_token);
        }
    }
    std::fs::write(sandbox.config_file(), doc.to_string()).unwrap();
}

/// The runs that failed, as "N of M failed: …" (empty when none did).
fn failures(runs: &[Run]) -> String {
    let failed: Vec<&Run> = runs
        .iter()
        .filter(|r| r.code != 0 || !r.stderr.is_empty())
        .collect();
    match failed.first() {
        None => String::new(),
        Some(first) => format!("{} of {} failed, e.g. {first:?}", failed.len(), runs.len()),
    }
}

#[test]
fn ten_profiles_refreshing_at_once_keep_every_session() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sessions_sandbox(&emulator, 10);
    let before = std::fs::read_to_string(sandbox.config_file()).unwrap();
    // Two runs per profile: each races the other profiles and its own twin.
    let runs: Vec<_> = (0..20)
        .map(|i| create_as(&format!("p{}", i % 10)))
        .collect();
    let first = failures(&run_all(&sandbox, &runs));
    let after = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let file: toml::Table = after.parse().unwrap();
    let stale: Vec<_> = (0..10)
        .filter(|p| {
            let refresh = file[&format!("p{p}")]["refresh_token"].as_str().unwrap();
            before.contains(refresh)
        })
        .collect();
    // The saved refresh tokens are the newest: each still refreshes.
    expire_access_tokens(&sandbox, &emulator);
    let again: Vec<_> = (0..10).map(|p| create_as(&format!("p{p}"))).collect();
    let second = failures(&run_all(&sandbox, &again));
    assert_eq!(
        (first.as_str(), stale, second.as_str()),
        ("", vec![], ""),
        "runs at once; profiles that kept a used refresh token; sessions lost"
    );
    assert_eq!(
        refreshes(&emulator),
        [200; 20],
        "one refresh per profile and round"
    );
}

#[test]
fn twenty_parallel_runs_of_one_expired_profile_refresh_once_and_all_succeed() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sessions_sandbox(&emulator, 1);
    let runs = vec![create_as("p0"); 20];
    assert_eq!(failures(&run_all(&sandbox, &runs)), "");
    assert_eq!(
        refreshes(&emulator),
        [200],
        "the others used the saved token"
    );
    expire_access_tokens(&sandbox, &emulator);
    assert_eq!(
        failures(&[run_one(&sandbox, create_as("p0"))]),
        "",
        "the saved session works"
    );
}

#[test]
fn a_refreshed_session_that_cannot_be_saved_serves_the_run_and_is_kept_for_the_next() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sessions_sandbox(&emulator, 1);
    let config = sandbox.config_file();
    // The config file cannot be changed: its lock cannot be taken. (A read-only directory
    // would not stop root, which this suite may run as.)
    let lock = config.with_file_name(".config.toml.lock");
    std::fs::create_dir(&lock).unwrap();
    let before = std::fs::read_to_string(&config).unwrap();
    let run = run_one(&sandbox, create_as("p0"));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Private API Key "), "{run:?}");
    let kept = sandbox
        .dir
        .path()
        .join("cache/atlascli/tokens/user-p0.toml");
    let warning = format!(
        "warning: the refreshed session could not be saved (could not save to the config file {}: cannot lock {}: ",
        config.display(),
        lock.display()
    );
    assert!(run.stderr.starts_with(&warning), "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "this run uses it, and it is kept in {} (readable only by you) with how to restore it; otherwise the next run will need `atlas auth login`\n",
            kept.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
    // What the file says to do works: its tokens, put back, are a live session.
    let rescued: toml::Table = std::fs::read_to_string(&kept).unwrap().parse().unwrap();
    let access = rescued["access_token"].as_str().unwrap();
    let refresh = rescued["refresh_token"].as_str().unwrap();
    assert_hidden(&run, &[access, refresh]);
    std::fs::remove_dir(&lock).unwrap();
    let text: toml::Table = before.parse().unwrap();
    let old = &text["p0"];
    let restored = before
        .replace(old["access_token"].as_str().unwrap(), access)
        .replace(old["refresh_token"].as_str().unwrap(), refresh);
    std::fs::write(&config, restored).unwrap();
    expire_access_tokens(&sandbox, &emulator);
    let next = run_one(&sandbox, create_as("p0"));
    assert_eq!((next.code, next.stderr.as_str()), (0, ""), "{next:?}");
}

#[cfg(unix)]
#[test]
fn a_refresh_on_a_full_disk_serves_the_run_says_so_and_leaves_no_temporary_file() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sessions_sandbox(&emulator, 1);
    // Describe and compile the plugin first (help sends nothing), so that the run itself finds
    // both in the cache: compiling needs a file written.
    assert_eq!(
        sandbox
            .run(&["organizations", "apiKeys", "create", "--help"])
            .code,
        0
    );
    let before = std::fs::read_to_string(sandbox.config_file()).unwrap();
    // Every write to a file fails (EFBIG, as ENOSPC would); pipes still work. The compiled-code
    // and describe caches then miss, which costs time only.
    let atlas = sandbox.command(&[]);
    let mut sh = std::process::Command::new("sh");
    sh.args(["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\""])
        .arg(atlas.get_program())
        .args(create_as("p0"))
        .env_clear();
    for (k, v) in atlas.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    let run = Run::from(sh.output().unwrap());
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Private API Key "), "{run:?}");
    assert!(
        run.stderr.starts_with(
            "warning: the refreshed session could not be saved (could not save to the config file "
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("; this run uses it, but the next one will need `atlas auth login`\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        before
    );
    let config_dir = sandbox.config_file().parent().unwrap().to_path_buf();
    assert_eq!(temp_files(&config_dir), Vec::<String>::new());
}

//! Secrets in the OS keyring where the Go CLI keeps them (service `atlascli_<profile>`, user =
//! the key), against a real Secret Service — gnome-keyring on a private D-Bus session, seeded
//! with `secret-tool` as go-keyring would — when this machine has one, and the quiet fallback to
//! the file when there is none.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::create_args;
use crate::support::*;

#[test]
fn without_a_keyring_service_secrets_come_from_the_file_quietly() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    let missing = sandbox.dir.path().join("no-bus");
    sandbox.against_url(&emulator).env(
        "DBUS_SESSION_BUS_ADDRESS",
        &format!("unix:path={}", missing.display()),
    );
    sandbox.config(&format!(
        "[default]\nauth_type = \"api_keys\"\npublic_api_key = \"{PUBLIC_KEY}\"\nprivate_api_key = \"{PRIVATE_KEY}\"\n"
    ));
    let run = sandbox.run(SEED);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let mut traced = SEED.to_vec();
    traced.push("-D");
    let run = sandbox.run(&traced);
    assert!(
        run.stderr.starts_with("* keyring not used: "),
        "{}",
        run.stderr
    );
    assert_hidden(&run, &[PRIVATE_KEY]);
}

#[test]
fn a_session_bus_without_a_secret_service_falls_back_to_the_file_quietly() {
    if !installed(&["dbus-daemon"]) {
        return;
    }
    let bus = Bus::start(true);
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .against_url(&emulator)
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    sandbox.config(&format!(
        "[default]\npublic_api_key = \"{PUBLIC_KEY}\"\nprivate_api_key = \"{PRIVATE_KEY}\"\n"
    ));
    let start = Instant::now();
    let run = sandbox.run(SEED);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "no wait for a keyring that is not there"
    );
    let mut traced = SEED.to_vec();
    traced.push("-D");
    let run = sandbox.run(&traced);
    assert!(
        run.stderr.contains("org.freedesktop.secrets"),
        "{}",
        run.stderr
    );
}

/// A "bus" that accepts connections and never says a word: zbus would wait for it forever.
#[cfg(unix)]
#[test]
fn a_keyring_that_does_not_answer_is_given_up_on_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        let held: Vec<_> = listener.incoming().take(2).collect();
        std::thread::sleep(Duration::from_secs(30));
        drop(held);
    });
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .against(&emulator)
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            &format!("unix:path={}", socket.display()),
        )
        .env("ATLAS_CLI_KEYRING_TIMEOUT_MS", "300");
    let start = Instant::now();
    let run = sandbox.run(SEED);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "it waited for the silent bus"
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "warning: the OS keyring did not answer within 0.3 s; secrets kept there were not used\n"
    );
}

/// A private D-Bus session bus (`dbus-daemon`), killed when dropped.
struct Bus {
    daemon: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Bus {
    /// A bus with the session's service files (`bare: false`: D-Bus can start a Secret Service
    /// on demand) or with none at all (`bare: true`: nothing answers for the keyring).
    fn start(bare: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("bus.conf");
        std::fs::write(&config, BARE_BUS).unwrap();
        let mut cmd = Command::new("dbus-daemon");
        match bare {
            true => cmd.arg(format!("--config-file={}", config.display())),
            false => cmd.arg("--session"),
        };
        let mut daemon = cmd
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut address = String::new();
        let stdout = daemon.stdout.take().unwrap();
        BufReader::new(stdout).read_line(&mut address).unwrap();
        Bus {
            daemon,
            address: address.trim().to_string(),
            _dir: dir,
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// A session bus configuration with no service files.
const BARE_BUS: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// Whether these programs are installed; where they are not, a keyring test says so and passes,
/// except under CI, whose scripts/setup installs them.
fn installed(tools: &[&str]) -> bool {
    let missing = tools
        .iter()
        .find(|t| Command::new(t).arg("--version").output().is_err());
    if let Some(missing) = missing {
        let ci = std::env::var_os("CI").is_some();
        assert!(!ci, "{missing} is not installed: run scripts/setup");
        skipped(missing);
    }
    missing.is_none()
}

/// A private D-Bus session with gnome-keyring's Secret Service, its login keyring unlocked;
/// `None` where the programs are not installed. `atlas auth login`'s keyring test uses it too.
pub(crate) struct SecretService {
    keyring: Child,
    _bus: Bus,
    pub(crate) address: String,
    _home: tempfile::TempDir,
}

impl SecretService {
    pub(crate) fn start() -> Option<Self> {
        let tools = [
            "dbus-daemon",
            "dbus-send",
            "gnome-keyring-daemon",
            "secret-tool",
        ];
        if !installed(&tools) {
            return None;
        }
        let home = tempfile::tempdir().unwrap();
        let bus = Bus::start(false);
        let address = bus.address.clone();
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_RUNTIME_DIR", home.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The login keyring's password, then end of input: the keyring is created unlocked.
        keyring
            .stdin
            .take()
            .unwrap()
            .write_all(b"test-password")
            .unwrap();
        let service = SecretService {
            keyring,
            _bus: bus,
            address,
            _home: home,
        };
        service.wait_until_ready();
        Some(service)
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &self.address);
        cmd
    }

    fn wait_until_ready(&self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            let out = self
                .command("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/",
                ])
                .args([
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .output()
                .unwrap();
            if String::from_utf8_lossy(&out.stdout).contains("boolean true") {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("gnome-keyring did not take org.freedesktop.secrets within 10 s");
    }

    /// Stores a secret the way the Go CLI's go-keyring does: attributes `service`, `username`.
    fn store(&self, profile: &str, key: &str, value: &str) {
        let mut child = self
            .command("secret-tool")
            .args([
                "store",
                "--label",
                &format!("Password for '{key}' on 'atlascli_{profile}'"),
            ])
            .args(["service", &format!("atlascli_{profile}"), "username", key])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(value.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    }

    pub(crate) fn lookup(&self, profile: &str, key: &str) -> Option<String> {
        let out = self
            .command("secret-tool")
            .args([
                "lookup",
                "service",
                &format!("atlascli_{profile}"),
                "username",
                key,
            ])
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }
}

/// Says why a keyring test did not run (a developer machine without the packages).
#[allow(clippy::print_stderr)]
fn skipped(missing: &str) {
    eprintln!("skipped: {missing} is not installed (scripts/setup installs it)");
}

impl Drop for SecretService {
    fn drop(&mut self) {
        // The bus (a field, dropped after this) goes down after the keyring daemon.
        let _ = self.keyring.kill();
        let _ = self.keyring.wait();
    }
}

#[test]
fn api_keys_are_read_from_the_keyring_where_the_go_cli_keeps_them() {
    let Some(keyring) = SecretService::start() else {
        return;
    };
    keyring.store("work", "public_api_key", PUBLIC_KEY);
    keyring.store("work", "private_api_key", PRIVATE_KEY);
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .against_url(&emulator)
        .env("DBUS_SESSION_BUS_ADDRESS", &keyring.address);
    sandbox.config(&format!(
        "version = 2\n[work]\nauth_type = \"api_keys\"\norg_id = \"{ORG}\"\n"
    ));
    let run = sandbox.run(&create_args(&[]));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let statuses: Vec<_> = emulator
        .requests()
        .iter()
        .map(|r| (r.status, r.authenticated))
        .collect();
    assert_eq!(statuses, [(401, false), (200, true)]);
}

#[test]
fn refreshed_user_tokens_go_back_to_the_keyring_not_the_file() {
    let Some(keyring) = SecretService::start() else {
        return;
    };
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let old = emulator.issue_user_tokens(-60);
    keyring.store("default", "access_token", &old.access_token);
    keyring.store("default", "refresh_token", &old.refresh_token);
    let mut sandbox = Sandbox::new();
    sandbox
        .against_url(&emulator)
        .env("DBUS_SESSION_BUS_ADDRESS", &keyring.address);
    let config = format!("[default]\nauth_type = \"user_account\"\norg_id = \"{ORG}\"\n");
    sandbox.config(&config);
    let run = sandbox.run(&create_args(&[]));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    assert_eq!(emulator.requests().len(), 2, "refresh, then the API call");
    let access = keyring.lookup("default", "access_token").unwrap();
    let refresh = keyring.lookup("default", "refresh_token").unwrap();
    assert_ne!(
        (access.as_str(), refresh.as_str()),
        (old.access_token.as_str(), old.refresh_token.as_str())
    );
    let sent = emulator.requests()[1]
        .header("authorization")
        .unwrap()
        .to_string();
    assert_eq!(sent, format!("Bearer {access}"));
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        config,
        "the file is untouched"
    );
    assert_hidden(
        &run,
        &[&old.access_token, &old.refresh_token, &access, &refresh],
    );
}

#[test]
fn config_commands_keep_secrets_in_the_keyring_and_move_them_with_the_profile() {
    let Some(keyring) = SecretService::start() else {
        return;
    };
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.env("DBUS_SESSION_BUS_ADDRESS", &keyring.address);
    let config =
        format!("version = 2\n\n# mine\n[work]\nauth_type = \"api_keys\"\norg_id = \"{ORG}\"\n");
    sandbox.config(&config);
    let url = format!("{}/", emulator.base_url());
    for (key, value) in [
        ("public_api_key", PUBLIC_KEY),
        ("private_api_key", PRIVATE_KEY),
    ] {
        let run = sandbox.run(&["config", "set", key, value]);
        let updated = format!("Updated property '{key}'\n");
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (0, updated.as_str(), "")
        );
    }
    assert_eq!(
        keyring.lookup("work", "private_api_key").as_deref(),
        Some(PRIVATE_KEY)
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        config,
        "no secret in the file"
    );
    let run = sandbox.run(&["config", "describe", "work"]);
    assert!(
        run.stdout.contains("private_api_key   [redacted - source: secure storage]\npublic_api_key    [redacted - source: secure storage]\n"),
        "{run:?}"
    );
    let run = sandbox.run(&["config", "rename", "work", "job"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        keyring.lookup("job", "private_api_key").as_deref(),
        Some(PRIVATE_KEY)
    );
    assert_eq!(
        keyring.lookup("work", "private_api_key").as_deref(),
        Some(""),
        "emptied"
    );
    // The renamed profile, secrets from the keyring, creates a key.
    assert_eq!(
        sandbox
            .run(&["config", "set", "ops_manager_url", &url])
            .code,
        0
    );
    let run = sandbox.run(&create_args(&["-P", "job"]));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    assert_eq!(emulator.api_keys(ORG).len(), 1);
    let run = sandbox.run(&["config", "delete", "job", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        keyring.lookup("job", "private_api_key").as_deref(),
        Some(""),
        "emptied"
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        "version = 2\n"
    );
    // init too keeps the keys in the keyring, and the file only says where to find them.
    let mut child = sandbox
        .command(&["config", "init"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let answers = format!("{PUBLIC_KEY}\n{PRIVATE_KEY}\n{ORG}\n\njson\n");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(
        keyring.lookup("default", "private_api_key").as_deref(),
        Some(PRIVATE_KEY)
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        format!(
            "version = 2\n\n[default]\nservice = \"cloud\"\nauth_type = \"api_keys\"\norg_id = \"{ORG}\"\noutput = \"json\"\n"
        )
    );
}

//! What config.toml may be and hold: only a regular file is read (a FIFO or a link to
//! `/dev/zero` is refused at once, never waited on or read without end), and values are read as
//! Go's viper reads them (integers for strings and numbers of seconds, floats for seconds), any
//! other type an error before any request.

use std::time::{Duration, Instant};

use atlas_emulator::Fault;

use super::create_args;
use crate::support::*;

/// Runs `args`, killing `atlas` (and failing) if it has not finished within 20 s.
fn run_bounded(sandbox: &Sandbox, args: &[&str]) -> Run {
    let mut child = sandbox
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("atlas hung reading the config file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run::from(child.wait_with_output().unwrap())
}

#[cfg(unix)]
#[test]
fn a_config_file_that_is_a_fifo_or_a_link_to_dev_zero_is_refused_at_once() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let path = sandbox.config_file();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mode = rustix::fs::Mode::from_raw_mode(0o600);
    rustix::fs::mkfifoat(rustix::fs::CWD, &path, mode).unwrap();
    let help = "help: the config file must be a regular TOML file of at most 1024 KiB\n";
    let run = run_bounded(&sandbox, SEED);
    let want = format!(
        "Error: could not read the config file {}: it is a FIFO, not a regular file\n{help}",
        path.display()
    );
    assert_eq!((run.code, run.stderr), (1, want));
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let run = run_bounded(&sandbox, SEED);
    let want = format!(
        "Error: could not read the config file {}: it is a device, not a regular file\n{help}",
        path.display()
    );
    assert_eq!((run.code, run.stderr), (1, want));
    assert_eq!(emulator.requests().len(), 0, "nothing was sent");
}

#[test]
fn an_integer_http_timeout_in_the_file_is_the_timeout() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_fault(Fault::Delay(Duration::from_millis(3000)));
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    sandbox.config("http_timeout = 1\n");
    let run = sandbox.run(&create_args(&[]));
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains(": no complete answer within 1.0 s (http_timeout)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_integer_org_id_is_its_decimal_digits_as_in_the_go_cli() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    sandbox.config("[default]\norg_id = 123\n");
    let run = sandbox.run(&create_args(&[]));
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (1, "Error: the provided value '123' is not a valid ID\n")
    );
    assert_eq!(emulator.requests().len(), 0);
}

#[test]
fn a_value_of_a_type_the_setting_cannot_take_is_an_error_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let cases = [
        (
            "[default]\norg_id = true\n",
            "org_id",
            "(profile \"default\"): it is a boolean, not a string",
            "write it as a string, such as org_id = \"...\"",
        ),
        (
            "http_timeout = [30]\n",
            "http_timeout",
            "(top level): it is an array, not a number of seconds",
            "write it as a number of seconds, such as http_timeout = 30",
        ),
    ];
    for (text, key, what, help) in cases {
        sandbox.config(text);
        let run = sandbox.run(SEED);
        let want = format!(
            "Error: invalid {key} in the config file {} {what}\nhelp: {help}\n",
            sandbox.config_file().display()
        );
        assert_eq!((run.code, run.stderr), (1, want), "{text}");
    }
    assert_eq!(emulator.requests().len(), 0, "nothing was sent");
}

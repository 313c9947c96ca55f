//! `atlas config init` through the real binary: on a pseudo-terminal (util-linux `script`), the
//! private key unechoed, and from a script's stdin, one answer a line; then a key created
//! against the emulator with nothing but the file it wrote.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::commands::mode;
use crate::support::*;

const PROJECT: &str = "5e2211c17a3e5a48f5497de3";

/// Runs `atlas args` on a pseudo-terminal, typing each answer once its question shows; returns
/// the exit code and what the terminal showed (typed text that was echoed included).
fn converse(sandbox: &Sandbox, args: &[&str], script: &[(&str, &str)]) -> (i32, String) {
    let template = sandbox.command(args);
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = vec![quote(&template.get_program().to_string_lossy())];
    line.extend(args.iter().map(|a| quote(a)));
    let mut cmd = Command::new("timeout");
    cmd.args(["30", "script", "-qec", &line.join(" "), "/dev/null"])
        .env_clear()
        .envs(
            template
                .get_envs()
                .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("util-linux `script` runs");
    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut out = child.stdout.take().unwrap();
    let reader = {
        let shown = Arc::clone(&shown);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = out.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                shown.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    let mut seen = 0;
    for (question, answer) in script {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = String::from_utf8_lossy(&shown.lock().unwrap()).to_string();
            if let Some(at) = text[seen..].find(question) {
                seen += at + question.len();
                break;
            }
            assert!(
                Instant::now() < deadline && child.try_wait().unwrap().is_none(),
                "{question:?} was never asked; the terminal showed:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
    }
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let text = String::from_utf8(shown.lock().unwrap().clone()).unwrap();
    (status.code().unwrap_or(-1), text.replace("\r\n", "\n"))
}

/// Points the profile at the emulator with `config set`, then creates a key with nothing but
/// the config file: no credential or URL in the environment.
fn create_with_the_file_alone(sandbox: &Sandbox, emulator: &Emulator) {
    let url = format!("{}/", emulator.base_url());
    let run = sandbox.run(&["config", "set", "ops_manager_url", &url]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "Updated property 'ops_manager_url'\n", "")
    );
    let run = sandbox.run(&[
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_OWNER",
        "--desc",
        "from config init",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let keys = emulator.api_keys(ORG);
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["desc"], "from config init");
    assert!(
        run.stdout.contains(keys[0]["privateKey"].as_str().unwrap()),
        "{run:?}"
    );
}

#[test]
fn init_on_a_terminal_hides_the_private_key_and_its_profile_creates_a_key() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = Sandbox::new();
    let (code, shown) = converse(
        &sandbox,
        &["config", "init"],
        &[
            ("? Public API Key: [? for help] ", "?"),
            ("? Public API Key: [? for help] ", PUBLIC_KEY),
            ("? Private API Key: [? for help] ", PRIVATE_KEY),
            ("? Default Org ID: [? for help] ", "not-an-id"),
            (
                "X Sorry, your reply was invalid: the provided value 'not-an-id' is not a valid ID",
                ORG,
            ),
            ("? Default Project ID: [? for help] ", ""),
            ("? Default Output Format: [? for help] (plaintext) ", "json"),
        ],
    );
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.starts_with("Command \"init\" is deprecated, Please use the 'atlas auth login' command instead.\nYou are configuring a profile for atlas.\n"),
        "{shown}"
    );
    assert!(shown.contains("? Please provide your API keys."), "{shown}");
    assert!(
        shown.contains(PUBLIC_KEY),
        "the public key is echoed: {shown}"
    );
    assert!(
        !shown.contains(PRIVATE_KEY),
        "the private key was echoed: {shown}"
    );
    assert!(
        shown.ends_with("\nYou have successfully configured your profile.\nYou can use [atlas config set] to change your profile settings later.\n"),
        "{shown}"
    );
    let file = sandbox.config_file();
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!(
            "version = 2\n\n[default]\nservice = \"cloud\"\nauth_type = \"api_keys\"\npublic_api_key = \"{PUBLIC_KEY}\"\nprivate_api_key = \"{PRIVATE_KEY}\"\norg_id = \"{ORG}\"\noutput = \"json\"\n"
        )
    );
    create_with_the_file_alone(&sandbox, &emulator);
}

#[test]
fn init_without_a_terminal_reads_one_answer_a_line_and_its_profile_creates_a_key() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = Sandbox::new();
    let answers = format!("{PUBLIC_KEY}\n{PRIVATE_KEY}\n{ORG}\n{PROJECT}\n\n");
    let run = sandbox.run_with_stdin(&["config", "init", "--gov", "-P", "Work"], &answers);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            0,
            "Command \"init\" is deprecated, Please use the 'atlas auth login' command instead.\n"
        ),
        "{run:?}"
    );
    assert_eq!(
        run.stdout,
        "\nYou have successfully configured your profile.\nYou can use [atlas config set] to change your profile settings later.\nTo use this profile, you must set the flag [-P work] for every command.\n"
    );
    assert_hidden(&run, &[PRIVATE_KEY, PUBLIC_KEY]);
    let text = std::fs::read_to_string(sandbox.config_file()).unwrap();
    assert_eq!(
        text,
        format!(
            "version = 2\n\n[work]\nservice = \"cloudgov\"\nauth_type = \"api_keys\"\npublic_api_key = \"{PUBLIC_KEY}\"\nprivate_api_key = \"{PRIVATE_KEY}\"\norg_id = \"{ORG}\"\nproject_id = \"{PROJECT}\"\noutput = \"plaintext\"\n"
        )
    );
    // The only profile is the one used; cloudgov is replaced by the emulator's URL.
    create_with_the_file_alone(&sandbox, &emulator);
    // Run again, every answer empty: the current values are kept, the file is unchanged.
    let run = sandbox.run_with_stdin(&["config", "init", "--gov", "-P", "work"], "");
    assert_eq!(run.code, 0, "{run:?}");
    let again = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let url_line = format!("ops_manager_url = \"{}/\"\n", emulator.base_url());
    assert_eq!(again, text + &url_line);
}

#[test]
fn init_without_a_terminal_refuses_a_bad_answer_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let run = sandbox.run_with_stdin(&["config", "init"], "k\ns\n12345\n");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .ends_with("Error: the provided value '12345' is not a valid ID\n"),
        "{run:?}"
    );
    assert!(!sandbox.config_file().exists());
    let run = sandbox.run_with_stdin(&["config", "init"], "k\ns\n\n\nyaml\n");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .ends_with("Error: 'yaml' is not an output format: choose plaintext or json\n"),
        "{run:?}"
    );
    assert!(!sandbox.config_file().exists());
}

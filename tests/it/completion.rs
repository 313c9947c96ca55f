//! `atlas completion <shell>`: the scripts call back into the real binary for candidates, so
//! plugin commands and flags complete, also those of a plugin installed after the script was
//! made. Completed in a real bash.

use crate::support::*;

/// What bash offers for `line` (its last word being completed) with the script of
/// `atlas completion bash` loaded.
fn bash_completes(sandbox: &Sandbox, script: &str, line: &[&str]) -> Vec<String> {
    let file = sandbox.dir.path().join("atlas.bash");
    std::fs::write(&file, script).unwrap();
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source {}\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_clap_complete_atlas atlas '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display(),
        words.join(" "),
        line.len() - 1,
        line[line.len() - 1],
        line[line.len().saturating_sub(2)],
    );
    let run = sandbox.run_program("bash", &["--norc", "--noprofile", "-c", &program]);
    assert_eq!(run.code, 0, "{run:?}");
    run.stdout
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_plugin_commands_and_flags_through_the_callback() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["completion", "bash"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let script = run.stdout;
    assert!(
        script.contains(&format!("\"{}\" --", sandbox.binary().display())),
        "calls back into the binary that made it: {script}"
    );
    let file = sandbox.dir.path().join("registered.bash");
    std::fs::write(&file, &script).unwrap();
    let program = format!("source {}\ncomplete -p atlas", file.display());
    let registered = sandbox.run_program("bash", &["--norc", "--noprofile", "-c", &program]);
    assert!(
        registered.stdout.contains("-F _clap_complete_atlas atlas"),
        "bash knows the function for atlas: {registered:?}"
    );
    assert_eq!(
        bash_completes(&sandbox, &script, &["atlas", "org"]),
        ["organizations"]
    );
    assert_eq!(
        bash_completes(
            &sandbox,
            &script,
            &["atlas", "organizations", "apiKeys", "create", "--ro"]
        ),
        ["--role"]
    );
    let flags = bash_completes(&sandbox, &script, &["atlas", "plugin", "install", "--"]);
    assert!(
        flags.contains(&"--sha256".to_string()) && flags.contains(&"--force".to_string()),
        "{flags:?}"
    );
    assert_eq!(
        bash_completes(&sandbox, &script, &["atlas", "completion", "p"]),
        ["powershell"]
    );
    // A plugin installed after the script was made completes with the same script.
    assert_eq!(
        bash_completes(&sandbox, &script, &["atlas", "hell"]),
        [""; 0]
    );
    let hello = test_wasm("hello-plugin", None);
    assert_eq!(
        sandbox
            .run(&["plugin", "install", hello.to_str().unwrap()])
            .code,
        0
    );
    assert_eq!(
        bash_completes(&sandbox, &script, &["atlas", "hell"]),
        ["hello"]
    );
    assert_eq!(
        bash_completes(&sandbox, &script, &["atlas", "hello", "keys", "--org"]),
        ["--orgId"]
    );
}

#[test]
fn the_callback_answers_each_shell_with_the_flags_help() {
    let mut sandbox = Sandbox::new();
    let line = ["--", "atlas", "organizations", "apiKeys", "create", "--o"];
    for shell in ["fish", "powershell"] {
        sandbox.env("ATLAS_CLI_COMPLETE", shell);
        let run = sandbox.run(&line);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with("--orgId\tOrganization ID to use.")),
            "{shell}: {}",
            run.stdout
        );
        assert!(
            run.stdout.lines().any(|l| l.starts_with("--output\t")),
            "{shell}: {}",
            run.stdout
        );
    }
    sandbox.env("ATLAS_CLI_COMPLETE", "tcsh");
    let run = sandbox.run(&line);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.starts_with(
            "Error: ATLAS_CLI_COMPLETE=\"tcsh\" names no shell atlas completes for\nhelp: "
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn every_shell_has_a_script_and_help_in_the_go_cli_words() {
    let sandbox = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = sandbox.run(&["completion", shell]);
        assert_eq!(run.code, 0, "{shell}: {run:?}");
        assert!(run.stdout.contains("ATLAS_CLI_COMPLETE"), "{shell}");
        let help = sandbox.run(&["completion", shell, "--help"]);
        assert!(
            // The Go CLI's help template: the short text, a space, the long text.
            help.stdout.starts_with(&if shell == "powershell" {
                "Generate the autocompletion script for powershell Generate the autocompletion script for powershell.\n".to_string()
            } else {
                format!("Generate the autocompletion script for {shell} Generate the autocompletion script for the {shell} shell.\n")
            }),
            "{shell}: {}",
            help.stdout
        );
    }
    let run = sandbox.run(&["completion", "tcsh"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("Error: unknown command \"tcsh\" for \"atlas"),
        "{}",
        run.stderr
    );
    let run = sandbox.run(&["completion", "bash", "extra"]);
    assert_eq!(run.code, 1, "{run:?}");
}

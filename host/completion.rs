//! `atlas completion bash|zsh|fish|powershell`: shell completion for every command, the
//! plugins' included.
//!
//! The plugins' commands and flags are only known at run time, so the script that
//! `atlas completion <shell>` prints holds no command names: it asks `atlas` for the candidates
//! each time (clap_complete's dynamic engine): the shell runs `ATLAS_CLI_COMPLETE=<shell> atlas
//! -- <words>`, and `atlas` answers from the tree built from the plugins found then. A plugin
//! installed later completes without regenerating the script; the callback decodes the plugins'
//! declarations (the index and the describe cache), it never runs a command or sends a request.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::Command;
use clap_complete::env::{Bash, EnvCompleter, Fish, Powershell, Zsh};

/// The built-in command's name.
pub const COMPLETION: &str = "completion";

/// The variable the registration scripts set when they call back for candidates.
pub const VAR: &str = "ATLAS_CLI_COMPLETE";

/// The shells, with the help cobra gives each (the Go CLI's `atlas completion <shell> --help`).
pub const SHELLS: [(&str, &str); 4] = [
    (
        "bash",
        "Generate the autocompletion script for the bash shell.

This script depends on the 'bash-completion' package.
If it is not installed already, you can install it via your OS's package manager.

To load completions in your current shell session:

\tsource <(atlas completion bash)

To load completions for every new session, execute once:

#### Linux:

\tatlas completion bash > /etc/bash_completion.d/atlas

#### macOS:

\tatlas completion bash > $(brew --prefix)/etc/bash_completion.d/atlas

You will need to start a new shell for this setup to take effect.",
    ),
    (
        "zsh",
        "Generate the autocompletion script for the zsh shell.

If shell completion is not already enabled in your environment you will need
to enable it.  You can execute the following once:

\techo \"autoload -U compinit; compinit\" >> ~/.zshrc

To load completions in your current shell session:

\tsource <(atlas completion zsh)

To load completions for every new session, execute once:

#### Linux:

\tatlas completion zsh > \"${fpath[1]}/_atlas\"

#### macOS:

\tatlas completion zsh > $(brew --prefix)/share/zsh/site-functions/_atlas

You will need to start a new shell for this setup to take effect.",
    ),
    (
        "fish",
        "Generate the autocompletion script for the fish shell.

To load completions in your current shell session:

\tatlas completion fish | source

To load completions for every new session, execute once:

\tatlas completion fish > ~/.config/fish/completions/atlas.fish

You will need to start a new shell for this setup to take effect.",
    ),
    (
        "powershell",
        "Generate the autocompletion script for powershell.

To load completions in your current shell session:

\tatlas completion powershell | Out-String | Invoke-Expression

To load completions for every new session, add the output of the above command
to your powershell profile.",
    ),
];

/// Why completing failed.
#[derive(Debug, thiserror::Error)]
pub enum CompletionError {
    /// `ATLAS_CLI_COMPLETE` names no shell we complete for.
    #[error("{VAR}={0:?} names no shell atlas completes for")]
    UnknownShell(String),
    /// The engine failed (it reads the current directory for path candidates).
    #[error("completing failed: {0}")]
    Engine(#[from] std::io::Error),
}

impl CompletionError {
    /// What to do, for a `help:` line.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::UnknownShell(_) => Some(format!(
                "regenerate the script with `atlas completion <shell>` for one of: {}",
                names().join(", ")
            )),
            Self::Engine(_) => None,
        }
    }
}

/// The shells' names, as `atlas completion` takes them.
pub fn names() -> Vec<&'static str> {
    SHELLS.iter().map(|(name, _)| *name).collect()
}

fn completer(shell: &str) -> Option<&'static dyn EnvCompleter> {
    let all: [&'static dyn EnvCompleter; 4] = [&Bash, &Zsh, &Fish, &Powershell];
    all.into_iter().find(|c| c.is(shell))
}

/// The script for `shell`, registering completion for the command `atlas` that calls back into
/// this binary: `argv0` as it was run (made absolute against `cwd` when it has a directory, so
/// `target/debug/atlas completion bash` calls back into that binary, and `atlas` into whichever
/// `atlas` the `PATH` gives then).
pub fn registration(shell: &str, argv0: &OsStr, cwd: Option<&Path>) -> Vec<u8> {
    let mut path = PathBuf::from(argv0);
    if let Some(cwd) = cwd.filter(|_| path.components().count() > 1) {
        path = cwd.join(path);
    }
    let program = path.to_string_lossy();
    let mut script = Vec::new();
    if let Some(c) = completer(shell) {
        c.write_registration(VAR, "atlas", "atlas", &program, &mut script)
            .expect("writing to a Vec cannot fail");
    }
    script
}

/// The candidates for the command line `args` (program name first, as the script passes it
/// after `--`), in the format `shell`'s script reads.
pub fn candidates(
    shell: &str,
    mut tree: Command,
    args: Vec<OsString>,
    cwd: Option<&Path>,
) -> Result<Vec<u8>, CompletionError> {
    let c = completer(shell).ok_or_else(|| CompletionError::UnknownShell(shell.into()))?;
    tree = names_first(tree);
    tree.build();
    let mut out = Vec::new();
    c.write_complete(&mut tree, args, cwd, &mut out)?;
    Ok(out)
}

/// The tree with every subcommand's aliases hidden. The engine offers one candidate per
/// command, the first in byte order of the words that match, so `atlas org<TAB>` would offer the
/// alias `org` instead of `organizations`; a hidden alias still completes when it alone matches
/// (`atlas orgs<TAB>`).
fn names_first(cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |sub| {
            let aliases: Vec<String> = sub.get_all_aliases().map(str::to_string).collect();
            names_first(sub.alias(None).aliases(aliases))
        })
    })
}

/// The words after the first `--` of the callback's argv (`atlas -- atlas org…`).
pub fn callback_words(argv: &[OsString]) -> Vec<OsString> {
    let start = argv
        .iter()
        .position(|a| a == "--")
        .map_or(argv.len(), |i| i + 1);
    argv[start..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Command {
        use atlas_plugin_api::{CommandSpec, FlagKind, FlagSpec, PathSegment};
        let keys = CommandSpec {
            path: vec![
                PathSegment::new("organizations", &["org", "orgs"]),
                PathSegment::new("apiKeys", &[]),
            ],
            flags: vec![FlagSpec::new("orgId", None, FlagKind::String, "Org.")],
            ..CommandSpec::default()
        };
        crate::cli::tree(&[&keys])
    }

    fn words(line: &[&str]) -> Vec<OsString> {
        line.iter().map(OsString::from).collect()
    }

    #[test]
    fn every_shell_gets_a_script_that_calls_back_with_the_variable() {
        for shell in names() {
            let script = String::from_utf8(registration(shell, OsStr::new("atlas"), None)).unwrap();
            assert!(script.contains(VAR), "{shell}: {script}");
            assert!(script.contains("atlas"), "{shell}");
        }
        let script = registration("bash", OsStr::new("bin/atlas"), Some(Path::new("/w")));
        let script = String::from_utf8(script).unwrap();
        assert!(script.contains("\"/w/bin/atlas\" --"), "{script}");
        assert!(script.contains("-F _clap_complete_atlas atlas"), "{script}");
    }

    #[test]
    fn candidates_come_from_the_tree_given() {
        let out = candidates("fish", tree(), words(&["atlas", "org"]), None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "organizations\n",
            "the name, not the alias"
        );
        let out = candidates("fish", tree(), words(&["atlas", "orgs"]), None).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "orgs\n");
        let out = candidates(
            "fish",
            tree(),
            words(&["atlas", "organizations", "apiKeys", "--or"]),
            None,
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "--orgId\tOrg.\n");
        let out = candidates("fish", tree(), words(&["atlas", "completion", "z"]), None).unwrap();
        assert!(String::from_utf8(out).unwrap().starts_with("zsh\t"));
    }

    #[test]
    fn an_unknown_shell_is_an_error_with_the_shells_named() {
        let e = candidates("tcsh", tree(), words(&["atlas", ""]), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "ATLAS_CLI_COMPLETE=\"tcsh\" names no shell atlas completes for"
        );
        assert!(e.help().unwrap().contains("bash, zsh, fish, powershell"));
    }

    #[test]
    fn the_callback_words_are_those_after_the_separator() {
        let argv = words(&["/bin/atlas", "--", "atlas", "org"]);
        assert_eq!(callback_words(&argv), words(&["atlas", "org"]));
        assert!(callback_words(&words(&["atlas"])).is_empty());
    }
}

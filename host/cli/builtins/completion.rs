//! `atlas completion bash | zsh | fish | powershell`: print the shell's completion script (made
//! by [`crate::completion`]), with the texts cobra gives these commands in the Go CLI.

use atlas_plugin_api::{ArgsSpec, CommandSpec, PathSegment};

use super::{Builtin, Place};
use crate::cli::Parsed;
use crate::completion::{COMPLETION, SHELLS};

const SHORT: &str = "Generate the autocompletion script for the specified shell";
const LONG: &str = "Generate the autocompletion script for atlas for the specified shell.
See each sub-command's help for details on how to use the generated script.";

/// One command per shell, in cobra's order.
pub(super) fn commands() -> Vec<Builtin> {
    SHELLS
        .iter()
        .map(|(shell, long)| Builtin {
            place: Place::AfterPlugins,
            spec: CommandSpec {
                path: vec![
                    PathSegment::new(COMPLETION, &[]).group(SHORT, LONG),
                    PathSegment::new(shell, &[]),
                ],
                short: format!("Generate the autocompletion script for {shell}"),
                long: (*long).to_string(),
                args: Some(ArgsSpec::none()),
                ..CommandSpec::default()
            },
            dispatch: |spec, _| Parsed::Completion(spec.path[1].name.clone()),
        })
        .collect()
}

//! `atlas plugin install | list | uninstall | verify`: the host's plugin management commands.

use atlas_plugin_api::{ArgsSpec, CommandSpec, FlagKind, FlagSpec, PathSegment};

use super::{Builtin, Place};
use crate::cli::flags;
use crate::cli::{Parsed, PluginCommand};

const SHORT: &str = "Manage atlas plugins.";

fn spec(name: &str, aliases: &[&str], short: &str, args: ArgsSpec) -> CommandSpec {
    CommandSpec {
        path: vec![
            PathSegment::new("plugin", &[]).group(SHORT, ""),
            PathSegment::new(name, aliases),
        ],
        short: short.into(),
        args: Some(args),
        ..CommandSpec::default()
    }
}

fn first(parsed: &flags::Parsed) -> String {
    parsed.args.first().cloned().unwrap_or_default()
}

/// The commands, in the order `atlas plugin --help` lists them.
pub(super) fn commands() -> Vec<Builtin> {
    let entry = |spec, dispatch| Builtin {
        place: Place::AfterPlugins,
        spec,
        dispatch,
    };
    vec![
        entry(
            CommandSpec {
                flags: vec![FlagSpec::new(
                    "force",
                    None,
                    FlagKind::Bool,
                    "Replace an installed plugin of the same name.",
                )],
                ..spec(
                    "install",
                    &[],
                    "Check a .wasm plugin, pin its sha256 and install it.",
                    ArgsSpec::exactly(1, "<file.wasm>"),
                )
            },
            |p| {
                Parsed::Plugin(PluginCommand::Install {
                    file: first(p).into(),
                    force: p.on("force"),
                })
            },
        ),
        entry(
            spec(
                "list",
                &["ls"],
                "List the installed plugins.",
                ArgsSpec::none(),
            ),
            |_| Parsed::Plugin(PluginCommand::List),
        ),
        entry(
            spec(
                "uninstall",
                &[],
                "Remove an installed plugin.",
                ArgsSpec::exactly(1, "<name>"),
            ),
            |p| Parsed::Plugin(PluginCommand::Uninstall(first(p))),
        ),
        entry(
            spec(
                "verify",
                &[],
                "Check every installed plugin against its recorded sha256.",
                ArgsSpec::none(),
            ),
            |_| Parsed::Plugin(PluginCommand::Verify),
        ),
    ]
}

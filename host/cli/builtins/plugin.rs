//! `atlas plugin install | list | uninstall | update | verify`: the host's plugin management
//! commands (the work is [`crate::manage`]'s).

use atlas_plugin_api::{ArgsSpec, CommandSpec, FlagKind, FlagSpec, PathSegment};

use super::{Builtin, Place};
use crate::cli::{Parsed, flags};

/// The built-in plugin management commands.
#[derive(Debug, PartialEq, Eq)]
pub enum PluginCommand {
    /// `atlas plugin install [--force] [--sha256 <hex>] <file.wasm | https-URL>`; `force`
    /// replaces an installed plugin of the same name.
    Install {
        /// The file or `https://` URL to install from, as typed.
        source: String,
        /// `--force`.
        force: bool,
        /// `--sha256`: the content's pin (required for a URL).
        sha256: Option<String>,
    },
    /// `atlas plugin list`.
    List,
    /// `atlas plugin uninstall <name>`.
    Uninstall(String),
    /// `atlas plugin update [name] [--sha256 <hex>]`: every installed plugin, or one, again
    /// from where it was installed from.
    Update {
        /// The plugin; `None`: all of them.
        name: Option<String>,
        /// `--sha256`: the new pin of a URL plugin's content (needs `name`).
        sha256: Option<String>,
    },
    /// `atlas plugin verify`.
    Verify,
}

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

fn sha256(help: &str) -> FlagSpec {
    FlagSpec::new("sha256", None, FlagKind::String, help)
}

fn first(parsed: &flags::Parsed) -> Option<String> {
    parsed.args.first().cloned()
}

fn pin(parsed: &flags::Parsed) -> Option<String> {
    parsed.last("sha256").map(str::to_string)
}

/// The commands, in the order `atlas plugin --help` lists them.
pub(super) fn commands() -> Vec<Builtin> {
    let entry = super::listed(Place::AfterPlugins);
    vec![
        entry(
            CommandSpec {
                flags: vec![
                    FlagSpec::new(
                        "force",
                        None,
                        FlagKind::Bool,
                        "Replace an installed plugin of the same name.",
                    ),
                    sha256("The sha256 the plugin's content must have (required for a URL)."),
                ],
                ..spec(
                    "install",
                    &[],
                    "Check a .wasm plugin (a file or an https:// URL), pin its sha256 and install it.",
                    ArgsSpec::exactly(1, "<file.wasm|https-URL>"),
                )
            },
            |_, p| {
                Parsed::Plugin(PluginCommand::Install {
                    source: first(p).unwrap_or_default(),
                    force: p.on("force"),
                    sha256: pin(p),
                })
            },
        ),
        entry(
            spec(
                "list",
                &["ls"],
                "List the installed and bundled plugins, with where each comes from.",
                ArgsSpec::none(),
            ),
            |_, _| Parsed::Plugin(PluginCommand::List),
        ),
        entry(
            spec(
                "uninstall",
                &[],
                "Remove an installed plugin.",
                ArgsSpec::exactly(1, "<name>"),
            ),
            |_, p| Parsed::Plugin(PluginCommand::Uninstall(first(p).unwrap_or_default())),
        ),
        entry(
            CommandSpec {
                flags: vec![sha256(
                    "The new sha256 of a URL plugin's content (with a plugin name).",
                )],
                ..spec(
                    "update",
                    &[],
                    "Install plugins again from where they were installed from.",
                    ArgsSpec {
                        min: 0,
                        max: Some(1),
                        usage: "[name]".into(),
                    },
                )
            },
            |_, p| {
                Parsed::Plugin(PluginCommand::Update {
                    name: first(p),
                    sha256: pin(p),
                })
            },
        ),
        entry(
            spec(
                "verify",
                &[],
                "Check every installed plugin against its recorded sha256.",
                ArgsSpec::none(),
            ),
            |_, _| Parsed::Plugin(PluginCommand::Verify),
        ),
    ]
}

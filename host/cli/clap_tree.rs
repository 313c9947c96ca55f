//! The command tree as a clap [`Command`], for shell completion alone ([`crate::completion`]:
//! clap_complete's engine completes from it): every command and group with its aliases and
//! short text, its flags with their help, and its arguments, from the very tree the command line
//! is parsed against ([`Node::build`]). Nothing is parsed with it.

use atlas_plugin_api::{CommandSpec, FlagKind};
use clap::{Arg, ArgAction, Command, ValueHint};

use super::ROOT;
use super::flags::Flag;
use super::tree::{self, Node, Target};

/// The arguments' id (`__`-prefixed: no flag may have it).
const ARGS: &str = "__args";

/// The whole tree, every command with its flags, the root's persistent ones global.
pub fn tree(commands: &[&CommandSpec]) -> Command {
    let root = Node::build(commands);
    let globals = tree::persistent().into_iter().map(|f| arg(&f).global(true));
    command(&root, ROOT).args(globals)
}

fn command(node: &Node, name: &str) -> Command {
    let mut cmd = Command::new(name.to_string())
        .visible_aliases(node.aliases.clone())
        .args(node.flags.iter().map(arg));
    if !node.short.is_empty() {
        cmd = cmd.about(node.short.clone());
    }
    if node.runnable() && !node.use_args.is_empty() {
        // Files for a command whose arguments name one (`<file.wasm|https-URL>`).
        let hint = if node.use_args.to_lowercase().contains("file") {
            ValueHint::FilePath
        } else {
            ValueHint::Other
        };
        cmd = cmd.arg(
            Arg::new(ARGS)
                .value_name(node.use_args.clone())
                .num_args(0..)
                .action(ArgAction::Append)
                .value_hint(hint),
        );
    }
    let children = node.children.iter().filter(|c| c.target != Target::Help);
    cmd.subcommands(children.map(|c| command(c, &c.name)))
}

fn arg(flag: &Flag) -> Arg {
    let mut arg = Arg::new(flag.name.clone())
        .long(flag.name.clone())
        .hide(flag.hidden);
    if !flag.help.is_empty() {
        arg = arg.help(flag.help.clone());
    }
    if let Some(c) = flag.shorthand.as_deref().and_then(|s| s.chars().next()) {
        arg = arg.short(c);
    }
    match flag.kind {
        FlagKind::Bool => arg.action(ArgAction::SetTrue),
        _ if flag.file => arg
            .action(ArgAction::Append)
            .value_hint(ValueHint::FilePath),
        _ => arg.action(ArgAction::Append),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_has_every_builtin_and_plugin_command_with_flags_and_aliases() {
        let keys = CommandSpec {
            path: vec![
                atlas_plugin_api::PathSegment::new("organizations", &["orgs"]),
                atlas_plugin_api::PathSegment::new("list", &["ls"]),
            ],
            flags: vec![atlas_plugin_api::FlagSpec::new(
                "limit",
                None,
                FlagKind::Int,
                "Items.",
            )],
            ..CommandSpec::default()
        };
        let mut root = tree(&[&keys]);
        root.build();
        let list = root
            .find_subcommand("orgs")
            .and_then(|o| o.find_subcommand("ls"))
            .unwrap();
        assert!(list.get_arguments().any(|a| a.get_id() == "limit"));
        assert!(list.get_arguments().any(|a| a.get_id() == "profile"));
        let install = root
            .find_subcommand("plugin")
            .and_then(|p| p.find_subcommand("install"))
            .unwrap();
        assert!(install.get_arguments().any(|a| a.get_id() == "sha256"));
        assert!(
            install
                .get_arguments()
                .any(|a| a.get_value_hint() == ValueHint::FilePath)
        );
        for word in ["config", "completion"] {
            assert!(root.find_subcommand(word).is_some(), "{word}");
        }
    }
}

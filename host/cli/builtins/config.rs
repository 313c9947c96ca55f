//! `atlas config init | set | list | describe | rename | delete`: the Go Atlas CLI's names,
//! aliases, arguments and texts (`internal/cli/config`); the commands run in
//! [`crate::config::cmd`].

use atlas_plugin_api::{ArgsSpec, CommandSpec, FlagKind, FlagSpec, PathSegment};

use super::{Builtin, Place};
use crate::cli::Parsed;
use crate::cli::flags;
use crate::config::cmd::{ConfigCommand, Invocation};

const SHORT: &str = "Configure and manage your user profiles.";
const LONG: &str = "Configure settings in a user profile.
All settings are optional. You can specify settings individually by running: 
$ atlas config set --help 

You can also use environment variables (MONGODB_ATLAS_*) when running the tool.
To find out more, see the documentation: https://dochub.mongodb.org/core/atlas-cli-env-variables.";

const OUTPUT_HELP: &str =
    "Output format. Valid values are json or, by leaving the flag out, the default table.";
const FORCE_HELP: &str = "Flag that indicates whether to skip the confirmation prompt before proceeding with the requested action.";

fn spec(name: &str, aliases: &[&str], short: &str, args: ArgsSpec) -> CommandSpec {
    CommandSpec {
        path: vec![
            PathSegment::new(crate::config::cmd::NAME, &[]).group(SHORT, LONG),
            PathSegment::new(name, aliases),
        ],
        short: short.into(),
        args: Some(args),
        ..CommandSpec::default()
    }
}

fn output() -> FlagSpec {
    FlagSpec::new("output", Some("o"), FlagKind::String, OUTPUT_HELP)
}

fn arg(parsed: &flags::Parsed, i: usize) -> String {
    parsed.args.get(i).cloned().unwrap_or_default()
}

fn run(parsed: &flags::Parsed, command: ConfigCommand) -> Parsed {
    Parsed::Config(Invocation {
        command,
        profile: parsed.last("profile").map(str::to_string),
    })
}

/// The commands, in the order `atlas config --help` lists them.
pub(super) fn commands() -> Vec<Builtin> {
    let entry = super::listed(Place::BeforePlugins);
    vec![
        entry(
            CommandSpec {
                long: "On a terminal each value is asked for (the private API key without echo). Without one, the answers are read from stdin, one line each, in the order they are asked: public API key, private API key, organization ID, project ID, output format; an empty line keeps the current value.".into(),
                example: "  # To configure the tool to work with Atlas:\n  atlas config init\n\n  # To configure the tool to work with Atlas for Government:\n  atlas config init --gov\n\n  # Without a terminal:\n  printf '%s\\n' \"$PUBLIC_KEY\" \"$PRIVATE_KEY\" \"$ORG_ID\" \"\" json | atlas config init".into(),
                flags: vec![FlagSpec::new("gov", None, FlagKind::Bool, "Log in to Atlas for Government.")],
                ..spec(
                    "init",
                    &[],
                    "Configure a profile with API keys, a default organization, project and output format.",
                    ArgsSpec::none(),
                )
            },
            |_, p| run(p, ConfigCommand::Init { gov: p.on("gov") }),
        ),
        entry(
            CommandSpec {
                example: "\n  Set the organization ID in the default profile to 5dd5aaef7a3e5a6c5bd12de4:\n  atlas config set org_id 5dd5aaef7a3e5a6c5bd12de4".into(),
                ..spec(
                    "set",
                    &[],
                    "Configure specific properties of a profile.",
                    ArgsSpec::exactly(2, "<propertyName> <value>"),
                )
            },
            |_, p| {
                let (property, value) = (arg(p, 0), arg(p, 1));
                run(p, ConfigCommand::Set { property, value })
            },
        ),
        entry(
            CommandSpec {
                long: "If you did not specify a name for your profile, it displays as the default profile.".into(),
                example: "  atlas config ls".into(),
                flags: vec![output()],
                ..spec(
                    "list",
                    &["ls"],
                    "Return a list of available profiles by name.",
                    ArgsSpec::none(),
                )
            },
            |_, p| {
                let output = p.last("output").map(str::to_string);
                run(p, ConfigCommand::List { output })
            },
        ),
        entry(
            CommandSpec {
                flags: vec![output()],
                ..spec(
                    "describe",
                    &["get"],
                    "Return the profile you specify.",
                    ArgsSpec::exactly(1, "<name>"),
                )
            },
            |_, p| {
                let (name, output) = (arg(p, 0), p.last("output").map(str::to_string));
                run(p, ConfigCommand::Describe { name, output })
            },
        ),
        entry(
            CommandSpec {
                example: "  # Rename a profile called myProfile to testProfile:\n  atlas config rename myProfile testProfile".into(),
                ..spec(
                    "rename",
                    &["mv"],
                    "Rename a profile.",
                    ArgsSpec::exactly(2, "<oldProfileName> <newProfileName>"),
                )
            },
            |_, p| {
                let (from, to) = (arg(p, 0), arg(p, 1));
                run(p, ConfigCommand::Rename { from, to })
            },
        ),
        entry(
            CommandSpec {
                example: "  # Delete the default profile configuration:\n  atlas config delete default\n\n  # Skip the confirmation question and delete the default profile configuration:\n  atlas config delete default --force".into(),
                flags: vec![FlagSpec::new("force", None, FlagKind::Bool, FORCE_HELP)],
                ..spec(
                    "delete",
                    &["rm"],
                    "Delete a profile.",
                    ArgsSpec::exactly(1, "<name>"),
                )
            },
            |_, p| {
                let (name, force) = (arg(p, 0), p.on("force"));
                run(p, ConfigCommand::Delete { name, force })
            },
        ),
    ]
}

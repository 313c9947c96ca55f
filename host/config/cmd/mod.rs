//! The built-in `atlas config init | set | list | describe | rename | delete`: the Go Atlas CLI's
//! names, aliases, arguments and wording (`internal/cli/config`), on top of the file and keyring
//! this module's parent reads. Here: the clap tree, the parsed command, and its errors; the
//! commands themselves are in [`run`] (printing in [`show`]; `init`'s questions in [`init`], asked
//! by [`ask`]).

pub(crate) mod ask;
pub(crate) mod init;
mod run;
mod show;

use clap::{Arg, ArgAction, ArgMatches, Command};

pub use run::run;

/// The command's word.
pub const NAME: &str = "config";
const ARGS: &str = "__args";

/// A parsed `atlas config …` command line.
#[derive(Debug, PartialEq, Eq)]
pub struct Invocation {
    /// The command.
    pub command: ConfigCommand,
    /// `-P/--profile`.
    pub profile: Option<String>,
}

/// One of the config commands.
#[derive(Debug, PartialEq, Eq)]
pub enum ConfigCommand {
    /// `init [--gov]`: asks for API keys, org, project and output, and saves them.
    Init {
        /// `--gov`: Atlas for Government.
        gov: bool,
    },
    /// `set <propertyName> <value>`.
    Set { property: String, value: String },
    /// `list` (`ls`).
    List { output: Option<String> },
    /// `describe <name>` (`get`).
    Describe {
        name: String,
        output: Option<String>,
    },
    /// `rename <oldProfileName> <newProfileName>` (`mv`).
    Rename { from: String, to: String },
    /// `delete <name> [--force]` (`rm`).
    Delete { name: String, force: bool },
}

/// Why a config command failed (every one exits 1, and none of them has written anything).
#[derive(Debug, thiserror::Error)]
pub enum CmdError {
    /// The settings could not be read (or a profile name is not allowed).
    #[error(transparent)]
    Config(#[from] super::ConfigError),
    /// The file could not be changed.
    #[error(transparent)]
    Edit(#[from] super::edit::EditError),
    /// The Go CLI's wording for a property `set` does not know.
    #[error("invalid property: {0:?}")]
    InvalidProperty(String),
    /// The Go CLI's wording.
    #[error("the version property cannot be set manually, it is automatically managed by the CLI")]
    Version,
    /// A value the property cannot take (the Go CLI's wording).
    #[error("{0}")]
    InvalidValue(String),
    /// `describe` of a profile that is not in the file (the Go CLI's wording).
    #[error("you don't have a profile named '{0}'")]
    NoSuchProfile(String),
    /// A profile name that is empty.
    #[error("a profile name cannot be empty")]
    EmptyName,
    /// A question with no terminal to ask it on.
    #[error("cannot ask \"{question}\" without a terminal, so nothing was done")]
    Unconfirmed {
        question: String,
        /// The advice: what skips the question.
        advice: String,
    },
    /// The keyring answered when the settings were read, then failed to store a secret.
    #[error("could not save {key} to the keyring (service atlascli_{profile}): {message}")]
    Keyring {
        profile: String,
        key: String,
        message: String,
    },
    /// No home directory to find the config directory from.
    #[error("cannot find the config directory: set HOME or XDG_CONFIG_HOME")]
    NoConfigDir,
    /// An `-o` value these commands do not print.
    #[error("unsupported output format \"{0}\"")]
    Output(String),
    /// Reading an answer failed.
    #[error("could not read the answer to \"{question}\": {message}")]
    Read { question: String, message: String },
}

impl CmdError {
    /// What to do about it, for a `help:` line.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::Config(e) => e.help(),
            Self::Edit(super::edit::EditError::Save(_)) => None,
            Self::Edit(super::edit::EditError::Parse { .. }) => {
                Some("fix the file (it must be TOML) and run the command again".into())
            }
            Self::Edit(super::edit::EditError::Taken(name)) => Some(format!(
                "run it on a terminal to be asked whether to replace it, or delete it first: atlas config delete {name}"
            )),
            Self::Edit(_) | Self::NoSuchProfile(_) => {
                Some("`atlas config list` shows your profiles".into())
            }
            Self::InvalidProperty(_) => Some(format!(
                "valid properties: {}",
                run::PROPERTIES.join(", ")
            )),
            Self::Unconfirmed { advice, .. } => Some(advice.clone()),
            Self::Output(_) => Some("use -o json, or leave -o out for the table".into()),
            Self::Keyring { .. } => Some(
                "unlock the keyring (or unset DBUS_SESSION_BUS_ADDRESS to keep secrets in the config file), then run the command again"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// The clap tree of `atlas config`.
pub fn command() -> Command {
    let args = |names: &'static str| {
        Arg::new(ARGS)
            .value_name(names)
            .num_args(0..)
            .action(ArgAction::Append)
    };
    let output = || {
        Arg::new("output").short('o').long("output").help(
            "Output format. Valid values are json or, by leaving the flag out, the default table.",
        )
    };
    Command::new(NAME)
        .about("Configure and manage your user profiles.")
        .long_about(
            "Configure settings in a user profile.\nAll settings are optional. You can specify settings individually by running: \n$ atlas config set --help \n\nYou can also use environment variables (MONGODB_ATLAS_*) when running the tool.\nTo find out more, see the documentation: https://dochub.mongodb.org/core/atlas-cli-env-variables.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        // An unknown word reaches [`parse`], which answers as cobra does.
        .allow_external_subcommands(true)
        .subcommand(
            Command::new("init")
                .about("Configure a profile with API keys, a default organization, project and output format.")
                .long_about("Configure a profile with API keys, a default organization, project and output format.\n\nOn a terminal each value is asked for (the private API key without echo). Without one, the answers are read from stdin, one line each, in the order they are asked: public API key, private API key, organization ID, project ID, output format; an empty line keeps the current value.")
                .after_help("Examples:\n  # To configure the tool to work with Atlas:\n  atlas config init\n\n  # To configure the tool to work with Atlas for Government:\n  atlas config init --gov\n\n  # Without a terminal:\n  printf '%s\\n' \"$PUBLIC_KEY\" \"$PRIVATE_KEY\" \"$ORG_ID\" \"\" json | atlas config init")
                .arg(Arg::new("gov").long("gov").action(ArgAction::SetTrue).help("Log in to Atlas for Government."))
                .arg(args("ARGS").hide(true)),
        )
        .subcommand(
            Command::new("set")
                .about("Configure specific properties of a profile.")
                .after_help(format!("{}\n\n{}", arguments(&[
                    ("propertyName", "Property to set in the profile. Valid values for Atlas CLI are project_id, org_id, service, public_api_key, private_api_key, output, mongosh_path, skip_update_check, telemetry_enabled, access_token, and refresh_token."),
                    ("value", "Value for the property to set in the profile."),
                ]), "Examples:\n\n  Set the organization ID in the default profile to 5dd5aaef7a3e5a6c5bd12de4:\n  atlas config set org_id 5dd5aaef7a3e5a6c5bd12de4"))
                .override_usage("atlas config set <propertyName> <value> [flags]")
                                .arg(args("ARGS").hide(true)),
        )
        .subcommand(
            Command::new("list")
                .visible_alias("ls")
                .about("Return a list of available profiles by name.")
                .long_about("If you did not specify a name for your profile, it displays as the default profile.")
                .after_help("Examples:\n  atlas config ls")
                .arg(output())
                .arg(args("ARGS").hide(true)),
        )
        .subcommand(
            Command::new("describe")
                .visible_alias("get")
                .about("Return the profile you specify.")
                .arg(output())
                .after_help(arguments(&[("name", "Label that identifies the profile.")]))
.override_usage("atlas config describe <name> [flags]")
                                .arg(args("ARGS").hide(true)),
        )
        .subcommand(
            Command::new("rename")
                .visible_alias("mv")
                .about("Rename a profile.")
                .after_help(format!("{}\n\n{}", arguments(&[
                    ("oldProfileName", "Name of the profile to rename."),
                    ("newProfileName", "New name of the profile."),
                ]), "Examples:\n  # Rename a profile called myProfile to testProfile:\n  atlas config rename myProfile testProfile"))
                .override_usage("atlas config rename <oldProfileName> <newProfileName> [flags]")
                                .arg(args("ARGS").hide(true)),
        )
        .subcommand(
            Command::new("delete")
                .visible_alias("rm")
                .about("Delete a profile.")
                .after_help(format!("{}\n\n{}", arguments(&[("name", "Name of the profile.")]), "Examples:\n  # Delete the default profile configuration:\n  atlas config delete default\n\n  # Skip the confirmation question and delete the default profile configuration:\n  atlas config delete default --force"))
                .arg(Arg::new("force").long("force").action(ArgAction::SetTrue).help("Flag that indicates whether to skip the confirmation prompt before proceeding with the requested action."))
                .override_usage("atlas config delete <name> [flags]")
                                .arg(args("ARGS").hide(true)),
        )
}

/// The names of the commands, sorted as cobra sorts them (its suggestions come in this order).
const SUBCOMMANDS: &[&str] = &["delete", "describe", "init", "list", "rename", "set"];

/// cobra's wording for an unknown word, with its suggestions.
fn unknown(word: &str) -> String {
    unknown_under(NAME, SUBCOMMANDS, word)
}

/// cobra's wording for an unknown word after `atlas <parent>`, with its suggestions among
/// `names` (sorted as cobra sorts them; Levenshtein distance ≤ 2, or a prefix; aliases are not
/// suggested).
pub(crate) fn unknown_under(parent: &str, names: &[&str], word: &str) -> String {
    let mut message = format!("unknown command \"{word}\" for \"atlas {parent}\"");
    let lower = word.to_lowercase();
    let near: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| strsim::levenshtein(&lower, name) <= 2 || name.starts_with(&lower))
        .collect();
    if !near.is_empty() {
        message.push_str("\n\nDid you mean this?");
        for name in near {
            message.push_str(&format!("\n\t{name}"));
        }
    }
    message
}

/// An `Arguments:` block for the help text (the positional arguments themselves are hidden, so
/// that the usage line can read as cobra's `Use`).
fn arguments(list: &[(&str, &str)]) -> String {
    let width = list.iter().map(|(n, _)| n.len()).max().unwrap_or(0) + 2;
    list.iter()
        .fold("Arguments:".to_string(), |text, (name, what)| {
            text + &format!("\n  {name:<width$}{what}")
        })
}

/// The command `words` (`config` first) names, from its matches.
pub fn parse(words: &[String], m: &ArgMatches) -> Result<Invocation, String> {
    let word = words.get(1).map(String::as_str).unwrap_or_default();
    if !SUBCOMMANDS.contains(&word) {
        return Err(unknown(word));
    }
    let args: Vec<String> = m
        .get_many::<String>(ARGS)
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let name = words.join(" ");
    let expect = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            // cobra's ExactArgs wording (NoArgs for none).
            Err(match n {
                0 => format!("unknown command \"{}\" for \"atlas {name}\"", args[0]),
                n => format!(
                    "\"atlas {name}\" accepts {n} arg(s), received {}",
                    args.len()
                ),
            })
        }
    };
    let output = || m.get_one::<String>("output").cloned();
    let command = match word {
        "init" => expect(0).map(|()| ConfigCommand::Init {
            gov: m.get_flag("gov"),
        }),
        "set" => expect(2).map(|()| ConfigCommand::Set {
            property: args[0].clone(),
            value: args[1].clone(),
        }),
        "list" => expect(0).map(|()| ConfigCommand::List { output: output() }),
        "describe" => expect(1).map(|()| ConfigCommand::Describe {
            name: args[0].clone(),
            output: output(),
        }),
        "rename" => expect(2).map(|()| ConfigCommand::Rename {
            from: args[0].clone(),
            to: args[1].clone(),
        }),
        _ => expect(1).map(|()| ConfigCommand::Delete {
            name: args[0].clone(),
            force: m.get_flag("force"),
        }),
    }?;
    Ok(Invocation {
        command,
        profile: m.get_one::<String>("profile").cloned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(argv: &[&str]) -> Result<Invocation, String> {
        let root = Command::new("atlas")
            .arg(Arg::new("profile").short('P').long("profile").global(true))
            .subcommand(command());
        let m = root.try_get_matches_from(argv).map_err(|e| e.to_string())?;
        let mut words = Vec::new();
        let mut leaf = &m;
        while let Some((name, sub)) = leaf.subcommand() {
            words.push(name.to_string());
            leaf = sub;
        }
        parse(&words, leaf)
    }

    #[test]
    fn every_command_and_alias_parses_as_the_go_cli_has_them() {
        let cases: &[(&[&str], ConfigCommand)] = &[
            (
                &["atlas", "config", "init", "--gov"],
                ConfigCommand::Init { gov: true },
            ),
            (
                &["atlas", "config", "set", "org_id", "1"],
                ConfigCommand::Set {
                    property: "org_id".into(),
                    value: "1".into(),
                },
            ),
            (
                &["atlas", "config", "ls"],
                ConfigCommand::List { output: None },
            ),
            (
                &["atlas", "config", "get", "work", "-o", "json"],
                ConfigCommand::Describe {
                    name: "work".into(),
                    output: Some("json".into()),
                },
            ),
            (
                &["atlas", "config", "mv", "a", "b"],
                ConfigCommand::Rename {
                    from: "a".into(),
                    to: "b".into(),
                },
            ),
            (
                &["atlas", "config", "rm", "a", "--force"],
                ConfigCommand::Delete {
                    name: "a".into(),
                    force: true,
                },
            ),
        ];
        for (argv, want) in cases {
            assert_eq!(&parsed(argv).unwrap().command, want, "{argv:?}");
        }
        let with_profile = parsed(&["atlas", "config", "set", "output", "json", "-P", "w"]);
        assert_eq!(with_profile.unwrap().profile.as_deref(), Some("w"));
    }

    #[test]
    fn argument_counts_get_cobras_wording() {
        assert_eq!(
            parsed(&["atlas", "config", "set", "org_id"]).unwrap_err(),
            "\"atlas config set\" accepts 2 arg(s), received 1"
        );
        assert_eq!(
            parsed(&["atlas", "config", "rename", "a"]).unwrap_err(),
            "\"atlas config rename\" accepts 2 arg(s), received 1"
        );
        assert_eq!(
            parsed(&["atlas", "config", "delete"]).unwrap_err(),
            "\"atlas config delete\" accepts 1 arg(s), received 0"
        );
        assert_eq!(
            parsed(&["atlas", "config", "lst"]).unwrap_err(),
            "unknown command \"lst\" for \"atlas config\"\n\nDid you mean this?\n\tlist\n\tset"
        );
        assert_eq!(
            parsed(&["atlas", "config", "frobnicate"]).unwrap_err(),
            "unknown command \"frobnicate\" for \"atlas config\""
        );
        assert_eq!(
            parsed(&["atlas", "config", "list", "x"]).unwrap_err(),
            "unknown command \"x\" for \"atlas config list\""
        );
    }
}

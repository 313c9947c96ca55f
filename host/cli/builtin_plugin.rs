//! The built-in `atlas plugin …` commands: their clap subcommands and what they parse to.

use clap::{Arg, ArgAction, ArgMatches, Command, ValueHint};

use super::{ARGS, PLUGIN};

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

fn positional(name: &'static str) -> Arg {
    Arg::new(ARGS)
        .value_name(name)
        .num_args(0..)
        .action(ArgAction::Append)
}

fn sha256_flag(help: &'static str) -> Arg {
    Arg::new("sha256")
        .long("sha256")
        .value_name("HEX")
        .action(ArgAction::Set)
        .num_args(1)
        .help(help)
}

/// `atlas plugin` and its subcommands.
pub fn commands() -> Command {
    Command::new(PLUGIN)
        .about("Manage atlas plugins.")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("install")
                .about("Check a .wasm plugin (a file or an https:// URL), pin its sha256 and install it.")
                .arg(positional("FILE|URL").value_hint(ValueHint::FilePath))
                .arg(
                    Arg::new("force")
                        .long("force")
                        .action(ArgAction::SetTrue)
                        .help("Replace an installed plugin of the same name."),
                )
                .arg(sha256_flag(
                    "The sha256 the plugin's content must have (required for a URL).",
                )),
        )
        .subcommand(
            Command::new("list")
                .visible_alias("ls")
                .about("List the installed and bundled plugins, with where each comes from."),
        )
        .subcommand(
            Command::new("uninstall")
                .about("Remove an installed plugin.")
                .arg(positional("NAME")),
        )
        .subcommand(
            Command::new("update")
                .about("Install plugins again from where they were installed from.")
                .arg(positional("NAME"))
                .arg(sha256_flag(
                    "The new sha256 of a URL plugin's content (with a plugin name).",
                )),
        )
        .subcommand(
            Command::new("verify")
                .about("Check every installed plugin against its recorded sha256."),
        )
}

/// The command `words` (`plugin`, then the subcommand) with matches `m` ask for.
pub fn parse(words: &[String], m: &ArgMatches) -> Result<PluginCommand, String> {
    // `list` and `verify` declare no positional arguments at all.
    let args: Vec<String> = match m.try_get_many::<String>(ARGS) {
        Ok(Some(values)) => values.cloned().collect(),
        _ => Vec::new(),
    };
    let name = words.join(" ");
    let expect = |range: std::ops::RangeInclusive<usize>| {
        if range.contains(&args.len()) {
            Ok(())
        } else if range.start() == range.end() {
            // cobra's ExactArgs wording.
            Err(format!(
                "\"atlas {name}\" accepts {} arg(s), received {}",
                range.start(),
                args.len()
            ))
        } else {
            // cobra's MaximumNArgs wording.
            Err(format!(
                "\"atlas {name}\" accepts at most {} arg(s), received {}",
                range.end(),
                args.len()
            ))
        }
    };
    let sha256 = || m.try_get_one::<String>("sha256").ok().flatten().cloned();
    match words.get(1).map(String::as_str) {
        Some("install") => expect(1..=1).map(|()| PluginCommand::Install {
            source: args[0].clone(),
            force: m.get_flag("force"),
            sha256: sha256(),
        }),
        Some("uninstall") => expect(1..=1).map(|()| PluginCommand::Uninstall(args[0].clone())),
        Some("update") => expect(0..=1).map(|()| PluginCommand::Update {
            name: args.first().cloned(),
            sha256: sha256(),
        }),
        Some("list") => expect(0..=0).map(|()| PluginCommand::List),
        _ => expect(0..=0).map(|()| PluginCommand::Verify),
    }
}

//! The command line as the Go Atlas CLI reads it (cobra v1.10.2 and pflag v1.0.10): the command
//! tree built from the plugins' `describe` output and the built-ins ([`builtins`]), the command
//! found the way cobra's `Find` finds it ([`tree`]), its flags parsed as pflag parses them
//! ([`flags`]), help and usage in the Go CLI's layout ([`help`]), `-v/--version` ([`version`]),
//! and the result as flag values for the plugin. Every message uses cobra's and pflag's wording.
//!
//! One deliberate difference ([ours], docs/go-differences.md): a word that names no command in a
//! group is an error (exit 1) at every level, where cobra prints the group's help and exits 0.

use std::ffi::OsString;

use atlas_plugin_api::{CommandSpec, FlagKind, FlagValue, Flags};

use tree::{Node, Target};

const ROOT: &str = "atlas";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// Print this (help or version) on stdout and exit 0.
    Help(String),
    /// Print this on stderr and exit 0 (cobra's `help` of an unknown topic: a line and the
    /// root's usage).
    HelpOnStderr(String),
    /// Run a plugin command.
    Run(Dispatch),
    /// Run a built-in `atlas plugin …` command.
    Plugin(PluginCommand),
    /// Run a built-in `atlas auth …` command.
    Auth(crate::auth::cmd::AuthRun),
    /// `atlas completion <shell>`: print the shell's completion script.
    Completion(String),
    /// Run a built-in `atlas config …` command.
    Config(crate::config::cmd::Invocation),
}

/// A plugin command to run, with what the user gave it.
#[derive(Debug, PartialEq)]
pub struct Dispatch {
    /// Index into the command list given to [`parse`].
    pub command: usize,
    /// Positional arguments.
    pub args: Vec<String>,
    /// The flags the user set.
    pub flags: Flags,
    /// `-P/--profile`.
    pub profile: Option<String>,
    /// `-D/--debug` (hidden): trace the HTTP exchange on stderr.
    pub debug: bool,
}

/// Parses `argv` (program name first) against `commands`, as cobra's `ExecuteC` does: find the
/// command, refuse an unknown word at the root, parse the command's flags, then `--help`,
/// `--version`, a group's help, cobra's `help`, or the command with its checked arguments.
pub fn parse(argv: &[OsString], commands: &[&CommandSpec]) -> Result<Parsed, String> {
    let mut args = Vec::with_capacity(argv.len());
    for (i, arg) in argv.iter().enumerate().skip(1) {
        match arg.to_str() {
            Some(a) => args.push(a.to_string()),
            None => {
                return Err(format!(
                    "argument {i} is not valid UTF-8: {}",
                    flags::quote(&arg.to_string_lossy())
                ));
            }
        }
    }
    let root = Node::build(commands);
    let persistent = tree::persistent();
    let (path, rest) = tree::find(&root, &args, &persistent);
    if path.len() == 1
        && let Some(word) = tree::strip_flags(&rest, &root, &persistent).first()
    {
        // cobra's `legacyArgs`, before any flag is parsed.
        return Err(unknown_command(word, &path));
    }
    let node = *path.last().expect("a path has a node");
    let mut known: Vec<flags::Flag> = node.flags.clone();
    known.push(tree::help_flag(&node.name));
    known.extend(persistent.iter().cloned());
    if path.len() == 1 {
        known.push(tree::version_flag());
    }
    let refs: Vec<&flags::Flag> = known.iter().collect();
    let parsed = flags::parse(&rest, &refs)?;
    if parsed.on("help") {
        return Ok(Parsed::Help(help::help(&path, &persistent)));
    }
    if path.len() == 1 && parsed.on("version") {
        return Ok(Parsed::Help(version::text()));
    }
    match node.target {
        Target::Group => match parsed.args.first() {
            None => Ok(Parsed::Help(help::help(&path, &persistent))),
            // [ours] cobra prints the group's help and exits 0.
            Some(word) => Err(format!(
                "{}\nRun '{} --help' for usage.",
                unknown_command(word, &path),
                help::command_path(&path)
            )),
        },
        Target::Help => Ok(help_topic(&root, &parsed.args, &persistent)),
        Target::Builtin(index) => {
            let builtin = builtins::all().swap_remove(index);
            args::check(&builtin.spec, &parsed.args)?;
            Ok((builtin.dispatch)(&builtin.spec, &parsed))
        }
        Target::Plugin(index) => {
            let spec = commands[index];
            args::check(spec, &parsed.args)?;
            Ok(Parsed::Run(Dispatch {
                command: index,
                flags: flag_values(spec, &parsed),
                profile: parsed.last("profile").map(str::to_string),
                debug: parsed.on("debug"),
                args: parsed.args,
            }))
        }
    }
}

/// cobra's `help [command]`: the help of the command the words name, or, for a word that names
/// nothing at the root, `Unknown help topic` and the root's usage on stderr.
fn help_topic(root: &Node, topic: &[String], persistent: &[flags::Flag]) -> Parsed {
    let (path, rest) = tree::find(root, topic, persistent);
    if path.len() == 1 && !tree::strip_flags(&rest, root, persistent).is_empty() {
        let words: Vec<String> = topic.iter().map(|w| backquote(w)).collect();
        return Parsed::HelpOnStderr(format!(
            "Unknown help topic [{}]\n{}",
            words.join(" "),
            help::usage(&path, persistent, false)
        ));
    }
    Parsed::Help(help::help(&path, persistent))
}

/// Go's `%#q` of a string: back-quoted when it can be, else `%q`.
fn backquote(s: &str) -> String {
    if s.chars()
        .all(|c| c == '\t' || !c.is_control() && c != '`' && c != '\u{feff}')
    {
        format!("`{s}`")
    } else {
        flags::quote(s)
    }
}

/// The values of the command's flags the user set, for the plugin: the last one of a string,
/// int or bool flag, every one of a list.
fn flag_values(spec: &CommandSpec, parsed: &flags::Parsed) -> Flags {
    let mut out = Flags::new();
    for flag in &spec.flags {
        let Some(values) = parsed.values(&flag.name) else {
            continue;
        };
        let last = values.last().cloned().unwrap_or_default();
        let value = match flag.kind {
            FlagKind::Bool => FlagValue::Bool(last == "true"),
            // Checked while parsing, and kept in decimal.
            FlagKind::Int => FlagValue::Int(last.parse().unwrap_or_default()),
            FlagKind::String => FlagValue::String(last),
            FlagKind::Strings => FlagValue::Strings(values.to_vec()),
        };
        out.insert(flag.name.clone(), value);
    }
    out
}

/// cobra's wording: `unknown command "x" for "atlas organizations"`, then the commands of that
/// group whose name is within Levenshtein distance 2 of the word or starts with it (ignoring
/// case; aliases are not suggested), each on its own line.
fn unknown_command(word: &str, path: &[&Node]) -> String {
    let node = path.last().expect("a path has a node");
    let mut message = format!(
        "unknown command {} for {}",
        flags::quote(word),
        flags::quote(&help::command_path(path))
    );
    let lower = word.to_lowercase();
    // cobra's `ld` counts bytes, not characters.
    let typed: Vec<u8> = lower.bytes().collect();
    let names: Vec<&str> = node
        .children
        .iter()
        .filter(|c| c.target != Target::Help && (c.runnable() || !c.children.is_empty()))
        .map(|c| c.name.as_str())
        .filter(|name| {
            let name = name.to_lowercase();
            strsim::generic_levenshtein::<Vec<u8>, Vec<u8>, &u8, &u8>(
                &typed,
                &name.bytes().collect(),
            ) <= 2
                || name.starts_with(&lower)
        })
        .collect();
    if !names.is_empty() {
        message.push_str("\n\nDid you mean this?\n");
        for name in names {
            message.push_str(&format!("\t{name}\n"));
        }
    }
    message
}

mod args;
mod builtins;
mod clap_tree;
mod flags;
mod help;
#[cfg(test)]
mod tests;
mod tree;
mod version;

pub use builtins::PluginCommand;
pub use clap_tree::tree;

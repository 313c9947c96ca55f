//! The command line: a clap tree built from the plugins' `describe` output alone, and the
//! parsed result as flag values for the plugin. Parse errors use the Go Atlas CLI's wording.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;

use atlas_plugin_api::{CommandSpec, FlagKind, FlagValue, Flags, PathSegment};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::completion;

const ROOT: &str = "atlas";
pub(crate) const ARGS: &str = "__args";
const PLUGIN: &str = "plugin";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// Print this (help or version) on stdout and exit 0.
    Help(String),
    /// Run a plugin command.
    Run(Dispatch),
    /// Run a built-in `atlas plugin …` command.
    Plugin(PluginCommand),
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

/// Parses `argv` (program name first) against `commands`.
///
/// A word resolves by the commands at its level that answer to it (by name or alias), in order.
/// So the commands with no typed word at all never change how the typed words resolve: the tree
/// of the others is tried first, with flags and help only for those whose every word was typed,
/// and when it yields a command to run, that is the answer: start-up costs the same with 1 or 50
/// plugins. Help, errors and everything else come from the whole tree, so they list and suggest
/// every command.
pub fn parse(argv: &[OsString], commands: &[&CommandSpec]) -> Result<Parsed, String> {
    let typed: BTreeSet<&str> = argv.iter().skip(1).filter_map(|a| a.to_str()).collect();
    // A group answers to every alias any plugin gives it (see `insert`), so a segment answers to
    // the aliases of every segment with the same words up to it.
    let mut aliases: BTreeMap<Vec<&str>, BTreeSet<&str>> = BTreeMap::new();
    for spec in commands {
        for depth in 0..spec.path.len() {
            let words = spec.path[..=depth]
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            let entry = aliases.entry(words).or_default();
            entry.extend(spec.path[depth].aliases.iter().map(String::as_str));
        }
    }
    let answers = |spec: &CommandSpec, depth: usize| {
        let words: Vec<&str> = spec.path[..=depth]
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        typed.contains(words[depth])
            || aliases
                .get(&words)
                .is_some_and(|all| all.iter().any(|a| typed.contains(a)))
    };
    let runnable = |spec: &CommandSpec| (0..spec.path.len()).all(|d| answers(spec, d));
    let touched: Vec<&CommandSpec> = commands
        .iter()
        .copied()
        .filter(|spec| (0..spec.path.len()).any(|d| answers(spec, d)))
        .collect();
    if touched.len() < commands.len()
        && touched.iter().any(|spec| runnable(spec))
        && let Ok(Parsed::Run(mut dispatch)) = parse_with(argv, &touched, runnable)
    {
        let chosen = touched[dispatch.command];
        dispatch.command = commands
            .iter()
            .position(|c| std::ptr::eq(*c, chosen))
            .expect("a touched command is one of the commands");
        return Ok(Parsed::Run(dispatch));
    }
    parse_with(argv, commands, runnable)
}

/// Parses against a tree of `commands`; `full(spec)` says which leaves get their flags and help
/// (the others only list themselves in their group's help).
fn parse_with(
    argv: &[OsString],
    commands: &[&CommandSpec],
    full: impl Fn(&CommandSpec) -> bool,
) -> Result<Parsed, String> {
    let matches = match build(commands, full).try_get_matches_from(argv) {
        Ok(m) => m,
        Err(e) => return go_error(&e, argv, commands),
    };
    let mut words = Vec::new();
    let mut leaf = &matches;
    while let Some((name, sub)) = leaf.subcommand() {
        words.push(name.to_string());
        leaf = sub;
    }
    if words.first().map(String::as_str) == Some(PLUGIN) {
        return builtin_plugin::parse(&words, leaf).map(Parsed::Plugin);
    }
    if words.first().map(String::as_str) == Some(completion::COMPLETION) {
        return completion_shell(&words, leaf).map(Parsed::Completion);
    }
    if words.first().map(String::as_str) == Some(crate::config::cmd::NAME) {
        return crate::config::cmd::parse(&words, leaf).map(Parsed::Config);
    }
    let index = commands
        .iter()
        .position(|c| c.path.iter().map(|s| &s.name).eq(&words))
        .ok_or_else(|| format!("unknown command \"{}\" for \"{ROOT}\"", words.join(" ")))?;
    let spec = commands[index];
    let flags = flag_values(spec, leaf)?;
    let args: Vec<String> = leaf
        .get_many::<String>(ARGS)
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    args::check(spec, &args)?;
    Ok(Parsed::Run(Dispatch {
        command: index,
        args,
        flags,
        profile: leaf.get_one::<String>("profile").cloned(),
        debug: leaf.get_flag("debug"),
    }))
}

/// The clap command tree: groups from the shared path prefixes, leaves from the specs.
fn build(commands: &[&CommandSpec], full: impl Fn(&CommandSpec) -> bool) -> Command {
    let root = Command::new(ROOT)
        .about("CLI tool to manage MongoDB Atlas.")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        // cobra prints help as written; an example command must stay on one line to be copied.
        .term_width(0)
        // With no plugins there are no subcommands; let words through to say "unknown command".
        .allow_external_subcommands(commands.is_empty())
        .arg(
            Arg::new("profile")
                .short('P')
                .long("profile")
                .global(true)
                .help("Name of the profile to use from your configuration file."),
        )
        // Hidden, as in the Go CLI: a trace of the HTTP exchange, credentials redacted.
        .arg(
            Arg::new("debug")
                .short('D')
                .long("debug")
                .global(true)
                .hide(true)
                .action(ArgAction::SetTrue),
        );
    let root = root
        .subcommand(builtin_plugin::commands())
        .subcommand(crate::config::cmd::command())
        .subcommand(completion::command());
    commands
        .iter()
        .fold(root, |root, spec| insert(root, spec, 0, full(spec)))
}

/// The whole tree, every leaf with its flags: what shell completion completes from.
pub fn tree(commands: &[&CommandSpec]) -> Command {
    build(commands, |_| true)
}

fn completion_shell(words: &[String], m: &ArgMatches) -> Result<String, String> {
    let args = m.get_many::<String>(ARGS).map_or(0, Iterator::count);
    if args > 0 {
        // cobra's NoArgs wording.
        return Err(format!(
            "unknown command \"{}\" for \"atlas {}\"",
            m.get_many::<String>(ARGS)
                .and_then(|mut v| v.next().cloned())
                .unwrap_or_default(),
            words.join(" ")
        ));
    }
    Ok(words.get(1).cloned().unwrap_or_default())
}

fn insert(parent: Command, spec: &CommandSpec, depth: usize, full: bool) -> Command {
    let segment = &spec.path[depth];
    let is_leaf = depth + 1 == spec.path.len();
    let taken = |cmd: &Command, word: &str| {
        cmd.get_subcommands()
            .any(|s| s.get_name() == word || s.get_all_aliases().any(|a| a == word))
    };
    // By name only: `find_subcommand` also matches aliases, and a group is merged by its name.
    if parent
        .get_subcommands()
        .any(|s| s.get_name() == segment.name)
    {
        if is_leaf {
            return parent; // discovery already dropped exact duplicates; a group keeps the word
        }
        // A group gathers every plugin's aliases for it (unless a sibling has the word) and the
        // first help text given for it.
        let more: Vec<String> = segment
            .aliases
            .iter()
            .filter(|a| !taken(&parent, a))
            .cloned()
            .collect();
        return parent.mut_subcommand(&segment.name, |group| {
            let group = describe_group(group.visible_aliases(more), segment);
            insert(group, spec, depth + 1, full)
        });
    }
    if taken(&parent, &segment.name) {
        return parent; // the word is another command's alias: first come, first served
    }
    let aliases: Vec<&String> = segment
        .aliases
        .iter()
        .filter(|a| !taken(&parent, a))
        .collect();
    let mut cmd = Command::new(segment.name.clone()).visible_aliases(aliases);
    if is_leaf && full {
        cmd = leaf(cmd, spec);
    } else if is_leaf {
        cmd = cmd.about(spec.short.clone());
    } else {
        cmd = insert(
            describe_group(cmd, segment)
                .subcommand_required(true)
                .arg_required_else_help(true),
            spec,
            depth + 1,
            full,
        );
    }
    parent.subcommand(cmd)
}

/// A group's help text from a segment that has some, unless the group already has its own.
fn describe_group(mut group: Command, segment: &PathSegment) -> Command {
    if group.get_about().is_none() && !segment.short.is_empty() {
        group = group.about(segment.short.clone());
    }
    if group.get_long_about().is_none() && !segment.long.is_empty() {
        group = group.long_about(segment.long.clone());
    }
    group
}

fn leaf(cmd: Command, spec: &CommandSpec) -> Command {
    let mut cmd = cmd.about(spec.short.clone()).long_about(spec.long.clone());
    if !spec.example.is_empty() {
        cmd = cmd.after_help(format!("Examples:\n{}", spec.example));
    }
    let cmd = cmd.arg(
        Arg::new(ARGS)
            .num_args(0..)
            .action(ArgAction::Append)
            .hide(true),
    );
    spec.flags.iter().fold(cmd, |cmd, flag| {
        let mut arg = Arg::new(flag.name.clone())
            .long(flag.name.clone())
            .help(flag.help.clone())
            .hide(flag.hidden);
        if let Some(c) = flag.shorthand.as_deref().and_then(|s| s.chars().next()) {
            arg = arg.short(c);
        }
        arg = match flag.kind {
            FlagKind::Bool => arg.action(ArgAction::SetTrue),
            FlagKind::Strings => arg.action(ArgAction::Append).num_args(1),
            FlagKind::String | FlagKind::Int if flag.repeatable => {
                arg.action(ArgAction::Append).num_args(1)
            }
            FlagKind::String | FlagKind::Int => arg.action(ArgAction::Set).num_args(1),
        };
        cmd.arg(arg)
    })
}

fn flag_values(spec: &CommandSpec, m: &ArgMatches) -> Result<Flags, String> {
    let mut flags = Flags::new();
    for flag in &spec.flags {
        if m.value_source(&flag.name) != Some(ValueSource::CommandLine) {
            continue;
        }
        let all = || -> Vec<String> {
            m.get_many(&flag.name)
                .map(|v| v.cloned().collect())
                .unwrap_or_default()
        };
        let last = || all().pop().unwrap_or_default();
        let value = match flag.kind {
            FlagKind::Bool => FlagValue::Bool(m.get_flag(&flag.name)),
            FlagKind::Strings => FlagValue::Strings(all()),
            FlagKind::String => FlagValue::String(last()),
            FlagKind::Int => {
                let text = last();
                // pflag's wording for a bad int.
                FlagValue::Int(text.parse().map_err(|_| {
                    format!(
                        "invalid argument \"{text}\" for \"--{}\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax",
                        flag.name
                    )
                })?)
            }
        };
        flags.insert(flag.name.clone(), value);
    }
    Ok(flags)
}

/// Maps clap's errors to the Go CLI's messages (pflag and cobra wording).
fn go_error(
    e: &clap::Error,
    argv: &[OsString],
    commands: &[&CommandSpec],
) -> Result<Parsed, String> {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.first().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Ok(Parsed::Help(e.render().to_string()))
        }
        ErrorKind::UnknownArgument => {
            let arg = context(ContextKind::InvalidArg);
            let arg = arg.split('=').next().unwrap_or_default();
            match arg.strip_prefix("--") {
                Some(_) => Err(format!("unknown flag: {arg}")),
                // The character after the dash, which need not be one byte (`-é`).
                None if arg.starts_with('-') => Err(format!(
                    "unknown shorthand flag: '{}' in {arg}",
                    arg.chars().nth(1).map(String::from).unwrap_or_default()
                )),
                None => Err(unknown_command(arg, argv, commands)),
            }
        }
        ErrorKind::InvalidSubcommand => Err(unknown_command(
            &context(ContextKind::InvalidSubcommand),
            argv,
            commands,
        )),
        ErrorKind::InvalidValue | ErrorKind::NoEquals | ErrorKind::TooFewValues => {
            let arg = context(ContextKind::InvalidArg);
            let long = arg
                .split([' ', '='])
                .next()
                .unwrap_or_default()
                .trim_end_matches(',');
            Err(needs_argument(long, argv))
        }
        _ => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            Err(first.strip_prefix("error: ").unwrap_or(first).to_string())
        }
    }
}

fn needs_argument(long: &str, argv: &[OsString]) -> String {
    // pflag names the short form when that is what was typed: `'o' in -o`.
    match argv.last().and_then(|a| a.to_str()) {
        Some(last) if last.chars().count() == 2 && last.starts_with('-') && last != "--" => {
            format!("flag needs an argument: '{}' in {last}", &last[1..])
        }
        _ => format!("flag needs an argument: {long}"),
    }
}

/// cobra's wording: `unknown command "x" for "atlas orgs"`, plus the nearest command name
/// when one is close (cobra: Levenshtein distance ≤ 2, or a prefix; aliases are not suggested).
fn unknown_command(word: &str, argv: &[OsString], commands: &[&CommandSpec]) -> String {
    let mut path = vec![ROOT.to_string()];
    let mut prefix: Vec<String> = Vec::new();
    for arg in argv.iter().skip(1).filter_map(|a| a.to_str()) {
        if arg == word {
            break;
        }
        let matched = commands
            .iter()
            .filter(|c| c.words().starts_with(&prefix))
            .filter_map(|c| c.path.get(prefix.len()))
            .find(|s| s.name == arg || s.aliases.iter().any(|a| a == arg));
        if let Some(segment) = matched {
            path.push(segment.name.clone());
            prefix.push(segment.name.clone());
        }
    }
    let mut message = format!("unknown command \"{word}\" for \"{}\"", path.join(" "));
    let lower = word.to_lowercase();
    let mut names: Vec<&str> = commands
        .iter()
        .filter(|c| c.words().starts_with(&prefix))
        .filter_map(|c| c.path.get(prefix.len()).map(|s| s.name.as_str()))
        .filter(|name| {
            strsim::levenshtein(&lower, &name.to_lowercase()) <= 2
                || name.to_lowercase().starts_with(&lower)
        })
        .collect();
    names.dedup();
    if !names.is_empty() {
        message.push_str("\n\nDid you mean this?");
        for name in names {
            message.push_str(&format!("\n\t{name}"));
        }
    }
    message
}

mod args;
mod builtin_plugin;
#[cfg(test)]
mod tests;

pub use builtin_plugin::PluginCommand;

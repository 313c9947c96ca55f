//! What a plugin may declare, checked before anything reaches the command line: bounds on its `describe`
//! (how many commands, how deep, how long), every name, alias and flag of each command, and the
//! namespace the commands share.
//!
//! Names and aliases share one namespace per level of the tree (the words under one parent): a
//! word answers to exactly one command or group, so a command whose name or alias is already
//! another's name or alias at that level is refused, whichever of the two is the alias. The
//! host's own commands are claimed first (`help` at every level), so they cannot be taken. A
//! word is either a group (it has subcommands) or a command, never both. Everything accepted here
//! builds a command tree that answers `--help` at every command (`tests` below builds one).

use std::collections::{BTreeMap, BTreeSet};

use atlas_plugin_api::{CommandSpec, DescribeOutput};

/// Command words the host keeps for itself at the root (`help` is kept at every level).
pub const RESERVED: &[&str] = &["help", "plugin", "completion", "config", "auth"];

/// Flag ids the host or cobra's layout use on every command (`__`-prefixed ids are the host's too).
const RESERVED_FLAGS: &[&str] = &["help", "version", "profile", "debug"];
/// Short flags the host or cobra's layout use on every command.
const RESERVED_SHORTS: &[&str] = &["h", "P", "D"];

/// The most commands one plugin may declare (the Go Atlas CLI has about 600 in all).
pub const MAX_COMMANDS: usize = 1000;
/// The most commands all plugins together may add: a bigger tree slows every start.
pub const MAX_TOTAL_COMMANDS: usize = 4000;
/// The most words in a command path (the Go Atlas CLI's deepest has 5).
pub const MAX_DEPTH: usize = 8;
/// The most aliases of one path word.
pub const MAX_ALIASES: usize = 16;
/// The most flags of one command.
pub const MAX_FLAGS: usize = 100;
/// The longest one-line help and flag help, in characters.
pub const MAX_SHORT: usize = 1000;
/// The longest long help and example text, in characters.
pub const MAX_LONG: usize = 20_000;
/// The longest command word, alias or flag name, in bytes (all ASCII).
pub const MAX_WORD: usize = 64;

/// Why a plugin, or one of its commands, is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    /// The plugin declares more commands than any plugin may.
    #[error("it declares {count} commands, more than the {max} a plugin may declare")]
    TooManyCommands { count: usize, max: usize },
    /// All plugins together would add more commands than the host takes.
    #[error("its {count} commands would take atlas past {max} commands in all")]
    TreeFull { count: usize, max: usize },
    /// One of the plugin's commands is beyond the bounds.
    #[error("command \"{words}\": {why}")]
    InCommand {
        /// Its words, cut to a readable length.
        words: String,
        why: Box<ClaimError>,
    },
    /// The command has no path.
    #[error("it has an empty path")]
    EmptyPath,
    /// The command's path is deeper than any command may be.
    #[error("its path has {depth} words, more than {max}")]
    TooDeep { depth: usize, max: usize },
    /// A word is reserved by the host.
    #[error("\"{0}\" is a built-in command")]
    BuiltIn(String),
    /// A name or alias is not a plain word.
    #[error("{0} is not a valid command word")]
    BadWord(String),
    /// A path word has too many aliases.
    #[error("\"{word}\" has {count} aliases, more than {max}")]
    TooManyAliases {
        word: String,
        count: usize,
        max: usize,
    },
    /// An alias repeats the word's name or another alias.
    #[error("\"{word}\" declares the alias \"{alias}\" twice or as its own name")]
    DuplicateAlias { word: String, alias: String },
    /// A word already answers to another command or group at this level.
    #[error("\"{word}\" is already {what}, claimed by {owner}")]
    Taken {
        word: String,
        /// `the name of a command` or `an alias of "x"`.
        what: String,
        /// The plugin that claimed it first.
        owner: String,
    },
    /// The same command is declared by an earlier plugin.
    #[error("{owner} already provides it")]
    Duplicate { owner: String },
    /// A word would be both a command and a group of commands.
    #[error("\"{word}\" is {what} of {owner}")]
    GroupMismatch {
        word: String,
        /// `a command` or `a group of commands`.
        what: &'static str,
        owner: String,
    },
    /// The positional-argument counts contradict each other.
    #[error("it takes at least {min} and at most {max} arguments")]
    BadArgs { min: u32, max: u32 },
    /// Too many flags.
    #[error("it declares {count} flags, more than {max}")]
    TooManyFlags { count: usize, max: usize },
    /// A flag name is malformed, reserved or repeated.
    #[error("flag {0:?} is invalid, reserved or declared twice")]
    BadFlag(String),
    /// A short flag is malformed, reserved or repeated.
    #[error("shorthand {short:?} of flag {flag:?} is invalid or taken")]
    BadShort { short: String, flag: String },
    /// A help text is longer than the host prints.
    #[error("its {what} is {len} characters long, more than {max}")]
    TooLong {
        what: String,
        len: usize,
        max: usize,
    },
}

impl ClaimError {
    /// Advice for the user, printed as a `help:` line.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            Self::Taken { .. } | Self::Duplicate { .. } | Self::GroupMismatch { .. } => Some(
                "the first plugin to claim a word keeps it (atlas's own and bundled commands first, then in search order); remove the plugin you do not want",
            ),
            _ => None,
        }
    }
}

/// A plain command word: ASCII letters, digits, `-` and `_`, not starting with `-`.
pub fn is_word(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= MAX_WORD
        && !word.starts_with('-')
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Refuses a plugin whose `describe` is beyond the bounds: too many commands (counted before
/// any is looked at), or one command too deep, with too many aliases or flags, or too much text.
pub fn check_plugin(describe: &DescribeOutput) -> Result<(), ClaimError> {
    let count = describe.commands.len();
    if count > MAX_COMMANDS {
        return Err(ClaimError::TooManyCommands {
            count,
            max: MAX_COMMANDS,
        });
    }
    for command in &describe.commands {
        check_bounds(command).map_err(|why| ClaimError::InCommand {
            words: crate::printer::excerpt(&command.words().join(" "), 80),
            why: Box::new(why),
        })?;
    }
    Ok(())
}

/// The bounds of one command: depth, aliases per word, flags, help texts.
fn check_bounds(command: &CommandSpec) -> Result<(), ClaimError> {
    if command.path.len() > MAX_DEPTH {
        return Err(ClaimError::TooDeep {
            depth: command.path.len(),
            max: MAX_DEPTH,
        });
    }
    if let Some(segment) = command.path.iter().find(|s| s.aliases.len() > MAX_ALIASES) {
        return Err(ClaimError::TooManyAliases {
            word: excerpt(&segment.name),
            count: segment.aliases.len(),
            max: MAX_ALIASES,
        });
    }
    if command.flags.len() > MAX_FLAGS {
        return Err(ClaimError::TooManyFlags {
            count: command.flags.len(),
            max: MAX_FLAGS,
        });
    }
    check_texts(command)
}

/// Refuses a command that would break or confuse the command line on its own: its bounds, malformed
/// or reserved words, repeated aliases, flags that clash with the host's or each other.
pub fn check_command(command: &CommandSpec) -> Result<(), ClaimError> {
    let Some(first) = command.path.first() else {
        return Err(ClaimError::EmptyPath);
    };
    check_bounds(command)?;
    for word in std::iter::once(&first.name).chain(&first.aliases) {
        if RESERVED.contains(&word.as_str()) {
            return Err(ClaimError::BuiltIn(word.clone()));
        }
    }
    for segment in &command.path {
        check_segment(&segment.name, &segment.aliases)?;
    }
    if let Some(args) = &command.args
        && let Some(max) = args.max.filter(|max| *max < args.min)
    {
        return Err(ClaimError::BadArgs { min: args.min, max });
    }
    check_flags(command)
}

fn check_segment(name: &str, aliases: &[String]) -> Result<(), ClaimError> {
    let mut seen = BTreeSet::new();
    for word in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        if !is_word(word) {
            return Err(ClaimError::BadWord(format!("{:?}", excerpt(word))));
        }
        if word == "help" {
            return Err(ClaimError::BuiltIn(word.into()));
        }
        if !seen.insert(word) {
            return Err(ClaimError::DuplicateAlias {
                word: name.into(),
                alias: word.into(),
            });
        }
    }
    Ok(())
}

fn check_texts(command: &CommandSpec) -> Result<(), ClaimError> {
    let texts = [
        ("one-line help", &command.short, MAX_SHORT),
        ("long help", &command.long, MAX_LONG),
        ("example", &command.example, MAX_LONG),
    ];
    let flags = command.flags.iter().map(|f| {
        (
            format!("help of flag {:?}", excerpt(&f.name)),
            &f.help,
            MAX_SHORT,
        )
    });
    let groups = command.path.iter().flat_map(|s| {
        let word = excerpt(&s.name);
        [
            (format!("help of group {word:?}"), &s.short, MAX_SHORT),
            (format!("long help of group {word:?}"), &s.long, MAX_LONG),
        ]
    });
    let usage = command
        .args
        .iter()
        .map(|a| ("argument usage".to_string(), &a.usage, MAX_SHORT));
    let texts = texts.into_iter().map(|(w, t, m)| (w.to_string(), t, m));
    for (what, text, max) in texts.chain(flags).chain(groups).chain(usage) {
        // Bytes bound characters from above: count only what may be too long.
        if text.len() > max && text.chars().count() > max {
            let len = text.chars().count();
            return Err(ClaimError::TooLong { what, len, max });
        }
    }
    Ok(())
}

fn check_flags(command: &CommandSpec) -> Result<(), ClaimError> {
    let mut names: BTreeSet<&str> = RESERVED_FLAGS.iter().copied().collect();
    let mut shorts: BTreeSet<&str> = RESERVED_SHORTS.iter().copied().collect();
    for flag in &command.flags {
        let name = flag.name.as_str();
        if !is_word(name) || name.starts_with("__") || !names.insert(name) {
            return Err(ClaimError::BadFlag(excerpt(name)));
        }
        if let Some(short) = &flag.shorthand {
            let one_char =
                short.chars().count() == 1 && short.chars().all(|c| c.is_ascii_alphanumeric());
            if !one_char || !shorts.insert(short.as_str()) {
                return Err(ClaimError::BadShort {
                    short: excerpt(short),
                    flag: excerpt(name),
                });
            }
        }
    }
    Ok(())
}

/// A value quoted in a refusal, cut to a readable length.
fn excerpt(text: &str) -> String {
    crate::printer::excerpt(text, 80)
}

/// Who answers to a word at one level of the tree.
#[derive(Debug, Clone)]
struct Owner {
    /// The canonical word it stands for (itself, for a name).
    name: String,
    /// Whether the canonical word is a command (a leaf) rather than a group.
    leaf: bool,
    /// Who claimed it, for messages.
    by: String,
}

/// The words claimed so far, per level (the canonical path of the parent, then the word).
#[derive(Debug, Clone)]
pub struct Claims {
    words: BTreeMap<(Vec<String>, String), Owner>,
    total: usize,
}

impl Default for Claims {
    fn default() -> Self {
        let mut words = BTreeMap::new();
        for word in RESERVED {
            let owner = Owner {
                name: word.to_string(),
                leaf: false,
                by: "atlas itself".into(),
            };
            words.insert((Vec::new(), word.to_string()), owner);
        }
        Self { words, total: 0 }
    }
}

impl Claims {
    /// Reserves room for a plugin's `count` commands, or refuses the plugin when the tree is full.
    pub fn reserve(&mut self, count: usize) -> Result<(), ClaimError> {
        if self.total + count > MAX_TOTAL_COMMANDS {
            return Err(ClaimError::TreeFull {
                count,
                max: MAX_TOTAL_COMMANDS,
            });
        }
        self.total += count;
        Ok(())
    }

    /// Checks `command` (see [`check_command`]) and claims its words for `by`, or refuses it
    /// without claiming anything.
    pub fn claim(&mut self, command: &CommandSpec, by: &str) -> Result<(), ClaimError> {
        check_command(command)?;
        let mut new = Vec::new();
        let mut parent: Vec<String> = Vec::new();
        for (depth, segment) in command.path.iter().enumerate() {
            let leaf = depth + 1 == command.path.len();
            let key = (parent.clone(), segment.name.clone());
            match self.words.get(&key) {
                Some(o) if o.name != segment.name => return Err(taken(&segment.name, o)),
                Some(o) if o.leaf && leaf => {
                    return Err(ClaimError::Duplicate {
                        owner: o.by.clone(),
                    });
                }
                Some(o) if o.leaf || leaf => {
                    let what = if o.leaf {
                        "a command"
                    } else {
                        "a group of commands"
                    };
                    return Err(ClaimError::GroupMismatch {
                        word: segment.name.clone(),
                        what,
                        owner: o.by.clone(),
                    });
                }
                // An existing group: its aliases are those it was first declared with; another
                // command's aliases for it may not take other words, and add none.
                Some(_) => {
                    for alias in &segment.aliases {
                        match self.words.get(&(parent.clone(), alias.clone())) {
                            Some(o) if o.name != segment.name => return Err(taken(alias, o)),
                            _ => {}
                        }
                    }
                }
                None => {
                    let owner = Owner {
                        name: segment.name.clone(),
                        leaf,
                        by: by.to_string(),
                    };
                    for alias in &segment.aliases {
                        if let Some(o) = self.words.get(&(parent.clone(), alias.clone())) {
                            return Err(taken(alias, o));
                        }
                        new.push(((parent.clone(), alias.clone()), owner.clone()));
                    }
                    new.push((key, owner));
                }
            }
            parent.push(segment.name.clone());
        }
        self.words.extend(new);
        Ok(())
    }
}

fn taken(word: &str, owner: &Owner) -> ClaimError {
    let what = if owner.name == word {
        "the name of a command".to_string()
    } else {
        format!("an alias of \"{}\"", owner.name)
    };
    ClaimError::Taken {
        word: word.into(),
        what,
        owner: owner.by.clone(),
    }
}

#[cfg(test)]
mod tests;

//! The built-in `atlas config init | set | list | describe | rename | delete`: the Go Atlas CLI's
//! names, aliases, arguments and wording (`internal/cli/config`), on top of the file and keyring
//! this module's parent reads. Here: the parsed command and its errors (the command line itself
//! is declared with the other built-ins, in `cli/builtins/config.rs`); the commands themselves are
//! in [`run`] (printing in [`show`]; `init`'s questions in [`init`], asked by [`ask`]).

pub(crate) mod ask;
pub(crate) mod init;
mod run;
mod show;

pub use run::run;

/// The command's word.
pub const NAME: &str = "config";

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

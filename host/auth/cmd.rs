//! The built-in `atlas auth login | logout | whoami` commands: the parsed command (its command
//! line, the Go CLI's flags and ours for scripts, is declared with the other built-ins, in
//! `cli/builtins/auth.rs`), their errors, and the dispatch to [`login`](super::login) and
//! [`logout`](super::logout).
//!
//! Flags of ours (the Go CLI has none for scripts): `--authType UserAccount|ServiceAccount|APIKeys`
//! chooses without the prompt, `--clientId` and `--publicApiKey` give the non-secret half of a
//! service account or API key; the secret half is read from stdin (its first line) when stdin is
//! not a terminal, and asked for without echo when it is.

use super::AuthError;
use super::store::StoreError;
use crate::config::ConfigError;
use crate::env::Env;
use crate::printer::Printer;

pub const AUTH: &str = "auth";

/// How a login authenticates (the Go CLI's prompt options).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthType {
    UserAccount,
    ServiceAccount,
    ApiKeys,
}

impl AuthType {
    /// The options of the Go CLI's prompt, in its order, with their descriptions.
    pub const OPTIONS: [(AuthType, &'static str, &'static str); 3] = [
        (
            Self::UserAccount,
            "UserAccount",
            "(best for getting started)",
        ),
        (
            Self::ServiceAccount,
            "ServiceAccount",
            "(best for automation)",
        ),
        (Self::ApiKeys, "APIKeys", "(for existing automations)"),
    ];

    /// A prompt option's name or a config `auth_type` value, in any case.
    pub fn parse(text: &str) -> Result<Self, CommandError> {
        let lower = text.trim().to_ascii_lowercase().replace(['_', '-'], "");
        match lower.as_str() {
            "useraccount" => Ok(Self::UserAccount),
            "serviceaccount" => Ok(Self::ServiceAccount),
            "apikeys" => Ok(Self::ApiKeys),
            _ => Err(CommandError::UnknownAuthType(text.to_string())),
        }
    }

    /// The config file's `auth_type` value.
    pub fn config_value(self) -> &'static str {
        match self {
            Self::UserAccount => "user_account",
            Self::ServiceAccount => "service_account",
            Self::ApiKeys => "api_keys",
        }
    }
}

/// `atlas auth login` as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginArgs {
    /// `--authType`, unchecked (checked before anything is asked or sent).
    pub auth_type: Option<String>,
    /// `--gov`: Atlas for Government.
    pub gov: bool,
    /// `--noBrowser`.
    pub no_browser: bool,
    /// `--force` (hidden, as in the Go CLI): a user account, no question, no Enter to wait for.
    pub force: bool,
    /// `--clientId`.
    pub client_id: Option<String>,
    /// `--publicApiKey`.
    pub public_api_key: Option<String>,
}

/// The parsed `atlas auth …` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthCommand {
    Login(LoginArgs),
    /// `--force` skips the question; `--keep` (hidden) keeps the profile's other settings.
    Logout {
        force: bool,
        keep: bool,
    },
    Whoami,
}

/// An `atlas auth …` run, with the global flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthRun {
    pub command: AuthCommand,
    /// `-P/--profile`.
    pub profile: Option<String>,
    /// `-D/--debug`.
    pub debug: bool,
}

/// Why an `atlas auth …` command failed. Nothing is written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("unknown authentication type \"{0}\"")]
    UnknownAuthType(String),
    #[error("{flag} is for --authType {wants}, not {given}")]
    FlagForOtherType {
        flag: &'static str,
        wants: &'static str,
        given: &'static str,
    },
    #[error("cannot ask for {what} without a terminal, so nothing was done")]
    NoTerminal { what: &'static str, help: String },
    #[error("no {what} was given")]
    Missing { what: &'static str, help: String },
    #[error("could not read {what} from stdin: {source}")]
    Stdin {
        what: &'static str,
        source: std::io::Error,
    },
    /// The Go CLI's `validate.NoAccessToken` text.
    #[error("already authenticated with an account ({0})\n\nTo log out, run: atlas auth logout")]
    AlreadyAuthenticated(String),
    /// The Go CLI's `auth.ErrUnauthenticated` text.
    #[error("not logged in with an Atlas account, Service Account or API key")]
    Unauthenticated,
    #[error("the login was declined in the browser (access_denied)")]
    Denied,
    /// The Go library's `auth.ErrTimeout` text, with what it means.
    #[error(
        "authentication timed out: the one-time verification code expired before it was confirmed"
    )]
    Expired,
    #[error("the access token of profile \"{0}\" is not a JWT with a subject")]
    NoSubject(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A question `atlas config init` asks too could not be answered.
    #[error(transparent)]
    Ask(#[from] crate::config::cmd::CmdError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CommandError {
    /// What to do, for a `help:` line.
    pub fn help(&self) -> Option<String> {
        let again = || Some("run `atlas auth login` again".to_string());
        match self {
            Self::UnknownAuthType(_) => {
                Some("choose UserAccount, ServiceAccount or APIKeys".into())
            }
            Self::FlagForOtherType { .. } => {
                Some("leave out --authType or the flag of the other type".into())
            }
            Self::NoTerminal { help, .. } | Self::Missing { help, .. } => Some(help.clone()),
            Self::Unauthenticated => {
                Some("run `atlas auth login`, or set credentials with `atlas config`".into())
            }
            Self::Denied | Self::Expired => again(),
            Self::NoSubject(_) => Some("run `atlas auth logout --force`, then log in again".into()),
            Self::Config(e) => e.help(),
            Self::Ask(e) => e.help(),
            Self::Store(e) => e.help(),
            _ => None,
        }
    }
}

/// Runs an `atlas auth …` command.
pub fn run(run: AuthRun, env: &Env, printer: &Printer) -> Result<(), CommandError> {
    let profile = run.profile.as_deref();
    match run.command {
        AuthCommand::Login(args) => super::login::login(&args, env, profile, run.debug, printer),
        AuthCommand::Logout { force, keep } => {
            super::logout::logout(force, keep, env, profile, run.debug, printer)
        }
        AuthCommand::Whoami => super::logout::whoami(env, profile, printer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_types_by_prompt_name_or_config_value() {
        let table = [
            ("UserAccount", Some(AuthType::UserAccount)),
            ("useraccount", Some(AuthType::UserAccount)),
            ("user_account", Some(AuthType::UserAccount)),
            ("ServiceAccount", Some(AuthType::ServiceAccount)),
            ("service-account", Some(AuthType::ServiceAccount)),
            ("APIKeys", Some(AuthType::ApiKeys)),
            ("api_keys", Some(AuthType::ApiKeys)),
            ("password", None),
            ("", None),
        ];
        for (text, want) in table {
            assert_eq!(AuthType::parse(text).ok(), want, "{text:?}");
        }
        let err = AuthType::parse("password").unwrap_err();
        assert_eq!(err.to_string(), "unknown authentication type \"password\"");
        assert!(
            err.help()
                .unwrap()
                .contains("UserAccount, ServiceAccount or APIKeys")
        );
    }
}

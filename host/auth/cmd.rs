//! The built-in `atlas auth login | logout | whoami` commands: their clap tree (the Go CLI's
//! flags, and ours for scripts), the parsed command, their errors, and the dispatch to
//! [`login`](super::login) and [`logout`](super::logout).
//!
//! Flags of ours (the Go CLI has none for scripts): `--authType UserAccount|ServiceAccount|APIKeys`
//! chooses without the prompt, `--clientId` and `--publicApiKey` give the non-secret half of a
//! service account or API key; the secret half is read from stdin (its first line) when stdin is
//! not a terminal, and asked for without echo when it is.

use clap::{Arg, ArgAction, ArgMatches, Command};

use super::AuthError;
use super::store::StoreError;
use crate::config::ConfigError;
use crate::env::Env;
use crate::printer::Printer;

pub const AUTH: &str = "auth";
/// The subcommands, sorted as cobra sorts them (its suggestions come in this order).
const SUBCOMMANDS: &[&str] = &["login", "logout", "whoami"];

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

/// The `auth` subtree for the root command.
pub fn command() -> Command {
    let flag = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .action(ArgAction::SetTrue)
            .help(help)
    };
    let value = |name: &'static str, help: &'static str| Arg::new(name).long(name).help(help);
    let no_args = |cmd: Command| cmd.arg(Arg::new("__args").num_args(0..).hide(true));
    Command::new(AUTH)
        .about("Manage the CLI's authentication state.")
        .subcommand_required(true)
        .arg_required_else_help(true)
        // An unknown word reaches [`parse`], which answers as cobra does.
        .allow_external_subcommands(true)
        .subcommand(no_args(
            Command::new("login")
                .about("Authenticate with MongoDB Atlas.")
                .long_about("This command allows you to authenticate with MongoDB Atlas using User Account, Service Account, or API Key authentication methods.\n\nOn a terminal the authentication type is asked for, and a secret is typed without echo. In a script, --authType chooses it; a service account's client secret or a private API key is read from the first line of stdin.")
                .after_help("Examples:\n  # Log in to your MongoDB Atlas account in interactive mode:\n  atlas auth login\n\n  # Log in with API keys from a script:\n  printf '%s\\n' \"$PRIVATE_KEY\" | atlas auth login --authType APIKeys --publicApiKey \"$PUBLIC_KEY\"")
                .arg(flag("gov", "Log in to Atlas for Government."))
                .arg(flag("noBrowser", "Don't automatically open a browser session."))
                .arg(flag("force", "Flag that indicates whether to skip the confirmation prompt before proceeding with the requested action.").hide(true))
                .arg(value("authType", "UserAccount, ServiceAccount or APIKeys: the authentication type, without the prompt."))
                .arg(value("clientId", "The service account's client ID (its secret is read from stdin, or asked for)."))
                .arg(value("publicApiKey", "The public API key (the private key is read from stdin, or asked for).")),
        ))
        .subcommand(no_args(
            Command::new("logout")
                .about("Log out of the CLI.")
                .after_help("Examples:\n  # To log out from the CLI:\n  atlas auth logout")
                .arg(flag("force", "Flag that indicates whether to skip the confirmation prompt before proceeding with the requested action."))
                .arg(flag("keep", "Keep the profile's other settings.").hide(true)),
        ))
        .subcommand(no_args(
            Command::new("whoami")
                .about("Verifies and displays information about your authentication state.")
                .after_help("Examples:\n  # See the logged account:\n  atlas auth whoami"),
        ))
}

/// The command `words` (`auth`, then its subcommand) name, from the leaf's matches.
pub fn parse(words: &[String], m: &ArgMatches) -> Result<AuthRun, String> {
    let word = words.get(1).map(String::as_str).unwrap_or_default();
    if !SUBCOMMANDS.contains(&word) {
        return Err(crate::config::cmd::unknown_under(AUTH, SUBCOMMANDS, word));
    }
    let extra: Vec<String> = match m.try_get_many::<String>("__args") {
        Ok(Some(values)) => values.cloned().collect(),
        _ => Vec::new(),
    };
    if !extra.is_empty() {
        // The Go CLI's `require.NoArgs` wording (its auth commands use it, not cobra's).
        let path = words.join(" ");
        return Err(format!(
            "\"atlas {path}\" accepts no arguments\n\nUsage:  atlas {path} [flags]"
        ));
    }
    let string = |name: &str| m.get_one::<String>(name).cloned();
    let command = match words.get(1).map(String::as_str) {
        Some("login") => AuthCommand::Login(LoginArgs {
            auth_type: string("authType"),
            gov: m.get_flag("gov"),
            no_browser: m.get_flag("noBrowser"),
            force: m.get_flag("force"),
            client_id: string("clientId"),
            public_api_key: string("publicApiKey"),
        }),
        Some("logout") => AuthCommand::Logout {
            force: m.get_flag("force"),
            keep: m.get_flag("keep"),
        },
        _ => AuthCommand::Whoami,
    };
    Ok(AuthRun {
        command,
        profile: string("profile"),
        debug: m.get_flag("debug"),
    })
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

    #[test]
    fn flags_parse_into_the_command() {
        let root = Command::new("atlas")
            .arg(Arg::new("profile").short('P').long("profile").global(true))
            .arg(
                Arg::new("debug")
                    .short('D')
                    .long("debug")
                    .global(true)
                    .action(ArgAction::SetTrue),
            )
            .subcommand(command());
        let parse_argv = |argv: &[&str]| {
            let m = root.clone().try_get_matches_from(argv).unwrap();
            let (_, auth) = m.subcommand().unwrap();
            let (name, leaf) = auth.subcommand().unwrap();
            parse(&["auth".into(), name.into()], leaf)
        };
        let got = parse_argv(&[
            "atlas",
            "auth",
            "login",
            "--authType",
            "APIKeys",
            "--publicApiKey",
            "p",
            "-P",
            "work",
        ])
        .unwrap();
        let AuthCommand::Login(args) = &got.command else {
            panic!("{got:?}")
        };
        assert_eq!(args.auth_type.as_deref(), Some("APIKeys"));
        assert_eq!(args.public_api_key.as_deref(), Some("p"));
        assert_eq!(got.profile.as_deref(), Some("work"));
        let got = parse_argv(&["atlas", "auth", "logout", "--force"]).unwrap();
        assert_eq!(
            got.command,
            AuthCommand::Logout {
                force: true,
                keep: false
            }
        );
        let err = parse_argv(&["atlas", "auth", "whoami", "me"]).unwrap_err();
        assert_eq!(
            err,
            "\"atlas auth whoami\" accepts no arguments\n\nUsage:  atlas auth whoami [flags]"
        );
        let err = parse_argv(&["atlas", "auth", "logut"]).unwrap_err();
        assert_eq!(
            err,
            "unknown command \"logut\" for \"atlas auth\"\n\nDid you mean this?\n\tlogin\n\tlogout"
        );
    }
}

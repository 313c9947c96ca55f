//! `atlas auth login | logout | whoami`: the Go CLI's names, texts and flags
//! (`internal/cli/auth`), and ours for scripts (`--authType`, `--clientId`, `--publicApiKey`); the
//! commands run in [`crate::auth::cmd`].

use atlas_plugin_api::{ArgsSpec, CommandSpec, FlagKind, FlagSpec, PathSegment};

use super::{Builtin, Place};
use crate::auth::cmd::{AUTH, AuthCommand, AuthRun, LoginArgs};
use crate::cli::{Parsed, flags};

const SHORT: &str = "Manage the CLI's authentication state.";
const FORCE_HELP: &str = "Flag that indicates whether to skip the confirmation prompt before proceeding with the requested action.";

fn spec(name: &str, short: &str) -> CommandSpec {
    CommandSpec {
        path: vec![
            PathSegment::new(AUTH, &[]).group(SHORT, ""),
            PathSegment::new(name, &[]),
        ],
        short: short.into(),
        // The Go CLI's `require.NoArgs`.
        args: Some(ArgsSpec::none()),
        ..CommandSpec::default()
    }
}

fn bool_flag(name: &str, help: &str) -> FlagSpec {
    FlagSpec::new(name, None, FlagKind::Bool, help)
}

fn string_flag(name: &str, help: &str) -> FlagSpec {
    FlagSpec::new(name, None, FlagKind::String, help)
}

fn hidden(flag: FlagSpec) -> FlagSpec {
    FlagSpec {
        hidden: true,
        ..flag
    }
}

fn run(parsed: &flags::Parsed, command: AuthCommand) -> Parsed {
    Parsed::Auth(AuthRun {
        command,
        profile: parsed.last("profile").map(str::to_string),
        debug: parsed.on("debug"),
    })
}

/// The commands, in the order `atlas auth --help` lists them.
pub(super) fn commands() -> Vec<Builtin> {
    let entry = super::listed(Place::BeforePlugins);
    vec![
        entry(
            CommandSpec {
                long: "This command allows you to authenticate with MongoDB Atlas using User Account, Service Account, or API Key authentication methods.\n\nOn a terminal the authentication type is asked for, and a secret is typed without echo. In a script, --authType chooses it; a service account's client secret or a private API key is read from the first line of stdin.".into(),
                example: "  # Log in to your MongoDB Atlas account in interactive mode:\n  atlas auth login\n\n  # Log in with API keys from a script:\n  printf '%s\\n' \"$PRIVATE_KEY\" | atlas auth login --authType APIKeys --publicApiKey \"$PUBLIC_KEY\"".into(),
                flags: vec![
                    bool_flag("gov", "Log in to Atlas for Government."),
                    bool_flag("noBrowser", "Don't automatically open a browser session."),
                    hidden(bool_flag("force", FORCE_HELP)),
                    string_flag("authType", "UserAccount, ServiceAccount or APIKeys: the authentication type, without the prompt."),
                    string_flag("clientId", "The service account's client ID (its secret is read from stdin, or asked for)."),
                    string_flag("publicApiKey", "The public API key (the private key is read from stdin, or asked for)."),
                ],
                ..spec("login", "Authenticate with MongoDB Atlas.")
            },
            |_, p| {
                let value = |name| p.last(name).map(str::to_string);
                let args = LoginArgs {
                    auth_type: value("authType"),
                    gov: p.on("gov"),
                    no_browser: p.on("noBrowser"),
                    force: p.on("force"),
                    client_id: value("clientId"),
                    public_api_key: value("publicApiKey"),
                };
                run(p, AuthCommand::Login(args))
            },
        ),
        entry(
            CommandSpec {
                example: "  # To log out from the CLI:\n  atlas auth logout".into(),
                flags: vec![
                    bool_flag("force", FORCE_HELP),
                    hidden(bool_flag("keep", "Keep the profile's other settings.")),
                ],
                ..spec("logout", "Log out of the CLI.")
            },
            |_, p| {
                let (force, keep) = (p.on("force"), p.on("keep"));
                run(p, AuthCommand::Logout { force, keep })
            },
        ),
        entry(
            CommandSpec {
                example: "  # See the logged account:\n  atlas auth whoami".into(),
                ..spec(
                    "whoami",
                    "Verifies and displays information about your authentication state.",
                )
            },
            |_, p| run(p, AuthCommand::Whoami),
        ),
    ]
}

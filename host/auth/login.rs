//! `atlas auth login`, as the Go CLI's `internal/cli/auth/login.go` runs it: the authentication
//! type (asked on a terminal: UserAccount, ServiceAccount, APIKeys; `--authType` for scripts);
//! a user account by the device flow (the code and URL printed in the Go CLI's words, polled
//! until confirmed, `Successfully logged in as <subject>.`); a service account's client id and
//! secret or an API key pair, asked for (the secret without echo) or given by flag and stdin.
//! Then the profile gets `auth_type`, `service` and the credentials ([`store`](super::store)).
//!
//! Everything the user gave is checked before the first request, and nothing is written
//! unless the login succeeded. Unlike the Go CLI, the login does not go on to ask for a default
//! organization and project (`atlas config set` sets them), and a browser is opened only on a
//! terminal.

use super::cmd::{AuthType, CommandError, LoginArgs};
use super::store::{Saved, Target};
use super::{device, jwt, prompt};
use crate::config::cmd::ask::{Asker, Question};
use crate::config::cmd::init;
use crate::config::{self, CLOUD_URL, CLOUDGOV_URL, Credentials, Settings};
use crate::env::Env;
use crate::http::client::Client;
use crate::printer::Printer;
use crate::secret::Secret;

/// Every secure property of the methods other than the one logged in with.
const API_KEYS: [&str; 2] = ["public_api_key", "private_api_key"];
const SERVICE_ACCOUNT: [&str; 2] = ["client_id", "client_secret"];
const USER_ACCOUNT: [&str; 2] = ["access_token", "refresh_token"];

/// What a login will save, all of it checked.
struct Plan {
    auth_type: AuthType,
    service: &'static str,
}

pub fn login(
    args: &LoginArgs,
    env: &Env,
    profile: Option<&str>,
    debug: bool,
    printer: &Printer,
) -> Result<(), CommandError> {
    let settings = resolve(env, profile, debug)?;
    already_logged_in(&settings)?;
    let target = Target::new(&settings, config::config_path(env))?;
    let plan = Plan {
        auth_type: auth_type(args, printer)?,
        service: if args.gov { "cloudgov" } else { "cloud" },
    };
    let plain = [
        ("auth_type", plan.auth_type.config_value()),
        ("service", plan.service),
    ];
    let saved = match plan.auth_type {
        AuthType::UserAccount => {
            let tokens = user_account(args, &settings, printer)?;
            let subject = jwt::subject(tokens.0.expose()).unwrap_or_default();
            let secrets = [("access_token", &tokens.0), ("refresh_token", &tokens.1)];
            let clear: Vec<&str> = API_KEYS.iter().chain(&SERVICE_ACCOUNT).copied().collect();
            let saved = target.save(&plain, &secrets, &clear)?;
            printer.data(&format!("Successfully logged in as {subject}.\n"));
            saved
        }
        AuthType::ServiceAccount => {
            let current = match &settings.credentials {
                Credentials::ServiceAccount { client_id, .. } => Some(client_id.as_str()),
                _ => None,
            };
            let (id, secret) =
                programmatic(args.client_id.as_deref(), current, SA_QUESTIONS, printer)?;
            let id = Secret::new(id);
            let secrets = [("client_id", &id), ("client_secret", &secret)];
            let clear: Vec<&str> = API_KEYS.iter().chain(&USER_ACCOUNT).copied().collect();
            target.save(&plain, &secrets, &clear)?
        }
        AuthType::ApiKeys => {
            let current = match &settings.credentials {
                Credentials::ApiKeys { public, .. } => Some(public.as_str()),
                _ => None,
            };
            let (public, private) = programmatic(
                args.public_api_key.as_deref(),
                current,
                KEY_QUESTIONS,
                printer,
            )?;
            let public = Secret::new(public);
            let secrets = [("public_api_key", &public), ("private_api_key", &private)];
            let clear: Vec<&str> = SERVICE_ACCOUNT
                .iter()
                .chain(&USER_ACCOUNT)
                .copied()
                .collect();
            target.save(&plain, &secrets, &clear)?
        }
    };
    if let Saved::FileInstead(why) = saved {
        printer.warning(&format!(
            "the OS keyring refused the credentials ({why}); they were saved in config.toml (readable only by you)"
        ));
    }
    let name = &settings.public.profile;
    if name != "default" {
        printer.data(&format!(
            "To use this profile, you must set the flag [-P {name}] for every command.\n"
        ));
    }
    Ok(())
}

/// The settings of the profile, with `-D`'s trace for the requests made.
pub(super) fn resolve(
    env: &Env,
    profile: Option<&str>,
    debug: bool,
) -> Result<Settings, CommandError> {
    let mut settings = config::resolve(env, profile)?;
    settings.debug = debug;
    Ok(settings)
}

/// The Go CLI's `validate.NoAccessToken`, for a token that still works (an expired one is
/// replaced, as the Go CLI does once its refresh fails).
fn already_logged_in(settings: &Settings) -> Result<(), CommandError> {
    if let Credentials::UserAccount { access, .. } = &settings.credentials {
        let live = jwt::expiry(access.expose())
            .is_none_or(|exp| !jwt::expired(exp, std::time::SystemTime::now()));
        if live {
            let subject = jwt::subject(access.expose()).unwrap_or_default();
            return Err(CommandError::AlreadyAuthenticated(subject));
        }
    }
    Ok(())
}

/// `--authType` (or what `--clientId`/`--publicApiKey` imply), else the Go CLI's question.
fn auth_type(args: &LoginArgs, printer: &Printer) -> Result<AuthType, CommandError> {
    let implied = match (&args.client_id, &args.public_api_key) {
        (Some(_), _) => Some(AuthType::ServiceAccount),
        (None, Some(_)) => Some(AuthType::ApiKeys),
        (None, None) => None,
    };
    let chosen = match args.auth_type.as_deref() {
        Some(text) => Some(AuthType::parse(text)?),
        None if args.force => Some(AuthType::UserAccount),
        None => implied,
    };
    if let (Some(chosen), Some(implied)) = (chosen, implied)
        && chosen != implied
    {
        let (flag, wants) = match implied {
            AuthType::ServiceAccount => ("--clientId", "ServiceAccount"),
            _ => ("--publicApiKey", "APIKeys"),
        };
        let given = AuthType::OPTIONS
            .iter()
            .find(|(t, ..)| *t == chosen)
            .map_or("", |(_, name, _)| *name);
        return Err(CommandError::FlagForOtherType { flag, wants, given });
    }
    if let Some(chosen) = chosen {
        return Ok(chosen);
    }
    if !prompt::terminal() {
        return Err(CommandError::NoTerminal {
            what: "the authentication type",
            help: "pass --authType UserAccount, ServiceAccount or APIKeys".into(),
        });
    }
    let options: Vec<(&str, &str)> = AuthType::OPTIONS.iter().map(|(_, n, d)| (*n, *d)).collect();
    AuthType::parse(&prompt::select(
        printer,
        "Select authentication type:",
        &options,
    )?)
}

/// The Go CLI's questions for one programmatic method (`prompt.AccessQuestions`): the name of
/// the public half, its question, the secret's name and question, their help, and the flag that
/// gives the public half.
struct Questions {
    public: &'static str,
    public_question: &'static str,
    secret: &'static str,
    secret_question: &'static str,
    help: &'static str,
    flag: &'static str,
}

const SA_QUESTIONS: Questions = Questions {
    public: "client ID",
    public_question: "Client ID:",
    secret: "client secret",
    secret_question: "Client Secret:",
    help: "Please provide your Service Account client ID and secret. To create a new Service Account, see the documentation: https://docs.atlas.mongodb.com/configure-api-access/",
    flag: "--clientId",
};

const KEY_QUESTIONS: Questions = Questions {
    public: "public API key",
    public_question: "Public API Key:",
    secret: "private API key",
    secret_question: "Private API Key:",
    help: init::KEYS_HELP,
    flag: "--publicApiKey",
};

fn any(_: &str) -> Result<(), String> {
    Ok(())
}

/// The public half (flag, or the question as `atlas config init` asks it, offering `current`)
/// and the secret (stdin's first line, or the question without echo).
fn programmatic(
    given: Option<&str>,
    current: Option<&str>,
    q: Questions,
    printer: &Printer,
) -> Result<(String, Secret), CommandError> {
    let given = given.map(str::trim).filter(|s| !s.is_empty());
    if !prompt::terminal() {
        let public = given.ok_or_else(|| CommandError::NoTerminal {
            what: q.public,
            help: format!("pass {} (the secret goes on stdin)", q.flag),
        })?;
        let secret = prompt::piped_secret(q.secret)?.ok_or_else(|| {
            missing(
                q.secret,
                format!(
                    "give the {} as the first line of stdin, or type it on a terminal",
                    q.secret
                ),
            )
        })?;
        return Ok((public.to_string(), secret));
    }
    let mut asker = Asker::new(printer);
    let question = |message, default, secret| Question {
        message,
        help: q.help,
        default,
        secret,
        check: any,
    };
    let public = match given {
        Some(p) => p.to_string(),
        None => {
            printer.data(init::INTRO);
            asker.ask(&question(q.public_question, current, false))?
        }
    };
    if public.is_empty() {
        return Err(missing(q.public, format!("type it, or pass {}", q.flag)));
    }
    let secret = asker.ask(&question(q.secret_question, None, true))?;
    if secret.is_empty() {
        return Err(missing(
            q.secret,
            format!(
                "type it, or give it as the first line of stdin with {}",
                q.flag
            ),
        ));
    }
    Ok((public, Secret::new(secret)))
}

fn missing(what: &'static str, help: String) -> CommandError {
    CommandError::Missing { what, help }
}

/// The device flow: a code, the Go CLI's instructions, polls until it is confirmed; on a
/// terminal an expired code may be replaced by a new one. The access and refresh tokens.
fn user_account(
    args: &LoginArgs,
    settings: &Settings,
    printer: &Printer,
) -> Result<(Secret, Secret), CommandError> {
    let account_url = match settings.account_url.as_str() {
        CLOUD_URL if args.gov => CLOUDGOV_URL,
        url => url,
    };
    let client_id = if args.gov {
        config::CLOUDGOV_CLIENT_ID
    } else {
        config::CLOUD_CLIENT_ID
    };
    let on_terminal = prompt::terminal();
    let redactor = super::redactor(settings);
    let client = Client::new(settings.network.clone(), settings.debug, redactor, printer);
    let mut asked_browser = false;
    loop {
        let code = device::request_code(&client, account_url, client_id)?;
        printer.data(&instructions(&code));
        if !asked_browser {
            asked_browser = true;
            if on_terminal && !args.no_browser {
                open_browser(&code.verification_uri, args.force, printer);
            }
        }
        let mut ask = || device::poll_once(&client, account_url, client_id, &code);
        let polled = device::poll_until(
            &code,
            &mut ask,
            &mut std::thread::sleep,
            &std::time::Instant::now,
        );
        match polled {
            Ok(tokens) => {
                client.hide(&tokens.access_token);
                let refresh = tokens.refresh_token.unwrap_or_else(|| Secret::new(""));
                return Ok((tokens.access_token, refresh));
            }
            Err(CommandError::Expired) if on_terminal => {
                let question = "Your one-time verification code is expired. Would you like to generate a new one?";
                if !prompt::confirm_default_yes(printer, question)? {
                    return Err(CommandError::Expired);
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// The Go CLI's `printAuthInstructions`, byte for byte.
fn instructions(code: &device::DeviceCode) -> String {
    let minutes = code.expires_in as f64 / 60.0;
    format!(
        "\nTo verify your account, copy your one-time verification code:\n{}\n\nPaste the code in the browser when prompted to activate your Atlas CLI. Your code will expire after {minutes:.0} minutes.\n\nTo continue, go to {}\n",
        code.display_code(),
        code.verification_uri
    )
}

/// The Go CLI's `handleBrowser`: Enter first (unless `--force`), then the system's opener.
fn open_browser(uri: &str, force: bool, printer: &Printer) {
    if !force {
        printer.data("\nPress Enter to open the browser and complete authentication...");
        let _ = prompt::input(printer, "", "Enter");
    }
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["rundll32", "url.dll,FileProtocolHandler"]
    } else {
        &["xdg-open"]
    };
    let opened = std::process::Command::new(opener[0])
        .args(&opener[1..])
        .arg(uri)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    if !opened.is_ok_and(|s| s.success()) {
        printer.warning("There was an issue opening your browser");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_are_the_go_clis() {
        let code = device::DeviceCode {
            user_code: "ABCDEFGH".into(),
            verification_uri: "https://account.mongodb.com/account/connect".into(),
            device_code: Secret::new("d"),
            expires_in: 900,
            interval: 5,
        };
        assert_eq!(
            instructions(&code),
            "\nTo verify your account, copy your one-time verification code:\nABCD-EFGH\n\nPaste the code in the browser when prompted to activate your Atlas CLI. Your code will expire after 15 minutes.\n\nTo continue, go to https://account.mongodb.com/account/connect\n"
        );
    }

    #[test]
    fn a_flag_of_the_other_type_is_refused() {
        let args = LoginArgs {
            auth_type: Some("APIKeys".into()),
            client_id: Some("id".into()),
            ..LoginArgs::default()
        };
        let err = auth_type(&args, &Printer).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--clientId is for --authType ServiceAccount, not APIKeys"
        );
        let implied = LoginArgs {
            public_api_key: Some("p".into()),
            ..LoginArgs::default()
        };
        assert_eq!(auth_type(&implied, &Printer).unwrap(), AuthType::ApiKeys);
    }
}

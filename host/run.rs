//! One command run, start to end: discovery, parsing, settings, `plan`, HTTP, `render`. Every
//! user mistake surfaces before the request; after it, whatever the server sent back to a
//! request that may have created something reaches stdout, byte for byte, whatever failed.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::time::Duration;

use atlas_plugin_api::{self as api, Invocation, RenderInput, RenderOutput, RequestSpec};

use crate::auth::{self, AuthError, SendError};
use crate::cli::{self, Dispatch, Parsed};
use crate::completion::{self, CompletionError};
use crate::config::{self, ConfigError};

use crate::discovery::{self, Registry, SearchDir};
use crate::env::Env;
use crate::files;
use crate::http::check::{self, UserInfoError};
use crate::http::client::Client;
use crate::http::{self, NetworkError};
use crate::index::DescribeCache;
use crate::manage::ManageError;
use crate::printer::Printer;
use crate::runtime::{Limits, PluginError, Runtime, RuntimeChoiceError};

/// Why a run failed. Every variant exits 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line is wrong (Go CLI wording).
    #[error("{0}")]
    Cli(String),
    /// `ATLAS_CLI_RUNTIME` names no runtime this atlas has.
    #[error(transparent)]
    Runtime(#[from] RuntimeChoiceError),
    /// The command line names no command, and no plugin was found to provide one.
    #[error("{message}")]
    NoPlugins {
        /// What the parser said.
        message: String,
        /// The plugin directories searched, comma-separated.
        searched: String,
    },
    /// The settings are wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A URL setting carries credentials.
    #[error(transparent)]
    UserInfo(#[from] UserInfoError),
    /// The plugin rejected the input (its message, verbatim).
    #[error("{0}")]
    User(String),
    /// A plugin failed or misbehaved.
    #[error(transparent)]
    Plugin(#[from] PluginError),
    /// A plugin asked for a file the user did not name.
    #[error(transparent)]
    File(#[from] files::Refused),
    /// `atlas plugin …` failed.
    #[error(transparent)]
    Manage(#[from] ManageError),
    /// `atlas auth …` failed.
    #[error(transparent)]
    AuthCommand(#[from] crate::auth::cmd::CommandError),
    /// The completion callback failed.
    #[error(transparent)]
    Completion(#[from] CompletionError),
    /// `atlas config …` failed.
    #[error(transparent)]
    ConfigCmd(#[from] config::cmd::CmdError),
    /// No response came back.
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// No credentials could be sent (a token refresh or fetch failed).
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The server answered with an error (the plugin's rendering of it).
    #[error("{message}")]
    Api {
        message: String,
        method: String,
        status: u16,
    },
    /// The server succeeded but the answer could not be formatted; its bytes went to stdout.
    #[error("{message}")]
    Unformatted {
        message: String,
        method: String,
        status: u16,
        /// How many bytes were printed.
        printed: usize,
        /// The encoding they are still in, if any.
        encoding: Option<String>,
    },
    /// The plugin asked the user to confirm (ABI 2) and there is no terminal to ask on.
    #[error("cannot ask \"{question}\" without a terminal, so nothing was done")]
    Unconfirmed {
        /// The plugin's question.
        question: String,
        /// The plugin's flag that skips the question, if it named one.
        force_flag: Option<String>,
    },
}

impl Error {
    /// A line for stderr after the error: what happened to the request and what arrived.
    pub fn note(&self) -> Option<String> {
        match self {
            Self::Unformatted {
                status, printed: 0, ..
            } => Some(format!(
                "The server answered HTTP {status} with an empty body: nothing arrived that could be printed."
            )),
            Self::Unformatted {
                printed, encoding, ..
            } => {
                let encoded = match encoding {
                    Some(e) => format!(", still {e}-encoded"),
                    None => String::new(),
                };
                Some(format!(
                    "The {printed} bytes of the server's answer were printed to stdout as received{encoded}."
                ))
            }
            Self::Api { method, status, .. } if *status >= 500 && method != "GET" => Some(format!(
                "The server failed (HTTP {status}) after receiving the {method}: it may have been acted on; it was not sent again."
            )),
            Self::Network(e) => e.note(),
            _ => None,
        }
    }

    /// What to do, when there is advice; the printer shows it as a `help:` line.
    pub fn help(&self) -> Option<String> {
        let check = || "check whether it took effect before running the command again.".to_string();
        match self {
            Self::Unconfirmed {
                force_flag: Some(flag),
                ..
            } => Some(format!("pass --{flag} to go ahead without being asked")),
            Self::Unconfirmed { .. } => Some("run the command on a terminal to answer".into()),
            Self::UserInfo(e) => Some(e.help()),
            Self::Config(e) => e.help(),
            Self::Manage(e) => e.help(),
            Self::AuthCommand(e) => e.help(),
            Self::Completion(e) => e.help(),
            Self::ConfigCmd(e) => e.help(),
            Self::Plugin(e) => e.help().map(Into::into),
            Self::Runtime(e) => Some(e.help()),
            Self::File(e) => Some(e.help().into()),
            Self::NoPlugins { searched, .. } => {
                Some(format!("no plugins were found; searched: {searched}"))
            }
            Self::Network(e) => e.help(),
            Self::Api { method, status, .. } if *status >= 500 && method != "GET" => Some(check()),
            Self::Unformatted { method, .. } if method != "GET" => Some(check()),
            _ => None,
        }
    }
}

/// Runs one command line.
pub fn main(argv: &[OsString], env: &Env, printer: &Printer) -> Result<(), Error> {
    let cache_dir = env.cache_dir().map(|d| d.join("atlascli"));
    let mut runtime = Runtime::new(limits(env), cache_dir.as_deref())
        .with_kind(crate::runtime::RuntimeKind::from_env(env)?);
    let exe = std::env::current_exe().ok();
    let dirs = discovery::search_dirs(env, exe.as_deref());
    let cache = DescribeCache::new(cache_dir.as_deref());
    if let Some(shell) = env.get(completion::VAR).filter(|s| !s.is_empty()) {
        return builtin::complete(shell, argv, &runtime, &dirs, &cache, printer);
    }
    // A first-use compile is announced where someone is waiting at a terminal (not to a shell's
    // completion callback, whose terminal shows its candidates); logs and pipes (and the tests'
    // exact transcripts) stay as they are.
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        runtime = runtime.with_notices(|line| Printer.note(line));
    }
    // First only the installed plugins that may declare the typed words: enough to run a command.
    // Help, errors and built-ins list every command, so they decode everything.
    let typed = discovery::Typed::new(argv);
    let narrow = discovery::discover(&runtime, &dirs, &cache, Some(&typed));
    let (registry, parsed) = match parse(argv, &narrow, &dirs) {
        Ok(Parsed::Run(dispatch)) => (narrow, Ok(Parsed::Run(dispatch))),
        _ => {
            let all = discovery::discover(&runtime, &dirs, &cache, None);
            let parsed = parse(argv, &all, &dirs);
            (all, parsed)
        }
    };
    for warning in &registry.warnings {
        printer.warning(&warning.message);
        if let Some(help) = &warning.help {
            printer.help(help);
        }
    }
    let parsed = parsed?;
    match parsed {
        Parsed::Help(text) => {
            printer.data(&text);
            Ok(())
        }
        Parsed::HelpOnStderr(text) => {
            // Written as is, like a prompt: cobra's usage text, no `Error:` and no newline added.
            printer.prompt(&text);
            Ok(())
        }
        Parsed::Run(dispatch) => execute(dispatch, env, &runtime, &registry, &cache, printer),
        // An install compiles with Cranelift: later runs get its faster code.
        Parsed::Plugin(command) => builtin::manage(command, env, &runtime.optimizing(), printer),
        Parsed::Completion(shell) => {
            builtin::script(&shell, argv, printer);
            Ok(())
        }
        Parsed::Auth(command) => Ok(crate::auth::cmd::run(command, env, printer)?),
        Parsed::Config(command) => Ok(config::cmd::run(command, env, printer)?),
    }
}

fn parse(argv: &[OsString], registry: &Registry, dirs: &[SearchDir]) -> Result<Parsed, Error> {
    let specs: Vec<_> = registry.commands.iter().map(|(c, _)| c).collect();
    cli::parse(argv, &specs).map_err(|message| {
        if specs.is_empty() {
            let searched: Vec<_> = dirs.iter().map(|d| d.path.display().to_string()).collect();
            Error::NoPlugins {
                message,
                searched: searched.join(", "),
            }
        } else {
            Error::Cli(message)
        }
    })
}

/// Sandbox limits; the two variables exist so that tests and cautious users can tighten them.
fn limits(env: &Env) -> Limits {
    let mut limits = Limits::default();
    if let Some(ms) = env
        .get("ATLAS_CLI_PLUGIN_TIMEOUT_MS")
        .and_then(|v| v.parse().ok())
    {
        limits.timeout = Duration::from_millis(ms);
    }
    if let Some(mib) = env
        .get("ATLAS_CLI_PLUGIN_MEMORY_MIB")
        .and_then(|v| v.parse::<u32>().ok())
    {
        limits.memory_pages = mib.saturating_mul(16);
    }
    limits
}

fn execute(
    d: Dispatch,
    env: &Env,
    runtime: &Runtime,
    registry: &Registry,
    cache: &DescribeCache,
    printer: &Printer,
) -> Result<(), Error> {
    let mut settings = config::resolve(env, d.profile.as_deref())?;
    settings.debug = d.debug;
    check::no_userinfo("base", &settings.base_url)?;
    check::no_userinfo("account", &settings.account_url)?;
    let (spec, index) = &registry.commands[d.command];
    let mut invocation = Invocation {
        // Each plugin is spoken to in its own ABI version (discovery checked it is one we speak).
        abi_version: registry.plugins[*index].describe.abi_version,
        command: spec.words(),
        args: d.args,
        flags: d.flags,
        settings: settings.public.clone(),
        files: BTreeMap::new(),
        confirmed: false,
        fetched: None,
    };
    let found = &registry.plugins[*index];
    let plugin = &mut found.load(runtime)?;
    discovery::confirm(found, plugin, cache)?;
    plugin.require(&[api::exports::PLAN, api::exports::RENDER])?;
    let redactor = auth::redactor(&settings);
    let client = Client::new(settings.network.clone(), settings.debug, redactor, printer);
    let fetch = |spec: &RequestSpec, plugin: &str| fetch(&client, &settings, spec, plugin);
    let spec = match plan::plan(plugin, &spec.flags, &mut invocation, printer, &fetch)? {
        plan::Planned::Send(spec) => spec,
        plan::Planned::Declined(text) => {
            printer.data(&text);
            return Ok(());
        }
    };
    let prepared =
        http::prepare(&spec, &settings.base_url).map_err(|what| PluginError::Refused {
            plugin: plugin.name().to_string(),
            what,
        })?;
    let received = match auth::send(&client, &settings, &prepared) {
        Ok(received) => received,
        Err(SendError::Auth(e)) => return Err(Error::Auth(e)),
        Err(SendError::Network(mut e)) => {
            keep_partial(printer, &mut e);
            return Err(Error::Network(e));
        }
    };
    let input = RenderInput {
        invocation,
        request: prepared.sent(),
        response: auth::into_response(&received),
    };
    let success = (200..300).contains(&received.status);
    let unformatted = |message: String| {
        printer.bytes(&received.body);
        if std::str::from_utf8(&received.body).is_ok_and(|t| !t.is_empty() && !t.ends_with('\n')) {
            printer.bytes(b"\n");
        }
        Error::Unformatted {
            message,
            method: prepared.method.clone(),
            status: received.status,
            printed: received.body.len(),
            encoding: received.encoding.clone(),
        }
    };
    if let Some(encoding) = received.encoding.as_ref().filter(|_| success) {
        return Err(unformatted(format!(
            "HTTP {}: the answer is {encoding}-encoded, which the host cannot decode",
            received.status
        )));
    }
    match plugin.call::<_, RenderOutput>(api::exports::RENDER, &input) {
        Ok(RenderOutput::Stdout { text }) => {
            printer.data(&text);
            Ok(())
        }
        Ok(RenderOutput::Error { message }) if success => Err(unformatted(message)),
        Ok(RenderOutput::Error { message }) => Err(Error::Api {
            message: http::with_context(message, &input.request, &input.response),
            method: prepared.method.clone(),
            status: received.status,
        }),
        Err(e) if success => Err(unformatted(e.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// Sends a plugin's [`PlanOutput::Fetch`](api::PlanOutput::Fetch): a `GET` only, through the
/// same request check and authentication as the command's request; its answer, whatever the
/// status, goes back to `plan`.
fn fetch(
    client: &Client<'_>,
    settings: &config::Settings,
    spec: &RequestSpec,
    plugin: &str,
) -> Result<api::HttpResponse, Error> {
    let refused = |what: String| PluginError::Refused {
        plugin: plugin.to_string(),
        what,
    };
    if spec.method != "GET" {
        let what = format!(
            "to fetch with method {:?}: a plan may only read",
            spec.method
        );
        return Err(refused(what).into());
    }
    let prepared = http::prepare(spec, &settings.base_url).map_err(refused)?;
    match auth::send(client, settings, &prepared) {
        Ok(received) => Ok(auth::into_response(&received)),
        Err(SendError::Auth(e)) => Err(Error::Auth(e)),
        Err(SendError::Network(e)) => Err(Error::Network(e)),
    }
}

/// After a failure on the way back, whatever arrived of the answer to a request that may have
/// created something goes to stdout, byte for byte (a GET changes nothing: it can be run again).
fn keep_partial(printer: &Printer, e: &mut NetworkError) {
    let partial = &mut e.partial;
    if e.method == "GET" || (partial.bytes.is_empty() && partial.rest.is_none()) {
        return;
    }
    printer.bytes(&partial.bytes);
    if let Some(rest) = partial.rest.as_mut() {
        let (more, failed) = printer.stream(&mut rest.0);
        e.message.push_str(&format!(
            "; {more} bytes past it were streamed to stdout{}",
            failed.map(|f| format!(" until: {f}")).unwrap_or_default()
        ));
    }
    partial.printed = true;
}

mod builtin;
mod plan;

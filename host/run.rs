//! One command run, start to end: discovery, parsing, settings, `plan`, HTTP, `render`. Every
//! user mistake surfaces before the request; after a 2xx response nothing the server sent is lost.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::time::Duration;

use atlas_plugin_api::{
    self as api, FlagSpec, Invocation, PlanOutput, RenderInput, RenderOutput, RequestSpec,
};

use crate::auth::{self, AuthError};
use crate::cli::{self, Dispatch, Parsed, PluginCommand};
use crate::config::{self, ConfigError};
use crate::discovery::{self, Registry, SearchDir};
use crate::env::Env;
use crate::files;
use crate::http::client::Client;
use crate::http::{self, NetworkError};
use crate::index::DescribeCache;
use crate::manage::{self, ManageError};
use crate::printer::Printer;
use crate::runtime::{Limits, Plugin, PluginError, Runtime};

/// Why a run failed. Every variant exits 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line is wrong (Go CLI wording).
    #[error("{0}")]
    Cli(String),
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
    /// No response came back.
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// No credentials could be sent (a token refresh or fetch failed).
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The server answered with an error (the plugin's rendering of it).
    #[error("{0}")]
    Api(String),
    /// The server succeeded but the answer could not be formatted; the raw body went to stdout.
    #[error("{0}")]
    Unformatted(String),
}

impl Error {
    /// A second line of advice for stderr, when there is one.
    pub fn note(&self) -> Option<&'static str> {
        match self {
            Self::Unformatted(_) => Some(
                "The server's response was printed to stdout as received, so nothing it created is lost.",
            ),
            Self::Network(e) => e.note(),
            _ => None,
        }
    }

    /// Advice for a `help:` line, when there is one.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::File(e) => Some(e.help().into()),
            Self::NoPlugins { searched, .. } => {
                Some(format!("no plugins were found; searched: {searched}"))
            }
            _ => None,
        }
    }
}

/// Runs one command line.
pub fn main(argv: &[OsString], env: &Env, printer: &Printer) -> Result<(), Error> {
    let cache_dir = env.cache_dir().map(|d| d.join("atlascli"));
    let runtime = Runtime::new(limits(env), cache_dir.as_deref())
        .with_kind(crate::runtime::RuntimeKind::from_env(env).map_err(Error::Cli)?);
    let exe = std::env::current_exe().ok();
    let dirs = discovery::search_dirs(env, exe.as_deref());
    let cache = DescribeCache::new(cache_dir.as_deref());
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
        printer.warning(warning);
    }
    let parsed = parsed?;
    match parsed {
        Parsed::Help(text) => {
            printer.data(&text);
            Ok(())
        }
        Parsed::Run(dispatch) => execute(dispatch, env, &runtime, &registry, printer),
        Parsed::Plugin(command) => manage(command, env, &runtime, printer),
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

fn manage(
    command: PluginCommand,
    env: &Env,
    runtime: &Runtime,
    printer: &Printer,
) -> Result<(), Error> {
    let dir = discovery::installed_dir(env).ok_or_else(|| {
        Error::Cli("cannot find the config directory: set HOME or XDG_CONFIG_HOME".into())
    })?;
    match command {
        PluginCommand::Install(file) => {
            let entry = manage::install(runtime, &dir, &file)?;
            let commands: Vec<String> = entry
                .describe
                .commands
                .iter()
                .map(|c| c.words().join(" "))
                .collect();
            printer.note(&format!(
                "Installed plugin \"{}\" {} (sha256 {}): {}",
                entry.name,
                entry.describe.version,
                entry.sha256,
                commands.join(", ")
            ));
        }
        PluginCommand::Uninstall(name) => {
            let entry = manage::uninstall(&dir, &name)?;
            printer.note(&format!("Uninstalled plugin \"{}\"", entry.name));
        }
        PluginCommand::List => printer.data(&manage::list(&dir)?),
        PluginCommand::Verify => match manage::verify(&dir) {
            Ok(report) => printer.data(&report),
            Err((report, e)) => {
                printer.data(&report);
                return Err(e.into());
            }
        },
    }
    Ok(())
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
    printer: &Printer,
) -> Result<(), Error> {
    let mut settings = config::resolve(env, d.profile.as_deref())?;
    settings.debug = d.debug;
    let (spec, index) = &registry.commands[d.command];
    let mut invocation = Invocation {
        abi_version: api::ABI_VERSION,
        command: spec.words(),
        args: d.args,
        flags: d.flags,
        settings: settings.public.clone(),
        files: BTreeMap::new(),
    };
    let plugin = &mut registry.plugins[*index].load(runtime)?;
    plugin.require(&[api::exports::PLAN, api::exports::RENDER])?;
    let spec = plan(plugin, &spec.flags, &mut invocation)?;
    let prepared =
        http::prepare(&spec, &settings.base_url).map_err(|what| PluginError::Refused {
            plugin: plugin.name().to_string(),
            what,
        })?;
    let redactor = auth::redactor(&settings);
    let client = Client::new(settings.network.clone(), settings.debug, redactor, printer);
    let response = auth::send(&client, &settings, &prepared)?;
    let success = (200..300).contains(&response.status);
    let input = RenderInput {
        invocation,
        request: prepared.sent(),
        response,
    };
    let rendered = plugin.call::<_, RenderOutput>(api::exports::RENDER, &input);
    let raw = || {
        let body = &input.response.body;
        printer.data(&if body.ends_with('\n') {
            body.clone()
        } else {
            format!("{body}\n")
        });
    };
    match rendered {
        Ok(RenderOutput::Stdout { text }) => {
            printer.data(&text);
            Ok(())
        }
        Ok(RenderOutput::Error { message }) if success => {
            raw();
            Err(Error::Unformatted(message))
        }
        Ok(RenderOutput::Error { message }) => Err(Error::Api(http::with_context(
            message,
            &input.request,
            &input.response,
        ))),
        Err(e) if success => {
            raw();
            Err(Error::Unformatted(e.to_string()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Calls `plan`, reading the files it asks for (once) when the user named them as files (the
/// rule is [`files`]'s; `declared` are the command's flags).
fn plan(
    plugin: &mut Plugin,
    declared: &[FlagSpec],
    invocation: &mut Invocation,
) -> Result<RequestSpec, Error> {
    for round in 0..2 {
        match plugin.call::<_, PlanOutput>(api::exports::PLAN, &*invocation)? {
            PlanOutput::Request { request } => return Ok(request),
            PlanOutput::UserError { message } => return Err(Error::User(message)),
            PlanOutput::NeedFiles { paths } if round == 0 => {
                invocation.files = files::read(plugin.name(), declared, &paths, invocation)?;
            }
            PlanOutput::NeedFiles { .. } => break,
        }
    }
    Err(PluginError::Refused {
        plugin: plugin.name().into(),
        what: "to plan: it asked for files twice".into(),
    }
    .into())
}

//! The built-ins that manage and complete plugins: `atlas plugin …` (install, update, list,
//! uninstall, verify; the work is [`crate::manage`]'s, the messages are made here) and the
//! shell's completion callback (`ATLAS_CLI_COMPLETE=<shell> atlas -- <words>`).

use std::ffi::OsString;

use atlas_plugin_api::CommandSpec;

use super::Error;
use crate::cli::{self, PluginCommand};
use crate::completion;
use crate::config;
use crate::discovery::{self, Registry, SearchDir};
use crate::env::Env;
use crate::http::client::Client;
use crate::index::DescribeCache;
use crate::manage::{self, ManageError};
use crate::printer::Printer;
use crate::runtime::Runtime;

/// `atlas completion <shell>`: the script registering the callback into this binary (`argv[0]`
/// as it was run).
pub(super) fn script(shell: &str, argv: &[OsString], printer: &Printer) {
    let cwd = std::env::current_dir().ok();
    let argv0 = argv.first().map_or("atlas".as_ref(), OsString::as_os_str);
    printer.bytes(&completion::registration(shell, argv0, cwd.as_deref()));
}

/// The shell's callback (`ATLAS_CLI_COMPLETE=<shell> atlas -- <words>`): candidates from every
/// plugin's declarations. Discovery's warnings are not printed: the shell would show them as
/// candidates.
pub(super) fn complete(
    shell: &str,
    argv: &[OsString],
    runtime: &Runtime,
    dirs: &[SearchDir],
    cache: &DescribeCache,
    printer: &Printer,
) -> Result<(), Error> {
    let registry = discovery::discover(runtime, dirs, cache, None);
    let specs: Vec<_> = registry.commands.iter().map(|(c, _)| c).collect();
    let cwd = std::env::current_dir().ok();
    let words = completion::callback_words(argv);
    let out = completion::candidates(shell, cli::tree(&specs), words, cwd.as_deref())?;
    printer.bytes(&out);
    Ok(())
}

/// Runs one `atlas plugin …` command.
pub(super) fn manage(
    command: PluginCommand,
    env: &Env,
    runtime: &Runtime,
    printer: &Printer,
) -> Result<(), Error> {
    let dir = discovery::installed_dir(env).ok_or_else(|| {
        Error::Cli("cannot find the config directory: set HOME or XDG_CONFIG_HOME".into())
    })?;
    // The client is made only for a URL: a file install reads no network settings.
    let client = std::cell::OnceCell::new();
    let download = |url: &str| -> Result<Vec<u8>, ManageError> {
        let client = match client.get() {
            Some(client) => client,
            None => {
                let network = config::network(env, None)?;
                let redactor = crate::trace::Redactor::new([]);
                client.get_or_init(|| Client::new(network, false, redactor, printer))
            }
        };
        manage::download(client, url)
    };
    match command {
        PluginCommand::Install {
            source,
            force,
            sha256,
        } => {
            let bundled = bundled(env, runtime);
            let reserved = reserved(&bundled);
            let entry = manage::install(
                runtime,
                &dir,
                &source,
                sha256.as_deref(),
                force,
                &reserved,
                &download,
            )?;
            printer.note(&format!(
                "Installed plugin \"{}\" {} (sha256 {}): {}",
                entry.name,
                entry.describe.version,
                entry.sha256,
                commands_of(&entry).join(", ")
            ));
        }
        PluginCommand::Update { name, sha256 } => {
            let bundled = bundled(env, runtime);
            let reserved = reserved(&bundled);
            let results = manage::update(
                runtime,
                &dir,
                name.as_deref(),
                sha256.as_deref(),
                &reserved,
                &download,
            )?;
            return report_updates(results, name.is_some(), printer);
        }
        PluginCommand::Uninstall(name) => {
            let entry = manage::uninstall(&dir, &name)?;
            printer.note(&format!("Uninstalled plugin \"{}\"", entry.name));
        }
        PluginCommand::List => {
            let (dev, bundled) = not_installed(env, runtime);
            printer.data(&manage::list(&dir, &dev, &bundled)?);
        }
        PluginCommand::Verify => match manage::verify(&dir) {
            Ok(report) => printer.data(&report),
            Err((report, e)) => {
                printer.data(&report);
                return Err((*e).into());
            }
        },
    }
    Ok(())
}

fn commands_of(entry: &crate::index::Entry) -> Vec<String> {
    entry
        .describe
        .commands
        .iter()
        .map(|c| c.words().join(" "))
        .collect()
}

/// One line per plugin; with one plugin named, its failure is the run's error, else each
/// failure is reported and the run fails after the others were tried.
fn report_updates(
    results: Vec<manage::Outcome>,
    named: bool,
    printer: &Printer,
) -> Result<(), Error> {
    let mut failed = 0;
    for (name, result) in results {
        match result {
            Ok(manage::Updated::Current(e)) => printer.note(&format!(
                "Plugin \"{name}\" {} is up to date (sha256 {})",
                e.describe.version, e.sha256
            )),
            Ok(manage::Updated::Replaced(pair)) => {
                let (old, new) = *pair;
                printer.note(&format!(
                    "Updated plugin \"{name}\" {} -> {} (sha256 {}): {}",
                    old.describe.version,
                    new.describe.version,
                    new.sha256,
                    commands_of(&new).join(", ")
                ));
            }
            Err(e) if named => return Err(e.into()),
            Err(e) => {
                failed += 1;
                printer.warning(&format!("plugin \"{name}\" was not updated: {e}"));
                if let Some(help) = e.help() {
                    printer.help(&help);
                }
            }
        }
    }
    if failed > 0 {
        return Err(ManageError::UpdatesFailed(failed).into());
    }
    Ok(())
}

/// The plugins of the development and bundled directories, for `atlas plugin list`.
fn not_installed(env: &Env, runtime: &Runtime) -> (Vec<manage::Found>, Vec<manage::Found>) {
    let exe = std::env::current_exe().ok();
    let cache = DescribeCache::new(env.cache_dir().map(|d| d.join("atlascli")).as_deref());
    let (mut dev, mut bundled) = (Vec::new(), Vec::new());
    for dir in discovery::search_dirs(env, exe.as_deref()) {
        if dir.installed {
            continue;
        }
        let (origin, into) = if dir.origin == discovery::BUNDLED {
            ("bundled", &mut bundled)
        } else {
            ("dev", &mut dev)
        };
        let registry = discovery::discover(runtime, std::slice::from_ref(&dir), &cache, None);
        for (i, plugin) in registry.plugins.iter().enumerate() {
            into.push(manage::Found {
                origin,
                name: plugin.describe.name.clone(),
                version: plugin.describe.version.clone(),
                abi: plugin.describe.abi_version,
                sha256: plugin.sha256.clone(),
                file: plugin.path.display().to_string(),
                commands: registry
                    .commands
                    .iter()
                    .filter(|(_, p)| *p == i)
                    .map(|(c, _)| c.words().join(" "))
                    .collect(),
            });
        }
    }
    (dev, bundled)
}

/// The bundled plugins' commands, by plugin name: the words an installed plugin may not take.
fn reserved(bundled: &Registry) -> Vec<(&str, &CommandSpec)> {
    bundled
        .commands
        .iter()
        .map(|(c, i)| (bundled.plugins[*i].describe.name.as_str(), c))
        .collect()
}

/// The bundled plugins (atlas's own commands), which an installed plugin may not take.
fn bundled(env: &Env, runtime: &Runtime) -> Registry {
    let exe = std::env::current_exe().ok();
    let dirs: Vec<SearchDir> = discovery::search_dirs(env, exe.as_deref())
        .into_iter()
        .filter(|d| d.origin == discovery::BUNDLED)
        .collect();
    let cache = DescribeCache::new(env.cache_dir().map(|d| d.join("atlascli")).as_deref());
    discovery::discover(runtime, &dirs, &cache, None)
}

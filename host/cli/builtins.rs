//! The host's own commands, declared as plugins declare theirs (a [`CommandSpec`] each, groups
//! described on their path segments), so that help, flag parsing and suggestions treat them like
//! any other command. [`all`] is the one table of them: a group of built-ins is one line there
//! (its module returns its commands, each with the function that turns its parsed command line
//! into what to run).

mod auth;
mod completion;
mod config;
mod plugin;

use atlas_plugin_api::CommandSpec;

pub use plugin::PluginCommand;

use super::Parsed;
use super::flags;

/// Where a built-in is listed among the root's commands (cobra lists them in the order added;
/// the Go CLI adds `config` and `auth` before its other commands and `plugin` after them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    BeforePlugins,
    AfterPlugins,
}

/// What a built-in's command line asks for, from the command and its parsed flags and
/// (count-checked) arguments.
pub type Dispatch = fn(&CommandSpec, &flags::Parsed) -> Parsed;

/// One built-in command.
#[derive(Debug, Clone)]
pub struct Builtin {
    pub place: Place,
    pub spec: CommandSpec,
    pub dispatch: Dispatch,
}

/// Makes the built-ins of a group listed at `place`.
fn listed(place: Place) -> impl Fn(CommandSpec, Dispatch) -> Builtin {
    move |spec, dispatch| Builtin {
        place,
        spec,
        dispatch,
    }
}

/// Every built-in command, in the order they are listed (one line per group).
pub fn all() -> Vec<Builtin> {
    [
        config::commands(),
        auth::commands(),
        plugin::commands(),
        completion::commands(),
    ]
    .concat()
}

//! The plan stage: `plan` is called until it answers with a request to send (or a user error),
//! the host doing in between what the plugin cannot: reading the files the user named, asking
//! the user a question (ABI 2 `confirm`), and reading something from Atlas first (ABI 2
//! `fetch`, a `GET` only). Each at most once per run.

use atlas_plugin_api::{self as api, FlagSpec, HttpResponse, Invocation, PlanOutput, RequestSpec};

use super::Error;
use crate::confirm::{self, Answer};
use crate::files;
use crate::printer::Printer;
use crate::runtime::{Plugin, PluginError};

/// What `plan` came to.
pub(super) enum Planned {
    /// Send this request.
    Send(RequestSpec),
    /// The user answered no to the plugin's question: print this, exit 0, send nothing.
    Declined(String),
}

/// Sends a plugin's `fetch` request (the plugin's name for messages).
pub(super) type Fetch<'a> = dyn Fn(&RequestSpec, &str) -> Result<HttpResponse, Error> + 'a;

/// Calls `plan` until it is complete: files are read when the user named them as files (the rule
/// is [`files`]'s; `declared` are the command's flags), the question is asked, the fetch sent.
pub(super) fn plan(
    plugin: &mut Plugin,
    declared: &[FlagSpec],
    invocation: &mut Invocation,
    printer: &Printer,
    fetch: &Fetch<'_>,
) -> Result<Planned, Error> {
    let mut files_read = false;
    loop {
        match plugin.call::<_, PlanOutput>(api::exports::PLAN, &*invocation)? {
            PlanOutput::Request { request } => return Ok(Planned::Send(request)),
            PlanOutput::UserError { message } => return Err(Error::User(message)),
            PlanOutput::NeedFiles { .. } if files_read => {
                return Err(refused(plugin, "to plan: it asked for files twice".into()));
            }
            PlanOutput::NeedFiles { paths } => {
                invocation.files = files::read(plugin.name(), declared, &paths, invocation)?;
                files_read = true;
            }
            PlanOutput::Confirm { .. } if invocation.abi_version < api::CONFIRM_ABI_VERSION => {
                return Err(too_old(plugin, "to ask for confirmation", invocation));
            }
            PlanOutput::Fetch { .. } if invocation.abi_version < api::FETCH_ABI_VERSION => {
                return Err(too_old(plugin, "to fetch before its request", invocation));
            }
            PlanOutput::Confirm { .. } if invocation.confirmed => {
                return Err(refused(plugin, "to plan: it asked to confirm twice".into()));
            }
            PlanOutput::Confirm {
                message,
                declined,
                force_flag,
            } => match confirm::ask(&message, printer) {
                Answer::Yes => invocation.confirmed = true,
                Answer::No => return Ok(Planned::Declined(declined)),
                Answer::NoTerminal => {
                    return Err(Error::Unconfirmed {
                        question: message,
                        force_flag,
                    });
                }
            },
            PlanOutput::Fetch { .. } if invocation.fetched.is_some() => {
                return Err(refused(plugin, "to plan: it asked to fetch twice".into()));
            }
            PlanOutput::Fetch { request } => {
                invocation.fetched = Some(fetch(&request, plugin.name())?);
            }
        }
    }
}

/// A step of ABI 2 (both steps came with it) from a plugin that declared an older version.
fn too_old(plugin: &Plugin, step: &str, invocation: &Invocation) -> Error {
    let what = format!(
        "{step}: that needs plugin ABI {}, and it declared {}",
        api::FETCH_ABI_VERSION,
        invocation.abi_version
    );
    refused(plugin, what)
}

fn refused(plugin: &Plugin, what: String) -> Error {
    PluginError::Refused {
        plugin: plugin.name().into(),
        what,
    }
    .into()
}

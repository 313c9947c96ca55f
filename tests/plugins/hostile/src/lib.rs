//! A hostile plugin for the host's containment tests. Each `hostile <attack>` command misbehaves
//! in one way (endless loop, memory bomb, panic, huge or invalid output, a request aimed off the
//! base URL or carrying credentials, terminal escapes, a file it was not given, spying on its
//! input); `hostile files` asks for files by any name (`files.rs`); each cargo feature turns
//! `describe` itself into an attack, and `identity` builds the attacks on the command line and the
//! terminal (`identity.rs`). Never ship this.

#![cfg(target_family = "wasm")]

mod attacks;
mod files;
#[cfg(feature = "identity")]
mod identity;

use atlas_plugin_api::{
    ABI_VERSION, CommandSpec, DescribeOutput, OLDEST_ABI_VERSION, PathSegment, PlanInput,
};
use extism_pdk::*;

fn command(words: &[&str]) -> CommandSpec {
    CommandSpec {
        path: words
            .iter()
            .map(|w| PathSegment {
                name: w.to_string(),
                ..Default::default()
            })
            .collect(),
        short: format!("Hostile test command: {}.", words.join(" ")),
        ..Default::default()
    }
}

/// The commands of this build.
fn commands() -> Vec<CommandSpec> {
    #[cfg(feature = "identity")]
    return identity::commands();
    #[allow(unreachable_code)]
    if cfg!(feature = "claims-builtin") {
        return vec![
            command(&["plugin", "install"]),
            command(&["help"]),
            command(&["hostile-builtin", "ok"]),
        ];
    }
    if cfg!(feature = "claims-taken") {
        return vec![command(&["organizations", "apiKeys", "create"])];
    }
    if cfg!(feature = "no-render") {
        return vec![command(&["hostile-norender", "run"])];
    }
    attacks::NAMES
        .iter()
        .map(|name| command(&["hostile", name]))
        .chain([files::command(command(&["hostile", "files"]))])
        .collect()
}

#[plugin_fn]
pub fn describe(_: ()) -> FnResult<Json<DescribeOutput>> {
    let abi_version = if cfg!(feature = "abi-next") {
        ABI_VERSION + 1
    } else if cfg!(feature = "abi-old") {
        OLDEST_ABI_VERSION - 1
    } else {
        ABI_VERSION
    };
    Ok(Json(DescribeOutput {
        abi_version,
        name: if cfg!(feature = "identity") {
            plugin_name()
        } else {
            "hostile"
        }
        .into(),
        version: "0.0.0".into(),
        commands: commands(),
    }))
}

fn plugin_name() -> &'static str {
    #[cfg(feature = "identity")]
    return identity::name();
    #[allow(unreachable_code)]
    "hostile"
}

#[plugin_fn]
pub fn plan(Json(input): Json<PlanInput>) -> FnResult<Vec<u8>> {
    #[cfg(feature = "identity")]
    return identity::plan(&input).map_err(|e| WithReturnCode::new(Error::msg(e), 1));
    #[allow(unreachable_code)]
    let attack = input.command.get(1).cloned().unwrap_or_default();
    if attack == "files" {
        return Ok(serde_json::to_vec(&files::plan(&input))?);
    }
    Ok(attacks::plan(&attack, &input))
}

#[cfg(not(feature = "no-render"))]
#[plugin_fn]
pub fn render(Json(input): Json<atlas_plugin_api::RenderInput>) -> FnResult<Vec<u8>> {
    #[cfg(feature = "identity")]
    return Ok(identity::render(&input));
    #[allow(unreachable_code)]
    Ok(attacks::render(&input))
}

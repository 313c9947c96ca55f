//! A minimal plugin for start-up benchmarks: `describe` declares `filler-<NAME> run`, where
//! `<NAME>` is an 8-byte placeholder that `scripts/bench-plugins` overwrites in each copy of the
//! `.wasm`, giving many plugins with distinct commands and hashes from one build.

#![cfg(target_family = "wasm")]

use atlas_plugin_api::{
    ABI_VERSION, CommandSpec, DescribeOutput, PathSegment, PlanInput, PlanOutput,
};
use extism_pdk::*;

/// Overwritten in place by the benchmark script: keep it exactly 8 ASCII bytes.
static NAME: &str = "@@NAME@@";

fn segment(name: String) -> PathSegment {
    PathSegment {
        name,
        ..Default::default()
    }
}

#[plugin_fn]
pub fn describe(_: ()) -> FnResult<Json<DescribeOutput>> {
    let name = core::hint::black_box(NAME).to_string();
    Ok(Json(DescribeOutput {
        abi_version: ABI_VERSION,
        name: format!("filler-{name}"),
        version: "0.0.0".into(),
        commands: vec![CommandSpec {
            path: vec![segment(format!("filler-{name}")), segment("run".into())],
            short: "A benchmark filler command.".into(),
            ..Default::default()
        }],
    }))
}

#[plugin_fn]
pub fn plan(Json(_input): Json<PlanInput>) -> FnResult<Json<PlanOutput>> {
    Ok(Json(PlanOutput::UserError {
        message: "filler".into(),
    }))
}

#[plugin_fn]
pub fn render(_: ()) -> FnResult<String> {
    Ok(String::new())
}

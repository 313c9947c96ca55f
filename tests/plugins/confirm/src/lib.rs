//! A test-only plugin for the ABI's version range and its confirm step. `confirm delete <ID>`
//! deletes an org API key the way the real `apiKeys delete` must: without `--force` its `plan`
//! answers `confirm` (ABI 2) and plans the `DELETE` only once the host says the user agreed.
//! `confirm again <ID>` asks even after a yes (a plugin the host must stop). Built with the
//! `abi-1` feature it declares ABI 1, as a plugin built before the confirm step does, and still
//! asks: a host must refuse that. Each build refuses an invocation in a version other than its
//! own, so a test sees which version the host spoke. Never ship this.

use atlas_plugin_api::{
    ABI_VERSION, ArgsSpec, CommandSpec, DescribeOutput, FlagKind, FlagSpec, FlagValue, NameValue,
    PathSegment, PlanInput, PlanOutput, RenderInput, RenderOutput, RequestSpec,
};

/// The ABI version this build declares.
pub const DECLARED: u32 = if cfg!(feature = "abi-1") {
    1
} else {
    ABI_VERSION
};

/// What the plugin declares when built for `abi`.
pub fn describe(abi: u32) -> DescribeOutput {
    let group = PathSegment::new("confirm", &["confirms"])
        .group("Test commands that ask before they act.", "");
    let command = |leaf: &str, short: &str| CommandSpec {
        path: vec![group.clone(), PathSegment::new(leaf, &[])],
        short: short.into(),
        flags: vec![
            FlagSpec::new("force", None, FlagKind::Bool, "Don't ask for confirmation."),
            FlagSpec::new("orgId", None, FlagKind::String, "Organization ID to use."),
        ],
        args: Some(ArgsSpec::exactly(1, "<ID>")),
        ..CommandSpec::default()
    };
    DescribeOutput {
        abi_version: abi,
        name: "confirm".into(),
        version: "0.0.0".into(),
        commands: vec![
            command("delete", "Remove the specified API key, after asking."),
            command("again", "Ask for confirmation forever."),
        ],
    }
}

/// `plan` for a build that declared `abi`.
pub fn plan(input: &PlanInput, abi: u32) -> PlanOutput {
    if input.abi_version != abi {
        let message = format!("invoked in ABI {}, declared {abi}", input.abi_version);
        return PlanOutput::UserError { message };
    }
    let id = input.args.first().cloned().unwrap_or_default();
    let org = match input.flags.get("orgId") {
        Some(FlagValue::String(org)) => Some(org.clone()),
        _ => input.settings.org_id.clone(),
    };
    let Some(org) = org else {
        return PlanOutput::UserError {
            message: "required flag(s) \"orgId\" not set".into(),
        };
    };
    let forced = input.flags.get("force") == Some(&FlagValue::Bool(true));
    let again = input.command.last().map(String::as_str) == Some("again");
    if again || !(forced || input.confirmed) {
        return PlanOutput::Confirm {
            message: format!("Are you sure you want to delete: {id}"),
            declined: "API Key not deleted\n".into(),
            force_flag: Some("force".into()),
        };
    }
    PlanOutput::Request {
        request: RequestSpec {
            method: "DELETE".into(),
            path: format!("/api/atlas/v2/orgs/{org}/apiKeys/{id}"),
            headers: vec![NameValue::new(
                "Accept",
                "application/vnd.atlas.2023-01-01+json",
            )],
            ..RequestSpec::default()
        },
    }
}

/// `render`: the Go CLI's line for a deleted key.
pub fn render(input: &RenderInput) -> RenderOutput {
    let id = input.invocation.args.first().cloned().unwrap_or_default();
    match input.response.status {
        204 => RenderOutput::Stdout {
            text: format!("API Key '{id}' deleted\n"),
        },
        status => RenderOutput::Error {
            message: format!("HTTP {status}: {}", input.response.body),
        },
    }
}

#[cfg(target_family = "wasm")]
mod exports {
    use atlas_plugin_api::*;
    use extism_pdk::*;

    #[plugin_fn]
    pub fn describe(_: ()) -> FnResult<Json<DescribeOutput>> {
        Ok(Json(super::describe(super::DECLARED)))
    }

    #[plugin_fn]
    pub fn plan(Json(input): Json<PlanInput>) -> FnResult<Json<PlanOutput>> {
        Ok(Json(super::plan(&input, super::DECLARED)))
    }

    #[plugin_fn]
    pub fn render(Json(input): Json<RenderInput>) -> FnResult<Json<RenderOutput>> {
        Ok(Json(super::render(&input)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The vector files the Python and Node hosts run against the built `.wasm` (and
    /// `tests/it/abi.rs` through ours): every vector holds natively, for the version it names.
    #[test]
    fn the_vector_files_hold_natively() {
        for (file, abi) in [("vectors-v1.json", 1), ("vectors-v2.json", 2)] {
            let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(doc["abi_version"], abi, "{file}");
            let vectors = doc["vectors"].as_array().unwrap();
            assert!(vectors.len() >= 4, "{file}");
            for v in vectors {
                let input = v["input"].clone();
                let got = match v["function"].as_str().unwrap() {
                    "describe" => serde_json::to_value(describe(abi)),
                    "plan" => {
                        serde_json::to_value(plan(&serde_json::from_value(input).unwrap(), abi))
                    }
                    _ => serde_json::to_value(render(&serde_json::from_value(input).unwrap())),
                }
                .unwrap();
                assert_eq!(got, v["output"], "{file}: {}", v["name"]);
            }
        }
    }

    #[test]
    fn asks_unless_forced_or_confirmed_and_refuses_another_version() {
        let mut input = PlanInput {
            abi_version: 2,
            command: vec!["confirm".into(), "delete".into()],
            args: vec!["6a793f752c88faeba59bba49".into()],
            ..PlanInput::default()
        };
        input.settings.org_id = Some("5a1b39eec902201990f12345".into());
        assert!(matches!(plan(&input, 2), PlanOutput::Confirm { .. }));
        input.confirmed = true;
        assert!(matches!(plan(&input, 2), PlanOutput::Request { .. }));
        input.confirmed = false;
        input.flags.insert("force".into(), FlagValue::Bool(true));
        assert!(matches!(plan(&input, 2), PlanOutput::Request { .. }));
        assert!(matches!(plan(&input, 1), PlanOutput::UserError { .. }));
    }
}

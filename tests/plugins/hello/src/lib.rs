//! The README's example plugin: `atlas hello keys` counts the API keys of the configured
//! organization. Kept here so the example always compiles and runs (tests/it/plugins.rs).

use atlas_plugin_api::*;

pub fn describe() -> DescribeOutput {
    let word = |w: &str| PathSegment {
        name: w.into(),
        ..Default::default()
    };
    DescribeOutput {
        abi_version: ABI_VERSION,
        name: "hello".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        commands: vec![CommandSpec {
            path: vec![word("hello"), word("keys")],
            short: "Count the API keys of your organization.".into(),
            ..Default::default()
        }],
    }
}

pub fn plan(input: &PlanInput) -> PlanOutput {
    let Some(org) = &input.settings.org_id else {
        return PlanOutput::UserError {
            message: "set MONGODB_ATLAS_ORG_ID or org_id".into(),
        };
    };
    let accept = NameValue::new("Accept", "application/vnd.atlas.2023-01-01+json");
    let request = RequestSpec {
        method: "GET".into(),
        path: format!("/api/atlas/v2/orgs/{org}/apiKeys"),
        headers: vec![accept],
        ..Default::default()
    };
    PlanOutput::Request { request }
}

pub fn render(input: &RenderInput) -> RenderOutput {
    let body: serde_json::Value = serde_json::from_str(&input.response.body).unwrap_or_default();
    match body["totalCount"].as_u64() {
        Some(n) if input.response.status == 200 => RenderOutput::Stdout {
            text: format!("{n} API keys\n"),
        },
        _ => RenderOutput::Error {
            message: format!("HTTP {}", input.response.status),
        },
    }
}

#[cfg(target_family = "wasm")]
mod exports {
    use atlas_plugin_api::*;
    use extism_pdk::*;

    #[plugin_fn]
    pub fn describe(_: ()) -> FnResult<Json<DescribeOutput>> {
        Ok(Json(super::describe()))
    }

    #[plugin_fn]
    pub fn plan(Json(input): Json<PlanInput>) -> FnResult<Json<PlanOutput>> {
        Ok(Json(super::plan(&input)))
    }

    #[plugin_fn]
    pub fn render(Json(input): Json<RenderInput>) -> FnResult<Json<RenderOutput>> {
        Ok(Json(super::render(&input)))
    }
}

//! `atlas organizations apiKeys list` (alias `ls`) as a sandboxed Extism plugin: the second
//! command, added to the host by dropping in its `.wasm`, with no host change.
//!
//! The crate is sans-I/O, as `apiKeys create` is: [`describe`] says what the command is,
//! [`plan`] turns flags and settings into the `GET` request (or the user's mistake), [`render`]
//! turns the page of keys into the Go CLI's table or the `-o` format the user chose. Output
//! formats and API errors come from the shared `atlas-plugin-output` crate; this crate holds
//! only the command's flags, its request and its default table.

mod command;
mod output;
mod plan;

#[cfg(target_family = "wasm")]
mod exports;
#[doc(hidden)]
pub mod vectors;

use atlas_plugin_api::{DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput};
use atlas_plugin_output::api_error;
use atlas_plugin_output::flags::bool_flag;
use atlas_plugin_output::format::OutputFormat;

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    command::describe()
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan::plan(input)
}

/// The text to print for the response: the page of keys, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    if let Some(error) = api_error::for_error_status(input) {
        return error;
    }
    let response = &input.response;
    let invocation = &input.invocation;
    let compact = bool_flag(&invocation.flags, "compact").unwrap_or(false);
    match OutputFormat::select(&invocation.flags, &invocation.settings) {
        Ok(format) => output::render_page(&format, compact, &invocation.files, &response.body),
        // `plan` refused this format already; reaching here means the host skipped `plan`.
        Err(message) => RenderOutput::Error { message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::{FlagValue, HttpResponse, SentRequest};

    fn render_input(status: u16, flags: &[(&str, FlagValue)], body: &str) -> RenderInput {
        let mut input = RenderInput::default();
        for (name, value) in flags {
            input
                .invocation
                .flags
                .insert(name.to_string(), value.clone());
        }
        input.request = SentRequest {
            method: "GET".into(),
            url: "https://h/api/atlas/v2/orgs/x/apiKeys?pageNum=1".into(),
        };
        input.response = HttpResponse {
            status,
            content_type: Some("application/json".into()),
            body: body.into(),
        };
        input
    }

    #[test]
    fn renders_statuses_from_300_as_api_errors_naming_the_url() {
        let out = render(&render_input(404, &[], r#"{"error":404,"errorCode":"X"}"#));
        let RenderOutput::Error { message } = out else {
            panic!("{out:?}")
        };
        assert!(
            message.starts_with(
                "https://h/api/atlas/v2/orgs/x/apiKeys?pageNum=1 GET: HTTP 404 Not Found"
            ),
            "{message}"
        );
    }

    #[test]
    fn compact_applies_only_to_json_formats() {
        let body = r#"{"results":[{"id":"i","publicKey":"p"}],"totalCount":1}"#;
        let compact = ("compact", FlagValue::Bool(true));
        let json = ("output", FlagValue::String("json".into()));
        let out = render(&render_input(200, &[compact.clone(), json], body));
        let want = "[\n  {\n    \"id\": \"i\",\n    \"publicKey\": \"p\"\n  }\n]\n";
        assert_eq!(out, RenderOutput::Stdout { text: want.into() });
        let out = render(&render_input(200, &[compact], body));
        let table = "ID    DESCRIPTION   PUBLIC KEY   PRIVATE KEY\ni     <nil>         p            <nil>\n";
        assert_eq!(out, RenderOutput::Stdout { text: table.into() });
    }

    #[test]
    fn refuses_an_unsupported_format_even_if_plan_was_skipped() {
        let output = ("output", FlagValue::String("yaml".into()));
        let out = render(&render_input(200, &[output], "{}"));
        assert!(
            matches!(out, RenderOutput::Error { message } if message.starts_with("unsupported output format"))
        );
    }
}

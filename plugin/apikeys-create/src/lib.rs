//! `atlas organizations apiKeys create` as a sandboxed Extism plugin.
//!
//! The crate is sans-I/O: [`describe`] says what the command is, [`plan`] turns flags and
//! settings into the HTTP request (or the user's mistake), [`render`] turns the response into
//! the text to print. The host does all the I/O. These are plain functions, tested natively;
//! on wasm, `exports` wraps each one in a `#[plugin_fn]`.
//!
//! Where the Go Atlas CLI's text is the contract (help, validation messages, output, API
//! errors) we reproduce it byte for byte; the modules say which Go source each part follows.
//! Output formats and API errors come from the shared `atlas-plugin-output` crate, which
//! `apiKeys list` uses too.

mod command;
mod csv;
mod output;
mod plan;
mod roles;

#[doc(hidden)]
pub mod conformance;
#[doc(hidden)]
pub mod vectors;

#[cfg(target_family = "wasm")]
mod exports;

use atlas_plugin_api::{DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput};
use atlas_plugin_output::api_error;
use atlas_plugin_output::format::OutputFormat;

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    command::describe()
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan::plan(input)
}

/// The text to print for the response: the created key, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    if let Some(error) = api_error::for_error_status(input) {
        return error;
    }
    let response = &input.response;
    let invocation = &input.invocation;
    match OutputFormat::select(&invocation.flags, &invocation.settings) {
        Ok(format) => output::render_created(&format, &invocation.files, &response.body),
        // `plan` refused this format already; reaching here means the host skipped `plan`.
        Err(message) => RenderOutput::Error { message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::{FlagValue, HttpResponse, SentRequest};

    fn render_input(status: u16, output: Option<&str>, body: &str) -> RenderInput {
        let mut input = RenderInput::default();
        if let Some(output) = output {
            input
                .invocation
                .flags
                .insert("output".into(), FlagValue::String(output.into()));
        }
        input.request = SentRequest {
            method: "POST".into(),
            url: "https://h/api/atlas/v2/orgs/x/apiKeys".into(),
        };
        input.response = HttpResponse {
            status,
            content_type: Some("application/json".into()),
            body: body.into(),
        };
        input
    }

    #[test]
    fn renders_a_success_in_the_chosen_format() {
        let body = r#"{"id":"i","publicKey":"p","privateKey":"k"}"#;
        let text = render(&render_input(200, None, body));
        assert_eq!(
            text,
            RenderOutput::Stdout {
                text: "API Key 'i' created.\nPublic API Key p\nPrivate API Key k\n".into()
            }
        );
        let json = render(&render_input(201, Some("json"), body));
        let want = "{\n  \"id\": \"i\",\n  \"privateKey\": \"k\",\n  \"publicKey\": \"p\"\n}\n";
        assert_eq!(json, RenderOutput::Stdout { text: want.into() });
    }

    #[test]
    fn renders_statuses_from_300_as_api_errors() {
        for status in [300, 404, 500] {
            match render(&render_input(status, Some("json"), "")) {
                RenderOutput::Error { message } => {
                    assert!(
                        message.starts_with("https://h/api/atlas/v2/orgs/x/apiKeys POST: HTTP "),
                        "{message}"
                    );
                }
                other => panic!("status {status}: {other:?}"),
            }
        }
    }

    #[test]
    fn refuses_an_unsupported_format_even_if_plan_was_skipped() {
        let out = render(&render_input(200, Some("yaml"), "{}"));
        assert!(
            matches!(out, RenderOutput::Error { message } if message.starts_with("unsupported output format"))
        );
    }

    #[test]
    fn plan_output_round_trips_through_the_wire_format() {
        let mut input = PlanInput::default();
        input
            .flags
            .insert("desc".into(), FlagValue::String("d".into()));
        input
            .flags
            .insert("role".into(), FlagValue::Strings(vec!["ORG_OWNER".into()]));
        input.settings.org_id = Some("5a1b39eec902201990f12345".into());
        let json = serde_json::to_string(&plan(&input)).unwrap();
        assert!(
            json.starts_with(r#"{"kind":"request","request":{"method":"POST""#),
            "{json}"
        );
        let back: PlanOutput = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan(&input));
    }
}

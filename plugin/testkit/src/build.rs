//! What vector tables are written with: flag values, invocations of a command with the test
//! organization, render inputs, and the outputs to expect.

use atlas_plugin_api::{
    FileContent, FlagValue, HttpResponse, Invocation, NameValue, OLDEST_ABI_VERSION, PlanOutput,
    RenderInput, RenderOutput, RequestSpec, SentRequest, Settings,
};

/// The organization every vector runs in.
pub const ORG: &str = "5a1b39eec902201990f12345";

/// The content type Atlas answers with.
pub const ATLAS_JSON: &str = "application/vnd.atlas.2023-01-01+json;charset=utf-8";

/// A string flag's value.
pub fn s(value: &str) -> FlagValue {
    FlagValue::String(value.into())
}

/// A bool flag set on the command line.
pub fn yes() -> FlagValue {
    FlagValue::Bool(true)
}

/// An int flag's value.
pub fn int(value: i64) -> FlagValue {
    FlagValue::Int(value)
}

/// A strings flag's occurrences.
pub fn strings(values: &[&str]) -> FlagValue {
    FlagValue::Strings(values.iter().map(|v| v.to_string()).collect())
}

/// `command` (its path words) with these flags and arguments; the org ID, if any, from the
/// settings, as a configured profile gives it.
pub fn invocation(
    command: &[&str],
    flags: &[(&str, FlagValue)],
    args: &[&str],
    org: Option<&str>,
) -> Invocation {
    Invocation {
        abi_version: OLDEST_ABI_VERSION,
        command: command.iter().map(|w| w.to_string()).collect(),
        args: args.iter().map(|a| a.to_string()).collect(),
        flags: flags
            .iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect(),
        settings: Settings {
            profile: "default".into(),
            org_id: org.map(String::from),
            ..Settings::default()
        },
        files: Default::default(),
        ..Invocation::default()
    }
}

/// `render`'s input: the invocation, the request the host sent, Atlas's answer.
pub fn render_input(
    invocation: Invocation,
    (method, url): (&str, &str),
    status: u16,
    body: &str,
) -> RenderInput {
    RenderInput {
        invocation,
        request: SentRequest {
            method: method.into(),
            url: url.into(),
        },
        response: HttpResponse {
            status,
            content_type: Some(ATLAS_JSON.into()),
            body: body.into(),
        },
    }
}

/// The Admin API version every request names, written out (not taken from the SDK it checks).
pub const MEDIA_TYPE: &str = "application/vnd.atlas.2023-01-01+json";

/// `plan` answers with this request: `Accept`, and `Content-Type` with a body.
pub fn request(method: &str, path: &str, query: &[(&str, &str)], body: Option<&str>) -> PlanOutput {
    let mut headers = vec![NameValue::new("Accept", MEDIA_TYPE)];
    if body.is_some() {
        headers.push(NameValue::new("Content-Type", MEDIA_TYPE));
    }
    PlanOutput::Request {
        request: RequestSpec {
            method: method.into(),
            path: path.into(),
            query: query.iter().map(|(n, v)| NameValue::new(*n, *v)).collect(),
            headers,
            body: body.map(String::from),
        },
    }
}

/// `plan` asks the host to read this file first.
pub fn need_file(path: &str) -> PlanOutput {
    PlanOutput::NeedFiles {
        paths: vec![path.to_string()],
    }
}

/// `invocation` as `plan` sees it once the host has read `path`.
pub fn with_file(mut invocation: Invocation, path: &str, content: &str) -> Invocation {
    let file = FileContent {
        content: Some(content.into()),
        error: None,
    };
    invocation.files.insert(path.into(), file);
    invocation
}

/// `plan` refuses with this message.
pub fn refused(message: &str) -> PlanOutput {
    PlanOutput::UserError {
        message: message.to_string(),
    }
}

/// `render` prints this text.
pub fn stdout(text: &str) -> RenderOutput {
    RenderOutput::Stdout {
        text: text.to_string(),
    }
}

/// `render` fails with this message.
pub fn error(message: &str) -> RenderOutput {
    RenderOutput::Error {
        message: message.to_string(),
    }
}

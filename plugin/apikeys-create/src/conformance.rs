//! The output conformance table: every output format against every kind of response, with the
//! bytes the Go Atlas CLI prints (where it prints something reproducible) or the message we
//! give. The plugin's own tests run it natively; `tests/it/output.rs` runs it through the
//! built `.wasm`, so both builds are held to the same bytes.
//!
//! Public only for those two runners; no export uses it, so it does not reach the `.wasm`.

mod cases;
mod templates;

use std::collections::BTreeMap;

use atlas_plugin_sdk::api::{
    self as api, FileContent, FlagValue, HttpResponse, Invocation, PlanOutput, RenderInput,
    RenderOutput, SentRequest, Settings,
};

pub use cases::cases;

/// One row: an `-o` value (and a template file) against a response body.
#[derive(Debug, Clone)]
pub struct Case {
    /// What the row shows.
    pub name: &'static str,
    /// The `--output` value.
    pub output: &'static str,
    /// A template file the host read: path and content (`Ok`) or Go's `*PathError` (`Err`).
    pub file: Option<(&'static str, Result<&'static str, &'static str>)>,
    /// The 200 response body.
    pub body: &'static str,
    /// What must happen.
    pub want: Want,
}

/// The expected outcome of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// `plan` refuses with exactly this message: no request.
    PlanError(&'static str),
    /// `plan` asks the host for this file first.
    NeedFile(&'static str),
    /// `render` prints exactly these bytes.
    Stdout(&'static str),
    /// `render` fails with exactly this message (the host then prints the raw body).
    RenderError(&'static str),
}

/// The invocation a row makes (`plan`'s input, and `render`'s).
pub fn invocation(case: &Case) -> Invocation {
    let mut flags = BTreeMap::new();
    flags.insert("desc".to_string(), FlagValue::String("d".into()));
    flags.insert(
        "role".to_string(),
        FlagValue::Strings(vec!["ORG_OWNER".into()]),
    );
    flags.insert(
        "orgId".to_string(),
        FlagValue::String("5a1b39eec902201990f12345".into()),
    );
    flags.insert("output".to_string(), FlagValue::String(case.output.into()));
    let files = case
        .file
        .iter()
        .map(|(path, read)| {
            let content = match read {
                Ok(text) => FileContent {
                    content: Some(text.to_string()),
                    error: None,
                },
                Err(error) => FileContent {
                    content: None,
                    error: Some(error.to_string()),
                },
            };
            (path.to_string(), content)
        })
        .collect();
    Invocation {
        abi_version: api::OLDEST_ABI_VERSION,
        command: vec!["organizations".into(), "apiKeys".into(), "create".into()],
        args: Vec::new(),
        flags,
        settings: Settings::default(),
        files,
        ..Default::default()
    }
}

/// `render`'s input for a row whose request was sent: a 200 with the row's body.
pub fn render_input(case: &Case, invocation: Invocation) -> RenderInput {
    RenderInput {
        invocation,
        request: SentRequest {
            method: "POST".into(),
            url: "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys"
                .into(),
        },
        response: HttpResponse {
            status: 200,
            content_type: Some("application/vnd.atlas.2023-01-01+json;charset=utf-8".into()),
            body: case.body.to_string(),
        },
    }
}

/// Run a row through `plan` and, when it plans the request, `render` on a 200 with the row's
/// body; say what differs from the row's expectation.
pub fn verify(
    case: &Case,
    plan: &mut dyn FnMut(&Invocation) -> PlanOutput,
    render: &mut dyn FnMut(&RenderInput) -> RenderOutput,
) -> Result<(), String> {
    let invocation = invocation(case);
    let got = match plan(&invocation) {
        PlanOutput::UserError { message } => Outcome::PlanError(message),
        PlanOutput::NeedFiles { paths } => Outcome::NeedFile(paths.join(",")),
        // An ABI 1 plugin never asks nor fetches; a case that got here is a plan error of its own.
        PlanOutput::Confirm { message, .. } => Outcome::PlanError(format!("confirm: {message}")),
        PlanOutput::Fetch { request } => Outcome::PlanError(format!("fetch: {}", request.path)),
        PlanOutput::Request { .. } => {
            let input = render_input(case, invocation);
            match render(&input) {
                RenderOutput::Stdout { text } => Outcome::Stdout(text),
                RenderOutput::Error { message } => Outcome::RenderError(message),
            }
        }
    };
    let want = match &case.want {
        Want::PlanError(m) => Outcome::PlanError(m.to_string()),
        Want::NeedFile(p) => Outcome::NeedFile(p.to_string()),
        Want::Stdout(t) => Outcome::Stdout(t.to_string()),
        Want::RenderError(m) => Outcome::RenderError(m.to_string()),
    };
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "{} (-o {:?}):\n  want {want:?}\n  got  {got:?}",
            case.name, case.output
        ))
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    PlanError(String),
    NeedFile(String),
    Stdout(String),
    RenderError(String),
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_row_of_the_conformance_table_holds_natively() {
        let cases = super::cases();
        assert!(cases.len() >= 40, "only {} rows", cases.len());
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|case| super::verify(case, &mut crate::plan, &mut crate::render).err())
            .collect();
        assert!(
            failures.is_empty(),
            "{} rows failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

//! The cross-host test vectors of `apiKeys create`: `tests/vectors/apikeys-create.json`, built
//! here from the plan cases in `cases.rs` (success and every validation error, each with the
//! message written out), the API errors, and every row of the output conformance table (every
//! output format, with the bytes the Go CLI prints). Our host's runtime, Extism's Python SDK
//! and its JavaScript SDK all run this file against the same `.wasm`.
//!
//! Rebuild the file with `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-create vectors`; a
//! test fails while the checked-in file differs from what this code builds.

mod cases;

use atlas_plugin_sdk::api::{NameValue, PlanOutput, RenderOutput, RequestSpec};
use atlas_plugin_testkit::VectorFile;

use crate::conformance::{self, Want};
use atlas_plugin_sdk::request::MEDIA_TYPE;

/// Where the file lives, from the workspace root.
pub const PATH: &str = "tests/vectors/apikeys-create.json";

/// The vectors, in a stable order.
pub fn file() -> VectorFile {
    let mut file = VectorFile::new(
        "atlas_apikeys_create.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-create vectors",
    );
    file.describe(
        "describe: the command, its aliases and flags",
        &crate::describe(),
    );
    cases::plans(&mut file);
    cases::api_errors(&mut file);
    output_formats(&mut file);
    file
}

/// Every conformance row as a `plan` vector and, when the request goes out, a `render` one.
fn output_formats(file: &mut VectorFile) {
    for case in conformance::cases() {
        let name = format!("output: {} (-o {:?})", case.name, case.output);
        let invocation = conformance::invocation(&case);
        let plan = match case.want {
            Want::PlanError(message) => PlanOutput::UserError {
                message: message.to_string(),
            },
            Want::NeedFile(path) => PlanOutput::NeedFiles {
                paths: vec![path.to_string()],
            },
            Want::Stdout(_) | Want::RenderError(_) => PlanOutput::Request {
                request: request(r#"{"desc":"d","roles":["ORG_OWNER"]}"#),
            },
        };
        file.plan(&name, &invocation, &plan);
        let render = match case.want {
            Want::Stdout(text) => RenderOutput::Stdout {
                text: text.to_string(),
            },
            Want::RenderError(message) => RenderOutput::Error {
                message: message.to_string(),
            },
            Want::PlanError(_) | Want::NeedFile(_) => continue,
        };
        file.render(
            &name,
            &conformance::render_input(&case, invocation),
            &render,
        );
    }
}

/// The request every valid invocation of the test org plans, with this body.
fn request(body: &str) -> RequestSpec {
    RequestSpec {
        method: "POST".into(),
        path: "/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys".into(),
        query: Vec::new(),
        headers: vec![
            NameValue::new("Accept", MEDIA_TYPE),
            NameValue::new("Content-Type", MEDIA_TYPE),
        ],
        body: Some(body.to_string()),
    }
}

#[cfg(test)]
mod tests {

    atlas_plugin_testkit::vectors_hold!(super::file, super::PATH);

    #[test]
    fn covers_every_export_and_every_output_format() {
        let file = super::file();
        let count = |function: &str| {
            file.vectors
                .iter()
                .filter(|v| v.function == function)
                .count()
        };
        assert_eq!(count("describe"), 1);
        assert!(
            count("plan") >= 60 && count("render") >= 40,
            "{}",
            file.vectors.len()
        );
        let formats = [
            "(-o \"\")",
            "(-o \"plaintext\")",
            "(-o \"json\")",
            "(-o \"json-path=",
            "(-o \"go-template=",
            "(-o \"go-template-file=",
        ];
        for format in formats {
            assert!(
                file.vectors.iter().any(|v| v.name.contains(format)),
                "no vector for {format}"
            );
        }
    }
}

//! The ABI as JSON Schema (draft 2020-12), generated from the wire types so that the published
//! files (`docs/abi-schema/*.json`, beside `docs/plugin-abi.md`) cannot drift from the code: a
//! test fails while a checked-in file differs from what [`schemas`] builds. A host or plugin in
//! another language validates its documents against these files.
//!
//! Rebuild the files with `cargo run -p atlas-plugin-api --features schema --example
//! write-abi-schema`.

use schemars::JsonSchema;
use serde_json::Value;

use crate::{ABI_VERSION, DescribeOutput, Invocation, PlanOutput, RenderInput, RenderOutput};

/// Where the files live, from the workspace root.
pub const DIR: &str = "docs/abi-schema";

/// Every input and output of the ABI: the file name and its schema. `describe` takes no input.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "describe-output.json",
            schema::<DescribeOutput>("describe", "output"),
        ),
        ("plan-input.json", schema::<Invocation>("plan", "input")),
        ("plan-output.json", schema::<PlanOutput>("plan", "output")),
        (
            "render-input.json",
            schema::<RenderInput>("render", "input"),
        ),
        (
            "render-output.json",
            schema::<RenderOutput>("render", "output"),
        ),
    ]
}

/// A file's text: pretty JSON and a final newline.
pub fn to_text(schema: &Value) -> String {
    serde_json::to_string_pretty(schema).expect("schemas serialize") + "\n"
}

/// The schema of `T`, marked with the export it belongs to and the ABI version, so that a
/// reader of one file alone knows what it describes.
fn schema<T: JsonSchema>(export: &str, side: &str) -> Value {
    let mut value = schemars::schema_for!(T).to_value();
    if let Value::Object(map) = &mut value {
        map.insert(
            "$comment".into(),
            Value::String(format!(
                "atlas plugin ABI {ABI_VERSION}: the {side} of `{export}` (docs/plugin-abi.md). \
                 Generated from the atlas-plugin-api crate; do not edit."
            )),
        );
        map.insert("x-atlas-abi-version".into(), ABI_VERSION.into());
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked_in(name: &str) -> String {
        let path = format!("{}/../../{DIR}/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap_or_default()
    }

    #[test]
    fn the_checked_in_schemas_are_what_the_code_builds() {
        let stale: Vec<&str> = schemas()
            .iter()
            .filter(|(name, schema)| checked_in(name) != to_text(schema))
            .map(|(name, _)| *name)
            .collect();
        assert!(
            stale.is_empty(),
            "{DIR}/{stale:?} out of date: run `cargo run -p atlas-plugin-api --features schema \
             --example write-abi-schema`"
        );
    }

    #[test]
    fn outputs_are_tagged_by_kind_and_inputs_require_nothing() {
        let all: Vec<(&str, Value)> = schemas();
        let get = |name: &str| all.iter().find(|(n, _)| *n == name).unwrap().1.clone();
        let plan_output = get("plan-output.json").to_string();
        for kind in ["request", "user_error", "need_files", "confirm"] {
            assert!(
                plan_output.contains(&format!("\"const\":\"{kind}\"")),
                "{kind}"
            );
        }
        for input in ["plan-input.json", "render-input.json"] {
            assert_eq!(
                get(input).get("required"),
                None,
                "{input}: every field has a default"
            );
        }
        assert_eq!(
            get("describe-output.json")["x-atlas-abi-version"],
            ABI_VERSION
        );
    }
}

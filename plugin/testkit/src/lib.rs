//! Test vectors: a plugin's `describe`, `plan` and `render` calls with their inputs and the
//! outputs they must give, written to `tests/vectors/<plugin>.json` so that every host that
//! loads the `.wasm` (ours, Extism's Python and JavaScript SDKs) is held to the same bytes.
//!
//! Each plugin crate builds its file from its own tables in its tests and hands it to
//! [`check`], the one runner: every vector must hold in the natively compiled code, and the
//! checked-in file must be what the code builds (`ATLAS_WRITE_VECTORS=1` rewrites it instead).
//! [`build`] has the inputs and outputs the tables are written with. A dev-dependency only: it
//! never reaches a `.wasm`.

pub mod build;

use atlas_plugin_api::{
    CONFIRM_ABI_VERSION, DescribeOutput, Invocation, OLDEST_ABI_VERSION, PlanOutput, RenderInput,
    RenderOutput,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One vector file: which plugin, which ABI, and the calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VectorFile {
    /// The ABI version the inputs are written for (a host checks `describe` says the same).
    pub abi_version: u32,
    /// The `.wasm` file name the vectors run against, e.g. `atlas_apikeys_create.wasm`.
    pub wasm: String,
    /// How to rebuild this file.
    pub generated_by: String,
    /// The calls, in order.
    pub vectors: Vec<Vector>,
}

/// One call: the export, its input, and the output it must return (as JSON values, so that
/// every host compares documents, not bytes of one serializer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vector {
    /// What the vector shows.
    pub name: String,
    /// `describe`, `plan` or `render`.
    pub function: String,
    /// The input document (`null` for `describe`).
    pub input: Value,
    /// The output document.
    pub output: Value,
}

impl VectorFile {
    /// An empty file for `wasm`, rebuilt by `generated_by`.
    pub fn new(wasm: &str, generated_by: &str) -> Self {
        Self {
            abi_version: OLDEST_ABI_VERSION,
            wasm: wasm.to_string(),
            generated_by: generated_by.to_string(),
            vectors: Vec::new(),
        }
    }

    /// An empty file for a plugin that asks the user to confirm (it speaks the ABI's `confirm`
    /// step, so its inputs are written for that version).
    pub fn confirming(wasm: &str, generated_by: &str) -> Self {
        Self {
            abi_version: CONFIRM_ABI_VERSION,
            ..Self::new(wasm, generated_by)
        }
    }

    /// The same file, its inputs written for ABI `version` (what the plugin declares).
    pub fn speaking(self, version: u32) -> Self {
        Self {
            abi_version: version,
            ..self
        }
    }

    /// Adds a `describe` vector.
    pub fn describe(&mut self, name: &str, output: &DescribeOutput) {
        self.push(name, "describe", Value::Null, json(output));
    }

    /// Adds a `plan` vector.
    pub fn plan(&mut self, name: &str, input: &Invocation, output: &PlanOutput) {
        self.push(name, "plan", json(input), json(output));
    }

    /// Adds a `render` vector.
    pub fn render(&mut self, name: &str, input: &RenderInput, output: &RenderOutput) {
        self.push(name, "render", json(input), json(output));
    }

    fn push(&mut self, name: &str, function: &str, input: Value, output: Value) {
        self.vectors.push(Vector {
            name: name.to_string(),
            function: function.to_string(),
            input,
            output,
        });
    }

    /// The file's text: pretty JSON and a final newline, stable for review and diffs.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).expect("vectors serialize") + "\n"
    }
}

/// The checked-in vector file `path` (relative to the workspace, from a plugin crate at
/// `manifest_dir`), when it is not what `file` writes.
pub fn out_of_date(file: &VectorFile, manifest_dir: &str, path: &str) -> Option<String> {
    let path = format!("{manifest_dir}/../../{path}");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    (checked_in != file.to_text()).then_some(path)
}

/// The one runner of a plugin crate's vector file (`path`, from the workspace root): every
/// vector holds natively, and the checked-in file is what `file` writes; with
/// `ATLAS_WRITE_VECTORS=1` set, the file is written instead.
pub fn check(file: &VectorFile, native: &Native, manifest_dir: &str, path: &str) {
    let failures = mismatches(file, native);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if std::env::var_os("ATLAS_WRITE_VECTORS").is_some() {
        let full = format!("{manifest_dir}/../../{path}");
        std::fs::write(&full, file.to_text()).unwrap_or_else(|err| panic!("{full}: {err}"));
        return;
    }
    let stale = out_of_date(file, manifest_dir, path);
    assert!(
        stale.is_none(),
        "{stale:?} is out of date: run `ATLAS_WRITE_VECTORS=1 cargo test -p <plugin> vectors`"
    );
}

/// The test every plugin crate's vectors end with: every vector of `$file()` holds through the
/// crate's own `describe`, `plan` and `render` compiled natively, and the checked-in file at
/// `$path` (from the workspace root) is what `$file()` builds.
// `crate::` is meant: the exports of the crate that calls the macro.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! vectors_hold {
    ($file:path, $path:expr) => {
        #[test]
        fn every_vector_holds_natively_and_the_checked_in_file_is_what_the_code_builds() {
            let native = $crate::Native {
                describe: crate::describe,
                plan: crate::plan,
                render: crate::render,
            };
            $crate::check(&$file(), &native, env!("CARGO_MANIFEST_DIR"), $path);
        }
    };
}

/// The exports of a plugin compiled natively, as plain functions.
pub struct Native {
    pub describe: fn() -> DescribeOutput,
    pub plan: fn(&Invocation) -> PlanOutput,
    pub render: fn(&RenderInput) -> RenderOutput,
}

/// Runs every vector through the native functions; one line per vector whose output differs.
pub fn mismatches(file: &VectorFile, native: &Native) -> Vec<String> {
    file.vectors
        .iter()
        .filter_map(|vector| {
            let got = run_native(vector, native);
            (got.as_ref() != Ok(&vector.output)).then(|| {
                format!(
                    "{} ({}):\n  want {}\n  got  {got:?}",
                    vector.name, vector.function, vector.output
                )
            })
        })
        .collect()
}

fn run_native(vector: &Vector, native: &Native) -> Result<Value, String> {
    let input = vector.input.clone();
    let error = |err: serde_json::Error| err.to_string();
    match vector.function.as_str() {
        "describe" => Ok(json(&(native.describe)())),
        "plan" => Ok(json(&(native.plan)(
            &serde_json::from_value(input).map_err(error)?,
        ))),
        "render" => Ok(json(&(native.render)(
            &serde_json::from_value(input).map_err(error)?,
        ))),
        other => Err(format!("unknown function {other:?}")),
    }
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("wire types serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::FlagValue;

    fn echo_plan(input: &Invocation) -> PlanOutput {
        PlanOutput::UserError {
            message: format!("{} flags", input.flags.len()),
        }
    }

    fn native() -> Native {
        Native {
            describe: DescribeOutput::default,
            plan: echo_plan,
            render: |_| RenderOutput::Stdout { text: "ok".into() },
        }
    }

    #[test]
    fn a_vector_holds_when_the_native_output_is_the_same_document() {
        let mut file = VectorFile::new("x.wasm", "hand");
        let mut input = Invocation::default();
        input.flags.insert("a".into(), FlagValue::Bool(true));
        file.plan("one flag", &input, &echo_plan(&input));
        file.describe("describe", &DescribeOutput::default());
        assert!(mismatches(&file, &native()).is_empty());
        file.vectors[0].output["message"] = Value::String("2 flags".into());
        let found = mismatches(&file, &native());
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("one flag (plan):"), "{}", found[0]);
    }

    #[test]
    fn the_text_round_trips_and_ends_with_a_newline() {
        let mut file = VectorFile::new("x.wasm", "hand");
        file.render(
            "r",
            &RenderInput::default(),
            &RenderOutput::Stdout {
                text: "é\t<".into(),
            },
        );
        let text = file.to_text();
        assert!(text.ends_with("}\n"));
        assert_eq!(serde_json::from_str::<VectorFile>(&text).unwrap(), file);
    }
}

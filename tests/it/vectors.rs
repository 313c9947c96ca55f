//! The cross-host test vectors (`tests/vectors/*.json`) through each of the host's runtimes,
//! against the built `.wasm` each file names. The Python (`tests/sdk/python`) and Node
//! (`tests/sdk/node`) tests run the same files with Extism's own SDKs, so one `.wasm` is held
//! to the same outputs in three hosts.
//!
//! The files are read as plain JSON, as the other hosts read them; the plugin crates' own
//! tests prove that the files are what the code builds and that they hold natively.

use std::path::{Path, PathBuf};

use atlas_cli::runtime::{Limits, Plugin, Runtime, RuntimeKind};
use atlas_plugin_api as api;
use serde_json::Value;

use crate::support::*;

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn load(kind: RuntimeKind, file: &Value) -> Plugin {
    let name = file["wasm"].as_str().unwrap();
    let crate_name = name.strip_suffix(".wasm").unwrap();
    Runtime::new(Limits::default(), Some(&shared_cache().join("atlascli")))
        .with_kind(kind)
        .load(name, &wasm(crate_name))
        .unwrap()
}

/// Every vector of every file in one instance per file, as a host keeps one per run; one
/// line per vector whose output differs.
fn failures(kind: RuntimeKind) -> Vec<String> {
    let mut failures = Vec::new();
    for path in vector_files() {
        let file = read(&path);
        // Written for the version the plugin declares, one this host speaks.
        let abi = file["abi_version"].as_u64().unwrap_or_default();
        let declared = file["vectors"][0]["output"]["abi_version"].as_u64();
        assert!(
            (u64::from(api::OLDEST_ABI_VERSION)..=u64::from(api::ABI_VERSION)).contains(&abi)
                && declared == Some(abi),
            "{}: vectors for ABI {abi}, describe says {declared:?}",
            path.display()
        );
        let mut plugin = load(kind, &file);
        for vector in file["vectors"].as_array().unwrap() {
            let function = vector["function"].as_str().unwrap();
            let got: Value = plugin.call(function, &vector["input"]).unwrap();
            if got != vector["output"] {
                failures.push(format!(
                    "{}: {}\n  want {}\n  got  {got}",
                    path.display(),
                    vector["name"],
                    vector["output"]
                ));
            }
        }
    }
    failures
}

#[test]
fn every_vector_holds_in_the_fast_runtime() {
    let failures = failures(RuntimeKind::Fast);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_vector_holds_in_the_extism_runtime() {
    let failures = failures(RuntimeKind::Extism);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `.wasm` file of every command crate (`plugin/*` with a cdylib), as `scripts/build`
/// names them.
fn shipped_plugins() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plugin");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| std::fs::read_to_string(entry.unwrap().path().join("Cargo.toml")).ok())
        .filter(|manifest| manifest.contains("cdylib"))
        .map(|manifest| {
            let line = manifest.lines().find(|l| l.starts_with("name = ")).unwrap();
            let name = line.trim_start_matches("name = ").trim_matches('"');
            format!("{}.wasm", name.replace('-', "_"))
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_shipped_plugin_has_vectors_for_every_export() {
    let files: Vec<Value> = vector_files().iter().map(|p| read(p)).collect();
    let mut wasm: Vec<&str> = files.iter().map(|f| f["wasm"].as_str().unwrap()).collect();
    wasm.sort();
    assert_eq!(wasm, shipped_plugins());
    for file in &files {
        let vectors = file["vectors"].as_array().unwrap();
        for function in ["describe", "plan", "render"] {
            assert!(
                vectors.iter().any(|v| v["function"] == function),
                "{} has no {function} vector",
                file["wasm"]
            );
        }
    }
}

//! The cross-host test vectors of `apiKeys list`: `tests/vectors/apikeys-list.json`, built here
//! from `plans.rs` (the request and every validation message) and `renders.rs` (the default
//! table, every output format with and without `--compact`, API errors), each with its
//! expected output written out. Our host's runtime, Extism's Python SDK and its JavaScript SDK
//! all run this file against the same `.wasm`.
//!
//! Rebuild the file with `cargo run -p atlas-apikeys-list --example write-list-vectors`; a test
//! fails while the checked-in file differs from what this code builds.

mod plans;
mod renders;

use atlas_plugin_api::{FlagValue, Invocation, OLDEST_ABI_VERSION, Settings};
use atlas_plugin_output::vectors::VectorFile;

/// Where the file lives, from the workspace root.
pub const PATH: &str = "tests/vectors/apikeys-list.json";

const ORG: &str = "5a1b39eec902201990f12345";

/// The vectors, in a stable order.
pub fn file() -> VectorFile {
    let mut file = VectorFile::new(
        "atlas_apikeys_list.wasm",
        "cargo run -p atlas-apikeys-list --example write-list-vectors",
    );
    file.describe(
        "describe: the command, its aliases and flags",
        &crate::describe(),
    );
    plans::plans(&mut file);
    renders::renders(&mut file);
    file
}

fn s(value: &str) -> FlagValue {
    FlagValue::String(value.into())
}

/// An invocation of `list` with these flags and arguments, the org ID from the settings.
fn invocation(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    Invocation {
        abi_version: OLDEST_ABI_VERSION,
        command: vec!["organizations".into(), "apiKeys".into(), "list".into()],
        args: args.iter().map(|a| a.to_string()).collect(),
        flags: flags
            .iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect(),
        settings: Settings {
            profile: "default".into(),
            org_id: Some(ORG.into()),
            ..Settings::default()
        },
        files: Default::default(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use atlas_plugin_output::vectors::{Native, mismatches, out_of_date};

    fn native() -> Native {
        Native {
            describe: crate::describe,
            plan: crate::plan,
            render: crate::render,
        }
    }

    #[test]
    fn every_vector_holds_natively() {
        let failures = mismatches(&super::file(), &native());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_checked_in_file_is_what_the_code_builds() {
        let stale = out_of_date(&super::file(), env!("CARGO_MANIFEST_DIR"), super::PATH);
        assert!(
            stale.is_none(),
            "{stale:?} is out of date: run `cargo run -p atlas-apikeys-list --example write-list-vectors`"
        );
    }

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
            count("plan") >= 10 && count("render") >= 10,
            "{}",
            file.vectors.len()
        );
        for output in [
            "json",
            "json-path=",
            "go-template=",
            "go-template-file=",
            "plaintext",
        ] {
            let used = |v: &&atlas_plugin_output::vectors::Vector| {
                v.input
                    .to_string()
                    .contains(&format!("\"output\":\"{output}"))
            };
            assert!(
                file.vectors.iter().any(|v| used(&v)),
                "no vector for -o {output}"
            );
        }
    }
}

//! The cross-host test vectors of `apiKeys list`: `tests/vectors/apikeys-list.json`, built here
//! from `plans.rs` (the request and every validation message) and `renders.rs` (the default
//! table, every output format with and without `--compact`, API errors), each with its
//! expected output written out. Our host's runtime, Extism's Python SDK and its JavaScript SDK
//! all run this file against the same `.wasm`.
//!
//! Rebuild the file with `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-list vectors`; a
//! test fails while the checked-in file differs from what this code builds.

mod plans;
mod renders;

use atlas_plugin_sdk::api::{FlagValue, Invocation};
use atlas_plugin_testkit::VectorFile;
use atlas_plugin_testkit::build::{self, ORG};

/// Where the file lives, from the workspace root.
pub const PATH: &str = "tests/vectors/apikeys-list.json";

/// The vectors, in a stable order.
pub fn file() -> VectorFile {
    let mut file = VectorFile::new(
        "atlas_apikeys_list.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-list vectors",
    );
    file.describe(
        "describe: the command, its aliases and flags",
        &crate::describe(),
    );
    plans::plans(&mut file);
    renders::renders(&mut file);
    file
}

pub(crate) use build::s;

/// An invocation of `list` with these flags and arguments, the org ID from the settings.
fn invocation(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    build::invocation(
        &["organizations", "apiKeys", "list"],
        flags,
        args,
        Some(ORG),
    )
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
            let used = |v: &&atlas_plugin_testkit::Vector| {
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

//! The scanned directories (development and bundled): each `*.wasm` described once per content,
//! from the describe cache, the bundled directory's describe index, or the file itself.
//!
//! Trust: the cache holds only what this host's own `describe` calls returned (and validated);
//! the bundled index ([`BundledIndex`], written by `scripts/build`) is checked as a plugin's own
//! answer is ([`claims::check_plugin`]) and used only for a file whose sha256 it records. Before
//! a plugin described by the index runs, its own `describe` must say exactly what the index
//! said ([`confirm`]); that answer then goes to the cache, which answers for it from then on.

use std::collections::BTreeSet;
use std::path::Path;

use atlas_plugin_api::DescribeOutput;

use super::{PluginRef, Typed, Warning, describe, plugin_label, wasm_files};
use crate::claims;
use crate::index::{self, BUNDLED_INDEX, BundledIndex, DescribeCache};
use crate::runtime::{Plugin, PluginError, Runtime};

pub(super) fn scanned(
    runtime: &Runtime,
    dir: &Path,
    cache: &DescribeCache,
    index: &BundledIndex,
    only: Option<&Typed>,
    seen_elsewhere: &mut BTreeSet<String>,
    warnings: &mut Vec<Warning>,
) -> Vec<PluginRef> {
    let mut found = Vec::new();
    // The cache first: once confirmed (or described from the file), a plugin's own answer. With
    // `only`, an index entry that cannot declare a typed word is not decoded (`Some(None)`), as
    // for installed plugins: the full pass (help, errors) takes it.
    let known = |sha256: &str| match cache.get(sha256) {
        Some(describe) => Some(Some((describe, false))),
        None => match index.raw(sha256) {
            Some(raw) if only.is_some_and(|typed| !typed.may_declare(raw)) => Some(None),
            _ => index
                .get(sha256)
                .filter(|d| claims::check_plugin(d).is_ok())
                .map(|d| Some((d, true))),
        },
    };
    for path in wasm_files(dir) {
        let label = plugin_label(&path);
        // A stamp (written after hashing a file unchanged since) saves reading and hashing it:
        // with 8 bundled plugins that was half of a warm start. Its describe comes from the
        // cache or the bundled index, by that hash; only a plugin known to neither is read.
        let seen = runtime.seen_sha256(&path);
        let (sha256, known) = match seen.as_deref().and_then(|h| Some((h, known(h)?))) {
            Some((sha256, known)) => (sha256.to_string(), known),
            None => {
                // Size and magic checked before the file is read whole (a junk file costs nothing).
                let bytes = match crate::runtime::read_plugin(&label, &path) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        warnings.push(Warning::skipping(&e));
                        continue;
                    }
                };
                let sha256 = index::sha256_hex(&bytes);
                let known = match known(&sha256) {
                    Some(known) => known,
                    None => match described(runtime, cache, &label, &sha256, bytes) {
                        Ok(describe) => Some((describe, false)),
                        Err(warning) => {
                            warnings.push(warning);
                            continue;
                        }
                    },
                };
                if seen.as_deref() != Some(sha256.as_str()) {
                    runtime.remember(&path, &sha256);
                }
                (sha256, known)
            }
        };
        let Some((describe, from_index)) = known else {
            // Still counts as found: the same content elsewhere stays a silent duplicate.
            seen_elsewhere.insert(sha256);
            continue;
        };
        found.push(PluginRef {
            label,
            path,
            sha256,
            indexed: from_index.then(|| Box::new(describe.clone())),
            describe,
            installed: false,
        });
    }
    found
}

/// Before a plugin described by the bundled index runs: its own `describe` must be what the
/// index recorded, whole (commands, flags, ABI version). Then the describe cache keeps it.
pub fn confirm(
    found: &PluginRef,
    plugin: &mut Plugin,
    cache: &DescribeCache,
) -> Result<(), PluginError> {
    let Some(indexed) = &found.indexed else {
        return Ok(());
    };
    let own = describe(plugin)?;
    if own != **indexed {
        return Err(PluginError::NotAsIndexed {
            plugin: found.label.clone(),
            index: found.path.with_file_name(BUNDLED_INDEX),
        });
    }
    cache.put(&found.sha256, &own);
    Ok(())
}

/// Describes a plugin not in the cache, or recalls that it failed to under limits at least as
/// generous as these (so a describe that loops costs its timeout once, not on every run).
fn described(
    runtime: &Runtime,
    cache: &DescribeCache,
    label: &str,
    sha256: &str,
    bytes: Vec<u8>,
) -> Result<DescribeOutput, Warning> {
    let limits = runtime.limits();
    let prefix = format!("plugin {label}: ");
    if let Some(failed) = cache.failed(sha256, limits.timeout, limits.memory_pages) {
        return Err(Warning::new(
            format!("skipping a plugin: {prefix}{}", failed.why),
            Some("it failed the same way on an earlier run, so it is not run again until the file changes or the limits grow".into()),
        ));
    }
    match runtime
        .load_bytes(label, bytes)
        .and_then(|mut p| describe(&mut p))
    {
        // Beyond the bounds is remembered as a failure: a big describe is not decoded every run.
        Ok(describe) => match claims::check_plugin(&describe) {
            Ok(()) => {
                cache.put(sha256, &describe);
                Ok(describe)
            }
            Err(e) => {
                let why = e.to_string();
                cache.put_failed(
                    sha256,
                    &index::Failed::new(&why, limits.timeout, limits.memory_pages),
                );
                Err(Warning::refusal(
                    &format!("skipping a plugin: plugin {label}"),
                    &e,
                ))
            }
        },
        Err(e) => {
            let text = e.to_string();
            let why = text.strip_prefix(&prefix).unwrap_or(&text);
            cache.put_failed(
                sha256,
                &index::Failed::new(why, limits.timeout, limits.memory_pages),
            );
            Err(Warning::skipping(&e))
        }
    }
}

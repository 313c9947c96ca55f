//! The fast runtime end to end on a tiny hand-written plugin (WebAssembly text) that speaks the
//! Extism ABI, run through both runtimes: input to output, the plugin's error, a return code,
//! traps, the time limit and the memory cap must come out the same.

use std::time::Duration;

use serde_json::{Value, json};

use crate::runtime::{Limits, PluginError, Runtime, RuntimeKind};

/// `echo` copies the input to the output; `fail` makes it the error; `code` returns 7; `trap`,
/// `spin` and `grow` crash, loop and eat memory; `args` is not callable the Extism way.
const PLUGIN: &str = r#"(module
  (import "extism:host/env" "input_length" (func $ilen (result i64)))
  (import "extism:host/env" "input_load_u8" (func $iload (param i64) (result i32)))
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "store_u8" (func $store (param i64 i32)))
  (import "extism:host/env" "output_set" (func $oset (param i64 i64)))
  (import "extism:host/env" "error_set" (func $eset (param i64)))
  (memory 1)
  (func $copy (result i64)
    (local $n i64) (local $h i64) (local $i i64)
    (local.set $n (call $ilen))
    (local.set $h (call $alloc (local.get $n)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $store (i64.add (local.get $h) (local.get $i)) (call $iload (local.get $i)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (local.get $h))
  (func (export "echo") (result i32)
    (call $oset (call $copy) (call $ilen))
    (i32.const 0))
  (func (export "fail") (result i32)
    (call $eset (call $copy))
    (i32.const 1))
  (func (export "code") (result i32) (i32.const 7))
  (func (export "trap") (result i32) unreachable)
  (func (export "spin") (result i32) (loop $l (br $l)) (i32.const 0))
  (func (export "grow") (result i32)
    (loop $l (drop (memory.grow (i32.const 16))) (br $l))
    (i32.const 0))
  (func (export "args") (param i32) (result i32) (i32.const 0)))
"#;

fn runtime(kind: RuntimeKind) -> Runtime {
    let limits = Limits {
        memory_pages: 64,
        timeout: Duration::from_millis(200),
    };
    Runtime::new(limits, None).with_kind(kind)
}

/// Calls `function` with `input` on a fresh instance of each runtime; both must agree.
fn both(function: &str, input: &Value) -> Result<Value, String> {
    let results: Vec<_> = [RuntimeKind::Fast, RuntimeKind::Extism]
        .into_iter()
        .map(|kind| {
            let mut plugin = runtime(kind)
                .load_bytes("t.wasm", PLUGIN.as_bytes().to_vec())
                .unwrap();
            plugin
                .call::<_, Value>(function, input)
                .map_err(|e| e.to_string())
        })
        .collect();
    assert_eq!(results[0], results[1], "fast, then extism");
    results[0].clone()
}

#[test]
fn input_becomes_output() {
    let input = json!({"a": [1, 2, "three"], "b": "é"});
    assert_eq!(both("echo", &input), Ok(input));
}

#[test]
fn the_plugin_error_and_return_codes_are_reported_alike() {
    assert_eq!(
        both("fail", &json!("it broke")),
        Err("plugin t.wasm: `fail` failed: it broke".into())
    );
    assert_eq!(
        both("code", &json!(null)),
        Err("plugin t.wasm: `code` failed: Returned non-zero exit code: 7".into())
    );
    assert_eq!(
        both("args", &json!(null)),
        Err("plugin t.wasm: `args` failed: the plugin does not export it".into())
    );
}

#[test]
fn traps_timeouts_and_the_memory_cap_are_reported_alike() {
    let crashed = both("trap", &json!(null)).unwrap_err();
    assert!(
        crashed.contains("the plugin crashed (wasm trap: wasm `unreachable`"),
        "{crashed}"
    );
    assert_eq!(
        both("spin", &json!(null)),
        Err("plugin t.wasm: `spin` failed: the plugin ran past its time limit of 200ms".into())
    );
    assert_eq!(
        both("grow", &json!(null)),
        Err("plugin t.wasm: `grow` failed: the plugin ran out of its memory limit".into())
    );
}

#[test]
fn an_instance_works_again_after_a_trap() {
    let mut plugin = runtime(RuntimeKind::Fast)
        .load_bytes("t.wasm", PLUGIN.as_bytes().to_vec())
        .unwrap();
    assert!(plugin.call::<_, Value>("spin", &json!(null)).is_err());
    assert_eq!(
        plugin.call::<_, Value>("echo", &json!([1])).unwrap(),
        json!([1])
    );
}

#[test]
fn a_plugin_importing_what_the_host_lacks_is_refused_at_load() {
    let wat = r#"(module (import "extism:host/env" "teleport" (func)) (func (export "f")))"#;
    for kind in [RuntimeKind::Fast, RuntimeKind::Extism] {
        let err = runtime(kind)
            .load_bytes("t.wasm", wat.as_bytes().to_vec())
            .unwrap_err();
        assert!(matches!(err, PluginError::Load { .. }), "{kind:?}: {err}");
        assert!(
            err.to_string().ends_with("upgrade atlas"),
            "{kind:?}: {err}"
        );
    }
}

#[test]
fn a_compiled_plugin_is_cached_and_reused() {
    let tmp = tempfile::tempdir().unwrap();
    let runtime = Runtime::new(Limits::default(), Some(tmp.path()));
    let mut first = runtime
        .load_bytes("t.wasm", PLUGIN.as_bytes().to_vec())
        .unwrap();
    assert_eq!(first.call::<_, Value>("echo", &json!(1)).unwrap(), json!(1));
    let artifacts = std::fs::read_dir(tmp.path().join("aot")).unwrap().count();
    assert_eq!(artifacts, 2, "the plugin and the kernel's wasm half");
    let mut again = runtime
        .load_bytes("t.wasm", PLUGIN.as_bytes().to_vec())
        .unwrap();
    assert_eq!(again.call::<_, Value>("echo", &json!(2)).unwrap(), json!(2));
}

#[test]
fn the_host_functions_list_is_exactly_what_the_linker_can_define() {
    let engine = wasmtime::Engine::default();
    let linker = super::abi::linker(&engine, |_| true).unwrap();
    let mut store = wasmtime::Store::new(&engine, super::abi::HostState::new(1 << 20));
    let mut defined: Vec<String> = linker
        .iter(&mut store)
        .map(|(module, name, _)| {
            assert_eq!(module, super::abi::ENV);
            name.to_string()
        })
        .collect();
    defined.sort();
    let mut listed: Vec<String> = super::abi::FUNCTIONS
        .iter()
        .map(|f| f.to_string())
        .collect();
    listed.sort();
    assert_eq!(defined, listed);
    let only = super::abi::linker(&engine, |name| name == "output_set").unwrap();
    assert_eq!(only.iter(&mut store).count(), 1);
}

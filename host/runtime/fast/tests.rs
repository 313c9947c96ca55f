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

/// WebAssembly text compiled to the binary the host accepts.
fn wasm(wat: &str) -> Vec<u8> {
    wat::parse_str(wat).unwrap()
}

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
            let mut plugin = runtime(kind).load_bytes("t.wasm", wasm(PLUGIN)).unwrap();
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
        .load_bytes("t.wasm", wasm(PLUGIN))
        .unwrap();
    assert!(plugin.call::<_, Value>("spin", &json!(null)).is_err());
    assert_eq!(
        plugin.call::<_, Value>("echo", &json!([1])).unwrap(),
        json!([1])
    );
}

#[test]
fn a_plugin_importing_what_no_host_provides_is_refused_at_load_naming_the_import() {
    for (wat, import) in [
        (
            r#"(module (import "extism:host/env" "teleport" (func)) (func (export "f")))"#,
            "extism:host/env::teleport",
        ),
        (
            r#"(module (import "wasi_snapshot_preview1" "fd_write" (func)) (func (export "f")))"#,
            "wasi_snapshot_preview1::fd_write",
        ),
    ] {
        for kind in [RuntimeKind::Fast, RuntimeKind::Extism] {
            let err = runtime(kind).load_bytes("t.wasm", wasm(wat)).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("plugin t.wasm: it imports `{import}`, which no atlas host provides"),
                "{kind:?}"
            );
            let help = err.help().unwrap();
            assert!(!help.contains("upgrade"), "{help}");
        }
    }
}

#[test]
fn webassembly_text_is_refused_on_both_runtimes() {
    for kind in [RuntimeKind::Fast, RuntimeKind::Extism] {
        let err = runtime(kind)
            .load_bytes("t.wasm", PLUGIN.as_bytes().to_vec())
            .unwrap_err();
        assert!(
            matches!(err, PluginError::NotWasm { .. }),
            "{kind:?}: {err}"
        );
    }
}

#[test]
fn a_compiled_plugin_is_cached_and_reused() {
    let tmp = tempfile::tempdir().unwrap();
    let runtime = Runtime::new(Limits::default(), Some(tmp.path()));
    let mut first = runtime.load_bytes("t.wasm", wasm(PLUGIN)).unwrap();
    assert_eq!(first.call::<_, Value>("echo", &json!(1)).unwrap(), json!(1));
    let artifacts = std::fs::read_dir(tmp.path().join("aot")).unwrap().count();
    assert_eq!(artifacts, 2, "the plugin and the kernel's wasm half");
    let mut again = runtime.load_bytes("t.wasm", wasm(PLUGIN)).unwrap();
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

/// A plugin with `describe`-like export `f` running `body` after `decls`.
fn attack(decls: &str, body: &str) -> Vec<u8> {
    wasm(&format!(
        r#"(module {decls} (func (export "f") (result i32) {body}))"#
    ))
}

#[test]
fn declared_memories_and_tables_above_the_cap_are_refused_at_load_on_both_runtimes() {
    // The cap is 64 pages (4 MiB): 1M table slots are 8 MiB, 100 pages 6.25 MiB.
    for (decls, want) in [
        (
            "(table 1048576 funcref)",
            "plugin t.wasm: it declares a table of 1048576 slots (8 MiB), more than its memory limit of 4 MiB",
        ),
        (
            "(memory 100)",
            "plugin t.wasm: it declares a memory of 100 pages (7 MiB), more than its memory limit of 4 MiB",
        ),
    ] {
        for kind in [RuntimeKind::Fast, RuntimeKind::Extism] {
            let err = runtime(kind)
                .load_bytes("t.wasm", attack(decls, "(i32.const 0)"))
                .unwrap_err();
            assert_eq!(err.to_string(), want, "{kind:?}");
        }
    }
}

#[test]
fn tables_and_the_kernel_block_table_draw_on_the_memory_cap() {
    let alloc = r#"(import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))"#;
    for plugin in [
        attack(
            "(table 1 funcref)",
            "(drop (table.grow (ref.null func) (i32.const 1048576))) (i32.const 0)",
        ),
        attack(
            alloc,
            "(loop $l (drop (call $alloc (i64.const 1))) (br $l)) (i32.const 0)",
        ),
        attack(alloc, "(drop (call $alloc (i64.const -1))) (i32.const 0)"),
    ] {
        // The cap must stop them, not the clock: a time limit far above what filling 4 MiB takes
        // on a loaded machine (the debug-built kernel counts each block).
        let limits = Limits {
            memory_pages: 64,
            timeout: Duration::from_secs(60),
        };
        let mut loaded = Runtime::new(limits, None)
            .with_kind(RuntimeKind::Fast)
            .load_bytes("t.wasm", plugin)
            .unwrap();
        let err = loaded.call::<_, Value>("f", &json!(null)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "plugin t.wasm: `f` failed: the plugin ran out of its memory limit"
        );
    }
}

#[test]
fn a_looping_start_function_is_stopped_by_the_time_limit() {
    let spin = wasm(
        r#"(module (func $spin (loop $l (br $l))) (start $spin)
            (func (export "f") (result i32) (i32.const 0)))"#,
    );
    let mut plugin = runtime(RuntimeKind::Fast)
        .load_bytes("t.wasm", spin)
        .unwrap();
    let err = plugin.call::<_, Value>("f", &json!(null)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "plugin t.wasm: `f` failed: the plugin ran past its time limit of 200ms"
    );
}

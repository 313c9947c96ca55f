//! Attacks on the host's resources and on the runtime itself, each a hand-written module run by
//! the real binary: what a plugin makes the host allocate (tables, the kernel's block table,
//! huge allocations), files that are not plugins (a sparse giant, WebAssembly text), a `start`
//! function that never returns, made-up handles, imports no host provides. Each run is measured
//! as the suite measures it (the child's peak RSS from `wait4`, its wall time): every attack
//! ends in a clear message, within 200 MiB and a few seconds, and the host never crashes.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::*;

/// Far above what any command needs (a warm run is ~20 MiB, compiling ~80 MiB), far below what
/// the attacks took before they were capped (394–512 MiB).
const MAX_RSS_MIB: u64 = 200;
/// Far above a contained attack with a 500 ms time limit, below a 10 s limit or a hang.
const MAX_WALL: Duration = Duration::from_secs(6);
/// A run still going after this is killed (exit 137) and reported as a hang.
const HANG: Duration = Duration::from_secs(30);

/// What one run of `atlas` did, and what it cost.
#[derive(Debug)]
struct Measured {
    run: Run,
    peak_rss_mib: u64,
    wall: Duration,
}

/// Runs `atlas args` in `sandbox`, reaping it with `wait4` to read its peak RSS (so std's
/// `Child::wait` is never called: the child is reaped all the same).
#[allow(unsafe_code, clippy::zombie_processes)]
fn measure(sandbox: &Sandbox, args: &[&str]) -> Measured {
    let tmp = tempfile::tempdir().unwrap();
    let (out, err) = (tmp.path().join("out"), tmp.path().join("err"));
    let mut cmd = sandbox.command(args);
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap());
    let start = Instant::now();
    let child = cmd.spawn().expect("the atlas binary runs");
    let pid = child.id() as libc::pid_t;
    // A hang is a failure, not a stuck suite: kill the child once it is far past any bound.
    let (reaped_tx, reaped_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if reaped_rx.recv_timeout(HANG).is_err() {
            // SAFETY: plain syscall; the child is not reaped yet, so `pid` is still ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    });
    let mut status = 0;
    // SAFETY: `rusage` is plain integers, valid zeroed; wait4 writes both out-parameters.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    let _ = reaped_tx.send(());
    watchdog.join().unwrap();
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    let text = |p: &Path| String::from_utf8(std::fs::read(p).unwrap()).unwrap();
    Measured {
        run: Run {
            code,
            stdout: text(&out),
            stderr: text(&err),
        },
        // Linux reports ru_maxrss in KiB.
        peak_rss_mib: usage.ru_maxrss as u64 / 1024,
        wall,
    }
}

/// Asserts the run stayed within the suite's bounds and did not crash.
fn assert_bounded(m: &Measured) {
    assert!(
        m.run.code == 0 || m.run.code == 1,
        "the host crashed or hung: {m:?}"
    );
    assert!(
        m.peak_rss_mib < MAX_RSS_MIB,
        "peak RSS {} MiB: {m:?}",
        m.peak_rss_mib
    );
    assert!(m.wall < MAX_WALL, "took {:?}: {m:?}", m.wall);
}

/// A sandbox with only `modules` (label, WebAssembly text compiled to binary) in its plugin
/// directory, its own compilation and describe caches (an attack is never answered from a cache
/// another run filled), and a 500 ms time limit.
fn sandbox_with(modules: &[(&str, &str)]) -> Sandbox {
    let mut sandbox = Sandbox::empty();
    for (label, text) in modules {
        let binary = wat::parse_str(text).unwrap();
        std::fs::write(sandbox.plugins_dir().join(label), binary).unwrap();
    }
    let cache = sandbox.dir.path().join("cache").display().to_string();
    sandbox
        .env("XDG_CACHE_HOME", &cache)
        .env("ATLAS_CLI_PLUGIN_TIMEOUT_MS", "500");
    sandbox
}

/// Runs `atlas plugin list` (which describes every plugin in the directory) and returns the
/// measured run after checking the bounds and that `label` was skipped for `why`.
fn skipped(sandbox: &Sandbox, label: &str, why: &str) -> Measured {
    let m = measure(sandbox, &["plugin", "list"]);
    assert_bounded(&m);
    let want = format!("warning: skipping a plugin: plugin {label}: {why}");
    assert!(m.run.stderr.contains(&want), "wanted {want:?} in {m:?}");
    m
}

/// A module whose `describe` runs `body` (after the imports in `imports`).
fn describe_doing(imports: &str, body: &str) -> String {
    format!(r#"(module {imports} (func (export "describe") (result i32) {body}))"#)
}

const ALLOC: &str = r#"(import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))"#;

#[test]
fn a_declared_giant_table_is_refused_at_load() {
    let giant = describe_doing("(table 67108864 funcref)", "(i32.const 0)");
    let sandbox = sandbox_with(&[("table.wasm", &giant)]);
    skipped(
        &sandbox,
        "table.wasm",
        "it declares a table of 67108864 slots (512 MiB), more than its memory limit of 64 MiB",
    );
}

#[test]
fn growing_a_table_is_capped_by_the_memory_limit() {
    let grow = describe_doing(
        "(table 1 funcref)",
        "(drop (table.grow (ref.null func) (i32.const 67108864))) (i32.const 0)",
    );
    let sandbox = sandbox_with(&[("grow.wasm", &grow)]);
    skipped(
        &sandbox,
        "grow.wasm",
        "`describe` failed: the plugin ran out of its memory limit",
    );
}

#[test]
fn a_loop_of_tiny_allocations_is_capped_by_the_memory_limit() {
    let tiny = describe_doing(
        ALLOC,
        "(loop $l (drop (call $alloc (i64.const 1))) (br $l)) (i32.const 0)",
    );
    let mut sandbox = sandbox_with(&[("tiny.wasm", &tiny)]);
    // Long enough that the uncapped table passed 200 MiB (339 MiB) before the time limit ended
    // it; a 16 MiB cap ends the attack sooner now (the table counts whatever the cap).
    sandbox
        .env("ATLAS_CLI_PLUGIN_TIMEOUT_MS", "10000")
        .env("ATLAS_CLI_PLUGIN_MEMORY_MIB", "16");
    skipped(
        &sandbox,
        "tiny.wasm",
        "`describe` failed: the plugin ran out of its memory limit",
    );
}

#[test]
fn an_allocation_of_every_byte_is_refused() {
    let all = describe_doing(ALLOC, "(drop (call $alloc (i64.const -1))) (i32.const 0)");
    let sandbox = sandbox_with(&[("all.wasm", &all)]);
    skipped(
        &sandbox,
        "all.wasm",
        "`describe` failed: the plugin ran out of its memory limit",
    );
}

#[test]
fn a_looping_start_function_is_interrupted_at_run_and_at_install() {
    let spin = r#"(module (func $spin (loop $l (br $l))) (start $spin)
        (func (export "describe") (result i32) (i32.const 0)))"#;
    let sandbox = sandbox_with(&[("start.wasm", spin)]);
    let timeout = "`describe` failed: the plugin ran past its time limit of 500ms";
    skipped(&sandbox, "start.wasm", timeout);
    let file = sandbox.plugins_dir().join("start.wasm");
    let install = measure(&sandbox, &["plugin", "install", file.to_str().unwrap()]);
    assert_bounded(&install);
    assert_eq!(install.run.code, 1, "{install:?}");
    assert!(install.run.stderr.contains(timeout), "{install:?}");
}

#[test]
fn imports_no_host_provides_are_named_without_upgrade_advice() {
    let wasi = describe_doing(
        r#"(import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))"#,
        "(i32.const 0)",
    );
    let unknown = describe_doing(
        r#"(import "extism:host/env" "teleport" (func))"#,
        "(i32.const 0)",
    );
    let sandbox = sandbox_with(&[("wasi.wasm", &wasi), ("unknown.wasm", &unknown)]);
    let m = skipped(
        &sandbox,
        "wasi.wasm",
        "it imports `wasi_snapshot_preview1::fd_write`, which no atlas host provides",
    );
    assert!(
        m.run.stderr.contains(
            "plugin unknown.wasm: it imports `extism:host/env::teleport`, which no atlas host provides"
        ),
        "{m:?}"
    );
    assert!(!m.run.stderr.contains("upgrade atlas"), "{m:?}");
}

#[test]
fn a_huge_sparse_file_in_the_plugin_directory_is_skipped_unread() {
    let mut sandbox = Sandbox::new();
    let junk = sandbox.plugins_dir().join("junk.wasm");
    std::fs::File::create(&junk)
        .unwrap()
        .set_len(128 << 20)
        .unwrap();
    sandbox.env("ATLAS_CLI_PLUGIN_TIMEOUT_MS", "500");
    let m = measure(
        &sandbox,
        &["organizations", "apiKeys", "create", "--orgId", "x"],
    );
    assert_bounded(&m);
    let want = format!(
        "warning: skipping a plugin: plugin junk.wasm: {} is 134217728 bytes, more than the 16777216 a plugin may have\n",
        junk.display()
    );
    assert!(m.run.stderr.starts_with(&want), "{m:?}");
    assert!(
        m.run
            .stderr
            .ends_with("Error: the provided value 'x' is not a valid ID\n"),
        "the real plugin still answers: {m:?}"
    );
}

#[test]
fn webassembly_text_named_wasm_is_refused_in_plugin_directories_and_at_install() {
    let sandbox = Sandbox::empty();
    let text = sandbox.plugins_dir().join("text.wasm");
    std::fs::write(
        &text,
        r#"(module (func (export "describe") (result i32) (i32.const 0)))"#,
    )
    .unwrap();
    let m = skipped(
        &sandbox,
        "text.wasm",
        &format!("{} is not a binary WebAssembly module", text.display()),
    );
    assert!(!m.run.stderr.contains("could not load"), "{m:?}");
    let install = measure(&sandbox, &["plugin", "install", text.to_str().unwrap()]);
    assert_bounded(&install);
    assert_eq!(install.run.code, 1, "{install:?}");
    assert!(
        install
            .run
            .stderr
            .contains("is not a binary WebAssembly module"),
        "{install:?}"
    );
}

/// Each `describe` forges the header of a block it was given (the `extism` crate's kernel keeps
/// its block headers in the memory plugins write with `store_u64`): the block now claims 4 GiB,
/// and the handle goes to `config_get`, `var_get` or `error_set`, which trust that length.
const FORGED_HANDLES: [(&str, &str, &str); 3] = [
    (
        "config.wasm",
        r#"(import "extism:host/env" "config_get" (func $f (param i64) (result i64)))"#,
        "(drop (call $f (local.get $h))) (i32.const 0)",
    ),
    (
        "var.wasm",
        r#"(import "extism:host/env" "var_get" (func $f (param i64) (result i64)))"#,
        "(drop (call $f (local.get $h))) (i32.const 0)",
    ),
    (
        "error.wasm",
        r#"(import "extism:host/env" "error_set" (func $f (param i64)))"#,
        "(call $f (local.get $h)) (i32.const 1)",
    ),
];

/// A module that allocates 8 bytes, rewrites the 8 bytes before them (the extism kernel's
/// `size: u32, used: u32` on wasm32) to `size 8, used 0xffffffff`, and then runs `then`.
fn forging(imports: &str, then: &str) -> String {
    format!(
        r#"(module {ALLOC} {imports}
          (import "extism:host/env" "store_u64" (func $store (param i64 i64)))
          (func (export "describe") (result i32) (local $h i64)
            (local.set $h (call $alloc (i64.const 8)))
            (call $store (i64.sub (local.get $h) (i64.const 8)) (i64.const 0xffffffff00000008))
            {then}))"#
    )
}

#[test]
fn forged_handles_cannot_reach_past_a_block_on_the_fast_runtime() {
    for (label, imports, then) in FORGED_HANDLES {
        let module = forging(imports, then);
        let sandbox = sandbox_with(&[(label, &module)]);
        // The host's block table is not in wasm memory: the forged header changes nothing.
        let m = skipped(&sandbox, label, "`describe` ");
        assert!(!m.run.stderr.contains("panicked"), "{m:?}");
    }
}

/// The reference runtime (the `extism` crate) reads 4 GiB past a forged block (exit 139, a
/// segfault), runs a looping `start` unbounded (a hang, at install too) and hands out a block of
/// 2^64-1 bytes: a normal build refuses to run it at all, before loading any plugin.
#[cfg(not(feature = "reference-runtime"))]
#[test]
fn the_reference_runtime_is_refused_in_a_normal_build() {
    let (label, imports, then) = FORGED_HANDLES[0];
    let forged = forging(imports, then);
    let spin = r#"(module (func $spin (loop $l (br $l))) (start $spin)
        (func (export "describe") (result i32) (i32.const 0)))"#;
    let all = describe_doing(ALLOC, "(drop (call $alloc (i64.const -1))) (i32.const 0)");
    for (label, module) in [
        (label, forged.as_str()),
        ("start.wasm", spin),
        ("all.wasm", &all),
    ] {
        let mut sandbox = sandbox_with(&[(label, module)]);
        sandbox.env("ATLAS_CLI_RUNTIME", "extism");
        let file = sandbox.plugins_dir().join(label);
        for args in [
            &["plugin", "list"][..],
            &["plugin", "install", file.to_str().unwrap()],
        ] {
            let m = measure(&sandbox, args);
            assert_bounded(&m);
            assert_eq!(m.run.code, 1, "{m:?}");
            assert!(
                m.run.stderr.starts_with(
                    "Error: ATLAS_CLI_RUNTIME=\"extism\": the extism runtime is a test-only reference"
                ),
                "{label} {args:?}: {m:?}"
            );
        }
    }
}

//! In-process costs of the create plugin on each runtime (criterion): loading it from the
//! compiled cache (with its first call, which instantiates it), one `describe`, `plan` or
//! `render` call on a warm instance, and plan + render pairs on one instance — the fast runtime,
//! the `extism` crate, and the same code linked natively. The native baseline (`native`) is the
//! host's `ATLAS_CLI_RUNTIME=native`: the plugin's code behind the same JSON boundary, so it does
//! the identical work; `native-direct` also shows the plugin's functions called with Rust values
//! (no JSON at all), the floor. Needs the `.wasm` (`scripts/build`); `scripts/bench-runtimes` runs
//! it and computes the ratios.

use std::path::PathBuf;
use std::time::Duration;

use atlas_apikeys_create::{self as native, conformance};
use atlas_cli::runtime::{Limits, Plugin, Runtime, RuntimeKind};
use atlas_plugin_api::{
    DescribeOutput, Invocation, PlanOutput, RenderInput, RenderOutput, exports,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The built plugin, or another build of it named by `ATLAS_BENCH_WASM` (e.g. `wasm-opt`'s).
fn wasm() -> PathBuf {
    let path = std::env::var_os("ATLAS_BENCH_WASM").map_or_else(
        || target_dir().join("plugins/atlas_apikeys_create.wasm"),
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "{} is missing: run scripts/build",
        path.display()
    );
    path
}

/// A runtime whose cache already holds the compiled plugin.
fn warm(kind: RuntimeKind) -> Runtime {
    let cache = target_dir().join("bench-cache/atlascli");
    let runtime = Runtime::new(Limits::default(), Some(&cache)).with_kind(kind);
    let mut plugin = runtime.load("create.wasm", &wasm()).unwrap();
    let _: DescribeOutput = plugin.call(exports::DESCRIBE, &()).unwrap();
    runtime
}

/// The seed example's `plan` input (`--output json`) and the `render` input for a created key.
fn inputs() -> (Invocation, RenderInput) {
    let cases = conformance::cases();
    let case = cases
        .iter()
        .find(|c| c.output == "json")
        .expect("a json row");
    let invocation = conformance::invocation(case);
    let render = conformance::render_input(case, invocation.clone());
    (invocation, render)
}

const KINDS: [(&str, RuntimeKind); 3] = [
    ("fast", RuntimeKind::Fast),
    ("extism", RuntimeKind::Extism),
    ("native", RuntimeKind::Native),
];

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+describe");
    for (name, kind) in KINDS {
        let runtime = warm(kind);
        let path = wasm();
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut plugin = runtime.load("create.wasm", &path).unwrap();
                let out: DescribeOutput = plugin.call(exports::DESCRIBE, &()).unwrap();
                out
            })
        });
    }
    group.bench_function("native-direct", |b| b.iter(native::describe));
    group.finish();
}

fn plugin(kind: RuntimeKind) -> Plugin {
    warm(kind).load("create.wasm", &wasm()).unwrap()
}

fn calls(c: &mut Criterion) {
    let (invocation, render) = inputs();
    let mut group = c.benchmark_group("call");
    for (name, kind) in KINDS {
        let mut p = plugin(kind);
        group.bench_function(format!("describe/{name}"), |b| {
            b.iter(|| p.call::<_, DescribeOutput>(exports::DESCRIBE, &()).unwrap())
        });
        group.bench_function(format!("plan/{name}"), |b| {
            b.iter(|| p.call::<_, PlanOutput>(exports::PLAN, &invocation).unwrap())
        });
        group.bench_function(format!("render/{name}"), |b| {
            b.iter(|| p.call::<_, RenderOutput>(exports::RENDER, &render).unwrap())
        });
    }
    group.bench_function("describe/native-direct", |b| b.iter(native::describe));
    group.bench_function("plan/native-direct", |b| {
        b.iter(|| native::plan(&invocation))
    });
    group.bench_function("render/native-direct", |b| {
        b.iter(|| native::render(&render))
    });
    group.finish();
}

fn pairs(c: &mut Criterion) {
    let (invocation, render) = inputs();
    let mut group = c.benchmark_group("plan+render");
    group.throughput(Throughput::Elements(1));
    for (name, kind) in KINDS {
        let mut p = plugin(kind);
        group.bench_function(name, |b| {
            b.iter(|| {
                let plan: PlanOutput = p.call(exports::PLAN, &invocation).unwrap();
                let out: RenderOutput = p.call(exports::RENDER, &render).unwrap();
                (plan, out)
            })
        });
    }
    group.bench_function("native-direct", |b| {
        b.iter(|| (native::plan(&invocation), native::render(&render)))
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(40)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = load, calls, pairs
}
criterion_main!(benches);

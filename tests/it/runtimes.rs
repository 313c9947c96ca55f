//! The fast runtime against the reference one (the `extism` crate): every plugin we have — the
//! create plugin on every kind of input and output, the hostile plugin's every attack and
//! variant — must give identical outputs and identical errors on both.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use atlas_apikeys_create::conformance;
use atlas_cli::runtime::{Limits, Plugin, PluginError, Runtime, RuntimeKind};
use atlas_plugin_api::{self as api, DescribeOutput, FlagValue, Invocation, Settings};
use serde::Serialize;
use serde_json::Value;

use crate::support::*;

/// The default memory cap, and a short time limit so that the loop attack ends quickly, yet long
/// enough that filling 64 MiB (the `oom` and `big` attacks) never hits it on a loaded machine
/// (at 300 ms it did, when other tests ran alongside).
const LIMITS: Limits = Limits {
    memory_pages: 1024,
    timeout: Duration::from_millis(1000),
};

/// For attacks the time limit must not stop first (filling 64 MiB or writing 12 MB takes a
/// debug-built host more than a second on a loaded machine): the cap under test decides.
const PATIENT: Limits = Limits {
    memory_pages: 1024,
    timeout: Duration::from_secs(30),
};

/// One plugin loaded on both runtimes.
struct Pair {
    fast: Plugin,
    extism: Plugin,
}

impl Pair {
    fn load(label: &str, wasm: &Path) -> Self {
        Self::with_limits(label, wasm, LIMITS)
    }

    fn with_limits(label: &str, wasm: &Path, limits: Limits) -> Self {
        let load = |kind| {
            Runtime::new(limits, Some(&shared_cache().join("atlascli")))
                .with_kind(kind)
                .load(label, wasm)
                .unwrap()
        };
        Self {
            fast: load(RuntimeKind::Fast),
            extism: load(RuntimeKind::Extism),
        }
    }

    /// Calls `function` on both; the outputs (or the error texts) must be identical.
    fn call<I: Serialize>(&mut self, function: &str, input: &I) -> Result<Value, String> {
        let fast = self.fast.call::<_, Value>(function, input);
        let extism = self.extism.call::<_, Value>(function, input);
        let (fast, extism) = (text(fast), text(extism));
        assert_eq!(
            fast, extism,
            "`{function}`: fast (left) and extism (right) differ"
        );
        fast
    }

    /// `require` on both: the same verdict.
    fn require(&self, functions: &[&str]) -> Result<(), String> {
        let fast = self.fast.require(functions).map_err(|e| e.to_string());
        let extism = self.extism.require(functions).map_err(|e| e.to_string());
        assert_eq!(fast, extism, "require {functions:?}");
        fast
    }
}

fn text(result: Result<Value, PluginError>) -> Result<Value, String> {
    result.map_err(|e| e.to_string())
}

fn flags(pairs: &[(&str, FlagValue)]) -> BTreeMap<String, FlagValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// Plan inputs beyond the output table: success, and each validation error.
fn plan_inputs() -> Vec<Invocation> {
    let s = |v: &str| FlagValue::String(v.into());
    let roles = |v: &[&str]| FlagValue::Strings(v.iter().map(|r| r.to_string()).collect());
    let full = [
        ("desc", s("d")),
        ("role", roles(&["ORG_OWNER"])),
        ("orgId", s(ORG)),
    ];
    let with = |pairs: &[(&str, FlagValue)], args: &[&str], org: Option<&str>| Invocation {
        abi_version: api::OLDEST_ABI_VERSION,
        command: vec!["organizations".into(), "apiKeys".into(), "create".into()],
        args: args.iter().map(|a| a.to_string()).collect(),
        flags: flags(pairs),
        settings: Settings {
            org_id: org.map(str::to_string),
            ..Default::default()
        },
        files: BTreeMap::new(),
        ..Default::default()
    };
    vec![
        with(&full, &[], None),
        with(
            &[
                ("desc", s("d")),
                ("role", roles(&["ORG_OWNER, ORG_MEMBER"])),
            ],
            &[],
            Some(ORG),
        ),
        with(&full[..2], &[], None),
        with(&[("orgId", s("5A1B39EEC902201990F1234"))], &[], None),
        with(&[], &[], Some(ORG)),
        with(&full, &["extra"], None),
        with(
            &[
                ("desc", s("d")),
                ("role", roles(&["org_ownr"])),
                ("orgId", s(ORG)),
            ],
            &[],
            None,
        ),
        with(
            &[
                ("desc", s(&"é".repeat(300))),
                ("role", roles(&["ORG_OWNER"])),
            ],
            &[],
            Some(ORG),
        ),
    ]
}

#[test]
fn the_create_plugin_answers_alike_on_both_runtimes() {
    let mut pair = Pair::load("create.wasm", &create_wasm());
    let describe = pair.call(api::exports::DESCRIBE, &()).unwrap();
    let describe: DescribeOutput = serde_json::from_value(describe).unwrap();
    assert_eq!(describe, atlas_apikeys_create::describe());
    for invocation in plan_inputs() {
        pair.call(api::exports::PLAN, &invocation).unwrap();
    }
    let cases = conformance::cases();
    for case in &cases {
        let invocation = conformance::invocation(case);
        pair.call(api::exports::PLAN, &invocation).unwrap();
        let input = conformance::render_input(case, invocation);
        pair.call(api::exports::RENDER, &input).unwrap();
    }
    // Error statuses, and a body that is not JSON at all.
    let mut input = conformance::render_input(&cases[0], conformance::invocation(&cases[0]));
    for (status, body) in [
        (
            400,
            r#"{"detail":"bad","errorCode":"INVALID","error":400,"reason":"Bad Request"}"#,
        ),
        (
            401,
            r#"{"detail":"You are not authorized.","error":401,"reason":"Unauthorized"}"#,
        ),
        (404, "<html>not found</html>"),
        (500, ""),
        (200, "{not json"),
    ] {
        input.response.status = status;
        input.response.body = body.into();
        pair.call(api::exports::RENDER, &input).unwrap();
    }
}

#[test]
fn malformed_inputs_fail_alike_on_both_runtimes() {
    let mut pair = Pair::load("create.wasm", &create_wasm());
    for input in [
        Value::from("not an invocation"),
        serde_json::json!({"flags": 3}),
    ] {
        let plan = pair.call(api::exports::PLAN, &input).unwrap_err();
        assert!(
            plan.contains("`plan` failed: plan: the input is not a valid"),
            "{plan}"
        );
    }
    let render = pair
        .call(api::exports::RENDER, &Value::from(3))
        .unwrap_err();
    assert!(
        render.contains("`render` failed: render: the input is not a valid"),
        "{render}"
    );
    let missing = pair.call("nothing", &()).unwrap_err();
    assert!(
        missing.ends_with("the plugin does not export it"),
        "{missing}"
    );
}

#[test]
fn every_hostile_attack_is_contained_alike_on_both_runtimes() {
    let wasm = hostile_wasm(None);
    let describe = Pair::load("hostile.wasm", &wasm).call(api::exports::DESCRIBE, &());
    let describe: DescribeOutput = serde_json::from_value(describe.unwrap()).unwrap();
    assert!(describe.commands.len() >= 15, "{describe:?}");
    for command in &describe.commands {
        // A fresh pair per attack: a trap must not decide what the next attack meets. Only the
        // endless loop meets the short time limit.
        let limits = if command.words().join(" ") == "hostile loop" {
            LIMITS
        } else {
            PATIENT
        };
        let mut pair = Pair::with_limits("hostile.wasm", &wasm, limits);
        let invocation = Invocation {
            abi_version: api::ABI_VERSION,
            command: command.words(),
            ..Default::default()
        };
        let plan = pair.call(api::exports::PLAN, &invocation);
        let render = pair.call(
            api::exports::RENDER,
            &serde_json::json!({"invocation": invocation, "response": {"status": 200}}),
        );
        let attack = command.words().join(" ");
        match attack.as_str() {
            "hostile loop" => assert!(plan.unwrap_err().contains("time limit of 1s")),
            "hostile oom" => {
                let error = plan.unwrap_err();
                assert!(error.contains("memory limit"), "{error}");
            }
            "hostile panic" => assert!(plan.unwrap_err().contains("the plugin crashed")),
            "hostile big" => assert!(plan.unwrap_err().contains("-byte limit")),
            "hostile badjson" => assert!(plan.unwrap_err().contains("returned invalid output")),
            _ => assert!(plan.is_ok() && render.is_ok(), "{attack}"),
        }
    }
}

#[test]
fn hostile_variants_describe_themselves_alike_on_both_runtimes() {
    for feature in [
        "abi-next",
        "abi-old",
        "no-render",
        "claims-builtin",
        "claims-taken",
    ] {
        let mut pair = Pair::load("hostile.wasm", &hostile_wasm(Some(feature)));
        pair.call(api::exports::DESCRIBE, &()).unwrap();
        let required = pair.require(&[api::exports::PLAN, api::exports::RENDER]);
        assert_eq!(
            required.is_err(),
            feature == "no-render",
            "{feature}: {required:?}"
        );
    }
}

/// The binary runs the reference runtime only when built with the `reference-runtime` feature
/// (`cargo test --features reference-runtime`); a normal build refuses it
/// (`hostile::resources::the_reference_runtime_is_refused_in_a_normal_build`).
#[cfg(feature = "reference-runtime")]
#[test]
fn the_real_binary_prints_the_same_on_both_runtimes() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let mut runs = Vec::new();
    for runtime in ["fast", "extism"] {
        sandbox.env("ATLAS_CLI_RUNTIME", runtime);
        let run = sandbox.run(SEED);
        assert_eq!(run.code, 0, "{runtime}: {run:?}");
        let key: Value = serde_json::from_str(&run.stdout).unwrap();
        runs.push((key["desc"].clone(), key["roles"].clone(), run.stderr));
    }
    assert_eq!(runs[0], runs[1]);
}

#[test]
fn an_unknown_runtime_is_refused() {
    let mut sandbox = Sandbox::new();
    sandbox.env("ATLAS_CLI_RUNTIME", "wasmer");
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("Error: ATLAS_CLI_RUNTIME=\"wasmer\" is not a plugin runtime"),
        "{}",
        run.stderr
    );
}

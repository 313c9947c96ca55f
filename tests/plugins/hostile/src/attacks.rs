//! The attacks, by command name. `plan` and `render` return raw bytes so that an attack can
//! return something that is not JSON at all.

use atlas_plugin_api::{NameValue, PlanInput, PlanOutput, RenderInput, RenderOutput, RequestSpec};

/// Every `hostile <name>` command.
pub const NAMES: &[&str] = &[
    "loop",
    "oom",
    "panic",
    "big",
    "badjson",
    "abs-url",
    "other-host",
    "scheme",
    "dotdot",
    "header-auth",
    "header-cookie",
    "header-host",
    "escape-error",
    "escape-output",
    "file",
    "spy",
    "spy-render",
];

const ORG: &str = "5a1b39eec902201990f12345";

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("wire types serialize")
}

fn request(path: &str, headers: Vec<NameValue>) -> Vec<u8> {
    let request = RequestSpec {
        method: "GET".into(),
        path: path.into(),
        headers,
        ..Default::default()
    };
    json(&PlanOutput::Request { request })
}

fn list() -> Vec<u8> {
    request(
        &format!("/api/atlas/v2/orgs/{ORG}/apiKeys"),
        vec![NameValue::new(
            "Accept",
            "application/vnd.atlas.2023-01-01+json",
        )],
    )
}

pub fn plan(attack: &str, input: &PlanInput) -> Vec<u8> {
    match attack {
        "loop" => {
            let mut n = 0u64;
            loop {
                n = core::hint::black_box(n.wrapping_add(1));
            }
        }
        "oom" => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![7u8; 1 << 20]);
                core::hint::black_box(&hoard);
            }
        }
        "panic" => panic!("hostile plugin panicked on purpose"),
        "big" => json(&PlanOutput::UserError {
            message: "A".repeat(12 << 20),
        }),
        "badjson" => b"{this is not json".to_vec(),
        "abs-url" => request("https://evil.example/api/atlas/v2/x", vec![]),
        "other-host" => request("//evil.example/api/atlas/v2/x", vec![]),
        "scheme" => request("http:/api/atlas/v2/x", vec![]),
        "dotdot" => request("/api/atlas/v2/../../../etc/passwd", vec![]),
        "header-auth" => request(
            "/api/atlas/v2/x",
            vec![NameValue::new("Authorization", "Bearer stolen-token")],
        ),
        "header-cookie" => request(
            "/api/atlas/v2/x",
            vec![NameValue::new("Cookie", "session=stolen")],
        ),
        "header-host" => request(
            "/api/atlas/v2/x",
            vec![NameValue::new("Host", "evil.example")],
        ),
        "escape-error" => json(&PlanOutput::UserError {
            message: "\u{1b}]2;pwned\u{7}\u{1b}[31mred\u{1b}[0m and \u{9b}2J done".into(),
        }),
        "escape-output" | "spy-render" => list(),
        "file" => json(&PlanOutput::NeedFiles {
            paths: vec!["/etc/passwd".into()],
        }),
        "spy" => json(&PlanOutput::UserError {
            message: format!("SPY {}", json_text(input)),
        }),
        _ => list(),
    }
}

fn json_text<T: serde::Serialize>(value: &T) -> String {
    String::from_utf8(json(value)).expect("JSON is UTF-8")
}

// The `identity` build answers every call from its own module.
#[cfg_attr(feature = "identity", allow(dead_code))]
pub fn render(input: &RenderInput) -> Vec<u8> {
    let attack = input
        .invocation
        .command
        .get(1)
        .map(String::as_str)
        .unwrap_or_default();
    match attack {
        "escape-output" => json(&RenderOutput::Stdout {
            text: "\u{1b}]2;pwned\u{7}\u{1b}[2Jclean\n".into(),
        }),
        "spy-render" => json(&RenderOutput::Stdout {
            text: format!("SPY {}\n", json_text(input)),
        }),
        _ => json(&RenderOutput::Stdout {
            text: "ok\n".into(),
        }),
    }
}

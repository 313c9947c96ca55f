//! Attacks on the host's command line and terminal, built with the `identity` feature. One build
//! serves every attack: `ATTACK` is a fixed-size placeholder that `tests/it/hostile/identity.rs`
//! overwrites in each copy of the `.wasm` (as `scripts/bench-plugins` does with the filler), so
//! each copy's `describe` is one attack, alone, with its own content hash.

use atlas_plugin_api::{CommandSpec, FlagKind, FlagSpec, PathSegment, PlanInput, PlanOutput};
use atlas_plugin_api::{RenderInput, RenderOutput, RequestSpec};

const ORG: &str = "5a1b39eec902201990f12345";

/// Overwritten in place by the tests: keep it exactly 24 ASCII bytes (padded with spaces).
static ATTACK: &str = "@@IDENTITY-ATTACK-NAME@@";

/// Bidi overrides and isolates and invisible characters, around ordinary Unicode that must stay.
pub const TRICKS: &str = "caf\u{e9} \u{202e}gnp.exe\u{202c} \u{2066}iso\u{2069} z\u{200b}w\u{feff}s\u{2028}p \u{65e5}\u{672c} \u{1f469}\u{200d}\u{1f4bb}";

/// Which attack this copy is.
pub fn attack() -> &'static str {
    core::hint::black_box(ATTACK).trim()
}

fn seg(name: &str, aliases: &[&str]) -> PathSegment {
    PathSegment::new(name, aliases)
}

fn command(path: Vec<PathSegment>) -> CommandSpec {
    let words: Vec<&str> = path.iter().map(|s| s.name.as_str()).collect();
    CommandSpec {
        short: format!("Hostile identity command: {}.", words.join(" ")),
        path,
        ..Default::default()
    }
}

fn flag(name: &str, short: Option<&str>) -> FlagSpec {
    FlagSpec::new(name, short, FlagKind::String, "a hostile flag")
}

/// The plugin's name: the create plugin's own for `same-name`.
pub fn name() -> &'static str {
    if attack() == "same-name" {
        "apikeys-create"
    } else {
        "hostile-identity"
    }
}

/// A command that works, so that each copy is a valid plugin apart from its attack.
fn ok() -> CommandSpec {
    command(vec![seg("hostile-id", &[]), seg("ok", &[])])
}

fn with_flags(flags: Vec<FlagSpec>) -> CommandSpec {
    let mut spec = command(vec![seg("hostile-id", &[]), seg("flags", &[])]);
    spec.flags = flags;
    spec
}

fn create_path(first: PathSegment) -> Vec<PathSegment> {
    vec![first, seg("apiKeys", &["apikeys"]), seg("create", &[])]
}

/// This copy's commands.
pub fn commands() -> Vec<CommandSpec> {
    let one = |spec: CommandSpec| vec![spec, ok()];
    match attack() {
        // Takeovers of the real `organizations apiKeys create`.
        "alias-is-a-name" => one(command(create_path(seg("orgz", &["organizations"])))),
        "name-is-an-alias" => one(command(create_path(seg("org", &[])))),
        "group-over-command" => one(command(vec![
            seg("organizations", &[]),
            seg("apiKeys", &[]),
            seg("create", &[]),
            seg("now", &[]),
        ])),
        // Declarations that make clap panic.
        "duplicate-alias" => one(command(vec![
            seg("hostile-id", &[]),
            seg("dup", &["d", "d"]),
        ])),
        "own-name-alias" => one(command(vec![seg("hostile-id", &[]), seg("me", &["me"])])),
        "built-in-alias" => one(command(vec![
            seg("hostile-x", &["plugin"]),
            seg("list", &[]),
        ])),
        "help-alias" => one(command(vec![seg("hostile-id", &[]), seg("h", &["help"])])),
        "flag-help" => one(with_flags(vec![flag("help", None)])),
        "flag-version" => one(with_flags(vec![flag("version", None)])),
        "flag-args" => one(with_flags(vec![flag("__args", None)])),
        "short-clash" => one(with_flags(vec![flag("a", Some("x")), flag("b", Some("x"))])),
        "short-help" => one(with_flags(vec![flag("a", Some("h"))])),
        "bad-words" => vec![
            command(vec![seg("", &[])]),
            command(vec![seg("hostile id", &[])]),
            command(vec![seg("hostile-id", &[]), seg("x", &["a\u{1b}[2J"])]),
            command(vec![seg("hostile-\u{202e}id", &[])]),
            ok(),
        ],
        // Bounds.
        "many-commands" => (0..20_000)
            .map(|i| command(vec![seg("hostile-many", &[]), seg(&format!("c{i}"), &[])]))
            .collect(),
        "deep-path" => {
            let mut path: Vec<PathSegment> = vec![seg("hostile-deep", &[])];
            path.extend((0..150_000).map(|_| seg("d", &[])));
            vec![command(path), ok()]
        }
        "long-help" => {
            let mut spec = command(vec![seg("hostile-id", &[]), seg("long", &[])]);
            spec.long = "L".repeat(1 << 20);
            vec![spec, ok()]
        }
        // A describe that fails.
        "describe-loop" => {
            let mut n = 0u64;
            loop {
                n = core::hint::black_box(n.wrapping_add(1));
            }
        }
        "describe-trap" => panic!("hostile describe trapped on purpose"),
        "same-name" => vec![command(vec![seg("hostile-same", &[]), seg("run", &[])])],
        // The terminal.
        "terminal" => ["bidi-error", "bidi-output", "huge-error", "long-path"]
            .iter()
            .map(|a| {
                let mut spec = command(vec![seg("hostile-id", &[]), seg(a, &[])]);
                spec.short = format!("Tricks: {TRICKS}");
                spec.long = format!("Long help with tricks: {TRICKS}");
                spec.example = format!("atlas hostile-id {a} # {TRICKS}");
                spec.flags = vec![FlagSpec::new(
                    "trick",
                    None,
                    FlagKind::String,
                    &format!("flag help: {TRICKS}"),
                )];
                spec
            })
            .collect(),
        _ => vec![ok()],
    }
}

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("wire types serialize")
}

/// `plan` for an identity command; `Err` is the plugin's own error text.
pub fn plan(input: &PlanInput) -> Result<Vec<u8>, String> {
    let word = input.command.last().map(String::as_str).unwrap_or_default();
    let request = |path: String| {
        json(&PlanOutput::Request {
            request: RequestSpec {
                method: "POST".into(),
                path,
                body: Some("{\"desc\":\"impostor\",\"roles\":[\"ORG_OWNER\"]}".into()),
                ..Default::default()
            },
        })
    };
    match word {
        "ok" | "run" => Ok(json(&PlanOutput::UserError {
            message: format!("{} ran", attack()),
        })),
        "bidi-error" => Ok(json(&PlanOutput::UserError {
            message: format!("user error: {TRICKS}"),
        })),
        "huge-error" => Err(format!("{}\n", "E".repeat(4 << 10)).repeat(1 << 10)),
        // Refused (a `..` segment), and a megabyte long.
        "long-path" => Ok(request(format!(
            "/api/atlas/v2/{}/../x",
            "a".repeat(1 << 20)
        ))),
        "bidi-output" => Ok(json(&PlanOutput::Request {
            request: RequestSpec {
                method: "GET".into(),
                path: format!("/api/atlas/v2/orgs/{ORG}/apiKeys"),
                ..Default::default()
            },
        })),
        // An impostor sends the real command's request, with its own role.
        _ => Ok(request(format!("/api/atlas/v2/orgs/{ORG}/apiKeys"))),
    }
}

/// `render` for an identity command.
pub fn render(input: &RenderInput) -> Vec<u8> {
    let text = match input.invocation.command.last().map(String::as_str) {
        Some("bidi-output") => format!("output: {TRICKS}\n"),
        _ => "impostor ran\n".into(),
    };
    json(&RenderOutput::Stdout { text })
}

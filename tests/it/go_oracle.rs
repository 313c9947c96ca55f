//! Go as the judge (issue 14): every case of `tests/go-oracle/corpus/*.jsonl` and N seeded
//! random ones go through the shipped plugins' `render` (the real `.wasm` in the host's runtime)
//! and through the Go oracle (`tests/go-oracle`: Go's own encoding/json, text/template and
//! text/tabwriter on mirror structs of the SDK models), and the bytes are compared. json-path
//! cases are judged against the Go output recorded in the case (`corpus/jsonpath.jsonl`: Go's
//! PaesslerAG/jsonpath is not in its standard library).
//!
//! A ratchet: a corpus case that differs must be listed, with its cause, either as a bug in
//! `tests/go-oracle/known-bugs.tsv` or as a deliberate difference in `docs/go-differences.md`;
//! a listed case that now matches must be struck from its list. Random cases print their
//! mismatch rate per format and fail only on a cause that neither list names.
//! `ORACLE_SEED=<n>` replays a run, `ORACLE_RANDOM=<n>` sets how many random cases run.

mod classify;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use atlas_cli::runtime::{Limits, Plugin, Runtime};
use serde_json::{Value, json};

use crate::support::*;
use classify::{Go, Ours, classify, matches};

const RANDOM_CASES: usize = 4000;
/// The format of a json-path case that carries no recording of Go's output (`"go"`).
const UNJUDGED: &str = "json-path, unjudged";
const INSTALL: &str = "apt-get install -y golang-go (scripts/setup does it when run as root)";

/// Straight to stderr, past the test harness's capture, so the figures show on every run.
fn note(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn oracle_dir() -> PathBuf {
    root().join("tests/go-oracle")
}

/// Builds the oracle into target/go-oracle with the standard library only (no module
/// downloads), or says why not: `None` means skip (no Go, not under CI).
fn build_oracle() -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
        .join("go-oracle");
    let go_found = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !go_found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("the Go oracle needs `go`, which is missing: {INSTALL}");
        }
        note(&format!(
            "note: go_oracle skipped: `go` is missing; install it with {INSTALL}\n"
        ));
        return None;
    }
    let binary = target.join("go-oracle");
    let out = Command::new("go")
        .args(["build", "-o"])
        .arg(&binary)
        .arg(".")
        .current_dir(oracle_dir())
        .env("GOPROXY", "off")
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .env("GO111MODULE", "on")
        .env("GOCACHE", target.join("cache"))
        .env("GOMODCACHE", target.join("mod"))
        .env("GOPATH", target.join("gopath"))
        .output()
        .expect("run go build");
    assert!(
        out.status.success(),
        "go build of tests/go-oracle failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(binary)
}

/// Runs the oracle once over `input` (JSON lines) and returns its JSON lines.
fn oracle(binary: &Path, args: &[&str], input: &str) -> Vec<Value> {
    let mut child = Command::new(binary)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the go oracle");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "go oracle failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn corpus() -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(oracle_dir().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let case: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}: {e}: {line}", file.display()));
            cases.push(case);
        }
    }
    cases
}

/// `tests/go-oracle/known-bugs.tsv`: corpus case name, tab, cause (bugs only).
fn known_bugs() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(oracle_dir().join("known-bugs.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, cause) = l.split_once('\t').expect("name<TAB>cause");
            (name.to_string(), cause.trim().to_string())
        })
        .collect()
}

/// The deliberate differences table of `docs/go-differences.md`: rows `| \`cause\` | cases |…`,
/// the cases as backticked corpus names.
fn deliberate() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("docs/go-differences.md")).unwrap();
    let section = text
        .split("## Deliberate differences")
        .nth(1)
        .expect("docs/go-differences.md has a Deliberate differences section");
    let section = section.split("\n## ").next().unwrap();
    let mut table = BTreeMap::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let cause = cells[0]
            .trim_start_matches("| ")
            .trim_matches('`')
            .to_string();
        let cases = cells[1]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        table.insert(cause, cases);
    }
    table
}

fn format_of(output: &str) -> &'static str {
    if output == "json" {
        "json"
    } else if output.starts_with("go-template=") || output.starts_with("go-template-file=") {
        "go-template"
    } else if output.starts_with("json-path=") {
        "json-path"
    } else {
        "default"
    }
}

/// The `render` input the host would send for this case after a 200.
fn render_input(case: &Value) -> Value {
    let model = case["model"].as_str().unwrap();
    let mut flags = serde_json::Map::new();
    flags.insert("output".into(), case["output"].clone());
    let (command, method, url) = if model == "create" {
        flags.insert("desc".into(), json!("d"));
        flags.insert("role".into(), json!(["ORG_OWNER"]));
        (
            "create",
            "POST",
            format!("https://cloud.mongodb.com/api/atlas/v2/orgs/{ORG}/apiKeys"),
        )
    } else {
        if case["compact"] == true {
            flags.insert("compact".into(), json!(true));
        }
        (
            "list",
            "GET",
            format!(
                "https://cloud.mongodb.com/api/atlas/v2/orgs/{ORG}/apiKeys?pageNum=1&itemsPerPage=100&includeCount=true"
            ),
        )
    };
    let mut files: serde_json::Map<String, Value> = case["files"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(path, text)| (path.clone(), json!({"content": text, "error": null})))
        .collect();
    // A template file the case does not give is one the host could not open.
    if let Some(path) = case["output"]
        .as_str()
        .unwrap()
        .strip_prefix("go-template-file=")
    {
        files.entry(path).or_insert_with(
            || json!({"content": null, "error": format!("open {path}: no such file or directory")}),
        );
    }
    json!({
        "invocation": {
            "abi_version": 1, "args": [], "command": ["organizations", "apiKeys", command],
            "files": files, "flags": flags,
            "settings": {"org_id": ORG, "output": null, "profile": "default", "project_id": null}
        },
        "request": {"method": method, "url": url},
        "response": {"status": 200,
            "content_type": "application/vnd.atlas.2023-01-01+json;charset=utf-8",
            "body": case["body"]}
    })
}

/// The two shipped plugins, reloaded after a call that failed (a trap may leave an instance
/// unusable).
struct Plugins {
    runtime: Runtime,
    loaded: BTreeMap<&'static str, Plugin>,
}

impl Plugins {
    fn new() -> Self {
        Self {
            runtime: Runtime::new(Limits::default(), Some(&shared_cache().join("atlascli"))),
            loaded: BTreeMap::new(),
        }
    }

    fn render(&mut self, case: &Value) -> Ours {
        let model: &'static str = if case["model"] == "create" {
            "create"
        } else {
            "list"
        };
        let runtime = &self.runtime;
        let plugin = self.loaded.entry(model).or_insert_with(|| {
            let name = format!("atlas_apikeys_{model}");
            runtime.load(&format!("{name}.wasm"), &wasm(&name)).unwrap()
        });
        match plugin.call::<_, Value>("render", &render_input(case)) {
            Ok(out) if out["kind"] == "stdout" => {
                Ours::Stdout(out["text"].as_str().unwrap().into())
            }
            Ok(out) => Ours::Error(out["message"].as_str().unwrap_or_default().into()),
            Err(e) => {
                self.loaded.remove(model);
                Ours::Trap(e.to_string())
            }
        }
    }
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// One judged case: its name, format, and the cause when it differs.
struct Judged {
    name: String,
    format: &'static str,
    cause: Option<&'static str>,
    detail: String,
}

fn judge(binary: &Path, cases: &[Value], plugins: &mut Plugins) -> Vec<Judged> {
    let input: String = cases.iter().map(|c| format!("{c}\n")).collect();
    let verdicts = oracle(binary, &[], &input);
    assert_eq!(verdicts.len(), cases.len());
    let mut judged = Vec::new();
    for (case, verdict) in cases.iter().zip(&verdicts) {
        let output = case["output"].as_str().unwrap();
        let name = case["name"].as_str().unwrap().to_string();
        let format = format_of(output);
        if !verdict["unsupported"].is_null() {
            judged.push(Judged {
                name,
                format: UNJUDGED,
                cause: None,
                detail: String::new(),
            });
            continue;
        }
        let go = Go {
            stdout: hex(verdict["stdout_hex"].as_str().unwrap()),
            error: verdict["error"].as_str().map(str::to_string),
            decode_error: verdict["decode_error"] == true,
        };
        let ours = plugins.render(case);
        let (cause, detail) = if matches(&go, &ours) {
            (None, String::new())
        } else {
            let model = case["model"].as_str().unwrap();
            let body = case["body"].as_str().unwrap();
            let cause = classify(model, output, body, &go, &ours);
            let want = match &go.error {
                Some(e) => format!("error {e:?}"),
                None => format!("stdout {:?}", String::from_utf8_lossy(&go.stdout)),
            };
            (
                Some(cause),
                format!("{case}\n    go:   {want}\n    ours: {ours:?}"),
            )
        };
        judged.push(Judged {
            name,
            format,
            cause,
            detail,
        });
    }
    judged
}

/// Cases and mismatches per format, and mismatches per cause.
fn summary(title: &str, judged: &[Judged]) -> String {
    let mut formats: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut causes: BTreeMap<&str, usize> = BTreeMap::new();
    for j in judged {
        let entry = formats.entry(j.format).or_default();
        entry.0 += 1;
        if let Some(cause) = j.cause {
            entry.1 += 1;
            *causes.entry(cause).or_default() += 1;
        }
    }
    let mut out = format!("{title}: {} cases\n", judged.len());
    for (format, (n, bad)) in &formats {
        if *format == UNJUDGED {
            out += &format!(
                "  {format:12} {n:5} cases, not judged (no PaesslerAG/jsonpath in Go's stdlib, \
                 no recording)\n"
            );
        } else {
            out += &format!(
                "  {format:12} {n:5} cases, {bad:5} differ ({:.1} %)\n",
                100.0 * *bad as f64 / *n as f64
            );
        }
    }
    for (cause, n) in &causes {
        out += &format!("  cause {cause:24} {n:5}\n");
    }
    out
}

#[test]
fn go_oracle_the_plugins_print_what_go_prints_or_the_difference_is_listed() {
    let Some(binary) = build_oracle() else { return };
    let bugs = known_bugs();
    let deliberate = deliberate();
    for (cause, cases) in &deliberate {
        assert!(
            !bugs.values().any(|c| c == cause),
            "cause {cause} is listed both as a bug and as deliberate"
        );
        for case in cases {
            assert!(
                !bugs.contains_key(case),
                "{case} is listed both as a bug and as deliberate ({cause})"
            );
        }
    }
    let deliberate_case: BTreeMap<&String, &String> = deliberate
        .iter()
        .flat_map(|(cause, cases)| cases.iter().map(move |case| (case, cause)))
        .collect();
    let mut plugins = Plugins::new();

    let corpus = corpus();
    let names: BTreeSet<&str> = corpus.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names.len(),
        corpus.len(),
        "corpus case names must be unique"
    );
    let judged = judge(&binary, &corpus, &mut plugins);
    note(&summary("go_oracle corpus", &judged));
    let mut failures = Vec::new();
    for listed in bugs.keys().chain(deliberate_case.keys().copied()) {
        if !names.contains(listed.as_str()) {
            failures.push(format!("listed case {listed:?} is not in the corpus"));
        }
    }
    for j in &judged {
        let listed = bugs.get(&j.name).or(deliberate_case.get(&j.name).copied());
        match (j.cause, listed) {
            (Some(cause), None) => failures.push(format!(
                "corpus {:?} differs from Go ({cause}), unlisted:\n  {}",
                j.name, j.detail
            )),
            (None, Some(cause)) => failures.push(format!(
                "corpus {:?} now matches Go: strike it from the list ({cause})",
                j.name
            )),
            _ => {}
        }
    }

    let seed: u64 = match std::env::var("ORACLE_SEED") {
        Ok(s) => s.parse().expect("ORACLE_SEED is a number"),
        Err(_) => {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                % 1_000_000_007
        }
    };
    let count: usize = std::env::var("ORACLE_RANDOM")
        .map(|n| n.parse().expect("ORACLE_RANDOM is a number"))
        .unwrap_or(RANDOM_CASES);
    note(&format!(
        "go_oracle random: seed {seed} (replay with ORACLE_SEED={seed})\n"
    ));
    let random = oracle(&binary, &["gen", &seed.to_string(), &count.to_string()], "");
    let judged = judge(&binary, &random, &mut plugins);
    note(&summary("go_oracle random", &judged));
    let allowed: BTreeSet<&str> = bugs
        .values()
        .map(String::as_str)
        .chain(deliberate.keys().map(String::as_str))
        .collect();
    for j in &judged {
        if let Some(cause) = j.cause.filter(|c| !allowed.contains(c)) {
            failures.push(format!(
                "random {:?} differs from Go for a cause no list names ({cause}; ORACLE_SEED={seed}):\n  {}",
                j.name, j.detail
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! `atlas organizations apiKeys create` end to end: the real binary, the real `.wasm`, the
//! emulator on loopback with Digest auth.

use crate::support::*;

/// Go's `json.MarshalIndent(v, "", "  ")` + `\n` for a key the emulator created (plain ASCII).
fn go_json(key: &serde_json::Value) -> String {
    let s = |k: &str| key[k].as_str().unwrap().to_string();
    let link = &key["links"][0];
    let role = &key["roles"][0];
    format!(
        "{{\n  \"desc\": \"{}\",\n  \"id\": \"{}\",\n  \"links\": [\n    {{\n      \"href\": \"{}\",\n      \"rel\": \"{}\"\n    }}\n  ],\n  \"privateKey\": \"{}\",\n  \"publicKey\": \"{}\",\n  \"roles\": [\n    {{\n      \"orgId\": \"{}\",\n      \"roleName\": \"{}\"\n    }}\n  ]\n}}\n",
        s("desc"),
        s("id"),
        link["href"].as_str().unwrap(),
        link["rel"].as_str().unwrap(),
        s("privateKey"),
        s("publicKey"),
        role["orgId"].as_str().unwrap(),
        role["roleName"].as_str().unwrap(),
    )
}

fn assert_no_secret(run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.contains(PRIVATE_KEY),
            "the private API key leaked: {run:?}"
        );
    }
}

#[test]
fn seed_example_prints_the_created_key_as_go_json() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    let run = sandbox.against(&emulator).run(SEED);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let keys = emulator.api_keys(ORG);
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["desc"], "My API Key");
    assert_eq!(run.stdout, go_json(&keys[0]));
    assert_no_secret(&run);
}

#[test]
fn digest_flow_sends_the_body_twice_and_answers_the_challenge() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    assert_eq!(sandbox.against(&emulator).run(SEED).code, 0);
    let requests = emulator.requests();
    let statuses: Vec<_> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.status, r.authenticated))
        .collect();
    assert_eq!(statuses, [("POST", 401, false), ("POST", 200, true)]);
    let second = &requests[1];
    assert_eq!(second.path, format!("/api/atlas/v2/orgs/{ORG}/apiKeys"));
    assert_eq!(
        second.body,
        r#"{"desc":"My API Key","roles":["ORG_OWNER"]}"#
    );
    assert_eq!(
        second.header("accept"),
        Some("application/vnd.atlas.2023-01-01+json")
    );
    assert_eq!(
        second.header("content-type"),
        Some("application/vnd.atlas.2023-01-01+json")
    );
    let auth = second.header("authorization").unwrap();
    assert!(auth.starts_with("Digest username=\"abcdefgh\""), "{auth}");
    assert!(!auth.contains(PRIVATE_KEY));
    assert!(
        second
            .header("user-agent")
            .unwrap()
            .starts_with("atlascli/")
    );
    assert_eq!(requests[0].body, second.body);
}

#[test]
fn default_output_is_the_go_cli_text() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    let run = sandbox.against(&emulator).run(&[
        "orgs",
        "apikeys",
        "create",
        "--role",
        "ORG_MEMBER,ORG_READ_ONLY",
        "--desc",
        "ci",
        "--orgId",
        ORG,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let key = &emulator.api_keys(ORG)[0];
    let want = format!(
        "API Key '{}' created.\nPublic API Key {}\nPrivate API Key {}\n",
        key["id"].as_str().unwrap(),
        key["publicKey"].as_str().unwrap(),
        key["privateKey"].as_str().unwrap()
    );
    assert_eq!(run.stdout, want);
    let roles: Vec<_> = key["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["roleName"].clone())
        .collect();
    assert_eq!(roles, ["ORG_MEMBER", "ORG_READ_ONLY"]);
}

#[test]
fn org_id_and_output_come_from_env_then_config_profile() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    sandbox.config(&format!(
        "version = 2\n[work]\norg_id = \"{ORG}\"\noutput = \"json\"\n"
    ));
    let args = [
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_OWNER",
        "--desc",
        "from config",
    ];
    let run = sandbox.run(&args);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("{\n  \"desc\": \"from config\""),
        "{}",
        run.stdout
    );
    let run = sandbox
        .env("MONGODB_ATLAS_ORG_ID", "ffffffffffffffffffffffff")
        .run(&args);
    assert_eq!(run.code, 1, "env must win over the profile: {run:?}");
    assert!(
        run.stderr.contains("ffffffffffffffffffffffff"),
        "{}",
        run.stderr
    );
}

#[test]
fn rejects_bad_input_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let create = ["organizations", "apiKeys", "create"];
    let cases: &[(&[&str], &str)] = &[
        (
            &["--role", "ORG_OWNER", "--desc", "d"],
            "required flag(s) \"orgId\" not set",
        ),
        (
            &["--role", "ORG_OWNER", "--desc", "d", "--orgId", "123"],
            "the provided value '123' is not a valid ID",
        ),
        (
            &["--orgId", ORG],
            "required flag(s) \"desc\", \"role\" not set",
        ),
        (
            &["--orgId", ORG, "--desc", "d"],
            "required flag(s) \"role\" not set",
        ),
        (
            &["--orgId", ORG, "--desc", "d", "--role", "x", "extra"],
            "\"atlas organizations apiKeys create\" accepts no arguments\n\nUsage:  atlas organizations apiKeys create [flags]",
        ),
        (
            &["--orgId", ORG, "--desc", "d", "--role", "ORG_OWNR"],
            "invalid role \"ORG_OWNR\"",
        ),
        (
            &[
                "--orgId",
                ORG,
                "--desc",
                "d",
                "--role",
                "ORG_OWNER",
                "-o",
                "yaml",
            ],
            "unsupported output format \"yaml\"",
        ),
        (
            &["--orgId", ORG, "--desc", "", "--role", "ORG_OWNER"],
            "--desc",
        ),
        (&["--orgId", ORG, "--bogus"], "unknown flag: --bogus"),
        (&["--orgId", ORG, "-x"], "unknown shorthand flag: 'x' in -x"),
        (&["--orgId"], "flag needs an argument: --orgId"),
        (
            &["-P", "a.b", "--orgId", ORG],
            "profile should not contain '.': \"a.b\"",
        ),
    ];
    for (args, want) in cases {
        let argv: Vec<&str> = create.iter().chain(args.iter()).copied().collect();
        let run = sandbox.run(&argv);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert!(
            run.stderr.starts_with(&format!("Error: {want}")),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}

#[test]
fn unsupported_service_in_config_is_rejected_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .against(&emulator)
        .config("[default]\nservice = \"onprem\"\n");
    let run = sandbox.run(SEED);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (1, "Error: unsupported service: onprem\n")
    );
    assert!(emulator.requests().is_empty());
}

#[test]
fn wrong_private_key_prints_the_unauthorized_advice() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    let run = sandbox
        .against(&emulator)
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", "wrong-secret")
        .run(SEED);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "Error: unauthorized\n\nTo log in using your Atlas username and password or to set credentials using a Service account or API keys, run: atlas auth login\n"
    );
    assert!(!run.stderr.contains("wrong-secret"));
    assert_eq!(
        emulator.requests().len(),
        2,
        "one challenge, one answer, no retry"
    );
    assert!(emulator.api_keys(ORG).is_empty());
}

#[test]
fn without_credentials_one_request_is_refused() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.env("MONGODB_ATLAS_OPS_MANAGER_URL", &emulator.base_url());
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("Error: unauthorized\n"),
        "{}",
        run.stderr
    );
    assert_eq!(emulator.requests().len(), 1);
}

#[test]
fn api_error_body_is_printed_like_the_go_cli() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    let other = "0123456789abcdef01234567";
    let mut args = SEED.to_vec();
    args[8] = other;
    let run = sandbox.against(&emulator).run(&args);
    assert_eq!(run.code, 1, "{run:?}");
    let url = format!("{}/api/atlas/v2/orgs/{other}/apiKeys", emulator.base_url());
    let prefix = format!("Error: {url} POST: HTTP 404 Not Found (Error code: \"");
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("Params: [{other}], BadRequestDetail: \n")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn description_over_250_characters_is_rejected_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    let long = "x".repeat(251);
    let run = sandbox.against(&emulator).run(&[
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_OWNER",
        "--desc",
        &long,
        "--orgId",
        ORG,
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("251"), "{}", run.stderr);
    assert!(emulator.requests().is_empty(), "caught before the request");
}

#[test]
fn unreachable_server_names_the_url_and_sends_nothing_twice() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let mut sandbox = Sandbox::new();
    sandbox
        .env("MONGODB_ATLAS_OPS_MANAGER_URL", &format!("http://{addr}"))
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY)
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY);
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1);
    let want = format!("Error: POST http://{addr}/api/atlas/v2/orgs/{ORG}/apiKeys: ");
    assert!(run.stderr.starts_with(&want), "{}", run.stderr);
    assert_no_secret(&run);
}

//! A key's whole life through the real binary and the eight shipped plugins against the
//! emulator: create → access list (an IP and a CIDR, then `--currentIp`) → list it → assign → describe → list →
//! delete the CIDR entry → delete the key → describe answers Atlas's 404. Each step is run with
//! the default output and with `-o json`, and checked against what the emulator then holds.

use serde_json::Value;

use crate::support::*;

const PLUGINS: [&str; 8] = [
    "atlas_apikeys_create",
    "atlas_apikeys_list",
    "atlas_apikeys_describe",
    "atlas_apikeys_assign",
    "atlas_apikeys_delete",
    "atlas_accesslists_list",
    "atlas_accesslists_create",
    "atlas_accesslists_delete",
];

fn sandbox(emulator: &Emulator) -> Sandbox {
    let mut sandbox = Sandbox::empty();
    for plugin in PLUGINS {
        sandbox.add_plugin(&wasm(plugin));
    }
    sandbox.against(emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    sandbox
}

/// Runs `args`, which must succeed, and returns stdout.
fn ok(sandbox: &Sandbox, args: &[&str]) -> String {
    let run = sandbox.run(args);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, ""),
        "{args:?}: {run:?}"
    );
    run.stdout
}

/// Runs `args` with `-o json` and decodes stdout.
fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let args: Vec<&str> = args.iter().copied().chain(["-o", "json"]).collect();
    let out = ok(sandbox, &args);
    assert!(
        out.ends_with("}\n"),
        "{args:?}: Go's MarshalIndent and a newline: {out}"
    );
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// The rows of a tab-aligned table, each split into its cells.
fn rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .map(|line| line.split("   ").map(str::trim).filter(|c| !c.is_empty()))
        .map(|cells| cells.map(String::from).collect())
        .collect()
}

fn entries(value: &Value) -> Vec<String> {
    let mut found: Vec<String> = value["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["cidrBlock"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    found
}

#[test]
fn a_key_is_created_given_access_changed_described_listed_and_deleted_with_every_output() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let keys = ["organizations", "apiKeys"];
    let with =
        |rest: &[&str]| -> Vec<String> { keys.iter().chain(rest).map(|s| s.to_string()).collect() };
    let run_ok = |rest: &[&str]| {
        let args = with(rest);
        ok(
            &sandbox,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };
    let run_json = |rest: &[&str]| {
        let args = with(rest);
        json(
            &sandbox,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };

    // create: -o json carries the private key once; the default text too, for a second key.
    let created = run_json(&["create", "--role", "ORG_MEMBER", "--desc", "lifecycle"]);
    let id = created["id"].as_str().unwrap().to_string();
    assert!(
        created["privateKey"]
            .as_str()
            .is_some_and(|k| !k.contains('*'))
    );
    let text = run_ok(&["create", "--role", "ORG_READ_ONLY", "--desc", "other"]);
    assert!(
        text.contains("Public API Key") || text.contains("PUBLIC KEY"),
        "{text}"
    );
    assert_eq!(emulator.api_keys(ORG).len(), 2);

    // accessLists create: an IP and a CIDR in one call (default text), one more IP with -o json.
    let access = ["accessLists", "create", "--apiKey", &id];
    let mut first = access.to_vec();
    first.extend(["--cidr", "198.51.100.0/24", "--ip", "192.0.2.1"]);
    assert_eq!(run_ok(&first), "Created new access list entry(s).\n");
    let mut second = access.to_vec();
    second.extend(["--ip", "192.0.2.2"]);
    let page = run_json(&second);
    assert_eq!(entries(&page).len(), 3, "the whole list comes back: {page}");
    // --currentIp: the host fetches the caller's address from Atlas first (the plan's `fetch`),
    // then posts it; the emulator reports the loopback address.
    let mut current = access.to_vec();
    current.push("--currentIp");
    assert_eq!(run_ok(&current), "Created new access list entry(s).\n");
    // Each request is answered once without credentials (the Digest challenge): keep the rest.
    let sent: Vec<_> = exchanges(&emulator)
        .into_iter()
        .filter(|(_, _, status)| *status != 401)
        .collect();
    let last: Vec<(&str, &str)> = sent[sent.len() - 2..]
        .iter()
        .map(|(method, path, _)| (method.as_str(), path.as_str()))
        .collect();
    let post = format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{id}/accessList");
    assert_eq!(
        last,
        [("GET", "/api/private/ipinfo"), ("POST", post.as_str())]
    );
    let want = [
        "127.0.0.1/32",
        "192.0.2.1/32",
        "192.0.2.2/32",
        "198.51.100.0/24",
    ];

    // accessLists list: the table and the page.
    let table = run_ok(&["accessLists", "list", &id]);
    let table = rows(&table);
    assert_eq!(table[0], ["IP ADDRESS", "CIDR BLOCK", "CREATED AT"]);
    assert_eq!(table.len(), 5, "{table:?}");
    assert!(
        table
            .iter()
            .any(|r| r[0] == "192.0.2.1" && r[1] == "192.0.2.1/32")
    );
    let listed = run_json(&["accessLists", "ls", &id]);
    assert_eq!(entries(&listed), want);

    // assign: new roles and description (default text), then again with -o json.
    assert_eq!(
        run_ok(&[
            "assign",
            &id,
            "--role",
            "ORG_READ_ONLY",
            "--desc",
            "renamed"
        ]),
        format!("API Key '{id}' successfully updated.\n")
    );
    let assigned = run_json(&[
        "updates",
        &id,
        "--role",
        "ORG_BILLING_ADMIN",
        "--desc",
        "final",
    ]);
    assert_eq!(assigned["desc"], "final");
    let roles: Vec<&str> = assigned["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["roleName"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["ORG_BILLING_ADMIN"]);

    // describe: the table and the document; the private key is masked from now on.
    let described = rows(&run_ok(&["describe", &id]));
    assert_eq!(
        described[0],
        ["ID", "DESCRIPTION", "PUBLIC KEY", "PRIVATE KEY"]
    );
    assert_eq!(described[1][0], id);
    assert_eq!(described[1][1], "final");
    let doc = run_json(&["show", &id]);
    assert_eq!(doc["id"], id.as_str());
    assert!(doc["privateKey"].as_str().unwrap().starts_with("********-"));

    // list: both keys, in the table and the page.
    let listed = run_ok(&["list"]);
    assert!(listed.contains(&id), "{listed}");
    let page = run_json(&["ls"]);
    let ids: Vec<&str> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&id.as_str()) && ids.len() == 2, "{page}");

    // accessLists delete of the CIDR entry: its slash goes escaped in the path.
    assert_eq!(
        run_ok(&[
            "accessLists",
            "rm",
            "198.51.100.0/24",
            "--apiKey",
            &id,
            "--force"
        ]),
        "Access list entry '198.51.100.0/24' deleted\n"
    );
    let escaped = format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{id}/accessList/198.51.100.0%2F24");
    assert!(
        exchanges(&emulator)
            .iter()
            .any(|(method, path, status)| method == "DELETE" && *path == escaped && *status == 204),
        "{:?}",
        exchanges(&emulator)
    );
    let left = run_json(&["accessLists", "list", &id]);
    assert_eq!(
        entries(&left),
        ["127.0.0.1/32", "192.0.2.1/32", "192.0.2.2/32"]
    );

    // delete the key, then describe it: Atlas's 404 as the Go CLI prints it, exit 1.
    assert_eq!(
        run_ok(&["delete", &id, "--force"]),
        format!("API Key '{id}' deleted\n")
    );
    assert_eq!(emulator.api_keys(ORG).len(), 1);
    let gone = sandbox.run(
        &with(&["describe", &id])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(gone.code, 1, "{gone:?}");
    assert_eq!(gone.stdout, "");
    let url = format!(
        "{}/api/atlas/v2/orgs/{ORG}/apiKeys/{id}",
        emulator.base_url()
    );
    assert!(
        gone.stderr.starts_with(&format!(
            "Error: {url} GET: HTTP 404 Not Found (Error code: \""
        )),
        "{}",
        gone.stderr
    );
}

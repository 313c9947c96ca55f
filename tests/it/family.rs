//! The rest of the `organizations apiKeys` family end to end, each command its own `.wasm`
//! dropped beside the others: the commands appear in help, and every check runs in the real
//! binary before any request (the emulator sees nothing).

use crate::support::*;

const PLUGINS: [&str; 6] = [
    "atlas_apikeys_describe",
    "atlas_apikeys_assign",
    "atlas_apikeys_delete",
    "atlas_accesslists_list",
    "atlas_accesslists_create",
    "atlas_accesslists_delete",
];

const KEY: &str = "6a793f752c88faeba59bba49";

fn sandbox(emulator: &Emulator) -> Sandbox {
    let mut sandbox = Sandbox::new();
    for plugin in PLUGINS {
        sandbox.add_plugin(&wasm(plugin));
    }
    sandbox.against(emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    sandbox
}

#[test]
fn each_command_appears_in_help_by_adding_its_wasm() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let help = sandbox.run(&["organizations", "apiKeys", "--help"]);
    for short in [
        "Return the details for the specified API key for your organization.",
        "Modify the roles or description for the specified organization API key.",
        "Remove the specified API key for your organization.",
    ] {
        assert!(help.stdout.contains(short), "{short}: {}", help.stdout);
    }
    let help = sandbox.run(&["organizations", "apiKeys", "accessLists", "--help"]);
    for short in [
        "Return all IP access list entries for your API Key.",
        "Create an IP access list entry for your API Key.",
        "Remove the specified IP access list entry from your API Key.",
    ] {
        assert!(help.stdout.contains(short), "{short}: {}", help.stdout);
    }
}

#[test]
fn every_rejected_invocation_exits_1_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let cases: [(&[&str], &str); 9] = [
        (
            &["organizations", "apiKeys", "show"],
            "\"atlas organizations apiKeys describe\" requires 1 argument, received 0\n\nUsage:  atlas organizations apiKeys describe <ID> [flags]",
        ),
        (
            &[
                "organizations",
                "apiKeys",
                "describe",
                KEY,
                "-o",
                "go-template={{.Name}}",
            ],
            "template: output:1:2: executing \"output\" at <.Name>: can't evaluate field Name in type *admin.ApiKeyUserDetails",
        ),
        (
            &["organizations", "apiKeys", "updates", KEY],
            "nothing to change\nhelp: give --role, --desc or both",
        ),
        (
            &[
                "organizations",
                "apiKeys",
                "assign",
                KEY,
                "--role",
                "ORG_OWNR",
            ],
            "invalid role \"ORG_OWNR\"\nhelp: did you mean \"ORG_OWNER\"? valid roles: ORG_OWNER, ORG_MEMBER, ORG_GROUP_CREATOR, ORG_BILLING_ADMIN, ORG_BILLING_READ_ONLY, ORG_STREAM_PROCESSING_ADMIN, ORG_READ_ONLY",
        ),
        (
            &["organizations", "apiKeys", "rm", KEY],
            "cannot ask \"Are you sure you want to delete: 6a793f752c88faeba59bba49\" without a terminal, so nothing was done\nhelp: pass --force to go ahead without being asked",
        ),
        (
            &[
                "organizations",
                "apiKeys",
                "accessLists",
                "ls",
                KEY,
                "--limit",
                "0",
            ],
            "--limit is 0\nhelp: give a limit of 1 to 500 items per page",
        ),
        (
            &[
                "organizations",
                "apiKeys",
                "accessLists",
                "create",
                "--apiKey",
                KEY,
            ],
            "either --ip, --cidr must be set",
        ),
        (
            &[
                "organizations",
                "apiKeys",
                "accessLists",
                "create",
                "--apiKey",
                KEY,
                "--cidr",
                "10.0.0.0/33",
            ],
            "invalid CIDR block \"10.0.0.0/33\"\nhelp: give an address and a prefix length, e.g. --cidr 203.0.113.0/24",
        ),
        (
            &[
                "organizations",
                "apiKeys",
                "accessLists",
                "rm",
                "10.0.0.0/24",
                "--force",
            ],
            "apiUserId is empty and must be specified",
        ),
    ];
    for (args, message) in cases {
        let run = sandbox.run(args);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (1, "", format!("Error: {message}\n").as_str()),
            "{args:?}"
        );
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}

//! The cross-host test vectors of `apiKeys accessLists delete`:
//! `tests/vectors/accesslists-delete.json`, each expected output written out. Rebuild with
//! `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-accesslists-delete vectors`.

use atlas_plugin_sdk::api::{FlagValue, Invocation, PlanOutput};
use atlas_plugin_testkit::VectorFile;
use atlas_plugin_testkit::build::{
    ORG, error, invocation, refused, render_input, request, s, stdout, yes,
};

const PATH: &str = "tests/vectors/accesslists-delete.json";
const KEY: &str = "6a793f752c88faeba59bba49";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49/accessList/10.0.0.0%2F24";
const USAGE: &str = "\n\nUsage:  atlas organizations apiKeys accessLists delete <entry> [flags]";

fn delete(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    let command = ["organizations", "apiKeys", "accessLists", "delete"];
    let mut all = vec![("apiKey", s(KEY))];
    all.extend(flags.iter().cloned());
    invocation(&command, &all, args, Some(ORG))
}

fn file() -> VectorFile {
    let mut file = VectorFile::confirming(
        "atlas_accesslists_delete.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-accesslists-delete vectors",
    );
    file.describe(
        "describe: the command, its alias and flags",
        &crate::describe(),
    );
    let force = || ("force", yes());
    let asked = || PlanOutput::Confirm {
        message: "Are you sure you want to delete: 10.0.0.0/24".into(),
        declined: "Access list entry not deleted\n".into(),
        force_flag: Some("force".into()),
    };
    let path = format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}/accessList");
    let command = ["organizations", "apiKeys", "accessLists", "delete"];
    let plans = [
        (
            "plan: a CIDR block's / is escaped",
            delete(&[force()], &["10.0.0.0/24"]),
            request("DELETE", &format!("{path}/10.0.0.0%2F24"), &[], None),
        ),
        (
            "plan: an IPv6 address",
            delete(&[force()], &["2001:db8::1"]),
            request("DELETE", &format!("{path}/2001:db8::1"), &[], None),
        ),
        (
            "plan: without --force the host asks the user first",
            delete(&[], &["10.0.0.0/24"]),
            asked(),
        ),
        (
            "plan: the user said yes to the host's question",
            Invocation {
                confirmed: true,
                ..delete(&[], &["10.0.0.0/24"])
            },
            request(
                "DELETE",
                &format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}/accessList/10.0.0.0%2F24"),
                &[],
                None,
            ),
        ),
        (
            "plan: no argument, before the org ID",
            invocation(&command, &[], &[], None),
            refused(&format!(
                "\"atlas organizations apiKeys accessLists delete\" requires 1 argument, received 0{USAGE}"
            )),
        ),
        (
            "plan: no org ID",
            invocation(&command, &[force()], &["10.0.0.1"], None),
            refused("required flag(s) \"orgId\" not set"),
        ),
        (
            "plan: no --apiKey, before any request",
            invocation(&command, &[force()], &["10.0.0.1"], Some(ORG)),
            refused("apiUserId is empty and must be specified"),
        ),
        (
            "plan: an empty --apiKey",
            delete(&[force(), ("apiKey", s(""))], &["10.0.0.1"]),
            refused("apiUserId is empty and must be specified"),
        ),
        (
            "plan: an empty entry",
            delete(&[force()], &[""]),
            refused("ipAddress is empty and must be specified"),
        ),
    ];
    for (name, input, output) in plans {
        file.plan(name, &input, &output);
    }
    let not_found = r#"{"detail":"No access list entry 10.0.0.0/24 exists for this API key.","error":404,"errorCode":"RESOURCE_NOT_FOUND","parameters":["10.0.0.0/24"],"reason":"Not Found"}"#;
    let renders = [
        (
            "render: the Go CLI's line for a 204",
            204,
            "",
            stdout("Access list entry '10.0.0.0/24' deleted\n"),
        ),
        (
            "render: an entry that does not exist",
            404,
            not_found,
            error(&format!(
                "{URL} DELETE: HTTP 404 Not Found (Error code: \"RESOURCE_NOT_FOUND\") Detail: No access list entry 10.0.0.0/24 exists for this API key. Reason: Not Found. Params: [10.0.0.0/24], BadRequestDetail: "
            )),
        ),
    ];
    for (name, status, body, output) in renders {
        let invocation = delete(&[force()], &["10.0.0.0/24"]);
        file.render(
            name,
            &render_input(invocation, ("DELETE", URL), status, body),
            &output,
        );
    }
    file
}

atlas_plugin_testkit::vectors_hold!(file, PATH);

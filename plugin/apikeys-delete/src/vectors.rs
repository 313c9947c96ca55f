//! The cross-host test vectors of `apiKeys delete`: `tests/vectors/apikeys-delete.json`, each
//! expected output written out. Rebuild with
//! `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-delete vectors`.

use atlas_plugin_sdk::api::{FlagValue, Invocation, PlanOutput};
use atlas_plugin_testkit::VectorFile;
use atlas_plugin_testkit::build::{
    ORG, error, invocation, refused, render_input, request, s, stdout, yes,
};

const PATH: &str = "tests/vectors/apikeys-delete.json";
const KEY: &str = "6a793f752c88faeba59bba49";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49";
const USAGE: &str = "\n\nUsage:  atlas organizations apiKeys delete <ID> [flags]";

fn delete(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    invocation(
        &["organizations", "apiKeys", "delete"],
        flags,
        args,
        Some(ORG),
    )
}

fn file() -> VectorFile {
    let mut file = VectorFile::confirming(
        "atlas_apikeys_delete.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-delete vectors",
    );
    file.describe(
        "describe: the command, its alias and flags",
        &crate::describe(),
    );
    let force = || ("force", yes());
    let asked = || PlanOutput::Confirm {
        message: "Are you sure you want to delete: 6a793f752c88faeba59bba49".into(),
        declined: "API Key not deleted\n".into(),
        force_flag: Some("force".into()),
    };
    let none = invocation(&["organizations", "apiKeys", "delete"], &[], &[], None);
    let plans = [
        (
            "plan: --force deletes",
            delete(&[force()], &[KEY]),
            request(
                "DELETE",
                &format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}"),
                &[],
                None,
            ),
        ),
        (
            "plan: without --force the host asks the user first",
            delete(&[], &[KEY]),
            asked(),
        ),
        (
            "plan: the user said yes to the host's question",
            Invocation {
                confirmed: true,
                ..delete(&[], &[KEY])
            },
            request(
                "DELETE",
                &format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}"),
                &[],
                None,
            ),
        ),
        (
            "plan: --force=false is no --force",
            delete(&[("force", FlagValue::Bool(false))], &[KEY]),
            asked(),
        ),
        (
            "plan: no argument, before the org ID",
            none.clone(),
            refused(&format!(
                "\"atlas organizations apiKeys delete\" requires 1 argument, received 0{USAGE}"
            )),
        ),
        (
            "plan: no org ID",
            Invocation {
                args: vec![KEY.into()],
                ..none
            },
            refused("required flag(s) \"orgId\" not set"),
        ),
        (
            "plan: a bad org ID",
            delete(&[force(), ("orgId", s("nope"))], &[KEY]),
            refused("the provided value 'nope' is not a valid ID"),
        ),
        (
            "plan: an empty ID, before the question",
            delete(&[], &[""]),
            refused("apiUserId is empty and must be specified"),
        ),
    ];
    for (name, input, output) in plans {
        file.plan(name, &input, &output);
    }
    let not_found = r#"{"detail":"No API key with ID 6a793f752c88faeba59bba49 exists.","error":404,"errorCode":"API_KEY_NOT_FOUND","parameters":["6a793f752c88faeba59bba49"],"reason":"Not Found"}"#;
    let renders = [
        (
            "render: the Go CLI's line for a 204",
            204,
            "",
            stdout("API Key '6a793f752c88faeba59bba49' deleted\n"),
        ),
        (
            "render: a key that does not exist",
            404,
            not_found,
            error(&format!(
                "{URL} DELETE: HTTP 404 Not Found (Error code: \"API_KEY_NOT_FOUND\") Detail: No API key with ID 6a793f752c88faeba59bba49 exists. Reason: Not Found. Params: [6a793f752c88faeba59bba49], BadRequestDetail: "
            )),
        ),
    ];
    for (name, status, body, output) in renders {
        let input = render_input(delete(&[force()], &[KEY]), ("DELETE", URL), status, body);
        file.render(name, &input, &output);
    }
    file
}

atlas_plugin_testkit::vectors_hold!(file, PATH);

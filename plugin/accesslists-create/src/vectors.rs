//! The cross-host test vectors of `apiKeys accessLists create`:
//! `tests/vectors/accesslists-create.json`, each expected output written out. Rebuild with
//! `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-accesslists-create vectors`.

use atlas_plugin_sdk::api::{
    FETCH_ABI_VERSION, FlagValue, HttpResponse, Invocation, NameValue, PlanOutput, RequestSpec,
};
use atlas_plugin_testkit::VectorFile;
use atlas_plugin_testkit::build::{
    ORG, error, invocation, refused, render_input, request, s, stdout, strings, yes,
};

const PATH: &str = "tests/vectors/accesslists-create.json";
const KEY: &str = "6a793f752c88faeba59bba49";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49/accessList?includeCount=true&itemsPerPage=100&pageNum=1";

/// The whole list after the entries were added.
const BODY: &str = r#"{"results":[{"cidrBlock":"203.0.113.10/32","created":"2026-12-01T09:00:01Z","ipAddress":"203.0.113.10"},{"cidrBlock":"10.0.0.0/24","created":"2026-12-01T09:00:01Z"}],"totalCount":2}"#;

fn create(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    let command = ["organizations", "apiKeys", "accessLists", "create"];
    let mut all = vec![("apiKey", s(KEY))];
    all.extend(flags.iter().cloned());
    invocation(&command, &all, args, Some(ORG))
}

fn post(body: &str) -> PlanOutput {
    let path = format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}/accessList");
    let query = [
        ("includeCount", "true"),
        ("itemsPerPage", "100"),
        ("pageNum", "1"),
    ];
    request("POST", &path, &query, Some(body))
}

/// `--currentIp` (and `flags`) once the host has Atlas's `ipinfo` answer.
fn fetched(flags: &[(&str, FlagValue)], status: u16, body: &str) -> Invocation {
    let mut all = vec![("currentIp", yes())];
    all.extend(flags.iter().cloned());
    Invocation {
        fetched: Some(HttpResponse {
            status,
            content_type: Some("application/json".into()),
            body: body.into(),
        }),
        ..create(&all, &[])
    }
}

fn file() -> VectorFile {
    let ipinfo = PlanOutput::Fetch {
        request: RequestSpec {
            method: "GET".into(),
            path: "/api/private/ipinfo".into(),
            headers: vec![NameValue::new("Accept", "application/json")],
            ..RequestSpec::default()
        },
    };
    let no_ip =
        "unable to find your public IP address. Specify the public IP address for this command";
    let mut file = VectorFile::new(
        "atlas_accesslists_create.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-accesslists-create vectors",
    )
    .speaking(FETCH_ABI_VERSION);
    file.describe("describe: the command and its flags", &crate::describe());
    let command = ["organizations", "apiKeys", "accessLists", "create"];
    let plans = [
        (
            "plan: --currentIp alone asks the host to fetch the caller's address first",
            create(&[("currentIp", yes())], &[]),
            ipinfo,
        ),
        (
            "plan: --currentIp is checked after every other check",
            create(&[("currentIp", yes()), ("ip", strings(&["nope"]))], &[]),
            refused(
                "invalid IP address \"nope\"\nhelp: give an IPv4 or IPv6 address, e.g. --ip 203.0.113.10",
            ),
        ),
        (
            "plan: the fetched address comes after every --ip and before every --cidr",
            fetched(
                &[
                    ("ip", strings(&["203.0.113.10"])),
                    ("cidr", strings(&["10.0.0.0/24"])),
                ],
                200,
                r#"{"currentIpv4Address":"52.190.182.226"}"#,
            ),
            post(
                r#"[{"ipAddress":"203.0.113.10"},{"ipAddress":"52.190.182.226"},{"cidrBlock":"10.0.0.0/24"}]"#,
            ),
        ),
        (
            "plan: an ipinfo answer that is an error is the Go CLI's message, nothing posted",
            fetched(&[], 500, r#"{"error":500}"#),
            refused(no_ip),
        ),
        (
            "plan: an ipinfo answer without an address is the Go CLI's message",
            fetched(&[], 200, r#"{"currentIpv4Address":""}"#),
            refused(no_ip),
        ),
        (
            "plan: IPs first, then CIDR blocks, each flag split as CSV",
            create(
                &[
                    ("cidr", strings(&["10.0.0.0/24"])),
                    ("ip", strings(&["203.0.113.10,2001:db8::1", "198.51.100.7"])),
                ],
                &[],
            ),
            post(
                r#"[{"ipAddress":"203.0.113.10"},{"ipAddress":"2001:db8::1"},{"ipAddress":"198.51.100.7"},{"cidrBlock":"10.0.0.0/24"}]"#,
            ),
        ),
        (
            "plan: one CIDR block",
            create(&[("cidr", strings(&["2001:db8::/32"]))], &[]),
            post(r#"[{"cidrBlock":"2001:db8::/32"}]"#),
        ),
        (
            "plan: a CSV error in --ip comes first",
            invocation(&command, &[("ip", strings(&["\"1.2.3.4"]))], &["x"], None),
            refused(
                "invalid argument \"\\\"1.2.3.4\" for \"--ip\" flag: parse error on line 1, column 9: extraneous or missing \" in quoted-field",
            ),
        ),
        (
            "plan: a stray argument",
            create(&[("ip", strings(&["1.2.3.4"]))], &["1.2.3.5"]),
            refused(
                "\"atlas organizations apiKeys accessLists create\" accepts no arguments\n\nUsage:  atlas organizations apiKeys accessLists create [flags]",
            ),
        ),
        (
            "plan: no org ID",
            invocation(&command, &[("ip", strings(&["1.2.3.4"]))], &[], None),
            refused("required flag(s) \"orgId\" not set"),
        ),
        (
            "plan: no --apiKey",
            invocation(&command, &[("ip", strings(&["1.2.3.4"]))], &[], Some(ORG)),
            refused("required flag(s) \"apiKey\" not set"),
        ),
        (
            "plan: neither --ip nor --cidr",
            create(&[("ip", strings(&[""]))], &[]),
            refused("either --ip, --cidr must be set"),
        ),
        (
            "plan: an unsupported output format",
            create(&[("ip", strings(&["1.2.3.4"])), ("output", s("yaml"))], &[]),
            refused(
                "unsupported output format \"yaml\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext",
            ),
        ),
        (
            "plan: a bad IP address",
            create(&[("ip", strings(&["1.2.3.256"]))], &[]),
            refused(
                "invalid IP address \"1.2.3.256\"\nhelp: give an IPv4 or IPv6 address, e.g. --ip 203.0.113.10",
            ),
        ),
        (
            "plan: a CIDR block without its prefix length",
            create(&[("cidr", strings(&["10.0.0.0"]))], &[]),
            refused(
                "invalid CIDR block \"10.0.0.0\"\nhelp: give an address and a prefix length, e.g. --cidr 203.0.113.0/24",
            ),
        ),
        (
            "plan: a prefix length longer than the address",
            create(&[("cidr", strings(&["10.0.0.0/33"]))], &[]),
            refused(
                "invalid CIDR block \"10.0.0.0/33\"\nhelp: give an address and a prefix length, e.g. --cidr 203.0.113.0/24",
            ),
        ),
        (
            "plan: an empty --apiKey, after the other checks (the Go SDK's)",
            create(&[("apiKey", s("")), ("ip", strings(&["1.2.3.4"]))], &[]),
            refused("apiUserId is empty and must be specified"),
        ),
    ];
    for (name, input, output) in plans {
        file.plan(name, &input, &output);
    }
    let conflict = r#"{"detail":"The access list entry 10.0.0.0/24 already exists.","error":409,"errorCode":"DUPLICATE_ACCESS_LIST_ENTRY","parameters":["10.0.0.0/24"],"reason":"Conflict"}"#;
    let ip = || ("ip", strings(&["203.0.113.10"]));
    let renders = [
        (
            "render: the Go CLI's text",
            create(&[ip()], &[]),
            200,
            BODY,
            stdout("Created new access list entry(s).\n"),
        ),
        (
            "render: json prints the whole list",
            create(&[ip(), ("output", s("json"))], &[]),
            200,
            r#"{"results":[{"cidrBlock":"203.0.113.10/32","ipAddress":"203.0.113.10"}],"totalCount":1}"#,
            stdout(
                "{\n  \"results\": [\n    {\n      \"cidrBlock\": \"203.0.113.10/32\",\n      \"ipAddress\": \"203.0.113.10\"\n    }\n  ],\n  \"totalCount\": 1\n}\n",
            ),
        ),
        (
            "render: an API error",
            create(&[ip()], &[]),
            409,
            conflict,
            error(
                "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49/accessList POST: HTTP 409 Conflict (Error code: \"DUPLICATE_ACCESS_LIST_ENTRY\") Detail: The access list entry 10.0.0.0/24 already exists. Reason: Conflict. Params: [10.0.0.0/24], BadRequestDetail: ",
            ),
        ),
    ];
    for (name, invocation, status, body, output) in renders {
        file.render(
            name,
            &render_input(invocation, ("POST", URL), status, body),
            &output,
        );
    }
    file
}

atlas_plugin_testkit::vectors_hold!(file, PATH);

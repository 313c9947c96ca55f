//! Why a case prints differently from Go: one cause category per mismatch, read from the case
//! (template text, body) and the two outputs. The names are issue 14's causes (bugs, listed in
//! `tests/go-oracle/known-bugs.tsv`) and the deliberate `[ours]` differences of
//! `docs/go-differences.md`; anything else is `unclassified`, which the test never accepts.

/// What the plugin's `render` gave: stdout, an error message, or a failed call (a trap).
#[derive(Debug, Clone, PartialEq)]
pub enum Ours {
    Stdout(String),
    Error(String),
    Trap(String),
}

/// What the Go oracle says the Go CLI prints.
#[derive(Debug, Clone)]
pub struct Go {
    pub stdout: Vec<u8>,
    pub error: Option<String>,
    pub decode_error: bool,
}

/// Same bytes on success, same message on failure (Go's partial stdout before an error is a
/// deliberate difference: we print the raw body instead, see docs/go-differences.md).
pub fn matches(go: &Go, ours: &Ours) -> bool {
    match (&go.error, ours) {
        (None, Ours::Stdout(text)) => text.as_bytes() == go.stdout.as_slice(),
        (Some(want), Ours::Error(got)) => want == got,
        _ => false,
    }
}

/// The `-o` values the Go CLI gives a meaning to; anything else prints the default text.
fn known_format(output: &str) -> bool {
    ["", "json", "plaintext"].contains(&output)
        || ["go-template=", "go-template-file=", "json-path="]
            .iter()
            .any(|p| output.starts_with(p))
}

/// A body Go's SDK decodes to the nil pointer (empty or `null`), which the Go CLI hands its
/// templates as an empty map, every field a missing key.
pub fn odd_body(_model: &str, body: &str) -> bool {
    let trimmed = body.trim();
    trimmed.is_empty() || trimmed == "null"
}

fn template(output: &str) -> &str {
    output.strip_prefix("go-template=").unwrap_or_default()
}

/// How many times `<no value>` is printed, escaped or not (Go prints `<nil>` for a nil pointer).
fn no_value(text: &str) -> usize {
    ["no value", "no+value"]
        .iter()
        .map(|n| text.matches(n).count())
        .sum()
}

/// The text with every `<no value>` read as `<nil>`, trailing blanks of each line dropped.
fn as_nil(text: &str) -> String {
    trim_lines(&text.replace("no value", "nil").replace("no+value", "nil"))
}

fn trim_lines(text: &str) -> String {
    text.split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The SDK members a template can name that a map view does not have, and the one the SDK lacks.
const SDK_MEMBERS: [&str; 6] = [
    "NullFields",
    "MarshalJSON",
    "Ok",
    ".Set",
    "HasResults",
    "GetResultsOk",
];

fn names_sdk_member(text: &str) -> bool {
    SDK_MEMBERS.iter().any(|m| text.contains(m))
}

/// The fields of the SDK structs a template reaches, by Go type name.
const SDK_FIELDS: [(&str, &[&str]); 4] = [
    (
        "admin.ApiKeyUserDetails",
        &["Desc", "Id", "Links", "PrivateKey", "PublicKey", "Roles"],
    ),
    ("admin.Link", &["Href", "Rel"]),
    (
        "admin.CloudAccessRoleAssignment",
        &["GroupId", "OrgId", "RoleName"],
    ),
    (
        "admin.PaginatedApiApiUser",
        &["Links", "Results", "TotalCount"],
    ),
];

/// The field a `can't evaluate field F in type T` message names.
fn refused_field(message: &str) -> Option<&str> {
    message
        .split("can't evaluate field ")
        .nth(1)?
        .split(' ')
        .next()
}

/// Where an execution error is (`template: output:2:145`).
fn place(message: &str) -> Option<&str> {
    message.split(": executing").next()
}

/// The type a `can't evaluate field F in type T` message names.
fn refused_type(message: &str) -> Option<&str> {
    message
        .split("can't evaluate field ")
        .nth(1)?
        .split(" in type ")
        .nth(1)
}

/// Whether our error refuses a field or method that the SDK's type has (`can't evaluate field
/// GetDescOk in type *admin.ApiKeyUserDetails`): our model lacks it. Any other refused field is
/// one Go refuses too once it gets there; when Go never does, that is `unrun-branch-field`.
fn refuses_sdk_member(message: &str) -> bool {
    let Some((name, ty)) = refused_field(message).zip(refused_type(message)) else {
        return false;
    };
    let Some((_, fields)) = SDK_FIELDS
        .iter()
        .find(|(t, _)| *t == ty.trim_start_matches('*'))
    else {
        return false;
    };
    let field = |x: &str| fields.contains(&x);
    let required = |x: &str| x == "Results";
    name == "NullFields"
        || name == "MarshalJSON"
        || field(name)
        || name
            .strip_prefix("Get")
            .is_some_and(|x| field(x) || x.strip_suffix("Ok").is_some_and(field))
        || name
            .strip_prefix("Has")
            .is_some_and(|x| field(x) && !required(x))
        || name.strip_prefix("Set").is_some_and(|x| {
            field(x)
                || x.strip_suffix("Nil")
                    .is_some_and(|x| field(x) && !required(x))
        })
}

const TRUTH: [&str; 9] = [
    "{{if", "{{with", "(and", "(or", "(not", "{{and", "{{or", "{{not", "{{else",
];

/// Whether a truth test in the template looks at a list (`{{if .Roles}}`) rather than a pointer.
fn tests_a_list(tpl: &str) -> bool {
    [
        "Roles}}",
        "Links}}",
        "Results}}",
        "Roles)",
        "Links)",
        "Results)",
    ]
    .iter()
    .any(|l| tpl.contains(l))
}

/// Whether the text holds a number in Go's heap (0xc000000000 to 0xc0ffffffff), which `%d` of
/// a pointer prints.
fn has_heap_address(text: &str) -> bool {
    // printed text may run on into the number (`{{printf "%d" .X}}{{.Y}}`): any 12 digits
    text.split(|c: char| !c.is_ascii_digit()).any(|run| {
        (0..run.len().saturating_sub(11)).any(|i| {
            run[i..i + 12]
                .parse::<u64>()
                .is_ok_and(|n| (0xc0_0000_0000..=0xc0_ffff_ffff).contains(&n))
        })
    })
}

/// Whether a truth test looks at what `print`/`printf`/`println` made of its arguments: Go
/// prints a non-nil pointer as its address (never empty), we print its value (maybe empty), so
/// the branch Go runs may not be ours.
fn tests_printed_pointer(tpl: &str) -> bool {
    TRUTH
        .iter()
        .any(|t| tpl.contains(&format!("{t} (print")) || tpl.contains(&format!("{t} print")))
}

/// A truth test that Go and a map view may decide differently: a pointer to `""` or `0` is true
/// in Go, and so is a pointer to an empty list.
fn truth_cause(tpl: &str, body: &str) -> Option<&'static str> {
    if !TRUTH.iter().any(|t| tpl.contains(t)) {
        return None;
    }
    let zero = body.contains("\"\"") || body.contains(":0");
    if body.contains("[]") && (tests_a_list(tpl) || !zero) {
        Some("empty-list-truth")
    } else if zero {
        Some("pointer-truth")
    } else {
        None
    }
}

/// The cause category of a mismatch.
pub fn classify(model: &str, output: &str, body: &str, go: &Go, ours: &Ours) -> &'static str {
    let tpl = template(output);
    let one_side_fails = || truth_cause(tpl, body).unwrap_or("unclassified");
    // We refuse to print an empty or `null` body (Go prints the nil pointer: `null`, or its
    // templates over an empty map, `<no value>` for every field, or their errors).
    if body.is_empty() && go.error.is_none() && matches!(ours, Ours::Error(_)) {
        return "empty-body";
    }
    if let Ours::Error(message) = ours {
        if body.is_empty() && message.contains("its body is empty") {
            return "empty-body";
        }
        if body.trim() == "null" && message.contains("its body is null") {
            return "null-body";
        }
    }
    if body.trim() == "null"
        && go.error.is_some()
        && matches!(ours, Ours::Stdout(t) if t == "null\n")
    {
        // `list -c -o json` of a nil page: Go falls back to a template that fails on it.
        return "null-body";
    }
    if let (true, Some(want), Ours::Error(message)) =
        (output.starts_with("json-path="), &go.error, ours)
    {
        // Both refuse the path; Go's message is text/scanner's, ours says where in words.
        if want.starts_with("parsing error: ") && message.starts_with("invalid JSONPath ") {
            return "jsonpath-parse-wording";
        }
    }
    match (&go.error, ours) {
        (_, Ours::Trap(message)) => {
            if message.contains("stack") {
                "wasm-stack"
            } else {
                "unclassified"
            }
        }
        (None, Ours::Stdout(text)) => {
            let want = String::from_utf8_lossy(&go.stdout);
            if trim_lines(&want) == trim_lines(text) {
                "tab-ended-cell"
            } else if odd_body(model, body) {
                "body-decode"
            } else if want.contains("0xc") || has_heap_address(&want) {
                // a pointer printed as such: in hex, or as a number by `%d` (Go's heap is at 0xc0…)
                "pointer-address"
            } else if tests_printed_pointer(tpl) {
                "pointer-address"
            } else if truth_cause(tpl, body) == Some("empty-list-truth") {
                // Go ran a branch we did not
                "empty-list-truth"
            } else if tpl.contains("printf") && (want.contains("%!") || tpl.contains("%T")) {
                "printf-type"
            } else if tpl.contains("printf") && (text.contains("\\u{") || tpl.contains("%q")) {
                "printf-verbs"
            } else if no_value(&want) != no_value(text)
                || as_nil(&want) == as_nil(text)
                || (tpl.contains("valueOrEmptySlice") && want.contains("<no value>"))
            {
                "escaper-nil"
            } else if text.contains("map[") && !want.contains("map[") {
                // a struct printed as our map view, where Go's `{…}` has no address in it
                "map-view-print"
            } else if text.contains("%!") && !want.contains("%!") {
                // Go formatted the pointer itself (`printf "%d"` of a nil pointer is `0`)
                "pointer-address"
            } else if let Some(cause) = truth_cause(tpl, body) {
                cause
            } else if names_sdk_member(tpl) {
                "sdk-members"
            } else {
                "unclassified"
            }
        }
        (None, Ours::Error(message)) => {
            if odd_body(model, body) {
                "body-decode"
            } else if output == "go-template=" {
                "empty-template"
            } else if !known_format(output) {
                "unknown-format"
            } else if refuses_sdk_member(message) {
                "sdk-members"
            } else if message.contains("wrong number of arg")
                && ["html", "js", "urlquery"]
                    .iter()
                    .any(|f| message.contains(f))
            {
                "escaper-args"
            } else if message.contains("can't evaluate field") {
                "unrun-branch-field"
            } else if message.contains("UTF-8") && std::str::from_utf8(&go.stdout).is_err() {
                "non-utf8-output"
            } else if message.contains("UTF-8 character boundary") {
                "slice-bytes"
            } else {
                one_side_fails()
            }
        }
        (Some(want), Ours::Stdout(_)) => {
            if tests_printed_pointer(tpl) {
                "pointer-address"
            } else if odd_body(model, body) {
                "body-decode"
            } else if truth_cause(tpl, body) == Some("empty-list-truth") {
                // Go ran a branch we did not, and failed in it
                "empty-list-truth"
            } else if names_sdk_member(want) {
                "sdk-members"
            } else if want.contains("for comparison")
                || want.contains("error calling slice")
                || want.contains("can't slice")
                || want.contains("error calling len")
                || want.contains("len of")
            {
                "pointer-ops-accepted"
            } else {
                one_side_fails()
            }
        }
        (Some(want), Ours::Error(message)) => {
            if go.decode_error {
                "decode-error"
            } else if odd_body(model, body) {
                "body-decode"
            } else if refuses_sdk_member(message) {
                "sdk-members"
            } else if refused_field(message).is_some()
                && (
                    refused_field(message),
                    refused_type(message),
                    place(message),
                ) != (refused_field(want), refused_type(want), place(want))
            {
                // Go failed elsewhere first: at run time, before it reached the field we refuse
                "unrun-branch-field"
            } else if tests_printed_pointer(tpl) {
                "pointer-address"
            } else if truth_cause(tpl, body) == Some("empty-list-truth") {
                // each side failed in the branch it ran
                "empty-list-truth"
            } else {
                "error-wording"
            }
        }
    }
}

//! What `describe` says, for any command of the `organizations apiKeys` family: the path
//! pieces with the Go CLI's aliases, the common flags with the Go CLI's help texts, the role
//! line every long help ends with, and the plugin's self-description.

use atlas_plugin_api::{
    ArgsSpec, CONFIRM_ABI_VERSION, CommandSpec, DescribeOutput, FETCH_ABI_VERSION, FlagKind,
    FlagSpec, OLDEST_ABI_VERSION, PathSegment,
};

const ORG_ID_HELP: &str = "Organization ID to use. This option overrides the settings in the \
configuration file or environment variable.";

const OUTPUT_HELP: &str = "Output format. Valid values are json, json-path, go-template, or \
go-template-file. To see the full output, use the -o json option.";

/// `--orgId`.
pub fn org_id_flag() -> FlagSpec {
    FlagSpec::new("orgId", None, FlagKind::String, ORG_ID_HELP)
}

/// `-o, --output` (not on the `delete` commands).
pub fn output_flag() -> FlagSpec {
    FlagSpec::new("output", Some("o"), FlagKind::String, OUTPUT_HELP)
}

const LIMIT_HELP: &str = "Number of items per results page, up to a maximum of 500. If you have \
more than 500 results, specify the --page option to change the results page.";

const OMIT_COUNT_HELP: &str = "Flag that indicates whether the JSON response returns the total \
number of items (totalCount) in the JSON response.";

const PAGE_HELP: &str = "Page number that specifies a page of results.";

/// A list command's `--limit`, `--omitCount` and `--page` (see [`crate::flags::Page`]), with the
/// Go CLI's texts and the defaults its help shows (`(default 100)`, `(default 1)`).
pub fn page_flags() -> [FlagSpec; 3] {
    [
        FlagSpec::new("limit", None, FlagKind::Int, LIMIT_HELP)
            .with_default(&crate::flags::DEFAULT_LIMIT.to_string()),
        FlagSpec::new("omitCount", None, FlagKind::Bool, OMIT_COUNT_HELP),
        FlagSpec::new("page", None, FlagKind::Int, PAGE_HELP)
            .with_default(&crate::flags::DEFAULT_PAGE.to_string()),
    ]
}

/// `--force` of the `delete` commands.
pub fn force_flag() -> FlagSpec {
    FlagSpec::new(
        "force",
        None,
        FlagKind::Bool,
        "Flag that indicates whether to skip the confirmation prompt before proceeding with the \
         requested action.",
    )
}

/// The sentence every command's long help ends with, for the role the command needs, e.g.
/// `Organization Member`.
pub fn role_line(role: &str) -> String {
    format!(
        "To use this command, you must authenticate with a user account, a service account, or \
         an API key with the {role} role."
    )
}

/// A path word and its aliases.
pub fn segment(name: &str, aliases: &[&str]) -> PathSegment {
    PathSegment::new(name, aliases)
}

/// `organizations apiKeys <name>`, with the Go CLI's aliases for each word.
pub fn api_keys_path(name: &str, aliases: &[&str]) -> Vec<PathSegment> {
    vec![
        segment("organizations", &["organization", "orgs", "org"]).group(
            "Manage your Atlas organizations.",
            "Create, list and manage your MongoDB organizations.",
        ),
        segment(
            "apiKeys",
            &["apikeys", "api-keys", "apiKey", "apikey", "api-key"],
        )
        .group("Organization API Keys operations.", ""),
        segment(name, aliases),
    ]
}

/// `organizations apiKeys accessLists <name>`, with the Go CLI's aliases for each word.
pub fn access_lists_path(name: &str, aliases: &[&str]) -> Vec<PathSegment> {
    let mut path = api_keys_path("accessLists", ACCESS_LISTS_ALIASES);
    if let Some(group) = path.last_mut() {
        *group = group
            .clone()
            .group("Manage the IP access list for your API Key.", "");
    }
    path.push(segment(name, aliases));
    path
}

const ACCESS_LISTS_ALIASES: &[&str] = &[
    "accesslists",
    "access-lists",
    "accessList",
    "accesslist",
    "access-list",
    "whitelists",
    "whitelist",
];

/// A command: its path, help texts and flags. (The one place a plugin of this family writes
/// the wire type out, so that a field the ABI adds is defaulted here for every command.)
pub fn spec(
    path: Vec<PathSegment>,
    short: &str,
    long: String,
    example: &str,
    flags: Vec<FlagSpec>,
) -> CommandSpec {
    CommandSpec {
        path,
        short: short.to_string(),
        long,
        example: example.to_string(),
        flags,
        ..CommandSpec::default()
    }
}

/// The command with the positional arguments it takes, which the host checks (with the Go
/// CLI's wording) before `plan` runs: `exactly(1, "<ID>")`, or `none()`.
pub fn takes(spec: CommandSpec, args: ArgsSpec) -> CommandSpec {
    CommandSpec {
        args: Some(args),
        ..spec
    }
}

/// A plugin of one command: its name, its version (the crate's) and the command. It declares the
/// oldest plugin ABI its hosts must speak (every field it uses since is one an older host
/// ignores), so it runs on every host.
pub fn describe(name: &str, version: &str, command: CommandSpec) -> DescribeOutput {
    describe_at(OLDEST_ABI_VERSION, name, version, command)
}

/// A plugin whose command asks the user to confirm (a delete): it needs the ABI's `confirm`
/// step, so it declares that version and older hosts refuse it naming the side to upgrade.
pub fn describe_confirming(name: &str, version: &str, command: CommandSpec) -> DescribeOutput {
    describe_at(CONFIRM_ABI_VERSION, name, version, command)
}

/// A plugin whose command reads from Atlas before its request (`--currentIp`): it needs the
/// ABI's `fetch` step.
pub fn describe_fetching(name: &str, version: &str, command: CommandSpec) -> DescribeOutput {
    describe_at(FETCH_ABI_VERSION, name, version, command)
}

fn describe_at(
    abi_version: u32,
    name: &str,
    version: &str,
    command: CommandSpec,
) -> DescribeOutput {
    DescribeOutput {
        abi_version,
        name: name.to_string(),
        version: version.to_string(),
        commands: vec![command],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_answer_to_the_go_cli_aliases() {
        let path = access_lists_path("list", &["ls"]);
        let words: Vec<_> = path.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(words, ["organizations", "apiKeys", "accessLists", "list"]);
        assert_eq!(path[0].aliases, ["organization", "orgs", "org"]);
        assert_eq!(
            path[1].aliases,
            ["apikeys", "api-keys", "apiKey", "apikey", "api-key"]
        );
        assert_eq!(path[2].aliases.len(), 7);
        assert_eq!(path[3].aliases, ["ls"]);
        assert_eq!(path[0].short, "Manage your Atlas organizations.");
        assert_eq!(path[1].short, "Organization API Keys operations.");
        assert_eq!(path[2].short, "Manage the IP access list for your API Key.");
        assert_eq!(path[3].short, "", "a command's own word is no group");
    }

    #[test]
    fn common_flags_carry_the_go_cli_texts() {
        assert_eq!(output_flag().shorthand.as_deref(), Some("o"));
        assert!(org_id_flag().help.starts_with("Organization ID to use."));
        assert_eq!(
            role_line("Organization Member"),
            "To use this command, you must authenticate with a user account, a service account, \
             or an API key with the Organization Member role."
        );
    }
}

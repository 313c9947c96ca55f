//! What `describe` returns: the plugin's identity and the `organizations apiKeys list` command
//! with its help texts and flags, worded as the Go CLI words them
//! (`internal/cli/organizations/apikeys/list.go`, `internal/cli/list_opts.go` and the usage
//! strings). Go's help shows `(default 100)` from the flag itself; our flags carry no default,
//! so the help says it as the Go CLI's docs page does.

use atlas_plugin_api::{
    CommandSpec, DescribeOutput, FlagKind, FlagSpec, OLDEST_ABI_VERSION, PathSegment,
};

const SHORT: &str = "Return all API keys for your organization.";

const LONG: &str = "To use this command, you must authenticate with a user account, a service \
account, or an API key with the Organization Member role.";

const EXAMPLE: &str = "  # Return a JSON-formatted list of organization API keys for the \
organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys list --orgId 5a1b39eec902201990f12345 --output json";

const COMPACT_HELP: &str = "Flag that enables the compact array response structure for a json \
output. The --compact option returns array objects as top-level responses and allows backward \
compatibility for scripts based on previous CLI versions. Omitting the --compact option for a \
json output returns array objects within a 'results' sub-array. You must specify --output json \
to use this option.";

const LIMIT_HELP: &str = "Number of items per results page, up to a maximum of 500. If you have \
more than 500 results, specify the --page option to change the results page. This value \
defaults to 100.";

const OMIT_COUNT_HELP: &str = "Flag that indicates whether the JSON response returns the total \
number of items (totalCount) in the JSON response.";

const ORG_ID_HELP: &str = "Organization ID to use. This option overrides the settings in the \
configuration file or environment variable.";

const OUTPUT_HELP: &str = "Output format. Valid values are json, json-path, go-template, or \
go-template-file. To see the full output, use the -o json option.";

const PAGE_HELP: &str = "Page number that specifies a page of results. This value defaults to 1.";

/// The plugin's self-description. `-P/--profile` and `-h/--help` are the host's to add.
pub fn describe() -> DescribeOutput {
    DescribeOutput {
        abi_version: OLDEST_ABI_VERSION,
        name: "apikeys-list".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        commands: vec![list_command()],
    }
}

fn list_command() -> CommandSpec {
    CommandSpec {
        path: vec![
            segment("organizations", &["organization", "orgs", "org"]),
            segment(
                "apiKeys",
                &["apikeys", "api-keys", "apiKey", "apikey", "api-key"],
            ),
            segment("list", &["ls"]),
        ],
        short: SHORT.to_string(),
        long: LONG.to_string(),
        example: EXAMPLE.to_string(),
        flags: vec![
            FlagSpec::new("compact", Some("c"), FlagKind::Bool, COMPACT_HELP),
            FlagSpec::new("limit", None, FlagKind::Int, LIMIT_HELP),
            FlagSpec::new("omitCount", None, FlagKind::Bool, OMIT_COUNT_HELP),
            FlagSpec::new("orgId", None, FlagKind::String, ORG_ID_HELP),
            FlagSpec::new("output", Some("o"), FlagKind::String, OUTPUT_HELP),
            FlagSpec::new("page", None, FlagKind::Int, PAGE_HELP),
        ],
        ..Default::default()
    }
}

fn segment(name: &str, aliases: &[&str]) -> PathSegment {
    PathSegment {
        name: name.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_one_command_at_the_current_abi() {
        let out = describe();
        assert_eq!(out.abi_version, OLDEST_ABI_VERSION);
        assert_eq!(out.name, "apikeys-list");
        assert_eq!(out.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(out.commands.len(), 1);
        assert_eq!(
            out.commands[0].words(),
            ["organizations", "apiKeys", "list"]
        );
    }

    #[test]
    fn path_answers_to_the_go_cli_aliases_including_ls() {
        let path = &describe().commands[0].path;
        assert_eq!(path[0].aliases, ["organization", "orgs", "org"]);
        assert_eq!(
            path[1].aliases,
            ["apikeys", "api-keys", "apiKey", "apikey", "api-key"]
        );
        assert_eq!(path[2].aliases, ["ls"]);
    }

    #[test]
    fn help_texts_match_the_go_cli() {
        let cmd = &describe().commands[0];
        assert_eq!(cmd.short, "Return all API keys for your organization.");
        assert!(cmd.long.ends_with("with the Organization Member role."));
        assert!(cmd.example.ends_with(
            "atlas organizations apiKeys list --orgId 5a1b39eec902201990f12345 --output json"
        ));
    }

    #[test]
    fn declares_the_go_cli_flags_with_their_kinds() {
        let flags = &describe().commands[0].flags;
        let table: Vec<_> = flags
            .iter()
            .map(|f| (f.name.as_str(), f.shorthand.as_deref(), f.kind))
            .collect();
        assert_eq!(
            table,
            [
                ("compact", Some("c"), FlagKind::Bool),
                ("limit", None, FlagKind::Int),
                ("omitCount", None, FlagKind::Bool),
                ("orgId", None, FlagKind::String),
                ("output", Some("o"), FlagKind::String),
                ("page", None, FlagKind::Int),
            ]
        );
        assert!(
            flags
                .iter()
                .all(|f| !f.required && !f.repeatable && !f.hidden)
        );
        assert!(flags[1].help.ends_with("This value defaults to 100."));
        assert!(flags[5].help.ends_with("This value defaults to 1."));
    }
}

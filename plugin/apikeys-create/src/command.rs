//! What `describe` returns: the plugin's identity and the `organizations apiKeys create`
//! command with its help texts and flags, worded as the Go CLI words them
//! (`internal/cli/organizations/apikeys/create.go` and its usage strings).

use atlas_plugin_api::{
    CommandSpec, DescribeOutput, FlagKind, FlagSpec, OLDEST_ABI_VERSION, PathSegment,
};

const SHORT: &str = "Create an API Key for your organization.";

const LONG: &str = "MongoDB returns the private API key only once. After you run this command, \
immediately copy, save, and secure both the public and private API keys.

To use this command, you must authenticate with a user account, a service account, or an API key \
with the Organization User Admin role.";

const EXAMPLE: &str = "  # Create an organization API key with organization owner access in the \
organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys create --role ORG_OWNER --desc \"My API Key\" --orgId \
5a1b39eec902201990f12345 --output json";

const DESC_HELP: &str = "Description of the API key.";

const ORG_ID_HELP: &str = "Organization ID to use. This option overrides the settings in the \
configuration file or environment variable.";

const OUTPUT_HELP: &str = "Output format. Valid values are json, json-path, go-template, or \
go-template-file. To see the full output, use the -o json option.";

const ROLE_HELP: &str = "Role or roles that you want to assign to the API key. To assign more \
than one role, specify each role with a separate role flag or specify all of the roles as a \
comma-separated list using one role flag. For the full list of accepted values, see the Items \
Enum for the corresponding Atlas API endpoint: \
https://www.mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/Programmatic-API-Keys/operation/createApiKey. \
To learn more about organization level user roles, see: https://dochub.mongodb.org/core/atlas-org-roles.";

/// The plugin's self-description. `-P/--profile` and `-h/--help` are the host's to add.
pub fn describe() -> DescribeOutput {
    DescribeOutput {
        abi_version: OLDEST_ABI_VERSION,
        name: "apikeys-create".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        commands: vec![create_command()],
    }
}

fn create_command() -> CommandSpec {
    CommandSpec {
        path: vec![
            segment("organizations", &["organization", "orgs", "org"]),
            segment(
                "apiKeys",
                &["apikeys", "api-keys", "apiKey", "apikey", "api-key"],
            ),
            segment("create", &[]),
        ],
        short: SHORT.to_string(),
        long: LONG.to_string(),
        example: EXAMPLE.to_string(),
        flags: vec![
            FlagSpec::new("desc", None, FlagKind::String, DESC_HELP).required(),
            FlagSpec::new("orgId", None, FlagKind::String, ORG_ID_HELP),
            FlagSpec::new("output", Some("o"), FlagKind::String, OUTPUT_HELP),
            FlagSpec::new("role", None, FlagKind::Strings, ROLE_HELP).required(),
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
        assert_eq!(out.name, "apikeys-create");
        assert_eq!(out.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(out.commands.len(), 1);
        assert_eq!(
            out.commands[0].words(),
            ["organizations", "apiKeys", "create"]
        );
    }

    #[test]
    fn path_answers_to_the_go_cli_aliases() {
        let path = &describe().commands[0].path;
        assert_eq!(path[0].aliases, ["organization", "orgs", "org"]);
        assert_eq!(
            path[1].aliases,
            ["apikeys", "api-keys", "apiKey", "apikey", "api-key"]
        );
        assert!(path[2].aliases.is_empty());
    }

    #[test]
    fn help_texts_match_the_go_cli() {
        let cmd = &describe().commands[0];
        assert_eq!(cmd.short, "Create an API Key for your organization.");
        assert!(
            cmd.long
                .starts_with("MongoDB returns the private API key only once. After you run")
        );
        assert!(cmd.long.contains("API keys.\n\nTo use this command, you must authenticate with a user account, a service account, or an API key with the Organization User Admin role."));
        assert_eq!(
            cmd.example,
            "  # Create an organization API key with organization owner access in the organization with the ID 5a1b39eec902201990f12345:\n  atlas organizations apiKeys create --role ORG_OWNER --desc \"My API Key\" --orgId 5a1b39eec902201990f12345 --output json"
        );
    }

    #[test]
    fn declares_the_command_flags_but_not_the_host_ones() {
        let flags = &describe().commands[0].flags;
        let names: Vec<_> = flags.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["desc", "orgId", "output", "role"]);
        let by_name = |n: &str| flags.iter().find(|f| f.name == n).unwrap();
        assert!(by_name("desc").required && by_name("role").required);
        assert!(!by_name("orgId").required && !by_name("output").required);
        assert_eq!(by_name("role").kind, FlagKind::Strings);
        assert!(by_name("role").repeatable && !by_name("desc").repeatable);
        assert_eq!(by_name("output").shorthand.as_deref(), Some("o"));
        assert_eq!(by_name("desc").help, "Description of the API key.");
        assert!(
            by_name("role")
                .help
                .ends_with("see: https://dochub.mongodb.org/core/atlas-org-roles.")
        );
    }
}

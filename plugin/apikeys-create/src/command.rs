//! What `describe` returns: the plugin's identity and the `organizations apiKeys create`
//! command with its help texts and flags, worded as the Go CLI words them
//! (`internal/cli/organizations/apikeys/create.go` and its usage strings).

use atlas_plugin_sdk::api::{ArgsSpec, DescribeOutput, FlagKind, FlagSpec};
use atlas_plugin_sdk::command::{self, api_keys_path, org_id_flag, output_flag};
use atlas_plugin_sdk::roles::ROLE_HELP;

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

/// The plugin's self-description. `-P/--profile` and `-h/--help` are the host's to add.
pub fn describe() -> DescribeOutput {
    let create = command::spec(
        api_keys_path("create", &[]),
        SHORT,
        LONG.to_string(),
        EXAMPLE,
        vec![
            FlagSpec::new("desc", None, FlagKind::String, DESC_HELP).required(),
            org_id_flag(),
            output_flag(),
            FlagSpec::new("role", None, FlagKind::Strings, ROLE_HELP).required(),
        ],
    );
    command::describe(
        "apikeys-create",
        env!("CARGO_PKG_VERSION"),
        command::takes(create, ArgsSpec::none()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_sdk::api::OLDEST_ABI_VERSION;

    #[test]
    fn describes_one_command_at_the_oldest_abi_every_host_speaks() {
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

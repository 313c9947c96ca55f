//! What `describe` returns: the plugin's identity and the `organizations apiKeys list` command
//! with its help texts and flags, worded as the Go CLI words them
//! (`internal/cli/organizations/apikeys/list.go`, `internal/cli/list_opts.go` and the usage
//! strings). Go's help shows `(default 100)` from the flag itself; our flags carry no default,
//! so the help says it as the Go CLI's docs page does.

use atlas_plugin_sdk::api::{ArgsSpec, DescribeOutput, FlagKind, FlagSpec};
use atlas_plugin_sdk::command::{
    self, api_keys_path, org_id_flag, output_flag, page_flags, role_line,
};

const SHORT: &str = "Return all API keys for your organization.";

const EXAMPLE: &str = "  # Return a JSON-formatted list of organization API keys for the \
organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys list --orgId 5a1b39eec902201990f12345 --output json";

const COMPACT_HELP: &str = "Flag that enables the compact array response structure for a json \
output. The --compact option returns array objects as top-level responses and allows backward \
compatibility for scripts based on previous CLI versions. Omitting the --compact option for a \
json output returns array objects within a 'results' sub-array. You must specify --output json \
to use this option.";

/// The plugin's self-description. `-P/--profile` and `-h/--help` are the host's to add.
pub fn describe() -> DescribeOutput {
    let [limit, omit_count, page] = page_flags();
    let list = command::spec(
        api_keys_path("list", &["ls"]),
        SHORT,
        role_line("Organization Member"),
        EXAMPLE,
        vec![
            FlagSpec::new("compact", Some("c"), FlagKind::Bool, COMPACT_HELP),
            limit,
            omit_count,
            org_id_flag(),
            output_flag(),
            page,
        ],
    );
    command::describe(
        "apikeys-list",
        env!("CARGO_PKG_VERSION"),
        command::takes(list, ArgsSpec::none()),
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
        assert_eq!(out.name, "apikeys-list");
        assert_eq!(out.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(out.commands.len(), 1);
        assert_eq!(
            out.commands[0].words(),
            ["organizations", "apiKeys", "list"]
        );
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
        assert_eq!(
            (flags[1].default.as_str(), flags[5].default.as_str()),
            ("100", "1")
        );
    }
}

//! Table tests for the command line built from a `describe`-like spec.

use super::*;
use atlas_plugin_api::{FlagSpec, PathSegment};

fn segment(name: &str, aliases: &[&str]) -> PathSegment {
    PathSegment {
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        ..Default::default()
    }
}

fn flag(name: &str, short: Option<&str>, kind: FlagKind) -> FlagSpec {
    FlagSpec {
        name: name.into(),
        shorthand: short.map(Into::into),
        kind,
        ..Default::default()
    }
}

fn specs() -> Vec<CommandSpec> {
    vec![CommandSpec {
        path: vec![
            segment("organizations", &["orgs", "org"]),
            segment("apiKeys", &["apikeys", "api-keys"]),
            segment("create", &[]),
        ],
        short: "Create an API Key for your organization.".into(),
        flags: vec![
            flag("desc", None, FlagKind::String),
            flag("role", None, FlagKind::Strings),
            flag("orgId", None, FlagKind::String),
            flag("output", Some("o"), FlagKind::String),
            flag("limit", None, FlagKind::Int),
            flag("compact", Some("c"), FlagKind::Bool),
        ],
        ..Default::default()
    }]
}

fn run(args: &[&str]) -> Result<Parsed, String> {
    let argv: Vec<OsString> = std::iter::once("atlas")
        .chain(args.iter().copied())
        .map(Into::into)
        .collect();
    let specs = specs();
    parse(&argv, &specs.iter().collect::<Vec<_>>())
}

fn dispatch(args: &[&str]) -> Dispatch {
    match run(args) {
        Ok(Parsed::Run(d)) => d,
        other => panic!("{args:?}: {other:?}"),
    }
}

#[test]
fn parses_the_seed_example_into_flag_values() {
    let d = dispatch(&[
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_OWNER",
        "--desc",
        "My API Key",
        "--orgId",
        "5a1b39eec902201990f12345",
        "--output",
        "json",
    ]);
    assert_eq!(d.command, 0);
    assert_eq!(d.flags["desc"], FlagValue::String("My API Key".into()));
    assert_eq!(
        d.flags["role"],
        FlagValue::Strings(vec!["ORG_OWNER".into()])
    );
    assert_eq!(d.flags["output"], FlagValue::String("json".into()));
    assert!(!d.flags.contains_key("compact"));
    assert!(d.args.is_empty());
}

#[test]
fn aliases_short_flags_equals_and_repeats() {
    let d = dispatch(&[
        "orgs",
        "api-keys",
        "create",
        "--role=A,B",
        "--role",
        "C",
        "-ojson",
        "--desc=",
        "-c",
    ]);
    assert_eq!(
        d.flags["role"],
        FlagValue::Strings(vec!["A,B".into(), "C".into()])
    );
    assert_eq!(d.flags["output"], FlagValue::String("json".into()));
    assert_eq!(d.flags["desc"], FlagValue::String(String::new()));
    assert_eq!(d.flags["compact"], FlagValue::Bool(true));
}

#[test]
fn profile_flag_works_anywhere_and_positionals_pass_through() {
    let d = dispatch(&[
        "-P", "work", "orgs", "apikeys", "create", "extra", "--desc", "d",
    ]);
    assert_eq!(d.profile.as_deref(), Some("work"));
    assert_eq!(d.args, vec!["extra".to_string()]);
    let d = dispatch(&["orgs", "apikeys", "create", "--profile", "p2"]);
    assert_eq!(d.profile.as_deref(), Some("p2"));
}

#[test]
fn parse_errors_use_go_wording() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["orgs", "apikeys", "create", "--foo"],
            "unknown flag: --foo",
        ),
        (
            &["orgs", "apikeys", "create", "--foo=1"],
            "unknown flag: --foo",
        ),
        (
            &["orgs", "apikeys", "create", "-x"],
            "unknown shorthand flag: 'x' in -x",
        ),
        (
            &["orgs", "apikeys", "create", "--desc"],
            "flag needs an argument: --desc",
        ),
        (
            &["orgs", "apikeys", "create", "-o"],
            "flag needs an argument: 'o' in -o",
        ),
        (
            &["orgs", "apikeys", "create", "--limit", "x"],
            "invalid argument \"x\" for \"--limit\" flag: strconv.ParseInt: parsing \"x\": invalid syntax",
        ),
        (&["nope"], "unknown command \"nope\" for \"atlas\""),
        (
            &["orgs", "apikeys", "creat"],
            "unknown command \"creat\" for \"atlas organizations apiKeys\"\n\nDid you mean this?\n\tcreate\n\nRun 'atlas organizations apiKeys --help' for usage.",
        ),
    ];
    for (args, want) in cases {
        assert_eq!(run(args), Err(want.to_string()), "{args:?}");
    }
}

#[test]
fn help_is_printed_not_an_error() {
    for args in [
        &["--help"][..],
        &["orgs", "apikeys", "create", "-h"],
        &[],
        &["orgs"],
    ] {
        match run(args) {
            Ok(Parsed::Help(text)) => assert!(text.contains("Usage:"), "{args:?}: {text}"),
            other => panic!("{args:?}: {other:?}"),
        }
    }
    let Ok(Parsed::Help(text)) = run(&["--help"]) else {
        panic!()
    };
    assert!(text.contains("organizations"), "{text}");
}

fn spec(path: &[(&str, &[&str])], short: &str) -> CommandSpec {
    CommandSpec {
        path: path.iter().map(|(n, a)| segment(n, a)).collect(),
        short: short.into(),
        flags: vec![flag("output", Some("o"), FlagKind::String)],
        ..Default::default()
    }
}

#[test]
fn a_repeated_flag_keeps_the_last_value_and_a_list_every_one() {
    let d = dispatch(&[
        "orgs",
        "apikeys",
        "create",
        "--desc",
        "a",
        "--desc",
        "b",
        "--role",
        "A",
        "--role",
        "B",
        "--limit",
        "1",
        "--limit",
        "0x10",
        "-c",
        "--compact=false",
    ]);
    assert_eq!(d.flags["desc"], FlagValue::String("b".into()));
    assert_eq!(
        d.flags["role"],
        FlagValue::Strings(vec!["A".into(), "B".into()])
    );
    assert_eq!(d.flags["limit"], FlagValue::Int(16));
    assert_eq!(d.flags["compact"], FlagValue::Bool(false));
}

#[test]
fn local_flags_may_come_before_the_subcommand_as_in_cobra() {
    let d = dispatch(&[
        "organizations",
        "--orgId",
        "X",
        "apiKeys",
        "--desc",
        "apiKeys",
        "create",
        "-P",
        "p",
    ]);
    assert_eq!(d.flags["orgId"], FlagValue::String("X".into()));
    // The word after a flag that takes a value is its value, never a command.
    assert_eq!(d.flags["desc"], FlagValue::String("apiKeys".into()));
    assert_eq!(d.profile.as_deref(), Some("p"));
    assert!(d.args.is_empty());
}

#[test]
fn a_double_dash_ends_the_flags() {
    let d = dispatch(&[
        "orgs", "apikeys", "create", "--desc", "d", "--", "--role", "-h",
    ]);
    assert_eq!(d.args, ["--role", "-h"]);
    assert!(!d.flags.contains_key("role"));
    assert!(
        matches!(run(&["orgs", "--", "apikeys", "create"]), Err(e) if e.starts_with("unknown command \"apikeys\" for \"atlas organizations\""))
    );
}

#[test]
fn help_of_an_unknown_topic_goes_to_stderr_with_the_roots_usage() {
    let Ok(Parsed::HelpOnStderr(text)) = run(&["help", "nope"]) else {
        panic!()
    };
    assert!(
        text.starts_with("Unknown help topic [`nope`]\nUsage:\n  atlas [command]\n"),
        "{text}"
    );
    let Ok(Parsed::Help(text)) = run(&["help", "orgs", "apikeys", "creat"]) else {
        panic!()
    };
    assert_eq!(Ok(Parsed::Help(text)), run(&["orgs", "apikeys", "--help"]));
}

#[test]
fn every_builtin_is_in_the_tree_with_its_flags_and_argument_count() {
    assert_eq!(
        run(&["plugin", "install", "--force", "a.wasm", "--sha256", "ab"]),
        Ok(Parsed::Plugin(PluginCommand::Install {
            source: "a.wasm".into(),
            force: true,
            sha256: Some("ab".into()),
        }))
    );
    assert_eq!(
        run(&["plugin", "update"]),
        Ok(Parsed::Plugin(PluginCommand::Update {
            name: None,
            sha256: None
        }))
    );
    assert_eq!(
        run(&["plugin", "update", "a", "b"]),
        Err("\"atlas plugin update\" accepts at most 1 argument, received 2\n\nUsage:  atlas plugin update [name] [flags]".into())
    );
    assert_eq!(
        run(&["completion", "zsh"]),
        Ok(Parsed::Completion("zsh".into()))
    );
    assert_eq!(
        run(&["plugin", "ls"]),
        Ok(Parsed::Plugin(PluginCommand::List))
    );
    assert_eq!(
        run(&["plugin", "uninstall"]),
        Err("\"atlas plugin uninstall\" requires 1 argument, received 0\n\nUsage:  atlas plugin uninstall <name> [flags]".into())
    );
    for builtin in builtins::all() {
        let mut args: Vec<&str> = builtin.spec.path.iter().map(|s| s.name.as_str()).collect();
        args.push("--help");
        assert!(matches!(run(&args), Ok(Parsed::Help(_))), "{args:?}");
    }
}

#[test]
fn groups_take_the_first_text_given_and_every_plugins_aliases() {
    let bare = spec(&[("organizations", &["orgs"]), ("list", &[])], "List orgs.");
    let mut described = spec(
        &[
            ("organizations", &["organization"]),
            ("apiKeys", &[]),
            ("describe", &[]),
        ],
        "Describe a key.",
    );
    described.path[0].short = "Manage your Atlas organizations.".into();
    described.path[0].long = "Create, list and manage your MongoDB organizations.".into();
    described.path[1].short = "Organization API Keys operations.".into();
    described.args = Some(atlas_plugin_api::ArgsSpec::exactly(1, "<ID>"));
    let mut other = described.clone();
    other.path[0].short = "Another text, given later.".into();
    other.path[2].name = "delete".into();
    let specs = [&bare, &described, &other];
    let run = |args: &[&str]| {
        let argv: Vec<OsString> = std::iter::once("atlas")
            .chain(args.iter().copied())
            .map(Into::into)
            .collect();
        parse(&argv, &specs)
    };
    let Ok(Parsed::Help(root)) = run(&["--help"]) else {
        panic!()
    };
    let line = root
        .lines()
        .find(|l| l.trim_start().starts_with("organizations"))
        .unwrap();
    assert!(
        line == "  organizations Manage your Atlas organizations.",
        "{root}"
    );
    let Ok(Parsed::Help(group)) = run(&["organization", "--help"]) else {
        panic!("the second plugin's alias")
    };
    assert!(
        group.starts_with(
            "Manage your Atlas organizations. Create, list and manage your MongoDB organizations.\n"
        ),
        "{group}"
    );
    assert!(
        group.contains("Organization API Keys operations."),
        "{group}"
    );
    let ran = run(&["orgs", "apiKeys", "describe", "x"]);
    assert!(matches!(ran, Ok(Parsed::Run(_))), "{ran:?}");
    assert_eq!(
        run(&["orgs", "apiKeys", "describe"]),
        Err("\"atlas organizations apiKeys describe\" requires 1 argument, received 0\n\nUsage:  atlas organizations apiKeys describe <ID> [flags]".into())
    );
    // Flag errors come first, as pflag's parsing comes before cobra's argument check.
    assert_eq!(
        run(&["orgs", "apiKeys", "describe", "--nope"]),
        Err("unknown flag: --nope".into())
    );
}

#[test]
fn every_config_command_and_alias_parses_as_the_go_cli_has_them() {
    use crate::config::cmd::{ConfigCommand, Invocation};
    let config = |args: &[&str]| match run(args) {
        Ok(Parsed::Config(Invocation { command, profile })) => Ok((command, profile)),
        other => Err(format!("{other:?}")),
    };
    let cases: &[(&[&str], ConfigCommand)] = &[
        (
            &["config", "init", "--gov"],
            ConfigCommand::Init { gov: true },
        ),
        (
            &["config", "set", "org_id", "1"],
            ConfigCommand::Set {
                property: "org_id".into(),
                value: "1".into(),
            },
        ),
        (&["config", "ls"], ConfigCommand::List { output: None }),
        (
            &["config", "get", "work", "-o", "json"],
            ConfigCommand::Describe {
                name: "work".into(),
                output: Some("json".into()),
            },
        ),
        (
            &["config", "mv", "a", "b"],
            ConfigCommand::Rename {
                from: "a".into(),
                to: "b".into(),
            },
        ),
        (
            &["config", "rm", "a", "--force"],
            ConfigCommand::Delete {
                name: "a".into(),
                force: true,
            },
        ),
    ];
    for (args, want) in cases {
        assert_eq!(config(args).map(|c| c.0).as_ref(), Ok(want), "{args:?}");
    }
    let with_profile = config(&["config", "set", "output", "json", "-P", "w"]).unwrap();
    assert_eq!(with_profile.1.as_deref(), Some("w"));
}

#[test]
fn config_argument_counts_and_unknown_words_get_the_go_clis_wording() {
    assert_eq!(
        run(&["config", "set", "org_id"]),
        Err("\"atlas config set\" requires 2 arguments, received 1\n\nUsage:  atlas config set <propertyName> <value> [flags]".into())
    );
    assert_eq!(
        run(&["config", "delete"]),
        Err("\"atlas config delete\" requires 1 argument, received 0\n\nUsage:  atlas config delete <name> [flags]".into())
    );
    assert_eq!(
        run(&["config", "list", "x"]),
        Err(
            "\"atlas config list\" accepts no arguments\n\nUsage:  atlas config list [flags]"
                .into()
        )
    );
    assert_eq!(
        run(&["config", "lst"]),
        Err("unknown command \"lst\" for \"atlas config\"\n\nDid you mean this?\n\tset\n\tlist\n\nRun 'atlas config --help' for usage.".into())
    );
}

#[test]
fn auth_flags_parse_into_the_command_with_the_go_clis_wording() {
    use crate::auth::cmd::{AuthCommand, AuthRun};
    let auth = |args: &[&str]| match run(args) {
        Ok(Parsed::Auth(run)) => Ok(run),
        other => Err(format!("{other:?}")),
    };
    let got = auth(&[
        "auth",
        "login",
        "--authType",
        "APIKeys",
        "--publicApiKey",
        "p",
        "-P",
        "work",
        "-D",
    ])
    .unwrap();
    let AuthRun {
        command: AuthCommand::Login(args),
        profile,
        debug,
    } = got
    else {
        panic!()
    };
    assert_eq!(args.auth_type.as_deref(), Some("APIKeys"));
    assert_eq!(args.public_api_key.as_deref(), Some("p"));
    assert_eq!((profile.as_deref(), debug), (Some("work"), true));
    assert_eq!(
        auth(&["auth", "logout", "--force"]).unwrap().command,
        AuthCommand::Logout {
            force: true,
            keep: false
        }
    );
    assert_eq!(
        run(&["auth", "whoami", "me"]),
        Err(
            "\"atlas auth whoami\" accepts no arguments\n\nUsage:  atlas auth whoami [flags]"
                .into()
        )
    );
    assert_eq!(
        run(&["auth", "logut"]),
        Err("unknown command \"logut\" for \"atlas auth\"\n\nDid you mean this?\n\tlogin\n\tlogout\n\nRun 'atlas auth --help' for usage.".into())
    );
}

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
            "unknown command \"creat\" for \"atlas organizations apiKeys\"\n\nDid you mean this?\n\tcreate",
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
fn the_typed_words_tree_answers_exactly_as_the_whole_tree() {
    let create = specs().remove(0);
    // `orgs` is this group's name and the create command's alias: the first inserted wins it.
    let orgs_list = spec(&[("orgs", &[]), ("list", &[])], "Orgs.");
    let keys_list = spec(
        &[
            ("organizations", &["orgs"]),
            ("apiKeys", &[]),
            ("list", &["ls"]),
        ],
        "List keys.",
    );
    let projects = spec(&[("projects", &["p"]), ("list", &[])], "Projects.");
    let sets: [Vec<&CommandSpec>; 3] = [
        vec![&create, &keys_list, &projects],
        vec![&orgs_list, &create, &keys_list, &projects],
        vec![&projects, &create, &orgs_list],
    ];
    let argvs: &[&[&str]] = &[
        &[
            "organizations",
            "apiKeys",
            "create",
            "--desc",
            "d",
            "-o",
            "json",
        ],
        &["orgs", "apiKeys", "create", "--orgId", "x"],
        &["org", "api-keys", "create", "list"],
        &["organizations", "apiKeys", "ls", "-o", "json"],
        &["orgs", "list"],
        &["orgs", "apiKeys", "create", "--help"],
        &["organizations", "apiKeys"],
        &["p", "list", "--nope"],
        &["help", "organizations", "apiKeys", "create"],
        &["--help"],
        &["-P", "list", "projects", "list"],
    ];
    for set in &sets {
        for args in argvs {
            let argv: Vec<OsString> = std::iter::once("atlas")
                .chain(args.iter().copied())
                .map(Into::into)
                .collect();
            let whole = parse_with(&argv, set, |_| true);
            assert_eq!(parse(&argv, set), whole, "{args:?} with {set:?}");
        }
    }
    // And the shadowing case really differs from a tree of the create command alone.
    let argv: Vec<OsString> = ["atlas", "orgs", "apiKeys", "create"]
        .map(Into::into)
        .to_vec();
    assert!(
        matches!(parse(&argv, &sets[1]), Err(e) if e.starts_with("unknown command \"apiKeys\""))
    );
    assert!(matches!(parse(&argv, &sets[0]), Ok(Parsed::Run(_))));
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
        line.contains("organizations  Manage your Atlas organizations."),
        "{root}"
    );
    let Ok(Parsed::Help(group)) = run(&["organization", "--help"]) else {
        panic!("the second plugin's alias")
    };
    assert!(
        group.starts_with("Create, list and manage your MongoDB organizations."),
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

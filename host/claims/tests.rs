//! Table tests for what a plugin may declare, and a check that whatever is accepted builds a
//! command tree whose every command answers `--help`.

use super::*;
use atlas_plugin_api::{FlagKind, FlagSpec, PathSegment};

fn seg(name: &str, aliases: &[&str]) -> PathSegment {
    PathSegment::new(name, aliases)
}

fn command(path: &[(&str, &[&str])], flags: &[(&str, Option<&str>)]) -> CommandSpec {
    CommandSpec {
        path: path.iter().map(|(n, a)| seg(n, a)).collect(),
        flags: flags
            .iter()
            .map(|(n, s)| FlagSpec {
                name: n.to_string(),
                shorthand: s.map(str::to_string),
                kind: FlagKind::String,
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn create() -> CommandSpec {
    command(
        &[
            ("organizations", &["organization", "orgs", "org"]),
            ("apiKeys", &["apikeys", "api-keys"]),
            ("create", &[]),
        ],
        &[("orgId", None), ("output", Some("o"))],
    )
}

#[test]
fn refuses_malformed_reserved_and_repeated_declarations() {
    let long = "x".repeat(MAX_SHORT + 1);
    let mut texts = command(&[("a", &[])], &[]);
    texts.short = long.clone();
    let mut flag_help = command(&[("a", &[])], &[("f", None)]);
    flag_help.flags[0].help = long;
    let deep: Vec<(&str, &[&str])> = vec![("a", &[]); MAX_DEPTH + 1];
    let aliases: Vec<String> = (0..=MAX_ALIASES).map(|i| format!("a{i}")).collect();
    let many: Vec<&str> = aliases.iter().map(String::as_str).collect();
    let flags: Vec<String> = (0..=MAX_FLAGS).map(|i| format!("f{i}")).collect();
    let flags: Vec<(&str, Option<&str>)> = flags.iter().map(|f| (f.as_str(), None)).collect();
    let cases = [
        (command(&[], &[]), "it has an empty path"),
        (command(&[("help", &[])], &[]), "\"help\" is a built-in"),
        (
            command(&[("x", &["plugin"]), ("y", &[])], &[]),
            "\"plugin\" is a built-in",
        ),
        (
            command(&[("x", &[]), ("help", &[])], &[]),
            "\"help\" is a built-in",
        ),
        (
            command(&[("x", &[]), ("y", &["help"])], &[]),
            "\"help\" is a built-in",
        ),
        (
            command(&[("a b", &[])], &[]),
            "\"a b\" is not a valid command word",
        ),
        (
            command(&[("", &[])], &[]),
            "\"\" is not a valid command word",
        ),
        (
            command(&[("x", &["a\u{7}"])], &[]),
            "is not a valid command word",
        ),
        (
            command(&[("x", &["é"])], &[]),
            "is not a valid command word",
        ),
        (
            command(&[("x", &["y", "y"])], &[]),
            "declares the alias \"y\" twice",
        ),
        (
            command(&[("x", &["x"])], &[]),
            "declares the alias \"x\" twice or as its own name",
        ),
        (command(&[("x", &many)], &[]), "aliases, more than 16"),
        (command(&deep, &[]), "its path has 9 words, more than 8"),
        (
            command(&[("x", &[])], &[("help", None)]),
            "flag \"help\" is invalid",
        ),
        (
            command(&[("x", &[])], &[("version", None)]),
            "flag \"version\"",
        ),
        (
            command(&[("x", &[])], &[("profile", None)]),
            "flag \"profile\"",
        ),
        (
            command(&[("x", &[])], &[("__args", None)]),
            "flag \"__args\"",
        ),
        (
            command(&[("x", &[])], &[("f", None), ("f", None)]),
            "flag \"f\"",
        ),
        (command(&[("x", &[])], &[("f g", None)]), "flag \"f g\""),
        (
            command(&[("x", &[])], &[("f", Some("h"))]),
            "shorthand \"h\"",
        ),
        (
            command(&[("x", &[])], &[("f", Some("P"))]),
            "shorthand \"P\"",
        ),
        (
            command(&[("x", &[])], &[("f", Some("ab"))]),
            "shorthand \"ab\"",
        ),
        (
            command(&[("x", &[])], &[("f", Some("-"))]),
            "shorthand \"-\"",
        ),
        (
            command(&[("x", &[])], &[("f", Some("a")), ("g", Some("a"))]),
            "shorthand \"a\"",
        ),
        (command(&[("x", &[])], &flags), "101 flags, more than 100"),
        (texts, "one-line help is 1001 characters long"),
        (flag_help, "help of flag \"f\" is 1001 characters long"),
    ];
    for (spec, want) in cases {
        let err = check_command(&spec).expect_err(want).to_string();
        assert!(err.contains(want), "{want:?} not in {err:?}");
    }
    check_command(&create()).unwrap();
}

#[test]
fn names_and_aliases_share_one_namespace_per_level_whichever_side_collides() {
    let mut claims = Claims::default();
    claims.claim(&create(), "real.wasm").unwrap();
    let cases = [
        // Another's name as an alias, another's alias as a name, aliases on both sides.
        (
            command(
                &[
                    ("orgz", &["organizations"]),
                    ("apiKeys", &[]),
                    ("create", &[]),
                ],
                &[],
            ),
            "\"organizations\" is already the name of a command, claimed by real.wasm",
        ),
        (
            command(&[("org", &[]), ("apiKeys", &[]), ("create", &[])], &[]),
            "\"org\" is already an alias of \"organizations\", claimed by real.wasm",
        ),
        (
            command(&[("o", &["orgs"])], &[]),
            "\"orgs\" is already an alias of \"organizations\"",
        ),
        (
            command(&[("organizations", &[]), ("keys", &["apikeys"])], &[]),
            "\"apikeys\" is already an alias of \"apiKeys\"",
        ),
        (
            command(&[("organizations", &["orgz", "org"]), ("x", &[])], &[]),
            "",
        ),
        (
            command(
                &[("organizations", &[]), ("apiKeys", &[]), ("create", &[])],
                &[],
            ),
            "real.wasm already provides it",
        ),
        (
            command(
                &[
                    ("organizations", &[]),
                    ("apiKeys", &[]),
                    ("create", &[]),
                    ("x", &[]),
                ],
                &[],
            ),
            "\"create\" is a command of real.wasm",
        ),
        (
            command(&[("organizations", &[]), ("apiKeys", &[])], &[]),
            "\"apiKeys\" is a group of commands of real.wasm",
        ),
        (
            command(&[("plugin", &[])], &[]),
            "\"plugin\" is a built-in command",
        ),
    ];
    for (spec, want) in cases {
        let before = format!("{claims:?}");
        match claims.claim(&spec, "impostor.wasm") {
            Err(e) => assert!(e.to_string().contains(want), "{want:?} not in {e}"),
            Ok(()) => assert!(want.is_empty(), "{spec:?} was accepted"),
        }
        if !want.is_empty() {
            assert_eq!(
                format!("{claims:?}"),
                before,
                "a refused claim claims nothing"
            );
        }
    }
    // A group's extra aliases are not its own, so they stay free for others.
    claims
        .claim(&command(&[("orgz", &[])], &[]), "other.wasm")
        .unwrap();
}

#[test]
fn too_many_commands_refuse_the_plugin_or_the_tree() {
    let describe = DescribeOutput {
        commands: vec![create(); MAX_COMMANDS + 1],
        ..Default::default()
    };
    assert_eq!(
        check_plugin(&describe),
        Err(ClaimError::TooManyCommands {
            count: 1001,
            max: MAX_COMMANDS
        })
    );
    let deep = DescribeOutput {
        commands: vec![create(), command(&vec![("d", &[][..]); MAX_DEPTH + 1], &[])],
        ..Default::default()
    };
    let refused = check_plugin(&deep).unwrap_err().to_string();
    assert_eq!(
        refused,
        "command \"d d d d d d d d d\": its path has 9 words, more than 8"
    );
    let mut claims = Claims::default();
    claims.reserve(MAX_TOTAL_COMMANDS).unwrap();
    assert!(matches!(
        claims.reserve(1),
        Err(ClaimError::TreeFull { .. })
    ));
}

#[test]
fn whatever_is_accepted_builds_a_command_line_that_answers_help() {
    let attempts = vec![
        create(),
        command(
            &[
                ("orgz", &["organizations"]),
                ("apiKeys", &[]),
                ("create", &[]),
            ],
            &[],
        ),
        command(
            &[
                ("organizations", &["org", "o"]),
                ("apiKeys", &[]),
                ("list", &["ls"]),
            ],
            &[("limit", Some("l"))],
        ),
        command(
            &[
                ("organizations", &[]),
                ("apiKeys", &[]),
                ("create", &[]),
                ("x", &[]),
            ],
            &[],
        ),
        command(&[("x", &["x"])], &[]),
        command(&[("y", &["help"])], &[]),
        command(&[("z", &[])], &[("help", None), ("version", Some("V"))]),
        command(&[("w", &[])], &[("a", Some("a")), ("b", Some("a"))]),
        command(&[("v", &["v2", "v2"])], &[]),
        command(&[("u", &[]), ("help", &[])], &[]),
        command(&[("t", &["plugin"])], &[]),
    ];
    let mut claims = Claims::default();
    let accepted: Vec<CommandSpec> = attempts
        .into_iter()
        .filter(|c| claims.claim(c, "p.wasm").is_ok())
        .collect();
    assert_eq!(accepted.len(), 2, "{accepted:?}");
    let specs: Vec<&CommandSpec> = accepted.iter().collect();
    let help = |words: Vec<String>| {
        let argv: Vec<std::ffi::OsString> = std::iter::once("atlas".to_string())
            .chain(words)
            .chain(["--help".to_string()])
            .map(Into::into)
            .collect();
        crate::cli::parse(&argv, &specs)
    };
    assert!(matches!(help(vec![]), Ok(crate::cli::Parsed::Help(_))));
    for spec in &accepted {
        let parsed = help(spec.words());
        assert!(
            matches!(parsed, Ok(crate::cli::Parsed::Help(_))),
            "{parsed:?}"
        );
    }
}

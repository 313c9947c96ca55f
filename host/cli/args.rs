//! Positional arguments: the count a command declares in `describe` ([`ArgsSpec`]), checked
//! after flag parsing and `--help` and before anything else (the Go CLI's order), with the
//! wording of the Go CLI's `require` package (`NoArgs`, `ExactArgs`, `MinimumNArgs`,
//! `MaximumNArgs`) and cobra's usage line.

use atlas_plugin_api::{ArgsSpec, CommandSpec};

use super::ROOT;

/// Refuses `args` when `spec` declares a count they do not meet; a command that declares none
/// takes any number (what every command did before the count was part of the ABI).
pub fn check(spec: &CommandSpec, args: &[String]) -> Result<(), String> {
    let Some(want) = &spec.args else {
        return Ok(());
    };
    let path = format!("\"{ROOT} {}\"", spec.words().join(" "));
    let got = args.len();
    let min = want.min as usize;
    let max = want.max.map(|m| m as usize);
    let first = match max {
        Some(0) if got > 0 && min == 0 => format!("{path} accepts no arguments"),
        Some(n) if n == min && got != n => {
            format!("{path} requires {n} {}, received {got}", noun(n))
        }
        _ if got < min => format!(
            "{path} requires at least {min} {}, received {got}",
            noun(min)
        ),
        Some(n) if got > n => format!("{path} accepts at most {n} {}, received {got}", noun(n)),
        _ => return Ok(()),
    };
    Err(format!("{first}\n\nUsage:  {}", use_line(spec, want)))
}

/// cobra's `UseLine`: the command path, the arguments' usage, then `[flags]` (every command has
/// flags: the host adds `-h` and `-P`).
fn use_line(spec: &CommandSpec, want: &ArgsSpec) -> String {
    let mut line = format!("{ROOT} {}", spec.words().join(" "));
    if !want.usage.is_empty() {
        line.push(' ');
        line.push_str(&want.usage);
    }
    line.push_str(" [flags]");
    line
}

fn noun(n: usize) -> &'static str {
    if n == 1 { "argument" } else { "arguments" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::PathSegment;

    fn spec(leaf: &str, args: Option<ArgsSpec>) -> CommandSpec {
        CommandSpec {
            path: ["organizations", "apiKeys", leaf]
                .iter()
                .map(|w| PathSegment::new(w, &[]))
                .collect(),
            args,
            ..CommandSpec::default()
        }
    }

    fn given(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("a{i}")).collect()
    }

    #[test]
    fn counts_are_checked_with_the_go_cli_wording() {
        let describe = spec("describe", Some(ArgsSpec::exactly(1, "<ID>")));
        let list = spec("list", Some(ArgsSpec::none()));
        let at_least = spec(
            "x",
            Some(ArgsSpec {
                min: 2,
                max: None,
                usage: "<A>...".into(),
            }),
        );
        let at_most = spec(
            "y",
            Some(ArgsSpec {
                min: 0,
                max: Some(1),
                usage: "[ID]".into(),
            }),
        );
        let table: &[(&CommandSpec, usize, Option<&str>)] = &[
            (&describe, 1, None),
            (
                &describe,
                0,
                Some(
                    "\"atlas organizations apiKeys describe\" requires 1 argument, received 0\n\nUsage:  atlas organizations apiKeys describe <ID> [flags]",
                ),
            ),
            (
                &describe,
                2,
                Some(
                    "\"atlas organizations apiKeys describe\" requires 1 argument, received 2\n\nUsage:  atlas organizations apiKeys describe <ID> [flags]",
                ),
            ),
            (&list, 0, None),
            (
                &list,
                1,
                Some(
                    "\"atlas organizations apiKeys list\" accepts no arguments\n\nUsage:  atlas organizations apiKeys list [flags]",
                ),
            ),
            (&at_least, 5, None),
            (
                &at_least,
                1,
                Some(
                    "\"atlas organizations apiKeys x\" requires at least 2 arguments, received 1\n\nUsage:  atlas organizations apiKeys x <A>... [flags]",
                ),
            ),
            (&at_most, 1, None),
            (
                &at_most,
                3,
                Some(
                    "\"atlas organizations apiKeys y\" accepts at most 1 argument, received 3\n\nUsage:  atlas organizations apiKeys y [ID] [flags]",
                ),
            ),
            (&spec("create", None), 7, None),
        ];
        for (spec, n, want) in table {
            let got = check(spec, &given(*n)).err();
            assert_eq!(got.as_deref(), *want, "{:?} with {n}", spec.words());
        }
    }
}

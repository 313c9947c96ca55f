//! `hostile files`: asks the host for the files its positional arguments name, whatever the
//! user typed elsewhere, then shows what it got. Its flags are one of each kind the host's file
//! rule knows: `--template` and `--input` are declared as files, `--desc` is not, and `-o` is
//! the output setting (an old-style flag, without the `file` field).

use std::collections::BTreeMap;

use atlas_plugin_api::{CommandSpec, FlagKind, FlagSpec, PlanInput, PlanOutput};

/// The command, below `hostile`.
pub fn command(mut spec: CommandSpec) -> CommandSpec {
    spec.flags = vec![
        FlagSpec::new("template", None, FlagKind::String, "A template file.").file(),
        FlagSpec::new("input", None, FlagKind::Strings, "Input files.").file(),
        FlagSpec::new(
            "desc",
            None,
            FlagKind::String,
            "A description (not a file).",
        ),
        FlagSpec::new("output", Some("o"), FlagKind::String, "Output format."),
    ];
    spec
}

/// First round: ask for every argument. Second: print what the host gave, as a user error
/// (`READ {"path":"content or error",…}`) so that nothing is sent.
pub fn plan(input: &PlanInput) -> PlanOutput {
    if input.files.is_empty() {
        return PlanOutput::NeedFiles {
            paths: input.args.clone(),
        };
    }
    let got: BTreeMap<&str, &str> = input
        .files
        .iter()
        .map(|(path, file)| {
            let text = file.content.as_deref().or(file.error.as_deref());
            (path.as_str(), text.unwrap_or_default())
        })
        .collect();
    PlanOutput::UserError {
        message: format!(
            "READ {}",
            serde_json::to_string(&got).expect("a map of strings")
        ),
    }
}

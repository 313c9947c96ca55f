//! Help as the Go CLI prints it: its help template (`internal/cli/help_templates.go`: the short
//! text, a space, the long text, a blank line, then the usage) around cobra's default usage
//! (`defaultUsageFunc`, cobra v1.10.2), with pflag's flag table (`FlagUsagesWrapped(0)`):
//! flags sorted by name, each with its type name (`--role strings`) or a back-quoted name from
//! its text, `(default 100)`, the texts aligned two spaces after the longest flag column.

use atlas_plugin_api::FlagKind;

use super::ROOT;
use super::flags::{Flag, quote};
use super::tree::{Node, Target, help_flag, version_flag};

/// cobra's `minNamePadding`.
const MIN_NAME_PADDING: usize = 11;

/// `--help` of the node at the end of `path` (the root first).
pub(super) fn help(path: &[&Node], persistent: &[Flag]) -> String {
    let node = path.last().expect("a path has a node");
    format!(
        "{} {}\n\n{}",
        node.short.trim_end(),
        node.long.trim_end(),
        usage(path, persistent, true)
    )
}

/// cobra's `CommandPath`: the canonical names from the root.
pub(super) fn command_path(path: &[&Node]) -> String {
    let names: Vec<&str> = path
        .iter()
        .enumerate()
        .map(|(i, n)| if i == 0 { ROOT } else { n.name.as_str() })
        .collect();
    names.join(" ")
}

/// Whether cobra lists a child (`IsAvailableCommand`): it runs something, or it is a group with
/// such a child; `help` itself is not available (it is listed by name).
fn available(node: &Node) -> bool {
    match node.target {
        Target::Help => false,
        Target::Group => node.children.iter().any(available),
        _ => true,
    }
}

/// The node's flags as cobra splits them: its local flags (its own, `help`, and on the root
/// the persistent ones and `version`) and the inherited ones. Without `cobra_flags`, `help` and
/// `version` are left out, as cobra leaves them out of a command it has not initialized (the
/// root's usage after `Unknown help topic`).
fn flag_sets(path: &[&Node], persistent: &[Flag], cobra_flags: bool) -> (Vec<Flag>, Vec<Flag>) {
    let node = path.last().expect("a path has a node");
    let mut local = node.flags.clone();
    if cobra_flags {
        local.push(help_flag(&node.name));
    }
    if path.len() == 1 {
        local.extend(persistent.iter().cloned());
        if cobra_flags {
            local.push(version_flag());
        }
        (local, Vec::new())
    } else {
        (local, persistent.to_vec())
    }
}

/// cobra's usage text (what `atlas help nosuch` prints on stderr, without `cobra_flags`), ending
/// in a newline.
pub(super) fn usage(path: &[&Node], persistent: &[Flag], cobra_flags: bool) -> String {
    let node = path.last().expect("a path has a node");
    let command_path = command_path(path);
    let has_commands = node.children.iter().any(available);
    let mut w = String::from("Usage:");
    if node.runnable() {
        let mut line = command_path.clone();
        if !node.use_args.is_empty() {
            line.push(' ');
            line.push_str(&node.use_args);
        }
        w.push_str(&format!("\n  {line} [flags]"));
    }
    if has_commands {
        w.push_str(&format!("\n  {command_path} [command]"));
    }
    if !node.aliases.is_empty() {
        let mut all = vec![node.name.as_str()];
        all.extend(node.aliases.iter().map(String::as_str));
        w.push_str(&format!("\n\nAliases:\n  {}", all.join(", ")));
    }
    if !node.example.is_empty() {
        w.push_str(&format!("\n\nExamples:\n{}", node.example));
    }
    if has_commands {
        w.push_str("\n\nAvailable Commands:");
        let padding = node
            .children
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(0)
            .max(MIN_NAME_PADDING);
        for child in &node.children {
            if available(child) || child.target == Target::Help {
                w.push_str(&format!("\n  {:<padding$} {}", child.name, child.short));
            }
        }
    }
    let (local, inherited) = flag_sets(path, persistent, cobra_flags);
    if local.iter().any(|f| !f.hidden) {
        w.push_str("\n\nFlags:\n");
        w.push_str(flag_usages(&local).trim_end());
    }
    if inherited.iter().any(|f| !f.hidden) {
        w.push_str("\n\nGlobal Flags:\n");
        w.push_str(flag_usages(&inherited).trim_end());
    }
    if has_commands {
        w.push_str(&format!(
            "\n\nUse \"{command_path} [command] --help\" for more information about a command."
        ));
    }
    w.push('\n');
    w
}

/// pflag's `UnquoteUsage`: the first back-quoted word of the text names the value (and loses
/// its quotes), else the type's name (none for a bool).
fn unquote_usage(flag: &Flag) -> (String, String) {
    let text = &flag.help;
    if let Some(start) = text.find('`')
        && let Some(len) = text[start + 1..].find('`')
    {
        let name = &text[start + 1..start + 1 + len];
        let usage = format!("{}{name}{}", &text[..start], &text[start + 2 + len..]);
        return (name.to_string(), usage);
    }
    let name = match flag.kind {
        FlagKind::Bool => "",
        FlagKind::Int => "int",
        FlagKind::String => "string",
        FlagKind::Strings => "strings",
    };
    (name.to_string(), text.clone())
}

/// pflag's `(default …)` of a flag whose default is not its type's zero value.
fn default_note(flag: &Flag) -> String {
    let zero = match flag.kind {
        FlagKind::Bool => flag.default == "false",
        FlagKind::Int => flag.default == "0",
        FlagKind::String => false,
        FlagKind::Strings => flag.default == "[]",
    };
    if flag.default.is_empty() || zero {
        String::new()
    } else if flag.kind == FlagKind::String {
        format!(" (default {})", quote(&flag.default))
    } else {
        format!(" (default {})", flag.default)
    }
}

/// pflag's `FlagUsagesWrapped(0)`: one line per visible flag, sorted by name.
pub(super) fn flag_usages(flags: &[Flag]) -> String {
    let mut sorted: Vec<&Flag> = flags.iter().filter(|f| !f.hidden).collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let lines: Vec<(String, String)> = sorted
        .iter()
        .map(|flag| {
            let mut left = match flag.shorthand.as_deref() {
                Some(s) => format!("  -{s}, --{}", flag.name),
                None => format!("      --{}", flag.name),
            };
            let (varname, usage) = unquote_usage(flag);
            if !varname.is_empty() {
                left.push(' ');
                left.push_str(&varname);
            }
            (left, format!("{usage}{}", default_note(flag)))
        })
        .collect();
    // pflag measures the column with the separator byte it later replaces.
    let max = lines.iter().map(|(l, _)| l.len() + 1).max().unwrap_or(0);
    let indent = format!("\n{}", " ".repeat(max + 2));
    let mut out = String::new();
    for (left, usage) in lines {
        let spacing = " ".repeat(max - left.len());
        out.push_str(&format!(
            "{left} {spacing} {}\n",
            usage.replace('\n', &indent)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::FlagSpec;

    #[test]
    fn flags_are_sorted_typed_aligned_and_show_defaults() {
        let flags = [
            FlagSpec::new("role", None, FlagKind::Strings, "Roles."),
            FlagSpec::new("limit", None, FlagKind::Int, "Items.").with_default("100"),
            FlagSpec::new("output", Some("o"), FlagKind::String, "Format.").with_default("json"),
            FlagSpec::new("force", None, FlagKind::Bool, "No `prompt`\nat all."),
            FlagSpec {
                hidden: true,
                ..FlagSpec::new("secret", None, FlagKind::Bool, "")
            },
        ];
        assert_eq!(
            flag_usages(&flags),
            "      --force prompt    No prompt
                        at all.
      --limit int       Items. (default 100)
  -o, --output string   Format. (default \"json\")
      --role strings    Roles.
"
        );
    }
}

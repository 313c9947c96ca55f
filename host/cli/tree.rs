//! The command tree as cobra holds it: the root with the host's flags, the built-ins, the
//! groups gathered from the plugins' path prefixes, the commands, and cobra's `help` command,
//! each node in the order it was added. Also cobra's `Find`: which node a command line names,
//! with flags skipped the way cobra skips them (`stripFlags`, `argsMinusFirstX`).

use atlas_plugin_api::{CommandSpec, FlagKind, FlagSpec, PathSegment};

use super::ROOT;
use super::builtins::{self, Place};
use super::flags::{self, Flag};

/// What choosing a node does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A group: lists its commands.
    Group,
    /// Runs the plugin command at this index of the commands given to [`Node::build`].
    Plugin(usize),
    /// Runs the built-in at this index of [`builtins::all`].
    Builtin(usize),
    /// cobra's `help [command]`.
    Help,
}

/// One command or group.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub name: String,
    pub aliases: Vec<String>,
    pub short: String,
    pub long: String,
    pub example: String,
    /// The arguments' part of the use line (`<ID>`).
    pub use_args: String,
    /// The node's own flags (the plugin's), without the host's.
    pub flags: Vec<Flag>,
    pub children: Vec<Node>,
    pub target: Target,
}

const HELP: &str = "help";
const PROFILE_HELP: &str = "Name of the profile to use from your configuration file. To learn about profiles for the Atlas CLI, see https://dochub.mongodb.org/core/atlas-cli-save-connection-settings.";
const ROOT_SHORT: &str = "CLI tool to manage MongoDB Atlas.";
// The Go CLI's root texts (`internal/cli/root/builder.go`, `cmd/atlas/atlas.go`), the blank line
// with its two tabs included.
const ROOT_LONG: &str = "The Atlas CLI is a command line interface built specifically for MongoDB Atlas. You can manage your Atlas database deployments and Atlas Search from the terminal with short, intuitive commands.
\t\t
Use the --help flag with any command for more info on that command.

To learn more, see our documentation: https://www.mongodb.com/docs/atlas/cli/stable/connect-atlas-cli/";
const ROOT_EXAMPLE: &str = "  # Display the help menu for the config command:
  atlas config --help
";

/// The root's persistent flags, which every command inherits: `-P/--profile` and the hidden
/// `-D/--debug`.
pub(super) fn persistent() -> Vec<Flag> {
    vec![
        FlagSpec::new("profile", Some("P"), FlagKind::String, PROFILE_HELP),
        FlagSpec {
            hidden: true,
            ..FlagSpec::new("debug", Some("D"), FlagKind::Bool, "Debug log level.")
        },
    ]
}

/// cobra's help flag of a node: `-h, --help   help for <name>`.
pub(super) fn help_flag(name: &str) -> Flag {
    FlagSpec::new(
        "help",
        Some("h"),
        FlagKind::Bool,
        &format!("help for {name}"),
    )
}

/// cobra's version flag of the root.
pub(super) fn version_flag() -> Flag {
    FlagSpec::new(
        "version",
        Some("v"),
        FlagKind::Bool,
        &format!("version for {ROOT}"),
    )
}

impl Node {
    fn group(segment: &PathSegment) -> Self {
        Node {
            name: segment.name.clone(),
            aliases: Vec::new(),
            short: segment.short.clone(),
            long: segment.long.clone(),
            example: String::new(),
            use_args: String::new(),
            flags: Vec::new(),
            children: Vec::new(),
            target: Target::Group,
        }
    }

    /// The whole tree: built-ins listed before the plugins, the plugins' commands, built-ins
    /// listed after them, then `help` (cobra adds it last).
    pub fn build(commands: &[&CommandSpec]) -> Node {
        let mut root = Node {
            short: ROOT_SHORT.into(),
            long: ROOT_LONG.into(),
            example: ROOT_EXAMPLE.into(),
            ..Node::group(&PathSegment::new(ROOT, &[]))
        };
        let builtins = builtins::all();
        let placed = |place| {
            builtins
                .iter()
                .enumerate()
                .filter(move |(_, b)| b.place == place)
        };
        for (i, b) in placed(Place::BeforePlugins) {
            root.insert(&b.spec, 0, Target::Builtin(i));
        }
        for (i, spec) in commands.iter().enumerate() {
            root.insert(spec, 0, Target::Plugin(i));
        }
        for (i, b) in placed(Place::AfterPlugins) {
            root.insert(&b.spec, 0, Target::Builtin(i));
        }
        root.children.push(Node {
            name: HELP.into(),
            short: "Help about any command".into(),
            long: format!(
                "Help provides help for any command in the application.\nSimply type {ROOT} help [path to command] for full details."
            ),
            use_args: "[command]".into(),
            target: Target::Help,
            ..Node::group(&PathSegment::new(HELP, &[]))
        });
        root
    }

    fn taken(&self, word: &str) -> bool {
        self.children
            .iter()
            .any(|c| c.name == word || c.aliases.iter().any(|a| a == word))
    }

    /// The segment's aliases that no child of this node answers to yet.
    fn free_aliases(&self, segment: &PathSegment) -> Vec<String> {
        let free = segment.aliases.iter().filter(|a| !self.taken(a));
        free.cloned().collect()
    }

    /// Adds `spec` below this node from path word `depth` on. A group gathers every plugin's
    /// aliases for it (unless a sibling has the word) and the first help text given for it; a
    /// word that is already another's alias stays that one's (first come, first served).
    fn insert(&mut self, spec: &CommandSpec, depth: usize, target: Target) {
        let segment = &spec.path[depth];
        let is_leaf = depth + 1 == spec.path.len();
        if let Some(i) = self.children.iter().position(|c| c.name == segment.name) {
            if is_leaf || self.children[i].target != Target::Group {
                return; // discovery already dropped exact duplicates; a group keeps the word
            }
            let more = self.free_aliases(segment);
            let group = &mut self.children[i];
            group.aliases.extend(more);
            if group.short.is_empty() {
                group.short = segment.short.clone();
            }
            if group.long.is_empty() {
                group.long = segment.long.clone();
            }
            group.insert(spec, depth + 1, target);
            return;
        }
        if self.taken(&segment.name) {
            return;
        }
        let mut node = Node {
            aliases: self.free_aliases(segment),
            ..Node::group(segment)
        };
        if is_leaf {
            node.short = spec.short.clone();
            node.long = spec.long.clone();
            node.example = spec.example.clone();
            node.use_args = spec
                .args
                .as_ref()
                .map(|a| a.usage.clone())
                .unwrap_or_default();
            node.flags = spec.flags.clone();
            node.target = target;
        } else {
            node.insert(spec, depth + 1, target);
        }
        self.children.push(node);
    }

    /// The child a word names, by name or alias (cobra's `findNext`).
    pub fn child(&self, word: &str) -> Option<&Node> {
        self.children
            .iter()
            .find(|c| c.name == word || c.aliases.iter().any(|a| a == word))
    }

    /// Whether choosing this node runs something (cobra's `Runnable`).
    pub fn runnable(&self) -> bool {
        self.target != Target::Group
    }
}

/// The flags cobra knows at a node while it looks for the command (`c.Flags()` during `Find`):
/// the node's own and the persistent ones; `help` and `version` are only added later.
fn known_while_finding<'a>(node: &'a Node, persistent: &'a [Flag]) -> Vec<&'a Flag> {
    node.flags.iter().chain(persistent).collect()
}

/// Whether the word at `s` takes the next one as its value, as cobra's `stripFlags` guesses:
/// a `--flag` or two-character `-f` without `=` that is not a known value-less flag.
fn takes_next(s: &str, known: &[&Flag]) -> bool {
    if s.contains('=') {
        return false;
    }
    if let Some(name) = s.strip_prefix("--") {
        return !flags::long_takes_no_value(known, name);
    }
    s.starts_with('-') && s.len() == 2 && !flags::short_takes_no_value(known, &s[1..])
}

/// cobra's `stripFlags`: the words that are not flags or flag values, up to `--`.
pub(super) fn strip_flags(args: &[String], node: &Node, persistent: &[Flag]) -> Vec<String> {
    let known = known_while_finding(node, persistent);
    let mut words = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let s = &args[i];
        i += 1;
        if s == "--" {
            break;
        }
        if takes_next(s, &known) {
            if args.len() - i <= 1 {
                break;
            }
            i += 1;
        } else if !s.is_empty() && !s.starts_with('-') {
            words.push(s.clone());
        }
    }
    words
}

/// cobra's `argsMinusFirstX`: `args` without the first `word` that is not a flag value.
fn minus_first(args: &[String], word: &str, node: &Node, persistent: &[Flag]) -> Vec<String> {
    let known = known_while_finding(node, persistent);
    let mut pos = 0;
    while pos < args.len() {
        let s = &args[pos];
        if s == "--" {
            break;
        }
        if takes_next(s, &known) {
            pos += 2;
            continue;
        }
        if !s.starts_with('-') && s == word {
            let mut out = args.to_vec();
            out.remove(pos);
            return out;
        }
        pos += 1;
    }
    args.to_vec()
}

/// cobra's `Find`: the node the words name (its path from the root, names only) and the
/// arguments left for it.
pub(super) fn find<'a>(
    root: &'a Node,
    args: &[String],
    persistent: &[Flag],
) -> (Vec<&'a Node>, Vec<String>) {
    let mut path = vec![root];
    let mut args = args.to_vec();
    loop {
        let node = *path.last().expect("the path starts at the root");
        let words = strip_flags(&args, node, persistent);
        let Some(next) = words.first().and_then(|w| node.child(w)) else {
            return (path, args);
        };
        args = minus_first(&args, &words[0], node, persistent);
        path.push(next);
    }
}

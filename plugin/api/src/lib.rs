//! The wire types of the atlas plugin ABI: what the host and a WebAssembly plugin exchange as JSON.
//!
//! A plugin exports three functions, each taking and returning one JSON document:
//!
//! | export     | input            | output           |
//! |------------|------------------|------------------|
//! | `describe` | (ignored)        | [`DescribeOutput`] |
//! | `plan`     | [`PlanInput`]    | [`PlanOutput`]   |
//! | `render`   | [`RenderInput`]  | [`RenderOutput`] |
//!
//! The ABI is versioned apart from the host ([`ABI_VERSION`]) and additive: every input field has
//! a default, unknown fields are ignored, so a field added later never breaks an older peer. A
//! host speaks every version from [`OLDEST_ABI_VERSION`] to [`ABI_VERSION`], so a plugin built
//! for an older one keeps running; what a version added says so in its documentation.
//! This crate depends on serde only: no extism, no I/O. `docs/plugin-abi.md` is its prose twin.
//! With the `schema` feature the types also derive `schemars::JsonSchema`, and [`schema`]
//! writes the published JSON Schemas (`docs/abi-schema/`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The newest ABI version this crate speaks. A plugin declares the version it was built for; a
/// host runs it when that number is between [`OLDEST_ABI_VERSION`] and its own `ABI_VERSION`,
/// and talks to it in the plugin's version (a version-1 plugin never sees what version 2 added).
///
/// - 1: `describe`, `plan` (`request`, `user_error`, `need_files`), `render`.
/// - 2: `plan` may answer [`PlanOutput::Confirm`] (the host asks the user, then calls `plan` again
///   with [`Invocation::confirmed`]).
pub const ABI_VERSION: u32 = 2;

/// The oldest ABI version a host built from this crate still runs. A plugin whose version is
/// below it is refused with "rebuild or upgrade the plugin"; one above [`ABI_VERSION`] with
/// "upgrade atlas".
pub const OLDEST_ABI_VERSION: u32 = 1;

/// The first ABI version with [`PlanOutput::Confirm`].
pub const CONFIRM_ABI_VERSION: u32 = 2;

/// The ABI version that added [`PlanOutput::Fetch`] (a plugin that reads from Atlas before its
/// request declares at least this).
pub const FETCH_ABI_VERSION: u32 = 2;

// The range is ordered and holds every version a feature came with.
const _: () =
    assert!(OLDEST_ABI_VERSION <= CONFIRM_ABI_VERSION && CONFIRM_ABI_VERSION <= ABI_VERSION);

/// The names of the plugin's exported functions.
pub mod exports {
    /// `describe`: what the plugin offers.
    pub const DESCRIBE: &str = "describe";
    /// `plan`: flags and settings in, an HTTP request spec (or a user error) out.
    pub const PLAN: &str = "plan";
    /// `render`: the HTTP response in, the text to print (or an error message) out.
    pub const RENDER: &str = "render";
}

/// What `describe` returns: the plugin's identity and the commands it adds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct DescribeOutput {
    /// The ABI version the plugin was built for ([`ABI_VERSION`] of its copy of this crate).
    pub abi_version: u32,
    /// The plugin's name, e.g. `apikeys-create`.
    pub name: String,
    /// The plugin's own semver version.
    pub version: String,
    /// The commands the plugin adds to the host's command tree.
    pub commands: Vec<CommandSpec>,
}

/// One command a plugin adds, e.g. `organizations apiKeys create`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct CommandSpec {
    /// The path from the root, one segment per word, each with its aliases.
    pub path: Vec<PathSegment>,
    /// One-line help shown in command lists.
    pub short: String,
    /// The long help shown by `--help`.
    pub long: String,
    /// Example invocations shown by `--help`, one per line.
    pub example: String,
    /// The command's own flags (the host adds `-h/--help` and `-P/--profile`).
    pub flags: Vec<FlagSpec>,
    /// How many positional arguments the command takes, checked by the host (with the Go CLI's
    /// wording) before `plan` and before any other check. Absent: not checked, every argument is
    /// passed on in [`Invocation::args`] (what every command did before this field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub args: Option<ArgsSpec>,
}

/// The positional arguments a command takes, as cobra's `require` package counts them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ArgsSpec {
    /// At least this many (0: none required).
    pub min: u32,
    /// At most this many; absent: no limit. `min = max = 0` is cobra's `NoArgs`, `min = max = n`
    /// its `ExactArgs(n)`.
    pub max: Option<u32>,
    /// The arguments' part of the usage line, e.g. `<ID>`: the host prints
    /// `Usage:  atlas organizations apiKeys describe <ID> [flags]`. Empty: no arguments shown.
    pub usage: String,
}

impl ArgsSpec {
    /// Exactly `n` arguments, shown as `usage` (e.g. `<ID>`).
    pub fn exactly(n: u32, usage: &str) -> Self {
        Self {
            min: n,
            max: Some(n),
            usage: usage.to_string(),
        }
    }

    /// No arguments at all.
    pub fn none() -> Self {
        Self::exactly(0, "")
    }
}

impl CommandSpec {
    /// The canonical words of the path, e.g. `["organizations", "apiKeys", "create"]`.
    pub fn words(&self) -> Vec<String> {
        self.path.iter().map(|s| s.name.clone()).collect()
    }
}

/// One word of a command path and the other spellings it answers to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct PathSegment {
    /// The canonical word, e.g. `apiKeys`.
    pub name: String,
    /// Other accepted words, e.g. `apikeys`, `api-keys`.
    pub aliases: Vec<String>,
    /// For a segment above the command's own word (a group, e.g. `apiKeys`): the group's one-line
    /// help, listed in its parent's help. The host takes the first non-empty text any plugin gives
    /// for a group (in discovery order); on the command's own word it is unused (see
    /// [`CommandSpec::short`]). Empty: the group is listed without text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub short: String,
    /// For a group: the long help its own `--help` shows (the first non-empty one wins).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub long: String,
}

impl PathSegment {
    /// A word and its aliases, with no help text (a command's own word, or an undescribed group).
    pub fn new(name: &str, aliases: &[&str]) -> Self {
        Self {
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Self::default()
        }
    }

    /// The same segment as a described group.
    pub fn group(self, short: &str, long: &str) -> Self {
        Self {
            short: short.to_string(),
            long: long.to_string(),
            ..self
        }
    }
}

/// One flag of a command.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct FlagSpec {
    /// The long name without dashes, e.g. `orgId`.
    pub name: String,
    /// A one-character short name without the dash, e.g. `o`.
    pub shorthand: Option<String>,
    /// What the flag's values are.
    pub kind: FlagKind,
    /// Shown as required in help. The plugin, not the host, enforces it, so that checks keep
    /// the order the plugin defines.
    pub required: bool,
    /// Whether the flag may be given more than once (every occurrence is passed on).
    pub repeatable: bool,
    /// The help line.
    pub help: String,
    /// Kept out of help output.
    pub hidden: bool,
    /// The flag's value is the path of a file the plugin may ask the host to read (with
    /// [`PlanOutput::NeedFiles`], naming the value exactly as the user typed it). Added after
    /// ABI 1 was first published: absent, as in older plugins, it is `false`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub file: bool,
    /// The value the command uses when the flag is not given, as help shows it after the flag's
    /// text, pflag's way: `(default 100)` (a string flag's quoted: `(default "json")`). Only
    /// shown, never passed: an unset flag stays absent from [`Invocation::flags`]. Added after
    /// ABI 1 was first published: absent, as in older plugins, it is empty (nothing shown).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub default: String,
}

impl FlagSpec {
    /// A visible, optional flag; a [`FlagKind::Strings`] flag is repeatable, as pflag's string
    /// slices are.
    pub fn new(name: &str, shorthand: Option<&str>, kind: FlagKind, help: &str) -> Self {
        Self {
            name: name.to_string(),
            shorthand: shorthand.map(String::from),
            kind,
            required: false,
            repeatable: kind == FlagKind::Strings,
            help: help.to_string(),
            hidden: false,
            file: false,
            default: String::new(),
        }
    }

    /// The same flag, with the default its help shows (see [`FlagSpec::default`]).
    pub fn with_default(self, default: &str) -> Self {
        Self {
            default: default.to_string(),
            ..self
        }
    }

    /// The same flag, its value declared as a file path the plugin may ask the host to read.
    pub fn file(self) -> Self {
        Self { file: true, ..self }
    }

    /// The same flag, shown as required.
    pub fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }
}

/// The type of a flag's values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum FlagKind {
    /// One string; the last occurrence wins.
    #[default]
    String,
    /// A list of strings: every occurrence, raw (a plugin may split each one further).
    Strings,
    /// A switch that takes no value.
    Bool,
    /// A whole number; the host rejects values that are not.
    Int,
}

/// The value of a flag the user set. Flags the user did not set are absent from
/// [`Invocation::flags`], which is how a plugin tells `--desc ""` from no `--desc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FlagValue {
    /// A [`FlagKind::Bool`] flag.
    Bool(bool),
    /// A [`FlagKind::Int`] flag.
    Int(i64),
    /// A [`FlagKind::String`] flag.
    String(String),
    /// A [`FlagKind::Strings`] flag: one item per occurrence, in order.
    Strings(Vec<String>),
}

// Decoded by the JSON type alone, not as serde's `untagged` (which the schema and `Serialize`
// still describe): `untagged` buffers each value and builds an error message for every variant
// it rules out, which was a tenth of the plugin's time in a `plan` + `render` pair.
impl<'de> Deserialize<'de> for FlagValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, SeqAccess, Unexpected, Visitor};

        struct Any;

        impl<'de> Visitor<'de> for Any {
            type Value = FlagValue;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a flag value: a boolean, an integer, a string or a list of strings")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FlagValue, E> {
                Ok(FlagValue::Bool(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FlagValue, E> {
                Ok(FlagValue::Int(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FlagValue, E> {
                i64::try_from(v)
                    .map(FlagValue::Int)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagValue, E> {
                Ok(FlagValue::String(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<FlagValue, E> {
                Ok(FlagValue::String(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FlagValue, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(FlagValue::Strings(items))
            }
        }

        deserializer.deserialize_any(Any)
    }
}

/// The settings the host resolved from flags, environment and config file. Never secrets:
/// credentials stay in the host.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Settings {
    /// The profile in use (lower-cased).
    pub profile: String,
    /// `org_id` from env or config (the `--orgId` flag, if any, is in the flags).
    pub org_id: Option<String>,
    /// `project_id` from env or config.
    pub project_id: Option<String>,
    /// `output` from env or config: the default when `-o` is absent.
    pub output: Option<String>,
}

/// What the user asked for: the same document goes to `plan` and (inside [`RenderInput`]) to
/// `render`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Invocation {
    /// The ABI version of this conversation: the plugin's own version (the host speaks every
    /// version from [`OLDEST_ABI_VERSION`] to its own).
    pub abi_version: u32,
    /// The canonical path of the command being run.
    pub command: Vec<String>,
    /// Positional arguments, in order.
    pub args: Vec<String>,
    /// The flags the user set, by long name.
    pub flags: BTreeMap<String, FlagValue>,
    /// Secret-free settings.
    pub settings: Settings,
    /// Files the plugin asked for with [`PlanOutput::NeedFiles`], by the path it named.
    pub files: BTreeMap<String, FileContent>,
    /// ABI 2: `true` when the user answered yes to the plugin's [`PlanOutput::Confirm`] question
    /// (the host then calls `plan` again). Absent (false) otherwise; a plugin never sees `false`
    /// from a "no", because the host stops there.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// ABI 2: the answer to the plugin's [`PlanOutput::Fetch`] (the host then calls `plan`
    /// again). Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<HttpResponse>,
}

/// The input of `plan`.
pub type PlanInput = Invocation;

/// A file the host read for the plugin, or why it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct FileContent {
    /// The file's text, when it could be read as UTF-8.
    pub content: Option<String>,
    /// The operating system's error text, when it could not.
    pub error: Option<String>,
}

/// What `plan` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanOutput {
    /// Send this request, then call `render` with the response.
    Request {
        /// The request to send.
        request: RequestSpec,
    },
    /// The user's input is wrong: print `Error: <message>`, exit 1, send nothing.
    UserError {
        /// The message, without the `Error: ` prefix.
        message: String,
    },
    /// Read these files and call `plan` again with them in [`Invocation::files`]. The host reads
    /// only a path the user named as a file, in exactly the words the user typed: the text after
    /// `go-template-file=` in the output setting (the `output` flag, else
    /// [`Settings::output`]), or the value of a flag declared with [`FlagSpec::file`]. It
    /// refuses any other path (a suffix of a value, another spelling of it), and with it the
    /// whole call.
    NeedFiles {
        /// The paths, exactly as the user wrote them.
        paths: Vec<String>,
    },
    /// ABI 2: ask the user first. On a terminal the host asks `? <message> (y/N) ` on stderr and
    /// reads the answer from stdin: "y" or "yes" (any case) calls `plan` again with
    /// [`Invocation::confirmed`] set; anything else prints `declined` to stdout and exits 0 with
    /// nothing sent. Without a terminal nothing is sent either: the host exits 1 with an error
    /// that names `--<force_flag>`. A plugin asks once per run, and only when its own "skip the
    /// question" flag (e.g. `--force`) is not set.
    Confirm {
        /// The question, e.g. `Are you sure you want to delete: 5f1b…`.
        message: String,
        /// What to print when the user says no, e.g. `API Key not deleted\n` (printed as is).
        #[serde(default)]
        declined: String,
        /// The plugin's flag that skips the question (long name, no dashes), e.g. `force`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        force_flag: Option<String>,
    },
    /// ABI 2: the plan needs something Atlas knows first (e.g. the caller's public IP for
    /// `--currentIp`). The host sends this `GET` (through the same checks as any request, with
    /// the user's credentials) and calls `plan` again with the answer in
    /// [`Invocation::fetched`], whatever its status; a request that gets no answer at all ends
    /// the run with the network error. Once per run, and only a `GET`: nothing is changed
    /// before the plan is complete.
    Fetch {
        /// The `GET` to send.
        request: RequestSpec,
    },
}

/// An HTTP request for the host to send to the configured Atlas base URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct RequestSpec {
    /// `GET`, `POST`, `PATCH`, `PUT` or `DELETE`.
    pub method: String,
    /// The path below the base URL, starting with `/api/`; no scheme, host, query or `..`.
    pub path: String,
    /// Query parameters, in order (the host encodes them).
    pub query: Vec<NameValue>,
    /// Request headers: only `Accept` and `Content-Type` are allowed.
    pub headers: Vec<NameValue>,
    /// The body, if any.
    pub body: Option<String>,
}

/// A name and a value: a header or a query parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct NameValue {
    /// The name.
    pub name: String,
    /// The value.
    pub value: String,
}

impl NameValue {
    /// A pair from two strings.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The input of `render`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct RenderInput {
    /// The same invocation `plan` saw (with any files it asked for).
    pub invocation: Invocation,
    /// The request as it was sent.
    pub request: SentRequest,
    /// What came back.
    pub response: HttpResponse,
}

/// The request as the host sent it: for error messages that name the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SentRequest {
    /// The method, e.g. `POST`.
    pub method: String,
    /// The full URL, query included.
    pub url: String,
}

/// An HTTP response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct HttpResponse {
    /// The status code, e.g. `200`.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body as text.
    pub body: String,
}

/// What `render` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RenderOutput {
    /// Print this text to stdout as it is (no newline added), exit 0.
    Stdout {
        /// The text.
        text: String,
    },
    /// Print `Error: <message>` to stderr, exit 1. After a 2xx response the host also prints the
    /// raw body to stdout, so that nothing the server created is lost.
    Error {
        /// The message, without the `Error: ` prefix.
        message: String,
    },
}

#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "schema")]
pub mod schema;

/// Map of flag values, as in [`Invocation::flags`].
pub type Flags = BTreeMap<String, FlagValue>;

#[cfg(test)]
mod tests;

//! Which files a plugin may get, and reading them: the sandbox's one way to the file system.
//!
//! A plugin asks for paths with `PlanOutput::NeedFiles`. The host
//! reads one only when the user named exactly that text as a file ([`Named`]):
//! - the text after `go-template-file=` in the output setting (the `output` flag when the user
//!   set it, else the `output` setting from the environment or config file), or
//! - the value of a flag the command declares as a file ([`FlagSpec::file`]).
//!
//! Exact text, nothing derived from it: not a suffix or part of another value (`--desc "rotate
//! notes"` names no file `notes`), not another spelling of a named path (`./t.tmpl`,
//! `d/../t.tmpl`, a symlink to it). A path the user named is read the way the Go CLI reads it,
//! symlinks followed, relative to the working directory, but only when it is a regular file of
//! at most [`MAX_BYTES`]: a FIFO would block forever and `/dev/zero` never ends.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Read;

use atlas_plugin_api::{FileContent, FlagSpec, FlagValue, Invocation};

/// The largest file a plugin may get (a template; the plugin's input has its own cap too).
pub const MAX_BYTES: u64 = 1 << 20;

/// The prefix of the output setting that names a template file.
const TEMPLATE_FILE: &str = "go-template-file=";

/// How much of a refused path an error echoes: the plugin chose it, not the user.
const ECHO_CHARS: usize = 200;

/// A plugin asked for a file the user did not name; nothing was read.
#[derive(Debug, thiserror::Error)]
#[error("plugin {plugin}: refused to read {path:?}: the user did not name that file")]
pub struct Refused {
    /// The plugin's label.
    pub plugin: String,
    /// The path it asked for (cut to [`ECHO_CHARS`] characters).
    pub path: String,
}

impl Refused {
    /// What a user can do about it.
    pub fn help(&self) -> &'static str {
        "a plugin may read only a file given as `-o go-template-file=PATH` (or the output \
         setting) or as the value of a flag it declares as a file"
    }
}

/// The paths the user named as files for one command run.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Named<'a> {
    paths: BTreeSet<&'a str>,
}

impl<'a> Named<'a> {
    /// What `invocation` names as files, given the flags its command declares.
    pub fn new(declared: &[FlagSpec], invocation: &'a Invocation) -> Self {
        let mut paths = BTreeSet::new();
        let output = match invocation.flags.get("output") {
            Some(FlagValue::String(text)) => Some(text.as_str()),
            Some(_) => None,
            None => invocation.settings.output.as_deref(),
        };
        paths.extend(output.and_then(|o| o.strip_prefix(TEMPLATE_FILE)));
        for flag in declared.iter().filter(|f| f.file) {
            match invocation.flags.get(&flag.name) {
                Some(FlagValue::String(text)) => {
                    paths.insert(text.as_str());
                }
                Some(FlagValue::Strings(texts)) => paths.extend(texts.iter().map(String::as_str)),
                _ => {}
            }
        }
        paths.remove("");
        Self { paths }
    }

    /// Whether the user named exactly `path`.
    pub fn allows(&self, path: &str) -> bool {
        self.paths.contains(path)
    }
}

/// Reads the files `plugin` asked for, all or none: one path the user did not name refuses the
/// whole request before anything is opened. A named file that cannot be read is passed on as
/// its error text (Go's wording, which the plugin prints as the Go CLI would).
pub fn read(
    plugin: &str,
    declared: &[FlagSpec],
    paths: &[String],
    invocation: &Invocation,
) -> Result<BTreeMap<String, FileContent>, Refused> {
    let named = Named::new(declared, invocation);
    if let Some(path) = paths.iter().find(|p| !named.allows(p)) {
        return Err(Refused {
            plugin: plugin.into(),
            path: path.chars().take(ECHO_CHARS).collect(),
        });
    }
    Ok(paths
        .iter()
        .map(|path| (path.clone(), read_one(path)))
        .collect())
}

fn read_one(path: &str) -> FileContent {
    let failed = |error: String| FileContent {
        content: None,
        error: Some(error),
    };
    let bytes = match read_regular(path) {
        Ok(bytes) => bytes,
        Err(e) => return failed(e),
    };
    match String::from_utf8(bytes) {
        Ok(text) => FileContent {
            content: Some(text),
            error: None,
        },
        Err(_) => failed(format!("read {path}: the file is not UTF-8 text")),
    }
}

/// The bytes of `path` if it is a regular file of at most [`MAX_BYTES`]; else Go-style text.
fn read_regular(path: &str) -> Result<Vec<u8>, String> {
    let file = open(path).map_err(|e| go_os_error(path, &e))?;
    let meta = file.metadata().map_err(|e| go_os_error(path, &e))?;
    if meta.is_dir() {
        return Err(format!("read {path}: is a directory"));
    }
    if !meta.is_file() {
        return Err(format!("read {path}: not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("read {path}: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "read {path}: the file is larger than {} MiB",
            MAX_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Opens for reading without blocking: opening a FIFO otherwise waits for a writer forever.
fn open(path: &str) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// Go's `*PathError` text (`open x: no such file or directory`), which the Go CLI prints.
fn go_os_error(path: &str, e: &std::io::Error) -> String {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => return format!("read {path}: is a directory"),
        _ => e.to_string(),
    };
    format!("open {path}: {what}")
}

#[cfg(test)]
mod tests;

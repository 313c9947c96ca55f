//! The one home of the process environment: read once at start, passed down as a value, so that
//! no other module calls `std::env::var` and tests can build an environment by hand.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

/// A snapshot of the environment variables the host may read.
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl Env {
    /// The current process's environment (variables that are not UTF-8 are skipped).
    pub fn from_process() -> Self {
        Self::from_pairs(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    }

    /// An environment made of these pairs.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// A variable's value; empty values count as unset, as in the Atlas CLI.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A variable holding a path (absolute or not, as given).
    pub fn path(&self, name: &str) -> Option<PathBuf> {
        self.get(name).map(PathBuf::from)
    }

    /// The user's config directory: `$XDG_CONFIG_HOME`, else `$HOME/.config`.
    pub fn config_dir(&self) -> Option<PathBuf> {
        self.xdg("XDG_CONFIG_HOME", ".config")
    }

    /// The user's cache directory: `$XDG_CACHE_HOME`, else `$HOME/.cache`.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        self.xdg("XDG_CACHE_HOME", ".cache")
    }

    fn xdg(&self, var: &str, fallback: &str) -> Option<PathBuf> {
        // The XDG spec ignores relative values.
        match self.path(var).filter(|p| p.is_absolute()) {
            Some(dir) => Some(dir),
            None => Some(self.path("HOME")?.join(fallback)),
        }
    }
}

/// The command line, as the OS gave it.
pub fn args() -> Vec<OsString> {
    std::env::args_os().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_count_as_unset() {
        let env = Env::from_pairs([("A", ""), ("B", "x")]);
        assert_eq!(env.get("A"), None);
        assert_eq!(env.get("B"), Some("x"));
    }

    #[test]
    fn config_dir_prefers_absolute_xdg_then_home() {
        let env = Env::from_pairs([("XDG_CONFIG_HOME", "/x/cfg"), ("HOME", "/home/u")]);
        assert_eq!(env.config_dir(), Some(PathBuf::from("/x/cfg")));
        let env = Env::from_pairs([("XDG_CONFIG_HOME", "rel"), ("HOME", "/home/u")]);
        assert_eq!(env.config_dir(), Some(PathBuf::from("/home/u/.config")));
        assert_eq!(Env::default().cache_dir(), None);
    }
}

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

    /// The user's config directory, as Go's `os.UserConfigDir` finds it on this OS (the Go CLI
    /// keeps `atlascli/config.toml` there); `None` where Go returns an error.
    pub fn config_dir(&self) -> Option<PathBuf> {
        user_dir(Os::current(), UserDir::Config, |name| self.os_var(name))
    }

    /// The user's cache directory, as Go's `os.UserCacheDir` finds it on this OS.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        user_dir(Os::current(), UserDir::Cache, |name| self.os_var(name))
    }

    /// A variable as Go's `os.Getenv` reads it: names are case-insensitive on Windows.
    fn os_var(&self, name: &str) -> Option<&str> {
        if cfg!(windows) {
            self.vars
                .iter()
                .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_empty())
                .map(|(_, v)| v.as_str())
        } else {
            self.get(name)
        }
    }
}

/// The operating systems whose directory rules differ (Go's `runtime.GOOS` cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Windows: `%AppData%`, `%LocalAppData%`.
    Windows,
    /// macOS (and iOS): under `$HOME/Library`.
    Darwin,
    /// Every other Unix: the XDG variables, else `$HOME/.config`, `$HOME/.cache`.
    Unix,
}

impl Os {
    /// The OS this binary was built for.
    pub fn current() -> Self {
        if cfg!(windows) {
            Self::Windows
        } else if cfg!(target_vendor = "apple") {
            Self::Darwin
        } else {
            Self::Unix
        }
    }
}

/// Which of the user's base directories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserDir {
    /// `os.UserConfigDir`.
    Config,
    /// `os.UserCacheDir`.
    Cache,
}

/// Go's `os.UserConfigDir` / `os.UserCacheDir` rules for `os`, reading variables with `var`
/// (empty counts as unset). `None` where Go returns an error: the variable it needs is unset,
/// or an XDG variable holds a relative path.
pub fn user_dir<'a>(
    os: Os,
    dir: UserDir,
    var: impl Fn(&str) -> Option<&'a str>,
) -> Option<PathBuf> {
    let joined = |base: &str, rest: &str| Some(PathBuf::from(format!("{base}/{rest}")));
    match (os, dir) {
        (Os::Windows, UserDir::Config) => var("AppData").map(PathBuf::from),
        (Os::Windows, UserDir::Cache) => var("LocalAppData").map(PathBuf::from),
        (Os::Darwin, UserDir::Config) => joined(var("HOME")?, "Library/Application Support"),
        (Os::Darwin, UserDir::Cache) => joined(var("HOME")?, "Library/Caches"),
        (Os::Unix, _) => {
            let (xdg, fallback) = match dir {
                UserDir::Config => ("XDG_CONFIG_HOME", ".config"),
                UserDir::Cache => ("XDG_CACHE_HOME", ".cache"),
            };
            match var(xdg) {
                Some(path) => Some(PathBuf::from(path)).filter(|p| p.is_absolute()),
                None => joined(var("HOME")?, fallback),
            }
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

    fn dir(os: Os, which: UserDir, pairs: &[(&str, &str)]) -> Option<String> {
        let env = Env::from_pairs(pairs.iter().copied());
        user_dir(os, which, |name| env.get(name)).map(|p| p.display().to_string())
    }

    #[test]
    fn user_dirs_follow_go_on_linux() {
        use UserDir::{Cache, Config};
        let home = ("HOME", "/home/u");
        type Case<'a> = (UserDir, &'a [(&'a str, &'a str)], Option<&'a str>);
        let table: &[Case] = &[
            (Config, &[home], Some("/home/u/.config")),
            (Cache, &[home], Some("/home/u/.cache")),
            (
                Config,
                &[home, ("XDG_CONFIG_HOME", "/x/cfg")],
                Some("/x/cfg"),
            ),
            (
                Cache,
                &[home, ("XDG_CACHE_HOME", "/x/cache")],
                Some("/x/cache"),
            ),
            // Go refuses a relative XDG path rather than falling back to $HOME.
            (Config, &[home, ("XDG_CONFIG_HOME", "rel")], None),
            (Cache, &[home, ("XDG_CACHE_HOME", "rel")], None),
            (
                Config,
                &[home, ("XDG_CONFIG_HOME", "")],
                Some("/home/u/.config"),
            ),
            (Config, &[], None),
            (Cache, &[("XDG_CONFIG_HOME", "/x/cfg")], None),
        ];
        for (which, pairs, want) in table {
            assert_eq!(
                dir(Os::Unix, *which, pairs).as_deref(),
                *want,
                "{which:?} {pairs:?}"
            );
        }
    }

    #[test]
    fn user_dirs_follow_go_on_macos() {
        let env: &[(&str, &str)] = &[("HOME", "/Users/u"), ("XDG_CONFIG_HOME", "/x/cfg")];
        assert_eq!(
            dir(Os::Darwin, UserDir::Config, env).as_deref(),
            Some("/Users/u/Library/Application Support")
        );
        assert_eq!(
            dir(Os::Darwin, UserDir::Cache, env).as_deref(),
            Some("/Users/u/Library/Caches")
        );
        assert_eq!(dir(Os::Darwin, UserDir::Config, &[]), None);
    }

    #[test]
    fn user_dirs_follow_go_on_windows() {
        let env: &[(&str, &str)] = &[
            ("AppData", r"C:\Users\u\AppData\Roaming"),
            ("LocalAppData", r"C:\Users\u\AppData\Local"),
            ("HOME", "/home/u"),
        ];
        assert_eq!(
            dir(Os::Windows, UserDir::Config, env).as_deref(),
            Some(r"C:\Users\u\AppData\Roaming")
        );
        assert_eq!(
            dir(Os::Windows, UserDir::Cache, env).as_deref(),
            Some(r"C:\Users\u\AppData\Local")
        );
        assert_eq!(dir(Os::Windows, UserDir::Cache, &[("HOME", "/h")]), None);
    }

    #[test]
    fn this_os_uses_its_own_rules() {
        let env = Env::from_pairs([("XDG_CONFIG_HOME", "/x/cfg"), ("HOME", "/home/u")]);
        if Os::current() == Os::Unix {
            assert_eq!(env.config_dir(), Some(PathBuf::from("/x/cfg")));
            assert_eq!(env.cache_dir(), Some(PathBuf::from("/home/u/.cache")));
        }
        assert_eq!(Env::default().cache_dir(), None);
    }
}

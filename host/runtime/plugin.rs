//! One loaded plugin, on either runtime: checking its exports, calling a function with JSON in
//! and JSON out, and wording every failure the same way whichever runtime ran it.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{MAX_OUTPUT, PluginError, fast, reference};

/// One instantiated plugin.
pub struct Plugin {
    name: String,
    timeout: Duration,
    inner: Inner,
}

enum Inner {
    Fast {
        /// What it exports that Extism could call, listed once at load.
        callable: Vec<String>,
        instance: fast::Instance,
    },
    Extism(Box<extism::Plugin>),
    /// The create plugin's code linked in, and its last output.
    #[cfg(feature = "native-baseline")]
    Native(Vec<u8>),
}

impl std::fmt::Debug for Plugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plugin")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// A failed call as Extism describes it: the root cause's text, whether a trap (or a host
/// function's error inside wasm) ended it, and the whole text.
pub(crate) struct Failure {
    pub root: String,
    pub trapped: bool,
    pub text: String,
}

impl Plugin {
    pub(super) fn fast(
        name: &str,
        timeout: Duration,
        module: wasmtime::Module,
        instance: fast::Instance,
    ) -> Self {
        Self {
            name: name.to_string(),
            timeout,
            inner: Inner::Fast {
                callable: fast::callable(&module),
                instance,
            },
        }
    }

    pub(super) fn extism(name: &str, timeout: Duration, plugin: extism::Plugin) -> Self {
        Self {
            name: name.to_string(),
            timeout,
            inner: Inner::Extism(Box::new(plugin)),
        }
    }

    #[cfg(feature = "native-baseline")]
    pub(super) fn native(name: &str, timeout: Duration) -> Self {
        Self {
            name: name.to_string(),
            timeout,
            inner: Inner::Native(Vec::new()),
        }
    }

    /// The name errors use.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn exports(&self, function: &str) -> bool {
        match &self.inner {
            Inner::Fast { callable, .. } => callable.iter().any(|f| f == function),
            Inner::Extism(plugin) => plugin.function_exists(function),
            #[cfg(feature = "native-baseline")]
            Inner::Native(_) => super::native::exports(function),
        }
    }

    /// Fails unless the plugin exports every one of `functions`: checked before a command starts,
    /// so that a plugin missing `render` cannot get a request sent whose answer it cannot show.
    pub fn require(&self, functions: &[&str]) -> Result<(), PluginError> {
        match functions.iter().find(|f| !self.exports(f)) {
            Some(missing) => Err(PluginError::Call {
                plugin: self.name.clone(),
                function: missing.to_string(),
                message: "the plugin does not export it".into(),
            }),
            None => Ok(()),
        }
    }

    /// Calls `function` with `input` as JSON and decodes its JSON output.
    pub fn call<I: Serialize, O: DeserializeOwned>(
        &mut self,
        function: &str,
        input: &I,
    ) -> Result<O, PluginError> {
        self.require(&[function])?;
        let input = serde_json::to_vec(input).expect("wire types always serialize");
        let Self {
            name,
            timeout,
            inner,
        } = self;
        let output = match inner {
            Inner::Fast { instance, .. } => instance.call(function, &input),
            Inner::Extism(plugin) => reference::call(plugin, function, &input),
            #[cfg(feature = "native-baseline")]
            Inner::Native(last) => super::native::call(function, &input).map(|output| {
                *last = output;
                last.as_slice()
            }),
        };
        let bad_output = |message: String| PluginError::BadOutput {
            plugin: name.clone(),
            function: function.to_string(),
            message,
        };
        match output {
            Err(failure) => Err(PluginError::Call {
                plugin: name.clone(),
                function: function.to_string(),
                message: failure.message(*timeout),
            }),
            Ok(output) if output.len() > MAX_OUTPUT => Err(bad_output(format!(
                "{} bytes is more than the {MAX_OUTPUT}-byte limit",
                output.len()
            ))),
            Ok(output) => serde_json::from_slice(output).map_err(|e| bad_output(e.to_string())),
        }
    }
}

impl Failure {
    /// One line a user can act on.
    pub(super) fn message(&self, timeout: Duration) -> String {
        let root = self.root.as_str();
        if root == "timeout" {
            return format!("the plugin ran past its time limit of {timeout:?}");
        }
        if root == "oom" || root.contains("memory") && root.contains("grow") {
            return "the plugin ran out of its memory limit".to_string();
        }
        if self.trapped {
            return format!(
                "the plugin crashed ({})",
                root.lines().next().unwrap_or("trap")
            );
        }
        // The plugin's own error text (the PDK formats it with `{:?}`, which may quote it).
        let text = &self.text;
        text.strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .map_or(text.clone(), |t| {
                t.replace("\\n", "\n").replace("\\\"", "\"")
            })
    }
}

//! Test harness: where the built `.wasm` is, a sandboxed home for each test (config, cache and
//! plugin directories), and running the real `atlas` binary with a controlled environment.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use atlas_emulator::{Config as EmulatorConfig, Emulator};

/// The organization the emulator knows by default.
pub const ORG: &str = "5a1b39eec902201990f12345";
/// The emulator's default public API key.
pub const PUBLIC_KEY: &str = "abcdefgh";
/// The emulator's default private API key.
pub const PRIVATE_KEY: &str = "a1b2c3d4-0000-4000-8000-123456789abc";

const BUILD: &str = "scripts/build";

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The plugin `<crate_name>.wasm` as shipped (built and shrunk by scripts/build); fails with the
/// command that builds it.
pub fn wasm(crate_name: &str) -> PathBuf {
    let path = target_dir()
        .join("plugins")
        .join(format!("{crate_name}.wasm"));
    assert!(
        path.is_file(),
        "{} is missing: build it with {BUILD}",
        path.display()
    );
    path
}

/// The `apiKeys create` plugin.
pub fn create_wasm() -> PathBuf {
    wasm("atlas_apikeys_create")
}

/// A compiled-code cache shared by every test in this run: compiling once keeps tests fast.
pub fn shared_cache() -> PathBuf {
    let dir = target_dir().join("it-cache");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One test's world: a home with config and plugin directories, and the environment for `atlas`.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    env: Vec<(String, String)>,
    binary: PathBuf,
}

/// What a run of `atlas` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Sandbox {
    /// A sandbox whose plugin directory holds the `apiKeys create` plugin.
    pub fn new() -> Self {
        let sandbox = Self::empty();
        sandbox.add_plugin(&create_wasm());
        sandbox
    }

    /// A sandbox with no plugins.
    pub fn empty() -> Self {
        let tmp = target_dir().join("it-tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let dir = tempfile::tempdir_in(tmp).unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("plugins")).unwrap();
        let env = vec![
            ("HOME".into(), root.join("home").display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                root.join("config").display().to_string(),
            ),
            (
                "XDG_CACHE_HOME".into(),
                shared_cache().display().to_string(),
            ),
            (
                "ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY".into(),
                root.join("plugins").display().to_string(),
            ),
        ];
        // `atlas` runs from the sandbox's own `bin/` (a hard link), so that the plugins
        // `scripts/build` bundles beside `target/debug/atlas` are out of sight.
        let bin = root.join("bin");
        std::fs::create_dir_all(bin.join("plugins")).unwrap();
        let binary = bin.join("atlas");
        if std::fs::hard_link(env!("CARGO_BIN_EXE_atlas"), &binary).is_err() {
            std::fs::copy(env!("CARGO_BIN_EXE_atlas"), &binary).unwrap();
        }
        Self { dir, env, binary }
    }

    /// The sandbox's bundled-plugins directory: `plugins/` beside its `atlas`.
    pub fn bundled_dir(&self) -> PathBuf {
        self.dir.path().join("bin/plugins")
    }

    /// Copies a `.wasm` into the sandbox's plugin directory.
    pub fn add_plugin(&self, wasm: &Path) {
        std::fs::copy(wasm, self.plugins_dir().join(wasm.file_name().unwrap())).unwrap();
    }

    /// The directory `ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY` names.
    pub fn plugins_dir(&self) -> PathBuf {
        self.dir.path().join("plugins")
    }

    /// Sets an environment variable for later runs.
    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    /// Points at `emulator` with its API keys.
    pub fn against(&mut self, emulator: &Emulator) -> &mut Self {
        self.env("MONGODB_ATLAS_OPS_MANAGER_URL", &emulator.base_url())
            .env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY)
            .env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY)
    }

    /// Writes `<config dir>/atlascli/config.toml`.
    pub fn config(&self, toml: &str) {
        let dir = self.dir.path().join("config/atlascli");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), toml).unwrap();
    }

    /// Runs `atlas` with `args` in a clean environment (only PATH and what the sandbox sets).
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("the atlas binary runs"))
    }

    /// Runs `program` (not `atlas`) with `args` in the environment [`Sandbox::run`] gives `atlas`,
    /// in the sandbox's directory: a shell that calls `atlas` back, say.
    pub fn run_program(&self, program: &str, args: &[&str]) -> Run {
        let mut cmd = Command::new(program);
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        Run::from(cmd.output().expect("the program runs"))
    }

    /// The `atlas` the sandbox runs (an absolute path).
    pub fn binary(&self) -> &Path {
        &self.binary
    }

    /// The command [`Sandbox::run`] runs, to start it some other way (many at once).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Self {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }
}

/// The seed example's arguments.
pub const SEED: &[&str] = &[
    "organizations",
    "apiKeys",
    "create",
    "--role",
    "ORG_OWNER",
    "--desc",
    "My API Key",
    "--orgId",
    ORG,
    "--output",
    "json",
];

/// The hostile test plugin (`tests/plugins/hostile`) built with `feature` (or none).
pub fn hostile_wasm(feature: Option<&str>) -> PathBuf {
    test_wasm("atlas-hostile-plugin", feature)
}

/// A test plugin crate under `tests/plugins/` built for wasm with `feature` (or none), compiled
/// from source by cargo (incrementally) into `target/hostile/`, once per variant and test run.
pub fn test_wasm(package: &str, feature: Option<&str>) -> PathBuf {
    static BUILT: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    let dir = target_dir().join("hostile");
    let variant = format!(
        "{package}{}",
        feature.map(|f| format!("-{f}")).unwrap_or_default()
    );
    let out = dir.join("out").join(format!("{variant}.wasm"));
    if built.contains(&variant) {
        return out;
    }
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "build",
            "--locked",
            "--quiet",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm",
        ])
        .args(["-p", package, "--target-dir"])
        .arg(&dir);
    if let Some(feature) = feature {
        cmd.args(["--features", feature]);
    }
    let status = cmd.status().expect("cargo runs");
    assert!(status.success(), "building {variant} failed: {cmd:?}");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let artifact = format!(
        "wasm32-unknown-unknown/wasm/{}.wasm",
        package.replace('-', "_")
    );
    std::fs::copy(dir.join(artifact), &out).unwrap();
    built.push(variant);
    out
}

impl Sandbox {
    /// The sandbox's `config.toml` (it may not exist yet).
    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("config/atlascli/config.toml")
    }

    /// Points at `emulator` with no credentials (the caller chooses them).
    pub fn against_url(&mut self, emulator: &Emulator) -> &mut Self {
        self.env("MONGODB_ATLAS_OPS_MANAGER_URL", &emulator.base_url())
    }
}

/// Fails, naming the first one, if any of `secrets` appears in what `run` printed.
pub fn assert_hidden(run: &Run, secrets: &[&str]) {
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !text.contains(secret),
                "a secret ({}…) leaked on {stream}: {run:?}",
                &secret[..secret.len().min(6)]
            );
        }
    }
}

/// The requests `emulator` received, as `(method, path, status)`.
pub fn exchanges(emulator: &Emulator) -> Vec<(String, String, u16)> {
    emulator
        .requests()
        .into_iter()
        .map(|r| {
            let path = r.path.split('?').next().unwrap_or_default().to_string();
            (r.method, path, r.status)
        })
        .collect()
}

/// The create path for the default org.
pub fn create_path() -> String {
    format!("/api/atlas/v2/orgs/{ORG}/apiKeys")
}

impl Sandbox {
    /// Runs `atlas` with `args` on a pseudo-terminal (util-linux `script`), typing `typed` once a
    /// `(y/N) ` question shows (at once if the run ends first): stdin, stdout and stderr are all
    /// the terminal, so the output is both streams as the terminal showed them (line ends as
    /// `\n`, the typed text echoed after the question). Fails if `script` is missing.
    pub fn run_on_terminal(&self, args: &[&str], typed: &str) -> Run {
        let mut running = Running::start(on_terminal(&self.command(args)));
        running.wait_for(|r| r.shown().contains("(y/N) "));
        running.type_text(typed);
        running.finish()
    }

    /// Runs `atlas` with `args` and `input` on its stdin (not a terminal).
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        let mut running = Running::start(self.command(args));
        running.type_text(input);
        running.finish()
    }

    /// Runs `atlas` as [`Sandbox::run`] does, from `cwd`: where the relative paths a user types
    /// resolve.
    pub fn run_in(&self, cwd: &Path, args: &[&str]) -> Run {
        let mut cmd = Command::new(&self.binary);
        cmd.current_dir(cwd)
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)));
        Run::from(cmd.output().expect("the atlas binary runs"))
    }
}

/// A started `atlas` (or `script` around it) whose stdout is collected as it comes, for a test
/// that answers questions or acts (approves a device code) while it runs.
pub struct Running {
    child: Child,
    shown: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    pub fn start(mut cmd: Command) -> Self {
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("atlas runs");
        let mut out = child.stdout.take().unwrap();
        let shown = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&shown);
        let reader = std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = out.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        Self {
            child,
            shown,
            reader: Some(reader),
        }
    }

    /// What stdout showed so far.
    pub fn shown(&self) -> String {
        String::from_utf8_lossy(&self.shown.lock().unwrap()).into_owned()
    }

    /// Waits (at most 20 s) until `done` holds or the process ended.
    pub fn wait_for(&mut self, done: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline && !done(self) {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `text` on stdin (lost if the process already ended: [`Running::finish`] tells).
    pub fn type_text(&mut self, text: &str) {
        if let Some(stdin) = self.child.stdin.as_mut() {
            let _ = stdin.write_all(text.as_bytes());
            let _ = stdin.flush();
        }
    }

    /// Closes stdin and waits for the end.
    pub fn finish(mut self) -> Run {
        drop(self.child.stdin.take());
        let mut stderr = String::new();
        let mut err = self.child.stderr.take().unwrap();
        err.read_to_string(&mut stderr).unwrap();
        let status = self.child.wait().unwrap();
        self.reader.take().unwrap().join().unwrap();
        Run {
            code: status.code().unwrap_or(-1),
            stdout: self.shown().replace("\r\n", "\n"),
            stderr,
        }
    }
}

/// `cmd` on a pseudo-terminal: util-linux `script` runs it with stdin, stdout and stderr on the
/// terminal (given up on after 30 s).
pub fn on_terminal(cmd: &Command) -> Command {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let line: Vec<String> = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| quote(&a.to_string_lossy()))
        .collect();
    let mut script = Command::new("timeout");
    script
        .args(["30", "script", "-qec", &line.join(" "), "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            script.env(key, value);
        }
    }
    script
}

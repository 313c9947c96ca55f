//! The file side door is shut, on both runtimes: `hostile files` asks for whatever paths its
//! arguments name, and the host reads one only when the user named exactly that text as a file
//! (`host/files.rs`): not a suffix of a value, not a `..` or symlink spelling of a named file,
//! not the value of a flag the plugin did not declare as a file. A named file is read only when
//! it is regular: a FIFO or `/dev/zero` is refused, not waited on or read forever.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::*;

const RUNTIMES: [&str; 2] = ["fast", "extism"];

/// A sandbox with the hostile plugin, against an emulator, and the user's working directory.
fn setup() -> (Sandbox, Emulator, PathBuf) {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    std::fs::copy(
        hostile_wasm(None),
        sandbox.plugins_dir().join("hostile.wasm"),
    )
    .unwrap();
    sandbox.against(&emulator);
    let work = sandbox.dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    (sandbox, emulator, work)
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `atlas hostile files ARGS…` from `cwd` on `runtime`.
fn files(sandbox: &mut Sandbox, runtime: &str, cwd: &Path, args: &[&str]) -> Run {
    let argv: Vec<&str> = ["hostile", "files"].iter().chain(args).copied().collect();
    sandbox.env("ATLAS_CLI_RUNTIME", runtime).run_in(cwd, &argv)
}

fn assert_refused(run: &Run, path: &str, secrets: &[&str]) {
    let want = format!(
        "Error: plugin hostile.wasm: refused to read {path:?}: the user did not name that file\nhelp: "
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.starts_with(&want), "wanted {want:?}: {run:?}");
    for secret in secrets {
        assert!(
            !run.stderr.contains(secret) && !run.stdout.contains(secret),
            "{run:?}"
        );
    }
}

/// What the plugin was given: the `READ {…}` it reports.
fn read(run: &Run) -> BTreeMap<String, String> {
    let json = run
        .stderr
        .strip_prefix("Error: READ ")
        .unwrap_or_else(|| panic!("the plugin was given no files: {run:?}"));
    serde_json::from_str(json.trim_end()).unwrap()
}

#[test]
fn a_suffix_of_what_the_user_typed_is_not_a_file() {
    let (mut sandbox, emulator, work) = setup();
    write(&work, "notes", "NOTES-SECRET");
    write(&work, "mynotes", "mine");
    sandbox.config("[default]\nprivate_api_key = \"cfg-secret-key\"\n");
    let root = sandbox.dir.path().to_path_buf();
    let config = "config/atlascli/config.toml";
    for runtime in RUNTIMES {
        let run = files(
            &mut sandbox,
            runtime,
            &work,
            &["--desc", "rotate notes", "notes"],
        );
        assert_refused(&run, "notes", &["NOTES-SECRET"]);
        let run = files(
            &mut sandbox,
            runtime,
            &work,
            &["--template", "mynotes", "notes"],
        );
        assert_refused(&run, "notes", &["NOTES-SECRET"]);
        let desc = format!("see {}", root.join(config).display());
        let run = files(&mut sandbox, runtime, &root, &["--desc", &desc, config]);
        assert_refused(&run, config, &["cfg-secret-key"]);
        let output = format!("go-template-file=x/{config}");
        let run = files(&mut sandbox, runtime, &root, &["-o", &output, config]);
        assert_refused(&run, config, &["cfg-secret-key"]);
    }
    assert!(emulator.requests().is_empty());
}

#[test]
fn a_dotdot_suffix_never_reaches_a_file_beside_the_named_one() {
    let (mut sandbox, _emulator, work) = setup();
    let cwd = work.join("a");
    std::fs::create_dir_all(cwd.join("a")).unwrap();
    write(&cwd, "t.tmpl", "NAMED");
    write(&work, "t.tmpl", "PARENT-SECRET");
    for runtime in RUNTIMES {
        let named = ["--template", "a/../t.tmpl"];
        let run = files(
            &mut sandbox,
            runtime,
            &cwd,
            &[&named[..], &["../t.tmpl"]].concat(),
        );
        assert_refused(&run, "../t.tmpl", &["PARENT-SECRET"]);
        let run = files(
            &mut sandbox,
            runtime,
            &cwd,
            &[&named[..], &["a/../t.tmpl"]].concat(),
        );
        assert_eq!(read(&run)["a/../t.tmpl"], "NAMED", "the exact name is read");
    }
}

#[test]
fn a_named_symlink_is_followed_only_to_a_regular_file() {
    let (mut sandbox, _emulator, work) = setup();
    write(&work, "real.tmpl", "REAL");
    std::os::unix::fs::symlink("real.tmpl", work.join("link.tmpl")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", work.join("zero.tmpl")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(work.join("fifo.tmpl"))
        .status()
        .unwrap();
    assert!(made.success());
    for runtime in RUNTIMES {
        let run = files(
            &mut sandbox,
            runtime,
            &work,
            &["--template", "link.tmpl", "link.tmpl"],
        );
        assert_eq!(read(&run)["link.tmpl"], "REAL", "{run:?}");
        let run = files(
            &mut sandbox,
            runtime,
            &work,
            &["--template", "link.tmpl", "real.tmpl"],
        );
        assert_refused(&run, "real.tmpl", &["REAL"]);
        let args = [
            "--input",
            "zero.tmpl",
            "--input",
            "fifo.tmpl",
            "zero.tmpl",
            "fifo.tmpl",
        ];
        let got = read(&files(&mut sandbox, runtime, &work, &args));
        assert_eq!(got["zero.tmpl"], "read zero.tmpl: not a regular file");
        assert_eq!(got["fifo.tmpl"], "read fifo.tmpl: not a regular file");
    }
}

#[test]
fn exact_names_from_the_output_setting_and_file_flags_are_read() {
    let (mut sandbox, _emulator, work) = setup();
    for name in ["o.tmpl", "t.tmpl", "a.json", "b.json", "s.tmpl"] {
        write(&work, name, &format!("content of {name}"));
    }
    for runtime in RUNTIMES {
        let args = [
            "-o",
            "go-template-file=o.tmpl",
            "--template",
            "t.tmpl",
            "--input",
            "a.json",
            "--input",
            "b.json",
            "o.tmpl",
            "t.tmpl",
            "a.json",
            "b.json",
        ];
        sandbox.env("MONGODB_ATLAS_OUTPUT", "json");
        let got = read(&files(&mut sandbox, runtime, &work, &args));
        assert_eq!(got.len(), 4);
        for (path, text) in &got {
            assert_eq!(text, &format!("content of {path}"));
        }
        sandbox.env("MONGODB_ATLAS_OUTPUT", "go-template-file=s.tmpl");
        let got = read(&files(&mut sandbox, runtime, &work, &["s.tmpl"]));
        assert_eq!(got["s.tmpl"], "content of s.tmpl", "the setting, no flag");
        let run = files(&mut sandbox, runtime, &work, &["-o", "json", "s.tmpl"]);
        assert_refused(&run, "s.tmpl", &["content of"]);
        let missing = ["-o", "go-template-file=missing.tmpl", "missing.tmpl"];
        let got = read(&files(&mut sandbox, runtime, &work, &missing));
        assert_eq!(
            got["missing.tmpl"], "open missing.tmpl: no such file or directory",
            "a named file that cannot be read is passed on as Go's error"
        );
    }
}

#[test]
fn a_flag_not_declared_as_a_file_names_no_file() {
    let (mut sandbox, emulator, work) = setup();
    write(&work, "t.tmpl", "T-SECRET");
    for runtime in RUNTIMES {
        for named in [
            ["--desc", "t.tmpl"],
            ["-o", "t.tmpl"],
            ["--output", "go-template=t.tmpl"],
        ] {
            let run = files(
                &mut sandbox,
                runtime,
                &work,
                &[&named[..], &["t.tmpl"]].concat(),
            );
            assert_refused(&run, "t.tmpl", &["T-SECRET"]);
        }
        let run = files(
            &mut sandbox,
            runtime,
            &work,
            &["-o", "go-template-file=t.tmpl", "go-template-file=t.tmpl"],
        );
        assert_refused(&run, "go-template-file=t.tmpl", &["T-SECRET"]);
    }
    assert!(emulator.requests().is_empty());
}

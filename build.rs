//! Build-time facts `atlas --version` prints: the git revision this binary was built from
//! (`ATLAS_CLI_GIT_REVISION` if set, e.g. by a packaging script building from an archive; else
//! `git rev-parse HEAD`; else `unknown`) and the compiler's version (`rustc --version`).

#![allow(clippy::print_stdout)] // cargo reads its directives from the build script's stdout

use std::process::Command;

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}

fn git(args: &[&str]) -> Option<String> {
    output(Command::new("git").args(args))
}

fn main() {
    println!("cargo:rerun-if-env-changed=ATLAS_CLI_GIT_REVISION");
    let revision = std::env::var("ATLAS_CLI_GIT_REVISION")
        .ok()
        .filter(|r| !r.is_empty())
        .or_else(|| {
            // Rebuild when HEAD moves: the HEAD file, the branch it names, and packed refs.
            for file in ["HEAD", "packed-refs"] {
                if let Some(path) = git(&["rev-parse", "--git-path", file]) {
                    println!("cargo:rerun-if-changed={path}");
                }
            }
            if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
                && let Some(path) = git(&["rev-parse", "--git-path", &branch])
            {
                println!("cargo:rerun-if-changed={path}");
            }
            git(&["rev-parse", "HEAD"])
        })
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ATLAS_CLI_GIT_REVISION={revision}");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = output(Command::new(rustc).arg("--version")).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ATLAS_CLI_RUSTC_VERSION={version}");
}

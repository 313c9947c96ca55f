//! `atlas -v/--version`: the Go CLI's six lines (`internal/cli/root/builder.go`'s
//! `verTemplate`), with this build's facts: the package version, the git revision and compiler
//! recorded by `build.rs`, and the OS and architecture in Go's names (`GOOS`, `GOARCH`).

/// The version text, ending in a newline.
pub(super) fn text() -> String {
    format!(
        "atlascli version: {}\ngit version: {}\nRust version: {}\n   os: {}\n   arch: {}\n   compiler: rustc\n",
        env!("CARGO_PKG_VERSION"),
        env!("ATLAS_CLI_GIT_REVISION"),
        env!("ATLAS_CLI_RUSTC_VERSION"),
        go_os(std::env::consts::OS),
        go_arch(std::env::consts::ARCH),
    )
}

/// Go's `GOOS` for Rust's `std::env::consts::OS`.
fn go_os(os: &str) -> &str {
    match os {
        "macos" => "darwin",
        other => other,
    }
}

/// Go's `GOARCH` for Rust's `std::env::consts::ARCH`.
fn go_arch(arch: &str) -> &str {
    match arch {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64",
        "s390x" => "s390x",
        "loongarch64" => "loong64",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_six_lines_with_go_names_for_os_and_arch() {
        let text = text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "{text}");
        assert_eq!(
            lines[0],
            concat!("atlascli version: ", env!("CARGO_PKG_VERSION"))
        );
        assert!(lines[1].starts_with("git version: "), "{text}");
        assert!(lines[2].starts_with("Rust version: rustc "), "{text}");
        assert_eq!(lines[5], "   compiler: rustc");
        assert_eq!((go_os("macos"), go_os("linux")), ("darwin", "linux"));
        assert_eq!((go_arch("x86_64"), go_arch("aarch64")), ("amd64", "arm64"));
    }
}

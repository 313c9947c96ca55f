//! The `atlas` binary: everything lives in the library; this hands over argv and the exit code.

fn main() -> std::process::ExitCode {
    atlas_cli::run(atlas_cli::env::args())
}

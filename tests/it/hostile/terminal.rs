//! Attacks on the terminal (the hostile plugin's `identity` build, copy `terminal`), on both
//! runtimes: nothing a plugin prints can reorder or hide text or flood the terminal, and ordinary
//! Unicode is printed as it is.

use super::identity::{Layout, RUNTIMES, World};

const HIDDEN: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200b}', '\u{200c}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{feff}',
];

#[test]
fn bidi_and_invisible_characters_never_reach_the_terminal_and_ordinary_unicode_does() {
    let shown = "café gnp.exe iso zwsp 日本 👩\u{200d}💻";
    for runtime in RUNTIMES {
        let world = World::new("terminal", runtime, Layout::DevBoth);
        let error = world.run(&["hostile-id", "bidi-error"]);
        assert_eq!(
            error.stderr,
            format!("Error: user error: {shown}\n"),
            "{runtime}"
        );
        let output = world.run(&["hostile-id", "bidi-output"]);
        assert_eq!(
            (output.code, output.stdout.as_str()),
            (0, format!("output: {shown}\n").as_str()),
            "{output:?}"
        );
        let help = world.run(&["hostile-id", "bidi-error", "--help"]);
        for want in ["Long help with tricks: ", "flag help: ", "bidi-error # "] {
            let want = format!("{want}{shown}");
            assert!(help.stdout.contains(&want), "{want}: {}", help.stdout);
        }
        let list = world.run(&["hostile-id", "--help"]);
        assert!(
            list.stdout.contains(&format!("Tricks: {shown}")),
            "{}",
            list.stdout
        );
        for run in [&error, &output, &help, &list] {
            let all = format!("{}{}", run.stdout, run.stderr);
            assert!(!all.contains(HIDDEN), "{runtime}: {all:?}");
        }
    }
}

#[test]
fn refusals_echo_an_excerpt_not_a_plugins_megabytes() {
    for runtime in RUNTIMES {
        let world = World::new("terminal", runtime, Layout::DevBoth);
        let huge = world.run(&["hostile-id", "huge-error"]);
        assert_eq!(huge.code, 1);
        assert!(
            huge.stderr.starts_with(&format!(
                "Error: plugin {}: `plan` failed: EEEE",
                world.label
            )),
            "{}",
            &huge.stderr[..200]
        );
        assert!(
            huge.stderr.contains("E… (4096 bytes)\n"),
            "{}",
            &huge.stderr[..400]
        );
        assert!(huge.stderr.contains(" more lines, "), "{runtime}");
        assert!(
            huge.stderr.len() < 16 << 10,
            "{runtime}: {} bytes on stderr",
            huge.stderr.len()
        );
        let path = world.run(&["hostile-id", "long-path"]);
        assert_eq!(path.code, 1);
        assert!(
            path.stderr.contains("refused the request path"),
            "{}",
            &path.stderr[..200]
        );
        assert!(path.stderr.contains("bytes)"), "{}", path.stderr);
        assert!(
            path.stderr.len() < 1024,
            "{runtime}: {} bytes on stderr",
            path.stderr.len()
        );
        assert!(world.emulator.requests().is_empty());
    }
}

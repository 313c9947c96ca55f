//! Tests of which files a plugin may get: exact names only, and only regular files read whole.

use super::*;
use atlas_plugin_api::FlagKind;

fn invocation(flags: &[(&str, FlagValue)], output_setting: Option<&str>) -> Invocation {
    let mut inv = Invocation::default();
    for (name, value) in flags {
        inv.flags.insert((*name).to_string(), value.clone());
    }
    inv.settings.output = output_setting.map(String::from);
    inv
}

fn s(text: &str) -> FlagValue {
    FlagValue::String(text.into())
}

fn declared() -> Vec<FlagSpec> {
    vec![
        FlagSpec::new("desc", None, FlagKind::String, ""),
        FlagSpec::new("output", Some("o"), FlagKind::String, ""),
        FlagSpec::new("template", None, FlagKind::String, "").file(),
        FlagSpec::new("input", None, FlagKind::Strings, "").file(),
    ]
}

#[test]
fn only_exact_names_from_the_output_setting_or_file_flags_are_allowed() {
    let inv = invocation(
        &[
            ("desc", s("rotate notes")),
            ("output", s("go-template-file=t.tmpl")),
            ("template", s("a/b.tmpl")),
            (
                "input",
                FlagValue::Strings(vec!["x.json".into(), "y".into()]),
            ),
        ],
        Some("go-template-file=from-config.tmpl"),
    );
    let named = Named::new(&declared(), &inv);
    for allowed in ["t.tmpl", "a/b.tmpl", "x.json", "y"] {
        assert!(named.allows(allowed), "{allowed}");
    }
    for refused in [
        "notes",
        "rotate notes",
        "tmpl",
        "go-template-file=t.tmpl",
        "./t.tmpl",
        "b.tmpl",
        "a/../a/b.tmpl",
        "a/b.tmpl/",
        "from-config.tmpl",
        "",
    ] {
        assert!(!named.allows(refused), "{refused:?}");
    }
}

#[test]
fn the_output_setting_names_a_file_when_no_output_flag_is_set() {
    let inv = invocation(&[], Some("go-template-file=../up.tmpl"));
    assert!(Named::new(&[], &inv).allows("../up.tmpl"));
    let inv = invocation(&[], Some("json"));
    assert_eq!(Named::new(&[], &inv), Named::default());
    let inv = invocation(&[("output", s("go-template-file="))], None);
    assert_eq!(Named::new(&[], &inv), Named::default());
}

#[test]
fn a_flag_not_declared_as_a_file_names_nothing() {
    let inv = invocation(&[("desc", s("/etc/passwd")), ("template", s("t"))], None);
    let plain = vec![FlagSpec::new("template", None, FlagKind::String, "")];
    let named = Named::new(&plain, &inv);
    assert!(!named.allows("/etc/passwd"));
    assert!(!named.allows("t"), "an older plugin's flags are not files");
}

#[test]
fn one_unnamed_path_refuses_the_whole_request() {
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("t.tmpl");
    std::fs::write(&named, "{{.id}}").unwrap();
    let named = named.to_str().unwrap().to_string();
    let inv = invocation(&[("output", s(&format!("go-template-file={named}")))], None);
    let got = read("p.wasm", &[], std::slice::from_ref(&named), &inv).unwrap();
    assert_eq!(got[&named].content.as_deref(), Some("{{.id}}"));
    let err = read("p.wasm", &[], &[named.clone(), "/etc/passwd".into()], &inv).unwrap_err();
    assert_eq!(
        err.to_string(),
        "plugin p.wasm: refused to read \"/etc/passwd\": the user did not name that file"
    );
    let long = "x".repeat(10_000);
    let err = read("p.wasm", &[], &[long], &inv).unwrap_err();
    assert!(err.to_string().len() < 300, "{err}");
}

#[cfg(unix)]
#[test]
fn a_named_symlink_is_followed_to_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.tmpl");
    std::fs::write(&target, "real").unwrap();
    let link = dir.path().join("link.tmpl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let content = read_one(link.to_str().unwrap());
    assert_eq!(content.content.as_deref(), Some("real"));
}

#[cfg(unix)]
#[test]
fn fifos_devices_directories_and_huge_files_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let link = dir.path().join("zero.tmpl");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let huge = dir.path().join("huge");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_BYTES + 1)
        .unwrap();
    let bad = dir.path().join("bad");
    std::fs::write(&bad, [0xff, 0xfe]).unwrap();
    let d = dir.path().to_str().unwrap();
    for (path, want) in [
        (fifo, "not a regular file"),
        (link, "not a regular file"),
        (huge, "larger than 1 MiB"),
        (bad, "not UTF-8"),
        (dir.path().to_path_buf(), "is a directory"),
        (dir.path().join("missing"), "no such file or directory"),
    ] {
        let p = path.to_str().unwrap();
        let got = read_one(p);
        let error = got.error.unwrap_or_default();
        assert!(
            got.content.is_none() && error.contains(want),
            "{p}: {error}"
        );
        assert!(error.contains(d), "{error}");
    }
}

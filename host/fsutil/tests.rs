//! The shared-file helpers: bounded reads of regular files only, the sibling lock, atomic
//! replacement and the removal of dead writers' temporary files.

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn read_bounded_reads_regular_files_and_links_to_them() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("f");
    assert_eq!(read_bounded(&file, 10).unwrap(), None, "missing is None");
    std::fs::write(&file, b"0123456789").unwrap();
    assert_eq!(read_bounded(&file, 10).unwrap().unwrap(), b"0123456789");
    let err = read_bounded(&file, 9).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert_eq!(err.to_string(), "it is larger than 9 bytes");
    #[cfg(unix)]
    {
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_bounded(&link, 10).unwrap().unwrap(), b"0123456789");
    }
    let err = read_bounded(tmp.path(), 10).unwrap_err();
    assert_eq!(err.to_string(), "it is a directory, not a regular file");
}

#[cfg(unix)]
#[test]
fn read_bounded_refuses_a_fifo_and_a_device_without_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("fifo");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap();
    // Without O_NONBLOCK this open would wait for a writer forever.
    let err = read_bounded(&fifo, 1 << 20).unwrap_err();
    assert_eq!(
        (err.kind(), err.to_string().as_str()),
        (ErrorKind::InvalidInput, "it is a FIFO, not a regular file")
    );
    let err = read_bounded(Path::new("/dev/zero"), 1 << 20).unwrap_err();
    assert_eq!(err.to_string(), "it is a device, not a regular file");
}

#[test]
fn write_atomic_replaces_the_file_privately_and_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("index.json");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"two");
    assert_eq!(names(tmp.path()), ["index.json"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_failed_write_removes_its_temporary_file_and_keeps_the_target() {
    let tmp = tempfile::tempdir().unwrap();
    // A non-empty directory cannot be renamed over: the last step fails.
    let target = tmp.path().join("busy");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("x"), b"").unwrap();
    assert!(write_atomic(&target, b"new").is_err());
    assert_eq!(names(tmp.path()), ["busy"]);
    assert!(target.join("x").exists());
}

#[test]
fn temporary_file_names_give_their_writer() {
    let table = [
        (".index.json.123-0.tmp", Some(123)),
        (".index.json.123.tmp", Some(123)),
        (".hello.wasm.77-5.tmp", Some(77)),
        (".config.toml.9.tmp", Some(9)),
        ("index.json", None),
        (".index.json.lock", None),
        (".x.abc.tmp", None),
        (".x.-1.tmp", None),
        ("x.1.tmp", None),
    ];
    for (name, want) in table {
        assert_eq!(temp_owner(name), want, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn stale_temporary_files_of_dead_writers_are_removed_by_the_next_write() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = [
        format!(".index.json.{dead}.tmp"),
        format!(".hello.wasm.{dead}-3.tmp"),
    ];
    // pid 1 is alive (and not ours): a live writer's file stays.
    let live = ".index.json.1-0.tmp".to_string();
    for name in stale.iter().chain([&live]) {
        std::fs::write(tmp.path().join(name), b"half").unwrap();
    }
    write_atomic(&tmp.path().join("index.json"), b"{}").unwrap();
    assert_eq!(names(tmp.path()), [live, "index.json".to_string()]);
}

#[test]
fn the_lock_is_exclusive_until_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("config.toml");
    let held = lock(&target, Duration::ZERO).unwrap();
    assert_eq!(held.path(), tmp.path().join(".config.toml.lock"));
    // flock locks belong to the open file: a second open, even in this process, must wait.
    match lock(&target, Duration::from_millis(30)) {
        Err(e @ LockError::TimedOut { .. }) => assert!(e.help().is_some()),
        other => panic!("{other:?}"),
    }
    drop(held);
    let again = lock(&target, Duration::ZERO).unwrap();
    drop(again);
    assert_eq!(
        names(tmp.path()),
        [".config.toml.lock"],
        "the lock file stays"
    );
}

#[test]
fn a_lock_in_a_missing_directory_says_which_file() {
    let tmp = tempfile::tempdir().unwrap();
    let err = lock(&tmp.path().join("no/config.toml"), Duration::ZERO).unwrap_err();
    assert!(
        err.to_string().starts_with("cannot lock ")
            && err.to_string().contains(".config.toml.lock"),
        "{err}"
    );
}

#[test]
fn a_staged_file_appears_only_when_committed_and_is_removed_if_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("x.wasm");
    let staged = stage(&path, b"new").unwrap();
    assert!(!path.exists(), "not in place before the commit");
    drop(staged);
    assert_eq!(
        names(tmp.path()),
        Vec::<String>::new(),
        "dropped: nothing left"
    );
    stage(&path, b"new").unwrap().commit().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    assert_eq!(names(tmp.path()), ["x.wasm"]);
}

#[test]
fn a_staged_removal_is_undone_by_commit_and_done_by_drop() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("x.wasm");
    std::fs::write(&path, b"old").unwrap();
    let aside = stage_removal(&path).unwrap();
    assert!(!path.exists(), "moved aside");
    aside.commit().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"old", "put back");
    drop(stage_removal(&path).unwrap());
    assert_eq!(names(tmp.path()), Vec::<String>::new(), "removed");
    assert!(stage_removal(&path).is_err(), "nothing to remove");
    assert_eq!(names(tmp.path()), Vec::<String>::new());
}

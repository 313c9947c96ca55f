//! Artifacts: a miss compiles and stores, a hit loads what was stored, and anything unsound on
//! disk is a miss that gets replaced, never a crash.

use super::*;

/// A module with one export, in text form (wasmtime's `wat` feature is on).
const WAT: &str = r#"(module (func (export "answer") (result i32) i32.const 42))"#;

fn engine() -> Engine {
    let mut config = wasmtime::Config::new();
    config.epoch_interruption(true);
    Engine::new(&config).unwrap()
}

#[test]
fn a_stored_artifact_loads_and_garbage_or_truncation_is_a_miss() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine();
    let dir = ArtifactDir::open(tmp.path(), &engine).expect("a private directory");
    assert!(dir.load(&engine, "abc").is_none(), "empty cache");
    let module = Module::new(&engine, WAT).unwrap();
    dir.store("abc", &module);
    let loaded = dir.load(&engine, "abc").expect("a hit");
    assert!(loaded.get_export("answer").is_some());
    // A mapped file must never change in place (that is why artifacts are only ever replaced
    // by a rename): let go of it before damaging it, and damage it by replacing it too.
    drop(loaded);

    let path = dir.path("abc");
    let bytes = std::fs::read(&path).unwrap();
    let damage = |content: &[u8]| {
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, content).unwrap();
    };
    damage(&bytes[..bytes.len() / 2]);
    assert!(dir.load(&engine, "abc").is_none(), "truncated");
    damage(b"\x7fELF not really");
    assert!(dir.load(&engine, "abc").is_none(), "garbage");
    dir.store("abc", &module);
    assert!(dir.load(&engine, "abc").is_some(), "replaced");
}

#[cfg(unix)]
#[test]
fn artifacts_others_could_write_are_not_loaded() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine();
    let dir = ArtifactDir::open(tmp.path(), &engine).unwrap();
    let mode = std::fs::metadata(tmp.path().join("aot"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
    dir.store("abc", &Module::new(&engine, WAT).unwrap());
    let path = dir.path("abc");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    assert!(dir.load(&engine, "abc").is_none());
    std::fs::set_permissions(
        tmp.path().join("aot"),
        std::fs::Permissions::from_mode(0o777),
    )
    .unwrap();
    assert!(
        ArtifactDir::open(tmp.path(), &engine).is_none(),
        "an open directory is refused"
    );
}

#[test]
fn artifact_names_carry_the_wasm_hash_and_the_engine_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine();
    let dir = ArtifactDir::open(tmp.path(), &engine).unwrap();
    let name = dir
        .path("0123")
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        name.starts_with("0123-") && name.ends_with(".cwasm"),
        "{name}"
    );
    assert_eq!(name.len(), "0123-".len() + 16 + ".cwasm".len());
    let other = Engine::new(&wasmtime::Config::new()).unwrap();
    assert_ne!(
        engine_hash(&engine),
        engine_hash(&other),
        "epoch interruption changes code"
    );
}

#[cfg(unix)]
#[test]
fn a_stamp_vouches_for_an_unchanged_file_only() {
    let tmp = tempfile::tempdir().unwrap();
    let stamps = Stamps::open(tmp.path()).unwrap();
    let wasm = tmp.path().join("p.wasm");
    let (a, b) = ("a".repeat(64), "b".repeat(64));
    std::fs::write(&wasm, b"one").unwrap();
    stamps.remember(&wasm, &a);
    assert_eq!(
        stamps.seen(&wasm),
        None,
        "a file written just now gets no stamp"
    );
    stamps.remember_aged(&wasm, &a, std::time::Duration::ZERO);
    assert_eq!(stamps.seen(&wasm), Some(a.clone()));
    stamps.remember_aged(&wasm, &b, std::time::Duration::ZERO);
    assert_eq!(stamps.seen(&wasm), Some(b), "the last hash seen");
    std::fs::write(&wasm, b"two").unwrap();
    assert_eq!(stamps.seen(&wasm), None, "written again");
    assert_eq!(stamps.seen(&tmp.path().join("other.wasm")), None);
}

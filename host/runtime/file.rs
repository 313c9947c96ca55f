//! Reading a candidate plugin file without trusting it: its size is checked before anything is
//! read (a huge or sparse file in a plugin directory must not cost every command hundreds of
//! MiB and seconds), and only binary WebAssembly is accepted (the `\0asm` magic, checked on the
//! first 4 bytes before the rest is read; the version and the rest are the compiler's to judge):
//! wasmtime would also compile WebAssembly text, and no plugin is shipped as text.

use std::io::Read;
use std::path::Path;

use super::PluginError;

/// The largest plugin file accepted: 16 MiB, ~38 times the shipped create plugin (441 KB), and
/// a fraction of what compiling a module that large would already cost.
pub const MAX_PLUGIN_BYTES: u64 = 16 << 20;

/// What every binary WebAssembly file starts with.
const MAGIC: [u8; 4] = *b"\0asm";

/// Reads the plugin file at `path` (`name` is how errors refer to it) after checking its size
/// and, on its first 4 bytes, that it is binary WebAssembly.
pub fn read_plugin(name: &str, path: &Path) -> Result<Vec<u8>, PluginError> {
    let read_error = |source| PluginError::Read {
        plugin: name.to_string(),
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    // The size of the file that was opened, not of whatever the path names a moment later.
    let size = file.metadata().map_err(read_error)?.len();
    let too_big = |size: u64| PluginError::TooBig {
        plugin: name.to_string(),
        path: path.to_path_buf(),
        size,
    };
    if size > MAX_PLUGIN_BYTES {
        return Err(too_big(size));
    }
    let mut head = [0u8; MAGIC.len()];
    let mut reader = file.take(MAX_PLUGIN_BYTES + 1);
    let got = read_up_to(&mut reader, &mut head).map_err(read_error)?;
    check_binary(name, path, &head[..got])?;
    let mut bytes = Vec::with_capacity(size as usize);
    bytes.extend_from_slice(&head[..got]);
    reader.read_to_end(&mut bytes).map_err(read_error)?;
    // The file may have grown since it was measured.
    if bytes.len() as u64 > MAX_PLUGIN_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Fails unless `bytes` starts like binary WebAssembly; `path` names it in the
/// error (for bytes that came from no file, the plugin's name).
pub fn check_binary(name: &str, path: &Path, bytes: &[u8]) -> Result<(), PluginError> {
    if bytes.starts_with(&MAGIC) {
        return Ok(());
    }
    Err(PluginError::NotWasm {
        plugin: name.to_string(),
        path: path.to_path_buf(),
    })
}

/// Fills as much of `buf` as the reader has (a short file is not an I/O error).
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn binary_wasm_is_read_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let module = b"\0asm\x01\0\0\0\x00\x03abc";
        let path = write(tmp.path(), "p.wasm", module);
        assert_eq!(read_plugin("p.wasm", &path).unwrap(), module);
    }

    #[test]
    fn text_short_files_and_nuls_are_not_binary_wasm() {
        let tmp = tempfile::tempdir().unwrap();
        for (name, bytes) in [
            ("text.wasm", &b"(module)"[..]),
            ("empty.wasm", b""),
            ("short.wasm", b"\0as"),
            ("nul.wasm", &[0u8; 64]),
        ] {
            let path = write(tmp.path(), name, bytes);
            let err = read_plugin(name, &path).unwrap_err();
            assert!(matches!(err, PluginError::NotWasm { .. }), "{name}: {err}");
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn a_file_above_the_bound_is_refused_before_it_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("huge.wasm");
        // Sparse: the size is there, the blocks are not; the check must not read them.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(128 << 20)
            .unwrap();
        let err = read_plugin("huge.wasm", &path).unwrap_err();
        assert!(
            matches!(err, PluginError::TooBig { size, .. } if size == 128 << 20),
            "{err}"
        );
        assert!(err.to_string().contains("huge.wasm"), "{err}");
    }
}

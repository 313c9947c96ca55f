//! Writes `tests/vectors/apikeys-list.json` from the code (see `src/vectors.rs`).

use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let file = atlas_apikeys_list::vectors::file();
    std::fs::create_dir_all(root.join("tests/vectors"))?;
    std::fs::write(root.join(atlas_apikeys_list::vectors::PATH), file.to_text())
}

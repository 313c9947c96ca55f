//! Writes `docs/abi-schema/*.json` from the wire types (see `src/schema.rs`).

use std::path::Path;

use atlas_plugin_api::schema;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(schema::DIR);
    std::fs::create_dir_all(&dir)?;
    for (name, value) in schema::schemas() {
        std::fs::write(dir.join(name), schema::to_text(&value))?;
    }
    Ok(())
}

//! `atlas plugin list`: every plugin atlas finds, installed or not, with its version, ABI,
//! origin, pin and source, in one stable table (search order, then the order found).

use super::ManageError;
use crate::index::PluginsDir;

/// A plugin that is not installed (bundled, or in the development directory), as discovery
/// found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `bundled` or `dev`.
    pub origin: &'static str,
    /// Its name, version and ABI version, from `describe`.
    pub name: String,
    pub version: String,
    pub abi: u32,
    /// Its content's sha256.
    pub sha256: String,
    /// Its file.
    pub file: String,
    /// Its commands' words.
    pub commands: Vec<String>,
}

const HEADER: [&str; 7] = [
    "NAME", "VERSION", "ABI", "ORIGIN", "SHA256", "SOURCE", "COMMANDS",
];

/// The table: `before` (the development directory's), the installed plugins, then `after` (the
/// bundled ones), as atlas searches them. An installed plugin's source is its file or URL; one
/// installed before sources were recorded shows `-`.
pub fn list(dir: &PluginsDir, before: &[Found], after: &[Found]) -> Result<String, ManageError> {
    let index = dir.load()?;
    let mut rows = vec![HEADER.map(String::from).to_vec()];
    let short = |sha: &str| sha[..12.min(sha.len())].to_string();
    let row = |f: &Found| {
        vec![
            f.name.clone(),
            f.version.clone(),
            f.abi.to_string(),
            f.origin.to_string(),
            short(&f.sha256),
            f.file.clone(),
            f.commands.join(", "),
        ]
    };
    rows.extend(before.iter().map(row));
    for e in &index.plugins {
        let commands: Vec<String> = e
            .describe
            .commands
            .iter()
            .map(|c| c.words().join(" "))
            .collect();
        rows.push(vec![
            e.name.clone(),
            e.describe.version.clone(),
            e.describe.abi_version.to_string(),
            "installed".into(),
            short(&e.sha256),
            e.source
                .as_ref()
                .map_or_else(|| "-".into(), ToString::to_string),
            commands.join(", "),
        ]);
    }
    rows.extend(after.iter().map(row));
    Ok(table(&rows))
}

fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |v| v.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| {
                if c + 1 == row.len() {
                    v.clone()
                } else {
                    format!("{v:<width$}", width = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("   ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns_and_leaves_the_last_ragged() {
        let rows = vec![
            vec!["NAME".to_string(), "V".into(), "CMD".into()],
            vec!["apikeys-create".into(), "0.1.0".into(), "a b".into()],
        ];
        assert_eq!(
            table(&rows),
            "NAME             V       CMD\napikeys-create   0.1.0   a b\n"
        );
    }

    #[test]
    fn development_installed_and_bundled_plugins_are_listed_in_search_order() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = PluginsDir {
            dir: tmp.path().join("none"),
        };
        let found = |origin, name: &str| Found {
            origin,
            name: name.into(),
            version: "1.0.0".into(),
            abi: 2,
            sha256: "0123456789abcdef".into(),
            file: format!("/p/{name}.wasm"),
            commands: vec!["a b".into(), "c".into()],
        };
        let text = list(&dir, &[found("dev", "d")], &[found("bundled", "b")]).unwrap();
        assert_eq!(
            text,
            "NAME   VERSION   ABI   ORIGIN    SHA256         SOURCE      COMMANDS\n\
             d      1.0.0     2     dev       0123456789ab   /p/d.wasm   a b, c\n\
             b      1.0.0     2     bundled   0123456789ab   /p/b.wasm   a b, c\n"
        );
    }
}
